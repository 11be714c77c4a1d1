// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "parameditors.h"

#include "dialogutil.h"

#include <sql/dialect.h>
#include <sqlhighlighter.h>

#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
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

#include <algorithm>
#include <functional>

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

/** One entry of a ChoiceEditor: the value it stands for, its text and a tooltip. */
struct Entry
{
    QString value;
    QString text;
    QString toolTip;
};

/** What a ChoiceEditor offers for the schema at the start release and the chosen table. */
using EntrySource = std::function<QList<Entry>(const Schema &, const Table *)>;

QString columnSummary(const Column &c)
{
    return QStringLiteral("%1 %2%3").arg(c.name, c.type, c.nullable ? QString() : QStringLiteral(" NOT NULL"));
}

QString indexSummary(const Index &index)
{
    QString text = QStringLiteral("%1(%2)").arg(index.unique ? QStringLiteral("UNIQUE ") : QString(),
                                                index.columns.join(QStringLiteral(", ")));
    if (!index.where.isEmpty())
        text += QStringLiteral(" WHERE ") + index.where;
    return text;
}

QString constraintSummary(const Constraint &c)
{
    switch (c.kind) {
    case Constraint::Kind::PrimaryKey:
        return QStringLiteral("PRIMARY KEY (%1)").arg(c.columns.join(QStringLiteral(", ")));
    case Constraint::Kind::Unique:
        return QStringLiteral("UNIQUE (%1)").arg(c.columns.join(QStringLiteral(", ")));
    case Constraint::Kind::Check:
        return QStringLiteral("CHECK (%1)").arg(c.expression);
    case Constraint::Kind::ForeignKey:
        return QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
            .arg(c.columns.join(QStringLiteral(", ")), c.refTable, c.refColumns.join(QStringLiteral(", ")));
    }
    return {};
}

// What the lists of existing objects offer, from the schema or the table they follow.

QList<Entry> tableEntries(const Schema &schema, const Table *)
{
    QList<Entry> list;
    for (const Table &t : schema.tables)
        list.append({t.name, t.name, ParamEditor::tr("%n column(s)", nullptr, int(t.columns.size()))});
    return list;
}

QList<Entry> columnEntries(const Schema &, const Table *table)
{
    QList<Entry> list;
    for (const Column &c : table ? table->columns : QList<Column>())
        list.append({c.name, c.name, columnSummary(c)});
    return list;
}

QList<Entry> indexEntries(const Schema &, const Table *table)
{
    QList<Entry> list;
    for (const Index &index : table ? table->indexes : QList<Index>())
        list.append({index.name, index.name, indexSummary(index)});
    return list;
}

QList<Entry> constraintEntries(const Schema &, const Table *table)
{
    QList<Entry> list;
    for (const Constraint &c : table ? table->constraints : QList<Constraint>()) {
        if (!c.name.isEmpty()) // an unnamed constraint cannot be named in a plan
            list.append({c.name, c.name, constraintSummary(c)});
    }
    return list;
}

QList<Entry> enumEntries(const Schema &schema, const Table *)
{
    QList<Entry> list;
    for (auto it = schema.enums.cbegin(); it != schema.enums.cend(); ++it)
        list.append({it.key(), it.key(), it.value().values.join(QStringLiteral(", "))});
    return list;
}

QList<Entry> viewEntries(const Schema &schema, const Table *)
{
    QList<Entry> list;
    for (auto it = schema.views.cbegin(); it != schema.views.cend(); ++it)
        list.append({it.key(), it.key(), it.value().columns.join(QStringLiteral(", "))});
    return list;
}

QList<Entry> procedureEntries(const Schema &schema, const Table *)
{
    QList<Entry> list;
    for (auto it = schema.procedures.cbegin(); it != schema.procedures.cend(); ++it) {
        QStringList parameters;
        for (const Parameter &p : it.value().parameters)
            parameters << p.name;
        list.append({it.key(), it.key(), QStringLiteral("(%1)").arg(parameters.join(QStringLiteral(", ")))});
    }
    return list;
}

