// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialect.h"

namespace Tideline {

/**
 * MySQL 8.0.29+ and MariaDB 10.11: backtick identifiers, information_schema guards run through
 * PREPARE/EXECUTE, online DDL clauses, backfills as a temporary keyset-loop procedure, compound
 * statements between DELIMITER lines so that the `mysql`/`mariadb` client runs every file as it
 * stands. The .cpp explains each idiom.
 */
class MySqlDialect final : public Dialect
{
public:
    QString name() const override { return QStringLiteral("mysql"); }
    QString title() const override { return QStringLiteral("MySQL/MariaDB"); }
    QString quoteIdentifier(const QString &identifier) const override;
    QString mapType(const QString &type) const override;
    /** A column type as MySQL's catalog writes it (column_type: int(11), decimal(10,2),
     *  enum('a','b')) in the spelling plans use, the inverse of mapType() where it has one. */
    static QString planType(const QString &columnType);
    OpScript script(const SchemaOp &op, const Schema &before, const Policy &policy) const override;
    QList<ScriptUnit> createSchema(const Schema &schema) const override;
    /** Splits a script the way the `mysql` client does: at the current delimiter, outside
     *  quotes and comments; `DELIMITER x` lines change the delimiter and are not sent. */
    QStringList splitStatements(const QString &sql) const override;
    /** Where the quoted text that opens at @p at ('…', "…" or `…`) closes: the index of its
     *  closing quote (doubled quotes, and backslash escapes outside backticks, skipped), or the
     *  end of @p sql when it does not close. */
    static int closingQuote(const QString &sql, int at);
    QString identifierProblem(const QString &name) const override;
    /** MySQL copies the table for any expression default. */
    bool isVolatileDefault(const QString &defaultSql) const override;
    bool isMetadataOnlyTypeChange(const QString &from, const QString &to) const override;
    bool rebuildsTableForNullability() const override { return true; }
    bool hasScratchServer() const override { return true; }
    QStringList commonTypes() const override;
    static constexpr int MaxIdentifierLength = 64; // characters
    /** The prefix, in characters, given to a TEXT/BLOB column in a non-unique index that does
     *  not say one: MySQL cannot index such a column whole (ERROR 1170). 191 characters of
     *  utf8mb4 fit the 767-byte key limit of every row format. */
    static constexpr int TextKeyPrefix = 191;
    /** The comment that marks a unique index made as an index (not as a UNIQUE constraint), so
     *  that the live catalog and the DDL importer read it back as the model holds it. */
    static QString uniqueIndexMarker() { return QStringLiteral("tideline:index"); }
    QString quoteString(const QString &text) const override;
    QString preamble(const Policy &policy, Phase phase) const override;
    QString runNote(bool transactional, const QString &guard) const override;

private:
    QString table(const QString &name) const;
    QString columnType(const Column &column, const Schema &schema) const;
    QString columnDefinition(const Column &column, const Schema &schema) const;
    QString keyParts(const Table &table, const Index &index, bool unique, QString *refusal) const;
    QString indexDefinition(const Table &table, const Index &index, QString *refusal) const;
    QString constraintDefinition(const Constraint &constraint, const Table *table, QString *refusal) const;
    /** @p ddl run through PREPARE when `EXISTS (@p exists)` is @p runWhenExists, else `DO 0`. */
    QString guarded(const QString &exists, bool runWhenExists, const QString &ddl) const;
    /** @p ddl run through PREPARE when the SQL condition @p condition holds, else `DO 0`. */
    QString guardedIf(const QString &condition, const QString &ddl) const;
    /** A compound statement (BEGIN … END) between DELIMITER lines, for the client. */
    QString compound(const QStringList &statements) const;
    /** A unit that stops the client with @p reason: what Tideline cannot render on MySQL. */
    ScriptUnit refusal(const QString &reason) const;
    /** Stops the script, changing nothing, while foreign key @p fk of @p tableName (not added
     *  yet) has rows whose parent does not exist. */
    QString orphanCheck(const QString &tableName, const Constraint &fk, const Schema &before) const;
    QString columnExists(const QString &table, const QString &column, const QString &extra = {}) const;
    QString hasType(const QString &table, const QString &column, const QString &mapped) const;
    QString constraintExists(const QString &table, const QString &name, const QString &type) const;
    QString indexExists(const QString &table, const QString &name) const;
    QString triggerName(const Table &table, const SyncTrigger &sync, const QString &event) const;
    QString syncTriggers(const Table &table, const SyncTrigger &sync) const;
    QString dropSyncTriggers(const Table &table, const SyncTrigger &sync) const;
    /** True when @p table has the single-column primary key a batch loop walks. */
    static bool hasBatchKey(const Table &table);
    QString batchProcedure(const Table &table, const QStringList &required, const QString &pending,
                           const QString &body, int batch) const;
    QList<ScriptUnit> createTable(const Table &table, const Schema &schema, bool withForeignKeys) const;
    /** @p verb ("CREATE VIEW", "CREATE OR REPLACE VIEW") @p view with its column list; a view
     *  that passes a table through without a definition of its own selects its columns. */
    QString viewStatement(const QString &verb, const View &view) const;
    /** SQL: the columns of table or view @p relation in order, one name a line (NULL when it does
     *  not exist). */
    QString columnList(const QString &relation) const;
    /** SQL: a row while @p table is a base table (not a view). */
    QString baseTableExists(const QString &table) const;
};

} // namespace Tideline
