-- Tideline · plan "Table and view kinds" · release r1 · MySQL/MariaDB
-- Refactoring events (rename_table), step expand, phase pre
-- rename the table and, in the same transaction, create a view of all its columns under the old name
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

-- Both statements run only when old_events is still a table and events is free; a re-run does nothing.
SET @tideline_rename = EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'old_events' AND table_type = 'BASE TABLE')
    AND NOT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'events');
SET @tideline_sql = IF(@tideline_rename,
    'RENAME TABLE `old_events` TO `events`',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET @tideline_sql = IF(@tideline_rename,
    'CREATE VIEW `old_events` (`id`, `customer_id`, `kind`, `body`) AS
SELECT `id`, `customer_id`, `kind`, `body` FROM `events`',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
