// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "appstatements.h"

#include "sampledata.h"

#include <sql/dialect.h>

#include <algorithm>

namespace Tideline {

namespace {

// Values the application writes are numbered apart from the sample rows (1 .. rows).
constexpr qint64 FreshBase = 900'000'000;

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    std::sort(list.begin(), list.end());
    return list;
}

class Generator
{
public:
    Generator(const QString &name, const TableUsage &use, const Schema &state, const Dialect &dialect, QSqlDatabase db)
        : m_name(name)
        , m_use(use)
        , m_table(state.table(name))
        , m_dialect(dialect)
        , m_db(db)
    {
    }

    QString q(const QString &identifier) const { return m_dialect.quoteIdentifier(identifier); }

    /** The type of the values the application writes into @p column. */
    QString typeOf(const QString &column) const
    {
        const QStringList types = m_use.writeTypes.value(column);
        if (!types.isEmpty())
            return types.first();
        const Column *c = m_table ? m_table->column(column) : nullptr;
        return c ? c->type : QStringLiteral("text");
    }

    /** The value the application writes into @p column. */
    QString valueFor(const QString &column, qint64 n) const
    {
        const Column *c = m_table ? m_table->column(column) : nullptr;
        if (c && !c->nullable && !m_use.honours.contains(notNullKey(column)))
            return QStringLiteral("NULL");
        if (m_table) {
            for (const Constraint &k : m_table->constraints) {
                const int at = k.columns.indexOf(column);
                if (at < 0)
                    continue;
                const bool honoured = m_use.honours.contains(k.key());
                if (k.kind == Constraint::Kind::ForeignKey && at < k.refColumns.size()) {
                    if (!honoured)
                        return SampleData::literal(m_dialect, typeOf(column), FreshBase + n); // no parent has it
                    const QList<QStringList> parent = SampleData::keys(m_db, m_dialect, k.refTable, {k.refColumns.at(at)}, 1);
                    return parent.isEmpty() ? QStringLiteral("NULL") : parent.first().first();
                }
                if ((k.kind == Constraint::Kind::Unique || k.kind == Constraint::Kind::PrimaryKey) && !honoured) {
                    const QList<QStringList> taken = SampleData::keys(m_db, m_dialect, m_name, {column}, 1);
                    if (!taken.isEmpty())
                        return taken.first().first();
                }
            }
        }
        return SampleData::literal(m_dialect, typeOf(column), FreshBase + n, SampleData::Width::Widest);
    }

    QList<AppStatement> statements() const
    {
        QList<AppStatement> out;
        if (!m_use.reads.isEmpty()) {
            QStringList columns;
            // Qualified: SQLite reads an unknown "column" as a string literal, a qualified one it rejects.
            for (const QString &c : sorted(m_use.reads))
                columns << q(m_name) + QLatin1Char('.') + q(c);
            out.append({m_name, QStringLiteral("select"),
                        QStringLiteral("SELECT %1 FROM %2").arg(columns.join(QStringLiteral(", ")), q(m_name))});
        }
        if (!m_use.inserts.isEmpty()) {
            QStringList columns, values;
            qint64 n = 1;
            for (const QString &c : sorted(m_use.inserts)) {
                columns << q(c);
                values << valueFor(c, n++);
            }
            out.append({m_name, QStringLiteral("insert"),
                        QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                            .arg(q(m_name), columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")))});
        }
        if (!m_use.updates.isEmpty()) {
            const QStringList key = m_table ? m_table->primaryKey : QStringList();
            QStringList sets;
            qint64 n = 1;
            for (const QString &c : sorted(m_use.updates))
                sets << q(c) + QStringLiteral(" = ") + (key.contains(c) ? q(m_name) + QLatin1Char('.') + q(c) : valueFor(c, n++));
            // One existing row, found by its primary key; none yet: the statement still names
            // every column, which the engine resolves before it looks for rows.
            QString where = QStringLiteral("1 = 0");
            if (!key.isEmpty()) {
                const QList<QStringList> row = SampleData::keys(m_db, m_dialect, m_name, key, 1);
                if (!row.isEmpty()) {
                    QStringList terms;
                    for (int i = 0; i < key.size(); ++i)
                        terms << q(m_name) + QLatin1Char('.') + q(key.at(i)) + QStringLiteral(" = ") + row.first().at(i);
                    where = terms.join(QStringLiteral(" AND "));
                }
            }
            out.append({m_name, QStringLiteral("update"),
                        QStringLiteral("UPDATE %1 SET %2 WHERE %3").arg(q(m_name), sets.join(QStringLiteral(", ")), where)});
        }
        return out;
    }

private:
    QString m_name;
    const TableUsage &m_use;
    const Table *m_table;
    const Dialect &m_dialect;
    QSqlDatabase m_db;
};

} // namespace

QList<AppStatement> AppStatements::generate(const AppUsage &usage, const Schema &state, const Dialect &dialect,
                                            QSqlDatabase db)
{
    QList<AppStatement> out;
    for (auto it = usage.tables.cbegin(); it != usage.tables.cend(); ++it)
        out += Generator(it.key(), it.value(), state, dialect, db).statements();
    return out;
}

} // namespace Tideline
