-- Tideline · plan "Every kind (MySQL)" · release r1 · MySQL/MariaDB
-- Refactoring wider-total (change_type), step expand, phase pre
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

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'total_new' UNION ALL SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'total' AND data_type = 'decimal' AND numeric_precision = 12 AND numeric_scale = 2),
    'ALTER TABLE `orders` ADD COLUMN `total_new` DECIMAL(12,2) NULL, ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

DELIMITER $$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_9bacb30db136_ins` BEFORE INSERT ON `orders` FOR EACH ROW
BEGIN
    IF NEW.`total_new` IS NULL THEN
        SET NEW.`total_new` = NEW.`total`;
    END IF;
END$$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_9bacb30db136_upd` BEFORE UPDATE ON `orders` FOR EACH ROW
BEGIN
    IF CAST(NEW.`total_new` AS BINARY) <=> CAST(OLD.`total_new` AS BINARY) AND NOT (CAST(NEW.`total` AS BINARY) <=> CAST(OLD.`total` AS BINARY)) THEN
        SET NEW.`total_new` = NEW.`total`;
    END IF;
END$$
DELIMITER ;
