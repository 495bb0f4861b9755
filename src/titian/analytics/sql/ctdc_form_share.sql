-- CTDC codebook v2 (2024) section 6 denominator rule for the exploitation-type flag group:
-- a record enters only if at least one form flag is true; its empty form flags count as 'no';
-- records with no true form flag are left out. One yes/no table per form.
WITH flagged AS (
    SELECT * FROM people
    WHERE coalesce(f_forced_labour, false) OR coalesce(f_sexual_exploitation, false)
       OR coalesce(f_other_exploitation, false)
),
forms AS (
    SELECT 'forced_labour' AS form, coalesce(f_forced_labour, false) AS flag FROM flagged
    UNION ALL
    SELECT 'sexual_exploitation', coalesce(f_sexual_exploitation, false) FROM flagged
    UNION ALL
    SELECT 'other_exploitation', coalesce(f_other_exploitation, false) FROM flagged
)
SELECT form, CASE WHEN flag THEN 'yes' ELSE 'no' END AS has_form, count(*) AS n
FROM forms
GROUP BY ALL
