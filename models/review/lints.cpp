// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "lints.h"

#include "sqltext.h"

#include <catalog/carry.h>
#include <engine/engine.h>
#include <engine/schemaops.h>
#include <engine/shipped.h>
#include <sql/declaredscripts.h>
#include <sql/dialect.h>

#include <QLocale>

namespace Tideline {

namespace {

const QString UnsafeNotNull = QStringLiteral("unsafe-not-null-add");
const QString InPlaceRename = QStringLiteral("in-place-column-rename");
const QString InPlaceType = QStringLiteral("in-place-type-change");
const QString TypeSafeInPlace = QStringLiteral("type-change-safe-in-place");
const QString NonOnlineIndex = QStringLiteral("non-online-index");
const QString ConstraintOffline = QStringLiteral("constraint-not-online");
const QString Unbatched = QStringLiteral("unbatched-backfill");
const QString VolatileDefault = QStringLiteral("volatile-default");
const QString DropInUse = QStringLiteral("drop-in-use");
const QString ContractEarly = QStringLiteral("contract-before-last-user");
const QString ContractOverdue = QStringLiteral("contract-overdue");
const QString OfflineStep = QStringLiteral("offline-step");
const QString RawSql = QStringLiteral("raw-sql-unproven");
const QString DropTakesObjects = QStringLiteral("drop-takes-objects");
const QString ShippedChanged = QStringLiteral("shipped-history-changed");
const QString ShippedUnchecked = QStringLiteral("shipped-baseline-unchecked");

QList<Lint> buildLints()
{
    return {
        {UnsafeNotNull,
         QStringLiteral("NOT NULL without proof that every row is filled"),
         QStringLiteral("Adding a NOT NULL column without a default to a table that has rows fails, "
                        "and setting NOT NULL on a column fails (after scanning the whole table under "
                        "lock) while any row still holds NULL. Nothing in the plan fills the existing rows."),
         QStringLiteral("Give the refactoring a backfill (set_not_null/add_column \"backfill\"), or a "
                        "constant default, so every row is filled before the constraint."),
         Severity::Error},
        {InPlaceRename,
         QStringLiteral("Column renamed in place while a running version uses the old name"),
         QStringLiteral("A rename changes the name every running application version uses at once. "
                        "A version that is live on the schema after the step and still uses the old "
                        "name fails."),
         QStringLiteral("Use rename_column (expand, dual write, backfill, read new, contract), or keep "
                        "every live version off the old name first."),
         Severity::Error},
        {InPlaceType,
         QStringLiteral("Type change rewrites the table on this engine"),
         QStringLiteral("The final swap of a type change (old column out, shadow column in) needs a "
                        "table rebuild or a long exclusive lock on this engine, so reads or writes wait "
                        "for the whole table."),
         QStringLiteral("Keep the column nullable while swapping, run the swap in a maintenance window "
                        "(acknowledge the finding), or use an online schema-change tool."),
         Severity::Error},
        {TypeSafeInPlace,
         QStringLiteral("This type change is metadata-only in place"),
         QStringLiteral("The engine changes this type without rewriting the table (PostgreSQL: a longer "
                        "varchar, varchar to text, more numeric precision at the same scale; MySQL: a "
                        "longer varchar within the same length-byte size; SQL Server: a longer varchar). "
                        "The shadow-column route works, but costs a backfill."),
         QStringLiteral("Optionally replace the change_type refactoring by a one-release in-place ALTER."),
         Severity::Info},
        {NonOnlineIndex,
         QStringLiteral("Index built without the online route"),
         QStringLiteral("A plain CREATE INDEX (or ADD UNIQUE) blocks writes to the table for the whole "
                        "build; on a table with rows that is an outage."),
         QStringLiteral("Build the index online: CREATE INDEX CONCURRENTLY (PostgreSQL), ONLINE = ON "
                        "(SQL Server), ALGORITHM=INPLACE, LOCK=NONE (MySQL), outside a transaction."),
         Severity::Error},
        {ConstraintOffline,
         QStringLiteral("Foreign key or CHECK added without the online route"),
         QStringLiteral("Adding a foreign key or CHECK validates every row while holding a lock that "
                        "blocks writes (MySQL: copies the table)."),
         QStringLiteral("Add it NOT VALID and VALIDATE it in a second statement (PostgreSQL), WITH NOCHECK "
                        "then CHECK (SQL Server); on MySQL enforce a CHECK in the application, or "
                        "acknowledge a maintenance window."),
         Severity::Error},
        {Unbatched,
         QStringLiteral("Unbatched backfill on a large table"),
         QStringLiteral("A backfill that updates a large table in one transaction (or in huge batches) "
                        "holds row locks and bloats the log for minutes; concurrent writers wait."),
         QStringLiteral("Lower policy.backfillBatch (default 1,000 rows) or use an engine whose "
                        "backfill commits batch by batch."),
         Severity::Warning},
        {VolatileDefault,
         QStringLiteral("Column added with a volatile default"),
         QStringLiteral("A default whose value changes per row (random(), gen_random_uuid(), "
                        "clock_timestamp(); any expression on MySQL) makes ADD COLUMN write every row "
                        "under an exclusive lock; SQLite refuses it."),
         QStringLiteral("Add the column without the default (or with a constant one), backfill it in "
                        "batches, then set the default."),
         Severity::Error},
        {DropInUse,
         QStringLiteral("Object dropped while a live version uses it"),
         QStringLiteral("An application version that is live on the schema after the drop still reads "
                        "or writes the dropped object, so its queries fail as soon as the step runs."),
         QStringLiteral("Move the drop (the contract) to a release after the last version that uses "
                        "the object, or stop using it first."),
         Severity::Error},
        {ContractEarly,
         QStringLiteral("Contract scheduled before its last user is gone"),
         QStringLiteral("The contract drops an object the previous application version still uses. "
                        "Once it runs, rolling the application back to that version breaks."),
         QStringLiteral("Move the contract one release later (moves: {\"contract\": …}); the engine's "
                        "rollback-safe rule requires it."),
         Severity::Error},
        {ContractOverdue,
         QStringLiteral("Contract waited longer than the policy allows"),
         QStringLiteral("The refactoring's expand shipped more deployed releases ago than "
                        "policy.maxContractAge; half-finished refactorings get forgotten, and the "
                        "duplicate columns and triggers cost every write."),
         QStringLiteral("Schedule the contract in the next release, or raise policy.maxContractAge "
                        "with a reason."),
         Severity::Warning},
        {OfflineStep,
         QStringLiteral("Offline step in a zero-downtime release"),
         QStringLiteral("The release has scripts in offline/: this engine cannot run them online, "
                        "so the release needs a maintenance window and is not zero-downtime."),
         QStringLiteral("Change the step so the engine can run it online, or acknowledge the finding "
                        "with the maintenance window as the reason."),
         Severity::Error},
        {DropTakesObjects,
         QStringLiteral("Dropping a column drops indexes or constraints with it"),
         QStringLiteral("The engine drops every index and constraint that covers a dropped column, "
                        "also those that cover other columns too, and the foreign keys of other tables "
                        "that reference it. Nothing in the plan creates them again, so reads lose their "
                        "index or rows lose a check."),
         QStringLiteral("If the object still matters, give the remaining columns their own index or "
                        "constraint in a later release; otherwise acknowledge the finding."),
         Severity::Warning},
        {ShippedChanged,
         QStringLiteral("What a deployed release shipped was changed"),
         QStringLiteral("A release marked deployed recorded the steps it ran and the kind and "
                        "parameters of their refactorings, but the plan no longer matches that "
                        "record (a step moved out of or into it, a refactoring re-kinded, edited "
                        "or deleted), or a release is deployed while an earlier one is not. The "
                        "database already is what shipped; the states the plan computes from "
                        "that release on are not it. It cannot be acknowledged."),
         QStringLiteral("Put the plan back as it shipped (the file's history in version control "
                        "shows how), or, if the release did not really ship, re-open it with "
                        "Release › Re-open Release, which logs why."),
         Severity::Error},
        {ShippedUnchecked,
         QStringLiteral("The baseline a deployed release shipped on could not be compared"),
         QStringLiteral("A release marked deployed recorded a fingerprint of the baseline schema it "
                        "shipped on, made by a version of the fingerprint's recipe this Tideline does "
                        "not know (a newer Tideline recorded it). Whether the baseline was changed "
                        "since is not known; it is not taken for a change."),
         QStringLiteral("Check the plan with the Tideline that marked the release deployed, or a newer "
                        "one."),
         Severity::Warning},
        {RawSql,
         QStringLiteral("Plan SQL the linter cannot prove safe"),
         QStringLiteral("A backfill, conversion, default or CHECK expression written in the plan does "
                        "more than combine columns, literals and pure functions: it may lock or "
                        "read other tables, or change per row. A raw_sql step is never proven: what "
                        "it does is unknown to compatibility, drift and the estimates until verify "
                        "has run it."),
         QStringLiteral("Simplify the expression, or review it, run verify and acknowledge the "
                        "finding."),
         Severity::Warning},
    };
}

/** Everything one lint needs to know about one schema operation. */
struct OpContext
{
    const Engine &engine;
    const Dialect &dialect;
    const PlacedStep &placed;
    const SchemaOp &op;
    const Schema &before;             // schema just before the op
    const QSet<QString> &filledState; // "table.column" filled before the step (engine state)
    const QSet<QString> &filledStep;  // … and by the step's earlier ops
    const OpScript &script; // what the dialect declares: route, index build, batches
    QList<Finding> *findings;
    qsizetype stepStart; // findings before it belong to earlier steps

