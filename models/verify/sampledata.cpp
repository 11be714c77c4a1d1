// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampledata.h"

#include <engine/compatibility.h>
#include <sql/dialect.h>

#include <QDateTime>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

namespace Tideline {

namespace {

constexpr int RowsPerInsert = 200;

struct TypeShape
{
    QString base;
    int length = -1;
    int scale = -1;
};

TypeShape parseShape(const QString &type)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^([a-z_ ][a-z0-9_ ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*(\[\])?$)"));
    const QString normal = Compatibility::normalizeType(type);
    TypeShape shape;
    const auto match = re.match(normal);
    if (!match.hasMatch()) {
        shape.base = normal;
        return shape;
    }
    shape.base = match.captured(1).trimmed();
    if (match.capturedLength(2))
        shape.length = match.captured(2).toInt();
    if (match.capturedLength(3))
        shape.scale = match.captured(3).toInt();
    return shape;
}

/** A table of a few thousand rows asks about the same few types for every value. */
TypeShape shapeOf(const QString &type)
{
    thread_local QHash<QString, TypeShape> known;
    const auto it = known.constFind(type);
    if (it != known.cend())
        return it.value();
    return known.insert(type, parseShape(type)).value();
}

bool oneOf(const QString &base, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        if (base == QLatin1String(name))
            return true;
    }
    return false;
}

QString text(qint64 n, int length, SampleData::Width width)
{
    QString value = (width == SampleData::Width::Widest ? QStringLiteral("w") : QStringLiteral("v"))
                    + QString::number(n);
    if (width == SampleData::Width::Widest)
        value = value.leftJustified(length > 0 ? length : value.size() + 20, QLatin1Char('x'));
    if (length > 0 && value.size() > length)
        value = value.right(length); // the digits that make it distinct
    return value;
}

} // namespace

