// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Tideline {

/**
 * The plan's policy (rollback safety, backfill batch size, lock and statement timeouts) and
 * its SQL dialect. Durations are checked with Policy::isDuration; OK stays disabled until both
 * are valid. The dialog never edits the plan; policy() and dialect() are the result.
 */
class PolicyDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit PolicyDialog(const Plan &plan, QWidget *parent = nullptr);

    Policy policy() const;
    QString dialect() const;
    bool isValid() const { return m_valid; }

private:
    void validate();

    Policy m_original;
    QCheckBox *m_rollbackSafe = nullptr;
    QSpinBox *m_batch = nullptr;
    QLineEdit *m_lockTimeout = nullptr;
    QLabel *m_lockError = nullptr;
    QLineEdit *m_statementTimeout = nullptr;
    QLabel *m_statementError = nullptr;
    QComboBox *m_dialect = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_valid = false;
};

} // namespace Tideline
