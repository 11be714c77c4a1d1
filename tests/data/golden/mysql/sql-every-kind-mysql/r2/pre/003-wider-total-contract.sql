-- Tideline · plan "Every kind (MySQL)" · release r2 · MySQL/MariaDB
-- Refactoring wider-total (change_type), step contract, phase pre
-- swap: drop the old column, rename the shadow column to its name, drop the trigger
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

LOCK TABLES `orders` WRITE;
DROP TRIGGER IF EXISTS `tideline_sync_d443f26ab969_ins`;
DROP TRIGGER IF EXISTS `tideline_sync_d443f26ab969_upd`;
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'total_new'),
    'ALTER TABLE `orders` DROP COLUMN `total`, CHANGE COLUMN `total_new` `total` DECIMAL(12,2) NULL AFTER `customer_id`',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
UNLOCK TABLES;
