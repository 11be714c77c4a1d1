// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaops.h"

#include <catalog/carry.h>
#include <engine/compatibility.h>

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

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
        // Not captured by the lambda: a structured binding cannot be before C++20 (clang, the
        // fuzz build, refuses it; gcc allows it as an extension).
        const Constraint &dropped = constraint;
        if (Table *other = schema->table(tableName))
            other->constraints.removeIf([&](const Constraint &c) { return c == dropped; });
    }
}

/** The tables with a foreign key that references @p table, read without writing any. */
QStringList tablesReferencing(const Schema &schema, const QString &table)
{
    QStringList names;
    for (auto t = schema.tables.cbegin(); t != schema.tables.cend(); ++t) {
        if (std::any_of(t->constraints.cbegin(), t->constraints.cend(), [&](const Constraint &c) {
                return c.kind == Constraint::Kind::ForeignKey && c.refTable == table;
            }))
            names << t.key();
    }
    return names;
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

namespace {

/** Bytes a character takes at most in a MySQL character set (1 when unknown: no widening). */
int maxBytes(const QString &charset)
{
    static const QHash<QString, int> bytes{{QStringLiteral("utf8mb4"), 4}, {QStringLiteral("utf16"), 4},
                                           {QStringLiteral("utf32"), 4},   {QStringLiteral("utf8"), 3},
                                           {QStringLiteral("utf8mb3"), 3}, {QStringLiteral("ucs2"), 2}};
    return bytes.value(charset.toLower(), 1);
}

/** The collation MySQL/MariaDB give a character set when none is named: the live catalog
 *  leaves such a collation out, and so does the model. */
bool isDefaultCollation(const QString &charset, const QString &collation)
{
    const QString c = collation.toLower(), s = charset.toLower();
    return c.isEmpty() || c == s + QStringLiteral("_general_ci") || c == QLatin1String("latin1_swedish_ci")
           || c == QLatin1String("utf8mb4_0900_ai_ci") || (s == QLatin1String("binary") && c == QLatin1String("binary"));
}

/** True for the column types that carry a character set. */
bool isTextType(const QString &type)
{
    static const QRegularExpression text(QStringLiteral("^(char|varchar|tinytext|text|mediumtext|longtext|enum|set)\\b"),
                                         QRegularExpression::CaseInsensitiveOption);
    return text.match(type.trimmed()).hasMatch();
}

/**
 * MySQL's ALTER TABLE … ENGINE / DEFAULT CHARACTER SET / CONVERT TO CHARACTER SET, as the live
 * catalog then reads the table (an empty charset is utf8mb4, an empty engine InnoDB; a column
 * names its charset and collation only where they differ from the table's):
 * * a new default leaves the columns as they were: those that followed the old default now
 *   name it;
 * * CONVERT moves every text column to the new set, and a TEXT type whose characters would no
 *   longer fit grows one size (TEXT holding 65,535 latin1 characters becomes MEDIUMTEXT in
 *   utf8mb4), as MySQL does.
 */
void setTableOptions(Table *table, const SchemaOp::TableOptions &options)
{
    if (!options.engine.isEmpty())
        table->engine = options.engine.compare(QLatin1String("InnoDB"), Qt::CaseInsensitive) == 0 ? QString() : options.engine;
    if (options.charset.isEmpty())
        return;
    const QString oldCharset = table->charset.isEmpty() ? QStringLiteral("utf8mb4") : table->charset;
    const QString oldCollation = table->collation;
    const QString charset = options.charset.toLower();
    for (Column &c : table->columns) {
        if (!isTextType(c.type) || c.charset.compare(QLatin1String("binary"), Qt::CaseInsensitive) == 0)
            continue;
        const QString columnCharset = c.charset.isEmpty() ? oldCharset : c.charset;
        if (options.convert) {
            if (maxBytes(charset) > maxBytes(columnCharset)) {
                static const QStringList sizes{QStringLiteral("tinytext"), QStringLiteral("text"),
                                               QStringLiteral("mediumtext"), QStringLiteral("longtext")};
                const int i = sizes.indexOf(c.type.trimmed().toLower());
                if (i >= 0 && i + 1 < sizes.size())
                    c.type = sizes.at(i + 1);
            }
            c.charset.clear();
            c.collation.clear();
        } else if (c.charset.isEmpty()) {
            c.charset = oldCharset;
            if (c.collation.isEmpty())
                c.collation = oldCollation;
        }
    }
    table->charset = charset == QLatin1String("utf8mb4") ? QString() : charset;
    table->collation = isDefaultCollation(charset, options.collation) ? QString() : options.collation;
    // A column left on the table's (new) set and collation names neither.
    for (Column &c : table->columns) {
        const QString effective = table->charset.isEmpty() ? QStringLiteral("utf8mb4") : table->charset;
        if (c.charset.compare(effective, Qt::CaseInsensitive) == 0) {
            c.charset.clear();
            if (c.collation == table->collation || isDefaultCollation(effective, c.collation))
                c.collation.clear();
        }
    }
}

/* A state's filled set is shared with the states before it until written; these leave it
 * shared (uncopied) when it already holds, or lacks, the name. */
void mark(QSet<QString> *filled, const QString &name)
{
    if (!filled->contains(name))
        filled->insert(name);
}

void unmark(QSet<QString> *filled, const QString &name)
{
    if (filled->contains(name))
        filled->remove(name);
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
    if (op.type == Type::CreateView) {
        const bool exists = schema->views.contains(op.view.name);
        if (op.replace ? !exists : schema->hasRelation(op.view.name)) {
            *error = op.replace ? QStringLiteral("view %1 does not exist").arg(op.view.name)
                                : QStringLiteral("%1 %2 already exists")
                                      .arg(exists ? QStringLiteral("view") : QStringLiteral("table"), op.view.name);
            return false;
        }
        if (!op.view.baseTable.isEmpty() && !schema->tables.contains(op.view.baseTable)) {
            *error = QStringLiteral("table %1 does not exist").arg(op.view.baseTable);
            return false;
        }
        schema->views.insert(op.view.name, op.view);
        return true;
    }
    if (op.type == Type::DropView) {
        schema->views.remove(op.view.name); // "if it exists", as the SQL
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
        unmark(filled, dotted(op.table, op.columnName));
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
        mark(filled, dotted(op.table, op.columnName));
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
        mark(filled, dotted(op.table, op.columnName));
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
            mark(filled, dotted(op.toTable, it.value()));
        }
        mark(filled, dotted(op.table, op.key));
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
        unmark(filled, dotted(op.table, op.newName));
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
    case Type::CreateView:
    case Type::DropView:
        break;
    case Type::SetTableOptions:
        setTableOptions(table, op.options);
        return true;
    case Type::DropTable: {
        // Foreign keys of other tables that still reference it go with it (DROP … CASCADE).
        const QString name = table->name;
        schema->tables.remove(name);
        // Only the tables that have such a key are written (and so copied from shared states).
        for (const QString &other : tablesReferencing(*schema, name))
            schema->table(other)->constraints.removeIf([&](const Constraint &c) {
                return c.kind == Constraint::Kind::ForeignKey && c.refTable == name;
            });
        for (auto it = schema->sequences.begin(); it != schema->sequences.end();) {
            if (it->ownedBy.startsWith(name + QLatin1Char('.')))
                it = schema->sequences.erase(it); // an owned sequence goes with its table
            else
                ++it;
        }
        // Rebuilt only when the table had filled columns: the set is shared with earlier states.
        const QString prefix = name + QLatin1Char('.');
        const auto ofTable = [&](const QString &f) { return f.startsWith(prefix); };
        if (std::any_of(filled->cbegin(), filled->cend(), ofTable)) {
            QSet<QString> kept;
            for (const QString &f : std::as_const(*filled)) {
                if (!ofTable(f))
                    kept.insert(f);
            }
            *filled = kept;
        }
        return true;
    }
    case Type::RenameTable: {
        const QString from = table->name, to = op.newName;
        if (schema->hasRelation(to)) {
            *error = QStringLiteral("%1 already exists").arg(to);
            return false;
        }
        Table renamed = schema->tables.take(from);
        renamed.name = to;
        schema->tables.insert(to, renamed);
        // The engines point foreign keys at the table, not at its name; sequences owned by its
        // columns stay owned by them; what was filled stays filled.
        for (const QString &other : tablesReferencing(*schema, from)) {
            for (Constraint &c : schema->table(other)->constraints) {
                if (c.kind == Constraint::Kind::ForeignKey && c.refTable == from)
                    c.refTable = to;
            }
        }
        for (Sequence &s : schema->sequences) {
            if (s.ownedBy.startsWith(from + QLatin1Char('.')))
                s.ownedBy = to + s.ownedBy.mid(from.size());
        }
        const QString prefix = from + QLatin1Char('.');
        const auto ofTable = [&](const QString &f) { return f.startsWith(prefix); };
        if (std::any_of(filled->cbegin(), filled->cend(), ofTable)) {
            QSet<QString> moved;
            for (const QString &f : std::as_const(*filled))
                moved.insert(ofTable(f) ? to + f.mid(from.size()) : f);
            *filled = moved;
        }
        // Only the views over the table are written (and so copied from shared states).
        QStringList over;
        for (const View &v : std::as_const(schema->views)) {
            if (v.baseTable == from)
                over.append(v.name);
        }
        for (const QString &name : std::as_const(over))
            schema->views.mutableValue(name)->baseTable = to;
        if (!op.view.name.isEmpty()) {
            if (schema->hasRelation(op.view.name)) {
                *error = QStringLiteral("%1 already exists").arg(op.view.name);
                return false;
            }
            View view = op.view;
            view.baseTable = to;
            schema->views.insert(view.name, view);
        }
        return true;
    }
    }
    return true;
}

QStringList tablesNamed(const SchemaOp &op)
{
    QStringList tables;
    const QString renamed = op.type == SchemaOp::Type::RenameTable ? op.newName : QString();
    for (const QString *name : {&op.table, &op.toTable, &op.newTable.name, &renamed}) {
        if (!name->isEmpty() && !tables.contains(*name))
            tables.append(*name);
    }
    return tables;
}

} // namespace Tideline
