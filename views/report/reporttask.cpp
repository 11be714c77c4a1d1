// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reporttask.h"

#include <QDir>
#include <QFileInfo>
#include <QProgressDialog>
#include <QPromise>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Tideline {

ReportTask::ReportTask(const QString &path, QWidget *parent)
    : QObject(parent)
    , m_path(path)
    , m_outcome(std::make_shared<Outcome>())
{
    setObjectName(u"reportTask"_s);
    auto *dialog = new QProgressDialog(tr("Waiting for the check of the plan to finish…"), tr("Cancel"), 0, 0, parent);
    dialog->setObjectName(u"reportProgress"_s);
    dialog->setWindowTitle(tr("Export Report"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(200);
    dialog->setAutoReset(false);
    dialog->setAutoClose(false);
    m_dialog = dialog;
    connect(dialog, &QProgressDialog::canceled, this, &ReportTask::cancel);
    connect(&m_watcher, &QFutureWatcherBase::progressRangeChanged, this, [this](int, int maximum) {
        if (m_dialog)
            m_dialog->setMaximum(maximum);
    });
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, [this](int value) {
        if (m_dialog) {
            m_dialog->setValue(value);
            m_dialog->setLabelText(tr("Writing the report %1: page %2 of %3…")
                                       .arg(QFileInfo(m_path).fileName())
                                       .arg(value)
                                       .arg(m_watcher.progressMaximum()));
        }
        emit progressed(value, m_watcher.progressMaximum());
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ReportTask::done);
}

void ReportTask::begin(const ReviewResult &review)
{
    if (m_state != State::Waiting)
        return;
    m_state = State::Drawing;
    if (m_dialog)
        m_dialog->setLabelText(tr("Writing the report %1…").arg(QFileInfo(m_path).fileName()));
    m_review = review;
    drawChart(0);
}

void ReportTask::drawChart(int index)
{
    if (m_state != State::Drawing)
        return; // cancelled meanwhile
    // The charts are widgets: drawn here, on the GUI thread, one a turn (each some 10–30 ms
    // at 200 releases). The rest is the worker's.
    m_charts << ReportRenderer::drawChart(index, m_review);
    if (index + 1 < ReportRenderer::ChartCount)
        QTimer::singleShot(0, this, [this, index] { drawChart(index + 1); });
    else
        write();
}

void ReportTask::write()
{
    m_state = State::Writing;
    auto renderer = std::make_shared<const ReportRenderer>(m_review, QString(), m_charts);
    m_review = {};
    m_charts.clear();
    auto promise = std::make_shared<QPromise<void>>();
    m_watcher.setFuture(promise->future());
    // The worker's outcome is shared: the window may close (and delete this task) before it ends.
    QThreadPool::globalInstance()->start([promise, renderer, path = m_path, outcome = m_outcome] {
        promise->start();
        if (path.endsWith(u".pdf"_s, Qt::CaseInsensitive)) {
            outcome->written = renderer->writePdf(path, &outcome->error, [&promise](int done, int total) {
                if (total > 0) {
                    promise->setProgressRange(0, total);
                    promise->setProgressValue(done);
                }
                return !promise->isCanceled();
            });
        } else if (promise->isCanceled()) {
            outcome->error = ReportRenderer::cancelledMessage();
        } else {
            outcome->written = renderer->writeHtml(path, &outcome->error);
        }
        promise->finish();
    });
}

void ReportTask::fail(const QString &message)
{
    if (m_state != State::Waiting && m_state != State::Drawing)
        return;
    m_outcome->error = message;
    done();
}

void ReportTask::cancel()
{
    if (m_state == State::Writing)
        m_watcher.cancel();
    else
        fail(ReportRenderer::cancelledMessage());
}

void ReportTask::done()
{
    // What the worker did, not whether Cancel was pressed: a cancel after the last page was
    // painted comes too late, and the file is there.
    m_state = State::Done;
    if (m_dialog)
        m_dialog->deleteLater();
    if (m_outcome->written)
        emit finished(true, tr("Wrote the report %1").arg(QDir::toNativeSeparators(m_path)));
    else
        emit finished(false, m_outcome->error);
    deleteLater();
}

} // namespace Tideline
