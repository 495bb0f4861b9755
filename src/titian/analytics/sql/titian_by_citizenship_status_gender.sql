-- People by citizenship_status, gender.
SELECT citizenship_status, gender, count(*) AS n FROM people GROUP BY ALL
