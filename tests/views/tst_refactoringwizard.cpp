// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <dialogs/refactoringwizard.h>
#include <dialogs/stepdiagram.h>
#include <engine/engine.h>
#include <io/planfile.h>

#include "widgetdriver.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Tideline;

class TestRefactoringWizard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void kindPageShowsEveryKindWithItsSteps();
    void addsRenameColumnFromTheSchema();
    void mergePicksColumnsFromCheckableList();
    void invalidNameShowsInlineMessageAndBlocksNext();
    void duplicateIdIsRefused();
    void startReleaseChangesTheSchemaOffered();
    void previewShowsIntroducedCompatibilityFailure();
    void splitColumnTakesNewColumnsFromATable();
    void moveColumnsRenamesChosenColumns();
    void presetKindAndStart();
    void reusesARunOfThePlan();
    void noPlannedReleaseBlocksTheStart();
    void editModePreloadsAndKeepsId();
    void editModeChangesParameter();
    void editModeChangingKindDropsMoves();
    void tabOrderFollowsTheForm();
    void grabPages();

private:
    static void selectKind(RefactoringWizard &wizard, const QString &kind);
    /** Shows @p wizard, picks @p kind and goes on to the parameters. */
    static void showParameters(RefactoringWizard &wizard, const QString &kind);
    static void next(RefactoringWizard &wizard);
    static QComboBox *combo(QWidget &wizard, const QString &param);
    static QLabel *errorLabel(QWidget &wizard, const QString &param);
    static QLineEdit *lineEdit(QWidget &wizard, const QString &param);
    static bool accepted(const Plan &plan, const Refactoring &r);
    static void typeIntoCell(QTableWidget *table, int row, int column, const QString &text);
    static Plan postsExample();

    Plan m_example;
};

void TestRefactoringWizard::initTestCase()
{
    QList<PlanError> errors;
    const QString path
        = QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath(u"customer-full-name.tideline.json"_s);
    QVERIFY2(PlanFile::load(path, &m_example, &errors), qPrintable(path));
    QCOMPARE(m_example.refactorings.size(), 2);
}

void TestRefactoringWizard::selectKind(RefactoringWizard &wizard, const QString &kind)
{
    auto *list = wizard.findChild<QListWidget *>(u"kindList"_s);
    QVERIFY(list);
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Qt::UserRole).toString() == kind) {
            // Click the row as a user would.
            list->scrollToItem(list->item(i));
            QTest::mouseClick(list->viewport(),
                              Qt::LeftButton,
                              {},
                              list->visualItemRect(list->item(i)).center());
            QCOMPARE(list->currentRow(), i);
            return;
        }
    }
    QFAIL(qPrintable(u"no kind "_s + kind));
}

void TestRefactoringWizard::showParameters(RefactoringWizard &wizard, const QString &kind)
{
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    selectKind(wizard, kind);
    if (QTest::currentTestFailed())
        return;
    next(wizard);
    QCOMPARE(wizard.currentId(), int(RefactoringWizard::ParametersPageId));
}

