// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/persistentmap.h>
#include <domain/plan.h>

#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Tideline {

struct UsageOp;

/** What one application version does with one table or view. */
struct TableUsage
{
    QSet<QString> reads;
    QSet<QString> inserts;
    QSet<QString> updates;
    QSet<QString> honours; // constraint keys it respects ("not_null:c", Constraint::key())
    QMap<QString, QStringList> writeTypes; // column -> the types its written values fit

    bool writes(const QString &column) const
    {
        return inserts.contains(column) || updates.contains(column);
    }
    bool isEmpty() const { return reads.isEmpty() && inserts.isEmpty() && updates.isEmpty(); }
    bool operator==(const TableUsage &o) const
    {
        return reads == o.reads && inserts == o.inserts && updates == o.updates
               && honours == o.honours && writeTypes == o.writeTypes;
    }
};

/** The usage A_k of one application version: what it reads, writes and calls. */
struct AppUsage
{
    /** Tables and views. Persistent: a release's version shares every entry its steps leave
     *  alone with the version before it. */
    PersistentMap<TableUsage> tables;
    QMap<QString, QSet<QString>> calls; // procedure -> parameters passed

    /** A_0: the whole baseline, every column read and written except identity/generated ones. */
    static AppUsage fromBaseline(const Schema &baseline);

    void apply(const UsageOp &op);
    /** Applies a hand edit; @p schema gives the types of columns the edit starts writing. */
    void apply(const UsageEdit &edit, const Schema &schema);
    bool operator==(const AppUsage &o) const { return tables == o.tables && calls == o.calls; }
};

/** The NOT NULL key the compatibility rules use for a column. */
inline QString notNullKey(const QString &column)
{
    return QStringLiteral("not_null:") + column;
}

} // namespace Tideline
