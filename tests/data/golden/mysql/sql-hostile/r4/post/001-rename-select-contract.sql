-- Tideline · plan "Hostile identifiers" · release r4 · MySQL/MariaDB
-- Refactoring rename-select (rename_column), step contract, phase post
-- drop the trigger and the old column with its indexes
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

DROP TRIGGER IF EXISTS `tideline_sync_7d98f01d23f6_ins`;
DROP TRIGGER IF EXISTS `tideline_sync_7d98f01d23f6_upd`;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'Robert''); DROP TABLE x;--' AND column_name = 'select'),
    'ALTER TABLE `Robert''); DROP TABLE x;--` DROP COLUMN `select`, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
