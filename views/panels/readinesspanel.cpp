// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "readinesspanel.h"

#include <charts/reviewchart.h>

#include <QHeaderView>
#include <QLocale>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Tideline {

namespace {

QString duration(double s)
{
    return s >= 60 ? ReadinessPanel::tr("%1 min").arg(QLocale().toString(s / 60, 'f', 1))
                   : ReadinessPanel::tr("%1 s").arg(QLocale().toString(s, 'f', 1));
}

} // namespace

ReadinessPanel::ReadinessPanel(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(this))
    , m_details(new QTextBrowser(this))
    , m_tabs(new QTabWidget(this))
{
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        {tr("Release"), tr("Verdict"), tr("Estimate"), tr("Errors"), tr("Warnings"), tr("Verify")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ReadinessPanel::showDetails);

    for (auto kind : {ReviewChart::Kind::Duration, ReviewChart::Kind::ContractDebt, ReviewChart::Kind::Spans}) {
        auto *chart = new ReviewChart(kind, m_tabs);
        m_charts << chart;
        m_tabs->addTab(chart, kind == ReviewChart::Kind::Duration       ? tr("Duration")
                              : kind == ReviewChart::Kind::ContractDebt ? tr("Contract debt")
                                                                        : tr("Spans"));
    }

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

void ReadinessPanel::setReview(const ReviewResult &review)
{
    const QString selected = selectedRelease();
    m_review = review;
    m_table->setRowCount(m_review.releases.size());
    for (int row = 0; row < m_review.releases.size(); ++row) {
        const ReleaseReview &r = m_review.releases.at(row);
        auto *verdict = new QTableWidgetItem(r.badgeText());
        verdict->setForeground(r.badgeColor());
        verdict->setToolTip(r.reasons.join(QLatin1Char('\n')));
        m_table->setItem(row, 0, new QTableWidgetItem(r.label.isEmpty() ? r.id : QStringLiteral("%1 (%2)").arg(r.id, r.label)));
        m_table->setItem(row, 1, verdict);
        m_table->setItem(row, 2, new QTableWidgetItem(duration(r.estimate.total())));
        m_table->setItem(row, 3, new QTableWidgetItem(QString::number(r.count(Severity::Error, false))));
        m_table->setItem(row, 4, new QTableWidgetItem(QString::number(r.count(Severity::Warning, false))));
        m_table->setItem(row, 5, new QTableWidgetItem(r.verify));
    }
    m_table->resizeColumnsToContents();
    for (ReviewChart *chart : std::as_const(m_charts))
        chart->setReview(m_review);
    if (!selectRelease(selected) && !m_review.releases.isEmpty())
        m_table->selectRow(0);
    showDetails();
}

bool ReadinessPanel::selectRelease(const QString &releaseId)
{
    for (int row = 0; row < m_review.releases.size(); ++row) {
        if (m_review.releases.at(row).id == releaseId) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

QString ReadinessPanel::selectedRelease() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_review.releases.size() ? m_review.releases.at(row).id : QString();
}

void ReadinessPanel::showDetails()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_review.releases.size()) {
        m_details->clear();
        return;
    }
    const ReleaseReview &r = m_review.releases.at(row);
    QString html = QStringLiteral("<h3>%1 — <span style=\"color:%2\">%3</span></h3><ul>")
                       .arg(r.id.toHtmlEscaped(), r.badgeColor().name(), ReleaseReview::verdictTitle(r.verdict));
    for (const QString &reason : r.reasons)
        html += QStringLiteral("<li>%1</li>").arg(reason.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    if (!r.findings.isEmpty()) {
        html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                    .arg(tr("severity"), tr("lint"), tr("where"), tr("finding"));
        for (const Finding &f : r.findings) {
            QString message = f.message.toHtmlEscaped();
            if (f.acknowledged)
                message += QStringLiteral("<br><i>%1</i>").arg(tr("acknowledged: %1").arg(f.reason.toHtmlEscaped()));
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3 %4</td><td>%5</td></tr>")
                        .arg(severityName(f.severity), f.lint, f.refactoring.toHtmlEscaped(), f.step.toHtmlEscaped(), message);
        }
        html += QStringLiteral("</table>");
    }
    m_details->setHtml(html);
    emit releaseSelected(r.id);
}

} // namespace Tideline
