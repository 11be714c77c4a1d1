// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The readiness report: charts drawn, every release in the HTML, and a real A4 PDF.
#include "../review/reviewtest.h"

#include <charts/reviewchart.h>
#include <report/reportrenderer.h>
#include <review/review.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QThread>
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

/** The pages of @p pdf as PNG files (poppler's pdftoppm at 50 dpi), in order. */
QStringList renderPages(const QString &pdf, const QString &prefix)
{
    QProcess render;
    render.start(QStringLiteral("pdftoppm"), {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("50"), pdf, prefix});
    if (!render.waitForFinished(120000) || render.exitCode() != 0)
        return {};
    const QFileInfo base(prefix);
    QStringList pages;
    for (const QString &name : QDir(base.absolutePath()).entryList({base.fileName() + QStringLiteral("-*.png")}, QDir::Files, QDir::Name))
        pages << base.absoluteDir().filePath(name);
    return pages;
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
        // The summary keeps every release: the text of a row of its table, as a reader sees it.
        QTextDocument doc;
        doc.setHtml(html);
        const QString summary = doc.toPlainText().section(QStringLiteral("Sign-off"), 0, 0);
        for (const char *id : {"r1", "r2", "r3"})
            QVERIFY2(summary.contains(QRegularExpression(QStringLiteral("(^|\\s)%1(\\s|$)").arg(QLatin1String(id)))), id);
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

    // writePdf paints a page at a time (to say how far it got and to stop between pages). The
    // pages must be what Qt's own QTextDocument::print() makes of the same document: both PDFs
    // are rendered by poppler (pdftoppm) and compared pixel for pixel, page by page. The
    // renderer runs in a worker thread, as the window runs it.
    void pagesAreQtsOwnPrint()
    {
        const auto engine = engineFor(examplePath(QStringLiteral("customer-full-name.tideline.json")));
        QVERIFY(engine);
        const ReportRenderer renderer(Review::run(*engine));
        QTemporaryDir dir;
        const QString ours = dir.filePath(QStringLiteral("ours.pdf"));
        QList<QPair<int, int>> calls;
        QString error;
        bool written = false;
        QThread *worker = QThread::create([&] {
            written = renderer.writePdf(ours, &error, [&calls](int done, int total) {
                calls.append({done, total});
                return true;
            });
        });
        worker->start();
        QVERIFY(worker->wait(120000));
        delete worker;
        QVERIFY2(written, qPrintable(error));

        // The reference: the same HTML, charts, font and page, printed by Qt in one call.
        const QString qts = dir.filePath(QStringLiteral("qt.pdf"));
        {
            QTextDocument doc;
            doc.setDocumentMargin(0);
            for (int i = 0; i < renderer.charts().size(); ++i)
                doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart-%1.png").arg(i + 1)),
                                renderer.charts().at(i));
            QFont font = doc.defaultFont();
            font.setPointSize(9);
            doc.setDefaultFont(font);
            doc.setHtml(renderer.html(false));
            QPdfWriter writer(qts);
            writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                             QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
            writer.setResolution(300);
            doc.setPageSize(writer.pageLayout().paintRect(QPageLayout::Point).size() * (96.0 / 72.0));
            doc.print(&writer);
        }
        const QStringList ourPages = renderPages(ours, dir.filePath(QStringLiteral("ours")));
        const QStringList qtPages = renderPages(qts, dir.filePath(QStringLiteral("qt")));
        QVERIFY(ourPages.size() >= 4); // the summary and a page or more per release
        QCOMPARE(ourPages.size(), qtPages.size());
        for (int i = 0; i < ourPages.size(); ++i) {
            const QImage a(ourPages.at(i)), b(qtPages.at(i));
            QVERIFY(!a.isNull());
            QVERIFY2(a == b, qPrintable(QStringLiteral("page %1 differs").arg(i + 1)));
        }
        // Progress: once the text is laid out (0 of n), then after each page.
        QVERIFY(!calls.isEmpty());
        QCOMPARE(calls.first(), qMakePair(0, 0));
        const int pages = int(ourPages.size());
        QCOMPARE(calls.last(), qMakePair(pages, pages));
        QCOMPARE(calls.size(), pages + 2);
    }

    // Cancelled before the layout, or after a page: nothing written, an older file kept whole.
    void cancelledPdfKeepsTheOldFile_data()
    {
        QTest::addColumn<int>("stopAt");
        QTest::newRow("before the layout") << 0;
        QTest::newRow("after the layout") << 1;
        QTest::newRow("after the second page") << 3;
    }

    void cancelledPdfKeepsTheOldFile()
    {
        QFETCH(int, stopAt);
        const auto engine = engineFor(examplePath(QStringLiteral("customer-full-name.tideline.json")));
        QVERIFY(engine);
        const ReportRenderer renderer(Review::run(*engine));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.pdf"));
        const QByteArray old = "the report of last week\n";
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(old);
        }
        int calls = 0;
        QString error;
        QVERIFY(!renderer.writePdf(path, &error, [&](int, int) { return ++calls <= stopAt; }));
        QCOMPARE(error, ReportRenderer::cancelledMessage());
        QCOMPARE(calls, stopAt + 1); // nothing more is done after the cancel
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), old);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("report.pdf")});
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
        // A few releases: every one is labelled.
        QStringList ids;
        for (const ReleaseReview &r : review.releases)
            ids << r.id;
        QCOMPARE(duration.releaseLabels(), ids);
        QCOMPARE(debt.releaseLabels(), ids);
    }

    // Many releases: the release axis labels every step-th one (1, 2, 5, 10, 20, … apart), so
    // that the labels of 200 releases do not run into each other (once they were a black smear).
    void chartsOfManyReleases()
    {
        ReviewResult review;
        for (int k = 1; k <= 200; ++k) {
            ReleaseReview r;
            r.id = QStringLiteral("r%1").arg(k);
            review.releases << r;
        }
        for (auto kind : {ReviewChart::Kind::Duration, ReviewChart::Kind::ContractDebt}) {
            ReviewChart chart(kind);
            chart.setReview(review);
            const QStringList labels = chart.releaseLabels();
            QVERIFY2(labels.size() >= 5 && labels.size() <= 16, qPrintable(labels.join(u' ')));
            QCOMPARE(labels.first(), QStringLiteral("r1"));
            // Evenly apart: r1, r(1 + step), r(1 + 2 step), …
            const int step = labels.at(1).mid(1).toInt() - 1;
            QVERIFY(QList<int>({2, 5, 10, 20, 50}).contains(step));
            for (int i = 0; i < labels.size(); ++i)
                QCOMPARE(labels.at(i), QStringLiteral("r%1").arg(1 + i * step));
        }
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
