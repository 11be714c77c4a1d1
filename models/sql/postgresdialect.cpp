// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// PostgreSQL idioms (refactoring-catalog.md §3–§5, docs/sql-generation.md):
// * every identifier double-quoted, always, so keywords and hostile names are just names;
// * guards that IF NOT EXISTS cannot express live in DO blocks that ask pg_catalog, with the
//   guard and the DDL built from the same quoted name;
// * constraints arrive NOT VALID and are validated separately (SHARE UPDATE EXCLUSIVE instead of
//   ACCESS EXCLUSIVE for the full scan); NOT NULL goes through a validated CHECK so that
//   SET NOT NULL skips its scan (PostgreSQL 12+);
// * index builds are CONCURRENTLY, outside any transaction, after dropping an invalid leftover
//   of an earlier failed build (IF NOT EXISTS would otherwise accept it);
// * backfills walk the primary key in batches and COMMIT between them inside one top-level DO
//   block (PostgreSQL 11+), so they only touch rows still NULL and never hold a long transaction.
#include "postgresdialect.h"

#include <domain/identifiers.h>

#include <QCryptographicHash>
#include <QRegularExpression>

#include <pg_query.h>

namespace Tideline {

namespace {

// Names of the PL/pgSQL variables in generated DO blocks; unusual enough not to clash with a
// column a user expression refers to.
const QString FromKey = QStringLiteral("tideline_from_key");
const QString ToKey = QStringLiteral("tideline_to_key");

QString join(const QStringList &parts, const char *separator)
{
    return parts.join(QLatin1String(separator));
}

/** @p body between dollar quotes whose tag the body does not contain (names may hold `$$`). */
QString dollarQuoted(const QString &body)
{
    QString tag = QStringLiteral("$tideline$");
    for (int i = 1; body.contains(tag); ++i)
        tag = QStringLiteral("$tideline%1$").arg(i);
    return tag + QLatin1Char('\n') + body + QLatin1Char('\n') + tag;
}

/** A DO block running @p body (PL/pgSQL statements, indented by the caller). */
QString doBlock(const QString &body, const QString &declare = {})
{
    QString text;
    if (!declare.isEmpty())
        text += QStringLiteral("DECLARE\n") + declare + QLatin1Char('\n');
    text += QStringLiteral("BEGIN\n") + body + QStringLiteral("\nEND");
    return QStringLiteral("DO ") + dollarQuoted(text) + QLatin1Char(';');
}

QString indent(const QString &text, int depth = 1)
{
    const QString pad(depth * 4, QLatin1Char(' '));
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (!line.isEmpty())
            line.prepend(pad);
    }
    return lines.join(QLatin1Char('\n'));
}

/** The PL/pgSQL variable type for a key column (serial pseudo-types are not real types). */
QString variableType(const QString &mapped)
{
    if (mapped == QLatin1String("serial"))
        return QStringLiteral("integer");
    if (mapped == QLatin1String("bigserial"))
        return QStringLiteral("bigint");
    if (mapped == QLatin1String("smallserial"))
        return QStringLiteral("smallint");
    return mapped;
}

/** Lifts the statement limit around long but online statements (scans that take no
 *  ACCESS EXCLUSIVE lock: VALIDATE CONSTRAINT, CREATE INDEX CONCURRENTLY), then restores the
 *  policy's limit for the statements after it. */
QString unbounded(const QString &sql, const Policy &policy, const Dialect &dialect)
{
    return QStringLiteral("SET statement_timeout = 0;\n") + sql
           + QStringLiteral("\nSET statement_timeout = %1;").arg(dialect.quoteString(policy.statementTimeout));
}

class Writer
{
public:
    Writer(const PostgresDialect &dialect, const Policy &policy) : m_d(dialect), m_policy(policy) { }

    QString id(const QString &name) const { return m_d.quoteIdentifier(name); }
    QString str(const QString &text) const { return m_d.quoteString(text); }
    QString ids(const QStringList &names) const
    {
        QStringList quoted;
        for (const QString &n : names)
            quoted << id(n);
        return join(quoted, ", ");
    }
    /** The table's oid, or NULL while it does not exist (a guard must not fail). */
    QString regclass(const QString &table) const
    {
        return QStringLiteral("pg_catalog.to_regclass(%1)").arg(str(id(table)));
    }
    QString constraintExists(const QString &table, const QString &name) const
    {
        return QStringLiteral("EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = %1 "
                              "AND conname = %2)")
            .arg(regclass(table), str(PostgresDialect::limitName(name)));
    }
    QString columnExists(const QString &table, const QString &column) const
    {
        return QStringLiteral("EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = %1 "
                              "AND attname = %2 AND NOT attisdropped)")
            .arg(regclass(table), str(column));
    }

