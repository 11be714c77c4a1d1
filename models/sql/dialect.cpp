// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialect.h"

#include "mysqldialect.h"
#include "postgresdialect.h"
#include "sqlitedialect.h"
#include "sqlserverdialect.h"

#include <domain/identifiers.h>

#include <algorithm>

namespace Tideline {

const Dialect *Dialect::forName(const QString &name)
{
    static const PostgresDialect postgres;
    static const SqliteDialect sqlite;
    static const SqlServerDialect sqlserver;
    static const MySqlDialect mysql;
    for (const Dialect *d : {static_cast<const Dialect *>(&postgres), static_cast<const Dialect *>(&sqlite),
                             static_cast<const Dialect *>(&sqlserver), static_cast<const Dialect *>(&mysql)}) {
        if (d->name() == name)
            return d;
    }
    return nullptr;
}

QString Dialect::quoteString(const QString &text) const
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString Dialect::identifierProblem(const QString &name) const
{
    return Identifiers::problem(name);
}

QString Dialect::runNote(bool, const QString &) const
{
    return QStringLiteral("Re-runnable: running it again changes nothing.");
}

QString Dialect::preamble(const Policy &, Phase) const
{
    return {};
}

QString Dialect::comment(const QString &text) const
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = line.isEmpty() ? QStringLiteral("--") : QStringLiteral("-- ") + QString(line).replace(QLatin1Char('\r'), QLatin1Char(' '));
    return lines.join(QLatin1Char('\n'));
}

QString Dialect::indexKey(const Table &table, const QStringList &entries) const
{
    QStringList key;
    for (const QString &entry : entries)
        key << (table.column(entry) ? quoteIdentifier(entry) : QLatin1Char('(') + entry + QLatin1Char(')'));
    return key.join(QStringLiteral(", "));
}

QString Dialect::viewStatement(const QString &verb, const View &view, const QString &name, const QString &baseTable) const
{
    QStringList columns;
    for (const QString &c : view.columns)
        columns << quoteIdentifier(c);
    const QString list = columns.join(QStringLiteral(", "));
    QString query = view.definition.trimmed();
    if (query.isEmpty() && !view.baseTable.isEmpty())
        query = QStringLiteral("SELECT %1 FROM %2").arg(list, baseTable);
    else if (query.section(QLatin1Char('\n'), -1).contains(QLatin1String("--")))
        query += QLatin1Char('\n'); // what ends the statement must not end up in the comment
    return QStringLiteral("%1 %2%3 AS\n%4").arg(verb, name, columns.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(list), query);
}

bool Dialect::hasExpression(const Table &table, const Index &index)
{
    return std::any_of(index.columns.begin(), index.columns.end(),
                       [&table](const QString &entry) { return !table.column(entry); });
}

} // namespace Tideline
