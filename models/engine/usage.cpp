// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "usage.h"

#include <catalog/step.h>

#include <QHash>

namespace Tideline {

namespace {

void applyDelta(QSet<QString> &set, const UsageDelta &delta)
{
    if (delta.replace) {
        set = QSet<QString>(delta.add.cbegin(), delta.add.cend());
        return;
    }
    for (const QString &name : delta.add)
        set.insert(name);
    for (const QString &name : delta.remove)
        set.remove(name);
}

/*
 * Writes that leave a set (or map) alone when it already holds what they ask: Qt's containers
 * copy themselves on any write while shared, and a version's sets are shared with the version
 * before it. A QSet's first block of storage is over 1 KiB however few names it holds.
 */
bool insertName(QSet<QString> &set, const QString &name)
{
    if (set.contains(name))
        return false;
    set.insert(name);
    return true;
}

bool removeName(QSet<QString> &set, const QString &name)
{
    return set.contains(name) && set.remove(name);
}

/**
 * Equal sets of one table's usage share one copy: a version usually inserts and updates the
 * same columns, and reads them too. Called after a write, which gave @p u its own copies.
 */
void shareEqualSets(TableUsage &u)
{
    if (u.updates == u.inserts)
        u.updates = u.inserts;
    if (u.reads == u.inserts)
        u.reads = u.inserts;
}

} // namespace

AppUsage AppUsage::fromBaseline(const Schema &baseline)
{
    AppUsage usage;
    // Columns of one type share one list of write types, and the NOT NULL key of a column name
    // is made once: the baseline's tables repeat both, and A_0 (with the versions that keep
    // its entries) holds them until the end.
    QHash<QString, QStringList> typeLists;
    QHash<QString, QString> notNullKeys;
    for (const Table &table : baseline.tables) {
        TableUsage &u = usage.tables[table.name];
        for (const Column &column : table.columns) {
            u.reads.insert(column.name);
            if (column.identity || column.generated)
                continue;
            u.inserts.insert(column.name);
            u.updates.insert(column.name);
            auto types = typeLists.find(column.type);
            if (types == typeLists.end())
                types = typeLists.insert(column.type, {column.type});
            u.writeTypes.insert(column.name, *types);
            if (!column.nullable) {
                auto key = notNullKeys.find(column.name);
                if (key == notNullKeys.end())
                    key = notNullKeys.insert(column.name, notNullKey(column.name));
                u.honours.insert(*key);
            }
        }
        // Today's application lives with every constraint today's schema has.
        for (const Constraint &constraint : table.constraints)
            u.honours.insert(constraint.key());
        shareEqualSets(u);
    }
    for (const View &view : baseline.views) {
        TableUsage &u = usage.tables[view.name];
        u.reads = QSet<QString>(view.columns.cbegin(), view.columns.cend());
    }
    for (const Procedure &procedure : baseline.procedures) {
        QSet<QString> &passed = usage.calls[procedure.name];
        for (const Parameter &parameter : procedure.parameters)
            passed.insert(parameter.name);
    }
    return usage;
}

void AppUsage::apply(const UsageOp &op)
{
    if (!op.procedure.isEmpty()) {
        QSet<QString> &passed = calls[op.procedure];
        for (const QString &parameter : op.passesAdd)
            passed.insert(parameter);
        if (op.table.isEmpty())
            return;
    }
    if (op.stops) {
        tables.remove(op.table);
        return;
    }
    if (!op.movesTo.isEmpty()) {
        // The same reads, writes and honoured constraints, under the table's new name.
        if (tables.contains(op.table))
            tables.insert(op.movesTo, tables.take(op.table));
        return;
    }
    TableUsage &u = tables[op.table];
    bool columns = false; // reads, inserts or updates written
    for (const QString &c : op.readsRemove)
        columns = removeName(u.reads, c) || columns;
    for (const QString &c : op.writesRemove) {
        columns = removeName(u.inserts, c) || columns;
        columns = removeName(u.updates, c) || columns;
        if (u.writeTypes.contains(c))
            u.writeTypes.remove(c);
    }
    for (const QString &c : op.readsAdd)
        columns = insertName(u.reads, c) || columns;
    for (const QString &c : op.writesAdd) {
        columns = insertName(u.inserts, c) || columns;
        columns = insertName(u.updates, c) || columns;
    }
    for (const QString &key : op.honoursAdd)
        insertName(u.honours, key);
    for (const QString &key : op.honoursRemove)
        removeName(u.honours, key);
    for (auto it = op.writeTypes.cbegin(); it != op.writeTypes.cend(); ++it) {
        const auto known = u.writeTypes.constFind(it.key());
        if (known == u.writeTypes.cend() || known.value() != it.value())
            u.writeTypes.insert(it.key(), it.value());
    }
    if (u.isEmpty() && u.honours.isEmpty())
        tables.remove(op.table);
    else if (columns)
        shareEqualSets(u);
}

void AppUsage::apply(const UsageEdit &edit, const Schema &schema)
{
    if (!edit.procedure.isEmpty()) {
        applyDelta(calls[edit.procedure], edit.passes);
        return;
    }
    TableUsage &u = tables[edit.table];
    applyDelta(u.reads, edit.reads);
    applyDelta(u.inserts, edit.inserts);
    applyDelta(u.updates, edit.updates);
    applyDelta(u.honours, edit.honours);
    // Columns the edit starts writing are taken to be written with the type they have now.
    const Table *table = schema.table(edit.table);
    for (auto it = u.writeTypes.begin(); it != u.writeTypes.end();) {
        if (!u.writes(it.key()))
            it = u.writeTypes.erase(it);
        else
            ++it;
    }
    if (table) {
        for (const Column &column : table->columns) {
            if (u.writes(column.name) && !u.writeTypes.contains(column.name))
                u.writeTypes.insert(column.name, {column.type});
        }
    }
}

} // namespace Tideline
