// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Tideline {

/**
 * File › Export Bundle: where the bundle goes and how, in one place. The folder is one that
 * exists (a repository's migrations folder); the bundle goes into a folder of its own inside it,
 * named by the plan, the release and the dialect unless the user names it, or the name is left
 * empty: then the files go flat into the folder itself, beside the files already there
 * (BundleExport::writeInto), e.g. Flyway's V…__….sql among a team's V1..V56. Files there that
 * Tideline did not write are never replaced: for a bundle folder the dialog says so before
 * anything is written (BundleWriter::mayWrite, the rule of `export --force`); into the folder
 * itself, the export is refused naming them. Any dialect and layout, one release or all.
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

    ExportDialog(const Plan &plan, const Choice &choice, QWidget *parent = nullptr);

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

    /** The subfolder name a plan's bundle gets by default: "<plan>-<release|all>-<dialect>". */
    static QString defaultSubfolder(const Plan &plan, const QString &release, const QString &dialect);

private:
    void update();
    void browse();

    Plan m_plan;
    QLineEdit *m_folder;
    QLineEdit *m_subfolder;
    QComboBox *m_dialects;
    QComboBox *m_layouts;
    QComboBox *m_releases;
    QLabel *m_where;
    QDialogButtonBox *m_buttons;
    bool m_subfolderEdited = false;
    QString m_autoSubfolder; // the last name set by the dialog itself
};

} // namespace Tideline
