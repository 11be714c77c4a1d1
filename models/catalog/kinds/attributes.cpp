// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Kinds that change what hangs on a column or lives beside the tables: nullability, defaults,
// comments, enum types and values, procedure parameters, and the raw SQL step.
#include "../kindbuilder.h"

#include <engine/compatibility.h>
#include <engine/schemaops.h>
#include <engine/usage.h>

#include <QRegularExpression>

namespace Tideline::Kinds {

namespace {

const QString Table_ = QStringLiteral("table");
const QString Column_ = QStringLiteral("column");

/** Fails for a column the database fills by itself: its nullability and default are not the
 *  application's to change. */
bool notDatabaseFilled(Params &p, const Table &table, const Column &column, const QString &what)
{
    if (column.identity || column.generated)
        return p.fail(Column_, QStringLiteral("%1.%2 is %3: %4")
                                   .arg(table.name, column.name,
                                        column.identity ? QStringLiteral("an identity column")
                                                        : QStringLiteral("a generated column"),
                                        what));
    return p.ok();
}

/** Keys of a DialectSql parameter must name engines Tideline knows. */
bool knownDialects(Params &p, const Refactoring &r, const QString &param)
{
    const QJsonObject o = r.params.value(param).toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!Plan::dialects().contains(it.key()))
            return p.fail(param + QLatin1Char('.') + it.key(),
                          QStringLiteral("unknown engine '%1' (engines: %2)")
                              .arg(it.key(), Plan::dialects().join(QStringLiteral(", "))));
    }
    return p.ok();
}

