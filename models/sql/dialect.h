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

/** The SQL of one schema operation, or why this engine cannot run it online. */
struct OpScript
{
    QList<ScriptUnit> units;
    bool offline = false;         // needs a maintenance window on this engine
    QString offlineReason;
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

    /**
     * The key of an index on @p table, "a", "b" or "(lower(a))": an entry of @p entries that
     * names no column of the table is an expression (as the DDL importers and LiveCatalog
     * write them) and goes in parentheses, as written.
     */
    QString indexKey(const Table &table, const QStringList &entries) const;
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
