// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testplans.h"

#include <engine/engine.h>

#include <QTest>

using namespace Tideline;
using namespace Tideline::TestPlans;

/** Schema states, moves, usage edits, pending contracts and plan validation. */
class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    void statesFollowTheSteps();
    void requiredCellsFollowThePolicy_data();
    void requiredCellsFollowThePolicy();
    void moves_data();
    void moves();
    void usageEditsApplyFromTheirRelease();
    void usageEditsReplaceAndRemove();
    void usageEditUnknownObject_data();
    void usageEditUnknownObject();
    void cancelledReleasesTakeNoPart();
    void pendingContracts();
    void validator_data();
    void validator();
    void matrixCellsMatchAFullCheck();
};

namespace {

Refactoring mergeNames(const QMap<QString, QString> &moves = {}, const QString &start = "r1")
{
    return refactoring("full-name", "merge_columns", start,
                       json(R"j({"table":"customer","columns":["first_name","last_name"],"into":"full_name","type":"varchar(256)","expression":"first_name || ' ' || last_name"})j"),
                       moves);
}

const Column *columnIn(const Engine &engine, int release, Phase phase, const QString &name)
{
    return engine.state(release, phase)->schema.table("customer")->column(name);
}

} // namespace

void TestEngine::statesFollowTheSteps()
{
    Engine engine(plan(customerSchema(), 4, {mergeNames()}));
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    QCOMPARE(engine.states().size(), 1 + 2 * 4);
    QCOMPARE(engine.apps().size(), 1 + 4);
    QVERIFY(!columnIn(engine, 0, Phase::Post, "full_name"));
    QVERIFY(columnIn(engine, 1, Phase::Pre, "full_name"));            // expand: r1 pre
    QVERIFY(columnIn(engine, 1, Phase::Pre, "first_name")->nullable);  // relaxed for A_2
    QVERIFY(columnIn(engine, 3, Phase::Pre, "first_name"));            // contract: r3 post
    QVERIFY(!columnIn(engine, 3, Phase::Post, "first_name"));
    QVERIFY(engine.state(3, Phase::Post)->filled.contains("customer.full_name"));
    // A_1 dual-writes, A_2 uses the merged column only.
    QVERIFY(engine.apps().at(1).usage.tables.value("customer").writes("first_name"));
    QVERIFY(engine.apps().at(1).usage.tables.value("customer").writes("full_name"));
    QVERIFY(!engine.apps().at(2).usage.tables.value("customer").reads.contains("first_name"));
    QCOMPARE(engine.state(2, Phase::Pre)->name, QStringLiteral("P_2 (r2 pre)"));
    QCOMPARE(engine.apps().at(2).name, QStringLiteral("A_2 (r2)"));
}

void TestEngine::requiredCellsFollowThePolicy_data()
{
    QTest::addColumn<bool>("rollbackSafe");
    QTest::newRow("rollback-safe") << true;
    QTest::newRow("forward-only") << false;
}

void TestEngine::requiredCellsFollowThePolicy()
{
    QFETCH(bool, rollbackSafe);
    // A_1 goes back to reading email, which r2's contract drops; A_2 stops again. Only the
    // rollback cell A_1 on S_2 breaks, and it counts only for a rollback-safe plan.
    Plan p = plan(customerSchema(), 3,
                  {refactoring("no-email", "drop_column", "r1", json(R"j({"table":"customer","column":"email"})j"))},
                  rollbackSafe);
    UsageEdit readAgain{"r1", "customer", {}, {}, {}, {}, {}, {}};
    readAgain.reads.add = {"email"};
    UsageEdit stopReading{"r2", "customer", {}, {}, {}, {}, {}, {}};
    stopReading.reads.remove = {"email"};
    p.usage = {readAgain, stopReading};
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    QCOMPARE(engine.cells().size(), 4 * 3);
    int rollbackCells = 0;
    for (const Cell &cell : engine.cells()) {
        const SchemaState &s = engine.states().at(cell.state);
        const bool rollbackCell = s.phase == Phase::Post && cell.app == s.release - 1;
        rollbackCells += rollbackCell;
        QCOMPARE(cell.required, rollbackCell ? rollbackSafe : true);
        QCOMPARE(cell.ok(), !(cell.app == 1 && s.release == 2 && s.phase == Phase::Post));
    }
    QCOMPARE(rollbackCells, 3);
    QCOMPARE(engine.compatible(), !rollbackSafe);
    if (rollbackSafe) {
        const QString failures = requiredFailures(engine).join('\n');
        QVERIFY2(failures.contains("A_1 (r1) reads customer.email, which does not exist in S_2 (r2 post)"),
                 qPrintable(failures));
    }
}

