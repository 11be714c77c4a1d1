// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A kind no file of Tideline knows: registered at run time (Catalog::registerKind) by the
// tests that show a catalog entry is all a new kind needs. It is written against the public
// catalog types only (no kindbuilder.h): a tagged column, added, used, then indexed and
// commented a release later, from the SchemaOps the engines already know.

#include <catalog/catalog.h>
#include <engine/usage.h>

#include <QJsonObject>

namespace Tideline::MadeUpKind {

inline const QString Name = QStringLiteral("test_tag_column");

/** A parameter, for the KindSpecs tests write. */
inline ParamSpec param(const QString &name, ParamType type, const QString &description, bool required = true,
                       const QString &of = QStringLiteral("table"))
{
    ParamSpec p;
    p.name = name;
    p.type = type;
    p.description = description;
    p.required = required;
    p.of = of;
    return p;
}

inline Step instantiate(const KindSpec &spec, const QString &name)
{
    const StepSpec *s = spec.step(name);
    Step step;
    step.name = s->name;
    step.offset = s->offset;
    step.phase = s->phase;
    step.category = s->category;
    step.description = s->description;
    step.dependsOn = s->dependsOn;
    return step;
}

inline bool decompose(const KindSpec &spec, const Refactoring &r, const Schema &before, const QString &field,
                      QList<Step> *steps, PlanError *error)
{
    // Catalog::validateParams has checked the types: the table exists, the column does not.
    const QString table = r.params.value(QStringLiteral("table")).toString();
    const QString column = r.params.value(QStringLiteral("column")).toString();
    const QString index = r.params.value(QStringLiteral("index")).toString();
    const bool unique = r.params.value(QStringLiteral("method")).toString() == QLatin1String("unique");
    const QString comment = r.params.value(QStringLiteral("comment")).toString();
    if (before.table(table)->index(index)) {
        error->field = field + QStringLiteral(".params.index");
        error->message = QStringLiteral("index %1 already exists on %2").arg(index, table);
        return false;
    }

    Step expand = instantiate(spec, QStringLiteral("expand"));
    SchemaOp add;
    add.type = SchemaOp::Type::AddColumn;
    add.table = table;
    add.column.name = column;
    add.column.type = r.params.value(QStringLiteral("type")).toString();
    expand.ops.append(add);
    steps->append(expand);

    Step app = instantiate(spec, QStringLiteral("app"));
    UsageOp use;
    use.table = table;
    use.readsAdd = {column};
    use.writesAdd = {column};
    use.writeTypes.insert(column, {add.column.type});
    app.usage.append(use);
    steps->append(app);

    Step contract = instantiate(spec, QStringLiteral("contract"));
    SchemaOp addIndex;
    addIndex.type = SchemaOp::Type::AddIndex;
    addIndex.table = table;
    addIndex.index.name = index;
    addIndex.index.columns = {column};
    addIndex.index.unique = unique;
    contract.ops.append(addIndex);
    if (!comment.isEmpty()) {
        SchemaOp setComment;
        setComment.type = SchemaOp::Type::SetComment;
        setComment.table = table;
        setComment.columnName = column;
        setComment.value = comment;
        contract.ops.append(setComment);
    }
    steps->append(contract);
    return true;
}

inline QJsonObject example(Schema *, const QString &table, const QString &prefix, int variant, const QString &)
{
    QJsonObject p{{QStringLiteral("table"), table},
                  {QStringLiteral("column"), prefix + QStringLiteral("tag")},
                  {QStringLiteral("type"), QStringLiteral("varchar(40)")},
                  {QStringLiteral("index"), table + QLatin1Char('_') + prefix + QStringLiteral("tag_idx")}};
    if (variant % 2 == 1) {
        p.insert(QStringLiteral("method"), QStringLiteral("unique"));
        p.insert(QStringLiteral("comment"), QStringLiteral("the row's tag, as the team's tools set it"));
    }
    return p;
}

inline KindSpec spec()
{
    KindSpec k;
    k.name = Name;
    k.title = QStringLiteral("Tag column (test)");
    k.summary = QStringLiteral("A kind registered by a test: adds a column, then indexes and comments it.");
    ParamSpec method = param(QStringLiteral("method"), ParamType::Choice, QStringLiteral("how the index is built"), false);
    method.choices = {QStringLiteral("plain"), QStringLiteral("unique")};
    method.defaultValue = QStringLiteral("plain");
    k.params = {param(QStringLiteral("table"), ParamType::Table, QStringLiteral("the table")),
                param(QStringLiteral("column"), ParamType::NewColumn, QStringLiteral("the tag column")),
                param(QStringLiteral("type"), ParamType::Type, QStringLiteral("its SQL type")),
                param(QStringLiteral("index"), ParamType::Name, QStringLiteral("the index on the tag")),
                method,
                param(QStringLiteral("comment"), ParamType::Text, QStringLiteral("what the tag means"), false)};
    const auto step = [](const QString &name, int offset, Phase phase, const QString &category, const QString &what) {
        StepSpec s;
        s.name = name;
        s.offset = offset;
        s.phase = phase;
        s.category = category;
        s.description = what;
        return s;
    };
    k.steps = {step(QStringLiteral("expand"), 0, Phase::Pre, QStringLiteral("expand"), QStringLiteral("add the nullable tag column")),
               step(QStringLiteral("app"), 0, Phase::App, QStringLiteral("app"), QStringLiteral("the app reads and writes the tag")),
               step(QStringLiteral("contract"), 1, Phase::Post, QStringLiteral("constraint"),
                    QStringLiteral("index the tag and comment it"))};
    k.steps.last().dependsOn = {QStringLiteral("expand")};
    k.decompose = decompose;
    k.example = example;
    return k;
}

/** Registers the kind for the life of the value (a failing test still unregisters it). */
class Registration
{
public:
    Registration() { m_ok = Catalog::registerKind(spec()); }
    ~Registration()
    {
        if (m_ok)
            Catalog::unregisterKind(Name);
    }
    Registration(const Registration &) = delete;
    Registration &operator=(const Registration &) = delete;
    bool ok() const { return m_ok; }

private:
    bool m_ok = false;
};

} // namespace Tideline::MadeUpKind
