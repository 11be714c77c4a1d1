// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "../benchmarks/plangenerator.h"

#include <engine/engine.h>
#include <io/planfile.h>
#include <itemmodels/categorystyle.h>
#include <itemmodels/timelinemodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <utility>

using namespace Tideline;
using Lane = TimelineModel::LaneKind;
using namespace Qt::StringLiterals;

/** The timeline as an item model: lanes, slots, chips and arrows from one engine run. */
class TestTimelineModel : public QObject
{
    Q_OBJECT

private slots:
    void passesModelTester_data();
    void passesModelTester();
    void placesChipsOfCustomerExample();
    void marksPendingContract();
    void failingCheckCarriesReasons();
    void stepsBeyondPlanGoToLaterColumn();
    void nullEngineIsEmpty();
    void planWithoutReleases();
    void releaseBadgeSurvivesRebuild();
    void categoryColoursAreDistinctAndReadable();
    void updateAfterAnEditEqualsAFreshBuild();
};

namespace {

std::unique_ptr<Engine> engineFor(const QString &path)
{
    Plan plan;
    QList<PlanError> errors;
    if (!PlanFile::load(path, &plan, &errors))
        return nullptr;
    auto engine = std::make_unique<Engine>(plan);
    if (!engine->run(&errors))
        return nullptr;
    return engine;
}

QString example(const char *name)
{
    return QStringLiteral(TIDELINE_EXAMPLES "/") + QLatin1String(name);
}

QString data(const char *name)
{
    return QStringLiteral(TIDELINE_TEST_DATA "/") + QLatin1String(name);
}

/** Every role of every cell and header of @p model, in one list (the model as a view sees it). */
struct Snapshot
{
    QList<QVariant> cells;   // row-major, roles in order
    QList<QVariant> lanes;   // vertical headers
    QList<QVariant> columns; // horizontal headers
    int rows = 0, columnCount = 0;
};

QList<int> roles()
{
    QList<int> list;
    for (int role = Qt::DisplayRole; role <= Qt::StatusTipRole; ++role)
        list << role;
    list << Qt::ForegroundRole << Qt::BackgroundRole;
    for (int role = TimelineModel::LaneKindRole; role <= TimelineModel::ArrowsRole; ++role)
        list << role;
    return list;
}

Snapshot snapshot(const TimelineModel &model)
{
    Snapshot s;
    s.rows = model.rowCount();
    s.columnCount = model.columnCount();
    const QList<int> all = roles();
    for (int row = 0; row < s.rows; ++row) {
        for (int column = 0; column < s.columnCount; ++column) {
            const QModelIndex index = model.index(row, column);
            for (int role : all)
                s.cells << model.data(index, role);
        }
        for (int role : all)
            s.lanes << model.headerData(row, Qt::Vertical, role);
    }
    for (int column = 0; column < s.columnCount; ++column) {
        for (int role : all)
            s.columns << model.headerData(column, Qt::Horizontal, role);
    }
    return s;
}

} // namespace

void TestTimelineModel::passesModelTester_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("customer") << example("customer-full-name.tideline.json");
    QTest::newRow("posts") << example("posts-authors.tideline.json");
    QTest::newRow("failing") << data("cli-insert-not-null.tideline.json");
    QTest::newRow("unscheduled") << data("cli-pending-unscheduled.tideline.json");
}

void TestTimelineModel::passesModelTester()
{
    QFETCH(QString, path);
    const auto engine = engineFor(path);
    QVERIFY(engine);

    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEngine(engine.get());
    QCOMPARE(model.rowCount(), 2 + engine->plan().refactorings.size());
    QVERIFY(model.columnCount() >= 1 + 4 * engine->releaseCount());
    // Touch every cell in every role the grid and the panels use.
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int col = 0; col < model.columnCount(); ++col) {
            const QModelIndex index = model.index(row, col);
            for (int role = Qt::DisplayRole; role <= TimelineModel::ArrowsRole; ++role)
                model.data(index, role);
        }
    }
    model.setEngine(nullptr, {QStringLiteral("broken")});
    QCOMPARE(model.rowCount(), 0);
    model.setEngine(engine.get());
    QCOMPARE(model.rowCount(), 2 + engine->plan().refactorings.size());
}