void TestEngine::moves_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("release");
    QTest::addColumn<QString>("errorField");   // empty: accepted
    QTest::addColumn<QString>("errorText");
    QTest::newRow("contract later: accepted") << "contract" << "r5" << QString() << QString();
    QTest::newRow("backfill after stop_old: refused") << "backfill" << "r4"
        << "refactorings[0].moves.backfill" << "would run before step backfill";
    QTest::newRow("contract before stop_old: refused") << "contract" << "r2"
        << "refactorings[0].moves.contract" << "which it depends on";
    QTest::newRow("earlier than the default: refused") << "stop_old" << "r2"
        << "refactorings[0].moves.stop_old" << "can only move to a release after its default, r3";
    QTest::newRow("before the start: refused") << "expand" << "r1"
        << "refactorings[0].moves.expand" << "before the refactoring starts";
    QTest::newRow("unknown step") << "cleanup" << "r4" << "refactorings[0].moves.cleanup" << "has no step 'cleanup'";
    QTest::newRow("unknown release") << "contract" << "r9" << "refactorings[0].moves.contract" << "unknown or cancelled release 'r9'";
}

void TestEngine::moves()
{
    QFETCH(QString, step);
    QFETCH(QString, release);
    QFETCH(QString, errorField);
    QFETCH(QString, errorText);
    Engine engine(plan(customerSchema(), 5, {mergeNames({{step, release}}, "r2")}));
    QList<PlanError> errors;
    const bool ok = engine.run(&errors);
    if (errorField.isEmpty()) {
        QVERIFY2(ok, qPrintable(errors.value(0).toString()));
        QVERIFY(engine.compatible());
        QVERIFY(columnIn(engine, 4, Phase::Post, "first_name"));   // default r4 no longer drops it
        QVERIFY(!columnIn(engine, 5, Phase::Post, "first_name"));
        const auto contract = std::find_if(engine.steps().cbegin(), engine.steps().cend(),
                                           [](const PlacedStep &s) { return s.step.name == "contract"; });
        QVERIFY(contract->moved);
        QCOMPARE(contract->release, 5);
        return;
    }
    QVERIFY(!ok);
    QCOMPARE(errors.first().field, errorField);
    QVERIFY2(errors.first().message.contains(errorText), qPrintable(errors.first().message));
}

void TestEngine::usageEditsApplyFromTheirRelease()
{
    Plan p = plan(customerSchema(false), 3, {});
    UsageEdit edit;
    edit.release = "r2";
    edit.table = "customer";
    edit.reads.remove = {"email"};
    edit.inserts.remove = {"email"};
    edit.updates.remove = {"email"};
    p.usage = {edit};
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    QVERIFY(engine.apps().at(1).usage.tables.value("customer").reads.contains("email"));
    QVERIFY(!engine.apps().at(2).usage.tables.value("customer").reads.contains("email"));
    QVERIFY(!engine.apps().at(3).usage.tables.value("customer").writes("email"));   // and later versions
    QVERIFY(engine.compatible());
}

void TestEngine::usageEditsReplaceAndRemove()
{
    Plan p = plan(customerSchema(), 2, {});
    UsageEdit replace;
    replace.release = "r1";
    replace.table = "customer";
    replace.inserts.replace = true;
    replace.inserts.add = {"first_name", "last_name"};   // the insert no longer gives name or author_name
    p.usage = {replace};
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    QCOMPARE(engine.apps().at(1).usage.tables.value("customer").inserts,
             QSet<QString>({"first_name", "last_name"}));
    QVERIFY(!engine.compatible());
    const QString failures = requiredFailures(engine).join('\n');
    QVERIFY(failures.contains("A_1 (r1) inserts into customer without name"));
    QVERIFY(failures.contains("without author_name"));
}

