// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampledata.h"

#include <sql/dialect.h>

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Tideline {

namespace {

constexpr int RowsPerInsert = 500;
constexpr int RowsInOneStatement = 5000; // up to this many a table go in one autocommitted INSERT
constexpr int RowsPerProbe = 300;   // candidate rows a probe's SELECT holds
constexpr int CombinationsPerCheck = 400;

/** Runs @p sql; false with the engine's message. */
bool exec(QSqlDatabase db, const QString &sql, QString *error = nullptr)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

/** One column's values in the rows to write: its own stream, or a foreign key's parent rows. */
struct Source
{
    ValueStream stream;
    int group = -1;    // a foreign key: index into Plan::parents
    int position = 0;  // the column's place in that key
    QString sameRowAs; // a self-reference: the column of the same row it copies
};

/** The keys whose values must not repeat: the primary key, UNIQUE constraints, unique indexes. */
QList<QStringList> uniqueKeys(const Table &table)
{
    QList<QStringList> keys;
    if (!table.primaryKey.isEmpty())
        keys << table.primaryKey;
    for (const Constraint &c : table.constraints) {
        if ((c.kind == Constraint::Kind::Unique || c.kind == Constraint::Kind::PrimaryKey) && !c.columns.isEmpty()
            && !keys.contains(c.columns))
            keys << c.columns;
    }
    for (const Index &i : table.indexes) {
        const bool plain = std::all_of(i.columns.cbegin(), i.columns.cend(),
                                       [&](const QString &c) { return table.column(c) != nullptr; });
        if (i.unique && plain && !i.columns.isEmpty() && !keys.contains(i.columns))
            keys << i.columns;
    }
    return keys;
}

/** Everything needed to write one table's rows. */
class TablePlan
{
public:
    TablePlan(QSqlDatabase db, const Dialect &dialect, const Schema &schema, const Table &table, int rows)
        : m_db(db)
        , m_dialect(dialect)
        , m_schema(schema)
        , m_table(table)
        , m_rows(rows)
        , m_keys(uniqueKeys(table))
    {
    }

    /** Decides every column's values; false with why the table can hold no row. */
    bool prepare(QString *why)
    {
        for (const Column &c : m_table.columns) {
            if (SampleData::filledByDatabase(c))
                continue;
            m_columns << c.name;
            const ValueDomain domain = SampleData::domainOf(c, m_schema, m_dialect);
            m_domains.insert(c.name, domain);
            // A type verify does not know gets strings the engine may refuse: NULL where it may.
            m_sources.insert(c.name, Source{!domain.known() && c.nullable ? nullStream() : domain.plain()});
        }
        for (const Constraint &k : m_table.constraints) {
            if (k.kind != Constraint::Kind::ForeignKey || !m_schema.tables.contains(k.refTable))
                continue;
            const bool written = std::any_of(k.columns.cbegin(), k.columns.cend(),
                                             [&](const QString &c) { return m_columns.contains(c); });
            if (!written)
                continue;
            const bool nullable = std::all_of(k.columns.cbegin(), k.columns.cend(), [&](const QString &c) {
                const Column *column = m_table.column(c);
                return !column || column->nullable;
            });
            if (k.refTable == m_table.name) {
                // A row may refer to itself: copy its own key when the key is ours to write.
                for (int i = 0; i < k.columns.size() && i < k.refColumns.size(); ++i) {
                    if (!m_columns.contains(k.columns.at(i)))
                        continue;
                    Source &s = m_sources[k.columns.at(i)];
                    if (nullable)
                        s.stream = nullStream();
                    else if (m_columns.contains(k.refColumns.at(i)))
                        s.sameRowAs = k.refColumns.at(i);
                }
                continue;
            }
            const QList<QStringList> parents = SampleData::keys(m_db, m_dialect, m_schema, k.refTable, k.refColumns, m_rows);
            if (parents.isEmpty()) {
                if (!nullable) {
                    *why = QStringLiteral("its foreign key (%1) references %2, which holds no sample rows")
                               .arg(k.columns.join(QStringLiteral(", ")), k.refTable);
                    return false;
                }
                for (const QString &c : k.columns) {
                    if (m_columns.contains(c))
                        m_sources[c].stream = nullStream();
                }
                continue;
            }
            for (int i = 0; i < k.columns.size() && i < k.refColumns.size(); ++i) {
                if (m_columns.contains(k.columns.at(i)) && m_sources.value(k.columns.at(i)).group < 0) {
                    Source &s = m_sources[k.columns.at(i)];
                    s.group = int(m_parents.size());
                    s.position = i;
                }
            }
            m_parents << parents;
        }
        return true;
    }

    /** Gives the columns CHECKs mention values that satisfy them, as the database judges. */
    void satisfyChecks()
    {
        const CheckProbe probe(m_db, m_dialect, m_schema, m_table);
        QStringList accepted;
        for (const QString &check : probe.expressions()) {
            QStringList columns;
            for (const QString &c : probe.columnsIn(check)) {
                if (m_columns.contains(c) && m_sources.value(c).group < 0 && m_sources.value(c).sameRowAs.isEmpty())
                    columns << c;
            }
            if (columns.isEmpty())
                continue;
            QList<QList<ValueStream>> choices;
            QList<int> sizes;
            for (const QString &c : std::as_const(columns)) {
                QList<ValueStream> options{m_sources.value(c).stream};
                options += m_domains.value(c).candidates(check, inKey(c));
                const Column *column = m_table.column(c);
                if (column->nullable && !inKey(c))
                    options << nullStream();
                choices << options;
                sizes << int(options.size());
            }
            const QList<QList<int>> combinations = CheckProbe::combinations(sizes);
            QList<QHash<QString, QString>> probeRows;
            const QList<qint64> at = probeIndexes();
            for (const QList<int> &combination : combinations) {
                for (const qint64 i : at) {
                    QHash<QString, QString> row = values(i);
                    for (int c = 0; c < columns.size(); ++c)
                        row.insert(columns.at(c), choices.at(c).at(combination.at(c)).at(i));
                    probeRows << row;
                }
            }
            QList<int> passing;
            QString error;
            if (!probe.holding(probeRows, accepted + QStringList{check}, &passing, &error)) {
                m_unjudged << QStringLiteral("%1 (%2)").arg(check, error.simplified().left(200));
                continue;
            }
            QHash<int, int> passed; // combination -> probe rows that passed
            int found = -1;
            for (const int row : std::as_const(passing)) {
                const int combination = row / int(at.size());
                if (++passed[combination] == at.size() && (found < 0 || combination < found))
                    found = combination;
            }
            if (found < 0) {
                m_unsatisfied << check;
                continue;
            }
            for (int c = 0; c < columns.size(); ++c)
                m_sources[columns.at(c)].stream = choices.at(c).at(combinations.at(found).at(c));
            accepted << check;
        }
    }

    /** The rows to write: distinct in every key, at most as many as the keys' values allow. */
    QList<QStringList> rows(QString *shortBecause) const
    {
        // Finite columns and foreign keys in a key count in mixed radix, so that together
        // they run through every combination before one repeats.
        QHash<QString, qint64> stride;
        qint64 next = 1;
        QSet<int> groupsDone;
        for (const QString &c : m_columns) {
            if (!inKey(c))
                continue;
            const Source &s = m_sources.value(c);
            const qint64 n = cardinality(c);
            if (n < 0)
                continue;
            if (s.group >= 0) {
                if (groupsDone.contains(s.group))
                    continue;
                groupsDone.insert(s.group);
            }
            stride.insert(s.group >= 0 ? QStringLiteral("\u0001%1").arg(s.group) : c, next);
            next = next > (qint64(1) << 40) / qMax<qint64>(n, 1) ? (qint64(1) << 40) : next * qMax<qint64>(n, 1);
        }
        // A key made only of finite columns holds so many rows; one combination stays free for
        // the applications' INSERTs.
        qint64 limit = m_rows;
        for (const QStringList &key : m_keys) {
            qint64 product = 1;
            bool finite = true;
            QSet<int> groups;
            for (const QString &c : key) {
                if (!m_columns.contains(c)) {
                    finite = false; // filled by the database: distinct
                    break;
                }
                const Source &s = m_sources.value(c);
                if (s.group >= 0 && groups.contains(s.group))
                    continue;
                groups.insert(s.group);
                const qint64 n = cardinality(c);
                if (n < 0) {
                    finite = false;
                    break;
                }
                product = qMin<qint64>(product * n, qint64(1) << 40);
            }
            if (finite && product - 1 < limit) {
                limit = qMax<qint64>(product - 1, 0);
                *shortBecause = QStringLiteral("the key (%1) has %2 distinct values").arg(key.join(QStringLiteral(", "))).arg(product);
            }
        }
        QList<QStringList> out;
        QList<QSet<QString>> seen(m_keys.size());
        const qint64 attempts = limit * 4 + 64;
        for (qint64 i = 0; i < attempts && out.size() < limit; ++i) {
            const QHash<QString, QString> row = values(i, stride);
            bool repeats = false;
            QList<QString> tuples;
            for (int k = 0; k < m_keys.size(); ++k) {
                QStringList parts;
                bool hasNull = false;
                for (const QString &c : m_keys.at(k)) {
                    const QString v = row.value(c);
                    hasNull = hasNull || (m_columns.contains(c) && v == QLatin1String("NULL"));
                    parts << v;
                }
                const QString tuple = hasNull ? QString() : parts.join(QChar(0x1f));
                repeats = repeats || (!tuple.isEmpty() && seen.at(k).contains(tuple));
                tuples << tuple;
            }
            if (repeats)
                continue;
            for (int k = 0; k < m_keys.size(); ++k) {
                if (!tuples.at(k).isEmpty())
                    seen[k].insert(tuples.at(k));
            }
            QStringList line;
            for (const QString &c : m_columns)
                line << row.value(c);
            out << line;
        }
        if (out.size() < limit && shortBecause->isEmpty())
            *shortBecause = QStringLiteral("their values repeat in a key");
        return out;
    }

    const QStringList &columns() const { return m_columns; }
    const QStringList &unsatisfied() const { return m_unsatisfied; }
    const QStringList &unjudged() const { return m_unjudged; }

private:
    static ValueStream nullStream() { return {QStringLiteral("NULL"), 1, [](qint64) { return QStringLiteral("NULL"); }}; }

    bool inKey(const QString &column) const
    {
        return std::any_of(m_keys.cbegin(), m_keys.cend(), [&](const QStringList &k) { return k.contains(column); });
    }

    qint64 cardinality(const QString &column) const
    {
        const Source &s = m_sources.value(column);
        if (s.group >= 0)
            return m_parents.at(s.group).size();
        if (!s.sameRowAs.isEmpty())
            return -1;
        return s.stream.cardinality;
    }

    /** Row number @p i: every column's literal (foreign keys as their parent rows'). */
    QHash<QString, QString> values(qint64 i, const QHash<QString, qint64> &stride = {}) const
    {
        QHash<QString, QString> row;
        for (const QString &c : m_columns) {
            const Source &s = m_sources.value(c);
            if (!s.sameRowAs.isEmpty())
                continue;
            const QString key = s.group >= 0 ? QStringLiteral("\u0001%1").arg(s.group) : c;
            const qint64 n = cardinality(c);
            const qint64 index = n > 0 ? (i / stride.value(key, 1)) % n : i;
            if (s.group >= 0)
                row.insert(c, m_parents.at(s.group).at(int(index)).at(s.position));
            else
                row.insert(c, s.stream.at(index));
        }
        for (const QString &c : m_columns) {
            const Source &s = m_sources.value(c);
            if (!s.sameRowAs.isEmpty())
                row.insert(c, row.value(s.sameRowAs, QStringLiteral("NULL")));
        }
        return row;
    }

    /** The rows a CHECK is tried on: the first, the second and the last. */
    QList<qint64> probeIndexes() const
    {
        QList<qint64> at{0};
        if (m_rows > 1)
            at << 1;
        if (m_rows > 2)
            at << m_rows - 1;
        return at;
    }

    QSqlDatabase m_db;
    const Dialect &m_dialect;
    const Schema &m_schema;
    const Table &m_table;
    int m_rows;
    QList<QStringList> m_keys;
    QStringList m_columns; // written, in table order
    QHash<QString, ValueDomain> m_domains;
    QHash<QString, Source> m_sources;
    QList<QList<QStringList>> m_parents; // per foreign key: its parent rows' key values
    QStringList m_unsatisfied;           // CHECKs no candidate satisfied
    QStringList m_unjudged;              // CHECKs the database could not evaluate alone
};

/** The VALUES tuples of @p lines from @p first, at most @p count (RowsPerInsert) of them. */
QStringList tuplesFrom(const QList<QStringList> &lines, int first, int count = RowsPerInsert)
{
    QStringList tuples;
    for (int n = first; n < first + count && n < lines.size(); ++n)
        tuples << QLatin1Char('(') + lines.at(n).join(QStringLiteral(", ")) + QLatin1Char(')');
    return tuples;
}

/** Inserts every one of @p lines, RowsPerInsert rows a statement; false as soon as the engine
 *  refuses a statement (the caller rolls back and goes again with insertRows()). */
bool insertAll(QSqlDatabase db, const QString &head, const QList<QStringList> &lines)
{
    for (int first = 0; first < lines.size(); first += RowsPerInsert) {
        if (!exec(db, head + tuplesFrom(lines, first).join(QStringLiteral(", "))))
            return false;
    }
    return true;
}

/** Inserts @p lines; a batch the engine refuses goes again row by row. Returns rows written. */
int insertRows(QSqlDatabase db, const QString &head, const QList<QStringList> &lines, QString *firstError)
{
    int written = 0;
    for (int first = 0; first < lines.size(); first += RowsPerInsert) {
        const QStringList tuples = tuplesFrom(lines, first);
        exec(db, QStringLiteral("SAVEPOINT tideline_batch"));
        QString error;
        if (exec(db, head + tuples.join(QStringLiteral(", ")), &error)) {
            exec(db, QStringLiteral("RELEASE SAVEPOINT tideline_batch"));
            written += int(tuples.size());
            continue;
        }
        exec(db, QStringLiteral("ROLLBACK TO SAVEPOINT tideline_batch"));
        for (const QString &tuple : std::as_const(tuples)) {
            exec(db, QStringLiteral("SAVEPOINT tideline_row"));
            if (exec(db, head + tuple, &error)) {
                exec(db, QStringLiteral("RELEASE SAVEPOINT tideline_row"));
                ++written;
            } else {
                exec(db, QStringLiteral("ROLLBACK TO SAVEPOINT tideline_row"));
                if (firstError->isEmpty())
                    *firstError = error;
            }
        }
    }
    return written;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// CheckProbe

CheckProbe::CheckProbe(QSqlDatabase db, const Dialect &dialect, const Schema &schema, const Table &table)
    : m_db(db)
    , m_dialect(dialect)
    , m_table(table)
{
    for (const Column &c : table.columns) {
        const QString cast = SampleData::domainOf(c, schema, dialect).castType();
        if (!cast.isEmpty())
            m_casts.insert(c.name, cast);
    }
}

QList<QList<int>> CheckProbe::combinations(const QList<int> &sizes)
{
    QList<QList<int>> out{QList<int>(sizes.size(), 0)};
    for (int changes = 1; changes <= qMin<int>(sizes.size(), 3) && out.size() < CombinationsPerCheck; ++changes) {
        // Every set of `changes` positions, each set to any option but its first.
        const std::function<void(int, int, QList<int>)> walk = [&](int from, int left, QList<int> pick) {
            if (out.size() >= CombinationsPerCheck)
                return;
            if (left == 0) {
                out << pick;
                return;
            }
            for (int c = from; c < sizes.size(); ++c) {
                for (int o = 1; o < sizes.at(c); ++o) {
                    QList<int> next = pick;
                    next[c] = o;
                    walk(c + 1, left - 1, next);
                }
            }
        };
        walk(0, changes, QList<int>(sizes.size(), 0));
    }
    return out;
}

QStringList CheckProbe::expressions() const
{
    QStringList out;
    for (const Constraint &c : m_table.constraints) {
        if (c.kind == Constraint::Kind::Check && !c.expression.trimmed().isEmpty())
            out << c.expression;
    }
    return out;
}

QStringList CheckProbe::columnsIn(const QString &expression) const
{
    static const QRegularExpression literal(QStringLiteral("'(?:[^']|'')*'"));
    QString bare = expression;
    bare.replace(literal, QStringLiteral("''"));
    QStringList out;
    for (const Column &c : m_table.columns) {
        const QRegularExpression word(QStringLiteral(R"((?<![\w$])%1(?![\w$]))").arg(QRegularExpression::escape(c.name)),
                                      QRegularExpression::CaseInsensitiveOption);
        if (bare.contains(word))
            out << c.name;
    }
    return out;
}

bool CheckProbe::holding(const QList<QHash<QString, QString>> &rows, const QStringList &checks, QList<int> *passing,
                         QString *error) const
{
    passing->clear();
    QStringList tests;
    for (const QString &check : checks)
        tests << QStringLiteral("WHEN NOT (%1) THEN 0").arg(check);
    // PostgreSQL plans a VALUES list far faster than as many SELECTs joined by UNION ALL; the
    // others take the SELECTs (MariaDB names VALUES columns after the first row's values).
    const bool values = m_dialect.prefersValuesList();
    QStringList names{QStringLiteral("tideline_k")};
    for (const Column &c : m_table.columns)
        names << m_dialect.quoteIdentifier(c.name);
    for (int first = 0; first < rows.size(); first += RowsPerProbe) {
        QStringList selects;
        for (int r = first; r < first + RowsPerProbe && r < rows.size(); ++r) {
            QStringList columns{values ? QString::number(r) : QStringLiteral("%1 AS tideline_k").arg(r)};
            for (const Column &c : m_table.columns) {
                const QString value = rows.at(r).value(c.name, QStringLiteral("NULL"));
                const QString cast = m_casts.value(c.name);
                const QString typed = cast.isEmpty() ? value : QStringLiteral("CAST(%1 AS %2)").arg(value, cast);
                columns << (values ? typed : typed + QStringLiteral(" AS ") + m_dialect.quoteIdentifier(c.name));
            }
            selects << (values ? QLatin1Char('(') + columns.join(QStringLiteral(", ")) + QLatin1Char(')')
                               : QStringLiteral("SELECT ") + columns.join(QStringLiteral(", ")));
        }
        const QString derived = values ? QStringLiteral("(VALUES %1) %2 (%3)")
                                             .arg(selects.join(QStringLiteral(", ")), m_dialect.quoteIdentifier(m_table.name),
                                                  names.join(QStringLiteral(", ")))
                                       : QStringLiteral("(%1) %2").arg(selects.join(QStringLiteral(" UNION ALL ")),
                                                                       m_dialect.quoteIdentifier(m_table.name));
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        const QString sql = QStringLiteral("SELECT tideline_k FROM %1 WHERE CASE %2 ELSE 1 END = 1")
                                .arg(derived, tests.join(QLatin1Char(' ')));
        if (!query.exec(sql)) {
            *error = query.lastError().text();
            return false;
        }
        while (query.next())
            *passing << query.value(0).toInt();
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// SampleData

Schema SampleData::withDatabaseEnums(QSqlDatabase db, const Dialect &dialect, const Schema &schema)
{
    Schema out = schema;
    if (!dialect.hasEnumTypes())
        return out;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT t.typname, e.enumlabel FROM pg_catalog.pg_type t "
                                   "JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid "
                                   "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
                                   "WHERE n.nspname = current_schema() ORDER BY t.typname, e.enumsortorder")))
        return out;
    QMap<QString, EnumType> found;
    while (query.next()) {
        EnumType &type = found[query.value(0).toString()];
        type.name = query.value(0).toString();
        type.values << query.value(1).toString();
    }
    for (const EnumType &type : std::as_const(found)) {
        if (!out.enums.contains(type.name))
            out.enums.insert(type.name, type);
    }
    return out;
}

ValueDomain SampleData::domainOf(const Column &column, const Schema &schema, const Dialect &dialect)
{
    return ValueDomain::of(dialect.mapType(column.type), schema, dialect);
}

bool SampleData::filledByDatabase(const Column &column)
{
    return column.identity || column.generated || !column.sequence.isEmpty()
           || column.defaultValue.contains(QLatin1String("nextval("), Qt::CaseInsensitive);
}

QString SampleData::literal(const ValueDomain &domain, const QVariant &value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    switch (value.metaType().id()) {
    case QMetaType::QByteArray:
        if (domain.kind() != ValueDomain::Kind::Binary)
            return domain.string(QString::fromUtf8(value.toByteArray()));
        return domain.bytes(QString::fromLatin1(value.toByteArray().toHex()));
    case QMetaType::Bool:
        return domain.kind() == ValueDomain::Kind::Boolean ? domain.plain().at(value.toBool() ? 0 : 1)
                                                           : QString::number(value.toBool() ? 1 : 0);
    case QMetaType::QDate:
        return domain.string(value.toDate().toString(Qt::ISODate));
    case QMetaType::QTime:
        return domain.string(value.toTime().toString(QStringLiteral("HH:mm:ss.zzz")));
    case QMetaType::QDateTime:
        return domain.string(value.toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
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
    default:
        break;
    }
    const QString text = value.toString();
    if (domain.isNumber() && !text.isEmpty())
        return text;
    return domain.string(text);
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

QList<QStringList> SampleData::keys(QSqlDatabase db, const Dialect &dialect, const Schema &schema, const QString &table,
                                    const QStringList &columns, int limit, const QString &where)
{
    const Table *t = schema.table(table);
    QStringList quoted, nonNull;
    QList<ValueDomain> domains;
    for (const QString &c : columns) {
        quoted << dialect.quoteIdentifier(c);
        nonNull << dialect.quoteIdentifier(c) + QStringLiteral(" IS NOT NULL");
        const Column *column = t ? t->column(c) : nullptr;
        domains << (column ? domainOf(*column, schema, dialect) : ValueDomain::of(QStringLiteral("text"), schema, dialect));
    }
    QList<QStringList> rows;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.setNumericalPrecisionPolicy(QSql::HighPrecision);
    const QString sql = where.isEmpty() ? QStringLiteral("SELECT DISTINCT %1 FROM %2 WHERE %3")
                                              .arg(quoted.join(QStringLiteral(", ")), dialect.quoteIdentifier(table),
                                                   nonNull.join(QStringLiteral(" AND ")))
                                        : QStringLiteral("SELECT %1 FROM %2 WHERE %3")
                                              .arg(quoted.join(QStringLiteral(", ")), dialect.quoteIdentifier(table), where);
    if (!query.exec(sql))
        return rows;
    while (rows.size() < limit && query.next()) {
        QStringList row;
        for (int i = 0; i < columns.size(); ++i)
            row << literal(domains.at(i), query.value(i));
        rows << row;
    }
    query.finish();
    return rows;
}

/** Why table @p name holds fewer than @p rows sample rows, into @p load's notes or skipped. */
static void noteShortfall(SampleLoad *load, const QString &name, int written, int rows, const QString &refused,
                          const TablePlan &plan, const QString &shortBecause)
{
    QStringList reasons;
    if (!refused.isEmpty())
        reasons << QStringLiteral("the database refused rows: %1").arg(refused.simplified());
    for (const QString &check : plan.unsatisfied())
        reasons << QStringLiteral("no sample values found that satisfy CHECK (%1)").arg(check);
    for (const QString &check : plan.unjudged())
        reasons << QStringLiteral("CHECK %1 cannot be evaluated outside its table").arg(check);
    if (!shortBecause.isEmpty())
        reasons << shortBecause;
    if (written == 0 && rows > 0) {
        load->skipped.insert(name, QStringLiteral("no sample row fits: ")
                                       + (reasons.isEmpty() ? QStringLiteral("no values to write") : reasons.join(QStringLiteral("; "))));
    } else if (written < rows) {
        load->notes << QStringLiteral("%1: %2 of %3 sample rows (%4)")
                           .arg(name)
                           .arg(written)
                           .arg(rows)
                           .arg(reasons.join(QStringLiteral("; ")));
    }
}

bool SampleData::load(QSqlDatabase db, const Dialect &dialect, const Schema &schema, int rows, SampleLoad *load,
                      QString *error, bool oneStatementATable)
{
    *load = SampleLoad();
    for (const QString &name : loadOrder(schema)) {
        const Table &table = schema.tables[name];
        TablePlan plan(db, dialect, schema, table, rows);
        QString why;
        if (!plan.prepare(&why)) {
            load->skipped.insert(name, why);
            load->rows.insert(name, 0);
            continue;
        }
        if (plan.columns().isEmpty()) {
            load->rows.insert(name, 0);
            continue;
        }
        plan.satisfyChecks();
        QString shortBecause;
        const QList<QStringList> lines = plan.rows(&shortBecause);
        QStringList columns;
        for (const QString &c : plan.columns())
            columns << dialect.quoteIdentifier(c);
        const QString head = QStringLiteral("INSERT INTO %1 (%2) VALUES ")
                                 .arg(dialect.quoteIdentifier(name), columns.join(QStringLiteral(", ")));
        // The table's rows in one statement, committed on its own: one round trip instead of
        // BEGIN, a statement per RowsPerInsert rows and COMMIT. A statement is atomic in
        // PostgreSQL and SQLite, deferred constraints included, so when the engine refuses it
        // nothing of it stays and the table goes again the careful way below, with the same rows
        // written and the same notes. Not on MySQL/MariaDB: a MyISAM or Aria table keeps the rows
        // before a refused one, and the careful way would then write them twice.
        if (oneStatementATable && dialect.name() != QLatin1String("mysql") && !lines.isEmpty()
            && lines.size() <= RowsInOneStatement
            && exec(db, head + tuplesFrom(lines, 0, int(lines.size())).join(QStringLiteral(", ")))) {
            load->rows.insert(name, int(lines.size()));
            noteShortfall(load, name, int(lines.size()), rows, {}, plan, shortBecause);
            continue;
        }
        if (!db.transaction()) {
            *error = QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text());
            return false;
        }
        QString refused;
        int written = int(lines.size());
        // Every row in a few statements; only when the engine refuses one, again with a
        // savepoint a batch and row by row in a refused batch, to keep every row it takes.
        if (!insertAll(db, head, lines)) {
            db.rollback();
            if (!db.transaction()) {
                *error = QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text());
                return false;
            }
            written = insertRows(db, head, lines, &refused);
        }
        if (!db.commit()) { // a deferred constraint: the rows go, the table is skipped
            const QString refusedAtCommit = db.lastError().text();
            db.rollback();
            load->rows.insert(name, 0);
            load->skipped.insert(name, QStringLiteral("the database refused the sample rows at commit: %1").arg(refusedAtCommit));
            continue;
        }
        load->rows.insert(name, written);
        noteShortfall(load, name, written, rows, refused, plan, shortBecause);
    }
    return true;
}

} // namespace Tideline
