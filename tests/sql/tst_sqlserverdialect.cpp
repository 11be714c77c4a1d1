// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlfixtures.h"

//
// The SQL Server dialect: quoting, type mapping, GO batches, the SQL of each op, golden
// bundles, and `sqlfluff parse --dialect tsql` on every generated file (no server here).

#include <engine/engine.h>
#include <engine/schemaops.h>
#include <io/planfile.h>
#include <sql/bundle.h>
#include <sql/sqlserverdialect.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Tideline;
using namespace Tideline::SqlFixtures;

namespace {

// Every-kind in its T-SQL variant: the shared fixture's `||` and substr() are not T-SQL (2016).
const QStringList FixturePlans{QStringLiteral("sql-every-kind-sqlserver"), QStringLiteral("sql-hostile"),
                               QStringLiteral("sqlserver-carry"), QStringLiteral("sql-kinds-keys-sqlserver"),
                               QStringLiteral("sql-kinds-attrs-sqlserver"), QStringLiteral("sql-kinds-tables")};

/**
 * Valid T-SQL that sqlfluff 1.4's tsql grammar rejects, rewritten to a construct it knows with
 * the same shape before parsing. Each is listed in docs/sql-generation.md (## SQL Server).
 */
QString forSqlfluff(QString sql)
{
    sql.replace(QRegularExpression(QStringLiteral(R"(^SET LOCK_TIMEOUT \d+;$)"), QRegularExpression::MultilineOption),
                QStringLiteral("SET NOCOUNT ON;"));
    sql.replace(QStringLiteral(" WITH NOCHECK ADD "), QStringLiteral(" ADD "));
    // DROP CONSTRAINT … WITH (ONLINE = ON) (a clustered primary key dropped online).
    sql.replace(QRegularExpression(QStringLiteral(R"((DROP CONSTRAINT \[[^\]]*(?:\]\][^\]]*)*\]) WITH \(ONLINE = ON\);)")),
                QStringLiteral("\\1;"));
    sql.replace(QStringLiteral("CREATE OR ALTER TRIGGER "), QStringLiteral("CREATE TRIGGER "));
    sql.replace(QRegularExpression(QStringLiteral(R"(\bUPDATE\((\[[^\]]*\])\))")), QStringLiteral("(\\1 IS NOT NULL)"));
    // A computed column: its expression stays parsed, as a CHECK of a plain column.
    sql.replace(QRegularExpression(QStringLiteral(R"(\] AS \((.*)\)(?: PERSISTED(?: NOT NULL)?)?(,?)$)"), QRegularExpression::MultilineOption),
                QStringLiteral("] int CHECK (\\1)\\2"));
    sql.replace(QStringLiteral("]]"), QStringLiteral("_"));
    return sql;
}

/**
 * sqlcmd's batch splitting, written from its documentation (GO [count]; "A Transact-SQL
 * statement cannot occupy the same line as a GO command. However, the line can contain
 * comments"; commands are recognised at the start of a line, case-insensitive), independently of
 * the dialect's own splitter. Quotes are not looked at: some clients split on a GO line inside a
 * string literal, so a batch must never hold one. Lines that any sqlcmd would read as another of
 * its commands are returned in @p commands.
 */
QStringList sqlcmdBatches(const QString &file, QStringList *commands)
{
    static const QRegularExpression go(QStringLiteral(R"(^\s*go(\s+[0-9]+)?\s*(--.*)?$)"),
                                       QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression command(
        QStringLiteral(R"(^[ \t]*(:|!!|(go|exit|quit|ed|reset|on\s+error)(?![A-Za-z0-9_@#$]))|\$\()"),
        QRegularExpression::CaseInsensitiveOption);
    QStringList batches;
    QString current;
    for (const QString &line : file.split('\n')) {
        if (go.match(line).hasMatch()) {
            if (!current.trimmed().isEmpty())
                batches << current;
            current.clear();
            continue;
        }
        if (command.match(line).hasMatch() || line.contains("$("))
            *commands << line;
        current += line + '\n';
    }
    if (!current.trimmed().isEmpty())
        batches << current;
    return batches;
}

/** What the server reads: T-SQL's line continuation (backslash, line feed) removed. */
QString joined(QString sql)
{
    return sql.replace("\\\n", QString());
}

/** The statements run through sys.sp_executesql in @p sql, unquoted as the server reads them. */
QStringList dynamicSql(const QString &sql)
{
    const QString text = joined(sql);
    const QString open = QStringLiteral("EXEC sys.sp_executesql N'");
    QStringList out;
    for (int at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + 1)) {
        QString inner;
        for (int i = at + open.size(); i < text.size(); ++i) {
            if (text.at(i) == '\'') {
                if (i + 1 < text.size() && text.at(i + 1) == '\'') {
                    inner += '\'';
                    ++i;
                    continue;
                }
                break;
            }
            inner += text.at(i);
        }
        out << inner;
    }
    return out;
}

QString fileText(const Bundle &bundle, const QString &pathPart)
{
    for (const BundleFile &f : bundle.files) {
        if (f.path.contains(pathPart))
            return QString::fromUtf8(f.content);
    }
    return {};
}

const Bundle *bundleOf(const QList<Bundle> &bundles, const QString &release)
{
    for (const Bundle &b : bundles) {
        if (b.release == release)
            return &b;
    }
    return nullptr;
}

/** The schema just before the first op of @p type in the plan, with that op. */
bool opOfPlan(const QString &plan, SchemaOp::Type type, const QString &table, SchemaOp *op, Schema *before)
{
    LoadedPlan loaded;
    QString error;
    if (!loadPlan(plan, &loaded, &error))
        return false;
    for (const PlacedStep &p : loaded.engine->steps()) {
        Schema schema = p.before;
        QSet<QString> filled;
        for (const SchemaOp &o : p.step.ops) {
            if (o.type == type && o.table == table) {
                *op = o;
                *before = schema;
                return true;
            }
            QString ignored;
            applySchemaOp(o, &schema, &filled, &ignored);
        }
    }
    return false;
}

/** An op of @p type on customer.@p column (see customers()) with @p value. */
SchemaOp customerOp(SchemaOp::Type type, const QString &column, const QString &value = {})
{
    SchemaOp op;
    op.type = type;
    op.table = "customer";
    op.columnName = column;
    op.value = value;
    return op;
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
    void identifiers();
    void planNamesAreCheckedForSqlServer();
    void addColumnIsGuarded();
    void dropColumnDropsWhatUsesItFirst();
    void constraintsAreCheckedAfterNoCheck();
    void foreignKeyActions();
    void notNullIsOnline();
    void indexes();
    void defaults();
    void comments();
    void dropOps();
    void createSchemaRendersTheWholeModel();
    void backfillIsAGuardedKeysetLoop();
    void backfillKeepsUserTextByteForByte();
    void syncTriggerIsConditional();
    void swapCarriesWhatHangsOnTheColumn();
    void nullableSwapBuildsItsIndexesBeforehand();
    void identitySwapChangesTheTypeInPlace();
    void swapRefusesWhatSqlServerCannotDo();
    void goLinesNeverSplitABatch();
    void sqlcmdCommandsOutsideLiteralsAreRefused();
    void runNoteTellsHowToRunAFile();
    void hostileScriptsQuoteEverything();
    void golden_data();
    void golden();
    void everyFileSplitsIntoBatchesLikeSqlcmd();
    void sqlfluffParsesEveryBatch();
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
    // No line of the literal can be a GO line, and no $( a scripting variable.
    QCOMPARE(d.quoteString("one\nGO\r\n$(x)"), QString("N'one' + NCHAR(10) + N'GO' + NCHAR(13) + NCHAR(10) + N'$' + N'(x)'"));
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
                                                "BEGIN\n    SELECT 'GO';\nEND;\nGo 2 -- twice\nGOTO_label:\n");
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts.at(0), QString("SET XACT_ABORT ON;"));
    QVERIFY(parts.at(1).startsWith("CREATE OR ALTER TRIGGER"));
    QCOMPARE(parts.at(2), QString("GOTO_label:"));
}

