// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlfixtures.h"

//
// The MySQL/MariaDB dialect: quoting (backslashes included), type mapping, statement splitting
// that keeps procedure bodies whole, the SQL of each op, golden bundles, and (with
// TIDELINE_TEST_MYSQL_DSN) the bundles run on a real server and reproduce the engine's states.

#include <engine/engine.h>
#include <io/planfile.h>
#include <sql/bundle.h>
#include <sql/mysqldialect.h>

#if __has_include("execution.h")
#include "execution.h"
#include <sql/connection.h>
#define TIDELINE_HAVE_EXECUTION 1
#endif

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <memory>

using namespace Tideline;
using namespace Tideline::SqlFixtures;

namespace {

// Every-kind in its MySQL variant: the shared fixture's `||` is OR in MySQL.
const QStringList FixturePlans{QStringLiteral("sql-every-kind-mysql"), QStringLiteral("sql-hostile")};






} // namespace

class TestMySqlDialect : public QObject
{
    Q_OBJECT

private slots:
    void quoteIdentifier_data();
    void quoteIdentifier();
    void quoteString();
    void mapType();
    void expressionIndexKey();
    void splitStatements();
    void addColumnIsGuardedAndInstant();
    void guardedDdlIsQuotedTwice();
    void notNullIsOnline();
    void checkConstraintIsOffline();
    void backfillIsABatchedProcedure();
    void syncTriggerAndSwap();
    void hostileScriptsQuoteEverything();
    void golden_data();
    void golden();
    void execution_data();
    void execution();
};

void TestMySqlDialect::quoteIdentifier_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << "customer" << "`customer`";
    QTest::newRow("keyword") << "select" << "`select`";
    QTest::newRow("injection") << "Robert'); DROP TABLE x;--" << "`Robert'); DROP TABLE x;--`";
    QTest::newRow("accent") << "prénom" << "`prénom`";
    QTest::newRow("backtick") << "we\"ird`]" << "`we\"ird``]`";
    QTest::newRow("dollars") << "naïve $$ column" << "`naïve $$ column`";
    QTest::newRow("backslash") << "a\\b" << "`a\\b`"; // no escapes inside backticks
}

void TestMySqlDialect::quoteIdentifier()
{
    QFETCH(QString, name);
    QFETCH(QString, quoted);
    QCOMPARE(MySqlDialect().quoteIdentifier(name), quoted);
}

void TestMySqlDialect::quoteString()
{
    const MySqlDialect d;
    QCOMPARE(d.quoteString("it's"), QString("'it''s'"));
    QCOMPARE(d.quoteString("a\\b"), QString("'a\\\\b'"));
    QCOMPARE(d.quoteString("\\'; DROP TABLE x; --"), QString("'\\\\''; DROP TABLE x; --'"));
    QCOMPARE(d.quoteString("Robert'); DROP TABLE x;--"), QString("'Robert''); DROP TABLE x;--'"));
}

void TestMySqlDialect::mapType()
{
    const MySqlDialect d;
    QCOMPARE(d.mapType("integer"), QString("INT"));
    QCOMPARE(d.mapType("INT4"), QString("INT"));
    QCOMPARE(d.mapType("bigint"), QString("BIGINT"));
    QCOMPARE(d.mapType("text"), QString("TEXT"));
    QCOMPARE(d.mapType("varchar(100)"), QString("VARCHAR(100)"));
    QCOMPARE(d.mapType("character varying(20)"), QString("VARCHAR(20)"));
    QCOMPARE(d.mapType("boolean"), QString("TINYINT(1)"));
    QCOMPARE(d.mapType("numeric(10, 2)"), QString("DECIMAL(10,2)"));
    QCOMPARE(d.mapType("timestamp"), QString("DATETIME(6)"));
    QCOMPARE(d.mapType("timestamptz"), QString("DATETIME(6)"));
    QCOMPARE(d.mapType("datetime"), QString("DATETIME")); // MySQL's own: whole seconds
    QCOMPARE(d.mapType("datetime(3)"), QString("DATETIME(3)"));
    QCOMPARE(d.mapType("integer unsigned"), QString("INT UNSIGNED"));
    QCOMPARE(d.mapType("bigint unsigned"), QString("BIGINT UNSIGNED"));
    QCOMPARE(d.mapType("mediumint"), QString("MEDIUMINT"));
    QCOMPARE(d.mapType("double precision"), QString("DOUBLE"));
    QCOMPARE(d.mapType("uuid"), QString("CHAR(36)"));
    QCOMPARE(d.mapType("jsonb"), QString("JSON"));
    QCOMPARE(d.mapType("longtext"), QString("LONGTEXT"));
    QCOMPARE(d.mapType("geometry"), QString("geometry")); // unknown: as written
}

