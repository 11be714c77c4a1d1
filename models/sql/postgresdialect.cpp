// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// PostgreSQL idioms (refactoring-catalog.md §3–§5, docs/sql-generation.md):
// * every identifier double-quoted, always, so keywords and hostile names are just names;
// * guards that IF NOT EXISTS cannot express live in DO blocks that ask pg_catalog, with the
//   guard and the DDL built from the same quoted name; every statement also checks that what it
//   works on still exists, so an earlier release runs again harmlessly after later ones;
// * constraints arrive NOT VALID and are validated separately (SHARE UPDATE EXCLUSIVE instead of
//   ACCESS EXCLUSIVE for the full scan); NOT NULL goes through a validated CHECK so that
//   SET NOT NULL skips its scan (PostgreSQL 12+);
// * index builds are CONCURRENTLY, outside any transaction, after dropping an invalid leftover
//   of an earlier failed build (IF NOT EXISTS would otherwise accept it);
// * backfills walk the primary key in batches and COMMIT between them inside one top-level DO
//   block (PostgreSQL 11+), so they only touch rows still NULL and never hold a long transaction;
// * user text (expressions, defaults, CHECKs, comments) is never re-indented or re-quoted: it
//   reaches the server byte for byte.
#include "postgresdialect.h"

#include <catalog/carry.h>
#include <domain/identifiers.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QVarLengthArray>

#include <pg_query.h>

