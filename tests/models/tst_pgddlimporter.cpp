// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemadescribe.h"

#include "../sql/scratchdatabase.h"

#include <io/ddlimporter.h>
#include <sql/connection.h>
#include <sql/livecatalog.h>
#include <sql/postgresdialect.h>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryFile>
#include <QTest>

#include <functional>

using namespace Tideline;

namespace {

/** describe() of the shared header plus what PostgreSQL adds: identity kinds and sequences,
 *  collations, comments, generated expressions, foreign-key actions and deferral, partial,
 *  INCLUDE, descending and method indexes, triggers. */
QStringList describeAll(const Table &t)
{
    QStringList lines;
    for (const Column &c : t.columns) {
        QString line = describe(c);
        if (c.identity)
            line += u" ("_s + Column::identityName(c.effectiveIdentity())
                    + (c.sequence.isEmpty() ? QString() : u" of "_s + c.sequence) + u')';
        if (!c.generatedExpression.isEmpty())
            line += u" as ("_s + c.generatedExpression + u')';
        if (!c.collation.isEmpty())
            line += u" collate "_s + c.collation;
        if (!c.comment.isEmpty())
            line += u" comment '"_s + c.comment + u'\'';
        lines << line;
    }
    lines.append(u"pk ("_s + t.primaryKey.join(u',') + u')');
    for (const Constraint &c : t.constraints) {
        QString line = describe(c);
        if (!c.onDelete.isEmpty())
            line += u" on delete "_s + c.onDelete;
        if (!c.onUpdate.isEmpty())
            line += u" on update "_s + c.onUpdate;
        if (c.deferrable)
            line += c.initiallyDeferred ? u" deferred"_s : u" deferrable"_s;
        lines << line;
    }
    for (const Index &i : t.indexes) {
        QString line = describe(i);
        if (!i.method.isEmpty())
            line += u" using "_s + i.method;
        for (int k = 0; k < i.descending.size(); ++k)
            line += i.descending.at(k) ? u" desc"_s : u" asc"_s;
        if (!i.include.isEmpty())
            line += u" include ("_s + i.include.join(u',') + u')';
        if (!i.where.isEmpty())
            line += u" where "_s + i.where;
        lines << line;
    }
    for (const Trigger &trigger : t.triggers)
        lines << u"trigger "_s + trigger.name + u": "_s + trigger.definition;
    if (!t.comment.isEmpty())
        lines << u"comment '"_s + t.comment + u'\'';
    return lines;
}

/** @p t with what PostgreSQL spells its own way (defaults, CHECKs, index expressions and
 *  predicates, generation expressions, trigger definitions) reduced to whether it is there. */
Table withoutExpressions(Table t)
{
    for (Column &c : t.columns) {
        if (c.hasDefault())
            c.defaultValue = u"<default>"_s;
        if (!c.generatedExpression.isEmpty())
            c.generatedExpression = u"<expression>"_s;
    }
    for (Constraint &c : t.constraints) {
        if (!c.expression.isEmpty())
            c.expression = u"<expression>"_s;
    }
    for (Index &i : t.indexes) {
        for (QString &entry : i.columns)
            entry = t.column(entry) ? entry : u"<expression>"_s;
        if (!i.where.isEmpty())
            i.where = u"<predicate>"_s;
    }
    for (Trigger &trigger : t.triggers)
        trigger.definition = u"<definition>"_s;
    return t;
}

/** Every line describeAll() gives for @p schema's tables, and its sequences and enum types. */
QStringList describeSchema(const Schema &schema, bool expressions)
{
    QStringList lines;
    for (const Table &t : schema.tables) {
        lines << u"table "_s + t.name;
        // Columns in their order; constraints and indexes as sets (a file lists them as
        // written, the catalog by name).
        QStringList own = describeAll(expressions ? t : withoutExpressions(t));
        for (qsizetype i = 0; i < t.columns.size(); ++i)
            own[i] = u"column %1: "_s.arg(int(i), 2, 10, QChar(u'0')) + own[i];
        own.sort();
        lines += own;
        for (const SyncTrigger &sync : t.syncs)
            lines << u"sync "_s + sync.target + u" <- "_s + sync.sources.join(u',');
    }
    for (const Sequence &q : schema.sequences)
        lines << u"sequence %1 %2 start %3 increment %4 owned by %5"_s.arg(q.name, q.type)
                     .arg(q.start).arg(q.increment).arg(q.ownedBy);
    for (const EnumType &e : schema.enums)
        lines << u"enum "_s + e.name + u" ("_s + e.values.join(u", "_s) + u')';
    for (const View &v : schema.views)
        lines << u"view "_s + v.name + u" ("_s + v.columns.join(u", "_s) + u")"_s
                     + (expressions ? u" as "_s + v.definition : QString());
    for (const Procedure &p : schema.procedures) {
        QStringList parameters;
        for (const Parameter &parameter : p.parameters)
            parameters << parameter.name + u' ' + parameter.type + (parameter.hasDefault() ? u" = …"_s : QString());
        lines << u"procedure "_s + p.name + u'(' + parameters.join(u", "_s) + u')';
    }
    return lines;
}

/** Runs @p sql in psql -X -v ON_ERROR_STOP=1 on @p dsn: empty, or psql's complaint. */
QString psql(const QString &dsn, const QString &sql)
{
    QTemporaryFile file;
    if (!file.open() || file.write(sql.toUtf8()) < 0 || !file.flush())
        return u"cannot write a temporary file"_s;
    QProcess p;
    p.start(u"psql"_s, {u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-d"_s, dsn, u"-f"_s, file.fileName()});
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return u"psql failed: "_s + QString::fromUtf8(p.readAllStandardError());
    return {};
}

} // namespace

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
    void skippedWithNotes_data();
    void skippedWithNotes();
    void copyDataAndPsqlCommands();
    void everythingASchemaHolds();
    void upgradeStatements_data();
    void upgradeStatements();
    void collidingNamesAreChosenAsPostgresDoes();
    void unterminatedCommentIsQuick_data();
    void unterminatedCommentIsQuick();
    void debianSchemas();
    void fileAndLiveAgree_data();
    void fileAndLiveAgree();

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
        << QStringList{u"id bigint not null identity (always)"_s,
                       u"first_name varchar(100) not null"_s,
                       u"last_name varchar(100) not null"_s,
                       u"pk (id)"_s,
                       u"primary_key customer_pkey (id)"_s};
    QTest::newRow("posts with author columns") << u"CREATE TABLE posts (\n"
                                                  "  id SERIAL PRIMARY KEY,\n"
                                                  "  title VARCHAR(255) NOT NULL,\n"
                                                  "  content TEXT,\n"
                                                  "  author_name VARCHAR(255),\n"
                                                  "  author_email VARCHAR(255)\n"
                                                  ");"_s
                                               << u"posts"_s
                                               << QStringList{u"id integer not null default "
                                                              "nextval('posts_id_seq'::regclass) identity "
                                                              "(sequence of posts_id_seq)"_s,
                                                              u"title varchar(255) not null"_s,
                                                              u"content text"_s,
                                                              u"author_name varchar(255)"_s,
                                                              u"author_email varchar(255)"_s,
                                                              u"pk (id)"_s,
                                                              u"primary_key posts_pkey (id)"_s};
}

void TestPgDdlImporter::seedSchemas()
{
    QFETCH(QString, sql);
    QFETCH(QString, table);
    QFETCH(QStringList, expected);

    const Schema schema = imported(sql);
    QCOMPARE(schema.tables.keys(), QStringList{table});
    QCOMPARE(schema.tables.value(table).name, table);
    QCOMPARE(describeAll(schema.tables.value(table)), expected);
    if (table == u"posts")
        QCOMPARE(schema.sequences.value(u"posts_id_seq"_s),
                 (Sequence{u"posts_id_seq"_s, u"integer"_s, 1, 1, u"posts.id"_s}));
    else
        QVERIFY(schema.sequences.isEmpty()); // an identity's sequence is the column's own
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
    row(u"public.citext"_s, u"citext"_s); // public is the default schema, as for tables
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
                        bool generated = false,
                        const std::function<void(Column *)> &more = {}) {
        Column column{u"c"_s, type, nullable, defaultValue, identity, generated};
        if (more)
            more(&column);
        QTest::newRow(tag) << definition << column;
    };
    const auto fromSequence = [](const QString &name) {
        return [name](Column *c) {
            c->identityKind = Column::Identity::Sequence;
            c->sequence = name;
        };
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
    // A column filled from a sequence is filled by the database, as a serial is.
    row("default nextval",
        u"integer DEFAULT nextval('s'::regclass) NOT NULL"_s,
        u"integer"_s,
        false,
        u"nextval('s'::regclass)"_s,
        true,
        false,
        fromSequence(u"s"_s));
    row("default nextval as PostgreSQL stores it",
        u"integer DEFAULT nextval('public.\"My Seq\"')"_s,
        u"integer"_s,
        true,
        u"nextval('\"My Seq\"'::regclass)"_s,
        true,
        false,
        fromSequence(u"My Seq"_s));
    // A text argument is looked up at every call: PostgreSQL keeps the cast (and no dependency).
    row("default nextval of text",
        u"integer DEFAULT nextval('public.\"My Seq\"'::text)"_s,
        u"integer"_s,
        true,
        u"nextval(('public.\"My Seq\"'::text)::regclass)"_s,
        true,
        false,
        fromSequence(u"My Seq"_s));
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
    row("default null is none", u"text DEFAULT NULL"_s, u"text"_s, true, {}); // PostgreSQL stores none
    row("default null with a type modifier",
        u"varchar(40) DEFAULT NULL"_s,
        u"varchar(40)"_s,
        true,
        u"NULL"_s); // PostgreSQL stores NULL::character varying (a length coercion)
    row("default followed by a comment",
        u"integer DEFAULT 42 -- the answer\n"_s,
        u"integer"_s,
        true,
        u"42"_s);
    const QString serialDefault = u"nextval('t_c_seq'::regclass)"_s;
    row("serial", u"serial"_s, u"integer"_s, false, serialDefault, true, false, fromSequence(u"t_c_seq"_s));
    row("bigserial", u"bigserial"_s, u"bigint"_s, false, serialDefault, true, false, fromSequence(u"t_c_seq"_s));
    row("smallserial", u"smallserial"_s, u"smallint"_s, false, serialDefault, true, false,
        fromSequence(u"t_c_seq"_s));
    row("identity always", u"bigint GENERATED ALWAYS AS IDENTITY"_s, u"bigint"_s, false, {}, true, false,
        [](Column *c) { c->identityKind = Column::Identity::Always; });
    row("identity by default",
        u"int GENERATED BY DEFAULT AS IDENTITY (START WITH 10)"_s,
        u"integer"_s,
        false,
        {},
        true,
        false,
        [](Column *c) { c->identityKind = Column::Identity::ByDefault; });
    row("generated stored",
        u"integer GENERATED ALWAYS AS (a * 2) STORED"_s,
        u"integer"_s,
        true,
        {},
        false,
        true,
        [](Column *c) { c->generatedExpression = u"a * 2"_s; });
    row("generated over a multi-line literal",
        u"text GENERATED ALWAYS AS (\n  'line1\nline2' || a\n) STORED"_s,
        u"text"_s,
        true,
        {},
        false,
        true,
        [](Column *c) { c->generatedExpression = u"'line1\nline2' || a"_s; });
    row("collation is not part of the type", u"text COLLATE \"C\" NOT NULL"_s, u"text"_s, false, {}, false,
        false, [](Column *c) { c->collation = u"C"_s; });
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
        << QStringList{u"id integer not null"_s, u"a text"_s, u"pk (id)"_s, u"primary_key t_pkey (id)"_s};
    QTest::newRow("named composite primary key")
        << u"CREATE TABLE t (a integer, b text, CONSTRAINT t_pk PRIMARY KEY (b, a));"_s
        << QStringList{u"a integer not null"_s,
                       u"b text not null"_s,
                       u"pk (b,a)"_s,
                       u"primary_key t_pk (b,a)"_s};
    QTest::newRow("primary key declared before its columns")
        << u"CREATE TABLE t (PRIMARY KEY (a), a integer);"_s
        << QStringList{u"a integer not null"_s, u"pk (a)"_s, u"primary_key t_pkey (a)"_s};
    QTest::newRow("column unique") << u"CREATE TABLE t (email text UNIQUE);"_s
                                   << QStringList{u"email text"_s, u"pk ()"_s, u"unique t_email_key (email)"_s};
    QTest::newRow("named table unique")
        << u"CREATE TABLE t (a int, b int, CONSTRAINT t_ab_key UNIQUE (a, b));"_s
        << QStringList{u"a integer"_s, u"b integer"_s, u"pk ()"_s, u"unique t_ab_key (a,b)"_s};
    QTest::newRow("column check") << u"CREATE TABLE t (price numeric CHECK (price > 0));"_s
                                  << QStringList{u"price numeric"_s,
                                                 u"pk ()"_s,
                                                 u"check t_price_check (price) check price > 0"_s};
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
                       u"check t_name_check (name) check char_length(name) > 0 AND name <> ')'"_s};
    QTest::newRow("column references with columns")
        << parent + u"CREATE TABLE t (pid integer REFERENCES p(id) ON DELETE CASCADE);"_s
        << QStringList{u"pid integer"_s, u"pk ()"_s, u"foreign_key t_pid_fkey (pid) -> p(id) on delete CASCADE"_s};
    QTest::newRow("column references the primary key")
        << parent + u"CREATE TABLE t (pid integer NOT NULL REFERENCES p);"_s
        << QStringList{u"pid integer not null"_s, u"pk ()"_s, u"foreign_key t_pid_fkey (pid) -> p(id)"_s};
    QTest::newRow("references a table declared later")
        << u"CREATE TABLE t (pid integer REFERENCES p);\n"_s + parent
        << QStringList{u"pid integer"_s, u"pk ()"_s, u"foreign_key t_pid_fkey (pid) -> p(id)"_s};
    QTest::newRow("named composite foreign key")
        << parent
               + u"CREATE TABLE t (c text, n int, CONSTRAINT t_p_fk FOREIGN KEY (c, n) "
                 "REFERENCES public.p (code, k) DEFERRABLE INITIALLY DEFERRED);"_s
        << QStringList{u"c text"_s,
                       u"n integer"_s,
                       u"pk ()"_s,
                       u"foreign_key t_p_fk (c,n) -> p(code,k) deferred"_s};
    QTest::newRow("check and unique after references")
        << parent
               + u"CREATE TABLE t (pid int REFERENCES p ON DELETE SET NULL CHECK (pid > 0) "
                 "CONSTRAINT t_pid_key UNIQUE);"_s
        << QStringList{u"pid integer"_s,
                       u"pk ()"_s,
                       u"foreign_key t_pid_fkey (pid) -> p(id) on delete SET NULL"_s,
                       u"check t_pid_check (pid) check pid > 0"_s,
                       u"unique t_pid_key (pid)"_s};
    QTest::newRow("foreign key to another schema")
        << u"CREATE TABLE t (a int REFERENCES billing.account (id));"_s
        << QStringList{u"a integer"_s, u"pk ()"_s, u"foreign_key t_a_fkey (a) -> billing.account(id)"_s};
    QTest::newRow("constraints in declaration order")
        << u"CREATE TABLE t (a int CHECK (a > 0), b int UNIQUE, PRIMARY KEY (a));"_s
        << QStringList{u"a integer not null"_s,
                       u"b integer"_s,
                       u"pk (a)"_s,
                       u"check t_a_check (a) check a > 0"_s,
                       u"unique t_b_key (b)"_s,
                       u"primary_key t_pkey (a)"_s};
}

