// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <io/planfile.h>

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableWidget>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace Tideline {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Tideline"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    m_summary = new QLabel(tr("No plan open."), central);
    m_summary->setObjectName(u"planSummary"_s);
    m_summary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_summary);

    m_releases = new QTableWidget(0, ColumnCount, central);
    m_releases->setObjectName(u"releaseTable"_s);
    m_releases->setHorizontalHeaderLabels({tr("ID"), tr("Label"), tr("Date"), tr("Status")});
    m_releases->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_releases->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_releases->setAlternatingRowColors(true);
    m_releases->verticalHeader()->hide();
    m_releases->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_releases);

    setCentralWidget(central);
    createActions();
    statusBar()->showMessage(tr("Open a plan with File › Open."));
    resize(900, 560);
}

MainWindow::~MainWindow() = default;

bool MainWindow::loadPlan(const QString &path, QStringList *errors)
{
    Plan plan;
    QList<PlanError> planErrors;
    if (!PlanFile::load(path, &plan, &planErrors)) {
        QStringList messages;
        for (const PlanError &error : std::as_const(planErrors))
            messages.append(error.toString());
        if (messages.isEmpty())
            messages.append(tr("%1: cannot be read as a plan").arg(QDir::toNativeSeparators(path)));
        statusBar()->showMessage(
            tr("Could not open %1: %2").arg(QFileInfo(path).fileName(), messages.constFirst()));
        if (errors)
            *errors = messages;
        return false;
    }

    // Only a plan that loaded completely replaces the one on screen.
    m_plan = std::move(plan);
    m_planPath = QFileInfo(path).absoluteFilePath();
    showPlan();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(m_planPath)), 5000);
    if (errors)
        errors->clear();
    return true;
}

bool MainWindow::openPlan(const QString &path)
{
    QStringList errors;
    if (loadPlan(path, &errors))
        return true;
    showLoadErrors(path, errors);
    return false;
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(u"fileMenu"_s);

    QAction *openAction = fileMenu->addAction(tr("&Open…"));
    openAction->setObjectName(u"openAction"_s);
    openAction->setShortcut(QKeySequence::Open);
    connect(openAction, &QAction::triggered, this, &MainWindow::chooseAndOpenPlan);

    fileMenu->addSeparator();

    QAction *quitAction = fileMenu->addAction(tr("&Quit"));
    quitAction->setObjectName(u"quitAction"_s);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::chooseAndOpenPlan()
{
    const QString directory = m_planPath.isEmpty() ? QDir::homePath()
                                                   : QFileInfo(m_planPath).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this,
        tr("Open Plan"),
        directory,
        tr("Tideline plans (*.tideline *.tideline.json);;All files (*)"));
    if (!path.isEmpty())
        openPlan(path);
}

void MainWindow::showPlan()
{
    const QString title = m_plan.name.isEmpty() ? QFileInfo(m_planPath).fileName() : m_plan.name;
    setWindowTitle(tr("%1 — Tideline").arg(title));
    setWindowFilePath(m_planPath);

    m_summary->setText(tr("%1  ·  %2  ·  releases: %3  ·  refactorings: %4")
                           .arg(title, m_plan.dialect)
                           .arg(m_plan.releases.size())
                           .arg(m_plan.refactorings.size()));

    m_releases->clearContents();
    m_releases->setRowCount(int(m_plan.releases.size()));
    for (int row = 0; row < m_plan.releases.size(); ++row) {
        const Release &release = m_plan.releases.at(row);
        const QString cells[ColumnCount] = {
            release.id,
            release.label,
            release.date.isValid() ? release.date.toString(Qt::ISODate) : QString(),
            Release::statusName(release.status),
        };
        for (int column = 0; column < ColumnCount; ++column)
            m_releases->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    m_releases->resizeColumnsToContents();
    // Room to breathe; the status column takes the rest.
    for (int column = 0; column < StatusColumn; ++column)
        m_releases->setColumnWidth(column, qMax(m_releases->columnWidth(column) + 24, 120));
}

void MainWindow::showLoadErrors(const QString &path, const QStringList &errors)
{
    auto *box = new QMessageBox(QMessageBox::Warning,
                                tr("Cannot Open Plan"),
                                tr("%1 could not be opened.").arg(QDir::toNativeSeparators(path)),
                                QMessageBox::Ok,
                                this);
    box->setObjectName(u"planErrorBox"_s);
    box->setInformativeText(errors.constFirst());
    if (errors.size() > 1)
        box->setDetailedText(errors.join(u'\n'));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // Window-modal but non-blocking: nothing waits on the user here.
}

} // namespace Tideline