void TestTimelineModel::placesChipsOfCustomerExample()
{
    const auto engine = engineFor(example("customer-full-name.tideline.json"));
    QVERIFY(engine);
    TimelineModel model;
    model.setEngine(engine.get());

    QCOMPARE(model.releaseCount(), 4);
    QCOMPARE(model.columnCount(), 1 + 4 * 4);
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("App"));
    QCOMPARE(model.headerData(1, Qt::Vertical).toString(), QStringLiteral("Schema"));
    QCOMPARE(model.laneOf(QStringLiteral("full-name")), 2);
    QCOMPARE(model.lanes().at(2).subtitle, QStringLiteral("Merge columns"));
    QCOMPARE(model.lanes().at(2).table, QStringLiteral("customer"));
    QVERIFY(model.headerData(2, Qt::Vertical, Qt::ToolTipRole).toString().contains(QStringLiteral("Merge columns · customer")));
    QCOMPARE(model.headerData(2, Qt::Vertical, TimelineModel::LaneKindRole).toInt(),
             int(Lane::Refactoring));

    // The moved contract sits in r4's post slot, flagged as moved.
    const int contract = model.chipIndex(QStringLiteral("full-name"), QStringLiteral("contract"));
    QVERIFY(contract >= 0);
    const TimelineModel::Chip &chip = model.chips().at(contract);
    QCOMPARE(chip.releaseId, QStringLiteral("r4"));
    QCOMPARE(chip.category, QStringLiteral("contract"));
    QVERIFY(chip.moved);
    QCOMPARE(chip.column, model.column(4, Phase::Post));
    const QModelIndex cell = model.index(2, chip.column);
    const QVariantList chips = model.data(cell, TimelineModel::ChipsRole).toList();
    QCOMPARE(chips.size(), 1);
    QCOMPARE(chips.first().toMap().value(QStringLiteral("step")).toString(), QStringLiteral("contract"));
    QCOMPARE(chips.first().toMap().value(QStringLiteral("moved")).toBool(), true);
    QCOMPARE(model.data(cell, Qt::BackgroundRole).value<QColor>(), CategoryStyle::color(QStringLiteral("contract")));

    // The expand is not moved and runs in r1's pre slot.
    const int expand = model.chipIndex(QStringLiteral("full-name"), QStringLiteral("expand"));
    QVERIFY(expand >= 0);
    QCOMPARE(model.chips().at(expand).column, model.column(1, Phase::Pre));
    QVERIFY(!model.chips().at(expand).moved);
    QCOMPARE(model.chipsAt(2, model.column(1, Phase::Pre)), QList<int>{expand});

    // Release columns and the App and Schema points.
    const int r1pre = model.column(1, Phase::Pre);
    QCOMPARE(model.headerData(r1pre, Qt::Horizontal, TimelineModel::ReleaseIdRole).toString(), QStringLiteral("r1"));
    QCOMPARE(model.headerData(r1pre, Qt::Horizontal, TimelineModel::ReleaseStatusRole).toString(), QStringLiteral("deployed"));
    QCOMPARE(model.headerData(r1pre, Qt::Horizontal, TimelineModel::ReleaseDateRole).toDate(), QDate(2026, 12, 1));
    QCOMPARE(model.headerData(0, Qt::Horizontal, TimelineModel::ReleaseIdRole).toString(), QStringLiteral("baseline"));
    QCOMPARE(model.data(model.index(0, model.column(2, Phase::App))).toString(), QStringLiteral("A_2"));
    QCOMPARE(model.data(model.index(1, model.column(2, Phase::Pre))).toString(), QStringLiteral("P_2"));
    QCOMPARE(model.data(model.index(1, model.column(2, Phase::Post))).toString(), QStringLiteral("S_2"));
    QCOMPARE(model.data(model.index(1, 0)).toString(), QStringLiteral("S_0"));
    QVERIFY(!model.data(model.index(1, model.column(2, Phase::App))).isValid());
    // Four checks per release, all passing in the example.
    QCOMPARE(model.arrows().size(), 4 * 4);
    for (const TimelineModel::Arrow &a : model.arrows())
        QVERIFY2(!a.required || a.ok, qPrintable(a.reasons));
    QCOMPARE(model.arrowsOfRelease(2).size(), 4);
    QCOMPARE(model.data(model.index(0, model.column(2, Phase::App)), TimelineModel::ArrowsRole).toList().size(), 4);
}

