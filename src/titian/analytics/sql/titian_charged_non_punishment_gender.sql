-- People by gender and whether charged non punishment (yes/no); people with the flag unknown are left out
-- (the denominator is people with a recorded answer).
SELECT gender, CASE WHEN charged_non_punishment THEN 'yes' ELSE 'no' END AS charged_non_punishment, count(*) AS n
FROM people
WHERE charged_non_punishment IS NOT NULL
GROUP BY ALL
