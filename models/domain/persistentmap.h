// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QExplicitlySharedDataPointer>
#include <QHashFunctions>
#include <QList>
#include <QMap>
#include <QSharedData>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <iterator>

namespace Tideline {

/**
 * The algorithms of a persistent treap whose priorities hash the names, for any node type with
 * `key`, `priority`, `left` and `right` (children as QExplicitlySharedDataPointer<Node>): a node
 * on the way of a change is copied first when another tree shares it. PersistentMap and
 * TableMap are built on them.
 */
namespace Treap {

template<typename Node>
using Ptr = QExplicitlySharedDataPointer<Node>;

template<typename Node>
bool higher(const Node *a, const Node *b)
{
    return a->priority != b->priority ? a->priority > b->priority : a->key < b->key;
}

template<typename Node>
const Node *find(const Node *n, const QString &key)
{
    while (n) {
        const int c = key.compare(n->key);
        if (c == 0)
            return n;
        n = c < 0 ? n->left.data() : n->right.data();
    }
    return nullptr;
}

template<typename Node>
void split(Ptr<Node> t, const QString &key, Ptr<Node> &left, Ptr<Node> &right)
{
    if (!t) {
        left.reset();
        right.reset();
        return;
    }
    t.detach();
    if (t->key < key) {
        Ptr<Node> r = std::move(t->right);
        split(std::move(r), key, t->right, right);
        left = std::move(t);
    } else {
        Ptr<Node> l = std::move(t->left);
        split(std::move(l), key, left, t->left);
        right = std::move(t);
    }
}

template<typename Node>
void insert(Ptr<Node> &t, Ptr<Node> node)
{
    if (!t) {
        t = std::move(node);
        return;
    }
    if (higher(node.data(), t.data())) {
        split(std::move(t), node->key, node->left, node->right);
        t = std::move(node);
        return;
    }
    t.detach();
    Ptr<Node> &side = node->key < t->key ? t->left : t->right; // before node is moved from
    insert(side, std::move(node));
}

template<typename Node>
Ptr<Node> merge(Ptr<Node> a, Ptr<Node> b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    if (higher(a.data(), b.data())) {
        a.detach();
        a->right = merge(std::move(a->right), std::move(b));
        return a;
    }
    b.detach();
    b->left = merge(std::move(a), std::move(b->left));
    return b;
}

template<typename Node>
void erase(Ptr<Node> &t, const QString &key)
{
    t.detach();
    const int c = key.compare(t->key);
    if (c == 0)
        t = merge(std::move(t->left), std::move(t->right));
    else
        erase(c < 0 ? t->left : t->right, key);
}

/**
 * A position in a tree for in-order walks and look-ups, the one path code of both maps'
 * iterators: the nodes of the path whose left subtree the walk entered, those still to visit;
 * the last is the current node. Empty: the end.
 */
template<typename Node>
class Cursor
{
public:
    const Node *current() const { return m_stack.isEmpty() ? nullptr : m_stack.last(); }
    /** The first node of @p n's subtree (in order), the path to it kept. */
    void descend(const Node *n)
    {
        for (; n; n = n->left.data())
            m_stack.append(n);
    }
    /** The next node in order. */
    void advance()
    {
        const Node *n = m_stack.last();
        m_stack.removeLast();
        descend(n->right.data());
    }
    /** The node of @p key in the tree of @p root, or the end when there is none. */
    void seek(const Node *root, const QString &key)
    {
        m_stack.clear();
        for (const Node *n = root; n;) {
            const int c = key.compare(n->key);
            if (c <= 0)
                m_stack.append(n);
            if (c == 0)
                return;
            n = c < 0 ? n->left.data() : n->right.data();
        }
        m_stack.clear();
    }
    bool operator==(const Cursor &o) const { return current() == o.current(); }

private:
    QVarLengthArray<const Node *, 24> m_stack;
};

} // namespace Treap

/**
 * A map from names to values, in name order, with the part of QMap's interface the engine uses,
 * that shares structure between copies: a persistent treap whose priorities hash the names (so
 * two maps of the same names have the same shape) and whose nodes are implicitly shared.
 * Copying a map copies one pointer; changing one entry of a copy copies that entry's node and
 * the O(log n) nodes above it, not the whole map as QMap's detach does.
 *
 * The engine keeps one such map per application version (AppUsage::tables) and per state's
 * derived indexes (TableMap's foreign-key and name indexes), so each release costs what its
 * steps change. As with Qt's containers, a reference obtained from a non-const access must not
 * be kept across a copy of the map.
 */
template<typename V>
class PersistentMap
{
    struct Node : QSharedData
    {
        QString key;
        V value;
        size_t priority = 0;
        QExplicitlySharedDataPointer<Node> left, right;
    };
    using Ptr = QExplicitlySharedDataPointer<Node>;

public:
    class iterator;
    class const_iterator
    {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = V;
        using difference_type = qptrdiff;
        using pointer = const V *;
        using reference = const V &;

        const_iterator() = default;
        const QString &key() const { return m_at.current()->key; }
        const V &value() const { return m_at.current()->value; }
        const V &operator*() const { return value(); }
        const V *operator->() const { return &value(); }
        const_iterator &operator++()
        {
            m_at.advance();
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator old = *this;
            ++*this;
            return old;
        }
        bool operator==(const const_iterator &o) const { return m_at == o.m_at; }
        bool operator!=(const const_iterator &o) const { return !(*this == o); }
        /** Against a position for writing: both at the end, or at the same name. (Lets a
         *  range-for over a non-const map read it with const_iterator from begin() and the
         *  iterator of end(), without copying a node.) */
        bool operator==(const iterator &o) const
        {
            return o.m_end ? !m_at.current() : m_at.current() && m_at.current()->key == o.m_key;
        }
        bool operator!=(const iterator &o) const { return !(*this == o); }

