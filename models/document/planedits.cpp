// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "planedits.h"

#include <catalog/catalog.h>
#include <engine/engine.h>

#include <utility>

namespace Tideline {

namespace {

thread_local int structureOnly = 0; // live PlanEdits::StructureOnly scopes on this thread

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// Stores @p edited in @p plan when it passes the common check.
bool commit(Plan *plan, Plan edited, QString *error, PlanEdits::Run *ran)
{
    if (!PlanEdits::check(*plan, edited, error, ran))
        return false;
    *plan = std::move(edited);
    return true;
}

bool runs(const Plan &plan, QList<PlanError> *errors)
{
    Engine engine(plan);
    return engine.run(errors);
}

// Where a release id is still named by the plan; empty when nowhere.
QString referenceTo(const Plan &plan, const QString &releaseId)
{
    for (const Refactoring &r : plan.refactorings) {
        if (r.start == releaseId)
            return QStringLiteral("refactoring %1 starts in it").arg(r.id);
        for (auto it = r.moves.cbegin(); it != r.moves.cend(); ++it) {
            if (it.value() == releaseId)
                return QStringLiteral("step %1 of refactoring %2 is moved into it")
                    .arg(it.key(), r.id);
        }
    }
    for (const UsageEdit &edit : plan.usage) {
        if (edit.release == releaseId)
            return QStringLiteral("an app usage edit of %1 applies from it")
                .arg(edit.table.isEmpty() ? edit.procedure : edit.table);
    }
    return {};
}

} // namespace

PlanEdits::StructureOnly::StructureOnly()
{
    ++structureOnly;
}

PlanEdits::StructureOnly::~StructureOnly()
{
    --structureOnly;
}

bool PlanEdits::check(const Plan &original, const Plan &edited, QString *error, Run *ran)
{
    QList<PlanError> errors;
    if (!PlanValidator::validate(edited, QString(), &errors))
        return fail(error, errors.constFirst().toString());
    if (structureOnly > 0) {
        if (ran)
            ran->reset();
        return true;
    }
    QList<PlanError> runErrors;
    auto engine = std::make_shared<Engine>(edited);
    if (engine->run(&runErrors)) {
        if (ran)
            *ran = std::move(engine);
        return true;
    }
    if (ran)
        ran->reset();
    // A plan that could not run before may be edited towards a repair.
    QList<PlanError> originalErrors;
    if (!runs(original, &originalErrors))
        return true;
    return fail(error,
                runErrors.isEmpty() ? QStringLiteral("the engine cannot evaluate the edited plan")
                                    : runErrors.constFirst().toString());
}

bool PlanEdits::moveStep(Plan *plan,
                         const QString &refactoring,
                         const QString &step,
                         const QString &releaseId,
                         QString *error,
                         Run *ran)
{
    const int index = plan->refactoringIndex(refactoring);
    if (index < 0)
        return fail(error, QStringLiteral("there is no refactoring '%1'").arg(refactoring));
    const Refactoring &r = plan->refactorings.at(index);
    const KindSpec *kind = Catalog::kind(r.kind);
    if (kind && !kind->step(step))
        return fail(error,
                    QStringLiteral("refactoring %1 (%2) has no step '%3'").arg(r.id, r.kind, step));
    const Release *target = plan->release(releaseId);
    if (!target)
        return fail(error, QStringLiteral("there is no release '%1'").arg(releaseId));
    if (target->status == Release::Status::Cancelled)
        return fail(error, QStringLiteral("release %1 is cancelled").arg(releaseId));

    Plan edited = *plan;
    Refactoring &moved = edited.refactorings[index];
    // Back at the catalog's default place the move is dropped, so the file stays minimal. The
    // default is the start release plus the step's catalog offset, counting live releases.
    QStringList live;
    for (const Release &release : std::as_const(plan->releases)) {
        if (release.status != Release::Status::Cancelled)
            live << release.id;
    }
    const int start = int(live.indexOf(r.start));
    const int defaultPosition = kind && start >= 0 ? start + kind->step(step)->offset : -1;
    if (defaultPosition >= 0 && live.value(defaultPosition) == releaseId)
        moved.moves.remove(step);
    else
        moved.moves.insert(step, releaseId);
    if (moved.moves == plan->refactorings.at(index).moves) {
        if (ran)
            ran->reset(); // nothing ran: the caller keeps what it has
        return true;      // already there: nothing to do
    }
    return commit(plan, std::move(edited), error, ran);
}

bool PlanEdits::addRefactoring(Plan *plan, const Refactoring &refactoring, QString *error, Run *ran)
{
    if (refactoring.id.isEmpty())
        return fail(error, QStringLiteral("a refactoring needs an id"));
    if (plan->refactoringIndex(refactoring.id) >= 0)
        return fail(error,
                    QStringLiteral("there is already a refactoring '%1'").arg(refactoring.id));
    Plan edited = *plan;
    edited.refactorings.append(refactoring);
    return commit(plan, std::move(edited), error, ran);
}

bool PlanEdits::replaceRefactoring(
    Plan *plan, const QString &id, const Refactoring &refactoring, QString *error, Run *ran)
{
    const int index = plan->refactoringIndex(id);
    if (index < 0)
        return fail(error, QStringLiteral("there is no refactoring '%1'").arg(id));
    if (refactoring.id.isEmpty())
        return fail(error, QStringLiteral("a refactoring needs an id"));
    if (refactoring.id != id && plan->refactoringIndex(refactoring.id) >= 0)
        return fail(error,
                    QStringLiteral("there is already a refactoring '%1'").arg(refactoring.id));
    Plan edited = *plan;
    edited.refactorings[index] = refactoring;
    // A new id is carried into the "after" of the refactorings that depend on this one.
    if (refactoring.id != id) {
        for (Refactoring &other : edited.refactorings) {
            for (QString &dependency : other.after) {
                if (dependency == id)
                    dependency = refactoring.id;
            }
        }
    }
    return commit(plan, std::move(edited), error, ran);
}

bool PlanEdits::removeRefactoring(Plan *plan, const QString &id, QString *error, Run *ran)
{
    const int index = plan->refactoringIndex(id);
    if (index < 0)
        return fail(error, QStringLiteral("there is no refactoring '%1'").arg(id));
    Plan edited = *plan;
    edited.refactorings.removeAt(index);
    QString reason;
    if (!check(*plan, edited, &reason, ran))
        return fail(error,
                    QStringLiteral("refactoring %1 cannot be deleted: the plan would break (%2)")
                        .arg(id, reason));
    *plan = std::move(edited);
    return true;
}

bool PlanEdits::insertRelease(Plan *plan, int index, const Release &release, QString *error, Run *ran)
{
    if (index < 0 || index > plan->releases.size())
        return fail(error,
                    QStringLiteral("release position %1 is outside 0..%2")
                        .arg(index)
                        .arg(plan->releases.size()));
    if (release.id.isEmpty())
        return fail(error, QStringLiteral("a release needs an id"));
    if (plan->releaseIndex(release.id) >= 0)
        return fail(error, QStringLiteral("there is already a release '%1'").arg(release.id));
    Plan edited = *plan;
    edited.releases.insert(index, release);
    return commit(plan, std::move(edited), error, ran);
}

bool PlanEdits::replaceRelease(
    Plan *plan, const QString &id, const Release &release, QString *error, Run *ran)
{
    const int index = plan->releaseIndex(id);
    if (index < 0)
        return fail(error, QStringLiteral("there is no release '%1'").arg(id));
    if (release.id.isEmpty())
        return fail(error, QStringLiteral("a release needs an id"));
    if (release.id != id && plan->releaseIndex(release.id) >= 0)
        return fail(error, QStringLiteral("there is already a release '%1'").arg(release.id));
    Plan edited = *plan;
    edited.releases[index] = release;
    if (release.id != id) {
        for (Refactoring &r : edited.refactorings) {
            if (r.start == id)
                r.start = release.id;
            for (auto it = r.moves.begin(); it != r.moves.end(); ++it) {
                if (it.value() == id)
                    it.value() = release.id;
            }
        }
        for (UsageEdit &edit : edited.usage) {
            if (edit.release == id)
                edit.release = release.id;
        }
    }
    return commit(plan, std::move(edited), error, ran);
}

bool PlanEdits::removeRelease(Plan *plan, const QString &id, QString *error, Run *ran)
{
    const int index = plan->releaseIndex(id);
    if (index < 0)
        return fail(error, QStringLiteral("there is no release '%1'").arg(id));
    const QString reference = referenceTo(*plan, id);
    if (!reference.isEmpty())
        return fail(error, QStringLiteral("release %1 cannot be deleted: %2").arg(id, reference));
    Plan edited = *plan;
    edited.releases.removeAt(index);
    return commit(plan, std::move(edited), error, ran);
}

bool PlanEdits::moveRelease(Plan *plan, const QString &id, int newIndex, QString *error, Run *ran)
{
    const int index = plan->releaseIndex(id);
    if (index < 0)
        return fail(error, QStringLiteral("there is no release '%1'").arg(id));
    if (newIndex < 0 || newIndex >= plan->releases.size())
        return fail(error,
                    QStringLiteral("release position %1 is outside 0..%2")
                        .arg(newIndex)
                        .arg(plan->releases.size() - 1));
    if (newIndex == index) {
        if (ran)
            ran->reset();
        return true;
    }
    Plan edited = *plan;
    edited.releases.move(index, newIndex);
    return commit(plan, std::move(edited), error, ran);
}

bool PlanEdits::setPolicy(Plan *plan, const Policy &policy, QString *error, Run *ran)
{
    if (policy.backfillBatch < 1)
        return fail(error, QStringLiteral("the backfill batch size must be at least 1"));
    if (!Policy::isDuration(policy.lockTimeout))
        return fail(error,
                    QStringLiteral("lock timeout '%1' is not a duration like 500ms, 1s or 2min")
                        .arg(policy.lockTimeout));
    if (!Policy::isDuration(policy.statementTimeout))
        return fail(error,
                    QStringLiteral(
                        "statement timeout '%1' is not a duration like 500ms, 1s or 2min")
                        .arg(policy.statementTimeout));
    Plan edited = *plan;
    edited.policy = policy;
    return commit(plan, std::move(edited), error, ran);
}

bool PlanEdits::setDialect(Plan *plan, const QString &dialect, QString *error, Run *ran)
{
    if (!Plan::dialects().contains(dialect))
        return fail(error,
                    QStringLiteral("unknown dialect '%1' (expected one of: %2)")
                        .arg(dialect, Plan::dialects().join(QStringLiteral(", "))));
    Plan edited = *plan;
    edited.dialect = dialect;
    return commit(plan, std::move(edited), error, ran);
}

bool PlanEdits::setUsage(Plan *plan, const QList<UsageEdit> &usage, QString *error, Run *ran)
{
    Plan edited = *plan;
    edited.usage = usage;
    return commit(plan, std::move(edited), error, ran);
}

} // namespace Tideline
