// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The dialect registry and the route contract of OpScript (models/sql/dialect.h): every script
// a dialect renders says how it runs, and the lints judge that declaration, not the SQL text.
#include "../benchmarks/plangenerator.h"
#include "../review/reviewtest.h"

#include <engine/schemaops.h>
#include <review/lints.h>
#include <sql/dialect.h>

#include <QDirIterator>
#include <QSet>
#include <QTest>

using namespace Tideline;
using namespace Tideline::ReviewTest;

namespace {

/** @p inner, except that every script it renders is declared with @p route (and, when
 *  @p unbatched, as a backfill in one statement): what a dialect would say of an engine that
 *  cannot run the op online. */
class ForcedRoute final : public Dialect
{
public:
    ForcedRoute(const Dialect &inner, Route route, bool unbatched)
        : m_inner(inner)
        , m_route(route)
        , m_unbatched(unbatched)
    {}
    QString name() const override { return m_inner.name(); }
    QString title() const override { return m_inner.title(); }
    QString quoteIdentifier(const QString &identifier) const override { return m_inner.quoteIdentifier(identifier); }
    QString mapType(const QString &type) const override { return m_inner.mapType(type); }
    OpScript script(const SchemaOp &op, const Schema &before, const Policy &policy) const override
    {
        OpScript s = m_inner.script(op, before, policy);
        if (m_route == Route::Offline) {
            s.setOffline(QStringLiteral("forced by the test"));
        } else {
            s.route = m_route;
            s.offline = false;
            s.offlineReason.clear();
        }
        if (m_unbatched)
            s.batched = false;
        return s;
    }
    QList<ScriptUnit> createSchema(const Schema &schema) const override { return m_inner.createSchema(schema); }
    QStringList splitStatements(const QString &sql) const override { return m_inner.splitStatements(sql); }
    QStringList commonTypes() const override { return m_inner.commonTypes(); }

private:
    const Dialect &m_inner;
    Route m_route;
    bool m_unbatched;
};

bool has(const QList<Finding> &findings, const QString &lint, const QString &refactoring)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [&](const Finding &f) { return f.lint == lint && f.refactoring == refactoring; });
}

/** Every plan the tests ship, and a generated plan with every kind's example. */
QList<QPair<QString, Plan>> allPlans()
{
    QList<QPair<QString, Plan>> plans;
    QStringList files;
    for (const QString &dir : {QStringLiteral(TIDELINE_TEST_DATA), QStringLiteral(TIDELINE_TEST_DATA "/sqlite-plans"),
                               QStringLiteral(TIDELINE_EXAMPLES)}) {
        QDirIterator it(dir, {QStringLiteral("*.tideline.json")});
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    for (const QString &file : std::as_const(files)) {
        Plan plan;
        QList<PlanError> errors;
        if (PlanFile::load(file, &plan, &errors))
            plans.append({QFileInfo(file).fileName(), plan});
    }
    Benchmarks::PlanSize size;
    size.tables = 12;
    size.releases = 6;
    size.refactorings = 36;
    size.groupsPerTable = 3;
    plans.append({QStringLiteral("generated"), Benchmarks::generatePlan(size)});
    return plans;
}

} // namespace

class TestRoutes : public QObject
{
    Q_OBJECT

private slots:
    void registry()
    {
        QSet<QString> names;
        for (const Dialect *d : Dialect::all()) {
            QVERIFY(!names.contains(d->name()));
            names << d->name();
            QCOMPARE(Dialect::forName(d->name()), d);
            QVERIFY(!d->title().isEmpty());
            QVERIFY2(!d->commonTypes().isEmpty(), qPrintable(d->name()));
        }
        QCOMPARE(Dialect::names().size(), Dialect::all().size());
        QCOMPARE(Plan::dialects(), Dialect::names());
        QVERIFY(Dialect::names().contains(Plan().dialect)); // the default of a new plan
        QCOMPARE(Dialect::forName(QStringLiteral("oracle")), nullptr);
    }

    /** The contract of dialect.h, for every op of every plan on every engine. */
    void contract_data()
    {
        QTest::addColumn<QString>("dialect");
        for (const QString &name : Dialect::names())
            QTest::newRow(qPrintable(name)) << name;
    }

