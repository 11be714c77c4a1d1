-- Tideline · plan "Every kind (MySQL)" · release r1 · MySQL/MariaDB
-- Refactoring full-name (merge_columns), step expand, phase pre
-- add the merged column (nullable); relax NOT NULL on the old ones
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'full_name'),
    'DO 0',
    'ALTER TABLE `customer` ADD COLUMN `full_name` VARCHAR(256) NULL, ALGORITHM=INSTANT');
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