QMap<QString, QString> dialectMap(const Refactoring &r, const QString &param)
{
    QMap<QString, QString> map;
    const QJsonObject o = r.params.value(param).toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

// ---------------------------------------------------------------------------------------------
// make_nullable

bool decomposeMakeNullable(const KindSpec &spec,
                           const Refactoring &r,
                           const Schema &before,
                           const QString &field,
                           QList<Step> *steps,
                           PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(Table_);
    const QString columnName = p.string(Column_);
    const Table *table = p.table(before, Table_, tableName);
    const Column *column = p.column(table, Column_, columnName);
    if (!p.ok())
        return false;
    if (table->primaryKey.contains(columnName))
        return p.fail(Column_, QStringLiteral("%1.%2 is part of the primary key, which never holds NULL")
                                   .arg(tableName, columnName));
    if (column->nullable)
        return p.fail(Column_, QStringLiteral("%1.%2 is already nullable").arg(tableName, columnName));
    if (!notDatabaseFilled(p, *table, *column, QStringLiteral("the database fills it, it never holds NULL")))
        return false;

    // The running version reads the column as always filled: it must learn to read NULL before
    // any version may write one (SQ ban-drop-not-null). So the version of the start release
    // tolerates NULL, the constraint goes a release later, and only then may a version write NULL.
    appendStep(spec, QStringLiteral("tolerate_null"), steps);
    appendStep(spec, QStringLiteral("expand"), steps)
        .ops.append(columnOp(SchemaOp::Type::DropNotNull, tableName, columnName));
    UsageOp use = usageOf(tableName);
    use.honoursRemove = {notNullKey(columnName)};
    appendStep(spec, QStringLiteral("write_null"), steps).usage.append(use);
    return true;
}

// ---------------------------------------------------------------------------------------------
// set_default / drop_default

bool decomposeSetDefault(const KindSpec &spec,
                         const Refactoring &r,
                         const Schema &before,
                         const QString &field,
                         QList<Step> *steps,
                         PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(Table_);
    const QString columnName = p.string(Column_);
    const QString value = p.string(QStringLiteral("default"));
    const Table *table = p.table(before, Table_, tableName);
    const Column *column = p.column(table, Column_, columnName);
    if (!p.ok())
        return false;
    if (!notDatabaseFilled(p, *table, *column, QStringLiteral("its value comes from the database, not from a default")))
        return false;
    if (column->defaultValue.trimmed() == value.trimmed())
        return p.fail(QStringLiteral("default"),
                      QStringLiteral("%1.%2 already has DEFAULT %3").arg(tableName, columnName, value.trimmed()));

    // Only rows inserted from now on get it; a version that leaves the column out gets the new
    // value instead of the old one (or NULL), which every version can live with.
    appendStep(spec, QStringLiteral("expand"), steps)
        .ops.append(valueOp(SchemaOp::Type::SetDefault, tableName, columnName, value.trimmed()));
    return true;
}

bool decomposeDropDefault(const KindSpec &spec,
                          const Refactoring &r,
                          const Schema &before,
                          const QString &field,
                          QList<Step> *steps,
                          PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(Table_);
    const QString columnName = p.string(Column_);
    const Table *table = p.table(before, Table_, tableName);
    const Column *column = p.column(table, Column_, columnName);
    if (!p.ok())
        return false;
    if (!notDatabaseFilled(p, *table, *column, QStringLiteral("its value comes from the database (a sequence or an expression)")))
        return false;
    if (!column->hasDefault())
        return p.fail(Column_, QStringLiteral("%1.%2 has no default").arg(tableName, columnName));
    if (column->effectiveIdentity() == Column::Identity::Sequence)
        return p.fail(Column_, QStringLiteral("%1.%2 takes its default from sequence %3; dropping it would leave "
                                              "the key to the application")
                                   .arg(tableName, columnName, column->sequence));

    // A version that leaves the column out relies on the default (NOT NULL without one fails its
    // inserts): the new version writes it, and the default goes once no version relies on it.
    UsageOp use = usageOf(tableName);
    use.writesAdd = {columnName};
    use.writeTypes.insert(columnName, {column->type});
    if (!column->nullable)
        use.honoursAdd = {notNullKey(columnName)};
    appendStep(spec, QStringLiteral("write_always"), steps).usage.append(use);
    appendStep(spec, QStringLiteral("contract"), steps)
        .ops.append(columnOp(SchemaOp::Type::DropDefault, tableName, columnName));
    return true;
}

// ---------------------------------------------------------------------------------------------
// set_comment

bool decomposeSetComment(const KindSpec &spec,
                         const Refactoring &r,
                         const Schema &before,
                         const QString &field,
                         QList<Step> *steps,
                         PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(Table_);
    const QString columnName = p.string(Column_, false);
    const QString comment = p.string(QStringLiteral("comment"), false);
    const Table *table = p.table(before, Table_, tableName);
    const Column *column = columnName.isEmpty() ? nullptr : p.column(table, Column_, columnName);
    if (!p.ok())
        return false;
    const QString what = column ? tableName + QLatin1Char('.') + columnName : QStringLiteral("table ") + tableName;
    const QString current = column ? column->comment : table->comment;
    if (current == comment)
        return p.fail(QStringLiteral("comment"), comment.isEmpty() ? QStringLiteral("%1 has no comment to remove").arg(what)
                                                                   : QStringLiteral("%1 already has this comment").arg(what));
    appendStep(spec, QStringLiteral("expand"), steps)
        .ops.append(valueOp(SchemaOp::Type::SetComment, tableName, columnName, comment));
    return true;
}

// ---------------------------------------------------------------------------------------------
// create_enum

/** PostgreSQL keeps an enum label in NAMEDATALEN - 1 bytes. */
constexpr int MaxEnumLabelBytes = 63;

bool checkEnumLabel(Params &p, const QString &param, const QString &label)
{
    if (label.toUtf8().size() > MaxEnumLabelBytes)
        return p.fail(param, QStringLiteral("'%1' is longer than the %2 bytes an enum value holds")
                                 .arg(label).arg(MaxEnumLabelBytes));
    return p.ok();
}

bool decomposeCreateEnum(const KindSpec &spec,
                         const Refactoring &r,
                         const Schema &before,
                         const QString &field,
                         QList<Step> *steps,
                         PlanError *error)
{
    Params p(spec, r, field, error);
    const QString name = p.string(QStringLiteral("name"));
    const QJsonArray values = p.array(QStringLiteral("values"));
    if (!p.ok())
        return false;
    if (before.enums.contains(name))
        return p.fail(QStringLiteral("name"), QStringLiteral("enum type %1 already exists").arg(name));
    if (before.hasRelation(name))
        return p.fail(QStringLiteral("name"), QStringLiteral("%1 is the name of a table or view, and PostgreSQL "
                                                             "gives each of them a type of that name")
                                                  .arg(name));
    EnumType type;
    type.name = name;
    for (const QJsonValue &v : values) {
        const QString label = v.toString();
        if (type.values.contains(label))
            return p.fail(QStringLiteral("values"), QStringLiteral("'values' names '%1' twice").arg(label));
        if (!checkEnumLabel(p, QStringLiteral("values"), label))
            return false;
        type.values << label;
    }
    SchemaOp op;
    op.type = SchemaOp::Type::CreateEnum;
    op.enumType = type;
    appendStep(spec, QStringLiteral("expand"), steps).ops.append(op);
    return true;
}

// ---------------------------------------------------------------------------------------------
// add_enum_value

bool decomposeAddEnumValue(const KindSpec &spec,
                           const Refactoring &r,
                           const Schema &before,
                           const QString &field,
                           QList<Step> *steps,
                           PlanError *error)
{
    Params p(spec, r, field, error);
    const QString enumName = p.string(QStringLiteral("enum"), false);
    const QString tableName = p.string(Table_, false);
    const QString columnName = p.string(Column_, false);
    const QString value = p.string(QStringLiteral("value"));
    const QString beforeValue = p.string(QStringLiteral("before"), false);
    const QString afterValue = p.string(QStringLiteral("after"), false);
    if (!p.ok())
        return false;
    const bool columnForm = !tableName.isEmpty() || !columnName.isEmpty();
    if (enumName.isEmpty() == !columnForm)
        return p.fail(enumName.isEmpty() ? QStringLiteral("enum") : Table_,
                      QStringLiteral("give either 'enum' (a named enum type, PostgreSQL) or 'table' and 'column' (a "
                                     "column of type enum('…'), MySQL), not %1")
                          .arg(enumName.isEmpty() ? QStringLiteral("neither") : QStringLiteral("both")));
    if (columnForm && (tableName.isEmpty() || columnName.isEmpty()))
        return p.fail(tableName.isEmpty() ? Table_ : Column_,
                      QStringLiteral("the column form needs both 'table' and 'column'"));
    if (!beforeValue.isEmpty() && !afterValue.isEmpty())
        return p.fail(QStringLiteral("after"), QStringLiteral("give at most one of 'before' and 'after'"));
    if (!checkEnumLabel(p, QStringLiteral("value"), value))
        return false;

    QStringList members;
    QString what, newType;
    const Table *table = nullptr;
    const Column *column = nullptr;
    if (columnForm) {
        table = p.table(before, Table_, tableName);
        column = p.column(table, Column_, columnName);
        if (!p.ok())
            return false;
        if (before.enums.contains(column->type))
            return p.fail(Column_, QStringLiteral("%1.%2 has the enum type %3: name it with 'enum'")
                                       .arg(tableName, columnName, column->type));
        if (!Compatibility::enumMembers(column->type, &members))
            return p.fail(Column_, QStringLiteral("%1.%2 has type %3, not enum('…')").arg(tableName, columnName, column->type));
        what = QStringLiteral("%1.%2").arg(tableName, columnName);
    } else {
        members = before.enums.value(enumName).values;
        what = QStringLiteral("enum type ") + enumName;
    }
    if (members.contains(value))
        return p.fail(QStringLiteral("value"), QStringLiteral("%1 already has the value '%2'").arg(what, value));
    for (const auto &[param, anchor] : {std::pair{QStringLiteral("before"), beforeValue},
                                        std::pair{QStringLiteral("after"), afterValue}}) {
        if (!anchor.isEmpty() && !members.contains(anchor))
            return p.fail(param, QStringLiteral("'%1' names '%2', which is not a value of %3").arg(param, anchor, what));
    }

    SchemaOp op;
    op.type = SchemaOp::Type::AddEnumValue;
    op.value = value;
    op.beforeValue = beforeValue;
    op.afterValue = afterValue;
    if (columnForm) {
        op.table = tableName;
        op.columnName = columnName;
    } else {
        op.enumType.name = enumName;
    }
    appendStep(spec, QStringLiteral("expand"), steps).ops.append(op);

    // Older versions never write the new value; the new one may, once the type has it.
    Step &write = appendStep(spec, QStringLiteral("write_value"), steps);
    if (columnForm) {
        Schema after = before;
        QSet<QString> filled;
        QString ignored;
        applySchemaOp(op, &after, &filled, &ignored);
        UsageOp use = usageOf(tableName);
        use.writeTypes.insert(columnName, {after.table(tableName)->column(columnName)->type});
        write.usage.append(use);
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// add_procedure_parameter

bool decomposeAddProcedureParameter(const KindSpec &spec,
                                    const Refactoring &r,
                                    const Schema &before,
                                    const QString &field,
                                    QList<Step> *steps,
                                    PlanError *error)
{
    Params p(spec, r, field, error);
    const QString procedureName = p.string(QStringLiteral("procedure"));
    const QString parameter = p.string(QStringLiteral("parameter"));
    const QString type = p.string(QStringLiteral("type"));
    const QString defaultValue = p.string(QStringLiteral("default"), false);
    if (!p.ok() || !knownDialects(p, r, QStringLiteral("definition")))
        return false;
    const Procedure &old = before.procedures[procedureName];
    // SQL Server's parameters carry their '@' (as its catalog and the importer write them): the
    // new one is written like the procedure's others.
    const bool at = !old.parameters.isEmpty() && old.parameters.first().name.startsWith(QLatin1Char('@'));
    const QString modelName = at && !parameter.startsWith(QLatin1Char('@')) ? QLatin1Char('@') + parameter : parameter;
    if (old.parameter(parameter) || old.parameter(modelName))
        return p.fail(QStringLiteral("parameter"),
                      QStringLiteral("procedure %1 already has a parameter %2").arg(procedureName, parameter));
    if (defaultValue.trimmed().isEmpty())
        return p.fail(QStringLiteral("default"),
                      QStringLiteral("a parameter without a default breaks every call that leaves it out, and the "
                                     "running version's calls do: give 'default' (NULL will do)"));
    // The statement must replace the procedure in place (a plain CREATE fails on its second run)
    // and declare the new parameter.
    static const QMap<QString, QRegularExpression> replaces{
        {QStringLiteral("postgresql"),
         QRegularExpression(QStringLiteral("^\\s*CREATE\\s+OR\\s+REPLACE\\s+(PROCEDURE|FUNCTION)\\s"),
                            QRegularExpression::CaseInsensitiveOption)},
        {QStringLiteral("sqlserver"),
         QRegularExpression(QStringLiteral("^\\s*CREATE\\s+OR\\s+ALTER\\s+PROC(EDURE)?\\s"),
                            QRegularExpression::CaseInsensitiveOption)},
    };
    static const QMap<QString, QString> spelled{{QStringLiteral("postgresql"), QStringLiteral("CREATE OR REPLACE PROCEDURE (or FUNCTION)")},
                                                {QStringLiteral("sqlserver"), QStringLiteral("CREATE OR ALTER PROCEDURE")}};
    const QMap<QString, QString> definitions = dialectMap(r, QStringLiteral("definition"));
    for (auto it = definitions.cbegin(); it != definitions.cend(); ++it) {
        const QString path = QStringLiteral("definition.") + it.key();
        if (replaces.contains(it.key()) && !replaces.value(it.key()).match(it.value()).hasMatch())
            return p.fail(path, QStringLiteral("the %1 definition must start with %2").arg(it.key(), spelled.value(it.key())));
        if (!it.value().contains(procedureName, Qt::CaseInsensitive) || !it.value().contains(parameter, Qt::CaseInsensitive))
            return p.fail(path, QStringLiteral("the %1 definition must create %2 with the parameter %3")
                                    .arg(it.key(), procedureName, parameter));
    }

    SchemaOp op;
    op.type = SchemaOp::Type::ReplaceProcedure;
    op.procedure = old;
    Parameter added;
    added.name = modelName;
    added.type = type;
    added.defaultValue = defaultValue.trimmed();
    op.procedure.parameters.append(added);
    op.dialectSql = definitions;
    appendStep(spec, QStringLiteral("expand"), steps).ops.append(op);

    UsageOp use;
    use.procedure = procedureName;
    use.passesAdd = {modelName};
    appendStep(spec, QStringLiteral("pass_parameter"), steps).usage.append(use);
    return true;
}

// ---------------------------------------------------------------------------------------------
// raw_sql

/** The catalog step that runs a raw SQL step of each phase. */
const QMap<QString, QString> &rawSqlSteps()
{
    static const QMap<QString, QString> steps{{QStringLiteral("pre"), QStringLiteral("expand")},
                                              {QStringLiteral("offline"), QStringLiteral("offline")},
                                              {QStringLiteral("backfill"), QStringLiteral("backfill")},
                                              {QStringLiteral("post"), QStringLiteral("post")}};
    return steps;
}

bool decomposeRawSql(const KindSpec &spec,
                     const Refactoring &r,
                     const Schema &,
                     const QString &field,
                     QList<Step> *steps,
                     PlanError *error)
{
    Params p(spec, r, field, error);
    QString phase = p.string(QStringLiteral("phase"), false);
    const bool transactional = p.boolean(QStringLiteral("transactional"), true);
    if (!p.ok() || !knownDialects(p, r, QStringLiteral("sql")) || !knownDialects(p, r, QStringLiteral("guard")))
        return false;
    if (phase.isEmpty())
        phase = QStringLiteral("pre");
    SchemaOp op;
    op.type = SchemaOp::Type::RawSql;
    op.dialectSql = dialectMap(r, QStringLiteral("sql"));
    // A guard goes inside NOT EXISTS (…) on every engine: no final ';'.
    for (const auto &[dialect, guard] : dialectMap(r, QStringLiteral("guard")).asKeyValueRange()) {
        QString query = guard.trimmed();
        while (query.endsWith(QLatin1Char(';')))
            query = query.chopped(1).trimmed();
        op.dialectGuard.insert(dialect, query);
    }
    op.transactional = transactional;
    for (auto it = op.dialectSql.cbegin(); it != op.dialectSql.cend(); ++it) {
        if (it.value().trimmed().isEmpty())
            return p.fail(QStringLiteral("sql.") + it.key(), QStringLiteral("the SQL for %1 is empty").arg(it.key()));
    }
    appendStep(spec, rawSqlSteps().value(phase), steps).ops.append(op);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Examples (KindSpec::example): the group's columns a (NOT NULL) and b (nullable) exist

QString a(const QString &prefix) { return prefix + QStringLiteral("a"); }
QString b(const QString &prefix) { return prefix + QStringLiteral("b"); }

QJsonObject exampleMakeNullable(Schema *, const QString &table, const QString &prefix, int, const QString &)
{
    return {{Table_, table}, {Column_, a(prefix)}};
}

QJsonObject exampleSetDefault(Schema *, const QString &table, const QString &prefix, int, const QString &)
{
    return {{Table_, table}, {Column_, b(prefix)}, {QStringLiteral("default"), QStringLiteral("'none'")}};
}

QJsonObject exampleDropDefault(Schema *schema, const QString &table, const QString &prefix, int, const QString &)
{
    if (Column *c = schema->table(table) ? schema->table(table)->column(b(prefix)) : nullptr)
        c->defaultValue = QStringLiteral("'none'");
    return {{Table_, table}, {Column_, b(prefix)}};
}

QJsonObject exampleSetComment(Schema *, const QString &table, const QString &prefix, int variant, const QString &)
{
    QJsonObject p{{Table_, table}, {QStringLiteral("comment"), QStringLiteral("what %1 holds").arg(a(prefix))}};
    if (variant % 2 == 0)
        p.insert(Column_, a(prefix));
    else
        p.insert(QStringLiteral("comment"), QStringLiteral("what %1 holds, as %2 sees it").arg(table, prefix));
    return p;
}

QJsonObject exampleCreateEnum(Schema *, const QString &table, const QString &prefix, int, const QString &)
{
    return {{QStringLiteral("name"), table + QLatin1Char('_') + prefix + QStringLiteral("state")},
            {QStringLiteral("values"), QJsonArray{QStringLiteral("new"), QStringLiteral("done")}}};
}

QJsonObject exampleAddEnumValue(Schema *schema, const QString &table, const QString &prefix, int, const QString &dialect)
{
    if (dialect == QLatin1String("mysql")) {
        // MySQL's ENUM is a column type.
        Column c = exampleColumn(prefix + QStringLiteral("state"), true);
        c.type = Compatibility::enumColumnType({QStringLiteral("new"), QStringLiteral("done")});
        if (Table *t = schema->table(table))
            t->columns.append(c);
        return {{Table_, table}, {Column_, c.name}, {QStringLiteral("value"), QStringLiteral("late")}};
    }
    EnumType e;
    e.name = table + QLatin1Char('_') + prefix + QStringLiteral("state");
    e.values = {QStringLiteral("new"), QStringLiteral("done")};
    schema->enums.insert(e.name, e);
    return {{QStringLiteral("enum"), e.name},
            {QStringLiteral("value"), QStringLiteral("late")},
            {QStringLiteral("before"), QStringLiteral("done")}};
}

QJsonObject exampleAddProcedureParameter(Schema *schema, const QString &table, const QString &prefix, int,
                                         const QString &)
{
    Procedure procedure;
    procedure.name = table + QLatin1Char('_') + prefix + QStringLiteral("touch");
    Parameter id;
    id.name = QStringLiteral("p_id");
    id.type = QStringLiteral("integer");
    procedure.parameters = {id};
    schema->procedures.insert(procedure.name, procedure);
    const QString column = b(prefix);
    return {{QStringLiteral("procedure"), procedure.name},
            {QStringLiteral("parameter"), QStringLiteral("p_note")},
            {QStringLiteral("type"), QStringLiteral("varchar(100)")},
            {QStringLiteral("default"), QStringLiteral("NULL")},
            {QStringLiteral("definition"),
             QJsonObject{{QStringLiteral("postgresql"),
                          QStringLiteral("CREATE OR REPLACE PROCEDURE %1(p_id integer, p_note varchar(100) DEFAULT NULL)\n"
                                         "LANGUAGE sql\nAS $body$\n    UPDATE %2 SET %3 = coalesce(p_note, %3) WHERE id = p_id;\n$body$")
                              .arg(procedure.name, table, column)},
                         {QStringLiteral("sqlserver"),
                          QStringLiteral("CREATE OR ALTER PROCEDURE %1 @p_id integer, @p_note varchar(100) = NULL\nAS\n"
                                         "    UPDATE %2 SET %3 = coalesce(@p_note, %3) WHERE id = @p_id;")
                              .arg(procedure.name, table, column)}}}};
}

QJsonObject exampleRawSql(Schema *, const QString &table, const QString &prefix, int variant, const QString &)
{
    // A harmless statement every engine runs: it touches no row.
    const QString sql = QStringLiteral("UPDATE %1 SET %2 = %2 WHERE 1 = 0;").arg(table, b(prefix));
    QJsonObject perEngine;
    for (const QString &d : Plan::dialects())
        perEngine.insert(d, sql);
    QJsonObject p{{QStringLiteral("sql"), perEngine}};
    static const QStringList phases{QStringLiteral("pre"), QStringLiteral("backfill"), QStringLiteral("post")};
    p.insert(QStringLiteral("phase"), phases.at(((variant % 3) + 3) % 3));
    return p;
}

} // namespace

QList<KindSpec> attributeKinds()
{
    const auto table = param(Table_, ParamType::Table, QStringLiteral("the table"));
    const auto column = param(Column_, ParamType::Column, QStringLiteral("the column"));
    const QString noEnums = QStringLiteral("%1 has no named enum types (MySQL's ENUM is a column type: give the column "
                                           "the type enum('a','b') with add_column or change_type)");
    QList<KindSpec> kinds;

    kinds.append(
        {QStringLiteral("make_nullable"),
         QStringLiteral("Make column nullable"),
         QStringLiteral("Drops NOT NULL a release after a version that tolerates NULL ships; only the "
                        "version after that may write NULL."),
         {table, column},
         {step(QStringLiteral("tolerate_null"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version reads the column as possibly NULL (and still writes a value)")),
          step(QStringLiteral("expand"),
               1,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("drop NOT NULL, once no running version reads the column as always filled"),
               {QStringLiteral("tolerate_null")}),
          step(QStringLiteral("write_null"),
               1,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version may leave the column NULL"),
               {QStringLiteral("expand")})},
         decomposeMakeNullable,
         exampleMakeNullable});

    kinds.append(
        {QStringLiteral("set_default"),
         QStringLiteral("Set column default"),
         QStringLiteral("Gives a column a new constant default; rows inserted from then on that leave the "
                        "column out get it."),
         {table,
          column,
          param(QStringLiteral("default"), ParamType::Sql, QStringLiteral("the new default (SQL literal)"))},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("set the default (metadata only; existing rows keep their values)"))},
         decomposeSetDefault,
         exampleSetDefault});

    kinds.append(
        {QStringLiteral("drop_default"),
         QStringLiteral("Drop column default"),
         QStringLiteral("The new version writes the column on every insert; the default goes a release "
                        "later, once no running version relies on it."),
         {table, column},
         {step(QStringLiteral("write_always"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version writes the column on every insert instead of relying on the default")),
          step(QStringLiteral("contract"),
               1,
               Phase::Pre,
               QStringLiteral("contract"),
               QStringLiteral("drop the default (metadata only)"),
               {QStringLiteral("write_always")})},
         decomposeDropDefault,
         exampleDropDefault});

    kinds.append(
        {QStringLiteral("set_comment"),
         QStringLiteral("Set comment"),
         QStringLiteral("Sets or removes the comment of a column, or of the table when no column is given."),
         {table,
          param(Column_, ParamType::Column, QStringLiteral("the column; none: the table's comment"), false),
          param(QStringLiteral("comment"), ParamType::Text, QStringLiteral("the comment; empty: remove it"))},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("set the comment (metadata only)"))},
         decomposeSetComment,
         exampleSetComment,
         {{QStringLiteral("sqlite"),
           QStringLiteral("SQLite has no comments on tables or columns: the step would change nothing in the "
                          "database")}}});

    kinds.append(
        {QStringLiteral("create_enum"),
         QStringLiteral("Create enum type"),
         QStringLiteral("Creates a named enum type (PostgreSQL) for columns added or changed later."),
         {param(QStringLiteral("name"), ParamType::Name, QStringLiteral("the new type")),
          param(QStringLiteral("values"), ParamType::Values, QStringLiteral("its values, in order"))},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("create the type (no table uses it yet)"))},
         decomposeCreateEnum,
         exampleCreateEnum,
         {{QStringLiteral("mysql"), noEnums.arg(QStringLiteral("MySQL"))},
          {QStringLiteral("sqlite"), QStringLiteral("SQLite has no enum types (a CHECK (c IN (…)) does that job: add_check)")},
          {QStringLiteral("sqlserver"),
           QStringLiteral("SQL Server has no enum types (a CHECK (c IN (…)) does that job: add_check)")}}});

    kinds.append(
        {QStringLiteral("add_enum_value"),
         QStringLiteral("Add enum value"),
         QStringLiteral("Adds a value to an enum type (PostgreSQL: 'enum') or to a column of type "
                        "enum('…') (MySQL: 'table' and 'column'); only the new version writes it."),
         {param(QStringLiteral("enum"), ParamType::Enum, QStringLiteral("the enum type (PostgreSQL)"), false),
          param(Table_, ParamType::Table, QStringLiteral("the table of an enum('…') column (MySQL)"), false),
          param(Column_, ParamType::Column, QStringLiteral("the enum('…') column (MySQL)"), false),
          param(QStringLiteral("value"), ParamType::Text, QStringLiteral("the new value")),
          param(QStringLiteral("before"), ParamType::Text, QStringLiteral("the value it goes before"), false),
          param(QStringLiteral("after"), ParamType::Text,
                QStringLiteral("the value it goes after (neither: last)"), false)},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("add the value (PostgreSQL: outside a transaction; MySQL: in place when it goes last)")),
          step(QStringLiteral("write_value"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version may write the new value; older ones never do"),
               {QStringLiteral("expand")})},
         decomposeAddEnumValue,
         exampleAddEnumValue,
         {{QStringLiteral("sqlite"), QStringLiteral("SQLite has no enum types")},
          {QStringLiteral("sqlserver"),
           QStringLiteral("SQL Server has no enum types (Tideline writes a PostgreSQL enum as a CHECK (c IN (…)) "
                          "there): widen that CHECK with drop_constraint and add_check")}}});

    kinds.append(
        {QStringLiteral("add_procedure_parameter"),
         QStringLiteral("Add procedure parameter"),
         QStringLiteral("A stored procedure gains a parameter with a default, so running callers that leave "
                        "it out keep working; the new version passes it."),
         {param(QStringLiteral("procedure"), ParamType::Procedure, QStringLiteral("the procedure")),
          param(QStringLiteral("parameter"), ParamType::Name, QStringLiteral("the new parameter")),
          param(QStringLiteral("type"), ParamType::Type, QStringLiteral("its SQL type")),
          param(QStringLiteral("default"), ParamType::Sql, QStringLiteral("its default (callers that leave it out get this)")),
          param(QStringLiteral("definition"), ParamType::DialectSql,
                QStringLiteral("the new procedure per engine: CREATE OR REPLACE (PostgreSQL), CREATE OR ALTER (SQL Server)"))},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("replace the procedure by the one with the new, defaulted parameter (PostgreSQL: the old "
                              "signature is dropped in the same transaction)")),
          step(QStringLiteral("pass_parameter"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version passes the parameter; older ones keep leaving it out"),
               {QStringLiteral("expand")})},
         decomposeAddProcedureParameter,
         exampleAddProcedureParameter,
         {{QStringLiteral("sqlite"), QStringLiteral("SQLite has no stored procedures")},
          {QStringLiteral("mysql"),
           QStringLiteral("MySQL procedure parameters have no defaults: a call that leaves the new parameter out "
                          "fails (\"Incorrect number of arguments\"); create a second procedure with raw_sql and "
                          "move callers to it")}}});

    kinds.append(
        {QStringLiteral("raw_sql"),
         QStringLiteral("Raw SQL step"),
         QStringLiteral("Runs SQL written in the plan, per engine, in the phase it names. Tideline does not "
                        "know what it does: compatibility and drift ignore it, and the release is at best "
                        "\"ready with warnings\" until verify has run it."),
         {choice(QStringLiteral("phase"),
                 {QStringLiteral("offline"), QStringLiteral("pre"), QStringLiteral("backfill"), QStringLiteral("post")},
                 QStringLiteral("where it runs in its release"),
                 false,
                 QStringLiteral("pre")),
          param(QStringLiteral("sql"), ParamType::DialectSql,
                QStringLiteral("the SQL per engine; the plan's engine must have one")),
          param(QStringLiteral("guard"), ParamType::DialectSql,
                QStringLiteral("per engine, a query that returns a row once the SQL has run: a re-run skips it"), false),
          param(QStringLiteral("transactional"), ParamType::Bool,
                QStringLiteral("false for SQL that must run outside a transaction"), false, QStringLiteral("true"))},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("the SQL, before the switch"),
               {},
               QStringLiteral("when phase is pre")),
          step(QStringLiteral("offline"),
               0,
               Phase::Offline,
               QStringLiteral("offline"),
               QStringLiteral("the SQL, in a maintenance window"),
               {},
               QStringLiteral("when phase is offline")),
          step(QStringLiteral("backfill"),
               0,
               Phase::Backfill,
               QStringLiteral("backfill"),
               QStringLiteral("the SQL, with the backfills (run twice: before and after the switch)"),
               {},
               QStringLiteral("when phase is backfill")),
          // Not "contract": it removes nothing, and no expand waits for it.
          step(QStringLiteral("post"),
               0,
               Phase::Post,
               QStringLiteral("constraint"),
               QStringLiteral("the SQL, after the switch"),
               {},
               QStringLiteral("when phase is post"))},
         decomposeRawSql,
         exampleRawSql});
    return kinds;
}

} // namespace Tideline::Kinds
