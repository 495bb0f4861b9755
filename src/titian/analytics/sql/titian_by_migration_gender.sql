-- People by migration_group, gender.
SELECT migration_group, gender, count(*) AS n FROM people GROUP BY ALL
