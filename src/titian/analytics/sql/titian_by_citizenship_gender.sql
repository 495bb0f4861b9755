-- People by citizenship, gender.
SELECT citizenship, gender, count(*) AS n FROM people GROUP BY ALL
