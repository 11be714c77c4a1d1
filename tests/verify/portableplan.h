// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The generated benchmark plans (tests/benchmarks/plangenerator.h) write their split_column
// expressions with PostgreSQL's split_part(); SQLite spells the same split with instr().

#include <domain/plan.h>

#include <QJsonArray>
#include <QJsonObject>

namespace Tideline {

inline void useSqliteExpressions(Plan *plan)
{
    for (Refactoring &r : plan->refactorings) {
        if (r.kind != QLatin1String("split_column"))
            continue;
        const QString column = r.params.value(QStringLiteral("column")).toString();
        const QString cut = QStringLiteral("instr(%1 || ' ', ' ')").arg(column);
        QJsonArray into = r.params.value(QStringLiteral("into")).toArray();
        for (int i = 0; i < into.size(); ++i) {
            QJsonObject part = into.at(i).toObject();
            part.insert(QStringLiteral("expression"), i == 0 ? QStringLiteral("substr(%1, 1, %2 - 1)").arg(column, cut)
                                                             : QStringLiteral("substr(%1, %2 + 1)").arg(column, cut));
            into.replace(i, part);
        }
        r.params.insert(QStringLiteral("into"), into);
    }
}

} // namespace Tideline
