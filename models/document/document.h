// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "selection.h"

#include <domain/plan.h>
#include <review/review.h>

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QUndoCommand;
class QUndoStack;
class QThread;
class QTimer;

namespace Tideline {

class Engine;
struct SchemaEdit;
class PlanFileLock;
class ServerPlan;
class ServerProbe;

/**
 * One open plan: the plan itself, its file, the undo stack every edit goes through and the
 * engine's last run over it (with the readiness review of that run).
 *
 * The engine and the review run in a worker thread, never on the caller's: an edit, undo,
 * redo or open changes plan() at once and starts a check; until its result is in,
 * isChecking() is true and engine(), engineErrors() and review() still describe the last
 * checked plan (engine()->plan() says which). A result of a plan that was edited again
 * meanwhile is dropped. Undo and redo bring back the result an edit already had, without a
 * new run.
 *
 * The edit functions wrap PlanEdits: what needs no engine run (the edit's own rules,
 * PlanValidator) is checked at once, and such a refusal returns false with a message and
 * leaves the plan as it was. What only the engine can tell comes with the check: when the
 * edited plan cannot run while the plan before it could, the edit is taken back (removed from
 * the history) and editRefused() carries the engine's message. A plan that could not run
 * already may be edited towards a repair.
 */
class Document : public QObject
{
    Q_OBJECT

public:
    /** One engine run over one plan and the review of it. */
    struct Result
    {
        std::shared_ptr<const Engine> engine; // null when the plan cannot run
        QList<PlanError> errors;
        ReviewResult review;
    };
    using ResultPtr = std::shared_ptr<const Result>;

    /** Runs the engine and the review over @p plan; thread-safe, used by the worker. With
     *  @p previous (a result of the plan before an edit), the engine re-checks from what the edit
     *  changed (Engine::runFrom) and the review reuses the releases before it (Review::update),
     *  with the same results as a full run. */
    static ResultPtr check(const Plan &plan, ResultPtr previous = {});
    /** Lets go of @p result; when it is the last reference, the run is freed in a worker. */
    static void release(ResultPtr result);

    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    /** Opens a .tideline or .tideline.json file; on failure the current plan stays. A
     *  .tideline file another Tideline has open is refused with a message naming it; while
     *  the document refers to a .tideline file, others are told so (PlanFileLock).
     *
     *  A plan on a server (postgresql://…?plan=NAME, ServerPlan) is edited there: every edit,
     *  undo and redo is one transaction on the revision this document last had, refused (with
     *  what the others changed) when someone else edited the plan since; an undo or redo over
     *  someone else's later edit is refused too (editRefused) and leaves the history. The
     *  others' edits arrive by themselves (serverEdited). Such a document is never modified. */
    bool open(const QString &path, QList<PlanError> *errors);
    /** Whether the plan lives on a server (open() of a server location). */
    bool isOnServer() const { return m_server != nullptr; }
    /** The server plan behind the document, or nullptr. It lives in a thread of its own (its
     *  connection is that thread's): only its location(), role() and revision() may be read
     *  here; everything that talks to the server goes through the document. */
    ServerPlan *server() const { return m_server.get(); }
    /** The PostgreSQL process id of the server plan's connection (-1: none, or it was lost),
     *  as read in its thread: for tests that end or stop it. */
    qint64 serverPid() const { return m_serverPid; }
    /** Whether the server of a server plan answers (true for a file). While it does not, the
     *  plan is read-only: edits are refused with the reason; the document checks every
     *  HeartbeatMs (in a worker thread: an unreachable host never blocks the caller's thread),
     *  connects again by itself and then reads what the others did meanwhile. */
    bool isServerOnline() const { return m_online; }
    /** Whether a call to the server (an edit's commit, an undo or redo, reading the plan
     *  again) is in flight. The server plan's connection lives in a thread of its own; while
     *  it works, this document's thread keeps turning (timers, painting, the others'
     *  notifications) but takes no user input, so no further edit starts before the server
     *  answered (savingChanged). */
    bool isSaving() const { return m_saving > 0; }
    static constexpr int HeartbeatMs = 1000;
    /** What to do with an edit the server refused as stale whose refactorings or releases the
     *  others changed too (an edit that touches only others is re-applied by itself). */
    enum class ConflictChoice { Reapply, Discard };
    /** Asked, while the refused edit can still be run again, with its name and the refusal
     *  (which says what the others changed); plan() is already the server's newer revision.
     *  Without one, such an edit stays refused. The window sets it to offer the choice. */
    using ConflictHandler = std::function<ConflictChoice(const QString &text, const QString &refusal)>;
    void setConflictHandler(ConflictHandler handler) { m_conflictHandler = std::move(handler); }
    /** Reads the server's plan again (after a refused edit, or when told of another's edit):
     *  the undo history stays, but what came before the others' edits can no longer be undone. */
    bool reloadFromServer(QString *error);
    /** Saves in the format the suffix names (or to a plan on a server, which the document then
     *  edits there, with a fresh undo history); the document then refers to @p path. */
    bool save(const QString &path, QString *error);
    /** Starts over with @p plan: no file, not modified, empty undo history. */
    void reset(const Plan &plan);

