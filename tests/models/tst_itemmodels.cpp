// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testplans.h"

#include <engine/engine.h>
#include <io/planfile.h>
#include <itemmodels/compatibilitymatrixmodel.h>
#include <itemmodels/pendingcontractsmodel.h>
#include <itemmodels/schemastatemodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Tideline;

/** The panels' item models: compatibility matrix, pending contracts, schema state. */
class TestItemModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void matrixShowsEngineCells();
    void matrixMapsSelections();
    void matrixShowsFailureReasons();
    void pendingSortsByAge();
    void schemaMarksDifferences();
    void schemaOfEngineState();
    void modelsEmptyWithoutEngine();

private:
    Plan m_plan;
    std::unique_ptr<Engine> m_engine;
};

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto QtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

} // namespace

void TestItemModels::initTestCase()
{
    QList<PlanError> errors;
    QVERIFY(PlanFile::load(QStringLiteral(TIDELINE_EXAMPLES "/customer-full-name.tideline.json"),
                           &m_plan,
                           &errors));
    m_engine = std::make_unique<Engine>(m_plan);
    QVERIFY(m_engine->run(&errors));
}

void TestItemModels::matrixShowsEngineCells()
{
    CompatibilityMatrixModel model;
    Tester tester(&model, QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setEngine(m_engine.get());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), int(m_engine->apps().size()));
    QCOMPARE(model.columnCount(), int(m_engine->states().size()));
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), m_engine->apps().at(0).name);
    QCOMPARE(model.headerData(1, Qt::Horizontal, CompatibilityMatrixModel::NameRole).toString(),
             m_engine->states().at(1).name);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("P_1\nr1 pre"));

    int checked = 0;
    for (const Cell &cell : m_engine->cells()) {
        const QModelIndex index = model.index(cell.app, cell.state);
        QCOMPARE(index.data(CompatibilityMatrixModel::RequiredRole).toBool(), cell.required);
        const auto status = index.data(CompatibilityMatrixModel::StatusRole)
                                .value<CompatibilityMatrixModel::Status>();
        QCOMPARE(status == CompatibilityMatrixModel::Status::Failed, !cell.ok());
        QVERIFY(!index.data().toString().isEmpty());
        ++checked;
    }
    QCOMPARE(checked, 4 * m_engine->releaseCount());
    // A pairing that never meets (A_0 on S_m) has no result.
    const QModelIndex never = model.index(0, model.columnCount() - 1);
    QCOMPARE(never.data(CompatibilityMatrixModel::StatusRole)
                 .value<CompatibilityMatrixModel::Status>(),
             CompatibilityMatrixModel::Status::NotChecked);
    QVERIFY(never.data().toString().isEmpty());
}

void TestItemModels::matrixMapsSelections()
{
    CompatibilityMatrixModel model;
    model.setEngine(m_engine.get());
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            const auto s = index.data(CompatibilityMatrixModel::SelectionRole).value<Selection>();
            QCOMPARE(s.kind, Selection::Kind::Cell);
            QCOMPARE(model.index(s), index);
        }
    }
    QVERIFY(!model.index(Selection()).isValid());
}

void TestItemModels::matrixShowsFailureReasons()
{
    // A_1 reads email, which S_2 drops while A_1 may still be rolled back to.
    Plan plan;
    QList<PlanError> loadErrors;
    QVERIFY(PlanFile::load(QStringLiteral(TIDELINE_TEST_DATA "/cli-rollback-cell.tideline.json"),
                           &plan,
                           &loadErrors));
    Engine engine(plan);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));

    CompatibilityMatrixModel model;
    Tester tester(&model, QtTest);
    model.setEngine(&engine);
    int failed = 0;
    for (const Cell &cell : engine.cells()) {
        const QModelIndex index = model.index(cell.app, cell.state);
        QStringList expected;
        for (const Failure &f : cell.failures)
            expected << f.message;
        QCOMPARE(index.data(CompatibilityMatrixModel::ReasonsRole).toStringList(), expected);
        if (!cell.ok()) {
            ++failed;
            QVERIFY(index.data(Qt::ToolTipRole).toString().contains(expected.constFirst()));
        }
    }
    QCOMPARE(failed, 1);
}

void TestItemModels::pendingSortsByAge()
{
    // Three expands shipped in r1, r2 and r3 (all deployed); contracts far away or unscheduled.
    Plan plan = TestPlans::plan(TestPlans::customerSchema(false), 5, {});
    for (int i = 0; i < 3; ++i)
        plan.releases[i].status = Release::Status::Deployed;
    const QStringList columns = {QStringLiteral("first_name"),
                                 QStringLiteral("last_name"),
                                 QStringLiteral("author_name")};
    for (int i = 0; i < 3; ++i) {
        QJsonObject params;
        params.insert(QStringLiteral("table"), QStringLiteral("customer"));
        params.insert(QStringLiteral("column"), columns.at(i));
        params.insert(QStringLiteral("to"), columns.at(i) + QStringLiteral("_x"));
        Refactoring r = TestPlans::refactoring(QStringLiteral("rename-%1").arg(i),
                                               QStringLiteral("rename_column"),
                                               QStringLiteral("r%1").arg(i + 1),
                                               params);
        plan.refactorings.append(r);
    }
    Engine engine(plan);
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    const QList<PendingContract> pending = engine.pending();
    QVERIFY(pending.size() >= 2);

    PendingContractsModel model;
    Tester tester(&model, QtTest);
    model.setEngine(&engine);
    QCOMPARE(model.rowCount(), int(pending.size()));
    QCOMPARE(model.columnCount(), int(PendingContractsModel::ColumnCount));

    QSortFilterProxyModel proxy;
    Tester proxyTester(&proxy, QtTest);
    proxy.setSourceModel(&model);
    proxy.setSortRole(PendingContractsModel::SortRole);
    proxy.sort(PendingContractsModel::AgeColumn, Qt::DescendingOrder);
    int previous = INT_MAX;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const int age = proxy.index(row, PendingContractsModel::AgeColumn)
                            .data(PendingContractsModel::SortRole)
                            .toInt();
        QVERIFY(age <= previous);
        previous = age;
        const QString id
            = proxy.index(row, 0).data(PendingContractsModel::RefactoringIdRole).toString();
        QVERIFY(plan.refactoringIndex(id) >= 0);
    }
    const PendingContract *first = model.contractAt(model.index(0, 0));
    QVERIFY(first);
    QCOMPARE(first->refactoring, pending.constFirst().refactoring);
    QCOMPARE(model.index(0, PendingContractsModel::ExpandColumn).data().toString(),
             pending.constFirst().expandRelease);
}

