// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog.h"

#include "carry.h"

#include <domain/identifiers.h>
#include <engine/compatibility.h>
#include <engine/usage.h>

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace Tideline {

QString phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Offline:
        return QStringLiteral("offline");
    case Phase::Pre:
        return QStringLiteral("pre");
    case Phase::Backfill:
        return QStringLiteral("backfill");
    case Phase::App:
        return QStringLiteral("app");
    case Phase::Post:
        return QStringLiteral("post");
    }
    return {};
}

bool phaseFromName(const QString &name, Phase *phase)
{
    for (Phase p : {Phase::Offline, Phase::Pre, Phase::Backfill, Phase::App, Phase::Post}) {
        if (phaseName(p) == name) {
            *phase = p;
            return true;
        }
    }
    return false;
}

QString SchemaOp::typeName(Type type)
{
    switch (type) {
    case Type::AddColumn:
        return QStringLiteral("add_column");
    case Type::DropColumn:
        return QStringLiteral("drop_column");
    case Type::SetNotNull:
        return QStringLiteral("set_not_null");
    case Type::DropNotNull:
        return QStringLiteral("drop_not_null");
    case Type::CreateTable:
        return QStringLiteral("create_table");
    case Type::AddConstraint:
        return QStringLiteral("add_constraint");
    case Type::Backfill:
        return QStringLiteral("backfill");
    case Type::MoveBackfill:
        return QStringLiteral("move_backfill");
    case Type::AddSyncTrigger:
        return QStringLiteral("add_sync_trigger");
    case Type::SwapColumn:
        return QStringLiteral("swap_column");
    case Type::AddIndex:
        return QStringLiteral("add_index");
    case Type::DropIndex:
        return QStringLiteral("drop_index");
    case Type::DropConstraint:
        return QStringLiteral("drop_constraint");
    case Type::SetDefault:
        return QStringLiteral("set_default");
    case Type::DropDefault:
        return QStringLiteral("drop_default");
    case Type::SetComment:
        return QStringLiteral("set_comment");
    case Type::DropSyncTrigger:
        return QStringLiteral("drop_sync_trigger");
    }
    return {};
}

SyncTrigger SchemaOp::syncTrigger() const
{
    SyncTrigger sync;
    sync.target = columnName;
    sync.sourceColumn = sourceColumn;
    sync.expression = expression;
    sync.sources = sources.isEmpty() && !sourceColumn.isEmpty() ? QStringList{sourceColumn} : sources;
    return sync;
}

const StepSpec *KindSpec::step(const QString &stepName) const
{
    for (const StepSpec &s : steps) {
        if (s.name == stepName)
            return &s;
    }
    return nullptr;
}

const ParamSpec *KindSpec::param(const QString &paramName) const
{
    for (const ParamSpec &p : params) {
        if (p.name == paramName)
            return &p;
    }
    return nullptr;
}

namespace {

/** Reads a refactoring's parameters, reporting the first problem with its field path. */
class Params
{
public:
    Params(const KindSpec &spec,
           const Refactoring &refactoring,
           const QString &field,
           PlanError *error)
        : m_spec(spec)
        , m_params(refactoring.params)
        , m_field(field + QStringLiteral(".params"))
        , m_error(error)
    {
        for (auto it = m_params.constBegin(); it != m_params.constEnd(); ++it) {
            if (!spec.param(it.key())) {
                QStringList known;
                for (const ParamSpec &p : spec.params)
                    known << p.name;
                fail(it.key(),
                     QStringLiteral("unknown parameter '%1' for kind %2 (parameters: %3)")
                         .arg(it.key(), spec.name, known.join(QStringLiteral(", "))));
                return;
            }
        }
    }

    bool ok() const { return m_ok; }

    bool fail(const QString &param, const QString &message)
    {
        if (m_ok) {
            m_error->field = param.isEmpty() ? m_field : m_field + QLatin1Char('.') + param;
            m_error->message = message;
            m_ok = false;
        }
        return false;
    }

    QString string(const QString &name, bool required = true)
    {
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(name, QStringLiteral("missing parameter '%1'").arg(name));
            return {};
        }
        if (!v.isString() || (required && v.toString().trimmed().isEmpty())) {
            fail(name, QStringLiteral("'%1' must be a non-empty string").arg(name));
            return {};
        }
        if (isIdentifier(name))
            checkName(name, v.toString());
        return v.toString();
    }

    /** Fails with the field when @p value cannot be a name (control characters). */
    bool checkName(const QString &param, const QString &value)
    {
        const QString problem = Identifiers::problem(value);
        if (problem.isEmpty())
            return true;
        return fail(param, QStringLiteral("'%1' is not a usable name: %2").arg(param, problem));
    }

    bool isIdentifier(const QString &param) const
    {
        const ParamSpec *spec = m_spec.param(param);
        return spec && spec->type.startsWith(QLatin1String("identifier"));
    }

