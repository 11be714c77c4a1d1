// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QWidget>

class QCustomPlot;

namespace Tideline {

struct ReviewResult;

/**
 * One chart of the readiness review, drawn by QCustomPlot (kept out of the header):
 * - Duration: estimated duration per release, stacked by phase (pre, backfill, post, offline);
 * - ContractDebt: pending contracts after each release, and the contracts paid in it;
 * - Spans: per refactoring, the releases from its first step to its contract.
 * The readiness panel shows them; the report renders them to images.
 */
class ReviewChart : public QWidget
{
    Q_OBJECT

public:
    enum class Kind { Duration, ContractDebt, Spans };

    explicit ReviewChart(Kind kind, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString title() const;
    void setReview(const ReviewResult &review);
    /** The chart drawn at @p size (logical pixels) times @p scale. */
    QImage toImage(const QSize &size, double scale = 2.0) const;
    /** The height the chart needs to stay readable (the span chart grows with refactorings). */
    int preferredHeight(int base) const;
    /** What is drawn, for tests: bars and graphs, and items (span bars, labels). */
    int plottableCount() const;
    int itemCount() const;
    /** The release axis's labels, left to right, for tests. */
    QStringList releaseLabels() const;

    /** Spans drawn at most; the report says how many were left out. */
    static constexpr int MaxSpans = 40;
    /** Releases up to which the contract-debt line marks each release with a dot. */
    static constexpr int MaxMarkedReleases = 50;

private:
    void drawDuration(const ReviewResult &review);
    void drawDebt(const ReviewResult &review);
    void drawSpans(const ReviewResult &review);

    Kind m_kind;
    QCustomPlot *m_plot;
    int m_rows = 0;
};

} // namespace Tideline
