// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// How long verify takes: one release of a generated 100-table plan on an in-memory SQLite
// scratch database with 1,000 sample rows a table — building S_{R-1} from the baseline and the
// earlier releases, loading the rows, running every script twice with its re-run check, and
// every generated app statement on P_R and S_R. Figures and their reading: docs/performance.md.

#include "plangenerator.h"
#include "../verify/portableplan.h"

#include <engine/engine.h>
#include <sql/dialect.h>
#include <verify/scratchserver.h>
#include <verify/verifier.h>

#include <QTest>

using namespace Tideline;
using namespace Tideline::Benchmarks;

class BenchVerify : public QObject
{
    Q_OBJECT

private slots:
    void verifyOneRelease_data();
    void verifyOneRelease();
};

void BenchVerify::verifyOneRelease_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("release");
    QTest::newRow("100 tables, 1,000 rows a table, r1") << 1000 << "r1";
    QTest::newRow("100 tables, 1,000 rows a table, r5 (after 4 releases)") << 1000 << "r5";
}

void BenchVerify::verifyOneRelease()
{
    QFETCH(int, rows);
    QFETCH(QString, release);
    // 100 tables, 10 releases, 100 refactorings of every kind: about 10 start in each release.
    const PlanSize size{100, 10, 100, PlanSize::groupsNeeded(100, 100)};
    Plan plan = generatePlan(size, QStringLiteral("sqlite"));
    useSqliteExpressions(&plan);
    Engine engine(plan);
    QList<PlanError> errors;
    QVERIFY2(engine.run(&errors), qPrintable(errors.isEmpty() ? QString() : errors.first().toString()));
    VerifyResult result;
    QBENCHMARK {
        ScratchDatabase scratch;
        QString error;
        QVERIFY2(scratch.open(QStringLiteral("sqlite:"), &error), qPrintable(error));
        Verifier verifier(engine, *Dialect::forName(QStringLiteral("sqlite")), scratch.database());
        verifier.setRows(rows);
        QVERIFY2(verifier.run(release, &result, &error), qPrintable(error));
    }
    QVERIFY2(result.passed(), qPrintable((result.errors + result.defects).join(QLatin1Char('\n'))));
    qInfo("%lld scripts runs, %lld statements, %lld cells", qint64(result.scripts.size()),
          qint64(result.statements.size()), qint64(result.cells.size()));
}

QTEST_GUILESS_MAIN(BenchVerify)
#include "bench_verify.moc"
