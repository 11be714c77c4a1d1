// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlfixtures.h"

//
// The SQL Server dialect: quoting, type mapping, GO batches, the SQL of each op, golden
// bundles, and `sqlfluff parse --dialect tsql` on every generated file (no server here).

#include <engine/engine.h>
#include <io/planfile.h>
#include <sql/bundle.h>
#include <sql/sqlserverdialect.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Tideline;
using namespace Tideline::SqlFixtures;

namespace {

// Every-kind in its T-SQL variant: the shared fixture's `||` and substr() are not T-SQL (2016).
const QStringList FixturePlans{QStringLiteral("sql-every-kind-sqlserver"), QStringLiteral("sql-hostile")};

/**
 * Valid T-SQL that sqlfluff 1.4's tsql grammar rejects, rewritten to a construct it knows with
 * the same shape before parsing. Each is listed in docs/sql-generation.md (## SQL Server).
 */
QString forSqlfluff(QString sql)
{
    sql.replace(QRegularExpression(QStringLiteral(R"(^SET LOCK_TIMEOUT \d+;$)"), QRegularExpression::MultilineOption),
                QStringLiteral("SET NOCOUNT ON;"));
    sql.replace(QStringLiteral(" WITH NOCHECK ADD "), QStringLiteral(" ADD "));
    sql.replace(QStringLiteral(" WITH CHECK CHECK CONSTRAINT "), QStringLiteral(" CHECK CONSTRAINT "));
    sql.replace(QStringLiteral("CREATE OR ALTER TRIGGER "), QStringLiteral("CREATE TRIGGER "));
    sql.replace(QRegularExpression(QStringLiteral(R"(\bUPDATE\((\[[^\]]*\])\))")), QStringLiteral("(\\1 IS NOT NULL)"));
    sql.replace(QStringLiteral("]]"), QStringLiteral("_"));
    return sql;
}






QList<Bundle> allBundles(const QString &plan, QString *error)
{
    LoadedPlan loaded;
    if (!loadPlan(plan, &loaded, error))
        return {};
    return bundlesOf(*loaded.engine, SqlServerDialect(), error);
}

} // namespace

class TestSqlServerDialect : public QObject
{
    Q_OBJECT

private slots:
    void quoteIdentifier_data();
    void quoteIdentifier();
    void quoteString();
    void mapType();
    void splitStatements();
    void addColumnIsGuarded();
    void dropColumnDropsItsDefaultFirst();
    void constraintsAreTrustedAfterNoCheck();
    void notNullIsOnline();
    void backfillIsAKeysetLoop();
    void syncTriggerAndSwap();
    void hostileScriptsQuoteEverything();
    void golden_data();
    void golden();
    void sqlfluffParsesEveryFile();
};

void TestSqlServerDialect::quoteIdentifier_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << "customer" << "[customer]";
    QTest::newRow("keyword") << "select" << "[select]";
    QTest::newRow("injection") << "Robert'); DROP TABLE x;--" << "[Robert'); DROP TABLE x;--]";
    QTest::newRow("accent") << "prénom" << "[prénom]";
    QTest::newRow("bracket") << "we\"ird`]" << "[we\"ird`]]]";
    QTest::newRow("opening bracket") << "a[b" << "[a[b]";
}

void TestSqlServerDialect::quoteIdentifier()
{
    QFETCH(QString, name);
    QFETCH(QString, quoted);
    QCOMPARE(SqlServerDialect().quoteIdentifier(name), quoted);
}

void TestSqlServerDialect::quoteString()
{
    const SqlServerDialect d;
    QCOMPARE(d.quoteString("it's"), QString("N'it''s'"));
    QCOMPARE(d.quoteString("a\\b"), QString("N'a\\b'")); // no backslash escapes in T-SQL
    QCOMPARE(d.quoteString("prénom"), QString("N'prénom'"));
}

void TestSqlServerDialect::mapType()
{
    const SqlServerDialect d;
    QCOMPARE(d.mapType("integer"), QString("int"));
    QCOMPARE(d.mapType("int4"), QString("int"));
    QCOMPARE(d.mapType("text"), QString("nvarchar(max)"));
    QCOMPARE(d.mapType("varchar(100)"), QString("nvarchar(100)"));
    QCOMPARE(d.mapType("varchar"), QString("nvarchar(max)"));
    QCOMPARE(d.mapType("boolean"), QString("bit"));
    QCOMPARE(d.mapType("timestamp"), QString("datetime2"));
    QCOMPARE(d.mapType("timestamptz"), QString("datetimeoffset"));
    QCOMPARE(d.mapType("numeric(10, 2)"), QString("decimal(10,2)"));
    QCOMPARE(d.mapType("uuid"), QString("uniqueidentifier"));
    QCOMPARE(d.mapType("double precision"), QString("float"));
    QCOMPARE(d.mapType("geography"), QString("geography"));
}

