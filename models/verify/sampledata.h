// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "valuedomain.h"

#include <domain/schema.h>

#include <QHash>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace Tideline {

class Dialect;

/** What loading sample rows did, table by table. */
struct SampleLoad
{
    QMap<QString, int> rows;        // rows each table holds
    QMap<QString, QString> skipped; // table -> why it holds no sample rows
    QStringList notes;              // tables that hold fewer rows than asked, and why
};

/**
 * CHECK constraints of a table judged by the database itself: candidate rows (literals by
 * column) go through a SELECT whose WHERE is the CHECK's own expression, over a derived table
 * that carries the table's name and columns. A CHECK holds on a row unless it is false (NULL
 * passes, as in the engines).
 */
class CheckProbe
{
public:
    CheckProbe(QSqlDatabase db, const Dialect &dialect, const Schema &schema, const Table &table);

    /** Choices of one option per position (@p sizes options each, the first being the current
     *  one): fewest changes first, at most a few hundred. */
    static QList<QList<int>> combinations(const QList<int> &sizes);

    /** The CHECK expressions of the table, in declaration order. */
    QStringList expressions() const;
    /** The columns of the table that @p expression mentions. */
    QStringList columnsIn(const QString &expression) const;
    /**
     * Which of @p rows satisfy every expression of @p checks: their positions in @p rows. A
     * column a row leaves out is NULL. False, with the engine's message, when the database
     * cannot evaluate them (an expression it does not take outside its table).
     */
    bool holding(const QList<QHash<QString, QString>> &rows, const QStringList &checks, QList<int> *passing,
                 QString *error) const;

private:
    QSqlDatabase m_db;
    const Dialect &m_dialect;
    const Table &m_table;
    QHash<QString, QString> m_casts; // column -> type to CAST its literal to (PostgreSQL)
};

/**
 * Sample rows for a scratch database (verify, DESIGN.md §3 "Proof by execution"). Values come
 * from each column's type on the engine (ValueDomain): within integer ranges, numeric
 * precision, lengths and enum labels; primary and unique keys get distinct values (a key whose
 * types hold fewer combinations than rows gets fewer rows); NOT NULL columns always get one;
 * foreign keys point at rows the parent table holds (parents are loaded first); identity,
 * generated and sequence-filled columns are left to the database. Columns a CHECK mentions get
 * values the database itself found to satisfy it (CheckProbe). Rows the engine still refuses
 * are left out; a table that takes none is skipped, with the engine's reason.
 */
class SampleData
{
public:
    /** Table names of @p schema with every table after the tables its foreign keys reference. */
    static QStringList loadOrder(const Schema &schema);

    /**
     * Inserts up to @p rows rows into every table of @p schema; what each table took, and why a
     * table took fewer or none, is in @p load. False, with a message, only when the database
     * fails outside the rows (a transaction that cannot start). With @p oneStatementATable a
     * table's rows go first in one INSERT (one round trip); a table the engine refuses that for
     * goes again the careful way, as every table does without it: the same rows and notes.
     */
    static bool load(QSqlDatabase db, const Dialect &dialect, const Schema &schema, int rows, SampleLoad *load,
                     QString *error,
                     bool oneStatementATable = true);

    /**
     * The enum types the database itself declares (PostgreSQL: pg_enum of the current schema),
     * added to @p schema where it lacks them: a plan imported by a catalog reader that does not
     * read them still gets their labels.
     */
    static Schema withDatabaseEnums(QSqlDatabase db, const Dialect &dialect, const Schema &schema);

    /** The domain of @p column's values on @p dialect's engine. */
    static ValueDomain domainOf(const Column &column, const Schema &schema, const Dialect &dialect);
    /** True when the database fills @p column by itself (identity, generated, a sequence). */
    static bool filledByDatabase(const Column &column);

    /**
     * The values of @p columns in the rows of @p table (at most @p limit rows), as literals:
     * distinct combinations without NULLs (keys to point at), or with @p where (SQL) the rows
     * it selects as they are.
     */
    static QList<QStringList> keys(QSqlDatabase db, const Dialect &dialect, const Schema &schema, const QString &table,
                                   const QStringList &columns, int limit, const QString &where = {});
    /** An SQL literal of a value read back from the database, for a column of @p domain. */
    static QString literal(const ValueDomain &domain, const QVariant &value);
};

} // namespace Tideline
