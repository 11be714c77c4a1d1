// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

namespace Tideline {

Column::Identity Column::effectiveIdentity() const
{
    if (!identity)
        return Identity::None;
    return identityKind == Identity::None ? Identity::ByDefault : identityKind;
}

bool Column::operator==(const Column &o) const
{
    return name == o.name && type == o.type && nullable == o.nullable
           && defaultValue == o.defaultValue && identity == o.identity && generated == o.generated
           && effectiveIdentity() == o.effectiveIdentity() && sequence == o.sequence
           && generatedExpression == o.generatedExpression
           && (!generated || generatedStored == o.generatedStored) && collation == o.collation
           && charset == o.charset && comment == o.comment;
}

QString Column::identityName(Identity identity)
{
    switch (identity) {
    case Identity::None:
        return QStringLiteral("none");
    case Identity::ByDefault:
        return QStringLiteral("by_default");
    case Identity::Always:
        return QStringLiteral("always");
    case Identity::Sequence:
        return QStringLiteral("sequence");
    case Identity::AutoIncrement:
        return QStringLiteral("autoincrement");
    }
    return {};
}

bool Column::identityFromName(const QString &name, Identity *identity)
{
    for (Identity i : {Identity::None, Identity::ByDefault, Identity::Always, Identity::Sequence,
                       Identity::AutoIncrement}) {
        if (identityName(i) == name) {
            *identity = i;
            return true;
        }
    }
    return false;
}

bool Index::operator==(const Index &o) const
{
    // Lengths and descending flags compare by meaning: a missing entry is 0 / ascending.
    const auto sameLengths = [&] {
        for (int i = 0; i < qMax(lengths.size(), o.lengths.size()); ++i) {
            if (length(i) != o.length(i))
                return false;
        }
        return true;
    };
    const auto sameOrder = [&] {
        for (int i = 0; i < qMax(descending.size(), o.descending.size()); ++i) {
            if (isDescending(i) != o.isDescending(i))
                return false;
        }
        return true;
    };
    return name == o.name && columns == o.columns && unique == o.unique && where == o.where
           && include == o.include && method == o.method && sameLengths() && sameOrder();
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
           && refTable == o.refTable && refColumns == o.refColumns && onDelete == o.onDelete
           && onUpdate == o.onUpdate && deferrable == o.deferrable
           && initiallyDeferred == o.initiallyDeferred;
}

bool Constraint::normalizeAction(const QString &text, QString *action)
{
    const QString words = text.simplified().toUpper();
    if (words.isEmpty() || words == QLatin1String("NO ACTION")) {
        action->clear();
        return true;
    }
    for (const char *known : {"CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT"}) {
        if (words == QLatin1String(known)) {
            *action = words;
            return true;
        }
    }
    return false;
}

bool Trigger::operator==(const Trigger &o) const
{
    return name == o.name && definition == o.definition;
}

bool SyncTrigger::operator==(const SyncTrigger &o) const
{
    return target == o.target && sources == o.sources && sourceColumn == o.sourceColumn
           && expression == o.expression;
}

bool Sequence::operator==(const Sequence &o) const
{
    return name == o.name && type == o.type && start == o.start && increment == o.increment
           && ownedBy == o.ownedBy;
}

bool EnumType::operator==(const EnumType &o) const
{
    return name == o.name && values == o.values;
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

const Index *Table::index(const QString &indexName) const
{
    for (const Index &i : indexes) {
        if (i.name == indexName)
            return &i;
    }
    return nullptr;
}

const Constraint *Table::constraint(const QString &constraintName) const
{
    for (const Constraint &c : constraints) {
        if (c.name == constraintName)
            return &c;
    }
    return nullptr;
}

const SyncTrigger *Table::sync(const QString &target) const
{
    for (const SyncTrigger &s : syncs) {
        if (s.target == target)
            return &s;
    }
    return nullptr;
}

bool Table::operator==(const Table &o) const
{
    return name == o.name && columns == o.columns && primaryKey == o.primaryKey
           && indexes == o.indexes && constraints == o.constraints && triggers == o.triggers
           && syncs == o.syncs && comment == o.comment && engine == o.engine
           && charset == o.charset && collation == o.collation && withoutRowid == o.withoutRowid;
}

bool View::operator==(const View &o) const
{
    return name == o.name && columns == o.columns && definition == o.definition && baseTable == o.baseTable;
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

QList<QPair<QString, Constraint>> Schema::referencing(const QString &table,
                                                     const QString &column) const
{
    QList<QPair<QString, Constraint>> result;
    for (const Table &t : tables) {
        for (const Constraint &c : t.constraints) {
            if (c.kind != Constraint::Kind::ForeignKey || c.refTable != table)
                continue;
            const Table *target = this->table(table);
            // An FK without referenced columns points at the target's primary key.
            const QStringList refColumns = !c.refColumns.isEmpty() || !target ? c.refColumns
                                                                              : target->primaryKey;
            if (refColumns.contains(column))
                result.append({t.name, c});
        }
    }
    return result;
}

bool Schema::operator==(const Schema &o) const
{
    return tables == o.tables && views == o.views && procedures == o.procedures
           && sequences == o.sequences && enums == o.enums;
}

} // namespace Tideline
