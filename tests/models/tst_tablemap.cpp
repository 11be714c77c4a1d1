// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <domain/persistentmap.h>
#include <domain/schema.h>

#include <QMap>
#include <QRandomGenerator>
#include <QTest>

using namespace Tideline;

/**
 * TableMap (the schema's tables, shared between states table by table) against QMap, the
 * container it replaced: random inserts, removals, takes and writes through every write path,
 * on a map and on copies of it, must leave each map exactly as QMap would, and a copy untouched
 * by writes to the map it was copied from.
 */
class TestTableMap : public QObject
{
    Q_OBJECT

private slots:
    void behavesAsQMap_data();
    void behavesAsQMap();
    void foreignKeysByReferencedTable();
    void persistentMapBehavesAsQMap_data();
    void persistentMapBehavesAsQMap();
    void derivedForeignKeysMatchAScan_data();
    void derivedForeignKeysMatchAScan();
    void columnListBehavesAsQList_data();
    void columnListBehavesAsQList();
};

namespace {

Table tableNamed(const QString &name, int version)
{
    Table t;
    t.name = name;
    Column c;
    c.name = QStringLiteral("v%1").arg(version);
    c.type = QStringLiteral("integer");
    t.columns << c;
    return t;
}

bool same(const TableMap &map, const QMap<QString, Table> &expected, QString *why)
{
    if (map.size() != expected.size()) {
        *why = QStringLiteral("size %1, expected %2").arg(map.size()).arg(expected.size());
        return false;
    }
    if (map.keys() != expected.keys()) {
        *why = QStringLiteral("keys %1, expected %2").arg(map.keys().join(u','), expected.keys().join(u','));
        return false;
    }
    auto e = expected.cbegin();
    for (auto it = map.cbegin(); it != map.cend(); ++it, ++e) {
        if (it.key() != e.key() || !(it.value() == e.value()) || !(map.value(e.key()) == e.value())) {
            *why = QStringLiteral("table %1 differs").arg(e.key());
            return false;
        }
    }
    return true;
}

} // namespace

void TestTableMap::behavesAsQMap_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 7u, 42u, 1234u, 99991u})
        QTest::addRow("seed %u", seed) << seed;
}

void TestTableMap::behavesAsQMap()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    // Each slot: a map and its QMap model; new slots are copies of existing ones.
    QList<TableMap> maps{TableMap()};
    QList<QMap<QString, Table>> models{QMap<QString, Table>()};
    for (int step = 0; step < 4000; ++step) {
        const int slot = random.bounded(int(maps.size()));
        TableMap &map = maps[slot];
        QMap<QString, Table> &model = models[slot];
        const QString key = QStringLiteral("t%1").arg(random.bounded(60));
        switch (random.bounded(7)) {
        case 0:
        case 1:
            map.insert(key, tableNamed(key, step));
            model.insert(key, tableNamed(key, step));
            break;
        case 2:
            QCOMPARE(map.remove(key), model.remove(key));
            break;
        case 3:
            QCOMPARE(map.take(key), model.take(key));
            break;
        case 4: // a write through the pointer the engine uses
            if (Table *t = map.mutableValue(key)) {
                QVERIFY(model.contains(key));
                t->columns.first().name = QStringLiteral("w%1").arg(step);
                model[key].columns.first().name = QStringLiteral("w%1").arg(step);
            } else {
                QVERIFY(!model.contains(key));
            }
            break;
        case 5: // through a non-const iterator, as call sites written for QMap do
            for (auto it = map.begin(); it != map.end(); ++it) {
                if (it.key() == key)
                    it->primaryKey = {QStringLiteral("p%1").arg(step)};
            }
            for (auto it = model.begin(); it != model.end(); ++it) {
                if (it.key() == key)
                    it->primaryKey = {QStringLiteral("p%1").arg(step)};
            }
            break;
        case 6:
            if (maps.size() < 12) {
                maps.append(TableMap(map)); // a state copied from another
                models.append(QMap<QString, Table>(model));
            }
            break;
        }
        if (step % 50 == 0) {
            for (int i = 0; i < maps.size(); ++i) {
                QString why;
                QVERIFY2(same(maps.at(i), models.at(i), &why), qPrintable(QStringLiteral("step %1, map %2: %3").arg(step).arg(i).arg(why)));
                QCOMPARE(maps.at(i) == maps.at(0), models.at(i).keys() == models.at(0).keys() && same(maps.at(i), models.at(0), &why));
            }
        }
    }
}

