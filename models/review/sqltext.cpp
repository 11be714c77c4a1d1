// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqltext.h"

#include <QSet>

namespace Tideline::SqlText {

namespace {

/** Words outside string literals and quoted identifiers, lower-cased, with what follows them. */
struct Token
{
    QString word; // identifier or keyword; empty for punctuation
    QChar symbol; // punctuation when word is empty
    QString name; // a quoted identifier's name, as written ("x", `x`, [x]); its word is "id"
};

QList<Token> tokens(const QString &sql)
{
    QList<Token> list;
    int i = 0;
    const int n = sql.size();
    while (i < n) {
        const QChar c = sql.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')
                   || c == QLatin1Char('[')) {
            const QChar close = c == QLatin1Char('[') ? QLatin1Char(']') : c;
            QString text;
            int j = i + 1;
            while (j < n) {
                if (sql.at(j) == close) {
                    if (j + 1 < n && sql.at(j + 1) == close && close != QLatin1Char(']')) {
                        text += close;
                        j += 2;
                        continue;
                    }
                    break;
                }
                text += sql.at(j++);
            }
            // A quoted identifier is a name; a string literal is a value.
            if (c == QLatin1Char('\''))
                list.append({QString(), QLatin1Char('0'), QString()});
            else
                list.append({QStringLiteral("\"id\""), QChar(), text});
            i = j + 1;
        } else if (c == QLatin1Char('-') && i + 1 < n && sql.at(i + 1) == QLatin1Char('-')) {
            list.append({QString(), QLatin1Char('#')}); // a comment can hide anything
            const int end = sql.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? n : end + 1;
        } else if (c == QLatin1Char('/') && i + 1 < n && sql.at(i + 1) == QLatin1Char('*')) {
            list.append({QString(), QLatin1Char('#')});
            const int end = sql.indexOf(QStringLiteral("*/"), i + 2);
            i = end < 0 ? n : end + 2;
        } else if (c.isLetter() || c == QLatin1Char('_')) {
            int j = i;
            while (j < n && (sql.at(j).isLetterOrNumber() || sql.at(j) == QLatin1Char('_')
                             || sql.at(j) == QLatin1Char('.')))
                ++j;
            list.append({sql.mid(i, j - i).toLower(), QChar()});
            i = j;
        } else if (c.isDigit()) {
            while (i < n && (sql.at(i).isDigit() || sql.at(i) == QLatin1Char('.')))
                ++i;
            list.append({QString(), QLatin1Char('0')});
        } else {
            list.append({QString(), c});
            ++i;
        }
    }
    return list;
}

bool isCall(const QList<Token> &list, int i)
{
    return !list.at(i).word.isEmpty() && i + 1 < list.size() && list.at(i + 1).word.isEmpty()
           && list.at(i + 1).symbol == QLatin1Char('(');
}

const QSet<QString> &volatileFunctions()
{
    static const QSet<QString> set{
        QStringLiteral("random"),           QStringLiteral("clock_timestamp"),
        QStringLiteral("timeofday"),        QStringLiteral("gen_random_uuid"),
        QStringLiteral("uuid_generate_v1"), QStringLiteral("uuid_generate_v4"),
        QStringLiteral("nextval"),          QStringLiteral("setseed"),
        QStringLiteral("txid_current"),     QStringLiteral("newid"),
        QStringLiteral("newsequentialid"),  QStringLiteral("rand"),
        QStringLiteral("uuid"),             QStringLiteral("uuid_short"),
        QStringLiteral("sysdate"),          QStringLiteral("randomblob"),
        QStringLiteral("crypt_gen_random"), QStringLiteral("sleep"),
        QStringLiteral("pg_sleep"),
    };
    return set;
}

// Functions that only transform their arguments (same input, same output, no side effects).
const QSet<QString> &pureFunctions()
{
    static const QSet<QString> set{
        QStringLiteral("lower"),    QStringLiteral("upper"),     QStringLiteral("trim"),
        QStringLiteral("ltrim"),    QStringLiteral("rtrim"),     QStringLiteral("btrim"),
        QStringLiteral("substr"),   QStringLiteral("substring"), QStringLiteral("left"),
        QStringLiteral("right"),    QStringLiteral("length"),    QStringLiteral("char_length"),
        QStringLiteral("concat"),   QStringLiteral("concat_ws"), QStringLiteral("coalesce"),
        QStringLiteral("nullif"),   QStringLiteral("cast"),      QStringLiteral("convert"),
        QStringLiteral("replace"),  QStringLiteral("split_part"), QStringLiteral("abs"),
        QStringLiteral("round"),    QStringLiteral("floor"),     QStringLiteral("ceil"),
        QStringLiteral("ceiling"),  QStringLiteral("greatest"),  QStringLiteral("least"),
        QStringLiteral("ifnull"),   QStringLiteral("isnull"),    QStringLiteral("iif"),
        QStringLiteral("md5"),      QStringLiteral("initcap"),   QStringLiteral("lpad"),
        QStringLiteral("rpad"),     QStringLiteral("instr"),     QStringLiteral("position"),
        QStringLiteral("strpos"),   QStringLiteral("len"),       QStringLiteral("format"),
        QStringLiteral("to_char"),  QStringLiteral("mod"),       QStringLiteral("reverse"),
        // Type names with modifiers, as in CAST(x AS numeric(12,2)).
        QStringLiteral("numeric"),  QStringLiteral("decimal"),   QStringLiteral("varchar"),
        QStringLiteral("char"),     QStringLiteral("varying"),   QStringLiteral("nvarchar"),
        QStringLiteral("timestamp"), QStringLiteral("time"),     QStringLiteral("bit"),
    };
    return set;
}

// Words that turn an expression into a statement or a query of other rows.
const QSet<QString> &statementWords()
{
    static const QSet<QString> set{
        QStringLiteral("select"), QStringLiteral("insert"), QStringLiteral("update"),
        QStringLiteral("delete"), QStringLiteral("drop"),   QStringLiteral("alter"),
        QStringLiteral("create"), QStringLiteral("truncate"), QStringLiteral("grant"),
        QStringLiteral("exec"),   QStringLiteral("execute"), QStringLiteral("call"),
        QStringLiteral("from"),   QStringLiteral("into"),
    };
    return set;
}

} // namespace

