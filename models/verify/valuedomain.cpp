// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "valuedomain.h"

#include <engine/compatibility.h>
#include <sql/dialect.h>

#include <QDateTime>
#include <QHash>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace Tideline {

namespace {

using Kind = ValueDomain::Kind;

/** More distinct values than any sample asks for: a stream that never repeats. */
constexpr qint64 Unbounded = -1;
constexpr qint64 Many = qint64(1) << 40;

struct ParsedType
{
    QString base;     // lower case, modifiers removed: "varchar", "timestamp", "integer"
    QString name;     // as written, without arguments (enum type names keep their case)
    QStringList args; // inside the parentheses, split at top-level commas, as written
    bool isUnsigned = false;
    bool array = false;
};

/** Splits @p text at commas outside quotes. */
QStringList splitArguments(const QString &text)
{
    QStringList parts;
    QString current;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch == QLatin1Char('\''))
            quoted = !quoted;
        if (ch == QLatin1Char(',') && !quoted) {
            parts << current.trimmed();
            current.clear();
        } else {
            current += ch;
        }
    }
    if (!current.trimmed().isEmpty())
        parts << current.trimmed();
    return parts;
}

ParsedType parse(const QString &type)
{
    ParsedType p;
    QString t = type.simplified();
    while (t.endsWith(QLatin1String("[]"))) {
        p.array = true;
        t.chop(2);
        t = t.trimmed();
    }
    QString head = t, rest;
    const int open = t.indexOf(QLatin1Char('('));
    if (open >= 0) {
        int depth = 0, close = -1;
        bool quoted = false;
        for (int i = open; i < t.size() && close < 0; ++i) {
            const QChar ch = t.at(i);
            if (ch == QLatin1Char('\''))
                quoted = !quoted;
            else if (!quoted && ch == QLatin1Char('('))
                ++depth;
            else if (!quoted && ch == QLatin1Char(')') && --depth == 0)
                close = i;
        }
        if (close > open) {
            head = t.left(open);
            p.args = splitArguments(t.mid(open + 1, close - open - 1));
            rest = t.mid(close + 1);
        }
    }
    QString words = (head + QLatin1Char(' ') + rest).toLower();
    static const QRegularExpression sign(QStringLiteral(R"(\bunsigned\b)"));
    p.isUnsigned = words.contains(sign);
    // Modifiers that do not change which values fit: signs, zerofill, character sets,
    // collations, time zones (timestamptz keeps its own name), array markers.
    static const QRegularExpression modifiers(QStringLiteral(
        R"(\b(unsigned|signed|zerofill)\b|\b(character set|charset|collate)\s+\S+|\bwithout time zone\b)"));
    head = head.toLower();
    head.remove(modifiers);
    p.base = head.simplified();
    if (words.contains(QLatin1String("with time zone")) && p.base.startsWith(QLatin1String("timestamp")))
        p.base = QStringLiteral("timestamptz");
    else if (words.contains(QLatin1String("with time zone")) && p.base.startsWith(QLatin1String("time")))
        p.base = QStringLiteral("timetz");
    p.base.remove(QStringLiteral(" with time zone"));
    p.name = t.left(open >= 0 ? open : t.size()).trimmed();
    return p;
}

bool oneOf(const QString &base, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        if (base == QLatin1String(name))
            return true;
    }
    return false;
}

/** The enum type @p name names in @p schema (quotes and a schema prefix ignored). */
const EnumType *enumNamed(const Schema &schema, QString name)
{
    name.remove(QLatin1Char('"'));
    if (name.contains(QLatin1Char('.')))
        name = name.section(QLatin1Char('.'), -1);
    const auto exact = schema.enums.constFind(name);
    if (exact != schema.enums.cend())
        return &exact.value();
    for (const EnumType &e : schema.enums) {
        if (e.name.compare(name, Qt::CaseInsensitive) == 0)
            return &e;
    }
    return nullptr;
}

QString unquoteLabel(QString label)
{
    label = label.trimmed();
    if (label.size() >= 2 && label.startsWith(QLatin1Char('\'')) && label.endsWith(QLatin1Char('\'')))
        label = label.mid(1, label.size() - 2);
    return label.replace(QStringLiteral("''"), QStringLiteral("'"));
}

qint64 power(qint64 base, int exponent)
{
    qint64 result = 1;
    for (int i = 0; i < exponent; ++i) {
        if (result > Many)
            return Many;
        result *= base;
    }
    return result;
}

