// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialect.h"

namespace Tideline {

/**
 * SQLite (3.35 or later): double-quoted identifiers, sqlite.org's table rebuild for every change
 * ALTER TABLE cannot make conditionally, files that run as they stand in `sqlite3 -bail` (twice,
 * the second run changing nothing), guards that `tideline-cli apply` evaluates to skip work, and
 * one-statement backfills. See the .cpp for the procedure and docs/sql-generation.md for why.
 */
class SqliteDialect final : public Dialect
{
public:
    QString name() const override { return QStringLiteral("sqlite"); }
    QString title() const override { return QStringLiteral("SQLite"); }
    QString quoteIdentifier(const QString &identifier) const override;
    QString mapType(const QString &type) const override;
    OpScript script(const SchemaOp &op, const Schema &before, const Policy &policy) const override;
    QList<ScriptUnit> createSchema(const Schema &schema) const override;
    QStringList splitStatements(const QString &sql) const override;
    QString preamble(const Policy &policy, Phase phase) const override;
    QString runNote(bool transactional, const QString &guard) const override;
    /** SQLite copies the table for ADD COLUMN too (so that a second run changes nothing) and
     *  refuses a non-constant default. */
    bool isVolatileDefault(const QString &defaultSql) const override;
    bool rebuildsTableToAlter() const override { return true; }
    bool isEmbedded() const override { return true; }
    bool keepsDdlText() const override { return true; }
    bool enforcesColumnTypes() const override { return false; }
    QString booleanLiteral(bool value) const override { return value ? QStringLiteral("1") : QStringLiteral("0"); }
    QStringList commonTypes() const override;

    /** The CREATE TABLE statement of @p table under @p name (the table's own when empty). */
    QString createTable(const Table &table, const QString &name, bool ifNotExists) const;
    /** A declared type as the catalog readers write it: lower case, single-spaced, no space
     *  inside brackets or after commas ("numeric(10,2)"). */
    static QString normalizeType(const QString &declared);
    /** A column default in SQLite's spelling (PostgreSQL casts and now() translated). */
    static QString mapDefault(const QString &defaultValue);
    /** Names of the two triggers a sync trigger of @p column of @p table is made of: the
     *  INSERT one, then the UPDATE one. */
    static QStringList syncTriggerNames(const QString &table, const QString &column);
    /**
     * The two CREATE TRIGGER statements of @p sync on @p table (INSERT, UPDATE), without a final
     * ';', exactly as SQLite stores them in sqlite_schema: the catalog readers recognise
     * Tideline's sync triggers by comparing with these.
     */
    QStringList syncTriggerSql(const Table &table, const SyncTrigger &sync) const;
    /** True when @p definition is a CREATE TRIGGER statement SQLite compiles for @p table (a
     *  trigger a schema from another engine carries is not). */
    bool isSqliteTrigger(const Table &table, const QString &definition) const;
};

} // namespace Tideline
