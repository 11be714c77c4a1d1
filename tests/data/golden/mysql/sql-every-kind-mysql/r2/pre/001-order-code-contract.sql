-- Tideline · plan "Every kind (MySQL)" · release r2 · MySQL/MariaDB
-- Refactoring order-code (add_column), step contract, phase pre
-- set NOT NULL once every running version writes the column
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'code' AND is_nullable = 'YES'),
    'ALTER TABLE `orders` MODIFY COLUMN `code` VARCHAR(20) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
