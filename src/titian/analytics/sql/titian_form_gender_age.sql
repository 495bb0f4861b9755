-- People by form of exploitation x gender x age band; one table per form (several forms per
-- person are possible, so forms are not added up). One pass: a count per form, then unpivoted.
WITH by_group AS (
    SELECT gender, age_band,
        count_if(form_forced_labour) AS forced_labour,
        count_if(form_sexual_exploitation) AS sexual_exploitation,
        count_if(form_forced_marriage) AS forced_marriage,
        count_if(form_forced_criminality) AS forced_criminality,
        count_if(form_forced_begging) AS forced_begging,
        count_if(form_servitude) AS servitude,
        count_if(form_other) AS other_exploitation
    FROM people
    GROUP BY ALL
)
SELECT form, gender, age_band, n
FROM (UNPIVOT by_group ON forced_labour, sexual_exploitation, forced_marriage, forced_criminality, forced_begging, servitude, other_exploitation INTO NAME form VALUE n)
WHERE n > 0
