// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An oracle case file (tests/data/oracle/*.oracle): sections opened by a line `== <what> [args]`,
// each for every engine or only for those it names (sqlite, postgresql, mysql). Lines starting
// starting with `#` are comments, everywhere. See tests/data/oracle/README.md for the format.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Oracle {

struct Section
{
    QString what;       // plan, params, baseline, seed, app, expect, schema
    QStringList args;   // what follows, less the engine names
    QStringList engines; // empty: every engine
    QString body;
    int line = 0;        // where the section starts in the file

    bool isFor(const QString &engine) const { return engines.isEmpty() || engines.contains(engine); }
};

inline bool isEngineName(const QString &word)
{
    return word == "sqlite" || word == "postgresql" || word == "mysql";
}

/** The sections of the case file @p path, in file order; false with the reason. */
inline bool readCase(const QString &path, QList<Section> *sections, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = "cannot read " + path;
        return false;
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.startsWith("== ")) {
            Section s;
            s.line = i + 1;
            const QStringList words = line.mid(3).split(' ', Qt::SkipEmptyParts);
            s.what = words.value(0);
            for (int w = 1; w < words.size(); ++w)
                (isEngineName(words.at(w)) ? s.engines : s.args) << words.at(w);
            sections->append(s);
        } else if (sections->isEmpty()) {
            if (!line.trimmed().isEmpty() && !line.startsWith('#')) {
                *error = path + ':' + QString::number(i + 1) + ": text before the first section";
                return false;
            }
        } else if (!line.startsWith('#')) { // comments everywhere; no SQL line of ours starts so
            sections->last().body += line + '\n';
        }
    }
    return true;
}

} // namespace Oracle
