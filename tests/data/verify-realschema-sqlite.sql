-- verify's sample rows against what real schemas declare (tst_verifier realSchemas): CHECKs
-- within a column, across columns and on patterns, lengths SQLite itself does not enforce, BLOB
-- keys in a WITHOUT ROWID table, composite keys, AUTOINCREMENT and generated columns. The last
-- two tables no row can satisfy: verify must skip them and say why.
CREATE TABLE people (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name varchar(5) NOT NULL,
    code char(3) NOT NULL UNIQUE,
    age integer NOT NULL CHECK (age >= 18),
    status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'active', 'gone')),
    price numeric(5,2) NOT NULL CHECK (price > 0),
    starts date NOT NULL,
    ends date NOT NULL,
    email text NOT NULL CHECK (email LIKE '%@%'),
    initials varchar(4) NOT NULL CHECK (initials = upper(initials)),
    name_upper text GENERATED ALWAYS AS (upper(name)) VIRTUAL,
    CONSTRAINT people_dates CHECK (starts < ends)
);

CREATE TABLE blobs (
    k blob PRIMARY KEY,
    note text
) WITHOUT ROWID;

CREATE TABLE tokens (
    person_id integer NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('a', 'b')),
    flag boolean NOT NULL,
    PRIMARY KEY (person_id, kind, flag)
);

CREATE TABLE pairs (
    a integer NOT NULL,
    b varchar(2) NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a > 100 AND a < 200)
);

CREATE TABLE impossible (
    id integer PRIMARY KEY,
    x integer NOT NULL CHECK (x > 5 AND x < 3)
);

CREATE TABLE needs_impossible (
    id integer PRIMARY KEY,
    impossible_id integer NOT NULL REFERENCES impossible (id)
);
