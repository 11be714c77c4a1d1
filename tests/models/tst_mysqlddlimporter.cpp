// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The MySQL DDL importer (issue 10 item 11): mysqldump output and hand-written DDL, what it keeps,
// what it skips with a note, what it refuses; a plan with "dialect": "mysql" and baseline.sql;
// and (with TIDELINE_TEST_MYSQL_DSN) the same file run in MariaDB by the mariadb client and read
// back through LiveCatalog must give the same schema as the import: the fixture dump and the
// MySQL schemas Debian ships with roundcube-core and pdns-backend-mysql.

#include <domain/plan.h>
#include <io/ddlimporter.h>
#include <io/planfile.h>
#include <sql/connection.h>
#include <sql/livecatalog.h>
#include <sql/mysqldialect.h>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Tideline;

namespace {

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/** Every field of a table, one line each, for comparisons that show what differs. Defaults and
 *  CHECK clauses are compared as the server prints them (spaces, current_timestamp()). */
QStringList describe(const Table &t)
{
    const auto sql = [](QString text) {
        text = text.simplified();
        text.replace(QRegularExpression(QStringLiteral("\\s*([(),<>=])\\s*")), QStringLiteral("\\1"));
        return text.toLower();
    };
    QStringList lines{QStringLiteral("table %1 engine=%2 charset=%3 collation=%4 comment=%5")
                          .arg(t.name, t.engine, t.charset, t.collation, t.comment)};
    for (const Column &c : t.columns)
        lines << QStringLiteral("column %1 %2 %3 default=%4 identity=%5 generated=%6 %7").arg(
                     c.name, c.type, c.nullable ? "null" : "not null", sql(c.defaultValue), c.identity ? "yes" : "no",
                     c.generated ? sql(c.generatedExpression) : "no", c.generated && c.generatedStored ? "stored" : "")
                     + QStringLiteral(" charset=%1 collation=%2 comment=%3").arg(c.charset, c.collation, c.comment);
    lines << "primary key " + t.primaryKey.join(',');
    for (const Constraint &c : t.constraints)
        lines << QStringLiteral("constraint %1 %2 (%3) %4 -> %5(%6) on delete %7 on update %8")
                     .arg(Constraint::kindName(c.kind), c.name, c.columns.join(','), sql(c.expression), c.refTable,
                          c.refColumns.join(','), c.onDelete, c.onUpdate);
    for (const Index &i : t.indexes) {
        QStringList parts;
        for (int k = 0; k < i.columns.size(); ++k)
            parts << i.columns.at(k) + (i.length(k) ? QStringLiteral("(%1)").arg(i.length(k)) : QString())
                         + (i.isDescending(k) ? " desc" : "");
        lines << QStringLiteral("index %1 %2 %3 (%4)").arg(i.name, i.unique ? "unique" : "", i.method, parts.join(", "));
    }
    for (const Trigger &trigger : t.triggers)
        lines << "trigger " + trigger.name + ": " + trigger.definition.simplified();
    lines.sort();
    return lines;
}

QStringList describe(const Schema &s)
{
    QStringList lines;
    for (const Table &t : s.tables)
        lines << describe(t);
    return lines;
}

} // namespace

class TestMySqlDdlImporter : public QObject
{
    Q_OBJECT

private slots:
    void mysqldumpOutput();
    void notesAndErrors();
    void planWithBaselineSql();
    void importSchemaCommand();
    void sameAsTheLiveCatalog_data();
    void sameAsTheLiveCatalog();
};

