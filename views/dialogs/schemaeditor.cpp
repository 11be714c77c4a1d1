// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaeditor.h"

#include <document/document.h>
#include <document/schemaedit.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

using KeyKind = SchemaEditor::KeyKind;

QStringList typesFor(const QString &dialect)
{
    if (dialect == u"sqlite"_s)
        return {u"INTEGER"_s, u"TEXT"_s, u"REAL"_s, u"NUMERIC"_s, u"BLOB"_s, u"varchar(255)"_s};
    if (dialect == u"mysql"_s)
        return {u"int"_s, u"bigint"_s, u"varchar(255)"_s, u"text"_s, u"tinyint(1)"_s, u"decimal(10,2)"_s,
                u"datetime"_s, u"date"_s, u"json"_s};
    if (dialect == u"sqlserver"_s)
        return {u"int"_s, u"bigint"_s, u"nvarchar(255)"_s, u"nvarchar(max)"_s, u"bit"_s, u"decimal(10,2)"_s,
                u"datetime2"_s, u"date"_s, u"uniqueidentifier"_s};
    return {u"integer"_s, u"bigint"_s, u"text"_s, u"varchar(255)"_s, u"boolean"_s, u"numeric(10,2)"_s,
            u"timestamptz"_s, u"date"_s, u"uuid"_s, u"jsonb"_s};
}

QDialogButtonBox *okCancel(QDialog *dialog, const QString &okText)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(okText);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return buttons;
}