void TestRefactoringWizard::next(RefactoringWizard &wizard)
{
    QAbstractButton *button = wizard.button(QWizard::NextButton);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

QComboBox *TestRefactoringWizard::combo(QWidget &wizard, const QString &param)
{
    auto *editor = wizard.findChild<QWidget *>(u"param_"_s + param);
    return editor ? editor->findChild<QComboBox *>() : nullptr;
}

QLineEdit *TestRefactoringWizard::lineEdit(QWidget &wizard, const QString &param)
{
    auto *editor = wizard.findChild<QWidget *>(u"param_"_s + param);
    return editor ? editor->findChild<QLineEdit *>() : nullptr;
}

QLabel *TestRefactoringWizard::errorLabel(QWidget &wizard, const QString &param)
{
    return wizard.findChild<QLabel *>(u"error_"_s + param);
}

bool TestRefactoringWizard::accepted(const Plan &plan, const Refactoring &r)
{
    Plan p = plan;
    p.refactorings.append(r);
    QList<PlanError> errors;
    Engine engine(p);
    const bool ok = PlanValidator::validate(p, {}, &errors) && engine.run(&errors);
    for (const PlanError &e : std::as_const(errors))
        qWarning() << e.toString();
    return ok;
}

void TestRefactoringWizard::kindPageShowsEveryKindWithItsSteps()
{
    RefactoringWizard wizard(m_example);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    auto *list = wizard.findChild<QListWidget *>(u"kindList"_s);
    QCOMPARE(list->count(), Catalog::kinds().size());
    selectKind(wizard, u"rename_column"_s);
    auto *diagram = wizard.findChild<StepDiagram *>(u"stepDiagram"_s);
    QVERIFY(diagram);
    QCOMPARE(diagram->kind(), Catalog::kind(u"rename_column"_s));
    const QList<QLabel *> labels = wizard.currentPage()->findChildren<QLabel *>();
    const bool summaryShown = std::any_of(labels.cbegin(), labels.cend(), [](QLabel *l) {
        return l->text() == Catalog::kind(u"rename_column"_s)->summary && l->isVisible();
    });
    QVERIFY(summaryShown);
    QVERIFY(!wizard.button(QWizard::FinishButton)->isVisible()
            || !wizard.button(QWizard::FinishButton)->isEnabled());
}

void TestRefactoringWizard::addsRenameColumnFromTheSchema()
{
    RefactoringWizard wizard(m_example);
    showParameters(wizard, u"rename_column"_s);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(wizard.currentId(), int(RefactoringWizard::ParametersPageId));

    auto *start = wizard.findChild<QComboBox *>(u"startRelease"_s);
    // r1 is deployed: only planned releases can start a refactoring.
    QCOMPARE(start->count(), 3);
    QCOMPARE(start->itemData(0).toString(), u"r2"_s);
    WidgetDriver::choose(start, start->itemText(1)); // r3

    QComboBox *table = combo(wizard, u"table"_s);
    QCOMPARE(table->currentText(), u"customer"_s);
    QComboBox *column = combo(wizard, u"column"_s);
    QVERIFY(column);
    // S_2 still has the old name columns (their contract is in r4) and the merged column.
    QVERIFY(column->findText(u"first_name"_s) >= 0);
    QVERIFY(column->findText(u"full_name"_s) >= 0);
    WidgetDriver::choose(column, u"email"_s);
    QLineEdit *to = lineEdit(wizard, u"to"_s);
    QVERIFY(to);
    // "to" is still open: not an error yet, but Next waits for it.
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QVERIFY(!errorLabel(wizard, u"to"_s)->isVisible());
    auto *needed = wizard.findChild<QLabel *>(u"neededHint"_s);
    QVERIFY(needed->isVisible());
    QCOMPARE(needed->text(), u"Still needed: To."_s);
    to->setFocus();
    QTest::keyClicks(to, u"email_address"_s);
    QVERIFY(!errorLabel(wizard, u"to"_s)->isVisible());
    QVERIFY(!needed->isVisible());

    auto *id = wizard.findChild<QLineEdit *>(u"refactoringId"_s);
    QCOMPARE(id->text(), u"rename-column-customer"_s);
    next(wizard);
    QCOMPARE(wizard.currentId(), int(RefactoringWizard::PreviewPageId));

    auto *steps = wizard.findChild<QTreeWidget *>(u"previewSteps"_s);
    const KindSpec *spec = Catalog::kind(u"rename_column"_s);
    // email is nullable: no constraint step.
    QCOMPARE(steps->topLevelItemCount(), spec->steps.size() - 1);
    QStringList names;
    for (int i = 0; i < steps->topLevelItemCount(); ++i)
        names << steps->topLevelItem(i)->text(2);
    QVERIFY(names.contains(u"expand"_s));
    QVERIFY(names.contains(u"contract"_s));
    QVERIFY(!names.contains(u"constraint"_s));
    // The contract runs three releases after r3: beyond the plan's last release.
    for (int i = 0; i < steps->topLevelItemCount(); ++i) {
        if (steps->topLevelItem(i)->text(2) == u"expand"_s)
            QVERIFY2(steps->topLevelItem(i)->text(0).contains(u"r3"_s),
                     qPrintable(steps->topLevelItem(i)->text(0)));
    }

    QAbstractButton *finish = wizard.button(QWizard::FinishButton);
    QVERIFY(finish->isVisible());
    QVERIFY(finish->isEnabled());
    QTest::mouseClick(finish, Qt::LeftButton);
    QCOMPARE(wizard.result(), int(QDialog::Accepted));

    const Refactoring r = wizard.refactoring();
    QCOMPARE(r.id, u"rename-column-customer"_s);
    QCOMPARE(r.kind, u"rename_column"_s);
    QCOMPARE(r.start, u"r3"_s);
    QJsonObject params{{u"table"_s, u"customer"_s},
                       {u"column"_s, u"email"_s},
                       {u"to"_s, u"email_address"_s}};
    QCOMPARE(r.params, params);
    QVERIFY(r.moves.isEmpty());
    QVERIFY(accepted(m_example, r));
}

void TestRefactoringWizard::mergePicksColumnsFromCheckableList()
{
    Plan plan = m_example;
    plan.refactorings.clear();
    RefactoringWizard wizard(plan);
    showParameters(wizard, u"merge_columns"_s);
    if (QTest::currentTestFailed())
        return;
    auto *columns = wizard.findChild<QWidget *>(u"param_columns"_s)->findChild<QListWidget *>();
    QVERIFY(columns);
    QStringList offered;
    for (int i = 0; i < columns->count(); ++i)
        offered << columns->item(i)->text();
    QCOMPARE(offered,
             QStringList({u"id"_s, u"first_name"_s, u"last_name"_s, u"email"_s, u"created_at"_s}));
    for (int row : {1, 2}) {
        QListWidgetItem *item = columns->item(row);
        const QRect rect = columns->visualItemRect(item);
        // Space toggles the check box of the current row.
        columns->setCurrentItem(item);
        columns->setFocus();
        QTest::keyClick(columns->viewport(), Qt::Key_Space);
        if (item->checkState() != Qt::Checked) // styles differ: fall back to the check box
            QTest::mouseClick(columns->viewport(),
                              Qt::LeftButton,
                              {},
                              QPoint(rect.left() + 10, rect.center().y()));
        QCOMPARE(item->checkState(), Qt::Checked);
    }
    QTest::keyClicks(lineEdit(wizard, u"into"_s), u"display_name"_s);
    auto *type = combo(wizard, u"type"_s);
    QVERIFY(type->isEditable());
    QVERIFY(type->findText(u"varchar(100)"_s) >= 0); // used by the schema
    QVERIFY(type->findText(u"text"_s) >= 0);         // common PostgreSQL type
    WidgetDriver::choose(type, u"text"_s);
    QTest::keyClicks(lineEdit(wizard, u"expression"_s), u"first_name || ' ' || last_name"_s);
    next(wizard);
    QCOMPARE(wizard.currentId(), int(RefactoringWizard::PreviewPageId));
    QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);

    const Refactoring r = wizard.refactoring();
    QCOMPARE(r.params.value(u"columns"_s).toArray(), QJsonArray({u"first_name"_s, u"last_name"_s}));
    QCOMPARE(r.params.value(u"type"_s).toString(), u"text"_s);
    QCOMPARE(r.id, u"merge-columns-customer"_s);
    QCOMPARE(r.start, u"r2"_s);
    QVERIFY(accepted(plan, r));
}

