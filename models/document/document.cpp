// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "document.h"

#include "planedits.h"
#include "schemaedit.h"

#include <engine/engine.h>
#include <review/review.h>
#include <io/planfile.h>
#include <storage/serverplan.h>
#include <storage/serverprobe.h>

#include <sql/connection.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHash>
#include <QSet>
#include <QPromise>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QUndoCommand>
#include <QUndoStack>

#include <utility>

namespace Tideline {

namespace {

/**
 * Lets go of @p result in the worker: the last reference to an engine run of a large plan
 * frees every schema state it holds, which is no work for the GUI thread.
 */
void dispose(Document::ResultPtr result)
{
    if (result && result.use_count() == 1)
        QThreadPool::globalInstance()->start([result = std::move(result)]() mutable {
            result.reset();
        });
}

/**
 * Every edit: the plan before and after, swapped on undo and redo, each with its engine run
 * and review once known, so that undo and redo show them again without a new run.
 */
class PlanCommand final : public QUndoCommand
{
public:
    PlanCommand(Document *document,
                Plan before,
                Document::ResultPtr beforeResult,
                Plan after,
                const QString &text)
        : QUndoCommand(text)
        , m_document(document)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_beforeResult(std::move(beforeResult))
    {}

    // On a server the step is committed first; a refused one leaves the plan as it is and the
    // command leaves the history (obsolete).
    void undo() override
    {
        if (!m_document->commitStep(m_before, text(), false)) {
            setObsolete(true);
            return;
        }
        m_document->applyPlan(m_before, m_beforeResult, this, false);
    }
    void redo() override
    {
        if (!m_document->commitStep(m_after, text(), true)) {
            setObsolete(true);
            return;
        }
        m_document->applyPlan(m_after, m_afterResult, this, true);
    }

    void learn(Document::ResultPtr result, bool redo)
    {
        Document::ResultPtr &known = redo ? m_afterResult : m_beforeResult;
        std::swap(known, result);
        dispose(std::move(result));
    }
    /** Lets go of both results (older history keeps only its plans). */
    void forget()
    {
        dispose(std::exchange(m_beforeResult, {}));
        dispose(std::exchange(m_afterResult, {}));
    }
    /** Whether the plan before this edit is known not to run (null: not known yet). */
    const Document::ResultPtr &beforeResult() const { return m_beforeResult; }

private:
    Document *m_document; // Not owned: the document owns the stack that owns this command.
    Plan m_before;
    Plan m_after;
    Document::ResultPtr m_beforeResult;
    Document::ResultPtr m_afterResult;
};

QString undoText(const char *text)
{
    return QCoreApplication::translate("Tideline::Document", text);
}

} // namespace

Document::Document(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this] {
        emit modifiedChanged(isModified());
    });
    m_heartbeat = new QTimer(this);
    m_heartbeat->setInterval(HeartbeatMs);
    connect(m_heartbeat, &QTimer::timeout, this, &Document::heartbeat);
    startCheck(true);
}

Document::~Document()
{
    // The undo stack, a child, is cleared when QObject deletes it, and that clear signals its
    // index; whoever listens (the window's autosave) may already be half destroyed when its
    // owner takes the document down. A document that goes has nothing more to say.
    m_undoStack->disconnect();
    if (m_probeThread) {
        // A check in flight (at worst a connect waiting for its timeout) finishes first: its
        // connection belongs to that thread.
        m_probeThread->quit();
        m_probeThread->wait();
    }
    if (m_serverThread) {
        // The server plan is deleted in its thread, then the thread ends (and deletes itself).
        // Only a call still waiting on a server that does not answer (a document deleted from
        // within onServer()'s loop) keeps it going until libpq gives up; nothing waits for it.
        QMetaObject::invokeMethod(
            m_serverContext,
            [server = m_server.release()] {
                delete server;
                QThread::currentThread()->quit();
            },
            Qt::QueuedConnection);
        if (m_saving == 0)
            m_serverThread->wait();
    }
}

