// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

#include "persistentmap.h"

#include <algorithm>
#include <functional>

#include <QHash>

#include <atomic>

namespace Tideline {

Column::Identity Column::effectiveIdentity() const
{
    if (!identity)
        return Identity::None;
    return identityKind == Identity::None ? Identity::ByDefault : identityKind;
}

bool Column::operator==(const Column &o) const
{
    return name == o.name && type == o.type && nullable == o.nullable
           && defaultValue == o.defaultValue && identity == o.identity && generated == o.generated
           && effectiveIdentity() == o.effectiveIdentity() && sequence == o.sequence
           && generatedExpression == o.generatedExpression
           && (!generated || generatedStored == o.generatedStored) && collation == o.collation
           && charset == o.charset && comment == o.comment;
}

QString Column::identityName(Identity identity)
{
    switch (identity) {
    case Identity::None:
        return QStringLiteral("none");
    case Identity::ByDefault:
        return QStringLiteral("by_default");
    case Identity::Always:
        return QStringLiteral("always");
    case Identity::Sequence:
        return QStringLiteral("sequence");
    case Identity::AutoIncrement:
        return QStringLiteral("autoincrement");
    }
    return {};
}

bool Column::identityFromName(const QString &name, Identity *identity)
{
    for (Identity i : {Identity::None, Identity::ByDefault, Identity::Always, Identity::Sequence,
                       Identity::AutoIncrement}) {
        if (identityName(i) == name) {
            *identity = i;
            return true;
        }
    }
    return false;
}

bool Index::operator==(const Index &o) const
{
    // Lengths and descending flags compare by meaning: a missing entry is 0 / ascending.
    const auto sameLengths = [&] {
        for (int i = 0; i < qMax(lengths.size(), o.lengths.size()); ++i) {
            if (length(i) != o.length(i))
                return false;
        }
        return true;
    };
    const auto sameOrder = [&] {
        for (int i = 0; i < qMax(descending.size(), o.descending.size()); ++i) {
            if (isDescending(i) != o.isDescending(i))
                return false;
        }
        return true;
    };
    return name == o.name && columns == o.columns && unique == o.unique && where == o.where
           && include == o.include && method == o.method && sameLengths() && sameOrder();
}

QString Constraint::kindName(Kind kind)
{
    switch (kind) {
    case Kind::PrimaryKey:
        return QStringLiteral("primary_key");
    case Kind::Unique:
        return QStringLiteral("unique");
    case Kind::Check:
        return QStringLiteral("check");
    case Kind::ForeignKey:
        return QStringLiteral("foreign_key");
    }
    return {};
}

bool Constraint::kindFromName(const QString &name, Kind *kind)
{
    for (Kind k : {Kind::PrimaryKey, Kind::Unique, Kind::Check, Kind::ForeignKey}) {
        if (kindName(k) == name) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QString Constraint::key() const
{
    // Unnamed constraints are identified by what they cover, so that two states agree on them.
    const QString id = name.isEmpty()
                           ? columns.join(QLatin1Char(',')) + QLatin1Char('|') + expression
                           : name;
    return kindName(kind) + QLatin1Char(':') + id;
}

bool Constraint::operator==(const Constraint &o) const
{
    return kind == o.kind && name == o.name && columns == o.columns && expression == o.expression
           && refTable == o.refTable && refColumns == o.refColumns && onDelete == o.onDelete
           && onUpdate == o.onUpdate && deferrable == o.deferrable
           && initiallyDeferred == o.initiallyDeferred;
}

bool Constraint::normalizeAction(const QString &text, QString *action)
{
    const QString words = text.simplified().toUpper();
    if (words.isEmpty() || words == QLatin1String("NO ACTION")) {
        action->clear();
        return true;
    }
    for (const char *known : {"CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT"}) {
        if (words == QLatin1String(known)) {
            *action = words;
            return true;
        }
    }
    return false;
}

bool Trigger::operator==(const Trigger &o) const
{
    return name == o.name && definition == o.definition;
}

bool SyncTrigger::operator==(const SyncTrigger &o) const
{
    return target == o.target && sources == o.sources && sourceColumn == o.sourceColumn
           && expression == o.expression;
}

bool Sequence::operator==(const Sequence &o) const
{
    return name == o.name && type == o.type && start == o.start && increment == o.increment
           && ownedBy == o.ownedBy;
}

bool EnumType::operator==(const EnumType &o) const
{
    return name == o.name && values == o.values;
}

const Column *Table::column(const QString &columnName) const
{
    for (const Column &c : columns) {
        if (c.name == columnName)
            return &c;
    }
    return nullptr;
}

Column *Table::column(const QString &columnName)
{
    const int i = columnIndex(columnName);
    return i < 0 ? nullptr : &columns[i];
}

int Table::columnIndex(const QString &columnName) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).name == columnName)
            return i;
    }
    return -1;
}

