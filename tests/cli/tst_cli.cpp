// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Runs the built tideline-cli as a separate process, the way CI and scripts use it: exit codes,
// the JSON shapes of DESIGN.md §9, the messages of bad input, and the round trip between the two
// file formats. Fixtures are tests/data/cli-*.tideline.json; .tideline files are made at test
// time with `tideline-cli convert`.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

struct CliResult
{
    bool finished = false;        // started, exited normally within the time limit
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    /** For failure messages: everything the process said. */
    QByteArray describe() const
    {
        return "exit code " + QByteArray::number(exitCode) + "\n--- stdout:\n" + out
               + "\n--- stderr:\n" + err;
    }
};

CliResult runCli(const QStringList &arguments)
{
    QProcess process;
    process.setProgram(QStringLiteral(TIDELINE_CLI));
    process.setArguments(arguments);
    process.start();
    CliResult result;
    if (!process.waitForStarted(30000)) {
        result.err = process.errorString().toUtf8();
        return result;
    }
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out";
        return result;
    }
    result.finished = process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString dataPath(const QString &name)
{
    return QDir(QStringLiteral(TIDELINE_TEST_DATA)).filePath(name);
}

QString examplePath(const QString &name)
{
    return QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath(name);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QJsonObject parseObject(const QByteArray &json, QString *why)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        *why = u"stdout is not a JSON object: %1"_s.arg(error.errorString());
        return {};
    }
    return document.object();
}

/** The ids of the plan's non-cancelled releases, read from the file without the code under test. */
QStringList releaseIds(const QString &planJsonPath)
{
    QStringList ids;
    const QJsonObject root = QJsonDocument::fromJson(readFile(planJsonPath)).object();
    for (const QJsonValue &release : root.value(u"releases"_s).toArray()) {
        if (release[u"status"_s].toString() != u"cancelled"_s)
            ids << release[u"id"_s].toString();
    }
    return ids;
}

QSet<QString> keysOf(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

QString joinSorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list.join(u", "_s);
}

/** Empty when @p object has exactly @p expected as keys (plus any of @p optional). */
QString checkKeys(const QJsonObject &object, const QSet<QString> &expected, const QString &where,
                  const QSet<QString> &optional = {})
{
    const QSet<QString> keys = keysOf(object);
    const QSet<QString> missing = expected - keys;
    const QSet<QString> extra = keys - expected - optional;
    if (missing.isEmpty() && extra.isEmpty())
        return {};
    return u"%1: missing keys [%2], unexpected keys [%3]"_s.arg(where, joinSorted(missing),
                                                                 joinSorted(extra));
}

/**
 * Checks `compat --json` against the shape DESIGN.md §9 fixes:
 * {"ok", "cells": [{"app", "release", "phase", "required", "ok", "failures": [{"rule", "object",
 * "message"}]}]}, four cells per release (A_{k-1} and A_k on P_k and on S_k).
 * Failures may also carry "severity" (error or warning): fields may grow, never change meaning.
 * Returns an empty string when the shape is right.
 */
