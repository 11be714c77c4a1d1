// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlserverdialect.h"

#include <catalog/carry.h>

#include <QCryptographicHash>
#include <QRegularExpression>

#include <functional>

// SQL Server 2016 SP1+. The idioms, and why (docs/sql-generation.md, ## SQL Server, has more):
//
// * Batches. Every unit is one batch ended by a `GO` line: CREATE TRIGGER must start a batch,
//   and a batch is compiled as a whole. A statement that reads or writes a column (DML) fails
//   to compile when the column is missing, even in a branch that does not run; so DML whose
//   columns a later release may drop (backfills, sync triggers, checks of existing rows) runs
//   through sys.sp_executesql behind a COL_LENGTH guard, and a re-run after that release is
//   harmless. DDL is resolved when it runs.
// * sqlcmd reads some lines as its own commands (GO, EXIT, :r, !!, …) and `$(` as a variable,
//   wherever they are. No batch holds such a line: sqlcmdSafe() rewrites one inside a string
//   literal with T-SQL's line continuation, and refuses the op anywhere else.
// * Guards. T-SQL has IF: COL_LENGTH for columns, OBJECT_ID / sys.* for objects, always with
//   the schema-qualified, bracket-quoted name built from the same identifier as the DDL.
// * CHECK and FOREIGN KEY are added WITH NOCHECK (no scan under the schema lock); a query then
//   checks the existing rows with ordinary locks and fails the script when one breaks the rule.
//   (WITH CHECK CHECK CONSTRAINT would scan under a schema-modification lock.)
// * Index builds use WITH (ONLINE = ON): Enterprise (and Azure SQL) only; other editions
//   reject the option, and the docs say so.
// * Backfills follow Michael J. Swart's careful batching: a WHILE loop walking the clustered
//   primary key, one batch per statement, outside any transaction.
// * User text (expressions, defaults, predicates) is never re-indented: indent() knows where a
//   string literal is, and pads only lines that start in code.

namespace Tideline {

namespace {

const QString DefaultSchema = QStringLiteral("dbo");

/** Where a character of T-SQL text stands. */
enum class Lex { Code, String, Bracket, Quoted, LineComment, BlockComment };

/** The state in which each character of @p sql is read (one more entry: the state at the end). */
QList<Lex> lexStates(const QString &sql)
{
    QList<Lex> states;
    states.reserve(sql.size() + 1);
    Lex state = Lex::Code;
    int depth = 0;
    const int n = int(sql.size());
    for (int i = 0; i < n; ++i) {
        states.append(state);
        const QChar c = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
        auto skipNext = [&] {
            states.append(state);
            ++i;
        };
        switch (state) {
        case Lex::Code:
            if (c == QLatin1Char('\''))
                state = Lex::String;
            else if (c == QLatin1Char('['))
                state = Lex::Bracket;
            else if (c == QLatin1Char('"'))
                state = Lex::Quoted;
            else if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
                state = Lex::LineComment;
                skipNext();
            } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
                state = Lex::BlockComment;
                depth = 1;
                skipNext();
            }
            break;
        case Lex::String:
        case Lex::Bracket:
        case Lex::Quoted: {
            const QChar close = state == Lex::String ? QLatin1Char('\'')
                                : state == Lex::Bracket ? QLatin1Char(']')
                                                        : QLatin1Char('"');
            if (c == close) {
                if (next == close)
                    skipNext();
                else
                    state = Lex::Code;
            }
            break;
        }
        case Lex::LineComment:
            if (c == QLatin1Char('\n'))
                state = Lex::Code;
            break;
        case Lex::BlockComment:
            if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
                ++depth;
                skipNext();
            } else if (c == QLatin1Char('*') && next == QLatin1Char('/')) {
                skipNext();
                if (--depth == 0)
                    state = Lex::Code;
            }
            break;
        }
    }
    states.append(state);
    return states;
}

/** @p text with @p spaces added before every line that starts in code: a line that starts inside
 *  a string literal, a quoted name or a comment is user text and stays byte for byte. */
QString indent(const QString &text, int spaces)
{
    const QList<Lex> states = lexStates(text);
    QString out;
    const QString pad(spaces, QLatin1Char(' '));
    for (int i = 0; i < text.size(); ++i) {
        const bool lineStart = i == 0 || text.at(i - 1) == QLatin1Char('\n');
        if (lineStart && states.at(i) == Lex::Code && text.at(i) != QLatin1Char('\n'))
            out += pad;
        out += text.at(i);
    }
    return out;
}

/** User SQL pasted into generated SQL: a trailing `--` comment gets its line end, so the
 *  generated text after it is not commented out. */
QString userText(const QString &sql)
{
    return lexStates(sql).constLast() == Lex::LineComment ? sql + QLatin1Char('\n') : sql;
}

QString derivedName(const QString &prefix, const QStringList &parts)
{
    const QByteArray digest
        = QCryptographicHash::hash(parts.join(QChar(0x1f)).toUtf8(), QCryptographicHash::Sha1)
              .toHex()
              .left(12);
    return prefix + QString::fromLatin1(digest);
}

/** @p name, or a hashed name with @p prefix when it passes SQL Server's 128 characters. */
QString fitted(const QString &name, const QString &prefix)
{
    return name.size() <= SqlServerDialect::MaxIdentifierLength ? name : derivedName(prefix, {name});
}

QString batch(const QString &sql)
{
    // The variables some statements need, declared once at the top of the batch.
    QString declarations;
    if (sql.contains(QLatin1String("@tideline_sql")))
        declarations += QStringLiteral("DECLARE @tideline_sql nvarchar(max);\n");
    if (sql.contains(QLatin1String("@tideline_comment")))
        declarations += QStringLiteral("DECLARE @tideline_comment nvarchar(4000);\n");
    return declarations + sql + QStringLiteral("GO\n");
}

/** A batch (ended by its GO line) made safe for sqlcmd, its GO line left as it is. */
QString safeBatch(const QString &sql, QString *problem)
{
    const QString end = QStringLiteral("GO\n");
    const bool ended = sql.endsWith(end);
    const QString safe = SqlServerDialect::sqlcmdSafe(ended ? sql.chopped(end.size()) : sql, problem);
    return problem->isEmpty() && ended ? safe + end : safe;
}


/** A collation name SQL Server can read (it cannot be quoted): letters, digits, '_'. */
bool isCollationName(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_]+$"));
    return plain.match(name).hasMatch();
}

/** The SQL Server spelling of a foreign-key action; NO ACTION (and RESTRICT, which SQL Server
 *  does not have and which behaves the same for a constraint checked at once) is left out. */
QString fkAction(const QString &action)
{
    QString normal;
    if (!Constraint::normalizeAction(action, &normal) || normal == QLatin1String("RESTRICT"))
        return {};
    return normal;
}

/** True for types whose `=` tells every two different values apart (no collation, no
 *  trailing-space or time-zone equivalence). */
bool exactlyComparable(const QString &mappedType)
{
    static const QRegularExpression exact(QStringLiteral(
        R"(^(int|bigint|smallint|tinyint|bit|decimal|numeric|money|smallmoney|float|real|date|datetime2|datetime|smalldatetime|time|uniqueidentifier)\b)"));
    return exact.match(mappedType.toLower()).hasMatch();
}

/** NULL-safe "same value" of @p a and @p b, byte for byte where `=` is not. */
QString sameValue(const QString &mappedType, const QString &a, const QString &b)
{
    const bool exact = exactlyComparable(mappedType);
    const QString x = exact ? a : QStringLiteral("CAST(%1 AS varbinary(max))").arg(a);
    const QString y = exact ? b : QStringLiteral("CAST(%1 AS varbinary(max))").arg(b);
    return QStringLiteral("(%1 = %2 OR (%3 IS NULL AND %4 IS NULL))").arg(x, y, a, b);
}

/** The table's constraints, with its primary key as a constraint when only `primaryKey` says it. */
QList<Constraint> constraintsOf(const Table &t)
{
    QList<Constraint> all = t.constraints;
    const bool hasPk = std::any_of(all.cbegin(), all.cend(), [](const Constraint &c) {
        return c.kind == Constraint::Kind::PrimaryKey;
    });
    if (!hasPk && !t.primaryKey.isEmpty()) {
        Constraint pk;
        pk.kind = Constraint::Kind::PrimaryKey;
        pk.columns = t.primaryKey;
        all.prepend(pk);
    }
    return all;
}

/** The referenced columns of a foreign key: its own, or the referenced table's primary key. */
QStringList referencedColumns(const Schema &schema, const Constraint &fk)
{
    if (!fk.refColumns.isEmpty())
        return fk.refColumns;
    const Table *parent = schema.table(fk.refTable);
    return parent ? parent->primaryKey : QStringList();
}

/** True when @p index is the one SQL Server builds for a PRIMARY KEY or UNIQUE constraint of the
 *  same name (catalogs of other engines list both): the constraint creates and drops it. */
bool backsConstraint(const Table &t, const Index &index)
{
    return std::any_of(t.constraints.cbegin(), t.constraints.cend(), [&](const Constraint &c) {
        return (c.kind == Constraint::Kind::PrimaryKey || c.kind == Constraint::Kind::Unique) && c.name == index.name;
    });
}

} // namespace

QString SqlServerDialect::quoteIdentifier(const QString &identifier) const
{
    QString quoted = identifier;
    quoted.replace(QLatin1Char(']'), QStringLiteral("]]"));
    return QLatin1Char('[') + quoted + QLatin1Char(']');
}

QString SqlServerDialect::quoteString(const QString &text) const
{
    // N'' keeps non-Latin text (prénom) intact whatever the database's code page. Control
    // characters and `$(` never reach a literal as they are: they go through NCHAR() and
    // concatenation, so no line of the file holds them (see sqlcmdSafe()).
    QStringList parts;
    QString piece;
    auto flush = [&] {
        if (!piece.isEmpty())
            parts << QStringLiteral("N'") + piece.replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
        piece.clear();
    };
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.unicode() < 0x20 && c != QLatin1Char('\t')) {
            flush();
            parts << QStringLiteral("NCHAR(%1)").arg(c.unicode());
            continue;
        }
        piece += c;
        if (c == QLatin1Char('$') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('('))
            flush();
    }
    flush();
    return parts.isEmpty() ? QStringLiteral("N''") : parts.join(QStringLiteral(" + "));
}

