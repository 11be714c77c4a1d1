// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Tideline {

/** One column of a table as the schema declares it. */
struct Column
{
    QString name;
    QString type; // as written in the DDL, normalised (e.g. "varchar(256)")
    bool nullable = true;
    QString defaultValue;   // SQL text of the default; empty when there is none
    bool identity = false;  // identity / serial / autoincrement: the database fills it
    bool generated = false; // computed column: nobody writes it

    bool hasDefault() const { return !defaultValue.isEmpty(); }
    /** True when the database fills the column without help from the application. */
    bool filledByDatabase() const { return identity || generated || hasDefault(); }
    bool operator==(const Column &other) const;
    bool operator!=(const Column &other) const { return !(*this == other); }
};

struct Index
{
    QString name;
    QStringList columns;
    bool unique = false;
    bool operator==(const Index &other) const;
};

/** A table constraint other than NOT NULL (which lives on the column). */
struct Constraint
{
    enum class Kind { PrimaryKey, Unique, Check, ForeignKey };
    Kind kind = Kind::Check;
    QString name;        // may be empty for unnamed constraints
    QStringList columns; // columns the constraint covers
    QString expression;  // CHECK expression text
    QString refTable;    // FOREIGN KEY target
    QStringList refColumns;

    /** Stable key used by the compatibility rules, e.g. "check:price_positive" or "unique:email". */
    QString key() const;
    bool operator==(const Constraint &other) const;

    static QString kindName(Kind kind);
    static bool kindFromName(const QString &name, Kind *kind);
};

struct Table
{
    QString name;
    QList<Column> columns; // in declaration order
    QStringList primaryKey;
    QList<Index> indexes;
    QList<Constraint> constraints;

    const Column *column(const QString &columnName) const;
    Column *column(const QString &columnName);
    int columnIndex(const QString &columnName) const;
    bool operator==(const Table &other) const;
};

struct View
{
    QString name;
    QStringList columns;
    QString definition; // SQL of the SELECT, when known
    bool operator==(const View &other) const;
};

struct Parameter
{
    QString name;
    QString type;
    QString defaultValue; // empty: callers must pass it
    bool hasDefault() const { return !defaultValue.isEmpty(); }
    bool operator==(const Parameter &other) const;
};

struct Procedure
{
    QString name;
    QList<Parameter> parameters;
    const Parameter *parameter(const QString &parameterName) const;
    bool operator==(const Procedure &other) const;
};

/**
 * A schema state: the tables, views and procedures of one database at one point of the plan.
 * Values are implicitly shared, so copying a state to derive the next one is cheap.
 */
struct Schema
{
    QMap<QString, Table> tables;
    QMap<QString, View> views;
    QMap<QString, Procedure> procedures;

    const Table *table(const QString &name) const;
    Table *table(const QString &name);
    bool hasRelation(const QString &name) const
    {
        return tables.contains(name) || views.contains(name);
    }
    bool operator==(const Schema &other) const;
    bool operator!=(const Schema &other) const { return !(*this == other); }
};

} // namespace Tideline
