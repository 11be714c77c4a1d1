-- Tideline · plan "Every kind (MySQL)" · release r1 · MySQL/MariaDB
-- Refactoring loyalty (add_column), step expand, phase pre
-- add the column (nullable, or NOT NULL with its constant default)
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'loyalty_points'),
    'DO 0',
    'ALTER TABLE `customer` ADD COLUMN `loyalty_points` INT NOT NULL DEFAULT 0, ALGORITHM=INSTANT');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
