// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <review/review.h>

#include <QWidget>

class QLabel;
class QTableWidget;
class QTextBrowser;
class QTabWidget;

namespace Tideline {

class ReviewChart;

/**
 * The readiness review in the GUI: a table of the releases with their verdicts, the reasons
 * and findings of the selected release, and the three review charts. It shows what
 * Review::run computed; it computes nothing itself.
 */
class ReadinessPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ReadinessPanel(QWidget *parent = nullptr);

    void setReview(const ReviewResult &review);
    /** While true, the verdicts read "checking…": the review shown is of the plan before
     *  the last edit, and the current plan's is being computed. */
    void setChecking(bool checking);
    bool isChecking() const { return m_checking; }
    const ReviewResult &review() const { return m_review; }
    /** Selects a release by id; false when the review has none of that id. */
    bool selectRelease(const QString &releaseId);
    QString selectedRelease() const;

    QTableWidget *releaseTable() const { return m_table; }
    QTextBrowser *details() const { return m_details; }
    QList<ReviewChart *> charts() const { return m_charts; }

signals:
    void releaseSelected(const QString &releaseId);
    /** The buttons under the table: the findings with their fixes, verify, the report. */
    void findingsRequested(const QString &releaseId);
    void verifyRequested(const QString &releaseId);
    void reportRequested();

private:
    void showDetails();
    void showVerdicts();

    ReviewResult m_review;
    QTableWidget *m_table;
    QTextBrowser *m_details;
    QTabWidget *m_tabs;
    QList<ReviewChart *> m_charts;
    QLabel *m_checkingBanner;
    bool m_checking = false;
};

} // namespace Tideline
