// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stepinspector.h"

#include "followresult.h"

#include "selectionplace.h"

#include <catalog/catalog.h>
#include <document/document.h>
#include <engine/engine.h>
#include <sql/bundle.h>
#include <sql/dialect.h>
#include <sqlhighlighter.h>

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString releaseText(const Engine &engine, int position)
{
    if (position > engine.releaseCount())
        return StepInspector::tr("beyond the plan's last release");
    const Release &release = engine.release(position);
    return release.label.isEmpty() ? release.id
                                   : StepInspector::tr("%1 (%2)").arg(release.id, release.label);
}

// One line per table whose use the app step changes.
QString usageHtml(const Step &step)
{
    QString html;
    auto names = [](const QStringList &list) { return escaped(list.join(u", "_s)); };
    for (const UsageOp &op : step.usage) {
        QStringList parts;
        if (!op.readsAdd.isEmpty())
            parts << StepInspector::tr("starts reading %1").arg(names(op.readsAdd));
        if (!op.readsRemove.isEmpty())
            parts << StepInspector::tr("stops reading %1").arg(names(op.readsRemove));
        if (!op.writesAdd.isEmpty())
            parts << StepInspector::tr("starts writing %1").arg(names(op.writesAdd));
        if (!op.writesRemove.isEmpty())
            parts << StepInspector::tr("stops writing %1").arg(names(op.writesRemove));
        if (!op.honoursAdd.isEmpty())
            parts << StepInspector::tr("respects %1").arg(names(op.honoursAdd));
        html += u"<li><b>"_s + escaped(op.table) + u"</b>: "_s + parts.join(u"; "_s) + u"</li>"_s;
    }
    return html.isEmpty() ? QString() : u"<ul>"_s + html + u"</ul>"_s;
}

// The scripts of one step, as the release bundle for the plan's dialect holds them.
QString stepSql(const Engine &engine, const PlacedStep &placed, QString *error)
{
    const Dialect *dialect = Dialect::forName(engine.plan().dialect);
    if (!dialect) {
        *error = StepInspector::tr("-- unknown dialect %1").arg(engine.plan().dialect);
        return {};
    }
    Bundle bundle;
    if (!Bundle::build(engine, engine.releaseId(placed.release), *dialect, &bundle, error))
        return {};
    const QString refactoring = engine.plan().refactorings.at(placed.refactoring).id;
    QString sql;
    for (const BundleFile &file : std::as_const(bundle.files)) {
        if (file.refactoring != refactoring || file.step != placed.step.name)
            continue;
        sql += dialect->comment(file.path) + u'\n' + QString::fromUtf8(file.content) + u'\n';
    }
    return sql;
}

} // namespace

StepInspector::StepInspector(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_description(new QTextBrowser(this))
    , m_sql(new QPlainTextEdit(this))
{
    setObjectName(u"stepInspector"_s);
    m_description->setObjectName(u"stepDescription"_s);
    m_sql->setObjectName(u"stepSql"_s);
    m_sql->setReadOnly(true);
    m_sql->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new SqlHighlighter(m_sql->document());

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_description);
    splitter->addWidget(m_sql);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    followResult(m_document, this, [this] { showSelection(); });
    connect(m_document, &Document::selectionChanged, this, &StepInspector::showSelection);
    showSelection();
}

QString StepInspector::descriptionText() const
{
    return m_description->toPlainText();
}

QString StepInspector::sqlText() const
{
    return m_sql->toPlainText();
}

void StepInspector::showSelection()
{
    const Engine *engine = m_document->engine();
    const Selection s = m_document->selection();
    const int refactoringIndex = engine ? engine->plan().refactoringIndex(s.refactoring) : -1;
    if (!engine || refactoringIndex < 0) {
        m_description->setHtml(tr("<p>Select a step or a refactoring on the timeline to see what "
                                  "it does and the SQL it runs.</p>"));
        // No SQL to show: the hint takes the whole panel instead of sitting above an empty box.
        m_sql->clear();
        m_sql->hide();
        return;
    }
    m_sql->show();
    const Refactoring &refactoring = engine->plan().refactorings.at(refactoringIndex);
    const KindSpec *kind = Catalog::kind(refactoring.kind);
    QString html = u"<h3>"_s + escaped(refactoring.id) + u"</h3><p>"_s
                   + escaped(kind ? kind->title : refactoring.kind);
    if (kind)
        html += u" — "_s + escaped(kind->summary);
    html += u"</p>"_s;
    if (!refactoring.note.isEmpty())
        html += u"<p><i>"_s + escaped(refactoring.note) + u"</i></p>"_s;

    const PlacedStep *placed = placedStepOf(*engine, s);
    if (!placed) {
        // The whole refactoring: its steps and where they run.
        html += u"<table cellspacing='0' cellpadding='3'>"_s;
        for (const PlacedStep &p : engine->steps()) {
            if (p.refactoring != refactoringIndex)
                continue;
            html += u"<tr><td><b>"_s + escaped(p.step.name) + u"</b></td><td>"_s
                    + escaped(releaseText(*engine, p.release)) + u"</td><td>"_s
                    + escaped(phaseName(p.step.phase)) + u"</td><td>"_s
                    + escaped(p.step.description) + u"</td></tr>"_s;
        }
        html += u"</table>"_s;
        m_description->setHtml(html);
        m_sql->setPlainText(tr("-- Select one step to see its SQL."));
        return;
    }

    const Step &step = placed->step;
    html += u"<p><b>"_s + tr("Step %1").arg(escaped(step.name)) + u"</b> · "_s
            + escaped(step.category) + u" · "_s + escaped(releaseText(*engine, placed->release))
            + u" · "_s + tr("phase %1").arg(escaped(phaseName(step.phase)));
    if (placed->moved)
        html += tr(" (moved from its default release)");
    html += u"</p><p>"_s + escaped(step.description) + u"</p>"_s;
    if (!step.dependsOn.isEmpty())
        html += u"<p>"_s + tr("Runs no earlier than: %1").arg(escaped(step.dependsOn.join(u", "_s)))
                + u"</p>"_s;
    if (step.isAppStep()) {
        const QString usage = usageHtml(step);
        html += u"<p>"_s + tr("How the app version of this release uses the database:") + u"</p>"_s
                + (usage.isEmpty() ? tr("<p>No change in table usage.</p>") : usage);
        m_sql->setPlainText(tr("-- An app step runs no SQL: it changes what the application "
                               "reads and writes."));
    } else if (placed->release > engine->releaseCount()) {
        m_sql->setPlainText(tr("-- This step lies beyond the plan's last release: add a release "
                               "to generate its SQL."));
    } else {
        QString error;
        const QString sql = stepSql(*engine, *placed, &error);
        m_sql->setPlainText(!error.isEmpty() ? error
                            : sql.isEmpty()
                                ? tr("-- No SQL for this step in %1.").arg(engine->plan().dialect)
                                : sql);
    }
    m_description->setHtml(html);
}

} // namespace Tideline
