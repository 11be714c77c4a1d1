// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/step.h>
#include <domain/plan.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace Tideline {

/**
 * One piece of a generated script: statements that run together, in the engine's own SQL.
 * Engines whose SQL can test the catalog (PostgreSQL DO blocks, T-SQL IF, MySQL prepared
 * statements) guard inside `sql`; SQLite cannot, so its units carry a `guard` query instead,
 * which the runner evaluates and the manifest records.
 */
struct ScriptUnit
{
    QString sql;
    /** A query that returns a row when the unit has already been applied; empty: none needed. */
    QString guard;
    /** False for statements that must run outside a transaction (online index builds,
     *  backfills that commit batch by batch). */
    bool transactional = true;
    /** True when `sql` contains user-written SQL (backfill or conversion expressions). */
    bool userSql = false;
};

/** What an operation costs the database, the basis of its estimate (review/estimate.h). */
enum class CostKind {
    MetadataOnly, // catalog change only: constant time
    Scan,         // reads every row once (VALIDATE CONSTRAINT, SET NOT NULL's check)
    IndexBuild,   // reads and sorts every row (CREATE INDEX, UNIQUE)
    Rewrite,      // copies the whole table (MySQL ALGORITHM=COPY, PostgreSQL volatile default)
    Backfill,     // updates every row, batch by batch
};

/** One engine's default costs; the figures and their sources are in docs/review.md. */
struct EngineCosts
{
    QString dialect;
    double ddlSeconds = 0.1;
    double backfillRowsPerSecond = 0;
    double scanRowsPerSecond = 0;
    double indexRowsPerSecond = 0;
    double rewriteRowsPerSecond = 0;
};

/**
 * How the applications that keep running fare while one schema operation runs on an engine:
 * what the dialect knows of its own SQL, so that the readiness review, the estimates and the
 * runbook never have to read the SQL text back. Ordered from harmless to worst.
 */
enum class Route {
    Undeclared, // nothing said: only an empty script (nothing to run) may leave it so
    Instant,    // metadata only: a short lock, no scan, no copy, whatever the table's size
    Online,     // long (a scan, an index build, a backfill) but reads and writes go on
    Blocking,   // writes (or reads) wait for the whole build, scan or copy
    Offline,    // needs a maintenance window (or is refused): `offline` is set, with the reason
};

/** "instant", "online", "blocking", "offline" ("undeclared"). */
QString routeName(Route route);

/**
 * The route of @p type's SQL where a dialect's case does not declare one: catalog-only
 * operations (renames, views, enum types and values, procedures, dropping a table) are Instant,
 * set_table_options without a copy runs in place (Online), and raw SQL, whose cost Tideline
 * cannot know, is Blocking; a case that copies or refuses declares itself (offline: Offline).
 */
Route defaultRoute(SchemaOp::Type type);

/**
 * The SQL of one schema operation and how it runs.
 *
 * The route contract — every dialect's script() keeps it, in every case of its switch over
 * SchemaOp::Type (tests/sql/tst_routes.cpp checks it over every fixture plan and every kind's
 * example on every engine):
 *  - a script with units declares its `route`: the worst any of its statements does to the
 *    running applications on this engine (an op that rebuilds the table is Blocking even if it
 *    only meant to add a column);
 *  - `offline` is true exactly when the route is Offline, and `offlineReason` then says why
 *    (the engine manual's reason, or "refused: …"); use setOffline();
 *  - `buildsIndex`: some statement builds or rebuilds an index of a table that exists (not one
 *    being created); the route is then the index build's route (PostgreSQL CONCURRENTLY,
 *    SQL Server ONLINE = ON, MySQL LOCK=NONE: Online; a plain build: Blocking);
 *  - `batched`: a backfill (Backfill, MoveBackfill) commits batch by batch (of the policy's
 *    backfillBatch rows) instead of updating every row in one transaction.
 * The lints (models/review/lints.cpp) judge these declarations, never the SQL text.
 */
struct OpScript
{
    QList<ScriptUnit> units;
    Route route = Route::Undeclared;
    bool buildsIndex = false;
    bool batched = false;
    bool offline = false;         // needs a maintenance window on this engine (route Offline)
    QString offlineReason;

    /** Route Offline, with the reason. */
    void setOffline(const QString &reason)
    {
        route = Route::Offline;
        offline = true;
        offlineReason = reason;
    }
    /** True when running applications wait for the op (Blocking or Offline). */
    bool blocks() const { return route == Route::Blocking || route == Route::Offline; }
};

/**
 * One SQL dialect: identifier quoting, type mapping, guards, batching, transactions and lock
 * settings for one engine (DESIGN.md §5). Every identifier that reaches SQL goes through
 * quoteIdentifier(); the only user text pasted in is a backfill or conversion expression, and
 * units that carry one say so.
 */
class Dialect
{
public:
    virtual ~Dialect() = default;

    /**
     * The registry: every engine Tideline generates SQL for, in the order menus, help texts and
     * error messages list them. Every other list of dialects derives from it. Not owned.
     */
    static const QList<const Dialect *> &all();
    /** The names of all(), as plan files spell them ("postgresql", "sqlite", …). */
    static QStringList names();
    /** The dialect for a plan's "dialect" value; nullptr when unknown. Not owned. */
    static const Dialect *forName(const QString &name);

    virtual QString name() const = 0;              // "postgresql", "sqlite", "sqlserver", "mysql"
    virtual QString title() const = 0;             // "PostgreSQL"
    virtual QString quoteIdentifier(const QString &identifier) const = 0;
    /** An SQL string literal holding @p text exactly. */
    virtual QString quoteString(const QString &text) const;
    /** The engine's spelling of a type written in the plan (PostgreSQL-flavoured). */
    virtual QString mapType(const QString &type) const = 0;

