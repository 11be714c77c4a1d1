// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/step.h>

#include <QList>
#include <QString>

namespace Tideline {

class Dialect;
struct Policy;
struct ScriptUnit;

/**
 * The scripts a migration runner needs beside a step's own SQL (sqitch's verify and revert):
 * checks that read the engine's catalog and stop the client with an error that names what is
 * missing, and the real reverse of a step where it has one. Every check and every refusal is
 * SQL the engine's own client runs (psql, sqlite3 -bail, mariadb), so "ok" is what the
 * database said.
 */
namespace RunnerScripts {

/** SQL that stops the engine's client with an error naming @p message unless @p query
 *  returns a row. */
QString requireRow(const Dialect &dialect, const QString &query, const QString &message);
/** SQL that stops the engine's client with an error naming @p message, always. */
QString fail(const Dialect &dialect, const QString &message);

/**
 * Checks (SQL, one per fact) that @p op has taken effect: the columns, tables, indexes and
 * constraints it made exist (and those it dropped do not), a backfill left no row to fill.
 * @p after is the schema once @p op ran; @p guards are the "already applied" queries of the
 * op's units, used where the catalog check of its kind is not known here. Empty when nothing
 * in the database shows the op (a raw SQL step without a guard).
 */
QStringList verifyChecks(const Dialect &dialect, const SchemaOp &op, const Schema &after,
                         const QStringList &guards);

/**
 * The op that undoes @p op, given the schema @p before it ran; false with @p why (a sentence
 * that starts after "cannot revert: ") when it has none (a drop loses data, a rename that
 * leaves a compatibility view, raw SQL). @p isNothing is set when undoing needs no SQL (a
 * backfill: its values go with the column that the expand's revert drops).
 */
bool inverse(const SchemaOp &op, const Schema &before, SchemaOp *undo, bool *isNothing, QString *why);

} // namespace RunnerScripts

} // namespace Tideline