void TestEngine::usageEditUnknownObject_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown table") << "custmer" << "email" << "usage[0].table" << "unknown table 'custmer'";
    QTest::newRow("unknown column") << "customer" << "emial" << "usage[0].reads" << "unknown column 'emial'";
}

void TestEngine::usageEditUnknownObject()
{
    QFETCH(QString, table);
    QFETCH(QString, column);
    QFETCH(QString, field);
    QFETCH(QString, message);
    Plan p = plan(customerSchema(), 2, {});
    UsageEdit edit;
    edit.release = "r1";
    edit.table = table;
    edit.reads.add = {column};
    p.usage = {edit};
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY(!engine.run(&errors));
    QCOMPARE(errors.first().field, field);
    QVERIFY2(errors.first().message.contains(message), qPrintable(errors.first().message));
}

void TestEngine::cancelledReleasesTakeNoPart()
{
    Plan p = plan(customerSchema(), 5, {mergeNames()});
    p.releases[1].status = Release::Status::Cancelled;   // r2
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    QCOMPARE(engine.releaseCount(), 4);
    QCOMPARE(engine.releaseId(2), QStringLiteral("r3"));
    // Offsets count releases that ship: the contract (N+2) lands in r4, not r3.
    const auto contract = std::find_if(engine.steps().cbegin(), engine.steps().cend(),
                                       [](const PlacedStep &s) { return s.step.name == "contract"; });
    QCOMPARE(engine.releaseId(contract->release), QStringLiteral("r4"));
    QVERIFY(engine.compatible());
}

void TestEngine::pendingContracts()
{
    // r1 and r2 deployed; the merge started in r1 with its contract due in r3.
    Plan p = plan(customerSchema(), 4, {mergeNames(),
                                         refactoring("drop-email", "drop_column", "r2",
                                                     json(R"j({"table":"customer","column":"email"})j")),
                                         refactoring("rename", "rename_column", "r2",
                                                     json(R"j({"table":"customer","column":"name","to":"display_name"})j")),
                                         refactoring("late", "rename_column", "r3",
                                                     json(R"j({"table":"customer","column":"author_name","to":"writer"})j"))});
    p.releases[0].status = Release::Status::Deployed;
    p.releases[1].status = Release::Status::Deployed;
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    const QList<PendingContract> pending = engine.pending();
    // drop_column on a nullable column has no expand; "late" has not shipped its expand.
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending.at(0).refactoring, QStringLiteral("full-name"));
    QCOMPARE(pending.at(0).expandRelease, QStringLiteral("r1"));
    QCOMPARE(pending.at(0).contractRelease, QStringLiteral("r3"));
    QCOMPARE(pending.at(0).age, 1);
    QCOMPARE(pending.at(0).status, QStringLiteral("scheduled"));
    QCOMPARE(pending.at(1).refactoring, QStringLiteral("rename"));
    QCOMPARE(pending.at(1).age, 0);
    QVERIFY(pending.at(1).contractRelease.isEmpty());     // N+3 = r5, beyond the plan
    QCOMPARE(pending.at(1).status, QStringLiteral("unscheduled"));

    // Once the contract's release is deployed, nothing is pending for it.
    p.releases[2].status = Release::Status::Deployed;
    Engine later(p);
    QVERIFY(later.run(&errors));
    QCOMPARE(later.pending().size(), 2);
    QCOMPARE(later.pending().at(0).refactoring, QStringLiteral("rename"));
    QCOMPARE(later.pending().at(0).age, 1);
    QCOMPARE(later.pending().at(1).refactoring, QStringLiteral("late"));
    QCOMPARE(later.pending().at(1).age, 0);
}

