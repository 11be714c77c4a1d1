-- Tideline · plan "Every kind (MySQL)" · release r2 · MySQL/MariaDB
-- Refactoring email-parts (split_column), step expand, phase pre
-- add the new columns (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'email_head'),
    'DO 0',
    'ALTER TABLE `customer` ADD COLUMN `email_head` VARCHAR(3) NULL, ALGORITHM=INSTANT');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'email_lower'),
    'DO 0',
    'ALTER TABLE `customer` ADD COLUMN `email_lower` VARCHAR(255) NULL, ALGORITHM=INSTANT');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
