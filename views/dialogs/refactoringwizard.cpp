// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "refactoringwizard.h"

#include "dialogutil.h"
#include "parameditors.h"
#include "stepdiagram.h"

#include <catalog/catalog.h>
#include <engine/engine.h>
#include <itemmodels/categorystyle.h>
#include <sql/dialect.h>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSet>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

namespace Tideline {

using namespace DialogUtil;

namespace {

/** The parameter a plan-error field points at: "refactorings[3].params.into[0].name" -> "into". */
QString paramOfField(const QString &rest)
{
    const int end = int(rest.indexOf(QRegularExpression(QStringLiteral("[.\\[]"))));
    return end < 0 ? rest : rest.left(end);
}

/** The lower-case words of @p text. */
QSet<QString> wordsOf(const QString &text)
{
    QSet<QString> words;
    for (const QString &w : text.toLower().split(QRegularExpression(QStringLiteral("[^\\w]+")), Qt::SkipEmptyParts))
        words.insert(w);
    return words;
}

/**
 * True when @p param's description says nothing its label and its type do not ("the table"
 * for a table, "the new column" for a new column): the form leaves such a hint out. A flag's
 * description is its check box's text.
 */
bool hintAddsNothing(const ParamSpec &param)
{
    if (param.type == ParamType::Bool)
        return true;
    const QSet<QString> said = wordsOf(ParamEditor::labelFor(param.name) + QLatin1Char(' ')
                                       + paramTypeName(param.type))
                               + QSet<QString>{QStringLiteral("the"), QStringLiteral("a"), QStringLiteral("an")};
    return wordsOf(param.description).subtract(said).isEmpty();
}

} // namespace

/** What the candidate refactoring does to the plan, as the engine sees it. */
struct Validation
{
    QString id, start;              // messages for the id and start fields
    QMap<QString, QString> params;  // parameter name -> message
    QStringList general;            // problems not tied to one field
    std::shared_ptr<Engine> engine; // the plan with the candidate, when it ran

    bool ok() const
    {
        return id.isEmpty() && start.isEmpty() && params.isEmpty() && general.isEmpty();
    }
};

/** The wizard's data: the plan, the refactoring being edited and engine runs to compare with. */
struct WizardModel
{
    Plan plan;
    int editIndex = -1; // index of the refactoring being edited, -1 for a new one
    Refactoring original;
    Refactoring current;             // kept up to date by the pages
    const Engine *full = nullptr;    // the plan as it is: its schemas and the failures it has
    std::unique_ptr<Engine> ownFull; // when the caller gave no run of the plan
    bool fullRan = false;
    QList<PlanError> fullErrors;
    // In edit mode, the plan without the edited refactoring, run when first needed: only
    // states after the refactoring's start differ from the plan's own.
    mutable std::unique_ptr<Engine> without;
    mutable std::optional<std::pair<Refactoring, Validation>> lastChecked; // the last full check

    explicit WizardModel(const Plan &p)
        : plan(p)
    {}

    void runBaseEngines(const Engine *given)
    {
        // The document's last run of this very plan saves a run of a possibly big plan.
        if (given && given->plan() == plan && !given->states().isEmpty()) {
            full = given;
            fullRan = true;
            return;
        }
        ownFull = std::make_unique<Engine>(plan);
        fullRan = PlanValidator::validate(plan, {}, &fullErrors) && ownFull->run(&fullErrors);
        full = ownFull.get();
    }

    /** The schema just before @p releaseId: S_{k-1}, from the plan without the candidate. */
    Schema schemaBefore(const QString &releaseId) const
    {
        const int k = full->releasePosition(releaseId);
        const int originalStart = editIndex >= 0 ? full->releasePosition(original.start) : 0;
        if (editIndex >= 0 && k > originalStart && originalStart > 0) {
            if (!without) {
                Plan reduced = plan;
                reduced.refactorings.removeAt(editIndex);
                QList<PlanError> ignored;
                without = std::make_unique<Engine>(reduced);
                without->run(&ignored); // on failure the states up to the failing one remain
            }
            const int position = without->releasePosition(releaseId);
            const SchemaState *s = position > 0 ? without->state(position - 1, Phase::Post)
                                                : nullptr;
            if (s)
                return s->schema;
        }
        if (k > 0) {
            if (const SchemaState *s = full->state(k - 1, Phase::Post))
                return s->schema;
        }
        return plan.baseline.schema;
    }

    QList<Release> startReleases() const
    {
        QList<Release> list;
        for (const Release &r : plan.releases) {
            if (r.status == Release::Status::Planned
                || (editIndex >= 0 && r.id == original.start
                    && r.status != Release::Status::Cancelled))
                list << r;
        }
        return list;
    }

    int candidateIndex() const
    {
        return editIndex >= 0 ? editIndex : int(plan.refactorings.size());
    }

