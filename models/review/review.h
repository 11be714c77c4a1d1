// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lints.h"

#include <domain/plan.h>

#include <QColor>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

namespace Tideline {

class Engine;
struct ReviewBasis; // review.cpp: what Review::update() may take over from an earlier review

/** What `tideline-cli verify --json` reported for one release (docs/verify.md). */
struct VerifyReport
{
    QString file;
    QString plan; // the name of the plan verify ran, so that another plan's file is refused
    QString release;
    QString verdict; // "pass" or "fail"
    QMap<QString, double> extrapolatedSeconds; // script path -> measured time scaled to the plan's rows
    QStringList defects;

    /** Reads a verify JSON file; false with @p error naming the problem. */
    static bool load(const QString &path, VerifyReport *report, QString *error);
};

struct PhaseSeconds
{
    double pre = 0, backfill = 0, post = 0, offline = 0;
    double total() const { return pre + backfill + post + offline; }
};

/** One script of the release's bundle with its static estimate and, if verified, its measurement. */
struct ScriptEstimate
{
    QString path, phase, refactoring, step;
    double estimateSeconds = 0;
    double measuredSeconds = -1; // extrapolated by verify; -1 when not measured
    double seconds() const { return measuredSeconds >= 0 ? measuredSeconds : estimateSeconds; }
};

/** One compatibility cell as the report prints it. */
struct CellLine
{
    QString app, state;
    bool required = false;
    bool ok = true;
    QStringList failures; // "error: …" / "warning: …"
};

struct ReleaseReview
{
    enum class Verdict { Ready, Warnings, Blocked };

    QString id, label, status;
    int position = 0;
    Verdict verdict = Verdict::Ready;
    QStringList reasons;
    QList<Finding> findings;
    PhaseSeconds estimate;
    QList<ScriptEstimate> scripts;
    QList<CellLine> cells;
    QString runbook; // the bundle's RUNBOOK.md
    QString verify;  // "pass", "fail" or "not verified"
    QStringList pendingAfter; // refactorings expanded but not contracted once the release is done
    QStringList contractsDue; // refactorings whose contract runs in this release

    static QString verdictName(Verdict verdict); // "ready", "warnings", "blocked"
    static QString verdictTitle(Verdict verdict); // "ready", "ready with warnings", "blocked"
    int count(Severity severity, bool acknowledged) const;
    /** Short text and colour for the release header badge in the grid. */
    QString badgeText() const;
    QColor badgeColor() const;
};

/** A refactoring's span from its first step to its contract, in release positions. */
struct RefactoringSpan
{
    QString id, kind;
    int expand = 0;   // release position of the first step
    int contract = 0; // release position of the contract step (beyond the plan: > release count)
    int last = 0;     // release position of the refactoring's last step
    bool hasContract = false;
};

/** The readiness review of a whole plan (DESIGN.md §7). */
struct ReviewResult
{
    QString plan, dialect;
    QList<ReleaseReview> releases; // in plan order, cancelled ones left out
    QList<RefactoringSpan> spans;
    /** What the review was computed from, for Review::update(); not part of what it says. */
    std::shared_ptr<const ReviewBasis> basis;
    /** What the review computed anew (the rest it took over), for tests and benchmarks. */
    struct Work
    {
        int linted = 0; // releases whose steps were linted
        int bundled = 0; // releases whose bundle was built for the estimates and runbook
    };
    Work work;

    const ReleaseReview *release(const QString &id) const;
    bool blocked() const;
    QString badgeText(const QString &releaseId) const;
    QColor badgeColor(const QString &releaseId) const;
};

class Review
{
public:
    /**
     * Reviews every release of an engine that has run: compatibility, lints (with the plan's
     * acknowledgements applied), pending contracts, offline steps, verify reports and estimates.
     */
    static ReviewResult run(const Engine &engine, const QList<VerifyReport> &verify = {});
    /**
     * The review of @p engine, equal to run(engine, verify), reusing @p previous's work (lints of
     * the steps, bundles) for the releases before @p fromRelease: the first release whose states,
     * steps, app versions or cells can differ between @p previous's engine and @p engine
     * (Engine::firstChangedRelease()), and for each later release whose steps, states (before,
     * during and after it), app versions and cells are as they were (steps compared by their
     * ops' identity: a step the engine decomposed again is reviewed again). Everything that
     * looks across releases (spans, pending and due contracts, overdue contracts,
     * acknowledgements, verify, verdicts) is computed again; nothing is reused when the plan's
     * name, dialect, policy, rows, refactoring ids or kinds, or release ids differ from
     * @p previous's.
     */
    static ReviewResult update(const ReviewResult &previous, const Engine &engine, int fromRelease,
                               const QList<VerifyReport> &verify = {});
    /** True when @p ack accepts @p finding (same lint; refactoring, step, object where set). */
    static bool matches(const Acknowledgement &ack, const Finding &finding);
};

} // namespace Tideline
