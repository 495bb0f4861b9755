-- Titian's de-identified case snapshot (snapshot_schema.yaml) -> the labels every Titian-source
-- indicator uses. Reads only the view `src` (the snapshot Parquet) and the reference macros
-- `is_asean` (alpha-3 codes named in tables) and `is_ethnicity` (codes from the country settings).
--
-- Each published label is a macro of the snapshot's own columns, used both by the view `people`
-- (one row per person: what every indicator's SQL file reads) and by `titian__batch.sql` (the
-- whole indicator set in one statement, which counts the snapshot's values first and labels the
-- few distinct values afterwards). One rule, written once, for both.
--
-- Disability: three bands (data-standards.md (d), "For small counts, publish disability in at
-- most three bands"), from the six WG-SS domain answers (1-4; NULL = not asked, refused, don't
-- know): 'a_lot' when any answered domain is 3 or 4 (DISABILITY3, true even with missing
-- domains); 'some' when all six are answered and the highest is 2; 'none' when all six are
-- answered 1; otherwise 'unknown' (undetermined).

-- The highest answered domain (greatest() skips NULLs; NULL when none is answered).
CREATE OR REPLACE MACRO wg_top(seeing, hearing, mobility, cognition, selfcare, communication) AS
    greatest(seeing, hearing, mobility, cognition, selfcare, communication);

-- True when all six domains are answered.
CREATE OR REPLACE MACRO wg_complete(seeing, hearing, mobility, cognition, selfcare, communication)
AS seeing IS NOT NULL AND hearing IS NOT NULL AND mobility IS NOT NULL
    AND cognition IS NOT NULL AND selfcare IS NOT NULL AND communication IS NOT NULL;

CREATE OR REPLACE MACRO disability_band(top, complete) AS
    CASE
        WHEN coalesce(top, 0) >= 3 THEN 'a_lot'
        WHEN complete AND top = 2 THEN 'some'
        WHEN complete AND top = 1 THEN 'none'
        ELSE 'unknown'
    END;

CREATE OR REPLACE MACRO minor_label(minor) AS
    CASE WHEN minor THEN 'minor' WHEN NOT minor THEN 'adult' ELSE 'unknown' END;

CREATE OR REPLACE MACRO ethnicity_label(code) AS
    CASE WHEN code IS NULL THEN 'unknown' WHEN is_ethnicity(code) THEN code ELSE 'other' END;

-- A country named when it is an ASEAN member state (or Timor-Leste), else 'other' or 'unknown'.
CREATE OR REPLACE MACRO country_label(code) AS
    CASE WHEN code IS NULL THEN 'unknown' WHEN is_asean(code) THEN code ELSE 'other' END;

CREATE OR REPLACE MACRO migration_label(status) AS
    CASE
        WHEN status IS NULL THEN 'not_recorded'
        WHEN status = 'labour_migrant' THEN 'labour_migrant'
        WHEN status = 'irregular_migrant' THEN 'irregular_migrant'
        WHEN status IN ('refugee', 'asylum_seeker', 'complementary_protection')
            THEN 'refugee_or_asylum'
        WHEN status = 'stateless_person' THEN 'stateless_person'
        WHEN status = 'internally_displaced_person' THEN 'internally_displaced'
        WHEN status = 'returnee' THEN 'returnee'
        ELSE 'other_migrant'
    END;

-- A recorded yes/no answer (callers leave out NULL, the unrecorded answers).
CREATE OR REPLACE MACRO yes_no(flag) AS CASE WHEN flag THEN 'yes' ELSE 'no' END;

CREATE OR REPLACE VIEW people AS
SELECT
    person_pid,
    country,
    gender,
    age_band,
    minor_label(minor) AS minor_status,
    disability_band(
        wg_top(wg_seeing, wg_hearing, wg_mobility, wg_cognition, wg_selfcare, wg_communication),
        wg_complete(wg_seeing, wg_hearing, wg_mobility, wg_cognition, wg_selfcare,
                    wg_communication)
    ) AS disability,
    ethnicity_label(ethnicity_code) AS ethnicity,
    citizenship_status,
    country_label(citizenship) AS citizenship,
    migration_label(migration_status) AS migration_group,
    country_label(exploitation_country) AS exploitation_country,
    form_forced_labour, form_sexual_exploitation, form_forced_marriage, form_forced_criminality,
    form_forced_begging, form_servitude, form_other,
    sector,
    identification_status,
    detained,
    charged_non_punishment,
    offered_choice,
    interpreter_in_language,
    referral_accepted,
    days_to_first_referral,
    service_gap
FROM src;

-- Seats at held policy dialogues (the snapshot's dialogue companion, dialogue_snapshot_schema.yaml,
-- through the view `seat_src`: empty when the snapshot has no companion). One row per seat; the
-- sides are labelled with codes of their own ('other' is 'other_side', not a country), and so are
-- the participants' genders: they are adults at a meeting, published as 'women' and 'men' (not
-- the case tables' 'women and girls'); 'another' stays one undivided category.
CREATE OR REPLACE MACRO side_label(role) AS
    CASE WHEN role = 'other' THEN 'other_side' ELSE role END;

CREATE OR REPLACE MACRO seat_gender_label(gender) AS
    CASE gender WHEN 'woman' THEN 'women' WHEN 'man' THEN 'men' ELSE gender END;

CREATE OR REPLACE VIEW seats AS
SELECT
    dialogue_pid,
    country,
    held_month,
    side_label(participant_role) AS participant_role,
    seat_gender_label(participant_gender) AS gender,
    side_label(organisation_role) AS organisation_role,
    serves_women AS women,
    serves_girls AS girls,
    serves_men AS men,
    serves_boys AS boys,
    serves_children AS children,
    serves_disability AS people_with_disability,
    serves_ethnic_minority AS ethnic_minority,
    serves_migrant AS migrant,
    serves_stateless AS stateless,
    serves_lgbtqi AS lgbtqi
FROM seat_src;