/** The columns of @p table to tick, ticked where @p checked has them. */
QListWidget *columnChecklist(const Table &table, const QStringList &checked, QWidget *parent)
{
    auto *list = new QListWidget(parent);
    for (const Column &column : table.columns) {
        const QString &name = column.name;
        auto *item = new QListWidgetItem(name, list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(checked.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
    list->setMaximumHeight(list->fontMetrics().lineSpacing() * 8);
    return list;
}

QStringList ticked(const QListWidget *list)
{
    QStringList names;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->checkState() == Qt::Checked)
            names << list->item(i)->text();
    }
    return names;
}

/**
 * The column form: name, type, NULL allowed, default. With @p tableName set it is the new-table
 * form: the table's name and whether its first column is the primary key come first.
 */
bool askColumn(QWidget *parent, const QString &title, const QString &dialect, Column *column,
               QString *tableName = nullptr, bool *primaryKey = nullptr)
{
    QDialog dialog(parent);
    dialog.setObjectName(u"columnForm"_s);
    dialog.setWindowTitle(title);
    auto *form = new QFormLayout;
    QLineEdit *table = nullptr;
    if (tableName) {
        table = new QLineEdit(*tableName, &dialog);
        table->setObjectName(u"tableName"_s);
        form->addRow(SchemaEditor::tr("&Table name:"), table);
        form->addRow(new QLabel(SchemaEditor::tr("Its first column:"), &dialog));
    }
    auto *name = new QLineEdit(column->name, &dialog);
    name->setObjectName(u"columnName"_s);
    auto *type = new QComboBox(&dialog);
    type->setObjectName(u"columnType"_s);
    type->setEditable(true);
    type->addItems(typesFor(dialect));
    type->setCurrentText(column->type);
    auto *nullable = new QCheckBox(SchemaEditor::tr("Allows &NULL"), &dialog);
    nullable->setObjectName(u"columnNullable"_s);
    nullable->setChecked(column->nullable);
    auto *defaultValue = new QLineEdit(column->defaultValue, &dialog);
    defaultValue->setObjectName(u"columnDefault"_s);
    defaultValue->setPlaceholderText(SchemaEditor::tr("none; SQL such as 0, 'new' or CURRENT_TIMESTAMP"));
    form->addRow(SchemaEditor::tr("&Name:"), name);
    form->addRow(SchemaEditor::tr("T&ype:"), type);
    form->addRow(QString(), nullable);
    form->addRow(SchemaEditor::tr("&Default:"), defaultValue);
    QCheckBox *key = nullptr;
    if (primaryKey) {
        key = new QCheckBox(SchemaEditor::tr("It is the &primary key"), &dialog);
        key->setObjectName(u"tablePrimaryKey"_s);
        key->setChecked(*primaryKey);
        form->addRow(QString(), key);
        QObject::connect(key, &QCheckBox::toggled, nullable, [nullable](bool on) {
            nullable->setEnabled(!on);
            if (on)
                nullable->setChecked(false);
        });
        nullable->setEnabled(!key->isChecked());
    }
    auto *layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(okCancel(&dialog, tableName ? SchemaEditor::tr("Add Table") : SchemaEditor::tr("OK")));
    (table ? table : name)->setFocus();
    if (dialog.exec() != QDialog::Accepted)
        return false;
    if (tableName)
        *tableName = table->text().trimmed();
    if (primaryKey)
        *primaryKey = key->isChecked();
    column->name = name->text().trimmed();
    column->type = type->currentText().trimmed();
    column->nullable = nullable->isChecked();
    column->defaultValue = defaultValue->text().trimmed();
    return true;
}

/** The key form for @p kind on @p table; fills @p constraint (or @p index, or @p columns). */
bool askKey(QWidget *parent, KeyKind kind, const Table &table, const Schema &schema, Constraint *constraint,
            Index *index, QStringList *columns)
{
    static const char *const titles[] = {"Primary Key of %1", "Add Unique Key to %1", "Add Index to %1",
                                         "Add Foreign Key to %1", "Add Check Constraint to %1"};
    QDialog dialog(parent);
    dialog.setObjectName(u"keyForm"_s);
    dialog.setWindowTitle(SchemaEditor::tr(titles[int(kind)]).arg(table.name));
    auto *form = new QFormLayout;
    static const char *const suffixes[] = {"pkey", "key", "idx", "fkey", "check"};
    auto *name = new QLineEdit(u"%1_%2"_s.arg(table.name, QString::fromLatin1(suffixes[int(kind)])), &dialog);
    name->setObjectName(u"keyName"_s);
    if (kind != KeyKind::PrimaryKey)
        form->addRow(SchemaEditor::tr("&Name:"), name);
    QListWidget *list = nullptr;
    if (kind != KeyKind::Check) {
        list = columnChecklist(table, kind == KeyKind::PrimaryKey ? table.primaryKey : QStringList(),
                               &dialog);
        list->setObjectName(u"keyColumns"_s);
        form->addRow(SchemaEditor::tr("&Columns:"), list);
    }
    QCheckBox *unique = nullptr;
    if (kind == KeyKind::Index) {
        unique = new QCheckBox(SchemaEditor::tr("&Unique"), &dialog);
        unique->setObjectName(u"keyUnique"_s);
        form->addRow(QString(), unique);
    }
    QComboBox *refTable = nullptr;
    QListWidget *refColumns = nullptr;
    QComboBox *onDelete = nullptr;
    if (kind == KeyKind::ForeignKey) {
        refTable = new QComboBox(&dialog);
        refTable->setObjectName(u"keyRefTable"_s);
        refTable->addItems(schema.tables.keys());
        refColumns = new QListWidget(&dialog);
        refColumns->setObjectName(u"keyRefColumns"_s);
        refColumns->setMaximumHeight(refColumns->fontMetrics().lineSpacing() * 8);
        // The referenced table's primary key is ticked: what a foreign key usually names.
        auto fill = [&schema, refTable, refColumns] {
            refColumns->clear();
            const Table *target = schema.table(refTable->currentText());
            if (!target)
                return;
            for (const Column &c : target->columns) {
                auto *item = new QListWidgetItem(c.name, refColumns);
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
                item->setCheckState(target->primaryKey.contains(c.name) ? Qt::Checked : Qt::Unchecked);
            }
        };
        QObject::connect(refTable, &QComboBox::currentIndexChanged, refColumns, fill);
        fill();
        onDelete = new QComboBox(&dialog);
        onDelete->setObjectName(u"keyOnDelete"_s);
        onDelete->addItems({u"NO ACTION"_s, u"CASCADE"_s, u"SET NULL"_s, u"SET DEFAULT"_s, u"RESTRICT"_s});
        form->addRow(SchemaEditor::tr("&References table:"), refTable);
        form->addRow(SchemaEditor::tr("Its c&olumns:"), refColumns);
        form->addRow(SchemaEditor::tr("On &delete:"), onDelete);
    }
    QLineEdit *expression = nullptr;
    if (kind == KeyKind::Check) {
        expression = new QLineEdit(&dialog);
        expression->setObjectName(u"keyExpression"_s);
        expression->setPlaceholderText(SchemaEditor::tr("SQL, e.g. price >= 0"));
        form->addRow(SchemaEditor::tr("&Expression:"), expression);
    }
    auto *layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(okCancel(&dialog, kind == KeyKind::PrimaryKey ? SchemaEditor::tr("Set") : SchemaEditor::tr("Add")));
    if (dialog.exec() != QDialog::Accepted)
        return false;
    switch (kind) {
    case KeyKind::PrimaryKey:
        *columns = ticked(list);
        return true;
    case KeyKind::Index:
        index->name = name->text().trimmed();
        index->columns = ticked(list);
        index->unique = unique->isChecked();
        return true;
    case KeyKind::Unique:
    case KeyKind::ForeignKey:
    case KeyKind::Check:
        break;
    }
    constraint->name = name->text().trimmed();
    constraint->kind = kind == KeyKind::Unique       ? Constraint::Kind::Unique
                       : kind == KeyKind::ForeignKey ? Constraint::Kind::ForeignKey
                                                     : Constraint::Kind::Check;
    if (list)
        constraint->columns = ticked(list);
    if (kind == KeyKind::ForeignKey) {
        constraint->refTable = refTable->currentText();
        constraint->refColumns = ticked(refColumns);
        constraint->onDelete = onDelete->currentIndex() == 0 ? QString() : onDelete->currentText();
    }
    if (expression)
        constraint->expression = expression->text().trimmed();
    return true;
}

QString keyKindText(Constraint::Kind kind)
{
    switch (kind) {
    case Constraint::Kind::PrimaryKey:
        return SchemaEditor::tr("primary key");
    case Constraint::Kind::Unique:
        return SchemaEditor::tr("unique");
    case Constraint::Kind::Check:
        return SchemaEditor::tr("check");
    case Constraint::Kind::ForeignKey:
        return SchemaEditor::tr("foreign key");
    }
    return {};
}

QPushButton *button(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setAutoDefault(false);
    return b;
}

} // namespace

