// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Loads a plan of tests/data or resources/examples and runs the engine, for the review tests.

#include <engine/engine.h>
#include <io/planfile.h>

#include <QDir>
#include <QTest>

#include <functional>
#include <memory>

namespace Tideline::ReviewTest {

inline QString dataPath(const QString &name)
{
    return QDir(QStringLiteral(TIDELINE_TEST_DATA)).filePath(name);
}

inline QString examplePath(const QString &name)
{
    return QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath(name);
}

/** The engine of @p path after @p change (may be empty) edited the plan; nullptr on errors. */
inline std::unique_ptr<Engine> engineFor(const QString &path, const std::function<void(Plan *)> &change = {})
{
    Plan plan;
    QList<PlanError> errors;
    if (!PlanFile::load(path, &plan, &errors) || !PlanValidator::validate(plan, path, &errors)) {
        for (const PlanError &e : errors)
            qWarning("%s", qPrintable(e.toString()));
        return nullptr;
    }
    if (change)
        change(&plan);
    auto engine = std::make_unique<Engine>(plan);
    if (!engine->run(&errors)) {
        for (const PlanError &e : errors)
            qWarning("%s", qPrintable(e.toString()));
        return nullptr;
    }
    return engine;
}

} // namespace Tideline::ReviewTest
