// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingsdialog.h"

#include <review/lints.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

enum Column { Severity_, Lint_, Where_, Message_, Fix_ };
constexpr int FindingRole = Qt::UserRole + 1; // the index of the finding in its release

} // namespace

FindingsDialog::FindingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_scope(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_details(new QTextBrowser(this))
    , m_acknowledge(new QPushButton(tr("&Acknowledge…"), this))
    , m_verify(new QPushButton(tr("&Verify…"), this))
{
    setObjectName(u"findingsDialog"_s);
    setWindowTitle(tr("Readiness Check"));
    m_scope->setObjectName(u"findingsScope"_s);
    m_summary->setObjectName(u"findingsSummary"_s);
    m_summary->setWordWrap(true);
    m_tree->setObjectName(u"findingsTree"_s);
    m_tree->setColumnCount(5);
    m_tree->setHeaderLabels({tr("Severity"), tr("Lint"), tr("Where"), tr("Finding"), tr("Fix")});
    m_tree->setWordWrap(true);
    m_tree->setUniformRowHeights(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    m_acknowledge->setObjectName(u"acknowledgeButton"_s);
    m_acknowledge->setToolTip(tr("Accept the selected finding with a reason: it stays in the "
                                 "report, marked acknowledged, and no longer blocks the release"));
    m_verify->setObjectName(u"findingsVerify"_s);
    auto *report = new QPushButton(tr("Export &Report…"), this);
    report->setObjectName(u"findingsReport"_s);

    auto *scopeRow = new QHBoxLayout;
    auto *scopeLabel = new QLabel(tr("&Release:"), this);
    scopeLabel->setBuddy(m_scope);
    scopeRow->addWidget(scopeLabel);
    scopeRow->addWidget(m_scope, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_acknowledge, QDialogButtonBox::ActionRole);
    buttons->addButton(m_verify, QDialogButtonBox::ActionRole);
    buttons->addButton(report, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(scopeRow);
    layout->addWidget(m_summary);
    m_details->setObjectName(u"findingDetails"_s);
    m_details->setOpenLinks(false);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(m_scope, &QComboBox::currentIndexChanged, this, &FindingsDialog::rebuild);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] {
        updateButtons();
        showDetails();
    });
    connect(m_acknowledge, &QPushButton::clicked, this, [this] {
        Finding finding;
        if (currentFinding(&finding))
            emit acknowledgeRequested(finding);
    });
    connect(m_verify, &QPushButton::clicked, this, [this] { emit verifyRequested(shownRelease()); });
    connect(report, &QPushButton::clicked, this, &FindingsDialog::reportRequested);
    resize(980, 560);
    updateButtons();
}

void FindingsDialog::setReview(const ReviewResult &review)
{
    const QString shown = shownRelease();
    m_review = review;
    {
        const QSignalBlocker quiet(m_scope);
        m_scope->clear();
        m_scope->addItem(tr("All releases"), QString());
        for (const ReleaseReview &r : m_review.releases)
            m_scope->addItem(r.label.isEmpty() ? r.id : u"%1 (%2)"_s.arg(r.id, r.label), r.id);
        m_scope->setCurrentIndex(qMax(0, m_scope->findData(shown)));
    }
    rebuild();
}

void FindingsDialog::showRelease(const QString &release)
{
    m_scope->setCurrentIndex(qMax(0, m_scope->findData(release)));
}

QString FindingsDialog::shownRelease() const
{
    return m_scope->currentData().toString();
}

void FindingsDialog::setChecking(bool checking)
{
    m_checking = checking;
    rebuild();
}

void FindingsDialog::rebuild()
{
    const QString only = shownRelease();
    m_tree->clear();
    int blocked = 0, findings = 0;
    for (const ReleaseReview &r : std::as_const(m_review.releases)) {
        if (!only.isEmpty() && r.id != only)
            continue;
        blocked += r.verdict == ReleaseReview::Verdict::Blocked;
        auto *release = new QTreeWidgetItem(m_tree);
        release->setText(Severity_, r.label.isEmpty() ? r.id : u"%1 (%2)"_s.arg(r.id, r.label));
        release->setText(Lint_, m_checking ? tr("checking…") : ReleaseReview::verdictTitle(r.verdict));
        release->setForeground(Lint_, m_checking ? palette().color(QPalette::PlaceholderText) : QBrush(r.badgeColor()));
        release->setText(Message_, r.reasons.join(u"; "_s));
        release->setToolTip(Message_, r.reasons.join(u'\n'));
        QFont bold = release->font(0);
        bold.setBold(true);
        release->setFont(Severity_, bold);
        release->setFont(Lint_, bold);
        release->setData(0, Qt::UserRole, r.id);
        for (int i = 0; i < r.findings.size(); ++i) {
            const Finding &f = r.findings.at(i);
            ++findings;
            auto *item = new QTreeWidgetItem(release);
            item->setText(Severity_, f.acknowledged ? tr("%1 (acknowledged)").arg(severityName(f.severity))
                                                    : severityName(f.severity));
            item->setText(Lint_, f.lint);
            QStringList where{f.refactoring, f.step};
            if (!f.object.isEmpty())
                where << u"[%1]"_s.arg(f.object);
            where.removeAll(QString());
            item->setText(Where_, where.join(u' '));
            item->setText(Message_, f.acknowledged ? tr("%1 — acknowledged: %2").arg(f.message, f.reason) : f.message);
            item->setToolTip(Message_, item->text(Message_));
            const Lint *lint = Lints::lint(f.lint);
            item->setText(Fix_, lint ? lint->fix : QString());
            item->setToolTip(Fix_, lint ? lint->explanation + u"\n\n"_s + lint->fix : QString());
            item->setData(0, Qt::UserRole, r.id);
            item->setData(0, FindingRole, i);
        }
        release->setExpanded(true);
    }
    m_tree->resizeColumnToContents(Severity_);
    m_tree->resizeColumnToContents(Lint_);
    m_tree->setColumnWidth(Message_, 360);
    showDetails();
    m_summary->setText(m_review.releases.isEmpty()
                           ? tr("The plan has no release to review.")
                       : m_checking ? tr("Checking… the verdicts below are of the plan before the last edit.")
                                    : (findings == 1 ? tr("1 finding; ") : tr("%1 findings; ").arg(findings))
                                          + (blocked == 1 ? tr("1 release is blocked.")
                                             : blocked    ? tr("%1 releases are blocked.").arg(blocked)
                                                          : tr("nothing blocks.")));
    updateButtons();
}

void FindingsDialog::showDetails()
{
    Finding f;
    const QTreeWidgetItem *item = m_tree->currentItem();
    if (!currentFinding(&f)) {
        const ReleaseReview *r = item ? m_review.release(item->data(0, Qt::UserRole).toString()) : nullptr;
        if (!r) {
            m_details->setHtml(tr("<p>Select a finding to read it whole, with its fix.</p>"));
            return;
        }
        QString html = u"<h3>%1 — %2</h3><ul>"_s.arg(r->id.toHtmlEscaped(), ReleaseReview::verdictTitle(r->verdict));
        for (const QString &reason : r->reasons)
            html += u"<li>%1</li>"_s.arg(reason.toHtmlEscaped());
        m_details->setHtml(html + u"</ul>"_s);
        return;
    }
    const Lint *lint = Lints::lint(f.lint);
    QString html = u"<h3>%1 <small>(%2)</small></h3><p>%3</p>"_s.arg((lint ? lint->title : f.lint).toHtmlEscaped(),
                                                                     f.lint, f.message.toHtmlEscaped());
    if (f.acknowledged)
        html += u"<p><i>%1</i></p>"_s.arg(tr("Acknowledged: %1").arg(f.reason.toHtmlEscaped()));
    if (lint) {
        html += u"<p><b>%1</b> %2</p>"_s.arg(tr("Fix:"), lint->fix.toHtmlEscaped());
        html += u"<p>%1</p>"_s.arg(lint->explanation.toHtmlEscaped());
    }
    m_details->setHtml(html);
}

bool FindingsDialog::currentFinding(Finding *finding) const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || !item->data(0, FindingRole).isValid())
        return false;
    const ReleaseReview *r = m_review.release(item->data(0, Qt::UserRole).toString());
    const int index = item->data(0, FindingRole).toInt();
    if (!r || index < 0 || index >= r->findings.size())
        return false;
    *finding = r->findings.at(index);
    return true;
}

void FindingsDialog::updateButtons()
{
    Finding finding;
    m_acknowledge->setEnabled(!m_checking && currentFinding(&finding) && !finding.acknowledged);
    m_verify->setEnabled(!m_review.releases.isEmpty());
}

} // namespace Tideline