    Plan candidatePlan(const Refactoring &r) const
    {
        Plan p = plan;
        if (editIndex >= 0)
            p.refactorings[editIndex] = r;
        else
            p.refactorings.append(r);
        return p;
    }

    QString idProblem(const QString &id) const
    {
        if (id.isEmpty())
            return RefactoringWizard::tr("A refactoring needs an id.");
        static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
        if (!pattern.match(id).hasMatch())
            return RefactoringWizard::tr(
                "Use letters, digits, '-', '_' and '.'; start with a letter or digit.");
        for (int i = 0; i < plan.refactorings.size(); ++i) {
            if (i != editIndex && plan.refactorings.at(i).id == id)
                return RefactoringWizard::tr("Another refactoring is already called '%1'.").arg(id);
        }
        return {};
    }

    QString suggestId(const QString &kind, const QString &table) const
    {
        QString base = kind;
        base.replace(QLatin1Char('_'), QLatin1Char('-'));
        if (!table.isEmpty())
            base += QLatin1Char('-') + table;
        QString id = base;
        for (int n = 2; !idProblem(id).isEmpty(); ++n)
            id = base + QStringLiteral("-%1").arg(n);
        return id;
    }

    /** Checks @p r: fast field checks, then (when @p withEngine) the whole plan. */
    Validation validate(const Refactoring &r, bool withEngine) const
    {
        Validation v;
        v.id = idProblem(r.id);
        if (r.start.isEmpty() && startReleases().isEmpty())
            v.start = RefactoringWizard::tr(
                "The plan has no planned release to start in; add one first.");
        else if (r.start.isEmpty() || plan.releaseIndex(r.start) < 0)
            v.start = RefactoringWizard::tr("Choose the release the refactoring starts in.");
        if (!v.start.isEmpty())
            return v;

        const QString field = QStringLiteral("refactorings[%1]").arg(candidateIndex());
        auto take = [&](const PlanError &e) {
            if (e.field.startsWith(field + QStringLiteral(".params."))) {
                const QString param = paramOfField(e.field.mid(field.size() + 8));
                if (!v.params.contains(param))
                    v.params.insert(param, e.message);
            } else if (e.field == field + QStringLiteral(".id")) {
                if (v.id.isEmpty())
                    v.id = e.message;
            } else if (e.field == field + QStringLiteral(".start")) {
                v.start = e.message;
            } else if (e.field.startsWith(field + QStringLiteral(".params"))) {
                v.general << e.message;
            } else {
                // Problems elsewhere in the plan count only when the candidate causes them.
                for (const PlanError &old : fullErrors) {
                    if (old.field == e.field && old.message == e.message)
                        return;
                }
                v.general << (e.field.isEmpty() ? e.message
                                                : QStringLiteral("%1: %2").arg(e.field, e.message));
            }
        };

        QList<Step> steps;
        PlanError error;
        if (!Catalog::decompose(r, schemaBefore(r.start), field, &steps, &error)) {
            take(error);
            return v;
        }
        if (!withEngine || !v.ok())
            return v;

        // Next checks the candidate and the preview shows it: one run serves both.
        if (lastChecked && lastChecked->first == r)
            return lastChecked->second;
        const Plan candidate = candidatePlan(r);
        QList<PlanError> errors;
        auto engine = std::make_shared<Engine>(candidate);
        if (PlanValidator::validate(candidate, {}, &errors) && engine->run(&errors))
            v.engine = engine;
        for (const PlanError &e : std::as_const(errors))
            take(e);
        if (!v.engine && v.ok())
            v.general << RefactoringWizard::tr(
                "The plan cannot be evaluated with this refactoring.");
        lastChecked.emplace(r, v);
        return v;
    }

