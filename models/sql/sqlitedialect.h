// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialect.h"

namespace Tideline {

/**
 * SQLite (3.35 or later): double-quoted identifiers, guards evaluated by the runner (SQLite
 * has no procedural IF), the documented table rebuild for every change ALTER TABLE cannot
 * make, and one-statement backfills (see the .cpp for why they are not batched).
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

    /** The CREATE TABLE statement of @p table under @p name (the table's own when empty). */
    QString createTable(const Table &table, const QString &name, bool ifNotExists) const;
    /** A column default in SQLite's spelling (PostgreSQL casts and now() translated). */
    static QString mapDefault(const QString &defaultValue);
    /** Names of the two triggers AddSyncTrigger creates for @p column of @p table. */
    static QStringList syncTriggerNames(const QString &table, const QString &column);
};

} // namespace Tideline
