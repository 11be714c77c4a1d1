// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgetdriver.h"

#include <mainwindow.h>
#include <dialogs/exportdialog.h>
#include <dialogs/findingsdialog.h>
#include <dialogs/verifydialog.h>
#include <document/document.h>
#include <emptystate.h>
#include <engine/engine.h>
#include <io/planfile.h>
#include <itemmodels/categorystyle.h>
#include <itemmodels/compatibilitymatrixmodel.h>
#include <itemmodels/schemastatemodel.h>
#include <itemmodels/statuscolors.h>
#include <panels/exporttask.h>
#include <panels/readinesspanel.h>
#include <report/reportrenderer.h>
#include <report/reporttask.h>
#include <readablestyle.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStyleFactory>
#include <QStyleOptionButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Tideline;
using Tideline::WidgetDriver::darkPalette;
using Tideline::WidgetDriver::onNextDialog;

/**
 * Issue 13's sign-off in the window, driven through the real widgets offscreen: the check
 * (against `tideline-cli check` on the same file), an acknowledgement (read back from the
 * saved file, undone), the report (HTML parsed, PDF read by pdftotext), the Export dialog into
 * a repository's existing folder (foreign files untouched), verify on a real PostgreSQL, the
 * way out of a plan that cannot be evaluated, and the status colours in a dark palette.
 */
class TestMainWindowReview : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void checkShowsWhatTheCliFinds();
    void acknowledgeIsAnUndoableEditInTheFile();
    void reportExportedFromTheWindow();
    void reportWaitsForTheCheck();
    void exportIntoAnExistingFolder();
    void verifyOnPostgresql();
    void verifyAllReleasesOnAScratchDatabase();
    void cannotBeEvaluatedHasAWayOut();
    void statusBarAndMenus();
    void statusColoursReadInADarkPalette();
    void screenshots_data();
    void screenshots();

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settings;
};

namespace {

/** File › Export Report as the window runs it (a task in a worker), waited for: true when the
 *  report was written, else false with the task's (or the refusal's) message in @p error. */
bool writeReport(MainWindow &window, const QString &path, QString *error = nullptr)
{
    QString message;
    ReportTask *task = window.exportReport(path, &message);
    bool ok = false;
    if (task) {
        QSignalSpy finished(task, &ReportTask::finished);
        if (!finished.wait(120000))
            message = u"the report did not finish in 2 minutes"_s;
        else {
            ok = finished.first().at(0).toBool();
            message = finished.first().at(1).toString();
        }
    }
    if (error)
        *error = message;
    return ok;
}

QString dataPath(const QString &name)
{
    return QDir(QStringLiteral(TIDELINE_TEST_DATA)).filePath(name);
}

bool settled(const MainWindow &window)
{
    if (!QTest::qWaitFor([&window] { return !window.document()->isChecking(); }, 60000))
        return false;
    QCoreApplication::sendPostedEvents();
    return true;
}

void click(QWidget *button)
{
    QVERIFY(button);
    QVERIFY2(button->isEnabled(), qPrintable(button->objectName()));
    QTest::mouseClick(button, Qt::LeftButton);
}

QAction *action(const MainWindow &window, const char *name)
{
    return window.findChild<QAction *>(QString::fromLatin1(name));
}

// "release|lint|refactoring|step|object" of every finding the dialog lists.
QStringList dialogFindings(const FindingsDialog *dialog)
{
    QStringList found;
    const QTreeWidget *tree = dialog->tree();
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *release = tree->topLevelItem(i);
        for (int j = 0; j < release->childCount(); ++j) {
            const QTreeWidgetItem *item = release->child(j);
            found << release->data(0, Qt::UserRole).toString() + u'|' + item->text(1) + u'|' + item->text(2);
        }
    }
    found.sort();
    return found;
}

QJsonObject cliJson(const QStringList &arguments, int *exitCode = nullptr)
{
    QProcess cli;
    cli.start(QStringLiteral(TIDELINE_CLI), arguments);
    if (!cli.waitForFinished(120000))
        return {};
    if (exitCode)
        *exitCode = cli.exitCode();
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

} // namespace

void TestMainWindowReview::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    QApplication::setOrganizationName(u"TidelineTests"_s);
    QApplication::setApplicationName(u"tst_mainwindowreview"_s);
    QVERIFY(m_dir.isValid());
    QVERIFY(m_settings.isValid());
}

