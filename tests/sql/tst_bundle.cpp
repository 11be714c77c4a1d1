// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <engine/engine.h>
#include <io/planfile.h>
#include <sql/bundle.h>
#include <review/lints.h>
#include <sql/bundlewriter.h>
#include <sql/declaredscripts.h>
#include <sql/dialect.h>

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Tideline;

/** Release bundles: files, manifest, runbook and the four folder layouts. */
class TestBundle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void manifestShape_data();
    void manifestShape();
    void deterministic();
    void phasesAndOrder();
    void runbookListsTheSevenSteps();
    void baselineBundle();
    void unknownRelease();
    void namesTooLongForTheTarget();
    void outlineIsTheBundleWithoutContents_data();
    void outlineIsTheBundleWithoutContents();
    void outlineReadsTheLintsDeclarations_data();
    void outlineReadsTheLintsDeclarations();
    void lintsReadTheOutlinesDeclarations_data();
    void lintsReadTheOutlinesDeclarations();
    void layouts_data();
    void layouts();
    void refusesNonEmptyFolder();
    void liquibasePreconditionsComeFromGuards();

private:
    std::unique_ptr<Engine> m_engine;
};

void TestBundle::initTestCase()
{
    Plan plan;
    QList<PlanError> errors;
    QVERIFY(PlanFile::load(TIDELINE_TEST_DATA "/sql-every-kind.tideline.json", &plan, &errors));
    m_engine = std::make_unique<Engine>(plan);
    QVERIFY(m_engine->run(&errors));
}

void TestBundle::manifestShape_data()
{
    QTest::addColumn<QString>("dialect");
    for (const char *d : {"postgresql", "sqlite", "sqlserver", "mysql"})
        QTest::newRow(d) << d;
}

void TestBundle::manifestShape()
{
    QFETCH(QString, dialect);
    Bundle bundle;
    QString error;
    QVERIFY2(Bundle::build(*m_engine, "r1", *Dialect::forName(dialect), &bundle, &error), qPrintable(error));
    const QJsonObject manifest = QJsonDocument::fromJson(bundle.manifest()).object();
    QCOMPARE(manifest.value("plan").toString(), QStringLiteral("Every kind"));
    QCOMPARE(manifest.value("release").toString(), QStringLiteral("r1"));
    QCOMPARE(manifest.value("dialect").toString(), dialect);
    const QJsonArray files = manifest.value("files").toArray();
    QVERIFY(!files.isEmpty());
    QCOMPARE(files.size(), bundle.files.size());
    const QStringList keys{"estimate_s", "guard", "order", "path", "phase", "refactoring", "rerunnable",
                           "sha256", "step", "transactional"};
    for (int i = 0; i < files.size(); ++i) {
        QJsonObject f = files.at(i).toObject();
        f.remove("offline");
        QCOMPARE(f.keys(), keys);
        QCOMPARE(f.value("order").toInt(), i + 1);
        QCOMPARE(f.value("sha256").toString(), bundle.files.at(i).sha256());
        QCOMPARE(f.value("sha256").toString().size(), 64);
        QVERIFY(f.value("rerunnable").toBool());
        QVERIFY(f.value("path").toString().startsWith(f.value("phase").toString() + '/'));
    }
}

void TestBundle::deterministic()
{
    for (const char *release : {"baseline", "r1", "r2", "r3"}) {
        Bundle a, b;
        QString error;
        QVERIFY(Bundle::build(*m_engine, release, *Dialect::forName("postgresql"), &a, &error));
        Engine again(m_engine->plan());
        QList<PlanError> errors;
        QVERIFY(again.run(&errors));
        QVERIFY(Bundle::build(again, release, *Dialect::forName("postgresql"), &b, &error));
        QCOMPARE(a.manifest(), b.manifest());
        QCOMPARE(a.runbook, b.runbook);
    }
}

