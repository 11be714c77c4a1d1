// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "carry.h"

#include <domain/identifiers.h>

namespace Tideline::Carry {

namespace {

bool isWordStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isWordPart(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

/** The closing character of a quoted identifier opened by @p open, or a null QChar. */
QChar closingQuote(QChar open)
{
    if (open == QLatin1Char('"'))
        return QLatin1Char('"');
    if (open == QLatin1Char('`'))
        return QLatin1Char('`');
    if (open == QLatin1Char('['))
        return QLatin1Char(']');
    return {};
}

/**
 * Walks @p expression and calls @p onName(start, length, name, quote) for every identifier
 * (quote is the opening quote character, or a null QChar for a bare word). String literals
 * ('…' with '' inside, E'…' with backslashes) are skipped.
 */
template<typename OnName>
void scan(const QString &expression, OnName onName)
{
    const int n = expression.size();
    int i = 0;
    while (i < n) {
        const QChar c = expression.at(i);
        if (c == QLatin1Char('\'')) {
            const bool backslashes = i > 0 && (expression.at(i - 1) == QLatin1Char('E')
                                               || expression.at(i - 1) == QLatin1Char('e'));
            ++i;
            while (i < n) {
                if (backslashes && expression.at(i) == QLatin1Char('\\')) {
                    i += 2;
                    continue;
                }
                if (expression.at(i) == QLatin1Char('\'')) {
                    if (i + 1 < n && expression.at(i + 1) == QLatin1Char('\'')) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                ++i;
            }
            ++i;
            continue;
        }
        const QChar close = closingQuote(c);
        if (!close.isNull()) {
            const int start = i;
            QString name;
            ++i;
            while (i < n) {
                if (expression.at(i) == close) {
                    if (close != QLatin1Char(']') && i + 1 < n && expression.at(i + 1) == close) {
                        name += close;
                        i += 2;
                        continue;
                    }
                    break;
                }
                name += expression.at(i++);
            }
            ++i;
            onName(start, qMin(i, n) - start, name, c);
            continue;
        }
        if (isWordStart(c)) {
            const int start = i;
            while (i < n && isWordPart(expression.at(i)))
                ++i;
            // A word followed by '(' is a function, and one after '::' a type: neither is a column.
            int next = i;
            while (next < n && expression.at(next).isSpace())
                ++next;
            const bool call = next < n && expression.at(next) == QLatin1Char('(');
            const bool type = start >= 2 && expression.mid(start - 2, 2) == QLatin1String("::");
            if (!call && !type)
                onName(start, i - start, expression.mid(start, i - start), QChar());
            continue;
        }
        if (c.isDigit()) {
            while (i < n && (isWordPart(expression.at(i)) || expression.at(i) == QLatin1Char('.')))
                ++i;
            continue;
        }
        ++i;
    }
}

bool sameName(const QString &word, QChar quote, const QString &column)
{
    return quote.isNull() ? word.compare(column, Qt::CaseInsensitive) == 0 : word == column;
}

bool isPlainLowerWord(const QString &name)
{
    if (name.isEmpty() || !isWordStart(name.at(0)))
        return false;
    for (QChar c : name) {
        if (!(c == QLatin1Char('_') || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
              || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))))
            return false;
    }
    return true;
}

} // namespace

bool mentions(const QString &expression, const QString &column)
{
    bool found = false;
    scan(expression, [&](int, int, const QString &name, QChar quote) {
        found = found || sameName(name, quote, column);
    });
    return found;
}

QString renamed(const QString &expression, const QMap<QString, QString> &renames)
{
    QString out;
    int copied = 0;
    scan(expression, [&](int start, int length, const QString &name, QChar quote) {
        for (auto it = renames.cbegin(); it != renames.cend(); ++it) {
            if (!sameName(name, quote, it.key()))
                continue;
            out += expression.mid(copied, start - copied);
            const QString to = it.value();
            if (quote.isNull() && isPlainLowerWord(to)) {
                out += to;
            } else {
                const QChar open = quote.isNull() ? QLatin1Char('"') : quote;
                const QChar close = closingQuote(open);
                QString escaped = to;
                if (close != QLatin1Char(']'))
                    escaped.replace(close, QString(2, close));
                out += open + escaped + close;
            }
            copied = start + length;
            break;
        }
    });
    return out + expression.mid(copied);
}

bool covers(const Table &table, const Index &index, const QString &column)
{
    if (index.columns.contains(column) || index.include.contains(column))
        return true;
    for (const QString &entry : index.columns) {
        if (!table.column(entry) && mentions(entry, column))
            return true;
    }
    return !index.where.isEmpty() && mentions(index.where, column);
}

bool covers(const Constraint &constraint, const QString &column)
{
    return constraint.columns.contains(column)
           || (constraint.kind == Constraint::Kind::Check && mentions(constraint.expression, column));
}

Index renamedIndex(const Table &table, const Index &index, const QMap<QString, QString> &renames,
                   const QString &name)
{
    Index copy = index;
    copy.name = name;
    for (QString &entry : copy.columns) {
        if (renames.contains(entry))
            entry = renames.value(entry);
        else if (!table.column(entry))
            entry = renamed(entry, renames);
    }
    for (QString &column : copy.include)
        column = renames.value(column, column);
    if (!copy.where.isEmpty())
        copy.where = renamed(copy.where, renames);
    return copy;
}

Constraint renamedConstraint(const Constraint &constraint, const QMap<QString, QString> &renames,
                             const QString &name)
{
    Constraint copy = constraint;
    copy.name = name;
    for (QString &column : copy.columns)
        column = renames.value(column, column);
    if (!copy.expression.isEmpty())
        copy.expression = renamed(copy.expression, renames);
    return copy;
}

QString copyName(const QString &original, const QString &table, const QString &from, const QString &to,
                 const QString &suffix, const TakenNames &taken)
{
    QString base;
    if (original.isEmpty())
        base = table + QLatin1Char('_') + to + QLatin1Char('_') + suffix;
    else if (original.contains(from))
        base = QString(original).replace(from, to);
    else
        base = original + QLatin1Char('_') + to;
    QString name = Identifiers::fit(base);
    for (int n = 2; taken.contains(name); ++n)
        name = Identifiers::derive(base, QLatin1Char('_') + QString::number(n));
    return name;
}

QStringList takenNames(const Schema &schema)
{
    QStringList names;
    for (const Table &t : schema.tables) {
        names << t.name;
        for (const Index &i : t.indexes)
            names << i.name;
        for (const Constraint &c : t.constraints)
            names << c.name;
    }
    for (const Sequence &s : schema.sequences)
        names << s.name;
    names.removeAll(QString());
    return names;
}

bool TakenNames::contains(const QString &name, Qt::CaseSensitivity cs) const
{
    if (name.isEmpty())
        return false;
    if (m_added.contains(name, cs) || m_schema.tables.holdsName(name, cs))
        return true;
    const auto named = [&](const QString &other) { return other.compare(name, cs) == 0; };
    for (const Sequence &s : m_schema.sequences) {
        if (named(s.name))
            return true;
    }
    if (!m_relations)
        return false;
    if (m_schema.tables.contains(name) || m_schema.views.contains(name))
        return true;
    if (cs == Qt::CaseSensitive)
        return false;
    // Case-insensitively: a table's key is its name (found above) unless the two differ.
    for (auto it = m_schema.views.cbegin(); it != m_schema.views.cend(); ++it) {
        if (named(it.key()))
            return true;
    }
    return false;
}

} // namespace Tideline::Carry
