-- Tideline · plan "Hostile identifiers" · release r2 · MySQL/MariaDB
-- Refactoring require-prenom (rename_column), step expand, phase pre
-- add the new column (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'Robert''); DROP TABLE x;--' AND column_name = 'given name'),
    'DO 0',
    'ALTER TABLE `Robert''); DROP TABLE x;--` ADD COLUMN `given name` VARCHAR(50) NULL, ALGORITHM=INSTANT');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'Robert''); DROP TABLE x;--' AND column_name = 'prénom' AND is_nullable = 'NO'),
    'ALTER TABLE `Robert''); DROP TABLE x;--` MODIFY COLUMN `prénom` VARCHAR(50) NULL, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
