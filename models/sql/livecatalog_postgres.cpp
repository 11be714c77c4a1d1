// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "livecatalog_p.h"

#include "postgresdialect.h"

#include <io/ddlimporter.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <functional>

namespace Tideline::LiveCatalogPrivate {

namespace {

/** format_type()'s spelling back to the one plans and the DDL importer use. */
QString planType(const QString &formatted)
{
    static const QList<QPair<QRegularExpression, QString>> shorter = {
        {QRegularExpression(QStringLiteral(R"(^character varying\b)")), QStringLiteral("varchar")},
        {QRegularExpression(QStringLiteral(R"(^character\b)")), QStringLiteral("char")},
        {QRegularExpression(QStringLiteral(R"(^timestamp(\(\d+\))? without time zone)")), QStringLiteral("timestamp\\1")},
        {QRegularExpression(QStringLiteral(R"(^time(\(\d+\))? without time zone)")), QStringLiteral("time\\1")},
    };
    QString type = formatted;
    for (const auto &[pattern, replacement] : shorter) {
        const auto match = pattern.match(type);
        if (match.hasMatch()) {
            QString r = replacement;
            r.replace(QStringLiteral("\\1"), match.captured(1));
            return r + type.mid(match.capturedLength(0));
        }
    }
    return type;
}

/** pg_get_expr()'s default back to how a plan writes it: `'x'::character varying` -> `'x'`. */
QString planDefault(const QString &expression)
{
    static const QRegularExpression castLiteral(
        QStringLiteral(R"(^('(?:[^']|'')*')::[a-z ]+(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?$)"));
    const auto match = castLiteral.match(expression);
    if (!match.hasMatch())
        return expression;
    const QString literal = match.captured(1);
    static const QRegularExpression number(QStringLiteral(R"(^'-?\d+(\.\d+)?'$)"));
    return number.match(literal).hasMatch() ? literal.mid(1, literal.size() - 2) : literal;
}

QStringList jsonStrings(const QVariant &value)
{
    QStringList list;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &v : array)
        list << v.toString();
    return list;
}

/** @p e without the parentheses around all of it (index expressions, CHECKs). */
QString withoutOuterParentheses(QString e)
{
    e = e.trimmed();
    while (e.startsWith(QLatin1Char('(')) && e.endsWith(QLatin1Char(')'))) {
        int depth = 0;
        bool whole = true;
        bool quoted = false;
        for (int i = 0; i < e.size() && whole; ++i) {
            const QChar c = e.at(i);
            if (c == QLatin1Char('\''))
                quoted = !quoted;
            if (quoted)
                continue;
            if (c == QLatin1Char('('))
                ++depth;
            else if (c == QLatin1Char(')') && --depth == 0 && i != e.size() - 1)
                whole = false;
        }
        if (!whole)
            break;
        e = e.mid(1, e.size() - 2).trimmed();
    }
    return e;
}

/** The inside of `CHECK ((expr))` as pg_get_constraintdef() prints it. */
QString checkExpression(const QString &definition)
{
    QString e = definition.trimmed();
    if (e.startsWith(QLatin1String("CHECK ")))
        e = e.mid(6).trimmed();
    e.remove(QRegularExpression(QStringLiteral(R"(\s+NOT VALID$)")));
    return withoutOuterParentheses(e);
}

/** Runs @p sql with @p oids in place of `{oids}` (when not empty) and calls @p row for every
 *  row. The oids are numbers the catalog gave, so they go into the text: one simple query, where
 *  a prepared one costs Qt's PREPARE, EXECUTE and DEALLOCATE round trips (verify reads the
 *  catalog before and after each script). */
bool each(QSqlDatabase db, const QString &sql, const QString &oids, const std::function<void(const QSqlQuery &)> &row,
          QString *error)
{
    QString text = sql;
    if (!oids.isEmpty()) {
        Q_ASSERT(text.contains(QLatin1String("{oids}")));
        text.replace(QLatin1String("{oids}"), oids);
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(text)) {
        *error = QStringLiteral("%1 (%2)").arg(q.lastError().text(), sql.left(200));
        return false;
    }
    while (q.next())
        row(q);
    return true;
}

/** The tables being read, by oid. Each per-table reader is one query for all of them (the
 *  table's oid is its last column); notes are kept per reader and table, so that they come out
 *  table by table, as when each table was read with queries of its own. */
struct Reading
{
    enum Kind { Constraints, Indexes, Triggers, Syncs, Kinds };
    QList<qint64> order; // by name
    QHash<qint64, Table> tables;
    QHash<qint64, QStringList> notes[Kinds + 1]; // [Kinds]: readers without notes

