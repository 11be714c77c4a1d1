// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Refactorings that depend on each other ("after"): a dependant decomposes against what its
// dependencies leave in the release they share, runs after their steps, and the plan says so
// when the order cannot hold.
#include "testplans.h"

#include <engine/engine.h>

#include <QTest>

using namespace Tideline;
using namespace Tideline::TestPlans;

namespace {

Refactoring after(Refactoring r, const QStringList &ids)
{
    r.after = ids;
    return r;
}

Refactoring addNickname(const QString &start = QStringLiteral("r1"), const QMap<QString, QString> &moves = {})
{
    return refactoring(QStringLiteral("nick"), QStringLiteral("add_column"), start,
                       json(R"J({"table": "customer", "column": "nickname", "type": "varchar(50)"})J"), moves);
}

Refactoring requireNickname()
{
    return refactoring(QStringLiteral("nick-required"), QStringLiteral("set_not_null"), QStringLiteral("r1"),
                       json(R"J({"table": "customer", "column": "nickname", "backfill": "'anonymous'"})J"));
}

Refactoring moveAuthors()
{
    return refactoring(QStringLiteral("authors"), QStringLiteral("move_columns"), QStringLiteral("r1"),
                       json(R"J({"table": "customer", "columns": ["author_name", "author_email"],
                                "toTable": "author", "key": "author_id"})J"));
}

struct Run
{
    bool ok = false;
    QList<PlanError> errors;
    std::unique_ptr<Engine> engine;
};

/** Validates @p plan, then runs the engine when it is valid. */
Run run(const Plan &plan)
{
    Run r;
    if (!PlanValidator::validate(plan, QString(), &r.errors))
        return r;
    r.engine = std::make_unique<Engine>(plan);
    r.ok = r.engine->run(&r.errors);
    return r;
}

QString text(const QList<PlanError> &errors)
{
    QStringList lines;
    for (const PlanError &e : errors)
        lines << e.toString();
    return lines.join(QLatin1Char('\n'));
}

const PlacedStep *stepOf(const Engine &engine, const QString &refactoring, const QString &step)
{
    for (const PlacedStep &p : engine.steps()) {
        if (engine.plan().refactorings.at(p.refactoring).id == refactoring && p.step.name == step)
            return &p;
    }
    return nullptr;
}

} // namespace

class TestDependencies : public QObject
{
    Q_OBJECT

private slots:
    /** set_not_null of a column add_column adds in the same release, listed first in the plan:
     *  the engine places the dependency first and the dependant sees the column. */
    void setNotNullOnAddedColumn()
    {
        const Run r = run(plan(customerSchema(), 3, {after(requireNickname(), {QStringLiteral("nick")}), addNickname()}));
        QVERIFY2(r.ok, qPrintable(text(r.errors)));
        const PlacedStep *backfill = stepOf(*r.engine, QStringLiteral("nick-required"), QStringLiteral("backfill"));
        const PlacedStep *contract = stepOf(*r.engine, QStringLiteral("nick-required"), QStringLiteral("contract"));
        QVERIFY(backfill && contract);
        QCOMPARE(backfill->release, 1);
        QCOMPARE(contract->release, 2);
        QVERIFY(backfill->before.table(QStringLiteral("customer"))->column(QStringLiteral("nickname")));
        const Column *nickname = r.engine->state(2, Phase::Post)->schema.table(QStringLiteral("customer"))->column(QStringLiteral("nickname"));
        QVERIFY(nickname);
        QVERIFY(!nickname->nullable);
        // The dependency's expand runs before the dependant's first DB step of the release.
        const PlacedStep *expand = stepOf(*r.engine, QStringLiteral("nick"), QStringLiteral("expand"));
        QVERIFY(expand);
        QVERIFY(expand < backfill); // m_steps order: the dependency was placed first
    }