void TestBundle::phasesAndOrder()
{
    Bundle bundle;
    QString error;
    QVERIFY(Bundle::build(*m_engine, "r1", *Dialect::forName("postgresql"), &bundle, &error));
    // r1: expands run before the switch, backfills after them; merge's contract is in r3.
    const QStringList order{"pre", "backfill", "post", "offline"};
    int last = 0;
    for (const BundleFile &f : bundle.files) {
        const int rank = order.indexOf(f.phase);
        QVERIFY2(rank >= 0, qPrintable(f.path));
        QVERIFY2(rank >= last || f.phase == "offline", qPrintable(f.path));
        last = qMax(last, rank == 3 ? last : rank);
        QVERIFY(QRegularExpression("^(pre|backfill|post|offline)/\\d{3}-[A-Za-z0-9_-]+\\.sql$").match(f.path).hasMatch());
    }
    QVERIFY(!bundle.phase("pre").isEmpty());
    QVERIFY(!bundle.phase("backfill").isEmpty());
    const auto refactoringSteps = [&](const QString &phase) {
        QStringList list;
        for (const BundleFile *f : bundle.phase(phase))
            list << f->refactoring + '/' + f->step;
        return list;
    };
    QVERIFY(refactoringSteps("pre").contains("full-name/expand"));
    QVERIFY(refactoringSteps("backfill").contains("full-name/backfill"));
    QVERIFY(!refactoringSteps("post").contains("full-name/contract"));

    Bundle r3;
    QVERIFY(Bundle::build(*m_engine, "r3", *Dialect::forName("postgresql"), &r3, &error));
    QStringList post;
    for (const BundleFile *f : r3.phase("post"))
        post << f->refactoring + '/' + f->step;
    QVERIFY2(post.contains("full-name/contract"), qPrintable(post.join(' ')));
}

void TestBundle::runbookListsTheSevenSteps()
{
    Bundle bundle;
    QString error;
    QVERIFY(Bundle::build(*m_engine, "r1", *Dialect::forName("postgresql"), &bundle, &error));
    const QString runbook = QString::fromUtf8(bundle.runbook);
    for (int step = 1; step <= 7; ++step)
        QVERIFY2(runbook.contains(QStringLiteral("\n%1. ").arg(step)), qPrintable(runbook));
    QVERIFY(runbook.contains("P_1 (r1 pre)"));
    QVERIFY(runbook.contains("A_0 (baseline) on P_1 (r1 pre)"));
    QVERIFY(runbook.contains("A_1 (r1) on S_1 (r1 post)"));
    for (const BundleFile &f : bundle.files)
        QVERIFY2(runbook.contains(f.path), qPrintable(f.path));
}

void TestBundle::baselineBundle()
{
    Bundle bundle;
    QString error;
    QVERIFY(Bundle::build(*m_engine, "baseline", *Dialect::forName("postgresql"), &bundle, &error));
    QVERIFY(!bundle.files.isEmpty());
    for (const BundleFile &f : bundle.files) {
        QCOMPARE(f.phase, QStringLiteral("baseline"));
        QVERIFY(f.path.startsWith("baseline/"));
    }
}

void TestBundle::unknownRelease()
{
    Bundle bundle;
    QString error;
    QVERIFY(!Bundle::build(*m_engine, "r9", *Dialect::forName("sqlite"), &bundle, &error));
    QVERIFY(error.contains("'r9'"));
}

// A MySQL plan may use a 64-character name; exported for PostgreSQL it would be cut to 63 bytes
// (and a guard comparing the full name would never match), so the export refuses it.
void TestBundle::namesTooLongForTheTarget()
{
    Plan plan;
    plan.name = "long names";
    plan.dialect = "mysql";
    plan.releases = {Release{"r1", "1", {}, Release::Status::Planned}};
    Table t;
    t.name = QString(64, 't');
    Column id;
    id.name = "id";
    id.type = "integer";
    t.columns = {id};
    plan.baseline.schema.tables.insert(t.name, t);
    plan.refactorings = {Refactoring{"x", "add_column", "r1",
                                     QJsonObject{{"table", t.name}, {"column", QString(64, 'c')}, {"type", "text"}},
                                     {}, {}}};
    Engine engine(plan);
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    Bundle bundle;
    QString error;
    QVERIFY(Bundle::build(engine, "r1", *Dialect::forName("mysql"), &bundle, &error));
    QVERIFY(!Bundle::build(engine, "baseline", *Dialect::forName("postgresql"), &bundle, &error));
    QCOMPARE(error, "the baseline cannot be exported for PostgreSQL: table \"" + t.name
                        + "\": the name is 64 bytes long; PostgreSQL keeps at most 63 and would cut it");
    QVERIFY(!Bundle::build(engine, "r1", *Dialect::forName("postgresql"), &bundle, &error));
    QVERIFY2(error.startsWith("release r1 cannot be exported for PostgreSQL"), qPrintable(error));
    // The review's outline refuses the same names with the same message.
    QString outlineError;
    QVERIFY(!Bundle::build(engine, "r1", *Dialect::forName("postgresql"), &bundle, &outlineError,
                           Bundle::Detail::Outline));
    QCOMPARE(outlineError, error);
    QVERIFY(Bundle::build(engine, "r1", *Dialect::forName("sqlite"), &bundle, &error));
}

void TestBundle::outlineIsTheBundleWithoutContents_data()
{
    manifestShape_data();
}

