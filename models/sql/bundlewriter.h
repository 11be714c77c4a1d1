// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QString>
#include <QStringList>

namespace Tideline {

struct Bundle;

/**
 * Writes a bundle to a folder in one of the layouts of DESIGN.md §6, so that the tools teams
 * already run can consume it:
 *  - folders:   pre/ backfill/ post/ offline/ + manifest.json + RUNBOOK.md
 *  - flyway:    V<release>_<seq>__<refactoring>_<step>.sql (Flyway's versioned pattern)
 *  - liquibase: changelog.sql, a formatted-SQL changelog with one changeset per file
 *  - sqitch:    sqitch.plan, sqitch.conf, deploy/ revert/ verify/
 * Every layout also carries manifest.json and RUNBOOK.md. Output is deterministic, and the
 * folder appears whole or not at all: it is written beside the target and moved into place.
 */
class BundleWriter
{
public:
    static QStringList layouts();
    /** @p releaseNumber is the release's position (1..m), used for Flyway versions. */
    static bool write(const Bundle &bundle, int releaseNumber, const QString &layout,
                      const QString &directory, bool force, QString *error);

private:
    static bool writeLayout(const Bundle &bundle, int releaseNumber, const QString &layout,
                            const QDir &dir, QString *error);
};

} // namespace Tideline
