// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Readable one-line forms of schema objects for the importer tests, so that a failed
// comparison shows what was imported.

#include <domain/schema.h>

#include <QTest>

using namespace Qt::StringLiterals;

namespace Tideline {

// Readable one-line forms, so that a failed comparison shows what was imported.
inline QString describe(const Column &c)
{
    QString text = c.name + u' ' + c.type;
    if (!c.nullable)
        text += u" not null"_s;
    if (c.hasDefault())
        text += u" default "_s + c.defaultValue;
    if (c.identity)
        text += u" identity"_s;
    if (c.generated)
        text += u" generated"_s;
    return text;
}

inline QString describe(const Constraint &c)
{
    QString text = Constraint::kindName(c.kind);
    if (!c.name.isEmpty())
        text += u' ' + c.name;
    text += u" ("_s + c.columns.join(u',') + u')';
    if (c.kind == Constraint::Kind::Check)
        text += u" check "_s + c.expression;
    if (c.kind == Constraint::Kind::ForeignKey)
        text += u" -> "_s + c.refTable + u'(' + c.refColumns.join(u',') + u')';
    return text;
}

inline QString describe(const Index &i)
{
    return (i.unique ? u"unique index "_s : u"index "_s) + i.name + u" ("_s
           + i.columns.join(u" | "_s) + u')';
}

inline QStringList describe(const Table &t)
{
    QStringList lines;
    for (const Column &c : t.columns)
        lines.append(describe(c));
    lines.append(u"pk ("_s + t.primaryKey.join(u',') + u')');
    for (const Constraint &c : t.constraints)
        lines.append(describe(c));
    for (const Index &i : t.indexes)
        lines.append(describe(i));
    return lines;
}

inline char *toString(const Column &c)
{
    return QTest::toString(describe(c));
}

} // namespace Tideline
