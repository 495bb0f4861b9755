-- Per labour sector (main sector of a labour exploitation): people with a known gender, by gender
-- (share of men and boys per sector).
SELECT sector, gender, count(*) AS n
FROM people
WHERE sector IS NOT NULL AND gender <> 'unknown'
GROUP BY ALL
