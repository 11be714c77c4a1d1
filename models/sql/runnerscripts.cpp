// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runnerscripts.h"

#include "dialect.h"
#include "postgresdialect.h"
#include "sqlitedialect.h"

#include <QRegularExpression>
#include <QStringList>

namespace Tideline::RunnerScripts {

namespace {

enum class Engine { Postgres, Sqlite, MySql, SqlServer };

Engine engineOf(const Dialect &dialect)
{
    const QString name = dialect.name();
    return name == QLatin1String("sqlite")      ? Engine::Sqlite
           : name == QLatin1String("mysql")     ? Engine::MySql
           : name == QLatin1String("sqlserver") ? Engine::SqlServer
                                                : Engine::Postgres;
}

/** MySQL's SIGNAL keeps at most 128 characters of a message. */
QString shortened(const QString &message, int limit)
{
    return message.size() <= limit ? message : message.left(limit - 1) + QChar(0x2026);
}

/** A query that returns a row when @p table has a column @p column (with @p extra, a condition
 *  on the catalog's row: nullability). */
QString columnQuery(const Dialect &d, const QString &table, const QString &column, const QString &nullable = {})
{
    const QString t = d.quoteString(table), c = d.quoteString(column);
    switch (engineOf(d)) {
    case Engine::Sqlite:
        return QStringLiteral("SELECT 1 FROM pragma_table_info(%1) WHERE name = %2%3")
            .arg(t, c,
                 nullable.isEmpty() ? QString()
                                    : QStringLiteral(" AND \"notnull\" = %1").arg(nullable == QLatin1String("NO") ? 1 : 0));
    case Engine::MySql:
    case Engine::Postgres:
    case Engine::SqlServer:
        break;
    }
    const QString schema = engineOf(d) == Engine::MySql       ? QStringLiteral("DATABASE()")
                           : engineOf(d) == Engine::SqlServer ? QStringLiteral("SCHEMA_NAME()")
                                                              : QStringLiteral("current_schema()");
    return QStringLiteral("SELECT 1 FROM information_schema.columns WHERE table_schema = %1 AND table_name = %2 "
                          "AND column_name = %3%4")
        .arg(schema, t, c, nullable.isEmpty() ? QString() : QStringLiteral(" AND is_nullable = '%1'").arg(nullable));
}

QString tableQuery(const Dialect &d, const QString &table)
{
    const QString t = d.quoteString(table);
    switch (engineOf(d)) {
    case Engine::Sqlite:
        return QStringLiteral("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = %1").arg(t);
    case Engine::MySql:
        return QStringLiteral("SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = %1").arg(t);
    case Engine::SqlServer:
        return QStringLiteral("SELECT 1 FROM information_schema.tables WHERE table_schema = SCHEMA_NAME() AND table_name = %1").arg(t);
    case Engine::Postgres:
        break;
    }
    return QStringLiteral("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = %1").arg(t);
}

/** A query that returns a row when index @p index of @p table exists (and, on PostgreSQL, is
 *  valid: a CREATE INDEX CONCURRENTLY that failed leaves an invalid one behind). */
QString indexQuery(const Dialect &d, const QString &table, const QString &index)
{
    const QString t = d.quoteString(table), i = d.quoteString(index);
    switch (engineOf(d)) {
    case Engine::Sqlite:
        return QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'index' AND tbl_name = %1 AND name = %2").arg(t, i);
    case Engine::MySql:
        return QStringLiteral("SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() "
                              "AND table_name = %1 AND index_name = %2")
            .arg(t, i);
    case Engine::SqlServer:
        return QStringLiteral("SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(%1) AND name = %2").arg(t, i);
    case Engine::Postgres:
        break;
    }
    return QStringLiteral("SELECT 1 FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = "
                          "x.indrelid JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = current_schema() "
                          "AND t.relname = %1 AND i.relname = %2 AND x.indisvalid")
        .arg(t, i);
}

/** A query that returns a row when constraint @p c of @p table exists; empty where the catalog
 *  keeps no constraint names (SQLite keeps them only inside the table's DDL text). */
QString constraintQuery(const Dialect &d, const QString &table, const Constraint &c)
{
    const QString t = d.quoteString(table);
    switch (engineOf(d)) {
    case Engine::Sqlite:
        return {};
    case Engine::MySql:
        return QStringLiteral("SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() "
                              "AND table_name = %1 AND constraint_name = %2")
            .arg(t, d.quoteString(c.kind == Constraint::Kind::PrimaryKey ? QStringLiteral("PRIMARY") : c.name));
    case Engine::SqlServer:
        return QStringLiteral("SELECT 1 FROM information_schema.table_constraints WHERE table_schema = SCHEMA_NAME() "
                              "AND table_name = %1 AND constraint_name = %2")
            .arg(t, d.quoteString(c.name));
    case Engine::Postgres:
        break;
    }
    return QStringLiteral("SELECT 1 FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON "
                          "n.oid = t.relnamespace WHERE n.nspname = current_schema() AND t.relname = %1 AND k.conname = %2")
        .arg(t, d.quoteString(c.name));
}

QString absent(const QString &query)
{
    return QStringLiteral("SELECT 1 WHERE NOT EXISTS (%1)").arg(query);
}

} // namespace

QString requireRow(const Dialect &dialect, const QString &query, const QString &message)
{
    switch (engineOf(dialect)) {
    case Engine::Sqlite:
        // sqlite3 has no IF; a temporary trigger raises the message when the check inserts 0.
        return QStringLiteral("CREATE TEMP TABLE tideline_check (ok INTEGER);\n"
                              "CREATE TEMP TRIGGER tideline_check_fails BEFORE INSERT ON tideline_check WHEN NEW.ok = 0\n"
                              "BEGIN SELECT RAISE(ABORT, %1); END;\n"
                              "INSERT INTO tideline_check SELECT EXISTS (%2);\n"
                              "DROP TABLE tideline_check;")
            .arg(dialect.quoteString(message), query);
    case Engine::MySql:
        // MariaDB runs IF outside a stored program (10.1.1 on); MySQL does not (ERROR 1064), so
        // the sqitch layout's verify and revert are MariaDB's only: RUNBOOK.md and
        // docs/sql-generation.md say so. The client needs DELIMITER for its ';'.
        return QStringLiteral("DELIMITER $$\nIF NOT EXISTS (%1) THEN\n    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = %2;\n"
                              "END IF$$\nDELIMITER ;")
            .arg(query, dialect.quoteString(shortened(message, 128)));
    case Engine::SqlServer:
        return QStringLiteral("IF NOT EXISTS (%1)\n    THROW 50000, %2, 1;").arg(query, dialect.quoteString(message));
    case Engine::Postgres:
        break;
    }
    return QStringLiteral("DO $tideline_check$\nBEGIN\n    IF NOT EXISTS (%1) THEN\n        RAISE EXCEPTION '%', %2;\n"
                          "    END IF;\nEND\n$tideline_check$;")
        .arg(query, dialect.quoteString(message));
}

QString fail(const Dialect &dialect, const QString &message)
{
    return requireRow(dialect, QStringLiteral("SELECT 1 WHERE 1 = 0"), message);
}

namespace {

/**
 * requireRow(), checked only while @p when returns a row: a backfill's check reads columns a
 * later change of the same plan may drop, and `sqitch verify` runs every change's verify again.
 * The inner query is planned only once the outer condition holds (PostgreSQL, MariaDB); SQLite
 * compiles a statement whole, so there the check stands alone.
 */
QString requireRowWhen(const Dialect &dialect, const QString &when, const QString &query, const QString &message)
{
    switch (engineOf(dialect)) {
    case Engine::Sqlite:
    case Engine::SqlServer:
        return requireRow(dialect, query, message);
    case Engine::MySql:
        return QStringLiteral("DELIMITER $$\nIF EXISTS (%1) THEN\n    IF NOT EXISTS (%2) THEN\n"
                              "        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = %3;\n    END IF;\nEND IF$$\nDELIMITER ;")
            .arg(when, query, dialect.quoteString(shortened(message, 128)));
    case Engine::Postgres:
        break;
    }
    return QStringLiteral("DO $tideline_check$\nBEGIN\n    IF EXISTS (%1) THEN\n        IF NOT EXISTS (%2) THEN\n"
                          "            RAISE EXCEPTION '%', %3;\n        END IF;\n    END IF;\nEND\n$tideline_check$;")
        .arg(when, query, dialect.quoteString(message));
}

/** A query that returns a row while every one of @p columns of @p table exists. */
QString columnsExist(const Dialect &d, const QString &table, const QStringList &columns)
{
    QStringList all;
    for (const QString &c : columns)
        all << QStringLiteral("EXISTS (%1)").arg(columnQuery(d, table, c));
    return QStringLiteral("SELECT 1 WHERE %1").arg(all.join(QStringLiteral(" AND ")));
}

/** A query that returns a row while the sync trigger filling @p table.@p column is there (each
 *  trigger it is made of, enabled); with @p any, while any part of it is. */
QString syncTriggerQuery(const Dialect &d, const QString &table, const QString &column, bool any = false)
{
    const QString t = d.quoteString(table);
    switch (engineOf(d)) {
    case Engine::Sqlite: {
        QStringList parts;
        for (const QString &name : SqliteDialect::syncTriggerNames(table, column))
            parts << QStringLiteral("EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %1 "
                                    "AND name = %2)")
                         .arg(t, d.quoteString(name));
        return QStringLiteral("SELECT 1 WHERE ") + parts.join(any ? QStringLiteral(" OR ") : QStringLiteral(" AND "));
    }
    case Engine::MySql: {
        // The names carry a hash of what the trigger computes; what they set names the column.
        QStringList parts;
        for (const QString &event : {QStringLiteral("INSERT"), QStringLiteral("UPDATE")})
            parts << QStringLiteral("EXISTS (SELECT 1 FROM information_schema.triggers WHERE trigger_schema = DATABASE() "
                                    "AND event_object_table = %1 AND event_manipulation = '%2' "
                                    "AND LOCATE('tideline_sync_', trigger_name) = 1 AND LOCATE(%3, action_statement) > 0)")
                         .arg(t, event, d.quoteString(QStringLiteral("SET NEW.") + d.quoteIdentifier(column) + QStringLiteral(" = ")));
        return QStringLiteral("SELECT 1 WHERE ") + parts.join(any ? QStringLiteral(" OR ") : QStringLiteral(" AND "));
    }
    case Engine::SqlServer:
        return QStringLiteral("SELECT 1 FROM sys.triggers WHERE parent_id = OBJECT_ID(%1) AND name LIKE %2%3")
            .arg(t, d.quoteString(QStringLiteral("tideline_sync_%") + column + QLatin1Char('%')),
                 any ? QString() : QStringLiteral(" AND is_disabled = 0"));
    case Engine::Postgres:
        break;
    }
    return QStringLiteral("SELECT 1 FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace n ON "
                          "n.oid = t.relnamespace WHERE n.nspname = current_schema() AND t.relname = %1 AND g.tgname = %2%3")
        .arg(t, d.quoteString(PostgresDialect::syncTriggerName(table, column)),
             any ? QString() : QStringLiteral(" AND g.tgenabled <> 'D'"));
}

/** A query that returns a row when @p table.@p column has a default, and (unless @p value is
 *  empty) that default is @p value as the engine's catalog spells it: PostgreSQL adds casts
 *  ('x'::character varying) and may quote a negative number, SQLite keeps the text it was given
 *  (mapped as the dialect maps it), MariaDB quotes strings and drops outer parentheses. */
QString defaultQuery(const Dialect &d, const QString &table, const QString &column, const QString &value)
{
    const QString t = d.quoteString(table), c = d.quoteString(column), v = value.trimmed();
    const QString bare = v.startsWith(QLatin1Char('(')) && v.endsWith(QLatin1Char(')')) ? v.mid(1, v.size() - 2).trimmed() : v;
    switch (engineOf(d)) {
    case Engine::Sqlite:
        return QStringLiteral("SELECT 1 FROM pragma_table_info(%1) WHERE name = %2 AND dflt_value IS NOT NULL%3")
            .arg(t, c, v.isEmpty() ? QString() : QStringLiteral(" AND dflt_value = %1").arg(d.quoteString(SqliteDialect::mapDefault(v))));
    case Engine::MySql:
        // MariaDB shows a nullable column without a default as the text NULL.
        return columnQuery(d, table, column)
               + QStringLiteral(" AND column_default IS NOT NULL AND column_default <> 'NULL'")
               + (v.isEmpty() ? QString()
                              : QStringLiteral(" AND column_default IN (%1, %2)").arg(d.quoteString(v), d.quoteString(bare)));
    case Engine::SqlServer:
        return columnQuery(d, table, column) + QStringLiteral(" AND column_default IS NOT NULL")
               + (v.isEmpty() ? QString()
                              : QStringLiteral(" AND column_default IN (%1, %2)")
                                    .arg(d.quoteString(QLatin1Char('(') + bare + QLatin1Char(')')),
                                         d.quoteString(QStringLiteral("((") + bare + QStringLiteral("))"))));
    case Engine::Postgres:
        break;
    }
    const QString cast = QStringLiteral("'(::[a-zA-Z_][a-zA-Z0-9_ ]*(\\([0-9, ]*\\))?)+$'");
    return QStringLiteral("SELECT 1 FROM pg_attrdef f JOIN pg_attribute a ON a.attrelid = f.adrelid AND a.attnum = f.adnum "
                          "JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                          "WHERE n.nspname = current_schema() AND t.relname = %1 AND a.attname = %2%3")
        .arg(t, c,
             v.isEmpty() ? QString()
                         : QStringLiteral(" AND regexp_replace(pg_get_expr(f.adbin, f.adrelid), %1, '') IN (%2, %3, "
                                          "regexp_replace(%2, %1, ''), quote_literal(%3))")
                               .arg(cast, d.quoteString(v), d.quoteString(bare)));
}

/** A query that returns a row when @p table (or its @p column) carries the comment @p text (none
 *  when empty); empty where the engine keeps no comments Tideline writes. */
QString commentQuery(const Dialect &d, const QString &table, const QString &column, const QString &text)
{
    const QString t = d.quoteString(table);
    switch (engineOf(d)) {
    case Engine::Sqlite:
    case Engine::SqlServer:
        return {};
    case Engine::MySql:
        if (column.isEmpty())
            return QStringLiteral("SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = %1 "
                                  "AND table_comment = %2")
                .arg(t, d.quoteString(text));
        return columnQuery(d, table, column) + QStringLiteral(" AND column_comment = %1").arg(d.quoteString(text));
    case Engine::Postgres:
        break;
    }
    const QString expected = text.isEmpty() ? QStringLiteral("NULL") : d.quoteString(text);
    if (column.isEmpty())
        return QStringLiteral("SELECT 1 FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = "
                              "current_schema() AND t.relname = %1 AND obj_description(t.oid, 'pg_class') IS NOT DISTINCT FROM %2")
            .arg(t, expected);
    return QStringLiteral("SELECT 1 FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON "
                          "a.attrelid = t.oid WHERE n.nspname = current_schema() AND t.relname = %1 AND a.attname = %2 AND "
                          "NOT a.attisdropped AND col_description(t.oid, a.attnum) IS NOT DISTINCT FROM %3")
        .arg(t, d.quoteString(column), expected);
}

/** MySQL: a query that returns a row when @p table has the storage @p options that are set. */
QString tableOptionsQuery(const Dialect &d, const QString &table, const SchemaOp::TableOptions &options)
{
    QString sql = QStringLiteral("SELECT 1 FROM information_schema.tables t WHERE t.table_schema = DATABASE() AND t.table_name = %1")
                      .arg(d.quoteString(table));
    if (!options.engine.isEmpty())
        sql += QStringLiteral(" AND t.engine = %1").arg(d.quoteString(options.engine));
    if (!options.collation.isEmpty())
        sql += QStringLiteral(" AND t.table_collation = %1").arg(d.quoteString(options.collation));
    if (!options.charset.isEmpty())
        sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM information_schema.collation_character_set_applicability a "
                              "WHERE a.collation_name = t.table_collation AND a.character_set_name = %1)")
                   .arg(d.quoteString(options.charset));
    return sql;
}

/** SQLite: a query that returns a row when the DDL of @p table names constraint @p name (SQLite
 *  keeps constraint names nowhere else). */
QString sqliteDdlNames(const Dialect &d, const QString &table, const QString &name)
{
    return QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %1 AND instr(sql, %2) > 0")
        .arg(d.quoteString(table), d.quoteString(QStringLiteral("CONSTRAINT ") + d.quoteIdentifier(name)));
}

/** PostgreSQL: a query that returns a row when enum type @p type has the label @p value. */
QString enumLabelQuery(const Dialect &d, const QString &type, const QString &value)
{
    if (engineOf(d) != Engine::Postgres)
        return QStringLiteral("SELECT 1 WHERE 1 = 0");
    return QStringLiteral("SELECT 1 FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON "
                          "n.oid = t.typnamespace WHERE n.nspname = current_schema() AND t.typname = %1 AND e.enumlabel = %2")
        .arg(d.quoteString(type), d.quoteString(value));
}

/** MySQL: the columns (table, column) whose enum('…') type AddEnumValue @p op extends. */
QList<QPair<QString, QString>> enumColumns(const SchemaOp &op, const Schema &after)
{
    if (!op.table.isEmpty())
        return {{op.table, op.columnName}};
    QList<QPair<QString, QString>> columns;
    for (const Table &t : after.tables) {
        for (const Column &c : t.columns) {
            if (c.type == op.enumType.name)
                columns.append({t.name, c.name});
        }
    }
    return columns;
}

/** A query that returns a row when procedure @p p exists with as many parameters as it has. */
QString procedureQuery(const Dialect &d, const Procedure &p)
{
    const QString name = d.quoteString(p.name), count = QString::number(p.parameters.size());
    switch (engineOf(d)) {
    case Engine::Sqlite:
        return QStringLiteral("SELECT 1 WHERE 1 = 0");
    case Engine::MySql:
        return QStringLiteral("SELECT 1 FROM information_schema.routines r WHERE r.routine_schema = DATABASE() AND "
                              "r.routine_name = %1 AND (SELECT count(*) FROM information_schema.parameters p WHERE "
                              "p.specific_schema = r.routine_schema AND p.specific_name = r.routine_name AND "
                              "p.ordinal_position > 0) = %2")
            .arg(name, count);
    case Engine::SqlServer:
        return QStringLiteral("SELECT 1 FROM sys.objects o WHERE o.name = %1 AND o.type = 'P' AND (SELECT count(*) FROM "
                              "sys.parameters p WHERE p.object_id = o.object_id) = %2")
            .arg(name, count);
    case Engine::Postgres:
        break;
    }
    return QStringLiteral("SELECT 1 FROM pg_proc WHERE proname = %1 AND pronamespace = to_regnamespace(current_schema())::oid "
                          "AND pronargs = %2")
        .arg(name, count);
}

/** The columns of @p table that @p expression names (as whole words). */
QStringList namedColumns(const Schema &schema, const QString &table, const QString &expression)
{
    QStringList names;
    for (const Column &c : schema.tables.value(table).columns) {
        const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(c.name)));
        if (word.match(expression).hasMatch())
            names << c.name;
    }
    return names;
}

} // namespace

