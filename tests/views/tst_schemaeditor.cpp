// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshots.h"
#include "widgetdriver.h"
#include "windowsettled.h"

#include <mainwindow.h>

#include <dialogs/exportdialog.h>
#include <dialogs/refactoringwizard.h>
#include <dialogs/schemaeditor.h>
#include <dialogs/schemaimportdialog.h>
#include <document/document.h>
#include <emptystate.h>
#include <engine/engine.h>
#include <io/planfile.h>
#include <io/schemaimport.h>
#include <panels/bundlepanel.h>
#include <panels/exporttask.h>
#include <readablestyle.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <QWizard>

#include <functional>

using namespace Qt::StringLiterals;
using namespace Tideline;
using Tideline::WidgetDriver::onNextDialog;

/**
 * Issue 13's "a new plan is no longer a dead end", driven through the real widgets offscreen:
 * a schema imported from a DDL file or a database, the baseline schema editor, the wizard on
 * the imported tables, and the exported expand script run by the real sqlite3 tool.
 */
class TestSchemaEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void newPlanFromDdlToAnAppliedBundle();
    void importFromADatabaseThroughTheDialog();
    void importShowsErrorsAndKeepsThePlan();
    void aDatabaseThatDoesNotAnswerCanBeCancelled();
    void editorEditsAreUndoableAndRefusalsStay();
    void shippedBaselineIsRefusedUntilReopened();
    void wizardOffersTheTablesOfTheStartRelease();
    void screenshots_data();
    void screenshots();

private:
    static void click(QWidget *button);
    /** Fills the import dialog with @p path in @p dialect, reads it and waits for the result. */
    static bool readDdl(QDialog *dialog, const QString &path, const QString &dialect);
    /** A sqlite3 run of @p sql on @p database: its output, or "FAILED: …" with its errors. */
    static QString sqlite3(const QString &database, const QString &sql);
    QString writeDdl(const QString &name);

    QTemporaryDir m_dir;
    QTemporaryDir m_settings;
};

namespace {

// A shop as a team would have it: keys, a foreign key with ON DELETE, defaults, NULLs.
const char *const ShopDdl = R"(CREATE TABLE customer (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL DEFAULT '',
    nickname TEXT,
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'active'))
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    total NUMERIC DEFAULT 0,
    note TEXT DEFAULT NULL
);
CREATE INDEX orders_customer ON orders (customer_id);
INSERT INTO customer (email, nickname) VALUES ('a@example.org', 'ann');
)";

} // namespace

void TestSchemaEditor::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    QApplication::setOrganizationName(u"TidelineTests"_s);
    QApplication::setApplicationName(u"tst_schemaeditor"_s);
    QVERIFY(m_dir.isValid());
}

void TestSchemaEditor::click(QWidget *button)
{
    QVERIFY(button);
    // A button may wait for a check off the GUI thread (Export, for the files it would refuse).
    QVERIFY2(QTest::qWaitFor([button] { return button->isEnabled(); }, 20000), qPrintable(button->objectName()));
    QTest::mouseClick(button, Qt::LeftButton);
}

QString TestSchemaEditor::writeDdl(const QString &name)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(ShopDdl);
    return path;
}

bool TestSchemaEditor::readDdl(QDialog *dialog, const QString &path, const QString &dialect)
{
    auto *dialectBox = dialog->findChild<QComboBox *>(u"importDialect"_s);
    auto *pathEdit = dialog->findChild<QLineEdit *>(u"importPath"_s);
    if (!dialectBox || !pathEdit)
        return false;
    dialectBox->setCurrentIndex(dialectBox->findText(dialect));
    pathEdit->setFocus();
    pathEdit->selectAll();
    QTest::keyClicks(pathEdit, path);
    QSignalSpy read(qobject_cast<SchemaImportDialog *>(dialog), &SchemaImportDialog::readFinished);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"importRead"_s), Qt::LeftButton);
    return read.wait(30000) && read.first().first().toBool();
}

