// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Every lint with a plan that triggers it and one that must not, the phase-aware DROP COLUMN
// among them, and the SQL reader the lints use for plan expressions.
#include "reviewtest.h"

#include <review/lints.h>
#include <review/sqltext.h>
#include <sql/dialect.h>

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Tideline;
using namespace Tideline::ReviewTest;

namespace {

using Change = std::function<void(Plan *)>;

QList<Finding> lint(const QString &file, const Change &change = {})
{
    const auto engine = engineFor(dataPath(file), change);
    if (!engine)
        return {};
    return Lints::run(*engine, *Dialect::forName(engine->plan().dialect));
}

const Finding *find(const QList<Finding> &findings, const QString &lintId, const QString &refactoring)
{
    for (const Finding &f : findings) {
        if (f.lint == lintId && f.refactoring == refactoring)
            return &f;
    }
    return nullptr;
}

} // namespace

class TestLints : public QObject
{
    Q_OBJECT

private slots:
    void registry()
    {
        QSet<QString> ids;
        static const QRegularExpression kebab(QStringLiteral("^[a-z]+(-[a-z]+)*$"));
        for (const Lint &l : Lints::all()) {
            QVERIFY2(kebab.match(l.id).hasMatch(), qPrintable(l.id));
            QVERIFY2(!ids.contains(l.id), qPrintable(l.id));
            ids << l.id;
            QVERIFY(!l.title.isEmpty());
            QVERIFY(l.explanation.size() > l.title.size());
            QVERIFY(!l.fix.isEmpty());
            QCOMPARE(Lints::lint(l.id), &l);
        }
        QVERIFY(ids.size() >= 13);
        QCOMPARE(Lints::lint(QStringLiteral("no-such-lint")), nullptr);
    }

