-- Tideline · plan "Table and view kinds" · release r2 · MySQL/MariaDB
-- Refactoring no-log (drop_table), step contract, phase post
-- drop the foreign keys that reference it (dropReferencingKeys), then the table
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF((SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'legacy_log' AND column_name IN ('id', 'event_id', 'message')) = 3,
    'DROP TABLE `legacy_log`',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