QString TestSchemaEditor::sqlite3(const QString &database, const QString &sql)
{
    QProcess process;
    process.start(u"sqlite3"_s, {u"-bail"_s, database});
    process.write(sql.toUtf8());
    process.closeWriteChannel();
    if (!process.waitForFinished(60000))
        return u"FAILED: sqlite3 did not finish"_s;
    const QString errors = QString::fromUtf8(process.readAllStandardError());
    if (process.exitCode() != 0 || !errors.isEmpty())
        return u"FAILED: "_s + errors;
    return QString::fromUtf8(process.readAllStandardOutput());
}

void TestSchemaEditor::newPlanFromDdlToAnAppliedBundle()
{
    if (QStandardPaths::findExecutable(u"sqlite3"_s).isEmpty())
        QSKIP("the sqlite3 tool is not installed (Debian package sqlite3)");
    const QString ddl = writeDdl(u"shop.sql"_s);
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QAction *>(u"newAction"_s)->trigger();
    QVERIFY(settled(window));

    // The empty state offers the schema; the import dialog reads the file and says what the
    // importer skipped (the INSERT) before anything changes.
    auto *empty = window.findChild<EmptyState *>();
    QVERIFY(empty->isVisible());
    QCOMPARE(window.findChild<QLabel *>(u"emptySchemaLabel"_s)->text(), u"Start from a schema:"_s);
    bool accepted = false;
    QString notes, summary;
    onNextDialog([&](QDialog *dialog) {
        QVERIFY(qobject_cast<SchemaImportDialog *>(dialog));
        QVERIFY(!dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        if (!readDdl(dialog, ddl, u"sqlite"_s)) {
            dialog->reject();
            return;
        }
        notes = dialog->findChild<QPlainTextEdit *>(u"importNotes"_s)->toPlainText();
        summary = dialog->findChild<QLabel *>(u"importSummary"_s)->text();
        // The plan is postgresql (the default): the dialog offers the file's dialect.
        QVERIFY(dialog->findChild<QCheckBox *>(u"importUseDialect"_s)->isChecked());
        QCOMPARE(window.plan().baseline.schema.tables.size(), 0); // nothing yet
        accepted = true;
        click(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok));
    });
    click(window.findChild<QPushButton *>(u"emptyImportDdl"_s));
    QVERIFY(accepted);
    QVERIFY2(summary.startsWith(u"Read 2 tables"_s), qPrintable(summary));
    QVERIFY2(notes.contains(u"INSERT"_s, Qt::CaseInsensitive), qPrintable(notes));
    QCOMPARE(window.plan().dialect, u"sqlite"_s);
    QCOMPARE(window.plan().baseline.schema.tables.keys(), (QStringList{u"customer"_s, u"orders"_s}));
    QCOMPARE(window.document()->undoStack()->count(), 1);
    QVERIFY(settled(window));

    // A release, then a refactoring on an imported table, through the wizard.
    onNextDialog([](QDialog *dialog) { dialog->accept(); });
    click(window.findChild<QPushButton *>(u"emptyAddRelease"_s));
    QCOMPARE(window.plan().releases.size(), 1);
    QVERIFY(settled(window));
    bool finished = false;
    onNextDialog([&](QDialog *dialog) {
        auto *wizard = qobject_cast<RefactoringWizard *>(dialog);
        QVERIFY(wizard);
        auto *kinds = wizard->findChild<QListWidget *>(u"kindList"_s);
        for (int i = 0; i < kinds->count(); ++i) {
            if (kinds->item(i)->data(Qt::UserRole).toString() == u"rename_column"_s)
                kinds->setCurrentRow(i);
        }
        click(wizard->button(QWizard::NextButton));
        auto *table = wizard->findChild<QWidget *>(u"param_table"_s)->findChild<QComboBox *>();
        QVERIFY(table->findText(u"orders"_s) >= 0); // the imported tables are offered
        table->setCurrentIndex(table->findText(u"customer"_s));
        auto *column = wizard->findChild<QWidget *>(u"param_column"_s)->findChild<QComboBox *>();
        QVERIFY(column->findText(u"nickname"_s) >= 0);
        column->setCurrentIndex(column->findText(u"nickname"_s));
        auto *to = wizard->findChild<QWidget *>(u"param_to"_s)->findChild<QLineEdit *>();
        to->setFocus();
        QTest::keyClicks(to, u"display_name"_s);
        click(wizard->button(QWizard::NextButton));
        finished = wizard->button(QWizard::FinishButton)->isEnabled();
        click(wizard->button(QWizard::FinishButton));
    });
    click(window.findChild<QPushButton *>(u"emptyNewRefactoring"_s));
    QVERIFY(finished);
    QCOMPARE(window.plan().refactorings.size(), 1);
    QVERIFY(settled(window));
    QVERIFY2(window.document()->engine(), "the plan with the refactoring runs");

    // The release's bundle, exported through File › Export Bundle straight into an existing
    // folder (a repository's migrations folder).
    const QString release = window.plan().releases.constFirst().id;
    const QString target = m_dir.filePath(u"bundle"_s);
    QVERIFY(QDir().mkpath(target));
    onNextDialog([&](QDialog *d) {
        auto *dialog = qobject_cast<ExportDialog *>(d);
        QVERIFY(dialog);
        WidgetDriver::retype(dialog->folderEdit(), QDir::toNativeSeparators(target));
        dialog->releases()->setCurrentIndex(dialog->releases()->findData(release));
        WidgetDriver::choose(dialog->dialects(), u"SQLite"_s);
        WidgetDriver::choose(dialog->layouts(), u"folders"_s);
        WidgetDriver::retype(dialog->subfolderEdit(), QString());
        click(dialog->findChild<QPushButton *>(u"exportButton"_s));
    });
    window.findChild<QAction *>(u"exportAction"_s)->trigger();
    auto *task = window.findChild<ExportTask *>();
    QVERIFY(task);
    QSignalSpy done(task, &ExportTask::finished);
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));

    // The expand scripts run with the real sqlite3 on a database made from the same DDL, and the
    // catalog read back has the new column and its sync trigger.
    const QString database = m_dir.filePath(u"shop.db"_s);
    QCOMPARE(sqlite3(database, QString::fromUtf8(ShopDdl)), QString());
    QStringList scripts;
    for (QDirIterator it(QDir(target).filePath(u"pre"_s), {u"*.sql"_s}, QDir::Files); it.hasNext();)
        scripts << it.next();
    scripts.sort();
    QVERIFY(!scripts.isEmpty());
    // Each file twice in a row, as verify runs them: a second run changes nothing.
    for (const QString &script : std::as_const(scripts)) {
        QFile file(script);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString sql = QString::fromUtf8(file.readAll());
        for (int run = 0; run < 2; ++run) {
            const QString output = sqlite3(database, sql);
            QVERIFY2(!output.startsWith(u"FAILED"_s), qPrintable(script + u": "_s + output));
        }
    }
    const QString columns = sqlite3(database, u"SELECT name FROM pragma_table_info('customer');"_s);
    QVERIFY2(columns.split(u'\n').contains(u"display_name"_s), qPrintable(columns));
    QVERIFY2(columns.split(u'\n').contains(u"nickname"_s), qPrintable(columns)); // until the contract
    // Rows the old app writes reach the new column: the expand's trigger, as the engine ran it.
    QCOMPARE(sqlite3(database, u"INSERT INTO customer (email, nickname) VALUES ('b@example.org', 'bob');"
                               "SELECT display_name FROM customer WHERE email = 'b@example.org';"_s),
             u"bob\n"_s);
    // The data and the foreign key from the DDL are still as they were.
    QCOMPARE(sqlite3(database, u"SELECT \"table\", on_delete FROM pragma_foreign_key_list('orders');"_s),
             u"customer|CASCADE\n"_s);
}

