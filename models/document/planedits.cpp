// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "planedits.h"

#include <catalog/catalog.h>
#include <engine/engine.h>
#include <engine/shipped.h>
#include <review/lints.h>

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

bool checkChanging(const Plan &original,
                   const Plan &edited,
                   const QString &changing,
                   QString *error,
                   PlanEdits::Run *ran);

// Stores @p edited in @p plan when it passes the common check; @p changing is a release whose
// deployed status the edit may change (ShippedHistory::refusal).
bool commit(Plan *plan, Plan edited, QString *error, PlanEdits::Run *ran, const QString &changing = {})
{
    if (!checkChanging(*plan, edited, changing, error, ran))
        return false;
    *plan = std::move(edited);
    return true;
}

// Marks release @p index of @p plan deployed: what it holds is recorded and the history says
// who did it when.
void deploy(Plan *plan, int index, HistoryEntry entry)
{
    Release &release = plan->releases[index];
    release.status = Release::Status::Deployed;
    release.shippedRecorded = true;
    release.shipped = ShippedHistory::contents(*plan, release.id);
    ShippedHistory::recordBaseline(*plan, &release);
    entry.action = HistoryEntry::Action::Deployed;
    entry.release = release.id;
    plan->history.append(entry);
}

// Why moving @p step of refactoring @p index puts it before a step it depends on, or a step
// that depends on it after it, in plain words; empty when the order holds. Dependencies on
// conditional steps are left to the engine, which knows whether the refactoring has them.
QString dependencyProblem(const Plan &plan, int index, const QString &step)
{
    const Refactoring &r = plan.refactorings.at(index);
    const KindSpec *kind = Catalog::kind(r.kind);
    if (!kind)
        return {};
    const QStringList live = ShippedHistory::liveReleases(plan);
    const QMap<QString, QString> places = ShippedHistory::placement(plan, r);
    auto position = [&](const QString &name) {
        const qsizetype k = live.indexOf(places.value(name));
        return k < 0 ? live.size() : k; // beyond the plan: last
    };
    auto readable = [](QString name) { return QStringLiteral("“%1”").arg(name.replace(u'_', u' ')); };
    for (const StepSpec &spec : kind->steps) {
        for (const QString &dependency : spec.dependsOn) {
            if (spec.name != step && dependency != step)
                continue;
            const StepSpec *d = kind->step(dependency);
            if (!d || !d->condition.isEmpty() || !spec.condition.isEmpty())
                continue;
            const qsizetype a = position(spec.name), b = position(dependency);
            if (a > b || (a == b && spec.phase >= d->phase))
                continue;
            const QString where = places.value(dependency).isEmpty()
                                      ? QStringLiteral("beyond the plan")
                                      : QStringLiteral("in ") + ShippedHistory::name(plan, places.value(dependency));
            if (spec.name == step)
                return QStringLiteral("The %1 step of “%2” can’t run before its %3 step %4: "
                                      "move the %3 step first.")
                    .arg(readable(spec.name), r.id, readable(dependency), where);
            return QStringLiteral("The %1 step of “%2” can’t run after its %3 step %4, which "
                                  "depends on it: move the %3 step first.")
                .arg(readable(dependency), r.id, readable(spec.name),
                     places.value(spec.name).isEmpty()
                         ? QStringLiteral("beyond the plan")
                         : QStringLiteral("in ") + ShippedHistory::name(plan, places.value(spec.name)));
        }
    }
    return {};
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
    return checkChanging(original, edited, {}, error, ran);
}

namespace {

bool checkChanging(const Plan &original,
                   const Plan &edited,
                   const QString &changing,
                   QString *error,
                   PlanEdits::Run *ran)
{
    const QString shipped = ShippedHistory::refusal(original, edited, changing);
    if (!shipped.isEmpty()) {
        if (ran)
            ran->reset();
        return fail(error, shipped);
    }
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

} // namespace

namespace {

// Puts steps of refactoring @p index into releases (@p targets: step name -> release id, the
// first being the one the user moved, @p step), checked as one edit.
bool moveSteps(Plan *plan,
               int index,
               const QString &step,
               const QMap<QString, QString> &targets,
               QString *error,
               PlanEdits::Run *ran)
{
    const Refactoring &r = plan->refactorings.at(index);
    const KindSpec *kind = Catalog::kind(r.kind);
    for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
        if (kind && !kind->step(it.key()))
            return fail(error, QStringLiteral("refactoring %1 (%2) has no step '%3'")
                                   .arg(r.id, r.kind, it.key()));
        const Release *target = plan->release(it.value());
        if (!target)
            return fail(error, QStringLiteral("there is no release '%1'").arg(it.value()));
        if (target->status == Release::Status::Cancelled)
            return fail(error, QStringLiteral("release %1 is cancelled").arg(it.value()));
    }

