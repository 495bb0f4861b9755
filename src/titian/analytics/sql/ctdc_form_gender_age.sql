-- Records by form of exploitation x gender x age band; one table per form (a record can have
-- several forms, so forms are not added up). One pass: a count per form, then unpivoted.
WITH by_group AS (
    SELECT gender, age_band,
        count_if(f_forced_labour) AS forced_labour,
        count_if(f_sexual_exploitation) AS sexual_exploitation,
        count_if(f_other_exploitation) AS other_exploitation
    FROM people
    GROUP BY ALL
)
SELECT form, gender, age_band, n
FROM (UNPIVOT by_group ON forced_labour, sexual_exploitation, other_exploitation INTO NAME form VALUE n)
WHERE n > 0