    bool boolean(const QString &name, bool defaultValue)
    {
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull())
            return defaultValue;
        if (!v.isBool()) {
            fail(name, QStringLiteral("'%1' must be true or false").arg(name));
            return defaultValue;
        }
        return v.toBool();
    }

    QStringList strings(const QString &name, int minimum)
    {
        const QJsonValue v = m_params.value(name);
        QStringList list;
        if (!v.isArray()) {
            fail(name,
                 v.isUndefined() ? QStringLiteral("missing parameter '%1'").arg(name)
                                 : QStringLiteral("'%1' must be a list of names").arg(name));
            return list;
        }
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString() || item.toString().isEmpty()) {
                fail(name, QStringLiteral("'%1' must be a list of non-empty names").arg(name));
                return {};
            }
            if (isIdentifier(name) && !checkName(name, item.toString()))
                return {};
            if (list.contains(item.toString())) {
                fail(name, QStringLiteral("'%1' names %2 twice").arg(name, item.toString()));
                return {};
            }
            list << item.toString();
        }
        if (list.size() < minimum)
            fail(name, QStringLiteral("'%1' needs at least %2 names").arg(name).arg(minimum));
        return list;
    }

    QMap<QString, QString> map(const QString &name)
    {
        const QJsonValue v = m_params.value(name);
        QMap<QString, QString> result;
        if (v.isUndefined() || v.isNull())
            return result;
        if (!v.isObject()) {
            fail(name, QStringLiteral("'%1' must be an object of old name to new name").arg(name));
            return result;
        }
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (!it.value().isString() || it.value().toString().isEmpty()) {
                fail(name + QLatin1Char('.') + it.key(),
                     QStringLiteral("new name must be a non-empty string"));
                return {};
            }
            if (!checkName(name + QLatin1Char('.') + it.key(), it.value().toString()))
                return {};
            result.insert(it.key(), it.value().toString());
        }
        return result;
    }

    QJsonArray array(const QString &name)
    {
        const QJsonValue v = m_params.value(name);
        if (!v.isArray() || v.toArray().isEmpty()) {
            fail(name,
                 v.isUndefined() ? QStringLiteral("missing parameter '%1'").arg(name)
                                 : QStringLiteral("'%1' must be a non-empty list").arg(name));
            return {};
        }
        return v.toArray();
    }

    const Table *table(const Schema &schema, const QString &param, const QString &name)
    {
        if (!m_ok)
            return nullptr;
        const Table *t = schema.table(name);
        if (!t)
            fail(param, QStringLiteral("unknown table '%1'").arg(name));
        return t;
    }

    const Column *column(const Table *table, const QString &param, const QString &name)
    {
        if (!m_ok || !table)
            return nullptr;
        const Column *c = table->column(name);
        if (!c)
            fail(param, QStringLiteral("unknown column '%1' in table %2").arg(name, table->name));
        return c;
    }

    bool absentColumn(const Table *table, const QString &param, const QString &name)
    {
        if (!m_ok || !table)
            return false;
        if (table->column(name))
            return fail(param, QStringLiteral("column %1.%2 already exists").arg(table->name, name));
        return true;
    }

    /** Fails when a foreign key of another table references @p column: dropping it would drop
     *  that key too (or fail), which the plan has to decide first. */
    bool notReferenced(const Schema &schema, const Table *table, const QString &param, const QString &column)
    {
        if (!m_ok || !table)
            return m_ok;
        for (const auto &[child, fk] : schema.referencing(table->name, column)) {
            if (child != table->name)
                return fail(param, QStringLiteral("%1.%2 is referenced by foreign key %3 of table %4; "
                                                  "this kind would drop that key with the column")
                                       .arg(table->name, column,
                                            fk.name.isEmpty() ? QStringLiteral("(unnamed)") : fk.name, child));
        }
        return true;
    }

    /** Fails for a column the database fills (identity, generated): the kind cannot move that. */
    bool notFilledByDatabase(const Table *table, const QString &param, const QString &column, const QString &kind)
    {
        const Column *c = m_ok && table ? table->column(column) : nullptr;
        if (c && (c->identity || c->generated))
            return fail(param, QStringLiteral("%1.%2 is %3; %4 cannot carry that to a new column")
                                   .arg(table->name, column,
                                        c->identity ? QStringLiteral("an identity column")
                                                    : QStringLiteral("a generated column"),
                                        kind));
        return m_ok;
    }

    bool notKey(const Table *table, const QString &param, const QString &column)
    {
        if (m_ok && table && table->primaryKey.contains(column))
            return fail(param,
                        QStringLiteral("%1.%2 is part of the primary key; this kind cannot "
                                       "remove it")
                            .arg(table->name, column));
        return m_ok;
    }

private:
    const KindSpec &m_spec;
    QJsonObject m_params;
    QString m_field;
    PlanError *m_error;
    bool m_ok = true;
};

/** Instantiates a step of @p spec; the offset, phase and dependencies come from the catalog. */
Step makeStep(const KindSpec &spec, const QString &name)
{
    const StepSpec *s = spec.step(name);
    Q_ASSERT(s);
    Step step;
    step.name = s->name;
    step.offset = s->offset;
    step.phase = s->phase;
    step.category = s->category;
    step.description = s->description;
    step.dependsOn = s->dependsOn;
    return step;
}

/** Appends the catalog step @p name to @p steps and returns it, to be filled in. */
Step &appendStep(const KindSpec &spec, const QString &name, QList<Step> *steps)
{
    steps->append(makeStep(spec, name));
    return steps->last();
}

UsageOp usageOf(const QString &table)
{
    UsageOp op;
    op.table = table;
    return op;
}

SchemaOp addColumnOp(const QString &table, const Column &column)
{
    SchemaOp op;
    op.type = SchemaOp::Type::AddColumn;
    op.table = table;
    op.column = column;
    return op;
}

SchemaOp columnOp(SchemaOp::Type type, const QString &table, const QString &column)
{
    SchemaOp op;
    op.type = type;
    op.table = table;
    op.columnName = column;
    return op;
}

SchemaOp backfillOp(const QString &table,
                    const QString &column,
                    const QString &expression,
                    const QString &sourceColumn = {})
{
    SchemaOp op = columnOp(SchemaOp::Type::Backfill, table, column);
    op.expression = expression;
    op.sourceColumn = sourceColumn;
    return op;
}

/** Columns that must lose NOT NULL before app versions stop writing them (the drop trap). */
void relaxForStoppedWriters(const Table &table, const QStringList &columns, Step *expand)
{
    for (const QString &name : columns) {
        const Column *c = table.column(name);
        if (c && !c->nullable && !c->filledByDatabase())
            expand->ops.append(columnOp(SchemaOp::Type::DropNotNull, table.name, name));
    }
}

bool needsRelax(const Table &table, const QStringList &columns)
{
    Step probe;
    relaxForStoppedWriters(table, columns, &probe);
    return !probe.ops.isEmpty();
}

Column newColumn(const QString &name, const QString &type)
{
    Column c;
    c.name = name;
    c.type = type;
    return c;
}

/** A bare copy of @p old named @p name: same type, collation, charset and comment; nullable,
 *  no default, not filled by the database (a default would hide the backfill, DESIGN.md §4). */
Column bareCopy(const Column &old, const QString &name)
{
    Column c = newColumn(name, old.type);
    c.collation = old.collation;
    c.charset = old.charset;
    c.comment = old.comment;
    return c;
}

SchemaOp syncOp(const QString &table, const QString &target, const QStringList &sources,
                const QString &expression)
{
    SchemaOp op = columnOp(SchemaOp::Type::AddSyncTrigger, table, target);
    op.sources = sources;
    op.expression = expression;
    if (expression.isEmpty() && sources.size() == 1)
        op.sourceColumn = sources.first();
    return op;
}

SchemaOp indexOp(SchemaOp::Type type, const QString &table, const Index &index)
{
    SchemaOp op;
    op.type = type;
    op.table = table;
    op.index = index;
    return op;
}

SchemaOp constraintOp(SchemaOp::Type type, const QString &table, const Constraint &constraint)
{
    SchemaOp op;
    op.type = type;
    op.table = table;
    op.constraint = constraint;
    return op;
}

SchemaOp valueOp(SchemaOp::Type type, const QString &table, const QString &column, const QString &value)
{
    SchemaOp op = columnOp(type, table, column);
    op.value = value;
    return op;
}

/**
 * The ops that give @p to what hangs on @p from in @p before, and then take it off @p from:
 *
 * 1. copies of the UNIQUE constraints and unique indexes (the foreign keys below may need them),
 *    of the plain indexes (also partial, expression and INCLUDE ones) and of the CHECKs;
 * 2. each FOREIGN KEY of the table on @p from, and each one of another table that references
 *    @p from, is replaced: the original goes, then its copy comes with the same actions (two
 *    cascading keys between the same tables at once are refused by SQL Server, and the copy is
 *    validated, so a row that slipped in between would fail the step loudly);
 * 3. the originals' UNIQUE and CHECK constraints and unique indexes go.
 *
 * While every running version writes both columns the copies enforce the same; the version
 * that stops writing @p from must not meet the originals (its rows leave @p from NULL or at its
 * default, which an old UNIQUE or an old foreign key pointing at it would refuse). Plain
 * indexes of @p from stay until the contract: versions that read it still use them. The copies
 * get new names (Carry::copyName).
 */
