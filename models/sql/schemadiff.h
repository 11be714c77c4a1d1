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
 * nullable, default, primary_key, missing_index, extra_index, index_name, missing_constraint,
 * extra_constraint; @c object names what differs ("orders", "orders.total", "orders index
 * (customer_id)"); @c expected and @c actual describe both sides (empty where there is none).
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
 * one LiveCatalog read from a database of @p dialect.
 *
 * Rules, for every engine:
 * - tables and views by name; columns by name (their order is not compared);
 * - types after normalizeType() of both sides, or after the dialect's mapType() of the expected
 *   one or of both: the same column is created for them (a plan's `boolean` is `tinyint(1)` on
 *   MySQL; `timestamptz` and the `timestamp` LiveCatalog reads for DATETIME(6) are both
 *   DATETIME(6) there); the types of two identity columns
 *   are not compared (the engine picks the integer: SQLite's rowid, MySQL's INT); on mysql,
 *   UNSIGNED, a character set other than utf8mb4 and a collation other than its default are part
 *   of the type as LiveCatalog reads it (`integer unsigned`, `varchar(40) character set latin1`),
 *   so they are drift against a plan that does not say them;
 * - nullability; SQLite's rowid alias (INTEGER PRIMARY KEY) counts as NOT NULL on both sides,
 *   as it is;
 * - defaults after normalizeDefault(); not compared on identity or generated columns;
 * - the primary key as an ordered column list;
 * - indexes by columns and uniqueness; a match under another name is an `index_name`
 *   difference (later scripts drop indexes by name);
 * - UNIQUE constraints by columns, FOREIGN KEYs by columns and referenced table and columns,
 *   CHECK constraints by name. Constraint names are otherwise not compared.
 *
 * What an engine cannot report is not compared: unnamed CHECKs are skipped (engines invent
 * their names; SQLite keeps none, LiveCatalog reads its CHECKs from the CREATE TABLE text).
 */
class SchemaDiff
{
public:
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
     * A default's SQL text reduced for comparison: outer parentheses and trailing casts
     * (`'x'::character varying`) dropped, keywords lower-cased, now()/current_timestamp()
     * as current_timestamp, true/false as 1/0, numbers (quoted or not) in one form.
     */
    static QString normalizeDefault(const QString &value, const QString &dialect);
};

} // namespace Tideline
