// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testplans.h"

#include <document/document.h>
#include <document/planedits.h>
#include <engine/engine.h>
#include <review/review.h>
#include <io/planfile.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <functional>

using namespace Tideline;

/** The document: every edit, its undo and redo, refusals, and files. */
class TestDocument : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void opensExample();
    void keepsPlanWhenOpenFails();
    void appliesEditsWithUndoAndRedo_data();
    void appliesEditsWithUndoAndRedo();
    void refusesEdits_data();
    void refusesEdits();
    void movingBackToDefaultDropsTheMove();
    void renamingReleaseCarriesReferences();
    void savesAndReopens_data();
    void savesAndReopens();
    void dropsSelectionOfRemovedRefactoring();
    void repairsPlanThatCannotRun();
    void undoAndRedoBringBackTheirResults();
    void checksInTheBackground();
    void refusalAfterUncheckedEditKeepsThatEdit();
    void quickEditsEndWithTheNewestPlansResult();
    void editsAreReCheckedFromWhatTheyChange();

private:
    std::unique_ptr<Document> m_document;
};

namespace {

using EditFunction = std::function<bool(Document &, QString *)>;
using PlanCheck = std::function<bool(const Plan &)>;

QString example()
{
    return QStringLiteral(TIDELINE_EXAMPLES "/customer-full-name.tideline.json");
}

Refactoring emailVerified()
{
    return TestPlans::refactoring(QStringLiteral("email-verified"),
                                  QStringLiteral("add_column"),
                                  QStringLiteral("r2"),
                                  TestPlans::json(R"({"table": "customer",
                                                      "column": "email_verified",
                                                      "type": "boolean"})"));
}

/** Lets the document's worker finish its run (the event loop runs meanwhile; no sleep). */
bool settled(const Document &document)
{
    return QTest::qWaitFor([&document] { return !document.isChecking(); }, 60000);
}

Release release(const QString &id,
                const QString &label,
                Release::Status status = Release::Status::Planned)
{
    Release r;
    r.id = id;
    r.label = label;
    r.status = status;
    return r;
}

} // namespace

void TestDocument::init()
{
    m_document = std::make_unique<Document>();
    QList<PlanError> errors;
    QVERIFY(m_document->open(example(), &errors));
    QVERIFY(settled(*m_document));
}

void TestDocument::opensExample()
{
    QCOMPARE(m_document->filePath(), QFileInfo(example()).absoluteFilePath());
    QVERIFY(!m_document->isModified());
    QVERIFY(m_document->engine());
    QVERIFY(m_document->engineErrors().isEmpty());
    QCOMPARE(m_document->plan().refactorings.size(), 2);
    QCOMPARE(m_document->undoStack()->count(), 0);
}

void TestDocument::keepsPlanWhenOpenFails()
{
    const Plan before = m_document->plan();
    QSignalSpy changed(m_document.get(), &Document::planChanged);
    QList<PlanError> errors;
    QVERIFY(!m_document->open(QStringLiteral(TIDELINE_TEST_DATA "/cli-broken-json.tideline.json"),
                              &errors));
    QVERIFY(!errors.isEmpty());
    QVERIFY(errors.constFirst().toString().contains(QStringLiteral("cli-broken-json")));
    QCOMPARE(m_document->plan(), before);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(m_document->filePath(), QFileInfo(example()).absoluteFilePath());
}

