// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlayout.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <vector>

namespace Tideline {

namespace {

/** Where one value sits in the text. An object's items carry their key; an array's do not. */
struct Node
{
    struct Item
    {
        QString key;
        QByteArray keyText; // the key as written, quotes included
        QByteArray pre;     // whitespace after '{', '[' or ',' up to the item
        QByteArray colon;   // from the key's end to its value's start
        int node = -1;
    };
    enum class Kind { Scalar, Object, Array };
    Kind kind = Kind::Scalar;
    qsizetype begin = 0;
    qsizetype end = 0;
    std::vector<Item> items;
    QByteArray close; // whitespace before '}' or ']'
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

QByteArray scalarText(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

/** Spans of a text QJsonDocument has already accepted, so it only has to find its way. */
class Parser
{
public:
    explicit Parser(const QByteArray &text) : m_text(text) {}

    bool parse(QByteArray *leading, int *root, QByteArray *trailing)
    {
        *leading = space();
        *root = value();
        *trailing = space();
        return m_ok && m_pos == m_text.size();
    }
    std::vector<Node> nodes;

private:
    char peek() const { return m_pos < m_text.size() ? m_text.at(m_pos) : '\0'; }
    QByteArray space()
    {
        const qsizetype from = m_pos;
        while (m_pos < m_text.size() && isSpace(m_text.at(m_pos)))
            ++m_pos;
        return m_text.mid(from, m_pos - from);
    }
    bool expect(char c)
    {
        if (peek() != c)
            return m_ok = false;
        ++m_pos;
        return true;
    }
    void skipString()
    {
        if (!expect('"'))
            return;
        while (m_pos < m_text.size() && m_text.at(m_pos) != '"')
            m_pos += m_text.at(m_pos) == '\\' ? 2 : 1;
        expect('"');
    }
    int value()
    {
        const int index = int(nodes.size());
        nodes.emplace_back();
        Node node;
        node.begin = m_pos;
        const char open = peek();
        if (open == '{' || open == '[') {
            node.kind = open == '{' ? Node::Kind::Object : Node::Kind::Array;
            const char close = open == '{' ? '}' : ']';
            ++m_pos;
            QByteArray pre = space();
            bool closed = peek() == close;
            if (closed) {
                node.close = pre;
                ++m_pos;
            }
            while (m_ok && !closed && m_pos < m_text.size()) {
                Node::Item item;
                item.pre = pre;
                if (node.kind == Node::Kind::Object) {
                    const qsizetype keyBegin = m_pos;
                    skipString();
                    item.keyText = m_text.mid(keyBegin, m_pos - keyBegin);
                    item.key = QJsonDocument::fromJson("[" + item.keyText + "]")
                                   .array()
                                   .at(0)
                                   .toString();
                    const qsizetype colonBegin = m_pos;
                    space();
                    expect(':');
                    space();
                    item.colon = m_text.mid(colonBegin, m_pos - colonBegin);
                }
                item.node = value();
                const QByteArray after = space();
                node.items.push_back(item);
                if (peek() == ',') {
                    ++m_pos;
                    pre = space();
                } else if (expect(close)) {
                    node.close = after;
                    closed = true;
                }
            }
        } else if (open == '"') {
            skipString();
        } else {
            while (m_pos < m_text.size() && !isSpace(peek()) && peek() != ','
                   && peek() != ']' && peek() != '}')
                ++m_pos;
            if (m_pos == node.begin)
                m_ok = false;
        }
        node.end = m_pos;
        nodes[size_t(index)] = std::move(node);
        return index;
    }

    const QByteArray &m_text;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

/** Ids that name every element of an array of objects once, so elements are matched by id. */
bool keyedById(const QJsonArray &array)
{
    QSet<QString> ids;
    for (const QJsonValue &element : array) {
        const QString id = element.toObject().value(QLatin1StringView("id")).toString();
        if (id.isEmpty() || ids.contains(id))
            return false;
        ids.insert(id);
    }
    return true;
}

class Writer
{
public:
    Writer(const QByteArray &text, const std::vector<Node> &nodes) : m_text(text), m_nodes(nodes)
    {
        // The indentation unit is the first indented line's; four spaces when nothing is.
        for (qsizetype at = m_text.indexOf('\n'); at >= 0; at = m_text.indexOf('\n', at + 1)) {
            qsizetype end = at + 1;
            while (end < m_text.size() && (m_text.at(end) == ' ' || m_text.at(end) == '\t'))
                ++end;
            if (end > at + 1) {
                m_unit = m_text.mid(at + 1, end - at - 1);
                break;
            }
        }
    }

    QByteArray merge(const QJsonValue &was, const QJsonValue &now, int index,
                     const QByteArray &indent) const
    {
        const Node &node = m_nodes[size_t(index)];
        if (was == now)
            return text(node);
        if (node.kind == Node::Kind::Object && was.isObject() && now.isObject())
            return mergeObject(was.toObject(), now.toObject(), node, indent);
        if (node.kind == Node::Kind::Array && was.isArray() && now.isArray()
            && qsizetype(node.items.size()) == was.toArray().size())
            return mergeArray(was.toArray(), now.toArray(), node, indent);
        return fresh(now, indent);
    }

private:
    struct Part
    {
        QByteArray pre;
        QByteArray body;
    };

    QByteArray text(const Node &node) const { return m_text.mid(node.begin, node.end - node.begin); }

    static QByteArray lineIndent(const QByteArray &pre, const QByteArray &outer)
    {
        const qsizetype newline = pre.lastIndexOf('\n');
        return newline < 0 ? outer : pre.mid(newline + 1);
    }

    /** The whitespace before the item at `position`: the first item's for the first, the
     *  item's own where it kept its place among the others, else its last neighbour's. */
    QByteArray preAt(const Node &node, qsizetype position, int from, const QByteArray &indent) const
    {
        if (node.items.empty())
            return "\n" + indent + m_unit;
        if (position == 0)
            return node.items.front().pre;
        if (from > 0)
            return node.items[size_t(from)].pre;
        return node.items.size() > 1 ? node.items.back().pre : "\n" + indent + m_unit;
    }

    QByteArray join(const Node &node, const QList<Part> &parts, char open, char close,
                    const QByteArray &indent) const
    {
        if (parts.isEmpty())
            return QByteArray() + open + close;
        QByteArray out(1, open);
        for (qsizetype i = 0; i < parts.size(); ++i)
            out += (i ? "," : "") + parts[i].pre + parts[i].body;
        out += node.items.empty() ? "\n" + indent : node.close;
        return out + close;
    }

    QByteArray mergeObject(const QJsonObject &was, const QJsonObject &now, const Node &node,
                           const QByteArray &indent) const
    {
        QList<Part> parts;
        QSet<QString> written;
        for (size_t i = 0; i < node.items.size(); ++i) {
            const Node::Item &item = node.items[i];
            written.insert(item.key);
            const QByteArray pre = preAt(node, parts.size(), int(i), indent);
            if (now.contains(item.key)) {
                parts.append({pre, item.keyText + item.colon
                                       + merge(was.value(item.key), now.value(item.key),
                                               item.node, lineIndent(pre, indent))});
            } else if (!was.contains(item.key)) {
                // Not part of the canonical form: the writer does not know it, so it stays.
                parts.append({pre, item.keyText + item.colon + text(m_nodes[size_t(item.node)])});
            }
        }
        const QByteArray colon = node.items.empty() ? QByteArray(": ") : node.items.back().colon;
        for (auto it = now.constBegin(); it != now.constEnd(); ++it) {
            if (written.contains(it.key()) || was.value(it.key()) == it.value())
                continue; // kept above, or a default the text leaves out
            const QByteArray pre = preAt(node, parts.size(), -1, indent);
            parts.append({pre, scalarText(it.key()) + colon
                                   + fresh(it.value(), lineIndent(pre, indent))});
        }
        return join(node, parts, '{', '}', indent);
    }

    QByteArray mergeArray(const QJsonArray &was, const QJsonArray &now, const Node &node,
                          const QByteArray &indent) const
    {
        const bool byId = keyedById(was) && keyedById(now);
        QList<Part> parts;
        for (qsizetype i = 0; i < now.size(); ++i) {
            int from = -1;
            if (byId) {
                const QJsonValue id = now.at(i).toObject().value(QLatin1StringView("id"));
                for (qsizetype j = 0; j < was.size() && from < 0; ++j) {
                    if (was.at(j).toObject().value(QLatin1StringView("id")) == id)
                        from = int(j);
                }
            } else if (i < was.size()) {
                from = int(i);
            }
            const QByteArray pre = preAt(node, parts.size(), from, indent);
            const QByteArray inner = lineIndent(pre, indent);
            parts.append({pre, from >= 0 ? merge(was.at(from), now.at(i),
                                                 node.items[size_t(from)].node, inner)
                                         : fresh(now.at(i), inner)});
        }
        return join(node, parts, '[', ']', indent);
    }

    /** A value the text has no place for yet, in the text's indentation. */
    QByteArray fresh(const QJsonValue &value, const QByteArray &indent) const
    {
        const QByteArray inner = indent + m_unit;
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            if (object.isEmpty())
                return "{}";
            QByteArray out("{");
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                out += (it == object.constBegin() ? "\n" : ",\n") + inner + scalarText(it.key())
                    + ": " + fresh(it.value(), inner);
            }
            return out + "\n" + indent + "}";
        }
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            if (array.isEmpty())
                return "[]";
            QByteArray out("[");
            for (qsizetype i = 0; i < array.size(); ++i)
                out += (i ? ",\n" : "\n") + inner + fresh(array.at(i), inner);
            return out + "\n" + indent + "]";
        }
        return scalarText(value);
    }

    const QByteArray &m_text;
    const std::vector<Node> &m_nodes;
    QByteArray m_unit = "    ";
};

} // namespace

QByteArray JsonLayout::rewrite(const QByteArray &original, const QJsonObject &was,
                               const QJsonObject &now)
{
    QJsonParseError error;
    if (!QJsonDocument::fromJson(original, &error).isObject())
        return {};
    Parser parser(original);
    QByteArray leading;
    QByteArray trailing;
    int root = -1;
    if (!parser.parse(&leading, &root, &trailing))
        return {};
    const Writer writer(original, parser.nodes);
    return leading + writer.merge(was, now, root, QByteArray()) + trailing;
}

} // namespace Tideline