    /** Failures in required cells that @p engine has and the plan as it is has not. */
    QList<QPair<QString, Failure>> newFailures(const Engine &engine) const
    {
        QSet<QString> known;
        auto key = [](const Engine &e, const Cell &cell, const Failure &f) {
            return QStringLiteral("%1|%2|%3|%4|%5")
                .arg(e.apps().at(cell.app).name, e.states().at(cell.state).name, f.rule, f.object)
                .arg(f.warning);
        };
        if (fullRan) {
            for (const Cell &cell : full->cells()) {
                for (const Failure &f : cell.failures)
                    known.insert(key(*full, cell, f));
            }
        }
        QList<QPair<QString, Failure>> result;
        for (const Cell &cell : engine.cells()) {
            if (!cell.required)
                continue;
            for (const Failure &f : cell.failures) {
                if (!known.contains(key(engine, cell, f)))
                    result.append({RefactoringWizard::tr("%1 on %2")
                                       .arg(engine.apps().at(cell.app).name,
                                            engine.states().at(cell.state).name),
                                   f});
            }
        }
        return result;
    }
};

// ---------------------------------------------------------------------------------------------

class KindPage final : public QWizardPage
{
    Q_OBJECT

public:
    KindPage(WizardModel *model, QWidget *parent)
        : QWizardPage(parent)
        , m_model(model)
        , m_list(new QListWidget(this))
        , m_title(new QLabel(this))
        , m_summary(new QLabel(this))
        , m_params(new QLabel(this))
        , m_unsupported(createErrorLabel(this))
        , m_diagram(new StepDiagram(this))
    {
        setTitle(tr("Kind of refactoring"));
        setSubTitle(tr("Choose what the refactoring changes. Each kind spreads its steps over "
                       "releases so every running application version keeps working."));
        m_list->setObjectName(QStringLiteral("kindList"));
        m_list->setSpacing(2);
        m_diagram->setObjectName(QStringLiteral("stepDiagram"));
        for (const KindSpec &kind : Catalog::kinds()) {
            auto *item = new QListWidgetItem(kind.title, m_list);
            item->setData(Qt::UserRole, kind.name);
            item->setToolTip(kind.summary);
        }
        m_list->setMinimumWidth(m_list->sizeHintForColumn(0) + 24);
        m_list->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);

        QFont titleFont = m_title->font();
        titleFont.setBold(true);
        titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
        m_title->setFont(titleFont);
        m_summary->setWordWrap(true);
        m_params->setWordWrap(true);
        m_params->setTextFormat(Qt::RichText);

        auto *legend = new QLabel(this);
        legend->setTextFormat(Qt::RichText);
        QStringList entries;
        for (const QString &category : CategoryStyle::categories()) {
            entries << QStringLiteral("<span style=\"background-color:%1\">&nbsp;&nbsp;&nbsp;"
                                      "</span>&nbsp;%2")
                           .arg(CategoryStyle::color(category).name(),
                                CategoryStyle::label(category).toHtmlEscaped());
        }
        legend->setText(entries.join(QStringLiteral("&nbsp;&nbsp; ")));
        legend->setWordWrap(true);
        legend->setToolTip(tr("Step categories; a dashed chip is only generated in some cases."));

        auto *details = new QVBoxLayout;
        details->addWidget(m_title);
        details->addWidget(m_summary);
        details->addWidget(m_unsupported);
        details->addSpacing(6);
        auto *stepsHeading = new QLabel(tr("Steps by release and phase:"), this);
        details->addWidget(stepsHeading);
        details->addWidget(m_diagram);
        details->addWidget(legend);
        details->addSpacing(6);
        details->addWidget(m_params);
        details->addStretch();

        auto *layout = new QHBoxLayout(this);
        layout->addWidget(m_list);
        layout->addLayout(details, 1);

        connect(m_list, &QListWidget::currentItemChanged, this, [this] {
            showKind();
            emit completeChanged();
        });
        connect(m_list, &QListWidget::itemDoubleClicked, this, [this] { wizard()->next(); });
    }

    QString kind() const
    {
        return m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString()
                                     : QString();
    }

    void setKind(const QString &name)
    {
        for (int i = 0; i < m_list->count(); ++i) {
            if (m_list->item(i)->data(Qt::UserRole).toString() == name)
                m_list->setCurrentRow(i);
        }
    }

    bool isComplete() const override
    {
        const KindSpec *spec = Catalog::kind(kind());
        return spec && !spec->unsupported.contains(m_model->plan.dialect);
    }

    bool validatePage() override
    {
        m_model->current.kind = kind();
        return true;
    }

private:
    void showKind()
    {
        const KindSpec *spec = Catalog::kind(kind());
        m_diagram->setKind(spec);
        if (!spec) {
            m_title->clear();
            m_summary->clear();
            m_params->clear();
            showError(m_unsupported, {});
            return;
        }
        m_title->setText(spec->title);
        m_summary->setText(spec->summary);
        // A kind the plan's engine cannot run says why, and the wizard goes no further.
        const Dialect *dialect = Dialect::forName(m_model->plan.dialect);
        showError(m_unsupported, spec->unsupported.contains(m_model->plan.dialect)
                                     ? tr("Not available on %1: %2")
                                           .arg(dialect ? dialect->title() : m_model->plan.dialect,
                                                spec->unsupported.value(m_model->plan.dialect))
                                     : QString());
        QStringList rows;
        for (const ParamSpec &p : spec->params) {
            rows << tr("<b>%1</b> (%2%3) — %4")
                        .arg(p.name.toHtmlEscaped(),
                             paramTypeName(p.type).toHtmlEscaped(),
                             p.required ? QString() : tr(", optional"),
                             p.description.toHtmlEscaped());
        }
        m_params->setText(tr("Parameters:") + QStringLiteral("<br>")
                          + rows.join(QStringLiteral("<br>")));
    }

