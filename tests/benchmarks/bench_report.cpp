// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The readiness report of a full-size plan (300 tables, 200 releases, 2,000 refactorings), in
// its parts: the charts (drawn on the GUI thread: they are QCustomPlot widgets), the HTML text,
// and the PDF (laid out and painted, in the window's worker). File › Export Report keeps only
// the charts on the GUI thread; this says what that costs and what the worker does.

#include "plangenerator.h"

#include <charts/reviewchart.h>
#include <engine/engine.h>
#include <report/reportrenderer.h>
#include <review/review.h>

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Tideline;
using namespace Tideline::Benchmarks;

class BenchReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void charts();
    void chart_data();
    void chart();
    void html();
    void pdf();

private:
    QTemporaryDir m_dir;
    ReviewResult m_review;
    std::unique_ptr<ReportRenderer> m_renderer;
};

void BenchReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const Plan plan = generatePlan({300, 200, 2000, PlanSize::groupsNeeded(2000, 300)});
    Engine engine(plan);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    m_review = Review::run(engine);
    QCOMPARE(m_review.releases.size(), 200);
    m_renderer = std::make_unique<ReportRenderer>(m_review);
}

void BenchReport::charts()
{
    QBENCHMARK
    {
        const ReportRenderer renderer(m_review);
        QCOMPARE(renderer.charts().size(), 3);
    }
}

void BenchReport::chart_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("duration") << int(ReviewChart::Kind::Duration);
    QTest::newRow("contract debt") << int(ReviewChart::Kind::ContractDebt);
    QTest::newRow("spans") << int(ReviewChart::Kind::Spans);
}

// One chart as the report draws it: a widget given the review, drawn into an image at 2x.
void BenchReport::chart()
{
    QFETCH(int, kind);
    QImage image;
    QBENCHMARK
    {
        ReviewChart chart{ReviewChart::Kind(kind)};
        chart.setReview(m_review);
        chart.resize(640, 280);
        image = chart.toImage(QSize(640, 280), 2.0);
    }
    QVERIFY(!image.isNull());
}

void BenchReport::html()
{
    qsizetype size = 0;
    QBENCHMARK
    {
        size = m_renderer->html(true).size();
    }
    QVERIFY(size > 1'000'000); // 200 releases' sections
}

void BenchReport::pdf()
{
    const QString path = m_dir.filePath(u"report.pdf"_s);
    int pages = 0;
    QBENCHMARK
    {
        QString error;
        QVERIFY2(m_renderer->writePdf(path, &error, [&pages](int, int total) {
            pages = total;
            return true;
        }),
                 qPrintable(error));
    }
    QVERIFY2(pages > 200, qPrintable(QString::number(pages))); // a page or more per release
}

QTEST_MAIN(BenchReport)
#include "bench_report.moc"
