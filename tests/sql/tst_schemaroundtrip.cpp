// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Live import round trip on schemas nobody here wrote: the ones Debian ships with roundcube-core
// and the PowerDNS backends, fetched by ./test.sh (apt-get download) into the folder
// TIDELINE_DEBIAN_SCHEMAS names. Each one is loaded into a fresh SQLite, PostgreSQL or MariaDB
// database, imported (`tideline-cli import-schema --dsn`, and LiveCatalog in process: the two
// must agree), turned into a plan whose baseline it is, exported as that plan's baseline bundle,
// applied to a second fresh database and imported again: the two catalogs must match.

#include "scratchdatabase.h"

#include <engine/engine.h>
#include <io/planjson.h>
#include <sql/applier.h>
#include <sql/bundle.h>
#include <sql/connection.h>
#include <sql/dialect.h>
#include <sql/livecatalog.h>
#include <sql/schemadiff.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlRecord>
#include <QSqlQuery>
#include <QTest>

using namespace Tideline;

namespace {

/** Runs every statement of @p sql (split by the engine's own rules) on @p dsn. */
bool loadSql(const QString &dsn, const QString &sql, QString *error)
{
    Connection db;
    if (!db.open(dsn, error))
        return false;
    return runStatements(db.database(), Dialect::forName(db.dialect())->splitStatements(sql), error);
}

/** The catalog of @p dsn as import-schema prints it: a plan's "baseline" object. */
bool importLive(const QString &dsn, QJsonObject *baseline, Schema *schema, QString *error)
{
    Connection db;
    if (!db.open(dsn, error) || !LiveCatalog::read(db.database(), db.dialect(), schema, error))
        return false;
    *baseline = QJsonObject{{"tables", PlanJson::schemaToJson(*schema)}};
    if (!schema->views.isEmpty())
        baseline->insert("views", PlanJson::viewsToJson(*schema));
    if (!schema->procedures.isEmpty())
        baseline->insert("procedures", PlanJson::proceduresToJson(*schema));
    if (!schema->sequences.isEmpty())
        baseline->insert("sequences", PlanJson::sequencesToJson(*schema));
    if (!schema->enums.isEmpty())
        baseline->insert("enums", PlanJson::enumsToJson(*schema));
    return true;
}

/** `tideline-cli import-schema --dsn DSN`: its JSON and its notes (stderr), or why there are none. */
bool importWithCli(const QString &dsn, QJsonObject *baseline, QString *notes, QString *error)
{
    QProcess cli;
    cli.start(TIDELINE_CLI, {"import-schema", "--dsn", dsn});
    if (!cli.waitForFinished(120000) || cli.exitStatus() != QProcess::NormalExit || cli.exitCode() != 0) {
        *error = "import-schema failed (exit " + QString::number(cli.exitCode()) + "): "
                 + QString::fromUtf8(cli.readAllStandardError());
        return false;
    }
    *notes = QString::fromUtf8(cli.readAllStandardError());
    QJsonParseError parse;
    *baseline = QJsonDocument::fromJson(cli.readAllStandardOutput(), &parse).object();
    if (parse.error != QJsonParseError::NoError) {
        *error = "import-schema printed no JSON: " + parse.errorString();
        return false;
    }
    return true;
}

/** A plan with @p baseline (as import-schema prints it) and nothing else, as a user pastes it. */
bool planWithBaseline(const QJsonObject &baseline, const QString &dialect, Plan *plan, QString *error)
{
    const QJsonObject release{{"id", "r1"}, {"label", "r1"}, {"date", "2027-01-01"}, {"status", "planned"}};
    const QJsonObject json{{"format", "tideline-plan"}, {"version", 1},        {"name", "imported"},
                           {"dialect", dialect},        {"releases", QJsonArray{release}},
                           {"baseline", baseline},      {"refactorings", QJsonArray()}};
    QList<PlanError> errors;
    if (PlanJson::read(QJsonDocument(json).toJson(), plan, &errors, "imported.tideline.json"))
        return true;
    QStringList lines;
    for (const PlanError &e : std::as_const(errors))
        lines << e.toString();
    *error = "the imported baseline does not load as a plan: " + lines.join('\n');
    return false;
}

/** What `export --release baseline` writes for @p plan, applied to @p dsn. */
bool applyBaseline(const Plan &plan, const QString &dsn, QString *error)
{
    Engine engine(plan);
    QList<PlanError> errors;
    if (!engine.run(&errors)) {
        *error = "engine: " + (errors.isEmpty() ? QString() : errors.first().message);
        return false;
    }
    Connection db;
    if (!db.open(dsn, error))
        return false;
    const Dialect &dialect = *Dialect::forName(db.dialect());
    Bundle bundle;
    if (!Bundle::build(engine, "baseline", dialect, &bundle, error))
        return false;
    Applier applier(db.database(), dialect);
    return applier.apply(bundle, "baseline", error);
}

/**
 * The engine's own description of every column, key and index of @p dsn, one line each, in
 * its own words (format_type, column_type, declared types; pg_get_constraintdef, index
 * definitions): stricter than what LiveCatalog reads, so that a round trip that loses what the
 * reader folds together (INT UNSIGNED into integer, say) shows. Foreign-key actions (ON DELETE
 * CASCADE) and partial indexes' WHERE clauses are included: the schema model carries them, so a
 * round trip must keep them or the import must name the loss (see roundTripOf). Identity and
 * serial defaults read as one; PostgreSQL operator classes and MySQL table options
 * (ROW_FORMAT, the table's default collation) are left out; each column's own character set and
 * collation are compared.
 */
bool engineCatalog(const QString &dsn, QStringList *lines, QString *error)
{
    Connection db;
    if (!db.open(dsn, error))
        return false;
    QStringList queries;
    if (db.dialect() == "sqlite") {
        const QString tables = "FROM sqlite_master m, %1 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' "
                               "ESCAPE '\\' AND m.name <> 'tideline_applied'";
        // The rowid alias (the one INTEGER PRIMARY KEY) is never NULL, declared so or not.
        queries << "SELECT m.name, p.name, p.type, p.\"notnull\" OR (p.pk = 1 AND upper(p.type) = 'INTEGER' "
                   "AND (SELECT count(*) FROM pragma_table_info(m.name) WHERE pk > 0) = 1), p.dflt_value, p.pk, p.hidden "
                       + tables.arg("pragma_table_xinfo(m.name) p")
                << "SELECT m.name, l.name, l.\"unique\", l.origin, (SELECT group_concat(name, ',') FROM "
                   "(SELECT name FROM pragma_index_info(l.name) ORDER BY seqno)), CASE WHEN l.partial THEN "
                   "(SELECT lower(trim(substr(sql, instr(upper(sql), ' WHERE ') + 7))) FROM sqlite_master "
                   "WHERE type = 'index' AND name = l.name) END "
                       + tables.arg("pragma_index_list(m.name) l")
                << "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
                       + tables.arg("pragma_foreign_key_list(m.name) f");
    } else if (db.dialect() == "postgresql") {
        const QString tables = "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace %1 "
                               "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
                               "AND c.relname <> 'tideline_applied'";
        queries << "SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                   "CASE WHEN a.attidentity <> '' OR pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%' "
                   "THEN 'filled by the database' ELSE pg_catalog.pg_get_expr(d.adbin, d.adrelid) END "
                       + tables.arg("JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
                                    "AND NOT a.attisdropped LEFT JOIN pg_catalog.pg_attrdef d "
                                    "ON d.adrelid = c.oid AND d.adnum = a.attnum")
                << "SELECT c.relname, con.conname, pg_catalog.pg_get_constraintdef(con.oid) "
                       + tables.arg("JOIN pg_catalog.pg_constraint con ON con.conrelid = c.oid")
                << "SELECT c.relname, ic.relname, i.indisunique, i.indisprimary, "
                   "(SELECT string_agg(pg_catalog.pg_get_indexdef(i.indexrelid, k, true), ',' ORDER BY k) "
                   "FROM generate_series(1, i.indnkeyatts) k), pg_catalog.pg_get_expr(i.indpred, i.indrelid) "
                       + tables.arg("JOIN pg_catalog.pg_index i ON i.indrelid = c.oid "
                                    "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid");
    } else {
        // Integer display widths are no part of the type (MySQL 8.0.17 no longer shows them).
        queries << "SELECT table_name, column_name, regexp_replace(column_type, '^(tinyint|smallint|mediumint|int|bigint)"
                   "\\\\([0-9]+\\\\)', '\\\\1'), is_nullable, column_default, extra, "
                   "character_set_name, collation_name FROM information_schema.columns WHERE table_schema = DATABASE() "
                   "AND table_name <> 'tideline_applied'"
                << "SELECT table_name, index_name, non_unique, group_concat(concat(column_name, "
                   "coalesce(concat('(', sub_part, ')'), '')) ORDER BY seq_in_index) "
                   "FROM information_schema.statistics WHERE table_schema = DATABASE() "
                   "AND table_name <> 'tideline_applied' GROUP BY table_name, index_name, non_unique"
                << "SELECT k.table_name, k.constraint_name, k.column_name, k.referenced_table_name, "
                   "k.referenced_column_name, r.update_rule, r.delete_rule FROM information_schema.key_column_usage k "
                   "JOIN information_schema.referential_constraints r ON r.constraint_schema = k.table_schema "
                   "AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name "
                   "WHERE k.table_schema = DATABASE() AND k.referenced_table_name IS NOT NULL";
    }
    for (const QString &sql : std::as_const(queries)) {
        QSqlQuery q(db.database());
        if (!q.exec(sql)) {
            *error = sql + ": " + q.lastError().text();
            return false;
        }
        while (q.next()) {
            QStringList fields;
            for (int i = 0; i < q.record().count(); ++i)
                fields << (q.value(i).isNull() ? QString("NULL") : q.value(i).toString());
            *lines << fields.join(" | ");
        }
    }
    lines->sort();
    return true;
}

/**
 * The lines only one side has, marked - (first only) and + (second only); empty: none. A line
 * of a table the import wrote a note about (`tideline-cli: note: <table>: …`, in @p notes) is
 * excused: what a baseline cannot hold may be lost if it is named, never silently (issue 10).
 */
QString lineDifferences(const QStringList &first, const QStringList &second, const QString &notes)
{
    const auto noted = [&](const QString &line) {
        return notes.contains("tideline-cli: note: " + line.section(" | ", 0, 0) + ": ");
    };
    QStringList out;
    for (const QString &line : first) {
        if (!second.contains(line) && !noted(line))
            out << "- " + line;
    }
    for (const QString &line : second) {
        if (!first.contains(line) && !noted(line))
            out << "+ " + line;
    }
    return out.join('\n');
}

QString describe(const QList<SchemaDifference> &differences)
{
    QStringList lines;
    for (const SchemaDifference &d : differences)
        lines << d.toString();
    return lines.join('\n');
}

} // namespace

class TestSchemaRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void ownSchemas_data();
    void ownSchemas();

private:
    /**
     * @p sql into a fresh database, imported (CLI and in process), that as a plan's baseline
     * exported and applied to a second fresh database, imported again: no differences. The
     * engines' own catalogs agree, except for tables whose losses the import named in a note.
     */
    void roundTripOf(const QString &sql, const QString &what, const QString &server, const QString &dialect);
};

void TestSchemaRoundTrip::roundTrip_data()
{
    QTest::addColumn<QString>("package");
    QTest::addColumn<QString>("file");     // inside the extracted package
    QTest::addColumn<QString>("variable"); // the server's DSN; empty: SQLite
    QTest::addColumn<QString>("dialect");
    const QString pg = "TIDELINE_TEST_PG_DSN", my = "TIDELINE_TEST_MYSQL_DSN";
    const QString roundcube = "usr/share/roundcube/SQL/";
    QTest::newRow("roundcube sqlite") << "roundcube-core" << roundcube + "sqlite.initial.sql" << QString() << "sqlite";
    QTest::newRow("roundcube postgresql") << "roundcube-core" << roundcube + "postgres.initial.sql" << pg << "postgresql";
    QTest::newRow("roundcube mariadb") << "roundcube-core" << roundcube + "mysql.initial.sql" << my << "mysql";
    QTest::newRow("pdns sqlite") << "pdns-backend-sqlite3"
                                 << "usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql" << QString() << "sqlite";
    QTest::newRow("pdns postgresql") << "pdns-backend-pgsql" << "usr/share/pdns-backend-pgsql/schema/schema.pgsql.sql"
                                     << pg << "postgresql";
    QTest::newRow("pdns mariadb") << "pdns-backend-mysql" << "usr/share/pdns-backend-mysql/schema/schema.mysql.sql"
                                  << my << "mysql";
}

