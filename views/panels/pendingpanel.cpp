// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pendingpanel.h"

#include "followresult.h"

#include <document/document.h>
#include <itemmodels/pendingcontractsmodel.h>

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tideline {

PendingPanel::PendingPanel(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new PendingContractsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
{
    setObjectName(u"pendingPanel"_s);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(PendingContractsModel::SortRole);
    m_table->setObjectName(u"pendingTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PendingContractsModel::AgeColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_summary->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_table);

    followResult(m_document, this, [this] { rebuild(); });
    connect(m_document, &Document::selectionChanged, this, &PendingPanel::follow);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Selection s;
        s.kind = Selection::Kind::Refactoring;
        s.refactoring = index.data(PendingContractsModel::RefactoringIdRole).toString();
        m_document->setSelection(s);
    });
    rebuild();
}

void PendingPanel::rebuild()
{
    m_model->setEngine(m_document->engine());
    const int count = m_model->rowCount();
    if (!m_document->engine() && m_document->isChecking())
        m_summary->setText(tr("Checking the plan…"));
    else if (count == 0)
        m_summary->setText(tr("No pending contracts: every shipped expand has its contract "
                              "deployed."));
    else if (count == 1)
        m_summary->setText(tr("1 refactoring expanded but not yet contracted. Double-click it to "
                              "find its lane."));
    else
        m_summary->setText(tr("%1 refactorings expanded but not yet contracted. Double-click one "
                              "to find its lane.")
                               .arg(count));
    m_table->resizeColumnsToContents();
    follow(m_document->selection());
}

void PendingPanel::follow(const Selection &selection)
{
    if (selection.refactoring.isEmpty())
        return;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(PendingContractsModel::RefactoringIdRole).toString()
            == selection.refactoring) {
            m_table->selectionModel()->setCurrentIndex(index,
                                                       QItemSelectionModel::ClearAndSelect
                                                           | QItemSelectionModel::Rows);
            return;
        }
    }
}

} // namespace Tideline
