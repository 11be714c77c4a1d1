// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ddlimporter.h"

#include <catalog/carry.h>

#include <QByteArrayView>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <pg_query.h>

#include <algorithm>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

// ---- Source scanning ---------------------------------------------------------------------------
//
// The parse tree gives nodes a byte offset ("location") into the source but no end, so the SQL
// text of defaults, CHECK expressions and view queries is sliced from the source. This scanner
// knows PostgreSQL's quoting (strings, E'' strings, dollar quotes, quoted identifiers, nested
// comments) well enough to find token and bracket boundaries. It never decides what a statement
// means: the parser has already done that.

struct Token
{
    enum Kind { Word, Identifier, Literal, Open, Close, Comma, Semicolon, Operator, Other };
    Kind kind;
    int begin;
    int end;
};

bool isIdentifierStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
           || static_cast<unsigned char>(c) >= 0x80;
}

bool isIdentifierChar(char c)
{
    return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Returns the offset just past the quoted run that opens at `i`.
int skipQuoted(const QByteArray &s, int i, int end, char quote, bool backslashEscapes)
{
    for (++i; i < end; ++i) {
        if (backslashEscapes && s[i] == '\\') {
            ++i;
        } else if (s[i] == quote) {
            if (i + 1 < end && s[i + 1] == quote)
                ++i; // doubled quote
            else
                return i + 1;
        }
    }
    return end;
}

QList<Token> tokenize(const QByteArray &s, int begin, int end, int *openComment = nullptr)
{
    static const QByteArray operatorChars = QByteArrayLiteral("+-*/<>=~!@#%^&|`?:");
    QList<Token> tokens;
    int i = begin;
    while (i < end) {
        const char c = s[i];
        const char next = i + 1 < end ? s[i + 1] : '\0';
        const int start = i;
        Token::Kind kind = Token::Other;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++i;
            continue;
        }
        if (c == '-' && next == '-') {
            while (i < end && s[i] != '\n')
                ++i;
            continue;
        }
        if (c == '/' && next == '*') { // comments nest in PostgreSQL
            const int opened = i;
            int depth = 0;
            while (i < end) {
                if (s[i] == '/' && i + 1 < end && s[i + 1] == '*') {
                    ++depth;
                    i += 2;
                } else if (s[i] == '*' && i + 1 < end && s[i + 1] == '/') {
                    i += 2;
                    if (--depth == 0)
                        break;
                } else {
                    ++i;
                }
            }
            if (depth > 0 && openComment && *openComment < 0)
                *openComment = opened;
            continue;
        }
        if (c == '\'') {
            i = skipQuoted(s, i, end, '\'', false);
            kind = Token::Literal;
        } else if ((c == 'e' || c == 'E') && next == '\'') {
            i = skipQuoted(s, i + 1, end, '\'', true);
            kind = Token::Literal;
        } else if (c == '"') {
            i = skipQuoted(s, i, end, '"', false);
            kind = Token::Identifier;
        } else if (c == '$' && (next == '$' || isIdentifierStart(next))) {
            int j = i + 1;
            while (j < end && isIdentifierChar(s[j]) && s[j] != '$')
                ++j;
            if (j < end && s[j] == '$') { // $tag$ ... $tag$
                const QByteArray tag = s.mid(i, j - i + 1);
                const int close = s.indexOf(tag, j + 1);
                i = (close < 0 || close >= end) ? end : close + int(tag.size());
                kind = Token::Literal;
            } else {
                ++i;
            }
        } else if (isIdentifierStart(c)) {
            while (i < end && isIdentifierChar(s[i]))
                ++i;
            kind = Token::Word;
        } else if (isDigit(c) || (c == '.' && isDigit(next))) {
            while (i < end && (isIdentifierChar(s[i]) || s[i] == '.'))
                ++i;
            kind = Token::Literal;
        } else if (c == '(' || c == '[') {
            ++i;
            kind = Token::Open;
        } else if (c == ')' || c == ']') {
            ++i;
            kind = Token::Close;
        } else if (c == ',') {
            ++i;
            kind = Token::Comma;
        } else if (c == ';') {
            ++i;
            kind = Token::Semicolon;
        } else if (operatorChars.contains(c)) {
            while (i < end && operatorChars.contains(s[i])) {
                if (i > start
                    && ((s[i] == '-' && i + 1 < end && s[i + 1] == '-')
                        || (s[i] == '/' && i + 1 < end && s[i + 1] == '*')))
                    break; // a comment ends the operator
                ++i;
            }
            kind = Token::Operator;
        } else {
            ++i;
        }
        tokens.append({kind, start, i});
    }
    return tokens;
}

// ---- Parse tree helpers ------------------------------------------------------------------------

// Nodes are serialised as {"NodeType": {fields}}.
QString nodeType(const QJsonValue &node)
{
    const QJsonObject object = node.toObject();
    return object.isEmpty() ? QString() : object.constBegin().key();
}

QJsonObject nodeBody(const QJsonValue &node)
{
    const QJsonObject object = node.toObject();
    return object.isEmpty() ? QJsonObject() : object.constBegin().value().toObject();
}

// The values of a list of String nodes.
QStringList strings(const QJsonValue &list)
{
    QStringList result;
    for (const QJsonValue &item : list.toArray()) {
        if (nodeType(item) == u"String")
            result.append(nodeBody(item).value(u"sval").toString());
    }
    return result;
}

// Tables in the default schema keep their bare name; others are "schema.name".
QString qualifiedName(const QString &schemaName, const QString &name)
{
    return schemaName.isEmpty() || schemaName == u"public" ? name : schemaName + u'.' + name;
}

QString relationName(const QJsonObject &rangeVar)
{
    return qualifiedName(rangeVar.value(u"schemaname").toString(),
                         rangeVar.value(u"relname").toString());
}

QString qualifiedName(const QStringList &names)
{
    // [catalog.]schema.name or name.
    return names.size() >= 2 ? qualifiedName(names.at(names.size() - 2), names.last())
                             : names.value(0);
}

/** A collation's name as the catalog lists it: pg_catalog's and public's without the schema. */
QString collationName(const QStringList &names)
{
    return names.size() == 2 && names.first() == u"pg_catalog" ? names.last() : qualifiedName(names);
}

void collectLocations(const QJsonValue &value, int *low, int *high)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectLocations(item, low, high);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (it.key() == u"location") {
                const int location = it.value().toInt(-1);
                if (location >= 0) {
                    *low = *low < 0 ? location : std::min(*low, location);
                    *high = std::max(*high, location);
                }
            } else {
                collectLocations(it.value(), low, high);
            }
        }
    }
}

// The last field of every ColumnRef below `value`, in order of appearance.
void collectColumnRefs(const QJsonValue &value, QStringList *names)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectColumnRefs(item, names);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (it.key() == u"ColumnRef") {
                const QStringList fields = strings(it.value().toObject().value(u"fields"));
                if (!fields.isEmpty() && !names->contains(fields.last()))
                    names->append(fields.last());
            } else {
                collectColumnRefs(it.value(), names);
            }
        }
    }
}

// The column name PostgreSQL gives an unnamed select-list expression (a subset of its rules).
QString outputName(const QJsonValue &expr)
{
    const QString type = nodeType(expr);
    const QJsonObject body = nodeBody(expr);
    if (type == u"ColumnRef") {
        const QJsonArray fields = body.value(u"fields").toArray();
        return fields.isEmpty() ? QString() : nodeBody(fields.last()).value(u"sval").toString();
    }
    if (type == u"FuncCall") {
        const QStringList names = strings(body.value(u"funcname"));
        return names.isEmpty() ? QString() : names.last();
    }
    if (type == u"TypeCast") {
        const QString inner = outputName(body.value(u"arg"));
        if (inner != u"?column?")
            return inner;
        const QStringList names = strings(body.value(u"typeName").toObject().value(u"names"));
        return names.isEmpty() ? inner : names.last();
    }
    if (type == u"CaseExpr")
        return u"case"_s;
    if (type == u"CoalesceExpr")
        return u"coalesce"_s;
    if (type == u"NullIfExpr")
        return u"nullif"_s;
    if (type == u"A_ArrayExpr")
        return u"array"_s;
    if (type == u"MinMaxExpr")
        return body.value(u"op").toString() == u"IS_GREATEST" ? u"greatest"_s : u"least"_s;
    if (type == u"SQLValueFunction") {
        QString op = body.value(u"op").toString().mid(6).toLower(); // strip "SVFOP_"
        if (op.endsWith(u"_n"))
            op.chop(2);
        return op;
    }
    return u"?column?"_s;
}

// The SQL spelling of a TypeName: built-in types by their standard names ("integer", not
// "pg_catalog.int4"), other types as written.
QString typeText(const QJsonObject &typeName)
{
    const QStringList names = strings(typeName.value(u"names"));
    QStringList modifiers;
    for (const QJsonValue &node : typeName.value(u"typmods").toArray()) {
        const QJsonObject constant = nodeBody(node);
        if (constant.contains(u"ival"))
            modifiers.append(
                QString::number(constant.value(u"ival").toObject().value(u"ival").toInt()));
        else if (constant.contains(u"sval"))
            modifiers.append(constant.value(u"sval").toObject().value(u"sval").toString());
        else
            modifiers.append(strings(constant.value(u"fields")).join(u'.'));
    }
    const QString arrays = QString(u"[]"_s).repeated(
        int(typeName.value(u"arrayBounds").toArray().size()));
    if (typeName.value(u"pct_type").toBool()) // a routine parameter declared as t.c%TYPE
        return names.join(u'.') + u"%TYPE"_s + arrays;

    const bool builtin = names.size() == 1 || (names.size() == 2 && names.first() == u"pg_catalog");
    if (!builtin)
        return qualifiedName(names)
               + (modifiers.isEmpty() ? QString() : u'(' + modifiers.join(u',') + u')') + arrays;

    const QString internal = names.last();
    if (internal == u"char") // the one-byte internal type; the keyword char is bpchar
        return u"\"char\""_s + arrays;
    if (internal == u"interval") {
        // typmods are (field mask[, precision]); a full-range mask means no fields were written.
        static const QList<std::pair<int, QString>> fields = {{1 << 2, u"year"_s},
                                                              {1 << 1, u"month"_s},
                                                              {1 << 3, u"day"_s},
                                                              {1 << 10, u"hour"_s},
                                                              {1 << 11, u"minute"_s},
                                                              {1 << 12, u"second"_s}};
        const int mask = modifiers.value(0, u"32767"_s).toInt();
        QStringList present;
        for (const auto &[bit, fieldName] : fields) {
            if (mask != 0x7FFF && (mask & bit))
                present.append(fieldName);
        }
        QString text = u"interval"_s;
        if (!present.isEmpty())
            text += u' ' + present.first()
                    + (present.size() > 1 ? u" to "_s + present.last() : QString());
        if (modifiers.size() > 1)
            text += u'(' + modifiers.at(1) + u')';
        return text + arrays;
    }
    static const QMap<QString, QString> spelled = {
        {u"int2"_s, u"smallint"_s},
        {u"int4"_s, u"integer"_s},
        {u"int8"_s, u"bigint"_s},
        {u"float4"_s, u"real"_s},
        {u"float8"_s, u"double precision"_s},
        {u"bool"_s, u"boolean"_s},
        {u"bpchar"_s, u"char"_s},
        {u"varbit"_s, u"bit varying"_s},
        {u"timestamptz"_s, u"timestamp"_s},
        {u"timetz"_s, u"time"_s},
    };
    QString text = spelled.value(internal, internal);
    if (!modifiers.isEmpty())
        text += u'(' + modifiers.join(u',') + u')';
    if (internal == u"timestamptz" || internal == u"timetz")
        text += u" with time zone"_s;
    return text + arrays;
}

