// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemadiff.h"

#include "dialect.h"

#include <QRegularExpression>

#include <algorithm>

namespace Tideline {

namespace {

QString list(const QStringList &columns)
{
    return QLatin1Char('(') + columns.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString nullability(bool nullable)
{
    return nullable ? QStringLiteral("NULL") : QStringLiteral("NOT NULL");
}

QString describe(const Index &index)
{
    return (index.unique ? QStringLiteral("unique index ") : QStringLiteral("index "))
           + index.name + QLatin1Char(' ') + list(index.columns);
}

/** What identifies a constraint across engines; empty for one that is not compared. */
QString constraintKey(const Constraint &c, const QString &dialect)
{
    switch (c.kind) {
    case Constraint::Kind::PrimaryKey:
        return {}; // Table::primaryKey is compared on its own
    case Constraint::Kind::Unique:
        return QStringLiteral("unique ") + list(c.columns);
    case Constraint::Kind::ForeignKey:
        return QStringLiteral("foreign key %1 references %2 %3")
            .arg(list(c.columns), c.refTable, list(c.refColumns));
    case Constraint::Kind::Check:
        if (c.name.isEmpty())
            return {};
        return QStringLiteral("check ") + c.name.toLower();
    }
    return {};
}

/** True when the whole of @p text sits inside one pair of parentheses. */
bool enclosed(const QString &text)
{
    if (!text.startsWith(QLatin1Char('(')) || !text.endsWith(QLatin1Char(')')))
        return false;
    int depth = 0;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch == QLatin1Char('\''))
            quoted = !quoted;
        if (quoted)
            continue;
        if (ch == QLatin1Char('('))
            ++depth;
        else if (ch == QLatin1Char(')') && --depth == 0 && i != text.size() - 1)
            return false;
    }
    return depth == 0;
}

} // namespace

QString SchemaDifference::toString() const
{
    QString line = kind + QLatin1Char(' ') + object;
    if (!expected.isEmpty() || !actual.isEmpty())
        line += QStringLiteral(": expected %1, actual %2")
                    .arg(expected.isEmpty() ? QStringLiteral("nothing") : expected,
                         actual.isEmpty() ? QStringLiteral("nothing") : actual);
    return line;
}

bool SchemaDifference::operator==(const SchemaDifference &other) const
{
    return kind == other.kind && object == other.object && expected == other.expected
           && actual == other.actual;
}

QString SchemaDiff::normalizeType(const QString &type, const QString &dialect)
{
    QString t = type.trimmed().toLower();
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    // No spaces around ( and , nor before ); the one after ) stays: "int(10) unsigned".
    static const QRegularExpression punctuation(QStringLiteral("\\s*([(,])\\s*"));
    static const QRegularExpression closing(QStringLiteral("\\s+\\)"));
    t.replace(spaces, QStringLiteral(" "));
    t.replace(punctuation, QStringLiteral("\\1"));
    t.replace(closing, QStringLiteral(")"));
    if (dialect == QLatin1String("mysql")) {
        if (t == QLatin1String("tinyint(1)"))
            return QStringLiteral("boolean");
        // MySQL before 8.0.17 and MariaDB print display widths: int(11), bigint(20).
        static const QRegularExpression width(
            QStringLiteral("^(tinyint|smallint|mediumint|int|integer|bigint)\\(\\d+\\)"));
        t.replace(width, QStringLiteral("\\1"));
        if (t == QLatin1String("float"))
            return QStringLiteral("real");
    }
    static const QList<QPair<QRegularExpression, QString>> synonyms = {
        {QRegularExpression(QStringLiteral("^(int|int4|integer|serial|serial4)(?=$| )")),
         QStringLiteral("integer")},
        {QRegularExpression(QStringLiteral("^(int8|bigint|bigserial|serial8)(?=$| )")),
         QStringLiteral("bigint")},
        {QRegularExpression(QStringLiteral("^(int2|smallint|smallserial)(?=$| )")),
         QStringLiteral("smallint")},
        {QRegularExpression(QStringLiteral("^character varying")), QStringLiteral("varchar")},
        {QRegularExpression(QStringLiteral("^(character|bpchar)(?=\\(|$)")), QStringLiteral("char")},
        {QRegularExpression(QStringLiteral("^decimal(?=\\(|$)")), QStringLiteral("numeric")},
        {QRegularExpression(QStringLiteral("^bool$")), QStringLiteral("boolean")},
        {QRegularExpression(QStringLiteral("^(double precision|float8|double)$")), QStringLiteral("double")},
        {QRegularExpression(QStringLiteral("^float4$")), QStringLiteral("real")},
        {QRegularExpression(QStringLiteral("^timestamp without time zone")), QStringLiteral("timestamp")},
        {QRegularExpression(QStringLiteral("^(timestamp with time zone|timestamptz)")),
         QStringLiteral("timestamptz")},
    };
    for (const auto &[pattern, replacement] : synonyms) {
        const auto match = pattern.match(t);
        if (match.hasMatch()) {
            t = replacement + t.mid(match.capturedLength(0));
            break;
        }
    }
    return t;
}

