// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "verifier.h"

#include "appstatements.h"
#include "sampledata.h"

#include <engine/compatibility.h>
#include <engine/engine.h>
#include <engine/schemaops.h>
#include <sql/applier.h>
#include <sql/dialect.h>
#include <sql/livecatalog.h>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QSet>
#include <QSqlRecord>

#include <algorithm>

namespace Tideline {

namespace {

// Offline files run at their step's place (Bundle::runningIn), as the runbook orders them.
const QStringList PhasesBeforeApps{QStringLiteral("pre")};
const QStringList PhasesAfterApps{QStringLiteral("backfill"), QStringLiteral("post")};

QString stateName(int release, bool pre)
{
    return (pre ? QStringLiteral("P_%1") : QStringLiteral("S_%1")).arg(release);
}

/** A schema as text that changes whenever anything in it changes. */
QString describe(const Schema &schema)
{
    QStringList lines;
    for (const Table &t : schema.tables) {
        lines << QStringLiteral("table %1 pk(%2)").arg(t.name, t.primaryKey.join(QLatin1Char(',')));
        for (const Column &c : t.columns)
            lines << QStringLiteral("  %1 %2 %3 %4").arg(c.name, c.type, c.nullable ? QStringLiteral("null") : QStringLiteral("not null"), c.defaultValue);
        for (const Index &i : t.indexes)
            lines << QStringLiteral("  index %1(%2)%3").arg(i.name, i.columns.join(QLatin1Char(',')), i.unique ? QStringLiteral(" unique") : QString());
        for (const Constraint &k : t.constraints)
            lines << QStringLiteral("  constraint %1 %2").arg(k.key(), k.expression);
    }
    for (const View &v : schema.views)
        lines << QStringLiteral("view %1(%2)").arg(v.name, v.columns.join(QLatin1Char(',')));
    return lines.join(QLatin1Char('\n'));
}

/**
 * Runs @p script, several statements, as one simple-query message (PostgreSQL): one round trip,
 * as psql sends a line of statements. A refused statement anywhere in the script fails it. After
 * a failure a ROLLBACK ends what the script began (a harmless notice when nothing is open).
 */
bool execBatch(QSqlDatabase db, const QString &script)
{
    const bool ok = Applier::runMessage(db, script);
    if (!ok)
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    return ok;
}

} // namespace

bool VerifyResult::passed() const
{
    return errors.isEmpty() && defects.isEmpty()
           && std::all_of(scripts.cbegin(), scripts.cend(), [](const VerifyScript &s) { return s.ok; })
           && std::all_of(statements.cbegin(), statements.cend(), [](const VerifyStatement &s) { return s.ok; });
}

Verifier::Verifier(const Engine &engine, const Dialect &dialect, QSqlDatabase db)
    : m_engine(engine)
    , m_dialect(dialect)
    , m_db(db)
{
}

QStringList Verifier::touchedTables(const BundleFile &file, int release, bool *all) const
{
    QStringList tables;
    bool unknown = false; // raw SQL: what it touches is the user's SQL, not the step's ops
    for (const PlacedStep &placed : m_engine.steps()) {
        if (placed.release != release || placed.step.name != file.step
            || m_engine.plan().refactorings.value(placed.refactoring).id != file.refactoring)
            continue;
        for (const SchemaOp &op : placed.step.ops) {
            unknown = unknown || op.type == SchemaOp::Type::RawSql;
            // A renamed table is read under its new name too: its second run must not touch it.
            for (const QString &t : tablesNamed(op)) {
                if (!tables.contains(t))
                    tables << t;
            }
        }
    }
    *all = unknown || tables.isEmpty();
    if (*all) { // a script Tideline did not write, or raw SQL: look at everything
        tables.clear();
        for (const SchemaState &s : m_engine.states())
            for (const QString &t : s.schema.tables.keys())
                if (!tables.contains(t))
                    tables << t;
    }
    return tables;
}

QStringList Verifier::withNeighbours(const QStringList &tables, int release) const
{
    // A key's constraint belongs to the referencing table, and dropping or renaming the
    // referenced one changes it: the schema snapshot reads both ends of every key.
    QStringList out = tables;
    const auto add = [&](const QString &name) {
        if (!out.contains(name))
            out << name;
    };
    for (const SchemaState *state : {m_engine.state(release - 1, Phase::Post), m_engine.state(release, Phase::Pre),
                                     m_engine.state(release, Phase::Post)}) {
        if (!state)
            continue;
        for (const QString &name : tables) {
            if (const TableMap::ForeignKeys *keys = state->schema.tables.foreignKeysTo(name))
                for (const auto &key : *keys)
                    add(key.first);
            if (const Table *table = state->schema.table(name))
                for (const Constraint &c : table->constraints)
                    if (c.kind == Constraint::Kind::ForeignKey && !c.refTable.isEmpty())
                        add(c.refTable);
        }
    }
    return out;
}

QString Verifier::snapshot(const QStringList &tables, const QStringList &schemaTables) const
{
    QString schema;
    QSet<QString> present;
    if (m_dialect.keepsDdlText()) {
        // SQLite keeps every object's exact DDL: one query says all LiveCatalog would.
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.exec(QStringLiteral("SELECT type, name, sql FROM sqlite_master WHERE name <> 'tideline_applied' "
                                  "ORDER BY type, name"));
        QStringList lines;
        while (query.next()) {
            lines << query.value(0).toString() + QLatin1Char(' ') + query.value(1).toString() + QLatin1Char(' ')
                         + query.value(2).toString();
            if (query.value(0).toString() == QLatin1String("table"))
                present.insert(query.value(1).toString());
        }
        schema = lines.join(QLatin1Char('\n'));
    } else {
        // The catalog of the tables the script touches (every table when it is not known).
        Schema live;
        QString error;
        if (schemaTables.isEmpty() ? !LiveCatalog::read(m_db, m_dialect.name(), &live, &error)
                                   : !LiveCatalog::readTables(m_db, m_dialect.name(), schemaTables, &live, &error))
            return QStringLiteral("catalog unreadable: ") + error;
        schema = describe(live);
        const QStringList names = live.tables.keys();
        present = QSet<QString>(names.cbegin(), names.cend());
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &name : tables) {
        if (!present.contains(name))
            continue;
        QStringList rows;
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (query.exec(QStringLiteral("SELECT * FROM %1").arg(m_dialect.quoteIdentifier(name)))) {
            // The driver builds a whole QSqlRecord for each record() call: once, not per value.
            const int columns = query.record().count();
            while (query.next()) {
                QStringList values;
                for (int i = 0; i < columns; ++i)
                    values << (query.isNull(i) ? QStringLiteral("\u2400") : query.value(i).toString());
                rows << values.join(QChar(0x1f));
            }
        }
        query.finish();
        std::sort(rows.begin(), rows.end());
        hash.addData(name.toUtf8());
        hash.addData(rows.join(QChar(0x1e)).toUtf8());
    }
    return schema + QStringLiteral("\nrows ") + QString::fromLatin1(hash.result().toHex());
}

double Verifier::extrapolated(const BundleFile &file, int release, double seconds) const
{
    // Backfills and validations read or write every row: their time grows with the table.
    qint64 planRows = -1;
    for (const PlacedStep &placed : m_engine.steps()) {
        if (placed.release != release || placed.step.name != file.step
            || m_engine.plan().refactorings.value(placed.refactoring).id != file.refactoring)
            continue;
        for (const SchemaOp &op : placed.step.ops) {
            const bool linear = file.phase == QLatin1String("backfill") || op.type == SchemaOp::Type::Backfill
                                || op.type == SchemaOp::Type::MoveBackfill || op.type == SchemaOp::Type::SetNotNull
                                || op.type == SchemaOp::Type::AddConstraint;
            if (linear)
                planRows = qMax(planRows, m_engine.plan().baseline.rows.value(op.table, -1));
        }
    }
    if (planRows < 0 || m_rows <= 0)
        return seconds;
    return seconds * double(planRows) / double(m_rows);
}

bool Verifier::runScripts(const Bundle &bundle, const QString &phase, int release, VerifyResult *result)
{
    Applier applier(m_db, m_dialect);
    applier.setOneMessage(!m_oneByOne);
    for (const BundleFile *file : bundle.runningIn(phase)) {
        bool all = false;
        const QStringList tables = touchedTables(*file, release, &all);
        const QStringList schemaTables = all ? QStringList() : withNeighbours(tables, release);
        QString before;
        for (int run = 1; run <= 2; ++run) {
            VerifyScript script;
            script.file = file->path;
            script.phase = file->phase;
            script.run = run;
            script.estimateSeconds = file->estimateSeconds;
            if (run == 2)
                before = snapshot(tables, schemaTables);
            QElapsedTimer timer;
            timer.start();
            QString error;
            script.ok = applier.runFile(bundle, *file, &error);
            script.seconds = timer.nsecsElapsed() / 1e9;
            script.extrapolatedSeconds = extrapolated(*file, release, script.seconds);
            if (!script.ok) {
                script.error = error;
            } else if (run == 2) {
                const QString after = snapshot(tables, schemaTables);
                if (after != before) {
                    script.ok = false;
                    script.error = QStringLiteral("%1: the second run changed the database (not re-runnable)").arg(file->path);
                }
            }
            result->scripts << script;
            if (m_scriptDone)
                m_scriptDone(script);
            if (!script.ok) {
                result->errors << QStringLiteral("%1 failed on run %2: %3").arg(file->path).arg(run).arg(script.error);
                return false;
            }
        }
    }
    return true;
}

QString Verifier::runChecked(const QString &sql, const QString &tableName, const QSet<QString> &written,
                            const Schema &state)
{
    // What the statement must not leave behind, counted before and after it in its transaction:
    // rows a sync trigger should have filled, and (SQLite, which stores any value in any column)
    // values the column's declared type cannot hold.
    const QList<Watch> watches = watchesFor(tableName, written, state);
    const auto counts = [&] {
        QList<qint64> out;
        for (const Watch &w : std::as_const(watches)) {
            QSqlQuery query(m_db);
            out << (query.exec(w.count) && query.next() ? query.value(0).toLongLong() : -1);
        }
        return out;
    };
    const QList<qint64> before = counts();
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.exec(sql))
            return query.lastError().text();
    }
    const QList<qint64> after = counts();
    QStringList problems;
    for (int i = 0; i < watches.size(); ++i) {
        if (before.at(i) >= 0 && after.at(i) > before.at(i))
            problems << watches.at(i).message;
    }
    return problems.join(QStringLiteral("; "));
}

