-- Seats at held policy dialogues by the side the participant speaks for and their gender; seats
-- whose gender was not disclosed are left out (as on the dialogue pages: never guessed, never in
-- the base of the share of women, titian.dialogues.balance). Reads the view `seats`.
SELECT participant_role, gender, count(*) AS n
FROM seats
WHERE gender <> 'unknown'
GROUP BY ALL