void Document::onServer(const QString &what, const std::function<void()> &work)
{
    if (!m_serverThread) {
        m_serverThread = new QThread;
        m_serverThread->setObjectName(QStringLiteral("tideline-server-plan"));
        m_serverContext = new QObject; // no parent: moved to the thread, deleted there
        m_serverContext->moveToThread(m_serverThread);
        connect(m_serverThread, &QThread::finished, m_serverContext, &QObject::deleteLater);
        connect(m_serverThread, &QThread::finished, m_serverThread, &QObject::deleteLater);
        m_serverThread->start();
    }
    if (++m_saving == 1)
        emit savingChanged(true, what);
    QEventLoop loop;
    auto done = std::make_shared<bool>(false);
    // work and loop outlive the call: this function returns only once done is set.
    QMetaObject::invokeMethod(
        m_serverContext,
        [&work, &loop, done] {
            work();
            QMetaObject::invokeMethod(
                &loop,
                [&loop, done] {
                    *done = true;
                    loop.quit();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    // Timers, painting, the probe's answers and notifications go on; the user's input waits,
    // so no edit, undo or redo starts in the middle of this one.
    while (!*done) {
        // An application that quits makes every loop return at once: then wait for events here.
        if (loop.exec(QEventLoop::ExcludeUserInputEvents) != 0 && !*done)
            QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents | QEventLoop::WaitForMoreEvents);
    }
    if (--m_saving == 0) {
        emit savingChanged(false, {});
        if (m_reloadPending || m_acceptLater || m_resetLater)
            QMetaObject::invokeMethod(this, &Document::afterSaving, Qt::QueuedConnection);
    }
}

void Document::afterSaving()
{
    if (m_saving)
        return; // another call started meanwhile; its end comes back here
    if (m_resetLater) {
        reset(*std::exchange(m_resetLater, std::nullopt)); // a new plan: the rest belonged to the old one
        if (ResultPtr stale = std::exchange(m_acceptLater, {}))
            dispose(std::move(stale));
        m_reloadPending = false;
        return;
    }
    if (ResultPtr result = std::exchange(m_acceptLater, {})) {
        if (m_acceptGeneration == m_generation)
            accept(std::move(result));
        else
            dispose(std::move(result)); // the plan changed meanwhile: its own run follows
    }
    if (std::exchange(m_reloadPending, false))
        serverChanged();
}

void Document::serverChanged()
{
    if (m_saving) {
        m_reloadPending = true; // read once the call in flight answered
        return;
    }
    QString error;
    reloadFromServer(&error);
}

void Document::dropServer()
{
    if (!m_server)
        return;
    ServerPlan *server = m_server.release();
    onServer(tr("Closing the server plan"), [server] { delete server; }); // its connection's thread
}

const QList<PlanError> &Document::engineErrors() const
{
    static const QList<PlanError> none;
    return m_result ? m_result->errors : none;
}

const ReviewResult &Document::review() const
{
    static const ReviewResult none;
    return m_result ? m_result->review : none;
}

void Document::release(ResultPtr result)
{
    dispose(std::move(result));
}

Document::ResultPtr Document::check(const Plan &plan, ResultPtr previous)
{
    auto result = std::make_shared<Result>();
    auto engine = std::make_shared<Engine>(plan);
    const Engine *before = previous ? previous->engine.get() : nullptr;
    if (before ? engine->runFrom(*before, &result->errors) : engine->run(&result->errors)) {
        // The releases before the first one the engine computed anew keep their review.
        result->review = before ? Review::update(previous->review, *engine, engine->firstChangedRelease())
                                : Review::run(*engine);
        result->engine = std::move(engine);
    }
    return result;
}

bool Document::isModified() const
{
    return !m_server && !m_undoStack->isClean(); // a server plan has every edit saved
}

bool Document::takeLock(const QString &path, std::unique_ptr<PlanFileLock> *lock, QString *error)
{
    if (PlanFile::formatOf(path) != PlanFile::Format::Sqlite)
        return true;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (m_lock && m_lock->planPath() == absolute) {
        *lock = std::move(m_lock); // already ours: handed back when the caller is done
        return true;
    }
    auto taken = std::make_unique<PlanFileLock>(absolute);
    if (!taken->acquire()) {
        if (error)
            *error = taken->errorString();
        return false;
    }
    *lock = std::move(taken);
    return true;
}

bool Document::open(const QString &path, QList<PlanError> *errors)
{
    // Opening replaces the plan, the server and the undo stack that an edit waiting on the server
    // still uses: refused until that edit is answered.
    if (m_saving) {
        if (errors)
            *errors = {PlanError{Connection::redacted(path), {},
                                 tr("an edit is still being saved on the server; open the plan again once it is saved")}};
        return false;
    }
    if (PlanFile::formatOf(path) == PlanFile::Format::Server) {
        std::unique_ptr<ServerPlan> server;
        Plan plan;
        QString error;
        bool opened = false;
        onServer(tr("Opening %1").arg(Connection::redacted(path)), [&] {
            server = std::make_unique<ServerPlan>(); // made here: it lives in the server thread
            opened = server->open(path, &error) && server->load(&plan, &error);
            if (!opened)
                server.reset();
        });
        if (!opened) {
            if (errors)
                *errors = {PlanError{Connection::redacted(path), {}, error}};
            return false;
        }
        reset(plan);
        m_server = std::move(server);
        m_ownRevision = m_server->revision();
        // Queued: the notifications arrive in the server thread.
        connect(m_server.get(), &ServerPlan::changedOnServer, this, &Document::serverChanged);
        qint64 pid = -1;
        onServer(tr("Listening"), [this, &pid] {
            QString ignored; // without notifications the plan still refuses stale edits
            m_server->listen(&ignored);
            pid = m_server->backendPid();
        });
        setFilePath(path);
        m_serverPid = pid;
        ++m_probeToken; // answers about the plan before are of no use
        m_heartbeat->start();
        if (errors)
            errors->clear();
        return true;
    }
    Plan plan;
    QList<PlanError> problems;
    std::unique_ptr<PlanFileLock> lock;
    QString lockError;
    if (!takeLock(path, &lock, &lockError)) {
        if (errors)
            *errors = {PlanError{path, {}, lockError}};
        return false;
    }
    if (!PlanFile::load(path, &plan, &problems)) {
        if (lock && lock->planPath() == m_filePath)
            m_lock = std::move(lock); // the file this document still refers to
        if (problems.isEmpty())
            problems.append({path, {}, QStringLiteral("cannot be read as a plan")});
        if (errors)
            *errors = problems;
        return false;
    }
    reset(plan);
    m_saved = plan;
    if (lock)
        m_lock = std::move(lock);
    setFilePath(QFileInfo(path).absoluteFilePath());
    if (errors)
        errors->clear();
    return true;
}

bool Document::save(const QString &path, QString *error)
{
    if (m_server && path == m_filePath) {
        m_undoStack->setClean(); // every edit is on the server already
        return true;
    }
    if (PlanFile::formatOf(path) == PlanFile::Format::Server) {
        // Saved to a server, the document goes on there: its edits are the server's from now.
        QList<PlanError> problems;
        bool saved = false;
        onServer(tr("Saving to %1").arg(Connection::redacted(path)),
                 [&] { saved = PlanFile::save(path, m_plan, &problems); }); // a connection of its own
        if (!saved || !open(path, &problems)) {
            if (error)
                *error = problems.isEmpty() ? tr("%1: cannot be written").arg(Connection::redacted(path))
                                            : problems.constFirst().toString();
            return false;
        }
        return true;
    }
    QList<PlanError> problems;
    std::unique_ptr<PlanFileLock> lock;
    QString lockError;
    if (!takeLock(path, &lock, &lockError)) {
        if (error)
            *error = PlanError{path, {}, lockError}.toString();
        return false;
    }
    if (!PlanFile::save(path, m_plan, &problems)) {
        if (lock && lock->planPath() == m_filePath)
            m_lock = std::move(lock);
        if (error)
            *error = problems.isEmpty() ? QStringLiteral("%1: cannot be written").arg(path)
                                        : problems.constFirst().toString();
        return false;
    }
    m_lock = std::move(lock); // the file's own, or none for a JSON file
    m_saved = m_plan;
    setFilePath(QFileInfo(path).absoluteFilePath());
    m_undoStack->setClean();
    return true;
}

void Document::reset(const Plan &plan)
{
    if (m_saving) {
        // An edit waiting on the server still uses the plan, the server and the undo stack:
        // the new plan replaces them once it is answered (afterSaving).
        m_resetLater = plan;
        return;
    }
    m_source = nullptr;
    m_undoStack->clear(); // emits cleanChanged, hence modifiedChanged, when it was modified
    m_plan = plan;
    ++m_generation;
    setFilePath(QString());
    m_lock.reset(); // no file: nothing held open
    dropServer();
    m_ownRevision = 0;
    m_heartbeat->stop();
    ++m_probeToken;
    if (!m_online) {
        m_online = true;
        emit serverOnlineChanged(true, {});
    }
    m_selection = {};
    // Another plan: the last result says nothing about it, so nothing is shown until its own.
    // The views let go of the old run (resultChanged) before it is freed.
    ResultPtr old = std::exchange(m_result, {});
    startCheck(true);
    emit planChanged();
    emit resultChanged();
    emit selectionChanged(m_selection);
    dispose(std::move(old));
}

void Document::applyPlan(const Plan &plan, ResultPtr known, QUndoCommand *command, bool redo)
{
    m_plan = plan;
    ++m_generation;
    m_source = command;
    m_sourceRedo = redo;
    ResultPtr old;
    const bool fresh = bool(known);
    if (fresh) {
        m_rerun = false; // a run in flight is of an older plan: nothing to follow it
        old = std::exchange(m_result, std::move(known));
        setChecking(false);
    } else {
        startCheck(false);
    }
    dropStaleSelection();
    emit planChanged();
    if (fresh)
        emit resultChanged();
    dispose(std::move(old)); // after the views let go of it
}

bool Document::commitStep(const Plan &plan, const QString &text, bool redo)
{
    if (!m_server || std::exchange(m_committed, false))
        return true;
    QString error;
    if (m_server->location().revision >= 0) {
        error = tr("this is the plan as it was at revision %1: read-only").arg(m_server->location().revision);
    } else {
        const QString what = (redo ? tr("Redo: %1") : tr("Undo: %1")).arg(text);
        bool committed = false;
        bool logged = false;
        QList<ServerRevision> later;
        onServer(what, [&] {
            committed = m_server->commit(plan, what, &error, m_ownRevision);
            QString ignored;
            if (!committed)
                logged = m_server->log(&later, &ignored, m_ownRevision);
        });
        if (committed) {
            m_ownRevision = m_server->revision();
            return true;
        }
        // Others edited after this document's last own edit: an undo or redo now would take
        // theirs back or overwrite it. Say so in an undo's words, not an edit's.
        if (logged && !later.isEmpty()) {
            QStringList names;
            for (const ServerRevision &r : std::as_const(later))
                names << tr("revision %1 by %2: %3").arg(QString::number(r.revision), r.who, r.what);
            error = (redo ? tr("the plan changed on the server after it was undone (%1); redoing it "
                               "now would overwrite that")
                          : tr("a later edit on the server stands in the way (%1); an undo never takes "
                               "back someone else's edit"))
                        .arg(names.join(u"; "));
        }
    }
    emit editRefused(redo ? tr("Cannot redo %1: %2").arg(text, error)
                          : tr("Cannot undo %1: %2").arg(text, error));
    return false;
}

void Document::heartbeat()
{
    if (!m_server || m_probing)
        return; // the check before has not answered yet (an unreachable host)
    if (!m_probeThread) {
        m_probeThread = new QThread(this);
        m_probeThread->setObjectName(QStringLiteral("tideline-server-probe"));
        m_probe = new ServerProbe; // no parent: moved to the thread, deleted there
        m_probe->moveToThread(m_probeThread);
        connect(m_probeThread, &QThread::finished, m_probe, &QObject::deleteLater);
        connect(m_probe, &ServerProbe::checked, this, &Document::probed); // queued: another thread
        m_probeThread->start();
    }
    m_probing = true;
    QMetaObject::invokeMethod(
        m_probe,
        [probe = m_probe, token = m_probeToken, dsn = m_server->location().dsn, pid = m_serverPid] {
            probe->check(token, dsn, pid); // in the probe's thread
        },
        Qt::QueuedConnection);
}

void Document::probed(quint64 token, bool reachable, bool mineAlive, const QString &reason)
{
    m_probing = false;
    if (!m_server || token != m_probeToken)
        return;
    bool online = reachable;
    QString why = reason;
    if (reachable && (!m_online || !mineAlive)) {
        if (m_saving)
            return; // the call in flight tells; the next heartbeat asks again
        // The server answers the probe, so opening this document's own connection again (and
        // LISTENing again) is quick now.
        qint64 pid = -1;
        onServer(tr("Connecting again"), [&] {
            online = m_server->ping(&why);
            pid = online ? m_server->backendPid() : -1;
        });
        m_serverPid = pid;
    }
    if (online == m_online)
        return;
    m_online = online;
    if (online) {
        QString ignored;
        reloadFromServer(&ignored); // what the others did meanwhile
    }
    emit serverOnlineChanged(online, why);
}

namespace {

/** What an edit from @p before to @p after touched: refactorings and releases by id, and
 *  whether anything else (settings, baseline, usage, order, history…). */
struct Touched
{
    QSet<QString> refactorings;
    QSet<QString> releases;
    bool other = false;
};

template<typename T>
void touchedIds(const QList<T> &before, const QList<T> &after, QSet<QString> *ids, bool *order)
{
    QHash<QString, const T *> old;
    for (const T &item : before)
        old.insert(item.id, &item);
    QStringList beforeOrder, afterOrder;
    for (const T &item : after) {
        const T *was = old.take(item.id);
        if (!was || !(*was == item))
            ids->insert(item.id);
        else
            afterOrder << item.id;
    }
    for (auto it = old.cbegin(); it != old.cend(); ++it)
        ids->insert(it.key()); // removed
    for (const T &item : before)
        if (!ids->contains(item.id))
            beforeOrder << item.id;
    if (beforeOrder != afterOrder)
        *order = true; // moved: the positions of the others change too
}

Touched touched(const Plan &before, const Plan &after)
{
    Touched t;
    touchedIds(before.refactorings, after.refactorings, &t.refactorings, &t.other);
    touchedIds(before.releases, after.releases, &t.releases, &t.other);
    Plan a = before, b = after;
    a.refactorings.clear();
    a.releases.clear();
    b.refactorings.clear();
    b.releases.clear();
    if (!(a == b))
        t.other = true;
    return t;
}

} // namespace

bool Document::resolveStale(const Plan &base, const Plan &mine, const QString &text, QString *error,
                            const std::function<bool(Plan *, QString *)> &again, Plan *reapplied)
{
    const QString refusal = error ? *error : QString();
    const qint64 baseRevision = m_server->revision();
    const Touched ours = touched(base, mine); // before the reload: base may be m_plan itself
    const Plan before = base;
    QString ignored;
    if (!reloadFromServer(&ignored) || m_server->revision() == baseRevision)
        return false; // not stale (or the server cannot be read): the refusal stands
    const Touched theirs = touched(before, m_plan);
    const bool apart = !(ours.other && theirs.other) && !ours.refactorings.intersects(theirs.refactorings)
                       && !ours.releases.intersects(theirs.releases);
    if (!apart && (!m_conflictHandler || m_conflictHandler(text, refusal) != ConflictChoice::Reapply)) {
        if (error && m_conflictHandler)
            *error = tr("%1: discarded; the plan is the server's revision %2").arg(text, QString::number(m_server->revision()));
        return false;
    }
    Plan plan = m_plan;
    QString why;
    if (!again(&plan, &why)) {
        if (error)
            *error = tr("%1 no longer applies to the server's revision %2: %3")
                         .arg(text, QString::number(m_server->revision()), why);
        return false;
    }
    if (plan == m_plan) {
        if (error)
            *error = tr("%1: the server's revision %2 has it already").arg(text, QString::number(m_server->revision()));
        return false;
    }
    bool committed = false;
    onServer(text, [&] { committed = m_server->commit(plan, text, error, m_server->revision()); });
    if (!committed)
        return false;
    *reapplied = std::move(plan);
    emit editReapplied(text, apart ? tr("%1 made again on revision %2: the others' edits touched "
                                        "other refactorings and releases")
                                         .arg(text, QString::number(m_server->revision() - 1))
                                   : tr("%1 made again on revision %2").arg(text, QString::number(m_server->revision() - 1)));
    return true;
}

bool Document::reloadFromServer(QString *error)
{
    if (!m_server) {
        if (error)
            *error = tr("the plan is not on a server");
        return false;
    }
    const qint64 before = m_server->revision();
    Plan plan;
    bool loaded = false;
    QList<ServerRevision> edits;
    onServer(tr("Reading the plan"), [&] {
        loaded = m_server->load(&plan, error);
        QString ignored;
        if (loaded && m_server->revision() != before)
            m_server->log(&edits, &ignored, before);
    });
    if (!loaded)
        return false;
    if (m_server->revision() == before && plan == m_plan)
        return true;
    m_plan = plan;
    ++m_generation;
    m_source = nullptr;
    startCheck(false);
    dropStaleSelection();
    emit planChanged();
    for (const ServerRevision &edit : std::as_const(edits))
        emit serverEdited(edit.revision, edit.who, edit.what);
    return true;
}

void Document::setSelection(const Selection &s)
{
    if (s == m_selection)
        return;
    m_selection = s;
    emit selectionChanged(m_selection);
}

void Document::setFilePath(const QString &path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    emit filePathChanged(m_filePath);
}

void Document::setChecking(bool checking)
{
    if (checking == m_checking)
        return;
    m_checking = checking;
    emit checkingChanged(m_checking);
}

void Document::startCheck(bool now)
{
    setChecking(true);
    // Edits in quick succession share one worker: the run in flight finishes, its result is
    // dropped, and one run over the newest plan follows. A new plan (open, reset) starts at
    // once instead, leaving the old run to finish unheard.
    if (m_running && !now) {
        m_rerun = true;
        return;
    }
    launch();
}

void Document::launch()
{
    auto *watcher = new QFutureWatcher<ResultPtr>(this);
    auto promise = std::make_shared<QPromise<ResultPtr>>();
    const quint64 generation = m_generation;
    m_running = watcher;
    m_rerun = false;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const bool followed = m_running == watcher;
        if (followed)
            m_running = nullptr;
        ResultPtr result = watcher->future().takeResult(); // the future keeps no copy
        if (generation == m_generation) {
            if (m_saving) {
                // Taking an edit back is a call to the server too: after the one in flight.
                m_acceptLater = std::move(result);
                m_acceptGeneration = generation;
                return;
            }
            accept(std::move(result));
            return;
        }
        dispose(std::move(result));
        if (followed && m_rerun && m_checking)
            launch(); // the plan changed meanwhile: this result is stale, check the newest
    });
    watcher->setFuture(promise->future());
    // After an edit the last result is of the plan before it (or an earlier one): the engine
    // re-checks from what differs. The result is immutable once taken in, so the worker may
    // read it while the window shows it.
    QThreadPool::globalInstance()->start([promise, plan = m_plan, previous = m_result] {
        promise->start();
        promise->addResult(check(plan, previous));
        promise->finish();
    });
}

void Document::accept(ResultPtr result)
{
    auto *source = static_cast<PlanCommand *>(nullptr);
    if (m_source)
        source = dynamic_cast<PlanCommand *>(m_source);
    if (source)
        source->learn(result, m_sourceRedo);

    // An edit that turns a plan that ran (or whose run is not known) into one that cannot is
    // taken back, as the synchronous check refused it. A plan that could not run already
    // may be edited towards a repair, so then the edit stays.
    if (!result->engine && source && m_sourceRedo
        && (!source->beforeResult() || source->beforeResult()->engine)) {
        QUndoCommand *top = const_cast<QUndoCommand *>(
            m_undoStack->command(m_undoStack->index() - 1));
        const bool last = top == source
                          || (top && top->childCount() > 0
                              && top->child(top->childCount() - 1) == source);
        if (last) {
            const QString what = top->text();
            const QString why = result->errors.isEmpty()
                                    ? QStringLiteral("the engine cannot evaluate the edited plan")
                                    : result->errors.constFirst().toString();
            // Taken out of the history: undone here, then dropped by the stack as obsolete.
            top->undo();
            if (source->isObsolete()) {
                // On a server the undo is a commit, and the server refused it (or could not
                // be reached): the edit is still what the server holds, so it stays here too,
                // with its run, and can be undone once the server answers.
                source->setObsolete(false);
                top->setObsolete(false);
                ResultPtr old = std::exchange(m_result, std::move(result));
                setChecking(false);
                emit resultChanged();
                dispose(std::move(old));
                emit editRefused(tr("%1: %2; taking it back on the server failed, so the plan is the "
                                    "server's, with that edit: undo it when the server answers")
                                     .arg(what, why));
                return;
            }
            top->setObsolete(true);
            m_undoStack->undo();
            // The plan shown is now the one the previous command left (m_source was just
            // deleted); a refusal of its run, if one is coming, takes that command back too.
            const int index = m_undoStack->index();
            m_source = index > 0 ? const_cast<QUndoCommand *>(m_undoStack->command(index - 1))
                                 : nullptr;
            m_sourceRedo = true;
            emit editRefused(QStringLiteral("%1: %2").arg(what, why));
            return;
        }
    }
    ResultPtr old = std::exchange(m_result, std::move(result));
    setChecking(false);
    emit resultChanged();
    dispose(std::move(old)); // after the views let go of it
}

void Document::dropStaleSelection()
{
    // A selection naming something the edit removed would point the panels at nothing.
    const bool staleRefactoring = !m_selection.refactoring.isEmpty()
                                  && m_plan.refactoringIndex(m_selection.refactoring) < 0;
    auto staleRelease = [this](const QString &id) {
        return !id.isEmpty() && id != QLatin1String("baseline") && m_plan.releaseIndex(id) < 0;
    };
    if (staleRefactoring || staleRelease(m_selection.release)
        || staleRelease(m_selection.appRelease))
        setSelection({});
}

template<typename Edit>
bool Document::edit(const QString &text, QString *error, Edit edit)
{
    Plan edited = m_plan;
    PlanEdits::Run run;
    {
        const PlanEdits::StructureOnly structure; // the engine runs in the worker
        if (!edit(&edited, error, &run))
            return false;
    }
    if (edited == m_plan)
        return true; // nothing changed: no empty entry in the history
    if (m_server) {
        if (!m_online) {
            if (error)
                *error = tr("the server is out of reach, so the plan is read-only until it is back");
            return false;
        }
        if (m_server->location().revision >= 0) {
            if (error)
                *error = tr("this is the plan as it was at revision %1: read-only")
                             .arg(m_server->location().revision);
            return false;
        }
        // One transaction on the revision this plan was read at; a stale one is refused.
        bool committed = false;
        onServer(text, [&] { committed = m_server->commit(edited, text, error, m_server->revision()); });
        if (!committed) {
            const auto again = [&](Plan *plan, QString *e) {
                PlanEdits::Run rerun;
                const PlanEdits::StructureOnly structure;
                return edit(plan, e, &rerun);
            };
            Plan reapplied;
            if (!resolveStale(m_plan, edited, text, error, again, &reapplied))
                return false;
            edited = std::move(reapplied); // on the server now, on top of the others' edits
        }
        m_ownRevision = m_server->revision();
        m_committed = true;
    }
    m_undoStack->push(new PlanCommand(this,
                                      m_plan,
                                      m_checking ? ResultPtr() : m_result,
                                      std::move(edited),
                                      text));
    // Each run of a large plan costs memory: the history keeps the results of its last edits
    // only; undoing further back runs the engine again (in the worker).
    constexpr int KeptResults = 10;
    for (int i = m_undoStack->index() - 1 - KeptResults; i >= 0; --i) {
        auto *command = dynamic_cast<PlanCommand *>(
            const_cast<QUndoCommand *>(m_undoStack->command(i)));
        if (command)
            command->forget();
    }
    return true;
}

bool Document::replacePlan(const Plan &plan, const QString &text, QString *error)
{
    return edit(text, error, [&](Plan *edited, QString *e, PlanEdits::Run *ran) {
        const Plan original = *edited;
        *edited = plan;
        return PlanEdits::check(original, *edited, e, ran);
    });
}

bool Document::moveStep(const QString &refactoring,
                        const QString &step,
                        const QString &releaseId,
                        QString *error)
{
    return edit(undoText("Move step %1 of %2 to %3").arg(step, refactoring, releaseId),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::moveStep(plan, refactoring, step, releaseId, e, ran);
                });
}

