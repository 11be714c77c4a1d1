// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "compatibilitypanel.h"

#include "followresult.h"

#include <document/document.h>
#include <engine/engine.h>
#include <itemmodels/compatibilitymatrixmodel.h>

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tideline {

CompatibilityPanel::CompatibilityPanel(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new CompatibilityMatrixModel(this))
    , m_table(new QTableView(this))
    , m_reasons(new QTextBrowser(this))
{
    setObjectName(u"compatibilityPanel"_s);
    m_table->setObjectName(u"compatibilityTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setMinimumSectionSize(48);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_reasons->setObjectName(u"compatibilityReasons"_s);
    m_reasons->setOpenLinks(false);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_reasons);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    followResult(m_document, this, [this] { rebuild(); });
    connect(m_document, &Document::selectionChanged, this, &CompatibilityPanel::follow);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::currentChanged,
            this,
            [this](const QModelIndex &current) {
                showReasons();
                if (current.isValid())
                    m_document->setSelection(
                        current.data(CompatibilityMatrixModel::SelectionRole).value<Selection>());
            });
    rebuild();
}

QString CompatibilityPanel::reasonsText() const
{
    return m_reasons->toPlainText();
}

void CompatibilityPanel::rebuild()
{
    // Sized to their contents, the sections of a large plan's matrix (hundreds of states)
    // take longer to measure than a frame: there they all get the size of the widest header.
    // The mode is chosen before the model resets: a reset in ResizeToContents measures every
    // cell (80,000 size hints at s1, a second of the GUI thread) only to be thrown away.
    QHeaderView *columns = m_table->horizontalHeader();
    QHeaderView *rows = m_table->verticalHeader();
    constexpr int MeasuredSections = 48;
    const Engine *engine = m_document->engine();
    const bool measured = !engine || engine->states().size() <= MeasuredSections;
    if (!measured) {
        columns->setSectionResizeMode(QHeaderView::Fixed);
        rows->setSectionResizeMode(QHeaderView::Fixed);
    }
    m_model->setEngine(engine);
    if (measured) {
        columns->setSectionResizeMode(QHeaderView::ResizeToContents);
        rows->setSectionResizeMode(QHeaderView::ResizeToContents);
    } else {
        const QFontMetrics metrics(columns->font());
        int width = columns->minimumSectionSize();
        for (int column = 0; column < m_model->columnCount(); ++column)
            width = qMax(width,
                         metrics.horizontalAdvance(
                             m_model->headerData(column, Qt::Horizontal).toString())
                             + 16);
        columns->setSectionResizeMode(QHeaderView::Fixed);
        rows->setSectionResizeMode(QHeaderView::Fixed);
        columns->setDefaultSectionSize(width);
        rows->setDefaultSectionSize(QFontMetrics(rows->font()).height() + 8);
    }
    follow(m_document->selection());
    showReasons();
}

void CompatibilityPanel::follow(const Selection &selection)
{
    const QModelIndex index = m_model->index(selection);
    if (!index.isValid() || index == m_table->currentIndex())
        return;
    // Set without echoing the selection back to the document.
    const QSignalBlocker blocker(m_table->selectionModel());
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_table->scrollTo(index);
    m_table->viewport()->update();
    showReasons();
}

void CompatibilityPanel::showReasons()
{
    if (!m_document->engine()) {
        QStringList lines;
        for (const PlanError &error : m_document->engineErrors())
            lines << error.toString();
        m_reasons->setPlainText(m_document->isChecking()
                                    ? tr("Checking the plan…")
                                    : tr("The plan cannot be evaluated:\n%1").arg(lines.join(u'\n')));
        return;
    }
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid()) {
        m_reasons->setPlainText(
            tr("Select a cell to see why an app version does or does not work on a schema state."));
        return;
    }
    const QString app
        = m_model->headerData(index.row(), Qt::Vertical, CompatibilityMatrixModel::NameRole)
              .toString();
    const QString state
        = m_model->headerData(index.column(), Qt::Horizontal, CompatibilityMatrixModel::NameRole)
              .toString();
    const auto status
        = index.data(CompatibilityMatrixModel::StatusRole).value<CompatibilityMatrixModel::Status>();
    const bool required = index.data(CompatibilityMatrixModel::RequiredRole).toBool();
    QString verdict;
    switch (status) {
    case CompatibilityMatrixModel::Status::NotChecked:
        verdict = tr("%1 never runs on %2: nothing to check.").arg(app, state);
        break;
    case CompatibilityMatrixModel::Status::Ok:
        verdict = tr("%1 works on %2.").arg(app, state);
        break;
    case CompatibilityMatrixModel::Status::Warning:
        verdict = tr("%1 works on %2, with warnings:").arg(app, state);
        break;
    case CompatibilityMatrixModel::Status::Failed:
        verdict = tr("%1 does not work on %2:").arg(app, state);
        break;
    }
    QString html = u"<p><b>"_s + verdict.toHtmlEscaped() + u"</b>"_s;
    if (status != CompatibilityMatrixModel::Status::NotChecked)
        html += required ? tr(" (required)") : tr(" (not required by the policy)");
    html += u"</p>"_s;
    const QStringList reasons = index.data(CompatibilityMatrixModel::ReasonsRole).toStringList();
    if (!reasons.isEmpty()) {
        html += u"<ul>"_s;
        for (const QString &reason : reasons)
            html += u"<li>"_s + reason.toHtmlEscaped() + u"</li>"_s;
        html += u"</ul>"_s;
    }
    m_reasons->setHtml(html);
}

} // namespace Tideline
