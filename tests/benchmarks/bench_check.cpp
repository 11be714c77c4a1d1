// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// How long the readiness review of `tideline-cli check` takes on a large generated plan: the
// review alone (lints, estimates through every release's bundle, verdicts) on an engine that
// has run, the review after an edit (Review::update), and the whole of check without file I/O
// (engine, review, JSON). Figures and their reading: docs/performance.md, "Readiness review"
// and "Linear review (issue 12)".
#include "plangenerator.h"

#include <engine/engine.h>
#include <review/review.h>
#include <review/reviewjson.h>

#include <QJsonDocument>
#include <QTest>

using namespace Tideline;
using namespace Tideline::Benchmarks;

namespace {

// Qt Test calls each benchmark twice (warm-up, then measured); lift its 5-minute watchdog.
[[maybe_unused]] const bool watchdogLifted = [] {
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArrayLiteral("3600000"));
    return true;
}();

void sizes()
{
    QTest::addColumn<int>("refactorings");
    QTest::addColumn<int>("releases");
    QTest::newRow("500 refactorings, 50 releases") << 500 << 50;
    QTest::newRow("1000 refactorings, 100 releases") << 1000 << 100;
    QTest::newRow("2000 refactorings, 200 releases") << 2000 << 200;
}

PlanSize sizeOf(int refactorings, int releases)
{
    return PlanSize{300, releases, refactorings, PlanSize::groupsNeeded(refactorings, 300)};
}

} // namespace

class BenchCheck : public QObject
{
    Q_OBJECT

private slots:
    void review_data() { sizes(); }
    void review()
    {
        QFETCH(int, refactorings);
        QFETCH(int, releases);
        Engine engine(generatePlan(sizeOf(refactorings, releases)));
        QList<PlanError> errors;
        QVERIFY(engine.run(&errors));
        ReviewResult result;
        // Each time on a copy of the run with an empty cache, as the review after a real run:
        // the engine's cache keeps what the dialect declared for each op (DeclaredScripts), and
        // a review of the same engine again would only read it.
        QBENCHMARK
        {
            const Engine fresh = engine;
            result = Review::run(fresh);
        }
        QCOMPARE(result.releases.size(), releases);
        int findings = 0;
        for (const ReleaseReview &r : result.releases)
            findings += r.findings.size();
        qInfo("%d releases, %d findings, blocked: %s", int(result.releases.size()), findings,
              result.blocked() ? "yes" : "no");
    }

    /** The review after an edit whose first changed release is the last, the middle or the
     *  first one (a drag there): Review::update takes the releases before it over. */
    void reviewUpdate_data()
    {
        QTest::addColumn<int>("refactorings");
        QTest::addColumn<int>("releases");
        QTest::addColumn<int>("from");
        QTest::newRow("2000 refactorings, 200 releases, from r200") << 2000 << 200 << 200;
        QTest::newRow("2000 refactorings, 200 releases, from r100") << 2000 << 200 << 100;
        QTest::newRow("2000 refactorings, 200 releases, from r1") << 2000 << 200 << 1;
    }
    void reviewUpdate()
    {
        QFETCH(int, refactorings);
        QFETCH(int, releases);
        QFETCH(int, from);
        Engine engine(generatePlan(sizeOf(refactorings, releases)));
        QList<PlanError> errors;
        QVERIFY(engine.run(&errors));
        const ReviewResult previous = Review::run(engine);
        ReviewResult result;
        QBENCHMARK
        {
            const Engine fresh = engine; // an empty cache, as after a real run (see review())
            result = Review::update(previous, fresh, from);
        }
        QCOMPARE(result.releases.size(), releases);
    }

    /** The review after a real drag, as the document's worker runs it: a step of a release
     *  moved one release later, Engine::runFrom from the run before, then Review::update from the
     *  engine's first changed release (the releases the move left as they were are taken over). */
    void reviewAfterMove_data()
    {
        QTest::addColumn<int>("from"); // the release the moved step is in
        QTest::newRow("2000 refactorings, 200 releases, move r2 -> r3") << 2;
        QTest::newRow("2000 refactorings, 200 releases, move r100 -> r101") << 100;
        QTest::newRow("2000 refactorings, 200 releases, move r199 -> r200") << 199;
    }
    void reviewAfterMove()
    {
        QFETCH(int, from);
        Engine before(generatePlan(sizeOf(2000, 200)));
        QList<PlanError> errors;
        QVERIFY(before.run(&errors));
        const ReviewResult previous = Review::run(before);
        // The contract (else the last DB step) of a refactoring with a step in release @p from.
        Plan edited = before.plan();
        const PlacedStep *moved = nullptr;
        for (const PlacedStep &p : before.steps()) {
            if (p.release == from && !p.step.isAppStep() && (!moved || p.step.name == QStringLiteral("contract")))
                moved = &p;
        }
        QVERIFY(moved);
        edited.refactorings[moved->refactoring].moves.insert(moved->step.name, before.releaseId(from + 1));
        Engine engine(edited);
        QVERIFY(engine.runFrom(before, &errors));
        ReviewResult result;
        QBENCHMARK
        {
            const Engine fresh = engine; // an empty cache, as after a real run (see review())
            result = Review::update(previous, fresh, fresh.firstChangedRelease());
        }
        QCOMPARE(result.releases.size(), 200);
        qInfo("first changed release %d; linted %d releases, built %d bundles", engine.firstChangedRelease(),
              result.work.linted, result.work.bundled);
    }

    void check_data() { sizes(); }
    void check()
    {
        QFETCH(int, refactorings);
        QFETCH(int, releases);
        const Plan plan = generatePlan(sizeOf(refactorings, releases));
        QByteArray json;
        QBENCHMARK
        {
            Engine engine(plan);
            QList<PlanError> errors;
            QVERIFY(engine.run(&errors));
            json = QJsonDocument(ReviewJson::toJson(Review::run(engine))).toJson();
        }
        QVERIFY(json.size() > 1000);
    }
};

QTEST_GUILESS_MAIN(BenchCheck)
#include "bench_check.moc"