void TestDocument::appliesEditsWithUndoAndRedo_data()
{
    QTest::addColumn<EditFunction>("edit");
    QTest::addColumn<PlanCheck>("applied");

    QTest::newRow("move step later") << EditFunction([](Document &d, QString *e) {
        return d.moveStep(QStringLiteral("full-name"),
                          QStringLiteral("stop_old"),
                          QStringLiteral("r3"),
                          e);
    }) << PlanCheck([](const Plan &p) {
        return p.refactorings.at(0).moves.value(QStringLiteral("stop_old")) == QLatin1String("r3");
    });
    QTest::newRow("add refactoring") << EditFunction([](Document &d, QString *e) {
        return d.addRefactoring(emailVerified(), e);
    }) << PlanCheck([](const Plan &p) {
        return p.refactoringIndex(QStringLiteral("email-verified")) == 2;
    });
    QTest::newRow("replace refactoring") << EditFunction([](Document &d, QString *e) {
        Refactoring r = d.plan().refactorings.at(1);
        r.note = QStringLiteral("edited");
        return d.replaceRefactoring(r.id, r, e);
    }) << PlanCheck([](const Plan &p) {
        return p.refactorings.at(1).note == QLatin1String("edited");
    });
    QTest::newRow("remove refactoring") << EditFunction([](Document &d, QString *e) {
        return d.removeRefactoring(QStringLiteral("full-name-required"), e);
    }) << PlanCheck([](const Plan &p) { return p.refactorings.size() == 1; });
    QTest::newRow("insert release") << EditFunction([](Document &d, QString *e) {
        return d.insertRelease(4, release(QStringLiteral("r5"), QStringLiteral("2027.04")), e);
    }) << PlanCheck([](const Plan &p) {
        return p.releases.size() == 5 && p.releases.at(4).id == QLatin1String("r5");
    });
    QTest::newRow("mark release deployed") << EditFunction([](Document &d, QString *e) {
        Release r = d.plan().releases.at(1);
        r.status = Release::Status::Deployed;
        return d.replaceRelease(r.id, r, e);
    }) << PlanCheck([](const Plan &p) {
        return p.releases.at(1).status == Release::Status::Deployed;
    });
    QTest::newRow("remove release") << EditFunction([](Document &d, QString *e) {
        // The last release is named only by the contract's move; put it back first.
        return d.moveStep(QStringLiteral("full-name"),
                          QStringLiteral("contract"),
                          QStringLiteral("r3"),
                          e)
               && d.removeRelease(QStringLiteral("r4"), e);
    }) << PlanCheck([](const Plan &p) { return p.releases.size() == 3; });
    QTest::newRow("move release") << EditFunction([](Document &d, QString *e) {
        return d.insertRelease(4, release(QStringLiteral("r5"), QStringLiteral("x")), e)
               && d.moveRelease(QStringLiteral("r5"), 3, e);
    }) << PlanCheck([](const Plan &p) {
        return p.releases.at(3).id == QLatin1String("r5")
               && p.releases.at(4).id == QLatin1String("r4");
    });
    QTest::newRow("set policy") << EditFunction([](Document &d, QString *e) {
        Policy policy = d.plan().policy;
        policy.backfillBatch = 250;
        policy.rollbackSafe = false;
        return d.setPolicy(policy, e);
    }) << PlanCheck([](const Plan &p) {
        return p.policy.backfillBatch == 250 && !p.policy.rollbackSafe;
    });
    QTest::newRow("set dialect") << EditFunction([](Document &d, QString *e) {
        return d.setDialect(QStringLiteral("mysql"), e);
    }) << PlanCheck([](const Plan &p) { return p.dialect == QLatin1String("mysql"); });
    QTest::newRow("set usage") << EditFunction([](Document &d, QString *e) {
        UsageEdit edit;
        edit.release = QStringLiteral("r2");
        edit.table = QStringLiteral("customer");
        edit.reads.add = {QStringLiteral("email")};
        return d.setUsage({edit}, e);
    }) << PlanCheck([](const Plan &p) { return p.usage.size() == 1; });
}

void TestDocument::appliesEditsWithUndoAndRedo()
{
    QFETCH(EditFunction, edit);
    QFETCH(PlanCheck, applied);

    const Plan original = m_document->plan();
    QSignalSpy changed(m_document.get(), &Document::planChanged);
    QSignalSpy modified(m_document.get(), &Document::modifiedChanged);

    QString error;
    QVERIFY2(edit(*m_document, &error), qPrintable(error));
    QVERIFY(applied(m_document->plan()));
    QVERIFY(m_document->isModified());
    QVERIFY(changed.count() >= 1);
    QCOMPARE(modified.count(), 1);
    QVERIFY(settled(*m_document));
    QVERIFY2(m_document->engine(), "an accepted edit leaves a plan that runs");
    QCOMPARE(m_document->engine()->plan(), m_document->plan()); // the run is of the new plan
    const Plan edited = m_document->plan();
    const int commands = m_document->undoStack()->count();
    QVERIFY(commands >= 1);

    for (int i = 0; i < commands; ++i)
        m_document->undoStack()->undo();
    QCOMPARE(m_document->plan(), original);
    QVERIFY(!m_document->isModified());
    QVERIFY(settled(*m_document));
    QVERIFY(m_document->engine());
    QCOMPARE(m_document->engine()->plan(), original);

    for (int i = 0; i < commands; ++i)
        m_document->undoStack()->redo();
    QCOMPARE(m_document->plan(), edited);
    QVERIFY(m_document->isModified());
}

