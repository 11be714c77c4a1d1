// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "usagedialog.h"

#include "dialogutil.h"

#include <engine/engine.h>

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace Tideline {

using namespace DialogUtil;

namespace {

bool isTableEditOf(const UsageEdit &edit, const QString &releaseId)
{
    return edit.release == releaseId && edit.procedure.isEmpty();
}

QSet<QString> *usageSet(TableUsage *usage, int column)
{
    switch (column) {
    case UsageDialog::ReadsColumn:
        return &usage->reads;
    case UsageDialog::InsertsColumn:
        return &usage->inserts;
    case UsageDialog::UpdatesColumn:
        return &usage->updates;
    default:
        return nullptr;
    }
}

bool uses(const TableUsage &usage, int column, const QString &name)
{
    TableUsage copy = usage; // implicitly shared: no deep copy
    const QSet<QString> *set = usageSet(&copy, column);
    return set && set->contains(name);
}

/** Tinted with a tooltip when the check differs from what the steps give. */
void markHandEdit(QTableWidgetItem *item, bool fromSteps)
{
    const bool edited = (item->checkState() == Qt::Checked) != fromSteps;
    // A check box has no text to embolden: tint the cell.
    item->setData(Qt::BackgroundRole, edited ? QVariant(QColor(0xff, 0xe4, 0xa8)) : QVariant());
    item->setToolTip(edited ? UsageDialog::tr("Edited by hand (the refactorings' steps say %1)")
                                  .arg(fromSteps ? UsageDialog::tr("yes") : UsageDialog::tr("no"))
                            : QString());
}

/** What turns @p from into @p to: the names to add and to remove, sorted. */
UsageDelta delta(const QSet<QString> &from, const QSet<QString> &to)
{
    UsageDelta d;
    d.add = QStringList((to - from).cbegin(), (to - from).cend());
    d.remove = QStringList((from - to).cbegin(), (from - to).cend());
    d.add.sort();
    d.remove.sort();
    return d;
}

bool sameUse(const TableUsage &a, const TableUsage &b)
{
    return a.reads == b.reads && a.inserts == b.inserts && a.updates == b.updates;
}

} // namespace

UsageDialog::UsageDialog(const Plan &plan,
                         const QString &releaseId,
                         QWidget *parent,
                         const Engine *planEngine)
    : QDialog(parent)
    , m_plan(plan)
    , m_releaseId(releaseId)
{
    const Release *release = plan.release(releaseId);
    setWindowTitle(tr("Application Usage — %1").arg(release ? releaseText(*release) : releaseId));

    m_heading = new QLabel(this);
    m_heading->setWordWrap(true);
    m_problem = createErrorLabel(this);
    m_problem->setObjectName(QStringLiteral("usageProblem"));

    m_relations = new QListWidget(this);
    m_relations->setObjectName(QStringLiteral("relations"));
    m_relations->setToolTip(tr("Tables and views of the schema at this release; bold ones are "
                               "edited by hand"));
    m_columns = new QTableWidget(0, ColumnCount, this);
    m_columns->setObjectName(QStringLiteral("usageColumns"));
    m_columns->setHorizontalHeaderLabels(
        {tr("Column"), tr("Type"), tr("Reads"), tr("Inserts"), tr("Updates")});
    m_columns->horizontalHeaderItem(ReadsColumn)->setToolTip(tr("The version selects the column"));
    m_columns->horizontalHeaderItem(InsertsColumn)
        ->setToolTip(tr("The version gives the column a value when it inserts rows"));
    m_columns->horizontalHeaderItem(UpdatesColumn)
        ->setToolTip(tr("The version changes the column in updates"));
    m_columns->verticalHeader()->hide();
    m_columns->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    // No selection highlight: it would hide the tint of hand-edited cells.
    m_columns->setSelectionMode(QAbstractItemView::NoSelection);
    m_columns->setAlternatingRowColors(true);
    m_columns->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_columns->horizontalHeader()->setSectionResizeMode(TypeColumn, QHeaderView::ResizeToContents);
    for (int c = ReadsColumn; c <= UpdatesColumn; ++c)
        m_columns->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);

    auto *reset = new QPushButton(tr("&Reset Table"), this);
    reset->setObjectName(QStringLiteral("resetRelation"));
    reset->setToolTip(tr("Drop the hand edits of this table: use what the refactorings' steps "
                         "give this version"));
    connect(reset, &QPushButton::clicked, this, &UsageDialog::resetRelation);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_columns, 1);
    auto *rightButtons = new QHBoxLayout;
    rightButtons->addStretch();
    rightButtons->addWidget(reset);
    rightLayout->addLayout(rightButtons);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_relations);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({180, 460});
    splitter->setChildrenCollapsible(false);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("usageStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    // The whole-plan check can take a moment on big plans: run it once the clicking pauses.
    m_checkTimer = new QTimer(this);
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(150);
    connect(m_checkTimer, &QTimer::timeout, this, &UsageDialog::checkCompatibility);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_problem);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_relations, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        m_relation = name;
        fillColumns();
    });
    connect(m_columns, &QTableWidget::itemChanged, this, &UsageDialog::columnItemChanged);

    load(planEngine);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(m_editable);
    splitter->setEnabled(m_editable);
    if (m_editable) {
        if (planEngine && planEngine->plan() == m_plan)
            showCompatibility(*planEngine, {}); // nothing edited yet: the plan's own result
        else
            checkCompatibility();
    }
    resize(720, 480);
}

