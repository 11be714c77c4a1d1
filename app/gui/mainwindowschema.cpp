// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's schema actions (issue 13): import a baseline, edit it. Kept apart from
// mainwindow.cpp, which they only hook into through createSchemaActions().
#include "mainwindow.h"

#include <dialogs/schemaeditor.h>
#include <dialogs/schemaimportdialog.h>
#include <document/document.h>
#include <emptystate.h>

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace Tideline {

void MainWindow::createSchemaActions()
{
    auto *importAction = new QAction(tr("&Import Schema…"), this);
    importAction->setObjectName(u"importSchemaAction"_s);
    importAction->setStatusTip(tr("Take a DDL file or a live database's schema as the plan's baseline"));
    connect(importAction, &QAction::triggered, this, [this] { importSchema(); });
    if (auto *fileMenu = menuBar()->findChild<QMenu *>(u"fileMenu"_s)) {
        QAction *before = nullptr;
        for (QAction *action : fileMenu->actions()) {
            if (action->objectName() == u"exportAction"_s)
                before = action;
        }
        fileMenu->insertAction(before, importAction);
        fileMenu->insertSeparator(before);
    }
    auto *editAction = new QAction(tr("Edit &Baseline Schema…"), this);
    editAction->setObjectName(u"editSchemaAction"_s);
    editAction->setStatusTip(tr("Tables, columns, keys, indexes and constraints of what runs today"));
    connect(editAction, &QAction::triggered, this, [this] { editBaselineSchema(); });
    if (auto *planMenu = menuBar()->findChild<QMenu *>(u"planMenu"_s)) {
        planMenu->addAction(editAction);
        planMenu->addAction(importAction);
    }

    connect(m_emptyState, &EmptyState::importDdlRequested, this, [this] { importSchema(false); });
    connect(m_emptyState, &EmptyState::connectDatabaseRequested, this, [this] { importSchema(true); });
    connect(m_emptyState, &EmptyState::editSchemaRequested, this, [this] {
        SchemaEditor *editor = editBaselineSchema();
        if (m_document->plan().baseline.schema.tables.isEmpty())
            editor->addTable();
    });
    connect(m_document, &Document::planChanged, this, [this] {
        m_emptyState->setBaselineTables(int(m_document->plan().baseline.schema.tables.size()));
    });
}

bool MainWindow::importSchema(bool fromDatabase)
{
    const Plan &plan = m_document->plan();
    SchemaImportDialog dialog(plan.dialect, int(plan.baseline.schema.tables.size()), this);
    dialog.setSource(fromDatabase ? SchemaImportDialog::Source::Database : SchemaImportDialog::Source::File);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    QString error;
    if (!m_document->setBaseline(dialog.result().schema, dialog.dialect(), &error)) {
        refuse(error);
        return false;
    }
    const qsizetype tables = dialog.result().schema.tables.size();
    statusBar()->showMessage(tables == 1 ? tr("The baseline is now the imported schema: 1 table.")
                                         : tr("The baseline is now the imported schema: %1 tables.").arg(tables),
                             10000);
    return true;
}

SchemaEditor *MainWindow::editBaselineSchema()
{
    if (!m_schemaEditor) {
        m_schemaEditor = new SchemaEditor(m_document, this);
        m_schemaEditor->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_schemaEditor->show();
    m_schemaEditor->raise();
    m_schemaEditor->activateWindow();
    return m_schemaEditor;
}

} // namespace Tideline
