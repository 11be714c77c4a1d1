// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemadescribe.h"

#include <io/ddlimporter.h>

#include <QFile>
#include <QTest>

using namespace Tideline;

/** Tests DdlImporter::importPostgres, which maps PostgreSQL DDL parsed by libpg_query. */
class TestPgDdlImporter : public QObject
{
    Q_OBJECT

private slots:
    void seedSchemas_data();
    void seedSchemas();
    void columnTypes_data();
    void columnTypes();
    void columnDefinitions_data();
    void columnDefinitions();
    void constraints_data();
    void constraints();
    void tableNames_data();
    void tableNames();
    void indexes_data();
    void indexes();
    void alterTable_data();
    void alterTable();
    void views_data();
    void views();
    void procedures_data();
    void procedures();
    void hostileIdentifiers();
    void pgDump();
    void harmlessStatements_data();
    void harmlessStatements();
    void rejections_data();
    void rejections();
    void longStatementIsQuotedShortened();
    void syntaxErrors_data();
    void syntaxErrors();
    void emptyInput_data();
    void emptyInput();
    void failureLeavesSchemaUntouched();
    void nulCharacterIsRefused();
    void dialects_data();
    void dialects();

private:
    static Schema imported(const QString &sql);
};

// Imports `sql`, failing the current test (and returning an empty schema) on an error.
Schema TestPgDdlImporter::imported(const QString &sql)
{
    Schema schema;
    QString error;
    if (!DdlImporter::importPostgres(sql, &schema, &error))
        QTest::qFail(qPrintable(u"import failed: "_s + error), __FILE__, __LINE__);
    return schema;
}

void TestPgDdlImporter::seedSchemas_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("customer with first and last name")
        << u"CREATE TABLE customer (\n"
           "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
           "  first_name varchar(100) NOT NULL,\n"
           "  last_name varchar(100) NOT NULL\n"
           ");"_s
        << u"customer"_s
        << QStringList{u"id bigint not null identity"_s,
                       u"first_name varchar(100) not null"_s,
                       u"last_name varchar(100) not null"_s,
                       u"pk (id)"_s,
                       u"primary_key (id)"_s};
    QTest::newRow("posts with author columns") << u"CREATE TABLE posts (\n"
                                                  "  id SERIAL PRIMARY KEY,\n"
                                                  "  title VARCHAR(255) NOT NULL,\n"
                                                  "  content TEXT,\n"
                                                  "  author_name VARCHAR(255),\n"
                                                  "  author_email VARCHAR(255)\n"
                                                  ");"_s
                                               << u"posts"_s
                                               << QStringList{u"id integer not null identity"_s,
                                                              u"title varchar(255) not null"_s,
                                                              u"content text"_s,
                                                              u"author_name varchar(255)"_s,
                                                              u"author_email varchar(255)"_s,
                                                              u"pk (id)"_s,
                                                              u"primary_key (id)"_s};
}

void TestPgDdlImporter::seedSchemas()
{
    QFETCH(QString, sql);
    QFETCH(QString, table);
    QFETCH(QStringList, expected);

    const Schema schema = imported(sql);
    QCOMPARE(schema.tables.keys(), QStringList{table});
    QCOMPARE(schema.tables.value(table).name, table);
    QCOMPARE(describe(schema.tables.value(table)), expected);
    QVERIFY(schema.views.isEmpty());
    QVERIFY(schema.procedures.isEmpty());
}

void TestPgDdlImporter::columnTypes_data()
{
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QString>("expected");

    const auto row = [](const QString &declared, const QString &expected) {
        QTest::addRow("%s", qPrintable(declared)) << declared << expected;
    };
    row(u"int"_s, u"integer"_s);
    row(u"int4"_s, u"integer"_s);
    row(u"bigint"_s, u"bigint"_s);
    row(u"smallint"_s, u"smallint"_s);
    row(u"boolean"_s, u"boolean"_s);
    row(u"bool"_s, u"boolean"_s);
    row(u"double precision"_s, u"double precision"_s);
    row(u"float"_s, u"double precision"_s);
    row(u"real"_s, u"real"_s);
    row(u"varchar(20)"_s, u"varchar(20)"_s);
    row(u"character varying(20)"_s, u"varchar(20)"_s);
    row(u"varchar"_s, u"varchar"_s);
    row(u"char(3)"_s, u"char(3)"_s);
    row(u"character"_s, u"char(1)"_s);
    row(u"numeric(10,2)"_s, u"numeric(10,2)"_s);
    row(u"decimal(10, 2)"_s, u"numeric(10,2)"_s);
    row(u"numeric"_s, u"numeric"_s);
    row(u"timestamp"_s, u"timestamp"_s);
    row(u"timestamp(3) without time zone"_s, u"timestamp(3)"_s);
    row(u"timestamptz"_s, u"timestamp with time zone"_s);
    row(u"timestamp(6) with time zone"_s, u"timestamp(6) with time zone"_s);
    row(u"time with time zone"_s, u"time with time zone"_s);
    row(u"interval"_s, u"interval"_s);
    row(u"interval day to second(3)"_s, u"interval day to second(3)"_s);
    row(u"interval year"_s, u"interval year"_s);
    row(u"bit varying(5)"_s, u"bit varying(5)"_s);
    row(u"text"_s, u"text"_s);
    row(u"date"_s, u"date"_s);
    row(u"uuid"_s, u"uuid"_s);
    row(u"jsonb"_s, u"jsonb"_s);
    row(u"bytea"_s, u"bytea"_s);
    row(u"int[]"_s, u"integer[]"_s);
    row(u"text[][]"_s, u"text[][]"_s);
    row(u"varchar(10)[]"_s, u"varchar(10)[]"_s);
    row(u"app.money_amount"_s, u"app.money_amount"_s);
    row(u"public.citext"_s, u"public.citext"_s);
    row(u"mood"_s, u"mood"_s);
    row(u"\"char\""_s, u"\"char\""_s); // the one-byte internal type, not char(1)
}

