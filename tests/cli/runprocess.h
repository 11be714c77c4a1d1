// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One program run to its end, as tests of the command line and the package run them.

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

struct ProcessRun
{
    int code = -1; // -1: did not start, crashed or timed out (err says which)
    QByteArray out, err;
};

/** Runs @p program in @p directory (when set) with the system's environment plus @p environment,
 *  less @p removed; waits up to ten minutes. */
inline ProcessRun runProcess(const QString &program, const QStringList &arguments,
                             const QMap<QString, QString> &environment = {}, const QString &directory = {},
                             const QStringList &removed = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : removed)
        env.remove(name);
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    if (!directory.isEmpty())
        process.setWorkingDirectory(directory);
    process.start(program, arguments);
    ProcessRun result;
    if (process.waitForFinished(600000) && process.exitStatus() == QProcess::NormalExit)
        result.code = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    if (result.code == -1)
        result.err += process.errorString().toUtf8();
    return result;
}
