// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the kinds of models/catalog/kinds/ build their steps with: parameter reading with the
// field path of the first problem, steps from their catalog spec, and SchemaOp builders.
// Private to the catalog.

#include "catalog.h"

#include <domain/identifiers.h>

#include <QJsonArray>
#include <QJsonObject>

namespace Tideline::Kinds {

/** Reads a refactoring's parameters, reporting the first problem with its field path. */
/** Reads a refactoring's parameters, reporting the first problem with its field path. */
class Params
{
public:
    Params(const KindSpec &spec,
           const Refactoring &refactoring,
           const QString &field,
           PlanError *error)
        : m_spec(spec)
        , m_params(refactoring.params)
        , m_field(field + QStringLiteral(".params"))
        , m_error(error)
    {
        for (auto it = m_params.constBegin(); it != m_params.constEnd(); ++it) {
            if (!spec.param(it.key())) {
                QStringList known;
                for (const ParamSpec &p : spec.params)
                    known << p.name;
                fail(it.key(),
                     QStringLiteral("unknown parameter '%1' for kind %2 (parameters: %3)")
                         .arg(it.key(), spec.name, known.join(QStringLiteral(", "))));
                return;
            }
        }
    }

    bool ok() const { return m_ok; }
    /** True when the refactoring gives parameter @p name (not null). */
    bool has(const QString &name) const
    {
        const QJsonValue v = m_params.value(name);
        return !v.isUndefined() && !v.isNull();
    }

    bool fail(const QString &param, const QString &message)
    {
        if (m_ok) {
            m_error->field = param.isEmpty() ? m_field : m_field + QLatin1Char('.') + param;
            m_error->message = message;
            m_ok = false;
        }
        return false;
    }

    QString string(const QString &name, bool required = true)
    {
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(name, QStringLiteral("missing parameter '%1'").arg(name));
            return {};
        }
        if (!v.isString() || (required && v.toString().trimmed().isEmpty())) {
            fail(name, QStringLiteral("'%1' must be a non-empty string").arg(name));
            return {};
        }
        if (isIdentifier(name))
            checkName(name, v.toString());
        return v.toString();
    }

    /** Fails with the field when @p value cannot be a name (control characters). */
    bool checkName(const QString &param, const QString &value)
    {
        const QString problem = Identifiers::problem(value);
        if (problem.isEmpty())
            return true;
        return fail(param, QStringLiteral("'%1' is not a usable name: %2").arg(param, problem));
    }

    bool isIdentifier(const QString &param) const
    {
        const ParamSpec *spec = m_spec.param(param);
        return spec && isNameType(spec->type);
    }

    bool boolean(const QString &name, bool defaultValue)
    {
        const QJsonValue v = m_params.value(name);
        if (v.isUndefined() || v.isNull())
            return defaultValue;
        if (!v.isBool()) {
            fail(name, QStringLiteral("'%1' must be true or false").arg(name));
            return defaultValue;
        }
        return v.toBool();
    }

    QStringList strings(const QString &name, int minimum)
    {
        const QJsonValue v = m_params.value(name);
        QStringList list;
        if (!v.isArray()) {
            fail(name,
                 v.isUndefined() ? QStringLiteral("missing parameter '%1'").arg(name)
                                 : QStringLiteral("'%1' must be a list of names").arg(name));
            return list;
        }
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString() || item.toString().isEmpty()) {
                fail(name, QStringLiteral("'%1' must be a list of non-empty names").arg(name));
                return {};
            }
            if (isIdentifier(name) && !checkName(name, item.toString()))
                return {};
            if (list.contains(item.toString())) {
                fail(name, QStringLiteral("'%1' names %2 twice").arg(name, item.toString()));
                return {};
            }
            list << item.toString();
        }
        if (list.size() < minimum)
            fail(name, QStringLiteral("'%1' needs at least %2 names").arg(name).arg(minimum));
        return list;
    }

    QMap<QString, QString> map(const QString &name)
    {
        const QJsonValue v = m_params.value(name);
        QMap<QString, QString> result;
        if (v.isUndefined() || v.isNull())
            return result;
        if (!v.isObject()) {
            fail(name, QStringLiteral("'%1' must be an object of old name to new name").arg(name));
            return result;
        }
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (!it.value().isString() || it.value().toString().isEmpty()) {
                fail(name + QLatin1Char('.') + it.key(),
                     QStringLiteral("new name must be a non-empty string"));
                return {};
            }
            if (!checkName(name + QLatin1Char('.') + it.key(), it.value().toString()))
                return {};
            result.insert(it.key(), it.value().toString());
        }
        return result;
    }

    QJsonArray array(const QString &name)
    {
        const QJsonValue v = m_params.value(name);
        if (!v.isArray() || v.toArray().isEmpty()) {
            fail(name,
                 v.isUndefined() ? QStringLiteral("missing parameter '%1'").arg(name)
                                 : QStringLiteral("'%1' must be a non-empty list").arg(name));
            return {};
        }
        return v.toArray();
    }

    const Table *table(const Schema &schema, const QString &param, const QString &name)
    {
        if (!m_ok)
            return nullptr;
        const Table *t = schema.table(name);
        if (!t)
            fail(param, QStringLiteral("unknown table '%1'").arg(name));
        return t;
    }

    const Column *column(const Table *table, const QString &param, const QString &name)
    {
        if (!m_ok || !table)
            return nullptr;
        const Column *c = table->column(name);
        if (!c)
            fail(param, QStringLiteral("unknown column '%1' in table %2").arg(name, table->name));
        return c;
    }

    bool absentColumn(const Table *table, const QString &param, const QString &name)
    {
        if (!m_ok || !table)
            return false;
        if (table->column(name))
            return fail(param, QStringLiteral("column %1.%2 already exists").arg(table->name, name));
        return true;
    }

    /** Fails when a foreign key of another table references @p column: dropping it would drop
     *  that key too (or fail), which the plan has to decide first. */
    bool notReferenced(const Schema &schema, const Table *table, const QString &param, const QString &column)
    {
        if (!m_ok || !table)
            return m_ok;
        for (const auto &[child, fk] : schema.referencing(table->name, column)) {
            if (child != table->name)
                return fail(param, QStringLiteral("%1.%2 is referenced by foreign key %3 of table %4; "
                                                  "this kind would drop that key with the column")
                                       .arg(table->name, column,
                                            fk.name.isEmpty() ? QStringLiteral("(unnamed)") : fk.name, child));
        }
        return true;
    }

    /** Fails for a column the database fills (identity, generated): the kind cannot move that. */
    bool notFilledByDatabase(const Table *table, const QString &param, const QString &column, const QString &kind)
    {
        const Column *c = m_ok && table ? table->column(column) : nullptr;
        if (c && (c->identity || c->generated))
            return fail(param, QStringLiteral("%1.%2 is %3; %4 cannot carry that to a new column")
                                   .arg(table->name, column,
                                        c->identity ? QStringLiteral("an identity column")
                                                    : QStringLiteral("a generated column"),
                                        kind));
        return m_ok;
    }

    bool notKey(const Table *table, const QString &param, const QString &column)
    {
        if (m_ok && table && table->primaryKey.contains(column))
            return fail(param,
                        QStringLiteral("%1.%2 is part of the primary key; this kind cannot "
                                       "remove it")
                            .arg(table->name, column));
        return m_ok;
    }

