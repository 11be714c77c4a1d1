// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundlepanel.h"

#include "exporttask.h"
#include "followresult.h"

#include "selectionplace.h"

#include <document/document.h>
#include <engine/engine.h>
#include <itemmodels/bundlemodel.h>
#include <sql/bundle.h>
#include <sql/bundlewriter.h>
#include <sql/dialect.h>
#include <sqlhighlighter.h>

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tideline {

BundlePanel::BundlePanel(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new BundleModel(this))
    , m_releases(new QComboBox(this))
    , m_layouts(new QComboBox(this))
    , m_export(new QPushButton(tr("Export…"), this))
    , m_status(new QLabel(this))
    , m_tree(new QTreeView(this))
    , m_sql(new QPlainTextEdit(this))
{
    setObjectName(u"bundlePanel"_s);
    m_releases->setObjectName(u"bundleRelease"_s);
    m_releases->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_layouts->setObjectName(u"bundleLayout"_s);
    m_layouts->addItems(BundleWriter::layouts());
    m_layouts->setToolTip(tr("Folder layout of the exported bundle"));
    m_export->setObjectName(u"bundleExport"_s);
    m_status->setObjectName(u"bundleStatus"_s);
    m_status->setWordWrap(true);
    m_tree->setObjectName(u"bundleTree"_s);
    m_tree->setModel(m_model);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_sql->setObjectName(u"bundleSql"_s);
    m_sql->setReadOnly(true);
    m_sql->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new SqlHighlighter(m_sql->document());

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Release:"), this));
    bar->addWidget(m_releases);
    bar->addStretch();
    bar->addWidget(m_layouts);
    bar->addWidget(m_export);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_sql);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(splitter);

    m_follower = followResult(m_document, this, [this] { rebuild(); });
    connect(m_document, &Document::selectionChanged, this, &BundlePanel::follow);
    connect(m_releases, &QComboBox::activated, this, [this](int index) {
        Selection s;
        s.kind = Selection::Kind::Release;
        s.release = m_releases->itemData(index).toString();
        m_chosen = true;
        setRelease(s.release);
        m_document->setSelection(s);
    });
    connect(m_tree->selectionModel(),
            &QItemSelectionModel::currentChanged,
            this,
            &BundlePanel::showCurrentFile);
    connect(m_export, &QPushButton::clicked, this, &BundlePanel::chooseAndExport);
    rebuild();
}

QString BundlePanel::sqlText() const
{
    return m_sql->toPlainText();
}

void BundlePanel::rebuild()
{
    const Engine *engine = m_document->engine();
    const QSignalBlocker blocker(m_releases);
    m_releases->clear();
    if (!engine) {
        m_model->setBundle({});
        m_release.clear();
        m_status->setText(tr("The plan cannot be evaluated, so there is no bundle to show."));
        m_export->setEnabled(false);
        return;
    }
    m_releases->addItem(tr("baseline (S_0)"), u"baseline"_s);
    QString firstPlanned;
    for (int k = 1; k <= engine->releaseCount(); ++k) {
        const Release &r = engine->release(k);
        m_releases->addItem(r.label.isEmpty() ? r.id : tr("%1 · %2").arg(r.id, r.label), r.id);
        if (firstPlanned.isEmpty() && r.status != Release::Status::Deployed)
            firstPlanned = r.id;
    }
    // Keep a release someone picked; otherwise show the next one to ship.
    QString release = m_release;
    if (!m_chosen || m_releases->findData(release) < 0)
        release = !firstPlanned.isEmpty() ? firstPlanned
                                          : engine->releaseId(engine->releaseCount());
    m_release.clear(); // force a rebuild of the bundle
    setRelease(release);
}

void BundlePanel::follow(const Selection &selection)
{
    const Engine *engine = m_document->engine();
    if (!engine)
        return;
    const int k = releasePositionOf(*engine, selection);
    if (k < 0)
        return;
    m_chosen = true;
    if (m_follower->isStale()) {
        // Out of sight and showing an earlier result: no bundle built now; the rebuild when
        // the panel is seen shows the release picked.
        m_release = engine->releaseId(k);
        return;
    }
    setRelease(engine->releaseId(k));
}

