// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace Tideline {

class Connection;

/**
 * Asks a PostgreSQL server whether it answers, away from the GUI thread: an unreachable host
 * keeps a connect waiting up to libpq's connect_timeout, and a window must not freeze meanwhile.
 * Lives in a worker thread of its own (moveToThread); its connection is opened, used and closed
 * in that thread only. check() reports by checked(), which reaches the caller's thread queued.
 */
class ServerProbe : public QObject
{
    Q_OBJECT

public:
    explicit ServerProbe(QObject *parent = nullptr);
    ~ServerProbe() override;

public slots:
    /**
     * Whether the server of @p dsn answers (a dead connection is opened again first) and, when
     * @p watchedPid > 0, whether that backend (the document's own connection) is still there.
     * @p token comes back in checked() so that the caller can drop answers it no longer wants.
     */
    void check(quint64 token, const QString &dsn, qint64 watchedPid);

signals:
    void checked(quint64 token, bool reachable, bool watchedAlive, const QString &reason);

private:
    std::unique_ptr<Connection> m_connection;
    QString m_dsn;
};

} // namespace Tideline
