// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Deployed is history (issue 13, item 2): the core's edit API keeps what a deployed release
// shipped, releases are deployed in order, a re-open is logged, both file formats keep the
// record and the log, and `tideline-cli check` finds a file whose shipped history was changed
// by hand.
#include <document/document.h>
#include <document/planedits.h>
#include <document/schemaedit.h>
#include <engine/engine.h>
#include <engine/shipped.h>
#include <io/planfile.h>
#include <io/planjson.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Tideline;

namespace {

// The example: r1 (2026.12) deployed, r2 (2027.01), r3 (2027.02), r4 (2027.03) planned;
// full-name (merge_columns) starts in r1: expand, dual_write, backfill in r1, constraint and
// stop_old in r2, its contract moved to r4; full-name-required (set_not_null) starts in r2.
Plan example()
{
    Plan plan;
    QList<PlanError> errors;
    if (!PlanFile::load(QStringLiteral(TIDELINE_EXAMPLES "/customer-full-name.tideline.json"), &plan,
                        &errors))
        qFatal("cannot load the example: %s", qPrintable(errors.value(0).toString()));
    return plan;
}

HistoryEntry by(const QString &who, const QString &why = {})
{
    HistoryEntry entry;
    entry.who = who;
    entry.when = QDateTime(QDate(2027, 1, 6), QTime(9, 30), Qt::UTC);
    entry.why = why;
    return entry;
}

/** The example with r2 marked deployed through the edit API (engine run included). */
Plan withR2Deployed()
{
    Plan plan = example();
    QString error;
    if (!PlanEdits::markDeployed(&plan, QStringLiteral("r2"), by(QStringLiteral("ana")), &error))
        qFatal("cannot mark r2 deployed: %s", qPrintable(error));
    return plan;
}

struct Run
{
    int code = -1;
    QByteArray out, err;
};

Run cli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TIDELINE_CLI), arguments);
    Run run;
    if (process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit)
        run.code = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool writeJson(const QString &path, const QJsonObject &object)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(QJsonDocument(object).toJson()) > 0;
}

} // namespace

class TestShipped : public QObject
{
    Q_OBJECT

private slots:
    void markingDeployedRecordsWhatShipped()
    {
        const Plan plan = withR2Deployed();
        const Release *r2 = plan.release(QStringLiteral("r2"));
        QVERIFY(r2);
        QCOMPARE(r2->status, Release::Status::Deployed);
        QVERIFY(r2->shippedRecorded);
        // Both refactorings have steps in r2: full-name's r2 steps, full-name-required's first;
        // the baseline r2 shipped on is recorded in fields of its own, not as a refactoring.
        QCOMPARE(r2->shipped.keys(), (QStringList{"full-name", "full-name-required"}));
        QCOMPARE(r2->baselineSha256, ShippedHistory::baselineFingerprint(plan.baseline.schema));
        QCOMPARE(r2->baselineAlgorithm, 1);
        QVERIFY(r2->shipped.value("full-name").steps.contains("stop_old"));
        QVERIFY(!r2->shipped.value("full-name").steps.contains("contract"));
        QCOMPARE(r2->shipped.value("full-name").kind, QStringLiteral("merge_columns"));
        QCOMPARE(r2->shipped.value("full-name").params, plan.refactorings.at(0).params);
        QCOMPARE(plan.history.size(), 1);
        QCOMPARE(plan.history.at(0).action, HistoryEntry::Action::Deployed);
        QCOMPARE(plan.history.at(0).release, QStringLiteral("r2"));
        QCOMPARE(plan.history.at(0).who, QStringLiteral("ana"));
        QVERIFY(ShippedHistory::problems(plan).isEmpty());
    }

    void movingOutOfADeployedReleaseIsRefused()
    {
        Plan plan = withR2Deployed();
        const Plan before = plan;
        QString error;
        QVERIFY(!PlanEdits::moveStep(&plan, "full-name", "stop_old", "r3", &error));
        QCOMPARE(plan, before);
        QVERIFY2(error.startsWith(QStringLiteral("The “stop old” step of “full-name” shipped in "
                                                 "“2027.01”, which is deployed: it can’t move.")),
                 qPrintable(error));
        // Its steps in planned releases still move: the contract from r4 to r3.
        QVERIFY2(PlanEdits::moveStep(&plan, "full-name", "contract", "r3", &error), qPrintable(error));
        QCOMPARE(ShippedHistory::placement(plan, plan.refactorings.at(0)).value("contract"),
                 QStringLiteral("r3"));
    }

