-- Records by minor status when exploited and gender.
SELECT minor_status, gender, count(*) AS n FROM people GROUP BY ALL
