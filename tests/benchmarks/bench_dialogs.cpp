// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// How long the editing dialogs take on a full-size plan (300 tables, 200 releases, 2,000
// refactorings): opening the refactoring wizard and the usage dialog of a release in the
// middle of the plan, alone (they run the engine themselves) and given the document's last
// run; and the whole-plan check of a candidate refactoring (what runs once typing pauses, and
// on Next).

#include "plangenerator.h"

#include <dialogs/refactoringwizard.h>
#include <dialogs/usagedialog.h>
#include <engine/engine.h>

#include <QAbstractButton>
#include <QComboBox>
#include <QLineEdit>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Tideline;
using namespace Tideline::Benchmarks;

class BenchDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void openWizard();
    void openWizardWithRun();
    void checkCandidate();
    void openUsageDialog();
    void openUsageDialogWithRun();

private:
    Plan m_plan;
    std::unique_ptr<Engine> m_engine; // the document's last run, as the main window has it
};

void BenchDialogs::initTestCase()
{
    m_plan = generatePlan({300, 200, 2000, PlanSize::groupsNeeded(2000, 300)});
    QCOMPARE(m_plan.releases.size(), 200);
    m_engine = std::make_unique<Engine>(m_plan);
    QList<PlanError> errors;
    QVERIFY(m_engine->run(&errors));
}

void BenchDialogs::openWizard()
{
    QBENCHMARK
    {
        RefactoringWizard wizard(m_plan);
        Q_UNUSED(wizard);
    }
}

void BenchDialogs::openWizardWithRun()
{
    QBENCHMARK
    {
        RefactoringWizard wizard(m_plan, nullptr, m_engine.get());
        Q_UNUSED(wizard);
    }
}

void BenchDialogs::checkCandidate()
{
    RefactoringWizard wizard(m_plan, nullptr, m_engine.get());
    wizard.setKind(u"drop_column"_s);
    wizard.setStartRelease(m_plan.releases.at(100).id);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(RefactoringWizard::ParametersPageId));
    auto *id = wizard.findChild<QLineEdit *>(u"refactoringId"_s);
    // "note" is a column no generated refactoring touches.
    auto *column = wizard.findChild<QWidget *>(u"param_column"_s)->findChild<QComboBox *>();
    column->setCurrentText(u"note"_s);
    QCOMPARE(column->currentText(), u"note"_s);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    // Each round edits the id (a change the whole-plan check must see) and asks for Next,
    // which runs the check at once; Back returns to the parameters.
    int round = 0;
    QBENCHMARK
    {
        id->setText(u"bench-%1"_s.arg(++round));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(RefactoringWizard::PreviewPageId));
        wizard.back();
    }
}

void BenchDialogs::openUsageDialog()
{
    const QString release = m_plan.releases.at(100).id;
    QBENCHMARK
    {
        UsageDialog dialog(m_plan, release);
        QVERIFY(dialog.isEditable());
    }
}

void BenchDialogs::openUsageDialogWithRun()
{
    const QString release = m_plan.releases.at(100).id;
    QBENCHMARK
    {
        UsageDialog dialog(m_plan, release, nullptr, m_engine.get());
        QVERIFY(dialog.isEditable());
    }
}

QTEST_MAIN(BenchDialogs)
#include "bench_dialogs.moc"