void UsageDialog::load(const Engine *planEngine)
{
    // The version's usage without this release's table edits: the refactorings' steps alone.
    Plan reduced = m_plan;
    reduced.usage.erase(std::remove_if(reduced.usage.begin(),
                                       reduced.usage.end(),
                                       [this](const UsageEdit &e) {
                                           return isTableEditOf(e, m_releaseId);
                                       }),
                        reduced.usage.end());
    QList<PlanError> errors;
    std::unique_ptr<Engine> own;
    // Without edits of its own, the plan's last run already holds the version.
    const bool reusable = planEngine && planEngine->plan() == m_plan
                          && reduced.usage.size() == m_plan.usage.size();
    if (!reusable) {
        own = std::make_unique<Engine>(reduced);
        own->run(&errors); // on failure the versions up to the failing release remain
    }
    const Engine &engine = reusable ? *planEngine : *own;
    m_position = engine.releasePosition(m_releaseId);
    const Release *release = m_plan.release(m_releaseId);
    if (m_position == 0) {
        showError(m_problem,
                  release ? tr("Release %1 is cancelled: no application version ships with it.")
                                .arg(m_releaseId)
                          : tr("There is no release %1 in the plan.").arg(m_releaseId));
        return;
    }
    if (engine.apps().size() <= m_position || !engine.state(m_position, Phase::Pre)) {
        showError(m_problem,
                  tr("The plan cannot be evaluated up to this release: %1")
                      .arg(errors.isEmpty() ? QString() : errors.constFirst().toString()));
        return;
    }
    m_editable = true;
    const AppVersion &app = engine.apps().at(m_position);
    m_schema = engine.state(m_position, Phase::Pre)->schema;
    m_steps = app.usage.tables.toMap();
    AppUsage current = app.usage;
    for (const UsageEdit &edit : std::as_const(m_plan.usage)) {
        if (isTableEditOf(edit, m_releaseId))
            current.apply(edit, m_schema);
    }
    m_chosen = current.tables.toMap();
    m_heading->setText(tr("What <b>%1</b> reads and writes, from this release on. It first "
                          "meets <b>%2</b>; the checks start from what the refactorings' steps "
                          "give it, and hand edits are kept as differences.")
                           .arg(app.name.toHtmlEscaped(),
                                engine.state(m_position, Phase::Pre)->name.toHtmlEscaped()));

    QStringList names = m_schema.tables.keys();
    for (const QString &view : m_schema.views.keys())
        names << view;
    // Relations the version still uses but the schema lacks stay listed, so they can be fixed.
    for (auto it = m_chosen.cbegin(); it != m_chosen.cend(); ++it) {
        if (!names.contains(it.key()) && !it.value().isEmpty())
            names << it.key();
    }
    for (const QString &name : std::as_const(names)) {
        auto *item = new QListWidgetItem(name, m_relations);
        if (m_schema.views.contains(name))
            item->setToolTip(tr("View %1").arg(name));
        else if (!m_schema.tables.contains(name))
            item->setToolTip(tr("%1 does not exist at this release").arg(name));
    }
    markRelations();
    if (m_relations->count() > 0)
        m_relations->setCurrentRow(0);
}

