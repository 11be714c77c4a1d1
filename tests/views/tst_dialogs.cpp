// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <dialogs/policydialog.h>
#include <dialogs/releasedialog.h>
#include <dialogs/usagedialog.h>
#include <engine/engine.h>
#include <io/planfile.h>

#include "widgetdriver.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tideline;
using namespace Tideline::WidgetDriver;

class TestDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void newReleaseSuggestsIdAndDate();
    void newReleaseRefusesBadIds_data();
    void newReleaseRefusesBadIds();
    void editReleaseKeepsIdAndClearsDate();
    void cancellingAReleaseInUseIsBlocked();

    void usageStartsFromTheEngine();
    void usageEditIsADifference();
    void usageKeepsOtherEdits();
    void usageOfCancelledReleaseIsNotEditable();
    void usageOfAViewIsReadOnly();
    void usageReusesARunOfThePlan();

    void policyYieldsValues();
    void policyRefusesBadDurations_data();
    void policyRefusesBadDurations();
    void policyRestoresDefaults();

    void tabOrderFollowsTheForm();
    void grabDialogs();

private:
    static QPushButton *okButton(QDialog &dialog);
    static void show(QDialog &dialog);
    static QTableWidgetItem *usageCell(UsageDialog &dialog, const QString &column, int field);
    static void toggle(QTableWidget *table, QTableWidgetItem *item);

    Plan m_example;
};

void TestDialogs::initTestCase()
{
    QList<PlanError> errors;
    const QString path
        = QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath(u"customer-full-name.tideline.json"_s);
    QVERIFY2(PlanFile::load(path, &m_example, &errors), qPrintable(path));
}

QPushButton *TestDialogs::okButton(QDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

void TestDialogs::show(QDialog &dialog)
{
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
}

// ---------------------------------------------------------------------------------------------
// ReleaseDialog

void TestDialogs::newReleaseSuggestsIdAndDate()
{
    ReleaseDialog dialog(m_example);
    show(dialog);
    auto *id = dialog.findChild<QLineEdit *>(u"releaseId"_s);
    QCOMPARE(id->text(), u"r5"_s);
    QVERIFY(!id->isReadOnly());
    auto *noDate = dialog.findChild<QCheckBox *>(u"noDate"_s);
    QVERIFY(!noDate->isChecked()); // r4 has a date: four weeks later is suggested
    QCOMPARE(dialog.findChild<QDateEdit *>(u"releaseDate"_s)->date(), QDate(2027, 3, 30));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"releaseLabel"_s), u"2027.04"_s);
    QVERIFY(okButton(dialog)->isEnabled());
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    Release expected;
    expected.id = u"r5"_s;
    expected.label = u"2027.04"_s;
    expected.date = QDate(2027, 3, 30);
    QCOMPARE(dialog.release(), expected);
}

void TestDialogs::newReleaseRefusesBadIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("message");
    QTest::newRow("taken") << u"r2"_s << u"already called"_s;
    QTest::newRow("reserved") << u"baseline"_s << u"reserved"_s;
    QTest::newRow("empty") << QString() << u"needs an id"_s;
}

void TestDialogs::newReleaseRefusesBadIds()
{
    QFETCH(QString, id);
    QFETCH(QString, message);
    ReleaseDialog dialog(m_example, 1);
    show(dialog);
    retype(dialog.findChild<QLineEdit *>(u"releaseId"_s), id);
    auto *error = dialog.findChild<QLabel *>(u"error_id"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(message), qPrintable(error->text()));
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY(!dialog.isValid());
    retype(dialog.findChild<QLineEdit *>(u"releaseId"_s), u"hotfix-1"_s);
    QVERIFY(!error->isVisible());
    QVERIFY(okButton(dialog)->isEnabled());
}