/** @p text as exactly @p width characters: padded on the left, or its last @p width ones. */
QString exactly(const QString &text, int width, QChar pad)
{
    return width <= 0 ? text : text.rightJustified(width, pad).right(width);
}

/** @p value in base 36 (digits, then lower-case letters): exactly @p width characters, or as
 *  many as it takes when @p width is 0. */
QString base36(qint64 value, int width)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    QString out;
    qint64 v = qAbs(value);
    do {
        out.prepend(QLatin1Char(digits[v % 36]));
        v /= 36;
    } while (v > 0);
    return exactly(out, width, QLatin1Char('0'));
}

/** @p value in letters only, a-z, @p width characters. */
QString letters(qint64 value, int width)
{
    QString out;
    qint64 v = qAbs(value);
    for (int i = 0; i < width; ++i) {
        out.prepend(QLatin1Char(char('a' + v % 26)));
        v /= 26;
    }
    return out;
}

/** Wraps @p value into [lo, hi] (a stream that runs past the type's end starts again). */
qint64 wrap(qint64 value, qint64 lo, qint64 hi)
{
    if (value >= lo && value <= hi)
        return value;
    // In 128 bits: the span of a wide range overflows qint64.
    const __int128 span = __int128(hi) - lo + 1;
    if (span <= 0)
        return value;
    __int128 offset = (__int128(value) - lo) % span;
    if (offset < 0)
        offset += span;
    return qint64(lo + offset);
}

const QDateTime Epoch(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

} // namespace