void TestPgDdlImporter::columnTypes()
{
    QFETCH(QString, declared);
    QFETCH(QString, expected);

    const Schema schema = imported(u"CREATE TABLE t (c %1);"_s.arg(declared));
    QVERIFY(schema.table(u"t"_s));
    QCOMPARE(schema.table(u"t"_s)->columns.size(), 1);
    QCOMPARE(schema.table(u"t"_s)->columns.first().type, expected);
}

void TestPgDdlImporter::columnDefinitions_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<Column>("expected");

    const auto row = [](const char *tag,
                        const QString &definition,
                        const QString &type,
                        bool nullable,
                        const QString &defaultValue,
                        bool identity = false,
                        bool generated = false) {
        Column column{u"c"_s, type, nullable, defaultValue, identity, generated};
        QTest::newRow(tag) << definition << column;
    };
    row("plain", u"text"_s, u"text"_s, true, {});
    row("not null", u"text NOT NULL"_s, u"text"_s, false, {});
    row("explicit null", u"text NULL"_s, u"text"_s, true, {});
    row("default now()",
        u"timestamptz DEFAULT now()"_s,
        u"timestamp with time zone"_s,
        true,
        u"now()"_s);
    row("default string", u"text DEFAULT 'x' NOT NULL"_s, u"text"_s, false, u"'x'"_s);
    row("default zero", u"integer NOT NULL DEFAULT 0"_s, u"integer"_s, false, u"0"_s);
    row("default true", u"boolean DEFAULT true"_s, u"boolean"_s, true, u"true"_s);
    row("default current_timestamp",
        u"timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL"_s,
        u"timestamp"_s,
        false,
        u"CURRENT_TIMESTAMP"_s);
    row("default cast", u"text DEFAULT 'a'::text"_s, u"text"_s, true, u"'a'::text"_s);
    row("default nextval",
        u"integer DEFAULT nextval('s'::regclass) NOT NULL"_s,
        u"integer"_s,
        false,
        u"nextval('s'::regclass)"_s);
    row("default negative", u"integer DEFAULT -1"_s, u"integer"_s, true, u"-1"_s);
    row("default parenthesised",
        u"integer DEFAULT (1 + 2) * 3 CHECK (c > 0)"_s,
        u"integer"_s,
        true,
        u"(1 + 2) * 3"_s);
    row("default with quote, comma and bracket",
        u"text DEFAULT 'it''s, (odd)' NOT NULL"_s,
        u"text"_s,
        false,
        u"'it''s, (odd)'"_s);
    row("default with a cast to a multi-word type",
        u"timestamptz DEFAULT '2020-01-01'::timestamp with time zone NOT NULL"_s,
        u"timestamp with time zone"_s,
        false,
        u"'2020-01-01'::timestamp with time zone"_s);
    row("default null", u"text DEFAULT NULL"_s, u"text"_s, true, u"NULL"_s);
    row("default followed by a comment",
        u"integer DEFAULT 42 -- the answer\n"_s,
        u"integer"_s,
        true,
        u"42"_s);
    row("serial", u"serial"_s, u"integer"_s, false, {}, true);
    row("bigserial", u"bigserial"_s, u"bigint"_s, false, {}, true);
    row("smallserial", u"smallserial"_s, u"smallint"_s, false, {}, true);
    row("identity always", u"bigint GENERATED ALWAYS AS IDENTITY"_s, u"bigint"_s, false, {}, true);
    row("identity by default",
        u"int GENERATED BY DEFAULT AS IDENTITY (START WITH 10)"_s,
        u"integer"_s,
        false,
        {},
        true);
    row("generated stored",
        u"integer GENERATED ALWAYS AS (a * 2) STORED"_s,
        u"integer"_s,
        true,
        {},
        false,
        true);
    row("collation is not part of the type", u"text COLLATE \"C\" NOT NULL"_s, u"text"_s, false, {});
}

void TestPgDdlImporter::columnDefinitions()
{
    QFETCH(QString, definition);
    QFETCH(Column, expected);

    const Schema schema = imported(
        u"CREATE TABLE t (a integer, c %1, z integer);"_s.arg(definition));
    const Table *table = schema.table(u"t"_s);
    QVERIFY(table);
    QCOMPARE(table->columns.size(), 3);
    QCOMPARE(table->columns.at(1), expected);
    // The neighbours are untouched by what was read for c.
    QCOMPARE(table->columns.at(2), (Column{u"z"_s, u"integer"_s, true, QString(), false, false}));
}