    QString columnDdl(const Column &c) const
    {
        QString ddl = id(c.name) + QLatin1Char(' ') + m_d.mapType(c.type);
        if (c.identity)
            ddl += QStringLiteral(" GENERATED BY DEFAULT AS IDENTITY");
        if (!c.nullable)
            ddl += QStringLiteral(" NOT NULL");
        if (c.hasDefault() && !c.identity)
            ddl += QStringLiteral(" DEFAULT ") + c.defaultValue;
        return ddl;
    }

    static QString constraintName(const QString &table, const Constraint &c)
    {
        if (!c.name.isEmpty())
            return PostgresDialect::limitName(c.name);
        // PostgreSQL's own naming, so that an unnamed constraint gets the name it would get anyway.
        static const char *const suffix[] = {"pkey", "key", "check", "fkey"};
        const QString cols = c.kind == Constraint::Kind::PrimaryKey ? QString()
                                                                     : c.columns.join(QLatin1Char('_')) + QLatin1Char('_');
        return PostgresDialect::limitName(table + QLatin1Char('_') + cols
                                          + QLatin1String(suffix[int(c.kind)]));
    }

    static QString indexName(const QString &table, const Index &index)
    {
        if (!index.name.isEmpty())
            return PostgresDialect::limitName(index.name);
        return PostgresDialect::limitName(table + QLatin1Char('_') + index.columns.join(QLatin1Char('_'))
                                          + QStringLiteral("_idx"));
    }

    /** The body of a constraint clause: CHECK (…), UNIQUE (…), FOREIGN KEY … REFERENCES …. */
    QString constraintBody(const Constraint &c) const
    {
        switch (c.kind) {
        case Constraint::Kind::PrimaryKey:
            return QStringLiteral("PRIMARY KEY (%1)").arg(ids(c.columns));
        case Constraint::Kind::Unique:
            return QStringLiteral("UNIQUE (%1)").arg(ids(c.columns));
        case Constraint::Kind::Check:
            return QStringLiteral("CHECK (%1)").arg(c.expression);
        case Constraint::Kind::ForeignKey:
            return QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
                .arg(ids(c.columns), id(c.refTable),
                     ids(c.refColumns.isEmpty() ? QStringList{QStringLiteral("id")} : c.refColumns));
        }
        return {};
    }

    /** CREATE TABLE IF NOT EXISTS with columns, primary key, unique and check constraints;
     *  foreign keys are added afterwards (the referenced table may come later). */
    QString createTable(const Table &t) const
    {
        QStringList lines;
        for (const Column &c : t.columns)
            lines << columnDdl(c);
        bool hasPk = false;
        for (const Constraint &c : t.constraints) {
            if (c.kind == Constraint::Kind::ForeignKey)
                continue;
            hasPk = hasPk || c.kind == Constraint::Kind::PrimaryKey;
            lines << QStringLiteral("CONSTRAINT %1 %2").arg(id(constraintName(t.name, c)), constraintBody(c));
        }
        if (!hasPk && !t.primaryKey.isEmpty()) {
            Constraint pk;
            pk.kind = Constraint::Kind::PrimaryKey;
            pk.columns = t.primaryKey;
            lines << QStringLiteral("CONSTRAINT %1 %2").arg(id(constraintName(t.name, pk)), constraintBody(pk));
        }
        return QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n%2\n);")
            .arg(id(t.name), indent(lines.join(QStringLiteral(",\n"))));
    }

    /** Adds @p c (check or foreign key) if missing; NOT VALID when the table may hold rows. */
    QString addConstraintGuarded(const QString &table, const Constraint &c, bool notValid) const
    {
        const QString name = constraintName(table, c);
        return doBlock(indent(QStringLiteral("IF NOT %1 THEN\n    ALTER TABLE %2 ADD CONSTRAINT %3 %4%5;\nEND IF;")
                                  .arg(constraintExists(table, name), id(table), id(name), constraintBody(c),
                                       notValid ? QStringLiteral(" NOT VALID") : QString())));
    }