ValueDomain ValueDomain::of(const QString &type, const Schema &schema, const Dialect &dialect)
{
    ValueDomain d;
    d.m_dialect = &dialect;
    d.m_engine = dialect.name();
    const ParsedType p = parse(type);
    const bool postgres = d.m_engine == QLatin1String("postgresql");
    const bool mysql = d.m_engine == QLatin1String("mysql");
    if (postgres)
        d.m_castType = type.simplified();
    if (p.array) {
        d.m_kind = Kind::Array;
        d.m_element = std::make_shared<ValueDomain>(of(p.name + (p.args.isEmpty() ? QString() : QLatin1Char('(') + p.args.join(QLatin1Char(',')) + QLatin1Char(')')), schema, dialect));
        return d;
    }
    const QString base = Compatibility::normalizeType(p.base);
    const int first = p.args.isEmpty() ? -1 : p.args.first().toInt();
    const auto sized = [&](int fallback) {
        bool ok = false;
        const int n = p.args.isEmpty() ? fallback : p.args.first().toInt(&ok);
        return p.args.isEmpty() || ok ? n : -1; // varchar(max): no limit
    };

    qint64 lo = 0;
    quint64 hi = 0;
    const QString integerType = base + (p.isUnsigned ? QStringLiteral(" unsigned") : QString());
    if (Compatibility::integerRange(integerType, &lo, &hi)
        || (!dialect.enforcesColumnTypes() && base.contains(QLatin1String("int")) // any int holds 64 bits
            && Compatibility::integerRange(QStringLiteral("bigint"), &lo, &hi))) {
        d.m_kind = Kind::Integer;
        d.m_min = lo;
        d.m_max = hi > quint64(std::numeric_limits<qint64>::max()) ? std::numeric_limits<qint64>::max() : qint64(hi);
        if (postgres && base.endsWith(QLatin1String("serial")))
            d.m_castType = base == QLatin1String("bigserial") ? QStringLiteral("bigint")
                           : base == QLatin1String("smallserial") ? QStringLiteral("smallint")
                                                                 : QStringLiteral("integer");
        if (mysql && base == QLatin1String("tinyint") && first == 1 && !p.isUnsigned)
            d.m_kind = Kind::Boolean; // MySQL's BOOLEAN
    } else if (oneOf(base, {"numeric", "dec", "fixed", "number"})) {
        d.m_kind = Kind::Decimal;
        // MySQL's DECIMAL without arguments is DECIMAL(10,0); elsewhere it has no limit.
        const int precision = qMin(p.args.isEmpty() ? (mysql ? 10 : 15) : first, 18);
        d.m_scale = qBound(0, p.args.value(1).toInt(), precision);
        d.m_max = power(10, precision) - 1;
        d.m_min = p.isUnsigned ? 0 : -d.m_max;
    } else if (oneOf(base, {"real", "double", "float", "float4", "float8", "smallmoney"})) {
        d.m_kind = Kind::Float;
        d.m_scale = base == QLatin1String("real") || base == QLatin1String("float4") ? 38 : 300; // largest exponent
        d.m_min = p.isUnsigned ? 0 : -1;
    } else if (oneOf(base, {"boolean", "bool"}) || (base == QLatin1String("bit") && d.m_engine == QLatin1String("sqlserver"))) {
        d.m_kind = Kind::Boolean;
    } else if (oneOf(base, {"bit", "bit varying", "varbit"})) {
        d.m_kind = Kind::Bit;
        d.m_length = qBound(1, sized(1), 62);
        d.m_fixed = base == QLatin1String("bit") && postgres;
    } else if (oneOf(base, {"varchar", "nvarchar", "varchar2", "nvarchar2", "text", "ntext", "clob", "citext", "string",
                            "mediumtext", "longtext", "tinytext", "name", "tsvector"})) {
        d.m_kind = Kind::Text;
        d.m_length = sized(-1);
        if (p.args.isEmpty() && base == QLatin1String("tinytext"))
            d.m_length = 255;
        else if (p.args.isEmpty() && mysql && base == QLatin1String("text"))
            d.m_length = 65535;
        else if (p.args.isEmpty() && base == QLatin1String("name"))
            d.m_length = 63;
    } else if (oneOf(base, {"char", "nchar"})) {
        d.m_kind = Kind::Text;
        d.m_length = sized(1);
        d.m_fixed = true;
    } else if (oneOf(base, {"bytea", "blob", "longblob", "mediumblob", "tinyblob", "image", "varbinary", "binary"})) {
        d.m_kind = Kind::Binary;
        d.m_length = base == QLatin1String("tinyblob") ? 255 : oneOf(base, {"varbinary", "binary"}) ? sized(1) : -1;
        d.m_fixed = base == QLatin1String("binary");
    } else if (base == QLatin1String("date")) {
        d.m_kind = Kind::Date;
    } else if (oneOf(base, {"time", "timetz"})) {
        d.m_kind = Kind::Time;
    } else if (oneOf(base, {"timestamp", "timestamptz", "datetime", "datetime2", "smalldatetime", "datetimeoffset"})) {
        d.m_kind = Kind::Timestamp;
    } else if (base == QLatin1String("year")) {
        d.m_kind = Kind::Year;
        d.m_min = 1901;
        d.m_max = 2155;
    } else if (oneOf(base, {"uuid", "uniqueidentifier"})) {
        d.m_kind = Kind::Uuid;
    } else if (oneOf(base, {"json", "jsonb"})) {
        d.m_kind = Kind::Json;
    } else if (oneOf(base, {"enum", "set"}) && !p.args.isEmpty()) {
        d.m_kind = base == QLatin1String("enum") ? Kind::Enum : Kind::Set;
        for (const QString &label : p.args)
            d.m_labels << unquoteLabel(label);
    } else if (base == QLatin1String("inet")) {
        d.m_kind = Kind::Inet;
    } else if (base == QLatin1String("cidr")) {
        d.m_kind = Kind::Cidr;
    } else if (oneOf(base, {"macaddr", "macaddr8"})) {
        d.m_kind = Kind::MacAddr;
    } else if (base.startsWith(QLatin1String("interval"))) {
        d.m_kind = Kind::Interval;
    } else if (base == QLatin1String("money")) {
        d.m_kind = Kind::Money;
    } else if (base == QLatin1String("xml")) {
        d.m_kind = Kind::Xml;
    } else if (const EnumType *named = enumNamed(schema, p.name)) {
        d.m_kind = Kind::Enum;
        d.m_labels = named->values;
        if (postgres)
            d.m_castType = dialect.quoteIdentifier(named->name);
    }
    return d;
}