void TestMySqlDdlImporter::mysqldumpOutput()
{
    Schema s;
    QString error;
    QStringList notes;
    QVERIFY2(DdlImporter::importMySql(readFile(TIDELINE_TEST_DATA "/mysql-dump.sql"), &s, &error, &notes), qPrintable(error));
    QCOMPARE(s.tables.keys(), QStringList({"audit", "customer", "orders"}));
    const Table &c = s.tables["customer"];
    QCOMPARE(c.comment, QString("people who buy"));
    QCOMPARE(c.engine, QString());   // InnoDB, the default
    QCOMPARE(c.charset, QString());  // utf8mb4, what the dialect creates
    QCOMPARE(s.tables["audit"].engine, QString("MyISAM"));
    QCOMPARE(s.tables["orders"].charset, QString("latin1"));
    QCOMPARE(c.primaryKey, QStringList{"id"});
    const Column *id = c.column("id");
    QCOMPARE(id->type, QString("integer unsigned"));
    QVERIFY(id->identity && !id->nullable);
    QCOMPARE(c.column("email")->comment, QString("login; it's unique"));
    QCOMPARE(c.column("name")->charset, QString("latin1"));
    QCOMPARE(c.column("name")->collation, QString("latin1_bin"));
    QCOMPARE(c.column("kind")->type, QString("enum('person','Company Ltd')"));
    QCOMPARE(c.column("kind")->defaultValue, QString("'person'"));
    QCOMPARE(c.column("flags")->type, QString("set('a','b')"));
    QCOMPARE(c.column("score")->defaultValue, QString("0"));
    QCOMPARE(c.column("balance")->type, QString("numeric(12,2)"));
    QCOMPARE(c.column("balance")->defaultValue, QString("0.00"));
    QCOMPARE(c.column("photo")->type, QString("blob"));
    QCOMPARE(c.column("active")->type, QString("boolean"));
    QCOMPARE(c.column("created")->defaultValue, QString("current_timestamp()"));
    QVERIFY(c.column("email_domain")->generated);
    QCOMPARE(c.column("email_domain")->generatedExpression, QString("substring_index(`email`,'@',-1)"));
    QVERIFY(!c.column("email_domain")->generatedStored);
    QCOMPARE(c.column("code")->defaultValue, QString("'a\\\\b'")); // SQL for the value a\b, as MariaDB writes it
    // Keys: UNIQUE KEY is a UNIQUE constraint; one marked as an index, a prefix, DESC and
    // FULLTEXT are indexes.
    QVERIFY(c.constraint("customer_email_key"));
    QCOMPARE(c.constraint("customer_email_key")->kind, Constraint::Kind::Unique);
    QCOMPARE(c.index("customer_bio_idx")->lengths, QList<int>({20, 0}));
    QCOMPARE(c.index("customer_bio_idx")->descending, QList<bool>({false, true}));
    QVERIFY(c.index("customer_name_kind")->unique);
    QCOMPARE(c.index("customer_bio_ft")->method, QString("fulltext"));
    QCOMPARE(c.constraint("customer_score_check")->columns, QStringList{"score"});
    const Table &o = s.tables["orders"];
    const Constraint *fk = o.constraint("orders_customer_fkey");
    QVERIFY(fk);
    QCOMPARE(fk->refTable, QString("customer"));
    QCOMPARE(fk->onDelete, QString("CASCADE"));
    QCOMPARE(fk->onUpdate, QString()); // RESTRICT is NO ACTION in InnoDB
    QVERIFY(!o.index("orders_customer_fkey")); // the key's own index belongs to the key
    QVERIFY(o.column("placed") && !o.column("placed")->nullable); // ALTER TABLE … ADD COLUMN
    QVERIFY(o.index("orders_placed"));
    QVERIFY(o.index("orders_total"));                              // CREATE INDEX
    QCOMPARE(o.column("note")->charset, QString("utf8mb3"));
    QCOMPARE(o.column("note")->collation, QString());              // utf8mb3's default
    QCOMPARE(o.triggers.size(), 1);
    QVERIFY2(o.triggers.first().definition.startsWith("CREATE TRIGGER `orders_total_bi` BEFORE INSERT ON `orders` FOR EACH ROW BEGIN"),
             qPrintable(o.triggers.first().definition));
    QVERIFY(!o.triggers.first().definition.contains("DEFINER"));
    // What a schema cannot hold is said, once per table for data.
    QVERIFY2(notes.contains("data for `customer` is not imported (a schema holds no rows): INSERT skipped")
                 || notes.filter("data for customer").size() == 1,
             qPrintable(notes.join('\n')));
    QCOMPARE(notes.filter("ON UPDATE").size(), 1);
}

void TestMySqlDdlImporter::notesAndErrors()
{
    Schema s;
    QString error;
    QStringList notes;
    QVERIFY(DdlImporter::importMySql("CREATE TABLE t (a int) PARTITION BY HASH(a) PARTITIONS 2;\n"
                                     "CREATE PROCEDURE p() SELECT 1;\nCREATE TEMPORARY TABLE x (a int);\n",
                                     &s, &error, &notes));
    QVERIFY2(notes.filter("partitioning").size() == 1, qPrintable(notes.join('\n')));
    QVERIFY2(notes.filter("CREATE PROCEDURE").size() == 1, qPrintable(notes.join('\n')));
    QVERIFY(!s.tables.contains("x"));
    // A statement that cannot be read is refused, quoted.
    QVERIFY(!DdlImporter::importMySql("CREATE TABLE t (a int WHATEVER);", &s, &error));
    QVERIFY2(error.contains("unknown column attribute") && error.contains("CREATE TABLE t (a int WHATEVER)"), qPrintable(error));
    QVERIFY(!DdlImporter::importMySql("CREATE INDEX i ON missing (a);", &s, &error));
    QVERIFY(error.contains("missing"));
    // The dispatch.
    QVERIFY(DdlImporter::import("mysql", "CREATE TABLE t (a int);", &s, &error));
    QVERIFY(s.tables.contains("t"));
}

void TestMySqlDdlImporter::planWithBaselineSql()
{
    // A plan for MySQL whose baseline is the DDL itself loads (PlanJson → DdlImporter).
    QTemporaryDir dir;
    const QString path = dir.filePath("shop.tideline.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": "tideline-plan", "version": 1, "name": "shop", "dialect": "mysql",
               "releases": [{"id": "r1", "status": "planned"}],
               "baseline": {"sql": "CREATE TABLE `t` (`id` int NOT NULL AUTO_INCREMENT, `b` blob, PRIMARY KEY (`id`)) ENGINE=InnoDB;"},
               "refactorings": [], "usage": []})");
    f.close();
    Plan plan;
    QList<PlanError> errors;
    QVERIFY2(PlanFile::load(path, &plan, &errors), qPrintable(errors.isEmpty() ? QString() : errors.first().message));
    QVERIFY(plan.baseline.schema.table("t"));
    QCOMPARE(plan.baseline.schema.table("t")->column("b")->type, QString("blob"));
}

