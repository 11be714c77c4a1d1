-- Tideline · plan "Table and view kinds" · release r2 · MySQL/MariaDB
-- Refactoring invoice-lines (create_table), step expand, phase pre
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

CREATE TABLE IF NOT EXISTS `invoice_line` (
    `invoice_id` BIGINT NOT NULL,
    `line_no` INT NOT NULL,
    `label` VARCHAR(80) NOT NULL,
    `qty` INT NOT NULL DEFAULT 1,
    PRIMARY KEY (`invoice_id`, `line_no`),
    CONSTRAINT `invoice_line_qty_check` CHECK (qty > 0),
    CONSTRAINT `invoice_line_invoice_id_fkey` FOREIGN KEY (`invoice_id`) REFERENCES `invoice` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
