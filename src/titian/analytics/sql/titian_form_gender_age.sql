-- People by form of exploitation x gender x age band; one table per form (several forms per
-- person are possible, so forms are not added up).
SELECT form, gender, age_band, count(*) AS n FROM people_forms GROUP BY ALL
