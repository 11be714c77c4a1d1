-- Tideline · plan "Key kinds (MySQL)" · release r3 · MySQL/MariaDB
-- Refactoring orders-key (add_primary_key), step contract, phase pre
-- make the key columns NOT NULL and add the key online (replacing the old one in the same statement where the engine can)
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

-- Replaces the primary key (id); nothing once it is (id, customer_id).
SET @tideline_sql = IF(NOT ((SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'orders' AND index_name = 'PRIMARY') = 2 AND (SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'orders' AND index_name = 'PRIMARY' AND ((seq_in_index = 1 AND column_name = 'id') OR (seq_in_index = 2 AND column_name = 'customer_id'))) = 2),
    'ALTER TABLE `orders` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `customer_id`), ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
