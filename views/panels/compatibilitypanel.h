// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QTableView;
class QTextBrowser;

namespace Tideline {

class CompatibilityMatrixModel;
class Document;
struct Selection;

/** The compatibility matrix of the document's plan, and the reasons of the selected cell. */
class CompatibilityPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit CompatibilityPanel(Document *document, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    CompatibilityMatrixModel *model() const { return m_model; }
    /** The text below the matrix: the reasons of the current cell or the engine's errors. */
    QString reasonsText() const;

private:
    void rebuild();
    void follow(const Selection &selection);
    void showReasons();

    Document *m_document; // Not owned.
    CompatibilityMatrixModel *m_model;
    QTableView *m_table;
    QTextBrowser *m_reasons;
};

} // namespace Tideline
