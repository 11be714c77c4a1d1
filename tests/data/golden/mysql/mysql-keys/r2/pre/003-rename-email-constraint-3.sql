-- Tideline · plan "MySQL keys and text" · release r2 · MySQL/MariaDB
-- Refactoring rename-email (rename_column), step constraint, phase pre
-- give the new column what the old one has: NOT NULL, the default, indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other tables that reference it; then drop those constraints of the old column, which versions that stop writing it must not meet
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'sessions' AND constraint_name = 'sessions_email_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `sessions` DROP FOREIGN KEY `sessions_email_fkey`, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'sessions' AND index_name = 'sessions_email_fkey') AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'sessions' AND constraint_name = 'sessions_email_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `sessions` DROP INDEX `sessions_email_fkey`, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

-- Existing rows must satisfy foreign key sessions_login_fkey: the key below is added without a check.
DROP PROCEDURE IF EXISTS `tideline_orphans`;
DELIMITER $$
CREATE PROCEDURE `tideline_orphans`()
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'sessions' AND constraint_name = 'sessions_login_fkey' AND constraint_type = 'FOREIGN KEY')
       AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'sessions' AND column_name = 'account_email')
       AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'accounts' AND column_name = 'login') THEN
        IF EXISTS (SELECT 1 FROM `sessions` AS tideline_child WHERE tideline_child.`account_email` IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM `accounts` AS tideline_parent WHERE tideline_parent.`login` = tideline_child.`account_email`)) THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Tideline: rows of sessions have no parent in accounts; add them or fix them before key sessions_login_fkey';
        END IF;
    END IF;
END$$
DELIMITER ;
CALL `tideline_orphans`();
DROP PROCEDURE IF EXISTS `tideline_orphans`;
SET @tideline_fk_checks = @@SESSION.foreign_key_checks;
SET SESSION foreign_key_checks = 0;
SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'sessions' AND constraint_name = 'sessions_login_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `sessions` ADD CONSTRAINT `sessions_login_fkey` FOREIGN KEY (`account_email`) REFERENCES `accounts` (`login`) ON DELETE SET NULL ON UPDATE CASCADE, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET SESSION foreign_key_checks = @tideline_fk_checks;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'accounts' AND constraint_name = 'accounts_email_key' AND constraint_type = 'UNIQUE'),
    'ALTER TABLE `accounts` DROP INDEX `accounts_email_key`, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