    private:
        friend class PersistentMap;
        Treap::Cursor<Node> m_at;
    };

    /** A position by name for writing, as QMap's find() gives: dereferencing copies the
     *  entry's node (and those above it) if another map shares it. Only find() and end() hand
     *  one out; walks use const_iterator. */
    class iterator
    {
    public:
        iterator() = default;
        const QString &key() const { return m_key; }
        V &value() const { return *m_map->mutableValue(m_key); }
        V &operator*() const { return value(); }
        V *operator->() const { return &value(); }
        bool operator==(const iterator &o) const { return m_end == o.m_end && (m_end || m_key == o.m_key); }
        bool operator!=(const iterator &o) const { return !(*this == o); }

    private:
        friend class PersistentMap;
        friend class const_iterator;
        PersistentMap *m_map = nullptr;
        QString m_key;
        bool m_end = true;
    };

    PersistentMap() = default;
    PersistentMap(std::initializer_list<std::pair<QString, V>> list)
    {
        for (const auto &[key, value] : list)
            insert(key, value);
    }

    qsizetype size() const { return m_size; }
    qsizetype count() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    bool empty() const { return m_size == 0; }
    bool contains(const QString &key) const { return findNode(key) != nullptr; }
    V value(const QString &key, const V &defaultValue = V()) const
    {
        const Node *n = findNode(key);
        return n ? n->value : defaultValue;
    }
    /** The value of @p key, or nullptr: no copy. */
    const V *find(const QString &key) const
    {
        const Node *n = findNode(key);
        return n ? &n->value : nullptr;
    }
    const V operator[](const QString &key) const { return value(key); }
    V &operator[](const QString &key)
    {
        if (V *v = mutableValue(key))
            return *v;
        insert(key, V());
        return *mutableValue(key);
    }
    QStringList keys() const
    {
        QStringList result;
        result.reserve(m_size);
        for (auto it = cbegin(); it != cend(); ++it)
            result.append(it.key());
        return result;
    }
    QList<V> values() const
    {
        QList<V> result;
        result.reserve(m_size);
        for (auto it = cbegin(); it != cend(); ++it)
            result.append(it.value());
        return result;
    }
    /** The value of the first name; the map must not be empty. */
    const V &first() const { return cbegin().value(); }
    /** As a QMap, for interfaces that take one. */
    operator QMap<QString, V>() const { return toMap(); }
    QMap<QString, V> toMap() const
    {
        QMap<QString, V> result;
        for (auto it = cbegin(); it != cend(); ++it)
            result.insert(result.cend(), it.key(), it.value());
        return result;
    }
    static PersistentMap fromMap(const QMap<QString, V> &map)
    {
        PersistentMap result;
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            result.insert(it.key(), it.value());
        return result;
    }

    /** The value of @p key for writing (its node and the nodes above it copied first if
     *  shared); nullptr when there is none. */
    V *mutableValue(const QString &key)
    {
        if (!findNode(key))
            return nullptr;
        Ptr *p = &m_root;
        while (true) {
            p->detach();
            Node *n = p->data();
            const int c = key.compare(n->key);
            if (c == 0)
                return &n->value;
            p = c < 0 ? &n->left : &n->right;
        }
    }
    void insert(const QString &key, const V &value)
    {
        if (V *existing = mutableValue(key)) {
            *existing = value;
            return;
        }
        Ptr node(new Node);
        node->key = key;
        node->value = value;
        node->priority = qHash(key, size_t(0x9e3779b9));
        Treap::insert(m_root, std::move(node));
        ++m_size;
    }
    qsizetype remove(const QString &key)
    {
        if (!findNode(key))
            return 0;
        Treap::erase(m_root, key);
        --m_size;
        return 1;
    }
    V take(const QString &key)
    {
        const Node *n = findNode(key);
        if (!n)
            return V();
        V result = n->value;
        remove(key);
        return result;
    }
    void clear()
    {
        m_root.reset();
        m_size = 0;
    }

    const_iterator begin() const { return cbegin(); }
    const_iterator end() const { return cend(); }
    const_iterator cbegin() const
    {
        const_iterator it;
        it.m_at.descend(m_root.data());
        return it;
    }
    const_iterator cend() const { return {}; }
    const_iterator constBegin() const { return cbegin(); }
    const_iterator constEnd() const { return {}; }
    const_iterator constFind(const QString &key) const
    {
        const_iterator it;
        it.m_at.seek(m_root.data(), key);
        return it;
    }
    /** The position of @p key for writing, or end(). */
    iterator find(const QString &key)
    {
        iterator it;
        if (findNode(key)) {
            it.m_map = this;
            it.m_key = key;
            it.m_end = false;
        }
        return it;
    }
    iterator end() { return {}; }

    bool operator==(const PersistentMap &o) const
    {
        if (m_size != o.m_size)
            return false;
        // Same names, same shape: shared subtrees are equal without a look inside.
        return equal(m_root.data(), o.m_root.data());
    }
    bool operator!=(const PersistentMap &o) const { return !(*this == o); }

private:
    const Node *findNode(const QString &key) const { return Treap::find(m_root.data(), key); }
    static bool equal(const Node *a, const Node *b)
    {
        if (a == b)
            return true;
        if (!a || !b || a->key != b->key)
            return false;
        return a->value == b->value && equal(a->left.data(), b->left.data())
               && equal(a->right.data(), b->right.data());
    }
    Ptr m_root;
    qsizetype m_size = 0;
};

} // namespace Tideline
