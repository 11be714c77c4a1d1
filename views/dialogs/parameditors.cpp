// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "parameditors.h"

#include <sql/dialect.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpressionValidator>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Tideline {

namespace {

QRegularExpression identifierPattern()
{
    return QRegularExpression(QStringLiteral("[A-Za-z_][A-Za-z0-9_]*"));
}

QVBoxLayout *bareLayout(QWidget *owner)
{
    auto *layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    return layout;
}

/** Selects @p text in @p combo, adding it (marked) when the list lacks it. */
void selectOrAdd(QComboBox *combo, const QString &text)
{
    if (text.isEmpty()) {
        combo->setCurrentIndex(-1);
        return;
    }
    int i = combo->findText(text);
    if (i < 0) {
        combo->addItem(text);
        i = combo->count() - 1;
    }
    combo->setCurrentIndex(i);
}

/** A name of a table or column that exists: a non-editable combo filled from the schema. */
class ExistingNameEditor final : public ParamEditor
{
public:
    ExistingNameEditor(const ParamSpec &spec, bool tables, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_tables(tables)
        , m_combo(new QComboBox(this))
    {
        bareLayout(this)->addWidget(m_combo);
        connect(m_combo, &QComboBox::currentTextChanged, this, &ParamEditor::changed);
    }

    QJsonValue value() const override
    {
        return m_combo->currentText().isEmpty() ? QJsonValue(QJsonValue::Undefined)
                                                : QJsonValue(m_combo->currentText());
    }
    void setValue(const QJsonValue &value) override
    {
        m_wanted = value.toString();
        selectOrAdd(m_combo, m_wanted);
    }
    void setContext(const Schema &schema, const Table *table) override
    {
        const QString keep = m_combo->currentText().isEmpty() ? m_wanted : m_combo->currentText();
        QStringList names;
        if (m_tables) {
            names = schema.tables.keys();
        } else if (table) {
            for (const Column &c : table->columns)
                names << c.name;
        }
        const QSignalBlocker block(m_combo);
        m_combo->clear();
        m_combo->addItems(names);
        if (names.contains(keep))
            m_combo->setCurrentText(keep);
        else
            m_combo->setCurrentIndex(names.isEmpty() ? -1 : 0);
        emit changed();
    }
    QWidget *focusTarget() const override { return m_combo; }

private:
    bool m_tables;
    QString m_wanted;
    QComboBox *m_combo;
};

/** Text typed by the user: a new identifier, or SQL (in a fixed-width font). */
class TextEditor final : public ParamEditor
{
public:
    enum class Kind { Identifier, Sql };

