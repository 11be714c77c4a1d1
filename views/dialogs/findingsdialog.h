// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <review/review.h>

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QTreeWidget;

namespace Tideline {

/**
 * Review › Check in the window: the readiness review's findings per release, each with where it
 * is, what it says and its fix (the lint's), acknowledged ones with their reason. Shows what
 * Review computed (the same as `tideline-cli check`); acknowledging is asked of the window.
 */
class FindingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit FindingsDialog(QWidget *parent = nullptr);

    /** Shows @p review, of every release or only of @p release. */
    void setReview(const ReviewResult &review);
    void showRelease(const QString &release);
    QString shownRelease() const;
    /** Marks the review as being re-checked (its verdicts are of the plan before an edit). */
    void setChecking(bool checking);

    QTreeWidget *tree() const { return m_tree; }
    /** The whole of the current row: the finding, its lint's explanation and fix. */
    QTextBrowser *details() const { return m_details; }
    QPushButton *acknowledgeButton() const { return m_acknowledge; }
    /** The finding of the current row; false when the row is not one. */
    bool currentFinding(Finding *finding) const;

signals:
    void acknowledgeRequested(const Tideline::Finding &finding);
    void verifyRequested(const QString &release);
    void reportRequested();

private:
    void rebuild();
    void updateButtons();
    void showDetails();

    ReviewResult m_review;
    QComboBox *m_scope;
    QLabel *m_summary;
    QTreeWidget *m_tree;
    QTextBrowser *m_details;
    QPushButton *m_acknowledge;
    QPushButton *m_verify;
    bool m_checking = false;
};

} // namespace Tideline