    bool filled(const QString &column) const
    {
        return filledState.contains(column) || filledStep.contains(column);
    }

    qint64 rows(const QString &table) const
    {
        return engine.plan().baseline.rows.value(table, 0);
    }
    bool existing(const QString &table) const { return before.table(table) != nullptr; }
    void add(const QString &lint, const QString &object, const QString &message) const
    {
        Finding f;
        f.lint = lint;
        f.severity = Lints::lint(lint)->severity;
        f.release = placed.release;
        f.refactoring = engine.plan().refactorings.at(placed.refactoring).id;
        f.step = placed.step.name;
        f.object = object;
        f.message = message;
        findings->append(f);
    }
};

QString dotted(const QString &table, const QString &column)
{
    return table + QLatin1Char('.') + column;
}

QString rowsText(qint64 rows)
{
    return QLocale::c().toString(rows);
}

/** The application versions live on the schema right after a step of @p phase in release k. */
QList<int> liveApps(int k, Phase phase)
{
    if (phase == Phase::Post)
        return {k};
    return {k - 1, k};
}

QStringList usersOf(const Engine &engine, const QList<int> &apps, const QString &table, const QString &column)
{
    QStringList names;
    for (int a : apps) {
        if (a < 0 || a >= engine.apps().size())
            continue;
        const auto it = engine.apps().at(a).usage.tables.constFind(table);
        if (it == engine.apps().at(a).usage.tables.constEnd())
            continue;
        if (column.isEmpty() ? !it->isEmpty()
                             : (it->reads.contains(column) || it->writes(column)))
            names << engine.apps().at(a).name;
    }
    return names;
}

void lintNotNull(const OpContext &c)
{
    const SchemaOp &op = c.op;
    if (op.type == SchemaOp::Type::AddColumn && !op.column.nullable && !op.column.hasDefault()
        && !op.column.identity && !op.column.generated && c.existing(op.table)) {
        c.add(UnsafeNotNull, dotted(op.table, op.column.name),
              QStringLiteral("adds %1 NOT NULL without a default to an existing table")
                  .arg(dotted(op.table, op.column.name)));
    }
    if (op.type == SchemaOp::Type::SetNotNull && c.rows(op.table) > 0
        && !c.filled(dotted(op.table, op.columnName))) {
        c.add(UnsafeNotNull, dotted(op.table, op.columnName),
              QStringLiteral("sets %1 NOT NULL on %2 rows, but nothing in the plan fills the rows "
                             "that hold NULL")
                  .arg(dotted(op.table, op.columnName), rowsText(c.rows(op.table))));
    }
}

void lintSwap(const OpContext &c)
{
    const SchemaOp &op = c.op;
    if (op.type != SchemaOp::Type::SwapColumn)
        return;
    const QStringList users = usersOf(c.engine, liveApps(c.placed.release, c.placed.step.phase), op.table, op.newName);
    if (!users.isEmpty())
        c.add(InPlaceRename, dotted(op.table, op.newName),
              QStringLiteral("renames %1 to %2 in place, but versions live after the step still use %1: %3")
                  .arg(dotted(op.table, op.newName), op.columnName, users.join(QStringLiteral(", "))));
    // The swap needs a maintenance window on this engine (its declared route).
    if (c.script.route == Route::Offline)
        c.add(InPlaceType, dotted(op.table, op.columnName),
              QStringLiteral("swapping the new type into %1 on %2: %3")
                  .arg(dotted(op.table, op.columnName), c.dialect.title(), c.script.offlineReason));
    const Table *t = c.before.table(op.table);
    const Column *oldColumn = t ? t->column(op.columnName) : nullptr;
    const Column *newColumn = t ? t->column(op.newName) : nullptr;
    if (oldColumn && newColumn && c.dialect.isMetadataOnlyTypeChange(oldColumn->type, newColumn->type))
        c.add(TypeSafeInPlace, dotted(op.table, op.columnName),
              QStringLiteral("%1 from %2 to %3 is metadata-only on %4")
                  .arg(dotted(op.table, op.columnName), oldColumn->type, newColumn->type, c.dialect.title()));
}

void lintIndex(const OpContext &c)
{
    const SchemaOp &op = c.op;
    if (!c.existing(op.table) || c.rows(op.table) <= 0 || op.type == SchemaOp::Type::CreateTable)
        return;
    // The dialect declares whether the op builds an index and how (OpScript::buildsIndex, route).
    if (c.script.buildsIndex && c.script.blocks())
        c.add(NonOnlineIndex, op.table,
              QStringLiteral("builds an index on %1 (%2 rows) without the online route on %3")
                  .arg(op.table, rowsText(c.rows(op.table)), c.dialect.title()));
}

void lintConstraint(const OpContext &c)
{
    const SchemaOp &op = c.op;
    if ((op.type == SchemaOp::Type::RenameConstraint || op.type == SchemaOp::Type::DropConstraint) && c.existing(op.table)
        && c.rows(op.table) > 0 && (c.script.offline || c.dialect.name() == QLatin1String("sqlite"))) {
        // MySQL renames a CHECK by adding it again and drops a primary key by copying the table;
        // SQLite rebuilds the table for either.
        c.add(ConstraintOffline, op.table,
              QStringLiteral("%1 %2 %3 of %4 (%5 rows) without an online route on %6")
                  .arg(op.type == SchemaOp::Type::RenameConstraint ? QStringLiteral("renames") : QStringLiteral("drops"),
                       Constraint::kindName(op.constraint.kind), op.constraint.name, op.table, rowsText(c.rows(op.table)),
                       c.dialect.title()));
        return;
    }
    if (op.type != SchemaOp::Type::AddConstraint || !c.existing(op.table) || c.rows(op.table) <= 0)
        return;
    const auto kind = op.constraint.kind;
    if (kind != Constraint::Kind::ForeignKey && kind != Constraint::Kind::Check)
        return;
    // Online: PostgreSQL NOT VALID + VALIDATE, SQL Server WITH NOCHECK then a check query,
    // MySQL's foreign key with foreign_key_checks off; SQLite rebuilds the table (Blocking).
    if (c.script.blocks())
        c.add(ConstraintOffline, op.table,
              QStringLiteral("adds %1 %2 to %3 (%4 rows) without the online route on %5")
                  .arg(Constraint::kindName(kind), op.constraint.name, op.table,
                       rowsText(c.rows(op.table)), c.dialect.title()));
}

void lintBackfill(const OpContext &c)
{
    const SchemaOp &op = c.op;
    if (op.type != SchemaOp::Type::Backfill && op.type != SchemaOp::Type::MoveBackfill)
        return;
    const qint64 rows = c.rows(op.table);
    if (rows < Lints::LargeTableRows)
        return;
    const bool batched = c.script.batched; // declared by the dialect
    const int batch = c.engine.plan().policy.backfillBatch;
    if (!batched)
        c.add(Unbatched, op.table,
              QStringLiteral("fills %1 (%2 rows) in one statement on %3: one transaction holds every row")
                  .arg(op.type == SchemaOp::Type::Backfill ? dotted(op.table, op.columnName) : op.table,
                       rowsText(rows), c.dialect.title()));
    else if (batch > Lints::MaxBatch)
        c.add(Unbatched, op.table,
              QStringLiteral("fills %1 (%2 rows) in batches of %3 rows (more than %4)")
                  .arg(op.table, rowsText(rows), rowsText(batch), rowsText(Lints::MaxBatch)));
}

void lintDefault(const OpContext &c)
{
    const SchemaOp &op = c.op;
    if (op.type != SchemaOp::Type::AddColumn || !c.existing(op.table) || c.rows(op.table) <= 0)
        return;
    if (c.dialect.isVolatileDefault(op.column.defaultValue))
        c.add(VolatileDefault, dotted(op.table, op.column.name),
              QStringLiteral("adds %1 DEFAULT %2: %3 rewrites %4 rows under lock")
                  .arg(dotted(op.table, op.column.name), op.column.defaultValue, c.dialect.title(),
                       rowsText(c.rows(op.table))));
}

/** Indexes and constraints a DROP COLUMN takes along (DESIGN.md §4): named, so they are a
 *  decision and not a surprise. */
void lintDroppedObjects(const OpContext &c)
{
    const SchemaOp &op = c.op;
    const Table *table = c.before.table(op.table);
    if (op.type != SchemaOp::Type::DropColumn || !table)
        return;
    QStringList objects;
    for (const Index &index : table->indexes) {
        if (Carry::covers(*table, index, op.columnName))
            objects << QStringLiteral("index %1 (%2)").arg(index.name, index.columns.join(QStringLiteral(", ")));
    }
    for (const Constraint &constraint : table->constraints) {
        if (Carry::covers(constraint, op.columnName))
            objects << QStringLiteral("%1 %2").arg(Constraint::kindName(constraint.kind).replace(QLatin1Char('_'), QLatin1Char(' ')),
                                                  constraint.name.isEmpty() ? constraint.columns.join(QStringLiteral(", "))
                                                                            : constraint.name);
    }
    for (const auto &[child, fk] : c.before.referencing(op.table, op.columnName)) {
        if (child != op.table)
            objects << QStringLiteral("foreign key %1 of %2").arg(fk.name, child);
    }
    if (!objects.isEmpty())
        c.add(DropTakesObjects, dotted(op.table, op.columnName),
              QStringLiteral("dropping %1 also drops %2").arg(dotted(op.table, op.columnName), objects.join(QStringLiteral(", "))));
}

void lintDrop(const OpContext &c)
{
    const SchemaOp &op = c.op;
    // A column, a whole table, or a view (rename_table's compatibility view among them).
    QString relation = op.table, column = op.columnName, object;
    switch (op.type) {
    case SchemaOp::Type::DropColumn:
        object = dotted(op.table, op.columnName);
        break;
    case SchemaOp::Type::DropTable:
        column.clear();
        object = op.table;
        break;
    case SchemaOp::Type::DropView:
        relation = object = op.view.name;
        column.clear();
        break;
    default:
        return;
    }
    const int k = c.placed.release;
    const Phase phase = c.placed.step.phase;
    const QStringList live = usersOf(c.engine, liveApps(k, phase), relation, column);
    if (!live.isEmpty()) {
        c.add(DropInUse, object,
              QStringLiteral("drops %1, but versions live on the schema after the step still use it: %2")
                  .arg(object, live.join(QStringLiteral(", "))));
        return;
    }
    if (phase == Phase::Post) {
        const QStringList previous = usersOf(c.engine, {k - 1}, relation, column);
        if (!previous.isEmpty()) {
            c.add(ContractEarly, object,
                  QStringLiteral("drops %1 in release %2, but %3 still uses it: rolling back to it "
                                 "after the contract breaks")
                      .arg(object, c.engine.releaseId(k), previous.join(QStringLiteral(", "))));
            if (!c.engine.plan().policy.rollbackSafe) // the plan accepts no rollback after a contract
                c.findings->last().severity = Severity::Warning;
        }
    }
}

void lintExpressions(const OpContext &c)
{
    const SchemaOp &op = c.op;
    QString expression, object = op.table;
    switch (op.type) {
    case SchemaOp::Type::Backfill:
    case SchemaOp::Type::AddSyncTrigger:
        expression = op.expression;
        object = dotted(op.table, op.columnName);
        break;
    case SchemaOp::Type::AddColumn:
        expression = op.column.defaultValue;
        object = dotted(op.table, op.column.name);
        break;
    case SchemaOp::Type::AddConstraint:
        expression = op.constraint.expression;
        break;
    default:
        return;
    }
    QString why;
    if (!expression.trimmed().isEmpty() && !SqlText::isProvablySafe(expression, &why)
        && !(op.type == SchemaOp::Type::AddColumn && c.dialect.isVolatileDefault(expression)))
        c.add(RawSql, object, QStringLiteral("the expression \"%1\" cannot be proven safe: %2").arg(expression, why));
}

/** A raw SQL step: Tideline cannot tell what it does. Review lowers the finding to info once
 *  verify passed for the release (it ran the SQL, twice). */
void lintRawStep(const OpContext &c)
{
    if (c.op.type != SchemaOp::Type::RawSql)
        return;
    const QString guard = c.op.dialectGuard.value(c.dialect.name());
    // The finding is about the tables and views the SQL names (the first is its object); SQL
    // that names none (it creates its own) is acknowledged by refactoring and step.
    const QStringList names = SqlText::namesIn(c.op.dialectSql.value(c.dialect.name()),
                                               c.before.tables.keys() + c.before.views.keys());
    c.add(RawSql, names.value(0),
          QStringLiteral("raw SQL step (%1) on %2: its locks, duration and effect on the schema are unknown to "
                         "Tideline; %3 Run verify for the release")
              .arg(phaseName(c.placed.step.phase),
                   names.isEmpty() ? QStringLiteral("no table of the schema") : names.join(QStringLiteral(", ")),
                   guard.isEmpty() ? QStringLiteral("it has no guard, so every run runs it again.")
                                   : QStringLiteral("its guard skips it once it has run.")));
}

void lintOffline(const OpContext &c)
{
    if (!c.script.offline)
        return;
    // One finding per step: the step's file goes to offline/ as a whole. (A step's findings
    // follow each other: only they need a look.)
    for (qsizetype i = c.stepStart; i < c.findings->size(); ++i) {
        const Finding &f = c.findings->at(i);
        if (f.lint == OfflineStep && f.release == c.placed.release
            && f.refactoring == c.engine.plan().refactorings.at(c.placed.refactoring).id
            && f.step == c.placed.step.name)
            return;
    }
    c.add(OfflineStep, c.op.table, QStringLiteral("needs a maintenance window: %1").arg(c.script.offlineReason));
}

using OpLint = void (*)(const OpContext &);
const OpLint opLints[] = {lintNotNull, lintSwap, lintIndex, lintConstraint, lintBackfill,
                          lintDefault, lintDrop, lintDroppedObjects, lintExpressions, lintOffline,
                          lintRawStep};

void lintPending(const Engine &engine, QList<Finding> *findings)
{
    const int limit = engine.plan().policy.maxContractAge;
    for (const PendingContract &p : engine.pending()) {
        if (p.age <= limit)
            continue;
        Finding f;
        f.lint = ContractOverdue;
        f.severity = Lints::lint(ContractOverdue)->severity;
        const int scheduled = engine.releasePosition(p.contractRelease);
        f.release = scheduled > 0 ? scheduled : engine.releaseCount();
        f.refactoring = p.refactoring;
        f.step = QStringLiteral("contract");
        f.message = QStringLiteral("%1 (%2) expanded in %3 has waited %4 deployed releases for its "
                                   "contract (policy.maxContractAge %5); the contract is %6")
                        .arg(p.refactoring, p.kind, p.expandRelease)
                        .arg(p.age)
                        .arg(limit)
                        .arg(p.contractRelease.isEmpty() ? QStringLiteral("not scheduled in the plan")
                                                         : QStringLiteral("in ") + p.contractRelease);
        findings->append(f);
    }
}

// The plan against what its deployed releases recorded (ShippedHistory): a finding at the
// release whose history changed and at every later one, whose states all build on it.
void lintShipped(const Engine &engine, QList<Finding> *findings)
{
    for (const ShippedHistory::Problem &problem : ShippedHistory::problems(engine.plan())) {
        const int from = engine.releasePosition(problem.release);
        if (!problem.blocking) { // not compared: said once, at that release
            if (from > 0) {
                Finding f;
                f.lint = ShippedUnchecked;
                f.severity = Severity::Warning;
                f.release = from;
                f.message = problem.message;
                findings->append(f);
            }
            continue;
        }
        for (int k = qMax(1, from); from > 0 && k <= engine.releaseCount(); ++k) {
            Finding f;
            f.lint = ShippedChanged;
            f.severity = Severity::Error;
            f.release = k;
            f.refactoring = problem.refactoring;
            f.step = problem.step;
            f.message = k == from ? problem.message
                                  : QStringLiteral("%1 (this release builds on it)").arg(problem.message);
            findings->append(f);
        }
    }
}

} // namespace

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Info:
        return QStringLiteral("info");
    }
    return {};
}

