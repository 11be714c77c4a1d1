// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QList>
#include <QString>

#include <memory>

namespace Tideline {

class Engine;
struct SchemaEdit;

/**
 * The plan's edit API, free of any undo machinery so that the GUI's Document and the command
 * line share it. Every function edits a copy of @p plan, validates the copy (PlanValidator,
 * then an Engine run) and only on success stores it in @p plan. On failure it returns false,
 * sets @p error to a message that names the problem, and leaves @p plan untouched.
 *
 * A plan that already failed to run may still be edited (so that the user can repair it), as
 * long as the edit passes PlanValidator; a plan that ran is never turned into one that cannot.
 *
 * When @p ran is given, an accepted edit leaves there the engine run over the new plan (null
 * when it cannot run), so that a caller showing the plan need not run the engine again.
 */
class PlanEdits
{
public:
    using Run = std::shared_ptr<const Engine>;

    /**
     * While one lives (on this thread), the edit functions check only what needs no engine
     * run: the edit's own rules and PlanValidator. The GUI's Document uses it so that an edit
     * lands at once and the engine runs in a worker; it undoes an edit the run refuses.
     */
    class StructureOnly
    {
    public:
        StructureOnly();
        ~StructureOnly();
        StructureOnly(const StructureOnly &) = delete;
        StructureOnly &operator=(const StructureOnly &) = delete;
    };

    /** Puts @p step of @p refactoring into release @p releaseId (its default release removes the move). */
    static bool moveStep(Plan *plan,
                         const QString &refactoring,
                         const QString &step,
                         const QString &releaseId,
                         QString *error,
                         Run *ran = nullptr);
    /**
     * Like moveStep(), and the steps of the same refactoring that depend on @p step (directly
     * or through another) and would then run before it move along, as one edit: into its new
     * release when their phase comes later there, else into the release after. @p along
     * receives the names of the steps that moved along (none when moveStep() alone would do).
     */
    static bool moveStepWithDependents(Plan *plan,
                                       const QString &refactoring,
                                       const QString &step,
                                       const QString &releaseId,
                                       QStringList *along,
                                       QString *error,
                                       Run *ran = nullptr);
    static bool addRefactoring(Plan *plan,
                               const Refactoring &refactoring,
                               QString *error,
                               Run *ran = nullptr);
    /** Replaces refactoring @p id by @p refactoring (which may carry a new, unused id, carried
     *  into the "after" of the refactorings that depend on it). */
    static bool replaceRefactoring(Plan *plan,
                                   const QString &id,
                                   const Refactoring &refactoring,
                                   QString *error,
                                   Run *ran = nullptr);
    static bool removeRefactoring(Plan *plan, const QString &id, QString *error, Run *ran = nullptr);
    /** Inserts @p release before position @p index (0..releases.size()); one inserted as
     *  deployed is marked as markDeployed() does (by the current user, now). */
    static bool insertRelease(
        Plan *plan, int index, const Release &release, QString *error, Run *ran = nullptr);
    /** Replaces release @p id; a new id is carried into every reference to the old one. A
     *  status that becomes deployed is marked as markDeployed() does (by the current user, now);
     *  a deployed release is only taken back by reopenRelease(). */
    static bool replaceRelease(
        Plan *plan, const QString &id, const Release &release, QString *error, Run *ran = nullptr);
    /**
     * Marks release @p id deployed (DESIGN.md §8, "deployed is history"): every release before
     * it that is not cancelled must be deployed already. Records in the release what it ships
     * (Release::shipped) and appends @p entry to the plan's history with the action and the
     * release filled in; @p entry gives who and when.
     */
    static bool markDeployed(
        Plan *plan, const QString &id, const HistoryEntry &entry, QString *error, Run *ran = nullptr);
    /**
     * Takes deployed release @p id back to planned, for a release marked deployed by mistake:
     * no later release may be deployed. Drops its record and appends @p entry (who, when and,
     * required, why) to the history.
     */
    static bool reopenRelease(
        Plan *plan, const QString &id, const HistoryEntry &entry, QString *error, Run *ran = nullptr);
    /** Removes release @p id; refused while a refactoring, move or usage edit names it. */
    static bool removeRelease(Plan *plan, const QString &id, QString *error, Run *ran = nullptr);
    static bool moveRelease(
        Plan *plan, const QString &id, int newIndex, QString *error, Run *ran = nullptr);
    static bool setPolicy(Plan *plan, const Policy &policy, QString *error, Run *ran = nullptr);
    static bool setDialect(Plan *plan, const QString &dialect, QString *error, Run *ran = nullptr);
    static bool setUsage(Plan *plan,
                         const QList<UsageEdit> &usage,
                         QString *error,
                         Run *ran = nullptr);
    /** Accepts a readiness finding for the reason @p ack names (a reason is required, the lint
     *  must exist, the refactoring, when set, too); an acknowledgement already there is
     *  refused. The review then shows the finding acknowledged, and it no longer blocks. */
    static bool acknowledge(Plan *plan, const Acknowledgement &ack, QString *error, Run *ran = nullptr);

    /** Applies one edit of the baseline schema (schemaedit.cpp): names follow the plan's
     *  dialect's identifier rules and are unique, keys and indexes cover existing columns, a
     *  foreign key references an existing table's primary or unique key, and what a
     *  refactoring, an app usage edit or another table's foreign key uses is neither removed nor
     *  renamed (the message names the user). A baseline given as DDL becomes tables. */
    static bool editBaseline(Plan *plan, const SchemaEdit &edit, QString *error, Run *ran = nullptr);
    /** Makes @p schema the baseline (an import: DDL or a live database), as tables; row
     *  estimates of tables that remain are kept. With @p dialect set, the plan's dialect becomes
     *  it in the same edit. */
    static bool setBaseline(Plan *plan,
                            const Schema &schema,
                            const QString &dialect,
                            QString *error,
                            Run *ran = nullptr);

    /**
     * The check every edit ends with: true when @p edited may replace @p original. Fills
     * @p error with the first problem found. Within a StructureOnly scope it stops after
     * PlanValidator and sets @p ran to null: the caller runs the engine itself. What shipped
     * stays (ShippedHistory::refusal) whatever the scope.
     */
    static bool check(const Plan &original, const Plan &edited, QString *error, Run *ran = nullptr);
};

} // namespace Tideline