const Index *Table::index(const QString &indexName) const
{
    for (const Index &i : indexes) {
        if (i.name == indexName)
            return &i;
    }
    return nullptr;
}

const Constraint *Table::constraint(const QString &constraintName) const
{
    for (const Constraint &c : constraints) {
        if (c.name == constraintName)
            return &c;
    }
    return nullptr;
}

const SyncTrigger *Table::sync(const QString &target) const
{
    for (const SyncTrigger &s : syncs) {
        if (s.target == target)
            return &s;
    }
    return nullptr;
}

bool Table::operator==(const Table &o) const
{
    return name == o.name && columns == o.columns && primaryKey == o.primaryKey
           && indexes == o.indexes && constraints == o.constraints && triggers == o.triggers
           && syncs == o.syncs && comment == o.comment && engine == o.engine
           && charset == o.charset && collation == o.collation && withoutRowid == o.withoutRowid;
}

bool View::operator==(const View &o) const
{
    return name == o.name && columns == o.columns && definition == o.definition && baseTable == o.baseTable;
}

bool Parameter::operator==(const Parameter &o) const
{
    return name == o.name && type == o.type && defaultValue == o.defaultValue;
}

const Parameter *Procedure::parameter(const QString &parameterName) const
{
    for (const Parameter &p : parameters) {
        if (p.name == parameterName)
            return &p;
    }
    return nullptr;
}

bool Procedure::operator==(const Procedure &o) const
{
    return name == o.name && parameters == o.parameters;
}


// ---- TableMap -------------------------------------------------------------------------------

/** A table's value, shared by every tree node (of any state) that holds the same table. */
struct TableBox : QSharedData
{
    Table value;
};

/** A tree node: copying one copies its name and three pointers, never the table. */
struct TableMap::Node : QSharedData
{
    QString key;
    QExplicitlySharedDataPointer<TableBox> box;
    size_t priority = 0;
    Ptr left, right;
};

TableMap::TableMap() = default;
TableMap::~TableMap() = default;

const QString &TableMap::const_iterator::key() const
{
    return m_at.current()->key;
}

const Table &TableMap::const_iterator::value() const
{
    return m_at.current()->box->value;
}

/**
 * The foreign keys of one tree by the table they reference. Its maps are persistent, so an
 * index derived from another (a copy plus the tables that changed) shares every entry the
 * change left alone: a state's index costs what its steps changed, not the schema's size.
 */
struct TableMap::ReferenceIndex
{
    /** The keys referencing one table: sources[i] is the map key of keys[i]'s table; in key
     *  and then declaration order. */
    struct Referencing
    {
        QStringList sources;
        ForeignKeys keys;
    };
    const Node *root = nullptr; // the tree it was built or derived for
    PersistentMap<Referencing> byTarget;
    PersistentMap<QStringList> targetsOf; // map key -> the tables its foreign keys reference
    PersistentMap<QStringList> namesOf;   // map key -> its table's, indexes' and constraints' names
    PersistentMap<QStringList> byFolded;  // a name case-folded -> the names it folds (repeats kept)

