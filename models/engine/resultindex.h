// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine.h"

#include <QHash>
#include <QList>

#include <algorithm>
#include <memory>

namespace Tideline {

/**
 * The engine's placed steps by release and matrix cells by state, bucketed once per engine run
 * (in the engine's cache), so that whatever is built per release (bundles, the review) costs
 * what the release holds rather than a scan of the whole plan.
 */
struct ResultIndex
{
    QHash<int, QList<int>> stepsByRelease; // release position -> indexes into steps(), in order
    QHash<int, QList<int>> cellsByState;   // state index -> indexes into cells(), in order

    const QList<int> steps(int release) const { return stepsByRelease.value(release); }
    /** The cells on any of @p states, in the engine's order. */
    QList<int> cells(std::initializer_list<int> states) const
    {
        QList<int> all;
        for (int s : states)
            all += cellsByState.value(s);
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        return all;
    }

    static std::shared_ptr<const ResultIndex> of(const Engine &engine)
    {
        return engine.cache().slot<ResultIndex>([&engine] {
            auto *index = new ResultIndex;
            for (int i = 0; i < engine.steps().size(); ++i)
                index->stepsByRelease[engine.steps().at(i).release].append(i);
            for (int i = 0; i < engine.cells().size(); ++i)
                index->cellsByState[engine.cells().at(i).state].append(i);
            return index;
        });
    }
};

} // namespace Tideline
