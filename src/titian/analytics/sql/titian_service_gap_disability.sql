-- People by disability band and whether a referral started for them recorded a "no suitable
-- service" gap (C10); people for whom no referral was ever started are left out.
SELECT disability, CASE WHEN service_gap THEN 'yes' ELSE 'no' END AS service_gap, count(*) AS n
FROM people
WHERE service_gap IS NOT NULL
GROUP BY ALL
