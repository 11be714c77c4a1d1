-- Tideline · plan "MySQL hostile names" · release r1 · MySQL/MariaDB
-- Refactoring rename-backslash (rename_column), step expand, phase pre
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

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'DELIMITER $$\\`x''*/' AND column_name = 'new */ name'),
    'ALTER TABLE `DELIMITER $$\\``x''*/` ADD COLUMN `new */ name` VARCHAR(30) NULL COMMENT ''*/ DELIMITER ;'', ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

DELIMITER $tideline1$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_27093e6b7471_ins` BEFORE INSERT ON `DELIMITER $$\``x'*/` FOR EACH ROW
BEGIN
    IF NEW.`new */ name` IS NULL THEN
        SET NEW.`new */ name` = NEW.`a\b``c`;
    END IF;
END$tideline1$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_27093e6b7471_upd` BEFORE UPDATE ON `DELIMITER $$\``x'*/` FOR EACH ROW
BEGIN
    IF CAST(NEW.`new */ name` AS BINARY) <=> CAST(OLD.`new */ name` AS BINARY) AND NOT (CAST(NEW.`a\b``c` AS BINARY) <=> CAST(OLD.`a\b``c` AS BINARY)) THEN
        SET NEW.`new */ name` = NEW.`a\b``c`;
    END IF;
END$tideline1$
DELIMITER ;
