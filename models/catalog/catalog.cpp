// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog.h"

#include "carry.h"
#include "kindbuilder.h"

#include <domain/identifiers.h>
#include <engine/compatibility.h>
#include <engine/usage.h>

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace Tideline {

QString phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Offline:
        return QStringLiteral("offline");
    case Phase::Pre:
        return QStringLiteral("pre");
    case Phase::Backfill:
        return QStringLiteral("backfill");
    case Phase::App:
        return QStringLiteral("app");
    case Phase::Post:
        return QStringLiteral("post");
    }
    return {};
}

bool phaseFromName(const QString &name, Phase *phase)
{
    for (Phase p : {Phase::Offline, Phase::Pre, Phase::Backfill, Phase::App, Phase::Post}) {
        if (phaseName(p) == name) {
            *phase = p;
            return true;
        }
    }
    return false;
}

QString SchemaOp::typeName(Type type)
{
    switch (type) {
    case Type::AddColumn:
        return QStringLiteral("add_column");
    case Type::DropColumn:
        return QStringLiteral("drop_column");
    case Type::SetNotNull:
        return QStringLiteral("set_not_null");
    case Type::DropNotNull:
        return QStringLiteral("drop_not_null");
    case Type::CreateTable:
        return QStringLiteral("create_table");
    case Type::AddConstraint:
        return QStringLiteral("add_constraint");
    case Type::Backfill:
        return QStringLiteral("backfill");
    case Type::MoveBackfill:
        return QStringLiteral("move_backfill");
    case Type::AddSyncTrigger:
        return QStringLiteral("add_sync_trigger");
    case Type::SwapColumn:
        return QStringLiteral("swap_column");
    case Type::AddIndex:
        return QStringLiteral("add_index");
    case Type::DropIndex:
        return QStringLiteral("drop_index");
    case Type::DropConstraint:
        return QStringLiteral("drop_constraint");
    case Type::SetDefault:
        return QStringLiteral("set_default");
    case Type::DropDefault:
        return QStringLiteral("drop_default");
    case Type::SetComment:
        return QStringLiteral("set_comment");
    case Type::DropSyncTrigger:
        return QStringLiteral("drop_sync_trigger");
    case Type::SetTableOptions:
        return QStringLiteral("set_table_options");
    case Type::RenameIndex:
        return QStringLiteral("rename_index");
    case Type::RenameConstraint:
        return QStringLiteral("rename_constraint");
    case Type::CreateEnum:
        return QStringLiteral("create_enum");
    case Type::AddEnumValue:
        return QStringLiteral("add_enum_value");
    case Type::ReplaceProcedure:
        return QStringLiteral("replace_procedure");
    case Type::RawSql:
        return QStringLiteral("raw_sql");
    case Type::DropTable:
        return QStringLiteral("drop_table");
    case Type::RenameTable:
        return QStringLiteral("rename_table");
    case Type::CreateView:
        return QStringLiteral("create_view");
    case Type::DropView:
        return QStringLiteral("drop_view");
    }
    return {};
}

SyncTrigger SchemaOp::syncTrigger() const
{
    SyncTrigger sync;
    sync.target = columnName;
    sync.sourceColumn = sourceColumn;
    sync.expression = expression;
    sync.sources = sources.isEmpty() && !sourceColumn.isEmpty() ? QStringList{sourceColumn} : sources;
    return sync;
}

const StepSpec *KindSpec::step(const QString &stepName) const
{
    for (const StepSpec &s : steps) {
        if (s.name == stepName)
            return &s;
    }
    return nullptr;
}

const ParamSpec *KindSpec::param(const QString &paramName) const
{
    for (const ParamSpec &p : params) {
        if (p.name == paramName)
            return &p;
    }
    return nullptr;
}

