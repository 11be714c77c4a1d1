// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// How the timeline grid copes with a large plan (200 releases, 2,000 refactorings): building its
// model from an engine run, painting the visible grid, scrolling by a page, and re-checking
// after a move (Engine::run on the moved plan, then the model rebuilt and laid out).
// Figures and their reading: docs/performance.md, section "Timeline grid".

#include "plangenerator.h"

#include <engine/engine.h>
#include <itemmodels/timelinemodel.h>
#include <timeline/timelinegrid.h>

#include <QDir>
#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Tideline;
using namespace Tideline::Benchmarks;

namespace {

constexpr PlanSize FullSize{300, 200, 2000, PlanSize::groupsNeeded(2000, 300)};
const QSize WindowSize(1600, 1000);

struct Fixture
{
    Plan plan;
    std::unique_ptr<Engine> engine;
    TimelineModel model;
    TimelineGrid grid;
};

std::unique_ptr<Fixture> &fixtureHolder()
{
    static std::unique_ptr<Fixture> f;
    return f;
}

/** One plan, engine, model and grid for all benchmarks (the engine run alone takes ~0.25 s). */
Fixture &fixture()
{
    std::unique_ptr<Fixture> &f = fixtureHolder();
    if (!f) {
        f = std::make_unique<Fixture>();
        f->plan = generatePlan(FullSize);
        f->engine = std::make_unique<Engine>(f->plan);
        QList<PlanError> errors;
        if (!f->engine->run(&errors))
            qFatal("Engine::run failed on the generated plan");
        f->model.setEngine(f->engine.get());
        f->grid.setModel(&f->model);
        f->grid.resize(WindowSize);
        f->grid.show();
        qInfo("plan: %d releases, %d refactorings -> %d lanes, %d columns, %d chips, %d arrows",
              int(f->plan.releases.size()), int(f->plan.refactorings.size()),
              f->model.rowCount(), f->model.columnCount(), int(f->model.chips().size()),
              int(f->model.arrows().size()));
    }
    return *f;
}

QImage render(TimelineGrid &grid)
{
    QImage image(grid.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    grid.viewport()->render(&image);
    return image;
}

} // namespace

class BenchTimeline : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void buildModel();
    void paintVisible_data();
    void paintVisible();
    void scrollPage_data();
    void scrollPage();
    void recheckAfterMove();
    void modelAfterMove();
    void engineRunAfterMove();
};

void BenchTimeline::initTestCase()
{
    fixture();
}

void BenchTimeline::cleanupTestCase()
{
    fixtureHolder().reset(); // widgets go before the application does
}

// The model from an engine run, with the grid's layout following the reset.
void BenchTimeline::buildModel()
{
    Fixture &f = fixture();
    QBENCHMARK
    {
        // From nothing: the same run again would update the model in place, changing nothing.
        f.model.setEngine(nullptr);
        f.model.setEngine(f.engine.get());
    }
    QCOMPARE(f.model.rowCount(), 2 + int(f.plan.refactorings.size()));
    QVERIFY(f.grid.layout().contentWidth() > 200 * 4 * 60); // every release is laid out
}

void BenchTimeline::paintVisible_data()
{
    QTest::addColumn<double>("x"); // fraction of the scroll range
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("zoom");
    QTest::newRow("start") << 0.0 << 0.0 << 1.0;
    QTest::newRow("middle") << 0.5 << 0.5 << 1.0;
    QTest::newRow("end") << 1.0 << 1.0 << 1.0;
    QTest::newRow("middle, zoomed out") << 0.5 << 0.5 << 0.4;
}

// One full repaint of the viewport (1600×1000) into an image.
void BenchTimeline::paintVisible()
{
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, zoom);
    Fixture &f = fixture();
    f.grid.setZoom(zoom);
    f.grid.horizontalScrollBar()->setValue(int(x * f.grid.horizontalScrollBar()->maximum()));
    f.grid.verticalScrollBar()->setValue(int(y * f.grid.verticalScrollBar()->maximum()));
    QImage image;
    QBENCHMARK
    {
        image = render(f.grid);
    }
    QVERIFY(!image.isNull());
    const QString dir = qEnvironmentVariable("TIDELINE_GRID_SCREENSHOTS");
    if (!dir.isEmpty()) {
        QString name = QString::fromLatin1(QTest::currentDataTag());
        name.replace(QLatin1String(", "), QLatin1String("-")).replace(QLatin1Char(' '), QLatin1Char('-'));
        image.save(QDir(dir).filePath(QStringLiteral("grid-bench-%1.png").arg(name)));
    }
    f.grid.resetZoom();
}

