-- Per form of exploitation: records with that form flag and a known gender, by gender. The share
-- of women and girls is the 'woman' cell over the form's total (records with known gender).
WITH by_group AS (
    SELECT gender,
        count_if(f_forced_labour) AS forced_labour,
        count_if(f_sexual_exploitation) AS sexual_exploitation,
        count_if(f_other_exploitation) AS other_exploitation
    FROM people
    WHERE gender <> 'unknown'
    GROUP BY ALL
)
SELECT form, gender, n
FROM (UNPIVOT by_group ON forced_labour, sexual_exploitation, other_exploitation INTO NAME form VALUE n)
WHERE n > 0
