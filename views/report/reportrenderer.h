// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <review/review.h>

#include <QImage>
#include <QList>
#include <QString>

namespace Tideline {

/**
 * The readiness report a release manager reads and signs: a summary of every release with
 * the charts, then one page per release with its verdict and reasons, estimates, findings,
 * compatibility and runbook. HTML embeds the charts as PNG data URIs; the PDF is the same
 * document laid out by QTextDocument on A4 through QPdfWriter, a page break before each release.
 * Needs a QApplication (the charts are QCustomPlot widgets).
 */
class ReportRenderer
{
public:
    /** @p releaseId: only that release gets its pages; the summary and charts show all. */
    explicit ReportRenderer(const ReviewResult &review, const QString &releaseId = {});

    /** The report as HTML; charts as data URIs when @p inlineImages, else as "chart-N.png". */
    QString html(bool inlineImages = true) const;
    /** Write the report whole or not at all (OutputFile); false with @p error naming the path
     *  and the system's reason ("cannot write PATH: No space left on device"). */
    bool writeHtml(const QString &path, QString *error) const;
    bool writePdf(const QString &path, QString *error) const;
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
