-- Tideline · plan "Table and view kinds" · release r1 · MySQL/MariaDB
-- Refactoring emails-with-name (replace_view), step expand, phase pre
-- replace the definition (CREATE OR REPLACE VIEW)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

-- Only while customer_emails has its columns as before or after this change.
SET @tideline_sql = IF((SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position SEPARATOR '\n') FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer_emails') IN ('id\nemail', 'id\nemail\nname'),
    'CREATE OR REPLACE VIEW `customer_emails` (`id`, `email`, `name`) AS
SELECT id, email, name FROM customer',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