/**
 * One value out of a list: an existing object of the schema or the chosen table (refilled by
 * setContext()), a choice or a release of the plan. A non-editable combo; an optional
 * parameter has an empty entry first ("not set", or the catalog's default).
 */
class ChoiceEditor final : public ParamEditor
{
public:
    /** @p fixed entries, or those @p source gives for the context; @p empty: what no entry says. */
    ChoiceEditor(const ParamSpec &spec, const QList<Entry> &fixed, EntrySource source, const QString &empty,
                 QWidget *parent)
        : ParamEditor(spec, parent)
        , m_source(std::move(source))
        , m_combo(new QComboBox(this))
    {
        bareLayout(this)->addWidget(m_combo);
        m_combo->setPlaceholderText(empty);
        fill(fixed, {});
        if (!spec.required)
            m_combo->setCurrentIndex(0);
        connect(m_combo, &QComboBox::currentIndexChanged, this, &ParamEditor::changed);
    }

    QJsonValue value() const override
    {
        const QString v = m_combo->currentData().toString();
        return v.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(v);
    }
    void setValue(const QJsonValue &value) override
    {
        m_wanted = value.toString();
        select(m_wanted);
    }
    void setContext(const Schema &schema, const Table *table) override
    {
        if (!m_source)
            return;
        const QString current = value().toString();
        // Objects of a table that does not exist (yet): the name given stays, as it is.
        const bool keepMissing = followsTable(spec().type) && !table;
        fill(m_source(schema, table), current.isEmpty() ? m_wanted : current, keepMissing);
        emit changed();
    }
    QWidget *focusTarget() const override { return m_combo; }

private:
    void fill(const QList<Entry> &entries, const QString &keep, bool keepMissing = false)
    {
        const QSignalBlocker block(m_combo);
        m_combo->clear();
        if (!spec().required) {
            m_combo->addItem(spec().defaultValue.isEmpty() ? tr("(not set)")
                                                           : tr("(default: %1)").arg(spec().defaultValue),
                             QString());
            m_combo->setItemData(0, tr("Leave the parameter out"), Qt::ToolTipRole);
        }
        for (const Entry &e : entries) {
            m_combo->addItem(e.text, e.value);
            if (!e.toolTip.isEmpty())
                m_combo->setItemData(m_combo->count() - 1, e.toolTip, Qt::ToolTipRole);
        }
        int i = keep.isEmpty() ? -1 : m_combo->findData(keep);
        if (i < 0 && keepMissing && !keep.isEmpty()) {
            m_combo->addItem(keep, keep);
            i = m_combo->count() - 1;
        }
        if (i < 0)
            i = m_combo->count() > 0 ? 0 : -1; // the empty entry, or the first object
        m_combo->setCurrentIndex(i);
    }

    /** Selects @p value, adding it (marked) when the list lacks it. */
    void select(const QString &value)
    {
        int i = m_combo->findData(value);
        if (value.isEmpty()) {
            i = spec().required ? -1 : 0;
        } else if (i < 0) {
            m_combo->addItem(value, value);
            i = m_combo->count() - 1;
            m_combo->setItemData(i, tr("Not in the schema at the start release"), Qt::ToolTipRole);
        }
        m_combo->setCurrentIndex(i);
    }

    EntrySource m_source;
    QString m_wanted; // the value set, kept while the list lacks it
    QComboBox *m_combo;
};

