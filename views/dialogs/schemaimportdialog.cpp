// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaimportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPromise>
#include <QPushButton>
#include <QRadioButton>
#include <QThreadPool>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

// The engines whose DDL the importers read (DdlImporter).
const QStringList DdlDialects{u"postgresql"_s, u"sqlite"_s, u"mysql"_s};

QString count(qsizetype n, const char *one, const char *many)
{
    return n == 1 ? SchemaImportDialog::tr(one) : SchemaImportDialog::tr(many).arg(n);
}

} // namespace

SchemaImportDialog::SchemaImportDialog(const QString &planDialect, int planTables, QWidget *parent)
    : QDialog(parent)
    , m_planDialect(planDialect)
    , m_planTables(planTables)
    , m_fromFile(new QRadioButton(tr("A &DDL file"), this))
    , m_fromDatabase(new QRadioButton(tr("A &live database"), this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_fileDialect(new QComboBox(this))
    , m_dsn(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_read(new QPushButton(tr("&Read"), this))
    , m_summary(new QLabel(this))
    , m_tables(new QTreeWidget(this))
    , m_notes(new QPlainTextEdit(this))
    , m_useDialect(new QCheckBox(this))
    , m_replaces(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"schemaImportDialog"_s);
    setWindowTitle(tr("Import Schema"));
    m_fromFile->setObjectName(u"importFromFile"_s);
    m_fromDatabase->setObjectName(u"importFromDatabase"_s);
    m_path->setObjectName(u"importPath"_s);
    m_path->setPlaceholderText(tr("schema.sql, a pg_dump --schema-only, mysqldump --no-data or .schema output"));
    m_browse->setObjectName(u"importBrowse"_s);
    m_fileDialect->setObjectName(u"importDialect"_s);
    m_fileDialect->addItems(DdlDialects);
    m_fileDialect->setCurrentIndex(qMax(0, int(DdlDialects.indexOf(planDialect))));
    m_dsn->setObjectName(u"importDsn"_s);
    m_dsn->setPlaceholderText(u"postgresql://user@host:5432/db · mysql://user@host:3306/db · sqlite:/path/app.db"_s);
    m_password->setObjectName(u"importPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("only if the DSN, PGPASSWORD or ~/.pgpass, ~/.my.cnf have none"));
    m_read->setObjectName(u"importRead"_s);
    m_summary->setObjectName(u"importSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tables->setObjectName(u"importTables"_s);
    m_tables->setHeaderLabels({tr("Table"), tr("Columns"), tr("Keys, indexes, constraints")});
    m_tables->setRootIsDecorated(false);
    m_tables->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_notes->setObjectName(u"importNotes"_s);
    m_notes->setReadOnly(true);
    m_notes->setMaximumHeight(fontMetrics().lineSpacing() * 7);
    m_useDialect->setObjectName(u"importUseDialect"_s);
    m_replaces->setObjectName(u"importReplaces"_s);
    m_replaces->setWordWrap(true);
    m_buttons->setObjectName(u"importButtons"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Use as &Baseline"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);
    fileRow->addWidget(m_fileDialect);
    auto *form = new QFormLayout;
    form->addRow(m_fromFile);
    auto *fileLabel = new QLabel(tr("&File:"), this); // a layout row gets no buddy by itself
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, fileRow);
    form->addRow(m_fromDatabase);
    form->addRow(tr("D&SN:"), m_dsn);
    form->addRow(tr("&Password:"), m_password);
    auto *readRow = new QHBoxLayout;
    readRow->addStretch();
    readRow->addWidget(m_read);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(readRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_tables, 1);
    auto *notesLabel = new QLabel(tr("What the importer skipped or approximated:"), this);
    notesLabel->setBuddy(m_notes);
    layout->addWidget(notesLabel);
    layout->addWidget(m_notes);
    layout->addWidget(m_useDialect);
    layout->addWidget(m_replaces);
    layout->addWidget(m_buttons);

    connect(m_fromFile, &QRadioButton::toggled, this, &SchemaImportDialog::updateSource);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString start = m_path->text().isEmpty() ? QDir::homePath() : QFileInfo(m_path->text()).absolutePath();
        const QString path = QFileDialog::getOpenFileName(this, tr("Import DDL File"), start,
                                                          tr("SQL files (*.sql *.ddl);;All files (*)"));
        if (!path.isEmpty())
            m_path->setText(QDir::toNativeSeparators(path));
    });
    connect(m_read, &QPushButton::clicked, this, &SchemaImportDialog::read);
    connect(m_path, &QLineEdit::returnPressed, this, &SchemaImportDialog::read);
    connect(m_dsn, &QLineEdit::returnPressed, this, &SchemaImportDialog::read);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &SchemaImportDialog::finished);

    m_fromFile->setChecked(true);
    updateSource();
    showResult();
    resize(760, 560);
}

SchemaImportDialog::~SchemaImportDialog() = default;

void SchemaImportDialog::setSource(Source source)
{
    (source == Source::File ? m_fromFile : m_fromDatabase)->setChecked(true);
}

void SchemaImportDialog::setFile(const QString &path, const QString &dialect)
{
    setSource(Source::File);
    m_path->setText(QDir::toNativeSeparators(path));
    const int i = m_fileDialect->findText(dialect);
    if (i >= 0)
        m_fileDialect->setCurrentIndex(i);
}

void SchemaImportDialog::updateSource()
{
    const bool file = m_fromFile->isChecked();
    m_path->setEnabled(file);
    m_browse->setEnabled(file);
    m_fileDialect->setEnabled(file);
    m_dsn->setEnabled(!file);
    m_password->setEnabled(!file);
    (file ? static_cast<QWidget *>(m_path) : m_dsn)->setFocus();
}

QString SchemaImportDialog::dsn() const
{
    const QString text = m_dsn->text().trimmed();
    if (m_password->text().isEmpty() || text.startsWith(u"sqlite:"_s, Qt::CaseInsensitive))
        return text;
    // The password field goes into the URL here only: it is never shown or stored.
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return text;
    url.setPassword(m_password->text(), QUrl::DecodedMode);
    return url.toString(QUrl::FullyEncoded);
}

void SchemaImportDialog::read()
{
    const bool file = m_fromFile->isChecked();
    const QString source = file ? QDir::fromNativeSeparators(m_path->text().trimmed()) : dsn();
    if (source.isEmpty()) {
        m_summary->setText(file ? tr("Name the DDL file to read.") : tr("Give the database's DSN."));
        return;
    }
    const QString dialect = m_fileDialect->currentText();
    m_cancelled = false;
    m_read->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_summary->setText(tr("Reading…"));

    auto *progress = new QProgressDialog(file ? tr("Reading %1…").arg(QFileInfo(source).fileName())
                                              : tr("Connecting to the database…"),
                                         tr("Cancel"), 0, 0, this);
    progress->setObjectName(u"importProgress"_s);
    progress->setWindowTitle(tr("Import Schema"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(200);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setValue(0); // starts the 200 ms before it shows
    connect(progress, &QProgressDialog::canceled, this, &SchemaImportDialog::cancelRead);
    delete m_progress;
    m_progress = progress;

    auto promise = std::make_shared<QPromise<SchemaImport>>();
    m_watcher.setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, file, source, dialect] {
        promise->start();
        promise->addResult(file ? SchemaImport::fromFile(source, dialect) : SchemaImport::fromDatabase(source));
        promise->finish();
    });
}

void SchemaImportDialog::cancelRead()
{
    if (!m_watcher.isRunning())
        return;
    // The worker cannot be interrupted inside a driver call; its result is dropped instead.
    m_cancelled = true;
    if (m_progress)
        m_progress->deleteLater();
    m_read->setEnabled(true);
    m_summary->setText(tr("Cancelled. Nothing was imported."));
    emit readFinished(false);
}

void SchemaImportDialog::finished()
{
    if (m_cancelled)
        return;
    if (m_progress)
        m_progress->deleteLater();
    m_read->setEnabled(true);
    const QList<SchemaImport> results = m_watcher.future().results();
    if (results.isEmpty())
        return;
    const SchemaImport &read = results.constFirst();
    if (!read.ok()) {
        // Keeps the last good read, if any, and says why this one failed.
        m_summary->setText(tr("Could not import: %1").arg(read.error));
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_result.dialect.isEmpty());
        emit readFinished(false);
        return;
    }
    m_result = read;
    showResult();
    emit readFinished(true);
}

