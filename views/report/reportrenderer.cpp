// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportrenderer.h"

#include <io/outputfile.h>

#include <charts/reviewchart.h>

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QDateTime>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPalette>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>
#include <QUrl>

namespace Tideline {

namespace {

constexpr int ChartWidth = 640; // logical pixels: fits A4 portrait with 15 mm margins

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString duration(double s)
{
    return s >= 60 ? QStringLiteral("%1 min").arg(QLocale::c().toString(s / 60, 'f', 1))
                   : QStringLiteral("%1 s").arg(QLocale::c().toString(s, 'f', 1));
}

/** The verdict in its colour; @p style adds to the span's style (QTextDocument does not let a
 *  span inherit the font size of the span around it). */
QString verdictCell(const ReleaseReview &r, const QString &style = {})
{
    return QStringLiteral("<span style=\"color:%1; font-weight:bold%3\">%2</span>")
        .arg(r.badgeColor().name(), esc(ReleaseReview::verdictTitle(r.verdict).toUpper()), style);
}

QString severityColor(Severity s)
{
    return s == Severity::Error ? QStringLiteral("#c62828") : s == Severity::Warning ? QStringLiteral("#b26a00") : QStringLiteral("#555555");
}

/** The body of a Markdown text as HTML, through Qt's own Markdown reader. */
QString markdownBody(const QString &markdown)
{
    QTextDocument doc;
    doc.setMarkdown(markdown);
    const QString html = doc.toHtml();
    static const QRegularExpression body(QStringLiteral("<body[^>]*>(.*)</body>"),
                                         QRegularExpression::DotMatchesEverythingOption);
    return body.match(html).captured(1);
}

const QString TableStyle = QStringLiteral(
    "border=\"0.5\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\" style=\"border-collapse:collapse; "
    "border-style:solid; border-color:#999999; font-size:8pt\"");

} // namespace

ReportRenderer::Chart ReportRenderer::drawChart(int index, const ReviewResult &review)
{
    static constexpr ReviewChart::Kind Kinds[ChartCount] = {ReviewChart::Kind::Duration,
                                                            ReviewChart::Kind::ContractDebt,
                                                            ReviewChart::Kind::Spans};
    const ReviewChart::Kind kind = Kinds[index];
    ReviewChart chart(kind);
    chart.setReview(review);
    const QSize size(ChartWidth, chart.preferredHeight(kind == ReviewChart::Kind::Spans ? 260 : 280));
    chart.resize(size);
    return {chart.toImage(size, 2.0), size};
}

ReportRenderer::ReportRenderer(const ReviewResult &review, const QString &releaseId)
    : m_review(review)
    , m_release(releaseId)
{
    for (int i = 0; i < ChartCount; ++i) {
        const Chart chart = drawChart(i, m_review);
        m_charts << chart.image;
        m_chartSizes << chart.size;
    }
}

ReportRenderer::ReportRenderer(const ReviewResult &review, const QString &releaseId, const QList<Chart> &charts)
    : m_review(review)
    , m_release(releaseId)
{
    for (const Chart &chart : charts) {
        m_charts << chart.image;
        m_chartSizes << chart.size;
    }
}

QString ReportRenderer::html(bool inlineImages) const
{
    QString h;
    h += QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Readiness report: %1</title>"
                        "<style>body{font-family:sans-serif; font-size:9pt; max-width:760px; margin:auto} "
                        "h1{font-size:16pt} h2{font-size:13pt; margin-top:14pt} h3{font-size:10.5pt} "
                        "td,th{vertical-align:top; text-align:left} pre{white-space:pre-wrap}</style>"
                        "</head><body>\n")
             .arg(esc(m_review.plan));
    h += QStringLiteral("<h1>Readiness report: %1</h1>\n").arg(esc(m_review.plan));
    h += QStringLiteral("<p>Engine: %1 · generated %2 by tideline-cli · estimates from row counts and "
                        "per-engine costs (docs/review.md), replaced by verify measurements where given.</p>\n")
             .arg(esc(m_review.dialect), QDate::currentDate().toString(Qt::ISODate));