void TestMainWindowReview::checkShowsWhatTheCliFinds()
{
    for (const QString &name : {u"review-not-null.tideline.json"_s, u"review-rename-in-place.tideline.json"_s,
                                u"review-drop-in-use.tideline.json"_s}) {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.loadPlan(dataPath(name)));
        QVERIFY(settled(window));
        action(window, "checkAction")->trigger();
        auto *dialog = window.findChild<FindingsDialog *>();
        QVERIFY(dialog && dialog->isVisible());

        int exitCode = -1;
        const QJsonObject cli = cliJson({u"check"_s, dataPath(name), u"--json"_s}, &exitCode);
        QStringList expected;
        QStringList blockedByCli, blockedInWindow;
        for (const QJsonValue &release : cli.value(u"releases"_s).toArray()) {
            const QJsonObject r = release.toObject();
            if (r.value(u"verdict"_s).toString() == u"blocked"_s)
                blockedByCli << r.value(u"release"_s).toString();
            for (const QJsonValue &finding : r.value(u"findings"_s).toArray()) {
                const QJsonObject f = finding.toObject();
                QStringList where{f.value(u"refactoring"_s).toString(), f.value(u"step"_s).toString()};
                if (!f.value(u"object"_s).toString().isEmpty())
                    where << u"[%1]"_s.arg(f.value(u"object"_s).toString());
                where.removeAll(QString());
                expected << r.value(u"release"_s).toString() + u'|' + f.value(u"id"_s).toString() + u'|'
                                + where.join(u' ');
            }
        }
        expected.sort();
        QVERIFY2(!expected.isEmpty(), qPrintable(name)); // the plans are chosen for their findings
        QCOMPARE(dialogFindings(dialog), expected);
        // The verdicts, as the release rows say them.
        for (int i = 0; i < dialog->tree()->topLevelItemCount(); ++i) {
            const QTreeWidgetItem *release = dialog->tree()->topLevelItem(i);
            if (release->text(1) == u"blocked"_s)
                blockedInWindow << release->data(0, Qt::UserRole).toString();
        }
        QCOMPARE(blockedInWindow, blockedByCli);
        QCOMPARE(exitCode, blockedByCli.isEmpty() ? 0 : 1);
        // Every finding shows its fix.
        for (int i = 0; i < dialog->tree()->topLevelItemCount(); ++i) {
            for (int j = 0; j < dialog->tree()->topLevelItem(i)->childCount(); ++j)
                QVERIFY(!dialog->tree()->topLevelItem(i)->child(j)->text(4).isEmpty());
        }
        // The Readiness dock says nothing of a terminal.
        auto *readiness = window.findChild<ReadinessPanel *>();
        for (int row = 0; row < readiness->releaseTable()->rowCount(); ++row) {
            readiness->releaseTable()->selectRow(row);
            QVERIFY2(!readiness->details()->toPlainText().contains(u"tideline-cli"_s),
                     qPrintable(readiness->details()->toPlainText()));
        }
    }
}

void TestMainWindowReview::acknowledgeIsAnUndoableEditInTheFile()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(dataPath(u"review-not-null.tideline.json"_s)));
    QVERIFY(settled(window));
    QCOMPARE(window.review().release(u"r2"_s)->verdict, ReleaseReview::Verdict::Blocked);
    FindingsDialog *dialog = window.showFindings(u"r2"_s);
    QCOMPARE(dialog->tree()->topLevelItemCount(), 1);
    QTreeWidgetItem *finding = dialog->tree()->topLevelItem(0)->child(0);
    QVERIFY(finding);
    QCOMPARE(finding->text(1), u"unsafe-not-null-add"_s);
    QVERIFY(!dialog->acknowledgeButton()->isEnabled()); // no finding chosen yet
    dialog->tree()->setCurrentItem(finding);

    // An empty reason is refused, with the plan as it was.
    onNextDialog([](QDialog *ask) {
        auto *input = qobject_cast<QInputDialog *>(ask);
        QVERIFY(input);
        input->setTextValue(u"   "_s);
        input->accept();
    });
    click(dialog->acknowledgeButton());
    QVERIFY(window.plan().acknowledgements.isEmpty());
    QVERIFY(window.statusBar()->currentMessage().contains(u"needs a reason"_s));

    const QString reason = u"customer.email is filled by the signup service since 2025"_s;
    onNextDialog([reason](QDialog *ask) {
        auto *input = qobject_cast<QInputDialog *>(ask);
        QVERIFY(input);
        input->setTextValue(reason);
        input->accept();
    });
    dialog->tree()->setCurrentItem(dialog->tree()->topLevelItem(0)->child(0));
    click(dialog->acknowledgeButton());
    QVERIFY(settled(window));
    QCOMPARE(window.review().release(u"r2"_s)->verdict, ReleaseReview::Verdict::Ready);
    QVERIFY(dialog->tree()->topLevelItem(0)->child(0)->text(3).contains(reason));
    QCOMPARE(window.document()->undoStack()->undoText(), u"Acknowledge unsafe-not-null-add in email-required"_s);

    // In the file: read back as JSON, as a reviewer sees it in git.
    const QString saved = QDir(m_dir.path()).filePath(u"acknowledged.tideline.json"_s);
    QVERIFY(window.savePlan(saved));
    QJsonArray acks = QJsonDocument::fromJson(fileBytes(saved)).object().value(u"acknowledgements"_s).toArray();
    QCOMPARE(acks.size(), 1);
    QCOMPARE(acks.at(0).toObject().value(u"lint"_s).toString(), u"unsafe-not-null-add"_s);
    QCOMPARE(acks.at(0).toObject().value(u"reason"_s).toString(), reason);
    // And the command line agrees: nothing blocks now.
    int exitCode = -1;
    cliJson({u"check"_s, saved, u"--json"_s}, &exitCode);
    QCOMPARE(exitCode, 0);

    // Undo takes it back.
    window.document()->undoStack()->undo();
    QVERIFY(settled(window));
    QVERIFY(window.plan().acknowledgements.isEmpty());
    QCOMPARE(window.review().release(u"r2"_s)->verdict, ReleaseReview::Verdict::Blocked);
    QVERIFY(window.savePlan(saved));
    acks = QJsonDocument::fromJson(fileBytes(saved)).object().value(u"acknowledgements"_s).toArray();
    QVERIFY(acks.isEmpty());
    dialog->close();
}