    TextEditor(const ParamSpec &spec, Kind kind, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_edit(new QLineEdit(this))
    {
        bareLayout(this)->addWidget(m_edit);
        if (kind == Kind::Identifier) {
            m_edit->setValidator(new QRegularExpressionValidator(identifierPattern(), m_edit));
            m_edit->setPlaceholderText(tr("new name"));
        } else {
            m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            m_edit->setPlaceholderText(spec.required ? tr("SQL expression")
                                                     : tr("SQL expression (optional)"));
        }
        m_edit->setClearButtonEnabled(true);
        connect(m_edit, &QLineEdit::textChanged, this, &ParamEditor::changed);
    }
    QJsonValue value() const override
    {
        const QString text = m_edit->text().trimmed();
        return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
    }
    void setValue(const QJsonValue &value) override { m_edit->setText(value.toString()); }
    QWidget *focusTarget() const override { return m_edit; }

private:
    QLineEdit *m_edit;
};

/** An SQL type: an editable combo with the dialect's common types. */
class TypeEditor final : public ParamEditor
{
public:
    TypeEditor(const ParamSpec &spec, const QString &dialect, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_dialect(dialect)
        , m_combo(new QComboBox(this))
    {
        bareLayout(this)->addWidget(m_combo);
        m_combo->setEditable(true);
        m_combo->setInsertPolicy(QComboBox::NoInsert);
        m_combo->lineEdit()->setPlaceholderText(tr("e.g. varchar(255)"));
        m_combo->addItems(commonTypes(dialect, {}));
        m_combo->setCurrentIndex(-1);
        connect(m_combo, &QComboBox::currentTextChanged, this, &ParamEditor::changed);
    }
    QJsonValue value() const override
    {
        const QString text = m_combo->currentText().trimmed();
        return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
    }
    void setValue(const QJsonValue &value) override { m_combo->setCurrentText(value.toString()); }
    void setContext(const Schema &schema, const Table *) override
    {
        const QString keep = m_combo->currentText();
        const QSignalBlocker block(m_combo);
        m_combo->clear();
        m_combo->addItems(commonTypes(m_dialect, schema));
        m_combo->setCurrentText(keep);
    }
    QWidget *focusTarget() const override { return m_combo; }

private:
    QString m_dialect;
    QComboBox *m_combo;
};

/** A flag; written to the parameters only when it differs from the catalog default. */
class BoolEditor final : public ParamEditor
{
public:
    BoolEditor(const ParamSpec &spec, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_default(spec.defaultValue == QLatin1String("true"))
        , m_check(new QCheckBox(spec.description, this))
    {
        bareLayout(this)->addWidget(m_check);
        m_check->setChecked(m_default);
        connect(m_check, &QCheckBox::toggled, this, &ParamEditor::changed);
    }
    QJsonValue value() const override
    {
        if (!m_explicit && m_check->isChecked() == m_default)
            return QJsonValue(QJsonValue::Undefined);
        return m_check->isChecked();
    }
    void setValue(const QJsonValue &value) override
    {
        m_explicit = value.isBool();
        m_check->setChecked(value.isBool() ? value.toBool() : m_default);
    }
    QWidget *focusTarget() const override { return m_check; }

private:
    bool m_default;
    bool m_explicit = false; // the loaded refactoring spelled it out; keep it spelled out
    QCheckBox *m_check;
};

/** Several columns of the table, as a checkable list. */
class ColumnListEditor final : public ParamEditor
{
public:
    ColumnListEditor(const ParamSpec &spec, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_list(new QListWidget(this))
    {
        bareLayout(this)->addWidget(m_list);
        m_list->setMaximumHeight(m_list->fontMetrics().height() * 7);
        connect(m_list, &QListWidget::itemChanged, this, &ParamEditor::changed);
    }
    QJsonValue value() const override
    {
        // Names loaded from the refactoring keep their order; new ones follow in table order.
        QStringList checked;
        for (int i = 0; i < m_list->count(); ++i) {
            if (m_list->item(i)->checkState() == Qt::Checked)
                checked << m_list->item(i)->text();
        }
        QJsonArray result;
        for (const QString &name : m_order) {
            if (checked.removeOne(name))
                result.append(name);
        }
        for (const QString &name : std::as_const(checked))
            result.append(name);
        return result.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(result);
    }
    void setValue(const QJsonValue &value) override
    {
        m_order.clear();
        for (const QJsonValue &v : value.toArray())
            m_order << v.toString();
        const QSignalBlocker block(m_list);
        for (const QString &name : std::as_const(m_order)) {
            if (m_list->findItems(name, Qt::MatchExactly).isEmpty())
                addItem(name);
        }
        for (int i = 0; i < m_list->count(); ++i) {
            QListWidgetItem *item = m_list->item(i);
            item->setCheckState(m_order.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
        }
        emit changed();
    }
    void setContext(const Schema &, const Table *table) override
    {
        const QJsonValue keep = value();
        if (!keep.isUndefined()) {
            m_order.clear();
            for (const QJsonValue &v : keep.toArray())
                m_order << v.toString();
        }
        {
            const QSignalBlocker block(m_list);
            m_list->clear();
            if (table) {
                for (const Column &c : table->columns) {
                    QListWidgetItem *item = addItem(c.name);
                    item->setToolTip(
                        tr("%1 %2%3").arg(c.name, c.type, c.nullable ? QString() : tr(" NOT NULL")));
                    item->setCheckState(m_order.contains(c.name) ? Qt::Checked : Qt::Unchecked);
                }
            }
        }
        emit changed();
    }
    QWidget *focusTarget() const override { return m_list; }

private:
    QListWidgetItem *addItem(const QString &name)
    {
        auto *item = new QListWidgetItem(name, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
        return item;
    }

    QStringList m_order;
    QListWidget *m_list;
};

/** Shared look of the small tables below. */
QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setMaximumHeight(table->fontMetrics().height() * 8);
    table->setTabKeyNavigation(false);
    return table;
}

/** Old name -> new name, one row per chosen column; empty new names are left out. */
class MapEditor final : public ParamEditor
{
public:
    MapEditor(const ParamSpec &spec, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_table(makeTable({tr("Column"), tr("New name")}, this))
    {
        bareLayout(this)->addWidget(m_table);
        connect(m_table, &QTableWidget::itemChanged, this, &ParamEditor::changed);
    }
    QJsonValue value() const override
    {
        QJsonObject result;
        for (int row = 0; row < m_table->rowCount(); ++row) {
            const QString to = m_table->item(row, 1) ? m_table->item(row, 1)->text().trimmed()
                                                     : QString();
            if (!to.isEmpty())
                result.insert(m_table->item(row, 0)->text(), to);
        }
        return result.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(result);
    }
    void setValue(const QJsonValue &value) override
    {
        m_names = value.toObject();
        QStringList keys = m_columns;
        for (auto it = m_names.constBegin(); it != m_names.constEnd(); ++it) {
            if (!keys.contains(it.key()))
                keys << it.key();
        }
        fill(keys);
    }
    void setChosenColumns(const QStringList &columns) override
    {
        const QJsonValue current = value();
        m_names = current.toObject();
        m_columns = columns;
        fill(columns);
    }
    QWidget *focusTarget() const override { return m_table; }

private:
    void fill(const QStringList &keys)
    {
        {
            const QSignalBlocker block(m_table);
            m_table->setRowCount(int(keys.size()));
            for (int row = 0; row < keys.size(); ++row) {
                auto *from = new QTableWidgetItem(keys.at(row));
                from->setFlags(Qt::ItemIsEnabled);
                m_table->setItem(row, 0, from);
                auto *to = new QTableWidgetItem(m_names.value(keys.at(row)).toString());
                to->setToolTip(tr("Leave empty to keep the name"));
                m_table->setItem(row, 1, to);
            }
        }
        emit changed();
    }

    QStringList m_columns;
    QJsonObject m_names;
    QTableWidget *m_table;
};

/** Edits a type cell with an editable combo of the dialect's common types. */
class TypeDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QStringList types;

    QWidget *createEditor(QWidget *parent,
                          const QStyleOptionViewItem &,
                          const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->addItems(types);
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QComboBox *>(editor)->setCurrentText(index.data().toString());
    }
    void setModelData(QWidget *editor,
                      QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentText().trimmed());
    }
};

/** A list of new columns {name, type, expression}, with add and remove buttons. */
class ColumnSpecsEditor final : public ParamEditor
{
public:
    ColumnSpecsEditor(const ParamSpec &spec, const QString &dialect, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_dialect(dialect)
        , m_table(makeTable({tr("Name"), tr("Type"), tr("Expression")}, this))
        , m_types(new TypeDelegate(m_table))
    {
        m_types->types = commonTypes(dialect, {});
        m_table->setItemDelegateForColumn(1, m_types);
        auto *layout = new QHBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_table);
        auto *buttons = new QVBoxLayout;
        auto *add = new QToolButton(this);
        add->setText(tr("Add"));
        add->setToolTip(tr("Add a new column"));
        auto *remove = new QToolButton(this);
        remove->setText(tr("Remove"));
        remove->setToolTip(tr("Remove the selected column"));
        add->setToolButtonStyle(Qt::ToolButtonTextOnly);
        remove->setToolButtonStyle(Qt::ToolButtonTextOnly);
        add->setObjectName(QStringLiteral("addPart"));
        remove->setObjectName(QStringLiteral("removePart"));
        buttons->addWidget(add);
        buttons->addWidget(remove);
        buttons->addStretch();
        layout->addLayout(buttons);
        m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        m_table->horizontalHeader()->setStretchLastSection(true);
        connect(m_table, &QTableWidget::itemChanged, this, &ParamEditor::changed);
        connect(add, &QToolButton::clicked, this, [this] {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            for (int column = 0; column < m_table->columnCount(); ++column)
                m_table->setItem(row, column, new QTableWidgetItem);
            m_table->setCurrentCell(row, 0);
            m_table->editItem(m_table->item(row, 0));
            emit changed();
        });
        connect(remove, &QToolButton::clicked, this, [this] {
            if (m_table->currentRow() >= 0) {
                m_table->removeRow(m_table->currentRow());
                emit changed();
            }
        });
    }
    QJsonValue value() const override
    {
        QJsonArray result;
        for (int row = 0; row < m_table->rowCount(); ++row) {
            QJsonObject part;
            bool any = false;
            const QStringList keys{QStringLiteral("name"),
                                   QStringLiteral("type"),
                                   QStringLiteral("expression")};
            for (int column = 0; column < keys.size(); ++column) {
                const QString text = m_table->item(row, column)
                                         ? m_table->item(row, column)->text().trimmed()
                                         : QString();
                any = any || !text.isEmpty();
                part.insert(keys.at(column), text);
            }
            if (any)
                result.append(part);
        }
        return result.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(result);
    }
    void setValue(const QJsonValue &value) override
    {
        const QJsonArray parts = value.toArray();
        {
            const QSignalBlocker block(m_table);
            m_table->setRowCount(int(parts.size()));
            for (int row = 0; row < parts.size(); ++row) {
                const QJsonObject o = parts.at(row).toObject();
                m_table->setItem(row,
                                 0,
                                 new QTableWidgetItem(o.value(QStringLiteral("name")).toString()));
                m_table->setItem(row,
                                 1,
                                 new QTableWidgetItem(o.value(QStringLiteral("type")).toString()));
                m_table->setItem(row,
                                 2,
                                 new QTableWidgetItem(
                                     o.value(QStringLiteral("expression")).toString()));
            }
        }
        emit changed();
    }
    void setContext(const Schema &schema, const Table *) override
    {
        m_types->types = commonTypes(m_dialect, schema);
    }
    QWidget *focusTarget() const override { return m_table; }

private:
    QString m_dialect;
    QTableWidget *m_table;
    TypeDelegate *m_types; // Owned by m_table.
};

} // namespace

ParamEditor::ParamEditor(const ParamSpec &spec, QWidget *parent)
    : QWidget(parent)
    , m_spec(spec)
{
    setObjectName(QStringLiteral("param_") + spec.name);
}

void ParamEditor::setContext(const Schema &, const Table *) {}

void ParamEditor::setChosenColumns(const QStringList &) {}

ParamEditor *ParamEditor::create(const KindSpec &kind,
                                 const ParamSpec &param,
                                 const QString &dialect,
                                 QWidget *parent)
{
    Q_UNUSED(kind)
    ParamEditor *editor = nullptr;
    switch (param.type) {
    case ParamType::Table:
        editor = new ExistingNameEditor(param, true, parent);
        break;
    case ParamType::Column:
        editor = new ExistingNameEditor(param, false, parent);
        break;
    case ParamType::Type:
        editor = new TypeEditor(param, dialect, parent);
        break;
    case ParamType::Bool:
        editor = new BoolEditor(param, parent);
        break;
    case ParamType::Columns:
        editor = new ColumnListEditor(param, parent);
        break;
    case ParamType::ColumnMap:
        editor = new MapEditor(param, parent);
        break;
    case ParamType::ColumnSpecs:
        editor = new ColumnSpecsEditor(param, dialect, parent);
        break;
    case ParamType::NewTable:
    case ParamType::NewColumn:
    case ParamType::Name:
    case ParamType::Index:
    case ParamType::Constraint:
    case ParamType::Enum:
    case ParamType::View:
    case ParamType::Procedure:
    case ParamType::Release:
    case ParamType::Choice:
        editor = new TextEditor(param, TextEditor::Kind::Identifier, parent);
        break;
    case ParamType::Sql:
    case ParamType::Text:
    case ParamType::Values:
    case ParamType::DialectSql:
        editor = new TextEditor(param, TextEditor::Kind::Sql, parent);
        break;
    }
    editor->focusTarget()->setToolTip(param.description);
    return editor;
}

QStringList ParamEditor::commonTypes(const QString &dialect, const Schema &schema)
{
    QStringList types;
    for (const Table &table : schema.tables) {
        for (const Column &c : table.columns) {
            if (!types.contains(c.type))
                types << c.type;
        }
    }
    types.sort();
    const Dialect *engine = Dialect::forName(dialect);
    const QStringList common = (engine ? engine : Dialect::all().first())->commonTypes();
    for (const QString &t : std::as_const(common)) {
        if (!types.contains(t))
            types << t;
    }
    return types;
}

} // namespace Tideline
