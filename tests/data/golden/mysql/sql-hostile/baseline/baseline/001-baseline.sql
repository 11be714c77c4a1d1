-- Tideline · plan "Hostile identifiers" · release baseline · MySQL/MariaDB
-- Baseline schema S_0
-- Re-runnable: running it again changes nothing.
SET SESSION lock_wait_timeout = 10;

CREATE TABLE IF NOT EXISTS `Robert'); DROP TABLE x;--` (
    `id` INT NOT NULL AUTO_INCREMENT,
    `select` TEXT NULL,
    `prénom` VARCHAR(50) NOT NULL,
    `we"ird``]` TEXT NULL,
    PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
