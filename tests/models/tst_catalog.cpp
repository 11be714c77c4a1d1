// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testplans.h"

#include <catalog/catalog.h>
#include <engine/compatibility.h>
#include <engine/engine.h>

#include <memory>
#include <tuple>

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
    // The attribute kinds (models/catalog/kinds/attributes.cpp).
    void examplesPassOnEveryEngine_data();
    void examplesPassOnEveryEngine();
    void attributeKindsRefuse_data();
    void attributeKindsRefuse();
    void makeNullableWaitsForTolerantReaders();
    void dropDefaultWaitsForWriters();
    void enumValueOldAndNewVersions();
    void procedureParameterOldAndNewCallers();
    void procedureParameterKeepsSqlServerSpelling();
    void rawSqlLeavesTheSchemaAlone();
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
    QTest::newRow("make_nullable") << "make_nullable" << QStringList{"table", "column"};
    QTest::newRow("set_default") << "set_default" << QStringList{"table", "column", "default"};
    QTest::newRow("drop_default") << "drop_default" << QStringList{"table", "column"};
    QTest::newRow("set_comment") << "set_comment" << QStringList{"table", "column", "comment"};
    QTest::newRow("create_enum") << "create_enum" << QStringList{"name", "values"};
    QTest::newRow("add_enum_value") << "add_enum_value" << QStringList{"enum", "table", "column", "value", "before", "after"};
    QTest::newRow("add_procedure_parameter") << "add_procedure_parameter"
                                             << QStringList{"procedure", "parameter", "type", "default", "definition"};
    QTest::newRow("raw_sql") << "raw_sql" << QStringList{"phase", "sql", "guard", "transactional"};
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
        {"make_nullable", R"j({"table":"customer","column":"score"})j", {"score"}, {}},
        {"set_default", R"j({"table":"customer","column":"email","default":"'nobody@example.org'"})j", {"email"}, {}},
        {"set_default", R"j({"table":"customer","column":"score","default":"42"})j", {"score"}, {}},
        {"drop_default", R"j({"table":"customer","column":"score"})j", {"score"}, {}},
        {"set_comment", R"j({"table":"customer","column":"email","comment":"where we write"})j", {"email"}, {}},
        {"set_comment", R"j({"table":"customer","comment":"one row a customer"})j", {"email"}, {}},
        {"create_enum", R"j({"name":"tier","values":["free","paid"]})j", {"email"}, {}},
        {"raw_sql", R"j({"phase":"backfill","sql":{"postgresql":"UPDATE customer SET email = lower(email);"}})j", {"email"}, {}},
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

/** The table every example starts from (catalog.h, ExampleBuilder). */
Schema exampleSchema()
{
    Schema s;
    Table t = table(QStringLiteral("t"), {identity(), column(QStringLiteral("g_a"), QStringLiteral("varchar(255)"), false),
                                          column(QStringLiteral("g_b"), QStringLiteral("varchar(255)"))});
    s.tables.insert(t.name, t);
    return s;
}

const QStringList AttributeKinds{"make_nullable", "set_default", "drop_default", "set_comment",
                                 "create_enum", "add_enum_value", "add_procedure_parameter", "raw_sql"};

/** Runs @p params of @p kind on a plan of @p dialect; the engine's first error, or "". */
QString runKind(const Schema &schema, const QString &kind, const QJsonObject &params, const QString &dialect,
                std::unique_ptr<Engine> *out = nullptr, bool rollbackSafe = true, int releases = 4)
{
    Plan p = plan(schema, releases, {refactoring(QStringLiteral("x"), kind, QStringLiteral("r1"), params)}, rollbackSafe);
    p.dialect = dialect;
    auto engine = std::make_unique<Engine>(p);
    QList<PlanError> errors;
    const bool ok = engine->run(&errors);
    if (out)
        *out = std::move(engine);
    return ok ? QString() : errors.value(0).field + QStringLiteral(": ") + errors.value(0).message;
}

} // namespace

void TestCatalog::examplesPassOnEveryEngine_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<int>("variant");
    QTest::addColumn<bool>("rollbackSafe");
    for (const KindSpec &k : Catalog::kinds()) {
        for (const QString &d : Plan::dialects()) {
            for (int variant : {0, 1, 2}) {
                for (bool rollbackSafe : {true, false}) {
                    const QByteArray tag = (k.name + QLatin1Char(' ') + d).toUtf8() + " #" + QByteArray::number(variant)
                                           + (rollbackSafe ? " rollback-safe" : " forward-only");
                    QTest::newRow(tag.constData()) << k.name << d << variant << rollbackSafe;
                }
            }
        }
    }
}