void TestPgDdlImporter::constraints()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    const Schema schema = imported(sql);
    QVERIFY(schema.table(u"t"_s));
    QCOMPARE(describeAll(*schema.table(u"t"_s)), expected);
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
                       u"check t_check (id,pid) check pid <> id"_s,
                       u"foreign_key t_pid_fkey (pid) -> p(id)"_s};
    QTest::newRow("add column with constraints")
        << table + u"ALTER TABLE t ADD COLUMN email varchar(320) NOT NULL DEFAULT '' UNIQUE;"_s
        << QStringList{u"id integer"_s,
                       u"pid integer"_s,
                       u"name text"_s,
                       u"email varchar(320) not null default ''"_s,
                       u"pk ()"_s,
                       u"unique t_email_key (email)"_s};
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
        << QStringList{u"id integer not null identity (always)"_s,
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
    QCOMPARE(describeAll(*schema.table(u"t"_s)), expected);
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
                          u"primary_key Robert'); DROP TABLE x;--_pkey (select)"_s,
                          u"check Robert'); DROP TABLE x;--_a\"b_check (a\"b) check \"a\"\"b\" <> 'x;y'"_s,
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
             (QStringList{u"id integer not null default nextval('customer_id_seq'::regclass) identity"_s,
                          u"first_name varchar(100) not null"_s,
                          u"last_name varchar(100) not null"_s,
                          u"email citext"_s,
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
    QTest::newRow("rollback") << u"BEGIN; ROLLBACK;"_s
                              << u"cannot map statement 2 to a baseline schema: \"ROLLBACK\""_s;
    QTest::newRow("create schema with elements")
        << u"CREATE SCHEMA app CREATE TABLE x (a int);"_s
        << u"cannot map statement 1 to a baseline schema: \"CREATE SCHEMA app CREATE TABLE x (a int)\""_s;
    QTest::newRow("create table as")
        << table + u"CREATE TABLE copy AS SELECT * FROM customer;"_s
        << u"cannot map statement 2 to a baseline schema: \"CREATE TABLE copy AS SELECT * FROM customer\""_s;
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
    const QString statement = u"CREATE TABLE t AS SELECT "_s + values;
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
    // Issue 14 item 8: at the first character of a file of several lines the column was
    // counted from the file's last line break ("line 1, column -52").
    QTest::newRow("error at the first character")
        << u"x;\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"_s
        << u"syntax error at or near \"x\" (line 1, column 1) in statement 1: \"x\""_s;
    QTest::newRow("unterminated comment at the first character")
        << u"/* open\nCREATE TABLE a (id int);\n"_s
        << u"unterminated /* comment at or near \"/* open\nCREATE TABLE a (id int);\n\" (line 1, column 1)"_s;
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
    QVERIFY(!DdlImporter::importPostgres(u"CREATE TABLE a (x int); CREATE TABLE b AS SELECT 1;"_s,
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
        << u"DDL import supports postgresql, sqlite and mysql, not sqlserver; give the baseline tables as JSON"_s;
    QTest::newRow("mysql")
        << u"mysql"_s << u"CREATE TABLE t (a int AUTO_INCREMENT PRIMARY KEY);"_s << true << QString();
    QTest::newRow("unknown")
        << u"oracle"_s << u"CREATE TABLE t (a int);"_s << false
        << u"unknown dialect \"oracle\"; DDL import supports postgresql, sqlite and mysql"_s;
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

void TestPgDdlImporter::skippedWithNotes_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("note"); // a part of the one note expected

    QTest::newRow("insert") << u"INSERT INTO t VALUES (1)"_s << u"rows are data, not schema: INSERT skipped"_s;
    QTest::newRow("insert after comments")
        << u"-- seed data\n/* more */\n  INSERT INTO t\n  VALUES (1)"_s
        << u"INSERT skipped (statement 2: \"INSERT INTO t VALUES (1)\")"_s;
    QTest::newRow("update") << u"UPDATE t SET a = 2"_s << u"UPDATE skipped"_s;
    QTest::newRow("delete") << u"DELETE FROM t"_s << u"DELETE skipped"_s;
    QTest::newRow("truncate") << u"TRUNCATE t"_s << u"TRUNCATE skipped"_s;
    QTest::newRow("setval") << u"SELECT pg_catalog.setval('public.t_a_seq', 42, true)"_s
                            << u"sequence positions (setval) are data"_s;
    QTest::newRow("select") << u"SELECT 1"_s << u"queries are data, not schema"_s;
    QTest::newRow("create extension") << u"CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public"_s
                                      << u"extensions are not part of a baseline"_s;
    QTest::newRow("create schema") << u"CREATE SCHEMA IF NOT EXISTS app AUTHORIZATION owner"_s
                                   << u"schemas are not part of a baseline"_s;
    QTest::newRow("grant") << u"GRANT SELECT, INSERT ON TABLE t TO app"_s << u"privileges are not part of a baseline"_s;
    QTest::newRow("revoke") << u"REVOKE ALL ON SCHEMA public FROM PUBLIC"_s << u"privileges are not part of a baseline"_s;
    QTest::newRow("grant role") << u"GRANT reader TO app"_s << u"roles are not part of a baseline"_s;
    QTest::newRow("default privileges") << u"ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO app"_s
                                        << u"privileges are not part of a baseline"_s;
    QTest::newRow("table owner") << u"ALTER TABLE public.t OWNER TO app"_s << u"owners are not part of a baseline"_s;
    QTest::newRow("schema owner") << u"ALTER SCHEMA public OWNER TO app"_s << u"owners are not part of a baseline"_s;
    QTest::newRow("policy") << u"CREATE POLICY mine ON t USING (a > 0)"_s
                            << u"row security policies are not part of a baseline"_s;
    QTest::newRow("row security") << u"ALTER TABLE t ENABLE ROW LEVEL SECURITY"_s
                                  << u"row level security is not part of a baseline"_s;
    QTest::newRow("domain") << u"CREATE DOMAIN posint AS integer CHECK (VALUE > 0)"_s
                            << u"domains are not part of a baseline"_s;
    QTest::newRow("composite type") << u"CREATE TYPE pair AS (a int, b int)"_s
                                    << u"composite types are not part of a baseline"_s;
    QTest::newRow("function")
        << u"CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"_s
        << u"functions and procedures keep only their name and parameters"_s;
    QTest::newRow("do block") << u"DO $$ BEGIN PERFORM 1; END $$"_s << u"DO blocks are not run"_s;
    QTest::newRow("rule") << u"CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING"_s
                          << u"rules are not part of a baseline"_s;
    QTest::newRow("materialized view") << u"CREATE MATERIALIZED VIEW mv AS SELECT a FROM t"_s
                                       << u"materialized views are not part of a baseline"_s;
    QTest::newRow("exclusion constraint")
        << u"ALTER TABLE t ADD CONSTRAINT no_overlap EXCLUDE USING gist (a WITH =)"_s
        << u"exclusion constraints are not part of a baseline"_s;
    QTest::newRow("operator class") << u"CREATE INDEX t_a_idx ON t (a int4_ops)"_s
                                    << u"operator classes of index columns"_s;
    QTest::newRow("nulls ordering") << u"CREATE INDEX t_a_idx ON t (a NULLS FIRST)"_s
                                    << u"NULLS FIRST/LAST of index columns"_s;
    QTest::newRow("identity options") << u"ALTER TABLE t ADD COLUMN i int GENERATED ALWAYS AS IDENTITY (START WITH 7)"_s
                                      << u"identity options"_s;
    QTest::newRow("sequence cache") << u"CREATE SEQUENCE s CACHE 20"_s
                                    << u"sequence options other than AS, START, INCREMENT and OWNED BY"_s;
    QTest::newRow("comment on an index") << u"COMMENT ON INDEX t_a_key IS 'x'"_s
                                         << u"comments on objects other than tables and columns"_s;
    QTest::newRow("match full") << u"CREATE TABLE c (a int REFERENCES t (a) MATCH FULL)"_s
                                << u"MATCH FULL / MATCH PARTIAL"_s;
    QTest::newRow("storage parameters") << u"ALTER TABLE t SET (fillfactor = 70)"_s
                                        << u"storage parameters are not part of a baseline"_s;
}

void TestPgDdlImporter::skippedWithNotes()
{
    QFETCH(QString, statement);
    QFETCH(QString, note);

    Schema schema;
    QString error;
    QStringList notes;
    QVERIFY2(DdlImporter::importPostgres(u"CREATE TABLE t (a int UNIQUE);\n"_s + statement + u";\n"_s, &schema,
                                         &error, &notes),
             qPrintable(error));
    QVERIFY(schema.table(u"t"_s));
    QCOMPARE(schema.table(u"t"_s)->columns.first().name, u"a"_s);
    QVERIFY2(notes.size() == 1 && notes.first().contains(note), qPrintable(notes.join(u'\n')));
    QVERIFY2(notes.first().contains(u"(statement 2"_s), qPrintable(notes.first())); // names the statement
    // Through the generic entry point, too, and the notes are replaced, not appended to.
    QVERIFY(DdlImporter::import(u"postgresql"_s, u"CREATE TABLE t (a int);"_s, &schema, &error, &notes));
    QVERIFY(notes.isEmpty());
}

void TestPgDdlImporter::copyDataAndPsqlCommands()
{
    // pg_dump with data: rows after COPY … FROM stdin up to "\.", and psql commands, are not SQL.
    const QString sql = u"\\connect shop\n"
                        "CREATE TABLE t (a int, b text);\n"
                        "COPY public.t (a, b) FROM stdin;\n"
                        "1\tit's; DROP TABLE t;\n"
                        "2\t\\N\n"
                        "\\.\n"
                        "CREATE TABLE u (c text DEFAULT '\n\\not a command');\n"
                        "SELECT pg_catalog.setval('public.t_a_seq', 2, true);\n"_s;
    Schema schema;
    QString error;
    QStringList notes;
    QVERIFY2(DdlImporter::importPostgres(sql, &schema, &error, &notes), qPrintable(error));
    QCOMPARE(schema.tables.keys(), (QStringList{u"t"_s, u"u"_s}));
    QCOMPARE(schema.table(u"u"_s)->columns.first().defaultValue, u"'\n\\not a command'"_s);
    QCOMPARE(notes.size(), 4);
    QVERIFY2(notes.at(0).contains(u"2 row(s) after COPY"_s), qPrintable(notes.at(0)));
    QVERIFY2(notes.at(1).contains(u"psql commands are not SQL: 1 skipped (\\connect shop)"_s), qPrintable(notes.at(1)));
    QVERIFY2(notes.at(2).contains(u"COPY skipped"_s), qPrintable(notes.at(2)));
    QVERIFY2(notes.at(3).contains(u"setval"_s), qPrintable(notes.at(3)));
}

void TestPgDdlImporter::everythingASchemaHolds()
{
    // Written by hand from PostgreSQL's documentation of each clause; the expectation says what
    // PostgreSQL itself would hold (names it chooses, nextval('…'::regclass), identity kinds).
    const QString sql = uR"sql(
        CREATE TYPE mood AS ENUM ('sad', 'happy');
        ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy';
        ALTER TYPE mood ADD VALUE IF NOT EXISTS 'elated' AFTER 'happy';
        ALTER TYPE mood ADD VALUE IF NOT EXISTS 'sad';
        CREATE SEQUENCE users_seq INCREMENT BY 1 NO MAXVALUE NO MINVALUE CACHE 1;
        CREATE SEQUENCE public.order_no AS integer START WITH 1000 INCREMENT BY 10;
        CREATE TABLE users (
            user_id integer DEFAULT nextval('users_seq'::text) PRIMARY KEY,
            name varchar(128) COLLATE "C" NOT NULL DEFAULT '',
            feeling mood DEFAULT 'ok',
            "Name Upper" text GENERATED ALWAYS AS (upper(name)) STORED
        );
        CREATE TABLE orders (
            id bigserial,
            no integer NOT NULL DEFAULT nextval('order_no'),
            user_id integer NOT NULL REFERENCES users (user_id) ON DELETE CASCADE ON UPDATE SET NULL
                DEFERRABLE INITIALLY DEFERRED,
            buyer integer REFERENCES users ON UPDATE RESTRICT,
            total numeric(12,2) CHECK (total >= 0),
            note text DEFAULT 'line1
line2',
            CONSTRAINT orders_pkey PRIMARY KEY (id)
        );
        ALTER SEQUENCE order_no OWNED BY orders.no;
        CREATE TABLE events (
            id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL,
            payload jsonb
        );
        CREATE INDEX ON orders (user_id) INCLUDE (total) WHERE note IS NOT NULL;
        CREATE INDEX orders_recent ON orders (user_id, id DESC);
        CREATE INDEX ON events USING gin (payload);
        CREATE UNIQUE INDEX ON users (lower(name));
        COMMENT ON TABLE users IS 'People; see "orders".';
        COMMENT ON COLUMN users.name IS 'line1
line2';
        COMMENT ON COLUMN users.feeling IS NULL;
        CREATE TRIGGER users_touch BEFORE UPDATE ON users
            FOR EACH ROW EXECUTE FUNCTION touch();
    )sql"_s;
    Schema schema;
    QString error;
    QStringList notes;
    QVERIFY2(DdlImporter::importPostgres(sql, &schema, &error, &notes), qPrintable(error));

    QCOMPARE(schema.enums.keys(), QStringList{u"mood"_s});
    QCOMPARE(schema.enums.value(u"mood"_s).values, (QStringList{u"sad"_s, u"ok"_s, u"happy"_s, u"elated"_s}));
    QCOMPARE(schema.sequences.keys(), (QStringList{u"order_no"_s, u"orders_id_seq"_s, u"users_seq"_s}));
    QCOMPARE(schema.sequences.value(u"users_seq"_s), (Sequence{u"users_seq"_s, u"bigint"_s, 1, 1, {}}));
    QCOMPARE(schema.sequences.value(u"order_no"_s), (Sequence{u"order_no"_s, u"integer"_s, 1000, 10, u"orders.no"_s}));
    QCOMPARE(schema.sequences.value(u"orders_id_seq"_s),
             (Sequence{u"orders_id_seq"_s, u"bigint"_s, 1, 1, u"orders.id"_s}));

    QCOMPARE(describeAll(*schema.table(u"users"_s)),
             (QStringList{u"user_id integer not null default nextval(('users_seq'::text)::regclass) identity "
                          "(sequence of users_seq)"_s,
                          u"name varchar(128) not null default '' collate C comment 'line1\nline2'"_s,
                          u"feeling mood default 'ok'"_s,
                          u"Name Upper text generated as (upper(name))"_s,
                          u"pk (user_id)"_s,
                          u"primary_key users_pkey (user_id)"_s,
                          u"unique index users_lower_idx (lower(name))"_s,
                          u"trigger users_touch: CREATE TRIGGER users_touch BEFORE UPDATE ON users\n"
                          "            FOR EACH ROW EXECUTE FUNCTION touch()"_s,
                          u"comment 'People; see \"orders\".'"_s}));
    QCOMPARE(describeAll(*schema.table(u"orders"_s)),
             (QStringList{u"id bigint not null default nextval('orders_id_seq'::regclass) identity "
                          "(sequence of orders_id_seq)"_s,
                          u"no integer not null default nextval('order_no'::regclass) identity (sequence of order_no)"_s,
                          u"user_id integer not null"_s,
                          u"buyer integer"_s,
                          u"total numeric(12,2)"_s,
                          u"note text default 'line1\nline2'"_s,
                          u"pk (id)"_s,
                          u"foreign_key orders_user_id_fkey (user_id) -> users(user_id) on delete CASCADE "
                          "on update SET NULL deferred"_s,
                          u"foreign_key orders_buyer_fkey (buyer) -> users(user_id) on update RESTRICT"_s,
                          u"check orders_total_check (total) check total >= 0"_s,
                          u"primary_key orders_pkey (id)"_s,
                          u"index orders_user_id_idx (user_id) include (total) where note IS NOT NULL"_s,
                          u"index orders_recent (user_id | id) asc desc"_s}));
    QCOMPARE(describeAll(*schema.table(u"events"_s)),
             (QStringList{u"id integer not null identity (by_default)"_s,
                          u"at timestamp with time zone not null"_s,
                          u"payload jsonb"_s,
                          u"pk (id)"_s,
                          u"primary_key events_pkey (id)"_s,
                          u"index events_payload_idx (payload) using gin"_s}));
    QCOMPARE(notes.size(), 1); // the trigger's function
    QVERIFY2(notes.first().contains(u"trigger functions are not part of a baseline"_s), qPrintable(notes.first()));
}

void TestPgDdlImporter::upgradeStatements_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected"); // describeAll() of the table "t"

    const QString table = u"CREATE TABLE p (id serial PRIMARY KEY);\n"
                          "CREATE TABLE t (id int PRIMARY KEY, pid int REFERENCES p, name text UNIQUE, "
                          "n smallint CHECK (n > 0));\n"
                          "CREATE INDEX t_name_n_idx ON t (name, n);\n"_s;
    QTest::newRow("drop column takes its index and constraints")
        << table + u"ALTER TABLE t DROP COLUMN name, DROP COLUMN IF EXISTS gone;"_s
        << QStringList{u"id integer not null"_s, u"pid integer"_s, u"n smallint"_s, u"pk (id)"_s,
                       u"primary_key t_pkey (id)"_s, u"foreign_key t_pid_fkey (pid) -> p(id)"_s,
                       u"check t_n_check (n) check n > 0"_s};
    QTest::newRow("alter column type")
        << table + u"ALTER TABLE t ALTER COLUMN n TYPE integer USING n::integer, ALTER name TYPE varchar(50);"_s
        << QStringList{u"id integer not null"_s, u"pid integer"_s, u"name varchar(50)"_s, u"n integer"_s,
                       u"pk (id)"_s, u"primary_key t_pkey (id)"_s, u"foreign_key t_pid_fkey (pid) -> p(id)"_s,
                       u"unique t_name_key (name)"_s, u"check t_n_check (n) check n > 0"_s,
                       u"index t_name_n_idx (name | n)"_s};
    QTest::newRow("rename column, index and constraint")
        << table + u"ALTER TABLE t RENAME COLUMN name TO title; ALTER INDEX t_name_n_idx RENAME TO t_title_n_idx;"
                   " ALTER TABLE t RENAME CONSTRAINT t_n_check TO n_positive;"_s
        << QStringList{u"id integer not null"_s, u"pid integer"_s, u"title text"_s, u"n smallint"_s,
                       u"pk (id)"_s, u"primary_key t_pkey (id)"_s, u"foreign_key t_pid_fkey (pid) -> p(id)"_s,
                       u"unique t_name_key (title)"_s, u"check n_positive (n) check n > 0"_s,
                       u"index t_title_n_idx (title | n)"_s};
    QTest::newRow("drop constraint, not null and index")
        << table + u"ALTER TABLE t DROP CONSTRAINT t_name_key, DROP CONSTRAINT IF EXISTS nope,"
                   " ALTER id DROP NOT NULL; DROP INDEX IF EXISTS t_name_n_idx, nope;"_s
        << QStringList{u"id integer"_s, u"pid integer"_s, u"name text"_s, u"n smallint"_s, u"pk (id)"_s,
                       u"primary_key t_pkey (id)"_s, u"foreign_key t_pid_fkey (pid) -> p(id)"_s,
                       u"check t_n_check (n) check n > 0"_s};
    QTest::newRow("renamed and dropped tables")
        << table + u"CREATE TABLE gone (a int); DROP TABLE gone; ALTER TABLE p RENAME TO parent;"_s
        << QStringList{u"id integer not null"_s, u"pid integer"_s, u"name text"_s, u"n smallint"_s, u"pk (id)"_s,
                       u"primary_key t_pkey (id)"_s, u"foreign_key t_pid_fkey (pid) -> parent(id)"_s,
                       u"unique t_name_key (name)"_s, u"check t_n_check (n) check n > 0"_s,
                       u"index t_name_n_idx (name | n)"_s};
}

void TestPgDdlImporter::upgradeStatements()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    const Schema schema = imported(sql);
    QVERIFY(schema.table(u"t"_s));
    QCOMPARE(describeAll(*schema.table(u"t"_s)), expected);
    QVERIFY(!schema.tables.contains(u"gone"_s));
    // The serial of p keeps its sequence, owned by the (renamed) table.
    const QString parent = schema.tables.contains(u"parent"_s) ? u"parent"_s : u"p"_s;
    QCOMPARE(schema.sequences.value(u"p_id_seq"_s).ownedBy, parent + u".id"_s);
}

void TestPgDdlImporter::collidingNamesAreChosenAsPostgresDoes()
{
    // Every unnamed key, index, CHECK and serial sequence of the file has its first-choice name
    // taken, or freed again by DROP TABLE, DROP CONSTRAINT, DROP COLUMN or a RENAME, so the
    // importer's set of taken names must follow each of them. The names below are PostgreSQL 15's
    // own (pg_class and pg_constraint after running the file); fileAndLiveAgree compares them live.
    // Names chosen on the way are checked by the file itself: it drops t_pkey1 and t_code_key2,
    // which the import refuses when no constraint has that name.
    QFile file(QStringLiteral(TIDELINE_TEST_DATA "/pg-colliding-names.sql"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const Schema schema = imported(QString::fromUtf8(file.readAll()));

    QStringList names;
    for (const Table &t : schema.tables) {
        names << u"table "_s + t.name;
        for (const Constraint &c : t.constraints)
            names << u"%1 constraint %2"_s.arg(t.name, c.name);
        for (const Index &i : t.indexes)
            names << u"%1 index %2"_s.arg(t.name, i.name);
    }
    for (const Sequence &q : schema.sequences)
        names << u"sequence %1 owned by %2"_s.arg(q.name, q.ownedBy);
    names.sort();
    const QStringList expected = {
        u"sequence t_id_seq1 owned by t.id"_s,
        u"sequence t_k_seq1 owned by t.k"_s,
        u"sequence t_n_seq owned by t.n"_s,
        u"sequence t_name_idx owned by "_s,
        u"sequence u_id_seq owned by u.id"_s,
        u"t constraint t_code_check"_s,
        u"t constraint t_code_check1"_s,
        u"t constraint t_code_key"_s,
        u"t constraint t_name_key"_s,
        u"t constraint t_pkey"_s,
        u"t index t_name_idx1"_s,
        u"table t"_s,
        u"table t_code_key1"_s,
        u"table t_k_seq"_s,
        u"table u"_s,
        u"u constraint u_pkey"_s,
        u"u constraint u_t_id_check"_s,
        u"u constraint u_t_id_fkey"_s,
        u"u index u_t_id_idx"_s,
        u"u index u_t_id_idx1"_s,
    };
    QCOMPARE(names, expected);
}

void TestPgDdlImporter::unterminatedCommentIsQuick_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("error");

    const QString head = u"CREATE TABLE a (x int);\nCREATE TABLE b (y int); /*"_s;
    QTest::newRow("100 KB after /*") << head + QString(100 * 1024, u'x')
                                     << u"unterminated /* comment at or near \"/*xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\u2026\" "
                                        "(line 2, column 25)"_s;
    QTest::newRow("100 KB of nested /*") << head + QString(u"/*"_s).repeated(50 * 1024)
                                         << u"unterminated /* comment at or near \"/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*\u2026\" "
                                            "(line 2, column 25)"_s;
}

void TestPgDdlImporter::unterminatedCommentIsQuick()
{
    QFETCH(QString, sql);
    QFETCH(QString, error);

    QElapsedTimer timer;
    timer.start();
    Schema schema;
    QString actual;
    QVERIFY(!DdlImporter::importPostgres(sql, &schema, &actual));
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed()) + u" ms"_s));
    QCOMPARE(actual, error);
}

