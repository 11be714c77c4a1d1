// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

    const QStringList &log() const { return m_log; }

private:
    bool ensureLedger(QString *error);

    QSqlDatabase m_db;
    const Dialect &m_dialect;
    QStringList m_log;
};

} // namespace Tideline