void TestSchemaEditor::importFromADatabaseThroughTheDialog()
{
    // A live database through the same dialog: a SQLite file made by the sqlite3 tool.
    if (QStandardPaths::findExecutable(u"sqlite3"_s).isEmpty())
        QSKIP("the sqlite3 tool is not installed (Debian package sqlite3)");
    const QString database = m_dir.filePath(u"live.db"_s);
    QCOMPARE(sqlite3(database, QString::fromUtf8(ShopDdl)), QString());
    MainWindow window;
    window.show();
    bool read = false;
    onNextDialog([&](QDialog *dialog) {
        auto *dsn = dialog->findChild<QLineEdit *>(u"importDsn"_s);
        QVERIFY(dsn->isEnabled()); // "Connect to Database…" chose the database source
        QVERIFY(!dialog->findChild<QLineEdit *>(u"importPath"_s)->isEnabled());
        dsn->setFocus();
        QTest::keyClicks(dsn, u"sqlite:"_s + database);
        QSignalSpy finished(qobject_cast<SchemaImportDialog *>(dialog), &SchemaImportDialog::readFinished);
        QTest::keyClick(dsn, Qt::Key_Return);
        read = finished.wait(30000) && finished.first().first().toBool();
        if (read)
            click(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok));
        else
            dialog->reject();
    });
    click(window.findChild<QPushButton *>(u"emptyConnectDatabase"_s));
    QVERIFY(read);
    QCOMPARE(window.plan().dialect, u"sqlite"_s);
    const Table *orders = window.plan().baseline.schema.table(u"orders"_s);
    QVERIFY(orders);
    QVERIFY(!orders->column(u"customer_id"_s)->nullable);
    QVERIFY(orders->column(u"note"_s)->nullable);
    // The empty state now offers to edit what came in.
    QCOMPARE(window.findChild<QLabel *>(u"emptySchemaLabel"_s)->text(), u"The baseline has 2 tables:"_s);
}

