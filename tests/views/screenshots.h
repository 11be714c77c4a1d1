// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Screenshots for docs/screenshots, written by the GUI tests only when asked
// (TIDELINE_SCREENSHOT_DIR=docs/screenshots), in the light and in a dark palette.

#include "widgetdriver.h"

#include <readablestyle.h>

#include <QApplication>
#include <QDir>
#include <QPainter>
#include <QPalette>
#include <QPen>
#include <QPixmap>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

namespace Tideline::Screenshots {

/** The folder to write to; empty when no screenshots are asked for. */
inline QString directory()
{
    return qEnvironmentVariable("TIDELINE_SCREENSHOT_DIR");
}

/** Fusion (with the edges main() adds) in its own light palette, or in the tests' dark one. */
inline void usePalette(bool dark)
{
    QApplication::setStyle(new ReadableStyle(QStyleFactory::create(QStringLiteral("Fusion")))); // as main() sets it
    QApplication::setPalette(dark ? WidgetDriver::darkPalette() : QApplication::style()->standardPalette());
}

/** @p window with @p over (a message box or menu, a window of its own) drawn where it is. */
inline bool save(QWidget *window, QWidget *over, const QString &name, bool dark)
{
    QPixmap shot = window->grab();
    if (over) {
        QPainter painter(&shot);
        const QPoint at = over->mapToGlobal(QPoint()) - window->mapToGlobal(QPoint());
        painter.drawPixmap(at, over->grab());
        // Offscreen windows have no frame: a thin one and a shadow set the window apart, as
        // the window manager would.
        const QRect frame(at, over->size());
        painter.setPen(QPen(QColor(0, 0, 0, 40), 3));
        painter.drawRect(frame.adjusted(-2, -2, 1, 1));
        painter.setPen(over->palette().color(QPalette::Shadow));
        painter.drawRect(frame.adjusted(-1, -1, 0, 0));
    }
    QDir().mkpath(directory());
    return shot.save(QDir(directory()).filePath(name + (dark ? QStringLiteral("-dark.png")
                                                             : QStringLiteral("-light.png"))));
}

} // namespace Tideline::Screenshots
