// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "categorystyle.h"

#include <QCoreApplication>

#include <cmath>

namespace Tideline {

namespace {

struct Entry
{
    const char *category;
    const char *label;
    QRgb color;
};

// Okabe–Ito: bluish green, sky blue, blue, orange, vermillion, dark grey, reddish purple.
// Neighbouring steps of a refactoring (expand → backfill → app → contract) alternate between
// light and dark fills, so they stay apart even in grey scale.
constexpr Entry Entries[] = {
    {"expand", QT_TRANSLATE_NOOP("CategoryStyle", "Expand"), 0xff009e73},
    {"backfill", QT_TRANSLATE_NOOP("CategoryStyle", "Backfill"), 0xff56b4e9},
    {"app", QT_TRANSLATE_NOOP("CategoryStyle", "App change"), 0xff0072b2},
    {"constraint", QT_TRANSLATE_NOOP("CategoryStyle", "Constraint"), 0xffe69f00},
    {"contract", QT_TRANSLATE_NOOP("CategoryStyle", "Contract"), 0xffd55e00},
    {"offline", QT_TRANSLATE_NOOP("CategoryStyle", "Offline"), 0xff4d4d4d},
    {"sync", QT_TRANSLATE_NOOP("CategoryStyle", "Sync"), 0xffcc79a7},
};

const Entry *find(const QString &category)
{
    for (const Entry &e : Entries) {
        if (category == QLatin1String(e.category))
            return &e;
    }
    return nullptr;
}

double luminance(const QColor &c)
{
    const auto channel = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

} // namespace

QStringList CategoryStyle::categories()
{
    QStringList result;
    for (const Entry &e : Entries)
        result << QLatin1String(e.category);
    return result;
}

QString CategoryStyle::label(const QString &category)
{
    const Entry *e = find(category);
    return e ? QCoreApplication::translate("CategoryStyle", e->label) : category;
}

QColor CategoryStyle::color(const QString &category)
{
    const Entry *e = find(category);
    return e ? QColor::fromRgb(e->color) : QColor(0xbb, 0xbb, 0xbb);
}

QColor CategoryStyle::textColor(const QString &category)
{
    return textColorOn(color(category));
}

QColor CategoryStyle::textColorOn(const QColor &background)
{
    const QColor dark(0x11, 0x11, 0x11);
    const QColor light(Qt::white);
    return contrast(background, dark) >= contrast(background, light) ? dark : light;
}

double CategoryStyle::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

bool CategoryStyle::hatched(const QString &category)
{
    return category == QLatin1String("offline");
}

QColor CategoryStyle::passColor()
{
    return QColor(0x1b, 0x8a, 0x3c);
}

QColor CategoryStyle::failColor()
{
    return QColor(0xd0, 0x1c, 0x1c);
}

QColor CategoryStyle::warningColor()
{
    return QColor(0xb2, 0x7a, 0x00);
}

} // namespace Tideline