namespace {

QList<KindSpec> builtInKinds()
{
    QList<KindSpec> kinds;
    kinds += Kinds::columnKinds();
    kinds += Kinds::keyKinds();
    kinds += Kinds::attributeKinds();
    kinds += Kinds::tableKinds();
    kinds += Kinds::optionKinds();
    return kinds;
}

QList<KindSpec> &registry()
{
    static QList<KindSpec> all = builtInKinds();
    return all;
}

int builtInCount()
{
    static const int count = builtInKinds().size();
    return count;
}

/** The JSON type a parameter's value must have, by its declared type. */
QString shapeProblem(const ParamSpec &spec, const QJsonValue &v)
{
    switch (spec.type) {
    case ParamType::Table:
    case ParamType::NewTable:
    case ParamType::Column:
    case ParamType::NewColumn:
    case ParamType::Type:
    case ParamType::Name:
    case ParamType::Index:
    case ParamType::Constraint:
    case ParamType::Enum:
    case ParamType::View:
    case ParamType::Procedure:
    case ParamType::Release:
    case ParamType::Choice:
        return v.isString() && !v.toString().trimmed().isEmpty()
                   ? QString()
                   : QStringLiteral("'%1' must be a non-empty string").arg(spec.name);
    case ParamType::Sql:
    case ParamType::Text:
        return v.isString() ? QString() : QStringLiteral("'%1' must be a string").arg(spec.name);
    case ParamType::Bool:
        return v.isBool() ? QString() : QStringLiteral("'%1' must be true or false").arg(spec.name);
    case ParamType::Columns:
    case ParamType::Values:
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString() || item.toString().isEmpty())
                return QStringLiteral("'%1' must be a list of non-empty names").arg(spec.name);
        }
        return v.isArray() ? QString() : QStringLiteral("'%1' must be a list of names").arg(spec.name);
    case ParamType::ColumnSpecs:
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isObject())
                return QStringLiteral("'%1' must be a list of column objects").arg(spec.name);
        }
        return v.isArray() ? QString() : QStringLiteral("'%1' must be a list of column objects").arg(spec.name);
    case ParamType::ColumnMap:
    case ParamType::DialectSql:
        for (const QJsonValue &item : v.toObject()) {
            if (!item.isString() || item.toString().isEmpty())
                return QStringLiteral("'%1' must map names to non-empty strings").arg(spec.name);
        }
        return v.isObject() ? QString() : QStringLiteral("'%1' must be an object").arg(spec.name);
    }
    return {};
}

} // namespace

QString paramTypeName(ParamType type)
{
    switch (type) {
    case ParamType::Table: return QStringLiteral("table");
    case ParamType::NewTable: return QStringLiteral("new table");
    case ParamType::Column: return QStringLiteral("column");
    case ParamType::NewColumn: return QStringLiteral("new column");
    case ParamType::Columns: return QStringLiteral("columns");
    case ParamType::ColumnSpecs: return QStringLiteral("column specs");
    case ParamType::ColumnMap: return QStringLiteral("column map");
    case ParamType::Type: return QStringLiteral("type");
    case ParamType::Sql: return QStringLiteral("sql");
    case ParamType::Text: return QStringLiteral("text");
    case ParamType::Bool: return QStringLiteral("bool");
    case ParamType::Name: return QStringLiteral("new name");
    case ParamType::Index: return QStringLiteral("index");
    case ParamType::Constraint: return QStringLiteral("constraint");
    case ParamType::Enum: return QStringLiteral("enum");
    case ParamType::View: return QStringLiteral("view");
    case ParamType::Procedure: return QStringLiteral("procedure");
    case ParamType::Values: return QStringLiteral("values");
    case ParamType::Choice: return QStringLiteral("choice");
    case ParamType::Release: return QStringLiteral("release");
    case ParamType::DialectSql: return QStringLiteral("sql per engine");
    }
    return {};
}