QList<Verifier::Watch> Verifier::watchesFor(const QString &tableName, const QSet<QString> &written, const Schema &state) const
{
    QList<Watch> watches;
    const Table *table = state.table(tableName);
    const QString from = QStringLiteral("SELECT COUNT(*) FROM %1 WHERE ").arg(m_dialect.quoteIdentifier(tableName));
    QSet<QString> typed = written;
    for (const SyncTrigger &sync : table ? table->syncs : QList<SyncTrigger>()) {
        const bool feeds = std::any_of(sync.sources.cbegin(), sync.sources.cend(), [&](const QString &c) { return written.contains(c); });
        if (!feeds || written.contains(sync.target) || !table->column(sync.target))
            continue;
        QStringList terms{m_dialect.quoteIdentifier(sync.target) + QStringLiteral(" IS NULL")};
        for (const QString &source : sync.sources)
            terms << m_dialect.quoteIdentifier(source) + QStringLiteral(" IS NOT NULL");
        watches.append({from + terms.join(QStringLiteral(" AND ")),
                        QStringLiteral("the sync trigger did not fill %1.%2 in the row the statement wrote (%3 set)")
                            .arg(tableName, sync.target, sync.sources.join(QStringLiteral(", ")))});
        typed.insert(sync.target);
        // A copy into a column of the same type (rename_column) must copy the value itself.
        const Column *source = table->column(sync.sourceColumn);
        if (source && sync.expression.isEmpty()
            && Compatibility::normalizeType(source->type) == Compatibility::normalizeType(table->column(sync.target)->type))
            watches.append({from + QStringLiteral("%1 <> %2").arg(m_dialect.quoteIdentifier(sync.target),
                                                                  m_dialect.quoteIdentifier(sync.sourceColumn)),
                            QStringLiteral("the sync trigger wrote into %1.%2 another value than %1.%3 holds")
                                .arg(tableName, sync.target, sync.sourceColumn)});
    }
    if (!m_dialect.enforcesColumnTypes() && table) {
        for (const QString &name : typed) {
            const Column *column = table->column(name);
            const QString overflow = column ? SampleData::domainOf(*column, state, m_dialect).sqliteOverflow(m_dialect.quoteIdentifier(name))
                                            : QString();
            if (!overflow.isEmpty())
                watches.append({from + overflow,
                                QStringLiteral("SQLite stored a value in %1.%2 that its type %3 cannot hold (PostgreSQL and "
                                               "MySQL refuse it)")
                                    .arg(tableName, name, column->type)});
        }
    }
    return watches;
}

