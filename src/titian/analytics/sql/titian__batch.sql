-- Every indicator of titian.yaml in one statement, with the same counts as the indicators' own
-- SQL files. Those files stay the definition: tests/analytics/test_indicator_batch.py checks on
-- generated snapshots that both give the same cells.
--
-- Why a second form: putting a label on every row (CASE over the code lists, the WG-SS band)
-- costs far more than counting the rows. So each by_* CTE counts the snapshot's own values (one
-- scan of `src`, a few columns), and the labels of titian__base.sql are put on the few distinct
-- values afterwards. Each label is a function of those values alone, so the sum per label is the
-- count per label. Yes/no answers are counted as (true, known): false = known - true, and
-- unrecorded = n - known.
--
-- Returns one row per non-empty cell: the indicator id, its dimension values in the catalogue's
-- order (d1, d2, d3; unused ones NULL) and n.
WITH
by_age AS MATERIALIZED (
    SELECT gender, age_band, count(*) AS n,
        count_if(form_forced_labour) AS forced_labour,
        count_if(form_sexual_exploitation) AS sexual_exploitation,
        count_if(form_forced_marriage) AS forced_marriage,
        count_if(form_forced_criminality) AS forced_criminality,
        count_if(form_forced_begging) AS forced_begging,
        count_if(form_servitude) AS servitude,
        count_if(form_other) AS other_exploitation,
        count_if(minor) AS minor_true, count(minor) AS minor_known,
        count_if(detained) AS detained_true, count(detained) AS detained_known,
        count_if(charged_non_punishment) AS charged_true,
        count(charged_non_punishment) AS charged_known,
        count_if(offered_choice) AS offered_true, count(offered_choice) AS offered_known,
        count_if(interpreter_in_language) AS interpreter_true,
        count(interpreter_in_language) AS interpreter_known
    FROM src
    GROUP BY ALL
),
-- One row per form, gender and age band (the form names are those of titian_form_gender_age.sql).
by_form AS MATERIALIZED (
    SELECT gender, age_band,
        unnest(['forced_labour', 'sexual_exploitation', 'forced_marriage', 'forced_criminality',
                'forced_begging', 'servitude', 'other_exploitation']) AS form,
        unnest([forced_labour, sexual_exploitation, forced_marriage, forced_criminality,
                forced_begging, servitude, other_exploitation]) AS n
    FROM by_age
),
by_gender AS MATERIALIZED (
    SELECT gender, sum(n) AS n,
        sum(minor_true) AS minor_true, sum(minor_known) AS minor_known,
        sum(detained_true) AS detained_true, sum(detained_known) AS detained_known,
        sum(charged_true) AS charged_true, sum(charged_known) AS charged_known,
        sum(offered_true) AS offered_true, sum(offered_known) AS offered_known,
        sum(interpreter_true) AS interpreter_true, sum(interpreter_known) AS interpreter_known
    FROM by_age
    GROUP BY gender
),
-- One row per yes/no indicator and gender: the people with a recorded answer, and those with yes.
by_answer AS (
    SELECT gender,
        unnest(['titian_detained_gender', 'titian_charged_gender',
                'titian_offered_choice_gender', 'titian_interpreter_gender']) AS indicator,
        unnest([detained_true, charged_true, offered_true, interpreter_true]) AS yes,
        unnest([detained_known, charged_known, offered_known, interpreter_known]) AS known
    FROM by_gender
),
by_wg AS MATERIALIZED (
    SELECT gender,
        wg_top(wg_seeing, wg_hearing, wg_mobility, wg_cognition, wg_selfcare,
               wg_communication) AS top,
        wg_complete(wg_seeing, wg_hearing, wg_mobility, wg_cognition, wg_selfcare,
                    wg_communication) AS complete,
        days_to_first_referral,
        count(*) AS n,
        count_if(referral_accepted) AS referral_true, count(referral_accepted) AS referral_known,
        count_if(service_gap) AS gap_true, count(service_gap) AS gap_known
    FROM src
    GROUP BY ALL
),
by_status AS (
    SELECT gender, citizenship_status, identification_status, country, count(*) AS n
    FROM src
    GROUP BY ALL
),
by_country AS (
    SELECT gender, citizenship, exploitation_country, count(*) AS n FROM src GROUP BY ALL
),
by_ethnicity AS (SELECT gender, ethnicity_code, count(*) AS n FROM src GROUP BY ALL),
by_migration AS (SELECT gender, migration_status, count(*) AS n FROM src GROUP BY ALL),
by_sector AS (SELECT gender, sector, count(*) AS n FROM src GROUP BY ALL),
cells AS (
    SELECT 'titian_gender_age' AS indicator, gender AS d1, age_band AS d2, NULL::VARCHAR AS d3, n
    FROM by_age
    UNION ALL
    SELECT 'titian_form_gender_age', form, gender, age_band, n FROM by_form
    UNION ALL
    SELECT 'titian_women_share_by_form', form, gender, NULL, n
    FROM by_form WHERE gender <> 'unknown'
    UNION ALL
    SELECT 'titian_minor_gender', minor_label(minor), gender, NULL, n
    FROM (
        SELECT gender, unnest([true, false, NULL]) AS minor,
            unnest([minor_true, minor_known - minor_true, n - minor_known]) AS n
        FROM by_gender
    )
    UNION ALL
    SELECT indicator, gender, yes_no(answer), NULL, n
    FROM (
        SELECT indicator, gender, unnest([true, false]) AS answer, unnest([yes, known - yes]) AS n
        FROM by_answer
    )
    UNION ALL
    SELECT 'titian_disability_gender', disability_band(top, complete), gender, NULL, n
    FROM by_wg
    UNION ALL
    SELECT 'titian_referral_accepted_disability', disability_band(top, complete),
        yes_no(answer), NULL, n
    FROM (
        SELECT top, complete, unnest([true, false]) AS answer,
            unnest([referral_true, referral_known - referral_true]) AS n
        FROM by_wg
    )
    UNION ALL
    SELECT 'titian_days_to_referral_gender', gender, days_to_first_referral, NULL, n
    FROM by_wg WHERE days_to_first_referral IS NOT NULL
    UNION ALL
    SELECT 'titian_days_to_referral_disability', disability_band(top, complete),
        days_to_first_referral, NULL, n
    FROM by_wg WHERE days_to_first_referral IS NOT NULL
    UNION ALL
    SELECT 'titian_service_gap_gender', gender, yes_no(answer), NULL, n
    FROM (
        SELECT gender, unnest([true, false]) AS answer,
            unnest([gap_true, gap_known - gap_true]) AS n
        FROM by_wg
    )
    UNION ALL
    SELECT 'titian_service_gap_disability', disability_band(top, complete), yes_no(answer),
        NULL, n
    FROM (
        SELECT top, complete, unnest([true, false]) AS answer,
            unnest([gap_true, gap_known - gap_true]) AS n
        FROM by_wg
    )
    UNION ALL
    SELECT
        unnest(['titian_citizenship_status_gender', 'titian_identification_gender',
                'titian_country_gender']),
        unnest([citizenship_status, identification_status, country]), gender, NULL, n
    FROM by_status
    UNION ALL
    SELECT indicator, country_label(code), gender, NULL, n
    FROM (
        SELECT gender, n,
            unnest(['titian_citizenship_gender', 'titian_exploitation_country_gender'])
                AS indicator,
            unnest([citizenship, exploitation_country]) AS code
        FROM by_country
    )
    UNION ALL
    SELECT 'titian_ethnicity_gender', ethnicity_label(ethnicity_code), gender, NULL, n
    FROM by_ethnicity
    UNION ALL
    SELECT 'titian_migration_gender', migration_label(migration_status), gender, NULL, n
    FROM by_migration
    UNION ALL
    SELECT 'titian_men_share_by_sector', sector, gender, NULL, n
    FROM by_sector WHERE sector IS NOT NULL AND gender <> 'unknown'
)
SELECT indicator, d1, d2, d3, sum(n)::BIGINT AS n
FROM cells
GROUP BY ALL
HAVING sum(n) > 0
