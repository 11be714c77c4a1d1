// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"
#include "help.h"
#include "processengine.h"
#include "terminal.h"
#include "verify.h"
#include "review.h"

#include <catalog/catalog.h>
#include <engine/engine.h>
#include <engine/enginejson.h>
#include <io/planfile.h>
#include <storage/planstore.h>
#include <storage/serverplan.h>
#include <io/planjson.h>
#include <io/schemaimport.h>
#include <sql/applier.h>
#include <sql/bundle.h>
#include <sql/bundleexport.h>
#include <sql/bundlewriter.h>
#include <sql/connection.h>
#include <sql/dialect.h>
#include <sql/livecatalog.h>
#include <sql/schemadiff.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonDocument>
#include <QTextStream>
#include <QUrl>
#include <QUrlQuery>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include <memory>

#include <pthread.h>

namespace Tideline::Cli {

namespace {

QTextStream &out()
{
    return standardOutput();
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

// The TIDELINE_* variables that stood in for options in this run, named with any bad input.
QStringList &environmentUsed()
{
    static QStringList variables;
    return variables;
}

int badInput(const QString &message)
{
    err() << "tideline-cli: " << message << Qt::endl;
    if (!environmentUsed().isEmpty())
        err() << "tideline-cli: note: from the environment: " << environmentUsed().join(QStringLiteral(", "))
              << Qt::endl;
    return BadInput;
}

int reportErrors(const QList<PlanError> &errors, const QString &file)
{
    for (PlanError e : errors) {
        if (e.file.isEmpty())
            e.file = file;
        // A plan on a server is named by a DSN: its password is not repeated.
        err() << "error: " << Connection::redact(e.toString(), file) << Qt::endl;
    }
    return BadInput;
}

void printJson(const QJsonObject &object)
{
    out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    out().flush();
}

/** Loads, validates and evaluates a plan. Returns nullptr after printing the errors. */
ProcessEngine loadPlan(const QString &path)
{
    Plan plan;
    QList<PlanError> errors;
    if (!PlanFile::load(path, &plan, &errors) || !PlanValidator::validate(plan, path, &errors)) {
        reportErrors(errors, path);
        return nullptr;
    }
    // What the baseline's DDL holds that a plan cannot is named, never dropped in silence.
    for (const QString &note : std::as_const(plan.baseline.notes))
        err() << "tideline-cli: note: " << path << ": baseline.sql: " << note << Qt::endl;
    ProcessEngine engine(new Engine(plan));
    if (!engine->run(&errors)) {
        reportErrors(errors, path);
        return nullptr;
    }
    return engine;
}

struct Command
{
    QString name;
    QString synopsis;
    QString summary;
    QStringList options; // names of the parser's options the command reads, for its help
};

const QList<Command> &commands()
{
    static const QList<Command> list{
        {QStringLiteral("validate"),
         QStringLiteral("validate PLAN"),
         QStringLiteral("load a plan and report every error with file and field"),
         {QStringLiteral("revision")}},
        {QStringLiteral("compat"),
         QStringLiteral("compat PLAN [--json]"),
         QStringLiteral("the compatibility matrix; exit 1 when a required cell fails"),
         {QStringLiteral("revision"), QStringLiteral("json")}},
        {QStringLiteral("schema"),
         QStringLiteral("schema PLAN --release R [--phase pre|post] [--json]"),
         QStringLiteral("the schema state P_R or S_R (--release baseline: S_0)"),
         {QStringLiteral("revision"), QStringLiteral("release"), QStringLiteral("phase"), QStringLiteral("json")}},
        {QStringLiteral("pending"),
         QStringLiteral("pending PLAN [--json]"),
         QStringLiteral("contracts whose expand shipped and whose contract has not"),
         {QStringLiteral("revision"), QStringLiteral("json")}},
        {QStringLiteral("export"),
         QStringLiteral(
             "export PLAN --release R|all|FROM..TO [--dialect D] [--layout folders|flyway|liquibase|sqitch] "
             "[--flyway-start N] [--sqitch-plan FILE] (--out DIR [--force] | --into DIR)"),
         QStringLiteral("write the release's SQL bundle (--release baseline: S_0's DDL; all or a "
                        "range like r1..r4: one folder a release under DIR, from one engine run); "
                        "--into: the files flat into an existing folder beside other people's files "
                        "(a repo's db/migration, a sqitch project), refusing to overwrite any not ours"),
         {QStringLiteral("revision"), QStringLiteral("release"), QStringLiteral("dialect"), QStringLiteral("layout"),
          QStringLiteral("flyway-start"), QStringLiteral("sqitch-plan"), QStringLiteral("out"), QStringLiteral("force"),
          QStringLiteral("into")}},
        {QStringLiteral("apply"),
         QStringLiteral("apply PLAN --release R --dsn DSN [--phase pre|backfill|post|offline] [--allow-offline]"),
         QStringLiteral(
             "run the release's scripts against a database (sqlite:PATH, postgresql://…, "
             "mysql://…); exit 1 when a script fails"),
         {QStringLiteral("release"), QStringLiteral("dsn"), QStringLiteral("phase"), QStringLiteral("allow-offline")}},
        {QStringLiteral("drift"),
         QStringLiteral("drift PLAN --release R --phase pre|post --dsn DSN [--ignore-table PATTERN]... "
                        "[--compare-runner-tables] [--json]"),
         QStringLiteral(
             "compare a live database with P_R (pre) or S_R (post; --release baseline: S_0); "
             "exit 1 when they differ. Flyway's and Liquibase's history tables are not compared "
             "(--compare-runner-tables does); sqitch keeps its registry outside the database (schema or "
             "database sqitch, SQLite: sqitch.db); --ignore-table leaves out more (wildcards: audit_*)"),
         {QStringLiteral("revision"), QStringLiteral("release"), QStringLiteral("phase"), QStringLiteral("dsn"), QStringLiteral("ignore-table"),
          QStringLiteral("compare-runner-tables"), QStringLiteral("json")}},
        {QStringLiteral("verify"),
         QStringLiteral("verify PLAN --release R [--dsn DSN] [--rows N] [--json]"),
         QStringLiteral("proof by execution: run the release's scripts twice and its app versions' "
                        "statements on a scratch database; exit 1 when anything fails"),
         {QStringLiteral("revision"), QStringLiteral("release"), QStringLiteral("dsn"), QStringLiteral("rows"), QStringLiteral("json")}},
        {QStringLiteral("convert"),
         QStringLiteral("convert IN OUT [--force]"),
         QStringLiteral("copy a plan between .tideline, .tideline.json and a server "
                        "(postgresql://user@host:port/db?plan=NAME)"),
         {QStringLiteral("revision"), QStringLiteral("force")}},
        {QStringLiteral("plans"),
         QStringLiteral("plans postgresql://user@host:port/db[?schema=S] [--json]"),
         QStringLiteral("the plans stored on a server, with their revisions"),
         {QStringLiteral("json")}},
        {QStringLiteral("log"),
         QStringLiteral("log PLAN [--json]"),
         QStringLiteral("the history of a plan on a server: revision, when, who, what, and what "
                        "the server itself recorded of it (rows changed, by whom, where the two differ)"),
         {QStringLiteral("json")}},
        {QStringLiteral("server-setup"),
         QStringLiteral("server-setup [--schema S]"),
         QStringLiteral("print the SQL a DBA runs once: the roles viewer, planner and release "
                        "manager and their grants"),
         {QStringLiteral("schema")}},
        {QStringLiteral("import-schema"),
         QStringLiteral("import-schema FILE.sql --dialect D | import-schema --dsn DSN"),
         QStringLiteral("DDL or a live database's catalog as baseline JSON (tables, views, "
                        "procedures) for a plan's \"baseline\""),
         {QStringLiteral("dialect"), QStringLiteral("dsn")}},
        {QStringLiteral("check"),
         QStringLiteral("check PLAN [--release R] [--json | --format text|json|github|gitlab] "
                        "[--verify FILE]..."),
         QStringLiteral("readiness review: verdict per release with reasons, findings and "
                        "estimates; exit 1 when a release is blocked"),
         {}},
        {QStringLiteral("report"),
         QStringLiteral("report PLAN --format html|pdf|json --out FILE [--release R] [--verify FILE]... "
                        "[--force]"),
         QStringLiteral("the readiness report to read and sign, with runbooks and charts"),
         {}},
        {QStringLiteral("catalog"),
         QStringLiteral("catalog [--json|--markdown]"),
         QStringLiteral("the refactoring kinds, their parameters and steps"),
         {QStringLiteral("json"), QStringLiteral("markdown")}},
        {QStringLiteral("completion"),
         QStringLiteral("completion bash|zsh|fish"),
         QStringLiteral("a shell completion script for the commands and their options"),
         {}},
        {QStringLiteral("help"),
         QStringLiteral("help [COMMAND | --all]"),
         QStringLiteral("the commands, or one command's usage with every option (--all: every command's)"),
         {QStringLiteral("all")}},
        {QStringLiteral("version"),
         QStringLiteral("version"),
         QStringLiteral("the version (also -V, --version)"),
         {}},
    };
    return list;
}

/**
 * What help says about each command, from the same option objects the parsers take: the main
 * parser's (@p parserOptions), check's and report's own, and the options every command takes.
 */
QList<CommandHelp> helpEntries(const QList<QCommandLineOption> &parserOptions)
{
    const QList<QCommandLineOption> common = commonOptions();
    QList<CommandHelp> entries;
    for (const Command &c : commands()) {
        CommandHelp entry{c.name, c.synopsis, c.summary, {}};
        if (c.name == QLatin1String("check") || c.name == QLatin1String("report")) {
            entry.options = c.name == QLatin1String("check") ? checkOptions() : reportOptions();
        } else {
            for (const QString &name : c.options) {
                for (const QCommandLineOption &option : parserOptions + common) {
                    if (option.names().contains(name))
                        entry.options << option;
                }
            }
            entry.options << common;
        }
        entries << entry;
    }
    return entries;
}

const CommandHelp *findEntry(const QList<CommandHelp> &entries, const QString &name)
{
    for (const CommandHelp &entry : entries) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

QString usage(const QList<CommandHelp> &entries)
{
    return commandList(entries);
}

int help(const QList<CommandHelp> &entries, const QStringList &args, bool all)
{
    if (args.size() > 1)
        return badInput(QStringLiteral("help takes one COMMAND"));
    if (args.isEmpty()) {
        out() << (all ? allHelp(entries) : commandList(entries));
        return Ok;
    }
    const CommandHelp *entry = findEntry(entries, args.first());
    if (!entry)
        return badInput(QStringLiteral("unknown command '%1'\n%2").arg(args.first(), commandList(entries)));
    out() << commandUsage(*entry);
    return Ok;
}

int completionScript(const QList<CommandHelp> &entries, const QStringList &args)
{
    const QString script = completion(entries, args.value(0));
    if (args.size() != 1 || script.isEmpty())
        return badInput(QStringLiteral("completion needs one shell: %1")
                            .arg(completionShells().join(QStringLiteral(", "))));
    out() << script;
    return Ok;
}

int version()
{
    out() << "tideline-cli " << QCoreApplication::applicationVersion() << Qt::endl;
    return Ok;
}

// ---------------------------------------------------------------------------------------------

int validate(const QStringList &args)
{
    if (args.size() != 1)
        return badInput(QStringLiteral("validate needs exactly one PLAN"));
    const auto engine = loadPlan(args.first());
    if (!engine)
        return BadInput;
    const Plan &plan = engine->plan();
    out() << Connection::redacted(args.first()) << ": " << Terminal::paint(QStringLiteral("ok"), Terminal::Paint::Good) << " — \"" << plan.name << "\", " << plan.releases.size()
          << " releases, " << plan.refactorings.size() << " refactorings, "
          << engine->steps().size() << " steps" << Qt::endl;
    return Ok;
}

int compat(const QStringList &args, bool json)
{
    if (args.size() != 1)
        return badInput(QStringLiteral("compat needs exactly one PLAN"));
    const auto engine = loadPlan(args.first());
    if (!engine)
        return BadInput;
    if (json) {
        printJson(EngineJson::compat(*engine));
    } else {
        out() << "Compatibility of \"" << engine->plan().name << "\" ("
              << (engine->plan().policy.rollbackSafe ? "rollback-safe" : "not rollback-safe")
              << ")\n";
        for (const Cell &cell : engine->cells()) {
            const QString verdict = cell.ok() ? Terminal::paint(QStringLiteral("ok  "), Terminal::Paint::Good)
                                              : (cell.required ? Terminal::paint(QStringLiteral("FAIL"), Terminal::Paint::Bad)
                                                               : Terminal::paint(QStringLiteral("fail"), Terminal::Paint::Warning));
            out() << "  " << verdict << "  " << engine->apps().at(cell.app).name << " on "
                  << engine->states().at(cell.state).name
                  << (cell.required ? "" : "  (not required)") << '\n';
            for (const Failure &f : cell.failures)
                out() << "        " << (f.warning ? "warning" : "error") << " [" << f.rule << "] "
                      << f.message << '\n';
        }
        out() << (engine->compatible() ? Terminal::paint(QStringLiteral("All required cells pass."), Terminal::Paint::Good)
                                       : Terminal::paint(QStringLiteral("A required cell fails."), Terminal::Paint::Bad))
              << '\n';
        out().flush();
    }
    return engine->compatible() ? Ok : CheckFailed;
}

// The position of --release R in the plan: 0 for "baseline", -1 (reported) for an unknown or
// cancelled release.
int releaseArgument(const Engine &engine, const QString &planPath, const QString &releaseId)
{
    if (releaseId == QLatin1String("baseline"))
        return 0;
    const int k = engine.releasePosition(releaseId);
    if (k == 0) {
        badInput(QStringLiteral("%1: --release: unknown or cancelled release '%2'")
                     .arg(planPath, releaseId));
        return -1;
    }
    return k;
}

int schema(const QStringList &args, const QString &releaseId, const QString &phaseText, bool json)
{
    if (args.size() != 1)
        return badInput(QStringLiteral("schema needs exactly one PLAN"));
    if (releaseId.isEmpty())
        return badInput(QStringLiteral("schema needs --release R (a release id, or baseline)"));
    Phase phase = Phase::Post;
    if (!phaseText.isEmpty()
        && (!phaseFromName(phaseText, &phase) || (phase != Phase::Pre && phase != Phase::Post)))
        return badInput(QStringLiteral("--phase must be pre or post, not '%1'").arg(phaseText));
    const auto engine = loadPlan(args.first());
    if (!engine)
        return BadInput;
    const int k = releaseArgument(*engine, args.first(), releaseId);
    if (k < 0)
        return BadInput;
    const SchemaState *state = engine->state(k, k == 0 ? Phase::Post : phase);
    if (json) {
        printJson(EngineJson::schema(*engine, *state));
        return Ok;
    }
    out() << state->name << '\n';
    for (const Table &table : state->schema.tables) {
        out() << "  table " << table.name << '\n';
        for (const Column &c : table.columns) {
            out() << "    " << c.name << ' ' << c.type << (c.nullable ? "" : " NOT NULL");
            if (c.hasDefault())
                out() << " DEFAULT " << c.defaultValue;
            if (c.identity)
                out() << " (identity)";
            out() << '\n';
        }
        for (const Constraint &c : table.constraints)
            out() << "    constraint " << (c.name.isEmpty() ? QStringLiteral("(unnamed)") : c.name)
                  << ' ' << Constraint::kindName(c.kind) << " ("
                  << c.columns.join(QStringLiteral(", ")) << ")\n";
        for (const Index &i : table.indexes)
            out() << "    index " << i.name << (i.unique ? " unique" : "") << " ("
                  << i.columns.join(QStringLiteral(", ")) << ")\n";
    }
    for (const View &v : state->schema.views)
        out() << "  view " << v.name << " (" << v.columns.join(QStringLiteral(", ")) << ")\n";
    out().flush();
    return Ok;
}

int pending(const QStringList &args, bool json)
{
    if (args.size() != 1)
        return badInput(QStringLiteral("pending needs exactly one PLAN"));
    const auto engine = loadPlan(args.first());
    if (!engine)
        return BadInput;
    if (json) {
        printJson(EngineJson::pending(*engine));
        return Ok;
    }
    const QList<PendingContract> list = engine->pending();
    if (list.isEmpty())
        out() << "No pending contracts.\n";
    for (const PendingContract &p : list) {
        out() << p.refactoring << " (" << p.kind << "): expanded in " << p.expandRelease << ", "
              << (p.contractRelease.isEmpty()
                      ? QStringLiteral("contract not scheduled in the plan")
                      : QStringLiteral("contract scheduled in %1").arg(p.contractRelease))
              << ", age " << p.age << (p.age == 1 ? " release" : " releases") << '\n';
    }
    out().flush();
    return Ok;
}

int convert(const QStringList &args, bool force)
{
    if (args.size() != 2)
        return badInput(QStringLiteral("convert needs IN and OUT"));
    const QString &in = args.at(0), &outPath = args.at(1);
    if (PlanFile::formatOf(outPath) == PlanFile::Format::Unknown)
        return badInput(QStringLiteral("%1: OUT must end in .tideline or .tideline.json, or be a plan "
                                       "on a server (postgresql://user@host:port/db?plan=NAME)")
                            .arg(outPath));
    if (QFileInfo(in).absoluteFilePath() == QFileInfo(outPath).absoluteFilePath())
        return badInput(QStringLiteral("%1: IN and OUT are the same file").arg(Connection::redacted(in)));
    if (PlanFile::formatOf(outPath) == PlanFile::Format::Server) {
        // A plan on a server is replaced (as one more revision, its history kept) only when asked.
        ServerPlan server;
        QString error;
        bool exists = false;
        if (!server.open(outPath, &error) || !server.exists(&exists, &error))
            return badInput(QStringLiteral("%1: %2").arg(Connection::redacted(outPath), error));
        if (exists && !force)
            return badInput(QStringLiteral("%1: the plan exists on the server; pass --force to replace it")
                                .arg(Connection::redacted(outPath)));
    } else if (QFileInfo::exists(outPath) && !force)
        return badInput(QStringLiteral("%1: exists; pass --force to replace it").arg(outPath));
    if (QFileInfo::exists(outPath)) {
        // --force replaces a plan, never whatever else happens to carry the name.
        Plan existing;
        QList<PlanError> problems;
        const bool loaded = !QFileInfo(outPath).isDir() && PlanFile::load(outPath, &existing, &problems);
        if (!loaded && problems.value(0).message == PlanStore::lockedMessage()) // a plan, but busy
            return reportErrors(problems, outPath);
        if (!loaded)
            return badInput(QStringLiteral("%1: not replaced: it is not a plan file Tideline can read (%2); "
                                           "--force replaces only a plan file")
                                .arg(outPath, QFileInfo(outPath).isDir() ? QStringLiteral("it is a folder")
                                                                         : problems.value(0).message));
    }
    Plan plan;
    QList<PlanError> errors;
    // Evaluating the plan too: a plan the engine cannot place is bad input, and nothing is written.
    if (!PlanFile::load(in, &plan, &errors) || !PlanValidator::validate(plan, in, &errors)
        || !Engine(plan).run(&errors))
        return reportErrors(errors, in);
    // A SIGTERM, SIGINT or SIGHUP that comes while OUT is written takes effect once it is whole:
    // killed there, convert would leave SQLite's journal beside OUT (or a temporary file where
    // the file system has no O_TMPFILE). Only SIGKILL can cut the write; SQLite's journal then
    // rolls OUT back to the old plan at its next open.
    sigset_t stops, previous;
    sigemptyset(&stops);
    for (const int signal : {SIGTERM, SIGINT, SIGHUP})
        sigaddset(&stops, signal);
    pthread_sigmask(SIG_BLOCK, &stops, &previous);
    QStringList notes;
    const bool saved = PlanFile::save(outPath, plan, &errors, &notes);
    pthread_sigmask(SIG_SETMASK, &previous, nullptr); // a signal that came meanwhile ends us here
    for (const QString &note : notes)
        err() << "tideline-cli: note: " << outPath << ": " << note << Qt::endl;
    if (!saved)
        return reportErrors(errors, outPath);
    out() << "wrote " << Connection::redacted(outPath) << Qt::endl;
    return Ok;
}

/** Opens the server of the one location of plans and log; prints the problem. */
bool openServer(ServerPlan *server, const QStringList &args, const QString &command)
{
    const QString location = args.value(0);
    if (args.size() != 1 || !ServerLocation::isLocation(location)) {
        badInput(QStringLiteral("%1 needs one server location: postgresql://user@host:port/database"
                                "[?schema=S][&plan=NAME]").arg(command));
        return false;
    }
    QString error;
    if (!server->open(location, &error)) {
        badInput(QStringLiteral("%1: %2").arg(Connection::redacted(location), error));
        return false;
    }
    return true;
}

int plans(const QStringList &args, bool json)
{
    ServerPlan server;
    if (!openServer(&server, args, QStringLiteral("plans")))
        return BadInput;
    QList<QPair<QString, qint64>> list;
    QString error;
    if (!server.plans(&list, &error))
        return badInput(QStringLiteral("%1: %2").arg(Connection::redacted(args.first()), error));
    if (json) {
        QJsonArray array;
        for (const auto &plan : std::as_const(list))
            array.append(QJsonObject{{QStringLiteral("plan"), plan.first},
                                     {QStringLiteral("revision"), plan.second}});
        printJson(QJsonObject{{QStringLiteral("plans"), array}});
        return Ok;
    }
    for (const auto &plan : std::as_const(list))
        out() << plan.first << "\trevision " << plan.second << '\n';
    out().flush();
    return Ok;
}

int log(const QStringList &args, bool json)
{
    ServerPlan server;
    if (!openServer(&server, args, QStringLiteral("log")))
        return BadInput;
    QList<ServerRevision> revisions;
    QString error;
    if (!server.log(&revisions, &error))
        return badInput(QStringLiteral("%1: %2").arg(Connection::redacted(args.first()), error));
    // The history is the revisions; the server's own change log beside them may be closed to
    // this role (a setup older than the log): the history is shown without it, and said so.
    QString unread;
    if (!server.recorded(&revisions, &error)) {
        unread = QStringLiteral("the server's change log cannot be read (%1); the revisions are shown as "
                                "their clients described them (ask the DBA to run tideline-cli "
                                "server-setup's SQL again)").arg(error);
        err() << "tideline-cli: note: " << Connection::redacted(args.first()) << ": " << unread << Qt::endl;
    }
    if (json) {
        QJsonArray array;
        for (const ServerRevision &r : std::as_const(revisions)) {
            QJsonObject rows;
            for (auto it = r.record.rows.constBegin(); it != r.record.rows.constEnd(); ++it)
                rows.insert(it.key(), it.value());
            const QJsonObject record{{QStringLiteral("kept"), r.record.kept},
                                     {QStringLiteral("rows"), rows},
                                     {QStringLiteral("releases"), QJsonArray::fromStringList(r.record.releases)},
                                     {QStringLiteral("refactorings"), QJsonArray::fromStringList(r.record.refactorings)},
                                     {QStringLiteral("who"), QJsonArray::fromStringList(r.record.who)},
                                     {QStringLiteral("differences"), QJsonArray::fromStringList(r.record.differences)}};
            array.append(QJsonObject{{QStringLiteral("revision"), r.revision},
                                     {QStringLiteral("who"), r.who},
                                     {QStringLiteral("at"), r.at.toString(Qt::ISODate)},
                                     {QStringLiteral("what"), r.what},
                                     {QStringLiteral("server"), unread.isEmpty() ? QJsonValue(record) : QJsonValue()}});
        }
        QJsonObject result{{QStringLiteral("plan"), server.location().plan}, {QStringLiteral("revisions"), array}};
        if (!unread.isEmpty())
            result.insert(QStringLiteral("note"), unread);
        printJson(result);
        return Ok;
    }
    // Each revision as its client described it, then what the server itself recorded.
    for (const ServerRevision &r : std::as_const(revisions)) {
        out() << r.revision << '\t' << r.at.toString(Qt::ISODate) << '\t' << r.who << '\t' << r.what
              << '\n';
        const ServerRevision::Record &record = r.record;
        if (!unread.isEmpty()) {
            out() << "\tserver: change log not readable (see the note)\n";
            continue;
        }
        if (!record.kept) {
            out() << "\tserver: no change log (made before storage version 4)\n";
            continue;
        }
        QStringList counts;
        for (auto it = record.rows.constBegin(); it != record.rows.constEnd(); ++it)
            counts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
        QStringList ids;
        if (!record.releases.isEmpty())
            ids << QStringLiteral("releases ") + record.releases.join(QStringLiteral(", "));
        if (!record.refactorings.isEmpty())
            ids << QStringLiteral("refactorings ") + record.refactorings.join(QStringLiteral(", "));
        if (counts.isEmpty())
            out() << "\tserver: no rows changed\n";
        else
            out() << "\tserver: rows changed: " << counts.join(QStringLiteral(", "))
                  << (ids.isEmpty() ? QString() : QStringLiteral("; ") + ids.join(QStringLiteral("; ")))
                  << "; by " << record.who.join(QStringLiteral(", ")) << '\n';
        for (const QString &difference : record.differences)
            out() << "\tdiffers: " << difference << '\n';
    }
    out().flush();
    return Ok;
}

int exportBundle(const QStringList &args,
                 const QString &releaseId,
                 const QString &dialectName,
                 const QString &layout,
                 const QString &outDir,
                 bool force,
                 const QString &flywayStart,
                 const QString &sqitchPlan,
                 const QString &intoDir)
{
    if (args.size() != 1)
        return badInput(QStringLiteral("export needs exactly one PLAN"));
    if (!outDir.isEmpty() && !intoDir.isEmpty())
        return badInput(QStringLiteral("export takes --out DIR (a bundle folder of its own) or --into DIR (the files "
                                       "beside the ones already in DIR), not both"));
    if (releaseId.isEmpty() || (outDir.isEmpty() && intoDir.isEmpty()))
        return badInput(QStringLiteral("export needs --release R and --out DIR (or --into DIR)"));
    if (!intoDir.isEmpty() && force)
        return badInput(QStringLiteral("--force is for --out; --into never overwrites a file that is not Tideline's"));
    if (!BundleWriter::layouts().contains(layout))
        return badInput(QStringLiteral("--layout: unknown layout '%1' (expected one of: %2)")
                            .arg(layout, BundleWriter::layouts().join(QStringLiteral(", "))));
    LayoutOptions options;
    if (!flywayStart.isEmpty()) {
        bool ok = false;
        options.flywayStart = flywayStart.toInt(&ok);
        if (!ok || options.flywayStart < 1)
            return badInput(QStringLiteral("--flyway-start: '%1' is not a version number (a whole number from 1, "
                                           "the next one your Flyway history has free)")
                                .arg(flywayStart));
        if (layout != QLatin1String("flyway"))
            return badInput(QStringLiteral("--flyway-start needs --layout flyway"));
    }
    if (!sqitchPlan.isEmpty()) {
        if (layout != QLatin1String("sqitch"))
            return badInput(QStringLiteral("--sqitch-plan needs --layout sqitch"));
        QFile file(sqitchPlan);
        if (!file.open(QIODevice::ReadOnly))
            return badInput(QStringLiteral("--sqitch-plan %1: cannot be read: %2").arg(sqitchPlan, file.errorString()));
        options.sqitchPlan = file.readAll();
        options.sqitchPlanName = sqitchPlan;
        if (options.sqitchPlan.trimmed().isEmpty())
            return badInput(QStringLiteral("--sqitch-plan %1: the file is empty, not a sqitch plan").arg(sqitchPlan));
    }
    const auto engine = loadPlan(args.first());
    if (!engine)
        return BadInput;
    const QString name = dialectName.isEmpty() ? engine->plan().dialect : dialectName;
    const Dialect *dialect = Dialect::forName(name);
    if (!dialect)
        return badInput(QStringLiteral("--dialect: unknown dialect '%1' (expected one of: %2)")
                            .arg(name, Plan::dialects().join(QStringLiteral(", "))));
    QString error;
    const QStringList releases = BundleExport::releases(*engine, releaseId, &error);
    if (releases.isEmpty())
        return badInput(QStringLiteral("%1: --release: %2").arg(Connection::redacted(args.first()), error));
    const bool many = BundleExport::isManyReleases(releaseId);
    QElapsedTimer timer;
    timer.start();
    const auto progress = [&](int done, int total) { // each release with its time, after it is written
        if (done > 0)
            Terminal::progressLine(releases.at(done - 1), timer.restart() / 1000.0, done, total);
        return true;
    };
    if (!intoDir.isEmpty()) {
        const qsizetype scripts = BundleExport::writeInto(*engine, releases, *dialect, layout, intoDir, &error,
                                                          many ? BundleExport::Progress(progress) : BundleExport::Progress(),
                                                          options);
        if (scripts < 0)
            return badInput(error);
        out() << "wrote " << scripts << " scripts of "
              << (many ? QStringLiteral("%1 releases (%2..%3)").arg(releases.size()).arg(releases.first(), releases.last())
                       : releaseId)
              << " (" << dialect->title() << ", " << layout << ") into " << intoDir << ", beside the files there"
              << Qt::endl;
        return Ok;
    }
    const qsizetype scripts = BundleExport::write(*engine, releases, many, *dialect, layout, outDir, force, &error,
                                                  many ? BundleExport::Progress(progress) : BundleExport::Progress(),
                                                  options);
    if (scripts < 0)
        return badInput(error);
    out() << "wrote " << scripts << " scripts of "
          << (many ? QStringLiteral("%1 releases (%2..%3, one folder each)")
                                              .arg(releases.size())
                                              .arg(releases.first(), releases.last())
                                        : releaseId)
          << " (" << dialect->title() << ", " << layout << ") to " << outDir << Qt::endl;
    return Ok;
}

int applyBundle(const QStringList &args,
                const QString &releaseId,
                const QString &dsn,
                const QString &phase,
                bool allowOffline)
{
    if (args.size() != 1)
        return badInput(QStringLiteral("apply needs exactly one PLAN"));
    if (releaseId.isEmpty() || dsn.isEmpty())
        return badInput(QStringLiteral("apply needs --release R and --dsn DSN"));
    const QStringList phases{QStringLiteral("pre"),
                             QStringLiteral("backfill"),
                             QStringLiteral("post"),
                             QStringLiteral("offline"),
                             QStringLiteral("baseline")};
    if (!phase.isEmpty() && !phases.contains(phase))
        return badInput(QStringLiteral("--phase must be one of %1, not '%2'")
                            .arg(phases.join(QStringLiteral(", ")), phase));
    const auto engine = loadPlan(args.first());
    if (!engine)
        return BadInput;
    Connection connection;
    QString error;
    if (!connection.open(dsn, &error))
        return badInput(QStringLiteral("--dsn: %1").arg(error));
    const Dialect *dialect = Dialect::forName(connection.dialect());
    Bundle bundle;
    if (!Bundle::build(*engine, releaseId, *dialect, &bundle, &error))
        return badInput(QStringLiteral("%1: --release: %2").arg(Connection::redacted(args.first()), error));
    Applier applier(connection.database(), *dialect);
    const QString applied = releaseId == QLatin1String("baseline") ? QStringLiteral("baseline") : phase;
    const int total = int(applied.isEmpty() ? bundle.files.size() : bundle.phase(applied).size());
    int done = 0;
    QElapsedTimer timer;
    timer.start();
    applier.setFileDone([&](const QString &line) { // each file with its time, as it finishes
        Terminal::progressLine(line, timer.restart() / 1000.0, ++done, total);
    });
    const bool ok = applier.apply(bundle,
                                  releaseId == QLatin1String("baseline")
                                      ? QStringLiteral("baseline")
                                      : phase,
                                  &error, allowOffline);
    for (const QString &line : applier.log())
        out() << line << '\n';
    out().flush();
    if (!ok) {
        err() << "tideline-cli: apply stopped: " << Connection::redact(error, dsn) << Qt::endl;
        return CheckFailed;
    }
    return Ok;
}

int importSchema(const QStringList &args, const QString &dialectName, const QString &dsn)
{
    if (args.size() > 1)
        return badInput(QStringLiteral("import-schema takes one FILE.sql"));
    if (args.isEmpty() == dsn.isEmpty())
        return badInput(QStringLiteral(
            "import-schema needs either FILE.sql --dialect D or --dsn DSN (not both)"));
    if (!args.isEmpty() && dialectName.isEmpty())
        return badInput(QStringLiteral("import-schema %1 needs --dialect D (%2)")
                            .arg(args.first(), Plan::dialects().join(QStringLiteral(", "))));
    if (!args.isEmpty() && !Plan::dialects().contains(dialectName))
        return badInput(QStringLiteral("--dialect: unknown dialect '%1' (expected one of: %2)")
                            .arg(dialectName, Plan::dialects().join(QStringLiteral(", "))));
    const SchemaImport imported = args.isEmpty() ? SchemaImport::fromDatabase(dsn)
                                                 : SchemaImport::fromFile(args.first(), dialectName);
    if (!imported.ok())
        return badInput(args.isEmpty() ? QStringLiteral("--dsn: %1").arg(imported.error) : imported.error);
    if (args.isEmpty() && !dialectName.isEmpty() && dialectName != imported.dialect)
        return badInput(QStringLiteral("--dialect '%1' does not match the database (%2)")
                            .arg(dialectName, imported.dialect));
    // What the baseline cannot hold: said, not silently dropped.
    for (const QString &note : imported.notes)
        err() << "tideline-cli: note: " << note << Qt::endl;
    const Schema &schema = imported.schema;
    // The shape of a plan's "baseline" object (PlanJson::write): views and procedures only
    // when there are any.
    QJsonObject baseline{{QStringLiteral("tables"), PlanJson::schemaToJson(schema)}};
    const QJsonArray views = PlanJson::viewsToJson(schema);
    if (!views.isEmpty())
        baseline.insert(QStringLiteral("views"), views);
    const QJsonArray procedures = PlanJson::proceduresToJson(schema);
    if (!procedures.isEmpty())
        baseline.insert(QStringLiteral("procedures"), procedures);
    const QJsonArray sequences = PlanJson::sequencesToJson(schema);
    if (!sequences.isEmpty())
        baseline.insert(QStringLiteral("sequences"), sequences);
    const QJsonArray enums = PlanJson::enumsToJson(schema);
    if (!enums.isEmpty())
        baseline.insert(QStringLiteral("enums"), enums);
    printJson(baseline);
    return Ok;
}

int drift(const QStringList &args,
          const QString &releaseId,
          const QString &phaseText,
          const QString &dsn,
          const QStringList &ignorePatterns,
          bool compareRunnerTables,
          bool json)
{
    if (args.size() != 1)
        return badInput(QStringLiteral("drift needs exactly one PLAN"));
    if (releaseId.isEmpty() || dsn.isEmpty())
        return badInput(QStringLiteral("drift needs --release R and --dsn DSN"));
    Phase phase = Phase::Post;
    if (releaseId != QLatin1String("baseline")
        && (phaseText.isEmpty() || !phaseFromName(phaseText, &phase)
            || (phase != Phase::Pre && phase != Phase::Post)))
        return badInput(QStringLiteral("drift needs --phase pre or post, not '%1'").arg(phaseText));
    const auto engine = loadPlan(args.first());
    if (!engine)
        return BadInput;
    const int k = releaseArgument(*engine, args.first(), releaseId);
    if (k < 0)
        return BadInput;
    const SchemaState *state = engine->state(k, k == 0 ? Phase::Post : phase);
    Connection connection;
    QString error;
    if (!connection.open(dsn, &error, Connection::SqliteFile::MustExist))
        return badInput(QStringLiteral("--dsn: %1").arg(error));
    Schema live;
    if (!LiveCatalog::read(connection.database(), connection.dialect(), &live, &error))
        return badInput(QStringLiteral("--dsn: reading the catalog: %1").arg(Connection::redact(error, dsn)));
    const QList<IgnoredTable> ignored = SchemaDiff::removeIgnored(state->schema, &live, ignorePatterns,
                                                                  !compareRunnerTables);
    const QList<SchemaDifference> differences = SchemaDiff::compare(state->schema,
                                                                    live,
                                                                    connection.dialect());
    if (json) {
        QJsonArray list;
        for (const SchemaDifference &d : differences)
            list.append(QJsonObject{{QStringLiteral("kind"), d.kind},
                                    {QStringLiteral("object"), d.object},
                                    {QStringLiteral("expected"), d.expected},
                                    {QStringLiteral("actual"), d.actual}});
        QJsonArray notCompared;
        for (const IgnoredTable &table : ignored)
            notCompared.append(QJsonObject{{QStringLiteral("table"), table.name},
                                           {QStringLiteral("reason"), table.reason}});
        printJson(QJsonObject{{QStringLiteral("release"), releaseId},
                              {QStringLiteral("phase"), phaseName(phase)},
                              {QStringLiteral("dialect"), connection.dialect()},
                              {QStringLiteral("drift"), !differences.isEmpty()},
                              {QStringLiteral("differences"), list},
                              {QStringLiteral("notCompared"), notCompared}});
    } else {
        if (differences.isEmpty())
            out() << Terminal::paint(QStringLiteral("No drift"), Terminal::Paint::Good)
                  << ": the database matches " << state->name << ".\n";
        for (const SchemaDifference &d : differences)
            out() << Terminal::paint(d.toString(), Terminal::Paint::Bad) << '\n';
        for (const IgnoredTable &table : ignored)
            out() << "not compared: table " << table.name << " (" << table.reason << ")\n";
        out().flush();
    }
    return differences.isEmpty() ? Ok : CheckFailed;
}

int catalog(bool json, bool markdown)
{
    if (json) {
        printJson(EngineJson::catalog());
        return Ok;
    }
    if (markdown) {
        out() << EngineJson::catalogMarkdown();
        out().flush();
        return Ok;
    }
    for (const KindSpec &kind : Catalog::kinds()) {
        out() << kind.name << " — " << kind.title << '\n';
        QStringList params;
        for (const ParamSpec &p : kind.params)
            params << QStringLiteral("%1%2 (%3)").arg(p.name, p.required ? QString() : QStringLiteral("?"),
                                                      paramTypeName(p.type));
        out() << "  params: " << params.join(QStringLiteral(", ")) << '\n';
        for (const StepSpec &s : kind.steps) {
            out() << "  "
                  << (s.offset == 0 ? QStringLiteral("N  ") : QStringLiteral("N+%1").arg(s.offset))
                  << ' ' << phaseName(s.phase).leftJustified(8) << ' ' << s.name.leftJustified(16)
                  << s.description;
            if (!s.condition.isEmpty())
                out() << " (only " << s.condition << ')';
            out() << '\n';
        }
    }
    out().flush();
    return Ok;
}

} // namespace

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Tideline: plan zero-downtime database refactorings."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption markdownOption(QStringLiteral("markdown"),
                                            QStringLiteral("Print Markdown (catalog)."));
    const QCommandLineOption releaseOption(QStringLiteral("release"),
                                           QStringLiteral("Release id, or baseline; export also takes all or FROM..TO."),
                                           QStringLiteral("R"));
    const QCommandLineOption
        phaseOption(QStringLiteral("phase"),
                    QStringLiteral("schema: pre or post (default post); apply: one phase."),
                    QStringLiteral("P"));
    QStringList dialectNames = Dialect::names();
    const QString lastDialect = dialectNames.takeLast();
    const QCommandLineOption dialectOption(QStringLiteral("dialect"),
                                           QStringLiteral("%1 or %2.")
                                               .arg(dialectNames.join(QStringLiteral(", ")), lastDialect),
                                           QStringLiteral("D"));
    const QCommandLineOption layoutOption(QStringLiteral("layout"),
                                          QStringLiteral("folders, flyway, liquibase or sqitch."),
                                          QStringLiteral("L"),
                                          QStringLiteral("folders"));
    const QCommandLineOption flywayStartOption(
        QStringLiteral("flyway-start"),
        QStringLiteral("export --layout flyway: continue an existing Flyway history: the release's files "
                       "get version N (V<N>_<seq>__...), each further release of --release all or a "
                       "range the next number."),
        QStringLiteral("N"));
    const QCommandLineOption sqitchPlanOption(
        QStringLiteral("sqitch-plan"),
        QStringLiteral("export --layout sqitch: append the release's changes to this existing sqitch.plan "
                       "(its project; the first new change requires its last change) instead of "
                       "starting a project of its own; the bundle's sqitch.plan is the whole plan."),
        QStringLiteral("FILE"));
    const QCommandLineOption outOption(QStringLiteral("out"),
                                       QStringLiteral("Output folder."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption intoOption(QStringLiteral("into"),
                                        QStringLiteral("export: an existing folder to write the files into, beside "
                                                       "the files already there (never over one not Tideline's)."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption dsnOption(
        QStringLiteral("dsn"),
        QStringLiteral(
            "Database: sqlite:PATH, postgresql://user@host:port/db, mysql://user@host:port/db."),
        QStringLiteral("DSN"));
    const QCommandLineOption rowsOption(QStringLiteral("rows"),
                                        QStringLiteral("verify: sample rows a table (default 1000)."),
                                        QStringLiteral("N"));
    const QCommandLineOption forceOption(QStringLiteral("force"),
                                         QStringLiteral("Replace an existing output file."));
    const QCommandLineOption ignoreTableOption(
        QStringLiteral("ignore-table"),
        QStringLiteral("drift: leave tables matching PATTERN out (shell wildcards; repeatable)."),
        QStringLiteral("PATTERN"));
    const QCommandLineOption compareRunnerTablesOption(
        QStringLiteral("compare-runner-tables"),
        QStringLiteral("drift: compare Flyway's and Liquibase's history tables too."));
    const QCommandLineOption allowOfflineOption(
        QStringLiteral("allow-offline"),
        QStringLiteral("apply: run offline files (a maintenance window) at their place."));
    const QCommandLineOption revisionOption(
        QStringLiteral("revision"),
        QStringLiteral("A plan on a server as it was at revision N (read-only)."),
        QStringLiteral("N"));
    const QCommandLineOption schemaOption(
        QStringLiteral("schema"),
        QStringLiteral("server-setup: the storage schema (default tideline)."),
        QStringLiteral("S"),
        QStringLiteral("tideline"));
    const QCommandLineOption versionOption({QStringLiteral("V"), QStringLiteral("version")},
                                           QStringLiteral("Show the version."));
    const QCommandLineOption allOption(QStringLiteral("all"),
                                       QStringLiteral("help: every command's usage, not only the list."));
    const QList<QCommandLineOption> options{jsonOption,
                                            markdownOption,
                                            releaseOption,
                                            phaseOption,
                                            dialectOption,
                                            layoutOption,
                                            flywayStartOption,
                                            sqitchPlanOption,
                                            outOption,
                                            intoOption,
                                            dsnOption,
                                            forceOption,
                                            allowOfflineOption,
                                            ignoreTableOption,
                                            compareRunnerTablesOption,
                                            rowsOption,
                                            revisionOption,
                                            schemaOption,
                                            versionOption,
                                            allOption};
    parser.addOptions(options);
    parser.addOptions(commonOptions());
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("tideline-cli help: the commands"));
    const QList<CommandHelp> entries = helpEntries(options);

    const QString first = arguments.value(1);
    if (first == QLatin1String("check") || first == QLatin1String("report")) { // own parsers: app/cli/review.cpp
        const int code = first == QLatin1String("check") ? check(arguments.mid(1)) : report(arguments.mid(1));
        return code == HelpWanted ? help(entries, {first}, false) : code;
    }
    if (!parser.parse(arguments))
        return badInput(parser.errorText() + QLatin1Char('\n') + usage(entries));
    QString error;
    if (!Terminal::configure(parser, &error))
        return badInput(error);
    for (const QString &name : {QStringLiteral("dialect"), QStringLiteral("dsn"), QStringLiteral("layout")}) {
        const QString variable = environmentVariable(name);
        if (!parser.isSet(name) && !qEnvironmentVariableIsEmpty(qPrintable(variable)))
            environmentUsed() << QStringLiteral("%1 for --%2").arg(variable, name);
    }
    QStringList args = parser.positionalArguments();
    if (parser.isSet(versionOption) || args.value(0) == QLatin1String("version"))
        return version();
    if (args.isEmpty()) {
        (parser.isSet(QStringLiteral("help")) ? out() : err()) << usage(entries);
        return parser.isSet(QStringLiteral("help")) ? Ok : BadInput;
    }
    if (parser.isSet(QStringLiteral("help")) || args.first() == QLatin1String("help"))
        return help(entries, args.first() == QLatin1String("help") ? args.mid(1) : args.mid(0, 1),
                    parser.isSet(allOption));
    const QString command = args.takeFirst();
    const bool json = parser.isSet(jsonOption);
    if (parser.isSet(revisionOption)) {
        // --revision N is the location's own revision=N: every command reads the plan so.
        if (args.isEmpty() || !ServerLocation::isLocation(args.first()))
            return badInput(QStringLiteral("--revision needs a PLAN on a server (postgresql://…?plan=NAME)"));
        QUrl url(args.first());
        QUrlQuery query(url);
        query.removeAllQueryItems(QStringLiteral("revision"));
        query.addQueryItem(QStringLiteral("revision"), parser.value(revisionOption));
        url.setQuery(query);
        args[0] = url.toString(QUrl::FullyEncoded);
    }
    if (command == QLatin1String("plans"))
        return plans(args, json);
    if (command == QLatin1String("log"))
        return log(args, json);
    if (command == QLatin1String("server-setup")) {
        if (!args.isEmpty())
            return badInput(QStringLiteral("server-setup takes no PLAN, only --schema S"));
        const QString schema = parser.value(schemaOption);
        ServerLocation location;
        QString error;
        if (!ServerLocation::parse(QStringLiteral("postgresql://h/d?schema=") + schema, &location, &error))
            return badInput(error);
        out() << ServerPlan::setupSql(schema);
        out().flush();
        return Ok;
    }
    if (command == QLatin1String("validate"))
        return validate(args);
    if (command == QLatin1String("compat"))
        return compat(args, json);
    if (command == QLatin1String("schema"))
        return schema(args, parser.value(releaseOption), parser.value(phaseOption), json);
    if (command == QLatin1String("pending"))
        return pending(args, json);
    if (command == QLatin1String("export"))
        return exportBundle(args,
                            parser.value(releaseOption),
                            optionValue(parser, QStringLiteral("dialect")),
                            optionValue(parser, QStringLiteral("layout")),
                            parser.value(outOption),
                            parser.isSet(forceOption),
                            parser.value(flywayStartOption),
                            parser.value(sqitchPlanOption),
                            parser.value(intoOption));
    if (command == QLatin1String("apply"))
        return applyBundle(args,
                           parser.value(releaseOption),
                           optionValue(parser, QStringLiteral("dsn")),
                           parser.value(phaseOption),
                           parser.isSet(allowOfflineOption));
    if (command == QLatin1String("drift"))
        return drift(args,
                     parser.value(releaseOption),
                     parser.value(phaseOption),
                     optionValue(parser, QStringLiteral("dsn")),
                     parser.values(ignoreTableOption),
                     parser.isSet(compareRunnerTablesOption),
                     json);
    if (command == QLatin1String("verify"))
        return verify(args, parser.value(releaseOption), optionValue(parser, QStringLiteral("dsn")), parser.value(rowsOption), json);
    if (command == QLatin1String("convert"))
        return convert(args, parser.isSet(forceOption));
    if (command == QLatin1String("import-schema"))
        // A FILE.sql takes its dialect from TIDELINE_DIALECT; --dsn takes the database's own.
        return importSchema(args,
                            args.isEmpty() ? parser.value(dialectOption) : optionValue(parser, QStringLiteral("dialect")),
                            args.isEmpty() ? optionValue(parser, QStringLiteral("dsn")) : parser.value(dsnOption));
    if (command == QLatin1String("catalog"))
        return catalog(json, parser.isSet(markdownOption));
    if (command == QLatin1String("completion"))
        return completionScript(entries, args);
    return badInput(QStringLiteral("unknown command '%1'\n%2").arg(command, usage(entries)));
}

QTextStream &standardOutput()
{
    static QTextStream stream(stdout);
    return stream;
}

bool flushStandardOutput(QString *error)
{
    // The stream's file keeps the system's reason for a failed write until the next flush
    // succeeds on the emptied buffer, so it is read before and after that flush.
    QString reason;
    const auto noteReason = [&reason] {
        if (reason.isEmpty() && out().status() != QTextStream::Ok && out().device())
            reason = out().device()->errorString();
    };
    noteReason();
    out().flush();
    noteReason();
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    const int code = errno;
    if (flushed && !std::ferror(stdout) && out().status() == QTextStream::Ok)
        return true;
    if (reason.isEmpty() && code != 0)
        reason = QString::fromLocal8Bit(std::strerror(code));
    *error = QStringLiteral("cannot write to standard output: %1")
                 .arg(reason.isEmpty() ? QStringLiteral("a write failed") : reason);
    return false;
}

} // namespace Tideline::Cli
