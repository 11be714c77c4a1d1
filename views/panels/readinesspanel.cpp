// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "readinesspanel.h"

#include <charts/reviewchart.h>
#include <review/lints.h>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QLabel>
#include <QSignalBlocker>
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
    , m_checkingBanner(new QLabel(this))
{
    m_checkingBanner->setObjectName(QStringLiteral("readinessChecking"));
    m_checkingBanner->setText(tr("Checking… the verdicts below are of the plan before the last "
                                 "edit."));
    m_checkingBanner->setWordWrap(true);
    m_checkingBanner->setStyleSheet(QStringLiteral(
        "QLabel { background: rgba(230, 167, 0, 60); border: 1px solid #e6a700;"
        " border-radius: 4px; padding: 3px 8px; }"));
    m_checkingBanner->hide();

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
    // Sign-off from here: the findings with their fixes, proof by execution, the report.
    auto *buttons = new QHBoxLayout;
    auto *findings = new QPushButton(tr("Findings && Fixes…"), this);
    findings->setObjectName(QStringLiteral("readinessFindings"));
    auto *verify = new QPushButton(tr("Verify…"), this);
    verify->setObjectName(QStringLiteral("readinessVerify"));
    verify->setToolTip(tr("Run the release's scripts and the app versions' statements on a scratch database"));
    auto *report = new QPushButton(tr("Export Report…"), this);
    report->setObjectName(QStringLiteral("readinessReport"));
    connect(findings, &QPushButton::clicked, this, [this] { emit findingsRequested(selectedRelease()); });
    connect(verify, &QPushButton::clicked, this, [this] { emit verifyRequested(selectedRelease()); });
    connect(report, &QPushButton::clicked, this, &ReadinessPanel::reportRequested);
    for (QPushButton *button : {findings, verify, report})
        buttons->addWidget(button);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_checkingBanner);
    layout->addLayout(buttons);
    layout->addWidget(splitter);
}

void ReadinessPanel::setReview(const ReviewResult &review)
{
    const QString selected = selectedRelease();
    m_review = review;
    m_table->setRowCount(m_review.releases.size());
    for (int row = 0; row < m_review.releases.size(); ++row) {
        const ReleaseReview &r = m_review.releases.at(row);
        auto *verdict = new QTableWidgetItem;
        m_table->setItem(row, 0, new QTableWidgetItem(r.label.isEmpty() ? r.id : QStringLiteral("%1 (%2)").arg(r.id, r.label)));
        m_table->setItem(row, 1, verdict);
        m_table->setItem(row, 2, new QTableWidgetItem(duration(r.estimate.total())));
        m_table->setItem(row, 3, new QTableWidgetItem(QString::number(r.count(Severity::Error, false))));
        m_table->setItem(row, 4, new QTableWidgetItem(QString::number(r.count(Severity::Warning, false))));
        m_table->setItem(row, 5, new QTableWidgetItem(r.verify));
    }
    showVerdicts();
    m_table->resizeColumnsToContents();
    for (ReviewChart *chart : std::as_const(m_charts))
        chart->setReview(m_review);
    if (!selectRelease(selected) && !m_review.releases.isEmpty())
        m_table->selectRow(0);
    showDetails();
}

void ReadinessPanel::setChecking(bool checking)
{
    if (checking == m_checking)
        return;
    m_checking = checking;
    m_checkingBanner->setVisible(m_checking);
    showVerdicts();
    const QSignalBlocker quiet(this); // the same release stays selected: nothing to announce
    showDetails();
}

// A verdict is never shown for a plan it was not computed for: while checking, each reads so.
void ReadinessPanel::showVerdicts()
{
    for (int row = 0; row < m_review.releases.size(); ++row) {
        QTableWidgetItem *verdict = m_table->item(row, 1);
        if (!verdict)
            continue;
        const ReleaseReview &r = m_review.releases.at(row);
        verdict->setText(m_checking ? tr("checking…") : r.badgeText());
        verdict->setForeground(m_checking ? palette().color(QPalette::PlaceholderText)
                                          : QBrush(r.badgeColor()));
        verdict->setToolTip(m_checking ? tr("The plan is being re-checked after an edit.")
                                       : r.reasons.join(QLatin1Char('\n')));
    }
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
    if (m_checking) {
        m_details->setHtml(QStringLiteral("<h3>%1 — <i>%2</i></h3><p>%3</p>")
                               .arg(r.id.toHtmlEscaped(),
                                    tr("checking…"),
                                    tr("The readiness of this release is being re-checked "
                                       "after the last edit.")));
        emit releaseSelected(r.id);
        return;
    }
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
            else if (const Lint *lint = Lints::lint(f.lint); lint && !lint->fix.isEmpty())
                message += QStringLiteral("<br>%1").arg(tr("Fix: %1").arg(lint->fix.toHtmlEscaped()));
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3 %4</td><td>%5</td></tr>")
                        .arg(severityName(f.severity), f.lint, f.refactoring.toHtmlEscaped(), f.step.toHtmlEscaped(), message);
        }
        html += QStringLiteral("</table>");
    }
    m_details->setHtml(html);
    emit releaseSelected(r.id);
}

} // namespace Tideline
