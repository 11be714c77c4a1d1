// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlserverdialect.h"

#include <QCryptographicHash>
#include <QRegularExpression>

// SQL Server 2016 SP1+. The idioms, and why:
//
// * Batches. Every unit is one batch ended by a `GO` line: CREATE TRIGGER must start a batch,
//   and a batch is compiled as a whole, so statements that use a column added by an earlier
//   unit compile only once that unit has run. Where one batch must create and use something,
//   the later statement goes through sys.sp_executesql (dynamic SQL compiles when it runs).
// * Guards. T-SQL has IF: COL_LENGTH for columns, OBJECT_ID / sys.* for objects, always with
//   the schema-qualified, bracket-quoted name built from the same identifier as the DDL.
// * Constraints are added WITH NOCHECK (no scan under the schema lock) and trusted afterwards
//   with WITH CHECK CHECK CONSTRAINT, in their own batch, so the optimizer may rely on them.
// * Index builds and ALTER COLUMN use WITH (ONLINE = ON): Enterprise (and Azure SQL) only;
//   other editions reject the option, and the script says so.
// * Backfills follow Michael J. Swart's careful batching: a WHILE loop walking the clustered
//   primary key, one batch per statement, outside any transaction.

namespace Tideline {

namespace {

const QString DefaultSchema = QStringLiteral("dbo");

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

QString derivedName(const QString &prefix, const QStringList &parts)
{
    const QByteArray digest
        = QCryptographicHash::hash(parts.join(QChar(0x1f)).toUtf8(), QCryptographicHash::Sha1)
              .toHex()
              .left(12);
    return prefix + QString::fromLatin1(digest);
}

QString batch(const QString &sql)
{
    return sql + QStringLiteral("GO\n");
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
    // N'' keeps non-Latin text (prénom) intact whatever the database's code page.
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QStringLiteral("N'") + quoted + QLatin1Char('\'');
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
    if (base == QLatin1String("smallint") || base == QLatin1String("int2"))
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

QStringList SqlServerDialect::splitStatements(const QString &sql) const
{
    // The client splits batches on lines holding only GO (sqlcmd/SSMS convention).
    static const QRegularExpression go(QStringLiteral(R"(^\s*GO\s*$)"), QRegularExpression::CaseInsensitiveOption);
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

QString SqlServerDialect::objectId(const QString &name) const
{
    return QStringLiteral("OBJECT_ID(%1)").arg(quoteString(table(name)));
}

QString SqlServerDialect::defaultName(const QString &tableName, const QString &column) const
{
    const QString plain = QStringLiteral("DF_%1_%2").arg(tableName, column);
    return plain.size() <= 128 ? plain : derivedName(QStringLiteral("DF_tideline_"), {tableName, column});
}

QString SqlServerDialect::columnDefinition(const QString &tableName, const Column &column,
                                           bool withDefault) const
{
    QString sql = quoteIdentifier(column.name) + QLatin1Char(' ') + mapType(column.type);
    if (column.identity)
        sql += QStringLiteral(" IDENTITY(1,1)");
    sql += column.nullable && !column.identity ? QStringLiteral(" NULL") : QStringLiteral(" NOT NULL");
    if (withDefault && column.hasDefault())
        sql += QStringLiteral(" CONSTRAINT %1 DEFAULT (%2)")
                   .arg(quoteIdentifier(defaultName(tableName, column.name)), column.defaultValue.trimmed());
    return sql;
}

QString SqlServerDialect::constraintDefinition(const Constraint &c) const
{
    QStringList cols;
    for (const QString &col : c.columns)
        cols << quoteIdentifier(col);
    const QString name = quoteIdentifier(c.name);
    switch (c.kind) {
    case Constraint::Kind::PrimaryKey:
        return QStringLiteral("CONSTRAINT %1 PRIMARY KEY CLUSTERED (%2)").arg(name, cols.join(QStringLiteral(", ")));
    case Constraint::Kind::Unique:
        return QStringLiteral("CONSTRAINT %1 UNIQUE NONCLUSTERED (%2)").arg(name, cols.join(QStringLiteral(", ")));
    case Constraint::Kind::Check:
        return QStringLiteral("CONSTRAINT %1 CHECK (%2)").arg(name, c.expression);
    case Constraint::Kind::ForeignKey: {
        QStringList refs;
        for (const QString &col : c.refColumns)
            refs << quoteIdentifier(col);
        return QStringLiteral("CONSTRAINT %1 FOREIGN KEY (%2) REFERENCES %3 (%4)")
            .arg(name, cols.join(QStringLiteral(", ")), table(c.refTable), refs.join(QStringLiteral(", ")));
    }
    }
    return {};
}

QString SqlServerDialect::ifBlock(const QString &condition, const QString &body) const
{
    return QStringLiteral("IF %1\nBEGIN\n%2\nEND;\n").arg(condition, indent(body.trimmed(), 4));
}

QString SqlServerDialect::dropDefault(const QString &tableName, const QString &column) const
{
    // Defaults may carry a system-made name; find it instead of assuming ours.
    return QStringLiteral(
               "DECLARE @tideline_drop nvarchar(max);\n"
               "SELECT @tideline_drop = %1 + QUOTENAME(dc.name)\n"
               "FROM sys.default_constraints AS dc\n"
               "WHERE dc.parent_object_id = %2\n"
               "  AND dc.parent_column_id = COLUMNPROPERTY(%2, %3, 'ColumnId');\n"
               "IF @tideline_drop IS NOT NULL\n"
               "    EXEC sys.sp_executesql @tideline_drop;\n")
        .arg(quoteString(QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT ").arg(table(tableName))),
             objectId(tableName), quoteString(column));
}

QString SqlServerDialect::dropCovering(const Table &t, const QString &column) const
{
    // SQL Server refuses to drop a column that an index or constraint uses.
    QString sql;
    const QString tbl = table(t.name);
    for (const Constraint &c : t.constraints) {
        if (!c.columns.contains(column) || c.name.isEmpty() || c.kind == Constraint::Kind::PrimaryKey)
            continue;
        sql += ifBlock(QStringLiteral("OBJECT_ID(%1) IS NOT NULL").arg(quoteString(quoteIdentifier(DefaultSchema) + QLatin1Char('.') + quoteIdentifier(c.name))),
                       QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2;").arg(tbl, quoteIdentifier(c.name)));
    }
    for (const Index &i : t.indexes) {
        if (!i.columns.contains(column))
            continue;
        sql += ifBlock(QStringLiteral("EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = %1 AND name = %2)")
                           .arg(objectId(t.name), quoteString(i.name)),
                       QStringLiteral("DROP INDEX %1 ON %2;").arg(quoteIdentifier(i.name), tbl));
    }
    return sql;
}

QString SqlServerDialect::triggerName(const QString &tableName, const QString &column) const
{
    return derivedName(QStringLiteral("tideline_sync_"), {tableName, column});
}

QString SqlServerDialect::batchLoop(const Table &t, const QString &pending, const QString &body, int size) const
{
    const Column *key = t.primaryKey.size() == 1 ? t.column(t.primaryKey.first()) : nullptr;
    if (!key) {
        // Without a single-column key there is nothing to walk: one statement.
        return QString(body).replace(QStringLiteral("{range}"), QStringLiteral("1 = 1"))
            .replace(QStringLiteral("{srange}"), QStringLiteral("1 = 1"))
            + QLatin1Char('\n');
    }
    const QString k = quoteIdentifier(key->name);
    // OPTION (RECOMPILE) lets the optimizer see the variables' values, so the
    // `@last IS NULL OR key > @last` test becomes a seek on the clustered key.
    QString step = body;
    step.replace(QStringLiteral("{range}"),
                 QStringLiteral("(@tideline_last IS NULL OR %1 > @tideline_last) AND %1 <= @tideline_next").arg(k));
    step.replace(QStringLiteral("{srange}"),
                 QStringLiteral("(@tideline_last IS NULL OR tideline_src.%1 > @tideline_last) AND tideline_src.%1 <= @tideline_next").arg(k));
    return QStringLiteral(
               "SET NOCOUNT ON;\n"
               "DECLARE @tideline_last %1 = NULL, @tideline_next %1;\n"
               "WHILE 1 = 1\n"
               "BEGIN\n"
               "    SET @tideline_next = NULL;\n"
               "    SELECT @tideline_next = MAX(tideline_batch.tideline_key)\n"
               "    FROM (SELECT TOP (%2) %3 AS tideline_key FROM %4\n"
               "          WHERE %5 AND (@tideline_last IS NULL OR %3 > @tideline_last)\n"
               "          ORDER BY %3) AS tideline_batch\n"
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
        return QStringLiteral("COL_LENGTH(%1, %2) IS NULL").arg(quoteString(tbl), quoteString(column));
    };
    auto columnPresent = [&](const QString &column) {
        return QStringLiteral("COL_LENGTH(%1, %2) IS NOT NULL").arg(quoteString(tbl), quoteString(column));
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

    case Type::CreateTable:
        out.units = createTable(op.newTable, true);
        break;
    case Type::AddColumn:
        // NULL, or NOT NULL with a constant default: metadata only (Enterprise edition; other
        // editions write the default into every row).
        unit(ifBlock(columnMissing(op.column.name),
                     QStringLiteral("ALTER TABLE %1 ADD %2;").arg(tbl, columnDefinition(op.table, op.column, true))));
        break;
    case Type::DropColumn: {
        QString body = dropDefault(op.table, op.columnName);
        if (t)
            body += dropCovering(*t, op.columnName);
        body += QStringLiteral("ALTER TABLE %1 DROP COLUMN %2;").arg(tbl, quoteIdentifier(op.columnName));
        unit(ifBlock(columnPresent(op.columnName), body));
        break;
    }
    case Type::SetNotNull:
    case Type::DropNotNull: {
        const Column *c = t ? t->column(op.columnName) : nullptr;
        if (!c)
            break;
        Column changed = *c;
        changed.nullable = op.type == Type::DropNotNull;
        // ALTER COLUMN restates the full type. Making a column NOT NULL scans the table; ONLINE
        // keeps it readable and writable meanwhile (Enterprise; other editions reject ONLINE).
        const QString online = changed.nullable ? QString() : QStringLiteral(" WITH (ONLINE = ON)");
        unit(ifBlock(QStringLiteral("EXISTS (SELECT 1 FROM sys.columns WHERE object_id = %1 AND name = %2 AND is_nullable = %3)")
                         .arg(objectId(op.table), quoteString(op.columnName), changed.nullable ? QStringLiteral("0") : QStringLiteral("1")),
                     QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2%3;").arg(tbl, columnDefinition(op.table, changed, false), online)));
        break;
    }
    case Type::AddConstraint: {
        Constraint c = op.constraint;
        if (c.name.isEmpty())
            c.name = derivedName(QStringLiteral("tideline_c_"), QStringList{op.table} + c.columns);
        const QString exists = QStringLiteral("OBJECT_ID(%1) IS NULL")
                                   .arg(quoteString(quoteIdentifier(DefaultSchema) + QLatin1Char('.') + quoteIdentifier(c.name)));
        if (c.kind == Constraint::Kind::Check || c.kind == Constraint::Kind::ForeignKey) {
            // NOCHECK: added without reading the table; the second batch then checks the rows
            // and marks the constraint trusted.
            ScriptUnit *add = unit(ifBlock(exists, QStringLiteral("ALTER TABLE %1 WITH NOCHECK ADD %2;").arg(tbl, constraintDefinition(c))));
            add->userSql = c.kind == Constraint::Kind::Check;
            const QString catalog = c.kind == Constraint::Kind::Check ? QStringLiteral("sys.check_constraints")
                                                                       : QStringLiteral("sys.foreign_keys");
            unit(ifBlock(QStringLiteral("EXISTS (SELECT 1 FROM %1 WHERE parent_object_id = %2 AND name = %3 AND is_not_trusted = 1)")
                             .arg(catalog, objectId(op.table), quoteString(c.name)),
                         QStringLiteral("ALTER TABLE %1 WITH CHECK CHECK CONSTRAINT %2;").arg(tbl, quoteIdentifier(c.name))));
        } else {
            // UNIQUE and PRIMARY KEY build an index: online where the edition allows.
            unit(ifBlock(exists, QStringLiteral("ALTER TABLE %1 ADD %2 WITH (ONLINE = ON);").arg(tbl, constraintDefinition(c))));
        }
        break;
    }
    case Type::Backfill: {
        if (!t)
            break;
        const QString target = quoteIdentifier(op.columnName);
        const QString value = op.expression.isEmpty() ? quoteIdentifier(op.sourceColumn)
                                                      : QLatin1Char('(') + op.expression + QLatin1Char(')');
        const QString body = QStringLiteral("UPDATE %1 SET %2 = %3\nWHERE %2 IS NULL AND {range}\nOPTION (RECOMPILE);")
                                 .arg(tbl, target, value);
        QString sql = op.expression.isEmpty() ? QString() : comment(QStringLiteral("user SQL: the backfill expression is the plan's own")) + QLatin1Char('\n');
        ScriptUnit *u = unit(sql + batchLoop(*t, target + QStringLiteral(" IS NULL"), body, policy.backfillBatch));
        u->transactional = false; // each batch commits on its own
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
            const QString s = QStringLiteral("tideline_src.") + quoteIdentifier(it.key());
            const QString d = QStringLiteral("tideline_dst.") + quoteIdentifier(it.value());
            srcCols << s;
            dstCols << quoteIdentifier(it.value());
            // NULL-safe equality; IS NOT DISTINCT FROM needs SQL Server 2022.
            equal << QStringLiteral("(%1 = %2 OR (%1 IS NULL AND %2 IS NULL))").arg(d, s);
            anyValue << s + QStringLiteral(" IS NOT NULL");
        }
        const QString match = equal.join(QStringLiteral("\n    AND "));
        // Find or create: insert the value combinations no target row has yet, then point each
        // row of the batch at the lowest matching id. All-NULL rows keep a NULL key.
        const QString body = QStringLiteral(
            "INSERT INTO %1 (%2)\n"
            "SELECT DISTINCT %3 FROM %4 AS tideline_src\n"
            "WHERE tideline_src.%5 IS NULL AND {srange}\n"
            "  AND (%6)\n"
            "  AND NOT EXISTS (SELECT 1 FROM %1 AS tideline_dst\n"
            "                  WHERE %7);\n"
            "UPDATE tideline_src SET %5 = (\n"
            "    SELECT MIN(tideline_dst.%8) FROM %1 AS tideline_dst\n"
            "    WHERE %7)\n"
            "FROM %4 AS tideline_src\n"
            "WHERE tideline_src.%5 IS NULL AND {srange}\n"
            "OPTION (RECOMPILE);")
            .arg(to, dstCols.join(QStringLiteral(", ")), srcCols.join(QStringLiteral(", ")), tbl, key,
                 anyValue.join(QStringLiteral(" OR ")), match, quoteIdentifier(QStringLiteral("id")));
        ScriptUnit *u = unit(batchLoop(*t, key + QStringLiteral(" IS NULL"), body, policy.backfillBatch));
        u->transactional = false;
        break;
    }
    case Type::AddSyncTrigger: {
        if (!t || t->primaryKey.isEmpty())
            break;
        // No BEFORE triggers: an AFTER trigger rewrites the rows just written. The subquery
        // form keeps the user expression's bare column names bound to the table (a join with
        // `inserted` would make them ambiguous).
        const QString value = op.expression.isEmpty()
                                  ? QStringLiteral("CAST(%1 AS %2)").arg(quoteIdentifier(op.sourceColumn), mapType(t->column(op.columnName) ? t->column(op.columnName)->type : QString()))
                                  : QLatin1Char('(') + op.expression + QLatin1Char(')');
        QStringList keyMatch;
        for (const QString &k : t->primaryKey)
            keyMatch << QStringLiteral("i.%1 = %2.%1").arg(quoteIdentifier(k), tbl);
        const QString sql = QStringLiteral(
            "CREATE OR ALTER TRIGGER %1 ON %2\n"
            "AFTER INSERT, UPDATE\n"
            "AS\n"
            "BEGIN\n"
            "    SET NOCOUNT ON;\n"
            "    -- Only when the source changed, and not for the trigger's own update.\n"
            "    IF NOT UPDATE(%3) OR TRIGGER_NESTLEVEL(@@PROCID) > 1\n"
            "        RETURN;\n"
            "    UPDATE %2 SET %4 = %5\n"
            "    WHERE EXISTS (SELECT 1 FROM inserted AS i WHERE %6);\n"
            "END;\n")
            .arg(quoteIdentifier(DefaultSchema) + QLatin1Char('.') + quoteIdentifier(triggerName(op.table, op.columnName)), tbl,
                 quoteIdentifier(op.sourceColumn), quoteIdentifier(op.columnName), value,
                 keyMatch.join(QStringLiteral(" AND ")));
        ScriptUnit *u = unit((op.expression.isEmpty() ? QString() : comment(QStringLiteral("user SQL: the conversion expression is the plan's own")) + QLatin1Char('\n')) + sql);
        u->userSql = !op.expression.isEmpty();
        break;
    }
    case Type::SwapColumn: {
        const Column *old = t ? t->column(op.columnName) : nullptr;
        const Column *shadow = t ? t->column(op.newName) : nullptr;
        if (!old || !shadow)
            break;
        Column swapped = *old;
        swapped.type = shadow->type;
        // DDL is transactional here: trigger, drop and rename happen at once, so no write can
        // slip between them. The swapped column moves to the end of the table (SQL Server
        // cannot reorder columns); nothing in a query depends on the order.
        QString body = QStringLiteral("BEGIN TRANSACTION;\n");
        body += QStringLiteral("DROP TRIGGER IF EXISTS %1;\n")
                    .arg(quoteIdentifier(DefaultSchema) + QLatin1Char('.') + quoteIdentifier(triggerName(op.table, op.newName)));
        body += dropDefault(op.table, op.columnName);
        body += dropCovering(*t, op.columnName);
        body += QStringLiteral("ALTER TABLE %1 DROP COLUMN %2;\n").arg(tbl, quoteIdentifier(op.columnName));
        body += QStringLiteral("EXEC sys.sp_rename %1, %2, N'COLUMN';\n")
                    .arg(quoteString(tbl + QLatin1Char('.') + quoteIdentifier(op.newName)), quoteString(op.columnName));
        body += QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2;\n").arg(tbl, columnDefinition(op.table, swapped, false));
        if (swapped.hasDefault())
            body += QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 DEFAULT (%3) FOR %4;\n")
                        .arg(tbl, quoteIdentifier(defaultName(op.table, op.columnName)), swapped.defaultValue.trimmed(),
                             quoteIdentifier(op.columnName));
        for (const Index &i : t->indexes) {
            if (!i.columns.contains(op.columnName))
                continue;
            QStringList cols;
            for (const QString &c : i.columns)
                cols << quoteIdentifier(c);
            body += QStringLiteral("CREATE %1INDEX %2 ON %3 (%4);\n")
                        .arg(i.unique ? QStringLiteral("UNIQUE ") : QString(), quoteIdentifier(i.name), tbl,
                             cols.join(QStringLiteral(", ")));
        }
        body += QStringLiteral("COMMIT;");
        unit(ifBlock(columnPresent(op.newName), body));
        if (!old->nullable) {
            out.offline = true;
            out.offlineReason = QStringLiteral(
                "SQL Server checks every row when the swapped column becomes NOT NULL, under the "
                "schema-modification lock the swap holds: reads and writes wait (ALTER TABLE, "
                "ALTER COLUMN)");
        }
        break;
    }
    }
    return out;
}

QList<ScriptUnit> SqlServerDialect::createTable(const Table &t, bool withForeignKeys) const
{
    QStringList lines;
    for (const Column &c : t.columns)
        lines << columnDefinition(t.name, c, true);
    bool hasPk = false;
    bool userSql = false;
    for (const Constraint &c : t.constraints) {
        if (c.kind == Constraint::Kind::ForeignKey && !withForeignKeys)
            continue;
        if (c.kind == Constraint::Kind::PrimaryKey) {
            if (hasPk)
                continue;
            hasPk = true;
        }
        userSql = userSql || c.kind == Constraint::Kind::Check;
        Constraint named = c;
        if (named.name.isEmpty())
            named.name = derivedName(QStringLiteral("tideline_c_"), QStringList{t.name} + c.columns);
        lines << constraintDefinition(named);
    }
    if (!hasPk && !t.primaryKey.isEmpty()) {
        Constraint pk;
        pk.kind = Constraint::Kind::PrimaryKey;
        pk.name = QStringLiteral("PK_") + t.name;
        pk.columns = t.primaryKey;
        lines.insert(t.columns.size(), constraintDefinition(pk));
    }
    QList<ScriptUnit> units;
    ScriptUnit u;
    u.sql = batch(ifBlock(QStringLiteral("OBJECT_ID(%1, N'U') IS NULL").arg(quoteString(table(t.name))),
                          QStringLiteral("CREATE TABLE %1 (\n    %2\n);").arg(table(t.name), lines.join(QStringLiteral(",\n    ")))));
    u.userSql = userSql;
    units << u;
    for (const Index &i : t.indexes) {
        QStringList cols;
        for (const QString &c : i.columns)
            cols << quoteIdentifier(c);
        ScriptUnit idx;
        idx.sql = batch(ifBlock(QStringLiteral("NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = %1 AND name = %2)")
                                    .arg(objectId(t.name), quoteString(i.name)),
                                QStringLiteral("CREATE %1INDEX %2 ON %3 (%4);")
                                    .arg(i.unique ? QStringLiteral("UNIQUE ") : QString(), quoteIdentifier(i.name),
                                         table(t.name), cols.join(QStringLiteral(", ")))));
        units << idx;
    }
    return units;
}

QList<ScriptUnit> SqlServerDialect::createSchema(const Schema &schema) const
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
            u.sql = batch(ifBlock(QStringLiteral("OBJECT_ID(%1) IS NULL")
                                      .arg(quoteString(quoteIdentifier(DefaultSchema) + QLatin1Char('.') + quoteIdentifier(c.name))),
                                  QStringLiteral("ALTER TABLE %1 ADD %2;").arg(table(t.name), constraintDefinition(c))));
            units << u;
        }
    }
    for (const View &v : schema.views) {
        if (v.definition.isEmpty())
            continue;
        ScriptUnit u;
        u.sql = batch(QStringLiteral("CREATE OR ALTER VIEW %1 AS\n%2;\n").arg(table(v.name), v.definition.trimmed()));
        u.userSql = true;
        units << u;
    }
    return units;
}

QString SqlServerDialect::identifierProblem(const QString &name) const
{
    const QString problem = Dialect::identifierProblem(name);
    if (!problem.isEmpty() || name.toUcs4().size() <= MaxIdentifierLength)
        return problem;
    return QStringLiteral("the name is %1 characters long; SQL Server allows at most %2")
        .arg(name.toUcs4().size())
        .arg(MaxIdentifierLength);
}

} // namespace Tideline
