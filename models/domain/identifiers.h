// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tideline {

/**
 * Rules for the names that reach SQL, shared by validation and by every place that makes a name
 * up (shadow columns, copied indexes and constraints, sync triggers).
 */
namespace Identifiers {

/** The longest name every engine keeps as written: PostgreSQL's NAMEDATALEN - 1 bytes. MySQL
 *  allows 64 characters, SQL Server 128, SQLite any length, so a name this long fits all. */
constexpr int PortableBytes = 63;

/**
 * Why @p name cannot be a name, or an empty string: it is empty, or holds a control character
 * (a line break would end a `--` comment a script writes it into; a NUL ends the statement in
 * some clients), or a line or paragraph separator.
 */
QString problem(const QString &name);

/**
 * @p name when its UTF-8 form has at most @p maxBytes bytes; otherwise a deterministic
 * shortening: cut at a character boundary, then `_` and eight hex digits of the SHA-1 of the
 * whole name, so two long names that share a beginning stay apart and the same name always
 * gives the same result.
 */
QString fit(const QString &name, int maxBytes = PortableBytes);

/** @p base + @p suffix, fitted (the suffix is kept whole when the base is cut). */
QString derive(const QString &base, const QString &suffix, int maxBytes = PortableBytes);

} // namespace Identifiers

} // namespace Tideline
