-- Tideline · plan "MySQL keys and text" · release baseline · MySQL/MariaDB
-- Baseline schema S_0
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

CREATE TABLE IF NOT EXISTS `accounts` (
    `id` INT NOT NULL AUTO_INCREMENT,
    `email` VARCHAR(255) NOT NULL COMMENT 'login name',
    `code` VARCHAR(20) NOT NULL DEFAULT 'n/a' COMMENT 'it''s a \\ code',
    `bio` TEXT NULL,
    `status` ENUM('active','closed') NOT NULL DEFAULT 'active',
    `legacy` VARCHAR(30) CHARACTER SET latin1 COLLATE latin1_bin NULL,
    `avatar` BLOB NULL,
    `active` TINYINT(1) GENERATED ALWAYS AS (status = 'active') VIRTUAL,
    PRIMARY KEY (`id`),
    CONSTRAINT `accounts_email_key` UNIQUE (`email`),
    CONSTRAINT `accounts_code_check` CHECK (code <> ''),
    INDEX `accounts_bio_idx` (`bio`(10), `code` DESC)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='people who log in';

CREATE TABLE IF NOT EXISTS `sessions` (
    `id` INT NOT NULL AUTO_INCREMENT COMMENT 'session number',
    `account_id` INT NOT NULL,
    `account_email` VARCHAR(255) NULL,
    `note` TEXT NULL,
    PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'sessions' AND constraint_name = 'sessions_account_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `sessions` ADD CONSTRAINT `sessions_account_fkey` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE ON UPDATE CASCADE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'sessions' AND constraint_name = 'sessions_email_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `sessions` ADD CONSTRAINT `sessions_email_fkey` FOREIGN KEY (`account_email`) REFERENCES `accounts` (`email`) ON DELETE SET NULL ON UPDATE CASCADE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
