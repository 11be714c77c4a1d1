// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "selection.h"

#include <domain/plan.h>

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QUndoStack;

namespace Tideline {

class Engine;

/**
 * One open plan: the plan itself, its file, the undo stack every edit goes through and the
 * engine's last run over it. The edit functions wrap PlanEdits: they validate the edit first
 * and, when it is accepted, push one undoable command; when it is refused they return false
 * with a message naming the problem and the plan stays as it was.
 */
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    /** Opens a .tideline or .tideline.json file; on failure the current plan stays. */
    bool open(const QString &path, QList<PlanError> *errors);
    /** Saves in the format the suffix names; the document then refers to @p path. */
    bool save(const QString &path, QString *error);
    /** Starts over with @p plan: no file, not modified, empty undo history. */
    void reset(const Plan &plan);

    const Plan &plan() const { return m_plan; }
    /** The last successful run over plan(); nullptr when the plan cannot run. */
    const Engine *engine() const { return m_engine.get(); }
    const QList<PlanError> &engineErrors() const { return m_engineErrors; }
    QUndoStack *undoStack() const { return m_undoStack; }
    QString filePath() const { return m_filePath; }
    bool isModified() const;

    bool moveStep(const QString &refactoring,
                  const QString &step,
                  const QString &releaseId,
                  QString *error);
    bool addRefactoring(const Refactoring &r, QString *error);
    bool replaceRefactoring(const QString &id, const Refactoring &r, QString *error);
    bool removeRefactoring(const QString &id, QString *error);
    bool insertRelease(int index, const Release &r, QString *error);
    bool replaceRelease(const QString &id, const Release &r, QString *error);
    bool removeRelease(const QString &id, QString *error);
    bool moveRelease(const QString &id, int newIndex, QString *error);
    bool setPolicy(const Policy &p, QString *error);
    bool setDialect(const QString &dialect, QString *error);
    bool setUsage(const QList<UsageEdit> &usage, QString *error);

    Selection selection() const { return m_selection; }
    void setSelection(const Selection &s);

    /**
     * Used by the undo commands: replaces the plan without touching the undo stack. @p run,
     * when given, is the engine already run over @p plan.
     */
    void applyPlan(const Plan &plan, std::shared_ptr<const Engine> run = {});

signals:
    /** After any edit, undo, redo, open or reset; engine() is already fresh. */
    void planChanged();
    void selectionChanged(const Tideline::Selection &s);
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);

private:
    // Applies @p edit to a copy; pushes a command named @p text when it succeeds.
    template<typename Edit>
    bool edit(const QString &text, QString *error, Edit edit);
    void setFilePath(const QString &path);
    void runEngine(std::shared_ptr<const Engine> run = {});
    void dropStaleSelection();

    Plan m_plan;
    std::shared_ptr<const Engine> m_engine;
    QList<PlanError> m_engineErrors;
    QUndoStack *m_undoStack = nullptr; // Owned as a child.
    QString m_filePath;
    Selection m_selection;
};

} // namespace Tideline
