// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QList>
#include <QMap>
#include <QString>

namespace Tideline {

/**
 * Deployed is history: what a deployed release ran cannot change. The rules work on the plan
 * alone, without an engine run, so that the edit API refuses at once (in the window, too) and
 * `check` finds a file whose history was changed by hand:
 *  - a step placed in a deployed release stays there, and nothing moves into one;
 *  - a refactoring with a step in a deployed release keeps its id, kind and parameters;
 *  - the baseline schema (what ran before release 1) stays as it was once any release is
 *    deployed: the releases shipped on it;
 *  - releases are deployed in order: among the releases that are not cancelled, the deployed
 *    ones come first; only an explicit re-open (logged with who, when and why) takes a
 *    deployed release back, the latest first.
 *
 * A step's place is its catalog placement: the refactoring's start release plus the step's
 * offset, counting releases that are not cancelled, or the release its move names. Every step
 * the kind's catalog entry lists counts, including conditional ones.
 */
class ShippedHistory
{
public:
    /** The ids of the releases that are not cancelled, in order: where steps are placed. */
    static QStringList liveReleases(const Plan &plan);
    /** Step name -> release id for every catalog step of @p refactoring (empty when it lies
     *  beyond the plan); empty for an unknown kind. */
    static QMap<QString, QString> placement(const Plan &plan, const Refactoring &refactoring);
    /** What release @p releaseId holds now: by refactoring id, kind, parameters, steps. */
    static QMap<QString, ShippedRefactoring> contents(const Plan &plan, const QString &releaseId);
    /** A release as people read it: its label, or its id when it has none. */
    static QString name(const Plan &plan, const QString &releaseId);

    /**
     * Why @p edited may not replace @p original, as one plain sentence, or an empty string.
     * @p changing is a release whose deployed status the edit may change (marking it deployed
     * or re-opening it); every other release keeps its status and what it shipped.
     */
    static QString refusal(const Plan &original, const Plan &edited, const QString &changing = {});

    /**
     * The fingerprint of @p schema as the baseline a release shipped on: the sha256 (hex) of
     * the parsed schema (its tables, views, procedures, sequences and enum types as the plan's
     * JSON writes them, compact), however the file gives it (DDL or JSON), so that the same
     * schema given either way, or DDL reformatted, is not a change. Row estimates are not part
     * of it: they are estimates, not what shipped. @p algorithm is the version of this recipe;
     * empty for a version this build does not know (a newer Tideline's).
     */
    static QString baselineFingerprint(const Schema &schema, int algorithm = BaselineAlgorithm);
    /** The version of baselineFingerprint() this build records. Raise it (keeping the older
     *  ones computable) whenever the recipe's bytes change for a schema that did not. */
    static constexpr int BaselineAlgorithm = 1;
    /** Records on @p release the fingerprint of @p plan's baseline, as this build makes it. */
    static void recordBaseline(const Plan &plan, Release *release);

    /** A difference between a plan and what its deployed releases recorded. */
    struct Problem
    {
        QString release; // the deployed release whose history differs
        QString refactoring;
        QString step;
        QString message;
        /** False when the plan could not be compared with the record (a baseline fingerprint
         *  of an algorithm this build does not know): a warning, not a changed history. */
        bool blocking = true;
    };
    /** Every way @p plan differs from the shipped records of its deployed releases, and
     *  deployed releases out of order. */
    static QList<Problem> problems(const Plan &plan);
};

} // namespace Tideline