QStringList functionCalls(const QString &sql)
{
    const QList<Token> list = tokens(sql);
    QStringList calls;
    for (int i = 0; i < list.size(); ++i) {
        if (isCall(list, i))
            calls << list.at(i).word;
    }
    return calls;
}

bool isVolatileFunction(const QString &name)
{
    return volatileFunctions().contains(name.toLower());
}

bool isProvablySafe(const QString &expression, QString *why)
{
    const QList<Token> list = tokens(expression);
    for (int i = 0; i < list.size(); ++i) {
        const Token &t = list.at(i);
        if (t.word.isEmpty()) {
            if (t.symbol == QLatin1Char(';')) {
                *why = QStringLiteral("it holds a statement separator (;)");
                return false;
            }
            if (t.symbol == QLatin1Char('#')) {
                *why = QStringLiteral("it holds a comment");
                return false;
            }
            continue;
        }
        if (statementWords().contains(t.word)) {
            *why = QStringLiteral("it holds '%1' (a statement or sub-query)").arg(t.word.toUpper());
            return false;
        }
        if (!isCall(list, i))
            continue;
        if (isVolatileFunction(t.word)) {
            *why = QStringLiteral("it calls %1(), whose value changes on every call").arg(t.word);
            return false;
        }
        if (!pureFunctions().contains(t.word)) {
            *why = QStringLiteral("it calls %1(), which the review does not know to be pure").arg(t.word);
            return false;
        }
    }
    return true;
}

QStringList namesIn(const QString &sql, const QStringList &candidates)
{
    QStringList found;
    const auto name = [&](const QString &word, Qt::CaseSensitivity cs) {
        for (const QString &candidate : candidates) {
            if (word.compare(candidate, cs) == 0 && !found.contains(candidate))
                found << candidate;
        }
    };
    for (const Token &t : tokens(sql)) {
        if (!t.name.isNull()) {
            name(t.name, Qt::CaseSensitive);
        } else if (!t.word.isEmpty()) {
            for (const QString &part : t.word.split(QLatin1Char('.'))) // schema.table
                name(part, Qt::CaseInsensitive);
        }
    }
    return found;
}

} // namespace Tideline::SqlText