void TestMainWindowReview::reportExportedFromTheWindow()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(dataPath(u"review-not-null.tideline.json"_s)));
    QVERIFY(settled(window));
    QVERIFY(action(window, "exportReportAction"));

    const QString html = QDir(m_dir.path()).filePath(u"report.html"_s);
    QString error;
    QVERIFY2(writeReport(window, html, &error), qPrintable(error));
    QTextDocument document;
    document.setHtml(QString::fromUtf8(fileBytes(html)));
    const QString text = document.toPlainText();
    QVERIFY(text.contains(u"Review: NOT NULL with and without a backfill"_s));
    for (const char *release : {"r1", "r2", "r3"})
        QVERIFY2(text.contains(QString::fromLatin1(release)), release);
    QVERIFY(text.contains(u"unsafe-not-null-add"_s));
    QVERIFY(text.contains(u"blocked"_s, Qt::CaseInsensitive));

    const QString pdf = QDir(m_dir.path()).filePath(u"report.pdf"_s);
    QVERIFY2(writeReport(window, pdf, &error), qPrintable(error));
    QProcess info;
    info.start(u"pdfinfo"_s, {pdf});
    QVERIFY(info.waitForFinished(60000));
    QCOMPARE(info.exitCode(), 0);
    const QString infoText = QString::fromUtf8(info.readAllStandardOutput());
    QVERIFY2(infoText.contains(u"Pages:"_s), qPrintable(infoText));
    QProcess toText;
    toText.start(u"pdftotext"_s, {pdf, u"-"_s});
    QVERIFY(toText.waitForFinished(60000));
    QCOMPARE(toText.exitCode(), 0);
    const QString pdfText = QString::fromUtf8(toText.readAllStandardOutput());
    QVERIFY2(pdfText.contains(u"unsafe-not-null-add"_s), qPrintable(pdfText.left(2000)));
    QVERIFY(pdfText.contains(u"r2"_s));

    // A report that cannot be written says where and why, and leaves nothing half written.
    const QString nowhere = QDir(m_dir.path()).filePath(u"no/such/folder/report.html"_s);
    QVERIFY(!writeReport(window, nowhere, &error));
    QVERIFY2(error.contains(u"report.html"_s), qPrintable(error));
    QVERIFY(!QFile::exists(nowhere));
}

// A report asked for while the plan is being checked is the report of the plan as edited: the
// task waits for the check, and a second report is refused while the first one runs.
void TestMainWindowReview::reportWaitsForTheCheck()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(dataPath(u"review-not-null.tideline.json"_s)));
    QVERIFY(settled(window));
    Document *document = window.document();
    Release release = document->plan().releases.at(1);
    QVERIFY(!release.label.contains(u"after the edit"_s));
    release.label = u"label after the edit"_s;
    QString error;
    QVERIFY2(document->replaceRelease(release.id, release, &error), qPrintable(error));
    QVERIFY(document->isChecking()); // the worker's result comes through the event loop

    const QString html = QDir(m_dir.path()).filePath(u"while-checking.html"_s);
    ReportTask *task = window.exportReport(html, &error);
    QVERIFY2(task, qPrintable(error));
    QSignalSpy finished(task, &ReportTask::finished);
    QVERIFY(!window.exportReport(QDir(m_dir.path()).filePath(u"second.html"_s), &error));
    QVERIFY2(error.contains(u"still being written"_s), qPrintable(error));
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!document->isChecking());
    QVERIFY2(QString::fromUtf8(fileBytes(html)).contains(u"label after the edit"_s), "the report is of the plan before the edit");
    QVERIFY(!QFile::exists(QDir(m_dir.path()).filePath(u"second.html"_s)));
    QTRY_VERIFY(!window.findChild<ReportTask *>());
    QVERIFY2(writeReport(window, QDir(m_dir.path()).filePath(u"second.html"_s), &error), qPrintable(error));

    // Cancelled while it waits for a check: it says so, and writes nothing.
    release.label = u"label of a report never written"_s;
    QVERIFY2(document->replaceRelease(release.id, release, &error), qPrintable(error));
    QVERIFY(document->isChecking());
    const QString third = QDir(m_dir.path()).filePath(u"third.html"_s);
    ReportTask *waiting = window.exportReport(third, &error);
    QVERIFY2(waiting, qPrintable(error));
    QSignalSpy cancelled(waiting, &ReportTask::finished);
    waiting->cancel();
    QCOMPARE(cancelled.size(), 1);
    QCOMPARE(cancelled.first().at(0).toBool(), false);
    QCOMPARE(cancelled.first().at(1).toString(), ReportRenderer::cancelledMessage());
    QVERIFY(settled(window));
    QTest::qWait(50); // the queued end of the check reaches no task
    QVERIFY(!QFile::exists(third));
    document->undoStack()->setClean();
}