    void movingIntoADeployedReleaseIsRefused()
    {
        Plan plan = withR2Deployed();
        QString error;
        QVERIFY(PlanEdits::markDeployed(&plan, "r3", by("ana"), &error));
        const Plan before = plan;
        // The contract (in r4) back to its default, r3, now deployed.
        QVERIFY(!PlanEdits::moveStep(&plan, "full-name", "contract", "r3", &error));
        QCOMPARE(plan, before);
        QCOMPARE(error, QStringLiteral("“2027.02” is deployed: the “contract” step of “full-name” "
                                       "can’t move into it. Pick a planned release."));
        // A new refactoring cannot start in a deployed release either.
        Refactoring added;
        added.id = "email-verified";
        added.kind = "add_column";
        added.start = "r3";
        added.params = QJsonObject{{"table", "customer"}, {"column", "email_verified"}, {"type", "boolean"}};
        QVERIFY(!PlanEdits::addRefactoring(&plan, added, &error));
        QVERIFY2(error.startsWith(QStringLiteral("“2027.02” is deployed: “email-verified” can’t start in it")),
                 qPrintable(error));
        QCOMPARE(plan, before);
        added.start = "r4";
        QVERIFY2(PlanEdits::addRefactoring(&plan, added, &error), qPrintable(error));
    }

    void shippedRefactoringsKeepKindAndParameters()
    {
        Plan plan = withR2Deployed();
        const Plan before = plan;
        QString error;
        Refactoring changed = plan.refactorings.at(0);
        changed.params.insert("into", "whole_name");
        QVERIFY(!PlanEdits::replaceRefactoring(&plan, "full-name", changed, &error));
        QCOMPARE(error, QStringLiteral("“full-name” shipped in “2026.12”: its parameters (into) "
                                       "can’t change. Start a new refactoring for the change instead."));
        changed = plan.refactorings.at(0);
        changed.kind = "split_column";
        QVERIFY(!PlanEdits::replaceRefactoring(&plan, "full-name", changed, &error));
        QVERIFY2(error.contains("its kind can’t change"), qPrintable(error));
        QVERIFY(!PlanEdits::removeRefactoring(&plan, "full-name-required", &error));
        QVERIFY2(error.contains("“full-name-required” has steps that shipped in “2027.01”: it "
                                "can’t be deleted or renamed."),
                 qPrintable(error));
        QCOMPARE(plan, before);
        // Its note is no part of what shipped.
        changed = plan.refactorings.at(0);
        changed.note = "shipped over two releases";
        QVERIFY2(PlanEdits::replaceRefactoring(&plan, "full-name", changed, &error), qPrintable(error));
        QCOMPARE(plan.refactorings.at(0).note, changed.note);
    }

    void releasesAreDeployedInOrder()
    {
        Plan plan = example();
        const Plan before = plan;
        QString error;
        QVERIFY(!PlanEdits::markDeployed(&plan, "r3", by("ana"), &error));
        QCOMPARE(error, QStringLiteral("“2027.02” can’t be marked deployed before “2027.01”: "
                                       "releases ship in order. Mark “2027.01” deployed first."));
        QCOMPARE(plan, before);
        // Through the release dialog's path (status edited) the same rule holds.
        Release r3 = *plan.release("r3");
        r3.status = Release::Status::Deployed;
        QVERIFY(!PlanEdits::replaceRelease(&plan, "r3", r3, &error));
        QCOMPARE(plan, before);
        // A planned release cannot be put before a deployed one.
        QVERIFY(!PlanEdits::moveRelease(&plan, "r2", 0, &error));
        QVERIFY2(error.contains("can’t come before the deployed"), qPrintable(error));
        Release early;
        early.id = "r0";
        QVERIFY(!PlanEdits::insertRelease(&plan, 0, early, &error));
        QCOMPARE(plan, before);

        QVERIFY(PlanEdits::markDeployed(&plan, "r2", by("ana"), &error));
        QVERIFY2(PlanEdits::replaceRelease(&plan, "r3", r3, &error), qPrintable(error));
        QCOMPARE(plan.release("r3")->status, Release::Status::Deployed);
        QVERIFY(plan.release("r3")->shippedRecorded);
        QCOMPARE(plan.history.size(), 2);
        QCOMPARE(plan.history.at(1).release, QStringLiteral("r3"));
        QVERIFY(!plan.history.at(1).who.isEmpty());
    }

