// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "verifydialog.h"

#include <sql/connection.h>
#include <sql/dialect.h>
#include <verify/verifytarget.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QThreadPool>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tideline {

VerifyDialog::VerifyDialog(const Plan &plan, const QString &release, QWidget *parent)
    : QDialog(parent)
    , m_plan(plan)
    , m_releases(new QComboBox(this))
    , m_scratch(new QRadioButton(this))
    , m_useDsn(new QRadioButton(tr("This &database:"), this))
    , m_dsn(new QLineEdit(this))
    , m_rows(new QSpinBox(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_output(new QPlainTextEdit(this))
    , m_start(new QPushButton(tr("&Verify"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_buttons(new QDialogButtonBox(this))
{
    setObjectName(u"verifyDialog"_s);
    setWindowTitle(tr("Verify"));
    m_releases->setObjectName(u"verifyRelease"_s);
    m_releases->addItem(tr("All releases"), QString());
    for (const Release &r : plan.releases) {
        if (r.status != Release::Status::Cancelled)
            m_releases->addItem(r.label.isEmpty() ? r.id : u"%1 (%2)"_s.arg(r.id, r.label), r.id);
    }
    m_releases->setCurrentIndex(qMax(0, m_releases->findData(release)));

    const Dialect *dialect = Dialect::forName(plan.dialect);
    const QString engine = dialect ? dialect->title() : plan.dialect;
    const bool needsDsn = VerifyTarget::needsDsn(plan.dialect);
    m_scratch->setObjectName(u"verifyScratch"_s);
    m_scratch->setText(needsDsn ? tr("A &scratch %1 (verify cannot start one: name a server below)").arg(engine)
                       : dialect && dialect->isEmbedded()
                           ? tr("A &scratch %1 database in memory").arg(engine)
                           : tr("A &scratch %1 server that verify starts and stops").arg(engine));
    m_scratch->setEnabled(!needsDsn);
    m_useDsn->setObjectName(u"verifyUseDsn"_s);
    (needsDsn ? m_useDsn : m_scratch)->setChecked(true);
    m_dsn->setObjectName(u"verifyDsn"_s);
    m_dsn->setPlaceholderText(VerifyTarget::usableDsns().join(u"  "_s));
    m_dsn->setToolTip(tr("A server verify may create and drop a scratch database on; on another engine "
                         "than the plan's, the plan is planned for that engine first"));
    m_rows->setObjectName(u"verifyRows"_s);
    m_rows->setRange(1, 10'000'000);
    m_rows->setValue(1000);
    m_rows->setSuffix(tr(" sample rows a table"));
    m_progress->setObjectName(u"verifyProgress"_s);
    m_progress->hide();
    m_status->setObjectName(u"verifyStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_output->setObjectName(u"verifyOutput"_s);
    m_output->setReadOnly(true);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setPlaceholderText(tr("Verify builds each schema state on the database, loads sample rows, runs "
                                    "every script of the release twice and the statements of the app "
                                    "versions on either side of it, each rolled back."));
    m_start->setObjectName(u"verifyStart"_s);
    m_start->setDefault(true);
    m_cancel->setObjectName(u"verifyCancel"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("&Release:"), m_releases);
    form->addRow(tr("On:"), m_scratch);
    form->addRow(m_useDsn, m_dsn);
    form->addRow(tr("Sample:"), m_rows);
    m_buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    m_buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    connect(m_start, &QPushButton::clicked, this, &VerifyDialog::start);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &VerifyDialog::reject);
    connect(m_dsn, &QLineEdit::textChanged, this, [this] {
        if (!m_dsn->text().isEmpty())
            m_useDsn->setChecked(true);
        updateButtons();
    });
    connect(m_useDsn, &QRadioButton::toggled, this, &VerifyDialog::updateButtons);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, [this](int done) {
        m_progress->setValue(done);
        if (done < m_running.size())
            m_status->setText(tr("Verifying %1 (%2 of %3)…").arg(m_running.at(done)).arg(done + 1).arg(m_running.size()));
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &VerifyDialog::finished);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_output, 1);
    layout->addWidget(m_buttons);
    resize(820, 560);
    updateButtons();
}

VerifyDialog::~VerifyDialog()
{
    m_watcher.cancel(); // the worker stops before its next release; its outcome is shared
}

bool VerifyDialog::isRunning() const
{
    return m_watcher.isRunning();
}

void VerifyDialog::updateButtons()
{
    const bool running = isRunning();
    m_start->setEnabled(!running && (!m_useDsn->isChecked() || !m_dsn->text().trimmed().isEmpty()));
    m_cancel->setText(running ? tr("Cancel") : tr("Close"));
    for (QWidget *w : {static_cast<QWidget *>(m_releases), static_cast<QWidget *>(m_dsn),
                       static_cast<QWidget *>(m_rows), static_cast<QWidget *>(m_useDsn)})
        w->setEnabled(!running);
    m_scratch->setEnabled(!running && !VerifyTarget::needsDsn(m_plan.dialect));
}

bool VerifyDialog::start()
{
    if (isRunning())
        return false;
    const QString only = m_releases->currentData().toString();
    m_running.clear();
    for (int i = 1; i < m_releases->count(); ++i) {
        if (only.isEmpty() || m_releases->itemData(i).toString() == only)
            m_running << m_releases->itemData(i).toString();
    }
    if (m_running.isEmpty()) {
        m_status->setText(tr("The plan has no release to verify."));
        return false;
    }
    const QString dsn = m_useDsn->isChecked() ? m_dsn->text().trimmed() : QString();
    m_results.clear();
    m_error.clear();
    m_output->clear();
    m_progress->setRange(0, int(m_running.size()));
    m_progress->setValue(0);
    m_progress->show();
    m_status->setText(dsn.isEmpty() ? tr("Preparing a scratch database…")
                                    : tr("Connecting to %1…").arg(Connection::redacted(dsn)));
    m_outcome = std::make_shared<Outcome>();
    auto promise = std::make_shared<QPromise<void>>();
    // Started here, not in the worker: the run is under way (isRunning(), Cancel) from now on,
    // however late the pool gets to it.
    promise->start();
    promise->setProgressRange(0, int(m_running.size()));
    m_watcher.setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, plan = m_plan, releases = m_running, dsn,
                                          rows = m_rows->value(), outcome = m_outcome] {
        outcome->ok = VerifyTarget::verify(plan, releases, dsn, rows, &outcome->results, &outcome->error,
                                           [&promise](int done, int) {
                                               promise->setProgressValue(done);
                                               return !promise->isCanceled();
                                           },
                                           &outcome->dsnNeeded);
        promise->finish();
    });
    updateButtons();
    return true;
}

void VerifyDialog::cancel()
{
    if (!isRunning())
        return;
    m_watcher.cancel();
    m_status->setText(tr("Cancelling: the release under way finishes on its own, and nothing of this run is kept."));
}

void VerifyDialog::reject()
{
    if (isRunning()) {
        cancel();
        return;
    }
    QDialog::reject();
}

void VerifyDialog::finished()
{
    m_progress->hide();
    const std::shared_ptr<Outcome> outcome = std::exchange(m_outcome, {});
    if (m_watcher.isCanceled() || !outcome) {
        m_status->setText(tr("Verify was cancelled; no verdict was taken from it."));
        updateButtons();
        return;
    }
    m_results = outcome->results;
    m_error = outcome->ok ? QString() : outcome->error;
    QString text;
    for (const VerifyResult &r : std::as_const(m_results))
        text += describe(r) + u'\n';
    m_output->setPlainText(text);
    int failed = 0;
    for (const VerifyResult &r : std::as_const(m_results))
        failed += !r.passed();
    if (!outcome->ok)
        m_status->setText(outcome->dsnNeeded
                              ? tr("Verify cannot start this engine itself: name a server under \"This database\".")
                              : tr("Verify could not run: %1").arg(outcome->error));
    else if (failed)
        m_status->setText((failed == 1 ? tr("1 release failed verify") : tr("%1 releases failed verify").arg(failed))
                          + tr("; the Readiness dock and the report show it."));
    else
        m_status->setText(tr("Verify passed for %1; the Readiness dock and the report show it.")
                              .arg(QStringList([&] {
                                       QStringList ids;
                                       for (const VerifyResult &r : std::as_const(m_results))
                                           ids << r.release;
                                       return ids;
                                   }()).join(u", "_s)));
    updateButtons();
    emit verified(m_results);
}

QString VerifyDialog::describe(const VerifyResult &r)
{
    const QString tick = u"✓"_s, cross = u"✗"_s;
    QString text = tr("%1 on %2: %3").arg(r.release, r.engine, r.passed() ? tr("PASS") : tr("FAIL")) + u'\n';
    for (const VerifyScript &s : r.scripts) {
        text += u"  %1 %2  run %3  %4 s\n"_s.arg(s.ok ? tick : cross, s.file).arg(s.run).arg(s.seconds, 0, 'f', 3);
        if (!s.ok)
            text += u"      "_s + s.error + u'\n';
    }
    for (const VerifyStatement &s : r.statements) {
        if (s.ok && s.skipped.isEmpty())
            continue;
        text += u"  %1 A %2 on %3: %4\n"_s.arg(s.skipped.isEmpty() ? cross : u"-"_s, s.app, s.state, s.sql.left(120));
        text += u"      "_s + (s.skipped.isEmpty() ? s.error : tr("skipped: %1").arg(s.skipped)) + u'\n';
    }
    for (const VerifyCell &c : r.cells)
        text += u"  A %1 on %2: %3\n"_s.arg(c.app, c.state, c.executedOk ? tick : cross);
    for (const QString &d : r.defects)
        text += u"  "_s + d + u'\n';
    for (const QString &e : r.errors)
        text += u"  error: "_s + e + u'\n';
    return text;
}

} // namespace Tideline