QList<SchemaOp> carryDependents(const Schema &before, const Table &table, const QString &from,
                                const QString &to)
{
    const QMap<QString, QString> renames{{from, to}};
    QStringList taken = Carry::takenNames(before);
    auto name = [&](const QString &original, const QString &owner, const QString &suffix) {
        const QString n = Carry::copyName(original, owner, from, to, suffix, taken);
        taken << n;
        return n;
    };
    QList<SchemaOp> uniques, indexes, checks, keys, drops;
    for (const Constraint &c : table.constraints) {
        if (c.kind == Constraint::Kind::PrimaryKey || !Carry::covers(c, from))
            continue;
        static const char *const suffix[] = {"pkey", "key", "check", "fkey"};
        const SchemaOp copy = constraintOp(SchemaOp::Type::AddConstraint, table.name,
                                           Carry::renamedConstraint(c, renames, name(c.name, table.name, QLatin1String(suffix[int(c.kind)]))));
        const SchemaOp drop = constraintOp(SchemaOp::Type::DropConstraint, table.name, c);
        switch (c.kind) {
        case Constraint::Kind::Unique:
            uniques << copy;
            drops << drop;
            break;
        case Constraint::Kind::Check:
            checks << copy;
            drops << drop;
            break;
        case Constraint::Kind::ForeignKey:
            keys << drop << copy;
            break;
        case Constraint::Kind::PrimaryKey:
            break;
        }
    }
    for (const Index &index : table.indexes) {
        if (!Carry::covers(table, index, from))
            continue;
        const SchemaOp copy = indexOp(SchemaOp::Type::AddIndex, table.name,
                                      Carry::renamedIndex(table, index, renames,
                                                          name(index.name, table.name, index.unique ? QStringLiteral("key") : QStringLiteral("idx"))));
        if (index.unique) {
            uniques << copy;
            drops << indexOp(SchemaOp::Type::DropIndex, table.name, index);
        } else {
            indexes << copy;
        }
    }
    for (const auto &[child, fk] : before.referencing(table.name, from)) {
        if (child == table.name && Carry::covers(fk, from))
            continue; // a self-reference on the column itself was replaced above
        Constraint copy = fk;
        copy.refTable = table.name;
        copy.refColumns = fk.refColumns.isEmpty() ? table.primaryKey : fk.refColumns;
        for (QString &c : copy.refColumns)
            c = c == from ? to : c;
        copy.name = name(fk.name, child, QStringLiteral("fkey"));
        keys << constraintOp(SchemaOp::Type::DropConstraint, child, fk)
             << constraintOp(SchemaOp::Type::AddConstraint, child, copy);
    }
    return uniques + indexes + checks + keys + drops;
}

/** @p defaultValue for a column whose type changes: a literal loses the cast to the old type
 *  that PostgreSQL writes ('0'::text becomes '0'), so it fits the new type; anything else is
 *  kept as it is. */
QString adaptedDefault(const QString &defaultValue)
{
    static const QRegularExpression castLiteral(QStringLiteral(
        R"(^\s*\(?\s*((?:'(?:[^']|'')*')|[+-]?\d+(?:\.\d+)?)\s*\)?\s*(?:::\s*[A-Za-z_][A-Za-z0-9_ ]*(?:\([0-9, ]*\))?(?:\[\])?\s*)+$)"));
    const QRegularExpressionMatch m = castLiteral.match(defaultValue);
    return m.hasMatch() ? m.captured(1) : defaultValue;
}

const QString RelaxCondition = QStringLiteral(
    "when a column that versions stop writing is NOT NULL without a default");

// ---------------------------------------------------------------------------------------------
// add_column

