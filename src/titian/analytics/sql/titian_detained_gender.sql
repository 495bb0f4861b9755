-- People by gender and whether detained (yes/no); people with the flag unknown are left out
-- (the denominator is people with a recorded answer).
SELECT gender, CASE WHEN detained THEN 'yes' ELSE 'no' END AS detained, count(*) AS n
FROM people
WHERE detained IS NOT NULL
GROUP BY ALL