namespace {

/** Every release of @p engine and its baseline, as Bundle::build names them. */
QStringList releasesOf(const Engine &engine)
{
    QStringList releases{"baseline"};
    for (int k = 1; k <= engine.releaseCount(); ++k)
        releases << engine.releaseId(k);
    return releases;
}

/** Compares the outline of every release of @p engine with its full bundle in every field the
 *  review reads; @p files counts the files compared. */
void compareOutlines(const Engine &engine, const QString &dialect, int *files)
{
    for (const QString &release : releasesOf(engine)) {
        Bundle full, outline;
        QString fullError, outlineError;
        const bool built = Bundle::build(engine, release, *Dialect::forName(dialect), &full, &fullError);
        QCOMPARE(Bundle::build(engine, release, *Dialect::forName(dialect), &outline, &outlineError,
                               Bundle::Detail::Outline),
                 built);
        QCOMPARE(outlineError, fullError);
        QCOMPARE(outline.runbook, full.runbook);
        QCOMPARE(outline.files.size(), full.files.size());
        for (int i = 0; i < full.files.size(); ++i) {
            const BundleFile &a = full.files.at(i), &b = outline.files.at(i);
            const QString where = release + ' ' + a.path;
            QVERIFY2(b.path == a.path && b.phase == a.phase && b.order == a.order && b.refactoring == a.refactoring
                         && b.step == a.step && b.estimateSeconds == a.estimateSeconds
                         && b.offlineReason == a.offlineReason && b.runsIn == a.runsIn && b.guard == a.guard
                         && b.transactional == a.transactional && b.rerunnable == a.rerunnable,
                     qPrintable(where));
            QVERIFY2(!a.content.isEmpty() && !a.verify.isEmpty() && !a.revert.isEmpty(), qPrintable(where));
            QVERIFY2(b.content.isEmpty() && b.verify.isEmpty() && b.revert.isEmpty() && b.unverifiable.isEmpty(),
                     qPrintable(where));
            ++*files;
        }
    }
}

/** An engine run of @p from's plan with two million rows in every table and backfill batches
 *  above the lints' limit (so that the lints judge the routes and batching the dialects
 *  declare), with nothing in its cache. */
std::unique_ptr<Engine> freshEngine(const Engine &from)
{
    Plan plan = from.plan();
    for (const Table &t : plan.baseline.schema.tables)
        plan.baseline.rows.insert(t.name, 2'000'000);
    plan.policy.backfillBatch = 2 * Lints::MaxBatch;
    auto engine = std::make_unique<Engine>(plan);
    QList<PlanError> errors;
    return engine->run(&errors) ? std::move(engine) : nullptr;
}

QString describe(const Finding &f)
{
    return QStringLiteral("%1 %2 r%3 %4 %5 [%6]: %7 %8 %9")
        .arg(f.lint, severityName(f.severity))
        .arg(f.release)
        .arg(f.refactoring, f.step, f.object, f.message)
        .arg(f.acknowledged)
        .arg(f.reason);
}

} // namespace

// The readiness review builds outlines: every field it reads (each file's path, phase, order,
// refactoring, step, estimate, offline reason, runs-in phase, guard and transactional flag, and
// the runbook) as the full bundle has it, and no contents, verify or revert scripts.
void TestBundle::outlineIsTheBundleWithoutContents()
{
    QFETCH(QString, dialect);
    int files = 0;
    compareOutlines(*m_engine, dialect, &files);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(files > 20, "too few files: the comparison proves little");
}

void TestBundle::outlineReadsTheLintsDeclarations_data()
{
    manifestShape_data();
}

// The review lints first, then builds outlines from what the lints' dialect calls declared
// (DeclaredScripts, kept in the engine's cache): outlines built from those are still the full
// bundle's files, which asks the dialect itself, field by field.
void TestBundle::outlineReadsTheLintsDeclarations()
{
    QFETCH(QString, dialect);
    const auto engine = freshEngine(*m_engine);
    QVERIFY(engine);
    const Dialect &d = *Dialect::forName(dialect);
    Lints::run(*engine, d);
    const DeclaredScripts::Counts linted = DeclaredScripts::counts(*engine, d);
    QVERIFY2(linted.asked > 20 && linted.reused == 0, qPrintable(QString::number(linted.asked)));
    int files = 0;
    compareOutlines(*engine, dialect, &files);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(files > 20, "too few files: the comparison proves little");
    // Every op of the outlines was one the lints had asked for: none asked again.
    const DeclaredScripts::Counts outlined = DeclaredScripts::counts(*engine, d);
    QCOMPARE(outlined.asked, linted.asked);
    QVERIFY(outlined.reused >= linted.asked);
}

