// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"
#include "review.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    // Only `report` draws (QCustomPlot charts are widgets): it gets a QApplication on the
    // offscreen platform, so it runs without a display; every other command stays core-only.
    std::unique_ptr<QTemporaryDir> runtime; // outlives the application
    std::unique_ptr<QCoreApplication> app;
    if (Tideline::Cli::needsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        // Without a session (CI, ssh, cron) Qt warns on every report that XDG_RUNTIME_DIR is
        // not set; a private folder for this run (mode 0700, removed at exit) stands in for it.
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
            runtime = std::make_unique<QTemporaryDir>();
            if (runtime->isValid())
                qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime->path()));
        }
        app = std::make_unique<QApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setOrganizationName(QStringLiteral("Tideline"));
    QCoreApplication::setApplicationName(QStringLiteral("tideline-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TIDELINE_VERSION));
    const int code = Tideline::Cli::run(QCoreApplication::arguments());
    QString error;
    if (!Tideline::Cli::flushStandardOutput(&error)) {
        std::fprintf(stderr, "tideline-cli: %s\n", qPrintable(error));
        return Tideline::Cli::BadInput;
    }
    return code;
}