void TestTableMap::foreignKeysByReferencedTable()
{
    TableMap map;
    const auto withKey = [](const QString &name, const QString &to) {
        Table t = tableNamed(name, 0);
        Constraint k;
        k.kind = Constraint::Kind::ForeignKey;
        k.name = name + QStringLiteral("_fk");
        k.columns = {QStringLiteral("v0")};
        k.refTable = to;
        k.refColumns = {QStringLiteral("v0")};
        t.constraints << k;
        return t;
    };
    map.insert(QStringLiteral("parent"), tableNamed(QStringLiteral("parent"), 0));
    map.insert(QStringLiteral("b_child"), withKey(QStringLiteral("b_child"), QStringLiteral("parent")));
    map.insert(QStringLiteral("a_child"), withKey(QStringLiteral("a_child"), QStringLiteral("parent")));
    const TableMap copy = map; // a state as the engine keeps it
    const TableMap::ForeignKeys *keys = copy.foreignKeysTo(QStringLiteral("parent"));
    QVERIFY(keys); // a copy nobody wrote to offers the index, in table order
    QCOMPARE(keys->size(), 2);
    QCOMPARE(keys->at(0).first, QStringLiteral("a_child"));
    QCOMPARE(keys->at(1).first, QStringLiteral("b_child"));
    // A write to the original leaves the copy's tables (and what they reference) as they were.
    map.mutableValue(QStringLiteral("a_child"))->constraints.clear();
    QCOMPARE(copy.value(QStringLiteral("a_child")).constraints.size(), 1);
    QCOMPARE(map.value(QStringLiteral("a_child")).constraints.size(), 0);
}

void TestTableMap::persistentMapBehavesAsQMap_data()
{
    behavesAsQMap_data();
}

/** PersistentMap (AppUsage::tables, the derived indexes) against QMap: random writes through
 *  every write path on maps and copies of them, every map compared after each step. */
void TestTableMap::persistentMapBehavesAsQMap()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    QList<PersistentMap<int>> maps{PersistentMap<int>()};
    QList<QMap<QString, int>> models{QMap<QString, int>()};
    for (int step = 0; step < 4000; ++step) {
        const int slot = random.bounded(int(maps.size()));
        PersistentMap<int> &map = maps[slot];
        QMap<QString, int> &model = models[slot];
        const QString key = QStringLiteral("k%1").arg(random.bounded(60));
        switch (random.bounded(8)) {
        case 0:
            map.insert(key, step);
            model.insert(key, step);
            break;
        case 1:
            map[key] += step;
            model[key] += step;
            break;
        case 2:
            QCOMPARE(map.remove(key), model.remove(key));
            break;
        case 3:
            QCOMPARE(map.take(key), model.take(key));
            break;
        case 4:
            if (int *v = map.mutableValue(key)) {
                QVERIFY(model.contains(key));
                *v = -step;
                model[key] = -step;
            } else {
                QVERIFY(!model.contains(key));
            }
            break;
        case 5: {
            const auto it = map.constFind(key);
            QCOMPARE(it != map.cend(), model.contains(key));
            if (it != map.cend()) {
                QCOMPARE(it.key(), key);
                QCOMPARE(*it, model.value(key));
                QCOMPARE(*map.find(key), model.value(key));
            }
            QCOMPARE(map.value(key, -1), model.value(key, -1));
            break;
        }
        case 6:
            if (maps.size() < 12) {
                maps.append(PersistentMap<int>(map));
                models.append(QMap<QString, int>(model));
            }
            break;
        case 7: { // QMap's write path: find() and end() on a non-const map (Schema::views, enums)
            const auto it = map.find(key);
            QCOMPARE(it != map.end(), model.contains(key));
            if (it != map.end()) {
                QCOMPARE(it.key(), key);
                *it += 1;
                it.value() += 1;
                model[key] += 2;
            }
            break;
        }
        }
        for (int i = 0; i < maps.size(); ++i) {
            QCOMPARE(maps.at(i).size(), models.at(i).size());
            QCOMPARE(maps.at(i).toMap(), models.at(i));
            QCOMPARE(maps.at(i).keys(), models.at(i).keys());
            QCOMPARE(maps.at(i) == maps.at(0), models.at(i) == models.at(0));
        }
    }
    // Reading a non-const map in a range-for (begin() is const_iterator, end() iterator) and
    // the QMap-shaped accessors.
    for (int i = 0; i < maps.size(); ++i) {
        PersistentMap<int> &map = maps[i];
        const PersistentMap<int> before = map;
        QList<int> walked;
        for (const int &v : map)
            walked.append(v);
        QCOMPARE(walked, models.at(i).values());
        QCOMPARE(map.values(), models.at(i).values());
        if (!map.isEmpty())
            QCOMPARE(map.first(), models.at(i).first());
        const QMap<QString, int> converted = map;
        QCOMPARE(converted, models.at(i));
        QVERIFY(before == map);
    }
    QCOMPARE(PersistentMap<int>::fromMap(models.at(0)), maps.at(0));
}

