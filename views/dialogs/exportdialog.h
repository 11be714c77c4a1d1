// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <document/document.h>
#include <domain/plan.h>
#include <sql/bundlewriter.h>

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace Tideline {

/**
 * File › Export Bundle: where the bundle goes and how, in one place. The folder is one that
 * exists (a repository's migrations folder); the bundle goes into a folder of its own inside it,
 * named by the plan, the release and the dialect unless the user names it, or the name is left
 * empty: then the files go flat into the folder itself, beside the files already there
 * (BundleExport::writeInto), e.g. Flyway's V…__….sql among a team's V1..V56. Files there that
 * Tideline did not write are never replaced: for a bundle folder the dialog says so before
 * anything is written (BundleWriter::mayWrite, the rule of `export --force`); into the folder
 * itself, the dialog lists the files it would refuse to overwrite, and why, before Export is
 * pressed (BundleExport::refusalsInto on the engine run, in a worker thread, as the export
 * itself judges them), and Export stays disabled while there are any. Any dialect and layout,
 * one release or all.
 */
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    /** What the user chose; remembered per plan by the window. */
    struct Choice
    {
        QString folder;    // an existing folder
        QString subfolder; // empty: the folder itself
        QString dialect, layout;
        QString release; // empty: all releases
        bool subfolderEdited = false; // else it follows the plan, release and dialect
    };

    /** @p result is the engine run an export would write (the folder's files are checked
     *  against it); without one nothing is checked before Export. */
    ExportDialog(const Plan &plan, const Choice &choice, Document::ResultPtr result = {}, QWidget *parent = nullptr);
    ~ExportDialog() override;

    Choice choice() const;
    /** Where the bundle (or the folder of one bundle per release) is written. */
    QString target() const;
    /** Empty when the export may go ahead; else why not, as the dialog shows it. */
    QString problem() const;

    QLineEdit *folderEdit() const { return m_folder; }
    QLineEdit *subfolderEdit() const { return m_subfolder; }
    QComboBox *dialects() const { return m_dialects; }
    QComboBox *layouts() const { return m_layouts; }
    QComboBox *releases() const { return m_releases; }
    /** The list of files the export would refuse to overwrite (hidden when there are none). */
    QLabel *refusalsLabel() const { return m_refusalsLabel; }
    /** True while the folder's files are being checked. */
    bool isChecking() const;

    /** The subfolder name a plan's bundle gets by default: "<plan>-<release|all>-<dialect>". */
    static QString defaultSubfolder(const Plan &plan, const QString &release, const QString &dialect);

private:
    void update();
    void browse();
    /** Starts checking what an export into the folder itself would refuse (after a pause in
     *  typing); the last check asked for wins. */
    void checkFolder();
    void folderChecked();
    /** What the check is about: folder, dialect, layout, release. */
    QString checkKey() const;

    Plan m_plan;
    Document::ResultPtr m_result;
    QLineEdit *m_folder;
    QLineEdit *m_subfolder;
    QComboBox *m_dialects;
    QComboBox *m_layouts;
    QComboBox *m_releases;
    QLabel *m_where;
    QLabel *m_refusalsLabel;
    QTimer *m_checkTimer;
    struct Check
    {
        QString key;
        QString error;
        QList<BundleWriter::Refusal> refusals;
    };
    QFutureWatcher<void> m_checkWatcher;
    std::shared_ptr<Check> m_running; // written by the worker, read when it finished
    Check m_checked;                  // the last finished check
    QDialogButtonBox *m_buttons;
    bool m_subfolderEdited = false;
    QString m_autoSubfolder; // the last name set by the dialog itself
};

} // namespace Tideline