void TestPgDdlImporter::constraints_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected"); // describe() of the table "t"

    const QString parent = u"CREATE TABLE p (id integer PRIMARY KEY, code text, k integer, "
                           "UNIQUE (code, k));\n"_s;
    QTest::newRow("column primary key")
        << u"CREATE TABLE t (id integer PRIMARY KEY, a text);"_s
        << QStringList{u"id integer not null"_s, u"a text"_s, u"pk (id)"_s, u"primary_key (id)"_s};
    QTest::newRow("named composite primary key")
        << u"CREATE TABLE t (a integer, b text, CONSTRAINT t_pk PRIMARY KEY (b, a));"_s
        << QStringList{u"a integer not null"_s,
                       u"b text not null"_s,
                       u"pk (b,a)"_s,
                       u"primary_key t_pk (b,a)"_s};
    QTest::newRow("primary key declared before its columns")
        << u"CREATE TABLE t (PRIMARY KEY (a), a integer);"_s
        << QStringList{u"a integer not null"_s, u"pk (a)"_s, u"primary_key (a)"_s};
    QTest::newRow("column unique") << u"CREATE TABLE t (email text UNIQUE);"_s
                                   << QStringList{u"email text"_s, u"pk ()"_s, u"unique (email)"_s};
    QTest::newRow("named table unique")
        << u"CREATE TABLE t (a int, b int, CONSTRAINT t_ab_key UNIQUE (a, b));"_s
        << QStringList{u"a integer"_s, u"b integer"_s, u"pk ()"_s, u"unique t_ab_key (a,b)"_s};
    QTest::newRow("column check") << u"CREATE TABLE t (price numeric CHECK (price > 0));"_s
                                  << QStringList{u"price numeric"_s,
                                                 u"pk ()"_s,
                                                 u"check (price) check price > 0"_s};
    QTest::newRow("named check over two columns")
        << u"CREATE TABLE t (lo int, hi int, CONSTRAINT range_ok CHECK ((lo <= hi) AND (hi < 100)));"_s
        << QStringList{u"lo integer"_s,
                       u"hi integer"_s,
                       u"pk ()"_s,
                       u"check range_ok (lo,hi) check (lo <= hi) AND (hi < 100)"_s};
    QTest::newRow("check with function and string")
        << u"CREATE TABLE t (name text, CHECK (char_length(name) > 0 AND name <> ')'));"_s
        << QStringList{u"name text"_s,
                       u"pk ()"_s,
                       u"check (name) check char_length(name) > 0 AND name <> ')'"_s};
    QTest::newRow("column references with columns")
        << parent + u"CREATE TABLE t (pid integer REFERENCES p(id) ON DELETE CASCADE);"_s
        << QStringList{u"pid integer"_s, u"pk ()"_s, u"foreign_key (pid) -> p(id)"_s};
    QTest::newRow("column references the primary key")
        << parent + u"CREATE TABLE t (pid integer NOT NULL REFERENCES p);"_s
        << QStringList{u"pid integer not null"_s, u"pk ()"_s, u"foreign_key (pid) -> p(id)"_s};
    QTest::newRow("references a table declared later")
        << u"CREATE TABLE t (pid integer REFERENCES p);\n"_s + parent
        << QStringList{u"pid integer"_s, u"pk ()"_s, u"foreign_key (pid) -> p(id)"_s};
    QTest::newRow("named composite foreign key")
        << parent
               + u"CREATE TABLE t (c text, n int, CONSTRAINT t_p_fk FOREIGN KEY (c, n) "
                 "REFERENCES public.p (code, k) DEFERRABLE INITIALLY DEFERRED);"_s
        << QStringList{u"c text"_s,
                       u"n integer"_s,
                       u"pk ()"_s,
                       u"foreign_key t_p_fk (c,n) -> p(code,k)"_s};
    QTest::newRow("check and unique after references")
        << parent
               + u"CREATE TABLE t (pid int REFERENCES p ON DELETE SET NULL CHECK (pid > 0) "
                 "CONSTRAINT t_pid_key UNIQUE);"_s
        << QStringList{u"pid integer"_s,
                       u"pk ()"_s,
                       u"foreign_key (pid) -> p(id)"_s,
                       u"check (pid) check pid > 0"_s,
                       u"unique t_pid_key (pid)"_s};
    QTest::newRow("foreign key to another schema")
        << u"CREATE TABLE t (a int REFERENCES billing.account (id));"_s
        << QStringList{u"a integer"_s, u"pk ()"_s, u"foreign_key (a) -> billing.account(id)"_s};
    QTest::newRow("constraints in declaration order")
        << u"CREATE TABLE t (a int CHECK (a > 0), b int UNIQUE, PRIMARY KEY (a));"_s
        << QStringList{u"a integer not null"_s,
                       u"b integer"_s,
                       u"pk (a)"_s,
                       u"check (a) check a > 0"_s,
                       u"unique (b)"_s,
                       u"primary_key (a)"_s};
}

void TestPgDdlImporter::constraints()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    const Schema schema = imported(sql);
    QVERIFY(schema.table(u"t"_s));
    QCOMPARE(describe(*schema.table(u"t"_s)), expected);
}

void TestPgDdlImporter::tableNames_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("unqualified") << u"CREATE TABLE t (a int);"_s << QStringList{u"t"_s};
    QTest::newRow("public is the default schema")
        << u"CREATE TABLE public.t (a int);"_s << QStringList{u"t"_s};
    QTest::newRow("other schema kept") << u"CREATE TABLE app.t (a int); CREATE TABLE t (a int);"_s
                                       << QStringList{u"app.t"_s, u"t"_s};
    QTest::newRow("unquoted names fold to lower case")
        << u"CREATE TABLE App.Orders (a int);"_s << QStringList{u"app.orders"_s};
    QTest::newRow("quoted names keep their case")
        << u"CREATE TABLE \"App\".\"Orders\" (a int);"_s << QStringList{u"App.Orders"_s};
    QTest::newRow("if not exists skips an existing table")
        << u"CREATE TABLE t (a int); CREATE TABLE IF NOT EXISTS t (b int);"_s
        << QStringList{u"t"_s};
}

void TestPgDdlImporter::tableNames()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    const Schema schema = imported(sql);
    QCOMPARE(schema.tables.keys(), expected);
    for (const QString &name : expected)
        QCOMPARE(schema.tables.value(name).name, name);
    if (QByteArray(QTest::currentDataTag()).startsWith("if not exists"))
        QCOMPARE(schema.table(u"t"_s)->columns.first().name, u"a"_s);
}

void TestPgDdlImporter::indexes_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected"); // describe() of the indexes of "t"

    const QString table = u"CREATE TABLE t (a int, b text, email text);\n"_s;
    QTest::newRow("index") << table + u"CREATE INDEX t_a_idx ON t (a);"_s
                           << QStringList{u"index t_a_idx (a)"_s};
    QTest::newRow("unique multi-column index")
        << table + u"CREATE UNIQUE INDEX t_ab ON public.t USING btree (a, b DESC NULLS LAST);"_s
        << QStringList{u"unique index t_ab (a | b)"_s};
    QTest::newRow("concurrently") << table + u"CREATE INDEX CONCURRENTLY ix ON t (b);"_s
                                  << QStringList{u"index ix (b)"_s};
    QTest::newRow("expression index")
        << table + u"CREATE UNIQUE INDEX t_email ON t (lower(email) text_pattern_ops, a);"_s
        << QStringList{u"unique index t_email (lower(email) | a)"_s};
    QTest::newRow("parenthesised expression")
        << table + u"CREATE INDEX t_sum ON t ((a + 1), (a * 2) DESC);"_s
        << QStringList{u"index t_sum (a + 1 | a * 2)"_s};
    QTest::newRow("unnamed index gets PostgreSQL's name")
        << table + u"CREATE INDEX ON t (a, b);"_s << QStringList{u"index t_a_b_idx (a | b)"_s};
    QTest::newRow("partial index keeps its columns")
        << table + u"CREATE INDEX live ON t (a) WHERE b IS NOT NULL;"_s
        << QStringList{u"index live (a)"_s};
    QTest::newRow("if not exists skips an existing index")
        << table + u"CREATE INDEX ix ON t (a); CREATE INDEX IF NOT EXISTS ix ON t (b);"_s
        << QStringList{u"index ix (a)"_s};
    QTest::newRow("constraints make no index")
        << u"CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE);"_s << QStringList{};
}

