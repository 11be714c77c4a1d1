// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "review.h"

#include <io/planlines.h>

#include <QJsonObject>
#include <QString>

namespace Tideline {

/** Machine outputs of the readiness review (docs/review.md): stable JSON and CI annotations. */
namespace ReviewJson {

/** {"plan", "dialect", "releases": [...]} — only @p releaseId when it is not empty. */
QJsonObject toJson(const ReviewResult &review, const QString &releaseId = {});
QJsonObject releaseJson(const ReleaseReview &release);
QJsonObject findingJson(const Finding &finding);

/**
 * GitHub Actions workflow commands, one line per finding, failing required compatibility cell and
 * failed verify: `::error file=PLAN,line=L,title=…::message` (warning: ::warning, info and
 * acknowledged: ::notice). L is the line of the finding's refactoring in the plan's text, else of
 * its release; without @p lines (a .tideline SQLite plan) there is no line= and the message says why.
 */
QString github(const ReviewResult &review, const QString &planFile, const QString &releaseId = {},
               const PlanLines &lines = {});
/**
 * GitLab Code Quality report of the same reasons: a JSON array of {description, check_name,
 * fingerprint (stable for the same release and reason), severity, location {path, lines.begin}}.
 */
QByteArray gitlab(const ReviewResult &review, const QString &planFile, const QString &releaseId = {},
                  const PlanLines &lines = {});

} // namespace ReviewJson

} // namespace Tideline
