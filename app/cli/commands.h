// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Tideline::Cli {

/** Exit codes of DESIGN.md §9. */
enum ExitCode { Ok = 0, CheckFailed = 1, BadInput = 2 };

/** Runs one tideline-cli command; @p arguments include the program name. */
int run(const QStringList &arguments);

} // namespace Tideline::Cli
