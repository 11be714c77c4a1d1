// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Verdicts per release: on the examples, with acknowledgements, and with verify results.
#include "reviewtest.h"

#include <review/review.h>
#include <review/reviewjson.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace Tideline;
using namespace Tideline::ReviewTest;

namespace {

using Verdict = ReleaseReview::Verdict;

QStringList verdicts(const ReviewResult &review)
{
    QStringList list;
    for (const ReleaseReview &r : review.releases)
        list << ReleaseReview::verdictName(r.verdict);
    return list;
}

bool hasReason(const ReleaseReview &r, const QString &start)
{
    for (const QString &reason : r.reasons) {
        if (reason.startsWith(start))
            return true;
    }
    return false;
}

VerifyReport verifyFile(const QString &name)
{
    VerifyReport report;
    QString error;
    if (!VerifyReport::load(dataPath(name), &report, &error))
        qWarning("%s", qPrintable(error));
    return report;
}

} // namespace

class TestReview : public QObject
{
    Q_OBJECT

private slots:
    void examples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QStringList>("pendingAfter"); // sizes of pendingAfter per release
        QTest::newRow("customer-full-name") << "customer-full-name.tideline.json"
                                            << QStringList{"ready", "ready", "ready", "ready"}
                                            << QStringList{"1", "1", "1", "0"};
        QTest::newRow("posts-authors") << "posts-authors.tideline.json" << QStringList{"ready", "ready", "ready"}
                                       << QStringList{"1", "1", "0"};
    }

    void examples()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, pendingAfter);
        const auto engine = engineFor(examplePath(file));
        QVERIFY(engine);
        const ReviewResult review = Review::run(*engine);
        QCOMPARE(verdicts(review), expected);
        QVERIFY(!review.blocked());
        for (int i = 0; i < review.releases.size(); ++i) {
            const ReleaseReview &r = review.releases.at(i);
            QCOMPARE(QString::number(r.pendingAfter.size()), pendingAfter.at(i));
            QCOMPARE(r.verify, QStringLiteral("not verified"));
            QVERIFY(hasReason(r, QStringLiteral("not verified")));
            QVERIFY(!r.runbook.isEmpty());
            QCOMPARE(r.cells.size(), 4);
            QCOMPARE(review.badgeText(r.id), r.badgeText());
            QCOMPARE(review.badgeColor(r.id), QColor(0x2e, 0x7d, 0x32));
        }
        // The last release pays the contract the others carried.
        QCOMPARE(review.releases.last().contractsDue.size(), 1);
        QVERIFY(review.badgeText(QStringLiteral("nope")).isEmpty());
    }

    void blockedReasons()
    {
        const auto engine = engineFor(dataPath(QStringLiteral("review-contract-early.tideline.json")));
        QVERIFY(engine);
        const ReviewResult review = Review::run(*engine);
        QCOMPARE(verdicts(review), (QStringList{"ready", "blocked", "ready"}));
        const ReleaseReview &r2 = review.releases.at(1);
        QVERIFY(hasReason(r2, QStringLiteral("required compatibility cell fails: A_1 (r1) on S_2 (r2 post)")));
        QVERIFY(hasReason(r2, QStringLiteral("blocking findings: contract-before-last-user (no-nickname contract)")));
        QCOMPARE(r2.badgeColor(), QColor(0xc6, 0x28, 0x28));
        QVERIFY(r2.badgeText().contains(QStringLiteral("blocked")));
        QVERIFY(review.blocked());
    }

    void warningsAreNotBlocking()
    {
        const auto engine = engineFor(dataPath(QStringLiteral("review-raw-sql.tideline.json")));
        QVERIFY(engine);
        const ReviewResult review = Review::run(*engine);
        QCOMPARE(review.releases.first().verdict, Verdict::Warnings);
        QVERIFY(hasReason(review.releases.first(), QStringLiteral("warnings: raw-sql-unproven (code backfill)")));
        QVERIFY(!review.blocked());
    }

    void rawSqlStepWarnsUntilVerified()
    {
        // Every raw_sql step is an unproven finding: the release is at best "ready with
        // warnings" until verify passes for it; then the findings stay, as info.
        const auto engine = engineFor(dataPath(QStringLiteral("review-raw-sql-step.tideline.json")));
        QVERIFY(engine);
        const ReviewResult before = Review::run(*engine);
        const ReleaseReview &r1 = before.releases.first();
        QCOMPARE(r1.verdict, Verdict::Warnings);
        QVERIFY2(hasReason(r1, QStringLiteral("warnings: raw-sql-unproven (lower-email backfill), raw-sql-unproven (audit post)")),
                 qPrintable(r1.reasons.join(QLatin1Char('\n'))));
        int raw = 0;
        for (const Finding &f : r1.findings) {
            if (f.lint == QLatin1String("raw-sql-unproven")) {
                ++raw;
                QCOMPARE(f.severity, Severity::Warning);
                QVERIFY(f.message.contains(f.step == QLatin1String("audit") || f.refactoring == QLatin1String("audit")
                                               ? QStringLiteral("its guard skips it") : QStringLiteral("it has no guard")));
            }
        }
        QCOMPARE(raw, 2);
        VerifyReport pass;
        pass.file = QStringLiteral("verify-r1.json");
        pass.release = QStringLiteral("r1");
        pass.verdict = QStringLiteral("pass");
        const ReviewResult after = Review::run(*engine, {pass}); // kept: verified refers into it
        const ReleaseReview &verified = after.releases.first();
        QCOMPARE(verified.verdict, Verdict::Ready);
        for (const Finding &f : verified.findings) {
            if (f.lint == QLatin1String("raw-sql-unproven")) {
                QCOMPARE(f.severity, Severity::Info);
                QVERIFY(f.message.endsWith(QStringLiteral("(verify passed: verify-r1.json)")));
            }
        }
        // A failed verify leaves them warnings, and blocks.
        pass.verdict = QStringLiteral("fail");
        QCOMPARE(Review::run(*engine, {pass}).releases.first().verdict, Verdict::Blocked);
    }

    void offlineStepsBlockUnlessAcknowledged()
    {
        const auto plain = engineFor(dataPath(QStringLiteral("review-type-mysql.tideline.json")));
        QVERIFY(plain);
        const ReleaseReview r2 = Review::run(*plain).releases.at(1);
        QCOMPARE(r2.verdict, Verdict::Blocked);
        QVERIFY(hasReason(r2, QStringLiteral("not zero-downtime: offline steps big-customer-id contract")));

        const auto engine = engineFor(dataPath(QStringLiteral("review-acknowledged.tideline.json")));
        QVERIFY(engine);
        const ReleaseReview acked = Review::run(*engine).releases.at(1);
        int acknowledged = 0;
        for (const Finding &f : acked.findings) {
            if (f.lint == QLatin1String("offline-step") || f.lint == QLatin1String("in-place-type-change")) {
                QVERIFY2(f.acknowledged, qPrintable(f.lint));
                QVERIFY(!f.reason.isEmpty());
                ++acknowledged;
            }
            if (f.lint == QLatin1String("non-online-index"))
                QVERIFY(!f.acknowledged); // no acknowledgement names it
        }
        QCOMPARE(acknowledged, 2);
        QVERIFY(hasReason(acked, QStringLiteral("acknowledged offline-step (big-customer-id contract): maintenance window "
                                                "Sunday 02:00, approved by ops")));
        // Still blocked by the index rebuild nobody accepted.
        QCOMPARE(acked.verdict, Verdict::Blocked);
        QVERIFY(hasReason(acked, QStringLiteral("blocking findings: non-online-index (big-customer-id contract)")));

        // Accept that too, and the release may ship.
        const auto all = engineFor(dataPath(QStringLiteral("review-acknowledged.tideline.json")), [](Plan *p) {
            p->acknowledgements.append({QStringLiteral("non-online-index"), {}, {}, QStringLiteral("orders"),
                                        QStringLiteral("rebuilt in the same window")});
        });
        QVERIFY(all);
        QCOMPARE(Review::run(*all).releases.at(1).verdict, Verdict::Ready);
    }

    void acknowledgementMatching()
    {
        Finding f;
        f.lint = QStringLiteral("offline-step");
        f.refactoring = QStringLiteral("a");
        f.step = QStringLiteral("contract");
        f.object = QStringLiteral("t.c");
        QVERIFY(Review::matches({QStringLiteral("offline-step"), {}, {}, {}, QStringLiteral("ok")}, f));
        QVERIFY(Review::matches({QStringLiteral("offline-step"), QStringLiteral("a"), QStringLiteral("contract"),
                                 QStringLiteral("t.c"), QStringLiteral("ok")}, f));
        QVERIFY(!Review::matches({QStringLiteral("drop-in-use"), {}, {}, {}, QStringLiteral("ok")}, f));
        QVERIFY(!Review::matches({QStringLiteral("offline-step"), QStringLiteral("b"), {}, {}, QStringLiteral("ok")}, f));
        QVERIFY(!Review::matches({QStringLiteral("offline-step"), {}, QStringLiteral("expand"), {}, QStringLiteral("ok")}, f));
        QVERIFY(!Review::matches({QStringLiteral("offline-step"), {}, {}, QStringLiteral("t.d"), QStringLiteral("ok")}, f));
    }

    void verifyPassReplacesEstimates()
    {
        const auto engine = engineFor(examplePath(QStringLiteral("customer-full-name.tideline.json")));
        QVERIFY(engine);
        const VerifyReport pass = verifyFile(QStringLiteral("review-verify-r2-pass.json"));
        QCOMPARE(pass.release, QStringLiteral("r2"));
        const ReviewResult before = Review::run(*engine);
        const ReviewResult after = Review::run(*engine, {pass});
        QVERIFY(before.releases.at(1).estimate.backfill > 240);
        QCOMPARE(after.releases.at(1).estimate.backfill, 200.0);
        QCOMPARE(after.releases.at(1).verify, QStringLiteral("pass"));
        QVERIFY(hasReason(after.releases.at(1), QStringLiteral("verify passed")));
        QCOMPARE(after.releases.at(1).verdict, Verdict::Ready);
        bool measured = false;
        for (const ScriptEstimate &s : after.releases.at(1).scripts)
            measured = measured || s.measuredSeconds == 200.0;
        QVERIFY(measured);
        // Other releases keep their static estimates.
        QCOMPARE(after.releases.at(0).estimate.backfill, before.releases.at(0).estimate.backfill);
        QCOMPARE(after.releases.at(0).verify, QStringLiteral("not verified"));
    }

    void verifyFailBlocks()
    {
        const auto engine = engineFor(examplePath(QStringLiteral("customer-full-name.tideline.json")));
        QVERIFY(engine);
        const ReviewResult review = Review::run(*engine, {verifyFile(QStringLiteral("review-verify-r2-fail.json"))});
        const ReleaseReview &r2 = review.releases.at(1);
        QCOMPARE(r2.verdict, Verdict::Blocked);
        QCOMPARE(r2.verify, QStringLiteral("fail"));
        QVERIFY(hasReason(r2, QStringLiteral("verify failed: backfill/001-full-name-required-backfill.sql failed")));
    }

    void badVerifyFiles()
    {
        VerifyReport report;
        QString error;
        QVERIFY(!VerifyReport::load(dataPath(QStringLiteral("no-such-file.json")), &report, &error));
        QVERIFY(error.contains(QStringLiteral("cannot read")));
        QVERIFY(!VerifyReport::load(dataPath(QStringLiteral("cli-broken-json.tideline.json")), &report, &error));
        QVERIFY(error.contains(QStringLiteral("not a verify JSON object")));
        QVERIFY(!VerifyReport::load(dataPath(QStringLiteral("cli-valid.tideline.json")), &report, &error));
        QVERIFY(error.contains(QStringLiteral("\"verdict\"")));
    }

    void json()
    {
        const auto engine = engineFor(dataPath(QStringLiteral("review-acknowledged.tideline.json")));
        QVERIFY(engine);
        const ReviewResult review = Review::run(*engine);
        const QJsonObject all = ReviewJson::toJson(review);
        QCOMPARE(all.value(QStringLiteral("releases")).toArray().size(), 3);
        const QJsonObject one = ReviewJson::toJson(review, QStringLiteral("r2"));
        const QJsonArray releases = one.value(QStringLiteral("releases")).toArray();
        QCOMPARE(releases.size(), 1);
        const QJsonObject r2 = releases.first().toObject();
        QCOMPARE(r2.value(QStringLiteral("release")).toString(), QStringLiteral("r2"));
        QCOMPARE(r2.value(QStringLiteral("verdict")).toString(), QStringLiteral("blocked"));
        QVERIFY(r2.value(QStringLiteral("reasons")).isArray());
        for (const char *key : {"pre", "backfill", "post", "offline"})
            QVERIFY(r2.value(QStringLiteral("estimate_s")).toObject().value(QLatin1String(key)).isDouble());
        bool sawAcknowledged = false;
        for (const QJsonValue &v : r2.value(QStringLiteral("findings")).toArray()) {
            const QJsonObject f = v.toObject();
            for (const char *key : {"id", "severity", "refactoring", "step", "object", "message"})
                QVERIFY2(f.value(QLatin1String(key)).isString(), key);
            QVERIFY(f.value(QStringLiteral("acknowledged")).isBool());
            if (f.value(QStringLiteral("acknowledged")).toBool()) {
                sawAcknowledged = true;
                QVERIFY(!f.value(QStringLiteral("reason")).toString().isEmpty());
            }
        }
        QVERIFY(sawAcknowledged);
    }

    void githubAndGitlab()
    {
        const auto engine = engineFor(dataPath(QStringLiteral("review-acknowledged.tideline.json")));
        QVERIFY(engine);
        const ReviewResult review = Review::run(*engine);
        const QString text = ReviewJson::github(review, QStringLiteral("plans/a,b.tideline.json"));
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        static const QRegularExpression command(QStringLiteral("^::(error|warning|notice) file=([^,:]+),title=([^:,]+)::(.+)$"));
        for (const QString &line : lines) {
            const auto m = command.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line));
            QCOMPARE(m.captured(2), QStringLiteral("plans/a%2Cb.tideline.json")); // ',' escaped in properties
        }
        QVERIFY(text.contains(QStringLiteral("::error file=plans/a%2Cb.tideline.json,title=non-online-index ")));
        QVERIFY(text.contains(QStringLiteral("::notice file=plans/a%2Cb.tideline.json,title=offline-step ")));
        const QJsonArray issues = QJsonDocument::fromJson(ReviewJson::gitlab(review, QStringLiteral("plan.json"))).array();
        QCOMPARE(issues.size(), lines.size());
        QVERIFY(issues.first().toObject().contains(QStringLiteral("fingerprint")));
    }
};

QTEST_GUILESS_MAIN(TestReview)
#include "tst_review.moc"
