// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Tideline {

/**
 * A small reader of SQL expressions written in a plan (defaults, backfill and conversion
 * expressions): enough to tell a plain expression over columns and pure functions from one
 * the review cannot vouch for. String literals and quoted identifiers are skipped.
 */
namespace SqlText {

/** Lower-case names of the functions @p sql calls ("lower", "random"). */
QStringList functionCalls(const QString &sql);
/** Functions whose value changes per row or per call (PostgreSQL, MySQL, SQL Server, SQLite). */
bool isVolatileFunction(const QString &name);
/**
 * True when @p expression is made only of literals, column names, operators and known pure
 * functions. Otherwise @p why says what the review cannot prove (a sub-query, a statement
 * separator, a volatile or unknown function).
 */
bool isProvablySafe(const QString &expression, QString *why);
/**
 * Of @p candidates (table names), those @p sql names as an identifier, in the order they first
 * appear: plain names case-insensitively, quoted ones ("x", `x`, [x]) exactly; string
 * literals and comments are skipped. A schema prefix (public.t) names t.
 */
QStringList namesIn(const QString &sql, const QStringList &candidates);

} // namespace SqlText

} // namespace Tideline
