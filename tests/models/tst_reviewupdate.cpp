// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Review::update against Review::run: after hundreds of random edits (moved steps, starts,
// parameters, deployed releases, acknowledgements, plan names, policies, rows), the review that
// reuses the releases before the first changed one equals a full review, field by field.
#include "../benchmarks/plangenerator.h"
#include "exampleplans.h"
#include "testplans.h"

#include <catalog/catalog.h>
#include <engine/engine.h>
#include <review/review.h>

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Tideline;

namespace {

QString cellText(const Cell &c)
{
    QString text = QStringLiteral("%1/%2/%3").arg(c.app).arg(c.state).arg(c.required);
    for (const Failure &f : c.failures)
        text += QStringLiteral("|%1 %2 %3 %4").arg(f.rule, f.object, f.message).arg(f.warning);
    return text;
}

/** The placed steps of release k, as far as the review can see them. */
QStringList stepsOf(const Engine &engine, int k)
{
    QStringList list;
    for (const PlacedStep &p : engine.steps()) {
        if (p.release != k)
            continue;
        const Refactoring &r = engine.plan().refactorings.at(p.refactoring);
        list << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                    .arg(r.id, r.kind, p.step.name, p.step.category, p.step.description)
                    .arg(int(p.step.phase))
                    .arg(p.moved)
                    .arg(p.step.ops.size());
    }
    return list;
}

/** The params of the refactorings with a step in release k: the steps' ops follow from them. */
QList<QJsonObject> paramsOf(const Engine &engine, int k)
{
    QList<QJsonObject> list;
    for (const PlacedStep &p : engine.steps()) {
        if (p.release == k)
            list << engine.plan().refactorings.at(p.refactoring).params;
    }
    return list;
}

QList<const PlacedStep *> placedIn(const Engine &engine, int k)
{
    QList<const PlacedStep *> list;
    for (const PlacedStep &p : engine.steps()) {
        if (p.release == k)
            list << &p;
    }
    return list;
}

bool sameState(const SchemaState &a, const SchemaState &b)
{
    return a.name == b.name && a.schema == b.schema && a.filled == b.filled;
}

/** True when release k's states, steps, app versions or cells differ between two runs. */
bool releaseDiffers(const Engine &a, const Engine &b, int k)
{
    const int before = Engine::stateIndex(k - 1, Phase::Post);
    if (!sameState(a.states().at(before), b.states().at(before)))
        return true;
    for (Phase phase : {Phase::Pre, Phase::Post}) {
        if (!sameState(*a.state(k, phase), *b.state(k, phase)))
            return true;
    }
    for (int app : {k - 1, k}) {
        if (a.apps().at(app).name != b.apps().at(app).name || !(a.apps().at(app).usage == b.apps().at(app).usage))
            return true;
    }
    if (stepsOf(a, k) != stepsOf(b, k) || paramsOf(a, k) != paramsOf(b, k))
        return true;
    const QList<const PlacedStep *> pa = placedIn(a, k), pb = placedIn(b, k);
    for (int i = 0; i < pa.size(); ++i) {
        if (pa.at(i)->before != pb.at(i)->before)
            return true;
    }
    QStringList ca, cb;
    for (const Cell &c : a.cells()) {
        if (a.states().at(c.state).release == k)
            ca << cellText(c);
    }
    for (const Cell &c : b.cells()) {
        if (b.states().at(c.state).release == k)
            cb << cellText(c);
    }
    return ca != cb;
}

/** The first release whose states, steps, app versions or cells differ between two runs. */
int firstDifference(const Engine &a, const Engine &b)
{
    if (a.releaseCount() != b.releaseCount() || a.states().isEmpty() || b.states().isEmpty()
        || !sameState(a.states().first(), b.states().first()) || !(a.apps().first().usage == b.apps().first().usage))
        return 1;
    for (int k = 1; k <= a.releaseCount(); ++k) {
        if (releaseDiffers(a, b, k))
            return k;
    }
    return a.releaseCount() + 1;
}

QString findingText(const Finding &f)
{
    return QStringLiteral("%1 %2 r%3 %4 %5 [%6] %7 ack=%8 %9")
        .arg(f.lint)
        .arg(int(f.severity))
        .arg(f.release)
        .arg(f.refactoring, f.step, f.object, f.message)
        .arg(f.acknowledged)
        .arg(f.reason);
}

QString scriptText(const ScriptEstimate &s)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6").arg(s.path, s.phase, s.refactoring, s.step).arg(s.estimateSeconds).arg(s.measuredSeconds);
}

