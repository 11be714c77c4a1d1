// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testplans.h"

#include <catalog/catalog.h>
#include <engine/compatibility.h>
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
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    QVERIFY2(engine.compatible(), qPrintable(requiredFailures(engine).join(QLatin1Char('\n'))));
    QVERIFY2(warnings(engine).isEmpty(), qPrintable(warnings(engine).join(QLatin1Char('\n'))));
    // A dialect the kind refuses says why.
    if (spec->unsupported.contains(dialect))
        QVERIFY(!spec->unsupported.value(dialect).isEmpty());
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