    void contract()
    {
        QFETCH(QString, dialect);
        const Dialect *d = Dialect::forName(dialect);
        QSet<SchemaOp::Type> seen;
        int ops = 0;
        for (const auto &[label, original] : allPlans()) {
            Plan plan = original;
            plan.dialect = dialect;
            Engine engine(plan);
            QList<PlanError> errors;
            if (!engine.run(&errors))
                continue; // a plan of another engine's types
            for (const PlacedStep &placed : engine.steps()) {
                if (placed.step.isAppStep() || placed.release < 1 || placed.release > engine.releaseCount())
                    continue;
                Schema schema = placed.before;
                QSet<QString> filled;
                for (const SchemaOp &op : placed.step.ops) {
                    const OpScript s = d->script(op, schema, plan.policy);
                    const QString where = QStringLiteral("%1: %2 %3 %4 on %5")
                                              .arg(label, engine.plan().refactorings.at(placed.refactoring).id,
                                                   placed.step.name, SchemaOp::typeName(op.type), op.table);
                    QVERIFY2(s.units.isEmpty() || s.route != Route::Undeclared,
                             qPrintable(where + QStringLiteral(": no route declared")));
                    QVERIFY2(s.offline == (s.route == Route::Offline),
                             qPrintable(where + QStringLiteral(": offline and route disagree (%1)").arg(routeName(s.route))));
                    QVERIFY2(!s.offline || !s.offlineReason.isEmpty(), qPrintable(where + QStringLiteral(": no reason")));
                    QVERIFY2(!s.batched || op.type == SchemaOp::Type::Backfill || op.type == SchemaOp::Type::MoveBackfill,
                             qPrintable(where + QStringLiteral(": batched, but not a backfill")));
                    seen << op.type;
                    ++ops;
                    QString ignored;
                    applySchemaOp(op, &schema, &filled, &ignored);
                }
            }
        }
        QVERIFY(ops > 100);
        QVERIFY2(seen.size() >= 15, qPrintable(QString::number(seen.size())));
    }