void TestSchemaEditor::importShowsErrorsAndKeepsThePlan()
{
    MainWindow window;
    window.show();
    const Plan before = window.plan();
    QString summary;
    bool okEnabled = true;
    onNextDialog([&](QDialog *dialog) {
        // A file that is not there, then a DSN with a password that cannot connect.
        readDdl(dialog, m_dir.filePath(u"missing.sql"_s), u"postgresql"_s);
        summary = dialog->findChild<QLabel *>(u"importSummary"_s)->text();
        dialog->findChild<QAbstractButton *>(u"importFromDatabase"_s)->click(); // as Alt+L does
        auto *dsn = dialog->findChild<QLineEdit *>(u"importDsn"_s);
        dsn->setFocus();
        QTest::keyClicks(dsn, u"postgresql://me@127.0.0.1:1/shop"_s);
        auto *password = dialog->findChild<QLineEdit *>(u"importPassword"_s);
        password->setFocus();
        QTest::keyClicks(password, u"Sup3rSecret"_s);
        QSignalSpy finished(qobject_cast<SchemaImportDialog *>(dialog), &SchemaImportDialog::readFinished);
        click(dialog->findChild<QPushButton *>(u"importRead"_s));
        QVERIFY(finished.wait(30000));
        summary += u'\n' + dialog->findChild<QLabel *>(u"importSummary"_s)->text();
        okEnabled = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled();
        dialog->reject();
    });
    QVERIFY(!window.importSchema());
    QVERIFY2(summary.contains(u"missing.sql: cannot read the file: no such file"_s), qPrintable(summary));
    QVERIFY2(summary.contains(u"Could not import: cannot open postgresql database \"shop\" on 127.0.0.1:1"_s),
             qPrintable(summary));
    QVERIFY2(!summary.contains(u"Sup3rSecret"_s), qPrintable(summary));
    QVERIFY(!okEnabled);
    QVERIFY(window.plan() == before);
}

