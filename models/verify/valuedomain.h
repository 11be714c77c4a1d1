// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace Tideline {

class Dialect;

/** A stream of SQL literals for one column: value number i (0-based) of the rows to write. */
struct ValueStream
{
    QString name;             // what it is, for messages: "plain", "from 18", "'paid'", "NULL"
    qint64 cardinality = -1;  // distinct values it gives; -1: more than any sample needs
    std::function<QString(qint64)> at;
    bool isNull() const { return name == QLatin1String("NULL"); }
};

/**
 * The values a column of one type can hold on one engine, and SQL literals of them (verify,
 * DESIGN.md §3): integer ranges (tinyint … bigint, UNSIGNED), numeric(p,s), lengths of
 * varchar(n)/char(n)/binary(n), enum labels (PostgreSQL enum types of the schema, MySQL ENUM and
 * SET), booleans, dates and times, uuid, json, bytes, and PostgreSQL's inet, cidr, macaddr,
 * interval, money, xml and arrays. The type is the engine's (Dialect::mapType() of the plan's).
 * A type it does not know is Unknown: its values are strings the engine may refuse.
 */
class ValueDomain
{
public:
    enum class Kind {
        Integer, Decimal, Float, Boolean, Bit, Text, Binary, Date, Time, Timestamp, Year, Uuid,
        Json, Enum, Set, Inet, Cidr, MacAddr, Interval, Money, Xml, Array, Unknown
    };

    /** The domain of @p type (as the engine spells it) on @p dialect's engine. */
    static ValueDomain of(const QString &type, const Schema &schema, const Dialect &dialect);

    Kind kind() const { return m_kind; }
    bool known() const { return m_kind != Kind::Unknown; }
    bool isNumber() const { return m_kind == Kind::Integer || m_kind == Kind::Decimal || m_kind == Kind::Float; }
    bool isText() const { return m_kind == Kind::Text; }
    /** Characters (text) or bytes (binary) at most; -1: no limit worth counting. */
    int length() const { return m_length; }
    /** How many distinct values the type has; -1 when more than any sample needs. */
    qint64 cardinality() const;
    /** The SQL type to CAST a literal to for this engine (PostgreSQL), empty when none is needed. */
    QString castType() const { return m_castType; }

    /** The plain stream: distinct values for distinct i < cardinality(), small positive numbers,
     *  short lower-case strings, dates from 2026-01-01. */
    ValueStream plain() const;
    /** The value an application that uses the whole type writes: the largest number (with
     *  @p low, the most negative), the longest string (unbounded text: @p atLeast characters),
     *  distinct for distinct @p n. */
    QString widest(qint64 n, bool low, int atLeast) const;
    /**
     * Streams worth trying for a column a CHECK constraint mentions: built from the literals
     * the CHECK's text holds (@p check), e.g. `age >= 18` gives "from 18" and the constant 18,
     * `status IN ('new', 'paid')` the constants 'new' and 'paid', `length(code) = 3` strings of
     * three characters. @p distinct: only streams whose values differ row by row (key columns).
     */
    QList<ValueStream> candidates(const QString &check, bool distinct) const;

    /** A literal of @p text as this engine reads a string. */
    QString string(const QString &text) const;
    /** A literal of the bytes @p hex (hexadecimal digits) as this engine reads binary data. */
    QString bytes(const QString &hex) const;

    /** A SQLite condition that holds when column @p quoted has a value this type cannot hold
     *  (SQLite stores it anyway): too long, out of range, too many digits, a string in a number
     *  column. Empty when none. */
    QString sqliteOverflow(const QString &quoted) const;

    /** The number literals and the string literals (unquoted) in SQL text. */
    static QStringList numbersIn(const QString &sql);
    static QStringList stringsIn(const QString &sql);

private:
    QString integerLiteral(qint64 value) const;
    QString decimalLiteral(qint64 units) const;
    QString textValue(qint64 i, int width) const;
    QString literalAt(qint64 i) const;
    ValueStream numbers(const QString &name, qint64 start, int step) const;
    ValueStream constant(const QString &name, const QString &literal) const;

    Kind m_kind = Kind::Unknown;
    const Dialect *m_dialect = nullptr;
    QString m_engine;
    QString m_castType;
    qint64 m_min = 0;      // Integer, Decimal (in units of the scale), Year
    qint64 m_max = 0;
    int m_scale = 0;       // Decimal
    int m_length = -1;     // Text, Binary, Bit
    bool m_fixed = false;  // char(n), binary(n), bit(n): every value has the full length
    QStringList m_labels;  // Enum, Set
    std::shared_ptr<ValueDomain> m_element; // Array
};

} // namespace Tideline