QString checkCompatShape(const QJsonObject &root, const QStringList &ids)
{
    if (QString why = checkKeys(root, {u"ok"_s, u"cells"_s}, u"top level"_s); !why.isEmpty())
        return why;
    if (!root.value(u"ok"_s).isBool())
        return u"\"ok\" is not a bool"_s;
    if (!root.value(u"cells"_s).isArray())
        return u"\"cells\" is not an array"_s;
    const QJsonArray cells = root.value(u"cells"_s).toArray();
    if (cells.size() != 4 * ids.size())
        return u"%1 cells for %2 releases; expected 4 per release"_s.arg(cells.size()).arg(ids.size());

    QSet<QString> expectedCells, seenCells;
    for (int k = 0; k < ids.size(); ++k) {
        const QString previous = k == 0 ? u"baseline"_s : ids.at(k - 1);
        for (const QString &app : {previous, ids.at(k)}) {
            for (const QString &phase : {u"pre"_s, u"post"_s})
                expectedCells.insert(u"%1 on %2 %3"_s.arg(app, ids.at(k), phase));
        }
    }
    bool allRequiredOk = true;
    for (int i = 0; i < cells.size(); ++i) {
        const QString where = u"cells[%1]"_s.arg(i);
        if (!cells.at(i).isObject())
            return where + u" is not an object"_s;
        const QJsonObject cell = cells.at(i).toObject();
        const QString why = checkKeys(cell, {u"app"_s, u"release"_s, u"phase"_s, u"required"_s,
                                             u"ok"_s, u"failures"_s}, where);
        if (!why.isEmpty())
            return why;
        const QString app = cell.value(u"app"_s).toString();
        const QString release = cell.value(u"release"_s).toString();
        const QString phase = cell.value(u"phase"_s).toString();
        if (app != u"baseline"_s && !ids.contains(app))
            return u"%1.app is \"%2\", neither baseline nor a release id"_s.arg(where, app);
        if (!ids.contains(release))
            return u"%1.release is \"%2\", not a release id"_s.arg(where, release);
        if (phase != u"pre"_s && phase != u"post"_s)
            return u"%1.phase is \"%2\", not pre or post"_s.arg(where, phase);
        if (!cell.value(u"required"_s).isBool() || !cell.value(u"ok"_s).isBool()
            || !cell.value(u"failures"_s).isArray())
            return where + u": required and ok must be bools, failures an array"_s;
        seenCells.insert(u"%1 on %2 %3"_s.arg(app, release, phase));

        bool hasError = false;
        const QJsonArray failures = cell.value(u"failures"_s).toArray();
        for (int j = 0; j < failures.size(); ++j) {
            const QString failureWhere = u"%1.failures[%2]"_s.arg(where).arg(j);
            const QJsonObject failure = failures.at(j).toObject();
            const QString why = checkKeys(failure, {u"rule"_s, u"object"_s, u"message"_s},
                                          failureWhere, {u"severity"_s});
            if (!why.isEmpty())
                return why;
            for (const QString &key : {u"rule"_s, u"object"_s, u"message"_s}) {
                if (failure.value(key).toString().isEmpty())
                    return u"%1.%2 is not a non-empty string"_s.arg(failureWhere, key);
            }
            const QString severity = failure.value(u"severity"_s).toString(u"error"_s);
            if (severity != u"error"_s && severity != u"warning"_s)
                return u"%1.severity is \"%2\""_s.arg(failureWhere, severity);
            hasError = hasError || severity == u"error"_s;
        }
        if (cell.value(u"ok"_s).toBool() == hasError)
            return u"%1.ok is %2 but its failures %3 an error"_s.arg(
                where, cell.value(u"ok"_s).toBool() ? u"true"_s : u"false"_s,
                hasError ? u"include"_s : u"do not include"_s);
        if (cell.value(u"required"_s).toBool() && !cell.value(u"ok"_s).toBool())
            allRequiredOk = false;
    }
    if (seenCells != expectedCells)
        return u"cells [%1]; expected [%2]"_s.arg(joinSorted(seenCells), joinSorted(expectedCells));
    if (root.value(u"ok"_s).toBool() != allRequiredOk)
        return u"top-level ok is not the conjunction of the required cells"_s;
    return {};
}

/** The cell of app @p app on the state of release @p release and @p phase, or an empty object. */
QJsonObject findCell(const QJsonObject &compat, const QString &app, const QString &release,
                     const QString &phase)
{
    for (const QJsonValue &value : compat.value(u"cells"_s).toArray()) {
        const QJsonObject cell = value.toObject();
        if (cell.value(u"app"_s).toString() == app && cell.value(u"release"_s).toString() == release
            && cell.value(u"phase"_s).toString() == phase)
            return cell;
    }
    return {};
}

bool hasFailure(const QJsonObject &cell, const QString &rule, const QString &object)
{
    const QJsonArray failures = cell.value(u"failures"_s).toArray();
    return std::any_of(failures.cbegin(), failures.cend(), [&](const QJsonValue &f) {
        return f[u"rule"_s].toString() == rule && f[u"object"_s].toString() == object;
    });
}

QJsonObject findByName(const QJsonArray &array, const QString &name)
{
    for (const QJsonValue &value : array) {
        if (value[u"name"_s].toString() == name)
            return value.toObject();
    }
    return {};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void badPlanIsRefused_data();
    void badPlanIsRefused();
    void badCommandLineIsRefused_data();
    void badCommandLineIsRefused();

    void validateAcceptsExamples_data();
    void validateAcceptsExamples();
    void compatPassesExamples_data();
    void compatPassesExamples();
    void compatFailsOnRequiredCell_data();
    void compatFailsOnRequiredCell();
    void compatRequiresRollbackCellsOnlyWhenRollbackSafe_data();
    void compatRequiresRollbackCellsOnlyWhenRollbackSafe();

    void schemaShape_data();
    void schemaShape();
    void schemaColumns_data();
    void schemaColumns();

    void pendingContracts_data();
    void pendingContracts();

    void convertRoundTripIsCanonical_data();
    void convertRoundTripIsCanonical();
    void convertForceReplaces();

    void catalogListsTheKinds();
    void catalogParameters_data();
    void catalogParameters();
    void catalogMarkdownMatchesDocs();

private:
    QString tempPath(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_newerSqlite;        // a .tideline whose storage version is one ahead of this build
    QString m_existing;           // an output file that must survive a refused convert
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(TIDELINE_CLI)).isExecutable(), TIDELINE_CLI);
    QVERIFY(m_dir.isValid());

    m_existing = tempPath(u"existing.tideline.json"_s);
    QFile existing(m_existing);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("not to be replaced\n");
    existing.close();

    // A .tideline written by a newer Tideline: this build's file with user_version bumped.
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        QSKIP("QSQLITE driver missing");
    m_newerSqlite = tempPath(u"newer.tideline"_s);
    const CliResult convert = runCli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), m_newerSqlite});
    QVERIFY2(convert.finished && convert.exitCode == 0, convert.describe());
    {
        const QString connection = u"tst_cli_newer"_s;
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(m_newerSqlite);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA user_version"_s) && query.next());
        const int version = query.value(0).toInt();
        QVERIFY2(version >= 1, "a .tideline written by convert has a storage version");
        QVERIFY(query.exec(u"PRAGMA user_version = %1"_s.arg(version + 1)));
        query.finish();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
    }
}