void TestDialogs::editReleaseKeepsIdAndClearsDate()
{
    const Release r3 = *m_example.release(u"r3"_s);
    ReleaseDialog dialog(m_example, r3);
    show(dialog);
    QVERIFY(dialog.isEditing());
    auto *id = dialog.findChild<QLineEdit *>(u"releaseId"_s);
    QCOMPARE(id->text(), u"r3"_s);
    QVERIFY(id->isReadOnly());
    QCOMPARE(dialog.release(), r3);
    auto *noDate = dialog.findChild<QCheckBox *>(u"noDate"_s);
    QVERIFY(dialog.findChild<QDateEdit *>(u"releaseDate"_s)->isEnabled());
    noDate->setFocus();
    QTest::keyClick(noDate, Qt::Key_Space);
    QVERIFY(!dialog.findChild<QDateEdit *>(u"releaseDate"_s)->isEnabled());
    choose(dialog.findChild<QComboBox *>(u"releaseStatus"_s), u"Deployed"_s);
    retype(dialog.findChild<QLineEdit *>(u"releaseLabel"_s), u"Spring"_s);
    const Release result = dialog.release();
    QCOMPARE(result.id, u"r3"_s);
    QCOMPARE(result.label, u"Spring"_s);
    QVERIFY(!result.date.isValid());
    QCOMPARE(result.status, Release::Status::Deployed);
    QVERIFY(okButton(dialog)->isEnabled());
}

void TestDialogs::cancellingAReleaseInUseIsBlocked()
{
    // full-name-required starts in r2: r2 cannot be cancelled.
    ReleaseDialog dialog(m_example, *m_example.release(u"r2"_s));
    show(dialog);
    choose(dialog.findChild<QComboBox *>(u"releaseStatus"_s), u"Cancelled"_s);
    auto *error = dialog.findChild<QLabel *>(u"error_status"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"refactoring full-name-required starts in it"_s),
             qPrintable(error->text()));
    QVERIFY(!okButton(dialog)->isEnabled());
    // r3 holds nothing: cancelling it is fine.
    ReleaseDialog other(m_example, *m_example.release(u"r3"_s));
    show(other);
    choose(other.findChild<QComboBox *>(u"releaseStatus"_s), u"Cancelled"_s);
    QVERIFY(okButton(other)->isEnabled());
    QCOMPARE(other.release().status, Release::Status::Cancelled);
}

// ---------------------------------------------------------------------------------------------
// UsageDialog

QTableWidgetItem *TestDialogs::usageCell(UsageDialog &dialog, const QString &column, int field)
{
    auto *table = dialog.findChild<QTableWidget *>(u"usageColumns"_s);
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, UsageDialog::NameColumn)->text() == column)
            return table->item(row, field);
    }
    return nullptr;
}

void TestDialogs::toggle(QTableWidget *table, QTableWidgetItem *item)
{
    QVERIFY(item);
    table->setFocus();
    table->setCurrentItem(item);
    QTest::keyClick(table->viewport(), Qt::Key_Space);
}

void TestDialogs::usageStartsFromTheEngine()
{
    UsageDialog dialog(m_example, u"r2"_s);
    show(dialog);
    QVERIFY(dialog.isEditable());
    auto *relations = dialog.findChild<QListWidget *>(u"relations"_s);
    QCOMPARE(relations->count(), 1);
    QCOMPARE(relations->currentItem()->text(), u"customer"_s);
    // A_2 stopped using the old name columns (stop_old runs in r2) and uses full_name.
    QCOMPARE(usageCell(dialog, u"full_name"_s, UsageDialog::ReadsColumn)->checkState(), Qt::Checked);
    QCOMPARE(usageCell(dialog, u"first_name"_s, UsageDialog::ReadsColumn)->checkState(),
             Qt::Unchecked);
    QCOMPARE(usageCell(dialog, u"email"_s, UsageDialog::UpdatesColumn)->checkState(), Qt::Checked);
    // The identity column is read but never written.
    QCOMPARE(usageCell(dialog, u"id"_s, UsageDialog::ReadsColumn)->checkState(), Qt::Checked);
    QCOMPARE(usageCell(dialog, u"id"_s, UsageDialog::InsertsColumn)->checkState(), Qt::Unchecked);
    // Nothing changed: no edit.
    QCOMPARE(dialog.usage(), m_example.usage);
}

