// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Screenshots for docs/screenshots, written by the GUI tests only when asked
// (TIDELINE_SCREENSHOT_DIR=docs/screenshots), in the light and in a dark palette.

#include <QApplication>
#include <QDir>
#include <QPainter>
#include <QPalette>
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

/** Fusion with its own light palette, or a dark one with a foreground for every background. */
inline void usePalette(bool dark)
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (!dark) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
    palette.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    palette.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    palette.setColor(QPalette::ToolTipText, QColor(0xe8, 0xe8, 0xe8));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    palette.setColor(QPalette::Disabled, QPalette::Base, QColor(0x2b, 0x2b, 0x2b));
    QApplication::setPalette(palette);
}

/** @p window with @p over (a message box or menu, a window of its own) drawn where it is. */
inline bool save(QWidget *window, QWidget *over, const QString &name, bool dark)
{
    QPixmap shot = window->grab();
    if (over) {
        QPainter painter(&shot);
        const QPoint at = over->mapToGlobal(QPoint()) - window->mapToGlobal(QPoint());
        painter.drawPixmap(at, over->grab());
    }
    QDir().mkpath(directory());
    return shot.save(QDir(directory()).filePath(name + (dark ? QStringLiteral("-dark.png")
                                                             : QStringLiteral("-light.png"))));
}

} // namespace Tideline::Screenshots