    void reopeningIsExplicitLoggedAndLatestFirst()
    {
        Plan plan = withR2Deployed();
        QString error;
        QVERIFY(PlanEdits::markDeployed(&plan, "r3", by("ana"), &error));
        const Plan before = plan;
        QVERIFY(!PlanEdits::reopenRelease(&plan, "r2", by("bo", "wrong release"), &error));
        QCOMPARE(error, QStringLiteral("“2027.01” can’t be re-opened while the later “2027.02” is "
                                       "deployed. Re-open “2027.02” first."));
        QVERIFY(!PlanEdits::reopenRelease(&plan, "r3", by("bo", "   "), &error));
        QVERIFY2(error.contains("Say why"), qPrintable(error));
        // The release dialog cannot take a deployed release back.
        Release r3 = *plan.release("r3");
        r3.status = Release::Status::Planned;
        QVERIFY(!PlanEdits::replaceRelease(&plan, "r3", r3, &error));
        QVERIFY2(error.contains("Re-open Release"), qPrintable(error));
        QCOMPARE(plan, before);

        QVERIFY2(PlanEdits::reopenRelease(&plan, "r3", by("bo", "marked by mistake"), &error),
                 qPrintable(error));
        QCOMPARE(plan.release("r3")->status, Release::Status::Planned);
        QVERIFY(!plan.release("r3")->shippedRecorded);
        QCOMPARE(plan.history.size(), 3);
        const HistoryEntry &last = plan.history.constLast();
        QCOMPARE(last.action, HistoryEntry::Action::Reopened);
        QCOMPARE(last.release, QStringLiteral("r3"));
        QCOMPARE(last.who, QStringLiteral("bo"));
        QCOMPARE(last.why, QStringLiteral("marked by mistake"));
        // Re-opened, its steps move again.
        QVERIFY2(PlanEdits::moveStep(&plan, "full-name", "contract", "r3", &error), qPrintable(error));
    }

    void refusalsSpeakPlainly()
    {
        Plan plan = example();
        const Plan before = plan;
        QString error;
        // full-name-required (set_not_null from r2): write_always and backfill in r2, the
        // contract in r3's pre, which depends on both.
        QVERIFY(!PlanEdits::moveStep(&plan, "full-name-required", "write_always", "r3", &error));
        QCOMPARE(error, QStringLiteral("The “write always” step of “full-name-required” can’t run "
                                       "after its “contract” step in “2027.02”, which depends on "
                                       "it: move the “contract” step first."));
        QVERIFY(!PlanEdits::moveStep(&plan, "full-name", "contract", "r2", &error));
        QCOMPARE(error, QStringLiteral("The “contract” step of “full-name” can’t run before "
                                       "“2027.02”, the earliest release the catalog allows for "
                                       "it: a step can only be moved later."));
        QCOMPARE(plan, before);
        // In the order the dependency asks for, both moves go through.
        QVERIFY2(PlanEdits::moveStep(&plan, "full-name-required", "contract", "r4", &error),
                 qPrintable(error));
        QVERIFY2(PlanEdits::moveStep(&plan, "full-name-required", "write_always", "r3", &error),
                 qPrintable(error));
    }

    void dependentStepsMoveAlong()
    {
        Plan plan = example();
        const Plan before = plan;
        QString error;
        QStringList along;
        // Past the last release the contract cannot follow: refused, in plain words.
        QVERIFY(!PlanEdits::moveStepWithDependents(&plan, "full-name-required", "write_always", "r4",
                                                   &along, &error));
        QVERIFY2(error.startsWith("The “write always” step of “full-name-required” can’t run after"),
                 qPrintable(error));
        QCOMPARE(plan, before);
        QVERIFY(along.isEmpty());
        // To r3: the contract (r3 pre) runs before r3's app step, so it follows to r4.
        QVERIFY2(PlanEdits::moveStepWithDependents(&plan, "full-name-required", "write_always", "r3",
                                                   &along, &error),
                 qPrintable(error));
        QCOMPARE(along, QStringList{"contract"});
        const QMap<QString, QString> places = ShippedHistory::placement(plan, plan.refactorings.at(1));
        QCOMPARE(places.value("write_always"), QStringLiteral("r3"));
        QCOMPARE(places.value("contract"), QStringLiteral("r4"));
        QCOMPARE(places.value("backfill"), QStringLiteral("r2"));
        // Nothing depends on full-name's contract: it moves alone.
        QVERIFY2(PlanEdits::moveStepWithDependents(&plan, "full-name", "contract", "r3", &along, &error),
                 qPrintable(error));
        QVERIFY(along.isEmpty());
    }

    void documentMarksAndReopensWithUndo()
    {
        Document document;
        document.reset(example());
        QString error;
        QVERIFY2(document.markDeployed("r2", &error), qPrintable(error));
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Mark r2 deployed"));
        const int depth = document.undoStack()->count();
        QVERIFY(!document.moveStep("full-name", "stop_old", "r3", &error));
        QVERIFY2(error.contains("it can’t move"), qPrintable(error));
        QCOMPARE(document.undoStack()->count(), depth);
        QVERIFY2(document.reopenRelease("r2", "not yet", &error), qPrintable(error));
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Re-open r2"));
        QCOMPARE(document.plan().history.constLast().why, QStringLiteral("not yet"));
        document.undoStack()->undo();
        QCOMPARE(document.plan().release("r2")->status, Release::Status::Deployed);
        QCOMPARE(document.plan().history.size(), 1);
    }

