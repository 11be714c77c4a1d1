// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The oracle (issue 10): every refactoring kind on SQLite, PostgreSQL and MariaDB, judged from
// outside Tideline. Per kind, a case file in tests/data/oracle/ holds a hand-written baseline per
// engine, seed rows, the plan's refactorings, the SQL each application version writes, and the
// expected rows, behaviours and schemas, all written by hand. The test loads the baseline with
// the engine's own client, imports it as a user does (`tideline-cli import-schema --dsn`),
// exports every release (`tideline-cli export --layout folders`) and runs each file twice in the
// engine's own client, with the application writes interleaved as RUNBOOK.md orders them:
//
//   pre/ · A_{k-1} writes (`app rK old`) · backfill/ · A_k writes (`app rK new`) · backfill/ again ·
//   post/ · A_{k-1} writes again after a rollback (`app rK rollback`, the plans are rollback-safe)
//
// After every file's second run, the catalog (with names) and every row must be what the first
// run left. At the points the case names (`rK.pre`, `rK.old`, `rK.backfill`, `rK.new`,
// `rK.backfill2`, `rK.post`, `rK.end`), its expectations are checked: rows read back, statements
// that must succeed or fail, and expected schemas — DDL written by hand, loaded into a fresh
// database of the same engine and compared with the live one through catalog queries of
// oracle.h (never Tideline's live catalog, model or schema diff). Findings are collected and
// reported together; a script or import that fails ends the case there. After the last release,
// every earlier release is replayed once more: nothing may fail or change.

#include "oracle.h"
#include "oraclecase.h"

#include <catalog/catalog.h>

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Oracle;

namespace {

const QString CaseDir = QStringLiteral(TIDELINE_TEST_DATA "/oracle");

/** Runs tideline-cli with @p args; its standard output, or false with stderr. */
bool cli(const QStringList &args, QByteArray *out, QString *error, int *exitCode = nullptr)
{
    QProcess p;
    p.start(TIDELINE_CLI, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        *error = "tideline-cli " + args.join(' ') + " did not finish";
        return false;
    }
    *out = p.readAllStandardOutput();
    if (exitCode) {
        *exitCode = p.exitCode();
        *error = QString::fromUtf8(p.readAllStandardError());
        return p.exitStatus() == QProcess::NormalExit;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = "tideline-cli " + args.first() + " exit " + QString::number(p.exitCode()) + ": "
                 + tail(QString::fromUtf8(p.readAllStandardError()));
        return false;
    }
    return true;
}

/** Merges @p patch into @p object, objects recursively. */
QJsonObject merged(QJsonObject object, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().isObject() && object.value(it.key()).isObject())
            object.insert(it.key(), merged(object.value(it.key()).toObject(), it.value().toObject()));
        else
            object.insert(it.key(), it.value());
    }
    return object;
}

class Run
{
public:
    Run(const Engine &engine, const QList<Section> &sections, const QString &name)
        : m_engine(engine)
        , m_sections(sections)
        , m_name(name)
    {
    }

    /** Runs the whole case; findings() says what went wrong. */
    void run();
    QStringList findings() const { return m_findings; }
    QSet<QString> passedStates() const { return m_passedStates; }
    QString verdicts() const { return m_verdicts; }

private:
    bool setUp();
    bool release(const QString &id);
    bool phase(const QString &release, const QJsonArray &files, const QString &phase, const QString &bundle,
               const QString &pass);
    bool app(const QString &release, const QString &who);
    bool manual(const QString &release);
    void replayEarlier();
    /** The catalog facts (no names) of a fresh database holding the case's baseline (if
     *  @p withBaseline), then @p sql, then @p packageFiles (Debian package paths). */
    bool expectedFacts(bool withBaseline, const QString &sql, const QStringList &packageFiles, QStringList *facts,
                       QString *error);
    /** The differences between @p want and the live database's facts. */
    QString compareWith(QStringList want, bool skipTriggers, QString *error);
    void expectPackageState(const Section &section, const QString &point);
    bool checkReconstruction();
    void checkpoint(const QString &point);
    void expect(const Section &section, const QString &point);
    void expectSchema(const Section &section, const QString &point);
    void find(const QString &text) { m_findings << text; }
    /** The plan section for this engine: one that names it, else the one for every engine. */
    QJsonObject planJson() const
    {
        QString body;
        for (const Section &s : m_sections) {
            if (s.what == "plan" && s.isFor(m_engine.name) && (body.isEmpty() || !s.engines.isEmpty()))
                body = s.body;
        }
        return QJsonDocument::fromJson(body.toUtf8()).object();
    }

