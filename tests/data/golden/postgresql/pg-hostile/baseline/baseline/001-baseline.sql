-- Tideline · plan "PostgreSQL hostile names */ $tideline$ %1" · release baseline · PostgreSQL
-- Baseline schema S_0
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE IF NOT EXISTS "canary" (
    "id" integer NOT NULL,
    "word" text,
    CONSTRAINT "canary_pkey" PRIMARY KEY ("id")
);

CREATE TABLE IF NOT EXISTS "t */ $tideline$ %1 'q' \b" (
    "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
    "a""b" text,
    "x*/y" varchar(20) NOT NULL DEFAULT '--',
    "$tideline1$" text,
    "%2 %1" integer DEFAULT 7,
    "éééééééééééééééééééééééééééééééx" text,
    "n\'" integer NOT NULL,
    CONSTRAINT "uq */ $tideline$" UNIQUE ("x*/y"),
    CONSTRAINT "ck %1 'q'" CHECK ("n\'" >= 0),
    CONSTRAINT "t */ $tideline$ %1 'q' \b_pkey" PRIMARY KEY ("id")
);

CREATE INDEX IF NOT EXISTS "ix ""*/"" %1" ON "t */ $tideline$ %1 'q' \b" ("n\'", "x*/y");