void TestRefactoringWizard::invalidNameShowsInlineMessageAndBlocksNext()
{
    RefactoringWizard wizard(m_example);
    showParameters(wizard, u"add_column"_s);
    if (QTest::currentTestFailed())
        return;
    QTest::keyClicks(lineEdit(wizard, u"column"_s), u"email"_s); // exists already
    QTest::keyClicks(combo(wizard, u"type"_s)->lineEdit(), u"text"_s);
    QLabel *error = errorLabel(wizard, u"column"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"already exists"_s), qPrintable(error->text()));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

    // A NOT NULL column without a default needs a backfill: the message sits on "backfill".
    QLineEdit *column = lineEdit(wizard, u"column"_s);
    column->selectAll();
    QTest::keyClicks(column, u"phone"_s);
    QVERIFY(!error->isVisible());
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    auto *nullable
        = wizard.findChild<QWidget *>(u"param_nullable"_s)->findChild<QAbstractButton *>();
    nullable->setFocus();
    QTest::keyClick(nullable, Qt::Key_Space);
    QVERIFY(!nullable->isChecked());
    QVERIFY(errorLabel(wizard, u"backfill"_s)->isVisible());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QTest::keyClicks(lineEdit(wizard, u"backfill"_s), u"''"_s);
    QVERIFY(!errorLabel(wizard, u"backfill"_s)->isVisible());
    next(wizard);
    QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);
    const Refactoring r = wizard.refactoring();
    QCOMPARE(r.params.value(u"nullable"_s), QJsonValue(false));
    QCOMPARE(r.params.value(u"backfill"_s).toString(), u"''"_s);
    QVERIFY(accepted(m_example, r));
}

