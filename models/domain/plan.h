// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Tideline {

/**
 * What one refactoring had in a release when the release was marked deployed: its kind, its
 * parameters and the names of its steps placed in that release. `check` compares the plan
 * with it, so that history changed by hand in a file is found.
 */
struct ShippedRefactoring
{
    QString kind;
    QJsonObject params;
    QStringList steps; // sorted
    bool operator==(const ShippedRefactoring &o) const
    {
        return kind == o.kind && params == o.params && steps == o.steps;
    }
};

/** One deployment of the application together with its schema scripts. */
struct Release
{
    enum class Status { Planned, Deployed, Cancelled };

    QString id;
    QString label;
    QDate date; // optional
    Status status = Status::Planned;
    /** Set when the release was marked deployed through the edit API (files of older builds
     *  have deployed releases without it): by refactoring id, what shipped in it. */
    bool shippedRecorded = false;
    QMap<QString, ShippedRefactoring> shipped;
    /** Recorded with `shipped`: the fingerprint of the baseline schema the release shipped on
     *  (ShippedHistory::baselineFingerprint), as sha256 hex, and the version of the algorithm
     *  that made it; empty and 0 when none was recorded (files of older builds kept it in
     *  `shipped` as a "(baseline)" entry, which the readers turn into these). */
    QString baselineSha256;
    int baselineAlgorithm = 0;

    static QString statusName(Status status);
    static bool statusFromName(const QString &name, Status *status);
    bool operator==(const Release &o) const;
};

/** Plan-wide settings that change what the engine requires and how SQL is generated. */
struct Policy
{
    bool rollbackSafe = true; // A_{k-1} must also run on S_k (DESIGN.md §3)
    int backfillBatch = 1000;
    // How long a generated DDL statement waits for its lock, and how long any one statement may
    // run (PostgreSQL units: "500ms", "1s", "2min"). Short waits keep a blocked ALTER from
    // queueing every other query behind it; scripts are re-runnable, so a retry is safe.
    QString lockTimeout = QStringLiteral("1s");
    QString statementTimeout = QStringLiteral("5s");
    // How many deployed releases a contract may wait after its expand shipped before the
    // readiness review flags it (seed 004: half-finished refactorings get forgotten).
    int maxContractAge = 3;

    static bool isDuration(const QString &text);
    bool operator==(const Policy &o) const
    {
        return rollbackSafe == o.rollbackSafe && backfillBatch == o.backfillBatch
               && lockTimeout == o.lockTimeout && statementTimeout == o.statementTimeout
               && maxContractAge == o.maxContractAge;
    }
};

/** What runs today: S_0, either as DDL text or as tables given directly. */
struct Baseline
{
    QString sql;   // DDL as the user wrote it; empty when the tables were given as JSON
    Schema schema; // parsed from sql, or the JSON tables
    QMap<QString, qint64> rows; // estimated row count per table
    /** What `sql` holds that a Schema cannot (functions, grants, data …), as the importer
     *  named it when the plan was read; not stored, not compared. */
    QStringList notes;
    bool operator==(const Baseline &o) const
    {
        return sql == o.sql && schema == o.schema && rows == o.rows;
    }
};

/** One instance of a catalog kind: a change of intent spread over releases. */
struct Refactoring
{
    QString id;
    QString kind;
    QString start; // release id
    QJsonObject params;
    QMap<QString, QString> moves; // step name -> release id
    QString note;                 // free text for the team
    /**
     * Ids of refactorings this one depends on: it decomposes against the state they leave
     * (their steps of its start release included) and every step of it runs no earlier than
     * their DB steps up to its start release. They start in the same or an earlier release.
     */
    QStringList after;
    bool operator==(const Refactoring &o) const
    {
        return id == o.id && kind == o.kind && start == o.start && params == o.params
               && moves == o.moves && note == o.note && after == o.after;
    }
};

/** A change to a set of names: either add/remove, or replace the whole set. */
struct UsageDelta
{
    QStringList add;
    QStringList remove;
    bool replace = false; // when true, `add` is the whole new set and `remove` is unused
    bool isEmpty() const { return !replace && add.isEmpty() && remove.isEmpty(); }
    bool operator==(const UsageDelta &o) const
    {
        return add == o.add && remove == o.remove && replace == o.replace;
    }
};

/**
 * A hand edit of what an application version uses, from `release` on.
 * Exactly one of `table` and `procedure` is set.
 */
struct UsageEdit
{
    QString release;
    QString table; // table or view
    QString procedure;
    UsageDelta reads;
    UsageDelta inserts;
    UsageDelta updates;
    UsageDelta honours; // constraint keys the app respects, e.g. "not_null:email"
    UsageDelta passes;  // procedure parameters
    bool operator==(const UsageEdit &o) const
    {
        return release == o.release && table == o.table && procedure == o.procedure
               && reads == o.reads && inserts == o.inserts && updates == o.updates
               && honours == o.honours && passes == o.passes;
    }
};

/**
 * A readiness finding the team has looked at and accepted, with the reason. It matches a
 * finding by lint id and, where set, refactoring, step and object; the review still shows it,
 * marked acknowledged, and it no longer blocks.
 */
struct Acknowledgement
{
    QString lint; // stable lint id
    QString refactoring;
    QString step;
    QString object; // "table" or "table.column"
    QString reason;
    bool operator==(const Acknowledgement &o) const
    {
        return lint == o.lint && refactoring == o.refactoring && step == o.step
               && object == o.object && reason == o.reason;
    }
};

/**
 * One entry of the plan's history: a release marked deployed or re-opened, by whom, when and
 * why. Entries are only ever appended.
 */
struct HistoryEntry
{
    enum class Action { Deployed, Reopened };

    Action action = Action::Deployed;
    QString release; // id at the time
    QString who;
    QDateTime when; // UTC
    QString why;    // required for a re-open

    static QString actionName(Action action);
    static bool actionFromName(const QString &name, Action *action);
    /** Who is at the keyboard, from the environment (USER, USERNAME); "unknown" without. */
    static QString currentUser();
    /** An entry of @p action by currentUser(), now (UTC, whole seconds, as the files keep it). */
    static HistoryEntry now(Action action = Action::Deployed, const QString &why = {});
    bool operator==(const HistoryEntry &o) const
    {
        return action == o.action && release == o.release && who == o.who && when == o.when
               && why == o.why;
    }
};

/** The whole document. */
struct Plan
{
    QString name;
    QString dialect = QStringLiteral("postgresql");
    Policy policy;
    QList<Release> releases;
    Baseline baseline;
    QList<Refactoring> refactorings;
    QList<UsageEdit> usage;
    // SQL an application version runs, by release id ("baseline" for A_0); `verify` runs it
    // next to the statements generated from the usage.
    QMap<QString, QStringList> statements;
    QList<Acknowledgement> acknowledgements;
    QList<HistoryEntry> history; // oldest first

    int releaseIndex(const QString &id) const; // -1 when unknown
    const Release *release(const QString &id) const;
    int refactoringIndex(const QString &id) const;
    bool operator==(const Plan &o) const;
    bool operator!=(const Plan &o) const { return !(*this == o); }

    /** The names a plan's "dialect" may hold: those of the registry, Dialect::all(). */
    static QStringList dialects();
};

/** A problem with a plan or one of its files, named by file and field. */
struct PlanError
{
    QString file;
    QString field; // e.g. "refactorings[2].params.table"
    QString message;
    QString toString() const;
};

} // namespace Tideline
