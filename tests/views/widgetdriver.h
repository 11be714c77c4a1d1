// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Drives real widgets from the keyboard, the way a user would, for the dialog tests.

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QLineEdit>
#include <QTest>
#include <QTimer>

#include <functional>

namespace Tideline::WidgetDriver {

/** Walks @p combo with the arrow keys to the item @p text. */
inline void choose(QComboBox *combo, const QString &text)
{
    QVERIFY(combo);
    const int i = combo->findText(text);
    QVERIFY2(i >= 0, qPrintable(text));
    combo->setFocus();
    while (combo->currentIndex() < i)
        QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() > i)
        QTest::keyClick(combo, Qt::Key_Up);
    QCOMPARE(combo->currentText(), text);
}

/** Replaces the text of @p edit by typing @p text. */
inline void retype(QLineEdit *edit, const QString &text)
{
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

/** Runs @p drive on the next modal dialog once it shows (the dialog's exec() blocks). */
inline void onNextDialog(const std::function<void(QDialog *)> &drive)
{
    QTimer::singleShot(0, qApp, [drive] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            onNextDialog(drive);
            return;
        }
        drive(dialog);
    });
}

} // namespace Tideline::WidgetDriver
