// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sql/bundle.h>

#include <QAbstractItemModel>

namespace Tideline {

/**
 * A release bundle as a tree for the views: one row per phase folder (pre, backfill, post,
 * offline, or baseline) in running order, and under it one row per script. The SQL text,
 * path, guard and checksum of a script are available through custom roles.
 */
class BundleModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { Name = 0, Refactoring, Step, Estimate, ColumnCount };
    enum Role { SqlRole = Qt::UserRole, PathRole, GuardRole, Sha256Role, PhaseRole };

    explicit BundleModel(QObject *parent = nullptr);

    /** Replaces the bundle shown; resets the model. */
    void setBundle(const Bundle &bundle);
    const Bundle &bundle() const { return m_bundle; }

    /** The script at @p index, or nullptr for a phase row or an invalid index. */
    const BundleFile *fileAt(const QModelIndex &index) const;
    QModelIndex index(const QString &path) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Group
    {
        QString phase;
        QList<int> files;         // indexes into m_bundle.files
    };

    Bundle m_bundle;
    QList<Group> m_groups;
};

} // namespace Tideline
