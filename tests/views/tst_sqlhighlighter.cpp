// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <sqlhighlighter.h>

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

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

QTEST_MAIN(TestSqlHighlighter)
#include "tst_sqlhighlighter.moc"
