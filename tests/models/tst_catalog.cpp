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
    void tableOptionsRefused_data();
    void tableOptionsRefused();
    void tableOptionsState();
    void keyKindsPass_data();
    void keyKindsPass();
    void keyKindsRefuse_data();
    void keyKindsRefuse();
    void keyKindsRefuseOnEngine_data();
    void keyKindsRefuseOnEngine();
    void constraintWaitsForEveryVersionToHonourIt();
    void dropWaitsForEveryVersionToStopRelying();
    void renamedConstraintStaysHonoured();
    void renamedConstraintHonouredVersionByVersion();
    void primaryKeyOnNullableColumn();
    void everyKindExampleDecomposesOnEveryEngine();
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
    void tableKindsPass_data();
    void tableKindsPass();
    void tableKindExamplesPassEveryDialect_data();
    void tableKindExamplesPassEveryDialect();
    void createTableBuildsKeysAndUsage();
    void dropTableWaitsForItsLastUser();
    void dropTableDropsReferencingKeysOnlyWhenAsked();
    void renameTableLeavesWritableView();
    void writesThroughViewMeetTheTablesRules();
    void replaceViewKeepsOrDropsColumns();
    void viewColumnsReadFromSelect_data();
    void viewColumnsReadFromSelect();
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
    QTest::newRow("add_index") << "add_index" << QStringList{"table", "name", "columns", "expressions", "unique", "where", "include", "method", "lengths"};
    QTest::newRow("drop_index") << "drop_index" << QStringList{"table", "index"};
    QTest::newRow("rename_index") << "rename_index" << QStringList{"table", "index", "to"};
    QTest::newRow("add_unique") << "add_unique" << QStringList{"table", "columns", "name"};
    QTest::newRow("add_check") << "add_check" << QStringList{"table", "name", "expression"};
    QTest::newRow("add_foreign_key") << "add_foreign_key" << QStringList{"table", "columns", "refTable", "refColumns", "onDelete", "onUpdate", "name"};
    QTest::newRow("add_primary_key") << "add_primary_key" << QStringList{"table", "columns", "name", "replace"};
    QTest::newRow("drop_constraint") << "drop_constraint" << QStringList{"table", "constraint"};
    QTest::newRow("rename_constraint") << "rename_constraint" << QStringList{"table", "constraint", "to"};
    QTest::newRow("make_nullable") << "make_nullable" << QStringList{"table", "column"};
    QTest::newRow("set_default") << "set_default" << QStringList{"table", "column", "default"};
    QTest::newRow("drop_default") << "drop_default" << QStringList{"table", "column"};
    QTest::newRow("set_comment") << "set_comment" << QStringList{"table", "column", "comment"};
    QTest::newRow("create_enum") << "create_enum" << QStringList{"name", "values"};
    QTest::newRow("add_enum_value") << "add_enum_value" << QStringList{"enum", "table", "column", "value", "before", "after"};
    QTest::newRow("add_procedure_parameter") << "add_procedure_parameter"
                                             << QStringList{"procedure", "parameter", "type", "default", "definition"};
    QTest::newRow("raw_sql") << "raw_sql" << QStringList{"phase", "sql", "guard", "transactional"};
    QTest::newRow("create_table") << "create_table" << QStringList{"table", "columns", "primaryKey"};
    QTest::newRow("drop_table") << "drop_table" << QStringList{"table", "dropReferencingKeys"};
    QTest::newRow("rename_table") << "rename_table" << QStringList{"table", "to"};
    QTest::newRow("create_view") << "create_view" << QStringList{"view", "definition", "columns"};
    QTest::newRow("replace_view") << "replace_view" << QStringList{"view", "definition", "columns"};
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