QString SchemaDiff::normalizeDefault(const QString &value, const QString &dialect)
{
    Q_UNUSED(dialect)
    QString v = value.trimmed();
    static const QRegularExpression cast(
        QStringLiteral("::[a-z_][a-z0-9_ ]*(\\(\\d+(,\\s*\\d+)?\\))?(\\[\\])?$"),
        QRegularExpression::CaseInsensitiveOption);
    for (;;) {
        const QString before = v;
        if (enclosed(v))
            v = v.mid(1, v.size() - 2).trimmed();
        if (!v.endsWith(QLatin1Char('\'')))
            v.remove(cast);
        v = v.trimmed();
        if (v == before)
            break;
    }
    const bool quoted = v.size() >= 2 && v.startsWith(QLatin1Char('\'')) && v.endsWith(QLatin1Char('\''));
    bool number = false;
    const double numeric = (quoted ? v.mid(1, v.size() - 2) : v).toDouble(&number);
    if (number)
        return QString::number(numeric, 'g', 15);
    if (quoted)
        return v; // a string literal: as written
    v = v.toLower();
    static const QRegularExpression now(
        QStringLiteral("^(now\\(\\)|current_timestamp(\\(\\d*\\))?|localtimestamp(\\(\\d*\\))?)$"));
    if (now.match(v).hasMatch())
        return QStringLiteral("current_timestamp");
    if (v == QLatin1String("true"))
        return QStringLiteral("1");
    if (v == QLatin1String("false"))
        return QStringLiteral("0");
    if (v == QLatin1String("null"))
        return {};
    return v;
}

