// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginejson.h"

#include "engine.h"

#include <catalog/catalog.h>
#include <io/planjson.h>

#include <QJsonArray>

namespace Tideline::EngineJson {

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QString stepColumnName(int offset)
{
    return offset == 0 ? QStringLiteral("N") : QStringLiteral("N+%1").arg(offset);
}

} // namespace

QJsonObject compat(const Engine &engine)
{
    QJsonArray cells;
    for (const Cell &cell : engine.cells()) {
        const SchemaState &state = engine.states().at(cell.state);
        QJsonArray failures;
        for (const Failure &f : cell.failures) {
            failures.append(
                QJsonObject{{QStringLiteral("rule"), f.rule},
                            {QStringLiteral("object"), f.object},
                            {QStringLiteral("message"), f.message},
                            {QStringLiteral("severity"),
                             f.warning ? QStringLiteral("warning") : QStringLiteral("error")}});
        }
        cells.append(QJsonObject{{QStringLiteral("app"),
                                  engine.releaseId(engine.apps().at(cell.app).release)},
                                 {QStringLiteral("release"), engine.releaseId(state.release)},
                                 {QStringLiteral("phase"), phaseName(state.phase)},
                                 {QStringLiteral("required"), cell.required},
                                 {QStringLiteral("ok"), cell.ok()},
                                 {QStringLiteral("failures"), failures}});
    }
    return {{QStringLiteral("ok"), engine.compatible()}, {QStringLiteral("cells"), cells}};
}

QJsonObject schema(const Engine &engine, const SchemaState &state)
{
    // The plan file's spelling of a table, with the keys a reader may rely on always present:
    // "nullable" and "default" (null when none) on every column, "primaryKey", "indexes" and
    // "constraints" on every table.
    QJsonArray tables;
    for (const Table &table : state.schema.tables) {
        QJsonObject t = PlanJson::tableToJson(table);
        QJsonArray columns = t.value(QStringLiteral("columns")).toArray();
        for (int i = 0; i < columns.size(); ++i) {
            const Column &c = table.columns.at(i);
            QJsonObject column = columns.at(i).toObject();
            column.insert(QStringLiteral("nullable"), c.nullable);
            column.insert(QStringLiteral("default"),
                          c.hasDefault() ? QJsonValue(c.defaultValue) : QJsonValue());
            columns.replace(i, column);
        }
        t.insert(QStringLiteral("columns"), columns);
        for (const char *key : {"primaryKey", "indexes", "constraints"}) {
            if (!t.contains(QLatin1String(key)))
                t.insert(QLatin1String(key), QJsonArray());
        }
        tables.append(t);
    }
    QJsonArray views, procedures;
    for (const View &v : state.schema.views)
        views.append(QJsonObject{{QStringLiteral("name"), v.name},
                                 {QStringLiteral("columns"), toArray(v.columns)}});
    for (const Procedure &p : state.schema.procedures) {
        QJsonArray parameters;
        for (const Parameter &parameter : p.parameters) {
            parameters.append(
                QJsonObject{{QStringLiteral("name"), parameter.name},
                            {QStringLiteral("type"), parameter.type},
                            {QStringLiteral("default"),
                             parameter.hasDefault() ? QJsonValue(parameter.defaultValue)
                                                    : QJsonValue()}});
        }
        procedures.append(QJsonObject{{QStringLiteral("name"), p.name},
                                      {QStringLiteral("parameters"), parameters}});
    }
    return {{QStringLiteral("release"), engine.releaseId(state.release)},
            {QStringLiteral("phase"), phaseName(state.phase)},
            {QStringLiteral("tables"), tables},
            {QStringLiteral("views"), views},
            {QStringLiteral("procedures"), procedures},
            {QStringLiteral("sequences"), PlanJson::sequencesToJson(state.schema)},
            {QStringLiteral("enums"), PlanJson::enumsToJson(state.schema)}};
}

QJsonObject pending(const Engine &engine)
{
    QJsonArray list;
    for (const PendingContract &p : engine.pending()) {
        list.append(QJsonObject{{QStringLiteral("refactoring"), p.refactoring},
                                {QStringLiteral("kind"), p.kind},
                                {QStringLiteral("expand"), p.expandRelease},
                                {QStringLiteral("contract"),
                                 p.contractRelease.isEmpty() ? QJsonValue()
                                                             : QJsonValue(p.contractRelease)},
                                {QStringLiteral("age"), p.age},
                                {QStringLiteral("status"), p.status}});
    }
    return {{QStringLiteral("pending"), list}};
}