void TestDocument::refusesEdits_data()
{
    QTest::addColumn<EditFunction>("edit");
    QTest::addColumn<QString>("named"); // what the message must name

    QTest::newRow("step after a step that depends on it") << EditFunction([](Document &d, QString *e) {
        return d.moveStep(QStringLiteral("full-name-required"),
                          QStringLiteral("write_always"),
                          QStringLiteral("r3"),
                          e);
    }) << QStringLiteral("can’t run after its “contract” step in “2027.02”, which depends on it");
    QTest::newRow("step out of a deployed release") << EditFunction([](Document &d, QString *e) {
        return d.moveStep(QStringLiteral("full-name"),
                          QStringLiteral("backfill"),
                          QStringLiteral("r3"),
                          e);
    }) << QStringLiteral("shipped in “2026.12”, which is deployed: it can’t move");
    QTest::newRow("step before its default") << EditFunction([](Document &d, QString *e) {
        return d.moveStep(QStringLiteral("full-name"),
                          QStringLiteral("contract"),
                          QStringLiteral("r2"),
                          e);
    }) << QStringLiteral("contract");
    QTest::newRow("unknown step") << EditFunction([](Document &d, QString *e) {
        return d.moveStep(QStringLiteral("full-name"),
                          QStringLiteral("nope"),
                          QStringLiteral("r2"),
                          e);
    }) << QStringLiteral("nope");
    QTest::newRow("unknown release") << EditFunction([](Document &d, QString *e) {
        return d.moveStep(QStringLiteral("full-name"),
                          QStringLiteral("contract"),
                          QStringLiteral("r9"),
                          e);
    }) << QStringLiteral("r9");
    QTest::newRow("duplicate refactoring") << EditFunction([](Document &d, QString *e) {
        Refactoring r = emailVerified();
        r.id = QStringLiteral("full-name");
        return d.addRefactoring(r, e);
    }) << QStringLiteral("full-name");
    QTest::newRow("refactoring on unknown column") << EditFunction([](Document &d, QString *e) {
        Refactoring r = emailVerified();
        r.kind = QStringLiteral("drop_column");
        r.params = TestPlans::json(R"({"table": "customer", "column": "nickname"})");
        return d.addRefactoring(r, e);
    }) << QStringLiteral("nickname");
    QTest::newRow("delete a shipped refactoring") << EditFunction(
        [](Document &d, QString *e) { return d.removeRefactoring(QStringLiteral("full-name"), e); })
                                                  << QStringLiteral("“full-name” has steps that shipped in “2026.12”");
    QTest::newRow("delete release in use") << EditFunction([](Document &d, QString *e) {
        return d.removeRelease(QStringLiteral("r2"), e);
    }) << QStringLiteral("full-name-required");
    QTest::newRow("duplicate release") << EditFunction([](Document &d, QString *e) {
        return d.insertRelease(0, release(QStringLiteral("r3"), QStringLiteral("x")), e);
    }) << QStringLiteral("r3");
    QTest::newRow("release after the end") << EditFunction([](Document &d, QString *e) {
        return d.insertRelease(9, release(QStringLiteral("r9"), QStringLiteral("x")), e);
    }) << QStringLiteral("9");
    QTest::newRow("reserved release id") << EditFunction([](Document &d, QString *e) {
        return d.insertRelease(1, release(QStringLiteral("baseline"), QStringLiteral("x")), e);
    }) << QStringLiteral("baseline");
    QTest::newRow("planned release before a deployed one") << EditFunction(
        [](Document &d, QString *e) { return d.moveRelease(QStringLiteral("r4"), 0, e); })
                                                           << QStringLiteral("can’t come before the deployed “2026.12”");
    QTest::newRow("start after its refactoring's steps") << EditFunction(
        [](Document &d, QString *e) { return d.moveRelease(QStringLiteral("r4"), 1, e); })
                                                         << QStringLiteral("r4");
    QTest::newRow("bad batch size") << EditFunction([](Document &d, QString *e) {
        Policy policy;
        policy.backfillBatch = 0;
        return d.setPolicy(policy, e);
    }) << QStringLiteral("batch");
    QTest::newRow("bad timeout") << EditFunction([](Document &d, QString *e) {
        Policy policy;
        policy.lockTimeout = QStringLiteral("soon");
        return d.setPolicy(policy, e);
    }) << QStringLiteral("soon");
    QTest::newRow("unknown dialect") << EditFunction([](Document &d, QString *e) {
        return d.setDialect(QStringLiteral("oracle"), e);
    }) << QStringLiteral("oracle");
    QTest::newRow("usage of unknown table") << EditFunction([](Document &d, QString *e) {
        UsageEdit edit;
        edit.release = QStringLiteral("r2");
        edit.table = QStringLiteral("orders");
        edit.reads.add = {QStringLiteral("id")};
        return d.setUsage({edit}, e);
    }) << QStringLiteral("orders");
}

