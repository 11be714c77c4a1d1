// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ddlimporter.h"

#include <sql/mysqldialect.h>

#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <functional>

using namespace Qt::StringLiterals;

// MySQL and MariaDB DDL, as people write it and mysqldump writes it, parsed here: no parser
// library for MySQL's grammar exists on the machines we build on. The file is split into
// statements the way the mysql client splits it (MySqlDialect::splitStatements: DELIMITER,
// quotes, comments); each statement is tokenized with MySQL's quoting (`name`, 'string',
// "string", comments, and /*!NNNNN … */ version comments, whose contents are code); then the
// statements that shape a schema are parsed (CREATE TABLE, ALTER TABLE … ADD, CREATE INDEX,
// DROP TABLE, CREATE TRIGGER), the session and data statements of a dump are skipped (data with
// a note), and anything else is named in a note. The Schema comes out as LiveCatalog reads the
// same DDL back from the server (livecatalog_mysql.cpp); the tests compare the two.

namespace Tideline {

namespace {

struct Token
{
    enum Kind { Word, Quoted, String, Number, Symbol };
    Kind kind = Symbol;
    QString text; // identifiers and strings unquoted; words as written
    int begin = 0, end = 0;
    bool is(const char *word) const { return kind == Word && text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0; }
    bool symbol(QChar c) const { return kind == Symbol && text == c; }
};

/** The statement without comments, with the contents of version comments kept as code. */
QString uncomment(const QString &sql)
{
    QString out;
    const int n = int(sql.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
        if (c == u'\'' || c == u'"' || c == u'`') {
            const int j = MySqlDialect::closingQuote(sql, i);
            out += sql.mid(i, j - i + 1);
            i = j;
        } else if ((c == u'-' && next == u'-' && (i + 2 >= n || sql.at(i + 2).isSpace())) || c == u'#') {
            const int j = sql.indexOf(u'\n', i);
            i = j < 0 ? n : j;
            out += u' ';
        } else if (c == u'/' && next == u'*') {
            int j = i + 2;
            const bool code = j < n && sql.at(j) == u'!';
            const bool mariaDb = j + 1 < n && sql.at(j) == u'M' && sql.at(j + 1) == u'!';
            if (code || mariaDb) {
                // /*!NNNNN code */ and MariaDB's /*M!NNNNNN code */: the code runs.
                j += mariaDb ? 2 : 1;
                while (j < n && sql.at(j).isDigit())
                    ++j;
                const int close = sql.indexOf("*/"_L1, j);
                out += u' ' + uncomment(sql.mid(j, (close < 0 ? n : close) - j)) + u' ';
                i = close < 0 ? n : close + 1;
            } else {
                const int close = sql.indexOf("*/"_L1, j);
                i = close < 0 ? n : close + 1;
                out += u' ';
            }
        } else {
            out += c;
        }
    }
    return out;
}

/** Unquotes a MySQL string literal's body: doubled quotes and backslash escapes. */
QString unescape(const QString &body, QChar quote)
{
    QString out;
    for (int i = 0; i < body.size(); ++i) {
        const QChar c = body.at(i);
        if (c == quote && i + 1 < body.size() && body.at(i + 1) == quote) {
            out += quote;
            ++i;
        } else if (c == u'\\' && quote != u'`' && i + 1 < body.size()) {
            const QChar e = body.at(++i);
            static const QMap<QChar, QChar> escapes{{u'n', u'\n'}, {u't', u'\t'}, {u'r', u'\r'}, {u'0', QChar(0)},
                                                    {u'b', u'\b'}, {u'Z', QChar(26)}};
            out += escapes.value(e, e);
        } else {
            out += c;
        }
    }
    return out;
}

QList<Token> tokenize(const QString &sql)
{
    QList<Token> tokens;
    const int n = int(sql.size());
    for (int i = 0; i < n;) {
        const QChar c = sql.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.begin = i;
        if (c == u'\'' || c == u'"' || c == u'`') {
            const int j = MySqlDialect::closingQuote(sql, i);
            t.kind = c == u'`' ? Token::Quoted : Token::String;
            t.text = unescape(sql.mid(i + 1, j - i - 1), c);
            i = qMin(j + 1, n);
        } else if (c.isDigit() || (c == u'.' && i + 1 < n && sql.at(i + 1).isDigit())) {
            int j = i;
            while (j < n && (sql.at(j).isLetterOrNumber() || sql.at(j) == u'.'))
                ++j;
            t.kind = Token::Number;
            t.text = sql.mid(i, j - i);
            i = j;
        } else if (c.isLetter() || c == u'_' || c == u'$' || c.unicode() >= 0x80) {
            int j = i;
            while (j < n && (sql.at(j).isLetterOrNumber() || sql.at(j) == u'_' || sql.at(j) == u'$'
                             || sql.at(j).unicode() >= 0x80))
                ++j;
            t.kind = Token::Word;
            t.text = sql.mid(i, j - i);
            i = j;
        } else {
            t.kind = Token::Symbol;
            t.text = c;
            ++i;
        }
        t.end = i;
        tokens << t;
    }
    return tokens;
}

/** A MySQL collation's character set: the part before the first underscore. */
QString charsetOfCollation(const QString &collation)
{
    return collation.section(u'_', 0, 0);
}

/** The default collation of a character set (MariaDB 10.11; MySQL 8 uses utf8mb4_0900_ai_ci). */
QString defaultCollation(const QString &charset)
{
    static const QMap<QString, QString> special{{u"latin1"_s, u"latin1_swedish_ci"_s}, {u"binary"_s, u"binary"_s}};
    return special.value(charset, charset + u"_general_ci"_s);
}

/** Character set names as the server reports them (utf8 is utf8mb3 on MariaDB 10.6+). */
QString charsetName(const QString &name)
{
    const QString n = name.toLower();
    return n == u"utf8" ? u"utf8mb3"_s : n;
}

QString collationName(const QString &name)
{
    QString n = name.toLower();
    if (n.startsWith(u"utf8_"))
        n = u"utf8mb3_"_s + n.mid(5);
    return n;
}

/** A string as MariaDB writes a default literal in information_schema: '' for a quote and
 *  backslash escapes for backslash and control characters (SQL text that gives @p value back). */
QString literal(const QString &value)
{
    QString out;
    for (const QChar c : value) {
        switch (c.unicode()) {
        case '\\': out += u"\\\\"_s; break;
        case '\'': out += u"''"_s; break;
        case '\n': out += u"\\n"_s; break;
        case '\r': out += u"\\r"_s; break;
        case '\t': out += u"\\t"_s; break;
        case 0: out += u"\\0"_s; break;
        default: out += c;
        }
    }
    return u'\'' + out + u'\'';
}

bool isNumericType(const QString &type)
{
    static const QRegularExpression numeric(
        uR"(^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bit|boolean)\b)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return numeric.match(type).hasMatch();
}

/** The parser of one statement's tokens. */
class Parser
{
public:
    Parser(const QString &text, const QList<Token> &tokens, Schema *schema, QStringList *notes)
        : m_text(text)
        , m_t(tokens)
        , m_schema(schema)
        , m_notes(notes)
    {
    }

    /** False with *error for a statement that cannot be read. */
    bool statement(QString *error);

private:
    const Token &peek(int ahead = 0) const
    {
        static const Token end;
        return m_i + ahead < m_t.size() ? m_t.at(m_i + ahead) : end;
    }
    bool atEnd() const { return m_i >= m_t.size(); }
    bool accept(const char *word)
    {
        if (peek().is(word)) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool acceptSymbol(QChar c)
    {
        if (peek().symbol(c)) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool fail(const QString &what)
    {
        if (m_error.isEmpty())
            m_error = u"%1 near \"%2\""_s.arg(what, atEnd() ? u"end of statement"_s : m_text.mid(peek().begin, 40).simplified());
        return false;
    }
    bool expectSymbol(QChar c)
    {
        return acceptSymbol(c) || fail(u"expected \"%1\""_s.arg(c));
    }
    /** An identifier: `quoted`, a bare word, or (table options) a string. */
    bool name(QString *out)
    {
        const Token &t = peek();
        if (t.kind == Token::Quoted || t.kind == Token::Word || t.kind == Token::String) {
            *out = t.text;
            ++m_i;
            // db.table: the schema part is dropped (the import is one database)
            if (peek().symbol(u'.') && (peek(1).kind == Token::Quoted || peek(1).kind == Token::Word)) {
                m_i += 1;
                *out = peek().text;
                ++m_i;
            }
            return true;
        }
        return fail(u"expected a name"_s);
    }
    /** The source text from token @p from to the current token, as written. */
    QString textFrom(int from) const
    {
        if (from >= m_t.size() || from >= m_i)
            return {};
        return m_text.mid(m_t.at(from).begin, m_t.at(m_i - 1).end - m_t.at(from).begin).trimmed();
    }
    /** Skips a parenthesised group (the current token is its opening parenthesis). */
    bool skipGroup()
    {
        int depth = 0;
        do {
            if (atEnd())
                return fail(u"unbalanced parentheses"_s);
            if (peek().symbol(u'('))
                ++depth;
            else if (peek().symbol(u')'))
                --depth;
            ++m_i;
        } while (depth > 0);
        return true;
    }
    /** ( expression ): its text without the outer parentheses. */
    bool group(QString *text)
    {
        if (!peek().symbol(u'('))
            return fail(u"expected \"(\""_s);
        const int from = m_i + 1;
        if (!skipGroup())
            return false;
        *text = m_text.mid(m_t.at(from - 1).end, m_t.at(m_i - 1).begin - m_t.at(from - 1).end).trimmed();
        return true;
    }

    bool createTable();
    bool tableElement(Table *table, int *unnamedForeignKeys);
    bool columnDefinition(Table *table);
    bool dataType(Column *column, bool *binary);
    bool keyParts(Index *index);
    bool foreignKey(Table *table, const QString &name, int *unnamedForeignKeys);
    bool tableOptions(Table *table);
    bool alterTable();
    bool createIndex();
    bool createTrigger(int definitionStart);
    void addIndex(Table *table, Index index, const QString &comment, bool uniqueKey);
    void finishTable(Table *table);

    const QString &m_text;
    QList<Token> m_t;
    Schema *m_schema;
    QStringList *m_notes;
    int m_i = 0;
    QString m_error;
    QString m_tableCollation; // of the table being read
};

bool Parser::statement(QString *error)
{
    const auto done = [&](bool ok) {
        if (!ok)
            *error = m_error;
        return ok;
    };
    if (peek().is("CREATE")) {
        int j = 1;
        if (peek(j).is("OR") && peek(j + 1).is("REPLACE"))
            j += 2;
        if (peek(j).is("TEMPORARY")) {
            *m_notes << u"a TEMPORARY table is not part of the schema; skipped: %1"_s.arg(m_text.left(60).simplified());
            return true;
        }
        if (peek(j).is("TABLE")) {
            m_i = j + 1;
            return done(createTable());
        }
        int k = j;
        while (peek(k).is("UNIQUE") || peek(k).is("FULLTEXT") || peek(k).is("SPATIAL") || peek(k).is("ONLINE")
               || peek(k).is("OFFLINE"))
            ++k;
        if (peek(k).is("INDEX"))
            return done(createIndex());
        // CREATE [DEFINER = …] TRIGGER
        if (peek(k).is("DEFINER")) {
            k += 1;
            while (k < m_t.size() && !peek(k).is("TRIGGER") && !peek(k).is("PROCEDURE") && !peek(k).is("FUNCTION")
                   && !peek(k).is("VIEW") && !peek(k).is("EVENT"))
                ++k;
        }
        if (peek(k).is("TRIGGER")) {
            m_i = k + 1;
            return done(createTrigger(k));
        }
        if (peek(j).is("DATABASE") || peek(j).is("SCHEMA"))
            return true;
    }
    if (peek().is("ALTER") && peek(1).is("TABLE")) {
        m_i = 2;
        return done(alterTable());
    }
    if (peek().is("DROP") && (peek(1).is("TABLE") || (peek(1).is("TEMPORARY") && peek(2).is("TABLE")))) {
        m_i = peek(1).is("TABLE") ? 2 : 3;
        accept("IF") && accept("EXISTS");
        do {
            QString table;
            if (!name(&table))
                return done(false);
            m_schema->tables.remove(table);
        } while (acceptSymbol(u','));
        return true;
    }
    // A dump's session settings and locks shape nothing.
    for (const char *skip : {"SET", "LOCK", "UNLOCK", "USE", "START", "BEGIN", "COMMIT", "ROLLBACK", "DELIMITER"}) {
        if (peek().is(skip))
            return true;
    }
    if (peek().is("INSERT") || peek().is("REPLACE")) {
        int k = 1;
        while (peek(k).is("IGNORE") || peek(k).is("INTO") || peek(k).is("LOW_PRIORITY") || peek(k).is("DELAYED")
               || peek(k).is("HIGH_PRIORITY"))
            ++k;
        *m_notes << u"data for %1 is not imported (a schema holds no rows): %2 skipped"_s.arg(peek(k).text, peek().text.toUpper());
        return true;
    }
    *m_notes << u"not imported (a schema cannot hold it): %1"_s.arg(m_text.simplified().left(80));
    return true;
}

bool Parser::createTable()
{
    accept("IF") && accept("NOT") && accept("EXISTS");
    Table table;
    if (!name(&table.name))
        return false;
    if (accept("LIKE") || peek().is("AS") || peek().is("SELECT")) {
        *m_notes << u"%1: CREATE TABLE … LIKE/AS SELECT is not imported"_s.arg(table.name);
        return true;
    }
    if (!expectSymbol(u'('))
        return false;
    int unnamedForeignKeys = 0;
    do {
        if (!tableElement(&table, &unnamedForeignKeys))
            return false;
    } while (acceptSymbol(u','));
    if (!expectSymbol(u')') || !tableOptions(&table))
        return false;
    finishTable(&table);
    m_schema->tables.insert(table.name, table);
    return true;
}

bool Parser::tableElement(Table *table, int *unnamedForeignKeys)
{
    QString constraintName;
    const bool constraint = accept("CONSTRAINT");
    if (constraint && !peek().is("PRIMARY") && !peek().is("UNIQUE") && !peek().is("FOREIGN") && !peek().is("CHECK")
        && !name(&constraintName))
        return false;
    if (accept("PRIMARY")) {
        accept("KEY");
        Index key;
        if (!keyParts(&key))
            return false;
        table->primaryKey = key.columns;
        return true;
    }
    if (peek().is("UNIQUE") || peek().is("KEY") || peek().is("INDEX") || peek().is("FULLTEXT") || peek().is("SPATIAL")) {
        Index index;
        bool unique = false;
        if (accept("UNIQUE"))
            unique = true;
        else if (accept("FULLTEXT"))
            index.method = u"fulltext"_s;
        else if (accept("SPATIAL"))
            index.method = u"spatial"_s;
        accept("KEY") || accept("INDEX");
        index.unique = unique;
        if (!peek().symbol(u'(') && !peek().is("USING") && !name(&index.name))
            return false;
        if (index.name.isEmpty())
            index.name = constraintName;
        if (!keyParts(&index))
            return false;
        QString comment;
        while (!atEnd() && !peek().symbol(u',') && !peek().symbol(u')')) {
            if (accept("COMMENT")) {
                comment = peek().text;
                ++m_i;
            } else {
                ++m_i; // USING BTREE, KEY_BLOCK_SIZE, VISIBLE …: how, not what
            }
        }
        addIndex(table, index, comment, unique);
        return true;
    }
    if (accept("FOREIGN")) {
        accept("KEY");
        return foreignKey(table, constraintName, unnamedForeignKeys);
    }
    if (accept("CHECK")) {
        Constraint check;
        check.kind = Constraint::Kind::Check;
        check.name = constraintName;
        if (!group(&check.expression))
            return false;
        while (accept("NOT") || accept("ENFORCED")) {
        }
        if (check.name.isEmpty()) // MariaDB names it CONSTRAINT_1, …
            check.name = u"CONSTRAINT_%1"_s.arg(std::count_if(table->constraints.begin(), table->constraints.end(),
                                                              [](const Constraint &c) { return c.kind == Constraint::Kind::Check; })
                                                + 1);
        table->constraints << check;
        return true;
    }
    if (constraint)
        return fail(u"expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK"_s);
    return columnDefinition(table);
}

bool Parser::keyParts(Index *index)
{
    if (accept("USING"))
        ++m_i;
    if (!expectSymbol(u'('))
        return false;
    do {
        if (peek().symbol(u'(')) { // an expression (MySQL 8.0.13+)
            QString expression;
            if (!group(&expression))
                return false;
            index->columns << expression;
            index->lengths << 0;
        } else {
            QString column;
            if (!name(&column))
                return false;
            int length = 0;
            if (acceptSymbol(u'(')) {
                length = peek().text.toInt();
                ++m_i;
                if (!expectSymbol(u')'))
                    return false;
            }
            index->columns << column;
            index->lengths << length;
        }
        bool descending = false;
        if (accept("DESC"))
            descending = true;
        else
            accept("ASC");
        index->descending << descending;
    } while (acceptSymbol(u','));
    if (!expectSymbol(u')'))
        return false;
    if (accept("USING"))
        ++m_i;
    return true;
}

void Parser::addIndex(Table *table, Index index, const QString &comment, bool uniqueKey)
{
    // As the server names an unnamed key: after its first column, _2, _3 … when taken.
    if (index.name.isEmpty()) {
        const QString base = index.columns.value(0);
        index.name = base;
        for (int n = 2; table->index(index.name) || table->constraint(index.name); ++n)
            index.name = u"%1_%2"_s.arg(base).arg(n);
    }
    const bool prefixOrDesc = std::any_of(index.lengths.begin(), index.lengths.end(), [](int l) { return l > 0; })
                              || std::any_of(index.descending.begin(), index.descending.end(), [](bool d) { return d; });
    if (std::all_of(index.lengths.begin(), index.lengths.end(), [](int l) { return l == 0; }))
        index.lengths.clear();
    if (std::none_of(index.descending.begin(), index.descending.end(), [](bool d) { return d; }))
        index.descending.clear();
    if (uniqueKey && comment != MySqlDialect::uniqueIndexMarker() && !prefixOrDesc
        && std::all_of(index.columns.begin(), index.columns.end(), [&](const QString &c) { return table->column(c); })) {
        Constraint unique;
        unique.kind = Constraint::Kind::Unique;
        unique.name = index.name;
        unique.columns = index.columns;
        table->constraints << unique;
        return;
    }
    table->indexes << index;
}

bool Parser::foreignKey(Table *table, const QString &constraintName, int *unnamedForeignKeys)
{
    Constraint fk;
    fk.kind = Constraint::Kind::ForeignKey;
    QString indexName;
    if (!peek().symbol(u'(') && !name(&indexName))
        return false;
    fk.name = constraintName.isEmpty() ? indexName : constraintName;
    if (fk.name.isEmpty()) // InnoDB's name for an unnamed key
        fk.name = u"%1_ibfk_%2"_s.arg(table->name).arg(++*unnamedForeignKeys);
    Index columns;
    if (!keyParts(&columns) || !(accept("REFERENCES") || fail(u"expected REFERENCES"_s)) || !name(&fk.refTable))
        return false;
    fk.columns = columns.columns;
    Index refs;
    if (!keyParts(&refs))
        return false;
    fk.refColumns = refs.columns;
    while (accept("MATCH"))
        ++m_i;
    while (accept("ON")) {
        const bool onDelete = accept("DELETE");
        if (!onDelete && !accept("UPDATE"))
            return fail(u"expected DELETE or UPDATE"_s);
        QString action;
        if (accept("CASCADE"))
            action = u"CASCADE"_s;
        else if (accept("RESTRICT"))
            action.clear(); // InnoDB checks RESTRICT as NO ACTION (as LiveCatalog reads it)
        else if (accept("SET"))
            action = accept("NULL") ? u"SET NULL"_s : (accept("DEFAULT"), u"SET DEFAULT"_s);
        else if (accept("NO") && accept("ACTION"))
            action.clear();
        else
            return fail(u"expected a foreign-key action"_s);
        (onDelete ? fk.onDelete : fk.onUpdate) = action;
    }
    table->constraints << fk;
    return true;
}

bool Parser::dataType(Column *column, bool *binary)
{
    if (peek().kind != Token::Word)
        return fail(u"expected a type"_s);
    QString base = peek().text.toLower();
    ++m_i;
    // Two-word types.
    if ((base == u"double" && accept("PRECISION")) || (base == u"character" && accept("VARYING"))
        || (base == u"national" && (accept("CHAR") || accept("VARCHAR"))))
        base = base == u"character" ? u"varchar"_s : base == u"national" ? u"varchar"_s : base;
    static const QMap<QString, QString> aliases{{u"integer"_s, u"int"_s},   {u"bool"_s, u"tinyint"_s},
                                                {u"boolean"_s, u"tinyint"_s}, {u"dec"_s, u"decimal"_s},
                                                {u"numeric"_s, u"decimal"_s}, {u"fixed"_s, u"decimal"_s},
                                                {u"character"_s, u"char"_s},  {u"real"_s, u"double"_s},
                                                {u"int4"_s, u"int"_s},        {u"int8"_s, u"bigint"_s},
                                                {u"middleint"_s, u"mediumint"_s}};
    const bool boolean = base == u"bool" || base == u"boolean";
    base = aliases.value(base, base);
    QString args;
    if (base == u"enum" || base == u"set") {
        if (!expectSymbol(u'('))
            return false;
        QStringList values;
        do {
            QString v = peek().text;
            ++m_i;
            values << u'\'' + v.replace(u'\'', u"''"_s) + u'\'';
        } while (acceptSymbol(u','));
        if (!expectSymbol(u')'))
            return false;
        args = u'(' + values.join(u',') + u')';
    } else if (peek().symbol(u'(')) {
        QString inside;
        if (!group(&inside))
            return false;
        args = u'(' + inside.remove(u' ') + u')';
    }
    // What the server's column_type says for the types people write without arguments.
    static const QMap<QString, QString> widths{{u"tinyint"_s, u"(4)"_s}, {u"smallint"_s, u"(6)"_s},
                                               {u"mediumint"_s, u"(9)"_s}, {u"int"_s, u"(11)"_s},
                                               {u"bigint"_s, u"(20)"_s},   {u"char"_s, u"(1)"_s},
                                               {u"binary"_s, u"(1)"_s},    {u"decimal"_s, u"(10,0)"_s},
                                               {u"bit"_s, u"(1)"_s},       {u"year"_s, u"(4)"_s}};
    if (boolean)
        args = u"(1)"_s;
    QString suffix;
    while (true) {
        if (accept("UNSIGNED"))
            suffix += u" unsigned"_s;
        else if (accept("ZEROFILL"))
            suffix += u" zerofill"_s;
        else if (accept("SIGNED")) {
        } else
            break;
    }
    if (args.isEmpty())
        args = widths.value(base);
    if (suffix.contains(u"unsigned"_s) && args == widths.value(base) && !boolean) {
        // unsigned integers are one digit narrower in column_type: int(10) unsigned
        static const QMap<QString, QString> unsignedWidths{{u"tinyint"_s, u"(3)"_s}, {u"smallint"_s, u"(5)"_s},
                                                           {u"mediumint"_s, u"(8)"_s}, {u"int"_s, u"(10)"_s},
                                                           {u"bigint"_s, u"(20)"_s}};
        args = unsignedWidths.value(base, args);
    }
    if (suffix.contains(u"zerofill"_s) && !suffix.contains(u"unsigned"_s))
        suffix = u" unsigned zerofill"_s;
    *binary = accept("BINARY"); // varchar(n) BINARY: the character set's _bin collation
    column->type = MySqlDialect::planType(base + args + suffix);
    return true;
}

bool Parser::columnDefinition(Table *table)
{
    Column column;
    if (!name(&column.name))
        return false;
    bool binary = false;
    if (!dataType(&column, &binary))
        return false;
    bool primary = false, unique = false;
    QString charset, collation;
    while (!atEnd() && !peek().symbol(u',') && !peek().symbol(u')')) {
        if (accept("NOT")) {
            if (!accept("NULL"))
                return fail(u"expected NULL"_s);
            column.nullable = false;
        } else if (accept("NULL")) {
            column.nullable = true;
        } else if (accept("DEFAULT")) {
            if (peek().symbol(u'(')) {
                QString expression;
                if (!group(&expression))
                    return false;
                column.defaultValue = expression;
            } else if (accept("NULL")) {
                column.defaultValue.clear();
            } else {
                const int from = m_i;
                if (peek().symbol(u'-') || peek().symbol(u'+'))
                    ++m_i;
                const Token value = peek();
                ++m_i;
                if (value.kind == Token::Word && peek().symbol(u'('))
                    skipGroup(); // CURRENT_TIMESTAMP(6), NOW()
                if (value.kind == Token::String && !isNumericType(column.type)) {
                    column.defaultValue = literal(value.text);
                } else if (value.kind == Token::String) {
                    column.defaultValue = value.text; // '0' on a number column is 0
                } else if (value.is("CURRENT_TIMESTAMP") || value.is("NOW") || value.is("LOCALTIMESTAMP")) {
                    column.defaultValue = u"current_timestamp()"_s;
                } else {
                    column.defaultValue = textFrom(from);
                }
            }
        } else if (accept("AUTO_INCREMENT")) {
            column.identity = true;
            column.identityKind = Column::Identity::ByDefault;
        } else if (accept("COMMENT")) {
            column.comment = peek().text;
            ++m_i;
        } else if (accept("ON")) {
            const int from = m_i - 1;
            accept("UPDATE");
            ++m_i;
            if (peek().symbol(u'('))
                skipGroup();
            *m_notes << u"%1.%2: %3 is not kept; the baseline leaves the column as written"_s.arg(table->name, column.name, textFrom(from));
        } else if (accept("PRIMARY")) {
            accept("KEY");
            primary = true;
        } else if (accept("KEY")) {
            primary = true; // a column's KEY is its primary key
        } else if (accept("UNIQUE")) {
            accept("KEY");
            unique = true;
        } else if (accept("CHARACTER") || accept("CHARSET")) {
            accept("SET");
            charset = charsetName(peek().text);
            ++m_i;
        } else if (accept("COLLATE")) {
            collation = collationName(peek().text);
            ++m_i;
        } else if (accept("GENERATED")) {
            accept("ALWAYS");
        } else if (accept("AS")) {
            column.generated = true;
            if (!group(&column.generatedExpression))
                return false;
            column.generatedStored = false;
        } else if (accept("VIRTUAL")) {
            column.generatedStored = false;
        } else if (accept("STORED") || accept("PERSISTENT")) {
            column.generatedStored = true;
        } else if (accept("CHECK")) {
            Constraint check;
            check.kind = Constraint::Kind::Check;
            check.name = column.name; // MariaDB names a column's CHECK after the column
            if (!group(&check.expression))
                return false;
            check.columns = {column.name};
            table->constraints << check;
        } else if (accept("REFERENCES")) {
            // MySQL parses a column's REFERENCES and ignores it; so does this import.
            QString ignored;
            name(&ignored);
            if (peek().symbol(u'('))
                skipGroup();
            while (accept("ON")) {
                m_i += 1;
                if (accept("SET") || accept("NO"))
                    ++m_i;
                else
                    ++m_i;
            }
            *m_notes << u"%1.%2: a column's REFERENCES clause is ignored by MySQL, and here"_s.arg(table->name, column.name);
        } else if (accept("INVISIBLE") || accept("VISIBLE") || accept("SERIAL")) {
        } else if (accept("COLUMN_FORMAT") || accept("STORAGE") || accept("SRID")) {
            ++m_i;
        } else {
            return fail(u"unknown column attribute"_s);
        }
    }
    if (column.generated)
        column.nullable = true; // as LiveCatalog reads it: MariaDB cannot declare it either way
    if (binary && collation.isEmpty())
        collation = u"%1_bin"_s.arg(charset.isEmpty() ? u"{table}"_s : charset);
    column.charset = charset;
    column.collation = collation;
    table->columns << column;
    if (primary)
        table->primaryKey = {column.name};
    if (unique) {
        Index key;
        key.columns = {column.name};
        addIndex(table, key, {}, true);
    }
    return true;
}

bool Parser::tableOptions(Table *table)
{
    QString charset, collation;
    while (!atEnd()) {
        if (acceptSymbol(u',') || acceptSymbol(u'='))
            continue;
        if (accept("ENGINE") || accept("TYPE")) {
            acceptSymbol(u'=');
            table->engine = peek().text;
            ++m_i;
        } else if (accept("DEFAULT")) {
        } else if (accept("CHARACTER") || accept("CHARSET")) {
            accept("SET");
            acceptSymbol(u'=');
            charset = charsetName(peek().text);
            ++m_i;
        } else if (accept("COLLATE")) {
            acceptSymbol(u'=');
            collation = collationName(peek().text);
            ++m_i;
        } else if (accept("COMMENT")) {
            acceptSymbol(u'=');
            table->comment = peek().text;
            ++m_i;
        } else if (accept("PARTITION")) {
            *m_notes << u"%1: partitioning is not imported"_s.arg(table->name);
            m_i = int(m_t.size());
        } else {
            ++m_i; // AUTO_INCREMENT=n, ROW_FORMAT, STATS_…: how it is stored
            if (acceptSymbol(u'='))
                ++m_i;
        }
    }
    if (collation.isEmpty() && !charset.isEmpty())
        collation = defaultCollation(charset);
    if (charset.isEmpty() && !collation.isEmpty())
        charset = charsetOfCollation(collation);
    m_tableCollation = collation;
    // As LiveCatalog reads it back: only what differs from what MySqlDialect creates.
    if (table->engine.compare(u"InnoDB"_s, Qt::CaseInsensitive) == 0)
        table->engine.clear();
    table->charset = charset == u"utf8mb4" ? QString() : charset;
    table->collation = collation == defaultCollation(charset) ? QString() : collation;
    const QString tableCharset = charset;
    for (Column &c : table->columns) {
        c.collation.replace(u"{table}"_s, tableCharset.isEmpty() ? u"utf8mb4"_s : tableCharset);
        if (!c.collation.isEmpty() && c.charset.isEmpty())
            c.charset = charsetOfCollation(c.collation);
        const bool text = !c.charset.isEmpty() || !c.collation.isEmpty();
        if (!text)
            continue;
        const QString columnCharset = c.charset;
        if (c.charset == tableCharset || (tableCharset.isEmpty() && c.charset == u"utf8mb4"))
            c.charset.clear();
        if (!c.collation.isEmpty()
            && (c.collation == collation || c.collation == defaultCollation(columnCharset)))
            c.collation.clear();
    }
    return true;
}

void Parser::finishTable(Table *table)
{
    // Primary-key columns are NOT NULL, whatever the column said.
    for (const QString &c : table->primaryKey) {
        if (Column *column = table->column(c))
            column->nullable = false;
    }
    if (!table->primaryKey.isEmpty()) {
        Constraint pk;
        pk.kind = Constraint::Kind::PrimaryKey;
        pk.name = u"PRIMARY"_s;
        pk.columns = table->primaryKey;
        table->constraints.prepend(pk);
    }
    // A CHECK's columns are the ones its clause names; the index InnoDB makes for a foreign
    // key (it carries the key's name) belongs to the key.
    for (Constraint &c : table->constraints) {
        if (c.kind == Constraint::Kind::Check && c.columns.isEmpty()) {
            for (const Column &column : table->columns) {
                static const QString boundary = u"(^|[^A-Za-z0-9_$])`?%1`?($|[^A-Za-z0-9_$])"_s;
                if (QRegularExpression(boundary.arg(QRegularExpression::escape(column.name))).match(c.expression).hasMatch())
                    c.columns << column.name;
            }
        }
        if (c.kind == Constraint::Kind::ForeignKey)
            table->indexes.removeIf([&](const Index &i) { return i.name == c.name; });
    }
}

bool Parser::alterTable()
{
    accept("IGNORE");
    QString name;
    if (!this->name(&name))
        return false;
    Table *table = m_schema->table(name);
    if (!table)
        return fail(u"table %1 is not created before it is altered"_s.arg(name));
    int unnamed = int(std::count_if(table->constraints.begin(), table->constraints.end(), [&](const Constraint &c) {
        return c.name.startsWith(table->name + u"_ibfk_"_s);
    }));
    do {
        if (accept("DISABLE") || accept("ENABLE")) { // … KEYS, in dumps
            accept("KEYS");
            continue;
        }
        if (!accept("ADD")) {
            *m_notes << u"%1: not imported: ALTER TABLE %2"_s.arg(name, m_text.mid(peek().begin).simplified().left(60));
            return true;
        }
        if (accept("COLUMN") || (!peek().is("CONSTRAINT") && !peek().is("PRIMARY") && !peek().is("UNIQUE")
                                 && !peek().is("KEY") && !peek().is("INDEX") && !peek().is("FOREIGN")
                                 && !peek().is("FULLTEXT") && !peek().is("SPATIAL") && !peek().is("CHECK"))) {
            if (!columnDefinition(table))
                return false;
            while (accept("FIRST") || accept("AFTER")) {
                if (m_t.at(m_i - 1).is("AFTER"))
                    ++m_i;
            }
            continue;
        }
        if (!tableElement(table, &unnamed))
            return false;
    } while (acceptSymbol(u','));
    for (Column &c : table->columns) { // varchar(n) BINARY added without a character set
        if (c.collation.startsWith(u"{table}"_s))
            c.collation.replace(u"{table}"_s, table->charset.isEmpty() ? u"utf8mb4"_s : table->charset);
    }
    finishTable(table);
    table->constraints.removeIf([&](const Constraint &c) { return c.kind == Constraint::Kind::PrimaryKey; });
    if (!table->primaryKey.isEmpty()) {
        Constraint pk;
        pk.kind = Constraint::Kind::PrimaryKey;
        pk.name = u"PRIMARY"_s;
        pk.columns = table->primaryKey;
        table->constraints.prepend(pk);
    }
    return true;
}

bool Parser::createIndex()
{
    Index index;
    bool unique = false;
    m_i = 1;
    while (true) {
        if (accept("UNIQUE"))
            unique = true;
        else if (accept("FULLTEXT"))
            index.method = u"fulltext"_s;
        else if (accept("SPATIAL"))
            index.method = u"spatial"_s;
        else if (!accept("ONLINE") && !accept("OFFLINE"))
            break;
    }
    accept("INDEX");
    accept("IF") && accept("NOT") && accept("EXISTS");
    QString tableName;
    if (!name(&index.name) || !(accept("ON") || fail(u"expected ON"_s)) || !name(&tableName))
        return false;
    Table *table = m_schema->table(tableName);
    if (!table)
        return fail(u"table %1 is not created before its index"_s.arg(tableName));
    index.unique = unique;
    if (!keyParts(&index))
        return false;
    QString comment;
    while (!atEnd()) {
        if (accept("COMMENT")) {
            comment = peek().text;
            ++m_i;
        } else {
            ++m_i;
        }
    }
    addIndex(table, index, comment, unique);
    return true;
}

bool Parser::createTrigger(int keyword)
{
    Trigger trigger;
    if (!name(&trigger.name))
        return false;
    m_i += 2; // BEFORE|AFTER INSERT|UPDATE|DELETE
    if (!(accept("ON") || fail(u"expected ON"_s)))
        return false;
    QString tableName;
    if (!name(&tableName))
        return false;
    Table *table = m_schema->table(tableName);
    if (!table)
        return fail(u"table %1 is not created before its trigger"_s.arg(tableName));
    // The trigger as MySQL runs it, without DEFINER (the account it ran under elsewhere).
    trigger.definition = u"CREATE "_s + m_text.mid(m_t.at(keyword).begin).trimmed();
    table->triggers << trigger;
    return true;
}

} // namespace

bool DdlImporter::importMySql(const QString &sql, Schema *schema, QString *error, QStringList *notes)
{
    *schema = Schema();
    QStringList ignored;
    if (!notes)
        notes = &ignored;
    const MySqlDialect dialect;
    QSet<QString> dataNotes;
    for (const QString &statement : dialect.splitStatements(sql)) {
        const QString text = uncomment(statement);
        const QList<Token> tokens = tokenize(text);
        if (tokens.isEmpty())
            continue;
        QStringList statementNotes;
        Parser parser(text, tokens, schema, &statementNotes);
        QString message;
        if (!parser.statement(&message)) {
            if (error)
                *error = u"cannot read this MySQL statement (%1): %2"_s.arg(message, statement.simplified().left(200));
            return false;
        }
        for (const QString &note : std::as_const(statementNotes)) {
            // One note per table for its data, however many INSERTs a dump has.
            if (note.startsWith(u"data for "_s) && dataNotes.contains(note))
                continue;
            dataNotes.insert(note);
            *notes << note;
        }
    }
    return true;
}

} // namespace Tideline