    Engine m_engine;
    QList<Section> m_sections;
    QString m_name;
    QTemporaryDir m_dir;
    Tideline::ScratchDatabase m_db, m_expected;
    Tideline::Connection m_live; // the database under test, read between the clients' runs
    QString m_plan;
    QStringList m_findings;
    QSet<QString> m_pointsReached, m_passedStates;
    QList<QPair<QString, QJsonArray>> m_bundles; // release id and manifest files, in folder m_dir/bundle-<id>
    QString m_verdicts;
    bool m_checkBlocks = false; // tideline-cli check exits non-zero for the plan
    int m_scratch = 0;
};

bool Run::setUp()
{
    QString error;
    const QString server = m_engine.variable.isEmpty() ? QString() : qEnvironmentVariable(qPrintable(m_engine.variable));
    if (!m_db.create(server, "oracle_" + m_name, &error) || !m_live.open(m_db.dsn(), &error)) {
        find("harness: cannot create the database: " + error);
        return false;
    }
    bool hasBaseline = false;
    for (const Section &s : std::as_const(m_sections)) {
        if (!s.isFor(m_engine.name) || (s.what != "baseline" && s.what != "seed"))
            continue;
        hasBaseline = hasBaseline || s.what == "baseline";
        if (!runClientSql(m_engine, m_db.dsn(), s.body, m_dir.filePath("setup.sql"), &error)) {
            find(QString("the hand-written %1 (line %2) does not load — harness error: %3").arg(s.what).arg(s.line).arg(error));
            return false;
        }
    }
    if (!hasBaseline) {
        find("the case has no baseline for " + m_engine.name);
        return false;
    }
    checkpoint("seed");

    // The baseline as a user gets it: import-schema from the live database.
    QByteArray imported;
    if (!cli({"import-schema", "--dsn", m_db.dsn()}, &imported, &error)) {
        find("import-schema --dsn of the baseline failed: " + error);
        return false;
    }
    QJsonObject plan, patch;
    plan = planJson();
    for (const Section &s : std::as_const(m_sections)) {
        if (s.what == "params" && s.isFor(m_engine.name))
            patch = QJsonDocument::fromJson(s.body.toUtf8()).object();
    }
    if (plan.isEmpty()) {
        find("the case has no (valid JSON) plan section");
        return false;
    }
    QJsonArray refactorings = plan.value("refactorings").toArray();
    for (int i = 0; i < refactorings.size(); ++i) {
        QJsonObject r = refactorings.at(i).toObject();
        if (patch.contains(r.value("id").toString()))
            r.insert("params", merged(r.value("params").toObject(), patch.value(r.value("id").toString()).toObject()));
        refactorings[i] = r;
    }
    plan.insert("refactorings", refactorings);
    plan.insert("dialect", m_engine.name);
    plan.insert("baseline", QJsonDocument::fromJson(imported).object());
    m_plan = m_dir.filePath(m_name + ".tideline.json");
    QFile file(m_plan);
    if (!file.open(QIODevice::WriteOnly)) {
        find("cannot write " + m_plan);
        return false;
    }
    file.write(QJsonDocument(plan).toJson());
    file.close();

    // What Tideline promises about this plan, quoted with any finding.
    for (const QString &command : {QStringLiteral("compat"), QStringLiteral("check")}) {
        QByteArray out;
        int code = 0;
        if (cli({command, m_plan}, &out, &error, &code)) {
            m_verdicts += QString("tideline-cli %1: exit %2 (%3); ").arg(command).arg(code)
                              .arg(code == 0 ? "says all is well" : "reports problems");
            if (command == QLatin1String("check"))
                m_checkBlocks = code != 0;
        }
    }
    return true;
}