// Every kind of bad plan: each command that reads a plan refuses it with exit 2, names the file
// and the problem on stderr, prints nothing on stdout and (convert) writes nothing.
void TestCli::badPlanIsRefused_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QStringList>("expected");       // fragments of the message on stderr

    const auto fixture = [](const char *tag, const char *file, const QStringList &expected) {
        QTest::newRow(tag) << dataPath(QString::fromLatin1(file)) << expected;
    };
    fixture("broken JSON", "cli-broken-json.tideline.json", {u"not valid JSON"_s, u"line 4"_s});
    fixture("unknown kind", "cli-unknown-kind.tideline.json",
            {u"refactorings[0].kind"_s, u"unknown kind"_s, u"'merge_colums'"_s});
    fixture("unknown start release", "cli-unknown-start-release.tideline.json",
            {u"refactorings[0].start"_s, u"unknown release"_s, u"'r9'"_s});
    fixture("unknown release in moves", "cli-unknown-move-release.tideline.json",
            {u"refactorings[0].moves.contract"_s, u"unknown release"_s, u"'r9'"_s});
    fixture("unknown table", "cli-unknown-table.tideline.json",
            {u"refactorings[0].params.table"_s, u"unknown table"_s, u"'customers'"_s});
    fixture("unknown column", "cli-unknown-column.tideline.json",
            {u"refactorings[0].params.columns"_s, u"unknown column"_s, u"'middle_name'"_s});
    fixture("unknown table in a usage edit", "cli-unknown-usage-table.tideline.json",
            {u"usage[0].table"_s, u"unknown table"_s, u"'customers'"_s});
    fixture("duplicate release id", "cli-duplicate-release.tideline.json",
            {u"releases[2].id"_s, u"duplicate release id"_s, u"'r2'"_s});
    fixture("duplicate refactoring id", "cli-duplicate-refactoring.tideline.json",
            {u"refactorings[1].id"_s, u"duplicate refactoring id"_s, u"'full-name'"_s});
    fixture("wrong format tag", "cli-wrong-format.tideline.json",
            {u"format"_s, u"\"tideline-project\""_s, u"not a Tideline plan"_s});
    fixture("newer JSON format version", "cli-newer-version.tideline.json",
            {u"version"_s, u"newer Tideline"_s, u"format version 2"_s});
    fixture("backfill moved after the contract that depends on it", "cli-move-before-dependency.tideline.json",
            {u"refactorings[0].moves.backfill"_s, u"step contract"_s, u"step backfill"_s, u"depends on"_s});
    fixture("contract moved before the step it depends on", "cli-move-contract-early.tideline.json",
            {u"refactorings[0].moves.contract"_s, u"step stop_write_old"_s, u"depends on"_s});
    fixture("unknown parameter name", "cli-unknown-parameter.tideline.json",
            {u"refactorings[0].params.cascade"_s, u"unknown parameter"_s, u"'cascade'"_s});
    fixture("unknown step name in moves", "cli-unknown-step.tideline.json",
            {u"refactorings[0].moves.contrakt"_s, u"no step"_s, u"'contrakt'"_s});

    QTest::newRow("newer .tideline storage version")
        << m_newerSqlite << QStringList{u"written by a newer Tideline"_s, u"storage version"_s};
    QTest::newRow("missing .tideline.json file")
        << tempPath(u"absent.tideline.json"_s) << QStringList{u"file not found"_s};
    QTest::newRow("missing .tideline file")
        << tempPath(u"absent.tideline"_s) << QStringList{u"file not found"_s};
    QTest::newRow("unknown file type")
        << tempPath(u"plan.json"_s) << QStringList{u"unknown file type"_s, u".tideline"_s};
}

