// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace Tideline {

class Document;
class PendingContractsModel;
struct Selection;

/** The pending contracts, sortable; a double-click selects the refactoring's lane. */
class PendingPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit PendingPanel(Document *document, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }

private:
    void rebuild();
    void follow(const Selection &selection);

    Document *m_document; // Not owned.
    PendingContractsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QLabel *m_summary;
};

} // namespace Tideline