void TestSqlServerDialect::identifiers()
{
    const SqlServerDialect d;
    QVERIFY(d.identifierProblem(QString(128, 'a')).isEmpty());
    QVERIFY(d.identifierProblem(QString(129, 'a')).contains("at most 128"));
    // sysname counts UTF-16 units: 64 characters outside the BMP are 128 units, 65 are too many.
    QVERIFY(d.identifierProblem(QString(65, QChar(0xD83D)).replace(QString(QChar(0xD83D)), QString::fromUtf8("\xF0\x9F\x98\x80"))).contains("at most 128"));
    QVERIFY(d.identifierProblem("a$(b)").contains("scripting variable"));
    QVERIFY(d.identifierProblem("line\nbreak").contains("control character"));
    QVERIFY(d.identifierProblem("naïve $$ column").isEmpty());
}

void TestSqlServerDialect::planNamesAreCheckedForSqlServer()
{
    // The plan's validation asks the dialect: a 129-character column, or one holding $(, is
    // refused before any script exists.
    QFile in(TIDELINE_TEST_DATA "/sqlserver-carry.tideline.json");
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QString plan = QString::fromUtf8(in.readAll());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString &name : {QString(129, 'n'), QString("cost$(eur)")}) {
        const QString path = dir.filePath("plan.tideline.json");
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(QString(plan).replace("\"name\": \"payload\"", "\"name\": \"" + name + "\"").toUtf8());
        out.close();
        Plan loaded;
        QList<PlanError> errors;
        const bool ok = PlanFile::load(path, &loaded, &errors) && PlanValidator::validate(loaded, path, &errors);
        QVERIFY2(!ok, qPrintable(name));
        QVERIFY2(errors.first().message.contains(name.size() > 128 ? "SQL Server allows at most 128" : "scripting variable"),
                 qPrintable(errors.first().message));
        QVERIFY2(errors.first().field.contains("legacy"), qPrintable(errors.first().field));
    }
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

void TestSqlServerDialect::dropColumnDropsWhatUsesItFirst()
{
    Schema s = customers();
    Table &t = s.tables["customer"];
    SyncTrigger sync;
    sync.target = "total_new";
    sync.sources = {"total"};
    sync.sourceColumn = "total";
    t.syncs = {sync};
    Constraint check;
    check.kind = Constraint::Kind::Check;
    check.name = "total_positive";
    check.expression = "total > 0"; // names the column only in its expression
    t.constraints = {check};
    SchemaOp op;
    op.type = SchemaOp::Type::DropColumn;
    op.table = "customer";
    op.columnName = "total";
    const QString sql = sqlOf(SqlServerDialect().script(op, s, Policy()));
    QVERIFY2(sql.contains("FROM sys.default_constraints AS dc"), qPrintable(sql));
    QVERIFY(sql.contains("EXEC sys.sp_executesql @tideline_sql;"));
    QVERIFY(sql.startsWith("DECLARE @tideline_sql nvarchar(max);\nIF COL_LENGTH(N'[dbo].[customer]', N'total') IS NOT NULL"));
    const int drop = sql.indexOf("ALTER TABLE [dbo].[customer] DROP COLUMN [total];");
    QVERIFY(drop > 0);
    QVERIFY(sql.indexOf("DROP TRIGGER IF EXISTS [dbo].[tideline_sync_") < drop);
    QVERIFY(sql.indexOf("DROP CONSTRAINT [total_positive]") < drop);
    QVERIFY(sql.indexOf("DROP INDEX [customer_total_idx] ON [dbo].[customer];") < drop);
    QVERIFY(sql.contains("BEGIN TRANSACTION;") && sql.contains("COMMIT;"));
}

