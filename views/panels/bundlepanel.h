// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeView;

namespace Tideline {

class ResultFollower;

class BundleModel;
class Document;
class ExportTask;
struct Selection;

/**
 * The bundle of the selected release for the plan's dialect: its files by phase, the SQL of
 * the current file, and an export to a folder in one of BundleWriter's layouts.
 */
class BundlePanel final : public QWidget
{
    Q_OBJECT

public:
    explicit BundlePanel(Document *document, QWidget *parent = nullptr);

    /** The release shown ("baseline" or a plan id); empty when there is none. */
    QString release() const { return m_release; }
    void setRelease(const QString &releaseId);
    BundleModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    QString sqlText() const;

    /**
     * Starts writing the shown bundle (or, with @p allReleases, every release's, one folder each)
     * into @p directory in @p layout, in a worker; the panel's status line tells the outcome and a
     * failure is shown in a message box unless @p quiet. Returns the running task (its finished()
     * says how it went), or null with nothing started when there is nothing to export.
     */
    ExportTask *exportTo(const QString &directory, const QString &layout, bool allReleases = false,
                         bool quiet = false);

public slots:
    /** Asks for a folder and exports the shown bundle in the chosen layout. */
    void chooseAndExport();
    /** Asks for a new folder and exports every release's bundle into it, one folder each. */
    void chooseAndExportAll();

private:
    void rebuild();
    void follow(const Selection &selection);
    void showCurrentFile();
    QString chooseFolder(const QString &title, const QString &name);

    Document *m_document; // Not owned.
    BundleModel *m_model;
    QComboBox *m_releases;
    QComboBox *m_layouts;
    QPushButton *m_export;
    QLabel *m_status;
    QTreeView *m_tree;
    QPlainTextEdit *m_sql;
    QString m_release;
    bool m_chosen = false; // m_release was picked, not defaulted
    ExportTask *m_running = nullptr; // the export under way, if any
    ResultFollower *m_follower = nullptr;
};

} // namespace Tideline