bool decomposeAddColumn(const KindSpec &spec,
                        const Refactoring &r,
                        const Schema &before,
                        const QString &field,
                        QList<Step> *steps,
                        PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QString columnName = p.string(QStringLiteral("column"));
    const QString type = p.string(QStringLiteral("type"));
    const bool nullable = p.boolean(QStringLiteral("nullable"), true);
    const QString defaultValue = p.string(QStringLiteral("default"), false);
    const QString backfill = p.string(QStringLiteral("backfill"), false);
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    p.absentColumn(table, QStringLiteral("column"), columnName);
    if (p.ok() && !nullable && defaultValue.isEmpty() && backfill.isEmpty())
        p.fail(QStringLiteral("backfill"),
               QStringLiteral("a NOT NULL column without a default needs 'backfill': existing rows "
                              "need values before the constraint"));
    if (!p.ok())
        return false;

    // With a backfill the column arrives bare: a default would give every existing row the
    // default and the backfill (WHERE … IS NULL) would skip them all. The default follows in the
    // contract, once no running version leaves the column to it. Without a backfill, a constant
    // default lets the column be NOT NULL from the first step on.
    const bool bare = !backfill.isEmpty();
    const bool notNullAtOnce = !nullable && !defaultValue.isEmpty() && !bare;
    Column column = newColumn(columnName, type);
    column.defaultValue = bare ? QString() : defaultValue;
    column.nullable = !notNullAtOnce;

    appendStep(spec, QStringLiteral("expand"), steps).ops.append(addColumnOp(tableName, column));

    UsageOp use = usageOf(tableName);
    use.readsAdd = {columnName};
    use.writesAdd = {columnName};
    use.writeTypes.insert(columnName, {type});
    if (!nullable)
        use.honoursAdd = {notNullKey(columnName)};
    appendStep(spec, QStringLiteral("app"), steps).usage.append(use);

    if (!backfill.isEmpty()) {
        appendStep(spec, QStringLiteral("backfill"), steps)
            .ops.append(backfillOp(tableName, columnName, backfill));
    }
    if ((!nullable && !notNullAtOnce) || (bare && !defaultValue.isEmpty())) {
        Step &contract = appendStep(spec, QStringLiteral("contract"), steps);
        // Rows an older version wrote after the backfill (or after a rollback) are filled first.
        if (!backfill.isEmpty())
            contract.ops.append(backfillOp(tableName, columnName, backfill));
        if (bare && !defaultValue.isEmpty())
            contract.ops.append(valueOp(SchemaOp::Type::SetDefault, tableName, columnName, defaultValue));
        if (!nullable)
            contract.ops.append(columnOp(SchemaOp::Type::SetNotNull, tableName, columnName));
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// drop_column

bool decomposeDropColumn(const KindSpec &spec,
                         const Refactoring &r,
                         const Schema &before,
                         const QString &field,
                         QList<Step> *steps,
                         PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QString columnName = p.string(QStringLiteral("column"));
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    p.column(table, QStringLiteral("column"), columnName);
    p.notKey(table, QStringLiteral("column"), columnName);
    p.notReferenced(before, table, QStringLiteral("column"), columnName);
    if (!p.ok())
        return false;

    if (needsRelax(*table, {columnName})) {
        Step expand = makeStep(spec, QStringLiteral("expand"));
        relaxForStoppedWriters(*table, {columnName}, &expand);
        steps->append(expand);
    }
    UsageOp use = usageOf(tableName);
    use.readsRemove = {columnName};
    use.writesRemove = {columnName};
    appendStep(spec, QStringLiteral("stop_using"), steps).usage.append(use);

    appendStep(spec, QStringLiteral("contract"), steps)
        .ops.append(columnOp(SchemaOp::Type::DropColumn, tableName, columnName));
    return true;
}

// ---------------------------------------------------------------------------------------------
// rename_column

bool decomposeRenameColumn(const KindSpec &spec,
                           const Refactoring &r,
                           const Schema &before,
                           const QString &field,
                           QList<Step> *steps,
                           PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QString from = p.string(QStringLiteral("column"));
    const QString to = p.string(QStringLiteral("to"));
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    const Column *old = p.column(table, QStringLiteral("column"), from);
    p.absentColumn(table, QStringLiteral("to"), to);
    p.notKey(table, QStringLiteral("column"), from);
    p.notFilledByDatabase(table, QStringLiteral("column"), from, spec.name);
    if (!p.ok())
        return false;

    // The new column starts bare and nullable; a sync trigger keeps it equal to the old one for
    // every version that writes only the old one (the one before, and the one a rollback brings
    // back), inserts and updates alike. NOT NULL, the default, indexes and constraints follow
    // once it is filled and every running version writes it.
    Step expand = makeStep(spec, QStringLiteral("expand"));
    expand.ops.append(addColumnOp(tableName, bareCopy(*old, to)));
    relaxForStoppedWriters(*table, {from}, &expand);
    expand.ops.append(syncOp(tableName, to, {from}, {}));
    steps->append(expand);

    // The copies of the old column's constraints hold for the new column exactly when the
    // originals hold for the old one: a version that writes both honours both.
    const QList<SchemaOp> carried = carryDependents(before, *table, from, to);
    QMap<QString, QStringList> honoured; // table -> keys of constraint copies
    for (const SchemaOp &op : carried) {
        if (op.type == SchemaOp::Type::AddConstraint)
            honoured[op.table] << op.constraint.key();
    }
    Step &dual = appendStep(spec, QStringLiteral("dual_write"), steps);
    UsageOp dualUse = usageOf(tableName);
    dualUse.writesAdd = {to};
    dualUse.writeTypes.insert(to, {old->type});
    if (!old->nullable)
        dualUse.honoursAdd = {notNullKey(to)};
    dualUse.honoursAdd += honoured.take(tableName);
    dual.usage.append(dualUse);
    for (auto it = honoured.cbegin(); it != honoured.cend(); ++it) {
        UsageOp other = usageOf(it.key());
        other.honoursAdd = it.value();
        dual.usage.append(other);
    }

    appendStep(spec, QStringLiteral("backfill"), steps)
        .ops.append(backfillOp(tableName, to, {}, from));

    UsageOp readUse = usageOf(tableName);
    readUse.readsRemove = {from};
    readUse.readsAdd = {to};
    appendStep(spec, QStringLiteral("read_new"), steps).usage.append(readUse);

    Step carry = makeStep(spec, QStringLiteral("constraint"));
    if (!old->nullable)
        carry.ops.append(columnOp(SchemaOp::Type::SetNotNull, tableName, to));
    if (old->hasDefault())
        carry.ops.append(valueOp(SchemaOp::Type::SetDefault, tableName, to, old->defaultValue));
    carry.ops += carried;
    if (!carry.ops.isEmpty())
        steps->append(carry);

    UsageOp stopUse = usageOf(tableName);
    stopUse.writesRemove = {from};
    appendStep(spec, QStringLiteral("stop_write_old"), steps).usage.append(stopUse);

    // The old column's plain indexes have their copies: they go by name, so that what the
    // DROP COLUMN still takes along is only what nothing replaced (lint drop-takes-objects).
    Step contract = makeStep(spec, QStringLiteral("contract"));
    contract.ops.append(columnOp(SchemaOp::Type::DropSyncTrigger, tableName, to));
    for (const Index &index : table->indexes) {
        if (!index.unique && Carry::covers(*table, index, from))
            contract.ops.append(indexOp(SchemaOp::Type::DropIndex, tableName, index));
    }
    contract.ops.append(columnOp(SchemaOp::Type::DropColumn, tableName, from));
    steps->append(contract);
    return true;
}

// ---------------------------------------------------------------------------------------------
// merge_columns

bool decomposeMergeColumns(const KindSpec &spec,
                           const Refactoring &r,
                           const Schema &before,
                           const QString &field,
                           QList<Step> *steps,
                           PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QStringList columns = p.strings(QStringLiteral("columns"), 2);
    const QString into = p.string(QStringLiteral("into"));
    const QString type = p.string(QStringLiteral("type"));
    const QString expression = p.string(QStringLiteral("expression"));
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    for (const QString &c : columns) {
        p.column(table, QStringLiteral("columns"), c);
        p.notKey(table, QStringLiteral("columns"), c);
    }
    p.absentColumn(table, QStringLiteral("into"), into);
    if (!p.ok())
        return false;

    for (const QString &c : columns) {
        p.notReferenced(before, table, QStringLiteral("columns"), c);
        p.notFilledByDatabase(table, QStringLiteral("columns"), c, spec.name);
    }
    if (!p.ok())
        return false;

    Step expand = makeStep(spec, QStringLiteral("expand"));
    expand.ops.append(addColumnOp(tableName, newColumn(into, type)));
    relaxForStoppedWriters(*table, columns, &expand);
    // Versions that write only the old columns keep the merged one current (see rename_column).
    expand.ops.append(syncOp(tableName, into, columns, expression));
    steps->append(expand);

    UsageOp dualUse = usageOf(tableName);
    dualUse.readsAdd = {into};
    dualUse.writesAdd = {into};
    dualUse.writeTypes.insert(into, {type});
    appendStep(spec, QStringLiteral("dual_write"), steps).usage.append(dualUse);

    appendStep(spec, QStringLiteral("backfill"), steps)
        .ops.append(backfillOp(tableName, into, expression));

    // An index over exactly the merged columns (a lookup by the whole name) becomes an index on
    // the merged column. A unique one does not: the expression may map two rows to one value.
    Step carry = makeStep(spec, QStringLiteral("constraint"));
    QStringList taken = Carry::takenNames(before);
    QList<Index> replaced;
    for (const Index &index : table->indexes) {
        QStringList sorted = index.columns, wanted = columns;
        sorted.sort();
        wanted.sort();
        if (index.unique || sorted != wanted || !index.where.isEmpty() || !index.include.isEmpty())
            continue;
        replaced << index;
        Index copy;
        copy.name = Carry::copyName({}, tableName, {}, into, QStringLiteral("idx"), taken);
        copy.columns = {into};
        copy.method = index.method;
        taken << copy.name;
        carry.ops.append(indexOp(SchemaOp::Type::AddIndex, tableName, copy));
    }
    if (!carry.ops.isEmpty())
        steps->append(carry);

    UsageOp stopUse = usageOf(tableName);
    stopUse.readsRemove = columns;
    stopUse.writesRemove = columns;
    appendStep(spec, QStringLiteral("stop_old"), steps).usage.append(stopUse);

    Step contract = makeStep(spec, QStringLiteral("contract"));
    contract.ops.append(columnOp(SchemaOp::Type::DropSyncTrigger, tableName, into));
    for (const Index &index : std::as_const(replaced))
        contract.ops.append(indexOp(SchemaOp::Type::DropIndex, tableName, index));
    for (const QString &c : columns)
        contract.ops.append(columnOp(SchemaOp::Type::DropColumn, tableName, c));
    steps->append(contract);
    return true;
}

// ---------------------------------------------------------------------------------------------
// split_column

bool decomposeSplitColumn(const KindSpec &spec,
                          const Refactoring &r,
                          const Schema &before,
                          const QString &field,
                          QList<Step> *steps,
                          PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QString columnName = p.string(QStringLiteral("column"));
    const QJsonArray into = p.array(QStringLiteral("into"));
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    p.column(table, QStringLiteral("column"), columnName);
    p.notKey(table, QStringLiteral("column"), columnName);
    p.notReferenced(before, table, QStringLiteral("column"), columnName);
    p.notFilledByDatabase(table, QStringLiteral("column"), columnName, spec.name);

    struct Part
    {
        QString name, type, expression;
    };
    QList<Part> parts;
    for (int i = 0; p.ok() && i < into.size(); ++i) {
        const QString path = QStringLiteral("into[%1]").arg(i);
        const QJsonObject o = into.at(i).toObject();
        Part part{o.value(QStringLiteral("name")).toString(),
                  o.value(QStringLiteral("type")).toString(),
                  o.value(QStringLiteral("expression")).toString()};
        if (!into.at(i).isObject() || part.name.isEmpty() || part.type.isEmpty()
            || part.expression.isEmpty()) {
            p.fail(path, QStringLiteral("each part needs a non-empty name, type and expression"));
            break;
        }
        if (!p.checkName(path + QStringLiteral(".name"), part.name))
            break;
        for (const Part &other : parts) {
            if (other.name == part.name)
                p.fail(path, QStringLiteral("part %1 is named twice").arg(part.name));
        }
        p.absentColumn(table, path + QStringLiteral(".name"), part.name);
        parts.append(part);
    }
    if (!p.ok())
        return false;

    QStringList names;
    Step expand = makeStep(spec, QStringLiteral("expand"));
    Step dual = makeStep(spec, QStringLiteral("dual_write"));
    Step fill = makeStep(spec, QStringLiteral("backfill"));
    UsageOp dualUse;
    dualUse.table = tableName;
    for (const Part &part : parts) {
        names << part.name;
        expand.ops.append(addColumnOp(tableName, newColumn(part.name, part.type)));
        fill.ops.append(backfillOp(tableName, part.name, part.expression));
        dualUse.writeTypes.insert(part.name, {part.type});
    }
    relaxForStoppedWriters(*table, {columnName}, &expand);
    // Versions that write only the old column keep the parts current (see rename_column).
    for (const Part &part : parts)
        expand.ops.append(syncOp(tableName, part.name, {columnName}, part.expression));
    dualUse.writesAdd = names;
    dual.usage.append(dualUse);
    steps->append(expand);
    steps->append(dual);
    steps->append(fill);

    UsageOp readUse = usageOf(tableName);
    readUse.readsRemove = {columnName};
    readUse.readsAdd = names;
    appendStep(spec, QStringLiteral("read_new"), steps).usage.append(readUse);

    UsageOp stopUse = usageOf(tableName);
    stopUse.writesRemove = {columnName};
    appendStep(spec, QStringLiteral("stop_write_old"), steps).usage.append(stopUse);

    Step contract = makeStep(spec, QStringLiteral("contract"));
    for (const Part &part : parts)
        contract.ops.append(columnOp(SchemaOp::Type::DropSyncTrigger, tableName, part.name));
    contract.ops.append(columnOp(SchemaOp::Type::DropColumn, tableName, columnName));
    steps->append(contract);
    return true;
}

// ---------------------------------------------------------------------------------------------
// move_columns

bool decomposeMoveColumns(const KindSpec &spec,
                          const Refactoring &r,
                          const Schema &before,
                          const QString &field,
                          QList<Step> *steps,
                          PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QStringList columns = p.strings(QStringLiteral("columns"), 1);
    const QString toTable = p.string(QStringLiteral("toTable"));
    const QMap<QString, QString> rename = p.map(QStringLiteral("rename"));
    const QString key = p.string(QStringLiteral("key"));
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    for (const QString &c : columns) {
        p.column(table, QStringLiteral("columns"), c);
        p.notKey(table, QStringLiteral("columns"), c);
        p.notReferenced(before, table, QStringLiteral("columns"), c);
        p.notFilledByDatabase(table, QStringLiteral("columns"), c, spec.name);
    }
    if (p.ok() && before.hasRelation(toTable))
        p.fail(QStringLiteral("toTable"), QStringLiteral("table %1 already exists").arg(toTable));
    p.absentColumn(table, QStringLiteral("key"), key);
    QMap<QString, QString> mapping; // column in table -> column in toTable
    QStringList targetNames{QStringLiteral("id")};
    for (auto it = rename.cbegin(); p.ok() && it != rename.cend(); ++it) {
        if (!columns.contains(it.key()))
            p.fail(QStringLiteral("rename.") + it.key(),
                   QStringLiteral("'%1' is not one of the moved columns").arg(it.key()));
    }
    for (const QString &c : columns) {
        const QString target = rename.value(c, c);
        if (p.ok() && targetNames.contains(target))
            p.fail(QStringLiteral("rename"),
                   QStringLiteral("two columns of %1 would be named %2").arg(toTable, target));
        targetNames << target;
        mapping.insert(c, target);
    }
    if (!p.ok())
        return false;

    // The new table: an identity key plus the moved columns, as they are typed today.
    Table created;
    created.name = toTable;
    Column id = newColumn(QStringLiteral("id"), QStringLiteral("integer"));
    id.nullable = false;
    id.identity = true;
    created.columns.append(id);
    created.primaryKey = {id.name};
    Constraint pk;
    pk.kind = Constraint::Kind::PrimaryKey;
    pk.name = Identifiers::derive(toTable, QStringLiteral("_pkey"));
    pk.columns = {id.name};
    created.constraints.append(pk);
    UsageOp targetUse;
    targetUse.table = toTable;
    targetUse.readsAdd = {id.name};
    targetUse.honoursAdd = {pk.key(), notNullKey(id.name)};
    for (const QString &c : columns) {
        Column moved = *table->column(c);
        moved.name = mapping.value(c);
        created.columns.append(moved);
        targetUse.readsAdd << moved.name;
        targetUse.writesAdd << moved.name;
        targetUse.writeTypes.insert(moved.name, {moved.type});
        if (!moved.nullable)
            targetUse.honoursAdd << notNullKey(moved.name);
    }

    // What hangs on the moved columns alone moves with them: plain indexes and CHECKs. (A
    // UNIQUE does not: rows of the new table are distinct by all moved columns together.)
    QStringList taken = Carry::takenNames(before);
    for (const Index &index : table->indexes) {
        const bool movedOnly = std::all_of(index.columns.cbegin(), index.columns.cend(),
                                           [&](const QString &c) { return columns.contains(c); });
        if (index.unique || !movedOnly || !index.include.isEmpty()
            || (!index.where.isEmpty() && Carry::mentions(index.where, tableName)))
            continue;
        Index copy = Carry::renamedIndex(*table, index, mapping, {});
        copy.name = Carry::copyName(index.name, toTable, tableName, toTable, QStringLiteral("idx"), taken);
        taken << copy.name;
        created.indexes.append(copy);
    }
    for (const Constraint &c : table->constraints) {
        if (c.kind != Constraint::Kind::Check || c.columns.isEmpty())
            continue;
        const bool movedOnly = std::all_of(c.columns.cbegin(), c.columns.cend(),
                                           [&](const QString &col) { return columns.contains(col); });
        if (!movedOnly)
            continue;
        Constraint copy = Carry::renamedConstraint(c, mapping, {});
        copy.name = Carry::copyName(c.name, toTable, tableName, toTable, QStringLiteral("check"), taken);
        taken << copy.name;
        created.constraints.append(copy);
    }

    Constraint fk;
    fk.kind = Constraint::Kind::ForeignKey;
    fk.name = Identifiers::derive(tableName + QLatin1Char('_') + key, QStringLiteral("_fkey"));
    fk.columns = {key};
    fk.refTable = toTable;
    fk.refColumns = {id.name};

    Step expand = makeStep(spec, QStringLiteral("expand"));
    SchemaOp create;
    create.type = SchemaOp::Type::CreateTable;
    create.table = toTable;
    create.newTable = created;
    expand.ops.append(create);
    expand.ops.append(addColumnOp(tableName, newColumn(key, QStringLiteral("integer"))));
    SchemaOp addFk;
    addFk.type = SchemaOp::Type::AddConstraint;
    addFk.table = tableName;
    addFk.constraint = fk;
    expand.ops.append(addFk);
    relaxForStoppedWriters(*table, columns, &expand);
    steps->append(expand);

    Step dual = makeStep(spec, QStringLiteral("dual_write"));
    UsageOp keyUse;
    keyUse.table = tableName;
    keyUse.readsAdd = {key};
    keyUse.writesAdd = {key};
    keyUse.writeTypes.insert(key, {QStringLiteral("integer")});
    keyUse.honoursAdd = {fk.key()};
    dual.usage = {keyUse, targetUse};
    steps->append(dual);

    Step fill = makeStep(spec, QStringLiteral("backfill"));
    SchemaOp move;
    move.type = SchemaOp::Type::MoveBackfill;
    move.table = tableName;
    move.toTable = toTable;
    move.mapping = mapping;
    move.key = key;
    fill.ops.append(move);
    steps->append(fill);

    UsageOp stopUse = usageOf(tableName);
    stopUse.readsRemove = columns;
    stopUse.writesRemove = columns;
    appendStep(spec, QStringLiteral("stop_old"), steps).usage.append(stopUse);

    // Rows an older version wrote after the backfill, or after a rollback, move before the
    // columns go: the same find-or-create pass, over the rows whose key is still NULL.
    Step contract = makeStep(spec, QStringLiteral("contract"));
    contract.ops.append(move);
    for (const QString &c : columns)
        contract.ops.append(columnOp(SchemaOp::Type::DropColumn, tableName, c));
    steps->append(contract);
    return true;
}

// ---------------------------------------------------------------------------------------------
// change_type

bool decomposeChangeType(const KindSpec &spec,
                         const Refactoring &r,
                         const Schema &before,
                         const QString &field,
                         QList<Step> *steps,
                         PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QString columnName = p.string(QStringLiteral("column"));
    const QString type = p.string(QStringLiteral("type"));
    const QString expression = p.string(QStringLiteral("expression"), false);
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    const QString newDefault = p.string(QStringLiteral("default"), false);
    const Column *old = p.column(table, QStringLiteral("column"), columnName);
    const QString shadow = Identifiers::derive(columnName, QStringLiteral("_new"));
    if (p.ok() && table->column(shadow))
        p.fail(QStringLiteral("column"),
               QStringLiteral("the conversion needs a temporary column %1.%2, which already exists")
                   .arg(tableName, shadow));
    if (p.ok() && Compatibility::normalizeType(old->type) == Compatibility::normalizeType(type))
        p.fail(QStringLiteral("type"),
               QStringLiteral("%1.%2 already has type %3").arg(tableName, columnName, type));
    if (!p.ok())
        return false;

    if (p.ok() && old->generated)
        p.fail(QStringLiteral("column"),
               QStringLiteral("%1.%2 is a generated column; change its expression's type instead")
                   .arg(tableName, columnName));
    if (!p.ok())
        return false;

    Step expand = makeStep(spec, QStringLiteral("expand"));
    Column shadowColumn = bareCopy(*old, shadow);
    shadowColumn.type = type;
    expand.ops.append(addColumnOp(tableName, shadowColumn));
    expand.ops.append(syncOp(tableName, shadow, {columnName}, expression));
    steps->append(expand);

    appendStep(spec, QStringLiteral("backfill"), steps)
        .ops.append(backfillOp(tableName, shadow, expression, columnName));

    UsageOp fitUse = usageOf(tableName);
    fitUse.writeTypes.insert(columnName, {old->type, type});
    appendStep(spec, QStringLiteral("write_both_types"), steps).usage.append(fitUse);

    // The swapped column is the old one with the new type: its place, NOT NULL, identity,
    // comment and collation, and its default adapted to the type (or the one given).
    Step contract = makeStep(spec, QStringLiteral("contract"));
    SchemaOp swap = columnOp(SchemaOp::Type::SwapColumn, tableName, columnName);
    swap.newName = shadow;
    swap.column = *old;
    swap.column.type = type;
    if (!old->identity)
        swap.column.defaultValue = newDefault.isEmpty() ? adaptedDefault(old->defaultValue) : newDefault;
    contract.ops.append(swap);
    steps->append(contract);

    UsageOp newUse = usageOf(tableName);
    newUse.writeTypes.insert(columnName, {type});
    appendStep(spec, QStringLiteral("write_new_type"), steps).usage.append(newUse);
    return true;
}

// ---------------------------------------------------------------------------------------------
// set_not_null

bool decomposeSetNotNull(const KindSpec &spec,
                         const Refactoring &r,
                         const Schema &before,
                         const QString &field,
                         QList<Step> *steps,
                         PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QString columnName = p.string(QStringLiteral("column"));
    const QString backfill = p.string(QStringLiteral("backfill"), false);
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    const Column *column = p.column(table, QStringLiteral("column"), columnName);
    if (p.ok() && !column->nullable)
        p.fail(QStringLiteral("column"),
               QStringLiteral("%1.%2 is already NOT NULL").arg(tableName, columnName));
    if (!p.ok())
        return false;

    UsageOp use = usageOf(tableName);
    use.writesAdd = {columnName};
    use.honoursAdd = {notNullKey(columnName)};
    use.writeTypes.insert(columnName, {column->type});
    appendStep(spec, QStringLiteral("write_always"), steps).usage.append(use);

    if (!backfill.isEmpty()) {
        appendStep(spec, QStringLiteral("backfill"), steps)
            .ops.append(backfillOp(tableName, columnName, backfill));
    }
    Step &contract = appendStep(spec, QStringLiteral("contract"), steps);
    // NULLs an older version wrote after the backfill, or after a rollback, are filled first.
    if (!backfill.isEmpty())
        contract.ops.append(backfillOp(tableName, columnName, backfill));
    contract.ops.append(columnOp(SchemaOp::Type::SetNotNull, tableName, columnName));
    return true;
}

// ---------------------------------------------------------------------------------------------
// The table of kinds

ParamSpec param(const QString &name,
                const QString &type,
                const QString &description,
                bool required = true,
                const QString &defaultValue = {})
{
    return {name, type, required, defaultValue, description};
}

StepSpec step(const QString &name,
              int offset,
              Phase phase,
              const QString &category,
              const QString &description,
              const QStringList &dependsOn = {},
              const QString &condition = {})
{
    return {name, offset, phase, category, description, condition, dependsOn};
}

QList<KindSpec> buildKinds()
{
    const auto table = param(QStringLiteral("table"),
                             QStringLiteral("identifier"),
                             QStringLiteral("the table"));
    const auto column = param(QStringLiteral("column"),
                              QStringLiteral("identifier"),
                              QStringLiteral("the column"));
    QList<KindSpec> kinds;

    kinds.append(
        {QStringLiteral("add_column"),
         QStringLiteral("Add column"),
         QStringLiteral("Adds a column. A NOT NULL column without a default, or a column "
                        "with a backfill, is added bare, filled, and gets its default and NOT "
                        "NULL one release later."),
         {table,
          column,
          param(QStringLiteral("type"),
                QStringLiteral("type"),
                QStringLiteral("SQL type of the new column")),
          param(QStringLiteral("nullable"),
                QStringLiteral("bool"),
                QStringLiteral("whether NULL is allowed"),
                false,
                QStringLiteral("true")),
          param(QStringLiteral("default"),
                QStringLiteral("sql"),
                QStringLiteral("constant default (SQL literal)"),
                false),
          param(QStringLiteral("backfill"),
                QStringLiteral("sql"),
                QStringLiteral("SQL expression that fills existing rows"),
                false)},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("add the column: bare when a backfill is given (a default would "
                              "hide it), else nullable or NOT NULL with its constant default")),
          step(QStringLiteral("app"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version reads and writes the column"),
               {QStringLiteral("expand")}),
          step(QStringLiteral("backfill"),
               0,
               Phase::Backfill,
               QStringLiteral("backfill"),
               QStringLiteral("fill existing rows, in batches, where the column is still NULL"),
               {QStringLiteral("expand")},
               QStringLiteral("when 'backfill' is given")),
          step(QStringLiteral("contract"),
               1,
               Phase::Pre,
               QStringLiteral("constraint"),
               QStringLiteral("once every running version writes the column: fill rows an older "
                              "version left NULL, then set the default and NOT NULL"),
               {QStringLiteral("app"), QStringLiteral("backfill")},
               QStringLiteral("when NOT NULL without a default, or a default with a backfill"))},
         decomposeAddColumn});

    kinds.append(
        {QStringLiteral("drop_column"),
         QStringLiteral("Drop column"),
         QStringLiteral("Stops every use of a column, then drops it once no version that "
                        "may still run (or be rolled back to) uses it."),
         {table, column},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("drop NOT NULL so versions that stop writing the column can insert"),
               {},
               RelaxCondition),
          step(QStringLiteral("stop_using"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version neither reads nor writes the column"),
               {QStringLiteral("expand")}),
          step(QStringLiteral("contract"),
               1,
               Phase::Post,
               QStringLiteral("contract"),
               QStringLiteral("drop the column"),
               {QStringLiteral("stop_using")})},
         decomposeDropColumn});

    kinds.append(
        {QStringLiteral("rename_column"),
         QStringLiteral("Rename column"),
         QStringLiteral("Expand and contract: a new column written alongside the old, "
                        "filled, read, then the old one dropped."),
         {table,
          column,
          param(QStringLiteral("to"), QStringLiteral("identifier"), QStringLiteral("the new name"))},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("add the new column (nullable, no default) with a trigger that "
                              "copies every write of the old one into it; relax NOT NULL on the "
                              "old one")),
          step(QStringLiteral("dual_write"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version writes both columns and reads the old one"),
               {QStringLiteral("expand")}),
          step(QStringLiteral("backfill"),
               0,
               Phase::Backfill,
               QStringLiteral("backfill"),
               QStringLiteral("copy the old column into the new one where still NULL"),
               {QStringLiteral("expand")}),
          step(QStringLiteral("read_new"),
               1,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("read the new column; keep writing both"),
               {QStringLiteral("dual_write"), QStringLiteral("backfill")}),
          step(QStringLiteral("constraint"),
               1,
               Phase::Pre,
               QStringLiteral("constraint"),
               QStringLiteral("give the new column what the old one has: NOT NULL, the default, "
                              "indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other "
                              "tables that reference it; then drop those constraints of the old "
                              "column, which versions that stop writing it must not meet"),
               {QStringLiteral("dual_write"), QStringLiteral("backfill")},
               QStringLiteral("when the old column has NOT NULL, a default, indexes or "
                              "constraints")),
          step(QStringLiteral("stop_write_old"),
               2,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("stop writing the old column"),
               {QStringLiteral("read_new"), QStringLiteral("constraint")}),
          step(QStringLiteral("contract"),
               3,
               Phase::Post,
               QStringLiteral("contract"),
               QStringLiteral("drop the trigger and the old column with its indexes"),
               {QStringLiteral("stop_write_old")})},
         decomposeRenameColumn});

    kinds.append(
        {QStringLiteral("merge_columns"),
         QStringLiteral("Merge columns"),
         QStringLiteral("Several columns become one (first + last name into full name)."),
         {table,
          param(QStringLiteral("columns"),
                QStringLiteral("identifiers"),
                QStringLiteral("the columns to merge")),
          param(QStringLiteral("into"),
                QStringLiteral("identifier"),
                QStringLiteral("the merged column")),
          param(QStringLiteral("type"),
                QStringLiteral("type"),
                QStringLiteral("SQL type of the merged column")),
          param(QStringLiteral("expression"),
                QStringLiteral("sql"),
                QStringLiteral("SQL that computes the merged value from the old columns"))},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("add the merged column (nullable) with a trigger that computes it "
                              "on every write of the old ones; relax NOT NULL on the old ones")),
          step(QStringLiteral("dual_write"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("write the old columns and the merged one; read the merged one, "
                              "falling back to the old"),
               {QStringLiteral("expand")}),
          step(QStringLiteral("backfill"),
               0,
               Phase::Backfill,
               QStringLiteral("backfill"),
               QStringLiteral("compute the merged column where still NULL"),
               {QStringLiteral("expand")}),
          step(QStringLiteral("constraint"),
               1,
               Phase::Pre,
               QStringLiteral("constraint"),
               QStringLiteral("an index over exactly the merged columns becomes an index on the "
                              "merged column"),
               {QStringLiteral("dual_write"), QStringLiteral("backfill")},
               QStringLiteral("when a non-unique index covers exactly the merged columns")),
          step(QStringLiteral("stop_old"),
               1,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("stop reading and writing the old columns"),
               {QStringLiteral("dual_write"), QStringLiteral("backfill")}),
          step(QStringLiteral("contract"),
               2,
               Phase::Post,
               QStringLiteral("contract"),
               QStringLiteral("drop the trigger and the old columns"),
               {QStringLiteral("stop_old")})},
         decomposeMergeColumns});

    kinds.append(
        {QStringLiteral("split_column"),
         QStringLiteral("Split column"),
         QStringLiteral("One column becomes several (name into first and last name)."),
         {table,
          column,
          param(QStringLiteral("into"),
                QStringLiteral("columns"),
                QStringLiteral("the new columns: list of {name, type, expression}"))},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("add the new columns (nullable) with triggers that compute them on "
                              "every write of the old one; relax NOT NULL on the old one")),
          step(QStringLiteral("dual_write"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("write the old column and the new ones; read the old one"),
               {QStringLiteral("expand")}),
          step(QStringLiteral("backfill"),
               0,
               Phase::Backfill,
               QStringLiteral("backfill"),
               QStringLiteral("compute the new columns where still NULL"),
               {QStringLiteral("expand")}),
          step(QStringLiteral("read_new"),
               1,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("read the new columns; keep writing the old one"),
               {QStringLiteral("dual_write"), QStringLiteral("backfill")}),
          step(QStringLiteral("stop_write_old"),
               2,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("stop writing the old column"),
               {QStringLiteral("read_new")}),
          step(QStringLiteral("contract"),
               3,
               Phase::Post,
               QStringLiteral("contract"),
               QStringLiteral("drop the triggers and the old column"),
               {QStringLiteral("stop_write_old")})},
         decomposeSplitColumn});

    kinds.append(
        {QStringLiteral("move_columns"),
         QStringLiteral("Move columns to a new table"),
         QStringLiteral("Columns move to a new table referenced by a key column "
                        "(posts.author_* into authors + posts.author_id)."),
         {table,
          param(QStringLiteral("columns"),
                QStringLiteral("identifiers"),
                QStringLiteral("the columns to move")),
          param(QStringLiteral("toTable"),
                QStringLiteral("identifier"),
                QStringLiteral("the new table (gets an identity id)")),
          param(QStringLiteral("rename"),
                QStringLiteral("map"),
                QStringLiteral("old name -> name in the new table"),
                false),
          param(QStringLiteral("key"),
                QStringLiteral("identifier"),
                QStringLiteral("new reference column in 'table'"))},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral(
                   "create the new table; add the nullable key column with its foreign key")),
          step(QStringLiteral("dual_write"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("find or create the row in the new table, set the key, keep writing "
                              "the old columns; read through the key, falling back"),
               {QStringLiteral("expand")}),
          step(QStringLiteral("backfill"),
               0,
               Phase::Backfill,
               QStringLiteral("backfill"),
               QStringLiteral(
                   "create the missing rows of the new table and set the key where still NULL"),
               {QStringLiteral("expand")}),
          step(QStringLiteral("stop_old"),
               1,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("stop reading and writing the old columns"),
               {QStringLiteral("dual_write"), QStringLiteral("backfill")}),
          step(QStringLiteral("contract"),
               2,
               Phase::Post,
               QStringLiteral("contract"),
               QStringLiteral("move rows an older version wrote since the backfill, then drop the "
                              "old columns"),
               {QStringLiteral("stop_old")})},
         decomposeMoveColumns});

    kinds.append(
        {QStringLiteral("change_type"),
         QStringLiteral("Change column type"),
         QStringLiteral("A shadow column of the new type is kept in sync by a trigger and "
                        "filled, then swapped in for the old column."),
         {table,
          column,
          param(QStringLiteral("type"), QStringLiteral("type"), QStringLiteral("the new SQL type")),
          param(QStringLiteral("expression"),
                QStringLiteral("sql"),
                QStringLiteral("SQL converting the old value (default: a cast)"),
                false),
          param(QStringLiteral("default"),
                QStringLiteral("sql"),
                QStringLiteral("the column's default under the new type (default: the old "
                               "default, a literal's cast dropped)"),
                false)},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("add the shadow column <column>_new and a trigger that converts "
                              "every write into it")),
          step(QStringLiteral("backfill"),
               0,
               Phase::Backfill,
               QStringLiteral("backfill"),
               QStringLiteral("convert existing rows into the shadow column"),
               {QStringLiteral("expand")}),
          step(QStringLiteral("write_both_types"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version writes only values both types hold")),
          step(QStringLiteral("contract"),
               1,
               Phase::Pre,
               QStringLiteral("contract"),
               QStringLiteral("swap: drop the trigger and the old column, rename the shadow "
                              "column to its name; its NOT NULL, default, identity, indexes, keys "
                              "and constraints (and foreign keys that reference it) come along"),
               {QStringLiteral("backfill"), QStringLiteral("write_both_types")}),
          step(QStringLiteral("write_new_type"),
               1,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("write any value of the new type"),
               {QStringLiteral("contract")})},
         decomposeChangeType});

    kinds.append(
        {QStringLiteral("set_not_null"),
         QStringLiteral("Make column NOT NULL"),
         QStringLiteral("Every version writes the column first; existing NULLs are filled; "
                        "the constraint follows a release later."),
         {table,
          column,
          param(QStringLiteral("backfill"),
                QStringLiteral("sql"),
                QStringLiteral("value for existing NULLs"),
                false)},
         {step(QStringLiteral("write_always"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version always writes a value")),
          step(QStringLiteral("backfill"),
               0,
               Phase::Backfill,
               QStringLiteral("backfill"),
               QStringLiteral("fill existing NULLs, in batches"),
               {},
               QStringLiteral("when 'backfill' is given")),
          step(QStringLiteral("contract"),
               1,
               Phase::Pre,
               QStringLiteral("constraint"),
               QStringLiteral("set NOT NULL (online: CHECK NOT VALID, VALIDATE, SET NOT NULL where "
                              "the engine has them)"),
               {QStringLiteral("write_always"), QStringLiteral("backfill")})},
         decomposeSetNotNull});
    return kinds;
}

} // namespace

const QList<KindSpec> &Catalog::kinds()
{
    static const QList<KindSpec> all = buildKinds();
    return all;
}

const KindSpec *Catalog::kind(const QString &name)
{
    for (const KindSpec &k : kinds()) {
        if (k.name == name)
            return &k;
    }
    return nullptr;
}

bool Catalog::decompose(const Refactoring &refactoring,
                        const Schema &before,
                        const QString &field,
                        QList<Step> *steps,
                        PlanError *error)
{
    const KindSpec *spec = kind(refactoring.kind);
    if (!spec) {
        error->field = field + QStringLiteral(".kind");
        error->message = QStringLiteral("unknown kind '%1'").arg(refactoring.kind);
        return false;
    }
    steps->clear();
    return spec->decompose(*spec, refactoring, before, field, steps, error);
}

} // namespace Tideline
