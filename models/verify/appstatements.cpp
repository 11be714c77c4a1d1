// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "appstatements.h"

#include "sampledata.h"

#include <engine/compatibility.h>
#include <sql/dialect.h>

#include <QSqlQuery>

#include <algorithm>

namespace Tideline {

namespace {

// Values the application writes are numbered apart from the sample rows (0 .. rows - 1).
constexpr qint64 FreshBase = 900'000'000;
// Tries for a free combination of a key whose types hold few values (enums, booleans).
constexpr int FreeKeyTries = 300;

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    std::sort(list.begin(), list.end());
    return list;
}

/** The table @p name writes reach: itself, or the table behind rename_table's compatibility view,
 *  whose keys, defaults and CHECKs judge what an old version writes through the view. */
const Table *tableBehind(const Schema &state, const QString &name)
{
    if (const Table *table = state.table(name))
        return table;
    const auto view = state.views.constFind(name);
    return view != state.views.cend() && !view->baseTable.isEmpty() ? state.table(view->baseTable) : nullptr;
}

class Generator
{
public:
    Generator(const QString &name, const TableUsage &use, const Schema &state, const Dialect &dialect, QSqlDatabase db,
              const QString &skipped)
        : m_name(name)
        , m_use(use)
        , m_state(state)
        , m_table(tableBehind(state, name))
        , m_dialect(dialect)
        , m_db(db)
        , m_skipped(skipped)
    {
    }

    QString q(const QString &identifier) const { return m_dialect.quoteIdentifier(identifier); }

    /** The type of the values the application writes into @p column: of its write types the
     *  one every other holds (change_type's "values both types hold"). */
    QString typeOf(const QString &column) const
    {
        const QStringList types = m_use.writeTypes.value(column);
        for (const QString &t : types) {
            if (std::all_of(types.cbegin(), types.cend(), [&](const QString &other) { return Compatibility::typeCanHold(other, t); }))
                return t;
        }
        if (!types.isEmpty())
            return types.first();
        const Column *c = m_table ? m_table->column(column) : nullptr;
        return c ? c->type : QStringLiteral("text");
    }

    ValueDomain writeDomain(const QString &column) const
    {
        return ValueDomain::of(m_dialect.mapType(typeOf(column)), m_state, m_dialect);
    }

    /** A string one longer than what @p column (and the target of a sync trigger copying it)
     *  holds: the width an application with an unbounded type reaches. */
    int beyondContainers(const QString &column) const
    {
        int width = 0;
        const auto widen = [&](const QString &name) {
            const Column *c = m_table ? m_table->column(name) : nullptr;
            if (c) {
                const int length = SampleData::domainOf(*c, m_state, m_dialect).length();
                if (length >= 0)
                    width = qMax(width, length + 1);
            }
        };
        widen(column);
        if (m_table) {
            for (const SyncTrigger &s : m_table->syncs) {
                if (s.sourceColumn == column)
                    widen(s.target);
            }
        }
        return width;
    }

