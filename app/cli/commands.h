// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextStream>

namespace Tideline::Cli {

/** Exit codes of DESIGN.md §9. */
enum ExitCode { Ok = 0, CheckFailed = 1, BadInput = 2 };

/** Runs one tideline-cli command; @p arguments include the program name. */
int run(const QStringList &arguments);

/**
 * Flushes what the commands printed and tells whether it all reached standard output. A full
 * disk behind `tideline-cli … > file` must not end in exit 0 with a cut file.
 */
bool flushStandardOutput(QString *error);
/** The one stream every command prints its result on. */
QTextStream &standardOutput();

} // namespace Tideline::Cli
