// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// How long exporting takes: the bundles of every release of a large plan (Bundle::build and
// Bundle::manifest, in memory) for each dialect, and once more writing the folders layout to
// disk. The engine runs before the measurement. Figures and their reading: docs/performance.md.

#include "plangenerator.h"

#include <engine/engine.h>
#include <sql/bundle.h>
#include <sql/bundlewriter.h>
#include <sql/dialect.h>

#include <QHash>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Tideline;
using namespace Tideline::Benchmarks;

namespace {

// A full-size Engine::run takes a fraction of a second, but the export of 200 releases for the
// slower rows plus Qt Test's warm-up call can come near Qt Test's 5-minute watchdog on a slow
// machine. Lift it to an hour unless the caller chose a limit.
[[maybe_unused]] const bool watchdogLifted = [] {
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArrayLiteral("3600000"));
    return true;
}();

/** Full size: 300 tables, 200 releases, 2,000 refactorings; tables of 18 columns. */
constexpr PlanSize FullSize{300, 200, 2000, PlanSize::groupsNeeded(2000, 300)};

/**
 * An engine that has run the generated plan of @p size, built once per size for all the calls
 * of a benchmark function (Qt Test calls each one twice: a warm-up call, then the measured one).
 * Returns nullptr and sets @p why when the plan does not run.
 */
const Engine *engineFor(const PlanSize &size, QString *why)
{
    static QHash<QString, std::shared_ptr<Engine>> engines;
    const QString key = QStringLiteral("%1/%2/%3/%4")
                            .arg(size.tables)
                            .arg(size.releases)
                            .arg(size.refactorings)
                            .arg(size.groupsPerTable);
    if (const auto found = engines.constFind(key); found != engines.constEnd())
        return found->get();
    auto engine = std::make_shared<Engine>(generatePlan(size));
    QList<PlanError> errors;
    if (!engine->run(&errors)) {
        *why = QStringLiteral("Engine::run failed: %1").arg(errors.isEmpty() ? QString() : errors.first().toString());
        return nullptr;
    }
    engines.insert(key, engine);
    return engine.get();
}

/**
 * Builds the bundle and the manifest of every release 1..m of @p engine for @p dialect and, when
 * @p directory is not empty, writes each in the folders layout to @p directory/rK. Counts the
 * files and manifest bytes in @p files and @p bytes so that nothing is optimised away.
 */
bool exportAll(const Engine &engine, const Dialect &dialect, const QString &directory, int *files,
               qint64 *bytes, QString *error)
{
    *files = 0;
    *bytes = 0;
    for (int k = 1; k <= engine.releaseCount(); ++k) {
        Bundle bundle;
        if (!Bundle::build(engine, engine.releaseId(k), dialect, &bundle, error))
            return false;
        *bytes += bundle.manifest().size();
        *files += bundle.files.size();
        if (!directory.isEmpty()
            && !BundleWriter::write(bundle, k, QStringLiteral("folders"),
                                    directory + QStringLiteral("/r%1").arg(k), true, error))
            return false;
    }
    return true;
}

} // namespace

class BenchExport : public QObject
{
    Q_OBJECT

private slots:
    void exportFullPlan_data();
    void exportFullPlan();
    void exportScaling_data();
    void exportScaling();
};

// Every release of the full-size plan, for each dialect; the last row also writes the folders
// layout (the scripts, manifest.json and RUNBOOK.md of each release) into a temporary folder.
void BenchExport::exportFullPlan_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<bool>("write");
    QTest::newRow("postgresql") << "postgresql" << false;
    QTest::newRow("sqlite") << "sqlite" << false;
    QTest::newRow("sqlserver") << "sqlserver" << false;
    QTest::newRow("mysql") << "mysql" << false;
    QTest::newRow("postgresql, folders layout written") << "postgresql" << true;
}

void BenchExport::exportFullPlan()
{
    QFETCH(QString, dialect);
    QFETCH(bool, write);
    QString error;
    const Engine *engine = engineFor(FullSize, &error);
    QVERIFY2(engine, qPrintable(error));
    const Dialect *d = Dialect::forName(dialect);
    QVERIFY(d);
    QTemporaryDir out;
    QVERIFY2(out.isValid(), qPrintable(out.errorString()));

    int run = 0, files = 0;
    qint64 bytes = 0;
    bool ok = false;
    QBENCHMARK
    {
        // A fresh folder per iteration, so that no iteration pays for clearing the previous one.
        const QString directory = write ? out.filePath(QStringLiteral("run%1").arg(++run)) : QString();
        ok = exportAll(*engine, *d, directory, &files, &bytes, &error);
    }
    QVERIFY2(ok, qPrintable(error));
    QVERIFY(files > 0);
    qInfo("%d releases, %d files, %lld bytes of manifests", engine->releaseCount(), files, bytes);
}

// PostgreSQL bundles in memory as the plan grows: releases and refactorings at 25/50/100 % with
// 300 tables of 18 columns (the 100 % row is the plan of exportFullPlan).
void BenchExport::exportScaling_data()
{
    QTest::addColumn<int>("releases");
    QTest::addColumn<int>("refactorings");
    QTest::newRow("releases 25%: 50 releases, 500 refactorings") << 50 << 500;
    QTest::newRow("releases 50%: 100 releases, 1000 refactorings") << 100 << 1000;
    QTest::newRow("releases 100%: 200 releases, 2000 refactorings") << 200 << 2000;
}

void BenchExport::exportScaling()
{
    QFETCH(int, releases);
    QFETCH(int, refactorings);
    QString error;
    const PlanSize size{FullSize.tables, releases, refactorings, FullSize.groupsPerTable};
    const Engine *engine = engineFor(size, &error);
    QVERIFY2(engine, qPrintable(error));
    const Dialect *d = Dialect::forName(QStringLiteral("postgresql"));
    QVERIFY(d);

    int files = 0;
    qint64 bytes = 0;
    bool ok = false;
    QBENCHMARK
    {
        ok = exportAll(*engine, *d, QString(), &files, &bytes, &error);
    }
    QVERIFY2(ok, qPrintable(error));
    qInfo("%d releases, %d files, %lld bytes of manifests", engine->releaseCount(), files, bytes);
}

QTEST_GUILESS_MAIN(BenchExport)
#include "bench_export.moc"