QString cellLineText(const CellLine &c)
{
    return QStringLiteral("%1 %2 %3 %4 %5").arg(c.app, c.state).arg(c.required).arg(c.ok).arg(c.failures.join(QLatin1Char('|')));
}

template <class T, class F>
QStringList texts(const QList<T> &list, F text)
{
    QStringList out;
    for (const T &t : list)
        out << text(t);
    return out;
}

/** The first field in which two reviews differ, or an empty string. */
QString difference(const ReviewResult &a, const ReviewResult &b)
{
    if (a.plan != b.plan)
        return QStringLiteral("plan: %1 / %2").arg(a.plan, b.plan);
    if (a.dialect != b.dialect)
        return QStringLiteral("dialect");
    if (a.releases.size() != b.releases.size())
        return QStringLiteral("release count %1 / %2").arg(a.releases.size()).arg(b.releases.size());
    for (int i = 0; i < a.spans.size() || i < b.spans.size(); ++i) {
        const RefactoringSpan x = a.spans.value(i), y = b.spans.value(i);
        if (x.id != y.id || x.kind != y.kind || x.expand != y.expand || x.contract != y.contract || x.last != y.last
            || x.hasContract != y.hasContract)
            return QStringLiteral("span %1 (%2 / %3)").arg(i).arg(x.id, y.id);
    }
    for (int i = 0; i < a.releases.size(); ++i) {
        const ReleaseReview &x = a.releases.at(i), &y = b.releases.at(i);
        const QString where = QStringLiteral("release %1 (%2): ").arg(i + 1).arg(y.id);
        auto differs = [&](const QString &field, const QStringList &p, const QStringList &q) {
            if (p == q)
                return QString();
            for (int j = 0; j < p.size() || j < q.size(); ++j) {
                if (p.value(j) != q.value(j))
                    return where + QStringLiteral("%1[%2]: \"%3\" / \"%4\"").arg(field).arg(j).arg(p.value(j), q.value(j));
            }
            return where + field;
        };
        const QList<QPair<QString, QPair<QStringList, QStringList>>> fields{
            {QStringLiteral("header"),
             {{x.id, x.label, x.status, QString::number(x.position), QString::number(int(x.verdict)), x.verify, x.runbook},
              {y.id, y.label, y.status, QString::number(y.position), QString::number(int(y.verdict)), y.verify, y.runbook}}},
            {QStringLiteral("reasons"), {x.reasons, y.reasons}},
            {QStringLiteral("findings"), {texts(x.findings, findingText), texts(y.findings, findingText)}},
            {QStringLiteral("estimate"),
             {{QString::number(x.estimate.pre), QString::number(x.estimate.backfill), QString::number(x.estimate.post),
               QString::number(x.estimate.offline)},
              {QString::number(y.estimate.pre), QString::number(y.estimate.backfill), QString::number(y.estimate.post),
               QString::number(y.estimate.offline)}}},
            {QStringLiteral("scripts"), {texts(x.scripts, scriptText), texts(y.scripts, scriptText)}},
            {QStringLiteral("cells"), {texts(x.cells, cellLineText), texts(y.cells, cellLineText)}},
            {QStringLiteral("pendingAfter"), {x.pendingAfter, y.pendingAfter}},
            {QStringLiteral("contractsDue"), {x.contractsDue, y.contractsDue}},
        };
        for (const auto &[field, lists] : fields) {
            const QString d = differs(field, lists.first, lists.second);
            if (!d.isEmpty())
                return d;
        }
        // Bitwise: the reused estimates are summed in the same order as fresh ones.
        if (x.estimate.total() != y.estimate.total())
            return where + QStringLiteral("estimate total");
    }
    return {};
}