void TestSqlServerDialect::constraintsAreCheckedAfterNoCheck()
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
    QVERIFY(!s.offline);
    QVERIFY(s.units.at(0).sql.contains("ALTER TABLE [dbo].[customer] WITH NOCHECK ADD CONSTRAINT [total_positive] CHECK (total > 0);"));
    QVERIFY(s.units.at(0).sql.contains("COL_LENGTH(N'[dbo].[customer]', N'total') IS NOT NULL AND OBJECT_ID(N'[dbo].[total_positive]') IS NULL"));
    // The old rows are checked by a query with ordinary locks, not by WITH CHECK CHECK
    // CONSTRAINT (a schema-modification lock for the whole scan).
    const QString check = s.units.at(1).sql;
    QVERIFY(check.contains("FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(N'[dbo].[customer]') "
                           "AND name = N'total_positive' AND is_not_trusted = 1"));
    QVERIFY(!check.contains("CHECK CONSTRAINT"));
    const QStringList dynamic = dynamicSql(check);
    QCOMPARE(dynamic.size(), 1);
    QVERIFY2(dynamic.first().startsWith("IF EXISTS (SELECT 1 FROM [dbo].[customer] WHERE NOT (total > 0))\nBEGIN\n    THROW 50000, "),
             qPrintable(dynamic.first()));

    op.constraint.kind = Constraint::Kind::Unique;
    QVERIFY(sqlOf(SqlServerDialect().script(op, customers(), Policy())).contains("UNIQUE NONCLUSTERED ([total]) WITH (ONLINE = ON);"));
}

void TestSqlServerDialect::foreignKeyActions()
{
    Schema s = customers();
    Table orders;
    orders.name = "orders";
    orders.primaryKey = {"id"};
    s.tables.insert("orders", orders);
    SchemaOp op;
    op.type = SchemaOp::Type::AddConstraint;
    op.table = "orders";
    op.constraint.kind = Constraint::Kind::ForeignKey;
    op.constraint.name = "orders_customer_fkey";
    op.constraint.columns = {"customer_id"};
    op.constraint.refTable = "customer"; // no columns: the primary key
    op.constraint.onDelete = "cascade";
    op.constraint.onUpdate = "SET  NULL";
    const OpScript script = SqlServerDialect().script(op, s, Policy());
    QVERIFY2(sqlOf(script).contains("ADD CONSTRAINT [orders_customer_fkey] FOREIGN KEY ([customer_id]) REFERENCES [dbo].[customer] ([id]) "
                                    "ON DELETE CASCADE ON UPDATE SET NULL;"),
             qPrintable(sqlOf(script)));
    QVERIFY(dynamicSql(script.units.at(1).sql).first().contains(
        "FROM [dbo].[orders] AS tideline_child WHERE tideline_child.[customer_id] IS NOT NULL\n"
        "  AND NOT EXISTS (SELECT 1 FROM [dbo].[customer] AS tideline_parent WHERE tideline_parent.[id] = tideline_child.[customer_id])"));
    // A second cascading key between the same tables, or one on the table itself: SQL Server
    // refuses them (multiple cascade paths), so Tideline says so instead of failing on the server.
    Constraint first = op.constraint;
    first.name = "orders_first_customer_fkey";
    s.tables["orders"].constraints = {first};
    const OpScript second = SqlServerDialect().script(op, s, Policy());
    QVERIFY(second.offline);
    QVERIFY2(second.offlineReason.contains("second cascading path from orders to customer (besides orders_first_customer_fkey)"),
             qPrintable(second.offlineReason));
    s.tables["orders"].constraints.clear();
    SchemaOp self = op;
    self.constraint.refTable = "orders";
    QVERIFY(SqlServerDialect().script(self, s, Policy()).offlineReason.contains("cascades from orders to itself"));

    op.constraint.onDelete = "RESTRICT"; // SQL Server has no RESTRICT; NO ACTION behaves the same here
    op.constraint.onUpdate.clear();
    const QString restrict = sqlOf(SqlServerDialect().script(op, s, Policy()));
    QVERIFY(restrict.contains("REFERENCES [dbo].[customer] ([id]);"));
    QVERIFY(!restrict.contains("RESTRICT"));
}

void TestSqlServerDialect::notNullIsOnline()
{
    SchemaOp op = customerOp(SchemaOp::Type::SetNotNull, "total_new");
    const OpScript online = SqlServerDialect().script(op, customers(), Policy());
    QVERIFY(!online.offline);
    QVERIFY2(sqlOf(online).contains("ALTER TABLE [dbo].[customer] ALTER COLUMN [total_new] decimal(12,2) NOT NULL WITH (ONLINE = ON);"),
             qPrintable(sqlOf(online)));
    QVERIFY(sqlOf(online).contains("AND name = N'total_new' AND is_nullable = 1"));

    // total has an index, and SQL Server refuses ALTER COLUMN on an indexed decimal column: the
    // index is dropped and built again around it, in one transaction, offline.
    op.columnName = "total";
    const OpScript indexed = SqlServerDialect().script(op, customers(), Policy());
    QVERIFY(indexed.offline);
    QVERIFY2(indexed.offlineReason.contains("while customer_total_idx uses it"), qPrintable(indexed.offlineReason));
    const QString sql = sqlOf(indexed);
    QVERIFY(sql.indexOf("DROP INDEX [customer_total_idx]") < sql.indexOf("ALTER COLUMN [total] decimal(10,2) NOT NULL;"));
    QVERIFY(sql.indexOf("ALTER COLUMN [total] decimal(10,2) NOT NULL;") < sql.indexOf("CREATE INDEX [customer_total_idx] ON [dbo].[customer] ([total]);"));
    QVERIFY(sql.contains("BEGIN TRANSACTION;"));
}

