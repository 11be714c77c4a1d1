-- Tideline · plan "Every kind" · release baseline · SQLite
-- Baseline schema S_0
-- Re-runnable: running it again changes nothing.
CREATE TABLE IF NOT EXISTS "customer" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "first_name" varchar(100) NOT NULL,
    "last_name" varchar(100) NOT NULL,
    "email" varchar(255),
    "nickname" varchar(100) NOT NULL,
    "phone" varchar(40),
    "score" integer NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS "orders" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "customer_id" integer NOT NULL,
    "total" numeric(10,2),
    "note" text
);

CREATE TABLE IF NOT EXISTS "posts" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "title" varchar(255) NOT NULL,
    "author_name" varchar(255),
    "author_email" varchar(255)
);