qint64 ValueDomain::cardinality() const
{
    switch (m_kind) {
    case Kind::Integer:
    case Kind::Decimal:
    case Kind::Year:
    {
        // In 128 bits: a bigint's whole range overflows a difference in qint64.
        const __int128 span = __int128(m_max) - m_min;
        return span >= Many ? Unbounded : qint64(span) + 1;
    }
    case Kind::Boolean:
        return 2;
    case Kind::Bit:
        return power(2, m_length);
    case Kind::Text:
        return m_length < 0 || m_length >= 12 ? Unbounded : power(36, m_length);
    case Kind::Binary:
        return m_length < 0 || m_length >= 4 ? Unbounded : power(256, m_length);
    case Kind::Date:
        return 2'900'000;
    case Kind::Time:
        return 86'400;
    case Kind::Timestamp:
        return 100'000'000;
    case Kind::Enum:
        return m_labels.size();
    case Kind::Set:
        return m_labels.size() >= 40 ? Unbounded : power(2, int(m_labels.size())) - 1;
    case Kind::Inet:
    case Kind::MacAddr:
        return 1 << 24;
    case Kind::Cidr:
        return 1 << 16;
    case Kind::Array:
        return m_element ? m_element->cardinality() : Unbounded;
    case Kind::Float:
    case Kind::Uuid:
    case Kind::Json:
    case Kind::Interval:
    case Kind::Money:
    case Kind::Xml:
    case Kind::Unknown:
        return Unbounded;
    }
    return Unbounded;
}

QString ValueDomain::string(const QString &text) const
{
    return m_dialect->quoteString(text);
}

QString ValueDomain::bytes(const QString &hex) const
{
    return m_dialect->binaryLiteral(hex);
}

QString ValueDomain::integerLiteral(qint64 value) const
{
    return QString::number(value);
}

QString ValueDomain::decimalLiteral(qint64 units) const
{
    if (m_scale <= 0)
        return QString::number(units);
    const qint64 unit = power(10, m_scale);
    const QString sign = units < 0 ? QStringLiteral("-") : QString();
    const qint64 magnitude = qAbs(units);
    return sign + QString::number(magnitude / unit) + QLatin1Char('.')
           + QString::number(magnitude % unit).rightJustified(m_scale, QLatin1Char('0'));
}

QString ValueDomain::textValue(qint64 i, int width) const
{
    // Short types count in base 36 over their whole width; others write "v<number>".
    if (width >= 0 && width < 12)
        return base36(i, width);
    return QStringLiteral("v") + QString::number(i + 1);
}

