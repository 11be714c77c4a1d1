// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"

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
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tideline {

ExportDialog::ExportDialog(const Plan &plan, const Choice &choice, QWidget *parent)
    : QDialog(parent)
    , m_plan(plan)
    , m_folder(new QLineEdit(this))
    , m_subfolder(new QLineEdit(this))
    , m_dialects(new QComboBox(this))
    , m_layouts(new QComboBox(this))
    , m_releases(new QComboBox(this))
    , m_where(new QLabel(this))
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
    if (c.subfolder.isEmpty())
        return {}; // beside the files there: a file that is not ours is refused when the files are known
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
                         + tr("A file there that Tideline did not write is never overwritten: the export is then "
                              "refused, naming it, and nothing is written."));
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
}

void ExportDialog::browse()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export Into Folder"), choice().folder);
    if (!folder.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(folder));
}

} // namespace Tideline
