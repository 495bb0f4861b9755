-- People by ethnicity, gender.
SELECT ethnicity, gender, count(*) AS n FROM people GROUP BY ALL
