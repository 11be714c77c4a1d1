// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// How long the engine takes to evaluate a large plan: every schema state S_0, P_1, S_1, … and
// the whole compatibility matrix (Engine::run), at full size and in a scaling series.
// Figures and their reading: docs/performance.md.

#include "plangenerator.h"

#include <engine/engine.h>

#include <QSet>
#include <QTest>

#include <memory>

using namespace Tideline;
using namespace Tideline::Benchmarks;

namespace {

// One full-size Engine::run takes tens of seconds and Qt Test calls each benchmark function
// twice (a warm-up call, then the measured one), which outlasts Qt Test's default 5-minute
// watchdog. Lift it to an hour unless the caller chose a limit.
[[maybe_unused]] const bool watchdogLifted = [] {
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArrayLiteral("3600000"));
    return true;
}();

/** Full size: 300 tables, 200 releases, 2,000 refactorings; tables of 18 columns. */
constexpr PlanSize FullSize{300, 200, 2000, PlanSize::groupsNeeded(2000, 300)};
/**
 * The tables series spreads 2,000 refactorings over as few as 75 tables, so its tables are wider
 * (58 columns): the same width in all its rows, so that only the number of tables changes.
 */
constexpr int TablesSeriesGroups = PlanSize::groupsNeeded(2000, 75);

