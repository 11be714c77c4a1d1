// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "plangenerator.h"

#include <document/document.h>
#include <engine/engine.h>
#include <io/planfile.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace Tideline;
using namespace Tideline::Benchmarks;

/**
 * What an edit costs on a full-size plan (200 releases, 2,000 refactorings): validating the
 * edited copy, re-running the engine and the review in the document's worker until the result
 * is in, as the GUI does after a drag (the GUI thread only waits for it).
 */
class BenchDocument : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void moveStep();
    void undoRedo();
    void saveJson_data();
    void saveJson();

private:
    /** Waits, processing events, until the document's check of its current plan is in. */
    bool settled();

    Document m_document;
    QString m_refactoring;
    QString m_step;
    QStringList m_targets; // the step's default release and the one after it
    int m_moves = 0;       // moves made so far: an odd count leaves the step on m_targets[1]
};

void BenchDocument::initTestCase()
{
    const PlanSize size{300, 200, 2000, PlanSize::groupsNeeded(2000, 300)};
    m_document.reset(generatePlan(size));
    QVERIFY(settled());
    const Engine *engine = m_document.engine();
    QVERIFY(engine);
    // The last step of the first refactoring, with a release after its default one.
    for (const PlacedStep &p : engine->steps()) {
        if (p.refactoring == 0 && p.release < engine->releaseCount()) {
            m_refactoring = engine->plan().refactorings.at(0).id;
            m_step = p.step.name;
            m_targets = {engine->releaseId(p.release), engine->releaseId(p.release + 1)};
        }
    }
    QVERIFY(!m_step.isEmpty());
}

void BenchDocument::moveStep()
{
    QString error;
    QBENCHMARK
    {
        // Later, then back to the default: every iteration is an accepted edit. The count lives
        // in the fixture: Qt Test calls this function more than once (warm-up, -median), and a
        // count that restarted at 0 made every call after an odd -iterations begin with a move to
        // where the step already was, a no-op.
        const bool moved = m_document.moveStep(m_refactoring, m_step, m_targets.at(++m_moves % 2), &error);
        QVERIFY2(moved, qPrintable(error));
        QVERIFY(settled());
    }
    QVERIFY(m_document.engine());
}

void BenchDocument::undoRedo()
{
    QString error;
    QVERIFY(m_document.moveStep(m_refactoring, m_step, m_targets.at(1), &error)
            || m_document.moveStep(m_refactoring, m_step, m_targets.at(0), &error));
    QVERIFY(settled());
    QUndoStack *stack = m_document.undoStack();
    QBENCHMARK
    {
        stack->undo();
        stack->redo();
        QVERIFY(settled());
    }
    QVERIFY(m_document.engine());
}

void BenchDocument::saveJson_data()
{
    QTest::addColumn<QString>("how");
    // A new file is written canonically, as every JSON save was before layout keeping; over a
    // file already there, PlanFile::save reads it and keeps its layout (JsonLayout).
    QTest::newRow("new file") << u"new"_s;
    QTest::newRow("over its file, unchanged") << u"unchanged"_s;
    QTest::newRow("over its file, one change") << u"changed"_s;
}

void BenchDocument::saveJson()
{
    QFETCH(QString, how);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"s1.tideline.json"_s);
    Plan plan = m_document.plan();
    const QString label = plan.releases.at(1).label;
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(path, plan, &errors));
    int saves = 0;
    QBENCHMARK
    {
        if (how == u"new"_s)
            QFile::remove(path);
        else if (how == u"changed"_s) // each save differs from the file by one label
            plan.releases[1].label = ++saves % 2 ? label + u" (renamed)"_s : label;
        QVERIFY(PlanFile::save(path, plan, &errors));
    }
    Plan back;
    QVERIFY(PlanFile::load(path, &back, &errors));
    QVERIFY(back == plan); // read back from the file
}

bool BenchDocument::settled()
{
    return QTest::qWaitFor([this] { return !m_document.isChecking(); }, 10 * 60 * 1000);
}

QTEST_GUILESS_MAIN(BenchDocument)
#include "bench_document.moc"
