// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Fixture plans and small schemas shared by the dialect tests.

#include <engine/engine.h>
#include <io/planfile.h>
#include <sql/bundle.h>
#include <sql/dialect.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <memory>

namespace Tideline::SqlFixtures {

struct LoadedPlan
{
    Plan plan;
    std::unique_ptr<Engine> engine;
};

inline bool loadPlan(const QString &name, LoadedPlan *loaded, QString *error)
{
    QList<PlanError> errors;
    const QString path = QStringLiteral(TIDELINE_TEST_DATA "/%1.tideline.json").arg(name);
    if (!PlanFile::load(path, &loaded->plan, &errors)) {
        *error = errors.isEmpty() ? QStringLiteral("cannot load %1").arg(path) : errors.first().message;
        return false;
    }
    loaded->engine = std::make_unique<Engine>(loaded->plan);
    if (!loaded->engine->run(&errors)) {
        *error = errors.isEmpty() ? QStringLiteral("engine failed") : errors.first().message;
        return false;
    }
    return true;
}

/** Every bundle of a plan: the baseline, then each release in order. */
inline QList<Bundle> bundlesOf(const Engine &engine, const Dialect &dialect, QString *error)
{
    QList<Bundle> bundles;
    QStringList ids{QStringLiteral("baseline")};
    for (int k = 1; k <= engine.releaseCount(); ++k)
        ids << engine.releaseId(k);
    for (const QString &id : ids) {
        Bundle b;
        if (!Bundle::build(engine, id, dialect, &b, error))
            return {};
        bundles << b;
    }
    return bundles;
}

/** A customer table with a column, its change_type shadow, and an index on the column. */
inline Schema customers()
{
    Table t;
    t.name = "customer";
    Column id;
    id.name = "id";
    id.type = "integer";
    id.nullable = false;
    id.identity = true;
    Column name;
    name.name = "name";
    name.type = "varchar(100)";
    name.nullable = false;
    Column total;
    total.name = "total";
    total.type = "numeric(10,2)";
    Column shadow;
    shadow.name = "total_new";
    shadow.type = "numeric(12,2)";
    t.columns = {id, name, total, shadow};
    t.primaryKey = {"id"};
    Index i;
    i.name = "customer_total_idx";
    i.columns = {"total"};
    t.indexes = {i};
    Schema s;
    s.tables.insert(t.name, t);
    return s;
}

inline QString sqlOf(const OpScript &script)
{
    QStringList parts;
    for (const ScriptUnit &u : script.units)
        parts << u.sql;
    return parts.join("\n");
}

/**
 * Compares every file of @p bundles with the golden copy under
 * tests/data/golden/<dialect>/<plan>/<release>/<path>, and checks that no golden file is left
 * without a generated one. With TIDELINE_UPDATE_GOLDEN=1 it rewrites the goldens instead (review
 * the diff by eye before committing them). Returns the first difference, or an empty string.
 */
inline QString goldenDifference(const QList<Bundle> &bundles, const QString &dialect, const QString &plan)
{
    const QDir root(QStringLiteral(TIDELINE_TEST_DATA "/golden/") + dialect + QLatin1Char('/') + plan);
    const bool update = qEnvironmentVariableIntValue("TIDELINE_UPDATE_GOLDEN") == 1;
    if (update)
        QDir(root.path()).removeRecursively();
    QStringList expected; // every file the goldens hold, to catch files the bundle lost
    if (!update && root.exists()) {
        QStringList pending{root.path()};
        while (!pending.isEmpty()) {
            const QDir dir(pending.takeFirst());
            for (const QFileInfo &info : dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
                if (info.isDir())
                    pending << info.filePath();
                else
                    expected << root.relativeFilePath(info.filePath());
            }
        }
    }
    for (const Bundle &b : bundles) {
        for (const BundleFile &f : b.files) {
            const QString relative = b.release + QLatin1Char('/') + f.path;
            const QString path = root.filePath(relative);
            if (update) {
                QDir().mkpath(QFileInfo(path).path());
                QFile out(path);
                if (!out.open(QIODevice::WriteOnly) || out.write(f.content) != f.content.size())
                    return QStringLiteral("cannot write ") + path;
                continue;
            }
            QFile in(path);
            if (!in.open(QIODevice::ReadOnly))
                return QStringLiteral("no golden file %1 (run with TIDELINE_UPDATE_GOLDEN=1)").arg(path);
            const QStringList have = QString::fromUtf8(f.content).split(QLatin1Char('\n'));
            const QStringList want = QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'));
            for (int i = 0; i < qMax(have.size(), want.size()); ++i) {
                const QString h = have.value(i, QStringLiteral("<end of file>"));
                const QString w = want.value(i, QStringLiteral("<end of file>"));
                if (h != w)
                    return QStringLiteral("%1 line %2 (TIDELINE_UPDATE_GOLDEN=1 rewrites the goldens)\n"
                                          "  generated: %3\n  golden:    %4")
                        .arg(relative).arg(i + 1).arg(h, w);
            }
            expected.removeAll(relative);
        }
    }
    if (!expected.isEmpty())
        return QStringLiteral("golden files no bundle produced: ") + expected.join(QStringLiteral(", "));
    return {};
}

/** Loads fixture plan @p plan, builds all its bundles for @p dialect and compares them with
 *  the goldens under @p goldenFolder: the first problem, or an empty string. */
inline QString goldenDifferenceOfPlan(const QString &plan, const Dialect &dialect, const QString &goldenFolder)
{
    LoadedPlan loaded;
    QString error;
    if (!loadPlan(plan, &loaded, &error))
        return error;
    const QList<Bundle> bundles = bundlesOf(*loaded.engine, dialect, &error);
    if (bundles.isEmpty())
        return error.isEmpty() ? QStringLiteral("no bundles") : error;
    return goldenDifference(bundles, goldenFolder, plan);
}

} // namespace Tideline::SqlFixtures
