-- Records by gender and age band (CTDC ageBroad, age at registration).
SELECT gender, age_band, count(*) AS n FROM people GROUP BY ALL
