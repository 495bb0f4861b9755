-- People by disability band and band of days from identification to the first referral sent;
-- people never referred or without an identification date (band NULL) are left out.
SELECT disability, days_to_first_referral, count(*) AS n
FROM people
WHERE days_to_first_referral IS NOT NULL
GROUP BY ALL
