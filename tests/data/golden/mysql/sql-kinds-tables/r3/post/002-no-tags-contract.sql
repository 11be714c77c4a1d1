-- Tideline · plan "Table and view kinds" · release r3 · MySQL/MariaDB
-- Refactoring no-tags (drop_table), step contract, phase post
-- drop the foreign keys that reference it (dropReferencingKeys), then the table
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'customer' AND constraint_name = 'customer_tag_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `customer` DROP FOREIGN KEY `customer_tag_fkey`, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'customer' AND index_name = 'customer_tag_fkey') AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'customer' AND constraint_name = 'customer_tag_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `customer` DROP INDEX `customer_tag_fkey`, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF((SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'legacy_tag' AND column_name IN ('id', 'label')) = 2,
    'DROP TABLE `legacy_tag`',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
