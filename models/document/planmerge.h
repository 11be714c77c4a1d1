// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QStringList>

namespace Tideline {

/**
 * Three-way merge of a plan edited in two places (issue 13, item 8: the window's unsaved edits
 * and an outside change of its file). Releases and refactorings are merged one by one by id;
 * the other parts (name, dialect, policy, baseline, usage, statements, acknowledgements,
 * history) each as a whole. An edit of one side only is taken; the same release, refactoring
 * or part edited on both sides (differently) is a collision, and so is a reordering of
 * releases or refactorings on this side: then nothing is merged, and the caller lets the user
 * choose a side. Neither side is ever dropped silently.
 */
class PlanMerge
{
public:
    /** True with *merged = theirs plus mine's edits since @p base; false with the collisions
     *  named ("release r2", "refactoring full-name", "the policy"). */
    static bool merge(const Plan &base, const Plan &mine, const Plan &theirs, Plan *merged,
                      QStringList *collisions);
};

} // namespace Tideline
