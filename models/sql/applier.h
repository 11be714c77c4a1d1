// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Tideline {

class Dialect;
struct Bundle;
struct BundleFile;

/**
 * Runs a bundle's scripts against a database through Qt SQL in manifest order:
 * it evaluates each file's guard, splits the file into statements with the dialect, runs them
 * (in a transaction when the file allows), and records every applied file with its checksum in
 * `tideline_applied`. It stops at the first error and reports the engine's message.
 */
class Applier
{
public:
    /** The widths of the ledger's columns (VARCHAR(n) on every engine): a plan name, release
     *  id or file path longer than these cannot be recorded. PlanValidator refuses such a plan,
     *  and apply() checks every file before it runs anything. */
    static constexpr int PlanNameLimit = 500;
    static constexpr int ReleaseIdLimit = 200;
    static constexpr int PathLimit = 500;
    /** A script's path is FOLDER/NNN-REFACTORING-STEP[-N].sql: a refactoring id this long
     *  leaves room for the rest. */
    static constexpr int RefactoringIdLimit = PathLimit - 100;

    Applier(QSqlDatabase database, const Dialect &dialect);

    /**
     * @p phase empty: every file in manifest order, offline ones at their place; a bundle with
     * offline files (a maintenance window) is refused unless @p allowOffline, before anything
     * runs. @p phase "offline", "pre", …: only the files of that folder. Appends one line per
     * file to log().
     */
    bool apply(const Bundle &bundle, const QString &phase, QString *error, bool allowOffline = false);
    /** Runs one file (its guard first); used by apply() and by tests that run a file twice. */
    bool runFile(const Bundle &bundle, const BundleFile &file, QString *error);

    /**
     * PostgreSQL: a file that runs in a transaction goes to the server as one simple-query
     * message (one round trip for all its statements, as `psql -1 -f` could), every result looked
     * at. When the server refuses any statement of it, the transaction is rolled back and the
     * file runs again statement by statement, so the error is the statement's own, worded as
     * without this; should every statement then pass, the file fails all the same, naming the
     * message's error (no second chance that `apply` never gives). A file with a statement of
     * staysOffOneMessage() keeps a round trip a statement. Off by default (apply); verify
     * turns it on.
     */
    void setOneMessage(bool oneMessage) { m_oneMessage = oneMessage; }
    /**
     * Whether a file holding @p statement must not go as one message: it begins, ends or splits
     * a transaction itself (COMMIT, SAVEPOINT, END, …; after a COMMIT in a message the rest runs
     * as one implicit transaction, so a refusal later would take back what one statement at a
     * time keeps), or changes how PostgreSQL reads the text after it (standard_conforming_strings,
     * backslash_quote, client_encoding: the server scans a message whole with the settings in
     * force when it arrives), or starts with a block comment (not looked into).
     */
    static bool staysOffOneMessage(const QString &statement);
    /**
     * Sends @p sql, several statements, as one simple-query message (PostgreSQL) and looks at
     * every result: false, with the first refusal's text in @p error, when any statement failed.
     */
    static bool runMessage(QSqlDatabase db, const QString &sql, QString *error = nullptr);

    const QStringList &log() const { return m_log; }
    /** Called with each file's log() line as soon as the file is done (applied or skipped). */
    void setFileDone(std::function<void(const QString &line)> fileDone) { m_fileDone = std::move(fileDone); }

private:
    bool ensureLedger(QString *error);
    /** Whether the ledger row of @p file fits the ledger's columns; else @p error says which
     *  field is too long and that nothing of it ran. */
    static bool fitsLedger(const Bundle &bundle, const BundleFile &file, QString *error);
    /** Inserts @p file's ledger row in a transaction that is rolled back (and deleted, should
     *  the table not be transactional): the row will be accepted after the file ran. DDL is
     *  not transactional on MariaDB, so this is asked before, not after. */
    bool probeLedger(const Bundle &bundle, const BundleFile &file, QString *error);
    bool insertLedgerRow(const Bundle &bundle, const BundleFile &file, const QString &appliedAt, QString *error);

    QSqlDatabase m_db;
    const Dialect &m_dialect;
    QStringList m_log;
    bool m_oneMessage = false;
    std::function<void(const QString &)> m_fileDone;
};

} // namespace Tideline
