-- Tideline · plan "Table and view kinds" · release r1 · MySQL/MariaDB
-- Refactoring invoices (create_table), step expand, phase pre
-- create the table with its keys, constraints and foreign keys
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

CREATE TABLE IF NOT EXISTS `invoice` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `customer_id` INT NOT NULL,
    `code` VARCHAR(20) NOT NULL,
    `amount` DECIMAL(12,2) NOT NULL DEFAULT 0.00,
    `status` VARCHAR(10) NOT NULL DEFAULT 'open',
    `note` TEXT NULL COMMENT 'free text',
    PRIMARY KEY (`id`),
    CONSTRAINT `invoice_code_key` UNIQUE (`code`),
    CONSTRAINT `invoice_amount_check` CHECK (amount >= 0),
    CONSTRAINT `invoice_customer_id_fkey` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
