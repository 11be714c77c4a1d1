// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"

#include <engine/engine.h>
#include <sql/bundleexport.h>
#include <sql/bundlewriter.h>
#include <sql/dialect.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPromise>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tideline {

ExportDialog::ExportDialog(const Plan &plan, const Choice &choice, Document::ResultPtr result, QWidget *parent)
    : QDialog(parent)
    , m_plan(plan)
    , m_result(std::move(result))
    , m_folder(new QLineEdit(this))
    , m_subfolder(new QLineEdit(this))
    , m_dialects(new QComboBox(this))
    , m_layouts(new QComboBox(this))
    , m_releases(new QComboBox(this))
    , m_where(new QLabel(this))
    , m_refusalsLabel(new QLabel(this))
    , m_checkTimer(new QTimer(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(u"exportDialog"_s);
    setWindowTitle(tr("Export Bundle"));
    m_folder->setObjectName(u"exportFolder"_s);
    m_folder->setPlaceholderText(tr("an existing folder, e.g. your repository's db/migrations"));
    m_subfolder->setObjectName(u"exportSubfolder"_s);
    m_subfolder->setPlaceholderText(tr("(none: the files go straight into the folder, beside what is there)"));
    m_dialects->setObjectName(u"exportDialect"_s);
    m_layouts->setObjectName(u"exportLayout"_s);
    m_releases->setObjectName(u"exportRelease"_s);
    m_where->setObjectName(u"exportWhere"_s);
    m_where->setWordWrap(true);
    m_where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refusalsLabel->setObjectName(u"exportRefusals"_s);
    m_refusalsLabel->setWordWrap(true);
    m_refusalsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refusalsLabel->setTextFormat(Qt::PlainText);
    m_refusalsLabel->hide();
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(250); // a pause in typing: not one check per key
    connect(m_checkTimer, &QTimer::timeout, this, &ExportDialog::checkFolder);
    connect(&m_checkWatcher, &QFutureWatcherBase::finished, this, &ExportDialog::folderChecked);
    for (const Dialect *d : Dialect::all())
        m_dialects->addItem(d->title(), d->name());
    m_layouts->addItems(BundleWriter::layouts());
    m_releases->addItem(tr("All releases"), QString());
    for (const Release &r : plan.releases) {
        if (r.status != Release::Status::Cancelled)
            m_releases->addItem(r.label.isEmpty() ? r.id : u"%1 (%2)"_s.arg(r.id, r.label), r.id);
    }

    m_folder->setText(QDir::toNativeSeparators(choice.folder));
    m_dialects->setCurrentIndex(qMax(0, m_dialects->findData(choice.dialect.isEmpty() ? plan.dialect : choice.dialect)));
    m_layouts->setCurrentIndex(qMax(0, m_layouts->findText(choice.layout)));
    m_releases->setCurrentIndex(qMax(0, m_releases->findData(choice.release)));
    m_subfolderEdited = choice.subfolderEdited;
    if (m_subfolderEdited)
        m_subfolder->setText(choice.subfolder);

    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(u"exportBrowse"_s);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Release:"), m_releases);
    form->addRow(tr("&Dialect:"), m_dialects);
    form->addRow(tr("&Layout:"), m_layouts);
    auto *folderLabel = new QLabel(tr("Into &folder:"), this); // a row of a layout gets no buddy itself
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("&Bundle folder in it:"), m_subfolder);
    QPushButton *exportButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(u"exportButton"_s);
    exportButton->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (problem().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_where);
    layout->addWidget(m_refusalsLabel);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_subfolder, &QLineEdit::textEdited, this, [this] {
        m_subfolderEdited = true;
        update();
    });
    for (QComboBox *combo : {m_dialects, m_layouts, m_releases})
        connect(combo, &QComboBox::currentIndexChanged, this, &ExportDialog::update);
    connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::update);
    resize(680, 300);
    update();
}

