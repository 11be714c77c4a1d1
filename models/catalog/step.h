// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Tideline {

/** Where a step runs inside its release, in running order (DESIGN.md §2). */
enum class Phase { Offline, Pre, Backfill, App, Post };

QString phaseName(Phase phase);
bool phaseFromName(const QString &name, Phase *phase);
/** True for the phases whose scripts shape P_k (everything before the switch). */
inline bool isBeforeSwitch(Phase phase)
{
    return phase < Phase::App;
}

/**
 * One change to the database made by a DB step. The engine applies it to a schema state; the
 * dialects (SQL generation) turn the same value into SQL, so both always agree.
 */
struct SchemaOp
{
    enum class Type {
        AddColumn,      // table, column
        DropColumn,     // table, columnName (indexes and constraints on it go too)
        SetNotNull,     // table, columnName
        DropNotNull,    // table, columnName
        CreateTable,    // newTable
        AddConstraint,  // table, constraint
        Backfill,       // table: columnName = expression, or = sourceColumn, where still NULL
        MoveBackfill,   // table.columns -> toTable rows (find or create), table.key = toTable.id
        AddSyncTrigger, // table: keep columnName = expression(sourceColumn) on every write
        SwapColumn,     // table: drop columnName, rename newName to it (keeping its place,
                        // nullability, default and indexes) and drop the sync trigger
    };

    Type type = Type::AddColumn;
    QString table;
    Column column;
    QString columnName;
    QString newName;
    QString sourceColumn; // Backfill by copy, AddSyncTrigger
    QString expression;   // user SQL (backfill or conversion), marked as such in scripts
    Constraint constraint;
    Table newTable;
    QString toTable;                // MoveBackfill
    QMap<QString, QString> mapping; // MoveBackfill: column in table -> column in toTable
    QString key;                    // MoveBackfill: reference column in table

    static QString typeName(Type type);
};

/** How an application version's use of one table changes from a step's release on. */
struct UsageOp
{
    QString table;
    QStringList readsAdd, readsRemove;
    QStringList writesAdd, writesRemove;   // inserts and updates alike
    QStringList honoursAdd;                // constraint keys the app respects from now on
    QMap<QString, QStringList> writeTypes; // column -> types its written values fit
};

/** One unit of a refactoring, placed relative to the refactoring's start release. */
struct Step
{
    QString name;
    int offset = 0; // releases after the start release
    Phase phase = Phase::Pre;
    QString category; // expand, backfill, constraint, contract, sync, app
    QString description;
    QStringList dependsOn; // names of steps that must run no later than this one
    QList<SchemaOp> ops;   // DB steps
    QList<UsageOp> usage;  // app steps

    bool isAppStep() const { return phase == Phase::App; }
};

} // namespace Tideline
