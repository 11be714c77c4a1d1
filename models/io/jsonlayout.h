// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace Tideline {

/**
 * Carries a change into a hand-written JSON text without rewriting the rest of it (issue 13,
 * item 9). QJsonDocument sorts keys and indents by four, so a file a team writes by hand and
 * reviews in pull requests would come back rewritten on its first save. Given the text as it
 * is on disk, the canonical object that text stood for (`was`) and the canonical object to
 * write (`now`), rewrite() keeps every part of the text whose canonical value did not change
 * byte for byte, keeps the order of the keys it has and the whitespace around them, drops what
 * `now` no longer has and adds what is new at the end of its object, indented like its
 * neighbours. Keys the text leaves out because their value is the default (present in `was`
 * and unchanged in `now`) stay left out; keys the canonical form does not know stay in.
 */
class JsonLayout
{
public:
    /** The text with `was` → `now` applied; an empty result when `original` is not one JSON
     *  object (the caller then writes the canonical form). */
    static QByteArray rewrite(const QByteArray &original, const QJsonObject &was,
                              const QJsonObject &now);
};

} // namespace Tideline
