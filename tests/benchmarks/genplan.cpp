// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// tideline-genplan: writes the generated plans of tests/benchmarks as the files a user opens,
// so that whole processes (tideline-cli, tideline, sqlite3, squawk) can be timed on them.
#include "plangenerator.h"

#include <engine/engine.h>
#include <io/planfile.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

using namespace Tideline;
using namespace Tideline::Benchmarks;

namespace {

struct NamedSize
{
    const char *name;
    PlanSize size;
};

// The scaling series of issue 12. s0.5 has the tables of s1 (18 columns, as bench_engine's
// releases series); each refactoring owns a column group of its table, so s2 (4,000
// refactorings on 300 tables) needs wider ones (32 columns); "s1-tables2x" doubles the tables
// of s1 and keeps their width.
const NamedSize Series[] = {
    {"s0.5", {300, 100, 1000, PlanSize::groupsNeeded(2000, 300)}},
    {"s1", {300, 200, 2000, PlanSize::groupsNeeded(2000, 300)}},
    {"s2", {300, 400, 4000, PlanSize::groupsNeeded(4000, 300)}},
    {"s1-tables2x", {600, 200, 2000, PlanSize::groupsNeeded(2000, 300)}},
    // For verify, which loads sample rows into every table and runs each script twice on a
    // server: the size of bench_verify (100 tables, 10 releases, 100 refactorings).
    {"v100", {100, 10, 100, 1}},
};

bool write(const QString &path, const Plan &plan, QTextStream &err)
{
    QList<PlanError> errors;
    if (PlanFile::save(path, plan, &errors))
        return true;
    for (const PlanError &e : std::as_const(errors))
        err << "tideline-genplan: " << path << ": " << e.toString() << Qt::endl;
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes generated benchmark plans as .tideline (SQLite) and .tideline.json files: the series "
        "s0.5 (100 releases / 1,000 refactorings), s1 (200 / 2,000), s2 (400 / 4,000) and s1-tables2x "
        "(s1 on 600 tables), all on 300 tables unless said, and v100 (100 / 10 / 100, for verify), or one "
        "plan of the sizes given."));
    parser.addHelpOption();
    const QCommandLineOption tables(QStringLiteral("tables"), QStringLiteral("Tables (one plan)."), QStringLiteral("N"));
    const QCommandLineOption releases(QStringLiteral("releases"), QStringLiteral("Releases (one plan)."), QStringLiteral("N"));
    const QCommandLineOption refactorings(QStringLiteral("refactorings"), QStringLiteral("Refactorings (one plan)."),
                                          QStringLiteral("N"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("File stem of the one plan (default custom)."),
                                  QStringLiteral("NAME"), QStringLiteral("custom"));
    const QCommandLineOption only(QStringLiteral("only"), QStringLiteral("Write only this plan of the series (repeatable)."),
                                  QStringLiteral("NAME"));
    parser.addOptions({tables, releases, refactorings, name, only});
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Folder to write the plans into."));
    parser.process(app);
    if (parser.positionalArguments().size() != 1) {
        err << parser.helpText();
        return 2;
    }
    const QDir dir(parser.positionalArguments().first());
    if (!QDir().mkpath(dir.absolutePath())) {
        err << "tideline-genplan: " << dir.path() << ": cannot create the folder" << Qt::endl;
        return 2;
    }

    QList<QPair<QString, PlanSize>> plans;
    if (parser.isSet(tables) || parser.isSet(releases) || parser.isSet(refactorings)) {
        PlanSize size;
        size.tables = parser.value(tables).isEmpty() ? size.tables : parser.value(tables).toInt();
        size.releases = parser.value(releases).isEmpty() ? size.releases : parser.value(releases).toInt();
        size.refactorings = parser.value(refactorings).isEmpty() ? size.refactorings : parser.value(refactorings).toInt();
        if (size.tables < 1 || size.releases < 1 || size.refactorings < 0) {
            err << "tideline-genplan: --tables, --releases and --refactorings must be positive" << Qt::endl;
            return 2;
        }
        size.groupsPerTable = qMax(1, PlanSize::groupsNeeded(size.refactorings, size.tables));
        plans.append({parser.value(name), size});
    } else {
        const QStringList wanted = parser.values(only);
        for (const NamedSize &s : Series) {
            if (wanted.isEmpty() || wanted.contains(QLatin1String(s.name)))
                plans.append({QLatin1String(s.name), s.size});
        }
        if (plans.isEmpty()) {
            err << "tideline-genplan: --only: no such plan in the series (s0.5, s1, s2, s1-tables2x, v100)" << Qt::endl;
            return 2;
        }
    }

    for (const auto &[stem, size] : std::as_const(plans)) {
        const Plan plan = generatePlan(size);
        QList<PlanError> errors;
        if (!PlanValidator::validate(plan, stem, &errors)) {
            for (const PlanError &e : std::as_const(errors))
                err << "tideline-genplan: " << e.toString() << Qt::endl;
            return 1;
        }
        for (const QString &suffix : {QStringLiteral(".tideline"), QStringLiteral(".tideline.json")}) {
            const QString path = dir.filePath(stem + suffix);
            if (!write(path, plan, err))
                return 1;
            out << "wrote " << path << ": " << size.tables << " tables of " << size.columnsPerTable()
                << " columns, " << size.releases << " releases, " << size.refactorings << " refactorings"
                << Qt::endl;
        }
    }
    return 0;
}
