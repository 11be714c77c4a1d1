// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The index and constraint kinds: add, drop and rename an index; add UNIQUE, CHECK, FOREIGN KEY
// and PRIMARY KEY; drop and rename a constraint.
//
// Placement, by the compatibility rule (DESIGN.md §3):
// * A plain index is invisible to what an application may write: it goes in at once (pre).
// * What refuses rows (a unique index, UNIQUE, CHECK, FOREIGN KEY, PRIMARY KEY) may refuse rows an
//   older version still writes (rule 5). The new version honours it first (app step of release
//   N); the constraint follows in release N+1's pre scripts, when every version that runs — and
//   every version a rollback may bring back — honours it (catalog K11–K13).
// * Dropping an index or a constraint loosens nothing an older version writes, but an older
//   version may rely on it: on its index for its queries' speed, on the database refusing a
//   duplicate, an orphan or a bad value (many applications only catch the error), on ON DELETE
//   CASCADE deleting children, on a key for its upserts. So the new version stops relying on it
//   (app step of release N) and the drop follows in N+1's pre scripts, once no running version
//   and no rollback target relies on it.
// * A rename changes no rule: it is instant where the engine can rename, and versions that
//   honour a constraint keep honouring it under its new name (the engine carries honours
//   across RenameConstraint).
#include "../kindbuilder.h"

#include "../carry.h"

#include <engine/compatibility.h>
#include <engine/usage.h>

#include <QRegularExpression>

#include <algorithm>
#include <tuple>

