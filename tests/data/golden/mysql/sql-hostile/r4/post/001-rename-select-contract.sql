-- Tideline · plan "Hostile identifiers" · release r4 · MySQL/MariaDB
-- Refactoring rename-select (rename_column), step contract, phase post
-- drop the old column
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'Robert''); DROP TABLE x;--' AND column_name = 'select'),
    'ALTER TABLE `Robert''); DROP TABLE x;--` DROP COLUMN `select`, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