void TestSchemaRoundTrip::roundTrip()
{
    QFETCH(QString, package);
    QFETCH(QString, file);
    QFETCH(QString, variable);
    QFETCH(QString, dialect);
    const QString root = qEnvironmentVariable("TIDELINE_DEBIAN_SCHEMAS");
    if (root.isEmpty())
        QSKIP(qPrintable("TIDELINE_DEBIAN_SCHEMAS is not set: no Debian schema of " + package
                         + " (./test.sh fetches them with apt-get download)"));
    QFile sql(QDir(root).filePath(file));
    if (!sql.open(QIODevice::ReadOnly))
        QSKIP(qPrintable("the Debian package " + package + " is not in " + root + ": no " + file));
    const QString server = variable.isEmpty() ? QString() : qEnvironmentVariable(qPrintable(variable));
    if (!variable.isEmpty() && server.isEmpty())
        QSKIP(qPrintable(variable + " is not set (./test.sh starts a throwaway server and sets it)"));

    roundTripOf(QString::fromUtf8(sql.readAll()), package, server, dialect);
}

void TestSchemaRoundTrip::ownSchemas_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("sql");
    // Index expressions and CHECKs, which the Debian schemas above do not have; foreign-key
    // actions and partial indexes, which the round trip must keep or the import must name.
    const QString table = "CREATE TABLE people (id integer PRIMARY KEY, name text NOT NULL, email varchar(200), "
                          "CONSTRAINT people_name_check CHECK (length(name) > 0));\n";
    const QString indexes = "CREATE INDEX people_lower_name ON people (lower(name));\n"
                            "CREATE UNIQUE INDEX people_email_name ON people (email, (name || '!'));\n"
                            "CREATE INDEX people_email ON people (email);\n"
                            "CREATE TABLE pets (id integer PRIMARY KEY, owner integer REFERENCES people (id) "
                            "ON DELETE CASCADE, name text);\n"
                            "CREATE INDEX pets_named ON pets (name) WHERE name IS NOT NULL;\n";
    QTest::newRow("expressions sqlite") << QString() << "sqlite" << table + indexes;
    QTest::newRow("expressions postgresql") << "TIDELINE_TEST_PG_DSN" << "postgresql" << table + indexes;
    // MariaDB has no index expressions nor partial indexes, but prefix indexes.
    QTest::newRow("prefixes mariadb")
        << "TIDELINE_TEST_MYSQL_DSN" << "mysql"
        << "CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, "
           "CONSTRAINT people_name_check CHECK (length(name) > 0));\n"
           "CREATE TABLE pets (id int PRIMARY KEY, owner int, name varchar(200), CONSTRAINT pets_owner "
           "FOREIGN KEY (owner) REFERENCES people (id) ON DELETE CASCADE);\n"
           "CREATE INDEX pets_named ON pets (name(10));\n";
    // Keys on the same columns under two names (and one on the primary key's column): a CREATE
    // TABLE that lists them all keeps one, so the baseline adds the others on their own.
    const QString twins = "CREATE TABLE acct (id integer PRIMARY KEY, email varchar(200) NOT NULL);\n"
                          "ALTER TABLE acct ADD CONSTRAINT acct_email_key UNIQUE (email);\n"
                          "ALTER TABLE acct ADD CONSTRAINT acct_email_uniq UNIQUE (email);\n"
                          "ALTER TABLE acct ADD CONSTRAINT acct_id_key UNIQUE (id);\n";
    QTest::newRow("twin keys postgresql") << "TIDELINE_TEST_PG_DSN" << "postgresql" << twins;
    QTest::newRow("twin keys mariadb") << "TIDELINE_TEST_MYSQL_DSN" << "mysql" << twins;
}