    /** A few declarations, engine by engine, as docs/sql-generation.md explains them. */
    void declared_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("refactoring");
        QTest::addColumn<int>("opType");
        QTest::addColumn<int>("route");
        QTest::addColumn<bool>("buildsIndex");
        QTest::addColumn<bool>("batched");
        auto row = [](const char *name, const char *dialect, const char *file, const char *refactoring, SchemaOp::Type type,
                      Route route, bool buildsIndex, bool batched) {
            QTest::newRow(name) << QString::fromLatin1(dialect) << QString::fromLatin1(file) << QString::fromLatin1(refactoring)
                                << int(type) << int(route) << buildsIndex << batched;
        };
        using T = SchemaOp::Type;
        const char *fk = "review-fk-postgresql.tideline.json";
        row("postgresql: foreign key NOT VALID + VALIDATE", "postgresql", fk, "labels", T::AddConstraint, Route::Online, false, false);
        row("postgresql: batched move", "postgresql", fk, "labels", T::MoveBackfill, Route::Online, false, true);
        row("sqlserver: foreign key WITH NOCHECK", "sqlserver", fk, "labels", T::AddConstraint, Route::Online, false, false);
        row("mysql: foreign key, checks off", "mysql", fk, "labels", T::AddConstraint, Route::Online, false, false);
        row("mysql: batched move", "mysql", fk, "labels", T::MoveBackfill, Route::Online, false, true);
        row("sqlite: foreign key by rebuild, indexes too", "sqlite", fk, "labels", T::AddConstraint, Route::Blocking, true, false);
        row("sqlite: one-pass move", "sqlite", fk, "labels", T::MoveBackfill, Route::Blocking, false, false);
        const char *swap = "review-index-sqlserver.tideline.json";
        row("sqlserver: NOT NULL swap rebuilds the index", "sqlserver", swap, "big-customer-id", T::SwapColumn, Route::Offline, true, false);
        row("sqlserver: nullable swap", "sqlserver", swap, "wider-total", T::SwapColumn, Route::Instant, false, false);
        row("postgresql: swap builds CONCURRENTLY", "postgresql", swap, "big-customer-id", T::SwapColumn, Route::Online, true, false);
        row("mysql: NOT NULL swap", "mysql", swap, "big-customer-id", T::SwapColumn, Route::Offline, true, false);
        row("sqlite: swap rebuilds", "sqlite", swap, "big-customer-id", T::SwapColumn, Route::Blocking, true, false);
        const char *backfill = "review-backfill.tideline.json";
        row("postgresql: ADD COLUMN", "postgresql", backfill, "initial", T::AddColumn, Route::Instant, false, false);
        row("sqlserver: batched backfill", "sqlserver", backfill, "initial", T::Backfill, Route::Online, false, true);
        row("sqlite: one UPDATE", "sqlite", backfill, "initial", T::Backfill, Route::Blocking, false, false);
    }

    void declared()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, file);
        QFETCH(QString, refactoring);
        QFETCH(int, opType);
        QFETCH(int, route);
        QFETCH(bool, buildsIndex);
        QFETCH(bool, batched);
        const auto engine = engineFor(dataPath(file), [&](Plan *p) { p->dialect = dialect; });
        QVERIFY(engine);
        const Dialect *d = Dialect::forName(dialect);
        bool found = false;
        for (const PlacedStep &placed : engine->steps()) {
            if (engine->plan().refactorings.at(placed.refactoring).id != refactoring)
                continue;
            Schema schema = placed.before;
            QSet<QString> filled;
            for (const SchemaOp &op : placed.step.ops) {
                if (int(op.type) == opType && !found) {
                    const OpScript s = d->script(op, schema, engine->plan().policy);
                    QCOMPARE(routeName(s.route), routeName(Route(route)));
                    QCOMPARE(s.buildsIndex, buildsIndex);
                    QCOMPARE(s.batched, batched);
                    found = true;
                }
                QString ignored;
                applySchemaOp(op, &schema, &filled, &ignored);
            }
        }
        QVERIFY(found);
    }

    /** A route declared Blocking (or Offline, or a backfill declared unbatched) is a finding on
     *  every engine, whatever its SQL says. */
    void blockingIsFound_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("refactoring");
        QTest::addColumn<QString>("lint");
        QTest::addColumn<int>("route");
        QTest::addColumn<bool>("unbatched");
        for (const QString &name : Dialect::names()) {
            auto row = [&](const char *what, const char *file, const char *refactoring, const char *lint, Route route,
                           bool unbatched) {
                QTest::newRow(qPrintable(name + QLatin1Char(' ') + QLatin1String(what)))
                    << name << QString::fromLatin1(file) << QString::fromLatin1(refactoring) << QString::fromLatin1(lint)
                    << int(route) << unbatched;
            };
            row("index build", "review-index-sqlserver.tideline.json", "big-customer-id", "non-online-index",
                Route::Blocking, false);
            row("foreign key", "review-fk-postgresql.tideline.json", "labels", "constraint-not-online", Route::Blocking,
                false);
            row("backfill", "review-fk-postgresql.tideline.json", "labels", "unbatched-backfill", Route::Online, true);
            row("type swap", "review-index-sqlserver.tideline.json", "wider-total", "in-place-type-change",
                Route::Offline, false);
        }
    }

    void blockingIsFound()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, file);
        QFETCH(QString, refactoring);
        QFETCH(QString, lint);
        QFETCH(int, route);
        QFETCH(bool, unbatched);
        const auto engine = engineFor(dataPath(file), [&](Plan *p) { p->dialect = dialect; });
        QVERIFY(engine);
        const ForcedRoute forced(*Dialect::forName(dialect), Route(route), unbatched);
        QVERIFY2(has(Lints::run(*engine, forced), lint, refactoring), qPrintable(lint));
        // Declared Online and batched, the same SQL is no finding.
        const ForcedRoute online(*Dialect::forName(dialect), Route::Online, false);
        if (lint != QLatin1String("unbatched-backfill"))
            QVERIFY2(!has(Lints::run(*engine, online), lint, refactoring), qPrintable(lint));
    }
};

QTEST_GUILESS_MAIN(TestRoutes)
#include "tst_routes.moc"