void TestSchemaEditor::aDatabaseThatDoesNotAnswerCanBeCancelled()
{
    // A server that accepts the connection and never says a word: libpq waits for it.
    const QString python = QStandardPaths::findExecutable(u"python3"_s);
    if (python.isEmpty())
        QSKIP("python3 is not installed: no silent server to connect to");
    QProcess server;
    server.start(python, {u"-c"_s, u"import socket, sys, time\n"
                                   "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)\n"
                                   "print(s.getsockname()[1], flush=True)\n"
                                   "c, _ = s.accept(); time.sleep(60)\n"_s});
    QVERIFY(server.waitForReadyRead(10000));
    const QString port = QString::fromUtf8(server.readLine()).trimmed();
    MainWindow window;
    window.show();
    const Plan before = window.plan();
    QString summary;
    bool okEnabled = true;
    bool progressShown = false;
    onNextDialog([&](QDialog *dialog) {
        auto *import = qobject_cast<SchemaImportDialog *>(dialog);
        import->setSource(SchemaImportDialog::Source::Database);
        auto *dsn = dialog->findChild<QLineEdit *>(u"importDsn"_s);
        dsn->setFocus();
        QTest::keyClicks(dsn, u"postgresql://me@127.0.0.1:%1/shop"_s.arg(port));
        QSignalSpy finished(import, &SchemaImportDialog::readFinished);
        click(dialog->findChild<QPushButton *>(u"importRead"_s));
        // The progress shows once the read takes a while; its Cancel gives the dialog back.
        QProgressDialog *progress = nullptr;
        progressShown = QTest::qWaitFor([&] {
            progress = dialog->findChild<QProgressDialog *>(u"importProgress"_s);
            return progress && progress->isVisible();
        }, 8000);
        if (progressShown)
            click(progress->findChild<QPushButton *>());
        QVERIFY(finished.count() == 1 || finished.wait(5000));
        summary = dialog->findChild<QLabel *>(u"importSummary"_s)->text();
        okEnabled = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled();
        QVERIFY(dialog->findChild<QPushButton *>(u"importRead"_s)->isEnabled()); // ready for another try
        dialog->reject();
    });
    QVERIFY(!window.importSchema());
    server.kill();
    server.waitForFinished();
    QVERIFY(progressShown);
    QCOMPARE(summary, u"Cancelled. Nothing was imported."_s);
    QVERIFY(!okEnabled);
    QVERIFY(window.plan() == before);
}

