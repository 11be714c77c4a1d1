// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <document/selection.h>
#include <engine/engine.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace Tideline {

/**
 * The compatibility matrix of one engine run: a row per app version A_0 … A_m, a column per
 * schema state S_0, P_1, S_1, …. Only the cells the engine checks (where a version meets a
 * state during a release) hold a result; the others are empty. Required cells show a bare mark
 * (✓ ✗ !) in bold; cells the policy does not require show it in parentheses. The model keeps its own copy
 * of what it shows, so it never points into an engine that has been replaced.
 */
class CompatibilityMatrixModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Status { NotChecked, Ok, Warning, Failed };
    Q_ENUM(Status)
    enum Role {
        StatusRole = Qt::UserRole, // Status
        RequiredRole,              // bool: must pass for the plan to be safe
        ReasonsRole,               // QStringList: the engine's failure and warning messages
        SelectionRole,             // Tideline::Selection of kind Cell
        NameRole,                  // headers: the full name, "P_3 (r3 pre)"
    };

    explicit CompatibilityMatrixModel(QObject *parent = nullptr);

    /** Shows @p engine's matrix (nullptr: empty); resets the model. */
    void setEngine(const Engine *engine);

    /** The cell of a selection of kind Cell, or an invalid index. */
    QModelIndex index(const Selection &selection) const;
    using QAbstractTableModel::index;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Entry
    {
        bool required = false;
        Status status = Status::NotChecked;
        QStringList reasons;
    };
    struct Axis
    {
        QString name;    // "A_2 (r2)", "P_3 (r3 pre)"
        QString release; // plan id, "baseline" for release 0
        Phase phase = Phase::Post;
    };

    const Entry *entry(int row, int column) const;

    QList<Axis> m_apps;
    QList<Axis> m_states;
    QHash<quint64, Entry> m_cells; // (row << 32 | column)
};

} // namespace Tideline