void TestCatalog::examplesPassOnEveryEngine()
{
    // Every kind's example decomposes and passes the matrix on every engine, or the engine is
    // one the kind declares unsupported, and then the plan is refused naming the reason.
    QFETCH(QString, kind);
    QFETCH(QString, dialect);
    QFETCH(int, variant);
    QFETCH(bool, rollbackSafe);
    const KindSpec *spec = Catalog::kind(kind);
    QVERIFY(spec && spec->example);
    Schema schema = exampleSchema();
    const QJsonObject params = spec->example(&schema, QStringLiteral("t"), QStringLiteral("g_"), variant, dialect);
    std::unique_ptr<Engine> engine;
    const QString error = runKind(schema, kind, params, dialect, &engine, rollbackSafe);
    if (spec->unsupported.contains(dialect)) {
        QCOMPARE(error, QStringLiteral("refactorings[0].kind: %1 cannot run on this plan's engine: %2")
                            .arg(kind, spec->unsupported.value(dialect)));
        return;
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(engine->compatible(), qPrintable(requiredFailures(*engine).join(QLatin1Char('\n'))));
    QVERIFY2(warnings(*engine).isEmpty(), qPrintable(warnings(*engine).join(QLatin1Char('\n'))));
    for (const PlacedStep &s : engine->steps())
        QVERIFY2(s.release <= engine->releaseCount(), qPrintable(s.step.name));
}

void TestCatalog::attributeKindsRefuse_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const QString pg = QStringLiteral("postgresql"), my = QStringLiteral("mysql");
    QTest::newRow("make_nullable of a key") << "make_nullable" << json(R"j({"table":"customer","column":"id"})j") << pg
                                            << "refactorings[0].params.column" << "part of the primary key";
    QTest::newRow("make_nullable twice") << "make_nullable" << json(R"j({"table":"customer","column":"email"})j") << pg
                                         << "refactorings[0].params.column" << "customer.email is already nullable";
    QTest::newRow("set_default same") << "set_default" << json(R"j({"table":"customer","column":"score","default":"0"})j") << pg
                                      << "refactorings[0].params.default" << "already has DEFAULT 0";
    QTest::newRow("set_default empty") << "set_default" << json(R"j({"table":"customer","column":"score","default":" "})j") << pg
                                       << "refactorings[0].params.default" << "'default' must be a non-empty string";
    QTest::newRow("set_default identity") << "set_default" << json(R"j({"table":"customer","column":"id","default":"1"})j") << pg
                                          << "refactorings[0].params.column" << "customer.id is an identity column";
    QTest::newRow("drop_default none") << "drop_default" << json(R"j({"table":"customer","column":"email"})j") << pg
                                       << "refactorings[0].params.column" << "customer.email has no default";
    QTest::newRow("set_comment same") << "set_comment" << json(R"j({"table":"customer","column":"email","comment":""})j") << pg
                                      << "refactorings[0].params.comment" << "customer.email has no comment to remove";
    QTest::newRow("set_comment missing") << "set_comment" << json(R"j({"table":"customer","column":"email"})j") << pg
                                         << "refactorings[0].params.comment" << "missing parameter 'comment'";
    QTest::newRow("set_comment on sqlite") << "set_comment" << json(R"j({"table":"customer","comment":"x"})j") << "sqlite"
                                           << "refactorings[0].kind" << "SQLite has no comments";
    QTest::newRow("create_enum twice") << "create_enum" << json(R"j({"name":"mood","values":["a"]})j") << pg
                                       << "refactorings[0].params.name" << "enum type mood already exists";
    QTest::newRow("create_enum over a table") << "create_enum" << json(R"j({"name":"customer","values":["a"]})j") << pg
                                              << "refactorings[0].params.name" << "name of a table or view";
    QTest::newRow("create_enum duplicate") << "create_enum" << json(R"j({"name":"tier","values":["a","a"]})j") << pg
                                           << "refactorings[0].params.values" << "names 'a' twice";
    QTest::newRow("create_enum long") << "create_enum" << json(R"j({"name":"tier","values":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]})j")
                                      << pg << "refactorings[0].params.values" << "longer than the 63 bytes";
    QTest::newRow("create_enum on mysql") << "create_enum" << json(R"j({"name":"tier","values":["a"]})j") << my
                                          << "refactorings[0].kind" << "MySQL's ENUM is a column type";
    QTest::newRow("add_enum_value neither") << "add_enum_value" << json(R"j({"value":"x"})j") << pg
                                            << "refactorings[0].params.enum" << "give either 'enum'";
    QTest::newRow("add_enum_value both") << "add_enum_value" << json(R"j({"enum":"mood","table":"customer","column":"state","value":"x"})j") << pg
                                         << "refactorings[0].params.table" << "not both";
    QTest::newRow("add_enum_value half column") << "add_enum_value" << json(R"j({"table":"customer","value":"x"})j") << my
                                                << "refactorings[0].params.column" << "needs both 'table' and 'column'";
    QTest::newRow("add_enum_value present") << "add_enum_value" << json(R"j({"enum":"mood","value":"sad"})j") << pg
                                            << "refactorings[0].params.value" << "enum type mood already has the value 'sad'";
    QTest::newRow("add_enum_value anchor") << "add_enum_value" << json(R"j({"enum":"mood","value":"ok","after":"meh"})j") << pg
                                           << "refactorings[0].params.after" << "'after' names 'meh', which is not a value of enum type mood";
    QTest::newRow("add_enum_value two anchors") << "add_enum_value" << json(R"j({"enum":"mood","value":"ok","after":"sad","before":"happy"})j") << pg
                                                << "refactorings[0].params.after" << "at most one of 'before' and 'after'";
    QTest::newRow("add_enum_value not enum column") << "add_enum_value" << json(R"j({"table":"customer","column":"email","value":"x"})j") << my
                                                    << "refactorings[0].params.column" << "has type varchar(255), not enum";
    QTest::newRow("add_enum_value typed column") << "add_enum_value" << json(R"j({"table":"customer","column":"feeling","value":"x"})j") << pg
                                                 << "refactorings[0].params.column" << "name it with 'enum'";
    QTest::newRow("add_enum_value on sqlserver") << "add_enum_value" << json(R"j({"enum":"mood","value":"x"})j") << "sqlserver"
                                                 << "refactorings[0].kind" << "SQL Server has no enum types";
    QTest::newRow("parameter exists") << "add_procedure_parameter"
                                      << json(R"j({"procedure":"touch","parameter":"p_id","type":"int","default":"0","definition":{"postgresql":"CREATE OR REPLACE PROCEDURE touch(p_id int) LANGUAGE sql AS 'SELECT 1'"}})j")
                                      << pg << "refactorings[0].params.parameter" << "already has a parameter p_id";
    QTest::newRow("parameter without default") << "add_procedure_parameter"
                                               << json(R"j({"procedure":"touch","parameter":"p_note","type":"text","default":"","definition":{"postgresql":"CREATE OR REPLACE PROCEDURE touch(p_id int, p_note text) LANGUAGE sql AS 'SELECT 1'"}})j")
                                               << pg << "refactorings[0].params.default" << "breaks every call that leaves it out";
    QTest::newRow("definition not replacing") << "add_procedure_parameter"
                                              << json(R"j({"procedure":"touch","parameter":"p_note","type":"text","default":"NULL","definition":{"postgresql":"CREATE PROCEDURE touch(p_id int, p_note text DEFAULT NULL) LANGUAGE sql AS 'SELECT 1'"}})j")
                                              << pg << "refactorings[0].params.definition.postgresql" << "must start with CREATE OR REPLACE";
    QTest::newRow("definition without the parameter") << "add_procedure_parameter"
                                                      << json(R"j({"procedure":"touch","parameter":"p_note","type":"text","default":"NULL","definition":{"sqlserver":"CREATE OR ALTER PROCEDURE touch @p_id int AS SELECT 1"}})j")
                                                      << "sqlserver" << "refactorings[0].params.definition.sqlserver" << "with the parameter p_note";
    QTest::newRow("definition missing the engine") << "add_procedure_parameter"
                                                   << json(R"j({"procedure":"touch","parameter":"p_note","type":"text","default":"NULL","definition":{"postgresql":"CREATE OR REPLACE PROCEDURE touch(p_id int, p_note text DEFAULT NULL) LANGUAGE sql AS 'SELECT 1'"}})j")
                                                   << "sqlserver" << "refactorings[0].params.definition" << "'definition' has no SQL for sqlserver";
    QTest::newRow("procedure on mysql") << "add_procedure_parameter"
                                        << json(R"j({"procedure":"touch","parameter":"p_note","type":"text","default":"NULL","definition":{"mysql":"CREATE PROCEDURE touch(p_id int, p_note text) SELECT 1"}})j")
                                        << my << "refactorings[0].kind" << "MySQL procedure parameters have no defaults";
    QTest::newRow("raw_sql without the engine") << "raw_sql" << json(R"j({"sql":{"postgresql":"SELECT 1;"}})j") << my
                                                << "refactorings[0].params.sql" << "'sql' has no SQL for mysql, the plan's engine (it has: postgresql)";
    QTest::newRow("raw_sql unknown engine") << "raw_sql" << json(R"j({"sql":{"postgresql":"SELECT 1;","oracle":"SELECT 1 FROM dual;"}})j") << pg
                                            << "refactorings[0].params.sql.oracle" << "unknown engine 'oracle'";
    QTest::newRow("raw_sql phase") << "raw_sql" << json(R"j({"phase":"app","sql":{"postgresql":"SELECT 1;"}})j") << pg
                                   << "refactorings[0].params.phase" << "must be one of offline, pre, backfill, post";
    QTest::newRow("raw_sql empty") << "raw_sql" << json(R"j({"sql":{"postgresql":"  "}})j") << pg
                                   << "refactorings[0].params.sql.postgresql" << "the SQL for postgresql is empty";
}