namespace {

/** Calls @p addRow(tag, namesNotNull, rollbackSafe, start) for every schedule a kind case runs
 *  on: NOT NULL names or not, rollback-safe or not, starting in the first release or a later
 *  one (so A_{k-1} is not always A_0). */
template<typename AddRow>
void forEachSchedule(const char *kind, int i, const AddRow &addRow)
{
    for (bool namesNotNull : {true, false}) {
        for (bool rollbackSafe : {true, false}) {
            for (int start : {1, 3}) {
                const QByteArray tag = QByteArray(kind) + '#' + QByteArray::number(i)
                                       + (namesNotNull ? " not-null-names" : " nullable-names")
                                       + (rollbackSafe ? " rollback-safe" : " forward-only") + " start r" + QByteArray::number(start);
                addRow(tag, namesNotNull, rollbackSafe, start);
            }
        }
    }
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
        forEachSchedule(c.kind, ++i, [&](const QByteArray &tag, bool namesNotNull, bool rollbackSafe, int start) {
            QTest::newRow(tag.constData()) << QString::fromLatin1(c.kind) << json(c.params) << namesNotNull << rollbackSafe
                                           << start << c.present << c.absent;
        });
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
    // The table and view kinds.
    QTest::newRow("create existing table") << "create_table" << json(R"j({"table":"customer","columns":[{"name":"id","type":"integer"}]})j")
                                           << "refactorings[0].params.table" << "already exists";
    QTest::newRow("create without columns") << "create_table" << json(R"j({"table":"t","columns":[]})j")
                                            << "refactorings[0].params.columns" << "non-empty list";
    QTest::newRow("column without type") << "create_table" << json(R"j({"table":"t","columns":[{"name":"a"}]})j")
                                         << "refactorings[0].params.columns[0].type" << "needs a non-empty type";
    QTest::newRow("unknown column field") << "create_table" << json(R"j({"table":"t","columns":[{"name":"a","type":"text","primary":true}]})j")
                                          << "refactorings[0].params.columns[0].primary" << "unknown field 'primary'";
    QTest::newRow("column twice") << "create_table" << json(R"j({"table":"t","columns":[{"name":"a","type":"text"},{"name":"a","type":"text"}]})j")
                                  << "refactorings[0].params.columns[1].name" << "named twice";
    QTest::newRow("text identity") << "create_table" << json(R"j({"table":"t","columns":[{"name":"a","type":"text","identity":true}]})j")
                                   << "refactorings[0].params.columns[0].identity" << "only an integer column";
    QTest::newRow("identity not the key") << "create_table" << json(R"j({"table":"t","columns":[{"name":"a","type":"integer","identity":true},{"name":"b","type":"integer"}],"primaryKey":["b"]})j")
                                          << "refactorings[0].params.columns" << "must be the primary key by itself";
    QTest::newRow("key not a column") << "create_table" << json(R"j({"table":"t","columns":[{"name":"a","type":"integer"}],"primaryKey":["b"]})j")
                                      << "refactorings[0].params.primaryKey" << "'b' is not one of the columns";
    QTest::newRow("nullable key") << "create_table" << json(R"j({"table":"t","columns":[{"name":"a","type":"integer","nullable":true}],"primaryKey":["a"]})j")
                                  << "refactorings[0].params.primaryKey" << "cannot be nullable";
    QTest::newRow("unknown referenced table") << "create_table" << json(R"j({"table":"t","columns":[{"name":"a","type":"integer","references":"nobody"}]})j")
                                              << "refactorings[0].params.columns[0].references" << "unknown table 'nobody'";
    QTest::newRow("referenced column not a key") << "create_table" << json(R"j({"table":"t","columns":[{"name":"a","type":"text","references":"customer(email)"}]})j")
                                                 << "refactorings[0].params.columns[0].references" << "neither the primary key nor UNIQUE";
    QTest::newRow("bad action") << "create_table" << json(R"j({"table":"t","columns":[{"name":"a","type":"integer","references":"customer","onDelete":"EXPLODE"}]})j")
                                << "refactorings[0].params.columns[0].onDelete" << "must be CASCADE, SET NULL";
    QTest::newRow("action without key") << "create_table" << json(R"j({"table":"t","columns":[{"name":"a","type":"integer","onDelete":"CASCADE"}]})j")
                                        << "refactorings[0].params.columns[0].onDelete" << "needs 'references'";
    QTest::newRow("drop unknown table") << "drop_table" << json(R"j({"table":"custmer"})j")
                                        << "refactorings[0].params.table" << "unknown table 'custmer'";
    QTest::newRow("rename onto table") << "rename_table" << json(R"j({"table":"customer","to":"customer"})j")
                                       << "refactorings[0].params.to" << "already exists";
    QTest::newRow("rename by case only") << "rename_table" << json(R"j({"table":"customer","to":"Customer"})j")
                                         << "refactorings[0].params.to" << "only in case";
    QTest::newRow("view over existing name") << "create_view" << json(R"j({"view":"customer","definition":"SELECT id FROM customer"})j")
                                             << "refactorings[0].params.view" << "table customer already exists";
    QTest::newRow("view of star") << "create_view" << json(R"j({"view":"v","definition":"SELECT * FROM customer"})j")
                                  << "refactorings[0].params.definition" << "has no name of its own";
    QTest::newRow("view of expression") << "create_view" << json(R"j({"view":"v","definition":"SELECT id, score + 1 FROM customer"})j")
                                        << "refactorings[0].params.definition" << "item 2 of the select list (score + 1)";
    QTest::newRow("view without select") << "create_view" << json(R"j({"view":"v","definition":"VALUES (1)"})j")
                                         << "refactorings[0].params.definition" << "has no SELECT";
    QTest::newRow("replace unknown view") << "replace_view" << json(R"j({"view":"nope","definition":"SELECT id FROM customer"})j")
                                          << "refactorings[0].params.view" << "unknown view 'nope'";
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

namespace {

/**
 * The schema the key kinds are tried on: customer (named primary key, a UNIQUE, a CHECK, a
 * foreign key to region, an index), region (referenced), orders (no keys but its own) and
 * ledger (no primary key; entry nullable).
 */
Schema keysSchema()
{
    Schema s = customerSchema(false);
    Table &customer = s.tables[QStringLiteral("customer")];
    customer.columns << column(QStringLiteral("code"), QStringLiteral("varchar(20)"), false)
                     << column(QStringLiteral("region_id"), QStringLiteral("integer"));
    customer.constraints << constraint(Constraint::Kind::PrimaryKey, QStringLiteral("customer_pkey"), {QStringLiteral("id")})
                         << constraint(Constraint::Kind::Unique, QStringLiteral("customer_code_key"), {QStringLiteral("code")})
                         << constraint(Constraint::Kind::Check, QStringLiteral("customer_score_check"), {QStringLiteral("score")},
                                       QStringLiteral("score >= 0"))
                         << constraint(Constraint::Kind::ForeignKey, QStringLiteral("customer_region_fkey"),
                                       {QStringLiteral("region_id")}, {}, QStringLiteral("region"), {QStringLiteral("id")});
    customer.indexes << index(QStringLiteral("customer_email_idx"), {QStringLiteral("email")})
                     << index(QStringLiteral("customer_region_idx"), {QStringLiteral("region_id")});
    Table region = table(QStringLiteral("region"), {identity(), column(QStringLiteral("name"), QStringLiteral("varchar(100)"), false)});
    region.constraints << constraint(Constraint::Kind::PrimaryKey, QStringLiteral("region_pkey"), {QStringLiteral("id")})
                       << constraint(Constraint::Kind::Unique, QStringLiteral("region_name_key"), {QStringLiteral("name")});
    s.tables.insert(region.name, region);
    Table orders = table(QStringLiteral("orders"), {identity(), column(QStringLiteral("customer_id"), QStringLiteral("integer"), false),
                                                   column(QStringLiteral("total"), QStringLiteral("numeric(10,2)")),
                                                   column(QStringLiteral("note"), QStringLiteral("text"))});
    s.tables.insert(orders.name, orders);
    Table ledger = table(QStringLiteral("ledger"), {column(QStringLiteral("entry"), QStringLiteral("integer")),
                                                   column(QStringLiteral("account"), QStringLiteral("varchar(20)"), false)});
    s.tables.insert(ledger.name, ledger);
    return s;
}

/** "index:t.n", "!index:t.n", "constraint:t.n", "!constraint:t.n", "pk:t.a,b", "notnull:t.c":
 *  what a state must hold; an empty string when it does. */
QString unmet(const Schema &schema, const QString &expectation)
{
    const bool negated = expectation.startsWith(QLatin1Char('!'));
    const QString what = expectation.mid(negated ? 1 : 0).section(QLatin1Char(':'), 0, 0);
    const QString object = expectation.section(QLatin1Char(':'), 1);
    const Table *t = schema.table(object.section(QLatin1Char('.'), 0, 0));
    const QString name = object.section(QLatin1Char('.'), 1);
    bool holds = false;
    if (what == QLatin1String("index"))
        holds = t && t->index(name);
    else if (what == QLatin1String("constraint"))
        holds = t && t->constraint(name);
    else if (what == QLatin1String("pk"))
        holds = t && t->primaryKey.join(QLatin1Char(',')) == name;
    else if (what == QLatin1String("notnull"))
        holds = t && t->column(name) && !t->column(name)->nullable;
    return holds != negated ? QString() : expectation;
}

Plan keysPlan(const QString &kind, const QJsonObject &params, int releases = 4, const QString &dialect = QStringLiteral("postgresql"),
              bool rollbackSafe = true, int start = 1)
{
    Plan p = plan(keysSchema(), releases, {refactoring(QStringLiteral("x"), kind, QStringLiteral("r%1").arg(start), params)}, rollbackSafe);
    p.dialect = dialect;
    return p;
}

} // namespace

void TestCatalog::keyKindsPass_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<bool>("rollbackSafe");
    QTest::addColumn<int>("start");
    QTest::addColumn<QStringList>("expected");
    struct Case
    {
        const char *tag, *kind, *params;
        QStringList expected;
    };
    const QList<Case> cases{
        {"plain index", "add_index", R"j({"table":"customer","columns":["score"]})j", {"index:customer.customer_score_idx"}},
        {"partial unique index", "add_index", R"j({"table":"customer","columns":["email"],"unique":true,"where":"email IS NOT NULL"})j",
         {"index:customer.customer_email_idx1"}},
        {"expression index", "add_index", R"j({"table":"customer","name":"customer_email_lower","expressions":["lower(email)"],"include":["code"]})j",
         {"index:customer.customer_email_lower"}},
        {"gin index", "add_index", R"j({"table":"orders","columns":["note"],"method":"gin"})j", {"index:orders.orders_note_idx"}},
        {"drop index", "drop_index", R"j({"table":"customer","index":"customer_email_idx"})j", {"!index:customer.customer_email_idx"}},
        {"rename index", "rename_index", R"j({"table":"customer","index":"customer_email_idx","to":"customer_mail_idx"})j",
         {"index:customer.customer_mail_idx", "!index:customer.customer_email_idx"}},
        {"unique", "add_unique", R"j({"table":"customer","columns":["email"]})j", {"constraint:customer.customer_email_key"}},
        {"unique two columns", "add_unique", R"j({"table":"orders","columns":["customer_id","note"],"name":"orders_note_once"})j",
         {"constraint:orders.orders_note_once"}},
        {"check", "add_check", R"j({"table":"orders","expression":"total >= 0"})j", {"constraint:orders.orders_total_check"}},
        {"foreign key", "add_foreign_key",
         R"j({"table":"orders","columns":["customer_id"],"refTable":"customer","refColumns":["id"],"onDelete":"CASCADE"})j",
         {"constraint:orders.orders_customer_id_fkey"}},
        {"foreign key to a unique", "add_foreign_key",
         R"j({"table":"customer","columns":["author_name"],"refTable":"region","refColumns":["name"],"onUpdate":"CASCADE","onDelete":"SET NULL"})j",
         {"constraint:customer.customer_author_name_fkey"}},
        {"primary key", "add_primary_key", R"j({"table":"ledger","columns":["account"]})j",
         {"constraint:ledger.ledger_pkey", "pk:ledger.account"}},
        {"primary key on a nullable column", "add_primary_key", R"j({"table":"ledger","columns":["entry","account"]})j",
         {"pk:ledger.entry,account", "notnull:ledger.entry"}},
        {"replace primary key", "add_primary_key", R"j({"table":"orders","columns":["id","customer_id"],"replace":true})j",
         {"pk:orders.id,customer_id", "constraint:orders.orders_id_customer_id_pkey"}},
        {"drop check", "drop_constraint", R"j({"table":"customer","constraint":"customer_score_check"})j", {"!constraint:customer.customer_score_check"}},
        {"drop unique", "drop_constraint", R"j({"table":"customer","constraint":"customer_code_key"})j", {"!constraint:customer.customer_code_key"}},
        {"drop foreign key", "drop_constraint", R"j({"table":"customer","constraint":"customer_region_fkey"})j",
         {"!constraint:customer.customer_region_fkey"}},
        {"rename check", "rename_constraint", R"j({"table":"customer","constraint":"customer_score_check","to":"customer_score_positive"})j",
         {"constraint:customer.customer_score_positive", "!constraint:customer.customer_score_check"}},
        {"rename unique", "rename_constraint", R"j({"table":"customer","constraint":"customer_code_key","to":"customer_code_unique"})j",
         {"constraint:customer.customer_code_unique"}},
        {"rename foreign key", "rename_constraint", R"j({"table":"customer","constraint":"customer_region_fkey","to":"customer_region_ref"})j",
         {"constraint:customer.customer_region_ref"}},
    };
    for (const Case &c : cases) {
        for (bool rollbackSafe : {true, false}) {
            for (int start : {1, 3}) {
                const QByteArray tag = QByteArray(c.kind) + ' ' + c.tag + (rollbackSafe ? " rollback-safe" : " forward-only")
                                       + " start r" + QByteArray::number(start);
                QTest::newRow(tag.constData()) << QString::fromLatin1(c.kind) << json(c.params) << rollbackSafe << start << c.expected;
            }
        }
    }
}

void TestCatalog::keyKindsPass()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, params);
    QFETCH(bool, rollbackSafe);
    QFETCH(int, start);
    QFETCH(QStringList, expected);
    Engine engine(keysPlan(kind, params, start + 3, QStringLiteral("postgresql"), rollbackSafe, start));
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    for (const PlacedStep &s : engine.steps())
        QVERIFY2(s.release <= engine.releaseCount(), qPrintable(s.step.name));
    // Old and new versions on every state they meet, and the rollback cells when required.
    QVERIFY2(engine.compatible(), qPrintable(requiredFailures(engine).join(QLatin1Char('\n'))));
    QVERIFY2(warnings(engine).isEmpty(), qPrintable(warnings(engine).join(QLatin1Char('\n'))));
    for (const QString &e : expected)
        QVERIFY2(unmet(engine.states().last().schema, e).isEmpty(), qPrintable(e));
    // Nothing changed before the start release: what goes was there, what comes was not.
    const Schema &before = engine.state(start - 1, Phase::Post)->schema;
    for (const QString &e : expected) {
        if (e.startsWith(QLatin1Char('!')))
            QVERIFY2(unmet(before, e.mid(1)).isEmpty(), qPrintable(e));
        else if (!e.startsWith(QLatin1String("notnull")))
            QVERIFY2(!unmet(before, e).isEmpty(), qPrintable(e));
    }
}