/** A random edit of @p plan; false when it found nothing to edit. */
bool randomEdit(Plan *plan, const Engine &engine, const ReviewResult &review, QRandomGenerator *random, QString *what)
{
    const int n = plan->releases.size();
    auto releaseNear = [&](const QString &id, int spread) {
        int k = 0;
        for (int i = 0; i < n; ++i) {
            if (plan->releases.at(i).id == id)
                k = i;
        }
        return plan->releases.at(qBound(0, k + int(random->bounded(2 * spread + 1)) - spread, n - 1)).id;
    };
    const int choice = int(random->bounded(100));
    if (choice < 30 && !engine.steps().isEmpty()) { // move a step
        const PlacedStep &p = engine.steps().at(int(random->bounded(engine.steps().size())));
        Refactoring &r = plan->refactorings[p.refactoring];
        const QString target = releaseNear(engine.releaseId(qMin(p.release, engine.releaseCount())), 2);
        r.moves.insert(p.step.name, target);
        *what = QStringLiteral("move %1 %2 to %3").arg(r.id, p.step.name, target);
        return true;
    }
    if (choice < 45 && !plan->refactorings.isEmpty()) { // change a start
        Refactoring &r = plan->refactorings[int(random->bounded(plan->refactorings.size()))];
        r.start = releaseNear(r.start, 2);
        r.moves.clear();
        *what = QStringLiteral("start %1 in %2").arg(r.id, r.start);
        return true;
    }
    if (choice < 60 && !plan->refactorings.isEmpty()) { // change a parameter
        Refactoring &r = plan->refactorings[int(random->bounded(plan->refactorings.size()))];
        const QStringList keys = r.params.keys();
        for (const QString &key : keys) {
            const QString value = r.params.value(key).toString();
            static const QRegularExpression sized(QStringLiteral("^(\\w+)\\((\\d+)\\)$"));
            const QRegularExpressionMatch m = sized.match(value);
            if (m.hasMatch()) {
                r.params.insert(key, QStringLiteral("%1(%2)").arg(m.captured(1)).arg(m.captured(2).toInt() + 1 + int(random->bounded(50))));
                *what = QStringLiteral("param %1.%2").arg(r.id, key);
                return true;
            }
            if (key == QLatin1String("expression") || key == QLatin1String("backfill") || key == QLatin1String("default")) {
                const QStringList choices{QStringLiteral("'x'"), QStringLiteral("random()"),
                                          QStringLiteral("(select 1)"), value + QStringLiteral(" ")};
                r.params.insert(key, choices.at(int(random->bounded(choices.size()))));
                *what = QStringLiteral("param %1.%2").arg(r.id, key);
                return true;
            }
        }
        return false;
    }
    if (choice < 72 && n > 0) { // mark a release deployed, or planned again
        Release &release = plan->releases[int(random->bounded(qMin(n, 1 + n / 2)))];
        release.status = release.status == Release::Status::Deployed ? Release::Status::Planned : Release::Status::Deployed;
        *what = QStringLiteral("status of %1").arg(release.id);
        return true;
    }
    if (choice < 84) { // acknowledge a finding, or take an acknowledgement back
        if (!plan->acknowledgements.isEmpty() && random->bounded(3) == 0) {
            plan->acknowledgements.removeAt(int(random->bounded(plan->acknowledgements.size())));
            *what = QStringLiteral("unacknowledge");
            return true;
        }
        QList<const Finding *> findings;
        for (const ReleaseReview &r : review.releases) {
            for (const Finding &f : r.findings)
                findings << &f;
        }
        if (findings.isEmpty())
            return false;
        const Finding &f = *findings.at(int(random->bounded(findings.size())));
        Acknowledgement ack;
        ack.lint = f.lint;
        ack.refactoring = f.refactoring;
        ack.step = f.step;
        ack.object = f.object;
        ack.reason = QStringLiteral("maintenance window %1").arg(random->bounded(1000));
        plan->acknowledgements << ack;
        *what = QStringLiteral("acknowledge %1 of %2").arg(f.lint, f.refactoring);
        return true;
    }
    if (choice < 90) {
        plan->name = QStringLiteral("renamed %1").arg(random->bounded(1000));
        *what = QStringLiteral("rename plan");
        return true;
    }
    if (choice < 95) {
        plan->policy.maxContractAge = int(random->bounded(4));
        plan->policy.rollbackSafe = random->bounded(2) == 0;
        *what = QStringLiteral("policy");
        return true;
    }
    if (plan->baseline.rows.isEmpty())
        return false;
    const QString table = plan->baseline.rows.keys().at(int(random->bounded(plan->baseline.rows.size())));
    plan->baseline.rows.insert(table, random->bounded(2) ? 0 : 5'000'000);
    *what = QStringLiteral("rows of %1").arg(table);
    return true;
}