QString SampleData::literal(const Dialect &dialect, const QString &type, qint64 n, Width width)
{
    const TypeShape t = shapeOf(type);
    const bool widest = width == Width::Widest;
    const QString engine = dialect.name();
    if (oneOf(t.base, {"smallint", "integer", "bigint", "serial", "bigserial", "smallserial"})) {
        if (!widest)
            return QString::number(n);
        const qint64 max = t.base == QLatin1String("smallint") ? 32767
                           : t.base == QLatin1String("bigint") ? std::numeric_limits<qint64>::max()
                                                                : 2147483647;
        return QString::number(max - n % 1000);
    }
    if (t.base == QLatin1String("numeric")) {
        const int scale = qMax(t.scale, 0);
        const int digits = t.length > 0 ? qMin(t.length - scale, 15) : 9;
        if (widest) {
            QString value = digits > 0 ? QString(digits, QLatin1Char('9')) : QStringLiteral("0");
            if (scale > 0)
                value += QLatin1Char('.') + QString(scale, QLatin1Char('9'));
            return value;
        }
        const qint64 modulus = digits > 0 ? static_cast<qint64>(std::pow(10.0, qMin(digits, 15))) : 1;
        return QString::number(n % modulus) + (scale > 0 ? QStringLiteral(".5") : QString());
    }
    if (oneOf(t.base, {"real", "double"}))
        return QString::number(n) + QStringLiteral(".25");
    if (oneOf(t.base, {"boolean", "bit"})) {
        if (engine == QLatin1String("sqlite") || engine == QLatin1String("sqlserver"))
            return QString::number(n % 2);
        return n % 2 ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
    }
    if (oneOf(t.base, {"text", "varchar", "char", "nvarchar", "nchar", "clob", "citext"}))
        return dialect.quoteString(text(n, t.length, width));
    if (t.base == QLatin1String("date"))
        return dialect.quoteString(QDate(2026, 1, 1).addDays(n % 3650).toString(Qt::ISODate));
    if (oneOf(t.base, {"timestamp", "timestamptz", "datetime", "datetime2"})) {
        const QDateTime at = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).addSecs(n % 100'000'000);
        return dialect.quoteString(at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    }
    if (t.base == QLatin1String("time"))
        return dialect.quoteString(QTime(0, 0).addSecs(static_cast<int>(n % 86400)).toString(Qt::ISODate));
    if (oneOf(t.base, {"uuid", "uniqueidentifier"}))
        return dialect.quoteString(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
    if (oneOf(t.base, {"json", "jsonb"}))
        return dialect.quoteString(QStringLiteral("{\"n\": %1}").arg(n));
    if (oneOf(t.base, {"bytea", "blob", "varbinary", "binary"})) {
        const QString hex = QString::number(n, 16).rightJustified(8, QLatin1Char('0'));
        if (engine == QLatin1String("postgresql"))
            return dialect.quoteString(QStringLiteral("\\x") + hex);
        if (engine == QLatin1String("sqlserver"))
            return QStringLiteral("0x") + hex;
        return QStringLiteral("X'%1'").arg(hex);
    }
    return dialect.quoteString(text(n, t.length, width));
}

QString SampleData::literal(const Dialect &dialect, const QVariant &value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    switch (value.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Double:
    case QMetaType::Float:
        return value.toString();
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    default:
        return dialect.quoteString(value.toString());
    }
}

QStringList SampleData::loadOrder(const Schema &schema)
{
    QStringList order, pending = schema.tables.keys();
    while (!pending.isEmpty()) {
        bool progressed = false;
        for (auto it = pending.begin(); it != pending.end();) {
            const Table &table = schema.tables[*it];
            const bool ready = std::all_of(table.constraints.cbegin(), table.constraints.cend(), [&](const Constraint &c) {
                return c.kind != Constraint::Kind::ForeignKey || c.refTable == table.name || order.contains(c.refTable)
                       || !schema.tables.contains(c.refTable);
            });
            if (ready) {
                order << *it;
                it = pending.erase(it);
                progressed = true;
            } else {
                ++it;
            }
        }
        if (!progressed) { // a cycle: its tables load in name order, their keys as far as they go
            order << pending.takeFirst();
        }
    }
    return order;
}

QList<QStringList> SampleData::keys(QSqlDatabase db, const Dialect &dialect, const QString &table,
                                    const QStringList &columns, int limit)
{
    QStringList quoted;
    for (const QString &c : columns)
        quoted << dialect.quoteIdentifier(c);
    QList<QStringList> rows;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT %1 FROM %2").arg(quoted.join(QStringLiteral(", ")), dialect.quoteIdentifier(table))))
        return rows;
    while (rows.size() < limit && query.next()) {
        QStringList row;
        for (int i = 0; i < columns.size(); ++i)
            row << literal(dialect, query.value(i));
        rows << row;
    }
    query.finish();
    return rows;
}

bool SampleData::load(QSqlDatabase db, const Dialect &dialect, const Schema &schema, int rows, QString *error)
{
    for (const QString &name : loadOrder(schema)) {
        const Table &table = schema.tables[name];
        // Each foreign key takes its values from the rows its parent table holds by now.
        QHash<QString, QPair<int, int>> fromParent; // column -> (foreign key, position in it)
        QList<QList<QStringList>> parentRows;
        for (const Constraint &c : table.constraints) {
            if (c.kind != Constraint::Kind::ForeignKey || c.refTable == table.name)
                continue;
            const QList<QStringList> found = keys(db, dialect, c.refTable, c.refColumns, rows);
            if (found.isEmpty())
                continue;
            for (int i = 0; i < c.columns.size() && i < c.refColumns.size(); ++i)
                fromParent.insert(c.columns.at(i), {int(parentRows.size()), i});
            parentRows << found;
        }
        QStringList columns;
        QList<const Column *> filled;
        QSet<QString> references; // columns of foreign keys
        for (const Constraint &k : table.constraints) {
            if (k.kind == Constraint::Kind::ForeignKey)
                references.unite(QSet<QString>(k.columns.cbegin(), k.columns.cend()));
        }
        for (const Column &c : table.columns) {
            if (c.identity || c.generated)
                continue;
            columns << dialect.quoteIdentifier(c.name);
            filled << &c;
        }
        if (filled.isEmpty())
            continue;
        if (!db.transaction()) {
            *error = QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text());
            return false;
        }
        const QString head = QStringLiteral("INSERT INTO %1 (%2) VALUES ")
                                 .arg(dialect.quoteIdentifier(name), columns.join(QStringLiteral(", ")));
        for (int first = 1; first <= rows; first += RowsPerInsert) {
            QStringList tuples;
            for (int n = first; n < first + RowsPerInsert && n <= rows; ++n) {
                QStringList values;
                for (const Column *c : std::as_const(filled)) {
                    const auto parent = fromParent.constFind(c->name);
                    if (parent != fromParent.cend()) {
                        const QList<QStringList> &candidates = parentRows.at(parent->first);
                        values << candidates.at((n - 1) % candidates.size()).at(parent->second);
                    } else if (c->nullable && references.contains(c->name)) {
                        values << QStringLiteral("NULL"); // a reference with no parent row to point at
                    } else {
                        values << literal(dialect, c->type, n);
                    }
                }
                tuples << QLatin1Char('(') + values.join(QStringLiteral(", ")) + QLatin1Char(')');
            }
            QSqlQuery query(db);
            if (!query.exec(head + tuples.join(QStringLiteral(", ")))) {
                *error = QStringLiteral("sample rows for %1: %2").arg(name, query.lastError().text());
                db.rollback();
                return false;
            }
        }
        if (!db.commit()) {
            *error = QStringLiteral("sample rows for %1: commit failed: %2").arg(name, db.lastError().text());
            return false;
        }
    }
    return true;
}

} // namespace Tideline
