// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Proof by execution for any engine: runs a plan's bundles on a live database and compares the
// database's own catalog with the engine's schema states after every release. Used by the
// SQLite tests (temporary files) and by the PostgreSQL and MariaDB ones (a server by DSN).

#include <domain/plan.h>
#include <domain/schema.h>
#include <engine/engine.h>
#include <sql/applier.h>
#include <sql/bundle.h>
#include <sql/dialect.h>
#include <sql/livecatalog.h>
#include <sql/schemadiff.h>

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>

namespace Tideline {

/** A type as the engine's catalog writes it, in the spelling all engines share (drift's rules). */
inline QString normalizeSqlType(const QString &type, const QString &dialect)
{
    return SchemaDiff::normalizeType(type, dialect);
}

/**
 * Compares the schema the engine expects with one read from a live database: the same tables;
 * per table the same columns (as sets: after a rebuild some engines list them in another
 * order, which is reported in @p difference but does not fail), the same nullability, equal
 * types after normalizeSqlType(), and the same primary key; the same views with the same columns. Indexes, defaults and CHECK/UNIQUE/
 * FK constraints are not compared yet: not every engine's catalog reader returns them in the
 * same shape, and their names differ by engine. Returns false and describes the first
 * differences in @p difference.
 */
inline bool compareSchemas(const Schema &expected, const Schema &actual, const QString &dialect,
                           QString *difference)
{
    QStringList problems, notes;
    const QStringList expectedTables = expected.tables.keys(), actualTables = actual.tables.keys();
    for (const QString &name : expectedTables) {
        if (!actual.tables.contains(name))
            problems << QStringLiteral("table %1 is missing").arg(name);
    }
    for (const QString &name : actualTables) {
        if (!expected.tables.contains(name))
            problems << QStringLiteral("table %1 is not expected").arg(name);
    }
    for (const Table &want : expected.tables) {
        const Table *have = actual.table(want.name);
        if (!have)
            continue;
        QStringList wantOrder, haveOrder;
        for (const Column &c : want.columns)
            wantOrder << c.name;
        for (const Column &c : have->columns)
            haveOrder << c.name;
        for (const Column &c : want.columns) {
            const Column *h = have->column(c.name);
            if (!h) {
                problems << QStringLiteral("column %1.%2 is missing").arg(want.name, c.name);
                continue;
            }
            if (h->nullable != c.nullable)
                problems << QStringLiteral("column %1.%2 is %3, expected %4")
                                .arg(want.name, c.name, h->nullable ? QStringLiteral("nullable") : QStringLiteral("NOT NULL"),
                                     c.nullable ? QStringLiteral("nullable") : QStringLiteral("NOT NULL"));
            const QString wantType = normalizeSqlType(c.type, dialect), haveType = normalizeSqlType(h->type, dialect);
            // An identity key is an integer of the engine's choosing (SQLite: INTEGER, the rowid).
            const bool keyType = c.identity && h->identity;
            if (wantType != haveType && !keyType)
                problems << QStringLiteral("column %1.%2 has type %3, expected %4")
                                .arg(want.name, c.name, h->type, c.type);
        }
        for (const Column &c : have->columns) {
            if (!want.column(c.name))
                problems << QStringLiteral("column %1.%2 is not expected").arg(want.name, c.name);
        }
        if (problems.isEmpty() && wantOrder != haveOrder)
            notes << QStringLiteral("note: columns of %1 are in another order: %2, expected %3")
                         .arg(want.name, haveOrder.join(QStringLiteral(", ")), wantOrder.join(QStringLiteral(", ")));
        if (want.primaryKey != have->primaryKey)
            problems << QStringLiteral("primary key of %1 is (%2), expected (%3)")
                            .arg(want.name, have->primaryKey.join(QStringLiteral(", ")),
                                 want.primaryKey.join(QStringLiteral(", ")));
    }
    // Views: the same names, each with the same columns in the same order.
    for (const View &want : expected.views) {
        const auto have = actual.views.constFind(want.name);
        if (have == actual.views.cend())
            problems << QStringLiteral("view %1 is missing").arg(want.name);
        else if (have->columns != want.columns)
            problems << QStringLiteral("view %1 has columns (%2), expected (%3)")
                            .arg(want.name, have->columns.join(QStringLiteral(", ")), want.columns.join(QStringLiteral(", ")));
    }
    for (const View &have : actual.views) {
        if (!expected.views.contains(have.name))
            problems << QStringLiteral("view %1 is not expected").arg(have.name);
    }
    *difference = (problems + notes).join(QLatin1Char('\n'));
    return problems.isEmpty();
}

/**
 * Runs @p plan on @p db: the baseline bundle builds S_0, then every release's pre, backfill and
 * post files run (offline ones at their step's place), each file TWICE in a row (re-runnable or not), and the live
 * catalog is compared with P_k after pre+backfill and with S_k after post. @p beforeRelease,
 * when set, is called with k before release k's scripts (to load rows into S_0 or P_k ...).
 * Appends the Applier's lines to @p log; on failure sets @p error naming release and file.
 */
inline bool runPlanOnDatabase(const Plan &plan, const Dialect &dialect, QSqlDatabase db,
                              QStringList *log, QString *error,
                              const std::function<void(int release)> &beforeRelease = {})
{
    Engine engine(plan);
    QList<PlanError> errors;
    if (!engine.run(&errors)) {
        *error = QStringLiteral("engine: %1").arg(errors.isEmpty() ? QString() : errors.first().message);
        return false;
    }
    Applier applier(db, dialect);
    QStringList notes; // column-order notes from compareSchemas, logged after the files
    // The Applier's lines reach the caller on failure too: they say how far the run got.
    struct LogOnReturn
    {
        const Applier &applier;
        QStringList *log;
        const QStringList &notes;
        ~LogOnReturn() { *log += applier.log() + notes; }
    } logOnReturn{applier, log, notes};
    const auto compareWith = [&](int release, Phase phase) {
        Schema live;
        QString message;
        const SchemaState *state = engine.state(release, phase);
        if (!LiveCatalog::read(db, dialect.name(), &live, &message)) {
            *error = QStringLiteral("reading the catalog after %1: %2").arg(state->name, message);
            return false;
        }
        if (!compareSchemas(state->schema, live, dialect.name(), &message)) {
            *error = QStringLiteral("the database differs from %1:\n%2").arg(state->name, message);
            return false;
        }
        if (!message.isEmpty())
            notes << QStringLiteral("%1: %2").arg(state->name, message);
        return true;
    };

    Bundle baseline;
    if (!Bundle::build(engine, QStringLiteral("baseline"), dialect, &baseline, error))
        return false;
    for (const BundleFile &file : std::as_const(baseline.files)) {
        if (!applier.runFile(baseline, file, error))
            return false;
    }
    if (!compareWith(0, Phase::Post))
        return false;

    for (int k = 1; k <= engine.releaseCount(); ++k) {
        if (beforeRelease)
            beforeRelease(k);
        Bundle bundle;
        if (!Bundle::build(engine, engine.releaseId(k), dialect, &bundle, error))
            return false;
        // Every file at its place, offline ones too (in the maintenance window the runbook asks for).
        for (const QString &phase : {QStringLiteral("pre"), QStringLiteral("backfill"), QStringLiteral("post")}) {
            if (phase == QLatin1String("post") && !compareWith(k, Phase::Pre))
                return false;
            for (const BundleFile *file : bundle.runningIn(phase)) {
                for (int run = 0; run < 2; ++run) {
                    QString message;
                    if (!applier.runFile(bundle, *file, &message)) {
                        *error = QStringLiteral("release %1, run %2: %3").arg(engine.releaseId(k)).arg(run + 1).arg(message);
                        return false;
                    }
                }
            }
        }
        if (!compareWith(k, Phase::Post))
            return false;
    }
    return true;
}

} // namespace Tideline
