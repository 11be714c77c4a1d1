// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitedialect.h"

#include <engine/schemaops.h>

#include <QRegularExpression>
#include <QSet>

#include <sqlite3.h>

// SQLite's idioms (research/refactoring-catalog.md §3, §4, §5):
//
// * No conditional DDL beyond IF [NOT] EXISTS on tables, indexes and triggers, and no
//   procedural IF: every unit whose statement cannot say IF NOT EXISTS carries a `guard`
//   query (on pragma_table_info & co.) that the runner evaluates first. A row means "already
//   applied, skip". Guards also answer "skip" when the change no longer applies (the column it
//   touches is gone), so a release can be run again after its contract.
// * ALTER TABLE only adds, drops and renames columns. Everything else (NOT NULL either way,
//   constraints, a type swap that keeps the column's place) is the rebuild that sqlite.org
//   documents ("Making Other Kinds Of Table Schema Changes"), in a transaction: the rows step
//   aside, the table is dropped and created again with its target definition, the rows come
//   back, the indexes are recreated (see Writer::rebuild for the order). The target comes from
//   applySchemaOp(), so the table the SQL builds is the one the engine computed. A rebuild
//   also drops the table's triggers: Tideline's own sync triggers only live between a type
//   change's expand and its swap, and the swap is the rebuild that drops them anyway; other
//   triggers, and indexes the plan does not know, are lost (the plan has to declare them).
// * Backfills are one UPDATE of the rows still NULL, not batches: see backfill() below.

