-- Tideline · plan "Hostile identifiers" · release r3 · MySQL/MariaDB
-- Refactoring require-prenom (rename_column), step constraint, phase pre
-- set NOT NULL on the new column
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'Robert''); DROP TABLE x;--' AND column_name = 'given name' AND is_nullable = 'YES'),
    'ALTER TABLE `Robert''); DROP TABLE x;--` MODIFY COLUMN `given name` VARCHAR(50) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
