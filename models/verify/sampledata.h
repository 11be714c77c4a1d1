// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace Tideline {

class Dialect;

/**
 * Typed sample values and rows for a scratch database (verify, DESIGN.md §3 "Proof by
 * execution"). Values come from the column's type as the plan writes it; primary and unique
 * keys get distinct values, NOT NULL columns always get one, foreign keys point at rows the
 * parent table holds (parents are loaded first), identity and generated columns are left to
 * the database.
 */
class SampleData
{
public:
    /** How wide a value is: Sample fits any row; Widest fills the type (the longest string,
     *  the largest number), as an application that uses the whole type would write. */
    enum class Width { Sample, Widest };

    /** An SQL literal of @p type for value number @p n (n >= 1; distinct n give distinct values
     *  where the type allows). */
    static QString literal(const Dialect &dialect, const QString &type, qint64 n, Width width = Width::Sample);
    /** An SQL literal for a value read back from the database (keys of parent rows). */
    static QString literal(const Dialect &dialect, const QVariant &value);

    /** Table names of @p schema with every table after the tables its foreign keys reference. */
    static QStringList loadOrder(const Schema &schema);

    /** Inserts @p rows rows into every table of @p schema. False with the engine's message. */
    static bool load(QSqlDatabase db, const Dialect &dialect, const Schema &schema, int rows, QString *error);

    /** The values of @p columns in the rows of @p table (at most @p limit rows), as literals. */
    static QList<QStringList> keys(QSqlDatabase db, const Dialect &dialect, const QString &table,
                                   const QStringList &columns, int limit);
};

} // namespace Tideline