void TestPgDdlImporter::indexes()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    const Schema schema = imported(sql);
    QVERIFY(schema.table(u"t"_s));
    QStringList actual;
    for (const Index &index : schema.table(u"t"_s)->indexes)
        actual.append(describe(index));
    QCOMPARE(actual, expected);
}

void TestPgDdlImporter::alterTable_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected"); // describe() of the table "t"

    const QString table = u"CREATE TABLE p (id int PRIMARY KEY);\n"
                          "CREATE TABLE t (id int, pid int, name text);\n"_s;
    QTest::newRow("add primary key")
        << table + u"ALTER TABLE ONLY t ADD CONSTRAINT t_pkey PRIMARY KEY (id);"_s
        << QStringList{u"id integer not null"_s,
                       u"pid integer"_s,
                       u"name text"_s,
                       u"pk (id)"_s,
                       u"primary_key t_pkey (id)"_s};
    QTest::newRow("add unique, check and foreign key in one statement")
        << table
               + u"ALTER TABLE t ADD CONSTRAINT t_name_key UNIQUE (name), "
                 "ADD CHECK (pid <> id), ADD FOREIGN KEY (pid) REFERENCES p;"_s
        << QStringList{u"id integer"_s,
                       u"pid integer"_s,
                       u"name text"_s,
                       u"pk ()"_s,
                       u"unique t_name_key (name)"_s,
                       u"check (pid,id) check pid <> id"_s,
                       u"foreign_key (pid) -> p(id)"_s};
    QTest::newRow("add column with constraints")
        << table + u"ALTER TABLE t ADD COLUMN email varchar(320) NOT NULL DEFAULT '' UNIQUE;"_s
        << QStringList{u"id integer"_s,
                       u"pid integer"_s,
                       u"name text"_s,
                       u"email varchar(320) not null default ''"_s,
                       u"pk ()"_s,
                       u"unique (email)"_s};
    QTest::newRow("add column if not exists skips an existing one")
        << table + u"ALTER TABLE t ADD COLUMN IF NOT EXISTS name int;"_s
        << QStringList{u"id integer"_s, u"pid integer"_s, u"name text"_s, u"pk ()"_s};
    QTest::newRow("set not null and default")
        << table
               + u"ALTER TABLE t ALTER COLUMN name SET NOT NULL, "
                 "ALTER COLUMN name SET DEFAULT 'anon'::text;"_s
        << QStringList{u"id integer"_s,
                       u"pid integer"_s,
                       u"name text not null default 'anon'::text"_s,
                       u"pk ()"_s};
    QTest::newRow("drop default")
        << table
               + u"ALTER TABLE t ALTER COLUMN pid SET DEFAULT 0; ALTER TABLE t ALTER pid DROP DEFAULT;"_s
        << QStringList{u"id integer"_s, u"pid integer"_s, u"name text"_s, u"pk ()"_s};
    QTest::newRow("add identity")
        << table
               + u"ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY "
                 "(SEQUENCE NAME t_id_seq START WITH 1);"_s
        << QStringList{u"id integer not null identity"_s,
                       u"pid integer"_s,
                       u"name text"_s,
                       u"pk ()"_s};
    QTest::newRow("if exists on a missing table")
        << table + u"ALTER TABLE IF EXISTS gone ADD COLUMN x int;"_s
        << QStringList{u"id integer"_s, u"pid integer"_s, u"name text"_s, u"pk ()"_s};
    QTest::newRow("owner only") << table + u"ALTER TABLE t OWNER TO app;"_s
                                << QStringList{u"id integer"_s,
                                               u"pid integer"_s,
                                               u"name text"_s,
                                               u"pk ()"_s};
}

void TestPgDdlImporter::alterTable()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    const Schema schema = imported(sql);
    QVERIFY(schema.table(u"t"_s));
    QCOMPARE(describe(*schema.table(u"t"_s)), expected);
}

void TestPgDdlImporter::views_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("definition");

    const QString tables = u"CREATE TABLE t (id int, first_name text, last_name text);\n"
                           "CREATE TABLE u (id int, t_id int);\n"_s;
    QTest::newRow("output names")
        << tables
               + u"CREATE VIEW v AS SELECT t.id, first_name || ' ' || last_name AS full_name, "
                 "count(*), 'x'::text, now() FROM t GROUP BY t.id;"_s
        << QStringList{u"id"_s, u"full_name"_s, u"count"_s, u"text"_s, u"now"_s}
        << u"SELECT t.id, first_name || ' ' || last_name AS full_name, count(*), 'x'::text, "
           "now() FROM t GROUP BY t.id"_s;
    QTest::newRow("explicit column list")
        << tables + u"CREATE VIEW v (a, b) AS SELECT id, first_name FROM t;"_s
        << QStringList{u"a"_s, u"b"_s} << u"SELECT id, first_name FROM t"_s;
    QTest::newRow("fewer aliases than columns")
        << tables + u"CREATE VIEW v (a) AS SELECT id, first_name FROM t;"_s
        << QStringList{u"a"_s, u"first_name"_s} << u"SELECT id, first_name FROM t"_s;
    QTest::newRow("star from one table")
        << tables + u"CREATE OR REPLACE VIEW public.v AS SELECT * FROM public.t;"_s
        << QStringList{u"id"_s, u"first_name"_s, u"last_name"_s} << u"SELECT * FROM public.t"_s;
    QTest::newRow("qualified star and more")
        << tables + u"CREATE VIEW v AS SELECT x.*, 1 AS one FROM t AS x WHERE x.id > 0"_s
        << QStringList{u"id"_s, u"first_name"_s, u"last_name"_s, u"one"_s}
        << u"SELECT x.*, 1 AS one FROM t AS x WHERE x.id > 0"_s;
    QTest::newRow("star from a view")
        << tables + u"CREATE VIEW w AS SELECT id FROM t; CREATE VIEW v AS SELECT * FROM w;"_s
        << QStringList{u"id"_s} << u"SELECT * FROM w"_s;
    QTest::newRow("join with named columns")
        << tables + u"CREATE VIEW v AS SELECT t.id, u.id AS uid FROM t JOIN u ON u.t_id = t.id;"_s
        << QStringList{u"id"_s, u"uid"_s}
        << u"SELECT t.id, u.id AS uid FROM t JOIN u ON u.t_id = t.id"_s;
    QTest::newRow("union takes the left names")
        << tables + u"CREATE VIEW v AS SELECT id AS key FROM t UNION SELECT t_id FROM u;"_s
        << QStringList{u"key"_s} << u"SELECT id AS key FROM t UNION SELECT t_id FROM u"_s;
    QTest::newRow("check option is not part of the query")
        << tables + u"CREATE VIEW v AS SELECT id FROM t WHERE id > 0 WITH LOCAL CHECK OPTION;"_s
        << QStringList{u"id"_s} << u"SELECT id FROM t WHERE id > 0"_s;
    QTest::newRow("multi-line query keeps its text")
        << tables + u"CREATE VIEW v AS\n  SELECT id\n  FROM t; -- trailing comment"_s
        << QStringList{u"id"_s} << u"SELECT id\n  FROM t"_s;
}

