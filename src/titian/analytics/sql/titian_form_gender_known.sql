-- Per form: people with that form and a known gender, by gender (share of women and girls).
SELECT form, gender, count(*) AS n FROM people_forms WHERE gender <> 'unknown' GROUP BY ALL