void TestBundle::lintsReadTheOutlinesDeclarations_data()
{
    manifestShape_data();
}

// The other way round: lints reading what outline bundles declared find what lints asking the
// dialect themselves (a fresh engine) find, field by field, the findings that judge a route
// (index builds, constraints, batching, offline steps) among them.
void TestBundle::lintsReadTheOutlinesDeclarations()
{
    QFETCH(QString, dialect);
    const Dialect &d = *Dialect::forName(dialect);
    const auto asking = freshEngine(*m_engine), reading = freshEngine(*m_engine);
    QVERIFY(asking && reading);
    const QList<Finding> expected = Lints::run(*asking, d);
    QCOMPARE(DeclaredScripts::counts(*asking, d).reused, 0);
    for (const QString &release : releasesOf(*reading)) {
        Bundle outline;
        QString error;
        Bundle::build(*reading, release, d, &outline, &error, Bundle::Detail::Outline);
    }
    const int declared = DeclaredScripts::counts(*reading, d).asked;
    const QList<Finding> found = Lints::run(*reading, d);
    QCOMPARE(DeclaredScripts::counts(*reading, d).asked, declared); // every op read, none asked again
    QVERIFY(DeclaredScripts::counts(*reading, d).reused >= declared);
    QCOMPARE(found.size(), expected.size());
    QSet<QString> routeLints;
    for (int i = 0; i < expected.size(); ++i) {
        QCOMPARE(describe(found.at(i)), describe(expected.at(i)));
        routeLints << expected.at(i).lint;
    }
    // What the declarations decide is in the comparison: findings that judge a route.
    routeLints.intersect({"non-online-index", "constraint-not-online", "offline-step", "unbatched-backfill",
                          "in-place-type-change", "in-place-column-rename"});
    QVERIFY2(!routeLints.isEmpty(), "no finding judges a declared route: the comparison proves little");
}

void TestBundle::layouts_data()
{
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("pattern");   // every written file matches it
    QTest::newRow("folders") << "folders" << "^(manifest\\.json|RUNBOOK\\.md|(pre|backfill|post|offline)/\\d{3}-[\\w-]+\\.sql)$";
    // Flyway's versioned migrations: V<version>__<description>.sql, version parts joined by '_'.
    // A file that must run outside a transaction has its <file>.sql.conf (executeInTransaction=false).
    QTest::newRow("flyway") << "flyway" << "^(manifest\\.json|RUNBOOK\\.md|FLYWAY\\.md|sql/V\\d+(_\\d+)*__\\w+\\.sql(\\.conf)?)$";
    QTest::newRow("liquibase") << "liquibase" << "^(manifest\\.json|RUNBOOK\\.md|changelog\\.sql)$";
    QTest::newRow("sqitch") << "sqitch" << "^(manifest\\.json|RUNBOOK\\.md|sqitch\\.(plan|conf)|(deploy|revert|verify)/\\w+\\.sql)$";
}

