// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaops.h"

namespace Tideline {

namespace {

QString dotted(const QString &table, const QString &column)
{
    return table + QLatin1Char('.') + column;
}

/** Removes a column with everything that covers it, as DROP COLUMN does. */
void dropColumn(Table *table, const QString &column)
{
    table->columns.removeAt(table->columnIndex(column));
    table->primaryKey.removeAll(column);
    table->indexes.removeIf([&](const Index &i) { return i.columns.contains(column); });
    table->constraints.removeIf([&](const Constraint &c) { return c.columns.contains(column); });
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
        dropColumn(table, op.columnName);
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
        return true;
    case Type::Backfill:
    case Type::AddSyncTrigger:
        if (!requireColumn(op.columnName)
            || (!op.sourceColumn.isEmpty() && !requireColumn(op.sourceColumn)))
            return false;
        filled->insert(dotted(op.table, op.columnName));
        return true;
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
        // The converted column takes the old one's place, name, nullability and default.
        old->type = shadow->type;
        table->columns.removeAt(table->columnIndex(op.newName));
        filled->remove(dotted(op.table, op.newName));
        return true;
    }
    case Type::CreateTable:
        break;
    }
    return true;
}

} // namespace Tideline
