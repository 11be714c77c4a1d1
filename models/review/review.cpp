// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "review.h"

#include <engine/engine.h>
#include <engine/resultindex.h>
#include <sql/bundle.h>
#include <sql/dialect.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <set>

namespace Tideline {

/** What a review was computed from, and the per-release work Review::update() may take over. */
struct ReviewBasis
{
    Plan plan;                            // the reviewed plan (implicitly shared)
    QStringList releases;                 // ids of the release positions 1..n
    QList<QList<Finding>> stepFindings;   // [k]: Lints::stepFindings of release k, as linted
    // The engine's results the review read (implicitly shared with the engine's own), to tell
    // which releases an edit left as they were.
    QList<SchemaState> states;
    QList<AppVersion> apps;
    QList<PlacedStep> steps;
    std::shared_ptr<const ResultIndex> index;
};

namespace {

void addEstimate(PhaseSeconds *e, const QString &phase, double s)
{
    if (phase == QLatin1String("pre"))
        e->pre += s;
    else if (phase == QLatin1String("backfill"))
        e->backfill += s;
    else if (phase == QLatin1String("post"))
        e->post += s;
    else if (phase == QLatin1String("offline"))
        e->offline += s;
}

QList<CellLine> cellsOf(const Engine &engine, const ResultIndex &index, int k)
{
    QList<CellLine> lines;
    const int pre = Engine::stateIndex(k, Phase::Pre), post = Engine::stateIndex(k, Phase::Post);
    for (int i : index.cells({pre, post})) {
        const Cell &cell = engine.cells().at(i);
        CellLine line;
        line.app = engine.apps().at(cell.app).name;
        line.state = engine.states().at(cell.state).name;
        line.required = cell.required;
        line.ok = cell.ok();
        for (const Failure &f : cell.failures)
            line.failures << (f.warning ? QStringLiteral("warning: ") : QStringLiteral("error: ")) + f.message;
        lines << line;
    }
    return lines;
}

QList<RefactoringSpan> spansOf(const Engine &engine)
{
    const Plan &plan = engine.plan();
    QList<RefactoringSpan> spans(plan.refactorings.size());
    for (int i = 0; i < spans.size(); ++i) {
        spans[i].id = plan.refactorings.at(i).id;
        spans[i].kind = plan.refactorings.at(i).kind;
    }
    for (const PlacedStep &p : engine.steps()) {
        RefactoringSpan &s = spans[p.refactoring];
        if (s.expand == 0 || p.release < s.expand)
            s.expand = p.release;
        s.last = qMax(s.last, p.release);
        if (p.step.category == QLatin1String("contract")) {
            s.hasContract = true;
            s.contract = qMax(s.contract, p.release);
        }
    }
    return spans;
}

} // namespace

bool VerifyReport::load(const QString &path, VerifyReport *report, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read verify file %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("%1 is not a verify JSON object: %2").arg(path, parseError.errorString());
        return false;
    }
    const QJsonObject o = doc.object();
    *report = VerifyReport();
    report->file = path;
    report->plan = o.value(QLatin1String("plan")).toString();
    report->release = o.value(QLatin1String("release")).toString();
    report->verdict = o.value(QLatin1String("verdict")).toString();
    if (report->release.isEmpty()
        || (report->verdict != QLatin1String("pass") && report->verdict != QLatin1String("fail"))) {
        *error = QStringLiteral("%1: a verify file needs \"release\" and \"verdict\": \"pass\" or \"fail\"").arg(path);
        return false;
    }
    for (const QJsonValue &v : o.value(QLatin1String("scripts")).toArray()) {
        const QJsonObject s = v.toObject();
        const QJsonValue x = s.value(QLatin1String("extrapolated_s"));
        const QString file = s.value(QLatin1String("file")).toString();
        // verify runs every script twice; the first run is the one that does the work.
        if (x.isDouble() && s.value(QLatin1String("run")).toInt(1) == 1 && !report->extrapolatedSeconds.contains(file))
            report->extrapolatedSeconds.insert(file, x.toDouble());
    }
    for (const QJsonValue &v : o.value(QLatin1String("defects")).toArray())
        report->defects << v.toString();
    return true;
}

QString ReleaseReview::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Ready:
        return QStringLiteral("ready");
    case Verdict::Warnings:
        return QStringLiteral("warnings");
    case Verdict::Blocked:
        return QStringLiteral("blocked");
    }
    return {};
}

QString ReleaseReview::verdictTitle(Verdict verdict)
{
    return verdict == Verdict::Warnings ? QStringLiteral("ready with warnings") : verdictName(verdict);
}