bool isWord(const QByteArray &source, const Token &token, QByteArrayView word)
{
    return token.kind == Token::Word
           && QByteArrayView(source)
                      .sliced(token.begin, token.end - token.begin)
                      .compare(word, Qt::CaseInsensitive)
                  == 0;
}

// ---- Names PostgreSQL chooses ------------------------------------------------------------------

constexpr int MaxNameBytes = 63; // NAMEDATALEN - 1

/** @p text cut to at most @p bytes UTF-8 bytes, never inside a character (pg_mbcliplen). */
QByteArray clip(const QByteArray &text, int bytes)
{
    int cut = std::min(bytes, int(text.size()));
    while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text.at(cut)) & 0xC0) == 0x80)
        --cut;
    return text.left(cut);
}

/** PostgreSQL's makeObjectName(): name1[_name2][_label], the longer of the two names cut first
 *  until the whole fits in 63 bytes. */
QString makeObjectName(const QString &name1, const QString &name2, const QString &label)
{
    const QByteArray one = name1.toUtf8(), two = name2.toUtf8(), tag = label.toUtf8();
    int overhead = tag.isEmpty() ? 0 : int(tag.size()) + 1;
    if (!name2.isEmpty())
        ++overhead;
    const int available = MaxNameBytes - overhead;
    int oneChars = int(one.size()), twoChars = int(two.size());
    while (oneChars + twoChars > available) {
        if (oneChars > twoChars)
            --oneChars;
        else
            --twoChars;
    }
    QByteArray name = clip(one, oneChars);
    if (!name2.isEmpty())
        name += '_' + clip(two, twoChars);
    if (!tag.isEmpty())
        name += '_' + tag;
    return QString::fromUtf8(name);
}

/** PostgreSQL's ChooseRelationName()/ChooseConstraintName(): makeObjectName(), then label1,
 *  label2, … until the name is not in @p taken. */
QString chooseName(const QString &name1, const QString &name2, const QString &label, const QSet<QString> &taken)
{
    QString name = makeObjectName(name1, name2, label);
    for (int pass = 1; taken.contains(name); ++pass)
        name = makeObjectName(name1, name2, label + QString::number(pass));
    return name;
}

/** The columns' part of a chosen name: the names joined by '_' until 63 bytes are reached. */
QString nameAddition(const QStringList &names)
{
    QByteArray joined;
    for (const QString &name : names) {
        if (!joined.isEmpty())
            joined += '_';
        joined += name.toUtf8();
        if (joined.size() >= MaxNameBytes)
            break;
    }
    return QString::fromUtf8(clip(joined, MaxNameBytes));
}

/** quote_ident(): @p name as PostgreSQL prints it, quoted unless it is a plain lower-case word. */
QString quoteIdent(const QString &name)
{
    bool plain = !name.isEmpty() && (name.at(0).isLower() || name.at(0) == u'_') && name.at(0).unicode() < 128;
    for (const QChar c : name)
        plain = plain && c.unicode() < 128 && (c.isLower() || c.isDigit() || c == u'_');
    if (plain)
        return name;
    return u'"' + QString(name).replace(u'"', u"\"\""_s) + u'"';
}

/** The default PostgreSQL stores for a column filled from @p sequence. */
QString nextvalDefault(const QString &sequence)
{
    return u"nextval('%1'::regclass)"_s.arg(QString(quoteIdent(sequence)).replace(u'\'', u"''"_s));
}

/** The sequence a nextval() literal names, resolved as PostgreSQL does: split at dots, quoted
 *  parts kept, others lower-cased, public left out. */
QString sequenceOfLiteral(const QString &literal)
{
    QStringList parts;
    QString current;
    bool quoted = false;
    for (int i = 0; i < literal.size(); ++i) {
        const QChar c = literal.at(i);
        if (quoted && c == u'"' && i + 1 < literal.size() && literal.at(i + 1) == u'"') {
            current += c;
            ++i;
        } else if (c == u'"') {
            quoted = !quoted;
        } else if (!quoted && c == u'.') {
            parts << current;
            current.clear();
        } else {
            current += quoted ? c : c.toLower();
        }
    }
    parts << current;
    return qualifiedName(parts);
}

/** Marks @p column as filled from the sequence its default draws from (nextval('s'::regclass)
 *  or nextval(('s'::text)::regclass)), as a serial is; a column whose default no longer does
 *  is no longer filled so. */
void followSequenceDefault(Column *column)
{
    static const QRegularExpression nextval(
        u"^nextval\\((?:\\('((?:[^']|'')*)'::text\\)|'((?:[^']|'')*)')::regclass\\)$"_s);
    const QRegularExpressionMatch m = nextval.match(column->defaultValue);
    if (!m.hasMatch()) {
        if (column->identityKind == Column::Identity::Sequence) {
            column->identity = false;
            column->identityKind = Column::Identity::None;
            column->sequence.clear();
        }
        return;
    }
    if (column->identity && column->identityKind != Column::Identity::Sequence)
        return;
    column->identity = true;
    column->identityKind = Column::Identity::Sequence;
    column->sequence = sequenceOfLiteral(QString(m.captured(1) + m.captured(2)).replace(u"''"_s, u"'"_s));
}

/** Moves the entry @p from of @p map to @p to, renaming it; false when there is none. */
template<typename Map>
bool renameEntry(Map *map, const QString &from, const QString &to)
{
    if (!map->contains(from))
        return false;
    auto value = map->take(from);
    value.name = to;
    map->insert(to, value);
    return true;
}

// ---- The importer ------------------------------------------------------------------------------

/** Maps the statements of one parse result onto a Schema; the first failure stops it. What a
 *  Schema cannot hold is noted, not dropped silently. */
class PostgresImporter
{
public:
    explicit PostgresImporter(QByteArray source)
        : m_source(std::move(source))
    {}

    bool run(const QJsonArray &statements);
    const Schema &schema() const { return m_schema; }
    const QString &error() const { return m_error; }
    /** One line per kind of thing left out, naming the statements (in order of first sight). */
    QStringList notes() const;

private:
    // A PRIMARY KEY/UNIQUE/CHECK/FOREIGN KEY constraint waiting for all columns to exist.
    struct PendingConstraint
    {
        QJsonObject constraint;
        QString column; // empty for table constraints
    };

    bool statement(const QString &type, const QJsonObject &stmt);
    bool createTable(const QJsonObject &stmt);
    bool createIndex(const QJsonObject &stmt);
    bool alterTable(const QJsonObject &stmt);
    bool alterColumnType(Table *table, const QJsonObject &command);
    bool createView(const QJsonObject &stmt);
    bool createProcedure(const QJsonObject &stmt);
    bool createSequence(const QJsonObject &stmt);
    bool alterSequence(const QJsonObject &stmt);
    bool sequenceOptions(Sequence *sequence, const QJsonArray &options);
    bool createEnum(const QJsonObject &stmt);
    bool alterEnum(const QJsonObject &stmt);
    bool comment(const QJsonObject &stmt);
    bool createTrigger(const QJsonObject &stmt);
    bool drop(const QJsonObject &stmt);
    bool rename(const QJsonObject &stmt);
    /** Statements a baseline has no place for: true (with a note) when @p type is one. */
    bool outsideTheModel(const QString &type, const QJsonObject &stmt);

    bool addColumn(Table *table,
                   const QJsonObject &columnDef,
                   bool ifNotExists,
                   QList<PendingConstraint> *pending);
    bool addConstraint(Table *table, const QJsonObject &constraint, const QString &column);
    bool outputColumns(const QJsonObject &select, QStringList *columns);
    void resolveForeignKeys();
    void dropColumn(Table *table, const QString &column);
    /** Every name in PostgreSQL's relation namespace (tables, views, indexes, sequences). */
    const QSet<QString> &relationNames();
    const QSet<QString> &constraintNames();
    /** Keeps the name sets up to date: @p name was added to the relations (or constraints). */
    void relationAdded(const QString &name);
    void constraintAdded(const QString &name);
    /** Something was removed or renamed: the name sets are read anew from m_schema when next asked. */
    void namesChanged();

    QString expressionText(const QJsonValue &expr,
                           int first = -1,
                           const QByteArrayList &stopWords = {}) const;
    QString defaultText(const QJsonValue &expr, const QByteArrayList &stopWords = {}) const;
    /** A default as PostgreSQL stores it where that is known: nextval('s'::regclass). */
    QString canonicalDefault(const QString &text) const;
    int tokenAt(int location) const;

    bool fail(const QString &problem);
    bool unmapped();
    QString quotedStatement(int limit = 200) const;
    /** Records that statement m_number was left out, for @p reason. */
    void note(const QString &reason);

    QByteArray m_source;
    Schema m_schema;
    // relationNames() and constraintNames() as last read from m_schema, kept up to date by the
    // statements that add names (CREATE TABLE / INDEX / SEQUENCE, ALTER TABLE): reading them anew
    // for each unnamed key, index or serial made an import quadratic in its tables. Any other
    // statement, and any removal, drops them (statement(), namesChanged()).
    std::optional<QSet<QString>> m_relationNames;
    std::optional<QSet<QString>> m_constraintNames;
    QString m_error;
    // The statement being mapped: its 1-based number and its tokens.
    int m_number = 0;
    QList<Token> m_tokens;
    // Notes: reason -> statement numbers and the first statement's text, in order of first sight.
    QStringList m_reasons;
    QHash<QString, QList<int>> m_noted;
    QHash<QString, QString> m_firstText;
};

void PostgresImporter::note(const QString &reason)
{
    if (!m_noted.contains(reason)) {
        m_reasons << reason;
        m_firstText.insert(reason, quotedStatement(80));
    }
    QList<int> &numbers = m_noted[reason];
    if (numbers.isEmpty() || numbers.last() != m_number)
        numbers << m_number;
}

QStringList PostgresImporter::notes() const
{
    QStringList lines;
    for (const QString &reason : m_reasons) {
        const QList<int> &numbers = m_noted.value(reason);
        QStringList shown;
        for (int i = 0; i < numbers.size() && i < 5; ++i)
            shown << QString::number(numbers.at(i));
        QString where = numbers.size() == 1 ? u"statement %1"_s.arg(shown.first())
                                             : u"statements %1"_s.arg(shown.join(u", "_s));
        if (numbers.size() > 5)
            where += u" and %1 more"_s.arg(numbers.size() - 5);
        lines << u"%1 (%2: \"%3\")"_s.arg(reason, where, m_firstText.value(reason));
    }
    return lines;
}