bool SqlServerDialect::isSqlcmdCommand(const QString &line)
{
    // The commands of sqlcmd (and osql, SSMS in SQLCMD mode): GO [n], the ones recognised
    // without a colon for osql's sake ([:]EXIT, [:]QUIT, [:]ED, [:]RESET, [:]!!), every
    // :command, and go-sqlcmd's [:]ON ERROR. Case-insensitive, at the start of a line after
    // blanks. Clients differ in what may follow the word, so anything that does not continue
    // it as a name counts (GO' too).
    static const QRegularExpression command(
        QStringLiteral(R"(^[ \t]*(?:(?:GO|EXIT|QUIT|ED|RESET|ON[ \t]+ERROR)(?![A-Za-z0-9_@#$])|:|!!))"),
        QRegularExpression::CaseInsensitiveOption);
    return command.match(line).hasMatch();
}

QString SqlServerDialect::sqlcmdSafe(const QString &sql, QString *problem)
{
    const QList<Lex> states = lexStates(sql);
    QList<int> breaks; // positions where a line continuation (backslash, line feed) goes
    int lineNumber = 1;
    for (int i = 0; i <= sql.size(); ++i) {
        const bool lineStart = i == 0 || sql.at(i - 1) == QLatin1Char('\n');
        if (i > 0 && sql.at(i - 1) == QLatin1Char('\n'))
            ++lineNumber;
        if (lineStart && i < sql.size()) {
            const int end = int(sql.indexOf(QLatin1Char('\n'), i));
            const QString line = sql.mid(i, end < 0 ? -1 : end - i);
            if (isSqlcmdCommand(line)) {
                int first = i;
                while (sql.at(first) == QLatin1Char(' ') || sql.at(first) == QLatin1Char('\t'))
                    ++first;
                if (states.at(i) != Lex::String || !sql.at(first).isLetter()) {
                    *problem = QStringLiteral("line %1 (%2) would be read by sqlcmd as one of its "
                                              "commands, and it is not inside a string literal "
                                              "where it could be rewritten")
                                   .arg(lineNumber)
                                   .arg(line.trimmed().left(40));
                    return {};
                }
                breaks << first + 1; // "GO" becomes "G\" and "O": the server joins them again
            }
        }
        if (i + 1 < sql.size() && sql.at(i) == QLatin1Char('$') && sql.at(i + 1) == QLatin1Char('(')) {
            if (states.at(i) == Lex::String) {
                breaks << i + 1;
            } else if (states.at(i) == Lex::Code || states.at(i) == Lex::Bracket) {
                *problem = QStringLiteral("line %1 holds $( outside a string literal, which sqlcmd "
                                          "reads as a scripting variable")
                               .arg(lineNumber);
                return {};
            }
        }
    }
    QString out = sql;
    for (int k = int(breaks.size()) - 1; k >= 0; --k)
        out.insert(breaks.at(k), QStringLiteral("\\\n"));
    problem->clear();
    return out;
}

QString SqlServerDialect::mapType(const QString &type) const
{
    static const QRegularExpression shape(QStringLiteral(R"(^([a-z][a-z0-9 ]*?)\s*(\(([^)]*)\))?$)"));
    const QString t = type.simplified().toLower();
    const auto m = shape.match(t);
    if (!m.hasMatch())
        return type;
    const QString base = m.captured(1);
    const QString args = m.captured(3).remove(QLatin1Char(' '));
    const QString withArgs = args.isEmpty() ? QString() : QLatin1Char('(') + args + QLatin1Char(')');
    if (base == QLatin1String("integer") || base == QLatin1String("int") || base == QLatin1String("int4")
        || base == QLatin1String("serial"))
        return QStringLiteral("int");
    if (base == QLatin1String("bigint") || base == QLatin1String("int8") || base == QLatin1String("bigserial"))
        return QStringLiteral("bigint");
    if (base == QLatin1String("smallint") || base == QLatin1String("int2") || base == QLatin1String("smallserial"))
        return QStringLiteral("smallint");
    if (base == QLatin1String("boolean") || base == QLatin1String("bool"))
        return QStringLiteral("bit");
    // n-types: the plan's text is Unicode; varchar would lose it under most collations.
    if (base == QLatin1String("varchar") || base == QLatin1String("character varying")
        || base == QLatin1String("nvarchar"))
        return QStringLiteral("nvarchar") + (args.isEmpty() ? QStringLiteral("(max)") : withArgs);
    if (base == QLatin1String("char") || base == QLatin1String("character") || base == QLatin1String("nchar"))
        return QStringLiteral("nchar") + (args.isEmpty() ? QStringLiteral("(1)") : withArgs);
    if (base == QLatin1String("text") || base == QLatin1String("json") || base == QLatin1String("jsonb"))
        return QStringLiteral("nvarchar(max)");
    if (base == QLatin1String("numeric") || base == QLatin1String("decimal"))
        return QStringLiteral("decimal") + withArgs;
    if (base == QLatin1String("real") || base == QLatin1String("float4"))
        return QStringLiteral("real");
    if (base == QLatin1String("double precision") || base == QLatin1String("float8")
        || base == QLatin1String("double") || base == QLatin1String("float"))
        return QStringLiteral("float");
    if (base == QLatin1String("timestamp") || base == QLatin1String("timestamp without time zone")
        || base == QLatin1String("datetime2") || base == QLatin1String("datetime"))
        return QStringLiteral("datetime2") + withArgs;
    if (base == QLatin1String("timestamptz") || base == QLatin1String("timestamp with time zone"))
        return QStringLiteral("datetimeoffset") + withArgs;
    if (base == QLatin1String("date"))
        return QStringLiteral("date");
    if (base == QLatin1String("time") || base == QLatin1String("time without time zone"))
        return QStringLiteral("time") + withArgs;
    if (base == QLatin1String("uuid"))
        return QStringLiteral("uniqueidentifier");
    if (base == QLatin1String("bytea") || base == QLatin1String("blob"))
        return QStringLiteral("varbinary(max)");
    return type;
}

QString SqlServerDialect::preamble(const Policy &, Phase) const
{
    // XACT_ABORT: any error rolls the open transaction back instead of leaving it half done.
    // LOCK_TIMEOUT: a schema change queued behind a long transaction would block every query
    // queued behind it; give up after 10 s instead and let the operator re-run.
    return batch(QStringLiteral("SET XACT_ABORT ON;\nSET LOCK_TIMEOUT 10000;\n"));
}

QString SqlServerDialect::runNote(bool transactional, const QString &) const
{
    QString note = QStringLiteral(
        "Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable "
        "syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is "
        "an sqlcmd command.\n");
    if (transactional)
        return note + QStringLiteral("Re-runnable: every batch checks the catalog before it "
                                     "changes anything, so running the file again leaves the "
                                     "database as it is.");
    return note + QStringLiteral("Do not wrap it in a transaction: its batches commit on their own "
                                 "(a batched backfill, or an online index build). Re-runnable: a "
                                 "second run, or a run after one stopped midway, does only what is "
                                 "still missing.");
}

QStringList SqlServerDialect::splitStatements(const QString &sql) const
{
    // sqlcmd sends the text gathered so far when a line holds only GO (optionally GO n and a
    // comment). Generated files never hold another line sqlcmd would read as a command.
    static const QRegularExpression go(QStringLiteral(R"(^[ \t]*GO(?:[ \t]+\d+)?[ \t]*(?:--.*)?\r?$)"),
                                       QRegularExpression::CaseInsensitiveOption);
    QStringList out;
    QString current;
    const QStringList lines = sql.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (go.match(line).hasMatch()) {
            if (!current.trimmed().isEmpty())
                out << current.trimmed();
            current.clear();
        } else {
            current += line + QLatin1Char('\n');
        }
    }
    if (!current.trimmed().isEmpty())
        out << current.trimmed();
    return out;
}

QString SqlServerDialect::table(const QString &name) const
{
    return quoteIdentifier(DefaultSchema) + QLatin1Char('.') + quoteIdentifier(name);
}

QString SqlServerDialect::schemaObject(const QString &name) const
{
    return quoteString(table(name));
}

QString SqlServerDialect::objectId(const QString &name) const
{
    return QStringLiteral("OBJECT_ID(%1)").arg(schemaObject(name));
}

QString SqlServerDialect::columnExists(const QString &tableName, const QString &column) const
{
    return QStringLiteral("COL_LENGTH(%1, %2) IS NOT NULL").arg(schemaObject(tableName), quoteString(column));
}

QString SqlServerDialect::defaultName(const QString &tableName, const QString &column) const
{
    const QString plain = QStringLiteral("DF_%1_%2").arg(tableName, column);
    return plain.size() <= MaxIdentifierLength ? plain : derivedName(QStringLiteral("DF_tideline_"), {tableName, column});
}

QString SqlServerDialect::constraintName(const QString &tableName, const Constraint &c) const
{
    if (!c.name.isEmpty())
        return c.name;
    if (c.kind == Constraint::Kind::PrimaryKey)
        return fitted(QStringLiteral("PK_") + tableName, QStringLiteral("PK_tideline_"));
    return derivedName(QStringLiteral("tideline_c_"),
                       QStringList{tableName, Constraint::kindName(c.kind)} + c.columns);
}

QString SqlServerDialect::enumCheckName(const QString &tableName, const QString &column) const
{
    return fitted(QStringLiteral("%1_%2_enum").arg(tableName, column), QStringLiteral("CK_tideline_"));
}

Constraint SqlServerDialect::enumConstraint(const QString &tableName, const QString &column, const EnumType &type) const
{
    // SQL Server has no enum types: the column is nvarchar, and a CHECK keeps it to the labels.
    Constraint check;
    check.kind = Constraint::Kind::Check;
    check.name = enumCheckName(tableName, column);
    check.columns = {column};
    QStringList labels;
    for (const QString &value : type.values)
        labels << quoteString(value);
    check.expression = QStringLiteral("%1 IN (%2)").arg(quoteIdentifier(column), labels.join(QStringLiteral(", ")));
    return check;
}

QString SqlServerDialect::enumTypeName(const EnumType &type) const
{
    qsizetype longest = 1;
    for (const QString &value : type.values)
        longest = qMax(longest, value.size());
    return QStringLiteral("nvarchar(%1)").arg(longest);
}

