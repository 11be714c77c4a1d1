// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <mainwindow.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QProcess>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Tideline::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void constructsEmpty();
    void showsReleasesOfExample_data();
    void showsReleasesOfExample();
    void keepsPlanWhenFileIsMissing();
    void keepsPlanWhenFileIsMalformed();
    void screenshotOfBundledExample();

private:
    static QString examplePath(const QString &fileName);
    static QTableWidget *releaseTable(const MainWindow &window);
    // The releases as the file itself lists them, read without the code under test.
    static QJsonArray releasesInFile(const QString &path);
    void expectError(MainWindow &window, const QString &path);
};

QString TestMainWindow::examplePath(const QString &fileName)
{
    return QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath(fileName);
}

QTableWidget *TestMainWindow::releaseTable(const MainWindow &window)
{
    return window.findChild<QTableWidget *>(u"releaseTable"_s);
}

QJsonArray TestMainWindow::releasesInFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(u"releases"_s).toArray();
}

void TestMainWindow::initTestCase()
{
    QVERIFY2(QFile::exists(examplePath(u"customer-full-name.tideline.json"_s)),
             "the example plans are missing from " TIDELINE_EXAMPLES);
}

void TestMainWindow::constructsEmpty()
{
    MainWindow window;
    QTableWidget *table = releaseTable(window);
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 0);
    QCOMPARE(table->columnCount(), int(MainWindow::ColumnCount));
    QVERIFY(window.planPath().isEmpty());
    QVERIFY(window.findChild<QAction *>(u"openAction"_s));
    QVERIFY(window.findChild<QAction *>(u"quitAction"_s));

    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
}

void TestMainWindow::showsReleasesOfExample_data()
{
    QTest::addColumn<QString>("path");
    const QDir examples(QStringLiteral(TIDELINE_EXAMPLES));
    const QStringList files = examples.entryList({u"*.tideline.json"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << examples.filePath(file);
}

void TestMainWindow::showsReleasesOfExample()
{
    QFETCH(QString, path);
    const QJsonArray releases = releasesInFile(path);
    QVERIFY(!releases.isEmpty());

    MainWindow window;
    QStringList errors;
    QVERIFY2(window.loadPlan(path, &errors), qPrintable(errors.join(u'\n')));
    QVERIFY(errors.isEmpty());
    QCOMPARE(window.planPath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(window.plan().releases.size(), releases.size());

    QTableWidget *table = releaseTable(window);
    QCOMPARE(table->rowCount(), int(releases.size()));
    for (int row = 0; row < releases.size(); ++row) {
        const QJsonObject release = releases.at(row).toObject();
        QCOMPARE(table->item(row, MainWindow::IdColumn)->text(), release.value(u"id"_s).toString());
        QCOMPARE(table->item(row, MainWindow::LabelColumn)->text(),
                 release.value(u"label"_s).toString());
        QCOMPARE(table->item(row, MainWindow::DateColumn)->text(),
                 release.value(u"date"_s).toString());
        QCOMPARE(table->item(row, MainWindow::StatusColumn)->text(),
                 release.value(u"status"_s).toString(u"planned"_s));
    }
}

void TestMainWindow::expectError(MainWindow &window, const QString &path)
{
    const QString previousPath = window.planPath();
    const int previousRows = releaseTable(window)->rowCount();
    const QString previousTitle = window.windowTitle();

    QVERIFY(!window.openPlan(path));

    // The previous plan is still shown...
    QCOMPARE(window.planPath(), previousPath);
    QCOMPARE(releaseTable(window)->rowCount(), previousRows);
    QCOMPARE(window.windowTitle(), previousTitle);
    // ...and the problem is reported in the status bar and in a message box.
    QVERIFY2(window.statusBar()->currentMessage().contains(QFileInfo(path).fileName()),
             qPrintable(window.statusBar()->currentMessage()));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(u"planErrorBox"_s)) && box->isVisible());
    QVERIFY(box->text().contains(QDir::toNativeSeparators(path)));
    QVERIFY(!box->informativeText().isEmpty());
    box->close();
}

void TestMainWindow::keepsPlanWhenFileIsMissing()
{
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(releaseTable(window)->rowCount() > 0);

    const QTemporaryDir directory;
    expectError(window, directory.filePath(u"no-such-plan.tideline.json"_s));
}

void TestMainWindow::keepsPlanWhenFileIsMalformed()
{
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));

    const QTemporaryDir directory;
    const QString path = directory.filePath(u"broken.tideline.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({ "format": "tideline-plan", "releases": [ )");
    file.close();
    expectError(window, path);
}

void TestMainWindow::screenshotOfBundledExample()
{
    // The real main(): no PLAN opens the bundled example; --screenshot renders and exits.
    const QTemporaryDir directory;
    const QString png = directory.filePath(u"tideline.png"_s);
    QProcess gui;
    gui.start(QStringLiteral(TIDELINE_GUI), {u"--screenshot"_s, png});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    QVERIFY2(gui.exitCode() == 0, gui.readAllStandardError().constData());

    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 400 && image.height() >= 300);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
