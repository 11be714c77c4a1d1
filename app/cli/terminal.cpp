// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "terminal.h"

#include "help.h"

#include <QCommandLineParser>
#include <QLocale>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace Tideline::Cli::Terminal {

namespace {

bool colour = false;
bool showProgress = false;

bool interactive(int fd)
{
    return ::isatty(fd) == 1 && qEnvironmentVariable("TERM") != QLatin1String("dumb");
}

} // namespace

bool configure(const QCommandLineParser &parser, QString *error)
{
    QString when = optionValue(parser, QStringLiteral("color")); // or TIDELINE_COLOR
    if (when.isEmpty())
        when = QStringLiteral("auto");
    if (when == QLatin1String("always"))
        colour = true;
    else if (when == QLatin1String("never"))
        colour = false;
    else if (when == QLatin1String("auto"))
        // https://no-color.org: a non-empty NO_COLOR turns colour off unless the command line asks for it.
        colour = qEnvironmentVariableIsEmpty("NO_COLOR") && interactive(STDOUT_FILENO);
    else {
        *error = QStringLiteral("%1 must be auto, always or never, not '%2'")
                     .arg(parser.isSet(QStringLiteral("color")) ? QStringLiteral("--color")
                                                                 : environmentVariable(QStringLiteral("color")),
                          when);
        return false;
    }
    showProgress = parser.isSet(QStringLiteral("progress")) || interactive(STDERR_FILENO);
    return true;
}

QString paint(const QString &text, Paint paint)
{
    if (!colour)
        return text;
    const char *code = "";
    switch (paint) {
    case Paint::Good:
        code = "32"; // green
        break;
    case Paint::Warning:
        code = "33"; // yellow
        break;
    case Paint::Bad:
        code = "1;31"; // bold red
        break;
    case Paint::Dim:
        code = "2";
        break;
    }
    return QStringLiteral("\x1b[%1m%2\x1b[0m").arg(QLatin1String(code), text);
}

bool progress()
{
    return showProgress;
}

void suppressProgress()
{
    showProgress = false;
}

void progressLine(const QString &label, double seconds, int done, int total)
{
    if (!showProgress)
        return;
    QString line;
    if (total > 0) {
        constexpr int width = 20;
        const int filled = int(qint64(width) * qBound(0, done, total) / total);
        line = QStringLiteral("[%1%2] %3/%4 ")
                   .arg(QString(filled, QLatin1Char('#')), QString(width - filled, QLatin1Char('-')))
                   .arg(done)
                   .arg(total);
    }
    line += QStringLiteral("%1 (%2 s)").arg(label, QLocale::c().toString(seconds, 'f', seconds < 10 ? 2 : 1));
    QTextStream err(stderr);
    err << line << Qt::endl;
}

} // namespace Tideline::Cli::Terminal
