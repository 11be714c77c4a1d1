// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Every catalog kind on every engine, from the kind's own example: the engine, the
// compatibility matrix (rollback-safe and forward-only), bundles in every layout, the lints,
// the review and its estimates, and execution on SQLite (and on PostgreSQL and MariaDB when a
// server is given) with the catalog read back after every release. Rows come from
// Catalog::kinds(): a kind added to the catalog is tested here without a line of its own.

#include "../sql/execution.h"
#include "../sql/scratchdatabase.h"
#include "exampleplans.h"
#include "madeupkind.h"

#include <catalog/catalog.h>
#include <engine/engine.h>
#include <review/estimate.h>
#include <review/lints.h>
#include <review/review.h>
#include <sql/bundle.h>
#include <sql/bundlewriter.h>
#include <sql/connection.h>
#include <sql/dialect.h>

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace Tideline;

class TestEveryKind : public QObject
{
    Q_OBJECT

private slots:
    void cleanupTestCase();
    void everyKind_data();
    void everyKind();
    void unsupportedDialectIsRefused();
    void madeUpKind();

private:
    /** Rows kind × dialect × example variant × policy for the kinds in @p kinds. */
    static void addRows(const QStringList &kinds);
    /** Everything everyKind() checks, for one plan built from @p kind's example. */
    static void checkKind(const QString &kind, const QString &dialect, int variant, bool rollbackSafe);
    /** Runs the plan's bundles on a fresh database of @p dialect (SQLite file or @p dsn). */
    static void execute(const Plan &plan, const Dialect &dialect, const QString &dsn);
    static QStringList seedStatements(const Plan &plan);
    /** The scripts of every bundle of @p engine, for comparing two plans' output. */
    static QByteArray scriptsOf(const Engine &engine, const Dialect &dialect);
    static QString describe(const QList<PlanError> &errors);

    static inline std::unique_ptr<ScratchDatabase> m_postgres; // the PostgreSQL plans' database
};

void TestEveryKind::cleanupTestCase()
{
    m_postgres.reset(); // dropped while the SQL drivers are still there
}

void TestEveryKind::addRows(const QStringList &kinds)
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<int>("variant");
    QTest::addColumn<bool>("rollbackSafe");
    for (const QString &name : kinds) {
        const KindSpec *kind = Catalog::kind(name);
        for (const QString &dialect : Plan::dialects()) {
            // A dialect the kind refuses gets one row: the refusal is the same for every variant.
            const QList<int> variants = kind->unsupported.contains(dialect) ? QList<int>{0}
                                                                            : ExamplePlans::variants(*kind, dialect);
            for (int variant : variants) {
                for (bool rollbackSafe : {true, false}) {
                    const QByteArray tag = QStringLiteral("%1 %2 #%3 %4")
                                               .arg(name, dialect)
                                               .arg(variant)
                                               .arg(rollbackSafe ? QStringLiteral("rollback-safe")
                                                                 : QStringLiteral("forward-only"))
                                               .toUtf8();
                    QTest::newRow(tag.constData()) << name << dialect << variant << rollbackSafe;
                }
            }
        }
    }
}

void TestEveryKind::everyKind_data()
{
    QStringList kinds;
    for (const KindSpec &kind : Catalog::kinds())
        kinds << kind.name;
    QVERIFY(!kinds.isEmpty());
    addRows(kinds);
}

void TestEveryKind::everyKind()
{
    QFETCH(QString, kind);
    QFETCH(QString, dialect);
    QFETCH(int, variant);
    QFETCH(bool, rollbackSafe);
    checkKind(kind, dialect, variant, rollbackSafe);
}

QString TestEveryKind::describe(const QList<PlanError> &errors)
{
    QStringList lines;
    for (const PlanError &e : errors)
        lines << e.toString();
    return lines.join(QLatin1Char('\n'));
}

