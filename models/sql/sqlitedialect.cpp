// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitedialect.h"

#include <catalog/carry.h>
#include <review/sqltext.h>
#include <engine/schemaops.h>

#include <QRegularExpression>
#include <QSet>

#include <sqlite3.h>

#include <algorithm>
#include <memory>

// SQLite's idioms (docs/sql-generation.md, section SQLite):
//
// * Every file runs as it stands in `sqlite3 -bail DATABASE < FILE`, and a second run changes
//   nothing. SQLite's only conditional DDL is IF [NOT] EXISTS on tables, indexes, views and
//   triggers: ALTER TABLE ADD/DROP COLUMN cannot be made conditional, so every change of a table
//   is sqlite.org's rebuild ("Making Other Kinds Of Table Schema Changes"): foreign keys off,
//   one transaction, the new table created from the engine's target definition (applySchemaOp),
//   rows copied, the old table dropped, the new one renamed, indexes and triggers created again,
//   foreign keys checked, commit. The copy reads a column that may or may not exist yet (the
//   added column, the shadow of a type change) through SQL name resolution: a correlated
//   subquery names it bare, so it resolves to the old table's column where there is one and to
//   the outer query's fallback (the default, or the column it replaces) where there is not. Run
//   twice, a rebuild builds the same table again from the same rows, row ids and AUTOINCREMENT
//   counter included.
// * A file first checks that what it touches is as it expects (a table's columns, indexes and
//   triggers as they are before or after the change, the columns an index or trigger needs); if
//   not, because a later release has changed it, the check fails ("CHECK constraint failed:
//   tideline: …") inside the transaction, so -bail stops with nothing changed. Such files also
//   carry a `guard` query for `tideline-cli apply`, which skips them then (and when the change is
//   already there, to save the rebuild): a row means "skip", and its text says why.
// * Backfills are one UPDATE of the rows still NULL, not batches (see backfill below); like the
//   rebuild copy, they read the columns they copy from through name resolution, so they still
//   run, and fill nothing, once a later release has dropped those columns. They never name a
//   column that may be missing with a bare double-quoted identifier: SQLite would read it as a
//   string literal and write that text into every row.

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

/** A default SQLite accepts without parentheses. */
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

