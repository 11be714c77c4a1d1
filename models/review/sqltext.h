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

} // namespace SqlText

} // namespace Tideline
