// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportrenderer.h"

#include <review/review.h>

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

#include <memory>

class QProgressDialog;
class QWidget;

namespace Tideline {

/**
 * One readiness report (ReportRenderer) written in a worker thread, so that the window keeps
 * answering while a report of a large plan is laid out: the GUI thread draws only the charts
 * (they are widgets), the worker builds the text, lays it out and writes the file. A progress
 * dialog with Cancel appears over the parent when the report takes longer than 200 ms; a
 * cancelled report writes nothing and leaves an older file at the path as it was. Reports run
 * one at a time in a thread of their own (the pool "reportPool"), not in the global pool the
 * plan's checks use. HTML or PDF
 * by the path's suffix, as File › Export Report offers them. The task deletes itself after
 * finished().
 */
class ReportTask final : public QObject
{
    Q_OBJECT

public:
    /** A report of @p path (HTML, or PDF by its suffix); @p parent hosts the progress dialog
     *  and owns the task. It waits (its dialog says so) until begin() gives it the review of
     *  the plan as it is, or fail() says why there is none. */
    ReportTask(const QString &path, QWidget *parent);
    /** A report still being written is cancelled and waited for: nothing is written. */
    ~ReportTask() override;
    void begin(const ReviewResult &review);
    void fail(const QString &message);

    QString path() const { return m_path; }
    /** Stops before the next page of a PDF is painted, or before the work begins; nothing is
     *  written then. An HTML report is written in one go, so a cancel during it is too late. */
    void cancel();

signals:
    void progressed(int done, int total);
    /** @p message is the error (it names the file and the reason), or what was written. */
    void finished(bool ok, const QString &message);

private:
    void done();
    /** Draws chart @p index on the GUI thread, then the next one in a later turn of the event
     *  loop, then starts the worker. */
    void drawChart(int index);
    void write();

    QString m_path;
    enum class State { Waiting, Drawing, Writing, Done };
    State m_state = State::Waiting;
    ReviewResult m_review;
    QList<ReportRenderer::Chart> m_charts;
    QFutureWatcher<void> m_watcher;
    QPointer<QProgressDialog> m_dialog;
    struct Outcome
    {
        bool written = false;
        QString error;
    };
    std::shared_ptr<Outcome> m_outcome; // written by the worker before it finishes, read after
};

} // namespace Tideline
