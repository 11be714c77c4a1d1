-- Tideline · plan "MySQL hostile names" · release r1 · MySQL/MariaDB
-- Refactoring widen-long (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'DELIMITER $$\\`x''*/' AND column_name = 'cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new' UNION ALL SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'DELIMITER $$\\`x''*/' AND column_name = 'cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc' AND data_type = 'varchar' AND character_maximum_length = 40),
    'ALTER TABLE `DELIMITER $$\\``x''*/` ADD COLUMN `cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new` VARCHAR(40) NULL, ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

DELIMITER $tideline1$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_728c81fb4396_ins` BEFORE INSERT ON `DELIMITER $$\``x'*/` FOR EACH ROW
BEGIN
    IF NEW.`cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new` IS NULL THEN
        SET NEW.`cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new` = NEW.`cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc`;
    END IF;
END$tideline1$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_728c81fb4396_upd` BEFORE UPDATE ON `DELIMITER $$\``x'*/` FOR EACH ROW
BEGIN
    IF CAST(NEW.`cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new` AS BINARY) <=> CAST(OLD.`cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new` AS BINARY) AND NOT (CAST(NEW.`cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc` AS BINARY) <=> CAST(OLD.`cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc` AS BINARY)) THEN
        SET NEW.`cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new` = NEW.`cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc`;
    END IF;
END$tideline1$
DELIMITER ;
