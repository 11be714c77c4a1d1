// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewchart.h"

#include <review/review.h>

#include <QVBoxLayout>

#include <qcustomplot.h>

namespace Tideline {

namespace {

const QColor PreColor(0x1f, 0x77, 0xb4);
const QColor BackfillColor(0xff, 0x7f, 0x0e);
const QColor PostColor(0x2c, 0xa0, 0x2c);
const QColor OfflineColor(0xd6, 0x27, 0x28);

/** The width of the release axis in the report (640 px less the value axis). */
constexpr int ReleaseAxisWidth = 560;

/**
 * The release axis over releases @p first … @p last (positions from 1; all by default): every
 * release's id while they fit side by side, else every step-th
 * (1, 2, 5, 10, 20, 50, … releases apart, from the first release), so that labels never
 * run into each other however many releases the plan has.
 */
QSharedPointer<QCPAxisTickerText> releaseTicker(const ReviewResult &review, const QFont &font, int first = 1, int last = -1)
{
    if (last < 0)
        last = int(review.releases.size());
    const QFontMetrics metrics(font);
    int widest = 0;
    for (int k = first; k <= last; ++k)
        widest = qMax(widest, metrics.horizontalAdvance(review.releases.at(k - 1).id));
    const int fit = qMax(1, ReleaseAxisWidth / (widest + metrics.horizontalAdvance(QLatin1Char('m')) * 2));
    const int count = last - first + 1;
    const auto labels = [count](int step) { return (count + step - 1) / step; };
    int step = 1;
    for (int magnitude = 1; labels(step) > fit; magnitude *= 10) {
        for (int factor : {1, 2, 5}) {
            step = factor * magnitude;
            if (labels(step) <= fit)
                break;
        }
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int k = first; k <= last; k += step)
        ticker->addTick(k, review.releases.at(k - 1).id);
    return ticker;
}

QCPBars *bars(QCustomPlot *plot, const QString &name, const QColor &color)
{
    auto *b = new QCPBars(plot->xAxis, plot->yAxis);
    b->setName(name);
    b->setPen(QPen(color.darker(130)));
    b->setBrush(color);
    b->setWidth(0.6);
    return b;
}

void stylePlot(QCustomPlot *plot, const QString &title)
{
    plot->clearPlottables();
    plot->clearItems();
    plot->setBackground(Qt::white);
    QFont font = plot->font();
    font.setPointSize(9);
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
        axis->setTickLabelFont(font);
        axis->setLabelFont(font);
        axis->grid()->setPen(QPen(QColor(220, 220, 220), 0, Qt::DotLine));
    }
    plot->legend->setFont(font);
    plot->legend->setVisible(false);
    if (plot->plotLayout()->rowCount() == 1) {
        plot->plotLayout()->insertRow(0);
        QFont titleFont = font;
        titleFont.setPointSize(11);
        titleFont.setBold(true);
        plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, titleFont));
    } else if (auto *text = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0))) {
        text->setText(title);
    }
}

/** Shows the legend in a row of its own under the plot, never over the bars it explains. */
void showLegendBelow(QCustomPlot *plot)
{
    if (plot->legend->layout() != plot->plotLayout()) {
        plot->axisRect()->insetLayout()->take(plot->legend);
        const int row = plot->plotLayout()->rowCount();
        plot->plotLayout()->addElement(row, 0, plot->legend);
        plot->plotLayout()->setRowStretchFactor(row, 0.001);
        plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
        plot->legend->setBorderPen(Qt::NoPen);
    }
    plot->legend->setVisible(true);
}

} // namespace

ReviewChart::ReviewChart(Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumHeight(200);
}

QString ReviewChart::title() const
{
    switch (m_kind) {
    case Kind::Duration:
        return tr("Estimated duration per release, by phase");
    case Kind::ContractDebt:
        return tr("Pending contracts over releases");
    case Kind::Spans:
        return tr("Refactorings: from expand to contract");
    }
    return {};
}