    void lints_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("lint");
        QTest::addColumn<QString>("refactoring");
        QTest::addColumn<bool>("expected");
        QTest::addColumn<QString>("release");
        QTest::addColumn<QString>("object");
        auto row = [](const char *name, const char *file, const char *lintId, const char *refactoring,
                      bool expected, const char *release = "", const char *object = "") {
            QTest::newRow(name) << QString::fromLatin1(file) << QString::fromLatin1(lintId)
                                << QString::fromLatin1(refactoring) << expected << QString::fromLatin1(release)
                                << QString::fromLatin1(object);
        };
        row("not-null: no backfill", "review-not-null.tideline.json", "unsafe-not-null-add", "email-required",
            true, "r2", "customer.email");
        row("not-null: backfilled", "review-not-null.tideline.json", "unsafe-not-null-add", "note-required", false);
        row("rename: shadow column in use", "review-rename-in-place.tideline.json", "in-place-column-rename",
            "wider-total", true, "r2", "orders.total_new");
        row("rename: shadow unused", "review-rename-in-place.tideline.json", "in-place-column-rename", "big-score",
            false);
        row("type: MySQL NOT NULL swap", "review-type-mysql.tideline.json", "in-place-type-change",
            "big-customer-id", true, "r2", "orders.customer_id");
        row("type: MySQL nullable swap", "review-type-mysql.tideline.json", "in-place-type-change", "wider-total",
            false);
        row("type: SQL Server NOT NULL swap", "review-index-sqlserver.tideline.json", "in-place-type-change",
            "big-customer-id", true, "r2");
        row("type: PostgreSQL swap", "review-type-safe.tideline.json", "in-place-type-change", "big-score", false);
        row("safe in place: longer varchar", "review-type-safe.tideline.json", "type-change-safe-in-place",
            "longer-nickname", true, "r2", "customer.nickname");
        row("safe in place: integer to bigint", "review-type-safe.tideline.json", "type-change-safe-in-place",
            "big-score", false);
        row("index: SQL Server rebuilds it", "review-index-sqlserver.tideline.json", "non-online-index",
            "big-customer-id", true, "r2", "orders");
        row("index: no index on the column", "review-index-sqlserver.tideline.json", "non-online-index",
            "wider-total", false);
        row("index: PostgreSQL", "review-fk-postgresql.tideline.json", "non-online-index", "labels", false);
        row("fk: SQLite", "review-fk-sqlite.tideline.json", "constraint-not-online", "labels", true, "r1", "orders");
        row("fk: PostgreSQL NOT VALID", "review-fk-postgresql.tideline.json", "constraint-not-online", "labels",
            false);
        row("backfill: 500,000-row batches", "review-backfill.tideline.json", "unbatched-backfill", "initial", true,
            "r1", "customer");
        row("backfill: small table", "review-backfill.tideline.json", "unbatched-backfill", "tag-code", false);
        row("backfill: SQLite one UPDATE", "review-fk-sqlite.tideline.json", "unbatched-backfill", "labels", true);
        row("backfill: PostgreSQL batches", "review-fk-postgresql.tideline.json", "unbatched-backfill", "labels",
            false);
        row("default: gen_random_uuid()", "review-volatile-default.tideline.json", "volatile-default", "token", true,
            "r1", "customer.token");
        row("default: constant", "review-volatile-default.tideline.json", "volatile-default", "level", false);
        row("drop: A_2 reads it", "review-drop-in-use.tideline.json", "drop-in-use", "no-nickname", true, "r2",
            "customer.nickname");
        row("drop: planned contract, users gone", "review-drop-planned.tideline.json", "drop-in-use", "no-nickname",
            false);
        row("contract: A_1 still reads", "review-contract-early.tideline.json", "contract-before-last-user",
            "no-nickname", true, "r2", "customer.nickname");
        row("contract: planned, users gone", "review-drop-planned.tideline.json", "contract-before-last-user",
            "no-nickname", false);
        row("overdue: 4 deployed releases", "review-overdue.tideline.json", "contract-overdue", "display-name", true,
            "r6");
        row("shipped: step moved out of deployed r2", "review-shipped-changed.tideline.json",
            "shipped-history-changed", "full-name", true, "r2");
        row("shipped: untouched refactoring", "review-shipped-changed.tideline.json", "shipped-history-changed",
            "full-name-required", false);
        row("offline: MySQL swap", "review-type-mysql.tideline.json", "offline-step", "big-customer-id", true, "r2",
            "orders");
        row("offline: online swap", "review-type-mysql.tideline.json", "offline-step", "wider-total", false);
        row("drop: takes an index and a check along", "review-drop-objects.tideline.json", "drop-takes-objects",
            "no-first-name", true, "r2", "customer.first_name");
        row("drop: nothing else covers the column", "review-drop-objects.tideline.json", "drop-takes-objects",
            "no-email", false);
        row("drop table: A_2 reads it", "review-drop-table-in-use.tideline.json", "drop-in-use", "no-tags", true, "r2",
            "tag");
        row("drop table: nobody uses it", "review-drop-table-in-use.tideline.json", "drop-in-use", "no-audit", false);
        row("rename table: A_1 still reads the old name", "review-drop-table-in-use.tideline.json",
            "contract-before-last-user", "orders", true, "r2", "old_orders");
        row("rename table: SQLite's route is offline", "review-drop-table-in-use.tideline.json", "offline-step", "orders",
            false);
        row("raw SQL: random()", "review-raw-sql.tideline.json", "raw-sql-unproven", "code", true, "r1", "tag.code");
        row("raw SQL: pure functions", "review-raw-sql.tideline.json", "raw-sql-unproven", "initial", false);
        // The index and constraint kinds, where their route blocks writes and where it does not.
        row("keys: MySQL copies for a CHECK", "sql-kinds-keys-mysql.tideline.json", "constraint-not-online", "total-check",
            true, "r2", "orders");
        row("keys: MySQL renames a CHECK by a copy", "sql-kinds-keys-mysql.tideline.json", "constraint-not-online",
            "status-check-name", true, "r3", "orders");
        row("keys: MySQL foreign key checked, then in place", "sql-kinds-keys-mysql.tideline.json",
            "constraint-not-online", "orders-customer", false);
        row("keys: MySQL index in place", "sql-kinds-keys-mysql.tideline.json", "non-online-index", "score-idx", false);
        row("keys: MySQL unique index in place", "sql-kinds-keys-mysql.tideline.json", "non-online-index", "email-unique",
            false);
        row("keys: PostgreSQL UNIQUE concurrently", "sql-kinds-keys.tideline.json", "non-online-index", "region-code", false);
        row("keys: PostgreSQL primary key replaced online", "sql-kinds-keys.tideline.json", "non-online-index", "orders-key",
            false);
        row("keys: PostgreSQL CHECK NOT VALID", "sql-kinds-keys.tideline.json", "constraint-not-online", "total-check",
            false);
        row("keys: SQL Server index ONLINE", "sql-kinds-keys-sqlserver.tideline.json", "non-online-index", "score-idx", false);
        row("keys: SQL Server foreign key NOCHECK", "sql-kinds-keys-sqlserver.tideline.json", "constraint-not-online",
            "orders-customer", false);
        row("keys: SQLite index", "sqlite-plans/kinds-keys.tideline.json", "non-online-index", "score-idx", true, "r1",
            "customer");
        row("keys: SQLite rename index builds it again", "sqlite-plans/kinds-keys.tideline.json", "non-online-index",
            "status-idx-name", true, "r1", "orders");
        row("keys: SQLite UNIQUE in a rebuild", "sqlite-plans/kinds-keys.tideline.json", "non-online-index", "region-code",
            true, "r3", "region");
        row("keys: SQLite primary key in a rebuild", "sqlite-plans/kinds-keys.tideline.json", "non-online-index",
            "ledger-key", true, "r2", "ledger");
        row("keys: SQLite drops a UNIQUE by a rebuild", "sqlite-plans/kinds-keys.tideline.json", "constraint-not-online",
            "no-region-name-key", true, "r3", "region");
        row("keys: SQLite renames a CHECK by a rebuild", "sqlite-plans/kinds-keys.tideline.json", "constraint-not-online",
            "status-check-name", true, "r1", "orders");
    }

    void lints()
    {
        QFETCH(QString, file);
        QFETCH(QString, lint);
        QFETCH(QString, refactoring);
        QFETCH(bool, expected);
        QFETCH(QString, release);
        QFETCH(QString, object);
        const auto engine = engineFor(dataPath(file));
        QVERIFY(engine);
        const QList<Finding> findings = Lints::run(*engine, *Dialect::forName(engine->plan().dialect));
        const Finding *f = find(findings, lint, refactoring);
        QCOMPARE(f != nullptr, expected);
        if (!f)
            return;
        QCOMPARE(f->severity, Lints::lint(lint)->severity);
        QVERIFY(!f->message.isEmpty());
        QVERIFY(!f->step.isEmpty());
        QVERIFY(!f->acknowledged); // acknowledgements are the review's business
        if (!release.isEmpty())
            QCOMPARE(engine->releaseId(f->release), release);
        if (!object.isEmpty())
            QCOMPARE(f->object, object);
    }

    // A baseline fingerprint made by a recipe this build does not know (a newer Tideline's) is
    // not compared, and not taken for a changed history: a warning at that release, said once.
    void baselineOfANewerRecipeIsNotAChangedHistory()
    {
        const QList<Finding> findings = lint(QStringLiteral("review-shipped-baseline-unchecked.tideline.json"));
        QList<const Finding *> unchecked;
        for (const Finding &f : findings) {
            QVERIFY2(f.lint != QStringLiteral("shipped-history-changed"), qPrintable(f.message));
            if (f.lint == QStringLiteral("shipped-baseline-unchecked"))
                unchecked << &f;
        }
        QCOMPARE(unchecked.size(), 1);
        QCOMPARE(unchecked.first()->severity, Severity::Warning);
        QCOMPARE(unchecked.first()->release, 2);
        QVERIFY2(unchecked.first()->message.contains(QStringLiteral("algorithm 2")), qPrintable(unchecked.first()->message));
    }

    void droppedObjectsNamed()
    {
        const QList<Finding> findings = lint(QStringLiteral("review-drop-objects.tideline.json"));
        const Finding *f = find(findings, QStringLiteral("drop-takes-objects"), QStringLiteral("no-first-name"));
        QVERIFY(f);
        QCOMPARE(f->message, QStringLiteral("dropping customer.first_name also drops index customer_name_idx "
                                            "(last_name, first_name), check names_differ"));
    }

    // Every lint of the registry has a row above that triggers it.
    void everyLintTriggered()
    {
        QSet<QString> seen;
        const QStringList files = QDir(QStringLiteral(TIDELINE_TEST_DATA))
                                      .entryList({QStringLiteral("review-*.tideline.json")});
        for (const QString &file : files) {
            for (const Finding &f : lint(file))
                seen << f.lint;
        }
        for (const Lint &l : Lints::all())
            QVERIFY2(seen.contains(l.id), qPrintable(l.id + QStringLiteral(" is triggered by no review-*.tideline.json")));
    }

    // The phase-aware case: the planned DROP COLUMN of a refactoring whose users are all gone
    // is no finding at all (naive linters flag every DROP COLUMN).
    void plannedDropIsNoFinding()
    {
        const QList<Finding> findings = lint(QStringLiteral("review-drop-planned.tideline.json"));
        QVERIFY2(findings.isEmpty(), qPrintable(findings.value(0).message));
    }

    void policyChangesFindings()
    {
        // Not rollback-safe: the early contract only loses the rollback, a warning.
        const auto early = lint(QStringLiteral("review-contract-early.tideline.json"),
                                [](Plan *p) { p->policy.rollbackSafe = false; });
        const Finding *f = find(early, QStringLiteral("contract-before-last-user"), QStringLiteral("no-nickname"));
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Warning);
        // A higher contract age limit, and the waiting contract is fine.
        QVERIFY(!find(lint(QStringLiteral("review-overdue.tideline.json"), [](Plan *p) { p->policy.maxContractAge = 10; }),
                      QStringLiteral("contract-overdue"), QStringLiteral("display-name")));
        // Small batches, and the big backfill is fine.
        QVERIFY(!find(lint(QStringLiteral("review-backfill.tideline.json"), [](Plan *p) { p->policy.backfillBatch = 1000; }),
                      QStringLiteral("unbatched-backfill"), QStringLiteral("initial")));
        // With a backfill, the NOT NULL is safe.
        QVERIFY(!find(lint(QStringLiteral("review-not-null.tideline.json"),
                           [](Plan *p) { p->refactorings[0].params.insert(QStringLiteral("backfill"), QStringLiteral("''")); }),
                      QStringLiteral("unsafe-not-null-add"), QStringLiteral("email-required")));
    }

    // SQLite cannot rename a table re-runnably, and its views take no writes a version can count:
    // rename_table is refused there, naming why; elsewhere its expand is online.
    void renameTableRefusedOnSqliteOnlineElsewhere()
    {
        Plan plan;
        QList<PlanError> errors;
        QVERIFY(PlanFile::load(dataPath(QStringLiteral("review-drop-table-in-use.tideline.json")), &plan, &errors));
        plan.dialect = QStringLiteral("sqlite");
        QVERIFY(!Engine(plan).run(&errors));
        QVERIFY2(errors.value(0).message.contains(QStringLiteral("rename_table cannot run on this plan's engine: SQLite "
                                                                 "cannot rename a table conditionally")),
                 qPrintable(errors.value(0).toString()));
        for (const char *dialect : {"postgresql", "mysql", "sqlserver"}) {
            const auto engine = engineFor(dataPath(QStringLiteral("review-drop-table-in-use.tideline.json")),
                                          [&](Plan *p) { p->dialect = QString::fromLatin1(dialect); });
            QVERIFY2(engine, dialect);
            const auto online = Lints::run(*engine, *Dialect::forName(engine->plan().dialect));
            QVERIFY2(!find(online, QStringLiteral("offline-step"), QStringLiteral("orders")), dialect);
        }
    }

    void examplesHaveNoBlockingFinding()
    {
        for (const QString &name : {QStringLiteral("customer-full-name.tideline.json"), QStringLiteral("posts-authors.tideline.json")}) {
            const auto engine = engineFor(examplePath(name));
            QVERIFY(engine);
            for (const Finding &f : Lints::run(*engine, *Dialect::forName(engine->plan().dialect)))
                QVERIFY2(f.severity == Severity::Info, qPrintable(f.message));
        }
    }

    void sqlText_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<bool>("safe");
        QTest::newRow("concatenation") << "first_name || ' ' || last_name" << true;
        QTest::newRow("pure functions") << "upper(substr(label, 1, 1))" << true;
        QTest::newRow("literal") << "''" << true;
        QTest::newRow("cast") << "CAST(total AS numeric(12,2))" << true;
        QTest::newRow("function name in a string") << "'random()'" << true;
        QTest::newRow("volatile") << "md5(random()::text)" << false;
        QTest::newRow("sub-query") << "(SELECT max(id) FROM orders)" << false;
        QTest::newRow("second statement") << "1; DROP TABLE customer" << false;
        QTest::newRow("unknown function") << "my_lookup(id)" << false;
        QTest::newRow("comment") << "1 -- hidden" << false;
        QTest::newRow("block comment") << "1 /* hidden */" << false;
    }

    void sqlText()
    {
        QFETCH(QString, expression);
        QFETCH(bool, safe);
        QString why;
        QCOMPARE(SqlText::isProvablySafe(expression, &why), safe);
        QCOMPARE(why.isEmpty(), safe);
    }

    // Which tables a raw SQL step is about (the object of its finding).
    void namesIn_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("names");
        const auto list = [](std::initializer_list<const char *> names) {
            QStringList l;
            for (const char *n : names)
                l << QString::fromLatin1(n);
            return l;
        };
        QTest::newRow("order of appearance")
            << "INSERT INTO audit SELECT id FROM Customer;" << list({"audit", "customer"});
        QTest::newRow("quoted names are exact")
            << "UPDATE \"Orders\" SET x = 1; UPDATE `customer` SET y = 2" << list({"customer"});
        QTest::newRow("schema prefix") << "DELETE FROM public.audit" << list({"audit"});
        QTest::newRow("literals and comments are not names")
            << "-- customer\nSELECT 'orders' /* audit */, [audit] FROM t" << list({"audit"});
        QTest::newRow("part of a longer name") << "SELECT 1 FROM customer_audit" << QStringList();
    }

    void namesIn()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, names);
        QCOMPARE(SqlText::namesIn(sql, {QStringLiteral("customer"), QStringLiteral("orders"), QStringLiteral("audit")}), names);
    }
};

QTEST_GUILESS_MAIN(TestLints)
#include "tst_lints.moc"
