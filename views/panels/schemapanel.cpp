// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemapanel.h"

#include "followresult.h"

#include "selectionplace.h"

#include <document/document.h>
#include <engine/engine.h>
#include <itemmodels/schemastatemodel.h>

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tideline {

SchemaPanel::SchemaPanel(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new SchemaStateModel(this))
    , m_title(new QLabel(this))
    , m_tree(new QTreeView(this))
{
    setObjectName(u"schemaPanel"_s);
    m_title->setObjectName(u"schemaTitle"_s);
    m_title->setWordWrap(true);
    m_tree->setObjectName(u"schemaTree"_s);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(false); // the change colours are the row backgrounds
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_tree);

    m_follower = followResult(m_document, this, [this] { rebuild(); });
    connect(m_document, &Document::selectionChanged, this, &SchemaPanel::follow);
    rebuild();
}

void SchemaPanel::rebuild()
{
    show(m_release, m_phase);
}

void SchemaPanel::follow(const Selection &selection)
{
    const Engine *engine = m_document->engine();
    if (!engine)
        return;
    switch (selection.kind) {
    case Selection::Kind::SchemaState:
    case Selection::Kind::Cell:
    case Selection::Kind::Release: {
        const int k = releasePositionOf(*engine, selection);
        if (k < 0)
            return;
        const bool pre = k > 0 && selection.kind != Selection::Kind::Release
                         && isBeforeSwitch(selection.phase);
        show(k, pre ? Phase::Pre : Phase::Post);
        return;
    }
    case Selection::Kind::Step: {
        // The state the step's change first shows in.
        const PlacedStep *p = placedStepOf(*engine, selection);
        if (p && p->release <= engine->releaseCount())
            show(p->release, isBeforeSwitch(p->step.phase) ? Phase::Pre : Phase::Post);
        return;
    }
    default:
        return;
    }
}

void SchemaPanel::show(int release, Phase phase)
{
    if (m_follower && m_follower->isStale()) {
        // Out of sight and showing an earlier result: the rebuild when the panel is seen shows
        // this state.
        m_release = release;
        m_phase = phase;
        return;
    }
    const Engine *engine = m_document->engine();
    if (!engine) {
        m_model->clear();
        m_stateName.clear();
        m_title->setText(
            tr("The plan cannot be evaluated, so there are no schema states to show."));
        return;
    }
    if (release < 0 || release > engine->releaseCount()) {
        release = engine->releaseCount();
        phase = Phase::Post;
    }
    m_release = release;
    m_phase = release == 0 ? Phase::Post : phase;
    const int index = Engine::stateIndex(m_release, m_phase);
    const SchemaState &state = engine->states().at(index);
    const SchemaState &previous = engine->states().at(qMax(0, index - 1));
    m_model->setSchemas(previous.schema, state.schema);
    // A large schema (hundreds of tables) opened in full is thousands of rows to lay out and
    // measure on every selection and re-check, and more than anyone reads: there only the
    // tables the state changes are opened, and the columns keep the width the user gave them.
    constexpr int OpenedInFull = 40;
    const int tables = m_model->rowCount();
    QHeaderView *header = m_tree->header();
    if (tables <= OpenedInFull) {
        header->setSectionResizeMode(QHeaderView::ResizeToContents);
        m_tree->expandAll();
    } else {
        header->setSectionResizeMode(QHeaderView::Interactive);
        for (int row = 0; row < tables; ++row) {
            const QModelIndex table = m_model->index(row, 0);
            if (table.data(SchemaStateModel::ChangeRole).value<SchemaStateModel::Change>()
                != SchemaStateModel::Change::Unchanged)
                m_tree->expand(table);
        }
    }
    m_stateName = state.name;
    m_title->setText(index == 0
                         ? tr("<b>%1</b> — the baseline").arg(state.name.toHtmlEscaped())
                         : tr("<b>%1</b> — changes since %2 highlighted")
                               .arg(state.name.toHtmlEscaped(), previous.name.toHtmlEscaped()));
}

} // namespace Tideline
