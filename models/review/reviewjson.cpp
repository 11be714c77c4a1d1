// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewjson.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace Tideline::ReviewJson {

namespace {

double rounded(double s)
{
    return std::round(s * 10) / 10;
}

/** GitHub's workflow-command escaping: data escapes %, CR, LF; properties also ':' and ','. */
QString escapeData(QString s)
{
    return s.replace(QLatin1Char('%'), QLatin1String("%25"))
        .replace(QLatin1Char('\r'), QLatin1String("%0D"))
        .replace(QLatin1Char('\n'), QLatin1String("%0A"));
}

QString escapeProperty(const QString &s)
{
    return escapeData(s).replace(QLatin1Char(':'), QLatin1String("%3A")).replace(QLatin1Char(','), QLatin1String("%2C"));
}

bool selected(const ReleaseReview &r, const QString &releaseId)
{
    return releaseId.isEmpty() || r.id == releaseId;
}

} // namespace

QJsonObject findingJson(const Finding &f)
{
    QJsonObject o{{QStringLiteral("id"), f.lint},
                  {QStringLiteral("severity"), severityName(f.severity)},
                  {QStringLiteral("refactoring"), f.refactoring},
                  {QStringLiteral("step"), f.step},
                  {QStringLiteral("object"), f.object},
                  {QStringLiteral("message"), f.message},
                  {QStringLiteral("acknowledged"), f.acknowledged}};
    if (f.acknowledged)
        o.insert(QStringLiteral("reason"), f.reason);
    return o;
}

QJsonObject releaseJson(const ReleaseReview &r)
{
    QJsonArray findings;
    for (const Finding &f : r.findings)
        findings.append(findingJson(f));
    const QJsonObject estimate{{QStringLiteral("pre"), rounded(r.estimate.pre)},
                               {QStringLiteral("backfill"), rounded(r.estimate.backfill)},
                               {QStringLiteral("post"), rounded(r.estimate.post)},
                               {QStringLiteral("offline"), rounded(r.estimate.offline)}};
    return {{QStringLiteral("release"), r.id},
            {QStringLiteral("label"), r.label},
            {QStringLiteral("status"), r.status},
            {QStringLiteral("verdict"), ReleaseReview::verdictName(r.verdict)},
            {QStringLiteral("reasons"), QJsonArray::fromStringList(r.reasons)},
            {QStringLiteral("findings"), findings},
            {QStringLiteral("estimate_s"), estimate},
            {QStringLiteral("verify"), r.verify},
            {QStringLiteral("contracts_due"), QJsonArray::fromStringList(r.contractsDue)},
            {QStringLiteral("pending_after"), QJsonArray::fromStringList(r.pendingAfter)}};
}

QJsonObject toJson(const ReviewResult &review, const QString &releaseId)
{
    QJsonArray releases;
    for (const ReleaseReview &r : review.releases) {
        if (selected(r, releaseId))
            releases.append(releaseJson(r));
    }
    return {{QStringLiteral("plan"), review.plan},
            {QStringLiteral("dialect"), review.dialect},
            {QStringLiteral("releases"), releases}};
}

QString github(const ReviewResult &review, const QString &planFile, const QString &releaseId)
{
    QString text;
    for (const ReleaseReview &r : review.releases) {
        if (!selected(r, releaseId))
            continue;
        for (const Finding &f : r.findings) {
            const Lint *lint = Lints::lint(f.lint);
            const QString level = f.acknowledged || f.severity == Severity::Info ? QStringLiteral("notice")
                                  : f.severity == Severity::Error             ? QStringLiteral("error")
                                                                              : QStringLiteral("warning");
            QString message = QStringLiteral("%1: %2").arg(r.id, f.message);
            if (f.acknowledged)
                message += QStringLiteral(" (acknowledged: %1)").arg(f.reason);
            text += QStringLiteral("::%1 file=%2,title=%3::%4\n")
                        .arg(level, escapeProperty(planFile),
                             escapeProperty(QStringLiteral("%1 %2").arg(f.lint, lint ? lint->title : QString())),
                             escapeData(message));
        }
        for (const QString &reason : r.reasons) {
            if (reason.startsWith(QLatin1String("required compatibility cell fails"))
                || reason.startsWith(QLatin1String("verify failed")))
                text += QStringLiteral("::error file=%1,title=%2::%3\n")
                            .arg(escapeProperty(planFile), escapeProperty(r.id + QStringLiteral(" blocked")),
                                 escapeData(reason));
        }
    }
    return text;
}

QByteArray gitlab(const ReviewResult &review, const QString &planFile, const QString &releaseId)
{
    QJsonArray issues;
    for (const ReleaseReview &r : review.releases) {
        if (!selected(r, releaseId))
            continue;
        for (const Finding &f : r.findings) {
            const QString severity = f.acknowledged || f.severity == Severity::Info ? QStringLiteral("info")
                                     : f.severity == Severity::Error             ? QStringLiteral("critical")
                                                                                 : QStringLiteral("minor");
            const QByteArray key = QStringList{r.id, f.lint, f.refactoring, f.step, f.object}.join(QLatin1Char('|')).toUtf8();
            issues.append(QJsonObject{
                {QStringLiteral("description"), QStringLiteral("%1: %2").arg(r.id, f.message)},
                {QStringLiteral("check_name"), f.lint},
                {QStringLiteral("fingerprint"),
                 QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Md5).toHex())},
                {QStringLiteral("severity"), severity},
                {QStringLiteral("location"),
                 QJsonObject{{QStringLiteral("path"), planFile},
                             {QStringLiteral("lines"), QJsonObject{{QStringLiteral("begin"), 1}}}}}});
        }
    }
    return QJsonDocument(issues).toJson(QJsonDocument::Indented);
}

} // namespace Tideline::ReviewJson
