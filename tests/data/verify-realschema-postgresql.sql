-- verify's sample rows against what real schemas declare (tst_verifier realSchemas): CHECKs
-- within a column, across columns and on patterns, small ranges, numeric precision, lengths,
-- an enum type, bytea and uuid keys, composite keys over an enum and a boolean, identity,
-- generated and sequence-filled columns, a type verify does not know (point). The last two
-- tables no row can satisfy: verify must skip them and say why.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE SEQUENCE invoice_seq START 1000;

CREATE TABLE people (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name varchar(5) NOT NULL,
    code char(3) NOT NULL UNIQUE,
    age smallint NOT NULL CHECK (age >= 18),
    status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'active', 'gone')),
    feeling mood NOT NULL,
    price numeric(5,2) NOT NULL CHECK (price > 0),
    starts date NOT NULL,
    ends date NOT NULL,
    email varchar(100) NOT NULL CHECK (email LIKE '%@%'),
    initials varchar(4) NOT NULL CHECK (initials = upper(initials)),
    zip varchar(10) NOT NULL CHECK (length(zip) = 5),
    name_upper text GENERATED ALWAYS AS (upper(name)) STORED,
    CONSTRAINT people_dates CHECK (starts < ends)
);

CREATE TABLE blobs (
    key bytea PRIMARY KEY,
    note text
);

CREATE TABLE tokens (
    id uuid PRIMARY KEY,
    person_id integer NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    feeling mood NOT NULL,
    flag boolean NOT NULL,
    CONSTRAINT tokens_one_each UNIQUE (person_id, feeling, flag)
);

CREATE TABLE invoices (
    no integer PRIMARY KEY DEFAULT nextval('invoice_seq'),
    amount numeric(12,2) NOT NULL CHECK (amount BETWEEN 10 AND 20),
    tiny smallint NOT NULL CHECK (tiny < 0),
    addr inet,
    net cidr,
    mac macaddr,
    wait interval,
    doc jsonb NOT NULL,
    tags text[],
    spot point
);

CREATE TABLE pairs (
    a integer,
    b varchar(2),
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