    const Plan &plan() const { return m_plan; }
    /** The last run: of plan() unless isChecking(); nullptr when that plan cannot run (or
     *  while a newly opened plan is checked for the first time). */
    const Engine *engine() const { return m_result ? m_result->engine.get() : nullptr; }
    std::shared_ptr<const Engine> sharedEngine() const
    {
        return m_result ? m_result->engine : nullptr;
    }
    const QList<PlanError> &engineErrors() const;
    /** The readiness review of engine()'s run (empty without one). */
    const ReviewResult &review() const;
    /** The last result itself: a view that shows it later (deferred) keeps it alive. */
    ResultPtr sharedResult() const { return m_result; }
    /** True from a change of plan() until its engine run and review are in. */
    bool isChecking() const { return m_checking; }
    QUndoStack *undoStack() const { return m_undoStack; }
    QString filePath() const { return m_filePath; }
    bool isModified() const;

    bool moveStep(const QString &refactoring,
                  const QString &step,
                  const QString &releaseId,
                  QString *error);
    /** PlanEdits::moveStepWithDependents: the steps that move along (named in @p along) go in
     *  the same undo step. */
    bool moveStepWithDependents(const QString &refactoring,
                                const QString &step,
                                const QString &releaseId,
                                QStringList *along,
                                QString *error);
    bool addRefactoring(const Refactoring &r, QString *error);
    bool replaceRefactoring(const QString &id, const Refactoring &r, QString *error);
    bool removeRefactoring(const QString &id, QString *error);
    bool insertRelease(int index, const Release &r, QString *error);
    bool replaceRelease(const QString &id, const Release &r, QString *error);
    bool removeRelease(const QString &id, QString *error);
    /** PlanEdits::markDeployed by the current user, now. */
    bool markDeployed(const QString &id, QString *error);
    /** PlanEdits::reopenRelease by the current user, now, for the reason @p why. */
    bool reopenRelease(const QString &id, const QString &why, QString *error);
    bool moveRelease(const QString &id, int newIndex, QString *error);
    bool setPolicy(const Policy &p, QString *error);
    bool setDialect(const QString &dialect, QString *error);
    bool setUsage(const QList<UsageEdit> &usage, QString *error);
    /** One edit of the baseline schema (schemaedit.h): one undo step named after it. */
    bool editBaseline(const SchemaEdit &edit, QString *error);
    /** Replaces the whole plan with @p plan (a recovered or merged one): one undo step named
     *  @p text, checked like every edit; the file is not touched until the next save. */
    bool replacePlan(const Plan &plan, const QString &text, QString *error);
    /** The plan as its file had it when this document last opened or saved it (what an
     *  outside change of the file is merged against, PlanMerge). */
    const Plan &savedPlan() const { return m_saved; }
    /** Makes an imported @p schema the baseline and, when @p dialect is set, the plan's
     *  dialect @p dialect: one undo step. */
    bool setBaseline(const Schema &schema, const QString &dialect, QString *error);

    Selection selection() const { return m_selection; }
    void setSelection(const Selection &s);

