// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaops.h"

#include <catalog/carry.h>

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

    // RenameIndex, RenameConstraint: the new name is no index or constraint of the table yet.
    auto newNameFree = [&]() {
        if (!table->index(op.newName) && !table->constraint(op.newName))
            return true;
        *error = QStringLiteral("%1 already has an index or constraint named %2").arg(op.table, op.newName);
        return false;
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
        // A table has one primary key: a new one replaces the one it has (step.h).
        if (op.constraint.kind == Constraint::Kind::PrimaryKey)
            table->constraints.removeIf([](const Constraint &c) { return c.kind == Constraint::Kind::PrimaryKey; });
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
    case Type::RenameIndex: {
        Index *index = nullptr;
        for (Index &i : table->indexes) {
            if (i.name == op.index.name)
                index = &i;
        }
        if (!index) {
            *error = QStringLiteral("index %1 does not exist on %2").arg(op.index.name, op.table);
            return false;
        }
        if (!newNameFree())
            return false;
        index->name = op.newName;
        return true;
    }
    case Type::RenameConstraint: {
        Constraint *constraint = nullptr;
        for (Constraint &c : table->constraints) {
            if (c.key() == op.constraint.key())
                constraint = &c;
        }
        if (!constraint) {
            *error = QStringLiteral("constraint %1 does not exist on %2").arg(op.constraint.name, op.table);
            return false;
        }
        if (!newNameFree())
            return false;
        constraint->name = op.newName;
        return true;
    }
    case Type::CreateTable:
        break;
    }
    return true;
}

} // namespace Tideline
