-- Titian's de-identified case snapshot (snapshot_schema.yaml) -> the labels every Titian-source
-- indicator uses. Reads only the view `src` (the snapshot Parquet) and the reference tables
-- `asean` (alpha-3 codes named in tables) and `ethnicities` (codes from the country settings).
--
-- Disability: three bands (data-standards.md (d), "For small counts, publish disability in at
-- most three bands"), from the six WG-SS domain answers (1-4; NULL = not asked, refused, don't
-- know): 'a_lot' when any answered domain is 3 or 4 (DISABILITY3, true even with missing
-- domains); 'some' when all six are answered and the highest is 2; 'none' when all six are
-- answered 1; otherwise 'unknown' (undetermined).
CREATE OR REPLACE VIEW people AS
WITH wg AS (
    SELECT *,
        list_filter([wg_seeing, wg_hearing, wg_mobility, wg_cognition, wg_selfcare,
                     wg_communication], lambda x: x IS NOT NULL) AS wg_answers
    FROM src
)
SELECT
    person_pid,
    country,
    gender,
    age_band,
    CASE WHEN minor THEN 'minor' WHEN NOT minor THEN 'adult' ELSE 'unknown' END AS minor_status,
    CASE
        WHEN coalesce(list_max(wg_answers), 0) >= 3 THEN 'a_lot'
        WHEN len(wg_answers) = 6 AND list_max(wg_answers) = 2 THEN 'some'
        WHEN len(wg_answers) = 6 AND list_max(wg_answers) = 1 THEN 'none'
        ELSE 'unknown'
    END AS disability,
    CASE
        WHEN ethnicity_code IS NULL THEN 'unknown'
        WHEN ethnicity_code IN (SELECT code FROM ethnicities) THEN ethnicity_code
        ELSE 'other'
    END AS ethnicity,
    citizenship_status,
    CASE
        WHEN citizenship IS NULL THEN 'unknown'
        WHEN citizenship IN (SELECT code FROM asean) THEN citizenship
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
        WHEN exploitation_country IN (SELECT code FROM asean) THEN exploitation_country
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

-- One row per (person, form) for every form flag that is true.
CREATE OR REPLACE VIEW people_forms AS
SELECT * FROM (
    UNPIVOT people
    ON form_forced_labour AS 'forced_labour',
       form_sexual_exploitation AS 'sexual_exploitation',
       form_forced_marriage AS 'forced_marriage',
       form_forced_criminality AS 'forced_criminality',
       form_forced_begging AS 'forced_begging',
       form_servitude AS 'servitude',
       form_other AS 'other_exploitation'
    INTO NAME form VALUE flag
)
WHERE flag;