void TestTableMap::derivedForeignKeysMatchAScan_data()
{
    behavesAsQMap_data();
}

/**
 * The foreign-key index of a map derived from the index of the map it was copied from (plus
 * the tables changed since) against a scan of every table, as Schema::referencing did before:
 * random tables with random keys, changed through every write path, copied, refreshed, and
 * each copy's index compared for every referenced name.
 */
void TestTableMap::derivedForeignKeysMatchAScan()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    const auto randomTable = [&](const QString &name, int step) {
        Table t = tableNamed(name, step);
        const int keys = random.bounded(4);
        for (int i = 0; i < keys; ++i) {
            Constraint k;
            k.kind = random.bounded(4) == 0 ? Constraint::Kind::Check : Constraint::Kind::ForeignKey;
            k.name = QStringLiteral("%1_k%2_%3").arg(name).arg(i).arg(step);
            k.columns = {QStringLiteral("v%1").arg(step)};
            k.refTable = QStringLiteral("t%1").arg(random.bounded(20));
            t.constraints << k;
        }
        return t;
    };
    const auto scan = [](const TableMap &map, const QString &target) {
        TableMap::ForeignKeys result;
        for (const Table &t : map) {
            for (const Constraint &c : t.constraints) {
                if (c.kind == Constraint::Kind::ForeignKey && c.refTable == target)
                    result.append({t.name, c});
            }
        }
        return result;
    };
    QList<TableMap> maps{TableMap()};
    for (int step = 0; step < 3000; ++step) {
        const int slot = random.bounded(int(maps.size()));
        TableMap &map = maps[slot];
        const QString key = QStringLiteral("t%1").arg(random.bounded(20));
        switch (random.bounded(11)) {
        case 0:
        case 1:
            map.insert(key, randomTable(key, step));
            break;
        case 8: // a write that leaves keys and names alone (most steps): its index entries stay
            if (Table *t = map.mutableValue(key))
                t->columns.first().name = QStringLiteral("w%1").arg(step);
            break;
        case 9: // a key changed in place under the same name: re-indexed all the same
            if (Table *t = map.mutableValue(key); t && !t->constraints.isEmpty()) {
                Constraint &k = t->constraints[random.bounded(int(t->constraints.size()))];
                if (random.bounded(2))
                    k.onUpdate = k.onUpdate.isEmpty() ? QStringLiteral("CASCADE") : QString();
                else
                    k.refTable = QStringLiteral("t%1").arg(random.bounded(20));
            }
            break;
        case 10: // the same keys in another order, or one renamed
            if (Table *t = map.mutableValue(key); t && !t->constraints.isEmpty()) {
                if (t->constraints.size() > 1)
                    t->constraints.move(0, t->constraints.size() - 1);
                else
                    t->constraints.first().name += QStringLiteral("_r");
            }
            break;
        case 2:
            map.remove(key);
            break;
        case 3:
            if (Table *t = map.mutableValue(key)) // the engine's write path
                *t = randomTable(key, step);
            break;
        case 4:
            map.refreshIndexes(); // what the engine does before it keeps a state
            break;
        case 5: { // a query on a copy (a kept state), whose index later copies derive from
            const TableMap copy = map;
            QCOMPARE(copy.foreignKeysTo(key) ? *copy.foreignKeysTo(key) : scan(copy, key), scan(copy, key));
            break;
        }
        case 6:
        case 7:
            if (maps.size() < 10)
                maps.append(TableMap(map));
            else
                maps[random.bounded(int(maps.size()))] = map;
            break;
        }
        // While a table handed out for writing may still be written (dropColumn, the
        // decomposers), the keys and names come from the base index plus the changed tables.
        for (int t = 0; t < 21; t += 1 + random.bounded(5)) {
            const QString target = QStringLiteral("t%1").arg(t);
            QCOMPARE(maps.at(slot).foreignKeysToNow(target), scan(maps.at(slot), target));
        }
        if (step % 20 == 0) {
            for (const TableMap &m : std::as_const(maps)) {
                const TableMap copy = m; // nobody writes to it: it offers the index
                for (int t = 0; t < 21; ++t) {
                    const QString target = QStringLiteral("t%1").arg(t);
                    const TableMap::ForeignKeys *keys = copy.foreignKeysTo(target);
                    QVERIFY(keys);
                    QCOMPARE(*keys, scan(copy, target));
                }
                // The name index against a scan of every table's names (Carry::takenNames).
                QStringList names{QStringLiteral("none"), QStringLiteral("T1"), QStringLiteral("t1")};
                for (const Table &t : copy) {
                    for (const Constraint &c : t.constraints)
                        names << c.name << c.name.toUpper();
                }
                for (const QString &name : std::as_const(names)) {
                    for (Qt::CaseSensitivity cs : {Qt::CaseSensitive, Qt::CaseInsensitive}) {
                        bool scanned = false;
                        for (const Table &t : copy) {
                            scanned = scanned || t.name.compare(name, cs) == 0;
                            for (const Constraint &c : t.constraints)
                                scanned = scanned || c.name.compare(name, cs) == 0;
                        }
                        QCOMPARE(copy.holdsName(name, cs), scanned);
                        QCOMPARE(m.holdsName(name, cs), scanned); // indexed or scanned
                    }
                }
            }
        }
    }
}

