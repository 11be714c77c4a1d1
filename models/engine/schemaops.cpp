// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaops.h"

#include <catalog/carry.h>
#include <engine/compatibility.h>

namespace Tideline {

namespace {

QString dotted(const QString &table, const QString &column)
{
    return table + QLatin1Char('.') + column;
}

/** Removes a column with everything that covers it, as DROP COLUMN … CASCADE does: indexes
 *  (also by INCLUDE), constraints, the sync triggers that read or fill it, and foreign keys of
 *  other tables that reference it. */
void dropColumn(Schema *schema, Table *table, const QString &column)
{
    const QList<QPair<QString, Constraint>> referencing = schema->referencing(table->name, column);
    table->columns.removeAt(table->columnIndex(column));
    table->primaryKey.removeAll(column);
    // Indexes and CHECKs that name the column in an expression or a predicate go too.
    const Table before = *table;
    table->indexes.removeIf([&](const Index &i) { return Carry::covers(before, i, column); });
    table->constraints.removeIf([&](const Constraint &c) { return Carry::covers(c, column); });
    table->syncs.removeIf([&](const SyncTrigger &s) {
        return s.target == column || s.sources.contains(column);
    });
    for (const auto &[tableName, constraint] : referencing) {
        if (Table *other = schema->table(tableName))
            other->constraints.removeIf([&](const Constraint &c) { return c == constraint; });
    }
}

/** @p members with @p value added where the op says (before or after a member; else last). */
QStringList withValue(QStringList members, const SchemaOp &op)
{
    if (members.contains(op.value))
        return members; // ADD VALUE IF NOT EXISTS
    qsizetype at = members.size();
    if (!op.beforeValue.isEmpty() && members.contains(op.beforeValue))
        at = members.indexOf(op.beforeValue);
    else if (!op.afterValue.isEmpty() && members.contains(op.afterValue))
        at = members.indexOf(op.afterValue) + 1;
    members.insert(at, op.value);
    return members;
}

} // namespace

bool applySchemaOp(const SchemaOp &op, Schema *schema, QSet<QString> *filled, QString *error)
{
    using Type = SchemaOp::Type;
    if (op.type == Type::CreateTable) {
        if (schema->hasRelation(op.newTable.name)) {
            *error = QStringLiteral("table %1 already exists").arg(op.newTable.name);
            return false;
        }
        schema->tables.insert(op.newTable.name, op.newTable);
        return true;
    }
    if (op.type == Type::CreateEnum) {
        if (schema->enums.contains(op.enumType.name)) {
            *error = QStringLiteral("enum type %1 already exists").arg(op.enumType.name);
            return false;
        }
        schema->enums.insert(op.enumType.name, op.enumType);
        return true;
    }
    if (op.type == Type::AddEnumValue && op.table.isEmpty()) {
        const auto e = schema->enums.find(op.enumType.name);
        if (e == schema->enums.end()) {
            *error = QStringLiteral("enum type %1 does not exist").arg(op.enumType.name);
            return false;
        }
        e->values = withValue(e->values, op);
        return true;
    }
    if (op.type == Type::ReplaceProcedure) {
        schema->procedures.insert(op.procedure.name, op.procedure);
        return true;
    }
    if (op.type == Type::RawSql)
        return true; // what it does is the user's SQL: the modelled schema does not change

    Table *table = schema->table(op.table);
    if (!table) {
        *error = QStringLiteral("table %1 does not exist").arg(op.table);
        return false;
    }
    auto requireColumn = [&](const QString &name) -> Column * {
        Column *column = table->column(name);
        if (!column)
            *error = QStringLiteral("column %1 does not exist").arg(dotted(op.table, name));
        return column;
    };

    switch (op.type) {
    case Type::AddColumn:
        if (table->column(op.column.name)) {
            *error
                = QStringLiteral("column %1 already exists").arg(dotted(op.table, op.column.name));
            return false;
        }
        table->columns.append(op.column);
        return true;
    case Type::DropColumn:
        if (!requireColumn(op.columnName))
            return false;
        dropColumn(schema, table, op.columnName);
        filled->remove(dotted(op.table, op.columnName));
        return true;
    case Type::SetNotNull:
    case Type::DropNotNull: {
        Column *column = requireColumn(op.columnName);
        if (!column)
            return false;
        column->nullable = op.type == Type::DropNotNull;
        return true;
    }
    case Type::AddConstraint:
        for (const QString &c : op.constraint.columns) {
            if (!requireColumn(c))
                return false;
        }
        if (!op.constraint.refTable.isEmpty() && !schema->tables.contains(op.constraint.refTable)) {
            *error = QStringLiteral("table %1 does not exist").arg(op.constraint.refTable);
            return false;
        }
        table = schema->table(op.table);
        table->constraints.append(op.constraint);
        if (op.constraint.kind == Constraint::Kind::PrimaryKey)
            table->primaryKey = op.constraint.columns;
        return true;
    case Type::Backfill:
        if (!requireColumn(op.columnName)
            || (!op.sourceColumn.isEmpty() && !requireColumn(op.sourceColumn)))
            return false;
        filled->insert(dotted(op.table, op.columnName));
        return true;
    case Type::AddSyncTrigger: {
        const SyncTrigger sync = op.syncTrigger();
        if (!requireColumn(sync.target))
            return false;
        for (const QString &source : sync.sources) {
            if (!requireColumn(source))
                return false;
        }
        table->syncs.removeIf([&](const SyncTrigger &s) { return s.target == sync.target; });
        table->syncs.append(sync);
        filled->insert(dotted(op.table, op.columnName));
        return true;
    }
    case Type::DropSyncTrigger:
        if (!table->sync(op.columnName)) {
            *error = QStringLiteral("no sync trigger fills %1").arg(dotted(op.table, op.columnName));
            return false;
        }
        table->syncs.removeIf([&](const SyncTrigger &s) { return s.target == op.columnName; });
        return true;
    case Type::AddIndex: {
        for (const QString &c : op.index.include) {
            if (!requireColumn(c))
                return false;
        }
        if (table->index(op.index.name)) {
            *error = QStringLiteral("index %1 already exists on %2").arg(op.index.name, op.table);
            return false;
        }
        table->indexes.append(op.index);
        return true;
    }
    // Drops are "if it exists", in SQL and here: two refactorings on one table may both drop an
    // index or constraint that covers both their columns, and the second finds it gone.
    case Type::DropIndex:
        table->indexes.removeIf([&](const Index &i) { return i.name == op.index.name; });
        return true;
    case Type::DropConstraint: {
        const qsizetype before = table->constraints.size();
        table->constraints.removeIf([&](const Constraint &c) {
            return c.key() == op.constraint.key();
        });
        if (table->constraints.size() < before && op.constraint.kind == Constraint::Kind::PrimaryKey)
            table->primaryKey.clear();
        return true;
    }
    case Type::SetDefault:
    case Type::DropDefault: {
        Column *column = requireColumn(op.columnName);
        if (!column)
            return false;
        column->defaultValue = op.type == Type::SetDefault ? op.value : QString();
        return true;
    }
    case Type::SetComment:
        if (op.columnName.isEmpty()) {
            table->comment = op.value;
            return true;
        }
        if (Column *column = requireColumn(op.columnName)) {
            column->comment = op.value;
            return true;
        }
        return false;
    case Type::MoveBackfill: {
        if (!requireColumn(op.key))
            return false;
        const Table *target = schema->table(op.toTable);
        if (!target) {
            *error = QStringLiteral("table %1 does not exist").arg(op.toTable);
            return false;
        }
        for (auto it = op.mapping.cbegin(); it != op.mapping.cend(); ++it) {
            if (!requireColumn(it.key()))
                return false;
            if (!target->column(it.value())) {
                *error
                    = QStringLiteral("column %1 does not exist").arg(dotted(op.toTable, it.value()));
                return false;
            }
            filled->insert(dotted(op.toTable, it.value()));
        }
        filled->insert(dotted(op.table, op.key));
        return true;
    }
    case Type::SwapColumn: {
        Column *old = requireColumn(op.columnName);
        const Column *shadow = old ? requireColumn(op.newName) : nullptr;
        if (!shadow)
            return false;
        // The converted column takes the old one's place and name and becomes op.column (the
        // old column's nullability, default, identity and comment with the new type); what
        // covered the old column stays under its name, so it now covers the swapped one.
        if (op.column.name.isEmpty()) {
            old->type = shadow->type;
        } else {
            *old = op.column;
            old->name = op.columnName;
        }
        // A serial's sequence takes the new integer type (ALTER SEQUENCE … AS), or it would
        // still stop at the old type's end.
        static const QStringList integers{QStringLiteral("smallint"), QStringLiteral("integer"), QStringLiteral("bigint"),
                                          QStringLiteral("int"), QStringLiteral("int2"), QStringLiteral("int4"),
                                          QStringLiteral("int8")};
        const QString sequence = old->effectiveIdentity() == Column::Identity::Sequence ? old->sequence : QString();
        if (!sequence.isEmpty() && schema->sequences.contains(sequence)
            && integers.contains(old->type.simplified().toLower()))
            schema->sequences[sequence].type = old->type.simplified().toLower();
        table = schema->table(op.table);
        table->columns.removeAt(table->columnIndex(op.newName));
        table->syncs.removeIf([&](const SyncTrigger &s) { return s.target == op.newName; });
        filled->remove(dotted(op.table, op.newName));
        return true;
    }
    case Type::AddEnumValue: {
        Column *column = requireColumn(op.columnName);
        QStringList members;
        if (!column)
            return false;
        if (!Compatibility::enumMembers(column->type, &members)) {
            *error = QStringLiteral("column %1 is not of an enum('…') type").arg(dotted(op.table, op.columnName));
            return false;
        }
        column->type = Compatibility::enumColumnType(withValue(members, op));
        return true;
    }
    case Type::CreateTable:
    case Type::CreateEnum:
    case Type::ReplaceProcedure:
    case Type::RawSql:
        break;
    }
    return true;
}

} // namespace Tideline
