// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverprobe.h"

#include <sql/connection.h>

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Tideline {

ServerProbe::ServerProbe(QObject *parent)
    : QObject(parent)
{
}

ServerProbe::~ServerProbe() = default; // in the worker thread (deleteLater), like the connection

void ServerProbe::check(quint64 token, const QString &dsn, qint64 watchedPid)
{
    if (dsn != m_dsn) {
        m_connection.reset();
        m_dsn = dsn;
    }
    QString reason;
    bool answered = false;
    if (m_connection && m_connection->database().isOpen())
        answered = QSqlQuery(m_connection->database()).exec(u"SELECT 1"_s);
    if (!answered) {
        // Ended by the server, or never opened: a fresh connection (this is where an
        // unreachable host waits for connect_timeout).
        m_connection.reset();
        auto fresh = std::make_unique<Connection>();
        if (fresh->open(m_dsn, &reason)) {
            m_connection = std::move(fresh);
            answered = true;
        }
    }
    if (!answered) {
        emit checked(token, false, false, Connection::redact(reason, m_dsn));
        return;
    }
    bool alive = true;
    if (watchedPid > 0) {
        QSqlQuery query(m_connection->database());
        alive = query.exec(u"SELECT count(*) FROM pg_stat_activity WHERE pid = %1"_s.arg(watchedPid))
                && query.next() && query.value(0).toLongLong() > 0;
    }
    emit checked(token, true, alive, QString());
}

} // namespace Tideline
