-- Titian's de-identified case snapshot (snapshot_schema.yaml) -> the labels every Titian-source
-- indicator uses. Reads only the view `src` (the snapshot Parquet) and the reference macros
-- `is_asean` (alpha-3 codes named in tables) and `is_ethnicity` (codes from the country settings).
--
-- Disability: three bands (data-standards.md (d), "For small counts, publish disability in at
-- most three bands"), from the six WG-SS domain answers (1-4; NULL = not asked, refused, don't
-- know): 'a_lot' when any answered domain is 3 or 4 (DISABILITY3, true even with missing
-- domains); 'some' when all six are answered and the highest is 2; 'none' when all six are
-- answered 1; otherwise 'unknown' (undetermined).
CREATE OR REPLACE VIEW people AS
WITH wg AS (
    SELECT *,
        -- greatest() skips NULLs: the highest answered domain (NULL when none is answered)
        greatest(wg_seeing, wg_hearing, wg_mobility, wg_cognition, wg_selfcare,
                 wg_communication) AS wg_top,
        (wg_seeing IS NOT NULL)::INTEGER + (wg_hearing IS NOT NULL)::INTEGER
            + (wg_mobility IS NOT NULL)::INTEGER + (wg_cognition IS NOT NULL)::INTEGER
            + (wg_selfcare IS NOT NULL)::INTEGER
            + (wg_communication IS NOT NULL)::INTEGER AS wg_answered
    FROM src
)
SELECT
    person_pid,
    country,
    gender,
    age_band,
    CASE WHEN minor THEN 'minor' WHEN NOT minor THEN 'adult' ELSE 'unknown' END AS minor_status,
    CASE
        WHEN coalesce(wg_top, 0) >= 3 THEN 'a_lot'
        WHEN wg_answered = 6 AND wg_top = 2 THEN 'some'
        WHEN wg_answered = 6 AND wg_top = 1 THEN 'none'
        ELSE 'unknown'
    END AS disability,
    CASE
        WHEN ethnicity_code IS NULL THEN 'unknown'
        WHEN is_ethnicity(ethnicity_code) THEN ethnicity_code
        ELSE 'other'
    END AS ethnicity,
    citizenship_status,
    CASE
        WHEN citizenship IS NULL THEN 'unknown'
        WHEN is_asean(citizenship) THEN citizenship
        ELSE 'other'
    END AS citizenship,
    CASE
        WHEN migration_status IS NULL THEN 'not_recorded'
        WHEN migration_status = 'labour_migrant' THEN 'labour_migrant'
        WHEN migration_status = 'irregular_migrant' THEN 'irregular_migrant'
        WHEN migration_status IN ('refugee', 'asylum_seeker', 'complementary_protection')
            THEN 'refugee_or_asylum'
        WHEN migration_status = 'stateless_person' THEN 'stateless_person'
        WHEN migration_status = 'internally_displaced_person' THEN 'internally_displaced'
        WHEN migration_status = 'returnee' THEN 'returnee'
        ELSE 'other_migrant'
    END AS migration_group,
    CASE
        WHEN exploitation_country IS NULL THEN 'unknown'
        WHEN is_asean(exploitation_country) THEN exploitation_country
        ELSE 'other'
    END AS exploitation_country,
    form_forced_labour, form_sexual_exploitation, form_forced_marriage, form_forced_criminality,
    form_forced_begging, form_servitude, form_other,
    sector,
    identification_status,
    detained,
    charged_non_punishment,
    offered_choice,
    interpreter_in_language,
    referral_accepted
FROM wg;