void TestDialogs::usageEditIsADifference()
{
    UsageDialog dialog(m_example, u"r2"_s);
    show(dialog);
    auto *table = dialog.findChild<QTableWidget *>(u"usageColumns"_s);
    QTableWidgetItem *readsEmail = usageCell(dialog, u"email"_s, UsageDialog::ReadsColumn);
    toggle(table, readsEmail);
    QCOMPARE(readsEmail->checkState(), Qt::Unchecked);
    QVERIFY(readsEmail->data(Qt::BackgroundRole).isValid()); // marked as a hand edit
    auto *status = dialog.findChild<QLabel *>(u"usageStatus"_s);
    QVERIFY2(status->text().contains(u"pass every required"_s), qPrintable(status->text()));
    // full-name-required makes full_name NOT NULL in P_3: versions that stop inserting it fail.
    QTableWidgetItem *insertsFullName = usageCell(dialog,
                                                  u"full_name"_s,
                                                  UsageDialog::InsertsColumn);
    toggle(table, insertsFullName);
    QTRY_VERIFY2(status->text().contains(u"fail"_s), qPrintable(status->text()));
    toggle(table, insertsFullName);
    QTRY_VERIFY2(status->text().contains(u"pass every required"_s), qPrintable(status->text()));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    const QList<UsageEdit> usage = dialog.usage();
    QCOMPARE(usage.size(), 1);
    QCOMPARE(usage.at(0).release, u"r2"_s);
    QCOMPARE(usage.at(0).table, u"customer"_s);
    QCOMPARE(usage.at(0).reads.remove, QStringList{u"email"_s});
    QVERIFY(usage.at(0).reads.add.isEmpty());
    QVERIFY(usage.at(0).inserts.isEmpty());
    QVERIFY(usage.at(0).updates.isEmpty());

    // The engine accepts it: A_2 and A_3 no longer read email.
    Plan plan = m_example;
    plan.usage = usage;
    Engine engine(plan);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    QVERIFY(!engine.apps().at(2).usage.tables.value(u"customer"_s).reads.contains(u"email"_s));
    QVERIFY(!engine.apps().at(3).usage.tables.value(u"customer"_s).reads.contains(u"email"_s));
    QVERIFY(engine.apps().at(1).usage.tables.value(u"customer"_s).reads.contains(u"email"_s));

    // Opened again, the dialog shows the edit; undoing it by hand removes the edit.
    UsageDialog again(plan, u"r2"_s);
    show(again);
    QTableWidgetItem *cell = usageCell(again, u"email"_s, UsageDialog::ReadsColumn);
    QCOMPARE(cell->checkState(), Qt::Unchecked);
    QVERIFY(cell->data(Qt::BackgroundRole).isValid());
    QVERIFY(again.findChild<QListWidget *>(u"relations"_s)->item(0)->font().bold());
    toggle(again.findChild<QTableWidget *>(u"usageColumns"_s), cell);
    QCOMPARE(cell->checkState(), Qt::Checked);
    QVERIFY(again.usage().isEmpty());
}

void TestDialogs::usageKeepsOtherEdits()
{
    Plan plan = m_example;
    UsageEdit r3;
    r3.release = u"r3"_s;
    r3.table = u"customer"_s;
    r3.updates.remove = {u"created_at"_s};
    UsageEdit r2;
    r2.release = u"r2"_s;
    r2.table = u"customer"_s;
    r2.inserts.remove = {u"email"_s};
    r2.honours.add = {u"not_null:email"_s};
    plan.usage = {r3, r2};

    UsageDialog dialog(plan, u"r2"_s);
    show(dialog);
    QCOMPARE(usageCell(dialog, u"email"_s, UsageDialog::InsertsColumn)->checkState(), Qt::Unchecked);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"resetRelation"_s), Qt::LeftButton);
    QCOMPARE(usageCell(dialog, u"email"_s, UsageDialog::InsertsColumn)->checkState(), Qt::Checked);
    toggle(dialog.findChild<QTableWidget *>(u"usageColumns"_s),
           usageCell(dialog, u"full_name"_s, UsageDialog::UpdatesColumn));

    const QList<UsageEdit> usage = dialog.usage();
    QCOMPARE(usage.size(), 2);
    QCOMPARE(usage.at(0), r3); // another release's edit, untouched
    UsageEdit expected;
    expected.release = u"r2"_s;
    expected.table = u"customer"_s;
    expected.updates.remove = {u"full_name"_s};
    expected.honours.add = {u"not_null:email"_s}; // not shown in the dialog: kept
    QCOMPARE(usage.at(1), expected);
}

