// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialect.h"

namespace Tideline {

/**
 * SQL Server 2016 SP1+: [bracket] identifiers in schema dbo, N'' strings, IF guards on
 * COL_LENGTH/OBJECT_ID/sys.*, one batch per unit ended by GO, WITH NOCHECK constraints checked
 * by a query afterwards, ONLINE = ON where the edition allows, WHILE-loop keyset backfills,
 * AFTER sync triggers. The .cpp explains each idiom; docs/sql-generation.md (## SQL Server)
 * explains the decisions.
 */
class SqlServerDialect final : public Dialect
{
public:
    QString name() const override { return QStringLiteral("sqlserver"); }
    QString title() const override { return QStringLiteral("SQL Server"); }
    QString quoteIdentifier(const QString &identifier) const override;
    QString mapType(const QString &type) const override;
    OpScript script(const SchemaOp &op, const Schema &before, const Policy &policy) const override;
    QList<ScriptUnit> createSchema(const Schema &schema) const override;
    QStringList splitStatements(const QString &sql) const override;
    QString identifierProblem(const QString &name) const override;
    static constexpr int MaxIdentifierLength = 128; // UTF-16 code units (sysname is nvarchar(128))
    /** The longest comment an extended property holds: 7,500 bytes of nvarchar. */
    static constexpr int MaxCommentLength = 3750;
    QString quoteString(const QString &text) const override;
    QString preamble(const Policy &policy, Phase phase) const override;
    QString runNote(bool transactional, const QString &guard) const override;
    bool isMetadataOnlyTypeChange(const QString &from, const QString &to) const override;
    QStringList commonTypes() const override;
    QString binaryLiteral(const QString &hex) const override { return QStringLiteral("0x") + hex; }
    QString booleanLiteral(bool value) const override { return value ? QStringLiteral("1") : QStringLiteral("0"); }

    /**
     * @p sql made safe for sqlcmd: no line of it is read as an sqlcmd command (GO, EXIT, QUIT,
     * ED, RESET, :…, !!, ON ERROR) and no `$(` starts a scripting variable. Inside a string
     * literal such a line is broken with T-SQL's line continuation (backslash + line feed, which
     * the server removes), so the value stays byte for byte. Anywhere else it cannot be
     * rewritten: @p problem says why and the result is empty.
     */
    static QString sqlcmdSafe(const QString &sql, QString *problem);
    /** True when @p line would be read by sqlcmd as one of its commands. */
    static bool isSqlcmdCommand(const QString &line);

private:
    OpScript render(const SchemaOp &op, const Schema &before, const Policy &policy) const;
    /** An op SQL Server cannot run: offline, and its one batch raises @p reason. */
    OpScript refusal(const QString &reason) const;
    QString table(const QString &name) const; // [dbo].[name]
    QString objectId(const QString &table) const;
    QString schemaObject(const QString &name) const; // N'[dbo].[name]'
    QString columnExists(const QString &table, const QString &column) const;
    QString defaultName(const QString &table, const QString &column) const;
    QString constraintName(const QString &table, const Constraint &constraint) const;
    QString columnDefinition(const QString &table, const Column &column, bool withDefault,
                             const QMap<QString, EnumType> &enums = {}) const;
    QString enumCheckName(const QString &table, const QString &column) const;
    Constraint enumConstraint(const QString &table, const QString &column, const EnumType &type) const;
    QString enumTypeName(const EnumType &type) const;
    QString constraintDefinition(const QString &table, const Constraint &constraint) const;
    QString indexDefinition(const Table &table, const Index &index, bool online) const;
    QString indexProblem(const Table &table, const Index &index) const;
    QString ifBlock(const QString &condition, const QString &body) const;
    QString dynamic(const QString &sql) const;
    QString dropDefault(const QString &table, const QString &column) const;
    QString dropConstraintSql(const QString &table, const QString &name) const;
    QString dropIndexSql(const QString &table, const QString &name) const;
    QString commentSql(const QString &table, const QString &column, const QString &text) const;
    QString validation(const QString &table, const Constraint &constraint) const;
    QString triggerName(const QString &table, const QString &column) const;
    QString syncTrigger(const Table &table, const SyncTrigger &sync) const;
    QString batchLoop(const Table &table, const QString &pending, const QString &body, int size,
                      QString *keyGuard) const;
    OpScript swap(const SchemaOp &op, const Schema &before) const;
    /** @p verb ("CREATE VIEW", "CREATE OR ALTER VIEW") @p view with its column list; a view
     *  that passes a table through without a definition of its own selects its columns. */
    QString viewStatement(const QString &verb, const View &view) const;
    QList<ScriptUnit> createTable(const Table &table, bool withForeignKeys,
                                  const QMap<QString, EnumType> &enums) const;
};

} // namespace Tideline