namespace {

/** customerSchema() with what the enum and procedure kinds need. */
Schema attributeSchema()
{
    Schema s = customerSchema();
    EnumType mood;
    mood.name = QStringLiteral("mood");
    mood.values = {QStringLiteral("happy"), QStringLiteral("sad")};
    s.enums.insert(mood.name, mood);
    Table &t = s.tables[QStringLiteral("customer")];
    t.columns.append(column(QStringLiteral("feeling"), QStringLiteral("mood")));
    t.columns.append(column(QStringLiteral("state"), QStringLiteral("enum('new','done')"), false, QStringLiteral("'new'")));
    Procedure touch;
    touch.name = QStringLiteral("touch");
    Parameter id;
    id.name = QStringLiteral("p_id");
    id.type = QStringLiteral("integer");
    touch.parameters = {id};
    s.procedures.insert(touch.name, touch);
    return s;
}

} // namespace

void TestCatalog::attributeKindsRefuse()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, params);
    QFETCH(QString, dialect);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const QString error = runKind(attributeSchema(), kind, params, dialect);
    QVERIFY2(error.startsWith(field + QStringLiteral(": ")), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestCatalog::makeNullableWaitsForTolerantReaders()
{
    for (bool rollbackSafe : {true, false}) {
        std::unique_ptr<Engine> engine;
        const QString error = runKind(customerSchema(), QStringLiteral("make_nullable"),
                                      json(R"j({"table":"customer","column":"first_name"})j"), QStringLiteral("postgresql"),
                                      &engine, rollbackSafe);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(engine->compatible());
        const auto nullable = [&](int k, Phase phase) {
            return engine->state(k, phase)->schema.table(QStringLiteral("customer"))->column(QStringLiteral("first_name"))->nullable;
        };
        // A_0 reads the column as always filled: it never meets a schema that allows NULL.
        QVERIFY(!nullable(1, Phase::Pre));
        QVERIFY(!nullable(1, Phase::Post));
        QVERIFY(nullable(2, Phase::Pre));
        QCOMPARE(engine->steps().at(1).step.ops.first().type, SchemaOp::Type::DropNotNull);
        // A_2 may write NULL: it no longer honours NOT NULL; A_1 still does.
        const auto honours = [&](int app) {
            return engine->apps().at(app).usage.tables.value(QStringLiteral("customer")).honours.contains(notNullKey(QStringLiteral("first_name")));
        };
        QVERIFY(honours(0));
        QVERIFY(honours(1));
        QVERIFY(!honours(2));
    }
}

void TestCatalog::dropDefaultWaitsForWriters()
{
    // A version that leaves a NOT NULL column to its default breaks once the default goes...
    Plan trap = plan(customerSchema(), 2, {refactoring(QStringLiteral("x"), QStringLiteral("drop_default"), QStringLiteral("r1"),
                                                       json(R"j({"table":"customer","column":"score"})j"))});
    UsageEdit relies;
    relies.release = QStringLiteral("r1");
    relies.table = QStringLiteral("customer");
    relies.inserts.remove = {QStringLiteral("score")};
    trap.usage = {relies};
    Engine broken(trap);
    QList<PlanError> errors;
    QVERIFY(broken.run(&errors));
    QVERIFY(!broken.compatible());
    QVERIFY2(requiredFailures(broken).join(QLatin1Char('\n')).contains(QStringLiteral("without score")),
             qPrintable(requiredFailures(broken).join(QLatin1Char('\n'))));
    // ...so the kind makes the new version write it, and drops the default a release later,
    // when A_0 (which writes every column) is gone or, rollback-safe, still writes it.
    for (bool rollbackSafe : {true, false}) {
        std::unique_ptr<Engine> engine;
        QVERIFY(runKind(customerSchema(), QStringLiteral("drop_default"), json(R"j({"table":"customer","column":"score"})j"),
                        QStringLiteral("mysql"), &engine, rollbackSafe).isEmpty());
        QVERIFY(engine->compatible());
        QVERIFY(engine->state(1, Phase::Post)->schema.table(QStringLiteral("customer"))->column(QStringLiteral("score"))->hasDefault());
        QVERIFY(!engine->state(2, Phase::Pre)->schema.table(QStringLiteral("customer"))->column(QStringLiteral("score"))->hasDefault());
        QVERIFY(engine->apps().at(1).usage.tables.value(QStringLiteral("customer")).inserts.contains(QStringLiteral("score")));
    }
}

void TestCatalog::enumValueOldAndNewVersions()
{
    for (bool rollbackSafe : {true, false}) {
        // MySQL's column form: the column's type grows; A_0 writes the old members, which the
        // new type holds, and A_1 may write the new one.
        std::unique_ptr<Engine> engine;
        QString error = runKind(attributeSchema(), QStringLiteral("add_enum_value"),
                                json(R"j({"table":"customer","column":"state","value":"late"})j"), QStringLiteral("mysql"),
                                &engine, rollbackSafe);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(engine->compatible(), qPrintable(requiredFailures(*engine).join(QLatin1Char('\n'))));
        QCOMPARE(engine->state(1, Phase::Pre)->schema.table(QStringLiteral("customer"))->column(QStringLiteral("state"))->type,
                 QStringLiteral("enum('new','done','late')"));
        QCOMPARE(engine->apps().at(1).usage.tables.value(QStringLiteral("customer")).writeTypes.value(QStringLiteral("state")),
                 QStringList{QStringLiteral("enum('new','done','late')")});
        // PostgreSQL's named type: the value goes where 'before' says.
        error = runKind(attributeSchema(), QStringLiteral("add_enum_value"),
                        json(R"j({"enum":"mood","value":"calm","before":"sad"})j"), QStringLiteral("postgresql"), &engine, rollbackSafe);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(engine->compatible());
        QCOMPARE(engine->state(1, Phase::Pre)->schema.enums.value(QStringLiteral("mood")).values,
                 (QStringList{QStringLiteral("happy"), QStringLiteral("calm"), QStringLiteral("sad")}));
    }
    // An enum column holds the values of an enum with fewer members, not of one with others.
    QVERIFY(Compatibility::typeCanHold(QStringLiteral("enum('a','b','c')"), QStringLiteral("enum('a','b')")));
    QVERIFY(!Compatibility::typeCanHold(QStringLiteral("enum('a','b')"), QStringLiteral("enum('a','c')")));
    QStringList members;
    QVERIFY(Compatibility::enumMembers(QStringLiteral("ENUM('it''s', 'a\\'b' ,'c,d')"), &members));
    QCOMPARE(members, (QStringList{QStringLiteral("it's"), QStringLiteral("a'b"), QStringLiteral("c,d")}));
    QCOMPARE(Compatibility::enumColumnType(members), QStringLiteral("enum('it''s','a''b','c,d')"));
    QVERIFY(!Compatibility::enumMembers(QStringLiteral("enum('a'"), &members));
}

void TestCatalog::procedureParameterOldAndNewCallers()
{
    const QJsonObject params = json(R"j({"procedure":"touch","parameter":"p_note","type":"text","default":"NULL",
        "definition":{"postgresql":"CREATE OR REPLACE PROCEDURE touch(p_id integer, p_note text DEFAULT NULL) LANGUAGE sql AS 'SELECT 1'",
                      "sqlserver":"CREATE OR ALTER PROCEDURE touch @p_id integer, @p_note text = NULL AS SELECT 1"}})j");
    for (const QString &dialect : {QStringLiteral("postgresql"), QStringLiteral("sqlserver")}) {
        for (bool rollbackSafe : {true, false}) {
            std::unique_ptr<Engine> engine;
            const QString error = runKind(attributeSchema(), QStringLiteral("add_procedure_parameter"), params, dialect, &engine, rollbackSafe);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY2(engine->compatible(), qPrintable(requiredFailures(*engine).join(QLatin1Char('\n'))));
            // A_0 leaves the parameter out, A_1 passes it; P_1 has it with its default.
            QCOMPARE(engine->apps().at(0).usage.calls.value(QStringLiteral("touch")), QSet<QString>{QStringLiteral("p_id")});
            QCOMPARE(engine->apps().at(1).usage.calls.value(QStringLiteral("touch")),
                     (QSet<QString>{QStringLiteral("p_id"), QStringLiteral("p_note")}));
            const Procedure &p = engine->state(1, Phase::Pre)->schema.procedures[QStringLiteral("touch")];
            QVERIFY(p.parameter(QStringLiteral("p_note")) && p.parameter(QStringLiteral("p_note"))->hasDefault());
            // A_1 on the baseline would pass a parameter S_0 lacks: the expand must come first.
            QVERIFY(!Compatibility::checkProcedure(QStringLiteral("touch"), engine->apps().at(1).usage.calls.value(QStringLiteral("touch")),
                                                   engine->states().first().schema).isEmpty());
        }
    }
}