    // Summary: nine columns, in a smaller type so that they fit A4 side by side (QTextDocument
    // takes no font size from a table's style, so each cell says it), the verdict on one line
    // (a narrow column broke "WARNINGS" letter by letter).
    const auto cell = [](const QString &tag, const QString &html, bool oneLine = false) {
        return QStringLiteral("<%1%2><span style=\"font-size:7pt\">%3</span></%1>")
            .arg(tag, oneLine ? QStringLiteral(" style=\"white-space:nowrap\"") : QString(), html);
    };
    h += QStringLiteral("<h2>Summary</h2>\n<table %1><tr>").arg(TableStyle);
    for (const char *header : {"release", "label", "status", "verdict", "estimate", "errors", "warnings", "acknowledged", "verify"})
        h += cell(QStringLiteral("th"), QString::fromLatin1(header));
    h += QStringLiteral("</tr>\n");
    for (const ReleaseReview &r : m_review.releases) {
        int acknowledged = 0;
        for (const Finding &f : r.findings)
            acknowledged += f.acknowledged ? 1 : 0;
        h += QStringLiteral("<tr>") + cell(QStringLiteral("td"), esc(r.id)) + cell(QStringLiteral("td"), esc(r.label))
             + cell(QStringLiteral("td"), esc(r.status)) + cell(QStringLiteral("td"), verdictCell(r, QStringLiteral("; font-size:7pt")), true)
             + cell(QStringLiteral("td"), duration(r.estimate.total()))
             + cell(QStringLiteral("td"), QString::number(r.count(Severity::Error, false)))
             + cell(QStringLiteral("td"), QString::number(r.count(Severity::Warning, false)))
             + cell(QStringLiteral("td"), QString::number(acknowledged)) + cell(QStringLiteral("td"), esc(r.verify))
             + QStringLiteral("</tr>\n");
    }
    h += QStringLiteral("</table>\n");

    // Charts.
    for (int i = 0; i < m_charts.size(); ++i) {
        QString src = QStringLiteral("chart-%1.png").arg(i + 1);
        if (inlineImages) {
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            m_charts.at(i).save(&buffer, "PNG");
            src = QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
        }
        h += QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\" alt=\"chart %4\"></p>\n")
                 .arg(src)
                 .arg(m_chartSizes.at(i).width())
                 .arg(m_chartSizes.at(i).height())
                 .arg(i + 1);
    }
    int withSteps = 0;
    for (const RefactoringSpan &s : m_review.spans)
        withSteps += s.expand > 0 ? 1 : 0;
    if (withSteps > ReviewChart::MaxSpans)
        h += QStringLiteral("<p><i>The span chart shows the first %1 of %2 refactorings.</i></p>\n")
                 .arg(ReviewChart::MaxSpans)
                 .arg(withSteps);

    // Ruled boxes to write in, on paper or in a PDF editor.
    h += QStringLiteral("<h2>Sign-off</h2>\n<table border=\"1\" cellspacing=\"0\" cellpadding=\"6\" width=\"100%\" "
                        "style=\"border-collapse:collapse; border-color:#666666; font-size:8pt\"><tr><th width=\"35%\">"
                        "release manager</th><th width=\"20%\">date</th><th>signature</th></tr>"
                        "<tr><td>&nbsp;<br>&nbsp;<br>&nbsp;</td><td></td><td></td></tr></table>\n");

    for (const ReleaseReview &r : m_review.releases) {
        if (m_release.isEmpty() || r.id == m_release)
            h += releaseSection(r);
    }
    h += QStringLiteral("</body></html>\n");
    return h;
}

QString ReportRenderer::releaseSection(const ReleaseReview &r) const
{
    QString h = QStringLiteral("<h2 style=\"page-break-before:always\">Release %1%2 — %3</h2>\n")
                    .arg(esc(r.id), r.label.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(esc(r.label)),
                         verdictCell(r));
    h += QStringLiteral("<h3>Reasons</h3>\n<ul>\n");
    for (const QString &reason : r.reasons)
        h += QStringLiteral("<li>%1</li>\n").arg(esc(reason));
    h += QStringLiteral("</ul>\n");

    h += QStringLiteral("<h3>Estimates</h3>\n<table %1><tr><th>phase</th><th>script</th><th>refactoring / step</th>"
                        "<th>estimate</th><th>measured</th></tr>\n")
             .arg(TableStyle);
    for (const ScriptEstimate &s : r.scripts)
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3 / %4</td><td>%5</td><td>%6</td></tr>\n")
                 .arg(esc(s.phase), esc(s.path), esc(s.refactoring), esc(s.step), duration(s.estimateSeconds),
                      s.measuredSeconds >= 0 ? duration(s.measuredSeconds) : QStringLiteral("–"));
    h += QStringLiteral("<tr><td colspan=\"3\"><b>total</b> (pre %1, backfill %2, post %3, offline %4)</td>"
                        "<td colspan=\"2\"><b>%5</b></td></tr></table>\n")
             .arg(duration(r.estimate.pre), duration(r.estimate.backfill), duration(r.estimate.post),
                  duration(r.estimate.offline), duration(r.estimate.total()));

    h += QStringLiteral("<h3>Findings</h3>\n");
    if (r.findings.isEmpty()) {
        h += QStringLiteral("<p>No findings.</p>\n");
    } else {
        h += QStringLiteral("<table %1><tr><th width=\"12%\">severity</th><th width=\"17%\">lint</th>"
                            "<th width=\"18%\">refactoring / step</th><th>finding</th></tr>\n")
                 .arg(TableStyle);
        for (const Finding &f : r.findings) {
            QString message = esc(f.message);
            if (f.acknowledged)
                message += QStringLiteral("<br><i>acknowledged: %1</i>").arg(esc(f.reason));
            h += QStringLiteral("<tr><td style=\"color:%1\">%2</td><td>%3</td><td>%4 / %5</td><td>%6</td></tr>\n")
                     .arg(f.acknowledged ? QStringLiteral("#777777") : severityColor(f.severity),
                          esc(severityName(f.severity)) + (f.acknowledged ? QStringLiteral(" (ack.)") : QString()),
                          esc(f.lint), esc(f.refactoring), esc(f.step), message);
        }
        h += QStringLiteral("</table>\n");
    }

    h += QStringLiteral("<h3>Compatibility</h3>\n<table %1><tr><th width=\"22%\">app</th><th width=\"22%\">schema</th>"
                        "<th width=\"12%\">required</th><th>result</th></tr>\n")
             .arg(TableStyle);
    for (const CellLine &c : r.cells) {
        QString result = c.ok ? QStringLiteral("<span style=\"color:#2e7d32\">✔ works</span>")
                              : QStringLiteral("<span style=\"color:#c62828\">✘ fails</span>");
        for (const QString &f : c.failures)
            result += QStringLiteral("<br>") + esc(f);
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>\n")
                 .arg(esc(c.app), esc(c.state), c.required ? QStringLiteral("yes") : QStringLiteral("no"), result);
    }
    h += QStringLiteral("</table>\n");

    if (!r.runbook.isEmpty()) {
        // The runbook's own title becomes the section heading.
        QString runbook = r.runbook;
        QString title = QStringLiteral("Runbook");
        if (runbook.startsWith(QLatin1String("# "))) {
            const qsizetype end = runbook.indexOf(QLatin1Char('\n'));
            title = runbook.mid(2, end - 2);
            runbook = runbook.mid(end + 1);
        }
        h += QStringLiteral("<h3>%1</h3>\n<div style=\"font-size:8pt\">%2</div>\n").arg(esc(title), markdownBody(runbook));
    }
    return h;
}

