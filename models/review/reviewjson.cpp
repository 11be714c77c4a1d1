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

namespace {

/** One reason a CI job shows at a place in the plan: a finding, a failing required cell, a failed verify. */
struct Annotation
{
    QString level;     // GitHub's error, warning or notice
    QString checkName; // a lint id, "compatibility" or "verify"
    QString title;
    QString message;
    QString key; // stable across runs of the same plan: GitLab's fingerprint
    int line = 0;
};

QList<Annotation> annotations(const ReviewResult &review, const PlanLines &lines, const QString &releaseId)
{
    QList<Annotation> list;
    const QString noLine = lines.available() ? QString() : lines.whyNoLines();
    const auto add = [&](Annotation a) {
        if (!noLine.isEmpty())
            a.message += QStringLiteral(" (%1)").arg(noLine);
        list << a;
    };
    for (const ReleaseReview &r : review.releases) {
        if (!selected(r, releaseId))
            continue;
        const int releaseLine = lines.release(r.id);
        for (const Finding &f : r.findings) {
            const Lint *lint = Lints::lint(f.lint);
            QString message = QStringLiteral("%1: %2").arg(r.id, f.message);
            if (f.acknowledged)
                message += QStringLiteral(" (acknowledged: %1)").arg(f.reason);
            const int line = lines.refactoring(f.refactoring);
            add({f.acknowledged || f.severity == Severity::Info ? QStringLiteral("notice")
                 : f.severity == Severity::Error               ? QStringLiteral("error")
                                                               : QStringLiteral("warning"),
                 f.lint, QStringLiteral("%1 %2").arg(f.lint, lint ? lint->title : QString()), message,
                 QStringList{r.id, f.lint, f.refactoring, f.step, f.object}.join(QLatin1Char('|')),
                 line > 0 ? line : releaseLine});
        }
        for (const CellLine &cell : r.cells) {
            if (!cell.required || cell.ok)
                continue;
            add({QStringLiteral("error"), QStringLiteral("compatibility"), r.id + QStringLiteral(" blocked"),
                 QStringLiteral("%1: required compatibility cell fails: %2 on %3 (%4)")
                     .arg(r.id, cell.app, cell.state, cell.failures.join(QStringLiteral("; "))),
                 QStringList{r.id, QStringLiteral("compatibility"), cell.app, cell.state}.join(QLatin1Char('|')),
                 releaseLine});
        }
        for (const QString &reason : r.reasons) {
            if (reason.startsWith(QLatin1String("verify failed")))
                add({QStringLiteral("error"), QStringLiteral("verify"), r.id + QStringLiteral(" blocked"),
                     QStringLiteral("%1: %2").arg(r.id, reason),
                     QStringList{r.id, QStringLiteral("verify")}.join(QLatin1Char('|')), releaseLine});
        }
    }
    return list;
}

} // namespace

QString github(const ReviewResult &review, const QString &planFile, const QString &releaseId, const PlanLines &lines)
{
    QString text;
    for (const Annotation &a : annotations(review, lines, releaseId)) {
        text += QStringLiteral("::%1 file=%2%3,title=%4::%5\n")
                    .arg(a.level, escapeProperty(planFile),
                         a.line > 0 ? QStringLiteral(",line=%1").arg(a.line) : QString(),
                         escapeProperty(a.title), escapeData(a.message));
    }
    return text;
}

QByteArray gitlab(const ReviewResult &review, const QString &planFile, const QString &releaseId, const PlanLines &lines)
{
    QJsonArray issues;
    for (const Annotation &a : annotations(review, lines, releaseId)) {
        const QString severity = a.level == QLatin1String("notice")  ? QStringLiteral("info")
                                 : a.level == QLatin1String("error") ? QStringLiteral("critical")
                                                                     : QStringLiteral("minor");
        issues.append(QJsonObject{
            {QStringLiteral("description"), a.message},
            {QStringLiteral("check_name"), a.checkName},
            {QStringLiteral("fingerprint"),
             QString::fromLatin1(QCryptographicHash::hash(a.key.toUtf8(), QCryptographicHash::Md5).toHex())},
            {QStringLiteral("severity"), severity},
            // Code Quality requires a line; a plan without lines (SQLite) says so in the description.
            {QStringLiteral("location"),
             QJsonObject{{QStringLiteral("path"), planFile},
                         {QStringLiteral("lines"), QJsonObject{{QStringLiteral("begin"), qMax(a.line, 1)}}}}}});
    }
    return QJsonDocument(issues).toJson(QJsonDocument::Indented);
}

} // namespace Tideline::ReviewJson