void BenchTimeline::scrollPage_data()
{
    QTest::addColumn<bool>("vertical");
    QTest::newRow("down a page") << true;
    QTest::newRow("right a page") << false;
}

// Scrolling by a page and painting what comes into view.
void BenchTimeline::scrollPage()
{
    QFETCH(bool, vertical);
    Fixture &f = fixture();
    QScrollBar *bar = vertical ? f.grid.verticalScrollBar() : f.grid.horizontalScrollBar();
    bar->setValue(0);
    QImage image;
    QBENCHMARK
    {
        int next = bar->value() + bar->pageStep();
        if (next > bar->maximum())
            next = 0;
        bar->setValue(next);
        image = render(f.grid);
    }
    QVERIFY(!image.isNull());
}

namespace {

/** The plan with the contract of a drop_column in its middle delayed by one release: nothing
 *  depends on that step, so the move is accepted. Returns the moved chip's ids and target. */
Plan movedPlan(const Fixture &f, QString *refactoring, QString *step, QString *releaseId)
{
    Plan moved = f.plan;
    for (int c = int(f.model.chips().size()) / 2; c < f.model.chips().size(); ++c) {
        const TimelineModel::Chip &chip = f.model.chips().at(c);
        if (chip.step == QLatin1String("contract") && !chip.releaseId.isEmpty()
            && chip.release < f.model.releaseCount()
            && f.model.lanes().at(chip.lane).catalogKind == QLatin1String("drop_column")) {
            *refactoring = chip.refactoring;
            *step = chip.step;
            *releaseId = f.model.release(chip.release + 1).id;
            moved.refactorings[moved.refactoringIndex(chip.refactoring)].moves.insert(chip.step, *releaseId);
            break;
        }
    }
    return moved;
}

} // namespace

// What a drag costs once the move is accepted: the engine re-runs on the moved plan and the
// grid shows the result (model rebuilt, layout redone, the moved chip scrolled to and painted).
void BenchTimeline::recheckAfterMove()
{
    Fixture &f = fixture();
    QString refactoring, step, releaseId;
    const Plan moved = movedPlan(f, &refactoring, &step, &releaseId);
    QVERIFY(!releaseId.isEmpty());

    std::unique_ptr<Engine> engine;
    bool ok = false;
    QList<PlanError> errors;
    QBENCHMARK
    {
        engine = std::make_unique<Engine>(moved);
        errors.clear();
        ok = engine->run(&errors);
        f.model.setEngine(engine.get());
        f.grid.chipRect(refactoring, step); // scroll to it, as after a drop
        render(f.grid);
    }
    QVERIFY2(ok, qPrintable(errors.isEmpty() ? QString() : errors.first().toString()));
    QVERIFY(engine->compatible());
    QCOMPARE(f.model.chips().at(f.model.chipIndex(refactoring, step)).releaseId, releaseId);
    f.model.setEngine(f.engine.get());
}

// The model's share of a drag: the run after the move comes in, then the run before it again
// (an undo); both update the model in place (dataChanged for the cells that differ).
void BenchTimeline::modelAfterMove()
{
    Fixture &f = fixture();
    QString refactoring, step, releaseId;
    const Plan moved = movedPlan(f, &refactoring, &step, &releaseId);
    QVERIFY(!releaseId.isEmpty());
    Engine engine(moved);
    QList<PlanError> errors;
    QVERIFY(engine.runFrom(*f.engine, &errors));
    QSignalSpy resets(&f.model, &QAbstractItemModel::modelReset);
    QBENCHMARK
    {
        f.model.setEngine(&engine);
        f.model.setEngine(f.engine.get());
    }
    QCOMPARE(resets.size(), 0);
    f.model.setEngine(&engine);
    QCOMPARE(f.model.chips().at(f.model.chipIndex(refactoring, step)).releaseId, releaseId);
    f.model.setEngine(f.engine.get());
}

// The engine's share of recheckAfterMove().
void BenchTimeline::engineRunAfterMove()
{
    Fixture &f = fixture();
    QString refactoring, step, releaseId;
    const Plan moved = movedPlan(f, &refactoring, &step, &releaseId);
    QVERIFY(!releaseId.isEmpty());
    bool ok = false;
    QBENCHMARK
    {
        Engine engine(moved);
        QList<PlanError> errors;
        ok = engine.run(&errors);
    }
    QVERIFY(ok);
}

QTEST_MAIN(BenchTimeline)
#include "bench_timeline.moc"