void TestDocument::refusesEdits()
{
    QFETCH(EditFunction, edit);
    QFETCH(QString, named);

    const Plan original = m_document->plan();
    const Engine *run = m_document->engine();
    QSignalSpy changed(m_document.get(), &Document::planChanged);
    QSignalSpy refused(m_document.get(), &Document::editRefused);
    QString error;
    if (edit(*m_document, &error)) {
        // Only the engine can tell: the edit lands, and is taken back when its run is in.
        QVERIFY(m_document->isChecking());
        QVERIFY(settled(*m_document));
        QCOMPARE(refused.count(), 1);
        error = refused.constFirst().constFirst().toString();
        QCOMPARE(m_document->engine(), run); // the run of the plan before, not a new one
    } else {
        QCOMPARE(changed.count(), 0); // refused at once: nothing changed at all
        QCOMPARE(refused.count(), 0);
    }
    QVERIFY2(error.contains(named), qPrintable(error));
    QCOMPARE(m_document->plan(), original);
    QCOMPARE(m_document->undoStack()->count(), 0);
    QVERIFY(!m_document->undoStack()->canRedo());
    QVERIFY(!m_document->isModified());
    QVERIFY(!m_document->isChecking());
}

void TestDocument::movingBackToDefaultDropsTheMove()
{
    QString error;
    QVERIFY(m_document->plan().refactorings.at(0).moves.contains(QStringLiteral("contract")));
    QVERIFY2(m_document->moveStep(QStringLiteral("full-name"),
                                  QStringLiteral("contract"),
                                  QStringLiteral("r3"),
                                  &error),
             qPrintable(error));
    QVERIFY(m_document->plan().refactorings.at(0).moves.isEmpty());
    // Moving a step where it already is adds nothing to the history.
    QVERIFY(m_document->moveStep(QStringLiteral("full-name"),
                                 QStringLiteral("contract"),
                                 QStringLiteral("r3"),
                                 &error));
    QCOMPARE(m_document->undoStack()->count(), 1);
}

void TestDocument::renamingReleaseCarriesReferences()
{
    Release r = m_document->plan().releases.at(3);
    r.id = QStringLiteral("march");
    QString error;
    QVERIFY2(m_document->replaceRelease(QStringLiteral("r4"), r, &error), qPrintable(error));
    QCOMPARE(m_document->plan().refactorings.at(0).moves.value(QStringLiteral("contract")),
             QStringLiteral("march"));
    m_document->undoStack()->undo();
    QCOMPARE(m_document->plan().refactorings.at(0).moves.value(QStringLiteral("contract")),
             QStringLiteral("r4"));
}

void TestDocument::savesAndReopens_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::newRow("json") << QStringLiteral("plan.tideline.json");
    QTest::newRow("sqlite") << QStringLiteral("plan.tideline");
}

