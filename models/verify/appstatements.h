// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>
#include <engine/usage.h>

#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

namespace Tideline {

class Dialect;

/** One statement an application version would send. */
struct AppStatement
{
    QString table;
    QString action; // "select", "insert" or "update"
    QString sql;
    /** Why the statement is not run (a table without sample rows, a value no CHECK admits);
     *  empty: it runs. */
    QString skipped;
    /** Constraint keys (Constraint::key()) the statement was meant to break, as the application
     *  does not honour them, but for which no value breaking them was found: the statement cannot
     *  show their failure. */
    QSet<QString> unbroken;
};

/**
 * The statements an application version sends, generated from its usage for one schema state
 * (verify, DESIGN.md §3): per table or view a SELECT of the columns it reads, an INSERT of the
 * columns it inserts and an UPDATE of one existing row's columns it updates. They test what the
 * static rule checks and nothing more:
 *
 * - written values have the type the application knows (the narrowest of its write types), at
 *   its widest: the INSERT writes the largest numbers and the longest strings, the UPDATE the
 *   most negative numbers; an unbounded type writes longer strings than the column, or a sync
 *   trigger's target, holds; so a column narrowed under the application rejects them;
 * - a column the application does not declare to honour NOT NULL on, and that the state has
 *   NOT NULL, gets NULL; a foreign key it does not honour gets a key no parent has; a unique key
 *   it does not honour gets a value a row already holds; a CHECK it does not honour gets a value
 *   the database finds breaks it; honoured ones get valid values (a parent's key, a fresh unique
 *   value, a value the database finds satisfies the CHECK);
 * - primary-key columns an UPDATE sets keep their value (`c = c`), so children stay valid.
 *
 * Existing rows (the row to update, parent keys, values to duplicate) are read from @p db.
 * Writes into tables listed in @p skipped (no sample rows) are skipped with that reason.
 * Identifiers are quoted by the dialect.
 */
class AppStatements
{
public:
    static QList<AppStatement> generate(const AppUsage &usage, const Schema &state, const Dialect &dialect,
                                        QSqlDatabase db, const QMap<QString, QString> &skipped = {});
};

} // namespace Tideline