void Verifier::runStatements(int app, int release, bool pre, VerifyResult *result)
{
    const Schema schema = SampleData::withDatabaseEnums(m_db, m_dialect, m_engine.state(release, pre ? Phase::Pre : Phase::Post)->schema);
    const AppUsage &usage = m_engine.apps().at(app).usage;
    const QString appId = m_engine.releaseId(app);
    struct Pending
    {
        QString origin, sql, skipped, table;
        QSet<QString> written;
        bool reads = false; // a generated SELECT: it changes nothing
    };
    QList<Pending> pending;
    for (const AppStatement &s : AppStatements::generate(usage, schema, m_dialect, m_db, m_skipped)) {
        const TableUsage use = usage.tables.value(s.table);
        const QSet<QString> written = s.action == QLatin1String("insert")   ? use.inserts
                                      : s.action == QLatin1String("update") ? use.updates
                                                                            : QSet<QString>();
        pending.append({QStringLiteral("usage"), s.sql, s.skipped, s.table, written, s.action == QLatin1String("select")});
        m_unbroken[appId + QLatin1Char('|') + stateName(release, pre)] += s.unbroken;
    }
    for (const QString &sql : m_engine.plan().statements.value(appId))
        pending.append({QStringLiteral("plan"), sql, {}, {}, {}});
    // PostgreSQL: the generated statements with nothing to count before and after them go many
    // to a simple-query message, each write between its own BEGIN and ROLLBACK as below: a
    // round trip for up to StatementsPerBatch statements instead of one to three each. Every
    // result of the message is looked at; when the database refuses any statement of it, every
    // statement of that message goes again one by one below, so that each error reads as it
    // always did and is the statement's own.
    constexpr int StatementsPerBatch = 100;
    QSet<int> proven; // indexes into pending whose message the database ran without an error
    if (!m_oneByOne && m_dialect.name() == QLatin1String("postgresql")) {
        QList<int> group;
        QStringList script;
        const auto flush = [&] {
            if (!group.isEmpty() && execBatch(m_db, script.join(QLatin1Char('\n'))))
                for (const int i : std::as_const(group))
                    proven.insert(i);
            group.clear();
            script.clear();
        };
        for (int i = 0; i < pending.size(); ++i) {
            const Pending &p = pending.at(i);
            if (!p.skipped.isEmpty() || p.origin != QLatin1String("usage") || !watchesFor(p.table, p.written, schema).isEmpty())
                continue;
            group << i;
            script << (p.reads ? p.sql + QLatin1Char(';') : QStringLiteral("BEGIN;\n%1;\nROLLBACK;").arg(p.sql));
            if (group.size() == StatementsPerBatch)
                flush();
        }
        flush();
    }
    for (int i = 0; i < pending.size(); ++i) {
        const Pending &p = pending.at(i);
        VerifyStatement statement;
        statement.app = appId;
        statement.state = stateName(release, pre);
        statement.origin = p.origin;
        statement.sql = p.sql;
        statement.skipped = p.skipped;
        if (!p.skipped.isEmpty()) {
            result->statements << statement;
            continue;
        }
        // A generated SELECT writes nothing and watches nothing: it runs on its own, without the
        // BEGIN and ROLLBACK around each statement that writes (two round trips of three).
        if (proven.contains(i)) {
            statement.ok = true;
        } else if (p.reads) {
            statement.error = runChecked(p.sql, p.table, p.written, schema);
            statement.ok = statement.error.isEmpty();
        } else if (!m_db.transaction()) {
            statement.ok = false;
            statement.error = QStringLiteral("cannot start a transaction: ") + m_db.lastError().text();
        } else {
            statement.error = runChecked(p.sql, p.table, p.written, schema);
            statement.ok = statement.error.isEmpty();
            m_db.rollback();
        }
        result->statements << statement;
    }
}