void TestDocument::savesAndReopens()
{
    QFETCH(QString, fileName);
    QString error;
    QVERIFY(m_document->addRefactoring(emailVerified(), &error));
    QVERIFY(m_document->moveStep(QStringLiteral("full-name"),
                                 QStringLiteral("stop_old"),
                                 QStringLiteral("r3"),
                                 &error));
    QVERIFY(m_document->isModified());

    const QTemporaryDir directory;
    const QString path = directory.filePath(fileName);
    QSignalSpy pathChanged(m_document.get(), &Document::filePathChanged);
    QVERIFY2(m_document->save(path, &error), qPrintable(error));
    QVERIFY(!m_document->isModified());
    QCOMPARE(m_document->filePath(), path);
    QCOMPARE(pathChanged.count(), 1);
    // The history survives a save; undo after it makes the document modified again.
    QCOMPARE(m_document->undoStack()->count(), 2);

    Document reopened;
    QList<PlanError> errors;
    QVERIFY(reopened.open(path, &errors));
    QCOMPARE(reopened.plan(), m_document->plan());
    QVERIFY(!reopened.isModified());

    m_document->undoStack()->undo();
    QVERIFY(m_document->isModified());

    // An unwritable target reports the file and keeps the document as it was.
    QVERIFY(!m_document->save(directory.filePath(QStringLiteral("missing/dir/plan.tideline.json")),
                              &error));
    QVERIFY2(error.contains(QStringLiteral("plan.tideline.json")), qPrintable(error));
    QCOMPARE(m_document->filePath(), path);
}

void TestDocument::dropsSelectionOfRemovedRefactoring()
{
    Selection s;
    s.kind = Selection::Kind::Refactoring;
    s.refactoring = QStringLiteral("full-name-required");
    QSignalSpy selected(m_document.get(), &Document::selectionChanged);
    m_document->setSelection(s);
    m_document->setSelection(s); // unchanged: no signal
    QCOMPARE(selected.count(), 1);

    QString error;
    QVERIFY(m_document->removeRefactoring(QStringLiteral("full-name-required"), &error));
    QVERIFY(m_document->selection().isEmpty());
    QCOMPARE(selected.count(), 2);
}

void TestDocument::repairsPlanThatCannotRun()
{
    // A plan whose refactoring names a missing column can be opened but not run...
    Plan broken = TestPlans::plan(TestPlans::customerSchema(), 3, {emailVerified()});
    broken.refactorings[0].params = TestPlans::json(R"({"table": "customer", "column": "score",
                                                        "type": "integer"})");
    m_document->reset(broken);
    QVERIFY(settled(*m_document));
    QVERIFY(!m_document->engine());
    QVERIFY(!m_document->engineErrors().isEmpty());
    QVERIFY(m_document->filePath().isEmpty());
    QVERIFY(!m_document->isModified());

    // ...and edited until it runs.
    QString error;
    QVERIFY2(m_document->removeRefactoring(QStringLiteral("email-verified"), &error),
             qPrintable(error));
    QVERIFY(settled(*m_document));
    QVERIFY(m_document->engine());
    QCOMPARE(m_document->undoStack()->count(), 1); // a repair is not taken back
}

// Undo and redo show the run each plan already had: no new run, the very same result.
void TestDocument::undoAndRedoBringBackTheirResults()
{
    const auto before = m_document->sharedEngine();
    QVERIFY(before);
    QString error;
    QVERIFY(m_document->moveStep(QStringLiteral("full-name"),
                                 QStringLiteral("stop_old"),
                                 QStringLiteral("r3"),
                                 &error));
    QVERIFY(settled(*m_document));
    const auto after = m_document->sharedEngine();
    QVERIFY(after && after != before);

    QSignalSpy checking(m_document.get(), &Document::checkingChanged);
    m_document->undoStack()->undo();
    QVERIFY(!m_document->isChecking());
    QCOMPARE(m_document->sharedEngine(), before);
    m_document->undoStack()->redo();
    QVERIFY(!m_document->isChecking());
    QCOMPARE(m_document->sharedEngine(), after);
    QCOMPARE(checking.count(), 0);
}

