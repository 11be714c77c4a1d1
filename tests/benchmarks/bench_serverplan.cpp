// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "../serverfixture.h"
#include "plangenerator.h"

#include <io/planfile.h>
#include <storage/serverplan.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Tideline;
using namespace Tideline::Benchmarks;
using namespace Qt::StringLiterals;

/**
 * Plans on a PostgreSQL server on loopback (issue 16; TIDELINE_TEST_PG_DSN): opening the
 * 2,000-refactoring plan from the server against from a .tideline file, one edit's round trip
 * (the rows it changes, its revision and NOTIFY, in one transaction), and how long another
 * client takes to hear of an edit after its commit returned.
 */
class BenchServerPlan : public QObject, private Tests::ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void openFromFile();
    void openFromServer();
    void editRoundTrip();
    void notificationLatency();

private:
    QTemporaryDir m_dir;
    QString m_file;
    Plan m_plan;
};

void BenchServerPlan::initTestCase()
{
    QString skip;
    if (!startServer(u"b16"_s, &skip))
        QSKIP(qPrintable(skip));
    m_plan = generatePlan(PlanSize{});
    QCOMPARE(m_plan.refactorings.size(), 2000);
    m_file = m_dir.filePath(u"large.tideline"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(m_file, m_plan, &errors));
    QVERIFY2(PlanFile::save(location(u"large"_s), m_plan, &errors), qPrintable(errors.value(0).toString()));
    QVERIFY(PlanFile::save(location(u"small"_s), Plan{}, &errors));
}

void BenchServerPlan::cleanupTestCase()
{
    stopServer();
}

void BenchServerPlan::openFromFile()
{
    Plan plan;
    QBENCHMARK {
        QList<PlanError> errors;
        QVERIFY(PlanFile::load(m_file, &plan, &errors));
    }
    QCOMPARE(plan.refactorings.size(), 2000);
}

void BenchServerPlan::openFromServer()
{
    Plan plan;
    QBENCHMARK { // connecting, the storage's version check and the read
        QList<PlanError> errors;
        QVERIFY(PlanFile::load(location(u"large"_s), &plan, &errors));
    }
    QVERIFY(plan == m_plan);
}

void BenchServerPlan::editRoundTrip()
{
    ServerPlan server;
    QString error;
    Plan plan;
    QVERIFY2(server.open(location(u"large"_s), &error) && server.load(&plan, &error), qPrintable(error));
    Plan edited = plan;
    edited.refactorings[1000].note = u"edited"_s;
    bool flip = false;
    QBENCHMARK { // one refactoring's note, back and forth, on the 2,000-refactoring plan
        flip = !flip;
        QVERIFY2(server.commit(flip ? edited : plan, u"Edit refactoring"_s, &error), qPrintable(error));
    }
}

void BenchServerPlan::notificationLatency()
{
    ServerPlan writer, listener;
    QString error;
    Plan plan;
    QVERIFY2(writer.open(location(u"small"_s), &error) && writer.load(&plan, &error), qPrintable(error));
    QVERIFY2(listener.open(location(u"small"_s), &error) && listener.load(&plan, &error)
                 && listener.listen(&error), qPrintable(error));
    QList<qint64> latencies; // from the writer's commit returning to the listener hearing of it
    int edits = 0;
    QBENCHMARK {
        QSignalSpy heard(&listener, &ServerPlan::changedOnServer);
        plan.name = u"edit %1"_s.arg(++edits);
        QVERIFY2(writer.commit(plan, u"Rename"_s, &error), qPrintable(error));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(heard.wait(5000));
        latencies << timer.nsecsElapsed();
        Plan read;
        QVERIFY(listener.load(&read, &error)); // the listener moves to the new revision
    }
    std::sort(latencies.begin(), latencies.end());
    qInfo("notification latency after commit: median %.3f ms over %d edits",
          latencies.at(latencies.size() / 2) / 1e6, int(latencies.size()));
}

QTEST_GUILESS_MAIN(BenchServerPlan)
#include "bench_serverplan.moc"
