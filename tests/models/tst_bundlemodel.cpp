// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <engine/engine.h>
#include <io/planfile.h>
#include <itemmodels/bundlemodel.h>
#include <sql/dialect.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Tideline;

/** The bundle as an item model: phases, scripts and their SQL. */
class TestBundleModel : public QObject
{
    Q_OBJECT

private slots:
    void showsPhasesAndScripts_data();
    void showsPhasesAndScripts();
    void resetsOnNewBundle();
};

namespace {

Bundle bundleOf(const QString &release, const QString &dialect)
{
    Plan plan;
    QList<PlanError> errors;
    PlanFile::load(TIDELINE_TEST_DATA "/sql-every-kind.tideline.json", &plan, &errors);
    Engine engine(plan);
    engine.run(&errors);
    Bundle bundle;
    QString error;
    Bundle::build(engine, release, *Dialect::forName(dialect), &bundle, &error);
    return bundle;
}

} // namespace

void TestBundleModel::showsPhasesAndScripts_data()
{
    QTest::addColumn<QString>("release");
    QTest::addColumn<QString>("dialect");
    QTest::newRow("r1 postgresql") << "r1" << "postgresql";
    QTest::newRow("r3 sqlite") << "r3" << "sqlite";
    QTest::newRow("baseline mysql") << "baseline" << "mysql";
}

void TestBundleModel::showsPhasesAndScripts()
{
    QFETCH(QString, release);
    QFETCH(QString, dialect);
    const Bundle bundle = bundleOf(release, dialect);
    QVERIFY(!bundle.files.isEmpty());

    BundleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBundle(bundle);

    int scripts = 0;
    QStringList phases;
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex phase = model.index(g, 0);
        phases << phase.data(BundleModel::PhaseRole).toString();
        QVERIFY(!model.fileAt(phase));
        for (int row = 0; row < model.rowCount(phase); ++row) {
            const QModelIndex script = model.index(row, 0, phase);
            const BundleFile *file = model.fileAt(script);
            QVERIFY(file);
            QCOMPARE(file->phase, phases.last());
            QCOMPARE(script.data(BundleModel::SqlRole).toString(), QString::fromUtf8(file->content));
            QCOMPARE(script.data(BundleModel::PathRole).toString(), file->path);
            QCOMPARE(model.index(row, BundleModel::Refactoring, phase).data().toString(), file->refactoring);
            QCOMPARE(model.index(row, BundleModel::Step, phase).data().toString(), file->step);
            QCOMPARE(model.index(row, BundleModel::Estimate, phase).data().toDouble(), file->estimateSeconds);
            QCOMPARE(model.index(file->path), script);
            QCOMPARE(model.parent(script), phase);
            ++scripts;
        }
    }
    QCOMPARE(scripts, bundle.files.size());
    // Running order of the folders.
    const QStringList order{"baseline", "pre", "backfill", "post", "offline"};
    for (int i = 1; i < phases.size(); ++i)
        QVERIFY(order.indexOf(phases.at(i - 1)) < order.indexOf(phases.at(i)));
    QVERIFY(!model.index("no/such/file.sql").isValid());
}

void TestBundleModel::resetsOnNewBundle()
{
    BundleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setBundle(bundleOf("r1", "postgresql"));
    const int phasesR1 = model.rowCount();
    model.setBundle(bundleOf("r3", "postgresql"));
    QCOMPARE(reset.count(), 2);
    QVERIFY(phasesR1 >= 2);
    QCOMPARE(model.bundle().release, QStringLiteral("r3"));
    model.setBundle(Bundle());
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestBundleModel)
#include "tst_bundlemodel.moc"