void TestCatalog::keyKindsRefuse_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const QString f = QStringLiteral("refactorings[0].params.");
    QTest::newRow("index without key") << "add_index" << json(R"j({"table":"customer"})j") << f + "columns" << "needs 'columns', 'expressions'";
    QTest::newRow("index on unknown column") << "add_index" << json(R"j({"table":"customer","columns":["mail"]})j") << f + "columns"
                                             << "unknown column 'mail'";
    QTest::newRow("expression naming a column") << "add_index" << json(R"j({"table":"customer","expressions":["email"]})j")
                                                << f + "expressions" << "is a column of customer";
    QTest::newRow("include repeats a key column") << "add_index" << json(R"j({"table":"customer","columns":["email"],"include":["email"]})j")
                                                  << f + "include" << "key column";
    QTest::newRow("unique hash index") << "add_index" << json(R"j({"table":"customer","columns":["email"],"unique":true,"method":"hash"})j")
                                       << f + "method" << "cannot be unique";
    QTest::newRow("unknown method") << "add_index" << json(R"j({"table":"customer","columns":["email"],"method":"brin"})j")
                                    << f + "method" << "must be one of btree, hash, gin, gist";
    QTest::newRow("index name taken") << "add_index" << json(R"j({"table":"customer","columns":["score"],"name":"customer_code_key"})j")
                                      << f + "name" << "taken";
    QTest::newRow("prefix length not a number") << "add_index" << json(R"j({"table":"customer","columns":["email"],"lengths":["ten"]})j")
                                                << f + "lengths" << "not a prefix length";
    QTest::newRow("more prefix lengths than columns") << "add_index" << json(R"j({"table":"customer","columns":["email"],"lengths":["10","4"]})j")
                                                      << f + "lengths" << "one per column";
    QTest::newRow("unique index on a key") << "add_index" << json(R"j({"table":"customer","columns":["code"],"unique":true})j")
                                           << f + "columns" << "unique already (customer_code_key)";
    QTest::newRow("drop unknown index") << "drop_index" << json(R"j({"table":"customer","index":"customer_idx"})j") << f + "index"
                                        << "unknown index 'customer_idx' on table customer";
    QTest::newRow("rename index to a taken name") << "rename_index"
                                                  << json(R"j({"table":"customer","index":"customer_email_idx","to":"orders"})j")
                                                  << f + "to" << "taken";
    QTest::newRow("unique twice") << "add_unique" << json(R"j({"table":"customer","columns":["code"]})j") << f + "columns"
                                  << "unique already (customer_code_key)";
    QTest::newRow("check without column") << "add_check" << json(R"j({"table":"orders","expression":"1 = 1"})j") << f + "expression"
                                          << "names no column of orders";
    QTest::newRow("key to columns that are not unique")
        << "add_foreign_key" << json(R"j({"table":"orders","columns":["customer_id"],"refTable":"customer","refColumns":["score"]})j")
        << f + "refColumns" << "customer(score) has no PRIMARY KEY, UNIQUE constraint or unique index";
    QTest::newRow("key of another type")
        << "add_foreign_key" << json(R"j({"table":"orders","columns":["note"],"refTable":"customer","refColumns":["id"]})j")
        << f + "columns" << "orders.note is text and customer.id is integer";
    QTest::newRow("key column count")
        << "add_foreign_key" << json(R"j({"table":"orders","columns":["customer_id","note"],"refTable":"customer","refColumns":["id"]})j")
        << f + "refColumns" << "2 columns reference 1";
    QTest::newRow("SET NULL on NOT NULL")
        << "add_foreign_key"
        << json(R"j({"table":"orders","columns":["customer_id"],"refTable":"customer","refColumns":["id"],"onDelete":"SET NULL"})j")
        << f + "onDelete" << "orders.customer_id, which is NOT NULL";
    QTest::newRow("unknown action")
        << "add_foreign_key"
        << json(R"j({"table":"orders","columns":["customer_id"],"refTable":"customer","refColumns":["id"],"onDelete":"DELETE"})j")
        << f + "onDelete" << "must be one of NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT";
    QTest::newRow("unknown referenced column")
        << "add_foreign_key" << json(R"j({"table":"orders","columns":["customer_id"],"refTable":"region","refColumns":["code"]})j")
        << f + "refColumns" << "unknown column 'code' in table region";
    QTest::newRow("key that exists")
        << "add_foreign_key" << json(R"j({"table":"customer","columns":["region_id"],"refTable":"region","refColumns":["id"]})j")
        << f + "columns" << "customer_region_fkey of customer is this key already";
    QTest::newRow("second primary key") << "add_primary_key" << json(R"j({"table":"customer","columns":["code"]})j") << f + "replace"
                                        << "customer has a primary key already (id); set 'replace'";
    QTest::newRow("replace a referenced key") << "add_primary_key" << json(R"j({"table":"region","columns":["name"],"replace":true})j")
                                              << f + "replace" << "foreign key customer_region_fkey of table customer references the primary key (id)";
    QTest::newRow("replace no key") << "add_primary_key" << json(R"j({"table":"ledger","columns":["account"],"replace":true})j")
                                    << f + "replace" << "ledger has no primary key to replace";
    QTest::newRow("replace by itself") << "add_primary_key" << json(R"j({"table":"orders","columns":["id"],"replace":true})j")
                                       << f + "columns" << "is the primary key of orders already";
    QTest::newRow("drop a referenced key") << "drop_constraint" << json(R"j({"table":"region","constraint":"region_pkey"})j")
                                           << f + "constraint" << "foreign key customer_region_fkey of table customer references region_pkey";
    QTest::newRow("drop unknown constraint") << "drop_constraint" << json(R"j({"table":"customer","constraint":"customer_check"})j")
                                             << f + "constraint" << "unknown constraint 'customer_check' on table customer";
    QTest::newRow("rename constraint to a taken name")
        << "rename_constraint" << json(R"j({"table":"customer","constraint":"customer_score_check","to":"customer_email_idx"})j")
        << f + "to" << "taken";
}

void TestCatalog::keyKindsRefuse()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, params);
    QFETCH(QString, field);
    QFETCH(QString, message);
    Engine engine(keysPlan(kind, params));
    QList<PlanError> errors;
    QVERIFY(!engine.run(&errors));
    QCOMPARE(errors.first().field, field);
    QVERIFY2(errors.first().message.contains(message), qPrintable(errors.first().message));
}

