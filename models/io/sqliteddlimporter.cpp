// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ddlimporter.h"

#include <QByteArrayView>
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

// A constraint as the CREATE TABLE text declares it.
struct DeclaredConstraint
{
    Constraint::Kind kind = Constraint::Kind::Check;
    QString name;
    QStringList columns;
    QString expression; // CHECK only
    int first = 0;      // token range of the expression, to find the columns it names
    int last = 0;
};

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

// Type text as declared, lower-cased and with the spacing of PostgreSQL's ("numeric(10,2)").
QString normalisedType(const QString &declared)
{
    QString type = declared.simplified().toLower();
    type.replace(u" ("_s, u"("_s).replace(u"( "_s, u"("_s).replace(u" )"_s, u")"_s);
    type.replace(u", "_s, u","_s).replace(u" ,"_s, u","_s);
    return type;
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

/** What the authorizer saw while SQLite compiled one statement. */
struct Authorization
{
    int creates = 0;     // CREATE TABLE / INDEX / VIEW in the main database
    bool other = false;  // anything a baseline schema must not contain
    QString transaction; // "BEGIN" or "COMMIT" for transaction statements
    bool any = false;
};

int authorize(
    void *data, int action, const char *first, const char *, const char *database, const char *)
{
    auto *seen = static_cast<Authorization *>(data);
    seen->any = true;
    const bool main = database && qstrcmp(database, "main") == 0;
    const bool schemaTable = first
                             && (qstrcmp(first, "sqlite_master") == 0
                                 || qstrcmp(first, "sqlite_schema") == 0);
    switch (action) {
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_VIEW:
        // A PRIMARY KEY or UNIQUE creates sqlite_autoindex_*, AUTOINCREMENT sqlite_sequence.
        if (first && qstrncmp(first, "sqlite_", 7) == 0)
            break;
        if (main)
            ++seen->creates;
        else
            seen->other = true; // temp.x
        break;
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
        // Creating an object writes its catalog row; writing any other table is data.
        if (!(main && schemaTable))
            seen->other = true;
        break;
    case SQLITE_READ:     // columns named by an index or a view
    case SQLITE_FUNCTION: // functions in defaults, checks and index expressions
    case SQLITE_REINDEX:  // CREATE INDEX fills the new index
        break;
    case SQLITE_TRANSACTION:
        seen->transaction = QString::fromUtf8(first).toUpper();
        break;
    default: // SELECT (CREATE TABLE ... AS SELECT runs a query), triggers, drops, pragmas, ...
        seen->other = true;
        break;
    }
    return SQLITE_OK;
}

class SqliteImporter
{
public:
    SqliteImporter()
        : m_database(nullptr, sqlite3_close)
    {}

    bool run(const QString &sql);
    const Schema &schema() const { return m_schema; }
    const QString &error() const { return m_error; }

private:
    bool execute(const QByteArray &source);
    bool readCatalog();
    bool readTable(const QString &name, const QString &sql);
    bool readIndex(const QString &name, const QString &tableName, const QString &sql);
    bool readView(const QString &name, const QString &sql);
    bool query(const char *sql,
               const QString &argument,
               const std::function<void(sqlite3_stmt *)> &row);
    QString canonicalTable(const QString &name) const;

    Database m_database;
    Schema m_schema;
    QString m_error;
    QSet<QString> m_uniqueIndexes;
};

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

// Compiles the script one statement at a time, runs the CREATE statements, refuses the rest.
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
        const int prepared = sqlite3_prepare_v2(db, cursor, int(end - cursor), &raw, &tail);
        sqlite3_set_authorizer(db, nullptr, nullptr);
        Statement stmt(raw, sqlite3_finalize);
        if (prepared != SQLITE_OK) {
            // SQLite does not say where a statement it could not compile ends; the shortest
            // prefix that sqlite3_complete() accepts is that statement.
            const QByteArray rest(cursor, int(end - cursor));
            qsizetype length = rest.size();
            for (qsizetype semicolon = rest.indexOf(';'); semicolon >= 0;
                 semicolon = rest.indexOf(';', semicolon + 1)) {
                if (sqlite3_complete(rest.left(semicolon + 1).constData())) {
                    length = semicolon + 1;
                    break;
                }
            }
            const QString text = QString::fromUtf8(rest.left(length));
            ++number;
            if (createsSqliteTable(text)) {
                // The sqlite3 shell's .schema prints sqlite_sequence, which SQLite makes itself
                // for AUTOINCREMENT and refuses to create; it is no part of the user's schema.
                cursor += length;
                continue;
            }
            m_error = u"statement %1: %2: %3"_s.arg(number).arg(QString::fromUtf8(
                                                                    sqlite3_errmsg(db)),
                                                                quoted(text));
            return false;
        }
        cursor = tail;
        if (!stmt) // only whitespace or comments
            continue;
        ++number;
        const QString text = QString::fromUtf8(sqlite3_sql(stmt.get()));

        if (seen.transaction == u"BEGIN" || seen.transaction == u"COMMIT") {
            // Scripts wrap DDL in BEGIN/COMMIT; they change nothing Tideline models.
            if (!seen.other && seen.creates == 0)
                continue;
        }
        bool accepted = seen.creates == 1 && !seen.other && seen.transaction.isEmpty()
                        && !sqlite3_stmt_isexplain(stmt.get());
        if (!seen.any) {
            // "CREATE ... IF NOT EXISTS" of something that exists compiles to nothing at all.
            const SqlText words(text);
            int i = words.isWord(0, "CREATE") ? 1 : -1;
            if (words.isWord(i, "UNIQUE"))
                ++i;
            accepted = (words.isWord(i, "TABLE") || words.isWord(i, "INDEX")
                        || words.isWord(i, "VIEW"))
                       && words.isWord(i + 1, "IF") && words.isWord(i + 2, "NOT")
                       && words.isWord(i + 3, "EXISTS");
        }
        if (!accepted) {
            m_error = u"cannot map statement %1 to a baseline schema: %2"_s.arg(number).arg(
                quoted(text));
            return false;
        }
        int stepped = SQLITE_ROW;
        while (stepped == SQLITE_ROW)
            stepped = sqlite3_step(stmt.get());
        if (stepped != SQLITE_DONE) {
            m_error = u"statement %1: %2: %3"_s.arg(number).arg(QString::fromUtf8(
                                                                    sqlite3_errmsg(db)),
                                                                quoted(text));
            return false;
        }
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
    struct Entry
    {
        QString type, name, table, sql;
    };
    QList<Entry> entries;
    if (!query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid",
               QString(),
               [&](sqlite3_stmt *s) {
                   entries.append(
                       {columnText(s, 0), columnText(s, 1), columnText(s, 2), columnText(s, 3)});
               }))
        return false;
    // Tables first: indexes and views refer to them. Names starting "sqlite_" are SQLite's own
    // (sqlite_sequence, sqlite_stat1, sqlite_autoindex_*); users cannot create such names.
    for (const QString &type : {u"table"_s, u"index"_s, u"view"_s}) {
        for (const Entry &entry : std::as_const(entries)) {
            if (entry.type != type)
                continue;
            bool ok = true;
            if (type == u"table" && !entry.name.startsWith(u"sqlite_"))
                ok = readTable(entry.name, entry.sql);
            else if (type == u"index")
                ok = readIndex(entry.name, entry.table, entry.sql);
            else if (type == u"view")
                ok = readView(entry.name, entry.sql);
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
    return true;
}

QString SqliteImporter::canonicalTable(const QString &name) const
{
    for (auto it = m_schema.tables.cbegin(); it != m_schema.tables.cend(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.key();
    }
    return name;
}

bool SqliteImporter::readTable(const QString &name, const QString &sql)
{
    Table table;
    table.name = name;
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
                        column.type = normalisedType(columnText(s, 1));
                        column.nullable = sqlite3_column_int(s, 2) == 0;
                        column.defaultValue = columnText(s, 3);
                        column.generated = hidden == 2 || hidden == 3; // VIRTUAL or STORED
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
    // A one-column primary key without an index of its own is the rowid: INTEGER PRIMARY KEY,
    // which SQLite fills (AUTOINCREMENT only changes how).
    if (table.primaryKey.size() == 1 && primaryKeyIndex.isEmpty())
        table.column(table.primaryKey.first())->identity = true;

    // Constraints the text declares: their names, and the CHECKs the catalog does not expose.
    const SqlText text(sql);
    const QList<DeclaredConstraint> declared = declaredConstraints(text);
    const auto declaredName = [&](Constraint::Kind kind, const QStringList &columns) {
        for (const DeclaredConstraint &d : declared) {
            if (d.kind == kind && sameColumns(d.columns, columns))
                return d.name;
        }
        return QString();
    };
    if (!table.primaryKey.isEmpty()) {
        Constraint key;
        key.kind = Constraint::Kind::PrimaryKey;
        key.columns = table.primaryKey;
        key.name = declaredName(key.kind, key.columns);
        table.constraints.append(key);
    }
    for (const QStringList &columns : std::as_const(uniqueColumns)) {
        Constraint unique;
        unique.kind = Constraint::Kind::Unique;
        unique.columns = columns;
        unique.name = declaredName(unique.kind, unique.columns);
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
    ok = query("SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1) "
               "ORDER BY id DESC, seq",
               name,
               [&](sqlite3_stmt *s) {
                   Constraint &key = foreignKeys[-sqlite3_column_int(s, 0)];
                   key.kind = Constraint::Kind::ForeignKey;
                   key.refTable = columnText(s, 1);
                   key.columns.append(columnText(s, 2));
                   if (sqlite3_column_type(s, 3) != SQLITE_NULL)
                       key.refColumns.append(columnText(s, 3));
               });
    if (!ok)
        return false;
    for (Constraint key : std::as_const(foreignKeys)) {
        key.name = declaredName(key.kind, key.columns);
        table.constraints.append(key);
    }
    m_schema.tables.insert(name, table);
    return true;
}

bool SqliteImporter::readIndex(const QString &name, const QString &tableName, const QString &sql)
{
    Table *table = m_schema.table(tableName);
    if (!table || name.startsWith(u"sqlite_autoindex_"))
        return true; // SQLite's own, or a PRIMARY KEY/UNIQUE constraint read with its table
    Index index;
    index.name = name;
    index.unique = m_uniqueIndexes.contains(name);
    QList<bool> expressions;
    if (!query("SELECT name FROM pragma_index_info(?1) ORDER BY seqno", name, [&](sqlite3_stmt *s) {
            index.columns.append(columnText(s, 0));
            expressions.append(sqlite3_column_type(s, 0) == SQLITE_NULL);
        })) {
        m_error = u"index \"%1\" cannot be read back: %2"_s.arg(name, m_error);
        return false;
    }
    // An expression in an index has no name in the catalog; take its text from CREATE INDEX.
    if (expressions.contains(true)) {
        const SqlText text(sql);
        int open = -1;
        for (int i = 0; i < text.size() && open < 0; ++i) {
            if (text.isWord(i, "ON"))
                open = text.find(i, Token::Open);
        }
        const auto items = open < 0 ? QList<std::pair<int, int>>() : text.items(open);
        for (int i = 0; i < index.columns.size() && i < items.size(); ++i) {
            if (!expressions.at(i))
                continue;
            auto [first, last] = items.at(i);
            // Drop what may follow the expression: ASC/DESC and COLLATE name.
            if (text.isWord(last - 1, "ASC") || text.isWord(last - 1, "DESC"))
                --last;
            if (text.isWord(last - 2, "COLLATE"))
                last -= 2;
            if (text.at(first).kind == Token::Open && text.closing(first) == last) { // "(a * 2)"
                ++first;
                --last;
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
            const int last = text.at(text.size() - 1).kind == Token::Semicolon ? text.size() - 1
                                                                               : text.size();
            view.definition = text.text(i + 1, last);
            break;
        }
    }
    m_schema.views.insert(name, view);
    return true;
}

} // namespace

bool DdlImporter::importSqlite(const QString &sql, Schema *schema, QString *error)
{
    SqliteImporter importer;
    if (!importer.run(sql)) {
        if (error)
            *error = importer.error();
        return false;
    }
    *schema = importer.schema();
    return true;
}

} // namespace Tideline
