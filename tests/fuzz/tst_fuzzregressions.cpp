// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The inputs the fuzzers found (tests/fuzz/regressions/<harness>/), replayed through the same
// entry points the harnesses drive, in the normal build: a crash, a sanitizer report (in
// ./test.sh --sanitize) or a hang of one of them fails this test.
#include "fuzztargets.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Tideline;

class tst_FuzzRegressions : public QObject
{
    Q_OBJECT

private slots:
    void everyHarnessHasAFolder();
    void replay_data();
    void replay();
};

namespace {

QDir regressions()
{
    return QDir(QStringLiteral(TIDELINE_SOURCE_DIR "/tests/fuzz/regressions"));
}

} // namespace

void tst_FuzzRegressions::everyHarnessHasAFolder()
{
    // A folder per harness, so that a found input has its place (and a typo in a name shows).
    QStringList names;
    for (const Fuzz::Harness &harness : Fuzz::harnesses) {
        names << QString::fromLatin1(harness.name);
        QVERIFY2(regressions().exists(names.last()), qPrintable(regressions().filePath(names.last())));
    }
    const QStringList folders = regressions().entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &folder : folders)
        QVERIFY2(names.contains(folder), qPrintable(folder + QStringLiteral(" is no harness of fuzztargets.cpp")));
}

void tst_FuzzRegressions::replay_data()
{
    QTest::addColumn<int>("harness");
    QTest::addColumn<QString>("path");
    int count = 0;
    for (int i = 0; i < int(std::size(Fuzz::harnesses)); ++i) {
        const QDir folder(regressions().filePath(QString::fromLatin1(Fuzz::harnesses[i].name)));
        for (const QString &name : folder.entryList(QDir::Files, QDir::Name)) { // not hidden ones
            QTest::newRow(qPrintable(folder.dirName() + QLatin1Char('/') + name)) << i << folder.filePath(name);
            ++count;
        }
    }
    if (count == 0)
        QSKIP("no regression inputs yet");
}

void tst_FuzzRegressions::replay()
{
    QFETCH(int, harness);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QByteArray input = file.readAll();
    QCOMPARE(Fuzz::harnesses[harness].entry(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size())), 0);
}

QTEST_GUILESS_MAIN(tst_FuzzRegressions)
#include "tst_fuzzregressions.moc"
