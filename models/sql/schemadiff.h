// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>

#include <QList>
#include <QString>

namespace Tideline {

/**
 * One way a live database differs from the schema the plan expects there. @c kind is one of
 * missing_table, extra_table, missing_view, extra_view, missing_column, extra_column, type,
 * nullable, default, identity, generated, collation, charset, comment, primary_key,
 * missing_index, extra_index, index_name, index_definition, missing_constraint,
 * extra_constraint, constraint_definition, missing_trigger, extra_trigger,
 * missing_sync_trigger, table_option, missing_sequence, extra_sequence, sequence,
 * missing_enum, extra_enum, enum; @c object names what differs ("orders", "orders.total",
 * "orders index (customer_id)"); @c expected and @c actual describe both sides (empty where
 * there is none).
 */
struct SchemaDifference
{
    QString kind;
    QString object;
    QString expected;
    QString actual;

    /** One line: "type orders.total: expected numeric(12,2), actual integer". */
    QString toString() const;
    bool operator==(const SchemaDifference &other) const;
};

/**
 * Compares a schema the plan expects (a state of the engine, with the plan's own types) with
 * one LiveCatalog read from a database of @p dialect: every field of the model, each as the
 * engine holds it, so that a database built by Tideline's own scripts shows no difference and
 * any change made outside them does.
 *
 * Tables, views, sequences and enum types by name; columns by name (their order is not
 * compared), with:
 * - types after normalizeType() of both sides, or after the dialect's mapType() of the expected
 *   one or of both (a plan's `boolean` is `tinyint(1)` on MySQL); on mysql a column's
 *   `character set`/`collate` written into its type counts as its charset and collation;
 *   the types of two identity columns are not compared (the engine picks the integer);
 * - nullability (SQLite's rowid alias is NOT NULL on both sides, as it is);
 * - defaults after normalizeDefault(); not compared on identity or generated columns;
 * - identity: whether the database fills the column, and how as far as the engine tells
 *   (PostgreSQL: by default, always, a serial's sequence; SQLite: rowid or AUTOINCREMENT);
 * - generated columns: the expression after normalizeExpression(), stored or virtual (not on
 *   PostgreSQL, where all are stored);
 * - collation (not on SQL Server), character set (MySQL), comment (not on SQLite): empty means
 *   the default on both sides (on MySQL utf8mb4 and its default collations);
 * - the primary key as an ordered column list;
 * - indexes by name, columns (expressions normalized) and uniqueness, then their partial
 *   predicate and INCLUDE (PostgreSQL, SQLite), prefix lengths (MySQL), order and access
 *   method; a match under another name is an `index_name` difference. On MySQL a UNIQUE
 *   constraint is a unique index: both sides are compared as unique indexes;
 * - UNIQUE constraints by columns; FOREIGN KEYs by columns and referenced table and columns,
 *   then their ON DELETE/ON UPDATE actions (MySQL: RESTRICT is NO ACTION) and, on PostgreSQL
 *   and SQLite, DEFERRABLE; CHECKs by name, an unnamed one by its normalized expression, and
 *   a named one's expression;
 * - user triggers by name; Tideline's sync triggers (tideline_sync_*) are never extra, and
 *   each one the state has must be there (Table::syncs by target, or a trigger named after the
 *   target) — when the live schema shows any sync trigger at all, that is when its reader
 *   reads them;
 * - table options: comment (not SQLite), storage engine, character set and collation (MySQL),
 *   WITHOUT ROWID (SQLite);
 * - sequences (PostgreSQL) by name, type, start, increment and owner; enum types (PostgreSQL)
 *   by name and labels in order.
 */
/** A table of a live database that drift leaves out of the comparison, and why. */
struct IgnoredTable
{
    QString name;
    QString reason; // "Flyway's schema history", "--ignore-table audit_*"
};

class SchemaDiff
{
public:
    /**
     * The tables migration runners keep their own history in, next to the application's
     * tables: Flyway's flyway_schema_history (schema_version before Flyway 5) and Liquibase's
     * databasechangelog and databasechangeloglock, with the tool's name. Sqitch keeps its
     * registry in a schema (PostgreSQL), database (MySQL) or file (SQLite) of its own, which
     * the live catalog does not read.
     */
    static QList<IgnoredTable> runnerHistoryTables();
    /**
     * Removes from @p live the tables drift must not report as extra: the runners' history
     * tables (when @p runnerTables) and those matching one of @p patterns (shell wildcards,
     * "audit_*"), both without regard to case. A table @p expected has is always compared.
     * Returns what it removed, by name.
     */
    static QList<IgnoredTable> removeIgnored(const Schema &expected, Schema *live,
                                             const QStringList &patterns, bool runnerTables);

    static QList<SchemaDifference> compare(const Schema &expected, const Schema &actual,
                                           const QString &dialect);
    /**
     * A type reduced to one spelling per meaning: "character varying(255)" and "VARCHAR(255)"
     * are "varchar(255)"; int/int4/integer "integer"; int8 "bigint"; decimal "numeric";
     * bool "boolean"; on mysql also tinyint(1) "boolean", display widths (int(11)) dropped,
     * so "int(10) unsigned" is "integer unsigned" and "mediumint(8)" is "mediumint".
     */
    static QString normalizeType(const QString &type, const QString &dialect);
    /**
     * A default's SQL text reduced for comparison: normalizeExpression(), with a quoted number
     * read as the number, now()/current_timestamp() as current_timestamp, true/false as 1/0
     * and NULL as no default.
     */
    static QString normalizeDefault(const QString &value, const QString &dialect);
    /**
     * An SQL expression reduced to what it means as far as engines print it differently:
     * identifiers unquoted and lower case, casts (`::integer`, `CAST(x AS int)`) and
     * parentheses dropped, numbers in one form, `x = ANY (ARRAY['a', 'b'])` as `x IN ('a', 'b')`,
     * `x BETWEEN a AND b` as `x >= a AND x <= b`, `~~` as LIKE, `!=` as `<>`; string literals
     * stay as written. So `(random()*1000)::int` and PostgreSQL's
     * `((random() * (1000)::double precision))::integer` are one expression.
     */
    static QString normalizeExpression(const QString &sql, const QString &dialect);
};

} // namespace Tideline