void UsageDialog::showRelation(const QString &relation)
{
    const QList<QListWidgetItem *> found = m_relations->findItems(relation, Qt::MatchExactly);
    if (!found.isEmpty())
        m_relations->setCurrentItem(found.constFirst());
}

void UsageDialog::fillColumns()
{
    const QSignalBlocker block(m_columns);
    m_columns->setRowCount(0);
    if (m_relation.isEmpty())
        return;
    QList<QPair<QString, QString>> columns; // name, type
    if (const Table *table = m_schema.table(m_relation)) {
        for (const Column &c : table->columns)
            columns.append({c.name, c.type});
    } else if (m_schema.views.contains(m_relation)) {
        for (const QString &c : m_schema.views.value(m_relation).columns)
            columns.append({c, QString()});
    }
    const TableUsage use = m_chosen.value(m_relation);
    QSet<QString> used = use.reads + use.inserts + use.updates;
    for (const auto &column : std::as_const(columns))
        used.remove(column.first);
    QStringList missing(used.cbegin(), used.cend());
    missing.sort();
    for (const QString &name : std::as_const(missing))
        columns.append({name, QString()});

    const bool isView = m_schema.views.contains(m_relation);
    const TableUsage steps = m_steps.value(m_relation);
    m_columns->setRowCount(int(columns.size()));
    for (int row = 0; row < columns.size(); ++row) {
        const QString &name = columns.at(row).first;
        auto *nameItem = new QTableWidgetItem(name);
        nameItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        const bool isMissing = missing.contains(name);
        if (isMissing) {
            nameItem->setForeground(QColor(0xb0, 0x2a, 0x2a));
            nameItem->setToolTip(
                tr("%1.%2 does not exist at this release; uncheck it").arg(m_relation, name));
        }
        m_columns->setItem(row, NameColumn, nameItem);
        auto *typeItem = new QTableWidgetItem(isMissing ? tr("(missing)") : columns.at(row).second);
        typeItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        m_columns->setItem(row, TypeColumn, typeItem);
        for (int c = ReadsColumn; c <= UpdatesColumn; ++c) {
            auto *check = new QTableWidgetItem;
            Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable
                                  | Qt::ItemIsUserCheckable;
            // Views are read, not written; a missing column can only be unchecked.
            const bool checked = uses(use, c, name);
            if ((isView && c != ReadsColumn) || (isMissing && !checked))
                flags &= ~Qt::ItemIsEnabled;
            check->setFlags(flags);
            check->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            markHandEdit(check, uses(steps, c, name));
            m_columns->setItem(row, c, check);
        }
    }
}

void UsageDialog::columnItemChanged(QTableWidgetItem *item)
{
    TableUsage &use = m_chosen[m_relation];
    QSet<QString> *set = usageSet(&use, item->column());
    if (!set)
        return;
    const QString name = m_columns->item(item->row(), NameColumn)->text();
    if (item->checkState() == Qt::Checked)
        set->insert(name);
    else
        set->remove(name);
    markRelations();
    m_checkTimer->start();
    const QSignalBlocker block(m_columns);
    markHandEdit(item, uses(m_steps.value(m_relation), item->column(), name));
}

