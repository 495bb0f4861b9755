-- Per form: people with that form and a known gender, by gender (share of women and girls).
WITH by_group AS (
    SELECT gender,
        count_if(form_forced_labour) AS forced_labour,
        count_if(form_sexual_exploitation) AS sexual_exploitation,
        count_if(form_forced_marriage) AS forced_marriage,
        count_if(form_forced_criminality) AS forced_criminality,
        count_if(form_forced_begging) AS forced_begging,
        count_if(form_servitude) AS servitude,
        count_if(form_other) AS other_exploitation
    FROM people
    WHERE gender <> 'unknown'
    GROUP BY ALL
)
SELECT form, gender, n
FROM (UNPIVOT by_group ON forced_labour, sexual_exploitation, forced_marriage, forced_criminality, forced_begging, servitude, other_exploitation INTO NAME form VALUE n)
WHERE n > 0
