// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kindbuilder.h"

#include "carry.h"

#include <QRegularExpression>

namespace Tideline::Kinds {

/** Instantiates a step of @p spec; the offset, phase and dependencies come from the catalog. */
Step makeStep(const KindSpec &spec, const QString &name)
{
    const StepSpec *s = spec.step(name);
    Q_ASSERT(s);
    Step step;
    step.name = s->name;
    step.offset = s->offset;
    step.phase = s->phase;
    step.category = s->category;
    step.description = s->description;
    step.dependsOn = s->dependsOn;
    return step;
}

/** Appends the catalog step @p name to @p steps and returns it, to be filled in. */
Step &appendStep(const KindSpec &spec, const QString &name, QList<Step> *steps)
{
    steps->append(makeStep(spec, name));
    return steps->last();
}

UsageOp usageOf(const QString &table)
{
    UsageOp op;
    op.table = table;
    return op;
}

SchemaOp addColumnOp(const QString &table, const Column &column)
{
    SchemaOp op;
    op.type = SchemaOp::Type::AddColumn;
    op.table = table;
    op.column = column;
    return op;
}

SchemaOp columnOp(SchemaOp::Type type, const QString &table, const QString &column)
{
    SchemaOp op;
    op.type = type;
    op.table = table;
    op.columnName = column;
    return op;
}

SchemaOp backfillOp(const QString &table,
                    const QString &column,
                    const QString &expression,
                    const QString &sourceColumn)
{
    SchemaOp op = columnOp(SchemaOp::Type::Backfill, table, column);
    op.expression = expression;
    op.sourceColumn = sourceColumn;
    return op;
}

/** Columns that must lose NOT NULL before app versions stop writing them (the drop trap). */
void relaxForStoppedWriters(const Table &table, const QStringList &columns, Step *expand)
{
    for (const QString &name : columns) {
        const Column *c = table.column(name);
        if (c && !c->nullable && !c->filledByDatabase())
            expand->ops.append(columnOp(SchemaOp::Type::DropNotNull, table.name, name));
    }
}

bool needsRelax(const Table &table, const QStringList &columns)
{
    Step probe;
    relaxForStoppedWriters(table, columns, &probe);
    return !probe.ops.isEmpty();
}

Column newColumn(const QString &name, const QString &type)
{
    Column c;
    c.name = name;
    c.type = type;
    return c;
}

/** A bare copy of @p old named @p name: same type, collation, charset and comment; nullable,
 *  no default, not filled by the database (a default would hide the backfill, DESIGN.md §4). */
Column bareCopy(const Column &old, const QString &name)
{
    Column c = newColumn(name, old.type);
    c.collation = old.collation;
    c.charset = old.charset;
    c.comment = old.comment;
    return c;
}

SchemaOp syncOp(const QString &table, const QString &target, const QStringList &sources,
                const QString &expression)
{
    SchemaOp op = columnOp(SchemaOp::Type::AddSyncTrigger, table, target);
    op.sources = sources;
    op.expression = expression;
    if (expression.isEmpty() && sources.size() == 1)
        op.sourceColumn = sources.first();
    return op;
}

SchemaOp indexOp(SchemaOp::Type type, const QString &table, const Index &index)
{
    SchemaOp op;
    op.type = type;
    op.table = table;
    op.index = index;
    return op;
}

SchemaOp constraintOp(SchemaOp::Type type, const QString &table, const Constraint &constraint)
{
    SchemaOp op;
    op.type = type;
    op.table = table;
    op.constraint = constraint;
    return op;
}

SchemaOp valueOp(SchemaOp::Type type, const QString &table, const QString &column, const QString &value)
{
    SchemaOp op = columnOp(type, table, column);
    op.value = value;
    return op;
}

/**
 * The ops that give @p to what hangs on @p from in @p before, and then take it off @p from:
 *
 * 1. copies of the UNIQUE constraints and unique indexes (the foreign keys below may need them),
 *    of the plain indexes (also partial, expression and INCLUDE ones) and of the CHECKs;
 * 2. each FOREIGN KEY of the table on @p from, and each one of another table that references
 *    @p from, is replaced: the original goes, then its copy comes with the same actions (two
 *    cascading keys between the same tables at once are refused by SQL Server, and the copy is
 *    validated, so a row that slipped in between would fail the step loudly);
 * 3. the originals' UNIQUE and CHECK constraints and unique indexes go.
 *
 * While every running version writes both columns the copies enforce the same; the version
 * that stops writing @p from must not meet the originals (its rows leave @p from NULL or at its
 * default, which an old UNIQUE or an old foreign key pointing at it would refuse). Plain
 * indexes of @p from stay until the contract: versions that read it still use them. The copies
 * get new names (Carry::copyName).
 */
QList<SchemaOp> carryDependents(const Schema &before, const Table &table, const QString &from,
                                const QString &to)
{
    const QMap<QString, QString> renames{{from, to}};
    Carry::TakenNames taken(before);
    auto name = [&](const QString &original, const QString &owner, const QString &suffix) {
        const QString n = Carry::copyName(original, owner, from, to, suffix, taken);
        taken << n;
        return n;
    };
    QList<SchemaOp> uniques, indexes, checks, keys, drops;
    for (const Constraint &c : table.constraints) {
        if (c.kind == Constraint::Kind::PrimaryKey || !Carry::covers(c, from))
            continue;
        static const char *const suffix[] = {"pkey", "key", "check", "fkey"};
        const SchemaOp copy = constraintOp(SchemaOp::Type::AddConstraint, table.name,
                                           Carry::renamedConstraint(c, renames, name(c.name, table.name, QLatin1String(suffix[int(c.kind)]))));
        const SchemaOp drop = constraintOp(SchemaOp::Type::DropConstraint, table.name, c);
        switch (c.kind) {
        case Constraint::Kind::Unique:
            uniques << copy;
            drops << drop;
            break;
        case Constraint::Kind::Check:
            checks << copy;
            drops << drop;
            break;
        case Constraint::Kind::ForeignKey:
            keys << drop << copy;
            break;
        case Constraint::Kind::PrimaryKey:
            break;
        }
    }
    for (const Index &index : table.indexes) {
        if (!Carry::covers(table, index, from))
            continue;
        const SchemaOp copy = indexOp(SchemaOp::Type::AddIndex, table.name,
                                      Carry::renamedIndex(table, index, renames,
                                                          name(index.name, table.name, index.unique ? QStringLiteral("key") : QStringLiteral("idx"))));
        if (index.unique) {
            uniques << copy;
            drops << indexOp(SchemaOp::Type::DropIndex, table.name, index);
        } else {
            indexes << copy;
        }
    }
    for (const auto &[child, fk] : before.referencing(table.name, from)) {
        if (child == table.name && Carry::covers(fk, from))
            continue; // a self-reference on the column itself was replaced above
        Constraint copy = fk;
        copy.refTable = table.name;
        copy.refColumns = fk.refColumns.isEmpty() ? table.primaryKey : fk.refColumns;
        for (QString &c : copy.refColumns)
            c = c == from ? to : c;
        copy.name = name(fk.name, child, QStringLiteral("fkey"));
        keys << constraintOp(SchemaOp::Type::DropConstraint, child, fk)
             << constraintOp(SchemaOp::Type::AddConstraint, child, copy);
    }
    return uniques + indexes + checks + keys + drops;
}

/** @p defaultValue for a column whose type changes: a literal loses the cast to the old type
 *  that PostgreSQL writes ('0'::text becomes '0'), so it fits the new type; anything else is
 *  kept as it is. */
QString adaptedDefault(const QString &defaultValue)
{
    static const QRegularExpression castLiteral(QStringLiteral(
        R"(^\s*\(?\s*((?:'(?:[^']|'')*')|[+-]?\d+(?:\.\d+)?)\s*\)?\s*(?:::\s*[A-Za-z_][A-Za-z0-9_ ]*(?:\([0-9, ]*\))?(?:\[\])?\s*)+$)"));
    const QRegularExpressionMatch m = castLiteral.match(defaultValue);
    return m.hasMatch() ? m.captured(1) : defaultValue;
}

const QString RelaxCondition = QStringLiteral(
    "when a column that versions stop writing is NOT NULL without a default");

ParamSpec param(const QString &name,
                ParamType type,
                const QString &description,
                bool required,
                const QString &defaultValue)
{
    ParamSpec spec;
    spec.name = name;
    spec.type = type;
    spec.required = required;
    spec.defaultValue = defaultValue;
    spec.description = description;
    return spec;
}

ParamSpec paramOf(const QString &name, ParamType type, const QString &of, const QString &description,
                  bool required)
{
    ParamSpec spec = param(name, type, description, required);
    spec.of = of;
    return spec;
}

ParamSpec choice(const QString &name, const QStringList &choices, const QString &description,
                 bool required, const QString &defaultValue)
{
    ParamSpec spec = param(name, ParamType::Choice, description, required, defaultValue);
    spec.choices = choices;
    return spec;
}

StepSpec step(const QString &name,
              int offset,
              Phase phase,
              const QString &category,
              const QString &description,
              const QStringList &dependsOn,
              const QString &condition)
{
    return {name, offset, phase, category, description, condition, dependsOn};
}

Column exampleColumn(const QString &name, bool nullable)
{
    Column c = newColumn(name, QStringLiteral("varchar(255)"));
    c.nullable = nullable;
    return c;
}

} // namespace Tideline::Kinds
