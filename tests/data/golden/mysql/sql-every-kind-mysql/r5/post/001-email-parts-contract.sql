-- Tideline · plan "Every kind (MySQL)" · release r5 · MySQL/MariaDB
-- Refactoring email-parts (split_column), step contract, phase post
-- drop the old column
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'email'),
    'ALTER TABLE `customer` DROP COLUMN `email`, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
