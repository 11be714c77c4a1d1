// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>
#include <verify/verifier.h>

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace Tideline {

/**
 * Review › Verify: proof by execution (DESIGN.md §3) of one release or all, from the window.
 * The database is chosen as `tideline-cli verify` chooses it (VerifyTarget): the plan's own
 * engine on a scratch database verify makes, or a server the user names by DSN. The run goes on
 * in a worker; the dialog shows which release it is at, and Cancel stops it before the next
 * release (the one under way finishes unheard and its scratch database is dropped).
 */
class VerifyDialog final : public QDialog
{
    Q_OBJECT

public:
    VerifyDialog(const Plan &plan, const QString &release, QWidget *parent = nullptr);
    ~VerifyDialog() override;

    /** Starts verifying with what the dialog shows; false when a run is under way. */
    bool start();
    bool isRunning() const;
    /** The results of the last run that finished (not cancelled). */
    const QList<VerifyResult> &results() const { return m_results; }
    QString error() const { return m_error; }
    /** The plan the dialog verifies (as it was when the dialog opened). */
    const Plan &plan() const { return m_plan; }

    QComboBox *releases() const { return m_releases; }
    QRadioButton *scratchButton() const { return m_scratch; }
    QRadioButton *dsnButton() const { return m_useDsn; }
    QLineEdit *dsnEdit() const { return m_dsn; }
    QPlainTextEdit *output() const { return m_output; }
    QPushButton *startButton() const { return m_start; }

signals:
    /** A run finished: @p results of the releases it verified (empty when it failed early). */
    void verified(const QList<Tideline::VerifyResult> &results);

protected:
    void reject() override;

private:
    void cancel();
    void finished();
    void updateButtons();
    static QString describe(const VerifyResult &result);

    Plan m_plan;
    QComboBox *m_releases;
    QRadioButton *m_scratch;
    QRadioButton *m_useDsn;
    QLineEdit *m_dsn;
    QSpinBox *m_rows;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPlainTextEdit *m_output;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QDialogButtonBox *m_buttons;
    struct Outcome // written by the worker before it finishes, read after
    {
        QList<VerifyResult> results;
        QString error;
        bool ok = false;
        bool dsnNeeded = false;
    };
    std::shared_ptr<Outcome> m_outcome; // shared with the worker, which may outlive the dialog
    QFutureWatcher<void> m_watcher;
    QList<VerifyResult> m_results;
    QString m_error;
    QStringList m_running; // the releases of the run under way
};

} // namespace Tideline
