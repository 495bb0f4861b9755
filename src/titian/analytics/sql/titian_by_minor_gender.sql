-- People by minor_status, gender.
SELECT minor_status, gender, count(*) AS n FROM people GROUP BY ALL
