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
 * One change to the database made by a DB step. The engine applies it to a schema state
 * (engine/schemaops.cpp); the dialects (SQL generation) turn the same value into SQL, so both
 * always agree. Every dialect renders every type: the switch statements over Type have no
 * default, so the compiler (-Werror=switch) names a dialect that forgets one.
 */
struct SchemaOp
{
    enum class Type {
        AddColumn,      // table, column. Added as given: a kind that backfills adds it bare
                        // (no default) so no default can hide the backfill
        DropColumn,     // table, columnName. Indexes, constraints, sync triggers and foreign
                        // keys of other tables that involve it go too (dialects drop those
                        // first where the engine would refuse)
        SetNotNull,     // table, columnName
        DropNotNull,    // table, columnName
        CreateTable,    // newTable
        AddConstraint,  // table, constraint (named: the catalog names what it creates). A
                        // PRIMARY KEY replaces the one the table has, in one step
        Backfill,       // table: columnName = expression, or = sourceColumn, where still NULL
        MoveBackfill,   // table.columns -> toTable rows (find or create), table.key = toTable.id
        AddSyncTrigger, // table: keep columnName filled from sources (see SyncTrigger)
        SwapColumn,     // table: the old column columnName is replaced by the shadow newName,
                        // which takes its name and becomes `column` (the old column's place,
                        // nullability, default, identity, collation, comment, with the new
                        // type); the old column's indexes, keys and constraints, and foreign
                        // keys that reference it, end up on the swapped column under their names;
                        // the sync trigger filling the shadow goes
        AddIndex,       // table, index (named)
        DropIndex,      // table, index (its name); nothing when it is gone already
        DropConstraint, // table, constraint (its name); nothing when it is gone already
        SetDefault,     // table, columnName, value: the default's SQL text
        DropDefault,    // table, columnName
        SetComment,     // table, columnName (empty: the table's comment), value (empty: none)
        DropSyncTrigger, // table, columnName: the sync trigger that fills it
        SetTableOptions, // table, options: MySQL storage engine, default character set and
                         // collation, and whether the text columns are converted to it
        RenameIndex,     // table, index (as it is), newName; nothing when the index has the
                         // new name already and the old one is gone
        RenameConstraint, // table, constraint (as it is), newName; nothing when the constraint
                          // has the new name already and the old one is gone. What the
                          // constraint enforces does not change (nor the honours of versions)
        CreateEnum,      // enumType (name and values): a named enum type (PostgreSQL)
        AddEnumValue,    // value, optionally beforeValue or afterValue (where it goes; else
                         // last): added to the enum type enumType.name, or, when table is set,
                         // to the enum('a','b') column type of table.columnName (MySQL)
        ReplaceProcedure, // procedure: the procedure's new signature (its name and every
                          // parameter); dialectSql: the engine's CREATE statement per dialect
        RawSql,          // dialectSql: user SQL per dialect; dialectGuard: a query per dialect
                         // that returns a row once it has run; transactional. Its effect on
                         // the schema is unknown to Tideline: the state does not change
        DropTable,      // table. Its indexes, constraints and triggers go with it; foreign keys
                        // of other tables that still reference it go too (a kind drops them
                        // first, by name, so that no engine refuses)
        RenameTable,    // table -> newName; foreign keys that reference it, its sequences'
                        // ownership and its rows follow. With view.name set (the old name),
                        // the same unit leaves that view, passing every column of the renamed
                        // table through (View::baseTable), so versions that use the old name
                        // keep reading and writing it
        CreateView,     // view (name, columns, definition). replace: the view exists and gets
                        // the new definition (CREATE OR REPLACE), else it is new
        DropView,       // view (its name); nothing when it is gone already
    };

    Type type = Type::AddColumn;
    QString table;
    Column column;
    QString columnName;
    QString newName; // SwapColumn: the shadow column; RenameIndex, RenameConstraint: the new name
    QString sourceColumn; // Backfill by copy, AddSyncTrigger
    QStringList sources;  // AddSyncTrigger: the columns whose change recomputes the target
    QString expression;   // user SQL (backfill or conversion), marked as such in scripts
    QString value;        // SetDefault, SetComment: SQL text of the default, the comment text
    Constraint constraint;
    Index index;
    Table newTable;
    QString toTable;                // MoveBackfill
    QMap<QString, QString> mapping; // MoveBackfill: column in table -> column in toTable
    QString key;                    // MoveBackfill: reference column in table
    /** SetTableOptions: what changes; an empty field stays as it is. */
    struct TableOptions
    {
        QString engine;
        QString charset;
        QString collation;
        bool convert = false; // CONVERT TO CHARACTER SET: the text columns follow
    } options;
    EnumType enumType;              // CreateEnum; AddEnumValue: the type's name (enum form)
    QString beforeValue, afterValue; // AddEnumValue: where the new value goes
    Procedure procedure;            // ReplaceProcedure: the new signature
    QMap<QString, QString> dialectSql;   // ReplaceProcedure, RawSql: dialect -> user SQL
    QMap<QString, QString> dialectGuard; // RawSql: dialect -> "already applied" query
    bool transactional = true;      // RawSql: false when the SQL must run outside a transaction
    View view;                      // CreateView, DropView; RenameTable: the compatibility view
    bool replace = false;           // CreateView: replace the existing view's definition

    /** The sync trigger an AddSyncTrigger op creates. */
    SyncTrigger syncTrigger() const;
    static QString typeName(Type type);
};

/** How an application version's use of one table changes from a step's release on. */
struct UsageOp
{
    QString table;
    QStringList readsAdd, readsRemove;
    QStringList writesAdd, writesRemove;   // inserts and updates alike
    QStringList honoursAdd;                // constraint keys the app respects from now on
    QStringList honoursRemove;             // … and those it no longer promises to respect
    QString procedure;                     // set: the op is about calls of this procedure
    QStringList passesAdd;                 // procedure parameters the app passes from now on
    QMap<QString, QStringList> writeTypes; // column -> types its written values fit
    QString movesTo; // the app uses the table under this name from now on (its whole usage
                     // moves there; rename_table)
    bool stops = false; // the app stops using the table (or view) altogether (drop_table)
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