void TestSchemaEditor::editorEditsAreUndoableAndRefusalsStay()
{
    MainWindow window;
    window.show();
    QVERIFY(settled(window));
    // Plan › Edit Baseline Schema on an empty plan; a table with its key, through the form.
    window.findChild<QAction *>(u"editSchemaAction"_s)->trigger();
    auto *editor = window.findChild<SchemaEditor *>();
    QVERIFY(editor);
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    onNextDialog([](QDialog *form) {
        auto *name = form->findChild<QLineEdit *>(u"tableName"_s);
        name->setFocus();
        QTest::keyClicks(name, u"author"_s);
        QVERIFY(form->findChild<QCheckBox *>(u"tablePrimaryKey"_s)->isChecked());
        form->accept();
    });
    click(editor->findChild<QPushButton *>(u"addTableButton"_s));
    QCOMPARE(editor->currentTable(), u"author"_s);
    QCOMPARE(window.plan().baseline.schema.table(u"author"_s)->primaryKey, QStringList{u"id"_s});

    // A column: NOT NULL with a default.
    onNextDialog([](QDialog *form) {
        auto *name = form->findChild<QLineEdit *>(u"columnName"_s);
        name->setFocus();
        QTest::keyClicks(name, u"name"_s);
        auto *type = form->findChild<QComboBox *>(u"columnType"_s);
        type->setCurrentText(u"text"_s);
        click(form->findChild<QCheckBox *>(u"columnNullable"_s)); // was allowed: now NOT NULL
        auto *defaultValue = form->findChild<QLineEdit *>(u"columnDefault"_s);
        defaultValue->setFocus();
        QTest::keyClicks(defaultValue, u"'anonymous'"_s);
        form->accept();
    });
    click(editor->findChild<QPushButton *>(u"addColumnButton"_s));
    const Column *name = window.plan().baseline.schema.table(u"author"_s)->column(u"name"_s);
    QVERIFY(name);
    QVERIFY(!name->nullable);
    QCOMPARE(name->defaultValue, u"'anonymous'"_s);
    auto *columns = editor->findChild<QTableWidget *>(u"schemaColumns"_s);
    QCOMPARE(columns->rowCount(), 2);
    QCOMPARE(columns->item(1, 2)->text(), u"NOT NULL"_s);

    // Deleting the key column is refused in plain words, and the message stays.
    columns->selectRow(0);
    click(editor->findChild<QPushButton *>(u"removeColumnButton"_s));
    QCOMPARE(editor->message(), u"Refused: column author.id cannot be deleted: it is in the primary key of author "
                                "(change the primary key first)"_s);
    QVERIFY(window.plan().baseline.schema.table(u"author"_s)->column(u"id"_s));
    QTest::qWait(0);
    QVERIFY(editor->findChild<QLabel *>(u"schemaMessage"_s)->isVisible());

    // Undo in the editor takes the column back out; the window's history names the edits.
    QCOMPARE(window.document()->undoStack()->undoText(), u"Add column author.name"_s);
    click(editor->findChild<QPushButton *>(u"schemaUndo"_s));
    QVERIFY(!window.plan().baseline.schema.table(u"author"_s)->column(u"name"_s));
    QCOMPARE(columns->rowCount(), 1);
    click(editor->findChild<QPushButton *>(u"schemaRedo"_s));
    QCOMPARE(columns->rowCount(), 2);

    // A second table whose foreign key, made in the form, references author's key.
    onNextDialog([](QDialog *form) {
        auto *name = form->findChild<QLineEdit *>(u"tableName"_s);
        name->setFocus();
        QTest::keyClicks(name, u"post"_s);
        form->accept();
    });
    click(editor->findChild<QPushButton *>(u"addTableButton"_s));
    onNextDialog([](QDialog *form) {
        auto *name = form->findChild<QLineEdit *>(u"columnName"_s);
        name->setFocus();
        QTest::keyClicks(name, u"author_id"_s);
        form->accept();
    });
    click(editor->findChild<QPushButton *>(u"addColumnButton"_s));
    QString offered;
    onNextDialog([&offered](QDialog *form) {
        auto *columns = form->findChild<QListWidget *>(u"keyColumns"_s);
        columns->findItems(u"author_id"_s, Qt::MatchExactly).constFirst()->setCheckState(Qt::Checked);
        WidgetDriver::choose(form->findChild<QComboBox *>(u"keyRefTable"_s), u"author"_s);
        auto *referenced = form->findChild<QListWidget *>(u"keyRefColumns"_s);
        for (int i = 0; i < referenced->count(); ++i) {
            if (referenced->item(i)->checkState() == Qt::Checked)
                offered += referenced->item(i)->text();
        }
        WidgetDriver::choose(form->findChild<QComboBox *>(u"keyOnDelete"_s), u"CASCADE"_s);
        form->accept();
    });
    click(editor->findChild<QPushButton *>(u"addForeignKeyButton"_s));
    QCOMPARE(offered, u"id"_s); // the referenced table's key, ticked
    QVERIFY2(editor->message().isEmpty(), qPrintable(editor->message()));
    const Constraint *fk = window.plan().baseline.schema.table(u"post"_s)->constraint(u"post_fkey"_s);
    QVERIFY(fk);
    QCOMPARE(fk->refTable, u"author"_s);
    QCOMPARE(fk->columns, QStringList{u"author_id"_s});
    QCOMPARE(fk->onDelete, u"CASCADE"_s);
    // Now author cannot go: the refusal names the key.
    editor->selectTable(u"author"_s);
    click(editor->findChild<QPushButton *>(u"removeTableButton"_s));
    QCOMPARE(editor->message(),
             u"Refused: table author cannot be deleted: foreign key post_fkey of table post references it"_s);

    // Saved and read back from the file: the table as edited.
    const QString path = m_dir.filePath(u"edited.tideline.json"_s);
    QString error;
    QVERIFY2(window.savePlan(path, &error), qPrintable(error));
    Plan reread;
    QList<PlanError> errors;
    QVERIFY(PlanFile::load(path, &reread, &errors));
    QCOMPARE(reread.baseline.schema.table(u"author"_s)->column(u"name"_s)->defaultValue, u"'anonymous'"_s);
    QCOMPARE(reread.baseline.schema.table(u"post"_s)->constraint(u"post_fkey"_s)->onDelete, u"CASCADE"_s);
    editor->close();
}

