// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqldialect.h"

#include <catalog/carry.h>
#include <engine/compatibility.h>
#include <engine/schemaops.h>
#include <review/sqltext.h>
#include <domain/identifiers.h>

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>

// MySQL 8 (8.0.29+) and MariaDB 10.11. The idioms, and why:
//
// * Guards. MySQL has no ADD COLUMN IF NOT EXISTS and IF only exists inside stored programs,
//   so a guarded statement is built as a string, chosen against information_schema (for
//   table_schema = DATABASE()) or replaced by `DO 0`, and run with PREPARE/EXECUTE. The DDL sits
//   inside a string literal, so it goes through quoteString() once more; the guard and the DDL
//   are built from the same identifiers.
// * The client. Every file runs in the `mysql`/`mariadb` client as it stands: compound
//   statements (the backfill procedure, sync triggers) sit between `DELIMITER $$` and
//   `DELIMITER ;` lines, and splitStatements() (tideline-cli apply) reads DELIMITER the way the
//   client does.
// * Online DDL. ADD COLUMN asks for ALGORITHM=INSTANT (it fails rather than silently copying the
//   table); other column and index changes ask for ALGORITHM=INPLACE, LOCK=NONE (concurrent DML
//   allowed, even where InnoDB rebuilds the table). What MySQL cannot do online (CHECK
//   constraints, expression defaults, FULLTEXT/SPATIAL indexes, AUTO_INCREMENT, a swap that
//   rebuilds keys) is marked offline with the manual's reason; what it cannot do at all (partial
//   indexes, a UNIQUE key on a whole TEXT column) is refused by a statement that stops the client
//   with the reason.
// * Backfills. Plain SQL cannot loop, so a backfill is one temporary stored procedure (DROP IF
//   EXISTS, CREATE, CALL, DROP): a keyset loop over the primary key that fills one batch per
//   statement, each committed on its own under autocommit.
// * Sync triggers are BEFORE INSERT/UPDATE triggers created with IF NOT EXISTS (MySQL 8.0.29+,
//   MariaDB 10.1.4+) so that a re-run never opens a window without the trigger. Their bodies
//   are conditional (SyncTrigger): an insert fills the target only when it is NULL, an update
//   recomputes it only when a source changed and the target did not, compared byte for byte.

