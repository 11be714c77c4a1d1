// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <dialogs/parameditors.h>
#include <dialogs/refactoringwizard.h>
#include <dialogs/stepdiagram.h>
#include <engine/engine.h>
#include <io/planfile.h>
#include <sql/dialect.h>
#include <itemmodels/categorystyle.h>
#include <sqlhighlighter.h>

#include "../models/exampleplans.h"
#include "../models/madeupkind.h"
#include "widgetdriver.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QStyleFactory>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Tideline;

Q_DECLARE_METATYPE(Tideline::ParamSpec)

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
    void everyKindThroughTheWizard_data();
    void everyKindThroughTheWizard();
    void madeUpKindThroughTheWizard();
    void stepDiagramShowsEveryStep_data();
    void stepDiagramShowsEveryStep();
    void editorsRoundTrip_data();
    void editorsRoundTrip();
    void editorsFollowTheirTable();
    void dialectSqlKeepsOtherEngines();
    void unsupportedKindSaysWhy();
    void grabEditors_data();
    void grabEditors();

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
    /** Fills the wizard from @p expected's parameters, accepts, and compares the result. */
    static void fillAndAccept(const Plan &plan, const Refactoring &expected);
    /** The schema and plan the editor tests work on: two tables, an enum, a view, a procedure. */
    static Plan editorPlan();
    /** A kind with a parameter of every type, for the editor tests (registered by them). */
    static KindSpec everyEditorKind();

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

// ---------------------------------------------------------------------------------------------
// Every kind of the catalog, from its own example (tests/models/exampleplans.h)

namespace {

/** The engine a kind's wizard rows use: PostgreSQL, or the first engine the kind runs on. */
QString wizardDialect(const KindSpec &kind)
{
    for (const QString &d : QStringList{u"postgresql"_s} + Plan::dialects()) {
        if (!kind.unsupported.contains(d))
            return d;
    }
    return {};
}

QString json(const QJsonValue &v)
{
    if (v.isUndefined())
        return u"(undefined)"_s;
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
}

} // namespace

void TestRefactoringWizard::fillAndAccept(const Plan &plan, const Refactoring &expected)
{
    const KindSpec *spec = Catalog::kind(expected.kind);
    QVERIFY(spec);
    RefactoringWizard wizard(plan);
    wizard.resize(900, 700);
    showParameters(wizard, expected.kind);
    if (QTest::currentTestFailed())
        return;
    // Every editor through its public API: what is set is what comes back, whatever its type.
    for (const ParamSpec &p : spec->params) {
        auto *editor = wizard.findChild<ParamEditor *>(u"param_"_s + p.name);
        QVERIFY2(editor, qPrintable(p.name));
        QCOMPARE(editor->spec().type, p.type);
        const QJsonValue v = expected.params.value(p.name);
        if (v.isUndefined())
            continue;
        editor->setValue(v);
        QVERIFY2(editor->value() == v,
                 qPrintable(u"%1 (%2): set %3, got %4"_s.arg(p.name, paramTypeName(p.type), json(v), json(editor->value()))));
    }
    // Once every parameter is in (tables chosen later refresh the editors that follow them),
    // each still holds its value, and the ones the example leaves out are not set.
    for (const ParamSpec &p : spec->params) {
        auto *editor = wizard.findChild<ParamEditor *>(u"param_"_s + p.name);
        const QJsonValue v = expected.params.value(p.name);
        QVERIFY2(editor->value() == v,
                 qPrintable(u"%1 (%2): expected %3, holds %4"_s.arg(p.name, paramTypeName(p.type), json(v), json(editor->value()))));
    }
    WidgetDriver::retype(wizard.findChild<QLineEdit *>(u"refactoringId"_s), expected.id);
    QCOMPARE(wizard.findChild<QComboBox *>(u"startRelease"_s)->currentData().toString(), expected.start);
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(),
                 qPrintable(wizard.findChild<QLabel *>(u"generalError"_s)->text()));
    next(wizard);
    QCOMPARE(wizard.currentId(), int(RefactoringWizard::PreviewPageId));
    auto *steps = wizard.findChild<QTreeWidget *>(u"previewSteps"_s);
    QVERIFY(steps->topLevelItemCount() > 0);
    QAbstractButton *finish = wizard.button(QWizard::FinishButton);
    QVERIFY2(finish->isEnabled(), qPrintable(wizard.findChild<QLabel *>(u"previewSummary"_s)->text()));
    QTest::mouseClick(finish, Qt::LeftButton);
    QCOMPARE(wizard.result(), int(QDialog::Accepted));

    const Refactoring r = wizard.refactoring();
    QVERIFY2(r.params == expected.params,
             qPrintable(u"wizard: %1\nexample: %2"_s.arg(
                 QString::fromUtf8(QJsonDocument(r.params).toJson(QJsonDocument::Compact)),
                 QString::fromUtf8(QJsonDocument(expected.params).toJson(QJsonDocument::Compact)))));
    QCOMPARE(r, expected);
    QVERIFY(accepted(plan, r));
}