    void filesKeepTheRecordAndTheLog_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("json") << "plan.tideline.json";
        QTest::newRow("sqlite") << "plan.tideline";
    }

    void filesKeepTheRecordAndTheLog()
    {
        QFETCH(QString, name);
        Plan plan = withR2Deployed();
        QString error;
        QVERIFY(PlanEdits::markDeployed(&plan, "r3", by("ana"), &error));
        QVERIFY(PlanEdits::reopenRelease(&plan, "r3", by("bo", "marked by mistake"), &error));
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QList<PlanError> errors;
        QVERIFY(PlanFile::save(path, plan, &errors));
        Plan read;
        QVERIFY2(PlanFile::load(path, &read, &errors), qPrintable(errors.value(0).toString()));
        QCOMPARE(read.history.size(), 3);
        QCOMPARE(read.history.at(2).why, QStringLiteral("marked by mistake"));
        QCOMPARE(read.history.at(2).when, by("bo").when);
        QVERIFY(read.release("r2")->shippedRecorded);
        QVERIFY(!read.release("r3")->shippedRecorded);
        QCOMPARE(read.release("r2")->shipped, plan.release("r2")->shipped);
        QCOMPARE(read, plan);
    }

    void badRecordsAreNamed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("json"); // replaces the releases' "shipped" / the "history"
        QTest::addColumn<QString>("named");
        QTest::newRow("record of a planned release")
            << "release" << R"({"x": {"kind": "add_column", "steps": []}})" << "releases[2].shipped: belongs to a deployed release only";
        QTest::newRow("record without steps")
            << "shipped" << R"({"full-name": {"kind": "merge_columns"}})" << "releases[1].shipped.full-name.steps: is required";
        QTest::newRow("unknown action")
            << "history" << R"([{"action": "undeployed", "release": "r2"}])" << "history[0].action: unknown action \"undeployed\"";
        QTest::newRow("bad time")
            << "history" << R"([{"action": "deployed", "release": "r2", "when": "yesterday"}])" << "history[0].when: expected a UTC time";
    }

    void badRecordsAreNamed()
    {
        QFETCH(QString, field);
        QFETCH(QString, json);
        QFETCH(QString, named);
        QTemporaryDir dir;
        const QString path = dir.filePath("plan.tideline.json");
        QList<PlanError> errors;
        QVERIFY(PlanFile::save(path, withR2Deployed(), &errors));
        QJsonObject root = readJson(path);
        const QJsonValue value = QJsonDocument::fromJson(json.toUtf8()).isArray()
                                     ? QJsonValue(QJsonDocument::fromJson(json.toUtf8()).array())
                                     : QJsonValue(QJsonDocument::fromJson(json.toUtf8()).object());
        if (field == "history") {
            root.insert("history", value);
        } else {
            QJsonArray releases = root.value("releases").toArray();
            const int index = field == "release" ? 2 : 1;
            QJsonObject release = releases.at(index).toObject();
            release.insert("shipped", value);
            releases.replace(index, release);
            root.insert("releases", releases);
        }
        QVERIFY(writeJson(path, root));
        Plan read;
        QVERIFY(!PlanFile::load(path, &read, &errors));
        QVERIFY2(errors.value(0).toString().contains(named), qPrintable(errors.value(0).toString()));
        // The command line says the same, exit code 2.
        const Run run = cli({"validate", path});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(named.toUtf8()), run.err.constData());
    }

    void olderFilesStayReadable()
    {
        QTemporaryDir dir;
        // A .tideline of storage version 5: without the record column and the history table.
        const QString path = dir.filePath("old.tideline");
        const Plan plan = example();
        QList<PlanError> errors;
        QVERIFY(PlanFile::save(path, plan, &errors));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "downgrade");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec("ALTER TABLE releases DROP COLUMN shipped_json"));
            QVERIFY(q.exec("ALTER TABLE releases DROP COLUMN baseline_sha256"));
            QVERIFY(q.exec("ALTER TABLE releases DROP COLUMN baseline_algorithm"));
            QVERIFY(q.exec("DROP TABLE history"));
            QVERIFY(q.exec("PRAGMA user_version = 5"));
            db.close();
        }
        QSqlDatabase::removeDatabase("downgrade");
        Plan read;
        QVERIFY2(PlanFile::load(path, &read, &errors), qPrintable(errors.value(0).toString()));
        QCOMPARE(read, plan);
        QVERIFY(!read.release("r1")->shippedRecorded); // deployed by an older build: no record
        // and the .tideline.json example itself has no "shipped" and no "history".
        QVERIFY(plan.history.isEmpty());
    }

    void checkFindsHistoryChangedByHand()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("plan.tideline.json");
        QList<PlanError> errors;
        QVERIFY(PlanFile::save(path, withR2Deployed(), &errors));
        const Run clean = cli({"check", path, "--release", "r2"});
        QVERIFY2(!clean.out.contains("shipped-history-changed"), clean.out.constData());

        // By hand: stop_old out of the deployed r2 into r3.
        QJsonObject root = readJson(path);
        QJsonArray refactorings = root.value("refactorings").toArray();
        QJsonObject fullName = refactorings.at(0).toObject();
        QJsonObject moves = fullName.value("moves").toObject();
        moves.insert("stop_old", "r3");
        fullName.insert("moves", moves);
        refactorings.replace(0, fullName);
        root.insert("refactorings", refactorings);
        QVERIFY(writeJson(path, root));

        const Run r2 = cli({"check", path, "--release", "r2"});
        QCOMPARE(r2.code, 1);
        QVERIFY2(r2.out.contains("shipped-history-changed"), r2.out.constData());
        QVERIFY2(!r2.out.contains("READY"), r2.out.constData());
        // The release the step landed in builds on the changed history: not ready either.
        const Run r3 = cli({"check", path, "--release", "r3"});
        QCOMPARE(r3.code, 1);
        const Run json = cli({"check", path, "--json"});
        QCOMPARE(json.code, 1);
        QVERIFY2(json.out.contains("“stop old” step of “full-name” shipped in “2027.01”, but the plan "
                                   "now puts it in “2027.02”"),
                 json.out.constData());

        // An acknowledgement does not turn it ready: what shipped is a fact.
        root.insert("acknowledgements",
                    QJsonArray{QJsonObject{{"lint", "shipped-history-changed"}, {"reason", "fine"}}});
        QVERIFY(writeJson(path, root));
        QCOMPARE(cli({"check", path, "--release", "r2"}).code, 1);
    }

    // A plan file a team already has: written before the baseline had a field of its own, it
    // keeps the fingerprint as a "(baseline)" entry among r2's shipped refactorings. Every form
    // still reads it, as the release's own field, and `check` still compares it.
    void olderBaselineRecordsStayReadable_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("json") << "plan.tideline.json";
        QTest::newRow("sqlite, storage version 6") << "plan.tideline";
    }

    void olderBaselineRecordsStayReadable()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString json = dir.filePath("written-before.tideline.json");
        QList<PlanError> errors;
        QVERIFY(PlanFile::save(json, withR2Deployed(), &errors));
        // What the build before wrote, by hand: the entry in "shipped", no "baseline" beside it.
        const QString sha256 = QString::fromLatin1(QCryptographicHash::hash("the baseline r2 shipped on",
                                                                            QCryptographicHash::Sha256).toHex());
        QJsonObject root = readJson(json);
        QJsonArray releases = root.value("releases").toArray();
        QJsonObject r2 = releases.at(1).toObject();
        QVERIFY(r2.contains("baseline"));
        r2.remove("baseline");
        QJsonObject shipped = r2.value("shipped").toObject();
        const QJsonObject legacy{{"kind", "baseline"}, {"params", QJsonObject{{"sha256", sha256}}}, {"steps", QJsonArray()}};
        shipped.insert("(baseline)", legacy);
        r2.insert("shipped", shipped);
        releases.replace(1, r2);
        root.insert("releases", releases);
        QVERIFY(writeJson(json, root));

        QString path = json;
        if (name.endsWith(".tideline")) { // the same, as storage version 6 kept it
            path = dir.filePath(name);
            Plan plan = withR2Deployed();
            plan.releases[1].baselineSha256.clear();
            plan.releases[1].baselineAlgorithm = 0;
            QVERIFY(PlanFile::save(path, plan, &errors));
            {
                QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "version6");
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY(q.prepare("UPDATE releases SET shipped_json = ? WHERE id = 'r2'"));
                q.addBindValue(QString::fromUtf8(QJsonDocument(shipped).toJson(QJsonDocument::Compact)));
                QVERIFY(q.exec());
                QVERIFY(q.exec("ALTER TABLE releases DROP COLUMN baseline_sha256"));
                QVERIFY(q.exec("ALTER TABLE releases DROP COLUMN baseline_algorithm"));
                QVERIFY(q.exec("PRAGMA user_version = 6"));
                db.close();
            }
            QSqlDatabase::removeDatabase("version6");
        }
        Plan read;
        QVERIFY2(PlanFile::load(path, &read, &errors), qPrintable(errors.value(0).toString()));
        const Release *release = read.release("r2");
        QVERIFY(release);
        QCOMPARE(release->baselineSha256, sha256);
        QCOMPARE(release->baselineAlgorithm, 1);
        QCOMPARE(release->shipped.keys(), (QStringList{"full-name", "full-name-required"}));
        // Not the baseline's fingerprint: `check` finds the baseline changed since r2 shipped.
        QCOMPARE(ShippedHistory::problems(read).size(), 1);
        Run run = cli({"check", path, "--release", "r2"});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.out.contains("shipped-history-changed"), run.out.constData());

        // With the real fingerprint in the old entry, the same file is clean.
        const QJsonObject fixed{{"kind", "baseline"},
                                {"params", QJsonObject{{"sha256", ShippedHistory::baselineFingerprint(example().baseline.schema)}}},
                                {"steps", QJsonArray()}};
        shipped.insert("(baseline)", fixed);
        r2.insert("shipped", shipped);
        releases.replace(1, r2);
        root.insert("releases", releases);
        QVERIFY(writeJson(json, root));
        QVERIFY2(PlanFile::load(json, &read, &errors), qPrintable(errors.value(0).toString()));
        QVERIFY(ShippedHistory::problems(read).isEmpty());
        run = cli({"check", json, "--json"});
        QVERIFY2(!run.out.contains("shipped-history-changed"), run.out.constData());
        // Saved over itself, the file keeps its layout: the old entry stays where it is (it
        // reads the same, and a team's diff shows only what changed); written anew, the file
        // has the new form: no "(baseline)" among the refactorings.
        read.refactorings[0].note += QStringLiteral(" (edited)");
        QVERIFY(PlanFile::save(json, read, &errors));
        Plan again;
        QVERIFY2(PlanFile::load(json, &again, &errors), qPrintable(errors.value(0).toString()));
        QCOMPARE(again, read);
        const QString fresh = dir.filePath("fresh.tideline.json");
        QVERIFY(PlanFile::save(fresh, read, &errors));
        const QJsonObject saved = readJson(fresh).value("releases").toArray().at(1).toObject();
        QVERIFY(!saved.value("shipped").toObject().contains("(baseline)"));
        QCOMPARE(saved.value("baseline").toObject().value("algorithm").toInt(), 1);
        // "(baseline)" is no reserved id any more: no refactoring is taken for the entry.
        Plan renamed = withR2Deployed();
        renamed.refactorings[1].id = "(baseline)";
        errors.clear();
        QVERIFY2(PlanValidator::validate(renamed, "plan.tideline.json", &errors), qPrintable(errors.value(0).toString()));
    }

    // The recipe of version 1, written out independently: the compact JSON of the parsed
    // schema's five lists, keys in order. A change of those bytes must raise the version.
    void fingerprintRecipeIsPinned()
    {
        Plan plan;
        QList<PlanError> errors;
        QVERIFY(PlanJson::read(R"({"format": "tideline-plan", "version": 1, "name": "pin", "dialect": "postgresql",
                                   "releases": [], "refactorings": [],
                                   "baseline": {"sql": "CREATE TABLE t (id integer NOT NULL);"}})",
                               &plan, &errors));
        const QByteArray tables = QJsonDocument(PlanJson::schemaToJson(plan.baseline.schema)).toJson(QJsonDocument::Compact);
        const QByteArray recipe = R"({"enums":[],"procedures":[],"sequences":[],"tables":)" + tables + R"(,"views":[]})";
        QCOMPARE(ShippedHistory::baselineFingerprint(plan.baseline.schema),
                 QString::fromLatin1(QCryptographicHash::hash(recipe, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(ShippedHistory::baselineFingerprint(plan.baseline.schema, 1),
                 ShippedHistory::baselineFingerprint(plan.baseline.schema));
        QCOMPARE(ShippedHistory::baselineFingerprint(plan.baseline.schema, 2), QString()); // not known
        // The recipe's bytes for this schema, and their sha256 as `sha256sum` computes it.
        QCOMPARE(tables, QByteArray(R"([{"columns":[{"name":"id","nullable":false,"type":"integer"}],"name":"t"}])"));
        QCOMPARE(ShippedHistory::baselineFingerprint(plan.baseline.schema),
                 QStringLiteral("a31218e32daa9d2b7c6cfdaa1ef5c9451a80117274860c899a48b5b9db43f41a"));
        // The same schema as JSON tables instead of DDL: the same fingerprint.
        Plan asJson;
        QVERIFY(PlanJson::read(R"({"format": "tideline-plan", "version": 1, "name": "pin", "dialect": "postgresql",
                                   "releases": [], "refactorings": [],
                                   "baseline": {"tables": )" + tables + "}}",
                               &asJson, &errors));
        QVERIFY(asJson.baseline.sql.isEmpty());
        QCOMPARE(ShippedHistory::baselineFingerprint(asJson.baseline.schema),
                 ShippedHistory::baselineFingerprint(plan.baseline.schema));
    }

    void badBaselineRecordsAreNamed_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("named");
        QTest::newRow("not a sha256") << R"({"sha256": "3f1c%1", "algorithm": 1})"
                                      << "releases[1].baseline.sha256: expected a sha256 as 64 lower-case hex digits, found \"3f1caaaa";
        QTest::newRow("no algorithm") << R"({"sha256": "%1"})" << "releases[1].baseline.algorithm: is required";
        QTest::newRow("algorithm 0") << R"({"sha256": "%1", "algorithm": 0})"
                                     << "releases[1].baseline.algorithm: expected a whole number of at least 1";
        QTest::newRow("unknown key") << R"({"sha256": "%1", "algorithm": 1, "sha1": "x"})"
                                     << "releases[1].baseline.sha1: is not a key of a shipped baseline";
    }

    void badBaselineRecordsAreNamed()
    {
        QFETCH(QString, json);
        QFETCH(QString, named);
        QTemporaryDir dir;
        const QString path = dir.filePath("plan.tideline.json");
        QList<PlanError> errors;
        QVERIFY(PlanFile::save(path, withR2Deployed(), &errors));
        QJsonObject root = readJson(path);
        QJsonArray releases = root.value("releases").toArray();
        QJsonObject r2 = releases.at(1).toObject();
        r2.insert("baseline", QJsonDocument::fromJson(json.arg(QString(64, u'a')).toUtf8()).object());
        releases.replace(1, r2);
        root.insert("releases", releases);
        QVERIFY(writeJson(path, root));
        Plan read;
        QVERIFY(!PlanFile::load(path, &read, &errors));
        QVERIFY2(errors.value(0).toString().contains(named), qPrintable(errors.value(0).toString()));
    }

    // A fingerprint of a recipe this build does not know is not taken for a changed history.
    void unknownRecipeIsNotAChangedHistory()
    {
        Plan plan = withR2Deployed();
        plan.releases[1].baselineAlgorithm = 2;
        const QList<ShippedHistory::Problem> problems = ShippedHistory::problems(plan);
        QCOMPARE(problems.size(), 1);
        QVERIFY(!problems.first().blocking);
        QCOMPARE(problems.first().release, QStringLiteral("r2"));
        QTemporaryDir dir;
        const QString path = dir.filePath("plan.tideline.json");
        QList<PlanError> errors;
        QVERIFY(PlanFile::save(path, plan, &errors));
        const Run run = cli({"check", path, "--json"});
        QVERIFY2(run.out.contains("shipped-baseline-unchecked"), run.out.constData());
        QVERIFY2(!run.out.contains("shipped-history-changed"), run.out.constData());
    }

    void baselineEditsAreRefusedOnceAReleaseShipped()
    {
        // The example's r1 is deployed: the baseline is what it shipped on.
        Plan plan = withR2Deployed();
        const Plan before = plan;
        QString error;
        Column phone;
        phone.name = QStringLiteral("phone");
        phone.type = QStringLiteral("text");
        QVERIFY(!PlanEdits::editBaseline(&plan, SchemaEdit::addColumn("customer", phone), &error));
        QCOMPARE(plan, before);
        QCOMPARE(error, QStringLiteral("The baseline schema is what “2026.12” shipped on, and “2026.12” is "
                                       "deployed: the baseline can’t change. Change the schema with a "
                                       "refactoring in a planned release instead. If the deployed releases "
                                       "have not really shipped, re-open them first (Release › Re-open "
                                       "Release, the latest first)."));
        // Replacing it whole (an import) is refused the same way; row estimates are not history.
        QVERIFY(!PlanEdits::setBaseline(&plan, Schema(), QString(), &error));
        QVERIFY2(error.startsWith(QStringLiteral("The baseline schema is what")), qPrintable(error));
        QCOMPARE(plan, before);

        // Re-opened (explicitly, logged, the latest first), the baseline is editable again.
        QVERIFY2(PlanEdits::reopenRelease(&plan, "r2", by("bo", "not shipped yet"), &error), qPrintable(error));
        QVERIFY(!PlanEdits::editBaseline(&plan, SchemaEdit::addColumn("customer", phone), &error));
        QVERIFY2(error.contains(QStringLiteral("If “2026.12” has not really shipped, re-open it first")),
                 qPrintable(error));
        QVERIFY2(PlanEdits::reopenRelease(&plan, "r1", by("bo", "not shipped yet"), &error), qPrintable(error));
        QVERIFY2(PlanEdits::editBaseline(&plan, SchemaEdit::addColumn("customer", phone), &error), qPrintable(error));
        QVERIFY(plan.baseline.schema.table("customer")->column("phone"));
        QCOMPARE(plan.history.constLast().action, HistoryEntry::Action::Reopened);
        // Marking r1 deployed again records the baseline it now ships on.
        QVERIFY2(PlanEdits::markDeployed(&plan, "r1", by("ana"), &error), qPrintable(error));
        QCOMPARE(plan.release("r1")->baselineSha256, ShippedHistory::baselineFingerprint(plan.baseline.schema));
        QVERIFY(ShippedHistory::problems(plan).isEmpty());
    }

    void checkFindsABaselineChangedByHand_data()
    {
        QTest::addColumn<QString>("change"); // of the baseline, by hand in the file
        QTest::addColumn<bool>("found");
        QTest::newRow("a column more in the DDL") << "column" << true;
        QTest::newRow("only the row estimates") << "rows" << false;
    }

    void checkFindsABaselineChangedByHand()
    {
        QFETCH(QString, change);
        QFETCH(bool, found);
        QTemporaryDir dir;
        const QString path = dir.filePath("plan.tideline.json");
        QList<PlanError> errors;
        QVERIFY(PlanFile::save(path, withR2Deployed(), &errors));
        QJsonObject root = readJson(path);
        // The file keeps the baseline r2 shipped on beside r2's record, not in it.
        const QJsonObject record = root.value("releases").toArray().at(1).toObject();
        QVERIFY(!record.value("shipped").toObject().contains("(baseline)"));
        QCOMPARE(record.value("baseline").toObject().value("sha256").toString(),
                 ShippedHistory::baselineFingerprint(example().baseline.schema));
        QCOMPARE(record.value("baseline").toObject().value("algorithm").toInt(), 1);
        const Run clean = cli({"check", path, "--json"});
        QVERIFY2(!clean.out.contains("shipped-history-changed"), clean.out.constData());

        QJsonObject baseline = root.value("baseline").toObject();
        if (change == "column") {
            QString sql = baseline.value("sql").toString();
            QVERIFY(sql.contains("email varchar(255),"));
            baseline.insert("sql", sql.replace("email varchar(255),", "email varchar(255),\n  phone text,"));
        } else {
            baseline.insert("rows", QJsonObject{{"customer", 42}}); // estimates, not what shipped
        }
        root.insert("baseline", baseline);
        QVERIFY(writeJson(path, root));
        const Run r2 = cli({"check", path, "--release", "r2"});
        QCOMPARE(r2.out.contains("shipped-history-changed"), found);
        const Run json = cli({"check", path, "--json"});
        QCOMPARE(json.out.contains("the baseline schema differs from the one “2027.01” shipped on"), found);
        if (found) {
            QCOMPARE(r2.code, 1);
            QVERIFY2(!r2.out.contains("READY"), r2.out.constData());
            QCOMPARE(json.code, 1);
        }
    }

    void checkFindsReKindAndOutOfOrderByHand()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("plan.tideline.json");
        QList<PlanError> errors;
        QVERIFY(PlanFile::save(path, withR2Deployed(), &errors));
        QJsonObject root = readJson(path);
        QJsonArray refactorings = root.value("refactorings").toArray();
        QJsonObject required = refactorings.at(1).toObject();
        QJsonObject params = required.value("params").toObject();
        params.insert("backfill", "'?'");
        required.insert("params", params);
        refactorings.replace(1, required);
        root.insert("refactorings", refactorings);
        QVERIFY(writeJson(path, root));
        Run run = cli({"check", path, "--json"});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.out.contains("the parameters of “full-name-required” (backfill) differ from those "
                                  "that shipped in “2027.01”"),
                 run.out.constData());

        // r4 deployed while r3 is not.
        QVERIFY(PlanFile::save(path, withR2Deployed(), &errors));
        root = readJson(path);
        QJsonArray releases = root.value("releases").toArray();
        QJsonObject r4 = releases.at(3).toObject();
        r4.insert("status", "deployed");
        releases.replace(3, r4);
        root.insert("releases", releases);
        QVERIFY(writeJson(path, root));
        run = cli({"check", path, "--release", "r4"});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.out.contains("shipped-history-changed"), run.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestShipped)
#include "tst_shipped.moc"
