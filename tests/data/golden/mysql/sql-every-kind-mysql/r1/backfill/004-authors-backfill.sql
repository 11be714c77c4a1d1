-- Tideline · plan "Every kind (MySQL)" · release r1 · MySQL/MariaDB
-- Refactoring authors (move_columns), step backfill, phase backfill
-- create the missing rows of the new table and set the key where still NULL
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
DROP PROCEDURE IF EXISTS `tideline_backfill`;
DELIMITER $$
CREATE PROCEDURE `tideline_backfill`()
tideline_body: BEGIN
    DECLARE tideline_last INT DEFAULT NULL;
    DECLARE tideline_next INT DEFAULT NULL;
    IF NOT ((SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'posts' AND column_name IN ('author_id', 'author_email', 'author_name')) = 3) THEN
        LEAVE tideline_body;
    END IF;
    batches: LOOP
        SET tideline_next = NULL;
        SELECT MAX(tideline_key) INTO tideline_next FROM (
            SELECT `id` AS tideline_key FROM `posts`
            WHERE `author_id` IS NULL AND (tideline_last IS NULL OR `id` > tideline_last)
            ORDER BY `id` LIMIT 1000) AS tideline_batch;
        IF tideline_next IS NULL THEN
            LEAVE batches;
        END IF;
INSERT INTO `authors` (`email`, `name`)
SELECT DISTINCT tideline_src.`author_email`, tideline_src.`author_name` FROM `posts` AS tideline_src
WHERE tideline_src.`author_id` IS NULL AND (tideline_last IS NULL OR tideline_src.`id` > tideline_last) AND tideline_src.`id` <= tideline_next
  AND (tideline_src.`author_email` IS NOT NULL OR tideline_src.`author_name` IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM `authors` AS tideline_dst WHERE tideline_dst.`email` <=> tideline_src.`author_email` AND tideline_dst.`name` <=> tideline_src.`author_name`);
UPDATE `posts` AS tideline_src
JOIN (SELECT MIN(tideline_dst.`id`) AS tideline_id, `email`, `name` FROM `authors` AS tideline_dst GROUP BY `email`, `name`) AS tideline_dst
  ON tideline_dst.`email` <=> tideline_src.`author_email` AND tideline_dst.`name` <=> tideline_src.`author_name`
SET tideline_src.`author_id` = tideline_dst.tideline_id
WHERE tideline_src.`author_id` IS NULL AND (tideline_last IS NULL OR tideline_src.`id` > tideline_last) AND tideline_src.`id` <= tideline_next;
        SET tideline_last = tideline_next;
    END LOOP batches;
END$$
DELIMITER ;
CALL `tideline_backfill`();
DROP PROCEDURE IF EXISTS `tideline_backfill`;
