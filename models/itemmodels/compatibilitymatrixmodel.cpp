// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "compatibilitymatrixmodel.h"

#include "statuscolors.h"

#include <QFont>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

quint64 key(int row, int column)
{
    return (quint64(quint32(row)) << 32) | quint32(column);
}

} // namespace

CompatibilityMatrixModel::CompatibilityMatrixModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void CompatibilityMatrixModel::setEngine(const Engine *engine)
{
    beginResetModel();
    m_apps.clear();
    m_states.clear();
    m_cells.clear();
    if (engine) {
        for (const AppVersion &app : engine->apps())
            m_apps.append({app.name, engine->releaseId(app.release), Phase::App});
        for (const SchemaState &state : engine->states())
            m_states.append({state.name, engine->releaseId(state.release), state.phase});
        for (const Cell &cell : engine->cells()) {
            Entry e;
            e.required = cell.required;
            bool warned = false;
            for (const Failure &failure : cell.failures) {
                e.reasons.append(failure.message);
                warned = warned || failure.warning;
            }
            e.status = !cell.ok() ? Status::Failed : warned ? Status::Warning : Status::Ok;
            m_cells.insert(key(cell.app, cell.state), e);
        }
    }
    endResetModel();
}

QModelIndex CompatibilityMatrixModel::index(const Selection &selection) const
{
    if (selection.kind != Selection::Kind::Cell)
        return {};
    int row = -1, column = -1;
    for (int i = 0; i < m_apps.size() && row < 0; ++i) {
        if (m_apps.at(i).release == selection.appRelease)
            row = i;
    }
    const Phase phase = isBeforeSwitch(selection.phase) ? Phase::Pre : Phase::Post;
    for (int i = 0; i < m_states.size() && column < 0; ++i) {
        const Axis &state = m_states.at(i);
        if (state.release == selection.release && (state.phase == phase || i == 0))
            column = i;
    }
    return row < 0 || column < 0 ? QModelIndex() : index(row, column);
}

int CompatibilityMatrixModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_apps.size());
}

int CompatibilityMatrixModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_states.size());
}

const CompatibilityMatrixModel::Entry *CompatibilityMatrixModel::entry(int row, int column) const
{
    const auto it = m_cells.constFind(key(row, column));
    return it == m_cells.cend() ? nullptr : &it.value();
}

QVariant CompatibilityMatrixModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry *e = entry(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (!e)
            return QString();
        switch (e->status) {
        case Status::Ok:
            return e->required ? tr("✓") : tr("(✓)");
        case Status::Warning:
            return e->required ? tr("!") : tr("(!)");
        case Status::Failed:
            return e->required ? tr("✗") : tr("(✗)");
        case Status::NotChecked:
            break;
        }
        return QString();
    case Qt::ToolTipRole:
        if (!e)
            return tr("%1 never runs on %2")
                .arg(m_apps.at(index.row()).name, m_states.at(index.column()).name);
        if (e->reasons.isEmpty())
            return tr("%1 works on %2")
                .arg(m_apps.at(index.row()).name, m_states.at(index.column()).name);
        return e->reasons.join(QLatin1Char('\n'));
    case Qt::BackgroundRole:
        if (!e)
            return {};
        switch (e->status) {
        case Status::Ok:
            return StatusColors::good();
        case Status::Warning:
            return StatusColors::warning();
        case Status::Failed:
            return StatusColors::bad();
        case Status::NotChecked:
            break;
        }
        return {};
    case Qt::ForegroundRole: // with every background its text colour (a dark palette's is light)
        if (!e || e->status == Status::NotChecked)
            return {};
        return StatusColors::text();
    case Qt::FontRole:
        if (e && e->required) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case StatusRole:
        return QVariant::fromValue(e ? e->status : Status::NotChecked);
    case RequiredRole:
        return e && e->required;
    case ReasonsRole:
        return e ? e->reasons : QStringList();
    case SelectionRole: {
        Selection s;
        s.kind = Selection::Kind::Cell;
        s.appRelease = m_apps.at(index.row()).release;
        s.release = m_states.at(index.column()).release;
        s.phase = m_states.at(index.column()).phase;
        return QVariant::fromValue(s);
    }
    default:
        return {};
    }
}

QVariant CompatibilityMatrixModel::headerData(int section,
                                              Qt::Orientation orientation,
                                              int role) const
{
    const QList<Axis> &axis = orientation == Qt::Vertical ? m_apps : m_states;
    if (section < 0 || section >= axis.size())
        return {};
    const QString &name = axis.at(section).name;
    switch (role) {
    case Qt::DisplayRole:
        // "P_3 (r3 pre)" on two lines keeps the state columns narrow.
        return orientation == Qt::Horizontal ? QString(name).replace(u" ("_s, u"\n"_s).remove(u')')
                                             : name;
    case Qt::ToolTipRole:
        return name;
    case NameRole:
        return name;
    default:
        return {};
    }
}

} // namespace Tideline
