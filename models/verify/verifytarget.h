// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scratchserver.h"

#include "verifier.h"

#include <domain/plan.h>

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>

namespace Tideline {

class Dialect;

/**
 * The database `verify` runs a plan on, chosen the one way both `tideline-cli verify` and the
 * window's Review › Verify choose it: the DSN given, or else the plan's own engine on a scratch
 * database verify makes itself (a scratch file for an embedded engine, a scratch server it
 * starts and stops for PostgreSQL and MariaDB). An engine with neither needs a DSN.
 *
 * Everything here runs on one thread: the connection is the thread's that opened it.
 */
class VerifyTarget
{
public:
    VerifyTarget() = default;
    VerifyTarget(const VerifyTarget &) = delete;
    VerifyTarget &operator=(const VerifyTarget &) = delete;

    /** Whether a plan in @p dialect can only be verified through a DSN (no scratch of its own). */
    static bool needsDsn(const QString &dialect);
    /** What a DSN may name: "sqlite:", "postgresql://…", "mysql://…". */
    static QStringList usableDsns();

    /**
     * Opens the database: @p dsn's when set, else the scratch one of @p planDialect. False with
     * @p error naming the problem (the DSN in it redacted); with @p dsnNeeded set when the only
     * way out is a DSN.
     */
    bool open(const QString &planDialect, const QString &dsn, QString *error, bool *dsnNeeded = nullptr);
    QSqlDatabase database() const { return m_scratch.database(); }
    /** The dialect of the database opened ("postgresql", ...). */
    QString dialect() const { return m_scratch.dialect(); }
    /** The DSN opened (a scratch server's own, or the one given): for redaction. */
    QString dsn() const { return m_dsn; }
    /** What open() did about scratch databases killed verifies left on that server (a line each). */
    QStringList removedStale() const { return m_scratch.removedStale(); }

    /**
     * Hands @p verifier the durability of this target's server for the release's timed
     * scripts (Verifier::setDurability): synchronous_commit on in the session of @p scratch
     * (this target's own database when null); on the server verify started itself, fsync and
     * full_page_writes on too (ScratchServer::setDurable). A server given by DSN keeps its own
     * fsync and full_page_writes: they are its administrator's.
     */
    void timeDurably(Verifier *verifier, ScratchDatabase *scratch = nullptr);

    /** Told (releases verified, releases in all) before each release and at the end;
     *  returning false stops before the next release. */
    using Progress = std::function<bool(int done, int total)>;
    /**
     * Verifies @p releases of @p plan, one after the other, on the database open() chooses
     * (one scratch database for all of them). On another engine than the plan's, the plan is
     * planned for that engine first. False with @p error when the plan cannot be verified at all
     * (it cannot be evaluated, no database, an unknown release, stopped by @p progress before
     * any result); the results of the releases verified are in @p results either way.
     */
    static bool verify(Plan plan, const QStringList &releases, const QString &dsn, int rows,
                       QList<VerifyResult> *results, QString *error, const Progress &progress = {},
                       bool *dsnNeeded = nullptr);

private:
    ScratchServer m_server;
    ScratchDatabase m_scratch;
    QString m_dsn;
};

} // namespace Tideline
