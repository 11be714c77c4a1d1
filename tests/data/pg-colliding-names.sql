-- Unnamed keys, indexes, CHECKs and serial sequences whose first-choice names are taken, then
-- freed by DROP, DROP COLUMN and RENAME: the names PostgreSQL chooses for them are the ones
-- tst_pgddlimporter expects (collidingNamesAreChosenAsPostgresDoes) and reads back live
-- (fileAndLiveAgree).
CREATE TABLE t_id_seq (a int);
CREATE TABLE t_pkey (a int);
CREATE INDEX t_code_key ON t_pkey (a);
CREATE SEQUENCE t_name_idx;
CREATE TABLE t_code_key1 (a int);
CREATE TABLE t (id serial PRIMARY KEY, code text UNIQUE, name text, CHECK (code <> ''));
CREATE INDEX ON t (name);
CREATE INDEX ON t (name);
ALTER TABLE t ADD CHECK (code <> 'x');
DROP TABLE t_pkey;
ALTER TABLE t DROP CONSTRAINT t_pkey1;
ALTER TABLE t ADD PRIMARY KEY (id);
ALTER TABLE t DROP CONSTRAINT t_code_key2;
ALTER TABLE t ADD UNIQUE (code);
ALTER INDEX t_name_idx1 RENAME TO t_name_key;
ALTER TABLE t ADD UNIQUE (name);
ALTER TABLE t_id_seq RENAME TO t_k_seq;
ALTER TABLE t ADD COLUMN k serial;
ALTER TABLE t ADD COLUMN n serial;
ALTER TABLE t DROP COLUMN name;
ALTER TABLE t ADD COLUMN name text UNIQUE;
CREATE INDEX ON t (name);
CREATE TABLE u (id serial PRIMARY KEY, t_id int REFERENCES t (id), CHECK (t_id > 0));
CREATE INDEX ON u (t_id);
CREATE INDEX ON u (t_id);