void TestSqlServerDialect::splitStatements()
{
    const SqlServerDialect d;
    const QStringList parts = d.splitStatements("SET XACT_ABORT ON;\nGO\n  go  \nCREATE OR ALTER TRIGGER t ON x AFTER INSERT AS\n"
                                                "BEGIN\n    SELECT 'GO';\nEND;\nGO\nGOTO_label:\n");
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts.at(0), QString("SET XACT_ABORT ON;"));
    QVERIFY(parts.at(1).startsWith("CREATE OR ALTER TRIGGER"));
    QCOMPARE(parts.at(2), QString("GOTO_label:"));
}

void TestSqlServerDialect::addColumnIsGuarded()
{
    SchemaOp op;
    op.type = SchemaOp::Type::AddColumn;
    op.table = "customer";
    op.column.name = "score";
    op.column.type = "integer";
    op.column.nullable = false;
    op.column.defaultValue = "0";
    const QString sql = sqlOf(SqlServerDialect().script(op, customers(), Policy()));
    QCOMPARE(sql, QString("IF COL_LENGTH(N'[dbo].[customer]', N'score') IS NULL\nBEGIN\n"
                          "    ALTER TABLE [dbo].[customer] ADD [score] int NOT NULL CONSTRAINT [DF_customer_score] DEFAULT (0);\n"
                          "END;\nGO\n"));
}

void TestSqlServerDialect::dropColumnDropsItsDefaultFirst()
{
    SchemaOp op;
    op.type = SchemaOp::Type::DropColumn;
    op.table = "customer";
    op.columnName = "total";
    const QString sql = sqlOf(SqlServerDialect().script(op, customers(), Policy()));
    QVERIFY2(sql.contains("FROM sys.default_constraints AS dc"), qPrintable(sql));
    QVERIFY(sql.contains("EXEC sys.sp_executesql @tideline_drop;"));
    QVERIFY(sql.indexOf("DROP INDEX [customer_total_idx] ON [dbo].[customer];") < sql.indexOf("DROP COLUMN [total]"));
    QVERIFY(sql.startsWith("IF COL_LENGTH(N'[dbo].[customer]', N'total') IS NOT NULL"));
}

void TestSqlServerDialect::constraintsAreTrustedAfterNoCheck()
{
    SchemaOp op;
    op.type = SchemaOp::Type::AddConstraint;
    op.table = "customer";
    op.constraint.kind = Constraint::Kind::Check;
    op.constraint.name = "total_positive";
    op.constraint.columns = {"total"};
    op.constraint.expression = "total > 0";
    const OpScript s = SqlServerDialect().script(op, customers(), Policy());
    QCOMPARE(s.units.size(), 2);
    QVERIFY(s.units.at(0).sql.contains("ALTER TABLE [dbo].[customer] WITH NOCHECK ADD CONSTRAINT [total_positive] CHECK (total > 0);"));
    QVERIFY(s.units.at(1).sql.contains("FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(N'[dbo].[customer]') "
                                       "AND name = N'total_positive' AND is_not_trusted = 1"));
    QVERIFY(s.units.at(1).sql.contains("ALTER TABLE [dbo].[customer] WITH CHECK CHECK CONSTRAINT [total_positive];"));

    op.constraint.kind = Constraint::Kind::Unique;
    QVERIFY(sqlOf(SqlServerDialect().script(op, customers(), Policy())).contains("UNIQUE NONCLUSTERED ([total]) WITH (ONLINE = ON);"));
}

void TestSqlServerDialect::notNullIsOnline()
{
    SchemaOp op;
    op.type = SchemaOp::Type::SetNotNull;
    op.table = "customer";
    op.columnName = "total";
    const QString sql = sqlOf(SqlServerDialect().script(op, customers(), Policy()));
    QVERIFY2(sql.contains("ALTER TABLE [dbo].[customer] ALTER COLUMN [total] decimal(10,2) NOT NULL WITH (ONLINE = ON);"), qPrintable(sql));
    QVERIFY(sql.contains("AND name = N'total' AND is_nullable = 1"));
}

void TestSqlServerDialect::backfillIsAKeysetLoop()
{
    SchemaOp op;
    op.type = SchemaOp::Type::Backfill;
    op.table = "customer";
    op.columnName = "total_new";
    op.sourceColumn = "total";
    Policy policy;
    policy.backfillBatch = 250;
    const OpScript s = SqlServerDialect().script(op, customers(), policy);
    QCOMPARE(s.units.size(), 1);
    QVERIFY(!s.units.first().transactional);
    const QString sql = s.units.first().sql;
    QVERIFY(sql.contains("DECLARE @tideline_last int = NULL, @tideline_next int;"));
    QVERIFY(sql.contains("SELECT TOP (250) [id] AS tideline_key FROM [dbo].[customer]"));
    QVERIFY(sql.contains("UPDATE [dbo].[customer] SET [total_new] = [total]"));
    QVERIFY(sql.contains("WHILE 1 = 1"));
    QVERIFY(sql.endsWith("END;\nGO\n"));
}