void TestSchemaEditor::shippedBaselineIsRefusedUntilReopened()
{
    // The example's r1 (2026.12) is deployed: it shipped on the baseline, which stays.
    const QString path = m_dir.filePath(u"shipped.tideline.json"_s);
    QVERIFY(QFile::copy(QStringLiteral(TIDELINE_EXAMPLES "/customer-full-name.tideline.json"), path));
    QFile(path).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(path));
    QVERIFY(settled(window));
    const Plan before = window.plan();
    SchemaEditor *editor = window.editBaselineSchema();
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    editor->selectTable(u"customer"_s);
    const auto addPhone = [&] {
        onNextDialog([](QDialog *form) {
            auto *name = form->findChild<QLineEdit *>(u"columnName"_s);
            name->setFocus();
            QTest::keyClicks(name, u"phone"_s);
            form->findChild<QComboBox *>(u"columnType"_s)->setCurrentText(u"text"_s);
            form->accept();
        });
        click(editor->findChild<QPushButton *>(u"addColumnButton"_s));
    };
    addPhone();
    QCOMPARE(editor->message(),
             u"Refused: The baseline schema is what “2026.12” shipped on, and “2026.12” is deployed: the "
             "baseline can’t change. Change the schema with a refactoring in a planned release instead. If "
             "“2026.12” has not really shipped, re-open it first (Release › Re-open Release)."_s);
    QVERIFY(window.plan() == before);
    QVERIFY(!window.document()->isModified());

    // Release › Re-open Release, with a reason: the same explicit, logged path as for steps.
    Selection selection;
    selection.kind = Selection::Kind::Release;
    selection.release = u"r1"_s;
    window.document()->setSelection(selection);
    onNextDialog([](QDialog *ask) {
        auto *input = qobject_cast<QInputDialog *>(ask);
        QVERIFY(input);
        input->setTextValue(u"the 2026.12 deploy was rolled back"_s);
        input->accept();
    });
    window.findChild<QAction *>(u"reopenReleaseAction"_s)->trigger();
    QCOMPARE(window.plan().release(u"r1"_s)->status, Release::Status::Planned);
    QCOMPARE(window.plan().history.constLast().why, u"the 2026.12 deploy was rolled back"_s);
    addPhone();
    QVERIFY2(editor->message().isEmpty(), qPrintable(editor->message()));
    QVERIFY(window.plan().baseline.schema.table(u"customer"_s)->column(u"phone"_s));

    // Saved and read back: the column, the re-open and its reason are in the file.
    QString error;
    QVERIFY2(window.savePlan(path, &error), qPrintable(error));
    Plan reread;
    QList<PlanError> errors;
    QVERIFY(PlanFile::load(path, &reread, &errors));
    QVERIFY(reread.baseline.schema.table(u"customer"_s)->column(u"phone"_s));
    QCOMPARE(reread.history.constLast().action, HistoryEntry::Action::Reopened);
    editor->close();
}