void TestEveryKind::checkKind(const QString &kindName, const QString &dialectName, int variant, bool rollbackSafe)
{
    const KindSpec *kind = Catalog::kind(kindName);
    QVERIFY(kind);
    QVERIFY2(kind->example, qPrintable(kindName + QStringLiteral(" has no example")));
    const Dialect *dialect = Dialect::forName(dialectName);
    QVERIFY(dialect);
    const Plan plan = ExamplePlans::planFor(*kind, dialectName, variant, rollbackSafe);

    QList<PlanError> errors;
    QVERIFY2(PlanValidator::validate(plan, {}, &errors), qPrintable(describe(errors)));
    Engine engine(plan);
    const bool ran = engine.run(&errors);

    // A kind that lists the engine as unsupported is refused, with its reason, on the kind.
    if (kind->unsupported.contains(dialectName)) {
        QVERIFY2(!ran, qPrintable(kindName + QStringLiteral(" ran on ") + dialectName));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.constFirst().field, QStringLiteral("refactorings[0].kind"));
        QVERIFY2(errors.constFirst().message.contains(kind->unsupported.value(dialectName)),
                 qPrintable(errors.constFirst().message));
        return;
    }
    QVERIFY2(ran, qPrintable(describe(errors)));

    // Every step of the example lands inside the plan's four releases, and the matrix holds.
    QStringList placed;
    for (const PlacedStep &s : engine.steps()) {
        QVERIFY2(s.release >= 1 && s.release <= engine.releaseCount(),
                 qPrintable(QStringLiteral("%1 lands in release %2").arg(s.step.name).arg(s.release)));
        QVERIFY2(kind->step(s.step.name), qPrintable(s.step.name + QStringLiteral(" is no step of the catalog entry")));
        placed << s.step.name;
    }
    QVERIFY(!placed.isEmpty());
    QStringList failures;
    for (const Cell &cell : engine.cells()) {
        if (!cell.required)
            continue;
        for (const Failure &f : cell.failures) {
            if (!f.warning)
                failures << QStringLiteral("%1 on %2: %3")
                                .arg(engine.apps().at(cell.app).name, engine.states().at(cell.state).name, f.message);
        }
    }
    QVERIFY2(engine.compatible() && failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));

    // Bundles of S_0 and every release, written in every layout.
    QTemporaryDir out;
    QVERIFY(out.isValid());
    QStringList releases{QStringLiteral("baseline")};
    for (const Release &r : plan.releases)
        releases << r.id;
    int scripts = 0;
    for (int position = 0; position < releases.size(); ++position) {
        Bundle bundle;
        QString error;
        QVERIFY2(Bundle::build(engine, releases.at(position), *dialect, &bundle, &error), qPrintable(error));
        for (const BundleFile &file : std::as_const(bundle.files)) {
            QVERIFY2(!file.content.trimmed().isEmpty(), qPrintable(file.path));
            QVERIFY2(std::isfinite(file.estimateSeconds) && file.estimateSeconds >= 0, qPrintable(file.path));
            if (file.phase == QLatin1String("offline"))
                QVERIFY2(!file.offlineReason.isEmpty(), qPrintable(file.path));
            if (!file.refactoring.isEmpty())
                ++scripts;
        }
        QVERIFY(!bundle.runbook.isEmpty());
        for (const QString &layout : BundleWriter::layouts()) {
            const QString folder = out.filePath(QStringLiteral("%1-%2").arg(layout, releases.at(position)));
            QVERIFY2(BundleWriter::write(bundle, position, layout, folder, false, &error), qPrintable(error));
        }
    }
    QVERIFY2(scripts > 0, "the refactoring generated no script");

    // Lints, the review and its estimates: every finding names the object it is about.
    const QList<Finding> findings = Lints::run(engine, *dialect);
    for (const Finding &f : findings)
        QVERIFY2(!f.object.isEmpty(), qPrintable(f.lint + QStringLiteral(": ") + f.message));
    const ReviewResult review = Review::run(engine);
    QCOMPARE(review.releases.size(), plan.releases.size());
    for (const ReleaseReview &r : review.releases) {
        for (const Finding &f : r.findings)
            QVERIFY2(!f.object.isEmpty(), qPrintable(f.lint + QStringLiteral(": ") + f.message));
        for (const ScriptEstimate &s : r.scripts)
            QVERIFY2(std::isfinite(s.estimateSeconds) && s.estimateSeconds >= 0, qPrintable(s.path));
        QVERIFY(std::isfinite(r.estimate.total()));
    }
    for (const PlacedStep &s : engine.steps()) {
        for (const SchemaOp &op : s.step.ops) {
            for (bool offline : {false, true}) {
                const double seconds = Estimate::seconds(op, 1'000'000, dialectName, offline);
                QVERIFY2(std::isfinite(seconds) && seconds >= 0, qPrintable(SchemaOp::typeName(op.type)));
            }
        }
    }

    // Execution: SQLite always, PostgreSQL and MariaDB when the test has a server (there, a
    // forward-only plan whose scripts are those of the rollback-safe one is not run again).
    if (dialectName == QLatin1String("sqlite")) {
        execute(plan, *dialect, {});
        return;
    }
    const QByteArray variable = dialectName == QLatin1String("postgresql") ? "TIDELINE_TEST_PG_DSN"
                                : dialectName == QLatin1String("mysql")    ? "TIDELINE_TEST_MYSQL_DSN"
                                                                           : QByteArray();
    if (variable.isEmpty() || qEnvironmentVariableIsEmpty(variable.constData()))
        return;
    if (!rollbackSafe) {
        Engine safe(ExamplePlans::planFor(*kind, dialectName, variant, true));
        QVERIFY(safe.run(&errors));
        if (scriptsOf(safe, *dialect) == scriptsOf(engine, *dialect))
            return;
    }
    execute(plan, *dialect, qEnvironmentVariable(variable.constData()));
}

