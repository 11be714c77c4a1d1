// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pendingcontractsmodel.h"

#include <QBrush>
#include <QColor>

namespace Tideline {

PendingContractsModel::PendingContractsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PendingContractsModel::setEngine(const Engine *engine)
{
    beginResetModel();
    m_rows.clear();
    if (engine) {
        const QList<PendingContract> pending = engine->pending();
        for (const PendingContract &contract : pending) {
            const int contractPosition = contract.contractRelease.isEmpty()
                                             ? engine->releaseCount() + 1
                                             : engine->releasePosition(contract.contractRelease);
            m_rows.append(
                {contract, engine->releasePosition(contract.expandRelease), contractPosition});
        }
    }
    endResetModel();
}

const PendingContract *PendingContractsModel::contractAt(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return nullptr;
    return &m_rows.at(index.row()).contract;
}

int PendingContractsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PendingContractsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PendingContractsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const PendingContract &c = row.contract;
    const bool unscheduled = c.contractRelease.isEmpty();
    if (role == RefactoringIdRole)
        return c.refactoring;
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (index.column()) {
        case RefactoringColumn:
            return c.refactoring;
        case KindColumn:
            return c.kind;
        case ExpandColumn:
            return sort ? QVariant(row.expandPosition) : QVariant(c.expandRelease);
        case ContractColumn:
            if (sort)
                return row.contractPosition;
            return unscheduled ? tr("not scheduled") : c.contractRelease;
        case AgeColumn:
            return c.age;
        case StatusColumn:
            return unscheduled ? tr("unscheduled") : tr("scheduled");
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (unscheduled)
            return tr("%1 expanded in %2 and has no contract inside the plan: the old "
                      "columns stay until a release takes it.")
                .arg(c.refactoring, c.expandRelease);
        return tr("%1 expanded in %2; its contract runs in %3 (%n deployed release(s) "
                  "since the expand).",
                  nullptr,
                  c.age)
            .arg(c.refactoring, c.expandRelease, c.contractRelease);
    }
    if (role == Qt::ForegroundRole && unscheduled && index.column() == ContractColumn)
        return QBrush(QColor(0xb0, 0x30, 0x30));
    if (role == Qt::TextAlignmentRole && index.column() == AgeColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant PendingContractsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RefactoringColumn:
        return tr("Refactoring");
    case KindColumn:
        return tr("Kind");
    case ExpandColumn:
        return tr("Expanded in");
    case ContractColumn:
        return tr("Contract in");
    case AgeColumn:
        return tr("Age (releases)");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace Tideline