bool Document::moveStepWithDependents(const QString &refactoring,
                                      const QString &step,
                                      const QString &releaseId,
                                      QStringList *along,
                                      QString *error)
{
    QStringList moved;
    // The history names the steps that moved along; edit() reads the text once the edit ran.
    QString text;
    const bool ok = edit(text, error, [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
        if (!PlanEdits::moveStepWithDependents(plan, refactoring, step, releaseId, &moved, e, ran))
            return false;
        text = moved.isEmpty()
                   ? undoText("Move step %1 of %2 to %3").arg(step, refactoring, releaseId)
                   : undoText("Move step %1 of %2 to %3 (with %4)")
                         .arg(step, refactoring, releaseId, moved.join(QStringLiteral(", ")));
        return true;
    });
    if (along)
        *along = ok ? moved : QStringList();
    return ok;
}

bool Document::addRefactoring(const Refactoring &r, QString *error)
{
    return edit(undoText("Add refactoring %1").arg(r.id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::addRefactoring(plan, r, e, ran);
                });
}

bool Document::replaceRefactoring(const QString &id, const Refactoring &r, QString *error)
{
    return edit(undoText("Edit refactoring %1").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::replaceRefactoring(plan, id, r, e, ran);
                });
}

bool Document::removeRefactoring(const QString &id, QString *error)
{
    return edit(undoText("Delete refactoring %1").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::removeRefactoring(plan, id, e, ran);
                });
}

