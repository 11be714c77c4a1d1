// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "document.h"

#include "planedits.h"

#include <engine/engine.h>
#include <io/planfile.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QUndoCommand>
#include <QUndoStack>

#include <utility>

namespace Tideline {

namespace {

/** Every edit: the plan before and after, swapped on undo and redo. */
class PlanCommand final : public QUndoCommand
{
public:
    PlanCommand(
        Document *document, Plan before, Plan after, PlanEdits::Run afterRun, const QString &text)
        : QUndoCommand(text)
        , m_document(document)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_afterRun(std::move(afterRun))
    {}

    void undo() override { m_document->applyPlan(m_before); }
    void redo() override
    {
        // The first redo (the push) reuses the validation's engine run; later ones run anew,
        // so that undo history does not keep every run alive.
        m_document->applyPlan(m_after, std::exchange(m_afterRun, {}));
    }

private:
    Document *m_document; // Not owned: the document owns the stack that owns this command.
    Plan m_before;
    Plan m_after;
    PlanEdits::Run m_afterRun;
};

QString undoText(const char *text)
{
    return QCoreApplication::translate("Tideline::Document", text);
}

} // namespace

Document::Document(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) {
        emit modifiedChanged(!clean);
    });
    runEngine();
}

Document::~Document() = default;

bool Document::isModified() const
{
    return !m_undoStack->isClean();
}

bool Document::open(const QString &path, QList<PlanError> *errors)
{
    Plan plan;
    QList<PlanError> problems;
    if (!PlanFile::load(path, &plan, &problems)) {
        if (problems.isEmpty())
            problems.append({path, {}, QStringLiteral("cannot be read as a plan")});
        if (errors)
            *errors = problems;
        return false;
    }
    reset(plan);
    setFilePath(QFileInfo(path).absoluteFilePath());
    if (errors)
        errors->clear();
    return true;
}

bool Document::save(const QString &path, QString *error)
{
    QList<PlanError> problems;
    if (!PlanFile::save(path, m_plan, &problems)) {
        if (error)
            *error = problems.isEmpty() ? QStringLiteral("%1: cannot be written").arg(path)
                                        : problems.constFirst().toString();
        return false;
    }
    setFilePath(QFileInfo(path).absoluteFilePath());
    m_undoStack->setClean();
    return true;
}

void Document::reset(const Plan &plan)
{
    m_undoStack->clear(); // emits cleanChanged, hence modifiedChanged, when it was modified
    m_plan = plan;
    setFilePath(QString());
    m_selection = {};
    runEngine();
    emit planChanged();
    emit selectionChanged(m_selection);
}

void Document::applyPlan(const Plan &plan, std::shared_ptr<const Engine> run)
{
    m_plan = plan;
    runEngine(std::move(run));
    dropStaleSelection();
    emit planChanged();
}

void Document::setSelection(const Selection &s)
{
    if (s == m_selection)
        return;
    m_selection = s;
    emit selectionChanged(m_selection);
}

void Document::setFilePath(const QString &path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    emit filePathChanged(m_filePath);
}

void Document::runEngine(std::shared_ptr<const Engine> run)
{
    m_engineErrors.clear();
    if (run) {
        m_engine = std::move(run);
        return;
    }
    auto engine = std::make_shared<Engine>(m_plan);
    if (engine->run(&m_engineErrors))
        m_engine = std::move(engine);
    else
        m_engine.reset();
}

void Document::dropStaleSelection()
{
    // A selection naming something the edit removed would point the panels at nothing.
    const bool staleRefactoring = !m_selection.refactoring.isEmpty()
                                  && m_plan.refactoringIndex(m_selection.refactoring) < 0;
    auto staleRelease = [this](const QString &id) {
        return !id.isEmpty() && id != QLatin1String("baseline") && m_plan.releaseIndex(id) < 0;
    };
    if (staleRefactoring || staleRelease(m_selection.release)
        || staleRelease(m_selection.appRelease))
        setSelection({});
}

template<typename Edit>
bool Document::edit(const QString &text, QString *error, Edit edit)
{
    Plan edited = m_plan;
    PlanEdits::Run run;
    if (!edit(&edited, error, &run))
        return false;
    if (edited == m_plan)
        return true; // nothing changed: no empty entry in the history
    m_undoStack->push(new PlanCommand(this, m_plan, std::move(edited), std::move(run), text));
    return true;
}

bool Document::moveStep(const QString &refactoring,
                        const QString &step,
                        const QString &releaseId,
                        QString *error)
{
    return edit(undoText("Move step %1 of %2 to %3").arg(step, refactoring, releaseId),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::moveStep(plan, refactoring, step, releaseId, e, ran);
                });
}

bool Document::addRefactoring(const Refactoring &r, QString *error)
{
    return edit(undoText("Add refactoring %1").arg(r.id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::addRefactoring(plan, r, e, ran);
                });
}

bool Document::replaceRefactoring(const QString &id, const Refactoring &r, QString *error)
{
    return edit(undoText("Edit refactoring %1").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::replaceRefactoring(plan, id, r, e, ran);
                });
}

bool Document::removeRefactoring(const QString &id, QString *error)
{
    return edit(undoText("Delete refactoring %1").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::removeRefactoring(plan, id, e, ran);
                });
}

bool Document::insertRelease(int index, const Release &r, QString *error)
{
    return edit(undoText("Add release %1").arg(r.id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::insertRelease(plan, index, r, e, ran);
                });
}

bool Document::replaceRelease(const QString &id, const Release &r, QString *error)
{
    return edit(undoText("Edit release %1").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::replaceRelease(plan, id, r, e, ran);
                });
}

bool Document::removeRelease(const QString &id, QString *error)
{
    return edit(undoText("Delete release %1").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::removeRelease(plan, id, e, ran);
                });
}

bool Document::moveRelease(const QString &id, int newIndex, QString *error)
{
    return edit(undoText("Move release %1").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::moveRelease(plan, id, newIndex, e, ran);
                });
}

bool Document::setPolicy(const Policy &p, QString *error)
{
    return edit(undoText("Change policy"), error, [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
        return PlanEdits::setPolicy(plan, p, e, ran);
    });
}

bool Document::setDialect(const QString &dialect, QString *error)
{
    return edit(undoText("Change dialect to %1").arg(dialect),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::setDialect(plan, dialect, e, ran);
                });
}

bool Document::setUsage(const QList<UsageEdit> &usage, QString *error)
{
    return edit(undoText("Edit app usage"), error, [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
        return PlanEdits::setUsage(plan, usage, e, ran);
    });
}

} // namespace Tideline