    WizardModel *m_model;
    QListWidget *m_list;
    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_params;
    QLabel *m_unsupported; // why the plan's engine cannot run the kind
    StepDiagram *m_diagram;
};

// ---------------------------------------------------------------------------------------------

class ParametersPage final : public QWizardPage
{
    Q_OBJECT

public:
    ParametersPage(WizardModel *model, QWidget *parent)
        : QWizardPage(parent)
        , m_model(model)
        , m_start(new QComboBox(this))
        , m_startError(createErrorLabel(this))
        , m_id(new QLineEdit(this))
        , m_idError(createErrorLabel(this))
        , m_note(new QLineEdit(this))
        , m_heading(new QLabel(this))
        , m_form(new QFormLayout)
        , m_general(createErrorLabel(this))
        , m_needed(new QLabel(this))
        , m_engineTimer(new QTimer(this))
    {
        setTitle(tr("Parameters"));
        m_start->setObjectName(QStringLiteral("startRelease"));
        m_id->setObjectName(QStringLiteral("refactoringId"));
        m_note->setObjectName(QStringLiteral("note"));
        m_general->setObjectName(QStringLiteral("generalError"));
        m_needed->setObjectName(QStringLiteral("neededHint"));
        m_needed->setWordWrap(true);
        m_needed->hide();
        m_startError->setObjectName(QStringLiteral("error_start"));
        m_idError->setObjectName(QStringLiteral("error_id"));

        for (const Release &r : m_model->startReleases()) {
            QString text = releaseText(r);
            if (r.date.isValid())
                text += QStringLiteral(" — ") + QLocale().toString(r.date, QLocale::ShortFormat);
            m_start->addItem(text, r.id);
        }
        m_start->setToolTip(tr("The release of the first step (N). The parameters are picked "
                               "from the schema just before it."));
        m_id->setToolTip(tr("A unique name for the refactoring in this plan"));
        m_id->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral(
                                                               "[A-Za-z0-9][A-Za-z0-9_.-]*")),
                                                           m_id));
        m_note->setPlaceholderText(tr("Why the team wants this (optional)"));
        m_note->setToolTip(tr("Free text for the team, kept with the refactoring in the plan"));

        // Kinds with many parameters scroll; the messages below stay in sight. (The form goes
        // in once the scroll area holds its widget: a full one would be measured right away.)
        auto *formWidget = new QWidget;
        auto *formLayout = new QVBoxLayout(formWidget);
        formLayout->setContentsMargins(0, 0, 6, 0); // clear of the scroll bar
        auto *scroll = new QScrollArea(this);
        scroll->setObjectName(QStringLiteral("parameterScroll"));
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        scroll->setWidget(formWidget);

        // One form, so every label lines up: start, id, the kind's parameters, the note.
        m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        m_form->addRow(tr("&Starts in release:"), withError(m_start, m_startError, this));
        m_form->addRow(tr("&Id:"), withError(m_id, m_idError, this));
        QFont headingFont = m_heading->font();
        headingFont.setBold(true);
        m_heading->setFont(headingFont);
        m_heading->setContentsMargins(0, 8, 0, 0);
        m_form->addRow(m_heading);
        m_form->addRow(tr("N&ote:"), m_note);

        formLayout->addLayout(m_form);
        formLayout->addStretch(1);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(scroll, 1);
        layout->addWidget(m_general);
        layout->addWidget(m_needed);

        // The whole-plan check can take a moment on big plans: run it once typing pauses.
        m_engineTimer->setSingleShot(true);
        m_engineTimer->setInterval(200);
        connect(m_engineTimer, &QTimer::timeout, this, [this] { validate(true); });

        connect(m_start, &QComboBox::currentIndexChanged, this, [this] {
            refreshContext();
            changed();
        });
        connect(m_id, &QLineEdit::textEdited, this, [this] {
            m_idEdited = true;
            changed();
        });
        connect(m_note, &QLineEdit::textChanged, this, [this] { changed(); });
    }

    void initializePage() override
    {
        const QString kind = m_model->current.kind;
        if (kind != m_builtKind)
            buildEditors(kind);
        refreshContext();
        suggestId();
        validate(true);
    }

    bool isComplete() const override { return m_valid; }

    bool validatePage() override
    {
        m_engineTimer->stop();
        validate(true);
        return m_valid;
    }

    /** The refactoring as the fields describe it. */
    Refactoring refactoring() const
    {
        Refactoring r;
        r.id = m_id->text().trimmed();
        r.kind = m_builtKind;
        r.start = m_start->currentData().toString();
        r.note = m_note->text().trimmed();
        for (ParamEditor *editor : m_editors) {
            const QJsonValue v = editor->value();
            if (!v.isUndefined())
                r.params.insert(editor->spec().name, v);
        }
        // Moves made on the grid stay while the kind does; they name its steps.
        if (m_model->editIndex >= 0 && r.kind == m_model->original.kind)
            r.moves = m_model->original.moves;
        // The refactorings it comes after ("after") have no field here: an edit keeps them.
        if (m_model->editIndex >= 0)
            r.after = m_model->original.after;
        return r;
    }

    /** Fills the fields from @p r (edit mode, before the page is shown). */
    void preload(const Refactoring &r)
    {
        m_id->setText(r.id);
        m_idEdited = true;
        m_note->setText(r.note);
        const int i = m_start->findData(r.start);
        if (i >= 0)
            m_start->setCurrentIndex(i);
        m_preloadParams = r.params;
    }

    void setStart(const QString &releaseId)
    {
        const int i = m_start->findData(releaseId);
        if (i >= 0)
            m_start->setCurrentIndex(i);
    }

