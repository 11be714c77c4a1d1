// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What tst_serverplan and bench_serverplan share (issue 16): the throwaway PostgreSQL of
// ./test.sh (TIDELINE_TEST_PG_DSN), a storage schema of the run's own, plan locations in it, an
// admin connection to read the server's own tables, and the clean-up of every schema and role
// the run made.
#include <sql/connection.h>

#include <QDebug>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace Tideline::Tests {

class ServerFixture
{
public:
    /** False with @p skip saying why when there is no server to use; otherwise connected, with
     *  a fresh schema name `PREFIX_xxxxxxxx` (made by the first plan opened in it). */
    bool startServer(const QString &prefix, QString *skip)
    {
        m_dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
        if (m_dsn.isEmpty()) {
            *skip = QStringLiteral("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway "
                                   "PostgreSQL and sets it)");
            return false;
        }
        if (!m_admin.open(m_dsn, skip))
            return false;
        m_schema = QStringLiteral("%1_%2").arg(prefix).arg(QRandomGenerator::global()->generate(), 8, 16,
                                                           QLatin1Char('0'));
        m_schemas << m_schema;
        return true;
    }
    /** Drops every schema and role the run made (nothing when there was no server). */
    void stopServer()
    {
        if (m_dsn.isEmpty())
            return;
        execAdmin(QStringLiteral("SET client_min_messages = warning"));
        for (const QString &schema : std::as_const(m_schemas))
            execAdmin(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema));
        for (const QString &role : std::as_const(m_roles)) {
            // What else a role holds (a grant on the database) goes with it.
            execAdmin(QStringLiteral("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1') "
                                     "THEN DROP OWNED BY %1; END IF; END $$").arg(role));
            execAdmin(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
        }
    }

    /** The location of plan @p plan in @p schema (the run's own when empty). */
    QString location(const QString &plan, const QString &schema = {}) const
    {
        return m_dsn + QStringLiteral("?plan=") + plan + QStringLiteral("&schema=")
               + (schema.isEmpty() ? m_schema : schema);
    }
    /** One value read straight from the server. */
    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query = prepared(sql, values);
        return query.isActive() && query.next() ? query.value(0) : QVariant();
    }
    /** The first column of every row, as text. */
    QStringList column(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query = prepared(sql, values);
        QStringList list;
        while (query.isActive() && query.next())
            list << query.value(0).toString();
        return list;
    }
    bool execAdmin(const QString &sql)
    {
        QSqlQuery query(m_admin.database());
        if (query.exec(sql))
            return true;
        qWarning() << sql << query.lastError().text();
        return false;
    }

protected:
    QString m_dsn;
    QString m_schema;
    QStringList m_schemas; // every schema made, dropped at the end
    QStringList m_roles;   // every role made, dropped at the end (after the schemas)
    Connection m_admin;

private:
    QSqlQuery prepared(const QString &sql, const QVariantList &values)
    {
        QSqlQuery query(m_admin.database());
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec())
            qWarning() << sql << query.lastError().text();
        return query;
    }
};

} // namespace Tideline::Tests