SchemaEditor::SchemaEditor(Document *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_tables(new QListWidget(this))
    , m_columns(new QTableWidget(this))
    , m_keys(new QTreeWidget(this))
    , m_heading(new QLabel(this))
    , m_message(new QLabel(this))
    , m_note(new QLabel(this))
{
    setObjectName(u"schemaEditor"_s);
    setWindowTitle(tr("Baseline Schema"));
    m_tables->setObjectName(u"schemaTables"_s);
    m_columns->setObjectName(u"schemaColumns"_s);
    m_columns->setColumnCount(5);
    m_columns->setHorizontalHeaderLabels({tr("Column"), tr("Type"), tr("NULL"), tr("Default"), tr("Key")});
    m_columns->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_columns->setSelectionMode(QAbstractItemView::SingleSelection);
    m_columns->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_columns->verticalHeader()->hide();
    m_columns->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_keys->setObjectName(u"schemaKeys"_s);
    m_keys->setHeaderLabels({tr("Kind"), tr("Name"), tr("Columns"), tr("Details")});
    m_keys->setRootIsDecorated(false);
    m_keys->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_heading->setObjectName(u"schemaHeading"_s);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_message->setObjectName(u"schemaMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setObjectName(u"schemaNote"_s);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);

    // Tables on the left.
    auto *addTableButton = button(tr("&Add Table…"), u"addTableButton"_s, this);
    auto *renameTableButton = button(tr("Re&name…"), u"renameTableButton"_s, this);
    auto *removeTableButton = button(tr("Delete"), u"removeTableButton"_s, this);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *tablesLabel = new QLabel(tr("&Tables"), left);
    tablesLabel->setBuddy(m_tables);
    leftLayout->addWidget(tablesLabel);
    leftLayout->addWidget(m_tables, 1);
    auto *tableButtons = new QHBoxLayout;
    tableButtons->addWidget(addTableButton);
    tableButtons->addWidget(renameTableButton);
    tableButtons->addWidget(removeTableButton);
    leftLayout->addLayout(tableButtons);

    // The selected table on the right: columns, then keys, indexes and constraints.
    auto *addColumnButton = button(tr("Add &Column…"), u"addColumnButton"_s, this);
    auto *editColumnButton = button(tr("&Edit Column…"), u"editColumnButton"_s, this);
    auto *removeColumnButton = button(tr("Delete Column"), u"removeColumnButton"_s, this);
    auto *primaryKeyButton = button(tr("&Primary Key…"), u"primaryKeyButton"_s, this);
    auto *uniqueButton = button(tr("&Unique…"), u"addUniqueButton"_s, this);
    auto *indexButton = button(tr("&Index…"), u"addIndexButton"_s, this);
    auto *foreignKeyButton = button(tr("&Foreign Key…"), u"addForeignKeyButton"_s, this);
    auto *checkButton = button(tr("Chec&k…"), u"addCheckButton"_s, this);
    m_removeKey = button(tr("Delete"), u"removeKeyButton"_s, this);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_heading);
    rightLayout->addWidget(m_columns, 3);
    auto *columnButtons = new QHBoxLayout;
    columnButtons->addWidget(addColumnButton);
    columnButtons->addWidget(editColumnButton);
    columnButtons->addWidget(removeColumnButton);
    columnButtons->addStretch();
    rightLayout->addLayout(columnButtons);
    auto *keysLabel = new QLabel(tr("Keys, indexes and constraints"), right);
    keysLabel->setBuddy(m_keys);
    rightLayout->addWidget(keysLabel);
    rightLayout->addWidget(m_keys, 2);
    auto *keyButtons = new QHBoxLayout;
    for (QPushButton *b : {primaryKeyButton, uniqueButton, indexButton, foreignKeyButton, checkButton, m_removeKey})
        keyButtons->addWidget(b);
    keyButtons->addStretch();
    rightLayout->addLayout(keyButtons);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    // Undo and redo of the document, here too: the edits are the plan's.
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    addAction(undo);
    addAction(redo);
    auto *undoButton = button(tr("Undo"), u"schemaUndo"_s, this);
    auto *redoButton = button(tr("Redo"), u"schemaRedo"_s, this);
    connect(undoButton, &QPushButton::clicked, undo, &QAction::trigger);
    connect(redoButton, &QPushButton::clicked, redo, &QAction::trigger);
    connect(undo, &QAction::changed, undoButton, [undo, undoButton] {
        undoButton->setEnabled(undo->isEnabled());
        undoButton->setToolTip(undo->text());
    });
    connect(redo, &QAction::changed, redoButton, [redo, redoButton] {
        redoButton->setEnabled(redo->isEnabled());
        redoButton->setToolTip(redo->text());
    });
    undoButton->setEnabled(undo->isEnabled());
    redoButton->setEnabled(redo->isEnabled());
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(undoButton);
    bottom->addWidget(redoButton);
    bottom->addStretch();
    bottom->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_note);
    layout->addLayout(bottom);

    m_tableButtons = {renameTableButton, removeTableButton, addColumnButton, primaryKeyButton,
                      uniqueButton, indexButton, foreignKeyButton, checkButton};
    m_columnButtons = {editColumnButton, removeColumnButton};
    connect(addTableButton, &QPushButton::clicked, this, &SchemaEditor::addTable);
    connect(renameTableButton, &QPushButton::clicked, this, &SchemaEditor::renameTable);
    connect(removeTableButton, &QPushButton::clicked, this, &SchemaEditor::removeTable);
    connect(addColumnButton, &QPushButton::clicked, this, &SchemaEditor::addColumn);
    connect(editColumnButton, &QPushButton::clicked, this, &SchemaEditor::editColumn);
    connect(removeColumnButton, &QPushButton::clicked, this, &SchemaEditor::removeColumn);
    const QList<QPair<QPushButton *, KeyKind>> keyKinds{{primaryKeyButton, KeyKind::PrimaryKey},
                                                         {uniqueButton, KeyKind::Unique},
                                                         {indexButton, KeyKind::Index},
                                                         {foreignKeyButton, KeyKind::ForeignKey},
                                                         {checkButton, KeyKind::Check}};
    for (const auto &[keyButton, kind] : keyKinds)
        connect(keyButton, &QPushButton::clicked, this, [this, kind = kind] { addKey(kind); });
    connect(m_removeKey, &QPushButton::clicked, this, &SchemaEditor::removeKey);
    connect(m_columns, &QTableWidget::cellDoubleClicked, this, &SchemaEditor::editColumn);
    connect(m_tables, &QListWidget::currentTextChanged, this, &SchemaEditor::showTable);
    connect(m_columns, &QTableWidget::itemSelectionChanged, this, &SchemaEditor::updateButtons);
    connect(m_keys, &QTreeWidget::itemSelectionChanged, this, &SchemaEditor::updateButtons);
    // Undo, redo and the engine taking an edit back show here at once.
    connect(m_document, &Document::planChanged, this, &SchemaEditor::refresh);
    connect(m_document, &Document::editRefused, this, [this](const QString &why) {
        m_message->setText(tr("Refused: %1").arg(why));
    });

    refresh();
    resize(980, 620);
}