/** A new name typed by the user: a table, a column, an index or constraint … */
class IdentifierEditor final : public ParamEditor
{
public:
    IdentifierEditor(const ParamSpec &spec, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_edit(new QLineEdit(this))
    {
        bareLayout(this)->addWidget(m_edit);
        m_edit->setValidator(new QRegularExpressionValidator(identifierPattern(), m_edit));
        m_edit->setPlaceholderText(spec.type == ParamType::NewTable    ? tr("new table name")
                                   : spec.type == ParamType::NewColumn ? tr("new column name")
                                                                       : tr("new name"));
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

/** An SQL expression, on one line in a fixed-width font. */
class SqlExpressionEditor final : public ParamEditor
{
public:
    SqlExpressionEditor(const ParamSpec &spec, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_edit(new QLineEdit(this))
    {
        bareLayout(this)->addWidget(m_edit);
        m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_edit->setPlaceholderText(spec.required ? tr("SQL expression") : tr("SQL expression (optional)"));
        m_edit->setClearButtonEnabled(true);
        connect(m_edit, &QLineEdit::textEdited, this, [this] { m_empty = false; });
        connect(m_edit, &QLineEdit::textChanged, this, &ParamEditor::changed);
    }
    QJsonValue value() const override
    {
        const QString text = m_edit->text().trimmed();
        if (text.isEmpty())
            return m_empty ? QJsonValue(QString()) : QJsonValue(QJsonValue::Undefined);
        return text;
    }
    void setValue(const QJsonValue &value) override
    {
        m_edit->setText(value.toString());
        m_empty = value.isString() && value.toString().isEmpty();
    }
    QWidget *focusTarget() const override { return m_edit; }

private:
    QLineEdit *m_edit;
    bool m_empty = false; // set to an empty expression (not left out) until edited
};

/** A plain-text box a few lines high; Tab moves on instead of typing a tab. */
QPlainTextEdit *makeTextBox(QWidget *parent, int lines, bool fixedFont)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setTabChangesFocus(true);
    if (fixedFont)
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const QMargins m = edit->contentsMargins();
    const int height = QFontMetrics(edit->font()).lineSpacing() * lines
                       + int(2 * edit->document()->documentMargin()) + m.top() + m.bottom()
                       + 2 * edit->frameWidth();
    edit->setFixedHeight(height);
    return edit;
}

/** Free text such as a comment: words, punctuation and line breaks as typed. */
class FreeTextEditor final : public ParamEditor
{
public:
    FreeTextEditor(const ParamSpec &spec, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_edit(makeTextBox(this, 3, false))
    {
        bareLayout(this)->addWidget(m_edit);
        m_edit->setPlaceholderText(spec.required ? tr("text") : tr("text (optional)"));
        connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
            if (!m_setting)
                m_empty = false;
            emit changed();
        });
    }
    QJsonValue value() const override
    {
        // An empty text is a value (e.g. "no comment") when the parameter is required or was
        // set so; an optional one left empty is left out.
        const QString text = m_edit->toPlainText();
        if (!text.trimmed().isEmpty())
            return text;
        return spec().required || m_empty ? QJsonValue(QString()) : QJsonValue(QJsonValue::Undefined);
    }
    void setValue(const QJsonValue &value) override
    {
        m_setting = true;
        m_edit->setPlainText(value.toString());
        m_setting = false;
        m_empty = value.isString() && value.toString().isEmpty();
    }
    QWidget *focusTarget() const override { return m_edit; }

private:
    QPlainTextEdit *m_edit;
    bool m_empty = false; // set to an empty text (not left out) until edited
    bool m_setting = false;
};

/** A list of text values (enum values), one a line, in order. */
class ValuesEditor final : public ParamEditor
{
public:
    ValuesEditor(const ParamSpec &spec, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_edit(makeTextBox(this, 4, false))
    {
        bareLayout(this)->addWidget(m_edit);
        m_edit->setPlaceholderText(tr("one value a line"));
        m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        connect(m_edit, &QPlainTextEdit::textChanged, this, &ParamEditor::changed);
    }
    QJsonValue value() const override
    {
        QJsonArray values;
        for (const QString &line : m_edit->toPlainText().split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty())
                values.append(line.trimmed());
        }
        return values.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(values);
    }
    void setValue(const QJsonValue &value) override
    {
        QStringList lines;
        for (const QJsonValue &v : value.toArray())
            lines << v.toString();
        m_edit->setPlainText(lines.join(QLatin1Char('\n')));
    }
    QWidget *focusTarget() const override { return m_edit; }

private:
    QPlainTextEdit *m_edit;
};

/**
 * SQL for the plan's engine, several lines, highlighted. The value maps engine names to SQL;
 * the entries of other engines (a plan converted from another engine) are kept as they are.
 */
class DialectSqlEditor final : public ParamEditor
{
public:
    DialectSqlEditor(const ParamSpec &spec, const QString &dialect, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_dialect(dialect)
        , m_edit(makeTextBox(this, 6, true))
        , m_others(new QLabel(this))
    {
        auto *layout = bareLayout(this);
        layout->addWidget(m_edit);
        layout->addWidget(m_others);
        new SqlHighlighter(m_edit->document()); // Owned by the document.
        m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        const Dialect *d = Dialect::forName(dialect);
        m_edit->setPlaceholderText(tr("SQL for %1").arg(d ? d->title() : dialect));
        m_others->setForegroundRole(QPalette::PlaceholderText);
        m_others->setWordWrap(true);
        m_others->hide();
        connect(m_edit, &QPlainTextEdit::textChanged, this, &ParamEditor::changed);
    }
    QJsonValue value() const override
    {
        QJsonObject result = m_kept;
        const QString sql = m_edit->toPlainText();
        if (!sql.trimmed().isEmpty())
            result.insert(m_dialect, sql);
        return result.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(result);
    }
    void setValue(const QJsonValue &value) override
    {
        m_kept = value.toObject();
        const QString sql = m_kept.take(m_dialect).toString();
        QStringList others;
        for (auto it = m_kept.constBegin(); it != m_kept.constEnd(); ++it) {
            const Dialect *d = Dialect::forName(it.key());
            others << (d ? d->title() : it.key());
        }
        m_others->setText(tr("Also holds SQL for %1, kept as it is.").arg(others.join(QStringLiteral(", "))));
        m_others->setVisible(!others.isEmpty());
        m_edit->setPlainText(sql);
    }
    QWidget *focusTarget() const override { return m_edit; }

private:
    QString m_dialect;
    QJsonObject m_kept; // other engines' SQL
    QPlainTextEdit *m_edit;
    QLabel *m_others;
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
        fitHeight();
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
            } else {
                // No such table yet (a new one): the names given stay, as they are.
                for (const QString &name : std::as_const(m_order))
                    addItem(name)->setCheckState(Qt::Checked);
            }
        }
        fitHeight();
        emit changed();
    }
    QWidget *focusTarget() const override { return m_list; }

private:
    /** As tall as its entries, from three to seven rows; more scroll. */
    void fitHeight()
    {
        const int rows = std::clamp(int(m_list->count()), 3, 7);
        const int row = m_list->count() > 0 ? m_list->sizeHintForRow(0) : m_list->fontMetrics().height() + 2;
        m_list->setFixedHeight(rows * row + 2 * m_list->frameWidth() + 4);
    }

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
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
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

/** Edits a cell with a non-editable combo: a flag of a column spec ("", "true", "false"). */
class FlagDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        combo->addItems({QString(), QStringLiteral("true"), QStringLiteral("false")});
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QComboBox *>(editor)->setCurrentText(index.data().toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentText());
    }
};