QList<SchemaDifference> SchemaDiff::compare(const Schema &expected, const Schema &actual,
                                            const QString &dialect)
{
    QList<SchemaDifference> out;
    const Dialect *engine = Dialect::forName(dialect);
    const auto add = [&](const QString &kind, const QString &object, const QString &want,
                         const QString &have) { out.append({kind, object, want, have}); };

    for (const Table &want : expected.tables) {
        if (!actual.tables.contains(want.name))
            add(QStringLiteral("missing_table"), want.name, QStringLiteral("table"), {});
    }
    for (const Table &have : actual.tables) {
        if (!expected.tables.contains(have.name))
            add(QStringLiteral("extra_table"), have.name, {}, QStringLiteral("table"));
    }
    for (const View &want : expected.views) {
        if (!actual.views.contains(want.name))
            add(QStringLiteral("missing_view"), want.name, QStringLiteral("view"), {});
    }
    for (const View &have : actual.views) {
        if (!expected.views.contains(have.name))
            add(QStringLiteral("extra_view"), have.name, {}, QStringLiteral("view"));
    }

    for (const Table &want : expected.tables) {
        const Table *have = actual.table(want.name);
        if (!have)
            continue;
        for (const Column &c : want.columns) {
            const QString object = want.name + QLatin1Char('.') + c.name;
            const Column *h = have->column(c.name);
            if (!h) {
                add(QStringLiteral("missing_column"), object, c.type, {});
                continue;
            }
            const QString haveType = normalizeType(h->type, dialect);
            const QString createdAs = engine ? normalizeType(engine->mapType(c.type), dialect) : QString();
            const bool sameType = normalizeType(c.type, dialect) == haveType
                                  || (engine && (createdAs == haveType
                                                 || createdAs == normalizeType(engine->mapType(h->type), dialect)))
                                  || (c.identity && h->identity);
            if (!sameType)
                add(QStringLiteral("type"), object, c.type, h->type);
            // SQLite's rowid alias (INTEGER PRIMARY KEY) is never NULL, whether declared so or not.
            const bool sqlite = dialect == QLatin1String("sqlite");
            const bool wantNullable = c.nullable && !(c.identity && sqlite);
            const bool haveNullable = h->nullable && !(h->identity && sqlite);
            if (wantNullable != haveNullable)
                add(QStringLiteral("nullable"), object, nullability(wantNullable), nullability(haveNullable));
            if (!c.identity && !h->identity && !c.generated && !h->generated
                && normalizeDefault(c.defaultValue, dialect) != normalizeDefault(h->defaultValue, dialect))
                add(QStringLiteral("default"), object, c.defaultValue, h->defaultValue);
        }
        for (const Column &h : have->columns) {
            if (!want.column(h.name))
                add(QStringLiteral("extra_column"), want.name + QLatin1Char('.') + h.name, {}, h.type);
        }
        if (want.primaryKey != have->primaryKey)
            add(QStringLiteral("primary_key"), want.name,
                want.primaryKey.isEmpty() ? QString() : list(want.primaryKey),
                have->primaryKey.isEmpty() ? QString() : list(have->primaryKey));

        // Indexes: the same name first, then the same columns and uniqueness under another name.
        QList<Index> unmatched = have->indexes;
        QList<Index> missing;
        for (const Index &i : want.indexes) {
            const auto exact = std::find_if(unmatched.begin(), unmatched.end(), [&](const Index &h) {
                return h.columns == i.columns && h.unique == i.unique && h.name == i.name;
            });
            if (exact != unmatched.end())
                unmatched.erase(exact);
            else
                missing.append(i);
        }
        for (const Index &i : std::as_const(missing)) {
            const QString object = want.name + QStringLiteral(" index ") + list(i.columns);
            const auto renamed = std::find_if(unmatched.begin(), unmatched.end(), [&](const Index &h) {
                return h.columns == i.columns && h.unique == i.unique;
            });
            if (renamed != unmatched.end()) {
                add(QStringLiteral("index_name"), object, i.name, renamed->name);
                unmatched.erase(renamed);
            } else {
                add(QStringLiteral("missing_index"), object, describe(i), {});
            }
        }
        for (const Index &h : std::as_const(unmatched))
            add(QStringLiteral("extra_index"), want.name + QStringLiteral(" index ") + list(h.columns), {},
                describe(h));

        // Constraints by kind and columns (CHECKs by name); see the class comment.
        QStringList haveKeys;
        for (const Constraint &c : have->constraints)
            haveKeys << constraintKey(c, dialect);
        for (const Constraint &c : want.constraints) {
            const QString key = constraintKey(c, dialect);
            if (key.isEmpty())
                continue;
            const int at = haveKeys.indexOf(key);
            if (at >= 0)
                haveKeys[at].clear();
            else
                add(QStringLiteral("missing_constraint"), want.name + QLatin1Char(' ') + key,
                    c.name.isEmpty() ? key : c.name, {});
        }
        // An unnamed expected CHECK got a name of the engine's making: live CHECKs are then
        // not reported as extra either.
        const bool unnamedChecks = std::any_of(want.constraints.begin(), want.constraints.end(),
                                               [](const Constraint &c) {
                                                   return c.kind == Constraint::Kind::Check && c.name.isEmpty();
                                               });
        for (int i = 0; i < haveKeys.size(); ++i) {
            const Constraint &c = have->constraints.at(i);
            if (haveKeys.at(i).isEmpty() || (unnamedChecks && c.kind == Constraint::Kind::Check))
                continue;
            add(QStringLiteral("extra_constraint"), want.name + QLatin1Char(' ') + haveKeys.at(i), {},
                c.name.isEmpty() ? haveKeys.at(i) : c.name);
        }
    }
    return out;
}

} // namespace Tideline