QString SchemaEditor::currentTable() const
{
    return m_tables->currentItem() ? m_tables->currentItem()->text() : QString();
}

void SchemaEditor::selectTable(const QString &name)
{
    const QList<QListWidgetItem *> found = m_tables->findItems(name, Qt::MatchExactly);
    if (!found.isEmpty())
        m_tables->setCurrentItem(found.constFirst());
}

QString SchemaEditor::message() const
{
    return m_message->text();
}

const Table *SchemaEditor::table() const
{
    return m_document->plan().baseline.schema.table(currentTable());
}

QString SchemaEditor::selectedColumn() const
{
    const int row = m_columns->currentRow();
    return row >= 0 && m_columns->item(row, 0) && m_columns->item(row, 0)->isSelected()
               ? m_columns->item(row, 0)->text()
               : QString();
}

void SchemaEditor::refresh()
{
    const Baseline &baseline = m_document->plan().baseline;
    const QString current = currentTable();
    {
        const QSignalBlocker quiet(m_tables);
        m_tables->clear();
        m_tables->addItems(baseline.schema.tables.keys());
    }
    selectTable(current);
    if (!m_tables->currentItem() && m_tables->count() > 0)
        m_tables->setCurrentRow(0);
    m_note->setText(!baseline.sql.isEmpty()
                        ? tr("This baseline is written as DDL in the plan. An edit here stores it as tables "
                             "instead (what the DDL held that a schema cannot is dropped, as on import).")
                        : m_tables->count() == 0 ? tr("The baseline has no tables yet: add one, or use File › "
                                                      "Import Schema.")
                                                 : QString());
    m_note->setVisible(!m_note->text().isEmpty());
    showTable();
}