bool PostgresImporter::run(const QJsonArray &statements)
{
    for (const QJsonValue &entry : statements) {
        const QJsonObject raw = entry.toObject();
        ++m_number;
        const int begin = raw.value(u"stmt_location").toInt();
        const int length = raw.value(u"stmt_len").toInt(); // 0: up to the end
        m_tokens = tokenize(m_source, begin, length > 0 ? begin + length : int(m_source.size()));

        const QJsonValue node = raw.value(u"stmt");
        if (!statement(nodeType(node), nodeBody(node)))
            return false;
    }
    resolveForeignKeys();
    return true;
}

bool PostgresImporter::statement(const QString &type, const QJsonObject &stmt)
{
    // Only these keep the name sets up to date; whatever else a statement changes, the sets are
    // read anew after it.
    if (type != u"CreateStmt" && type != u"IndexStmt" && type != u"AlterTableStmt" && type != u"CreateSeqStmt")
        namesChanged();
    if (type == u"CreateStmt")
        return createTable(stmt);
    if (type == u"IndexStmt")
        return createIndex(stmt);
    if (type == u"AlterTableStmt")
        return alterTable(stmt);
    if (type == u"ViewStmt")
        return createView(stmt);
    if (type == u"CreateFunctionStmt")
        return createProcedure(stmt);
    if (type == u"CreateSeqStmt")
        return createSequence(stmt);
    if (type == u"AlterSeqStmt")
        return alterSequence(stmt);
    if (type == u"CreateEnumStmt")
        return createEnum(stmt);
    if (type == u"AlterEnumStmt")
        return alterEnum(stmt);
    if (type == u"CommentStmt")
        return comment(stmt);
    if (type == u"CreateTrigStmt")
        return createTrigger(stmt);
    if (type == u"DropStmt")
        return drop(stmt);
    if (type == u"RenameStmt")
        return rename(stmt);
    if (outsideTheModel(type, stmt))
        return true;
    return unmapped();
}

// Statements that scripts carry around the schema. Some change nothing a schema has and are
// accepted silently:
//   SET ... / RESET ...                  (VariableSetStmt)
//   SELECT pg_catalog.set_config(...)     (pg_dump's search_path)
//   BEGIN / START TRANSACTION / COMMIT    (TransactionStmt; migration files wrap in these)
// Others hold what a Schema has no place for, or data: they are skipped with a note.
bool PostgresImporter::outsideTheModel(const QString &type, const QJsonObject &stmt)
{
    if (type == u"VariableSetStmt")
        return true;
    if (type == u"TransactionStmt") {
        const QString kind = stmt.value(u"kind").toString();
        return kind == u"TRANS_STMT_BEGIN" || kind == u"TRANS_STMT_START" || kind == u"TRANS_STMT_COMMIT";
    }
    if (type == u"SelectStmt") {
        const QJsonArray targets = stmt.value(u"targetList").toArray();
        if (targets.size() == 1 && !stmt.contains(u"fromClause")) {
            const QJsonValue call = nodeBody(targets.first()).value(u"val");
            const QStringList name = strings(nodeBody(call).value(u"funcname"));
            if (nodeType(call) == u"FuncCall" && !name.isEmpty() && name.last() == u"set_config")
                return true;
            if (nodeType(call) == u"FuncCall" && !name.isEmpty() && name.last() == u"setval") {
                note(u"sequence positions (setval) are data: a baseline starts its sequences afresh"_s);
                return true;
            }
        }
        note(u"queries are data, not schema: skipped"_s);
        return true;
    }
    static const QHash<QString, QString> reasons = {
        {u"InsertStmt"_s, u"rows are data, not schema: INSERT skipped"_s},
        {u"CopyStmt"_s, u"rows are data, not schema: COPY skipped"_s},
        {u"UpdateStmt"_s, u"rows are data, not schema: UPDATE skipped"_s},
        {u"DeleteStmt"_s, u"rows are data, not schema: DELETE skipped"_s},
        {u"TruncateStmt"_s, u"rows are data, not schema: TRUNCATE skipped"_s},
        {u"CreateExtensionStmt"_s, u"extensions are not part of a baseline: create them before it"_s},
        {u"AlterExtensionStmt"_s, u"extensions are not part of a baseline"_s},
        {u"CreateSchemaStmt"_s, u"schemas are not part of a baseline: create them before it"_s},
        {u"GrantStmt"_s, u"privileges are not part of a baseline"_s},
        {u"GrantRoleStmt"_s, u"roles are not part of a baseline"_s},
        {u"CreateRoleStmt"_s, u"roles are not part of a baseline"_s},
        {u"AlterRoleStmt"_s, u"roles are not part of a baseline"_s},
        {u"AlterDefaultPrivilegesStmt"_s, u"privileges are not part of a baseline"_s},
        {u"AlterOwnerStmt"_s, u"owners are not part of a baseline"_s},
        {u"CreatePolicyStmt"_s, u"row security policies are not part of a baseline"_s},
        {u"AlterPolicyStmt"_s, u"row security policies are not part of a baseline"_s},
        {u"RuleStmt"_s, u"rules are not part of a baseline"_s},
        {u"CreateEventTrigStmt"_s, u"event triggers are not part of a baseline"_s},
        {u"CreateDomainStmt"_s, u"domains are not part of a baseline: columns of that type need it created first"_s},
        {u"CompositeTypeStmt"_s, u"composite types are not part of a baseline: columns of that type need it created first"_s},
        {u"CreateRangeStmt"_s, u"range types are not part of a baseline: columns of that type need it created first"_s},
        {u"DefineStmt"_s, u"aggregates, operators and base types are not part of a baseline"_s},
        {u"CreateCastStmt"_s, u"casts are not part of a baseline"_s},
        {u"CreateOpClassStmt"_s, u"operator classes are not part of a baseline"_s},
        {u"CreateOpFamilyStmt"_s, u"operator families are not part of a baseline"_s},
        {u"CreateConversionStmt"_s, u"conversions are not part of a baseline"_s},
        {u"CreateStatsStmt"_s, u"extended statistics are not part of a baseline"_s},
        {u"CreatePublicationStmt"_s, u"publications are not part of a baseline"_s},
        {u"CreateSubscriptionStmt"_s, u"subscriptions are not part of a baseline"_s},
        {u"CreateForeignTableStmt"_s, u"foreign tables are not part of a baseline"_s},
        {u"CreateFdwStmt"_s, u"foreign-data wrappers are not part of a baseline"_s},
        {u"CreateForeignServerStmt"_s, u"foreign servers are not part of a baseline"_s},
        {u"CreateUserMappingStmt"_s, u"user mappings are not part of a baseline"_s},
        {u"SecLabelStmt"_s, u"security labels are not part of a baseline"_s},
        {u"AlterFunctionStmt"_s, u"function settings are not part of a baseline"_s},
        {u"AlterObjectSchemaStmt"_s, u"moves between schemas are not part of a baseline"_s},
        {u"AlterTSConfigurationStmt"_s, u"text search configurations are not part of a baseline"_s},
        {u"AlterTSDictionaryStmt"_s, u"text search dictionaries are not part of a baseline"_s},
        {u"DoStmt"_s, u"DO blocks are not run: what they make is not in the baseline"_s},
        {u"CallStmt"_s, u"procedure calls are not run: what they make is not in the baseline"_s},
        {u"VacuumStmt"_s, u"maintenance commands change no schema: skipped"_s},
        {u"ClusterStmt"_s, u"maintenance commands change no schema: skipped"_s},
        {u"ReindexStmt"_s, u"maintenance commands change no schema: skipped"_s},
        {u"LockStmt"_s, u"locks change no schema: skipped"_s},
        {u"NotifyStmt"_s, u"notifications change no schema: skipped"_s},
        {u"AlterDatabaseSetStmt"_s, u"database settings are not part of a baseline"_s},
        {u"AlterDatabaseStmt"_s, u"database settings are not part of a baseline"_s},
        {u"AlterSystemStmt"_s, u"server settings are not part of a baseline"_s},
    };
    if (type == u"CreateSchemaStmt" && !stmt.value(u"schemaElts").toArray().isEmpty())
        return false; // its elements would be lost: refused
    if (type == u"CreateTableAsStmt" && stmt.value(u"objtype").toString() == u"OBJECT_MATVIEW") {
        note(u"materialized views are not part of a baseline"_s);
        return true;
    }
    if (!reasons.contains(type))
        return false;
    note(reasons.value(type));
    return true;
}

const QSet<QString> &PostgresImporter::relationNames()
{
    if (m_relationNames)
        return *m_relationNames;
    QSet<QString> &names = m_relationNames.emplace();
    for (const Table &t : m_schema.tables) {
        names << t.name;
        for (const Index &i : t.indexes)
            names << i.name;
        for (const Constraint &c : t.constraints) {
            if (c.kind == Constraint::Kind::PrimaryKey || c.kind == Constraint::Kind::Unique)
                names << c.name;
        }
    }
    for (const View &v : m_schema.views)
        names << v.name;
    for (const Sequence &s : m_schema.sequences)
        names << s.name;
    return names;
}

const QSet<QString> &PostgresImporter::constraintNames()
{
    if (m_constraintNames)
        return *m_constraintNames;
    QSet<QString> &names = m_constraintNames.emplace();
    for (const Table &t : m_schema.tables) {
        for (const Constraint &c : t.constraints)
            names << c.name;
    }
    return names;
}

void PostgresImporter::relationAdded(const QString &name)
{
    if (m_relationNames)
        m_relationNames->insert(name);
}

void PostgresImporter::constraintAdded(const QString &name)
{
    if (m_constraintNames)
        m_constraintNames->insert(name);
}

void PostgresImporter::namesChanged()
{
    m_relationNames.reset();
    m_constraintNames.reset();
}

bool PostgresImporter::createTable(const QJsonObject &stmt)
{
    const QJsonObject relation = stmt.value(u"relation").toObject();
    if (relation.value(u"relpersistence").toString() == u"t")
        return fail(u"a temporary table is not part of a baseline schema"_s);
    if (stmt.contains(u"inhRelations") || stmt.contains(u"partbound")
        || stmt.contains(u"ofTypename"))
        return fail(u"inherited, partition and typed tables cannot be mapped"_s);
    const QString name = relationName(relation);
    if (m_schema.tables.contains(name)) {
        if (stmt.value(u"if_not_exists").toBool())
            return true;
        return fail(u"table \"%1\" is created twice"_s.arg(name));
    }
    if (m_schema.views.contains(name))
        return fail(u"\"%1\" is already a view"_s.arg(name));
    if (stmt.contains(u"partspec"))
        note(u"partitioning is not part of a baseline: the table is created unpartitioned"_s);
    if (stmt.contains(u"options") || stmt.contains(u"tablespacename") || stmt.contains(u"accessMethod"))
        note(u"storage parameters, tablespaces and table access methods are not part of a baseline"_s);
    if (relation.value(u"relpersistence").toString() == u"u")
        note(u"UNLOGGED is not part of a baseline: the table is created logged"_s);

    // The table is in the schema while its columns are read, so that the names PostgreSQL
    // would choose for its sequences and constraints see it.
    Table &table = m_schema.tables[name];
    table.name = name;
    relationAdded(name);
    // Table constraints may name columns declared after them, so they wait for all columns.
    QList<PendingConstraint> pending;
    for (const QJsonValue &element : stmt.value(u"tableElts").toArray()) {
        const QString type = nodeType(element);
        bool ok = true;
        if (type == u"ColumnDef")
            ok = addColumn(&table, nodeBody(element), false, &pending);
        else if (type == u"Constraint")
            pending.append({nodeBody(element), QString()});
        else
            ok = fail(u"%1 in CREATE TABLE cannot be mapped"_s.arg(type));
        if (!ok) {
            m_schema.tables.remove(name);
            namesChanged();
            return false;
        }
    }
    for (const PendingConstraint &p : std::as_const(pending)) {
        if (!addConstraint(m_schema.table(name), p.constraint, p.column)) {
            m_schema.tables.remove(name);
            namesChanged();
            return false;
        }
    }
    return true;
}

