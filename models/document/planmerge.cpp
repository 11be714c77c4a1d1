// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "planmerge.h"

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

template<typename T>
qsizetype indexOf(const QList<T> &items, const QString &id)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (items.at(i).id == id)
            return i;
    }
    return -1;
}

template<typename T>
QStringList commonOrder(const QList<T> &items, const QList<T> &other)
{
    QStringList ids;
    for (const T &item : items) {
        if (indexOf(other, item.id) >= 0)
            ids.append(item.id);
    }
    return ids;
}

/** Applies mine's edits of one list since base to *merged (theirs); names the collisions. */
template<typename T>
void mergeList(const QList<T> &base, const QList<T> &mine, const QList<T> &theirs,
               const QString &what, QList<T> *merged, QStringList *collisions)
{
    *merged = theirs;
    if (commonOrder(mine, base) != commonOrder(base, mine)) {
        collisions->append(u"the order of the %1s"_s.arg(what));
        return;
    }
    for (const T &old : base) {
        const qsizetype inMine = indexOf(mine, old.id);
        const qsizetype inTheirs = indexOf(theirs, old.id);
        if (inMine >= 0 && mine.at(inMine) == old)
            continue; // not edited here
        const bool theirsEdited = inTheirs < 0 || !(theirs.at(inTheirs) == old);
        if (theirsEdited) {
            const bool same = inMine >= 0 && inTheirs >= 0 && mine.at(inMine) == theirs.at(inTheirs);
            if (!same && !(inMine < 0 && inTheirs < 0))
                collisions->append(u"%1 %2"_s.arg(what, old.id));
            continue;
        }
        const qsizetype at = indexOf(*merged, old.id);
        if (inMine < 0)
            merged->removeAt(at);
        else
            (*merged)[at] = mine.at(inMine);
    }
    for (qsizetype i = 0; i < mine.size(); ++i) {
        const T &added = mine.at(i);
        if (indexOf(base, added.id) >= 0)
            continue;
        const qsizetype inTheirs = indexOf(theirs, added.id);
        if (inTheirs >= 0) {
            if (!(theirs.at(inTheirs) == added))
                collisions->append(u"%1 %2"_s.arg(what, added.id));
            continue;
        }
        // After the item it follows here, or first.
        const qsizetype after = i > 0 ? indexOf(*merged, mine.at(i - 1).id) : -1;
        merged->insert(after >= 0 ? after + 1 : (i == 0 ? 0 : merged->size()), added);
    }
}

template<typename T>
void mergePart(const T &base, const T &mine, const T &theirs, const QString &what, T *merged,
               QStringList *collisions)
{
    if (mine == base || mine == theirs)
        return; // *merged already holds theirs
    if (theirs == base)
        *merged = mine;
    else
        collisions->append(what);
}

} // namespace

bool PlanMerge::merge(const Plan &base, const Plan &mine, const Plan &theirs, Plan *merged,
                      QStringList *collisions)
{
    Plan result = theirs;
    QStringList found;
    mergePart(base.name, mine.name, theirs.name, u"the plan's name"_s, &result.name, &found);
    mergePart(base.dialect, mine.dialect, theirs.dialect, u"the dialect"_s, &result.dialect,
              &found);
    mergePart(base.policy, mine.policy, theirs.policy, u"the policy"_s, &result.policy, &found);
    mergePart(base.baseline, mine.baseline, theirs.baseline, u"the baseline schema"_s,
              &result.baseline, &found);
    mergePart(base.usage, mine.usage, theirs.usage, u"the usage edits"_s, &result.usage, &found);
    mergePart(base.statements, mine.statements, theirs.statements,
              u"the application statements"_s, &result.statements, &found);
    mergePart(base.acknowledgements, mine.acknowledgements, theirs.acknowledgements,
              u"the acknowledgements"_s, &result.acknowledgements, &found);
    mergePart(base.history, mine.history, theirs.history, u"the history"_s, &result.history,
              &found);
    mergeList(base.releases, mine.releases, theirs.releases, u"release"_s, &result.releases,
              &found);
    mergeList(base.refactorings, mine.refactorings, theirs.refactorings, u"refactoring"_s,
              &result.refactorings, &found);
    if (collisions)
        *collisions = found;
    if (!found.isEmpty())
        return false;
    if (merged)
        *merged = result;
    return true;
}

} // namespace Tideline
