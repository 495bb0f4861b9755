-- People by identification_status, gender.
SELECT identification_status, gender, count(*) AS n FROM people GROUP BY ALL