QStringList Verifier::unshown(int app, int stateIndex, const QList<Failure> &failures) const
{
    const SchemaState &state = m_engine.states().at(stateIndex);
    const AppUsage &usage = m_engine.apps().at(app).usage;
    const QSet<QString> unbroken = m_unbroken.value(m_engine.releaseId(app) + QLatin1Char('|')
                                                    + stateName(state.release, state.phase == Phase::Pre));
    QStringList out;
    for (const Failure &f : failures) {
        const QString table = f.object.section(QLatin1Char('.'), 0, 0);
        // Procedures are not called; writes into a table without sample rows are not run.
        bool hidden = f.rule == QLatin1String("procedure-signature") || usage.calls.contains(f.object)
                      || (m_skipped.contains(table) && f.rule != QLatin1String("missing-object"));
        // A CHECK the application does not honour, for which no breaking value was found.
        const Table *t = state.schema.table(table);
        for (const QString &key : unbroken) {
            for (const Constraint &c : t ? t->constraints : QList<Constraint>()) {
                if (c.key() == key && f.rule == QLatin1String("constraint-not-honoured")
                    && f.object == table + QLatin1Char('.') + c.columns.join(QLatin1Char(','))
                    && f.message.contains(c.name.isEmpty() ? QStringLiteral("(unnamed)") : c.name))
                    hidden = true;
            }
        }
        if (hidden)
            out << f.message;
    }
    return out;
}

