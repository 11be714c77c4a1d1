// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QMainWindow>
#include <QStringList>

class QLabel;
class QTableWidget;

namespace Tideline {

/**
 * Tideline's main window. For now it shows the releases of one plan in a table; the timeline
 * grid replaces the table in a later version.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    enum ReleaseColumn { IdColumn, LabelColumn, DateColumn, StatusColumn, ColumnCount };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /**
     * Loads the plan at @p path and shows it. On failure the current plan stays, the problems
     * go to the status bar and, when @p errors is given, into it; no dialog is shown.
     */
    bool loadPlan(const QString &path, QStringList *errors = nullptr);

    /** Like loadPlan(), but a failure is also reported in a (non-blocking) message box. */
    bool openPlan(const QString &path);

    const Plan &plan() const { return m_plan; }
    QString planPath() const { return m_planPath; }

private:
    void createActions();
    void chooseAndOpenPlan();
    void showPlan();
    void showLoadErrors(const QString &path, const QStringList &errors);

    Plan m_plan;
    QString m_planPath;
    QLabel *m_summary = nullptr;        // Owned by the central widget.
    QTableWidget *m_releases = nullptr; // Owned by the central widget.
};

} // namespace Tideline