void TestMySqlDialect::expressionIndexKey()
{
    // An index entry that names no column is an expression (as the importers write them): in
    // parentheses, as written, and the unit says it carries user SQL.
    const MySqlDialect d;
    Table t;
    t.name = "people";
    Column name;
    name.name = "name";
    name.type = "varchar(100)";
    t.columns = {name};
    Index lower;
    lower.name = "people_lower_name";
    lower.columns = {"name", "lower(name)"};
    t.indexes = {lower};
    Schema s;
    s.tables.insert(t.name, t);
    const QList<ScriptUnit> units = d.createSchema(s);
    QVERIFY(!units.isEmpty());
    QVERIFY2(units.first().sql.contains("INDEX `people_lower_name` (`name`, (lower(name)))"), qPrintable(units.first().sql));
    QVERIFY(units.first().userSql);
    QCOMPARE(d.indexKey(t, {"name"}), QString("`name`"));
}

void TestMySqlDialect::splitStatements()
{
    const MySqlDialect d;
    const QString sql = "-- header; with a semicolon\nSET @a = 'x;y';\n"
                        "DROP PROCEDURE IF EXISTS `p;q`;\n"
                        "CREATE PROCEDURE `p;q`()\nBEGIN\n  DECLARE v INT DEFAULT 0;\n"
                        "  l: LOOP\n    IF v > 2 THEN LEAVE l; END IF;\n"
                        "    SET v = CASE WHEN v = 0 THEN 1 ELSE v + 1 END;\n  END LOOP l;\nEND;\n"
                        "CALL `p;q`(); # trailing ; comment\n"
                        "SELECT 'it\\'s; ok', \"a;b\" /* c; */;\n"
                        "CREATE TRIGGER IF NOT EXISTS t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1;\n";
    const QStringList parts = d.splitStatements(sql);
    QCOMPARE(parts.size(), 6);
    QVERIFY(parts.at(0).endsWith("SET @a = 'x;y'"));
    QCOMPARE(parts.at(1), QString("DROP PROCEDURE IF EXISTS `p;q`"));
    QVERIFY(parts.at(2).startsWith("CREATE PROCEDURE"));
    QVERIFY(parts.at(2).endsWith("END LOOP l;\nEND"));
    QCOMPARE(parts.at(3), QString("CALL `p;q`()"));
    QVERIFY(parts.at(4).contains("SELECT 'it\\'s; ok', \"a;b\""));
    QVERIFY(parts.at(5).startsWith("CREATE TRIGGER"));
    QVERIFY(d.splitStatements("  \n-- only a comment;\n").isEmpty());
}

void TestMySqlDialect::addColumnIsGuardedAndInstant()
{
    SchemaOp op;
    op.type = SchemaOp::Type::AddColumn;
    op.table = "customer";
    op.column.name = "score";
    op.column.type = "integer";
    op.column.nullable = false;
    op.column.defaultValue = "0";
    const OpScript s = MySqlDialect().script(op, customers(), Policy());
    QVERIFY(!s.offline);
    const QString sql = sqlOf(s);
    QVERIFY2(sql.contains("information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'customer' "
                          "AND column_name = 'score'"),
             qPrintable(sql));
    QVERIFY2(sql.contains("'ALTER TABLE `customer` ADD COLUMN `score` INT NOT NULL DEFAULT 0, ALGORITHM=INSTANT'"),
             qPrintable(sql));
    QVERIFY(sql.contains("PREPARE tideline_stmt FROM @tideline_sql;"));
    QVERIFY(sql.contains("DEALLOCATE PREPARE tideline_stmt;"));

    op.column.defaultValue = "now()";
    op.column.type = "timestamp";
    const OpScript expression = MySqlDialect().script(op, customers(), Policy());
    QVERIFY(expression.offline);
    QVERIFY(expression.offlineReason.contains("MySQL manual"));
    QVERIFY(sqlOf(expression).contains("DEFAULT (now())"));
}

