// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "emptystate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tideline {

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_addRelease(new QPushButton(tr("Add Release…"), this))
    , m_newRefactoring(new QPushButton(tr("New Refactoring…"), this))
    , m_schemaRow(new QWidget(this))
    , m_schemaLabel(new QLabel(m_schemaRow))
    , m_editSchema(new QPushButton(m_schemaRow))
{
    setObjectName(u"emptyState"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setObjectName(u"emptyStateText"_s);

    auto *open = new QPushButton(tr("Open Plan…"), this);
    auto *example = new QPushButton(tr("Open Example"), this);
    m_addRelease->setObjectName(u"emptyAddRelease"_s);
    m_newRefactoring->setObjectName(u"emptyNewRefactoring"_s);
    connect(open, &QPushButton::clicked, this, &EmptyState::openRequested);
    connect(example, &QPushButton::clicked, this, &EmptyState::exampleRequested);
    connect(m_addRelease, &QPushButton::clicked, this, &EmptyState::addReleaseRequested);
    connect(m_newRefactoring, &QPushButton::clicked, this, &EmptyState::newRefactoringRequested);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    for (QPushButton *button : {m_addRelease, m_newRefactoring, open, example})
        buttons->addWidget(button);
    buttons->addStretch();

    // Where a new plan's baseline comes from: a schema, not hand-written JSON.
    auto *importDdl = new QPushButton(tr("Import DDL…"), m_schemaRow);
    auto *connectDatabase = new QPushButton(tr("Connect to Database…"), m_schemaRow);
    importDdl->setObjectName(u"emptyImportDdl"_s);
    connectDatabase->setObjectName(u"emptyConnectDatabase"_s);
    m_editSchema->setObjectName(u"emptyEditSchema"_s);
    m_schemaLabel->setObjectName(u"emptySchemaLabel"_s);
    connect(importDdl, &QPushButton::clicked, this, &EmptyState::importDdlRequested);
    connect(connectDatabase, &QPushButton::clicked, this, &EmptyState::connectDatabaseRequested);
    connect(m_editSchema, &QPushButton::clicked, this, &EmptyState::editSchemaRequested);
    auto *schemaButtons = new QHBoxLayout(m_schemaRow);
    schemaButtons->setContentsMargins(0, 0, 0, 0);
    schemaButtons->addStretch();
    schemaButtons->addWidget(m_schemaLabel);
    for (QPushButton *button : {importDdl, connectDatabase, m_editSchema})
        schemaButtons->addWidget(button);
    schemaButtons->addStretch();

    // A plan that cannot be evaluated: the way out, from the message itself.
    m_repairRow = new QWidget(this);
    m_editProblem = new QPushButton(m_repairRow);
    m_deleteProblem = new QPushButton(m_repairRow);
    auto *undo = new QPushButton(tr("Undo Last Change"), m_repairRow);
    m_editProblem->setObjectName(u"emptyEditProblem"_s);
    m_deleteProblem->setObjectName(u"emptyDeleteProblem"_s);
    undo->setObjectName(u"emptyUndo"_s);
    connect(m_editProblem, &QPushButton::clicked, this, [this] { emit editRefactoringRequested(m_problem); });
    connect(m_deleteProblem, &QPushButton::clicked, this, [this] { emit deleteRefactoringRequested(m_problem); });
    connect(undo, &QPushButton::clicked, this, &EmptyState::undoRequested);
    auto *repairButtons = new QHBoxLayout(m_repairRow);
    repairButtons->setContentsMargins(0, 0, 0, 0);
    repairButtons->addStretch();
    for (QPushButton *button : {m_editProblem, m_deleteProblem, undo})
        repairButtons->addWidget(button);
    repairButtons->addStretch();
    setProblemRefactoring({});

    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(m_title);
    layout->addWidget(m_text, 0, Qt::AlignHCenter);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addSpacing(6);
    layout->addWidget(m_schemaRow);
    layout->addWidget(m_repairRow);
    layout->addStretch();
    setBaselineTables(0);
    setReason(Reason::NoReleases);
}

void EmptyState::setReason(Reason reason, const QString &detail)
{
    switch (reason) {
    case Reason::NoReleases:
        m_title->setText(tr("An empty plan"));
        m_text->setText(tr("A plan spreads database refactorings over releases. Start by adding "
                           "the releases you ship (the first one is the next deployment), then "
                           "add refactorings. Or open a plan, or the bundled example."));
        break;
    case Reason::NoRefactorings:
        m_title->setText(tr("No refactorings yet"));
        m_text->setText(tr("Add a refactoring (rename a column, merge columns, add a NOT NULL "
                           "column, …): Tideline spreads its expand, migrate and contract steps "
                           "over the releases and checks that every app version still works."));
        break;
    case Reason::CannotRun:
        m_title->setText(tr("The plan cannot be evaluated"));
        m_text->setText(tr("%1\n\nEdit or delete the refactoring it names, or undo the last change.")
                            .arg(detail));
        break;
    case Reason::Checking:
        // A plan just opened: shown until its first engine run is in (it runs in a worker).
        m_title->setText(tr("Checking the plan…"));
        m_text->setText(tr("%1\n\nTideline places every step in its release and checks every app "
                           "version against every schema state. The timeline appears as soon "
                           "as that is done.")
                            .arg(detail));
        break;
    }
    fitText();
    m_reason = reason;
    m_schemaRow->setVisible(reason == Reason::NoReleases || reason == Reason::NoRefactorings);
    m_addRelease->setVisible(reason == Reason::NoReleases);
    m_newRefactoring->setVisible(reason == Reason::NoRefactorings);
    m_repairRow->setVisible(reason == Reason::CannotRun);
}

void EmptyState::setProblemRefactoring(const QString &id)
{
    m_problem = id;
    m_editProblem->setText(id.isEmpty() ? tr("Edit Refactoring…") : tr("Edit %1…").arg(id));
    m_deleteProblem->setText(id.isEmpty() ? tr("Delete Refactoring") : tr("Delete %1").arg(id));
    m_editProblem->setVisible(!id.isEmpty());
    m_deleteProblem->setVisible(!id.isEmpty());
}

void EmptyState::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitText();
}

void EmptyState::fitText()
{
    // A wrapped label centred in its layout gets its size hint's width, and no height for its
    // width: both are set here, so that a longer text (a plan's name, the engine's errors) is
    // not cut off, however narrow the window.
    const int width = qBound(200, this->width() - 48, 560);
    m_text->setFixedWidth(width);
    m_text->setMinimumHeight(m_text->heightForWidth(width));
}

void EmptyState::setBaselineTables(int count)
{
    m_schemaLabel->setText(count == 0 ? tr("Start from a schema:")
                                      : count == 1 ? tr("The baseline has 1 table:")
                                                   : tr("The baseline has %1 tables:").arg(count));
    m_editSchema->setText(count == 0 ? tr("Add a Table…") : tr("Edit Baseline Schema…"));
}

QString EmptyState::text() const
{
    return m_title->text() + u'\n' + m_text->text();
}

} // namespace Tideline