void UsageDialog::resetRelation()
{
    if (m_relation.isEmpty())
        return;
    m_chosen[m_relation] = m_steps.value(m_relation);
    markRelations();
    fillColumns();
    m_checkTimer->start();
}

void UsageDialog::checkCompatibility()
{
    Plan candidate = m_plan;
    candidate.usage = usage();
    Engine engine(candidate);
    QList<PlanError> errors;
    engine.run(&errors);
    showCompatibility(engine, errors);
}

void UsageDialog::showCompatibility(const Engine &engine, const QList<PlanError> &errors)
{
    QString text;
    bool ok = true;
    if (!errors.isEmpty() || engine.apps().size() <= m_position) {
        ok = false;
        text = tr("The plan cannot be evaluated with these edits: %1")
                   .arg(errors.isEmpty() ? QString() : errors.constFirst().message);
    } else {
        // The edits apply from this version on: count what fails for it and later ones.
        QStringList failures;
        for (const Cell &cell : engine.cells()) {
            if (!cell.required || cell.app < m_position)
                continue;
            for (const Failure &f : cell.failures) {
                if (!f.warning)
                    failures << f.message;
            }
        }
        ok = failures.isEmpty();
        text = ok ? tr("With these edits, %1 and later versions pass every required "
                       "compatibility check.")
                        .arg(engine.apps().at(m_position).name)
                  : tr("With these edits, %1 required compatibility check(s) fail, e.g.: %2")
                        .arg(failures.size())
                        .arg(failures.constFirst());
    }
    QPalette pal = palette();
    if (!ok)
        pal.setColor(QPalette::WindowText, QColor(0xb0, 0x2a, 0x2a));
    m_status->setPalette(pal);
    m_status->setText(text);
}

void UsageDialog::markRelations()
{
    for (int i = 0; i < m_relations->count(); ++i) {
        QListWidgetItem *item = m_relations->item(i);
        QFont font = item->font();
        font.setBold(!sameUse(m_chosen.value(item->text()), m_steps.value(item->text())));
        item->setFont(font);
    }
}

QList<UsageEdit> UsageDialog::usage() const
{
    if (!m_editable)
        return m_plan.usage;
    QList<UsageEdit> result;
    int insertAt = -1;
    QMap<QString, UsageDelta> honours; // kept from the old edits: this dialog does not show them
    for (const UsageEdit &edit : m_plan.usage) {
        if (!isTableEditOf(edit, m_releaseId)) {
            result << edit;
            continue;
        }
        if (insertAt < 0)
            insertAt = int(result.size());
        UsageDelta &h = honours[edit.table];
        h.add += edit.honours.add;
        h.remove += edit.honours.remove;
        h.replace = h.replace || edit.honours.replace;
    }
    QStringList relations = m_chosen.keys();
    for (const QString &name : m_steps.keys() + honours.keys()) {
        if (!relations.contains(name))
            relations << name;
    }
    relations.sort();
    QList<UsageEdit> edits;
    for (const QString &name : std::as_const(relations)) {
        const TableUsage chosen = m_chosen.value(name);
        const TableUsage steps = m_steps.value(name);
        UsageEdit edit;
        edit.release = m_releaseId;
        edit.table = name;
        edit.reads = delta(steps.reads, chosen.reads);
        edit.inserts = delta(steps.inserts, chosen.inserts);
        edit.updates = delta(steps.updates, chosen.updates);
        edit.honours = honours.value(name);
        if (!edit.reads.isEmpty() || !edit.inserts.isEmpty() || !edit.updates.isEmpty()
            || !edit.honours.isEmpty())
            edits << edit;
    }
    if (insertAt < 0)
        insertAt = int(result.size());
    for (int i = 0; i < edits.size(); ++i)
        result.insert(insertAt + i, edits.at(i));
    return result;
}

} // namespace Tideline
