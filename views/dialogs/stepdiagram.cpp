// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stepdiagram.h"

#include <itemmodels/categorystyle.h>

#include <QEvent>
#include <QHash>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>

namespace Tideline {

namespace {

constexpr int Margin = 6;
constexpr int ChipGap = 3;

} // namespace

StepDiagram::StepDiagram(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAttribute(Qt::WA_Hover);
}

void StepDiagram::setKind(const KindSpec *kind)
{
    m_kind = kind;
    layoutChips();
    setMinimumHeight(sizeHint().height()); // never clip a row of chips
    updateGeometry();
    update();
}

QRect StepDiagram::chipRect(const QString &stepName) const
{
    for (const Chip &chip : m_chips) {
        if (chip.step->name == stepName)
            return chip.rect;
    }
    return {};
}

QList<Phase> StepDiagram::phases() const
{
    QList<Phase> list{Phase::Pre, Phase::Backfill, Phase::App, Phase::Post};
    if (m_kind) {
        for (const StepSpec &s : m_kind->steps) {
            if (s.phase == Phase::Offline) {
                list.prepend(Phase::Offline);
                break;
            }
        }
    }
    return list;
}

int StepDiagram::columnCount() const
{
    int last = 2;
    if (m_kind) {
        for (const StepSpec &s : m_kind->steps)
            last = std::max(last, s.offset);
    }
    return last + 1;
}

int StepDiagram::rowHeight(Phase phase) const
{
    int most = 1;
    if (m_kind) {
        for (int offset = 0; offset < columnCount(); ++offset) {
            int n = 0;
            for (const StepSpec &s : m_kind->steps)
                n += s.offset == offset && s.phase == phase ? 1 : 0;
            most = std::max(most, n);
        }
    }
    const int chip = fontMetrics().height() + 6;
    return most * chip + (most + 1) * ChipGap;
}

int StepDiagram::headerHeight() const
{
    return fontMetrics().height() + 8;
}

int StepDiagram::labelWidth() const
{
    int width = 0;
    for (Phase p : {Phase::Offline, Phase::Pre, Phase::Backfill, Phase::App, Phase::Post})
        width = std::max(width, fontMetrics().horizontalAdvance(phaseName(p)));
    return width + 2 * Margin;
}

QSize StepDiagram::sizeHint() const
{
    int height = headerHeight() + Margin;
    for (Phase p : phases())
        height += rowHeight(p);
    return {labelWidth() + columnCount() * fontMetrics().averageCharWidth() * 18, height};
}

QSize StepDiagram::minimumSizeHint() const
{
    return {labelWidth() + columnCount() * fontMetrics().averageCharWidth() * 10,
            sizeHint().height()};
}

void StepDiagram::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutChips();
}

void StepDiagram::layoutChips()
{
    m_chips.clear();
    if (!m_kind)
        return;
    const int columns = columnCount();
    const int left = labelWidth();
    const double columnWidth = double(width() - left - Margin) / columns;
    const int chipHeight = fontMetrics().height() + 6;
    int top = headerHeight();
    for (Phase phase : phases()) {
        for (int offset = 0; offset < columns; ++offset) {
            int y = top + ChipGap;
            for (const StepSpec &s : m_kind->steps) {
                if (s.offset != offset || s.phase != phase)
                    continue;
                const int x = left + int(offset * columnWidth) + ChipGap;
                m_chips.append({&s, QRect(x, y, int(columnWidth) - 2 * ChipGap, chipHeight)});
                y += chipHeight + ChipGap;
            }
        }
        top += rowHeight(phase);
    }
}

void StepDiagram::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    if (!m_kind)
        return;

    const int columns = columnCount();
    const int left = labelWidth();
    const double columnWidth = double(width() - left - Margin) / columns;
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(90);

    // Release columns N, N+1, … with light separators.
    painter.setPen(pal.color(QPalette::Text));
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    for (int offset = 0; offset < columns; ++offset) {
        const QRect header(left + int(offset * columnWidth), 0, int(columnWidth), headerHeight());
        const QString label = offset == 0 ? tr("N") : tr("N+%1").arg(offset);
        painter.drawText(header, Qt::AlignCenter, label);
    }
    painter.setFont(font());

    int top = headerHeight();
    for (Phase phase : phases()) {
        const int h = rowHeight(phase);
        painter.setPen(grid);
        painter.drawLine(left, top, width() - Margin, top);
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(QRect(Margin, top, left - Margin, h),
                         Qt::AlignVCenter | Qt::AlignLeft,
                         phaseName(phase));
        top += h;
    }
    painter.setPen(grid);
    painter.drawLine(left, top, width() - Margin, top);
    for (int offset = 0; offset <= columns; ++offset) {
        const int x = left + int(offset * columnWidth);
        painter.drawLine(x, headerHeight(), x, top);
    }

    for (const Chip &chip : m_chips) {
        const QColor fill = CategoryStyle::color(chip.step->category);
        QPainterPath path;
        path.addRoundedRect(QRectF(chip.rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
        const bool conditional = !chip.step->condition.isEmpty();
        QColor body = fill;
        if (conditional)
            body.setAlpha(150);
        painter.fillPath(path, body);
        QPen border(fill.darker(130));
        if (conditional)
            border.setStyle(Qt::DashLine);
        painter.setPen(border);
        painter.drawPath(path);
        painter.setPen(CategoryStyle::textColorOn(fill));
        const QString text = fontMetrics().elidedText(chip.step->name,
                                                      Qt::ElideRight,
                                                      chip.rect.width() - 8);
        painter.drawText(chip.rect, Qt::AlignCenter, text);
    }
}

bool StepDiagram::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        for (const Chip &chip : std::as_const(m_chips)) {
            if (!chip.rect.contains(help->pos()))
                continue;
            QString text = tr("<b>%1</b> (%2, %3)<br>%4")
                               .arg(chip.step->name.toHtmlEscaped(),
                                    chip.step->category.toHtmlEscaped(),
                                    phaseName(chip.step->phase),
                                    chip.step->description.toHtmlEscaped());
            if (!chip.step->condition.isEmpty())
                text += tr("<br><i>Only %1.</i>").arg(chip.step->condition.toHtmlEscaped());
            QToolTip::showText(help->globalPos(), text, this, chip.rect);
            return true;
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

} // namespace Tideline