void TestRefactoringWizard::duplicateIdIsRefused()
{
    RefactoringWizard wizard(m_example);
    showParameters(wizard, u"drop_column"_s);
    if (QTest::currentTestFailed())
        return;
    WidgetDriver::choose(combo(wizard, u"column"_s), u"email"_s);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    auto *id = wizard.findChild<QLineEdit *>(u"refactoringId"_s);
    id->selectAll();
    QTest::keyClicks(id, u"full-name"_s);
    QVERIFY(errorLabel(wizard, u"id"_s)->isVisible());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QTest::keyClicks(id, u"-2"_s);
    QVERIFY(!errorLabel(wizard, u"id"_s)->isVisible());
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
}

void TestRefactoringWizard::startReleaseChangesTheSchemaOffered()
{
    RefactoringWizard wizard(m_example);
    showParameters(wizard, u"drop_column"_s);
    if (QTest::currentTestFailed())
        return;
    auto *start = wizard.findChild<QComboBox *>(u"startRelease"_s);
    QComboBox *column = combo(wizard, u"column"_s);
    // S_1: full_name exists, first_name too.
    QCOMPARE(start->currentData().toString(), u"r2"_s);
    QVERIFY(column->findText(u"first_name"_s) >= 0);
    // S_3 (before r4) still has first_name; the contract that drops it runs in r4's post.
    WidgetDriver::choose(start, start->itemText(2));
    QCOMPARE(start->currentData().toString(), u"r4"_s);
    QVERIFY(column->findText(u"full_name"_s) >= 0);
}

void TestRefactoringWizard::previewShowsIntroducedCompatibilityFailure()
{
    // A hand edit says A_3 reads customer.email. Dropping email from r2 on contracts it in r3's
    // post scripts, under A_3: the preview names the failure, and the wizard still lets the
    // user add the refactoring (to fix the schedule on the timeline).
    Plan plan = m_example;
    UsageEdit edit;
    edit.release = u"r3"_s;
    edit.table = u"customer"_s;
    edit.reads.add = {u"email"_s};
    plan.usage = {edit};
    RefactoringWizard wizard(plan);
    showParameters(wizard, u"drop_column"_s);
    if (QTest::currentTestFailed())
        return;
    WidgetDriver::choose(combo(wizard, u"column"_s), u"email"_s);
    next(wizard);
    auto *failures = wizard.findChild<QTreeWidget *>(u"previewFailures"_s);
    QVERIFY(failures->isVisible());
    QVERIFY(failures->topLevelItemCount() >= 1);
    // Failures come before warnings.
    const QTreeWidgetItem *first = failures->topLevelItem(0);
    QVERIFY2(first->text(0).startsWith(u"A_3 (r3) on S_3"_s), qPrintable(first->text(0)));
    QVERIFY2(first->text(1).contains(u"email"_s), qPrintable(first->text(1)));
    auto *summary = wizard.findChild<QLabel *>(u"previewSummary"_s);
    QVERIFY2(summary->text().contains(u"fail"_s), qPrintable(summary->text()));
    QVERIFY(wizard.button(QWizard::FinishButton)->isEnabled());

    // Without the hand edit nothing fails and the list is hidden.
    RefactoringWizard clean(m_example);
    showParameters(clean, u"drop_column"_s);
    if (QTest::currentTestFailed())
        return;
    WidgetDriver::choose(combo(clean, u"column"_s), u"email"_s);
    next(clean);
    auto *none = clean.findChild<QTreeWidget *>(u"previewFailures"_s);
    QCOMPARE(none->topLevelItemCount(), 0);
    QVERIFY(!none->isVisible());
}

void TestRefactoringWizard::typeIntoCell(QTableWidget *table,
                                         int row,
                                         int column,
                                         const QString &text)
{
    QVERIFY(QTest::qWaitForWindowActive(table->window()));
    table->setFocus();
    table->setCurrentCell(row, column);
    QTest::keyClick(table->viewport(), Qt::Key_F2); // open the cell's editor
    QWidget *editor = QApplication::focusWidget();
    QVERIFY(editor && table->viewport()->isAncestorOf(editor));
    auto *combo = qobject_cast<QComboBox *>(editor); // the type column offers common types
    QLineEdit *line = combo ? combo->lineEdit() : qobject_cast<QLineEdit *>(editor);
    QVERIFY(line);
    line->selectAll();
    QTest::keyClicks(line, text);
    // Tab commits at once (Return commits through a queued call) and moves on.
    QTest::keyClick(editor, Qt::Key_Tab);
    QCOMPARE(table->item(row, column)->text(), text);
}