    static QStringList names(const Table &t)
    {
        QStringList result;
        if (!t.name.isEmpty())
            result.append(t.name);
        for (const Index &i : t.indexes) {
            if (!i.name.isEmpty())
                result.append(i.name);
        }
        for (const Constraint &c : t.constraints) {
            if (!c.name.isEmpty())
                result.append(c.name);
        }
        return result;
    }

    /** @p t's foreign keys grouped by the table they reference, in the order of first
     *  reference, each group in declaration order: as remove() and add() keep them. */
    static QList<QPair<QString, QList<const Constraint *>>> keysByTarget(const Table &t)
    {
        QList<QPair<QString, QList<const Constraint *>>> groups;
        for (const Constraint &c : t.constraints) {
            if (c.kind != Constraint::Kind::ForeignKey)
                continue;
            auto group = std::find_if(groups.begin(), groups.end(), [&](const auto &g) { return g.first == c.refTable; });
            if (group == groups.end())
                groups.append({c.refTable, {&c}});
            else
                group->second.append(&c);
        }
        return groups;
    }
    /** Whether the entries of @p key hold what @p t (null: no table) would add: its keys and
     *  names. A table whose columns alone changed (most steps) is then left as indexed, and
     *  the lists of keys to a table many reference are not copied for it. */
    bool holds(const QString &key, const Table *t) const
    {
        if (namesOf.value(key) != (t ? names(*t) : QStringList()))
            return false;
        const QStringList targets = targetsOf.value(key);
        const auto groups = t ? keysByTarget(*t) : decltype(keysByTarget(*t))();
        if (targets.size() != groups.size())
            return false;
        for (qsizetype g = 0; g < groups.size(); ++g) {
            if (groups.at(g).first != targets.at(g))
                return false;
            const Referencing *r = byTarget.find(targets.at(g));
            if (!r)
                return false;
            qsizetype matched = 0;
            for (qsizetype i = 0; i < r->sources.size(); ++i) {
                if (r->sources.at(i) != key)
                    continue;
                const QList<const Constraint *> &now = groups.at(g).second;
                if (matched >= now.size() || !(r->keys.at(i).second == *now.at(matched))
                    || r->keys.at(i).first != t->name)
                    return false;
                ++matched;
            }
            if (matched != groups.at(g).second.size())
                return false;
        }
        return true;
    }

    void remove(const QString &key)
    {
        const QStringList targets = targetsOf.value(key);
        for (const QString &target : targets) {
            Referencing *r = byTarget.mutableValue(target);
            for (qsizetype i = r->sources.size() - 1; i >= 0; --i) {
                if (r->sources.at(i) == key) {
                    r->sources.removeAt(i);
                    r->keys.removeAt(i);
                }
            }
            if (r->sources.isEmpty())
                byTarget.remove(target);
        }
        targetsOf.remove(key);
        const QStringList held = namesOf.value(key);
        for (const QString &name : held) {
            const QString folded = name.toCaseFolded();
            QStringList *same = byFolded.mutableValue(folded);
            same->removeOne(name);
            if (same->isEmpty())
                byFolded.remove(folded);
        }
        namesOf.remove(key);
    }
    void add(const QString &key, const Table &t)
    {
        QStringList targets;
        for (const Constraint &c : t.constraints) {
            if (c.kind != Constraint::Kind::ForeignKey)
                continue;
            Referencing &r = byTarget[c.refTable];
            // After the entries of keys up to this one: the same order as a scan of the tables.
            const qsizetype at = std::upper_bound(r.sources.cbegin(), r.sources.cend(), key) - r.sources.cbegin();
            r.sources.insert(at, key);
            r.keys.insert(at, {t.name, c});
            if (!targets.contains(c.refTable))
                targets.append(c.refTable);
        }
        if (!targets.isEmpty())
            targetsOf.insert(key, targets);
        const QStringList held = names(t);
        for (const QString &name : held)
            byFolded[name.toCaseFolded()].append(name);
        if (!held.isEmpty())
            namesOf.insert(key, held);
    }
};

TableMap::TableMap(std::initializer_list<std::pair<QString, Table>> list)
{
    for (const auto &[key, value] : list)
        insert(key, value);
}