QString ValueDomain::literalAt(qint64 i) const
{
    switch (m_kind) {
    case Kind::Integer:
        return integerLiteral(wrap(qMax<qint64>(m_min, 1) + i, m_min, m_max));
    case Kind::Decimal:
        return decimalLiteral(wrap(qMax<qint64>(m_min, 1) + i, m_min, m_max));
    case Kind::Float:
        return QString::number(i + 1) + QStringLiteral(".25");
    case Kind::Year:
        return integerLiteral(wrap(2026 + i, m_min, m_max));
    case Kind::Boolean:
        return m_dialect->booleanLiteral(i % 2 == 0);
    case Kind::Bit: {
        const QString bits = QString::number(i % power(2, m_length), 2).rightJustified(m_length, QLatin1Char('0'));
        return m_dialect->bitLiteral(bits);
    }
    case Kind::Text:
        return string(textValue(i, m_length));
    case Kind::Binary: {
        const int bytes = m_fixed || (m_length >= 0 && m_length < 4) ? qMax(m_length, 1) : 4;
        return this->bytes(exactly(QString::number(quint64(i + 1), 16), bytes * 2, QLatin1Char('0')));
    }
    case Kind::Date:
        return string(Epoch.date().addDays(i % 2'900'000).toString(Qt::ISODate));
    case Kind::Time:
        return string(QTime(0, 0).addSecs(int(i % 86'400)).toString(Qt::ISODate));
    case Kind::Timestamp:
        return string(Epoch.addSecs(i % 100'000'000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    case Kind::Uuid:
        return string(QStringLiteral("00000000-0000-4000-8000-%1").arg(quint64(i) & 0xffffffffffffULL, 12, 16, QLatin1Char('0')));
    case Kind::Json:
        return string(QStringLiteral("{\"n\": %1}").arg(i + 1));
    case Kind::Enum:
        return m_labels.isEmpty() ? QStringLiteral("NULL") : string(m_labels.at(int(i % m_labels.size())));
    case Kind::Set: {
        const qint64 mask = i % cardinality() + 1;
        QStringList chosen;
        for (int b = 0; b < m_labels.size() && b < 62; ++b) {
            if (mask & (qint64(1) << b))
                chosen << m_labels.at(b);
        }
        return string(chosen.join(QLatin1Char(',')));
    }
    case Kind::Inet:
        return string(QStringLiteral("10.%1.%2.%3").arg((i >> 16) & 255).arg((i >> 8) & 255).arg(i & 255));
    case Kind::Cidr:
        return string(QStringLiteral("10.%1.%2.0/24").arg((i >> 8) & 255).arg(i & 255));
    case Kind::MacAddr:
        return string(QStringLiteral("08:00:2b:%1:%2:%3")
                          .arg((i >> 16) & 255, 2, 16, QLatin1Char('0'))
                          .arg((i >> 8) & 255, 2, 16, QLatin1Char('0'))
                          .arg(i & 255, 2, 16, QLatin1Char('0')));
    case Kind::Interval:
        return string(QStringLiteral("%1 seconds").arg(i + 1));
    case Kind::Money:
        return string(QStringLiteral("%1.25").arg(i + 1));
    case Kind::Xml:
        return string(QStringLiteral("<v n=\"%1\"/>").arg(i + 1));
    case Kind::Array: {
        if (!m_element)
            return string(QStringLiteral("{}"));
        QString element = m_element->literalAt(i);
        if (element.startsWith(QLatin1Char('\'')) && element.endsWith(QLatin1Char('\''))) {
            element = element.mid(1, element.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
            element = QLatin1Char('"') + element.replace(QLatin1Char('"'), QStringLiteral("\\\"")) + QLatin1Char('"');
        }
        return string(QLatin1Char('{') + element + QLatin1Char('}'));
    }
    case Kind::Unknown:
        return string(textValue(i, -1));
    }
    return QStringLiteral("NULL");
}

ValueStream ValueDomain::plain() const
{
    const ValueDomain self = *this;
    return {QStringLiteral("plain"), cardinality(), [self](qint64 i) { return self.literalAt(i); }};
}

ValueStream ValueDomain::numbers(const QString &name, qint64 start, int step) const
{
    const ValueDomain self = *this;
    const __int128 span = __int128(m_max) - m_min + 1;
    return {name, span > 0 && span < Many ? qint64(span) : Unbounded, [self, start, step](qint64 i) {
                const qint64 v = wrap(start + step * i, self.m_min, self.m_max);
                return self.m_kind == Kind::Decimal ? self.decimalLiteral(v) : self.integerLiteral(v);
            }};
}

ValueStream ValueDomain::constant(const QString &name, const QString &literal) const
{
    return {name, 1, [literal](qint64) { return literal; }};
}

QString ValueDomain::widest(qint64 n, bool low, int atLeast) const
{
    if (m_kind == Kind::Integer || m_kind == Kind::Decimal || m_kind == Kind::Year) {
        const qint64 v = low ? m_min + n % 100 : m_max - n % 100;
        return m_kind == Kind::Decimal ? decimalLiteral(v) : integerLiteral(v);
    }
    if (m_kind == Kind::Float) {
        if (low && m_min == 0)
            return QStringLiteral("0");
        return QStringLiteral("%1%2.0e%3").arg(low ? QStringLiteral("-") : QString()).arg(1 + n % 3).arg(m_scale);
    }
    if (m_kind == Kind::Text) {
        const int width = m_length >= 0 ? m_length : qMax(atLeast, 40);
        if (width < 12)
            return string(base36(n, width));
        return string((QStringLiteral("w") + QString::number(n)).leftJustified(width, QLatin1Char('x'), true));
    }
    if (m_kind == Kind::Binary) {
        const int bytes = m_length >= 0 ? m_length : qMax(atLeast, 8);
        return this->bytes(exactly(QString::number(quint64(n), 16), bytes * 2, QLatin1Char('f')));
    }
    return literalAt(n); // the other types have no width to fill
}

QString ValueDomain::sqliteOverflow(const QString &quoted) const
{
    if (m_kind == Kind::Text && m_length >= 0)
        return QStringLiteral("length(%1) > %2").arg(quoted).arg(m_length);
    if (!isNumber())
        return {};
    // A number column keeps a string that reads as no number: the other engines refuse it.
    QString overflow = QStringLiteral("typeof(%1) IN ('text', 'blob')").arg(quoted);
    // Integers of SQLite's own width need no range.
    if (m_kind == Kind::Integer
        && (m_min != std::numeric_limits<qint64>::min() || m_max != std::numeric_limits<qint64>::max()))
        overflow += QStringLiteral(" OR (typeof(%1) = 'integer' AND (%1 < %2 OR %1 > %3))").arg(quoted).arg(m_min).arg(m_max);
    if (m_kind == Kind::Decimal)
        overflow += QStringLiteral(" OR (typeof(%1) IN ('integer', 'real') AND abs(%1) >= %2)").arg(quoted, decimalLiteral(m_max + 1));
    return QLatin1Char('(') + overflow + QLatin1Char(')');
}

QStringList ValueDomain::stringsIn(const QString &sql)
{
    static const QRegularExpression literal(QStringLiteral("'((?:[^']|'')*)'"));
    QStringList out;
    for (const auto &m : literal.globalMatch(sql)) {
        const QString text = m.captured(1).replace(QStringLiteral("''"), QStringLiteral("'"));
        if (!out.contains(text))
            out << text;
    }
    return out;
}

QStringList ValueDomain::numbersIn(const QString &sql)
{
    static const QRegularExpression literal(QStringLiteral("'(?:[^']|'')*'"));
    static const QRegularExpression number(QStringLiteral(R"((?<![\w.$"`\]])-?\d+(?:\.\d+)?(?![\w.]))"));
    QString bare = sql;
    bare.replace(literal, QStringLiteral("''"));
    QStringList out;
    for (const auto &m : number.globalMatch(bare)) {
        if (!out.contains(m.captured(0)))
            out << m.captured(0);
    }
    return out;
}

QList<ValueStream> ValueDomain::candidates(const QString &check, bool distinct) const
{
    QList<ValueStream> out;
    const QStringList numbers = numbersIn(check).mid(0, 8);
    const QStringList strings = stringsIn(check).mid(0, 12);
    const auto add = [&](const ValueStream &s) {
        if (!distinct || s.cardinality != 1)
            out << s;
    };
    // Each literal of the CHECK in turn: values a key can combine with its other columns.
    const auto cycle = [&](const QString &name, const QStringList &literals) {
        if (literals.size() > 1)
            add({name, literals.size(), [literals](qint64 i) { return literals.at(int(i % literals.size())); }});
    };
    switch (m_kind) {
    case Kind::Integer:
    case Kind::Decimal:
    case Kind::Year: {
        const qint64 unit = m_kind == Kind::Decimal ? power(10, m_scale) : 1;
        QList<qint64> anchors;
        for (const QString &text : numbers) {
            bool ok = false;
            const double value = text.toDouble(&ok);
            if (ok && std::abs(value) < 1e15)
                anchors << qint64(std::llround(value * double(unit)));
        }
        QStringList cycled;
        for (const qint64 a : std::as_const(anchors))
            cycled << (m_kind == Kind::Decimal ? decimalLiteral(a) : integerLiteral(a));
        cycle(QStringLiteral("one of the CHECK's numbers"), cycled);
        for (const qint64 a : std::as_const(anchors)) {
            add(constant(QStringLiteral("= %1").arg(a), m_kind == Kind::Decimal ? decimalLiteral(a) : integerLiteral(a)));
            add(constant(QStringLiteral("= %1").arg(a + unit), m_kind == Kind::Decimal ? decimalLiteral(a + unit) : integerLiteral(a + unit)));
            add(constant(QStringLiteral("= %1").arg(a - unit), m_kind == Kind::Decimal ? decimalLiteral(a - unit) : integerLiteral(a - unit)));
            add(this->numbers(QStringLiteral("from %1").arg(a), a, 1));
            add(this->numbers(QStringLiteral("from %1").arg(a + 1), a + 1, 1));
            add(this->numbers(QStringLiteral("down from %1").arg(a), a, -1));
            add(this->numbers(QStringLiteral("down from %1").arg(a - 1), a - 1, -1));
        }
        add(this->numbers(QStringLiteral("from 2"), 2 * unit, 1));
        add(this->numbers(QStringLiteral("from 0"), 0, 1));
        add(this->numbers(QStringLiteral("down from -1"), -unit, -1));
        add(constant(QStringLiteral("= 0"), m_kind == Kind::Decimal ? decimalLiteral(0) : integerLiteral(0)));
        break;
    }
    case Kind::Float:
        for (const QString &n : numbers)
            add(constant(QStringLiteral("= ") + n, n));
        break;
    case Kind::Text: {
        const int width = m_length;
        const auto fit = [width](QString s) { return width >= 0 ? s.left(width) : s; };
        QStringList cycled;
        for (const QString &s : strings)
            cycled << string(fit(s));
        cycle(QStringLiteral("one of the CHECK's strings"), cycled);
        for (const QString &s : strings) {
            add(constant(QStringLiteral("'%1'").arg(s), string(fit(s))));
            const ValueDomain self = *this;
            if (s.contains(QLatin1Char('%')) || s.contains(QLatin1Char('_'))) {
                add({QStringLiteral("like '%1'").arg(s), Unbounded, [self, s, fit](qint64 i) {
                         QString v = s;
                         v.replace(QLatin1Char('_'), QLatin1Char('x'));
                         v.replace(QLatin1Char('%'), base36(i, 0));
                         return self.string(fit(v));
                     }});
            }
            if (width < 0 || s.size() < width) {
                add({QStringLiteral("'%1' + n").arg(s), Unbounded,
                     [self, s, fit](qint64 i) { return self.string(fit(s + base36(i, 0))); }});
                add({QStringLiteral("n + '%1'").arg(s), Unbounded, [self, s, width](qint64 i) {
                         const QString n = base36(i, 0);
                         return self.string(width >= 0 ? n.right(width - s.size()) + s : n + s);
                     }});
            }
        }
        const ValueDomain self = *this;
        for (const QString &text : numbers) {
            const int n = text.toInt();
            if (n > 0 && n <= 64 && (width < 0 || n <= width)) {
                add({QStringLiteral("%1 characters").arg(n), n < 12 ? power(36, n) : Unbounded,
                     [self, n](qint64 i) { return self.string(n < 12 ? base36(i, n) : QStringLiteral("v%1").arg(i + 1).leftJustified(n, QLatin1Char('v'))); }});
            }
        }
        const int wide = width >= 0 && width < 12 ? width : 6;
        add({QStringLiteral("upper case"), Unbounded, [self](qint64 i) { return self.plain().at(i).toUpper(); }});
        add({QStringLiteral("letters"), power(26, wide), [self, wide](qint64 i) { return self.string(letters(i, wide)); }});
        add({QStringLiteral("upper-case letters"), power(26, wide),
             [self, wide](qint64 i) { return self.string(letters(i, wide).toUpper()); }});
        add({QStringLiteral("digits"), power(10, wide), [self, wide](qint64 i) {
                 return self.string(exactly(QString::number(i + 1), wide, QLatin1Char('0')));
             }});
        break;
    }
    case Kind::Date:
    case Kind::Timestamp: {
        // Next to another date column (starts < ends): the plain values a day or a year apart.
        const ValueDomain self = *this;
        for (const qint64 shift : {qint64(1), qint64(-1), qint64(400), qint64(-400)}) {
            add({QStringLiteral("plain %1%2").arg(shift > 0 ? QStringLiteral("+") : QString()).arg(shift), cardinality(),
                 [self, shift](qint64 i) { return self.literalAt(i + shift * (self.m_kind == Kind::Date ? 1 : 86'400)); }});
        }
        for (const QString &s : strings) {
            QDateTime at = QDateTime::fromString(s, Qt::ISODate);
            if (!at.isValid())
                at = QDateTime(QDate::fromString(s, Qt::ISODate), QTime(0, 0));
            if (!at.isValid())
                continue;
            at.setTimeSpec(Qt::UTC);
            const bool date = m_kind == Kind::Date;
            const auto text = [date](const QDateTime &t) {
                return date ? t.date().toString(Qt::ISODate) : t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            };
            add(constant(QStringLiteral("'%1'").arg(s), string(text(at))));
            for (const int direction : {1, -1}) {
                add({QStringLiteral("%1 %2").arg(direction > 0 ? QStringLiteral("after") : QStringLiteral("before"), s),
                     Unbounded, [self, at, date, direction, text](qint64 i) {
                         const qint64 step = direction * (i + 1);
                         return self.string(text(date ? at.addDays(step) : at.addSecs(step)));
                     }});
            }
        }
        break;
    }
    case Kind::Enum:
        for (const QString &label : m_labels.mid(0, 24))
            add(constant(QStringLiteral("'%1'").arg(label), string(label)));
        break;
    case Kind::Boolean:
        add(constant(QStringLiteral("true"), literalAt(0)));
        add(constant(QStringLiteral("false"), literalAt(1)));
        break;
    default: // values of other types only as the CHECK spells them
        for (const QString &s : strings)
            add(constant(QStringLiteral("'%1'").arg(s), string(s)));
        break;
    }
    return out;
}

} // namespace Tideline