void TestMySqlDialect::guardedDdlIsQuotedTwice()
{
    // The DDL lives inside a string literal: its own quotes and backslashes are escaped again.
    Schema s = customers();
    SchemaOp op;
    op.type = SchemaOp::Type::AddColumn;
    op.table = "customer";
    op.column.name = "it's\\";
    op.column.type = "varchar(10)";
    op.column.defaultValue = "'a''b'";
    const QString sql = sqlOf(MySqlDialect().script(op, s, Policy()));
    QVERIFY2(sql.contains("column_name = 'it''s\\\\'"), qPrintable(sql));
    QVERIFY2(sql.contains("'ALTER TABLE `customer` ADD COLUMN `it''s\\\\` VARCHAR(10) NULL DEFAULT ''a''''b'', ALGORITHM=INSTANT'"),
             qPrintable(sql));
}

void TestMySqlDialect::notNullIsOnline()
{
    SchemaOp op;
    op.type = SchemaOp::Type::SetNotNull;
    op.table = "customer";
    op.columnName = "total";
    const OpScript s = MySqlDialect().script(op, customers(), Policy());
    QVERIFY(!s.offline);
    const QString sql = sqlOf(s);
    QVERIFY2(sql.contains("AND is_nullable = ''YES''") || sql.contains("AND is_nullable = 'YES'"), qPrintable(sql));
    QVERIFY2(sql.contains("MODIFY COLUMN `total` DECIMAL(10,2) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE"), qPrintable(sql));

    op.type = SchemaOp::Type::DropNotNull;
    op.columnName = "name";
    QVERIFY(sqlOf(MySqlDialect().script(op, customers(), Policy())).contains("MODIFY COLUMN `name` VARCHAR(100) NULL"));
}

void TestMySqlDialect::checkConstraintIsOffline()
{
    SchemaOp op;
    op.type = SchemaOp::Type::AddConstraint;
    op.table = "customer";
    op.constraint.kind = Constraint::Kind::Check;
    op.constraint.name = "total_positive";
    op.constraint.columns = {"total"};
    op.constraint.expression = "total > 0";
    const OpScript check = MySqlDialect().script(op, customers(), Policy());
    QVERIFY(check.offline);
    QVERIFY(check.offlineReason.contains("ALGORITHM=COPY"));
    QVERIFY(sqlOf(check).contains("constraint_type = 'CHECK'"));

    op.constraint.kind = Constraint::Kind::ForeignKey;
    op.constraint.name = "customer_ref_fkey";
    op.constraint.refTable = "customer";
    op.constraint.refColumns = {"id"};
    const OpScript fk = MySqlDialect().script(op, customers(), Policy());
    QVERIFY(!fk.offline);
    const QString sql = sqlOf(fk);
    QVERIFY(sql.contains("SET SESSION foreign_key_checks = 0;"));
    QVERIFY(sql.contains("SET SESSION foreign_key_checks = @tideline_fk_checks;"));
    QVERIFY(sql.contains("FOREIGN KEY (`total`) REFERENCES `customer` (`id`), ALGORITHM=INPLACE, LOCK=NONE"));
}

void TestMySqlDialect::backfillIsABatchedProcedure()
{
    SchemaOp op;
    op.type = SchemaOp::Type::Backfill;
    op.table = "customer";
    op.columnName = "total_new";
    op.sourceColumn = "total";
    Policy policy;
    policy.backfillBatch = 250;
    const OpScript s = MySqlDialect().script(op, customers(), policy);
    QCOMPARE(s.units.size(), 1);
    QVERIFY(!s.units.first().transactional);
    QVERIFY(!s.units.first().userSql);
    const QStringList statements = MySqlDialect().splitStatements(s.units.first().sql);
    QCOMPARE(statements.size(), 4);
    QCOMPARE(statements.at(0), QString("DROP PROCEDURE IF EXISTS `tideline_backfill`"));
    QVERIFY(statements.at(1).startsWith("CREATE PROCEDURE `tideline_backfill`()"));
    QVERIFY(statements.at(1).contains("ORDER BY `id` LIMIT 250"));
    QVERIFY(statements.at(1).contains("UPDATE `customer` SET `total_new` = `total`\n"));
    QVERIFY(statements.at(1).contains("WHERE `total_new` IS NULL AND (tideline_last IS NULL OR `id` > tideline_last)"));
    QCOMPARE(statements.at(2), QString("CALL `tideline_backfill`()"));

    op.expression = "CONCAT(name, '!')";
    const OpScript user = MySqlDialect().script(op, customers(), policy);
    QVERIFY(user.units.first().userSql);
    QVERIFY(user.units.first().sql.contains("SET `total_new` = (CONCAT(name, '!'))"));
}