void TestSqlServerDialect::indexes()
{
    SchemaOp op;
    op.type = SchemaOp::Type::AddIndex;
    op.table = "customer";
    op.index.name = "customer_recent_idx";
    op.index.columns = {"name", "id"};
    op.index.descending = {false, true};
    op.index.include = {"total"};
    op.index.where = "total IS NOT NULL";
    op.index.unique = true;
    const OpScript s = SqlServerDialect().script(op, customers(), Policy());
    QCOMPARE(s.units.size(), 1);
    QVERIFY(!s.units.first().transactional); // an online build: its own file, no transaction around it
    QVERIFY(s.units.first().userSql);
    QVERIFY2(s.units.first().sql.contains(
                 "CREATE UNIQUE INDEX [customer_recent_idx] ON [dbo].[customer] ([name], [id] DESC) "
                 "INCLUDE ([total]) WHERE total IS NOT NULL WITH (ONLINE = ON);"),
             qPrintable(s.units.first().sql));
    QVERIFY(s.units.first().sql.contains("AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[customer]') "
                                         "AND name = N'customer_recent_idx')"));

    op.index.columns = {"lower(name)"};
    const OpScript expression = SqlServerDialect().script(op, customers(), Policy());
    QVERIFY(expression.offline);
    QVERIFY(expression.offlineReason.contains("SQL Server indexes columns only"));
    QVERIFY(sqlOf(expression).contains("THROW 50000, @tideline_reason, 1;"));
}

void TestSqlServerDialect::defaults()
{
    SchemaOp op = customerOp(SchemaOp::Type::SetDefault, "name", "N'anonymous'");
    const QString set = sqlOf(SqlServerDialect().script(op, customers(), Policy()));
    // Whatever default the column has goes (found in sys.default_constraints), then ours, named.
    QVERIFY2(set.contains("FROM sys.default_constraints AS dc"), qPrintable(set));
    QVERIFY(set.indexOf("EXEC sys.sp_executesql @tideline_sql;") < set.indexOf("ADD CONSTRAINT [DF_customer_name] DEFAULT (N'anonymous') FOR [name];"));
    QVERIFY(set.contains("BEGIN TRANSACTION;"));

    op.type = SchemaOp::Type::DropDefault;
    const QString drop = sqlOf(SqlServerDialect().script(op, customers(), Policy()));
    QVERIFY(drop.contains("dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[customer]'), N'name', 'ColumnId')"));
    QVERIFY(!drop.contains("ADD CONSTRAINT"));
}

void TestSqlServerDialect::comments()
{
    SchemaOp op = customerOp(SchemaOp::Type::SetComment, "name", "shown on invoices\nGO");
    const QString column = sqlOf(SqlServerDialect().script(op, customers(), Policy()));
    QVERIFY2(column.contains("SET @tideline_comment = N'shown on invoices' + NCHAR(10) + N'GO';"), qPrintable(column));
    QVERIFY(column.contains("EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @tideline_comment, "
                            "@level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer', "
                            "@level2type = N'COLUMN', @level2name = N'name';"));
    QVERIFY(column.contains("EXEC sys.sp_addextendedproperty @name = N'MS_Description'"));
    QVERIFY(column.contains("minor_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[customer]'), N'name', 'ColumnId')"));

    op.columnName.clear();
    op.value.clear();
    const QString dropped = sqlOf(SqlServerDialect().script(op, customers(), Policy()));
    QVERIFY(dropped.contains("AND minor_id = 0 AND name = N'MS_Description'"));
    QVERIFY(dropped.contains("EXEC sys.sp_dropextendedproperty @name = N'MS_Description', @level0type = N'SCHEMA', "
                             "@level0name = N'dbo', @level1type = N'TABLE', @level1name = N'customer';"));

    op.value = QString(SqlServerDialect::MaxCommentLength + 1, 'x');
    QVERIFY(SqlServerDialect().script(op, customers(), Policy()).offline);
}

void TestSqlServerDialect::dropOps()
{
    SchemaOp op;
    op.table = "customer";
    op.type = SchemaOp::Type::DropIndex;
    op.index.name = "customer_total_idx";
    QCOMPARE(sqlOf(SqlServerDialect().script(op, customers(), Policy())),
             QString("IF EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'customer_total_idx')\n"
                     "    DROP INDEX [customer_total_idx] ON [dbo].[customer];\nGO\n"));
    op.type = SchemaOp::Type::DropConstraint;
    op.constraint.kind = Constraint::Kind::ForeignKey;
    op.constraint.name = "orders_customer_fkey";
    QCOMPARE(sqlOf(SqlServerDialect().script(op, customers(), Policy())),
             QString("IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'orders_customer_fkey')\n"
                     "    ALTER TABLE [dbo].[customer] DROP CONSTRAINT [orders_customer_fkey];\nGO\n"));
    op.type = SchemaOp::Type::DropSyncTrigger;
    op.columnName = "total_new";
    QVERIFY(QRegularExpression("^DROP TRIGGER IF EXISTS \\[dbo\\]\\.\\[tideline_sync_[0-9a-f]{12}\\];\nGO\n$")
                .match(sqlOf(SqlServerDialect().script(op, customers(), Policy())))
                .hasMatch());
}