Plan TestRefactoringWizard::postsExample()
{
    Plan plan;
    QList<PlanError> errors;
    const QString path
        = QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath(u"posts-authors.tideline.json"_s);
    if (!PlanFile::load(path, &plan, &errors))
        qWarning() << "cannot load" << path;
    return plan;
}

void TestRefactoringWizard::splitColumnTakesNewColumnsFromATable()
{
    Plan plan = m_example;
    plan.refactorings.clear();
    RefactoringWizard wizard(plan);
    showParameters(wizard, u"split_column"_s);
    if (QTest::currentTestFailed())
        return;
    WidgetDriver::choose(combo(wizard, u"column"_s), u"email"_s);
    QWidget *into = wizard.findChild<QWidget *>(u"param_into"_s);
    auto *table = into->findChild<QTableWidget *>();
    QVERIFY(table);
    // No parts yet: still open, and Next waits.
    QCOMPARE(wizard.findChild<QLabel *>(u"neededHint"_s)->text(), u"Still needed: Into."_s);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    auto *add = into->findChild<QAbstractButton *>(u"addPart"_s);
    const QList<QStringList> parts{{u"email_user"_s,
                                    u"varchar(100)"_s,
                                    u"split_part(email, '@', 1)"_s},
                                   {u"email_domain"_s, u"text"_s, u"split_part(email, '@', 2)"_s}};
    for (int row = 0; row < parts.size(); ++row) {
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(table->rowCount(), row + 1);
        for (int column = 0; column < 3; ++column)
            typeIntoCell(table, row, column, parts.at(row).at(column));
    }
    QVERIFY(!errorLabel(wizard, u"into"_s)->isVisible());
    next(wizard);
    QCOMPARE(wizard.currentId(), int(RefactoringWizard::PreviewPageId));
    QVERIFY(wizard.grab().save(u"/tmp/tideline-wizard-split-preview.png"_s));
    QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);

    const Refactoring r = wizard.refactoring();
    QJsonArray expected;
    for (const QStringList &part : parts)
        expected.append(QJsonObject{{u"name"_s, part.at(0)},
                                    {u"type"_s, part.at(1)},
                                    {u"expression"_s, part.at(2)}});
    QCOMPARE(r.params.value(u"into"_s).toArray(), expected);
    QCOMPARE(r.id, u"split-column-customer"_s);
    QVERIFY(accepted(plan, r));
}

void TestRefactoringWizard::moveColumnsRenamesChosenColumns()
{
    const Plan posts = postsExample();
    QCOMPARE(posts.refactorings.size(), 1);
    Plan plan = posts;
    plan.refactorings.clear();
    RefactoringWizard wizard(plan);
    showParameters(wizard, u"move_columns"_s);
    if (QTest::currentTestFailed())
        return;
    auto *columns = wizard.findChild<QWidget *>(u"param_columns"_s)->findChild<QListWidget *>();
    auto *rename = wizard.findChild<QWidget *>(u"param_rename"_s)->findChild<QTableWidget *>();
    QCOMPARE(rename->rowCount(), 0); // no column chosen yet
    for (const QString &name : {u"author_name"_s, u"author_email"_s}) {
        QListWidgetItem *item = columns->findItems(name, Qt::MatchExactly).value(0);
        QVERIFY(item);
        columns->setFocus();
        columns->setCurrentItem(item);
        QTest::keyClick(columns->viewport(), Qt::Key_Space);
        QCOMPARE(item->checkState(), Qt::Checked);
    }
    // One row per moved column, to give it a new name in the new table.
    QCOMPARE(rename->rowCount(), 2);
    QCOMPARE(rename->item(0, 0)->text(), u"author_name"_s);
    typeIntoCell(rename, 0, 1, u"name"_s);
    typeIntoCell(rename, 1, 1, u"email"_s);
    QTest::keyClicks(lineEdit(wizard, u"toTable"_s), u"authors"_s);
    QTest::keyClicks(lineEdit(wizard, u"key"_s), u"author_id"_s);
    auto *id = wizard.findChild<QLineEdit *>(u"refactoringId"_s);
    WidgetDriver::retype(id, u"authors"_s);
    QVERIFY(wizard.grab().save(u"/tmp/tideline-wizard-move-params.png"_s));
    next(wizard);
    QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);

    Refactoring expected = posts.refactorings.at(0);
    expected.note.clear();
    QCOMPARE(wizard.refactoring(), expected); // the same as the example's own
}

