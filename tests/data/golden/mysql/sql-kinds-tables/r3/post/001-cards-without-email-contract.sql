-- Tideline · plan "Table and view kinds" · release r3 · MySQL/MariaDB
-- Refactoring cards-without-email (replace_view), step contract, phase post
-- replace the definition, without the dropped columns
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

-- Only while customer_cards has its columns as before or after this change.
SET @tideline_sql = IF((SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position SEPARATOR '\n') FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer_cards') IN ('id\nname\nemail', 'id\nname'),
    'CREATE OR REPLACE VIEW `customer_cards` (`id`, `name`) AS
SELECT id, name FROM customer',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