bool PostgresImporter::addColumn(Table *table,
                                 const QJsonObject &columnDef,
                                 bool ifNotExists,
                                 QList<PendingConstraint> *pending)
{
    Column column;
    column.name = columnDef.value(u"colname").toString();
    if (table->column(column.name)) {
        if (ifNotExists)
            return true;
        return fail(
            u"column \"%1\" of table \"%2\" is declared twice"_s.arg(column.name, table->name));
    }
    const QJsonObject typeName = columnDef.value(u"typeName").toObject();
    const QStringList names = strings(typeName.value(u"names"));
    const QString bareName = names.size() == 1
                                     || (names.size() == 2 && names.first() == u"pg_catalog")
                                 ? names.last()
                                 : QString();
    // serial is not a type but shorthand for an integer filled from a sequence the column owns.
    static const QMap<QString, QString> serialTypes = {
        {u"smallserial"_s, u"smallint"_s},
        {u"serial2"_s, u"smallint"_s},
        {u"serial"_s, u"integer"_s},
        {u"serial4"_s, u"integer"_s},
        {u"bigserial"_s, u"bigint"_s},
        {u"serial8"_s, u"bigint"_s},
    };
    if (serialTypes.contains(bareName) && !typeName.contains(u"arrayBounds")) {
        column.type = serialTypes.value(bareName);
        Sequence sequence;
        sequence.name = chooseName(table->name, column.name, u"seq"_s, relationNames());
        sequence.type = column.type;
        sequence.ownedBy = table->name + u'.' + column.name;
        m_schema.sequences.insert(sequence.name, sequence);
        relationAdded(sequence.name);
        column.identity = true;
        column.identityKind = Column::Identity::Sequence;
        column.sequence = sequence.name;
        column.defaultValue = nextvalDefault(sequence.name);
        column.nullable = false;
    } else {
        column.type = typeText(typeName);
    }
    const QStringList collation = strings(columnDef.value(u"collClause").toObject().value(u"collname"));
    if (!collation.isEmpty())
        column.collation = collationName(collation);

    for (const QJsonValue &node : columnDef.value(u"constraints").toArray()) {
        const QJsonObject constraint = nodeBody(node);
        const QString kind = constraint.value(u"contype").toString();
        if (kind == u"CONSTR_NOTNULL") {
            column.nullable = false;
        } else if (kind == u"CONSTR_NULL") {
            column.nullable = true;
        } else if (kind == u"CONSTR_DEFAULT") {
            static const QByteArrayList nextConstraint = {"CONSTRAINT",
                                                          "NOT",
                                                          "NULL",
                                                          "CHECK",
                                                          "UNIQUE",
                                                          "PRIMARY",
                                                          "REFERENCES",
                                                          "GENERATED",
                                                          "DEFAULT",
                                                          "COLLATE",
                                                          "DEFERRABLE",
                                                          "INITIALLY"};
            // DEFAULT NULL (even cast) is no default: PostgreSQL stores none, unless fitting the
            // NULL to the column's type modifier (varchar(40), numeric(10,2)) takes a function
            // call, which it stores and prints as NULL::character varying.
            QJsonValue value = constraint.value(u"raw_expr");
            while (nodeType(value) == u"TypeCast")
                value = nodeBody(value).value(u"arg");
            const bool null = nodeType(value) == u"A_Const" && nodeBody(value).value(u"isnull").toBool()
                              && !column.type.contains(u'(');
            column.defaultValue = null ? QString()
                                       : canonicalDefault(defaultText(constraint.value(u"raw_expr"), nextConstraint));
        } else if (kind == u"CONSTR_IDENTITY") {
            column.identity = true;
            column.identityKind = constraint.value(u"generated_when").toString() == u"a"
                                      ? Column::Identity::Always
                                      : Column::Identity::ByDefault;
            column.nullable = false; // identity columns are implicitly NOT NULL
            if (!constraint.value(u"options").toArray().isEmpty())
                note(u"identity options (START WITH, INCREMENT BY, …) are not part of a baseline"_s);
        } else if (kind == u"CONSTR_GENERATED") {
            column.generated = true;
            column.generatedStored = true; // PostgreSQL has only STORED
            column.generatedExpression = expressionText(constraint.value(u"raw_expr"));
        } else if (kind == u"CONSTR_ATTR_DEFERRABLE" || kind == u"CONSTR_ATTR_DEFERRED"
                   || kind == u"CONSTR_ATTR_NOT_DEFERRABLE" || kind == u"CONSTR_ATTR_IMMEDIATE") {
            // They qualify the column constraint before them.
            if (pending->isEmpty() || pending->last().column != column.name)
                continue;
            QJsonObject &last = pending->last().constraint;
            if (kind == u"CONSTR_ATTR_DEFERRABLE")
                last.insert(u"deferrable"_s, true);
            else if (kind == u"CONSTR_ATTR_NOT_DEFERRABLE")
                last.insert(u"deferrable"_s, false);
            else if (kind == u"CONSTR_ATTR_DEFERRED")
                last.insert(u"initdeferred"_s, true);
            else
                last.insert(u"initdeferred"_s, false);
        } else {
            pending->append({constraint, column.name});
        }
    }
    // A column whose default draws from a sequence is filled by the database, as a serial is.
    followSequenceDefault(&column);
    table->columns.append(column);
    return true;
}

