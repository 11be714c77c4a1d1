// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqldialect.h"

#include <QCryptographicHash>
#include <QRegularExpression>

// MySQL 8 (8.0.29+) and MariaDB 10.11. The idioms, and why:
//
// * Guards. MySQL has no ADD COLUMN IF NOT EXISTS and IF only exists inside stored programs,
//   so a guarded statement is built as a string, chosen against information_schema (for
//   table_schema = DATABASE()) or replaced by `DO 0`, and run with PREPARE/EXECUTE. No DELIMITER
//   and no procedure is needed. The DDL sits inside a string literal, so it goes through
//   quoteString() once more; the guard and the DDL are built from the same identifiers.
// * Online DDL. ADD COLUMN asks for ALGORITHM=INSTANT (it fails rather than silently copying the
//   table); other column and index changes ask for ALGORITHM=INPLACE, LOCK=NONE (concurrent DML
//   allowed, even where InnoDB rebuilds the table). What MySQL cannot do online (CHECK
//   constraints, expression defaults) is marked offline with the manual's reason.
// * Backfills. Plain SQL cannot loop, and the runner sends each statement once, so a backfill is
//   one temporary stored procedure (DROP IF EXISTS, CREATE, CALL, DROP): a keyset loop over the
//   primary key that fills one batch per statement, each committed on its own under autocommit.
//   splitStatements() keeps the CREATE PROCEDURE body (BEGIN ... END) in one piece.
// * Sync triggers are BEFORE INSERT/UPDATE triggers created with IF NOT EXISTS (MySQL 8.0.29+,
//   MariaDB 10.1.4+) so that a re-run never opens a window without the trigger.

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