void TestSqlServerDialect::syncTriggerAndSwap()
{
    SchemaOp sync;
    sync.type = SchemaOp::Type::AddSyncTrigger;
    sync.table = "customer";
    sync.columnName = "total_new";
    sync.sourceColumn = "total";
    const QString trigger = sqlOf(SqlServerDialect().script(sync, customers(), Policy()));
    QVERIFY2(trigger.startsWith("CREATE OR ALTER TRIGGER [dbo].[tideline_sync_"), qPrintable(trigger)); // first in its batch
    QVERIFY(trigger.contains("SET [total_new] = CAST([total] AS decimal(12,2))"));
    QVERIFY(trigger.contains("IF NOT UPDATE([total]) OR TRIGGER_NESTLEVEL(@@PROCID) > 1"));

    SchemaOp swap;
    swap.type = SchemaOp::Type::SwapColumn;
    swap.table = "customer";
    swap.columnName = "total";
    swap.newName = "total_new";
    const QString sql = sqlOf(SqlServerDialect().script(swap, customers(), Policy()));
    QVERIFY(sql.startsWith("IF COL_LENGTH(N'[dbo].[customer]', N'total_new') IS NOT NULL"));
    QVERIFY(sql.contains("BEGIN TRANSACTION;"));
    QVERIFY(sql.contains("EXEC sys.sp_rename N'[dbo].[customer].[total_new]', N'total', N'COLUMN';"));
    QVERIFY(sql.contains("ALTER TABLE [dbo].[customer] ALTER COLUMN [total] decimal(12,2) NULL;"));
    QVERIFY(sql.contains("CREATE INDEX [customer_total_idx] ON [dbo].[customer] ([total]);"));
    const QRegularExpression name("tideline_sync_[0-9a-f]{12}");
    QCOMPARE(name.match(sql).captured(0), name.match(trigger).captured(0));
}

void TestSqlServerDialect::hostileScriptsQuoteEverything()
{
    QString error;
    const QList<Bundle> bundles = allBundles("sql-hostile", &error);
    QVERIFY2(!bundles.isEmpty(), qPrintable(error));
    for (const Bundle &b : bundles) {
        for (const BundleFile &f : b.files) {
            const QString text = QString::fromUtf8(f.content);
            // The injected text always ends inside a bracketed name (alone or in a string).
            QVERIFY2(text.count("DROP TABLE x;--") == text.count("DROP TABLE x;--]"), qPrintable(b.release + "/" + f.path));
            QVERIFY2(!text.contains("[we\"ird`]]") || text.contains("[we\"ird`]]]"), qPrintable(f.path));
        }
    }
}

void TestSqlServerDialect::golden_data()
{
    QTest::addColumn<QString>("plan");
    for (const QString &p : FixturePlans)
        QTest::newRow(qPrintable(p)) << p;
}
void TestSqlServerDialect::golden()
{
    QFETCH(QString, plan);
    const QString difference = goldenDifferenceOfPlan(plan, SqlServerDialect(), "sqlserver");
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestSqlServerDialect::sqlfluffParsesEveryFile()
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("sqlfluff"));
    if (program.isEmpty())
        QSKIP("sqlfluff is not installed (apt install sqlfluff; ./test.sh installs it)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    int files = 0;
    for (const QString &plan : FixturePlans) {
        QString error;
        const QList<Bundle> bundles = allBundles(plan, &error);
        QVERIFY2(!bundles.isEmpty(), qPrintable(error));
        for (const Bundle &b : bundles) {
            for (const BundleFile &f : b.files) {
                const QString path = dir.filePath(plan + "/" + b.release + "/" + f.path);
                QVERIFY(QDir().mkpath(QFileInfo(path).path()));
                QFile out(path);
                QVERIFY(out.open(QIODevice::WriteOnly));
                out.write(forSqlfluff(QString::fromUtf8(f.content)).toUtf8());
                ++files;
            }
        }
    }
    QVERIFY(files > 10);
    QProcess fluff;
    fluff.setProcessChannelMode(QProcess::MergedChannels);
    fluff.start(program, {"parse", "--dialect", "tsql", "--nofail", "--format", "yaml", dir.path()});
    QVERIFY(fluff.waitForFinished(600000));
    const QString output = QString::fromUtf8(fluff.readAll());
    QVERIFY2(fluff.exitStatus() == QProcess::NormalExit, qPrintable(output));
    // Unparsable pieces are reported as `unparsable:` segments, whatever the exit code.
    QVERIFY2(!output.contains("unparsable"), qPrintable(output.left(20000)));
    QVERIFY2(output.contains("tsql") || output.contains("file"), qPrintable(output.left(2000)));
}

QTEST_GUILESS_MAIN(TestSqlServerDialect)
#include "tst_sqlserverdialect.moc"
