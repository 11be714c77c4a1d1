// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "step.h"

#include <domain/plan.h>

#include <QList>
#include <QString>

namespace Tideline {

struct ParamSpec
{
    QString name;
    QString type; // "identifier", "type", "sql", "bool", "identifiers", "map", "columns"
    bool required = true;
    QString defaultValue; // shown in the catalog; empty when none
    QString description;
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

/** One catalog kind: parameters, steps with default placement, and how to decompose it. */
struct KindSpec
{
    QString name; // e.g. "merge_columns"
    QString title;
    QString summary;
    QList<ParamSpec> params;
    QList<StepSpec> steps;
    Decomposer decompose = nullptr;

    const StepSpec *step(const QString &stepName) const;
    const ParamSpec *param(const QString &paramName) const;
};

/**
 * The refactoring catalog. Adding a kind means adding one KindSpec (parameters, steps and a
 * decomposer) in catalog.cpp and its rows in tst_catalog.
 */
class Catalog
{
public:
    static const QList<KindSpec> &kinds();
    static const KindSpec *kind(const QString &name);

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
};

} // namespace Tideline