int ReleaseReview::count(Severity severity, bool acknowledged) const
{
    int n = 0;
    for (const Finding &f : findings)
        n += f.severity == severity && f.acknowledged == acknowledged ? 1 : 0;
    return n;
}

QString ReleaseReview::badgeText() const
{
    switch (verdict) {
    case Verdict::Ready:
        return QStringLiteral("✔ ready");
    case Verdict::Warnings:
        return QStringLiteral("⚠ warnings");
    case Verdict::Blocked:
        return QStringLiteral("✘ blocked");
    }
    return {};
}

QColor ReleaseReview::badgeColor() const
{
    switch (verdict) {
    case Verdict::Ready:
        return QColor(0x2e, 0x7d, 0x32);
    case Verdict::Warnings:
        return QColor(0xe0, 0x8a, 0x00);
    case Verdict::Blocked:
        return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

const ReleaseReview *ReviewResult::release(const QString &id) const
{
    for (const ReleaseReview &r : releases) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

bool ReviewResult::blocked() const
{
    for (const ReleaseReview &r : releases) {
        if (r.verdict == ReleaseReview::Verdict::Blocked)
            return true;
    }
    return false;
}

QString ReviewResult::badgeText(const QString &releaseId) const
{
    const ReleaseReview *r = release(releaseId);
    return r ? r->badgeText() : QString();
}

QColor ReviewResult::badgeColor(const QString &releaseId) const
{
    const ReleaseReview *r = release(releaseId);
    return r ? r->badgeColor() : QColor();
}

bool Review::matches(const Acknowledgement &ack, const Finding &finding)
{
    return ack.lint == finding.lint && (ack.refactoring.isEmpty() || ack.refactoring == finding.refactoring)
           && (ack.step.isEmpty() || ack.step == finding.step)
           && (ack.object.isEmpty() || ack.object == finding.object);
}

namespace {

/** True when @p previous was computed from the same plan-wide inputs as @p engine's: then the
 *  lints and bundle of a release depend only on what the release itself holds. */
bool sameInputs(const ReviewBasis &previous, const Engine &engine)
{
    const Plan &a = previous.plan, &b = engine.plan();
    if (a.name != b.name || a.dialect != b.dialect || !(a.policy == b.policy) || a.baseline.rows != b.baseline.rows
        || a.refactorings.size() != b.refactorings.size() || previous.releases.size() != engine.releaseCount())
        return false;
    for (int i = 0; i < a.refactorings.size(); ++i) {
        if (a.refactorings.at(i).id != b.refactorings.at(i).id || a.refactorings.at(i).kind != b.refactorings.at(i).kind)
            return false;
    }
    for (int k = 1; k <= engine.releaseCount(); ++k) {
        if (previous.releases.at(k - 1) != engine.release(k).id)
            return false;
    }
    return true;
}

bool sameSchema(const Schema &a, const Schema &b)
{
    QStringList differing; // walks only the tables the two do not share
    return a.tables.differingKeys(b.tables, &differing) && differing.isEmpty() && a.views == b.views
           && a.procedures == b.procedures && a.sequences == b.sequences && a.enums == b.enums;
}

/** True when two placed steps are the same to the lints and the bundle, but for the schema
 *  before them. Ops are compared by identity: a step the engine kept shares them; one it
 *  decomposed again counts as changed. */
bool sameStep(const PlacedStep &a, const Plan &planA, const PlacedStep &b, const Plan &planB)
{
    const Refactoring &ra = planA.refactorings.at(a.refactoring), &rb = planB.refactorings.at(b.refactoring);
    return ra.id == rb.id && ra.kind == rb.kind && a.release == b.release && a.step.name == b.step.name
           && a.step.phase == b.step.phase && a.step.category == b.step.category
           && a.step.description == b.step.description && a.step.ops.size() == b.step.ops.size()
           && a.step.ops.constData() == b.step.ops.constData();
}

bool sameCells(const QList<CellLine> &a, const QList<CellLine> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const CellLine &x = a.at(i), &y = b.at(i);
        if (x.app != y.app || x.state != y.state || x.required != y.required || x.ok != y.ok || x.failures != y.failures)
            return false;
    }
    return true;
}

/**
 * Which releases of @p engine hold what they held in the review @p was came from, in
 * everything their steps' lint findings and their bundle's runbook and estimates read: the
 * placed steps (and the schema before each), S_{k-1}, P_k and S_k (schemas and filled
 * columns), A_{k-1} and A_k (their names, and their use of what the steps' ops name), and the cells (@p cells against @p wasCells). The plan-wide
 * inputs (name, dialect, policy, rows, release and refactoring ids) are the same already
 * (sameInputs). [k] for release k; [0] unused.
 *
 * States are compared by induction where they can be: the engine builds P_k and S_k by applying
 * release k's DB steps, in their order, to S_{k-1}; the same steps (the same ops) applied to
 * the same S_{k-1} give the same states and the same schema before each step. Only where that
 * chain is broken (around an edit) are the states and the schemas before the steps compared.
 */
QList<bool> unchangedReleases(const ReviewBasis &was, const QList<QList<CellLine>> &wasCells, const Engine &engine,
                              const ResultIndex &index, const QList<QList<CellLine>> &cells)
{
    const int n = engine.releaseCount();
    // What the lints read of an app version: its use of the relations a step's ops name
    // (Lints' usersOf: op.table, or the view a DropView drops); the bundle, its name. Comparing
    // only that spares comparing every version whose usage an edit rebuilt.
    auto sameUse = [&](int a, const QList<int> &steps) {
        const AppVersion &x = was.apps.at(a), &y = engine.apps().at(a);
        if (x.name != y.name)
            return false;
        for (int i : steps) {
            for (const SchemaOp &op : std::as_const(engine.steps().at(i).step.ops)) {
                for (const QString *name : {&op.table, &op.view.name}) {
                    const auto p = x.usage.tables.constFind(*name), q = y.usage.tables.constFind(*name);
                    const bool inX = p != x.usage.tables.constEnd(), inY = q != y.usage.tables.constEnd();
                    if (inX != inY || (inX && !(*p == *q)))
                        return false;
                }
            }
        }
        return true;
    };
    auto sameState = [&](int s, bool compare) {
        const SchemaState &x = was.states.at(s), &y = engine.states().at(s);
        return x.name == y.name && (!compare || (x.filled == y.filled && sameSchema(x.schema, y.schema)));
    };
    QList<bool> states(2 * n + 1), unchanged(n + 1, false);
    states[0] = sameState(0, true);
    for (int k = 1; k <= n; ++k) {
        const QList<int> a = was.index->steps(k), b = index.steps(k);
        bool steps = a.size() == b.size();
        for (qsizetype i = 0; steps && i < a.size(); ++i)
            steps = sameStep(was.steps.at(a.at(i)), was.plan, engine.steps().at(b.at(i)), engine.plan());
        const int before = Engine::stateIndex(k - 1, Phase::Post), pre = Engine::stateIndex(k, Phase::Pre),
                  post = Engine::stateIndex(k, Phase::Post);
        const bool follows = states.at(before) && steps; // the same steps on the same S_{k-1}
        states[pre] = sameState(pre, !follows);
        states[post] = sameState(post, !follows);
        for (qsizetype i = 0; steps && !follows && i < a.size(); ++i)
            steps = sameSchema(was.steps.at(a.at(i)).before, engine.steps().at(b.at(i)).before);
        unchanged[k] = steps && states.at(before) && states.at(pre) && states.at(post) && sameUse(k - 1, b)
                       && sameUse(k, b) && sameCells(wasCells.at(k), cells.at(k));
    }
    return unchanged;
}

/** The review of @p engine; releases 1..@p reuse, and with @p anyRelease every later one that
 *  unchangedReleases() finds unchanged, are taken from @p previous (same inputs). */
ReviewResult review(const Engine &engine, const QList<VerifyReport> &verify, const ReviewResult *previous, int reuse,
                    bool anyRelease = false)
{
    using Verdict = ReleaseReview::Verdict;
    const Plan &plan = engine.plan();
    const int n = engine.releaseCount();
    ReviewResult result;
    result.plan = plan.name;
    result.dialect = plan.dialect;
    result.spans = spansOf(engine);
    const Dialect *dialect = Dialect::forName(plan.dialect);
    const std::shared_ptr<const ResultIndex> index = ResultIndex::of(engine);

    auto basis = std::make_shared<ReviewBasis>();
    basis->plan = plan;
    basis->stepFindings.resize(n + 1);
    basis->states = engine.states();
    basis->apps = engine.apps();
    basis->steps = engine.steps();
    basis->index = index;
    for (int k = 1; k <= n; ++k)
        basis->releases << engine.release(k).id;
    if (!dialect) {
        reuse = 0;
        anyRelease = false;
    }
    // The cells of each release, and which releases are taken over: those before @p reuse,
    // and the later ones whose inputs are as they were.
    QList<QList<CellLine>> cells(n + 1);
    for (int k = 1; k <= n; ++k)
        cells[k] = cellsOf(engine, *index, k);
    QList<bool> reused(n + 1, false);
    if (anyRelease) {
        QList<QList<CellLine>> wasCells(n + 1);
        for (int k = 1; k <= n; ++k)
            wasCells[k] = previous->releases.at(k - 1).cells;
        reused = unchangedReleases(*previous->basis, wasCells, engine, *index, cells);
    }
    for (int k = 1; k <= reuse; ++k)
        reused[k] = true;
    // Lints: the steps' findings of the releases not reused, and the overdue contracts (any
    // release's status changes them) of all, each release's in the order Lints::run gives.
    QHash<int, QList<Finding>> overdue;
    if (dialect) {
        for (int k = 1; k <= n; ++k) {
            if (reused.at(k))
                basis->stepFindings[k] = previous->basis->stepFindings.at(k);
        }
        const auto lint = [&reused](int k) { return !reused.at(k); };
        for (int k = 1; k <= n; ++k)
            result.work.linted += reused.at(k) ? 0 : 1;
        for (const Finding &f : Lints::stepFindings(engine, *dialect, lint))
            basis->stepFindings[f.release] << f;
        for (const Finding &f : Lints::overdue(engine))
            overdue[f.release] << f;
    }

    // Refactorings by kind, for raw SQL findings (the first refactoring of an id counts).
    QHash<QString, QString> kinds;
    if (!verify.isEmpty()) {
        for (const Refactoring &r : plan.refactorings)
            kinds.insert(r.id, kinds.value(r.id, r.kind));
    }

    // Spans by the release of their first step and of their contract: the contracts still open
    // after release k are those expanded by k and contracted later.
    QHash<int, QList<int>> opening, closing;
    for (int i = 0; i < result.spans.size(); ++i) {
        const RefactoringSpan &s = result.spans.at(i);
        if (!s.hasContract)
            continue;
        opening[s.expand] << i;
        closing[s.contract] << i;
    }
    std::set<int> open;
    for (auto it = opening.cbegin(); it != opening.cend(); ++it) {
        if (it.key() < 1) // before the first release: open from its start
            open.insert(it->cbegin(), it->cend());
    }

    for (int k = 1; k <= n; ++k) {
        const Release &release = engine.release(k);
        ReleaseReview r;
        r.id = release.id;
        r.label = release.label;
        r.status = Release::statusName(release.status);
        r.position = k;
        bool blocked = false, warned = false;

        // Compatibility: every required cell of the release.
        r.cells = cells.at(k);
        for (const CellLine &cell : std::as_const(r.cells)) {
            if (cell.required && !cell.ok) {
                blocked = true;
                r.reasons << QStringLiteral("required compatibility cell fails: %1 on %2 (%3)")
                                 .arg(cell.app, cell.state, cell.failures.value(0));
            }
        }

        const VerifyReport *verified = nullptr;
        for (const VerifyReport &v : verify) {
            if (v.release == release.id && v.verdict == QLatin1String("pass"))
                verified = &v;
        }
        // Lints, with the plan's acknowledgements.
        for (Finding f : basis->stepFindings.at(k) + overdue.value(k)) {
            // A raw SQL step is proven by execution only: once verify ran it, it stays as info.
            if (verified && f.lint == QLatin1String("raw-sql-unproven")
                && kinds.value(f.refactoring) == QLatin1String("raw_sql")) {
                f.severity = Severity::Info;
                f.message += QStringLiteral(" (verify passed: %1)").arg(verified->file);
            }
            // What shipped is a fact: a plan that contradicts it is never acknowledged ready.
            const bool fact = f.lint == QLatin1String("shipped-history-changed");
            for (const Acknowledgement &ack : plan.acknowledgements) {
                if (!fact && Review::matches(ack, f)) {
                    f.acknowledged = true;
                    f.reason = ack.reason;
                    break;
                }
            }
            r.findings << f;
        }
        QStringList errors, warnings, acknowledged, offline;
        for (const Finding &f : std::as_const(r.findings)) {
            const QString where = f.refactoring.isEmpty() ? f.lint : QStringLiteral("%1 (%2 %3)").arg(f.lint, f.refactoring, f.step);
            if (f.lint == QLatin1String("offline-step"))
                offline << f.refactoring + QLatin1Char(' ') + f.step;
            if (f.acknowledged)
                acknowledged << QStringLiteral("%1: %2").arg(where, f.reason);
            else if (f.severity == Severity::Error)
                errors << where;
            else if (f.severity == Severity::Warning)
                warnings << where;
        }
        if (!errors.isEmpty()) {
            blocked = true;
            r.reasons << QStringLiteral("blocking findings: %1").arg(errors.join(QStringLiteral(", ")));
        }
        if (!warnings.isEmpty()) {
            warned = true;
            r.reasons << QStringLiteral("warnings: %1").arg(warnings.join(QStringLiteral(", ")));
        }
        if (!offline.isEmpty())
            r.reasons << QStringLiteral("not zero-downtime: offline steps %1").arg(offline.join(QStringLiteral(", ")));
        for (const QString &a : std::as_const(acknowledged))
            r.reasons << QStringLiteral("acknowledged %1").arg(a);

        // Pending contracts: due here, and still open once the release is done.
        for (int i : opening.value(k))
            open.insert(i);
        for (int i : closing.value(k)) {
            if (open.erase(i) > 0)
                r.contractsDue << result.spans.at(i).id;
        }
        for (int i : open)
            r.pendingAfter << result.spans.at(i).id;
        if (!r.contractsDue.isEmpty())
            r.reasons << QStringLiteral("contracts due in this release: %1").arg(r.contractsDue.join(QStringLiteral(", ")));
        if (!r.pendingAfter.isEmpty())
            r.reasons << QStringLiteral("pending contracts after this release: %1").arg(r.pendingAfter.join(QStringLiteral(", ")));

        // Estimates from the bundle (the same numbers as its manifest), measured where verified.
        const VerifyReport *measured = nullptr;
        for (const VerifyReport &v : verify) {
            if (v.release == r.id)
                measured = &v;
        }
        auto addScript = [&](ScriptEstimate s) {
            s.measuredSeconds = measured && measured->extrapolatedSeconds.contains(s.path)
                                    ? measured->extrapolatedSeconds.value(s.path)
                                    : -1;
            addEstimate(&r.estimate, s.phase, s.seconds());
            r.scripts << s;
        };
        Bundle bundle;
        QString error;
        if (reused.at(k)) {
            const ReleaseReview &was = previous->releases.at(k - 1);
            r.runbook = was.runbook;
            for (const ScriptEstimate &s : was.scripts)
                addScript(s);
        } else if (dialect && ++result.work.bundled
                   && Bundle::build(engine, r.id, *dialect, &bundle, &error, Bundle::Detail::Outline)) {
            r.runbook = QString::fromUtf8(bundle.runbook);
            for (const BundleFile &f : std::as_const(bundle.files))
                addScript({f.path, f.phase, f.refactoring, f.step, f.estimateSeconds});
        }

        // Verify.
        if (!measured) {
            r.verify = QStringLiteral("not verified");
            r.reasons << QStringLiteral("not verified: no run of its scripts on a database is known yet");
        } else if (measured->verdict == QLatin1String("pass")) {
            r.verify = QStringLiteral("pass");
            r.reasons << QStringLiteral("verify passed (%1)").arg(measured->file);
        } else {
            r.verify = QStringLiteral("fail");
            blocked = true;
            r.reasons << QStringLiteral("verify failed: %1")
                             .arg(measured->defects.isEmpty() ? measured->file : measured->defects.join(QStringLiteral("; ")));
        }
        if (release.status == Release::Status::Deployed)
            r.reasons.prepend(QStringLiteral("already deployed"));

        r.verdict = blocked ? Verdict::Blocked : warned ? Verdict::Warnings : Verdict::Ready;
        result.releases << r;
    }
    result.basis = std::move(basis);
    return result;
}

} // namespace

ReviewResult Review::run(const Engine &engine, const QList<VerifyReport> &verify)
{
    return review(engine, verify, nullptr, 0);
}

ReviewResult Review::update(const ReviewResult &previous, const Engine &engine, int fromRelease,
                            const QList<VerifyReport> &verify)
{
    const bool same = previous.basis && sameInputs(*previous.basis, engine)
                      && previous.releases.size() == engine.releaseCount();
    if (!same)
        return review(engine, verify, nullptr, 0);
    // Before fromRelease every release is as it was; from it on, a release is taken over when
    // what it reads is as it was (a step moved in the middle of the plan changes the releases
    // it left and joined, and the states between them, not the rest).
    return review(engine, verify, &previous, qBound(0, fromRelease - 1, engine.releaseCount()), true);
}

} // namespace Tideline