void TestCatalog::keyKindsRefuseOnEngine_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const QString f = QStringLiteral("refactorings[0].params.");
    const QJsonObject partial = json(R"j({"table":"customer","columns":["email"],"where":"email IS NOT NULL"})j");
    QTest::newRow("partial index on MySQL") << "mysql" << "add_index" << partial << f + "where" << "MySQL and MariaDB have no partial indexes";
    const QJsonObject include = json(R"j({"table":"customer","columns":["email"],"include":["code"]})j");
    QTest::newRow("INCLUDE on SQLite") << "sqlite" << "add_index" << include << f + "include" << "SQLite has no INCLUDE";
    QTest::newRow("INCLUDE on MySQL") << "mysql" << "add_index" << include << f + "include" << "MySQL/MariaDB has no INCLUDE";
    const QJsonObject expression = json(R"j({"table":"customer","expressions":["lower(email)"]})j");
    QTest::newRow("expression on SQL Server") << "sqlserver" << "add_index" << expression << f + "expressions" << "computed column";
    QTest::newRow("expression on MySQL") << "mysql" << "add_index" << expression << f + "expressions" << "MariaDB has no expression";
    QTest::newRow("gin on SQLite") << "sqlite" << "add_index" << json(R"j({"table":"orders","columns":["note"],"method":"gin"})j")
                                   << f + "method" << "SQLite builds B-tree indexes only";
    QTest::newRow("prefix on PostgreSQL") << "postgresql" << "add_index"
                                          << json(R"j({"table":"customer","columns":["email"],"lengths":["10"]})j") << f + "lengths"
                                          << "prefix indexes are MySQL's";
    QTest::newRow("unique nullable index on SQL Server") << "sqlserver" << "add_index"
                                                         << json(R"j({"table":"customer","columns":["email"],"unique":true})j") << f + "unique"
                                                         << "admits one NULL only";
    QTest::newRow("UNIQUE on a nullable column on SQL Server") << "sqlserver" << "add_unique" << json(R"j({"table":"customer","columns":["email"]})j")
                                                               << f + "columns" << "admits one NULL only";
    QTest::newRow("SET DEFAULT on MySQL")
        << "mysql" << "add_foreign_key"
        << json(R"j({"table":"customer","columns":["author_name"],"refTable":"region","refColumns":["name"],"onDelete":"SET DEFAULT"})j")
        << f + "onDelete" << "InnoDB rejects SET DEFAULT";
    QTest::newRow("self cascade on SQL Server")
        << "sqlserver" << "add_foreign_key"
        << json(R"j({"table":"customer","columns":["region_id"],"refTable":"customer","refColumns":["id"],"onDelete":"CASCADE"})j")
        << f + "onDelete" << "multiple cascade paths";
    QTest::newRow("index a foreign key needs on MySQL") << "mysql" << "drop_index"
                                                        << json(R"j({"table":"customer","index":"customer_region_idx"})j") << f + "index"
                                                        << "foreign key customer_region_fkey";
    QTest::newRow("rowid key on SQLite") << "sqlite" << "add_primary_key"
                                         << json(R"j({"table":"orders","columns":["customer_id"],"replace":true})j") << f + "replace"
                                         << "orders.id is SQLite's rowid";
    QTest::newRow("AUTO_INCREMENT key on MySQL") << "mysql" << "add_primary_key"
                                                 << json(R"j({"table":"orders","columns":["customer_id","id"],"replace":true})j") << f + "replace"
                                                 << "ERROR 1075";
    QTest::newRow("rowid key dropped on SQLite") << "sqlite" << "drop_constraint" << json(R"j({"table":"customer","constraint":"customer_pkey"})j")
                                                 << f + "constraint" << "customer.id is SQLite's rowid";
}

void TestCatalog::keyKindsRefuseOnEngine()
{
    QFETCH(QString, dialect);
    QFETCH(QString, kind);
    QFETCH(QJsonObject, params);
    QFETCH(QString, field);
    QFETCH(QString, message);
    Engine engine(keysPlan(kind, params, 4, dialect));
    QList<PlanError> errors;
    QVERIFY(!engine.run(&errors));
    QCOMPARE(errors.first().field, field);
    QVERIFY2(errors.first().message.contains(message), qPrintable(errors.first().message));
    // The same refactoring is fine where the engine can do it.
    Engine postgres(keysPlan(kind, params, 4, dialect == QLatin1String("postgresql") ? QStringLiteral("mysql") : QStringLiteral("postgresql")));
    errors.clear();
    QVERIFY2(postgres.run(&errors), qPrintable(errors.value(0).toString()));
}

void TestCatalog::constraintWaitsForEveryVersionToHonourIt()
{
    for (const char *kind : {"add_unique", "add_check", "add_foreign_key"}) {
        const QJsonObject params
            = QString::fromLatin1(kind) == QLatin1String("add_unique")  ? json(R"j({"table":"orders","columns":["note"]})j")
              : QString::fromLatin1(kind) == QLatin1String("add_check") ? json(R"j({"table":"orders","expression":"total >= 0"})j")
                                                                        : json(R"j({"table":"orders","columns":["customer_id"],"refTable":"customer","refColumns":["id"]})j");
        const Plan p = keysPlan(QString::fromLatin1(kind), params);
        Engine engine(p);
        QList<PlanError> errors;
        QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
        QVERIFY(engine.compatible());
        const auto constraints = [&](int release, Phase phase) {
            return engine.state(release, phase)->schema.table(QStringLiteral("orders"))->constraints.size();
        };
        // A_0 writes what it likes until r1's switch, and a rollback may bring it back after: the
        // constraint comes with r2's pre scripts, when A_1 (which honours it) is the oldest.
        QCOMPARE(constraints(1, Phase::Pre), 0);
        QCOMPARE(constraints(1, Phase::Post), 0);
        QCOMPARE(constraints(2, Phase::Pre), 1);
        const QString key = engine.state(2, Phase::Pre)->schema.table(QStringLiteral("orders"))->constraints.first().key();
        QVERIFY(!engine.apps().at(0).usage.tables.value(QStringLiteral("orders")).honours.contains(key));
        QVERIFY(engine.apps().at(1).usage.tables.value(QStringLiteral("orders")).honours.contains(key));
        // Without the app step A_0 would meet it: rule 5 names it.
        Plan early = p;
        early.refactorings[0].moves.insert(QStringLiteral("contract"), QStringLiteral("r1"));
        Engine refused(early);
        errors.clear();
        QVERIFY(!refused.run(&errors));
        QCOMPARE(errors.first().field, QStringLiteral("refactorings[0].moves.contract"));
        QVERIFY2(errors.first().message.contains(QStringLiteral("depends on")), qPrintable(errors.first().message));
    }
}

void TestCatalog::dropWaitsForEveryVersionToStopRelying()
{
    Engine engine(keysPlan(QStringLiteral("drop_constraint"), json(R"j({"table":"customer","constraint":"customer_code_key"})j")));
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    QVERIFY(engine.compatible());
    // A_0 may rely on the database refusing a duplicate code while it runs, and after a rollback.
    QVERIFY(engine.state(1, Phase::Post)->schema.table(QStringLiteral("customer"))->constraint(QStringLiteral("customer_code_key")));
    QVERIFY(!engine.state(2, Phase::Pre)->schema.table(QStringLiteral("customer"))->constraint(QStringLiteral("customer_code_key")));
    const PlacedStep &app = engine.steps().first();
    QCOMPARE(app.step.name, QStringLiteral("stop_relying"));
    QCOMPARE(app.release, 1);
}

void TestCatalog::renamedConstraintStaysHonoured()
{
    // The rename is instant, in r1's pre scripts: A_0, which honours the CHECK under its old
    // name, still honours it under the new one (rule 5 matches constraints by name).
    Engine engine(keysPlan(QStringLiteral("rename_constraint"),
                           json(R"j({"table":"customer","constraint":"customer_score_check","to":"customer_score_positive"})j")));
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    QVERIFY2(engine.compatible(), qPrintable(requiredFailures(engine).join(QLatin1Char('\n'))));
    QVERIFY(engine.state(1, Phase::Pre)->schema.table(QStringLiteral("customer"))->constraint(QStringLiteral("customer_score_positive")));
    QVERIFY(engine.apps().at(0).usage.tables.value(QStringLiteral("customer")).honours.contains(QStringLiteral("check:customer_score_positive")));
    // A constraint nobody honoured stays unhonoured under its new name.
    Plan p = keysPlan(QStringLiteral("rename_constraint"),
                      json(R"j({"table":"customer","constraint":"customer_score_check","to":"customer_score_positive"})j"));
    UsageEdit forget;
    forget.release = QStringLiteral("r1");
    forget.table = QStringLiteral("customer");
    forget.honours.remove = {QStringLiteral("check:customer_score_check")};
    p.usage = {forget};
    Engine unhonoured(p);
    QVERIFY(unhonoured.run(&errors));
    QVERIFY(!unhonoured.compatible());
    QVERIFY(requiredFailures(unhonoured).join(QLatin1Char('\n')).contains(QStringLiteral("check constraint customer_score_positive")));
}

