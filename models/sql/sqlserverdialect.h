// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialect.h"

namespace Tideline {

/**
 * SQL Server 2016 SP1+: [bracket] identifiers in schema dbo, N'' strings, IF guards on
 * COL_LENGTH/OBJECT_ID/sys.*, one batch per unit ended by GO, WITH NOCHECK constraints trusted
 * afterwards, ONLINE = ON where the edition allows, WHILE-loop keyset backfills. The .cpp
 * explains each idiom.
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
    static constexpr int MaxIdentifierLength = 128; // characters
    QString quoteString(const QString &text) const override;
    QString preamble(const Policy &policy, Phase phase) const override;

private:
    QString table(const QString &name) const; // [dbo].[name]
    QString objectId(const QString &table) const;
    QString defaultName(const QString &table, const QString &column) const;
    QString columnDefinition(const QString &table, const Column &column, bool withDefault) const;
    QString constraintDefinition(const Constraint &constraint) const;
    QString ifBlock(const QString &condition, const QString &body) const;
    QString dropDefault(const QString &table, const QString &column) const;
    QString dropCovering(const Table &table, const QString &column) const;
    QString triggerName(const QString &table, const QString &column) const;
    QString batchLoop(const Table &table, const QString &pending, const QString &body, int size) const;
    QList<ScriptUnit> createTable(const Table &table, bool withForeignKeys) const;
};

} // namespace Tideline
