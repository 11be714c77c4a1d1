// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The main window on a plan on a PostgreSQL server (issue 16): open one by its location, hear of
// the others' edits, and a banner while the server is out of reach. Kept apart from
// mainwindow.cpp, which only hooks it in through createTeam().
#include "mainwindow.h"

#include <document/document.h>
#include <sql/connection.h>
#include <storage/serverplan.h>

#include <QAction>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPromise>
#include <QPushButton>
#include <QStatusBar>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Tideline {

void MainWindow::createTeam()
{
    auto *openServer = new QAction(tr("Open Plan on a &Server…"), this);
    openServer->setObjectName(u"openServerPlanAction"_s);
    openServer->setStatusTip(tr("Open a plan the team keeps on a PostgreSQL server"));
    connect(openServer, &QAction::triggered, this, [this] {
        bool ok = false;
        const QString location = QInputDialog::getText(
            this, tr("Open Plan on a Server"),
            tr("Location (postgresql://user@host:port/database?plan=NAME); the password comes "
               "from PGPASSWORD or ~/.pgpass:"),
            QLineEdit::Normal, u"postgresql://"_s, &ok);
        if (ok && !location.trimmed().isEmpty() && maybeSave())
            openPlan(location.trimmed());
    });
    if (auto *fileMenu = menuBar()->findChild<QMenu *>(u"fileMenu"_s)) {
        const QList<QAction *> actions = fileMenu->actions();
        fileMenu->insertAction(actions.size() > 2 ? actions.at(2) : nullptr, openServer);
    }

    // Out of reach: the plan stays, read-only, and says so until the server is back.
    m_teamBanner = new QLabel(this);
    m_teamBanner->setObjectName(u"serverBanner"_s);
    m_teamBanner->setStyleSheet(u"QLabel { background: #b3261e; color: white; padding: 2px 8px; }"_s);
    m_teamBanner->hide();
    statusBar()->addPermanentWidget(m_teamBanner);
    connect(m_document, &Document::serverOnlineChanged, this, [this](bool online, const QString &reason) {
        m_teamBanner->setText(tr("Offline: the plan is read-only until the server is back"));
        m_teamBanner->setToolTip(reason);
        m_teamBanner->setVisible(!online);
        if (online)
            statusBar()->showMessage(tr("Connected to the server again"), 5000);
    });
    // A call to the server in flight (Document::onServer): the window stays live but takes no
    // input until it answers. Said only when it takes long enough to be seen.
    m_savingLabel = new QLabel(tr("Saving…"), this);
    m_savingLabel->setObjectName(u"savingLabel"_s);
    m_savingLabel->hide();
    statusBar()->addPermanentWidget(m_savingLabel);
    connect(m_document, &Document::savingChanged, this, [this](bool saving, const QString &what) {
        if (!saving) {
            m_savingLabel->hide();
            return;
        }
        m_savingLabel->setText(tr("Saving… (%1)").arg(what));
        QTimer::singleShot(300, m_savingLabel, [this] { m_savingLabel->setVisible(m_document->isSaving()); });
    });
    // An edit the server refused as stale because the others changed the same refactoring or
    // release: the user chooses (one that touches only others' is made again by itself).
    m_document->setConflictHandler([this](const QString &text, const QString &refusal) {
        QMessageBox box(QMessageBox::Warning, tr("Changed on the Server"),
                        tr("Someone else changed the plan where “%1” does.").arg(text), QMessageBox::NoButton, this);
        box.setObjectName(u"conflictBox"_s);
        box.setInformativeText(tr("%1\n\nThe window now shows the server's plan. Make your edit again on it, "
                                  "or keep the others' version?").arg(refusal));
        QPushButton *reapply = box.addButton(tr("Reload and Re-apply"), QMessageBox::AcceptRole);
        reapply->setObjectName(u"reapplyButton"_s);
        QPushButton *discard = box.addButton(tr("Reload (Discard Mine)"), QMessageBox::RejectRole);
        discard->setObjectName(u"discardButton"_s);
        box.setDefaultButton(reapply);
        box.setEscapeButton(discard);
        box.exec();
        return box.clickedButton() == reapply ? Document::ConflictChoice::Reapply : Document::ConflictChoice::Discard;
    });
    connect(m_document, &Document::editReapplied, this, [this](const QString &, const QString &notice) {
        statusBar()->showMessage(notice, 10000);
    });
    connect(m_document, &Document::serverEdited, this,
            [this](qint64 revision, const QString &who, const QString &what) {
                statusBar()->showMessage(tr("%1 — by %2 (revision %3)").arg(what, who).arg(revision), 10000);
            });
}

void MainWindow::openServerPlan(const QString &location)
{
    ServerLocation parsed;
    QString error;
    if (!ServerLocation::parse(location, &parsed, &error)) {
        showLoadErrors(location, {Connection::redact(error, location)});
        return;
    }
    // A host that does not answer keeps a connect waiting up to libpq's connect_timeout: a
    // worker connects first, on a connection of its own, and the window stays live meanwhile.
    // Only the answer for the newest open counts.
    const quint64 token = ++m_serverOpens;
    statusBar()->showMessage(tr("Connecting to the server of %1…").arg(parsed.displayName()));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, token, location] {
        watcher->deleteLater();
        if (token != m_serverOpens)
            return; // another plan was opened meanwhile
        if (m_document->isSaving()) {
            // The answer came while an edit waits on its server (posted events run then): the
            // open replaces what that edit uses, so it follows once the edit is answered.
            auto *once = new QObject(this);
            connect(m_document, &Document::savingChanged, once, [this, once, token, location](bool saving) {
                if (saving)
                    return;
                once->deleteLater();
                if (token == m_serverOpens)
                    QTimer::singleShot(0, this, [this, location] { openServerPlan(location); });
            });
            return;
        }
        const QString unreachable = watcher->future().result();
        if (!unreachable.isEmpty()) {
            statusBar()->showMessage(tr("Could not open %1: %2").arg(Connection::redacted(location), unreachable));
            showLoadErrors(location, {tr("the server does not answer: %1").arg(unreachable)});
            return;
        }
        QStringList errors;
        if (!loadPlan(location, &errors))
            showLoadErrors(location, errors);
    });
    auto promise = std::make_shared<QPromise<QString>>();
    watcher->setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, dsn = parsed.dsn] {
        promise->start();
        Connection connection; // opened and closed in this worker only
        QString reason;
        promise->addResult(connection.open(dsn, &reason) ? QString() : Connection::redact(reason, dsn));
        promise->finish();
    });
}

} // namespace Tideline