bool Verifier::run(const QString &releaseId, VerifyResult *result, QString *error)
{
    const int k = m_engine.releasePosition(releaseId);
    if (k <= 0) {
        *error = QStringLiteral("unknown release \"%1\"").arg(releaseId);
        return false;
    }
    *result = VerifyResult();
    result->plan = m_engine.plan().name;
    result->release = releaseId;
    result->engine = m_dialect.name();
    result->rows = m_rows;

    // S_{R-1}: the baseline, then every earlier release, each script once.
    Applier applier(m_db, m_dialect);
    applier.setOneMessage(!m_oneByOne);
    for (int j = 0; j < k && !m_prebuilt; ++j) {
        Bundle bundle;
        if (!Bundle::build(m_engine, j == 0 ? QStringLiteral("baseline") : m_engine.releaseId(j), m_dialect, &bundle, error))
            return false;
        // Every file in manifest order, offline ones at their place (the maintenance window).
        QString message;
        if (!applier.apply(bundle, {}, &message, true)) {
            result->errors << QStringLiteral("building S_%1 (%2): %3").arg(k - 1).arg(bundle.release, message);
            return true;
        }
    }
    QString message;
    SampleLoad load;
    const Schema before = SampleData::withDatabaseEnums(m_db, m_dialect, m_engine.state(k - 1, Phase::Post)->schema);
    if (!SampleData::load(m_db, m_dialect, before, m_rows, &load, &message, !m_oneByOne)) {
        result->errors << QStringLiteral("loading sample rows into S_%1: %2").arg(k - 1).arg(message);
        return true;
    }
    m_skipped = load.skipped;
    m_unbroken.clear();
    result->skipped = load.skipped;
    result->notes = load.notes;
    Bundle bundle;
    if (m_bundle) {
        bundle = *m_bundle;
    } else if (!Bundle::build(m_engine, releaseId, m_dialect, &bundle, error)) {
        return false;
    }
    QList<QPair<int, bool>> ran; // (app, pre) pairs whose statements ran
    // The scripts' times stand for production's: durable from the first script to the last
    // (the rolled-back app statements on P_R in between), fast again after, for the drop.
    const auto durable = [&](bool on) {
        QString message;
        if (!m_durability || m_durability(on, &message))
            return true;
        result->errors << (on ? QStringLiteral("cannot make the database durable for the release's timed scripts: %1")
                              : QStringLiteral("cannot make the database fast again after the release's timed scripts: %1"))
                              .arg(message);
        return false;
    };
    bool scriptsOk = durable(true);
    for (const QString &phase : PhasesBeforeApps)
        scriptsOk = scriptsOk && runScripts(bundle, phase, k, result);
    if (scriptsOk) {
        for (const int app : {k - 1, k}) {
            runStatements(app, k, true, result);
            ran.append({app, true});
        }
        for (const QString &phase : PhasesAfterApps)
            scriptsOk = scriptsOk && runScripts(bundle, phase, k, result);
    }
    scriptsOk = durable(false) && scriptsOk;
    if (scriptsOk) {
        QList<int> apps{k};
        if (m_engine.plan().policy.rollbackSafe)
            apps << k - 1;
        for (const int app : std::as_const(apps)) {
            runStatements(app, k, false, result);
            ran.append({app, false});
        }
    }
    // Agreement: every cell the statements covered.
    for (const auto &[app, pre] : std::as_const(ran)) {
        const int stateIndex = Engine::stateIndex(k, pre ? Phase::Pre : Phase::Post);
        const auto cell = std::find_if(m_engine.cells().cbegin(), m_engine.cells().cend(), [&](const Cell &c) {
            return c.app == app && c.state == stateIndex;
        });
        const QList<Failure> failures = cell != m_engine.cells().cend() ? cell->failures : m_engine.check(app, stateIndex);
        VerifyCell v;
        v.app = m_engine.releaseId(app);
        v.state = stateName(k, pre);
        QList<Failure> failing;
        for (const Failure &f : failures) {
            if (!f.warning)
                failing << f;
            else if (f.rule == QLatin1String("conversion-unproven"))
                v.unproven << f.message;
        }
        v.staticOk = failing.isEmpty();
        v.unshown = unshown(app, stateIndex, failing);
        v.onlyUnshown = !failing.isEmpty() && v.unshown.size() == failing.size();
        QStringList failed;
        for (const VerifyStatement &s : std::as_const(result->statements)) {
            if (s.app == v.app && s.state == v.state && s.origin == QLatin1String("usage") && !s.ok)
                failed << QStringLiteral("%1 → %2").arg(s.sql, s.error);
        }
        v.executedOk = failed.isEmpty();
        result->cells << v;
        const QString who = QStringLiteral("%1 on %2").arg(m_engine.apps().at(app).name, m_engine.states().at(stateIndex).name);
        if (v.staticOk && !v.executedOk && v.unproven.isEmpty())
            result->defects << QStringLiteral("Tideline defect: compat passes %1, but on %2 %3")
                                   .arg(who, m_dialect.title(), failed.join(QStringLiteral("; ")));
        if (!v.staticOk && v.executedOk && !v.onlyUnshown) {
            QStringList reasons;
            for (const Failure &f : std::as_const(failing))
                if (!v.unshown.contains(f.message))
                    reasons << f.message;
            result->defects << QStringLiteral("Tideline defect: compat fails %1 (%2), but every statement succeeded on %3")
                                   .arg(who, reasons.join(QStringLiteral("; ")), m_dialect.title());
        }
    }
    return true;
}

} // namespace Tideline
