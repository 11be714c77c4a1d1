// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testplans.h"

#include <catalog/catalog.h>
#include <engine/engine.h>

#include <QTest>

using namespace Tideline;
using namespace Tideline::TestPlans;

/** The catalog: parameter names, step names, and default schedules that pass. */
class TestCatalog : public QObject
{
    Q_OBJECT

private slots:
    void parameterNames_data();
    void parameterNames();
    void defaultSchedulePasses_data();
    void defaultSchedulePasses();
    void stepNaming();
    void addNotNullWithoutDefaultNeedsBackfill();
    void addNotNullWithoutDefaultConstrainsOneReleaseLater();
    void stoppedWriterOfNotNullColumnNeedsRelax();
    void unknownParameterRefused();
    void unknownObjectsRefused_data();
    void unknownObjectsRefused();
    void tableOptionsRefused_data();
    void tableOptionsRefused();
    void tableOptionsState();
};

void TestCatalog::parameterNames_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("params");
    // Exactly the names the issue fixes: users' files depend on them.
    QTest::newRow("add_column") << "add_column" << QStringList{"table", "column", "type", "nullable", "default", "backfill"};
    QTest::newRow("drop_column") << "drop_column" << QStringList{"table", "column"};
    QTest::newRow("rename_column") << "rename_column" << QStringList{"table", "column", "to"};
    QTest::newRow("merge_columns") << "merge_columns" << QStringList{"table", "columns", "into", "type", "expression"};
    QTest::newRow("split_column") << "split_column" << QStringList{"table", "column", "into"};
    QTest::newRow("move_columns") << "move_columns" << QStringList{"table", "columns", "toTable", "rename", "key"};
    QTest::newRow("change_type") << "change_type" << QStringList{"table", "column", "type", "expression", "default"};
    QTest::newRow("set_not_null") << "set_not_null" << QStringList{"table", "column", "backfill"};
}

void TestCatalog::parameterNames()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, params);
    const KindSpec *spec = Catalog::kind(kind);
    QVERIFY(spec);
    QStringList names;
    for (const ParamSpec &p : spec->params)
        names << p.name;
    QCOMPARE(names, params);
}

namespace {

struct KindCase
{
    const char *kind;
    const char *params;
    // What the last state must look like: columns that exist, and columns that are gone.
    QStringList present;
    QStringList absent;
};

QList<KindCase> kindCases()
{
    return {
        {"add_column", R"j({"table":"customer","column":"nickname","type":"text"})j", {"nickname"}, {}},
        {"add_column", R"j({"table":"customer","column":"tier","type":"integer","nullable":false,"default":"1"})j", {"tier"}, {}},
        {"add_column", R"j({"table":"customer","column":"code","type":"varchar(10)","nullable":false,"backfill":"'none'"})j", {"code"}, {}},
        {"drop_column", R"j({"table":"customer","column":"email"})j", {}, {"email"}},
        {"drop_column", R"j({"table":"customer","column":"first_name"})j", {}, {"first_name"}},
        {"rename_column", R"j({"table":"customer","column":"first_name","to":"given_name"})j", {"given_name"}, {"first_name"}},
        {"merge_columns", R"j({"table":"customer","columns":["first_name","last_name"],"into":"full_name","type":"varchar(256)","expression":"first_name || ' ' || last_name"})j", {"full_name"}, {"first_name", "last_name"}},
        {"split_column", R"j({"table":"customer","column":"name","into":[{"name":"given","type":"text","expression":"split_part(name, ' ', 1)"},{"name":"family","type":"text","expression":"split_part(name, ' ', 2)"}]})j", {"given", "family"}, {"name"}},
        {"move_columns", R"j({"table":"customer","columns":["author_name","author_email"],"toTable":"authors","rename":{"author_name":"name"},"key":"author_id"})j", {"author_id"}, {"author_name", "author_email"}},
        {"change_type", R"j({"table":"customer","column":"score","type":"bigint","expression":"score::bigint"})j", {"score"}, {"score_new"}},
        {"change_type", R"j({"table":"customer","column":"email","type":"varchar(100)","expression":"left(email, 100)"})j", {"email"}, {"email_new"}},
        {"set_not_null", R"j({"table":"customer","column":"email","backfill":"''"})j", {"email"}, {}},
    };
}

} // namespace

