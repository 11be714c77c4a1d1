// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Tideline {

/**
 * Adds a release to a plan or edits one: id (new releases only), label, optional date and
 * status. Checks the result against the plan (PlanValidator) and keeps OK disabled while the
 * plan would not validate. The dialog never edits the plan; release() is the result.
 */
class ReleaseDialog final : public QDialog
{
    Q_OBJECT

public:
    /** A new release, to be inserted at @p index of the plan's releases (-1: at the end). */
    explicit ReleaseDialog(const Plan &plan, int index = -1, QWidget *parent = nullptr);
    /** Edits @p existing; its id cannot change. */
    ReleaseDialog(const Plan &plan, const Release &existing, QWidget *parent = nullptr);

    bool isEditing() const { return m_editIndex >= 0; }
    Release release() const;
    /** True when the values are valid (OK is enabled). */
    bool isValid() const { return m_valid; }

private:
    void setUp();
    void validate();
    QString suggestId() const;
    QString reference(const PlanError &error) const;

    Plan m_plan;
    int m_editIndex = -1;
    int m_insertIndex = -1;
    QLineEdit *m_id = nullptr;
    QLabel *m_idError = nullptr;
    QLineEdit *m_label = nullptr;
    QDateEdit *m_date = nullptr;
    QCheckBox *m_noDate = nullptr;
    QComboBox *m_status = nullptr;
    QLabel *m_statusError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_valid = false;
};

} // namespace Tideline
