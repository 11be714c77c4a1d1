-- Tideline · plan "MySQL keys and text" · release r1 · MySQL/MariaDB
-- Refactoring rename-email (rename_column), step expand, phase pre
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

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'accounts' AND column_name = 'login'),
    'ALTER TABLE `accounts` ADD COLUMN `login` VARCHAR(255) NULL COMMENT ''login name'', ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'accounts' AND column_name = 'email' AND is_nullable = 'NO'),
    'ALTER TABLE `accounts` MODIFY COLUMN `email` VARCHAR(255) NULL COMMENT ''login name'', ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

DELIMITER $$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_2b977a8830c4_ins` BEFORE INSERT ON `accounts` FOR EACH ROW
BEGIN
    IF NEW.`login` IS NULL THEN
        SET NEW.`login` = NEW.`email`;
    END IF;
END$$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_2b977a8830c4_upd` BEFORE UPDATE ON `accounts` FOR EACH ROW
BEGIN
    IF CAST(NEW.`login` AS BINARY) <=> CAST(OLD.`login` AS BINARY) AND NOT (CAST(NEW.`email` AS BINARY) <=> CAST(OLD.`email` AS BINARY)) THEN
        SET NEW.`login` = NEW.`email`;
    END IF;
END$$
DELIMITER ;