void ReviewChart::setReview(const ReviewResult &review)
{
    stylePlot(m_plot, title());
    switch (m_kind) {
    case Kind::Duration:
        drawDuration(review);
        break;
    case Kind::ContractDebt:
        drawDebt(review);
        break;
    case Kind::Spans:
        drawSpans(review);
        break;
    }
    // Queued: a chart on screen repaints once, in the next turn of the event loop; a chart
    // only drawn into an image (the report's, toImage()) is not painted twice.
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ReviewChart::drawDuration(const ReviewResult &review)
{
    double longest = 0;
    for (const ReleaseReview &r : review.releases)
        longest = qMax(longest, r.estimate.total());
    const bool minutes = longest >= 120;
    const double unit = minutes ? 60 : 1;
    QVector<double> keys;
    QVector<double> pre, backfill, post, offline;
    for (int i = 0; i < review.releases.size(); ++i) {
        const PhaseSeconds &e = review.releases.at(i).estimate;
        keys << i + 1;
        pre << e.pre / unit;
        backfill << e.backfill / unit;
        post << e.post / unit;
        offline << e.offline / unit;
    }
    QCPBars *below = nullptr;
    const QList<std::tuple<QString, QColor, QVector<double>>> layers{
        {tr("pre"), PreColor, pre},
        {tr("backfill"), BackfillColor, backfill},
        {tr("post"), PostColor, post},
        {tr("offline"), OfflineColor, offline}};
    for (const auto &[name, color, values] : layers) {
        QCPBars *b = bars(m_plot, name, color);
        b->setData(keys, values);
        if (below)
            b->moveAbove(below);
        below = b;
    }
    m_plot->xAxis->setTicker(releaseTicker(review, m_plot->xAxis->tickLabelFont()));
    m_plot->xAxis->setRange(0.4, review.releases.size() + 0.6);
    m_plot->xAxis->setLabel(tr("release"));
    m_plot->yAxis->setLabel(minutes ? tr("minutes") : tr("seconds"));
    m_plot->yAxis->setRange(0, qMax(longest / unit * 1.15, 1.0));
    showLegendBelow(m_plot);
}

void ReviewChart::drawDebt(const ReviewResult &review)
{
    QVector<double> keys, pending, paid;
    double top = 1;
    for (int i = 0; i < review.releases.size(); ++i) {
        const ReleaseReview &r = review.releases.at(i);
        keys << i + 1;
        pending << r.pendingAfter.size();
        paid << r.contractsDue.size();
        top = qMax(top, double(qMax(r.pendingAfter.size(), r.contractsDue.size())));
    }
    QCPBars *paidBars = bars(m_plot, tr("contracts run in the release"), PostColor);
    paidBars->setWidth(0.35);
    QVector<double> shifted;
    for (double k : keys)
        shifted << k + 0.2;
    paidBars->setData(shifted, paid);
    auto *graph = m_plot->addGraph();
    graph->setName(tr("pending contracts after the release"));
    graph->setPen(QPen(BackfillColor, 2.5));
    if (review.releases.size() <= MaxMarkedReleases) // more would merge into one thick line
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, BackfillColor, Qt::white, 7));
    graph->setData(keys, pending);
    m_plot->xAxis->setTicker(releaseTicker(review, m_plot->xAxis->tickLabelFont()));
    m_plot->xAxis->setRange(0.4, review.releases.size() + 0.6);
    m_plot->xAxis->setLabel(tr("release"));
    m_plot->yAxis->setLabel(tr("refactorings"));
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(top > 20 ? std::ceil(top / 10) : 1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setRange(0, top * 1.2 + 0.5);
    showLegendBelow(m_plot);
}

void ReviewChart::drawSpans(const ReviewResult &review)
{
    const int releases = review.releases.size();
    QList<const RefactoringSpan *> spans;
    for (const RefactoringSpan &s : review.spans) {
        if (s.expand > 0 && spans.size() < MaxSpans)
            spans << &s;
    }
    m_rows = spans.size();
    int first = releases + 1, reach = 1; // the releases the shown spans cover
    for (const RefactoringSpan *s : std::as_const(spans)) {
        first = qMin(first, s->expand);
        reach = qMax(reach, qMin(s->hasContract ? s->contract : s->last, releases + 1));
    }
    if (spans.isEmpty()) {
        first = 1;
        reach = qMax(1, releases);
    }
    auto labels = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < spans.size(); ++i) {
        const RefactoringSpan &s = *spans.at(i);
        const double y = spans.size() - i;
        labels->addTick(y, s.id);
        const int end = qMin(s.hasContract ? s.contract : s.last, releases + 1);
        auto *rect = new QCPItemRect(m_plot);
        rect->topLeft->setCoords(s.expand - 0.4, y + 0.3);
        rect->bottomRight->setCoords(end + 0.4, y - 0.3);
        const bool beyond = (s.hasContract ? s.contract : s.last) > releases;
        const QColor color = !s.hasContract ? PreColor.lighter(140) : beyond ? OfflineColor.lighter(150) : PreColor;
        rect->setBrush(color);
        rect->setPen(QPen(color.darker(140), 1, beyond ? Qt::DashLine : Qt::SolidLine));
        auto *text = new QCPItemText(m_plot);
        text->position->setCoords(end + 0.45, y);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        QFont font = m_plot->font();
        font.setPointSize(8);
        text->setFont(font);
        const QString at = review.releases.value(end - 1).id;
        text->setText(beyond          ? tr("beyond the plan")
                      : s.hasContract ? tr("contract in %1").arg(at)
                                      : tr("done in %1 (no contract)").arg(at));
        text->setClipToAxisRect(false);
    }
    m_plot->yAxis->setTicker(labels);
    m_plot->yAxis->setRange(0.3, spans.size() + 0.7);
    m_plot->yAxis->grid()->setVisible(false);
    auto ticker = releaseTicker(review, m_plot->xAxis->tickLabelFont(), first, qMin(reach, releases));
    if (reach > releases)
        ticker->addTick(releases + 1, tr("later"));
    m_plot->xAxis->setTicker(ticker);
    // From the first span's start to a little past the last one's end, where its label goes.
    m_plot->xAxis->setRange(first - 0.6, reach + 1.6 + (reach - first + 1) * 0.35);
    m_plot->xAxis->setLabel(tr("release"));
}

QImage ReviewChart::toImage(const QSize &size, double scale) const
{
    return m_plot->toPixmap(size.width(), size.height(), scale).toImage();
}

int ReviewChart::preferredHeight(int base) const
{
    return m_kind == Kind::Spans ? qMax(base, 70 + 22 * m_rows) : base;
}

int ReviewChart::plottableCount() const
{
    return m_plot->plottableCount();
}

QStringList ReviewChart::releaseLabels() const
{
    const auto ticker = m_plot->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
    return ticker ? ticker->ticks().values() : QStringList();
}

int ReviewChart::itemCount() const
{
    return m_plot->itemCount();
}

} // namespace Tideline
