// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The readiness report: charts drawn, every release in the HTML, and a real A4 PDF.
#include "../review/reviewtest.h"

#include <charts/reviewchart.h>
#include <report/reportrenderer.h>
#include <review/review.h>

#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QTextDocument>
#include <QUrl>
#include <QPageSize>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Tideline;
using namespace Tideline::ReviewTest;

namespace {

/** The pages of a PDF, counted from its page objects. */
int pdfPages(const QByteArray &pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![s\\w])"));
    int n = 0;
    auto it = page.globalMatch(QString::fromLatin1(pdf));
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

/** The width and height in points of the first page's MediaBox. */
QSizeF mediaBox(const QByteArray &pdf)
{
    static const QRegularExpression box(QStringLiteral("/MediaBox\\s*\\[\\s*0\\s+0\\s+([\\d.]+)\\s+([\\d.]+)\\s*\\]"));
    const auto m = box.match(QString::fromLatin1(pdf));
    return m.hasMatch() ? QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()) : QSizeF();
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void examples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("customer-full-name") << "customer-full-name.tideline.json";
        QTest::newRow("posts-authors") << "posts-authors.tideline.json";
    }

    void examples()
    {
        QFETCH(QString, file);
        const auto engine = engineFor(examplePath(file));
        QVERIFY(engine);
        const ReviewResult review = Review::run(*engine);
        const ReportRenderer renderer(review);

        QCOMPARE(renderer.charts().size(), 3);
        for (const QImage &chart : renderer.charts()) {
            QVERIFY(!chart.isNull());
            QVERIFY(chart.width() >= 1200); // drawn at twice the 640 px it is shown at
            // Not blank: the chart has coloured pixels (bars, lines) besides white and grey.
            bool coloured = false;
            for (int y = 0; y < chart.height() && !coloured; y += 4) {
                for (int x = 0; x < chart.width() && !coloured; x += 4) {
                    const QColor c = chart.pixelColor(x, y);
                    coloured = c.saturation() > 100;
                }
            }
            QVERIFY(coloured);
        }

        const QString html = renderer.html(true);
        QCOMPARE(html.count(QStringLiteral("<img src=\"data:image/png;base64,")), 3);
        for (const ReleaseReview &r : review.releases) {
            QVERIFY2(html.contains(QStringLiteral("<h2 style=\"page-break-before:always\">Release %1").arg(r.id)),
                     qPrintable(r.id));
            QVERIFY(html.contains(QStringLiteral("Runbook: release %1").arg(r.id)));
        }
        QVERIFY(html.contains(QStringLiteral("Sign-off")));
        QVERIFY(!renderer.html(false).contains(QStringLiteral("data:image")));

        QTemporaryDir dir;
        QString error;
        const QString pdfPath = dir.filePath(QStringLiteral("report.pdf"));
        QVERIFY2(renderer.writePdf(pdfPath, &error), qPrintable(error));
        QFile pdf(pdfPath);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        // A summary (with the charts) and at least one page per release, each on a new page.
        const int pages = pdfPages(bytes);
        QVERIFY2(pages >= review.releases.size() + 1, qPrintable(QString::number(pages)));
        QVERIFY(pages <= 3 * review.releases.size() + 3);
        const QSizeF a4 = QPageSize(QPageSize::A4).size(QPageSize::Point);
        QVERIFY(qAbs(mediaBox(bytes).width() - a4.width()) < 1);
        QVERIFY(qAbs(mediaBox(bytes).height() - a4.height()) < 1);

        const QString htmlPath = dir.filePath(QStringLiteral("report.html"));
        QVERIFY(renderer.writeHtml(htmlPath, &error));
        QVERIFY(QFile(htmlPath).size() > 10000);

        // To look at the report: TIDELINE_REPORT_DUMP=DIR keeps the HTML and PDF, and an image
        // of the HTML as QTextDocument lays it out 760 px wide (the PDF: pdftoppm -png -r 80).
        if (const QString dump = qEnvironmentVariable("TIDELINE_REPORT_DUMP"); !dump.isEmpty()) {
            const QString base = QDir(dump).filePath(QFileInfo(file).completeBaseName());
            QVERIFY(renderer.writeHtml(base + QStringLiteral(".html"), &error));
            QVERIFY(renderer.writePdf(base + QStringLiteral(".pdf"), &error));
            QTextDocument doc;
            for (int i = 0; i < renderer.charts().size(); ++i)
                doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart-%1.png").arg(i + 1)),
                                renderer.charts().at(i));
            doc.setHtml(renderer.html(false));
            doc.setTextWidth(760);
            QImage image(760, int(doc.size().height()), QImage::Format_RGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            doc.drawContents(&painter);
            painter.end();
            QVERIFY(image.save(base + QStringLiteral("-html.png")));
        }
    }

    void oneRelease()
    {
        const auto engine = engineFor(examplePath(QStringLiteral("customer-full-name.tideline.json")));
        QVERIFY(engine);
        const ReviewResult review = Review::run(*engine);
        const QString html = ReportRenderer(review, QStringLiteral("r2")).html(false);
        QVERIFY(html.contains(QStringLiteral(">Release r2 (2027.01)")));
        QVERIFY(!html.contains(QStringLiteral(">Release r1 ")));
        QVERIFY(!html.contains(QStringLiteral(">Release r3 ")));
        QVERIFY(html.contains(QStringLiteral("<td>r3</td>"))); // the summary keeps every release
    }

    void unwritablePath()
    {
        const auto engine = engineFor(examplePath(QStringLiteral("posts-authors.tideline.json")));
        QVERIFY(engine);
        const ReportRenderer renderer(Review::run(*engine));
        QString error;
        QVERIFY(!renderer.writePdf(QStringLiteral("/nonexistent-dir/report.pdf"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!renderer.writeHtml(QStringLiteral("/nonexistent-dir/report.html"), &error));
    }

    void charts()
    {
        const auto engine = engineFor(examplePath(QStringLiteral("customer-full-name.tideline.json")));
        QVERIFY(engine);
        const ReviewResult review = Review::run(*engine);
        ReviewChart duration(ReviewChart::Kind::Duration);
        duration.setReview(review);
        QCOMPARE(duration.plottableCount(), 4); // pre, backfill, post, offline stacked
        ReviewChart debt(ReviewChart::Kind::ContractDebt);
        debt.setReview(review);
        QCOMPARE(debt.plottableCount(), 2); // contracts paid (bars), pending (line)
        ReviewChart spans(ReviewChart::Kind::Spans);
        spans.setReview(review);
        QCOMPARE(spans.itemCount(), 2 * review.spans.size()); // a bar and a label each
        // Drawing again replaces, never adds.
        spans.setReview(review);
        QCOMPARE(spans.itemCount(), 2 * review.spans.size());
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
