// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <sqlhighlighter.h>

#include <QApplication>
#include <QColor>
#include <QPalette>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using Tideline::SqlHighlighter;

/** SQL colouring: keywords, strings, identifiers and comments get their own formats. */
class TestSqlHighlighter : public QObject
{
    Q_OBJECT

private slots:
    void formatsTokens_data();
    void formatsTokens();
    void blockCommentSpansLines();
    void readableOnLightAndDarkBase_data();
    void readableOnLightAndDarkBase();

private:
    // The format at @p position of @p block, as the highlighter set it.
    static QTextCharFormat formatAt(const QTextBlock &block, int position);
};

QTextCharFormat TestSqlHighlighter::formatAt(const QTextBlock &block, int position)
{
    const QList<QTextLayout::FormatRange> ranges = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : ranges) {
        if (position >= range.start && position < range.start + range.length)
            return range.format;
    }
    return {};
}

void TestSqlHighlighter::formatsTokens_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("bold");
    QTest::addColumn<bool>("italic");
    QTest::addColumn<bool>("coloured");

    QTest::newRow("keyword") << u"ALTER TABLE t"_s << u"TABLE"_s << true << false << true;
    QTest::newRow("lower-case keyword")
        << u"alter table t"_s << u"alter"_s << true << false << true;
    QTest::newRow("plain identifier")
        << u"ALTER TABLE customer"_s << u"customer"_s << false << false << false;
    QTest::newRow("keyword inside a string")
        << u"SELECT 'drop table'"_s << u"drop"_s << false << false << true;
    QTest::newRow("quoted identifier")
        << u"DROP COLUMN \"select\""_s << u"select"_s << false << false << true;
    QTest::newRow("line comment") << u"SELECT 1 -- drop it"_s << u"drop"_s << false << true << true;
}

void TestSqlHighlighter::formatsTokens()
{
    QFETCH(QString, sql);
    QFETCH(QString, token);
    QFETCH(bool, bold);
    QFETCH(bool, italic);
    QFETCH(bool, coloured);

    QTextDocument document(sql);
    SqlHighlighter highlighter(&document);
    highlighter.rehighlight();
    const QTextCharFormat format = formatAt(document.firstBlock(), int(sql.indexOf(token)));
    QCOMPARE(format.fontWeight() == QFont::Bold, bold);
    QCOMPARE(format.fontItalic(), italic);
    QCOMPARE(format.hasProperty(QTextFormat::ForegroundBrush), coloured);
}

void TestSqlHighlighter::blockCommentSpansLines()
{
    QTextDocument document(u"SELECT 1; /* first\nDROP TABLE t\n*/ SELECT 2"_s);
    SqlHighlighter highlighter(&document);
    highlighter.rehighlight();
    const QTextBlock second = document.firstBlock().next();
    QVERIFY(formatAt(second, 0).fontItalic()); // DROP inside the comment
    const QTextBlock third = second.next();
    QVERIFY(formatAt(third, 0).fontItalic());                    // the closing */
    QCOMPARE(formatAt(third, 3).fontWeight(), int(QFont::Bold)); // SELECT after it
}

namespace {

/** WCAG contrast ratio of two colours (1 to 21). */
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

void TestSqlHighlighter::readableOnLightAndDarkBase_data()
{
    QTest::addColumn<QColor>("base");
    QTest::newRow("light") << QColor(Qt::white);
    QTest::newRow("dark") << QColor(0x1e, 0x1e, 0x20);
}

void TestSqlHighlighter::readableOnLightAndDarkBase()
{
    // Every coloured token keeps the WCAG AA contrast (4.5) on the palette's base colour.
    QFETCH(QColor, base);
    const QPalette saved = QApplication::palette();
    QPalette palette = saved;
    palette.setColor(QPalette::Base, base);
    QApplication::setPalette(palette);
    const QString sql = u"UPDATE \"t\" SET n = 42, s = 'x' -- why"_s;
    QTextDocument document(sql);
    SqlHighlighter highlighter(&document);
    highlighter.rehighlight();
    QApplication::setPalette(saved);
    for (const QString &token : {u"UPDATE"_s, u"\"t\""_s, u"42"_s, u"'x'"_s, u"-- why"_s}) {
        const QColor colour = formatAt(document.firstBlock(), int(sql.indexOf(token))).foreground().color();
        QVERIFY2(contrast(colour, base) >= 4.5,
                 qPrintable(u"%1: %2 on %3 (%4)"_s.arg(token, colour.name(), base.name()).arg(contrast(colour, base))));
    }
}

QTEST_MAIN(TestSqlHighlighter)
#include "tst_sqlhighlighter.moc"