private:
    const KindSpec &m_spec;
    QJsonObject m_params;
    QString m_field;
    PlanError *m_error;
    bool m_ok = true;
};

/** Instantiates a step of @p spec; the offset, phase and dependencies come from the catalog. */
Step makeStep(const KindSpec &spec, const QString &name);
/** Appends the catalog step @p name to @p steps and returns it, to be filled in. */
Step &appendStep(const KindSpec &spec, const QString &name, QList<Step> *steps);
UsageOp usageOf(const QString &table);
SchemaOp addColumnOp(const QString &table, const Column &column);
SchemaOp columnOp(SchemaOp::Type type, const QString &table, const QString &column);
SchemaOp backfillOp(const QString &table, const QString &column, const QString &expression,
                    const QString &sourceColumn = {});
/** Columns that must lose NOT NULL before app versions stop writing them (the drop trap). */
void relaxForStoppedWriters(const Table &table, const QStringList &columns, Step *expand);
bool needsRelax(const Table &table, const QStringList &columns);
Column newColumn(const QString &name, const QString &type);
/** A bare copy of @p old named @p name (see kindbuilder.cpp). */
Column bareCopy(const Column &old, const QString &name);
SchemaOp syncOp(const QString &table, const QString &target, const QStringList &sources,
                const QString &expression);
SchemaOp indexOp(SchemaOp::Type type, const QString &table, const Index &index);
SchemaOp constraintOp(SchemaOp::Type type, const QString &table, const Constraint &constraint);
SchemaOp valueOp(SchemaOp::Type type, const QString &table, const QString &column, const QString &value);
/** The ops that give @p to what hangs on @p from (see kindbuilder.cpp). */
QList<SchemaOp> carryDependents(const Schema &before, const Table &table, const QString &from,
                                const QString &to);
/** @p defaultValue for a column whose type changes (see kindbuilder.cpp). */
QString adaptedDefault(const QString &defaultValue);
extern const QString RelaxCondition;

/** A parameter of a kind, for the KindSpec tables. */
ParamSpec param(const QString &name,
                ParamType type,
                const QString &description,
                bool required = true,
                const QString &defaultValue = {});
/** A parameter naming an object of the table in parameter @p of (default "table"). */
ParamSpec paramOf(const QString &name, ParamType type, const QString &of, const QString &description,
                  bool required = true);
/** A parameter taking one of @p choices. */
ParamSpec choice(const QString &name, const QStringList &choices, const QString &description,
                 bool required = false, const QString &defaultValue = {});
StepSpec step(const QString &name,
              int offset,
              Phase phase,
              const QString &category,
              const QString &description,
              const QStringList &dependsOn = {},
              const QString &condition = {});

/** A varchar(255) column, nullable or not, for examples. */
Column exampleColumn(const QString &name, bool nullable);

// The built-in kinds, by file of models/catalog/kinds/.
QList<KindSpec> columnKinds();
QList<KindSpec> optionKinds();
QList<KindSpec> keyKinds();
QList<KindSpec> attributeKinds();
QList<KindSpec> tableKinds();

} // namespace Tideline::Kinds