void TestSchemaRoundTrip::ownSchemas()
{
    QFETCH(QString, variable);
    QFETCH(QString, dialect);
    QFETCH(QString, sql);
    const QString server = variable.isEmpty() ? QString() : qEnvironmentVariable(qPrintable(variable));
    if (!variable.isEmpty() && server.isEmpty())
        QSKIP(qPrintable(variable + " is not set (./test.sh starts a throwaway server and sets it)"));
    roundTripOf(sql, QTest::currentDataTag(), server, dialect);
}

void TestSchemaRoundTrip::roundTripOf(const QString &sql, const QString &what, const QString &server,
                                      const QString &dialect)
{
    // 1. The SQL into a fresh database; its catalog, in process and through the CLI.
    const QString tag = QString(QTest::currentDataTag()).section(' ', 0, 0);
    ScratchDatabase original, rebuilt;
    QString error;
    QVERIFY2(original.create(server, tag + "_original", &error), qPrintable(error));
    QVERIFY2(loadSql(original.dsn(), sql, &error), qPrintable(what + ": " + error));
    QJsonObject imported, printed;
    Schema first;
    QVERIFY2(importLive(original.dsn(), &imported, &first, &error), qPrintable(error));
    QVERIFY2(!first.tables.isEmpty(), qPrintable(what + ": no tables read"));
    QString notes;
    QVERIFY2(importWithCli(original.dsn(), &printed, &notes, &error), qPrintable(error));
    QCOMPARE(QJsonDocument(printed).toJson(), QJsonDocument(imported).toJson());

    // 2. That JSON as a plan's baseline, exported and applied to a second fresh database.
    Plan plan;
    QVERIFY2(planWithBaseline(printed, dialect, &plan, &error), qPrintable(error));
    QVERIFY2(rebuilt.create(server, tag + "_rebuilt", &error), qPrintable(error));
    QVERIFY2(applyBaseline(plan, rebuilt.dsn(), &error), qPrintable(error));

    // 3. Imported again: no difference, either way round.
    QJsonObject again;
    Schema second;
    QVERIFY2(importLive(rebuilt.dsn(), &again, &second, &error), qPrintable(error));
    const QList<SchemaDifference> differences = SchemaDiff::compare(first, second, dialect);
    QVERIFY2(differences.isEmpty(), qPrintable(what + " after the round trip:\n" + describe(differences)));
    QVERIFY2(SchemaDiff::compare(second, first, dialect).isEmpty(),
             qPrintable(describe(SchemaDiff::compare(second, first, dialect))));
    QCOMPARE(QJsonDocument(again).toJson(), QJsonDocument(imported).toJson());

    // 4. The engines' own catalogs agree too, in their own words.
    QStringList before, after;
    QVERIFY2(engineCatalog(original.dsn(), &before, &error), qPrintable(error));
    QVERIFY2(engineCatalog(rebuilt.dsn(), &after, &error), qPrintable(error));
    const QString lost = lineDifferences(before, after, notes);
    QVERIFY2(lost.isEmpty(), qPrintable(what + ": the engine's catalog differs after the round trip, and the import "
                                        "named no loss for these tables:\n" + lost + "\nnotes:\n" + notes));
}

QTEST_GUILESS_MAIN(TestSchemaRoundTrip)
#include "tst_schemaroundtrip.moc"