void TestItemModels::schemaMarksDifferences()
{
    Schema previous = TestPlans::customerSchema();
    previous.tables.insert(QStringLiteral("legacy"),
                           TestPlans::table(QStringLiteral("legacy"), {TestPlans::identity()}));
    Schema current = previous;
    current.tables.remove(QStringLiteral("legacy"));
    current.tables.insert(QStringLiteral("audit"),
                          TestPlans::table(QStringLiteral("audit"), {TestPlans::identity()}));
    Table &customer = current.tables[QStringLiteral("customer")];
    customer.columns.append(TestPlans::column(QStringLiteral("full_name"), QStringLiteral("text")));
    customer.column(QStringLiteral("first_name"))->nullable = true;
    customer.columns.removeAt(customer.columnIndex(QStringLiteral("email")));

    SchemaStateModel model;
    Tester tester(&model, QtTest);
    model.setSchemas(previous, current);

    using Change = SchemaStateModel::Change;
    auto change = [](const QModelIndex &index) {
        return index.data(SchemaStateModel::ChangeRole).value<Change>();
    };
    QCOMPARE(model.rowCount(), 3); // audit, customer, legacy
    QCOMPARE(change(model.tableIndex(QStringLiteral("audit"))), Change::Added);
    QCOMPARE(change(model.tableIndex(QStringLiteral("legacy"))), Change::Removed);
    const QModelIndex table = model.tableIndex(QStringLiteral("customer"));
    QCOMPARE(change(table), Change::Changed);

    QHash<QString, Change> changes;
    for (int row = 0; row < model.rowCount(table); ++row) {
        const QModelIndex column = model.index(row, 0, table);
        changes.insert(column.data().toString(), change(column));
        QCOMPARE(column.data(SchemaStateModel::TableRole).toString(), QStringLiteral("customer"));
    }
    QCOMPARE(changes.size(),
             int(previous.tables.value(QStringLiteral("customer")).columns.size()) + 1);
    QCOMPARE(changes.value(QStringLiteral("full_name")), Change::Added);
    QCOMPARE(changes.value(QStringLiteral("first_name")), Change::Changed);
    QCOMPARE(changes.value(QStringLiteral("email")), Change::Removed);
    QCOMPARE(changes.value(QStringLiteral("last_name")), Change::Unchanged);

    for (int row = 0; row < model.rowCount(table); ++row) {
        const QModelIndex column = model.index(row, SchemaStateModel::NameColumn, table);
        if (column.data().toString() == QLatin1String("first_name")) {
            QVERIFY(column.data(Qt::ToolTipRole).toString().contains(QStringLiteral("NOT NULL")));
            QCOMPARE(model.index(row, SchemaStateModel::NullableColumn, table).data().toString(),
                     QStringLiteral("NULL"));
        }
        if (column.data().toString() == QLatin1String("email"))
            QVERIFY(column.data(Qt::FontRole).value<QFont>().strikeOut());
    }
}

void TestItemModels::schemaOfEngineState()
{
    // P_1 of the example: full_name appears next to the old columns.
    SchemaStateModel model;
    Tester tester(&model, QtTest);
    const SchemaState *before = m_engine->state(0, Phase::Post);
    const SchemaState *p1 = m_engine->state(1, Phase::Pre);
    QVERIFY(before && p1);
    model.setSchemas(before->schema, p1->schema);
    const QModelIndex customer = model.tableIndex(QStringLiteral("customer"));
    QVERIFY(customer.isValid());
    bool found = false;
    for (int row = 0; row < model.rowCount(customer); ++row) {
        const QModelIndex column = model.index(row, 0, customer);
        if (column.data().toString() == QLatin1String("full_name")) {
            found = true;
            QCOMPARE(column.data(SchemaStateModel::ChangeRole).value<SchemaStateModel::Change>(),
                     SchemaStateModel::Change::Added);
        }
    }
    QVERIFY(found);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestItemModels::modelsEmptyWithoutEngine()
{
    CompatibilityMatrixModel matrix;
    Tester t1(&matrix, QtTest);
    matrix.setEngine(m_engine.get());
    matrix.setEngine(nullptr);
    QCOMPARE(matrix.rowCount(), 0);
    PendingContractsModel pending;
    Tester t2(&pending, QtTest);
    pending.setEngine(nullptr);
    QCOMPARE(pending.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_itemmodels.moc"
