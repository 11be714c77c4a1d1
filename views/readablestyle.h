// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProxyStyle>

namespace Tideline {

/**
 * The application's style over the platform's: in a dark palette, an unchecked check box (in a
 * form or a view) keeps an edge that reads against its background. Fusion draws that edge a
 * shade darker than the window, which on a dark base is no edge at all.
 */
class ReadableStyle final : public QProxyStyle
{
    Q_OBJECT

public:
    /** Over @p base (owned), or over the application's default style when null. */
    explicit ReadableStyle(QStyle *base = nullptr);

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
    /** Whether @p palette is a dark one (its base darker than its text). */
    static bool isDark(const QPalette &palette);
};

} // namespace Tideline
