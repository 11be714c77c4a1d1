// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QStringList>

namespace Tideline::Cli {

/** What check() and report() return for --help: the caller prints their usage. */
constexpr int HelpWanted = -1;
/** `check PLAN [--release R] [--json | --format text|json|github|gitlab] [--verify FILE]…` */
int check(const QStringList &arguments);
/** `report PLAN --format html|pdf|json --out FILE [--verify FILE]… [--force]`; needs a QApplication. */
int report(const QStringList &arguments);
/** check's and report's options, as their parsers take them and help lists them. */
QList<QCommandLineOption> checkOptions();
QList<QCommandLineOption> reportOptions();
/** True when the command line runs `report`, which draws charts and so needs a QApplication. */
bool needsGui(int argc, char *argv[]);

} // namespace Tideline::Cli