void TestCli::badPlanIsRefused()
{
    QFETCH(QString, plan);
    QFETCH(QStringList, expected);

    QTemporaryDir outDir;
    QVERIFY(outDir.isValid());
    const QList<QStringList> invocations{
        {u"validate"_s, plan},
        {u"compat"_s, plan, u"--json"_s},
        {u"compat"_s, plan},
        {u"schema"_s, plan, u"--release"_s, u"r1"_s, u"--json"_s},
        {u"pending"_s, plan, u"--json"_s},
        {u"convert"_s, plan, outDir.filePath(u"out.tideline"_s)},
        {u"convert"_s, plan, outDir.filePath(u"out.tideline.json"_s)},
    };
    for (const QStringList &arguments : invocations) {
        const CliResult r = runCli(arguments);
        const QByteArray context = arguments.join(u' ').toUtf8() + "\n" + r.describe();
        QVERIFY2(r.finished, context);
        QVERIFY2(r.exitCode == 2, context);
        QVERIFY2(r.out.isEmpty(), "stdout must stay empty: " + context);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(plan), "stderr must name the file: " + context);
        for (const QString &fragment : std::as_const(expected))
            QVERIFY2(err.contains(fragment), "stderr lacks '" + fragment.toUtf8() + "': " + context);
    }
    // Nothing written: not the outputs, not a temporary file beside them.
    QVERIFY2(QDir(outDir.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             qPrintable(QDir(outDir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
                            .join(u", "_s)));
}

// Bad command lines: exit 2, the problem on stderr, nothing on stdout, and the file named by
// `untouched` (an output) is as it was.
void TestCli::badCommandLineIsRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("untouched");

    const QString valid = dataPath(u"cli-valid.tideline.json"_s);
    const QString newOut = tempPath(u"never-written.tideline"_s);
    QTest::newRow("no command") << QStringList{} << QStringList{u"usage: tideline-cli"_s} << QString();
    QTest::newRow("unknown command")
        << QStringList{u"frobnicate"_s, valid} << QStringList{u"unknown command 'frobnicate'"_s} << QString();
    QTest::newRow("unknown option")
        << QStringList{u"compat"_s, valid, u"--jsn"_s} << QStringList{u"Unknown option 'jsn'"_s} << QString();
    QTest::newRow("option without its value")
        << QStringList{u"schema"_s, valid, u"--release"_s} << QStringList{u"--release"_s} << QString();
    QTest::newRow("bad --phase value")
        << QStringList{u"schema"_s, valid, u"--release"_s, u"r1"_s, u"--phase"_s, u"middle"_s}
        << QStringList{u"--phase"_s, u"'middle'"_s} << QString();
    QTest::newRow("--phase names a phase that is not a schema state")
        << QStringList{u"schema"_s, valid, u"--release"_s, u"r1"_s, u"--phase"_s, u"backfill"_s}
        << QStringList{u"--phase"_s, u"'backfill'"_s} << QString();
    QTest::newRow("schema without --release")
        << QStringList{u"schema"_s, valid, u"--json"_s} << QStringList{u"--release"_s} << QString();
    QTest::newRow("schema of an unknown release")
        << QStringList{u"schema"_s, valid, u"--release"_s, u"r9"_s, u"--json"_s}
        << QStringList{valid, u"--release"_s, u"'r9'"_s} << QString();
    QTest::newRow("two plans for compat")
        << QStringList{u"compat"_s, valid, valid} << QStringList{u"exactly one PLAN"_s} << QString();
    QTest::newRow("convert without OUT")
        << QStringList{u"convert"_s, valid} << QStringList{u"IN and OUT"_s} << QString();
    QTest::newRow("convert to an existing file without --force")
        << QStringList{u"convert"_s, valid, m_existing} << QStringList{m_existing, u"--force"_s} << m_existing;
    QTest::newRow("convert to a file of unknown type")
        << QStringList{u"convert"_s, valid, tempPath(u"plan.txt"_s)}
        << QStringList{tempPath(u"plan.txt"_s), u".tideline"_s} << tempPath(u"plan.txt"_s);
    QTest::newRow("convert a file onto itself")
        << QStringList{u"convert"_s, valid, valid, u"--force"_s} << QStringList{valid, u"same file"_s} << valid;
    QTest::newRow("convert a missing file")
        << QStringList{u"convert"_s, tempPath(u"absent.tideline.json"_s), newOut}
        << QStringList{tempPath(u"absent.tideline.json"_s), u"file not found"_s} << newOut;
}

void TestCli::badCommandLineIsRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expected);
    QFETCH(QString, untouched);

    const bool existedBefore = !untouched.isEmpty() && QFileInfo::exists(untouched);
    const QByteArray before = existedBefore ? readFile(untouched) : QByteArray();

    const CliResult r = runCli(arguments);
    QVERIFY2(r.finished, r.describe());
    QVERIFY2(r.exitCode == 2, r.describe());
    QVERIFY2(r.out.isEmpty(), "stdout must stay empty: " + r.describe());
    const QString err = QString::fromUtf8(r.err);
    for (const QString &fragment : std::as_const(expected))
        QVERIFY2(err.contains(fragment), "stderr lacks '" + fragment.toUtf8() + "': " + r.describe());
    if (!untouched.isEmpty()) {
        QCOMPARE(QFileInfo::exists(untouched), existedBefore);
        if (existedBefore)
            QCOMPARE(readFile(untouched), before);
    }
}

void TestCli::validateAcceptsExamples_data()
{
    QTest::addColumn<QString>("plan");
    QTest::newRow("customer full name") << examplePath(u"customer-full-name.tideline.json"_s);
    QTest::newRow("posts and authors") << examplePath(u"posts-authors.tideline.json"_s);
    QTest::newRow("cli-valid fixture") << dataPath(u"cli-valid.tideline.json"_s);
}