/** The phase a bundle file runs in: its folder, or for offline/ its step's phase (file header). */
QString runPhase(const QString &bundle, const QString &path)
{
    const QString folder = path.section('/', 0, 0);
    if (folder != "offline")
        return folder;
    QFile file(QDir(bundle).filePath(path));
    file.open(QIODevice::ReadOnly);
    static const QRegularExpression header(", phase (pre|backfill|post)\\b");
    const QRegularExpressionMatch m = header.match(QString::fromUtf8(file.read(4096)));
    return m.hasMatch() ? m.captured(1) : QStringLiteral("pre");
}

bool Run::phase(const QString &release, const QJsonArray &files, const QString &phase, const QString &bundle,
                const QString &pass)
{
    for (const QJsonValue &v : files) {
        const QJsonObject f = v.toObject();
        const QString path = f.value("path").toString();
        if (runPhase(bundle, path) != phase)
            continue;
        const QString where = release + ' ' + path + pass;
        QString error;
        if (!runClient(m_engine, m_db.dsn(), QDir(bundle).filePath(path), &error)) {
            find(where + ", first run, fails in " + m_engine.client + ":\n      " + error);
            // TIDELINE_ORACLE_CONTINUE=1 goes on regardless, to see what lies behind a first
            // failure (the findings still fail the case; later ones may follow from this one).
            if (qEnvironmentVariableIntValue("TIDELINE_ORACLE_CONTINUE") != 1)
                return false;
            continue;
        }
        QStringList before, after;
        if (!snapshot(m_live.database(), m_engine.name, &before, &error)) {
            find("harness: cannot read the database back: " + error);
            return false;
        }
        // A second run that fails is a finding, not the end: the first run did the work, and
        // what the failed run changed shows below.
        if (!runClient(m_engine, m_db.dsn(), QDir(bundle).filePath(path), &error))
            find(where + ", second run (its header promises a re-run is harmless), fails in " + m_engine.client
                 + ":\n      " + error);
        if (!snapshot(m_live.database(), m_engine.name, &after, &error)) {
            find("harness: cannot read the database back: " + error);
            return false;
        }
        const QString changed = differences(before, after, "after run 1:", "after run 2:");
        if (!changed.isEmpty())
            find(where + ": the second run changed the database:\n" + changed);
    }
    return true;
}

bool Run::app(const QString &release, const QString &who)
{
    for (const Section &s : std::as_const(m_sections)) {
        if (s.what != "app" || !s.isFor(m_engine.name) || s.args.value(0) != release || s.args.value(1) != who)
            continue;
        QString error;
        if (!runClientSql(m_engine, m_db.dsn(), s.body, m_dir.filePath(QString("app%1.sql").arg(++m_scratch)), &error)) {
            // Not the end: the writes after the failing statement are lost, the expectations show it.
            find(QString("%1: the %2 application's writes (line %3) fail on the schema Tideline built:\n      %4")
                     .arg(release, who).arg(s.line).arg(error));
        }
    }
    return true;
}

bool Run::manual(const QString &release)
{
    for (const Section &s : std::as_const(m_sections)) {
        if (s.what != "manual" || !s.isFor(m_engine.name) || s.args.value(0) != release)
            continue;
        QString error;
        if (!runClientSql(m_engine, m_db.dsn(), s.body, m_dir.filePath("manual.sql"), &error)) {
            find(QString("%1: the package's own statements for what no kind expresses (line %2) fail:\n      %3")
                     .arg(release).arg(s.line).arg(error));
            return false;
        }
    }
    return true;
}

