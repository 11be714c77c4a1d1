// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "compatibility.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <limits>
#include <optional>

namespace Tideline {

namespace {

const QString RuleMissing = QStringLiteral("missing-object");
const QString RuleInsertNotNull = QStringLiteral("insert-not-null");
const QString RuleProcedure = QStringLiteral("procedure-signature");
const QString RuleType = QStringLiteral("type-cannot-hold");
const QString RuleConstraint = QStringLiteral("constraint-not-honoured");
// A warning, not a failure: only the database can tell whether the plan's own conversion
// expression turns every value into one the new type holds. verify judges it.
const QString RuleConversion = QStringLiteral("conversion-unproven");
const QString RuleUnfilled = QStringLiteral("unfilled-read");

// Messages are built with these stand-ins for the app and state names, so that a result can be
// reused for another cell with the same inputs; render() puts the names in. The control
// character keeps them apart from any identifier a user could write.
const QString AppToken = QStringLiteral("\u0001app\u0001");
const QString StateToken = QStringLiteral("\u0001state\u0001");

/** Collects failures; rule 6 only warns. */
struct Collector
{
    QList<Failure> failures;
    void operator()(const QString &rule, const QString &object, const QString &message)
    {
        failures.append({rule, object, message, rule == RuleUnfilled || rule == RuleConversion});
    }
};

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    std::sort(list.begin(), list.end());
    return list;
}

QString dotted(const QString &table, const QString &column)
{
    return table + QLatin1Char('.') + column;
}

struct ParsedType
{
    QString base;
    int length = -1; // first type modifier, -1 when none
    int scale = -1;  // second type modifier
    bool isUnsigned = false; // MySQL UNSIGNED: no negative values
};

ParsedType parseType(const QString &type)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^([a-z_ ][a-z0-9_ ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*(unsigned)?(?:\s*zerofill)?\s*$)"));
    ParsedType parsed;
    const QString normal = Compatibility::normalizeType(type);
    const auto match = re.match(normal);
    if (!match.hasMatch()) {
        parsed.base = normal;
        return parsed;
    }
    parsed.base = match.captured(1).trimmed();
    if (match.capturedLength(2))
        parsed.length = match.captured(2).toInt();
    if (match.capturedLength(3))
        parsed.scale = match.captured(3).toInt();
    parsed.isUnsigned = match.capturedLength(4) > 0;
    return parsed;
}

bool isText(const QString &base)
{
    return base == QLatin1String("text") || base == QLatin1String("varchar")
           || base == QLatin1String("char") || base == QLatin1String("nvarchar")
           || base == QLatin1String("nchar") || base == QLatin1String("clob");
}

} // namespace

