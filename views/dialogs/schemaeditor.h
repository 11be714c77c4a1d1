// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;
class QTreeWidget;

namespace Tideline {

class Document;
struct SchemaEdit;

/**
 * Plan › Edit Baseline Schema: the tables of the plan's baseline (S_0) with their columns
 * (name, type, NULL, default), primary key, unique keys, indexes, foreign keys (with ON DELETE)
 * and CHECK constraints. Every change is one edit through the document (Document::editBaseline),
 * so it is validated by the core and undoable (Ctrl+Z here and in the window); a refusal is
 * shown in plain words under the lists and stays until the next edit goes through. The dialog
 * follows the document: undo, redo and edits made elsewhere show at once.
 */
class SchemaEditor final : public QDialog
{
    Q_OBJECT

public:
    /** What the key, index and constraint buttons add (or set). */
    enum class KeyKind { PrimaryKey, Unique, Index, ForeignKey, Check };

    explicit SchemaEditor(Document *document, QWidget *parent = nullptr);

    QString currentTable() const;
    void selectTable(const QString &name);
    /** The last refusal, empty after an edit that went through. */
    QString message() const;

    // What the buttons do; each asks for what it needs in a small form.
    void addTable();
    void renameTable();
    void removeTable();
    void addColumn();
    void editColumn();
    void removeColumn();
    /** Asks for a key, index or constraint of @p kind on the current table and adds it (the
     *  primary key: sets it). */
    void addKey(KeyKind kind);
    void removeKey();

private:
    void refresh();
    void showTable();
    void updateButtons();
    bool apply(const SchemaEdit &edit);
    const Table *table() const;
    QString selectedColumn() const;

    Document *m_document; // Not owned.
    QListWidget *m_tables;
    QTableWidget *m_columns;
    QTreeWidget *m_keys;
    QLabel *m_heading;
    QLabel *m_message;
    QLabel *m_note;
    QList<QPushButton *> m_tableButtons;  // need a selected table
    QList<QPushButton *> m_columnButtons; // need a selected column
    QPushButton *m_removeKey = nullptr;
};

} // namespace Tideline
