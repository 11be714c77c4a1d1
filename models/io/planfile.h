// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QList>
#include <QString>

namespace Tideline {

/** Loads and saves a plan by file name: `.tideline` (SQLite) or `.tideline.json` (text). */
class PlanFile
{
public:
    enum class Format { Unknown, Json, Sqlite };
    static Format formatOf(const QString &path);

    /** Reads the file; on failure fills *errors (file and field named) and returns false. */
    static bool load(const QString &path, Plan *plan, QList<PlanError> *errors);
    /** Writes the file (atomically for JSON). On failure nothing is left half-written. */
    static bool save(const QString &path, const Plan &plan, QList<PlanError> *errors);
};

} // namespace Tideline
