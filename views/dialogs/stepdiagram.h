// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/catalog.h>

#include <QColor>
#include <QList>
#include <QRect>
#include <QStringList>
#include <QWidget>

namespace Tideline {

/**
 * A small diagram of a catalog kind's steps: one column per release offset (N, N+1, …), one
 * row per phase, each step a chip coloured by its category. Conditional steps are dashed.
 */
class StepDiagram final : public QWidget
{
    Q_OBJECT

public:
    explicit StepDiagram(QWidget *parent = nullptr);

    void setKind(const KindSpec *kind); // Not owned; Catalog::kinds() outlives every widget.
    const KindSpec *kind() const { return m_kind; }

    /** Where the chip of step @p stepName is drawn; empty when it is not shown. */
    QRect chipRect(const QString &stepName) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Chip
    {
        const StepSpec *step = nullptr;
        QRect rect;
    };
    void layoutChips();
    QList<Phase> phases() const;
    int columnCount() const;
    int rowHeight(Phase phase) const;
    int headerHeight() const;
    int labelWidth() const;

    const KindSpec *m_kind = nullptr;
    QList<Chip> m_chips;
};

} // namespace Tideline
