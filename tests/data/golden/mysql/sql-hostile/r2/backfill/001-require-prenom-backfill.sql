-- Tideline · plan "Hostile identifiers" · release r2 · MySQL/MariaDB
-- Refactoring require-prenom (rename_column), step backfill, phase backfill
-- copy the old column into the new one where still NULL
-- Re-runnable: running it again changes nothing.
DROP PROCEDURE IF EXISTS `tideline_backfill`;
CREATE PROCEDURE `tideline_backfill`()
BEGIN
    DECLARE tideline_last INT DEFAULT NULL;
    DECLARE tideline_next INT DEFAULT NULL;
    batches: LOOP
        SET tideline_next = NULL;
        SELECT MAX(tideline_key) INTO tideline_next FROM (
            SELECT `id` AS tideline_key FROM `Robert'); DROP TABLE x;--`
            WHERE `given name` IS NULL AND (tideline_last IS NULL OR `id` > tideline_last)
            ORDER BY `id` LIMIT 2) AS tideline_batch;
        IF tideline_next IS NULL THEN
            LEAVE batches;
        END IF;
        UPDATE `Robert'); DROP TABLE x;--` SET `given name` = `prénom`
        WHERE `given name` IS NULL AND (tideline_last IS NULL OR `id` > tideline_last) AND `id` <= tideline_next;
        SET tideline_last = tideline_next;
    END LOOP batches;
END;
CALL `tideline_backfill`();
DROP PROCEDURE IF EXISTS `tideline_backfill`;