QString debianRoot()
{
    return qEnvironmentVariable("TIDELINE_DEBIAN_SCHEMAS");
}

bool Run::expectedFacts(bool withBaseline, const QString &sql, const QStringList &packageFiles, QStringList *facts,
                        QString *error)
{
    // One scratch database for every expected state: PostgreSQL takes a second or more for a
    // CREATE DATABASE, a fresh schema takes milliseconds.
    const QString server = m_engine.variable.isEmpty() ? QString() : qEnvironmentVariable(qPrintable(m_engine.variable));
    if (m_engine.name == "postgresql" && !m_expected.dsn().isEmpty()) {
        if (!runClientSql(m_engine, m_expected.dsn(), "SET client_min_messages = warning;\nDROP SCHEMA public CASCADE;\n"
                                                      "CREATE SCHEMA public;\n",
                          m_dir.filePath("reset.sql"), error))
            return false;
    } else if (!m_expected.create(server, "oracle_expected", error)) {
        return false;
    }
    for (const Section &s : std::as_const(m_sections)) {
        if (withBaseline && s.what == "baseline" && s.isFor(m_engine.name)
            && !runClientSql(m_engine, m_expected.dsn(), s.body, m_dir.filePath("state.sql"), error))
            return false;
    }
    if (!sql.isEmpty() && !runClientSql(m_engine, m_expected.dsn(), sql, m_dir.filePath("expected.sql"), error))
        return false;
    for (const QString &file : packageFiles) {
        if (!runClient(m_engine, m_expected.dsn(), QDir(debianRoot()).filePath(file), error)) {
            *error = file + ": " + *error;
            return false;
        }
    }
    Tideline::Connection c;
    return c.open(m_expected.dsn(), error) && catalogFacts(c.database(), m_engine.name, false, facts, error);
}

QString Run::compareWith(QStringList want, bool skipTriggers, QString *error)
{
    QStringList have;
    if (!catalogFacts(m_live.database(), m_engine.name, false, &have, error))
        return {};
    // Tideline's own sync triggers (and their functions) may still be there.
    if (skipTriggers) {
        for (QStringList *facts : {&want, &have}) {
            facts->removeIf([](const QString &f) {
                return f.contains(": trigger ") || f.contains(": function ") || f.contains(": routine ");
            });
        }
    }
    return differences(want, have);
}

void Run::expectPackageState(const Section &section, const QString &point)
{
    const QStringList files = section.body.split('\n', Qt::SkipEmptyParts);
    QStringList want;
    QString error;
    if (!expectedFacts(true, {}, files, &want, &error)) {
        find(QString("harness: the package's state (line %1) does not load: %2").arg(section.line).arg(error));
        return;
    }
    const QString diff = compareWith(want, section.args.contains("except-triggers"), &error);
    if (!error.isEmpty())
        find("harness: " + error);
    else if (!diff.isEmpty())
        find(QString("[%1] the schema differs from the package's own (%2), read from %3's catalog:\n%4")
                 .arg(point, files.join(" + "), m_engine.label, diff));
    else if (m_findings.isEmpty()) // a change passes when nothing went wrong up to its version
        m_passedStates << point;
}

/** The reconstructed older schema plus the package's own upgrade scripts is the package's newest
 *  schema: otherwise the history's baseline is wrong, not Tideline. */
bool Run::checkReconstruction()
{
    for (const Section &s : std::as_const(m_sections)) {
        if (s.what != "reconstruction" || !s.isFor(m_engine.name))
            continue;
        QStringList files = s.body.split('\n', Qt::SkipEmptyParts);
        const QString newest = files.takeLast().mid(2).trimmed(); // "= path"
        QString error;
        QStringList upgraded, fresh;
        if (!expectedFacts(true, {}, files, &upgraded, &error) || !expectedFacts(false, {}, {newest}, &fresh, &error)) {
            find("harness: the reconstruction check cannot run: " + error);
            return false;
        }
        const QString diff = differences(fresh, upgraded, "newest:  ", "rebuilt: ");
        if (!diff.isEmpty()) {
            find(QString("harness: the reconstructed baseline plus the package's upgrade scripts is not the package's "
                         "newest schema %1:\n%2").arg(newest, diff));
            return false;
        }
    }
    return true;
}

