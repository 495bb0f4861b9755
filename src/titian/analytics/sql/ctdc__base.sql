-- CTDC canonical Parquet (titian.analytics.ctdc) -> the labels every CTDC indicator uses.
-- Reads only the view `src` (the imported Parquet) and the macro `is_asean` (country settings).
-- Gender: CTDC Female/Woman -> woman, Male/Man -> man, Transgender/NonConforming -> another
-- (CTDC's own undivided category), missing -> unknown. Countries: ASEAN members named by alpha-3.
CREATE OR REPLACE VIEW people AS
SELECT
    CASE gender_htcds
        WHEN 'Feminine' THEN 'woman'
        WHEN 'Masculine' THEN 'man'
        WHEN 'NonConforming' THEN 'another'
        ELSE 'unknown'
    END AS gender,
    coalesce(age_band, 'unknown') AS age_band,
    CASE WHEN minor THEN 'minor' WHEN NOT minor THEN 'adult' ELSE 'unknown' END AS minor_status,
    CASE
        WHEN citizenship_alpha3 IS NULL THEN 'unknown'
        WHEN is_asean(citizenship_alpha3) THEN citizenship_alpha3
        ELSE 'other'
    END AS citizenship,
    CASE
        WHEN exploitation_country_alpha3 IS NULL THEN 'unknown'
        WHEN is_asean(exploitation_country_alpha3)
            THEN exploitation_country_alpha3
        ELSE 'other'
    END AS exploitation_country,
    exploitation_forced_labour AS f_forced_labour,
    exploitation_sexual AS f_sexual_exploitation,
    exploitation_other AS f_other_exploitation,
    labour_agriculture AS s_agriculture,
    labour_aquafarming AS s_aquafarming,
    labour_begging AS s_begging,
    labour_construction AS s_construction,
    labour_domestic_work AS s_domestic_work,
    labour_hospitality AS s_hospitality,
    labour_illicit_activities AS s_illicit_activities,
    labour_manufacturing AS s_manufacturing,
    labour_mining_or_drilling AS s_mining_or_drilling,
    labour_peddling AS s_peddling,
    labour_transportation AS s_transportation,
    labour_other AS s_other_sector
FROM src;

-- One row per (record, labour sector) for every sector flag that is true.
CREATE OR REPLACE VIEW people_sectors AS
SELECT * FROM (
    UNPIVOT people
    ON s_agriculture AS 'agriculture', s_aquafarming AS 'aquafarming', s_begging AS 'begging',
       s_construction AS 'construction', s_domestic_work AS 'domestic_work',
       s_hospitality AS 'hospitality', s_illicit_activities AS 'illicit_activities',
       s_manufacturing AS 'manufacturing', s_mining_or_drilling AS 'mining_or_drilling',
       s_peddling AS 'peddling', s_transportation AS 'transportation',
       s_other_sector AS 'other_sector'
    INTO NAME sector VALUE flag
)
WHERE flag;
