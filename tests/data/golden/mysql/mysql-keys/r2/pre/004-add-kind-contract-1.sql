-- Tideline · plan "MySQL keys and text" · release r2 · MySQL/MariaDB
-- Refactoring add-kind (add_column), step contract, phase pre
-- once every running version writes the column: fill rows an older version left NULL, then set the default and NOT NULL
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

-- user SQL: the backfill expression is the plan's own
DROP PROCEDURE IF EXISTS `tideline_backfill`;
DELIMITER $$
CREATE PROCEDURE `tideline_backfill`()
tideline_body: BEGIN
    DECLARE tideline_last BIGINT DEFAULT NULL;
    DECLARE tideline_next BIGINT DEFAULT NULL;
    IF NOT ((SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'sessions' AND column_name IN ('kind')) = 1) THEN
        LEAVE tideline_body;
    END IF;
    batches: LOOP
        SET tideline_next = NULL;
        SELECT MAX(tideline_key) INTO tideline_next FROM (
            SELECT `id` AS tideline_key FROM `sessions`
            WHERE `kind` IS NULL AND (tideline_last IS NULL OR `id` > tideline_last)
            ORDER BY `id` LIMIT 2) AS tideline_batch;
        IF tideline_next IS NULL THEN
            LEAVE batches;
        END IF;
UPDATE `sessions` SET `kind` = ('line1
line2 \\ it''s')
WHERE `kind` IS NULL AND (tideline_last IS NULL OR `id` > tideline_last) AND `id` <= tideline_next;
        SET tideline_last = tideline_next;
    END LOOP batches;
END$$
DELIMITER ;
CALL `tideline_backfill`();
DROP PROCEDURE IF EXISTS `tideline_backfill`;
