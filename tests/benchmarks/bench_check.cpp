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
        QBENCHMARK
        {
            result = Review::run(engine);
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
            result = Review::update(previous, engine, from);
        }
        QCOMPARE(result.releases.size(), releases);
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