QString Compatibility::normalizeType(const QString &type)
{
    QString t = type.simplified().toLower();
    static const QList<QPair<QRegularExpression, QString>> synonyms = {
        {QRegularExpression(QStringLiteral(R"(^(int4|int|integer)\b)")), QStringLiteral("integer")},
        {QRegularExpression(QStringLiteral(R"(^int8\b)")), QStringLiteral("bigint")},
        {QRegularExpression(QStringLiteral(R"(^int2\b)")), QStringLiteral("smallint")},
        {QRegularExpression(QStringLiteral(R"(^int3\b)")), QStringLiteral("mediumint")},
        {QRegularExpression(QStringLiteral(R"(^int1\b)")), QStringLiteral("tinyint")},
        {QRegularExpression(QStringLiteral(R"(^character varying\b)")), QStringLiteral("varchar")},
        {QRegularExpression(QStringLiteral(R"(^(character|bpchar)\b)")), QStringLiteral("char")},
        {QRegularExpression(QStringLiteral(R"(^bool\b)")), QStringLiteral("boolean")},
        {QRegularExpression(QStringLiteral(R"(^(float8|double precision|double|float)\b)")),
         QStringLiteral("double")},
        {QRegularExpression(QStringLiteral(R"(^(float4|real)\b)")), QStringLiteral("real")},
        {QRegularExpression(QStringLiteral(R"(^decimal\b)")), QStringLiteral("numeric")},
        {QRegularExpression(QStringLiteral(R"(^(timestamptz|timestamp with time zone)\b)")),
         QStringLiteral("timestamptz")},
        {QRegularExpression(QStringLiteral(R"(^timestamp without time zone\b)")),
         QStringLiteral("timestamp")},
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

bool Compatibility::enumMembers(const QString &type, QStringList *members)
{
    const QString t = type.trimmed();
    if (!t.startsWith(QLatin1String("enum"), Qt::CaseInsensitive))
        return false;
    qsizetype i = 4;
    while (i < t.size() && t.at(i).isSpace())
        ++i;
    if (i >= t.size() || t.at(i) != QLatin1Char('('))
        return false;
    ++i;
    QStringList list;
    for (;;) {
        while (i < t.size() && t.at(i).isSpace())
            ++i;
        if (i >= t.size() || t.at(i) != QLatin1Char('\''))
            return false;
        QString member;
        for (++i;; ++i) {
            if (i >= t.size())
                return false;
            const QChar c = t.at(i);
            if (c == QLatin1Char('\\') && i + 1 < t.size()) {
                member += t.at(++i);
            } else if (c == QLatin1Char('\'')) {
                if (i + 1 < t.size() && t.at(i + 1) == QLatin1Char('\'')) {
                    member += c;
                    ++i;
                } else {
                    ++i;
                    break;
                }
            } else {
                member += c;
            }
        }
        list << member;
        while (i < t.size() && t.at(i).isSpace())
            ++i;
        if (i < t.size() && t.at(i) == QLatin1Char(','))
            ++i;
        else if (i < t.size() && t.at(i) == QLatin1Char(')') && t.mid(i + 1).trimmed().isEmpty())
            break;
        else
            return false;
    }
    *members = list;
    return true;
}

QString Compatibility::enumColumnType(const QStringList &members)
{
    QStringList quoted;
    for (QString m : members)
        quoted << QLatin1Char('\'') + m.replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
    return QStringLiteral("enum(%1)").arg(quoted.join(QLatin1Char(',')));
}

bool Compatibility::typeCanHold(const QString &container, const QString &value)
{
    // Most writes go to a column of exactly the type the app knows: no parsing needed.
    if (container == value)
        return true;
    // The engine asks about the same few pairs of types millions of times in a large plan.
    thread_local QHash<QPair<QString, QString>, bool> known;
    const auto pair = qMakePair(container, value);
    const auto it = known.constFind(pair);
    if (it != known.cend())
        return it.value();
    const bool holds = typeCanHoldUncached(container, value);
    known.insert(pair, holds);
    return holds;
}

bool Compatibility::integerRange(const QString &type, qint64 *minimum, quint64 *maximum)
{
    const ParsedType t = parseType(type);
    int bits = 0;
    if (t.base == QLatin1String("tinyint"))
        bits = 8;
    else if (t.base == QLatin1String("smallint") || t.base == QLatin1String("smallserial"))
        bits = 16;
    else if (t.base == QLatin1String("mediumint"))
        bits = 24;
    else if (t.base == QLatin1String("integer") || t.base == QLatin1String("serial"))
        bits = 32;
    else if (t.base == QLatin1String("bigint") || t.base == QLatin1String("bigserial"))
        bits = 64;
    else
        return false;
    if (t.isUnsigned) {
        *minimum = 0;
        *maximum = bits == 64 ? std::numeric_limits<quint64>::max() : (quint64(1) << bits) - 1;
    } else {
        *minimum = bits == 64 ? std::numeric_limits<qint64>::min() : -(qint64(1) << (bits - 1));
        *maximum = bits == 64 ? quint64(std::numeric_limits<qint64>::max()) : (quint64(1) << (bits - 1)) - 1;
    }
    return true;
}

bool Compatibility::typeCanHoldUncached(const QString &container, const QString &value)
{
    // An enum column holds the values of an enum whose members it all has (add_enum_value).
    QStringList containerMembers, valueMembers;
    if (enumMembers(value, &valueMembers) && enumMembers(container, &containerMembers))
        return std::all_of(valueMembers.cbegin(), valueMembers.cend(),
                              [&](const QString &m) { return containerMembers.contains(m); });
    const ParsedType c = parseType(container);
    const ParsedType v = parseType(value);
    if (c.base == v.base && c.length == v.length && c.scale == v.scale && c.isUnsigned == v.isUnsigned)
        return true;

    // Integers hold integers whose range is inside theirs (tinyint, UNSIGNED included), and fit
    // a numeric with enough digits left of the point.
    qint64 vMin = 0, cMin = 0;
    quint64 vMax = 0, cMax = 0;
    if (integerRange(value, &vMin, &vMax)) {
        if (integerRange(container, &cMin, &cMax))
            return cMin <= vMin && vMax <= cMax;
        const int digits = QString::number(vMax).size();
        if (c.base == QLatin1String("numeric"))
            return (!c.isUnsigned || vMin >= 0) && (c.length < 0 || c.length - qMax(c.scale, 0) >= digits);
        if (c.base == QLatin1String("double"))
            return digits <= 15;
        // Numbers written as text fit any unbounded text column.
        return isText(c.base) && c.length < 0;
    }
    if (v.base == QLatin1String("numeric") && c.base == QLatin1String("numeric")) {
        if (c.isUnsigned && !v.isUnsigned)
            return false;
        if (c.length < 0)
            return true;
        if (v.length < 0)
            return false;
        const int cScale = qMax(c.scale, 0), vScale = qMax(v.scale, 0);
        return cScale >= vScale && c.length - cScale >= v.length - vScale;
    }
    if (v.base == QLatin1String("real") && c.base == QLatin1String("double"))
        return true;
    // MySQL's sized TEXT types: TINYTEXT < TEXT < MEDIUMTEXT < LONGTEXT (255 bytes to 4 GiB).
    static const QStringList sizedText{QStringLiteral("tinytext"), QStringLiteral("text"),
                                       QStringLiteral("mediumtext"), QStringLiteral("longtext")};
    const int cRank = sizedText.indexOf(c.base), vRank = sizedText.indexOf(v.base);
    if (cRank >= 2 && (isText(v.base) || vRank >= 0))
        return vRank <= cRank; // a MEDIUMTEXT or LONGTEXT holds any shorter text
    if (vRank >= 0 && vRank != 1)
        return cRank >= vRank;
    if (isText(v.base) && isText(c.base)) {
        if (c.length < 0)
            return true; // text, varchar without a limit
        return v.length >= 0 && v.length <= c.length;
    }
    if (v.base == QLatin1String("timestamp") || v.base == QLatin1String("date"))
        return c.base == QLatin1String("timestamptz") || c.base == QLatin1String("timestamp");
    if (v.base == QLatin1String("json"))
        return c.base == QLatin1String("jsonb");
    // Any value has a text form that an unbounded text column holds.
    return (c.base == QLatin1String("text")) && v.base != QLatin1String("bytea");
}

QList<Failure> Compatibility::checkRelation(const QString &name,
                                            const TableUsage &use,
                                            const Schema &state,
                                            const QList<const AppUsage *> &others,
                                            const QSet<QString> &filled)
{
    Collector fail;
    const QString &who = AppToken;
    const QString &where = StateToken;
    const Table *table = state.table(name);
    if (!table) {
        const auto view = state.views.constFind(name);
        if (view == state.views.cend()) {
            if (!use.isEmpty())
                fail(RuleMissing,
                     name,
                     QStringLiteral("%1 uses table %2, which does not exist in %3")
                         .arg(who, name, where));
            return fail.failures;
        }
        // Rule 1 for views: every column read must be one the view returns.
        for (const QString &column : sorted(use.reads)) {
            if (!view->columns.contains(column))
                fail(RuleMissing,
                     dotted(name, column),
                     QStringLiteral("%1 reads %2.%3, which view %2 does not return in %4")
                         .arg(who, name, column, where));
        }
        const QSet<QString> written = use.inserts + use.updates;
        const Table *base = view->baseTable.isEmpty() ? nullptr : state.table(view->baseTable);
        if (!base) {
            if (!written.isEmpty())
                fail(RuleMissing,
                     name,
                     QStringLiteral("%1 writes to %2, which is a view in %3").arg(who, name, where));
            return fail.failures;
        }
        // A view that passes a table's rows through (rename_table's compatibility view) takes
        // writes: they reach the table, whose rules (NOT NULL, types, constraints) apply.
        for (const QString &column : sorted(written)) {
            if (!view->columns.contains(column))
                fail(RuleMissing,
                     dotted(name, column),
                     QStringLiteral("%1 writes %2.%3, which view %2 does not have in %4")
                         .arg(who, name, column, where));
        }
        TableUsage through = use;
        for (QSet<QString> *set : {&through.reads, &through.inserts, &through.updates})
            set->intersect(QSet<QString>(view->columns.cbegin(), view->columns.cend()));
        fail.failures += checkRelation(view->baseTable, through, state, others, filled);
        return fail.failures;
    }

    // One index per check: the rules look columns up many times, and tables can be wide.
    QHash<QString, const Column *> columns;
    columns.reserve(table->columns.size());
    for (const Column &c : table->columns)
        columns.insert(c.name, &c);
    const auto column = [&](const QString &columnName) { return columns.value(columnName); };

    // Rule 1: every column read or written exists.
    QSet<QString> missing;
    for (const QSet<QString> *set : {&use.reads, &use.inserts, &use.updates}) {
        for (const QString &column : *set) {
            if (!columns.contains(column))
                missing.insert(column);
        }
    }
    for (const QString &column : sorted(missing)) {
        fail(RuleMissing,
             dotted(name, column),
             QStringLiteral("%1 %2 %3.%4, which does not exist in %5")
                 .arg(who,
                      use.writes(column) ? QStringLiteral("writes") : QStringLiteral("reads"),
                      name,
                      column,
                      where));
    }

    // Rule 2: an insert must give every NOT NULL column the database does not fill.
    if (!use.inserts.isEmpty()) {
        for (const Column &column : table->columns) {
            if (!column.nullable && !column.filledByDatabase() && !use.inserts.contains(column.name))
                fail(RuleInsertNotNull,
                     dotted(name, column.name),
                     QStringLiteral("%1 inserts into %2 without %3, which is NOT NULL with no "
                                    "default in %4")
                         .arg(who, name, column.name, where));
        }
    }

    // Rule 4: a written column's type must hold the values the app writes.
    for (auto t = use.writeTypes.cbegin(); t != use.writeTypes.cend(); ++t) {
        const Column *written = column(t.key());
        if (!written || !use.writes(t.key()) || t.value().isEmpty())
            continue;
        const bool holds = std::any_of(t.value().cbegin(),
                                       t.value().cend(),
                                       [&](const QString &type) {
                                           return typeCanHold(written->type, type);
                                       });
        if (!holds)
            fail(RuleType,
                 dotted(name, written->name),
                 QStringLiteral("%1 writes %2 values into %3.%4, whose type in %5 is %6")
                     .arg(who,
                          t.value().join(QStringLiteral("/")),
                          name,
                          written->name,
                          where,
                          written->type));
    }

    // Rule 4 through a sync trigger: a value written into a source column is copied (cast) into
    // the trigger's target by the database, so the target's type must hold it too; the old
    // application's INSERT fails on P_k when a type change narrows the column. A trigger that
    // computes the target with the plan's own expression is held to the same rule: nothing
    // proves that the expression turns every value the application writes (any text) into one
    // the target takes (an integer), and when it does not, the write fails: a warning that
    // names it, and verify's executed verdict decides.
    for (const SyncTrigger &sync : table->syncs) {
        const Column *target = column(sync.target);
        if (!target || use.writes(target->name))
            continue;
        const QStringList sources = sync.sources.isEmpty() ? QStringList{sync.sourceColumn} : sync.sources;
        for (const QString &sourceName : sources) {
            const Column *source = column(sourceName);
            if (!source || !use.writes(source->name))
                continue;
            const QStringList types = use.writeTypes.value(source->name, {source->type});
            const bool holds = std::any_of(types.cbegin(), types.cend(), [&](const QString &type) {
                return typeCanHold(target->type, type);
            });
            if (holds)
                continue;
            if (sync.expression.isEmpty())
                fail(RuleType,
                     dotted(name, source->name),
                     QStringLiteral("%1 writes %2 values into %3.%4, which a sync trigger copies into "
                                    "%3.%5, whose type in %6 is %7")
                         .arg(who, types.join(QStringLiteral("/")), name, source->name, target->name,
                              where, target->type));
            else
                fail(RuleConversion,
                     dotted(name, source->name),
                     QStringLiteral("%1 writes %2 values into %3.%4, which a sync trigger converts with "
                                    "the plan's expression into %3.%5, whose type in %6 is %7: only "
                                    "the database can tell whether every such value converts (verify)")
                         .arg(who, types.join(QStringLiteral("/")), name, source->name, target->name,
                              where, target->type));
        }
    }

    // Rule 4 through ON UPDATE CASCADE: a key value the app updates is copied by the database
    // into every referencing column, whose type must hold it too (a referenced column widened by
    // a type change, its referencing columns not).
    // The keys that cascade updates are looked up once, and only when the app updates a column
    // it gives types for: most tables have none.
    TableMap::ForeignKeys cascades;
    for (auto t = use.writeTypes.cbegin(); t != use.writeTypes.cend(); ++t) {
        if (use.updates.contains(t.key()) && !t.value().isEmpty()) {
            for (const auto &key : state.referencing(name)) {
                if (key.second.onUpdate == QLatin1String("CASCADE"))
                    cascades.append(key);
            }
            break;
        }
    }
    for (auto t = use.writeTypes.cbegin(); t != use.writeTypes.cend() && !cascades.isEmpty(); ++t) {
        if (!use.updates.contains(t.key()) || t.value().isEmpty())
            continue;
        for (const auto &[child, fk] : std::as_const(cascades)) {
            const QStringList refColumns = fk.refColumns.isEmpty() && table ? table->primaryKey : fk.refColumns;
            const int at = int(refColumns.indexOf(t.key()));
            if (at < 0)
                continue; // the key references other columns
            const Table *childTable = state.table(child);
            const Column *copy = childTable && at >= 0 && at < fk.columns.size() ? childTable->column(fk.columns.at(at)) : nullptr;
            if (!copy)
                continue;
            const bool holds = std::any_of(t.value().cbegin(), t.value().cend(), [&](const QString &type) {
                return typeCanHold(copy->type, type);
            });
            if (!holds)
                fail(RuleType,
                     dotted(name, t.key()),
                     QStringLiteral("%1 writes %2 values into %3.%4, which ON UPDATE CASCADE copies into "
                                    "%5.%6, whose type in %7 is %8")
                         .arg(who, t.value().join(QStringLiteral("/")), name, t.key(), child, copy->name, where,
                              copy->type));
        }
    }

    // Rule 5: constraints on written columns must be ones the app honours.
    for (const Column &column : table->columns) {
        if (!column.nullable && use.writes(column.name)
            && !use.honours.contains(notNullKey(column.name)))
            fail(RuleConstraint,
                 dotted(name, column.name),
                 QStringLiteral("%1 writes %2.%3, which is NOT NULL in %4, and is not declared "
                                "to honour that constraint")
                     .arg(who, name, column.name, where));
    }
    for (const Constraint &constraint : table->constraints) {
        const bool covers = std::any_of(constraint.columns.cbegin(),
                                        constraint.columns.cend(),
                                        [&](const QString &c) { return use.writes(c); });
        if (covers && !use.honours.contains(constraint.key()))
            fail(RuleConstraint,
                 dotted(name, constraint.columns.join(QLatin1Char(','))),
                 QStringLiteral("%1 writes %2(%3), covered by %4 constraint %5 in %6, and is not "
                                "declared to honour it")
                     .arg(who,
                          name,
                          constraint.columns.join(QStringLiteral(", ")),
                          Constraint::kindName(constraint.kind),
                          constraint.name.isEmpty() ? QStringLiteral("(unnamed)") : constraint.name,
                          where));
    }

    // Rule 6 (warning): a column read must be kept filled by someone.
    QStringList unfilled;
    // The views that pass this table through, found once per check (not once per column read
    // and version): a plan's views grow with it.
    std::optional<QStringList> through;
    const auto viewsThrough = [&]() -> const QStringList & {
        if (!through) {
            through.emplace();
            for (const View &v : state.views) {
                if (v.baseTable == name)
                    through->append(v.name);
            }
        }
        return *through;
    };
    for (const QString &columnName : use.reads) {
        if (use.writes(columnName))
            continue; // the app fills it itself
        const Column *read = column(columnName);
        if (!read || read->filledByDatabase() || filled.contains(dotted(name, columnName)))
            continue;
        const auto writesIt = [&](const AppUsage *u) {
            const auto t = u->tables.constFind(name);
            if (t != u->tables.cend() && t->writes(columnName))
                return true;
            // A version that writes through a view passing this table through fills it too.
            for (const QString &view : viewsThrough()) {
                const TableUsage *written = u->tables.find(view);
                if (written && written->writes(columnName))
                    return true;
            }
            return false;
        };
        if (std::none_of(others.cbegin(), others.cend(), writesIt))
            unfilled << columnName;
    }
    std::sort(unfilled.begin(), unfilled.end());
    for (const QString &columnName : std::as_const(unfilled)) {
        fail(RuleUnfilled,
             dotted(name, columnName),
             QStringLiteral("%1 reads %2.%3, which no version running on %4 writes and no "
                            "backfill or trigger fills")
                 .arg(who, name, columnName, where));
    }
    return fail.failures;
}

QList<Failure> Compatibility::checkProcedure(const QString &name,
                                             const QSet<QString> &passed,
                                             const Schema &state)
{
    Collector fail;
    const QString &who = AppToken;
    const QString &where = StateToken;
    const auto procedure = state.procedures.constFind(name);
    if (procedure == state.procedures.cend()) {
        fail(RuleMissing,
             name,
             QStringLiteral("%1 calls procedure %2, which does not exist in %3")
                 .arg(who, name, where));
        return fail.failures;
    }
    for (const QString &parameter : sorted(passed)) {
        if (!procedure->parameter(parameter))
            fail(RuleProcedure,
                 QStringLiteral("%1(%2)").arg(name, parameter),
                 QStringLiteral("%1 passes %2 to %3, which %3 does not take in %4")
                     .arg(who, parameter, name, where));
    }
    for (const Parameter &parameter : procedure->parameters) {
        if (!parameter.hasDefault() && !passed.contains(parameter.name))
            fail(RuleProcedure,
                 QStringLiteral("%1(%2)").arg(name, parameter.name),
                 QStringLiteral("%1 calls %2 without %3, which has no default in %4")
                     .arg(who, name, parameter.name, where));
    }
    return fail.failures;
}

void Compatibility::render(QList<Failure> *failures, const Subject &subject)
{
    for (Failure &f : *failures)
        f.message.replace(AppToken, subject.appName).replace(StateToken, subject.stateName);
}

QList<Failure> Compatibility::check(const AppUsage &app,
                                    const Schema &state,
                                    const QList<const AppUsage *> &others,
                                    const QSet<QString> &filled,
                                    const Subject &subject)
{
    QList<Failure> failures;
    for (auto it = app.tables.cbegin(); it != app.tables.cend(); ++it)
        failures += checkRelation(it.key(), it.value(), state, others, filled);
    for (auto it = app.calls.cbegin(); it != app.calls.cend(); ++it)
        failures += checkProcedure(it.key(), it.value(), state);
    render(&failures, subject);
    return failures;
}

QStringList Compatibility::ruleIds()
{
    return {RuleMissing, RuleInsertNotNull, RuleProcedure, RuleType, RuleConstraint, RuleUnfilled, RuleConversion};
}

QString Compatibility::ruleDescription(const QString &ruleId)
{
    if (ruleId == RuleMissing)
        return QStringLiteral("a table, view, column or procedure the app uses does not exist");
    if (ruleId == RuleInsertNotNull)
        return QStringLiteral("the app inserts without a NOT NULL column that has no default");
    if (ruleId == RuleProcedure)
        return QStringLiteral(
            "the app passes a parameter the procedure lacks, or omits one without a default");
    if (ruleId == RuleType)
        return QStringLiteral("the app writes values the column's type cannot hold");
    if (ruleId == RuleConstraint)
        return QStringLiteral("a constraint covers a column the app writes, and the app is not "
                              "declared to honour it");
    if (ruleId == RuleUnfilled)
        return QStringLiteral("(warning) the app reads a column nobody keeps filled");
    if (ruleId == RuleConversion)
        return QStringLiteral("(warning) a sync trigger converts what the app writes with the plan's "
                              "expression into a type that may not hold it; verify decides");
    return {};
}

} // namespace Tideline
