// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QString>
#include <QStringList>

namespace Tideline {

/**
 * One edit of a plan's baseline schema (S_0), as the schema editor makes it: a table, a column,
 * the primary key, an index or a constraint added, changed or removed. PlanEdits::editBaseline
 * checks and applies it; Document::editBaseline makes it one undoable command.
 *
 * Build one with the named constructors; text() is what the undo history calls it.
 */
struct SchemaEdit
{
    enum class Action {
        AddTable,        // table, with `column` as its first column and `columns` as its key
        RenameTable,     // table -> name
        RemoveTable,     // table
        AddColumn,       // column into table
        ReplaceColumn,   // name (a column of table) -> column (which may carry a new name)
        RemoveColumn,    // name from table
        SetPrimaryKey,   // columns (empty: no primary key)
        AddIndex,        // index
        RemoveIndex,     // index (matched as a whole: indexes may be unnamed)
        AddConstraint,   // constraint: unique, check or foreign key
        RemoveConstraint // constraint (matched as a whole)
    };

    Action action = Action::AddTable;
    QString table;
    QString name;
    Column column;
    QStringList columns;
    Index index;
    Constraint constraint;

    static SchemaEdit addTable(const QString &table, const Column &first, const QStringList &primaryKey = {});
    static SchemaEdit renameTable(const QString &table, const QString &newName);
    static SchemaEdit removeTable(const QString &table);
    static SchemaEdit addColumn(const QString &table, const Column &column);
    static SchemaEdit replaceColumn(const QString &table, const QString &column, const Column &replacement);
    static SchemaEdit removeColumn(const QString &table, const QString &column);
    static SchemaEdit setPrimaryKey(const QString &table, const QStringList &columns);
    static SchemaEdit addIndex(const QString &table, const Index &index);
    static SchemaEdit removeIndex(const QString &table, const Index &index);
    static SchemaEdit addConstraint(const QString &table, const Constraint &constraint);
    static SchemaEdit removeConstraint(const QString &table, const Constraint &constraint);

    /** What the undo history calls the edit ("Add column customer.email"). */
    QString text() const;
};

} // namespace Tideline