void TestCatalog::procedureParameterKeepsSqlServerSpelling()
{
    // A procedure read from SQL Server names its parameters with '@': the new one is too.
    Schema schema = attributeSchema();
    schema.procedures[QStringLiteral("touch")].parameters.first().name = QStringLiteral("@p_id");
    std::unique_ptr<Engine> engine;
    const QString error = runKind(schema, QStringLiteral("add_procedure_parameter"),
                                  json(R"j({"procedure":"touch","parameter":"p_note","type":"text","default":"NULL",
        "definition":{"sqlserver":"CREATE OR ALTER PROCEDURE touch @p_id integer, @p_note text = NULL AS SELECT 1"}})j"),
                                  QStringLiteral("sqlserver"), &engine);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(engine->compatible());
    QVERIFY(engine->state(1, Phase::Pre)->schema.procedures[QStringLiteral("touch")].parameter(QStringLiteral("@p_note")));
    QCOMPARE(engine->apps().at(1).usage.calls.value(QStringLiteral("touch")),
             (QSet<QString>{QStringLiteral("@p_id"), QStringLiteral("@p_note")}));
    QVERIFY(runKind(schema, QStringLiteral("add_procedure_parameter"),
                    json(R"j({"procedure":"touch","parameter":"p_id","type":"int","default":"0",
        "definition":{"sqlserver":"CREATE OR ALTER PROCEDURE touch @p_id int = 0 AS SELECT 1"}})j"),
                    QStringLiteral("sqlserver"))
                .contains(QStringLiteral("already has a parameter p_id")));
}

