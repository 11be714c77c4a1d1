// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialect.h"

namespace Tideline {

/**
 * MySQL 8.0.29+ and MariaDB 10.11: backtick identifiers, information_schema guards run through
 * PREPARE/EXECUTE, online DDL clauses, backfills as a temporary keyset-loop procedure. The .cpp
 * explains each idiom.
 */
class MySqlDialect final : public Dialect
{
public:
    QString name() const override { return QStringLiteral("mysql"); }
    QString title() const override { return QStringLiteral("MySQL/MariaDB"); }
    QString quoteIdentifier(const QString &identifier) const override;
    QString mapType(const QString &type) const override;
    OpScript script(const SchemaOp &op, const Schema &before, const Policy &policy) const override;
    QList<ScriptUnit> createSchema(const Schema &schema) const override;
    QStringList splitStatements(const QString &sql) const override;
    QString identifierProblem(const QString &name) const override;
    static constexpr int MaxIdentifierLength = 64; // characters
    QString quoteString(const QString &text) const override;
    QString preamble(const Policy &policy, Phase phase) const override;

private:
    QString table(const QString &name) const;
    QString columnDefinition(const Column &column) const;
    QString constraintDefinition(const Constraint &constraint) const;
    /** @p ddl run through PREPARE when `EXISTS (@p exists)` is @p runWhenExists, else `DO 0`. */
    QString guarded(const QString &exists, bool runWhenExists, const QString &ddl) const;
    QString columnExists(const QString &table, const QString &column, const QString &extra = {}) const;
    QString constraintExists(const QString &table, const QString &name, const QString &type) const;
    QString indexExists(const QString &table, const QString &name) const;
    QString triggerName(const QString &table, const QString &column, const QString &event) const;
    QString batchProcedure(const Table &table, const QString &pending, const QString &body, int batch) const;
    QList<ScriptUnit> createTable(const Table &table, bool withForeignKeys) const;
};

} // namespace Tideline