    /** Validates @p name if it is still NOT VALID; a second run finds it valid (or gone). */
    QString validateGuarded(const QString &table, const QString &name) const
    {
        return unbounded(doBlock(indent(
            QStringLiteral("IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = %1 "
                           "AND conname = %2 AND NOT convalidated) THEN\n"
                           "    ALTER TABLE %3 VALIDATE CONSTRAINT %4;\nEND IF;")
                .arg(regclass(table), str(name), id(table), id(name)))),
                         m_policy, m_d);
    }

    /** Drops an index left INVALID by a failed concurrent build, then builds it online. */
    QString createIndexConcurrently(const QString &table, const QString &name, const QStringList &columns,
                                    bool unique) const
    {
        const QString dropInvalid = doBlock(indent(
            QStringLiteral("IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = %1 "
                           "AND NOT indisvalid) THEN\n"
                           "    -- An earlier concurrent build failed half-way; IF NOT EXISTS would keep it.\n"
                           "    DROP INDEX %2;\nEND IF;")
                .arg(regclass(name), id(name))));
        return dropInvalid + QLatin1Char('\n')
               + unbounded(QStringLiteral("CREATE %1INDEX CONCURRENTLY IF NOT EXISTS %2 ON %3 (%4);")
                               .arg(unique ? QStringLiteral("UNIQUE ") : QString(), id(name), id(table),
                                    ids(columns)),
                           m_policy, m_d);
    }

    /** The single-column primary key of @p table, or nullptr (batched statements need one). */
    static const Column *batchKey(const Table *table)
    {
        if (!table || table->primaryKey.size() != 1)
            return nullptr;
        return table->column(table->primaryKey.first());
    }

    /**
     * A DO block that walks @p table's key in batches of @p batch over the rows where @p pending
     * holds and runs @p work (statements using FromKey/ToKey as an inclusive key range) on each,
     * committing between batches. Rows @p work leaves pending are passed over, not retried, so
     * an expression that yields NULL cannot loop forever.
     */
    QString batched(const Table &table, const Column &key, const QString &pending, const QString &work,
                    int batch) const
    {
        const QString k = id(key.name);
        const QString t = id(table.name);
        const QString type = variableType(m_d.mapType(key.type));
        const QString body = QStringLiteral(
            "SELECT min(%1) INTO %3 FROM %2 WHERE %4;\n"
            "WHILE %3 IS NOT NULL LOOP\n"
            "    SELECT max(batch.key) INTO %5\n"
            "      FROM (SELECT %1 AS key FROM %2 WHERE %4 AND %1 >= %3 ORDER BY %1 LIMIT %6) AS batch;\n"
            "%7\n"
            "    -- Each batch is its own transaction: locks are short and a rerun resumes.\n"
            "    COMMIT;\n"
            "    SELECT min(%1) INTO %3 FROM %2 WHERE %4 AND %1 > %5;\n"
            "END LOOP;")
                                 .arg(k, t, FromKey, pending, ToKey)
                                 .arg(qMax(1, batch))
                                 .arg(indent(work));
        return doBlock(indent(body), indent(QStringLiteral("%1 %2;\n%3 %2;").arg(FromKey, type, ToKey)));
    }

    QString keyRange(const QString &qualifier, const Column &key) const
    {
        return QStringLiteral("%1%2 BETWEEN %3 AND %4").arg(qualifier, id(key.name), FromKey, ToKey);
    }

private:
    const PostgresDialect &m_d;
    const Policy &m_policy;
};

QString notNullCheckName(const QString &table, const QString &column)
{
    return PostgresDialect::limitName(table + QLatin1Char('_') + column + QStringLiteral("_not_null"));
}

QString syncName(const QString &table, const QString &column)
{
    return PostgresDialect::limitName(QStringLiteral("tideline_sync_") + table + QLatin1Char('_') + column);
}

/** SET or DROP NOT NULL, only when the column does not have it already (the catalog says). */
QString nullability(const Writer &w, const QString &table, const QString &column, bool nullable)
{
    return doBlock(indent(QStringLiteral("IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = %1 "
                                         "AND attname = %2 AND NOT attisdropped AND %3attnotnull) THEN\n"
                                         "    ALTER TABLE %4 ALTER COLUMN %5 %6 NOT NULL;\nEND IF;")
                              .arg(w.regclass(table), w.str(column), nullable ? QString() : QStringLiteral("NOT "),
                                   w.id(table), w.id(column), nullable ? QStringLiteral("DROP") : QStringLiteral("SET"))));
}

