// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace Tideline {

/**
 * Where each release and refactoring of a `.tideline.json` plan stands in its text: the line of
 * its "id", so that CI annotations point at it. A `.tideline` plan is a SQLite file and has no
 * lines (available() is false).
 */
class PlanLines
{
public:
    /** Reads @p planFile's text when it is a .tideline.json file; no lines for any other. */
    static PlanLines read(const QString &planFile);
    /**
     * Scans @p json for the "id" of each element of the top-level "releases" and "refactorings"
     * arrays (strings and nesting followed, so an "id" inside "params" or a string never counts).
     */
    static PlanLines fromText(const QByteArray &json);

    bool available() const { return m_available; }
    /** Why there are no lines: "no line: a .tideline plan is a SQLite file", or the file's error. */
    QString whyNoLines() const { return m_whyNot; }
    /** 1-based line of the release's or refactoring's "id"; 0 when unknown. */
    int release(const QString &id) const { return m_lines.value(QStringLiteral("releases/") + id); }
    int refactoring(const QString &id) const { return m_lines.value(QStringLiteral("refactorings/") + id); }

private:
    bool m_available = false;
    QString m_whyNot = QStringLiteral("no line: the plan's text was not read");
    QHash<QString, int> m_lines; // "releases/ID", "refactorings/ID"
};

} // namespace Tideline