TableMap::TableMap(const TableMap &o)
    : m_root(o.m_root)
    , m_size(o.m_size)
    , m_references(std::atomic_load(&o.m_references))
    , m_base(o.m_base)
    , m_changed(o.m_changed)
{
    if (m_references) { // what the copy derives from: the index of this very tree
        m_base = m_references;
        m_changed.clear();
    }
}

TableMap::TableMap(TableMap &&o) noexcept
    : m_root(std::move(o.m_root))
    , m_size(o.m_size)
    , m_handedOut(o.m_handedOut)
    , m_references(std::move(o.m_references))
    , m_base(std::move(o.m_base))
    , m_changed(std::move(o.m_changed))
{
    o.m_size = 0;
    o.m_handedOut = false;
    o.m_changed.clear();
}

TableMap &TableMap::operator=(const TableMap &o)
{
    if (this != &o) {
        m_root = o.m_root;
        m_size = o.m_size;
        m_handedOut = false;
        m_references = std::atomic_load(&o.m_references);
        m_base = m_references ? m_references : o.m_base;
        m_changed = m_references ? QStringList() : o.m_changed;
    }
    return *this;
}

TableMap &TableMap::operator=(TableMap &&o) noexcept
{
    if (this != &o) {
        m_root = std::move(o.m_root);
        m_size = o.m_size;
        m_handedOut = o.m_handedOut;
        m_references = std::move(o.m_references);
        m_base = std::move(o.m_base);
        m_changed = std::move(o.m_changed);
        o.m_changed.clear();
        o.m_root.reset();
        o.m_size = 0;
        o.m_handedOut = false;
    }
    return *this;
}

const TableMap::Node *TableMap::findNode(const QString &key) const
{
    return Treap::find(m_root.data(), key);
}

Table TableMap::value(const QString &key, const Table &defaultValue) const
{
    const Node *n = findNode(key);
    return n ? n->box->value : defaultValue;
}

Table *TableMap::mutableValue(const QString &key)
{
    if (!findNode(key))
        return nullptr;
    changed(key, true);
    Ptr *p = &m_root;
    while (true) {
        p->detach(); // copies the node only if another state shares it
        Node *n = p->data();
        const int c = key.compare(n->key);
        if (c == 0) {
            n->box.detach(); // and the table, only if another node shares it
            return &n->box->value;
        }
        p = c < 0 ? &n->left : &n->right;
    }
}

Table &TableMap::operator[](const QString &key)
{
    if (!findNode(key))
        insert(key, Table());
    return *mutableValue(key);
}

QStringList TableMap::keys() const
{
    QStringList result;
    result.reserve(m_size);
    for (auto it = cbegin(); it != cend(); ++it)
        result.append(it.key());
    return result;
}

QList<Table> TableMap::values() const
{
    QList<Table> result;
    result.reserve(m_size);
    for (const Table &t : *this)
        result.append(t);
    return result;
}

TableMap::iterator TableMap::insert(const QString &key, const Table &value)
{
    if (Table *existing = mutableValue(key)) {
        *existing = value;
    } else {
        changed(key, false);
        Ptr node(new Node);
        node->key = key;
        node->box = new TableBox;
        node->box->value = value;
        node->priority = qHash(key, size_t(0x9e3779b9));
        Treap::insert(m_root, std::move(node));
        ++m_size;
    }
    iterator it;
    it.m_map = this;
    it.m_key = key;
    it.m_end = false;
    return it;
}

qsizetype TableMap::remove(const QString &key)
{
    if (!findNode(key))
        return 0;
    changed(key, false);
    Treap::erase(m_root, key);
    --m_size;
    return 1;
}

Table TableMap::take(const QString &key)
{
    const Node *n = findNode(key);
    if (!n)
        return Table();
    Table result = n->box->value;
    remove(key);
    return result;
}

void TableMap::clear()
{
    m_references.reset();
    m_base.reset();
    m_changed.clear();
    m_root.reset();
    m_size = 0;
}

TableMap::const_iterator &TableMap::const_iterator::operator++()
{
    m_at.advance();
    return *this;
}

