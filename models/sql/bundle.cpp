// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundle.h"

#include "declaredscripts.h"
#include "dialect.h"
#include "runnerscripts.h"

#include <catalog/catalog.h>
#include <engine/engine.h>
#include <engine/resultindex.h>
#include <engine/schemaops.h>
#include <review/estimate.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSet>

#include <cmath>
#include <optional>

namespace Tideline {

namespace {

/** A name safe in any file system: letters, digits, '-' and '_' kept, the rest '_'. */
QString fileSafe(const QString &name)
{
    QString safe;
    for (const QChar c : name) {
        const bool keep = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                          || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                          || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-')
                          || c == QLatin1Char('_');
        safe += keep ? c : QLatin1Char('_');
    }
    return safe.left(60);
}

QString phaseFolder(Phase phase)
{
    return phase == Phase::Backfill ? QStringLiteral("backfill")
           : phase == Phase::Post   ? QStringLiteral("post")
           : phase == Phase::Offline ? QStringLiteral("offline")
                                     : QStringLiteral("pre");
}

/** The pieces of one step before they become files. */
struct Piece
{
    /** One op of the step with the schema around it and its units' place in @c units. */
    struct Op
    {
        SchemaOp op;
        Schema before, after;
        qsizetype firstUnit = 0, unitCount = 0;
    };
    QList<Op> ops;
    QList<ScriptUnit> units;
    double estimate = 0;
    bool offline = false;
    QStringList offlineReasons;
};

QString header(const Dialect &dialect, const QString &plan, const QString &release,
               const QString &what, const QString &description, bool userSql)
{
    QString text = QStringLiteral("Tideline · plan \"%1\" · release %2 · %3\n%4")
                       .arg(plan, release, dialect.title(), what);
    if (!description.isEmpty())
        text += QLatin1Char('\n') + description;
    if (userSql)
        text += QStringLiteral("\nContains SQL written in the plan (a backfill or conversion expression).");
    return dialect.comment(text) + QLatin1Char('\n');
}

/** Appends the file of @p units; its contents only when @p headerText is given (an outline
 *  bundle's files have none). */
void appendFile(Bundle *bundle, const Dialect &dialect, const Policy &policy, Phase phase,
                const QString &folder, const QString &name, const QString &refactoring, const QString &step,
                const std::optional<QString> &headerText, const QList<ScriptUnit> &units, double estimateSeconds,
                const QString &offlineReason)
{
    BundleFile file;
    int number = 1;
    for (const BundleFile &f : std::as_const(bundle->files)) {
        if (f.phase == folder)
            ++number;
    }
    file.path = QStringLiteral("%1/%2-%3.sql").arg(folder).arg(number, 3, 10, QLatin1Char('0')).arg(name);
    file.phase = folder;
    file.runsIn = folder == QLatin1String("baseline") ? folder : phaseFolder(phase);
    file.order = bundle->files.size() + 1;
    file.refactoring = refactoring;
    file.step = step;
    file.estimateSeconds = std::round(estimateSeconds * 10) / 10;
    file.offlineReason = offlineReason;
    for (const ScriptUnit &unit : units) {
        file.transactional = file.transactional && unit.transactional;
        if (!unit.guard.isEmpty())
            file.guard = unit.guard;
    }
    if (!headerText) {
        bundle->files.append(file);
        return;
    }
    QString text = *headerText + dialect.comment(dialect.runNote(file.transactional, file.guard)) + QLatin1Char('\n');
    if (!offlineReason.isEmpty())
        text += dialect.comment(QStringLiteral("OFFLINE: %1").arg(offlineReason)) + QLatin1Char('\n');
    const QString preamble = dialect.preamble(policy, phase);
    if (!preamble.isEmpty())
        text += preamble + QLatin1Char('\n');
    QStringList bodies;
    for (const ScriptUnit &unit : units)
        bodies << unit.sql.trimmed();
    text += bodies.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
    file.content = text.toUtf8();
    bundle->files.append(file);
}

QString fileList(const Bundle &bundle, const QString &phase)
{
    QString text;
    double seconds = 0;
    for (const BundleFile *f : bundle.runningIn(phase)) {
        text += QStringLiteral("   - `%1` (%2, step `%3`%4)%5\n")
                    .arg(f->path, f->refactoring, f->step,
                         f->estimateSeconds >= 1 ? QStringLiteral(", about %1 s").arg(f->estimateSeconds) : QString(),
                         f->phase == QLatin1String("offline")
                             ? QStringLiteral(" **offline: in the maintenance window, here in this order**")
                             : QString());
        seconds += f->estimateSeconds;
    }
    if (text.isEmpty())
        return QStringLiteral("   (no scripts in this release)\n");
    if (seconds >= 1)
        text += QStringLiteral("   Estimated: about %1 s in all.\n").arg(std::round(seconds));
    return text;
}

QString checkLine(const Engine &engine, const ResultIndex &index, int app, int state, bool required)
{
    for (int i : index.cells({state})) {
        const Cell &cell = engine.cells().at(i);
        if (cell.app != app)
            continue;
        QString line = QStringLiteral("   - %1 %2 on %3%4")
                           .arg(cell.ok() ? QStringLiteral("✔") : QStringLiteral("✘"),
                                engine.apps().at(app).name, engine.states().at(state).name,
                                required ? QString() : QStringLiteral(" (not required: plan is not rollback-safe)"));
        for (const Failure &f : cell.failures)
            line += QStringLiteral("\n     - %1: %2").arg(f.warning ? QStringLiteral("warning") : QStringLiteral("fails"), f.message);
        return line + QLatin1Char('\n');
    }
    return {};
}

QByteArray runbookFor(const Engine &engine, const ResultIndex &index, int k, const Bundle &bundle,
                      const Dialect &dialect)
{
    const QString id = engine.releaseId(k);
    const int pre = Engine::stateIndex(k, Phase::Pre), post = Engine::stateIndex(k, Phase::Post);
    const bool rollbackSafe = engine.plan().policy.rollbackSafe;
    QString md = QStringLiteral("# Runbook: release %1 of \"%2\" (%3)\n\n").arg(id, engine.plan().name, dialect.title());
    md += QStringLiteral("Run the steps in order. Every script is re-runnable; `manifest.json` lists "
                         "them with their checksums and guards.\n\n");
    if (!bundle.phase(QStringLiteral("offline")).isEmpty()) {
        md += QStringLiteral("**This release is not zero-downtime**: these scripts need a maintenance "
                             "window on %1. Each runs at its place in the steps below, in manifest "
                             "order (`tideline-cli apply --allow-offline` does that):\n\n")
                  .arg(dialect.title());
        for (const BundleFile *f : bundle.phase(QStringLiteral("offline")))
            md += QStringLiteral("- `%1`: %2\n").arg(f->path, f->offlineReason);
        md += QLatin1Char('\n');
    }
    md += QStringLiteral("1. Run the `pre/` scripts (expand) on the live database. The schema becomes %1.\n")
              .arg(engine.states().at(pre).name);
    md += fileList(bundle, QStringLiteral("pre"));
    md += QStringLiteral("   Holds now:\n") + checkLine(engine, index, k - 1, pre, true);
    md += QStringLiteral("2. Run the `backfill/` scripts (first pass).\n") + fileList(bundle, QStringLiteral("backfill"));
    md += QStringLiteral("3. Deploy %1 to the idle colour and verify it against %2.\n")
              .arg(engine.apps().at(k).name, engine.states().at(pre).name);
    md += QStringLiteral("   Holds now:\n") + checkLine(engine, index, k, pre, true);
    md += QStringLiteral("4. Switch traffic from %1 to %2.\n").arg(engine.apps().at(k - 1).name, engine.apps().at(k).name);
    md += QStringLiteral("5. Run the `backfill/` scripts again, for rows %1 wrote during verification.\n")
              .arg(engine.apps().at(k - 1).name);
    md += QStringLiteral("6. Retire %1 once the rollback window closes.\n").arg(engine.apps().at(k - 1).name);
    md += QStringLiteral("7. Run the `post/` scripts (contract). The schema becomes %1.\n").arg(engine.states().at(post).name);
    md += fileList(bundle, QStringLiteral("post"));
    md += QStringLiteral("   Holds now:\n") + checkLine(engine, index, k, post, true) + checkLine(engine, index, k - 1, post, rollbackSafe);
    return md.toUtf8();
}

/** The first name in @p schema that @p dialect cannot keep as written, with the reason. */
QString nameProblem(const Schema &schema, const Dialect &dialect)
{
    auto check = [&](const QString &what, const QString &name) -> QString {
        if (name.isEmpty())
            return {};
        const QString problem = dialect.identifierProblem(name);
        return problem.isEmpty() ? QString() : QStringLiteral("%1 \"%2\": %3").arg(what, name, problem);
    };
    QStringList problems;
    for (const Table &t : schema.tables) {
        problems << check(QStringLiteral("table"), t.name);
        for (const Column &c : t.columns)
            problems << check(QStringLiteral("column %1.").arg(t.name) + c.name, c.name);
        for (const Index &i : t.indexes)
            problems << check(QStringLiteral("index"), i.name);
        for (const Constraint &c : t.constraints)
            problems << check(QStringLiteral("constraint"), c.name);
    }
    for (const View &v : schema.views)
        problems << check(QStringLiteral("view"), v.name);
    for (const Sequence &q : schema.sequences)
        problems << check(QStringLiteral("sequence"), q.name);
    for (const EnumType &e : schema.enums)
        problems << check(QStringLiteral("enum type"), e.name);
    problems.removeAll(QString());
    return problems.value(0);
}

/** The tables that passed a dialect's name check (by address: states share unchanged tables),
 *  with the schemas that own them, so that no address is reused while it is listed. */
struct NameChecks
{
    QMutex mutex;
    QHash<QString, QSet<const Table *>> clean; // dialect name -> tables without a name problem
    QList<Schema> owners;
};

/** True when no name of @p schema has a problem for @p dialect (nameProblem() is empty), checking
 *  only the tables no earlier call has found clean: a release's states then cost what its steps
 *  changed, not the whole schema. */
bool namesClean(const Engine &engine, const Schema &schema, const Dialect &dialect)
{
    const auto checks = engine.cache().slot<NameChecks>([] { return new NameChecks; });
    const QString key = dialect.name();
    QList<const Table *> unknown;
    {
        QMutexLocker locker(&checks->mutex);
        const QSet<const Table *> &clean = checks->clean[key];
        for (const Table &t : schema.tables) {
            if (!clean.contains(&t))
                unknown << &t;
        }
    }
    auto ok = [&](const QString &name) { return name.isEmpty() || dialect.identifierProblem(name).isEmpty(); };
    for (const Table *t : std::as_const(unknown)) {
        if (!ok(t->name))
            return false;
        for (const Column &c : t->columns) {
            if (!ok(c.name))
                return false;
        }
        for (const Index &i : t->indexes) {
            if (!ok(i.name))
                return false;
        }
        for (const Constraint &c : t->constraints) {
            if (!ok(c.name))
                return false;
        }
    }
    for (const View &v : schema.views) {
        if (!ok(v.name))
            return false;
    }
    for (const Sequence &q : schema.sequences) {
        if (!ok(q.name))
            return false;
    }
    for (const EnumType &e : schema.enums) {
        if (!ok(e.name))
            return false;
    }
    if (!unknown.isEmpty()) {
        QMutexLocker locker(&checks->mutex);
        QSet<const Table *> &clean = checks->clean[key];
        for (const Table *t : std::as_const(unknown))
            clean.insert(t);
        checks->owners << schema;
    }
    return true;
}

/** The verify and revert scripts of @p file from the ops its units came from (RunnerScripts). */
void runnerScripts(BundleFile *file, const Dialect &dialect, const Policy &policy,
                   const QList<const Piece::Op *> &ops, const QString &what)
{
    QStringList checks;
    for (const Piece::Op *op : ops) {
        QStringList guards;
        if (op->op.type == SchemaOp::Type::RawSql) {
            if (!op->op.dialectGuard.value(dialect.name()).isEmpty())
                guards << op->op.dialectGuard.value(dialect.name());
            else
                file->unverifiable << QStringLiteral("raw SQL of %1 (no guard)").arg(file->refactoring);
        }
        checks += RunnerScripts::verifyChecks(dialect, op->op, op->after, guards);
    }
    const QString header = dialect.comment(QStringLiteral("Verify %1: reads the catalog and stops with an error "
                                                          "naming what did not take effect.")
                                               .arg(what))
                           + QLatin1Char('\n');
    file->verify = (header
                    + (checks.isEmpty() ? dialect.comment(QStringLiteral("Nothing in the catalog shows this file's "
                                                                         "effect: raw SQL without a guard."))
                                              + QLatin1Char('\n')
                                        : checks.join(QStringLiteral("\n\n")) + QLatin1Char('\n')))
                       .toUtf8();

    QStringList undo;
    for (qsizetype i = ops.size() - 1; i >= 0; --i) {
        SchemaOp reverse;
        bool nothing = false;
        QString why;
        if (!RunnerScripts::inverse(ops.at(i)->op, ops.at(i)->before, &reverse, &nothing, &why)) {
            file->revertible = false;
            file->revert = (dialect.comment(QStringLiteral("Revert %1: refused.").arg(what)) + QLatin1Char('\n')
                            + RunnerScripts::fail(dialect, QStringLiteral("cannot revert %1: %2").arg(file->path, why))
                            + QLatin1Char('\n'))
                               .toUtf8();
            return;
        }
        if (nothing) {
            undo << dialect.comment(QStringLiteral("%1: nothing to undo; its values go with the column that "
                                                   "reverting the expand drops.")
                                        .arg(SchemaOp::typeName(ops.at(i)->op.type)));
            continue;
        }
        for (const ScriptUnit &unit : dialect.script(reverse, ops.at(i)->after, policy).units)
            undo << unit.sql.trimmed();
    }
    file->revert = (dialect.comment(QStringLiteral("Revert %1: the reverse of its steps, each re-runnable.").arg(what))
                    + QLatin1Char('\n') + undo.join(QStringLiteral("\n\n")) + QLatin1Char('\n'))
                       .toUtf8();
}

/** The baseline builds S_0: verify finds its tables and columns; it is never reverted. */
void baselineRunnerScripts(BundleFile *file, const Dialect &dialect, const Schema &schema)
{
    QStringList checks;
    for (const Table &t : schema.tables) {
        SchemaOp create;
        create.type = SchemaOp::Type::CreateTable;
        create.newTable = t;
        checks += RunnerScripts::verifyChecks(dialect, create, schema, {});
    }
    file->verify = (dialect.comment(QStringLiteral("Verify the baseline S_0: its tables and columns exist."))
                    + QLatin1Char('\n') + checks.join(QStringLiteral("\n\n")) + QLatin1Char('\n'))
                       .toUtf8();
    file->revertible = false;
    file->revert = (RunnerScripts::fail(dialect, QStringLiteral("cannot revert %1: the baseline is the schema the "
                                                                "database started from")
                                                     .arg(file->path))
                    + QLatin1Char('\n'))
                       .toUtf8();
}

} // namespace

QString BundleFile::sha256() const
{
    return QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

QList<const BundleFile *> Bundle::runningIn(const QString &phaseName) const
{
    QList<const BundleFile *> list;
    for (const BundleFile &f : files) {
        if ((f.runsIn.isEmpty() ? f.phase : f.runsIn) == phaseName)
            list.append(&f);
    }
    return list;
}

QList<const BundleFile *> Bundle::phase(const QString &phaseName) const
{
    QList<const BundleFile *> list;
    for (const BundleFile &f : files) {
        if (f.phase == phaseName)
            list.append(&f);
    }
    return list;
}

QByteArray Bundle::manifest() const
{
    QJsonArray list;
    for (const BundleFile &f : files) {
        QJsonObject o{{QStringLiteral("path"), f.path},
                      {QStringLiteral("phase"), f.phase},
                      {QStringLiteral("order"), f.order},
                      {QStringLiteral("refactoring"), f.refactoring.isEmpty() ? QJsonValue() : QJsonValue(f.refactoring)},
                      {QStringLiteral("step"), f.step},
                      {QStringLiteral("sha256"), f.sha256()},
                      {QStringLiteral("rerunnable"), f.rerunnable},
                      {QStringLiteral("guard"), f.guard.isEmpty() ? QJsonValue() : QJsonValue(f.guard)},
                      {QStringLiteral("transactional"), f.transactional},
                      {QStringLiteral("estimate_s"), f.estimateSeconds}};
        if (!f.offlineReason.isEmpty()) {
            o.insert(QStringLiteral("offline"), f.offlineReason);
            o.insert(QStringLiteral("runs_in"), f.runsIn);
        }
        list.append(o);
    }
    const QJsonObject root{{QStringLiteral("plan"), plan},
                           {QStringLiteral("release"), release},
                           {QStringLiteral("dialect"), dialect},
                           {QStringLiteral("files"), list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool Bundle::build(const Engine &engine, const QString &releaseId, const Dialect &dialect,
                   Bundle *bundle, QString *error, Detail detail)
{
    const Plan &plan = engine.plan();
    const bool full = detail == Detail::Full;
    // A file's header, made only when the file gets its contents.
    auto headerOf = [&](const QString &what, const QString &description, bool userSql) -> std::optional<QString> {
        if (!full)
            return std::nullopt;
        return header(dialect, plan.name, releaseId, what, description, userSql);
    };
    *bundle = Bundle();
    bundle->plan = plan.name;
    bundle->release = releaseId;
    bundle->dialect = dialect.name();

    // A name the target engine would cut or refuse stops the export: the plan may have been
    // validated for another engine.
    auto refuseNames = [&](const Schema &schema, const QString &where) {
        if (namesClean(engine, schema, dialect))
            return true;
        const QString problem = nameProblem(schema, dialect);
        if (!problem.isEmpty())
            *error = QStringLiteral("%1 cannot be exported for %2: %3").arg(where, dialect.title(), problem);
        return problem.isEmpty();
    };

    if (releaseId == QLatin1String("baseline")) {
        if (!refuseNames(plan.baseline.schema, QStringLiteral("the baseline")))
            return false;
        const QList<ScriptUnit> units = dialect.createSchema(plan.baseline.schema);
        // One file per unit that carries its own guard; the rest together.
        QList<ScriptUnit> plain;
        int part = 0;
        for (const ScriptUnit &unit : units) {
            if (unit.guard.isEmpty()) {
                plain << unit;
                continue;
            }
            appendFile(bundle, dialect, plan.policy, Phase::Pre, QStringLiteral("baseline"),
                       QStringLiteral("baseline-%1").arg(++part),
                       {}, QStringLiteral("baseline"),
                       headerOf(QStringLiteral("Baseline schema S_0"), {}, false),
                       {unit}, Estimate::costs(dialect.name()).ddlSeconds, {});
        }
        if (!plain.isEmpty())
            appendFile(bundle, dialect, plan.policy, Phase::Pre, QStringLiteral("baseline"),
                       QStringLiteral("baseline"), {},
                       QStringLiteral("baseline"),
                       headerOf(QStringLiteral("Baseline schema S_0"), {}, false),
                       plain, Estimate::costs(dialect.name()).ddlSeconds, {});
        for (BundleFile &f : bundle->files) {
            if (full)
                baselineRunnerScripts(&f, dialect, plan.baseline.schema);
        }
        bundle->runbook = QStringLiteral("# Baseline of \"%1\" (%2)\n\nRun the files of `baseline/` in "
                                         "order on an empty database to build S_0.\n")
                              .arg(plan.name, dialect.title())
                              .toUtf8();
        return true;
    }

    const int k = engine.releasePosition(releaseId);
    if (k == 0) {
        *error = QStringLiteral("unknown or cancelled release '%1'").arg(releaseId);
        return false;
    }
    for (Phase phase : {Phase::Pre, Phase::Post}) {
        const SchemaState *state = engine.state(k, phase);
        if (state && !refuseNames(state->schema, QStringLiteral("release %1").arg(releaseId)))
            return false;
    }

    // The release's DB steps in the engine's running order: phase, then plan order.
    const std::shared_ptr<const ResultIndex> index = ResultIndex::of(engine);
    QList<const PlacedStep *> steps;
    for (int i : index->steps(k)) {
        const PlacedStep &p = engine.steps().at(i);
        if (!p.step.isAppStep())
            steps.append(&p);
    }
    std::stable_sort(steps.begin(), steps.end(), [](const PlacedStep *a, const PlacedStep *b) {
        return a->step.phase < b->step.phase;
    });

    for (const PlacedStep *p : std::as_const(steps)) {
        const Refactoring &r = plan.refactorings.at(p->refactoring);
        // The schema before each op, brought up to it only when something reads it: an outline
        // whose ops the lints declared already needs none.
        Schema schema = p->before;
        int applied = 0; // the step's ops applied to schema
        QSet<QString> filled;
        const auto bringTo = [&](int op) {
            for (; applied < op; ++applied) {
                QString ignored;
                applySchemaOp(p->step.ops.at(applied), &schema, &filled, &ignored);
            }
        };
        Piece piece;
        for (int i = 0; i < p->step.ops.size(); ++i) {
            const SchemaOp &op = p->step.ops.at(i);
            // An outline reads only what the dialect declares: the lints asked for the same.
            std::optional<OpScript> declared;
            if (!full)
                declared = DeclaredScripts::kept(engine, dialect, *p, i);
            if (!declared)
                bringTo(i);
            const OpScript script = full ? dialect.script(op, schema, plan.policy)
                                    : declared ? *declared
                                               : DeclaredScripts::of(engine, dialect, *p, i, schema);
            const qsizetype firstUnit = piece.units.size();
            piece.units += script.units;
            piece.estimate += Estimate::seconds(op, plan.baseline.rows.value(op.table, 0), dialect.name(),
                                                script.offline);
            if (script.offline) {
                piece.offline = true;
                piece.offlineReasons << script.offlineReason;
            }
            // The next op's script reads the schema this one leaves; the schema around each op
            // is kept for the verify and revert scripts alone.
            if (full) {
                const Schema before = schema;
                bringTo(i + 1);
                piece.ops << Piece::Op{op, before, schema, firstUnit, script.units.size()};
            }
        }
        bool userSql = false;
        for (const ScriptUnit &u : std::as_const(piece.units))
            userSql = userSql || u.userSql;
        const QString what = QStringLiteral("Refactoring %1 (%2), step %3, phase %4")
                                 .arg(r.id, r.kind, p->step.name, phaseName(p->step.phase));
        const QString name = fileSafe(r.id) + QLatin1Char('-') + p->step.name;
        const QString offline = piece.offlineReasons.join(QStringLiteral("; "));

        // Units with their own guard, or that cannot share a transaction, go to files of their own.
        QList<QList<ScriptUnit>> groups;
        QList<qsizetype> groupStart;
        for (qsizetype u = 0; u < piece.units.size(); ++u) {
            const ScriptUnit &unit = piece.units.at(u);
            const bool alone = !unit.guard.isEmpty() || !unit.transactional;
            if (alone || groups.isEmpty() || !groups.last().last().guard.isEmpty()
                || !groups.last().last().transactional) {
                groups.append({unit});
                groupStart << u;
            } else {
                groups.last().append(unit);
            }
        }
        for (int i = 0; i < groups.size(); ++i) {
            const QString suffix = groups.size() > 1 ? QStringLiteral("-%1").arg(i + 1) : QString();
            appendFile(bundle, dialect, plan.policy, p->step.phase,
                       offline.isEmpty() ? phaseFolder(p->step.phase) : QStringLiteral("offline"),
                       name + suffix, r.id, p->step.name,
                       headerOf(what, p->step.description, userSql),
                       groups.at(i), i == 0 ? piece.estimate : 0, offline);
            if (!full)
                continue;
            // The ops whose units are in this file: what its verify checks and its revert undoes.
            QList<const Piece::Op *> ops;
            const qsizetype from = groupStart.at(i), to = from + groups.at(i).size();
            for (const Piece::Op &op : std::as_const(piece.ops)) {
                if (op.unitCount > 0 && op.firstUnit < to && op.firstUnit + op.unitCount > from)
                    ops << &op;
            }
            runnerScripts(&bundle->files.last(), dialect, plan.policy, ops,
                          QStringLiteral("%1 (release %2, refactoring %3, step %4)")
                              .arg(bundle->files.last().path, releaseId, r.id, p->step.name));
        }
    }
    bundle->runbook = runbookFor(engine, *index, k, *bundle, dialect);
    return true;
}

} // namespace Tideline
