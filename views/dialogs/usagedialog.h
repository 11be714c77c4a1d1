// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>
#include <engine/usage.h>

#include <QDialog>
#include <QMap>

class QLabel;
class QListWidget;
class QTableWidget;
class QTableWidgetItem;
class QTimer;

namespace Tideline {

class Engine;

/**
 * Edits what one application version (the one a release ships) reads, inserts and updates,
 * table by table, starting from what the engine computes for it. The result is the plan's
 * whole list of usage edits with this release's table edits replaced by the differences from
 * what the refactorings' steps give; edits of other releases and procedure edits stay.
 */
class UsageDialog final : public QDialog
{
    Q_OBJECT

public:
    enum UsageColumn {
        NameColumn,
        TypeColumn,
        ReadsColumn,
        InsertsColumn,
        UpdatesColumn,
        ColumnCount
    };

    /**
     * Edits the usage of the version @p releaseId ships. @p planEngine, when given, is a
     * finished run of this very plan (the document's last run), reused to save engine runs.
     */
    UsageDialog(const Plan &plan,
                const QString &releaseId,
                QWidget *parent = nullptr,
                const Engine *planEngine = nullptr);

    /** False when the release cannot be edited (cancelled, unknown, or the plan fails first). */
    bool isEditable() const { return m_editable; }
    /** The plan's usage edits, with this release's table edits replaced. */
    QList<UsageEdit> usage() const;
    /** Shows @p relation (a table or view name) in the column table. */
    void showRelation(const QString &relation);

private:
    void load(const Engine *planEngine);
    void fillColumns();
    void columnItemChanged(QTableWidgetItem *item);
    void markRelations();
    void resetRelation();
    void checkCompatibility();
    void showCompatibility(const Engine &engine, const QList<PlanError> &errors);

    Plan m_plan;
    QString m_releaseId;
    int m_position = 0;
    bool m_editable = false;
    Schema m_schema;                    // P_k: the schema the version meets first
    QMap<QString, TableUsage> m_steps;  // usage from the refactorings' steps alone
    QMap<QString, TableUsage> m_chosen; // what the user picked
    QString m_relation;
    QLabel *m_heading = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_status = nullptr; // what the compatibility check says with the edits
    QTimer *m_checkTimer = nullptr;
    QListWidget *m_relations = nullptr;
    QTableWidget *m_columns = nullptr;
};

} // namespace Tideline