void TestCatalog::defaultSchedulePasses_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<bool>("namesNotNull");
    QTest::addColumn<bool>("rollbackSafe");
    QTest::addColumn<int>("startRelease");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");
    int i = 0;
    for (const KindCase &c : kindCases()) {
        ++i;
        for (bool namesNotNull : {true, false}) {
            for (bool rollbackSafe : {true, false}) {
                // Start in the first release and in a later one, so A_{k-1} is not always A_0.
                for (int start : {1, 3}) {
                    const QByteArray tag = QByteArray(c.kind) + '#' + QByteArray::number(i)
                                           + (namesNotNull ? " not-null-names" : " nullable-names")
                                           + (rollbackSafe ? " rollback-safe" : " forward-only")
                                           + " start r" + QByteArray::number(start);
                    QTest::newRow(tag.constData())
                        << QString::fromLatin1(c.kind) << json(c.params) << namesNotNull << rollbackSafe
                        << start << c.present << c.absent;
                }
            }
        }
    }
}

void TestCatalog::defaultSchedulePasses()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, params);
    QFETCH(bool, namesNotNull);
    QFETCH(bool, rollbackSafe);
    QFETCH(int, startRelease);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);

    // Enough releases after the start for every default step to land inside the plan.
    const Plan p = plan(customerSchema(namesNotNull), startRelease + 4,
                        {refactoring(QStringLiteral("x"), kind, QStringLiteral("r%1").arg(startRelease), params)},
                        rollbackSafe);
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    for (const PlacedStep &s : engine.steps())
        QVERIFY2(s.release <= engine.releaseCount(), qPrintable(s.step.name));
    QVERIFY2(engine.compatible(), qPrintable(requiredFailures(engine).join(QLatin1Char('\n'))));
    // A narrowing change_type converts with the plan's own expression (left(email, 100)): compat
    // says it cannot prove every value converts, and leaves it to verify. Nothing else warns.
    QStringList otherWarnings = warnings(engine);
    const bool narrowing = kind == QLatin1String("change_type") && params.value(QStringLiteral("type")).toString() == QLatin1String("varchar(100)");
    const qsizetype unproven = otherWarnings.removeIf([](const QString &w) {
        return w.contains(QStringLiteral("only the database can tell whether every such value converts"));
    });
    QCOMPARE(unproven > 0, narrowing);
    QVERIFY2(otherWarnings.isEmpty(), qPrintable(otherWarnings.join(QLatin1Char('\n'))));

    const Table *last = engine.states().last().schema.table(QStringLiteral("customer"));
    QVERIFY(last);
    for (const QString &c : present)
        QVERIFY2(last->column(c), qPrintable(c));
    for (const QString &c : absent)
        QVERIFY2(!last->column(c), qPrintable(c));
}

void TestCatalog::stepNaming()
{
    for (const KindSpec &kind : Catalog::kinds()) {
        QList<const StepSpec *> dbSteps;
        for (const StepSpec &s : kind.steps) {
            if (s.phase != Phase::App)
                dbSteps << &s;
            QVERIFY2(!s.description.isEmpty(), qPrintable(kind.name + QLatin1Char('.') + s.name));
            for (const QString &d : s.dependsOn)
                QVERIFY2(kind.step(d), qPrintable(kind.name + QStringLiteral(": unknown dependency ") + d));
        }
        QVERIFY(!dbSteps.isEmpty());
        const bool hasExpand = kind.step(QStringLiteral("expand"));
        const bool hasContract = kind.step(QStringLiteral("contract"));
        if (hasExpand)
            QCOMPARE(dbSteps.first()->name, QStringLiteral("expand"));
        if (hasContract)
            QCOMPARE(dbSteps.last()->name, QStringLiteral("contract"));
        QVERIFY2(hasExpand || hasContract, qPrintable(kind.name));
    }
}