void Run::checkpoint(const QString &point)
{
    m_pointsReached << point;
    for (const Section &s : std::as_const(m_sections)) {
        if (!s.isFor(m_engine.name) || s.args.value(0) != point)
            continue;
        if (s.what == "expect")
            expect(s, point);
        else if (s.what == "schema")
            expectSchema(s, point);
        else if (s.what == "packagestate")
            expectPackageState(s, point);
    }
}

void Run::expect(const Section &section, const QString &point)
{
    QSqlDatabase db = m_live.database();
    QSqlQuery q(db);
    if (m_engine.name == "sqlite")
        q.exec("PRAGMA foreign_keys = ON");
    db.transaction();
    const QStringList lines = section.body.split('\n');
    const QString at = QString("[%1] expectation at line %2").arg(point);
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith('#') || line.startsWith('='))
            continue;
        const int lineNumber = section.line + 1 + i;
        if (line.startsWith('?')) {
            QStringList expected, actual;
            for (int j = i + 1; j < lines.size() && lines.at(j).startsWith('='); ++j)
                expected << lines.at(j).mid(1).trimmed();
            if (!q.exec(line.mid(1).trimmed())) {
                find(at.arg(lineNumber) + ": " + line + "\n      fails: " + q.lastError().text());
                continue;
            }
            while (q.next())
                actual << rowText(q);
            const auto shown = [](const QStringList &rows) {
                return rows.isEmpty() ? QString("(no row)") : "= " + rows.join("\n        = ");
            };
            if (actual != expected)
                find(at.arg(lineNumber) + ": " + line + "\n      expected:\n        " + shown(expected)
                     + "\n      actual:\n        " + shown(actual));
            continue;
        }
        const bool mustFail = line.startsWith('!');
        const QString sql = mustFail ? line.mid(1).trimmed() : line;
        q.exec("SAVEPOINT oracle");
        const bool ok = q.exec(sql);
        const QString message = q.lastError().text();
        q.exec(ok ? "RELEASE SAVEPOINT oracle" : "ROLLBACK TO SAVEPOINT oracle");
        if (ok && mustFail)
            find(at.arg(lineNumber) + ": " + sql + "\n      succeeded; the database must refuse it");
        else if (!ok && !mustFail)
            find(at.arg(lineNumber) + ": " + sql + "\n      fails: " + message);
    }
    db.rollback();
}

void Run::expectSchema(const Section &section, const QString &point)
{
    QStringList want;
    QString error;
    if (!expectedFacts(false, section.body, {}, &want, &error)) {
        find(QString("harness: the expected schema (line %1) does not load: %2").arg(section.line).arg(error));
        return;
    }
    const QString diff = compareWith(want, section.args.contains("except-triggers"), &error);
    if (!error.isEmpty())
        find("harness: " + error);
    else if (!diff.isEmpty())
        find(QString("[%1] the schema differs from the expected one (line %2), read from %3's catalog:\n%4")
                 .arg(point).arg(section.line).arg(m_engine.label, diff));
}

