// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace Tideline {

class Dialect;
class Engine;

enum class Severity { Error, Warning, Info };
QString severityName(Severity severity); // "error", "warning", "info"

/** One lint of the readiness review; its id is stable (CI configurations name it). */
struct Lint
{
    QString id; // kebab-case, e.g. "unsafe-not-null-add"
    QString title;
    QString explanation;
    QString fix;
    Severity severity = Severity::Error;
};

/** One place where a lint applies. */
struct Finding
{
    QString lint;
    Severity severity = Severity::Error;
    int release = 0;     // release position (1-based) the finding belongs to
    QString refactoring; // id; empty when the finding is about the release as a whole
    QString step;
    QString object; // "table" or "table.column"
    QString message;
    bool acknowledged = false;
    QString reason; // the acknowledgement's reason
};

/**
 * The lint registry and the linter. Lints look at the engine's placed steps, their schema
 * operations and the SQL the dialect generates for them, the schema states and the usage of
 * every application version: a DROP COLUMN whose users are all gone is the planned contract,
 * not a finding; the same drop while some version that may still run uses the column is.
 */
class Lints
{
public:
    static const QList<Lint> &all();
    static const Lint *lint(const QString &id);
    /** Findings for every release of the plan, in release order; acknowledgements not applied. */
    static QList<Finding> run(const Engine &engine, const Dialect &dialect);
    /** The findings of the placed DB steps of releases @p fromRelease and later, in the engine's
     *  step order: each depends only on its release's states, steps and app versions and on the
     *  plan's policy, rows and ids, never on a later release. */
    static QList<Finding> stepFindings(const Engine &engine, const Dialect &dialect, int fromRelease = 1);
    /** The same for the releases @p wanted accepts (by position), in the engine's step order. */
    static QList<Finding> stepFindings(const Engine &engine, const Dialect &dialect,
                                       const std::function<bool(int release)> &wanted);
    /** The findings about the plan as a whole (contracts waiting too long, shipped history
     *  changed), which any release's status can change. run() is stepFindings() and these,
     *  sorted by release. */
    static QList<Finding> overdue(const Engine &engine);

    /** Tables with at least this many rows are "large" for the batching lint. */
    static constexpr qint64 LargeTableRows = 1'000'000;
    /** A backfill batch above this size holds locks for too long to count as batched. */
    static constexpr int MaxBatch = 100'000;
};

} // namespace Tideline
