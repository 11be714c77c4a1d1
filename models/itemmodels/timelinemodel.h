// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/step.h>
#include <domain/plan.h>

#include <QAbstractTableModel>
#include <QColor>
#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Tideline {

class Engine;
struct PendingContract;

/**
 * Everything the timeline grid draws, taken from one engine run (the model computes nothing
 * itself; it copies what the engine decided, so it outlives the engine).
 *
 * Rows are lanes: "App" (A_0 … A_m), "Schema" (S_0, P_1, S_1, …), then one lane per
 * refactoring. Columns are slots: column 0 is the baseline (A_0 and S_0), then four per
 * release in running order — pre (offline steps too, marked offline), backfill, app, post —
 * and, when some steps fall beyond the plan's last release, one last "later" column.
 * A refactoring lane's cell holds its chips (the steps placed in that release and phase); the
 * App lane's cells hold A_k with its compatibility arrows; the Schema lane's cells hold P_k
 * (pre slot) and S_k (post slot) with the reasons of any failing required check.
 *
 * The roles serve any item view; the grid reads the same values through the typed accessors
 * (lanes(), chips(), arrows(), …), which cost nothing per paint.
 */
class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class LaneKind { App, Schema, Refactoring };
    enum class SlotKind { Baseline, Phase, Later };

    enum Role {
        LaneKindRole = Qt::UserRole + 1, // int(LaneKind), header and cells
        RefactoringRole,                 // refactoring id (lanes)
        RefactoringKindRole,             // catalog kind name (lanes)
        PendingRole,                     // bool: the lane's contract is pending
        PendingAgeRole,                  // int: deployed releases since the expand shipped
        PendingTextRole,                 // "pending · 3 releases"
        SlotKindRole,                    // int(SlotKind), columns
        ReleaseIdRole,                   // "r2"; "baseline" for column 0
        ReleasePositionRole,             // 0 baseline, 1..m, m+1 later
        ReleaseLabelRole,
        ReleaseDateRole,   // QDate (may be invalid)
        ReleaseStatusRole, // "planned", "deployed"
        BadgeTextRole,     // set by setReleaseBadge()
        BadgeColorRole,
        PhaseRole,      // int(Phase) of a phase column
        ChipsRole,      // QVariantList of QVariantMap: refactoring, step, category, …
        StateNameRole,  // "P_2 (r2 pre)" / "A_2 (r2)" in the App and Schema lanes
        OkRole,         // bool: every required check of this state / app version passes
        ReasonsRole,    // QString: the failures of its required checks, one a line
        ArrowsRole,     // QVariantList of QVariantMap (App lane): state, required, ok, reasons
    };

    /** One step placed in the timeline. */
    struct Chip
    {
        QString refactoring;
        QString step;
        QString category;
        QString description;
        QStringList dependsOn;
        Phase phase = Phase::Pre;
        int release = 0; // position 1..m; m+1 and more: beyond the plan (the "later" column)
        QString releaseId; // empty beyond the plan
        bool moved = false;
        bool offline = false;
        int lane = 0;
        int column = 0;
        int stack = 0; // index among the chips sharing the cell

        bool operator==(const Chip &o) const;
        bool operator!=(const Chip &o) const { return !(*this == o); }
    };

    /** One compatibility check: app version A on schema state S (a matrix cell). */
    struct Arrow
    {
        int appRelease = 0;   // k of A_k
        int stateRelease = 0; // k of P_k / S_k
        Phase statePhase = Phase::Post;
        QString appName;
        QString stateName;
        bool required = false;
        bool ok = true;       // no failure (warnings allowed)
        bool warning = false; // has warnings
        QString reasons;      // one failure or warning a line

        bool operator==(const Arrow &o) const;
        bool operator!=(const Arrow &o) const { return !(*this == o); }
    };

    struct Lane
    {
        LaneKind kind = LaneKind::Refactoring;
        QString title;       // "App", "Schema", or the refactoring id
        QString subtitle;    // the kind's title ("Merge columns"), or what the lane holds
        QString table;       // the table the refactoring works on, if it names one
        QString refactoring; // id
        QString catalogKind;       // catalog kind name
        QString note;
        int depth = 1;       // chips stacked in its fullest cell
        QList<int> chips;    // indexes into chips(), by column
        bool pending = false;
        int pendingAge = 0;
        bool contractScheduled = true;
        QString expandRelease, contractRelease;
        QString pendingText;

        bool operator==(const Lane &o) const;
        bool operator!=(const Lane &o) const { return !(*this == o); }
    };

    /** An app version or a schema state drawn in the App or Schema lane. */
    struct Point
    {
        QString name;
        bool ok = true;
        QString reasons; // failures of its required checks

        bool operator==(const Point &o) const { return name == o.name && ok == o.ok && reasons == o.reasons; }
        bool operator!=(const Point &o) const { return !(*this == o); }
    };

    struct ReleaseInfo
    {
        QString id;
        QString label;
        QDate date;
        Release::Status status = Release::Status::Planned;
        QString badge;
        QColor badgeColor;
        QString history; // the plan's last history entry about it ("deployed by ana, …")

        bool operator==(const ReleaseInfo &o) const;
        bool operator!=(const ReleaseInfo &o) const { return !(*this == o); }
    };

    explicit TimelineModel(QObject *parent = nullptr);

    /**
     * Shows @p engine's last successful run. With a null engine the model is empty and
     * problems() tells why.
     *
     * A run of the same releases, refactorings and steps as the one shown (a drag, most
     * edits of a step's place or of usage) updates the model in place: dataChanged() for the
     * cells whose roles differ and headerDataChanged() for the lanes whose header does, so a
     * drag costs the views what it changed. Anything else (and a lane whose depth changes,
     * which moves every lane below) resets the model.
     */
    void setEngine(const Engine *engine, const QStringList &problems = {});
    bool hasEngine() const { return m_hasEngine; }
    QStringList problems() const { return m_problems; }

    /** A badge on a release's header (readiness review); empty text removes it. */
    void setReleaseBadge(const QString &releaseId, const QString &text, const QColor &color);

    // Typed access for the grid.
    int releaseCount() const { return int(m_releases.size()); }
    const ReleaseInfo &release(int k) const { return m_releases.at(k - 1); } // 1..m
    int releasePosition(const QString &id) const; // 0 for unknown
    bool hasLaterColumn() const { return m_hasLater; }
    int baselineColumn() const { return 0; }
    int laterColumn() const { return m_hasLater ? 1 + 4 * releaseCount() : -1; }
    /** The column of release position @p k (1..m) and phase; offline goes to pre. */
    int column(int k, Phase phase) const;
    SlotKind slotKind(int column) const;
    int releaseOfColumn(int column) const; // 0 baseline, 1..m, m+1 later
    Phase phaseOfColumn(int column) const; // Phase::Pre for baseline / later
    static int slotOf(Phase phase);        // 0 pre/offline, 1 backfill, 2 app, 3 post
    static Phase phaseOfSlot(int slot);

    const QList<Lane> &lanes() const { return m_lanes; }
    int appLane() const { return 0; }
    int schemaLane() const { return 1; }
    int laneOf(const QString &refactoring) const; // -1 for unknown
    const QList<Chip> &chips() const { return m_chips; }
    int chipIndex(const QString &refactoring, const QString &step) const; // -1 for unknown
    /** Indexes into chips() of the chips in one cell, in stacking order. */
    QList<int> chipsAt(int lane, int column) const;

    /** A_k (k = 0..m) and P_k / S_k (S_0 for k = 0). */
    const Point &app(int k) const { return m_apps.at(k); }
    const Point &state(int k, Phase phase) const;
    const QList<Arrow> &arrows() const { return m_arrows; }
    /** Indexes into arrows() of the checks on release k's states (P_k and S_k). */
    QList<int> arrowsOfRelease(int k) const { return m_arrowsByRelease.value(k); }
    /** Indexes into arrows() of the checks of A_k. */
    QList<int> arrowsOfApp(int k) const { return m_arrowsByApp.value(k); }

    /** Text helpers shared by the roles and the grid. */
    static QString phaseLabel(Phase phase);
    QString chipToolTip(int chip) const;
    QString arrowToolTip(int arrow) const;

    // QAbstractItemModel
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    /** The in-place update of setEngine(); false (nothing changed) where it must reset. */
    bool update(const Engine &engine);
    QList<ReleaseInfo> releaseInfos(const Engine &engine) const;
    Chip chipOf(const Engine &engine, int step) const; // lane and column from m_laneOf, m_hasLater
    /** Builds the App and Schema points and the arrows (the matrix cells) of @p engine. */
    static void buildChecks(const Engine &engine, QList<Point> *apps, QList<Point> *states,
                            QList<Arrow> *arrows, QHash<int, QList<int>> *byRelease,
                            QHash<int, QList<int>> *byApp);
    static Lane refactoringLane(const Refactoring &r);
    static void setPending(Lane *lane, const PendingContract *pending);
    /** Orders @p lane's chips by column and stacks those sharing a cell. */
    void stackChips(Lane *lane);

    QVariant laneData(int row, int role) const;
    QVariant slotData(int column, int role) const;
    QVariantMap chipMap(const Chip &chip) const;

    bool m_hasEngine = false;
    QStringList m_problems;
    bool m_hasLater = false;
    QList<ReleaseInfo> m_releases;
    QHash<QString, int> m_releasePositions;
    QHash<QString, QPair<QString, QColor>> m_badges; // kept across rebuilds
    QList<Refactoring> m_refactorings; // the plan's, of the lanes shown
    QList<Lane> m_lanes;
    QHash<QString, int> m_laneOf;
    QList<Chip> m_chips;
    QHash<QString, int> m_chipOf; // "refactoring\nstep"
    QList<Point> m_apps;
    QList<Point> m_states; // in Engine::stateIndex() order
    QList<Arrow> m_arrows;
    QHash<int, QList<int>> m_arrowsByRelease;
    QHash<int, QList<int>> m_arrowsByApp;
};

} // namespace Tideline