/** A key of the objects of a ColumnSpecs parameter and the JSON type of its values. */
struct SpecKey
{
    QString name;
    QJsonValue::Type type = QJsonValue::String;
};

/**
 * The keys the items of @p param have: "name" and "type" (what the type promises), then those
 * the kind's example gives its items, in the example's order.
 */
QList<SpecKey> specKeys(const KindSpec &kind, const ParamSpec &param, const QString &dialect)
{
    QList<SpecKey> keys{{QStringLiteral("name")}, {QStringLiteral("type")}};
    const auto add = [&keys](const QString &name, QJsonValue::Type type) {
        for (const SpecKey &k : std::as_const(keys)) {
            if (k.name == name)
                return;
        }
        keys.append({name, type});
    };
    if (kind.example) {
        const QString tableName = QStringLiteral("t");
        const QString prefix = QStringLiteral("g0_");
        for (int variant = 0; variant < 3; ++variant) {
            Schema scratch;
            scratch.tables.insert(tableName, exampleTable(tableName, prefix));
            const QJsonObject params = kind.example(&scratch, tableName, prefix, variant, dialect);
            for (const QJsonValue &item : params.value(param.name).toArray()) {
                const QJsonObject o = item.toObject();
                for (auto it = o.constBegin(); it != o.constEnd(); ++it)
                    add(it.key(), it.value().type());
            }
        }
    }
    return keys;
}