    /**
     * Used by the undo commands: replaces the plan without touching the undo stack. @p known,
     * when given, is the result already computed for @p plan (no new run); @p command is the
     * command applying it (@p redo: its new plan), which learns the result when it comes.
     */
    void applyPlan(const Plan &plan,
                   ResultPtr known,
                   QUndoCommand *command = nullptr,
                   bool redo = true);
    /** Used by the undo commands on a server plan: commits @p plan as an undo or redo of
     *  @p text, on the revision of this document's last edit. False (editRefused emitted)
     *  when the server refuses it. */
    bool commitStep(const Plan &plan, const QString &text, bool redo);

signals:
    /** After any edit, undo, redo, open or reset: plan() changed; the result may be checking. */
    void planChanged();
    /** engine(), engineErrors() and review() changed (a result came in, or was dropped). */
    void resultChanged();
    void checkingChanged(bool checking);
    /** The engine refused the last edit (now taken back): @p message says why. */
    void editRefused(const QString &message);
    void selectionChanged(const Tideline::Selection &s);
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);
    /** The plan on the server moved on by someone else's edit: plan() is now its revision
     *  @p revision, made by @p who (the PostgreSQL role) doing @p what. */
    void serverEdited(qint64 revision, const QString &who, const QString &what);
    /** The server went out of reach (@p online false, @p reason says why) or came back. */
    void serverOnlineChanged(bool online, const QString &reason);
    /** An edit refused as stale was made again on the server's newer revision: @p notice says
     *  whose edits it now stands on. */
    void editReapplied(const QString &text, const QString &notice);
    /** A call to the server started (@p saving, doing @p what) or every call has answered. */
    void savingChanged(bool saving, const QString &what);

private:
    // Applies @p edit to a copy; pushes a command named @p text when it succeeds.
    template<typename Edit>
    bool edit(const QString &text, QString *error, Edit edit);
    void setFilePath(const QString &path);
    // Starts a run over m_plan; @p now: even while another runs (whose result is then dropped).
    void startCheck(bool now);
    void launch();
    void accept(ResultPtr result);
    void setChecking(bool checking);
    void dropStaleSelection();

    Plan m_plan;
    Plan m_saved; // savedPlan()
    ResultPtr m_result;         // the last result taken in
    quint64 m_generation = 0;   // counts the changes of m_plan
    QObject *m_running = nullptr; // the watcher of the run later edits wait for
    bool m_rerun = false;       // m_plan changed while m_running ran
    bool m_checking = false;
    QUndoCommand *m_source = nullptr; // the command that applied m_plan, if any
    bool m_sourceRedo = true;
    QUndoStack *m_undoStack = nullptr; // Owned as a child.
    QString m_filePath;
    // While a .tideline file is this document's file: that it is open here (PlanFileLock).
    std::unique_ptr<PlanFileLock> m_lock;
    bool takeLock(const QString &path, std::unique_ptr<PlanFileLock> *lock, QString *error);
    Selection m_selection;
    // A plan on a server: where every edit goes, and the revision of this document's last own
    // edit (or of its opening), on which an undo or redo must be made.
    // It lives in m_serverThread (its QSqlDatabase connection and LISTEN are that thread's)
    // and is only used through onServer(), which waits for it with the caller's events
    // turning; location(), role() and revision() are read here only between such calls.
    std::unique_ptr<ServerPlan> m_server;
    QThread *m_serverThread = nullptr; // no parent: outlives the document while a call hangs
    QObject *m_serverContext = nullptr; // lives in m_serverThread: where onServer() runs work
    int m_saving = 0;                  // onServer() calls in flight
    bool m_reloadPending = false;      // told of another's edit while saving
    ResultPtr m_acceptLater;           // a run's result that came in while saving
    std::optional<Plan> m_resetLater;  // a new plan that came while saving (reset)
    quint64 m_acceptGeneration = 0;
    /** Runs @p work in m_serverThread and waits for it in a local event loop that leaves
     *  user input for later: the caller's thread stays live however long the server takes. */
    void onServer(const QString &what, const std::function<void()> &work);
    /** Lets go of m_server in its own thread. */
    void dropServer();
    void serverChanged();
    void afterSaving();
    qint64 m_ownRevision = 0;
    bool m_committed = false; // the command being pushed is on the server already
    bool m_online = true;
    QTimer *m_heartbeat = nullptr; // Owned as a child; runs while the plan is on a server.
    void heartbeat();
    // The heartbeat's check runs in m_probeThread (made on the first server plan, ended by the
    // destructor); one at a time, its answer dropped when the token is no longer m_probeToken.
    QThread *m_probeThread = nullptr;
    ServerProbe *m_probe = nullptr; // Lives in m_probeThread, deleted there.
    quint64 m_probeToken = 0;
    bool m_probing = false;
    qint64 m_serverPid = -1; // the backend of m_server's connection, watched by the probe
    void probed(quint64 token, bool reachable, bool mineAlive, const QString &reason);
    /** A deploy or re-open by whoever edits: the PostgreSQL role on a server plan. */
    ConflictHandler m_conflictHandler;
    /** A stale edit of plan @p base into @p mine refused: reloads; re-runs @p again (the same
     *  edit) on the newer plan when it touches other refactorings and releases than the
     *  others' edits did, or when the handler says so. */
    bool resolveStale(const Plan &base, const Plan &mine, const QString &text, QString *error,
                      const std::function<bool(Plan *, QString *)> &again, Plan *reapplied);
    HistoryEntry historyEntry(HistoryEntry::Action action, const QString &why = {}) const;
};

} // namespace Tideline
