// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reporttask.h"

#include <dialogs/dialogutil.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProgressDialog>
#include <QPromise>
#include <QPointer>
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
    auto *dialog = DialogUtil::taskProgress(tr("Waiting for the check of the plan to finish…"), tr("Export Report"),
                                            u"reportProgress"_s, 0, parent);
    m_dialog = dialog;
    connect(dialog, &QProgressDialog::canceled, this, &ReportTask::cancel);
    connect(&m_watcher, &QFutureWatcherBase::progressRangeChanged, this, [this](int, int maximum) {
        if (m_dialog)
            m_dialog->setMaximum(maximum);
    });
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, [this](int value) {
        if (m_state != State::Writing)
            return; // done() ran already (a modal dialog's setValue() processes events)
        emit progressed(value, m_watcher.progressMaximum());
        if (m_dialog && m_state == State::Writing) {
            m_dialog->setLabelText(tr("Writing the report %1: page %2 of %3…")
                                       .arg(QFileInfo(m_path).fileName())
                                       .arg(value)
                                       .arg(m_watcher.progressMaximum()));
            m_dialog->setValue(value);
        }
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

ReportTask::~ReportTask()
{
    // The window closes (or the application quits) while the worker writes: it stops at the
    // next page and writes nothing, before the application it paints with is torn down.
    if (m_state == State::Writing) {
        m_watcher.cancel();
        m_watcher.waitForFinished();
    }
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
    auto renderer = std::make_shared<const ReportRenderer>(std::exchange(m_review, {}), QString(),
                                                          std::exchange(m_charts, {}));
    auto promise = std::make_shared<QPromise<void>>();
    m_watcher.setFuture(promise->future());
    // The worker's outcome is shared: the window may close (and delete this task) before it ends.
    // Reports have a thread of their own: a 500-page PDF must not hold up the checks of the
    // plan, which run in the global pool.
    static QPointer<QThreadPool> pool;
    if (!pool) {
        pool = new QThreadPool(QCoreApplication::instance());
        pool->setObjectName(u"reportPool"_s);
        pool->setMaxThreadCount(1);
    }
    pool->start([promise, renderer, path = m_path, outcome = m_outcome] {
        promise->start();
        if (path.endsWith(u".pdf"_s, Qt::CaseInsensitive)) {
            int range = 0;
            outcome->written = renderer->writePdf(path, &outcome->error, [&promise, &range](int done, int total) {
                if (total > 0) {
                    if (range != total)
                        promise->setProgressRange(0, range = total);
                    promise->setProgressValue(done);
                }
                return !promise->isCanceled();
            });
        } else if (promise->isCanceled()) { // HTML is written in one go: a cancel counts only before it
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