void TestMySqlDdlImporter::importSchemaCommand()
{
    // tideline-cli import-schema FILE.sql --dialect mysql prints the baseline JSON.
    QProcess cli;
    cli.start(TIDELINE_CLI, {"import-schema", TIDELINE_TEST_DATA "/mysql-dump.sql", "--dialect", "mysql"});
    QVERIFY(cli.waitForFinished(30000));
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    QVERIFY2(cli.exitCode() == 0, qPrintable(QString::fromUtf8(cli.readAllStandardError())));
    QVERIFY2(out.contains("\"customer\"") && out.contains("\"orders\"") && out.contains("\"blob\""), qPrintable(out));
}

void TestMySqlDdlImporter::sameAsTheLiveCatalog_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("mysql-dump.sql") << QString(TIDELINE_TEST_DATA "/mysql-dump.sql");
    const QString debian = qEnvironmentVariable("TIDELINE_DEBIAN_SCHEMAS");
    QTest::newRow("roundcube-core") << (debian.isEmpty() ? QString() : debian + "/usr/share/roundcube/SQL/mysql.initial.sql");
    QTest::newRow("pdns-backend-mysql")
        << (debian.isEmpty() ? QString() : debian + "/usr/share/pdns-backend-mysql/schema/schema.mysql.sql");
}

void TestMySqlDdlImporter::sameAsTheLiveCatalog()
{
    QFETCH(QString, path);
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_MYSQL_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_MYSQL_DSN is not set (./test.sh starts a throwaway MariaDB and sets it)");
    if (path.isEmpty() || !QFile::exists(path))
        QSKIP(qPrintable("not here: " + (path.isEmpty() ? QString("TIDELINE_DEBIAN_SCHEMAS is not set") : path)));
    QString client = QStandardPaths::findExecutable("mariadb");
    if (client.isEmpty())
        client = QStandardPaths::findExecutable("mysql");
    if (client.isEmpty())
        QSKIP("no mariadb or mysql client on PATH");
    const QString sql = readFile(path);
    Schema imported;
    QString error;
    QStringList notes;
    QVERIFY2(DdlImporter::importMySql(sql, &imported, &error, &notes), qPrintable(error));

    const QUrl url(dsn);
    const QString name = QStringLiteral("tideline_import_%1").arg(QCoreApplication::applicationPid());
    Connection admin;
    QVERIFY2(admin.open(dsn, &error), qPrintable(error));
    QSqlQuery(admin.database()).exec("DROP DATABASE IF EXISTS `" + name + "`");
    QSqlQuery create(admin.database());
    QVERIFY2(create.exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4"), qPrintable(create.lastError().text()));
    QProcess p;
    p.setStandardInputFile(path);
    QStringList args{"--no-defaults", "-h", url.host(), "-P", QString::number(url.port(3306)), "-u", url.userName()};
    if (!url.password().isEmpty())
        args << "-p" + url.password();
    p.start(client, args << name);
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, qPrintable(QString::fromUtf8(p.readAllStandardError())));
    QString target = dsn;
    target.replace(QRegularExpression("/[^/?]*(\\?.*)?$"), "/" + name + "\\1");
    Schema live;
    {
        Connection db;
        QVERIFY2(db.open(target, &error), qPrintable(error));
        QVERIFY2(LiveCatalog::read(db.database(), "mysql", &live, &error), qPrintable(error));
    }
    QSqlQuery(admin.database()).exec("DROP DATABASE IF EXISTS `" + name + "`");
    QCOMPARE(describe(imported), describe(live));

    // The imported schema exported again (the baseline bundle's DDL) builds the same tables:
    // BLOB stays BLOB, prefix lengths and charsets stay.
    QVERIFY(create.exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4"));
    QString ddl;
    for (const ScriptUnit &u : MySqlDialect().createSchema(imported))
        ddl += u.sql + '\n';
    QTemporaryDir dir;
    QFile file(dir.filePath("baseline.sql"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(ddl.toUtf8());
    file.close();
    QProcess again;
    again.setStandardInputFile(file.fileName());
    again.start(client, args);
    QVERIFY(again.waitForFinished(60000));
    QVERIFY2(again.exitCode() == 0, qPrintable(QString::fromUtf8(again.readAllStandardError())));
    Schema exported;
    {
        Connection db;
        QVERIFY2(db.open(target, &error), qPrintable(error));
        QVERIFY2(LiveCatalog::read(db.database(), "mysql", &exported, &error), qPrintable(error));
    }
    QSqlQuery(admin.database()).exec("DROP DATABASE IF EXISTS `" + name + "`");
    QCOMPARE(describe(exported), describe(imported));
}

QTEST_GUILESS_MAIN(TestMySqlDdlImporter)
#include "tst_mysqlddlimporter.moc"