bool isNameType(ParamType type)
{
    switch (type) {
    case ParamType::Table:
    case ParamType::NewTable:
    case ParamType::Column:
    case ParamType::NewColumn:
    case ParamType::Columns:
    case ParamType::ColumnMap:
    case ParamType::Name:
    case ParamType::Index:
    case ParamType::Constraint:
    case ParamType::Enum:
    case ParamType::View:
    case ParamType::Procedure:
        return true;
    case ParamType::ColumnSpecs:
    case ParamType::Type:
    case ParamType::Sql:
    case ParamType::Text:
    case ParamType::Bool:
    case ParamType::Values:
    case ParamType::Choice:
    case ParamType::Release:
    case ParamType::DialectSql:
        return false;
    }
    return false;
}

Table exampleTable(const QString &name, const QString &prefix)
{
    Table t;
    t.name = name;
    Column id;
    id.name = QStringLiteral("id");
    id.type = QStringLiteral("integer");
    id.nullable = false;
    id.identity = true;
    Column a;
    a.name = prefix + QStringLiteral("a");
    a.type = QStringLiteral("varchar(255)");
    a.nullable = false;
    Column b = a;
    b.name = prefix + QStringLiteral("b");
    b.nullable = true;
    t.columns = {id, a, b};
    t.primaryKey = {id.name};
    Constraint pk;
    pk.kind = Constraint::Kind::PrimaryKey;
    pk.name = name + QStringLiteral("_pkey");
    pk.columns = {id.name};
    t.constraints.append(pk);
    return t;
}

QString subjectOf(const KindSpec &kind, const QJsonObject &params)
{
    static const QList<ParamType> objects{ParamType::Table, ParamType::NewTable, ParamType::View, ParamType::Enum,
                                          ParamType::Procedure};
    for (const ParamSpec &p : kind.params) {
        if (objects.contains(p.type) && params.value(p.name).isString())
            return params.value(p.name).toString();
    }
    return {};
}

const QList<KindSpec> &Catalog::kinds()
{
    return registry();
}

const KindSpec *Catalog::kind(const QString &name)
{
    for (const KindSpec &k : registry()) {
        if (k.name == name)
            return &k;
    }
    return nullptr;
}

bool Catalog::registerKind(const KindSpec &spec)
{
    if (spec.name.isEmpty() || !spec.decompose || kind(spec.name))
        return false;
    registry().append(spec);
    return true;
}

bool Catalog::unregisterKind(const QString &name)
{
    QList<KindSpec> &all = registry();
    for (int i = builtInCount(); i < all.size(); ++i) {
        if (all.at(i).name == name) {
            all.removeAt(i);
            return true;
        }
    }
    return false;
}

