-- Tideline · plan "Table and view kinds" · release baseline · MySQL/MariaDB
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

CREATE TABLE IF NOT EXISTS `customer` (
    `id` INT NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(100) NOT NULL,
    `email` VARCHAR(255) NULL,
    `tag_id` INT NULL,
    PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `legacy_log` (
    `id` INT NOT NULL AUTO_INCREMENT,
    `event_id` INT NULL,
    `message` TEXT NULL,
    PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `legacy_tag` (
    `id` INT NOT NULL AUTO_INCREMENT,
    `label` VARCHAR(40) NOT NULL,
    PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `old_events` (
    `id` INT NOT NULL AUTO_INCREMENT,
    `customer_id` INT NOT NULL,
    `kind` VARCHAR(20) NOT NULL DEFAULT 'info',
    `body` TEXT NULL,
    PRIMARY KEY (`id`),
    INDEX `old_events_customer_idx` (`customer_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'customer' AND constraint_name = 'customer_tag_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `customer` ADD CONSTRAINT `customer_tag_fkey` FOREIGN KEY (`tag_id`) REFERENCES `legacy_tag` (`id`)',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'legacy_log' AND constraint_name = 'legacy_log_event_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `legacy_log` ADD CONSTRAINT `legacy_log_event_fkey` FOREIGN KEY (`event_id`) REFERENCES `old_events` (`id`)',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'old_events' AND constraint_name = 'old_events_customer_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `old_events` ADD CONSTRAINT `old_events_customer_fkey` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`) ON DELETE CASCADE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

CREATE OR REPLACE VIEW `customer_cards` AS
SELECT id, name, email FROM customer;

CREATE OR REPLACE VIEW `customer_emails` AS
SELECT id, email FROM customer;