namespace Tideline {

namespace {

const QString NoOp = QStringLiteral("DO 0");

/** Literal defaults may be written plainly; anything else needs MySQL's (expression) form. */
bool isLiteral(const QString &value)
{
    static const QRegularExpression literal(QStringLiteral(
        R"(^\s*(-?\d+(\.\d+)?|'([^'\\]|''|\\.)*'|NULL|TRUE|FALSE|CURRENT_TIMESTAMP(\(\d?\))?)\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    return literal.match(value).hasMatch();
}

/** TEXT, BLOB, JSON and geometry columns take only (expression) defaults on MySQL 8. */
bool isLob(const QString &mappedType)
{
    static const QRegularExpression lob(QStringLiteral(
        R"(^(TINY|MEDIUM|LONG)?(TEXT|BLOB)$|^JSON$|^(GEOMETRY|POINT|LINESTRING|POLYGON)$)"),
        QRegularExpression::CaseInsensitiveOption);
    return lob.match(mappedType).hasMatch();
}

/** A column type MySQL indexes only by a prefix (ERROR 1170 without one). */
bool needsPrefix(const QString &mappedType)
{
    static const QRegularExpression text(QStringLiteral(R"(^(TINY|MEDIUM|LONG)?(TEXT|BLOB)\b)"),
                                         QRegularExpression::CaseInsensitiveOption);
    return text.match(mappedType).hasMatch();
}

/** A short, stable, valid object name derived from the objects it belongs to. */
QString derivedName(const QString &prefix, const QStringList &parts)
{
    const QByteArray digest
        = QCryptographicHash::hash(parts.join(QChar(0x1f)).toUtf8(), QCryptographicHash::Sha1)
              .toHex()
              .left(12);
    return prefix + QString::fromLatin1(digest);
}

/** True when @p text names @p column as a word (bare or in backticks). */
bool names(const QString &text, const QString &column)
{
    const QRegularExpression word(QStringLiteral("(^|[^A-Za-z0-9_$])`?%1`?($|[^A-Za-z0-9_$])")
                                      .arg(QRegularExpression::escape(column)));
    return word.match(text).hasMatch();
}

/** The columns of @p table that the SQL expression @p text names. */
QStringList namedColumns(const Table &table, const QString &text)
{
    QStringList columns;
    for (const Column &c : table.columns) {
        if (!text.isEmpty() && names(text, c.name))
            columns << c.name;
    }
    return columns;
}

/** True when @p constraint involves @p column: it lists it, references it on its own table, or
 *  (a CHECK read from a catalog that does not say which columns it uses) names it. */
bool involves(const Constraint &constraint, const QString &table, const QString &column)
{
    if (constraint.columns.contains(column))
        return true;
    if (constraint.kind == Constraint::Kind::ForeignKey)
        return constraint.refTable == table && constraint.refColumns.contains(column);
    if (constraint.kind == Constraint::Kind::Check && constraint.columns.isEmpty())
        return names(constraint.expression, column);
    return false;
}

/** What a foreign key needs equal on both sides: the integer type and sign without display
 *  width, or the kind of string without its length (MySQL manual, FOREIGN KEY Constraints:
 *  "the length of string types need not be the same"). */
QString keyType(const QString &mappedType)
{
    static const QRegularExpression width(QStringLiteral(R"(^(TINYINT|SMALLINT|MEDIUMINT|INT|BIGINT|CHAR|VARCHAR|BINARY|VARBINARY)\(\d+\))"),
                                          QRegularExpression::CaseInsensitiveOption);
    QString t = mappedType.toUpper();
    t.replace(width, QStringLiteral("\\1"));
    return t;
}

} // namespace

QString MySqlDialect::quoteIdentifier(const QString &identifier) const
{
    QString quoted = identifier;
    quoted.replace(QLatin1Char('`'), QStringLiteral("``"));
    return QLatin1Char('`') + quoted + QLatin1Char('`');
}

QString MySqlDialect::quoteString(const QString &text) const
{
    // Backslash is an escape character in MySQL strings (unless the session sets
    // NO_BACKSLASH_ESCAPES, which the scripts assume it does not): doubled it reads as itself.
    // NUL cannot appear raw.
    QString quoted = text;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    quoted.replace(QChar(0), QStringLiteral("\\0"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString MySqlDialect::mapType(const QString &type) const
{
    static const QRegularExpression shape(QStringLiteral(R"(^([a-z][a-z0-9 ]*?)\s*(\(([^)]*)\))?(\[\])?$)"));
    // ENUM and SET (MySQL's own, from a MySQL import) keep their values exactly as written.
    static const QRegularExpression valueList(QStringLiteral(R"(^\s*(enum|set)\s*\()"),
                                              QRegularExpression::CaseInsensitiveOption);
    const auto values = valueList.match(type);
    if (values.hasMatch())
        return values.captured(1).toUpper() + type.mid(values.capturedEnd() - 1).trimmed();
    QString t = type.simplified().toLower();
    // MySQL's own UNSIGNED / ZEROFILL (a plan imported from MySQL) stay on whatever the rest
    // maps to.
    static const QRegularExpression signSuffix(QStringLiteral(R"(\s+(unsigned\s+zerofill|unsigned|zerofill)$)"));
    const auto sign = signSuffix.match(t);
    if (sign.hasMatch())
        return mapType(t.left(sign.capturedStart())) + QLatin1Char(' ') + sign.captured(1).toUpper();
    const auto m = shape.match(t);
    if (!m.hasMatch())
        return type;
    const QString base = m.captured(1);
    const QString args = m.captured(3).remove(QLatin1Char(' '));
    const QString withArgs = args.isEmpty() ? QString() : QLatin1Char('(') + args + QLatin1Char(')');
    if (!m.captured(4).isEmpty())
        return QStringLiteral("JSON"); // arrays have no MySQL type; JSON holds them
    if (base == QLatin1String("integer") || base == QLatin1String("int")
        || base == QLatin1String("int4") || base == QLatin1String("serial"))
        return QStringLiteral("INT");
    if (base == QLatin1String("bigint") || base == QLatin1String("int8")
        || base == QLatin1String("bigserial"))
        return QStringLiteral("BIGINT");
    if (base == QLatin1String("smallint") || base == QLatin1String("int2"))
        return QStringLiteral("SMALLINT");
    if (base == QLatin1String("boolean") || base == QLatin1String("bool"))
        return QStringLiteral("TINYINT(1)"); // what BOOLEAN means; the catalog shows it so
    if (base == QLatin1String("varchar") || base == QLatin1String("character varying"))
        return args.isEmpty() ? QStringLiteral("TEXT") : QStringLiteral("VARCHAR") + withArgs;
    if (base == QLatin1String("char") || base == QLatin1String("character")
        || base == QLatin1String("bpchar"))
        return QStringLiteral("CHAR") + (args.isEmpty() ? QStringLiteral("(1)") : withArgs);
    if (base == QLatin1String("text"))
        return QStringLiteral("TEXT"); // 64 KiB; plans that need more say longtext
    if (base == QLatin1String("numeric") || base == QLatin1String("decimal"))
        return QStringLiteral("DECIMAL") + withArgs;
    if (base == QLatin1String("real") || base == QLatin1String("float4"))
        return QStringLiteral("FLOAT");
    if (base == QLatin1String("double precision") || base == QLatin1String("float8")
        || base == QLatin1String("double") || base == QLatin1String("float"))
        return QStringLiteral("DOUBLE");
    // DATETIME keeps what was written (no session time-zone conversion, no 2038 limit);
    // (6) keeps PostgreSQL's microseconds. timestamptz values are stored as given (UTC by
    // convention), since MySQL has no zone-aware type.
    // A timestamp with its precision written, timestamp(0) … timestamp(6), is MySQL's own
    // TIMESTAMP (what planType() makes of it: a plan imported from MySQL keeps the type).
    if (base == QLatin1String("timestamp") && !args.isEmpty())
        return QStringLiteral("TIMESTAMP") + withArgs;
    if (base == QLatin1String("timestamp") || base == QLatin1String("timestamptz")
        || base == QLatin1String("timestamp without time zone")
        || base == QLatin1String("timestamp with time zone"))
        return QStringLiteral("DATETIME") + (args.isEmpty() ? QStringLiteral("(6)") : withArgs);
    // MySQL's own DATETIME (a plan imported from MySQL) means whole seconds, as there.
    if (base == QLatin1String("datetime"))
        return QStringLiteral("DATETIME") + withArgs;
    if (base == QLatin1String("date"))
        return QStringLiteral("DATE");
    if (base == QLatin1String("time") || base == QLatin1String("time without time zone"))
        return QStringLiteral("TIME") + (args.isEmpty() ? QStringLiteral("(6)") : withArgs);
    if (base == QLatin1String("uuid"))
        return QStringLiteral("CHAR(36)");
    if (base == QLatin1String("json") || base == QLatin1String("jsonb"))
        return QStringLiteral("JSON");
    if (base == QLatin1String("bytea"))
        return QStringLiteral("LONGBLOB"); // PostgreSQL's bytea holds up to 1 GB
    if (base == QLatin1String("blob"))
        return QStringLiteral("BLOB");
    if (base == QLatin1String("tinyint") || base == QLatin1String("mediumint")
        || base == QLatin1String("longtext") || base == QLatin1String("mediumtext")
        || base == QLatin1String("tinytext") || base == QLatin1String("longblob")
        || base == QLatin1String("mediumblob") || base == QLatin1String("tinyblob")
        || base == QLatin1String("varbinary") || base == QLatin1String("geometry")
        || base == QLatin1String("point") || base == QLatin1String("linestring")
        || base == QLatin1String("polygon")
        || base == QLatin1String("binary") || base == QLatin1String("enum")
        || base == QLatin1String("set") || base == QLatin1String("year")
        || base == QLatin1String("bit"))
        return base.toUpper() + withArgs; // already MySQL's own
    return type;
}

/**
 * column_type back to the spelling plans use: int(11) -> integer, decimal -> numeric,
 * datetime(6) -> timestamp (what MySqlDialect::mapType() makes of them). Whatever has no plan
 * spelling stays MySQL's own (mediumint, datetime, longtext) and UNSIGNED stays on: the
 * baseline built from an import must create the same columns again.
 */
QString MySqlDialect::planType(const QString &columnType)
{
    // ENUM and SET values are data: their case and spaces stay as the server has them.
    static const QRegularExpression valueList(QStringLiteral(R"(^(enum|set)\()"), QRegularExpression::CaseInsensitiveOption);
    if (valueList.match(columnType.trimmed()).hasMatch())
        return columnType.trimmed();
    QString t = columnType.trimmed().toLower();
    if (t == QLatin1String("tinyint(1)"))
        return QStringLiteral("boolean");
    static const QRegularExpression unsignedSuffix(QStringLiteral(R"(\s+unsigned(\s+zerofill)?$)"));
    const auto sign = unsignedSuffix.match(t);
    if (sign.hasMatch())
        return MySqlDialect::planType(t.left(sign.capturedStart())) + sign.captured(0);
    static const QRegularExpression integer(QStringLiteral(R"(^int(\(\d+\))?$)"));
    static const QRegularExpression bigint(QStringLiteral(R"(^bigint(\(\d+\))?$)"));
    static const QRegularExpression smallint(QStringLiteral(R"(^smallint(\(\d+\))?$)"));
    if (integer.match(t).hasMatch())
        return QStringLiteral("integer");
    if (bigint.match(t).hasMatch())
        return QStringLiteral("bigint");
    if (smallint.match(t).hasMatch())
        return QStringLiteral("smallint");
    if (t.startsWith(QLatin1String("decimal")))
        return QStringLiteral("numeric") + t.mid(7);
    if (t == QLatin1String("datetime(6)"))
        return QStringLiteral("timestamp");
    // MySQL's TIMESTAMP keeps its precision written, so that mapType() gives TIMESTAMP back
    // rather than the DATETIME(6) a plan's bare timestamp becomes.
    if (t == QLatin1String("timestamp"))
        return QStringLiteral("timestamp(0)");
    if (t == QLatin1String("double"))
        return QStringLiteral("double precision");
    if (t == QLatin1String("float"))
        return QStringLiteral("real");
    return t;
}

QString MySqlDialect::preamble(const Policy &, Phase phase) const
{
    // DDL waits for a metadata lock behind any open transaction, and everything queued behind
    // it waits too; the default wait is a year. Fail fast instead and let the operator re-run.
    if (phase == Phase::Backfill)
        return {};
    return QStringLiteral("SET SESSION lock_wait_timeout = 10;\n");
}

QString MySqlDialect::runNote(bool, const QString &) const
{
    // MySQL commits every DDL statement on its own (no transactional DDL), so no file is one
    // transaction, whatever the manifest's "transactional" says of the statements in it.
    return QStringLiteral(
        "Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);\n"
        "the DELIMITER lines are for that client. MySQL commits each statement on its own, so a\n"
        "file stopped by an error keeps what ran before it; run the whole file again once the\n"
        "cause is fixed.\n"
        "Re-runnable: every statement checks the catalog first, so running it again changes nothing.\n"
        "Run again after a later release dropped a column its sync trigger reads, it stops at that\n"
        "CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one\n"
        "conditionally) before changing anything.");
}

QString MySqlDialect::table(const QString &name) const
{
    return quoteIdentifier(name);
}

QString MySqlDialect::columnType(const Column &column, const Schema &schema) const
{
    // A PostgreSQL enum type (a plan from PostgreSQL) becomes MySQL's ENUM column type.
    if (const auto e = schema.enums.constFind(column.type); e != schema.enums.cend()) {
        QStringList values;
        for (const QString &v : e->values)
            values << quoteString(v);
        return QStringLiteral("ENUM(%1)").arg(values.join(QStringLiteral(",")));
    }
    return mapType(column.type);
}

QString MySqlDialect::columnDefinition(const Column &column, const Schema &schema) const
{
    const QString type = columnType(column, schema);
    QString sql = quoteIdentifier(column.name) + QLatin1Char(' ') + type;
    if (!column.charset.isEmpty())
        sql += QStringLiteral(" CHARACTER SET ") + column.charset;
    if (!column.collation.isEmpty())
        sql += QStringLiteral(" COLLATE ") + column.collation;
    if (column.generated && !column.generatedExpression.isEmpty()) {
        // MariaDB refuses NULL/NOT NULL on a generated column; MySQL defaults to NULL too.
        sql += QStringLiteral(" GENERATED ALWAYS AS (%1) %2")
                   .arg(column.generatedExpression.trimmed(),
                        column.generatedStored ? QStringLiteral("STORED") : QStringLiteral("VIRTUAL"));
    } else {
        sql += column.nullable && !column.identity ? QStringLiteral(" NULL") : QStringLiteral(" NOT NULL");
        // An identity's default (PostgreSQL's nextval()) is what AUTO_INCREMENT does here.
        if (column.hasDefault() && !column.identity) {
            if (isLiteral(column.defaultValue) && !isLob(type))
                sql += QStringLiteral(" DEFAULT ") + column.defaultValue.trimmed();
            else
                sql += QStringLiteral(" DEFAULT (") + column.defaultValue.trimmed() + QLatin1Char(')');
        }
        if (column.identity)
            sql += QStringLiteral(" AUTO_INCREMENT");
    }
    if (!column.comment.isEmpty())
        sql += QStringLiteral(" COMMENT ") + quoteString(column.comment);
    return sql;
}

QString MySqlDialect::keyParts(const Table &t, const Index &index, bool unique, QString *refusal) const
{
    QStringList parts;
    for (int i = 0; i < index.columns.size(); ++i) {
        const QString &entry = index.columns.at(i);
        const Column *c = t.column(entry);
        QString part;
        if (!c) {
            part = QLatin1Char('(') + entry + QLatin1Char(')'); // an expression (MySQL 8.0.13+)
        } else {
            part = quoteIdentifier(entry);
            int length = index.length(i);
            if (length == 0 && needsPrefix(mapType(c->type)) && index.method.compare(QLatin1String("fulltext"), Qt::CaseInsensitive) != 0) {
                // MySQL indexes TEXT/BLOB only by a prefix (ERROR 1170). For a plain index a
                // prefix only makes lookups less selective; for a unique key it would make
                // values that share the prefix collide, so that is refused.
                if (unique) {
                    *refusal = QStringLiteral(
                        "MySQL cannot make %1 unique on the whole of %2.%3 (a %4 column: ERROR 1170, a key "
                        "needs a prefix length) and a prefix would refuse distinct values that share it; "
                        "change the column to VARCHAR first")
                                   .arg(index.name, t.name, entry, mapType(c->type));
                    return {};
                }
                length = TextKeyPrefix;
            }
            if (length > 0)
                part += QStringLiteral("(%1)").arg(length);
        }
        if (index.isDescending(i))
            part += QStringLiteral(" DESC");
        parts << part;
    }
    return parts.join(QStringLiteral(", "));
}

QString MySqlDialect::indexDefinition(const Table &t, const Index &index, QString *refusal) const
{
    if (!index.where.isEmpty()) {
        *refusal = QStringLiteral("MySQL has no partial indexes: %1 on %2 covers only rows WHERE %3")
                       .arg(index.name, t.name, index.where);
        return {};
    }
    const QString method = index.method.toLower();
    const QString kind = method == QLatin1String("fulltext") ? QStringLiteral("FULLTEXT ")
                         : method == QLatin1String("spatial") ? QStringLiteral("SPATIAL ")
                         : index.unique                       ? QStringLiteral("UNIQUE ")
                                                              : QString();
    const QString parts = keyParts(t, index, index.unique, refusal);
    if (!refusal->isEmpty())
        return {};
    QStringList key{parts};
    // INCLUDE columns have no MySQL form; as trailing key columns the index still covers them.
    for (const QString &c : index.include)
        key << quoteIdentifier(c);
    QString sql = QStringLiteral("%1INDEX %2 (%3)").arg(kind, quoteIdentifier(index.name), key.join(QStringLiteral(", ")));
    if (index.unique)
        sql += QStringLiteral(" COMMENT ") + quoteString(uniqueIndexMarker());
    return sql;
}

QString MySqlDialect::constraintDefinition(const Constraint &c, const Table *t, QString *refusal) const
{
    QStringList cols;
    for (const QString &col : c.columns)
        cols << quoteIdentifier(col);
    const QString name
        = c.name.isEmpty() ? QString() : QStringLiteral("CONSTRAINT ") + quoteIdentifier(c.name) + QLatin1Char(' ');
    switch (c.kind) {
    case Constraint::Kind::PrimaryKey:
    case Constraint::Kind::Unique: {
        QString parts = cols.join(QStringLiteral(", "));
        if (t) {
            Index key;
            key.name = c.name.isEmpty() ? QStringLiteral("PRIMARY") : c.name;
            key.columns = c.columns;
            parts = keyParts(*t, key, true, refusal);
            if (!refusal->isEmpty())
                return {};
        }
        if (c.kind == Constraint::Kind::PrimaryKey)
            return QStringLiteral("PRIMARY KEY (%1)").arg(parts);
        return name + QStringLiteral("UNIQUE (%1)").arg(parts);
    }
    case Constraint::Kind::Check:
        return name + QStringLiteral("CHECK (%1)").arg(c.expression);
    case Constraint::Kind::ForeignKey: {
        QStringList refs;
        for (const QString &col : c.refColumns)
            refs << quoteIdentifier(col);
        QString sql = name
                      + QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
                            .arg(cols.join(QStringLiteral(", ")), table(c.refTable), refs.join(QStringLiteral(", ")));
        QString action;
        if (Constraint::normalizeAction(c.onDelete, &action) && !action.isEmpty())
            sql += QStringLiteral(" ON DELETE ") + action;
        if (Constraint::normalizeAction(c.onUpdate, &action) && !action.isEmpty())
            sql += QStringLiteral(" ON UPDATE ") + action;
        return sql;
    }
    }
    return {};
}

QString MySqlDialect::guarded(const QString &exists, bool runWhenExists, const QString &ddl) const
{
    return guardedIf((runWhenExists ? QStringLiteral("EXISTS (%1)") : QStringLiteral("NOT EXISTS (%1)")).arg(exists), ddl);
}

QString MySqlDialect::guardedIf(const QString &condition, const QString &ddl) const
{
    return QStringLiteral("SET @tideline_sql = IF(%1,\n    %2,\n    %3);\n"
                          "PREPARE tideline_stmt FROM @tideline_sql;\n"
                          "EXECUTE tideline_stmt;\n"
                          "DEALLOCATE PREPARE tideline_stmt;\n")
        .arg(condition, quoteString(ddl), quoteString(NoOp));
}

QString MySqlDialect::compound(const QStringList &statements) const
{
    // The client ends a statement at the delimiter outside quotes and comments; one that
    // appears nowhere in the text cannot end a body early even so.
    const QString all = statements.join(QLatin1Char('\n'));
    QString delimiter = QStringLiteral("$$");
    for (int i = 1; all.contains(delimiter); ++i)
        delimiter = QStringLiteral("$tideline%1$").arg(i);
    QString sql = QStringLiteral("DELIMITER ") + delimiter + QLatin1Char('\n');
    for (const QString &statement : statements)
        sql += statement.trimmed() + delimiter + QLatin1Char('\n');
    return sql + QStringLiteral("DELIMITER ;\n");
}

ScriptUnit MySqlDialect::refusal(const QString &reason) const
{
    // SIGNAL works outside stored programs in MariaDB but not in MySQL: a procedure raises it.
    const QString procedure = quoteIdentifier(QStringLiteral("tideline_refuse"));
    QString message = QStringLiteral("Tideline refuses this step: ") + reason;
    if (message.size() > 128) // MESSAGE_TEXT holds 128 characters; the comment has it all
        message = message.left(125) + QStringLiteral("...");
    ScriptUnit u;
    u.sql = comment(QStringLiteral("REFUSED: ") + reason) + QLatin1Char('\n')
            + QStringLiteral("DROP PROCEDURE IF EXISTS %1;\n").arg(procedure)
            + compound({QStringLiteral("CREATE PROCEDURE %1()\nBEGIN\n    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = %2;\nEND")
                            .arg(procedure, quoteString(message))})
            + QStringLiteral("CALL %1();\n").arg(procedure);
    u.transactional = false;
    return u;
}

QString MySqlDialect::columnExists(const QString &tableName, const QString &column,
                                   const QString &extra) const
{
    return QStringLiteral("SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() "
                          "AND table_name = %1 AND column_name = %2%3")
        .arg(quoteString(tableName), quoteString(column), extra);
}

/** A query that returns a row when @p column of @p tableName has the MySQL type @p mapped:
 *  its base type, and its length or precision and scale where @p mapped gives them (the
 *  catalog's column_type spelling differs between MySQL and MariaDB, int vs int(11)). */
QString MySqlDialect::hasType(const QString &tableName, const QString &column, const QString &mapped) const
{
    static const QRegularExpression shape(QStringLiteral(R"(^\s*([A-Za-z]+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?)"));
    const QRegularExpressionMatch m = shape.match(mapped);
    QString extra = QStringLiteral(" AND data_type = %1").arg(quoteString(m.captured(1).toLower()));
    const QString base = m.captured(1).toLower();
    if (!m.captured(2).isEmpty()) {
        if (base == QLatin1String("decimal") || base == QLatin1String("numeric"))
            extra += QStringLiteral(" AND numeric_precision = %1 AND numeric_scale = %2")
                         .arg(m.captured(2), m.captured(3).isEmpty() ? QStringLiteral("0") : m.captured(3));
        else if (base.contains(QLatin1String("char")) || base.contains(QLatin1String("binary")))
            extra += QStringLiteral(" AND character_maximum_length = %1").arg(m.captured(2));
    }
    return columnExists(tableName, column, extra);
}

QString MySqlDialect::orphanCheck(const QString &tableName, const Constraint &fk, const Schema &before) const
{
    const Table *parent = before.table(fk.refTable);
    const QStringList refs = fk.refColumns.isEmpty() && parent ? parent->primaryKey : fk.refColumns;
    QStringList present, filled, match;
    for (const QString &c : fk.columns) {
        present << QStringLiteral("EXISTS (%1)").arg(columnExists(tableName, c));
        filled << QStringLiteral("tideline_child.%1 IS NOT NULL").arg(quoteIdentifier(c));
    }
    for (int i = 0; i < refs.size(); ++i) {
        present << QStringLiteral("EXISTS (%1)").arg(columnExists(fk.refTable, refs.at(i)));
        match << QStringLiteral("tideline_parent.%1 = tideline_child.%2")
                     .arg(quoteIdentifier(refs.at(i)), quoteIdentifier(fk.columns.value(i)));
    }
    QString message = QStringLiteral("Tideline: rows of %1 have no parent in %2; add them or fix them before key %3")
                          .arg(tableName, fk.refTable, fk.name);
    if (message.size() > 128) // MESSAGE_TEXT holds 128 characters
        message = message.left(125) + QStringLiteral("...");
    const QString procedure = quoteIdentifier(QStringLiteral("tideline_orphans"));
    // The inner IF runs only when the columns exist: a re-run after a later release dropped
    // one must not fail on the scan it no longer needs.
    return comment(QStringLiteral("Existing rows must satisfy foreign key %1: the key below is added without a check.").arg(fk.name))
           + QLatin1Char('\n') + QStringLiteral("DROP PROCEDURE IF EXISTS %1;\n").arg(procedure)
           + compound({QStringLiteral("CREATE PROCEDURE %1()\n"
                                      "BEGIN\n"
                                      "    IF NOT EXISTS (%2)\n"
                                      "       AND %3 THEN\n"
                                      "        IF EXISTS (SELECT 1 FROM %4 AS tideline_child WHERE %5\n"
                                      "                   AND NOT EXISTS (SELECT 1 FROM %6 AS tideline_parent WHERE %7)) THEN\n"
                                      "            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = %8;\n"
                                      "        END IF;\n"
                                      "    END IF;\n"
                                      "END")
                           .arg(procedure, constraintExists(tableName, fk.name, QStringLiteral("FOREIGN KEY")),
                                present.join(QStringLiteral("\n       AND ")), table(tableName),
                                filled.join(QStringLiteral(" AND ")), table(fk.refTable),
                                match.join(QStringLiteral(" AND ")), quoteString(message))})
           + QStringLiteral("CALL %1();\nDROP PROCEDURE IF EXISTS %1;\n").arg(procedure);
}

QString MySqlDialect::constraintExists(const QString &tableName, const QString &name,
                                       const QString &type) const
{
    return QStringLiteral("SELECT 1 FROM information_schema.table_constraints WHERE "
                          "constraint_schema = DATABASE() AND table_name = %1 AND constraint_name = %2 "
                          "AND constraint_type = %3")
        .arg(quoteString(tableName), quoteString(name), quoteString(type));
}

QString MySqlDialect::indexExists(const QString &tableName, const QString &name) const
{
    return QStringLiteral("SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() "
                          "AND table_name = %1 AND index_name = %2")
        .arg(quoteString(tableName), quoteString(name));
}

QString MySqlDialect::triggerName(const Table &t, const SyncTrigger &sync, const QString &event) const
{
    // From everything the trigger does: a sync of the same column that computes something else
    // is another trigger (CREATE TRIGGER IF NOT EXISTS would keep the old one).
    return derivedName(QStringLiteral("tideline_sync_"),
                       QStringList{t.name, sync.target, sync.sourceColumn, sync.expression} + sync.sources)
           + QLatin1Char('_') + event;
}

QString MySqlDialect::syncTriggers(const Table &t, const SyncTrigger &sync) const
{
    const QString target = quoteIdentifier(sync.target);
    QString value;
    if (sync.expression.isEmpty()) {
        // Assignment converts as ALTER TABLE ... MODIFY would (and fails in strict mode where
        // it could not), which is what the new column stands in for.
        value = QStringLiteral("NEW.") + quoteIdentifier(sync.sourceColumn);
    } else {
        // The expression names columns bare; a one-row derived table over NEW gives it those
        // names, so user SQL needs no rewriting.
        // Only the columns the expression reads: MySQL resolves NEW.<column> when the trigger is
        // created, so a column another refactoring drops later must not be named here.
        QStringList row;
        for (const Column &c : t.columns) {
            if (c.name != sync.target && (sync.sources.contains(c.name) || Carry::mentions(sync.expression, c.name)))
                row << QStringLiteral("NEW.%1 AS %1").arg(quoteIdentifier(c.name));
        }
        value = QStringLiteral("(SELECT %1 FROM (SELECT %2) AS tideline_row)")
                    .arg(sync.expression, row.join(QStringLiteral(", ")));
    }
    // BEFORE INSERT cannot see the value AUTO_INCREMENT will give (NEW holds 0 or NULL): such a
    // row is left NULL, for the backfill or the swap's last pass, rather than filled with 0.
    QStringList insert{QStringLiteral("NEW.%1 IS NULL").arg(target)};
    QStringList changed;
    for (const QString &source : sync.sources) {
        const QString s = quoteIdentifier(source);
        const Column *c = t.column(source);
        if (c && c->identity)
            insert << QStringLiteral("NEW.%1 IS NOT NULL AND NEW.%1 <> 0").arg(s);
        // Byte for byte: under a case-insensitive collation 'ada' = 'ADA'.
        changed << QStringLiteral("CAST(NEW.%1 AS BINARY) <=> CAST(OLD.%1 AS BINARY)").arg(s);
    }
    const QString update = QStringLiteral("CAST(NEW.%1 AS BINARY) <=> CAST(OLD.%1 AS BINARY) AND NOT (%2)")
                               .arg(target, changed.join(QStringLiteral(" AND ")));
    QStringList statements;
    for (const auto &[event, condition] : {std::pair{QStringLiteral("INSERT"), insert.join(QStringLiteral(" AND "))},
                                           std::pair{QStringLiteral("UPDATE"), update}}) {
        statements << QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 BEFORE %2 ON %3 FOR EACH ROW\n"
                              "BEGIN\n"
                              "    IF %4 THEN\n"
                              "        SET NEW.%5 = %6;\n"
                              "    END IF;\n"
                              "END")
                   .arg(quoteIdentifier(triggerName(t, sync, event.left(3).toLower())), event,
                        table(t.name), condition, target, value);
    }
    QString out = sync.expression.isEmpty()
                      ? QString()
                      : comment(QStringLiteral("user SQL: the conversion expression is the plan's own")) + QLatin1Char('\n');
    return out + compound(statements);
}

QString MySqlDialect::dropSyncTriggers(const Table &t, const SyncTrigger &sync) const
{
    QString sql;
    for (const QString &event : {QStringLiteral("ins"), QStringLiteral("upd")})
        sql += QStringLiteral("DROP TRIGGER IF EXISTS %1;\n").arg(quoteIdentifier(triggerName(t, sync, event)));
    return sql;
}

/** Keyset loop over the single-column primary key of @p t, @p batch keys at a time. The body
 *  is not indented: it may hold user literals, which must reach the server byte for byte. */
bool MySqlDialect::hasBatchKey(const Table &t)
{
    return t.primaryKey.size() == 1 && t.column(t.primaryKey.first());
}

QString MySqlDialect::batchProcedure(const Table &t, const QStringList &required, const QString &pending,
                                     const QString &body, int batch) const
{
    const QString procedure = quoteIdentifier(QStringLiteral("tideline_backfill"));
    const Column *key = hasBatchKey(t) ? t.column(t.primaryKey.first()) : nullptr;
    QString sql = QStringLiteral("DROP PROCEDURE IF EXISTS %1;\n").arg(procedure);
    // The columns the backfill reads and writes must all be there: a re-run of this release
    // after a later one dropped one of them has nothing left to fill.
    QStringList quoted;
    for (const QString &c : required)
        quoted << quoteString(c);
    const QString present = QStringLiteral("(SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
                                           "AND table_name = %1 AND column_name IN (%2)) = %3")
                                .arg(quoteString(t.name), quoted.join(QStringLiteral(", ")), QString::number(quoted.size()));
    if (!key) {
        // Without a single-column key there is nothing to walk; one statement fills every row.
        sql += compound({QStringLiteral("CREATE PROCEDURE %1()\nBEGIN\n    IF %2 THEN\n%3\n    END IF;\nEND")
                             .arg(procedure, present, QString(body)
                                                          .replace(QStringLiteral("{range}"), QStringLiteral("TRUE"))
                                                          .replace(QStringLiteral("{srange}"), QStringLiteral("TRUE")))});
    } else {
        const QString k = quoteIdentifier(key->name);
        const QString keyType = mapType(key->type);
        // Local variables shadow column names inside a procedure: prefixed names keep clear.
        const QString range = QStringLiteral("(tideline_last IS NULL OR %1 > tideline_last) AND %1 <= tideline_next").arg(k);
        const QString srange = QStringLiteral("(tideline_last IS NULL OR tideline_src.%1 > tideline_last) "
                                              "AND tideline_src.%1 <= tideline_next")
                                   .arg(k);
        QString step = body;
        step.replace(QStringLiteral("{range}"), range);
        step.replace(QStringLiteral("{srange}"), srange);
        sql += compound({QStringLiteral(
                            "CREATE PROCEDURE %1()\n"
                            "tideline_body: BEGIN\n"
                            "    DECLARE tideline_last %2 DEFAULT NULL;\n"
                            "    DECLARE tideline_next %2 DEFAULT NULL;\n"
                            "    IF NOT (%8) THEN\n"
                            "        LEAVE tideline_body;\n"
                            "    END IF;\n"
                            "    batches: LOOP\n"
                            "        SET tideline_next = NULL;\n"
                            "        SELECT MAX(tideline_key) INTO tideline_next FROM (\n"
                            "            SELECT %3 AS tideline_key FROM %4\n"
                            "            WHERE %5 AND (tideline_last IS NULL OR %3 > tideline_last)\n"
                            "            ORDER BY %3 LIMIT %6) AS tideline_batch;\n"
                            "        IF tideline_next IS NULL THEN\n"
                            "            LEAVE batches;\n"
                            "        END IF;\n"
                            "%7\n"
                            "        SET tideline_last = tideline_next;\n"
                            "    END LOOP batches;\n"
                            "END")
                            .arg(procedure, keyType, k, table(t.name), pending, QString::number(batch), step, present)});
    }
    sql += QStringLiteral("CALL %1();\nDROP PROCEDURE IF EXISTS %1;\n").arg(procedure);
    return sql;
}

OpScript MySqlDialect::script(const SchemaOp &op, const Schema &before, const Policy &policy) const
{
    using Type = SchemaOp::Type;
    OpScript out;
    const Table *t = before.table(op.table);
    const QString tbl = table(op.table);
    const QString online = QStringLiteral(", ALGORITHM=INPLACE, LOCK=NONE");
    auto unit = [&](const QString &sql) {
        ScriptUnit u;
        u.sql = sql;
        out.units.append(u);
        return &out.units.last();
    };
    auto refuse = [&](const QString &reason) {
        out.units = {refusal(reason)};
        out.setOffline(QStringLiteral("refused: ") + reason);
        out.buildsIndex = false; // nothing is built
    };
    auto offline = [&](const QString &reason) { out.setOffline(reason); };
    // Drops a foreign key and the index InnoDB made for it (it carries the key's name and is
    // left behind by DROP FOREIGN KEY), unless the schema declares that index itself.
    auto dropForeignKey = [&](const QString &tableName, const QString &name, const QString &onlyIf, bool keepIndex) {
        const Table *owner = before.table(tableName);
        // Another foreign key on the same columns may use that index (InnoDB shares one).
        const Constraint *dropped = owner ? owner->constraint(name) : nullptr;
        if (owner && dropped) {
            for (const Constraint &c : owner->constraints)
                keepIndex = keepIndex || (c.kind == Constraint::Kind::ForeignKey && c.name != name && c.columns == dropped->columns);
        }
        QString sql = guardedIf(QStringLiteral("%1EXISTS (%2)")
                                    .arg(onlyIf.isEmpty() ? QString() : onlyIf + QStringLiteral(" AND "),
                                         constraintExists(tableName, name, QStringLiteral("FOREIGN KEY"))),
                                QStringLiteral("ALTER TABLE %1 DROP FOREIGN KEY %2%3").arg(table(tableName), quoteIdentifier(name), online));
        if (!keepIndex && (!owner || !owner->index(name)))
            sql += guardedIf(QStringLiteral("%1EXISTS (%2) AND NOT EXISTS (%3)")
                                 .arg(onlyIf.isEmpty() ? QString() : onlyIf + QStringLiteral(" AND "),
                                      indexExists(tableName, name),
                                      constraintExists(tableName, name, QStringLiteral("FOREIGN KEY"))),
                             QStringLiteral("ALTER TABLE %1 DROP INDEX %2%3").arg(table(tableName), quoteIdentifier(name), online));
        return sql;
    };
    // ALTER TABLE … DROP for a constraint by kind, as MySQL spells each.
    auto dropClause = [&](const Constraint &c) {
        switch (c.kind) {
        case Constraint::Kind::PrimaryKey:
            return QStringLiteral("DROP PRIMARY KEY");
        case Constraint::Kind::Unique:
            return QStringLiteral("DROP INDEX ") + quoteIdentifier(c.name);
        case Constraint::Kind::Check:
            return QStringLiteral("DROP CONSTRAINT ") + quoteIdentifier(c.name); // MySQL 8.0.19+
        case Constraint::Kind::ForeignKey:
            return QStringLiteral("DROP FOREIGN KEY ") + quoteIdentifier(c.name);
        }
        return QString();
    };

    switch (op.type) {
    case Type::CreateTable: {
        out.route = Route::Instant;
        QString reason;
        for (const Index &i : op.newTable.indexes) {
            if (reason.isEmpty())
                indexDefinition(op.newTable, i, &reason);
        }
        for (const Constraint &c : op.newTable.constraints) {
            if (reason.isEmpty())
                constraintDefinition(c, &op.newTable, &reason);
        }
        if (!reason.isEmpty()) {
            refuse(reason);
            break;
        }
        out.units = createTable(op.newTable, before, true);
        break;
    }
    case Type::AddColumn: {
        out.route = Route::Instant;
        QString ddl = QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(tbl, columnDefinition(op.column, before));
        if (op.column.hasDefault() && !op.column.identity
            && (!isLiteral(op.column.defaultValue) || isLob(columnType(op.column, before)))) {
            offline(QStringLiteral(
                "MySQL cannot add a column with an expression default (or a default on a TEXT/BLOB/"
                "JSON column) in place: the table is copied and writes are blocked (MySQL manual, "
                "Online DDL Operations: column operations)"));
        } else if (op.column.identity) {
            offline(QStringLiteral("MySQL adds an AUTO_INCREMENT column by copying the table, with writes "
                                   "blocked (MySQL manual, Online DDL Operations: adding an auto-increment column)"));
        } else if (op.column.generated && op.column.generatedStored) {
            offline(QStringLiteral("MySQL adds a STORED generated column by copying the table, with writes "
                                   "blocked (MySQL manual, Online DDL Operations: generated column operations)"));
        } else {
            ddl += QStringLiteral(", ALGORITHM=INSTANT");
        }
        // A change_type shadow (<column>_new of another type) is not added again once its
        // column has the new type: the swap ran, and a re-run of the release must not bring
        // back the shadow.
        QString exists = columnExists(op.table, op.column.name);
        if (t) {
            for (const Column &c : t->columns) {
                if (c.name != op.column.name && Identifiers::derive(c.name, QStringLiteral("_new")) == op.column.name
                    && c.type.simplified().toLower() != op.column.type.simplified().toLower()) {
                    exists = QStringLiteral("%1 UNION ALL %2").arg(exists, hasType(op.table, c.name, columnType(op.column, before)));
                    break;
                }
            }
        }
        unit(guarded(exists, false, ddl))->userSql
            = op.column.generated || (op.column.hasDefault() && !isLiteral(op.column.defaultValue));
        break;
    }
    case Type::DropColumn: {
        // In place with concurrent DML (ALGORITHM=INPLACE, LOCK=NONE), though InnoDB rebuilds the table.
        out.route = Route::Online;
        // MySQL shrinks a multi-column index instead of dropping it, and refuses to drop a
        // column that a foreign key (of this table or another) or a CHECK uses: drop what the
        // schema model drops, by name, and the sync triggers that read or fill the column.
        QString sql;
        if (t) {
            for (const SyncTrigger &s : t->syncs) {
                if (s.target == op.columnName || s.sources.contains(op.columnName))
                    sql += dropSyncTriggers(*t, s);
            }
            for (const auto &[child, fk] : before.referencing(op.table, op.columnName)) {
                if (child != op.table && !fk.name.isEmpty())
                    sql += dropForeignKey(child, fk.name, {}, false);
            }
            for (const Constraint &c : t->constraints) {
                if (!involves(c, op.table, op.columnName) || c.name.isEmpty() || c.kind == Constraint::Kind::PrimaryKey)
                    continue;
                if (c.kind == Constraint::Kind::ForeignKey)
                    sql += dropForeignKey(op.table, c.name, {}, false);
                else if (c.kind == Constraint::Kind::Check)
                    sql += guarded(constraintExists(op.table, c.name, QStringLiteral("CHECK")), true,
                                   QStringLiteral("ALTER TABLE %1 %2").arg(tbl, dropClause(c)));
                else
                    sql += guarded(indexExists(op.table, c.name), true,
                                   QStringLiteral("ALTER TABLE %1 %2%3").arg(tbl, dropClause(c), online));
            }
            for (const Index &i : t->indexes) {
                if (i.columns.contains(op.columnName) || i.include.contains(op.columnName))
                    sql += guarded(indexExists(op.table, i.name), true,
                                   QStringLiteral("ALTER TABLE %1 DROP INDEX %2%3").arg(tbl, quoteIdentifier(i.name), online));
            }
        }
        sql += guarded(columnExists(op.table, op.columnName), true,
                       QStringLiteral("ALTER TABLE %1 DROP COLUMN %2%3").arg(tbl, quoteIdentifier(op.columnName), online));
        unit(sql);
        break;
    }
    case Type::SetNotNull:
    case Type::DropNotNull: {
        out.route = Route::Online;
        const Column *c = t ? t->column(op.columnName) : nullptr;
        if (!c)
            break;
        Column changed = *c;
        changed.nullable = op.type == Type::DropNotNull;
        // MODIFY restates the whole column (type, charset, collation, default, comment); in
        // place with concurrent DML, though InnoDB rebuilds the table. SET NOT NULL fails
        // (strict mode) while NULLs remain.
        unit(guarded(columnExists(op.table, op.columnName,
                                  QStringLiteral(" AND is_nullable = %1")
                                      .arg(quoteString(changed.nullable ? QStringLiteral("NO") : QStringLiteral("YES")))),
                     true,
                     QStringLiteral("ALTER TABLE %1 MODIFY COLUMN %2%3").arg(tbl, columnDefinition(changed, before), online)));
        break;
    }
    case Type::SetDefault:
    case Type::DropDefault: {
        out.route = Route::Instant;
        const Column *c = t ? t->column(op.columnName) : nullptr;
        const QString column = quoteIdentifier(op.columnName);
        // ALTER COLUMN … SET/DROP DEFAULT changes only metadata (ALGORITHM=INSTANT); running it
        // again sets the same default.
        if (op.type == Type::DropDefault) {
            unit(guarded(columnExists(op.table, op.columnName), true,
                         QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 DROP DEFAULT, ALGORITHM=INSTANT").arg(tbl, column)));
            break;
        }
        const QString type = c ? columnType(*c, before) : QString();
        if (isLiteral(op.value) && !isLob(type)) {
            unit(guarded(columnExists(op.table, op.columnName), true,
                         QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 SET DEFAULT %3, ALGORITHM=INSTANT")
                             .arg(tbl, column, op.value.trimmed())));
        } else {
            offline(QStringLiteral("MySQL 8 sets an expression default (or any default of a TEXT/BLOB/JSON "
                                   "column) by copying the table, with writes blocked (MySQL manual, "
                                   "Online DDL Operations: column operations); MariaDB does it in place"));
            unit(guarded(columnExists(op.table, op.columnName), true,
                         QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 SET DEFAULT (%3)").arg(tbl, column, op.value.trimmed())))
                ->userSql = true;
        }
        break;
    }
    case Type::SetComment: {
        out.route = Route::Instant;
        if (op.columnName.isEmpty()) {
            unit(QStringLiteral("ALTER TABLE %1 COMMENT = %2%3;\n").arg(tbl, quoteString(op.value), online));
            break;
        }
        const Column *c = t ? t->column(op.columnName) : nullptr;
        if (!c)
            break;
        // MySQL has no COMMENT ON COLUMN: MODIFY restates the whole column, from the model, with
        // the new comment. A comment alone changes only metadata.
        Column changed = *c;
        changed.comment = op.value;
        unit(guarded(columnExists(op.table, op.columnName), true,
                     QStringLiteral("ALTER TABLE %1 MODIFY COLUMN %2%3").arg(tbl, columnDefinition(changed, before), online)));
        break;
    }
    case Type::AddIndex: {
        out.route = Route::Online;
        if (!t)
            break;
        QString reason;
        const QString definition = indexDefinition(*t, op.index, &reason);
        if (!reason.isEmpty()) {
            refuse(reason);
            break;
        }
        out.route = Route::Online;
        out.buildsIndex = true;
        const QString method = op.index.method.toLower();
        QString lock = online;
        if (method == QLatin1String("fulltext") || method == QLatin1String("spatial")) {
            lock = QStringLiteral(", ALGORITHM=INPLACE, LOCK=SHARED");
            offline(QStringLiteral("MySQL builds a FULLTEXT or SPATIAL index with writes blocked (LOCK=SHARED; "
                                   "MySQL manual, Online DDL Operations: index operations)"));
        }
        ScriptUnit *u = unit(guarded(indexExists(op.table, op.index.name), false,
                                     QStringLiteral("ALTER TABLE %1 ADD %2%3").arg(tbl, definition, lock)));
        u->transactional = false;
        u->userSql = hasExpression(*t, op.index);
        break;
    }
    case Type::DropIndex:
        out.route = Route::Instant;
        unit(guarded(indexExists(op.table, op.index.name), true,
                     QStringLiteral("ALTER TABLE %1 DROP INDEX %2%3").arg(tbl, quoteIdentifier(op.index.name), online)));
        break;
    case Type::DropConstraint: {
        out.route = Route::Instant;
        // The op names the constraint; its kind is the one the schema holds under that key.
        Constraint c = op.constraint;
        if (t) {
            for (const Constraint &have : t->constraints) {
                if (have.key() == op.constraint.key())
                    c = have;
            }
        }
        switch (c.kind) {
        case Constraint::Kind::ForeignKey:
            unit(dropForeignKey(op.table, c.name, {}, false));
            break;
        case Constraint::Kind::Check:
            // CHECK constraints are dropped in place, metadata only.
            unit(guarded(constraintExists(op.table, c.name, QStringLiteral("CHECK")), true,
                         QStringLiteral("ALTER TABLE %1 %2").arg(tbl, dropClause(c))));
            break;
        case Constraint::Kind::Unique:
            unit(guarded(constraintExists(op.table, c.name, QStringLiteral("UNIQUE")), true,
                         QStringLiteral("ALTER TABLE %1 %2%3").arg(tbl, dropClause(c), online)));
            break;
        case Constraint::Kind::PrimaryKey:
            offline(QStringLiteral("MySQL drops a primary key by copying the table, with writes blocked "
                                   "(MySQL manual, Online DDL Operations: dropping a primary key)"));
            unit(guarded(constraintExists(op.table, QStringLiteral("PRIMARY"), QStringLiteral("PRIMARY KEY")), true,
                         QStringLiteral("ALTER TABLE %1 DROP PRIMARY KEY").arg(tbl)));
            break;
        }
        break;
    }
    case Type::AddConstraint: {
        out.route = Route::Online;
        const Constraint &c = op.constraint;
        const QString name = c.name.isEmpty()
                                 ? derivedName(QStringLiteral("tideline_c_"), QStringList{op.table} + c.columns)
                                 : c.name;
        Constraint named = c;
        named.name = name;
        QString reason;
        const QString definition = constraintDefinition(named, t, &reason);
        if (!reason.isEmpty()) {
            refuse(reason);
            break;
        }
        switch (c.kind) {
        case Constraint::Kind::Check:
            offline(QStringLiteral(
                "MySQL adds a CHECK constraint by copying the table (ALGORITHM=COPY): concurrent "
                "writes are blocked while every row is checked (MySQL manual, Online DDL "
                "Operations: table constraints)"));
            unit(guarded(constraintExists(op.table, name, QStringLiteral("CHECK")), false,
                         QStringLiteral("ALTER TABLE %1 ADD %2").arg(tbl, definition)))
                ->userSql = true;
            break;
        case Constraint::Kind::Unique:
            out.buildsIndex = t != nullptr;
            unit(guarded(constraintExists(op.table, name, QStringLiteral("UNIQUE")), false,
                         QStringLiteral("ALTER TABLE %1 ADD %2%3").arg(tbl, definition, online)))
                ->transactional = false;
            break;
        case Constraint::Kind::PrimaryKey:
            out.buildsIndex = t != nullptr;
            if (t && !t->primaryKey.isEmpty()) {
                // A new primary key replaces the old one: dropping one and adding another in one
                // statement is in place with concurrent DML (dropping alone copies the table).
                QStringList same;
                for (int i = 0; i < c.columns.size(); ++i)
                    same << QStringLiteral("(seq_in_index = %1 AND column_name = %2)").arg(i + 1).arg(quoteString(c.columns.at(i)));
                const QString key = QStringLiteral("SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = "
                                                   "DATABASE() AND table_name = %1 AND index_name = 'PRIMARY'")
                                        .arg(quoteString(op.table));
                const QString kept = QStringLiteral("(%1) = %2 AND (%1 AND (%3)) = %2")
                                         .arg(key, QString::number(c.columns.size()), same.join(QStringLiteral(" OR ")));
                unit(comment(QStringLiteral("Replaces the primary key (%1); nothing once it is (%2).")
                                 .arg(t->primaryKey.join(QStringLiteral(", ")), c.columns.join(QStringLiteral(", "))))
                     + QLatin1Char('\n')
                     + guardedIf(QStringLiteral("NOT (%1)").arg(kept),
                                 QStringLiteral("ALTER TABLE %1 DROP PRIMARY KEY, ADD %2%3").arg(tbl, definition, online)));
                break;
            }
            unit(guarded(constraintExists(op.table, QStringLiteral("PRIMARY"), QStringLiteral("PRIMARY KEY")), false,
                         QStringLiteral("ALTER TABLE %1 ADD %2%3").arg(tbl, definition, online)));
            break;
        case Constraint::Kind::ForeignKey:
            // In place only with foreign_key_checks off (else ALGORITHM=COPY), which checks no
            // existing row: a scan first refuses rows that have no parent (all running versions
            // honour the key by now, so none can appear in between), then the key is added.
            unit(orphanCheck(op.table, named, before)
                 + QStringLiteral("SET @tideline_fk_checks = @@SESSION.foreign_key_checks;\n"
                                  "SET SESSION foreign_key_checks = 0;\n")
                 + guarded(constraintExists(op.table, name, QStringLiteral("FOREIGN KEY")), false,
                           QStringLiteral("ALTER TABLE %1 ADD %2%3").arg(tbl, definition, online))
                 + QStringLiteral("SET SESSION foreign_key_checks = @tideline_fk_checks;\n"));
            break;
        }
        break;
    }
    case Type::Backfill: {
        out.route = Route::Online;
        if (!t)
            break;
        const QString target = quoteIdentifier(op.columnName);
        const QString value = op.expression.isEmpty() ? quoteIdentifier(op.sourceColumn)
                                                      : QLatin1Char('(') + op.expression + QLatin1Char(')');
        const QString body = QStringLiteral("UPDATE %1 SET %2 = %3\nWHERE %2 IS NULL AND {range};")
                                 .arg(tbl, target, value);
        QStringList required{op.columnName};
        if (!op.sourceColumn.isEmpty())
            required << op.sourceColumn;
        required += namedColumns(*t, op.expression);
        required.removeDuplicates();
        ScriptUnit *u = unit((op.expression.isEmpty() ? QString() : comment(QStringLiteral("user SQL: the backfill expression is the plan's own")) + QLatin1Char('\n'))
                             + batchProcedure(*t, required, target + QStringLiteral(" IS NULL"), body, policy.backfillBatch));
        u->transactional = false;
        u->userSql = !op.expression.isEmpty();
        out.batched = hasBatchKey(*t);
        break;
    }
    case Type::MoveBackfill: {
        out.route = Route::Online;
        if (!t)
            break;
        const QString to = table(op.toTable);
        const QString key = quoteIdentifier(op.key);
        QStringList srcCols, dstCols, equal, anyValue;
        for (auto it = op.mapping.cbegin(); it != op.mapping.cend(); ++it) {
            srcCols << QStringLiteral("tideline_src.") + quoteIdentifier(it.key());
            dstCols << quoteIdentifier(it.value());
            equal << QStringLiteral("tideline_dst.%1 <=> tideline_src.%2").arg(quoteIdentifier(it.value()), quoteIdentifier(it.key()));
            anyValue << QStringLiteral("tideline_src.%1 IS NOT NULL").arg(quoteIdentifier(it.key()));
        }
        const QString match = equal.join(QStringLiteral(" AND "));
        // Find or create: insert the value combinations no target row has yet, then point
        // every row of the batch at its (first) match. Rows whose moved values are all NULL
        // have nothing to point at and keep a NULL key.
        const QString body = QStringLiteral(
            "INSERT INTO %1 (%2)\n"
            "SELECT DISTINCT %3 FROM %4 AS tideline_src\n"
            "WHERE tideline_src.%5 IS NULL AND {srange}\n"
            "  AND (%6)\n"
            "  AND NOT EXISTS (SELECT 1 FROM %1 AS tideline_dst WHERE %7);\n"
            "UPDATE %4 AS tideline_src\n"
            "JOIN (SELECT MIN(tideline_dst.%8) AS tideline_id, %9 FROM %1 AS tideline_dst GROUP BY %9) AS tideline_dst\n"
            "  ON %7\n"
            "SET tideline_src.%5 = tideline_dst.tideline_id\n"
            "WHERE tideline_src.%5 IS NULL AND {srange};")
            .arg(to, dstCols.join(QStringLiteral(", ")), srcCols.join(QStringLiteral(", ")), tbl, key,
                 anyValue.join(QStringLiteral(" OR ")), match, quoteIdentifier(QStringLiteral("id")),
                 dstCols.join(QStringLiteral(", ")));
        ScriptUnit *u = unit(batchProcedure(*t, QStringList{op.key} + op.mapping.keys(), key + QStringLiteral(" IS NULL"),
                                            body, policy.backfillBatch));
        u->transactional = false;
        out.batched = hasBatchKey(*t);
        break;
    }
    case Type::AddSyncTrigger: {
        out.route = Route::Instant;
        if (!t)
            break;
        unit(syncTriggers(*t, op.syncTrigger()))->userSql = !op.expression.isEmpty();
        break;
    }
    case Type::DropSyncTrigger:
        out.route = Route::Instant;
        if (const SyncTrigger *sync = t ? t->sync(op.columnName) : nullptr)
            unit(dropSyncTriggers(*t, *sync));
        break;
    case Type::RenameIndex:
        // Metadata only (MySQL 5.7, MariaDB 10.5); nothing once the index has its new name.
        unit(guardedIf(QStringLiteral("EXISTS (%1) AND NOT EXISTS (%2)")
                           .arg(indexExists(op.table, op.index.name), indexExists(op.table, op.newName)),
                       QStringLiteral("ALTER TABLE %1 RENAME INDEX %2 TO %3%4")
                           .arg(tbl, quoteIdentifier(op.index.name), quoteIdentifier(op.newName), online)));
        break;
    case Type::RenameConstraint: {
        Constraint c = op.constraint;
        if (t) {
            for (const Constraint &have : t->constraints) {
                if (have.key() == op.constraint.key())
                    c = have;
            }
        }
        Constraint renamed = c;
        renamed.name = op.newName;
        switch (c.kind) {
        case Constraint::Kind::PrimaryKey:
            unit(comment(QStringLiteral("MySQL names every primary key PRIMARY: %1 is the plan's name only, nothing "
                                        "changes in the database.")
                             .arg(op.newName))
                 + QLatin1Char('\n') + NoOp + QStringLiteral(";\n"));
            break;
        case Constraint::Kind::Unique:
            // A UNIQUE constraint is a unique index: renamed in place, metadata only.
            unit(guardedIf(QStringLiteral("EXISTS (%1) AND NOT EXISTS (%2)")
                               .arg(constraintExists(op.table, c.name, QStringLiteral("UNIQUE")), indexExists(op.table, op.newName)),
                           QStringLiteral("ALTER TABLE %1 RENAME INDEX %2 TO %3%4")
                               .arg(tbl, quoteIdentifier(c.name), quoteIdentifier(op.newName), online)));
            break;
        case Constraint::Kind::Check: {
            // MySQL and MariaDB cannot rename a CHECK: it is dropped and added again, and adding
            // one copies the table with writes blocked.
            QString reason;
            const QString definition = constraintDefinition(renamed, t, &reason);
            if (!reason.isEmpty()) {
                refuse(reason);
                break;
            }
            offline(QStringLiteral("MySQL cannot rename a CHECK constraint: it is dropped and added again under the "
                                   "new name, and adding it copies the table with writes blocked while every row "
                                   "is checked (MySQL manual, Online DDL Operations: table constraints)"));
            unit(guardedIf(QStringLiteral("EXISTS (%1) AND NOT EXISTS (%2)")
                               .arg(constraintExists(op.table, c.name, QStringLiteral("CHECK")),
                                    constraintExists(op.table, op.newName, QStringLiteral("CHECK"))),
                           QStringLiteral("ALTER TABLE %1 %2, ADD %3").arg(tbl, dropClause(c), definition)))
                ->userSql = true;
            break;
        }
        case Constraint::Kind::ForeignKey: {
            // No RENAME for a foreign key either: one statement drops it and adds it under the new
            // name, in place with foreign_key_checks off. Every row satisfied the key up to that
            // statement, so there is nothing to check. The index InnoDB made for the old key keeps
            // serving the new one and takes its name.
            QString reason;
            const QString definition = constraintDefinition(renamed, t, &reason);
            if (!reason.isEmpty()) {
                refuse(reason);
                break;
            }
            QString sql = QStringLiteral("SET @tideline_fk_checks = @@SESSION.foreign_key_checks;\n"
                                         "SET SESSION foreign_key_checks = 0;\n")
                          + guardedIf(QStringLiteral("EXISTS (%1) AND NOT EXISTS (%2)")
                                          .arg(constraintExists(op.table, c.name, QStringLiteral("FOREIGN KEY")),
                                               constraintExists(op.table, op.newName, QStringLiteral("FOREIGN KEY"))),
                                      QStringLiteral("ALTER TABLE %1 DROP FOREIGN KEY %2, ADD %3%4")
                                          .arg(tbl, quoteIdentifier(c.name), definition, online))
                          + QStringLiteral("SET SESSION foreign_key_checks = @tideline_fk_checks;\n");
            if (!t || !t->index(c.name))
                sql += guardedIf(QStringLiteral("EXISTS (%1) AND NOT EXISTS (%2) AND NOT EXISTS (%3)")
                                     .arg(indexExists(op.table, c.name), indexExists(op.table, op.newName),
                                          constraintExists(op.table, c.name, QStringLiteral("FOREIGN KEY"))),
                                 QStringLiteral("ALTER TABLE %1 RENAME INDEX %2 TO %3%4")
                                     .arg(tbl, quoteIdentifier(c.name), quoteIdentifier(op.newName), online));
            unit(sql);
            break;
        }
        }
        break;
    }
    case Type::DropTable: {
        // Only while it is the table this file drops (it has the columns the plan gives it): a
        // table a later release makes under the same name stays.
        QString condition = QStringLiteral("EXISTS (%1)").arg(baseTableExists(op.table));
        if (t) {
            QStringList names;
            for (const Column &c : t->columns)
                names << quoteString(c.name);
            condition = QStringLiteral("(SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
                                       "AND table_name = %1 AND column_name IN (%2)) = %3")
                            .arg(quoteString(op.table), names.join(QStringLiteral(", ")))
                            .arg(names.size());
        }
        unit(guardedIf(condition, QStringLiteral("DROP TABLE %1").arg(tbl)));
        break;
    }
    case Type::RenameTable: {
        // MySQL commits each statement: between the rename and the view the old name is missing
        // for a moment (and a failure in between leaves the table renamed without the view).
        // Both run only when the old name was a table and the new one free before the first:
        // a re-run finds the view, or after the contract nothing, and does nothing.
        QString sql = comment(QStringLiteral("Both statements run only when %1 is still a table and %2 is free; a re-run does nothing.")
                                  .arg(op.table, op.newName))
                      + QLatin1Char('\n')
                      + QStringLiteral("SET @tideline_rename = EXISTS (%1)\n    AND NOT EXISTS (SELECT 1 FROM information_schema.tables "
                                       "WHERE table_schema = DATABASE() AND table_name = %2);\n")
                            .arg(baseTableExists(op.table), quoteString(op.newName))
                      + guardedIf(QStringLiteral("@tideline_rename"),
                                  QStringLiteral("RENAME TABLE %1 TO %2").arg(tbl, table(op.newName)));
        if (!op.view.name.isEmpty()) {
            View view = op.view;
            view.baseTable = op.newName;
            sql += guardedIf(QStringLiteral("@tideline_rename"), viewStatement(QStringLiteral("CREATE VIEW"), view));
        }
        unit(sql);
        break;
    }
    case Type::CreateView: {
        const View &v = op.view;
        const auto existing = before.views.constFind(v.name);
        // Names one a line, as columnList() gives them; the line breaks written \n.
        const auto lines = [&](const QStringList &names) {
            return quoteString(names.join(QLatin1Char('\n'))).replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        };
        if (!op.replace || existing == before.views.cend()) {
            unit(guardedIf(QStringLiteral("NOT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() "
                                          "AND table_name = %1)")
                               .arg(quoteString(v.name)),
                           viewStatement(QStringLiteral("CREATE VIEW"), v)))
                ->userSql = !v.definition.isEmpty();
            break;
        }
        // Only while the view has the columns this file expects before or after it: a later
        // release's definition stays.
        unit(comment(QStringLiteral("Only while %1 has its columns as before or after this change.").arg(v.name))
             + QLatin1Char('\n')
             + guardedIf(QStringLiteral("%1 IN (%2, %3)")
                             .arg(columnList(v.name), lines(existing->columns), lines(v.columns)),
                         viewStatement(QStringLiteral("CREATE OR REPLACE VIEW"), v)))
            ->userSql = !v.definition.isEmpty();
        break;
    }
    case Type::DropView:
        unit(QStringLiteral("DROP VIEW IF EXISTS %1;\n").arg(table(op.view.name)));
        break;
    case Type::SwapColumn: {
        // LOCK TABLES … WRITE: writes wait for the whole ALTER (offline when it rebuilds much).
        out.route = Route::Blocking;
        const Column *old = t ? t->column(op.columnName) : nullptr;
        const Column *shadow = t ? t->column(op.newName) : nullptr;
        if (!old || !shadow)
            break;
        Column swapped = op.column.name.isEmpty() ? *old : op.column;
        if (op.column.name.isEmpty())
            swapped.type = shadow->type;
        swapped.name = op.columnName;
        const QString column = quoteIdentifier(op.columnName);
        const QString shadowName = quoteIdentifier(op.newName);
        const int at = t->columnIndex(op.columnName);
        const QString place = at == 0 ? QStringLiteral(" FIRST")
                                      : QStringLiteral(" AFTER ") + quoteIdentifier(t->columns.at(at - 1).name);
        const QString shadowThere = QStringLiteral("EXISTS (%1)").arg(columnExists(op.table, op.newName));

        // What covers the old column is dropped and made again, under the same names, in the
        // statement that swaps the columns; foreign keys (MySQL cannot drop and add a key of
        // one name in one statement) and those of other tables around it.
        QStringList drops, adds, ownKeys, reasons;
        QList<QPair<QString, Constraint>> children;
        QSet<QString> locked{op.table}, read;
        if (t->primaryKey.contains(op.columnName)) {
            Constraint pk;
            pk.kind = Constraint::Kind::PrimaryKey;
            pk.columns = t->primaryKey;
            QString reason;
            drops << QStringLiteral("DROP PRIMARY KEY");
            adds << QStringLiteral("ADD ") + constraintDefinition(pk, t, &reason);
            out.buildsIndex = true; // the clustered index, built again
            reasons << reason;
        }
        for (const Constraint &c : t->constraints) {
            if (c.kind == Constraint::Kind::PrimaryKey || c.name.isEmpty() || !involves(c, op.table, op.columnName))
                continue;
            QString reason;
            const QString definition = QStringLiteral("ADD ") + constraintDefinition(c, t, &reason);
            reasons << reason;
            if (c.kind == Constraint::Kind::ForeignKey) {
                ownKeys << c.name;
                if (c.refTable != op.table)
                    read.insert(c.refTable);
                continue;
            }
            drops << dropClause(c);
            adds << definition;
            out.buildsIndex = out.buildsIndex || c.kind == Constraint::Kind::Unique;
        }
        for (const Index &i : t->indexes) {
            if (!i.columns.contains(op.columnName) && !i.include.contains(op.columnName))
                continue;
            QString reason;
            drops << QStringLiteral("DROP INDEX ") + quoteIdentifier(i.name);
            adds << QStringLiteral("ADD ") + indexDefinition(*t, i, &reason);
            out.buildsIndex = true;
            reasons << reason;
        }
        for (const auto &[child, fk] : before.referencing(op.table, op.columnName)) {
            if (child == op.table || fk.name.isEmpty())
                continue;
            children.append({child, fk});
            locked.insert(child);
            // The key comes back only if the referencing column still matches the new type.
            const Table *owner = before.table(child);
            const int position = fk.refColumns.indexOf(op.columnName);
            const Column *referencing = owner && position >= 0 && position < fk.columns.size()
                                            ? owner->column(fk.columns.at(position))
                                            : nullptr;
            if (referencing && keyType(columnType(*referencing, before)) != keyType(columnType(swapped, before)))
                reasons << QStringLiteral("%1.%2 (%3) references %4.%5, which becomes %6: MySQL refuses a foreign key "
                                          "between columns of different types; change %1.%2 in the same release first")
                               .arg(child, referencing->name, columnType(*referencing, before), op.table,
                                    op.columnName, columnType(swapped, before));
        }
        reasons.removeAll(QString());
        if (!reasons.isEmpty()) {
            refuse(reasons.join(QStringLiteral("; ")));
            break;
        }

        // The value of a row the sync trigger could not fill (an AUTO_INCREMENT source on
        // insert): the conversion, as the trigger computes it.
        const SyncTrigger *sync = t->sync(op.newName);
        const QString conversion = sync && !sync->expression.isEmpty() ? QLatin1Char('(') + sync->expression + QLatin1Char(')')
                                                                       : column;
        QStringList tables;
        for (const QString &name : std::as_const(locked))
            tables << table(name) + QStringLiteral(" WRITE");
        for (const QString &name : std::as_const(read)) {
            if (!locked.contains(name))
                tables << table(name) + QStringLiteral(" READ");
        }
        tables.sort();
        // MySQL DDL is not transactional: the write lock keeps every write out from the last
        // fill to the end, so no write can reach the old column only. The triggers go after
        // the swap, so a swap that fails leaves them working.
        QString sql = QStringLiteral("LOCK TABLES %1;\n").arg(tables.join(QStringLiteral(", ")));
        // Rebuilding an AUTO_INCREMENT column sets the counter to the largest id + 1: the ids of
        // deleted rows at the top would be given out again. The counter is kept and put back.
        if (swapped.identity)
            sql += QStringLiteral("SET @tideline_next_id = (SELECT AUTO_INCREMENT FROM information_schema.tables "
                                  "WHERE table_schema = DATABASE() AND table_name = %1);\n")
                       .arg(quoteString(op.table));
        sql += guardedIf(shadowThere, QStringLiteral("UPDATE %1 SET %2 = %3 WHERE %2 IS NULL").arg(tbl, shadowName, conversion));
        for (const auto &[child, fk] : std::as_const(children))
            sql += dropForeignKey(child, fk.name, shadowThere, true); // it comes back at once
        for (const QString &name : std::as_const(ownKeys))
            sql += guardedIf(QStringLiteral("%1 AND EXISTS (%2)").arg(shadowThere, constraintExists(op.table, name, QStringLiteral("FOREIGN KEY"))),
                             QStringLiteral("ALTER TABLE %1 DROP FOREIGN KEY %2").arg(tbl, quoteIdentifier(name)));
        QStringList parts = drops;
        parts << QStringLiteral("DROP COLUMN ") + column;
        parts << QStringLiteral("CHANGE COLUMN %1 %2%3").arg(shadowName, columnDefinition(swapped, before), place);
        parts << adds;
        sql += guardedIf(shadowThere, QStringLiteral("ALTER TABLE %1 %2").arg(tbl, parts.join(QStringLiteral(", "))));
        if (swapped.identity)
            sql += QStringLiteral("SET @tideline_sql = IF(@tideline_next_id IS NULL, %1, CONCAT(%2, @tideline_next_id));\n"
                                  "PREPARE tideline_stmt FROM @tideline_sql;\n"
                                  "EXECUTE tideline_stmt;\n"
                                  "DEALLOCATE PREPARE tideline_stmt;\n")
                       .arg(quoteString(NoOp), quoteString(QStringLiteral("ALTER TABLE %1 AUTO_INCREMENT = ").arg(tbl)));
        if (sync)
            sql += dropSyncTriggers(*t, *sync);
        for (const Constraint &c : t->constraints) {
            if (c.kind == Constraint::Kind::ForeignKey && ownKeys.contains(c.name)) {
                QString ignored;
                sql += guarded(constraintExists(op.table, c.name, QStringLiteral("FOREIGN KEY")), false,
                               QStringLiteral("ALTER TABLE %1 ADD %2").arg(tbl, constraintDefinition(c, t, &ignored)));
            }
        }
        for (const auto &[child, fk] : std::as_const(children)) {
            QString ignored;
            sql += guarded(constraintExists(child, fk.name, QStringLiteral("FOREIGN KEY")), false,
                           QStringLiteral("ALTER TABLE %1 ADD %2").arg(table(child), constraintDefinition(fk, before.table(child), &ignored)));
        }
        sql += QStringLiteral("UNLOCK TABLES;\n");
        ScriptUnit *u = unit(sql);
        u->transactional = false; // LOCK TABLES commits any open transaction
        u->userSql = sync && !sync->expression.isEmpty();
        QStringList heavy;
        if (!swapped.nullable || swapped.identity)
            heavy << QStringLiteral("NOT NULL and AUTO_INCREMENT are restated by rebuilding (AUTO_INCREMENT: copying) the table");
        if (!drops.isEmpty() || !ownKeys.isEmpty() || !children.isEmpty())
            heavy << QStringLiteral("the keys, indexes and constraints of the column are built again");
        if (!heavy.isEmpty())
            offline(QStringLiteral("the swap holds LOCK TABLES … WRITE so that no write is lost, and %1, so writes "
                                   "wait that long (MySQL manual, Online DDL Operations: column operations)")
                        .arg(heavy.join(QStringLiteral(", and "))));
        break;
    }
    case Type::SetTableOptions: {
        // Each option runs only while the table is not as the step makes it, so a re-run
        // changes nothing (and rebuilds nothing).
        const QString where = QStringLiteral("table_schema = DATABASE() AND table_name = %1").arg(quoteString(op.table));
        if (!op.options.engine.isEmpty()) {
            offline(QStringLiteral("MySQL copies the table to change its storage engine, and writes wait for the "
                                   "copy (MySQL manual, Online DDL Operations: table operations, ALGORITHM=COPY)"));
            unit(guardedIf(QStringLiteral("EXISTS (SELECT 1 FROM information_schema.tables WHERE %1 AND engine <> %2)")
                               .arg(where, quoteString(op.options.engine)),
                           QStringLiteral("ALTER TABLE %1 ENGINE = %2").arg(tbl, op.options.engine)));
        }
        if (!op.options.charset.isEmpty()) {
            QString target = QStringLiteral("CHARACTER SET %1").arg(op.options.charset);
            if (!op.options.collation.isEmpty())
                target += QStringLiteral(" COLLATE %1").arg(op.options.collation);
            // The table's default is its collation; with CONVERT, every text column too.
            QString differs = QStringLiteral("EXISTS (SELECT 1 FROM information_schema.tables AS t JOIN "
                                             "information_schema.collations AS c ON c.collation_name = t.table_collation "
                                             "WHERE t.%1 AND (c.character_set_name <> %2%3))")
                                  .arg(where, quoteString(op.options.charset),
                                       op.options.collation.isEmpty()
                                           ? QString()
                                           : QStringLiteral(" OR t.table_collation <> %1").arg(quoteString(op.options.collation)));
            if (op.options.convert) {
                differs += QStringLiteral(" OR EXISTS (SELECT 1 FROM information_schema.columns WHERE %1 "
                                          "AND character_set_name IS NOT NULL AND (character_set_name <> %2%3))")
                               .arg(where, quoteString(op.options.charset),
                                    op.options.collation.isEmpty()
                                        ? QString()
                                        : QStringLiteral(" OR collation_name <> %1").arg(quoteString(op.options.collation)));
                offline(QStringLiteral("MySQL converts the text columns of a table to another character set by "
                                       "copying the table, and writes wait for the copy (MySQL manual, Online DDL "
                                       "Operations: converting a character set, ALGORITHM=COPY)"));
                unit(guardedIf(differs, QStringLiteral("ALTER TABLE %1 CONVERT TO %2").arg(tbl, target)));
            } else {
                unit(guardedIf(differs, QStringLiteral("ALTER TABLE %1 DEFAULT %2%3").arg(tbl, target, online)));
            }
        }
        break;
    }
    case Type::CreateEnum:
        refuse(QStringLiteral("MySQL has no named enum types (ENUM is a column type)"));
        break;
    case Type::AddEnumValue: {
        // MODIFY restates each column of the type with the value added, the rest of its
        // definition (NULL, default, charset, collation, comment) from the model. A value
        // appended last is metadata only (ALGORITHM=INSTANT, MySQL 8.0 and MariaDB 10.3 on), as
        // long as the members still fit one byte (255 of them); anywhere else MySQL copies the
        // table. Each column only while it still has the old member list: a second run, or one
        // after a later release changed the list, skips it.
        Schema after = before;
        QSet<QString> filled;
        QString error;
        if (!applySchemaOp(op, &after, &filled, &error)) {
            refuse(error);
            break;
        }
        QList<QPair<const Table *, const Column *>> columns;
        for (const Table &table : before.tables) {
            for (const Column &c : table.columns) {
                if (op.table.isEmpty() ? c.type == op.enumType.name : table.name == op.table && c.name == op.columnName)
                    columns.append({&table, &c});
            }
        }
        QString sql;
        bool copies = false;
        for (const auto &[owner, c] : std::as_const(columns)) {
            const Column *changed = after.table(owner->name)->column(c->name);
            QStringList was, now;
            Compatibility::enumMembers(columnType(*c, before), &was);
            Compatibility::enumMembers(columnType(*changed, after), &now);
            const bool last = now.mid(0, was.size()) == was && (was.size() > 255 || now.size() <= 255);
            copies = copies || !last;
            sql += guarded(columnExists(owner->name, c->name,
                                        QStringLiteral(" AND column_type = %1").arg(quoteString(Compatibility::enumColumnType(was)))),
                           true,
                           QStringLiteral("ALTER TABLE %1 MODIFY COLUMN %2%3")
                               .arg(table(owner->name), columnDefinition(*changed, after),
                                    last ? QStringLiteral(", ALGORITHM=INSTANT") : QString()));
        }
        if (copies)
            offline(QStringLiteral("MySQL copies the table, with writes blocked, to add an ENUM value anywhere but last "
                                   "(or past 255 values) (MySQL manual, Online DDL Operations: column operations)"));
        if (!sql.isEmpty())
            unit(sql);
        break;
    }
    case Type::ReplaceProcedure:
        refuse(QStringLiteral("MySQL procedure parameters have no defaults: callers that leave the new parameter out "
                              "would fail"));
        break;
    case Type::RawSql: {
        const QString sql = op.dialectSql.value(name());
        const QString guard = op.dialectGuard.value(name()); // trimmed, no final ';' (the kind's)
        if (sql.trimmed().isEmpty()) {
            refuse(QStringLiteral("the raw SQL step has no MySQL SQL"));
            break;
        }
        if (guard.isEmpty()) {
            ScriptUnit *u = unit(comment(QStringLiteral("user SQL (raw_sql), as the plan gives it. It has no guard: a second run runs it again, so it is re-runnable only as far as the SQL itself is."))
                                 + QLatin1Char('\n') + sql.trimmed() + QLatin1Char('\n'));
            u->userSql = true;
            u->transactional = op.transactional;
            break;
        }
        if (sql.contains(QRegularExpression(QStringLiteral("^\\s*DELIMITER\\s"),
                                            QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption))) {
            refuse(QStringLiteral("the raw SQL has DELIMITER lines, which cannot go inside the procedure that checks its guard"));
            break;
        }
        // Plain SQL has no IF: a temporary procedure asks the guard and runs the SQL.
        const QString procedure = quoteIdentifier(QStringLiteral("tideline_raw_sql"));
        ScriptUnit *u = unit(comment(QStringLiteral("user SQL (raw_sql), as the plan gives it; skipped once its guard returns a row."))
                             + QLatin1Char('\n') + QStringLiteral("DROP PROCEDURE IF EXISTS %1;\n").arg(procedure)
                             + compound({QStringLiteral("CREATE PROCEDURE %1()\nBEGIN\n    IF NOT EXISTS (%2) THEN\n%3\n    END IF;\nEND")
                                             .arg(procedure, guard, sql.trimmed())})
                             + QStringLiteral("CALL %1();\nDROP PROCEDURE IF EXISTS %1;\n").arg(procedure));
        u->userSql = true;
        u->transactional = op.transactional;
        break;
    }
    }
    if (out.route == Route::Undeclared && !out.units.isEmpty())
        out.route = out.offline ? Route::Offline : defaultRoute(op.type);
    return out;
}

QString MySqlDialect::viewStatement(const QString &verb, const View &view) const
{
    return Dialect::viewStatement(verb, view, table(view.name), table(view.baseTable));
}

QString MySqlDialect::columnList(const QString &relation) const
{
    // Names hold no control character (Identifiers::problem), so a line break separates them.
    return QStringLiteral("(SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position SEPARATOR '\\n') "
                          "FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = %1)")
        .arg(quoteString(relation));
}

QString MySqlDialect::baseTableExists(const QString &tableName) const
{
    return QStringLiteral("SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() "
                          "AND table_name = %1 AND table_type = 'BASE TABLE'")
        .arg(quoteString(tableName));
}

QList<ScriptUnit> MySqlDialect::createTable(const Table &t, const Schema &schema, bool withForeignKeys) const
{
    QStringList lines;
    for (const Column &c : t.columns)
        lines << columnDefinition(c, schema);
    QStringList pk = t.primaryKey;
    for (const Constraint &c : t.constraints) {
        if (c.kind == Constraint::Kind::PrimaryKey && pk.isEmpty())
            pk = c.columns;
    }
    // What MySQL cannot build stays out of the table, and the file says so above it.
    QStringList skipped;
    const auto add = [&](const QString &definition, const QString &reason) {
        if (reason.isEmpty())
            lines << definition;
        else
            skipped << QStringLiteral("not created: ") + reason;
    };
    if (!pk.isEmpty()) {
        Constraint key;
        key.kind = Constraint::Kind::PrimaryKey;
        key.columns = pk;
        QString reason;
        const QString definition = constraintDefinition(key, &t, &reason);
        add(definition, reason);
    }
    bool userSql = false;
    for (const Constraint &c : t.constraints) {
        if (c.kind == Constraint::Kind::PrimaryKey
            || (c.kind == Constraint::Kind::ForeignKey && !withForeignKeys))
            continue;
        userSql = userSql || c.kind == Constraint::Kind::Check;
        QString reason;
        const QString definition = constraintDefinition(c, &t, &reason);
        add(definition, reason);
    }
    for (const Index &i : t.indexes) {
        QString reason;
        const QString definition = indexDefinition(t, i, &reason);
        userSql = userSql || hasExpression(t, i);
        add(definition, reason);
    }
    for (const Column &c : t.columns)
        userSql = userSql || (c.generated && !c.generatedExpression.isEmpty()) || (c.hasDefault() && !isLiteral(c.defaultValue));
    // The table's own options; utf8mb4 unless it says otherwise, so that a bundle does not
    // depend on the server's default character set.
    QString options = QStringLiteral("ENGINE=%1 DEFAULT CHARSET=%2")
                          .arg(t.engine.isEmpty() ? QStringLiteral("InnoDB") : t.engine,
                               t.charset.isEmpty() ? QStringLiteral("utf8mb4") : t.charset);
    if (!t.collation.isEmpty())
        options += QStringLiteral(" COLLATE=") + t.collation;
    if (!t.comment.isEmpty())
        options += QStringLiteral(" COMMENT=") + quoteString(t.comment);
    ScriptUnit u;
    u.sql = QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n    %2\n) %3;\n")
                .arg(table(t.name), lines.join(QStringLiteral(",\n    ")), options);
    if (!skipped.isEmpty())
        u.sql.prepend(comment(skipped.join(QLatin1Char('\n'))) + QLatin1Char('\n'));
    u.userSql = userSql;
    QList<ScriptUnit> units{u};
    for (const Trigger &trigger : t.triggers) {
        ScriptUnit tu;
        // A trigger of another engine (a plan imported from PostgreSQL or SQLite) cannot run here.
        static const QRegularExpression mysqlTrigger(
            QStringLiteral(R"(^\s*CREATE\s+(DEFINER\s*=\s*\S+\s+)?TRIGGER\s+(IF\s+NOT\s+EXISTS\s+)?)"),
            QRegularExpression::CaseInsensitiveOption);
        const auto m = mysqlTrigger.match(trigger.definition);
        static const QRegularExpression foreign(QStringLiteral(R"(\bEXECUTE\s+(FUNCTION|PROCEDURE)\b|\bFOR\s+EACH\s+STATEMENT\b)"),
                                                QRegularExpression::CaseInsensitiveOption);
        if (!m.hasMatch() || foreign.match(trigger.definition).hasMatch()
            || !trigger.definition.contains(QLatin1String("FOR EACH ROW"), Qt::CaseInsensitive)) {
            tu.sql = comment(QStringLiteral("trigger %1 of %2 is not MySQL's and is not created here").arg(trigger.name, t.name));
        } else {
            QString definition = trigger.definition.trimmed();
            if (definition.endsWith(QLatin1Char(';')))
                definition.chop(1);
            // CREATE TRIGGER IF NOT EXISTS, so a re-run keeps the trigger (MySQL 8.0.29+).
            definition = QStringLiteral("CREATE TRIGGER IF NOT EXISTS ") + definition.mid(m.capturedEnd());
            tu.sql = compound({definition});
        }
        tu.userSql = true;
        units << tu;
    }
    for (const SyncTrigger &sync : t.syncs) {
        ScriptUnit su;
        su.sql = syncTriggers(t, sync);
        su.userSql = !sync.expression.isEmpty();
        units << su;
    }
    return units;
}

QList<ScriptUnit> MySqlDialect::createSchema(const Schema &schema) const
{
    // Tables first, foreign keys after, so the order of the tables does not matter.
    QList<ScriptUnit> units;
    for (const Table &t : schema.tables)
        units << createTable(t, schema, false);
    for (const Table &t : schema.tables) {
        for (const Constraint &c : t.constraints) {
            if (c.kind != Constraint::Kind::ForeignKey || c.name.isEmpty())
                continue;
            ScriptUnit u;
            QString ignored;
            u.sql = guarded(constraintExists(t.name, c.name, QStringLiteral("FOREIGN KEY")), false,
                            QStringLiteral("ALTER TABLE %1 ADD %2").arg(table(t.name), constraintDefinition(c, &t, &ignored)));
            units << u;
        }
    }
    for (const View &v : schema.views) {
        if (v.definition.isEmpty() && v.baseTable.isEmpty())
            continue;
        ScriptUnit u;
        if (v.definition.isEmpty())
            u.sql = viewStatement(QStringLiteral("CREATE OR REPLACE VIEW"), v) + QStringLiteral(";\n");
        else
            u.sql = QStringLiteral("CREATE OR REPLACE VIEW %1 AS\n%2;\n").arg(table(v.name), v.definition.trimmed());
        u.userSql = !v.definition.isEmpty();
        units << u;
    }
    return units;
}

int MySqlDialect::closingQuote(const QString &sql, int at)
{
    const QChar quote = sql.at(at);
    const int n = int(sql.size());
    int j = at + 1;
    while (j < n) {
        if (quote != QLatin1Char('`') && sql.at(j) == QLatin1Char('\\')) {
            j += 2;
            continue;
        }
        if (sql.at(j) == quote) {
            if (j + 1 < n && sql.at(j + 1) == quote) {
                j += 2;
                continue;
            }
            return j;
        }
        ++j;
    }
    return n;
}

QStringList MySqlDialect::splitStatements(const QString &sql) const
{
    // As the mysql client reads a file: a statement ends at the delimiter outside quotes,
    // backticks and comments; a line `DELIMITER x` at the start of a statement sets the
    // delimiter and is not sent. Backslash escapes inside '…' and "…" (not inside `…`).
    QStringList out;
    QString current;
    bool hasCode = false; // the statement has more than whitespace and comments
    QString delimiter = QStringLiteral(";");
    const int n = sql.size();
    auto flush = [&]() {
        if (hasCode)
            out << current.trimmed();
        current.clear();
        hasCode = false;
    };
    static const QRegularExpression delimiterLine(QStringLiteral(R"(\G[ \t]*DELIMITER[ \t]+(\S+)[^\n]*(\n|$))"),
                                                  QRegularExpression::CaseInsensitiveOption);
    bool lineStart = true;
    for (int i = 0; i < n; ++i) {
        const QChar ch = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
        if (lineStart && !hasCode) {
            // Only this line is matched: PCRE checks the whole subject's UTF-16 at every match,
            // and this runs at every line start (quadratic: 20,000 tables took 13 s).
            const qsizetype end = sql.indexOf(QLatin1Char('\n'), i);
            const QStringView line = QStringView(sql).mid(i, (end < 0 ? n : end + 1) - i);
            const auto m = delimiterLine.match(line);
            if (m.hasMatch()) {
                delimiter = m.captured(1);
                current.clear();
                i += int(m.capturedEnd()) - 1;
                lineStart = true;
                continue;
            }
        }
        lineStart = ch == QLatin1Char('\n');
        if (ch == QLatin1Char('\'') || ch == QLatin1Char('"') || ch == QLatin1Char('`')) {
            const int j = closingQuote(sql, i);
            current += sql.mid(i, j - i + 1);
            hasCode = true;
            i = j;
            continue;
        }
        // `--` starts a comment only before a space or a control character (MySQL manual,
        // Comments); `#` always.
        const bool dashes = ch == QLatin1Char('-') && next == QLatin1Char('-')
                            && (i + 2 >= n || sql.at(i + 2).isSpace() || sql.at(i + 2).category() == QChar::Other_Control);
        if (dashes || ch == QLatin1Char('#')) {
            int j = sql.indexOf(QLatin1Char('\n'), i);
            if (j < 0)
                j = n;
            current += sql.mid(i, j - i);
            i = j - 1;
            continue;
        }
        if (ch == QLatin1Char('/') && next == QLatin1Char('*')) {
            // /*! … */ is code for MySQL (a versioned comment); /* … */ is a comment.
            int j = sql.indexOf(QStringLiteral("*/"), i + 2);
            j = j < 0 ? n : j + 2;
            current += sql.mid(i, j - i);
            if (i + 2 < n && sql.at(i + 2) == QLatin1Char('!'))
                hasCode = true;
            i = j - 1;
            continue;
        }
        if (QStringView(sql).mid(i).startsWith(delimiter, Qt::CaseInsensitive)) {
            flush();
            i += delimiter.size() - 1;
            continue;
        }
        current += ch;
        if (!ch.isSpace())
            hasCode = true;
    }
    flush();
    return out;
}

QString MySqlDialect::identifierProblem(const QString &name) const
{
    const QString problem = Dialect::identifierProblem(name);
    if (!problem.isEmpty() || name.toUcs4().size() <= MaxIdentifierLength)
        return problem;
    return QStringLiteral("the name is %1 characters long; MySQL allows at most %2")
        .arg(name.toUcs4().size())
        .arg(MaxIdentifierLength);
}

bool MySqlDialect::isVolatileDefault(const QString &defaultSql) const
{
    return !defaultSql.trimmed().isEmpty() && !SqlText::functionCalls(defaultSql).isEmpty();
}

bool MySqlDialect::isMetadataOnlyTypeChange(const QString &from, const QString &to) const
{
    // utf8mb4: up to 63 characters need one length byte; a longer varchar in place only while
    // the length byte count stays the same.
    TypeShape a, b;
    if (!parseType(from, &a) || !parseType(to, &b))
        return false;
    const int n = a.length, m = b.length;
    return a.varchar && b.varchar && n > 0 && m >= n && ((n * 4 > 255) || (m * 4 <= 255));
}

QStringList MySqlDialect::commonTypes() const
{
    return {QStringLiteral("int"), QStringLiteral("bigint"), QStringLiteral("decimal(12,2)"),
            QStringLiteral("tinyint(1)"), QStringLiteral("varchar(255)"), QStringLiteral("text"),
            QStringLiteral("date"), QStringLiteral("datetime"), QStringLiteral("timestamp"),
            QStringLiteral("json")};
}

} // namespace Tideline
