// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The readiness panel shows the review it is given: verdicts, the selected release's reasons
// and findings, and the charts.
#include "../review/reviewtest.h"

#include <charts/reviewchart.h>
#include <panels/readinesspanel.h>

#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

using namespace Tideline;
using namespace Tideline::ReviewTest;

class TestReadinessPanel : public QObject
{
    Q_OBJECT

private slots:
    void showsReview()
    {
        const auto engine = engineFor(dataPath(QStringLiteral("review-acknowledged.tideline.json")));
        QVERIFY(engine);
        const ReviewResult review = Review::run(*engine);
        ReadinessPanel panel;
        panel.resize(900, 800);
        QSignalSpy selected(&panel, &ReadinessPanel::releaseSelected);
        panel.setReview(review);
        panel.show();

        QCOMPARE(panel.releaseTable()->rowCount(), 3);
        QCOMPARE(panel.releaseTable()->item(1, 1)->text(), review.releases.at(1).badgeText());
        QCOMPARE(panel.releaseTable()->item(1, 1)->foreground().color(), QColor(0xc6, 0x28, 0x28));
        QCOMPARE(panel.selectedRelease(), QStringLiteral("r1"));

        QVERIFY(panel.selectRelease(QStringLiteral("r2")));
        QCOMPARE(panel.selectedRelease(), QStringLiteral("r2"));
        QCOMPARE(selected.last().first().toString(), QStringLiteral("r2"));
        const QString details = panel.details()->toPlainText();
        QVERIFY(details.contains(QStringLiteral("blocked")));
        QVERIFY(details.contains(QStringLiteral("non-online-index")));
        QVERIFY(details.contains(QStringLiteral("acknowledged: maintenance window Sunday 02:00")));
        QVERIFY(!panel.selectRelease(QStringLiteral("r9")));

        QCOMPARE(panel.charts().size(), 3);
        QCOMPARE(panel.charts().first()->plottableCount(), 4);
        if (const QString dump = qEnvironmentVariable("TIDELINE_REPORT_DUMP"); !dump.isEmpty())
            QVERIFY(panel.grab().save(dump + QStringLiteral("/readinesspanel.png")));

        // A new review keeps the selection.
        panel.setReview(review);
        QCOMPARE(panel.selectedRelease(), QStringLiteral("r2"));
        panel.setReview(ReviewResult());
        QCOMPARE(panel.releaseTable()->rowCount(), 0);
        QVERIFY(panel.details()->toPlainText().isEmpty());
    }
};

QTEST_MAIN(TestReadinessPanel)
#include "tst_readinesspanel.moc"
