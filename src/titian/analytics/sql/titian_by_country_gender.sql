-- People by country, gender.
SELECT country, gender, count(*) AS n FROM people GROUP BY ALL
