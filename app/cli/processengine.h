// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <engine/engine.h>

#include <memory>

namespace Tideline::Cli {

/**
 * The engine run of a command. tideline-cli runs one command and ends, and the system takes
 * the process's memory back at once, so the engine is left to it instead of being freed node
 * by node: the schema states, usage maps and cells of every release were 7–12% of `compat` and
 * `check` at s1 (perf, issue 12), as compilers skip freeing their trees at exit. Builds with
 * AddressSanitizer free it, so their leak check still sees everything else.
 */
struct LeaveToExit
{
    void operator()(Engine *engine) const
    {
#if defined(__SANITIZE_ADDRESS__)
        delete engine;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
        delete engine;
#endif
#endif
        Q_UNUSED(engine)
    }
};
using ProcessEngine = std::unique_ptr<Engine, LeaveToExit>;

} // namespace Tideline::Cli