void TestSqlServerDialect::createSchemaRendersTheWholeModel()
{
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan("sqlserver-carry", &loaded, &error), qPrintable(error));
    QStringList parts;
    for (const ScriptUnit &u : SqlServerDialect().createSchema(loaded.plan.baseline.schema))
        parts << u.sql;
    const QString sql = parts.join('\n');
    QVERIFY2(sql.contains("CREATE SEQUENCE [dbo].[invoice_number_seq] AS bigint START WITH 1000 INCREMENT BY 5;"), qPrintable(sql));
    QVERIFY(sql.indexOf("CREATE SEQUENCE") < sql.indexOf("CREATE TABLE"));
    QVERIFY(sql.contains("[id] int IDENTITY(1,1) NOT NULL"));
    QVERIFY(sql.contains("[number] bigint NOT NULL CONSTRAINT [DF_invoice_number] DEFAULT (NEXT VALUE FOR [dbo].[invoice_number_seq])"));
    QVERIFY(sql.contains("[ticket_type] nvarchar(255) COLLATE Latin1_General_CS_AS NOT NULL CONSTRAINT [DF_ticket_ticket_type] DEFAULT ('paper')"));
    QVERIFY(sql.contains("[price_with_tax] AS (price * 1.2) PERSISTED"));
    QVERIFY(sql.contains("CONSTRAINT [label_ticket_type_fkey] FOREIGN KEY ([ticket_type]) REFERENCES [dbo].[ticket] ([ticket_type]);"));
    // An unnamed foreign key gets a name of its own, and keeps its action.
    QVERIFY(QRegularExpression(R"(CONSTRAINT \[tideline_c_[0-9a-f]{12}\] FOREIGN KEY \(\[ticket_id\]\) REFERENCES \[dbo\]\.\[ticket\] ON DELETE CASCADE;)")
                .match(sql)
                .hasMatch());
    QVERIFY(sql.contains("CREATE INDEX [ticket_type_recent_idx] ON [dbo].[ticket] ([ticket_type], [id] DESC) "
                         "INCLUDE ([price]) WHERE note IS NOT NULL;"));
    QVERIFY(sql.contains("SET @tideline_comment = N'Tickets sold' + NCHAR(10) + N'GO' + NCHAR(10) + N'at the gate';"));
    QVERIFY(sql.contains("SET @tideline_comment = N'how the ticket was issued';"));
    QVERIFY(sql.contains("CONSTRAINT [PK_ticket] PRIMARY KEY CLUSTERED ([id])"));
    // No enum types in SQL Server: nvarchar as long as the longest label, and a CHECK.
    QVERIFY(sql.contains("[status] nvarchar(4) NULL CONSTRAINT [DF_invoice_status] DEFAULT ('open') "
                         "CONSTRAINT [invoice_status_enum] CHECK ([status] IN (N'open', N'paid', N'void'))"));
    // The table's own trigger, as the first statement of its own batch.
    QVERIFY(sql.contains("IF OBJECT_ID(N'[dbo].[legacy_touch]', N'TR') IS NULL\nBEGIN\n    EXEC sys.sp_executesql N'CREATE TRIGGER [dbo].[legacy_touch] ON [dbo].[legacy]\nAFTER UPDATE\n"));

    // Another engine's row trigger is refused with its name, not sent to fail on the server.
    Schema foreign = loaded.plan.baseline.schema;
    foreign.tables["legacy"].triggers.first().definition = "CREATE TRIGGER legacy_touch AFTER UPDATE ON legacy FOR EACH ROW EXECUTE FUNCTION touch()";
    QStringList refused;
    for (const ScriptUnit &u : SqlServerDialect().createSchema(foreign))
        refused << u.sql;
    QVERIFY(refused.join('\n').contains("trigger legacy_touch on legacy is another engine''s row trigger (FOR EACH ROW)"));
}

void TestSqlServerDialect::backfillIsAGuardedKeysetLoop()
{
    SchemaOp op = customerOp(SchemaOp::Type::Backfill, "total_new");
    op.sourceColumn = "total";
    Policy policy;
    policy.backfillBatch = 250;
    const OpScript s = SqlServerDialect().script(op, customers(), policy);
    QCOMPARE(s.units.size(), 1);
    QVERIFY(!s.units.first().transactional);
    const QString sql = s.units.first().sql;
    // Guarded by the columns it names, so a re-run after a later release dropped one does
    // nothing; the loop itself is compiled only when it runs.
    QVERIFY2(sql.startsWith("IF COL_LENGTH(N'[dbo].[customer]', N'total_new') IS NOT NULL AND COL_LENGTH(N'[dbo].[customer]', N'total') IS NOT NULL "
                            "AND COL_LENGTH(N'[dbo].[customer]', N'id') IS NOT NULL\n"),
             qPrintable(sql));
    const QStringList loop = dynamicSql(sql);
    QCOMPARE(loop.size(), 1);
    QVERIFY(loop.first().contains("DECLARE @tideline_last int = NULL, @tideline_next int;"));
    QVERIFY(loop.first().contains("SELECT TOP (250) tideline_row.[id] AS tideline_key FROM [dbo].[customer] AS tideline_row"));
    QVERIFY(loop.first().contains("UPDATE tideline_row SET [total_new] = tideline_row.[total]"));
    QVERIFY(loop.first().contains("WHILE 1 = 1"));
    QVERIFY(sql.endsWith("END;\nGO\n"));
}

void TestSqlServerDialect::backfillKeepsUserTextByteForByte()
{
    // Issue 10, item 5: the loop body is indented, but a multi-line literal must reach the
    // server exactly as the plan wrote it.
    const QString literal = "N'line one\n        indented\n\ttabbed {range} %1 $(x)\n'";
    SchemaOp op;
    op.type = SchemaOp::Type::Backfill;
    op.table = "customer";
    op.columnName = "name";
    op.expression = literal;
    const OpScript s = SqlServerDialect().script(op, customers(), Policy());
    QCOMPARE(s.units.size(), 1);
    const QStringList loop = dynamicSql(s.units.first().sql);
    QCOMPARE(loop.size(), 1);
    QVERIFY2(loop.first().contains("UPDATE tideline_row SET [name] = (" + literal + ")\n"), qPrintable(loop.first()));
}

