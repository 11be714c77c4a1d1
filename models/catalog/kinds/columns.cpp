// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The column kinds: add, drop, rename, merge, split, move, change type, set NOT NULL.
#include "../kindbuilder.h"

#include "../carry.h"

#include <engine/compatibility.h>
#include <engine/usage.h>

#include <QRegularExpression>

#include <algorithm>

namespace Tideline::Kinds {

namespace {

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
    Carry::TakenNames taken(before);
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
    Carry::TakenNames taken(before);
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
// Examples (KindSpec::example): the group's columns a (NOT NULL) and b (nullable) exist

QString a(const QString &prefix) { return prefix + QStringLiteral("a"); }
QString b(const QString &prefix) { return prefix + QStringLiteral("b"); }

QJsonObject exampleAddColumn(Schema *, const QString &table, const QString &prefix, int variant, const QString &)
{
    QJsonObject p{{QStringLiteral("table"), table}, {QStringLiteral("column"), prefix + QStringLiteral("new")}};
    switch (((variant % 3) + 3) % 3) {
    case 0: // nullable
        p.insert(QStringLiteral("type"), QStringLiteral("integer"));
        break;
    case 1: // NOT NULL with a constant default
        p.insert(QStringLiteral("type"), QStringLiteral("integer"));
        p.insert(QStringLiteral("nullable"), false);
        p.insert(QStringLiteral("default"), QStringLiteral("0"));
        break;
    default: // NOT NULL, backfilled, constrained a release later
        p.insert(QStringLiteral("type"), QStringLiteral("bigint"));
        p.insert(QStringLiteral("nullable"), false);
        p.insert(QStringLiteral("backfill"), QStringLiteral("0"));
        break;
    }
    return p;
}

QJsonObject exampleDropColumn(Schema *, const QString &table, const QString &prefix, int, const QString &)
{
    return {{QStringLiteral("table"), table}, {QStringLiteral("column"), a(prefix)}};
}

QJsonObject exampleRenameColumn(Schema *, const QString &table, const QString &prefix, int, const QString &)
{
    return {{QStringLiteral("table"), table},
            {QStringLiteral("column"), a(prefix)},
            {QStringLiteral("to"), prefix + QStringLiteral("renamed")}};
}

QJsonObject exampleMergeColumns(Schema *, const QString &table, const QString &prefix, int, const QString &dialect)
{
    // SQLite before 3.44 has no concat(); the others have it.
    const QString expression = dialect == QLatin1String("sqlite")
                                   ? QStringLiteral("%1 || ' ' || coalesce(%2, '')").arg(a(prefix), b(prefix))
                                   : QStringLiteral("concat(%1, ' ', coalesce(%2, ''))").arg(a(prefix), b(prefix));
    return {{QStringLiteral("table"), table},
            {QStringLiteral("columns"), QJsonArray{a(prefix), b(prefix)}},
            {QStringLiteral("into"), prefix + QStringLiteral("merged")},
            {QStringLiteral("type"), QStringLiteral("varchar(600)")},
            {QStringLiteral("expression"), expression}};
}

QJsonObject exampleSplitColumn(Schema *, const QString &table, const QString &prefix, int, const QString &)
{
    const auto part = [&](const QString &name, const QString &function) {
        return QJsonObject{{QStringLiteral("name"), prefix + name},
                           {QStringLiteral("type"), QStringLiteral("varchar(255)")},
                           {QStringLiteral("expression"), QStringLiteral("%1(%2)").arg(function, a(prefix))}};
    };
    return {{QStringLiteral("table"), table},
            {QStringLiteral("column"), a(prefix)},
            {QStringLiteral("into"), QJsonArray{part(QStringLiteral("upper"), QStringLiteral("upper")),
                                                part(QStringLiteral("lower"), QStringLiteral("lower"))}}};
}

QJsonObject exampleMoveColumns(Schema *, const QString &table, const QString &prefix, int, const QString &)
{
    return {{QStringLiteral("table"), table},
            {QStringLiteral("columns"), QJsonArray{a(prefix), b(prefix)}},
            {QStringLiteral("toTable"), table + QLatin1Char('_') + prefix + QStringLiteral("moved")},
            {QStringLiteral("rename"), QJsonObject{{a(prefix), QStringLiteral("a")}, {b(prefix), QStringLiteral("b")}}},
            {QStringLiteral("key"), prefix + QStringLiteral("ref")}};
}

QJsonObject exampleChangeType(Schema *, const QString &table, const QString &prefix, int, const QString &)
{
    return {{QStringLiteral("table"), table},
            {QStringLiteral("column"), a(prefix)},
            {QStringLiteral("type"), QStringLiteral("varchar(400)")}};
}

QJsonObject exampleSetNotNull(Schema *, const QString &table, const QString &prefix, int, const QString &)
{
    return {{QStringLiteral("table"), table},
            {QStringLiteral("column"), b(prefix)},
            {QStringLiteral("backfill"), QStringLiteral("''")}};
}

} // namespace

QList<KindSpec> columnKinds()
{
    const auto table = param(QStringLiteral("table"),
                             ParamType::Table,
                             QStringLiteral("the table"));
    const auto column = param(QStringLiteral("column"),
                              ParamType::Column,
                              QStringLiteral("the column"));
    QList<KindSpec> kinds;

    kinds.append(
        {QStringLiteral("add_column"),
         QStringLiteral("Add column"),
         QStringLiteral("Adds a column. A NOT NULL column without a default, or a column "
                        "with a backfill, is added bare, filled, and gets its default and NOT "
                        "NULL one release later."),
         {table,
          param(QStringLiteral("column"), ParamType::NewColumn, QStringLiteral("the new column")),
          param(QStringLiteral("type"),
                ParamType::Type,
                QStringLiteral("SQL type of the new column")),
          param(QStringLiteral("nullable"),
                ParamType::Bool,
                QStringLiteral("whether NULL is allowed"),
                false,
                QStringLiteral("true")),
          param(QStringLiteral("default"),
                ParamType::Sql,
                QStringLiteral("constant default (SQL literal)"),
                false),
          param(QStringLiteral("backfill"),
                ParamType::Sql,
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
         decomposeAddColumn,
         exampleAddColumn});

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
         decomposeDropColumn,
         exampleDropColumn});

    kinds.append(
        {QStringLiteral("rename_column"),
         QStringLiteral("Rename column"),
         QStringLiteral("Expand and contract: a new column written alongside the old, "
                        "filled, read, then the old one dropped."),
         {table,
          column,
          param(QStringLiteral("to"), ParamType::NewColumn, QStringLiteral("the new name"))},
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
         decomposeRenameColumn,
         exampleRenameColumn});

    kinds.append(
        {QStringLiteral("merge_columns"),
         QStringLiteral("Merge columns"),
         QStringLiteral("Several columns become one (first + last name into full name)."),
         {table,
          param(QStringLiteral("columns"),
                ParamType::Columns,
                QStringLiteral("the columns to merge")),
          param(QStringLiteral("into"),
                ParamType::NewColumn,
                QStringLiteral("the merged column")),
          param(QStringLiteral("type"),
                ParamType::Type,
                QStringLiteral("SQL type of the merged column")),
          param(QStringLiteral("expression"),
                ParamType::Sql,
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
         decomposeMergeColumns,
         exampleMergeColumns});

    kinds.append(
        {QStringLiteral("split_column"),
         QStringLiteral("Split column"),
         QStringLiteral("One column becomes several (name into first and last name)."),
         {table,
          column,
          param(QStringLiteral("into"),
                ParamType::ColumnSpecs,
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
         decomposeSplitColumn,
         exampleSplitColumn});

    kinds.append(
        {QStringLiteral("move_columns"),
         QStringLiteral("Move columns to a new table"),
         QStringLiteral("Columns move to a new table referenced by a key column "
                        "(posts.author_* into authors + posts.author_id)."),
         {table,
          param(QStringLiteral("columns"),
                ParamType::Columns,
                QStringLiteral("the columns to move")),
          param(QStringLiteral("toTable"),
                ParamType::NewTable,
                QStringLiteral("the new table (gets an identity id)")),
          param(QStringLiteral("rename"),
                ParamType::ColumnMap,
                QStringLiteral("old name -> name in the new table"),
                false),
          param(QStringLiteral("key"),
                ParamType::NewColumn,
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
         decomposeMoveColumns,
         exampleMoveColumns});

    kinds.append(
        {QStringLiteral("change_type"),
         QStringLiteral("Change column type"),
         QStringLiteral("A shadow column of the new type is kept in sync by a trigger and "
                        "filled, then swapped in for the old column."),
         {table,
          column,
          param(QStringLiteral("type"), ParamType::Type, QStringLiteral("the new SQL type")),
          param(QStringLiteral("expression"),
                ParamType::Sql,
                QStringLiteral("SQL converting the old value (default: a cast)"),
                false),
          param(QStringLiteral("default"),
                ParamType::Sql,
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
         decomposeChangeType,
         exampleChangeType});

    kinds.append(
        {QStringLiteral("set_not_null"),
         QStringLiteral("Make column NOT NULL"),
         QStringLiteral("Every version writes the column first; existing NULLs are filled; "
                        "the constraint follows a release later."),
         {table,
          column,
          param(QStringLiteral("backfill"),
                ParamType::Sql,
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
         decomposeSetNotNull,
         exampleSetNotNull});
    return kinds;
}

} // namespace Tideline::Kinds
