// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "identifiers.h"

#include <QCryptographicHash>

namespace Tideline::Identifiers {

namespace {

/** @p text cut to at most @p maxBytes UTF-8 bytes, never inside a character. */
QString cutTo(const QString &text, int maxBytes)
{
    QString cut = text;
    while (!cut.isEmpty() && cut.toUtf8().size() > maxBytes) {
        cut.chop(1);
        if (!cut.isEmpty() && cut.back().isHighSurrogate())
            cut.chop(1);
    }
    return cut;
}

QString hashOf(const QString &name)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
}

} // namespace

QString problem(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("a name cannot be empty");
    for (int i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
            return QStringLiteral("the name holds a control character (U+%1) at position %2; "
                                  "names may not hold line breaks, tabs or other control "
                                  "characters")
                .arg(int(c), 4, 16, QLatin1Char('0'))
                .arg(i + 1);
        }
    }
    return {};
}

QString fit(const QString &name, int maxBytes)
{
    if (name.toUtf8().size() <= maxBytes)
        return name;
    return cutTo(name, maxBytes - 9) + QLatin1Char('_') + hashOf(name);
}

QString derive(const QString &base, const QString &suffix, int maxBytes)
{
    const QString whole = base + suffix;
    if (whole.toUtf8().size() <= maxBytes)
        return whole;
    const int room = maxBytes - 9 - int(suffix.toUtf8().size());
    if (room <= 0)
        return fit(whole, maxBytes);
    return cutTo(base, room) + QLatin1Char('_') + hashOf(whole) + suffix;
}

} // namespace Tideline::Identifiers