void TestMainWindowReview::exportIntoAnExistingFolder()
{
    // A repository's migrations folder, with files that are not ours.
    const QString repo = QDir(m_dir.path()).filePath(u"repo/db/migration"_s);
    QVERIFY(QDir().mkpath(repo));
    const QByteArray theirs = "CREATE TABLE flyway_owned (id int);\n";
    const QByteArray readme = "# migrations\nNot Tideline's.\n";
    for (const auto &[name, content] : {std::pair{u"V1__init.sql"_s, theirs}, std::pair{u"README.md"_s, readme}}) {
        QFile file(QDir(repo).filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    // The plan is saved, so that the choice is remembered for it.
    const QString planFile = QDir(m_dir.path()).filePath(u"export.tideline.json"_s);
    QVERIFY(QFile::copy(QStringLiteral(TIDELINE_EXAMPLES) + u"/customer-full-name.tideline.json"_s, planFile));
    QFile(planFile).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(planFile));
    QVERIFY(settled(window));

    // Straight into the folder, beside their files: Flyway's V… files of every release.
    onNextDialog([&](QDialog *d) {
        auto *dialog = qobject_cast<ExportDialog *>(d);
        QVERIFY(dialog);
        WidgetDriver::retype(dialog->folderEdit(), QDir::toNativeSeparators(repo));
        WidgetDriver::choose(dialog->releases(), u"All releases"_s);
        WidgetDriver::choose(dialog->dialects(), u"SQLite"_s);
        WidgetDriver::choose(dialog->layouts(), u"flyway"_s);
        WidgetDriver::retype(dialog->subfolderEdit(), QString());
        auto *exportButton = dialog->findChild<QPushButton *>(u"exportButton"_s);
        // Their files are checked in a worker before Export: none of ours is there yet.
        QTRY_VERIFY(!dialog->isChecking());
        QVERIFY2(exportButton->isEnabled(), qPrintable(dialog->findChild<QLabel *>(u"exportWhere"_s)->text()));
        QVERIFY(dialog->refusalsLabel()->isHidden());
        click(exportButton);
    });
    action(window, "exportAction")->trigger();
    auto *task = window.findChild<ExportTask *>();
    QVERIFY(task);
    QSignalSpy flat(task, &ExportTask::finished);
    QVERIFY(flat.wait(120000));
    QVERIFY2(flat.at(0).at(0).toBool(), qPrintable(flat.at(0).at(1).toString()));
    QCOMPARE(fileBytes(QDir(repo).filePath(u"V1__init.sql"_s)), theirs);
    QCOMPARE(fileBytes(QDir(repo).filePath(u"README.md"_s)), readme);
    const Engine *engine = window.document()->engine();
    QStringList ourFiles;
    for (int k = 1; k <= engine->releaseCount(); ++k) {
        const QString release = engine->releaseId(k);
        const QJsonObject manifest
            = QJsonDocument::fromJson(fileBytes(QDir(repo).filePath(u"tideline-%1-manifest.json"_s.arg(release)))).object();
        QCOMPARE(manifest.value(u"release"_s).toString(), release);
        QCOMPARE(manifest.value(u"dialect"_s).toString(), u"sqlite"_s);
        const QJsonObject written = manifest.value(u"written"_s).toObject();
        QVERIFY(!written.isEmpty());
        for (auto it = written.constBegin(); it != written.constEnd(); ++it) {
            const QByteArray bytes = fileBytes(QDir(repo).filePath(it.key()));
            QVERIFY2(!bytes.isEmpty(), qPrintable(it.key()));
            QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()),
                     it.value().toString());
            ourFiles << it.key();
        }
    }
    // Flat, and after their V1: our versions start at V2.
    QVERIFY(ourFiles.contains(u"V2_001__pre_001_full_name_expand_1.sql"_s));
    QCOMPARE(QDir(repo).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList());

    // A file there with our name that we did not write (edited by hand): refused, named, nothing written.
    const QString edited = QDir(repo).filePath(u"V2_001__pre_001_full_name_expand_1.sql"_s);
    {
        QFile file(edited);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("-- reviewed and changed by hand\n");
    }
    const auto snapshot = [&] {
        QMap<QString, QByteArray> files;
        for (const QString &name : QDir(repo).entryList(QDir::Files))
            files.insert(name, fileBytes(QDir(repo).filePath(name)));
        return files;
    };
    const QMap<QString, QByteArray> before = snapshot();
    // The dialog lists it, and why, before Export is pressed, and Export stays disabled.
    QString listed, said;
    bool enabledWithRefusal = true;
    onNextDialog([&](QDialog *d) {
        auto *dialog = qobject_cast<ExportDialog *>(d);
        QVERIFY(dialog);
        QCOMPARE(dialog->subfolderEdit()->text(), QString()); // remembered: into the folder itself
        auto *exportButton = dialog->findChild<QPushButton *>(u"exportButton"_s);
        QVERIFY(!exportButton->isEnabled() || !dialog->isChecking()); // never enabled while checking
        QTRY_VERIFY(!dialog->isChecking());
        QTRY_VERIFY(dialog->refusalsLabel()->isVisible());
        listed = dialog->refusalsLabel()->text();
        said = dialog->findChild<QLabel *>(u"exportWhere"_s)->text();
        enabledWithRefusal = exportButton->isEnabled();
        QTest::mouseClick(exportButton, Qt::LeftButton); // disabled: nothing happens
        QVERIFY(dialog->isVisible());
        dialog->reject();
    });
    action(window, "exportAction")->trigger();
    QVERIFY2(listed.contains(u"V2_001__pre_001_full_name_expand_1.sql — changed since Tideline wrote it"_s), qPrintable(listed));
    QCOMPARE(listed.count(u'•'), 1); // only the one file; theirs are not ours to write
    QVERIFY2(said.contains(u"Not exported"_s) && said.contains(u"1 file"_s), qPrintable(said));
    QVERIFY(!enabledWithRefusal);
    QVERIFY(!window.findChild<ExportTask *>());
    // The same engine check the command line's export makes: it refuses the same file.
    int exitCode = -1;
    {
        QProcess cli;
        cli.start(QStringLiteral(TIDELINE_CLI), {u"export"_s, planFile, u"--release"_s, u"all"_s, u"--dialect"_s, u"sqlite"_s,
                                                 u"--layout"_s, u"flyway"_s, u"--into"_s, repo});
        QVERIFY(cli.waitForFinished(120000));
        exitCode = cli.exitCode();
        const QByteArray err = cli.readAllStandardError();
        QVERIFY2(err.contains("V2_001__pre_001_full_name_expand_1.sql") && err.contains("nothing was written"), err.constData());
    }
    QCOMPARE(exitCode, 2);
    QCOMPARE(snapshot(), before);
    QVERIFY(QFile::remove(edited));

    // The bundle's own folder in it, named by the plan, "all" and the dialect.
    const QString subfolder = ExportDialog::defaultSubfolder(window.plan(), QString(), u"sqlite"_s);
    onNextDialog([&](QDialog *d) {
        auto *dialog = qobject_cast<ExportDialog *>(d);
        QVERIFY(dialog);
        WidgetDriver::retype(dialog->subfolderEdit(), subfolder);
        click(dialog->findChild<QPushButton *>(u"exportButton"_s));
    });
    action(window, "exportAction")->trigger();
    task = window.findChild<ExportTask *>();
    QVERIFY(task);
    QSignalSpy finished(task, &ExportTask::finished);
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));

    // Theirs untouched; ours there and read back.
    QCOMPARE(fileBytes(QDir(repo).filePath(u"V1__init.sql"_s)), theirs);
    QCOMPARE(fileBytes(QDir(repo).filePath(u"README.md"_s)), readme);
    const QDir bundles(QDir(repo).filePath(subfolder));
    QCOMPARE(bundles.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), engine->releaseCount());
    for (int k = 1; k <= engine->releaseCount(); ++k) {
        const QString release = engine->releaseId(k);
        const QJsonObject manifest
            = QJsonDocument::fromJson(fileBytes(bundles.filePath(release + u"/manifest.json"_s))).object();
        QCOMPARE(manifest.value(u"release"_s).toString(), release);
        QCOMPARE(manifest.value(u"dialect"_s).toString(), u"sqlite"_s);
        const QStringList flyway = QDir(bundles.filePath(release)).entryList({u"V*__*.sql"_s}, QDir::Files);
        for (const QString &script : flyway)
            QVERIFY2(!fileBytes(bundles.filePath(release + u'/' + script)).isEmpty(), qPrintable(script));
    }

    // Remembered for this plan: the next dialog opens where this one went.
    onNextDialog([&](QDialog *d) {
        auto *dialog = qobject_cast<ExportDialog *>(d);
        QVERIFY(dialog);
        QCOMPARE(QDir::fromNativeSeparators(dialog->folderEdit()->text()), repo);
        QCOMPARE(dialog->layouts()->currentText(), u"flyway"_s);
        QCOMPARE(dialog->dialects()->currentData().toString(), u"sqlite"_s);
        QCOMPARE(dialog->releases()->currentData().toString(), QString());
        // Exporting again replaces only our own earlier export.
        click(dialog->findChild<QPushButton *>(u"exportButton"_s));
    });
    action(window, "exportAction")->trigger();
    task = window.findChild<ExportTask *>();
    QVERIFY(task);
    QSignalSpy again(task, &ExportTask::finished);
    QVERIFY(again.wait(120000));
    QVERIFY2(again.at(0).at(0).toBool(), qPrintable(again.at(0).at(1).toString()));
    QCOMPARE(fileBytes(QDir(repo).filePath(u"README.md"_s)), readme);

    // A file of theirs inside our bundle folder: nothing is replaced.
    {
        QFile mine(bundles.filePath(u"NOTES.txt"_s));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("mine\n");
    }
    QString third;
    onNextDialog([&](QDialog *d) {
        auto *dialog = qobject_cast<ExportDialog *>(d);
        QVERIFY(dialog);
        QVERIFY(!dialog->findChild<QPushButton *>(u"exportButton"_s)->isEnabled());
        third = dialog->problem();
        dialog->reject();
    });
    action(window, "exportAction")->trigger();
    QVERIFY2(third.contains(u"NOTES.txt"_s), qPrintable(third));
    QCOMPARE(fileBytes(bundles.filePath(u"NOTES.txt"_s)), QByteArray("mine\n"));
}

