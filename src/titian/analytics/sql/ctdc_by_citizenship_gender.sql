-- Records by citizenship (ASEAN member states named) and gender.
SELECT citizenship, gender, count(*) AS n FROM people GROUP BY ALL
