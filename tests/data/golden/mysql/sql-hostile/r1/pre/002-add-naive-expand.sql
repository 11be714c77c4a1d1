-- Tideline · plan "Hostile identifiers" · release r1 · MySQL/MariaDB
-- Refactoring add-naive (add_column), step expand, phase pre
-- add the column (nullable, or NOT NULL with its constant default)
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'Robert''); DROP TABLE x;--' AND column_name = 'naïve $$ column'),
    'DO 0',
    'ALTER TABLE `Robert''); DROP TABLE x;--` ADD COLUMN `naïve $$ column` VARCHAR(20) NULL, ALGORITHM=INSTANT');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
