// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QPlainTextEdit;
class QTextBrowser;

namespace Tideline {

class Document;
struct Selection;

/**
 * What the selected step does: its place, category and description, the app usage it changes
 * and its SQL for the plan's dialect, highlighted. A selected refactoring lists its steps.
 */
class StepInspector final : public QWidget
{
    Q_OBJECT

public:
    explicit StepInspector(Document *document, QWidget *parent = nullptr);

    QString descriptionText() const;
    QString sqlText() const;

private:
    void showSelection();

    Document *m_document; // Not owned.
    QTextBrowser *m_description;
    QPlainTextEdit *m_sql;
};

} // namespace Tideline