bool Run::release(const QString &id)
{
    const QString out = m_dir.filePath("bundle-" + id);
    QByteArray ignored;
    QString error;
    if (!cli({"export", m_plan, "--release", id, "--dialect", m_engine.name, "--layout", "folders", "--out", out},
             &ignored, &error)) {
        find(id + ": export failed: " + error);
        return false;
    }
    // The bundle is the folder holding manifest.json (the layout may nest it).
    QString bundle;
    QDirIterator it(out, {"manifest.json"}, QDir::Files, QDirIterator::Subdirectories);
    if (it.hasNext())
        bundle = QFileInfo(it.next()).path();
    QFile manifest(QDir(bundle).filePath("manifest.json"));
    if (bundle.isEmpty() || !manifest.open(QIODevice::ReadOnly)) {
        find(id + ": the exported bundle has no manifest.json");
        return false;
    }
    const QJsonArray files = QJsonDocument::fromJson(manifest.readAll()).object().value("files").toArray();
    m_bundles.append({bundle, files});
    for (const QJsonValue &v : files) {
        // An offline step is an honest verdict when the readiness review blocks the release for
        // it (not zero-downtime); it runs here at its step's place, as in a maintenance window.
        if (v.toObject().value("path").toString().startsWith("offline/")) {
            const QString what = id + ": " + v.toObject().value("path").toString() + " is offline (needs a maintenance window): "
                                 + v.toObject().value("offline").toString() + " — run here in its step's phase";
            if (m_checkBlocks)
                qInfo("  (tideline-cli check blocks the release for it: %s)", qPrintable(what));
            else
                find(what + "; yet tideline-cli check says ready");
        }
    }
    // The runbook's seven steps (DESIGN.md §2); an offline file runs where its step's phase puts it.
    if (!phase(id, files, "pre", bundle, QString()))
        return false;
    checkpoint(id + ".pre");
    if (!app(id, "old"))
        return false;
    checkpoint(id + ".old");
    if (!phase(id, files, "backfill", bundle, QString()))
        return false;
    checkpoint(id + ".backfill");
    if (!app(id, "new"))
        return false;
    checkpoint(id + ".new");
    if (!phase(id, files, "backfill", bundle, " (second pass)"))
        return false;
    checkpoint(id + ".backfill2");
    if (!phase(id, files, "post", bundle, QString()) || !manual(id))
        return false;
    checkpoint(id + ".post");
    if (!app(id, "rollback"))
        return false;
    checkpoint(id + ".end");
    return true;
}

/**
 * Issue 10: "a re-run of any earlier release after later ones is harmless". After the last
 * release, every file of every earlier release runs once more, release by release in the
 * runbook's order, and the catalog (names included) and rows must not change. A file may stop
 * with an error only where its own header says that it stops "before changing anything" (SQLite
 * cannot skip DDL, MySQL cannot create a trigger conditionally): then the stop is noted, and the
 * unchanged database is what proves the header true.
 */
void Run::replayEarlier()
{
    QStringList before, after;
    QString error;
    if (m_bundles.size() < 2 || !snapshot(m_live.database(), m_engine.name, &before, &error))
        return;
    for (int i = 0; i + 1 < m_bundles.size(); ++i) {
        const auto &[bundle, files] = m_bundles.at(i);
        for (const QString &phase : {QStringLiteral("pre"), QStringLiteral("backfill"), QStringLiteral("post")}) {
            for (const QJsonValue &v : files) {
                const QString path = v.toObject().value("path").toString();
                if (runPhase(bundle, path) != phase || runClient(m_engine, m_db.dsn(), QDir(bundle).filePath(path), &error))
                    continue;
                QFile file(QDir(bundle).filePath(path));
                const bool announced = file.open(QIODevice::ReadOnly)
                                       && QString::fromUtf8(file.read(4096)).simplified().contains("before changing anything");
                const QString what = QString("replaying %1 %2 after the last release fails in %3:\n      %4")
                                         .arg(QFileInfo(bundle).fileName().mid(7), path, m_engine.client, error);
                if (announced)
                    qInfo("  (as its header says it may: %s)", qPrintable(what));
                else
                    find(what);
            }
        }
    }
    if (!snapshot(m_live.database(), m_engine.name, &after, &error)) {
        find("harness: cannot read the database back: " + error);
        return;
    }
    const QString changed = differences(before, after, "before:", "after: ");
    if (!changed.isEmpty())
        find("replaying the earlier releases after the last one changed the database:\n" + changed);
}

