// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "verifyjson.h"

#include "verifier.h"

#include <QJsonArray>

#include <cmath>

namespace Tideline::VerifyJson {

namespace {

/** Seconds to the microsecond: enough for a report, and stable to read. */
double seconds(double value)
{
    return std::round(value * 1e6) / 1e6;
}

} // namespace

QJsonObject toJson(const VerifyResult &result)
{
    QJsonArray scripts, statements, cells, defects, errors;
    for (const VerifyScript &s : result.scripts)
        scripts.append(QJsonObject{{QStringLiteral("file"), s.file},
                                   {QStringLiteral("phase"), s.phase},
                                   {QStringLiteral("run"), s.run},
                                   {QStringLiteral("ok"), s.ok},
                                   {QStringLiteral("error"), s.error},
                                   {QStringLiteral("seconds"), seconds(s.seconds)},
                                   {QStringLiteral("estimate_s"), s.estimateSeconds},
                                   {QStringLiteral("extrapolated_s"), seconds(s.extrapolatedSeconds)}});
    for (const VerifyStatement &s : result.statements)
        statements.append(QJsonObject{{QStringLiteral("app"), s.app},
                                      {QStringLiteral("state"), s.state},
                                      {QStringLiteral("origin"), s.origin},
                                      {QStringLiteral("sql"), s.sql},
                                      {QStringLiteral("ok"), s.ok},
                                      {QStringLiteral("error"), s.error},
                                      {QStringLiteral("skipped"), s.skipped}});
    for (const VerifyCell &c : result.cells)
        cells.append(QJsonObject{{QStringLiteral("app"), c.app},
                                 {QStringLiteral("state"), c.state},
                                 {QStringLiteral("static_ok"), c.staticOk},
                                 {QStringLiteral("executed_ok"), c.executedOk},
                                 {QStringLiteral("agree"), c.agree()},
                                 {QStringLiteral("unshown"), QJsonArray::fromStringList(c.unshown)}});
    QJsonArray skipped;
    for (auto it = result.skipped.cbegin(); it != result.skipped.cend(); ++it)
        skipped.append(QJsonObject{{QStringLiteral("table"), it.key()}, {QStringLiteral("reason"), it.value()}});
    for (const QString &d : result.defects)
        defects.append(d);
    for (const QString &e : result.errors)
        errors.append(e);
    return QJsonObject{{QStringLiteral("plan"), result.plan},
                       {QStringLiteral("release"), result.release},
                       {QStringLiteral("engine"), result.engine},
                       {QStringLiteral("rows"), result.rows},
                       {QStringLiteral("verdict"), result.passed() ? QStringLiteral("pass") : QStringLiteral("fail")},
                       {QStringLiteral("scripts"), scripts},
                       {QStringLiteral("statements"), statements},
                       {QStringLiteral("cells"), cells},
                       {QStringLiteral("skipped"), skipped},
                       {QStringLiteral("notes"), QJsonArray::fromStringList(result.notes)},
                       {QStringLiteral("defects"), defects},
                       {QStringLiteral("errors"), errors}};
}

} // namespace Tideline::VerifyJson