namespace Tideline::Kinds {

namespace {

const QString Postgres = QStringLiteral("postgresql");
const QString MySql = QStringLiteral("mysql");
const QString SqlServer = QStringLiteral("sqlserver");
const QString Sqlite = QStringLiteral("sqlite");



QString engineTitle(const QString &dialect)
{
    if (dialect == Postgres)
        return QStringLiteral("PostgreSQL");
    if (dialect == MySql)
        return QStringLiteral("MySQL/MariaDB");
    if (dialect == SqlServer)
        return QStringLiteral("SQL Server");
    if (dialect == Sqlite)
        return QStringLiteral("SQLite");
    return dialect;
}

/** True when @p name is already an index, constraint, table or sequence of @p schema (as the
 *  engines that fold case compare names). */
bool nameTaken(const Schema &schema, const QString &name)
{
    return Carry::TakenNames(schema).contains(name, Qt::CaseInsensitive);
}

/**
 * The name a kind gives what it creates when the plan gives none: `<base><suffix>` fitted to
 * the names every engine keeps (Identifiers::PortableBytes), with a number before the suffix
 * when another object has it (as PostgreSQL names its own). Deterministic for one schema.
 */
QString derivedName(const Schema &schema, const QString &base, const QString &suffix)
{
    QString name = Identifiers::derive(base, suffix);
    for (int n = 1; nameTaken(schema, name); ++n)
        name = Identifiers::derive(base, suffix + QString::number(n));
    return name;
}

/** The plan's name for a new object (@p param), or a derived one; fails when it is taken. */
QString newObjectName(Params &p, const Schema &before, const QString &param, const QString &base,
                      const QString &suffix)
{
    const QString given = p.string(param, false);
    if (!p.ok())
        return {};
    if (given.isEmpty())
        return derivedName(before, base, suffix);
    if (nameTaken(before, given))
        p.fail(param, QStringLiteral("the name %1 is taken by a table, index, constraint or sequence").arg(given));
    return given;
}

/** True when @p a and @p b hold the same names, in any order. */
bool sameSet(QStringList a, QStringList b)
{
    a.sort();
    b.sort();
    return a == b;
}

/** True when an entry of @p index names no column of @p table (an expression). */
bool hasExpressionEntry(const Table &table, const Index &index)
{
    return std::any_of(index.columns.cbegin(), index.columns.cend(),
                       [&](const QString &entry) { return !table.column(entry); });
}

/** What makes @p columns of @p table unique: a primary key, UNIQUE constraint or plain unique
 *  index over exactly those columns (in any order), by name; empty when nothing does. */
QStringList uniqueKeysOn(const Table &table, const QStringList &columns)
{
    QStringList keys;
    if (!table.primaryKey.isEmpty() && sameSet(table.primaryKey, columns))
        keys << QStringLiteral("primary key");
    for (const Constraint &c : table.constraints) {
        if (c.kind == Constraint::Kind::Unique && sameSet(c.columns, columns))
            keys << c.name;
    }
    for (const Index &i : table.indexes) {
        if (i.unique && i.where.isEmpty() && !hasExpressionEntry(table, i) && sameSet(i.columns, columns))
            keys << i.name;
    }
    return keys;
}

/**
 * Foreign keys (of any table, @p table's own too) that reference exactly @p columns of
 * @p table and would lose what backs them when @p key goes (its name as uniqueKeysOn() gives
 * it): "foreign key F of table T". None when another key on the same columns stays.
 */
QStringList keysBackedOnlyBy(const Schema &schema, const Table &table, const QStringList &columns, const QString &key)
{
    QStringList others = uniqueKeysOn(table, columns);
    others.removeAll(key);
    if (!others.isEmpty())
        return {};
    QStringList needing;
    for (const Table &child : schema.tables) {
        for (const Constraint &fk : child.constraints) {
            if (fk.kind != Constraint::Kind::ForeignKey || fk.refTable != table.name)
                continue;
            if (sameSet(fk.refColumns.isEmpty() ? table.primaryKey : fk.refColumns, columns))
                needing << QStringLiteral("foreign key %1 of table %2")
                               .arg(fk.name.isEmpty() ? QStringLiteral("(unnamed)") : fk.name, child.name);
        }
    }
    return needing;
}

/**
 * MySQL keeps an index on the columns of every foreign key (ERROR 1553 refuses to drop the
 * last one): the foreign keys of @p table that only the index or key @p gone (named
 * @p goneName, over @p goneColumns) serves.
 */
QStringList mysqlKeysNeedingIndex(const Table &table, const QString &goneName, const QStringList &goneColumns)
{
    auto leads = [](const QStringList &columns, const QStringList &prefix) {
        return prefix.size() <= columns.size() && columns.mid(0, prefix.size()) == prefix;
    };
    QStringList needing;
    for (const Constraint &fk : table.constraints) {
        if (fk.kind != Constraint::Kind::ForeignKey || !leads(goneColumns, fk.columns))
            continue;
        bool served = !table.primaryKey.isEmpty() && goneName != QLatin1String("PRIMARY") && leads(table.primaryKey, fk.columns);
        for (const Index &i : table.indexes)
            served = served || (i.name != goneName && leads(i.columns, fk.columns));
        for (const Constraint &c : table.constraints)
            served = served || (c.kind == Constraint::Kind::Unique && c.name != goneName && leads(c.columns, fk.columns));
        if (!served)
            needing << (fk.name.isEmpty() ? QStringLiteral("(unnamed)") : fk.name);
    }
    return needing;
}

/** True when a foreign key column of type @p column may reference one of type @p referenced on
 *  every engine: integers of the same range, text of any length, or the same type. */
bool keyTypesMatch(const QString &column, const QString &referenced)
{
    const QString a = Compatibility::normalizeType(column), b = Compatibility::normalizeType(referenced);
    if (a == b)
        return true;
    qint64 minA = 0, minB = 0;
    quint64 maxA = 0, maxB = 0;
    const bool intA = Compatibility::integerRange(a, &minA, &maxA), intB = Compatibility::integerRange(b, &minB, &maxB);
    if (intA || intB)
        return intA && intB && minA == minB && maxA == maxB;
    static const QRegularExpression baseOf(QStringLiteral(R"(^([a-z_ ]+?)\s*(?:\(|$))"));
    const QString baseA = baseOf.match(a).captured(1), baseB = baseOf.match(b).captured(1);
    static const QStringList text{QStringLiteral("varchar"), QStringLiteral("char"), QStringLiteral("text"),
                                  QStringLiteral("nvarchar"), QStringLiteral("nchar")};
    if (text.contains(baseA) && text.contains(baseB))
        return true;
    return !baseA.isEmpty() && baseA == baseB && baseA != QLatin1String("numeric");
}

/** The refusal of a parameter value an engine cannot honour. */
bool refuseOn(const QString &dialect, const QString &field, const QString &param, const QString &why, PlanError *error)
{
    error->field = field + QStringLiteral(".params.") + param;
    error->message = QStringLiteral("%1 on %2: %3").arg(param, engineTitle(dialect), why);
    return false;
}

// ---------------------------------------------------------------------------------------------
// add_index

/** The index an add_index refactoring builds, checked: false with the field on a problem. */
bool readIndex(Params &p, const KindSpec &spec, const Schema &before, Index *index, const Table **owner)
{
    Q_UNUSED(spec)
    const QString tableName = p.string(QStringLiteral("table"));
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    const QStringList columns = p.has(QStringLiteral("columns")) ? p.strings(QStringLiteral("columns"), 0) : QStringList();
    const QStringList expressions = p.has(QStringLiteral("expressions")) ? p.strings(QStringLiteral("expressions"), 0) : QStringList();
    const QStringList include = p.has(QStringLiteral("include")) ? p.strings(QStringLiteral("include"), 0) : QStringList();
    const QStringList lengths = p.has(QStringLiteral("lengths")) ? p.strings(QStringLiteral("lengths"), 0) : QStringList();
    index->unique = p.boolean(QStringLiteral("unique"), false);
    index->where = p.string(QStringLiteral("where"), false).trimmed();
    index->method = p.string(QStringLiteral("method"), false);
    if (!p.ok())
        return false;
    *owner = table;
    if (columns.isEmpty() && expressions.isEmpty())
        return p.fail(QStringLiteral("columns"), QStringLiteral("an index needs 'columns', 'expressions' or both"));
    for (const QString &e : expressions) {
        if (e.trimmed().isEmpty())
            return p.fail(QStringLiteral("expressions"), QStringLiteral("an expression must not be empty"));
        if (table->column(e.trimmed()))
            return p.fail(QStringLiteral("expressions"),
                          QStringLiteral("'%1' is a column of %2: list it in 'columns'").arg(e.trimmed(), tableName));
    }
    for (const QString &c : include) {
        if (columns.contains(c))
            return p.fail(QStringLiteral("include"), QStringLiteral("%1 is a key column of the index already").arg(c));
    }
    QList<int> prefix;
    for (const QString &l : lengths) {
        bool number = false;
        const int n = l.toInt(&number);
        if (!number || n < 0)
            return p.fail(QStringLiteral("lengths"),
                          QStringLiteral("'%1' is not a prefix length (a whole number of characters, 0 for the whole "
                                         "column)").arg(l));
        prefix << n;
    }
    if (prefix.size() > columns.size())
        return p.fail(QStringLiteral("lengths"),
                      QStringLiteral("%1 prefix lengths for %2 columns: one per column of 'columns', in order")
                          .arg(prefix.size()).arg(columns.size()));
    const QString method = index->method.toLower();
    if (method == QLatin1String("btree"))
        index->method.clear();
    if (!index->method.isEmpty() && index->unique)
        return p.fail(QStringLiteral("method"),
                      QStringLiteral("a %1 index cannot be unique (PostgreSQL: only B-tree indexes are)").arg(method));
    if (method == QLatin1String("hash") && columns.size() + expressions.size() > 1)
        return p.fail(QStringLiteral("method"), QStringLiteral("a hash index has one key column or expression"));
    if ((method == QLatin1String("hash") || method == QLatin1String("gin")) && !include.isEmpty())
        return p.fail(QStringLiteral("include"),
                      QStringLiteral("a %1 index takes no INCLUDE columns (PostgreSQL: B-tree and GiST do)").arg(method));
    index->columns = columns;
    for (const QString &e : expressions)
        index->columns << e.trimmed();
    index->include = include;
    index->lengths = prefix;
    QStringList named = columns;
    for (int i = 0; i < expressions.size(); ++i)
        named << QStringLiteral("expr");
    index->name = newObjectName(p, before, QStringLiteral("name"),
                                tableName + QLatin1Char('_') + named.join(QLatin1Char('_')), QStringLiteral("_idx"));
    if (p.ok() && !uniqueKeysOn(*table, index->columns).isEmpty() && index->unique && index->where.isEmpty())
        p.fail(QStringLiteral("columns"), QStringLiteral("(%1) of %2 is unique already (%3)")
                                              .arg(index->columns.join(QStringLiteral(", ")), tableName,
                                                   uniqueKeysOn(*table, index->columns).join(QStringLiteral(", "))));
    return p.ok();
}

bool decomposeAddIndex(const KindSpec &spec,
                       const Refactoring &r,
                       const Schema &before,
                       const QString &field,
                       QList<Step> *steps,
                       PlanError *error)
{
    Params p(spec, r, field, error);
    Index index;
    const Table *table = nullptr;
    if (!readIndex(p, spec, before, &index, &table))
        return false;
    const SchemaOp build = indexOp(SchemaOp::Type::AddIndex, table->name, index);
    if (!index.unique) {
        appendStep(spec, QStringLiteral("expand"), steps).ops.append(build);
        return true;
    }
    // A unique index refuses duplicates an older version may still write: the new version
    // writes none first, the index follows when every running version does the same.
    appendStep(spec, QStringLiteral("honour"), steps).usage.append(usageOf(table->name));
    appendStep(spec, QStringLiteral("constraint"), steps).ops.append(build);
    return true;
}

bool checkAddIndex(const KindSpec &spec, const Refactoring &r, const Schema &before, const QString &dialect,
                   const QString &field, PlanError *error)
{
    Params p(spec, r, field, error);
    Index index;
    const Table *table = nullptr;
    if (!readIndex(p, spec, before, &index, &table))
        return false;
    if (!index.where.isEmpty() && dialect == MySql)
        return refuseOn(dialect, field, QStringLiteral("where"),
                        QStringLiteral("MySQL and MariaDB have no partial indexes (PostgreSQL, SQLite and SQL Server's "
                                       "filtered indexes do)"),
                        error);
    if (!index.include.isEmpty() && (dialect == MySql || dialect == Sqlite))
        return refuseOn(dialect, field, QStringLiteral("include"),
                        QStringLiteral("%1 has no INCLUDE (non-key) columns; PostgreSQL 11+ and SQL Server do. Add them "
                                       "to 'columns' if the index should cover them")
                            .arg(engineTitle(dialect)),
                        error);
    if (!index.method.isEmpty() && dialect != Postgres)
        return refuseOn(dialect, field, QStringLiteral("method"),
                        QStringLiteral("%1 builds B-tree indexes only; %2 is PostgreSQL's").arg(engineTitle(dialect), index.method),
                        error);
    if (!index.lengths.isEmpty() && dialect != MySql)
        return refuseOn(dialect, field, QStringLiteral("lengths"),
                        QStringLiteral("prefix indexes are MySQL's; %1 indexes whole values").arg(engineTitle(dialect)), error);
    if (hasExpressionEntry(*table, index) && (dialect == MySql || dialect == SqlServer))
        return refuseOn(dialect, field, QStringLiteral("expressions"),
                        dialect == MySql ? QStringLiteral("MariaDB has no expression (functional) key parts and MySQL "
                                                          "needs 8.0.13; index a generated column instead")
                                         : QStringLiteral("SQL Server indexes columns only; index a computed column instead"),
                        error);
    if (dialect == SqlServer && index.unique && index.where.isEmpty()) {
        for (const QString &c : index.columns) {
            const Column *column = table->column(c);
            if (column && column->nullable)
                return refuseOn(dialect, field, QStringLiteral("unique"),
                                QStringLiteral("SQL Server's unique index admits one NULL only, and %1.%2 is nullable; "
                                               "give 'where' \"%2 IS NOT NULL\" (a filtered index) to keep NULLs apart")
                                    .arg(table->name, c),
                                error);
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// drop_index

bool decomposeDropIndex(const KindSpec &spec,
                        const Refactoring &r,
                        const Schema &before,
                        const QString &field,
                        QList<Step> *steps,
                        PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QString indexName = p.string(QStringLiteral("index"));
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    if (!p.ok())
        return false;
    const Index *index = table->index(indexName);
    if (index->unique && index->where.isEmpty()) {
        const QStringList needing = keysBackedOnlyBy(before, *table, index->columns, index->name);
        if (!needing.isEmpty())
            return p.fail(QStringLiteral("index"),
                          QStringLiteral("%1 is what %2 references; drop or re-point that key first")
                              .arg(indexName, needing.join(QStringLiteral(", "))));
    }
    appendStep(spec, QStringLiteral("stop_relying"), steps).usage.append(usageOf(tableName));
    appendStep(spec, QStringLiteral("contract"), steps).ops.append(indexOp(SchemaOp::Type::DropIndex, tableName, *index));
    return true;
}

bool checkDropIndex(const KindSpec &, const Refactoring &r, const Schema &before, const QString &dialect,
                    const QString &field, PlanError *error)
{
    const Table *table = before.table(r.params.value(QStringLiteral("table")).toString());
    const Index *index = table ? table->index(r.params.value(QStringLiteral("index")).toString()) : nullptr;
    if (!index || dialect != MySql)
        return true;
    const QStringList needing = mysqlKeysNeedingIndex(*table, index->name, index->columns);
    if (!needing.isEmpty())
        return refuseOn(dialect, field, QStringLiteral("index"),
                        QStringLiteral("%1 is the only index on the columns of foreign key %2, and MySQL keeps one for "
                                       "every foreign key (ERROR 1553); add another index on them first")
                            .arg(index->name, needing.join(QStringLiteral(", "))),
                        error);
    return true;
}

// ---------------------------------------------------------------------------------------------
// rename_index, rename_constraint

/** One instant step that gives the index (rename_index) or constraint (rename_constraint) in
 *  the parameter of that name its new name `to`. */
bool decomposeRename(const KindSpec &spec,
                     const Refactoring &r,
                     const Schema &before,
                     const QString &field,
                     QList<Step> *steps,
                     PlanError *error)
{
    Params p(spec, r, field, error);
    const bool isIndex = spec.param(QStringLiteral("index"));
    const QString tableName = p.string(QStringLiteral("table"));
    const QString name = p.string(isIndex ? QStringLiteral("index") : QStringLiteral("constraint"));
    const QString to = p.string(QStringLiteral("to"));
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    if (p.ok() && nameTaken(before, to))
        p.fail(QStringLiteral("to"), QStringLiteral("the name %1 is taken by a table, index, constraint or sequence").arg(to));
    if (!p.ok())
        return false;
    SchemaOp rename = isIndex ? indexOp(SchemaOp::Type::RenameIndex, tableName, *table->index(name))
                              : constraintOp(SchemaOp::Type::RenameConstraint, tableName, *table->constraint(name));
    rename.newName = to;
    appendStep(spec, QStringLiteral("contract"), steps).ops.append(rename);
    return true;
}

// ---------------------------------------------------------------------------------------------
// add_unique, add_check, add_foreign_key, add_primary_key: honour first, constraint a release later

/** The two steps of a constraint an older version may break: the new version honours
 *  @p honours (keys of @p constraint's table), then @p ops add it. */
void honourThenConstrain(const KindSpec &spec, const QString &table, const QStringList &honours, const UsageOp &writes,
                         const QList<SchemaOp> &ops, QList<Step> *steps)
{
    Step &honour = appendStep(spec, QStringLiteral("honour"), steps);
    UsageOp use = writes;
    use.table = table;
    use.honoursAdd += honours;
    honour.usage.append(use);
    appendStep(spec, QStringLiteral("contract"), steps).ops += ops;
}

bool decomposeAddUnique(const KindSpec &spec,
                        const Refactoring &r,
                        const Schema &before,
                        const QString &field,
                        QList<Step> *steps,
                        PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QStringList columns = p.strings(QStringLiteral("columns"), 1);
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    if (!p.ok())
        return false;
    const QStringList already = uniqueKeysOn(*table, columns);
    if (!already.isEmpty())
        return p.fail(QStringLiteral("columns"), QStringLiteral("(%1) of %2 is unique already (%3)")
                                                     .arg(columns.join(QStringLiteral(", ")), tableName,
                                                          already.join(QStringLiteral(", "))));
    Constraint unique;
    unique.kind = Constraint::Kind::Unique;
    unique.columns = columns;
    unique.name = newObjectName(p, before, QStringLiteral("name"),
                                tableName + QLatin1Char('_') + columns.join(QLatin1Char('_')), QStringLiteral("_key"));
    if (!p.ok())
        return false;
    honourThenConstrain(spec, tableName, {unique.key()}, {},
                        {constraintOp(SchemaOp::Type::AddConstraint, tableName, unique)}, steps);
    return true;
}

bool checkNullableUnique(const Refactoring &r, const Schema &before, const QString &dialect, const QString &field,
                         PlanError *error)
{
    const Table *table = before.table(r.params.value(QStringLiteral("table")).toString());
    if (!table || dialect != SqlServer)
        return true;
    for (const QJsonValue &v : r.params.value(QStringLiteral("columns")).toArray()) {
        const Column *c = table->column(v.toString());
        if (c && c->nullable)
            return refuseOn(dialect, field, QStringLiteral("columns"),
                            QStringLiteral("SQL Server's UNIQUE admits one NULL only, and %1.%2 is nullable: make it NOT "
                                           "NULL first (set_not_null), or use add_index with unique and where \"%2 IS "
                                           "NOT NULL\"")
                                .arg(table->name, c->name),
                            error);
    }
    return true;
}

bool checkAddUnique(const KindSpec &, const Refactoring &r, const Schema &before, const QString &dialect,
                    const QString &field, PlanError *error)
{
    return checkNullableUnique(r, before, dialect, field, error);
}

bool decomposeAddCheck(const KindSpec &spec,
                       const Refactoring &r,
                       const Schema &before,
                       const QString &field,
                       QList<Step> *steps,
                       PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QString expression = p.string(QStringLiteral("expression")).trimmed();
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    if (!p.ok())
        return false;
    Constraint check;
    check.kind = Constraint::Kind::Check;
    check.expression = expression;
    for (const Column &c : table->columns) {
        if (Carry::mentions(expression, c.name))
            check.columns << c.name;
    }
    if (check.columns.isEmpty())
        return p.fail(QStringLiteral("expression"),
                      QStringLiteral("the expression names no column of %1: a CHECK is about the row's values").arg(tableName));
    check.name = newObjectName(p, before, QStringLiteral("name"),
                               tableName + QLatin1Char('_') + check.columns.join(QLatin1Char('_')), QStringLiteral("_check"));
    if (!p.ok())
        return false;
    honourThenConstrain(spec, tableName, {check.key()}, {},
                        {constraintOp(SchemaOp::Type::AddConstraint, tableName, check)}, steps);
    return true;
}

const QStringList Actions{QStringLiteral("NO ACTION"), QStringLiteral("RESTRICT"), QStringLiteral("CASCADE"),
                          QStringLiteral("SET NULL"), QStringLiteral("SET DEFAULT")};

/** The foreign key an add_foreign_key refactoring adds, checked. */
bool readForeignKey(Params &p, const Schema &before, Constraint *fk)
{
    const QString tableName = p.string(QStringLiteral("table"));
    const QStringList columns = p.strings(QStringLiteral("columns"), 1);
    const QString refTableName = p.string(QStringLiteral("refTable"));
    const QStringList refColumns = p.strings(QStringLiteral("refColumns"), 1);
    const QString onDelete = p.string(QStringLiteral("onDelete"), false);
    const QString onUpdate = p.string(QStringLiteral("onUpdate"), false);
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    const Table *parent = p.table(before, QStringLiteral("refTable"), refTableName);
    if (!p.ok())
        return false;
    if (refColumns.size() != columns.size())
        return p.fail(QStringLiteral("refColumns"), QStringLiteral("%1 columns reference %2: a key pairs them one to one")
                                                        .arg(columns.size()).arg(refColumns.size()));
    if (uniqueKeysOn(*parent, refColumns).isEmpty())
        return p.fail(QStringLiteral("refColumns"),
                      QStringLiteral("%1(%2) has no PRIMARY KEY, UNIQUE constraint or unique index on exactly these "
                                     "columns; a foreign key must reference one (add_unique first)")
                          .arg(refTableName, refColumns.join(QStringLiteral(", "))));
    for (int i = 0; i < columns.size(); ++i) {
        const Column *c = table->column(columns.at(i));
        const Column *ref = parent->column(refColumns.at(i));
        if (!keyTypesMatch(c->type, ref->type))
            return p.fail(QStringLiteral("columns"),
                          QStringLiteral("%1.%2 is %3 and %4.%5 is %6: the engines need a key's columns of the same type "
                                         "(integers of one size, text of any length)")
                              .arg(tableName, c->name, c->type, refTableName, ref->name, ref->type));
    }
    fk->kind = Constraint::Kind::ForeignKey;
    fk->columns = columns;
    fk->refTable = refTableName;
    fk->refColumns = refColumns;
    for (const auto &[param, text, action] : {std::tuple{QStringLiteral("onDelete"), onDelete, &fk->onDelete},
                                              std::tuple{QStringLiteral("onUpdate"), onUpdate, &fk->onUpdate}}) {
        Constraint::normalizeAction(text, action);
        if (*action == QLatin1String("SET NULL")) {
            for (const QString &name : columns) {
                if (!table->column(name)->nullable)
                    return p.fail(param, QStringLiteral("SET NULL on %1.%2, which is NOT NULL: the %3 would fail")
                                             .arg(tableName, name,
                                                  param == QLatin1String("onDelete") ? QStringLiteral("delete") : QStringLiteral("update")));
            }
        }
        if (*action == QLatin1String("SET DEFAULT")) {
            for (const QString &name : columns) {
                const Column *c = table->column(name);
                if (!c->hasDefault() && !c->nullable)
                    return p.fail(param, QStringLiteral("SET DEFAULT on %1.%2, which is NOT NULL without a default")
                                             .arg(tableName, name));
            }
        }
    }
    for (const Constraint &c : table->constraints) {
        if (c.kind == Constraint::Kind::ForeignKey && c.columns == columns && c.refTable == refTableName
            && sameSet(c.refColumns.isEmpty() ? parent->primaryKey : c.refColumns, refColumns))
            return p.fail(QStringLiteral("columns"), QStringLiteral("foreign key %1 of %2 is this key already").arg(c.name, tableName));
    }
    fk->name = newObjectName(p, before, QStringLiteral("name"),
                             tableName + QLatin1Char('_') + columns.join(QLatin1Char('_')), QStringLiteral("_fkey"));
    return p.ok();
}

bool decomposeAddForeignKey(const KindSpec &spec,
                            const Refactoring &r,
                            const Schema &before,
                            const QString &field,
                            QList<Step> *steps,
                            PlanError *error)
{
    Params p(spec, r, field, error);
    Constraint fk;
    if (!readForeignKey(p, before, &fk))
        return false;
    const QString table = r.params.value(QStringLiteral("table")).toString();
    honourThenConstrain(spec, table, {fk.key()}, {}, {constraintOp(SchemaOp::Type::AddConstraint, table, fk)}, steps);
    return true;
}

bool checkAddForeignKey(const KindSpec &spec, const Refactoring &r, const Schema &before, const QString &dialect,
                        const QString &field, PlanError *error)
{
    Params p(spec, r, field, error);
    Constraint fk;
    if (!readForeignKey(p, before, &fk))
        return false;
    for (const auto &[param, action] : {std::pair{QStringLiteral("onDelete"), fk.onDelete},
                                        std::pair{QStringLiteral("onUpdate"), fk.onUpdate}}) {
        if (action == QLatin1String("SET DEFAULT") && dialect == MySql)
            return refuseOn(dialect, field, param, QStringLiteral("InnoDB rejects SET DEFAULT in a foreign key"), error);
        const bool acts = !action.isEmpty() && action != QLatin1String("RESTRICT");
        if (acts && dialect == SqlServer && fk.refTable == r.params.value(QStringLiteral("table")).toString())
            return refuseOn(dialect, field, param,
                            QStringLiteral("SQL Server refuses a key of a table to itself with %1 (cycles or multiple "
                                           "cascade paths)").arg(action),
                            error);
    }
    return true;
}

bool decomposeAddPrimaryKey(const KindSpec &spec,
                            const Refactoring &r,
                            const Schema &before,
                            const QString &field,
                            QList<Step> *steps,
                            PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QStringList columns = p.strings(QStringLiteral("columns"), 1);
    const bool replace = p.boolean(QStringLiteral("replace"), false);
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    if (!p.ok())
        return false;
    if (!table->primaryKey.isEmpty() && !replace)
        return p.fail(QStringLiteral("replace"),
                      QStringLiteral("%1 has a primary key already (%2); set 'replace' to true to change it")
                          .arg(tableName, table->primaryKey.join(QStringLiteral(", "))));
    if (table->primaryKey.isEmpty() && replace)
        return p.fail(QStringLiteral("replace"), QStringLiteral("%1 has no primary key to replace").arg(tableName));
    if (replace && table->primaryKey == columns)
        return p.fail(QStringLiteral("columns"), QStringLiteral("(%1) is the primary key of %2 already")
                                                     .arg(columns.join(QStringLiteral(", ")), tableName));
    for (const QString &name : columns) {
        const Column *c = table->column(name);
        if (c->generated && !c->generatedStored)
            return p.fail(QStringLiteral("columns"), QStringLiteral("%1.%2 is a virtual generated column; a key needs "
                                                                    "stored values").arg(tableName, name));
    }
    if (replace) {
        const QStringList needing = keysBackedOnlyBy(before, *table, table->primaryKey, QStringLiteral("primary key"));
        if (!needing.isEmpty())
            return p.fail(QStringLiteral("replace"),
                          QStringLiteral("%1 references the primary key (%2) of %3; drop it or point it at a UNIQUE "
                                         "on those columns (add_unique) first")
                              .arg(needing.join(QStringLiteral(", ")), table->primaryKey.join(QStringLiteral(", ")), tableName));
    }
    Constraint pk;
    pk.kind = Constraint::Kind::PrimaryKey;
    pk.columns = columns;
    pk.name = newObjectName(p, before, QStringLiteral("name"),
                            replace ? tableName + QLatin1Char('_') + columns.join(QLatin1Char('_')) : tableName,
                            QStringLiteral("_pkey"));
    if (!p.ok())
        return false;
    // Key columns are NOT NULL: every version writes them (rule 2) and honours that too.
    UsageOp writes;
    QStringList honours{pk.key()};
    QList<SchemaOp> ops;
    for (const QString &name : columns) {
        const Column *c = table->column(name);
        if (!c->nullable)
            continue;
        writes.writesAdd << name;
        writes.writeTypes.insert(name, {c->type});
        honours << notNullKey(name);
        ops << columnOp(SchemaOp::Type::SetNotNull, tableName, name);
    }
    ops << constraintOp(SchemaOp::Type::AddConstraint, tableName, pk);
    honourThenConstrain(spec, tableName, honours, writes, ops, steps);
    return true;
}

bool checkAddPrimaryKey(const KindSpec &, const Refactoring &r, const Schema &before, const QString &dialect,
                        const QString &field, PlanError *error)
{
    const Table *table = before.table(r.params.value(QStringLiteral("table")).toString());
    if (!table || table->primaryKey.isEmpty())
        return true;
    QStringList columns;
    for (const QJsonValue &v : r.params.value(QStringLiteral("columns")).toArray())
        columns << v.toString();
    for (const QString &name : table->primaryKey) {
        const Column *c = table->column(name);
        if (!c || !c->identity)
            continue;
        if (dialect == Sqlite)
            return refuseOn(dialect, field, QStringLiteral("replace"),
                            QStringLiteral("%1.%2 is SQLite's rowid (INTEGER PRIMARY KEY): it stops being filled once "
                                           "it is not the key")
                                .arg(table->name, name),
                            error);
        if (dialect == MySql && columns.value(0) != name)
            return refuseOn(dialect, field, QStringLiteral("replace"),
                            QStringLiteral("%1.%2 is AUTO_INCREMENT, which MySQL keeps only as the first column of a "
                                           "key (ERROR 1075); make it the first column of the new key")
                                .arg(table->name, name),
                            error);
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// drop_constraint

bool decomposeDropConstraint(const KindSpec &spec,
                             const Refactoring &r,
                             const Schema &before,
                             const QString &field,
                             QList<Step> *steps,
                             PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QString name = p.string(QStringLiteral("constraint"));
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    if (!p.ok())
        return false;
    const Constraint *c = table->constraint(name);
    if (c->kind == Constraint::Kind::PrimaryKey || c->kind == Constraint::Kind::Unique) {
        const QStringList needing = keysBackedOnlyBy(before, *table, c->columns,
                                                     c->kind == Constraint::Kind::PrimaryKey ? QStringLiteral("primary key") : c->name);
        if (!needing.isEmpty())
            return p.fail(QStringLiteral("constraint"),
                          QStringLiteral("%1 references %2 (%3); drop or re-point that key first")
                              .arg(needing.join(QStringLiteral(", ")), name, c->columns.join(QStringLiteral(", "))));
    }
    appendStep(spec, QStringLiteral("stop_relying"), steps).usage.append(usageOf(tableName));
    appendStep(spec, QStringLiteral("contract"), steps).ops.append(constraintOp(SchemaOp::Type::DropConstraint, tableName, *c));
    return true;
}

bool checkDropConstraint(const KindSpec &, const Refactoring &r, const Schema &before, const QString &dialect,
                         const QString &field, PlanError *error)
{
    const Table *table = before.table(r.params.value(QStringLiteral("table")).toString());
    const Constraint *c = table ? table->constraint(r.params.value(QStringLiteral("constraint")).toString()) : nullptr;
    if (!c || (c->kind != Constraint::Kind::PrimaryKey && c->kind != Constraint::Kind::Unique))
        return true;
    if (dialect == Sqlite && c->kind == Constraint::Kind::PrimaryKey) {
        for (const QString &name : c->columns) {
            const Column *column = table->column(name);
            if (column && column->identity)
                return refuseOn(dialect, field, QStringLiteral("constraint"),
                                QStringLiteral("%1.%2 is SQLite's rowid (INTEGER PRIMARY KEY): it stops being filled once "
                                               "it is not the key")
                                    .arg(table->name, name),
                                error);
        }
    }
    if (dialect == MySql) {
        const QStringList needing = mysqlKeysNeedingIndex(*table, c->kind == Constraint::Kind::PrimaryKey ? QStringLiteral("PRIMARY") : c->name,
                                                          c->columns);
        if (!needing.isEmpty())
            return refuseOn(dialect, field, QStringLiteral("constraint"),
                            QStringLiteral("%1 is the only index on the columns of foreign key %2, and MySQL keeps one "
                                           "for every foreign key (ERROR 1553); add an index on them first")
                                .arg(c->name, needing.join(QStringLiteral(", "))),
                            error);
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Examples (KindSpec::example): the table has id, <prefix>a (NOT NULL) and <prefix>b

QString a(const QString &prefix) { return prefix + QStringLiteral("a"); }
QString b(const QString &prefix) { return prefix + QStringLiteral("b"); }

Table *exampleTable(Schema *schema, const QString &table)
{
    Table *t = schema->table(table);
    Q_ASSERT(t);
    return t;
}

QJsonObject exampleAddIndex(Schema *, const QString &table, const QString &prefix, int variant, const QString &)
{
    QJsonArray columns{b(prefix)};
    if (((variant % 2) + 2) % 2)
        columns = QJsonArray{a(prefix), b(prefix)};
    return {{QStringLiteral("table"), table}, {QStringLiteral("columns"), columns}};
}

QJsonObject exampleDropIndex(Schema *schema, const QString &table, const QString &prefix, int, const QString &)
{
    Index index;
    index.name = table + QLatin1Char('_') + prefix + QStringLiteral("old_idx");
    index.columns = {b(prefix)};
    exampleTable(schema, table)->indexes.append(index);
    return {{QStringLiteral("table"), table}, {QStringLiteral("index"), index.name}};
}

QJsonObject exampleRenameIndex(Schema *schema, const QString &table, const QString &prefix, int, const QString &)
{
    Index index;
    index.name = table + QLatin1Char('_') + prefix + QStringLiteral("b_idx");
    index.columns = {b(prefix)};
    exampleTable(schema, table)->indexes.append(index);
    return {{QStringLiteral("table"), table},
            {QStringLiteral("index"), index.name},
            {QStringLiteral("to"), table + QLatin1Char('_') + prefix + QStringLiteral("b_lookup")}};
}

QJsonObject exampleAddUnique(Schema *, const QString &table, const QString &prefix, int, const QString &)
{
    return {{QStringLiteral("table"), table}, {QStringLiteral("columns"), QJsonArray{a(prefix)}}};
}

QJsonObject exampleAddCheck(Schema *, const QString &table, const QString &prefix, int, const QString &)
{
    return {{QStringLiteral("table"), table}, {QStringLiteral("expression"), a(prefix) + QStringLiteral(" <> ''")}};
}

/** A parent table `<table>_<prefix>parent` (identity id) and `<prefix>parent_id` in the table. */
QJsonObject exampleAddForeignKey(Schema *schema, const QString &table, const QString &prefix, int, const QString &)
{
    Table parent;
    parent.name = table + QLatin1Char('_') + prefix + QStringLiteral("parent");
    Column id = newColumn(QStringLiteral("id"), QStringLiteral("integer"));
    id.nullable = false;
    id.identity = true;
    parent.columns = {id, exampleColumn(QStringLiteral("label"), true)};
    parent.primaryKey = {id.name};
    Constraint pk;
    pk.kind = Constraint::Kind::PrimaryKey;
    pk.name = Identifiers::derive(parent.name, QStringLiteral("_pkey"));
    pk.columns = {id.name};
    parent.constraints = {pk};
    schema->tables.insert(parent.name, parent);
    const QString column = prefix + QStringLiteral("parent_id");
    exampleTable(schema, table)->columns.append(newColumn(column, QStringLiteral("integer")));
    return {{QStringLiteral("table"), table},
            {QStringLiteral("columns"), QJsonArray{column}},
            {QStringLiteral("refTable"), parent.name},
            {QStringLiteral("refColumns"), QJsonArray{id.name}},
            {QStringLiteral("onDelete"), QStringLiteral("SET NULL")}};
}

/** A table `<table>_<prefix>keyed` without a key: `code` integer NOT NULL and a label. */
QJsonObject exampleAddPrimaryKey(Schema *schema, const QString &table, const QString &prefix, int, const QString &)
{
    Table keyed;
    keyed.name = table + QLatin1Char('_') + prefix + QStringLiteral("keyed");
    Column code = newColumn(QStringLiteral("code"), QStringLiteral("integer"));
    code.nullable = false;
    keyed.columns = {code, exampleColumn(QStringLiteral("label"), true)};
    schema->tables.insert(keyed.name, keyed);
    return {{QStringLiteral("table"), keyed.name}, {QStringLiteral("columns"), QJsonArray{code.name}}};
}

QJsonObject exampleDropConstraint(Schema *schema, const QString &table, const QString &prefix, int, const QString &)
{
    Constraint check;
    check.kind = Constraint::Kind::Check;
    check.name = table + QLatin1Char('_') + prefix + QStringLiteral("a_check");
    check.columns = {a(prefix)};
    check.expression = a(prefix) + QStringLiteral(" <> ''");
    exampleTable(schema, table)->constraints.append(check);
    return {{QStringLiteral("table"), table}, {QStringLiteral("constraint"), check.name}};
}

QJsonObject exampleRenameConstraint(Schema *schema, const QString &table, const QString &prefix, int, const QString &)
{
    Constraint unique;
    unique.kind = Constraint::Kind::Unique;
    unique.name = table + QLatin1Char('_') + prefix + QStringLiteral("a_key");
    unique.columns = {a(prefix)};
    exampleTable(schema, table)->constraints.append(unique);
    return {{QStringLiteral("table"), table},
            {QStringLiteral("constraint"), unique.name},
            {QStringLiteral("to"), table + QLatin1Char('_') + prefix + QStringLiteral("a_unique")}};
}

} // namespace

QList<KindSpec> keyKinds()
{
    const auto table = param(QStringLiteral("table"), ParamType::Table, QStringLiteral("the table"));
    const auto name = [](const QString &what, const QString &derived) {
        return param(QStringLiteral("name"), ParamType::Name,
                     QStringLiteral("name of the new %1 (default: %2, numbered when taken, fitted to 63 bytes)").arg(what, derived),
                     false);
    };
    const QString honourDescription = QStringLiteral(
        "the new version writes only rows the constraint admits (existing rows that break it must be fixed "
        "before the next release)");
    const QString relyDescription = QStringLiteral(
        "the new version stops relying on it: its queries do not need it, it checks what the database "
        "would have refused, and it expects no cascade or upsert through it");
    QList<KindSpec> kinds;

    KindSpec addIndex{
        QStringLiteral("add_index"),
        QStringLiteral("Add index"),
        QStringLiteral("Builds an index online (PostgreSQL CONCURRENTLY, MySQL INPLACE without locks, SQL "
                       "Server ONLINE = ON on Enterprise; SQLite blocks its one writer for the build). A unique "
                       "index waits a release, until every running version writes no duplicates."),
        {table,
         name(QStringLiteral("index"), QStringLiteral("<table>_<columns>_idx")),
         param(QStringLiteral("columns"), ParamType::Columns, QStringLiteral("key columns, in order"), false),
         param(QStringLiteral("expressions"), ParamType::Values,
               QStringLiteral("key expressions (user SQL), after the columns (PostgreSQL, SQLite)"), false),
         param(QStringLiteral("unique"), ParamType::Bool, QStringLiteral("whether the index refuses duplicates"), false,
               QStringLiteral("false")),
         param(QStringLiteral("where"), ParamType::Sql,
               QStringLiteral("predicate of a partial index (PostgreSQL, SQLite, SQL Server filtered index)"), false),
         param(QStringLiteral("include"), ParamType::Columns,
               QStringLiteral("non-key columns the index covers (PostgreSQL 11+, SQL Server)"), false),
         choice(QStringLiteral("method"), {QStringLiteral("btree"), QStringLiteral("hash"), QStringLiteral("gin"), QStringLiteral("gist")},
                QStringLiteral("access method (PostgreSQL; the others build B-trees)"), false, QStringLiteral("btree")),
         param(QStringLiteral("lengths"), ParamType::Values,
               QStringLiteral("MySQL prefix lengths, one per column in order (\"0\": the whole column)"), false)},
        {step(QStringLiteral("expand"), 0, Phase::Pre, QStringLiteral("expand"),
              QStringLiteral("build the index online, outside a transaction"), {},
              QStringLiteral("when the index is not unique")),
         step(QStringLiteral("honour"), 0, Phase::App, QStringLiteral("app"),
              QStringLiteral("the new version writes no duplicates of the key"), {}, QStringLiteral("when unique")),
         step(QStringLiteral("constraint"), 1, Phase::Pre, QStringLiteral("constraint"),
              QStringLiteral("build the unique index online once every running version writes no duplicates"),
              {QStringLiteral("honour")}, QStringLiteral("when unique"))},
        decomposeAddIndex,
        exampleAddIndex};
    addIndex.checkDialect = checkAddIndex;
    kinds.append(addIndex);

    KindSpec dropIndex{
        QStringLiteral("drop_index"),
        QStringLiteral("Drop index"),
        QStringLiteral("The new version stops relying on the index (for speed, or for refusing duplicates); "
                       "the index goes a release later (PostgreSQL DROP INDEX CONCURRENTLY)."),
        {table, param(QStringLiteral("index"), ParamType::Index, QStringLiteral("the index"))},
        {step(QStringLiteral("stop_relying"), 0, Phase::App, QStringLiteral("app"), relyDescription),
         step(QStringLiteral("contract"), 1, Phase::Pre, QStringLiteral("contract"),
              QStringLiteral("drop the index once no running version (nor a rollback target) relies on it"),
              {QStringLiteral("stop_relying")})},
        decomposeDropIndex,
        exampleDropIndex};
    dropIndex.checkDialect = checkDropIndex;
    kinds.append(dropIndex);

    kinds.append(
        {QStringLiteral("rename_index"),
         QStringLiteral("Rename index"),
         QStringLiteral("Renames an index in place (instant; SQLite has no rename: the index is dropped and "
                        "built again under the new name)."),
         {table, param(QStringLiteral("index"), ParamType::Index, QStringLiteral("the index")),
          param(QStringLiteral("to"), ParamType::Name, QStringLiteral("the new name"))},
         {step(QStringLiteral("contract"), 0, Phase::Pre, QStringLiteral("contract"),
               QStringLiteral("rename the index (nothing when it has the new name already)"))},
         decomposeRename,
         exampleRenameIndex});

    const auto columns = param(QStringLiteral("columns"), ParamType::Columns, QStringLiteral("the key's columns, in order"));

    KindSpec addUnique{
        QStringLiteral("add_unique"),
        QStringLiteral("Add UNIQUE constraint"),
        QStringLiteral("The new version writes no duplicates; a release later the constraint comes, built "
                       "online (PostgreSQL: unique index CONCURRENTLY, then ADD CONSTRAINT … USING INDEX)."),
        {table, columns, name(QStringLiteral("constraint"), QStringLiteral("<table>_<columns>_key"))},
        {step(QStringLiteral("honour"), 0, Phase::App, QStringLiteral("app"), honourDescription),
         step(QStringLiteral("contract"), 1, Phase::Pre, QStringLiteral("constraint"),
              QStringLiteral("add the UNIQUE constraint online once every running version honours it"),
              {QStringLiteral("honour")})},
        decomposeAddUnique,
        exampleAddUnique};
    addUnique.checkDialect = checkAddUnique;
    kinds.append(addUnique);

    kinds.append(
        {QStringLiteral("add_check"),
         QStringLiteral("Add CHECK constraint"),
         QStringLiteral("The new version writes only rows the CHECK admits; a release later the CHECK comes "
                        "(PostgreSQL NOT VALID + VALIDATE, SQL Server WITH NOCHECK + a check of existing rows; "
                        "MySQL copies the table: offline; SQLite rebuilds it)."),
         {table, name(QStringLiteral("constraint"), QStringLiteral("<table>_<columns>_check")),
          param(QStringLiteral("expression"), ParamType::Sql, QStringLiteral("the condition every row must meet"))},
         {step(QStringLiteral("honour"), 0, Phase::App, QStringLiteral("app"), honourDescription),
          step(QStringLiteral("contract"), 1, Phase::Pre, QStringLiteral("constraint"),
               QStringLiteral("add the CHECK once every running version honours it, validating existing rows "
                              "without blocking writes where the engine can"),
               {QStringLiteral("honour")})},
         decomposeAddCheck,
         exampleAddCheck});

    KindSpec addForeignKey{
        QStringLiteral("add_foreign_key"),
        QStringLiteral("Add foreign key"),
        QStringLiteral("The new version writes only rows whose parent exists (and deletes no parent a row "
                       "needs); a release later the key comes (PostgreSQL NOT VALID + VALIDATE, SQL Server "
                       "WITH NOCHECK + a check, MySQL a check then in place without re-checking, SQLite a "
                       "rebuild)."),
        {table, columns, param(QStringLiteral("refTable"), ParamType::Table, QStringLiteral("the referenced table")),
         paramOf(QStringLiteral("refColumns"), ParamType::Columns, QStringLiteral("refTable"),
                 QStringLiteral("its primary key or UNIQUE columns, paired with 'columns'")),
         choice(QStringLiteral("onDelete"), Actions, QStringLiteral("what deleting a parent does"), false, QStringLiteral("NO ACTION")),
         choice(QStringLiteral("onUpdate"), Actions, QStringLiteral("what changing a parent's key does"), false, QStringLiteral("NO ACTION")),
         name(QStringLiteral("constraint"), QStringLiteral("<table>_<columns>_fkey"))},
        {step(QStringLiteral("honour"), 0, Phase::App, QStringLiteral("app"), honourDescription),
         step(QStringLiteral("contract"), 1, Phase::Pre, QStringLiteral("constraint"),
              QStringLiteral("add the foreign key once every running version honours it, validating existing rows "
                             "without blocking writes where the engine can"),
              {QStringLiteral("honour")})},
        decomposeAddForeignKey,
        exampleAddForeignKey};
    addForeignKey.checkDialect = checkAddForeignKey;
    kinds.append(addForeignKey);

    KindSpec addPrimaryKey{
        QStringLiteral("add_primary_key"),
        QStringLiteral("Add or change primary key"),
        QStringLiteral("The new version writes every key column and no duplicate key; a release later the "
                       "key comes (PostgreSQL: NOT NULL online, unique index CONCURRENTLY, ADD PRIMARY KEY USING "
                       "INDEX; MySQL in place; SQLite a rebuild). With 'replace' it takes the old key's place."),
        {table, columns, name(QStringLiteral("constraint"), QStringLiteral("<table>_pkey, or <table>_<columns>_pkey with 'replace'")),
         param(QStringLiteral("replace"), ParamType::Bool,
               QStringLiteral("replace the table's primary key (refused while foreign keys reference it)"), false,
               QStringLiteral("false"))},
        {step(QStringLiteral("honour"), 0, Phase::App, QStringLiteral("app"),
              QStringLiteral("the new version writes every key column and no duplicate key (and, replacing a key, "
                             "stops relying on the old one)")),
         step(QStringLiteral("contract"), 1, Phase::Pre, QStringLiteral("constraint"),
              QStringLiteral("make the key columns NOT NULL and add the key online (replacing the old one in the same "
                             "statement where the engine can)"),
              {QStringLiteral("honour")})},
        decomposeAddPrimaryKey,
        exampleAddPrimaryKey};
    addPrimaryKey.checkDialect = checkAddPrimaryKey;
    kinds.append(addPrimaryKey);

    KindSpec dropConstraint{
        QStringLiteral("drop_constraint"),
        QStringLiteral("Drop constraint"),
        QStringLiteral("The new version stops relying on the constraint (the database refusing rows, cascades, "
                       "upserts); it goes a release later, when no running version or rollback target relies on it."),
        {table, param(QStringLiteral("constraint"), ParamType::Constraint, QStringLiteral("the constraint"))},
        {step(QStringLiteral("stop_relying"), 0, Phase::App, QStringLiteral("app"), relyDescription),
         step(QStringLiteral("contract"), 1, Phase::Pre, QStringLiteral("contract"),
              QStringLiteral("drop the constraint once no running version (nor a rollback target) relies on it"),
              {QStringLiteral("stop_relying")})},
        decomposeDropConstraint,
        exampleDropConstraint};
    dropConstraint.checkDialect = checkDropConstraint;
    kinds.append(dropConstraint);

    kinds.append(
        {QStringLiteral("rename_constraint"),
         QStringLiteral("Rename constraint"),
         QStringLiteral("Renames a constraint in place (PostgreSQL, SQL Server; MySQL renames a UNIQUE in place, a "
                        "foreign key by drop and add in one statement, a CHECK only by a copy: offline; SQLite "
                        "rebuilds the table)."),
         {table, param(QStringLiteral("constraint"), ParamType::Constraint, QStringLiteral("the constraint")),
          param(QStringLiteral("to"), ParamType::Name, QStringLiteral("the new name"))},
         {step(QStringLiteral("contract"), 0, Phase::Pre, QStringLiteral("contract"),
               QStringLiteral("rename the constraint (nothing when it has the new name already)"))},
         decomposeRename,
         exampleRenameConstraint});
    return kinds;
}

} // namespace Tideline::Kinds