QByteArray TestEveryKind::scriptsOf(const Engine &engine, const Dialect &dialect)
{
    QByteArray all;
    for (int k = 0; k <= engine.releaseCount(); ++k) {
        Bundle bundle;
        QString error;
        if (!Bundle::build(engine, engine.releaseId(k), dialect, &bundle, &error))
            return {};
        for (const BundleFile &file : std::as_const(bundle.files))
            all += file.path.toUtf8() + '\n' + file.content;
    }
    return all;
}

QStringList TestEveryKind::seedStatements(const Plan &plan)
{
    // Rows in the example's table before release 1, so that backfills, copies, checks and
    // validations have data: its NOT NULL columns get values, <prefix>b every other row, and
    // every other nullable column (a key the example adds, …) stays NULL.
    const Table *t = plan.baseline.schema.table(ExamplePlans::TableName);
    if (!t)
        return {};
    for (const Constraint &c : t->constraints) {
        for (const QString &name : c.columns) {
            const Column *column = t->column(name);
            if (c.kind == Constraint::Kind::ForeignKey && column && !column->nullable)
                return {}; // a key that needs rows elsewhere first
        }
    }
    QStringList statements;
    for (int row = 1; row <= 6; ++row) {
        QStringList columns, values;
        for (const Column &c : t->columns) {
            if (c.identity || c.generated)
                continue;
            const QString type = c.type.toLower();
            const bool numeric = type.contains(QLatin1String("int")) || type.startsWith(QLatin1String("numeric"))
                                 || type.startsWith(QLatin1String("decimal")) || type.startsWith(QLatin1String("real"))
                                 || type.startsWith(QLatin1String("double")) || type.startsWith(QLatin1String("float"));
            const bool text = type.contains(QLatin1String("char")) || type.contains(QLatin1String("text"));
            QString value;
            if (!c.nullable && !c.hasDefault())
                value = numeric ? QString::number(row) : text ? QStringLiteral("'v%1'").arg(row) : QString();
            else if (c.name == ExamplePlans::Prefix + QStringLiteral("b") && row % 2 == 0)
                value = QStringLiteral("'w%1'").arg(row);
            if (value.isEmpty() && !c.nullable && !c.hasDefault())
                return {}; // a NOT NULL column of a type this seed cannot fill: no rows
            if (value.isEmpty())
                continue;
            columns << c.name;
            values << value;
        }
        statements << QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                          .arg(t->name, columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")));
    }
    return statements;
}

void TestEveryKind::execute(const Plan &plan, const Dialect &dialect, const QString &dsn)
{
    // A fresh database per plan. PostgreSQL creates one slowly: there, one database serves the
    // whole test and every plan starts from an empty public schema.
    static int serial = 0;
    ScratchDatabase own;
    const bool pg = dialect.name() == QLatin1String("postgresql");
    if (pg && !m_postgres)
        m_postgres = std::make_unique<ScratchDatabase>();
    ScratchDatabase &scratch = pg ? *m_postgres : own;
    QString error;
    if (!pg || scratch.dsn().isEmpty())
        QVERIFY2(scratch.create(dsn, QStringLiteral("everykind%1").arg(++serial), &error), qPrintable(error));
    Connection db;
    QVERIFY2(db.open(scratch.dsn(), &error), qPrintable(error));
    // A scratch database need not survive a crash: no waiting for the disk after each commit.
    if (pg) {
        QVERIFY2(runStatements(db.database(),
                               {QStringLiteral("SET client_min_messages = warning"),
                                QStringLiteral("DROP SCHEMA IF EXISTS public CASCADE"),
                                QStringLiteral("CREATE SCHEMA public"),
                                QStringLiteral("SET synchronous_commit = off")},
                               &error),
                 qPrintable(error));
    } else if (dialect.name() == QLatin1String("sqlite")) {
        QSqlQuery(db.database()).exec(QStringLiteral("PRAGMA synchronous = OFF"));
    }
    const QStringList seed = seedStatements(plan);
    bool seeded = !seed.isEmpty();
    const auto seedRows = [&](int release) {
        QString seedError, ignored;
        if (release != 1 || !seeded || runStatements(db.database(), seed, &seedError))
            return;
        // Rows the example's own constraints refuse: the plan runs on an empty table instead.
        qWarning("no rows for this example: %s", qPrintable(seedError));
        runStatements(db.database(), {QStringLiteral("DELETE FROM %1").arg(dialect.quoteIdentifier(ExamplePlans::TableName))},
                      &ignored);
        seeded = false;
    };
    QStringList log;
    const bool ok = runPlanOnDatabase(plan, dialect, db.database(), &log, &error, seedRows);
    QVERIFY2(ok, qPrintable(error + QLatin1Char('\n') + log.join(QLatin1Char('\n'))));
    // The rows went through every release (where the example's table is still there).
    Engine engine(plan);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    if (seeded && engine.states().constLast().schema.table(ExamplePlans::TableName)) {
        QSqlQuery q(db.database());
        QVERIFY2(q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(dialect.quoteIdentifier(ExamplePlans::TableName))) && q.next(),
                 qPrintable(q.lastError().text()));
        QCOMPARE(q.value(0).toInt(), int(seed.size()));
    }
}