void TestRefactoringWizard::presetKindAndStart()
{
    RefactoringWizard wizard(m_example);
    wizard.setKind(u"set_not_null"_s);
    wizard.setStartRelease(u"r3"_s);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    next(wizard);
    QCOMPARE(wizard.findChild<QComboBox *>(u"startRelease"_s)->currentData().toString(), u"r3"_s);
    QVERIFY(wizard.findChild<QWidget *>(u"param_backfill"_s)); // set_not_null's own parameter
}

void TestRefactoringWizard::reusesARunOfThePlan()
{
    Engine engine(m_example);
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    // A run of another plan is not taken for this one.
    Engine other(postsExample());
    QVERIFY(other.run(&errors));
    for (const Engine *given : {&engine, &other}) {
        RefactoringWizard wizard(m_example, nullptr, given);
        showParameters(wizard, u"drop_column"_s);
        if (QTest::currentTestFailed())
            return;
        QComboBox *column = combo(wizard, u"column"_s);
        QVERIFY(column->findText(u"full_name"_s) >= 0); // S_1 of the customer plan
        WidgetDriver::choose(column, u"email"_s);
        next(wizard);
        QCOMPARE(wizard.findChild<QTreeWidget *>(u"previewSteps"_s)->topLevelItemCount(), 2);
    }
    // In edit mode, a start after the refactoring's own comes from the plan without it.
    RefactoringWizard edit(m_example, m_example.refactorings.at(1), nullptr, &engine);
    edit.show();
    QVERIFY(QTest::qWaitForWindowExposed(&edit));
    next(edit);
    QComboBox *start = edit.findChild<QComboBox *>(u"startRelease"_s);
    QCOMPARE(start->currentData().toString(), u"r2"_s);
    QCOMPARE(combo(edit, u"column"_s)->currentText(), u"full_name"_s);
    WidgetDriver::choose(start, start->itemText(start->findData(u"r3"_s)));
    QVERIFY(edit.button(QWizard::NextButton)->isEnabled());
}

void TestRefactoringWizard::noPlannedReleaseBlocksTheStart()
{
    Plan plan = m_example;
    for (Release &r : plan.releases)
        r.status = Release::Status::Deployed;
    RefactoringWizard wizard(plan);
    showParameters(wizard, u"drop_column"_s);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(wizard.findChild<QComboBox *>(u"startRelease"_s)->count(), 0);
    QVERIFY(errorLabel(wizard, u"start"_s)->isVisible());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
}

void TestRefactoringWizard::editModePreloadsAndKeepsId()
{
    const Refactoring original = m_example.refactorings.at(0);
    RefactoringWizard wizard(m_example, original);
    QVERIFY(wizard.isEditing());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    auto *list = wizard.findChild<QListWidget *>(u"kindList"_s);
    QCOMPARE(list->currentItem()->data(Qt::UserRole).toString(), u"merge_columns"_s);
    next(wizard);
    QCOMPARE(wizard.findChild<QLineEdit *>(u"refactoringId"_s)->text(), u"full-name"_s);
    auto *start = wizard.findChild<QComboBox *>(u"startRelease"_s);
    QCOMPARE(start->currentData().toString(), u"r1"_s); // deployed, but its own start
    QCOMPARE(combo(wizard, u"table"_s)->currentText(), u"customer"_s);
    QCOMPARE(lineEdit(wizard, u"into"_s)->text(), u"full_name"_s);
    QCOMPARE(combo(wizard, u"type"_s)->currentText(), u"varchar(256)"_s);
    QCOMPARE(lineEdit(wizard, u"expression"_s)->text(), u"first_name || ' ' || last_name"_s);
    auto *columns = wizard.findChild<QWidget *>(u"param_columns"_s)->findChild<QListWidget *>();
    QCOMPARE(columns->findItems(u"first_name"_s, Qt::MatchExactly).value(0)->checkState(),
             Qt::Checked);
    QCOMPARE(columns->findItems(u"email"_s, Qt::MatchExactly).value(0)->checkState(), Qt::Unchecked);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    next(wizard);
    QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);
    QCOMPARE(wizard.refactoring(), original); // unchanged, moves and note kept
}