void TestMainWindowReview::verifyOnPostgresql()
{
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("no PostgreSQL server: scripts/servers.sh starts one and sets TIDELINE_TEST_PG_DSN");
    const QString planFile = QStringLiteral(TIDELINE_EXAMPLES) + u"/customer-full-name.tideline.json"_s;
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(planFile));
    QVERIFY(settled(window));
    const QString release = window.plan().releases.first().id;
    QCOMPARE(window.review().release(release)->verify, u"not verified"_s);

    action(window, "verifyAction")->trigger();
    auto *dialog = window.findChild<VerifyDialog *>();
    QVERIFY(dialog && dialog->isVisible());

    // Cancel: the window is answered at once, the run stops before its next release, and
    // nothing of it counts.
    WidgetDriver::choose(dialog->releases(), u"All releases"_s);
    WidgetDriver::retype(dialog->dsnEdit(), dsn);
    QSignalSpy cancelled(dialog, &VerifyDialog::verified);
    click(dialog->startButton());
    auto *cancel = dialog->findChild<QPushButton *>(u"verifyCancel"_s);
    QVERIFY2(cancel->text() == u"Cancel"_s, qPrintable(dialog->findChild<QLabel *>(u"verifyStatus"_s)->text()));
    click(cancel);
    QVERIFY(dialog->isVisible()); // Cancel stops the run; it does not close the dialog under it
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isRunning(); }, 300000));
    QCoreApplication::sendPostedEvents();
    QCOMPARE(cancelled.count(), 0);
    QVERIFY(dialog->results().isEmpty());
    QVERIFY2(dialog->findChild<QLabel *>(u"verifyStatus"_s)->text().contains(u"cancelled"_s),
             qPrintable(dialog->findChild<QLabel *>(u"verifyStatus"_s)->text()));
    QCOMPARE(window.review().release(release)->verify, u"not verified"_s);

    WidgetDriver::choose(dialog->releases(), dialog->releases()->itemText(dialog->releases()->findData(release)));
    WidgetDriver::retype(dialog->dsnEdit(), dsn);
    QVERIFY(dialog->dsnButton()->isChecked());
    QSignalSpy verified(dialog, &VerifyDialog::verified);
    click(dialog->startButton());
    QVERIFY(verified.count() == 1 || verified.wait(300000));
    QVERIFY2(dialog->error().isEmpty(), qPrintable(dialog->error()));
    QCOMPARE(dialog->results().size(), 1);
    const VerifyResult &result = dialog->results().first();
    QCOMPARE(result.engine, u"postgresql"_s);

    // The same verdict as the command line on the same server.
    int exitCode = -1;
    const QJsonObject cli = cliJson({u"verify"_s, planFile, u"--release"_s, release, u"--dsn"_s, dsn, u"--json"_s}, &exitCode);
    QCOMPARE(result.passed(), exitCode == 0);
    QCOMPARE(cli.value(u"scripts"_s).toArray().size(), result.scripts.size());
    QVERIFY(dialog->output()->toPlainText().contains(result.passed() ? u"PASS"_s : u"FAIL"_s));

    // The review takes it in: the Readiness dock and the report say so, until the plan changes.
    QCOMPARE(window.review().release(release)->verify, result.passed() ? u"pass"_s : u"fail"_s);
    auto *readiness = window.findChild<ReadinessPanel *>();
    QVERIFY(readiness->selectRelease(release));
    QCOMPARE(readiness->releaseTable()->item(readiness->releaseTable()->currentRow(), 5)->text(),
             window.review().release(release)->verify);
    const QString html = QDir(m_dir.path()).filePath(u"verified.html"_s);
    QVERIFY(writeReport(window, html));
    QTextDocument report;
    report.setHtml(QString::fromUtf8(fileBytes(html)));
    QVERIFY(report.toPlainText().contains(result.passed() ? u"verify passed"_s : u"verify failed"_s));
    dialog->close();

    // An edit: what was verified is not the plan any more.
    Release added;
    added.id = u"later"_s;
    QString error;
    QVERIFY2(window.document()->insertRelease(int(window.plan().releases.size()), added, &error), qPrintable(error));
    QVERIFY(settled(window));
    QCOMPARE(window.review().release(release)->verify, u"not verified"_s);
    // And the dialog, opened again, verifies the plan as it is now.
    QCOMPARE(window.showVerify()->plan(), window.plan());
    window.showVerify()->close();
}

