// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemadiff.h"

#include "dialect.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <functional>

namespace Tideline {

namespace {

const QString SyncPrefix = QStringLiteral("tideline_sync_");

QString list(const QStringList &columns)
{
    return QLatin1Char('(') + columns.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString nullability(bool nullable)
{
    return nullable ? QStringLiteral("NULL") : QStringLiteral("NOT NULL");
}

bool isMysql(const QString &dialect)
{
    return dialect == QLatin1String("mysql");
}

bool isSqlite(const QString &dialect)
{
    return dialect == QLatin1String("sqlite");
}

bool isPostgres(const QString &dialect)
{
    return dialect == QLatin1String("postgresql");
}

// ---------------------------------------------------------------------------------------------
// Expressions as tokens

struct Token
{
    enum Kind { Word, Number, String, Symbol };
    Kind kind = Word;
    QString text;
    bool operator==(const Token &o) const { return kind == o.kind && text == o.text; }
};

bool isWord(const QList<Token> &t, int i, const char *word)
{
    return i >= 0 && i < t.size() && t.at(i).kind == Token::Word && t.at(i).text == QLatin1String(word);
}

bool isSymbol(const QList<Token> &t, int i, const char *symbol)
{
    return i >= 0 && i < t.size() && t.at(i).kind == Token::Symbol && t.at(i).text == QLatin1String(symbol);
}

QString canonicalNumber(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? QString::number(value, 'g', 15) : text;
}

QList<Token> tokenize(const QString &sql)
{
    QList<Token> out;
    int i = 0;
    const int n = int(sql.size());
    static const QStringList symbols{QStringLiteral("!~~*"), QStringLiteral("~~*"), QStringLiteral("!~~"),
                                     QStringLiteral("::"),   QStringLiteral("<>"),  QStringLiteral("!="),
                                     QStringLiteral(">="),   QStringLiteral("<="),  QStringLiteral("||"),
                                     QStringLiteral("~~"),   QStringLiteral("==")};
    while (i < n) {
        const QChar ch = sql.at(i);
        if (ch.isSpace()) {
            ++i;
            continue;
        }
        if (ch == QLatin1Char('\'')) { // a string literal, '' inside it
            int j = i + 1;
            for (; j < n; ++j) {
                if (sql.at(j) == QLatin1Char('\'')) {
                    if (j + 1 < n && sql.at(j + 1) == QLatin1Char('\''))
                        ++j;
                    else
                        break;
                }
            }
            out.append({Token::String, sql.mid(i, j - i + 1)});
            i = j + 1;
            continue;
        }
        if (ch == QLatin1Char('"') || ch == QLatin1Char('`') || ch == QLatin1Char('[')) { // quoted identifier
            const QChar close = ch == QLatin1Char('[') ? QLatin1Char(']') : ch;
            int j = i + 1;
            QString name;
            for (; j < n; ++j) {
                if (sql.at(j) == close) {
                    if (close != QLatin1Char(']') && j + 1 < n && sql.at(j + 1) == close) {
                        name += close;
                        ++j;
                        continue;
                    }
                    break;
                }
                name += sql.at(j);
            }
            // A bracket is an identifier only where an identifier may stand (SQLite, SQL Server);
            // after a word or ] it opens an array subscript or literal (PostgreSQL ARRAY[...]).
            const bool subscript = ch == QLatin1Char('[') && !out.isEmpty()
                                   && (isWord(out, int(out.size()) - 1, "array") || out.last().kind != Token::Symbol);
            if (subscript) {
                out.append({Token::Symbol, QStringLiteral("[")});
                ++i;
                continue;
            }
            out.append({Token::Word, name.toLower()});
            i = j + 1;
            continue;
        }
        if (ch.isDigit() || (ch == QLatin1Char('.') && i + 1 < n && sql.at(i + 1).isDigit())) {
            static const QRegularExpression number(QStringLiteral(R"(\d*\.?\d+(?:[eE][+-]?\d+)?)"));
            const auto m = number.match(sql, i, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
            out.append({Token::Number, canonicalNumber(m.captured(0))});
            i += int(m.capturedLength(0));
            continue;
        }
        if (ch.isLetter() || ch == QLatin1Char('_')) {
            int j = i;
            while (j < n && (sql.at(j).isLetterOrNumber() || sql.at(j) == QLatin1Char('_') || sql.at(j) == QLatin1Char('$')))
                ++j;
            out.append({Token::Word, sql.mid(i, j - i).toLower()});
            i = j;
            continue;
        }
        bool matched = false;
        for (const QString &s : symbols) {
            if (sql.mid(i, s.size()) == s) {
                out.append({Token::Symbol, s});
                i += int(s.size());
                matched = true;
                break;
            }
        }
        if (!matched) {
            out.append({Token::Symbol, QString(ch)});
            ++i;
        }
    }
    return out;
}

/** Index of the parenthesis (or bracket) closing the one at @p open; -1 when none. */
int closing(const QList<Token> &t, int open)
{
    const QString opening = t.at(open).text;
    const QString close = opening == QLatin1String("[") ? QStringLiteral("]") : QStringLiteral(")");
    int depth = 0;
    for (int i = open; i < t.size(); ++i) {
        if (t.at(i).kind != Token::Symbol)
            continue;
        if (t.at(i).text == opening)
            ++depth;
        else if (t.at(i).text == close && --depth == 0)
            return i;
    }
    return -1;
}

/** Removes `::type` casts: the type's words, its (n, m) and its []. A cast string that holds a
 *  number is the number (PostgreSQL prints DEFAULT -1 as '-1'::integer). */
void dropCasts(QList<Token> *t)
{
    static const QSet<QString> continuing{QStringLiteral("precision"), QStringLiteral("varying"),
                                          QStringLiteral("with"),      QStringLiteral("without"),
                                          QStringLiteral("time"),      QStringLiteral("zone")};
    for (int i = 0; i < t->size(); ++i) {
        if (!isSymbol(*t, i, "::"))
            continue;
        int end = i + 1;
        if (end < t->size() && t->at(end).kind == Token::Word)
            ++end;
        while (end < t->size() && t->at(end).kind == Token::Word && continuing.contains(t->at(end).text))
            ++end;
        if (isSymbol(*t, end, "(")) {
            const int close = closing(*t, end);
            if (close > 0)
                end = close + 1;
        }
        while (isSymbol(*t, end, "[") && isSymbol(*t, end + 1, "]"))
            end += 2;
        if (i > 0 && t->at(i - 1).kind == Token::String) {
            const QString inside = t->at(i - 1).text.mid(1, t->at(i - 1).text.size() - 2);
            bool number = false;
            inside.toDouble(&number);
            if (number)
                (*t)[i - 1] = {Token::Number, canonicalNumber(inside)};
        }
        t->remove(i, end - i);
        --i;
    }
}

/** CAST(expr AS type) -> expr. */
void dropCastCalls(QList<Token> *t)
{
    for (int i = 0; i < t->size(); ++i) {
        if (!isWord(*t, i, "cast") || !isSymbol(*t, i + 1, "("))
            continue;
        const int close = closing(*t, i + 1);
        if (close < 0)
            continue;
        int as = -1, depth = 0;
        for (int j = i + 2; j < close && as < 0; ++j) {
            if (isSymbol(*t, j, "("))
                ++depth;
            else if (isSymbol(*t, j, ")"))
                --depth;
            else if (depth == 0 && isWord(*t, j, "as"))
                as = j;
        }
        if (as < 0)
            continue;
        const QList<Token> inner = t->mid(i + 2, as - i - 2);
        t->remove(i, close - i + 1);
        for (int k = 0; k < inner.size(); ++k)
            t->insert(i + k, inner.at(k));
        --i;
    }
}

/** `x = ANY (ARRAY[a, b])` -> `x IN (a, b)`; `x <> ALL (ARRAY[...])` -> `x NOT IN (...)`: the
 *  operators become IN, and ARRAY and its brackets go (parentheses go later anyway). */
void arraysAsLists(QList<Token> *t)
{
    for (int i = 0; i < t->size(); ++i) {
        if (isSymbol(*t, i, "=") && isWord(*t, i + 1, "any")) {
            t->remove(i, 2);
            t->insert(i, {Token::Word, QStringLiteral("in")});
        } else if (isSymbol(*t, i, "<>") && isWord(*t, i + 1, "all")) {
            t->remove(i, 2);
            t->insert(i, {Token::Word, QStringLiteral("in")});
            t->insert(i, {Token::Word, QStringLiteral("not")});
        } else if (isWord(*t, i, "array") || isSymbol(*t, i, "[") || isSymbol(*t, i, "]")) {
            t->remove(i);
            --i;
        }
    }
}

QString joined(const QList<Token> &tokens)
{
    QStringList parts;
    for (const Token &token : tokens)
        parts << token.text;
    return parts.join(QLatin1Char(' '));
}

QList<Token> canonicalTokens(const QString &sql)
{
    QList<Token> t = tokenize(sql);
    // MySQL's charset introducers: _utf8mb4'text'.
    for (int i = 0; i + 1 < t.size(); ++i) {
        if (t.at(i).kind == Token::Word && t.at(i).text.startsWith(QLatin1Char('_')) && t.at(i + 1).kind == Token::String)
            t.remove(i);
    }
    dropCastCalls(&t);
    dropCasts(&t);
    arraysAsLists(&t);
    QList<Token> out;
    for (int i = 0; i < t.size(); ++i) {
        Token token = t.at(i);
        if (token.kind == Token::Symbol && (token.text == QLatin1String("(") || token.text == QLatin1String(")")))
            continue;
        if (token.kind == Token::Symbol) {
            if (token.text == QLatin1String("!="))
                token.text = QStringLiteral("<>");
            else if (token.text == QLatin1String("=="))
                token.text = QStringLiteral("=");
            else if (token.text == QLatin1String("~~") || token.text == QLatin1String("~~*") || token.text == QLatin1String("!~~")
                     || token.text == QLatin1String("!~~*")) {
                if (token.text.startsWith(QLatin1Char('!')))
                    out.append({Token::Word, QStringLiteral("not")});
                token = {Token::Word, token.text.endsWith(QLatin1Char('*')) ? QStringLiteral("ilike") : QStringLiteral("like")};
            }
            // A minus that starts an operand belongs to its number.
            if (token.text == QLatin1String("-") && i + 1 < t.size() && t.at(i + 1).kind == Token::Number
                && (out.isEmpty() || out.last().kind == Token::Symbol || isWord(out, int(out.size()) - 1, "and")
                    || isWord(out, int(out.size()) - 1, "or"))) {
                out.append({Token::Number, canonicalNumber(QLatin1Char('-') + t.at(i + 1).text)});
                ++i;
                continue;
            }
        }
        if (token.kind == Token::Word) {
            if (token.text == QLatin1String("now") || token.text == QLatin1String("localtimestamp"))
                token.text = QStringLiteral("current_timestamp");
            else if (token.text == QLatin1String("lcase")) // MariaDB's spellings
                token.text = QStringLiteral("lower");
            else if (token.text == QLatin1String("ucase"))
                token.text = QStringLiteral("upper");
            else if (token.text == QLatin1String("character_length"))
                token.text = QStringLiteral("char_length");
            if (token.text == QLatin1String("true"))
                token = {Token::Number, QStringLiteral("1")};
            else if (token.text == QLatin1String("false"))
                token = {Token::Number, QStringLiteral("0")};
            if (token.text == QLatin1String("current_timestamp") && i + 1 < t.size() && isSymbol(t, i + 1, "(")
                && i + 3 < t.size() && t.at(i + 2).kind == Token::Number && isSymbol(t, i + 3, ")"))
                i += 3; // its precision
        }
        out.append(token);
    }
    // x BETWEEN a AND b -> x >= a AND x <= b, for operands of one token.
    for (int i = 1; i + 3 < out.size(); ++i) {
        if (!isWord(out, i, "between") || !isWord(out, i + 2, "and"))
            continue;
        const Token x = out.at(i - 1), a = out.at(i + 1), b = out.at(i + 3);
        const QList<Token> rewritten{x, {Token::Symbol, QStringLiteral(">=")}, a, {Token::Word, QStringLiteral("and")},
                                     x, {Token::Symbol, QStringLiteral("<=")}, b};
        out.remove(i - 1, 5);
        for (int k = 0; k < rewritten.size(); ++k)
            out.insert(i - 1 + k, rewritten.at(k));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Column attributes as the engine holds them

/** MySQL's `character set`/`collate` written into a type (as LiveCatalog reads them), split off. */
QString splitCharset(const QString &type, QString *charset, QString *collation)
{
    static const QRegularExpression set(QStringLiteral(R"(\s+(?:character set|charset)\s+(\S+))"),
                                        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression collate(QStringLiteral(R"(\s+collate\s+(\S+))"), QRegularExpression::CaseInsensitiveOption);
    QString t = type;
    const auto s = set.match(t);
    if (s.hasMatch()) {
        if (charset->isEmpty())
            *charset = s.captured(1);
        t.remove(s.capturedStart(), s.capturedLength());
    }
    const auto c = collate.match(t);
    if (c.hasMatch()) {
        if (collation->isEmpty())
            *collation = c.captured(1);
        t.remove(c.capturedStart(), c.capturedLength());
    }
    return t.trimmed();
}

/** A character set as compared: empty for the default (MySQL tables are created in utf8mb4). */
QString charsetOf(const QString &charset, const QString &tableCharset)
{
    const QString c = charset.trimmed().toLower();
    const QString table = tableCharset.trimmed().toLower();
    if (c.isEmpty() || c == QLatin1String("utf8mb4") || c == table)
        return {};
    return c == QLatin1String("utf8") ? QStringLiteral("utf8mb3") : c;
}

/** A collation as compared: empty for the default (of the engine, or of the character set). */
QString collationOf(const QString &collation, const QString &dialect, const QString &tableCollation = {})
{
    QString c = collation.trimmed().toLower();
    c.remove(QLatin1Char('"'));
    if (c == QLatin1String("default") || c == tableCollation.trimmed().toLower())
        return {};
    if (isSqlite(dialect) && c == QLatin1String("binary"))
        return {};
    if (isMysql(dialect)) {
        static const QStringList defaults{QStringLiteral("utf8mb4_general_ci"), QStringLiteral("utf8mb4_0900_ai_ci"),
                                          QStringLiteral("utf8mb4_uca1400_ai_ci"), QStringLiteral("utf8mb3_general_ci"),
                                          QStringLiteral("utf8_general_ci"), QStringLiteral("latin1_swedish_ci")};
        if (defaults.contains(c))
            return {};
    }
    return c;
}

/** The sequence a column draws from: its own, or the one its nextval() default names. */
QString sequenceOf(const Column &c)
{
    if (!c.sequence.isEmpty())
        return c.sequence;
    static const QRegularExpression nextval(
        QStringLiteral(R"(^nextval\(\(?'((?:[^']|'')*)'(?:::text\))?(?:::regclass)?\)$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = nextval.match(c.defaultValue.trimmed());
    if (!m.hasMatch())
        return {};
    QString name = m.captured(1).replace(QStringLiteral("''"), QStringLiteral("'"));
    if (name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')) && name.size() > 1)
        name = name.mid(1, name.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
    return name;
}

/** How the engine fills a column by itself, as far as it can tell the kinds apart. */
Column::Identity identityOn(const Column &c, const Table &table, const QString &dialect)
{
    Column::Identity kind = c.effectiveIdentity();
    // PostgreSQL: a nextval() default is a column filled from a sequence, declared so or not
    // (the importer and the catalog reader say Identity::Sequence; a plan's JSON may not).
    if (kind == Column::Identity::None && isPostgres(dialect) && !sequenceOf(c).isEmpty())
        kind = Column::Identity::Sequence;
    // SQLite: a table's only key column of type INTEGER is the rowid, whatever the plan says.
    if (kind == Column::Identity::None && isSqlite(dialect) && !table.withoutRowid && table.primaryKey == QStringList{c.name}
        && c.type.trimmed().compare(QLatin1String("integer"), Qt::CaseInsensitive) == 0)
        kind = Column::Identity::ByDefault;
    if (kind == Column::Identity::None)
        return kind;
    if (isSqlite(dialect))
        return kind == Column::Identity::AutoIncrement ? kind : Column::Identity::ByDefault;
    if (isPostgres(dialect))
        return kind == Column::Identity::AutoIncrement ? Column::Identity::ByDefault : kind;
    return Column::Identity::ByDefault; // MySQL AUTO_INCREMENT, SQL Server IDENTITY: one kind
}

QString identityText(Column::Identity kind)
{
    return kind == Column::Identity::None ? QString() : Column::identityName(kind);
}

// ---------------------------------------------------------------------------------------------
// Indexes and constraints

/** An index as compared: entries that are expressions normalized, unique constraints of MySQL
 *  folded in. */
struct IndexView
{
    Index index;
    QStringList key;     // columns, and expressions normalized
    bool anyName = false; // an unnamed UNIQUE constraint: the engine names it
};

QList<IndexView> indexesOf(const Table &table, const QString &dialect)
{
    QList<IndexView> out;
    const auto view = [&](const Index &i, bool anyName) {
        IndexView v{i, {}, anyName};
        for (const QString &entry : i.columns)
            v.key << (table.column(entry) ? entry : SchemaDiff::normalizeExpression(entry, dialect));
        return v;
    };
    for (const Index &i : table.indexes)
        out << view(i, false);
    if (isMysql(dialect)) {
        for (const Constraint &c : table.constraints) {
            if (c.kind != Constraint::Kind::Unique)
                continue;
            Index i;
            i.name = c.name;
            i.columns = c.columns;
            i.unique = true;
            out << view(i, c.name.isEmpty());
        }
    }
    return out;
}

QString describe(const Index &index)
{
    return (index.unique ? QStringLiteral("unique index ") : QStringLiteral("index ")) + index.name + QLatin1Char(' ')
           + list(index.columns);
}

/** What an index is beyond its key, in the words of what the engine holds: "" when plain. */
QString definition(const Index &index, const QString &dialect)
{
    QStringList parts;
    const bool filtered = isPostgres(dialect) || isSqlite(dialect) || dialect == QLatin1String("sqlserver");
    if (filtered && !index.where.trimmed().isEmpty())
        parts << QStringLiteral("where ") + SchemaDiff::normalizeExpression(index.where, dialect);
    if ((isPostgres(dialect) || dialect == QLatin1String("sqlserver")) && !index.include.isEmpty())
        parts << QStringLiteral("include ") + list(index.include);
    QStringList entries;
    bool shaped = false; // a prefix length or a descending entry
    for (int i = 0; i < index.columns.size(); ++i) {
        QString entry = index.columns.at(i);
        if (isMysql(dialect) && index.length(i) > 0)
            entry += QStringLiteral("(%1)").arg(index.length(i));
        if (index.isDescending(i))
            entry += QStringLiteral(" DESC");
        shaped = shaped || entry != index.columns.at(i);
        entries << entry;
    }
    if (shaped)
        parts << list(entries);
    QString method = index.method.trimmed().toLower();
    if (method == QLatin1String("btree"))
        method.clear();
    if (!method.isEmpty() && !isSqlite(dialect))
        parts << QStringLiteral("using ") + method;
    return parts.join(QStringLiteral("; "));
}

/** What identifies a UNIQUE or FOREIGN KEY constraint across engines; empty for others. */
QString constraintKey(const Constraint &c, const QString &dialect)
{
    switch (c.kind) {
    case Constraint::Kind::PrimaryKey:
    case Constraint::Kind::Check:
        return {}; // the primary key is compared on its own; CHECKs by name or expression
    case Constraint::Kind::Unique:
        return isMysql(dialect) ? QString() : QStringLiteral("unique ") + list(c.columns); // MySQL: an index
    case Constraint::Kind::ForeignKey:
        return QStringLiteral("foreign key %1 references %2 %3").arg(list(c.columns), c.refTable, list(c.refColumns));
    }
    return {};
}

QString actionOf(const QString &action, const QString &dialect)
{
    const QString a = action.simplified().toUpper();
    if (a.isEmpty() || a == QLatin1String("NO ACTION") || (isMysql(dialect) && a == QLatin1String("RESTRICT")))
        return QStringLiteral("NO ACTION");
    return a;
}

/** A foreign key's behaviour beyond its columns. */
QString behaviour(const Constraint &c, const QString &dialect)
{
    QString text = QStringLiteral("ON DELETE %1 ON UPDATE %2").arg(actionOf(c.onDelete, dialect), actionOf(c.onUpdate, dialect));
    if ((isPostgres(dialect) || isSqlite(dialect)) && c.deferrable)
        text += c.initiallyDeferred ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED") : QStringLiteral(" DEFERRABLE");
    return text;
}

using Add = std::function<void(const QString &, const QString &, const QString &, const QString &)>;

void compareColumns(const Table &want, const Table &have, const QString &dialect, const Add &add)
{
    const Dialect *engine = Dialect::forName(dialect);
    const bool mysql = isMysql(dialect), sqlite = isSqlite(dialect);
    for (const Column &c : want.columns) {
        const QString object = want.name + QLatin1Char('.') + c.name;
        const Column *h = have.column(c.name);
        if (!h) {
            add(QStringLiteral("missing_column"), object, c.type, {});
            continue;
        }
        QString wantCharset = c.charset, haveCharset = h->charset, wantCollation = c.collation, haveCollation = h->collation;
        const QString wantType = mysql ? splitCharset(c.type, &wantCharset, &wantCollation) : c.type;
        const QString haveType = mysql ? splitCharset(h->type, &haveCharset, &haveCollation) : h->type;
        const Column::Identity wantIdentity = identityOn(c, want, dialect), haveIdentity = identityOn(*h, have, dialect);
        const bool bothIdentity = wantIdentity != Column::Identity::None && haveIdentity != Column::Identity::None;

        const QString haveNormal = SchemaDiff::normalizeType(haveType, dialect);
        const QString createdAs = engine ? SchemaDiff::normalizeType(engine->mapType(wantType), dialect) : QString();
        const bool sameType = SchemaDiff::normalizeType(wantType, dialect) == haveNormal
                              || (engine && (createdAs == haveNormal || createdAs == SchemaDiff::normalizeType(engine->mapType(haveType), dialect)))
                              || bothIdentity;
        if (!sameType)
            add(QStringLiteral("type"), object, c.type, h->type);
        // SQLite's rowid alias (INTEGER PRIMARY KEY) is never NULL, whether declared so or not.
        const bool wantNullable = c.nullable && !(sqlite && wantIdentity != Column::Identity::None);
        const bool haveNullable = h->nullable && !(sqlite && haveIdentity != Column::Identity::None);
        if (wantNullable != haveNullable)
            add(QStringLiteral("nullable"), object, nullability(wantNullable), nullability(haveNullable));
        if (wantIdentity != haveIdentity)
            add(QStringLiteral("identity"), object, identityText(wantIdentity), identityText(haveIdentity));
        else if (wantIdentity == Column::Identity::Sequence && isPostgres(dialect) && sequenceOf(c) != sequenceOf(*h))
            add(QStringLiteral("identity"), object, QStringLiteral("sequence ") + sequenceOf(c),
                QStringLiteral("sequence ") + sequenceOf(*h));
        if (c.generated != h->generated) {
            add(QStringLiteral("generated"), object, c.generated ? c.generatedExpression : QString(),
                h->generated ? h->generatedExpression : QString());
        } else if (c.generated) {
            const bool storedMatters = mysql || sqlite;
            if (SchemaDiff::normalizeExpression(c.generatedExpression, dialect)
                    != SchemaDiff::normalizeExpression(h->generatedExpression, dialect)
                || (storedMatters && c.generatedStored != h->generatedStored))
                add(QStringLiteral("generated"), object,
                    c.generatedExpression + (c.generatedStored ? QStringLiteral(" stored") : QStringLiteral(" virtual")),
                    h->generatedExpression + (h->generatedStored ? QStringLiteral(" stored") : QStringLiteral(" virtual")));
        }
        if (wantIdentity == Column::Identity::None && haveIdentity == Column::Identity::None && !c.generated && !h->generated
            && SchemaDiff::normalizeDefault(c.defaultValue, dialect) != SchemaDiff::normalizeDefault(h->defaultValue, dialect))
            add(QStringLiteral("default"), object, c.defaultValue, h->defaultValue);
        if (dialect != QLatin1String("sqlserver")
            && collationOf(wantCollation, dialect, want.collation) != collationOf(haveCollation, dialect, have.collation))
            add(QStringLiteral("collation"), object, wantCollation, haveCollation);
        if (mysql && charsetOf(wantCharset, want.charset) != charsetOf(haveCharset, have.charset))
            add(QStringLiteral("charset"), object, wantCharset, haveCharset);
        if (!sqlite && c.comment.trimmed() != h->comment.trimmed())
            add(QStringLiteral("comment"), object, c.comment, h->comment);
    }
    for (const Column &h : have.columns) {
        if (!want.column(h.name))
            add(QStringLiteral("extra_column"), want.name + QLatin1Char('.') + h.name, {}, h.type);
    }
}

void compareIndexes(const Table &want, const Table &have, const QString &dialect, const Add &add)
{
    // The same name first, then the same key and uniqueness under another name.
    QList<IndexView> unmatched = indexesOf(have, dialect);
    QList<IndexView> missing;
    QList<QPair<IndexView, IndexView>> matched;
    for (const IndexView &i : indexesOf(want, dialect)) {
        const auto exact = std::find_if(unmatched.begin(), unmatched.end(), [&](const IndexView &h) {
            return h.key == i.key && h.index.unique == i.index.unique && (h.index.name == i.index.name || i.anyName || h.anyName);
        });
        if (exact != unmatched.end()) {
            matched.append({i, *exact});
            unmatched.erase(exact);
        } else {
            missing.append(i);
        }
    }
    for (const IndexView &i : std::as_const(missing)) {
        const QString object = want.name + QStringLiteral(" index ") + list(i.index.columns);
        const auto renamed = std::find_if(unmatched.begin(), unmatched.end(), [&](const IndexView &h) {
            return h.key == i.key && h.index.unique == i.index.unique;
        });
        if (renamed != unmatched.end()) {
            add(QStringLiteral("index_name"), object, i.index.name, renamed->index.name);
            matched.append({i, *renamed});
            unmatched.erase(renamed);
        } else {
            add(QStringLiteral("missing_index"), object, describe(i.index), {});
        }
    }
    for (const IndexView &h : std::as_const(unmatched))
        add(QStringLiteral("extra_index"), want.name + QStringLiteral(" index ") + list(h.index.columns), {}, describe(h.index));
    for (const auto &[w, h] : std::as_const(matched)) {
        const QString wantDefinition = definition(w.index, dialect), haveDefinition = definition(h.index, dialect);
        if (wantDefinition != haveDefinition)
            add(QStringLiteral("index_definition"), want.name + QStringLiteral(" index ") + h.index.name,
                wantDefinition.isEmpty() ? QStringLiteral("plain") : wantDefinition,
                haveDefinition.isEmpty() ? QStringLiteral("plain") : haveDefinition);
    }
}

void compareConstraints(const Table &want, const Table &have, const QString &dialect, const Add &add)
{
    // UNIQUE and FOREIGN KEY by what they cover; a foreign key's actions then.
    QList<int> haveUsed;
    for (const Constraint &c : want.constraints) {
        const QString key = constraintKey(c, dialect);
        if (key.isEmpty())
            continue;
        int at = -1;
        for (int i = 0; i < have.constraints.size() && at < 0; ++i) {
            if (!haveUsed.contains(i) && constraintKey(have.constraints.at(i), dialect) == key)
                at = i;
        }
        if (at < 0) {
            add(QStringLiteral("missing_constraint"), want.name + QLatin1Char(' ') + key, c.name.isEmpty() ? key : c.name, {});
            continue;
        }
        haveUsed << at;
        const Constraint &h = have.constraints.at(at);
        if (c.kind == Constraint::Kind::ForeignKey && behaviour(c, dialect) != behaviour(h, dialect))
            add(QStringLiteral("constraint_definition"), want.name + QLatin1Char(' ') + key, behaviour(c, dialect),
                behaviour(h, dialect));
    }
    // CHECKs: a named one by its name, then its expression; an unnamed one by its expression.
    QList<int> checksUsed;
    const auto checkAt = [&](const std::function<bool(const Constraint &)> &test) {
        for (int i = 0; i < have.constraints.size(); ++i) {
            const Constraint &h = have.constraints.at(i);
            if (h.kind == Constraint::Kind::Check && !checksUsed.contains(i) && test(h))
                return i;
        }
        return -1;
    };
    for (const Constraint &c : want.constraints) {
        if (c.kind != Constraint::Kind::Check)
            continue;
        const QString expression = SchemaDiff::normalizeExpression(c.expression, dialect);
        const int byName = c.name.isEmpty() ? -1 : checkAt([&](const Constraint &h) {
            return h.name.compare(c.name, Qt::CaseInsensitive) == 0;
        });
        const int at = byName >= 0 || !c.name.isEmpty() ? byName : checkAt([&](const Constraint &h) {
            return SchemaDiff::normalizeExpression(h.expression, dialect) == expression;
        });
        const QString object = want.name + QStringLiteral(" check ") + (c.name.isEmpty() ? c.expression : c.name.toLower());
        if (at < 0) {
            add(QStringLiteral("missing_constraint"), object, c.name.isEmpty() ? c.expression : c.name, {});
            continue;
        }
        checksUsed << at;
        const Constraint &h = have.constraints.at(at);
        // An engine that does not say a CHECK's expression (old MySQL) leaves it empty.
        if (!h.expression.isEmpty() && SchemaDiff::normalizeExpression(h.expression, dialect) != expression)
            add(QStringLiteral("constraint_definition"), object, c.expression, h.expression);
    }
    for (int i = 0; i < have.constraints.size(); ++i) {
        const Constraint &h = have.constraints.at(i);
        if (h.kind == Constraint::Kind::Check) {
            if (!checksUsed.contains(i))
                add(QStringLiteral("extra_constraint"),
                    want.name + QStringLiteral(" check ") + (h.name.isEmpty() ? h.expression : h.name.toLower()), {},
                    h.name.isEmpty() ? h.expression : h.name);
            continue;
        }
        const QString key = constraintKey(h, dialect);
        if (!key.isEmpty() && !haveUsed.contains(i))
            add(QStringLiteral("extra_constraint"), want.name + QLatin1Char(' ') + key, {}, h.name.isEmpty() ? key : h.name);
    }
}

bool ownTrigger(const QString &name)
{
    return name.startsWith(SyncPrefix, Qt::CaseInsensitive);
}

/** True when @p schema shows any of Tideline's sync triggers: its reader reads them. */
bool readsSyncTriggers(const Schema &schema)
{
    return std::any_of(schema.tables.cbegin(), schema.tables.cend(), [](const Table &t) {
        return !t.syncs.isEmpty()
               || std::any_of(t.triggers.cbegin(), t.triggers.cend(), [](const Trigger &g) { return ownTrigger(g.name); });
    });
}

void compareTriggers(const Table &want, const Table &have, bool syncsRead, const Add &add)
{
    QStringList wantNames, haveNames, haveSyncs;
    for (const Trigger &t : want.triggers)
        if (!ownTrigger(t.name))
            wantNames << t.name;
    for (const Trigger &t : have.triggers)
        (ownTrigger(t.name) ? haveSyncs : haveNames) << t.name;
    for (const QString &name : std::as_const(wantNames))
        if (!haveNames.contains(name))
            add(QStringLiteral("missing_trigger"), want.name + QStringLiteral(" trigger ") + name, name, {});
    for (const QString &name : std::as_const(haveNames))
        if (!wantNames.contains(name))
            add(QStringLiteral("extra_trigger"), want.name + QStringLiteral(" trigger ") + name, {}, name);
    // Tideline's own are never extra. One the state has must be there, found by its target
    // (Table::syncs) or by a trigger named after it; a trigger whose name no target of the table
    // is in (a name shortened with a hash) may be any of them. A reader that shows no sync
    // trigger in the whole database may not read them: then nothing is said.
    if (!syncsRead)
        return;
    const auto named = [&](const QString &name, const QString &target) { return name.contains(target, Qt::CaseInsensitive); };
    const bool unaccounted = std::any_of(haveSyncs.cbegin(), haveSyncs.cend(), [&](const QString &name) {
        return std::none_of(want.syncs.cbegin(), want.syncs.cend(), [&](const SyncTrigger &s) { return named(name, s.target); });
    });
    for (const SyncTrigger &s : want.syncs) {
        const bool found = have.sync(s.target) || unaccounted
                           || std::any_of(haveSyncs.cbegin(), haveSyncs.cend(), [&](const QString &n) { return named(n, s.target); });
        if (!found)
            add(QStringLiteral("missing_sync_trigger"), want.name + QLatin1Char('.') + s.target,
                QStringLiteral("sync trigger filling %1 from %2").arg(s.target, s.sources.join(QStringLiteral(", "))), {});
    }
}

void compareTableOptions(const Table &want, const Table &have, const QString &dialect, const Add &add)
{
    const auto option = [&](const QString &what, const QString &w, const QString &h) {
        if (w != h)
            add(QStringLiteral("table_option"), want.name + QLatin1Char(' ') + what, w, h);
    };
    if (!isSqlite(dialect))
        option(QStringLiteral("comment"), want.comment.trimmed(), have.comment.trimmed());
    if (isMysql(dialect)) {
        const auto engineOf = [](const QString &e) {
            const QString l = e.trimmed().toLower();
            return l.isEmpty() ? QStringLiteral("innodb") : l;
        };
        option(QStringLiteral("engine"), engineOf(want.engine), engineOf(have.engine));
        option(QStringLiteral("charset"), charsetOf(want.charset, {}), charsetOf(have.charset, {}));
        option(QStringLiteral("collation"), collationOf(want.collation, dialect), collationOf(have.collation, dialect));
    }
    if (isSqlite(dialect) && want.withoutRowid != have.withoutRowid)
        option(QStringLiteral("without rowid"), want.withoutRowid ? QStringLiteral("WITHOUT ROWID") : QStringLiteral("rowid"),
               have.withoutRowid ? QStringLiteral("WITHOUT ROWID") : QStringLiteral("rowid"));
}

QString describe(const Sequence &s)
{
    return QStringLiteral("%1 start %2 increment %3%4")
        .arg(s.type.toLower())
        .arg(s.start)
        .arg(s.increment)
        .arg(s.ownedBy.isEmpty() ? QString() : QStringLiteral(" owned by ") + s.ownedBy);
}

void compareSchemaObjects(const Schema &expected, const Schema &actual, const QString &dialect, const Add &add)
{
    const auto names = [&](const QString &what, const QStringList &want, const QStringList &have) {
        for (const QString &n : want)
            if (!have.contains(n))
                add(QStringLiteral("missing_") + what, n, what, {});
        for (const QString &n : have)
            if (!want.contains(n))
                add(QStringLiteral("extra_") + what, n, {}, what);
    };
    names(QStringLiteral("table"), expected.tables.keys(), actual.tables.keys());
    names(QStringLiteral("view"), expected.views.keys(), actual.views.keys());
    if (!isPostgres(dialect))
        return; // sequences and enum types are PostgreSQL's (MySQL's ENUM is a column type)
    names(QStringLiteral("sequence"), expected.sequences.keys(), actual.sequences.keys());
    for (const Sequence &s : expected.sequences) {
        const auto h = actual.sequences.constFind(s.name);
        if (h != actual.sequences.cend()
            && (SchemaDiff::normalizeType(s.type, dialect) != SchemaDiff::normalizeType(h->type, dialect)
                || s.start != h->start || s.increment != h->increment || s.ownedBy != h->ownedBy))
            add(QStringLiteral("sequence"), s.name, describe(s), describe(*h));
    }
    names(QStringLiteral("enum"), expected.enums.keys(), actual.enums.keys());
    for (const EnumType &e : expected.enums) {
        const auto h = actual.enums.constFind(e.name);
        if (h != actual.enums.cend() && h->values != e.values)
            add(QStringLiteral("enum"), e.name, e.values.join(QStringLiteral(", ")), h->values.join(QStringLiteral(", ")));
    }
}

} // namespace

QString SchemaDifference::toString() const
{
    QString line = kind + QLatin1Char(' ') + object;
    if (!expected.isEmpty() || !actual.isEmpty())
        line += QStringLiteral(": expected %1, actual %2")
                    .arg(expected.isEmpty() ? QStringLiteral("nothing") : expected,
                         actual.isEmpty() ? QStringLiteral("nothing") : actual);
    return line;
}

bool SchemaDifference::operator==(const SchemaDifference &other) const
{
    return kind == other.kind && object == other.object && expected == other.expected
           && actual == other.actual;
}

QString SchemaDiff::normalizeType(const QString &type, const QString &dialect)
{
    QString t = type.trimmed().toLower();
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    // No spaces around ( and , nor before ); the one after ) stays: "int(10) unsigned".
    static const QRegularExpression punctuation(QStringLiteral("\\s*([(,])\\s*"));
    static const QRegularExpression closing(QStringLiteral("\\s+\\)"));
    t.replace(spaces, QStringLiteral(" "));
    t.replace(punctuation, QStringLiteral("\\1"));
    t.replace(closing, QStringLiteral(")"));
    if (dialect == QLatin1String("mysql")) {
        if (t == QLatin1String("tinyint(1)"))
            return QStringLiteral("boolean");
        // MySQL before 8.0.17 and MariaDB print display widths: int(11), bigint(20).
        static const QRegularExpression width(
            QStringLiteral("^(tinyint|smallint|mediumint|int|integer|bigint)\\(\\d+\\)"));
        t.replace(width, QStringLiteral("\\1"));
        if (t == QLatin1String("float"))
            return QStringLiteral("real");
    }
    static const QList<QPair<QRegularExpression, QString>> synonyms = {
        {QRegularExpression(QStringLiteral("^(int|int4|integer|serial|serial4)(?=$| )")),
         QStringLiteral("integer")},
        {QRegularExpression(QStringLiteral("^(int8|bigint|bigserial|serial8)(?=$| )")),
         QStringLiteral("bigint")},
        {QRegularExpression(QStringLiteral("^(int2|smallint|smallserial)(?=$| )")),
         QStringLiteral("smallint")},
        {QRegularExpression(QStringLiteral("^character varying")), QStringLiteral("varchar")},
        {QRegularExpression(QStringLiteral("^(character|bpchar)(?=\\(|$)")), QStringLiteral("char")},
        {QRegularExpression(QStringLiteral("^decimal(?=\\(|$)")), QStringLiteral("numeric")},
        {QRegularExpression(QStringLiteral("^bool$")), QStringLiteral("boolean")},
        {QRegularExpression(QStringLiteral("^(double precision|float8|double)$")), QStringLiteral("double")},
        {QRegularExpression(QStringLiteral("^float4$")), QStringLiteral("real")},
        {QRegularExpression(QStringLiteral("^timestamp without time zone")), QStringLiteral("timestamp")},
        {QRegularExpression(QStringLiteral("^(timestamp with time zone|timestamptz)")),
         QStringLiteral("timestamptz")},
    };
    for (const auto &[pattern, replacement] : synonyms) {
        const auto match = pattern.match(t);
        if (match.hasMatch()) {
            t = replacement + t.mid(match.capturedLength(0));
            break;
        }
    }
    return t;
}

QString SchemaDiff::normalizeExpression(const QString &sql, const QString &dialect)
{
    Q_UNUSED(dialect)
    return joined(canonicalTokens(sql));
}

QString SchemaDiff::normalizeDefault(const QString &value, const QString &dialect)
{
    const QList<Token> tokens = canonicalTokens(value);
    if (tokens.size() == 1 && tokens.first().kind == Token::String) {
        const QString inside = tokens.first().text.mid(1, tokens.first().text.size() - 2);
        bool number = false;
        inside.toDouble(&number);
        if (number)
            return canonicalNumber(inside); // MySQL quotes numbers it stores as text
    }
    if (tokens.size() == 1 && isWord(tokens, 0, "null"))
        return {};
    return normalizeExpression(value, dialect);
}

QList<IgnoredTable> SchemaDiff::runnerHistoryTables()
{
    return {{QStringLiteral("flyway_schema_history"), QStringLiteral("Flyway's schema history")},
            {QStringLiteral("schema_version"), QStringLiteral("Flyway's schema history (before Flyway 5)")},
            {QStringLiteral("databasechangelog"), QStringLiteral("Liquibase's change log")},
            {QStringLiteral("databasechangeloglock"), QStringLiteral("Liquibase's lock")}};
}

QList<IgnoredTable> SchemaDiff::removeIgnored(const Schema &expected, Schema *live,
                                              const QStringList &patterns, bool runnerTables)
{
    // Whole names, without regard to case: the engines fold unquoted names differently.
    QList<std::pair<QRegularExpression, QString>> rules;
    const auto addRule = [&rules](const QString &regex, const QString &reason) {
        rules.append({QRegularExpression(QRegularExpression::anchoredPattern(regex),
                                         QRegularExpression::CaseInsensitiveOption),
                      reason});
    };
    if (runnerTables) {
        for (const IgnoredTable &runner : runnerHistoryTables())
            addRule(QRegularExpression::escape(runner.name), runner.reason);
    }
    for (const QString &pattern : patterns)
        addRule(QRegularExpression::wildcardToRegularExpression(
                    pattern, QRegularExpression::UnanchoredWildcardConversion),
                QStringLiteral("--ignore-table %1").arg(pattern));

    QList<IgnoredTable> removed;
    QStringList names;
    for (auto it = live->tables.cbegin(); it != live->tables.cend(); ++it)
        names.append(it.key());
    for (const QString &name : std::as_const(names)) {
        if (expected.tables.contains(name))
            continue;
        for (const auto &[rule, reason] : std::as_const(rules)) {
            if (rule.match(name).hasMatch()) {
                live->tables.remove(name);
                removed.append({name, reason});
                break;
            }
        }
    }
    return removed;
}

QList<SchemaDifference> SchemaDiff::compare(const Schema &expected, const Schema &actual,
                                            const QString &dialect)
{
    QList<SchemaDifference> out;
    const Add add = [&](const QString &kind, const QString &object, const QString &want, const QString &have) {
        out.append({kind, object, want, have});
    };
    compareSchemaObjects(expected, actual, dialect, add);
    const bool syncsRead = readsSyncTriggers(actual);
    for (const Table &want : expected.tables) {
        const Table *have = actual.table(want.name);
        if (!have)
            continue;
        compareColumns(want, *have, dialect, add);
        if (want.primaryKey != have->primaryKey)
            add(QStringLiteral("primary_key"), want.name, want.primaryKey.isEmpty() ? QString() : list(want.primaryKey),
                have->primaryKey.isEmpty() ? QString() : list(have->primaryKey));
        compareIndexes(want, *have, dialect, add);
        compareConstraints(want, *have, dialect, add);
        compareTriggers(want, *have, syncsRead, add);
        compareTableOptions(want, *have, dialect, add);
    }
    return out;
}

} // namespace Tideline
