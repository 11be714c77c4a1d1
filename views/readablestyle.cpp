// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "readablestyle.h"

#include <QPainter>
#include <QStyleOption>

namespace Tideline {

ReadableStyle::ReadableStyle(QStyle *base)
    : QProxyStyle(base)
{}

bool ReadableStyle::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < palette.color(QPalette::Text).lightness();
}

void ReadableStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                                  const QWidget *widget) const
{
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    if ((element != PE_IndicatorCheckBox && element != PE_IndicatorItemViewItemCheck) || !option
        || !isDark(option->palette))
        return;
    // The edge in the text colour, softened, over whatever the base style drew: the same for
    // checked boxes, whose mark already reads, so that the boxes of a form look alike.
    QColor edge = option->palette.color(option->state & State_Enabled ? QPalette::Active : QPalette::Disabled,
                                        QPalette::Text);
    edge.setAlpha(option->state & State_Enabled ? 170 : 110);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(QPen(edge, 1));
    painter->setBrush(Qt::NoBrush);
    const int side = qMin(option->rect.width(), option->rect.height());
    QRect box(0, 0, side, side);
    box.moveCenter(option->rect.center());
    painter->drawRect(box.adjusted(0, 0, -1, -1));
    painter->restore();
}

} // namespace Tideline