void TestTableMap::columnListBehavesAsQList_data()
{
    behavesAsQMap_data();
}

/**
 * ColumnList (a table's columns, shared per column between copies) against QList<Column>, the
 * container it replaced: random appends, inserts, removals, moves and writes through every
 * write path (operator[], first(), last(), iterators, std algorithms), on lists and on copies
 * of them, must leave each list exactly as the plain list written the same way, and a copy
 * untouched by writes to the list it was copied from. After a write to one column of a copy,
 * the copy shares every other column with the list it came from, and not that one.
 */
void TestTableMap::columnListBehavesAsQList()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    const auto column = [&](int step) {
        Column c;
        c.name = QStringLiteral("c%1").arg(step);
        c.type = random.bounded(2) ? QStringLiteral("integer") : QStringLiteral("text");
        c.nullable = random.bounded(2);
        return c;
    };
    QList<ColumnList> lists{ColumnList()};
    QList<QList<Column>> plain{QList<Column>()};
    for (int step = 0; step < 3000; ++step) {
        const int slot = random.bounded(int(lists.size()));
        ColumnList &list = lists[slot];
        QList<Column> &expected = plain[slot];
        const int n = int(expected.size());
        const int at = n ? random.bounded(n) : 0;
        switch (random.bounded(13)) {
        case 0:
        case 1: {
            const Column c = column(step);
            list.append(c);
            expected.append(c);
            break;
        }
        case 2: {
            const Column c = column(step);
            list.insert(at, c);
            expected.insert(at, c);
            break;
        }
        case 3:
            if (n) {
                list.removeAt(at);
                expected.removeAt(at);
            }
            break;
        case 4:
            if (n) {
                const int to = random.bounded(n);
                list.move(at, to);
                expected.move(at, to);
            }
            break;
        case 5: // one column written in place (Table::column for writing)
            if (n) {
                list[at].type = QStringLiteral("w%1").arg(step);
                expected[at].type = QStringLiteral("w%1").arg(step);
            }
            break;
        case 6:
            if (n) {
                list.first().nullable = !list.first().nullable;
                expected.first().nullable = !expected.first().nullable;
                list.last().comment = QStringLiteral("l%1").arg(step);
                expected.last().comment = QStringLiteral("l%1").arg(step);
            }
            break;
        case 7: // every column written through iterators
            for (Column &c : list)
                c.defaultValue = QStringLiteral("d%1").arg(step);
            for (Column &c : expected)
                c.defaultValue = QStringLiteral("d%1").arg(step);
            break;
        case 8:
            std::sort(list.begin(), list.end(), [](const Column &a, const Column &b) { return a.name > b.name; });
            std::sort(expected.begin(), expected.end(), [](const Column &a, const Column &b) { return a.name > b.name; });
            break;
        case 9: {
            const QString type = QStringLiteral("integer");
            list.removeIf([&](const Column &c) { return c.type == type; });
            expected.removeIf([&](const Column &c) { return c.type == type; });
            break;
        }
        case 10:
            if (n) {
                QCOMPARE(list.takeAt(at), expected.takeAt(at));
            }
            break;
        case 11:
            if (lists.size() < 10) {
                lists.append(ColumnList(list));
                plain.append(QList<Column>(expected));
            } else {
                const int other = random.bounded(int(lists.size()));
                lists[other] = list;
                plain[other] = expected;
            }
            break;
        case 12: // a copy written in one column shares every other one with its source
            if (n) {
                ColumnList copy = list;
                copy[at].name += QStringLiteral("_x");
                for (int i = 0; i < n; ++i)
                    QCOMPARE(copy.sharesColumn(list, i), i != at);
                QVERIFY(copy != list);
                QCOMPARE(list.at(at), expected.at(at)); // the source is untouched
            }
            break;
        }
        for (qsizetype l = 0; l < lists.size(); ++l) {
            const ColumnList &got = lists.at(l);
            const QList<Column> &want = plain.at(l);
            QCOMPARE(got.size(), want.size());
            QCOMPARE(got.toList(), want);
            for (qsizetype i = 0; i < want.size(); ++i)
                QCOMPARE(got.at(i), want.at(i));
            QCOMPARE(got, ColumnList(want));
        }
    }
}

QTEST_GUILESS_MAIN(TestTableMap)
#include "tst_tablemap.moc"