void TestMainWindowReview::verifyAllReleasesOnAScratchDatabase()
{
    // A SQLite plan: verify makes its scratch database itself, as tideline-cli verify without --dsn.
    const QString planFile = dataPath(u"review-fk-sqlite.tideline.json"_s);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(planFile));
    QVERIFY(settled(window));
    auto *readiness = window.findChild<ReadinessPanel *>();
    click(readiness->findChild<QPushButton *>(u"readinessVerify"_s));
    auto *dialog = window.findChild<VerifyDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    WidgetDriver::choose(dialog->releases(), u"All releases"_s);
    QVERIFY(dialog->scratchButton()->isEnabled());
    QVERIFY(dialog->scratchButton()->isChecked());
    QSignalSpy verified(dialog, &VerifyDialog::verified);
    click(dialog->startButton());
    QVERIFY(verified.count() == 1 || verified.wait(300000));
    QVERIFY2(dialog->error().isEmpty(), qPrintable(dialog->error()));
    const Engine *engine = window.document()->engine();
    QCOMPARE(dialog->results().size(), engine->releaseCount());
    for (const VerifyResult &result : dialog->results()) {
        int exitCode = -1;
        cliJson({u"verify"_s, planFile, u"--release"_s, result.release, u"--json"_s}, &exitCode);
        QCOMPARE(result.engine, u"sqlite"_s);
        QCOMPARE(result.passed(), exitCode == 0);
        QCOMPARE(window.review().release(result.release)->verify, result.passed() ? u"pass"_s : u"fail"_s);
    }
    // The Readiness dock no longer says "not verified" for any of them.
    for (int row = 0; row < readiness->releaseTable()->rowCount(); ++row)
        QVERIFY(readiness->releaseTable()->item(row, 5)->text() != u"not verified"_s);
}

void TestMainWindowReview::cannotBeEvaluatedHasAWayOut()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(dataPath(u"cli-unknown-column.tideline.json"_s)));
    QVERIFY(settled(window));
    QVERIFY(!window.document()->engine());
    auto *empty = window.findChild<EmptyState *>();
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(u"middle_name"_s));
    const QString id = window.plan().refactorings.first().id;
    auto *edit = empty->findChild<QPushButton *>(u"emptyEditProblem"_s);
    auto *remove = empty->findChild<QPushButton *>(u"emptyDeleteProblem"_s);
    QVERIFY(edit && edit->isVisible() && edit->text().contains(id));
    QVERIFY(remove && remove->isVisible());
    // The menus work on it too: it is selected.
    QVERIFY(action(window, "editRefactoringAction")->isEnabled());
    QVERIFY(action(window, "deleteRefactoringAction")->isEnabled());
    click(remove);
    QVERIFY(settled(window));
    QCOMPARE(window.plan().refactoringIndex(id), -1);
    QVERIFY(window.document()->engine()); // evaluated again
    QVERIFY(!remove->isVisible());
    // Undo, from the window's menu, brings the problem back with its way out; the state's own
    // Undo takes the plan back to the file as it was opened.
    action(window, "undoAction")->trigger();
    QVERIFY(settled(window));
    QVERIFY(!window.document()->engine());
    QVERIFY(remove->isVisible());
    click(edit->parentWidget()->findChild<QPushButton *>(u"emptyUndo"_s));
    QVERIFY(settled(window));
    QCOMPARE(window.plan().refactoringIndex(id), 0); // nothing left to undo: the plan stays
}

