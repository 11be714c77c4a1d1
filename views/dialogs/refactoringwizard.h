// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QWizard>

#include <memory>

namespace Tideline {

class Engine;
class KindPage;
class ParametersPage;
class PreviewPage;
struct WizardModel;

/**
 * Adds a refactoring to a plan, or edits one: pick a catalog kind, fill its parameters from
 * the schema at the start release, preview where its steps land. The wizard never edits the
 * plan; refactoring() is the result, for the caller to hand to the document's edit API.
 */
class RefactoringWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId { KindPageId, ParametersPageId, PreviewPageId };

    /**
     * A new refactoring for @p plan. @p planEngine, when given, is a finished run of this very
     * plan (the document's last run); the wizard reuses it instead of running the engine again.
     */
    explicit RefactoringWizard(const Plan &plan,
                               QWidget *parent = nullptr,
                               const Engine *planEngine = nullptr);
    /** Edits @p existing (its id stays unless the user changes it). */
    RefactoringWizard(const Plan &plan,
                      const Refactoring &existing,
                      QWidget *parent = nullptr,
                      const Engine *planEngine = nullptr);
    ~RefactoringWizard() override;

    /** Preselects a catalog kind (e.g. "drop_column"). */
    void setKind(const QString &kind);
    /** Preselects the start release, e.g. the release the user clicked on the timeline. */
    void setStartRelease(const QString &releaseId);

    bool isEditing() const;
    /** The refactoring as the pages describe it now. */
    Refactoring refactoring() const;

private:
    void setUp(const Engine *planEngine);

    std::unique_ptr<WizardModel> m_model;
    KindPage *m_kindPage = nullptr;             // Owned by the wizard.
    ParametersPage *m_parametersPage = nullptr; // Owned by the wizard.
    PreviewPage *m_previewPage = nullptr;       // Owned by the wizard.
};

} // namespace Tideline
