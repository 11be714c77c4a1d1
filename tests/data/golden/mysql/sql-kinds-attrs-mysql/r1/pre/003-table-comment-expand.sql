-- Tideline · plan "Attribute kinds (MySQL)" · release r1 · MySQL/MariaDB
-- Refactoring table-comment (set_comment), step expand, phase pre
-- set the comment (metadata only)
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

ALTER TABLE `accounts` COMMENT = 'One row per account', ALGORITHM=INPLACE, LOCK=NONE;