/** The small generated plan of the random-edit tests: 8 tables, 12 releases, 40 refactorings. */
Plan generatedPlanOf(const QString &dialect)
{
    Benchmarks::PlanSize size;
    size.tables = 8;
    size.releases = 12;
    size.refactorings = 40;
    size.groupsPerTable = Benchmarks::PlanSize::groupsNeeded(size.refactorings, size.tables);
    return Benchmarks::generatePlan(size, dialect);
}

/** Verify results of two releases, so that update re-applies measurements and verdicts. */
QList<VerifyReport> verifyOf(const ReviewResult &review)
{
    QList<VerifyReport> list;
    for (int i = 0; i < review.releases.size() && list.size() < 2; i += qMax(1, int(review.releases.size()) / 2)) {
        const ReleaseReview &r = review.releases.at(i);
        VerifyReport v;
        v.file = QStringLiteral("verify-%1.json").arg(r.id);
        v.release = r.id;
        v.verdict = list.isEmpty() ? QStringLiteral("pass") : QStringLiteral("fail");
        if (!r.scripts.isEmpty())
            v.extrapolatedSeconds.insert(r.scripts.first().path, 12.5);
        list << v;
    }
    return list;
}

} // namespace

class TestReviewUpdate : public QObject
{
    Q_OBJECT

