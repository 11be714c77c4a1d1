// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "planlines.h"

#include "planfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace Tideline {

PlanLines PlanLines::read(const QString &planFile)
{
    PlanLines none;
    if (PlanFile::formatOf(planFile) != PlanFile::Format::Json) {
        none.m_whyNot = QStringLiteral("no line: a .tideline plan is a SQLite file");
        return none;
    }
    QFile file(planFile);
    if (!file.open(QIODevice::ReadOnly)) {
        none.m_whyNot = QStringLiteral("no line: %1").arg(file.errorString());
        return none;
    }
    return fromText(file.readAll());
}

PlanLines PlanLines::fromText(const QByteArray &json)
{
    PlanLines result;
    result.m_available = true;
    int line = 1;
    int depth = 0;           // 1 inside the root object, 2 in its arrays, 3 in their elements
    bool afterColon = false; // the next string is a value, not a key
    QByteArray key, array;   // the last key read; the top-level array being scanned
    int keyLine = 0;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (c == '\n') {
            ++line;
        } else if (c == '"') {
            const qsizetype start = i;
            for (++i; i < json.size() && json.at(i) != '"'; ++i) {
                if (json.at(i) == '\\')
                    ++i;
            }
            const QByteArray raw = json.mid(start, i - start + 1);
            if (!afterColon) {
                key = raw;
                keyLine = line;
            } else if (depth == 3 && !array.isEmpty() && key == "\"id\"") {
                // The id as JSON decodes it, escapes and all.
                const QString id = QJsonDocument::fromJson('[' + raw + ']').array().at(0).toString();
                result.m_lines.insert(QString::fromLatin1(array) + QLatin1Char('/') + id, keyLine);
            }
            afterColon = false;
        } else if (c == ':') {
            afterColon = true;
        } else if (c == '{' || c == '[') {
            if (c == '[' && depth == 1 && afterColon && (key == "\"releases\"" || key == "\"refactorings\""))
                array = key.mid(1, key.size() - 2);
            ++depth;
            afterColon = false;
        } else if (c == '}' || c == ']') {
            if (--depth <= 1)
                array.clear();
            afterColon = false;
        } else if (c == ',') {
            afterColon = false;
        }
    }
    return result;
}

} // namespace Tideline
