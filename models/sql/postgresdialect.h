// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialect.h"

namespace Tideline {

/**
 * PostgreSQL (11 and later; 12+ for the scan-free SET NOT NULL): see the .cpp for the engine's
 * idioms (DO-block guards on pg_catalog, NOT VALID + VALIDATE, CREATE INDEX CONCURRENTLY,
 * keyset backfills that COMMIT between batches) and docs/sql-generation.md for the reasons.
 */
class PostgresDialect final : public Dialect
{
public:
    QString name() const override { return QStringLiteral("postgresql"); }
    QString title() const override { return QStringLiteral("PostgreSQL"); }
    QString quoteIdentifier(const QString &identifier) const override;
    /** '…' with ' doubled; E'…' with \ doubled too when the text holds a backslash, so the
     *  literal means the same whatever standard_conforming_strings is. */
    QString quoteString(const QString &text) const override;
    QString mapType(const QString &type) const override;
    OpScript script(const SchemaOp &op, const Schema &before, const Policy &policy) const override;
    QList<ScriptUnit> createSchema(const Schema &schema) const override;
    QString preamble(const Policy &policy, Phase phase) const override;
    QStringList splitStatements(const QString &sql) const override;
    QString identifierProblem(const QString &name) const override;
    QString runNote(bool transactional, const QString &guard) const override;
    bool isMetadataOnlyTypeChange(const QString &from, const QString &to) const override;
    bool hasScratchServer() const override { return true; }
    bool hasEnumTypes() const override { return true; }
    bool prefersValuesList() const override { return true; }
    QString binaryLiteral(const QString &hex) const override { return quoteString(QStringLiteral("\\x") + hex); }
    QString bitLiteral(const QString &bits) const override { return QStringLiteral("B'%1'").arg(bits); }
    QStringList commonTypes() const override;

    static constexpr int MaxIdentifierBytes = 63; // NAMEDATALEN - 1
    /** @p name cut to PostgreSQL's 63-byte identifier limit (NAMEDATALEN - 1) on a character
     *  boundary, so a guard compares the name the server really stores. */
    static QString limitName(const QString &name);
    /** The trigger and the function that keep @p table.@p column filled (SyncTrigger). The
     *  function's name carries a hash of both, since functions share one namespace. */
    static QString syncTriggerName(const QString &table, const QString &column);
    static QString syncFunctionName(const QString &table, const QString &column);
    /** The start of the comment a sync trigger's function carries; the JSON of the SyncTrigger
     *  follows, so that LiveCatalog reads Table::syncs back. */
    static QString syncCommentPrefix() { return QStringLiteral("tideline sync "); }
    /** @p text with every line that starts outside a string literal, quoted identifier,
     *  dollar-quoted body or block comment indented by @p depth * 4 spaces: user text inside
     *  literals reaches the server byte for byte. */
    static QString indent(const QString &text, int depth = 1);
};

} // namespace Tideline
