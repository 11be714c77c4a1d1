// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "review.h"

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
 * GitHub Actions workflow commands, one line per finding and blocking reason:
 * `::error file=PLAN,title=ID::message` (warning: ::warning, info and acknowledged: ::notice).
 */
QString github(const ReviewResult &review, const QString &planFile, const QString &releaseId = {});
/** GitLab Code Quality report: a JSON array of {description, check_name, fingerprint, severity, location}. */
QByteArray gitlab(const ReviewResult &review, const QString &planFile, const QString &releaseId = {});

} // namespace ReviewJson

} // namespace Tideline