void TestSqlServerDialect::syncTriggerIsConditional()
{
    Schema s = customers();
    SchemaOp sync;
    sync.type = SchemaOp::Type::AddSyncTrigger;
    sync.table = "customer";
    sync.columnName = "total_new";
    sync.sourceColumn = "total";
    sync.sources = {"total", "name"};
    const OpScript script = SqlServerDialect().script(sync, s, Policy());
    QCOMPARE(script.units.size(), 1);
    const QString unit = script.units.first().sql;
    QVERIFY2(unit.startsWith("IF COL_LENGTH(N'[dbo].[customer]', N'total_new') IS NOT NULL AND COL_LENGTH(N'[dbo].[customer]', N'total') IS NOT NULL"),
             qPrintable(unit));
    const QString trigger = dynamicSql(unit).value(0);
    QVERIFY2(trigger.startsWith("CREATE OR ALTER TRIGGER [dbo].[tideline_sync_"), qPrintable(trigger)); // first in its batch
    QVERIFY(trigger.contains("AFTER INSERT, UPDATE"));
    QVERIFY(trigger.contains("IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([total]) OR UPDATE([name]))"));
    QVERIFY(trigger.contains("SET [total_new] = CAST([total] AS decimal(12,2))"));
    QVERIFY(trigger.contains("LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]"));
    // Insert: only when the new column was left NULL.
    QVERIFY(trigger.contains("AND ((tideline_old.[id] IS NULL AND tideline_new.[total_new] IS NULL)"));
    // Update: only when the target is untouched and a source changed; text compared byte for
    // byte (a case-insensitive collation would find 'bob' = 'Bob').
    QVERIFY(trigger.contains("OR (tideline_old.[id] IS NOT NULL AND (tideline_new.[total_new] = tideline_old.[total_new] OR "
                             "(tideline_new.[total_new] IS NULL AND tideline_old.[total_new] IS NULL))"));
    QVERIFY(trigger.contains("AND NOT ((tideline_new.[total] = tideline_old.[total] OR (tideline_new.[total] IS NULL AND tideline_old.[total] IS NULL)) "
                             "AND (CAST(tideline_new.[name] AS varbinary(max)) = CAST(tideline_old.[name] AS varbinary(max)) OR "
                             "(tideline_new.[name] IS NULL AND tideline_old.[name] IS NULL)))"));

    // Several per table: one per target, named after it.
    SchemaOp other = sync;
    other.columnName = "name";
    const QString second = dynamicSql(SqlServerDialect().script(other, s, Policy()).units.first().sql).value(0);
    const QRegularExpression name("tideline_sync_[0-9a-f]{12}");
    QVERIFY(name.match(second).captured(0) != name.match(trigger).captured(0));

    s.tables["customer"].primaryKey.clear();
    QVERIFY(SqlServerDialect().script(sync, s, Policy()).offlineReason.contains("no primary key"));
}

void TestSqlServerDialect::swapCarriesWhatHangsOnTheColumn()
{
    SchemaOp swap;
    Schema before;
    QVERIFY(opOfPlan("sqlserver-carry", SchemaOp::Type::SwapColumn, "invoice", &swap, &before));
    const OpScript s = SqlServerDialect().script(swap, before, Policy());
    const QString sql = s.units.first().sql;
    QVERIFY2(sql.contains("IF COL_LENGTH(N'[dbo].[invoice]', N'amount_new') IS NOT NULL"), qPrintable(sql));
    const QStringList order{
        "BEGIN TRANSACTION;",
        "DROP TRIGGER IF EXISTS [dbo].[tideline_sync_",
        "ALTER TABLE [dbo].[invoice] DROP CONSTRAINT [amount_positive];",
        "DROP INDEX [invoice_amount_idx] ON [dbo].[invoice];",
        "EXEC sys.sp_executesql @tideline_sql;", // the old default, whatever its name
        "ALTER TABLE [dbo].[invoice] DROP COLUMN [amount];",
        "EXEC sys.sp_rename N'[dbo].[invoice].[amount_new]', N'amount', N'COLUMN';",
        "ALTER TABLE [dbo].[invoice] ALTER COLUMN [amount] decimal(14,2) NOT NULL;",
        "ALTER TABLE [dbo].[invoice] ADD CONSTRAINT [DF_invoice_amount] DEFAULT (0) FOR [amount];",
        "SET @tideline_comment = N'in euros';",
        "CREATE INDEX [invoice_amount_idx] ON [dbo].[invoice] ([amount]);",
        "ALTER TABLE [dbo].[invoice] WITH NOCHECK ADD CONSTRAINT [amount_positive] CHECK (amount >= 0);",
        "COMMIT;"};
    int at = 0;
    for (const QString &step : order) {
        const int found = sql.indexOf(step, at);
        QVERIFY2(found >= 0, qPrintable(step + "\n---\n" + sql));
        at = found;
    }
    // The re-added check is verified against the rows afterwards, outside the transaction.
    QCOMPARE(s.units.size(), 2);
    QVERIFY(s.units.at(1).sql.contains("name = N'amount_positive' AND is_not_trusted = 1"));
    QVERIFY(s.offline); // NOT NULL and the index are rebuilt under the swap's schema lock
    QVERIFY(s.offlineReason.contains("NOT NULL"));
    QVERIFY(s.offlineReason.contains("invoice_amount_idx is rebuilt"));

}

void TestSqlServerDialect::nullableSwapBuildsItsIndexesBeforehand()
{
    // total is nullable and indexed: the index is built on the shadow online, before the swap,
    // and the swap renames it, so nothing is rebuilt under the swap's lock.
    SchemaOp swap = customerOp(SchemaOp::Type::SwapColumn, "total");
    swap.newName = "total_new";
    const OpScript s = SqlServerDialect().script(swap, customers(), Policy());
    QVERIFY2(!s.offline, qPrintable(s.offlineReason));
    QCOMPARE(s.units.size(), 2);
    QVERIFY(!s.units.at(0).transactional);
    const QRegularExpression prebuilt(R"(CREATE INDEX \[(tideline_swap_[0-9a-f]{12})\] ON \[dbo\]\.\[customer\] \(\[total_new\]\) WITH \(ONLINE = ON\);)");
    const QString name = prebuilt.match(s.units.at(0).sql).captured(1);
    QVERIFY2(!name.isEmpty(), qPrintable(s.units.at(0).sql));
    QVERIFY(s.units.at(0).sql.startsWith("IF COL_LENGTH(N'[dbo].[customer]', N'total_new') IS NOT NULL AND NOT EXISTS"));
    const QString sql = s.units.at(1).sql;
    QVERIFY(sql.indexOf("DROP INDEX [customer_total_idx]") < sql.indexOf("ALTER TABLE [dbo].[customer] DROP COLUMN [total];"));
    QVERIFY(sql.indexOf("EXEC sys.sp_rename N'[dbo].[customer].[total_new]', N'total', N'COLUMN';")
            < sql.indexOf("EXEC sys.sp_rename N'[dbo].[customer].[" + name + "]', N'customer_total_idx', N'INDEX';"));
    QVERIFY(!sql.contains("CREATE INDEX"));
    QVERIFY(!sql.contains("ALTER COLUMN")); // the shadow already has type, collation and NULL
}

