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

class BundleModel;
class Document;
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

    /** Writes the shown bundle into @p directory in @p layout; false with a message on failure. */
    bool exportTo(const QString &directory, const QString &layout, QString *error) const;

public slots:
    /** Asks for a folder and exports the shown bundle in the chosen layout. */
    void chooseAndExport();

private:
    void rebuild();
    void follow(const Selection &selection);
    void showCurrentFile();

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
};

} // namespace Tideline
