// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Tideline {

/**
 * What hangs on a column, and its copy for the column that replaces it (DESIGN.md §4 "What
 * hangs on a column moves with it"). The catalog's kinds use these to emit the ops that carry
 * indexes, constraints and foreign keys to a new column, so that the engine's state and the
 * scripts both have them.
 */
namespace Carry {

/** True when @p expression names @p column: an unquoted word equal to it (ignoring case) or a
 *  quoted identifier ("…", `…`, […]) equal to it exactly. Text in string literals does not count. */
bool mentions(const QString &expression, const QString &column);

/** @p expression with every mention of a column renamed by @p renames (old -> new). A renamed
 *  mention keeps its quotes; an unquoted one gets double quotes unless the new name is a plain
 *  lower-case word. String literals are copied byte for byte. */
QString renamed(const QString &expression, const QMap<QString, QString> &renames);

/** True when @p index covers @p column: as a key entry, in an expression, in INCLUDE or in its
 *  WHERE clause. */
bool covers(const Table &table, const Index &index, const QString &column);
/** True when @p constraint involves @p column (its columns, or its CHECK expression). */
bool covers(const Constraint &constraint, const QString &column);

/** @p index with @p renames applied to its entries, INCLUDE list and WHERE clause, named
 *  @p name. */
Index renamedIndex(const Table &table, const Index &index, const QMap<QString, QString> &renames,
                   const QString &name);
/** @p constraint with @p renames applied to its columns and expression, named @p name. */
Constraint renamedConstraint(const Constraint &constraint, const QMap<QString, QString> &renames,
                             const QString &name);

/**
 * A name for the copy of @p original (an index or constraint name; empty when unnamed) now
 * about @p to instead of @p from: the original with @p from replaced by @p to where it contains
 * it, else the original with `_` + @p to appended; for an unnamed original `<table>_<to>_<suffix>`.
 * Fitted to Identifiers::PortableBytes, and made unique against @p taken (a number is added).
 */
class TakenNames;
QString copyName(const QString &original, const QString &table, const QString &from, const QString &to,
                 const QString &suffix, const TakenNames &taken);

/** Every index, constraint and sequence name in @p schema (PostgreSQL keeps indexes, tables,
 *  sequences and the indexes behind keys in one namespace). */
QStringList takenNames(const Schema &schema);

/**
 * The names of takenNames() (and, with @p relations, every table and view name too), plus the
 * names a decomposition adds as it picks them, answered without listing the schema: tables'
 * names come from the state's derived name index (TableMap::holdsName), so a lookup costs
 * O(log tables) instead of a list of every name per decomposition. @p schema must outlive it.
 */
class TakenNames
{
public:
    enum Scope { IndexNames, WithRelations };
    explicit TakenNames(const Schema &schema, Scope scope = IndexNames)
        : m_schema(schema)
        , m_relations(scope == WithRelations)
    {
    }
    bool contains(const QString &name, Qt::CaseSensitivity cs = Qt::CaseSensitive) const;
    void append(const QString &name) { m_added.append(name); }
    TakenNames &operator<<(const QString &name)
    {
        append(name);
        return *this;
    }

private:
    const Schema &m_schema;
    bool m_relations;
    QStringList m_added;
};

} // namespace Carry

} // namespace Tideline