    /** Without "after" the same pair is refused, with the hint. */
    void missingAfterHints()
    {
        const Run r = run(plan(customerSchema(), 3, {addNickname(), requireNickname()}));
        QVERIFY(!r.ok);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors.first().field, QStringLiteral("refactorings[1].params.column"));
        QVERIFY2(r.errors.first().message.contains(QStringLiteral("add \"after\": [\"nick\"]")),
                 qPrintable(r.errors.first().message));
    }

    void renameAddedColumn()
    {
        const Refactoring rename = refactoring(QStringLiteral("nick-rename"), QStringLiteral("rename_column"), QStringLiteral("r1"),
                                               json(R"J({"table": "customer", "column": "nickname", "to": "display_name"})J"));
        const Run r = run(plan(customerSchema(), 5, {addNickname(), after(rename, {QStringLiteral("nick")})}));
        QVERIFY2(r.ok, qPrintable(text(r.errors)));
        QVERIFY(r.engine->state(1, Phase::Pre)->schema.table(QStringLiteral("customer"))->column(QStringLiteral("display_name")));
        const PlacedStep *contract = stepOf(*r.engine, QStringLiteral("nick-rename"), QStringLiteral("contract"));
        QVERIFY(contract && contract->release <= 5);
        const Table *customer = r.engine->state(5, Phase::Post)->schema.table(QStringLiteral("customer"));
        QVERIFY(customer->column(QStringLiteral("display_name")));
        QVERIFY(!customer->column(QStringLiteral("nickname")));
    }

    /** A table move_columns creates, used by a refactoring whose steps run after the move's
     *  steps of that release (set_not_null: app step, then a constraint a release later). */
    void useTableAnotherCreates()
    {
        const Refactoring require = refactoring(QStringLiteral("author-name-required"), QStringLiteral("set_not_null"),
                                                QStringLiteral("r1"), json(R"J({"table": "author", "column": "author_name"})J"));
        const Run r = run(plan(customerSchema(false), 4, {moveAuthors(), after(require, {QStringLiteral("authors")})}));
        QVERIFY2(r.ok, qPrintable(text(r.errors)));
        QVERIFY(!r.engine->state(2, Phase::Post)->schema.table(QStringLiteral("author"))->column(QStringLiteral("author_name"))->nullable);
    }

    /** A dependant whose first step would run before a step of its dependency in the same
     *  release is refused, naming both steps and releases. */
    void stepBeforeDependencyRefused()
    {
        const Refactoring rename = refactoring(QStringLiteral("author-rename"), QStringLiteral("rename_column"), QStringLiteral("r1"),
                                               json(R"J({"table": "author", "column": "author_email", "to": "email"})J"));
        const Run r = run(plan(customerSchema(false), 4, {moveAuthors(), after(rename, {QStringLiteral("authors")})}));
        QVERIFY(!r.ok);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors.first().field, QStringLiteral("refactorings[1].after[0]"));
        const QString message = r.errors.first().message;
        QVERIFY2(message.contains(QStringLiteral("step expand of author-rename (r1, pre)"))
                     && message.contains(QStringLiteral("step backfill of authors (r1, backfill)")),
                 qPrintable(message));
    }

    /** Moving the dependency's step past the dependant's start breaks the dependency: the move
     *  is refused, naming both steps. */
    void moveThatBreaksRefused()
    {
        const Refactoring nick = addNickname(QStringLiteral("r1"), {{QStringLiteral("expand"), QStringLiteral("r2")},
                                                                    {QStringLiteral("app"), QStringLiteral("r2")}});
        const Run r = run(plan(customerSchema(), 3, {nick, after(requireNickname(), {QStringLiteral("nick")})}));
        QVERIFY(!r.ok);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors.first().field, QStringLiteral("refactorings[0].moves.expand"));
        const QString message = r.errors.first().message;
        QVERIFY2(message.contains(QStringLiteral("step expand of nick (r2, pre)")) && message.contains(QStringLiteral("nick-required (r1,")),
                 qPrintable(message));
    }

    /** The same moves with the dependant started a release later are fine: both then run in r2. */
    void moveWithDependantLater()
    {
        const Refactoring nick = addNickname(QStringLiteral("r1"), {{QStringLiteral("expand"), QStringLiteral("r2")},
                                                                    {QStringLiteral("app"), QStringLiteral("r2")}});
        Refactoring require = after(requireNickname(), {QStringLiteral("nick")});
        require.start = QStringLiteral("r2");
        const Run r = run(plan(customerSchema(), 3, {nick, require}));
        QVERIFY2(r.ok, qPrintable(text(r.errors)));
    }

    void invalidAfter_data()
    {
        QTest::addColumn<QList<Refactoring>>("refactorings");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        const Refactoring nick = addNickname();
        const Refactoring require = requireNickname();
        QTest::newRow("unknown id") << QList<Refactoring>{nick, after(require, {QStringLiteral("nope")})}
                                    << QStringLiteral("refactorings[1].after[0]") << QStringLiteral("unknown refactoring 'nope'");
        QTest::newRow("itself") << QList<Refactoring>{nick, after(require, {QStringLiteral("nick-required")})}
                                << QStringLiteral("refactorings[1].after[0]")
                                << QStringLiteral("refactoring 'nick-required' cannot come after itself");
        Refactoring later = nick;
        later.start = QStringLiteral("r2");
        QTest::newRow("dependency starts later") << QList<Refactoring>{later, after(require, {QStringLiteral("nick")})}
                                                 << QStringLiteral("refactorings[1].after[0]")
                                                 << QStringLiteral("'nick' starts in r2, after 'nick-required' (r1)");
        QTest::newRow("cycle") << QList<Refactoring>{after(nick, {QStringLiteral("nick-required")}), after(require, {QStringLiteral("nick")})}
                               << QStringLiteral("refactorings[0].after[0]")
                               << QStringLiteral("cycle: nick → nick-required → nick");
        QTest::newRow("listed twice") << QList<Refactoring>{nick, after(require, {QStringLiteral("nick"), QStringLiteral("nick")})}
                                      << QStringLiteral("refactorings[1].after[1]") << QStringLiteral("'nick' is listed twice");
    }

    void invalidAfter()
    {
        QFETCH(QList<Refactoring>, refactorings);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const Plan p = plan(customerSchema(), 3, refactorings);
        QList<PlanError> errors;
        QVERIFY(!PlanValidator::validate(p, QStringLiteral("plan.tideline.json"), &errors));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().field, field);
        QVERIFY2(errors.first().message.contains(message), qPrintable(errors.first().message));
        // The engine refuses the same plan on its own, with the same field.
        QList<PlanError> engineErrors;
        QVERIFY(!Engine(p).run(&engineErrors));
        QVERIFY(!engineErrors.isEmpty());
        QCOMPARE(engineErrors.first().field, field);
    }

    /** Refactorings of one release without dependencies keep the plan's order. */
    void orderStableOtherwise()
    {
        const Refactoring rename = refactoring(QStringLiteral("email-rename"), QStringLiteral("rename_column"), QStringLiteral("r1"),
                                               json(R"J({"table": "customer", "column": "email", "to": "mail"})J"));
        const Run r = run(plan(customerSchema(), 3, {rename, after(requireNickname(), {QStringLiteral("nick")}), addNickname()}));
        QVERIFY2(r.ok, qPrintable(text(r.errors)));
        QStringList order;
        for (const PlacedStep &p : r.engine->steps()) {
            const QString id = r.engine->plan().refactorings.at(p.refactoring).id;
            if (!order.contains(id))
                order << id;
        }
        QCOMPARE(order, (QStringList{QStringLiteral("email-rename"), QStringLiteral("nick"), QStringLiteral("nick-required")}));
    }
};

QTEST_GUILESS_MAIN(TestDependencies)
#include "tst_dependencies.moc"
