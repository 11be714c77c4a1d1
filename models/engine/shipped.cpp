// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shipped.h"

#include <catalog/catalog.h>
#include <io/planjson.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <QHash>
#include <QSet>

#include <algorithm>

namespace Tideline {

namespace {

QString quoted(const QString &text)
{
    return QStringLiteral("“%1”").arg(text);
}

/** A step name as people read it: "write_always" → "write always". */
QString stepName(const QString &step)
{
    QString name = step;
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    return quoted(name);
}

QString kindTitle(const QString &kind)
{
    const KindSpec *spec = Catalog::kind(kind);
    return spec ? spec->title : kind;
}

QStringList deployedIds(const Plan &plan)
{
    QStringList ids;
    for (const Release &release : plan.releases) {
        if (release.status == Release::Status::Deployed)
            ids << release.id;
    }
    return ids;
}

/** The first planned release that comes before a deployed one, and that deployed one
 *  (cancelled releases take no part); false when the deployed releases come first. */
bool outOfOrder(const Plan &plan, QString *planned, QString *deployed)
{
    QString firstPlanned;
    for (const Release &release : plan.releases) {
        if (release.status == Release::Status::Planned && firstPlanned.isEmpty())
            firstPlanned = release.id;
        if (release.status == Release::Status::Deployed && !firstPlanned.isEmpty()) {
            *planned = firstPlanned;
            *deployed = release.id;
            return true;
        }
    }
    return false;
}

/** The keys whose values differ between two parameter objects, sorted. */
QStringList differingKeys(const QJsonObject &a, const QJsonObject &b)
{
    QSet<QString> keys;
    for (const QString &key : a.keys())
        keys.insert(key);
    for (const QString &key : b.keys())
        keys.insert(key);
    QStringList result;
    for (const QString &key : std::as_const(keys)) {
        if (a.value(key) != b.value(key))
            result << key;
    }
    std::sort(result.begin(), result.end());
    return result;
}

// ShippedHistory::placement with the releases that are not cancelled, in order, given.
QMap<QString, QString> placementAmong(const QStringList &live, const Refactoring &refactoring)
{
    QMap<QString, QString> result;
    const KindSpec *kind = Catalog::kind(refactoring.kind);
    if (!kind)
        return result;
    const qsizetype start = live.indexOf(refactoring.start);
    for (const StepSpec &step : kind->steps) {
        const auto move = refactoring.moves.constFind(step.name);
        if (move != refactoring.moves.cend())
            result.insert(step.name, *move);
        else
            result.insert(step.name, start < 0 ? QString() : live.value(start + step.offset));
    }
    return result;
}

using Contents = QHash<QString, QMap<QString, ShippedRefactoring>>;

// What each of @p releases holds (ShippedHistory::contents), placing every refactoring once.
// With @p only (not null), only the refactorings it names are placed.
Contents contentsOf(const Plan &plan, const QStringList &releases, const QSet<QString> *only = nullptr)
{
    Contents result;
    if (releases.isEmpty())
        return result;
    const QStringList live = ShippedHistory::liveReleases(plan);
    const QSet<QString> wanted(releases.cbegin(), releases.cend());
    for (const Refactoring &refactoring : plan.refactorings) {
        if (only && !only->contains(refactoring.id))
            continue;
        const QMap<QString, QString> places = placementAmong(live, refactoring);
        for (auto it = places.cbegin(); it != places.cend(); ++it) {
            if (it.value().isEmpty() || !wanted.contains(it.value()))
                continue;
            ShippedRefactoring &entry = result[it.value()][refactoring.id];
            if (entry.steps.isEmpty()) {
                entry.kind = refactoring.kind;
                entry.params = refactoring.params;
            }
            entry.steps << it.key(); // in name order: QMap
        }
    }
    return result;
}

} // namespace

QStringList ShippedHistory::liveReleases(const Plan &plan)
{
    QStringList live;
    for (const Release &release : plan.releases) {
        if (release.status != Release::Status::Cancelled)
            live << release.id;
    }
    return live;
}

QMap<QString, QString> ShippedHistory::placement(const Plan &plan, const Refactoring &refactoring)
{
    return placementAmong(ShippedHistory::liveReleases(plan), refactoring);
}

QMap<QString, ShippedRefactoring> ShippedHistory::contents(const Plan &plan, const QString &releaseId)
{
    return contentsOf(plan, {releaseId}).value(releaseId);
}

QString ShippedHistory::name(const Plan &plan, const QString &releaseId)
{
    const Release *release = plan.release(releaseId);
    return quoted(release && !release->label.isEmpty() ? release->label : releaseId);
}

QString ShippedHistory::refusal(const Plan &original, const Plan &edited, const QString &changing)
{
    const QStringList before = deployedIds(original);
    const QStringList after = deployedIds(edited);
    const QString reopen = QStringLiteral("If it has not really shipped, re-open it first "
                                          "(Release › Re-open Release).");

    // Statuses: only the release the edit is about may change between deployed and not.
    for (const QString &id : before) {
        if (id == changing || after.contains(id))
            continue;
        if (!edited.release(id))
            return QStringLiteral("%1 is deployed: it can’t be deleted or renamed. %2")
                .arg(name(original, id), reopen);
        return QStringLiteral("%1 is deployed: only Release › Re-open Release, which asks why, "
                              "can change that.")
            .arg(name(original, id));
    }
    for (const QString &id : after) {
        if (id != changing && !before.contains(id))
            return QStringLiteral("%1 can only become deployed through Release › Mark Deployed, "
                                  "which records what shipped in it.")
                .arg(name(edited, id));
    }

    // Order: a plan whose deployed releases came first keeps them first. (A file of an older
    // build may have them out of order; `check` reports that, edits go on.)
    QString planned, deployed, wasPlanned, wasDeployed;
    if (!outOfOrder(original, &wasPlanned, &wasDeployed) && outOfOrder(edited, &planned, &deployed)) {
        if (deployed == changing)
            return QStringLiteral("%1 can’t be marked deployed before %2: releases ship in "
                                  "order. Mark %2 deployed first.")
                .arg(name(edited, deployed), name(edited, planned));
        if (planned == changing)
            return QStringLiteral("%1 can’t be re-opened while the later %2 is deployed. "
                                  "Re-open %2 first.")
                .arg(name(edited, planned), name(edited, deployed));
        return QStringLiteral("The planned %1 can’t come before the deployed %2: deployed "
                              "releases are history and come first.")
            .arg(name(edited, planned), name(edited, deployed));
    }

    // The baseline the deployed releases shipped on stays as it was.
    const QStringList shippedOn = before.isEmpty() ? after : before;
    if (!shippedOn.isEmpty() && !(original.baseline.schema == edited.baseline.schema))
        return QStringLiteral("The baseline schema is what %1 shipped on, and %1 is deployed: the "
                              "baseline can’t change. Change the schema with a refactoring in a "
                              "planned release instead. %2")
            .arg(name(original, shippedOn.first()),
                 shippedOn.size() == 1
                     ? QStringLiteral("If %1 has not really shipped, re-open it first (Release › Re-open Release).")
                           .arg(name(original, shippedOn.first()))
                     : QStringLiteral("If the deployed releases have not really shipped, re-open them first "
                                      "(Release › Re-open Release, the latest first)."));

    // What the deployed releases ran stays as it was.
    QStringList kept;
    for (const QString &id : before) {
        if (id != changing && after.contains(id))
            kept << id;
    }
    // With the same releases in the same order, only a refactoring the edit changed, added or
    // removed can have other steps in them (an edit usually touches one of thousands).
    QSet<QString> touched;
    const bool sameReleases = ShippedHistory::liveReleases(original) == ShippedHistory::liveReleases(edited);
    if (sameReleases && !kept.isEmpty()) {
        QHash<QString, const Refactoring *> was;
        for (const Refactoring &r : original.refactorings)
            was.insert(r.id, &r);
        for (const Refactoring &r : edited.refactorings) {
            const Refactoring *before = was.take(r.id);
            if (!before || !(*before == r))
                touched.insert(r.id);
        }
        for (auto it = was.cbegin(); it != was.cend(); ++it)
            touched.insert(it.key());
    }
    const QSet<QString> *only = sameReleases ? &touched : nullptr;
    const Contents originalContents = contentsOf(original, kept, only);
    const Contents editedContents = contentsOf(edited, kept, only);
    for (const QString &id : std::as_const(kept)) {
        const QMap<QString, ShippedRefactoring> was = originalContents.value(id);
        const QMap<QString, ShippedRefactoring> now = editedContents.value(id);
        for (auto it = was.cbegin(); it != was.cend(); ++it) {
            const int index = edited.refactoringIndex(it.key());
            if (index < 0)
                return QStringLiteral("%1 has steps that shipped in %2: it can’t be deleted or "
                                      "renamed. %3")
                    .arg(quoted(it.key()), name(original, id), reopen);
            const Refactoring &r = edited.refactorings.at(index);
            if (r.kind != it->kind)
                return QStringLiteral("%1 shipped in %2 as “%3”: its kind can’t change. Start a "
                                      "new refactoring for the change instead.")
                    .arg(quoted(it.key()), name(original, id), kindTitle(it->kind));
            if (r.params != it->params)
                return QStringLiteral("%1 shipped in %2: its parameters (%3) can’t change. Start "
                                      "a new refactoring for the change instead.")
                    .arg(quoted(it.key()), name(original, id),
                         differingKeys(r.params, it->params).join(QStringLiteral(", ")));
            const QStringList stays = now.value(it.key()).steps;
            for (const QString &step : it->steps) {
                if (!stays.contains(step))
                    return QStringLiteral("The %1 step of %2 shipped in %3, which is deployed: "
                                          "it can’t move. %4")
                        .arg(stepName(step), quoted(it.key()), name(original, id),
                             QStringLiteral("If %1 has not really shipped, re-open it first "
                                            "(Release › Re-open Release).")
                                 .arg(name(original, id)));
            }
        }
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            const QStringList had = was.value(it.key()).steps;
            for (const QString &step : it->steps) {
                if (had.contains(step))
                    continue;
                if (original.refactoringIndex(it.key()) < 0)
                    return QStringLiteral("%1 is deployed: %2 can’t start in it (its %3 step "
                                          "would run there). Pick a planned release.")
                        .arg(name(edited, id), quoted(it.key()), stepName(step));
                return QStringLiteral("%1 is deployed: the %2 step of %3 can’t move into it. "
                                      "Pick a planned release.")
                    .arg(name(edited, id), stepName(step), quoted(it.key()));
            }
        }
    }
    return {};
}

