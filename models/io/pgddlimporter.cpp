// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ddlimporter.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <pg_query.h>

#include <algorithm>
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

QList<Token> tokenize(const QByteArray &s, int begin, int end)
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
        return names.join(u'.')
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

// ---- The importer ------------------------------------------------------------------------------

/** Maps the statements of one parse result onto a Schema; the first failure stops it. */
class PostgresImporter
{
public:
    explicit PostgresImporter(QByteArray source)
        : m_source(std::move(source))
    {}

    bool run(const QJsonArray &statements);
    const Schema &schema() const { return m_schema; }
    const QString &error() const { return m_error; }

private:
    // A PRIMARY KEY/UNIQUE/CHECK/FOREIGN KEY constraint waiting for all columns to exist.
    struct PendingConstraint
    {
        QJsonObject constraint;
        QString column; // empty for table constraints
    };

    bool createTable(const QJsonObject &stmt);
    bool createIndex(const QJsonObject &stmt);
    bool alterTable(const QJsonObject &stmt);
    bool createView(const QJsonObject &stmt);
    bool createProcedure(const QJsonObject &stmt);
    bool isHarmless(const QString &type, const QJsonObject &stmt) const;

    bool addColumn(Table *table,
                   const QJsonObject &columnDef,
                   bool ifNotExists,
                   QList<PendingConstraint> *pending);
    bool addConstraint(Table *table, const QJsonObject &constraint, const QString &column);
    bool outputColumns(const QJsonObject &select, QStringList *columns);
    void resolveForeignKeys();

    QString expressionText(const QJsonValue &expr,
                           int first = -1,
                           const QByteArrayList &stopWords = {}) const;
    QString defaultText(const QJsonValue &expr, const QByteArrayList &stopWords = {}) const;
    int tokenAt(int location) const;

    bool fail(const QString &problem);
    bool unmapped();
    QString quotedStatement() const;

    QByteArray m_source;
    Schema m_schema;
    QString m_error;
    // The statement being mapped: its 1-based number and its tokens.
    int m_number = 0;
    QList<Token> m_tokens;
};

bool PostgresImporter::run(const QJsonArray &statements)
{
    for (const QJsonValue &entry : statements) {
        const QJsonObject raw = entry.toObject();
        ++m_number;
        const int begin = raw.value(u"stmt_location").toInt();
        const int length = raw.value(u"stmt_len").toInt(); // 0: up to the end
        m_tokens = tokenize(m_source, begin, length > 0 ? begin + length : int(m_source.size()));

        const QJsonValue node = raw.value(u"stmt");
        const QString type = nodeType(node);
        const QJsonObject stmt = nodeBody(node);
        bool ok = true;
        if (type == u"CreateStmt")
            ok = createTable(stmt);
        else if (type == u"IndexStmt")
            ok = createIndex(stmt);
        else if (type == u"AlterTableStmt")
            ok = alterTable(stmt);
        else if (type == u"ViewStmt")
            ok = createView(stmt);
        else if (type == u"CreateFunctionStmt")
            ok = createProcedure(stmt);
        else if (!isHarmless(type, stmt))
            ok = unmapped();
        if (!ok)
            return false;
    }
    resolveForeignKeys();
    return true;
}

