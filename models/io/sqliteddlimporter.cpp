// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ddlimporter.h"
#include "sqliteimport_p.h"

#include <sql/sqlitedialect.h>

#include <QByteArrayView>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

// SQLite DDL is not parsed here: it is run in a private in-memory database and the schema is read
// back from SQLite's own catalog. Qt SQL is how Tideline stores plans, but QSqlQuery runs one
// statement at a time and cannot say where a statement ends; the C API's sqlite3_prepare_v2 hands
// back the tail after each statement, so the real SQLite parser splits the script. An authorizer
// callback, which SQLite invokes while it compiles, tells what each statement would do.

namespace Tideline {

namespace {

// ---- Source scanning ---------------------------------------------------------------------------
//
// SQLite's catalog does not expose CHECK constraints, constraint names, index expressions or view
// queries, only the CREATE text it stored. These are read from that text with a scanner that
// knows SQLite's quoting ('string', "name", `name`, [name], comments) well enough to find tokens
// and brackets. The text has already been accepted by SQLite, so it is well formed.

struct Token
{
    enum Kind { Word, Identifier, Literal, Open, Close, Comma, Semicolon, Other };
    Kind kind;
    int begin;
    int end;
};

bool isIdentifierChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
           || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

QList<Token> tokenize(const QByteArray &s)
{
    QList<Token> tokens;
    const int end = int(s.size());
    int i = 0;
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
        if (c == '/' && next == '*') {
            const int close = s.indexOf("*/", i + 2);
            i = close < 0 ? end : close + 2;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`' || c == '[') {
            const char quote = c == '[' ? ']' : c;
            for (++i; i < end; ++i) {
                if (s[i] == quote) {
                    if (quote != ']' && i + 1 < end && s[i + 1] == quote)
                        ++i; // doubled quote
                    else
                        break;
                }
            }
            i = std::min(i + 1, end);
            kind = c == '\'' ? Token::Literal : Token::Identifier;
        } else if (isIdentifierChar(c)) {
            while (i < end && (isIdentifierChar(s[i]) || (s[i] == '.' && c >= '0' && c <= '9')))
                ++i;
            kind = (c >= '0' && c <= '9') ? Token::Literal : Token::Word;
        } else {
            ++i;
            kind = c == '('   ? Token::Open
                   : c == ')' ? Token::Close
                   : c == ',' ? Token::Comma
                   : c == ';' ? Token::Semicolon
                              : Token::Other;
        }
        tokens.append({kind, start, i});
    }
    return tokens;
}

/** Tokens of one stored CREATE statement, with helpers to read names and bracketed lists. */
class SqlText
{
public:
    explicit SqlText(const QString &sql)
        : m_source(sql.toUtf8())
        , m_tokens(tokenize(m_source))
    {}

    int size() const { return int(m_tokens.size()); }
    const Token &at(int i) const { return m_tokens.at(i); }

    bool isWord(int i, QByteArrayView word) const
    {
        return i >= 0 && i < size() && m_tokens.at(i).kind == Token::Word
               && bytes(i, i + 1).compare(word, Qt::CaseInsensitive) == 0;
    }

    // Source text of tokens [first, last).
    QByteArrayView bytes(int first, int last) const
    {
        if (first >= last)
            return {};
        const int begin = m_tokens.at(first).begin;
        return QByteArrayView(m_source).sliced(begin, m_tokens.at(last - 1).end - begin);
    }
    QString text(int first, int last) const { return QString::fromUtf8(bytes(first, last)); }

    // An identifier token without its quotes.
    QString name(int i) const
    {
        if (i < 0 || i >= size())
            return QString();
        QString text = this->text(i, i + 1);
        if (m_tokens.at(i).kind != Token::Identifier && m_tokens.at(i).kind != Token::Literal)
            return text;
        const QChar quote = text.front();
        text = text.mid(1, text.size() - 2);
        if (quote != u'[')
            text.replace(QString(2, quote), QString(quote));
        return text;
    }

    // The index just past the bracket that closes the one opened at `open`.
    int closing(int open) const
    {
        int depth = 0;
        for (int i = open; i < size(); ++i) {
            if (m_tokens.at(i).kind == Token::Open)
                ++depth;
            else if (m_tokens.at(i).kind == Token::Close && --depth == 0)
                return i + 1;
        }
        return size();
    }

    // The comma-separated items of the bracketed list opened at `open`, as token ranges.
    QList<std::pair<int, int>> items(int open) const
    {
        QList<std::pair<int, int>> result;
        const int close = closing(open) - 1;
        int depth = 0;
        int first = open + 1;
        for (int i = open + 1; i < close; ++i) {
            const Token::Kind kind = m_tokens.at(i).kind;
            depth += kind == Token::Open ? 1 : kind == Token::Close ? -1 : 0;
            if (depth == 0 && kind == Token::Comma) {
                result.append({first, i});
                first = i + 1;
            }
        }
        if (first < close)
            result.append({first, close});
        return result;
    }

    // The source text between the bracket opened at `open` and the one that closes it, as written
    // (user text byte for byte, its own spacing included), trimmed.
    QString inside(int open) const
    {
        const int close = closing(open) - 1;
        if (open < 0 || close <= open || close >= size())
            return QString();
        const int begin = m_tokens.at(open).end;
        return QString::fromUtf8(QByteArrayView(m_source).sliced(begin, m_tokens.at(close).begin - begin))
            .trimmed();
    }

    // The tokens in [from, last) outside brackets, brackets excluded.
    QList<int> topLevel(int from, int last) const
    {
        QList<int> tokens;
        int depth = 0;
        for (int i = from; i < last && i < size(); ++i) {
            const Token::Kind kind = m_tokens.at(i).kind;
            if (kind == Token::Open || kind == Token::Close)
                depth += kind == Token::Open ? 1 : -1;
            else if (depth == 0)
                tokens.append(i);
        }
        return tokens;
    }

    // The source text from token `first` to the end, as written, without a final ';'.
    QString rest(int first) const
    {
        if (first < 0 || first >= size())
            return QString();
        int last = size();
        while (last > first && m_tokens.at(last - 1).kind == Token::Semicolon)
            --last;
        return text(first, last);
    }

    // The first token at or after `from` of `kind` at bracket depth 0, or -1.
    int find(int from, Token::Kind kind) const
    {
        int depth = 0;
        for (int i = from; i < size(); ++i) {
            const Token::Kind k = m_tokens.at(i).kind;
            if (depth == 0 && k == kind)
                return i;
            depth += k == Token::Open ? 1 : k == Token::Close ? -1 : 0;
        }
        return -1;
    }

private:
    QByteArray m_source;
    QList<Token> m_tokens;
};

// ---- What the CREATE TABLE text declares -------------------------------------------------------

// A constraint as the CREATE TABLE text declares it.
struct DeclaredConstraint
{
    Constraint::Kind kind = Constraint::Kind::Check;
    QString name;
    QStringList columns;
    QString expression; // CHECK only
    int first = 0;      // token range of the expression, to find the columns it names
    int last = 0;
    bool deferrable = false; // FOREIGN KEY only
    bool initiallyDeferred = false;
};

// True when token i starts a column constraint: it ends the type before it, or the foreign key
// clause of the constraint before it.
bool startsColumnConstraint(const SqlText &sql, int i)
{
    for (const char *word : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "REFERENCES", "DEFAULT",
                             "COLLATE", "GENERATED", "AS"}) {
        if (sql.isWord(i, word))
            return true;
    }
    return sql.isWord(i, "NOT") && sql.isWord(i + 1, "NULL");
}

// DEFERRABLE and INITIALLY DEFERRED of the foreign key clause that starts after token `from`.
void readDeferrable(const SqlText &sql, int from, int last, DeclaredConstraint *declared)
{
    for (const int i : sql.topLevel(from, last)) {
        if (sql.isWord(i, "DEFERRABLE")) {
            declared->deferrable = !sql.isWord(i - 1, "NOT");
        } else if (sql.isWord(i, "INITIALLY")) {
            declared->initiallyDeferred = sql.isWord(i + 1, "DEFERRED");
        } else if (startsColumnConstraint(sql, i)) {
            return;
        }
    }
}

// Reads the constraints of a stored CREATE TABLE text, column and table constraints alike.
QList<DeclaredConstraint> declaredConstraints(const SqlText &sql)
{
    QList<DeclaredConstraint> result;
    const int open = sql.find(0, Token::Open);
    if (open < 0)
        return result;
    const auto columnNames = [&](int listOpen) {
        QStringList names;
        if (listOpen < sql.size() && sql.at(listOpen).kind == Token::Open) {
            for (const auto &[first, last] : sql.items(listOpen))
                names.append(sql.name(first));
        }
        return names;
    };
    for (const auto &[first, last] : sql.items(open)) {
        const bool tableConstraint = sql.isWord(first, "CONSTRAINT") || sql.isWord(first, "PRIMARY")
                                     || sql.isWord(first, "UNIQUE") || sql.isWord(first, "CHECK")
                                     || sql.isWord(first, "FOREIGN");
        const QStringList ownColumn = tableConstraint ? QStringList()
                                                      : QStringList{sql.name(first)};
        QString pendingName;
        int depth = 0;
        for (int i = tableConstraint ? first : first + 1; i < last; ++i) {
            const Token::Kind kind = sql.at(i).kind;
            if (kind == Token::Open || kind == Token::Close) {
                depth += kind == Token::Open ? 1 : -1;
                continue;
            }
            if (depth > 0 || kind != Token::Word)
                continue;
            if (sql.isWord(i, "CONSTRAINT")) {
                pendingName = sql.name(++i);
                continue;
            }
            DeclaredConstraint declared;
            declared.name = pendingName;
            declared.columns = ownColumn;
            if (sql.isWord(i, "PRIMARY") || sql.isWord(i, "UNIQUE")) {
                declared.kind = sql.isWord(i, "PRIMARY") ? Constraint::Kind::PrimaryKey
                                                         : Constraint::Kind::Unique;
                const int list = sql.isWord(i, "PRIMARY") ? i + 2 : i + 1; // PRIMARY KEY (
                if (tableConstraint)
                    declared.columns = columnNames(list);
            } else if (sql.isWord(i, "CHECK")) {
                const int close = sql.closing(i + 1);
                declared.first = i + 2;
                declared.last = close - 1;
                declared.expression = sql.text(declared.first, declared.last);
                i = close - 1;
            } else if (sql.isWord(i, "FOREIGN") || sql.isWord(i, "REFERENCES")) {
                declared.kind = Constraint::Kind::ForeignKey;
                if (sql.isWord(i, "FOREIGN"))
                    declared.columns = columnNames(i + 2); // FOREIGN KEY (
                // A loop, not a lambda: a structured binding (last) cannot be captured before
                // C++20 (clang, the fuzz build, refuses it).
                int references = i;
                while (references < last && !sql.isWord(references, "REFERENCES"))
                    ++references;
                readDeferrable(sql, references + 1, last, &declared);
            } else {
                // NOT NULL, DEFAULT, COLLATE, GENERATED ...: a name given to them is not kept.
                if (!sql.isWord(i, "KEY") && !sql.isWord(i, "ASC") && !sql.isWord(i, "DESC"))
                    pendingName.clear();
                continue;
            }
            pendingName.clear();
            result.append(declared);
            if (tableConstraint)
                break; // one per item; the rest is its column list, REFERENCES clause ...
        }
    }
    return result;
}

// What a column definition says that SQLite's pragmas do not.
struct DeclaredColumn
{
    QString collation;
    QString generated; // the expression of a generated column, as written
    bool autoincrement = false;
};

QString foldCase(const QString &name)
{
    QString lower = name;
    for (QChar &c : lower) {
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + 32);
    }
    return lower;
}

// The column definitions of a stored CREATE TABLE text, by name folded as SQLite folds it.
QHash<QString, DeclaredColumn> declaredColumns(const SqlText &sql)
{
    QHash<QString, DeclaredColumn> result;
    const int open = sql.find(0, Token::Open);
    if (open < 0)
        return result;
    for (const auto &[first, last] : sql.items(open)) {
        if (sql.isWord(first, "CONSTRAINT") || sql.isWord(first, "PRIMARY") || sql.isWord(first, "UNIQUE")
            || sql.isWord(first, "CHECK") || sql.isWord(first, "FOREIGN"))
            continue;
        DeclaredColumn column;
        for (const int i : sql.topLevel(first + 1, last)) {
            if (sql.isWord(i, "COLLATE"))
                column.collation = sql.name(i + 1);
            else if (sql.isWord(i, "AS") && i + 1 < last && sql.at(i + 1).kind == Token::Open)
                column.generated = sql.inside(i + 1);
            else if (sql.isWord(i, "AUTOINCREMENT"))
                column.autoincrement = true;
        }
        result.insert(foldCase(sql.name(first)), column);
    }
    return result;
}

// The words after a CREATE TABLE's column list: WITHOUT ROWID, STRICT.
bool hasTableOption(const SqlText &sql, const char *word)
{
    const int open = sql.find(0, Token::Open);
    for (int i = open < 0 ? sql.size() : sql.closing(open); i < sql.size(); ++i) {
        if (sql.isWord(i, word))
            return true;
    }
    return false;
}

bool sameColumns(const QStringList &a, const QStringList &b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i) {
        if (a.at(i).compare(b.at(i), Qt::CaseInsensitive) != 0)
            return false;
    }
    return true;
}

// ---- The importer ------------------------------------------------------------------------------

using Database = std::unique_ptr<sqlite3, int (*)(sqlite3 *)>;
using Statement = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)>;

QString columnText(sqlite3_stmt *stmt, int column)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, column)),
                             sqlite3_column_bytes(stmt, column));
}

// A statement for an error message: without the comments around it, on one line, shortened.
QString quoted(const QString &statement)
{
    const SqlText text(statement);
    int last = text.size();
    if (last > 0 && text.at(last - 1).kind == Token::Semicolon)
        --last;
    QString line = text.text(0, last).simplified();
    if (line.size() > 200)
        line = line.left(200) + u'\u2026';
    return u'"' + line + u'"';
}

// True for "CREATE TABLE [IF NOT EXISTS] sqlite_...": one of SQLite's own tables.
bool createsSqliteTable(const QString &statement)
{
    const SqlText words(statement);
    int i = 2;
    if (words.isWord(i, "IF") && words.isWord(i + 1, "NOT") && words.isWord(i + 2, "EXISTS"))
        i += 3;
    return words.isWord(0, "CREATE") && words.isWord(1, "TABLE")
           && words.name(i).startsWith(u"sqlite_"_s, Qt::CaseInsensitive);
}

// True for a statement that reads or writes rows, judged by its first word (for one SQLite could
// not compile: an INSERT into a table a skipped statement would have made).
bool isDataStatement(const QString &statement)
{
    const SqlText words(statement);
    for (const char *word : {"INSERT", "REPLACE", "UPDATE", "DELETE", "SELECT", "VALUES", "WITH"}) {
        if (words.isWord(0, word))
            return true;
    }
    return false;
}

/** What the authorizer saw while SQLite compiled one statement. */
struct Authorization
{
    bool ddl = false;          // creates, alters or drops a table, index, view or trigger
    bool data = false;         // reads or writes rows
    bool catalogWrite = false; // writes sqlite_schema itself (not through DDL)
    bool pragma = false;
    bool attach = false;       // ATTACH or DETACH
    QString transaction;       // BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE
    bool any = false;
};

int authorize(
    void *data, int action, const char *first, const char *, const char *, const char *)
{
    auto *seen = static_cast<Authorization *>(data);
    seen->any = true;
    const bool schemaTable = first
                             && (qstrcmp(first, "sqlite_master") == 0
                                 || qstrcmp(first, "sqlite_schema") == 0
                                 || qstrcmp(first, "sqlite_temp_master") == 0
                                 || qstrcmp(first, "sqlite_temp_schema") == 0);
    switch (action) {
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_TEMP_TABLE:
    case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_CREATE_TEMP_VIEW:
    case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_CREATE_VTABLE:
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_VIEW:
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_TEMP_TABLE:
    case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_DROP_TEMP_TRIGGER:
    case SQLITE_DROP_VTABLE:
    case SQLITE_ALTER_TABLE:
        seen->ddl = true;
        break;
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
        // DDL writes its catalog row (and DROP TABLE deletes the rows); on its own, writing the
        // catalog is what .dump does for virtual tables, and writing any other table is data.
        (schemaTable ? seen->catalogWrite : seen->data) = true;
        break;
    case SQLITE_READ:
    case SQLITE_SELECT:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
        seen->data = true;
        break;
    case SQLITE_PRAGMA:
        seen->pragma = true;
        break;
    case SQLITE_TRANSACTION:
        seen->transaction = QString::fromUtf8(first).toUpper();
        break;
    case SQLITE_SAVEPOINT:
        seen->transaction = u"SAVEPOINT"_s;
        break;
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
        seen->attach = true;
        break;
    default: // ANALYZE, REINDEX, ...
        break;
    }
    return SQLITE_OK;
}

class SqliteImporter
{
public:
    explicit SqliteImporter(bool lenient)
        : m_database(nullptr, sqlite3_close)
        , m_lenient(lenient)
    {}

    bool run(const QString &sql);
    const Schema &schema() const { return m_schema; }
    const QString &error() const { return m_error; }
    QStringList notes() const;

private:
    struct Entry
    {
        QString type, name, table, sql;
    };

    bool execute(const QByteArray &source);
    QList<Entry> entries();
    QHash<QString, QString> tableKinds();
    bool readCatalog();
    // Keeping the working database small (see execute).
    bool evict();
    QStringList evictedIn(const QString &statement) const;
    bool restore(const QString &folded);
    bool readTable(const QString &name, const QString &sql);
    bool readIndex(const QString &name, const QString &tableName, const QString &sql);
    bool readView(const QString &name, const QString &sql);
    void readTriggers(const QList<Entry> &triggers);
    bool query(const char *sql,
               const QString &argument,
               const std::function<void(sqlite3_stmt *)> &row);
    QString canonicalTable(const QString &name) const;
    void skipped(int number, const QString &text, const QString &why);

    Database m_database;
    bool m_lenient;
    Schema m_schema;
    QString m_error;
    QStringList m_notes;
    QList<std::pair<int, QString>> m_data; // statement number, text
    QSet<QString> m_uniqueIndexes;
    QHash<QString, QString> m_tables; // folded name -> name
    // Tables moved out of the working database: their models are in m_schema already.
    QHash<QString, QList<Entry>> m_evicted;   // folded table -> its CREATE statements (table first)
    QHash<QString, QString> m_evictedObjects; // folded index or trigger name -> folded table
    int m_created = 0;                        // catalog rows made since the last eviction
};

QStringList SqliteImporter::notes() const
{
    QStringList notes = m_notes;
    if (!m_data.isEmpty()) {
        QStringList examples;
        for (qsizetype i = 0; i < m_data.size() && i < 3; ++i)
            examples << u"statement %1: %2"_s.arg(m_data.at(i).first).arg(quoted(m_data.at(i).second));
        if (m_data.size() > 3)
            examples << u"%1 more"_s.arg(m_data.size() - 3);
        notes.prepend(u"%1 data statement(s) skipped: a baseline holds the schema, not rows (%2)"_s
                          .arg(m_data.size())
                          .arg(examples.join(u"; "_s)));
    }
    return notes;
}

void SqliteImporter::skipped(int number, const QString &text, const QString &why)
{
    m_notes << u"statement %1 skipped: %2: %3"_s.arg(number).arg(quoted(text), why);
}

bool SqliteImporter::run(const QString &sql)
{
    sqlite3 *database = nullptr;
    const int opened = sqlite3_open_v2(":memory:",
                                       &database,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                       nullptr);
    m_database.reset(database);
    if (opened != SQLITE_OK) {
        m_error = u"cannot open an in-memory SQLite database: %1"_s.arg(
            QString::fromUtf8(sqlite3_errstr(opened)));
        return false;
    }
    if (sql.contains(QChar(0))) { // SQLite would stop reading there
        m_error = u"the DDL contains a NUL character"_s;
        return false;
    }
    return execute(sql.toUtf8()) && readCatalog();
}

// Compiles the script one statement at a time and runs what shapes the schema (CREATE, ALTER,
// DROP, transactions); data statements and connection settings are skipped with a note.
bool SqliteImporter::execute(const QByteArray &source)
{
    sqlite3 *db = m_database.get();
    const char *cursor = source.constData();
    const char *const end = cursor + source.size();
    int number = 0;
    while (cursor < end) {
        Authorization seen;
        sqlite3_set_authorizer(db, authorize, &seen);
        sqlite3_stmt *raw = nullptr;
        const char *tail = nullptr;
        // The length includes the NUL that ends a QByteArray: without it, SQLite copies the whole
        // rest of the script for every statement (quadratic in the script's size).
        const int prepared = sqlite3_prepare_v2(db, cursor, int(end - cursor) + 1, &raw, &tail);
        sqlite3_set_authorizer(db, nullptr, nullptr);
        Statement stmt(raw, sqlite3_finalize);
        if (prepared != SQLITE_OK) {
            // SQLite does not say where a statement it could not compile ends; the shortest
            // prefix that sqlite3_complete() accepts is that statement.
            const QByteArray rest = QByteArray::fromRawData(cursor, int(end - cursor)); // no copy
            qsizetype length = rest.size();
            for (qsizetype semicolon = rest.indexOf(';'); semicolon >= 0;
                 semicolon = rest.indexOf(';', semicolon + 1)) {
                if (sqlite3_complete(rest.left(semicolon + 1).constData())) {
                    length = semicolon + 1;
                    break;
                }
            }
            const QString text = QString::fromUtf8(rest.left(length));
            const QString message = QString::fromUtf8(sqlite3_errmsg(db));
            if (const QStringList named = evictedIn(text); !named.isEmpty()) {
                for (const QString &table : named) { // moved out of the working database
                    if (!restore(table))
                        return false;
                }
                continue;
            }
            ++number;
            cursor += length;
            if (createsSqliteTable(text)) {
                // The sqlite3 shell's .schema prints sqlite_sequence, which SQLite makes itself
                // for AUTOINCREMENT and refuses to create; it is no part of the user's schema.
                continue;
            }
            if (isDataStatement(text)) {
                m_data.append({number, text});
                continue;
            }
            if (m_lenient) {
                skipped(number, text, u"SQLite cannot compile it here (%1)"_s.arg(message));
                continue;
            }
            m_error = u"statement %1: %2: %3"_s.arg(number).arg(message, quoted(text));
            return false;
        }
        if (!stmt) { // only whitespace or comments
            cursor = tail;
            continue;
        }
        const QString text = QString::fromUtf8(sqlite3_sql(stmt.get()));
        if (const QStringList named = evictedIn(text); !named.isEmpty()) {
            // It names tables moved out of the working database: bring them back, compile again.
            stmt.reset();
            for (const QString &table : named) {
                if (!restore(table))
                    return false;
            }
            continue;
        }
        cursor = tail;
        ++number;

        if (!seen.transaction.isEmpty()) {
            // Scripts wrap DDL in BEGIN/COMMIT; each statement runs on its own here (the working
            // database is trimmed between statements), so a ROLLBACK cannot undo what it would.
            if (seen.transaction == u"ROLLBACK")
                skipped(number, text, u"the statements before it are kept: a baseline takes what the "
                                      "script creates"_s);
            continue;
        }
        bool run = seen.ddl;
        if (sqlite3_stmt_isexplain(stmt.get())) {
            skipped(number, text, u"EXPLAIN shows a plan, it changes no schema"_s);
            continue;
        }
        if (!seen.any) // "CREATE ... IF NOT EXISTS" of what exists, "DROP ... IF EXISTS" of what does
            run = true;  // not: compiled to nothing at all
        if (!run) {
            if (seen.pragma)
                skipped(number, text, u"a PRAGMA sets the connection, not the schema: applications that "
                                      "rely on it must set it themselves"_s);
            else if (seen.attach)
                skipped(number, text, u"another database file is not part of this schema"_s);
            else if (seen.catalogWrite)
                skipped(number, text, u"it writes SQLite's catalog directly (as .dump does for virtual "
                                      "tables), which a baseline cannot hold"_s);
            else if (seen.data)
                m_data.append({number, text});
            else
                skipped(number, text, u"it changes no schema"_s);
            continue;
        }
        int stepped = SQLITE_ROW;
        while (stepped == SQLITE_ROW)
            stepped = sqlite3_step(stmt.get());
        if (stepped != SQLITE_DONE) {
            const QString message = QString::fromUtf8(sqlite3_errmsg(db));
            if (m_lenient) {
                skipped(number, text, u"SQLite cannot run it here (%1)"_s.arg(message));
                continue;
            }
            m_error = u"statement %1: %2: %3"_s.arg(number).arg(message, quoted(text));
            return false;
        }
        stmt.reset();
        // Every CREATE makes SQLite scan its whole catalog (and clear its foreign-key caches), so
        // a schema of thousands of tables would take quadratic time. Tables read so far leave the
        // working database now and then; a later statement that names one brings it back.
        if (++m_created > 400 && !evict())
            return false;
    }
    return true;
}

QList<SqliteImporter::Entry> SqliteImporter::entries()
{
    QList<Entry> entries;
    query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid", QString(), [&](sqlite3_stmt *s) {
        entries.append({columnText(s, 0), columnText(s, 1), columnText(s, 2), columnText(s, 3)});
    });
    return entries;
}

// Virtual tables and the shadow tables that hold their data (pragma table_list, 3.37+).
QHash<QString, QString> SqliteImporter::tableKinds()
{
    QHash<QString, QString> kinds;
    const QString error = m_error;
    query("SELECT name, type FROM pragma_table_list WHERE schema = 'main'", QString(), [&](sqlite3_stmt *s) {
        kinds.insert(columnText(s, 0), columnText(s, 1));
    });
    m_error = error;
    return kinds;
}

bool SqliteImporter::evict()
{
    const QList<Entry> all = entries();
    const QHash<QString, QString> kinds = tableKinds();
    QStringList tables;
    for (const Entry &entry : all) {
        if (entry.type == u"table" && !entry.name.startsWith(u"sqlite_") && kinds.value(entry.name) != u"virtual"
            && kinds.value(entry.name) != u"shadow") {
            if (!readTable(entry.name, entry.sql))
                return false;
            tables << entry.name;
        }
    }
    for (const Entry &entry : all) {
        const QString table = foldCase(entry.table);
        if (!tables.contains(entry.table) || entry.sql.isEmpty())
            continue;
        if (entry.type == u"index" && !readIndex(entry.name, entry.table, entry.sql))
            return false;
        m_evicted[table].append(entry);
        if (entry.type != u"table")
            m_evictedObjects.insert(foldCase(entry.name), table);
    }
    for (const QString &table : std::as_const(tables)) {
        QString quotedName = table;
        quotedName.replace(u'"', u""""_s);
        const QByteArray drop = u"DROP TABLE \"%1\""_s.arg(quotedName).toUtf8();
        if (sqlite3_exec(m_database.get(), drop.constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errmsg(m_database.get()));
            return false;
        }
    }
    m_created = 0;
    return true;
}

// The evicted tables @p statement names (any word or quoted name equal to one, or to one of
// their indexes or triggers: naming one too many only costs time).
QStringList SqliteImporter::evictedIn(const QString &statement) const
{
    QStringList named;
    if (m_evicted.isEmpty())
        return named;
    const SqlText text(statement);
    for (int i = 0; i < text.size(); ++i) {
        const Token::Kind kind = text.at(i).kind;
        if (kind != Token::Word && kind != Token::Identifier)
            continue;
        const QString name = foldCase(text.name(i));
        const QString table = m_evicted.contains(name) ? name : m_evictedObjects.value(name);
        if (!table.isEmpty() && !named.contains(table))
            named << table;
    }
    return named;
}

bool SqliteImporter::restore(const QString &folded)
{
    const QList<Entry> stored = m_evicted.take(folded);
    for (const Entry &entry : stored) {
        const QByteArray sql = entry.sql.toUtf8();
        if (sqlite3_exec(m_database.get(), sql.constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
            m_error = u"cannot bring back table \"%1\": %2"_s.arg(
                entry.table, QString::fromUtf8(sqlite3_errmsg(m_database.get())));
            return false;
        }
        if (entry.type == u"table")
            m_schema.tables.remove(entry.name); // read again from the database
        else
            m_evictedObjects.remove(foldCase(entry.name));
    }
    return true;
}

bool SqliteImporter::query(const char *sql,
                           const QString &argument,
                           const std::function<void(sqlite3_stmt *)> &row)
{
    sqlite3_stmt *raw = nullptr;
    int result = sqlite3_prepare_v2(m_database.get(), sql, -1, &raw, nullptr);
    const Statement stmt(raw, sqlite3_finalize);
    if (result == SQLITE_OK && sqlite3_bind_parameter_count(raw) > 0) {
        const QByteArray bytes = argument.toUtf8();
        result = sqlite3_bind_text(raw, 1, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
    }
    while (result == SQLITE_OK || result == SQLITE_ROW) {
        result = sqlite3_step(raw);
        if (result == SQLITE_ROW)
            row(raw);
    }
    if (result != SQLITE_DONE) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_database.get()));
        return false;
    }
    return true;
}

bool SqliteImporter::readCatalog()
{
    const QList<Entry> entries = this->entries();
    const QHash<QString, QString> kinds = tableKinds();
    // Tables first: indexes, views and triggers refer to them. Names starting "sqlite_" are
    // SQLite's own (sqlite_sequence, sqlite_stat1, sqlite_autoindex_*); users cannot make them.
    // Evicted tables were read when they left; their triggers are read with the others.
    QList<Entry> triggers;
    for (const QList<Entry> &stored : std::as_const(m_evicted)) {
        for (const Entry &entry : stored) {
            if (entry.type == u"trigger")
                triggers.append(entry);
        }
    }
    for (const QString &type : {u"table"_s, u"index"_s, u"view"_s, u"trigger"_s}) {
        for (const Entry &entry : std::as_const(entries)) {
            if (entry.type != type)
                continue;
            bool ok = true;
            if (type == u"table" && !entry.name.startsWith(u"sqlite_")) {
                const QString kind = kinds.value(entry.name);
                if (kind == u"virtual")
                    m_notes << u"table %1 is a virtual table (%2): a baseline cannot hold it, so it "
                               "is left out with the tables that hold its data"_s
                                   .arg(entry.name, quoted(entry.sql));
                else if (kind != u"shadow")
                    ok = readTable(entry.name, entry.sql);
            } else if (type == u"index") {
                ok = readIndex(entry.name, entry.table, entry.sql);
            } else if (type == u"view") {
                // A view's columns come from its tables: those that were moved out come back.
                for (const QString &table : evictedIn(entry.sql)) {
                    const QList<Entry> stored = m_evicted.value(table);
                    const QByteArray sql = stored.isEmpty() ? QByteArray() : stored.first().sql.toUtf8();
                    sqlite3_exec(m_database.get(), sql.constData(), nullptr, nullptr, nullptr);
                    m_evicted.remove(table);
                }
                ok = readView(entry.name, entry.sql);
            } else if (type == u"trigger") {
                triggers.append(entry);
            }
            if (!ok)
                return false;
        }
    }
    // "REFERENCES t" without columns means t's primary key.
    for (Table &table : m_schema.tables) {
        for (Constraint &constraint : table.constraints) {
            if (constraint.kind != Constraint::Kind::ForeignKey)
                continue;
            constraint.refTable = canonicalTable(constraint.refTable); // names ignore case
            const Table *target = m_schema.table(constraint.refTable);
            if (!target)
                continue;
            if (constraint.refColumns.isEmpty()) {
                constraint.refColumns = target->primaryKey;
                continue;
            }
            for (QString &column : constraint.refColumns) { // as written; use the declared case
                for (const Column &declared : target->columns) {
                    if (declared.name.compare(column, Qt::CaseInsensitive) == 0)
                        column = declared.name;
                }
            }
        }
    }
    readTriggers(triggers);
    return true;
}

QString SqliteImporter::canonicalTable(const QString &name) const
{
    return m_tables.value(foldCase(name), name);
}

bool SqliteImporter::readTable(const QString &name, const QString &sql)
{
    Table table;
    table.name = name;
    const SqlText text(sql);
    const QHash<QString, DeclaredColumn> extras = declaredColumns(text);
    bool autoincrement = false;
    QMap<int, QString> keyColumns; // position in the primary key -> column
    bool ok = query("SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                    "FROM pragma_table_xinfo(?1) ORDER BY cid",
                    name,
                    [&](sqlite3_stmt *s) {
                        const int hidden = sqlite3_column_int(s, 5);
                        if (hidden == 1) // a hidden column of a virtual table
                            return;
                        Column column;
                        column.name = columnText(s, 0);
                        column.type = columnText(s, 1); // as SQLite reports it: what was declared
                        column.nullable = sqlite3_column_int(s, 2) == 0;
                        column.defaultValue = columnText(s, 3);
                        column.generated = hidden == 2 || hidden == 3; // VIRTUAL or STORED
                        const DeclaredColumn declared = extras.value(foldCase(column.name));
                        column.collation = declared.collation;
                        if (column.generated) {
                            column.generatedExpression = declared.generated;
                            column.generatedStored = hidden == 3;
                        }
                        autoincrement = autoincrement || declared.autoincrement;
                        if (const int position = sqlite3_column_int(s, 4); position > 0) {
                            keyColumns.insert(position, column.name);
                            column.nullable = false;
                        }
                        table.columns.append(column);
                    });
    QString primaryKeyIndex;
    QStringList uniqueConstraints; // autoindexes of UNIQUE constraints
    ok = ok
         && query("SELECT name, origin, \"unique\" FROM pragma_index_list(?1)",
                  name,
                  [&](sqlite3_stmt *s) {
                      const QString index = columnText(s, 0);
                      const QString origin = columnText(s, 1);
                      if (sqlite3_column_int(s, 2))
                          m_uniqueIndexes.insert(index);
                      if (origin == u"pk")
                          primaryKeyIndex = index;
                      else if (origin == u"u")
                          uniqueConstraints.append(index);
                  });
    // sqlite_autoindex_<table>_<n> is numbered in declaration order.
    std::sort(uniqueConstraints.begin(),
              uniqueConstraints.end(),
              [](const QString &a, const QString &b) {
                  return a.mid(a.lastIndexOf(u'_') + 1).toInt()
                         < b.mid(b.lastIndexOf(u'_') + 1).toInt();
              });
    QList<QStringList> uniqueColumns;
    for (const QString &index : std::as_const(uniqueConstraints)) {
        QStringList columns;
        ok = ok
             && query("SELECT name FROM pragma_index_info(?1) ORDER BY seqno",
                      index,
                      [&](sqlite3_stmt *s) { columns.append(columnText(s, 0)); });
        uniqueColumns.append(columns);
    }
    if (!ok) {
        m_error = u"table \"%1\" cannot be read back: %2"_s.arg(name, m_error);
        return false;
    }
    table.primaryKey = keyColumns.values();
    table.withoutRowid = hasTableOption(text, "WITHOUT");
    if (hasTableOption(text, "STRICT"))
        m_notes << u"table %1 is STRICT: a baseline does not say so, and SQLite tables made from it "
                   "take values of any type"_s.arg(name);
    // A one-column primary key without an index of its own is the rowid: INTEGER PRIMARY KEY,
    // which SQLite fills; AUTOINCREMENT also keeps it from reusing the ids of deleted rows.
    if (table.primaryKey.size() == 1 && primaryKeyIndex.isEmpty() && !table.withoutRowid) {
        Column *rowid = table.column(table.primaryKey.first());
        rowid->identity = true;
        rowid->identityKind = autoincrement ? Column::Identity::AutoIncrement
                                            : Column::Identity::ByDefault;
    }

    // Constraints the text declares: their names, the CHECKs the catalog does not expose, and
    // whether a foreign key is DEFERRABLE.
    const QList<DeclaredConstraint> declared = declaredConstraints(text);
    const auto declaredAs = [&](Constraint::Kind kind, const QStringList &columns) {
        for (const DeclaredConstraint &d : declared) {
            if (d.kind == kind && sameColumns(d.columns, columns))
                return d;
        }
        return DeclaredConstraint();
    };
    if (!table.primaryKey.isEmpty()) {
        Constraint key;
        key.kind = Constraint::Kind::PrimaryKey;
        key.columns = table.primaryKey;
        key.name = declaredAs(key.kind, key.columns).name;
        table.constraints.append(key);
    }
    for (const QStringList &columns : std::as_const(uniqueColumns)) {
        Constraint unique;
        unique.kind = Constraint::Kind::Unique;
        unique.columns = columns;
        unique.name = declaredAs(unique.kind, unique.columns).name;
        table.constraints.append(unique);
    }
    for (const DeclaredConstraint &d : declared) {
        if (d.kind != Constraint::Kind::Check)
            continue;
        Constraint check;
        check.kind = Constraint::Kind::Check;
        check.name = d.name;
        check.expression = d.expression;
        // The columns a CHECK covers are the identifiers in it that name columns of the table.
        for (int i = d.first; i < d.last; ++i) {
            const Token::Kind kind = text.at(i).kind;
            if (kind != Token::Word && kind != Token::Identifier)
                continue;
            const Column *column = nullptr;
            for (const Column &c : std::as_const(table.columns)) {
                if (c.name.compare(text.name(i), Qt::CaseInsensitive) == 0)
                    column = &c;
            }
            if (column && !check.columns.contains(column->name))
                check.columns.append(column->name);
        }
        if (check.columns.isEmpty())
            check.columns = d.columns;
        table.constraints.append(check);
    }
    // SQLite numbers foreign keys from the last declared; id DESC is declaration order.
    QMap<int, Constraint> foreignKeys;
    ok = query("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM "
               "pragma_foreign_key_list(?1) ORDER BY id DESC, seq",
               name,
               [&](sqlite3_stmt *s) {
                   Constraint &key = foreignKeys[-sqlite3_column_int(s, 0)];
                   key.kind = Constraint::Kind::ForeignKey;
                   key.refTable = columnText(s, 1);
                   key.columns.append(columnText(s, 2));
                   if (sqlite3_column_type(s, 3) != SQLITE_NULL)
                       key.refColumns.append(columnText(s, 3));
                   Constraint::normalizeAction(columnText(s, 4), &key.onUpdate);
                   Constraint::normalizeAction(columnText(s, 5), &key.onDelete);
               });
    if (!ok)
        return false;
    for (Constraint key : std::as_const(foreignKeys)) {
        const DeclaredConstraint d = declaredAs(key.kind, key.columns);
        key.name = d.name;
        key.deferrable = d.deferrable;
        key.initiallyDeferred = d.deferrable && d.initiallyDeferred;
        table.constraints.append(key);
    }
    m_schema.tables.insert(name, table);
    m_tables.insert(foldCase(name), name);
    return true;
}

bool SqliteImporter::readIndex(const QString &name, const QString &tableName, const QString &sql)
{
    Table *table = m_schema.table(canonicalTable(tableName));
    if (!table || name.startsWith(u"sqlite_autoindex_"))
        return true; // SQLite's own, or a PRIMARY KEY/UNIQUE constraint read with its table
    Index index;
    index.name = name;
    index.unique = m_uniqueIndexes.contains(name);
    QList<bool> expressions, descending;
    QStringList collations;
    if (!query("SELECT name, \"desc\", coll FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno",
               name,
               [&](sqlite3_stmt *s) {
                   index.columns.append(columnText(s, 0));
                   expressions.append(sqlite3_column_type(s, 0) == SQLITE_NULL);
                   descending.append(sqlite3_column_int(s, 1) != 0);
                   collations.append(columnText(s, 2));
               })) {
        m_error = u"index \"%1\" cannot be read back: %2"_s.arg(name, m_error);
        return false;
    }
    if (descending.contains(true))
        index.descending = descending;
    // A column with a collation of its own in the index (not the column's) keeps it.
    for (int i = 0; i < index.columns.size(); ++i) {
        const Column *column = expressions.at(i) ? nullptr : table->column(index.columns.at(i));
        const QString own = column && !column->collation.isEmpty() ? column->collation : u"BINARY"_s;
        if (column && collations.at(i).compare(own, Qt::CaseInsensitive) != 0) {
            QString quotedName = column->name;
            quotedName.replace(u'"', u"\"\""_s);
            index.columns[i] = u"\"%1\" COLLATE %2"_s.arg(quotedName, collations.at(i));
        }
    }
    // An expression in an index has no name in the catalog, nor has a partial index's WHERE:
    // both are taken from CREATE INDEX as written.
    const SqlText text(sql);
    int open = -1;
    for (int i = 0; i < text.size() && open < 0; ++i) {
        if (text.isWord(i, "ON"))
            open = text.find(i, Token::Open);
    }
    if (open >= 0) {
        const int after = text.closing(open);
        if (text.isWord(after, "WHERE"))
            index.where = text.rest(after + 1);
    }
    if (expressions.contains(true)) {
        const auto items = open < 0 ? QList<std::pair<int, int>>() : text.items(open);
        for (int i = 0; i < index.columns.size() && i < items.size(); ++i) {
            if (!expressions.at(i))
                continue;
            auto [first, last] = items.at(i);
            // ASC/DESC is the index's (descending); a COLLATE stays with the expression.
            if (text.isWord(last - 1, "ASC") || text.isWord(last - 1, "DESC"))
                --last;
            if (text.at(first).kind == Token::Open && text.closing(first) == last) { // "(a * 2)"
                index.columns[i] = text.inside(first);
                continue;
            }
            index.columns[i] = text.text(first, last);
        }
    }
    table->indexes.append(index);
    return true;
}

bool SqliteImporter::readView(const QString &name, const QString &sql)
{
    View view;
    view.name = name;
    if (!query("SELECT name FROM pragma_table_info(?1) ORDER BY cid", name, [&](sqlite3_stmt *s) {
            view.columns.append(columnText(s, 0));
        })) {
        if (m_lenient) {
            m_notes << u"view %1 cannot be read here (%2); it is left out"_s.arg(name, m_error);
            return true;
        }
        m_error = u"view \"%1\" cannot be read back: %2: %3"_s.arg(name, m_error, quoted(sql));
        return false;
    }
    // The query is everything after the first AS outside brackets (a column list may precede).
    const SqlText text(sql);
    int depth = 0;
    for (int i = 0; i < text.size(); ++i) {
        const Token::Kind kind = text.at(i).kind;
        depth += kind == Token::Open ? 1 : kind == Token::Close ? -1 : 0;
        if (depth == 0 && text.isWord(i, "AS")) {
            view.definition = text.rest(i + 1);
            break;
        }
    }
    m_schema.views.insert(name, view);
    return true;
}

// Reads @p sql, one of the two triggers of a Tideline sync trigger on @p table, back into
// @p sync: the value its UPDATE sets (INSERT trigger) or the columns it watches (UPDATE trigger).
void readSyncPart(const QString &sql, bool insert, SyncTrigger *sync)
{
    const SqlText text(sql);
    if (!insert) {
        int of = -1;
        for (int i = 0; i < text.size() && of < 0; ++i) {
            if (text.isWord(i, "ON"))
                break;
            if (text.isWord(i, "OF"))
                of = i;
        }
        for (int i = of + 1; of >= 0 && i < text.size() && !text.isWord(i, "ON"); ++i) {
            if (text.at(i).kind != Token::Comma)
                sync->sources << text.name(i);
        }
        return;
    }
    int set = -1;
    for (int i = 0; i < text.size() && set < 0; ++i) {
        if (text.isWord(i, "SET"))
            set = i;
    }
    const int value = set + 3; // SET "target" = value
    int where = -1;
    for (int i = value, depth = 0; set >= 0 && i < text.size(); ++i) {
        const Token::Kind kind = text.at(i).kind;
        depth += kind == Token::Open ? 1 : kind == Token::Close ? -1 : 0;
        if (depth == 0 && text.isWord(i, "WHERE")) {
            where = i;
            break;
        }
    }
    if (where < 0)
        return;
    const QString expression = text.text(value, where);
    static const QRegularExpression copy(
        uR"re(^(?:CAST\()?NEW\."((?:[^"]|"")*)"(?: AS .+\))?$)re"_s);
    const QRegularExpressionMatch m = copy.match(expression);
    if (m.hasMatch())
        sync->sourceColumn = m.captured(1).replace(u"\"\""_s, u"\""_s);
    else if (expression.startsWith(u'(') && expression.endsWith(u')'))
        sync->expression = expression.mid(1, expression.size() - 2);
}

void SqliteImporter::readTriggers(const QList<Entry> &triggers)
{
    const SqliteDialect dialect;
    QHash<QString, const Entry *> byName;
    for (const Entry &entry : triggers)
        byName.insert(entry.name, &entry);
    QSet<QString> syncs; // trigger names read as sync triggers
    for (const Entry &entry : triggers) {
        Table *table = m_schema.table(canonicalTable(entry.table));
        if (!table || syncs.contains(entry.name))
            continue;
        // Tideline's own: a pair named after table and target, exactly as the dialect makes it.
        const QString prefix = u"tideline_sync_%1_"_s.arg(table->name);
        if (!entry.name.startsWith(prefix) || !entry.name.endsWith(u"_insert"_s))
            continue;
        SyncTrigger sync;
        sync.target = entry.name.mid(prefix.size(), entry.name.size() - prefix.size() - 7);
        const QStringList names = SqliteDialect::syncTriggerNames(table->name, sync.target);
        const Entry *update = byName.value(names.at(1));
        if (!update)
            continue;
        readSyncPart(entry.sql, true, &sync);
        readSyncPart(update->sql, false, &sync);
        if (!sync.sourceColumn.isEmpty() && sync.sources.isEmpty())
            sync.sources = {sync.sourceColumn};
        if (dialect.syncTriggerSql(*table, sync) == QStringList{entry.sql, update->sql}) {
            table->syncs.append(sync);
            for (const QString &name : names)
                syncs.insert(name);
        }
    }
    for (const Entry &entry : triggers) {
        if (syncs.contains(entry.name))
            continue;
        Table *table = m_schema.table(canonicalTable(entry.table));
        if (!table) {
            m_notes << u"trigger %1 is on view %2: a baseline holds triggers of tables only, so it "
                       "is left out"_s.arg(entry.name, entry.table);
            continue;
        }
        table->triggers.append({entry.name, entry.sql});
    }
}

} // namespace

namespace {

bool importWith(bool lenient, const QString &sql, Schema *schema, QString *error, QStringList *notes)
{
    SqliteImporter importer(lenient);
    if (!importer.run(sql)) {
        if (error)
            *error = importer.error();
        return false;
    }
    *schema = importer.schema();
    if (notes)
        *notes += importer.notes();
    return true;
}

} // namespace

bool DdlImporter::importSqlite(const QString &sql, Schema *schema, QString *error, QStringList *notes)
{
    return importWith(false, sql, schema, error, notes);
}

bool SqliteImport::readCatalog(const QString &sql, Schema *schema, QString *error, QStringList *notes)
{
    return importWith(true, sql, schema, error, notes);
}

} // namespace Tideline
