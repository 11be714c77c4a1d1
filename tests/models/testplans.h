// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small builders for plans in tests, so each test states only what it is about.

#include <domain/plan.h>
#include <engine/engine.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Tideline::TestPlans {

inline Column column(const QString &name, const QString &type, bool nullable = true,
                     const QString &defaultValue = {})
{
    Column c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    c.defaultValue = defaultValue;
    return c;
}

inline Column identity(const QString &name = QStringLiteral("id"))
{
    Column c = column(name, QStringLiteral("integer"), false);
    c.identity = true;
    return c;
}

inline Constraint constraint(Constraint::Kind kind, const QString &name, const QStringList &columns,
                             const QString &expression = {}, const QString &refTable = {},
                             const QStringList &refColumns = {})
{
    Constraint c;
    c.kind = kind;
    c.name = name;
    c.columns = columns;
    c.expression = expression;
    c.refTable = refTable;
    c.refColumns = refColumns;
    return c;
}

inline Index index(const QString &name, const QStringList &columns, bool unique = false,
                   const QString &where = {})
{
    Index i;
    i.name = name;
    i.columns = columns;
    i.unique = unique;
    i.where = where;
    return i;
}

inline Table table(const QString &name, const QList<Column> &columns)
{
    Table t;
    t.name = name;
    t.columns = columns;
    for (const Column &c : columns) {
        if (c.identity)
            t.primaryKey << c.name;
    }
    return t;
}

/** The seeds' customer table: first and last name NOT NULL. */
inline Schema customerSchema(bool namesNotNull = true)
{
    Schema s;
    s.tables.insert(QStringLiteral("customer"),
                    table(QStringLiteral("customer"),
                          {identity(), column(QStringLiteral("first_name"), QStringLiteral("varchar(100)"), !namesNotNull),
                           column(QStringLiteral("last_name"), QStringLiteral("varchar(100)"), !namesNotNull),
                           column(QStringLiteral("name"), QStringLiteral("varchar(200)"), !namesNotNull),
                           column(QStringLiteral("email"), QStringLiteral("varchar(255)")),
                           column(QStringLiteral("score"), QStringLiteral("integer"), false, QStringLiteral("0")),
                           column(QStringLiteral("author_name"), QStringLiteral("varchar(255)"), !namesNotNull),
                           column(QStringLiteral("author_email"), QStringLiteral("varchar(255)"))}));
    return s;
}

inline QList<Release> releases(int count, int deployed = 0)
{
    QList<Release> list;
    for (int i = 1; i <= count; ++i) {
        Release r;
        r.id = QStringLiteral("r%1").arg(i);
        r.label = QStringLiteral("Release %1").arg(i);
        r.status = i <= deployed ? Release::Status::Deployed : Release::Status::Planned;
        list << r;
    }
    return list;
}

inline QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

inline Refactoring refactoring(const QString &id, const QString &kind, const QString &start,
                               const QJsonObject &params, const QMap<QString, QString> &moves = {})
{
    Refactoring r;
    r.id = id;
    r.kind = kind;
    r.start = start;
    r.params = params;
    r.moves = moves;
    return r;
}

inline Plan plan(const Schema &schema, int releaseCount, const QList<Refactoring> &refactorings,
                 bool rollbackSafe = true)
{
    Plan p;
    p.name = QStringLiteral("test");
    p.releases = releases(releaseCount);
    p.baseline.schema = schema;
    p.refactorings = refactorings;
    p.policy.rollbackSafe = rollbackSafe;
    return p;
}

/** Every failure of every required cell, as text, for readable test output. */
inline QStringList requiredFailures(const Engine &engine)
{
    QStringList list;
    for (const Cell &cell : engine.cells()) {
        if (!cell.required)
            continue;
        for (const Failure &f : cell.failures) {
            if (!f.warning)
                list << f.message;
        }
    }
    return list;
}

inline QStringList warnings(const Engine &engine)
{
    QStringList list;
    for (const Cell &cell : engine.cells()) {
        for (const Failure &f : cell.failures) {
            if (f.warning && cell.required)
                list << f.message;
        }
    }
    return list;
}

} // namespace Tideline::TestPlans