bool ReportRenderer::writeHtml(const QString &path, QString *error) const
{
    return OutputFile::writeAll(path, html(true).toUtf8(), error);
}

QString ReportRenderer::cancelledMessage()
{
    return QStringLiteral("the report was cancelled; nothing was written");
}

bool ReportRenderer::writePdf(const QString &path, QString *error, const Progress &progress) const
{
    const auto cancelled = [&](int done, int total) {
        if (!progress || progress(done, total))
            return false;
        if (error)
            *error = cancelledMessage();
        return true;
    };
    QTextDocument doc;
    doc.setDocumentMargin(0);
    for (int i = 0; i < m_charts.size(); ++i)
        doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart-%1.png").arg(i + 1)), m_charts.at(i));
    QFont font = doc.defaultFont();
    font.setPointSize(9);
    doc.setDefaultFont(font);
    doc.setHtml(html(false));
    if (cancelled(0, 0))
        return false;

    // QPdfWriter ignores the results of its writes: OutputFile keeps the first failure for commit().
    OutputFile file(path);
    if (!file.begin(error))
        return false;
    {
        QPdfWriter writer(&file);
        writer.setTitle(QStringLiteral("Readiness report: %1").arg(m_review.plan));
        writer.setCreator(QStringLiteral("Tideline"));
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15),
                                         QPageLayout::Millimeter));
        writer.setResolution(300);
        // Lay the document out on the printable area (in CSS pixels, 96 per inch), then paint it
        // a page at a time as QTextDocument::print() paints a paginated document (each page's
        // slice of the layout, scaled to the device, clipped to the page, black text), so that
        // a long report says how far it got and can stop between pages.
        const QSizeF points = writer.pageLayout().paintRect(QPageLayout::Point).size();
        doc.setPageSize(points * (96.0 / 72.0));
        const int pages = doc.pageCount(); // lays the whole document out
        if (cancelled(0, pages))
            return false; // the file is discarded, unwritten
        QPainter painter(&writer);
        const QSizeF page = doc.pageSize();
        painter.scale(writer.width() / page.width(), writer.height() / page.height());
        QAbstractTextDocumentLayout::PaintContext context;
        // A palette of its own: the default one copies the application's, which the GUI thread
        // may change meanwhile. Black on white, as print() paints.
        context.palette = QPalette(Qt::black, Qt::white);
        context.palette.setColor(QPalette::Text, Qt::black);
        for (int i = 0; i < pages; ++i) {
            if (i > 0)
                writer.newPage();
            const QRectF view(0, i * page.height(), page.width(), page.height());
            painter.save();
            painter.translate(0, -view.top());
            painter.setClipRect(view);
            context.clip = view;
            doc.documentLayout()->draw(&painter, context);
            painter.restore();
            if (cancelled(i + 1, pages))
                return false;
        }
    }
    return file.commit(error);
}

} // namespace Tideline
