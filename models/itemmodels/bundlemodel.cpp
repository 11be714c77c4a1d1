// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundlemodel.h"

#include <QFileInfo>

namespace Tideline {

namespace {

// Phase rows carry this internal id; script rows carry their group's index.
constexpr quintptr PhaseRow = quintptr(-1);

} // namespace

BundleModel::BundleModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void BundleModel::setBundle(const Bundle &bundle)
{
    beginResetModel();
    m_bundle = bundle;
    m_groups.clear();
    for (const QString &phase : {QStringLiteral("baseline"), QStringLiteral("pre"), QStringLiteral("backfill"),
                                 QStringLiteral("post"), QStringLiteral("offline")}) {
        Group group{phase, {}};
        for (int i = 0; i < m_bundle.files.size(); ++i) {
            if (m_bundle.files.at(i).phase == phase)
                group.files.append(i);
        }
        if (!group.files.isEmpty())
            m_groups.append(group);
    }
    endResetModel();
}

const BundleFile *BundleModel::fileAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == PhaseRow)
        return nullptr;
    return &m_bundle.files.at(m_groups.at(int(index.internalId())).files.at(index.row()));
}

QModelIndex BundleModel::index(const QString &path) const
{
    for (int g = 0; g < m_groups.size(); ++g) {
        const QList<int> &files = m_groups.at(g).files;
        for (int row = 0; row < files.size(); ++row) {
            if (m_bundle.files.at(files.at(row)).path == path)
                return createIndex(row, 0, quintptr(g));
        }
    }
    return {};
}

QModelIndex BundleModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, PhaseRow);
    return createIndex(row, column, quintptr(parent.row()));
}

QModelIndex BundleModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == PhaseRow)
        return {};
    return createIndex(int(child.internalId()), 0, PhaseRow);
}

int BundleModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() == PhaseRow && parent.column() == 0)
        return int(m_groups.at(parent.row()).files.size());
    return 0;
}

int BundleModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant BundleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == PhaseRow) {
        const Group &group = m_groups.at(index.row());
        if (role == PhaseRole)
            return group.phase;
        if (role != Qt::DisplayRole)
            return {};
        if (index.column() == Name)
            return group.phase + QLatin1Char('/');
        if (index.column() == Estimate) {
            double seconds = 0;
            for (int i : group.files)
                seconds += m_bundle.files.at(i).estimateSeconds;
            return seconds;
        }
        return {};
    }
    const BundleFile *file = fileAt(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return QFileInfo(file->path).fileName();
        case Refactoring: return file->refactoring;
        case Step: return file->step;
        case Estimate: return file->estimateSeconds;
        }
        return {};
    case Qt::ToolTipRole:
        return file->offlineReason.isEmpty() ? file->path
                                             : file->path + QStringLiteral("\nOffline: ") + file->offlineReason;
    case SqlRole: return QString::fromUtf8(file->content);
    case PathRole: return file->path;
    case GuardRole: return file->guard;
    case Sha256Role: return file->sha256();
    case PhaseRole: return file->phase;
    }
    return {};
}

QVariant BundleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Script");
    case Refactoring: return tr("Refactoring");
    case Step: return tr("Step");
    case Estimate: return tr("Estimate (s)");
    }
    return {};
}

} // namespace Tideline
