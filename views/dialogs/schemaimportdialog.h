// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <io/schemaimport.h>

#include <QDialog>
#include <QFutureWatcher>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressDialog;
class QPushButton;
class QRadioButton;
class QTreeWidget;

namespace Tideline {

/**
 * File › Import Schema: reads a DDL file or a live database (SchemaImport, the importers of
 * `tideline-cli import-schema`) in a worker thread, shows what was read and the importer's
 * notes (what was skipped or approximated), and only then lets the user take it as the plan's
 * baseline. A read that takes over 200 ms shows a progress dialog with Cancel; a cancelled
 * read is dropped (a database that does not answer gives up after its connect timeout).
 * Messages never show the password.
 */
class SchemaImportDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Source { File, Database };

    /** @p planDialect and @p planTables describe the plan the baseline is for. */
    SchemaImportDialog(const QString &planDialect, int planTables, QWidget *parent = nullptr);
    ~SchemaImportDialog() override;

    void setSource(Source source);
    void setFile(const QString &path, const QString &dialect);
    /** Starts reading what the form names (the Read button); the result comes with readFinished(). */
    void read();
    bool isReading() const { return m_watcher.isRunning() && !m_cancelled; }
    /** Drops the read in flight (the progress dialog's Cancel). */
    void cancelRead();

    /** The last successful read. */
    const SchemaImport &result() const { return m_result; }
    /** The dialect the plan should take with the baseline; empty to keep the plan's. */
    QString dialect() const;

signals:
    void readFinished(bool ok);

private:
    void finished();
    void showResult();
    void updateSource();
    QString dsn() const;

    QString m_planDialect;
    int m_planTables;
    QRadioButton *m_fromFile;
    QRadioButton *m_fromDatabase;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QComboBox *m_fileDialect;
    QLineEdit *m_dsn;
    QLineEdit *m_password;
    QPushButton *m_read;
    QLabel *m_summary;
    QTreeWidget *m_tables;
    QPlainTextEdit *m_notes;
    QCheckBox *m_useDialect;
    QLabel *m_replaces;
    QDialogButtonBox *m_buttons;
    QFutureWatcher<SchemaImport> m_watcher;
    QPointer<QProgressDialog> m_progress;
    SchemaImport m_result;
    bool m_cancelled = false;
};

} // namespace Tideline
