// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QString>

class QLabel;
class QWidget;

class QProgressDialog;

namespace Tideline::DialogUtil {

/** A hidden, word-wrapped label for an inline validation message (shown by showError()). */
QLabel *createErrorLabel(QWidget *parent);
/** Shows @p message in @p label, or hides the label when the message is empty. */
void showError(QLabel *label, const QString &message);
/** @p field with @p error right below it, as one widget for a form row. */
QWidget *withError(QWidget *field, QLabel *error, QWidget *parent);
/** Makes @p window tall enough for its contents at its width (after a message appeared). */
void growToFit(QWidget *window);
/** "2027.01 (r2)", or the id alone when the label says nothing more. */
QString releaseText(const Release &release);
/** The progress dialog of a task in a worker (an export, a report): window-modal over
 *  @p parent, shown only once the task takes over 200 ms, kept open until the task closes it;
 *  its Cancel button says "Cancel". */
QProgressDialog *taskProgress(const QString &label, const QString &title, const QString &objectName, int maximum,
                              QWidget *parent);

} // namespace Tideline::DialogUtil