// Statements that pg_dump and migration scripts carry around the schema but that change nothing
// Tideline models. They are accepted and ignored:
//   SET ... / RESET ...                       (VariableSetStmt)
//   SELECT pg_catalog.set_config(...)          (SelectStmt of exactly that call)
//   COMMENT ON ...                             (CommentStmt)
//   CREATE EXTENSION                           (CreateExtensionStmt)
//   CREATE SCHEMA without inline elements      (CreateSchemaStmt)
//   CREATE SEQUENCE, ALTER SEQUENCE [OWNED BY] (CreateSeqStmt, AlterSeqStmt: sequences are not
//                                               modelled; serial/identity columns are)
//   ALTER ... OWNER TO                         (AlterOwnerStmt; AlterTableStmt, see alterTable)
//   GRANT / REVOKE, ALTER DEFAULT PRIVILEGES   (GrantStmt, GrantRoleStmt,
//                                               AlterDefaultPrivilegesStmt)
//   BEGIN / START TRANSACTION / COMMIT         (TransactionStmt; migration files wrap in these)
bool PostgresImporter::isHarmless(const QString &type, const QJsonObject &stmt) const
{
    static const QStringList alwaysHarmless = {
        u"VariableSetStmt"_s,
        u"CommentStmt"_s,
        u"CreateExtensionStmt"_s,
        u"CreateSeqStmt"_s,
        u"AlterSeqStmt"_s,
        u"AlterOwnerStmt"_s,
        u"GrantStmt"_s,
        u"GrantRoleStmt"_s,
        u"AlterDefaultPrivilegesStmt"_s,
    };
    if (alwaysHarmless.contains(type))
        return true;
    if (type == u"CreateSchemaStmt")
        return stmt.value(u"schemaElts").toArray().isEmpty();
    if (type == u"TransactionStmt") {
        const QString kind = stmt.value(u"kind").toString();
        return kind == u"TRANS_STMT_BEGIN" || kind == u"TRANS_STMT_START"
               || kind == u"TRANS_STMT_COMMIT";
    }
    if (type == u"SelectStmt") {
        const QJsonArray targets = stmt.value(u"targetList").toArray();
        if (targets.size() != 1 || stmt.contains(u"fromClause"))
            return false;
        const QJsonValue call = nodeBody(targets.first()).value(u"val");
        const QStringList name = strings(nodeBody(call).value(u"funcname"));
        return nodeType(call) == u"FuncCall"
               && (name == QStringList{u"set_config"_s}
                   || name == QStringList{u"pg_catalog"_s, u"set_config"_s});
    }
    return false;
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

    Table table;
    table.name = name;
    // Table constraints may name columns declared after them, so they wait for all columns.
    QList<PendingConstraint> pending;
    for (const QJsonValue &element : stmt.value(u"tableElts").toArray()) {
        const QString type = nodeType(element);
        if (type == u"ColumnDef") {
            if (!addColumn(&table, nodeBody(element), false, &pending))
                return false;
        } else if (type == u"Constraint") {
            pending.append({nodeBody(element), QString()});
        } else {
            return fail(u"%1 in CREATE TABLE cannot be mapped"_s.arg(type));
        }
    }
    for (const PendingConstraint &p : std::as_const(pending)) {
        if (!addConstraint(&table, p.constraint, p.column))
            return false;
    }
    m_schema.tables.insert(name, table);
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
    // serial is not a type but shorthand for an integer filled from an owned sequence.
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
        column.identity = true;
        column.nullable = false;
    } else {
        column.type = typeText(typeName);
    }

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
            column.defaultValue = defaultText(constraint.value(u"raw_expr"), nextConstraint);
        } else if (kind == u"CONSTR_IDENTITY") {
            column.identity = true;
            column.nullable = false; // identity columns are implicitly NOT NULL
        } else if (kind == u"CONSTR_GENERATED") {
            column.generated = true;
        } else if (kind.startsWith(u"CONSTR_ATTR_")) {
            // DEFERRABLE / INITIALLY ...: when a constraint is checked, not what it is.
        } else {
            pending->append({constraint, column.name});
        }
    }
    table->columns.append(column);
    return true;
}

bool PostgresImporter::addConstraint(Table *table, const QJsonObject &node, const QString &column)
{
    const QString kind = node.value(u"contype").toString();
    Constraint constraint;
    constraint.name = node.value(u"conname").toString();
    constraint.columns = strings(node.value(u"keys"));
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
        }
    } else if (kind == u"CONSTR_CHECK") {
        constraint.kind = Constraint::Kind::Check;
        constraint.expression = expressionText(node.value(u"raw_expr"));
        QStringList referenced;
        collectColumnRefs(node.value(u"raw_expr"), &referenced);
        for (const QString &name : std::as_const(referenced)) {
            if (table->column(name))
                constraint.columns.append(name);
        }
    } else if (kind == u"CONSTR_FOREIGN") {
        constraint.kind = Constraint::Kind::ForeignKey;
        constraint.columns = strings(node.value(u"fk_attrs"));
        constraint.refTable = relationName(node.value(u"pktable").toObject());
        constraint.refColumns = strings(node.value(u"pk_attrs")); // empty: resolved at the end
    } else {
        return fail(u"%1 constraints cannot be mapped"_s.arg(kind.mid(7).toLower()));
    }
    if (constraint.columns.isEmpty() && !column.isEmpty())
        constraint.columns = QStringList{column};

    for (const QString &name : std::as_const(constraint.columns)) {
        if (!table->column(name))
            return fail(u"column \"%1\" of table \"%2\" does not exist"_s.arg(name, table->name));
    }
    if (constraint.kind == Constraint::Kind::PrimaryKey) {
        if (!table->primaryKey.isEmpty())
            return fail(u"table \"%1\" has two primary keys"_s.arg(table->name));
        table->primaryKey = constraint.columns;
        for (const QString &name : std::as_const(constraint.columns))
            table->column(name)->nullable = false;
    }
    table->constraints.append(constraint);
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
    QStringList nameParts{relation.value(u"relname").toString()};
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
            index.columns.append(expressionText(element.value(u"expr"), -1, stopWords));
            nameParts.append(u"expr"_s);
        }
    }
    // Unnamed indexes get the name PostgreSQL would choose (without its collision suffixes).
    index.name = stmt.value(u"idxname").toString();
    if (index.name.isEmpty())
        index.name = nameParts.join(u'_') + u"_idx"_s;
    for (const Index &existing : std::as_const(table->indexes)) {
        if (existing.name == index.name) {
            if (stmt.value(u"if_not_exists").toBool())
                return true;
            return fail(u"index \"%1\" is created twice"_s.arg(index.name));
        }
    }
    table->indexes.append(index);
    return true;
}

