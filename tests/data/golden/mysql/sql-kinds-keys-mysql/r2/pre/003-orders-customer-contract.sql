-- Tideline · plan "Key kinds (MySQL)" · release r2 · MySQL/MariaDB
-- Refactoring orders-customer (add_foreign_key), step contract, phase pre
-- add the foreign key once every running version honours it, validating existing rows without blocking writes where the engine can
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

-- Existing rows must satisfy foreign key orders_customer_id_fkey: the key below is added without a check.
DROP PROCEDURE IF EXISTS `tideline_orphans`;
DELIMITER $$
CREATE PROCEDURE `tideline_orphans`()
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'orders' AND constraint_name = 'orders_customer_id_fkey' AND constraint_type = 'FOREIGN KEY')
       AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'customer_id')
       AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' AND column_name = 'id') THEN
        IF EXISTS (SELECT 1 FROM `orders` AS tideline_child WHERE tideline_child.`customer_id` IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM `customer` AS tideline_parent WHERE tideline_parent.`id` = tideline_child.`customer_id`)) THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Tideline: rows of orders have no parent in customer; add them or fix them before key orders_customer_id_fkey';
        END IF;
    END IF;
END$$
DELIMITER ;
CALL `tideline_orphans`();
DROP PROCEDURE IF EXISTS `tideline_orphans`;
SET @tideline_fk_checks = @@SESSION.foreign_key_checks;
SET SESSION foreign_key_checks = 0;
SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'orders' AND constraint_name = 'orders_customer_id_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `orders` ADD CONSTRAINT `orders_customer_id_fkey` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`) ON DELETE CASCADE, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET SESSION foreign_key_checks = @tideline_fk_checks;
