-- People who were referred, by disability band and whether a referral was accepted (yes/no);
-- people never referred (referral_accepted NULL) are left out.
SELECT disability, CASE WHEN referral_accepted THEN 'yes' ELSE 'no' END AS referral_accepted,
       count(*) AS n
FROM people
WHERE referral_accepted IS NOT NULL
GROUP BY ALL