void TestDialogs::usageOfCancelledReleaseIsNotEditable()
{
    Plan plan = m_example;
    plan.releases[2].status = Release::Status::Cancelled; // r3
    UsageDialog dialog(plan, u"r3"_s);
    show(dialog);
    QVERIFY(!dialog.isEditable());
    QVERIFY(dialog.findChild<QLabel *>(u"usageProblem"_s)->isVisible());
    QVERIFY(!okButton(dialog)->isEnabled());
    QCOMPARE(dialog.usage(), plan.usage);
}

void TestDialogs::usageReusesARunOfThePlan()
{
    Engine engine(m_example);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    UsageDialog dialog(m_example, u"r2"_s, nullptr, &engine);
    show(dialog);
    QVERIFY(dialog.isEditable());
    QCOMPARE(usageCell(dialog, u"full_name"_s, UsageDialog::ReadsColumn)->checkState(), Qt::Checked);
    QCOMPARE(usageCell(dialog, u"first_name"_s, UsageDialog::ReadsColumn)->checkState(),
             Qt::Unchecked);
    auto *status = dialog.findChild<QLabel *>(u"usageStatus"_s);
    QVERIFY2(status->text().contains(u"pass every required"_s), qPrintable(status->text()));
    toggle(dialog.findChild<QTableWidget *>(u"usageColumns"_s),
           usageCell(dialog, u"email"_s, UsageDialog::ReadsColumn));
    QCOMPARE(dialog.usage().size(), 1);

    // With an edit of its own the release needs a run without it: the result is the same.
    Plan plan = m_example;
    plan.usage = dialog.usage();
    Engine edited(plan);
    QVERIFY(edited.run(&errors));
    UsageDialog again(plan, u"r2"_s, nullptr, &edited);
    show(again);
    QTableWidgetItem *cell = usageCell(again, u"email"_s, UsageDialog::ReadsColumn);
    QCOMPARE(cell->checkState(), Qt::Unchecked);
    QVERIFY(cell->data(Qt::BackgroundRole).isValid());
}

void TestDialogs::usageOfAViewIsReadOnly()
{
    Plan plan = m_example;
    View view;
    view.name = u"customer_emails"_s;
    view.columns = {u"id"_s, u"email"_s};
    plan.baseline.schema.views.insert(view.name, view);
    UsageDialog dialog(plan, u"r2"_s);
    show(dialog);
    auto *relations = dialog.findChild<QListWidget *>(u"relations"_s);
    QCOMPARE(relations->count(), 2);
    dialog.showRelation(view.name);
    QCOMPARE(relations->currentItem()->text(), view.name);
    QTableWidgetItem *reads = usageCell(dialog, u"email"_s, UsageDialog::ReadsColumn);
    QCOMPARE(reads->checkState(), Qt::Checked);
    QVERIFY(reads->flags() & Qt::ItemIsEnabled);
    QVERIFY(
        !(usageCell(dialog, u"email"_s, UsageDialog::InsertsColumn)->flags() & Qt::ItemIsEnabled));
    toggle(dialog.findChild<QTableWidget *>(u"usageColumns"_s), reads);
    const QList<UsageEdit> usage = dialog.usage();
    QCOMPARE(usage.size(), 1);
    QCOMPARE(usage.at(0).table, view.name);
    QCOMPARE(usage.at(0).reads.remove, QStringList{u"email"_s});
}

// ---------------------------------------------------------------------------------------------
// PolicyDialog

void TestDialogs::policyYieldsValues()
{
    PolicyDialog dialog(m_example);
    show(dialog);
    QCOMPARE(dialog.policy(), m_example.policy);
    QCOMPARE(dialog.dialect(), u"postgresql"_s);

    auto *rollback = dialog.findChild<QCheckBox *>(u"rollbackSafe"_s);
    rollback->setFocus();
    QTest::keyClick(rollback, Qt::Key_Space);
    auto *batch = dialog.findChild<QSpinBox *>(u"backfillBatch"_s);
    batch->setFocus();
    batch->selectAll();
    QTest::keyClicks(batch, u"2500"_s);
    retype(dialog.findChild<QLineEdit *>(u"lockTimeout"_s), u"500ms"_s);
    retype(dialog.findChild<QLineEdit *>(u"statementTimeout"_s), u"2min"_s);
    choose(dialog.findChild<QComboBox *>(u"dialect"_s), u"SQLite"_s);
    QVERIFY(okButton(dialog)->isEnabled());
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    Policy expected;
    expected.rollbackSafe = false;
    expected.backfillBatch = 2500;
    expected.lockTimeout = u"500ms"_s;
    expected.statementTimeout = u"2min"_s;
    QCOMPARE(dialog.policy(), expected);
    QCOMPARE(dialog.dialect(), u"sqlite"_s);
    QVERIFY(Plan::dialects().contains(dialog.dialect()));
}

