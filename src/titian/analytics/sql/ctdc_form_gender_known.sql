-- Per form of exploitation: records with that form flag and a known gender, by gender. The share
-- of women and girls is the 'woman' cell over the form's total (records with known gender).
SELECT form, gender, count(*) AS n FROM people_forms WHERE gender <> 'unknown' GROUP BY ALL