/** SQLite's own collations: the only ones a script can name without the application's help. */
bool isBuiltinCollation(const QString &name)
{
    for (const char *builtin : {"BINARY", "NOCASE", "RTRIM"}) {
        if (name.compare(QLatin1String(builtin), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

/** Lower case as SQLite's lower() and its identifiers fold it: ASCII letters only. */
QString asciiLower(const QString &text)
{
    QString lower = text;
    for (QChar &c : lower) {
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + 32);
    }
    return lower;
}

/** The column SQLite fills as the rowid (INTEGER PRIMARY KEY), or nullptr. */
const Column *rowidColumn(const Table &table)
{
    if (table.withoutRowid || table.primaryKey.size() != 1)
        return nullptr;
    const Column *c = table.column(table.primaryKey.first());
    return c && c->identity && isIntegerType(c->type) ? c : nullptr;
}

bool sameName(const QString &a, const QString &b)
{
    return asciiLower(a) == asciiLower(b);
}

/** @p base, or @p base with a number, that is none of @p taken (as SQLite compares names). */
QString freeName(const QString &base, const QStringList &taken)
{
    QString name = base;
    for (int n = 2;; ++n) {
        const bool clash = std::any_of(taken.begin(), taken.end(),
                                       [&](const QString &t) { return sameName(t, name); });
        if (!clash)
            return name;
        name = base + QString::number(n);
    }
}

QStringList columnNames(const Table &table)
{
    QStringList names;
    for (const Column &c : table.columns)
        names << c.name;
    return names;
}

/** Names sorted as SQLite's ORDER BY sorts text (BINARY: the bytes of UTF-8). */
QStringList byteSorted(QStringList names)
{
    std::sort(names.begin(), names.end(),
              [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    return names;
}

ScriptUnit unit(const QString &sql, const QString &guard = {})
{
    ScriptUnit u;
    u.sql = sql;
    u.guard = guard;
    // Every file holds its own BEGIN … COMMIT (sqlite3 runs it as it stands), so no runner may
    // wrap it in another transaction.
    u.transactional = false;
    return u;
}

/** A script of one unit that runs by @p route (the route contract of dialect.h). */
OpScript one(const ScriptUnit &u, Route route, bool buildsIndex = false)
{
    OpScript s;
    s.units << u;
    s.route = route;
    s.buildsIndex = buildsIndex;
    return s;
}

/** How a statement names one row of a table: the rowid, or the primary key's columns. */
struct RowKey
{
    QStringList live; // SQL that names the key on the table itself: rowid, or quoted columns
    bool rowid = false;
};

/** Quoted names for the columns of @p key in a derived table, none of them in @p taken. */
template<typename Quoter>
QStringList keyAliases(const Quoter &w, const RowKey &key, QStringList *taken)
{
    QStringList aliases;
    for (int i = 0; i < key.live.size(); ++i) {
        const QString name = freeName(QStringLiteral("tideline_key"), *taken);
        *taken << name;
        aliases << w.q(name);
    }
    return aliases;
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

QString SqliteDialect::normalizeType(const QString &declared)
{
    QString type = declared.simplified().toLower();
    type.replace(QStringLiteral(" ("), QStringLiteral("(")).replace(QStringLiteral("( "), QStringLiteral("("));
    type.replace(QStringLiteral(" )"), QStringLiteral(")"));
    type.replace(QStringLiteral(", "), QStringLiteral(",")).replace(QStringLiteral(" ,"), QStringLiteral(","));
    return type;
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

bool SqliteDialect::isSqliteTrigger(const Table &table, const QString &definition) const
{
    // SQLite's own parser decides: the trigger compiles against the table in a private database
    // (a body is not bound to columns until it runs, so the table alone is enough).
    sqlite3 *raw = nullptr;
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close(raw);
        return false;
    }
    const std::unique_ptr<sqlite3, int (*)(sqlite3 *)> db(raw, sqlite3_close);
    const QByteArray create = createTable(table, {}, false).toUtf8();
    if (sqlite3_exec(db.get(), create.constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return false;
    const QByteArray text = definition.toUtf8();
    sqlite3_stmt *stmt = nullptr;
    const char *tail = nullptr;
    const int prepared = sqlite3_prepare_v2(db.get(), text.constData(), int(text.size()), &stmt, &tail);
    const bool one = stmt && QByteArray(tail).trimmed().replace(';', QByteArray()).trimmed().isEmpty();
    bool trigger = false;
    if (prepared == SQLITE_OK && one) {
        const QByteArray sql = QByteArray(sqlite3_sql(stmt)).simplified().toUpper();
        trigger = sql.startsWith("CREATE TRIGGER ") || sql.startsWith("CREATE TEMP TRIGGER ")
                  || sql.startsWith("CREATE TEMPORARY TRIGGER ");
    }
    sqlite3_finalize(stmt);
    return trigger;
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

    QString literals(const QStringList &texts, const QString &separator = QStringLiteral(", ")) const
    {
        QStringList quoted;
        for (const QString &t : texts)
            quoted << lit(t);
        return quoted.join(separator);
    }

    // ---- column and table definitions ----------------------------------------------------------

    /** The type a column is declared with: "INTEGER" for the rowid, else the mapped type. */
    QString declaredType(const Table &table, const Column &column) const
    {
        const Column *rowid = rowidColumn(table);
        if (rowid && rowid->name == column.name)
            return QStringLiteral("INTEGER");
        if (column.type.trimmed().isEmpty())
            return {};
        return m_d.mapType(column.type);
    }

    static QString defaultClause(const QString &value)
    {
        const QString mapped = SqliteDialect::mapDefault(value);
        // CREATE TABLE takes literals and CURRENT_* bare; any other expression in parentheses.
        if (isLiteral(mapped) || isCurrentTime(mapped))
            return mapped;
        return QLatin1Char('(') + mapped + QLatin1Char(')');
    }

    /** The default as pragma_table_info reports it (SQLite drops the outer parentheses). */
    static QString reportedDefault(const QString &value)
    {
        const QString clause = defaultClause(value);
        return clause.startsWith(QLatin1Char('(')) ? clause.mid(1, clause.size() - 2) : clause;
    }

    QString collation(const Column &column, QStringList *notes) const
    {
        if (column.collation.isEmpty())
            return {};
        if (isBuiltinCollation(column.collation))
            return QStringLiteral(" COLLATE ") + column.collation.toUpper();
        *notes << QStringLiteral("Column %1: collation %2 is not one of SQLite's (BINARY, NOCASE, "
                                 "RTRIM); the column compares with BINARY.")
                      .arg(q(column.name), q(column.collation));
        return {};
    }

    QString columnDefinition(const Table &table, const Column &column, QStringList *notes) const
    {
        QString sql = q(column.name);
        const QString type = declaredType(table, column);
        if (!type.isEmpty())
            sql += QLatin1Char(' ') + type;
        const Column *rowid = rowidColumn(table);
        if (rowid && rowid->name == column.name) {
            // Exactly "INTEGER PRIMARY KEY": only this spelling makes the column the rowid,
            // which SQLite fills on insert (the plan's identity). AUTOINCREMENT, when the model
            // has it, also keeps SQLite from reusing the ids of deleted rows.
            sql += QStringLiteral(" NOT NULL");
            for (const Constraint &c : table.constraints) {
                if (c.kind == Constraint::Kind::PrimaryKey && !c.name.isEmpty())
                    sql += QStringLiteral(" CONSTRAINT ") + q(c.name);
            }
            sql += QStringLiteral(" PRIMARY KEY");
            if (column.effectiveIdentity() == Column::Identity::AutoIncrement)
                sql += QStringLiteral(" AUTOINCREMENT");
            return sql;
        }
        if (!column.nullable)
            sql += QStringLiteral(" NOT NULL");
        if (column.generated && !column.generatedExpression.isEmpty()) {
            return sql + collation(column, notes)
                   + QStringLiteral(" GENERATED ALWAYS AS (%1) %2")
                         .arg(column.generatedExpression,
                              column.generatedStored ? QStringLiteral("STORED") : QStringLiteral("VIRTUAL"));
        }
        if (column.hasDefault())
            sql += QStringLiteral(" DEFAULT ") + defaultClause(column.defaultValue);
        return sql + collation(column, notes);
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
            for (const auto &[event, action] : {std::pair{QStringLiteral("DELETE"), c.onDelete},
                                                std::pair{QStringLiteral("UPDATE"), c.onUpdate}}) {
                QString normal;
                if (Constraint::normalizeAction(action, &normal) && !normal.isEmpty())
                    sql += QStringLiteral(" ON %1 %2").arg(event, normal);
            }
            if (c.deferrable)
                sql += c.initiallyDeferred ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED")
                                           : QStringLiteral(" DEFERRABLE");
            return sql;
        }
        return sql;
    }

    QString createTable(const Table &table, const QString &name, bool ifNotExists,
                        QStringList *notes) const
    {
        QStringList lines;
        for (const Column &column : table.columns)
            lines << Indent + columnDefinition(table, column, notes);
        if (!rowidColumn(table) && !table.primaryKey.isEmpty()) {
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
        return QStringLiteral("CREATE TABLE %1%2 (\n%3\n)%4;")
            .arg(ifNotExists ? QStringLiteral("IF NOT EXISTS ") : QString(),
                 q(name.isEmpty() ? table.name : name), lines.join(QStringLiteral(",\n")),
                 table.withoutRowid ? QStringLiteral(" WITHOUT ROWID") : QString());
    }

    // ---- indexes and triggers ------------------------------------------------------------------

    /** The column an index entry is about: the entry itself, or the column of an entry with its
     *  own collation ("name" COLLATE NOCASE, as the catalog readers write it); empty for an
     *  expression. */
    static QString entryColumn(const Table &table, const QString &entry)
    {
        if (table.column(entry))
            return entry;
        static const QRegularExpression collated(
            QStringLiteral("^\"((?:[^\"]|\"\")*)\"\\s+COLLATE\\s+[A-Za-z_][A-Za-z0-9_]*$"),
            QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = collated.match(entry);
        const QString column = m.hasMatch() ? m.captured(1).replace(QStringLiteral("\"\""), QStringLiteral("\"")) : QString();
        return table.column(column) ? column : QString();
    }

    QString indexEntry(const Table &table, const Index &index, int i) const
    {
        const QString &entry = index.columns.at(i);
        QString sql;
        if (table.column(entry))
            sql = q(entry);
        else if (!entryColumn(table, entry).isEmpty())
            sql = entry;
        else
            sql = QLatin1Char('(') + entry + QLatin1Char(')');
        return index.isDescending(i) ? sql + QStringLiteral(" DESC") : sql;
    }

    QString createIndex(const Table &table, const Index &index, QStringList *notes) const
    {
        QStringList key;
        for (int i = 0; i < index.columns.size(); ++i)
            key << indexEntry(table, index, i);
        if (!index.include.isEmpty())
            *notes << QStringLiteral("Index %1: SQLite has no INCLUDE; %2 are not in the index.")
                          .arg(q(index.name), list(index.include));
        if (!index.method.isEmpty() && index.method.compare(QLatin1String("btree"), Qt::CaseInsensitive))
            *notes << QStringLiteral("Index %1: SQLite has only B-tree indexes, not %2.").arg(q(index.name), index.method);
        if (std::any_of(index.lengths.begin(), index.lengths.end(), [](int l) { return l > 0; }))
            *notes << QStringLiteral("Index %1: SQLite indexes whole values, not prefixes.").arg(q(index.name));
        QString sql = QStringLiteral("CREATE %1INDEX IF NOT EXISTS %2 ON %3 (%4)")
                          .arg(index.unique ? QStringLiteral("UNIQUE ") : QString(), q(index.name),
                               q(table.name), key.join(QStringLiteral(", ")));
        if (!index.where.trimmed().isEmpty())
            sql += QStringLiteral("\n    WHERE ") + index.where.trimmed();
        return sql + QLatin1Char(';');
    }

    /** How to name one row of @p table in SQL (unquoted rowid: a column named "rowid" may not
     *  take its place, so another of SQLite's three names is used then). */
    RowKey rowKey(const Table &table) const
    {
        RowKey key;
        if (!table.withoutRowid) {
            for (const char *name : {"rowid", "_rowid_", "oid"}) {
                if (!table.column(QLatin1String(name))) {
                    key.live << QLatin1String(name);
                    key.rowid = true;
                    return key;
                }
            }
        }
        for (const QString &column : table.primaryKey)
            key.live << q(column);
        return key;
    }

    /** "NEW.rowid" style: @p table's key on @p prefix (a table name, alias or NEW) equals the
     *  same key on @p other. */
    QString keyMatch(const Table &table, const QString &prefix, const QString &other) const
    {
        const RowKey key = rowKey(table);
        QStringList terms;
        for (const QString &k : key.live)
            terms << QStringLiteral("%1.%2 = %3.%2").arg(prefix, k, other);
        return terms.join(QStringLiteral(" AND "));
    }

    QString syncValue(const Table &table, const SyncTrigger &sync) const
    {
        if (!sync.expression.isEmpty())
            return QLatin1Char('(') + sync.expression + QLatin1Char(')');
        const QString source = sync.sourceColumn.isEmpty() ? sync.sources.value(0) : sync.sourceColumn;
        const QString value = QStringLiteral("NEW.") + q(source);
        const Column *target = table.column(sync.target);
        const Column *from = table.column(source);
        return target && from ? cast(value, *target, *from) : value;
    }

    /** @p value of column @p from, cast to the type of column @p to where the types differ
     *  (in the spelling the catalog readers give, so a trigger reads back the same). */
    QString cast(const QString &value, const Column &to, const Column &from) const
    {
        const QString target = SqliteDialect::normalizeType(m_d.mapType(to.type));
        if (target == SqliteDialect::normalizeType(m_d.mapType(from.type)) || target.isEmpty())
            return value;
        return QStringLiteral("CAST(%1 AS %2)").arg(value, target);
    }

    QStringList syncSources(const Table &table, const SyncTrigger &sync) const
    {
        if (!sync.sources.isEmpty())
            return sync.sources;
        if (!sync.sourceColumn.isEmpty())
            return {sync.sourceColumn};
        QStringList sources;
        for (const Column &c : table.columns) {
            if (c.name != sync.target && Carry::mentions(sync.expression, c.name))
                sources << c.name;
        }
        return sources;
    }

    QStringList syncTriggerSql(const Table &table, const SyncTrigger &sync) const
    {
        // AFTER triggers update the row just written, so an expression reads the row's values by
        // their plain column names, as the backfill does. INSERT fills the target only when the
        // statement left it NULL; UPDATE recomputes it only when a source changed and the target
        // did not, so a version that writes the target itself is never overwritten. The inner
        // UPDATE sets the target alone, which is no source: it fires neither trigger again.
        const QStringList names = SqliteDialect::syncTriggerNames(table.name, sync.target);
        const QString body = QStringLiteral("BEGIN\n    UPDATE %1 SET %2 = %3 WHERE %4;\nEND")
                                 .arg(q(table.name), q(sync.target), syncValue(table, sync),
                                      keyMatch(table, q(table.name), QStringLiteral("NEW")));
        const QStringList sources = syncSources(table, sync);
        QStringList changed;
        for (const QString &s : sources)
            changed << QStringLiteral("NEW.%1 IS NOT OLD.%1").arg(q(s));
        const QString target = q(sync.target);
        const QString insert = QStringLiteral("CREATE TRIGGER %1 AFTER INSERT ON %2 FOR EACH ROW\n"
                                              "WHEN NEW.%3 IS NULL\n%4")
                                   .arg(q(names.at(0)), q(table.name), target, body);
        const QString update = sources.isEmpty()
                                   ? QStringLiteral("CREATE TRIGGER %1 AFTER UPDATE ON %2 FOR EACH ROW\n"
                                                    "WHEN NEW.%3 IS OLD.%3\n%4")
                                         .arg(q(names.at(1)), q(table.name), target, body)
                                   : QStringLiteral("CREATE TRIGGER %1 AFTER UPDATE OF %2 ON %3 FOR EACH ROW\n"
                                                    "WHEN (%4) AND NEW.%5 IS OLD.%5\n%6")
                                         .arg(q(names.at(1)), list(sources), q(table.name),
                                              changed.join(QStringLiteral(" OR ")), target, body);
        return {insert, update};
    }

    /** The triggers of @p table in SQLite's SQL: its own (user) triggers, dropped first when they
     *  exist so that a re-run makes them again as written, and Tideline's sync triggers. */
    QStringList triggerStatements(const Table &table, QStringList *notes) const
    {
        QStringList sql;
        for (const Trigger &trigger : table.triggers) {
            QString definition = trigger.definition.trimmed();
            while (definition.endsWith(QLatin1Char(';')))
                definition.chop(1);
            if (!m_d.isSqliteTrigger(table, definition)) {
                *notes << QStringLiteral("Trigger %1 of %2 is not SQLite SQL (it came from another "
                                         "engine): it is not created.")
                              .arg(q(trigger.name), q(table.name));
                continue;
            }
            sql << QStringLiteral("DROP TRIGGER IF EXISTS %1;").arg(q(trigger.name)) << definition + QLatin1Char(';');
        }
        for (const SyncTrigger &sync : table.syncs) {
            for (const QString &name : SqliteDialect::syncTriggerNames(table.name, sync.target))
                sql << QStringLiteral("DROP TRIGGER IF EXISTS %1;").arg(q(name));
            for (const QString &statement : syncTriggerSql(table, sync))
                sql << statement + QLatin1Char(';');
        }
        return sql;
    }

    QStringList triggerNames(const Table &table) const
    {
        QStringList names;
        for (const Trigger &trigger : table.triggers) {
            if (m_d.isSqliteTrigger(table, trigger.definition.trimmed()))
                names << trigger.name;
        }
        for (const SyncTrigger &sync : table.syncs)
            names += SqliteDialect::syncTriggerNames(table.name, sync.target);
        return names;
    }

    // ---- shapes: what a check or guard compares ------------------------------------------------
    //
    // A table's shape is what SQLite's pragmas say of it: its columns in order (name, declared
    // type in lower case without spaces, NOT NULL unless the column is in the primary key, where
    // SQLite reports what was written, and the default as pragma_table_info reports it), then,
    // sorted, the names of its CREATE INDEX indexes and of its triggers, the columns of its
    // PRIMARY KEY and UNIQUE constraints, and its foreign keys with their actions. Every part is
    // an SQL literal (quote()), so that any name is unambiguous. Only CHECKs and DEFERRABLE are
    // left out: SQLite keeps them in the CREATE text alone.

    static QString normalType(const QString &type)
    {
        return asciiLower(type).remove(QLatin1Char(' '));
    }

    /** True when SQLite makes @p table's primary key the rowid (no index of its own). */
    bool keyIsRowid(const Table &table) const
    {
        if (table.withoutRowid || table.primaryKey.size() != 1)
            return false;
        const Column *c = table.column(table.primaryKey.first());
        return c && declaredType(table, *c).compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0;
    }

    QString modelShape(const Table &table, const Schema &schema) const
    {
        QStringList columns, others;
        for (const Column &c : table.columns) {
            QString part = QStringLiteral("c") + lit(c.name) + lit(normalType(declaredType(table, c)));
            if (!table.primaryKey.contains(c.name))
                part += c.nullable ? QLatin1Char('0') : QLatin1Char('1');
            const bool computed = c.generated && !c.generatedExpression.isEmpty();
            // The rowid is written without its default (a serial's nextval() means nothing here).
            const Column *rowid = rowidColumn(table);
            const bool filledByRowid = rowid && rowid->name == c.name;
            columns << part + (c.hasDefault() && !computed && !filledByRowid ? lit(reportedDefault(c.defaultValue))
                                                                             : QStringLiteral("NULL"));
        }
        for (const Index &index : table.indexes)
            others << QStringLiteral("i") + lit(index.name);
        for (const QString &name : triggerNames(table))
            others << QStringLiteral("t") + lit(name);
        if (!table.primaryKey.isEmpty() && !keyIsRowid(table))
            others << QStringLiteral("p") + literals(table.primaryKey, QStringLiteral(","));
        for (const Constraint &c : table.constraints) {
            if (c.kind == Constraint::Kind::Unique) {
                others << QStringLiteral("u") + literals(c.columns, QStringLiteral(","));
            } else if (c.kind == Constraint::Kind::ForeignKey) {
                others << foreignKeyEntry(c, schema);
            }
        }
        return (columns + byteSorted(others)).join(QLatin1Char(','));
    }

    /** A foreign key as foreignKeyEntries() reports it. */
    QString foreignKeyEntry(const Constraint &c, const Schema &schema) const
    {
        const Table *parent = schema.table(c.refTable);
        const QStringList to = !c.refColumns.isEmpty() ? c.refColumns : parent ? parent->primaryKey : QStringList();
        QString update, del;
        Constraint::normalizeAction(c.onUpdate, &update);
        Constraint::normalizeAction(c.onDelete, &del);
        return QStringLiteral("f") + lit(asciiLower(c.refTable)) + lit(literals(c.columns, QStringLiteral(",")))
               + (to.isEmpty() ? QStringLiteral("NULL") : lit(literals(to, QStringLiteral(","))))
               + lit(update.isEmpty() ? QStringLiteral("NO ACTION") : update)
               + lit(del.isEmpty() ? QStringLiteral("NO ACTION") : del);
    }

    /** SQL: one row (e) per foreign key of the live @p table: parent, columns both sides, actions. */
    static QString foreignKeyEntries(const QString &table) // table: an SQL expression
    {
        return QStringLiteral("SELECT 'f' || quote(lower(f.\"table\")) || quote(group_concat(quote(f.\"from\"), ',')) "
                              "|| quote(group_concat(quote(coalesce(f.\"to\", (SELECT p.name FROM pragma_table_info(f.\"table\") AS p "
                              "WHERE p.pk = f.seq + 1))), ',')) || quote(f.on_update) || quote(f.on_delete) AS e "
                              "FROM (SELECT * FROM pragma_foreign_key_list(%1) ORDER BY id, seq) AS f GROUP BY f.id")
            .arg(table);
    }

    /** SQL: the shape of the live table named by the SQL expression @p table (NULL when there
     *  is no such table). */
    static QString shapeQuery(const QString &table)
    {
        return QStringLiteral(
                   "(SELECT group_concat(e, ',') FROM (\n"
                   "        SELECT 0 AS k, cid AS o, 'c' || quote(name) || quote(lower(replace(type, ' ', ''))) "
                   "|| CASE WHEN pk > 0 THEN '' ELSE \"notnull\" END || quote(dflt_value) AS e "
                   "FROM pragma_table_xinfo(%1) WHERE hidden <> 1\n"
                   "        UNION ALL SELECT 1, e, e FROM (\n"
                   "          SELECT 'i' || quote(name) AS e FROM pragma_index_list(%1) WHERE origin = 'c'\n"
                   "          UNION ALL SELECT CASE origin WHEN 'pk' THEN 'p' ELSE 'u' END || (SELECT group_concat(quote(name), ',') "
                   "FROM (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno)) FROM pragma_index_list(%1) AS l "
                   "WHERE origin IN ('pk', 'u')\n"
                   "          UNION ALL SELECT 't' || quote(name) FROM sqlite_master WHERE type = 'trigger' "
                   "AND lower(tbl_name) = lower(%1)\n"
                   "          UNION ALL %2)\n"
                   "        ORDER BY 1, 2))")
            .arg(table, foreignKeyEntries(table));
    }

    /** SQL: the live table's shape ('' when it does not exist), standing alone (guards). */
    QString liveShape(const QString &table) const
    {
        return QStringLiteral("coalesce(%1, '')").arg(shapeQuery(lit(table)));
    }

    /** SQL: the same inside a file, through the temporary view transaction() defines. */
    QString fileShape(const QString &table) const
    {
        return QStringLiteral("coalesce((SELECT shape FROM temp.\"tideline_shape\" WHERE name = %1 COLLATE NOCASE), '')")
            .arg(lit(table));
    }

    QString columnCount(const QString &table, const QStringList &columns) const
    {
        return QStringLiteral("(SELECT count(*) FROM pragma_table_xinfo(%1) WHERE name IN (%2))")
            .arg(lit(table), literals(columns));
    }

    QString objectExists(const QString &type, const QString &name) const
    {
        return QStringLiteral("EXISTS (SELECT 1 FROM sqlite_master WHERE type = '%1' AND name = %2 COLLATE NOCASE)")
            .arg(type, lit(name));
    }

    /**
     * Statements that stop the file, changing nothing, unless @p condition holds: a failed CHECK
     * whose constraint name is the message, so that `sqlite3 -bail` prints
     * "CHECK constraint failed: tideline: …" and rolls the transaction back.
     */
    QStringList check(const QString &condition, const QString &message) const
    {
        return {QStringLiteral("DROP TABLE IF EXISTS temp.\"tideline_check\";"),
                QStringLiteral("CREATE TEMP TABLE \"tideline_check\" (\"ok\" INTEGER CONSTRAINT %1 CHECK (\"ok\"));")
                    .arg(q(QStringLiteral("tideline: ") + message)),
                QStringLiteral("INSERT INTO temp.\"tideline_check\" VALUES (coalesce(%1, 0));").arg(condition)};
    }

    /** Why a guard skips a file: the change is there, or (movedOn) the database has moved past
     *  what the file expects, which apply believes only of a file its ledger shows applied. */
    struct Reason
    {
        QString condition;
        QString text;
        bool movedOn = false;
    };

    /** A guard: one row (reason, how) for the first of @p reasons whose condition holds, or none. */
    QString guard(const QList<Reason> &reasons) const
    {
        QStringList parts;
        for (const Reason &r : reasons)
            parts << QStringLiteral("SELECT %1%2, %3%4 WHERE %5")
                         .arg(lit(r.text), parts.isEmpty() ? QStringLiteral(" AS reason") : QString(),
                              r.movedOn ? lit(QStringLiteral("if applied before")) : QStringLiteral("''"),
                              parts.isEmpty() ? QStringLiteral(" AS how") : QString(), r.condition);
        return parts.join(QStringLiteral("\nUNION ALL ")) + (parts.size() > 1 ? QStringLiteral("\nLIMIT 1") : QString());
    }

    /** A file's body in its own transaction (IMMEDIATE: it takes the write lock before it reads). */
    static QString transaction(const QStringList &statements, const QStringList &before = {},
                               const QStringList &after = {})
    {
        QStringList sql = before;
        sql << QStringLiteral("BEGIN IMMEDIATE;");
        const bool shapes = std::any_of(statements.begin(), statements.end(), [](const QString &s) {
            return s.contains(QLatin1String("temp.\"tideline_shape\""));
        });
        if (shapes) {
            // What a table looks like (see modelShape), for the checks below.
            sql << QStringLiteral("DROP VIEW IF EXISTS temp.\"tideline_shape\";")
                << QStringLiteral("CREATE TEMP VIEW \"tideline_shape\" (name, shape) AS\n    SELECT m.name, %1\n"
                                  "    FROM sqlite_master AS m WHERE m.type = 'table';")
                       .arg(shapeQuery(QStringLiteral("m.name")));
        }
        sql += statements;
        if (shapes)
            sql << QStringLiteral("DROP VIEW temp.\"tideline_shape\";");
        if (statements.contains(QStringLiteral("DROP TABLE IF EXISTS temp.\"tideline_check\";")))
            sql << QStringLiteral("DROP TABLE temp.\"tideline_check\";");
        sql << QStringLiteral("COMMIT;");
        sql += after;
        return sql.join(QLatin1Char('\n'));
    }

    static QString comments(const SqliteDialect &d, const QStringList &notes)
    {
        QStringList lines;
        for (const QString &note : notes)
            lines << d.comment(note);
        return lines.join(QLatin1Char('\n'));
    }

    // ---- the rebuild ---------------------------------------------------------------------------

    struct Change
    {
        Table before;
        Table after;
        QMap<QString, QString> sources; // column of `after` -> the column of `before` it comes from
    };

    /** The value a column of @p change.after that the old table may lack gets from it, when it
     *  lacks it: the column it replaces, else its default, else NULL. */
    QString fallback(const Change &change, const Column &column) const
    {
        if (change.before.column(column.name) && change.after.column(column.name))
            return q(change.before.name) + QLatin1Char('.') + q(column.name);
        if (column.hasDefault())
            return defaultClause(column.defaultValue);
        return QStringLiteral("NULL");
    }

    /** INSERT that copies the rows of the live table into @p fresh, shaped as @p change.after. */
    QString copyRows(const Change &change, const QString &fresh) const
    {
        const Table &b = change.before, &a = change.after;
        const QString table = q(b.name);
        const RowKey key = rowKey(b.withoutRowid ? a : b);
        QStringList taken = columnNames(b) + columnNames(a);
        QStringList aliases;
        for (int i = 0; i < key.live.size(); ++i) {
            aliases << freeName(QStringLiteral("tideline_key"), taken);
            taken << aliases.last();
        }
        const QString rows = q(freeName(QStringLiteral("tideline_rows"), {b.name}));

        QStringList into, values, inner;   // INSERT columns, SELECT values, the inner projection
        QStringList direct, late;          // columns read as they are / through name resolution
        if (key.rowid && !rowidColumn(a)) {
            into << key.live.first();      // keep the row ids of a table whose key is not the rowid
            values << rows + QLatin1Char('.') + q(aliases.first());
        }
        for (int i = 0; i < key.live.size(); ++i)
            inner << QStringLiteral("%1.%2 AS %3").arg(table, key.live.at(i), q(aliases.at(i)));
        for (const Column &c : a.columns) {
            if (c.generated && !c.generatedExpression.isEmpty())
                continue; // SQLite computes it
            const QString source = change.sources.value(c.name, c.name);
            into << q(c.name);
            if (b.column(source) && a.column(source)) {
                if (!direct.contains(source)) {
                    direct << source;
                    inner << table + QLatin1Char('.') + q(source);
                }
                values << rows + QLatin1Char('.') + q(source);
                continue;
            }
            // Named bare in a subquery over the table: its column where it has one (before the
            // change), else the fallback the outer rows carry under the same name (after it).
            QStringList match;
            for (int i = 0; i < key.live.size(); ++i)
                match << QStringLiteral("%1.%2 = %3.%4").arg(table, key.live.at(i), rows, q(aliases.at(i)));
            values << QStringLiteral("(SELECT %1 FROM %2 WHERE %3)").arg(q(source), table, match.join(QStringLiteral(" AND ")));
            if (!late.contains(source)) {
                late << source;
                inner << QStringLiteral("%1 AS %2").arg(fallback(change, c), q(source));
            }
        }
        if (late.isEmpty()) {
            // Every column is there before and after the change: a plain copy.
            QStringList plain;
            if (key.rowid && !rowidColumn(a))
                plain << table + QLatin1Char('.') + key.live.first();
            for (const Column &c : a.columns) {
                if (!(c.generated && !c.generatedExpression.isEmpty()))
                    plain << table + QLatin1Char('.') + q(change.sources.value(c.name, c.name));
            }
            return QStringLiteral("INSERT INTO %1 (%2)\n    SELECT %3\n    FROM %4;")
                .arg(q(fresh), into.join(QStringLiteral(", ")), plain.join(QStringLiteral(", ")), table);
        }
        return QStringLiteral("INSERT INTO %1 (%2)\n    SELECT %3\n    FROM (SELECT %4 FROM %5) AS %6;")
            .arg(q(fresh), into.join(QStringLiteral(", ")), values.join(QStringLiteral(",\n        ")),
                 inner.join(QStringLiteral(", ")), table, rows);
    }

    /** SQL: the number of rows that break a foreign key of @p tables or of tables referencing
     *  them. */
    QString foreignKeyViolations(const QStringList &tables) const
    {
        QStringList lowered;
        for (const QString &t : tables)
            lowered << QStringLiteral("lower(%1)").arg(lit(t));
        const QString names = lowered.join(QStringLiteral(", "));
        return QStringLiteral("(SELECT count(*) FROM (SELECT name FROM sqlite_master WHERE type = 'table' "
                              "AND (lower(name) IN (%1) OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(name) AS f "
                              "WHERE lower(f.\"table\") IN (%1)))) AS m, pragma_foreign_key_check(m.name) AS v)")
            .arg(names);
    }

    QString rebuild(const QList<Change> &changes, const Schema &before, const Schema &after) const
    {
        QStringList body, notes, tables;
        for (const Change &change : changes) {
            tables << change.before.name;
            body += check(QStringLiteral("%1 IN (%2, %3)")
                              .arg(fileShape(change.before.name), lit(modelShape(change.before, before)),
                                   lit(modelShape(change.after, after))),
                          QStringLiteral("%1 is neither as this file expects it before its change nor "
                                         "after it: a later release has changed it, or the database "
                                         "differs from the plan. Nothing was changed.")
                              .arg(q(change.before.name)));
        }
        body << QStringLiteral("DROP TABLE IF EXISTS temp.\"tideline_fk\";")
             << QStringLiteral("CREATE TEMP TABLE \"tideline_fk\" AS SELECT %1 AS \"n\";").arg(foreignKeyViolations(tables));
        QStringList taken = after.tables.keys() + after.views.keys();
        for (const Change &change : changes) {
            const Table &a = change.after;
            const QString fresh = freeName(QStringLiteral("tideline_new_") + a.name, taken);
            taken << fresh;
            body << createTable(a, fresh, false, &notes);
            body << copyRows(change, fresh);
            const bool autoincrement = std::any_of(a.columns.begin(), a.columns.end(), [](const Column &c) {
                return c.effectiveIdentity() == Column::Identity::AutoIncrement;
            });
            if (autoincrement && rowidColumn(a)) {
                // DROP TABLE forgets the table's AUTOINCREMENT counter: the new table starts from
                // it, so no id of a deleted row is handed out again.
                body << QStringLiteral("INSERT INTO sqlite_sequence (name, seq) SELECT %1, seq FROM sqlite_sequence "
                                       "WHERE name = %2 AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = %1);")
                            .arg(lit(fresh), lit(a.name));
                body << QStringLiteral("UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(seq) FROM "
                                       "sqlite_sequence WHERE name = %2), 0)) WHERE name = %1;")
                            .arg(lit(fresh), lit(a.name));
            }
            body << QStringLiteral("DROP TABLE %1;").arg(q(change.before.name));
            body << QStringLiteral("ALTER TABLE %1 RENAME TO %2;").arg(q(fresh), q(a.name));
            for (const Index &index : a.indexes)
                body << createIndex(a, index, &notes);
            body += triggerStatements(a, &notes);
        }
        body += check(QStringLiteral("%1 <= (SELECT \"n\" FROM temp.\"tideline_fk\")").arg(foreignKeyViolations(tables)),
                      QStringLiteral("the change would leave rows that break a foreign key of %1 or of a table "
                                     "referencing it (PRAGMA foreign_key_check lists them). Nothing was changed.")
                          .arg(q(tables.first())));
        body << QStringLiteral("DROP TABLE temp.\"tideline_fk\";");
        QStringList head;
        notes.removeDuplicates();
        if (!notes.isEmpty())
            head << comments(m_d, notes);
        head << m_d.comment(QStringLiteral(
                      "sqlite.org's procedure for changes ALTER TABLE cannot make: foreign keys off for this "
                      "session (with them on, DROP TABLE would delete the rows of ON DELETE CASCADE children),\n"
                      "legacy_alter_table so that the rename leaves views and triggers that name the table alone."))
               << QStringLiteral("PRAGMA foreign_keys = OFF;") << QStringLiteral("PRAGMA legacy_alter_table = ON;");
        return transaction(body, head, {QStringLiteral("PRAGMA legacy_alter_table = OFF;")});
    }

    // ---- views ---------------------------------------------------------------------------------

    /** CREATE VIEW [IF NOT EXISTS] @p v with its column list; a view that passes a table through
     *  without a definition of its own selects its columns. */
    QString createView(const View &v, bool ifNotExists) const
    {
        return m_d.viewStatement(ifNotExists ? QStringLiteral("CREATE VIEW IF NOT EXISTS") : QStringLiteral("CREATE VIEW"), v,
                                 q(v.name), q(v.baseTable))
               + QLatin1Char(';');
    }

    /** The names of the INSTEAD OF triggers that let a pass-through view take writes. */
    static QStringList viewTriggerNames(const QString &view)
    {
        return {QStringLiteral("tideline_view_%1_insert").arg(view), QStringLiteral("tideline_view_%1_update").arg(view),
                QStringLiteral("tideline_view_%1_delete").arg(view)};
    }

    /**
     * INSTEAD OF triggers that send inserts, updates and deletes on a view passing @p base
     * through to @p base (SQLite views take no writes by themselves). An insert that leaves a
     * column out gives the trigger a NULL for it: a column with a default gets the default
     * (coalesce), so an explicit NULL written into such a column through the view does too. Rows
     * are found by the primary key (every column without one).
     */
    QStringList viewTriggers(const View &v, const Table &base) const
    {
        QStringList into, values, set;
        for (const QString &name : v.columns) {
            const Column *c = base.column(name);
            if (!c || (c->generated && !c->generatedExpression.isEmpty()))
                continue;
            into << q(name);
            const QString value = QStringLiteral("NEW.") + q(name);
            const Column *rowid = rowidColumn(base);
            const bool filled = c->hasDefault() && !(rowid && rowid->name == name);
            values << (filled ? QStringLiteral("coalesce(%1, %2)").arg(value, defaultClause(c->defaultValue)) : value);
            set << QStringLiteral("%1 = %2").arg(q(name), value);
        }
        const QStringList key = base.primaryKey.isEmpty() ? v.columns : base.primaryKey;
        QStringList match;
        for (const QString &k : key)
            match << QStringLiteral("%1 IS OLD.%1").arg(q(k));
        const QStringList names = viewTriggerNames(v.name);
        return {QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 INSTEAD OF INSERT ON %2 BEGIN\n"
                               "    INSERT INTO %3 (%4) VALUES (%5);\nEND;")
                    .arg(q(names.at(0)), q(v.name), q(base.name), into.join(QStringLiteral(", ")), values.join(QStringLiteral(", "))),
                QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 INSTEAD OF UPDATE ON %2 BEGIN\n"
                               "    UPDATE %3 SET %4 WHERE %5;\nEND;")
                    .arg(q(names.at(1)), q(v.name), q(base.name), set.join(QStringLiteral(", ")), match.join(QStringLiteral(" AND "))),
                QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 INSTEAD OF DELETE ON %2 BEGIN\n"
                               "    DELETE FROM %3 WHERE %4;\nEND;")
                    .arg(q(names.at(2)), q(v.name), q(base.name), match.join(QStringLiteral(" AND ")))};
    }

    /** SQL: the columns of table or view @p relation as quoted literals, in order ('' when it
     *  does not exist). */
    QString liveColumns(const QString &relation) const
    {
        return QStringLiteral("coalesce((SELECT group_concat(quote(name), ',') FROM (SELECT name FROM pragma_table_info(%1) "
                              "ORDER BY cid)), '')")
            .arg(lit(relation));
    }

    /** The tables and views of @p schema created when missing: the baseline and CreateTable. */
    QString create(const Schema &schema, const QList<Table> &tables, const QList<View> &views,
                   const QString &message) const
    {
        QStringList body, notes;
        for (const Table &table : tables)
            body += check(QStringLiteral("%1 IN ('', %2)").arg(fileShape(table.name), lit(modelShape(table, schema))),
                          message.arg(q(table.name)));
        // Foreign keys may name tables created later: SQLite checks them on writes, not on CREATE.
        for (const Table &table : tables) {
            body << createTable(table, {}, true, &notes);
            for (const Index &index : table.indexes)
                body << createIndex(table, index, &notes);
            body += triggerStatements(table, &notes);
        }
        for (const View &view : views) {
            if (!view.definition.trimmed().isEmpty()) {
                body << QStringLiteral("CREATE VIEW IF NOT EXISTS %1 AS\n%2;").arg(q(view.name), view.definition.trimmed());
            } else if (const Table *base = view.baseTable.isEmpty() ? nullptr : schema.table(view.baseTable)) {
                body << createView(view, true);
                body += viewTriggers(view, *base);
            }
        }
        notes.removeDuplicates();
        return transaction(body, notes.isEmpty() ? QStringList() : QStringList{comments(m_d, notes)});
    }

private:
    const SqliteDialect &m_d;
};

} // namespace

QString SqliteDialect::createTable(const Table &table, const QString &name, bool ifNotExists) const
{
    QStringList notes;
    return Writer(*this).createTable(table, name, ifNotExists, &notes);
}

QStringList SqliteDialect::syncTriggerSql(const Table &table, const SyncTrigger &sync) const
{
    return Writer(*this).syncTriggerSql(table, sync);
}

QString SqliteDialect::preamble(const Policy &, Phase) const
{
    // The application keeps writing while the file runs: wait for its write to finish instead
    // of failing at once with "database is locked" (the sqlite3 shell does not wait by itself).
    return QStringLiteral("PRAGMA busy_timeout = 5000;");
}

QString SqliteDialect::runNote(bool, const QString &guard) const
{
    QString note = QStringLiteral("Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: "
                                  "do not wrap it in another.\n");
    if (guard.isEmpty())
        return note + QStringLiteral("Running it again, now or after later releases, changes nothing.");
    return note + QStringLiteral("Running it again changes nothing. Once a later release has changed what it "
                                 "touches, it changes nothing either, or stops at its check (\"CHECK constraint "
                                 "failed: tideline: ...\") before changing anything; tideline-cli apply then skips "
                                 "it (its guard in manifest.json) if its ledger shows the file applied before.");
}

QList<ScriptUnit> SqliteDialect::createSchema(const Schema &schema) const
{
    const Writer w(*this);
    if (schema.tables.isEmpty() && schema.views.isEmpty())
        return {};
    // One transaction: SQLite checks foreign keys on writes, not on CREATE, so the order of the
    // tables does not matter. Procedures: SQLite has none; the application holds that logic.
    QStringList names = schema.tables.keys() + schema.views.keys();
    // Skip only a baseline apply ran before (its ledger says so): its tables exist then, as made
    // or changed by later releases. Anywhere else the file runs, and its checks compare every
    // table that exists with S_0 (a guard comparing them too would grow with the schema).
    QStringList exists;
    for (const QString &name : std::as_const(names))
        exists << QStringLiteral("name = %1 COLLATE NOCASE").arg(w.lit(name));
    const QString guard = w.guard({{QStringLiteral("EXISTS (SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND (%1))")
                                        .arg(exists.join(QStringLiteral(" OR "))),
                                    QStringLiteral("the baseline's tables exist"), true}});
    return {unit(w.create(schema, schema.tables.values(), schema.views.values(),
                          QStringLiteral("table %1 exists and is not as the baseline makes it: later releases have "
                                         "changed it, or the database differs from the plan. Nothing was changed.")),
                 guard)};
}

OpScript SqliteDialect::script(const SchemaOp &op, const Schema &before, const Policy &policy) const
{
    Q_UNUSED(policy) // backfills are not batched on SQLite (see Backfill below)
    using Type = SchemaOp::Type;
    const Writer w(*this);
    const Table *table = before.table(op.table);
    Schema after = before;
    {
        QSet<QString> filled;
        QString error;
        if (!applySchemaOp(op, &after, &filled, &error))
            return {}; // the engine refused the op already; there is no state to build
    }
    if (op.type == Type::DropColumn && table && after.table(op.table)) {
        // The op's contract (step.h): what involves the column goes with it, also an index that
        // names it only in an expression or its WHERE, and a CHECK that names it in its text
        // (SQLite could not build them without the column).
        Table *dropped = after.table(op.table);
        dropped->indexes.removeIf([&](const Index &i) { return Carry::covers(*table, i, op.columnName); });
        dropped->constraints.removeIf([&](const Constraint &c) { return Carry::covers(c, op.columnName); });
    }
    const Table *target = after.table(op.table);
    const QString tableName = w.q(op.table);

    switch (op.type) {
    case Type::CreateTable: {
        const QString shape = w.liveShape(op.newTable.name);
        const QString guard = w.guard({{QStringLiteral("%1 = %2").arg(shape, w.lit(w.modelShape(op.newTable, after))),
                                        QStringLiteral("the table exists")},
                                       {w.objectExists(QStringLiteral("table"), op.newTable.name),
                                        QStringLiteral("the table exists, and a later release has changed it"), true}});
        return one(unit(w.create(after, {op.newTable}, {},
                                 QStringLiteral("table %1 exists and is not as this file makes it: a later "
                                                "release has changed it. Nothing was changed.")),
                        guard),
                   Route::Instant);
    }

    case Type::AddColumn:
    case Type::DropColumn:
    case Type::SetNotNull:
    case Type::DropNotNull:
    case Type::AddConstraint:
    case Type::DropConstraint:
    case Type::SetDefault:
    case Type::DropDefault:
    case Type::SwapColumn:
    case Type::RenameConstraint: {
        if (!table || !target)
            return {};
        if (op.type == Type::RenameConstraint && op.constraint.kind == Constraint::Kind::PrimaryKey && rowidColumn(*table))
            return {}; // an INTEGER PRIMARY KEY is the rowid: its key has no name in the table's text
        // The op's table, and every other table whose definition the op changes with it (the
        // foreign keys of other tables that reference a dropped column go too).
        QList<Writer::Change> changes{{*table, *target, {}}};
        if (op.type == Type::SwapColumn)
            changes.first().sources.insert(op.columnName, op.newName);
        for (const Table &other : std::as_const(after.tables)) {
            const Table *was = before.table(other.name);
            if (other.name != op.table && was && !(*was == other))
                changes.append({*was, other, {}});
        }
        // Skip (apply): the table is not as this file expects it before the change — the change
        // is made, or a later release has changed the table — or the change is already there.
        QString done;
        switch (op.type) {
        case Type::SetNotNull:
        case Type::DropNotNull:
            done = QStringLiteral("EXISTS (SELECT 1 FROM pragma_table_info(%1) WHERE name = %2 AND \"notnull\" = %3)")
                       .arg(w.lit(op.table), w.lit(op.columnName), op.type == Type::SetNotNull ? QStringLiteral("1") : QStringLiteral("0"));
            break;
        case Type::SetDefault:
            done = QStringLiteral("EXISTS (SELECT 1 FROM pragma_table_info(%1) WHERE name = %2 AND dflt_value = %3)")
                       .arg(w.lit(op.table), w.lit(op.columnName), w.lit(Writer::reportedDefault(op.value)));
            break;
        case Type::DropDefault:
            done = QStringLiteral("EXISTS (SELECT 1 FROM pragma_table_info(%1) WHERE name = %2 AND dflt_value IS NULL)")
                       .arg(w.lit(op.table), w.lit(op.columnName));
            break;
        case Type::AddConstraint:
        case Type::DropConstraint: {
            const Constraint &c = op.type == Type::AddConstraint
                                      ? op.constraint
                                      : [&]() -> const Constraint & {
                                            for (const Constraint &k : table->constraints) {
                                                if (k.key() == op.constraint.key())
                                                    return k;
                                            }
                                            return op.constraint;
                                        }();
            QString present;
            switch (c.kind) {
            case Constraint::Kind::ForeignKey:
                present = QStringLiteral("EXISTS (SELECT 1 FROM (%1) WHERE e = %2)")
                              .arg(w.foreignKeyEntries(w.lit(op.table)),
                                   w.lit(w.foreignKeyEntry(c, op.type == Type::AddConstraint ? after : before)));
                break;
            case Constraint::Kind::Unique:
            case Constraint::Kind::PrimaryKey:
                present = QStringLiteral("EXISTS (SELECT 1 FROM pragma_index_list(%1) AS i WHERE i.\"unique\" = 1 "
                                         "AND i.origin <> 'c' AND (SELECT group_concat(quote(name), ',') FROM "
                                         "(SELECT name FROM pragma_index_info(i.name) ORDER BY seqno)) = %2)")
                              .arg(w.lit(op.table), w.lit(w.literals(c.columns, QStringLiteral(","))));
                break;
            case Constraint::Kind::Check:
                // A CHECK lives only in the table's text: look for it as this dialect writes it
                // (added), or for its expression at all (dropped: absent only when surely gone).
                present = QStringLiteral("EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %1 "
                                         "AND instr(sql, %2) > 0)")
                              .arg(w.lit(op.table),
                                   w.lit(op.type == Type::AddConstraint ? w.constraintClause(c) : c.expression));
                break;
            }
            done = op.type == Type::AddConstraint ? present : QStringLiteral("NOT ") + present;
            break;
        }
        case Type::RenameConstraint:
            // Names live only in the table's text: there as this dialect writes them.
            done = QStringLiteral("EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %1 "
                                  "AND instr(sql, %2) > 0 AND instr(sql, %3) = 0)")
                       .arg(w.lit(op.table), w.lit(QStringLiteral("CONSTRAINT ") + w.q(op.newName) + QLatin1Char(' ')),
                            w.lit(QStringLiteral("CONSTRAINT ") + w.q(op.constraint.name) + QLatin1Char(' ')));
            break;
        default:
            break;
        }
        QList<Writer::Reason> reasons;
        const QString shape = w.liveShape(op.table);
        const QString expected = w.modelShape(*table, before), made = w.modelShape(*target, after);
        if (made != expected)
            reasons.append({QStringLiteral("%1 = %2").arg(shape, w.lit(made)), QStringLiteral("the change is made")});
        if (!done.isEmpty())
            reasons.append({done, QStringLiteral("the change is made")});
        reasons.append({QStringLiteral("%1 <> %2").arg(shape, w.lit(expected)),
                        QStringLiteral("%1 is not as this file expects it: a later release has changed it").arg(tableName),
                        true});
        // sqlite.org's rebuild copies every row (and builds every index again) under the
        // database's write lock: writers wait for the whole copy.
        // Besides CREATE INDEX, every UNIQUE and every primary key but the rowid (one INTEGER
        // column) is an index SQLite builds with the copy.
        const auto keyIndexes = [](const Table &t) {
            return (!t.primaryKey.isEmpty() && !rowidColumn(t))
                   || std::any_of(t.constraints.cbegin(), t.constraints.cend(),
                                  [](const Constraint &k) { return k.kind == Constraint::Kind::Unique; });
        };
        const bool indexes = std::any_of(changes.cbegin(), changes.cend(), [&](const Writer::Change &c) {
            return !c.after.indexes.isEmpty() || keyIndexes(c.after);
        });
        return one(unit(w.rebuild(changes, before, after), w.guard(reasons)), Route::Blocking, indexes);
    }

    case Type::AddIndex: {
        if (!table)
            return {};
        QStringList covered;
        for (const Column &c : table->columns) {
            if (Carry::covers(*table, op.index, c.name))
                covered << c.name;
        }
        const QString exists = w.objectExists(QStringLiteral("index"), op.index.name);
        const QString present = covered.isEmpty()
                                    ? QStringLiteral("1")
                                    : QStringLiteral("%1 = %2").arg(w.columnCount(op.table, covered), QString::number(covered.size()));
        QStringList notes;
        const QString create = w.createIndex(*table, op.index, &notes);
        QStringList body = w.check(QStringLiteral("%1 OR %2").arg(exists, present),
                                   QStringLiteral("a column index %1 needs is gone from %2: a later release has dropped "
                                                  "it. Nothing was changed.")
                                       .arg(w.q(op.index.name), tableName));
        body << create;
        return one(unit(Writer::transaction(body, notes.isEmpty() ? QStringList() : QStringList{Writer::comments(*this, notes)}),
                        w.guard({{exists, QStringLiteral("the index exists")},
                                 {QStringLiteral("NOT (%1)").arg(present),
                                  QStringLiteral("a column the index needs is gone: a later release has dropped it"), true}})),
                   Route::Blocking, true); // no online build: writers wait for it
    }

    case Type::DropIndex: {
        const Index *index = table ? table->index(op.index.name) : nullptr;
        const QString exists = w.objectExists(QStringLiteral("index"), op.index.name);
        QStringList body;
        QList<Writer::Reason> reasons{{QStringLiteral("NOT ") + exists, QStringLiteral("the index is gone")}};
        if (index) {
            // Its key as pragma_index_info reports it: a column's name, or '' for an expression.
            QStringList key;
            for (const QString &entry : index->columns)
                key << w.lit(Writer::entryColumn(*table, entry));
            const QString live = QStringLiteral("(SELECT group_concat(quote(coalesce(name, '')), ',') FROM "
                                                "(SELECT name FROM pragma_index_info(%1) ORDER BY seqno))")
                                     .arg(w.lit(op.index.name));
            const QString same = QStringLiteral("%1 = %2").arg(live, w.lit(key.join(QLatin1Char(','))));
            body = w.check(QStringLiteral("NOT %1 OR %2").arg(exists, same),
                           QStringLiteral("index %1 is not the one this file drops: a later release has made another "
                                          "under its name. Nothing was changed.")
                               .arg(w.q(op.index.name)));
            reasons.append({QStringLiteral("NOT (%1)").arg(same),
                            QStringLiteral("the index is another one now: a later release has made it"), true});
        }
        body << QStringLiteral("DROP INDEX IF EXISTS %1;").arg(w.q(op.index.name));
        return one(unit(Writer::transaction(body), w.guard(reasons)), Route::Instant);
    }

    case Type::RenameIndex: {
        // SQLite cannot rename an index: it is dropped and built again under the new name, in one
        // transaction (the build holds the database's write lock, as any index build does here).
        const Index *index = table ? table->index(op.index.name) : nullptr;
        if (!index)
            return {};
        Index renamed = *index;
        renamed.name = op.newName;
        QStringList covered;
        for (const Column &c : table->columns) {
            if (Carry::covers(*table, *index, c.name))
                covered << c.name;
        }
        const QString oldExists = w.objectExists(QStringLiteral("index"), op.index.name);
        const QString newExists = w.objectExists(QStringLiteral("index"), op.newName);
        const QString present = covered.isEmpty()
                                    ? QStringLiteral("1")
                                    : QStringLiteral("%1 = %2").arg(w.columnCount(op.table, covered), QString::number(covered.size()));
        QStringList notes{QStringLiteral("SQLite has no ALTER INDEX … RENAME: %1 is dropped and built again as %2.")
                              .arg(w.q(op.index.name), w.q(op.newName))};
        const QString create = w.createIndex(*table, renamed, &notes);
        QStringList body = w.check(QStringLiteral("%1 OR (%2 AND %3)").arg(newExists, oldExists, present),
                                   QStringLiteral("index %1 is gone from %2, or a column it needs: a later release has "
                                                  "dropped it. Nothing was changed.")
                                       .arg(w.q(op.index.name), tableName));
        body << QStringLiteral("DROP INDEX IF EXISTS %1;").arg(w.q(op.index.name)) << create;
        return one(unit(Writer::transaction(body, {Writer::comments(*this, notes)}),
                        w.guard({{QStringLiteral("%1 AND NOT %2").arg(newExists, oldExists), QStringLiteral("the index has its new name")},
                                 {QStringLiteral("NOT %1 AND NOT %2").arg(newExists, oldExists),
                                  QStringLiteral("the index is gone: a later release has dropped it"), true}})),
                   Route::Blocking, true); // built again under its new name
    }

    case Type::SetComment:
        // SQLite has no comments: the plan keeps them, the database has nowhere to put them.
        return {};

    case Type::AddSyncTrigger: {
        const SyncTrigger *sync = target ? target->sync(op.columnName) : nullptr;
        if (!sync)
            return {};
        const QStringList needed = QStringList{sync->target} + w.syncSources(*target, *sync);
        const QString present = QStringLiteral("%1 = %2").arg(w.columnCount(op.table, needed), QString::number(needed.size()));
        const QStringList names = syncTriggerNames(op.table, op.columnName);
        QStringList body = w.check(present, QStringLiteral("a column the sync trigger of %1.%2 needs is gone: a later "
                                                           "release has dropped it. Nothing was changed.")
                                                .arg(tableName, w.q(op.columnName)));
        for (const QString &name : names)
            body << QStringLiteral("DROP TRIGGER IF EXISTS %1;").arg(w.q(name));
        for (const QString &statement : w.syncTriggerSql(*target, *sync))
            body << statement + QLatin1Char(';');
        ScriptUnit u = unit(Writer::transaction(body),
                            w.guard({{QStringLiteral("(SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%1)) = 2")
                                          .arg(w.literals(names)),
                                      QStringLiteral("the sync trigger exists")},
                                     {QStringLiteral("NOT (%1)").arg(present),
                                      QStringLiteral("a column the sync trigger needs is gone: a later release has dropped it"),
                                      true}}));
        u.userSql = !sync->expression.isEmpty();
        return one(u, Route::Instant);
    }

    case Type::DropSyncTrigger: {
        const QStringList names = syncTriggerNames(op.table, op.columnName);
        const SyncTrigger *sync = table ? table->sync(op.columnName) : nullptr;
        const QString exists = QStringLiteral("EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name IN (%1))")
                                   .arg(w.literals(names));
        QStringList body;
        QList<Writer::Reason> reasons{{QStringLiteral("NOT ") + exists, QStringLiteral("the sync trigger is gone")}};
        if (sync) {
            const QString other = QStringLiteral("EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name IN (%1) "
                                                 "AND sql NOT IN (%2))")
                                      .arg(w.literals(names), w.literals(w.syncTriggerSql(*table, *sync)));
            body = w.check(QStringLiteral("NOT ") + other,
                           QStringLiteral("the sync trigger of %1.%2 is not the one this file drops: a later release has "
                                          "made another. Nothing was changed.")
                               .arg(tableName, w.q(op.columnName)));
            reasons.append({other, QStringLiteral("the sync trigger is another one now: a later release has made it"), true});
        }
        for (const QString &name : names)
            body << QStringLiteral("DROP TRIGGER IF EXISTS %1;").arg(w.q(name));
        return one(unit(Writer::transaction(body), w.guard(reasons)), Route::Instant);
    }

    case Type::Backfill: {
        if (!table)
            return {};
        // One UPDATE of the rows still NULL, not batches of policy.backfillBatch. SQLite has one
        // writer for the whole database: a batch locks every table just as the full UPDATE does,
        // so batching buys other writers only the gaps between batches, and there is no server
        // fleet to keep answering meanwhile (readers in WAL mode are not blocked either way).
        // Batches would also need a loop, which a plain SQLite script cannot express. The WHERE
        // keeps it re-runnable and makes the second pass (after the switch) touch only rows the
        // old version wrote meanwhile.
        QString value;
        QStringList reads;
        if (!op.expression.isEmpty()) {
            value = QLatin1Char('(') + op.expression + QLatin1Char(')');
            for (const Column &c : table->columns) {
                if (c.name != op.columnName && Carry::mentions(op.expression, c.name))
                    reads << c.name;
            }
        } else {
            value = w.q(op.sourceColumn);
            reads << op.sourceColumn;
            const Column *to = table->column(op.columnName);
            const Column *from = table->column(op.sourceColumn);
            if (to && from)
                value = w.cast(value, *to, *from);
        }
        const QString column = w.q(op.columnName);
        const QString present = QStringLiteral("EXISTS (SELECT 1 FROM pragma_table_xinfo(%1) WHERE name = %2)")
                                    .arg(w.lit(op.table), w.lit(op.columnName));
        QStringList body = w.check(present, QStringLiteral("%1.%2 is gone: a later release has dropped or replaced it, so "
                                                           "there is nothing left to fill. Nothing was changed.")
                                                .arg(tableName, column));
        if (reads.isEmpty()) {
            body << QStringLiteral("UPDATE %1 SET %2 = %3\n    WHERE %2 IS NULL;").arg(tableName, column, value);
        } else {
            // The columns the value reads are named bare in a subquery over the row: where a later
            // release has dropped them, they resolve to the NULLs of the outer rows instead, and
            // the statement fills nothing.
            const RowKey key = w.rowKey(*table);
            QStringList taken = columnNames(*table);
            const QString rows = w.q(freeName(QStringLiteral("tideline_rows"), {op.table}));
            const QString fill = w.q(freeName(QStringLiteral("tideline_fill"), {op.table}));
            QStringList inner, match, join;
            const QStringList aliases = keyAliases(w, key, &taken);
            const QString valueAlias = w.q(freeName(QStringLiteral("tideline_value"), taken));
            for (int i = 0; i < key.live.size(); ++i) {
                inner << QStringLiteral("%1.%2 AS %3").arg(tableName, key.live.at(i), aliases.at(i));
                match << QStringLiteral("%1.%2 = %3.%4").arg(tableName, key.live.at(i), rows, aliases.at(i));
                join << QStringLiteral("%1.%2 = %3.%4").arg(tableName, key.live.at(i), fill, aliases.at(i));
            }
            for (const QString &read : std::as_const(reads))
                inner << QStringLiteral("NULL AS %1").arg(w.q(read));
            QStringList keys;
            for (const QString &alias : std::as_const(aliases))
                keys << rows + QLatin1Char('.') + alias + QStringLiteral(" AS ") + alias;
            body << comment(QStringLiteral("The columns the value reads are looked up per row, so the statement still runs,\n"
                                           "and fills nothing, once a later release has dropped them."))
                 << QStringLiteral("UPDATE %1 SET %2 = %3.%4\n"
                                   "    FROM (SELECT %5,\n"
                                   "            (SELECT %6 FROM %1 WHERE %7) AS %4\n"
                                   "          FROM (SELECT %8 FROM %1 WHERE %1.%2 IS NULL) AS %9) AS %3\n"
                                   "    WHERE %10 AND %3.%4 IS NOT NULL;")
                        .arg(tableName, column, fill, valueAlias, keys.join(QStringLiteral(", ")), value,
                             match.join(QStringLiteral(" AND ")), inner.join(QStringLiteral(", ")), rows,
                             join.join(QStringLiteral(" AND ")));
        }
        const QString sql = Writer::transaction(body, {comment(QStringLiteral(
            "One UPDATE, not batches: SQLite locks the whole database for any write,\n"
            "so batches would not let other writers in any sooner."))});
        ScriptUnit filled = unit(sql, w.guard({{QStringLiteral("NOT ") + present,
                                                QStringLiteral("%1.%2 is gone: a later release has dropped or replaced it")
                                                    .arg(tableName, column),
                                                true}}));
        filled.userSql = !op.expression.isEmpty();
        return one(filled, Route::Blocking); // one UPDATE: writers wait for it, not batched
    }

    case Type::DropTable: {
        // Only the table this file drops: a table a later release makes under the same name is
        // another shape, and the check stops the file before it changes anything.
        const QString exists = w.objectExists(QStringLiteral("table"), op.table);
        QStringList body;
        QList<Writer::Reason> reasons{{QStringLiteral("NOT ") + exists, QStringLiteral("the table is gone")}};
        if (table) {
            const QString expected = w.lit(w.modelShape(*table, before));
            body = w.check(QStringLiteral("%1 IN ('', %2)").arg(w.fileShape(op.table), expected),
                           QStringLiteral("%1 is not the table this file drops: a later release has made another under "
                                          "its name. Nothing was changed.")
                               .arg(tableName));
            reasons.append({QStringLiteral("%1 <> %2").arg(w.liveShape(op.table), expected),
                            QStringLiteral("%1 is another table now: a later release has made it").arg(tableName), true});
        }
        body << QStringLiteral("DROP TABLE IF EXISTS %1;").arg(tableName);
        return one(unit(Writer::transaction(body), w.guard(reasons)), Route::Instant);
    }

    case Type::RenameTable: {
        if (!table)
            return {};
        // SQLite cannot rename conditionally: the file renames only while the old name is the
        // table this file expects and the new one is free, and otherwise stops at its check with
        // nothing changed (apply skips it by its guard). legacy_alter_table off: the foreign keys,
        // triggers and views that name the table follow it (3.26+).
        const QString renamed = QStringLiteral("%1 AND NOT %2")
                                    .arg(w.objectExists(QStringLiteral("view"), op.table),
                                         w.objectExists(QStringLiteral("table"), op.table));
        QStringList body = w.check(QStringLiteral("%1 = %2 AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name = %3 COLLATE NOCASE)")
                                       .arg(w.fileShape(op.table), w.lit(w.modelShape(*table, before)), w.lit(op.newName)),
                                   QStringLiteral("%1 is not the table this file renames to %2: it is renamed already, or a "
                                                  "later release has changed it, and SQLite cannot skip a rename. Nothing "
                                                  "was changed.")
                                       .arg(tableName, w.q(op.newName)));
        body << QStringLiteral("ALTER TABLE %1 RENAME TO %2;").arg(tableName, w.q(op.newName));
        if (!op.view.name.isEmpty()) {
            View view = op.view;
            view.baseTable = op.newName;
            body << w.createView(view, false);
            if (const Table *moved = after.table(op.newName))
                body += w.viewTriggers(view, *moved);
        }
        OpScript out = one(unit(Writer::transaction(body, {QStringLiteral("PRAGMA legacy_alter_table = OFF;")}),
                                w.guard({{renamed, QStringLiteral("the table is renamed")},
                                         {QStringLiteral("NOT %1 AND %2").arg(w.objectExists(QStringLiteral("table"), op.table),
                                                                              w.objectExists(QStringLiteral("table"), op.newName)),
                                          QStringLiteral("the table is renamed, and a later release has changed the old name"),
                                          true}})), Route::Instant);
        out.offline = true;
        out.offlineReason = QStringLiteral(
            "SQLite cannot rename a table conditionally, so run again the file stops at its check; and the view left "
            "under the old name takes the old version's writes only through INSTEAD OF triggers, which report no "
            "changed rows (sqlite3_changes) and no last_insert_rowid() to it: stop the old version for the rename");
        return out;
    }

    case Type::CreateView: {
        const View &v = op.view;
        const auto existing = before.views.constFind(v.name);
        const QString exists = w.objectExists(QStringLiteral("view"), v.name);
        if (!op.replace || existing == before.views.cend()) {
            QStringList body{w.createView(v, true)};
            if (const Table *base = v.baseTable.isEmpty() ? nullptr : after.table(v.baseTable))
                body += w.viewTriggers(v, *base);
            ScriptUnit u = unit(Writer::transaction(body), w.guard({{exists, QStringLiteral("the view exists")}}));
            u.userSql = !v.definition.isEmpty();
            return one(u, Route::Instant);
        }
        // SQLite has no CREATE OR REPLACE VIEW: dropped and made again in one transaction, while
        // the view has the columns this file expects before or after it (a later release's
        // definition stays: the check stops the file first).
        const QString columns = w.liveColumns(v.name);
        const QString was = w.lit(w.literals(existing->columns, QStringLiteral(",")));
        const QString made = w.lit(w.literals(v.columns, QStringLiteral(",")));
        QStringList body = w.check(QStringLiteral("%1 IN (%2, %3)").arg(columns, was, made),
                                   QStringLiteral("view %1 is neither as this file expects it before its change nor after "
                                                  "it: a later release has changed it. Nothing was changed.")
                                       .arg(w.q(v.name)));
        QString statement = w.createView(v, false);
        statement.chop(1);
        body << QStringLiteral("DROP VIEW IF EXISTS %1;").arg(w.q(v.name)) << w.createView(v, false);
        ScriptUnit u = unit(Writer::transaction(body),
                            w.guard({{QStringLiteral("EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = %1 "
                                                     "COLLATE NOCASE AND sql = %2)")
                                          .arg(w.lit(v.name), w.lit(statement)),
                                      QStringLiteral("the view has its new definition")},
                                     {QStringLiteral("%1 NOT IN (%2, %3)").arg(columns, was, made),
                                      QStringLiteral("the view has other columns: a later release has changed it"), true}}));
        u.userSql = !v.definition.isEmpty();
        return one(u, Route::Instant);
    }

    case Type::DropView: {
        const QString exists = w.objectExists(QStringLiteral("view"), op.view.name);
        return one(unit(Writer::transaction({QStringLiteral("DROP VIEW IF EXISTS %1;").arg(w.q(op.view.name))}),
                        w.guard({{QStringLiteral("NOT ") + exists, QStringLiteral("the view is gone")}})), Route::Instant);
    }

    case Type::MoveBackfill: {
        if (!table)
            return {};
        // Find or create by equal values (IS: NULL equals NULL), then point the key at the row.
        // Rows whose moved columns are all NULL have nothing to move and keep a NULL key. The
        // moved columns are read through name resolution (see Backfill): once the contract has
        // dropped them, both statements find nothing to move.
        const RowKey key = w.rowKey(*table);
        QStringList taken = columnNames(*table);
        const QStringList aliases = keyAliases(w, key, &taken);
        const QStringList tableNames{op.table, op.toTable};
        const QString moved = w.q(freeName(QStringLiteral("tideline_moved"), tableNames));
        const QString rows = w.q(freeName(QStringLiteral("tideline_rows"), tableNames));
        const QString found = w.q(freeName(QStringLiteral("tideline_found"), tableNames));
        const QString existing = w.q(freeName(QStringLiteral("tideline_existing"), tableNames));
        QStringList inner, outer, match, targetColumns, values, same, anyValue, join;
        for (int i = 0; i < key.live.size(); ++i) {
            inner << QStringLiteral("%1.%2 AS %3").arg(tableName, key.live.at(i), aliases.at(i));
            outer << QStringLiteral("%1.%2 AS %2").arg(rows, aliases.at(i));
            match << QStringLiteral("%1.%2 = %3.%4").arg(tableName, key.live.at(i), rows, aliases.at(i));
            join << QStringLiteral("%1.%2 = %3.%4").arg(tableName, key.live.at(i), found, aliases.at(i));
        }
        int n = 0;
        for (auto it = op.mapping.cbegin(); it != op.mapping.cend(); ++it) {
            const QString v = w.q(QStringLiteral("tideline_value%1").arg(++n));
            inner << QStringLiteral("NULL AS %1").arg(w.q(it.key()));
            outer << QStringLiteral("(SELECT %1 FROM %2 WHERE %3) AS %4")
                         .arg(w.q(it.key()), tableName, match.join(QStringLiteral(" AND ")), v);
            targetColumns << w.q(it.value());
            values << v;
            same << QStringLiteral("%1.%2 IS %3.%4").arg(existing, w.q(it.value()), moved, v);
            anyValue << QStringLiteral("%1.%2 IS NOT NULL").arg(moved, v);
        }
        const QString cte = QStringLiteral("WITH %1 AS (\n    SELECT %2\n    FROM (SELECT %3 FROM %4 WHERE %4.%5 IS NULL) AS %6)\n")
                                .arg(moved, outer.join(QStringLiteral(",\n        ")), inner.join(QStringLiteral(", ")),
                                     tableName, w.q(op.key), rows);
        QStringList body;
        body << cte + QStringLiteral("INSERT INTO %1 (%2)\n    SELECT DISTINCT %3 FROM %4\n    WHERE (%5)\n"
                                     "      AND NOT EXISTS (SELECT 1 FROM %1 AS %6 WHERE %7);")
                          .arg(w.q(op.toTable), targetColumns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")),
                               moved, anyValue.join(QStringLiteral(" OR ")), existing, same.join(QStringLiteral(" AND ")));
        QStringList keyColumns;
        for (const QString &alias : std::as_const(aliases))
            keyColumns << moved + QLatin1Char('.') + alias;
        body << cte + QStringLiteral("UPDATE %1 SET %2 = %3.\"id\"\n"
                                     "    FROM (SELECT %4, (SELECT min(%5.\"id\") FROM %6 AS %5 WHERE %7) AS \"id\"\n"
                                     "          FROM %8 WHERE %9) AS %3\n"
                                     "    WHERE %10;")
                          .arg(tableName, w.q(op.key), found, keyColumns.join(QStringLiteral(", ")), existing,
                               w.q(op.toTable), same.join(QStringLiteral(" AND ")), moved,
                               anyValue.join(QStringLiteral(" OR ")), join.join(QStringLiteral(" AND ")));
        return one(unit(Writer::transaction(body)), Route::Blocking); // one pass, not batched
    }
    case Type::SetTableOptions: {
        // The catalog refuses set_table_options on SQLite (KindSpec::unsupported).
        OpScript out;
        out.offline = true;
        out.offlineReason = QStringLiteral("SQLite has no storage engines and no per-table character set");
        out.route = Route::Offline;
        return out;
    }

    case Type::CreateEnum:
    case Type::AddEnumValue:
    case Type::ReplaceProcedure: {
        // The kinds that make these list SQLite as unsupported; a file that got here stops at
        // once, naming why, and changes nothing.
        const QString reason = op.type == Type::ReplaceProcedure ? QStringLiteral("SQLite has no stored procedures")
                                                                 : QStringLiteral("SQLite has no enum types");
        OpScript refused = one(unit(comment(QStringLiteral("REFUSED: ") + reason) + QLatin1Char('\n')
                                    + QStringLiteral("SELECT * FROM %1;").arg(w.q(QStringLiteral("tideline refuses this step: ") + reason))), Route::Offline);
        refused.offline = true;
        refused.offlineReason = QStringLiteral("refused: ") + reason;
        return refused;
    }

    case Type::RawSql: {
        const QString sql = op.dialectSql.value(name()).trimmed();
        const QString guard = op.dialectGuard.value(name()); // trimmed, no final ';' (the kind's)
        if (sql.isEmpty())
            return {};
        // SQLite has no IF. With a guard, the SQL becomes the body of a temporary INSTEAD OF
        // trigger that one INSERT … WHERE NOT EXISTS (guard) fires or not, so the sqlite3 shell
        // skips it too (tideline-cli apply skips the file: the guard is the file's as well). A
        // trigger body holds INSERT, UPDATE, DELETE and SELECT only.
        QStringList body;
        if (!guard.isEmpty()) {
            static const QRegularExpression dml(QStringLiteral("^(INSERT|UPDATE|DELETE|REPLACE|SELECT)\\b"),
                                                QRegularExpression::CaseInsensitiveOption);
            for (QString statement : splitStatements(sql)) {
                while (statement.startsWith(QLatin1String("--")))
                    statement = statement.mid(statement.indexOf(QLatin1Char('\n')) + 1).trimmed();
                if (!statement.isEmpty() && !dml.match(statement).hasMatch()) {
                    OpScript refused = one(unit(comment(QStringLiteral("REFUSED: a guard can only skip INSERT, UPDATE and DELETE on SQLite"))
                                                + QLatin1Char('\n') + QStringLiteral("SELECT * FROM %1;").arg(w.q(QStringLiteral(
                                                    "tideline refuses this step: on SQLite a raw SQL guard can only skip INSERT, "
                                                    "UPDATE and DELETE statements; write the DDL with IF NOT EXISTS and no guard")))), Route::Offline);
                    refused.offline = true;
                    refused.offlineReason = QStringLiteral("refused: on SQLite a raw SQL guard can only skip INSERT, UPDATE and "
                                                           "DELETE statements (they run in a trigger); write DDL with IF NOT "
                                                           "EXISTS and no guard");
                    return refused;
                }
            }
            const QString runner = w.q(QStringLiteral("tideline_raw_sql"));
            body << QStringLiteral("DROP VIEW IF EXISTS temp.%1;").arg(runner)
                 << QStringLiteral("CREATE TEMP VIEW %1 (\"run\") AS SELECT 1;").arg(runner)
                 << QStringLiteral("CREATE TEMP TRIGGER %1 INSTEAD OF INSERT ON %1\nBEGIN\n%2\nEND;").arg(runner, sql)
                 << QStringLiteral("INSERT INTO temp.%1 (\"run\") SELECT 1 WHERE NOT EXISTS (%2);").arg(runner, guard)
                 << QStringLiteral("DROP VIEW temp.%1;").arg(runner);
        } else {
            body << sql;
        }
        const QString note = guard.isEmpty()
                                 ? QStringLiteral("user SQL (raw_sql), as the plan gives it. It has no guard: a second run runs it again, "
                                                  "so it is re-runnable only as far as the SQL itself is.")
                                 : QStringLiteral("user SQL (raw_sql), as the plan gives it, in a temporary trigger that runs only "
                                                  "while its guard returns no row.");
        const QString text = op.transactional ? Writer::transaction(body) : body.join(QLatin1Char('\n'));
        ScriptUnit u = unit(comment(note) + QLatin1Char('\n') + text, guard);
        u.userSql = true;
        return one(u, Route::Blocking);
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

bool SqliteDialect::isVolatileDefault(const QString &defaultSql) const
{
    return !defaultSql.trimmed().isEmpty() && !SqlText::functionCalls(defaultSql).isEmpty();
}

QStringList SqliteDialect::commonTypes() const
{
    return {QStringLiteral("integer"), QStringLiteral("real"), QStringLiteral("numeric"), QStringLiteral("text"),
            QStringLiteral("blob")};
}

} // namespace Tideline