namespace Tideline {

namespace {

using Kind = Constraint::Kind;

// Names of the PL/pgSQL variables in generated DO blocks; unusual enough not to clash with a
// column a user expression refers to.
const QString FromKey = QStringLiteral("tideline_from_key");
const QString ToKey = QStringLiteral("tideline_to_key");
const QString NextId = QStringLiteral("tideline_next_id");

QString join(const QStringList &parts, const char *separator)
{
    return parts.join(QLatin1String(separator));
}

/** @p body between dollar quotes whose tag the body does not contain (names may hold `$$`);
 *  the closing tag after @p depth levels of indentation (spaces the body may end with). */
QString dollarQuoted(const QString &body, int depth = 0)
{
    QString tag = QStringLiteral("$tideline$");
    for (int i = 1; body.contains(tag); ++i)
        tag = QStringLiteral("$tideline%1$").arg(i);
    return tag + QLatin1Char('\n') + body + QLatin1Char('\n') + QString(depth * 4, QLatin1Char(' ')) + tag;
}

QString indent(const QString &text, int depth = 1)
{
    return PostgresDialect::indent(text, depth);
}

/** A DO block running @p body (PL/pgSQL statements, unindented: they are indented here). */
QString doBlock(const QString &body, const QString &declare = {})
{
    QString text;
    if (!declare.isEmpty())
        text += QStringLiteral("DECLARE\n") + indent(declare) + QLatin1Char('\n');
    text += QStringLiteral("BEGIN\n") + indent(body) + QStringLiteral("\nEND");
    return QStringLiteral("DO ") + dollarQuoted(text) + QLatin1Char(';');
}

/** IF @p condition THEN @p body END IF; (PL/pgSQL). */
QString ifThen(const QString &condition, const QString &body)
{
    return QStringLiteral("IF ") + condition + QStringLiteral(" THEN\n") + indent(body) + QStringLiteral("\nEND IF;");
}

/** The PL/pgSQL variable type for a key column (serial pseudo-types are not real types). */
QString variableType(const QString &mapped)
{
    const QString lower = mapped.toLower();
    if (lower == QLatin1String("serial") || lower == QLatin1String("serial4"))
        return QStringLiteral("integer");
    if (lower == QLatin1String("bigserial") || lower == QLatin1String("serial8"))
        return QStringLiteral("bigint");
    if (lower == QLatin1String("smallserial") || lower == QLatin1String("serial2"))
        return QStringLiteral("smallint");
    return mapped;
}

bool isSerialType(const QString &mapped)
{
    static const QRegularExpression serial(QStringLiteral(R"(^(small|big)?serial[248]?$)"),
                                           QRegularExpression::CaseInsensitiveOption);
    return serial.match(mapped.trimmed()).hasMatch();
}

/** True for the types a COLLATE clause applies to (PostgreSQL refuses it on others). */
bool isCollatable(const QString &mapped)
{
    static const QRegularExpression text(
        QStringLiteral(R"(^(text|varchar|character varying|char|character|bpchar|citext|name)\b)"),
        QRegularExpression::CaseInsensitiveOption);
    return text.match(mapped.trimmed()).hasMatch();
}

/** The access methods PostgreSQL has; another engine's (fulltext, spatial) has no equivalent. */
bool isPostgresMethod(const QString &method)
{
    static const QStringList methods{QStringLiteral("btree"), QStringLiteral("hash"), QStringLiteral("gist"),
                                     QStringLiteral("gin"),   QStringLiteral("spgist"), QStringLiteral("brin")};
    return methods.contains(method.toLower());
}

QString hash8(const QString &a, const QString &b)
{
    return QString::fromLatin1(
        QCryptographicHash::hash((a + QChar(0) + b).toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
}

/** Lifts the statement limit around long but online statements (scans that take no
 *  ACCESS EXCLUSIVE lock: VALIDATE CONSTRAINT, CREATE INDEX CONCURRENTLY), then restores the
 *  policy's limit for the statements after it. */
QString unbounded(const QString &sql, const Policy &policy, const Dialect &dialect)
{
    return QStringLiteral("SET statement_timeout = 0;\n") + sql + QStringLiteral("\nSET statement_timeout = ")
           + dialect.quoteString(policy.statementTimeout) + QLatin1Char(';');
}

/** The columns of @p table that @p expression names (Carry's rules: bare words and quoted names). */
/** The sequence type (AS …) for a column of PostgreSQL type @p mapped, or empty when the
 *  column is not of an integer type. */
QString sequenceTypeFor(const QString &mapped)
{
    const QString t = mapped.simplified().toLower();
    if (t == QLatin1String("bigint") || t == QLatin1String("integer") || t == QLatin1String("smallint"))
        return t;
    return {};
}

/**
 * The type to CAST a copied value to before it is stored in a column of @p mapped type: the
 * type itself, but a character type without its length. An explicit CAST to varchar(20) cuts a
 * longer value without a word; the assignment to the column then refuses it instead ("value too
 * long"), as the old application's INSERT would on a column of the new type.
 */
QString castTarget(const QString &mapped)
{
    static const QRegularExpression lengthed(
        QStringLiteral(R"(^\s*(character varying|varchar|character|char|bpchar)\s*\(\s*\d+\s*\)\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = lengthed.match(mapped);
    if (!m.hasMatch())
        return mapped;
    const QString base = m.captured(1).toLower();
    return base == QLatin1String("character varying") || base == QLatin1String("varchar") ? QStringLiteral("varchar")
                                                                                           : QStringLiteral("bpchar");
}

QStringList mentioned(const Table &table, const QString &expression)
{
    QStringList names;
    for (const Column &c : table.columns) {
        if (Carry::mentions(expression, c.name))
            names << c.name;
    }
    return names;
}

/** PostgreSQL's type modifier for @p mapped (varchar(n): n + 4, numeric(p,s): (p << 16 | s) + 4,
 *  timestamp(p): p, …): -1 without one; false when it cannot be told from the text. */
bool typmodOf(const QString &mapped, int *typmod)
{
    static const QRegularExpression modifiers(QStringLiteral(R"(^([a-z ]+?)\s*\((\d+)(?:\s*,\s*(\d+))?\)(.*)$)"),
                                              QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = modifiers.match(mapped.trimmed());
    if (!m.hasMatch()) {
        *typmod = -1;
        return !mapped.contains(QLatin1Char('('));
    }
    const QString base = m.captured(1).toLower();
    const int first = m.captured(2).toInt();
    if (base == QLatin1String("varchar") || base == QLatin1String("character varying") || base == QLatin1String("char")
        || base == QLatin1String("character") || base == QLatin1String("bpchar")) {
        *typmod = first + 4;
        return true;
    }
    if (base == QLatin1String("numeric") || base == QLatin1String("decimal")) {
        *typmod = ((first << 16) | m.captured(3).toInt()) + 4;
        return true;
    }
    if (base == QLatin1String("bit") || base == QLatin1String("varbit") || base == QLatin1String("bit varying")
        || base.startsWith(QLatin1String("timestamp")) || base.startsWith(QLatin1String("time"))) {
        *typmod = first;
        return m.captured(3).isEmpty();
    }
    return false;
}

/**
 * The column whose conversion @p column of @p table is the shadow of (change_type's
 * `<column>_new`, of another type), or an empty string. Once that column has the shadow's type
 * the swap has run: the shadow and its trigger must not come back on a rerun.
 */
QString shadowOf(const Table &table, const Column &column)
{
    for (const Column &c : table.columns) {
        if (c.name != column.name && Identifiers::derive(c.name, QStringLiteral("_new")) == column.name
            && c.type.simplified().toLower() != column.type.simplified().toLower())
            return c.name;
    }
    return {};
}

class Writer
{
public:
    Writer(const PostgresDialect &dialect, const Policy &policy) : m_d(dialect), m_policy(policy) { }

    const Policy &policy() const { return m_policy; }
    QString id(const QString &name) const { return m_d.quoteIdentifier(name); }
    QString str(const QString &text) const { return m_d.quoteString(text); }
    QString note(const QString &text) const { return m_d.comment(text); }
    QString ids(const QStringList &names) const
    {
        QStringList quoted;
        for (const QString &n : names)
            quoted << id(n);
        return join(quoted, ", ");
    }
    QString type(const QString &planType) const { return m_d.mapType(planType); }

    /** True (in SQL) when @p column of @p table already has type @p planType. */
    QString hasType(const QString &table, const QString &column, const QString &planType) const
    {
        const QString mapped = type(planType);
        int typmod = -1;
        const QString modifier = typmodOf(mapped, &typmod) ? QStringLiteral(" AND atttypmod = %1").arg(typmod) : QString();
        return QStringLiteral("EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = %1 AND attname = %2 "
                              "AND NOT attisdropped AND atttypid = pg_catalog.to_regtype(%3)%4)")
            .arg(regclass(table), str(column), str(mapped), modifier);
    }

    // ---- Guards (SQL conditions over pg_catalog; none fails when an object is missing) ----

    /** The table's oid, or NULL while it does not exist (a guard must not fail). */
    QString regclass(const QString &table) const
    {
        return QStringLiteral("pg_catalog.to_regclass(%1)").arg(str(id(table)));
    }
    QString tableExists(const QString &table) const { return regclass(table) + QStringLiteral(" IS NOT NULL"); }
    QString constraintExists(const QString &table, const QString &name) const
    {
        return QStringLiteral("EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = %1 "
                              "AND conname = %2)")
            .arg(regclass(table), str(PostgresDialect::limitName(name)));
    }
    QString columnExists(const QString &table, const QString &column) const
    {
        return columnsExist(table, {column});
    }
    /** All of @p columns exist in @p table (and the table does); true for none. */
    QString columnsExist(const QString &table, QStringList columns) const
    {
        columns.removeDuplicates();
        if (columns.isEmpty())
            return tableExists(table);
        QStringList names;
        for (const QString &c : std::as_const(columns))
            names << str(c);
        if (columns.size() == 1)
            return QStringLiteral("EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = %1 "
                                  "AND attname = %2 AND NOT attisdropped)")
                .arg(regclass(table), names.first());
        return QStringLiteral("(SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = %1 "
                              "AND attname IN (%2) AND NOT attisdropped) = %3")
            .arg(regclass(table), join(names, ", "), QString::number(columns.size()));
    }

    // ---- Definitions ----

    /** The column's type with its collation (only where the type takes one). */
    QString columnType(const Column &c) const
    {
        const QString mapped = type(c.type);
        if (!c.collation.isEmpty() && isCollatable(mapped))
            return mapped + QStringLiteral(" COLLATE ") + id(c.collation);
        return mapped;
    }

    /** nextval() of the sequence behind a serial-like column, when its default does not say. */
    QString sequenceDefault(const QString &table, const Column &c) const
    {
        if (c.hasDefault())
            return c.defaultValue;
        const QString sequence = c.sequence.isEmpty() ? PostgresDialect::limitName(table + QLatin1Char('_') + c.name + QStringLiteral("_seq"))
                                                      : c.sequence;
        return QStringLiteral("nextval(%1::regclass)").arg(str(id(sequence)));
    }

    /** The sequence a column of kind Identity::Sequence takes its values from. */
    static QString sequenceOf(const QString &table, const Column &c)
    {
        if (!c.sequence.isEmpty())
            return c.sequence;
        static const QRegularExpression nextval(QStringLiteral(R"(nextval\('((?:[^']|'')*)'(?:::\w+)?\))"));
        const auto m = nextval.match(c.defaultValue);
        if (m.hasMatch()) {
            QString name = m.captured(1).replace(QStringLiteral("''"), QStringLiteral("'"));
            if (name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')) && name.size() > 1)
                name = name.mid(1, name.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
            return name;
        }
        return PostgresDialect::limitName(table + QLatin1Char('_') + c.name + QStringLiteral("_seq"));
    }

    /** A column's definition: type, collation, identity or generation, NOT NULL, default. */
    QString columnDdl(const QString &table, const Column &c) const
    {
        QString ddl = id(c.name) + QLatin1Char(' ') + columnType(c);
        const Column::Identity identity = c.identity ? c.effectiveIdentity() : Column::Identity::None;
        switch (identity) {
        case Column::Identity::None:
            break;
        case Column::Identity::ByDefault:
        case Column::Identity::AutoIncrement:
            if (!isSerialType(c.type))
                ddl += QStringLiteral(" GENERATED BY DEFAULT AS IDENTITY");
            break;
        case Column::Identity::Always:
            ddl += QStringLiteral(" GENERATED ALWAYS AS IDENTITY");
            break;
        case Column::Identity::Sequence:
            break;
        }
        if (c.generated && !c.generatedExpression.isEmpty())
            ddl += QStringLiteral(" GENERATED ALWAYS AS (%1) STORED").arg(c.generatedExpression);
        if (!c.nullable || (c.identity && identity != Column::Identity::Sequence))
            ddl += QStringLiteral(" NOT NULL");
        if (identity == Column::Identity::Sequence)
            ddl += QStringLiteral(" DEFAULT ") + sequenceDefault(table, c);
        else if (c.hasDefault() && !c.identity && !c.generated)
            ddl += QStringLiteral(" DEFAULT ") + c.defaultValue;
        return ddl;
    }

    static QString constraintName(const QString &table, const Constraint &c)
    {
        if (!c.name.isEmpty())
            return PostgresDialect::limitName(c.name);
        // PostgreSQL's own naming, so that an unnamed constraint gets the name it would get anyway.
        static const char *const suffix[] = {"pkey", "key", "check", "fkey"};
        const QString cols = c.kind == Kind::PrimaryKey ? QString() : c.columns.join(QLatin1Char('_')) + QLatin1Char('_');
        return PostgresDialect::limitName(table + QLatin1Char('_') + cols + QLatin1String(suffix[int(c.kind)]));
    }

    static QString indexName(const QString &table, const Index &index)
    {
        if (!index.name.isEmpty())
            return PostgresDialect::limitName(index.name);
        return PostgresDialect::limitName(table + QLatin1Char('_') + index.columns.join(QLatin1Char('_'))
                                          + QStringLiteral("_idx"));
    }

    /** DEFERRABLE [INITIALLY DEFERRED] for keys and foreign keys (CHECKs cannot be deferred). */
    static QString deferral(const Constraint &c)
    {
        if (!c.deferrable || c.kind == Kind::Check)
            return {};
        return c.initiallyDeferred ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED") : QStringLiteral(" DEFERRABLE");
    }

    /** The body of a constraint clause: CHECK (…), UNIQUE (…), FOREIGN KEY … REFERENCES …, with
     *  the foreign key's actions and the deferral. */
    QString constraintBody(const Constraint &c) const
    {
        switch (c.kind) {
        case Kind::PrimaryKey:
            return QStringLiteral("PRIMARY KEY (%1)").arg(ids(c.columns)) + deferral(c);
        case Kind::Unique:
            return QStringLiteral("UNIQUE (%1)").arg(ids(c.columns)) + deferral(c);
        case Kind::Check:
            return QStringLiteral("CHECK (%1)").arg(c.expression);
        case Kind::ForeignKey: {
            QString body = QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
                               .arg(ids(c.columns), id(c.refTable),
                                    ids(c.refColumns.isEmpty() ? QStringList{QStringLiteral("id")} : c.refColumns));
            // Validation refuses other actions; an unknown one would reach the server as written.
            for (const auto &[event, text] : {std::pair{QStringLiteral(" ON DELETE "), c.onDelete},
                                              std::pair{QStringLiteral(" ON UPDATE "), c.onUpdate}}) {
                QString action;
                if (!Constraint::normalizeAction(text, &action))
                    action = text;
                if (!action.isEmpty())
                    body += event + action;
            }
            return body + deferral(c);
        }
        }
        return {};
    }

    /** The key of @p index on @p table: columns quoted, expressions in parentheses, DESC. */
    QString indexKeys(const Table &table, const Index &index) const
    {
        QStringList keys;
        for (int i = 0; i < index.columns.size(); ++i) {
            const QString &entry = index.columns.at(i);
            QString key = table.column(entry) ? id(entry) : QLatin1Char('(') + entry + QLatin1Char(')');
            if (index.isDescending(i))
                key += QStringLiteral(" DESC");
            keys << key;
        }
        return join(keys, ", ");
    }

    /** CREATE [UNIQUE] INDEX [CONCURRENTLY] IF NOT EXISTS with every feature of @p index. */
    QString indexDdl(const Table &table, const Index &index, const QString &name, bool concurrently) const
    {
        QString sql = QStringLiteral("CREATE %1INDEX %2IF NOT EXISTS %3 ON %4")
                          .arg(index.unique ? QStringLiteral("UNIQUE ") : QString(),
                               concurrently ? QStringLiteral("CONCURRENTLY ") : QString(), id(name), id(table.name));
        if (!index.method.isEmpty() && index.method.toLower() != QLatin1String("btree"))
            sql += QStringLiteral(" USING ") + (isPostgresMethod(index.method) ? index.method.toLower() : id(index.method));
        sql += QStringLiteral(" (") + indexKeys(table, index) + QLatin1Char(')');
        if (!index.include.isEmpty())
            sql += QStringLiteral(" INCLUDE (%1)").arg(ids(index.include));
        if (!index.where.isEmpty())
            sql += QStringLiteral(" WHERE ") + index.where;
        return sql + QLatin1Char(';');
    }

    /** The columns of @p table an index needs: its keys, INCLUDE and what its expressions and
     *  WHERE clause name. */
    static QStringList indexColumns(const Table &table, const Index &index)
    {
        QStringList names;
        for (const Column &c : table.columns) {
            if (Carry::covers(table, index, c.name))
                names << c.name;
        }
        return names;
    }

    /**
     * Builds @p index (named @p name) on @p table online: drops an INVALID leftover of a failed
     * concurrent build, then CREATE INDEX CONCURRENTLY IF NOT EXISTS. CONCURRENTLY cannot run
     * inside a DO block, so it cannot be skipped by a guard: when a column it needs is gone (a
     * later release dropped or swapped it), the build goes to a temporary stand-in table of the
     * same name, which pg_temp puts first on the search path and which is dropped at once. So
     * the file runs again after later releases, and changes nothing.
     */
    QString createIndexOnline(const Table &table, const Index &index, const QString &name) const
    {
        const QString dropInvalid = doBlock(
            note(QStringLiteral("An earlier concurrent build failed half-way; IF NOT EXISTS would keep it."))
            + QLatin1Char('\n')
            + ifThen(QStringLiteral("EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = %1 AND NOT indisvalid)")
                         .arg(regclass(name)),
                     QStringLiteral("DROP INDEX %1;").arg(id(name))));
        QStringList standIn;
        for (const Column &c : table.columns)
            standIn << id(c.name) + QLatin1Char(' ') + columnType(c);
        const QString guard = doBlock(
            note(QStringLiteral("Once a later release has dropped a column this index needs, the build below "
                                "goes to an empty\ntemporary stand-in (pg_temp comes first on the search path) "
                                "and changes nothing."))
            + QLatin1Char('\n')
            + ifThen(QStringLiteral("NOT ") + columnsExist(table.name, indexColumns(table, index)),
                     QStringLiteral("CREATE TEMPORARY TABLE %1 (%2);").arg(id(table.name), join(standIn, ", "))));
        const QString standInGone = doBlock(ifThen(
            QStringLiteral("pg_catalog.to_regclass(%1) IS NOT NULL").arg(str(QStringLiteral("pg_temp.") + id(table.name))),
            QStringLiteral("DROP TABLE pg_temp.%1;").arg(id(table.name))));
        return dropInvalid + QLatin1Char('\n') + guard + QLatin1Char('\n')
               + unbounded(indexDdl(table, index, name, true), m_policy, m_d) + QLatin1Char('\n') + standInGone;
    }

    /** CREATE TABLE IF NOT EXISTS with columns, primary key, unique and check constraints;
     *  foreign keys are added afterwards (the referenced table may come later). */
    QString createTable(const Table &t) const
    {
        QStringList lines;
        for (const Column &c : t.columns)
            lines << columnDdl(t.name, c);
        // CREATE TABLE keeps one index of keys on the same columns (the primary key first) and
        // silently drops the others with their names; ALTER TABLE adds each as its own.
        QList<QStringList> keyed;
        if (!t.primaryKey.isEmpty())
            keyed << primaryKey(t).columns;
        QStringList after;
        bool hasPk = false;
        for (const Constraint &c : t.constraints) {
            if (c.kind == Kind::ForeignKey)
                continue;
            hasPk = hasPk || c.kind == Kind::PrimaryKey;
            if (c.kind == Kind::Unique) {
                if (keyed.contains(c.columns)) {
                    after << addConstraintGuarded(t.name, c, false, c.columns);
                    continue;
                }
                keyed << c.columns;
            }
            lines << QStringLiteral("CONSTRAINT %1 %2").arg(id(constraintName(t.name, c)), constraintBody(c));
        }
        if (!hasPk && !t.primaryKey.isEmpty())
            lines << QStringLiteral("CONSTRAINT %1 %2").arg(id(constraintName(t.name, primaryKey(t))),
                                                            constraintBody(primaryKey(t)));
        after.prepend(QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n%2\n);").arg(id(t.name), indent(join(lines, ",\n"))));
        return join(after, "\n");
    }

    /** The table's primary key as a constraint (the one listed, or PostgreSQL's unnamed one). */
    static Constraint primaryKey(const Table &t)
    {
        for (const Constraint &c : t.constraints) {
            if (c.kind == Kind::PrimaryKey)
                return c;
        }
        Constraint pk;
        pk.kind = Kind::PrimaryKey;
        pk.columns = t.primaryKey;
        return pk;
    }

    /** The columns a constraint needs: its own, the CHECK's, and (foreign keys) none elsewhere. */
    static QStringList constraintColumns(const Table *table, const Constraint &c)
    {
        QStringList names = c.columns;
        if (table && c.kind == Kind::Check)
            names += mentioned(*table, c.expression);
        names.removeDuplicates();
        return names;
    }

    /** Adds @p c (check or foreign key) if missing and its columns exist; NOT VALID when the
     *  table may hold rows. */
    QString addConstraintGuarded(const QString &table, const Constraint &c, bool notValid,
                                 const QStringList &columns) const
    {
        const QString name = constraintName(table, c);
        QString condition = QStringLiteral("NOT ") + constraintExists(table, name) + QStringLiteral("\n   AND ")
                            + columnsExist(table, columns);
        if (c.kind == Kind::ForeignKey)
            condition += QStringLiteral("\n   AND ") + columnsExist(c.refTable, c.refColumns);
        return doBlock(ifThen(condition, QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3%4;")
                                             .arg(id(table), id(name), constraintBody(c),
                                                  notValid ? QStringLiteral(" NOT VALID") : QString())));
    }

    /** Validates @p name if it is still NOT VALID; a second run finds it valid (or gone). */
    QString validateGuarded(const QString &table, const QString &name) const
    {
        return unbounded(doBlock(ifThen(QStringLiteral("EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = %1 "
                                                       "AND conname = %2 AND NOT convalidated)")
                                            .arg(regclass(table), str(name)),
                                        QStringLiteral("ALTER TABLE %1 VALIDATE CONSTRAINT %2;").arg(id(table), id(name)))),
                         m_policy, m_d);
    }

    /** Attaches the unique index @p index as constraint @p c (UNIQUE or PRIMARY KEY, instant). */
    QString attachUnique(const QString &table, const Constraint &c, const QString &index) const
    {
        const QString name = constraintName(table, c);
        return doBlock(ifThen(QStringLiteral("NOT %1 AND %2 IS NOT NULL").arg(constraintExists(table, name), regclass(index)),
                              attachStatement(table, c, index)));
    }
    QString attachStatement(const QString &table, const Constraint &c, const QString &index) const
    {
        return QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3 USING INDEX %4%5;")
            .arg(id(table), id(constraintName(table, c)),
                 c.kind == Kind::PrimaryKey ? QStringLiteral("PRIMARY KEY") : QStringLiteral("UNIQUE"), id(index),
                 deferral(c));
    }

    /** The single-column primary key of @p table, or nullptr (batched statements need one). */
    static const Column *batchKey(const Table *table)
    {
        if (!table || table->primaryKey.size() != 1)
            return nullptr;
        return table->column(table->primaryKey.first());
    }

    /**
     * A DO block that, while @p guard holds, walks @p table's key in batches of @p batch over the
     * rows where @p pending holds and runs @p work (statements using FromKey/ToKey as an
     * inclusive key range) on each, committing between batches. Rows @p work leaves pending are
     * passed over, not retried, so an expression that yields NULL cannot loop forever.
     */
    QString batched(const Table &table, const Column &key, const QString &guard, const QString &pending,
                    const QString &work, int batch) const
    {
        const QString k = id(key.name);
        const QString t = id(table.name);
        const QString body
            = ifThen(QStringLiteral("NOT (") + guard + QLatin1Char(')'),
                     note(QStringLiteral("A later release dropped what this backfill reads or fills: nothing to do."))
                         + QStringLiteral("\nRETURN;"))
              + QLatin1Char('\n')
              + QStringLiteral("SELECT min(%1) INTO %3 FROM %2 WHERE %4;\n"
                               "WHILE %3 IS NOT NULL LOOP\n"
                               "    SELECT max(batch.key) INTO %5\n"
                               "      FROM (SELECT %1 AS key FROM %2 WHERE %4 AND %1 >= %3 ORDER BY %1 LIMIT %6) AS batch;\n"
                               "%7\n"
                               "%8\n"
                               "    COMMIT;\n"
                               "    SELECT min(%1) INTO %3 FROM %2 WHERE %4 AND %1 > %5;\n"
                               "END LOOP;")
                    .arg(k, t, FromKey, pending, ToKey, QString::number(qMax(1, batch)), indent(work),
                         indent(note(QStringLiteral("Each batch is its own transaction: locks are short and a rerun resumes."))));
        const QString type = variableType(m_d.mapType(key.type));
        // All batches are one top-level statement: statement_timeout would bound them all (in
        // a pre/ or post/ script), so it is lifted; lock_timeout still bounds each wait.
        return unbounded(doBlock(body, QStringLiteral("%1 %2;\n%3 %2;").arg(FromKey, type, ToKey)), m_policy, m_d);
    }

    /** The same work as one statement, for a table without a single-column key. */
    QString unbatched(const QString &guard, const QString &work) const
    {
        return unbounded(doBlock(ifThen(guard, work)), m_policy, m_d);
    }

    QString keyRange(const QString &qualifier, const Column &key) const
    {
        return QStringLiteral("%1%2 BETWEEN %3 AND %4").arg(qualifier, id(key.name), FromKey, ToKey);
    }

    // ---- Sync triggers ----

    /**
     * The function and trigger that keep @p sync.target filled on @p table (SyncTrigger): an
     * INSERT that leaves the target NULL fills it; an UPDATE that changes a source and leaves
     * the target as it was recomputes it. A version that writes the target itself is never
     * overwritten. Created only while the table has every column it reads, so a rerun after
     * the contract dropped a source makes no trigger that would break every write.
     */
    QString createSync(const Table &table, const SyncTrigger &sync) const
    {
        const QString trigger = PostgresDialect::syncTriggerName(table.name, sync.target);
        const QString function = PostgresDialect::syncFunctionName(table.name, sync.target);
        const Column *target = table.column(sync.target);
        const QString target_ = QStringLiteral("NEW.") + id(sync.target);
        QString value;
        QStringList needs{sync.target};
        needs += sync.sources;
        if (!sync.expression.isEmpty()) {
            // The user's expression names columns, not NEW fields: evaluate it over the new row.
            value = QStringLiteral("(SELECT (%1) FROM (SELECT NEW.*) AS tideline_row)").arg(sync.expression);
            needs += mentioned(table, sync.expression);
        } else {
            value = QStringLiteral("CAST(NEW.%1 AS %2)")
                        .arg(id(sync.sourceColumn), castTarget(type(target ? target->type : QStringLiteral("text"))));
            needs << sync.sourceColumn;
        }
        QStringList changed;
        for (const QString &source : sync.sources)
            changed << QStringLiteral("NEW.%1 IS DISTINCT FROM OLD.%1").arg(id(source));
        if (changed.isEmpty())
            changed << QStringLiteral("false");
        const QString body
            = QStringLiteral("BEGIN\n")
              + indent(QStringLiteral("IF TG_OP = 'INSERT' THEN\n"
                                      "    IF %1 IS NULL THEN\n"
                                      "        %1 := %2;\n"
                                      "    END IF;\n"
                                      "ELSIF %1 IS NOT DISTINCT FROM OLD.%3\n"
                                      "      AND (%4) THEN\n"
                                      "    %1 := %2;\n"
                                      "END IF;\n"
                                      "RETURN NEW;")
                           .arg(target_, value, id(sync.target), join(changed, "\n           OR ")))
              + QStringLiteral("\nEND");
        QJsonArray sources;
        for (const QString &s : sync.sources)
            sources.append(s);
        const QJsonObject description{{QStringLiteral("target"), sync.target},
                                      {QStringLiteral("sources"), sources},
                                      {QStringLiteral("sourceColumn"), sync.sourceColumn},
                                      {QStringLiteral("expression"), sync.expression}};
        const QString comment = PostgresDialect::syncCommentPrefix()
                                + QString::fromUtf8(QJsonDocument(description).toJson(QJsonDocument::Compact));
        const QString create
            = QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS %2;\n"
                             "COMMENT ON FUNCTION %1() IS %3;\n"
                             "DROP TRIGGER IF EXISTS %4 ON %5;\n"
                             "CREATE TRIGGER %4 BEFORE INSERT OR UPDATE ON %5\n"
                             "    FOR EACH ROW EXECUTE FUNCTION %1();")
                  .arg(id(function), dollarQuoted(indent(body, 2), 2), str(comment), id(trigger), id(table.name));
        QString condition = columnsExist(table.name, needs);
        const QString converted = target ? shadowOf(table, *target) : QString();
        if (!converted.isEmpty())
            condition += QStringLiteral("\n   AND NOT ") + hasType(table.name, converted, target->type);
        return note(QStringLiteral("One block, one transaction: no moment where writes go through without the trigger."))
               + QLatin1Char('\n') + doBlock(ifThen(condition, create));
    }

    QString dropSync(const QString &table, const QString &target) const
    {
        return QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2;\nDROP FUNCTION IF EXISTS %3();")
            .arg(id(PostgresDialect::syncTriggerName(table, target)), id(table),
                 id(PostgresDialect::syncFunctionName(table, target)));
    }

    // ---- Comments ----

    QString commentOn(const QString &table, const QString &column, const QString &text) const
    {
        const QString value = text.isEmpty() ? QStringLiteral("NULL") : str(text);
        if (column.isEmpty())
            return QStringLiteral("COMMENT ON TABLE %1 IS %2;").arg(id(table), value);
        return QStringLiteral("COMMENT ON COLUMN %1.%2 IS %3;").arg(id(table), id(column), value);
    }

private:
    const PostgresDialect &m_d;
    const Policy &m_policy;
};

QString notNullCheckName(const QString &table, const QString &column)
{
    return PostgresDialect::limitName(table + QLatin1Char('_') + column + QStringLiteral("_not_null"));
}

/** SET or DROP NOT NULL, only when the column does not have it already (the catalog says). */
QString nullability(const Writer &w, const QString &table, const QString &column, bool nullable)
{
    return doBlock(ifThen(QStringLiteral("EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = %1 "
                                         "AND attname = %2 AND NOT attisdropped AND %3attnotnull)")
                              .arg(w.regclass(table), w.str(column), nullable ? QString() : QStringLiteral("NOT ")),
                          QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 %3 NOT NULL;")
                              .arg(w.id(table), w.id(column), nullable ? QStringLiteral("DROP") : QStringLiteral("SET"))));
}

/** The guarded NOT VALID check that proves @p column (of @p table) holds no NULL, and its
 *  validation: what lets SET NOT NULL skip its scan. @p extra: a further condition. */
QString notNullCheck(const Writer &w, const QString &table, const QString &column, const QString &extra)
{
    const QString check = notNullCheckName(table, column);
    const QString add = doBlock(ifThen(QStringLiteral("NOT %1\n   AND %2")
                                           .arg(w.constraintExists(table, check), extra),
                                       QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 CHECK (%3 IS NOT NULL) NOT VALID;")
                                           .arg(w.id(table), w.id(check), w.id(column))));
    return add + QLatin1Char('\n') + w.validateGuarded(table, check);
}

/** Statements that make @p column NOT NULL without an ACCESS EXCLUSIVE scan; each is guarded. */
QString setNotNullOnline(const Writer &w, const QString &table, const QString &column)
{
    const QString stillNullable
        = QStringLiteral("EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = %1 AND attname = %2\n"
                         "               AND NOT attisdropped AND NOT attnotnull)")
              .arg(w.regclass(table), w.str(column));
    return w.note(QStringLiteral("Only while the column is still nullable: a rerun after SET NOT NULL adds nothing."))
           + QLatin1Char('\n') + notNullCheck(w, table, column, stillNullable) + QLatin1Char('\n')
           + w.note(QStringLiteral("The validated check proves there is no NULL, so SET NOT NULL skips its scan (PostgreSQL 12+)."))
           + QLatin1Char('\n') + nullability(w, table, column, false) + QLatin1Char('\n')
           + QStringLiteral("ALTER TABLE IF EXISTS %1 DROP CONSTRAINT IF EXISTS %2;")
                 .arg(w.id(table), w.id(notNullCheckName(table, column)));
}

/** ALTER TABLE … ALTER COLUMN … <action>, while the column exists. */
QString alterColumnGuarded(const Writer &w, const QString &table, const QString &column, const QString &action)
{
    return doBlock(ifThen(w.columnExists(table, column),
                          QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 %3;").arg(w.id(table), w.id(column), action)));
}

/**
 * Everything a table has besides its CREATE TABLE, in the order a fresh database needs it:
 * [0] sequences' ownership, [1] foreign keys, [2] indexes, [3] comments, [4] user triggers,
 * [5] sync triggers. The table is new and empty: plain index builds and validated keys.
 */
QList<QStringList> tableExtras(const Writer &w, const Table &t)
{
    QList<QStringList> extras(6);
    for (const Column &c : t.columns) {
        if (c.identity && c.effectiveIdentity() == Column::Identity::Sequence) {
            const QString sequence = Writer::sequenceOf(t.name, c);
            extras[0] << doBlock(ifThen(QStringLiteral("%1 IS NOT NULL AND %2")
                                            .arg(w.regclass(sequence), w.columnExists(t.name, c.name)),
                                        QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2.%3;")
                                            .arg(w.id(sequence), w.id(t.name), w.id(c.name))));
        }
    }
    for (const Constraint &c : t.constraints) {
        if (c.kind == Kind::ForeignKey)
            extras[1] << w.addConstraintGuarded(t.name, c, false, c.columns);
    }
    for (const Index &index : t.indexes)
        extras[2] << w.indexDdl(t, index, Writer::indexName(t.name, index), false);
    if (!t.comment.isEmpty())
        extras[3] << w.commentOn(t.name, {}, t.comment);
    for (const Column &c : t.columns) {
        if (!c.comment.isEmpty())
            extras[3] << w.commentOn(t.name, c.name, c.comment);
    }
    for (const Trigger &trigger : t.triggers) {
        // The trigger's function is not part of a schema Tideline holds: where it is missing
        // (a scratch database), the trigger is left out with a warning rather than failing; so
        // is a trigger written for another engine (a schema imported from MySQL).
        extras[4] << doBlock(ifThen(QStringLiteral("NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = %1 "
                                                   "AND tgname = %2)")
                                        .arg(w.regclass(t.name), w.str(trigger.name)),
                                    QStringLiteral("EXECUTE %1;").arg(w.str(trigger.definition)))
                             + QStringLiteral("\nEXCEPTION WHEN undefined_function OR syntax_error THEN\n"
                                              "    RAISE WARNING 'trigger % on % not created: %', %1, %2, SQLERRM;")
                                   .arg(w.str(trigger.name), w.str(t.name)));
    }
    for (const SyncTrigger &sync : t.syncs)
        extras[5] << w.createSync(t, sync);
    return extras;
}

/** CREATE SEQUENCE IF NOT EXISTS for @p sequence (its ownership comes after the tables). */
QString createSequence(const Writer &w, const Sequence &sequence)
{
    QString sql = QStringLiteral("CREATE SEQUENCE IF NOT EXISTS %1").arg(w.id(sequence.name));
    if (!sequence.type.isEmpty())
        sql += QStringLiteral(" AS ") + w.type(sequence.type);
    if (sequence.increment != 1)
        sql += QStringLiteral(" INCREMENT BY ") + QString::number(sequence.increment);
    if (sequence.start != 1)
        sql += QStringLiteral(" START WITH ") + QString::number(sequence.start);
    return sql + QLatin1Char(';');
}

/** The sequences @p table's serial-like columns need that @p known does not list. */
QList<Sequence> impliedSequences(const Table &table, const QMap<QString, Sequence> &known)
{
    QList<Sequence> list;
    for (const Column &c : table.columns) {
        if (!c.identity || c.effectiveIdentity() != Column::Identity::Sequence)
            continue;
        Sequence s;
        s.name = Writer::sequenceOf(table.name, c);
        if (known.contains(s.name))
            continue;
        s.type = variableType(c.type);
        s.ownedBy = table.name + QLatin1Char('.') + c.name;
        list << s;
    }
    return list;
}

QString createEnum(const Writer &w, const EnumType &e)
{
    QStringList values;
    for (const QString &v : e.values)
        values << w.str(v);
    return doBlock(ifThen(QStringLiteral("pg_catalog.to_regtype(%1) IS NULL").arg(w.str(w.id(e.name))),
                          QStringLiteral("CREATE TYPE %1 AS ENUM (%2);").arg(w.id(e.name), join(values, ", "))));
}

/** @p verb ("CREATE VIEW", "CREATE OR REPLACE VIEW") @p v, its columns named as the model names
 *  them. */
QString viewSql(const Writer &w, const QString &verb, const View &v)
{
    return PostgresDialect().viewStatement(verb, v, w.id(v.name), w.id(v.baseTable)) + QLatin1Char(';');
}

/** True (in SQL) when relation @p name has exactly one of the column lists @p lists, in order. */
QString columnListIn(const Writer &w, const QString &name, const QList<QStringList> &lists)
{
    QStringList arrays;
    for (const QStringList &list : lists) {
        QStringList names;
        for (const QString &c : list)
            names << w.str(c);
        arrays << QStringLiteral("ARRAY[%1]::text[]").arg(join(names, ", "));
    }
    return QStringLiteral("(SELECT array_agg(attname::text ORDER BY attnum) FROM pg_catalog.pg_attribute "
                          "WHERE attrelid = %1 AND attnum > 0 AND NOT attisdropped) IN (%2)")
        .arg(w.regclass(name), join(arrays, ", "));
}

QStringList columnNames(const Table &t)
{
    QStringList names;
    for (const Column &c : t.columns)
        names << c.name;
    return names;
}

} // namespace

QString PostgresDialect::limitName(const QString &name)
{
    return Identifiers::fit(name, MaxIdentifierBytes);
}

QString PostgresDialect::syncTriggerName(const QString &table, const QString &column)
{
    return limitName(QStringLiteral("tideline_sync_") + table + QLatin1Char('_') + column);
}

QString PostgresDialect::syncFunctionName(const QString &table, const QString &column)
{
    return Identifiers::derive(QStringLiteral("tideline_sync_") + table + QLatin1Char('_') + column,
                               QLatin1Char('_') + hash8(table, column), MaxIdentifierBytes);
}

QString PostgresDialect::indent(const QString &text, int depth)
{
    // A small scanner for PostgreSQL's quoting: '…' (with '' inside), E'…' (backslash escapes),
    // "…", $tag$…$tag$, -- comments and nested /* */ comments. A line is padded only when it
    // starts outside all of them. The scanner only finds where the padding goes; the text
    // between is copied in one piece (copying it character by character was most of the cost).
    enum class State { Code, Single, Escaped, Quoted, Dollar, Block };
    State state = State::Code;
    QStringView tag;
    int blockDepth = 0;
    QVarLengthArray<int, 64> padded; // the positions of the lines that get the padding
    const int n = int(text.size());
    auto identChar = [](QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$'); };
    bool lineStart = true;
    for (int i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (lineStart) {
            lineStart = false;
            if (state == State::Code && c != QLatin1Char('\n'))
                padded.append(i);
        }
        if (c == QLatin1Char('\n')) {
            lineStart = true;
            continue;
        }
        const QChar next = i + 1 < n ? text.at(i + 1) : QChar();
        switch (state) {
        case State::Code:
            if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
                while (i + 1 < n && text.at(i + 1) != QLatin1Char('\n'))
                    ++i;
            } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
                state = State::Block;
                blockDepth = 1;
                ++i;
            } else if (c == QLatin1Char('\'')) {
                const bool escaped = i > 0 && (text.at(i - 1) == QLatin1Char('E') || text.at(i - 1) == QLatin1Char('e'))
                                     && (i < 2 || !identChar(text.at(i - 2)));
                state = escaped ? State::Escaped : State::Single;
            } else if (c == QLatin1Char('"')) {
                state = State::Quoted;
            } else if (c == QLatin1Char('$') && (i == 0 || !identChar(text.at(i - 1)))) {
                int j = i + 1;
                while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == QLatin1Char('_')))
                    ++j;
                const bool digitStart = i + 1 < n && text.at(i + 1).isDigit();
                if (j < n && text.at(j) == QLatin1Char('$') && !digitStart) {
                    tag = QStringView(text).mid(i, j - i + 1);
                    i = j;
                    state = State::Dollar;
                }
            }
            break;
        case State::Single:
            if (c == QLatin1Char('\'')) {
                if (next == QLatin1Char('\''))
                    ++i;
                else
                    state = State::Code;
            }
            break;
        case State::Escaped:
            if (c == QLatin1Char('\\') && i + 1 < n) {
                ++i;
                if (text.at(i) == QLatin1Char('\n'))
                    lineStart = true;
            } else if (c == QLatin1Char('\'')) {
                if (next == QLatin1Char('\''))
                    ++i;
                else
                    state = State::Code;
            }
            break;
        case State::Quoted:
            if (c == QLatin1Char('"')) {
                if (next == QLatin1Char('"'))
                    ++i;
                else
                    state = State::Code;
            }
            break;
        case State::Dollar:
            if (c == QLatin1Char('$') && QStringView(text).mid(i, tag.size()) == tag) {
                i += int(tag.size()) - 1;
                state = State::Code;
            }
            break;
        case State::Block:
            if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
                ++blockDepth;
                ++i;
            } else if (c == QLatin1Char('*') && next == QLatin1Char('/')) {
                ++i;
                if (--blockDepth == 0)
                    state = State::Code;
            }
            break;
        }
    }
    const QString pad(depth * 4, QLatin1Char(' '));
    QString out;
    out.reserve(text.size() + padded.size() * pad.size());
    int from = 0;
    for (int at : padded) {
        out.append(QStringView(text).mid(from, at - from));
        out.append(pad);
        from = at;
    }
    out.append(QStringView(text).mid(from));
    return out;
}

QString PostgresDialect::identifierProblem(const QString &name) const
{
    const QString problem = Dialect::identifierProblem(name);
    if (!problem.isEmpty() || name.toUtf8().size() <= MaxIdentifierBytes)
        return problem;
    return QStringLiteral("the name is %1 bytes long; PostgreSQL keeps at most %2 and would cut it")
        .arg(name.toUtf8().size())
        .arg(MaxIdentifierBytes);
}

QString PostgresDialect::runNote(bool transactional, const QString &) const
{
    const QString rerun = QStringLiteral(
        "Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after\n"
        "later releases, it skips what they removed instead of failing.");
    if (transactional)
        return QStringLiteral("Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,\n"
                              "e.g. psql --single-transaction).\n")
               + rerun;
    return QStringLiteral(
               "Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE, NOT in a transaction (no --single-transaction,\n"
               "no BEGIN around it; runInTransaction/executeInTransaction false in Liquibase/Flyway): its statements\n"
               "commit one by one (CREATE INDEX CONCURRENTLY, COMMIT between batches, a validation that must not\n"
               "hold the lock of the statement before it). If it stops, run it again: it resumes.\n")
           + rerun;
}

QString PostgresDialect::quoteIdentifier(const QString &identifier) const
{
    QString quoted = identifier;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString PostgresDialect::quoteString(const QString &text) const
{
    if (!text.contains(QLatin1Char('\\')))
        return Dialect::quoteString(text);
    QString quoted = text;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QStringLiteral("E'") + quoted + QLatin1Char('\'');
}

QString PostgresDialect::mapType(const QString &type) const
{
    // Plans are written in PostgreSQL's flavour; only spellings of other engines change.
    const QString t = type.simplified();
    const QString lower = t.toLower();
    static const QList<QPair<QRegularExpression, QString>> synonyms = {
        {QRegularExpression(QStringLiteral(R"(^(int|int4|mediumint)$)")), QStringLiteral("integer")},
        {QRegularExpression(QStringLiteral(R"(^int8$)")), QStringLiteral("bigint")},
        {QRegularExpression(QStringLiteral(R"(^(int2|tinyint)$)")), QStringLiteral("smallint")},
        {QRegularExpression(QStringLiteral(R"(^bool$)")), QStringLiteral("boolean")},
        {QRegularExpression(QStringLiteral(R"(^(double|float8|float)$)")), QStringLiteral("double precision")},
        {QRegularExpression(QStringLiteral(R"(^float4$)")), QStringLiteral("real")},
        {QRegularExpression(QStringLiteral(R"(^datetime2?$)")), QStringLiteral("timestamp")},
        {QRegularExpression(QStringLiteral(R"(^(nvarchar|varchar2)\b)")), QStringLiteral("varchar")},
        {QRegularExpression(QStringLiteral(R"(^nchar\b)")), QStringLiteral("char")},
        {QRegularExpression(QStringLiteral(R"(^(clob|ntext|longtext|mediumtext)$)")), QStringLiteral("text")},
        {QRegularExpression(QStringLiteral(R"(^(blob|longblob|varbinary\(max\))$)")), QStringLiteral("bytea")},
    };
    for (const auto &[pattern, replacement] : synonyms) {
        const auto match = pattern.match(lower);
        if (match.hasMatch())
            return replacement + t.mid(match.capturedLength(0));
    }
    return t;
}

QString PostgresDialect::preamble(const Policy &policy, Phase phase) const
{
    // A backfill is one top-level DO statement for all its batches, so statement_timeout cannot
    // bound a batch: it is off, and lock_timeout still stops a batch stuck behind a lock (the
    // rerun resumes after the last committed batch). Offline scripts run in a window: no limit.
    const bool unlimited = phase == Phase::Backfill || phase == Phase::Offline;
    return QStringLiteral("SET lock_timeout = %1;\nSET statement_timeout = %2;")
        .arg(quoteString(policy.lockTimeout), unlimited ? QStringLiteral("0") : quoteString(policy.statementTimeout));
}

namespace {

/** The views of @p schema that read @p column of @p table, and the views built on those, in an
 *  order they can be created in (a view after the views it names). Views without a definition
 *  cannot be made again and are left out. */
QList<View> viewsOver(const Schema &schema, const QString &table, const QString &column)
{
    QList<View> found;
    QStringList names;
    bool grew = true;
    while (grew) {
        grew = false;
        for (const View &v : schema.views) {
            if (v.definition.isEmpty() || names.contains(v.name))
                continue;
            bool reads = Carry::mentions(v.definition, table) && Carry::mentions(v.definition, column);
            for (const QString &other : std::as_const(names))
                reads = reads || Carry::mentions(v.definition, other);
            if (reads) {
                found << v;
                names << v.name;
                grew = true;
            }
        }
    }
    return found; // found in dependency order: a view joins after what it reads
}

/**
 * change_type's swap (SchemaOp::SwapColumn): the shadow takes the old column's name, place in
 * the keys and everything that hangs on it, with no moment without the old column's UNIQUE or
 * PRIMARY KEY protection longer than the swap's own transaction.
 *
 *  1. online, beforehand, on the shadow: the NOT NULL proof (validated CHECK), every index and
 *     key index (CONCURRENTLY, under temporary names), every CHECK and foreign key (NOT VALID +
 *     VALIDATE, temporary names), and the foreign keys of other tables, pointed at the shadow;
 *  2. one DO block, so one transaction: drop the sync trigger and the old foreign keys of other
 *     tables, release the serial's sequence, drop the old column (its indexes and constraints
 *     go with it), rename the shadow, SET NOT NULL (no scan), give indexes and constraints their
 *     names back, attach the key indexes as PRIMARY KEY / UNIQUE, default, identity continuing
 *     after the highest id, the sequence's ownership, the comment.
 *
 * Every statement is guarded by "the shadow still exists", so a rerun after the swap, or after
 * any later release, changes nothing; a failure before or in the swap leaves the old column
 * whole and the rerun finishes.
 */
QString swapColumn(const Writer &w, const SchemaOp &op, const Schema &before)
{
    const Table *table = before.table(op.table);
    const Column *old = table ? table->column(op.columnName) : nullptr;
    const Column *shadow = table ? table->column(op.newName) : nullptr;
    if (!table || !old || !shadow)
        return w.note(QStringLiteral("Nothing to swap: the plan's state has no %1 and %2 on %3.")
                          .arg(op.columnName, op.newName, op.table));
    Column swapped = op.column.name.isEmpty() ? *old : op.column;
    if (op.column.name.isEmpty())
        swapped.type = shadow->type;
    swapped.name = op.columnName;
    const QString t = w.id(op.table), c = w.id(op.columnName), s = w.id(op.newName);
    const QString shadowExists = w.columnExists(op.table, op.newName);
    const QMap<QString, QString> toShadow{{op.columnName, op.newName}};
    auto temporary = [](const QString &name) { return Identifiers::derive(name, QStringLiteral("_tlswap"), 63); };
    const Column::Identity identity = swapped.identity ? swapped.effectiveIdentity() : Column::Identity::None;
    const bool notNull = !swapped.nullable || (identity != Column::Identity::None && identity != Column::Identity::Sequence);

    QStringList prepare, swap;
    if (notNull) {
        prepare << notNullCheck(w, op.table, op.newName, shadowExists);
        swap << QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 SET NOT NULL;").arg(t, c)
             << QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2;").arg(t, w.id(notNullCheckName(op.table, op.newName)));
    }

    // Unique keys and indexes first: the foreign keys copied next need a unique index on the shadow.
    QStringList renames;  // index and constraint names given back in the swap
    QStringList attaches; // key indexes attached as constraints in the swap
    QList<Constraint> keys;
    for (const Constraint &k : table->constraints) {
        if ((k.kind == Kind::PrimaryKey || k.kind == Kind::Unique) && k.columns.contains(op.columnName))
            keys << k;
    }
    if (table->primaryKey.contains(op.columnName)
        && std::none_of(keys.cbegin(), keys.cend(), [](const Constraint &k) { return k.kind == Kind::PrimaryKey; }))
        keys << Writer::primaryKey(*table);
    for (const Constraint &k : std::as_const(keys)) {
        Index key;
        key.unique = true;
        key.columns = k.columns;
        for (QString &column : key.columns)
            column = column == op.columnName ? op.newName : column;
        const QString name = temporary(Writer::constraintName(op.table, k));
        prepare << w.createIndexOnline(*table, key, name);
        attaches << ifThen(w.regclass(name) + QStringLiteral(" IS NOT NULL"), w.attachStatement(op.table, k, name));
    }
    for (const Index &index : table->indexes) {
        if (!Carry::covers(*table, index, op.columnName))
            continue;
        const QString name = temporary(Writer::indexName(op.table, index));
        prepare << w.createIndexOnline(*table, Carry::renamedIndex(*table, index, toShadow, name), name);
        renames << ifThen(w.regclass(name) + QStringLiteral(" IS NOT NULL"),
                          QStringLiteral("ALTER INDEX %1 RENAME TO %2;").arg(w.id(name), w.id(Writer::indexName(op.table, index))));
    }
    // CHECKs and foreign keys of the table that involve the column.
    for (const Constraint &k : table->constraints) {
        if ((k.kind != Kind::Check && k.kind != Kind::ForeignKey) || !Carry::covers(k, op.columnName))
            continue;
        const QString name = temporary(Writer::constraintName(op.table, k));
        const Constraint copy = Carry::renamedConstraint(k, toShadow, name);
        prepare << w.addConstraintGuarded(op.table, copy, true, Writer::constraintColumns(table, copy) << op.newName)
                << w.validateGuarded(op.table, name);
        renames << ifThen(w.constraintExists(op.table, name),
                          QStringLiteral("ALTER TABLE %1 RENAME CONSTRAINT %2 TO %3;")
                              .arg(t, w.id(name), w.id(Writer::constraintName(op.table, k))));
    }
    // Foreign keys (of other tables, or of this one) that reference the column: copies that
    // reference the shadow, validated now; in the swap the old ones go and the copies take
    // their names.
    QStringList dropOld;
    for (const auto &[child, fk] : before.referencing(op.table, op.columnName)) {
        const QString original = Writer::constraintName(child, fk);
        const QString name = temporary(original);
        Constraint copy = fk;
        copy.name = name;
        copy.refColumns = fk.refColumns.isEmpty() ? table->primaryKey : fk.refColumns;
        for (QString &column : copy.refColumns)
            column = column == op.columnName ? op.newName : column;
        if (child == op.table) {
            for (QString &column : copy.columns)
                column = column == op.columnName ? op.newName : column;
        }
        // The guard also asks for the shadow, as the copy references it.
        prepare << w.addConstraintGuarded(child, copy, true, copy.columns) << w.validateGuarded(child, name);
        dropOld << QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2;").arg(w.id(child), w.id(original));
        renames << ifThen(w.constraintExists(child, name),
                          QStringLiteral("ALTER TABLE %1 RENAME CONSTRAINT %2 TO %3;").arg(w.id(child), w.id(name), w.id(original)));
    }

    // The swap.
    QStringList body;
    body << QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2;").arg(w.id(PostgresDialect::syncTriggerName(op.table, op.newName)), t);
    const Column::Identity oldIdentity = old->identity ? old->effectiveIdentity() : Column::Identity::None;
    QString declare;
    if (identity == Column::Identity::ByDefault || identity == Column::Identity::Always
        || identity == Column::Identity::AutoIncrement) {
        declare = NextId + QStringLiteral(" bigint;");
        if (oldIdentity == Column::Identity::ByDefault || oldIdentity == Column::Identity::Always
            || oldIdentity == Column::Identity::AutoIncrement || oldIdentity == Column::Identity::Sequence)
            body << w.note(QStringLiteral("The identity continues after the last value the old column's sequence gave."))
                 << QStringLiteral("%1 := pg_catalog.pg_sequence_last_value(pg_catalog.pg_get_serial_sequence(%2, %3)::regclass);")
                        .arg(NextId, w.str(t), w.str(op.columnName));
    }
    QString sequence;
    if (identity == Column::Identity::Sequence || oldIdentity == Column::Identity::Sequence) {
        sequence = Writer::sequenceOf(op.table, identity == Column::Identity::Sequence ? swapped : *old);
        body << w.note(QStringLiteral("The serial's sequence must outlive the old column it belongs to."))
             << ifThen(QStringLiteral("%1 IS NOT NULL").arg(w.regclass(sequence)),
                       QStringLiteral("ALTER SEQUENCE %1 OWNED BY NONE;").arg(w.id(sequence)));
    }
    body += dropOld;
    // Views that read the column would refuse its drop: they go and come back over the swapped
    // column, in the same transaction (with views built on them).
    const QList<View> views = viewsOver(before, op.table, op.columnName);
    if (!views.isEmpty()) {
        QStringList names;
        for (const View &v : views)
            names << w.id(v.name);
        body << QStringLiteral("DROP VIEW IF EXISTS %1;").arg(join(names, ", "));
    }
    body << QStringLiteral("ALTER TABLE %1 DROP COLUMN %2;").arg(t, c)
         << QStringLiteral("ALTER TABLE %1 RENAME COLUMN %2 TO %3;").arg(t, s, c);
    for (const View &v : views)
        body << QStringLiteral("CREATE VIEW %1 AS %2;").arg(w.id(v.name), v.definition);
    body += swap;
    body += renames;
    body += attaches;
    if (identity == Column::Identity::ByDefault || identity == Column::Identity::AutoIncrement
        || identity == Column::Identity::Always) {
        body << QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 ADD GENERATED %3 AS IDENTITY;")
                    .arg(t, c, identity == Column::Identity::Always ? QStringLiteral("ALWAYS") : QStringLiteral("BY DEFAULT"))
             << QStringLiteral("%1 := GREATEST(%1, (SELECT max(%2) FROM %3));").arg(NextId, c, t)
             << ifThen(NextId + QStringLiteral(" IS NOT NULL"),
                       QStringLiteral("PERFORM pg_catalog.setval(pg_catalog.pg_get_serial_sequence(%1, %2), %3);")
                           .arg(w.str(t), w.str(op.columnName), NextId));
    } else if (identity == Column::Identity::Sequence) {
        // A serial made bigint needs a bigint sequence: `AS integer` would still stop at 2^31.
        const QString sequenceType = sequenceTypeFor(w.type(swapped.type));
        QString alter = QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2.%3;").arg(w.id(sequence), t, c);
        if (!sequenceType.isEmpty())
            alter = QStringLiteral("ALTER SEQUENCE %1 AS %2;\n").arg(w.id(sequence), sequenceType) + alter;
        body << QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 SET DEFAULT %3;").arg(t, c, w.sequenceDefault(op.table, swapped))
             << ifThen(QStringLiteral("%1 IS NOT NULL").arg(w.regclass(sequence)), alter);
    } else if (swapped.hasDefault() && !swapped.generated) {
        body << QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 SET DEFAULT %3;").arg(t, c, swapped.defaultValue);
    }
    if (swapped.comment != shadow->comment || !swapped.comment.isEmpty())
        body << w.commentOn(op.table, op.columnName, swapped.comment);

    QStringList all = prepare;
    all << w.note(QStringLiteral("One statement, one transaction: the old column and the shadow trade places at once;\n"
                                 "a rerun finds no shadow and does nothing."))
        << doBlock(ifThen(shadowExists, join(body, "\n")), declare)
        << QStringLiteral("DROP FUNCTION IF EXISTS %1();").arg(w.id(PostgresDialect::syncFunctionName(op.table, op.newName)));
    return join(all, "\n");
}

} // namespace

OpScript PostgresDialect::script(const SchemaOp &op, const Schema &before, const Policy &policy) const
{
    using Type = SchemaOp::Type;
    const Writer w(*this, policy);
    const QString table = w.id(op.table);
    const Table *current = before.table(op.table);
    OpScript out;
    auto unit = [&out](const QString &sql, bool transactional = true, bool userSql = false) {
        ScriptUnit u;
        u.sql = sql;
        u.transactional = transactional;
        u.userSql = userSql;
        out.units.append(u);
    };
    // The op cannot run on PostgreSQL: its file raises the reason and changes nothing.
    auto refuse = [&](const QString &reason) {
        out.offline = true;
        out.offlineReason = QStringLiteral("refused: ") + reason;
        unit(doBlock(QStringLiteral("RAISE EXCEPTION '%', %1;").arg(w.str(QStringLiteral("Tideline cannot generate this step for PostgreSQL: ") + reason))));
    };

    switch (op.type) {
    case Type::AddColumn: {
        // A volatile default is computed for every row: the table is rewritten under lock.
        out.route = isVolatileDefault(op.column.defaultValue) ? Route::Blocking : Route::Instant;
        const Column &c = op.column;
        QString sql;
        const bool sequenceBacked = c.identity && c.effectiveIdentity() == Column::Identity::Sequence;
        if (sequenceBacked) {
            Table alone;
            alone.name = op.table;
            alone.columns = {c};
            for (const Sequence &s : impliedSequences(alone, before.sequences))
                sql += createSequence(w, s) + QLatin1Char('\n');
        }
        const QString add = QStringLiteral("ALTER TABLE IF EXISTS %1 ADD COLUMN IF NOT EXISTS %2;").arg(table, w.columnDdl(op.table, c));
        const QString converted = current ? shadowOf(*current, c) : QString();
        if (converted.isEmpty())
            sql += add;
        else
            sql += w.note(QStringLiteral("Not once %1 has the new type: its swap ran, the shadow is gone for good.").arg(converted))
                   + QLatin1Char('\n') + doBlock(ifThen(QStringLiteral("NOT ") + w.hasType(op.table, converted, c.type), add));
        if (sequenceBacked) {
            const QString sequence = Writer::sequenceOf(op.table, c);
            sql += QLatin1Char('\n')
                   + doBlock(ifThen(w.columnExists(op.table, c.name),
                                    QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2.%3;").arg(w.id(sequence), table, w.id(c.name))));
        }
        if (!c.comment.isEmpty())
            sql += QLatin1Char('\n') + doBlock(ifThen(w.columnExists(op.table, c.name), w.commentOn(op.table, c.name, c.comment)));
        unit(sql);
        if (c.identity || c.generated || isSerialType(c.type)) {
            // Every existing row gets a value computed for it: the table is rewritten under its
            // ACCESS EXCLUSIVE lock.
            out.setOffline(QStringLiteral("adding an identity, serial or generated column rewrites the whole "
                                          "table under an ACCESS EXCLUSIVE lock"));
        }
        break;
    }

    case Type::DropColumn: {
        out.route = Route::Instant;
        // PostgreSQL drops the column's indexes and constraints with it; sync triggers that read
        // or fill it would break every write, and foreign keys of other tables would refuse the
        // drop: those go first, in the same transaction.
        QStringList sql;
        if (current) {
            for (const SyncTrigger &sync : current->syncs) {
                if (sync.target == op.columnName || sync.sources.contains(op.columnName)
                    || (!sync.expression.isEmpty() && Carry::mentions(sync.expression, op.columnName)))
                    sql << w.dropSync(op.table, sync.target);
            }
        }
        for (const auto &[child, fk] : before.referencing(op.table, op.columnName)) {
            if (child != op.table)
                sql << QStringLiteral("ALTER TABLE IF EXISTS %1 DROP CONSTRAINT IF EXISTS %2;")
                           .arg(w.id(child), w.id(Writer::constraintName(child, fk)));
        }
        sql << QStringLiteral("ALTER TABLE IF EXISTS %1 DROP COLUMN IF EXISTS %2;").arg(table, w.id(op.columnName));
        unit(join(sql, "\n"));
        break;
    }

    case Type::SetNotNull:
        out.route = Route::Online;
        // Not transactional: the NOT VALID add (ACCESS EXCLUSIVE, instant) must commit before the
        // validating scan, which then only takes SHARE UPDATE EXCLUSIVE.
        unit(setNotNullOnline(w, op.table, op.columnName), false);
        break;

    case Type::DropNotNull:
        out.route = Route::Instant;
        unit(nullability(w, op.table, op.columnName, true));
        break;

    case Type::CreateTable: {
        out.route = Route::Instant;
        // A new table is empty: plain index builds and validated constraints cost nothing here.
        const Table &t = op.newTable;
        QStringList sql;
        for (const Sequence &s : impliedSequences(t, before.sequences))
            sql << createSequence(w, s);
        sql << w.createTable(t);
        for (const QStringList &part : tableExtras(w, t))
            sql += part;
        unit(join(sql, "\n"));
        break;
    }

    case Type::AddConstraint: {
        out.route = Route::Online;
        out.buildsIndex = current && (op.constraint.kind == Kind::Unique || op.constraint.kind == Kind::PrimaryKey);
        const Constraint &c = op.constraint;
        const QString name = Writer::constraintName(op.table, c);
        if (c.kind == Kind::Check || c.kind == Kind::ForeignKey) {
            // NOT VALID is instant; VALIDATE scans under a lock that lets reads and writes go on.
            unit(w.addConstraintGuarded(op.table, c, true, Writer::constraintColumns(current, c)) + QLatin1Char('\n')
                     + w.validateGuarded(op.table, name),
                 false, c.kind == Kind::Check);
            break;
        }
        // Unique and primary keys: build the index online, then attach it (instant). A primary
        // key's columns become NOT NULL first, the online way, so the attach scans nothing.
        QStringList sql;
        if (c.kind == Kind::PrimaryKey) {
            for (const QString &column : c.columns) {
                const Column *col = current ? current->column(column) : nullptr;
                if (!col || col->nullable)
                    sql << setNotNullOnline(w, op.table, column);
            }
        }
        Index key;
        key.name = name;
        key.unique = true;
        key.columns = c.columns;
        sql << (current ? w.createIndexOnline(*current, key, name)
                        : w.note(QStringLiteral("The plan's state has no table %1.").arg(op.table)));
        if (c.kind == Kind::PrimaryKey && current && !current->primaryKey.isEmpty()) {
            // A new primary key replaces the old one: one ALTER drops it and attaches the index
            // built above, so no moment passes without a key.
            const QString old = Writer::constraintName(op.table, Writer::primaryKey(*current));
            sql << w.note(QStringLiteral("Replaces primary key %1 in the same statement.").arg(old))
                << doBlock(ifThen(QStringLiteral("NOT %1 AND %2 IS NOT NULL").arg(w.constraintExists(op.table, name), w.regclass(name)),
                                  QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2,\n"
                                                 "    ADD CONSTRAINT %3 PRIMARY KEY USING INDEX %3%4;")
                                      .arg(table, w.id(old), w.id(name), Writer::deferral(c))));
        } else {
            sql << w.attachUnique(op.table, c, name);
        }
        unit(join(sql, "\n"), false);
        break;
    }

    case Type::AddIndex: {
        out.route = Route::Online;
        out.buildsIndex = current != nullptr;
        const QString name = Writer::indexName(op.table, op.index);
        // An expression or a WHERE clause is the plan's own SQL.
        unit(current ? w.createIndexOnline(*current, op.index, name)
                     : w.note(QStringLiteral("The plan's state has no table %1.").arg(op.table)),
             false, !op.index.where.isEmpty() || (current && hasExpression(*current, op.index)));
        break;
    }

    case Type::DropIndex:
        out.route = Route::Online;
        // Not transactional: DROP INDEX CONCURRENTLY waits for running queries instead of
        // blocking them behind an ACCESS EXCLUSIVE lock.
        unit(QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS %1;").arg(w.id(Writer::indexName(op.table, op.index))),
             false);
        break;

    case Type::DropConstraint:
        out.route = Route::Instant;
        unit(QStringLiteral("ALTER TABLE IF EXISTS %1 DROP CONSTRAINT IF EXISTS %2;")
                 .arg(table, w.id(Writer::constraintName(op.table, op.constraint))));
        break;

    case Type::SetDefault:
        out.route = Route::Instant;
        unit(alterColumnGuarded(w, op.table, op.columnName, QStringLiteral("SET DEFAULT ") + op.value));
        break;

    case Type::DropDefault:
        out.route = Route::Instant;
        unit(alterColumnGuarded(w, op.table, op.columnName, QStringLiteral("DROP DEFAULT")));
        break;

    case Type::SetComment:
        out.route = Route::Instant;
        unit(doBlock(ifThen(op.columnName.isEmpty() ? w.tableExists(op.table) : w.columnExists(op.table, op.columnName),
                            w.commentOn(op.table, op.columnName, op.value))));
        break;

    case Type::DropSyncTrigger:
        out.route = Route::Instant;
        unit(w.dropSync(op.table, op.columnName));
        break;

    case Type::Backfill: {
        out.route = Route::Online;
        QString value;
        bool user = false;
        QStringList needs{op.columnName};
        if (!op.expression.isEmpty()) {
            value = QStringLiteral("(%1)").arg(op.expression);
            user = true;
            if (current)
                needs += mentioned(*current, op.expression);
        } else {
            const Column *target = current ? current->column(op.columnName) : nullptr;
            value = QStringLiteral("CAST(%1 AS %2)")
                        .arg(w.id(op.sourceColumn), castTarget(mapType(target ? target->type : QStringLiteral("text"))));
            needs << op.sourceColumn;
        }
        const QString column = w.id(op.columnName);
        const QString guard = w.columnsExist(op.table, needs);
        const Column *key = Writer::batchKey(current);
        if (!key) {
            unit(w.note(QStringLiteral("%1 has no single-column primary key to batch by: one UPDATE.").arg(op.table))
                     + QLatin1Char('\n')
                     + w.unbatched(guard, QStringLiteral("UPDATE %1 SET %2 = %3 WHERE %2 IS NULL;").arg(table, column, value)),
                 true, user);
            break;
        }
        const QString pending = QStringLiteral("%1 IS NULL").arg(column);
        const QString work = QStringLiteral("UPDATE %1 SET %2 = %3\n WHERE %4 AND %5;")
                                 .arg(table, column, value, pending, w.keyRange(QString(), *key));
        out.batched = true;
        unit(w.batched(*current, *key, guard, pending, work, policy.backfillBatch), false, user);
        break;
    }

    case Type::MoveBackfill: {
        out.route = Route::Online;
        const Table *target = before.table(op.toTable);
        const QString targetId = target && !target->primaryKey.isEmpty() ? target->primaryKey.first()
                                                                          : QStringLiteral("id");
        const QString dst = w.id(op.toTable);
        QStringList srcCols, dstCols, match, anyValue, requiredValues;
        for (auto it = op.mapping.cbegin(); it != op.mapping.cend(); ++it) {
            srcCols << QStringLiteral("src.") + w.id(it.key());
            dstCols << w.id(it.value());
            match << QStringLiteral("found.%1 IS NOT DISTINCT FROM src.%2").arg(w.id(it.value()), w.id(it.key()));
            anyValue << QStringLiteral("src.%1 IS NOT NULL").arg(w.id(it.key()));
            const Column *c = target ? target->column(it.value()) : nullptr;
            if (c && !c->nullable)
                requiredValues << QStringLiteral("src.%1 IS NOT NULL").arg(w.id(it.key()));
        }
        // Rows with nothing to move, or with a NULL the new table refuses, keep a NULL key.
        QString movable = QStringLiteral("src.%1 IS NULL AND (%2)").arg(w.id(op.key), join(anyValue, " OR "));
        if (!requiredValues.isEmpty())
            movable += QStringLiteral(" AND ") + join(requiredValues, " AND ");
        const QString matchText = join(match, "\n   AND ");
        auto work = [&](const QString &range) {
            return w.note(QStringLiteral("Create the rows missing in %1 (equal values: one row) …").arg(op.toTable))
                   + QStringLiteral("\nINSERT INTO %1 (%2)\n"
                                    "SELECT DISTINCT %3 FROM %4 AS src\n"
                                    " WHERE %5%6\n"
                                    "   AND NOT EXISTS (SELECT 1 FROM %1 AS found\n"
                                    "                    WHERE %7);\n")
                         .arg(dst, w.ids(op.mapping.values()), join(srcCols, ", "), table, movable, range, matchText)
                   + w.note(QStringLiteral("… then point every row at its match."))
                   + QStringLiteral("\nUPDATE %1 AS src SET %2 = (SELECT min(found.%3) FROM %4 AS found\n"
                                    "                            WHERE %5)\n"
                                    " WHERE %6%7;")
                         .arg(table, w.id(op.key), w.id(targetId), dst, matchText, movable, range);
        };
        QStringList needs = op.mapping.keys();
        needs << op.key;
        const QString guard = w.columnsExist(op.table, needs) + QStringLiteral(" AND ")
                              + w.columnsExist(op.toTable, QStringList(op.mapping.values()) << targetId);
        const Column *key = Writer::batchKey(current);
        if (!key) {
            unit(w.note(QStringLiteral("%1 has no single-column primary key to batch by: one pass.").arg(op.table))
                     + QLatin1Char('\n') + w.unbatched(guard, work(QString())),
                 true);
            break;
        }
        out.batched = true;
        const QString pending = QStringLiteral("%1 IS NULL").arg(w.id(op.key));
        unit(w.batched(*current, *key, guard, pending,
                       work(QStringLiteral(" AND ") + w.keyRange(QStringLiteral("src."), *key)), policy.backfillBatch),
             false);
        break;
    }

    case Type::AddSyncTrigger: {
        out.route = Route::Instant;
        if (!current) {
            unit(w.note(QStringLiteral("The plan's state has no table %1.").arg(op.table)));
            break;
        }
        unit(w.createSync(*current, op.syncTrigger()), true, !op.expression.isEmpty());
        break;
    }

    case Type::SwapColumn:
        // Shadow keys and indexes are built CONCURRENTLY and copies of constraints validated
        // before the one short transaction that swaps.
        out.route = Route::Online;
        out.buildsIndex = isIndexed(current, op.columnName);
        unit(swapColumn(w, op, before), false);
        break;

    case Type::SetTableOptions:
        // The catalog refuses set_table_options on PostgreSQL (KindSpec::unsupported); a step
        // that reaches here anyway stops before changing anything.
        out.offline = true;
        out.offlineReason = QStringLiteral("PostgreSQL has no storage engines and no per-table character set");
        unit(doBlock(QStringLiteral("RAISE EXCEPTION %1;").arg(quoteString(out.offlineReason))));
        break;

    case Type::RenameIndex: {
        // Instant (a catalog update under a short lock). Nothing when the index has its new name.
        const QString from = Writer::indexName(op.table, op.index), to = limitName(op.newName);
        unit(doBlock(ifThen(QStringLiteral("EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = %1 AND indrelid = %2)\n"
                                           "   AND %3 IS NULL")
                                .arg(w.regclass(from), w.regclass(op.table), w.regclass(to)),
                            QStringLiteral("ALTER INDEX %1 RENAME TO %2;").arg(w.id(from), w.id(to)))));
        break;
    }

    case Type::RenameConstraint: {
        // Instant; a UNIQUE or PRIMARY KEY constraint's index takes the new name with it.
        const QString from = Writer::constraintName(op.table, op.constraint), to = limitName(op.newName);
        unit(doBlock(ifThen(QStringLiteral("%1\n   AND NOT %2").arg(w.constraintExists(op.table, from), w.constraintExists(op.table, to)),
                            QStringLiteral("ALTER TABLE %1 RENAME CONSTRAINT %2 TO %3;").arg(table, w.id(from), w.id(to)))));
        break;
    }

    case Type::CreateEnum:
        unit(createEnum(w, op.enumType));
        break;

    case Type::AddEnumValue: {
        if (!op.table.isEmpty()) {
            refuse(QStringLiteral("%1.%2: PostgreSQL has no enum('…') column type; name the column's enum type "
                                  "with 'enum'")
                       .arg(op.table, op.columnName));
            break;
        }
        // Catalog only, wherever the value goes. Not in a transaction: before PostgreSQL 12 ALTER
        // TYPE … ADD VALUE refuses to run in one, and since then the value cannot be used before
        // the transaction commits. IF NOT EXISTS makes the second run a notice.
        // "Last" is spelled AFTER the last value the plan knows (squawk require-enum-value-ordering):
        // the same place, said where a reader sees it.
        const QStringList values = before.enums.value(op.enumType.name).values;
        QString where;
        if (!op.beforeValue.isEmpty())
            where = QStringLiteral(" BEFORE ") + w.str(op.beforeValue);
        else if (!op.afterValue.isEmpty())
            where = QStringLiteral(" AFTER ") + w.str(op.afterValue);
        else if (!values.isEmpty())
            where = QStringLiteral(" AFTER ") + w.str(values.constLast());
        unit(QStringLiteral("ALTER TYPE %1 ADD VALUE IF NOT EXISTS %2%3;").arg(w.id(op.enumType.name), w.str(op.value), where),
             false);
        break;
    }

    case Type::ReplaceProcedure: {
        const QString definition = op.dialectSql.value(name());
        if (definition.trimmed().isEmpty()) {
            refuse(QStringLiteral("the plan gives no PostgreSQL definition of procedure %1").arg(op.procedure.name));
            break;
        }
        // CREATE OR REPLACE with another argument list makes a second routine beside the old one,
        // and a call that leaves the new parameter out then matches both ("procedure … is not
        // unique"): the old signature goes in the same transaction, so callers meet either the
        // old routine or the new one. Only while the old signature is there (or no routine of
        // that name is): run again, or after a later release changed the procedure, it skips.
        const auto old = before.procedures.constFind(op.procedure.name);
        QStringList types;
        if (old != before.procedures.cend()) {
            for (const Parameter &parameter : old->parameters)
                types << mapType(parameter.type);
        }
        const QString signature = QStringLiteral("%1(%2)").arg(w.id(op.procedure.name), join(types, ", "));
        const QString condition = QStringLiteral("pg_catalog.to_regprocedure(%1) IS NOT NULL OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc "
                                                 "WHERE proname = %2 AND pronamespace = pg_catalog.to_regnamespace(current_schema())::oid)")
                                      .arg(w.str(signature), w.str(op.procedure.name));
        unit(w.note(QStringLiteral("user SQL: the procedure's definition is the plan's own")) + QLatin1Char('\n')
                 + doBlock(ifThen(condition, QStringLiteral("DROP ROUTINE IF EXISTS %1;\nEXECUTE %2;").arg(signature, w.str(definition)))),
             true, true);
        break;
    }

    case Type::RawSql: {
        const QString sql = op.dialectSql.value(name());
        if (sql.trimmed().isEmpty()) {
            refuse(QStringLiteral("the raw SQL step has no PostgreSQL SQL"));
            break;
        }
        const QString guard = op.dialectGuard.value(name()); // trimmed, no final ';' (the kind's)
        if (guard.isEmpty()) {
            unit(w.note(QStringLiteral("user SQL (raw_sql), as the plan gives it. It has no guard: a second run runs it again, so it is re-runnable only as far as the SQL itself is.")) + QLatin1Char('\n') + sql,
                 op.transactional, true);
        } else if (op.transactional) {
            unit(w.note(QStringLiteral("user SQL (raw_sql), as the plan gives it; skipped once its guard returns a row.")) + QLatin1Char('\n')
                     + doBlock(ifThen(QStringLiteral("NOT EXISTS (%1)").arg(guard), QStringLiteral("EXECUTE %1;").arg(w.str(sql)))),
                 true, true);
        } else {
            // A DO block is a transaction: SQL that must run outside one cannot sit in it. The
            // guard is the file's (tideline-cli apply evaluates it); psql runs the SQL every time.
            ScriptUnit u;
            u.sql = w.note(QStringLiteral("user SQL (raw_sql), as the plan gives it. Outside a transaction it cannot be "
                                          "wrapped in its guard: tideline-cli apply skips it once the guard (manifest.json) "
                                          "returns a row; psql runs it every time."))
                    + QLatin1Char('\n') + sql;
            u.guard = guard;
            u.transactional = false;
            u.userSql = true;
            out.units.append(u);
        }
        break;
    }

    case Type::DropTable: {
        // Only the table this file drops: while it has the columns the plan gives it (a later
        // release that makes a table of the same name again keeps it).
        QStringList sql;
        if (current) {
            sql << w.note(QStringLiteral("Only while %1 is the table this file drops (it has its columns).").arg(op.table));
            QStringList drop{QStringLiteral("DROP TABLE %1;").arg(table)};
            for (const SyncTrigger &sync : current->syncs)
                drop << QStringLiteral("DROP FUNCTION IF EXISTS %1();").arg(w.id(PostgresDialect::syncFunctionName(op.table, sync.target)));
            sql << doBlock(ifThen(w.columnsExist(op.table, columnNames(*current)), join(drop, "\n")));
        } else {
            sql << QStringLiteral("DROP TABLE IF EXISTS %1;").arg(table);
        }
        unit(join(sql, "\n"));
        break;
    }

    case Type::RenameTable: {
        // One transaction (a DO block): the old name is a view over the renamed table from the
        // moment the table has its new name. Only while the old name is still a table and the new
        // one is free: a re-run finds the view (or, after the contract, nothing) and does nothing.
        QStringList body{QStringLiteral("ALTER TABLE %1 RENAME TO %2;").arg(table, w.id(op.newName))};
        if (!op.view.name.isEmpty()) {
            View view = op.view;
            view.baseTable = op.newName;
            body << viewSql(w, QStringLiteral("CREATE VIEW"), view);
        }
        const QString condition = QStringLiteral("(SELECT relkind FROM pg_catalog.pg_class WHERE oid = %1) IN ('r', 'p')\n   AND %2 IS NULL")
                                      .arg(w.regclass(op.table), w.regclass(op.newName));
        unit(w.note(op.view.name.isEmpty()
                        ? QStringLiteral("Renamed only while the old name is a table and the new one is free.")
                        : QStringLiteral("One transaction: the table takes its new name and the old name becomes a view over it\n"
                                         "(simple views take inserts, updates and deletes), so versions that use the old name\n"
                                         "keep working. A re-run finds the view, or after the contract nothing, and does nothing."))
             + QLatin1Char('\n') + doBlock(ifThen(condition, join(body, "\n"))));
        break;
    }

    case Type::CreateView: {
        const View &v = op.view;
        const auto existing = before.views.constFind(v.name);
        if (!op.replace || existing == before.views.cend()) {
            unit(doBlock(ifThen(w.regclass(v.name) + QStringLiteral(" IS NULL"), viewSql(w, QStringLiteral("CREATE VIEW"), v))),
                 true, !v.definition.isEmpty());
            break;
        }
        // CREATE OR REPLACE VIEW keeps the view's columns and may add new ones at the end; a new
        // order needs the view made again (in the same transaction). Only while the view has the
        // columns this file expects before or after it: a later release's definition stays.
        const QStringList &was = existing->columns;
        const bool appends = v.columns.mid(0, was.size()) == was;
        const QString work = appends ? viewSql(w, QStringLiteral("CREATE OR REPLACE VIEW"), v)
                                     : QStringLiteral("DROP VIEW %1;\n").arg(w.id(v.name))
                                           + viewSql(w, QStringLiteral("CREATE VIEW"), v);
        unit(w.note(appends ? QStringLiteral("The view keeps its columns in their order and adds the new ones at the end: CREATE OR REPLACE.")
                            : QStringLiteral("The columns change their order, which CREATE OR REPLACE VIEW refuses: the view is made again,\n"
                                             "in one transaction."))
                 + QLatin1Char('\n') + doBlock(ifThen(columnListIn(w, v.name, {was, v.columns}), work)),
             true, !v.definition.isEmpty());
        break;
    }

    case Type::DropView:
        unit(QStringLiteral("DROP VIEW IF EXISTS %1;").arg(w.id(op.view.name)));
        break;
    }
    if (out.route == Route::Undeclared && !out.units.isEmpty())
        out.route = out.offline ? Route::Offline : defaultRoute(op.type);
    return out;
}

QList<ScriptUnit> PostgresDialect::createSchema(const Schema &schema) const
{
    const Policy defaults; // the baseline runs on an empty database: nothing waits long
    const Writer w(*this, defaults);
    QList<ScriptUnit> units;
    auto add = [&units](const QString &sql) {
        ScriptUnit u;
        u.sql = sql;
        units.append(u);
    };
    // Types and sequences first (columns use them), then tables, then what refers to other
    // tables or needs every column: ownership, foreign keys, indexes, comments, triggers, views.
    for (const EnumType &e : schema.enums)
        add(createEnum(w, e));
    QMap<QString, Sequence> sequences = schema.sequences;
    for (const Table &t : schema.tables) {
        for (const Sequence &s : impliedSequences(t, sequences))
            sequences.insert(s.name, s);
    }
    for (const Sequence &s : std::as_const(sequences))
        add(createSequence(w, s));
    for (const Table &t : schema.tables)
        add(w.createTable(t));
    for (const Sequence &s : std::as_const(sequences)) {
        const int dot = int(s.ownedBy.lastIndexOf(QLatin1Char('.')));
        if (dot <= 0)
            continue;
        const QString table = s.ownedBy.left(dot), column = s.ownedBy.mid(dot + 1);
        add(doBlock(ifThen(w.columnExists(table, column),
                           QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2.%3;").arg(w.id(s.name), w.id(table), w.id(column)))));
    }
    QList<QStringList> extras(6);
    for (const Table &t : schema.tables) {
        QList<QStringList> own = tableExtras(w, t);
        for (int i = 1; i < own.size(); ++i) // [0], the serials' ownership, is done above
            extras[i] += own.at(i);
    }
    for (const QStringList &part : std::as_const(extras)) {
        for (const QString &sql : part)
            add(sql);
    }
    // Views after the views they read (the first ready one each time; none ready, a cycle
    // PostgreSQL cannot have: the first by name).
    QList<View> pending = schema.views.values();
    while (!pending.isEmpty()) {
        qsizetype pick = 0;
        for (qsizetype i = 0; i < pending.size(); ++i) {
            const View &v = pending.at(i);
            if (std::none_of(pending.cbegin(), pending.cend(), [&](const View &other) {
                    return other.name != v.name && Carry::mentions(v.definition, other.name);
                })) {
                pick = i;
                break;
            }
        }
        const View v = pending.takeAt(pick);
        if (!v.definition.isEmpty())
            add(QStringLiteral("CREATE OR REPLACE VIEW %1 AS %2;").arg(w.id(v.name), v.definition));
        else if (!v.baseTable.isEmpty())
            add(viewSql(w, QStringLiteral("CREATE OR REPLACE VIEW"), v));
    }
    return units;
}

QStringList PostgresDialect::splitStatements(const QString &sql) const
{
    // PostgreSQL's own scanner: DO bodies, dollar quotes, E'' strings and comments stay whole.
    const QByteArray utf8 = sql.toUtf8();
    const PgQuerySplitResult result = pg_query_split_with_scanner(utf8.constData());
    QStringList statements;
    if (result.error) {
        // Unterminated quote or the like: hand the text over whole, the server names the error.
        pg_query_free_split_result(result);
        const QString whole = sql.trimmed();
        return whole.isEmpty() ? QStringList() : QStringList{whole};
    }
    for (int i = 0; i < result.n_stmts; ++i) {
        const PgQuerySplitStmt *s = result.stmts[i];
        const int length = s->stmt_len > 0 ? s->stmt_len : int(utf8.size()) - s->stmt_location;
        const QString text = QString::fromUtf8(utf8.mid(s->stmt_location, length)).trimmed();
        if (!text.isEmpty())
            statements << text;
    }
    pg_query_free_split_result(result);
    return statements;
}

bool PostgresDialect::isMetadataOnlyTypeChange(const QString &from, const QString &to) const
{
    TypeShape a, b;
    if (!parseType(from, &a) || !parseType(to, &b))
        return false;
    if (a.varchar && b.base == QLatin1String("text"))
        return true;
    if (a.varchar && b.varchar)
        return b.length == -1 || (a.length != -1 && b.length >= a.length);
    // Same scale, more precision: PostgreSQL keeps the stored values.
    if (a.base == QLatin1String("numeric") && b.base == QLatin1String("numeric"))
        return a.scale == b.scale && b.length >= a.length;
    return false;
}

QStringList PostgresDialect::commonTypes() const
{
    return {QStringLiteral("integer"), QStringLiteral("bigint"),  QStringLiteral("smallint"),
            QStringLiteral("numeric(12,2)"), QStringLiteral("boolean"), QStringLiteral("text"),
            QStringLiteral("varchar(255)"), QStringLiteral("date"), QStringLiteral("timestamptz"),
            QStringLiteral("uuid"), QStringLiteral("jsonb")};
}

} // namespace Tideline
