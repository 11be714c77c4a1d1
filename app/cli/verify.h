// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Tideline::Cli {

/** `verify PLAN --release R [--dsn DSN] [--rows N] [--json]`: proof by execution. */
int verify(const QStringList &args, const QString &releaseId, const QString &dsn, const QString &rows, bool json);

} // namespace Tideline::Cli