/** Statements that make @p column NOT NULL without an ACCESS EXCLUSIVE scan; each is guarded. */
QString setNotNullOnline(const Writer &w, const QString &table, const QString &column)
{
    const QString check = notNullCheckName(table, column);
    const QString add = doBlock(indent(
        QStringLiteral("-- Only while the column is still nullable: a rerun after SET NOT NULL adds nothing.\n"
                       "IF NOT %1\n"
                       "   AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = %2 AND attname = %3\n"
                       "               AND NOT attisdropped AND NOT attnotnull) THEN\n"
                       "    ALTER TABLE %4 ADD CONSTRAINT %5 CHECK (%6 IS NOT NULL) NOT VALID;\n"
                       "END IF;")
            .arg(w.constraintExists(table, check), w.regclass(table), w.str(column), w.id(table), w.id(check),
                 w.id(column))));
    return add + QLatin1Char('\n') + w.validateGuarded(table, check) + QLatin1Char('\n')
           + QStringLiteral("-- The validated check proves there is no NULL, so SET NOT NULL skips its scan (PostgreSQL 12+).\n")
           + nullability(w, table, column, false) + QLatin1Char('\n')
           + QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2;").arg(w.id(table), w.id(check));
}

} // namespace

QString PostgresDialect::limitName(const QString &name)
{
    return Identifiers::fit(name, MaxIdentifierBytes);
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

QString PostgresDialect::quoteIdentifier(const QString &identifier) const
{
    QString quoted = identifier;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
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
        .arg(quoteString(policy.lockTimeout),
             unlimited ? QStringLiteral("0") : quoteString(policy.statementTimeout));
}

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

    switch (op.type) {
    case Type::AddIndex:
    case Type::DropIndex:
    case Type::DropConstraint:
    case Type::SetDefault:
    case Type::DropDefault:
    case Type::SetComment:
    case Type::DropSyncTrigger:
        // TODO(issue 10): rendered by this dialect in the next commits.
        out.offline = true;
        out.offlineReason = QStringLiteral("%1 is not generated yet").arg(SchemaOp::typeName(op.type));
        break;

    case Type::AddColumn:
        unit(QStringLiteral("ALTER TABLE %1 ADD COLUMN IF NOT EXISTS %2;").arg(table, w.columnDdl(op.column)));
        break;

    case Type::DropColumn:
        unit(QStringLiteral("ALTER TABLE %1 DROP COLUMN IF EXISTS %2;").arg(table, w.id(op.columnName)));
        break;

    case Type::SetNotNull:
        // Not transactional: the NOT VALID add (ACCESS EXCLUSIVE, instant) must commit before the
        // validating scan, which then only takes SHARE UPDATE EXCLUSIVE.
        unit(setNotNullOnline(w, op.table, op.columnName), false);
        break;

    case Type::DropNotNull:
        unit(nullability(w, op.table, op.columnName, true));
        break;

    case Type::CreateTable: {
        // A new table is empty: plain index builds and constraints cost nothing here.
        QString sql = w.createTable(op.newTable);
        for (const Index &index : op.newTable.indexes) {
            sql += QStringLiteral("\nCREATE %1INDEX IF NOT EXISTS %2 ON %3 (%4);")
                       .arg(index.unique ? QStringLiteral("UNIQUE ") : QString(),
                            w.id(Writer::indexName(op.newTable.name, index)), w.id(op.newTable.name),
                            w.ids(index.columns));
        }
        unit(sql);
        for (const Constraint &c : op.newTable.constraints) {
            if (c.kind == Constraint::Kind::ForeignKey)
                unit(w.addConstraintGuarded(op.newTable.name, c, false));
        }
        break;
    }

    case Type::AddConstraint: {
        const Constraint &c = op.constraint;
        const QString name = Writer::constraintName(op.table, c);
        if (c.kind == Constraint::Kind::Check || c.kind == Constraint::Kind::ForeignKey) {
            // NOT VALID is instant; VALIDATE scans under a lock that lets reads and writes go on.
            unit(w.addConstraintGuarded(op.table, c, true) + QLatin1Char('\n') + w.validateGuarded(op.table, name),
                 false);
        } else {
            // Unique and primary keys: build the index online, then attach it (instant).
            const QString attach = doBlock(indent(
                QStringLiteral("IF NOT %1 THEN\n    ALTER TABLE %2 ADD CONSTRAINT %3 %4 USING INDEX %3;\nEND IF;")
                    .arg(w.constraintExists(op.table, name), table, w.id(name),
                         c.kind == Constraint::Kind::PrimaryKey ? QStringLiteral("PRIMARY KEY")
                                                                : QStringLiteral("UNIQUE"))));
            unit(w.createIndexConcurrently(op.table, name, c.columns, true) + QLatin1Char('\n') + attach, false);
        }
        break;
    }

    case Type::Backfill: {
        QString value;
        bool user = false;
        if (!op.expression.isEmpty()) {
            value = QStringLiteral("(%1)").arg(op.expression);
            user = true;
        } else {
            const Column *target = current ? current->column(op.columnName) : nullptr;
            value = QStringLiteral("CAST(%1 AS %2)")
                        .arg(w.id(op.sourceColumn), mapType(target ? target->type : QStringLiteral("text")));
        }
        const QString column = w.id(op.columnName);
        const Column *key = Writer::batchKey(current);
        if (!key) {
            unit(QStringLiteral("-- %1 has no single-column primary key to batch by: one UPDATE.\n"
                                "UPDATE %1 SET %2 = %3 WHERE %2 IS NULL;")
                     .arg(table, column, value),
                 true, user);
            break;
        }
        const QString pending = QStringLiteral("%1 IS NULL").arg(column);
        const QString work = QStringLiteral("UPDATE %1 SET %2 = %3\n WHERE %4 AND %5;")
                                 .arg(table, column, value, pending, w.keyRange(QString(), *key));
        unit(w.batched(*current, *key, pending, work, policy.backfillBatch), false, user);
        break;
    }

    case Type::MoveBackfill: {
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
            return QStringLiteral("-- Create the rows missing in %1 (equal values: one row) …\n"
                                  "INSERT INTO %1 (%2)\n"
                                  "SELECT DISTINCT %3 FROM %4 AS src\n"
                                  " WHERE %5%6\n"
                                  "   AND NOT EXISTS (SELECT 1 FROM %1 AS found\n"
                                  "                    WHERE %7);\n"
                                  "-- … then point every row at its match.\n"
                                  "UPDATE %4 AS src SET %8 = (SELECT min(found.%9) FROM %1 AS found\n"
                                  "                            WHERE %7)\n"
                                  " WHERE %5%6;")
                .arg(dst, w.ids(op.mapping.values()), join(srcCols, ", "), table, movable, range, matchText,
                     w.id(op.key), w.id(targetId));
        };
        const Column *key = Writer::batchKey(current);
        if (!key) {
            unit(QStringLiteral("-- %1 has no single-column primary key to batch by: one pass.\n").arg(table)
                     + work(QString()),
                 true);
            break;
        }
        const QString pending = QStringLiteral("%1 IS NULL").arg(w.id(op.key));
        unit(w.batched(*current, *key, pending, work(QStringLiteral(" AND ") + w.keyRange(QStringLiteral("src."), *key)),
                       policy.backfillBatch),
             false);
        break;
    }

    case Type::AddSyncTrigger: {
        const QString name = syncName(op.table, op.columnName);
        const Column *target = current ? current->column(op.columnName) : nullptr;
        QString value;
        bool user = false;
        if (!op.expression.isEmpty()) {
            // The user's expression names columns, not NEW fields: evaluate it over the new row.
            value = QStringLiteral("(SELECT (%1) FROM (SELECT NEW.*) AS tideline_row)").arg(op.expression);
            user = true;
        } else {
            value = QStringLiteral("CAST(NEW.%1 AS %2)")
                        .arg(w.id(op.sourceColumn), mapType(target ? target->type : QStringLiteral("text")));
        }
        const QString body = QStringLiteral("BEGIN\n    NEW.%1 := %2;\n    RETURN NEW;\nEND").arg(w.id(op.columnName), value);
        // One transaction: no moment where writes go through without the trigger.
        unit(QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS %2;\n"
                            "DROP TRIGGER IF EXISTS %1 ON %3;\n"
                            "CREATE TRIGGER %1 BEFORE INSERT OR UPDATE ON %3\n"
                            "    FOR EACH ROW EXECUTE FUNCTION %1();")
                 .arg(w.id(name), dollarQuoted(body), table),
             true, user);
        break;
    }

    case Type::SwapColumn: {
        const Column *old = current ? current->column(op.columnName) : nullptr;
        const QString name = syncName(op.table, op.newName);
        const QString shadow = w.id(op.newName);
        const QString column = w.id(op.columnName);
        QStringList prepare; // online work on the shadow before the short swap
        QStringList swap;    // inside the swap's single statement
        QStringList after;   // validations once the swap committed
        if (old && !old->nullable) {
            const QString check = notNullCheckName(op.table, op.newName);
            prepare << doBlock(indent(QStringLiteral("IF NOT %1 AND %2 THEN\n"
                                                     "    ALTER TABLE %3 ADD CONSTRAINT %4 CHECK (%5 IS NOT NULL) NOT VALID;\n"
                                                     "END IF;")
                                          .arg(w.constraintExists(op.table, check), w.columnExists(op.table, op.newName),
                                               table, w.id(check), shadow)))
                    << w.validateGuarded(op.table, check);
            swap << QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 SET NOT NULL;").arg(table, column)
                 << QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2;").arg(table, w.id(check));
        }
        if (old && old->hasDefault() && !old->identity)
            swap << QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 SET DEFAULT %3;").arg(table, column, old->defaultValue);
        // DROP COLUMN takes the old column's indexes and constraints along; they come back on
        // the renamed column after the swap: indexes online (reads go without them for the
        // build's duration), checks and foreign keys NOT VALID then validated.
        if (current) {
            for (const Index &index : current->indexes) {
                if (index.columns.contains(op.columnName))
                    after << w.createIndexConcurrently(op.table, Writer::indexName(op.table, index), index.columns,
                                                       index.unique);
            }
            for (const Constraint &c : current->constraints) {
                if (!c.columns.contains(op.columnName))
                    continue;
                const QString cname = Writer::constraintName(op.table, c);
                if (c.kind == Constraint::Kind::Check || c.kind == Constraint::Kind::ForeignKey) {
                    after << w.addConstraintGuarded(op.table, c, true) << w.validateGuarded(op.table, cname);
                } else {
                    after << w.createIndexConcurrently(op.table, cname, c.columns, true)
                          << doBlock(indent(QStringLiteral("IF NOT %1 THEN\n    ALTER TABLE %2 ADD CONSTRAINT %3 %4 USING INDEX %3;\nEND IF;")
                                                .arg(w.constraintExists(op.table, cname), table, w.id(cname),
                                                     c.kind == Constraint::Kind::PrimaryKey ? QStringLiteral("PRIMARY KEY")
                                                                                            : QStringLiteral("UNIQUE"))));
                }
            }
        }
        QStringList body{QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2;").arg(w.id(name), table),
                         QStringLiteral("ALTER TABLE %1 DROP COLUMN %2;").arg(table, column),
                         QStringLiteral("ALTER TABLE %1 RENAME COLUMN %2 TO %3;").arg(table, shadow, column)};
        body += swap;
        const QString swapBlock = QStringLiteral("-- One statement, one transaction: the old column and the shadow trade "
                                                 "places at once; a rerun finds no shadow and does nothing.\n")
                                  + doBlock(indent(QStringLiteral("IF %1 THEN\n%2\nEND IF;")
                                                       .arg(w.columnExists(op.table, op.newName), indent(body.join(QLatin1Char('\n'))))))
                                  + QStringLiteral("\nDROP FUNCTION IF EXISTS %1();").arg(w.id(name));
        QStringList all = prepare;
        all << swapBlock;
        all += after;
        unit(all.join(QLatin1Char('\n')), false);
        break;
    }
    }
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
    // Tables first, then foreign keys (any order of tables works), then indexes and views.
    for (const Table &t : schema.tables)
        add(w.createTable(t));
    for (const Table &t : schema.tables) {
        for (const Constraint &c : t.constraints) {
            if (c.kind == Constraint::Kind::ForeignKey)
                add(w.addConstraintGuarded(t.name, c, false));
        }
    }
    for (const Table &t : schema.tables) {
        for (const Index &index : t.indexes) {
            add(QStringLiteral("CREATE %1INDEX IF NOT EXISTS %2 ON %3 (%4);")
                    .arg(index.unique ? QStringLiteral("UNIQUE ") : QString(), w.id(Writer::indexName(t.name, index)),
                         w.id(t.name), indexKey(t, index.columns)));
        }
    }
    for (const View &v : schema.views) {
        if (!v.definition.isEmpty())
            add(QStringLiteral("CREATE OR REPLACE VIEW %1 AS %2;").arg(w.id(v.name), v.definition));
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

} // namespace Tideline
