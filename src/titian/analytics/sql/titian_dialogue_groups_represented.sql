-- Held policy dialogues by project group and whether the group was represented: at least one
-- organisation present serves it (broader groups include narrower ones: the companion's flags
-- are already expanded, titian.network.vocab.expand_groups). One row per dialogue and group;
-- one table per group (slice). Reads the view `seats`.
WITH dialogues AS (
    SELECT dialogue_pid,
        bool_or(women) AS women, bool_or(girls) AS girls, bool_or(men) AS men,
        bool_or(boys) AS boys, bool_or(children) AS children,
        bool_or(people_with_disability) AS people_with_disability,
        bool_or(ethnic_minority) AS ethnic_minority, bool_or(migrant) AS migrant,
        bool_or(stateless) AS stateless, bool_or(lgbtqi) AS lgbtqi
    FROM seats
    GROUP BY dialogue_pid
)
SELECT project_group, CASE WHEN served THEN 'yes' ELSE 'no' END AS represented, count(*) AS n
FROM (UNPIVOT dialogues ON women, girls, men, boys, children, people_with_disability, ethnic_minority, migrant, stateless, lgbtqi INTO NAME project_group VALUE served)
GROUP BY ALL
