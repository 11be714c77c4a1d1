// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

namespace Tideline {

bool Column::operator==(const Column &o) const
{
    return name == o.name && type == o.type && nullable == o.nullable
           && defaultValue == o.defaultValue && identity == o.identity && generated == o.generated;
}

bool Index::operator==(const Index &o) const
{
    return name == o.name && columns == o.columns && unique == o.unique;
}

QString Constraint::kindName(Kind kind)
{
    switch (kind) {
    case Kind::PrimaryKey:
        return QStringLiteral("primary_key");
    case Kind::Unique:
        return QStringLiteral("unique");
    case Kind::Check:
        return QStringLiteral("check");
    case Kind::ForeignKey:
        return QStringLiteral("foreign_key");
    }
    return {};
}

bool Constraint::kindFromName(const QString &name, Kind *kind)
{
    for (Kind k : {Kind::PrimaryKey, Kind::Unique, Kind::Check, Kind::ForeignKey}) {
        if (kindName(k) == name) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QString Constraint::key() const
{
    // Unnamed constraints are identified by what they cover, so that two states agree on them.
    const QString id = name.isEmpty()
                           ? columns.join(QLatin1Char(',')) + QLatin1Char('|') + expression
                           : name;
    return kindName(kind) + QLatin1Char(':') + id;
}

bool Constraint::operator==(const Constraint &o) const
{
    return kind == o.kind && name == o.name && columns == o.columns && expression == o.expression
           && refTable == o.refTable && refColumns == o.refColumns;
}

const Column *Table::column(const QString &columnName) const
{
    for (const Column &c : columns) {
        if (c.name == columnName)
            return &c;
    }
    return nullptr;
}

Column *Table::column(const QString &columnName)
{
    const int i = columnIndex(columnName);
    return i < 0 ? nullptr : &columns[i];
}

int Table::columnIndex(const QString &columnName) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).name == columnName)
            return i;
    }
    return -1;
}

bool Table::operator==(const Table &o) const
{
    return name == o.name && columns == o.columns && primaryKey == o.primaryKey
           && indexes == o.indexes && constraints == o.constraints;
}

bool View::operator==(const View &o) const
{
    return name == o.name && columns == o.columns && definition == o.definition;
}

bool Parameter::operator==(const Parameter &o) const
{
    return name == o.name && type == o.type && defaultValue == o.defaultValue;
}

const Parameter *Procedure::parameter(const QString &parameterName) const
{
    for (const Parameter &p : parameters) {
        if (p.name == parameterName)
            return &p;
    }
    return nullptr;
}

bool Procedure::operator==(const Procedure &o) const
{
    return name == o.name && parameters == o.parameters;
}

const Table *Schema::table(const QString &name) const
{
    const auto it = tables.constFind(name);
    return it == tables.cend() ? nullptr : &it.value();
}

Table *Schema::table(const QString &name)
{
    const auto it = tables.find(name);
    return it == tables.end() ? nullptr : &it.value();
}

bool Schema::operator==(const Schema &o) const
{
    return tables == o.tables && views == o.views && procedures == o.procedures;
}

} // namespace Tideline