const QList<Lint> &Lints::all()
{
    static const QList<Lint> list = buildLints();
    return list;
}

const Lint *Lints::lint(const QString &id)
{
    for (const Lint &l : all()) {
        if (l.id == id)
            return &l;
    }
    return nullptr;
}

QList<Finding> Lints::run(const Engine &engine, const Dialect &dialect)
{
    QList<Finding> findings = stepFindings(engine, dialect);
    findings += overdue(engine);
    std::stable_sort(findings.begin(), findings.end(),
                     [](const Finding &a, const Finding &b) { return a.release < b.release; });
    return findings;
}

QList<Finding> Lints::overdue(const Engine &engine)
{
    QList<Finding> findings;
    lintPending(engine, &findings);
    lintShipped(engine, &findings);
    return findings;
}

QList<Finding> Lints::stepFindings(const Engine &engine, const Dialect &dialect, int fromRelease)
{
    return stepFindings(engine, dialect, [fromRelease](int k) { return k >= fromRelease; });
}

QList<Finding> Lints::stepFindings(const Engine &engine, const Dialect &dialect,
                                   const std::function<bool(int release)> &wanted)
{
    QList<Finding> findings;
    for (const PlacedStep &placed : engine.steps()) {
        if (placed.step.isAppStep() || placed.release < 1 || placed.release > engine.releaseCount()
            || !wanted(placed.release))
            continue;
        const int k = placed.release;
        const Phase phase = placed.step.phase;
        const SchemaState *state = (phase == Phase::Pre || phase == Phase::Offline)
                                       ? engine.state(k - 1, Phase::Post)
                                       : engine.state(k, Phase::Pre);
        // The state's set is shared, not copied: the step's own fills go to a set of their own.
        static const QSet<QString> none;
        const QSet<QString> &filledState = state ? state->filled : none;
        QSet<QString> filledStep;
        Schema schema = placed.before;
        const qsizetype stepStart = findings.size();
        for (int i = 0; i < placed.step.ops.size(); ++i) {
            const SchemaOp &op = placed.step.ops.at(i);
            // What the dialect declares, kept for the outline bundle of the same ops.
            const OpScript script = DeclaredScripts::of(engine, dialect, placed, i, schema);
            const OpContext context{engine, dialect, placed, op, schema, filledState, filledStep, script, &findings, stepStart};
            for (OpLint lint : opLints)
                lint(context);
            // The next op sees the schema this one leaves; after the last op nobody looks, and
            // skipping it spares a copy of the whole schema per step.
            if (&op != &placed.step.ops.constLast()) {
                QString ignored;
                applySchemaOp(op, &schema, &filledStep, &ignored);
            }
        }
    }
    return findings;
}

} // namespace Tideline