void TestPgDdlImporter::debianSchemas()
{
    // Schemas nobody here wrote: the PostgreSQL DDL roundcube-core and pdns-backend-pgsql ship
    // (./test.sh fetches them with apt-get download into TIDELINE_DEBIAN_SCHEMAS).
    const QString root = qEnvironmentVariable("TIDELINE_DEBIAN_SCHEMAS");
    if (root.isEmpty())
        QSKIP("TIDELINE_DEBIAN_SCHEMAS is not set (./test.sh fetches roundcube-core and pdns-backend-pgsql)");
    const auto load = [&](const QString &path, Schema *schema, QStringList *notes) {
        QFile file(root + path);
        if (!file.open(QIODevice::ReadOnly))
            QSKIP(qPrintable(path + u" is missing: "_s + file.errorString()));
        QString error;
        QVERIFY2(DdlImporter::importPostgres(QString::fromUtf8(file.readAll()), schema, &error, notes),
                 qPrintable(error));
    };
    Schema roundcube;
    QStringList notes;
    load(u"/usr/share/roundcube/SQL/postgres.initial.sql"_s, &roundcube, &notes);
    // Its sequences are created beside the tables and drawn from by nextval('…'::text) defaults.
    QCOMPARE(roundcube.sequences.value(u"users_seq"_s), (Sequence{u"users_seq"_s, u"bigint"_s, 1, 1, {}}));
    const Column *userId = roundcube.table(u"users"_s)->column(u"user_id"_s);
    QCOMPARE(userId->defaultValue, u"nextval(('users_seq'::text)::regclass)"_s);
    QCOMPARE(userId->identityKind, Column::Identity::Sequence);
    QCOMPARE(userId->sequence, u"users_seq"_s);
    // Its foreign keys cascade.
    const Constraint *fk = roundcube.table(u"identities"_s)->constraint(u"identities_user_id_fkey"_s);
    QVERIFY(fk);
    QCOMPARE(fk->refTable, u"users"_s);
    QCOMPARE(fk->onDelete, u"CASCADE"_s);
    QCOMPARE(fk->onUpdate, u"CASCADE"_s);
    QVERIFY(roundcube.tables.size() >= 10);

    Schema pdns;
    notes.clear();
    load(u"/usr/share/pdns-backend-pgsql/schema/schema.pgsql.sql"_s, &pdns, &notes);
    const Table *records = pdns.table(u"records"_s);
    QVERIFY(records);
    QCOMPARE(records->column(u"id"_s)->type, u"bigint"_s);
    QCOMPARE(records->column(u"id"_s)->sequence, u"records_id_seq"_s);
    QCOMPARE(pdns.sequences.value(u"records_id_seq"_s).ownedBy, u"records.id"_s);
    QCOMPARE(records->constraint(u"domain_exists"_s)->onDelete, u"CASCADE"_s);
    QCOMPARE(pdns.table(u"domainmetadata"_s)->constraint(u"domainmetadata_domain_id_fkey"_s)->onDelete,
             u"CASCADE"_s);
    // text_pattern_ops is an operator class a Schema cannot hold: said, not silently dropped.
    QVERIFY2(std::any_of(notes.cbegin(), notes.cend(),
                         [](const QString &n) { return n.contains(u"operator classes"_s) && n.contains(u"recordorder"_s); }),
             qPrintable(notes.join(u'\n')));
}

