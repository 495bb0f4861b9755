-- People by gender, age_band.
SELECT gender, age_band, count(*) AS n FROM people GROUP BY ALL
