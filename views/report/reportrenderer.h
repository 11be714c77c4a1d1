// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <review/review.h>

#include <QImage>
#include <QList>
#include <QString>

#include <functional>

namespace Tideline {

/**
 * The readiness report a release manager reads and signs: a summary of every release with
 * the charts, then one page per release with its verdict and reasons, estimates, findings,
 * compatibility and runbook. HTML embeds the charts as PNG data URIs; the PDF is the same
 * document laid out by QTextDocument on A4 through QPdfWriter, a page break before each release.
 * Needs a QApplication (the charts are QCustomPlot widgets): construct it on the GUI thread.
 * Once constructed it holds only data, and html(), writeHtml() and writePdf() may run in a
 * worker thread (they use QTextDocument, QPdfWriter and QImage, which Qt lets a thread use).
 */
class ReportRenderer
{
public:
    /** A chart as the report shows it: drawn at twice its logical size. */
    struct Chart
    {
        QImage image;
        QSize size; // logical size it is shown at
    };
    /** The report's charts (duration, contract debt, spans), one at a time: the GUI thread can
     *  draw each in its own turn of the event loop. */
    static constexpr int ChartCount = 3;
    static Chart drawChart(int index, const ReviewResult &review);

    /** @p releaseId: only that release gets its pages; the summary and charts show all. Draws
     *  the charts. */
    explicit ReportRenderer(const ReviewResult &review, const QString &releaseId = {});
    /** With the charts drawn before (drawChart() of each index, in order). */
    ReportRenderer(const ReviewResult &review, const QString &releaseId, const QList<Chart> &charts);

    /** The report as HTML; charts as data URIs when @p inlineImages, else as "chart-N.png". */
    QString html(bool inlineImages = true) const;
    /** Write the report whole or not at all (OutputFile); false with @p error naming the path
     *  and the system's reason ("cannot write PATH: No space left on device"). */
    bool writeHtml(const QString &path, QString *error) const;
    /** Called after each part of the work (the PDF's pages, after the text is laid out);
     *  returning false cancels: nothing is written, an old file stays as it was, and the error
     *  is cancelledMessage(). */
    using Progress = std::function<bool(int done, int total)>;
    bool writePdf(const QString &path, QString *error, const Progress &progress = {}) const;
    /** The error text of a report that @ref Progress cancelled. */
    static QString cancelledMessage();
    /** The three charts, rendered (duration, contract debt, spans). */
    const QList<QImage> &charts() const { return m_charts; }

private:
    QString releaseSection(const ReleaseReview &release) const;

    ReviewResult m_review;
    QString m_release;
    QList<QImage> m_charts;
    QList<QSize> m_chartSizes; // logical size each chart is shown at
};

} // namespace Tideline