TableMap::const_iterator TableMap::cbegin() const
{
    const_iterator it;
    it.m_at.descend(m_root.data());
    return it;
}

TableMap::const_iterator TableMap::constFind(const QString &key) const
{
    const_iterator it;
    it.m_at.seek(m_root.data(), key);
    return it;
}

TableMap::iterator TableMap::begin()
{
    if (!m_root)
        return {};
    iterator it;
    it.m_map = this;
    it.m_key = cbegin().key();
    it.m_end = false;
    return it;
}

TableMap::iterator TableMap::find(const QString &key)
{
    if (!findNode(key))
        return {};
    iterator it;
    it.m_map = this;
    it.m_key = key;
    it.m_end = false;
    return it;
}

TableMap::iterator &TableMap::iterator::operator++()
{
    // The next name in order, looked up again: the tree may have been copied meanwhile.
    const Node *n = m_map->m_root.data(), *next = nullptr;
    while (n) {
        if (m_key < n->key) {
            next = n;
            n = n->left.data();
        } else {
            n = n->right.data();
        }
    }
    if (next) {
        m_key = next->key;
    } else {
        m_key.clear();
        m_end = true;
    }
    return *this;
}

void TableMap::changed(const QString &key, bool handedOut)
{
    // The index of the tree before the change becomes the base the next one derives from.
    if (std::shared_ptr<const ReferenceIndex> index = std::atomic_load(&m_references)) {
        m_base = std::move(index);
        m_changed.clear();
        std::atomic_store(&m_references, std::shared_ptr<const ReferenceIndex>());
    }
    if (m_base && !m_changed.contains(key))
        m_changed.append(key);
    m_handedOut = m_handedOut || handedOut;
}

std::shared_ptr<const TableMap::ReferenceIndex> TableMap::derivedIndex() const
{
    auto built = std::make_shared<ReferenceIndex>();
    if (m_base) {
        *built = *m_base; // shares every entry: the maps are persistent
        for (const QString &key : m_changed) {
            const Node *n = findNode(key);
            if (built->holds(key, n ? &n->box->value : nullptr))
                continue;
            built->remove(key);
            if (n)
                built->add(key, n->box->value);
        }
    } else {
        for (auto it = cbegin(); it != cend(); ++it)
            built->add(it.key(), it.value());
    }
    built->root = m_root.data();
    return built;
}

std::shared_ptr<const TableMap::ReferenceIndex> TableMap::index() const
{
    std::shared_ptr<const ReferenceIndex> index = std::atomic_load(&m_references);
    if (!index || index->root != m_root.data()) {
        index = derivedIndex();
        std::atomic_store(&m_references, index);
    }
    return index;
}

const TableMap::ForeignKeys *TableMap::foreignKeysTo(const QString &table) const
{
    static const ForeignKeys none;
    if (m_handedOut)
        return nullptr;
    // The pointer stays valid while the map is unchanged: m_references keeps the index.
    const ReferenceIndex::Referencing *r = index()->byTarget.find(table);
    return r ? &r->keys : &none;
}

TableMap::ForeignKeys TableMap::foreignKeysToNow(const QString &table) const
{
    if (const ForeignKeys *keys = foreignKeysTo(table))
        return *keys; // shared, not copied
    const auto keysOf = [&](const Table &t, ForeignKeys *result) {
        for (const Constraint &c : t.constraints) {
            if (c.kind == Constraint::Kind::ForeignKey && c.refTable == table)
                result->append({t.name, c});
        }
    };
    ForeignKeys result;
    if (!m_base) {
        for (const Table &t : *this)
            keysOf(t, &result);
        return result;
    }
    // The base's keys of the tables not changed since, and the changed tables' keys as they are
    // now, merged in key order: the order of a scan.
    QStringList changed = m_changed;
    std::sort(changed.begin(), changed.end());
    const ReferenceIndex::Referencing *r = m_base->byTarget.find(table);
    const qsizetype n = r ? r->sources.size() : 0;
    qsizetype i = 0;
    for (const QString &key : changed) {
        for (; i < n && r->sources.at(i) < key; ++i)
            result.append(r->keys.at(i));
        while (i < n && r->sources.at(i) == key)
            ++i;
        if (const Node *node = findNode(key))
            keysOf(node->box->value, &result);
    }
    for (; i < n; ++i)
        result.append(r->keys.at(i));
    return result;
}