    /** The value the application writes into @p column, before CHECKs are considered. */
    QString valueFor(const QString &column, qint64 n, bool low) const
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
                        return writeDomain(column).widest(FreshBase + n, low, beyondContainers(column)); // no parent has it
                    const QList<QStringList> parent = SampleData::keys(m_db, m_dialect, m_state, k.refTable, k.refColumns, 1);
                    return parent.isEmpty() ? QStringLiteral("NULL") : parent.first().at(at);
                }
                if ((k.kind == Constraint::Kind::Unique || k.kind == Constraint::Kind::PrimaryKey) && !honoured) {
                    const QList<QStringList> taken = SampleData::keys(m_db, m_dialect, m_state, m_name, {column}, 1);
                    if (!taken.isEmpty())
                        return taken.first().first();
                }
            }
        }
        const ValueDomain domain = writeDomain(column);
        if (!domain.known()) {
            // A type verify does not know: a value a row holds, in the engine's own words.
            const QList<QStringList> held = SampleData::keys(m_db, m_dialect, m_state, m_name, {column}, 1);
            if (!held.isEmpty())
                return held.first().first();
            if (c && c->nullable)
                return QStringLiteral("NULL");
        }
        return domain.widest(FreshBase + n, low, beyondContainers(column));
    }

    /** Columns whose value is fixed by a key rule above (NULL, a parent's key, a taken value). */
    bool fixedByKey(const QString &column, const QString &value) const
    {
        if (value == QLatin1String("NULL"))
            return true;
        for (const Constraint &k : m_table->constraints) {
            if (!k.columns.contains(column))
                continue;
            const bool honoured = m_use.honours.contains(k.key());
            if (k.kind == Constraint::Kind::ForeignKey
                || ((k.kind == Constraint::Kind::Unique || k.kind == Constraint::Kind::PrimaryKey) && !honoured))
                return true;
        }
        return false;
    }

    /**
     * Makes @p row (the statement's values, and @p context: the rest of the row) satisfy every
     * CHECK the application honours and break every one it does not, as the database judges;
     * the written columns of @p written may change. Empty, or why no such values were found.
     */
    QString settleChecks(QHash<QString, QString> *row, const QHash<QString, QString> &context, const QStringList &written,
                         qint64 n, bool insert, QSet<QString> *unbroken) const
    {
        if (!m_table)
            return {};
        const CheckProbe probe(m_db, m_dialect, m_state, *m_table);
        for (const Constraint &k : m_table->constraints) {
            if (k.kind != Constraint::Kind::Check || k.expression.trimmed().isEmpty())
                continue;
            QStringList free, mentioned = probe.columnsIn(k.expression);
            for (const QString &c : mentioned) {
                if (written.contains(c) && !fixedByKey(c, row->value(c)))
                    free << c;
            }
            const bool writes = std::any_of(mentioned.cbegin(), mentioned.cend(), [&](const QString &c) { return written.contains(c); });
            if (!writes)
                continue;
            const bool honoured = m_use.honours.contains(k.key());
            QList<QList<QString>> options;
            QList<int> sizes;
            for (const QString &c : std::as_const(free)) {
                QList<QString> values{row->value(c)};
                QList<ValueStream> streams = writeDomain(c).candidates(k.expression, inKey(c));
                if (const Column *column = m_table->column(c))
                    streams << SampleData::domainOf(*column, m_state, m_dialect).plain();
                // Far from the sample rows first; then the streams' first values, which a CHECK's
                // bounds admit (a key's value then must not be taken, see below).
                for (const qint64 index : {FreshBase + n, qint64(0), qint64(1), qint64(7), qint64(97), qint64(997)}) {
                    for (const ValueStream &stream : std::as_const(streams)) {
                        const QString v = stream.at(index);
                        if (!values.contains(v))
                            values << v;
                    }
                }
                options << values;
                sizes << int(values.size());
            }
            const QList<QList<int>> combinations = CheckProbe::combinations(sizes);
            QList<QHash<QString, QString>> rows;
            for (const QList<int> &combination : combinations) {
                QHash<QString, QString> candidate = context;
                for (auto it = row->cbegin(); it != row->cend(); ++it)
                    candidate.insert(it.key(), it.value());
                for (int c = 0; c < free.size(); ++c)
                    candidate.insert(free.at(c), options.at(c).at(combination.at(c)));
                rows << candidate;
            }
            QList<int> passing;
            QString error;
            if (!probe.holding(rows, {k.expression}, &passing, &error))
                continue; // the database cannot say: the statement runs as it is
            int chosen = -1;
            for (int r = 0; r < rows.size() && chosen < 0; ++r) {
                if (passing.contains(r) == honoured && (!honoured || !insert || !collides(rows.at(r))))
                    chosen = r;
            }
            if (chosen < 0) {
                if (honoured)
                    return QStringLiteral("no value found that satisfies CHECK (%1)").arg(k.expression);
                unbroken->insert(k.key());
                continue;
            }
            for (int c = 0; c < free.size(); ++c)
                row->insert(free.at(c), options.at(c).at(combinations.at(chosen).at(c)));
        }
        return {};
    }

    bool inKey(const QString &column) const
    {
        if (!m_table)
            return false;
        if (m_table->primaryKey.contains(column))
            return true;
        const bool constraint = std::any_of(m_table->constraints.cbegin(), m_table->constraints.cend(), [&](const Constraint &k) {
            return (k.kind == Constraint::Kind::Unique || k.kind == Constraint::Kind::PrimaryKey) && k.columns.contains(column);
        });
        return constraint || std::any_of(m_table->indexes.cbegin(), m_table->indexes.cend(), [&](const Index &i) {
                   return i.unique && i.columns.contains(column);
               });
    }

    /** True when a row already holds @p row's values of @p key. */
    bool taken(const QStringList &key, const QHash<QString, QString> &row) const
    {
        QStringList terms;
        for (const QString &c : key) {
            const QString v = row.value(c);
            if (v.isEmpty() || v == QLatin1String("NULL"))
                return false; // NULLs never collide; a column filled by the database is fresh
            terms << q(c) + QStringLiteral(" = ") + v;
        }
        QSqlQuery query(m_db);
        return query.exec(QStringLiteral("SELECT 1 FROM %1 WHERE %2").arg(q(m_name), terms.join(QStringLiteral(" AND "))))
               && query.next();
    }

    /** Keys the application honours: UNIQUE and PRIMARY KEY constraints, unique indexes. */
    QList<QStringList> honouredKeys() const
    {
        QList<QStringList> keys;
        for (const Constraint &k : m_table->constraints) {
            if ((k.kind == Constraint::Kind::Unique || k.kind == Constraint::Kind::PrimaryKey)
                && m_use.honours.contains(k.key()))
                keys << k.columns;
        }
        for (const Index &i : m_table->indexes) {
            if (i.unique)
                keys << i.columns;
        }
        return keys;
    }

    /** True when a row already holds @p row's values of a key the application honours. */
    bool collides(const QHash<QString, QString> &row) const
    {
        const QList<QStringList> keys = honouredKeys();
        return std::any_of(keys.cbegin(), keys.cend(), [&](const QStringList &key) { return taken(key, row); });
    }

    /**
     * A key the application honours gets a combination no row has: its foreign keys point at
     * other parent rows, its columns of few values (enums, booleans) take other ones.
     */
    void freeKeys(QHash<QString, QString> *row) const
    {
        struct Group
        {
            QStringList columns;
            QList<QStringList> values; // alternatives, a value per column
        };
        for (const QStringList &key : honouredKeys()) {
            if (!taken(key, *row))
                continue;
            QList<Group> groups;
            QSet<QString> grouped;
            for (const Constraint &k : m_table->constraints) {
                const bool inKey = std::any_of(k.columns.cbegin(), k.columns.cend(), [&](const QString &c) { return key.contains(c); });
                if (k.kind != Constraint::Kind::ForeignKey || !inKey || !m_use.honours.contains(k.key())
                    || k.columns.size() != k.refColumns.size())
                    continue;
                groups.append({k.columns, SampleData::keys(m_db, m_dialect, m_state, k.refTable, k.refColumns, FreeKeyTries)});
                grouped.unite(QSet<QString>(k.columns.cbegin(), k.columns.cend()));
            }
            for (const QString &c : key) {
                const Column *column = m_table->column(c);
                if (grouped.contains(c) || !column || !row->contains(c) || fixedByKey(c, row->value(c)))
                    continue;
                const ValueDomain domain = SampleData::domainOf(*column, m_state, m_dialect);
                if (domain.cardinality() < 0)
                    continue;
                Group g{{c}, {}};
                for (qint64 i = 0; i < qMin<qint64>(domain.cardinality(), FreeKeyTries); ++i)
                    g.values << QStringList{domain.plain().at(i)};
                groups << g;
            }
            for (int attempt = 0; !groups.isEmpty() && attempt < FreeKeyTries && taken(key, *row); ++attempt) {
                qint64 rest = attempt;
                for (const Group &g : std::as_const(groups)) {
                    if (g.values.isEmpty())
                        continue;
                    const QStringList &values = g.values.at(int(rest % g.values.size()));
                    rest /= g.values.size();
                    for (int i = 0; i < g.columns.size() && i < values.size(); ++i)
                        row->insert(g.columns.at(i), values.at(i));
                }
            }
        }
    }

    /** Every column's literal in the row the statement writes besides @p written: defaults for
     *  an INSERT, the existing row for an UPDATE (@p where). */
    QHash<QString, QString> context(const QStringList &written, const QString &where) const
    {
        QHash<QString, QString> out;
        if (!m_table)
            return out;
        QStringList others;
        for (const Column &c : m_table->columns) {
            if (written.contains(c.name))
                continue;
            if (where.isEmpty())
                out.insert(c.name, c.hasDefault() && !SampleData::filledByDatabase(c) ? c.defaultValue : QStringLiteral("NULL"));
            else
                others << c.name;
        }
        if (!others.isEmpty()) {
            const QList<QStringList> existing = SampleData::keys(m_db, m_dialect, m_state, m_name, others, 1, where);
            for (int i = 0; !existing.isEmpty() && i < others.size(); ++i)
                out.insert(others.at(i), existing.first().at(i));
        }
        return out;
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
                        QStringLiteral("SELECT %1 FROM %2").arg(columns.join(QStringLiteral(", ")), q(m_name)), {}, {}});
        }
        const QString skip = m_skipped.isEmpty() ? QString()
                                                 : QStringLiteral("%1 holds no sample rows: %2").arg(m_name, m_skipped);
        if (!m_use.inserts.isEmpty()) {
            const QStringList written = sorted(m_use.inserts);
            QHash<QString, QString> row;
            qint64 n = 1;
            for (const QString &c : written)
                row.insert(c, valueFor(c, n++, false));
            AppStatement s{m_name, QStringLiteral("insert"), {}, skip, {}};
            if (s.skipped.isEmpty() && m_table) {
                s.skipped = settleChecks(&row, context(written, {}), written, 1, true, &s.unbroken);
                freeKeys(&row);
            }
            QStringList columns, values;
            for (const QString &c : written) {
                columns << q(c);
                values << row.value(c);
            }
            s.sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                        .arg(q(m_name), columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")));
            out.append(s);
        }
        if (!m_use.updates.isEmpty()) {
            const QStringList key = m_table ? m_table->primaryKey : QStringList();
            const QStringList written = sorted(m_use.updates);
            // One existing row, found by its primary key; none yet: the statement still names
            // every column, which the engine resolves before it looks for rows.
            QString where = QStringLiteral("1 = 0");
            if (!key.isEmpty()) {
                const QList<QStringList> found = SampleData::keys(m_db, m_dialect, m_state, m_name, key, 1);
                if (!found.isEmpty()) {
                    QStringList terms;
                    for (int i = 0; i < key.size(); ++i)
                        terms << q(m_name) + QLatin1Char('.') + q(key.at(i)) + QStringLiteral(" = ") + found.first().at(i);
                    where = terms.join(QStringLiteral(" AND "));
                }
            }
            QHash<QString, QString> row;
            qint64 n = 1;
            for (const QString &c : written) {
                if (!key.contains(c))
                    row.insert(c, valueFor(c, n++, true));
            }
            AppStatement s{m_name, QStringLiteral("update"), {}, skip, {}};
            if (s.skipped.isEmpty() && m_table)
                s.skipped = settleChecks(&row, context(written, where), row.keys(), 1, false, &s.unbroken);
            QStringList sets;
            for (const QString &c : written)
                sets << q(c) + QStringLiteral(" = ") + (key.contains(c) ? q(m_name) + QLatin1Char('.') + q(c) : row.value(c));
            s.sql = QStringLiteral("UPDATE %1 SET %2 WHERE %3").arg(q(m_name), sets.join(QStringLiteral(", ")), where);
            out.append(s);
        }
        return out;
    }

private:
    QString m_name;
    const TableUsage &m_use;
    const Schema &m_state;
    const Table *m_table;
    const Dialect &m_dialect;
    QSqlDatabase m_db;
    QString m_skipped;
};

} // namespace

QList<AppStatement> AppStatements::generate(const AppUsage &usage, const Schema &state, const Dialect &dialect,
                                            QSqlDatabase db, const QMap<QString, QString> &skipped)
{
    QList<AppStatement> out;
    for (auto it = usage.tables.cbegin(); it != usage.tables.cend(); ++it)
        out += Generator(it.key(), it.value(), state, dialect, db, skipped.value(it.key())).statements();
    return out;
}

} // namespace Tideline
