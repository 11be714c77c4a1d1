// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>

class QCommandLineParser;

namespace Tideline::Cli {

/**
 * One command as `help`, the man page and the shell completions describe it. Its options are
 * the very QCommandLineOption objects its parser takes, so help cannot name an option the
 * parser refuses nor leave out one it accepts.
 */
struct CommandHelp
{
    QString name;
    QString synopsis; // after "tideline-cli "
    QString summary;
    QList<QCommandLineOption> options;
};

/** --help, --color and --progress: every command's parser takes them. */
QList<QCommandLineOption> commonOptions();

/** The TIDELINE_* variable that stands in for an option the command line lacks, or empty. */
QString environmentVariable(const QString &optionName);
/** The option's value: the command line's, else its non-empty TIDELINE_* variable's, else its default. */
QString optionValue(const QCommandLineParser &parser, const QString &optionName);

/** `tideline-cli help`: every command with its synopsis and summary. */
QString commandList(const QList<CommandHelp> &commands);
/** `tideline-cli help CMD` and `CMD --help`: the usage with every option. */
QString commandUsage(const CommandHelp &command);
/** `tideline-cli help --all`: the list, then every command's usage (the man page is made from it). */
QString allHelp(const QList<CommandHelp> &commands);
/** `tideline-cli completion SHELL` for bash, zsh and fish; empty for another shell. */
QString completion(const QList<CommandHelp> &commands, const QString &shell);
/** The shells completion() knows. */
QStringList completionShells();

} // namespace Tideline::Cli