void TestMySqlDialect::syncTriggerAndSwap()
{
    SchemaOp sync;
    sync.type = SchemaOp::Type::AddSyncTrigger;
    sync.table = "customer";
    sync.columnName = "total_new";
    sync.sourceColumn = "total";
    const QString triggers = sqlOf(MySqlDialect().script(sync, customers(), Policy()));
    QCOMPARE(triggers.count("CREATE TRIGGER IF NOT EXISTS"), 2);
    QVERIFY(triggers.contains("BEFORE INSERT ON `customer` FOR EACH ROW\n    SET NEW.`total_new` = NEW.`total`;"));
    QVERIFY(triggers.contains("BEFORE UPDATE ON `customer`"));

    sync.expression = "total * 100";
    const QString converted = sqlOf(MySqlDialect().script(sync, customers(), Policy()));
    QVERIFY2(converted.contains("(SELECT total * 100 FROM (SELECT NEW.`id` AS `id`, NEW.`name` AS `name`, NEW.`total` AS `total`) AS tideline_row)"),
             qPrintable(converted));

    SchemaOp swap;
    swap.type = SchemaOp::Type::SwapColumn;
    swap.table = "customer";
    swap.columnName = "total";
    swap.newName = "total_new";
    const OpScript s = MySqlDialect().script(swap, customers(), Policy());
    QVERIFY(!s.offline); // total is nullable: no rebuild to NOT NULL
    const QString sql = sqlOf(s);
    QVERIFY(sql.startsWith("LOCK TABLES `customer` WRITE;"));
    QCOMPARE(sql.count("DROP TRIGGER IF EXISTS"), 2);
    QVERIFY2(sql.contains("'ALTER TABLE `customer` DROP INDEX `customer_total_idx`, DROP COLUMN `total`, "
                          "CHANGE COLUMN `total_new` `total` DECIMAL(12,2) NULL AFTER `name`, "
                          "ADD INDEX `customer_total_idx` (`total`)'"),
             qPrintable(sql));
    QVERIFY(sql.trimmed().endsWith("UNLOCK TABLES;"));
    // The trigger names of the swap are those the sync op created.
    const QRegularExpression name("`tideline_sync_[0-9a-f]{12}_ins`");
    QCOMPARE(name.match(sql).captured(0), name.match(triggers).captured(0));
}

void TestMySqlDialect::hostileScriptsQuoteEverything()
{
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan("sql-hostile", &loaded, &error), qPrintable(error));
    const QList<Bundle> bundles = bundlesOf(*loaded.engine, MySqlDialect(), &error);
    QVERIFY2(!bundles.isEmpty(), qPrintable(error));
    int statements = 0;
    for (const Bundle &b : bundles) {
        for (const BundleFile &f : b.files) {
            const QString text = QString::fromUtf8(f.content);
            // Every occurrence of the hostile table name is quoted: as an identifier, as a
            // string, or as an identifier inside a string (guarded DDL).
            const int all = text.count("Robert'); DROP TABLE x;--") + text.count("Robert''); DROP TABLE x;--");
            const int quoted = text.count("`Robert'); DROP TABLE x;--`") + text.count("'Robert''); DROP TABLE x;--'")
                               + text.count("`Robert''); DROP TABLE x;--`");
            QVERIFY2(all == quoted, qPrintable(b.release + "/" + f.path));
            QVERIFY2(!text.contains("`we\"ird`]`"), qPrintable(f.path)); // the backtick is doubled
            statements += MySqlDialect().splitStatements(text).size();
        }
    }
    QVERIFY(statements > 10);
}

void TestMySqlDialect::golden_data()
{
    QTest::addColumn<QString>("plan");
    for (const QString &p : FixturePlans)
        QTest::newRow(qPrintable(p)) << p;
}

