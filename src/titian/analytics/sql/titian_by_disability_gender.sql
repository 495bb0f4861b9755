-- People by disability, gender.
SELECT disability, gender, count(*) AS n FROM people GROUP BY ALL