QString cellText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return v.toDouble() == double(v.toInteger()) ? QString::number(v.toInteger())
                                                     : QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

/** @p text as a value of @p type; text that does not read as one stays text (validation says so). */
QJsonValue cellValue(const QString &text, QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::Bool:
        if (text == QLatin1String("true") || text == QLatin1String("false"))
            return text == QLatin1String("true");
        break;
    case QJsonValue::Double: {
        bool ok = false;
        const double d = text.toDouble(&ok);
        if (ok)
            return d;
        break;
    }
    case QJsonValue::Array:
    case QJsonValue::Object: {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        if (doc.isArray())
            return doc.array();
        if (doc.isObject())
            return doc.object();
        break;
    }
    case QJsonValue::String:
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return text;
}

/**
 * A list of new columns, one row each and one table column per key of their objects (name,
 * type and what the kind's items carry, e.g. an expression), with add and remove buttons.
 * Keys a loaded item has beyond those get a table column too; nothing is dropped.
 */
class ColumnSpecsEditor final : public ParamEditor
{
public:
    ColumnSpecsEditor(const ParamSpec &spec, const QList<SpecKey> &keys, const QString &dialect, QWidget *parent)
        : ParamEditor(spec, parent)
        , m_dialect(dialect)
        , m_keys(keys)
        , m_table(makeTable({}, this))
        , m_types(new TypeDelegate(m_table))
        , m_flags(new FlagDelegate(m_table))
    {
        m_types->types = commonTypes(dialect, {});
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
        setHeaders();
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
            const QTableWidgetItem *first = m_table->item(row, 0);
            // What the loaded item had, for the keys no cell shows and the JSON types.
            QJsonObject part = first ? first->data(Qt::UserRole).toJsonObject() : QJsonObject();
            bool any = false;
            for (int column = 0; column < m_keys.size(); ++column) {
                const SpecKey &key = m_keys.at(column);
                const QString text = m_table->item(row, column) ? m_table->item(row, column)->text().trimmed()
                                                                : QString();
                any = any || !text.isEmpty();
                if (!text.isEmpty())
                    part.insert(key.name, cellValue(text, part.contains(key.name) ? part.value(key.name).type() : key.type));
                else if (part.value(key.name) != QJsonValue(QString())) // an empty text stays
                    part.remove(key.name);
            }
            if (any)
                result.append(part);
        }
        return result.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(result);
    }
    void setValue(const QJsonValue &value) override
    {
        const QJsonArray parts = value.toArray();
        for (const QJsonValue &part : parts) {
            const QJsonObject o = part.toObject();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                const bool known = std::any_of(m_keys.cbegin(), m_keys.cend(),
                                               [&](const SpecKey &k) { return k.name == it.key(); });
                if (!known)
                    m_keys.append({it.key(), it.value().type()});
            }
        }
        {
            const QSignalBlocker block(m_table);
            setHeaders();
            m_table->setRowCount(int(parts.size()));
            for (int row = 0; row < parts.size(); ++row) {
                const QJsonObject o = parts.at(row).toObject();
                for (int column = 0; column < m_keys.size(); ++column)
                    m_table->setItem(row, column, new QTableWidgetItem(cellText(o.value(m_keys.at(column).name))));
                m_table->item(row, 0)->setData(Qt::UserRole, o);
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
    void setHeaders()
    {
        QStringList headers;
        for (const SpecKey &key : std::as_const(m_keys))
            headers << labelFor(key.name);
        m_table->setColumnCount(int(headers.size()));
        m_table->setHorizontalHeaderLabels(headers);
        for (int column = 0; column < m_keys.size(); ++column) {
            const SpecKey &key = m_keys.at(column);
            QAbstractItemDelegate *delegate = nullptr;
            if (key.name == QLatin1String("type")) // the type of the new column (ParamType::ColumnSpecs)
                delegate = m_types;
            else if (key.type == QJsonValue::Bool)
                delegate = m_flags;
            m_table->setItemDelegateForColumn(column, delegate);
        }
    }

    QString m_dialect;
    QList<SpecKey> m_keys;
    QTableWidget *m_table;
    TypeDelegate *m_types;  // Owned by m_table.
    FlagDelegate *m_flags; // Owned by m_table.
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

QString ParamEditor::labelFor(const QString &name)
{
    QString text;
    for (const QChar c : name) {
        if (c.isUpper() && !text.isEmpty())
            text += QLatin1Char(' ') + c.toLower();
        else if (c == QLatin1Char('_'))
            text += QLatin1Char(' ');
        else
            text += text.isEmpty() ? c.toUpper() : c;
    }
    return text;
}

bool ParamEditor::followsTable(ParamType type)
{
    static const QList<ParamType> followers{ParamType::Column, ParamType::NewColumn, ParamType::Columns,
                                            ParamType::ColumnMap, ParamType::Index, ParamType::Constraint};
    return followers.contains(type);
}

ParamEditor *ParamEditor::create(const KindSpec &kind, const ParamSpec &param, const Plan &plan, QWidget *parent)
{
    ParamEditor *editor = nullptr;
    switch (param.type) {
    case ParamType::Table:
        editor = new ChoiceEditor(param, {}, tableEntries, tr("no table in the schema"), parent);
        break;
    case ParamType::Column:
        editor = new ChoiceEditor(param, {}, columnEntries, tr("choose the table first"), parent);
        break;
    case ParamType::Index:
        editor = new ChoiceEditor(param, {}, indexEntries, tr("no index on this table"), parent);
        break;
    case ParamType::Constraint:
        editor = new ChoiceEditor(param, {}, constraintEntries, tr("no named constraint on this table"), parent);
        break;
    case ParamType::Enum:
        editor = new ChoiceEditor(param, {}, enumEntries, tr("no enum type in the schema"), parent);
        break;
    case ParamType::View:
        editor = new ChoiceEditor(param, {}, viewEntries, tr("no view in the schema"), parent);
        break;
    case ParamType::Procedure:
        editor = new ChoiceEditor(param, {}, procedureEntries, tr("no procedure in the schema"), parent);
        break;
    case ParamType::Choice: {
        QList<Entry> entries;
        for (const QString &c : param.choices)
            entries.append({c, c, {}});
        editor = new ChoiceEditor(param, entries, {}, {}, parent);
        break;
    }
    case ParamType::Release: {
        QList<Entry> entries;
        for (const Release &r : plan.releases) {
            if (r.status != Release::Status::Cancelled)
                entries.append({r.id, DialogUtil::releaseText(r), Release::statusName(r.status)});
        }
        editor = new ChoiceEditor(param, entries, {}, tr("no release in the plan"), parent);
        break;
    }
    case ParamType::NewTable:
    case ParamType::NewColumn:
    case ParamType::Name:
        editor = new IdentifierEditor(param, parent);
        break;
    case ParamType::Type:
        editor = new TypeEditor(param, plan.dialect, parent);
        break;
    case ParamType::Sql:
        editor = new SqlExpressionEditor(param, parent);
        break;
    case ParamType::Text:
        editor = new FreeTextEditor(param, parent);
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
        editor = new ColumnSpecsEditor(param, specKeys(kind, param, plan.dialect), plan.dialect, parent);
        break;
    case ParamType::Values:
        editor = new ValuesEditor(param, parent);
        break;
    case ParamType::DialectSql:
        editor = new DialectSqlEditor(param, plan.dialect, parent);
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