void SchemaEditor::showTable()
{
    const QString column = selectedColumn();
    const Table *t = table();
    m_heading->setText(t ? tr("Columns of %1").arg(t->name) : tr("No table selected"));
    m_columns->setRowCount(0);
    m_keys->clear();
    if (t) {
        m_columns->setRowCount(int(t->columns.size()));
        for (int row = 0; row < t->columns.size(); ++row) {
            const Column &c = t->columns.at(row);
            QString key = t->primaryKey.contains(c.name) ? tr("primary key") : QString();
            if (c.identity)
                key += key.isEmpty() ? tr("identity") : tr(", identity");
            const QStringList cells{c.name, c.type, c.nullable ? tr("yes") : tr("NOT NULL"),
                                    c.generated ? tr("generated: %1").arg(c.generatedExpression) : c.defaultValue,
                                    key};
            for (int i = 0; i < cells.size(); ++i)
                m_columns->setItem(row, i, new QTableWidgetItem(cells.at(i)));
            if (c.name == column)
                m_columns->selectRow(row);
        }
        m_columns->resizeColumnsToContents();
        m_columns->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
        bool primaryKeyShown = false;
        for (int i = 0; i < t->constraints.size(); ++i) {
            const Constraint &c = t->constraints.at(i);
            QString details = c.expression;
            if (c.kind == Constraint::Kind::ForeignKey) {
                details = tr("→ %1 (%2)").arg(c.refTable, c.refColumns.join(u", "_s));
                if (!c.onDelete.isEmpty())
                    details += tr(", ON DELETE %1").arg(c.onDelete);
            }
            primaryKeyShown = primaryKeyShown || c.kind == Constraint::Kind::PrimaryKey;
            auto *item = new QTreeWidgetItem(m_keys, {keyKindText(c.kind), c.name, c.columns.join(u", "_s), details});
            item->setData(0, Qt::UserRole, u"c%1"_s.arg(i));
        }
        if (!primaryKeyShown && !t->primaryKey.isEmpty()) {
            auto *item = new QTreeWidgetItem(m_keys, {tr("primary key"), QString(), t->primaryKey.join(u", "_s)});
            item->setData(0, Qt::UserRole, u"p"_s);
        }
        for (int i = 0; i < t->indexes.size(); ++i) {
            const Index &index = t->indexes.at(i);
            auto *item = new QTreeWidgetItem(m_keys, {index.unique ? tr("unique index") : tr("index"), index.name,
                                                      index.columns.join(u", "_s),
                                                      index.where.isEmpty() ? QString() : u"WHERE "_s + index.where});
            item->setData(0, Qt::UserRole, u"i%1"_s.arg(i));
        }
        for (int i = 0; i < m_keys->columnCount() - 1; ++i)
            m_keys->resizeColumnToContents(i);
    }
    updateButtons();
}

