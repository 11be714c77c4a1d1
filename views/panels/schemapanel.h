// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/step.h>

#include <QWidget>

class QLabel;
class QTreeView;

namespace Tideline {

class ResultFollower;

class Document;
class SchemaStateModel;
struct Selection;

/**
 * The schema state the selection points at (a state, a cell's state, or a release's S_k),
 * as tables and columns, with what changed since the state before it highlighted.
 */
class SchemaPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SchemaPanel(Document *document, QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    SchemaStateModel *model() const { return m_model; }
    /** The name of the state shown, e.g. "P_2 (r2 pre)"; empty when none. */
    QString stateName() const { return m_stateName; }

private:
    void rebuild();
    void follow(const Selection &selection);
    void show(int release, Phase phase);

    Document *m_document; // Not owned.
    SchemaStateModel *m_model;
    QLabel *m_title;
    QTreeView *m_tree;
    int m_release = -1; // shown state; -1: the last one
    Phase m_phase = Phase::Post;
    QString m_stateName;
    ResultFollower *m_follower = nullptr;
};

} // namespace Tideline