QString SqlServerDialect::columnDefinition(const QString &tableName, const Column &column,
                                           bool withDefault, const QMap<QString, EnumType> &enums) const
{
    QString sql = quoteIdentifier(column.name);
    if (column.generated && !column.generatedExpression.isEmpty()) {
        // A computed column; PERSISTED stores it (STORED), and only then may it be NOT NULL.
        sql += QStringLiteral(" AS (") + userText(column.generatedExpression) + QLatin1Char(')');
        if (column.generatedStored)
            sql += column.nullable ? QStringLiteral(" PERSISTED") : QStringLiteral(" PERSISTED NOT NULL");
        return sql;
    }
    const auto enumType = enums.constFind(column.type);
    sql += QLatin1Char(' ') + (enumType != enums.cend() ? enumTypeName(*enumType) : mapType(column.type));
    if (!column.collation.isEmpty() && isCollationName(column.collation))
        sql += QStringLiteral(" COLLATE ") + column.collation;
    const Column::Identity identity = column.effectiveIdentity();
    QString value = column.defaultValue.trimmed();
    if (identity == Column::Identity::Sequence && !column.sequence.isEmpty())
        value = QStringLiteral("NEXT VALUE FOR ") + table(column.sequence);
    else if (identity != Column::Identity::None)
        value.clear(); // an IDENTITY column cannot have a default
    if (identity != Column::Identity::None && identity != Column::Identity::Sequence)
        sql += QStringLiteral(" IDENTITY(1,1)");
    sql += column.nullable && identity == Column::Identity::None ? QStringLiteral(" NULL") : QStringLiteral(" NOT NULL");
    if (withDefault && !value.isEmpty())
        sql += QStringLiteral(" CONSTRAINT ") + quoteIdentifier(defaultName(tableName, column.name))
               + QStringLiteral(" DEFAULT (") + userText(value) + QLatin1Char(')');
    if (withDefault && enumType != enums.cend())
        sql += QLatin1Char(' ') + constraintDefinition(tableName, enumConstraint(tableName, column.name, *enumType));
    return sql;
}

QString SqlServerDialect::constraintDefinition(const QString &tableName, const Constraint &c) const
{
    QStringList cols;
    for (const QString &col : c.columns)
        cols << quoteIdentifier(col);
    const QString head = QStringLiteral("CONSTRAINT ") + quoteIdentifier(constraintName(tableName, c));
    switch (c.kind) {
    case Constraint::Kind::PrimaryKey:
        return head + QStringLiteral(" PRIMARY KEY CLUSTERED (%1)").arg(cols.join(QStringLiteral(", ")));
    case Constraint::Kind::Unique:
        return head + QStringLiteral(" UNIQUE NONCLUSTERED (%1)").arg(cols.join(QStringLiteral(", ")));
    case Constraint::Kind::Check:
        return head + QStringLiteral(" CHECK (") + userText(c.expression) + QLatin1Char(')');
    case Constraint::Kind::ForeignKey: {
        QStringList refs;
        for (const QString &col : c.refColumns)
            refs << quoteIdentifier(col);
        QString sql = head + QStringLiteral(" FOREIGN KEY (%1) REFERENCES %2")
                                 .arg(cols.join(QStringLiteral(", ")), table(c.refTable));
        if (!refs.isEmpty())
            sql += QStringLiteral(" (%1)").arg(refs.join(QStringLiteral(", ")));
        if (!fkAction(c.onDelete).isEmpty())
            sql += QStringLiteral(" ON DELETE ") + fkAction(c.onDelete);
        if (!fkAction(c.onUpdate).isEmpty())
            sql += QStringLiteral(" ON UPDATE ") + fkAction(c.onUpdate);
        return sql;
    }
    }
    return {};
}

QString SqlServerDialect::indexProblem(const Table &t, const Index &i) const
{
    if (hasExpression(t, i))
        return QStringLiteral("index %1 has an expression in its key; SQL Server indexes columns "
                              "only (index a computed column instead)")
            .arg(i.name);
    if (!i.method.isEmpty() && i.method.compare(QLatin1String("btree"), Qt::CaseInsensitive) != 0)
        return QStringLiteral("index %1 uses the %2 method, which SQL Server does not have as a "
                              "CREATE INDEX option")
            .arg(i.name, i.method);
    return {};
}

QString SqlServerDialect::indexDefinition(const Table &t, const Index &i, bool online) const
{
    // Prefix lengths (MySQL) do not exist here: the whole column is the key.
    QStringList key;
    for (int k = 0; k < i.columns.size(); ++k)
        key << quoteIdentifier(i.columns.at(k)) + (i.isDescending(k) ? QStringLiteral(" DESC") : QString());
    // Nonclustered, CREATE INDEX's default: the clustered index is the primary key's.
    QString sql = QStringLiteral("CREATE %1INDEX %2 ON %3 (%4)")
                      .arg(i.unique ? QStringLiteral("UNIQUE ") : QString(), quoteIdentifier(i.name),
                           table(t.name), key.join(QStringLiteral(", ")));
    if (!i.include.isEmpty()) {
        QStringList include;
        for (const QString &c : i.include)
            include << quoteIdentifier(c);
        sql += QStringLiteral(" INCLUDE (%1)").arg(include.join(QStringLiteral(", ")));
    }
    if (!i.where.isEmpty())
        sql += QStringLiteral(" WHERE ") + userText(i.where); // a filtered index
    if (online)
        sql += QStringLiteral(" WITH (ONLINE = ON)");
    return sql + QLatin1Char(';');
}

QString SqlServerDialect::ifBlock(const QString &condition, const QString &body) const
{
    return QStringLiteral("IF %1\nBEGIN\n").arg(condition) + indent(body.trimmed(), 4) + QStringLiteral("\nEND;\n");
}

QString SqlServerDialect::dynamic(const QString &sql) const
{
    // Compiled when it runs, so a guard around it protects it from columns a later release
    // dropped. The text is one N'' literal: user text inside it keeps its bytes (quotes doubled).
    QString quoted = sql.trimmed();
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QStringLiteral("EXEC sys.sp_executesql N'") + quoted + QStringLiteral("';");
}