bool Document::insertRelease(int index, const Release &r, QString *error)
{
    return edit(undoText("Add release %1").arg(r.id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::insertRelease(plan, index, r, e, ran);
                });
}

bool Document::replaceRelease(const QString &id, const Release &r, QString *error)
{
    return edit(undoText("Edit release %1").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::replaceRelease(plan, id, r, e, ran);
                });
}

bool Document::removeRelease(const QString &id, QString *error)
{
    return edit(undoText("Delete release %1").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::removeRelease(plan, id, e, ran);
                });
}

HistoryEntry Document::historyEntry(HistoryEntry::Action action, const QString &why) const
{
    HistoryEntry entry = HistoryEntry::now(action, why);
    if (m_server && !m_server->role().isEmpty())
        entry.who = m_server->role(); // on a server: the role it knows, not this machine's login
    return entry;
}

bool Document::markDeployed(const QString &id, QString *error)
{
    const HistoryEntry entry = historyEntry(HistoryEntry::Action::Deployed);
    return edit(undoText("Mark %1 deployed").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::markDeployed(plan, id, entry, e, ran);
                });
}

bool Document::reopenRelease(const QString &id, const QString &why, QString *error)
{
    const HistoryEntry entry = historyEntry(HistoryEntry::Action::Reopened, why);
    return edit(undoText("Re-open %1").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::reopenRelease(plan, id, entry, e, ran);
                });
}

