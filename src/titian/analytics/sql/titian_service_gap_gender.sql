-- People by gender and whether a referral started for them recorded a "no suitable service" gap
-- (C10); people for whom no referral was ever started (service_gap NULL) are left out.
SELECT gender, CASE WHEN service_gap THEN 'yes' ELSE 'no' END AS service_gap, count(*) AS n
FROM people
WHERE service_gap IS NOT NULL
GROUP BY ALL