    QString oids() const
    {
        QStringList list;
        for (const qint64 oid : order)
            list << QString::number(oid);
        return list.join(QStringLiteral(", "));
    }
};

/** each() over every table of @p reading: @p row gets the row's table and its notes of @p kind. */
bool eachTable(QSqlDatabase db, const QString &sql, Reading *reading, Reading::Kind kind,
               const std::function<void(const QSqlQuery &, Table *, QStringList *)> &row, QString *error)
{
    int oidColumn = -1;
    return each(
        db, sql, reading->oids(),
        [&](const QSqlQuery &q) {
            if (oidColumn < 0)
                oidColumn = q.record().count() - 1;
            const qint64 oid = q.value(oidColumn).toLongLong();
            const auto table = reading->tables.find(oid);
            if (table != reading->tables.end())
                row(q, &*table, &reading->notes[kind][oid]);
        },
        error);
}

// Column names of a constraint in key order, as JSON (Qt SQL has no array type).
const char ColumnsOf[] = "(SELECT coalesce(json_agg(a.attname ORDER BY k.i), '[]')::text "
                         "FROM unnest(%1) WITH ORDINALITY AS k(n, i) "
                         "JOIN pg_catalog.pg_attribute a ON a.attrelid = %2 AND a.attnum = k.n)";

QString foreignKeyAction(const QString &code)
{
    static const QHash<QString, QString> actions = {{QStringLiteral("r"), QStringLiteral("RESTRICT")},
                                                    {QStringLiteral("c"), QStringLiteral("CASCADE")},
                                                    {QStringLiteral("n"), QStringLiteral("SET NULL")},
                                                    {QStringLiteral("d"), QStringLiteral("SET DEFAULT")}};
    return actions.value(code);
}

/** The sync triggers Tideline made on the tables (their function's comment holds the SyncTrigger). */
bool readSyncs(QSqlDatabase db, Reading *reading, QString *error)
{
    return eachTable(db,
                QStringLiteral("SELECT t.tgname, coalesce(pg_catalog.obj_description(t.tgfoid, 'pg_proc'), ''), "
                               "t.tgrelid::bigint FROM pg_catalog.pg_trigger t WHERE t.tgrelid IN ({oids}) "
                               "AND NOT t.tgisinternal AND t.tgname LIKE 'tideline\\_sync\\_%' ORDER BY t.tgrelid, t.tgname"),
                reading, Reading::Syncs,
                [&](const QSqlQuery &q, Table *table, QStringList *notes) {
                    const QString comment = q.value(1).toString();
                    const QJsonObject o = QJsonDocument::fromJson(
                                              comment.mid(PostgresDialect::syncCommentPrefix().size()).toUtf8())
                                              .object();
                    if (!comment.startsWith(PostgresDialect::syncCommentPrefix()) || o.isEmpty()) {
                        *notes << QStringLiteral("%1: trigger %2 looks like Tideline's but its function does not say "
                                                 "what it fills; it is left out")
                                      .arg(table->name, q.value(0).toString());
                        return;
                    }
                    SyncTrigger sync;
                    sync.target = o.value(QStringLiteral("target")).toString();
                    for (const QJsonValue &s : o.value(QStringLiteral("sources")).toArray())
                        sync.sources << s.toString();
                    sync.sourceColumn = o.value(QStringLiteral("sourceColumn")).toString();
                    sync.expression = o.value(QStringLiteral("expression")).toString();
                    table->syncs.append(sync);
                },
                error);
}

/** What the current schema holds that a Schema cannot: one note each. */
bool noteTheRest(QSqlDatabase db, QString *error, QStringList *notes)
{
    const QList<QPair<QString, QString>> checks = {
        {QStringLiteral("SELECT 'extension ' || extname FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql' "
                        "ORDER BY 1"),
         QStringLiteral("%1 is installed; extensions are not part of a baseline: create them before it")},
        {QStringLiteral("SELECT c.relname || ': policy ' || p.polname FROM pg_catalog.pg_policy p "
                        "JOIN pg_catalog.pg_class c ON c.oid = p.polrelid "
                        "WHERE c.relnamespace = pg_catalog.to_regnamespace(current_schema())::oid ORDER BY 1"),
         QStringLiteral("%1: row security policies are not part of a baseline")},
        {QStringLiteral("SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relrowsecurity "
                        "AND c.relnamespace = pg_catalog.to_regnamespace(current_schema())::oid ORDER BY 1"),
         QStringLiteral("%1: row level security is not part of a baseline")},
        {QStringLiteral("SELECT c.relname || ': rule ' || r.rulename FROM pg_catalog.pg_rewrite r "
                        "JOIN pg_catalog.pg_class c ON c.oid = r.ev_class WHERE r.rulename <> '_RETURN' "
                        "AND c.relnamespace = pg_catalog.to_regnamespace(current_schema())::oid ORDER BY 1"),
         QStringLiteral("%1: rules are not part of a baseline")},
        {QStringLiteral("SELECT CASE t.typtype WHEN 'd' THEN 'domain ' WHEN 'r' THEN 'range type ' "
                        "ELSE 'composite type ' END || t.typname FROM pg_catalog.pg_type t "
                        "WHERE t.typnamespace = pg_catalog.to_regnamespace(current_schema())::oid "
                        "AND (t.typtype IN ('d', 'r') OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c "
                        "WHERE c.oid = t.typrelid AND c.relkind = 'c'))) "
                        "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e') "
                        "ORDER BY 1"),
         QStringLiteral("%1 is not part of a baseline: columns of that type need it created first")},
        {QStringLiteral("SELECT CASE c.relkind WHEN 'm' THEN 'materialized view ' ELSE 'foreign table ' END || c.relname "
                        "FROM pg_catalog.pg_class c WHERE c.relkind IN ('m', 'f') "
                        "AND c.relnamespace = pg_catalog.to_regnamespace(current_schema())::oid ORDER BY 1"),
         QStringLiteral("%1 is not part of a baseline")},
        {QStringLiteral("SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'S') "
                        "AND c.relnamespace = pg_catalog.to_regnamespace(current_schema())::oid ORDER BY 1"),
         QStringLiteral("%1: privileges (GRANT) are not part of a baseline")},
        {QStringLiteral("SELECT c.relname || ' inherits from ' || p.relname FROM pg_catalog.pg_inherits i "
                        "JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid JOIN pg_catalog.pg_class p ON p.oid = i.inhparent "
                        "WHERE c.relnamespace = pg_catalog.to_regnamespace(current_schema())::oid ORDER BY 1"),
         QStringLiteral("%1: inheritance and partitions are not part of a baseline")},
    };
    for (const auto &[sql, text] : checks) {
        const QString &note = text; // C++17 lambdas cannot capture a structured binding (clang refuses)
        if (!each(db, sql, {}, [&](const QSqlQuery &q) { *notes << note.arg(q.value(0).toString()); }, error))
            return false;
    }
    return true;
}

bool readColumns(QSqlDatabase db, Reading *reading, QString *error)
{
    return eachTable(
        db,
        QStringLiteral(
            "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
            "pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, "
            "CASE WHEN a.attcollation <> ty.typcollation THEN co.collname END, "
            "coalesce(pg_catalog.col_description(a.attrelid, a.attnum), ''), "
            // The sequence a default draws from: by dependency for nextval('s'::regclass), by
            // name for nextval(('s'::text)::regclass), which PostgreSQL resolves at each call.
            "coalesce((SELECT s.relname FROM pg_catalog.pg_depend dep JOIN pg_catalog.pg_class s ON s.oid = dep.refobjid "
            " AND s.relkind = 'S' WHERE dep.classid = 'pg_catalog.pg_attrdef'::regclass AND dep.objid = d.oid LIMIT 1), "
            " (SELECT s.relname FROM pg_catalog.pg_class s WHERE s.relkind = 'S' AND s.oid = pg_catalog.to_regclass("
            "  replace((regexp_match(pg_catalog.pg_get_expr(d.adbin, d.adrelid), "
            "  '^nextval\\(\\(''((?:[^'']|'''')*)''::text\\)::regclass\\)$'))[1], '''''', '''')))), "
            "a.attrelid::bigint FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid "
            "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
            "WHERE a.attrelid IN ({oids}) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum"),
        reading, Reading::Kinds,
        [&](const QSqlQuery &q, Table *table, QStringList *) {
            Column c;
            c.name = q.value(0).toString();
            c.type = planType(q.value(1).toString());
            c.nullable = !q.value(2).toBool();
            const QString expression = q.value(3).toString();
            const QString identity = q.value(4).toString();
            c.generated = q.value(5).toString() == QLatin1String("s");
            c.collation = q.value(6).toString();
            c.comment = q.value(7).toString();
            if (identity == QLatin1String("a") || identity == QLatin1String("d")) {
                c.identity = true;
                c.identityKind = identity == QLatin1String("a") ? Column::Identity::Always : Column::Identity::ByDefault;
            } else if (c.generated) {
                c.generatedExpression = expression;
            } else if (!q.value(8).isNull() && expression.startsWith(QLatin1String("nextval("))) {
                // Filled from a sequence (serial, or a default of its own): the database fills it.
                c.identity = true;
                c.identityKind = Column::Identity::Sequence;
                c.sequence = q.value(8).toString();
                c.defaultValue = expression;
            } else {
                c.defaultValue = planDefault(expression);
            }
            table->columns.append(c);
        },
        error);
}

bool readConstraints(QSqlDatabase db, Reading *reading, QString *error)
{
    return eachTable(
        db,
        QStringLiteral("SELECT con.conname, con.contype::text, %1, pg_catalog.pg_get_constraintdef(con.oid), "
                       "coalesce(rc.relname, ''), coalesce(%2, '[]'), con.confupdtype::text, con.confdeltype::text, "
                       "con.condeferrable, con.condeferred, con.confmatchtype::text, con.conrelid::bigint "
                       "FROM pg_catalog.pg_constraint con "
                       "LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid "
                       "WHERE con.conrelid IN ({oids}) AND con.contype IN ('p', 'u', 'c', 'f', 'x') "
                       "ORDER BY con.conrelid, con.conname")
            .arg(QString::fromLatin1(ColumnsOf).arg(QStringLiteral("con.conkey"), QStringLiteral("con.conrelid")),
                 QString::fromLatin1(ColumnsOf).arg(QStringLiteral("con.confkey"), QStringLiteral("con.confrelid"))),
        reading, Reading::Constraints,
        [&](const QSqlQuery &q, Table *table, QStringList *notes) {
            Constraint c;
            c.name = q.value(0).toString();
            const QString type = q.value(1).toString();
            c.columns = jsonStrings(q.value(2));
            c.deferrable = q.value(8).toBool();
            c.initiallyDeferred = q.value(9).toBool();
            if (type == QLatin1String("x")) {
                *notes << QStringLiteral("%1: exclusion constraint %2 is not part of a baseline").arg(table->name, c.name);
                return;
            }
            if (type == QLatin1String("p")) {
                c.kind = Constraint::Kind::PrimaryKey;
                table->primaryKey = c.columns;
            } else if (type == QLatin1String("u")) {
                c.kind = Constraint::Kind::Unique;
            } else if (type == QLatin1String("c")) {
                c.kind = Constraint::Kind::Check;
                c.expression = checkExpression(q.value(3).toString());
            } else {
                c.kind = Constraint::Kind::ForeignKey;
                c.refTable = q.value(4).toString();
                c.refColumns = jsonStrings(q.value(5));
                c.onUpdate = foreignKeyAction(q.value(6).toString());
                c.onDelete = foreignKeyAction(q.value(7).toString());
                if (q.value(10).toString() != QLatin1String("s"))
                    *notes << QStringLiteral("%1: foreign key %2 is MATCH FULL; the baseline's key matches the simple way")
                                  .arg(table->name, c.name);
            }
            table->constraints.append(c);
        },
        error);
}

bool readIndexes(QSqlDatabase db, Reading *reading, QString *error)
{
    // Key entries: the column, or the expression as pg_get_indexdef() prints it. indoption bit
    // 1 is DESC, bit 2 NULLS FIRST; the operator class and collation are compared with the
    // column type's defaults.
    return eachTable(
        db,
        QStringLiteral(
            "SELECT ic.relname, i.indisunique, i.indisvalid, am.amname, "
            "(SELECT coalesce(json_agg(json_build_array("
            "   CASE WHEN k.n = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.i::int, true) ELSE a.attname::text END, "
            "   (i.indoption[k.i - 1] & 1) <> 0, (i.indoption[k.i - 1] & 2) <> 0, "
            "   NOT coalesce(oc.opcdefault, true), "
            "   i.indcollation[k.i - 1] <> 0 AND i.indcollation[k.i - 1] <> coalesce(a.attcollation, i.indcollation[k.i - 1])"
            " ) ORDER BY k.i), '[]')::text "
            " FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(n, i) "
            " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n "
            " LEFT JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[k.i - 1] "
            " WHERE k.i <= i.indnkeyatts), "
            "(SELECT coalesce(json_agg(a.attname ORDER BY k.i), '[]')::text "
            " FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(n, i) "
            " JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n "
            " WHERE k.i > i.indnkeyatts), "
            "coalesce(pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), ''), i.indrelid::bigint "
            "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
            "JOIN pg_catalog.pg_am am ON am.oid = ic.relam "
            "WHERE i.indrelid IN ({oids}) AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con "
            "WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid) "
            "ORDER BY i.indrelid, ic.relname"),
        reading, Reading::Indexes,
        [&](const QSqlQuery &q, Table *table, QStringList *notes) {
            Index index;
            index.name = q.value(0).toString();
            if (!q.value(2).toBool()) {
                *notes << QStringLiteral("%1: index %2 is INVALID (a failed concurrent build); it is left out")
                              .arg(table->name, index.name);
                return;
            }
            index.unique = q.value(1).toBool();
            const QString method = q.value(3).toString();
            if (method != QLatin1String("btree"))
                index.method = method;
            bool descending = false;
            for (const QJsonValue &value : QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array()) {
                const QJsonArray entry = value.toArray();
                const QString key = entry.at(0).toString();
                index.columns << (table->column(key) ? key : withoutOuterParentheses(key));
                const bool desc = entry.at(1).toBool();
                const bool nullsFirst = entry.at(2).toBool();
                index.descending << desc;
                descending = descending || desc;
                if (desc != nullsFirst)
                    *notes << QStringLiteral("%1: index %2 orders NULLs %3; the baseline's index uses the default")
                                  .arg(table->name, index.name, nullsFirst ? QStringLiteral("first") : QStringLiteral("last"));
                if (entry.at(3).toBool())
                    *notes << QStringLiteral("%1: index %2 has an operator class of its own on %3; the baseline's "
                                             "index uses the type's default")
                                  .arg(table->name, index.name, key);
                if (entry.at(4).toBool())
                    *notes << QStringLiteral("%1: index %2 has a collation of its own on %3; the baseline's index uses "
                                             "the column's")
                                  .arg(table->name, index.name, key);
            }
            if (!descending)
                index.descending.clear();
            index.include = jsonStrings(q.value(5));
            index.where = q.value(6).toString();
            table->indexes.append(index);
        },
        error);
}

bool readTriggers(QSqlDatabase db, Reading *reading, QString *error)
{
    return eachTable(db,
                QStringLiteral("SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled::text, "
                               "t.tgrelid::bigint FROM pg_catalog.pg_trigger t WHERE t.tgrelid IN ({oids}) "
                               "AND NOT t.tgisinternal AND t.tgname NOT LIKE 'tideline\\_sync\\_%' ORDER BY t.tgrelid, t.tgname"),
                reading, Reading::Triggers,
                [&](const QSqlQuery &q, Table *table, QStringList *notes) {
                    table->triggers.append(Trigger{q.value(0).toString(), q.value(1).toString()});
                    if (q.value(2).toString() == QLatin1String("D"))
                        *notes << QStringLiteral("%1: trigger %2 is disabled; the baseline's trigger is enabled")
                                      .arg(table->name, q.value(0).toString());
                },
                error);
}

bool readSequences(QSqlDatabase db, Schema *schema, QString *error, QStringList *notes)
{
    // Sequences of the current schema, but not the ones identity columns own (deptype 'i').
    return each(
        db,
        QStringLiteral(
            "SELECT c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, "
            "s.seqmin, s.seqmax, s.seqcache, s.seqcycle, "
            "(SELECT tc.relname || '.' || a.attname FROM pg_catalog.pg_depend d "
            " JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid "
            " JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
            " WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a' "
            " AND d.refclassid = 'pg_catalog.pg_class'::regclass LIMIT 1), "
            "CASE s.seqtypid WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647 "
            "ELSE 9223372036854775807 END "
            "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid "
            "WHERE c.relkind = 'S' AND c.relnamespace = pg_catalog.to_regnamespace(current_schema())::oid "
            "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass "
            "AND d.objid = c.oid AND d.deptype = 'i') ORDER BY c.relname"),
        {},
        [&](const QSqlQuery &q) {
            Sequence s;
            s.name = q.value(0).toString();
            s.type = planType(q.value(1).toString());
            s.start = q.value(2).toLongLong();
            s.increment = q.value(3).toLongLong();
            s.ownedBy = q.value(8).toString();
            const bool ascending = s.increment > 0;
            const bool defaultBounds = ascending ? q.value(4).toLongLong() == 1 && q.value(5).toLongLong() == q.value(9).toLongLong()
                                                 : q.value(5).toLongLong() == -1;
            if (!defaultBounds || q.value(6).toLongLong() != 1 || q.value(7).toBool())
                *notes << QStringLiteral("sequence %1: MINVALUE, MAXVALUE, CACHE and CYCLE are not part of a "
                                         "baseline; its copy uses the defaults")
                              .arg(s.name);
            schema->sequences.insert(s.name, s);
        },
        error);
}

bool readEnums(QSqlDatabase db, Schema *schema, QString *error)
{
    return each(db,
                QStringLiteral("SELECT t.typname, json_agg(e.enumlabel ORDER BY e.enumsortorder)::text "
                               "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid "
                               "WHERE t.typnamespace = pg_catalog.to_regnamespace(current_schema())::oid "
                               "GROUP BY t.typname ORDER BY t.typname"),
                {},
                [&](const QSqlQuery &q) {
                    EnumType e;
                    e.name = q.value(0).toString();
                    e.values = jsonStrings(q.value(1));
                    schema->enums.insert(e.name, e);
                },
                error);
}

bool readViews(QSqlDatabase db, Schema *schema, QString *error)
{
    return each(db,
                QStringLiteral("SELECT c.relname, pg_catalog.pg_get_viewdef(c.oid, true), "
                               "(SELECT json_agg(a.attname ORDER BY a.attnum)::text FROM pg_catalog.pg_attribute a "
                               " WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) "
                               "FROM pg_catalog.pg_class c WHERE c.relkind = 'v' "
                               "AND c.relnamespace = pg_catalog.to_regnamespace(current_schema())::oid "
                               "ORDER BY c.relname"),
                {},
                [&](const QSqlQuery &q) {
                    View v;
                    v.name = q.value(0).toString();
                    v.definition = q.value(1).toString().trimmed();
                    if (v.definition.endsWith(QLatin1Char(';')))
                        v.definition.chop(1);
                    v.columns = jsonStrings(q.value(2));
                    schema->views.insert(v.name, v);
                },
                error);
}

/** Functions and procedures as the DDL importer holds them: name and parameters. Their
 *  argument list is PostgreSQL's own text, read by the same parser as a DDL file. */
bool readProcedures(QSqlDatabase db, Schema *schema, QString *error, QStringList *notes)
{
    return each(db,
                QStringLiteral("SELECT p.proname, pg_catalog.pg_get_function_arguments(p.oid) FROM pg_catalog.pg_proc p "
                               "WHERE p.pronamespace = pg_catalog.to_regnamespace(current_schema())::oid "
                               "AND p.prokind IN ('f', 'p') AND p.proname NOT LIKE 'tideline\\_sync\\_%' "
                               "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = p.oid "
                               "AND d.classid = 'pg_catalog.pg_proc'::regclass AND d.deptype = 'e') "
                               "ORDER BY p.proname, p.oid"),
                {},
                [&](const QSqlQuery &q) {
                    const QString name = q.value(0).toString();
                    if (schema->procedures.contains(name)) {
                        *notes << QStringLiteral("function %1 is overloaded; only its first form is kept").arg(name);
                        return;
                    }
                    Schema parsed;
                    QString problem;
                    const QString ddl = QStringLiteral("CREATE FUNCTION %1(%2) RETURNS void LANGUAGE sql AS ''")
                                            .arg(PostgresDialect().quoteIdentifier(name), q.value(1).toString());
                    if (!DdlImporter::importPostgres(ddl, &parsed, &problem) || parsed.procedures.size() != 1) {
                        *notes << QStringLiteral("function %1: its parameters cannot be read (%2)").arg(name, problem);
                        return;
                    }
                    schema->procedures.insert(name, parsed.procedures.first());
                    *notes << QStringLiteral("function %1 keeps only its name and parameters: a baseline does not "
                                             "create it (triggers that call it need it created first)")
                                  .arg(name);
                },
                error);
}

} // namespace

