// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "step.h"

#include <domain/plan.h>

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace Tideline {

/**
 * What a parameter's value means. The catalog validates every parameter by its type before a
 * kind's decomposer runs (shape, usable names, objects that must or must not exist); the wizard
 * picks its editor and the docs their wording from it. A kind never needs code of its own for
 * a parameter of one of these types.
 */
enum class ParamType {
    Table,       // an existing table
    NewTable,    // a name no table or view has yet
    Column,      // an existing column of the table named by ParamSpec::of
    NewColumn,   // a name no column of that table has yet
    Columns,     // a list of existing columns of that table
    ColumnSpecs, // a list of new columns: {"name", "type", …} objects
    ColumnMap,   // an object: existing column -> new name
    Type,        // an SQL type
    Sql,         // an SQL expression (user SQL, marked as such in scripts)
    Text,        // free text (a comment)
    Bool,
    Name,        // a new name for an index, constraint, view, enum …
    Index,       // an existing index of that table
    Constraint,  // an existing constraint of that table
    Enum,        // an existing enum type
    View,        // an existing view
    Procedure,   // an existing procedure
    Values,      // a list of text values (enum values)
    Choice,      // one of ParamSpec::choices
    Release,     // a release id of the plan
    DialectSql,  // an object: dialect name ("postgresql", …) -> SQL for that engine
};

/** The name a parameter type has in the catalog's JSON and docs ("existing table", …). */
QString paramTypeName(ParamType type);
/** True for the types whose values (or list items, or map values) are object names. */
bool isNameType(ParamType type);

struct KindSpec;
/**
 * The object a refactoring of @p kind with @p params works on, for titles and suggested ids:
 * the value of its first parameter that names a table (existing or new), a view, an enum or a
 * procedure; empty when it has none.
 */
QString subjectOf(const KindSpec &kind, const QJsonObject &params);

struct ParamSpec
{
    QString name;
    ParamType type = ParamType::Text;
    bool required = true;
    QString defaultValue; // shown in the catalog; empty when none
    QString description;
    QString of = QStringLiteral("table"); // Column, NewColumn, Columns, …: the parameter naming their table
    QStringList choices;                  // Choice: the accepted values
};

/** A step as the catalog lists it: name, default placement and what it does. */
struct StepSpec
{
    QString name;
    int offset = 0;
    Phase phase = Phase::Pre;
    QString category;
    QString description;
    QString condition; // empty: always present; else when the step is generated
    QStringList dependsOn;
};

struct KindSpec;

/** Builds the steps of one refactoring against the schema just before its start release. */
using Decomposer = bool (*)(const KindSpec &spec,
                            const Refactoring &refactoring,
                            const Schema &before,
                            const QString &field,
                            QList<Step> *steps,
                            PlanError *error);

/**
 * Parameters of a working example of a kind, for the benchmark plan generator, the wizard's
 * tests and the tests that run every kind on every engine. @p schema holds @p table (an `id`
 * integer primary key, a `<prefix>a varchar(255) NOT NULL` and a `<prefix>b varchar(255)`
 * column); the builder may add to it what the example needs (a table, an index, a constraint),
 * naming everything it adds and creates with @p prefix. @p variant picks among variants of
 * the kind (any integer). @p dialect is the plan's engine.
 */
/**
 * Refuses parameter values the plan's engine (@p dialect, "postgresql", …) cannot honour, such
 * as a partial index on MySQL: false with @p error naming the field. Runs after the decomposer,
 * against the same state.
 */
using DialectCheck = bool (*)(const KindSpec &spec,
                              const Refactoring &refactoring,
                              const Schema &before,
                              const QString &dialect,
                              const QString &field,
                              PlanError *error);

using ExampleBuilder = QJsonObject (*)(Schema *schema,
                                       const QString &table,
                                       const QString &prefix,
                                       int variant,
                                       const QString &dialect);

/** The table an example starts from, as described above (its key is an identity column,
 *  constraint `<name>_pkey`). */
Table exampleTable(const QString &name, const QString &prefix);

/** One catalog kind: parameters, steps with default placement, and how to decompose it. */
struct KindSpec
{
    QString name; // e.g. "merge_columns"
    QString title;
    QString summary;
    QList<ParamSpec> params;
    QList<StepSpec> steps;
    Decomposer decompose = nullptr;
    ExampleBuilder example = nullptr;
    /** Dialects the kind refuses, with the reason (e.g. {"sqlite": "SQLite has no enum types"}). */
    QMap<QString, QString> unsupported;
    /** Parameter values some engines refuse; nullptr: every engine takes what decompose does. */
    DialectCheck checkDialect = nullptr;

    const StepSpec *step(const QString &stepName) const;
    const ParamSpec *param(const QString &paramName) const;
};

/**
 * The refactoring catalog. Adding a kind means adding one KindSpec (parameters with their
 * types, steps, a decomposer and an example) in a file of models/catalog/kinds/, listed in
 * catalog.cpp's builtInKinds(), and its tests. Every other part of Tideline (SQL for four
 * engines, estimates, lints, verify, the wizard, the docs, the benchmark generator) works from
 * the KindSpec and the SchemaOps its steps carry.
 */
class Catalog
{
public:
    static const QList<KindSpec> &kinds();
    static const KindSpec *kind(const QString &name);
    /** Adds @p spec to the catalog (tests and plug-ins); false when its name is taken. */
    static bool registerKind(const KindSpec &spec);
    /** Removes a kind registerKind() added; built-in kinds stay. */
    static bool unregisterKind(const QString &name);
    /** Checks the parameters of @p refactoring against their declared types in @p before. */
    static bool validateParams(const KindSpec &spec,
                               const Refactoring &refactoring,
                               const Schema &before,
                               const QString &field,
                               PlanError *error);

    /**
     * Decomposes @p refactoring against @p before (the state S_{start-1}).
     * @p field is the refactoring's path in the plan file, e.g. "refactorings[2]".
     * Returns false and fills @p error when a parameter is missing, malformed or names an
     * object that does not exist.
     */
    static bool decompose(const Refactoring &refactoring,
                          const Schema &before,
                          const QString &field,
                          QList<Step> *steps,
                          PlanError *error);
    /** The kind's DialectCheck for the plan's engine @p dialect (true when it has none). */
    static bool checkDialect(const Refactoring &refactoring,
                             const Schema &before,
                             const QString &dialect,
                             const QString &field,
                             PlanError *error);
};

} // namespace Tideline