void TestCatalog::addNotNullWithoutDefaultNeedsBackfill()
{
    const Plan p = plan(customerSchema(), 3,
                        {refactoring(QStringLiteral("x"), QStringLiteral("add_column"), QStringLiteral("r1"),
                                     json(R"j({"table":"customer","column":"code","type":"text","nullable":false})j"))});
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY(!engine.run(&errors));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().field, QStringLiteral("refactorings[0].params.backfill"));
    QVERIFY(errors.first().message.contains(QStringLiteral("needs 'backfill'")));
}

void TestCatalog::addNotNullWithoutDefaultConstrainsOneReleaseLater()
{
    const Plan p = plan(customerSchema(), 3,
                        {refactoring(QStringLiteral("x"), QStringLiteral("add_column"), QStringLiteral("r1"),
                                     json(R"j({"table":"customer","column":"code","type":"text","nullable":false,"backfill":"'-'"})j"))});
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    QVERIFY(engine.compatible());
    // Nullable while A_0 still inserts without it; NOT NULL from r2's pre scripts on.
    QVERIFY(engine.state(1, Phase::Pre)->schema.table(QStringLiteral("customer"))->column(QStringLiteral("code"))->nullable);
    QVERIFY(engine.state(1, Phase::Post)->schema.table(QStringLiteral("customer"))->column(QStringLiteral("code"))->nullable);
    QVERIFY(!engine.state(2, Phase::Pre)->schema.table(QStringLiteral("customer"))->column(QStringLiteral("code"))->nullable);
    // Moving the constraint into r1 would put it before the backfill and the app that writes it.
    Plan moved = p;
    moved.refactorings[0].moves.insert(QStringLiteral("contract"), QStringLiteral("r1"));
    Engine refused(moved);
    errors.clear();
    QVERIFY(!refused.run(&errors));
    QCOMPARE(errors.first().field, QStringLiteral("refactorings[0].moves.contract"));
    QVERIFY(errors.first().message.contains(QStringLiteral("depends on")));
}

void TestCatalog::stoppedWriterOfNotNullColumnNeedsRelax()
{
    // The trap: a version that stops writing a NOT NULL column breaks its own inserts...
    Plan trap = plan(customerSchema(), 2, {});
    UsageEdit stop;
    stop.release = QStringLiteral("r1");
    stop.table = QStringLiteral("customer");
    stop.inserts.remove = {QStringLiteral("first_name")};
    trap.usage = {stop};
    Engine broken(trap);
    QList<PlanError> errors;
    QVERIFY(broken.run(&errors));
    QVERIFY(!broken.compatible());
    QVERIFY(requiredFailures(broken).join(QLatin1Char('\n')).contains(QStringLiteral("without first_name, which is NOT NULL")));

    // ...so drop_column relaxes the column before the app stops writing it.
    const Plan p = plan(customerSchema(), 3,
                        {refactoring(QStringLiteral("x"), QStringLiteral("drop_column"), QStringLiteral("r1"),
                                     json(R"j({"table":"customer","column":"first_name"})j"))});
    Engine engine(p);
    QVERIFY(engine.run(&errors));
    QVERIFY(engine.compatible());
    QCOMPARE(engine.steps().first().step.name, QStringLiteral("expand"));
    QCOMPARE(engine.steps().first().step.ops.first().type, SchemaOp::Type::DropNotNull);
    QVERIFY(engine.state(1, Phase::Pre)->schema.table(QStringLiteral("customer"))->column(QStringLiteral("first_name"))->nullable);

    // A nullable column needs no relax step.
    const Plan nullable = plan(customerSchema(false), 3,
                               {refactoring(QStringLiteral("x"), QStringLiteral("drop_column"), QStringLiteral("r1"),
                                            json(R"j({"table":"customer","column":"first_name"})j"))});
    Engine plain(nullable);
    QVERIFY(plain.run(&errors));
    QCOMPARE(plain.steps().first().step.name, QStringLiteral("stop_using"));
}

