-- People by gender and whether offered choice (yes/no); people with the flag unknown are left out
-- (the denominator is people with a recorded answer).
SELECT gender, CASE WHEN offered_choice THEN 'yes' ELSE 'no' END AS offered_choice, count(*) AS n
FROM people
WHERE offered_choice IS NOT NULL
GROUP BY ALL