void TestPgDdlImporter::views()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, columns);
    QFETCH(QString, definition);

    const Schema schema = imported(sql);
    QVERIFY(schema.views.contains(u"v"_s));
    const View view = schema.views.value(u"v"_s);
    QCOMPARE(view.name, u"v"_s);
    QCOMPARE(view.columns, columns);
    QCOMPARE(view.definition, definition);
    QVERIFY(!schema.tables.contains(u"v"_s));
}

void TestPgDdlImporter::procedures_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("parameters"); // "name type [= default]"

    QTest::newRow("function with defaults")
        << u"CREATE FUNCTION add_customer(p_first varchar(100), p_last text DEFAULT 'x', "
           "p_vip boolean = false) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;"_s
        << u"add_customer"_s
        << QStringList{u"p_first varchar(100)"_s,
                       u"p_last text = 'x'"_s,
                       u"p_vip boolean = false"_s};
    QTest::newRow("out and table parameters are results")
        << u"CREATE OR REPLACE FUNCTION public.f(IN a int, OUT b int, INOUT c text, "
           "VARIADIC d int[] DEFAULT '{}') LANGUAGE plpgsql AS $body$ BEGIN b := a; END $body$;"_s
        << u"f"_s << QStringList{u"a integer"_s, u"c text"_s, u"d integer[] = '{}'"_s};
    QTest::newRow("returns table")
        << u"CREATE FUNCTION app.g(x bigint) RETURNS TABLE (y int) AS 'SELECT 1' LANGUAGE sql;"_s
        << u"app.g"_s << QStringList{u"x bigint"_s};
    QTest::newRow("procedure with unnamed parameter")
        << u"CREATE PROCEDURE archive(text, keep_days int DEFAULT 30 * 2) LANGUAGE sql "
           "AS $$ SELECT 1 $$;"_s
        << u"archive"_s << QStringList{u"$1 text"_s, u"keep_days integer = 30 * 2"_s};
    QTest::newRow("sql-standard body")
        << u"CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a; SELECT a + 1; END;"_s
        << u"h"_s << QStringList{u"a integer"_s};
}

void TestPgDdlImporter::procedures()
{
    QFETCH(QString, sql);
    QFETCH(QString, name);
    QFETCH(QStringList, parameters);

    const Schema schema = imported(sql);
    QCOMPARE(schema.procedures.keys(), QStringList{name});
    const Procedure procedure = schema.procedures.value(name);
    QCOMPARE(procedure.name, name);
    QStringList actual;
    for (const Parameter &p : procedure.parameters)
        actual.append(p.name + u' ' + p.type
                      + (p.hasDefault() ? u" = "_s + p.defaultValue : QString()));
    QCOMPARE(actual, parameters);
}

void TestPgDdlImporter::hostileIdentifiers()
{
    const QString sql = uR"sql(
        CREATE TABLE "Robert'); DROP TABLE x;--" (
            "select" integer PRIMARY KEY,
            prénom text NOT NULL DEFAULT 'Zoë',
            "a""b" text CHECK ("a""b" <> 'x;y'),
            "semi;colon" int
        );
        CREATE INDEX "ix (1)" ON "Robert'); DROP TABLE x;--" ("select", prénom);
        CREATE VIEW "v; DROP" AS SELECT "select", prénom AS "nom, complet" FROM "Robert'); DROP TABLE x;--";
    )sql"_s;
    const Schema schema = imported(sql);
    const QString name = u"Robert'); DROP TABLE x;--"_s;
    QCOMPARE(schema.tables.keys(), QStringList{name});
    const Table *table = schema.table(name);
    QVERIFY(table);
    QCOMPARE(table->name, name);
    QCOMPARE(describe(*table),
             (QStringList{u"select integer not null"_s,
                          u"prénom text not null default 'Zoë'"_s,
                          u"a\"b text"_s,
                          u"semi;colon integer"_s,
                          u"pk (select)"_s,
                          u"primary_key (select)"_s,
                          u"check (a\"b) check \"a\"\"b\" <> 'x;y'"_s,
                          u"index ix (1) (select | prénom)"_s}));
    QCOMPARE(schema.views.keys(), QStringList{u"v; DROP"_s});
    QCOMPARE(schema.views.value(u"v; DROP"_s).columns,
             (QStringList{u"select"_s, u"nom, complet"_s}));
    QCOMPARE(schema.views.value(u"v; DROP"_s).definition,
             u"SELECT \"select\", prénom AS \"nom, complet\" FROM \"Robert'); DROP TABLE x;--\""_s);
}

