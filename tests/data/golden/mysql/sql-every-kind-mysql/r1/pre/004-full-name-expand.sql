-- Tideline · plan "Every kind (MySQL)" · release r1 · MySQL/MariaDB
-- Refactoring full-name (merge_columns), step expand, phase pre
-- add the merged column (nullable) with a trigger that computes it on every write of the old ones; relax NOT NULL on the old ones
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

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'full_name'),
    'ALTER TABLE `customer` ADD COLUMN `full_name` VARCHAR(256) NULL, ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'first_name' AND is_nullable = 'NO'),
    'ALTER TABLE `customer` MODIFY COLUMN `first_name` VARCHAR(100) NULL, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'last_name' AND is_nullable = 'NO'),
    'ALTER TABLE `customer` MODIFY COLUMN `last_name` VARCHAR(100) NULL, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

-- user SQL: the conversion expression is the plan's own
DELIMITER $$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_3f9901fc25be_ins` BEFORE INSERT ON `customer` FOR EACH ROW
BEGIN
    IF NEW.`full_name` IS NULL THEN
        SET NEW.`full_name` = (SELECT CONCAT(first_name, ' ', last_name) FROM (SELECT NEW.`first_name` AS `first_name`, NEW.`last_name` AS `last_name`) AS tideline_row);
    END IF;
END$$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_3f9901fc25be_upd` BEFORE UPDATE ON `customer` FOR EACH ROW
BEGIN
    IF CAST(NEW.`full_name` AS BINARY) <=> CAST(OLD.`full_name` AS BINARY) AND NOT (CAST(NEW.`first_name` AS BINARY) <=> CAST(OLD.`first_name` AS BINARY) AND CAST(NEW.`last_name` AS BINARY) <=> CAST(OLD.`last_name` AS BINARY)) THEN
        SET NEW.`full_name` = (SELECT CONCAT(first_name, ' ', last_name) FROM (SELECT NEW.`first_name` AS `first_name`, NEW.`last_name` AS `last_name`) AS tideline_row);
    END IF;
END$$
DELIMITER ;