namespace Tideline {

namespace {

const QString Indent = QStringLiteral("    ");

bool isIntegerType(const QString &type)
{
    static const QRegularExpression integer(
        QStringLiteral("^\\s*(int|integer|int2|int4|int8|smallint|bigint|serial|serial4|bigserial|"
                       "serial8|smallserial)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    return integer.match(type).hasMatch();
}

/** True when @p table's primary key is the rowid: one identity column of an integer type. */
bool isRowidKey(const Table &table, const Column &column)
{
    return table.primaryKey.size() == 1 && table.primaryKey.first() == column.name
           && column.identity && isIntegerType(column.type);
}

/** A default SQLite accepts without parentheses (and ALTER TABLE ADD COLUMN accepts at all). */
bool isLiteral(const QString &value)
{
    static const QRegularExpression literal(
        QStringLiteral("^(?:[+-]?\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|[+-]?\\.\\d+(?:[eE][+-]?\\d+)?"
                       "|'(?:[^']|'')*'|[xX]'[0-9a-fA-F]*'|NULL|TRUE|FALSE)$"),
        QRegularExpression::CaseInsensitiveOption);
    return literal.match(value.trimmed()).hasMatch();
}

bool isCurrentTime(const QString &value)
{
    static const QRegularExpression current(
        QStringLiteral("^CURRENT_(?:TIME|DATE|TIMESTAMP)$"), QRegularExpression::CaseInsensitiveOption);
    return current.match(value.trimmed()).hasMatch();
}

} // namespace

QString SqliteDialect::quoteIdentifier(const QString &identifier) const
{
    QString quoted = identifier;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString SqliteDialect::mapType(const QString &type) const
{
    const QString t = type.trimmed();
    const QString lower = t.toLower();
    // SQLite derives a column's affinity from the declared text, so most PostgreSQL spellings
    // (varchar(n), numeric(p,s), timestamp with time zone, boolean) keep their meaning as
    // written. Only what its grammar rejects, or what would lose the rowid, is rewritten.
    if (lower.endsWith(QLatin1String("[]")))
        return QStringLiteral("text"); // no arrays: the application stores JSON text
    if (lower == QLatin1String("bytea"))
        return QStringLiteral("blob");
    if (lower.contains(QLatin1String("serial")))
        return QStringLiteral("integer");
    static const QRegularExpression plain(
        QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(?: [A-Za-z_][A-Za-z0-9_]*)*"
                       "(?:\\s*\\(\\s*[+-]?\\d+\\s*(?:,\\s*[+-]?\\d+\\s*)?\\))?$"));
    if (plain.match(t).hasMatch())
        return t;
    // Anything else is not SQLite's type grammar (and might be an injection attempt): a quoted
    // type name still gives the column an affinity from its text.
    return quoteIdentifier(t);
}

QString SqliteDialect::mapDefault(const QString &defaultValue)
{
    QString value = defaultValue.trimmed();
    static const QRegularExpression now(QStringLiteral("^(?:now\\(\\)|current_timestamp(?:\\(\\))?|"
                                                       "localtimestamp|transaction_timestamp\\(\\))$"),
                                        QRegularExpression::CaseInsensitiveOption);
    if (now.match(value).hasMatch())
        return QStringLiteral("CURRENT_TIMESTAMP");
    // PostgreSQL writes defaults with casts ('x'::character varying, 0::numeric): drop the cast
    // when what is left is a plain literal.
    static const QRegularExpression cast(
        QStringLiteral("^(.*?)(?:::[A-Za-z_][A-Za-z0-9_ ]*(?:\\([0-9, ]*\\))?)+$"));
    const QRegularExpressionMatch m = cast.match(value);
    if (m.hasMatch() && isLiteral(m.captured(1)))
        value = m.captured(1).trimmed();
    if (value.startsWith(QLatin1Char('(')) && value.endsWith(QLatin1Char(')'))
        && isLiteral(value.mid(1, value.size() - 2)))
        value = value.mid(1, value.size() - 2).trimmed();
    return value;
}

QStringList SqliteDialect::syncTriggerNames(const QString &table, const QString &column)
{
    const QString base = QStringLiteral("tideline_sync_%1_%2").arg(table, column);
    return {base + QStringLiteral("_insert"), base + QStringLiteral("_update")};
}

namespace {

/** SQL generation against one dialect object; keeps the helpers short to call. */
class Writer
{
public:
    explicit Writer(const SqliteDialect &dialect)
        : m_d(dialect)
    {
    }

    QString q(const QString &identifier) const { return m_d.quoteIdentifier(identifier); }
    QString lit(const QString &text) const { return m_d.quoteString(text); }

    QString list(const QStringList &names) const
    {
        QStringList quoted;
        for (const QString &n : names)
            quoted << q(n);
        return quoted.join(QStringLiteral(", "));
    }

    QString columnDefinition(const Table &table, const Column &column) const
    {
        QString sql = q(column.name) + QLatin1Char(' ');
        if (isRowidKey(table, column)) {
            // Exactly "INTEGER PRIMARY KEY": only this spelling makes the column the rowid,
            // which SQLite fills on insert (the plan's identity). AUTOINCREMENT is not needed:
            // it only forbids reusing the ids of deleted rows at the end of the table.
            sql += QStringLiteral("INTEGER NOT NULL");
            for (const Constraint &c : table.constraints) {
                if (c.kind == Constraint::Kind::PrimaryKey && !c.name.isEmpty())
                    sql += QStringLiteral(" CONSTRAINT ") + q(c.name);
            }
            return sql + QStringLiteral(" PRIMARY KEY");
        }
        sql += m_d.mapType(column.type);
        if (!column.nullable)
            sql += QStringLiteral(" NOT NULL");
        if (column.hasDefault())
            sql += QStringLiteral(" DEFAULT ") + defaultClause(column.defaultValue);
        return sql;
    }

    static QString defaultClause(const QString &value)
    {
        const QString mapped = SqliteDialect::mapDefault(value);
        // CREATE TABLE takes literals and CURRENT_* bare; any other expression in parentheses.
        if (isLiteral(mapped) || isCurrentTime(mapped))
            return mapped;
        return QLatin1Char('(') + mapped + QLatin1Char(')');
    }

    QString constraintClause(const Constraint &c) const
    {
        QString sql;
        if (!c.name.isEmpty())
            sql = QStringLiteral("CONSTRAINT ") + q(c.name) + QLatin1Char(' ');
        switch (c.kind) {
        case Constraint::Kind::PrimaryKey:
            return sql + QStringLiteral("PRIMARY KEY (") + list(c.columns) + QLatin1Char(')');
        case Constraint::Kind::Unique:
            return sql + QStringLiteral("UNIQUE (") + list(c.columns) + QLatin1Char(')');
        case Constraint::Kind::Check:
            return sql + QStringLiteral("CHECK (") + c.expression + QLatin1Char(')');
        case Constraint::Kind::ForeignKey:
            sql += QStringLiteral("FOREIGN KEY (") + list(c.columns) + QStringLiteral(") REFERENCES ")
                   + q(c.refTable);
            if (!c.refColumns.isEmpty())
                sql += QStringLiteral(" (") + list(c.refColumns) + QLatin1Char(')');
            return sql;
        }
        return sql;
    }

    QString createTable(const Table &table, const QString &name, bool ifNotExists) const
    {
        QStringList lines;
        bool rowid = false;
        for (const Column &column : table.columns) {
            rowid = rowid || isRowidKey(table, column);
            lines << Indent + columnDefinition(table, column);
        }
        if (!rowid && !table.primaryKey.isEmpty()) {
            Constraint key;
            key.kind = Constraint::Kind::PrimaryKey;
            key.columns = table.primaryKey;
            for (const Constraint &c : table.constraints) {
                if (c.kind == Constraint::Kind::PrimaryKey)
                    key.name = c.name;
            }
            lines << Indent + constraintClause(key);
        }
        for (const Constraint &c : table.constraints) {
            if (c.kind != Constraint::Kind::PrimaryKey)
                lines << Indent + constraintClause(c);
        }
        return QStringLiteral("CREATE TABLE %1%2 (\n%3\n);")
            .arg(ifNotExists ? QStringLiteral("IF NOT EXISTS ") : QString(),
                 q(name.isEmpty() ? table.name : name), lines.join(QStringLiteral(",\n")));
    }

    QString createIndex(const Table &table, const Index &index) const
    {
        return QStringLiteral("CREATE %1INDEX IF NOT EXISTS %2 ON %3 (%4);")
            .arg(index.unique ? QStringLiteral("UNIQUE ") : QString(), q(index.name),
                 q(table.name), m_d.indexKey(table, index.columns));
    }

    // ---- guards: each returns a row when the unit has nothing (left) to do --------------------

    QString columnWhere(const QString &table, const QString &column, const QString &extra = {}) const
    {
        return QStringLiteral("SELECT 1 FROM pragma_table_info(%1) WHERE name = %2%3")
            .arg(lit(table), lit(column), extra);
    }
    QString columnPresent(const QString &table, const QString &column) const
    {
        return columnWhere(table, column);
    }
    QString columnAbsent(const QString &table, const QString &column) const
    {
        return QStringLiteral("SELECT 1 WHERE NOT EXISTS (%1)").arg(columnWhere(table, column));
    }

    // ---- the rebuild --------------------------------------------------------------------------

    /**
     * Rebuilds @p before's table into @p target. @p sources maps a target column to the column
     * of the old table it is copied from (default: the same name; columns the old table lacks
     * are left to their default).
     */
    QString rebuild(const Table &before, const Table &target,
                    const QMap<QString, QString> &sources = {}) const
    {
        // Not quite sqlite.org's order (new table, copy, drop, rename): that one needs foreign
        // key enforcement switched off, which PRAGMA foreign_keys cannot do inside a
        // transaction, and renaming would make SQLite re-check every view and trigger. Here the
        // rows step aside into a temporary table, and the table is recreated under its own
        // name: with enforcement deferred to COMMIT, the rows that come back satisfy the
        // foreign keys of other tables that the DROP broke for a moment. The defer pragma
        // ends with the transaction by itself.
        const QString aside = QStringLiteral("temp.") + q(QStringLiteral("tideline_old_") + target.name);
        QStringList into, from;
        for (const Column &c : target.columns) {
            const QString source = sources.value(c.name, c.name);
            if (!before.column(source))
                continue;
            into << q(c.name);
            from << q(source);
        }
        QStringList sql;
        sql << QStringLiteral("PRAGMA defer_foreign_keys = ON;");
        sql << QStringLiteral("DROP TABLE IF EXISTS %1;").arg(aside);
        sql << QStringLiteral("CREATE TABLE %1 AS SELECT * FROM %2;").arg(aside, q(before.name));
        sql << QStringLiteral("DROP TABLE %1;").arg(q(before.name));
        sql << createTable(target, {}, false);
        sql << QStringLiteral("INSERT INTO %1 (%2)\n    SELECT %3 FROM %4;")
                   .arg(q(target.name), into.join(QStringLiteral(", ")),
                        from.join(QStringLiteral(", ")), aside);
        sql << QStringLiteral("DROP TABLE %1;").arg(aside);
        for (const Index &index : target.indexes)
            sql << createIndex(target, index);
        return sql.join(QLatin1Char('\n'));
    }

    ScriptUnit rebuildUnit(const Table &before, const Table &target, const QString &guard,
                           const QMap<QString, QString> &sources = {}) const
    {
        ScriptUnit unit;
        unit.sql = rebuild(before, target, sources);
        unit.guard = guard;
        unit.transactional = true; // the copy, drop and rename stand or fall together
        return unit;
    }

    const SqliteDialect &m_d;
};

/** The table @p op leaves behind, as the engine computes it. */
bool tableAfter(const SchemaOp &op, const Schema &before, Table *table)
{
    Schema after = before;
    QSet<QString> filled;
    QString error;
    if (!applySchemaOp(op, &after, &filled, &error) || !after.table(op.table))
        return false;
    *table = *after.table(op.table);
    return true;
}

ScriptUnit unit(const QString &sql, const QString &guard = {})
{
    ScriptUnit u;
    u.sql = sql;
    u.guard = guard;
    return u;
}

OpScript one(const ScriptUnit &u)
{
    OpScript s;
    s.units << u;
    return s;
}

} // namespace

QString SqliteDialect::createTable(const Table &table, const QString &name, bool ifNotExists) const
{
    return Writer(*this).createTable(table, name, ifNotExists);
}

QList<ScriptUnit> SqliteDialect::createSchema(const Schema &schema) const
{
    const Writer w(*this);
    QList<ScriptUnit> units;
    // Foreign keys may name tables created later: SQLite checks them on writes, not on CREATE.
    for (const Table &table : schema.tables) {
        QStringList sql{w.createTable(table, {}, true)};
        for (const Index &index : table.indexes)
            sql << w.createIndex(table, index);
        units << unit(sql.join(QLatin1Char('\n')));
    }
    for (const View &view : schema.views) {
        if (!view.definition.trimmed().isEmpty())
            units << unit(QStringLiteral("CREATE VIEW IF NOT EXISTS %1 AS\n%2;")
                              .arg(w.q(view.name), view.definition.trimmed()));
    }
    // Procedures: SQLite has none; the application holds that logic.
    return units;
}

OpScript SqliteDialect::script(const SchemaOp &op, const Schema &before, const Policy &policy) const
{
    Q_UNUSED(policy) // backfills are not batched on SQLite (see Backfill below)
    using Type = SchemaOp::Type;
    const Writer w(*this);
    const Table *table = before.table(op.table);
    Table target;

    switch (op.type) {
    case Type::AddIndex:
    case Type::DropIndex:
    case Type::DropConstraint:
    case Type::SetDefault:
    case Type::DropDefault:
    case Type::SetComment:
    case Type::DropSyncTrigger:
    {
        // TODO(issue 10): rendered by this dialect in the next commits.
        OpScript out;
        out.offline = true;
        out.offlineReason = QStringLiteral("%1 is not generated yet").arg(SchemaOp::typeName(op.type));
        return out;
    }

    case Type::CreateTable: {
        QStringList sql{w.createTable(op.newTable, {}, true)};
        for (const Index &index : op.newTable.indexes)
            sql << w.createIndex(op.newTable, index);
        return one(unit(sql.join(QLatin1Char('\n'))));
    }

    case Type::AddColumn: {
        const Column &c = op.column;
        const QString guard = w.columnPresent(op.table, c.name);
        const QString mapped = c.hasDefault() ? mapDefault(c.defaultValue) : QString();
        // ADD COLUMN takes a NOT NULL column only with a non-NULL constant default, and no
        // CURRENT_* or parenthesised default: anything else is a rebuild (which fails, as it
        // must, when a NOT NULL column without default meets existing rows).
        const bool simple = (!c.hasDefault() || isLiteral(mapped))
                            && (c.nullable || (c.hasDefault() && mapped.compare(QLatin1String("NULL"),
                                                                               Qt::CaseInsensitive)))
                            && !c.identity;
        if (!simple && table && tableAfter(op, before, &target))
            return one(w.rebuildUnit(*table, target, guard));
        Table host;
        if (table)
            host = *table;
        return one(unit(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2;")
                            .arg(w.q(op.table), w.columnDefinition(host, c)),
                        guard));
    }

    case Type::DropColumn: {
        const QString guard = w.columnAbsent(op.table, op.columnName);
        bool covered = table && table->primaryKey.contains(op.columnName);
        if (table) {
            for (const Constraint &c : table->constraints)
                covered = covered || c.columns.contains(op.columnName);
        }
        // DROP COLUMN refuses a column that a constraint names: the rebuild leaves the
        // constraint out with the column, as applySchemaOp() does.
        if (covered && tableAfter(op, before, &target))
            return one(w.rebuildUnit(*table, target, guard));
        QStringList sql;
        // ... and one that an index covers: those indexes go first (the engine drops them too).
        if (table) {
            for (const Index &index : table->indexes) {
                if (index.columns.contains(op.columnName))
                    sql << QStringLiteral("DROP INDEX IF EXISTS %1;").arg(w.q(index.name));
            }
        }
        sql << QStringLiteral("ALTER TABLE %1 DROP COLUMN %2;").arg(w.q(op.table), w.q(op.columnName));
        return one(unit(sql.join(QLatin1Char('\n')), guard));
    }

    case Type::SetNotNull:
    case Type::DropNotNull: {
        if (!table || !tableAfter(op, before, &target))
            return {};
        // Nothing to do when no column of that name has the other nullability (also when the
        // column has gone since).
        const QString guard = QStringLiteral("SELECT 1 WHERE NOT EXISTS (%1)")
                                  .arg(w.columnWhere(op.table, op.columnName,
                                                     op.type == Type::SetNotNull
                                                         ? QStringLiteral(" AND \"notnull\" = 0")
                                                         : QStringLiteral(" AND \"notnull\" = 1")));
        return one(w.rebuildUnit(*table, target, guard));
    }

    case Type::AddConstraint: {
        if (!table || !tableAfter(op, before, &target))
            return {};
        const Constraint &c = op.constraint;
        QString present;
        switch (c.kind) {
        case Constraint::Kind::ForeignKey: {
            QStringList from;
            for (const QString &column : c.columns)
                from << w.lit(column);
            present = QStringLiteral("SELECT 1 FROM pragma_foreign_key_list(%1) WHERE \"table\" = %2 "
                                     "AND \"from\" IN (%3) GROUP BY id HAVING count(*) = %4")
                          .arg(w.lit(op.table), w.lit(c.refTable), from.join(QStringLiteral(", ")))
                          .arg(c.columns.size());
            break;
        }
        case Constraint::Kind::Unique:
        case Constraint::Kind::PrimaryKey:
            present = QStringLiteral(
                          "SELECT 1 FROM pragma_index_list(%1) AS i WHERE i.\"unique\" = 1 AND "
                          "(SELECT group_concat(name, char(31)) FROM (SELECT name FROM "
                          "pragma_index_info(i.name) ORDER BY seqno)) = %2")
                          .arg(w.lit(op.table), w.lit(c.columns.join(QChar(31))));
            break;
        case Constraint::Kind::Check:
            // A CHECK is only in the table's text: look for the clause exactly as written here.
            present = QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %1 "
                                     "AND instr(sql, %2) > 0")
                          .arg(w.lit(op.table), w.lit(w.constraintClause(c)));
            break;
        }
        QStringList skip{QStringLiteral("EXISTS (%1)").arg(present)};
        for (const QString &column : c.columns)
            skip << QStringLiteral("NOT EXISTS (%1)").arg(w.columnWhere(op.table, column));
        return one(w.rebuildUnit(*table, target,
                                 QStringLiteral("SELECT 1 WHERE ") + skip.join(QStringLiteral(" OR "))));
    }

    case Type::Backfill: {
        // One UPDATE of the rows still NULL, not batches of policy.backfillBatch. SQLite has one
        // writer for the whole database: a batch locks every table just as the full UPDATE does,
        // so batching buys other writers only the gaps between batches, and there is no server
        // fleet to keep answering meanwhile (readers in WAL mode are not blocked either way).
        // Batches would also need a loop, which a plain SQLite script cannot express: the file
        // would have to repeat a batch statement a row-count-dependent number of times. The
        // WHERE keeps it re-runnable and makes the second pass (after the switch) touch only
        // rows the old version wrote meanwhile.
        QString value;
        QString only;
        ScriptUnit u;
        if (!op.expression.isEmpty()) {
            value = QLatin1Char('(') + op.expression + QLatin1Char(')');
            u.userSql = true;
        } else {
            value = w.q(op.sourceColumn);
            only = QStringLiteral(" AND %1 IS NOT NULL").arg(w.q(op.sourceColumn));
            const Column *target = table ? table->column(op.columnName) : nullptr;
            const Column *source = table ? table->column(op.sourceColumn) : nullptr;
            if (target && source && mapType(target->type).compare(mapType(source->type), Qt::CaseInsensitive))
                value = QStringLiteral("CAST(%1 AS %2)").arg(value, mapType(target->type));
        }
        u.sql = QStringLiteral("-- One UPDATE, not batches: SQLite locks the whole database for any write,\n"
                               "-- so batches would not let other writers in any sooner.\n"
                               "UPDATE %1 SET %2 = %3\n    WHERE %2 IS NULL%4;")
                    .arg(w.q(op.table), w.q(op.columnName), value, only);
        u.transactional = false; // one statement: autocommit is its transaction
        return one(u);
    }

    case Type::MoveBackfill: {
        // Find or create by equal values (IS: NULL equals NULL), then point the key at the row.
        // Rows whose moved columns are all NULL have nothing to move and keep a NULL key.
        QStringList sourceColumns, targetColumns, match, matchOuter, anyValue, anySource;
        for (auto it = op.mapping.cbegin(); it != op.mapping.cend(); ++it) {
            sourceColumns << QStringLiteral("s.") + w.q(it.key());
            targetColumns << w.q(it.value());
            match << QStringLiteral("t.%1 IS s.%2").arg(w.q(it.value()), w.q(it.key()));
            matchOuter << QStringLiteral("t.%1 IS %2.%3").arg(w.q(it.value()), w.q(op.table), w.q(it.key()));
            anyValue << QStringLiteral("%1 IS NOT NULL").arg(w.q(it.key()));
            anySource << QStringLiteral("s.%1 IS NOT NULL").arg(w.q(it.key()));
        }
        QStringList sql;
        sql << QStringLiteral("INSERT INTO %1 (%2)\n    SELECT DISTINCT %3 FROM %4 AS s\n"
                              "    WHERE s.%5 IS NULL AND (%6)\n"
                              "      AND NOT EXISTS (SELECT 1 FROM %1 AS t WHERE %7);")
                   .arg(w.q(op.toTable), targetColumns.join(QStringLiteral(", ")),
                        sourceColumns.join(QStringLiteral(", ")), w.q(op.table), w.q(op.key),
                        anySource.join(QStringLiteral(" OR ")),
                        match.join(QStringLiteral(" AND ")));
        sql << QStringLiteral("UPDATE %1 SET %2 = (SELECT min(t.\"id\") FROM %3 AS t WHERE %4)\n"
                              "    WHERE %2 IS NULL AND (%5);")
                   .arg(w.q(op.table), w.q(op.key), w.q(op.toTable),
                        matchOuter.join(QStringLiteral(" AND ")), anyValue.join(QStringLiteral(" OR ")));
        ScriptUnit u = unit(sql.join(QLatin1Char('\n')));
        u.transactional = true; // the rows and the keys that point at them arrive together
        return one(u);
    }

    case Type::AddSyncTrigger: {
        QString value;
        ScriptUnit u;
        if (!op.expression.isEmpty()) {
            value = QLatin1Char('(') + op.expression + QLatin1Char(')');
            u.userSql = true;
        } else {
            const Column *target = table ? table->column(op.columnName) : nullptr;
            value = QStringLiteral("CAST(%1 AS %2)")
                        .arg(w.q(op.sourceColumn), mapType(target ? target->type : QStringLiteral("text")));
        }
        // AFTER triggers update the row just written: the expression then reads the row's new
        // values by their plain column names, as it does in the backfill.
        const QStringList names = syncTriggerNames(op.table, op.columnName);
        const QString body = QStringLiteral("BEGIN\n    UPDATE %1 SET %2 = %3 WHERE rowid = NEW.rowid;\nEND;")
                                 .arg(w.q(op.table), w.q(op.columnName), value);
        u.sql = QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 AFTER INSERT ON %2 FOR EACH ROW\n%3\n"
                               "CREATE TRIGGER IF NOT EXISTS %4 AFTER UPDATE OF %5 ON %2 FOR EACH ROW\n%3")
                    .arg(w.q(names.at(0)), w.q(op.table), body, w.q(names.at(1)), w.q(op.sourceColumn));
        return one(u);
    }

    case Type::SwapColumn: {
        if (!table || !tableAfter(op, before, &target))
            return {};
        // A rebuild, not DROP COLUMN + RENAME COLUMN: the converted column keeps the old one's
        // place, nullability and default, and the new type is declared, not just stored.
        QStringList sql;
        for (const QString &trigger : syncTriggerNames(op.table, op.newName))
            sql << QStringLiteral("DROP TRIGGER IF EXISTS %1;").arg(w.q(trigger));
        sql << w.rebuild(*table, target, {{op.columnName, op.newName}});
        ScriptUnit u = unit(sql.join(QLatin1Char('\n')), w.columnAbsent(op.table, op.newName));
        return one(u);
    }
    }
    return {};
}

QStringList SqliteDialect::splitStatements(const QString &sql) const
{
    // sqlite3_complete() knows where SQLite's own parser ends a statement: not at a ';' in a
    // string, a quoted name, a comment or a trigger body.
    const QByteArray utf8 = sql.toUtf8();
    QStringList statements;
    auto append = [&](const QByteArray &piece) {
        // Leading comments and blank lines are dropped: they are the file's header, and the
        // first line of a statement is what an error message quotes.
        QStringList lines = QString::fromUtf8(piece).split(QLatin1Char('\n'));
        while (!lines.isEmpty()
               && (lines.first().trimmed().isEmpty() || lines.first().trimmed().startsWith(QLatin1String("--"))))
            lines.removeFirst();
        const QString statement = lines.join(QLatin1Char('\n')).trimmed();
        if (!statement.isEmpty() && statement != QLatin1String(";"))
            statements << statement;
    };
    qsizetype start = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        if (utf8.at(i) != ';')
            continue;
        const QByteArray candidate = utf8.mid(start, i - start + 1);
        if (sqlite3_complete(candidate.constData())) {
            append(candidate);
            start = i + 1;
        }
    }
    append(utf8.mid(start)); // a last statement without ';' (comments alone are dropped)
    return statements;
}

} // namespace Tideline
