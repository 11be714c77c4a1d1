// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCommandLineParser;

namespace Tideline::Cli::Terminal {

/**
 * Reads --color (auto, always, never; NO_COLOR) and --progress once for the run. False with
 * @p error for a --color value it does not know.
 */
bool configure(const QCommandLineParser &parser, QString *error);

enum class Paint { Good, Warning, Bad, Dim };
/** @p text in the colour of @p paint when standard output gets colour, else unchanged. */
QString paint(const QString &text, Paint paint);

/** True when progress lines go to standard error: it is a terminal, or --progress asked. */
bool progress();
/** Turns progress off for this run (a machine format is being printed). */
void suppressProgress();
/**
 * One line of progress on standard error: "[##····] 2/5 LABEL (1.2 s)" where @p total is
 * known (> 0), else "LABEL (1.2 s)". Nothing when progress() is false.
 */
void progressLine(const QString &label, double seconds, int done = 0, int total = 0);

} // namespace Tideline::Cli::Terminal