void TestMySqlDialect::golden()
{
    QFETCH(QString, plan);
    const QString difference = goldenDifferenceOfPlan(plan, MySqlDialect(), "mysql");
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestMySqlDialect::execution_data()
{
    golden_data();
}

void TestMySqlDialect::execution()
{
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_MYSQL_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_MYSQL_DSN is not set (./test.sh starts a throwaway MariaDB and sets it)");
#ifndef TIDELINE_HAVE_EXECUTION
    QSKIP("tests/sql/execution.h is not there yet");
#else
    QFETCH(QString, plan);
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan(plan, &loaded, &error), qPrintable(error));

    // A fresh database per plan, made through the DSN's own database.
    const QString name = QStringLiteral("tideline_%1_%2").arg(plan).arg(QCoreApplication::applicationPid())
                             .replace(QLatin1Char('-'), QLatin1Char('_'));
    {
        Connection admin;
        QVERIFY2(admin.open(dsn, &error), qPrintable(error));
        QSqlQuery q(admin.database());
        q.exec(QStringLiteral("DROP DATABASE IF EXISTS `%1`").arg(name));
        QVERIFY2(q.exec(QStringLiteral("CREATE DATABASE `%1` CHARACTER SET utf8mb4").arg(name)),
                 qPrintable(q.lastError().text()));
    }
    QString target = dsn;
    target.replace(QRegularExpression(QStringLiteral("/[^/?]*(\\?.*)?$")), QStringLiteral("/") + name + QStringLiteral("\\1"));
    bool ok = false;
    QStringList log;
    {
        Connection db;
        QVERIFY2(db.open(target, &error), qPrintable(error));
        // Rows in every baseline table, so backfills, moves and NOT NULL changes have work.
        const auto seed = [&](int release) {
            if (release != 1)
                return;
            QSqlQuery q(db.database());
            for (const QString &sql : {
                     QStringLiteral("INSERT INTO `customer` (`first_name`, `last_name`, `email`, `nickname`, `phone`) VALUES "
                                    "('Ada', 'Lovelace', 'ADA@example.org', 'ada', '1'), ('Alan', 'Turing', NULL, 'al', NULL), "
                                    "('Grace', 'Hopper', 'grace@example.org', 'amazing', '3')"),
                     QStringLiteral("INSERT INTO `posts` (`title`, `author_name`, `author_email`) VALUES "
                                    "('a', 'Ada', 'ada@x'), ('b', 'Ada', 'ada@x'), ('c', 'Alan', NULL), ('d', NULL, NULL)"),
                     QStringLiteral("INSERT INTO `orders` (`customer_id`, `total`, `note`) VALUES (1, 10.5, NULL), (2, 3, 'x')"),
                     QStringLiteral("INSERT INTO `Robert'); DROP TABLE x;--` (`select`, `prénom`, `we\"ird``]`) VALUES "
                                    "('s', 'Zoë', 'w'), (NULL, 'Ève', NULL), ('t', 'Åsa', 'v')"),
                 }) {
                q.exec(sql); // the statements of the other plan's tables fail harmlessly
            }
        };
        ok = runPlanOnDatabase(loaded.plan, MySqlDialect(), db.database(), &log, &error, seed);
        // The schema matched every state; the data must have followed too.
        const auto rows = [&](const QString &sql) {
            QStringList out;
            QSqlQuery q(db.database());
            if (!q.exec(sql))
                return QStringList{q.lastError().text()};
            while (q.next()) {
                QStringList row;
                for (int i = 0; i < q.record().count(); ++i)
                    row << (q.isNull(i) ? QStringLiteral("NULL") : q.value(i).toString());
                out << row.join(QLatin1Char('|'));
            }
            return out;
        };
        if (ok && plan == QLatin1String("sql-every-kind-mysql")) {
            QCOMPARE(rows("SELECT full_name, display_name, email_head, email_lower, loyalty_points FROM customer ORDER BY id"),
                     QStringList({"Ada Lovelace|ada|ADA|ada@example.org|0", "Alan Turing|al|NULL|NULL|0",
                                  "Grace Hopper|amazing|gra|grace@example.org|0"}));
            QCOMPARE(rows("SELECT p.title, a.name, a.email FROM posts p LEFT JOIN authors a ON a.id = p.author_id ORDER BY p.id"),
                     QStringList({"a|Ada|ada@x", "b|Ada|ada@x", "c|Alan|NULL", "d|NULL|NULL"}));
            QCOMPARE(rows("SELECT COUNT(*) FROM authors"), QStringList{"2"});
            QCOMPARE(rows("SELECT code, CAST(total AS CHAR), note FROM orders ORDER BY id"), QStringList({"none|10.50|", "none|3.00|x"}));
            QCOMPARE(rows("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE()"), QStringList{"0"});
        }
        if (ok && plan == QLatin1String("sql-hostile")) {
            QCOMPARE(rows("SELECT `from`, `given name`, `naïve $$ column` FROM `Robert'); DROP TABLE x;--` ORDER BY id"),
                     QStringList({"s|Zoë|it's", "NULL|Ève|it's", "t|Åsa|it's"}));
        }
    }
    {
        Connection admin;
        QVERIFY2(admin.open(dsn, &error), qPrintable(error));
        QSqlQuery(admin.database()).exec(QStringLiteral("DROP DATABASE IF EXISTS `%1`").arg(name));
    }
    QVERIFY2(ok, qPrintable(error + "\n" + log.join("\n")));
#endif
}

QTEST_GUILESS_MAIN(TestMySqlDialect)
#include "tst_mysqldialect.moc"