void SchemaImportDialog::showResult()
{
    m_tables->clear();
    const bool any = !m_result.dialect.isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(any);
    m_useDialect->setVisible(any && m_result.dialect != m_planDialect);
    m_replaces->setVisible(any && m_planTables > 0);
    if (!any) {
        m_summary->setText(tr("Choose a DDL file or a database and press Read. Nothing changes in the plan "
                              "until you press Use as Baseline."));
        m_notes->setPlainText({});
        return;
    }
    const Schema &schema = m_result.schema;
    for (const Table &table : schema.tables) {
        auto *item = new QTreeWidgetItem(m_tables);
        item->setText(0, table.name);
        m_tables->resizeColumnToContents(0);
        QStringList columns;
        for (const Column &column : table.columns)
            columns << column.name;
        item->setText(1, columns.join(u", "_s));
        item->setToolTip(1, item->text(1));
        item->setText(2, QString::number(table.constraints.size() + table.indexes.size()));
    }
    QStringList parts{count(schema.tables.size(), "1 table", "%1 tables")};
    if (!schema.views.isEmpty())
        parts << count(schema.views.size(), "1 view", "%1 views");
    if (!schema.procedures.isEmpty())
        parts << count(schema.procedures.size(), "1 procedure", "%1 procedures");
    if (!schema.sequences.isEmpty())
        parts << count(schema.sequences.size(), "1 sequence", "%1 sequences");
    if (!schema.enums.isEmpty())
        parts << count(schema.enums.size(), "1 enum type", "%1 enum types");
    m_summary->setText(tr("Read %1 (%2).").arg(parts.join(u", "_s), m_result.dialect));
    m_notes->setPlainText(m_result.notes.isEmpty() ? tr("Nothing: every statement was taken as written.")
                                                   : u"• "_s + m_result.notes.join(u"\n• "_s));
    m_useDialect->setText(tr("Make %1 the plan's dialect (now %2)").arg(m_result.dialect, m_planDialect));
    m_useDialect->setChecked(true);
    m_replaces->setText(tr("This replaces the plan's baseline (%1). Refactorings are checked against the new "
                           "one; an edit they cannot run on is refused.")
                            .arg(count(m_planTables, "1 table", "%1 tables")));
}

QString SchemaImportDialog::dialect() const
{
    const bool differs = !m_result.dialect.isEmpty() && m_result.dialect != m_planDialect;
    return differs && m_useDialect->isChecked() ? m_result.dialect : QString();
}

} // namespace Tideline
