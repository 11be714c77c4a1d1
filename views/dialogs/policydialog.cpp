// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "policydialog.h"

#include "dialogutil.h"

#include <sql/dialect.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace Tideline {

using namespace DialogUtil;

PolicyDialog::PolicyDialog(const Plan &plan, QWidget *parent)
    : QDialog(parent)
    , m_original(plan.policy)
{
    setWindowTitle(tr("Plan Policy"));

    // Compatibility
    m_rollbackSafe = new QCheckBox(tr("&Rollback-safe"), this);
    m_rollbackSafe->setObjectName(QStringLiteral("rollbackSafe"));
    m_rollbackSafe->setChecked(plan.policy.rollbackSafe);
    m_rollbackSafe->setToolTip(tr("Require A_{k-1} to run on S_k"));
    auto *explanation = new QLabel(
        tr("Each release's previous application version must also work on the schema after the "
           "release's contract scripts, so the application can be rolled back after the "
           "contract. With this on, a contract of something the previous version used waits one "
           "release. Turn it off only when a rollback after the post scripts would restore the "
           "database too."),
        this);
    explanation->setWordWrap(true);
    explanation->setForegroundRole(QPalette::PlaceholderText);
    explanation->setContentsMargins(20, 0, 0, 0);
    auto *compatibility = new QGroupBox(tr("Compatibility"), this);
    auto *compatibilityLayout = new QVBoxLayout(compatibility);
    compatibilityLayout->addWidget(m_rollbackSafe);
    compatibilityLayout->addWidget(explanation);

    // Generated SQL
    m_dialect = new QComboBox(this);
    m_dialect->setObjectName(QStringLiteral("dialect"));
    for (const Dialect *d : Dialect::all())
        m_dialect->addItem(d->title(), d->name());
    m_dialect->setCurrentIndex(std::max(0, m_dialect->findData(plan.dialect)));
    m_dialect->setToolTip(tr("The database engine the scripts are written for"));

    m_batch = new QSpinBox(this);
    m_batch->setObjectName(QStringLiteral("backfillBatch"));
    m_batch->setRange(1, 10'000'000);
    m_batch->setSingleStep(500);
    m_batch->setGroupSeparatorShown(true);
    m_batch->setSuffix(tr(" rows"));
    m_batch->setValue(plan.policy.backfillBatch);
    m_batch->setToolTip(tr("Rows each backfill statement updates before it commits; smaller "
                           "batches hold locks for less time"));

    m_lockTimeout = new QLineEdit(plan.policy.lockTimeout, this);
    m_lockTimeout->setObjectName(QStringLiteral("lockTimeout"));
    m_lockTimeout->setPlaceholderText(tr("e.g. 1s"));
    m_lockTimeout->setToolTip(tr("How long a DDL statement waits for its lock before it gives "
                                 "up (500ms, 1s, 2min). Short waits keep a blocked ALTER from "
                                 "queueing every other query behind it; scripts can be re-run."));
    m_lockError = createErrorLabel(this);
    m_lockError->setObjectName(QStringLiteral("error_lockTimeout"));

    m_statementTimeout = new QLineEdit(plan.policy.statementTimeout, this);
    m_statementTimeout->setObjectName(QStringLiteral("statementTimeout"));
    m_statementTimeout->setPlaceholderText(tr("e.g. 5s"));
    m_statementTimeout->setToolTip(tr("How long any one statement may run (500ms, 5s, 2min)"));
    m_statementError = createErrorLabel(this);
    m_statementError->setObjectName(QStringLiteral("error_statementTimeout"));

    auto *sql = new QGroupBox(tr("Generated SQL"), this);
    auto *form = new QFormLayout(sql);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Dialect:"), m_dialect);
    form->addRow(tr("&Backfill batch:"), m_batch);
    form->addRow(tr("&Lock timeout:"), withError(m_lockTimeout, m_lockError, sql));
    form->addRow(tr("&Statement timeout:"), withError(m_statementTimeout, m_statementError, sql));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                         | QDialogButtonBox::RestoreDefaults,
                                     this);
    m_buttons->button(QDialogButtonBox::RestoreDefaults)
        ->setToolTip(tr("Put the policy values back to Tideline's defaults"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults),
            &QPushButton::clicked,
            this,
            [this] {
                const Policy defaults;
                m_rollbackSafe->setChecked(defaults.rollbackSafe);
                m_batch->setValue(defaults.backfillBatch);
                m_lockTimeout->setText(defaults.lockTimeout);
                m_statementTimeout->setText(defaults.statementTimeout);
            });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(compatibility);
    layout->addWidget(sql);
    layout->addStretch();
    layout->addWidget(m_buttons);

    setTabOrder(m_rollbackSafe, m_dialect);
    setTabOrder(m_dialect, m_batch);
    setTabOrder(m_batch, m_lockTimeout);
    setTabOrder(m_lockTimeout, m_statementTimeout);

    connect(m_lockTimeout, &QLineEdit::textChanged, this, &PolicyDialog::validate);
    connect(m_statementTimeout, &QLineEdit::textChanged, this, &PolicyDialog::validate);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);
    validate();
}

Policy PolicyDialog::policy() const
{
    Policy p = m_original;
    p.rollbackSafe = m_rollbackSafe->isChecked();
    p.backfillBatch = m_batch->value();
    p.lockTimeout = m_lockTimeout->text().trimmed();
    p.statementTimeout = m_statementTimeout->text().trimmed();
    return p;
}

QString PolicyDialog::dialect() const
{
    return m_dialect->currentData().toString();
}

void PolicyDialog::validate()
{
    const auto problem = [this](const QLineEdit *edit) {
        return Policy::isDuration(edit->text().trimmed())
                   ? QString()
                   : tr("'%1' is not a duration: write a whole number and ms, s or min "
                        "(500ms, 1s, 2min).")
                         .arg(edit->text().trimmed());
    };
    const QString lock = problem(m_lockTimeout);
    const QString statement = problem(m_statementTimeout);
    showError(m_lockError, lock);
    showError(m_statementError, statement);
    m_valid = lock.isEmpty() && statement.isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
    growToFit(this);
}

} // namespace Tideline
