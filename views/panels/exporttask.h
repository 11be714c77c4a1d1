// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <document/document.h>

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QProgressDialog;
class QWidget;

namespace Tideline {

/**
 * One export of bundles (BundleExport::write) in a worker thread, so the window keeps
 * answering while files are written. A progress dialog with Cancel appears over the parent
 * when the export takes longer than 200 ms. An export that ends cancelled left the target folder
 * as it was; a cancel that comes while the last (or only) release is being written is too
 * late, and finished() then says what was written. The task keeps the engine run it exports alive until it is done, and deletes itself
 * after finished().
 */
class ExportTask final : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        Document::ResultPtr result; // the engine run to export (must have an engine)
        QStringList releases;       // ids in plan order ("baseline" allowed)
        bool folderPerRelease = false;
        QString dialect, layout, directory;
        /** Replace @p directory when it holds nothing but bundles Tideline wrote (the rule of
         *  `export --force`); never anything else. */
        bool replaceOurs = false;
        /** Write the files flat into @p directory, an existing folder of other people's files,
         *  never overwriting one that is not ours (BundleExport::writeInto). */
        bool intoFolder = false;
    };

    /** Starts @p request at once; @p parent hosts the progress dialog and owns the task. */
    static ExportTask *start(const Request &request, QWidget *parent);

    /** Stops before the next release is written; the target stays as it was. */
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }

signals:
    void progressed(int done, int total);
    /** @p message is the error, or what was written and where. */
    void finished(bool ok, const QString &message);

private:
    ExportTask(const Request &request, QWidget *parent);
    void done();

    Request m_request;
    QFutureWatcher<void> m_watcher;
    QPointer<QProgressDialog> m_dialog;
    struct Outcome
    {
        QString error;
        qsizetype scripts = -1;
    };
    std::shared_ptr<Outcome> m_outcome; // written by the worker before it finishes, read after
};

} // namespace Tideline
