-- Tideline · plan "Hostile identifiers" · release r2 · MySQL/MariaDB
-- Refactoring require-prenom (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'Robert''); DROP TABLE x;--' AND column_name = 'given name'),
    'ALTER TABLE `Robert''); DROP TABLE x;--` ADD COLUMN `given name` VARCHAR(50) NULL, ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'Robert''); DROP TABLE x;--' AND column_name = 'prénom' AND is_nullable = 'NO'),
    'ALTER TABLE `Robert''); DROP TABLE x;--` MODIFY COLUMN `prénom` VARCHAR(50) NULL, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

DELIMITER $$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_c9d2effd3c9b_ins` BEFORE INSERT ON `Robert'); DROP TABLE x;--` FOR EACH ROW
BEGIN
    IF NEW.`given name` IS NULL THEN
        SET NEW.`given name` = NEW.`prénom`;
    END IF;
END$$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_c9d2effd3c9b_upd` BEFORE UPDATE ON `Robert'); DROP TABLE x;--` FOR EACH ROW
BEGIN
    IF CAST(NEW.`given name` AS BINARY) <=> CAST(OLD.`given name` AS BINARY) AND NOT (CAST(NEW.`prénom` AS BINARY) <=> CAST(OLD.`prénom` AS BINARY)) THEN
        SET NEW.`given name` = NEW.`prénom`;
    END IF;
END$$
DELIMITER ;