    /**
     * SQL for @p op, generated against @p before, the schema just before the op runs.
     * Every unit is re-runnable: run twice, the second run changes nothing and fails nothing.
     */
    virtual OpScript script(const SchemaOp &op, const Schema &before, const Policy &policy) const = 0;

    /** DDL that builds @p schema from nothing (the baseline bundle, scratch databases). */
    virtual QList<ScriptUnit> createSchema(const Schema &schema) const = 0;

    /** Session settings at the top of each script of @p phase (PostgreSQL: timeouts). */
    virtual QString preamble(const Policy &policy, Phase phase) const;

    /** Splits a script into the statements a client sends one by one. */
    virtual QStringList splitStatements(const QString &sql) const = 0;

    /**
     * Why @p name cannot be an identifier on this engine, or an empty string. The base refuses
     * empty names and control characters (Identifiers::problem); engines add their length limit.
     */
    virtual QString identifierProblem(const QString &name) const;

    /**
     * The last lines of a generated file's header: how the engine's own client runs the file as
     * it stands (and whether it may run inside a transaction: @p transactional), and what running
     * it again does. @p guard is the unit's guard query, when the engine needs one. What it says
     * must be true: the execution tests run every file twice in that client.
     */
    virtual QString runNote(bool transactional, const QString &guard) const;

    /** Comment syntax, for headers in generated files. */
    virtual QString comment(const QString &text) const;

    // Capabilities: what the engine does, asked by the review, the estimates, verify and the
    // editors instead of comparing dialect names.

    /** The engine's default cost figures for the estimates (docs/review.md). */
    virtual EngineCosts costs() const;
    /** True when a column default of @p defaultSql makes ADD COLUMN rewrite the table (or be
     *  refused): the base says so for volatile functions (random(), now() is not). */
    virtual bool isVolatileDefault(const QString &defaultSql) const;
    /** True when the engine changes @p from to @p to in place without rewriting the table. */
    virtual bool isMetadataOnlyTypeChange(const QString &from, const QString &to) const;
    /** True when every change of a table's definition (ADD COLUMN too) copies the table. */
    virtual bool rebuildsTableToAlter() const { return false; }
    /** True when changing a column's nullability copies the table (InnoDB). */
    virtual bool rebuildsTableForNullability() const { return false; }
    /** True when the whole database is one file the tools open directly (no server, no DSN
     *  credentials; verify runs it in a scratch file). */
    virtual bool isEmbedded() const { return false; }
    /** True when verify can run scripts on a scratch server of this engine it starts itself. */
    virtual bool hasScratchServer() const { return false; }
    /** True when the catalog keeps every object's DDL text as written (sqlite_master): a
     *  snapshot of the schema is one query. */
    virtual bool keepsDdlText() const { return false; }
    /** False when a column accepts values its declared type cannot hold (SQLite's type
     *  affinity): verify then watches for them. */
    virtual bool enforcesColumnTypes() const { return true; }
    /** True when the engine has named enum types of its own (CREATE TYPE … AS ENUM), which a
     *  live catalog lists apart from the tables. */
    virtual bool hasEnumTypes() const { return false; }
    /** True when a VALUES list of many rows plans faster than SELECTs joined by UNION ALL (and
     *  its columns can be named by an alias list). */
    virtual bool prefersValuesList() const { return false; }
    /** Literals of sample values (verify): bytes from hex digits, a boolean, a bit string. */
    virtual QString binaryLiteral(const QString &hex) const { return QStringLiteral("X'%1'").arg(hex); }
    virtual QString booleanLiteral(bool value) const { return value ? QStringLiteral("TRUE") : QStringLiteral("FALSE"); }
    virtual QString bitLiteral(const QString &bits) const { return QStringLiteral("b'%1'").arg(bits); }
    /** Column types the parameter editors offer first, in this engine's spelling. */
    virtual QStringList commonTypes() const = 0;

    /**
     * The key of an index on @p table, "a", "b" or "(lower(a))": an entry of @p entries that
     * names no column of the table is an expression (as the DDL importers and LiveCatalog
     * write them) and goes in parentheses, as written.
     */
    QString indexKey(const Table &table, const QStringList &entries) const;

protected:
    /** A type as "base(length, scale)": "varchar(40)" -> varchar, 40, -1. */
    struct TypeShape
    {
        QString base;
        int length = -1; // -1: none given
        int scale = -1;
        bool varchar = false; // varchar or character varying
    };
    /** False when @p type is not of that simple form. */
    static bool parseType(const QString &type, TypeShape *shape);
    /** True when an index, a unique key or the primary key of @p table covers @p column: a
     *  change that rebuilds the column rebuilds that index (OpScript::buildsIndex). */
    static bool isIndexed(const Table *table, const QString &column);

public:
    /** True when an entry of @p index names no column of @p table: it is an expression. */
    static bool hasExpression(const Table &table, const Index &index);
    /**
     * `<verb> <name> (<columns>) AS\n<query>` for @p view, without the statement's end:
     * @p name and @p baseTable are the view's and its base table's names as the engine writes
     * them (schema-qualified, quoted). The query is the view's SQL as written (on a line of its
     * own after a last line that holds a `--` comment), or for a view that passes a table
     * through without SQL of its own every column of that table.
     */
    QString viewStatement(const QString &verb, const View &view, const QString &name, const QString &baseTable) const;
};

} // namespace Tideline