void TestEveryKind::unsupportedDialectIsRefused()
{
    // No built-in kind has to refuse an engine; a registered one shows the engine refuses it.
    KindSpec spec = MadeUpKind::spec();
    spec.name = QStringLiteral("test_refused_kind");
    spec.unsupported.insert(QStringLiteral("sqlserver"), QStringLiteral("this test says SQL Server cannot"));
    QVERIFY(Catalog::registerKind(spec));
    struct Unregister
    {
        ~Unregister() { Catalog::unregisterKind(QStringLiteral("test_refused_kind")); }
    } unregister;
    for (const QString &dialect : Plan::dialects()) {
        checkKind(spec.name, dialect, 0, true);
        if (QTest::currentTestFailed())
            return;
    }
    const Plan plan = ExamplePlans::planFor(spec, QStringLiteral("sqlserver"));
    Engine engine(plan);
    QList<PlanError> errors;
    QVERIFY(!engine.run(&errors));
    QCOMPARE(errors.constFirst().message,
             QStringLiteral("test_refused_kind cannot run on this plan's engine: this test says SQL Server cannot"));
}

void TestEveryKind::madeUpKind()
{
    // A kind no source file knows goes through everything a built-in one does.
    QVERIFY(!Catalog::kind(MadeUpKind::Name));
    {
        MadeUpKind::Registration registration;
        QVERIFY(registration.ok());
        QVERIFY(!Catalog::registerKind(MadeUpKind::spec())); // the name is taken now
        QCOMPARE(Catalog::kinds().constLast().name, MadeUpKind::Name);
        for (const QString &dialect : Plan::dialects()) {
            for (int variant : ExamplePlans::variants(*Catalog::kind(MadeUpKind::Name), dialect)) {
                for (bool rollbackSafe : {true, false}) {
                    checkKind(MadeUpKind::Name, dialect, variant, rollbackSafe);
                    if (QTest::currentTestFailed()) {
                        qWarning("made-up kind failed on %s, variant %d, %s", qPrintable(dialect), variant,
                                 rollbackSafe ? "rollback-safe" : "forward-only");
                        return;
                    }
                }
            }
        }
        // The catalog validates its parameters by type before its decomposer runs.
        Plan plan = ExamplePlans::planFor(*Catalog::kind(MadeUpKind::Name), QStringLiteral("postgresql"));
        QCOMPARE(subjectOf(*Catalog::kind(MadeUpKind::Name), plan.refactorings[0].params), ExamplePlans::TableName);
        plan.refactorings[0].params.insert(QStringLiteral("column"), ExamplePlans::Prefix + QStringLiteral("a"));
        Engine engine(plan);
        QList<PlanError> errors;
        QVERIFY(!engine.run(&errors));
        QCOMPARE(errors.constFirst().field, QStringLiteral("refactorings[0].params.column"));
        QCOMPARE(errors.constFirst().message, QStringLiteral("column t.g0_a already exists"));
    }
    // Unregistered, plans naming it are refused again; built-in kinds stay.
    QVERIFY(!Catalog::kind(MadeUpKind::Name));
    QVERIFY(!Catalog::unregisterKind(Catalog::kinds().constFirst().name));
    const Plan plan = ExamplePlans::planFor(MadeUpKind::spec(), QStringLiteral("sqlite"));
    Engine engine(plan);
    QList<PlanError> errors;
    QVERIFY(!engine.run(&errors));
    QVERIFY2(errors.constFirst().message.contains(QStringLiteral("unknown kind")), qPrintable(describe(errors)));
}

QTEST_GUILESS_MAIN(TestEveryKind)
#include "tst_everykind.moc"
