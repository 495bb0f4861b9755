-- People by gender and whether interpreter in language (yes/no); people with the flag unknown are left out
-- (the denominator is people with a recorded answer).
SELECT gender, CASE WHEN interpreter_in_language THEN 'yes' ELSE 'no' END AS interpreter_in_language, count(*) AS n
FROM people
WHERE interpreter_in_language IS NOT NULL
GROUP BY ALL