/** TEXT, BLOB and JSON columns take only (expression) defaults on MySQL 8. */
bool isLob(const QString &mappedType)
{
    static const QRegularExpression lob(QStringLiteral(R"(^(TINY|MEDIUM|LONG)?(TEXT|BLOB)$|^JSON$)"));
    return lob.match(mappedType).hasMatch();
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

QString indent(const QString &text, int spaces)
{
    const QString pad(spaces, QLatin1Char(' '));
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (!line.isEmpty())
            line.prepend(pad);
    }
    return lines.join(QLatin1Char('\n'));
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
    // Backslash is an escape character in MySQL strings unless NO_BACKSLASH_ESCAPES is set;
    // doubled it reads as itself in both modes. NUL cannot appear raw.
    QString quoted = text;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    quoted.replace(QChar(0), QStringLiteral("\\0"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString MySqlDialect::mapType(const QString &type) const
{
    static const QRegularExpression shape(QStringLiteral(R"(^([a-z][a-z0-9 ]*?)\s*(\(([^)]*)\))?(\[\])?$)"));
    QString t = type.simplified().toLower();
    // MySQL's own UNSIGNED (a plan imported from MySQL) stays on whatever the rest maps to.
    static const QRegularExpression unsignedSuffix(QStringLiteral(R"(\s+unsigned$)"));
    if (t.contains(unsignedSuffix)) {
        t.remove(unsignedSuffix);
        return mapType(t) + QStringLiteral(" UNSIGNED");
    }
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
    if (base == QLatin1String("bytea") || base == QLatin1String("blob"))
        return QStringLiteral("LONGBLOB");
    if (base == QLatin1String("tinyint") || base == QLatin1String("mediumint")
        || base == QLatin1String("longtext") || base == QLatin1String("mediumtext")
        || base == QLatin1String("tinytext") || base == QLatin1String("longblob")
        || base == QLatin1String("mediumblob") || base == QLatin1String("varbinary")
        || base == QLatin1String("binary") || base == QLatin1String("enum")
        || base == QLatin1String("set") || base == QLatin1String("year")
        || base == QLatin1String("bit"))
        return base.toUpper() + withArgs; // already MySQL's own
    return type;
}

QString MySqlDialect::preamble(const Policy &, Phase phase) const
{
    // DDL waits for a metadata lock behind any open transaction, and everything queued behind
    // it waits too; the default wait is a year. Fail fast instead and let the operator re-run.
    if (phase == Phase::Backfill)
        return {};
    return QStringLiteral("SET SESSION lock_wait_timeout = 10;\n");
}

QString MySqlDialect::table(const QString &name) const
{
    return quoteIdentifier(name);
}

QString MySqlDialect::columnDefinition(const Column &column) const
{
    const QString type = mapType(column.type);
    QString sql = quoteIdentifier(column.name) + QLatin1Char(' ') + type;
    sql += column.nullable && !column.identity ? QStringLiteral(" NULL") : QStringLiteral(" NOT NULL");
    if (column.hasDefault()) {
        if (isLiteral(column.defaultValue) && !isLob(type))
            sql += QStringLiteral(" DEFAULT ") + column.defaultValue.trimmed();
        else
            sql += QStringLiteral(" DEFAULT (") + column.defaultValue.trimmed() + QLatin1Char(')');
    }
    if (column.identity)
        sql += QStringLiteral(" AUTO_INCREMENT");
    return sql;
}

QString MySqlDialect::constraintDefinition(const Constraint &c) const
{
    QStringList cols;
    for (const QString &col : c.columns)
        cols << quoteIdentifier(col);
    const QString name
        = c.name.isEmpty() ? QString() : QStringLiteral("CONSTRAINT ") + quoteIdentifier(c.name) + QLatin1Char(' ');
    switch (c.kind) {
    case Constraint::Kind::PrimaryKey:
        return QStringLiteral("PRIMARY KEY (%1)").arg(cols.join(QStringLiteral(", ")));
    case Constraint::Kind::Unique:
        return name + QStringLiteral("UNIQUE (%1)").arg(cols.join(QStringLiteral(", ")));
    case Constraint::Kind::Check:
        return name + QStringLiteral("CHECK (%1)").arg(c.expression);
    case Constraint::Kind::ForeignKey: {
        QStringList refs;
        for (const QString &col : c.refColumns)
            refs << quoteIdentifier(col);
        return name
               + QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
                     .arg(cols.join(QStringLiteral(", ")), table(c.refTable),
                          refs.join(QStringLiteral(", ")));
    }
    }
    return {};
}

QString MySqlDialect::guarded(const QString &exists, bool runWhenExists, const QString &ddl) const
{
    const QString chosen = quoteString(ddl);
    return QStringLiteral("SET @tideline_sql = IF(EXISTS (%1),\n    %2,\n    %3);\n"
                          "PREPARE tideline_stmt FROM @tideline_sql;\n"
                          "EXECUTE tideline_stmt;\n"
                          "DEALLOCATE PREPARE tideline_stmt;\n")
        .arg(exists,
             runWhenExists ? chosen : quoteString(NoOp),
             runWhenExists ? quoteString(NoOp) : chosen);
}

QString MySqlDialect::columnExists(const QString &tableName, const QString &column,
                                   const QString &extra) const
{
    return QStringLiteral("SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() "
                          "AND table_name = %1 AND column_name = %2%3")
        .arg(quoteString(tableName), quoteString(column), extra);
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

QString MySqlDialect::triggerName(const QString &tableName, const QString &column,
                                  const QString &event) const
{
    return derivedName(QStringLiteral("tideline_sync_"), {tableName, column}) + QLatin1Char('_') + event;
}

/** Keyset loop over the single-column primary key of @p t, @p batch keys at a time. */
QString MySqlDialect::batchProcedure(const Table &t, const QString &pending, const QString &body,
                                     int batch) const
{
    const QString procedure = quoteIdentifier(QStringLiteral("tideline_backfill"));
    const Column *key = t.primaryKey.size() == 1 ? t.column(t.primaryKey.first()) : nullptr;
    QString sql = QStringLiteral("DROP PROCEDURE IF EXISTS %1;\n").arg(procedure);
    if (!key) {
        // Without a single-column key there is nothing to walk; one statement fills every row.
        sql += QStringLiteral("CREATE PROCEDURE %1()\nBEGIN\n%2\nEND;\n")
                   .arg(procedure, indent(QString(body)
                                              .replace(QStringLiteral("{range}"), QStringLiteral("TRUE"))
                                              .replace(QStringLiteral("{srange}"), QStringLiteral("TRUE")),
                                          4));
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
        sql += QStringLiteral(
                   "CREATE PROCEDURE %1()\n"
                   "BEGIN\n"
                   "    DECLARE tideline_last %2 DEFAULT NULL;\n"
                   "    DECLARE tideline_next %2 DEFAULT NULL;\n"
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
                   "END;\n")
                   .arg(procedure, keyType, k, table(t.name), pending)
                   .arg(batch)
                   .arg(indent(step, 8));
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

    case Type::CreateTable: {
        out.units = createTable(op.newTable, true);
        break;
    }
    case Type::AddColumn: {
        QString ddl = QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(tbl, columnDefinition(op.column));
        if (op.column.hasDefault() && (!isLiteral(op.column.defaultValue) || isLob(mapType(op.column.type)))) {
            out.offline = true;
            out.offlineReason = QStringLiteral(
                "MySQL cannot add a column with an expression default (or a default on a TEXT/BLOB/"
                "JSON column) in place: the table is copied and writes are blocked (MySQL manual, "
                "Online DDL Operations: column operations)");
        } else {
            ddl += QStringLiteral(", ALGORITHM=INSTANT");
        }
        unit(guarded(columnExists(op.table, op.column.name), false, ddl));
        break;
    }
    case Type::DropColumn: {
        // MySQL shrinks a multi-column index instead of dropping it, and refuses to drop a
        // column that a foreign key or CHECK uses; drop what the schema model drops, by name.
        QString sql;
        if (t) {
            for (const Constraint &c : t->constraints) {
                if (!c.columns.contains(op.columnName) || c.name.isEmpty())
                    continue;
                if (c.kind == Constraint::Kind::ForeignKey)
                    sql += guarded(constraintExists(op.table, c.name, QStringLiteral("FOREIGN KEY")), true,
                                   QStringLiteral("ALTER TABLE %1 DROP FOREIGN KEY %2").arg(tbl, quoteIdentifier(c.name)));
                else if (c.kind == Constraint::Kind::Check)
                    sql += guarded(constraintExists(op.table, c.name, QStringLiteral("CHECK")), true,
                                   QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(tbl, quoteIdentifier(c.name)));
                else if (c.kind == Constraint::Kind::Unique)
                    sql += guarded(indexExists(op.table, c.name), true,
                                   QStringLiteral("ALTER TABLE %1 DROP INDEX %2%3").arg(tbl, quoteIdentifier(c.name), online));
            }
            for (const Index &i : t->indexes) {
                if (i.columns.contains(op.columnName))
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
        const Column *c = t ? t->column(op.columnName) : nullptr;
        if (!c)
            break;
        Column changed = *c;
        changed.nullable = op.type == Type::DropNotNull;
        // MODIFY restates the whole column; in place with concurrent DML, though InnoDB
        // rebuilds the table. SET NOT NULL fails (strict mode) while NULLs remain.
        unit(guarded(columnExists(op.table, op.columnName,
                                  QStringLiteral(" AND is_nullable = %1")
                                      .arg(quoteString(changed.nullable ? QStringLiteral("NO") : QStringLiteral("YES")))),
                     true,
                     QStringLiteral("ALTER TABLE %1 MODIFY COLUMN %2%3").arg(tbl, columnDefinition(changed), online)));
        break;
    }
    case Type::AddConstraint: {
        const Constraint &c = op.constraint;
        const QString name = c.name.isEmpty()
                                 ? derivedName(QStringLiteral("tideline_c_"), QStringList{op.table} + c.columns)
                                 : c.name;
        Constraint named = c;
        named.name = name;
        switch (c.kind) {
        case Constraint::Kind::Check:
            out.offline = true;
            out.offlineReason = QStringLiteral(
                "MySQL adds a CHECK constraint by copying the table (ALGORITHM=COPY): concurrent "
                "writes are blocked while every row is checked (MySQL manual, Online DDL "
                "Operations: table constraints)");
            unit(guarded(constraintExists(op.table, name, QStringLiteral("CHECK")), false,
                         QStringLiteral("ALTER TABLE %1 ADD %2").arg(tbl, constraintDefinition(named))))
                ->userSql = true;
            break;
        case Constraint::Kind::Unique:
            unit(guarded(constraintExists(op.table, name, QStringLiteral("UNIQUE")), false,
                         QStringLiteral("ALTER TABLE %1 ADD %2%3").arg(tbl, constraintDefinition(named), online)));
            break;
        case Constraint::Kind::PrimaryKey:
            unit(guarded(constraintExists(op.table, QStringLiteral("PRIMARY"), QStringLiteral("PRIMARY KEY")), false,
                         QStringLiteral("ALTER TABLE %1 ADD %2%3").arg(tbl, constraintDefinition(named), online)));
            break;
        case Constraint::Kind::ForeignKey:
            // In place only with foreign_key_checks off (else ALGORITHM=COPY); existing rows
            // are then not checked, as with PostgreSQL's NOT VALID. The catalog adds keys on
            // columns it has just added (all NULL), so nothing goes unchecked there.
            unit(QStringLiteral("SET @tideline_fk_checks = @@SESSION.foreign_key_checks;\n"
                                "SET SESSION foreign_key_checks = 0;\n")
                 + guarded(constraintExists(op.table, name, QStringLiteral("FOREIGN KEY")), false,
                           QStringLiteral("ALTER TABLE %1 ADD %2%3").arg(tbl, constraintDefinition(named), online))
                 + QStringLiteral("SET SESSION foreign_key_checks = @tideline_fk_checks;\n"));
            break;
        }
        break;
    }
    case Type::Backfill: {
        if (!t)
            break;
        const QString target = quoteIdentifier(op.columnName);
        const QString value = op.expression.isEmpty() ? quoteIdentifier(op.sourceColumn)
                                                      : QLatin1Char('(') + op.expression + QLatin1Char(')');
        const QString body = QStringLiteral("UPDATE %1 SET %2 = %3\nWHERE %2 IS NULL AND {range};")
                                 .arg(tbl, target, value);
        ScriptUnit *u = unit((op.expression.isEmpty() ? QString() : comment(QStringLiteral("user SQL: the backfill expression is the plan's own")) + QLatin1Char('\n'))
                             + batchProcedure(*t, target + QStringLiteral(" IS NULL"), body, policy.backfillBatch));
        u->transactional = false;
        u->userSql = !op.expression.isEmpty();
        break;
    }
    case Type::MoveBackfill: {
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
        ScriptUnit *u = unit(batchProcedure(*t, key + QStringLiteral(" IS NULL"), body, policy.backfillBatch));
        u->transactional = false;
        break;
    }
    case Type::AddSyncTrigger: {
        if (!t)
            break;
        QString value;
        if (op.expression.isEmpty()) {
            // Assignment converts as ALTER TABLE ... MODIFY would (and fails in strict mode
            // where it could not), which is what the shadow column stands in for.
            value = QStringLiteral("NEW.") + quoteIdentifier(op.sourceColumn);
        } else {
            // The expression names columns bare; a one-row derived table over NEW gives it
            // those names, so user SQL needs no rewriting.
            QStringList row;
            for (const Column &c : t->columns) {
                if (c.name != op.columnName)
                    row << QStringLiteral("NEW.%1 AS %1").arg(quoteIdentifier(c.name));
            }
            value = QStringLiteral("(SELECT %1 FROM (SELECT %2) AS tideline_row)")
                        .arg(op.expression, row.join(QStringLiteral(", ")));
        }
        QString sql = op.expression.isEmpty() ? QString() : comment(QStringLiteral("user SQL: the conversion expression is the plan's own")) + QLatin1Char('\n');
        for (const QString &event : {QStringLiteral("INSERT"), QStringLiteral("UPDATE")}) {
            sql += QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 BEFORE %2 ON %3 FOR EACH ROW\n"
                                  "    SET NEW.%4 = %5;\n")
                       .arg(quoteIdentifier(triggerName(op.table, op.columnName, event.left(3).toLower())),
                            event, tbl, quoteIdentifier(op.columnName), value);
        }
        unit(sql)->userSql = !op.expression.isEmpty();
        break;
    }
    case Type::SwapColumn: {
        const Column *old = t ? t->column(op.columnName) : nullptr;
        const Column *shadow = t ? t->column(op.newName) : nullptr;
        if (!old || !shadow)
            break;
        Column swapped = *old;
        swapped.type = shadow->type;
        const int at = t->columnIndex(op.columnName);
        const QString place = at == 0 ? QStringLiteral(" FIRST")
                                      : QStringLiteral(" AFTER ") + quoteIdentifier(t->columns.at(at - 1).name);
        QStringList parts;
        QStringList readd;
        for (const Index &i : t->indexes) {
            if (!i.columns.contains(op.columnName))
                continue;
            QStringList cols;
            for (const QString &c : i.columns)
                cols << quoteIdentifier(c);
            parts << QStringLiteral("DROP INDEX ") + quoteIdentifier(i.name);
            readd << QStringLiteral("ADD %1INDEX %2 (%3)")
                         .arg(i.unique ? QStringLiteral("UNIQUE ") : QString(), quoteIdentifier(i.name),
                              cols.join(QStringLiteral(", ")));
        }
        parts << QStringLiteral("DROP COLUMN ") + quoteIdentifier(op.columnName);
        parts << QStringLiteral("CHANGE COLUMN %1 %2%3").arg(quoteIdentifier(op.newName), columnDefinition(swapped), place);
        parts << readd;
        // MySQL DDL is not transactional: without the table lock, a write between dropping the
        // triggers and the swap would reach the old column only and be lost.
        QString sql = QStringLiteral("LOCK TABLES %1 WRITE;\n").arg(tbl);
        for (const QString &event : {QStringLiteral("ins"), QStringLiteral("upd")})
            sql += QStringLiteral("DROP TRIGGER IF EXISTS %1;\n").arg(quoteIdentifier(triggerName(op.table, op.newName, event)));
        sql += guarded(columnExists(op.table, op.newName), true,
                       QStringLiteral("ALTER TABLE %1 %2").arg(tbl, parts.join(QStringLiteral(", "))));
        sql += QStringLiteral("UNLOCK TABLES;\n");
        ScriptUnit *u = unit(sql);
        u->transactional = false; // LOCK TABLES commits any open transaction
        if (!old->nullable) {
            out.offline = true;
            out.offlineReason = QStringLiteral(
                "MySQL makes the swapped column NOT NULL by rebuilding the table, and the swap "
                "holds a write lock throughout so no write is lost (MySQL manual, Online DDL "
                "Operations: making a column NOT NULL rebuilds the table)");
        }
        break;
    }
    }
    return out;
}

QList<ScriptUnit> MySqlDialect::createTable(const Table &t, bool withForeignKeys) const
{
    QStringList lines;
    for (const Column &c : t.columns)
        lines << columnDefinition(c);
    QStringList pk = t.primaryKey;
    for (const Constraint &c : t.constraints) {
        if (c.kind == Constraint::Kind::PrimaryKey && pk.isEmpty())
            pk = c.columns;
    }
    if (!pk.isEmpty()) {
        QStringList cols;
        for (const QString &c : pk)
            cols << quoteIdentifier(c);
        lines << QStringLiteral("PRIMARY KEY (%1)").arg(cols.join(QStringLiteral(", ")));
    }
    bool userSql = false;
    for (const Constraint &c : t.constraints) {
        if (c.kind == Constraint::Kind::PrimaryKey
            || (c.kind == Constraint::Kind::ForeignKey && !withForeignKeys))
            continue;
        userSql = userSql || c.kind == Constraint::Kind::Check;
        lines << constraintDefinition(c);
    }
    for (const Index &i : t.indexes) {
        userSql = userSql || hasExpression(t, i);
        lines << QStringLiteral("%1INDEX %2 (%3)")
                     .arg(i.unique ? QStringLiteral("UNIQUE ") : QString(), quoteIdentifier(i.name),
                          indexKey(t, i.columns));
    }
    ScriptUnit u;
    u.sql = QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n    %2\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n")
                .arg(table(t.name), lines.join(QStringLiteral(",\n    ")));
    u.userSql = userSql;
    return {u};
}

QList<ScriptUnit> MySqlDialect::createSchema(const Schema &schema) const
{
    // Tables first, foreign keys after, so the order of the tables does not matter.
    QList<ScriptUnit> units;
    for (const Table &t : schema.tables)
        units << createTable(t, false);
    for (const Table &t : schema.tables) {
        for (const Constraint &c : t.constraints) {
            if (c.kind != Constraint::Kind::ForeignKey || c.name.isEmpty())
                continue;
            ScriptUnit u;
            u.sql = guarded(constraintExists(t.name, c.name, QStringLiteral("FOREIGN KEY")), false,
                            QStringLiteral("ALTER TABLE %1 ADD %2").arg(table(t.name), constraintDefinition(c)));
            units << u;
        }
    }
    for (const View &v : schema.views) {
        if (v.definition.isEmpty())
            continue;
        ScriptUnit u;
        u.sql = QStringLiteral("CREATE OR REPLACE VIEW %1 AS\n%2;\n").arg(table(v.name), v.definition.trimmed());
        u.userSql = true;
        units << u;
    }
    return units;
}

QStringList MySqlDialect::splitStatements(const QString &sql) const
{
    QStringList out;
    QString current;
    bool hasCode = false; // the statement has more than whitespace and comments
    int depth = 0;        // BEGIN/CASE ... END nesting inside a CREATE statement
    bool compound = false;
    const int n = sql.size();
    auto flush = [&]() {
        if (hasCode)
            out << current.trimmed();
        current.clear();
        hasCode = false;
        depth = 0;
        compound = false;
    };
    for (int i = 0; i < n; ++i) {
        const QChar ch = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
        if (ch == QLatin1Char('\'') || ch == QLatin1Char('"') || ch == QLatin1Char('`')) {
            int j = i + 1;
            while (j < n) {
                if (ch != QLatin1Char('`') && sql.at(j) == QLatin1Char('\\')) {
                    j += 2;
                    continue;
                }
                if (sql.at(j) == ch) {
                    if (j + 1 < n && sql.at(j + 1) == ch) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            current += sql.mid(i, j - i + 1);
            hasCode = true;
            i = j;
            continue;
        }
        if ((ch == QLatin1Char('-') && next == QLatin1Char('-')) || ch == QLatin1Char('#')) {
            int j = sql.indexOf(QLatin1Char('\n'), i);
            if (j < 0)
                j = n;
            current += sql.mid(i, j - i);
            i = j - 1;
            continue;
        }
        if (ch == QLatin1Char('/') && next == QLatin1Char('*')) {
            int j = sql.indexOf(QStringLiteral("*/"), i + 2);
            j = j < 0 ? n : j + 2;
            current += sql.mid(i, j - i);
            i = j - 1;
            continue;
        }
        if (ch.isLetter() || ch == QLatin1Char('_')) {
            int j = i;
            while (j < n && (sql.at(j).isLetterOrNumber() || sql.at(j) == QLatin1Char('_')
                             || sql.at(j) == QLatin1Char('$')))
                ++j;
            const QString word = sql.mid(i, j - i).toUpper();
            if (!hasCode) {
                compound = word == QLatin1String("CREATE");
            }
            if (compound && (word == QLatin1String("BEGIN") || word == QLatin1String("CASE"))) {
                ++depth;
            } else if (compound && word == QLatin1String("END")) {
                // END IF / END LOOP / END WHILE / END REPEAT close blocks that were not counted.
                int k = j;
                while (k < n && sql.at(k).isSpace())
                    ++k;
                int e = k;
                while (e < n && sql.at(e).isLetter())
                    ++e;
                const QString after = sql.mid(k, e - k).toUpper();
                if (after != QLatin1String("IF") && after != QLatin1String("LOOP")
                    && after != QLatin1String("WHILE") && after != QLatin1String("REPEAT"))
                    depth = qMax(0, depth - 1);
            }
            current += sql.mid(i, j - i);
            hasCode = true;
            i = j - 1;
            continue;
        }
        if (ch == QLatin1Char(';') && depth == 0) {
            flush();
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

} // namespace Tideline
