// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaedit.h"

#include "planedits.h"

#include <catalog/catalog.h>
#include <domain/identifiers.h>
#include <sql/dialect.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <functional>
#include <utility>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QString quoted(const QStringList &names)
{
    return names.join(u", "_s);
}

/** What a catalog parameter names, handed to the predicate of refactoringUsing(). */
struct ParamUse
{
    const ParamSpec &spec;
    const QJsonValue &value;
    QString owner; // the table its ParamSpec::of names (for columns, indexes, constraints)
};

/** "refactoring ID (kind) uses it" for the first refactoring with a parameter for which
 *  @p uses holds; empty when none has one. */
QString refactoringUsing(const Plan &plan, const std::function<bool(const ParamUse &)> &uses)
{
    for (const Refactoring &r : plan.refactorings) {
        const KindSpec *kind = Catalog::kind(r.kind);
        if (!kind)
            continue;
        for (const ParamSpec &p : kind->params) {
            const QJsonValue value = r.params.value(p.name);
            if (value.isUndefined())
                continue;
            if (uses({p, value, r.params.value(p.of).toString()}))
                return u"refactoring %1 (%2) uses it"_s.arg(r.id, r.kind);
        }
    }
    return {};
}

/**
 * Who uses @p table or, with @p column, that column of it: a refactoring's parameter or a hand
 * edit of an app version's usage. A sentence ending in "uses it", or empty. Names are compared
 * as written: a refactoring that reaches the object under another name (after a rename_table)
 * is the engine's to find.
 */
QString userOf(const Plan &plan, const QString &table, const QString &column = {})
{
    const QString refactoring = refactoringUsing(plan, [&](const ParamUse &use) {
        switch (use.spec.type) {
        case ParamType::Table:
            return column.isEmpty() && use.value.toString() == table;
        case ParamType::Column:
            return use.owner == table && use.value.toString() == column;
        case ParamType::Columns:
            return use.owner == table && use.value.toArray().contains(QJsonValue(column));
        case ParamType::ColumnMap:
            return use.owner == table && use.value.toObject().contains(column);
        default:
            return false;
        }
    });
    if (!refactoring.isEmpty())
        return refactoring;
    for (const UsageEdit &edit : plan.usage) {
        if (edit.table != table)
            continue;
        bool names = column.isEmpty();
        for (const UsageDelta *delta : {&edit.reads, &edit.inserts, &edit.updates})
            names = names || delta->add.contains(column) || delta->remove.contains(column);
        if (names)
            return u"the app usage edit of release %1 names it"_s.arg(edit.release);
    }
    return {};
}

/** Who uses index or constraint @p name of @p table (drop_index, rename_constraint, …). */
QString userOfObject(const Plan &plan, const QString &table, const QString &name, ParamType type)
{
    if (name.isEmpty())
        return {};
    return refactoringUsing(plan, [&](const ParamUse &use) {
        return use.spec.type == type && use.owner == table && use.value.toString() == name;
    });
}

/** Why @p name cannot name a @p what of the plan's engine; empty when it can. */
QString nameProblem(const Plan &plan, const QString &what, const QString &name)
{
    if (name.isEmpty())
        return u"a %1 needs a name"_s.arg(what);
    if (name.trimmed() != name)
        return u"%1 \"%2\": a name may not start or end with a space"_s.arg(what, name);
    const Dialect *dialect = Dialect::forName(plan.dialect);
    const QString problem = dialect ? dialect->identifierProblem(name) : Identifiers::problem(name);
    return problem.isEmpty() ? QString() : u"%1 \"%2\": %3"_s.arg(what, name, problem);
}

