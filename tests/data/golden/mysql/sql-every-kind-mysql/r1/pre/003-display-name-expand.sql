-- Tideline · plan "Every kind (MySQL)" · release r1 · MySQL/MariaDB
-- Refactoring display-name (rename_column), step expand, phase pre
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

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'display_name'),
    'ALTER TABLE `customer` ADD COLUMN `display_name` VARCHAR(100) NULL, ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'nickname' AND is_nullable = 'NO'),
    'ALTER TABLE `customer` MODIFY COLUMN `nickname` VARCHAR(100) NULL, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

DELIMITER $$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_87c8c7c997d8_ins` BEFORE INSERT ON `customer` FOR EACH ROW
BEGIN
    IF NEW.`display_name` IS NULL THEN
        SET NEW.`display_name` = NEW.`nickname`;
    END IF;
END$$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_87c8c7c997d8_upd` BEFORE UPDATE ON `customer` FOR EACH ROW
BEGIN
    IF CAST(NEW.`display_name` AS BINARY) <=> CAST(OLD.`display_name` AS BINARY) AND NOT (CAST(NEW.`nickname` AS BINARY) <=> CAST(OLD.`nickname` AS BINARY)) THEN
        SET NEW.`display_name` = NEW.`nickname`;
    END IF;
END$$
DELIMITER ;