void TestCli::validateAcceptsExamples()
{
    QFETCH(QString, plan);
    const CliResult r = runCli({u"validate"_s, plan});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QVERIFY2(r.err.isEmpty(), r.describe());
    QVERIFY2(QString::fromUtf8(r.out).contains(u": ok"_s), r.describe());
}

void TestCli::compatPassesExamples_data()
{
    QTest::addColumn<QString>("plan");
    QTest::newRow("customer full name") << examplePath(u"customer-full-name.tideline.json"_s);
    QTest::newRow("posts and authors") << examplePath(u"posts-authors.tideline.json"_s);
}

void TestCli::compatPassesExamples()
{
    QFETCH(QString, plan);

    const CliResult json = runCli({u"compat"_s, plan, u"--json"_s});
    QVERIFY2(json.finished && json.exitCode == 0, json.describe());
    QString why;
    const QJsonObject root = parseObject(json.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    why = checkCompatShape(root, releaseIds(plan));
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(root.value(u"ok"_s), QJsonValue(true));
    for (const QJsonValue &cell : root.value(u"cells"_s).toArray())
        QVERIFY2(cell[u"required"_s].toBool(), "rollback-safe plan: every cell is required");

    const CliResult text = runCli({u"compat"_s, plan});
    QVERIFY2(text.finished && text.exitCode == 0, text.describe());
    QVERIFY2(text.out.contains("All required cells pass."), text.describe());
}

// A usage edit makes A_1 insert into customer without first_name, which is NOT NULL: the
// required cells of A_1 fail with rule insert-not-null on customer.first_name, and compat exits 1.
void TestCli::compatFailsOnRequiredCell_data()
{
    QTest::addColumn<QString>("app");
    QTest::addColumn<QString>("release");
    QTest::addColumn<QString>("phase");
    QTest::addColumn<bool>("ok");

    QTest::newRow("A_0 on P_1 passes") << u"baseline"_s << u"r1"_s << u"pre"_s << true;
    QTest::newRow("A_1 on P_1 fails") << u"r1"_s << u"r1"_s << u"pre"_s << false;
    QTest::newRow("A_1 on S_1 fails") << u"r1"_s << u"r1"_s << u"post"_s << false;
    QTest::newRow("A_0 on S_1 passes") << u"baseline"_s << u"r1"_s << u"post"_s << true;
    QTest::newRow("A_2 on P_2 fails") << u"r2"_s << u"r2"_s << u"pre"_s << false;
}

void TestCli::compatFailsOnRequiredCell()
{
    QFETCH(QString, app);
    QFETCH(QString, release);
    QFETCH(QString, phase);
    QFETCH(bool, ok);

    const QString plan = dataPath(u"cli-insert-not-null.tideline.json"_s);
    const CliResult r = runCli({u"compat"_s, plan, u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 1, r.describe());
    QVERIFY2(r.err.isEmpty(), r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    why = checkCompatShape(root, releaseIds(plan));
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(root.value(u"ok"_s), QJsonValue(false));

    const QJsonObject cell = findCell(root, app, release, phase);
    QVERIFY2(!cell.isEmpty(), r.out);
    QCOMPARE(cell.value(u"required"_s), QJsonValue(true));
    QCOMPARE(cell.value(u"ok"_s), QJsonValue(ok));
    QCOMPARE(hasFailure(cell, u"insert-not-null"_s, u"customer.first_name"_s), !ok);

    const CliResult text = runCli({u"compat"_s, plan});
    QVERIFY2(text.finished && text.exitCode == 1, text.describe());
    QVERIFY2(text.out.contains("[insert-not-null]") && text.out.contains("A required cell fails."),
             text.describe());
}

// The same plan (A_1 reads email, which r2's contract drops) with and without rollback safety:
// only A_{k-1} on S_k changes from required to not, and so does the exit code.
void TestCli::compatRequiresRollbackCellsOnlyWhenRollbackSafe_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<bool>("rollbackSafe");
    QTest::addColumn<int>("exitCode");

    QTest::newRow("rollback-safe: A_1 on S_2 is required and fails")
        << dataPath(u"cli-rollback-cell.tideline.json"_s) << true << 1;
    QTest::newRow("not rollback-safe: A_1 on S_2 fails but is not required")
        << dataPath(u"cli-rollback-cell-not-safe.tideline.json"_s) << false << 0;
    QTest::newRow("rollback-safe example: every cell required")
        << examplePath(u"customer-full-name.tideline.json"_s) << true << 0;
}

void TestCli::compatRequiresRollbackCellsOnlyWhenRollbackSafe()
{
    QFETCH(QString, plan);
    QFETCH(bool, rollbackSafe);
    QFETCH(int, exitCode);

    const CliResult r = runCli({u"compat"_s, plan, u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == exitCode, r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QStringList ids = releaseIds(plan);
    why = checkCompatShape(root, ids);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(root.value(u"ok"_s).toBool(), exitCode == 0);

    int rollbackCells = 0;
    for (const QJsonValue &value : root.value(u"cells"_s).toArray()) {
        const QJsonObject cell = value.toObject();
        const int k = ids.indexOf(cell.value(u"release"_s).toString());
        const QString previous = k == 0 ? u"baseline"_s : ids.at(k - 1);
        const bool isRollbackCell = cell.value(u"app"_s).toString() == previous
                                    && cell.value(u"phase"_s).toString() == u"post"_s;
        rollbackCells += isRollbackCell ? 1 : 0;
        const QByteArray context = QJsonDocument(cell).toJson(QJsonDocument::Compact);
        QVERIFY2(cell.value(u"required"_s).toBool() == (!isRollbackCell || rollbackSafe), context);
    }
    QCOMPARE(rollbackCells, ids.size());

    if (plan.contains(u"cli-rollback-cell"_s)) {
        const QJsonObject cell = findCell(root, u"r1"_s, u"r2"_s, u"post"_s);
        QCOMPARE(cell.value(u"ok"_s), QJsonValue(false));
        QVERIFY(hasFailure(cell, u"missing-object"_s, u"customer.email"_s));
    }
}

void TestCli::schemaShape_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("release");
    QTest::addColumn<QString>("phase");           // as passed; empty: the default
    QTest::addColumn<QString>("expectedPhase");
    QTest::addColumn<QStringList>("tables");

    const QString customer = examplePath(u"customer-full-name.tideline.json"_s);
    const QString posts = examplePath(u"posts-authors.tideline.json"_s);
    QTest::newRow("customer baseline is S_0") << customer << u"baseline"_s << QString() << u"post"_s
                                              << QStringList{u"customer"_s};
    QTest::newRow("customer P_1") << customer << u"r1"_s << u"pre"_s << u"pre"_s << QStringList{u"customer"_s};
    QTest::newRow("customer S_4, phase by default post") << customer << u"r4"_s << QString() << u"post"_s
                                                         << QStringList{u"customer"_s};
    QTest::newRow("posts S_0") << posts << u"baseline"_s << QString() << u"post"_s << QStringList{u"posts"_s};
    QTest::newRow("posts P_1 has the new authors table") << posts << u"r1"_s << u"pre"_s << u"pre"_s
                                                         << QStringList{u"authors"_s, u"posts"_s};
}

void TestCli::schemaShape()
{
    QFETCH(QString, plan);
    QFETCH(QString, release);
    QFETCH(QString, phase);
    QFETCH(QString, expectedPhase);
    QFETCH(QStringList, tables);

    QStringList arguments{u"schema"_s, plan, u"--release"_s, release, u"--json"_s};
    if (!phase.isEmpty())
        arguments << u"--phase"_s << phase;
    const CliResult r = runCli(arguments);
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    // {"release", "phase", "tables": [{"name", "columns": [{"name", "type", "nullable",
    // "default"}], "indexes", "constraints"}]}; fields may grow (views, primaryKey, identity).
    const QSet<QString> keys = keysOf(root);
    QVERIFY2(keys.contains(QSet<QString>{u"release"_s, u"phase"_s, u"tables"_s}), r.out);
    QCOMPARE(root.value(u"release"_s).toString(), release);
    QCOMPARE(root.value(u"phase"_s).toString(), expectedPhase);
    QVERIFY(root.value(u"tables"_s).isArray());
    QStringList names;
    for (const QJsonValue &tableValue : root.value(u"tables"_s).toArray()) {
        QVERIFY(tableValue.isObject());
        const QJsonObject table = tableValue.toObject();
        QVERIFY2(keysOf(table).contains(QSet<QString>{u"name"_s, u"columns"_s, u"indexes"_s, u"constraints"_s}),
                 qPrintable(joinSorted(keysOf(table))));
        QVERIFY(table.value(u"name"_s).isString());
        QVERIFY(table.value(u"columns"_s).isArray());
        QVERIFY(table.value(u"indexes"_s).isArray());
        QVERIFY(table.value(u"constraints"_s).isArray());
        names << table.value(u"name"_s).toString();
        QVERIFY(!table.value(u"columns"_s).toArray().isEmpty());
        for (const QJsonValue &columnValue : table.value(u"columns"_s).toArray()) {
            const QJsonObject column = columnValue.toObject();
            why = checkKeys(column, {u"name"_s, u"type"_s, u"nullable"_s, u"default"_s},
                            names.last() + u".columns"_s, {u"identity"_s, u"generated"_s});
            QVERIFY2(why.isEmpty(), qPrintable(why));
            QVERIFY(column.value(u"name"_s).isString());
            QVERIFY(column.value(u"type"_s).isString());
            QVERIFY(column.value(u"nullable"_s).isBool());
            QVERIFY(column.value(u"default"_s).isString() || column.value(u"default"_s).isNull());
        }
    }
    names.sort();
    QCOMPARE(names, tables);
}

// The customer example: merge first/last name into full_name from r1, contract moved to r4;
// set_not_null on full_name from r2 (its constraint lands in r3 pre).
void TestCli::schemaColumns_data()
{
    QTest::addColumn<QString>("release");
    QTest::addColumn<QString>("phase");
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("present");
    QTest::addColumn<bool>("nullable");

    QTest::newRow("S_0 has first_name NOT NULL") << u"baseline"_s << u"post"_s << u"first_name"_s << true << false;
    QTest::newRow("S_0 lacks full_name") << u"baseline"_s << u"post"_s << u"full_name"_s << false << false;
    QTest::newRow("P_1 has full_name, nullable") << u"r1"_s << u"pre"_s << u"full_name"_s << true << true;
    QTest::newRow("P_1 relaxes first_name") << u"r1"_s << u"pre"_s << u"first_name"_s << true << true;
    QTest::newRow("S_2 full_name still nullable") << u"r2"_s << u"post"_s << u"full_name"_s << true << true;
    QTest::newRow("P_3 full_name NOT NULL") << u"r3"_s << u"pre"_s << u"full_name"_s << true << false;
    QTest::newRow("S_3 keeps first_name (contract moved)") << u"r3"_s << u"post"_s << u"first_name"_s << true << true;
    QTest::newRow("P_4 keeps first_name") << u"r4"_s << u"pre"_s << u"first_name"_s << true << true;
    QTest::newRow("S_4 lacks first_name") << u"r4"_s << u"post"_s << u"first_name"_s << false << false;
    QTest::newRow("S_4 lacks last_name") << u"r4"_s << u"post"_s << u"last_name"_s << false << false;
    QTest::newRow("S_4 has full_name NOT NULL") << u"r4"_s << u"post"_s << u"full_name"_s << true << false;
}

void TestCli::schemaColumns()
{
    QFETCH(QString, release);
    QFETCH(QString, phase);
    QFETCH(QString, column);
    QFETCH(bool, present);
    QFETCH(bool, nullable);

    const CliResult r = runCli({u"schema"_s, examplePath(u"customer-full-name.tideline.json"_s),
                                u"--release"_s, release, u"--phase"_s, phase, u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QJsonObject customer = findByName(root.value(u"tables"_s).toArray(), u"customer"_s);
    QVERIFY2(!customer.isEmpty(), r.out);
    const QJsonObject c = findByName(customer.value(u"columns"_s).toArray(), column);
    QCOMPARE(!c.isEmpty(), present);
    if (present)
        QCOMPARE(c.value(u"nullable"_s).toBool(), nullable);
}

void TestCli::pendingContracts_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QByteArray>("expected");      // the whole document

    QTest::newRow("customer: merge expanded in deployed r1, contract moved to r4")
        << examplePath(u"customer-full-name.tideline.json"_s)
        << QByteArray(R"({"pending": [{"refactoring": "full-name", "kind": "merge_columns",
                          "expand": "r1", "contract": "r4", "age": 0, "status": "scheduled"}]})");
    QTest::newRow("posts: nothing deployed, nothing pending")
        << examplePath(u"posts-authors.tideline.json"_s) << QByteArray(R"({"pending": []})");
    QTest::newRow("contract beyond the last release is unscheduled")
        << dataPath(u"cli-pending-unscheduled.tideline.json"_s)
        << QByteArray(R"({"pending": [{"refactoring": "full-name", "kind": "merge_columns",
                          "expand": "r2", "contract": null, "age": 1, "status": "unscheduled"}]})");
}