void TestSqlServerDialect::identitySwapChangesTheTypeInPlace()
{
    SchemaOp swap;
    Schema before;
    QVERIFY(opOfPlan("sqlserver-carry", SchemaOp::Type::SwapColumn, "legacy", &swap, &before));
    const OpScript s = SqlServerDialect().script(swap, before, Policy());
    QVERIFY(s.offline);
    QVERIFY2(s.offlineReason.contains("IDENTITY cannot be added to an existing column"), qPrintable(s.offlineReason));
    const QString sql = sqlOf(s);
    QVERIFY2(sql.contains("ALTER TABLE [dbo].[legacy] DROP CONSTRAINT [PK_legacy];"), qPrintable(sql));
    QVERIFY(sql.contains("ALTER TABLE [dbo].[legacy] DROP COLUMN [id_new];"));
    QVERIFY(sql.contains("ALTER TABLE [dbo].[legacy] ALTER COLUMN [id] bigint NOT NULL;"));
    QVERIFY(sql.contains("ALTER TABLE [dbo].[legacy] ADD CONSTRAINT [PK_legacy] PRIMARY KEY CLUSTERED ([id]);"));
    QVERIFY(!sql.contains("sp_rename"));
    QVERIFY(!sql.contains("IDENTITY(1,1)")); // ALTER COLUMN keeps the property; it cannot restate it
}

void TestSqlServerDialect::swapRefusesWhatSqlServerCannotDo()
{
    // A key referenced by another table's int column cannot become bigint: SQL Server wants
    // both sides of a foreign key to have one type. Refused before anything runs.
    Schema s = customers();
    Table &customer = s.tables["customer"];
    customer.columns[0].identity = false;
    Column idNew;
    idNew.name = "id_new";
    idNew.type = "bigint";
    customer.columns << idNew;
    Table orders;
    orders.name = "orders";
    orders.primaryKey = {"id"};
    Column id, customerId;
    id.name = "id";
    id.type = "integer";
    customerId.name = "customer_id";
    customerId.type = "integer";
    orders.columns = {id, customerId};
    Constraint fk;
    fk.kind = Constraint::Kind::ForeignKey;
    fk.name = "orders_customer_fkey";
    fk.columns = {"customer_id"};
    fk.refTable = "customer";
    fk.refColumns = {"id"};
    orders.constraints = {fk};
    s.tables.insert("orders", orders);
    SchemaOp swap = customerOp(SchemaOp::Type::SwapColumn, "id");
    swap.newName = "id_new";
    const OpScript script = SqlServerDialect().script(swap, s, Policy());
    QVERIFY(script.offline);
    QVERIFY2(script.offlineReason.contains("orders_customer_fkey would join orders.customer_id (int) to customer.id (bigint)"),
             qPrintable(script.offlineReason));
    QCOMPARE(script.units.size(), 1);
    QVERIFY(!script.units.first().sql.contains("ALTER TABLE"));
    QVERIFY(script.units.first().sql.contains("THROW 50000, @tideline_reason, 1;"));
}

void TestSqlServerDialect::goLinesNeverSplitABatch()
{
    // Issue 10, item 8: a multi-line literal holding a GO line. sqlcmd must still see one batch,
    // and the server must still read the literal's bytes.
    const QString literal = "N'first\nGO\n  go 2\nexit\n:r evil.sql\n'";
    SchemaOp op;
    op.type = SchemaOp::Type::Backfill;
    op.table = "customer";
    op.columnName = "name";
    op.expression = "N'first\nGO\n  go 2\nexit\n'";
    const OpScript s = SqlServerDialect().script(op, customers(), Policy());
    QVERIFY(!s.offline);
    QStringList commands;
    QCOMPARE(sqlcmdBatches(s.units.first().sql, &commands).size(), 1);
    QVERIFY2(commands.isEmpty(), qPrintable(commands.join('\n')));
    QVERIFY2(dynamicSql(s.units.first().sql).value(0).contains("SET [name] = (" + op.expression + ")"),
             qPrintable(s.units.first().sql));

    // ':' and '!!' lines cannot be broken where sqlcmd would not see them: refused, with the reason.
    op.expression = literal;
    const OpScript refused = SqlServerDialect().script(op, customers(), Policy());
    QVERIFY(refused.offline);
    QVERIFY2(refused.offlineReason.contains("backfill on customer.name") && refused.offlineReason.contains(":r evil.sql"),
             qPrintable(refused.offlineReason));
    commands.clear();
    QCOMPARE(sqlcmdBatches(sqlOf(refused), &commands).size(), 1);
    QVERIFY(commands.isEmpty());

    // The whole bundle of the carry fixture: its backfill literal has a GO line and $(…).
    QString error;
    const QList<Bundle> bundles = allBundles("sqlserver-carry", &error);
    QVERIFY2(!bundles.isEmpty(), qPrintable(error));
    const QString backfill = fileText(*bundleOf(bundles, "r1"), "invoice-footer-backfill");
    QVERIFY(!backfill.isEmpty());
    QVERIFY2(dynamicSql(backfill).value(0).contains("SET [footer] = (N'line one\nGO\n    line two $(not_a_variable)')"),
             qPrintable(backfill));
}