void TestCatalog::renamedConstraintHonouredVersionByVersion()
{
    // The engine shares the carried usage between versions that shared it before the carry:
    // each version must still get its own usage plus the new name, and only when it honoured
    // the old one. A_2 reads less than A_1 (an edit in r2); A_4 stops honouring the CHECK.
    Plan p = keysPlan(QStringLiteral("rename_constraint"),
                      json(R"j({"table":"customer","constraint":"customer_score_check","to":"customer_score_positive"})j"),
                      5, QStringLiteral("postgresql"), true, 3);
    UsageEdit readsLess;
    readsLess.release = QStringLiteral("r2");
    readsLess.table = QStringLiteral("customer");
    readsLess.reads.remove = {QStringLiteral("email")};
    UsageEdit forget;
    forget.release = QStringLiteral("r4");
    forget.table = QStringLiteral("customer");
    forget.honours.remove = {QStringLiteral("check:customer_score_check")};
    p.usage = {readsLess, forget};
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    QCOMPARE(engine.apps().size(), 6);
    const QString oldKey = QStringLiteral("check:customer_score_check"), newKey = QStringLiteral("check:customer_score_positive");
    for (const AppVersion &app : engine.apps()) {
        const TableUsage use = app.usage.tables.value(QStringLiteral("customer"));
        QCOMPARE(use.honours.contains(newKey), app.release < 4);
        QCOMPARE(use.honours.contains(oldKey), app.release < 4);
        QCOMPARE(use.reads.contains(QStringLiteral("email")), app.release < 2);
        QVERIFY(use.reads.contains(QStringLiteral("score")));
    }
}

void TestCatalog::primaryKeyOnNullableColumn()
{
    Engine engine(keysPlan(QStringLiteral("add_primary_key"), json(R"j({"table":"ledger","columns":["entry"]})j")));
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    QVERIFY(engine.compatible());
    // A_1 writes the column and honours NOT NULL and the key; r2's pre scripts make it NOT NULL,
    // then add the key.
    const TableUsage use = engine.apps().at(1).usage.tables.value(QStringLiteral("ledger"));
    QVERIFY(use.inserts.contains(QStringLiteral("entry")));
    QVERIFY(use.honours.contains(QStringLiteral("not_null:entry")));
    QVERIFY(use.honours.contains(QStringLiteral("primary_key:ledger_pkey")));
    const PlacedStep &contract = engine.steps().last();
    QCOMPARE(contract.release, 2);
    QCOMPARE(contract.step.ops.size(), 2);
    QCOMPARE(contract.step.ops.at(0).type, SchemaOp::Type::SetNotNull);
    QCOMPARE(contract.step.ops.at(1).type, SchemaOp::Type::AddConstraint);
    QVERIFY(!engine.state(2, Phase::Pre)->schema.table(QStringLiteral("ledger"))->column(QStringLiteral("entry"))->nullable);
}

void TestCatalog::everyKindExampleDecomposesOnEveryEngine()
{
    // Every kind's example, on every engine: it decomposes, every step lands in the plan, and
    // the compatibility matrix passes with rollback-safe on and off.
    for (const KindSpec &spec : Catalog::kinds()) {
        QVERIFY2(spec.example, qPrintable(spec.name));
        for (const QString &dialect : Plan::dialects()) {
            if (spec.unsupported.contains(dialect))
                continue;
            for (bool rollbackSafe : {true, false}) {
                Schema schema;
                Table t = table(QStringLiteral("t"), {identity(), column(QStringLiteral("g_a"), QStringLiteral("varchar(255)"), false),
                                                      column(QStringLiteral("g_b"), QStringLiteral("varchar(255)"))});
                schema.tables.insert(t.name, t);
                const QJsonObject params = spec.example(&schema, t.name, QStringLiteral("g_"), 0, dialect);
                Plan p = plan(schema, 5, {refactoring(QStringLiteral("x"), spec.name, QStringLiteral("r1"), params)}, rollbackSafe);
                p.dialect = dialect;
                Engine engine(p);
                QList<PlanError> errors;
                const QString what = spec.name + QLatin1Char(' ') + dialect;
                QVERIFY2(engine.run(&errors), qPrintable(what + ": " + errors.value(0).toString()));
                for (const PlacedStep &s : engine.steps())
                    QVERIFY2(s.release <= engine.releaseCount(), qPrintable(what + ": " + s.step.name));
                QVERIFY2(engine.compatible(), qPrintable(what + ": " + requiredFailures(engine).join(QLatin1Char('\n'))));
            }
        }
    }
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

namespace {

/** customerSchema() with what the table kinds need: a tag table customer references, an event
 *  table that references customer, and a view over customer. */
Schema tablesSchema(bool namesNotNull = true)
{
    Schema s = customerSchema(namesNotNull);
    Table tag = table(QStringLiteral("tag"), {identity(), column(QStringLiteral("label"), QStringLiteral("varchar(40)"), false)});
    tag.constraints << constraint(Constraint::Kind::PrimaryKey, QStringLiteral("tag_pkey"), {QStringLiteral("id")});
    s.tables.insert(tag.name, tag);
    Table &customer = s.tables[QStringLiteral("customer")];
    customer.constraints << constraint(Constraint::Kind::PrimaryKey, QStringLiteral("customer_pkey"), {QStringLiteral("id")});
    customer.columns << column(QStringLiteral("tag_id"), QStringLiteral("integer"));
    customer.constraints << constraint(Constraint::Kind::ForeignKey, QStringLiteral("customer_tag_fkey"), {QStringLiteral("tag_id")},
                                       {}, QStringLiteral("tag"), {QStringLiteral("id")});
    Table events = table(QStringLiteral("events"), {identity(), column(QStringLiteral("customer_id"), QStringLiteral("integer"), false),
                                                    column(QStringLiteral("kind"), QStringLiteral("varchar(20)"), false, QStringLiteral("'info'")),
                                                    column(QStringLiteral("body"), QStringLiteral("text"))});
    events.constraints << constraint(Constraint::Kind::PrimaryKey, QStringLiteral("events_pkey"), {QStringLiteral("id")})
                       << constraint(Constraint::Kind::ForeignKey, QStringLiteral("events_customer_fkey"), {QStringLiteral("customer_id")},
                                     {}, QStringLiteral("customer"), {QStringLiteral("id")});
    s.tables.insert(events.name, events);
    View emails;
    emails.name = QStringLiteral("customer_emails");
    emails.columns = {QStringLiteral("id"), QStringLiteral("email")};
    emails.definition = QStringLiteral("SELECT id, email FROM customer");
    s.views.insert(emails.name, emails);
    return s;
}

struct TableCase
{
    const char *kind;
    const char *params;
    QStringList tables; // tables the last state has
    QStringList gone;   // relations the last state does not have
    QStringList views;  // views the last state has
};

QList<TableCase> tableCases()
{
    return {
        {"create_table", R"j({"table":"invoice","columns":[{"name":"id","type":"bigint","identity":true},{"name":"customer_id","type":"integer","nullable":false,"references":"customer","onDelete":"CASCADE"},{"name":"code","type":"varchar(20)","nullable":false,"unique":true},{"name":"amount","type":"numeric(12,2)","nullable":false,"default":"0","check":"amount >= 0"},{"name":"note","type":"text"}]})j",
         {"invoice", "customer"}, {}, {}},
        {"create_table", R"j({"table":"pair","columns":[{"name":"a","type":"integer"},{"name":"b","type":"varchar(10)"}],"primaryKey":["a","b"]})j",
         {"pair"}, {}, {}},
        {"drop_table", R"j({"table":"events"})j", {"customer"}, {"events"}, {}},
        {"drop_table", R"j({"table":"tag","dropReferencingKeys":true})j", {"customer"}, {"tag"}, {}},
        {"rename_table", R"j({"table":"events","to":"activity"})j", {"activity"}, {"events"}, {}},
        {"create_view", R"j({"view":"named","definition":"SELECT c.id, c.first_name AS given FROM customer AS c"})j", {}, {}, {"named"}},
        {"create_view", R"j({"view":"named","definition":"SELECT id, upper(email) FROM customer","columns":["id","loud"]})j", {}, {}, {"named"}},
        {"replace_view", R"j({"view":"customer_emails","definition":"SELECT id, email, score FROM customer"})j", {}, {}, {"customer_emails"}},
        {"replace_view", R"j({"view":"customer_emails","definition":"SELECT id FROM customer"})j", {}, {}, {"customer_emails"}},
    };
}

} // namespace

void TestCatalog::tableKindsPass_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<bool>("namesNotNull");
    QTest::addColumn<bool>("rollbackSafe");
    QTest::addColumn<int>("startRelease");
    QTest::addColumn<QStringList>("tables");
    QTest::addColumn<QStringList>("gone");
    QTest::addColumn<QStringList>("views");
    int i = 0;
    for (const TableCase &c : tableCases()) {
        forEachSchedule(c.kind, ++i, [&](const QByteArray &tag, bool namesNotNull, bool rollbackSafe, int start) {
            QTest::newRow(tag.constData()) << QString::fromLatin1(c.kind) << json(c.params) << namesNotNull << rollbackSafe
                                           << start << c.tables << c.gone << c.views;
        });
    }
}

