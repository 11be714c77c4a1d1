-- Tideline · plan "Every kind (MySQL)" · release r1 · MySQL/MariaDB
-- Refactoring authors (move_columns), step expand, phase pre
-- create the new table; add the nullable key column with its foreign key
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

CREATE TABLE IF NOT EXISTS `authors` (
    `id` INT NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(255) NULL,
    `email` VARCHAR(255) NULL,
    PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'posts' AND column_name = 'author_id'),
    'ALTER TABLE `posts` ADD COLUMN `author_id` INT NULL, ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

-- Existing rows must satisfy foreign key posts_author_id_fkey: the key below is added without a check.
DROP PROCEDURE IF EXISTS `tideline_orphans`;
DELIMITER $$
CREATE PROCEDURE `tideline_orphans`()
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'posts' AND constraint_name = 'posts_author_id_fkey' AND constraint_type = 'FOREIGN KEY')
       AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'posts' AND column_name = 'author_id')
       AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'authors' AND column_name = 'id') THEN
        IF EXISTS (SELECT 1 FROM `posts` AS tideline_child WHERE tideline_child.`author_id` IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM `authors` AS tideline_parent WHERE tideline_parent.`id` = tideline_child.`author_id`)) THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Tideline: rows of posts have no parent in authors; add them or fix them before key posts_author_id_fkey';
        END IF;
    END IF;
END$$
DELIMITER ;
CALL `tideline_orphans`();
DROP PROCEDURE IF EXISTS `tideline_orphans`;
SET @tideline_fk_checks = @@SESSION.foreign_key_checks;
SET SESSION foreign_key_checks = 0;
SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'posts' AND constraint_name = 'posts_author_id_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `posts` ADD CONSTRAINT `posts_author_id_fkey` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`), ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET SESSION foreign_key_checks = @tideline_fk_checks;
