-- Tideline · plan "Every kind (MySQL)" · release r1 · MySQL/MariaDB
-- Refactoring wider-total (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'total_new'),
    'DO 0',
    'ALTER TABLE `orders` ADD COLUMN `total_new` DECIMAL(12,2) NULL, ALGORITHM=INSTANT');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

CREATE TRIGGER IF NOT EXISTS `tideline_sync_d443f26ab969_ins` BEFORE INSERT ON `orders` FOR EACH ROW
    SET NEW.`total_new` = NEW.`total`;
CREATE TRIGGER IF NOT EXISTS `tideline_sync_d443f26ab969_upd` BEFORE UPDATE ON `orders` FOR EACH ROW
    SET NEW.`total_new` = NEW.`total`;