void TestMainWindowReview::statusBarAndMenus()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(dataPath(u"review-not-null.tideline.json"_s)));
    QVERIFY(settled(window));
    auto *dialect = window.findChild<QLabel *>(u"dialectStatus"_s);
    auto *policy = window.findChild<QLabel *>(u"policyStatus"_s);
    auto *verdict = window.findChild<QLabel *>(u"verdictStatus"_s);
    QVERIFY(dialect && policy && verdict);
    QCOMPARE(dialect->text(), u"PostgreSQL"_s);
    QCOMPARE(policy->text(), window.plan().policy.rollbackSafe ? u"rollback-safe"_s : u"not rollback-safe"_s);
    QCOMPARE(verdict->text(), u"1 release blocked"_s);

    // Every shortcut is listed, from the menus.
    const QStringList shortcuts = window.shortcutList();
    QVERIFY(shortcuts.contains(u"Review › Check All Releases…\tF7"_s));
    QVERIFY(std::any_of(shortcuts.cbegin(), shortcuts.cend(), [](const QString &line) {
        return line.startsWith(u"Edit › Undo\t"_s);
    }));
    action(window, "shortcutsAction")->trigger();
    auto *table = window.findChild<QTableWidget *>(u"shortcutsTable"_s);
    QVERIFY(table);
    QCOMPARE(table->rowCount(), shortcuts.size());

    // File › Close: back to an empty plan (nothing unsaved to ask about).
    action(window, "closeAction")->trigger();
    QVERIFY(window.planPath().isEmpty());
    QVERIFY(window.plan().releases.isEmpty());
    QVERIFY(settled(window));
    QCOMPARE(verdict->text(), u"no releases"_s);

    // The tour opens on the example.
    action(window, "tourAction")->trigger();
    QVERIFY(window.findChild<QDialog *>(u"tourDialog"_s));
    QVERIFY(!window.plan().refactorings.isEmpty());
}

void TestMainWindowReview::statusColoursReadInADarkPalette()
{
    const QPalette original = QApplication::palette();
    QApplication::setPalette(darkPalette());
    // The shared backgrounds and their text, directly.
    for (const QBrush &background : {StatusColors::good(), StatusColors::warning(), StatusColors::bad()})
        QVERIFY2(CategoryStyle::contrast(StatusColors::text().color(), background.color()) >= 4.5,
                 qPrintable(background.color().name()));

    // Every cell of the real models that has a background has a readable foreground with it.
    Plan plan;
    QList<PlanError> errors;
    QVERIFY(PlanFile::load(QStringLiteral(TIDELINE_EXAMPLES) + u"/customer-full-name.tideline.json"_s, &plan, &errors));
    Engine engine(plan);
    QVERIFY(engine.run(&errors));
    CompatibilityMatrixModel matrix;
    matrix.setEngine(&engine);
    int coloured = 0;
    const auto check = [&](const QAbstractItemModel &model, const QModelIndex &index) {
        const QVariant background = index.data(Qt::BackgroundRole);
        if (!background.isValid())
            return true;
        ++coloured;
        const QVariant foreground = index.data(Qt::ForegroundRole);
        if (!foreground.isValid())
            return false;
        Q_UNUSED(model);
        return CategoryStyle::contrast(foreground.value<QBrush>().color(), background.value<QBrush>().color()) >= 4.5;
    };
    for (int row = 0; row < matrix.rowCount(); ++row) {
        for (int column = 0; column < matrix.columnCount(); ++column)
            QVERIFY2(check(matrix, matrix.index(row, column)),
                     qPrintable(u"matrix %1,%2 %3"_s.arg(row).arg(column).arg(matrix.index(row, column).data().toString())));
    }
    QVERIFY(coloured > 0);
    const int matrixCells = coloured;
    // The schema panel's model, for every state after its previous one: added, changed, removed.
    SchemaStateModel schema;
    for (qsizetype i = 1; i < engine.states().size(); ++i) {
        schema.setSchemas(engine.states().at(i - 1).schema, engine.states().at(i).schema);
        for (int row = 0; row < schema.rowCount(); ++row) {
            const QModelIndex table = schema.index(row, 0);
            for (int column = 0; column < schema.columnCount(); ++column)
                QVERIFY2(check(schema, schema.index(row, column)), qPrintable(table.data().toString()));
            for (int child = 0; child < schema.rowCount(table); ++child) {
                for (int column = 0; column < schema.columnCount(table); ++column)
                    QVERIFY2(check(schema, schema.index(child, column, table)),
                             qPrintable(schema.index(child, 0, table).data().toString()));
            }
        }
    }
    QVERIFY(coloured > matrixCells); // the example adds and removes columns

    // An unchecked check box has an edge that reads on the window it sits on (WCAG's 3:1 for
    // the parts of a control), under the application's style over Fusion, whose own edge is a
    // shade of the window.
    const auto edgeContrast = [](QStyle *style) {
        QWidget window;
        window.setStyle(style);
        window.setPalette(darkPalette());
        QCheckBox box(u"Nullable"_s, &window);
        box.setStyle(style);
        box.setPalette(darkPalette());
        box.adjustSize();
        window.resize(box.size() + QSize(8, 8));
        box.move(4, 4);
        const QImage image = box.grab().toImage();
        QStyleOptionButton option;
        option.initFrom(&box);
        const QRect indicator = style->subElementRect(QStyle::SE_CheckBoxIndicator, &option, &box);
        const QColor background = darkPalette().color(QPalette::Window);
        double best = 1;
        for (int y = indicator.top(); y <= indicator.bottom(); ++y) {
            for (int x = indicator.left(); x <= indicator.right(); ++x)
                best = qMax(best, CategoryStyle::contrast(image.pixelColor(x, y), background));
        }
        return best;
    };
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
    ReadableStyle readable(QStyleFactory::create(u"Fusion"_s));
    QVERIFY2(edgeContrast(&readable) >= 3.0, qPrintable(QString::number(edgeContrast(&readable))));
    // The same measure fails plain Fusion: it is what the style is for.
    QVERIFY2(edgeContrast(fusion.get()) < 3.0, qPrintable(QString::number(edgeContrast(fusion.get()))));
    QApplication::setPalette(original);
}