bool Catalog::validateParams(const KindSpec &spec,
                             const Refactoring &refactoring,
                             const Schema &before,
                             const QString &field,
                             PlanError *error)
{
    const QString prefix = field + QStringLiteral(".params");
    auto fail = [&](const QString &param, const QString &message) {
        error->field = param.isEmpty() ? prefix : prefix + QLatin1Char('.') + param;
        error->message = message;
        return false;
    };
    const QJsonObject &params = refactoring.params;
    for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
        if (!spec.param(it.key())) {
            QStringList known;
            for (const ParamSpec &p : spec.params)
                known << p.name;
            return fail(it.key(),
                        QStringLiteral("unknown parameter '%1' for kind %2 (parameters: %3)")
                            .arg(it.key(), spec.name, known.join(QStringLiteral(", "))));
        }
    }
    for (const ParamSpec &p : spec.params) {
        const QJsonValue v = params.value(p.name);
        if (v.isUndefined() || v.isNull()) {
            if (p.required)
                return fail(p.name, QStringLiteral("missing parameter '%1'").arg(p.name));
            continue;
        }
        const QString shape = shapeProblem(p, v);
        if (!shape.isEmpty())
            return fail(p.name, shape);
        // Every name that reaches SQL must be one an engine can hold.
        QStringList names;
        if (isNameType(p.type)) {
            if (v.isString())
                names << v.toString();
            for (const QJsonValue &item : v.toArray())
                names << item.toString();
            for (const QJsonValue &item : v.toObject())
                names << item.toString();
        }
        for (const QString &name : std::as_const(names)) {
            const QString problem = Identifiers::problem(name);
            if (!problem.isEmpty())
                return fail(p.name, QStringLiteral("'%1' is not a usable name: %2").arg(p.name, problem));
        }
        if (p.type == ParamType::Choice && !p.choices.contains(v.toString()))
            return fail(p.name, QStringLiteral("'%1' must be one of %2, not '%3'")
                                    .arg(p.name, p.choices.join(QStringLiteral(", ")), v.toString()));
        // Objects that must exist, or must not, in the state the refactoring starts from.
        const QString ownerName = params.value(p.of).toString();
        const Table *owner = before.table(ownerName);
        const QString value = v.toString();
        switch (p.type) {
        case ParamType::Table:
            if (!before.table(value))
                return fail(p.name, QStringLiteral("unknown table '%1'").arg(value));
            break;
        case ParamType::NewTable:
            if (before.hasRelation(value))
                return fail(p.name, QStringLiteral("table %1 already exists").arg(value));
            break;
        case ParamType::Column:
            if (owner && !owner->column(value))
                return fail(p.name, QStringLiteral("unknown column '%1' in table %2").arg(value, ownerName));
            break;
        case ParamType::NewColumn:
            if (owner && owner->column(value))
                return fail(p.name, QStringLiteral("column %1.%2 already exists").arg(ownerName, value));
            break;
        case ParamType::Columns:
            for (const QString &name : std::as_const(names)) {
                if (owner && !owner->column(name))
                    return fail(p.name, QStringLiteral("unknown column '%1' in table %2").arg(name, ownerName));
            }
            break;
        case ParamType::Index:
            if (owner && !owner->index(value))
                return fail(p.name, QStringLiteral("unknown index '%1' on table %2").arg(value, ownerName));
            break;
        case ParamType::Constraint:
            if (owner && !owner->constraint(value))
                return fail(p.name, QStringLiteral("unknown constraint '%1' on table %2").arg(value, ownerName));
            break;
        case ParamType::Enum:
            if (!before.enums.contains(value))
                return fail(p.name, QStringLiteral("unknown enum type '%1'").arg(value));
            break;
        case ParamType::View:
            if (!before.views.contains(value))
                return fail(p.name, QStringLiteral("unknown view '%1'").arg(value));
            break;
        case ParamType::Procedure:
            if (!before.procedures.contains(value))
                return fail(p.name, QStringLiteral("unknown procedure '%1'").arg(value));
            break;
        case ParamType::ColumnSpecs:
        case ParamType::ColumnMap:
        case ParamType::Type:
        case ParamType::Sql:
        case ParamType::Text:
        case ParamType::Bool:
        case ParamType::Name:
        case ParamType::Values:
        case ParamType::Choice:
        case ParamType::Release:
        case ParamType::DialectSql:
            break;
        }
    }
    return true;
}

bool Catalog::decompose(const Refactoring &refactoring,
                        const Schema &before,
                        const QString &field,
                        QList<Step> *steps,
                        PlanError *error)
{
    const KindSpec *spec = kind(refactoring.kind);
    if (!spec) {
        error->field = field + QStringLiteral(".kind");
        error->message = QStringLiteral("unknown kind '%1'").arg(refactoring.kind);
        return false;
    }
    steps->clear();
    if (!validateParams(*spec, refactoring, before, field, error))
        return false;
    return spec->decompose(*spec, refactoring, before, field, steps, error);
}

bool Catalog::checkDialect(const Refactoring &refactoring,
                           const Schema &before,
                           const QString &dialect,
                           const QString &field,
                           PlanError *error)
{
    const KindSpec *spec = kind(refactoring.kind);
    return !spec || !spec->checkDialect || spec->checkDialect(*spec, refactoring, before, dialect, field, error);
}

} // namespace Tideline
