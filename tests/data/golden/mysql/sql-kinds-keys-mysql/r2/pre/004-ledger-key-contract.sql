-- Tideline · plan "Key kinds (MySQL)" · release r2 · MySQL/MariaDB
-- Refactoring ledger-key (add_primary_key), step contract, phase pre
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

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'ledger' AND column_name = 'entry' AND is_nullable = 'YES'),
    'ALTER TABLE `ledger` MODIFY COLUMN `entry` INT NOT NULL, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'ledger' AND constraint_name = 'PRIMARY' AND constraint_type = 'PRIMARY KEY'),
    'ALTER TABLE `ledger` ADD PRIMARY KEY (`entry`, `account`), ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