QString SqlServerDialect::dropDefault(const QString &tableName, const QString &column) const
{
    // Defaults may carry a system-made name; find it instead of assuming ours.
    return QStringLiteral(
               "SET @tideline_sql = NULL;\n"
               "SELECT @tideline_sql = %1 + QUOTENAME(dc.name)\n"
               "FROM sys.default_constraints AS dc\n"
               "WHERE dc.parent_object_id = %2\n"
               "  AND dc.parent_column_id = COLUMNPROPERTY(%2, %3, 'ColumnId');\n"
               "IF @tideline_sql IS NOT NULL\n"
               "    EXEC sys.sp_executesql @tideline_sql;\n")
        .arg(quoteString(QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT ").arg(table(tableName))),
             objectId(tableName), quoteString(column));
}

QString SqlServerDialect::dropConstraintSql(const QString &tableName, const QString &name) const
{
    return QStringLiteral("IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = %1 AND name = %2)\n"
                          "    ALTER TABLE %3 DROP CONSTRAINT %4;\n")
        .arg(objectId(tableName), quoteString(name), table(tableName), quoteIdentifier(name));
}

QString SqlServerDialect::dropIndexSql(const QString &tableName, const QString &name) const
{
    return QStringLiteral("IF EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = %1 AND name = %2)\n"
                          "    DROP INDEX %3 ON %4;\n")
        .arg(objectId(tableName), quoteString(name), quoteIdentifier(name), table(tableName));
}

QString SqlServerDialect::commentSql(const QString &tableName, const QString &column, const QString &text) const
{
    // Comments are the MS_Description extended property (what SSMS shows), on the table or on
    // one of its columns. They go when the object goes.
    QString levels = QStringLiteral("@level0type = N'SCHEMA', @level0name = %1, @level1type = N'TABLE', @level1name = %2")
                         .arg(quoteString(DefaultSchema), quoteString(tableName));
    if (!column.isEmpty())
        levels += QStringLiteral(", @level2type = N'COLUMN', @level2name = %1").arg(quoteString(column));
    const QString minor = column.isEmpty() ? QStringLiteral("0")
                                           : QStringLiteral("COLUMNPROPERTY(%1, %2, 'ColumnId')").arg(objectId(tableName), quoteString(column));
    const QString exists = QStringLiteral("EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 "
                                          "AND major_id = %1 AND minor_id = %2 AND name = N'MS_Description')")
                               .arg(objectId(tableName), minor);
    if (text.isEmpty())
        return QStringLiteral("IF %1\n    EXEC sys.sp_dropextendedproperty @name = N'MS_Description', %2;\n").arg(exists, levels);
    return QStringLiteral("SET @tideline_comment = %1;\n"
                          "IF %2\n"
                          "    EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @tideline_comment, %3;\n"
                          "ELSE\n"
                          "    EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @tideline_comment, %3;\n")
        .arg(quoteString(text), exists, levels);
}

QString SqlServerDialect::validation(const QString &tableName, const Constraint &c) const
{
    // Checks the rows that were there before the NOCHECK add, with ordinary row locks (WITH
    // CHECK CHECK CONSTRAINT would hold a schema-modification lock for the whole scan). New
    // writes are checked by the constraint itself. The constraint stays "not trusted" for the
    // optimizer; the docs say how to trust it in a maintenance window.
    const QString name = constraintName(tableName, c);
    QString broken;
    if (c.kind == Constraint::Kind::Check) {
        broken = QStringLiteral("SELECT 1 FROM %1 WHERE NOT (").arg(table(tableName)) + userText(c.expression) + QLatin1Char(')');
    } else {
        QStringList notNull, match;
        for (int k = 0; k < c.columns.size(); ++k) {
            const QString child = QStringLiteral("tideline_child.") + quoteIdentifier(c.columns.at(k));
            notNull << child + QStringLiteral(" IS NOT NULL");
            match << QStringLiteral("tideline_parent.%1 = %2").arg(quoteIdentifier(c.refColumns.value(k)), child);
        }
        broken = QStringLiteral("SELECT 1 FROM %1 AS tideline_child WHERE %2\n"
                                "  AND NOT EXISTS (SELECT 1 FROM %3 AS tideline_parent WHERE %4)")
                     .arg(table(tableName), notNull.join(QStringLiteral(" AND ")), table(c.refTable),
                          match.join(QStringLiteral(" AND ")));
    }
    const QString message = QStringLiteral("rows of %1 break constraint %2; fix them and run this file again")
                                .arg(tableName, name);
    const QString check = QStringLiteral("IF EXISTS (") + broken
                          + QStringLiteral(")\nBEGIN\n    THROW 50000, %1, 1;\nEND;").arg(quoteString(message));
    const QString catalog = c.kind == Constraint::Kind::Check ? QStringLiteral("sys.check_constraints")
                                                               : QStringLiteral("sys.foreign_keys");
    return ifBlock(QStringLiteral("EXISTS (SELECT 1 FROM %1 WHERE parent_object_id = %2 AND name = %3 AND is_not_trusted = 1)")
                       .arg(catalog, objectId(tableName), quoteString(name)),
                   dynamic(check));
}

QString SqlServerDialect::triggerName(const QString &tableName, const QString &column) const
{
    return derivedName(QStringLiteral("tideline_sync_"), {tableName, column});
}

QString SqlServerDialect::syncTrigger(const Table &t, const SyncTrigger &sync) const
{
    // SQL Server has no BEFORE triggers: an AFTER trigger rewrites the rows just written. It
    // fills the target on an insert that left it NULL, and on an update that changed a source
    // but not the target, so a version that writes the target itself is never overwritten. The
    // user expression sits in SET, where its bare column names are the table's; inserted and
    // deleted only decide which rows. Values are compared byte for byte where `=` is not exact
    // (a case-insensitive collation would call 'bob' and 'Bob' equal).
    const Column *target = t.column(sync.target);
    const QString targetType = mapType(target ? target->type : QString());
    QString value;
    if (!sync.expression.isEmpty()) {
        value = QLatin1Char('(') + userText(sync.expression) + QLatin1Char(')');
    } else {
        const Column *source = t.column(sync.sourceColumn);
        value = source && mapType(source->type) == targetType
                    ? quoteIdentifier(sync.sourceColumn)
                    : QStringLiteral("CAST(%1 AS %2)").arg(quoteIdentifier(sync.sourceColumn), targetType);
    }
    const QString tbl = table(t.name);
    const QString tgt = quoteIdentifier(sync.target);
    QStringList join, outer, written, unchanged;
    for (const QString &k : t.primaryKey) {
        join << QStringLiteral("tideline_old.%1 = tideline_new.%1").arg(quoteIdentifier(k));
        outer << QStringLiteral("tideline_new.%1 = %2.%1").arg(quoteIdentifier(k), tbl);
    }
    for (const QString &s : sync.sources) {
        written << QStringLiteral("UPDATE(%1)").arg(quoteIdentifier(s));
        const Column *c = t.column(s);
        unchanged << sameValue(mapType(c ? c->type : QString()), QStringLiteral("tideline_new.") + quoteIdentifier(s),
                               QStringLiteral("tideline_old.") + quoteIdentifier(s));
    }
    const QString oldKey = QStringLiteral("tideline_old.") + quoteIdentifier(t.primaryKey.first());
    const QString head = QStringLiteral(
        "CREATE OR ALTER TRIGGER %1 ON %2\n"
        "AFTER INSERT, UPDATE\n"
        "AS\n"
        "BEGIN\n"
        "    SET NOCOUNT ON;\n"
        "%3\n"
        "    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (%4)\n"
        "        RETURN;\n"
        "    UPDATE %2 SET %5 = ")
        .arg(table(triggerName(t.name, sync.target)), tbl,
             indent(comment(QStringLiteral("Tideline sync: fills %1 on inserts that leave it NULL, and on "
                                           "updates that change %2 but not %1.")
                                .arg(sync.target, sync.sources.join(QStringLiteral(", ")))),
                    4),
             written.join(QStringLiteral(" OR ")), tgt);
    const QString tail = QStringLiteral(
        "\n"
        "    WHERE EXISTS (\n"
        "        SELECT 1 FROM inserted AS tideline_new\n"
        "        LEFT JOIN deleted AS tideline_old ON %1\n"
        "        WHERE %2\n"
        "          AND ((%3 IS NULL AND tideline_new.%4 IS NULL)\n"
        "            OR (%3 IS NOT NULL AND %5\n"
        "                AND NOT (%6))));\n"
        "END;\n")
        .arg(join.join(QStringLiteral(" AND ")), outer.join(QStringLiteral(" AND ")), oldKey, tgt,
             sameValue(targetType, QStringLiteral("tideline_new.") + tgt, QStringLiteral("tideline_old.") + tgt),
             unchanged.join(QStringLiteral(" AND ")));
    return head + value + tail;
}

QString SqlServerDialect::batchLoop(const Table &t, const QString &pending, const QString &body, int size,
                                    QString *keyGuard) const
{
    // @p body holds {range} where the batch's key range goes; it is a template of ours, the user
    // expression is only added by the caller's substitution of {value} afterwards.
    const Column *key = t.primaryKey.size() == 1 ? t.column(t.primaryKey.first()) : nullptr;
    if (!key) // without a single-column key there is nothing to walk: one statement
        return QString(body).replace(QStringLiteral("{range}"), QStringLiteral("1 = 1"));
    *keyGuard = columnExists(t.name, key->name);
    const QString k = quoteIdentifier(key->name);
    // OPTION (RECOMPILE) lets the optimizer see the variables' values, so the
    // `@last IS NULL OR key > @last` test becomes a seek on the clustered key.
    const QString step = QString(body).replace(
        QStringLiteral("{range}"),
        QStringLiteral("(@tideline_last IS NULL OR tideline_row.%1 > @tideline_last) AND tideline_row.%1 <= @tideline_next").arg(k));
    return QStringLiteral(
               "SET NOCOUNT ON;\n"
               "DECLARE @tideline_last %1 = NULL, @tideline_next %1;\n"
               "WHILE 1 = 1\n"
               "BEGIN\n"
               "    SET @tideline_next = NULL;\n"
               "    SELECT @tideline_next = MAX(tideline_batch.tideline_key)\n"
               "    FROM (SELECT TOP (%2) tideline_row.%3 AS tideline_key FROM %4 AS tideline_row\n"
               "          WHERE %5 AND (@tideline_last IS NULL OR tideline_row.%3 > @tideline_last)\n"
               "          ORDER BY tideline_row.%3) AS tideline_batch\n"
               "    OPTION (RECOMPILE);\n"
               "    IF @tideline_next IS NULL\n"
               "        BREAK;\n"
               "%6\n"
               "    SET @tideline_last = @tideline_next;\n"
               "END;\n")
        .arg(mapType(key->type))
        .arg(size)
        .arg(k, table(t.name), pending, indent(step, 4));
}

OpScript SqlServerDialect::script(const SchemaOp &op, const Schema &before, const Policy &policy) const
{
    OpScript out = render(op, before, policy);
    for (ScriptUnit &u : out.units) {
        QString problem;
        const QString safe = safeBatch(u.sql, &problem);
        if (!problem.isEmpty()) {
            const QString where = op.columnName.isEmpty() ? op.table : op.table + QLatin1Char('.') + op.columnName;
            return refusal(QStringLiteral("%1 on %2: the SQL written in the plan cannot be run by "
                                          "sqlcmd as it stands: %3; rewrite that text in the plan")
                               .arg(SchemaOp::typeName(op.type), where, problem));
        }
        u.sql = safe;
    }
    return out;
}

OpScript SqlServerDialect::refusal(const QString &reason) const
{
    // The op cannot be generated for SQL Server. Its file raises the reason and changes nothing;
    // the step is offline, so the runbook and the readiness review show it.
    OpScript out;
    out.setOffline(QStringLiteral("not generated: ") + reason);
    ScriptUnit u;
    u.sql = batch(QStringLiteral("DECLARE @tideline_reason nvarchar(2048) = %1;\nTHROW 50000, @tideline_reason, 1;\n")
                      .arg(quoteString(QStringLiteral("Tideline cannot generate this step for SQL Server: ") + reason.left(1800))));
    out.units << u;
    return out;
}

OpScript SqlServerDialect::render(const SchemaOp &op, const Schema &before, const Policy &policy) const
{
    using Type = SchemaOp::Type;
    OpScript out;
    const Table *t = before.table(op.table);
    const QString tbl = table(op.table);
    auto unit = [&](const QString &sql) {
        ScriptUnit u;
        u.sql = batch(sql);
        out.units.append(u);
        return &out.units.last();
    };
    auto columnMissing = [&](const QString &column) {
        return QStringLiteral("COL_LENGTH(%1, %2) IS NULL").arg(schemaObject(op.table), quoteString(column));
    };
    auto columnPresent = [&](const QString &column) { return columnExists(op.table, column); };
    // Guards that every column of @p columns is there.
    auto allPresent = [&](const QStringList &columns) {
        QStringList parts;
        for (const QString &c : columns)
            parts << columnPresent(c);
        return parts.join(QStringLiteral(" AND "));
    };

    switch (op.type) {
    case Type::CreateTable:
        out.route = Route::Instant;
        out.units = createTable(op.newTable, true, before.enums);
        break;
    case Type::AddColumn: {
        out.route = Route::Instant;
        // NULL, or NOT NULL with a constant default: metadata only (Enterprise edition; other
        // editions write the default into every row).
        if (op.column.comment.size() > MaxCommentLength)
            return refusal(QStringLiteral("the comment of %1.%2 is longer than the %3 characters an "
                                          "extended property holds")
                               .arg(op.table, op.column.name).arg(MaxCommentLength));
        QString body = QStringLiteral("ALTER TABLE %1 ADD ").arg(tbl) + columnDefinition(op.table, op.column, true, before.enums)
                       + QStringLiteral(";\n");
        if (!op.column.comment.isEmpty())
            body += commentSql(op.table, op.column.name, op.column.comment);
        QString note;
        if (!op.column.collation.isEmpty() && !isCollationName(op.column.collation))
            note = comment(QStringLiteral("Collation %1 is not a SQL Server collation name: the column "
                                          "takes the database's default.")
                               .arg(op.column.collation))
                   + QLatin1Char('\n');
        ScriptUnit *u = unit(note + ifBlock(columnMissing(op.column.name), body));
        u->userSql = op.column.hasDefault() || op.column.generated;
        break;
    }
    case Type::DropColumn: {
        out.route = Route::Instant;
        // SQL Server refuses to drop a column an index, a constraint or a default uses, and a
        // trigger that reads a dropped column fails every write after it: all of them go first,
        // in one transaction with the column.
        QString body = QStringLiteral("BEGIN TRANSACTION;\n");
        if (t) {
            for (const SyncTrigger &s : t->syncs) {
                if (s.target == op.columnName || s.sources.contains(op.columnName))
                    body += QStringLiteral("DROP TRIGGER IF EXISTS %1;\n").arg(table(triggerName(op.table, s.target)));
            }
            for (const auto &[child, fk] : before.referencing(op.table, op.columnName)) {
                if (child != op.table)
                    body += dropConstraintSql(child, constraintName(child, fk));
            }
            for (const Constraint &c : constraintsOf(*t)) {
                if (Carry::covers(c, op.columnName))
                    body += dropConstraintSql(op.table, constraintName(op.table, c));
            }
            const Column *dropped = t->column(op.columnName);
            if (dropped && before.enums.contains(dropped->type))
                body += dropConstraintSql(op.table, enumCheckName(op.table, op.columnName));
            for (const Index &i : t->indexes) {
                if (Carry::covers(*t, i, op.columnName) && !backsConstraint(*t, i))
                    body += dropIndexSql(op.table, i.name);
            }
        }
        body += dropDefault(op.table, op.columnName);
        body += QStringLiteral("ALTER TABLE %1 DROP COLUMN %2;\nCOMMIT;").arg(tbl, quoteIdentifier(op.columnName));
        unit(ifBlock(columnPresent(op.columnName), body));
        break;
    }
    case Type::SetNotNull:
    case Type::DropNotNull: {
        out.route = op.type == Type::SetNotNull ? Route::Online : Route::Instant; // WITH (ONLINE = ON) scans
        const Column *c = t ? t->column(op.columnName) : nullptr;
        if (!c)
            break;
        Column changed = *c;
        changed.nullable = op.type == Type::DropNotNull;
        changed.defaultValue.clear();
        // ALTER COLUMN restates the full type. Making a column NOT NULL scans the table; ONLINE
        // keeps it readable and writable meanwhile (Enterprise; other editions reject ONLINE).
        const QString guard = QStringLiteral("EXISTS (SELECT 1 FROM sys.columns WHERE object_id = %1 AND name = %2 AND is_nullable = %3)")
                                  .arg(objectId(op.table), quoteString(op.columnName),
                                       changed.nullable ? QStringLiteral("0") : QStringLiteral("1"));
        const QString alter = QStringLiteral("ALTER TABLE %1 ALTER COLUMN ").arg(tbl) + columnDefinition(op.table, changed, false, before.enums);
        // SQL Server refuses ALTER COLUMN on a column an index uses, unless it is varchar,
        // nvarchar or varbinary (ALTER TABLE, "ALTER COLUMN"); NOT NULL to NULL passes in
        // practice. For NOT NULL such indexes are dropped and built again in the same
        // transaction, which is offline.
        QList<Index> blocking;
        static const QRegularExpression variable(QStringLiteral("^(n?varchar|varbinary)\\("), QRegularExpression::CaseInsensitiveOption);
        if (!changed.nullable && !variable.match(mapType(c->type)).hasMatch()) {
            for (const Index &i : t->indexes) {
                if (Carry::covers(*t, i, op.columnName) && !backsConstraint(*t, i) && indexProblem(*t, i).isEmpty())
                    blocking << i;
            }
        }
        if (blocking.isEmpty()) {
            unit(ifBlock(guard, alter + (changed.nullable ? QString() : QStringLiteral(" WITH (ONLINE = ON)")) + QLatin1Char(';')));
            break;
        }
        QString body = QStringLiteral("BEGIN TRANSACTION;\n");
        QStringList names;
        for (const Index &i : blocking) {
            body += dropIndexSql(op.table, i.name);
            names << i.name;
        }
        body += alter + QStringLiteral(";\n");
        for (const Index &i : blocking)
            body += indexDefinition(*t, i, false) + QLatin1Char('\n');
        body += QStringLiteral("COMMIT;");
        unit(ifBlock(guard, body))->userSql = std::any_of(blocking.cbegin(), blocking.cend(),
                                                          [](const Index &i) { return !i.where.isEmpty(); });
        out.buildsIndex = true;
        out.setOffline(QStringLiteral("SQL Server refuses ALTER COLUMN on %1.%2 while %3 %4 it: %5 dropped and "
                                        "built again in the same transaction, under a schema-modification lock "
                                        "(reads and writes of the table wait)")
                             .arg(op.table, op.columnName, names.join(QStringLiteral(", ")),
                                  names.size() == 1 ? QStringLiteral("uses") : QStringLiteral("use"),
                                  names.size() == 1 ? QStringLiteral("it is") : QStringLiteral("they are")));
        break;
    }
    case Type::AddConstraint: {
        out.route = Route::Online;
        out.buildsIndex = t && (op.constraint.kind == Constraint::Kind::Unique || op.constraint.kind == Constraint::Kind::PrimaryKey);
        const Constraint &c = op.constraint;
        const QString name = constraintName(op.table, c);
        QString guard = QStringLiteral("OBJECT_ID(%1) IS NULL").arg(schemaObject(name));
        if (!c.columns.isEmpty())
            guard = allPresent(c.columns) + QStringLiteral(" AND ") + guard;
        auto cascades = [](const Constraint &fk) {
            return fk.kind == Constraint::Kind::ForeignKey && (!fkAction(fk.onDelete).isEmpty() || !fkAction(fk.onUpdate).isEmpty());
        };
        if (t && cascades(c)) {
            // SQL Server refuses a cascading key that could reach a row twice or loop (error
            // 1785): one on the table itself, or a second one between the same two tables.
            for (const Constraint &other : t->constraints) {
                if (cascades(other) && other.refTable == c.refTable && other.name != c.name)
                    return refusal(QStringLiteral("foreign key %1 would be a second cascading path from %2 to %3 "
                                                  "(besides %4); SQL Server refuses it (multiple cascade paths)")
                                       .arg(name, op.table, c.refTable, other.name));
            }
            if (c.refTable == op.table)
                return refusal(QStringLiteral("foreign key %1 cascades from %2 to itself; SQL Server refuses "
                                              "it (cycles or multiple cascade paths)")
                                   .arg(name, op.table));
        }
        if (c.kind == Constraint::Kind::Check || c.kind == Constraint::Kind::ForeignKey) {
            // NOCHECK: added without reading the table; the second batch checks the old rows.
            Constraint resolved = c;
            if (c.kind == Constraint::Kind::ForeignKey)
                resolved.refColumns = referencedColumns(before, c);
            const bool userSql = c.kind == Constraint::Kind::Check;
            unit(ifBlock(guard, QStringLiteral("ALTER TABLE %1 WITH NOCHECK ADD ").arg(tbl)
                                    + constraintDefinition(op.table, resolved) + QLatin1Char(';')))
                ->userSql = userSql;
            unit(validation(op.table, resolved))->userSql = userSql;
        } else if (c.kind == Constraint::Kind::PrimaryKey && t && !t->primaryKey.isEmpty()) {
            // A new primary key replaces the old one: both clustered index builds online where
            // the edition allows (the table is rebuilt as a heap, then around the new key).
            Constraint old;
            old.kind = Constraint::Kind::PrimaryKey;
            old.columns = t->primaryKey;
            for (const Constraint &have : t->constraints) {
                if (have.kind == Constraint::Kind::PrimaryKey)
                    old = have;
            }
            const QString oldName = constraintName(op.table, old);
            unit(ifBlock(guard, QStringLiteral("IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = %1 AND name = %2)\n"
                                               "    ALTER TABLE %3 DROP CONSTRAINT %4 WITH (ONLINE = ON);\n")
                                    .arg(objectId(op.table), quoteString(oldName), tbl, quoteIdentifier(oldName))
                                    + QStringLiteral("ALTER TABLE %1 ADD ").arg(tbl) + constraintDefinition(op.table, c)
                                    + QStringLiteral(" WITH (ONLINE = ON);")));
        } else {
            // UNIQUE and PRIMARY KEY build an index: online where the edition allows.
            unit(ifBlock(guard, QStringLiteral("ALTER TABLE %1 ADD ").arg(tbl) + constraintDefinition(op.table, c)
                                    + QStringLiteral(" WITH (ONLINE = ON);")));
        }
        break;
    }
    case Type::DropConstraint:
        out.route = Route::Instant;
        unit(dropConstraintSql(op.table, constraintName(op.table, op.constraint)));
        break;
    case Type::AddIndex: {
        out.route = Route::Online;
        if (!t)
            break;
        const QString problem = indexProblem(*t, op.index);
        if (!problem.isEmpty())
            return refusal(problem);
        out.buildsIndex = true;
        QStringList columns = op.index.columns + op.index.include;
        const QString guard = allPresent(columns)
                              + QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = %1 AND name = %2)")
                                    .arg(objectId(op.table), quoteString(op.index.name));
        // An online build runs in its own file, outside any transaction that would hold its locks.
        ScriptUnit *u = unit(ifBlock(guard, indexDefinition(*t, op.index, true)));
        u->transactional = false;
        u->userSql = !op.index.where.isEmpty();
        break;
    }
    case Type::DropIndex:
        out.route = Route::Instant;
        unit(dropIndexSql(op.table, op.index.name));
        break;
    case Type::SetDefault: {
        out.route = Route::Instant;
        // Named DF_<table>_<column>. SQL Server keeps a default's text in its own spelling, so a
        // re-run cannot compare it: it drops whatever default the column has and adds this one,
        // in one transaction (metadata only), which leaves the same default.
        const QString body = QStringLiteral("BEGIN TRANSACTION;\n") + dropDefault(op.table, op.columnName)
                             + QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 DEFAULT (")
                                   .arg(tbl, quoteIdentifier(defaultName(op.table, op.columnName)))
                             + userText(op.value.trimmed()) + QStringLiteral(") FOR %1;\nCOMMIT;").arg(quoteIdentifier(op.columnName));
        unit(ifBlock(columnPresent(op.columnName), body))->userSql = true;
        break;
    }
    case Type::DropDefault:
        out.route = Route::Instant;
        unit(ifBlock(columnPresent(op.columnName), dropDefault(op.table, op.columnName)));
        break;
    case Type::SetComment: {
        out.route = Route::Instant;
        if (op.value.size() > MaxCommentLength)
            return refusal(QStringLiteral("the comment of %1 is longer than the %2 characters an extended "
                                          "property holds")
                               .arg(op.columnName.isEmpty() ? op.table : op.table + QLatin1Char('.') + op.columnName)
                               .arg(MaxCommentLength));
        const QString guard = op.columnName.isEmpty() ? QStringLiteral("OBJECT_ID(%1, N'U') IS NOT NULL").arg(schemaObject(op.table))
                                                      : columnPresent(op.columnName);
        unit(ifBlock(guard, commentSql(op.table, op.columnName, op.value)));
        break;
    }
    case Type::DropSyncTrigger:
        out.route = Route::Instant;
        unit(QStringLiteral("DROP TRIGGER IF EXISTS %1;\n").arg(table(triggerName(op.table, op.columnName))));
        break;
    case Type::Backfill: {
        out.route = Route::Online;
        if (!t)
            break;
        const QString target = QStringLiteral("tideline_row.") + quoteIdentifier(op.columnName);
        QString value = op.expression.isEmpty() ? QStringLiteral("tideline_row.") + quoteIdentifier(op.sourceColumn)
                                                : QLatin1Char('(') + userText(op.expression) + QLatin1Char(')');
        // Guard every column the statement names, so a re-run after a later release dropped one
        // does nothing (the loop is compiled only when it runs).
        QStringList columns{op.columnName};
        for (const Column &c : t->columns) {
            if (c.name != op.columnName
                && (c.name == op.sourceColumn || (!op.expression.isEmpty() && Carry::mentions(op.expression, c.name))))
                columns << c.name;
        }
        QString keyGuard;
        QString loop = batchLoop(*t, target + QStringLiteral(" IS NULL"),
                                 QStringLiteral("UPDATE tideline_row SET %1 = {value}\nFROM %2 AS tideline_row\n"
                                                "WHERE %3 IS NULL AND {range}\nOPTION (RECOMPILE);")
                                     .arg(quoteIdentifier(op.columnName), tbl, target),
                                 policy.backfillBatch, &keyGuard);
        loop.replace(QStringLiteral("{value}"), value);
        QString guard = allPresent(columns);
        if (!keyGuard.isEmpty() && !columns.contains(t->primaryKey.first()))
            guard += QStringLiteral(" AND ") + keyGuard;
        const QString note = op.expression.isEmpty() ? QString() : comment(QStringLiteral("user SQL: the backfill expression is the plan's own")) + QLatin1Char('\n');
        ScriptUnit *u = unit(note + ifBlock(guard, dynamic(loop)));
        u->transactional = false; // each batch commits on its own
        u->userSql = !op.expression.isEmpty();
        out.batched = !keyGuard.isEmpty(); // a key to walk: batches, else one statement
        break;
    }
    case Type::MoveBackfill: {
        out.route = Route::Online;
        if (!t)
            break;
        const QString to = table(op.toTable);
        const QString key = quoteIdentifier(op.key);
        QStringList srcCols, dstCols, equal, anyValue, sourceColumns{op.key};
        QStringList targetGuards{QStringLiteral("OBJECT_ID(%1, N'U') IS NOT NULL").arg(schemaObject(op.toTable))};
        for (auto it = op.mapping.cbegin(); it != op.mapping.cend(); ++it) {
            const QString s = QStringLiteral("tideline_row.") + quoteIdentifier(it.key());
            const QString d = QStringLiteral("tideline_dst.") + quoteIdentifier(it.value());
            srcCols << s;
            dstCols << quoteIdentifier(it.value());
            // NULL-safe equality; IS NOT DISTINCT FROM needs SQL Server 2022.
            equal << QStringLiteral("(%1 = %2 OR (%1 IS NULL AND %2 IS NULL))").arg(d, s);
            anyValue << s + QStringLiteral(" IS NOT NULL");
            sourceColumns << it.key();
            targetGuards << columnExists(op.toTable, it.value());
        }
        const QString match = equal.join(QStringLiteral("\n    AND "));
        // Find or create: insert the value combinations no target row has yet, then point each
        // row of the batch at the lowest matching id. All-NULL rows keep a NULL key.
        const QString body = QStringLiteral(
            "INSERT INTO %1 (%2)\n"
            "SELECT DISTINCT %3 FROM %4 AS tideline_row\n"
            "WHERE tideline_row.%5 IS NULL AND {range}\n"
            "  AND (%6)\n"
            "  AND NOT EXISTS (SELECT 1 FROM %1 AS tideline_dst\n"
            "                  WHERE %7);\n"
            "UPDATE tideline_row SET %5 = (\n"
            "    SELECT MIN(tideline_dst.%8) FROM %1 AS tideline_dst\n"
            "    WHERE %7)\n"
            "FROM %4 AS tideline_row\n"
            "WHERE tideline_row.%5 IS NULL AND {range}\n"
            "OPTION (RECOMPILE);")
            .arg(to, dstCols.join(QStringLiteral(", ")), srcCols.join(QStringLiteral(", ")), tbl, key,
                 anyValue.join(QStringLiteral(" OR ")), match, quoteIdentifier(QStringLiteral("id")));
        QString keyGuard;
        const QString loop = batchLoop(*t, QStringLiteral("tideline_row.") + key + QStringLiteral(" IS NULL"), body,
                                       policy.backfillBatch, &keyGuard);
        QString guard = allPresent(sourceColumns) + QStringLiteral(" AND ") + targetGuards.join(QStringLiteral(" AND "));
        if (!keyGuard.isEmpty())
            guard += QStringLiteral(" AND ") + keyGuard;
        ScriptUnit *u = unit(ifBlock(guard, dynamic(loop)));
        u->transactional = false;
        out.batched = !keyGuard.isEmpty();
        break;
    }
    case Type::AddSyncTrigger: {
        out.route = Route::Instant;
        if (!t)
            break;
        if (t->primaryKey.isEmpty())
            return refusal(QStringLiteral("table %1 has no primary key: a sync trigger finds the rows "
                                          "just written by their key")
                               .arg(op.table));
        const SyncTrigger sync = op.syncTrigger();
        // Created only while its columns exist (CREATE TRIGGER is compiled when it runs, through
        // sp_executesql), so running an old release again after the contract does nothing.
        ScriptUnit *u = unit((op.expression.isEmpty() ? QString() : comment(QStringLiteral("user SQL: the conversion expression is the plan's own")) + QLatin1Char('\n'))
                             + ifBlock(allPresent(QStringList{sync.target} + sync.sources), dynamic(syncTrigger(*t, sync))));
        u->userSql = !op.expression.isEmpty();
        break;
    }
    case Type::SwapColumn:
        return swap(op, before);
    case Type::SetTableOptions:
        // The catalog refuses set_table_options on SQL Server (KindSpec::unsupported).
        return refusal(QStringLiteral("SQL Server has no storage engines and no per-table character set"));
    case Type::RenameIndex:
        // Metadata only; nothing once the index has its new name.
        unit(ifBlock(QStringLiteral("EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = %1 AND name = %2)\n"
                                    "   AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = %1 AND name = %3)")
                         .arg(objectId(op.table), quoteString(op.index.name), quoteString(op.newName)),
                     QStringLiteral("EXEC sys.sp_rename %1, %2, N'INDEX';")
                         .arg(quoteString(tbl + QLatin1Char('.') + quoteIdentifier(op.index.name)), quoteString(op.newName))));
        break;
    case Type::RenameConstraint: {
        // A constraint is an object of the schema; a PRIMARY KEY's or UNIQUE's index takes the
        // new name with it. Metadata only.
        const QString from = constraintName(op.table, op.constraint);
        unit(ifBlock(QStringLiteral("EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = %1 AND name = %2)\n"
                                    "   AND OBJECT_ID(%3) IS NULL")
                         .arg(objectId(op.table), quoteString(from), schemaObject(op.newName)),
                     QStringLiteral("EXEC sys.sp_rename %1, %2, N'OBJECT';")
                         .arg(schemaObject(from), quoteString(op.newName))));
        break;
    }
    case Type::CreateEnum:
    case Type::AddEnumValue:
        return refusal(QStringLiteral("SQL Server has no enum types"));
    case Type::ReplaceProcedure: {
        const QString definition = op.dialectSql.value(name()).trimmed();
        if (definition.isEmpty() || op.procedure.parameters.isEmpty())
            return refusal(QStringLiteral("the plan gives no SQL Server definition of procedure %1").arg(op.procedure.name));
        // CREATE OR ALTER replaces the procedure in place (SQL Server 2016 SP1 on): callers meet
        // the old text or the new one. Only while the procedure lacks its last parameter, so a
        // second run, or one after a later release changed the procedure again, skips it.
        QString parameter = op.procedure.parameters.constLast().name;
        if (!parameter.startsWith(QLatin1Char('@')))
            parameter.prepend(QLatin1Char('@'));
        const QString id = QStringLiteral("OBJECT_ID(%1, N'P')").arg(schemaObject(op.procedure.name));
        unit(comment(QStringLiteral("user SQL: the procedure's definition is the plan's own")) + QLatin1Char('\n')
             + ifBlock(QStringLiteral("%1 IS NULL OR NOT EXISTS (SELECT 1 FROM sys.parameters WHERE object_id = %1 AND name = %2)")
                           .arg(id, quoteString(parameter)),
                       dynamic(definition)))
            ->userSql = true;
        break;
    }
    case Type::RawSql: {
        const QString sql = op.dialectSql.value(name()).trimmed();
        const QString guard = op.dialectGuard.value(name()); // trimmed, no final ';' (the kind's)
        if (sql.isEmpty())
            return refusal(QStringLiteral("the raw SQL step has no SQL Server SQL"));
        ScriptUnit *u = guard.isEmpty()
                            ? unit(comment(QStringLiteral("user SQL (raw_sql), as the plan gives it. It has no guard: a second run runs it again, so it is re-runnable only as far as the SQL itself is."))
                                   + QLatin1Char('\n') + userText(sql) + QLatin1Char('\n'))
                            : unit(comment(QStringLiteral("user SQL (raw_sql), as the plan gives it; skipped once its guard returns a row."))
                                   + QLatin1Char('\n') + ifBlock(QStringLiteral("NOT EXISTS (%1)").arg(userText(guard)), dynamic(sql)));
        u->userSql = true;
        u->transactional = op.transactional;
        break;
    }
    case Type::DropTable: {
        // Only while it is the table this file drops (it has the columns the plan gives it): a
        // table a later release makes under the same name stays. Its triggers go with it.
        QStringList columns;
        if (t) {
            for (const Column &c : t->columns)
                columns << c.name;
        }
        const QString guard = QStringLiteral("OBJECT_ID(%1, N'U') IS NOT NULL").arg(schemaObject(op.table))
                              + (columns.isEmpty() ? QString() : QStringLiteral(" AND ") + allPresent(columns));
        unit(ifBlock(guard, QStringLiteral("DROP TABLE %1;").arg(tbl)));
        break;
    }
    case Type::RenameTable: {
        // One transaction: the table takes its new name and the old name becomes a view over it
        // (CREATE VIEW must start a batch: sp_executesql gives it one). Only while the old name
        // is a table and the new one free: a re-run finds the view, or nothing, and does nothing.
        QString body = QStringLiteral("BEGIN TRANSACTION;\nEXEC sys.sp_rename @objname = %1, @newname = %2, @objtype = N'OBJECT';\n")
                           .arg(schemaObject(op.table), quoteString(op.newName));
        if (!op.view.name.isEmpty()) {
            View view = op.view;
            view.baseTable = op.newName;
            body += dynamic(viewStatement(QStringLiteral("CREATE VIEW"), view)) + QLatin1Char('\n');
        }
        body += QStringLiteral("COMMIT;");
        unit(comment(op.view.name.isEmpty()
                         ? QStringLiteral("Renamed only while the old name is a table and the new one is free.")
                         : QStringLiteral("One transaction: the table takes its new name and the old name becomes a view over it\n"
                                          "(simple views take inserts, updates and deletes), so versions that use the old name\n"
                                          "keep working. A re-run finds the view, or after the contract nothing, and does nothing."))
             + QLatin1Char('\n')
             + ifBlock(QStringLiteral("OBJECT_ID(%1, N'U') IS NOT NULL AND OBJECT_ID(%2) IS NULL")
                           .arg(schemaObject(op.table), schemaObject(op.newName)),
                       body));
        break;
    }
    case Type::CreateView: {
        const View &v = op.view;
        if (op.replace && before.views.contains(v.name)) {
            // CREATE OR ALTER must be the first statement of its batch: the unit is that batch.
            unit(viewStatement(QStringLiteral("CREATE OR ALTER VIEW"), v) + QStringLiteral(";\n"))->userSql = !v.definition.isEmpty();
            break;
        }
        unit(ifBlock(QStringLiteral("OBJECT_ID(%1) IS NULL").arg(schemaObject(v.name)),
                     dynamic(viewStatement(QStringLiteral("CREATE VIEW"), v))))
            ->userSql = !v.definition.isEmpty();
        break;
    }
    case Type::DropView:
        unit(QStringLiteral("DROP VIEW IF EXISTS %1;\n").arg(table(op.view.name)));
        break;
    }
    if (out.route == Route::Undeclared && !out.units.isEmpty())
        out.route = out.offline ? Route::Offline : defaultRoute(op.type);
    return out;
}

QString SqlServerDialect::viewStatement(const QString &verb, const View &view) const
{
    return Dialect::viewStatement(verb, view, table(view.name), table(view.baseTable));
}

OpScript SqlServerDialect::swap(const SchemaOp &op, const Schema &before) const
{
    OpScript out;
    const Table *t = before.table(op.table);
    const Column *old = t ? t->column(op.columnName) : nullptr;
    const Column *shadow = t ? t->column(op.newName) : nullptr;
    if (!old || !shadow)
        return out;
    Column final = op.column.name.isEmpty() ? *old : op.column;
    if (op.column.name.isEmpty())
        final.type = shadow->type;
    final.name = op.columnName;
    const QString tbl = table(op.table);
    const QString col = op.columnName;
    const QString finalType = mapType(final.type);

    // What hangs on the old column: the table's own keys, checks and foreign keys (also a
    // foreign key of the table that references the column), its indexes, and foreign keys of
    // other tables that reference it. All of them come back under their names.
    QList<Constraint> keys, checks;
    for (const Constraint &c : constraintsOf(*t)) {
        const bool referencesIt = c.kind == Constraint::Kind::ForeignKey && c.refTable == t->name
                                  && referencedColumns(before, c).contains(col);
        if (!Carry::covers(c, col) && !referencesIt)
            continue;
        Constraint resolved = c;
        if (c.kind == Constraint::Kind::ForeignKey)
            resolved.refColumns = referencedColumns(before, c);
        (c.kind == Constraint::Kind::PrimaryKey || c.kind == Constraint::Kind::Unique ? keys : checks) << resolved;
    }
    // An enum column's CHECK (SQL Server has no enum types): the old one goes, and the swapped
    // column gets its own when its new type is an enum.
    QStringList enumChecks;
    if (before.enums.contains(old->type))
        enumChecks << enumCheckName(op.table, col);
    if (before.enums.contains(final.type)) {
        enumChecks << enumCheckName(op.table, op.newName);
        checks << enumConstraint(op.table, col, before.enums.value(final.type));
    }
    QList<Index> indexes;
    for (const Index &i : t->indexes) {
        if (Carry::covers(*t, i, col) && !backsConstraint(*t, i))
            indexes << i;
    }
    QList<QPair<QString, Constraint>> referencing;
    for (const auto &[child, fk] : before.referencing(op.table, col)) {
        if (child == op.table)
            continue; // among the table's own constraints
        Constraint resolved = fk;
        resolved.refColumns = referencedColumns(before, fk);
        referencing.append({child, resolved});
    }

    // What SQL Server cannot do, said before anything runs.
    for (const Column &c : t->columns) {
        if (c.generated && Carry::mentions(c.generatedExpression, col))
            return refusal(QStringLiteral("computed column %1.%2 uses %3, and SQL Server cannot drop "
                                          "or change a column a computed column uses")
                               .arg(op.table, c.name, col));
    }
    for (const Index &i : indexes) {
        const QString problem = indexProblem(*t, i);
        if (!problem.isEmpty())
            return refusal(problem);
    }
    // A foreign key's columns must have exactly the type of the columns it references.
    auto typeOf = [&](const QString &tableName, const QString &column) {
        if (tableName == op.table && column == col)
            return finalType;
        const Table *other = before.table(tableName);
        const Column *c = other ? other->column(column) : nullptr;
        return c ? mapType(c->type) : QString();
    };
    QList<QPair<QString, Constraint>> foreignKeys = referencing;
    for (const Constraint &c : checks) {
        if (c.kind == Constraint::Kind::ForeignKey)
            foreignKeys.append({op.table, c});
    }
    for (const auto &[child, fk] : foreignKeys) {
        for (int k = 0; k < fk.columns.size(); ++k) {
            const QString mine = typeOf(child, fk.columns.at(k));
            const QString theirs = typeOf(fk.refTable, fk.refColumns.value(k));
            if (mine.compare(theirs, Qt::CaseInsensitive) != 0)
                return refusal(QStringLiteral("foreign key %1 would join %2.%3 (%4) to %5.%6 (%7); SQL "
                                              "Server requires both sides of a foreign key to have the "
                                              "same type: change the other column's type too, or drop "
                                              "the key first")
                                   .arg(constraintName(child, fk), child, fk.columns.at(k), mine, fk.refTable,
                                        fk.refColumns.value(k), theirs));
        }
    }
    if (final.comment.size() > MaxCommentLength)
        return refusal(QStringLiteral("the comment of %1.%2 is longer than the %3 characters an extended "
                                      "property holds")
                           .arg(op.table, col)
                           .arg(MaxCommentLength));

    // IDENTITY cannot be added to an existing column, so the shadow cannot become the identity
    // column. Instead the old column's type changes in place (it keeps IDENTITY and its next
    // value) and the shadow goes; that rewrites every row under the schema lock: offline.
    const bool identity = old->identity || final.identity;
    if (identity) {
        static const QRegularExpression integral(QStringLiteral(R"(^(int|bigint|smallint|tinyint|(decimal|numeric)\(\d+(,0)?\))$)"));
        const SyncTrigger *sync = t->sync(op.newName);
        if (sync && !sync->expression.isEmpty())
            return refusal(QStringLiteral("%1.%2 is an IDENTITY column and the plan converts it with an "
                                          "expression; SQL Server can only change an identity column's "
                                          "type in place (a cast)")
                               .arg(op.table, col));
        if (!integral.match(finalType.toLower()).hasMatch())
            return refusal(QStringLiteral("%1.%2 is an IDENTITY column; SQL Server allows IDENTITY only "
                                          "on integer types, not %3")
                               .arg(op.table, col, finalType));
    }

    // When nothing else holds the swap's lock for long (a nullable column, no key to rebuild),
    // the indexes are built on the shadow column beforehand, online, under names of their own,
    // and the swap only renames them: it stays metadata only.
    const bool prebuild = !identity && final.nullable && keys.isEmpty() && !indexes.isEmpty();
    auto prebuiltName = [&](const Index &i) {
        return derivedName(QStringLiteral("tideline_swap_"), {op.table, i.name});
    };
    if (prebuild) {
        for (const Index &i : indexes) {
            const Index copy = Carry::renamedIndex(*t, i, {{col, op.newName}}, prebuiltName(i));
            ScriptUnit build;
            build.sql = batch(ifBlock(columnExists(op.table, op.newName)
                                          + QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = %1 AND name = %2)")
                                                .arg(objectId(op.table), quoteString(copy.name)),
                                      indexDefinition(*t, copy, true)));
            build.transactional = false;
            build.userSql = !copy.where.isEmpty();
            out.units << build;
        }
    }

    QString body = QStringLiteral("BEGIN TRANSACTION;\n");
    body += QStringLiteral("DROP TRIGGER IF EXISTS %1;\n").arg(table(triggerName(op.table, op.newName)));
    for (const auto &[child, fk] : referencing)
        body += dropConstraintSql(child, constraintName(child, fk));
    for (const Constraint &c : checks + keys)
        body += dropConstraintSql(op.table, constraintName(op.table, c));
    for (const QString &name : enumChecks)
        body += dropConstraintSql(op.table, name);
    for (const Index &i : indexes)
        body += dropIndexSql(op.table, i.name);
    body += dropDefault(op.table, col);
    Column altered = final;
    altered.defaultValue.clear();
    if (identity) {
        altered.identity = false; // ALTER COLUMN keeps the property; it cannot restate it
        altered.identityKind = Column::Identity::None;
        altered.nullable = false;
        body += QStringLiteral("ALTER TABLE %1 DROP COLUMN %2;\n").arg(tbl, quoteIdentifier(op.newName));
        body += QStringLiteral("ALTER TABLE %1 ALTER COLUMN ").arg(tbl) + columnDefinition(op.table, altered, false, before.enums)
                + QStringLiteral(";\n");
    } else {
        body += QStringLiteral("ALTER TABLE %1 DROP COLUMN %2;\n").arg(tbl, quoteIdentifier(col));
        body += QStringLiteral("EXEC sys.sp_rename %1, %2, N'COLUMN';\n")
                    .arg(quoteString(tbl + QLatin1Char('.') + quoteIdentifier(op.newName)), quoteString(col));
        // The shadow already has the type and collation; only NOT NULL is left to restate (it
        // must come before any index on the column is back: ALTER COLUMN refuses indexed ones).
        if (!final.nullable)
            body += QStringLiteral("ALTER TABLE %1 ALTER COLUMN ").arg(tbl) + columnDefinition(op.table, altered, false, before.enums)
                    + QStringLiteral(";\n");
    }
    if (final.hasDefault() && !identity)
        body += QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 DEFAULT (")
                    .arg(tbl, quoteIdentifier(defaultName(op.table, col)))
                + userText(final.defaultValue.trimmed()) + QStringLiteral(") FOR %1;\n").arg(quoteIdentifier(col));
    body += commentSql(op.table, col, final.comment);
    for (const Constraint &c : keys)
        body += QStringLiteral("ALTER TABLE %1 ADD ").arg(tbl) + constraintDefinition(op.table, c) + QStringLiteral(";\n");
    for (const Index &i : indexes) {
        if (prebuild)
            body += QStringLiteral("EXEC sys.sp_rename %1, %2, N'INDEX';\n")
                        .arg(quoteString(tbl + QLatin1Char('.') + quoteIdentifier(prebuiltName(i))), quoteString(i.name));
        else
            body += indexDefinition(*t, i, false) + QLatin1Char('\n');
    }
    for (const Constraint &c : checks)
        body += QStringLiteral("ALTER TABLE %1 WITH NOCHECK ADD ").arg(tbl) + constraintDefinition(op.table, c) + QStringLiteral(";\n");
    for (const auto &[child, fk] : referencing)
        body += QStringLiteral("ALTER TABLE %1 WITH NOCHECK ADD ").arg(table(child)) + constraintDefinition(child, fk)
                + QStringLiteral(";\n");
    body += QStringLiteral("COMMIT;");
    ScriptUnit u;
    u.sql = batch(ifBlock(columnExists(op.table, op.newName), body));
    u.userSql = final.hasDefault() || !checks.isEmpty();
    out.units << u;
    // The checks and foreign keys came back WITH NOCHECK (no scan under the lock); the rows are
    // checked now, with ordinary locks.
    for (const Constraint &c : checks) {
        ScriptUnit v;
        v.sql = batch(validation(op.table, c));
        v.userSql = c.kind == Constraint::Kind::Check;
        out.units << v;
    }
    for (const auto &[child, fk] : referencing) {
        ScriptUnit v;
        v.sql = batch(validation(child, fk));
        out.units << v;
    }

    QStringList heavy;
    if (identity)
        heavy << QStringLiteral("IDENTITY cannot be added to an existing column, so %1 changes type in "
                                "place (ALTER COLUMN rewrites every row)")
                     .arg(col);
    else if (!final.nullable)
        heavy << QStringLiteral("making the swapped column NOT NULL checks every row");
    QStringList rebuilt;
    for (const Constraint &c : keys)
        rebuilt << constraintName(op.table, c);
    for (const Index &i : indexes) {
        if (!prebuild)
            rebuilt << i.name;
    }
    if (!rebuilt.isEmpty())
        heavy << QStringLiteral("%1 %2 rebuilt").arg(rebuilt.join(QStringLiteral(", ")),
                                                     rebuilt.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"));
    // Metadata only, unless indexes were built beforehand (online) or something is rebuilt
    // under the swap's lock (offline).
    out.route = prebuild ? Route::Online : Route::Instant;
    out.buildsIndex = prebuild || !rebuilt.isEmpty();
    if (!heavy.isEmpty()) {
        out.setOffline(heavy.join(QStringLiteral("; ")) + QStringLiteral(
            ", under the schema-modification lock the swap holds: reads and writes of the table "
            "wait (ALTER TABLE, ALTER COLUMN; CREATE INDEX)"));
    }
    return out;
}

QList<ScriptUnit> SqlServerDialect::createTable(const Table &t, bool withForeignKeys,
                                               const QMap<QString, EnumType> &enums) const
{
    QStringList lines;
    QString notes;
    for (const Column &c : t.columns) {
        lines << columnDefinition(t.name, c, true, enums);
        if (!c.collation.isEmpty() && !isCollationName(c.collation))
            notes += comment(QStringLiteral("Collation %1 of %2 is not a SQL Server collation name: the "
                                            "column takes the database's default.")
                                 .arg(c.collation, c.name))
                     + QLatin1Char('\n');
    }
    bool userSql = std::any_of(t.columns.cbegin(), t.columns.cend(),
                               [](const Column &c) { return c.hasDefault() || c.generated; });
    for (const Constraint &c : constraintsOf(t)) {
        if (c.kind == Constraint::Kind::ForeignKey && !withForeignKeys)
            continue;
        if (c.deferrable)
            notes += comment(QStringLiteral("SQL Server has no deferrable constraints: %1 is checked at "
                                            "each statement.")
                                 .arg(constraintName(t.name, c)))
                     + QLatin1Char('\n');
        userSql = userSql || c.kind == Constraint::Kind::Check;
        lines << constraintDefinition(t.name, c);
    }
    QString body = QStringLiteral("CREATE TABLE %1 (\n    ").arg(table(t.name))
                   + lines.join(QStringLiteral(",\n    ")) + QStringLiteral("\n);\n");
    QString tooLong;
    auto addComment = [&](const QString &column, const QString &text) {
        if (text.isEmpty())
            return;
        if (text.size() > MaxCommentLength)
            tooLong = column.isEmpty() ? t.name : t.name + QLatin1Char('.') + column;
        else
            body += commentSql(t.name, column, text);
    };
    addComment(QString(), t.comment);
    for (const Column &c : t.columns)
        addComment(c.name, c.comment);
    QList<ScriptUnit> units;
    if (!tooLong.isEmpty()) {
        units += refusal(QStringLiteral("the comment of %1 is longer than the %2 characters an "
                                        "extended property holds")
                             .arg(tooLong)
                             .arg(MaxCommentLength))
                     .units;
        return units;
    }
    ScriptUnit u;
    u.sql = batch(notes + ifBlock(QStringLiteral("OBJECT_ID(%1, N'U') IS NULL").arg(schemaObject(t.name)), body));
    u.userSql = userSql;
    units << u;
    for (const Index &i : t.indexes) {
        if (backsConstraint(t, i))
            continue;
        ScriptUnit idx;
        const QString problem = indexProblem(t, i);
        if (!problem.isEmpty()) {
            units += refusal(problem).units;
            continue;
        }
        // The table is new and empty: no need for an online build.
        idx.sql = batch(ifBlock(QStringLiteral("NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = %1 AND name = %2)")
                                    .arg(objectId(t.name), quoteString(i.name)),
                                indexDefinition(t, i, false)));
        idx.userSql = !i.where.isEmpty();
        units << idx;
    }
    return units;
}

QList<ScriptUnit> SqlServerDialect::createSchema(const Schema &schema) const
{
    // Sequences first (defaults use them), then tables, then foreign keys (so the order of the
    // tables does not matter), views, and the tables' own triggers.
    QList<ScriptUnit> units;
    for (const Sequence &s : schema.sequences) {
        ScriptUnit u;
        u.sql = batch(ifBlock(QStringLiteral("OBJECT_ID(%1, N'SO') IS NULL").arg(schemaObject(s.name)),
                              QStringLiteral("CREATE SEQUENCE %1 AS %2 START WITH %3 INCREMENT BY %4;")
                                  .arg(table(s.name), mapType(s.type))
                                  .arg(s.start)
                                  .arg(s.increment)));
        units << u;
    }
    for (const Table &t : schema.tables)
        units << createTable(t, false, schema.enums);
    for (const Table &t : schema.tables) {
        for (const Constraint &c : t.constraints) {
            if (c.kind != Constraint::Kind::ForeignKey)
                continue;
            ScriptUnit u;
            u.sql = batch(ifBlock(QStringLiteral("OBJECT_ID(%1) IS NULL").arg(schemaObject(constraintName(t.name, c))),
                                  QStringLiteral("ALTER TABLE %1 ADD ").arg(table(t.name)) + constraintDefinition(t.name, c)
                                      + QLatin1Char(';')));
            units << u;
        }
    }
    for (const View &v : schema.views) {
        if (v.definition.isEmpty() && v.baseTable.isEmpty())
            continue;
        ScriptUnit u;
        if (v.definition.isEmpty())
            u.sql = batch(viewStatement(QStringLiteral("CREATE OR ALTER VIEW"), v) + QStringLiteral(";\n"));
        else
            u.sql = batch(QStringLiteral("CREATE OR ALTER VIEW %1 AS\n").arg(table(v.name)) + userText(v.definition.trimmed())
                          + QStringLiteral(";\n"));
        u.userSql = !v.definition.isEmpty();
        units << u;
    }
    for (const Table &t : schema.tables) {
        for (const Trigger &trigger : t.triggers) {
            // The trigger's own CREATE TRIGGER text, as the plan holds it; sp_executesql makes it
            // the first statement of its batch, as SQL Server requires. Another engine's row
            // trigger cannot run here: refused, with its name.
            static const QRegularExpression foreign(QStringLiteral(R"(\bFOR\s+EACH\s+ROW\b|\bEXECUTE\s+(FUNCTION|PROCEDURE)\b)"),
                                                    QRegularExpression::CaseInsensitiveOption);
            if (foreign.match(trigger.definition).hasMatch()) {
                units << refusal(QStringLiteral("trigger %1 on %2 is another engine's row trigger (FOR EACH ROW); "
                                                "SQL Server triggers are statement triggers written in T-SQL")
                                     .arg(trigger.name, t.name))
                             .units;
                continue;
            }
            ScriptUnit u;
            u.sql = batch(ifBlock(QStringLiteral("OBJECT_ID(%1, N'TR') IS NULL").arg(schemaObject(trigger.name)),
                                  dynamic(trigger.definition)));
            u.userSql = true;
            units << u;
        }
    }
    for (ScriptUnit &u : units) {
        QString problem;
        const QString safe = safeBatch(u.sql, &problem);
        if (problem.isEmpty())
            u.sql = safe;
        else
            u = refusal(QStringLiteral("the baseline's SQL cannot be run by sqlcmd as it stands: ") + problem).units.first();
    }
    return units;
}

QString SqlServerDialect::identifierProblem(const QString &name) const
{
    const QString problem = Dialect::identifierProblem(name);
    if (!problem.isEmpty())
        return problem;
    if (name.size() > MaxIdentifierLength) // sysname: nvarchar(128), counted in UTF-16 units
        return QStringLiteral("the name is %1 characters long; SQL Server allows at most %2")
            .arg(name.size())
            .arg(MaxIdentifierLength);
    if (name.contains(QLatin1String("$(")))
        return QStringLiteral("the name holds \"$(\", which sqlcmd reads as the start of a scripting "
                              "variable");
    return {};
}

bool SqlServerDialect::isMetadataOnlyTypeChange(const QString &from, const QString &to) const
{
    TypeShape a, b;
    if (!parseType(from, &a) || !parseType(to, &b))
        return false;
    return a.varchar && b.varchar && a.length > 0 && b.length >= a.length;
}

QStringList SqlServerDialect::commonTypes() const
{
    return {QStringLiteral("int"), QStringLiteral("bigint"), QStringLiteral("decimal(12,2)"),
            QStringLiteral("bit"), QStringLiteral("nvarchar(255)"), QStringLiteral("nvarchar(max)"),
            QStringLiteral("date"), QStringLiteral("datetime2"), QStringLiteral("uniqueidentifier")};
}

} // namespace Tideline
