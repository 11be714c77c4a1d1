// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlhighlighter.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

QTextCharFormat charFormat(const QColor &colour, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(colour);
    if (bold)
        f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

enum BlockState { Normal = 0, InBlockComment = 1 };

} // namespace

SqlHighlighter::SqlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    // The words every dialect we generate uses; case-insensitive.
    static const QStringList keywords = {
        u"select"_s,       u"from"_s,       u"where"_s,      u"update"_s,      u"set"_s,
        u"insert"_s,       u"into"_s,       u"values"_s,     u"delete"_s,      u"create"_s,
        u"alter"_s,        u"drop"_s,       u"table"_s,      u"column"_s,      u"add"_s,
        u"index"_s,        u"unique"_s,     u"constraint"_s, u"primary"_s,     u"key"_s,
        u"foreign"_s,      u"references"_s, u"check"_s,      u"not"_s,         u"null"_s,
        u"default"_s,      u"if"_s,         u"exists"_s,     u"and"_s,         u"or"_s,
        u"is"_s,           u"in"_s,         u"as"_s,         u"on"_s,          u"begin"_s,
        u"end"_s,          u"commit"_s,     u"rollback"_s,   u"transaction"_s, u"do"_s,
        u"declare"_s,      u"loop"_s,       u"exit"_s,       u"when"_s,        u"then"_s,
        u"else"_s,         u"case"_s,       u"limit"_s,      u"returning"_s,   u"trigger"_s,
        u"function"_s,     u"procedure"_s,  u"returns"_s,    u"language"_s,    u"replace"_s,
        u"for"_s,          u"each"_s,       u"row"_s,        u"execute"_s,     u"before"_s,
        u"after"_s,        u"rename"_s,     u"to"_s,         u"type"_s,        u"using"_s,
        u"concurrently"_s, u"validate"_s,   u"perform"_s,    u"raise"_s,       u"notice"_s,
        u"exec"_s,         u"go"_s,         u"modify"_s,     u"change"_s,      u"with"_s,
        u"join"_s,         u"left"_s,       u"inner"_s,      u"order"_s,       u"by"_s,
        u"group"_s,        u"having"_s,     u"distinct"_s,   u"session"_s,     u"local"_s,
        u"true"_s,         u"false"_s,
    };
    const QString words = u"\\b(?:"_s + keywords.join(u'|') + u")\\b"_s;
    // Colours that read on the palette's base: dark ones on a light base, light ones on a dark.
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    const QColor keyword = dark ? QColor(0x7a, 0xa7, 0xff) : QColor(0x1f, 0x4e, 0xa8);
    const QColor number = dark ? QColor(0xe0, 0xa0, 0x60) : QColor(0x8a, 0x3f, 0x00);
    const QColor identifier = dark ? QColor(0xc7, 0x9b, 0xff) : QColor(0x6a, 0x2c, 0x91);
    const QColor string = dark ? QColor(0x8f, 0xd1, 0x8f) : QColor(0x1d, 0x7a, 0x32);
    const QColor comment = dark ? QColor(0x9a, 0xa0, 0xa6) : QColor(0x6a, 0x73, 0x7d);
    m_rules.append({QRegularExpression(words, QRegularExpression::CaseInsensitiveOption), charFormat(keyword, true)});
    m_rules.append({QRegularExpression(u"\\b\\d+(?:\\.\\d+)?\\b"_s), charFormat(number)});
    m_rules.append({QRegularExpression(u"\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\]"_s), charFormat(identifier)});
    m_rules.append({QRegularExpression(u"'(?:[^']|'')*'"_s), charFormat(string)});
    m_rules.append({QRegularExpression(u"--[^\n]*"_s), charFormat(comment, false, true)});
    m_commentFormat = charFormat(comment, false, true);
}

void SqlHighlighter::highlightBlock(const QString &text)
{
    // Later rules win: strings over keywords inside them, comments over everything.
    for (const Rule &rule : std::as_const(m_rules)) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), rule.format);
        }
    }
    // Block comments may span lines.
    setCurrentBlockState(Normal);
    int start = previousBlockState() == InBlockComment ? 0 : int(text.indexOf(u"/*"_s));
    while (start >= 0) {
        const int end = int(text.indexOf(u"*/"_s, start));
        int length;
        if (end < 0) {
            setCurrentBlockState(InBlockComment);
            length = int(text.size()) - start;
        } else {
            length = end - start + 2;
        }
        setFormat(start, length, m_commentFormat);
        start = int(text.indexOf(u"/*"_s, start + length));
    }
}

} // namespace Tideline