void TestCatalog::tableKindsPass()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, params);
    QFETCH(bool, namesNotNull);
    QFETCH(bool, rollbackSafe);
    QFETCH(int, startRelease);
    QFETCH(QStringList, tables);
    QFETCH(QStringList, gone);
    QFETCH(QStringList, views);
    const Plan p = plan(tablesSchema(namesNotNull), startRelease + 3,
                        {refactoring(QStringLiteral("x"), kind, QStringLiteral("r%1").arg(startRelease), params)}, rollbackSafe);
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    for (const PlacedStep &s : engine.steps())
        QVERIFY2(s.release <= engine.releaseCount(), qPrintable(s.step.name));
    // Old and new versions on P_k and S_k, and the rollback cell when the plan is rollback-safe.
    QVERIFY2(engine.compatible(), qPrintable(requiredFailures(engine).join(QLatin1Char('\n'))));
    QVERIFY2(warnings(engine).isEmpty(), qPrintable(warnings(engine).join(QLatin1Char('\n'))));
    const Schema &last = engine.states().last().schema;
    for (const QString &t : tables)
        QVERIFY2(last.table(t), qPrintable(t));
    for (const QString &g : gone)
        QVERIFY2(!last.hasRelation(g), qPrintable(g));
    for (const QString &v : views)
        QVERIFY2(last.views.contains(v), qPrintable(v));
}

void TestCatalog::tableKindExamplesPassEveryDialect_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<int>("variant");
    QTest::addColumn<bool>("rollbackSafe");
    for (const char *kind : {"create_table", "drop_table", "rename_table", "create_view", "replace_view"}) {
        for (const char *dialect : {"postgresql", "sqlite", "mysql", "sqlserver"}) {
            for (int variant : {0, 1}) {
                for (bool rollbackSafe : {true, false})
                    QTest::newRow(qPrintable(QStringLiteral("%1 %2 #%3%4").arg(QLatin1String(kind), QLatin1String(dialect)).arg(variant)
                                                 .arg(rollbackSafe ? QStringLiteral(" rollback-safe") : QString())))
                        << QString::fromLatin1(kind) << QString::fromLatin1(dialect) << variant << rollbackSafe;
            }
        }
    }
}

void TestCatalog::tableKindExamplesPassEveryDialect()
{
    // What the benchmark generator and the wizard build: the kind's example, on the table the
    // example contract describes (id, <prefix>a NOT NULL, <prefix>b), two refactorings of the
    // kind on two column groups of the same table, in the plan's own dialect.
    QFETCH(QString, kind);
    QFETCH(QString, dialect);
    QFETCH(int, variant);
    QFETCH(bool, rollbackSafe);
    const KindSpec *spec = Catalog::kind(kind);
    QVERIFY(spec && spec->example);
    Schema schema;
    Table t = table(QStringLiteral("t7"), {identity(), column(QStringLiteral("g0_a"), QStringLiteral("varchar(255)"), false),
                                            column(QStringLiteral("g0_b"), QStringLiteral("varchar(255)")),
                                            column(QStringLiteral("g1_a"), QStringLiteral("varchar(255)"), false),
                                            column(QStringLiteral("g1_b"), QStringLiteral("varchar(255)"))});
    t.constraints << constraint(Constraint::Kind::PrimaryKey, QStringLiteral("t7_pkey"), {QStringLiteral("id")});
    schema.tables.insert(t.name, t);
    const QJsonObject first = spec->example(&schema, t.name, QStringLiteral("g0_"), variant, dialect);
    const QJsonObject second = spec->example(&schema, t.name, QStringLiteral("g1_"), variant + 1, dialect);
    Plan p = plan(schema, 4,
                  {refactoring(QStringLiteral("a"), kind, QStringLiteral("r1"), first),
                   refactoring(QStringLiteral("b"), kind, QStringLiteral("r2"), second)},
                  rollbackSafe);
    p.dialect = dialect;
    Engine engine(p);
    QList<PlanError> errors;
    // A dialect the kind refuses says why, naming the kind, and plans nothing.
    if (spec->unsupported.contains(dialect)) {
        QVERIFY(!spec->unsupported.value(dialect).isEmpty());
        QVERIFY(!engine.run(&errors));
        QCOMPARE(errors.value(0).field, QStringLiteral("refactorings[0].kind"));
        QCOMPARE(errors.value(0).message, QStringLiteral("%1 cannot run on this plan's engine: %2").arg(kind, spec->unsupported.value(dialect)));
        return;
    }
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    QVERIFY2(engine.compatible(), qPrintable(requiredFailures(engine).join(QLatin1Char('\n'))));
    QVERIFY2(warnings(engine).isEmpty(), qPrintable(warnings(engine).join(QLatin1Char('\n'))));
}