    Plan edited = *plan;
    Refactoring &moved = edited.refactorings[index];
    // Back at the catalog's default place the move is dropped, so the file stays minimal. The
    // default is the start release plus the step's catalog offset, counting live releases.
    const QStringList live = ShippedHistory::liveReleases(*plan);
    const int start = int(live.indexOf(r.start));
    auto defaultPosition = [&](const QString &name) {
        return kind && start >= 0 ? start + kind->step(name)->offset : -1;
    };
    for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
        const int position = defaultPosition(it.key());
        if (position >= 0 && live.value(position) == it.value())
            moved.moves.remove(it.key());
        else
            moved.moves.insert(it.key(), it.value());
    }
    if (moved.moves == plan->refactorings.at(index).moves) {
        if (ran)
            ran->reset(); // nothing ran: the caller keeps what it has
        return true;      // already there: nothing to do
    }
    // In plain words and before the engine: what shipped stays, moves only delay a step, and
    // steps keep their order.
    QString problem = ShippedHistory::refusal(*plan, edited);
    const QString releaseId = targets.value(step);
    const int earliestPosition = defaultPosition(step);
    if (problem.isEmpty() && earliestPosition >= 0 && live.indexOf(releaseId) < earliestPosition) {
        const QString earliest = live.value(earliestPosition);
        const QString name = QString(step).replace(u'_', u' ');
        problem = earliest.isEmpty()
                      ? QStringLiteral("The “%1” step of “%2” can’t move into the plan: its "
                                       "earliest release lies after the last one, and a step "
                                       "can only be moved later.")
                            .arg(name, r.id)
                      : QStringLiteral("The “%1” step of “%2” can’t run before %3, the earliest "
                                       "release the catalog allows for it: a step can only be "
                                       "moved later.")
                            .arg(name, r.id, ShippedHistory::name(*plan, earliest));
    }
    for (auto it = targets.cbegin(); problem.isEmpty() && it != targets.cend(); ++it)
        problem = dependencyProblem(edited, index, it.key());
    if (!problem.isEmpty()) {
        if (ran)
            ran->reset();
        return fail(error, problem);
    }
    return commit(plan, std::move(edited), error, ran);
}

} // namespace

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
    return moveSteps(plan, index, step, {{step, releaseId}}, error, ran);
}

bool PlanEdits::moveStepWithDependents(Plan *plan,
                                       const QString &refactoring,
                                       const QString &step,
                                       const QString &releaseId,
                                       QStringList *along,
                                       QString *error,
                                       Run *ran)
{
    if (along)
        along->clear();
    const int index = plan->refactoringIndex(refactoring);
    if (index < 0)
        return fail(error, QStringLiteral("there is no refactoring '%1'").arg(refactoring));
    const Refactoring &r = plan->refactorings.at(index);
    const KindSpec *kind = Catalog::kind(r.kind);
    const QStringList live = ShippedHistory::liveReleases(*plan);
    QMap<QString, QString> places = ShippedHistory::placement(*plan, r);
    QMap<QString, QString> targets{{step, releaseId}};
    if (kind && kind->step(step) && live.contains(releaseId)) {
        places.insert(step, releaseId);
        auto position = [&](const QString &name) {
            const qsizetype k = live.indexOf(places.value(name));
            return k < 0 ? live.size() : k; // beyond the plan: last
        };
        // A step that depends on one that moved, and would now run before it, follows it:
        // into its release when its phase comes later there, else into the release after.
        for (bool changed = true; changed;) {
            changed = false;
            for (const StepSpec &spec : kind->steps) {
                if (!spec.condition.isEmpty() || spec.name == step)
                    continue;
                for (const QString &dependency : spec.dependsOn) {
                    const StepSpec *d = kind->step(dependency);
                    if (!d || !d->condition.isEmpty() || !targets.contains(dependency))
                        continue;
                    const qsizetype a = position(spec.name), b = position(dependency);
                    if (a > b || (a == b && spec.phase >= d->phase))
                        continue;
                    const qsizetype to = spec.phase >= d->phase ? b : b + 1;
                    if (to >= live.size())
                        break; // it cannot follow: the plain refusal names it
                    places.insert(spec.name, live.at(to));
                    targets.insert(spec.name, live.at(to));
                    changed = true;
                }
            }
        }
    }
    if (!moveSteps(plan, index, step, targets, error, ran))
        return false;
    if (along) {
        for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
            if (it.key() != step)
                along->append(it.key());
        }
    }
    return true;
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
    if (release.status != Release::Status::Deployed)
        return commit(plan, std::move(edited), error, ran);
    edited.releases[index].status = Release::Status::Planned;
    deploy(&edited, index, HistoryEntry::now());
    return commit(plan, std::move(edited), error, ran, release.id);
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
    const Release &was = plan->releases.at(index);
    const bool wasDeployed = was.status == Release::Status::Deployed;
    const bool deploying = !wasDeployed && release.status == Release::Status::Deployed;
    if (wasDeployed && release.status != Release::Status::Deployed)
        return fail(error,
                    QStringLiteral("%1 is deployed: only Release › Re-open Release, which asks "
                                   "why, can change that.")
                        .arg(ShippedHistory::name(*plan, id)));
    Plan edited = *plan;
    edited.releases[index] = release;
    if (wasDeployed) { // what it shipped is not the dialog's to change
        edited.releases[index].shippedRecorded = was.shippedRecorded;
        edited.releases[index].shipped = was.shipped;
        edited.releases[index].baselineSha256 = was.baselineSha256;
        edited.releases[index].baselineAlgorithm = was.baselineAlgorithm;
    } else {
        edited.releases[index].shippedRecorded = false;
        edited.releases[index].shipped.clear();
        edited.releases[index].baselineSha256.clear();
        edited.releases[index].baselineAlgorithm = 0;
    }
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
    if (!deploying)
        return commit(plan, std::move(edited), error, ran);
    edited.releases[index].status = Release::Status::Planned;
    deploy(&edited, index, HistoryEntry::now());
    return commit(plan, std::move(edited), error, ran, release.id);
}