QString ShippedHistory::baselineFingerprint(const Schema &schema, int algorithm)
{
    if (algorithm != 1)
        return {};
    // Version 1: the compact JSON (keys sorted, as QJsonObject keeps them) of the five lists.
    const QJsonObject o{{QStringLiteral("tables"), PlanJson::schemaToJson(schema)},
                        {QStringLiteral("views"), PlanJson::viewsToJson(schema)},
                        {QStringLiteral("procedures"), PlanJson::proceduresToJson(schema)},
                        {QStringLiteral("sequences"), PlanJson::sequencesToJson(schema)},
                        {QStringLiteral("enums"), PlanJson::enumsToJson(schema)}};
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(o).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256).toHex());
}

void ShippedHistory::recordBaseline(const Plan &plan, Release *release)
{
    release->baselineSha256 = baselineFingerprint(plan.baseline.schema);
    release->baselineAlgorithm = BaselineAlgorithm;
}

QList<ShippedHistory::Problem> ShippedHistory::problems(const Plan &plan)
{
    QList<Problem> result;
    // The baseline the deployed releases shipped on, as each recorded it: said once, at the
    // first release whose record differs (or was made by a recipe this build does not know).
    QMap<int, QString> fingerprints; // by algorithm
    for (const Release &release : plan.releases) {
        if (release.status != Release::Status::Deployed || !release.shippedRecorded
            || release.baselineSha256.isEmpty())
            continue;
        auto fingerprint = fingerprints.find(release.baselineAlgorithm);
        if (fingerprint == fingerprints.end())
            fingerprint = fingerprints.insert(release.baselineAlgorithm,
                                              baselineFingerprint(plan.baseline.schema, release.baselineAlgorithm));
        if (fingerprint->isEmpty()) {
            Problem unknown{release.id, {}, {},
                            QStringLiteral("the baseline %1 shipped on was fingerprinted by algorithm %2, "
                                           "which this Tideline does not know (a newer one recorded it): "
                                           "whether the baseline changed since was not checked")
                                .arg(name(plan, release.id), QString::number(release.baselineAlgorithm))};
            unknown.blocking = false;
            result.append(unknown);
            break;
        }
        if (release.baselineSha256 != *fingerprint) {
            result.append({release.id, {}, {},
                           QStringLiteral("the baseline schema differs from the one %1 shipped on: a "
                                          "deployed release's starting point was changed")
                               .arg(name(plan, release.id))});
            break;
        }
    }
    QString planned, deployed;
    if (outOfOrder(plan, &planned, &deployed))
        result.append({deployed, {}, {},
                       QStringLiteral("%1 is marked deployed while the earlier %2 is not: "
                                      "releases ship in order")
                           .arg(name(plan, deployed), name(plan, planned))});
    QStringList recorded;
    for (const Release &release : plan.releases) {
        if (release.status == Release::Status::Deployed && release.shippedRecorded)
            recorded << release.id;
    }
    const Contents all = contentsOf(plan, recorded);
    for (const Release &release : plan.releases) {
        if (!recorded.contains(release.id))
            continue;
        const QString where = name(plan, release.id);
        const QMap<QString, ShippedRefactoring> now = all.value(release.id);
        for (auto it = release.shipped.cbegin(); it != release.shipped.cend(); ++it) {
            const int index = plan.refactoringIndex(it.key());
            if (index < 0) {
                result.append({release.id, it.key(), {},
                               QStringLiteral("%1 shipped in %2, but the plan no longer has it")
                                   .arg(quoted(it.key()), where)});
                continue;
            }
            const Refactoring &r = plan.refactorings.at(index);
            if (r.kind != it->kind) {
                result.append({release.id, it.key(), {},
                               QStringLiteral("%1 shipped in %2 as “%3”, but the plan now makes "
                                              "it “%4”")
                                   .arg(quoted(it.key()), where, kindTitle(it->kind),
                                        kindTitle(r.kind))});
                continue;
            }
            if (r.params != it->params)
                result.append({release.id, it.key(), {},
                               QStringLiteral("the parameters of %1 (%2) differ from those that "
                                              "shipped in %3")
                                   .arg(quoted(it.key()),
                                        differingKeys(r.params, it->params).join(QStringLiteral(", ")),
                                        where)});
            const QMap<QString, QString> places = placement(plan, r);
            for (const QString &step : it->steps) {
                const QString at = places.value(step);
                if (at == release.id)
                    continue;
                result.append({release.id, it.key(), step,
                               QStringLiteral("the %1 step of %2 shipped in %3, but the plan now "
                                              "puts it %4")
                                   .arg(stepName(step), quoted(it.key()), where,
                                        at.isEmpty() ? QStringLiteral("beyond the plan")
                                                     : QStringLiteral("in ") + name(plan, at))});
            }
        }
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            const auto shipped = release.shipped.constFind(it.key());
            if (shipped != release.shipped.cend() && shipped->kind != it->kind)
                continue; // reported above
            for (const QString &step : it->steps) {
                if (shipped == release.shipped.cend() || !shipped->steps.contains(step))
                    result.append({release.id, it.key(), step,
                                   QStringLiteral("the %1 step of %2 is placed in %3, which "
                                                  "shipped without it")
                                       .arg(stepName(step), quoted(it.key()), where)});
            }
        }
    }
    return result;
}

} // namespace Tideline