void TestPgDdlImporter::pgDump()
{
    QFile file(QStringLiteral(TIDELINE_TEST_DATA "/ddl-pg-dump.sql"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const Schema schema = imported(QString::fromUtf8(file.readAll()));

    QCOMPARE(schema.tables.keys(), (QStringList{u"customer"_s, u"orders"_s}));
    QCOMPARE(describe(*schema.table(u"customer"_s)),
             (QStringList{u"id integer not null default nextval('public.customer_id_seq'::regclass)"_s,
                          u"first_name varchar(100) not null"_s,
                          u"last_name varchar(100) not null"_s,
                          u"email public.citext"_s,
                          u"created_at timestamp with time zone not null default now()"_s,
                          u"pk (id)"_s,
                          u"check customer_name_present (first_name) check "
                          "(first_name)::text <> ''::text"_s,
                          u"primary_key customer_pkey (id)"_s,
                          u"unique customer_email_key (email)"_s}));
    QCOMPARE(describe(*schema.table(u"orders"_s)),
             (QStringList{u"id bigint not null identity"_s,
                          u"customer_id integer not null"_s,
                          u"total numeric(12,2) not null default 0"_s,
                          u"status text not null default 'new'::text"_s,
                          u"pk (id)"_s,
                          u"primary_key orders_pkey (id)"_s,
                          u"foreign_key orders_customer_id_fkey (customer_id) -> customer(id)"_s,
                          u"index orders_customer_id_idx (customer_id)"_s}));

    QCOMPARE(schema.views.keys(), QStringList{u"customer_summary"_s});
    const View view = schema.views.value(u"customer_summary"_s);
    QCOMPARE(view.columns, (QStringList{u"id"_s, u"full_name"_s, u"order_count"_s}));
    QVERIFY2(view.definition.startsWith(u"SELECT c.id,"_s), qPrintable(view.definition));
    QVERIFY2(view.definition.endsWith(u"GROUP BY c.id"_s), qPrintable(view.definition));

    QCOMPARE(schema.procedures.keys(), QStringList{u"add_customer"_s});
    const Procedure procedure = schema.procedures.value(u"add_customer"_s);
    QCOMPARE(procedure.parameters.size(), 3);
    QCOMPARE(procedure.parameters.at(0), (Parameter{u"p_first_name"_s, u"varchar"_s, {}}));
    QCOMPARE(procedure.parameters.at(2), (Parameter{u"p_vip"_s, u"boolean"_s, u"false"_s}));
}

void TestPgDdlImporter::harmlessStatements_data()
{
    QTest::addColumn<QString>("statement");

    QTest::newRow("set") << u"SET statement_timeout = 0"_s;
    QTest::newRow("set search_path") << u"SET search_path TO public, app"_s;
    QTest::newRow("reset") << u"RESET ALL"_s;
    QTest::newRow("set_config") << u"SELECT pg_catalog.set_config('search_path', '', false)"_s;
    QTest::newRow("comment") << u"COMMENT ON COLUMN t.a IS 'the a; really'"_s;
    QTest::newRow("create extension")
        << u"CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public"_s;
    QTest::newRow("create schema") << u"CREATE SCHEMA IF NOT EXISTS app AUTHORIZATION owner"_s;
    QTest::newRow("create sequence")
        << u"CREATE SEQUENCE t_a_seq AS integer START WITH 1 CACHE 1"_s;
    QTest::newRow("alter sequence owned by") << u"ALTER SEQUENCE t_a_seq OWNED BY t.a"_s;
    QTest::newRow("alter table owner") << u"ALTER TABLE public.t OWNER TO app"_s;
    QTest::newRow("alter sequence owner") << u"ALTER SEQUENCE t_a_seq OWNER TO app"_s;
    QTest::newRow("alter schema owner") << u"ALTER SCHEMA public OWNER TO app"_s;
    QTest::newRow("grant") << u"GRANT SELECT, INSERT ON TABLE t TO app"_s;
    QTest::newRow("revoke") << u"REVOKE ALL ON SCHEMA public FROM PUBLIC"_s;
    QTest::newRow("grant role") << u"GRANT reader TO app"_s;
    QTest::newRow("default privileges")
        << u"ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO app"_s;
    QTest::newRow("begin") << u"BEGIN"_s;
    QTest::newRow("commit") << u"COMMIT"_s;
}

void TestPgDdlImporter::harmlessStatements()
{
    QFETCH(QString, statement);

    const Schema schema = imported(
        u"CREATE TABLE t (a int);\n%1;\nCREATE TABLE u (b int);"_s.arg(statement));
    QCOMPARE(schema.tables.keys(), (QStringList{u"t"_s, u"u"_s}));
    QCOMPARE(describe(*schema.table(u"t"_s)), (QStringList{u"a integer"_s, u"pk ()"_s}));
    QVERIFY(schema.views.isEmpty());
    QVERIFY(schema.procedures.isEmpty());
}

void TestPgDdlImporter::rejections_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("error");

    const QString table = u"CREATE TABLE customer (id int PRIMARY KEY, name text);\n"_s;
    QTest::newRow("insert")
        << table + u"INSERT INTO customer VALUES (1);"_s
        << u"cannot map statement 2 to a baseline schema: \"INSERT INTO customer VALUES (1)\""_s;
    QTest::newRow("insert after comments is quoted without them")
        << table + u"-- seed data\n/* more */\n  INSERT INTO customer\n  VALUES (1);"_s
        << u"cannot map statement 2 to a baseline schema: \"INSERT INTO customer VALUES (1)\""_s;
    QTest::newRow("create trigger")
        << table
               + u"CREATE TRIGGER audit AFTER INSERT ON customer FOR EACH ROW EXECUTE FUNCTION log();"_s
        << u"cannot map statement 2 to a baseline schema: \"CREATE TRIGGER audit AFTER INSERT ON "
           "customer FOR EACH ROW EXECUTE FUNCTION log()\""_s;
    QTest::newRow("drop table")
        << table + u"DROP TABLE customer;"_s
        << u"cannot map statement 2 to a baseline schema: \"DROP TABLE customer\""_s;
    QTest::newRow("create type")
        << u"CREATE TYPE mood AS ENUM ('sad', 'ok');"_s
        << u"cannot map statement 1 to a baseline schema: \"CREATE TYPE mood AS ENUM ('sad', 'ok')\""_s;
    QTest::newRow("select") << u"SELECT 1;"_s
                            << u"cannot map statement 1 to a baseline schema: \"SELECT 1\""_s;
    QTest::newRow("rollback") << u"BEGIN; ROLLBACK;"_s
                              << u"cannot map statement 2 to a baseline schema: \"ROLLBACK\""_s;
    QTest::newRow("create schema with elements")
        << u"CREATE SCHEMA app CREATE TABLE x (a int);"_s
        << u"cannot map statement 1 to a baseline schema: \"CREATE SCHEMA app CREATE TABLE x (a int)\""_s;
    QTest::newRow("create table as")
        << table + u"CREATE TABLE copy AS SELECT * FROM customer;"_s
        << u"cannot map statement 2 to a baseline schema: \"CREATE TABLE copy AS SELECT * FROM customer\""_s;
    QTest::newRow("alter table drop column")
        << table + u"ALTER TABLE customer DROP COLUMN name;"_s
        << u"cannot map statement 2 to a baseline schema: \"ALTER TABLE customer DROP COLUMN name\""_s;
    QTest::newRow("alter table rename")
        << table + u"ALTER TABLE customer RENAME TO client;"_s
        << u"cannot map statement 2 to a baseline schema: \"ALTER TABLE customer RENAME TO client\""_s;
    QTest::newRow("alter view")
        << u"CREATE VIEW v AS SELECT 1 AS one; ALTER VIEW v ALTER COLUMN one SET DEFAULT 2;"_s
        << u"cannot map statement 2 to a baseline schema: \"ALTER VIEW v ALTER COLUMN one SET DEFAULT 2\""_s;
    QTest::newRow("duplicate table")
        << table + table
        << u"statement 2: table \"customer\" is created twice: \"CREATE TABLE customer (id int PRIMARY KEY, name text)\""_s;
    QTest::newRow("view named like a table") << table + u"CREATE VIEW customer AS SELECT 1;"_s
                                             << u"statement 2: \"customer\" is already a table"_s;
    QTest::newRow("temporary table")
        << u"CREATE TEMP TABLE scratch (a int);"_s
        << u"statement 1: a temporary table is not part of a baseline schema: \"CREATE TEMP TABLE scratch (a int)\""_s;
    QTest::newRow("partition")
        << u"CREATE TABLE m (a int) PARTITION BY RANGE (a); CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (1) TO (9);"_s
        << u"statement 2: inherited, partition and typed tables cannot be mapped"_s;
    QTest::newRow("like clause") << table + u"CREATE TABLE c2 (LIKE customer);"_s
                                 << u"statement 2: TableLikeClause in CREATE TABLE cannot be mapped"_s;
    QTest::newRow("exclusion constraint")
        << u"CREATE TABLE r (a int, EXCLUDE USING gist (a WITH =));"_s
        << u"statement 1: exclusion constraints cannot be mapped"_s;
    QTest::newRow("two primary keys")
        << u"CREATE TABLE r (a int PRIMARY KEY, b int, PRIMARY KEY (b));"_s
        << u"statement 1: table \"r\" has two primary keys"_s;
    QTest::newRow("constraint on a missing column")
        << u"CREATE TABLE r (a int, UNIQUE (b));"_s
        << u"statement 1: column \"b\" of table \"r\" does not exist"_s;
    QTest::newRow("duplicate column")
        << u"CREATE TABLE r (a int, a text);"_s
        << u"statement 1: column \"a\" of table \"r\" is declared twice"_s;
    QTest::newRow("index on unknown table")
        << u"CREATE INDEX ix ON missing (a);"_s
        << u"statement 1: index on unknown table \"missing\": \"CREATE INDEX ix ON missing (a)\""_s;
    QTest::newRow("index on unknown column")
        << table + u"CREATE INDEX ix ON customer (nope);"_s
        << u"statement 2: column \"nope\" of table \"customer\" does not exist"_s;
    QTest::newRow("alter unknown table")
        << u"ALTER TABLE ONLY missing ADD CONSTRAINT k PRIMARY KEY (id);"_s
        << u"statement 1: unknown table \"missing\""_s;
    QTest::newRow("set not null on unknown column")
        << table + u"ALTER TABLE customer ALTER COLUMN nope SET NOT NULL;"_s
        << u"statement 2: column \"nope\" of table \"customer\" does not exist"_s;
    QTest::newRow("star over a join")
        << table + u"CREATE VIEW v AS SELECT * FROM customer a JOIN customer b USING (id);"_s
        << u"statement 2: cannot expand * in a view that does not select from exactly one table"_s;
    QTest::newRow("star over an unknown table")
        << u"CREATE VIEW v AS SELECT * FROM elsewhere;"_s
        << u"statement 1: cannot expand * in a view: unknown table \"elsewhere\": \"CREATE VIEW v AS SELECT * FROM elsewhere\""_s;
    QTest::newRow("overloaded function")
        << u"CREATE FUNCTION f(a int) RETURNS int AS 'SELECT 1' LANGUAGE sql;\n"
           "CREATE FUNCTION f(a text) RETURNS int AS 'SELECT 1' LANGUAGE sql;"_s
        << u"statement 2: \"f\" is created twice; overloaded routines cannot be mapped"_s;
}

void TestPgDdlImporter::rejections()
{
    QFETCH(QString, sql);
    QFETCH(QString, error);

    Schema schema;
    QString actual;
    QVERIFY(!DdlImporter::importPostgres(sql, &schema, &actual));
    QVERIFY2(actual.contains(error), qPrintable(actual));
    QVERIFY(schema.tables.isEmpty());
}

void TestPgDdlImporter::longStatementIsQuotedShortened()
{
    const QString values = QString(u"1, "_s).repeated(150) + u"2"_s;
    const QString statement = u"INSERT INTO t VALUES ("_s + values + u')';
    Schema schema;
    QString error;
    QVERIFY(!DdlImporter::importPostgres(statement + u';', &schema, &error));
    QCOMPARE(error,
             u"cannot map statement 1 to a baseline schema: \""_s + statement.left(200)
                 + u"\u2026\""_s);
}

void TestPgDdlImporter::syntaxErrors_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("error");

    QTest::newRow("misspelt keyword")
        << u"CREATE TABLE a (x int);\nCREATE TABL b (y int);\nCREATE TABLE c (z int);"_s
        << u"syntax error at or near \"TABL\" (line 2, column 8) in statement 2: \"CREATE TABL b (y int)\""_s;
    QTest::newRow("position counts characters")
        << u"CREATE TABLE \"prénom\" (x int);\nCREATE TABLE b (y int,, z int);"_s
        << u"syntax error at or near \",\" (line 2, column 23) in statement 2: \"CREATE TABLE b (y int,, z int)\""_s;
    QTest::newRow("unterminated string")
        << u"CREATE TABLE a (x int);\nCREATE TABLE b (x text DEFAULT 'oops);"_s
        << u"unterminated quoted string at or near \"'oops);\" (line 2, column 32) in statement 2: "
           "\"CREATE TABLE b (x text DEFAULT 'oops);\""_s;
    QTest::newRow("incomplete last statement")
        << u"CREATE TABLE a (x int);;\n  CREATE TABLE b (x int DEFAULT"_s
        << u"syntax error at end of input (line 2, column 32) in statement 2: "
           "\"CREATE TABLE b (x int DEFAULT\""_s;
    QTest::newRow("mysql backticks")
        << u"CREATE TABLE `a` (x int);"_s
        << u"syntax error at or near \"`\" (line 1, column 14) in statement 1: \"CREATE TABLE `a` (x int)\""_s;
}