void TestEngine::validator_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("duplicate release id") << "dupRelease" << "releases[1].id" << "duplicate release id 'r1'";
    QTest::newRow("duplicate refactoring id") << "dupRefactoring" << "refactorings[1].id" << "duplicate refactoring id 'full-name'";
    QTest::newRow("unknown kind") << "unknownKind" << "refactorings[0].kind" << "unknown kind 'merge_colums'";
    QTest::newRow("unknown start") << "unknownStart" << "refactorings[0].start" << "unknown release 'r7'";
    QTest::newRow("cancelled start") << "cancelledStart" << "refactorings[0].start" << "release 'r1' is cancelled";
    QTest::newRow("unknown step in moves") << "unknownStep" << "refactorings[0].moves.finish" << "has no step 'finish'";
    QTest::newRow("usage for unknown release") << "usageRelease" << "usage[0].release" << "unknown release 'r9'";
    QTest::newRow("rows of unknown table") << "rows" << "baseline.rows.orders" << "unknown table 'orders'";
    QTest::newRow("unknown dialect") << "dialect" << "dialect" << "unknown dialect 'oracle'";
}

void TestEngine::validator()
{
    QFETCH(QString, problem);
    QFETCH(QString, field);
    QFETCH(QString, message);
    Plan p = plan(customerSchema(), 3, {mergeNames()});
    QList<PlanError> errors;
    QVERIFY(PlanValidator::validate(p, "plan.tideline.json", &errors));
    if (problem == "dupRelease")
        p.releases[1].id = "r1";
    else if (problem == "dupRefactoring")
        p.refactorings << mergeNames();
    else if (problem == "unknownKind")
        p.refactorings[0].kind = "merge_colums";
    else if (problem == "unknownStart")
        p.refactorings[0].start = "r7";
    else if (problem == "cancelledStart")
        p.releases[0].status = Release::Status::Cancelled;
    else if (problem == "unknownStep")
        p.refactorings[0].moves.insert("finish", "r3");
    else if (problem == "usageRelease")
        p.usage << UsageEdit{"r9", "customer", {}, {}, {}, {}, {}, {}};
    else if (problem == "rows")
        p.baseline.rows.insert("orders", 10);
    else if (problem == "dialect")
        p.dialect = "oracle";
    QVERIFY(!PlanValidator::validate(p, "plan.tideline.json", &errors));
    QCOMPARE(errors.first().file, QStringLiteral("plan.tideline.json"));
    QCOMPARE(errors.first().field, field);
    QVERIFY2(errors.first().message.contains(message), qPrintable(errors.first().message));
}

void TestEngine::matrixCellsMatchAFullCheck()
{
    // The matrix re-checks only what each release touched; a full check of every cell must
    // agree with it, failures and warnings alike, in a plan that has plenty of both.
    Schema schema = customerSchema();
    Procedure procedure;
    procedure.name = "usp_save_customer";
    procedure.parameters = {{"first_name", "text", {}}, {"email", "text", "NULL"}};
    schema.procedures.insert(procedure.name, procedure);
    Table orders = table("orders", {identity(), column("customer_id", "integer", false), column("total", "numeric(10,2)")});
    schema.tables.insert("orders", orders);
    Plan p = plan(schema, 6,
                  {mergeNames({{"contract", "r4"}}),
                   refactoring("total", "change_type", "r2", json(R"j({"table":"orders","column":"total","type":"numeric(12,2)"})j")),
                   refactoring("drop-email", "drop_column", "r3", json(R"j({"table":"customer","column":"email"})j")),
                   refactoring("code", "add_column", "r5", json(R"j({"table":"orders","column":"code","type":"text","nullable":false,"backfill":"'x'"})j"))});
    UsageEdit stopInsertingTotal{"r3", "orders", {}, {}, {}, {}, {}, {}};
    stopInsertingTotal.inserts.remove = {"customer_id"};
    UsageEdit readUnfilled{"r4", "customer", {}, {}, {}, {}, {}, {}};
    readUnfilled.reads.add = {"score"};
    UsageEdit newParameter{"r5", {}, "usp_save_customer", {}, {}, {}, {}, {}};
    newParameter.passes.add = {"email"};
    newParameter.passes.remove = {"first_name"};
    p.usage = {stopInsertingTotal, readUnfilled, newParameter};
    Engine engine(p);
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    int failing = 0;
    for (const Cell &cell : engine.cells()) {
        QCOMPARE(cell.failures, engine.check(cell.app, cell.state));
        failing += !cell.ok();
    }
    QVERIFY(failing >= 4);
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