void TestTimelineModel::marksPendingContract()
{
    const auto engine = engineFor(example("customer-full-name.tideline.json"));
    QVERIFY(engine);
    TimelineModel model;
    model.setEngine(engine.get());
    // r1 is deployed: the merge's expand shipped, its contract waits for r4.
    const int lane = model.laneOf(QStringLiteral("full-name"));
    QVERIFY(model.headerData(lane, Qt::Vertical, TimelineModel::PendingRole).toBool());
    QCOMPARE(model.headerData(lane, Qt::Vertical, TimelineModel::PendingAgeRole).toInt(), 0);
    QCOMPARE(model.headerData(lane, Qt::Vertical, TimelineModel::PendingTextRole).toString(),
             QStringLiteral("pending since r1"));
    QVERIFY(model.headerData(lane, Qt::Vertical, Qt::ToolTipRole).toString().contains(QStringLiteral("r4")));
    const int other = model.laneOf(QStringLiteral("full-name-required"));
    QVERIFY(!model.headerData(other, Qt::Vertical, TimelineModel::PendingRole).toBool());
    QVERIFY(!model.headerData(other, Qt::Vertical, TimelineModel::PendingTextRole).isValid());
}

void TestTimelineModel::failingCheckCarriesReasons()
{
    const auto engine = engineFor(data("cli-insert-not-null.tideline.json"));
    QVERIFY(engine);
    QVERIFY(!engine->compatible());
    TimelineModel model;
    model.setEngine(engine.get());

    int failing = -1;
    for (int i = 0; i < model.arrows().size(); ++i) {
        if (model.arrows().at(i).required && !model.arrows().at(i).ok)
            failing = i;
    }
    QVERIFY(failing >= 0);
    const TimelineModel::Arrow &arrow = model.arrows().at(failing);
    QVERIFY(arrow.reasons.contains(QStringLiteral("first_name")));
    QVERIFY(model.arrowToolTip(failing).contains(arrow.reasons));
    QVERIFY(model.arrowToolTip(failing).contains(arrow.appName));

    // The state the failing app version meets is red, with the same reasons.
    const QModelIndex state = model.index(model.schemaLane(), model.column(arrow.stateRelease, arrow.statePhase));
    QCOMPARE(model.data(state, TimelineModel::OkRole).toBool(), false);
    QVERIFY(model.data(state, TimelineModel::ReasonsRole).toString().contains(QStringLiteral("first_name")));
    QVERIFY(model.data(state, Qt::ToolTipRole).toString().contains(QStringLiteral("first_name")));
    QCOMPARE(model.app(arrow.appRelease).ok, false);
}

void TestTimelineModel::stepsBeyondPlanGoToLaterColumn()
{
    const auto engine = engineFor(data("cli-pending-unscheduled.tideline.json"));
    QVERIFY(engine);
    TimelineModel model;
    model.setEngine(engine.get());
    QVERIFY(model.hasLaterColumn());
    // Expanded in r2, one deployed release since, and no contract in the plan.
    QCOMPARE(model.headerData(model.laneOf(QStringLiteral("full-name")), Qt::Vertical,
                              TimelineModel::PendingTextRole)
                 .toString(),
             QStringLiteral("pending since r2 · 1 release · no contract"));
    const int later = model.laterColumn();
    QCOMPARE(model.columnCount(), later + 1);
    QCOMPARE(model.headerData(later, Qt::Horizontal, TimelineModel::SlotKindRole).toInt(),
             int(TimelineModel::SlotKind::Later));
    bool found = false;
    for (const TimelineModel::Chip &chip : model.chips()) {
        if (chip.release > model.releaseCount()) {
            QCOMPARE(chip.column, later);
            QVERIFY(chip.releaseId.isEmpty());
            found = true;
        }
    }
    QVERIFY(found);
}

void TestTimelineModel::nullEngineIsEmpty()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEngine(nullptr, {QStringLiteral("releases[0].id: missing")});
    QVERIFY(!model.hasEngine());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 0);
    QCOMPARE(model.problems(), QStringList{QStringLiteral("releases[0].id: missing")});
    QVERIFY(!model.headerData(0, Qt::Horizontal).isValid());
}