/** Whether the baseline has a relation called @p name (engines differ on case: so do we not). */
bool hasRelation(const Schema &schema, const QString &name)
{
    for (auto it = schema.tables.cbegin(); it != schema.tables.cend(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    for (const View &view : schema.views) {
        if (view.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

const Column *columnNamed(const Table &table, const QString &name)
{
    for (const Column &c : table.columns) {
        if (c.name.compare(name, Qt::CaseInsensitive) == 0)
            return &c;
    }
    return nullptr;
}

QString columnProblem(const Plan &plan, const Column &column)
{
    const QString problem = nameProblem(plan, u"column"_s, column.name);
    if (!problem.isEmpty())
        return problem;
    if (column.type.trimmed().isEmpty())
        return u"column %1 needs a type"_s.arg(column.name);
    if (column.type.contains(u';'))
        return u"type \"%1\" of column %2 is not a type"_s.arg(column.type, column.name);
    return {};
}

/** Why @p columns cannot be the columns of a key or index of @p table; empty when they can. */
QString columnsProblem(const Table &table, const QStringList &columns, const QString &what)
{
    if (columns.isEmpty())
        return u"%1 needs at least one column"_s.arg(what);
    for (const QString &c : columns) {
        if (!table.column(c))
            return u"table %1 has no column \"%2\""_s.arg(table.name, c);
        if (columns.count(c) > 1)
            return u"%1 names column %2 twice"_s.arg(what, c);
    }
    return {};
}

/** Whether an index or constraint of the schema (or a relation) is called @p name. */
bool objectNamed(const Schema &schema, const QString &name)
{
    return schema.tables.holdsName(name, Qt::CaseInsensitive) || hasRelation(schema, name);
}

/** Whether @p columns are the primary key or a unique key (constraint or index) of @p table. */
bool isKey(const Table &table, const QStringList &columns)
{
    auto same = [&columns](const QStringList &other) {
        return other.size() == columns.size()
               && std::all_of(columns.cbegin(), columns.cend(), [&other](const QString &c) {
                      return other.contains(c);
                  });
    };
    if (same(table.primaryKey))
        return true;
    for (const Constraint &c : table.constraints) {
        if ((c.kind == Constraint::Kind::Unique || c.kind == Constraint::Kind::PrimaryKey) && same(c.columns))
            return true;
    }
    for (const Index &i : table.indexes) {
        if (i.unique && i.where.isEmpty() && same(i.columns))
            return true;
    }
    return false;
}

/** The first foreign key of the schema (of any table) that references @p table and for which
 *  @p matches holds: "foreign key NAME of table T references it", or empty. */
QString foreignKeyTo(const Schema &schema,
                     const QString &table,
                     const std::function<bool(const QString &from, const Constraint &)> &matches)
{
    for (const Table &t : schema.tables) {
        for (const Constraint &c : t.constraints) {
            if (c.kind == Constraint::Kind::ForeignKey && c.refTable == table && matches(t.name, c))
                return c.name.isEmpty()
                           ? u"a foreign key of table %1 (%2) references it"_s.arg(t.name, quoted(c.columns))
                           : u"foreign key %1 of table %2 references it"_s.arg(c.name, t.name);
        }
    }
    return {};
}

/** Foreign keys into @p table that @p after (the table as edited) no longer holds a key for. */
QString brokenReference(const Schema &schema, const Table &after)
{
    return foreignKeyTo(schema, after.name, [&after](const QString &, const Constraint &c) {
        return !isKey(after, c.refColumns);
    });
}

/** The columns of @p table that @p expression names as words (a CHECK's columns). */
QStringList columnsIn(const Table &table, const QString &expression)
{
    QStringList found;
    for (const Column &column : table.columns) {
        const QRegularExpression word(u"(^|[^A-Za-z0-9_$])[\"`\\[]?%1[\"`\\]]?($|[^A-Za-z0-9_$])"_s.arg(
                                          QRegularExpression::escape(column.name)),
                                      QRegularExpression::CaseInsensitiveOption);
        if (word.match(expression).hasMatch())
            found << column.name;
    }
    return found;
}

/** The constraint as the baseline keeps it: actions spelled as SQL, a CHECK's columns found. */
bool normalized(const Schema &schema, const Table &table, Constraint *c, QString *error)
{
    const QString what = c->name.isEmpty() ? u"the constraint"_s : u"constraint %1"_s.arg(c->name);
    switch (c->kind) {
    case Constraint::Kind::PrimaryKey:
        return fail(error, u"a primary key is set as the table's primary key, not added as a constraint"_s);
    case Constraint::Kind::Check:
        if (c->expression.trimmed().isEmpty())
            return fail(error, u"%1 needs a CHECK expression"_s.arg(what));
        c->expression = c->expression.trimmed();
        c->columns = columnsIn(table, c->expression);
        return true;
    case Constraint::Kind::Unique: {
        const QString problem = columnsProblem(table, c->columns, what);
        if (!problem.isEmpty())
            return fail(error, problem);
        return true;
    }
    case Constraint::Kind::ForeignKey:
        break;
    }
    QString problem = columnsProblem(table, c->columns, what);
    if (!problem.isEmpty())
        return fail(error, problem);
    const Table *target = c->refTable == table.name ? &table : schema.table(c->refTable);
    if (!target)
        return fail(error, u"%1 references table \"%2\", which the baseline does not have"_s.arg(what, c->refTable));
    if (c->refColumns.isEmpty()) {
        if (target->primaryKey.isEmpty())
            return fail(error,
                        u"%1 names no referenced columns and table %2 has no primary key"_s.arg(what, target->name));
        c->refColumns = target->primaryKey;
    }
    if (c->refColumns.size() != c->columns.size())
        return fail(error,
                    u"%1 has %2 columns but references %3 columns of %4"_s.arg(what)
                        .arg(c->columns.size())
                        .arg(c->refColumns.size())
                        .arg(target->name));
    problem = columnsProblem(*target, c->refColumns, what);
    if (!problem.isEmpty())
        return fail(error, problem);
    if (!isKey(*target, c->refColumns))
        return fail(error,
                    u"%1 references %2 (%3), which is neither its primary key nor a unique key"_s.arg(
                        what, target->name, quoted(c->refColumns)));
    for (QString *action : {&c->onDelete, &c->onUpdate}) {
        if (!Constraint::normalizeAction(*action, action))
            return fail(error,
                        u"\"%1\" is not a foreign-key action (CASCADE, SET NULL, SET DEFAULT, RESTRICT or "
                        "NO ACTION)"_s.arg(*action));
    }
    return true;
}

void renameIn(QStringList *names, const QString &from, const QString &to)
{
    for (QString &name : *names) {
        if (name == from)
            name = to;
    }
}

/** Calls @p change on every foreign key of the schema that references @p table; only the tables
 *  that hold one are copied for writing. */
void changeForeignKeysTo(Schema *schema, const QString &table, const std::function<void(Constraint &)> &change)
{
    auto references = [&table](const Constraint &c) {
        return c.kind == Constraint::Kind::ForeignKey && c.refTable == table;
    };
    QStringList holders;
    for (const Table &t : std::as_const(schema->tables)) {
        if (std::any_of(t.constraints.cbegin(), t.constraints.cend(), references))
            holders << t.name;
    }
    for (const QString &name : std::as_const(holders)) {
        for (Constraint &c : schema->table(name)->constraints) {
            if (references(c))
                change(c);
        }
    }
}

// The edits themselves: each changes @p schema (the baseline's, of a copy of the plan) or
// returns false with a sentence that names the problem. @p plan is the plan before the edit.

bool addTable(const Plan &plan, Schema *schema, const SchemaEdit &e, QString *error)
{
    QString problem = nameProblem(plan, u"table"_s, e.table);
    if (problem.isEmpty() && hasRelation(*schema, e.table))
        problem = u"there is already a table or view \"%1\""_s.arg(e.table);
    if (problem.isEmpty())
        problem = columnProblem(plan, e.column);
    if (!problem.isEmpty())
        return fail(error, problem);
    Table table;
    table.name = e.table;
    table.columns = {e.column};
    if (!e.columns.isEmpty()) {
        problem = columnsProblem(table, e.columns, u"the primary key"_s);
        if (!problem.isEmpty())
            return fail(error, problem);
        table.primaryKey = e.columns;
        table.columns.first().nullable = false;
        Constraint key;
        key.kind = Constraint::Kind::PrimaryKey;
        key.columns = e.columns;
        table.constraints.append(key);
    }
    schema->tables.insert(table.name, table);
    return true;
}

bool renameTable(const Plan &plan, Schema *schema, Baseline *baseline, const SchemaEdit &e, QString *error)
{
    const QString what = u"table %1 cannot be renamed: "_s.arg(e.table);
    QString problem = nameProblem(plan, u"table"_s, e.name);
    if (problem.isEmpty() && e.name.compare(e.table, Qt::CaseInsensitive) != 0 && hasRelation(*schema, e.name))
        problem = u"there is already a table or view \"%1\""_s.arg(e.name);
    if (!problem.isEmpty())
        return fail(error, problem);
    QString user = userOf(plan, e.table);
    for (const View &view : std::as_const(schema->views)) {
        if (user.isEmpty() && view.baseTable == e.table)
            user = u"view %1 reads it"_s.arg(view.name);
    }
    if (!user.isEmpty())
        return fail(error, what + user);
    Table table = schema->tables.take(e.table);
    table.name = e.name;
    for (Constraint &c : table.constraints) {
        if (c.kind == Constraint::Kind::ForeignKey && c.refTable == e.table)
            c.refTable = e.name; // a key of the table to itself
    }
    changeForeignKeysTo(schema, e.table, [&e](Constraint &c) { c.refTable = e.name; });
    schema->tables.insert(table.name, table);
    if (baseline->rows.contains(e.table))
        baseline->rows.insert(e.name, baseline->rows.take(e.table));
    for (Sequence &sequence : schema->sequences) {
        if (sequence.ownedBy.section(u'.', 0, 0) == e.table)
            sequence.ownedBy = e.name + u'.' + sequence.ownedBy.section(u'.', 1);
    }
    return true;
}

bool removeTable(const Plan &plan, Schema *schema, Baseline *baseline, const SchemaEdit &e, QString *error)
{
    QString user = userOf(plan, e.table);
    if (user.isEmpty())
        user = foreignKeyTo(*schema, e.table, [&e](const QString &from, const Constraint &) {
            return from != e.table;
        });
    for (const View &view : std::as_const(schema->views)) {
        if (user.isEmpty() && view.baseTable == e.table)
            user = u"view %1 reads it"_s.arg(view.name);
    }
    if (!user.isEmpty())
        return fail(error, u"table %1 cannot be deleted: %2"_s.arg(e.table, user));
    schema->tables.remove(e.table);
    baseline->rows.remove(e.table);
    schema->sequences.removeIf([&e](QMap<QString, Sequence>::iterator it) {
        return it.value().ownedBy.section(u'.', 0, 0) == e.table;
    });
    return true;
}

bool addColumn(const Plan &plan, Table *table, const SchemaEdit &e, QString *error)
{
    QString problem = columnProblem(plan, e.column);
    if (problem.isEmpty() && columnNamed(*table, e.column.name))
        problem = u"table %1 already has a column \"%2\""_s.arg(table->name, e.column.name);
    if (!problem.isEmpty())
        return fail(error, problem);
    table->columns.append(e.column);
    return true;
}

bool replaceColumn(const Plan &plan, Schema *schema, Table *table, const SchemaEdit &e, QString *error)
{
    const Column replacement = e.column;
    QString problem = columnProblem(plan, replacement);
    const Column *named = columnNamed(*table, replacement.name);
    if (problem.isEmpty() && named && named->name != e.name)
        problem = u"table %1 already has a column \"%2\""_s.arg(table->name, replacement.name);
    if (problem.isEmpty() && replacement.nullable && table->primaryKey.contains(e.name))
        problem = u"column %1.%2 is in the primary key, which is never NULL"_s.arg(table->name, e.name);
    if (!problem.isEmpty())
        return fail(error, problem);
    const bool renamed = replacement.name != e.name;
    if (renamed) {
        QString user = userOf(plan, table->name, e.name);
        for (const Constraint &c : std::as_const(table->constraints)) {
            if (user.isEmpty() && c.kind == Constraint::Kind::Check && c.columns.contains(e.name))
                user = u"check constraint %1 names it in its expression"_s.arg(c.name.isEmpty() ? c.expression : c.name);
        }
        if (!user.isEmpty())
            return fail(error, u"column %1.%2 cannot be renamed: %3"_s.arg(table->name, e.name, user));
    }
    *table->column(e.name) = replacement;
    if (!renamed)
        return true;
    // What hangs on the column follows it, as it does in the database.
    renameIn(&table->primaryKey, e.name, replacement.name);
    for (Index &index : table->indexes) {
        renameIn(&index.columns, e.name, replacement.name);
        renameIn(&index.include, e.name, replacement.name);
    }
    for (Constraint &c : table->constraints) {
        renameIn(&c.columns, e.name, replacement.name);
        if (c.kind == Constraint::Kind::ForeignKey && c.refTable == table->name)
            renameIn(&c.refColumns, e.name, replacement.name);
    }
    const QString tableName = table->name; // the pointer is not kept across other tables' copies
    changeForeignKeysTo(schema, tableName, [&](Constraint &c) { renameIn(&c.refColumns, e.name, replacement.name); });
    const QString owner = tableName + u'.' + e.name;
    for (Sequence &sequence : schema->sequences) {
        if (sequence.ownedBy == owner)
            sequence.ownedBy = tableName + u'.' + replacement.name;
    }
    return true;
}

bool removeColumn(const Plan &plan, Schema *schema, Table *table, const SchemaEdit &e, QString *error)
{
    QString user;
    if (table->columns.size() == 1)
        user = u"it is the table's only column (delete the table instead)"_s;
    if (user.isEmpty() && table->primaryKey.contains(e.name))
        user = u"it is in the primary key of %1 (change the primary key first)"_s.arg(table->name);
    if (user.isEmpty())
        user = userOf(plan, table->name, e.name);
    if (user.isEmpty())
        user = foreignKeyTo(*schema, table->name, [&e](const QString &, const Constraint &c) {
            return c.refColumns.contains(e.name);
        });
    if (!user.isEmpty())
        return fail(error, u"column %1.%2 cannot be deleted: %3"_s.arg(table->name, e.name, user));
    // Its own indexes and constraints go with it, as they do in the database.
    table->columns.removeAt(table->columnIndex(e.name));
    table->indexes.removeIf([&e](const Index &index) {
        return index.columns.contains(e.name) || index.include.contains(e.name);
    });
    table->constraints.removeIf([&e](const Constraint &c) { return c.columns.contains(e.name); });
    const QString owner = table->name + u'.' + e.name;
    schema->sequences.removeIf([&owner](QMap<QString, Sequence>::iterator it) {
        return it.value().ownedBy == owner;
    });
    return true;
}

bool setPrimaryKey(const Schema &schema, Table *table, const SchemaEdit &e, QString *error)
{
    if (!e.columns.isEmpty()) {
        const QString problem = columnsProblem(*table, e.columns, u"the primary key"_s);
        if (!problem.isEmpty())
            return fail(error, problem);
    }
    QString name; // the key keeps its name
    for (const Constraint &c : std::as_const(table->constraints)) {
        if (c.kind == Constraint::Kind::PrimaryKey)
            name = c.name;
    }
    Table after = *table;
    after.primaryKey = e.columns;
    after.constraints.removeIf([](const Constraint &c) { return c.kind == Constraint::Kind::PrimaryKey; });
    if (!e.columns.isEmpty()) {
        Constraint key;
        key.kind = Constraint::Kind::PrimaryKey;
        key.name = name;
        key.columns = e.columns;
        after.constraints.prepend(key);
        for (const QString &c : e.columns)
            after.column(c)->nullable = false;
    }
    const QString broken = brokenReference(schema, after);
    if (!broken.isEmpty())
        return fail(error, u"the primary key of %1 cannot change: %2"_s.arg(table->name, broken));
    *table = after;
    return true;
}

bool addIndex(const Plan &plan, const Schema &schema, Table *table, const SchemaEdit &e, QString *error)
{
    QString problem = nameProblem(plan, u"index"_s, e.index.name);
    if (problem.isEmpty() && objectNamed(schema, e.index.name))
        problem = u"the name \"%1\" is taken by a table, index or constraint"_s.arg(e.index.name);
    if (problem.isEmpty())
        problem = columnsProblem(*table, e.index.columns, u"index %1"_s.arg(e.index.name));
    if (!problem.isEmpty())
        return fail(error, problem);
    table->indexes.append(e.index);
    return true;
}

bool addConstraint(const Plan &plan, const Schema &schema, Table *table, const SchemaEdit &e, QString *error)
{
    Constraint constraint = e.constraint;
    if (!constraint.name.isEmpty()) {
        QString problem = nameProblem(plan, u"constraint"_s, constraint.name);
        if (problem.isEmpty() && objectNamed(schema, constraint.name))
            problem = u"the name \"%1\" is taken by a table, index or constraint"_s.arg(constraint.name);
        if (!problem.isEmpty())
            return fail(error, problem);
    }
    if (!normalized(schema, *table, &constraint, error))
        return false;
    for (const Constraint &c : std::as_const(table->constraints)) {
        if (c.kind == constraint.kind && c.kind != Constraint::Kind::Check && c.columns == constraint.columns
            && c.refTable == constraint.refTable && c.refColumns == constraint.refColumns)
            return fail(error,
                        u"table %1 already has this %2 on %3"_s.arg(
                            table->name,
                            c.kind == Constraint::Kind::Unique ? u"unique key"_s : u"foreign key"_s,
                            quoted(c.columns)));
    }
    table->constraints.append(constraint);
    return true;
}

bool removeIndex(const Plan &plan, const Schema &schema, Table *table, const SchemaEdit &e, QString *error)
{
    const qsizetype at = table->indexes.indexOf(e.index);
    if (at < 0)
        return fail(error, u"table %1 has no such index %2"_s.arg(table->name, e.index.name));
    Table after = *table;
    after.indexes.removeAt(at);
    QString user = userOfObject(plan, table->name, e.index.name, ParamType::Index);
    if (user.isEmpty())
        user = brokenReference(schema, after);
    if (!user.isEmpty())
        return fail(error, u"index %1 of %2 cannot be deleted: %3"_s.arg(e.index.name, table->name, user));
    *table = after;
    return true;
}

bool removeConstraint(const Plan &plan, const Schema &schema, Table *table, const SchemaEdit &e, QString *error)
{
    const qsizetype at = table->constraints.indexOf(e.constraint);
    const QString what = e.constraint.name.isEmpty() ? u"the constraint on %1"_s.arg(quoted(e.constraint.columns))
                                                      : u"constraint %1"_s.arg(e.constraint.name);
    if (at < 0)
        return fail(error, u"table %1 has no such constraint (%2)"_s.arg(table->name, what));
    if (e.constraint.kind == Constraint::Kind::PrimaryKey)
        return fail(error, u"%1 is the primary key: change the primary key instead"_s.arg(what));
    Table after = *table;
    after.constraints.removeAt(at);
    QString user = userOfObject(plan, table->name, e.constraint.name, ParamType::Constraint);
    if (user.isEmpty())
        user = brokenReference(schema, after);
    if (!user.isEmpty())
        return fail(error, u"%1 of %2 cannot be deleted: %3"_s.arg(what, table->name, user));
    *table = after;
    return true;
}

} // namespace

// --- SchemaEdit -----------------------------------------------------------------------------

namespace {

SchemaEdit schemaEdit(SchemaEdit::Action action, const QString &table, const QString &name = {})
{
    SchemaEdit e;
    e.action = action;
    e.table = table;
    e.name = name;
    return e;
}

} // namespace

SchemaEdit SchemaEdit::addTable(const QString &table, const Column &first, const QStringList &primaryKey)
{
    SchemaEdit e = schemaEdit(Action::AddTable, table);
    e.column = first;
    e.columns = primaryKey;
    return e;
}

SchemaEdit SchemaEdit::renameTable(const QString &table, const QString &newName)
{
    return schemaEdit(Action::RenameTable, table, newName);
}

SchemaEdit SchemaEdit::removeTable(const QString &table)
{
    return schemaEdit(Action::RemoveTable, table);
}

SchemaEdit SchemaEdit::addColumn(const QString &table, const Column &column)
{
    SchemaEdit e = schemaEdit(Action::AddColumn, table);
    e.column = column;
    return e;
}

SchemaEdit SchemaEdit::replaceColumn(const QString &table, const QString &column, const Column &replacement)
{
    SchemaEdit e = schemaEdit(Action::ReplaceColumn, table, column);
    e.column = replacement;
    return e;
}

SchemaEdit SchemaEdit::removeColumn(const QString &table, const QString &column)
{
    return schemaEdit(Action::RemoveColumn, table, column);
}

SchemaEdit SchemaEdit::setPrimaryKey(const QString &table, const QStringList &columns)
{
    SchemaEdit e = schemaEdit(Action::SetPrimaryKey, table);
    e.columns = columns;
    return e;
}

SchemaEdit SchemaEdit::addIndex(const QString &table, const Index &index)
{
    SchemaEdit e = schemaEdit(Action::AddIndex, table);
    e.index = index;
    return e;
}

SchemaEdit SchemaEdit::removeIndex(const QString &table, const Index &index)
{
    SchemaEdit e = addIndex(table, index);
    e.action = Action::RemoveIndex;
    return e;
}

SchemaEdit SchemaEdit::addConstraint(const QString &table, const Constraint &constraint)
{
    SchemaEdit e = schemaEdit(Action::AddConstraint, table);
    e.constraint = constraint;
    return e;
}

SchemaEdit SchemaEdit::removeConstraint(const QString &table, const Constraint &constraint)
{
    SchemaEdit e = addConstraint(table, constraint);
    e.action = Action::RemoveConstraint;
    return e;
}

QString SchemaEdit::text() const
{
    auto tr = [](const char *text) { return QCoreApplication::translate("Tideline::SchemaEdit", text); };
    const QString constraintName = constraint.name.isEmpty() ? quoted(constraint.columns) : constraint.name;
    switch (action) {
    case Action::AddTable:
        return tr("Add table %1").arg(table);
    case Action::RenameTable:
        return tr("Rename table %1 to %2").arg(table, name);
    case Action::RemoveTable:
        return tr("Delete table %1").arg(table);
    case Action::AddColumn:
        return tr("Add column %1.%2").arg(table, column.name);
    case Action::ReplaceColumn:
        return column.name == name ? tr("Edit column %1.%2").arg(table, name)
                                   : tr("Rename column %1.%2 to %3").arg(table, name, column.name);
    case Action::RemoveColumn:
        return tr("Delete column %1.%2").arg(table, name);
    case Action::SetPrimaryKey:
        return columns.isEmpty() ? tr("Drop the primary key of %1").arg(table)
                                 : tr("Set the primary key of %1 to (%2)").arg(table, quoted(columns));
    case Action::AddIndex:
        return tr("Add index %1 on %2").arg(index.name, table);
    case Action::RemoveIndex:
        return tr("Delete index %1 of %2").arg(index.name, table);
    case Action::AddConstraint:
        return tr("Add constraint %1 on %2").arg(constraintName, table);
    case Action::RemoveConstraint:
        return tr("Delete constraint %1 of %2").arg(constraintName, table);
    }
    return {};
}

// --- PlanEdits ------------------------------------------------------------------------------

bool PlanEdits::editBaseline(Plan *plan, const SchemaEdit &e, QString *error, Run *ran)
{
    Plan edited = *plan;
    Baseline &baseline = edited.baseline;
    Schema &schema = baseline.schema;
    if (e.action != SchemaEdit::Action::AddTable && !schema.tables.contains(e.table))
        return fail(error, u"the baseline has no table \"%1\""_s.arg(e.table));
    const bool wholeTable = e.action == SchemaEdit::Action::AddTable || e.action == SchemaEdit::Action::RenameTable
                            || e.action == SchemaEdit::Action::RemoveTable;
    Table *table = wholeTable ? nullptr : schema.table(e.table); // copied for writing
    const bool needsColumn = e.action == SchemaEdit::Action::ReplaceColumn
                             || e.action == SchemaEdit::Action::RemoveColumn;
    if (needsColumn && !table->column(e.name))
        return fail(error, u"table %1 has no column \"%2\""_s.arg(e.table, e.name));

    bool ok = false;
    switch (e.action) {
    case SchemaEdit::Action::AddTable:
        ok = addTable(*plan, &schema, e, error);
        break;
    case SchemaEdit::Action::RenameTable:
        ok = renameTable(*plan, &schema, &baseline, e, error);
        break;
    case SchemaEdit::Action::RemoveTable:
        ok = removeTable(*plan, &schema, &baseline, e, error);
        break;
    case SchemaEdit::Action::AddColumn:
        ok = addColumn(*plan, table, e, error);
        break;
    case SchemaEdit::Action::ReplaceColumn:
        ok = replaceColumn(*plan, &schema, table, e, error);
        break;
    case SchemaEdit::Action::RemoveColumn:
        ok = removeColumn(*plan, &schema, table, e, error);
        break;
    case SchemaEdit::Action::SetPrimaryKey:
        ok = setPrimaryKey(schema, table, e, error);
        break;
    case SchemaEdit::Action::AddIndex:
        ok = addIndex(*plan, schema, table, e, error);
        break;
    case SchemaEdit::Action::RemoveIndex:
        ok = removeIndex(*plan, schema, table, e, error);
        break;
    case SchemaEdit::Action::AddConstraint:
        ok = addConstraint(*plan, schema, table, e, error);
        break;
    case SchemaEdit::Action::RemoveConstraint:
        ok = removeConstraint(*plan, schema, table, e, error);
        break;
    }
    if (!ok)
        return false;
    // The edited schema is the baseline now: DDL text would say otherwise on the next load.
    baseline.sql.clear();
    baseline.notes.clear();
    schema.tables.refreshIndexes();
    if (!check(*plan, edited, error, ran))
        return false;
    *plan = std::move(edited);
    return true;
}

bool PlanEdits::setBaseline(Plan *plan, const Schema &schema, const QString &dialect, QString *error, Run *ran)
{
    if (!dialect.isEmpty() && !Plan::dialects().contains(dialect))
        return fail(error,
                    u"unknown dialect '%1' (expected one of: %2)"_s.arg(dialect, Plan::dialects().join(u", "_s)));
    Plan edited = *plan;
    if (!dialect.isEmpty())
        edited.dialect = dialect;
    edited.baseline.sql.clear();
    edited.baseline.notes.clear();
    edited.baseline.schema = schema;
    edited.baseline.rows.removeIf([&schema](QMap<QString, qint64>::iterator it) {
        return !schema.tables.contains(it.key());
    });
    if (!check(*plan, edited, error, ran))
        return false;
    *plan = std::move(edited);
    return true;
}

} // namespace Tideline