QJsonObject catalog()
{
    QJsonArray kinds;
    for (const KindSpec &kind : Catalog::kinds()) {
        QJsonArray params, steps;
        for (const ParamSpec &p : kind.params) {
            QJsonObject param{{QStringLiteral("name"), p.name},
                              {QStringLiteral("type"), paramTypeName(p.type)},
                              {QStringLiteral("required"), p.required},
                              {QStringLiteral("description"), p.description}};
            if (!p.defaultValue.isEmpty())
                param.insert(QStringLiteral("default"), p.defaultValue);
            params.append(param);
        }
        for (const StepSpec &s : kind.steps) {
            QJsonObject step{{QStringLiteral("name"), s.name},
                             {QStringLiteral("offset"), s.offset},
                             {QStringLiteral("phase"), phaseName(s.phase)},
                             {QStringLiteral("category"), s.category},
                             {QStringLiteral("description"), s.description},
                             {QStringLiteral("dependsOn"), toArray(s.dependsOn)}};
            if (!s.condition.isEmpty())
                step.insert(QStringLiteral("condition"), s.condition);
            steps.append(step);
        }
        kinds.append(QJsonObject{{QStringLiteral("kind"), kind.name},
                                 {QStringLiteral("title"), kind.title},
                                 {QStringLiteral("summary"), kind.summary},
                                 {QStringLiteral("params"), params},
                                 {QStringLiteral("steps"), steps}});
    }
    return {{QStringLiteral("kinds"), kinds}};
}

QString catalogMarkdown()
{
    QString md;
    md += QStringLiteral("# Refactoring catalog\n\n"
                         "Generated by `tideline-cli catalog --markdown`; do not edit by hand "
                         "(a test compares this file with the command's output).\n\n"
                         "Each kind starts in release N. The grid shows where every step runs by "
                         "default: the phases of a release run top to bottom (`pre` scripts, "
                         "`backfill`, the app switch, `post` scripts). A plan may move a step to a "
                         "later release (`\"moves\": {\"contract\": \"r5\"}`), never before a step "
                         "it depends on. Placement passes every required compatibility check with "
                         "rollback safety on and off.\n\n");
    const QList<Phase> phases{Phase::Pre, Phase::Backfill, Phase::App, Phase::Post};
    for (const KindSpec &kind : Catalog::kinds()) {
        md += QStringLiteral("## `%1` — %2\n\n%3\n\n").arg(kind.name, kind.title, kind.summary);
        md += QStringLiteral("| parameter | type | required | description |\n|---|---|---|---|\n");
        for (const ParamSpec &p : kind.params) {
            md += QStringLiteral("| `%1` | %2 | %3 | %4 |\n")
                      .arg(p.name,
                           paramTypeName(p.type),
                           p.required
                               ? QStringLiteral("yes")
                               : (p.defaultValue.isEmpty()
                                      ? QStringLiteral("no")
                                      : QStringLiteral("no (default %1)").arg(p.defaultValue)),
                           p.description);
        }
        int last = 0;
        for (const StepSpec &s : kind.steps)
            last = qMax(last, s.offset);
        md += QStringLiteral("\n| phase |");
        for (int offset = 0; offset <= last; ++offset)
            md += QStringLiteral(" %1 |").arg(stepColumnName(offset));
        md += QStringLiteral("\n|---|");
        for (int offset = 0; offset <= last; ++offset)
            md += QStringLiteral("---|");
        md += QLatin1Char('\n');
        for (Phase phase : phases) {
            md += QStringLiteral("| %1 |").arg(phaseName(phase));
            for (int offset = 0; offset <= last; ++offset) {
                QStringList names;
                for (const StepSpec &s : kind.steps) {
                    if (s.offset == offset && s.phase == phase)
                        names << (s.condition.isEmpty() ? QStringLiteral("`%1`").arg(s.name)
                                                        : QStringLiteral("`%1`\\*").arg(s.name));
                }
                md += QLatin1Char(' ') + names.join(QStringLiteral(", ")) + QStringLiteral(" |");
            }
            md += QLatin1Char('\n');
        }
        md += QLatin1Char('\n');
        for (const StepSpec &s : kind.steps) {
            md += QStringLiteral("* `%1` (%2, %3): %4")
                      .arg(s.name, stepColumnName(s.offset), phaseName(s.phase), s.description);
            if (!s.condition.isEmpty())
                md += QStringLiteral(" — \\*only %1").arg(s.condition);
            if (!s.dependsOn.isEmpty())
                md += QStringLiteral(". After: %1").arg(s.dependsOn.join(QStringLiteral(", ")));
            md += QStringLiteral(".\n");
        }
        md += QLatin1Char('\n');
    }
    return md;
}

} // namespace Tideline::EngineJson