void BundlePanel::setRelease(const QString &releaseId)
{
    const Engine *engine = m_document->engine();
    if (!engine || releaseId == m_release)
        return;
    m_release = releaseId;
    m_releases->setCurrentIndex(m_releases->findData(releaseId));
    Bundle bundle;
    QString error;
    const Dialect *dialect = Dialect::forName(engine->plan().dialect);
    if (!dialect || !Bundle::build(*engine, releaseId, *dialect, &bundle, &error)) {
        m_model->setBundle({});
        m_status->setText(error.isEmpty() ? tr("Unknown dialect %1").arg(engine->plan().dialect)
                                          : error);
        m_export->setEnabled(false);
        showCurrentFile();
        return;
    }
    m_model->setBundle(bundle);
    m_tree->expandAll();
    m_export->setEnabled(true);
    m_status->setText(tr("%n script(s) for %1 · %2", nullptr, int(bundle.files.size()))
                          .arg(releaseId, dialect->title()));
    // Show the first script right away.
    const QModelIndex first = m_model->index(0, 0, m_model->index(0, 0));
    if (first.isValid())
        m_tree->setCurrentIndex(first);
    showCurrentFile();
}

void BundlePanel::showCurrentFile()
{
    const BundleFile *file = m_model->fileAt(m_tree->currentIndex());
    if (file) {
        m_sql->setPlainText(QString::fromUtf8(file->content));
        return;
    }
    m_sql->setPlainText(m_model->bundle().files.isEmpty()
                            ? tr("-- This release runs no scripts.")
                            : tr("-- Select a script to see its SQL."));
}

ExportTask *BundlePanel::exportTo(const QString &directory, const QString &layout, bool allReleases,
                                  bool quiet)
{
    m_follower->ensureCurrent(); // the release shown is one of the result exported
    const Document::ResultPtr result = m_document->sharedResult();
    if (m_running || !result || !result->engine || (m_release.isEmpty() && !allReleases))
        return nullptr;
    const Engine &engine = *result->engine;
    ExportTask::Request request;
    request.result = result;
    request.dialect = engine.plan().dialect;
    request.layout = layout;
    request.directory = directory;
    request.folderPerRelease = allReleases;
    if (allReleases) {
        for (int k = 1; k <= engine.releaseCount(); ++k)
            request.releases << engine.releaseId(k);
        if (request.releases.isEmpty())
            return nullptr;
    } else {
        request.releases = {m_release};
    }
    m_running = ExportTask::start(request, this);
    m_export->setEnabled(false);
    m_status->setText(tr("Exporting to %1…").arg(QDir::toNativeSeparators(directory)));
    connect(m_running, &ExportTask::finished, this, [this, quiet](bool ok, const QString &message) {
        m_running = nullptr;
        m_export->setEnabled(!m_release.isEmpty() && m_document->engine());
        m_status->setText(message);
        if (!ok && !quiet)
            QMessageBox::warning(this, tr("Export Failed"), message);
    });
    return m_running;
}

QString BundlePanel::chooseFolder(const QString &title, const QString &name)
{
    const QString parentDirectory = m_document->filePath().isEmpty()
                                        ? QDir::homePath()
                                        : QFileInfo(m_document->filePath()).absolutePath();
    return QFileDialog::getSaveFileName(this, title, QDir(parentDirectory).filePath(name));
}

void BundlePanel::chooseAndExport()
{
    if (m_release.isEmpty() || m_running)
        return;
    const QString directory = chooseFolder(tr("Export Bundle of %1 to Folder").arg(m_release),
                                           m_release + u"-"_s + m_model->bundle().dialect);
    if (!directory.isEmpty())
        exportTo(directory, m_layouts->currentText());
}

void BundlePanel::chooseAndExportAll()
{
    const Engine *engine = m_document->engine();
    if (!engine || m_running)
        return;
    // The plan's name as a folder name: no separators, quotes or spaces.
    QString base = engine->plan().name;
    base.replace(QRegularExpression(u"[^A-Za-z0-9._-]+"_s), u"-"_s);
    if (base.isEmpty() || base.startsWith(u'.'))
        base.prepend(u"plan"_s);
    const QString directory = chooseFolder(tr("Export Every Release to a New Folder"),
                                           base + u"-bundles-"_s + engine->plan().dialect);
    if (!directory.isEmpty())
        exportTo(directory, m_layouts->currentText(), true);
}

} // namespace Tideline
