-- Tideline · plan "Every kind (MySQL)" · release r2 · MySQL/MariaDB
-- Refactoring email-parts (split_column), step expand, phase pre
-- add the new columns (nullable) with triggers that compute them on every write of the old one; relax NOT NULL on the old one
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

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'email_head'),
    'ALTER TABLE `customer` ADD COLUMN `email_head` VARCHAR(3) NULL, ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'email_lower'),
    'ALTER TABLE `customer` ADD COLUMN `email_lower` VARCHAR(255) NULL, ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

-- user SQL: the conversion expression is the plan's own
DELIMITER $$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_96094d7ecd1f_ins` BEFORE INSERT ON `customer` FOR EACH ROW
BEGIN
    IF NEW.`email_head` IS NULL THEN
        SET NEW.`email_head` = (SELECT substr(email, 1, 3) FROM (SELECT NEW.`email` AS `email`) AS tideline_row);
    END IF;
END$$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_96094d7ecd1f_upd` BEFORE UPDATE ON `customer` FOR EACH ROW
BEGIN
    IF CAST(NEW.`email_head` AS BINARY) <=> CAST(OLD.`email_head` AS BINARY) AND NOT (CAST(NEW.`email` AS BINARY) <=> CAST(OLD.`email` AS BINARY)) THEN
        SET NEW.`email_head` = (SELECT substr(email, 1, 3) FROM (SELECT NEW.`email` AS `email`) AS tideline_row);
    END IF;
END$$
DELIMITER ;

-- user SQL: the conversion expression is the plan's own
DELIMITER $$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_3e86ca5ea4e5_ins` BEFORE INSERT ON `customer` FOR EACH ROW
BEGIN
    IF NEW.`email_lower` IS NULL THEN
        SET NEW.`email_lower` = (SELECT lower(email) FROM (SELECT NEW.`email` AS `email`) AS tideline_row);
    END IF;
END$$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_3e86ca5ea4e5_upd` BEFORE UPDATE ON `customer` FOR EACH ROW
BEGIN
    IF CAST(NEW.`email_lower` AS BINARY) <=> CAST(OLD.`email_lower` AS BINARY) AND NOT (CAST(NEW.`email` AS BINARY) <=> CAST(OLD.`email` AS BINARY)) THEN
        SET NEW.`email_lower` = (SELECT lower(email) FROM (SELECT NEW.`email` AS `email`) AS tideline_row);
    END IF;
END$$
DELIMITER ;