void TestCatalog::rawSqlLeavesTheSchemaAlone()
{
    for (const auto &[phase, step, category] : {std::tuple{"offline", "offline", Phase::Offline},
                                                std::tuple{"pre", "expand", Phase::Pre},
                                                std::tuple{"backfill", "backfill", Phase::Backfill},
                                                std::tuple{"post", "post", Phase::Post}}) {
        QJsonObject params = json(R"j({"sql":{"sqlite":"UPDATE customer SET email = lower(email);"},
                                       "guard":{"sqlite":"SELECT 1 WHERE 0"},"transactional":false})j");
        params.insert(QStringLiteral("phase"), QString::fromLatin1(phase));
        std::unique_ptr<Engine> engine;
        const QString error = runKind(customerSchema(), QStringLiteral("raw_sql"), params, QStringLiteral("sqlite"), &engine);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(engine->steps().size(), 1);
        QCOMPARE(engine->steps().first().step.name, QString::fromLatin1(step));
        QCOMPARE(engine->steps().first().step.phase, category);
        const SchemaOp &op = engine->steps().first().step.ops.first();
        QCOMPARE(op.type, SchemaOp::Type::RawSql);
        QVERIFY(!op.transactional);
        QCOMPARE(op.dialectGuard.value(QStringLiteral("sqlite")), QStringLiteral("SELECT 1 WHERE 0"));
        QVERIFY(engine->states().last().schema == engine->states().first().schema);
    }
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
