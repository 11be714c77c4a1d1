-- Tideline · plan "Key kinds (MySQL)" · release baseline · MySQL/MariaDB
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
    `email` VARCHAR(255) NULL,
    `code` VARCHAR(20) NOT NULL,
    `score` INT NOT NULL DEFAULT 0,
    `region_id` INT NULL,
    `note` VARCHAR(200) NULL,
    PRIMARY KEY (`id`),
    CONSTRAINT `customer_code_key` UNIQUE (`code`),
    CONSTRAINT `customer_score_check` CHECK (score >= 0),
    INDEX `customer_region_idx` (`region_id`),
    INDEX `customer_note_idx` (`note`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `ledger` (
    `entry` INT NULL,
    `account` VARCHAR(20) NOT NULL,
    `amount` INT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `orders` (
    `id` INT NOT NULL AUTO_INCREMENT,
    `customer_id` INT NOT NULL,
    `total` DECIMAL(10,2) NULL,
    `status` VARCHAR(20) NULL,
    PRIMARY KEY (`id`),
    CONSTRAINT `orders_status_check` CHECK (status <> ''),
    INDEX `orders_status_idx` (`status`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `region` (
    `id` INT NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(100) NOT NULL,
    `code` VARCHAR(10) NOT NULL,
    PRIMARY KEY (`id`),
    CONSTRAINT `region_name_key` UNIQUE (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'customer' AND constraint_name = 'customer_region_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `customer` ADD CONSTRAINT `customer_region_fkey` FOREIGN KEY (`region_id`) REFERENCES `region` (`id`) ON DELETE SET NULL',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
