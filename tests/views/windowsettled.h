// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Waiting for a main window's engine run, for the window tests.

#include <mainwindow.h>

#include <document/document.h>

#include <QCoreApplication>
#include <QTest>

namespace Tideline {

/** Lets the document's worker finish its engine run and review (the event loop runs; no sleep),
 *  then the panels take the result in (they update in events of their own). */
inline bool settled(const MainWindow &window)
{
    if (!QTest::qWaitFor([&window] { return !window.document()->isChecking(); }, 60000))
        return false;
    QCoreApplication::sendPostedEvents();
    return true;
}

} // namespace Tideline