private:
    void buildEditors(const QString &kindName)
    {
        // Values carry over between kinds by parameter name and type (the table, the column …).
        QJsonObject previous = m_preloadParams;
        QHash<QString, ParamType> previousTypes;
        if (previous.isEmpty()) {
            for (ParamEditor *editor : std::as_const(m_editors)) {
                const QJsonValue v = editor->value();
                if (!v.isUndefined())
                    previous.insert(editor->spec().name, v);
                previousTypes.insert(editor->spec().name, editor->spec().type);
            }
        }
        m_preloadParams = {};
        while (m_form->rowCount() > FirstParamRow + 1) // the note stays last
            m_form->removeRow(FirstParamRow);
        m_editors.clear();
        m_errors.clear();
        m_touched.clear();
        m_contextOwners.clear();
        m_builtKind = kindName;
        m_contextValid = false;
        const KindSpec *spec = Catalog::kind(kindName);
        if (!spec)
            return;
        m_heading->setText(tr("%1 parameters").arg(spec->title));
        setSubTitle(spec->summary);

        const Schema schema = m_model->schemaBefore(m_start->currentData().toString());
        QWidget *previousFocus = m_id;
        for (const ParamSpec &p : spec->params) {
            ParamEditor *editor = ParamEditor::create(*spec, p, m_model->plan, this);
            QLabel *error = createErrorLabel(this);
            error->setObjectName(QStringLiteral("error_") + p.name);
            const QString text = ParamEditor::labelFor(p.name);
            auto *label = new QLabel(p.required ? tr("%1:").arg(text)
                                                : tr("%1 (optional):").arg(text),
                                     this);
            label->setBuddy(editor->focusTarget());
            label->setToolTip(p.description);
            auto *field = new QWidget(this);
            auto *fieldLayout = new QVBoxLayout(field);
            fieldLayout->setContentsMargins(0, 0, 0, 0);
            fieldLayout->setSpacing(2);
            fieldLayout->addWidget(editor);
            if (!hintAddsNothing(p)) {
                auto *hint = new QLabel(p.description, field);
                hint->setObjectName(QStringLiteral("hint_") + p.name);
                hint->setForegroundRole(QPalette::PlaceholderText);
                hint->setWordWrap(true);
                fieldLayout->addWidget(hint);
            }
            fieldLayout->addWidget(error);
            m_form->insertRow(FirstParamRow + int(m_editors.size()), label, field);
            editor->setContext(schema, nullptr);
            if (previous.contains(p.name) && previousTypes.value(p.name, p.type) == p.type)
                editor->setValue(previous.value(p.name));
            QWidget::setTabOrder(previousFocus, editor->focusTarget());
            previousFocus = editor->focusTarget();
            m_editors.append(editor);
            m_errors.insert(p.name, error);
            // Editors that follow this one's table, and maps keyed by a list's columns, refresh.
            const bool leads = p.type == ParamType::Columns
                               || std::any_of(spec->params.cbegin(), spec->params.cend(), [&](const ParamSpec &q) {
                                      return ParamEditor::followsTable(q.type) && q.of == p.name;
                                  });
            connect(editor, &ParamEditor::changed, this, [this, editor, leads] {
                if (m_updating)
                    return;
                m_touched.insert(editor->spec().name);
                if (leads)
                    refreshContext();
                changed();
            });
        }
        QWidget::setTabOrder(previousFocus, m_note);
    }

    ParamEditor *editor(const QString &name) const
    {
        for (ParamEditor *e : m_editors) {
            if (e->spec().name == name)
                return e;
        }
        return nullptr;
    }

    /** The table an editor that follows a table gets: the one its ParamSpec::of names. */
    QString ownerOf(const ParamEditor *e) const
    {
        const ParamEditor *owner = editor(e->spec().of);
        return owner && owner != e ? owner->value().toString() : QString();
    }

    /**
     * Gives every editor the schema at the start release and, to those whose choices come
     * from a table (columns, indexes, constraints …), the table their ParamSpec::of names;
     * maps get the columns chosen in the list of their table.
     */
    void refreshContext()
    {
        if (m_updating || m_builtKind.isEmpty())
            return;
        m_updating = true;
        const QString start = m_start->currentData().toString();
        const Schema schema = m_model->schemaBefore(start);
        const bool newStart = !m_contextValid || start != m_contextStart;
        // First what depends on the schema alone: the tables the others follow.
        if (newStart) {
            for (ParamEditor *e : std::as_const(m_editors)) {
                if (!ParamEditor::followsTable(e->spec().type))
                    e->setContext(schema, nullptr);
            }
        }
        for (ParamEditor *e : std::as_const(m_editors)) {
            if (!ParamEditor::followsTable(e->spec().type))
                continue;
            const QString owner = ownerOf(e);
            const auto known = m_contextOwners.constFind(e->spec().name);
            if (newStart || known == m_contextOwners.constEnd() || *known != owner)
                e->setContext(schema, schema.table(owner));
            m_contextOwners.insert(e->spec().name, owner);
        }
        for (ParamEditor *e : std::as_const(m_editors)) {
            if (e->spec().type != ParamType::ColumnMap)
                continue;
            const auto list = std::find_if(m_editors.cbegin(), m_editors.cend(), [e](const ParamEditor *c) {
                return c->spec().type == ParamType::Columns && c->spec().of == e->spec().of;
            });
            QStringList chosen;
            if (list != m_editors.cend()) {
                for (const QJsonValue &v : (*list)->value().toArray())
                    chosen << v.toString();
            } else if (const Table *table = schema.table(ownerOf(e))) {
                for (const Column &c : table->columns)
                    chosen << c.name;
            }
            e->setChosenColumns(chosen);
        }
        m_contextStart = start;
        m_contextValid = true;
        m_updating = false;
    }

    void changed()
    {
        if (m_updating || m_builtKind.isEmpty())
            return;
        suggestId();
        validate(false);
        m_engineTimer->start();
    }

    /** Until the user types an id, the id follows the kind and the object it works on. */
    void suggestId()
    {
        if (m_idEdited)
            return;
        const KindSpec *spec = Catalog::kind(m_builtKind);
        const QString object = spec ? subjectOf(*spec, refactoring().params) : QString();
        const QString suggestion = m_model->suggestId(m_builtKind, object);
        if (m_id->text() != suggestion)
            m_id->setText(suggestion);
    }

    void validate(bool withEngine)
    {
        if (m_builtKind.isEmpty())
            return;
        const Refactoring r = refactoring();
        m_model->current = r;
        const Validation v = m_model->validate(r, withEngine);
        showError(m_idError, v.id);
        showError(m_startError, v.start);
        QStringList general = v.general;
        QStringList needed;
        for (auto it = v.params.cbegin(); it != v.params.cend(); ++it) {
            if (!m_errors.contains(it.key()))
                general << it.value();
        }
        for (const ParamEditor *e : std::as_const(m_editors)) {
            const QString name = e->spec().name;
            QString message = v.params.value(name);
            // A required field the user has not reached yet is not an error, just still open.
            if (e->spec().required && !m_touched.contains(name) && e->value().isUndefined()) {
                needed << ParamEditor::labelFor(name);
                message.clear();
            }
            showError(m_errors.value(name), message);
        }
        showError(m_general, general.join(QLatin1Char('\n')));
        m_needed->setText(general.isEmpty() && !needed.isEmpty()
                              ? tr("Still needed: %1.").arg(needed.join(QStringLiteral(", ")))
                              : QString());
        m_needed->setVisible(!m_needed->text().isEmpty());
        const bool valid = v.ok();
        if (valid != m_valid) {
            m_valid = valid;
            emit completeChanged();
        }
    }

    WizardModel *m_model;
    QComboBox *m_start;
    QLabel *m_startError;
    QLineEdit *m_id;
    QLabel *m_idError;
    QLineEdit *m_note;
    QLabel *m_heading;
    QFormLayout *m_form; // Owned by the page's layout.
    static constexpr int FirstParamRow = 3;
    QLabel *m_general;
    QLabel *m_needed; // required fields not filled in yet
    QTimer *m_engineTimer;
    QList<ParamEditor *> m_editors;
    QMap<QString, QLabel *> m_errors; // parameter name -> its inline message
    QSet<QString> m_touched;          // parameters the user has changed
    QString m_builtKind;
    QJsonObject m_preloadParams;
    QString m_contextStart;                 // what the editors were last given
    QHash<QString, QString> m_contextOwners; // parameter -> the table it was last given
    bool m_contextValid = false;
    bool m_idEdited = false;
    bool m_updating = false;
    bool m_valid = false;
};