void TestBundle::layouts()
{
    QFETCH(QString, layout);
    QFETCH(QString, pattern);
    Bundle bundle;
    QString error;
    QVERIFY(Bundle::build(*m_engine, "r1", *Dialect::forName("postgresql"), &bundle, &error));
    QTemporaryDir dir;
    const QString out = dir.filePath("bundle");
    QVERIFY2(BundleWriter::write(bundle, 1, layout, out, false, &error), qPrintable(error));
    QStringList written;
    QDirIterator it(out, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        written << QDir(out).relativeFilePath(it.next());
    written.sort();
    QVERIFY(written.contains("manifest.json"));
    const QRegularExpression re(pattern);
    for (const QString &f : written)
        QVERIFY2(re.match(f).hasMatch(), qPrintable(f));

    if (layout == "folders") {
        QCOMPARE(written.size(), bundle.files.size() + 2);
        QFile first(QDir(out).filePath(bundle.files.first().path));
        QVERIFY(first.open(QIODevice::ReadOnly));
        QCOMPARE(first.readAll(), bundle.files.first().content);
    } else if (layout == "flyway") {
        QCOMPARE(written.filter(QRegularExpression("^sql/.*\\.sql$")).size(), bundle.files.size());
        int outside = 0;
        for (const BundleFile &f : bundle.files)
            outside += f.transactional ? 0 : 1;
        QVERIFY(outside > 0);
        QCOMPARE(written.filter(QRegularExpression("^sql/.*\\.sql\\.conf$")).size(), outside);
    } else if (layout == "liquibase") {
        QFile changelog(QDir(out).filePath("changelog.sql"));
        QVERIFY(changelog.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(changelog.readAll());
        QVERIFY(text.startsWith("--liquibase formatted sql\n"));
        // A file with DO $tag$ blocks is one changeset a statement (Liquibase's splitter would cut
        // the dollar quote), each sent whole.
        int expected = 0;
        for (const BundleFile &f : bundle.files)
            expected += QString::fromUtf8(f.content).contains(QRegularExpression("\\$(?:[A-Za-z_][A-Za-z_0-9]*)?\\$"))
                            ? int(Dialect::forName("postgresql")->splitStatements(QString::fromUtf8(f.content)).size())
                            : 1;
        QVERIFY(expected > bundle.files.size());
        QCOMPARE(text.count(QRegularExpression("^--changeset tideline:\\S+ .* dbms:postgresql$",
                                               QRegularExpression::MultilineOption)),
                 expected);
        QVERIFY(text.contains(QRegularExpression("splitStatements:false dbms:postgresql\n(--[^\n]*\n)*DO \\$")));
    } else if (layout == "sqitch") {
        QFile plan(QDir(out).filePath("sqitch.plan"));
        QVERIFY(plan.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(plan.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("%syntax-version=1.0.0"));
        QCOMPARE(lines.size(), 2 + bundle.files.size());
        QCOMPARE(written.filter(QRegularExpression("^deploy/")).size(), bundle.files.size());
    }
}

void TestBundle::refusesNonEmptyFolder()
{
    Bundle bundle;
    QString error;
    QVERIFY(Bundle::build(*m_engine, "r1", *Dialect::forName("sqlite"), &bundle, &error));
    QTemporaryDir dir;
    QFile keep(dir.filePath("keep.txt"));
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("mine");
    keep.close();
    QVERIFY(!BundleWriter::write(bundle, 1, "folders", dir.path(), false, &error));
    QVERIFY(error.contains("--force"));
    QVERIFY(QFile::exists(dir.filePath("keep.txt")));
    QVERIFY(!QFile::exists(dir.filePath("manifest.json")));
    // --force replaces only a folder of our bundles: keep.txt is not ours, so it stays.
    QVERIFY(!BundleWriter::write(bundle, 1, "folders", dir.path(), true, &error));
    QVERIFY2(error.contains("keep.txt") && error.contains("nothing was deleted"), qPrintable(error));
    QVERIFY(QFile::exists(dir.filePath("keep.txt")));
    QVERIFY(!QFile::exists(dir.filePath("manifest.json")));
    QVERIFY(QFile::remove(dir.filePath("keep.txt")));
    QVERIFY2(BundleWriter::write(bundle, 1, "folders", dir.path(), false, &error), qPrintable(error)); // empty
    QVERIFY(QFile::exists(dir.filePath("manifest.json")));
    QVERIFY2(BundleWriter::write(bundle, 1, "flyway", dir.path(), true, &error), qPrintable(error)); // ours
    QVERIFY(QFile::exists(dir.filePath("FLYWAY.md")));
    QVERIFY(!QFile::exists(dir.filePath("pre")));
    QVERIFY(!BundleWriter::write(bundle, 1, "zip", dir.filePath("other"), false, &error));
    QVERIFY(error.contains("unknown layout 'zip'"));
}

void TestBundle::liquibasePreconditionsComeFromGuards()
{
    // A guarded SQLite backfill becomes a changeset that Liquibase marks as ran when its guard
    // finds its column gone (its second pass, runAlways, after a later release). The shape
    // guards of table rebuilds are left out: under Liquibase's own SQLite driver they marked
    // contracts ran that had not run (tst_runners runs them), and the files are re-runnable.
    Bundle bundle;
    QString error;
    QVERIFY(Bundle::build(*m_engine, "r1", *Dialect::forName("sqlite"), &bundle, &error));
    int guarded = 0;
    for (const BundleFile &f : bundle.files)
        guarded += !f.guard.isEmpty() && f.phase == "backfill";
    QVERIFY(guarded > 0);
    QTemporaryDir dir;
    QVERIFY2(BundleWriter::write(bundle, 1, "liquibase", dir.filePath("lb"), false, &error), qPrintable(error));
    QFile changelog(dir.filePath("lb/changelog.sql"));
    QVERIFY(changelog.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(changelog.readAll());
    QCOMPARE(text.count("--preconditions onFail:MARK_RAN\n--precondition-sql-check expectedResult:0 "), guarded);
    QCOMPARE(text.count(" dbms:sqlite\n"), bundle.files.size());
}

QTEST_GUILESS_MAIN(TestBundle)
#include "tst_bundle.moc"