bool Document::moveRelease(const QString &id, int newIndex, QString *error)
{
    return edit(undoText("Move release %1").arg(id),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::moveRelease(plan, id, newIndex, e, ran);
                });
}

bool Document::setPolicy(const Policy &p, QString *error)
{
    return edit(undoText("Change policy"), error, [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
        return PlanEdits::setPolicy(plan, p, e, ran);
    });
}

bool Document::setDialect(const QString &dialect, QString *error)
{
    return edit(undoText("Change dialect to %1").arg(dialect),
                error,
                [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
                    return PlanEdits::setDialect(plan, dialect, e, ran);
                });
}

bool Document::setUsage(const QList<UsageEdit> &usage, QString *error)
{
    return edit(undoText("Edit app usage"), error, [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
        return PlanEdits::setUsage(plan, usage, e, ran);
    });
}

bool Document::editBaseline(const SchemaEdit &schemaEdit, QString *error)
{
    return edit(schemaEdit.text(), error, [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
        return PlanEdits::editBaseline(plan, schemaEdit, e, ran);
    });
}

bool Document::setBaseline(const Schema &schema, const QString &dialect, QString *error)
{
    const QString text = dialect.isEmpty() || dialect == m_plan.dialect
                             ? undoText("Import baseline schema")
                             : undoText("Import baseline schema (%1)").arg(dialect);
    return edit(text, error, [&](Plan *plan, QString *e, PlanEdits::Run *ran) {
        return PlanEdits::setBaseline(plan, schema, dialect, e, ran);
    });
}

} // namespace Tideline