ExportDialog::~ExportDialog()
{
    // A check still running keeps its own reference to the engine run and ends on its own.
    Document::release(std::exchange(m_result, {}));
}

QString ExportDialog::defaultSubfolder(const Plan &plan, const QString &release, const QString &dialect)
{
    static const QRegularExpression unsafe(u"[^A-Za-z0-9._-]+"_s);
    QString name = plan.name.trimmed().toLower().replace(unsafe, u"-"_s);
    name = name.remove(QRegularExpression(u"^-+|-+$"_s));
    if (name.isEmpty())
        name = u"plan"_s;
    return u"%1-%2-%3"_s.arg(name, release.isEmpty() ? u"all"_s : release, dialect);
}

ExportDialog::Choice ExportDialog::choice() const
{
    Choice c;
    c.folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    c.subfolder = m_subfolder->text().trimmed();
    c.dialect = m_dialects->currentData().toString();
    c.layout = m_layouts->currentText();
    c.release = m_releases->currentData().toString();
    c.subfolderEdited = m_subfolderEdited;
    return c;
}

QString ExportDialog::target() const
{
    const Choice c = choice();
    if (c.folder.isEmpty())
        return {};
    return c.subfolder.isEmpty() ? QDir::cleanPath(c.folder) : QDir(c.folder).filePath(c.subfolder);
}

QString ExportDialog::problem() const
{
    const Choice c = choice();
    if (c.folder.isEmpty())
        return tr("Choose the folder to export into.");
    if (!QFileInfo(c.folder).isDir())
        return tr("%1 is not a folder that exists: choose an existing one (the bundle gets a folder of its own "
                  "inside it).")
            .arg(QDir::toNativeSeparators(c.folder));
    if (c.subfolder.contains(u'/') || c.subfolder.contains(u'\\') || c.subfolder == u".."_s || c.subfolder == u"."_s)
        return tr("The bundle folder is a name inside the folder, not a path: \"%1\".").arg(c.subfolder);
    if (c.subfolder.isEmpty()) { // beside the files there: none that is not ours is overwritten
        const QString key = checkKey();
        if (key.isEmpty())
            return {}; // no engine run to check with: the export itself refuses
        if (m_checked.key != key)
            return tr("Checking which files in %1 the export would replace…").arg(QDir::toNativeSeparators(c.folder));
        if (!m_checked.error.isEmpty())
            return tr("Not exported: %1").arg(m_checked.error);
        if (!m_checked.refusals.isEmpty()) {
            const qsizetype n = m_checked.refusals.size();
            return tr("Not exported: the export would overwrite %1 in %2 that Tideline did not write (or that "
                      "changed since), listed below. Rename or move %3, or give the bundle a folder of its own.")
                .arg(n == 1 ? tr("1 file") : tr("%1 files").arg(n), QDir::toNativeSeparators(c.folder),
                     n == 1 ? tr("it") : tr("them"));
        }
        return {};
    }
    QString error;
    // The rule of `export --force`: a folder is replaced only when it holds nothing but bundles
    // Tideline wrote; an empty or new folder is always fine.
    if (!BundleWriter::mayWrite(target(), true, &error))
        return tr("Not exported: %1").arg(error);
    return {};
}

