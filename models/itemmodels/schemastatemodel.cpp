// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemastatemodel.h"

#include "statuscolors.h"

#include <QFont>

namespace Tideline {

namespace {

// Top-level rows carry this id; column rows carry their table's row + 1.
constexpr quintptr TableId = 0;

QString nullability(const Column &column)
{
    return column.nullable ? SchemaStateModel::tr("NULL") : SchemaStateModel::tr("NOT NULL");
}

QString describe(const Column &column)
{
    QString text = column.type + QLatin1Char(' ') + nullability(column);
    if (column.hasDefault())
        text += SchemaStateModel::tr(" DEFAULT %1").arg(column.defaultValue);
    return text;
}

} // namespace

SchemaStateModel::SchemaStateModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void SchemaStateModel::clear()
{
    beginResetModel();
    m_tables.clear();
    endResetModel();
}

void SchemaStateModel::setSchemas(const Schema &previous, const Schema &current)
{
    beginResetModel();
    m_tables.clear();
    // Every table of either state, in name order: removed tables keep their place.
    QStringList names = current.tables.keys();
    for (const QString &name : previous.tables.keys()) {
        if (!current.tables.contains(name))
            names.append(name);
    }
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const Table *now = current.table(name);
        const Table *before = previous.table(name);
        TableRow row{name, Change::Unchanged, {}};
        if (!before)
            row.change = Change::Added;
        else if (!now)
            row.change = Change::Removed;
        const Table &shown = now ? *now : *before;
        for (const Tideline::Column &column : shown.columns) {
            ColumnRow c{column, {}, Change::Unchanged};
            const Tideline::Column *old = before ? before->column(column.name) : nullptr;
            if (!now)
                c.change = Change::Removed;
            else if (!old)
                c.change = Change::Added;
            else if (*old != column) {
                c.change = Change::Changed;
                c.previous = *old;
            }
            row.columns.append(c);
        }
        if (now && before) {
            // Dropped columns, placed where they stood before.
            for (int i = 0; i < before->columns.size(); ++i) {
                const Tideline::Column &column = before->columns.at(i);
                if (now->column(column.name))
                    continue;
                row.columns.insert(qMin(i, int(row.columns.size())), {column, {}, Change::Removed});
            }
            for (const ColumnRow &c : std::as_const(row.columns)) {
                if (c.change != Change::Unchanged)
                    row.change = Change::Changed;
            }
            if (row.change == Change::Unchanged && !(*now == *before))
                row.change = Change::Changed; // indexes or constraints
        }
        m_tables.append(row);
    }
    endResetModel();
}

QModelIndex SchemaStateModel::tableIndex(const QString &table) const
{
    for (int i = 0; i < m_tables.size(); ++i) {
        if (m_tables.at(i).name == table)
            return index(i, 0);
    }
    return {};
}

QModelIndex SchemaStateModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, TableId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex SchemaStateModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == TableId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, TableId);
}

int SchemaStateModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_tables.size());
    if (parent.internalId() != TableId || parent.column() != 0)
        return 0;
    return int(m_tables.at(parent.row()).columns.size());
}

int SchemaStateModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SchemaStateModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool isTable = index.internalId() == TableId;
    const TableRow &table = m_tables.at(isTable ? index.row() : int(index.internalId() - 1));
    const ColumnRow *column = isTable ? nullptr : &table.columns.at(index.row());
    const Change change = column ? column->change : table.change;

    switch (role) {
    case Qt::DisplayRole:
        if (!column)
            return index.column() == NameColumn ? QVariant(table.name) : QVariant();
        switch (index.column()) {
        case NameColumn:
            return column->column.name;
        case TypeColumn:
            return column->column.type;
        case NullableColumn:
            return nullability(column->column);
        case DefaultColumn:
            return column->column.defaultValue;
        }
        return {};
    case Qt::ToolTipRole:
        switch (change) {
        case Change::Added:
            return column ? tr("Added: %1").arg(describe(column->column)) : tr("Added table");
        case Change::Removed:
            return column ? tr("Removed column") : tr("Removed table");
        case Change::Changed:
            return column ? tr("Was %1").arg(describe(column->previous))
                          : tr("Columns, indexes or constraints changed");
        case Change::Unchanged:
            break;
        }
        return {};
    case Qt::BackgroundRole:
        switch (change) {
        case Change::Added:
            return StatusColors::good();
        case Change::Changed:
            return StatusColors::warning();
        case Change::Removed:
            return StatusColors::bad();
        case Change::Unchanged:
            break;
        }
        return {};
    case Qt::ForegroundRole: // with every background its text colour (a dark palette's is light)
        if (change == Change::Unchanged)
            return {};
        return StatusColors::text();
    case Qt::FontRole:
        if (change == Change::Removed || !column) {
            QFont font;
            font.setStrikeOut(change == Change::Removed);
            font.setBold(!column);
            return font;
        }
        return {};
    case ChangeRole:
        return QVariant::fromValue(change);
    case TableRole:
        return table.name;
    case ColumnNameRole:
        return column ? column->column.name : QString();
    default:
        return {};
    }
}

QVariant SchemaStateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case NullableColumn:
        return tr("Null");
    case DefaultColumn:
        return tr("Default");
    }
    return {};
}

} // namespace Tideline
