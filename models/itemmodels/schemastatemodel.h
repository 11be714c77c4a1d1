// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>

#include <QAbstractItemModel>
#include <QList>

namespace Tideline {

/**
 * One schema state as a tree: tables, and under each table its columns with type,
 * nullability and default. Compared with the previous state, every row says whether it was
 * added, changed or removed (removed tables and columns stay in the tree, marked).
 */
class SchemaStateModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, TypeColumn, NullableColumn, DefaultColumn, ColumnCount };
    enum class Change { Unchanged, Added, Changed, Removed };
    Q_ENUM(Change)
    enum Role {
        ChangeRole = Qt::UserRole, // Change
        TableRole,                 // QString: the table of the row
        ColumnNameRole,            // QString: the column of a column row, empty for a table
    };

    explicit SchemaStateModel(QObject *parent = nullptr);

    /** Shows @p current compared with @p previous; resets the model. */
    void setSchemas(const Schema &previous, const Schema &current);
    void clear();

    QModelIndex tableIndex(const QString &table) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct ColumnRow
    {
        Tideline::Column column;   // as in the current state; as before for a removed column
        Tideline::Column previous; // set when changed
        Change change = Change::Unchanged;
    };
    struct TableRow
    {
        QString name;
        Change change = Change::Unchanged;
        QList<ColumnRow> columns;
    };

    QList<TableRow> m_tables;
};

} // namespace Tideline