// ---------------------------------------------------------------------------------------------

/**
 * Wraps the text of a tree's column at the column's width. (QTreeView asks a delegate for a row's
 * height without the column width, so the stock delegate never wraps.)
 */
class WrappingDelegate final : public QStyledItemDelegate
{
public:
    explicit WrappingDelegate(QTreeView *tree)
        : QStyledItemDelegate(tree)
        , m_tree(tree)
    {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const int margin = 2 * (m_tree->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_tree) + 1);
        const int width = std::max(40, m_tree->header()->sectionSize(index.column()) - margin);
        const QRect text = opt.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20), Qt::TextWordWrap, opt.text);
        return {width, std::max(QStyledItemDelegate::sizeHint(option, index).height(), text.height() + 4)};
    }

private:
    QTreeView *m_tree;
};

class PreviewPage final : public QWizardPage
{
    Q_OBJECT

public:
    enum StepColumn {
        ReleaseColumn,
        PhaseColumn,
        StepNameColumn,
        CategoryColumn,
        DescriptionColumn
    };

    PreviewPage(WizardModel *model, QWidget *parent)
        : QWizardPage(parent)
        , m_model(model)
        , m_summary(new QLabel(this))
        , m_steps(new QTreeWidget(this))
        , m_failuresLabel(
              new QLabel(tr("Compatibility problems this refactoring introduces:"), this))
        , m_failures(new QTreeWidget(this))
    {
        setTitle(tr("Preview"));
        setSubTitle(tr("Where each step lands, and what the compatibility check says about the "
                       "plan with this refactoring."));
        m_steps->setObjectName(QStringLiteral("previewSteps"));
        m_failures->setObjectName(QStringLiteral("previewFailures"));
        m_summary->setObjectName(QStringLiteral("previewSummary"));
        m_summary->setWordWrap(true);
        m_steps->setHeaderLabels(
            {tr("Release"), tr("Phase"), tr("Step"), tr("Category"), tr("What it does")});
        m_steps->setRootIsDecorated(false);
        m_steps->setAlternatingRowColors(true);
        m_steps->setWordWrap(true);
        m_steps->header()->setStretchLastSection(true);
        m_failures->setHeaderLabels({tr("Where"), tr("Problem")});
        m_failures->setRootIsDecorated(false);
        m_failures->header()->setStretchLastSection(true);
        // Descriptions wrap in their column: rows get their height again when it is resized.
        for (QTreeWidget *tree : {m_steps, m_failures}) {
            tree->setWordWrap(true);
            tree->setItemDelegateForColumn(tree->columnCount() - 1, new WrappingDelegate(tree));
            connect(tree->header(), &QHeaderView::sectionResized, tree, [tree] { tree->doItemsLayout(); });
        }

        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_summary);
        layout->addWidget(m_steps, 3);
        layout->addWidget(m_failuresLabel);
        layout->addWidget(m_failures, 1);
    }

    void initializePage() override
    {
        m_steps->clear();
        m_failures->clear();
        const Validation v = m_model->validate(m_model->current, true);
        m_ok = v.ok() && v.engine;
        if (!m_ok) {
            m_summary->setText(v.general.isEmpty() ? tr("The refactoring is not valid.")
                                                   : v.general.join(QLatin1Char('\n')));
            emit completeChanged();
            return;
        }
        const Engine &engine = *v.engine;
        const int index = m_model->candidateIndex();
        int count = 0;
        QStringList releases;
        QList<const PlacedStep *> placed;
        for (const PlacedStep &ps : engine.steps()) {
            if (ps.refactoring == index)
                placed << &ps;
        }
        std::stable_sort(placed.begin(), placed.end(), [](const auto *a, const auto *b) {
            return std::make_pair(a->release, a->step.phase)
                   < std::make_pair(b->release, b->step.phase);
        });
        for (const PlacedStep *step : std::as_const(placed)) {
            const PlacedStep &ps = *step;
            ++count;
            QString where;
            if (ps.release <= engine.releaseCount()) {
                where = releaseText(engine.release(ps.release));
                if (!releases.contains(where))
                    releases << where;
            } else {
                where = tr("after the plan (+%1)").arg(ps.release - engine.releaseCount());
            }
            auto *item = new QTreeWidgetItem(m_steps);
            item->setText(ReleaseColumn, where);
            item->setText(PhaseColumn, phaseName(ps.step.phase));
            item->setText(StepNameColumn, ps.step.name);
            item->setText(CategoryColumn, ps.step.category);
            item->setText(DescriptionColumn, ps.step.description);
            item->setToolTip(DescriptionColumn, ps.step.description);
            const QColor color = CategoryStyle::color(ps.step.category);
            item->setBackground(CategoryColumn, color);
            item->setForeground(CategoryColumn, CategoryStyle::textColorOn(color));
            if (ps.moved)
                item->setToolTip(ReleaseColumn, tr("Moved on the timeline"));
            if (ps.release > engine.releaseCount())
                item->setForeground(ReleaseColumn, palette().color(QPalette::PlaceholderText));
        }
        for (int c = 0; c < DescriptionColumn; ++c)
            m_steps->resizeColumnToContents(c);

        auto failures = m_model->newFailures(engine);
        std::stable_sort(failures.begin(), failures.end(), [](const auto &a, const auto &b) {
            return !a.second.warning && b.second.warning;
        });
        for (const auto &[where, failure] : failures) {
            auto *item = new QTreeWidgetItem(m_failures);
            item->setText(0, where);
            item->setText(1, failure.message);
            item->setToolTip(1, failure.message);
            item->setIcon(0,
                          style()->standardIcon(failure.warning ? QStyle::SP_MessageBoxWarning
                                                                : QStyle::SP_MessageBoxCritical));
        }
        m_failures->resizeColumnToContents(0);
        m_failures->setVisible(!failures.isEmpty());
        m_failuresLabel->setVisible(!failures.isEmpty());

        QString summary = count == 1 ? tr("1 step") : tr("%1 steps").arg(count);
        if (!releases.isEmpty())
            summary = tr("%1 in %2").arg(summary, releases.join(QStringLiteral(", ")));
        summary += QStringLiteral(". ");
        const int beyond = int(std::count_if(placed.cbegin(), placed.cend(), [&](const auto *ps) {
            return ps->release > engine.releaseCount();
        }));
        if (beyond == 1)
            summary += tr("One step falls after the plan's last release; add a release to "
                          "schedule it. ");
        else if (beyond > 1)
            summary += tr("%1 steps fall after the plan's last release; add releases to "
                          "schedule them. ")
                           .arg(beyond);
        if (m_model->editIndex >= 0 && !m_model->original.moves.isEmpty()
            && m_model->current.kind != m_model->original.kind)
            summary += tr("The kind changed: steps moved on the timeline go back to their "
                          "default places. ");
        int errors = 0;
        for (const auto &f : failures)
            errors += f.second.warning ? 0 : 1;
        if (errors == 0)
            summary += tr("Every required compatibility check still passes.");
        else
            summary += tr("%1 required compatibility check(s) fail because of it; you can still "
                          "add it and move its steps on the timeline.")
                           .arg(errors);
        m_summary->setText(summary);
        emit completeChanged();
    }

    bool isComplete() const override { return m_ok; }

