// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "planstore.h"

#include <domain/plan.h>

#include <QDateTime>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace Tideline {

/**
 * Where a plan on a PostgreSQL server is: `postgresql://user@host:port/db?plan=NAME`, with
 * `&schema=S` (the PostgreSQL schema of the storage, `tideline` by default) and `&revision=N`
 * (the plan as it was then, read-only). Other query items are libpq options and stay in dsn.
 */
struct ServerLocation
{
    QString dsn;      // the server, as Connection opens it (no plan, schema or revision)
    QString plan;     // empty: the server only (`tideline-cli plans`)
    QString schema = QStringLiteral("tideline");
    qint64 revision = -1; // -1: the current one

    /** Whether @p text names a server (a postgresql:// or postgres:// URL). */
    static bool isLocation(const QString &text);
    /** For a window's title: `plan NAME on HOST/DATABASE` (no user, port or options). */
    QString displayName() const;
    /** False with a message (naming the problem, never the password) for a bad location. */
    static bool parse(const QString &text, ServerLocation *location, QString *error);
};

/** One edit of a plan on a server, from its history (the `revisions` table). */
struct ServerRevision
{
    qint64 revision = 0;
    QString who; // the PostgreSQL login that made it (session_user, set by the server)
    QDateTime at;
    QString what;
    /** What the server itself recorded of this revision (its change log, storage version 4),
     *  filled by ServerPlan::recorded(). */
    struct Record
    {
        bool kept = false;       // the server kept a change log at this revision
        QMap<QString, int> rows; // table -> rows it changed (an UPDATE counts once)
        QStringList releases;    // the ids of the releases and refactorings it touched
        QStringList refactorings;
        QStringList who;         // the logins that changed them (session_user)
        QStringList differences; // where the revision's own description (what the client
                                 // said it changed) and the server's record disagree
    } record;
};

/**
 * A plan on a shared PostgreSQL server (DESIGN.md §8 "Team use", issue 16). The storage is the
 * `.tideline` file's tables (PlanStore::toRows) with a plan id in front, in a PostgreSQL schema
 * of their own, created and migrated forward-only like the file's (meta.version); a server
 * holding a newer storage version is refused.
 *
 * Every change is one transaction that carries the revision it was based on: the plan's
 * revision counter moves on only when it still is that revision (a conditional UPDATE, which
 * PostgreSQL re-checks after a concurrent one commits), so an edit made on a stale plan is
 * refused, naming the edits it missed; no update is ever lost. Each revision records who
 * (session_user, set by the server), when, what, and the rows it removed and added, from which the plan as it was
 * at an older revision is read. A committed change is announced with NOTIFY on the channel
 * named after the schema; listen() turns the others' into changedOnServer().
 */
class ServerPlan : public QObject
{
    Q_OBJECT

public:
    /** 1: the plan tables, plans with their revision counter, the revisions (history).
     *  2: only release managers mark releases deployed or re-open them (a trigger).
     *  3: the server keeps that and the history beyond a client's reach: the triggers run as
     *  the storage's owner and trust no setting of the session; the history is insert-only
     *  with who (session_user) and when (now()) set by the server; a revision moves on only
     *  by one with its history entry; a plan's rows change only in such an edit.
     *  4: the server's own change log (change_log: every row changed, written by the owner's
     *  triggers); a deployed release's shipped record and a plan's baseline once a release is
     *  deployed are the release manager's; an edit made in a savepoint counts; the baseline a
     *  deployed release shipped on in columns of its own (releases.baseline_sha256,
     *  baseline_algorithm), as the .tideline file's storage version 7.
     *  5: the deploy / re-open history is insert-only and the release manager's, its who the
     *  server's (session_user). */
    static constexpr int StorageVersion = 5;

    explicit ServerPlan(QObject *parent = nullptr);
    ~ServerPlan() override;

    /** Connects and brings the storage to StorageVersion (creating it on an empty server). The
     *  plan itself need not exist yet. @p upTo is for tests of the migrations only. */
    bool open(const QString &location, QString *error, int upTo = StorageVersion);
    void close();
    bool isOpen() const;
    const ServerLocation &location() const;
    /** The storage version on the server after open(). */
    int storageVersion() const;
    /** The PostgreSQL login of this connection (session_user), read by open(): the "who"
     *  of what this plan records (a release marked deployed, the history). */
    QString role() const;

    /** Reads the plan (at location().revision when one is given); remembers the revision read. */
    bool load(Plan *plan, QString *error);
    /** Reads the plan as it was at @p revision (1 is its first). */
    bool loadRevision(qint64 revision, Plan *plan, QString *error);
    /** Whether the plan exists on the server. */
    bool exists(bool *exists, QString *error);
    /** The revision this object last read or wrote (0 before). */
    qint64 revision() const;

    /**
     * Makes @p after the plan on the server as one edit named @p what, when the server's plan
     * is still at revision @p base (-1: revision()); the plan read or written last here must be
     * that revision's. A plan that does not exist yet is created (base 0). Refused with the
     * edits made since @p base when there were any; on any failure nothing is changed.
     */
    bool commit(const Plan &after, const QString &what, QString *error, qint64 base = -1);
    /** Replaces (or creates) the whole plan, whatever its revision: one edit named @p what. */
    bool replace(const Plan &plan, const QString &what, QString *error);

    /** The plans on the server with their current revision. */
    bool plans(QList<QPair<QString, qint64>> *plans, QString *error);
    /** The plan's history, oldest first, of the revisions after @p since. */
    bool log(QList<ServerRevision> *revisions, QString *error, qint64 since = 0);
    /** Fills each revision's record from the server's change log (and compares it with the
     *  changes the revision's client described). */
    bool recorded(QList<ServerRevision> *revisions, QString *error);
    /** Subscribes to the others' edits of this plan (changedOnServer). */
    bool listen(QString *error);
    /** Whether the server answers; a connection it ended is opened again (and LISTENs again)
     *  first. False with the reason while it cannot be reached. */
    bool ping(QString *error);
    /** The PostgreSQL process id of this connection (for tests that end it). */
    qint64 backendPid() const;

    /** The SQL a DBA runs once to create the roles viewer, planner and release manager of
     *  storage schema @p schema and grant them what they may do. */
    static QString setupSql(const QString &schema);

signals:
    /** Someone else committed revision @p revision of this plan. */
    void changedOnServer(qint64 revision, const QString &who, const QString &what);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tideline