void Run::run()
{
    if (!m_dir.isValid()) {
        find("harness: no temporary folder");
        return;
    }
    if (qEnvironmentVariableIntValue("TIDELINE_ORACLE_KEEP") == 1) { // plan, bundles, scripts: for a look
        m_dir.setAutoRemove(false);
        qInfo().noquote() << "kept in" << m_dir.path();
    }
    if (!checkReconstruction() || !setUp())
        return;
    const QJsonArray releases = planJson().value("releases").toArray();
    bool complete = true;
    for (const QJsonValue &r : std::as_const(releases)) {
        if (!release(r.toObject().value("id").toString())) {
            complete = false;
            break;
        }
    }
    if (complete)
        replayEarlier();
    for (const Section &s : std::as_const(m_sections)) {
        if ((s.what == "expect" || s.what == "schema" || s.what == "packagestate") && s.isFor(m_engine.name)
            && !m_pointsReached.contains(s.args.value(0)))
            find(QString("[%1] expectation at line %2 not reached").arg(s.args.value(0)).arg(s.line));
    }
}

/** The engine's sections of @p file; false with why it cannot run here (server, client, file). */
bool prepare(const Engine &engine, const QString &file, QList<Section> *sections, QString *why)
{
    *why = unavailable(engine);
    if (!why->isEmpty())
        return false;
    if (!readCase(file, sections, why)) {
        *why = "unreadable case: " + *why;
        return false;
    }
    return true;
}

/** Prints every finding (QTest cuts long failure messages) and fails when there is one. */
#define report(what, run)                                                                                    \
    do {                                                                                                     \
        const QStringList findings = (run).findings();                                                      \
        for (const QString &finding : findings)                                                              \
            qInfo().noquote() << "  * " + finding;                                                          \
        QVERIFY2(findings.isEmpty(), qPrintable(QString("%1: %2 finding(s) above; %3")                       \
                                                    .arg(what).arg(findings.size()).arg((run).verdicts()))); \
    } while (false)

} // namespace

class TestOracle : public QObject
{
    Q_OBJECT

private slots:
    void everyKindHasACase();
    void kind_data();
    void kind();
    void history_data();
    void history();
};

/** Every kind the catalog lists (as tideline-cli prints it) has its case file. */
void TestOracle::everyKindHasACase()
{
    QByteArray out;
    QString error;
    QVERIFY2(cli({"catalog", "--json"}, &out, &error), qPrintable(error));
    const QJsonArray kinds = QJsonDocument::fromJson(out).object().value("kinds").toArray();
    QVERIFY(!kinds.isEmpty());
    QStringList missing;
    for (const QJsonValue &k : kinds) {
        const QString kind = k.toObject().value("kind").toString();
        if (!QFileInfo::exists(CaseDir + '/' + kind + ".oracle"))
            missing << kind;
    }
    QVERIFY2(missing.isEmpty(), qPrintable("kinds without a case in tests/data/oracle: " + missing.join(", ")));
}

void TestOracle::kind_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("engine");
    // Every case file, on the engines it has a baseline for (a bare "== baseline": all).
    const QDir dir(CaseDir);
    for (const QString &name : dir.entryList({"*.oracle"}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        QStringList baselineEngines;
        bool all = false;
        for (const QString &line : QString::fromUtf8(f.readAll()).split('\n')) {
            if (!line.startsWith("== baseline"))
                continue;
            const QStringList words = line.split(' ', Qt::SkipEmptyParts).mid(2);
            all = all || words.isEmpty();
            baselineEngines += words;
        }
        const QString kind = QFileInfo(name).baseName();
        for (const Engine &engine : engines()) {
            if (all || baselineEngines.contains(engine.name))
                QTest::newRow(qPrintable(kind + ' ' + engine.label)) << dir.filePath(name) << engine.label;
        }
    }
}