void TestRefactoringWizard::everyKindThroughTheWizard_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<int>("variant");
    for (const KindSpec &kind : Catalog::kinds()) {
        const QString dialect = wizardDialect(kind);
        for (int variant : ExamplePlans::variants(kind, dialect)) {
            QTest::newRow(qPrintable(u"%1 %2 #%3"_s.arg(kind.name, dialect).arg(variant)))
                << kind.name << dialect << variant;
        }
    }
}

void TestRefactoringWizard::everyKindThroughTheWizard()
{
    QFETCH(QString, kind);
    QFETCH(QString, dialect);
    QFETCH(int, variant);
    Plan plan = ExamplePlans::planFor(*Catalog::kind(kind), dialect, variant);
    const Refactoring expected = plan.refactorings.takeFirst();
    fillAndAccept(plan, expected);
}

void TestRefactoringWizard::madeUpKindThroughTheWizard()
{
    // A kind registered at run time is in the wizard as any other, from its catalog entry.
    MadeUpKind::Registration registration;
    QVERIFY(registration.ok());
    for (int variant : ExamplePlans::variants(*Catalog::kind(MadeUpKind::Name), u"postgresql"_s)) {
        Plan plan = ExamplePlans::planFor(*Catalog::kind(MadeUpKind::Name), u"postgresql"_s, variant);
        const Refactoring expected = plan.refactorings.takeFirst();
        fillAndAccept(plan, expected);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestRefactoringWizard::stepDiagramShowsEveryStep_data()
{
    QTest::addColumn<QString>("kind");
    for (const KindSpec &kind : Catalog::kinds())
        QTest::newRow(qPrintable(kind.name)) << kind.name;
}

void TestRefactoringWizard::stepDiagramShowsEveryStep()
{
    QFETCH(QString, kind);
    const KindSpec *spec = Catalog::kind(kind);
    RefactoringWizard wizard(m_example);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    selectKind(wizard, kind);
    auto *diagram = wizard.findChild<StepDiagram *>(u"stepDiagram"_s);
    QVERIFY(diagram);
    QCOMPARE(diagram->kind(), spec);
    QVERIFY(diagram->isVisible());
    const QImage image = diagram->grab().toImage();
    const QColor base = diagram->palette().color(QPalette::Base);
    QList<QRect> chips;
    for (const StepSpec &step : spec->steps) {
        const QRect chip = diagram->chipRect(step.name);
        QVERIFY2(!chip.isEmpty(), qPrintable(step.name + u" has no chip"_s));
        // Inside the widget, clear of every other chip, and painted in its category's colour.
        QVERIFY2(diagram->rect().contains(chip), qPrintable(step.name));
        for (const QRect &other : std::as_const(chips))
            QVERIFY2(!other.intersects(chip), qPrintable(step.name + u" overlaps another chip"_s));
        chips << chip;
        const QColor painted = image.pixelColor(QPoint(chip.left() + 3, chip.center().y()) * image.devicePixelRatio());
        if (step.condition.isEmpty())
            QVERIFY2(painted == CategoryStyle::color(step.category),
                     qPrintable(u"%1: %2, expected %3"_s.arg(step.name, painted.name(),
                                                              CategoryStyle::color(step.category).name())));
        else
            QVERIFY2(painted != base, qPrintable(step.name + u" (conditional) is not painted"_s));
        // At the wizard's size the whole name fits on the chip.
        QVERIFY2(diagram->fontMetrics().horizontalAdvance(step.name) <= chip.width() - 8,
                 qPrintable(step.name + u" is cut on its chip"_s));
    }
}

// ---------------------------------------------------------------------------------------------
// The editors by type

Plan TestRefactoringWizard::editorPlan()
{
    Plan plan = ExamplePlans::planFor(KindSpec{}, u"postgresql"_s);
    plan.refactorings.clear();
    Schema &schema = plan.baseline.schema;
    Table &t = schema.tables[u"t"_s];
    Index index;
    index.name = u"t_g0_a_idx"_s;
    index.columns = {u"g0_a"_s};
    t.indexes.append(index);
    Constraint check;
    check.kind = Constraint::Kind::Check;
    check.name = u"t_g0_a_check"_s;
    check.columns = {u"g0_a"_s};
    check.expression = u"g0_a <> ''"_s;
    t.constraints.append(check);
    Table u = exampleTable(u"u"_s, u"x_"_s);
    Index unique;
    unique.name = u"u_x_a_key"_s;
    unique.columns = {u"x_a"_s};
    unique.unique = true;
    u.indexes.append(unique);
    schema.tables.insert(u.name, u);
    EnumType mood;
    mood.name = u"mood"_s;
    mood.values = {u"sad"_s, u"ok"_s, u"happy"_s};
    schema.enums.insert(mood.name, mood);
    View view;
    view.name = u"t_names"_s;
    view.columns = {u"id"_s, u"g0_a"_s};
    view.definition = u"SELECT id, g0_a FROM t"_s;
    schema.views.insert(view.name, view);
    Procedure procedure;
    procedure.name = u"touch_t"_s;
    Parameter parameter;
    parameter.name = u"p_id"_s;
    parameter.type = u"integer"_s;
    procedure.parameters.append(parameter);
    schema.procedures.insert(procedure.name, procedure);
    plan.releases[1].status = Release::Status::Deployed;
    plan.releases[2].status = Release::Status::Cancelled;
    return plan;
}

namespace {

bool decomposeNothing(const KindSpec &, const Refactoring &, const Schema &, const QString &, QList<Step> *,
                      PlanError *)
{
    return true;
}

using MadeUpKind::param;

/** What a combo or list editor offers (item values); empty for other editors. */
QStringList offered(ParamEditor *editor)
{
    QStringList items;
    if (auto *combo = editor->findChild<QComboBox *>(); combo && !combo->isEditable()) {
        for (int i = 0; i < combo->count(); ++i)
            items << combo->itemData(i).toString();
    } else if (auto *list = editor->findChild<QListWidget *>()) {
        for (int i = 0; i < list->count(); ++i)
            items << list->item(i)->text();
    } else if (auto *table = editor->findChild<QTableWidget *>()) {
        for (int row = 0; row < table->rowCount(); ++row)
            items << (table->item(row, 0) ? table->item(row, 0)->text() : QString());
    }
    return items;
}

} // namespace

KindSpec TestRefactoringWizard::everyEditorKind()
{
    KindSpec k;
    k.name = u"test_every_editor"_s;
    k.title = u"Every editor (test)"_s;
    k.summary = u"A parameter of every type, for the wizard's tests."_s;
    ParamSpec method = param(u"method"_s, ParamType::Choice, u"how the index is built"_s, false);
    method.choices = {u"plain"_s, u"unique"_s};
    method.defaultValue = u"plain"_s;
    k.params = {
        param(u"table"_s, ParamType::Table, u"the table"_s),
        param(u"column"_s, ParamType::Column, u"the column"_s),
        param(u"index"_s, ParamType::Index, u"the index"_s),
        param(u"rename"_s, ParamType::ColumnMap, u"old name -> new name"_s, false),
        param(u"refTable"_s, ParamType::Table, u"the table it references"_s),
        param(u"refColumns"_s, ParamType::Columns, u"the referenced columns"_s, true, u"refTable"_s),
        param(u"constraint"_s, ParamType::Constraint, u"a constraint of the referenced table"_s, true, u"refTable"_s),
        param(u"newTable"_s, ParamType::NewTable, u"the new table"_s),
        param(u"name"_s, ParamType::Name, u"the new index's name"_s),
        param(u"mood"_s, ParamType::Enum, u"the enum type"_s),
        param(u"view"_s, ParamType::View, u"the view"_s),
        param(u"procedure"_s, ParamType::Procedure, u"the procedure"_s),
        method,
        param(u"until"_s, ParamType::Release, u"the release that ends it"_s, false),
        param(u"values"_s, ParamType::Values, u"the enum's new values"_s),
        param(u"comment"_s, ParamType::Text, u"a comment for the table"_s, false),
        param(u"sql"_s, ParamType::DialectSql, u"what runs, per engine"_s),
    };
    StepSpec step;
    step.name = u"expand"_s;
    step.phase = Phase::Pre;
    step.category = u"expand"_s;
    step.description = u"nothing"_s;
    k.steps = {step};
    k.decompose = decomposeNothing;
    return k;
}

void TestRefactoringWizard::editorsRoundTrip_data()
{
    QTest::addColumn<ParamSpec>("param");
    QTest::addColumn<QString>("contextTable");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QStringList>("offers"); // what a list editor offers; empty: not checked
    const QJsonObject spec{{u"name"_s, u"c"_s}, {u"type"_s, u"integer"_s}, {u"nullable"_s, false}, {u"default"_s, u"0"_s}};
    const QList<std::tuple<const char *, ParamSpec, QString, QJsonValue, QStringList>> rows{
        {"table", param(u"table"_s, ParamType::Table, {}), {}, u"u"_s, {u"t"_s, u"u"_s}},
        {"column", param(u"column"_s, ParamType::Column, {}), u"t"_s, u"g0_b"_s, {u"id"_s, u"g0_a"_s, u"g0_b"_s}},
        {"optional column", param(u"column"_s, ParamType::Column, {}, false), u"u"_s, u"x_b"_s,
         {QString(), u"id"_s, u"x_a"_s, u"x_b"_s}},
        {"new column", param(u"to"_s, ParamType::NewColumn, {}), u"t"_s, u"g0_c"_s, {}},
        {"new table", param(u"toTable"_s, ParamType::NewTable, {}), {}, u"w"_s, {}},
        {"name", param(u"name"_s, ParamType::Name, {}), u"t"_s, u"t_g0_b_idx"_s, {}},
        {"columns", param(u"columns"_s, ParamType::Columns, {}), u"t"_s, QJsonArray{u"g0_b"_s, u"g0_a"_s},
         {u"id"_s, u"g0_a"_s, u"g0_b"_s}},
        {"column specs", param(u"into"_s, ParamType::ColumnSpecs, {}), u"t"_s,
         QJsonArray{QJsonObject{{u"name"_s, u"p"_s}, {u"type"_s, u"text"_s}, {u"expression"_s, u"upper(g0_a)"_s}}, spec}, {}},
        {"column map", param(u"rename"_s, ParamType::ColumnMap, {}), u"t"_s, QJsonObject{{u"g0_a"_s, u"a"_s}}, {}},
        {"type", param(u"type"_s, ParamType::Type, {}), {}, u"numeric(12,2)"_s, {}},
        {"sql", param(u"expression"_s, ParamType::Sql, {}), {}, u"coalesce(g0_b, 'none')"_s, {}},
        {"text", param(u"comment"_s, ParamType::Text, {}), {}, u"The customer's name;\nsecond line, 100%"_s, {}},
        {"empty text", param(u"comment"_s, ParamType::Text, {}), {}, QString(), {}},
        {"optional empty text", param(u"comment"_s, ParamType::Text, {}, false), {}, QString(), {}},
        {"optional empty sql", param(u"default"_s, ParamType::Sql, {}, false), {}, QString(), {}},
        {"column of a new table", param(u"column"_s, ParamType::Column, {}), u"nowhere"_s, u"c"_s, {}},
        {"columns of a new table", param(u"columns"_s, ParamType::Columns, {}), u"nowhere"_s,
         QJsonArray{u"c"_s, u"a"_s}, {}},
        {"index of a new table", param(u"index"_s, ParamType::Index, {}), u"nowhere"_s, u"nowhere_c_idx"_s, {}},
        {"bool off", param(u"nullable"_s, ParamType::Bool, {}, false), {}, false, {}},
        {"bool on", param(u"nullable"_s, ParamType::Bool, {}, false), {}, true, {}},
        {"index", param(u"index"_s, ParamType::Index, {}), u"t"_s, u"t_g0_a_idx"_s, {u"t_g0_a_idx"_s}},
        {"constraint", param(u"constraint"_s, ParamType::Constraint, {}), u"t"_s, u"t_g0_a_check"_s,
         {u"t_pkey"_s, u"t_g0_a_check"_s}},
        {"enum", param(u"type"_s, ParamType::Enum, {}), {}, u"mood"_s, {u"mood"_s}},
        {"view", param(u"view"_s, ParamType::View, {}), {}, u"t_names"_s, {u"t_names"_s}},
        {"procedure", param(u"procedure"_s, ParamType::Procedure, {}), {}, u"touch_t"_s, {u"touch_t"_s}},
        {"values", param(u"values"_s, ParamType::Values, {}), {}, QJsonArray{u"sad"_s, u"so so"_s, u"ok"_s}, {}},
        {"release", param(u"release"_s, ParamType::Release, {}, false), {}, u"r2"_s,
         {QString(), u"r1"_s, u"r2"_s, u"r4"_s}},
        {"dialect sql", param(u"sql"_s, ParamType::DialectSql, {}), {},
         QJsonObject{{u"postgresql"_s, u"SELECT 1;\nSELECT 'two';"_s}, {u"mysql"_s, u"SELECT 3"_s}}, {}},
    };
    for (const auto &[tag, param, table, value, offers] : rows)
        QTest::newRow(tag) << param << table << value << offers;
    ParamSpec choice = param(u"method"_s, ParamType::Choice, {}, false);
    choice.choices = {u"plain"_s, u"unique"_s};
    QTest::newRow("choice") << choice << QString() << QJsonValue(u"unique"_s)
                            << QStringList{QString(), u"plain"_s, u"unique"_s};
    choice.required = true;
    QTest::newRow("required choice") << choice << QString() << QJsonValue(u"plain"_s)
                                     << QStringList{u"plain"_s, u"unique"_s};
}

void TestRefactoringWizard::editorsRoundTrip()
{
    QFETCH(ParamSpec, param);
    QFETCH(QString, contextTable);
    QFETCH(QJsonValue, value);
    QFETCH(QStringList, offers);
    const Plan plan = editorPlan();
    KindSpec kind;
    kind.params = {param};
    QWidget parent;
    std::unique_ptr<ParamEditor> editor(ParamEditor::create(kind, param, plan, &parent));
    QVERIFY(editor);
    QCOMPARE(editor->spec().name, param.name);
    QCOMPARE(editor->objectName(), u"param_"_s + param.name);
    QVERIFY(editor->focusTarget());
    editor->setContext(plan.baseline.schema, plan.baseline.schema.table(contextTable));
    if (param.type == ParamType::ColumnMap)
        editor->setChosenColumns({u"g0_a"_s, u"g0_b"_s});
    // Nothing set: only a required list with entries has a value (its first).
    if (!param.required || offers.isEmpty())
        QVERIFY2(editor->value().isUndefined() || param.type == ParamType::Text, qPrintable(json(editor->value())));
    if (!offers.isEmpty())
        QCOMPARE(offered(editor.get()), offers);
    editor->setValue(value);
    QVERIFY2(editor->value() == value, qPrintable(u"set %1, got %2"_s.arg(json(value), json(editor->value()))));
    // The same value again, after the schema is given anew (the start release changed).
    editor->setContext(plan.baseline.schema, plan.baseline.schema.table(contextTable));
    QVERIFY2(editor->value() == value, qPrintable(u"after setContext: %1"_s.arg(json(editor->value()))));
    // Names are checked as names only where the type holds names.
    if (auto *line = editor->findChild<QLineEdit *>(); line && !editor->findChild<QComboBox *>()) {
        QCOMPARE(line->validator() != nullptr, isNameType(param.type));
    }
}

void TestRefactoringWizard::editorsFollowTheirTable()
{
    const Plan plan = editorPlan();
    QVERIFY(Catalog::registerKind(everyEditorKind()));
    struct Unregister
    {
        ~Unregister() { Catalog::unregisterKind(u"test_every_editor"_s); }
    } unregister;
    RefactoringWizard wizard(plan);
    showParameters(wizard, u"test_every_editor"_s);
    if (QTest::currentTestFailed())
        return;
    const auto editor = [&](const QString &name) { return wizard.findChild<ParamEditor *>(u"param_"_s + name); };
    WidgetDriver::choose(combo(wizard, u"table"_s), u"t"_s);
    WidgetDriver::choose(combo(wizard, u"refTable"_s), u"u"_s);
    QCOMPARE(offered(editor(u"column"_s)), QStringList({u"id"_s, u"g0_a"_s, u"g0_b"_s}));
    QCOMPARE(offered(editor(u"index"_s)), QStringList{u"t_g0_a_idx"_s});
    QCOMPARE(offered(editor(u"rename"_s)), QStringList({u"id"_s, u"g0_a"_s, u"g0_b"_s})); // no list of t's columns
    QCOMPARE(offered(editor(u"refColumns"_s)), QStringList({u"id"_s, u"x_a"_s, u"x_b"_s}));
    QCOMPARE(offered(editor(u"constraint"_s)), QStringList{u"u_pkey"_s});
    QCOMPARE(offered(editor(u"mood"_s)), QStringList{u"mood"_s});
    QCOMPARE(offered(editor(u"view"_s)), QStringList{u"t_names"_s});
    QCOMPARE(offered(editor(u"procedure"_s)), QStringList{u"touch_t"_s});
    QCOMPARE(offered(editor(u"until"_s)), QStringList({QString(), u"r1"_s, u"r2"_s, u"r4"_s}));
    QCOMPARE(editor(u"method"_s)->value(), QJsonValue(QJsonValue::Undefined));

    // The referenced table changes: what follows it changes, what follows `table` stays.
    WidgetDriver::choose(combo(wizard, u"column"_s), u"g0_b"_s);
    WidgetDriver::choose(combo(wizard, u"refTable"_s), u"t"_s);
    QCOMPARE(offered(editor(u"refColumns"_s)), QStringList({u"id"_s, u"g0_a"_s, u"g0_b"_s}));
    QCOMPARE(offered(editor(u"constraint"_s)), QStringList({u"t_pkey"_s, u"t_g0_a_check"_s}));
    QCOMPARE(offered(editor(u"index"_s)), QStringList{u"t_g0_a_idx"_s});
    QCOMPARE(editor(u"column"_s)->value(), QJsonValue(u"g0_b"_s));
    // And the other way round.
    WidgetDriver::choose(combo(wizard, u"table"_s), u"u"_s);
    QCOMPARE(offered(editor(u"column"_s)), QStringList({u"id"_s, u"x_a"_s, u"x_b"_s}));
    QCOMPARE(offered(editor(u"index"_s)), QStringList{u"u_x_a_key"_s});
    QCOMPARE(offered(editor(u"rename"_s)), QStringList({u"id"_s, u"x_a"_s, u"x_b"_s}));
    QCOMPARE(offered(editor(u"constraint"_s)), QStringList({u"t_pkey"_s, u"t_g0_a_check"_s}));

    // Hints: "the table" says nothing the label does not; the others do.
    QVERIFY(!wizard.findChild<QLabel *>(u"hint_table"_s));
    QVERIFY(!wizard.findChild<QLabel *>(u"hint_column"_s));
    QVERIFY(!wizard.findChild<QLabel *>(u"hint_index"_s));
    QVERIFY(wizard.findChild<QLabel *>(u"hint_refTable"_s));
    QVERIFY(wizard.findChild<QLabel *>(u"hint_refColumns"_s));
    QVERIFY(wizard.findChild<QLabel *>(u"hint_values"_s));

    // Free text is words, not a name: typed as is.
    auto *comment = editor(u"comment"_s)->findChild<QPlainTextEdit *>();
    QVERIFY(comment);
    comment->setFocus();
    QTest::keyClicks(comment, u"Who signed up, and when."_s);
    QCOMPARE(editor(u"comment"_s)->value(), QJsonValue(u"Who signed up, and when."_s));
    // Values, one a line.
    auto *values = editor(u"values"_s)->findChild<QPlainTextEdit *>();
    values->setFocus();
    QTest::keyClicks(values, u"new"_s);
    QTest::keyClick(values, Qt::Key_Return);
    QTest::keyClicks(values, u"in progress"_s);
    QCOMPARE(editor(u"values"_s)->value(), QJsonValue(QJsonArray{u"new"_s, u"in progress"_s}));
    // The id follows the first table.
    QCOMPARE(wizard.findChild<QLineEdit *>(u"refactoringId"_s)->text(), u"test-every-editor-u"_s);
    // The SQL editor is highlighted.
    QVERIFY(editor(u"sql"_s)->findChild<SqlHighlighter *>());
}

void TestRefactoringWizard::dialectSqlKeepsOtherEngines()
{
    Plan plan = editorPlan();
    plan.dialect = u"mysql"_s;
    const ParamSpec sql = param(u"sql"_s, ParamType::DialectSql, u"what runs"_s);
    QWidget parent;
    std::unique_ptr<ParamEditor> editor(ParamEditor::create(KindSpec{}, sql, plan, &parent));
    auto *edit = editor->findChild<QPlainTextEdit *>();
    QVERIFY(edit);
    QVERIFY(edit->placeholderText().contains(u"MySQL"_s));
    editor->setValue(QJsonObject{{u"postgresql"_s, u"SELECT 1"_s}});
    auto *others = editor->findChild<QLabel *>();
    QVERIFY(others);
    QVERIFY2(others->text().contains(u"PostgreSQL"_s), qPrintable(others->text()));
    QTest::keyClicks(edit, u"SELECT 2"_s);
    QCOMPARE(editor->value(), QJsonValue(QJsonObject{{u"postgresql"_s, u"SELECT 1"_s}, {u"mysql"_s, u"SELECT 2"_s}}));
    edit->clear();
    QCOMPARE(editor->value(), QJsonValue(QJsonObject{{u"postgresql"_s, u"SELECT 1"_s}}));
}

void TestRefactoringWizard::unsupportedKindSaysWhy()
{
    KindSpec spec = MadeUpKind::spec();
    spec.name = u"test_refused_kind"_s;
    spec.unsupported.insert(u"postgresql"_s, u"this test says PostgreSQL cannot"_s);
    QVERIFY(Catalog::registerKind(spec));
    struct Unregister
    {
        ~Unregister() { Catalog::unregisterKind(u"test_refused_kind"_s); }
    } unregister;
    RefactoringWizard wizard(m_example);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    selectKind(wizard, u"test_refused_kind"_s);
    const QList<QLabel *> labels = wizard.currentPage()->findChildren<QLabel *>();
    const bool said = std::any_of(labels.cbegin(), labels.cend(), [](QLabel *l) {
        return l->isVisible() && l->text() == u"Not available on PostgreSQL: this test says PostgreSQL cannot"_s;
    });
    QVERIFY(said);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    selectKind(wizard, u"drop_column"_s);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
}

void TestRefactoringWizard::grabEditors_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestRefactoringWizard::grabEditors()
{
    // Pictures of the parameters page with every editor, and of a few kinds, in a light and a
    // dark palette (Fusion), to look at: /tmp/tideline-wizard-<what>-<palette>.png.
    QFETCH(bool, dark);
    const QPalette saved = QApplication::palette();
    QStyle *fusion = QStyleFactory::create(u"Fusion"_s);
    QApplication::setStyle(fusion);
    QPalette palette = fusion->standardPalette();
    if (dark) {
        const auto set = [&palette](QPalette::ColorRole role, const QColor &active, const QColor &disabled) {
            palette.setColor(QPalette::Active, role, active);
            palette.setColor(QPalette::Inactive, role, active);
            palette.setColor(QPalette::Disabled, role, disabled);
        };
        const QColor text(0xe6, 0xe6, 0xe6), grey(0x7c, 0x7c, 0x82);
        set(QPalette::Window, QColor(0x2b, 0x2b, 0x2e), QColor(0x2b, 0x2b, 0x2e));
        set(QPalette::WindowText, text, grey);
        set(QPalette::Base, QColor(0x1e, 0x1e, 0x20), QColor(0x26, 0x26, 0x29));
        set(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29), QColor(0x26, 0x26, 0x29));
        set(QPalette::Text, text, grey);
        set(QPalette::Button, QColor(0x38, 0x38, 0x3c), QColor(0x30, 0x30, 0x33));
        set(QPalette::ButtonText, text, grey);
        set(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0xa0), grey);
        set(QPalette::Highlight, QColor(0x3d, 0x6f, 0xb5), QColor(0x44, 0x44, 0x48));
        set(QPalette::HighlightedText, Qt::white, grey);
        set(QPalette::ToolTipBase, QColor(0x38, 0x38, 0x3c), QColor(0x38, 0x38, 0x3c));
        set(QPalette::ToolTipText, text, grey);
        set(QPalette::Light, QColor(0x55, 0x55, 0x5a), QColor(0x55, 0x55, 0x5a));
        set(QPalette::Midlight, QColor(0x48, 0x48, 0x4d), QColor(0x48, 0x48, 0x4d));
        set(QPalette::Mid, QColor(0x40, 0x40, 0x44), QColor(0x40, 0x40, 0x44));
        set(QPalette::Dark, QColor(0x1a, 0x1a, 0x1c), QColor(0x1a, 0x1a, 0x1c));
        set(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a), QColor(0x0a, 0x0a, 0x0a));
        set(QPalette::Link, QColor(0x7a, 0xa7, 0xff), grey);
    }
    QApplication::setPalette(palette);
    const QString suffix = dark ? u"dark"_s : u"light"_s;

    const Plan plan = editorPlan();
    struct Restore
    {
        QPalette palette;
        ~Restore() { QApplication::setPalette(palette); }
    } restore{saved};
    {
        QVERIFY(Catalog::registerKind(everyEditorKind()));
        struct Unregister
        {
            ~Unregister() { Catalog::unregisterKind(u"test_every_editor"_s); }
        } unregister;
        RefactoringWizard wizard(plan);
        wizard.resize(900, 1400);
        showParameters(wizard, u"test_every_editor"_s);
        if (QTest::currentTestFailed())
            return;
        wizard.findChild<ParamEditor *>(u"param_values"_s)->setValue(QJsonArray{u"new"_s, u"in progress"_s, u"done"_s});
        wizard.findChild<ParamEditor *>(u"param_comment"_s)->setValue(u"Who signed up, and when."_s);
        wizard.findChild<ParamEditor *>(u"param_sql"_s)->setValue(
            QJsonObject{{u"postgresql"_s, u"-- the index, online\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_g0_b_idx\n    ON t (g0_b) WHERE g0_b <> 'none';"_s},
                        {u"mysql"_s, u"SELECT 1"_s}});
        QCoreApplication::processEvents();
        QVERIFY(wizard.grab().save(u"/tmp/tideline-wizard-editors-%1.png"_s.arg(suffix)));
        // At the wizard's own size the parameters scroll; the messages stay below.
        wizard.resize(860, 620);
        QCoreApplication::processEvents();
        QVERIFY(wizard.grab().save(u"/tmp/tideline-wizard-editors-scrolled-%1.png"_s.arg(suffix)));
    }
    {
        // An inline error and the preview.
        RefactoringWizard wizard(m_example);
        showParameters(wizard, u"add_column"_s);
        if (QTest::currentTestFailed())
            return;
        QTest::keyClicks(lineEdit(wizard, u"column"_s), u"email"_s);
        QTest::keyClicks(combo(wizard, u"type"_s)->lineEdit(), u"text"_s);
        QVERIFY(errorLabel(wizard, u"column"_s)->isVisible());
        QVERIFY(wizard.grab().save(u"/tmp/tideline-wizard-error-%1.png"_s.arg(suffix)));
        WidgetDriver::retype(lineEdit(wizard, u"column"_s), u"nickname"_s);
        next(wizard);
        QVERIFY(wizard.grab().save(u"/tmp/tideline-wizard-preview-%1.png"_s.arg(suffix)));
    }
    // Real kinds, from their examples: the kind page and the filled parameters page.
    for (const KindSpec &kind : Catalog::kinds()) {
        // On PostgreSQL, or the first engine that runs the kind (set_table_options: MySQL).
        QString dialect = u"postgresql"_s;
        for (const Dialect *d : Dialect::all()) {
            if (!kind.unsupported.contains(dialect))
                break;
            dialect = d->name();
        }
        QVERIFY2(!kind.unsupported.contains(dialect), qPrintable(kind.name));
        Plan example = ExamplePlans::planFor(kind, dialect, 1);
        const Refactoring r = example.refactorings.takeFirst();
        RefactoringWizard wizard(example);
        showParameters(wizard, kind.name);
        if (QTest::currentTestFailed())
            return;
        for (auto it = r.params.constBegin(); it != r.params.constEnd(); ++it)
            wizard.findChild<ParamEditor *>(u"param_"_s + it.key())->setValue(it.value());
        QCoreApplication::processEvents();
        QVERIFY(wizard.grab().save(u"/tmp/tideline-wizard-%1-%2.png"_s.arg(kind.name, suffix)));
        wizard.back();
        QCoreApplication::processEvents();
        QVERIFY(wizard.grab().save(u"/tmp/tideline-wizard-%1-kind-%2.png"_s.arg(kind.name, suffix)));
    }
}

QTEST_MAIN(TestRefactoringWizard)
#include "tst_refactoringwizard.moc"