void TestSqlServerDialect::sqlcmdCommandsOutsideLiteralsAreRefused()
{
    QString problem;
    QCOMPARE(SqlServerDialect::sqlcmdSafe("SELECT 1 /* a\nGO\n*/", &problem), QString());
    QVERIFY(problem.contains("line 2 (GO)"));
    QCOMPARE(SqlServerDialect::sqlcmdSafe("SELECT 1 AS [a\nquit now]", &problem), QString());
    QVERIFY(problem.contains("quit now"));
    QCOMPARE(SqlServerDialect::sqlcmdSafe("SELECT $(x)", &problem), QString());
    QVERIFY(problem.contains("scripting variable"));
    QCOMPARE(SqlServerDialect::sqlcmdSafe("SELECT 'a\nGO'", &problem), QString("SELECT 'a\nG\\\nO'"));
    QVERIFY(problem.isEmpty());
    QCOMPARE(SqlServerDialect::sqlcmdSafe("SELECT 'x' -- $(y)\nGOTO done", &problem), QString("SELECT 'x' -- $(y)\nGOTO done"));
    QVERIFY(problem.isEmpty());
    QVERIFY(SqlServerDialect::isSqlcmdCommand("  go"));
    QVERIFY(SqlServerDialect::isSqlcmdCommand("GO 5 -- five"));
    QVERIFY(SqlServerDialect::isSqlcmdCommand("exit(SELECT 1)"));
    QVERIFY(SqlServerDialect::isSqlcmdCommand(":setvar x 1"));
    QVERIFY(SqlServerDialect::isSqlcmdCommand("!!rm -rf /"));
    QVERIFY(!SqlServerDialect::isSqlcmdCommand("GOTO done"));
    QVERIFY(!SqlServerDialect::isSqlcmdCommand("    END;"));
}

void TestSqlServerDialect::runNoteTellsHowToRunAFile()
{
    const SqlServerDialect d;
    QVERIFY(d.runNote(true, {}).contains("sqlcmd -b -x -i FILE"));
    QVERIFY(d.runNote(true, {}).contains("running the file again leaves the database as it is"));
    QVERIFY(d.runNote(false, {}).contains("Do not wrap it in a transaction"));
    QString error;
    const QList<Bundle> bundles = allBundles("sql-every-kind-sqlserver", &error);
    QVERIFY2(!bundles.isEmpty(), qPrintable(error));
    const QString backfill = fileText(*bundleOf(bundles, "r1"), "backfill/");
    QVERIFY2(backfill.contains("-- Do not wrap it in a transaction"), qPrintable(backfill));
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

void TestSqlServerDialect::everyFileSplitsIntoBatchesLikeSqlcmd()
{
    // Every file: sqlcmd's batches are the dialect's units (plus the preamble), and no other line
    // is an sqlcmd command or variable.
    int files = 0;
    for (const QString &plan : FixturePlans) {
        QString error;
        const QList<Bundle> bundles = allBundles(plan, &error);
        QVERIFY2(!bundles.isEmpty(), qPrintable(error));
        for (const Bundle &b : bundles) {
            for (const BundleFile &f : b.files) {
                const QString text = QString::fromUtf8(f.content);
                QStringList commands;
                const QStringList batches = sqlcmdBatches(text, &commands);
                QVERIFY2(commands.isEmpty(), qPrintable(plan + "/" + b.release + "/" + f.path + ": " + commands.join(" | ")));
                QCOMPARE(batches.size(), SqlServerDialect().splitStatements(text).size());
                QVERIFY2(text.endsWith("GO\n"), qPrintable(f.path));
                ++files;
            }
        }
    }
    QVERIFY(files > 40);
}

void TestSqlServerDialect::sqlfluffParsesEveryBatch()
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("sqlfluff"));
    if (program.isEmpty())
        QSKIP("sqlfluff is not installed (apt install sqlfluff; ./test.sh installs it)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    int files = 0;
    QSet<QString> seen; // sqlfluff takes about half a second a file: each text once
    auto write = [&](const QString &name, const QString &sql) {
        if (seen.contains(sql))
            return;
        seen.insert(sql);
        const QString path = dir.filePath(name);
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(forSqlfluff(sql).toUtf8());
        ++files;
    };
    for (const QString &plan : FixturePlans) {
        QString error;
        const QList<Bundle> bundles = allBundles(plan, &error);
        QVERIFY2(!bundles.isEmpty(), qPrintable(error));
        for (const Bundle &b : bundles) {
            for (const BundleFile &f : b.files) {
                // Each batch as sqlcmd sends it, as the server reads it (continuations joined),
                // and each statement run through sp_executesql, as a batch of its own.
                QStringList ignored;
                const QStringList batches = sqlcmdBatches(QString::fromUtf8(f.content), &ignored);
                for (int i = 0; i < batches.size(); ++i) {
                    const QString name = plan + "/" + b.release + "/" + f.path + QStringLiteral(".%1").arg(i);
                    write(name + ".sql", joined(batches.at(i)));
                    const QStringList inner = dynamicSql(batches.at(i));
                    for (int j = 0; j < inner.size(); ++j)
                        write(name + QStringLiteral(".dynamic%1.sql").arg(j), inner.at(j));
                }
            }
        }
    }
    QVERIFY(files > 100);
    QProcess fluff;
    fluff.setProcessChannelMode(QProcess::MergedChannels);
    fluff.start(program, {"parse", "--dialect", "tsql", "--nofail", "--format", "yaml", dir.path()});
    QVERIFY(fluff.waitForFinished(600000));
    const QString output = QString::fromUtf8(fluff.readAll());
    QVERIFY2(fluff.exitStatus() == QProcess::NormalExit, qPrintable(output));
    // Unparsable pieces are reported as `unparsable:` segments, whatever the exit code.
    const int bad = output.indexOf("unparsable");
    QVERIFY2(bad < 0, qPrintable(output.mid(qMax(0, bad - 6000), 8000)));
    QVERIFY2(output.contains("tsql") || output.contains("file"), qPrintable(output.left(2000)));
}

QTEST_GUILESS_MAIN(TestSqlServerDialect)
#include "tst_sqlserverdialect.moc"