QStringList verifyChecks(const Dialect &d, const SchemaOp &op, const Schema &after, const QStringList &guards)
{
    QStringList checks;
    const auto require = [&](const QString &query, const QString &message) { checks << requireRow(d, query, message); };
    const auto column = [&](const QString &table, const QString &name) {
        require(columnQuery(d, table, name), QStringLiteral("%1.%2 is missing").arg(table, name));
    };
    using T = SchemaOp::Type;
    switch (op.type) {
    case T::AddColumn:
        column(op.table, op.column.name);
        break;
    case T::CreateTable:
        require(tableQuery(d, op.newTable.name), QStringLiteral("table %1 is missing").arg(op.newTable.name));
        for (const Column &c : op.newTable.columns)
            column(op.newTable.name, c.name);
        break;
    case T::DropColumn:
        require(absent(columnQuery(d, op.table, op.columnName)),
                QStringLiteral("%1.%2 is still there").arg(op.table, op.columnName));
        break;
    case T::SetNotNull:
        require(columnQuery(d, op.table, op.columnName, QStringLiteral("NO")),
                QStringLiteral("%1.%2 is not NOT NULL").arg(op.table, op.columnName));
        break;
    case T::DropNotNull:
        require(columnQuery(d, op.table, op.columnName, QStringLiteral("YES")),
                QStringLiteral("%1.%2 is still NOT NULL").arg(op.table, op.columnName));
        break;
    case T::AddIndex:
        require(indexQuery(d, op.table, op.index.name),
                QStringLiteral("index %1 on %2 is missing or invalid").arg(op.index.name, op.table));
        break;
    case T::DropIndex:
        require(absent(indexQuery(d, op.table, op.index.name)),
                QStringLiteral("index %1 on %2 is still there").arg(op.index.name, op.table));
        break;
    case T::RenameIndex:
        require(indexQuery(d, op.table, op.newName), QStringLiteral("index %1 on %2 is missing").arg(op.newName, op.table));
        break;
    case T::AddConstraint: {
        const QString query = constraintQuery(d, op.table, op.constraint);
        if (!query.isEmpty())
            require(query, QStringLiteral("constraint %1 on %2 is missing").arg(op.constraint.name, op.table));
        break;
    }
    case T::DropConstraint: {
        const QString query = constraintQuery(d, op.table, op.constraint);
        if (!query.isEmpty())
            require(absent(query), QStringLiteral("constraint %1 on %2 is still there").arg(op.constraint.name, op.table));
        break;
    }
    case T::Backfill: {
        // Every row has its value: none is still NULL where its source has one.
        // Checked while its columns are there (a later change may drop them).
        const QString source = op.expression.isEmpty() ? d.quoteIdentifier(op.sourceColumn)
                                                       : QStringLiteral("(%1)").arg(op.expression);
        const QStringList used = QStringList{op.columnName}
                                 + (op.expression.isEmpty() ? QStringList{op.sourceColumn}
                                                            : namedColumns(after, op.table, op.expression));
        checks << requireRowWhen(d, columnsExist(d, op.table, used),
                                 absent(QStringLiteral("SELECT 1 FROM %1 WHERE %2 IS NULL AND %3 IS NOT NULL")
                                            .arg(d.quoteIdentifier(op.table), d.quoteIdentifier(op.columnName), source)),
                                 QStringLiteral("%1.%2 still has rows to fill").arg(op.table, op.columnName));
        break;
    }
    case T::MoveBackfill:
        checks << requireRowWhen(d, columnsExist(d, op.table, QStringList{op.key} + op.mapping.keys()),
                       absent(QStringLiteral("SELECT 1 FROM %1 WHERE %2 IS NULL AND (%3)")
                           .arg(d.quoteIdentifier(op.table), d.quoteIdentifier(op.key),
                                [&] {
                                    QStringList any;
                                    for (auto it = op.mapping.cbegin(); it != op.mapping.cend(); ++it)
                                        any << QStringLiteral("%1 IS NOT NULL").arg(d.quoteIdentifier(it.key()));
                                    return any.isEmpty() ? QStringLiteral("1 = 0") : any.join(QStringLiteral(" OR "));
                                }())),
                QStringLiteral("%1.%2 still has rows to fill").arg(op.table, op.key));
        break;
    case T::SwapColumn:
        column(op.table, op.column.name);
        require(absent(columnQuery(d, op.table, op.newName)),
                QStringLiteral("%1.%2 is still there").arg(op.table, op.newName));
        break;
    case T::RenameTable:
        require(tableQuery(d, op.newName), QStringLiteral("table %1 is missing").arg(op.newName));
        break;
    case T::DropTable:
        if (!after.tables.contains(op.table))
            require(absent(tableQuery(d, op.table)), QStringLiteral("table %1 is still there").arg(op.table));
        break;
    case T::CreateView:
        require(tableQuery(d, op.view.name), QStringLiteral("view %1 is missing").arg(op.view.name));
        break;
    case T::DropView:
        require(absent(tableQuery(d, op.view.name)), QStringLiteral("view %1 is still there").arg(op.view.name));
        break;
    case T::AddSyncTrigger:
        require(syncTriggerQuery(d, op.table, op.columnName),
                QStringLiteral("the sync trigger filling %1.%2 is missing").arg(op.table, op.columnName));
        break;
    case T::DropSyncTrigger:
        require(absent(syncTriggerQuery(d, op.table, op.columnName, true)),
                QStringLiteral("the sync trigger filling %1.%2 is still there").arg(op.table, op.columnName));
        break;
    case T::SetDefault:
        require(defaultQuery(d, op.table, op.columnName, op.value),
                QStringLiteral("%1.%2 does not have the default %3").arg(op.table, op.columnName, op.value.trimmed()));
        break;
    case T::DropDefault:
        require(columnQuery(d, op.table, op.columnName), QStringLiteral("%1.%2 is missing").arg(op.table, op.columnName));
        require(absent(defaultQuery(d, op.table, op.columnName, {})),
                QStringLiteral("%1.%2 still has a default").arg(op.table, op.columnName));
        break;
    case T::SetComment:
        if (engineOf(d) == Engine::Sqlite) {
            checks << d.comment(QStringLiteral("%1: SQLite keeps no comments, so there is nothing to check (the step "
                                               "changes nothing in the database).")
                                    .arg(SchemaOp::typeName(op.type)));
            break;
        }
        require(commentQuery(d, op.table, op.columnName, op.value),
                op.columnName.isEmpty() ? QStringLiteral("table %1 does not have the planned comment").arg(op.table)
                                        : QStringLiteral("%1.%2 does not have the planned comment").arg(op.table, op.columnName));
        break;
    case T::SetTableOptions:
        if (engineOf(d) != Engine::MySql) {
            checks << d.comment(QStringLiteral("%1: only MySQL/MariaDB have storage options; nothing to check here.")
                                    .arg(SchemaOp::typeName(op.type)));
            break;
        }
        require(tableOptionsQuery(d, op.table, op.options),
                QStringLiteral("table %1 does not have the planned engine, character set or collation").arg(op.table));
        break;
    case T::RenameConstraint: {
        Constraint renamed = op.constraint;
        renamed.name = op.newName;
        const QString now = constraintQuery(d, op.table, renamed), was = constraintQuery(d, op.table, op.constraint);
        if (now.isEmpty() || now == was) {
            // SQLite keeps names only in the table's DDL; MySQL names every primary key PRIMARY.
            if (engineOf(d) == Engine::Sqlite) {
                require(sqliteDdlNames(d, op.table, op.newName),
                        QStringLiteral("constraint %1 on %2 is missing").arg(op.newName, op.table));
                require(absent(sqliteDdlNames(d, op.table, op.constraint.name)),
                        QStringLiteral("constraint %1 on %2 is still there").arg(op.constraint.name, op.table));
            } else {
                require(now, QStringLiteral("the primary key of %1 is missing").arg(op.table));
            }
            break;
        }
        require(now, QStringLiteral("constraint %1 on %2 is missing").arg(op.newName, op.table));
        require(absent(was), QStringLiteral("constraint %1 on %2 is still there").arg(op.constraint.name, op.table));
        break;
    }
    case T::CreateEnum:
    case T::AddEnumValue: {
        if (engineOf(d) == Engine::Sqlite) {
            checks << fail(d, QStringLiteral("SQLite has no enum types: %1 cannot take effect")
                                  .arg(SchemaOp::typeName(op.type)));
            break;
        }
        const QStringList values = op.type == T::CreateEnum ? op.enumType.values : QStringList{op.value};
        for (const QString &value : values) {
            if (engineOf(d) == Engine::MySql && op.type == T::AddEnumValue) {
                // MySQL's enums are column types: every column of the type lists the value.
                for (const auto &[table, column] : enumColumns(op, after))
                    require(columnQuery(d, table, column)
                                + QStringLiteral(" AND LOCATE(%1, column_type) > 0").arg(d.quoteString(d.quoteString(value))),
                            QStringLiteral("%1.%2 has no enum value %3").arg(table, column, value));
                continue;
            }
            require(enumLabelQuery(d, op.enumType.name, value),
                    QStringLiteral("enum %1 has no value %2").arg(op.enumType.name, value));
        }
        break;
    }
    case T::ReplaceProcedure:
        if (engineOf(d) == Engine::Sqlite) {
            checks << fail(d, QStringLiteral("SQLite has no stored procedures: procedure %1 cannot exist")
                                  .arg(op.procedure.name));
            break;
        }
        require(procedureQuery(d, op.procedure),
                QStringLiteral("procedure %1 with %2 parameter(s) is missing")
                    .arg(op.procedure.name)
                    .arg(op.procedure.parameters.size()));
        break;
    case T::RawSql:
        if (guards.isEmpty())
            checks << d.comment(QStringLiteral("raw_sql without a guard: Tideline cannot verify it (its effect on the "
                                               "schema is unknown). Give the step a \"guard\" query to check it here."));
        break;
    }
    // The units' own "already applied" queries, where the step has them.
    for (const QString &guard : guards)
        require(guard, QStringLiteral("%1 has not taken effect (its guard finds nothing)").arg(SchemaOp::typeName(op.type)));
    return checks;
}