void TestCatalog::unknownParameterRefused()
{
    const Plan p = plan(customerSchema(), 3,
                        {refactoring(QStringLiteral("x"), QStringLiteral("drop_column"), QStringLiteral("r1"),
                                     json(R"j({"table":"customer","colum":"email"})j"))});
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY(!engine.run(&errors));
    QCOMPARE(errors.first().field, QStringLiteral("refactorings[0].params.colum"));
    QVERIFY(errors.first().message.contains(QStringLiteral("unknown parameter 'colum'")));
}

void TestCatalog::unknownObjectsRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown table") << "drop_column" << json(R"j({"table":"custmer","column":"email"})j")
                                   << "refactorings[0].params.table" << "unknown table 'custmer'";
    QTest::newRow("unknown column") << "rename_column" << json(R"j({"table":"customer","column":"emial","to":"mail"})j")
                                    << "refactorings[0].params.column" << "unknown column 'emial'";
    QTest::newRow("existing column") << "add_column" << json(R"j({"table":"customer","column":"email","type":"text"})j")
                                     << "refactorings[0].params.column" << "already exists";
    QTest::newRow("missing parameter") << "merge_columns" << json(R"j({"table":"customer","columns":["first_name","last_name"],"type":"text","expression":"x"})j")
                                       << "refactorings[0].params.into" << "missing parameter 'into'";
    QTest::newRow("primary key") << "drop_column" << json(R"j({"table":"customer","column":"id"})j")
                                 << "refactorings[0].params.column" << "primary key";
    QTest::newRow("same type") << "change_type" << json(R"j({"table":"customer","column":"score","type":"INT4"})j")
                               << "refactorings[0].params.type" << "already has type";
    QTest::newRow("existing target table") << "move_columns" << json(R"j({"table":"customer","columns":["email"],"toTable":"customer","key":"k"})j")
                                           << "refactorings[0].params.toTable" << "already exists";
    QTest::newRow("already not null") << "set_not_null" << json(R"j({"table":"customer","column":"first_name"})j")
                                      << "refactorings[0].params.column" << "already NOT NULL";
}

void TestCatalog::unknownObjectsRefused()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, params);
    QFETCH(QString, field);
    QFETCH(QString, message);
    Engine engine(plan(customerSchema(), 4, {refactoring(QStringLiteral("x"), kind, QStringLiteral("r1"), params)}));
    QList<PlanError> errors;
    QVERIFY(!engine.run(&errors));
    QCOMPARE(errors.first().field, field);
    QVERIFY2(errors.first().message.contains(message), qPrintable(errors.first().message));
}

namespace {

/** A MySQL plan over a latin1 table: notes (title varchar, body text, code ascii). */
Plan latin1Plan(const QJsonObject &params, const QString &dialect = QStringLiteral("mysql"))
{
    Schema schema;
    Table notes = table(QStringLiteral("notes"),
                        {identity(), column(QStringLiteral("title"), QStringLiteral("varchar(100)"), false),
                         column(QStringLiteral("body"), QStringLiteral("text")),
                         column(QStringLiteral("code"), QStringLiteral("varchar(10)"), false),
                         column(QStringLiteral("n"), QStringLiteral("int"))});
    notes.charset = QStringLiteral("latin1");
    notes.columns[3].charset = QStringLiteral("ascii");
    schema.tables.insert(notes.name, notes);
    Plan p = plan(schema, 2, {refactoring(QStringLiteral("x"), QStringLiteral("set_table_options"), QStringLiteral("r1"), params)});
    p.dialect = dialect;
    return p;
}

} // namespace