bool PlanEdits::markDeployed(
    Plan *plan, const QString &id, const HistoryEntry &entry, QString *error, Run *ran)
{
    const int index = plan->releaseIndex(id);
    if (index < 0)
        return fail(error, QStringLiteral("there is no release '%1'").arg(id));
    const Release &release = plan->releases.at(index);
    if (release.status == Release::Status::Deployed)
        return fail(error, QStringLiteral("%1 is deployed already.").arg(ShippedHistory::name(*plan, id)));
    if (release.status == Release::Status::Cancelled)
        return fail(error,
                    QStringLiteral("%1 is cancelled: it ships nothing. Plan it again first.")
                        .arg(ShippedHistory::name(*plan, id)));
    Plan edited = *plan;
    deploy(&edited, index, entry);
    return commit(plan, std::move(edited), error, ran, id);
}

bool PlanEdits::reopenRelease(
    Plan *plan, const QString &id, const HistoryEntry &entry, QString *error, Run *ran)
{
    const int index = plan->releaseIndex(id);
    if (index < 0)
        return fail(error, QStringLiteral("there is no release '%1'").arg(id));
    if (plan->releases.at(index).status != Release::Status::Deployed)
        return fail(error, QStringLiteral("%1 is not deployed: there is nothing to re-open.")
                               .arg(ShippedHistory::name(*plan, id)));
    if (entry.why.trimmed().isEmpty())
        return fail(error,
                    QStringLiteral("Say why %1 is re-opened: the plan's history keeps the reason.")
                        .arg(ShippedHistory::name(*plan, id)));
    Plan edited = *plan;
    Release &release = edited.releases[index];
    release.status = Release::Status::Planned;
    release.shippedRecorded = false;
    release.shipped.clear();
    release.baselineSha256.clear();
    release.baselineAlgorithm = 0;
    HistoryEntry logged = entry;
    logged.action = HistoryEntry::Action::Reopened;
    logged.release = id;
    logged.why = entry.why.trimmed();
    edited.history.append(logged);
    return commit(plan, std::move(edited), error, ran, id);
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

bool PlanEdits::acknowledge(Plan *plan, const Acknowledgement &ack, QString *error, Run *ran)
{
    if (!Lints::lint(ack.lint))
        return fail(error, QStringLiteral("there is no lint '%1' to acknowledge").arg(ack.lint));
    if (ack.reason.trimmed().isEmpty())
        return fail(error, QStringLiteral("an acknowledgement of %1 needs a reason: the report shows it to "
                                          "whoever signs the release off")
                               .arg(ack.lint));
    if (!ack.refactoring.isEmpty() && plan->refactoringIndex(ack.refactoring) < 0)
        return fail(error, QStringLiteral("the plan has no refactoring '%1'").arg(ack.refactoring));
    for (const Acknowledgement &known : std::as_const(plan->acknowledgements)) {
        if (known.lint == ack.lint && known.refactoring == ack.refactoring && known.step == ack.step
            && known.object == ack.object)
            return fail(error, QStringLiteral("%1 is already acknowledged (\"%2\")").arg(ack.lint, known.reason));
    }
    Plan edited = *plan;
    Acknowledgement added = ack;
    added.reason = ack.reason.trimmed();
    edited.acknowledgements.append(added);
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