void TestPgDdlImporter::fileAndLiveAgree_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("prelude"); // what the baseline cannot hold and a database needs first

    const QString root = qEnvironmentVariable("TIDELINE_DEBIAN_SCHEMAS");
    QTest::newRow("rich") << QStringLiteral(TIDELINE_TEST_DATA "/pg-rich-schema.sql")
                          << u"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS "
                             "$$ BEGIN NEW.changed := now(); RETURN NEW; END $$;"_s;
    QTest::newRow("colliding names") << QStringLiteral(TIDELINE_TEST_DATA "/pg-colliding-names.sql") << QString();
    QTest::newRow("roundcube") << root + u"/usr/share/roundcube/SQL/postgres.initial.sql"_s << QString();
    QTest::newRow("pdns") << root + u"/usr/share/pdns-backend-pgsql/schema/schema.pgsql.sql"_s << QString();
}

void TestPgDdlImporter::fileAndLiveAgree()
{
    // The same DDL, imported from the file and read back live from PostgreSQL, is the same
    // schema; and the schema createSchema builds from the import reads back live as the
    // original does, to the last expression PostgreSQL spells its own way.
    QFETCH(QString, path);
    QFETCH(QString, prelude);
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway PostgreSQL and sets it)");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        QSKIP(qPrintable(path + u" is not there (TIDELINE_DEBIAN_SCHEMAS names the Debian schemas)"_s));
    const QString sql = QString::fromUtf8(file.readAll());

    ScratchDatabase original, rebuilt;
    QString error;
    QVERIFY2(original.create(dsn, u"import_a"_s, &error), qPrintable(error));
    QVERIFY2(rebuilt.create(dsn, u"import_b"_s, &error), qPrintable(error));
    const QString loaded = psql(original.dsn(), sql);
    QVERIFY2(loaded.isEmpty(), qPrintable(loaded));

    Schema imported;
    QStringList notes;
    QVERIFY2(DdlImporter::importPostgres(sql, &imported, &error, &notes), qPrintable(error));
    Schema live;
    QStringList liveNotes;
    {
        Connection db;
        QVERIFY2(db.open(original.dsn(), &error), qPrintable(error));
        QVERIFY2(LiveCatalog::read(db.database(), u"postgresql"_s, &live, &error, &liveNotes), qPrintable(error));
    }
    QCOMPARE(describeSchema(imported, false), describeSchema(live, false));

    QStringList ddl{prelude};
    for (const ScriptUnit &unit : PostgresDialect().createSchema(imported))
        ddl << unit.sql;
    const QString built = psql(rebuilt.dsn(), ddl.join(u"\n"_s));
    QVERIFY2(built.isEmpty(), qPrintable(built));
    Schema again;
    {
        Connection db;
        QVERIFY2(db.open(rebuilt.dsn(), &error), qPrintable(error));
        QVERIFY2(LiveCatalog::read(db.database(), u"postgresql"_s, &again, &error), qPrintable(error));
    }
    QCOMPARE(describeSchema(again, true), describeSchema(live, true));
    QVERIFY(again == live);
}

QTEST_GUILESS_MAIN(TestPgDdlImporter)
#include "tst_pgddlimporter.moc"