/**
 * PostgreSQL: the ordinary and partitioned tables of the current schema (normally `public`)
 * with everything a Schema holds — types in the spelling plans use, identity kinds, serials and
 * the sequences behind nextval() defaults, generated expressions, collations, comments,
 * constraints with their foreign-key actions and deferral, indexes with predicates, INCLUDE,
 * DESC, expressions and access methods, user triggers (pg_get_triggerdef), and Tideline's own
 * sync triggers as Table::syncs; plus sequences, enum types and views. Indexes that back a
 * constraint are left to the constraint. What a Schema cannot hold is named in @p notes.
 */
bool readPostgres(QSqlDatabase db, Schema *schema, QString *error, QStringList *notes, const QStringList *only)
{
    *schema = Schema();
    // Only some tables (verify's snapshots): their names as literals, doubled quotes and all.
    QString which;
    if (only) {
        QStringList literals;
        for (const QString &name : *only)
            literals << QLatin1Char('\'') + QString(name).replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
        which = literals.isEmpty() ? QStringLiteral("AND false ")
                                   : QStringLiteral("AND c.relname IN (%1) ").arg(literals.join(QStringLiteral(", ")));
    }
    Reading reading;
    if (!each(db,
              QStringLiteral("SELECT c.oid::bigint, c.relname, coalesce(pg_catalog.obj_description(c.oid, 'pg_class'), ''), "
                             "c.relpersistence::text, c.relkind::text FROM pg_catalog.pg_class c "
                             "WHERE c.relnamespace = pg_catalog.to_regnamespace(current_schema())::oid "
                             "AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
                             "AND c.relname <> 'tideline_applied' %1ORDER BY c.relname")
                  .arg(which),
              {},
              [&](const QSqlQuery &q) {
                  Table t;
                  t.name = q.value(1).toString();
                  t.comment = q.value(2).toString();
                  if (q.value(3).toString() == QLatin1String("u"))
                      *notes << QStringLiteral("%1 is UNLOGGED; the baseline's table is logged").arg(t.name);
                  if (q.value(4).toString() == QLatin1String("p"))
                      *notes << QStringLiteral("%1 is partitioned; the baseline's table is not").arg(t.name);
                  reading.order.append(q.value(0).toLongLong());
                  reading.tables.insert(q.value(0).toLongLong(), t);
              },
              error))
        return false;
    // One query per reader for all tables, not one per table and reader.
    if (!reading.order.isEmpty()
        && (!readColumns(db, &reading, error) || !readConstraints(db, &reading, error)
            || !readIndexes(db, &reading, error) || !readTriggers(db, &reading, error) || !readSyncs(db, &reading, error)))
        return false;
    for (const qint64 oid : std::as_const(reading.order)) {
        for (int kind = 0; kind < Reading::Kinds; ++kind)
            *notes << reading.notes[kind].value(oid);
        const Table &table = reading.tables[oid];
        schema->tables.insert(table.name, table);
    }
    if (only)
        return readViews(db, schema, error);
    return readSequences(db, schema, error, notes) && readEnums(db, schema, error) && readViews(db, schema, error)
           && readProcedures(db, schema, error, notes) && noteTheRest(db, error, notes);
}

} // namespace Tideline::LiveCatalogPrivate