void TestPgDdlImporter::syntaxErrors()
{
    QFETCH(QString, sql);
    QFETCH(QString, error);

    Schema schema;
    QString actual;
    QVERIFY(!DdlImporter::importPostgres(sql, &schema, &actual));
    QCOMPARE(actual, error);
    QVERIFY(schema.tables.isEmpty());
}

void TestPgDdlImporter::emptyInput_data()
{
    QTest::addColumn<QString>("sql");

    QTest::newRow("nothing") << QString();
    QTest::newRow("whitespace") << u"  \n\t\n"_s;
    QTest::newRow("comments only") << u"-- nothing here\n/* nor here */\n"_s;
    QTest::newRow("empty statements") << u";;\n;"_s;
}

void TestPgDdlImporter::emptyInput()
{
    QFETCH(QString, sql);

    Schema schema;
    Table old;
    old.name = u"old"_s;
    schema.tables.insert(old.name, old);
    QString error = u"untouched"_s;
    QVERIFY(DdlImporter::importPostgres(sql, &schema, &error));
    QCOMPARE(schema, Schema());
    QCOMPARE(error, u"untouched"_s);
}

void TestPgDdlImporter::failureLeavesSchemaUntouched()
{
    Schema schema;
    Table old;
    old.name = u"old"_s;
    schema.tables.insert(old.name, old);
    const Schema before = schema;
    QString error;
    QVERIFY(!DdlImporter::importPostgres(u"CREATE TABLE a (x int); INSERT INTO a VALUES (1);"_s,
                                         &schema,
                                         &error));
    QCOMPARE(schema, before);
    QVERIFY(!error.isEmpty());
}

