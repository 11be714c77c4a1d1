// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "releasedialog.h"

#include "dialogutil.h"

#include <engine/engine.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

#include <algorithm>

namespace Tideline {

using namespace DialogUtil;

ReleaseDialog::ReleaseDialog(const Plan &plan, int index, QWidget *parent)
    : QDialog(parent)
    , m_plan(plan)
    , m_insertIndex(index < 0 || index > plan.releases.size() ? int(plan.releases.size()) : index)
{
    setUp();
    setWindowTitle(tr("New Release"));
    m_id->setText(suggestId());
    m_id->selectAll();
    // A new release is usually a few weeks after the one before it.
    const Release *before = m_insertIndex > 0 ? &m_plan.releases.at(m_insertIndex - 1) : nullptr;
    if (before && before->date.isValid()) {
        m_date->setDate(before->date.addDays(28));
        m_noDate->setChecked(false);
    }
    validate();
}

ReleaseDialog::ReleaseDialog(const Plan &plan, const Release &existing, QWidget *parent)
    : QDialog(parent)
    , m_plan(plan)
    , m_editIndex(plan.releaseIndex(existing.id))
{
    setUp();
    setWindowTitle(tr("Release %1").arg(existing.id));
    m_id->setText(existing.id);
    m_id->setReadOnly(true);
    m_id->setToolTip(tr("Refactorings, moves and usage edits refer to a release by its id, so "
                        "it cannot change. Change the label instead."));
    m_label->setText(existing.label);
    m_noDate->setChecked(!existing.date.isValid());
    if (existing.date.isValid())
        m_date->setDate(existing.date);
    m_status->setCurrentIndex(m_status->findData(int(existing.status)));
    validate();
}

void ReleaseDialog::setUp()
{
    m_id = new QLineEdit(this);
    m_id->setObjectName(QStringLiteral("releaseId"));
    m_id->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral(
                                                           "[A-Za-z0-9][A-Za-z0-9_.-]*")),
                                                       m_id));
    m_id->setToolTip(tr("A short, unique name the plan uses for the release, e.g. r5"));
    m_idError = createErrorLabel(this);
    m_idError->setObjectName(QStringLiteral("error_id"));

    m_label = new QLineEdit(this);
    m_label->setObjectName(QStringLiteral("releaseLabel"));
    m_label->setPlaceholderText(tr("e.g. 2027.04 or Spring release"));
    m_label->setToolTip(tr("The name the team knows the release by"));

    m_date = new QDateEdit(QDate::currentDate(), this);
    m_date->setObjectName(QStringLiteral("releaseDate"));
    m_date->setCalendarPopup(true);
    m_date->setToolTip(tr("The planned or actual deployment date"));
    m_noDate = new QCheckBox(tr("&No date yet"), this);
    m_noDate->setObjectName(QStringLiteral("noDate"));
    m_noDate->setChecked(true);
    m_date->setEnabled(false);
    auto *dateRow = new QWidget(this);
    auto *dateLayout = new QHBoxLayout(dateRow);
    dateLayout->setContentsMargins(0, 0, 0, 0);
    dateLayout->addWidget(m_date, 1);
    dateLayout->addWidget(m_noDate);

    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("releaseStatus"));
    m_status->addItem(tr("Planned"), int(Release::Status::Planned));
    m_status->addItem(tr("Deployed"), int(Release::Status::Deployed));
    m_status->addItem(tr("Cancelled"), int(Release::Status::Cancelled));
    m_status->setItemData(0, tr("Not deployed yet; refactorings can start in it"), Qt::ToolTipRole);
    m_status->setItemData(1,
                          tr("Running in production; pending contracts age from here"),
                          Qt::ToolTipRole);
    m_status->setItemData(2, tr("Will not ship; it takes no part in the plan"), Qt::ToolTipRole);
    m_statusError = createErrorLabel(this);
    m_statusError->setObjectName(QStringLiteral("error_status"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Id:"), withError(m_id, m_idError, this));
    form->addRow(tr("&Label:"), m_label);
    auto *dateLabel = new QLabel(tr("&Date:"), this);
    dateLabel->setBuddy(m_date);
    form->addRow(dateLabel, dateRow);
    form->addRow(tr("&Status:"), withError(m_status, m_statusError, this));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_buttons);

    setTabOrder(m_id, m_label);
    setTabOrder(m_label, m_date);
    setTabOrder(m_date, m_noDate);
    setTabOrder(m_noDate, m_status);

    connect(m_id, &QLineEdit::textChanged, this, &ReleaseDialog::validate);
    connect(m_label, &QLineEdit::textChanged, this, &ReleaseDialog::validate);
    connect(m_noDate, &QCheckBox::toggled, this, [this](bool none) {
        m_date->setEnabled(!none);
        validate();
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, &ReleaseDialog::validate);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
}

Release ReleaseDialog::release() const
{
    Release r;
    r.id = m_id->text().trimmed();
    r.label = m_label->text().trimmed();
    if (!m_noDate->isChecked())
        r.date = m_date->date();
    r.status = Release::Status(m_status->currentData().toInt());
    return r;
}

QString ReleaseDialog::suggestId() const
{
    for (int n = int(m_plan.releases.size()) + 1;; ++n) {
        const QString id = QStringLiteral("r%1").arg(n);
        if (m_plan.releaseIndex(id) < 0)
            return id;
    }
}

QString ReleaseDialog::reference(const PlanError &error) const
{
    // Say in the plan's words what refers to the release, not in file paths.
    static const QRegularExpression field(
        QStringLiteral("^(refactorings|usage)\\[(\\d+)\\]\\.(start|moves\\.(\\w+)|release)$"));
    const QRegularExpressionMatch m = field.match(error.field);
    if (m.hasMatch()) {
        const int index = m.captured(2).toInt();
        if (m.captured(1) == QLatin1String("usage") && index < m_plan.usage.size()) {
            const UsageEdit &u = m_plan.usage.at(index);
            return tr("a usage edit of %1 applies from it")
                .arg(u.table.isEmpty() ? u.procedure : u.table);
        }
        if (m.captured(1) == QLatin1String("refactorings") && index < m_plan.refactorings.size()) {
            const QString id = m_plan.refactorings.at(index).id;
            if (m.captured(3) == QLatin1String("start"))
                return tr("refactoring %1 starts in it").arg(id);
            return tr("step %1 of refactoring %2 is moved to it").arg(m.captured(4), id);
        }
    }
    return tr("%1: %2").arg(error.field, error.message);
}

void ReleaseDialog::validate()
{
    // Check the plan as it would be with this release; the validator's messages name the
    // references a cancelled release would break.
    const Release r = release();
    Plan candidate = m_plan;
    int index = m_editIndex;
    if (index >= 0) {
        candidate.releases[index] = r;
    } else {
        index = m_insertIndex;
        candidate.releases.insert(index, r);
    }
    QList<PlanError> errors;
    PlanValidator::validate(candidate, {}, &errors);
    QList<PlanError> known; // problems the plan has already are not this dialog's to report
    PlanValidator::validate(m_plan, {}, &known);
    const QString idField = QStringLiteral("releases[%1].id").arg(index);
    QString idError;
    QStringList statusErrors;
    if (!r.id.isEmpty() && !m_id->hasAcceptableInput())
        idError = tr("Use letters, digits, '-', '_' and '.'; start with a letter or digit.");
    for (int i = 0; i < m_plan.releases.size() && idError.isEmpty(); ++i) {
        if (i != m_editIndex && m_plan.releases.at(i).id == r.id)
            idError = tr("Another release is already called '%1'.").arg(r.id);
    }
    for (const PlanError &e : std::as_const(errors)) {
        if (e.field.startsWith(QStringLiteral("releases["))) {
            if (e.field == idField && idError.isEmpty())
                idError = e.message;
        } else if (std::none_of(known.cbegin(), known.cend(), [&](const PlanError &k) {
                       return k.field == e.field && k.message == e.message;
                   })) {
            statusErrors << reference(e);
        }
    }
    showError(m_idError, idError);
    if (!statusErrors.isEmpty())
        statusErrors.prepend(tr("The release cannot be cancelled while the plan uses it:"));
    showError(m_statusError, statusErrors.join(QStringLiteral("\n• ")));
    m_valid = idError.isEmpty() && statusErrors.isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
    growToFit(this);
}

} // namespace Tideline