void TestCatalog::tableOptionsRefused_data()
{
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("nothing to set") << json(R"j({"table":"notes"})j") << "mysql" << "refactorings[0].params"
                                    << "needs 'engine', 'charset' or both";
    QTest::newRow("a word that is SQL") << json(R"j({"table":"notes","engine":"InnoDB; DROP TABLE x"})j") << "mysql"
                                        << "refactorings[0].params.engine" << "letters, digits and _";
    QTest::newRow("collation alone") << json(R"j({"table":"notes","collation":"utf8mb4_bin"})j") << "mysql"
                                     << "refactorings[0].params.collation" << "give 'charset' too";
    QTest::newRow("collation of another set") << json(R"j({"table":"notes","charset":"utf8mb4","collation":"latin1_bin"})j")
                                              << "mysql" << "refactorings[0].params.collation" << "is not one of";
    QTest::newRow("narrowing conversion") << json(R"j({"table":"notes","charset":"ascii","convert":true})j") << "mysql"
                                          << "refactorings[0].params.charset" << "can lose characters";
    QTest::newRow("PostgreSQL plan") << json(R"j({"table":"notes","charset":"utf8mb4"})j") << "postgresql"
                                     << "refactorings[0].kind" << "PostgreSQL has no storage engines";
    QTest::newRow("SQLite plan") << json(R"j({"table":"notes","charset":"utf8mb4"})j") << "sqlite"
                                 << "refactorings[0].kind" << "SQLite has no storage engines";
}

void TestCatalog::tableOptionsRefused()
{
    QFETCH(QJsonObject, params);
    QFETCH(QString, dialect);
    QFETCH(QString, field);
    QFETCH(QString, message);
    Engine engine(latin1Plan(params, dialect));
    QList<PlanError> errors;
    QVERIFY(!engine.run(&errors));
    QCOMPARE(errors.first().field, field);
    QVERIFY2(errors.first().message.contains(message), qPrintable(errors.first().message));
}

void TestCatalog::tableOptionsState()
{
    // CONVERT: every text column follows the table (the ascii one too); TEXT grows to MEDIUMTEXT
    // because 65,535 latin1 characters do not fit a utf8mb4 TEXT (MySQL does the same).
    {
        Engine engine(latin1Plan(json(R"j({"table":"notes","charset":"utf8mb4","collation":"utf8mb4_unicode_ci","convert":true})j")));
        QList<PlanError> errors;
        QVERIFY2(engine.run(&errors), qPrintable(errors.isEmpty() ? QString() : errors.first().message));
        const Table *t = engine.state(1, Phase::Post)->schema.table(QStringLiteral("notes"));
        QCOMPARE(t->charset, QString());
        QCOMPARE(t->collation, QStringLiteral("utf8mb4_unicode_ci"));
        QCOMPARE(t->column(QStringLiteral("body"))->type, QStringLiteral("mediumtext"));
        QCOMPARE(t->column(QStringLiteral("title"))->type, QStringLiteral("varchar(100)"));
        QCOMPARE(t->column(QStringLiteral("code"))->charset, QString());
        QCOMPARE(t->column(QStringLiteral("n"))->charset, QString());
        QVERIFY2(engine.compatible(), qPrintable(requiredFailures(engine).join(QLatin1Char('\n'))));
    }
    // A new default only: the columns keep latin1 (and ascii), now named on each column.
    {
        Engine engine(latin1Plan(json(R"j({"table":"notes","charset":"utf8mb4"})j")));
        QList<PlanError> errors;
        QVERIFY(engine.run(&errors));
        const Table *t = engine.state(1, Phase::Post)->schema.table(QStringLiteral("notes"));
        QCOMPARE(t->charset, QString());
        QCOMPARE(t->column(QStringLiteral("body"))->type, QStringLiteral("text"));
        QCOMPARE(t->column(QStringLiteral("title"))->charset, QStringLiteral("latin1"));
        QCOMPARE(t->column(QStringLiteral("code"))->charset, QStringLiteral("ascii"));
        QCOMPARE(t->column(QStringLiteral("n"))->charset, QString());
    }
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