// The engine runs in a worker: the edit returns at once, the result follows, equal to a
// synchronous run of the same plan.
void TestDocument::checksInTheBackground()
{
    QSignalSpy checking(m_document.get(), &Document::checkingChanged);
    QSignalSpy results(m_document.get(), &Document::resultChanged);
    const Engine *last = m_document->engine();
    QString error;
    QVERIFY(m_document->addRefactoring(emailVerified(), &error));
    QVERIFY(m_document->isChecking());
    QCOMPARE(m_document->engine(), last); // the last result stays until the new one is in
    QCOMPARE(results.count(), 0);
    QVERIFY(settled(*m_document));
    QCOMPARE(checking.count(), 2);
    QCOMPARE(results.count(), 1);
    QVERIFY(m_document->engine());
    QCOMPARE(m_document->engine()->plan(), m_document->plan());

    Engine synchronous(m_document->plan());
    QList<PlanError> errors;
    QVERIFY(synchronous.run(&errors));
    QCOMPARE(m_document->engine()->steps().size(), synchronous.steps().size());
    QCOMPARE(m_document->engine()->compatible(), synchronous.compatible());
    QCOMPARE(m_document->review().releases.size(), Review::run(synchronous).releases.size());
    for (int i = 0; i < synchronous.cells().size(); ++i)
        QCOMPARE(m_document->engine()->cells().at(i).ok(), synchronous.cells().at(i).ok());
}

// An edit refused by the engine while the edit before it was still being checked: only the
// refused one is taken back, and the one before gets its own run.
void TestDocument::refusalAfterUncheckedEditKeepsThatEdit()
{
    QString error;
    QVERIFY(m_document->addRefactoring(emailVerified(), &error));
    const Plan accepted = m_document->plan();
    QVERIFY(m_document->isChecking());
    QSignalSpy refused(m_document.get(), &Document::editRefused);
    // Only the engine can tell that there is no column to drop.
    Refactoring dropNickname = emailVerified();
    dropNickname.id = QStringLiteral("no-nickname");
    dropNickname.kind = QStringLiteral("drop_column");
    dropNickname.params = TestPlans::json(R"({"table": "customer", "column": "nickname"})");
    QVERIFY(m_document->addRefactoring(dropNickname, &error));
    QVERIFY(settled(*m_document));
    QCOMPARE(refused.count(), 1);
    QCOMPARE(m_document->plan(), accepted);
    QCOMPARE(m_document->undoStack()->count(), 1);
    QVERIFY(m_document->engine());
    QCOMPARE(m_document->engine()->plan(), accepted);
}

// Results of plans edited again meanwhile are dropped: what is shown in the end is the run
// of the newest plan.
void TestDocument::quickEditsEndWithTheNewestPlansResult()
{
    QSignalSpy results(m_document.get(), &Document::resultChanged);
    QString error;
    for (const char *release : {"r3", "r4", "r3", "r4"}) {
        QVERIFY(m_document->moveStep(QStringLiteral("full-name"),
                                     QStringLiteral("contract"),
                                     QString::fromLatin1(release),
                                     &error));
    }
    QVERIFY(settled(*m_document));
    QVERIFY(m_document->engine());
    QCOMPARE(m_document->engine()->plan(), m_document->plan());
    QVERIFY(results.count() <= 2); // never one per edit
}

// After an edit the worker re-checks from the release the edit changes (Engine::runFrom),
// with the results of a whole run; opening a plan runs it whole.
void TestDocument::editsAreReCheckedFromWhatTheyChange()
{
    QCOMPARE(m_document->engine()->firstChangedRelease(), 1);
    const int last = m_document->engine()->releaseCount();
    UsageEdit edit;
    edit.release = m_document->engine()->releaseId(last);
    edit.table = QStringLiteral("customer");
    edit.reads.add = {QStringLiteral("email")};
    QList<UsageEdit> usage = m_document->plan().usage;
    usage.append(edit);
    QString error;
    QVERIFY2(m_document->setUsage(usage, &error), qPrintable(error));
    QVERIFY(settled(*m_document));
    QVERIFY(m_document->engine());
    QCOMPARE(m_document->engine()->firstChangedRelease(), last);

    Engine whole(m_document->plan());
    QList<PlanError> errors;
    QVERIFY(whole.run(&errors));
    QCOMPARE(m_document->engine()->cells().size(), whole.cells().size());
    for (int i = 0; i < whole.cells().size(); ++i)
        QCOMPARE(m_document->engine()->cells().at(i).failures, whole.cells().at(i).failures);
    QCOMPARE(m_document->engine()->apps().constLast().usage, whole.apps().constLast().usage);
}

QTEST_GUILESS_MAIN(TestDocument)
#include "tst_document.moc"