bool TableMap::holdsName(const QString &name, Qt::CaseSensitivity cs) const
{
    if (name.isEmpty())
        return false;
    if (!m_handedOut) {
        const QStringList *same = index()->byFolded.find(name.toCaseFolded());
        return same && (cs == Qt::CaseInsensitive || same->contains(name));
    }
    if (m_base) {
        // The base's holders of the name, less those of the tables changed since, plus what the
        // changed tables hold now.
        const QString folded = name.toCaseFolded();
        const auto matches = [&](const QStringList &names) {
            qsizetype count = 0;
            for (const QString &held : names) {
                if (cs == Qt::CaseInsensitive ? held.toCaseFolded() == folded : held == name)
                    ++count;
            }
            return count;
        };
        const QStringList *same = m_base->byFolded.find(folded);
        qsizetype holders = same ? matches(*same) : 0;
        for (const QString &key : m_changed) {
            holders -= matches(m_base->namesOf.value(key));
            if (const Node *node = findNode(key))
                holders += matches(ReferenceIndex::names(node->box->value));
        }
        return holders > 0;
    }
    for (const Table &t : *this) {
        const QStringList held = ReferenceIndex::names(t);
        if (held.contains(name, cs))
            return true;
    }
    return false;
}

void TableMap::refreshIndexes()
{
    std::shared_ptr<const ReferenceIndex> index = std::atomic_load(&m_references);
    if (!index || index->root != m_root.data())
        index = derivedIndex();
    m_references = index;
    m_base = index;
    m_changed.clear();
    m_handedOut = false;
}

bool TableMap::operator==(const TableMap &o) const
{
    if (m_size != o.m_size)
        return false;
    if (m_root == o.m_root)
        return true;
    for (auto a = cbegin(), b = o.cbegin(); a != cend(); ++a, ++b) {
        if (a.key() != b.key() || !(a.value() == b.value()))
            return false;
    }
    return true;
}

bool TableMap::differingKeys(const TableMap &o, QStringList *keys) const
{
    if (m_size != o.m_size)
        return false;
    // Priorities hash the names, so two maps of the same names have the same shape: the
    // trees are walked side by side, and a node both share is a subtree both share.
    const std::function<bool(const Node *, const Node *)> walk = [&](const Node *a, const Node *b) {
        if (a == b)
            return true;
        if (!a || !b || a->key != b->key)
            return false;
        if (!walk(a->left.data(), b->left.data()))
            return false;
        if (a->box != b->box && !(a->box->value == b->box->value))
            keys->append(a->key);
        return walk(a->right.data(), b->right.data());
    };
    return walk(m_root.data(), o.m_root.data());
}

const Table *Schema::table(const QString &name) const
{
    const auto it = tables.constFind(name);
    return it == tables.cend() ? nullptr : &it.value();
}

Table *Schema::table(const QString &name)
{
    return tables.mutableValue(name);
}

QList<QPair<QString, Constraint>> Schema::referencing(const QString &table,
                                                     const QString &column) const
{
    QList<QPair<QString, Constraint>> result;
    const Table *target = this->table(table);
    for (const auto &[child, c] : referencing(table)) {
        // An FK without referenced columns points at the target's primary key.
        const QStringList &refColumns = !c.refColumns.isEmpty() || !target ? c.refColumns
                                                                            : target->primaryKey;
        if (refColumns.contains(column))
            result.append({child, c});
    }
    return result;
}

TableMap::ForeignKeys Schema::referencing(const QString &table) const
{
    return tables.foreignKeysToNow(table);
}

bool Schema::operator==(const Schema &o) const
{
    return tables == o.tables && views == o.views && procedures == o.procedures
           && sequences == o.sequences && enums == o.enums;
}

} // namespace Tideline
