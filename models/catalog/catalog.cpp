// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog.h"

#include <engine/compatibility.h>
#include <engine/usage.h>

#include <QJsonArray>
#include <QRegularExpression>

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
    }
    return {};
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
        : m_params(refactoring.params)
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
        return v.toString();
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
    if (p.ok() && !nullable && !defaultValue.isEmpty() && !backfill.isEmpty())
        p.fail(QStringLiteral("backfill"),
               QStringLiteral("'backfill' has no effect on a NOT NULL column with a default: "
                              "existing rows get the default"));
    if (!p.ok())
        return false;

    // Only a constant default lets the column be NOT NULL from the first step on.
    const bool notNullAtOnce = !nullable && !defaultValue.isEmpty();
    Column column = newColumn(columnName, type);
    column.defaultValue = defaultValue;
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
    if (!nullable && defaultValue.isEmpty()) {
        appendStep(spec, QStringLiteral("contract"), steps)
            .ops.append(columnOp(SchemaOp::Type::SetNotNull, tableName, columnName));
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
    if (!p.ok())
        return false;

    // The new column starts nullable; it gets the old column's NOT NULL once every running
    // version writes it.
    Column added = *old;
    added.name = to;
    added.nullable = true;
    added.identity = added.generated = false;
    Step expand = makeStep(spec, QStringLiteral("expand"));
    expand.ops.append(addColumnOp(tableName, added));
    relaxForStoppedWriters(*table, {from}, &expand);
    steps->append(expand);

    UsageOp dualUse = usageOf(tableName);
    dualUse.writesAdd = {to};
    dualUse.writeTypes.insert(to, {old->type});
    if (!old->nullable)
        dualUse.honoursAdd = {notNullKey(to)};
    appendStep(spec, QStringLiteral("dual_write"), steps).usage.append(dualUse);

    appendStep(spec, QStringLiteral("backfill"), steps)
        .ops.append(backfillOp(tableName, to, {}, from));

    UsageOp readUse = usageOf(tableName);
    readUse.readsRemove = {from};
    readUse.readsAdd = {to};
    appendStep(spec, QStringLiteral("read_new"), steps).usage.append(readUse);

    if (!old->nullable) {
        appendStep(spec, QStringLiteral("constraint"), steps)
            .ops.append(columnOp(SchemaOp::Type::SetNotNull, tableName, to));
    }

    UsageOp stopUse = usageOf(tableName);
    stopUse.writesRemove = {from};
    appendStep(spec, QStringLiteral("stop_write_old"), steps).usage.append(stopUse);

    appendStep(spec, QStringLiteral("contract"), steps)
        .ops.append(columnOp(SchemaOp::Type::DropColumn, tableName, from));
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

    Step expand = makeStep(spec, QStringLiteral("expand"));
    expand.ops.append(addColumnOp(tableName, newColumn(into, type)));
    relaxForStoppedWriters(*table, columns, &expand);
    steps->append(expand);

    UsageOp dualUse = usageOf(tableName);
    dualUse.readsAdd = {into};
    dualUse.writesAdd = {into};
    dualUse.writeTypes.insert(into, {type});
    appendStep(spec, QStringLiteral("dual_write"), steps).usage.append(dualUse);

    appendStep(spec, QStringLiteral("backfill"), steps)
        .ops.append(backfillOp(tableName, into, expression));

    UsageOp stopUse = usageOf(tableName);
    stopUse.readsRemove = columns;
    stopUse.writesRemove = columns;
    appendStep(spec, QStringLiteral("stop_old"), steps).usage.append(stopUse);

    Step contract = makeStep(spec, QStringLiteral("contract"));
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

    appendStep(spec, QStringLiteral("contract"), steps)
        .ops.append(columnOp(SchemaOp::Type::DropColumn, tableName, columnName));
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
    pk.name = toTable + QStringLiteral("_pkey");
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

    Constraint fk;
    fk.kind = Constraint::Kind::ForeignKey;
    fk.name = tableName + QLatin1Char('_') + key + QStringLiteral("_fkey");
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

    Step contract = makeStep(spec, QStringLiteral("contract"));
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
    const Column *old = p.column(table, QStringLiteral("column"), columnName);
    const QString shadow = columnName + QStringLiteral("_new");
    if (p.ok() && table->column(shadow))
        p.fail(QStringLiteral("column"),
               QStringLiteral("the conversion needs a temporary column %1.%2, which already exists")
                   .arg(tableName, shadow));
    if (p.ok() && Compatibility::normalizeType(old->type) == Compatibility::normalizeType(type))
        p.fail(QStringLiteral("type"),
               QStringLiteral("%1.%2 already has type %3").arg(tableName, columnName, type));
    if (!p.ok())
        return false;

    Step expand = makeStep(spec, QStringLiteral("expand"));
    expand.ops.append(addColumnOp(tableName, newColumn(shadow, type)));
    SchemaOp sync = columnOp(SchemaOp::Type::AddSyncTrigger, tableName, shadow);
    sync.sourceColumn = columnName;
    sync.expression = expression;
    expand.ops.append(sync);
    steps->append(expand);

    appendStep(spec, QStringLiteral("backfill"), steps)
        .ops.append(backfillOp(tableName, shadow, expression, columnName));

    UsageOp fitUse = usageOf(tableName);
    fitUse.writeTypes.insert(columnName, {old->type, type});
    appendStep(spec, QStringLiteral("write_both_types"), steps).usage.append(fitUse);

    Step contract = makeStep(spec, QStringLiteral("contract"));
    SchemaOp swap = columnOp(SchemaOp::Type::SwapColumn, tableName, columnName);
    swap.newName = shadow;
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
    appendStep(spec, QStringLiteral("contract"), steps)
        .ops.append(columnOp(SchemaOp::Type::SetNotNull, tableName, columnName));
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
         QStringLiteral("Adds a column. A NOT NULL column without a default is added "
                        "nullable, filled, and constrained one release later."),
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
               QStringLiteral("add the column (nullable, or NOT NULL with its constant default)")),
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
               QStringLiteral("set NOT NULL once every running version writes the column"),
               {QStringLiteral("app"), QStringLiteral("backfill")},
               QStringLiteral("when NOT NULL without a default"))},
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
               QStringLiteral("add the new column (nullable); relax NOT NULL on the old one")),
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
               QStringLiteral("set NOT NULL on the new column"),
               {QStringLiteral("dual_write"), QStringLiteral("backfill")},
               QStringLiteral("when the old column is NOT NULL")),
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
               QStringLiteral("drop the old column"),
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
               QStringLiteral("add the merged column (nullable); relax NOT NULL on the old ones")),
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
               QStringLiteral("drop the old columns"),
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
               QStringLiteral("add the new columns (nullable); relax NOT NULL on the old one")),
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
               QStringLiteral("drop the old column"),
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
               QStringLiteral("drop the old columns"),
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
               QStringLiteral("swap: drop the old column, rename the shadow column to its name, "
                              "drop the trigger"),
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