void TestOracle::kind()
{
    QFETCH(QString, file);
    QFETCH(QString, engine);
    const Engine e = engineNamed(engine);
    QList<Section> sections;
    QString why;
    if (!prepare(e, file, &sections, &why))
        QSKIP(qPrintable(why));
    // A kind the catalog does not support on an engine has no route there to judge.
    const Tideline::KindSpec *spec = Tideline::Catalog::kind(QFileInfo(file).baseName());
    if (spec && spec->unsupported.contains(e.name))
        QSKIP(qPrintable(QFileInfo(file).baseName() + " is not supported on " + e.label + ": " + spec->unsupported.value(e.name)));
    Run run(e, sections, QFileInfo(file).baseName() + '_' + e.name);
    run.run();
    report(QFileInfo(file).baseName() + " on " + e.label, run);
}

// Debian packages' own upgrade histories as plans (tests/data/oracle/histories/*.oracle): the
// baseline is the package's older schema, reconstructed by hand and proven by the package itself
// (baseline + its upgrade scripts = its newest schema, `== reconstruction`); the refactorings are
// the upgrade changes today's kinds express; what they cannot express runs as the package's own
// statements (`== manual`). After each package version's releases, the live catalog must equal
// the package's schema of that version (`== packagestate`). `== changes` lists every change the
// upgrade scripts make: `<point> expressible|no-kind <what>`; the counts are printed.
void TestOracle::history_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("engine");
    const QDir dir(CaseDir + "/histories");
    for (const QString &name : dir.entryList({"*.oracle"}, QDir::Files, QDir::Name)) {
        QList<Section> sections;
        QString error;
        if (!readCase(dir.filePath(name), &sections, &error))
            continue;
        for (const Section &s : std::as_const(sections)) {
            if (s.what != "history")
                continue;
            for (const QString &engine : s.engines)
                QTest::newRow(qPrintable(QFileInfo(name).baseName() + ' ' + engineNamed(engine).label))
                    << dir.filePath(name) << engine;
        }
    }
}

void TestOracle::history()
{
    QFETCH(QString, file);
    QFETCH(QString, engine);
    const Engine e = engineNamed(engine);
    QList<Section> sections;
    QString why;
    if (!prepare(e, file, &sections, &why))
        QSKIP(qPrintable(why));
    QString package;
    QStringList changes;
    for (const Section &s : std::as_const(sections)) {
        if (s.what == "history")
            package = s.args.value(0);
        else if (s.what == "changes" && s.isFor(e.name))
            changes += s.body.split('\n', Qt::SkipEmptyParts);
    }
    const QString root = debianRoot();
    if (root.isEmpty())
        QSKIP(qPrintable("TIDELINE_DEBIAN_SCHEMAS is not set: no Debian package " + package
                         + " (./test.sh fetches it with apt-get download)"));
    if (!QFileInfo::exists(root + "/." + package)) // fetch_debian_schemas marks what it unpacked
        QSKIP(qPrintable("the Debian package " + package + " is not unpacked in " + root));

    Run run(e, sections, "history_" + QFileInfo(file).baseName().replace('-', '_') + '_' + e.name);
    run.run();
    int seen = 0, expressible = 0, passing = 0;
    for (const QString &line : std::as_const(changes)) {
        if (line.startsWith('#'))
            continue;
        const QStringList words = line.split(' ', Qt::SkipEmptyParts);
        ++seen;
        if (words.value(1) == "expressible") {
            ++expressible;
            passing += run.passedStates().contains(words.value(0)) ? 1 : 0;
        }
    }
    const QString counts = QString("%1 on %2: %3 changes seen, %4 expressible by today's kinds, %5 passing")
                               .arg(package, e.label).arg(seen).arg(expressible).arg(passing);
    qInfo().noquote() << counts;
    report(counts, run);
}

QTEST_GUILESS_MAIN(TestOracle)
#include "tst_oracle.moc"
