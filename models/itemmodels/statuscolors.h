// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QBrush>
#include <QColor>

namespace Tideline::StatusColors {

/** Light backgrounds the panels share: good/added, warning/changed, failed/removed. */
inline QBrush good()
{
    return QColor(0xd5, 0xf0, 0xd8);
}
inline QBrush warning()
{
    return QColor(0xfb, 0xec, 0xc4);
}
inline QBrush bad()
{
    return QColor(0xf7, 0xcf, 0xcf);
}
/** The text on any of them: they stay light in a dark palette, whose own text is light too,
 *  so a view that sets one of these backgrounds sets this foreground with it. */
inline QBrush text()
{
    return QColor(0x1f, 0x1f, 0x1f);
}

} // namespace Tideline::StatusColors