    /** Applies @p edits random edits to @p plan; each accepted one is checked. Returns how many
     *  reused at least one release. @p incremental: each edited plan runs as the document's
     *  worker runs it (Engine::runFrom the run before, Review::update from its first changed
     *  release), compared with a whole run and review of the edited plan; @p reusedLater counts
     *  the edits where a release from the first changed one on was taken over. */
    int randomEdits(Plan plan, int edits, quint32 seed, bool incremental = false, int *reusedLater = nullptr)
    {
        QRandomGenerator random(seed);
        QList<PlanError> errors;
        auto engine = std::make_shared<Engine>(plan);
        if (!PlanValidator::validate(plan, {}, &errors) || !engine->run(&errors)) {
            qWarning("%s does not run: %s", qPrintable(plan.name), qPrintable(errors.value(0).toString()));
            return -1;
        }
        const QList<VerifyReport> verify = verifyOf(Review::run(*engine));
        ReviewResult review = Review::run(*engine, verify);
        int reused = 0, accepted = 0;
        for (int i = 0; i < edits; ++i) {
            Plan edited = plan;
            QString what;
            if (!randomEdit(&edited, *engine, review, &random, &what))
                continue;
            errors.clear();
            auto next = std::make_shared<Engine>(edited);
            if (!PlanValidator::validate(edited, {}, &errors)
                || !(incremental ? next->runFrom(*engine, &errors) : next->run(&errors)))
                continue; // an edit the plan refuses: the plan stays as it was
            ++accepted;
            const int from = incremental ? next->firstChangedRelease() : firstDifference(*engine, *next);
            const ReviewResult updated = Review::update(review, *next, from, verify);
            Engine whole(edited);
            if (!whole.run(&errors)) {
                QTest::qFail("runFrom ran a plan that run() refuses", __FILE__, __LINE__);
                return -1;
            }
            const ReviewResult full = Review::run(whole, verify);
            if (reusedLater && updated.work.bundled < next->releaseCount() - qMin(from, next->releaseCount() + 1) + 1)
                ++*reusedLater;
            const QString d = difference(updated, full);
            if (!d.isEmpty()) {
                QTest::qFail(qPrintable(QStringLiteral("edit %1 (%2), first changed release %3: %4")
                                            .arg(i)
                                            .arg(what)
                                            .arg(from)
                                            .arg(d)),
                             __FILE__, __LINE__);
                return -1;
            }
            reused += from > 1 ? 1 : 0;
            plan = edited;
            engine = next;
            review = updated; // the next update builds on this one
        }
        qInfo("%s: %d edits accepted, %d of them reused releases", qPrintable(plan.name), accepted, reused);
        return reused;
    }

private slots:
    void generatedPlan_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("postgresql") << QStringLiteral("postgresql") << 12u;
        QTest::newRow("mysql") << QStringLiteral("mysql") << 1212u;
        QTest::newRow("sqlite") << QStringLiteral("sqlite") << 4u;
    }

    void generatedPlan()
    {
        QFETCH(QString, dialect);
        QFETCH(quint32, seed);
        const int reused = randomEdits(generatedPlanOf(dialect), 250, seed);
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY2(reused > 20, "too few edits left releases to reuse: the test proves little");
    }

    void generatedPlanRunFrom_data() { generatedPlan_data(); }

    // As the document's worker re-checks an edit: Engine::runFrom, then Review::update from its
    // first changed release, which also takes over the later releases an edit left as they were.
    void generatedPlanRunFrom()
    {
        QFETCH(QString, dialect);
        QFETCH(quint32, seed);
        int later = 0;
        const int reused = randomEdits(generatedPlanOf(dialect), 250, seed + 1, true, &later);
        QVERIFY(!QTest::currentTestFailed());
        qInfo("%d edits took over a release at or after the first changed one", later);
        QVERIFY2(reused > 20, "too few edits left releases to reuse: the test proves little");
        QVERIFY2(later > 20, "too few edits left later releases as they were: the test proves little");
    }

    // Single drags spread through a larger plan, each undone: every release after the ones the
    // drag changed is taken over, and the review equals a whole run's, field by field.
    void movesThroughThePlan_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
        QTest::newRow("mysql") << QStringLiteral("mysql");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }

    void movesThroughThePlan()
    {
        QFETCH(QString, dialect);
        Benchmarks::PlanSize size;
        size.tables = 12;
        size.releases = 30;
        size.refactorings = 150;
        size.groupsPerTable = Benchmarks::PlanSize::groupsNeeded(size.refactorings, size.tables);
        const Plan original = Benchmarks::generatePlan(size, dialect);
        QList<PlanError> errors;
        auto engine = std::make_shared<Engine>(original);
        QVERIFY(engine->run(&errors));
        const int n = engine->releaseCount();
        const QList<VerifyReport> verify = verifyOf(Review::run(*engine));
        ReviewResult review = Review::run(*engine, verify);

        // Re-checks @p plan from the current engine and review as the worker does; compares.
        auto recheck = [&](const Plan &plan, const QString &what) -> bool {
            auto next = std::make_shared<Engine>(plan);
            errors.clear();
            if (!next->runFrom(*engine, &errors)) {
                qWarning("%s: %s", qPrintable(what), qPrintable(errors.value(0).toString()));
                return false;
            }
            const ReviewResult updated = Review::update(review, *next, next->firstChangedRelease(), verify);
            Engine whole(plan);
            if (!whole.run(&errors))
                return false;
            const QString d = difference(updated, Review::run(whole, verify));
            if (!d.isEmpty()) {
                qWarning("%s: %s", qPrintable(what), qPrintable(d));
                return false;
            }
            // The releases whose inputs differ from the run before, found here independently.
            int changed = 0;
            for (int k = 1; k <= n; ++k)
                changed += releaseDiffers(*engine, *next, k) ? 1 : 0;
            const int span = n - qMin(next->firstChangedRelease(), n + 1) + 1; // releases from the first changed on
            qInfo("%s: first changed release %d, %d releases differ, %d linted, %d bundled", qPrintable(what),
                  next->firstChangedRelease(), changed, updated.work.linted, updated.work.bundled);
            if (changed < span && (updated.work.bundled >= span || updated.work.linted >= span)) {
                qWarning("%s: every release from the first changed one was reviewed again", qPrintable(what));
                return false;
            }
            engine = next;
            review = updated;
            return true;
        };

        int moves = 0;
        for (int from : {2, 3, n / 4, n / 2, 2 * n / 3, n - 1}) {
            // The contract (else the last DB step) of a refactoring with a step in release from.
            const PlacedStep *moved = nullptr;
            for (const PlacedStep &p : engine->steps()) {
                if (p.release == from && !p.step.isAppStep() && (!moved || p.step.category == QLatin1String("contract")))
                    moved = &p;
            }
            if (!moved)
                continue;
            const Plan before = engine->plan();
            Plan edited = before;
            Refactoring &r = edited.refactorings[moved->refactoring];
            const QString what = QStringLiteral("%1 %2 from r%3").arg(r.id, moved->step.name).arg(from);
            r.moves.insert(moved->step.name, engine->releaseId(from + 1));
            if (!PlanValidator::validate(edited, {}, &errors))
                continue;
            Engine probe(edited);
            if (!probe.run(&errors))
                continue; // the catalog refuses this move (a dependency): try the next release
            QVERIFY(recheck(edited, QStringLiteral("move ") + what));
            QVERIFY(recheck(before, QStringLiteral("undo ") + what));
            ++moves;
        }
        QVERIFY2(moves >= 4, "too few moves ran: the test proves little");
    }

    void testPlan()
    {
        using namespace TestPlans;
        Plan p = plan(customerSchema(), 6,
                      {refactoring("full-name", "merge_columns", "r1",
                                   json(R"j({"table":"customer","columns":["first_name","last_name"],"into":"full_name","type":"varchar(256)","expression":"first_name || ' ' || last_name"})j")),
                       refactoring("drop-email", "drop_column", "r2", json(R"j({"table":"customer","column":"email"})j")),
                       refactoring("rename", "rename_column", "r2", json(R"j({"table":"customer","column":"name","to":"display_name"})j")),
                       refactoring("late", "rename_column", "r4", json(R"j({"table":"customer","column":"author_name","to":"writer"})j"))});
        p.dialect = QStringLiteral("postgresql");
        p.baseline.rows.insert(QStringLiteral("customer"), 2'000'000);
        randomEdits(p, 150, 7);
        QVERIFY(!QTest::currentTestFailed());
    }

    void examplePlans()
    {
        // Every kind's example, on two engines, with a few edits each.
        quint32 seed = 100;
        for (const KindSpec &kind : Catalog::kinds()) {
            for (const QString &dialect : {QStringLiteral("postgresql"), QStringLiteral("mysql")}) {
                if (kind.unsupported.contains(dialect))
                    continue;
                randomEdits(ExamplePlans::planFor(kind, dialect, 0, true, 6), 12, ++seed);
                QVERIFY2(!QTest::currentTestFailed(), qPrintable(kind.name + QLatin1Char(' ') + dialect));
            }
        }
    }

    void nothingChanged()
    {
        // fromRelease beyond the plan: every release is taken over, and still equal.
        Benchmarks::PlanSize size;
        size.tables = 6;
        size.releases = 8;
        size.refactorings = 24;
        size.groupsPerTable = Benchmarks::PlanSize::groupsNeeded(size.refactorings, size.tables);
        const Plan plan = Benchmarks::generatePlan(size);
        Engine a(plan), b(plan);
        QList<PlanError> errors;
        QVERIFY(a.run(&errors) && b.run(&errors));
        QCOMPARE(firstDifference(a, b), a.releaseCount() + 1);
        const ReviewResult full = Review::run(b);
        QCOMPARE(difference(Review::update(Review::run(a), b, a.releaseCount() + 1), full), QString());
        // A review without a basis (or another plan's) is never reused: still equal.
        QCOMPARE(difference(Review::update(ReviewResult(), b, a.releaseCount() + 1), full), QString());
    }
};

QTEST_GUILESS_MAIN(TestReviewUpdate)
#include "tst_reviewupdate.moc"
