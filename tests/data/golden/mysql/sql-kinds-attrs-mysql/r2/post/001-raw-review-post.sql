-- Tideline · plan "Attribute kinds (MySQL)" · release r2 · MySQL/MariaDB
-- Refactoring raw-review (raw_sql), step post, phase post
-- the SQL, after the switch
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

-- user SQL (raw_sql), as the plan gives it; skipped once its guard returns a row.
DROP PROCEDURE IF EXISTS `tideline_raw_sql`;
DELIMITER $$
CREATE PROCEDURE `tideline_raw_sql`()
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_log WHERE entry LIKE 'accounts reviewed%') THEN
INSERT INTO audit_log (entry) VALUES ('accounts reviewed');
UPDATE accounts SET note = 'it''s reviewed' WHERE note IS NULL;
    END IF;
END$$
DELIMITER ;
CALL `tideline_raw_sql`();
DROP PROCEDURE IF EXISTS `tideline_raw_sql`;
