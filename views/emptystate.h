// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace Tideline {

/**
 * Shown instead of the timeline when there is nothing to draw: it says why and offers the
 * next step (open a plan, start from an example, add a release, add a refactoring).
 */
class EmptyState final : public QWidget
{
    Q_OBJECT

public:
    enum class Reason { NoReleases, NoRefactorings, CannotRun, Checking };

    explicit EmptyState(QWidget *parent = nullptr);

    void setReason(Reason reason, const QString &detail = {});
    QString text() const;
    /** How many tables the plan's baseline has: with none, the state offers to start from a
     *  schema (import DDL, connect to a database, add a table); with some, to edit them. */
    void setBaselineTables(int count);
    /** With Reason::CannotRun: the refactoring the engine's message names, offered for edit and
     *  delete from the state itself (empty: none is named). */
    void setProblemRefactoring(const QString &id);

protected:
    void resizeEvent(QResizeEvent *event) override;

signals:
    void openRequested();
    void exampleRequested();
    void addReleaseRequested();
    void newRefactoringRequested();
    void importDdlRequested();
    void connectDatabaseRequested();
    void editSchemaRequested();
    void editRefactoringRequested(const QString &id);
    void deleteRefactoringRequested(const QString &id);
    void undoRequested();

private:
    // Gives the text the width the state has room for, and the height it needs at that width.
    void fitText();

    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_addRelease;
    QPushButton *m_newRefactoring;
    QWidget *m_schemaRow;
    QWidget *m_repairRow = nullptr;
    QPushButton *m_editProblem = nullptr;
    QPushButton *m_deleteProblem = nullptr;
    QString m_problem; // the refactoring a CannotRun message names
    QLabel *m_schemaLabel;
    QPushButton *m_editSchema;
    Reason m_reason = Reason::NoReleases;
};

} // namespace Tideline
