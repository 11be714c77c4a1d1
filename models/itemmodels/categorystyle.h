// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

namespace Tideline {

/**
 * The one place that maps a step category (expand, backfill, app, constraint, contract,
 * offline, sync) to the label and the colours every view uses for it. The fill colours come
 * from the Okabe–Ito palette, which stays distinguishable with the common forms of colour
 * blindness; the text colour is whichever of near-black and white reads better on the fill.
 */
class CategoryStyle
{
public:
    /** The known categories, in the order a legend lists them. */
    static QStringList categories();
    /** "Expand", "Backfill", "App change", …; an unknown category is shown as it is. */
    static QString label(const QString &category);
    /** The fill colour of the category's chips; neutral grey for an unknown category. */
    static QColor color(const QString &category);
    /** The text colour that reads best on color(). */
    static QColor textColor(const QString &category);
    /** The text colour that reads best on @p background (WCAG contrast). */
    static QColor textColorOn(const QColor &background);
    /** WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white). */
    static double contrast(const QColor &a, const QColor &b);
    /** Whether the category draws hatched (it needs a maintenance window). */
    static bool hatched(const QString &category);

    /** Colours of the compatibility arrows and the cells they lead to. */
    static QColor passColor();
    static QColor failColor();
    static QColor warningColor();
};

} // namespace Tideline
