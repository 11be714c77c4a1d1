// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <engine/engine.h>

#include <QAbstractTableModel>

namespace Tideline {

/**
 * The pending contracts of one engine run: refactorings whose expand has shipped and whose
 * contract has not. Columns sort through SortRole (numbers for the age, release positions for
 * releases), so a QSortFilterProxyModel with setSortRole(SortRole) orders them sensibly.
 */
class PendingContractsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        RefactoringColumn,
        KindColumn,
        ExpandColumn,
        ContractColumn,
        AgeColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole,
        RefactoringIdRole, // QString: the refactoring's plan id
    };

    explicit PendingContractsModel(QObject *parent = nullptr);

    /** Shows @p engine's pending contracts (nullptr: none); resets the model. */
    void setEngine(const Engine *engine);
    const PendingContract *contractAt(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        PendingContract contract;
        int expandPosition = 0;
        int contractPosition = 0; // past the plan's end when unscheduled
    };
    QList<Row> m_rows;
};

} // namespace Tideline
