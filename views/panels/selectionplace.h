// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <document/selection.h>
#include <engine/engine.h>

namespace Tideline {

/** The placed step a selection of kind Step names, or nullptr. */
inline const PlacedStep *placedStepOf(const Engine &engine, const Selection &s)
{
    if (s.kind != Selection::Kind::Step)
        return nullptr;
    const int refactoring = engine.plan().refactoringIndex(s.refactoring);
    for (const PlacedStep &p : engine.steps()) {
        if (p.refactoring == refactoring && p.step.name == s.step)
            return &p;
    }
    return nullptr;
}

/** The release position (0 for the baseline, -1 when none) a selection points at. */
inline int releasePositionOf(const Engine &engine, const Selection &s)
{
    switch (s.kind) {
    case Selection::Kind::Release:
    case Selection::Kind::SchemaState:
    case Selection::Kind::Cell:
    case Selection::Kind::AppVersion:
        if (s.release == QLatin1String("baseline"))
            return 0;
        return engine.releasePosition(s.release) > 0 ? engine.releasePosition(s.release) : -1;
    case Selection::Kind::Step: {
        const PlacedStep *p = placedStepOf(engine, s);
        return p && p->release <= engine.releaseCount() ? p->release : -1;
    }
    case Selection::Kind::Refactoring:
    case Selection::Kind::None:
        break;
    }
    return -1;
}

} // namespace Tideline
