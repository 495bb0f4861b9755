-- Per labour sector: records with that sector flag and a known gender, by gender (share of men
-- and boys = the 'man' cell over the sector's total).
SELECT sector, gender, count(*) AS n FROM people_sectors WHERE gender <> 'unknown' GROUP BY ALL