void TestMainWindowReview::screenshots_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QSize>("size");
    QTest::newRow("light-1600") << false << QSize(1600, 1000);
    QTest::newRow("dark-1600") << true << QSize(1600, 1000);
    QTest::newRow("light-1280") << false << QSize(1280, 800);
    QTest::newRow("dark-1280") << true << QSize(1280, 800);
}

void TestMainWindowReview::screenshots()
{
    // Written only when asked: TIDELINE_SCREENSHOT_DIR=docs/screenshots.
    const QString directory = qEnvironmentVariable("TIDELINE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        QSKIP("TIDELINE_SCREENSHOT_DIR is not set");
    QFETCH(bool, dark);
    QFETCH(QSize, size);
    const QPalette original = QApplication::palette();
    QApplication::setStyle(new ReadableStyle(QStyleFactory::create(u"Fusion"_s)));
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    const QString suffix = u"-%1-%2.png"_s.arg(size.width()).arg(dark ? u"dark"_s : u"light"_s);
    QDir().mkpath(directory);
    const auto shoot = [&](QWidget *widget, const QString &name) {
        QVERIFY(QTest::qWaitForWindowExposed(widget));
        QCoreApplication::sendPostedEvents();
        QVERIFY(widget->grab().save(QDir(directory).filePath(name + suffix)));
    };

    MainWindow window;
    window.resetLayout();
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(dataPath(u"review-not-null.tideline.json"_s)));
    QVERIFY(settled(window));
    action(window, "showReadinessAction")->trigger();
    QCoreApplication::sendPostedEvents();
    shoot(&window, u"review-window"_s);

    FindingsDialog *findings = window.showFindings();
    findings->resize(size.width() * 7 / 10, size.height() * 6 / 10);
    findings->tree()->setCurrentItem(findings->tree()->topLevelItem(1)->child(0));
    shoot(findings, u"review-findings"_s);
    findings->close();

    VerifyDialog *verify = window.showVerify(u"r2"_s);
    shoot(verify, u"review-verify"_s);
    verify->close();

    // Straight into a repository's Flyway folder that holds the team's own migrations.
    const QString migrations = QDir(m_dir.path()).filePath(u"shop/db/migration"_s);
    QVERIFY(QDir().mkpath(migrations));
    const auto intoMigrations = [&](ExportDialog *dialog) {
        WidgetDriver::retype(dialog->folderEdit(), QDir::toNativeSeparators(migrations));
        dialog->releases()->setCurrentIndex(dialog->releases()->findData(u"r2"_s));
        WidgetDriver::choose(dialog->layouts(), u"flyway"_s);
        WidgetDriver::retype(dialog->subfolderEdit(), QString());
    };
    onNextDialog([&](QDialog *d) {
        auto *dialog = qobject_cast<ExportDialog *>(d);
        QVERIFY(dialog);
        intoMigrations(dialog);
        QTRY_VERIFY(!dialog->isChecking());
        shoot(dialog, u"export-dialog"_s);
        dialog->reject();
    });
    action(window, "exportAction")->trigger();
    // The same folder with a file of theirs by the name of one of ours: listed before Export.
    {
        QFile theirs(QDir(migrations).filePath(u"tideline-r2-RUNBOOK.md"_s));
        QVERIFY(theirs.open(QIODevice::WriteOnly));
        theirs.write("# our own runbook for r2\n");
    }
    onNextDialog([&](QDialog *d) {
        auto *dialog = qobject_cast<ExportDialog *>(d);
        QVERIFY(dialog);
        intoMigrations(dialog);
        QTRY_VERIFY(!dialog->isChecking());
        QVERIFY(dialog->refusalsLabel()->isVisible());
        shoot(dialog, u"export-dialog-refused"_s);
        dialog->reject();
    });
    action(window, "exportAction")->trigger();
    QVERIFY(QFile::remove(QDir(migrations).filePath(u"tideline-r2-RUNBOOK.md"_s)));

    action(window, "shortcutsAction")->trigger();
    shoot(window.findChild<QDialog *>(u"shortcutsDialog"_s), u"help-shortcuts"_s);
    action(window, "tourAction")->trigger();
    shoot(window.findChild<QDialog *>(u"tourDialog"_s), u"help-tour"_s);

    // A plan that cannot be evaluated, with its way out.
    MainWindow broken;
    broken.resetLayout();
    broken.resize(size);
    broken.show();
    QVERIFY(QTest::qWaitForWindowExposed(&broken));
    QVERIFY(broken.loadPlan(dataPath(u"cli-unknown-column.tideline.json"_s)));
    QVERIFY(settled(broken));
    shoot(&broken, u"cannot-evaluate"_s);
    QApplication::setPalette(original);
}

QTEST_MAIN(TestMainWindowReview)
#include "tst_mainwindowreview.moc"