void SchemaEditor::updateButtons()
{
    const bool hasTable = table() != nullptr;
    for (QPushButton *b : std::as_const(m_tableButtons))
        b->setEnabled(hasTable);
    const bool hasColumn = hasTable && !selectedColumn().isEmpty();
    for (QPushButton *b : std::as_const(m_columnButtons))
        b->setEnabled(hasColumn);
    m_removeKey->setEnabled(hasTable && m_keys->currentItem() && m_keys->currentItem()->isSelected());
}

bool SchemaEditor::apply(const SchemaEdit &edit)
{
    QString error;
    if (!m_document->editBaseline(edit, &error)) {
        m_message->setText(tr("Refused: %1").arg(error));
        return false;
    }
    m_message->clear();
    return true;
}

void SchemaEditor::addTable()
{
    QString name;
    bool primaryKey = true;
    Column first;
    first.name = u"id"_s;
    first.type = typesFor(m_document->plan().dialect).constFirst();
    first.nullable = false;
    if (!askColumn(this, tr("Add Table"), m_document->plan().dialect, &first, &name, &primaryKey))
        return;
    if (apply(SchemaEdit::addTable(name, first, primaryKey ? QStringList{first.name} : QStringList())))
        selectTable(name);
}

void SchemaEditor::renameTable()
{
    const QString old = currentTable();
    if (old.isEmpty())
        return;
    QInputDialog dialog(this);
    dialog.setObjectName(u"renameTableDialog"_s);
    dialog.setWindowTitle(tr("Rename Table"));
    dialog.setLabelText(tr("New name of %1:").arg(old));
    dialog.setTextValue(old);
    if (dialog.exec() != QDialog::Accepted || dialog.textValue().trimmed() == old)
        return;
    const QString name = dialog.textValue().trimmed();
    if (apply(SchemaEdit::renameTable(old, name)))
        selectTable(name);
}

void SchemaEditor::removeTable()
{
    if (!currentTable().isEmpty())
        apply(SchemaEdit::removeTable(currentTable()));
}

void SchemaEditor::addColumn()
{
    if (!table())
        return;
    Column column;
    column.type = typesFor(m_document->plan().dialect).constFirst();
    if (askColumn(this, tr("Add Column to %1").arg(currentTable()), m_document->plan().dialect, &column))
        apply(SchemaEdit::addColumn(currentTable(), column));
}

void SchemaEditor::editColumn()
{
    const Table *t = table();
    const QString name = selectedColumn();
    if (!t || !t->column(name))
        return;
    Column column = *t->column(name); // identity, comment, … stay as they are
    if (askColumn(this, tr("Edit Column %1.%2").arg(t->name, name), m_document->plan().dialect, &column))
        apply(SchemaEdit::replaceColumn(currentTable(), name, column));
}

void SchemaEditor::removeColumn()
{
    const QString name = selectedColumn();
    if (table() && !name.isEmpty())
        apply(SchemaEdit::removeColumn(currentTable(), name));
}

void SchemaEditor::addKey(KeyKind kind)
{
    const Table *t = table();
    if (!t)
        return;
    Constraint constraint;
    Index index;
    QStringList columns;
    if (!askKey(this, kind, *t, m_document->plan().baseline.schema, &constraint, &index, &columns))
        return;
    const QString name = t->name;
    switch (kind) {
    case KeyKind::PrimaryKey:
        apply(SchemaEdit::setPrimaryKey(name, columns));
        break;
    case KeyKind::Index:
        apply(SchemaEdit::addIndex(name, index));
        break;
    case KeyKind::Unique:
    case KeyKind::ForeignKey:
    case KeyKind::Check:
        apply(SchemaEdit::addConstraint(name, constraint));
        break;
    }
}

void SchemaEditor::removeKey()
{
    const Table *t = table();
    const QTreeWidgetItem *item = m_keys->currentItem();
    if (!t || !item)
        return;
    const QString which = item->data(0, Qt::UserRole).toString();
    const int i = which.mid(1).toInt();
    if (which == u"p"_s || (which.startsWith(u'c') && t->constraints.value(i).kind == Constraint::Kind::PrimaryKey))
        apply(SchemaEdit::setPrimaryKey(t->name, {}));
    else if (which.startsWith(u'c') && i < t->constraints.size())
        apply(SchemaEdit::removeConstraint(t->name, t->constraints.at(i)));
    else if (which.startsWith(u'i') && i < t->indexes.size())
        apply(SchemaEdit::removeIndex(t->name, t->indexes.at(i)));
}

} // namespace Tideline
