// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Tideline"));
    QCoreApplication::setApplicationName(QStringLiteral("tideline-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TIDELINE_VERSION));
    return Tideline::Cli::run(QCoreApplication::arguments());
}
