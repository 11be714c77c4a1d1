// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogutil.h"

#include <QCoreApplication>
#include <QProgressDialog>

#include <QLabel>
#include <QVBoxLayout>

namespace Tideline::DialogUtil {

QLabel *createErrorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette pal = label->palette();
    // A red that reads on the window: dark on a light one, light on a dark one.
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    pal.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x2a, 0x2a));
    label->setPalette(pal);
    label->hide();
    return label;
}

void showError(QLabel *label, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

QWidget *withError(QWidget *field, QLabel *error, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}

void growToFit(QWidget *window)
{
    if (!window->layout())
        return;
    // Word-wrapped labels have a height for a width only; the minimum size does not see it.
    window->layout()->activate();
    const int needed = window->hasHeightForWidth() ? window->heightForWidth(window->width())
                                                   : window->sizeHint().height();
    if (needed > window->height())
        window->resize(window->width(), needed);
}

QString releaseText(const Release &release)
{
    if (release.label.isEmpty() || release.label == release.id)
        return release.id;
    return QStringLiteral("%1 (%2)").arg(release.label, release.id);
}

QProgressDialog *taskProgress(const QString &label, const QString &title, const QString &objectName, int maximum,
                              QWidget *parent)
{
    auto *dialog = new QProgressDialog(label, QCoreApplication::translate("Tideline::DialogUtil", "Cancel"), 0,
                                       maximum, parent);
    dialog->setObjectName(objectName);
    dialog->setWindowTitle(title);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(200);
    dialog->setAutoReset(false);
    dialog->setAutoClose(false);
    return dialog;
}

} // namespace Tideline::DialogUtil