void TestTimelineModel::planWithoutReleases()
{
    Plan plan;
    Engine engine(plan);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEngine(&engine);
    QCOMPARE(model.releaseCount(), 0);
    QCOMPARE(model.columnCount(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("A_0"));
}

void TestTimelineModel::releaseBadgeSurvivesRebuild()
{
    const auto engine = engineFor(example("customer-full-name.tideline.json"));
    QVERIFY(engine);
    TimelineModel model;
    model.setEngine(engine.get());
    QSignalSpy spy(&model, &QAbstractItemModel::headerDataChanged);
    model.setReleaseBadge(QStringLiteral("r2"), QStringLiteral("blocked"), Qt::red);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(0).value<Qt::Orientation>(), Qt::Horizontal);
    const int r2 = model.column(2, Phase::Backfill);
    QCOMPARE(model.headerData(r2, Qt::Horizontal, TimelineModel::BadgeTextRole).toString(), QStringLiteral("blocked"));
    QCOMPARE(model.headerData(r2, Qt::Horizontal, TimelineModel::BadgeColorRole).value<QColor>(), QColor(Qt::red));
    QVERIFY(!model.headerData(model.column(3, Phase::Pre), Qt::Horizontal, TimelineModel::BadgeTextRole).isValid());

    model.setEngine(engine.get());
    QCOMPARE(model.release(2).badge, QStringLiteral("blocked"));
    model.setReleaseBadge(QStringLiteral("r2"), {}, {});
    QVERIFY(!model.headerData(r2, Qt::Horizontal, TimelineModel::BadgeTextRole).isValid());
}

void TestTimelineModel::categoryColoursAreDistinctAndReadable()
{
    const QStringList categories = CategoryStyle::categories();
    QCOMPARE(categories.size(), 7);
    QVERIFY(categories.contains(QStringLiteral("app")));
    QCOMPARE(CategoryStyle::label(QStringLiteral("app")), QStringLiteral("App change"));
    for (const QString &c : categories) {
        // Text on a chip meets WCAG AA for large/bold text at least.
        QVERIFY2(CategoryStyle::contrast(CategoryStyle::color(c), CategoryStyle::textColor(c)) >= 4.0,
                 qPrintable(c));
        for (const QString &d : categories) {
            if (c == d)
                continue;
            const QColor a = CategoryStyle::color(c).toRgb(), b = CategoryStyle::color(d).toRgb();
            const int distance = qAbs(a.red() - b.red()) + qAbs(a.green() - b.green()) + qAbs(a.blue() - b.blue());
            QVERIFY2(distance > 80, qPrintable(c + QStringLiteral(" vs ") + d));
        }
    }
    QCOMPARE(CategoryStyle::label(QStringLiteral("mystery")), QStringLiteral("mystery"));
}