void TestCli::pendingContracts()
{
    QFETCH(QString, plan);
    QFETCH(QByteArray, expected);

    const CliResult r = runCli({u"pending"_s, plan, u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QString why;
    const QJsonObject actual = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(actual, QJsonDocument::fromJson(expected).object());

    const CliResult text = runCli({u"pending"_s, plan});
    QVERIFY2(text.finished && text.exitCode == 0, text.describe());
}

// .json -> .tideline -> .json gives the canonical JSON (what convert writes from the original),
// a second trip gives the same bytes again, and both files evaluate to the same outputs.
void TestCli::convertRoundTripIsCanonical_data()
{
    QTest::addColumn<QString>("plan");
    QTest::newRow("customer full name (baseline as SQL)") << examplePath(u"customer-full-name.tideline.json"_s);
    QTest::newRow("posts and authors") << examplePath(u"posts-authors.tideline.json"_s);
    QTest::newRow("usage edits and baseline as tables") << dataPath(u"cli-rollback-cell-not-safe.tideline.json"_s);
}

void TestCli::convertRoundTripIsCanonical()
{
    QFETCH(QString, plan);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString canonical = dir.filePath(u"canonical.tideline.json"_s);
    const QString first = dir.filePath(u"first.tideline"_s);
    const QString firstJson = dir.filePath(u"first.tideline.json"_s);
    const QString second = dir.filePath(u"second.tideline"_s);
    const QString secondJson = dir.filePath(u"second.tideline.json"_s);
    for (const auto &[in, out] : {std::pair{plan, canonical}, std::pair{plan, first},
                                  std::pair{first, firstJson}, std::pair{firstJson, second},
                                  std::pair{second, secondJson}}) {
        const CliResult r = runCli({u"convert"_s, in, out});
        QVERIFY2(r.finished && r.exitCode == 0, r.describe());
        QVERIFY2(QFileInfo::exists(out), qPrintable(out));
    }
    const QByteArray canonicalBytes = readFile(canonical);
    QVERIFY(!canonicalBytes.isEmpty());
    QCOMPARE(readFile(firstJson), canonicalBytes);
    QCOMPARE(readFile(secondJson), canonicalBytes);

    const QList<QStringList> commands{{u"compat"_s, u"--json"_s},
                                      {u"pending"_s, u"--json"_s},
                                      {u"schema"_s, u"--release"_s, releaseIds(plan).constLast(),
                                       u"--phase"_s, u"pre"_s, u"--json"_s}};
    for (const QStringList &command : commands) {
        const CliResult fromJson = runCli(QStringList{command.first(), plan} + command.mid(1));
        const CliResult fromSqlite = runCli(QStringList{command.first(), first} + command.mid(1));
        QVERIFY2(fromJson.finished && fromSqlite.finished, fromJson.describe() + fromSqlite.describe());
        QCOMPARE(fromSqlite.exitCode, fromJson.exitCode);
        QVERIFY2(!fromJson.out.isEmpty(), fromJson.describe());
        QCOMPARE(fromSqlite.out, fromJson.out);
    }
}

void TestCli::convertForceReplaces()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(u"replaced.tideline.json"_s);
    QFile file(out);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("old\n");
    file.close();

    const CliResult r = runCli({u"convert"_s, dataPath(u"cli-valid.tideline.json"_s), out, u"--force"_s});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    const CliResult check = runCli({u"validate"_s, out});
    QVERIFY2(check.finished && check.exitCode == 0, check.describe());
}

void TestCli::catalogListsTheKinds()
{
    const CliResult r = runCli({u"catalog"_s, u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QStringList kinds;
    for (const QJsonValue &kind : root.value(u"kinds"_s).toArray())
        kinds << kind[u"kind"_s].toString();
    const QStringList expected{u"add_column"_s,    u"drop_column"_s,  u"rename_column"_s,
                               u"merge_columns"_s, u"split_column"_s, u"move_columns"_s,
                               u"change_type"_s,   u"set_not_null"_s};
    QCOMPARE(kinds, expected);
}

void TestCli::catalogParameters_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("params");

    QTest::newRow("add_column") << u"add_column"_s
                                << QStringList{u"table"_s, u"column"_s, u"type"_s, u"nullable"_s, u"default"_s, u"backfill"_s};
    QTest::newRow("drop_column") << u"drop_column"_s << QStringList{u"table"_s, u"column"_s};
    QTest::newRow("rename_column") << u"rename_column"_s << QStringList{u"table"_s, u"column"_s, u"to"_s};
    QTest::newRow("merge_columns") << u"merge_columns"_s
                                   << QStringList{u"table"_s, u"columns"_s, u"into"_s, u"type"_s, u"expression"_s};
    QTest::newRow("split_column") << u"split_column"_s << QStringList{u"table"_s, u"column"_s, u"into"_s};
    QTest::newRow("move_columns") << u"move_columns"_s
                                  << QStringList{u"table"_s, u"columns"_s, u"toTable"_s, u"rename"_s, u"key"_s};
    QTest::newRow("change_type") << u"change_type"_s
                                 << QStringList{u"table"_s, u"column"_s, u"type"_s, u"expression"_s};
    QTest::newRow("set_not_null") << u"set_not_null"_s << QStringList{u"table"_s, u"column"_s, u"backfill"_s};
}

void TestCli::catalogParameters()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, params);

    const CliResult r = runCli({u"catalog"_s, u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QJsonObject spec;
    for (const QJsonValue &k : root.value(u"kinds"_s).toArray()) {
        if (k[u"kind"_s].toString() == kind)
            spec = k.toObject();
    }
    QVERIFY2(!spec.isEmpty(), qPrintable(kind));
    QStringList names;
    for (const QJsonValue &p : spec.value(u"params"_s).toArray())
        names << p[u"name"_s].toString();
    QCOMPARE(names, params);
}

// docs/catalog.md is generated by `tideline-cli catalog --markdown`; this keeps it current.
void TestCli::catalogMarkdownMatchesDocs()
{
    const CliResult r = runCli({u"catalog"_s, u"--markdown"_s});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    const QString docs = QDir(QStringLiteral(TIDELINE_SOURCE_DIR)).filePath(u"docs/catalog.md"_s);
    QVERIFY2(QFileInfo::exists(docs), qPrintable(docs));
    QVERIFY2(readFile(docs) == r.out,
             qPrintable(u"%1 is stale; regenerate it with: tideline-cli catalog --markdown > docs/catalog.md"_s
                            .arg(docs)));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