void TestSchemaEditor::wizardOffersTheTablesOfTheStartRelease()
{
    // r1 creates table invoice: a refactoring starting in r2 can work on it, one in r1 not yet.
    Plan plan;
    plan.dialect = u"sqlite"_s;
    for (const char *id : {"r1", "r2"}) {
        Release r;
        r.id = QString::fromLatin1(id);
        plan.releases << r;
    }
    QString error;
    const SchemaImport imported = [&] {
        writeDdl(u"wizard.sql"_s);
        return SchemaImport::fromFile(m_dir.filePath(u"wizard.sql"_s), u"sqlite"_s);
    }();
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    plan.baseline.schema = imported.schema;
    Refactoring create;
    create.id = u"create-invoice"_s;
    create.kind = u"create_table"_s;
    create.start = u"r1"_s;
    create.params = {{u"table"_s, u"invoice"_s},
                     {u"columns"_s, QJsonArray{QJsonObject{{u"name"_s, u"id"_s}, {u"type"_s, u"INTEGER"_s}}}}};
    plan.refactorings << create;
    QList<PlanError> errors;
    Engine engine(plan);
    QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));

    RefactoringWizard wizard(plan);
    wizard.setKind(u"add_column"_s);
    wizard.setStartRelease(u"r2"_s);
    wizard.show();
    click(wizard.button(QWizard::NextButton));
    auto *start = wizard.findChild<QComboBox *>(u"startRelease"_s);
    auto *table = wizard.findChild<QWidget *>(u"param_table"_s)->findChild<QComboBox *>();
    QCOMPARE(start->currentData().toString(), u"r2"_s);
    QVERIFY(table->findText(u"invoice"_s) >= 0);
    QVERIFY(table->findText(u"customer"_s) >= 0);
    start->setCurrentIndex(start->findData(u"r1"_s));
    QCOMPARE(table->findText(u"invoice"_s), -1);
    QVERIFY(table->findText(u"customer"_s) >= 0);
}

void TestSchemaEditor::screenshots_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QSize>("size");
    for (const QSize size : {QSize(1600, 1000), QSize(1280, 800)}) {
        QTest::addRow("%d light", size.width()) << false << size;
        QTest::addRow("%d dark", size.width()) << true << size;
    }
}

void TestSchemaEditor::screenshots()
{
    // Written only when asked: TIDELINE_SCREENSHOT_DIR=docs/screenshots.
    const QString directory = qEnvironmentVariable("TIDELINE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        QSKIP("TIDELINE_SCREENSHOT_DIR is not set");
    QFETCH(bool, dark);
    QFETCH(QSize, size);
    const QPalette original = QApplication::palette();
    Screenshots::usePalette(dark);
    const QString suffix = u"-%1%2"_s.arg(size.width()).arg(dark ? u"-dark.png"_s : u"-light.png"_s);
    QDir().mkpath(directory);

    MainWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(settled(window));
    QVERIFY(window.grab().save(QDir(directory).filePath(u"new-plan"_s + suffix)));

    const QString ddl = writeDdl(u"shot.sql"_s);
    onNextDialog([&](QDialog *dialog) {
        QVERIFY(readDdl(dialog, ddl, u"sqlite"_s));
        QCoreApplication::sendPostedEvents();
        // Over the window, at the size it opens with, as the user sees it.
        dialog->move(window.mapToGlobal(QPoint((window.width() - dialog->width()) / 2,
                                                (window.height() - dialog->height()) / 2)));
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(Screenshots::save(&window, dialog, u"import-schema-%1"_s.arg(size.width()), dark));
        click(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok));
    });
    QVERIFY(window.importSchema());
    QVERIFY(settled(window));
    SchemaEditor *editor = window.editBaselineSchema();
    editor->resize(size);
    editor->selectTable(u"orders"_s);
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    QVERIFY(editor->grab().save(QDir(directory).filePath(u"schema-editor"_s + suffix)));
    onNextDialog([&](QDialog *form) {
        QVERIFY(QTest::qWaitForWindowExposed(form));
        QVERIFY(form->grab().save(QDir(directory).filePath(u"foreign-key-form"_s + suffix)));
        form->reject();
    });
    click(editor->findChild<QPushButton *>(u"addForeignKeyButton"_s));
    editor->close();
    QApplication::setPalette(original);
}

QTEST_MAIN(TestSchemaEditor)
#include "tst_schemaeditor.moc"