void TestRefactoringWizard::editModeChangesParameter()
{
    const Refactoring original = m_example.refactorings.at(0);
    RefactoringWizard wizard(m_example, original);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    next(wizard);
    QLineEdit *into = lineEdit(wizard, u"into"_s);
    into->selectAll();
    QTest::keyClicks(into, u"display_name"_s);
    // full-name-required (r2) names full_name: the plan breaks, the message says why.
    QTRY_VERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    auto *general = wizard.findChild<QLabel *>(u"generalError"_s);
    QVERIFY(general->isVisible());
    QVERIFY2(general->text().contains(u"full_name"_s), qPrintable(general->text()));
    into->selectAll();
    QTest::keyClicks(into, u"full_name"_s);
    QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    QVERIFY(!general->isVisible());
}

void TestRefactoringWizard::editModeChangingKindDropsMoves()
{
    Plan plan = m_example;
    plan.refactorings.removeAt(1); // nothing else depends on full-name
    const Refactoring original = plan.refactorings.at(0);
    QVERIFY(!original.moves.isEmpty());
    RefactoringWizard wizard(plan, original);
    showParameters(wizard, u"drop_column"_s);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(combo(wizard, u"table"_s)->currentText(), u"customer"_s); // carried over
    WidgetDriver::choose(combo(wizard, u"column"_s), u"email"_s);
    next(wizard);
    auto *summary = wizard.findChild<QLabel *>(u"previewSummary"_s);
    QVERIFY2(summary->text().contains(u"kind changed"_s), qPrintable(summary->text()));
    QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);
    const Refactoring r = wizard.refactoring();
    QCOMPARE(r.id, original.id);
    QCOMPARE(r.kind, u"drop_column"_s);
    QVERIFY(r.moves.isEmpty());
    QCOMPARE(r.note, original.note);
}

void TestRefactoringWizard::tabOrderFollowsTheForm()
{
    RefactoringWizard wizard(m_example);
    showParameters(wizard, u"merge_columns"_s);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(QTest::qWaitForWindowActive(&wizard));
    const QList<QWidget *> order{
        wizard.findChild<QWidget *>(u"startRelease"_s),
        wizard.findChild<QWidget *>(u"refactoringId"_s),
        combo(wizard, u"table"_s),
        wizard.findChild<QWidget *>(u"param_columns"_s)->findChild<QListWidget *>(),
        lineEdit(wizard, u"into"_s),
        combo(wizard, u"type"_s),
        lineEdit(wizard, u"expression"_s),
        wizard.findChild<QWidget *>(u"note"_s),
    };
    order.constFirst()->setFocus();
    for (int i = 1; i < order.size(); ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget *focus = QApplication::focusWidget();
        QVERIFY2(focus == order.at(i) || order.at(i)->isAncestorOf(focus),
                 qPrintable(u"step %1: focus on %2"_s.arg(i).arg(
                     QString::fromLatin1(focus->metaObject()->className()))));
    }
}

void TestRefactoringWizard::grabPages()
{
    RefactoringWizard wizard(m_example, m_example.refactorings.at(0));
    wizard.resize(900, 640);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QVERIFY(wizard.grab().save(u"/tmp/tideline-wizard-kind.png"_s));
    next(wizard);
    QVERIFY(wizard.grab().save(u"/tmp/tideline-wizard-params.png"_s));
    next(wizard);
    QVERIFY(wizard.grab().save(u"/tmp/tideline-wizard-preview.png"_s));

    // At its smallest, the longest kind (four release columns) still fits.
    RefactoringWizard small(m_example);
    small.setKind(u"rename_column"_s);
    small.show();
    QVERIFY(QTest::qWaitForWindowExposed(&small));
    small.resize(small.minimumSizeHint());
    QCoreApplication::processEvents();
    QVERIFY(small.grab().save(u"/tmp/tideline-wizard-kind-small.png"_s));
    small.setKind(u"move_columns"_s);
    next(small);
    QCoreApplication::processEvents();
    QVERIFY(small.grab().save(u"/tmp/tideline-wizard-params-small.png"_s));
}

QTEST_MAIN(TestRefactoringWizard)
#include "tst_refactoringwizard.moc"
