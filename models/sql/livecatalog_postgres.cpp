// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "livecatalog_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Tideline::LiveCatalogPrivate {

namespace {

/** format_type()'s spelling back to the short one plans are written in. */
QString planType(const QString &formatted)
{
    static const QList<QPair<QRegularExpression, QString>> shorter = {
        {QRegularExpression(QStringLiteral(R"(^character varying\b)")), QStringLiteral("varchar")},
        {QRegularExpression(QStringLiteral(R"(^character\b)")), QStringLiteral("char")},
        {QRegularExpression(QStringLiteral(R"(^timestamp(\(\d+\))? without time zone$)")), QStringLiteral("timestamp\\1")},
        {QRegularExpression(QStringLiteral(R"(^timestamp(\(\d+\))? with time zone$)")), QStringLiteral("timestamptz\\1")},
        {QRegularExpression(QStringLiteral(R"(^time(\(\d+\))? without time zone$)")), QStringLiteral("time\\1")},
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

/** The inside of `CHECK ((expr))` as pg_get_constraintdef() prints it. */
QString checkExpression(const QString &definition)
{
    QString e = definition.trimmed();
    if (e.startsWith(QLatin1String("CHECK ")))
        e = e.mid(6).trimmed();
    e.remove(QRegularExpression(QStringLiteral(R"(\s+NOT VALID$)")));
    // Strip the outer parentheses while they enclose the whole expression.
    for (int pass = 0; pass < 2 && e.startsWith(QLatin1Char('(')) && e.endsWith(QLatin1Char(')')); ++pass) {
        int depth = 0;
        bool whole = true;
        for (int i = 0; i < e.size(); ++i) {
            if (e.at(i) == QLatin1Char('('))
                ++depth;
            else if (e.at(i) == QLatin1Char(')') && --depth == 0 && i != e.size() - 1)
                whole = false;
        }
        if (!whole)
            break;
        e = e.mid(1, e.size() - 2).trimmed();
    }
    return e;
}

bool run(QSqlQuery &q, const QString &sql, qint64 oid, QString *error)
{
    if (!q.prepare(sql)) {
        *error = q.lastError().text();
        return false;
    }
    if (oid >= 0)
        q.addBindValue(oid);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

// Column names of a constraint or index in key order, as JSON (Qt SQL has no array type).
const char ColumnsOf[] = "(SELECT coalesce(json_agg(a.attname ORDER BY k.i), '[]')::text "
                         "FROM unnest(%1) WITH ORDINALITY AS k(n, i) "
                         "JOIN pg_catalog.pg_attribute a ON a.attrelid = %2 AND a.attnum = k.n)";

} // namespace

/**
 * PostgreSQL: the ordinary tables of the current schema (normally `public`). Types come from
 * format_type() in the short spelling plans use; serial and identity columns both read as
 * identity; the primary key fills Table::primaryKey and is also listed as a named constraint;
 * indexes that back a constraint are left to the constraint.
 */
bool readPostgres(QSqlDatabase db, Schema *schema, QString *error, QStringList *notes)
{
    *schema = Schema();
    QSqlQuery tables(db);
    if (!run(tables,
             QStringLiteral("SELECT c.oid::bigint, c.relname FROM pg_catalog.pg_class c "
                            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
                            "AND c.relname <> 'tideline_applied' ORDER BY c.relname"),
             -1, error))
        return false;
    while (tables.next()) {
        const qint64 oid = tables.value(0).toLongLong();
        Table table;
        table.name = tables.value(1).toString();

        QSqlQuery columns(db);
        if (!run(columns,
                 QStringLiteral("SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                                "pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity <> '', a.attgenerated <> '' "
                                "FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d "
                                "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                                "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"),
                 oid, error))
            return false;
        while (columns.next()) {
            Column c;
            c.name = columns.value(0).toString();
            c.type = planType(columns.value(1).toString());
            c.nullable = !columns.value(2).toBool();
            const QString def = columns.value(3).toString();
            c.identity = columns.value(4).toBool();
            c.generated = columns.value(5).toBool();
            if (def.startsWith(QLatin1String("nextval("))) {
                c.identity = true; // serial: the database fills it, as an identity does
                *notes << QStringLiteral("%1.%2: DEFAULT %3 becomes an identity column; the sequence is not "
                                         "in the baseline")
                              .arg(table.name, c.name, def);
            } else if (!c.generated) {
                c.defaultValue = planDefault(def);
            }
            table.columns.append(c);
        }

        QSqlQuery constraints(db);
        if (!run(constraints,
                 QStringLiteral("SELECT con.conname, con.contype, %1, pg_catalog.pg_get_constraintdef(con.oid), "
                                "coalesce(rc.relname, ''), coalesce(%2, '[]') "
                                "FROM pg_catalog.pg_constraint con "
                                "LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid "
                                "WHERE con.conrelid = ? AND con.contype IN ('p', 'u', 'c', 'f') ORDER BY con.conname")
                     .arg(QString::fromLatin1(ColumnsOf).arg(QStringLiteral("con.conkey"), QStringLiteral("con.conrelid")),
                          QString::fromLatin1(ColumnsOf).arg(QStringLiteral("con.confkey"), QStringLiteral("con.confrelid"))),
                 oid, error))
            return false;
        while (constraints.next()) {
            Constraint c;
            c.name = constraints.value(0).toString();
            const QString type = constraints.value(1).toString();
            c.columns = jsonStrings(constraints.value(2));
            if (type == QLatin1String("p")) {
                c.kind = Constraint::Kind::PrimaryKey;
                table.primaryKey = c.columns;
            } else if (type == QLatin1String("u")) {
                c.kind = Constraint::Kind::Unique;
            } else if (type == QLatin1String("c")) {
                c.kind = Constraint::Kind::Check;
                c.expression = checkExpression(constraints.value(3).toString());
            } else {
                c.kind = Constraint::Kind::ForeignKey;
                c.refTable = constraints.value(4).toString();
                c.refColumns = jsonStrings(constraints.value(5));
                static const QRegularExpression action(
                    QStringLiteral(R"(\bON (UPDATE|DELETE) (CASCADE|SET NULL|SET DEFAULT|RESTRICT|NO ACTION)\b)"));
                QString onUpdate, onDelete;
                for (const auto &m : action.globalMatch(constraints.value(3).toString()))
                    (m.captured(1) == QLatin1String("UPDATE") ? onUpdate : onDelete) = m.captured(2);
                *notes += foreignKeyActionNotes(table.name, c, onUpdate, onDelete);
            }
            table.constraints.append(c);
        }

        QSqlQuery indexes(db);
        if (!run(indexes,
                 QStringLiteral("SELECT ic.relname, i.indisunique, "
                                "(SELECT coalesce(json_agg(CASE WHEN k.n = 0 "
                                "THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.i::int, true) ELSE a.attname::text END "
                                "ORDER BY k.i), '[]')::text "
                                " FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(n, i) "
                                " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n "
                                " WHERE k.i <= i.indnkeyatts), "
                                "coalesce(pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), '') "
                                "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
                                "WHERE i.indrelid = ? AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con "
                                "WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid) "
                                "ORDER BY ic.relname"),
                 oid, error))
            return false;
        while (indexes.next()) {
            Index index;
            index.name = indexes.value(0).toString();
            index.unique = indexes.value(1).toBool();
            index.columns = jsonStrings(indexes.value(2));
            if (!indexes.value(3).toString().isEmpty())
                *notes << partialIndexNote(table.name, index.name, indexes.value(3).toString());
            table.indexes.append(index);
        }
        schema->tables.insert(table.name, table);
    }
    return true;
}

} // namespace Tideline::LiveCatalogPrivate