void TestPgDdlImporter::dialects_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("error");

    QTest::newRow("postgresql") << u"postgresql"_s << u"CREATE TABLE t (a serial);"_s << true
                                << QString();
    QTest::newRow("sqlite") << u"sqlite"_s << u"CREATE TABLE t (a INTEGER PRIMARY KEY);"_s << true
                            << QString();
    QTest::newRow("postgresql parser for postgresql")
        << u"postgresql"_s << u"CREATE TABLE t (a INTEGER PRIMARY KEY AUTOINCREMENT);"_s << false
        << u"syntax error at or near \"AUTOINCREMENT\""_s;
    QTest::newRow("sqlserver")
        << u"sqlserver"_s << u"CREATE TABLE t (a int);"_s << false
        << u"DDL import supports postgresql and sqlite, not sqlserver; give the baseline tables as JSON"_s;
    QTest::newRow("mysql")
        << u"mysql"_s << u"CREATE TABLE t (a int);"_s << false
        << u"DDL import supports postgresql and sqlite, not mysql; give the baseline tables as JSON"_s;
    QTest::newRow("unknown")
        << u"oracle"_s << u"CREATE TABLE t (a int);"_s << false
        << u"unknown dialect \"oracle\"; DDL import supports postgresql and sqlite"_s;
}

void TestPgDdlImporter::dialects()
{
    QFETCH(QString, dialect);
    QFETCH(QString, sql);
    QFETCH(bool, ok);
    QFETCH(QString, error);

    Schema schema;
    QString actual;
    QCOMPARE(DdlImporter::import(dialect, sql, &schema, &actual), ok);
    if (ok) {
        QCOMPARE(schema.tables.keys(), QStringList{u"t"_s});
        QCOMPARE(schema.table(u"t"_s)->columns.first().name, u"a"_s);
        QVERIFY(schema.table(u"t"_s)->columns.first().identity);
    } else {
        QVERIFY2(actual.startsWith(error), qPrintable(actual));
        QVERIFY(schema.tables.isEmpty());
    }
}

void TestPgDdlImporter::nulCharacterIsRefused()
{
    // Both parsers read C strings: what follows a NUL would be dropped without a word.
    const QString sql = u"CREATE TABLE a (x int);"_s + QChar(0) + u"INSERT INTO a VALUES (1);"_s;
    Schema schema;
    QString error;
    QVERIFY(!DdlImporter::importPostgres(sql, &schema, &error));
    QCOMPARE(error, u"the DDL contains a NUL character"_s);
    QVERIFY(schema.tables.isEmpty());
}

QTEST_GUILESS_MAIN(TestPgDdlImporter)
#include "tst_pgddlimporter.moc"