void TestDialogs::policyRefusesBadDurations_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::newRow("lock: no unit") << u"lockTimeout"_s << u"5"_s;
    QTest::newRow("lock: zero") << u"lockTimeout"_s << u"0s"_s;
    QTest::newRow("lock: empty") << u"lockTimeout"_s << QString();
    QTest::newRow("statement: hours") << u"statementTimeout"_s << u"1h"_s;
    QTest::newRow("statement: words") << u"statementTimeout"_s << u"five seconds"_s;
}

void TestDialogs::policyRefusesBadDurations()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    PolicyDialog dialog(m_example);
    show(dialog);
    retype(dialog.findChild<QLineEdit *>(field), value);
    auto *error = dialog.findChild<QLabel *>(u"error_"_s + field);
    QVERIFY(error->isVisible());
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY(!dialog.isValid());
    retype(dialog.findChild<QLineEdit *>(field), u"3s"_s);
    QVERIFY(!error->isVisible());
    QVERIFY(okButton(dialog)->isEnabled());
}

void TestDialogs::policyRestoresDefaults()
{
    Plan plan = m_example;
    plan.policy.rollbackSafe = false;
    plan.policy.backfillBatch = 50;
    plan.policy.lockTimeout = u"9s"_s;
    PolicyDialog dialog(plan);
    show(dialog);
    QCOMPARE(dialog.policy(), plan.policy);
    auto *box = dialog.findChild<QDialogButtonBox *>();
    QTest::mouseClick(box->button(QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
    QCOMPARE(dialog.policy(), Policy());
}

void TestDialogs::tabOrderFollowsTheForm()
{
    // Tab walks the fields top to bottom, as they are laid out.
    const auto walk = [](QDialog &dialog, const QStringList &names) {
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *first = dialog.findChild<QWidget *>(names.constFirst());
        first->setFocus();
        QCOMPARE(QApplication::focusWidget(), first);
        for (const QString &name : names.mid(1)) {
            // A date edit takes Tab to step through its sections first.
            QWidget *before = QApplication::focusWidget();
            for (int i = 0; i < 4 && QApplication::focusWidget() == before; ++i)
                QTest::keyClick(before, Qt::Key_Tab);
            QWidget *focus = QApplication::focusWidget();
            auto *expected = dialog.findChild<QWidget *>(name);
            QVERIFY2(focus == expected || expected->isAncestorOf(focus),
                     qPrintable(name + u" expected, focus on "_s + focus->objectName()));
        }
    };
    ReleaseDialog release(m_example);
    show(release);
    walk(release,
         {u"releaseId"_s, u"releaseLabel"_s, u"releaseDate"_s, u"noDate"_s, u"releaseStatus"_s});
    PolicyDialog policy(m_example);
    show(policy);
    walk(policy,
         {u"rollbackSafe"_s,
          u"dialect"_s,
          u"backfillBatch"_s,
          u"lockTimeout"_s,
          u"statementTimeout"_s});
}

void TestDialogs::grabDialogs()
{
    ReleaseDialog release(m_example, *m_example.release(u"r2"_s));
    show(release);
    choose(release.findChild<QComboBox *>(u"releaseStatus"_s), u"Cancelled"_s);
    QCoreApplication::processEvents();
    QVERIFY(release.grab().save(u"/tmp/tideline-release-dialog.png"_s));

    UsageDialog usage(m_example, u"r2"_s);
    show(usage);
    toggle(usage.findChild<QTableWidget *>(u"usageColumns"_s),
           usageCell(usage, u"email"_s, UsageDialog::ReadsColumn));
    QVERIFY(usage.grab().save(u"/tmp/tideline-usage-dialog.png"_s));

    PolicyDialog policy(m_example);
    show(policy);
    retype(policy.findChild<QLineEdit *>(u"lockTimeout"_s), u"1 second"_s);
    QCoreApplication::processEvents(); // let the dialog grow for the message
    QVERIFY(policy.grab().save(u"/tmp/tideline-policy-dialog.png"_s));
}

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