bool inverse(const SchemaOp &op, const Schema &before, SchemaOp *undo, bool *isNothing, QString *why)
{
    using T = SchemaOp::Type;
    *isNothing = false;
    *undo = SchemaOp();
    undo->table = op.table;
    const Table table = before.tables.value(op.table);
    switch (op.type) {
    case T::AddColumn:
        undo->type = T::DropColumn;
        undo->columnName = op.column.name;
        return true;
    case T::CreateTable:
        undo->type = T::DropTable;
        undo->table = op.newTable.name;
        return true;
    case T::SetNotNull:
        undo->type = T::DropNotNull;
        undo->columnName = op.columnName;
        return true;
    case T::DropNotNull:
        undo->type = T::SetNotNull;
        undo->columnName = op.columnName;
        return true;
    case T::AddIndex:
        undo->type = T::DropIndex;
        undo->index = op.index;
        return true;
    case T::DropIndex:
        if (const Index *index = table.index(op.index.name)) {
            undo->type = T::AddIndex;
            undo->index = *index;
            return true;
        }
        *why = QStringLiteral("index %1 was not there before, nothing to put back").arg(op.index.name);
        return false;
    case T::AddConstraint:
        if (op.constraint.kind == Constraint::Kind::PrimaryKey && !table.primaryKey.isEmpty()) {
            *why = QStringLiteral("the primary key of %1 replaced the one it had").arg(op.table);
            return false;
        }
        undo->type = T::DropConstraint;
        undo->constraint = op.constraint;
        return true;
    case T::DropConstraint:
        if (const Constraint *c = table.constraint(op.constraint.name)) {
            undo->type = T::AddConstraint;
            undo->constraint = *c;
            return true;
        }
        *why = QStringLiteral("constraint %1 was not there before, nothing to put back").arg(op.constraint.name);
        return false;
    case T::RenameIndex:
        undo->type = T::RenameIndex;
        undo->index = op.index;
        undo->index.name = op.newName;
        undo->newName = op.index.name;
        return true;
    case T::RenameConstraint:
        undo->type = T::RenameConstraint;
        undo->constraint = op.constraint;
        undo->constraint.name = op.newName;
        undo->newName = op.constraint.name;
        return true;
    case T::SetDefault:
    case T::DropDefault: {
        const Column *c = table.column(op.columnName);
        if (!c) {
            *why = QStringLiteral("column %1.%2 was not there before").arg(op.table, op.columnName);
            return false;
        }
        undo->columnName = op.columnName;
        undo->type = c->defaultValue.isEmpty() ? T::DropDefault : T::SetDefault;
        undo->value = c->defaultValue;
        return true;
    }
    case T::SetComment: {
        undo->type = T::SetComment;
        undo->columnName = op.columnName;
        const Column *c = op.columnName.isEmpty() ? nullptr : table.column(op.columnName);
        undo->value = op.columnName.isEmpty() ? table.comment : c ? c->comment : QString();
        return true;
    }
    case T::AddSyncTrigger:
        undo->type = T::DropSyncTrigger;
        undo->columnName = op.columnName;
        return true;
    case T::CreateView:
        if (!op.replace) {
            undo->type = T::DropView;
            undo->view = op.view;
            return true;
        }
        for (const View &v : before.views) {
            if (v.name == op.view.name) {
                undo->type = T::CreateView;
                undo->view = v;
                undo->replace = true;
                return true;
            }
        }
        *why = QStringLiteral("the earlier definition of view %1 is not known").arg(op.view.name);
        return false;
    case T::DropView:
        for (const View &v : before.views) {
            if (v.name == op.view.name) {
                undo->type = T::CreateView;
                undo->view = v;
                return true;
            }
        }
        *why = QStringLiteral("view %1 was not there before, nothing to put back").arg(op.view.name);
        return false;
    case T::RenameTable:
        if (!op.view.name.isEmpty()) {
            *why = QStringLiteral("%1 left a view under its old name; drop the view and rename %2 back by hand")
                       .arg(op.table, op.newName);
            return false;
        }
        undo->type = T::RenameTable;
        undo->table = op.newName;
        undo->newName = op.table;
        return true;
    case T::Backfill:
    case T::MoveBackfill:
        *isNothing = true; // the values stay; reverting the expand removes what holds them
        return true;
    case T::DropColumn:
        *why = QStringLiteral("dropping %1.%2 lost its values").arg(op.table, op.columnName);
        return false;
    case T::DropTable:
        *why = QStringLiteral("dropping table %1 lost its rows").arg(op.table);
        return false;
    case T::SwapColumn:
        *why = QStringLiteral("swapping %1.%2 dropped the old column and its values").arg(op.table, op.columnName);
        return false;
    case T::DropSyncTrigger:
        *why = QStringLiteral("the sync trigger of %1.%2 is gone and rows written since are not synced").arg(op.table, op.columnName);
        return false;
    case T::SetTableOptions:
        *why = QStringLiteral("the storage options of %1 are converted in place").arg(op.table);
        return false;
    case T::CreateEnum:
    case T::AddEnumValue:
        *why = QStringLiteral("an enum value may be in use, and an engine cannot remove one safely");
        return false;
    case T::ReplaceProcedure:
        *why = QStringLiteral("the earlier body of the procedure is not kept");
        return false;
    case T::RawSql:
        *why = QStringLiteral("raw SQL has no reverse Tideline knows");
        return false;
    }
    return false;
}

} // namespace Tideline::RunnerScripts