QTEST_GUILESS_MAIN(TestTimelineModel)
// A drag re-checks the plan and the model updates in place (dataChanged for what differs):
// after every edit the model must be, role by role and in its typed accessors, the model built
// anew from the same run, and every cell or header that differs from before the edit must be
// inside what the model said changed (dataChanged, headerDataChanged, or a reset).
void TestTimelineModel::updateAfterAnEditEqualsAFreshBuild()
{
    using namespace Tideline::Benchmarks;
    const PlanSize size{12, 10, 60, PlanSize::groupsNeeded(60, 12)};
    Plan plan = generatePlan(size);
    // Two releases deployed: their expands whose contracts come later are pending, and a
    // contract moved changes its lane's pending contract.
    for (int k = 0; k < 2; ++k)
        plan.releases[k].status = Release::Status::Deployed;
    auto shown = std::make_shared<Engine>(plan);
    QList<PlanError> errors;
    QVERIFY(shown->run(&errors));
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEngine(shown.get());
    model.setReleaseBadge(QStringLiteral("r3"), QStringLiteral("blocked"), Qt::red);

    // The edits: each step of a few refactorings one release later (a drag), then back.
    QList<std::pair<QString, QString>> moves; // refactoring, step
    for (const TimelineModel::Chip &chip : model.chips()) {
        if (chip.release >= 3 && chip.release < size.releases && moves.size() < 24
            && (moves.isEmpty() || moves.constLast().first != chip.refactoring))
            moves.append({chip.refactoring, chip.step});
    }
    QVERIFY(moves.size() >= 12);
    int pendingLanes = 0;
    for (const TimelineModel::Lane &lane : model.lanes())
        pendingLanes += lane.pending;
    QVERIFY(pendingLanes > 0);

    int inPlace = 0, resets = 0, edits = 0;
    for (const auto &[refactoring, step] : std::as_const(moves)) {
        for (int back = 0; back < 2; ++back) {
            const TimelineModel::Chip &chip = model.chips().at(model.chipIndex(refactoring, step));
            const int to = back ? chip.release - 1 : chip.release + 1;
            Plan edited = plan;
            edited.refactorings[edited.refactoringIndex(refactoring)].moves.insert(
                step, model.release(to).id);
            auto engine = std::make_shared<Engine>(edited);
            errors.clear();
            if (!engine->runFrom(*shown, &errors))
                continue; // a move the engine refuses is not shown
            ++edits;

            const Snapshot before = snapshot(model);
            QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
            QSignalSpy data(&model, &QAbstractItemModel::dataChanged);
            QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
            model.setEngine(engine.get());
            TimelineModel fresh;
            fresh.setReleaseBadge(QStringLiteral("r3"), QStringLiteral("blocked"), Qt::red);
            fresh.setEngine(engine.get());

            const QString where = refactoring + u'.' + step + (back ? u" back"_s : u" on"_s);
            QCOMPARE(model.lanes(), fresh.lanes());
            QCOMPARE(model.chips(), fresh.chips());
            QCOMPARE(model.arrows(), fresh.arrows());
            for (int k = 0; k <= model.releaseCount(); ++k) {
                QCOMPARE(model.app(k), fresh.app(k));
                QCOMPARE(model.arrowsOfApp(k), fresh.arrowsOfApp(k));
                QCOMPARE(model.arrowsOfRelease(k), fresh.arrowsOfRelease(k));
                if (k > 0) {
                    QCOMPARE(model.state(k, Phase::Pre), fresh.state(k, Phase::Pre));
                    QCOMPARE(model.state(k, Phase::Post), fresh.state(k, Phase::Post));
                    QCOMPARE(model.release(k), fresh.release(k));
                }
            }
            QCOMPARE(model.hasLaterColumn(), fresh.hasLaterColumn());
            for (int c = 0; c < fresh.chips().size(); ++c) {
                const TimelineModel::Chip &f = fresh.chips().at(c);
                QCOMPARE(model.chipIndex(f.refactoring, f.step), c);
            }
            const Snapshot after = snapshot(model);
            const Snapshot expected = snapshot(fresh);
            QCOMPARE(after.rows, expected.rows);
            QCOMPARE(after.columnCount, expected.columnCount);
            QVERIFY2(after.cells == expected.cells, qPrintable(where));
            QVERIFY2(after.lanes == expected.lanes, qPrintable(where));
            QVERIFY2(after.columns == expected.columns, qPrintable(where));

            if (!reset.isEmpty()) {
                ++resets;
            } else {
                ++inPlace;
                // Whatever differs from before lies inside what the model announced.
                const int n = int(roles().size());
                QCOMPARE(before.rows, after.rows);
                QCOMPARE(before.columnCount, after.columnCount);
                for (int row = 0; row < after.rows; ++row) {
                    for (int column = 0; column < after.columnCount; ++column) {
                        const qsizetype at = (qsizetype(row) * after.columnCount + column) * n;
                        if (std::equal(after.cells.cbegin() + at, after.cells.cbegin() + at + n,
                                       before.cells.cbegin() + at))
                            continue;
                        const bool told = std::any_of(data.cbegin(), data.cend(), [&](const QList<QVariant> &args) {
                            const QModelIndex from = args.at(0).toModelIndex(), to = args.at(1).toModelIndex();
                            return row >= from.row() && row <= to.row() && column >= from.column()
                                   && column <= to.column();
                        });
                        QVERIFY2(told, qPrintable(u"%1: cell %2,%3 changed unannounced"_s.arg(where).arg(row).arg(column)));
                    }
                    if (std::equal(after.lanes.cbegin() + row * n, after.lanes.cbegin() + (row + 1) * n,
                                   before.lanes.cbegin() + row * n))
                        continue;
                    const bool told = std::any_of(headers.cbegin(), headers.cend(), [&](const QList<QVariant> &args) {
                        return args.at(0).value<Qt::Orientation>() == Qt::Vertical
                               && row >= args.at(1).toInt() && row <= args.at(2).toInt();
                    });
                    QVERIFY2(told, qPrintable(u"%1: lane %2's header changed unannounced"_s.arg(where).arg(row)));
                }
                QCOMPARE(after.columns, before.columns); // releases alike, or a reset
            }
            plan = edited;
            shown = engine;
        }
    }
    qInfo("%d edits: %d updated in place, %d reset", edits, inPlace, resets);
    QVERIFY(edits >= 12);
    QVERIFY(inPlace >= edits / 2); // the in-place path is what is proved here
}

#include "tst_timelinemodel.moc"