private:
    WizardModel *m_model;
    QLabel *m_summary;
    QTreeWidget *m_steps;
    QLabel *m_failuresLabel;
    QTreeWidget *m_failures;
    bool m_ok = false;
};

// ---------------------------------------------------------------------------------------------

RefactoringWizard::RefactoringWizard(const Plan &plan, QWidget *parent, const Engine *planEngine)
    : QWizard(parent)
    , m_model(std::make_unique<WizardModel>(plan))
{
    setUp(planEngine);
    setWindowTitle(tr("New Refactoring"));
    if (!Catalog::kinds().isEmpty())
        m_kindPage->setKind(Catalog::kinds().constFirst().name);
}

RefactoringWizard::RefactoringWizard(const Plan &plan,
                                     const Refactoring &existing,
                                     QWidget *parent,
                                     const Engine *planEngine)
    : QWizard(parent)
    , m_model(std::make_unique<WizardModel>(plan))
{
    m_model->editIndex = plan.refactoringIndex(existing.id);
    m_model->original = existing;
    setUp(planEngine);
    setWindowTitle(tr("Edit Refactoring %1").arg(existing.id));
    m_kindPage->setKind(existing.kind);
    m_model->current = existing;
    m_parametersPage->preload(existing);
}

RefactoringWizard::~RefactoringWizard() = default;

void RefactoringWizard::setUp(const Engine *planEngine)
{
    m_model->runBaseEngines(planEngine);
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::NoCancelButtonOnLastPage, false);
    m_kindPage = new KindPage(m_model.get(), this);
    m_parametersPage = new ParametersPage(m_model.get(), this);
    m_previewPage = new PreviewPage(m_model.get(), this);
    setPage(KindPageId, m_kindPage);
    setPage(ParametersPageId, m_parametersPage);
    setPage(PreviewPageId, m_previewPage);
    setStartId(KindPageId);
    setButtonText(QWizard::FinishButton,
                  m_model->editIndex >= 0 ? tr("&Apply") : tr("&Add Refactoring"));
    setSizeGripEnabled(true);
    setMinimumSize(700, 560);
    resize(860, 620);
}

void RefactoringWizard::setKind(const QString &kind)
{
    m_kindPage->setKind(kind);
}

void RefactoringWizard::setStartRelease(const QString &releaseId)
{
    m_parametersPage->setStart(releaseId);
}

bool RefactoringWizard::isEditing() const
{
    return m_model->editIndex >= 0;
}

Refactoring RefactoringWizard::refactoring() const
{
    return m_model->current;
}

} // namespace Tideline

#include "refactoringwizard.moc"
