// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "exporttask.h"

#include <dialogs/dialogutil.h>
#include <engine/engine.h>
#include <sql/bundleexport.h>
#include <sql/dialect.h>

#include <QDir>
#include <QProgressDialog>
#include <QPromise>
#include <QThreadPool>

#include <memory>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

QString releasesText(int count)
{
    return count == 1 ? ExportTask::tr("1 release") : ExportTask::tr("%1 releases").arg(count);
}

} // namespace

ExportTask *ExportTask::start(const Request &request, QWidget *parent)
{
    return new ExportTask(request, parent);
}

ExportTask::ExportTask(const Request &request, QWidget *parent)
    : QObject(parent)
    , m_request(request)
    , m_outcome(std::make_shared<Outcome>())
{
    setObjectName(u"exportTask"_s);
    const int total = int(request.releases.size());
    auto *dialog = DialogUtil::taskProgress(
        tr("Exporting %1…").arg(request.releases.size() == 1 ? request.releases.first() : releasesText(total)),
        tr("Export"), u"exportProgress"_s, total, parent);
    m_dialog = dialog;
    connect(dialog, &QProgressDialog::canceled, this, &ExportTask::cancel);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, [this, total](int value) {
        if (m_dialog)
            m_dialog->setValue(value);
        emit progressed(value, total);
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ExportTask::done);

    auto promise = std::make_shared<QPromise<void>>();
    m_watcher.setFuture(promise->future());
    // The worker's outcome is shared: the window may close (and delete this task) before it ends.
    QThreadPool::globalInstance()->start([promise, request, outcome = m_outcome] {
        QString *error = &outcome->error;
        promise->start();
        promise->setProgressRange(0, int(request.releases.size()));
        const Dialect *dialect = Dialect::forName(request.dialect);
        qsizetype &scripts = outcome->scripts;
        if (!request.result || !request.result->engine)
            *error = tr("The plan cannot be evaluated, so there is no bundle to export.");
        else if (!dialect)
            *error = tr("Unknown dialect %1").arg(request.dialect);
        else if (request.intoFolder)
            scripts = BundleExport::writeInto(*request.result->engine, request.releases, *dialect, request.layout,
                                              request.directory, error, [&promise](int done, int) {
                                                  promise->setProgressValue(done);
                                                  return !promise->isCanceled();
                                              });
        else
            scripts = BundleExport::write(*request.result->engine,
                                          request.releases,
                                          request.folderPerRelease,
                                          *dialect,
                                          request.layout,
                                          request.directory,
                                          request.replaceOurs,
                                          error,
                                          [&promise](int done, int) {
                                              promise->setProgressValue(done);
                                              return !promise->isCanceled();
                                          });
        promise->finish();
    });
}

void ExportTask::cancel()
{
    m_watcher.cancel();
}

void ExportTask::done()
{
    // What the worker did, not whether Cancel was pressed: a cancel after the last release was
    // written comes too late, and the files are there.
    const qsizetype scripts = m_outcome->scripts;
    if (m_dialog)
        m_dialog->deleteLater();
    Document::release(std::exchange(m_request.result, {}));
    const QString where = QDir::toNativeSeparators(m_request.directory);
    if (scripts >= 0) {
        const QString what = m_request.folderPerRelease
                                 ? releasesText(int(m_request.releases.size()))
                                 : m_request.releases.value(0);
        emit finished(true,
                      (scripts == 1 ? tr("Exported 1 script of %2 to %3") : tr("Exported %1 scripts of %2 to %3"))
                          .arg(scripts)
                          .arg(what, where));
    } else {
        emit finished(false, m_outcome->error);
    }
    deleteLater();
}

} // namespace Tideline