void TestCatalog::createTableBuildsKeysAndUsage()
{
    const Plan p = plan(tablesSchema(), 3,
                        {refactoring(QStringLiteral("x"), QStringLiteral("create_table"), QStringLiteral("r1"),
                                     json(R"j({"table":"invoice","columns":[
                                         {"name":"id","type":"bigint","identity":true},
                                         {"name":"customer_id","type":"integer","nullable":false,"references":"customer","onDelete":"cascade","onUpdate":"no action"},
                                         {"name":"code","type":"varchar(20)","nullable":false,"unique":true},
                                         {"name":"parent","type":"bigint","references":"invoice(id)"},
                                         {"name":"amount","type":"numeric(12,2)","nullable":false,"default":"0","check":"amount >= 0","comment":"in EUR"}]})j"))});
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    QVERIFY(!engine.state(0, Phase::Post)->schema.table(QStringLiteral("invoice")));
    const Table *t = engine.state(1, Phase::Pre)->schema.table(QStringLiteral("invoice"));
    QVERIFY(t);
    QCOMPARE(t->primaryKey, QStringList{QStringLiteral("id")});
    QVERIFY(t->column(QStringLiteral("id"))->identity);
    QVERIFY(!t->column(QStringLiteral("id"))->nullable);
    QCOMPARE(t->column(QStringLiteral("amount"))->defaultValue, QStringLiteral("0"));
    QCOMPARE(t->column(QStringLiteral("amount"))->comment, QStringLiteral("in EUR"));
    QStringList names;
    for (const Constraint &c : t->constraints)
        names << Constraint::kindName(c.kind) + QLatin1Char(' ') + c.name;
    QCOMPARE(names, QStringList({"primary_key invoice_pkey", "unique invoice_code_key", "check invoice_amount_check",
                                 "foreign_key invoice_customer_id_fkey", "foreign_key invoice_parent_fkey"}));
    const Constraint *fk = t->constraint(QStringLiteral("invoice_customer_id_fkey"));
    QCOMPARE(fk->refTable, QStringLiteral("customer"));
    QCOMPARE(fk->refColumns, QStringList{QStringLiteral("id")});
    QCOMPARE(fk->onDelete, QStringLiteral("CASCADE"));
    QCOMPARE(fk->onUpdate, QString());
    QCOMPARE(t->constraint(QStringLiteral("invoice_parent_fkey"))->refTable, QStringLiteral("invoice"));
    // The old version does not know the table; the new one reads and writes it, identity aside.
    QVERIFY(!engine.apps().at(0).usage.tables.contains(QStringLiteral("invoice")));
    const TableUsage &use = engine.apps().at(1).usage.tables.value(QStringLiteral("invoice"));
    QVERIFY(use.reads.contains(QStringLiteral("id")));
    QVERIFY(!use.inserts.contains(QStringLiteral("id")));
    QVERIFY(use.inserts.contains(QStringLiteral("code")));
    QVERIFY(use.honours.contains(QStringLiteral("check:invoice_amount_check")));
    QVERIFY(engine.compatible());
    QCOMPARE(engine.steps().size(), 2);
    QCOMPARE(engine.steps().at(0).step.ops.first().type, SchemaOp::Type::CreateTable);
}

void TestCatalog::dropTableWaitsForItsLastUser()
{
    const Plan p = plan(tablesSchema(), 3,
                        {refactoring(QStringLiteral("x"), QStringLiteral("drop_table"), QStringLiteral("r1"),
                                     json(R"j({"table":"events"})j"))});
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    QVERIFY(engine.compatible());
    // A_1 stops using it; A_0 may be rolled back to until r2, so the table stays through S_1.
    QVERIFY(!engine.apps().at(1).usage.tables.contains(QStringLiteral("events")));
    QVERIFY(engine.state(1, Phase::Post)->schema.table(QStringLiteral("events")));
    QVERIFY(engine.state(2, Phase::Pre)->schema.table(QStringLiteral("events")));
    QVERIFY(!engine.state(2, Phase::Post)->schema.table(QStringLiteral("events")));
    // Moving the drop into r1 breaks the old version on S_1 (rollback): the compat matrix says so.
    Plan early = p;
    early.refactorings[0].moves.insert(QStringLiteral("contract"), QStringLiteral("r1"));
    Engine refused(early);
    errors.clear();
    QVERIFY(!refused.run(&errors));
    QVERIFY2(errors.first().message.contains(QStringLiteral("can only move to a release after its default")),
             qPrintable(errors.first().message));
}

void TestCatalog::dropTableDropsReferencingKeysOnlyWhenAsked()
{
    Engine refused(plan(tablesSchema(), 3,
                        {refactoring(QStringLiteral("x"), QStringLiteral("drop_table"), QStringLiteral("r1"),
                                     json(R"j({"table":"tag"})j"))}));
    QList<PlanError> errors;
    QVERIFY(!refused.run(&errors));
    QCOMPARE(errors.first().field, QStringLiteral("refactorings[0].params.table"));
    QVERIFY2(errors.first().message.contains(QStringLiteral("referenced by foreign keys customer_tag_fkey of customer")),
             qPrintable(errors.first().message));
    QVERIFY(errors.first().message.contains(QStringLiteral("dropReferencingKeys")));

    Engine engine(plan(tablesSchema(), 3,
                       {refactoring(QStringLiteral("x"), QStringLiteral("drop_table"), QStringLiteral("r1"),
                                    json(R"j({"table":"tag","dropReferencingKeys":true})j"))}));
    errors.clear();
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    QVERIFY(engine.compatible());
    const PlacedStep &contract = engine.steps().last();
    QCOMPARE(contract.step.name, QStringLiteral("contract"));
    QCOMPARE(contract.step.ops.size(), 2);
    QCOMPARE(contract.step.ops.at(0).type, SchemaOp::Type::DropConstraint);
    QCOMPARE(contract.step.ops.at(0).table, QStringLiteral("customer"));
    QCOMPARE(contract.step.ops.at(1).type, SchemaOp::Type::DropTable);
    QVERIFY(!engine.states().last().schema.table(QStringLiteral("customer"))->constraint(QStringLiteral("customer_tag_fkey")));

    // A view that reads the table, or a sync trigger of a refactoring in progress, refuses it too.
    Engine viewed(plan(tablesSchema(), 3,
                       {refactoring(QStringLiteral("x"), QStringLiteral("drop_table"), QStringLiteral("r1"),
                                    json(R"j({"table":"customer","dropReferencingKeys":true})j"))}));
    errors.clear();
    QVERIFY(!viewed.run(&errors));
    QVERIFY2(errors.first().message.contains(QStringLiteral("views customer_emails read customer")), qPrintable(errors.first().message));
    Engine syncing(plan(tablesSchema(), 4,
                        {refactoring(QStringLiteral("r"), QStringLiteral("rename_column"), QStringLiteral("r1"),
                                     json(R"j({"table":"events","column":"body","to":"text"})j")),
                         refactoring(QStringLiteral("x"), QStringLiteral("drop_table"), QStringLiteral("r2"),
                                     json(R"j({"table":"events"})j"))}));
    errors.clear();
    QVERIFY(!syncing.run(&errors));
    QCOMPARE(errors.first().field, QStringLiteral("refactorings[1].params.table"));
    QVERIFY2(errors.first().message.contains(QStringLiteral("sync triggers of refactorings still in progress (filling text)")),
             qPrintable(errors.first().message));
}

void TestCatalog::renameTableLeavesWritableView()
{
    Schema schema = tablesSchema();
    Sequence seq;
    seq.name = QStringLiteral("events_id_seq");
    seq.ownedBy = QStringLiteral("events.id");
    schema.sequences.insert(seq.name, seq);
    Table other = table(QStringLiteral("notes"), {identity(), column(QStringLiteral("event_id"), QStringLiteral("integer"))});
    other.constraints << constraint(Constraint::Kind::ForeignKey, QStringLiteral("notes_event_fkey"), {QStringLiteral("event_id")},
                                    {}, QStringLiteral("events"), {QStringLiteral("id")});
    schema.tables.insert(other.name, other);
    for (bool rollbackSafe : {true, false}) {
        const Plan p = plan(schema, 3,
                            {refactoring(QStringLiteral("x"), QStringLiteral("rename_table"), QStringLiteral("r1"),
                                         json(R"j({"table":"events","to":"activity"})j"))},
                            rollbackSafe);
        Engine engine(p);
        QList<PlanError> errors;
        QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
        QVERIFY2(engine.compatible(), qPrintable(requiredFailures(engine).join(QLatin1Char('\n'))));
        // P_1: the table has its new name, the old name is a view of every column over it.
        const Schema &p1 = engine.state(1, Phase::Pre)->schema;
        QVERIFY(p1.table(QStringLiteral("activity")));
        QVERIFY(!p1.table(QStringLiteral("events")));
        const View view = p1.views.value(QStringLiteral("events"));
        QCOMPARE(view.baseTable, QStringLiteral("activity"));
        QCOMPARE(view.columns, QStringList({"id", "customer_id", "kind", "body"}));
        // What follows the table: foreign keys that reference it, its sequence's ownership, its keys' names.
        QCOMPARE(p1.table(QStringLiteral("notes"))->constraint(QStringLiteral("notes_event_fkey"))->refTable, QStringLiteral("activity"));
        QCOMPARE(p1.sequences.value(QStringLiteral("events_id_seq")).ownedBy, QStringLiteral("activity.id"));
        QVERIFY(p1.table(QStringLiteral("activity"))->constraint(QStringLiteral("events_pkey")));
        // A_0 keeps writing the old name (through the view), A_1 uses the new one.
        QVERIFY(engine.apps().at(0).usage.tables.value(QStringLiteral("events")).inserts.contains(QStringLiteral("kind")));
        QVERIFY(!engine.apps().at(1).usage.tables.contains(QStringLiteral("events")));
        QCOMPARE(engine.apps().at(1).usage.tables.value(QStringLiteral("activity")),
                 engine.apps().at(0).usage.tables.value(QStringLiteral("events")));
        QVERIFY(engine.check(0, Engine::stateIndex(1, Phase::Pre)).isEmpty());
        // The view stays through S_1 (A_0 may be rolled back to) and goes in r2's contract.
        QVERIFY(engine.state(1, Phase::Post)->schema.views.contains(QStringLiteral("events")));
        QVERIFY(!engine.state(2, Phase::Post)->schema.views.contains(QStringLiteral("events")));
        const QList<Failure> after = engine.check(0, Engine::stateIndex(2, Phase::Post));
        QVERIFY(!after.isEmpty());
        QVERIFY2(after.first().message.contains(QStringLiteral("uses table events, which does not exist")), qPrintable(after.first().message));
    }
    // Sync triggers of a refactoring in progress, and views that read the table, refuse it.
    Engine syncing(plan(tablesSchema(), 4,
                        {refactoring(QStringLiteral("r"), QStringLiteral("rename_column"), QStringLiteral("r1"),
                                     json(R"j({"table":"events","column":"body","to":"text"})j")),
                         refactoring(QStringLiteral("x"), QStringLiteral("rename_table"), QStringLiteral("r2"),
                                     json(R"j({"table":"events","to":"activity"})j"))}));
    QList<PlanError> errors;
    QVERIFY(!syncing.run(&errors));
    QVERIFY2(errors.first().message.contains(QStringLiteral("rename_table waits until their contracts have run")), qPrintable(errors.first().message));
    Engine viewed(plan(tablesSchema(), 3,
                       {refactoring(QStringLiteral("x"), QStringLiteral("rename_table"), QStringLiteral("r1"),
                                    json(R"j({"table":"customer","to":"client"})j"))}));
    errors.clear();
    QVERIFY(!viewed.run(&errors));
    QVERIFY2(errors.first().message.contains(QStringLiteral("views customer_emails read customer")), qPrintable(errors.first().message));
    Schema triggered = tablesSchema();
    triggered.tables[QStringLiteral("events")].triggers << Trigger{QStringLiteral("events_audit"), QStringLiteral("CREATE TRIGGER events_audit ...")};
    Engine withTrigger(plan(triggered, 3,
                            {refactoring(QStringLiteral("x"), QStringLiteral("rename_table"), QStringLiteral("r1"),
                                         json(R"j({"table":"events","to":"activity"})j"))}));
    errors.clear();
    QVERIFY(!withTrigger.run(&errors));
    QVERIFY2(errors.first().message.contains(QStringLiteral("has triggers (events_audit)")), qPrintable(errors.first().message));
    // SQLite's route is offline, and the catalog says why.
    QVERIFY(Catalog::kind(QStringLiteral("rename_table"))->unsupported.value(QStringLiteral("sqlite")).contains(QStringLiteral("conditionally")));
}

void TestCatalog::writesThroughViewMeetTheTablesRules()
{
    // rename_table's view takes the old version's writes; the table's rules apply to them. A
    // refactoring of the renamed table starts a release later, under its new name, while the
    // view still stands.
    const Plan p = plan(tablesSchema(), 4,
                        {refactoring(QStringLiteral("x"), QStringLiteral("rename_table"), QStringLiteral("r1"),
                                     json(R"j({"table":"events","to":"activity"})j")),
                         refactoring(QStringLiteral("y"), QStringLiteral("add_column"), QStringLiteral("r2"),
                                     json(R"j({"table":"activity","column":"level","type":"integer","nullable":false,"default":"1"})j"))});
    Engine ok(p);
    QList<PlanError> errors;
    QVERIFY2(ok.run(&errors), qPrintable(errors.value(0).toString()));
    QVERIFY2(ok.compatible(), qPrintable(requiredFailures(ok).join(QLatin1Char('\n'))));

    // Without the default the insert through the view cannot fill the new column.
    Schema schema = tablesSchema();
    View v;
    v.name = QStringLiteral("old_events");
    v.columns = {QStringLiteral("id"), QStringLiteral("customer_id"), QStringLiteral("kind")};
    v.baseTable = QStringLiteral("events");
    schema.views.insert(v.name, v);
    AppUsage app;
    TableUsage &use = app.tables[QStringLiteral("old_events")];
    use.inserts = {QStringLiteral("customer_id")};
    use.honours = {QStringLiteral("not_null:customer_id"), QStringLiteral("foreign_key:events_customer_fkey")};
    QList<Failure> failures = Compatibility::check(app, schema, {}, {}, {QStringLiteral("A"), QStringLiteral("S")});
    QCOMPARE(failures.size(), 0); // kind has a default; id is an identity; body is nullable
    schema.tables[QStringLiteral("events")].columns << column(QStringLiteral("level"), QStringLiteral("integer"), false);
    failures = Compatibility::check(app, schema, {}, {}, {QStringLiteral("A"), QStringLiteral("S")});
    QCOMPARE(failures.size(), 1);
    QCOMPARE(failures.first().rule, QStringLiteral("insert-not-null"));
    QVERIFY2(failures.first().message.contains(QStringLiteral("inserts into events without level")), qPrintable(failures.first().message));
    // A column the view does not pass through cannot be written through it.
    use.inserts << QStringLiteral("body");
    failures = Compatibility::check(app, schema, {}, {}, {QStringLiteral("A"), QStringLiteral("S")});
    QVERIFY(std::any_of(failures.cbegin(), failures.cend(), [](const Failure &f) {
        return f.message.contains(QStringLiteral("writes old_events.body, which view old_events does not have"));
    }));
    // A plain view takes no writes.
    schema.views[QStringLiteral("old_events")].baseTable.clear();
    failures = Compatibility::check(app, schema, {}, {}, {QStringLiteral("A"), QStringLiteral("S")});
    QVERIFY(std::any_of(failures.cbegin(), failures.cend(), [](const Failure &f) {
        return f.message.contains(QStringLiteral("writes to old_events, which is a view"));
    }));
}

void TestCatalog::replaceViewKeepsOrDropsColumns()
{
    // Adding a column: replaced in r1's pre scripts, read by A_1.
    Engine adds(plan(tablesSchema(), 3,
                     {refactoring(QStringLiteral("x"), QStringLiteral("replace_view"), QStringLiteral("r1"),
                                  json(R"j({"view":"customer_emails","definition":"SELECT id, email, score FROM customer;"})j"))}));
    QList<PlanError> errors;
    QVERIFY2(adds.run(&errors), qPrintable(errors.value(0).toString()));
    QVERIFY(adds.compatible());
    const View added = adds.state(1, Phase::Pre)->schema.views.value(QStringLiteral("customer_emails"));
    QCOMPARE(added.columns, QStringList({"id", "email", "score"}));
    QCOMPARE(added.definition, QStringLiteral("SELECT id, email, score FROM customer"));
    QVERIFY(adds.apps().at(1).usage.tables.value(QStringLiteral("customer_emails")).reads.contains(QStringLiteral("score")));
    QVERIFY(adds.steps().first().step.ops.first().replace);

    // Dropping one: A_1 stops reading it, and the view loses it in r2's contract, after the last
    // version that reads it.
    Engine drops(plan(tablesSchema(), 3,
                      {refactoring(QStringLiteral("x"), QStringLiteral("replace_view"), QStringLiteral("r1"),
                                   json(R"j({"view":"customer_emails","definition":"SELECT id FROM customer"})j"))}));
    QVERIFY2(drops.run(&errors), qPrintable(errors.value(0).toString()));
    QVERIFY(drops.compatible());
    QCOMPARE(drops.steps().at(0).step.name, QStringLiteral("stop_reading"));
    QCOMPARE(drops.steps().at(1).step.name, QStringLiteral("contract"));
    QCOMPARE(drops.steps().at(1).release, 2);
    QVERIFY(drops.state(1, Phase::Post)->schema.views.value(QStringLiteral("customer_emails")).columns.contains(QStringLiteral("email")));
    QCOMPARE(drops.state(2, Phase::Post)->schema.views.value(QStringLiteral("customer_emails")).columns, QStringList{QStringLiteral("id")});

    // Dropping and adding at once, or changing nothing, is refused with the columns named.
    Engine both(plan(tablesSchema(), 3,
                     {refactoring(QStringLiteral("x"), QStringLiteral("replace_view"), QStringLiteral("r1"),
                                  json(R"j({"view":"customer_emails","definition":"SELECT id, score FROM customer"})j"))}));
    QVERIFY(!both.run(&errors));
    QCOMPARE(errors.last().field, QStringLiteral("refactorings[0].params.definition"));
    QVERIFY2(errors.last().message.contains(QStringLiteral("drops email and adds score")), qPrintable(errors.last().message));
    Engine same(plan(tablesSchema(), 3,
                     {refactoring(QStringLiteral("x"), QStringLiteral("replace_view"), QStringLiteral("r1"),
                                  json(R"j({"view":"customer_emails","definition":"SELECT id, email FROM customer"})j"))}));
    QVERIFY(!same.run(&errors));
    QVERIFY2(errors.last().message.contains(QStringLiteral("already has this definition")), qPrintable(errors.last().message));
}

void TestCatalog::viewColumnsReadFromSelect_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QStringList>("columns");
    QTest::newRow("plain") << "SELECT id, email FROM customer" << QStringList{"id", "email"};
    QTest::newRow("qualified and aliased") << "select c.id, c.email as mail from customer c" << QStringList{"id", "mail"};
    QTest::newRow("quoted") << R"(SELECT "we""ird", `b`, [c d] AS "x y" FROM t)" << QStringList{"we\"ird", "b", "x y"};
    QTest::newRow("distinct, functions, subquery")
        << "SELECT DISTINCT lower(email) AS email, (SELECT max(id) FROM t AS x WHERE x.a = 1) AS top FROM t" << QStringList{"email", "top"};
    QTest::newRow("comments and strings") << "SELECT /* a, b */ 'x, y' AS pair, -- c, d\n id FROM t" << QStringList{"pair", "id"};
    QTest::newRow("no FROM") << "SELECT 1 AS one, 2 AS two" << QStringList{"one", "two"};
}

void TestCatalog::viewColumnsReadFromSelect()
{
    QFETCH(QString, definition);
    QFETCH(QStringList, columns);
    const Plan p = plan(tablesSchema(), 2,
                        {refactoring(QStringLiteral("x"), QStringLiteral("create_view"), QStringLiteral("r1"),
                                     QJsonObject{{QStringLiteral("view"), QStringLiteral("v")}, {QStringLiteral("definition"), definition}})});
    QList<Step> steps;
    PlanError error;
    QVERIFY2(Catalog::decompose(p.refactorings.first(), p.baseline.schema, QStringLiteral("refactorings[0]"), &steps, &error),
             qPrintable(error.toString()));
    QCOMPARE(steps.first().ops.first().view.columns, columns);
    QCOMPARE(steps.at(1).usage.first().readsAdd, columns);
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