bool PostgresImporter::alterTable(const QJsonObject &stmt)
{
    const QJsonArray commands = stmt.value(u"cmds").toArray();
    const auto subtype = [](const QJsonValue &command) {
        return nodeBody(command).value(u"subtype").toString();
    };
    // ALTER TABLE/SEQUENCE/VIEW ... OWNER TO is harmless (see isHarmless).
    if (std::all_of(commands.begin(), commands.end(), [&](const QJsonValue &c) {
            return subtype(c) == u"AT_ChangeOwner";
        }))
        return true;
    if (stmt.value(u"objtype").toString() != u"OBJECT_TABLE")
        return unmapped();
    const QString name = relationName(stmt.value(u"relation").toObject());
    Table *table = m_schema.table(name);
    if (!table) {
        if (stmt.value(u"missing_ok").toBool()) // ALTER TABLE IF EXISTS
            return true;
        return fail(u"unknown table \"%1\""_s.arg(name));
    }

    for (const QJsonValue &node : commands) {
        const QJsonObject command = nodeBody(node);
        const QString kind = command.value(u"subtype").toString();
        const QJsonValue definition = command.value(u"def");
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
            for (const PendingConstraint &p : std::as_const(pending)) {
                if (!addConstraint(table, p.constraint, p.column))
                    return false;
            }
            continue;
        }
        if (kind == u"AT_ChangeOwner")
            continue;
        if (kind != u"AT_SetNotNull" && kind != u"AT_ColumnDefault" && kind != u"AT_AddIdentity")
            return unmapped();

        const QString columnName = command.value(u"name").toString();
        Column *column = table->column(columnName);
        if (!column)
            return fail(u"column \"%1\" of table \"%2\" does not exist"_s.arg(columnName, name));
        if (kind == u"AT_SetNotNull") {
            column->nullable = false;
        } else if (kind == u"AT_ColumnDefault") { // SET DEFAULT x, or DROP DEFAULT without def
            column->defaultValue = definition.isUndefined() ? QString() : defaultText(definition);
        } else { // AT_AddIdentity: how pg_dump restores identity columns
            column->identity = true;
            column->nullable = false;
        }
    }
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

QString PostgresImporter::quotedStatement() const
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
    if (text.size() > 200)
        text = text.left(200) + u'\u2026';
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
QString parseErrorMessage(const QString &sql, const QByteArray &source, const PgQueryError &error)
{
    QString message = QString::fromUtf8(error.message);
    if (error.cursorpos <= 0)
        return message;
    // cursorpos counts characters (code points) from 1; find its UTF-16 index and byte offset.
    int index = 0;
    for (int characters = 1; characters < error.cursorpos && index < sql.size(); ++characters)
        index += (sql.at(index).isHighSurrogate() && index + 1 < sql.size()) ? 2 : 1;
    const int line = int(sql.left(index).count(u'\n')) + 1;
    const int column = index - int(sql.lastIndexOf(u'\n', index - 1)); // 1-based
    message += u" (line %1, column %2)"_s.arg(line).arg(column);

    // The statement around the error. libpg_query's scanner splits the input, but it fails on an
    // unterminated string and leaves out an incomplete last statement; then the statement runs
    // from the semicolon before the error to the one after it.
    const int offset = int(sql.left(index).toUtf8().size());
    int number = 0;
    int begin = -1;
    int end = -1;
    PgQuerySplitResult split = pg_query_split_with_scanner(source.constData());
    for (int i = 0; !split.error && i < split.n_stmts; ++i) {
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

} // namespace

bool DdlImporter::importPostgres(const QString &sql, Schema *schema, QString *error)
{
    if (sql.contains(QChar(0))) { // the parser would stop reading there
        if (error)
            *error = u"the DDL contains a NUL character"_s;
        return false;
    }
    const QByteArray source = sql.toUtf8();
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
    return true;
}

} // namespace Tideline
