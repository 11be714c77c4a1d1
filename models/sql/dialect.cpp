// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialect.h"

#include "mysqldialect.h"
#include "postgresdialect.h"
#include "sqlitedialect.h"
#include "sqlserverdialect.h"

#include <catalog/carry.h>
#include <domain/identifiers.h>
#include <review/sqltext.h>

#include <QRegularExpression>

#include <algorithm>

namespace Tideline {

const QList<const Dialect *> &Dialect::all()
{
    static const PostgresDialect postgres;
    static const SqliteDialect sqlite;
    static const SqlServerDialect sqlserver;
    static const MySqlDialect mysql;
    static const QList<const Dialect *> list{&postgres, &sqlite, &sqlserver, &mysql};
    return list;
}

QStringList Dialect::names()
{
    QStringList list;
    for (const Dialect *d : all())
        list << d->name();
    return list;
}

const Dialect *Dialect::forName(const QString &name)
{
    for (const Dialect *d : all()) {
        if (d->name() == name)
            return d;
    }
    return nullptr;
}

Route defaultRoute(SchemaOp::Type type)
{
    using Type = SchemaOp::Type;
    switch (type) {
    case Type::RenameIndex:
    case Type::RenameConstraint:
    case Type::RenameTable:
    case Type::DropTable:
    case Type::CreateView:
    case Type::DropView:
    case Type::CreateEnum:
    case Type::AddEnumValue:
    case Type::ReplaceProcedure:
    case Type::SetComment:
    case Type::SetDefault:
    case Type::DropDefault:
    case Type::DropNotNull:
    case Type::DropSyncTrigger:
    case Type::DropIndex:
    case Type::DropConstraint:
        return Route::Instant;
    case Type::SetTableOptions:
        return Route::Online;
    case Type::RawSql:
    case Type::AddColumn:
    case Type::DropColumn:
    case Type::SetNotNull:
    case Type::CreateTable:
    case Type::AddConstraint:
    case Type::Backfill:
    case Type::MoveBackfill:
    case Type::AddSyncTrigger:
    case Type::SwapColumn:
    case Type::AddIndex:
        return Route::Blocking;
    }
    return Route::Blocking;
}

QString routeName(Route route)
{
    switch (route) {
    case Route::Undeclared:
        return QStringLiteral("undeclared");
    case Route::Instant:
        return QStringLiteral("instant");
    case Route::Online:
        return QStringLiteral("online");
    case Route::Blocking:
        return QStringLiteral("blocking");
    case Route::Offline:
        return QStringLiteral("offline");
    }
    return {};
}

EngineCosts Dialect::costs() const
{
    // Seed 000: "10,000,000 rows backfilled in about 4–5 minutes"; 270 s is the middle.
    // Reading a table once (validating a constraint) is much cheaper than updating every row;
    // an index build reads and sorts (CONCURRENTLY reads the table twice); a table copy writes
    // every row and every index again.
    EngineCosts c;
    c.dialect = name();
    c.backfillRowsPerSecond = 10'000'000.0 / 270.0;
    c.scanRowsPerSecond = 2'000'000.0;
    c.indexRowsPerSecond = 1'000'000.0;
    c.rewriteRowsPerSecond = 500'000.0;
    return c;
}

bool Dialect::isVolatileDefault(const QString &defaultSql) const
{
    if (defaultSql.trimmed().isEmpty())
        return false;
    const QStringList calls = SqlText::functionCalls(defaultSql);
    return std::any_of(calls.cbegin(), calls.cend(), [](const QString &f) { return SqlText::isVolatileFunction(f); });
}

bool Dialect::isMetadataOnlyTypeChange(const QString &, const QString &) const
{
    return false;
}

bool Dialect::parseType(const QString &type, TypeShape *shape)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\w[\\w ]*?)\\s*(?:\\((\\d+)(?:\\s*,\\s*(\\d+))?\\))?\\s*$"));
    const auto m = re.match(type.toLower());
    if (!m.hasMatch())
        return false;
    shape->base = m.captured(1);
    shape->length = m.captured(2).isEmpty() ? -1 : m.captured(2).toInt();
    shape->scale = m.captured(3).isEmpty() ? -1 : m.captured(3).toInt();
    shape->varchar = shape->base == QLatin1String("varchar") || shape->base == QLatin1String("character varying");
    return true;
}

bool Dialect::isIndexed(const Table *table, const QString &column)
{
    if (!table)
        return false;
    if (table->primaryKey.contains(column))
        return true;
    for (const Index &index : table->indexes) {
        if (Carry::covers(*table, index, column))
            return true;
    }
    for (const Constraint &c : table->constraints) {
        if ((c.kind == Constraint::Kind::PrimaryKey || c.kind == Constraint::Kind::Unique) && c.columns.contains(column))
            return true;
    }
    return false;
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