QString PostgresImporter::canonicalDefault(const QString &text) const
{
    // nextval('name') and nextval('name'::regclass) are stored as nextval('name'::regclass),
    // the name resolved once (relative to the search path: public left out); nextval('name'::text)
    // as nextval(('name'::text)::regclass), resolved at every call.
    static const QRegularExpression nextval(
        u"^\\s*nextval\\s*\\(\\s*'((?:[^']|'')*)'\\s*(?:::\\s*(regclass|text)\\s*)?\\)\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = nextval.match(text);
    if (!m.hasMatch())
        return text;
    if (m.captured(2).toLower() == u"text")
        return u"nextval(('%1'::text)::regclass)"_s.arg(m.captured(1));
    return nextvalDefault(sequenceOfLiteral(m.captured(1).replace(u"''"_s, u"'"_s)));
}

bool PostgresImporter::addConstraint(Table *table, const QJsonObject &node, const QString &column)
{
    const QString kind = node.value(u"contype").toString();
    Constraint constraint;
    constraint.name = node.value(u"conname").toString();
    constraint.columns = strings(node.value(u"keys"));
    constraint.deferrable = node.value(u"deferrable").toBool();
    constraint.initiallyDeferred = node.value(u"initdeferred").toBool();
    if (constraint.initiallyDeferred)
        constraint.deferrable = true;
    QString nameAdditionText; // the middle of the name PostgreSQL chooses
    QString label;
    if (kind == u"CONSTR_PRIMARY" || kind == u"CONSTR_UNIQUE") {
        constraint.kind = kind == u"CONSTR_PRIMARY" ? Constraint::Kind::PrimaryKey
                                                    : Constraint::Kind::Unique;
        const QString indexName = node.value(u"indexname").toString();
        if (constraint.columns.isEmpty() && !indexName.isEmpty()) { // ... USING INDEX name
            auto it = std::find_if(table->indexes.cbegin(),
                                   table->indexes.cend(),
                                   [&](const Index &index) { return index.name == indexName; });
            if (it == table->indexes.cend())
                return fail(
                    u"index \"%1\" does not exist on table \"%2\""_s.arg(indexName, table->name));
            constraint.columns = it->columns;
            if (constraint.name.isEmpty())
                constraint.name = indexName;
            table->indexes.erase(it); // the index now belongs to the constraint (and is renamed)
            namesChanged();
        }
        if (constraint.columns.isEmpty() && !column.isEmpty())
            constraint.columns = QStringList{column};
        if (!node.value(u"including").toArray().isEmpty())
            note(u"INCLUDE columns of a key are not part of a baseline"_s);
        if (node.value(u"nulls_not_distinct").toBool())
            note(u"UNIQUE NULLS NOT DISTINCT is not part of a baseline"_s);
        label = constraint.kind == Constraint::Kind::PrimaryKey ? u"pkey"_s : u"key"_s;
        if (constraint.kind == Constraint::Kind::Unique)
            nameAdditionText = nameAddition(constraint.columns);
    } else if (kind == u"CONSTR_CHECK") {
        constraint.kind = Constraint::Kind::Check;
        constraint.expression = expressionText(node.value(u"raw_expr"));
        // The columns it names, in the table's order (as pg_constraint.conkey lists them).
        QStringList referenced;
        collectColumnRefs(node.value(u"raw_expr"), &referenced);
        for (const Column &c : std::as_const(table->columns)) {
            if (referenced.contains(c.name))
                constraint.columns.append(c.name);
        }
        if (constraint.columns.size() == 1)
            nameAdditionText = constraint.columns.first();
        label = u"check"_s;
        if (node.value(u"is_no_inherit").toBool())
            note(u"NO INHERIT is not part of a baseline"_s);
    } else if (kind == u"CONSTR_FOREIGN") {
        constraint.kind = Constraint::Kind::ForeignKey;
        constraint.columns = strings(node.value(u"fk_attrs"));
        if (constraint.columns.isEmpty() && !column.isEmpty())
            constraint.columns = QStringList{column};
        constraint.refTable = relationName(node.value(u"pktable").toObject());
        constraint.refColumns = strings(node.value(u"pk_attrs")); // empty: resolved at the end
        static const QHash<QString, QString> actions = {{u"r"_s, u"RESTRICT"_s},
                                                        {u"c"_s, u"CASCADE"_s},
                                                        {u"n"_s, u"SET NULL"_s},
                                                        {u"d"_s, u"SET DEFAULT"_s}};
        constraint.onDelete = actions.value(node.value(u"fk_del_action").toString());
        constraint.onUpdate = actions.value(node.value(u"fk_upd_action").toString());
        const QString match = node.value(u"fk_matchtype").toString();
        if (!match.isEmpty() && match != u"s")
            note(u"MATCH FULL / MATCH PARTIAL of foreign keys is not part of a baseline"_s);
        if (!node.value(u"fk_del_set_cols").toArray().isEmpty())
            note(u"the column list of ON DELETE SET NULL/DEFAULT is not part of a baseline"_s);
        nameAdditionText = nameAddition(constraint.columns);
        label = u"fkey"_s;
    } else if (kind == u"CONSTR_EXCLUSION") {
        note(u"exclusion constraints are not part of a baseline"_s);
        return true;
    } else {
        return fail(u"%1 constraints cannot be mapped"_s.arg(kind.mid(7).toLower()));
    }
    if (constraint.columns.isEmpty() && !column.isEmpty())
        constraint.columns = QStringList{column};

    for (const QString &name : std::as_const(constraint.columns)) {
        if (!table->column(name))
            return fail(u"column \"%1\" of table \"%2\" does not exist"_s.arg(name, table->name));
    }
    if (constraint.name.isEmpty()) {
        // The name PostgreSQL gives it: keys live with the relations, others among constraints.
        const bool key = constraint.kind == Constraint::Kind::PrimaryKey || constraint.kind == Constraint::Kind::Unique;
        constraint.name = chooseName(table->name, nameAdditionText, label, key ? relationNames() : constraintNames());
    }
    if (constraint.kind == Constraint::Kind::PrimaryKey) {
        if (!table->primaryKey.isEmpty())
            return fail(u"table \"%1\" has two primary keys"_s.arg(table->name));
        table->primaryKey = constraint.columns;
        for (const QString &name : std::as_const(constraint.columns))
            table->column(name)->nullable = false;
    }
    table->constraints.append(constraint);
    constraintAdded(constraint.name);
    if (constraint.kind == Constraint::Kind::PrimaryKey || constraint.kind == Constraint::Kind::Unique)
        relationAdded(constraint.name);
    return true;
}

bool PostgresImporter::createIndex(const QJsonObject &stmt)
{
    const QJsonObject relation = stmt.value(u"relation").toObject();
    Table *table = m_schema.table(relationName(relation));
    if (!table)
        return fail(u"index on unknown table \"%1\""_s.arg(relationName(relation)));

    Index index;
    index.unique = stmt.value(u"unique").toBool();
    const QString method = stmt.value(u"accessMethod").toString();
    if (method != u"btree")
        index.method = method;
    QStringList nameParts;
    bool descending = false;
    for (const QJsonValue &node : stmt.value(u"indexParams").toArray()) {
        const QJsonObject element = nodeBody(node);
        const QString column = element.value(u"name").toString();
        if (!column.isEmpty()) {
            if (!table->column(column))
                return fail(
                    u"column \"%1\" of table \"%2\" does not exist"_s.arg(column, table->name));
            index.columns.append(column);
            nameParts.append(column);
        } else {
            // An expression; what may follow it: ordering, collation or an operator class.
            QByteArrayList stopWords = {"ASC", "DESC", "NULLS", "COLLATE"};
            for (const QString &opclass : strings(element.value(u"opclass")))
                stopWords.append(opclass.toUtf8());
            QString text = expressionText(element.value(u"expr"), -1, stopWords);
            // A parenthesised plain column is that column.
            const QJsonValue expr = element.value(u"expr");
            const QStringList fields = strings(nodeBody(expr).value(u"fields"));
            if (nodeType(expr) == u"ColumnRef" && fields.size() == 1 && table->column(fields.first()))
                text = fields.first();
            index.columns.append(text);
            const QString figured = outputName(expr);
            nameParts.append(figured == u"?column?" ? u"expr"_s : figured);
        }
        const bool desc = element.value(u"ordering").toString() == u"SORTBY_DESC";
        index.descending.append(desc);
        descending = descending || desc;
        const QString nulls = element.value(u"nulls_ordering").toString();
        if (!nulls.isEmpty() && nulls != u"SORTBY_NULLS_DEFAULT")
            note(u"NULLS FIRST/LAST of index columns is not part of a baseline"_s);
        if (!strings(element.value(u"opclass")).isEmpty())
            note(u"operator classes of index columns (e.g. text_pattern_ops) are not part of a baseline"_s);
        if (element.contains(u"collation"))
            note(u"collations of index columns are not part of a baseline"_s);
    }
    if (!descending)
        index.descending.clear();
    for (const QJsonValue &node : stmt.value(u"indexIncludingParams").toArray()) {
        const QString column = nodeBody(node).value(u"name").toString();
        if (!table->column(column))
            return fail(u"column \"%1\" of table \"%2\" does not exist"_s.arg(column, table->name));
        index.include.append(column);
    }
    if (stmt.contains(u"whereClause"))
        index.where = expressionText(stmt.value(u"whereClause"));
    if (stmt.value(u"nulls_not_distinct").toBool())
        note(u"UNIQUE NULLS NOT DISTINCT is not part of a baseline"_s);
    if (stmt.contains(u"options") || stmt.contains(u"tableSpace"))
        note(u"storage parameters and tablespaces of indexes are not part of a baseline"_s);
    // Unnamed indexes get the name PostgreSQL would choose.
    index.name = stmt.value(u"idxname").toString();
    if (index.name.isEmpty())
        index.name = chooseName(table->name, nameAddition(nameParts), u"idx"_s, relationNames());
    for (const Index &existing : std::as_const(table->indexes)) {
        if (existing.name == index.name) {
            if (stmt.value(u"if_not_exists").toBool())
                return true;
            return fail(u"index \"%1\" is created twice"_s.arg(index.name));
        }
    }
    table->indexes.append(index);
    relationAdded(index.name);
    return true;
}

void PostgresImporter::dropColumn(Table *table, const QString &column)
{
    // As PostgreSQL does: the indexes and constraints that use the column go with it, and so
    // does a sequence the column owns.
    const Table before = *table;
    table->indexes.removeIf([&](const Index &i) { return Carry::covers(before, i, column); });
    table->constraints.removeIf([&](const Constraint &c) { return Carry::covers(c, column); });
    table->columns.removeAt(table->columnIndex(column));
    if (table->primaryKey.contains(column))
        table->primaryKey.clear();
    const QString owner = table->name + u'.' + column;
    m_schema.sequences.removeIf([&](const auto &it) { return it.value().ownedBy == owner; });
    namesChanged();
}

bool PostgresImporter::alterColumnType(Table *table, const QJsonObject &command)
{
    const QString columnName = command.value(u"name").toString();
    Column *column = table->column(columnName);
    if (!column)
        return fail(u"column \"%1\" of table \"%2\" does not exist"_s.arg(columnName, table->name));
    const QJsonObject def = nodeBody(command.value(u"def"));
    column->type = typeText(def.value(u"typeName").toObject());
    const QStringList collation = strings(def.value(u"collClause").toObject().value(u"collname"));
    if (!collation.isEmpty())
        column->collation = collationName(collation);
    return true;
}

bool PostgresImporter::alterTable(const QJsonObject &stmt)
{
    const QJsonArray commands = stmt.value(u"cmds").toArray();
    const auto subtype = [](const QJsonValue &command) {
        return nodeBody(command).value(u"subtype").toString();
    };
    // ALTER TABLE/SEQUENCE/VIEW ... OWNER TO: owners are not part of a baseline.
    if (std::all_of(commands.begin(), commands.end(), [&](const QJsonValue &c) {
            return subtype(c) == u"AT_ChangeOwner";
        })) {
        note(u"owners are not part of a baseline"_s);
        return true;
    }
    const QString objectType = stmt.value(u"objtype").toString();
    if (objectType == u"OBJECT_SEQUENCE") {
        note(u"this ALTER SEQUENCE is not part of a baseline"_s);
        return true;
    }
    if (objectType == u"OBJECT_INDEX") {
        note(u"storage settings of indexes are not part of a baseline"_s);
        return true;
    }
    if (objectType != u"OBJECT_TABLE")
        return unmapped();
    const QString name = relationName(stmt.value(u"relation").toObject());
    Table *table = m_schema.table(name);
    if (!table) {
        if (stmt.value(u"missing_ok").toBool()) // ALTER TABLE IF EXISTS
            return true;
        return fail(u"unknown table \"%1\""_s.arg(name));
    }

    // Settings a baseline has no place for: noted, the rest of the statement applies.
    static const QHash<QString, QString> outside = {
        {u"AT_ChangeOwner"_s, u"owners are not part of a baseline"_s},
        {u"AT_ClusterOn"_s, u"CLUSTER ON is not part of a baseline"_s},
        {u"AT_DropCluster"_s, u"CLUSTER ON is not part of a baseline"_s},
        {u"AT_SetStatistics"_s, u"column statistics targets are not part of a baseline"_s},
        {u"AT_SetStorage"_s, u"column storage settings are not part of a baseline"_s},
        {u"AT_SetCompression"_s, u"column compression is not part of a baseline"_s},
        {u"AT_SetOptions"_s, u"column options are not part of a baseline"_s},
        {u"AT_SetRelOptions"_s, u"storage parameters are not part of a baseline"_s},
        {u"AT_ResetRelOptions"_s, u"storage parameters are not part of a baseline"_s},
        {u"AT_EnableRowSecurity"_s, u"row level security is not part of a baseline"_s},
        {u"AT_ForceRowSecurity"_s, u"row level security is not part of a baseline"_s},
        {u"AT_ReplicaIdentity"_s, u"replica identities are not part of a baseline"_s},
        {u"AT_EnableTrig"_s, u"enabling or disabling triggers is not part of a baseline"_s},
        {u"AT_DisableTrig"_s, u"enabling or disabling triggers is not part of a baseline"_s},
        {u"AT_EnableTrigAll"_s, u"enabling or disabling triggers is not part of a baseline"_s},
        {u"AT_DisableTrigAll"_s, u"enabling or disabling triggers is not part of a baseline"_s},
        {u"AT_EnableTrigUser"_s, u"enabling or disabling triggers is not part of a baseline"_s},
        {u"AT_DisableTrigUser"_s, u"enabling or disabling triggers is not part of a baseline"_s},
        {u"AT_SetIdentity"_s, u"identity options (START WITH, INCREMENT BY, …) are not part of a baseline"_s},
        {u"AT_SetLogged"_s, u"UNLOGGED is not part of a baseline"_s},
        {u"AT_SetUnLogged"_s, u"UNLOGGED is not part of a baseline"_s},
    };

    for (const QJsonValue &node : commands) {
        const QJsonObject command = nodeBody(node);
        const QString kind = command.value(u"subtype").toString();
        const QJsonValue definition = command.value(u"def");
        if (outside.contains(kind)) {
            note(outside.value(kind));
            continue;
        }
        if (kind == u"AT_AddConstraint") {
            if (!addConstraint(table, nodeBody(definition), QString()))
                return false;
            continue;
        }
        if (kind == u"AT_AddColumn") {
            QList<PendingConstraint> pending;
            if (!addColumn(table,
                           nodeBody(definition),
                           command.value(u"missing_ok").toBool(),
                           &pending))
                return false;
            table = m_schema.table(name);
            for (const PendingConstraint &p : std::as_const(pending)) {
                if (!addConstraint(table, p.constraint, p.column))
                    return false;
            }
            continue;
        }
        if (kind == u"AT_ValidateConstraint")
            continue; // validity is not modelled: the constraint is there either way
        if (kind == u"AT_DropConstraint") {
            const QString constraintName = command.value(u"name").toString();
            const qsizetype before = table->constraints.size();
            table->constraints.removeIf([&](const Constraint &c) {
                if (c.name != constraintName)
                    return false;
                if (c.kind == Constraint::Kind::PrimaryKey)
                    table->primaryKey.clear();
                return true;
            });
            namesChanged();
            if (table->constraints.size() == before && !command.value(u"missing_ok").toBool())
                return fail(u"constraint \"%1\" of table \"%2\" does not exist"_s.arg(constraintName, name));
            continue;
        }
        if (kind == u"AT_AlterColumnType") {
            if (!alterColumnType(table, command))
                return false;
            continue;
        }

        const QString columnName = command.value(u"name").toString();
        Column *column = table->column(columnName);
        if (kind == u"AT_DropColumn") {
            if (!column) {
                if (command.value(u"missing_ok").toBool())
                    continue;
                return fail(u"column \"%1\" of table \"%2\" does not exist"_s.arg(columnName, name));
            }
            dropColumn(table, columnName);
            continue;
        }
        if (kind != u"AT_SetNotNull" && kind != u"AT_DropNotNull" && kind != u"AT_ColumnDefault"
            && kind != u"AT_AddIdentity" && kind != u"AT_DropIdentity")
            return unmapped();
        if (!column)
            return fail(u"column \"%1\" of table \"%2\" does not exist"_s.arg(columnName, name));
        if (kind == u"AT_SetNotNull") {
            column->nullable = false;
        } else if (kind == u"AT_DropNotNull") {
            column->nullable = true;
        } else if (kind == u"AT_ColumnDefault") { // SET DEFAULT x, or DROP DEFAULT without def
            column->defaultValue = definition.isUndefined() ? QString() : canonicalDefault(defaultText(definition));
            followSequenceDefault(column);
        } else if (kind == u"AT_AddIdentity") { // how pg_dump restores identity columns
            column->identity = true;
            const QJsonObject identity = nodeBody(definition);
            column->identityKind = identity.value(u"generated_when").toString() == u"a"
                                       ? Column::Identity::Always
                                       : Column::Identity::ByDefault;
            column->nullable = false;
            // pg_dump names the identity's sequence in its options: not a sequence of its own.
        } else { // AT_DropIdentity
            column->identity = false;
            column->identityKind = Column::Identity::None;
        }
    }
    return true;
}

bool PostgresImporter::createSequence(const QJsonObject &stmt)
{
    const QString name = relationName(stmt.value(u"sequence").toObject());
    if (m_schema.sequences.contains(name) || relationNames().contains(name)) {
        if (stmt.value(u"if_not_exists").toBool())
            return true;
        return fail(u"\"%1\" is created twice"_s.arg(name));
    }
    if (stmt.value(u"sequence").toObject().value(u"relpersistence").toString() == u"t")
        return fail(u"a temporary sequence is not part of a baseline schema"_s);
    Sequence sequence;
    sequence.name = name;
    if (!sequenceOptions(&sequence, stmt.value(u"options").toArray()))
        return false;
    m_schema.sequences.insert(name, sequence);
    relationAdded(name);
    return true;
}

bool PostgresImporter::alterSequence(const QJsonObject &stmt)
{
    const QString name = relationName(stmt.value(u"sequence").toObject());
    if (!m_schema.sequences.contains(name)) {
        if (stmt.value(u"missing_ok").toBool())
            return true;
        // An identity column's own sequence (pg_dump sets its options): not a sequence of its own.
        note(u"this ALTER SEQUENCE is not part of a baseline"_s);
        return true;
    }
    return sequenceOptions(&m_schema.sequences[name], stmt.value(u"options").toArray());
}

bool PostgresImporter::sequenceOptions(Sequence *sequence, const QJsonArray &options)
{
    for (const QJsonValue &node : options) {
        const QJsonObject option = nodeBody(node);
        const QString name = option.value(u"defname").toString();
        const QJsonObject arg = option.value(u"arg").toObject();
        const auto number = [&]() -> qint64 {
            const QJsonObject value = nodeBody(arg);
            if (nodeType(arg) == u"Integer")
                return value.value(u"ival").toInteger();
            return value.value(u"fval").toString().toLongLong(); // big numbers come as Float
        };
        if (name == u"as") {
            sequence->type = typeText(nodeBody(arg));
        } else if (name == u"start") {
            sequence->start = number();
        } else if (name == u"increment") {
            sequence->increment = number();
        } else if (name == u"owned_by") {
            const QStringList owner = strings(nodeBody(arg).value(u"items"));
            if (owner == QStringList{u"none"_s}) {
                sequence->ownedBy.clear();
            } else if (owner.size() >= 2) {
                const QString table = qualifiedName(owner.mid(0, owner.size() - 1));
                const QString column = owner.last();
                const Table *t = m_schema.table(table);
                if (!t || !t->column(column))
                    return fail(u"column \"%1\" of table \"%2\" does not exist"_s.arg(column, table));
                sequence->ownedBy = table + u'.' + column;
            }
        } else if ((name == u"maxvalue" || name == u"minvalue") && arg.isEmpty()) {
            // NO MAXVALUE / NO MINVALUE: the defaults.
        } else if (name == u"cache" && number() == 1) {
            // the default
        } else if (name == u"cycle" && !nodeBody(arg).value(u"boolval").toBool()) {
            // NO CYCLE: the default
        } else if (name == u"restart" || name == u"sequence_name") {
            // a position, or pg_dump's name of an identity sequence
        } else {
            note(u"sequence options other than AS, START, INCREMENT and OWNED BY are not part of a baseline"_s);
        }
    }
    return true;
}

bool PostgresImporter::createEnum(const QJsonObject &stmt)
{
    EnumType type;
    type.name = qualifiedName(strings(stmt.value(u"typeName")));
    if (m_schema.enums.contains(type.name))
        return fail(u"type \"%1\" is created twice"_s.arg(type.name));
    type.values = strings(stmt.value(u"vals"));
    m_schema.enums.insert(type.name, type);
    return true;
}

bool PostgresImporter::alterEnum(const QJsonObject &stmt)
{
    const QString name = qualifiedName(strings(stmt.value(u"typeName")));
    if (!m_schema.enums.contains(name))
        return fail(u"unknown enum type \"%1\""_s.arg(name));
    QStringList &values = m_schema.enums[name].values;
    const QString oldValue = stmt.value(u"oldVal").toString();
    const QString newValue = stmt.value(u"newVal").toString();
    if (!oldValue.isEmpty()) { // RENAME VALUE
        const qsizetype at = values.indexOf(oldValue);
        if (at < 0)
            return fail(u"\"%1\" is not a value of \"%2\""_s.arg(oldValue, name));
        values[at] = newValue;
        return true;
    }
    if (values.contains(newValue)) {
        if (stmt.value(u"skipIfNewValExists").toBool())
            return true;
        return fail(u"\"%1\" is already a value of \"%2\""_s.arg(newValue, name));
    }
    const QString neighbour = stmt.value(u"newValNeighbor").toString();
    if (neighbour.isEmpty()) {
        values.append(newValue);
        return true;
    }
    const qsizetype at = values.indexOf(neighbour);
    if (at < 0)
        return fail(u"\"%1\" is not a value of \"%2\""_s.arg(neighbour, name));
    values.insert(stmt.value(u"newValIsAfter").toBool() ? at + 1 : at, newValue);
    return true;
}

bool PostgresImporter::comment(const QJsonObject &stmt)
{
    const QString objectType = stmt.value(u"objtype").toString();
    const QString text = stmt.value(u"comment").toString(); // absent: IS NULL
    if (objectType == u"OBJECT_TABLE" || objectType == u"OBJECT_COLUMN") {
        QStringList names = strings(nodeBody(stmt.value(u"object")).value(u"items"));
        const QString column = objectType == u"OBJECT_COLUMN" ? names.takeLast() : QString();
        const QString tableName = qualifiedName(names);
        Table *table = m_schema.table(tableName);
        if (!table)
            return fail(u"unknown table \"%1\""_s.arg(tableName));
        if (column.isEmpty()) {
            table->comment = text;
            return true;
        }
        Column *c = table->column(column);
        if (!c)
            return fail(u"column \"%1\" of table \"%2\" does not exist"_s.arg(column, tableName));
        c->comment = text;
        return true;
    }
    note(u"comments on objects other than tables and columns are not part of a baseline"_s);
    return true;
}

bool PostgresImporter::createTrigger(const QJsonObject &stmt)
{
    const QString tableName = relationName(stmt.value(u"relation").toObject());
    Table *table = m_schema.table(tableName);
    if (!table) {
        note(u"triggers on views and unknown tables are not part of a baseline"_s);
        return true;
    }
    Trigger trigger;
    trigger.name = stmt.value(u"trigname").toString();
    // The definition is the statement as written (it runs on PostgreSQL only); its function is
    // not part of the baseline.
    const int begin = m_tokens.isEmpty() ? 0 : m_tokens.first().begin;
    int last = int(m_tokens.size()) - 1;
    if (last > 0 && m_tokens.at(last).kind == Token::Semicolon)
        --last;
    trigger.definition = last < 0 ? QString() : QString::fromUtf8(m_source.mid(begin, m_tokens.at(last).end - begin));
    const bool replace = stmt.value(u"replace").toBool();
    const auto existing = std::find_if(table->triggers.begin(), table->triggers.end(),
                                       [&](const Trigger &t) { return t.name == trigger.name; });
    if (existing != table->triggers.end()) {
        if (!replace)
            return fail(u"trigger \"%1\" on \"%2\" is created twice"_s.arg(trigger.name, tableName));
        *existing = trigger;
    } else {
        table->triggers.append(trigger);
    }
    note(u"trigger functions are not part of a baseline: a trigger is created only where its function exists"_s);
    return true;
}

bool PostgresImporter::drop(const QJsonObject &stmt)
{
    const QString type = stmt.value(u"removeType").toString();
    const bool missingOk = stmt.value(u"missing_ok").toBool();
    const bool cascade = stmt.value(u"behavior").toString() == u"DROP_CASCADE";
    for (const QJsonValue &object : stmt.value(u"objects").toArray()) {
        const QStringList names = nodeType(object) == u"List" ? strings(nodeBody(object).value(u"items"))
                                                              : QStringList{nodeBody(object).value(u"sval").toString()};
        bool found = true;
        if (type == u"OBJECT_TABLE") {
            const QString name = qualifiedName(names);
            found = m_schema.tables.remove(name) > 0;
            if (found) {
                for (Table &t : m_schema.tables) {
                    if (cascade)
                        t.constraints.removeIf([&](const Constraint &c) { return c.refTable == name; });
                }
                m_schema.sequences.removeIf([&](const auto &it) {
                    return it.value().ownedBy.startsWith(name + u'.');
                });
            }
        } else if (type == u"OBJECT_VIEW") {
            found = m_schema.views.remove(qualifiedName(names)) > 0;
        } else if (type == u"OBJECT_INDEX") {
            const QString name = qualifiedName(names);
            found = false;
            for (Table &t : m_schema.tables)
                found = t.indexes.removeIf([&](const Index &i) { return i.name == name; }) > 0 || found;
        } else if (type == u"OBJECT_SEQUENCE") {
            found = m_schema.sequences.remove(qualifiedName(names)) > 0;
        } else if (type == u"OBJECT_TYPE") {
            found = m_schema.enums.remove(qualifiedName(names)) > 0;
            if (!found) {
                note(u"dropping types other than enums is not part of a baseline"_s);
                found = true;
            }
        } else if (type == u"OBJECT_FUNCTION" || type == u"OBJECT_PROCEDURE" || type == u"OBJECT_ROUTINE") {
            const QJsonObject function = nodeBody(object);
            found = m_schema.procedures.remove(qualifiedName(strings(function.value(u"objname")))) > 0;
        } else if (type == u"OBJECT_TRIGGER") {
            // [schema.]table.trigger
            const QString trigger = names.last();
            Table *t = m_schema.table(qualifiedName(names.mid(0, names.size() - 1)));
            found = t && t->triggers.removeIf([&](const Trigger &x) { return x.name == trigger; }) > 0;
        } else {
            note(u"dropping objects a baseline does not hold changes nothing in it"_s);
            continue;
        }
        if (!found && !missingOk)
            return fail(u"\"%1\" does not exist"_s.arg(names.join(u'.')));
    }
    return true;
}

bool PostgresImporter::rename(const QJsonObject &stmt)
{
    const QString type = stmt.value(u"renameType").toString();
    const QString newName = stmt.value(u"newname").toString();
    const QString relation = relationName(stmt.value(u"relation").toObject());
    const bool missingOk = stmt.value(u"missing_ok").toBool();
    if (type == u"OBJECT_TABLE") {
        if (!renameEntry(&m_schema.tables, relation, newName))
            return missingOk ? true : fail(u"unknown table \"%1\""_s.arg(relation));
        for (Table &t : m_schema.tables) {
            for (Constraint &c : t.constraints) {
                if (c.refTable == relation)
                    c.refTable = newName;
            }
        }
        for (Sequence &s : m_schema.sequences) {
            if (s.ownedBy.startsWith(relation + u'.'))
                s.ownedBy = newName + s.ownedBy.mid(relation.size());
        }
        return true;
    }
    if (type == u"OBJECT_COLUMN") {
        Table *table = m_schema.table(relation);
        if (!table)
            return missingOk ? true : fail(u"unknown table \"%1\""_s.arg(relation));
        const QString old = stmt.value(u"subname").toString();
        Column *column = table->column(old);
        if (!column)
            return fail(u"column \"%1\" of table \"%2\" does not exist"_s.arg(old, relation));
        column->name = newName;
        for (QString &c : table->primaryKey)
            c = c == old ? newName : c;
        for (Index &i : table->indexes) {
            for (QString &c : i.columns)
                c = c == old ? newName : c;
            for (QString &c : i.include)
                c = c == old ? newName : c;
        }
        for (Constraint &k : table->constraints) {
            for (QString &c : k.columns)
                c = c == old ? newName : c;
        }
        for (Table &t : m_schema.tables) {
            for (Constraint &k : t.constraints) {
                if (k.refTable != relation)
                    continue;
                for (QString &c : k.refColumns)
                    c = c == old ? newName : c;
            }
        }
        for (Sequence &s : m_schema.sequences) {
            if (s.ownedBy == relation + u'.' + old)
                s.ownedBy = relation + u'.' + newName;
        }
        note(u"expressions (CHECKs, index expressions, defaults) keep the old column name: check them"_s);
        return true;
    }
    if (type == u"OBJECT_INDEX") {
        for (Table &t : m_schema.tables) {
            for (Index &i : t.indexes) {
                if (i.name == relation) {
                    i.name = newName;
                    return true;
                }
            }
            for (Constraint &c : t.constraints) { // the index of a key renames the key
                if (c.name == relation && (c.kind == Constraint::Kind::PrimaryKey || c.kind == Constraint::Kind::Unique)) {
                    c.name = newName;
                    return true;
                }
            }
        }
        return missingOk ? true : fail(u"unknown index \"%1\""_s.arg(relation));
    }
    if (type == u"OBJECT_TABCONSTRAINT") {
        Table *table = m_schema.table(relation);
        const QString old = stmt.value(u"subname").toString();
        if (table) {
            for (Constraint &c : table->constraints) {
                if (c.name == old) {
                    c.name = newName;
                    return true;
                }
            }
        }
        return fail(u"constraint \"%1\" of table \"%2\" does not exist"_s.arg(old, relation));
    }
    if (type == u"OBJECT_SEQUENCE") {
        if (!renameEntry(&m_schema.sequences, relation, newName))
            return missingOk ? true : fail(u"unknown sequence \"%1\""_s.arg(relation));
        for (Table &t : m_schema.tables) {
            for (Column &c : t.columns) {
                if (c.sequence == relation) {
                    c.sequence = newName;
                    c.defaultValue = nextvalDefault(newName);
                }
            }
        }
        return true;
    }
    if (type == u"OBJECT_VIEW") {
        if (!renameEntry(&m_schema.views, relation, newName))
            return missingOk ? true : fail(u"unknown view \"%1\""_s.arg(relation));
        return true;
    }
    if (type == u"OBJECT_TRIGGER") {
        Table *table = m_schema.table(relation);
        const QString old = stmt.value(u"subname").toString();
        for (qsizetype i = 0; table && i < table->triggers.size(); ++i) {
            if (table->triggers.at(i).name == old) {
                table->triggers[i].name = newName;
                note(u"a renamed trigger keeps its CREATE TRIGGER text under the old name: check it"_s);
                return true;
            }
        }
        return fail(u"trigger \"%1\" on \"%2\" does not exist"_s.arg(old, relation));
    }
    note(u"renaming objects a baseline does not hold changes nothing in it"_s);
    return true;
}

bool PostgresImporter::createView(const QJsonObject &stmt)
{
    const QJsonObject relation = stmt.value(u"view").toObject();
    const QString name = relationName(relation);
    if (m_schema.tables.contains(name))
        return fail(u"\"%1\" is already a table"_s.arg(name));
    if (m_schema.views.contains(name) && !stmt.value(u"replace").toBool())
        return fail(u"view \"%1\" is created twice"_s.arg(name));

    View view;
    view.name = name;
    QStringList output;
    if (!outputColumns(nodeBody(stmt.value(u"query")), &output))
        return false;
    // Explicit aliases rename the first columns; PostgreSQL allows fewer aliases than columns.
    view.columns = strings(stmt.value(u"aliases"));
    if (view.columns.size() > output.size())
        return fail(u"view \"%1\" names more columns than its query returns"_s.arg(name));
    view.columns += output.mid(view.columns.size());

    // The query is everything after the first AS at bracket depth 0 that follows the name.
    int depth = 0;
    int first = -1;
    for (int i = tokenAt(relation.value(u"location").toInt()); i < m_tokens.size(); ++i) {
        const Token &token = m_tokens.at(i);
        depth += token.kind == Token::Open ? 1 : token.kind == Token::Close ? -1 : 0;
        if (depth == 0 && isWord(m_source, token, "AS")) {
            first = i + 1;
            break;
        }
    }
    int last = int(m_tokens.size()) - 1;
    if (last >= 0 && m_tokens.at(last).kind == Token::Semicolon)
        --last;
    const QString checkOption = stmt.value(u"withCheckOption").toString();
    if (!checkOption.isEmpty() && checkOption != u"NO_CHECK_OPTION") { // WITH [..] CHECK OPTION
        last -= 2;
        if (last >= 0 && !isWord(m_source, m_tokens.at(last), "WITH"))
            --last;
        --last;
    }
    if (first >= 0 && first <= last) {
        const int begin = m_tokens.at(first).begin;
        view.definition = QString::fromUtf8(m_source.mid(begin, m_tokens.at(last).end - begin));
    }
    m_schema.views.insert(name, view);
    return true;
}

// The output column names of a SELECT (or of the left arm of a set operation).
bool PostgresImporter::outputColumns(const QJsonObject &select, QStringList *columns)
{
    if (select.value(u"op").toString(u"SETOP_NONE"_s) != u"SETOP_NONE")
        return outputColumns(select.value(u"larg").toObject(), columns);
    const QJsonArray values = select.value(u"valuesLists").toArray();
    if (!values.isEmpty()) {
        const int count = int(nodeBody(values.first()).value(u"items").toArray().size());
        for (int i = 1; i <= count; ++i)
            columns->append(u"column%1"_s.arg(i));
        return true;
    }
    for (const QJsonValue &node : select.value(u"targetList").toArray()) {
        const QJsonObject target = nodeBody(node);
        const QJsonValue value = target.value(u"val");
        if (target.contains(u"name")) {
            columns->append(target.value(u"name").toString());
            continue;
        }
        const QJsonArray fields = nodeBody(value).value(u"fields").toArray();
        if (nodeType(value) != u"ColumnRef" || nodeType(fields.last()) != u"A_Star") {
            columns->append(outputName(value));
            continue;
        }
        // "*" or "t.*": expand it from the one table (or view) the query reads.
        const QJsonArray from = select.value(u"fromClause").toArray();
        if (from.size() != 1 || nodeType(from.first()) != u"RangeVar")
            return fail(u"cannot expand * in a view that does not select from exactly one table"_s);
        const QJsonObject rangeVar = nodeBody(from.first());
        const QString relation = relationName(rangeVar);
        const QStringList qualifier = strings(fields);
        if (!qualifier.isEmpty() && qualifier.last() != rangeVar.value(u"relname").toString()
            && qualifier.last()
                   != rangeVar.value(u"alias").toObject().value(u"aliasname").toString())
            return fail(u"cannot expand %1.* in a view"_s.arg(qualifier.join(u'.')));
        if (const Table *table = m_schema.table(relation)) {
            for (const Column &column : table->columns)
                columns->append(column.name);
        } else if (m_schema.views.contains(relation)) {
            columns->append(m_schema.views.value(relation).columns);
        } else {
            return fail(u"cannot expand * in a view: unknown table \"%1\""_s.arg(relation));
        }
    }
    return true;
}

bool PostgresImporter::createProcedure(const QJsonObject &stmt)
{
    note(u"functions and procedures keep only their name and parameters: a baseline does not create them"_s);
    Procedure procedure;
    procedure.name = qualifiedName(strings(stmt.value(u"funcname")));
    if (m_schema.procedures.contains(procedure.name) && !stmt.value(u"replace").toBool())
        return fail(
            u"\"%1\" is created twice; overloaded routines cannot be mapped"_s.arg(procedure.name));
    int position = 0;
    for (const QJsonValue &node : stmt.value(u"parameters").toArray()) {
        const QJsonObject parameter = nodeBody(node);
        const QString mode = parameter.value(u"mode").toString();
        if (mode == u"FUNC_PARAM_OUT" || mode == u"FUNC_PARAM_TABLE")
            continue; // results, not something a caller passes
        ++position;
        Parameter p;
        p.name = parameter.value(u"name").toString();
        if (p.name.isEmpty())
            p.name = u"$%1"_s.arg(position);
        p.type = typeText(parameter.value(u"argType").toObject());
        if (parameter.contains(u"defexpr"))
            p.defaultValue = defaultText(parameter.value(u"defexpr"));
        procedure.parameters.append(p);
    }
    m_schema.procedures.insert(procedure.name, procedure);
    return true;
}

void PostgresImporter::resolveForeignKeys()
{
    // "REFERENCES t" without columns means t's primary key, which may be declared later.
    for (Table &table : m_schema.tables) {
        for (Constraint &constraint : table.constraints) {
            if (constraint.kind != Constraint::Kind::ForeignKey || !constraint.refColumns.isEmpty())
                continue;
            if (const Table *target = m_schema.table(constraint.refTable))
                constraint.refColumns = target->primaryKey;
        }
    }
}

// The source text of an expression node. `first`, when given, is the token it starts at;
// otherwise it starts at its leftmost located node, widened over opening brackets that the parse
// tree does not record (as in "(a + b) * 2"). It ends at a comma, semicolon or unbalanced closing
// bracket, or at a stop word once past its rightmost located node.
QString PostgresImporter::expressionText(const QJsonValue &expr,
                                         int first,
                                         const QByteArrayList &stopWords) const
{
    int low = -1;
    int high = -1;
    collectLocations(expr, &low, &high);
    if (low < 0 && first < 0)
        return QString();
    if (first < 0)
        first = tokenAt(low);
    int last = first - 1;
    for (;;) {
        int depth = 0;
        int i = first;
        last = first - 1;
        for (; i < m_tokens.size(); ++i) {
            const Token &token = m_tokens.at(i);
            if (depth == 0 && (token.kind == Token::Comma || token.kind == Token::Semicolon))
                break;
            if (token.kind == Token::Close && depth-- == 0)
                break;
            if (token.kind == Token::Open)
                ++depth;
            if (depth == 0 && token.begin > high
                && std::any_of(stopWords.cbegin(), stopWords.cend(), [&](const QByteArray &word) {
                       return isWord(m_source, token, word);
                   }))
                break;
            last = i;
        }
        const bool endedEarly = i < m_tokens.size() && m_tokens.at(i).begin <= high;
        if (!(endedEarly && first > 0 && m_tokens.at(first - 1).kind == Token::Open))
            break;
        --first;
    }
    if (last < first)
        return QString();
    const int begin = m_tokens.at(first).begin;
    return QString::fromUtf8(m_source.mid(begin, m_tokens.at(last).end - begin));
}

// The text of a default: it starts after the DEFAULT keyword (or "=" for routine parameters)
// that introduces it.
QString PostgresImporter::defaultText(const QJsonValue &expr, const QByteArrayList &stopWords) const
{
    int low = -1;
    int high = -1;
    collectLocations(expr, &low, &high);
    int first = -1;
    for (int i = 0; i < m_tokens.size() && m_tokens.at(i).begin < low; ++i) {
        const Token &token = m_tokens.at(i);
        if (isWord(m_source, token, "DEFAULT")
            || (token.kind == Token::Operator && token.end - token.begin == 1
                && m_source.at(token.begin) == '='))
            first = i + 1;
    }
    return expressionText(expr, first, stopWords);
}

int PostgresImporter::tokenAt(int location) const
{
    const auto it = std::lower_bound(m_tokens.cbegin(),
                                     m_tokens.cend(),
                                     location,
                                     [](const Token &token, int l) { return token.begin < l; });
    return int(it - m_tokens.cbegin());
}

QString PostgresImporter::quotedStatement(int limit) const
{
    if (m_tokens.isEmpty())
        return QString();
    // Leading comments and whitespace are not part of the statement; tokens skip them.
    int last = int(m_tokens.size()) - 1;
    if (last > 0 && m_tokens.at(last).kind == Token::Semicolon)
        --last;
    const int begin = m_tokens.first().begin;
    QString text
        = QString::fromUtf8(m_source.mid(begin, m_tokens.at(last).end - begin)).simplified();
    if (text.size() > limit)
        text = text.left(limit) + u'\u2026';
    return text;
}

bool PostgresImporter::fail(const QString &problem)
{
    m_error = u"statement %1: %2: \"%3\""_s.arg(m_number).arg(problem, quotedStatement());
    return false;
}

bool PostgresImporter::unmapped()
{
    m_error = u"cannot map statement %1 to a baseline schema: \"%2\""_s.arg(m_number).arg(
        quotedStatement());
    return false;
}

// "syntax error at or near ..." with where it happened and the statement it happened in.
QString parseErrorMessage(const QString &sql, const QByteArray &source, const PgQueryError &error,
                          bool useScanner = true)
{
    QString message = QString::fromUtf8(error.message);
    // "… at or near "<the rest of the file>"": the start of it is enough.
    static const QRegularExpression near(u"^(.* at or near \")(.*)\"$"_s,
                                         QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch nearText = near.match(message);
    if (nearText.hasMatch() && nearText.captured(2).size() > 60)
        message = nearText.captured(1) + nearText.captured(2).left(40).simplified() + u"\u2026\""_s;
    if (error.cursorpos <= 0)
        return message;
    // cursorpos counts characters (code points) from 1; find its UTF-16 index and byte offset.
    int index = 0;
    for (int characters = 1; characters < error.cursorpos && index < sql.size(); ++characters)
        index += (sql.at(index).isHighSurrogate() && index + 1 < sql.size()) ? 2 : 1;
    const int line = int(sql.left(index).count(u'\n')) + 1;
    // 1-based. At the first character there is no line before (and lastIndexOf(from = -1)
    // would search the whole text: an error at the first byte of a file said "column -55").
    const int lineStart = index > 0 ? int(sql.lastIndexOf(u'\n', index - 1)) : -1;
    const int column = index - lineStart;
    message += u" (line %1, column %2)"_s.arg(line).arg(column);

    // The statement around the error. libpg_query's scanner splits the input, but it fails on an
    // unterminated string and leaves out an incomplete last statement; then the statement runs
    // from the semicolon before the error to the one after it.
    const int offset = int(sql.left(index).toUtf8().size());
    int number = 0;
    int begin = -1;
    int end = -1;
    PgQuerySplitResult split = useScanner ? pg_query_split_with_scanner(source.constData()) : PgQuerySplitResult{};
    for (int i = 0; useScanner && !split.error && i < split.n_stmts; ++i) {
        const PgQuerySplitStmt *stmt = split.stmts[i];
        const int stmtEnd = stmt->stmt_len > 0 ? stmt->stmt_location + stmt->stmt_len
                                               : int(source.size());
        if (offset >= stmt->stmt_location && offset <= stmtEnd) {
            number = i + 1;
            begin = stmt->stmt_location;
            end = stmtEnd;
            break;
        }
    }
    if (useScanner)
        pg_query_free_split_result(split);
    if (begin < 0) {
        const QList<Token> all = tokenize(source, 0, int(source.size()));
        begin = 0;
        end = int(source.size());
        bool content = false;
        for (const Token &token : all) {
            if (token.kind != Token::Semicolon) {
                content = true;
            } else if (token.begin < offset) {
                begin = token.end;
                number += content ? 1 : 0;
                content = false;
            } else {
                end = token.begin;
                break;
            }
        }
        ++number;
    }
    const QList<Token> tokens = tokenize(source, begin, end);
    if (tokens.isEmpty())
        return message;
    QString text = QString::fromUtf8(
                       source.mid(tokens.first().begin, tokens.last().end - tokens.first().begin))
                       .simplified();
    if (text.size() > 200)
        text = text.left(200) + u'\u2026';
    return message + u" in statement %1: \"%2\""_s.arg(number).arg(text);
}

/**
 * Blanks (with spaces, so that offsets stay) what a DDL file may hold that is no SQL statement:
 * the rows after COPY … FROM stdin up to the line "\.", and psql's backslash commands. Each is
 * named in @p notes.
 */
QByteArray blankClientText(const QByteArray &source, QStringList *notes)
{
    QByteArray text = source;
    static const QRegularExpression copy(u"^\\s*COPY\\s.*\\bFROM\\s+stdin\\b.*;\\s*$"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    auto blank = [&text](int from, int to) {
        for (int i = from; i < to; ++i) {
            if (text[i] != '\n')
                text[i] = ' ';
        }
    };
    int copies = 0, rows = 0;
    QStringList commands;
    // Line starts inside a string literal or quoted identifier are left alone.
    int pos = 0;
    bool inCopy = false;
    while (pos < text.size()) {
        int end = int(text.indexOf('\n', pos));
        if (end < 0)
            end = int(text.size());
        const QByteArray line = text.mid(pos, end - pos);
        if (inCopy) {
            if (line.trimmed() == "\\.")
                inCopy = false;
            else
                ++rows;
            blank(pos, end);
        } else if (copy.match(QString::fromUtf8(line)).hasMatch()) {
            inCopy = true;
            ++copies;
        }
        pos = end + 1;
    }
    const QList<Token> tokens = tokenize(text, 0, int(text.size()));
    qsizetype t = 0;
    for (pos = 0; pos < text.size();) {
        int end = int(text.indexOf('\n', pos));
        if (end < 0)
            end = int(text.size());
        while (t < tokens.size() && tokens.at(t).end <= pos)
            ++t;
        const bool inside = t < tokens.size() && tokens.at(t).begin < pos;
        const QByteArray line = text.mid(pos, end - pos).trimmed();
        if (!inside && line.startsWith('\\')) {
            commands << QString::fromUtf8(line.left(40));
            blank(pos, end);
        }
        pos = end + 1;
    }
    if (copies > 0)
        *notes << u"rows are data, not schema: %1 row(s) after COPY … FROM stdin skipped"_s.arg(rows);
    if (!commands.isEmpty())
        *notes << u"psql commands are not SQL: %1 skipped (%2)"_s.arg(commands.size()).arg(commands.first());
    return text;
}

} // namespace

bool DdlImporter::importPostgres(const QString &sql, Schema *schema, QString *error, QStringList *notes)
{
    if (sql.contains(QChar(0))) { // the parser would stop reading there
        if (error)
            *error = u"the DDL contains a NUL character"_s;
        return false;
    }
    QStringList found;
    const QByteArray source = blankClientText(sql.toUtf8(), &found);
    // An unterminated comment is found here in one pass: libpg_query takes seconds over deeply
    // nested ones.
    int openComment = -1;
    tokenize(source, 0, int(source.size()), &openComment);
    if (openComment >= 0) {
        if (error) {
            const QByteArray near = source.mid(openComment);
            const QByteArray message = "unterminated /* comment at or near \"" + near + '"';
            PgQueryError problem{};
            problem.message = const_cast<char *>(message.constData());
            problem.cursorpos = int(QString::fromUtf8(source.left(openComment)).toUcs4().size()) + 1;
            *error = parseErrorMessage(sql, source, problem, false);
        }
        return false;
    }
    PgQueryParseResult result = pg_query_parse(source.constData());
    if (result.error) {
        if (error)
            *error = parseErrorMessage(sql, source, *result.error);
        pg_query_free_parse_result(result);
        return false;
    }
    QJsonParseError jsonError;
    const QJsonDocument tree = QJsonDocument::fromJson(QByteArray(result.parse_tree), &jsonError);
    pg_query_free_parse_result(result);
    if (tree.isNull()) { // does not happen unless libpg_query changes its output
        if (error)
            *error = u"cannot read the parse tree: %1"_s.arg(jsonError.errorString());
        return false;
    }

    PostgresImporter importer(source);
    if (!importer.run(tree.object().value(u"stmts").toArray())) {
        if (error)
            *error = importer.error();
        return false;
    }
    *schema = importer.schema();
    if (notes)
        *notes = found + importer.notes();
    return true;
}

} // namespace Tideline