void ExportDialog::update()
{
    const Choice c = choice();
    if (!m_subfolderEdited) {
        m_autoSubfolder = defaultSubfolder(m_plan, c.release, c.dialect);
        const QSignalBlocker quiet(m_subfolder);
        m_subfolder->setText(m_autoSubfolder);
    }
    const QString problem = this->problem();
    if (!problem.isEmpty()) {
        m_where->setText(problem);
    } else if (c.subfolder.isEmpty()) {
        const QString where = QDir::toNativeSeparators(target());
        m_where->setText((c.release.isEmpty() ? tr("Writes the files of every release straight into %1, beside the "
                                                   "files already there, with a manifest for each release.")
                                                    .arg(where)
                                              : tr("Writes the files of %1 straight into %2, beside the files "
                                                   "already there, with its manifest.")
                                                    .arg(c.release, where))
                         + u' '
                         + tr("A file there that Tideline did not write is never overwritten: such files are "
                              "listed here before you export, and nothing is written while there are any."));
    } else {
        const QString where = QDir::toNativeSeparators(target());
        const bool exists = QFileInfo::exists(target())
                            && !QDir(target()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        m_where->setText(
            (c.release.isEmpty() ? tr("Writes every release's bundle, one folder each, into %1.").arg(where)
                                 : tr("Writes the bundle of %1 into %2.").arg(c.release, where))
            + u' '
            + (exists ? tr("It holds an earlier export, which is replaced; files Tideline did not write are never "
                           "replaced.")
                      : tr("Files Tideline did not write are never replaced.")));
    }
    for (QAbstractButton *button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole)
            button->setEnabled(problem.isEmpty());
    }

    // The files of theirs an export into the folder itself would refuse, listed before Export.
    const QString key = checkKey();
    const bool known = !key.isEmpty() && m_checked.key == key;
    if (known && !m_checked.refusals.isEmpty()) {
        constexpr int Shown = 12;
        QStringList lines{tr("Tideline would not overwrite:")};
        for (qsizetype i = 0; i < m_checked.refusals.size() && i < Shown; ++i)
            lines << u"• %1 — %2"_s.arg(QDir::toNativeSeparators(m_checked.refusals.at(i).path),
                                        m_checked.refusals.at(i).why);
        if (m_checked.refusals.size() > Shown)
            lines << tr("… and %n more", nullptr, int(m_checked.refusals.size() - Shown));
        m_refusalsLabel->setText(lines.join(u'\n'));
        m_refusalsLabel->show();
    } else {
        m_refusalsLabel->hide();
    }
    if (!key.isEmpty() && !known && !(m_checkWatcher.isRunning() && m_running && m_running->key == key))
        m_checkTimer->start();
}

bool ExportDialog::isChecking() const
{
    const QString key = checkKey();
    return !key.isEmpty() && m_checked.key != key;
}

QString ExportDialog::checkKey() const
{
    const Choice c = choice();
    if (!m_result || !m_result->engine || !c.subfolder.isEmpty() || c.folder.isEmpty() || !QFileInfo(c.folder).isDir())
        return {};
    return QStringList{QDir::cleanPath(c.folder), c.dialect, c.layout, c.release}.join(u'\n');
}

void ExportDialog::checkFolder()
{
    const QString key = checkKey();
    if (key.isEmpty() || m_checked.key == key || m_checkWatcher.isRunning())
        return; // nothing to check, known, or after the running one (folderChecked)
    const Choice c = choice();
    const Dialect *dialect = Dialect::forName(c.dialect);
    QString error;
    const QStringList releases
        = BundleExport::releases(*m_result->engine, c.release.isEmpty() ? u"all"_s : c.release, &error);
    if (!dialect || releases.isEmpty()) {
        m_checked = {key, dialect ? error : tr("unknown dialect %1").arg(c.dialect), {}};
        update();
        return;
    }
    auto check = std::make_shared<Check>();
    check->key = key;
    m_running = check;
    auto promise = std::make_shared<QPromise<void>>();
    m_checkWatcher.setFuture(promise->future());
    QThreadPool::globalInstance()->start(
        [promise, check, result = m_result, releases, dialect, layout = c.layout, folder = QDir::cleanPath(c.folder)] {
            promise->start();
            check->refusals = BundleExport::refusalsInto(*result->engine, releases, *dialect, layout, folder, &check->error);
            promise->finish();
        });
}

void ExportDialog::folderChecked()
{
    if (m_running)
        m_checked = *m_running;
    m_running.reset();
    update(); // and the next check, when the choice changed meanwhile
}

void ExportDialog::browse()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export Into Folder"), choice().folder);
    if (!folder.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(folder));
}

} // namespace Tideline
