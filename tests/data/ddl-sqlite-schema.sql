-- Output of the sqlite3 shell's ".schema" for a small shop, with comments added.
CREATE TABLE customer (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  first_name VARCHAR(100) NOT NULL,
  last_name VARCHAR(100) NOT NULL,
  email TEXT COLLATE NOCASE,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT customer_email_key UNIQUE (email),
  CONSTRAINT customer_name_present CHECK (first_name <> '')
);
CREATE TABLE sqlite_sequence(name,seq);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer (id),
  total NUMERIC(12, 2) NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid', 'shipped'))
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
/* Reporting */
CREATE VIEW customer_summary AS
  SELECT c.id, c.first_name || ' ' || c.last_name AS full_name, count(o.id) AS order_count
  FROM customer c LEFT JOIN orders o ON o.customer_id = c.id
  GROUP BY c.id;
