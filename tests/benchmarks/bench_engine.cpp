// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// How long the engine takes to evaluate a large plan: every schema state S_0, P_1, S_1, … and
// the whole compatibility matrix (Engine::run), at full size and in a scaling series.
// Figures and their reading: docs/performance.md.

#include "plangenerator.h"

#include <engine/engine.h>

#include <QTest>

using namespace Tideline;
using namespace Tideline::Benchmarks;

namespace {

/** Full size: 300 tables, 200 releases, 2,000 refactorings. */
constexpr PlanSize FullSize{300, 200, 2000, 7};
/**
 * The scaling series keeps the width of every table fixed, wide enough for its densest row
 * (2,000 refactorings over 75 tables), so that each row changes only the dimension it names.
 */
constexpr int SeriesGroups = (2000 + 75 - 1) / 75;

QString describe(const Engine &engine)
{
    QStringList lines;
    int shown = 0;
    for (const Cell &cell : engine.cells()) {
        if (!cell.required || cell.ok())
            continue;
        for (const Failure &f : cell.failures) {
            if (!f.warning && shown++ < 10)
                lines << QStringLiteral("%1 on %2: [%3] %4").arg(engine.apps().at(cell.app).name,
                                                                engine.states().at(cell.state).name,
                                                                f.rule, f.message);
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
 * schedule passes every required cell; prints the plan's dimensions.
 */
bool checkPlan(const Plan &plan, QString *why)
{
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
          int(plan.baseline.schema.tables.size()), columns, int(plan.releases.size()),
          int(plan.refactorings.size()), int(engine.steps().size()), int(engine.states().size()),
          int(engine.cells().size()), warnings);
    return true;
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
};

// (a) The whole evaluation at full size.
void BenchEngine::runFullPlan()
{
    const Plan plan = generatePlan(FullSize);
    QString why;
    QVERIFY2(checkPlan(plan, &why), qPrintable(why));

    Engine engine(plan);
    QList<PlanError> errors;
    bool ok = false;
    QBENCHMARK {
        ok = engine.run(&errors);
    }
    QVERIFY2(ok, qPrintable(describe(errors)));
}

// (b) Releases and refactorings together at 25/50/100 % with 300 tables; then tables at
// 75/150/300 with 200 releases and 2,000 refactorings. Table width is the same in every row.
void BenchEngine::runScaling_data()
{
    QTest::addColumn<int>("tables");
    QTest::addColumn<int>("releases");
    QTest::addColumn<int>("refactorings");

    QTest::newRow("25%: releases 50, refactorings 500, tables 300") << 300 << 50 << 500;
    QTest::newRow("50%: releases 100, refactorings 1000, tables 300") << 300 << 100 << 1000;
    QTest::newRow("100%: releases 200, refactorings 2000, tables 300") << 300 << 200 << 2000;
    QTest::newRow("tables 75, releases 200, refactorings 2000") << 75 << 200 << 2000;
    QTest::newRow("tables 150, releases 200, refactorings 2000") << 150 << 200 << 2000;
    QTest::newRow("tables 300, releases 200, refactorings 2000 (same as row 3)") << 300 << 200 << 2000;
}

void BenchEngine::runScaling()
{
    QFETCH(int, tables);
    QFETCH(int, releases);
    QFETCH(int, refactorings);

    const Plan plan = generatePlan({tables, releases, refactorings, SeriesGroups});
    QString why;
    QVERIFY2(checkPlan(plan, &why), qPrintable(why));

    Engine engine(plan);
    QList<PlanError> errors;
    bool ok = false;
    QBENCHMARK {
        ok = engine.run(&errors);
    }
    QVERIFY2(ok, qPrintable(describe(errors)));
}

// The matrix alone at full size: every cell checked again on states the engine already built.
// Engine::run minus this is the cost of placing steps and building the states.
void BenchEngine::checkMatrixFullPlan()
{
    const Plan plan = generatePlan(FullSize);
    Engine engine(plan);
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(describe(errors)));
    const QList<Cell> cells = engine.cells();

    qsizetype failures = 0;
    QBENCHMARK {
        failures = 0;
        for (const Cell &cell : cells)
            failures += engine.check(cell.app, cell.state).size();
    }
    QVERIFY(failures >= 0);
}

QTEST_GUILESS_MAIN(BenchEngine)
#include "bench_engine.moc"