QString describe(const Engine &engine)
{
    QStringList lines;
    int shown = 0;
    for (const Cell &cell : engine.cells()) {
        if (!cell.required || cell.ok())
            continue;
        for (const Failure &f : cell.failures) {
            if (!f.warning && shown++ < 10)
                lines << QStringLiteral("%1 on %2: [%3] %4")
                             .arg(engine.apps().at(cell.app).name,
                                  engine.states().at(cell.state).name,
                                  f.rule,
                                  f.message);
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QString describe(const QList<PlanError> &errors)
{
    QStringList lines;
    for (const PlanError &e : errors)
        lines << e.toString();
    return lines.join(QLatin1Char('\n'));
}

/**
 * Checks outside the measurement that the generated plan is valid and that its default
 * schedule passes every required cell; prints the plan's dimensions. A plan of a size already
 * checked is not checked again: Qt Test calls a benchmark function twice (a warm-up call, then
 * the measured one), and each check costs a whole Engine::run.
 */
bool checkPlan(const Plan &plan, const PlanSize &size, QString *why)
{
    static QSet<QString> checked;
    const QString key = QStringLiteral("%1/%2/%3/%4")
                            .arg(size.tables)
                            .arg(size.releases)
                            .arg(size.refactorings)
                            .arg(size.groupsPerTable);
    if (checked.contains(key))
        return true;
    QList<PlanError> errors;
    if (!PlanValidator::validate(plan, QStringLiteral("generated"), &errors)) {
        *why = QStringLiteral("invalid plan:\n") + describe(errors);
        return false;
    }
    Engine engine(plan);
    if (!engine.run(&errors)) {
        *why = QStringLiteral("Engine::run failed:\n") + describe(errors);
        return false;
    }
    if (!engine.compatible()) {
        *why = QStringLiteral("the default schedule fails required cells (first failures):\n")
               + describe(engine);
        return false;
    }
    int columns = 0;
    for (const Table &table : plan.baseline.schema.tables)
        columns += table.columns.size();
    int warnings = 0;
    for (const Cell &cell : engine.cells())
        warnings += cell.failures.size();
    qInfo("plan: %d tables (%d baseline columns), %d releases, %d refactorings -> %d steps, "
          "%d schema states, %d cells (%d warnings)",
          int(plan.baseline.schema.tables.size()),
          columns,
          int(plan.releases.size()),
          int(plan.refactorings.size()),
          int(engine.steps().size()),
          int(engine.states().size()),
          int(engine.cells().size()),
          warnings);
    checked.insert(key);
    return true;
}

/** One Engine::run of the full-size plan, made once for every benchmark call that reads it;
 *  null (with @p why) when the plan does not run. */
std::shared_ptr<const Engine> fullPlanRun(QString *why)
{
    static std::shared_ptr<const Engine> engine;
    if (!engine) {
        const Plan plan = generatePlan(FullSize);
        if (!checkPlan(plan, FullSize, why))
            return {};
        auto run = std::make_shared<Engine>(plan);
        QList<PlanError> errors;
        if (!run->run(&errors)) {
            *why = describe(errors);
            return {};
        }
        engine = std::move(run);
    }
    return engine;
}

} // namespace

class BenchEngine : public QObject
{
    Q_OBJECT

private slots:
    void runFullPlan();
    void runScaling_data();
    void runScaling();
    void checkMatrixFullPlan();
    void rerunAfterMove_data();
    void rerunAfterMove();
};

// (a) The whole evaluation at full size.
void BenchEngine::runFullPlan()
{
    const Plan plan = generatePlan(FullSize);
    QString why;
    QVERIFY2(checkPlan(plan, FullSize, &why), qPrintable(why));

    Engine engine(plan);
    QList<PlanError> errors;
    bool ok = false;
    QBENCHMARK
    {
        ok = engine.run(&errors);
    }
    QVERIFY2(ok, qPrintable(describe(errors)));
}

// (b) Releases and refactorings together at 25/50/100 % with 300 tables of 18 columns (the
// 100 % row is the plan of (a)); then tables at 75/150/300 with 200 releases and 2,000
// refactorings, with tables of 58 columns in all three rows.
void BenchEngine::runScaling_data()
{
    QTest::addColumn<int>("tables");
    QTest::addColumn<int>("releases");
    QTest::addColumn<int>("refactorings");
    QTest::addColumn<int>("groups");

    const int narrow = FullSize.groupsPerTable;
    QTest::newRow("releases 25%: 50 releases, 500 refactorings, 300 tables")
        << 300 << 50 << 500 << narrow;
    QTest::newRow("releases 50%: 100 releases, 1000 refactorings, 300 tables")
        << 300 << 100 << 1000 << narrow;
    QTest::newRow("releases 100%: 200 releases, 2000 refactorings, 300 tables")
        << 300 << 200 << 2000 << narrow;
    QTest::newRow("tables 25%: 75 wide tables, 200 releases, 2000 refactorings")
        << 75 << 200 << 2000 << TablesSeriesGroups;
    QTest::newRow("tables 50%: 150 wide tables, 200 releases, 2000 refactorings")
        << 150 << 200 << 2000 << TablesSeriesGroups;
    QTest::newRow("tables 100%: 300 wide tables, 200 releases, 2000 refactorings")
        << 300 << 200 << 2000 << TablesSeriesGroups;
}

void BenchEngine::runScaling()
{
    QFETCH(int, tables);
    QFETCH(int, releases);
    QFETCH(int, refactorings);
    QFETCH(int, groups);

    const PlanSize size{tables, releases, refactorings, groups};
    const Plan plan = generatePlan(size);
    QString why;
    QVERIFY2(checkPlan(plan, size, &why), qPrintable(why));

    Engine engine(plan);
    QList<PlanError> errors;
    bool ok = false;
    QBENCHMARK
    {
        ok = engine.run(&errors);
    }
    QVERIFY2(ok, qPrintable(describe(errors)));
}

// The matrix alone at full size: every cell checked again on states the engine has built.
// Engine::run minus this is the cost of placing the steps and building the states.
void BenchEngine::checkMatrixFullPlan()
{
    QString why;
    const std::shared_ptr<const Engine> engine = fullPlanRun(&why);
    QVERIFY2(engine, qPrintable(why));
    const QList<Cell> cells = engine->cells();

    int failing = 0;
    QBENCHMARK
    {
        failing = 0;
        for (const Cell &cell : cells)
            failing += engine->check(cell.app, cell.state).isEmpty() ? 0 : 1;
    }
    QCOMPARE(failing, 0);
}

// One drag in the window at full size: a step moved one release later, re-checked with
// Engine::runFrom from the run before the move, next to a whole run of the same edited plan.
void BenchEngine::rerunAfterMove_data()
{
    QTest::addColumn<int>("from");    // the release the moved step is in
    QTest::addColumn<bool>("incremental");
    QTest::addColumn<bool>("firstRelease"); // the step is of a refactoring that starts in r1
    QTest::newRow("move early in the plan (r2 -> r3), runFrom") << 2 << true << false;
    QTest::newRow("move early in the plan (r2 -> r3), whole run") << 2 << false << false;
    QTest::newRow("move of a refactoring starting in r1 (r2 -> r3), runFrom") << 2 << true << true;
    QTest::newRow("move in the middle release (r100 -> r101), runFrom") << 100 << true << false;
    QTest::newRow("move in the middle release (r100 -> r101), whole run") << 100 << false << false;
    QTest::newRow("move into the last release (r199 -> r200), runFrom") << 199 << true << false;
    QTest::newRow("move into the last release (r199 -> r200), whole run") << 199 << false << false;
}

void BenchEngine::rerunAfterMove()
{
    QFETCH(int, from);
    QFETCH(bool, incremental);
    QFETCH(bool, firstRelease);
    QString why;
    const std::shared_ptr<const Engine> before = fullPlanRun(&why); // the run before the edit
    QVERIFY2(before, qPrintable(why));
    // The contract (else the last step) of a refactoring whose step lies in release @p from
    // (with @p firstRelease, one that starts in r1: the window's drag in tst_responsiveness).
    Plan edited = before->plan();
    const PlacedStep *moved = nullptr;
    for (const PlacedStep &p : before->steps()) {
        if (p.release == from && !p.step.isAppStep() && (!moved || p.step.name == QStringLiteral("contract"))
            && (!firstRelease || edited.refactorings.at(p.refactoring).start == QLatin1String("r1")))
            moved = &p;
    }
    QVERIFY(moved);
    edited.refactorings[moved->refactoring].moves.insert(moved->step.name, before->releaseId(from + 1));

    QList<PlanError> errors;
    bool ok = false;
    Engine::Work work;
    QBENCHMARK
    {
        Engine engine(edited);
        ok = incremental ? engine.runFrom(*before, &errors) : engine.run(&errors);
        work = engine.work();
    }
    QVERIFY2(ok, qPrintable(describe(errors)));
    qInfo("moved %s of %s; decomposed %d refactorings, checked %d objects from release %d; states built before "
          "release %d, cells before %d (then the run before's)",
          qPrintable(moved->step.name), qPrintable(edited.refactorings.at(moved->refactoring).id), work.decomposed,
          work.checkedObjects, work.checkedFrom, work.reusedFrom, work.cellsReusedFrom);
}

QTEST_GUILESS_MAIN(BenchEngine)
#include "bench_engine.moc"
