-- verify's sample rows against what real schemas declare (tst_verifier realSchemas): CHECKs,
-- UNSIGNED and tinyint ranges, decimal precision, lengths, ENUM and SET, binary and BLOB keys
-- (a prefix key), composite keys over an enum and a boolean, AUTO_INCREMENT, generated columns,
-- YEAR, a type verify does not know (point). The last two tables no row can satisfy: verify
-- must skip them and say why.
CREATE TABLE people (
    id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name varchar(5) NOT NULL,
    code char(3) NOT NULL UNIQUE,
    age tinyint unsigned NOT NULL CHECK (age >= 18),
    status enum('new','active','gone') NOT NULL DEFAULT 'new',
    tags set('a','b','c') NOT NULL,
    level tinyint NOT NULL,
    price decimal(5,2) unsigned NOT NULL CHECK (price > 0),
    starts date NOT NULL,
    ends date NOT NULL,
    email varchar(100) NOT NULL CHECK (email LIKE '%@%'),
    initials varchar(4) NOT NULL CHECK (initials = upper(initials) COLLATE utf8mb4_bin),
    zip varchar(10) NOT NULL CHECK (char_length(zip) = 5),
    name_upper varchar(5) GENERATED ALWAYS AS (upper(name)) STORED,
    CONSTRAINT people_dates CHECK (starts < ends)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE blobs (
    k varbinary(16) NOT NULL PRIMARY KEY,
    body blob
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE blob_keys (
    k blob NOT NULL,
    note varchar(20),
    PRIMARY KEY (k(8))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE tokens (
    id binary(16) NOT NULL PRIMARY KEY,
    person_id int unsigned NOT NULL,
    status enum('x','y') NOT NULL,
    flag boolean NOT NULL,
    UNIQUE KEY tokens_one_each (person_id, status, flag),
    CONSTRAINT tokens_person FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE years (
    y year NOT NULL PRIMARY KEY,
    n mediumint unsigned NOT NULL,
    small smallint unsigned NOT NULL,
    spot point
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE impossible (
    id int NOT NULL PRIMARY KEY,
    x int NOT NULL CHECK (x > 5 AND x < 3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE needs_impossible (
    id int NOT NULL PRIMARY KEY,
    impossible_id int NOT NULL,
    CONSTRAINT needs_impossible_fk FOREIGN KEY (impossible_id) REFERENCES impossible (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
