// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Runs the built tideline-cli as a separate process, the way CI and scripts use it: exit codes,
// the JSON shapes of DESIGN.md §9, the messages of bad input, and the round trip between the two
// file formats. Fixtures are tests/data/cli-*.tideline.json; .tideline files are made at test
// time with `tideline-cli convert`.

#include <catalog/catalog.h>
#include <io/planjson.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
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
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <utility>

namespace {

struct CliResult
{
    bool finished = false; // started, exited normally within the time limit
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

CliResult runCli(const QStringList &arguments,
                 const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProgram(QStringLiteral(TIDELINE_CLI));
    process.setArguments(arguments);
    process.setProcessEnvironment(environment);
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
        *why = QStringLiteral("stdout is not a JSON object: %1").arg(error.errorString());
        return {};
    }
    return document.object();
}

/** The ids of the plan's non-cancelled releases, read from the file without the code under test. */
QStringList releaseIds(const QString &planJsonPath)
{
    QStringList ids;
    const QJsonObject root = QJsonDocument::fromJson(readFile(planJsonPath)).object();
    for (const QJsonValue &release : root.value(QStringLiteral("releases")).toArray()) {
        if (release[QStringLiteral("status")].toString() != QStringLiteral("cancelled"))
            ids << release[QStringLiteral("id")].toString();
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
    return list.join(QStringLiteral(", "));
}

/** Empty when @p object has exactly @p expected as keys (plus any of @p optional). */
QString checkKeys(const QJsonObject &object,
                  const QSet<QString> &expected,
                  const QString &where,
                  const QSet<QString> &optional = {})
{
    const QSet<QString> keys = keysOf(object);
    const QSet<QString> missing = expected - keys;
    const QSet<QString> extra = keys - expected - optional;
    if (missing.isEmpty() && extra.isEmpty())
        return {};
    return QStringLiteral("%1: missing keys [%2], unexpected keys [%3]")
        .arg(where, joinSorted(missing), joinSorted(extra));
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
    if (QString why = checkKeys(root,
                                {QStringLiteral("ok"), QStringLiteral("cells")},
                                QStringLiteral("top level"));
        !why.isEmpty())
        return why;
    if (!root.value(QStringLiteral("ok")).isBool())
        return QStringLiteral("\"ok\" is not a bool");
    if (!root.value(QStringLiteral("cells")).isArray())
        return QStringLiteral("\"cells\" is not an array");
    const QJsonArray cells = root.value(QStringLiteral("cells")).toArray();
    if (cells.size() != 4 * ids.size())
        return QStringLiteral("%1 cells for %2 releases; expected 4 per release")
            .arg(cells.size())
            .arg(ids.size());

    QSet<QString> expectedCells, seenCells;
    for (int k = 0; k < ids.size(); ++k) {
        const QString previous = k == 0 ? QStringLiteral("baseline") : ids.at(k - 1);
        for (const QString &app : {previous, ids.at(k)}) {
            for (const QString &phase : {QStringLiteral("pre"), QStringLiteral("post")})
                expectedCells.insert(QStringLiteral("%1 on %2 %3").arg(app, ids.at(k), phase));
        }
    }
    bool allRequiredOk = true;
    for (int i = 0; i < cells.size(); ++i) {
        const QString where = QStringLiteral("cells[%1]").arg(i);
        if (!cells.at(i).isObject())
            return where + QStringLiteral(" is not an object");
        const QJsonObject cell = cells.at(i).toObject();
        const QString why = checkKeys(cell,
                                      {QStringLiteral("app"),
                                       QStringLiteral("release"),
                                       QStringLiteral("phase"),
                                       QStringLiteral("required"),
                                       QStringLiteral("ok"),
                                       QStringLiteral("failures")},
                                      where);
        if (!why.isEmpty())
            return why;
        const QString app = cell.value(QStringLiteral("app")).toString();
        const QString release = cell.value(QStringLiteral("release")).toString();
        const QString phase = cell.value(QStringLiteral("phase")).toString();
        if (app != QStringLiteral("baseline") && !ids.contains(app))
            return QStringLiteral("%1.app is \"%2\", neither baseline nor a release id")
                .arg(where, app);
        if (!ids.contains(release))
            return QStringLiteral("%1.release is \"%2\", not a release id").arg(where, release);
        if (phase != QStringLiteral("pre") && phase != QStringLiteral("post"))
            return QStringLiteral("%1.phase is \"%2\", not pre or post").arg(where, phase);
        if (!cell.value(QStringLiteral("required")).isBool()
            || !cell.value(QStringLiteral("ok")).isBool()
            || !cell.value(QStringLiteral("failures")).isArray())
            return where + QStringLiteral(": required and ok must be bools, failures an array");
        seenCells.insert(QStringLiteral("%1 on %2 %3").arg(app, release, phase));

        bool hasError = false;
        const QJsonArray failures = cell.value(QStringLiteral("failures")).toArray();
        for (int j = 0; j < failures.size(); ++j) {
            const QString failureWhere = QStringLiteral("%1.failures[%2]").arg(where).arg(j);
            const QJsonObject failure = failures.at(j).toObject();
            const QString why = checkKeys(failure,
                                          {QStringLiteral("rule"),
                                           QStringLiteral("object"),
                                           QStringLiteral("message")},
                                          failureWhere,
                                          {QStringLiteral("severity")});
            if (!why.isEmpty())
                return why;
            for (const QString &key :
                 {QStringLiteral("rule"), QStringLiteral("object"), QStringLiteral("message")}) {
                if (failure.value(key).toString().isEmpty())
                    return QStringLiteral("%1.%2 is not a non-empty string").arg(failureWhere, key);
            }
            const QString severity
                = failure.value(QStringLiteral("severity")).toString(QStringLiteral("error"));
            if (severity != QStringLiteral("error") && severity != QStringLiteral("warning"))
                return QStringLiteral("%1.severity is \"%2\"").arg(failureWhere, severity);
            hasError = hasError || severity == QStringLiteral("error");
        }
        if (cell.value(QStringLiteral("ok")).toBool() == hasError)
            return QStringLiteral("%1.ok is %2 but its failures %3 an error")
                .arg(where,
                     cell.value(QStringLiteral("ok")).toBool() ? QStringLiteral("true")
                                                               : QStringLiteral("false"),
                     hasError ? QStringLiteral("include") : QStringLiteral("do not include"));
        if (cell.value(QStringLiteral("required")).toBool()
            && !cell.value(QStringLiteral("ok")).toBool())
            allRequiredOk = false;
    }
    if (seenCells != expectedCells)
        return QStringLiteral("cells [%1]; expected [%2]")
            .arg(joinSorted(seenCells), joinSorted(expectedCells));
    if (root.value(QStringLiteral("ok")).toBool() != allRequiredOk)
        return QStringLiteral("top-level ok is not the conjunction of the required cells");
    return {};
}

/** The cell of app @p app on the state of release @p release and @p phase, or an empty object. */
QJsonObject findCell(const QJsonObject &compat,
                     const QString &app,
                     const QString &release,
                     const QString &phase)
{
    for (const QJsonValue &value : compat.value(QStringLiteral("cells")).toArray()) {
        const QJsonObject cell = value.toObject();
        if (cell.value(QStringLiteral("app")).toString() == app
            && cell.value(QStringLiteral("release")).toString() == release
            && cell.value(QStringLiteral("phase")).toString() == phase)
            return cell;
    }
    return {};
}

bool hasFailure(const QJsonObject &cell, const QString &rule, const QString &object)
{
    const QJsonArray failures = cell.value(QStringLiteral("failures")).toArray();
    return std::any_of(failures.cbegin(), failures.cend(), [&](const QJsonValue &f) {
        return f[QStringLiteral("rule")].toString() == rule
               && f[QStringLiteral("object")].toString() == object;
    });
}

QJsonObject findByName(const QJsonArray &array, const QString &name)
{
    for (const QJsonValue &value : array) {
        if (value[QStringLiteral("name")].toString() == name)
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
    void validateNamesWhatTheBaselineCannotHold();
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
    void catalogTextNamesParameterTypes();

    void exportWritesABundle_data();
    void exportWritesABundle();
    void exportRefusesBadInput_data();
    void exportRefusesBadInput();
    void exportManyReleasesInOneRun_data();
    void exportManyReleasesInOneRun();
    void exportIntoAFolderOfOthers_data();
    void exportIntoAFolderOfOthers();
    void exportIntoASqitchProjectAgain();
    void exportThatStopsHalfWayKeepsOurFiles();
    void plantedManifestOwnsNothingOutside();
    void applyRunsReleasesOnSqlite();
    void applyRefusesBadDsn();
    void driftFindsPlantedDifference();
    void driftRefusesBadInput_data();
    void driftRefusesBadInput();

    void importSchemaFromDdl_data();
    void importSchemaFromDdl();
    void importSchemaFromSqliteDatabase();
    void importSchemaFromPostgresDatabase();
    void importSchemaRefusesBadInput_data();
    void importSchemaRefusesBadInput();

    void credentialsStayOutOfMessages_data();
    void credentialsStayOutOfMessages();
    void credentialsFromTheEnginesOwnPlaces();

private:
    QString tempPath(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_newerSqlite; // a .tideline whose storage version is one ahead of this build
    QString m_existing;    // an output file that must survive a refused convert
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(TIDELINE_CLI)).isExecutable(), TIDELINE_CLI);
    QVERIFY(m_dir.isValid());

    m_existing = tempPath(QStringLiteral("existing.tideline.json"));
    QFile existing(m_existing);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("not to be replaced\n");
    existing.close();

    // A .tideline written by a newer Tideline: this build's file with user_version bumped.
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        QSKIP("QSQLITE driver missing");
    m_newerSqlite = tempPath(QStringLiteral("newer.tideline"));
    const CliResult convert = runCli(
        {QStringLiteral("convert"),
         examplePath(QStringLiteral("customer-full-name.tideline.json")),
         m_newerSqlite});
    QVERIFY2(convert.finished && convert.exitCode == 0, convert.describe());
    {
        const QString connection = QStringLiteral("tst_cli_newer");
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(m_newerSqlite);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        const int version = query.value(0).toInt();
        QVERIFY2(version >= 1, "a .tideline written by convert has a storage version");
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1)));
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
    QTest::addColumn<QStringList>("expected"); // fragments of the message on stderr

    const auto fixture = [](const char *tag, const char *file, const QStringList &expected) {
        QTest::newRow(tag) << dataPath(QString::fromLatin1(file)) << expected;
    };
    fixture("broken JSON",
            "cli-broken-json.tideline.json",
            {QStringLiteral("not valid JSON"), QStringLiteral("line 4")});
    fixture("unknown kind",
            "cli-unknown-kind.tideline.json",
            {QStringLiteral("refactorings[0].kind"),
             QStringLiteral("unknown kind"),
             QStringLiteral("'merge_colums'")});
    fixture("unknown start release",
            "cli-unknown-start-release.tideline.json",
            {QStringLiteral("refactorings[0].start"),
             QStringLiteral("unknown release"),
             QStringLiteral("'r9'")});
    fixture("unknown release in moves",
            "cli-unknown-move-release.tideline.json",
            {QStringLiteral("refactorings[0].moves.contract"),
             QStringLiteral("unknown release"),
             QStringLiteral("'r9'")});
    fixture("unknown table",
            "cli-unknown-table.tideline.json",
            {QStringLiteral("refactorings[0].params.table"),
             QStringLiteral("unknown table"),
             QStringLiteral("'customers'")});
    fixture("unknown column",
            "cli-unknown-column.tideline.json",
            {QStringLiteral("refactorings[0].params.columns"),
             QStringLiteral("unknown column"),
             QStringLiteral("'middle_name'")});
    fixture("unknown table in a usage edit",
            "cli-unknown-usage-table.tideline.json",
            {QStringLiteral("usage[0].table"),
             QStringLiteral("unknown table"),
             QStringLiteral("'customers'")});
    fixture("statements of an unknown release",
            "cli-unknown-statements-release.tideline.json",
            {QStringLiteral("statements.r7"),
             QStringLiteral("unknown release"),
             QStringLiteral("'r7'")});
    fixture("acknowledgement of an unknown refactoring",
            "cli-unknown-acknowledged-refactoring.tideline.json",
            {QStringLiteral("acknowledgements[0].refactoring"),
             QStringLiteral("unknown refactoring"),
             QStringLiteral("'full-nam'")});
    fixture("duplicate release id",
            "cli-duplicate-release.tideline.json",
            {QStringLiteral("releases[2].id"),
             QStringLiteral("duplicate release id"),
             QStringLiteral("'r2'")});
    fixture("duplicate refactoring id",
            "cli-duplicate-refactoring.tideline.json",
            {QStringLiteral("refactorings[1].id"),
             QStringLiteral("duplicate refactoring id"),
             QStringLiteral("'full-name'")});
    fixture("wrong format tag",
            "cli-wrong-format.tideline.json",
            {QStringLiteral("format"),
             QStringLiteral("\"tideline-project\""),
             QStringLiteral("not a Tideline plan")});
    fixture("newer JSON format version",
            "cli-newer-version.tideline.json",
            {QStringLiteral("version"),
             QStringLiteral("newer Tideline"),
             QStringLiteral("format version 2")});
    fixture("backfill moved after the contract that depends on it",
            "cli-move-before-dependency.tideline.json",
            {QStringLiteral("refactorings[0].moves.backfill"),
             QStringLiteral("step contract"),
             QStringLiteral("step backfill"),
             QStringLiteral("depends on")});
    fixture("contract moved before the step it depends on",
            "cli-move-contract-early.tideline.json",
            {QStringLiteral("refactorings[0].moves.contract"),
             QStringLiteral("step stop_write_old"),
             QStringLiteral("depends on")});
    fixture("refactorings that come after each other",
            "cli-after-cycle.tideline.json",
            {QStringLiteral("refactorings[0].after[0]"),
             QStringLiteral("cycle: nickname → nickname-required → nickname")});
    fixture("a column another refactoring of the release adds, without after",
            "cli-after-missing.tideline.json",
            {QStringLiteral("refactorings[1].params.column"),
             QStringLiteral("unknown column"),
             QStringLiteral("add \"after\": [\"nickname\"]")});
    fixture("unknown parameter name",
            "cli-unknown-parameter.tideline.json",
            {QStringLiteral("refactorings[0].params.cascade"),
             QStringLiteral("unknown parameter"),
             QStringLiteral("'cascade'")});
    fixture("unknown step name in moves",
            "cli-unknown-step.tideline.json",
            {QStringLiteral("refactorings[0].moves.contrakt"),
             QStringLiteral("no step"),
             QStringLiteral("'contrakt'")});

    QTest::newRow("newer .tideline storage version")
        << m_newerSqlite
        << QStringList{QStringLiteral("written by a newer Tideline"),
                       QStringLiteral("storage version")};
    QTest::newRow("missing .tideline.json file") << tempPath(QStringLiteral("absent.tideline.json"))
                                                 << QStringList{QStringLiteral("file not found")};
    QTest::newRow("missing .tideline file") << tempPath(QStringLiteral("absent.tideline"))
                                            << QStringList{QStringLiteral("file not found")};
    QTest::newRow("unknown file type")
        << tempPath(QStringLiteral("plan.json"))
        << QStringList{QStringLiteral("unknown file type"), QStringLiteral(".tideline")};
}

void TestCli::badPlanIsRefused()
{
    QFETCH(QString, plan);
    QFETCH(QStringList, expected);

    QTemporaryDir outDir;
    QVERIFY(outDir.isValid());
    const QList<QStringList> invocations{
        {QStringLiteral("validate"), plan},
        {QStringLiteral("compat"), plan, QStringLiteral("--json")},
        {QStringLiteral("compat"), plan},
        {QStringLiteral("schema"),
         plan,
         QStringLiteral("--release"),
         QStringLiteral("r1"),
         QStringLiteral("--json")},
        {QStringLiteral("pending"), plan, QStringLiteral("--json")},
        {QStringLiteral("convert"), plan, outDir.filePath(QStringLiteral("out.tideline"))},
        {QStringLiteral("convert"), plan, outDir.filePath(QStringLiteral("out.tideline.json"))},
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
             qPrintable(QDir(outDir.path())
                            .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
                            .join(QStringLiteral(", "))));
}

// Bad command lines: exit 2, the problem on stderr, nothing on stdout, and the file named by
// `untouched` (an output) is as it was.
void TestCli::badCommandLineIsRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("untouched");

    const QString valid = dataPath(QStringLiteral("cli-valid.tideline.json"));
    const QString newOut = tempPath(QStringLiteral("never-written.tideline"));
    QTest::newRow("no command") << QStringList{}
                                << QStringList{QStringLiteral("usage: tideline-cli")} << QString();
    QTest::newRow("unknown command")
        << QStringList{QStringLiteral("frobnicate"), valid}
        << QStringList{QStringLiteral("unknown command 'frobnicate'")} << QString();
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("compat"), valid, QStringLiteral("--jsn")}
        << QStringList{QStringLiteral("Unknown option 'jsn'")} << QString();
    QTest::newRow("option without its value")
        << QStringList{QStringLiteral("schema"), valid, QStringLiteral("--release")}
        << QStringList{QStringLiteral("--release")} << QString();
    QTest::newRow("bad --phase value")
        << QStringList{QStringLiteral("schema"),
                       valid,
                       QStringLiteral("--release"),
                       QStringLiteral("r1"),
                       QStringLiteral("--phase"),
                       QStringLiteral("middle")}
        << QStringList{QStringLiteral("--phase"), QStringLiteral("'middle'")} << QString();
    QTest::newRow("--phase names a phase that is not a schema state")
        << QStringList{QStringLiteral("schema"),
                       valid,
                       QStringLiteral("--release"),
                       QStringLiteral("r1"),
                       QStringLiteral("--phase"),
                       QStringLiteral("backfill")}
        << QStringList{QStringLiteral("--phase"), QStringLiteral("'backfill'")} << QString();
    QTest::newRow("schema without --release")
        << QStringList{QStringLiteral("schema"), valid, QStringLiteral("--json")}
        << QStringList{QStringLiteral("--release")} << QString();
    QTest::newRow("schema of an unknown release")
        << QStringList{QStringLiteral("schema"),
                       valid,
                       QStringLiteral("--release"),
                       QStringLiteral("r9"),
                       QStringLiteral("--json")}
        << QStringList{valid, QStringLiteral("--release"), QStringLiteral("'r9'")} << QString();
    QTest::newRow("two plans for compat")
        << QStringList{QStringLiteral("compat"), valid, valid}
        << QStringList{QStringLiteral("exactly one PLAN")} << QString();
    QTest::newRow("convert without OUT") << QStringList{QStringLiteral("convert"), valid}
                                         << QStringList{QStringLiteral("IN and OUT")} << QString();
    QTest::newRow("convert to an existing file without --force")
        << QStringList{QStringLiteral("convert"), valid, m_existing}
        << QStringList{m_existing, QStringLiteral("--force")} << m_existing;
    QTest::newRow("convert to a file of unknown type")
        << QStringList{QStringLiteral("convert"), valid, tempPath(QStringLiteral("plan.txt"))}
        << QStringList{tempPath(QStringLiteral("plan.txt")), QStringLiteral(".tideline")}
        << tempPath(QStringLiteral("plan.txt"));
    QTest::newRow("convert a file onto itself")
        << QStringList{QStringLiteral("convert"), valid, valid, QStringLiteral("--force")}
        << QStringList{valid, QStringLiteral("same file")} << valid;
    QTest::newRow("convert a missing file")
        << QStringList{QStringLiteral("convert"),
                       tempPath(QStringLiteral("absent.tideline.json")),
                       newOut}
        << QStringList{tempPath(QStringLiteral("absent.tideline.json")),
                       QStringLiteral("file not found")}
        << newOut;
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
        QVERIFY2(err.contains(fragment),
                 "stderr lacks '" + fragment.toUtf8() + "': " + r.describe());
    if (!untouched.isEmpty()) {
        QCOMPARE(QFileInfo::exists(untouched), existedBefore);
        if (existedBefore)
            QCOMPARE(readFile(untouched), before);
    }
}

void TestCli::validateAcceptsExamples_data()
{
    QTest::addColumn<QString>("plan");
    QTest::newRow("customer full name")
        << examplePath(QStringLiteral("customer-full-name.tideline.json"));
    QTest::newRow("posts and authors")
        << examplePath(QStringLiteral("posts-authors.tideline.json"));
    QTest::newRow("cli-valid fixture") << dataPath(QStringLiteral("cli-valid.tideline.json"));
}

void TestCli::validateAcceptsExamples()
{
    QFETCH(QString, plan);
    const CliResult r = runCli({QStringLiteral("validate"), plan});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QVERIFY2(r.err.isEmpty(), r.describe());
    QVERIFY2(QString::fromUtf8(r.out).contains(QStringLiteral(": ok")), r.describe());
}

// A baseline's DDL with a function and a seed row: the plan loads, and what the schema model
// cannot hold is named on stderr (issue 10: never dropped in silence).
void TestCli::validateNamesWhatTheBaselineCannotHold()
{
    const QString plan = tempPath(QStringLiteral("notes.tideline.json"));
    QFile file(plan);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "tideline-plan", "version": 1, "name": "notes", "dialect": "postgresql",
        "releases": [{"id": "r1", "label": "1", "status": "planned"}],
        "baseline": {"sql": "CREATE TABLE t (id integer PRIMARY KEY, name text);
CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
INSERT INTO t VALUES (1, 'seed');
"},
        "refactorings": []})");
    file.close();
    const CliResult r = runCli({QStringLiteral("validate"), plan});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(QStringLiteral("tideline-cli: note: ") + plan + QStringLiteral(": baseline.sql: ")), r.describe());
    QVERIFY2(err.contains(QStringLiteral("CREATE FUNCTION f()")), r.describe());
    QVERIFY2(err.contains(QStringLiteral("INSERT INTO t")), r.describe());
}

void TestCli::compatPassesExamples_data()
{
    QTest::addColumn<QString>("plan");
    QTest::newRow("customer full name")
        << examplePath(QStringLiteral("customer-full-name.tideline.json"));
    QTest::newRow("posts and authors")
        << examplePath(QStringLiteral("posts-authors.tideline.json"));
}

void TestCli::compatPassesExamples()
{
    QFETCH(QString, plan);

    const CliResult json = runCli({QStringLiteral("compat"), plan, QStringLiteral("--json")});
    QVERIFY2(json.finished && json.exitCode == 0, json.describe());
    QString why;
    const QJsonObject root = parseObject(json.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    why = checkCompatShape(root, releaseIds(plan));
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(root.value(QStringLiteral("ok")), QJsonValue(true));
    for (const QJsonValue &cell : root.value(QStringLiteral("cells")).toArray())
        QVERIFY2(cell[QStringLiteral("required")].toBool(),
                 "rollback-safe plan: every cell is required");

    const CliResult text = runCli({QStringLiteral("compat"), plan});
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

    QTest::newRow("A_0 on P_1 passes")
        << QStringLiteral("baseline") << QStringLiteral("r1") << QStringLiteral("pre") << true;
    QTest::newRow("A_1 on P_1 fails")
        << QStringLiteral("r1") << QStringLiteral("r1") << QStringLiteral("pre") << false;
    QTest::newRow("A_1 on S_1 fails")
        << QStringLiteral("r1") << QStringLiteral("r1") << QStringLiteral("post") << false;
    QTest::newRow("A_0 on S_1 passes")
        << QStringLiteral("baseline") << QStringLiteral("r1") << QStringLiteral("post") << true;
    QTest::newRow("A_2 on P_2 fails")
        << QStringLiteral("r2") << QStringLiteral("r2") << QStringLiteral("pre") << false;
}

void TestCli::compatFailsOnRequiredCell()
{
    QFETCH(QString, app);
    QFETCH(QString, release);
    QFETCH(QString, phase);
    QFETCH(bool, ok);

    const QString plan = dataPath(QStringLiteral("cli-insert-not-null.tideline.json"));
    const CliResult r = runCli({QStringLiteral("compat"), plan, QStringLiteral("--json")});
    QVERIFY2(r.finished && r.exitCode == 1, r.describe());
    QVERIFY2(r.err.isEmpty(), r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    why = checkCompatShape(root, releaseIds(plan));
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(root.value(QStringLiteral("ok")), QJsonValue(false));

    const QJsonObject cell = findCell(root, app, release, phase);
    QVERIFY2(!cell.isEmpty(), r.out);
    QCOMPARE(cell.value(QStringLiteral("required")), QJsonValue(true));
    QCOMPARE(cell.value(QStringLiteral("ok")), QJsonValue(ok));
    QCOMPARE(hasFailure(cell,
                        QStringLiteral("insert-not-null"),
                        QStringLiteral("customer.first_name")),
             !ok);

    const CliResult text = runCli({QStringLiteral("compat"), plan});
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
        << dataPath(QStringLiteral("cli-rollback-cell.tideline.json")) << true << 1;
    QTest::newRow("not rollback-safe: A_1 on S_2 fails but is not required")
        << dataPath(QStringLiteral("cli-rollback-cell-not-safe.tideline.json")) << false << 0;
    QTest::newRow("rollback-safe example: every cell required")
        << examplePath(QStringLiteral("customer-full-name.tideline.json")) << true << 0;
}

void TestCli::compatRequiresRollbackCellsOnlyWhenRollbackSafe()
{
    QFETCH(QString, plan);
    QFETCH(bool, rollbackSafe);
    QFETCH(int, exitCode);

    const CliResult r = runCli({QStringLiteral("compat"), plan, QStringLiteral("--json")});
    QVERIFY2(r.finished && r.exitCode == exitCode, r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QStringList ids = releaseIds(plan);
    why = checkCompatShape(root, ids);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(root.value(QStringLiteral("ok")).toBool(), exitCode == 0);

    int rollbackCells = 0;
    for (const QJsonValue &value : root.value(QStringLiteral("cells")).toArray()) {
        const QJsonObject cell = value.toObject();
        const int k = ids.indexOf(cell.value(QStringLiteral("release")).toString());
        const QString previous = k == 0 ? QStringLiteral("baseline") : ids.at(k - 1);
        const bool isRollbackCell = cell.value(QStringLiteral("app")).toString() == previous
                                    && cell.value(QStringLiteral("phase")).toString()
                                           == QStringLiteral("post");
        rollbackCells += isRollbackCell ? 1 : 0;
        const QByteArray context = QJsonDocument(cell).toJson(QJsonDocument::Compact);
        QVERIFY2(cell.value(QStringLiteral("required")).toBool()
                     == (!isRollbackCell || rollbackSafe),
                 context);
    }
    QCOMPARE(rollbackCells, ids.size());

    if (plan.contains(QStringLiteral("cli-rollback-cell"))) {
        const QJsonObject cell
            = findCell(root, QStringLiteral("r1"), QStringLiteral("r2"), QStringLiteral("post"));
        QCOMPARE(cell.value(QStringLiteral("ok")), QJsonValue(false));
        QVERIFY(
            hasFailure(cell, QStringLiteral("missing-object"), QStringLiteral("customer.email")));
    }
}

void TestCli::schemaShape_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("release");
    QTest::addColumn<QString>("phase"); // as passed; empty: the default
    QTest::addColumn<QString>("expectedPhase");
    QTest::addColumn<QStringList>("tables");

    const QString customer = examplePath(QStringLiteral("customer-full-name.tideline.json"));
    const QString posts = examplePath(QStringLiteral("posts-authors.tideline.json"));
    QTest::newRow("customer baseline is S_0")
        << customer << QStringLiteral("baseline") << QString() << QStringLiteral("post")
        << QStringList{QStringLiteral("customer")};
    QTest::newRow("customer P_1") << customer << QStringLiteral("r1") << QStringLiteral("pre")
                                  << QStringLiteral("pre")
                                  << QStringList{QStringLiteral("customer")};
    QTest::newRow("customer S_4, phase by default post")
        << customer << QStringLiteral("r4") << QString() << QStringLiteral("post")
        << QStringList{QStringLiteral("customer")};
    QTest::newRow("posts S_0") << posts << QStringLiteral("baseline") << QString()
                               << QStringLiteral("post") << QStringList{QStringLiteral("posts")};
    QTest::newRow("posts P_1 has the new authors table")
        << posts << QStringLiteral("r1") << QStringLiteral("pre") << QStringLiteral("pre")
        << QStringList{QStringLiteral("authors"), QStringLiteral("posts")};
}

void TestCli::schemaShape()
{
    QFETCH(QString, plan);
    QFETCH(QString, release);
    QFETCH(QString, phase);
    QFETCH(QString, expectedPhase);
    QFETCH(QStringList, tables);

    QStringList arguments{QStringLiteral("schema"),
                          plan,
                          QStringLiteral("--release"),
                          release,
                          QStringLiteral("--json")};
    if (!phase.isEmpty())
        arguments << QStringLiteral("--phase") << phase;
    const CliResult r = runCli(arguments);
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    // {"release", "phase", "tables": [{"name", "columns": [{"name", "type", "nullable",
    // "default"}], "indexes", "constraints"}]}; fields may grow (views, primaryKey, identity).
    const QSet<QString> keys = keysOf(root);
    QVERIFY2(keys.contains(QSet<QString>{QStringLiteral("release"),
                                         QStringLiteral("phase"),
                                         QStringLiteral("tables")}),
             r.out);
    QCOMPARE(root.value(QStringLiteral("release")).toString(), release);
    QCOMPARE(root.value(QStringLiteral("phase")).toString(), expectedPhase);
    QVERIFY(root.value(QStringLiteral("tables")).isArray());
    QStringList names;
    for (const QJsonValue &tableValue : root.value(QStringLiteral("tables")).toArray()) {
        QVERIFY(tableValue.isObject());
        const QJsonObject table = tableValue.toObject();
        QVERIFY2(keysOf(table).contains(QSet<QString>{QStringLiteral("name"),
                                                      QStringLiteral("columns"),
                                                      QStringLiteral("indexes"),
                                                      QStringLiteral("constraints")}),
                 qPrintable(joinSorted(keysOf(table))));
        QVERIFY(table.value(QStringLiteral("name")).isString());
        QVERIFY(table.value(QStringLiteral("columns")).isArray());
        QVERIFY(table.value(QStringLiteral("indexes")).isArray());
        QVERIFY(table.value(QStringLiteral("constraints")).isArray());
        names << table.value(QStringLiteral("name")).toString();
        QVERIFY(!table.value(QStringLiteral("columns")).toArray().isEmpty());
        for (const QJsonValue &columnValue : table.value(QStringLiteral("columns")).toArray()) {
            const QJsonObject column = columnValue.toObject();
            why = checkKeys(column,
                            {QStringLiteral("name"),
                             QStringLiteral("type"),
                             QStringLiteral("nullable"),
                             QStringLiteral("default")},
                            names.last() + QStringLiteral(".columns"),
                            {QStringLiteral("identity"), QStringLiteral("generated"),
                             QStringLiteral("identityKind"), QStringLiteral("sequence"),
                             QStringLiteral("generatedExpression"), QStringLiteral("stored"),
                             QStringLiteral("collation"), QStringLiteral("charset"),
                             QStringLiteral("comment")});
            QVERIFY2(why.isEmpty(), qPrintable(why));
            QVERIFY(column.value(QStringLiteral("name")).isString());
            QVERIFY(column.value(QStringLiteral("type")).isString());
            QVERIFY(column.value(QStringLiteral("nullable")).isBool());
            QVERIFY(column.value(QStringLiteral("default")).isString()
                    || column.value(QStringLiteral("default")).isNull());
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

    QTest::newRow("S_0 has first_name NOT NULL")
        << QStringLiteral("baseline") << QStringLiteral("post") << QStringLiteral("first_name")
        << true << false;
    QTest::newRow("S_0 lacks full_name") << QStringLiteral("baseline") << QStringLiteral("post")
                                         << QStringLiteral("full_name") << false << false;
    QTest::newRow("P_1 has full_name, nullable") << QStringLiteral("r1") << QStringLiteral("pre")
                                                 << QStringLiteral("full_name") << true << true;
    QTest::newRow("P_1 relaxes first_name") << QStringLiteral("r1") << QStringLiteral("pre")
                                            << QStringLiteral("first_name") << true << true;
    QTest::newRow("S_2 full_name still nullable") << QStringLiteral("r2") << QStringLiteral("post")
                                                  << QStringLiteral("full_name") << true << true;
    QTest::newRow("P_3 full_name NOT NULL") << QStringLiteral("r3") << QStringLiteral("pre")
                                            << QStringLiteral("full_name") << true << false;
    QTest::newRow("S_3 keeps first_name (contract moved)")
        << QStringLiteral("r3") << QStringLiteral("post") << QStringLiteral("first_name") << true
        << true;
    QTest::newRow("P_4 keeps first_name") << QStringLiteral("r4") << QStringLiteral("pre")
                                          << QStringLiteral("first_name") << true << true;
    QTest::newRow("S_4 lacks first_name") << QStringLiteral("r4") << QStringLiteral("post")
                                          << QStringLiteral("first_name") << false << false;
    QTest::newRow("S_4 lacks last_name") << QStringLiteral("r4") << QStringLiteral("post")
                                         << QStringLiteral("last_name") << false << false;
    QTest::newRow("S_4 has full_name NOT NULL") << QStringLiteral("r4") << QStringLiteral("post")
                                                << QStringLiteral("full_name") << true << false;
}

void TestCli::schemaColumns()
{
    QFETCH(QString, release);
    QFETCH(QString, phase);
    QFETCH(QString, column);
    QFETCH(bool, present);
    QFETCH(bool, nullable);

    const CliResult r = runCli({QStringLiteral("schema"),
                                examplePath(QStringLiteral("customer-full-name.tideline.json")),
                                QStringLiteral("--release"),
                                release,
                                QStringLiteral("--phase"),
                                phase,
                                QStringLiteral("--json")});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QJsonObject customer = findByName(root.value(QStringLiteral("tables")).toArray(),
                                            QStringLiteral("customer"));
    QVERIFY2(!customer.isEmpty(), r.out);
    const QJsonObject c = findByName(customer.value(QStringLiteral("columns")).toArray(), column);
    QCOMPARE(!c.isEmpty(), present);
    if (present)
        QCOMPARE(c.value(QStringLiteral("nullable")).toBool(), nullable);
}

void TestCli::pendingContracts_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QByteArray>("expected"); // the whole document

    QTest::newRow("customer: merge expanded in deployed r1, contract moved to r4")
        << examplePath(QStringLiteral("customer-full-name.tideline.json"))
        << QByteArray(R"({"pending": [{"refactoring": "full-name", "kind": "merge_columns",
                          "expand": "r1", "contract": "r4", "age": 0, "status": "scheduled"}]})");
    QTest::newRow("posts: nothing deployed, nothing pending")
        << examplePath(QStringLiteral("posts-authors.tideline.json"))
        << QByteArray(R"({"pending": []})");
    QTest::newRow("contract beyond the last release is unscheduled")
        << dataPath(QStringLiteral("cli-pending-unscheduled.tideline.json"))
        << QByteArray(R"({"pending": [{"refactoring": "full-name", "kind": "merge_columns",
                          "expand": "r2", "contract": null, "age": 1, "status": "unscheduled"}]})");
}

void TestCli::pendingContracts()
{
    QFETCH(QString, plan);
    QFETCH(QByteArray, expected);

    const CliResult r = runCli({QStringLiteral("pending"), plan, QStringLiteral("--json")});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QString why;
    const QJsonObject actual = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(actual, QJsonDocument::fromJson(expected).object());

    const CliResult text = runCli({QStringLiteral("pending"), plan});
    QVERIFY2(text.finished && text.exitCode == 0, text.describe());
}

// .json -> .tideline -> .json gives the canonical JSON (what convert writes from the original),
// a second trip gives the same bytes again, and both files evaluate to the same outputs.
void TestCli::convertRoundTripIsCanonical_data()
{
    QTest::addColumn<QString>("plan");
    QTest::newRow("customer full name (baseline as SQL)")
        << examplePath(QStringLiteral("customer-full-name.tideline.json"));
    QTest::newRow("posts and authors")
        << examplePath(QStringLiteral("posts-authors.tideline.json"));
    QTest::newRow("usage edits and baseline as tables")
        << dataPath(QStringLiteral("cli-rollback-cell-not-safe.tideline.json"));
}

void TestCli::convertRoundTripIsCanonical()
{
    QFETCH(QString, plan);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString canonical = dir.filePath(QStringLiteral("canonical.tideline.json"));
    const QString first = dir.filePath(QStringLiteral("first.tideline"));
    const QString firstJson = dir.filePath(QStringLiteral("first.tideline.json"));
    const QString second = dir.filePath(QStringLiteral("second.tideline"));
    const QString secondJson = dir.filePath(QStringLiteral("second.tideline.json"));
    for (const auto &[in, out] : {std::pair{plan, canonical},
                                  std::pair{plan, first},
                                  std::pair{first, firstJson},
                                  std::pair{firstJson, second},
                                  std::pair{second, secondJson}}) {
        const CliResult r = runCli({QStringLiteral("convert"), in, out});
        QVERIFY2(r.finished && r.exitCode == 0, r.describe());
        QVERIFY2(QFileInfo::exists(out), qPrintable(out));
    }
    const QByteArray canonicalBytes = readFile(canonical);
    QVERIFY(!canonicalBytes.isEmpty());
    QCOMPARE(readFile(firstJson), canonicalBytes);
    QCOMPARE(readFile(secondJson), canonicalBytes);

    const QList<QStringList> commands{{QStringLiteral("compat"), QStringLiteral("--json")},
                                      {QStringLiteral("pending"), QStringLiteral("--json")},
                                      {QStringLiteral("schema"),
                                       QStringLiteral("--release"),
                                       releaseIds(plan).constLast(),
                                       QStringLiteral("--phase"),
                                       QStringLiteral("pre"),
                                       QStringLiteral("--json")}};
    for (const QStringList &command : commands) {
        const CliResult fromJson = runCli(QStringList{command.first(), plan} + command.mid(1));
        const CliResult fromSqlite = runCli(QStringList{command.first(), first} + command.mid(1));
        QVERIFY2(fromJson.finished && fromSqlite.finished,
                 fromJson.describe() + fromSqlite.describe());
        QCOMPARE(fromSqlite.exitCode, fromJson.exitCode);
        QVERIFY2(!fromJson.out.isEmpty(), fromJson.describe());
        QCOMPARE(fromSqlite.out, fromJson.out);
    }
}

void TestCli::convertForceReplaces()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("replaced.tideline.json"));
    // An older plan: --force replaces plan files only (tst_faults: anything else is kept).
    QVERIFY(QFile::copy(examplePath(QStringLiteral("posts-authors.tideline.json")), out));

    const CliResult r = runCli({QStringLiteral("convert"),
                                dataPath(QStringLiteral("cli-valid.tideline.json")),
                                out,
                                QStringLiteral("--force")});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    const CliResult check = runCli({QStringLiteral("validate"), out});
    QVERIFY2(check.finished && check.exitCode == 0, check.describe());
}

void TestCli::catalogListsTheKinds()
{
    const CliResult r = runCli({QStringLiteral("catalog"), QStringLiteral("--json")});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QStringList kinds;
    for (const QJsonValue &kind : root.value(QStringLiteral("kinds")).toArray())
        kinds << kind[QStringLiteral("kind")].toString();
    const QStringList expected{QStringLiteral("add_column"),
                               QStringLiteral("drop_column"),
                               QStringLiteral("rename_column"),
                               QStringLiteral("merge_columns"),
                               QStringLiteral("split_column"),
                               QStringLiteral("move_columns"),
                               QStringLiteral("change_type"),
                               QStringLiteral("set_not_null"),
                               QStringLiteral("add_index"),
                               QStringLiteral("drop_index"),
                               QStringLiteral("rename_index"),
                               QStringLiteral("add_unique"),
                               QStringLiteral("add_check"),
                               QStringLiteral("add_foreign_key"),
                               QStringLiteral("add_primary_key"),
                               QStringLiteral("drop_constraint"),
                               QStringLiteral("rename_constraint"),
                               QStringLiteral("make_nullable"),
                               QStringLiteral("set_default"),
                               QStringLiteral("drop_default"),
                               QStringLiteral("set_comment"),
                               QStringLiteral("create_enum"),
                               QStringLiteral("add_enum_value"),
                               QStringLiteral("add_procedure_parameter"),
                               QStringLiteral("raw_sql"),
                               QStringLiteral("create_table"),
                               QStringLiteral("drop_table"),
                               QStringLiteral("rename_table"),
                               QStringLiteral("create_view"),
                               QStringLiteral("replace_view"),
                               QStringLiteral("set_table_options")};
    QCOMPARE(kinds, expected);
}

void TestCli::catalogParameters_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("params");

    QTest::newRow("add_column") << QStringLiteral("add_column")
                                << QStringList{QStringLiteral("table"),
                                               QStringLiteral("column"),
                                               QStringLiteral("type"),
                                               QStringLiteral("nullable"),
                                               QStringLiteral("default"),
                                               QStringLiteral("backfill")};
    QTest::newRow("drop_column") << QStringLiteral("drop_column")
                                 << QStringList{QStringLiteral("table"), QStringLiteral("column")};
    QTest::newRow("rename_column")
        << QStringLiteral("rename_column")
        << QStringList{QStringLiteral("table"), QStringLiteral("column"), QStringLiteral("to")};
    QTest::newRow("merge_columns") << QStringLiteral("merge_columns")
                                   << QStringList{QStringLiteral("table"),
                                                  QStringLiteral("columns"),
                                                  QStringLiteral("into"),
                                                  QStringLiteral("type"),
                                                  QStringLiteral("expression")};
    QTest::newRow("split_column") << QStringLiteral("split_column")
                                  << QStringList{QStringLiteral("table"),
                                                 QStringLiteral("column"),
                                                 QStringLiteral("into")};
    QTest::newRow("move_columns") << QStringLiteral("move_columns")
                                  << QStringList{QStringLiteral("table"),
                                                 QStringLiteral("columns"),
                                                 QStringLiteral("toTable"),
                                                 QStringLiteral("rename"),
                                                 QStringLiteral("key")};
    QTest::newRow("change_type") << QStringLiteral("change_type")
                                 << QStringList{QStringLiteral("table"),
                                                QStringLiteral("column"),
                                                QStringLiteral("type"),
                                                QStringLiteral("expression"),
                                                QStringLiteral("default")};
    QTest::newRow("set_not_null") << QStringLiteral("set_not_null")
                                  << QStringList{QStringLiteral("table"),
                                                 QStringLiteral("column"),
                                                 QStringLiteral("backfill")};
}

void TestCli::catalogParameters()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, params);

    const CliResult r = runCli({QStringLiteral("catalog"), QStringLiteral("--json")});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    QString why;
    const QJsonObject root = parseObject(r.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QJsonObject spec;
    for (const QJsonValue &k : root.value(QStringLiteral("kinds")).toArray()) {
        if (k[QStringLiteral("kind")].toString() == kind)
            spec = k.toObject();
    }
    QVERIFY2(!spec.isEmpty(), qPrintable(kind));
    QStringList names;
    for (const QJsonValue &p : spec.value(QStringLiteral("params")).toArray())
        names << p[QStringLiteral("name")].toString();
    QCOMPARE(names, params);
}

// docs/catalog.md is generated by `tideline-cli catalog --markdown`; this keeps it current.
void TestCli::catalogMarkdownMatchesDocs()
{
    const CliResult r = runCli({QStringLiteral("catalog"), QStringLiteral("--markdown")});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    const QString docs
        = QDir(QStringLiteral(TIDELINE_SOURCE_DIR)).filePath(QStringLiteral("docs/catalog.md"));
    QVERIFY2(QFileInfo::exists(docs), qPrintable(docs));
    QVERIFY2(readFile(docs) == r.out,
             qPrintable(QStringLiteral("%1 is stale; regenerate it with: tideline-cli catalog "
                                       "--markdown > docs/catalog.md")
                            .arg(docs)));
}

// The text listing names each parameter's type, for every kind the catalog has.
void TestCli::catalogTextNamesParameterTypes()
{
    const CliResult r = runCli({QStringLiteral("catalog")});
    QVERIFY2(r.finished && r.exitCode == 0, r.describe());
    const QString out = QString::fromUtf8(r.out);
    const QStringList lines = out.split(QLatin1Char('\n'));
    using namespace Tideline;
    for (const KindSpec &kind : Catalog::kinds()) {
        const qsizetype title = lines.indexOf(QStringLiteral("%1 — %2").arg(kind.name, kind.title));
        QVERIFY2(title >= 0 && title + 1 < lines.size(), qPrintable(kind.name));
        QStringList params;
        for (const ParamSpec &p : kind.params)
            params << QStringLiteral("%1%2 (%3)").arg(p.name, p.required ? QString() : QStringLiteral("?"),
                                                      paramTypeName(p.type));
        QCOMPARE(lines.at(title + 1), QStringLiteral("  params: ") + params.join(QStringLiteral(", ")));
    }
    QVERIFY2(out.contains(QStringLiteral("  params: table (table), column (new column), type (type), nullable? (bool)")),
             qPrintable(out.left(400)));
}

void TestCli::exportWritesABundle_data()
{
    QTest::addColumn<QString>("release");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("expectedFile");
    QTest::newRow("r1 postgresql folders") << "r1" << "postgresql" << "folders" << "pre/001-full-name-expand.sql";
    QTest::newRow("r1 sqlite folders") << "r1" << "sqlite" << "folders" << "manifest.json";
    QTest::newRow("baseline mysql") << "baseline" << "mysql" << "folders" << "manifest.json";
    QTest::newRow("r4 sqlserver flyway") << "r4" << "sqlserver" << "flyway" << "FLYWAY.md";
    QTest::newRow("r1 postgresql liquibase") << "r1" << "postgresql" << "liquibase" << "changelog.sql";
    QTest::newRow("r1 postgresql sqitch") << "r1" << "postgresql" << "sqitch" << "sqitch.plan";
}

void TestCli::exportWritesABundle()
{
    QFETCH(QString, release);
    QFETCH(QString, dialect);
    QFETCH(QString, layout);
    QFETCH(QString, expectedFile);
    const QString plan = QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath("customer-full-name.tideline.json");
    const QString out = tempPath("export-" + release + dialect + layout);
    const CliResult result = runCli({"export", plan, "--release", release, "--dialect", dialect,
                                     "--layout", layout, "--out", out});
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
    QVERIFY2(QFile::exists(QDir(out).filePath(expectedFile)), qPrintable(expectedFile));
    QFile manifest(QDir(out).filePath("manifest.json"));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    const QJsonObject m = QJsonDocument::fromJson(manifest.readAll()).object();
    QCOMPARE(m.value("release").toString(), release);
    QCOMPARE(m.value("dialect").toString(), dialect);
    QVERIFY(!m.value("files").toArray().isEmpty());

    // The same plan gives the same bytes; an existing folder needs --force.
    const CliResult again = runCli({"export", plan, "--release", release, "--dialect", dialect,
                                    "--layout", layout, "--out", out});
    QCOMPARE(again.exitCode, 2);
    QVERIFY(again.err.contains("--force"));
    const QString second = out + "-again";
    QCOMPARE(runCli({"export", plan, "--release", release, "--dialect", dialect, "--layout", layout,
                     "--out", second}).exitCode, 0);
    QFile other(QDir(second).filePath("manifest.json"));
    QVERIFY(other.open(QIODevice::ReadOnly));
    manifest.seek(0);
    QCOMPARE(other.readAll(), manifest.readAll());
}

void TestCli::exportRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString plan = QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath("customer-full-name.tideline.json");
    QTest::newRow("unknown release") << QStringList{"export", plan, "--release", "r9", "--out", "OUT"} << "'r9'";
    QTest::newRow("unknown dialect") << QStringList{"export", plan, "--release", "r1", "--dialect", "oracle", "--out", "OUT"}
                                     << "unknown dialect 'oracle'";
    QTest::newRow("unknown layout") << QStringList{"export", plan, "--release", "r1", "--layout", "zip", "--out", "OUT"}
                                    << "unknown layout 'zip'";
    QTest::newRow("no --out") << QStringList{"export", plan, "--release", "r1"} << "--out DIR";
    QTest::newRow("broken plan") << QStringList{"export", dataPath("cli-broken-json.tideline.json"), "--release", "r1", "--out", "OUT"}
                                 << "cli-broken-json.tideline.json";
    QTest::newRow("unknown release in a range") << QStringList{"export", plan, "--release", "r2..r9", "--out", "OUT"}
                                                << "unknown or cancelled release 'r9' in the range 'r2..r9'";
    QTest::newRow("reversed range") << QStringList{"export", plan, "--release", "r3..r1", "--out", "OUT"}
                                    << "the range 'r3..r1' is reversed: r3 comes after r1 in the plan (write r1..r3)";
    QTest::newRow("open range") << QStringList{"export", plan, "--release", "r2..", "--out", "OUT"}
                                << "'r2..' is not a range of releases";
}

void TestCli::exportRefusesBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const QString out = tempPath("refused-export");
    arguments.replaceInStrings(QRegularExpression("^OUT$"), out);
    const CliResult result = runCli(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(QString::fromUtf8(result.err).contains(message), result.describe().constData());
    QVERIFY(!QFileInfo::exists(out));
}

namespace {

/** Every file below @p root, by path relative to it, with its bytes. */
QMap<QString, QByteArray> filesBelow(const QString &root)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            files.insert(QDir(root).relativeFilePath(file.fileName()), file.readAll());
    }
    return files;
}

} // namespace

void TestCli::exportManyReleasesInOneRun_data()
{
    QTest::addColumn<QString>("releases");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QStringList>("expected");
    const QStringList all{"r1", "r2", "r3", "r4"};
    QTest::newRow("all postgresql folders") << "all" << "postgresql" << "folders" << all;
    QTest::newRow("all sqlserver flyway") << "all" << "sqlserver" << "flyway" << all;
    QTest::newRow("range sqlite sqitch") << "r2..r3" << "sqlite" << "sqitch" << QStringList{"r2", "r3"};
    QTest::newRow("range of one release") << "r4..r4" << "mysql" << "liquibase" << QStringList{"r4"};
    QTest::newRow("range from the baseline") << "baseline..r1" << "postgresql" << "folders"
                                             << QStringList{"baseline", "r1"};
}

void TestCli::exportManyReleasesInOneRun()
{
    QFETCH(QString, releases);
    QFETCH(QString, dialect);
    QFETCH(QString, layout);
    QFETCH(QStringList, expected);
    const QString plan = QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath("customer-full-name.tideline.json");
    const QString out = tempPath("export-many-" + QString(QTest::currentDataTag()).replace(' ', '-'));
    const CliResult result = runCli({"export", plan, "--release", releases, "--dialect", dialect,
                                     "--layout", layout, "--out", out});
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
    QVERIFY2(result.out.contains(QString("of %1 releases (%2..%3, one folder each)")
                                     .arg(expected.size())
                                     .arg(expected.first(), expected.last())
                                     .toUtf8()),
             result.describe().constData());
    // One folder a release, nothing else, and in each exactly the bytes of a single-release export.
    QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), expected);
    for (const QString &release : std::as_const(expected)) {
        const QString single = out + "-single-" + release;
        const CliResult one = runCli({"export", plan, "--release", release, "--dialect", dialect,
                                      "--layout", layout, "--out", single});
        QVERIFY2(one.finished && one.exitCode == 0, one.describe().constData());
        const QMap<QString, QByteArray> want = filesBelow(single), got = filesBelow(QDir(out).filePath(release));
        QVERIFY(!want.isEmpty());
        QCOMPARE(got.keys(), want.keys());
        for (auto it = want.cbegin(); it != want.cend(); ++it)
            QVERIFY2(got.value(it.key()) == it.value(), qPrintable(release + '/' + it.key()));
    }

    // An existing folder needs --force, and is then replaced whole; no staging folder is left.
    const CliResult again = runCli({"export", plan, "--release", releases, "--dialect", dialect,
                                    "--layout", layout, "--out", out});
    QCOMPARE(again.exitCode, 2);
    QVERIFY2(again.err.contains("--force"), again.describe().constData());
    // A file that is not ours keeps the folder from being replaced (tst_faults has the rest).
    QFile stray(QDir(out).filePath("stray.txt"));
    QVERIFY(stray.open(QIODevice::WriteOnly));
    stray.close();
    const CliResult refused = runCli({"export", plan, "--release", releases, "--dialect", dialect,
                                      "--layout", layout, "--out", out, "--force"});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains("stray.txt") && stray.exists(), refused.describe().constData());
    QVERIFY(stray.remove());
    const CliResult forced = runCli({"export", plan, "--release", releases, "--dialect", dialect,
                                     "--layout", layout, "--out", out, "--force"});
    QVERIFY2(forced.finished && forced.exitCode == 0, forced.describe().constData());
    QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), expected);
    // No staging folder (DIR.tideline-partial-PID) is left beside the target.
    const QFileInfo target(out);
    QCOMPARE(target.dir().entryList({target.fileName() + ".tideline-partial*"}, QDir::AllEntries | QDir::Hidden),
             QStringList());
}

using Files = QMap<QString, QByteArray>; // path in a folder -> bytes

void TestCli::exportIntoAFolderOfOthers_data()
{
    QTest::addColumn<QString>("releases");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QStringList>("expected"); // releases that get a manifest
    QTest::addColumn<Files>("theirs");
    QMap<QString, QByteArray> flyway{{"README.md", "# migrations\n"}};
    for (int v = 1; v <= 56; ++v)
        flyway.insert(QString("V%1__theirs_%1.sql").arg(v), QString("SELECT %1;\n").arg(v).toUtf8());
    const QMap<QString, QByteArray> sqitch{
        {"sqitch.plan", "%syntax-version=1.0.0\n%project=shop\n\nusers 2026-01-01T00:00:00Z Ann <ann@x> # users\n"},
        {"sqitch.conf", "[core]\n\tengine = pg\n"},
        {"deploy/users.sql", "CREATE TABLE users (id int);\n"},
        {"revert/users.sql", "DROP TABLE users;\n"},
        {"verify/users.sql", "SELECT id FROM users WHERE false;\n"}};
    const QMap<QString, QByteArray> folders{{"pre/000-theirs.sql", "SELECT 0;\n"}, {"NOTES.txt", "ours, not Tideline's\n"}};
    QTest::newRow("flyway all sqlite") << "all" << "sqlite" << "flyway" << QStringList{"r1", "r2", "r3", "r4"} << flyway;
    QTest::newRow("sqitch range postgresql") << "r1..r2" << "postgresql" << "sqitch" << QStringList{"r1", "r2"} << sqitch;
    QTest::newRow("folders r1 mysql") << "r1" << "mysql" << "folders" << QStringList{"r1"} << folders;
    QTest::newRow("liquibase all sqlserver") << "all" << "sqlserver" << "liquibase" << QStringList{"r1", "r2", "r3", "r4"}
                                             << folders;
}

void TestCli::plantedManifestOwnsNothingOutside()
{
    // A manifest is a file in a shared folder that anyone may have written. One that names a
    // file outside the folder (with that file's real sha256) must not make it ours to delete,
    // and one with an empty hash must not make an unreadable or foreign file ours to overwrite.
    const QString plan = examplePath("customer-full-name.tideline.json");
    const QString root = tempPath("planted");
    const QString repo = root + "/db/migration";
    QVERIFY(QDir().mkpath(repo));
    const QByteArray readme = "# our project\nkeep me\n";
    QFile outside(root + "/README.md");
    QVERIFY(outside.open(QIODevice::WriteOnly));
    outside.write(readme);
    outside.close();
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(readme, QCryptographicHash::Sha256).toHex());
    // What a first export of r2 writes, so the planted manifest below looks like an earlier one of ours.
    const QStringList exportArgs{"export", plan, "--release", "r2", "--dialect", "postgresql", "--layout", "flyway"};
    CliResult result = runCli(exportArgs + QStringList{"--into", repo});
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
    const QString manifestPath = repo + "/tideline-r2-manifest.json";
    QFile manifestFile(manifestPath);
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    manifestFile.close();
    QJsonObject written = manifest.value("written").toObject();
    QVERIFY(!written.isEmpty());
    written.insert("../../README.md", sha);
    written.insert(root + "/README.md", sha);
    written.insert("V1__theirs.sql", QString());
    manifest.insert("written", written);
    QVERIFY(manifestFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
    manifestFile.write(QJsonDocument(manifest).toJson());
    manifestFile.close();
    const QByteArray theirs = "-- theirs\nSELECT 1;\n";
    QFile foreign(repo + "/V1__theirs.sql");
    QVERIFY(foreign.open(QIODevice::WriteOnly));
    foreign.write(theirs);
    foreign.close();

    // Re-export: the claimed outside file is not "stale" (not deleted) and stays as it was.
    result = runCli(exportArgs + QStringList{"--into", repo});
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
    QVERIFY(QFile::exists(root + "/README.md"));
    QVERIFY(outside.open(QIODevice::ReadOnly));
    QCOMPARE(outside.readAll(), readme);
    outside.close();
    QVERIFY(foreign.open(QIODevice::ReadOnly));
    QCOMPARE(foreign.readAll(), theirs);
}

void TestCli::exportIntoAFolderOfOthers()
{
    QFETCH(QString, releases);
    QFETCH(QString, dialect);
    QFETCH(QString, layout);
    QFETCH(QStringList, expected);
    QFETCH(Files, theirs);
    const QString plan = examplePath("customer-full-name.tideline.json");
    const QString tag = QString(QTest::currentDataTag()).replace(' ', '-');
    const auto fill = [&](const QString &folder) {
        for (auto it = theirs.cbegin(); it != theirs.cend(); ++it) {
            QVERIFY(QDir().mkpath(QFileInfo(QDir(folder).filePath(it.key())).path()));
            QFile file(QDir(folder).filePath(it.key()));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(it.value());
        }
    };
    const QString repo = tempPath("into-" + tag);
    fill(repo);
    const QStringList exportArgs{"export", plan, "--release", releases, "--dialect", dialect, "--layout", layout};
    const CliResult result = runCli(exportArgs + QStringList{"--into", repo});
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());

    // Theirs byte for byte (a sqitch project's plan: theirs, then our changes after it).
    const QMap<QString, QByteArray> after = filesBelow(repo);
    for (auto it = theirs.cbegin(); it != theirs.cend(); ++it) {
        if (it.key() == "sqitch.plan")
            QVERIFY2(after.value(it.key()).startsWith(it.value()), after.value(it.key()).constData());
        else
            QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key()));
    }
    // Ours: one manifest a release, listing every file it wrote with the sha256 read back from disk.
    QStringList manifests = QDir(repo).entryList({"tideline-*-manifest.json"}, QDir::Files);
    QStringList wanted;
    for (const QString &release : std::as_const(expected))
        wanted << "tideline-" + release + "-manifest.json";
    std::sort(wanted.begin(), wanted.end());
    QCOMPARE(manifests, wanted);
    QStringList scripts, confs;
    for (const QString &name : std::as_const(manifests)) {
        const QJsonObject manifest = QJsonDocument::fromJson(after.value(name)).object();
        QCOMPARE(manifest.value("dialect").toString(), dialect);
        const QJsonObject written = manifest.value("written").toObject();
        QVERIFY2(!written.isEmpty(), qPrintable(name));
        for (auto it = written.constBegin(); it != written.constEnd(); ++it) {
            QVERIFY2(after.contains(it.key()), qPrintable(name + ": " + it.key()));
            if (it.key() == "sqitch.plan" || it.key() == "sqitch.conf")
                continue; // the last release's plan holds every change; the project's conf stays theirs
            QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(after.value(it.key()), QCryptographicHash::Sha256).toHex()),
                     it.value().toString());
            if (it.key().endsWith(".sql"))
                scripts << it.key();
            else if (it.key().endsWith(".conf"))
                confs << it.key();
        }
    }
    QVERIFY(!scripts.isEmpty());
    if (layout == "flyway") { // the history goes on after theirs: V57 and up
        for (const QString &script : std::as_const(scripts))
            QVERIFY2(QStringView(script).mid(1, script.indexOf('_') - 1).toInt() >= 57, qPrintable(script));
    }
    if (layout == "sqitch") { // our first change requires their last one
        QVERIFY2(after.value("sqitch.plan").contains(" [users] "), after.value("sqitch.plan").constData());
        QCOMPARE(after.value("sqitch.conf"), theirs.value("sqitch.conf"));
    }
    // Exporting again replaces ours, and only ours: the folder holds the same files (a sqitch
    // project's plan too: our changes there are ours, not a second plan of the same change).
    const CliResult again = runCli(exportArgs + QStringList{"--into", repo});
    QVERIFY2(again.finished && again.exitCode == 0, again.describe().constData());
    QCOMPARE(filesBelow(repo), after);

    // A file of theirs with a name we write: refused, named, and nothing written.
    const QString clash = tempPath("into-clash-" + tag);
    fill(clash);
    // (Flyway's own V…__….sql of theirs would move our versions on: its .conf then.)
    const QString taken = layout == "flyway" ? confs.value(0) : scripts.first();
    QVERIFY(!taken.isEmpty());
    {
        QVERIFY(QDir().mkpath(QFileInfo(QDir(clash).filePath(taken)).path()));
        QFile file(QDir(clash).filePath(taken));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("-- theirs, by chance with our name\n");
    }
    const QMap<QString, QByteArray> before = filesBelow(clash);
    const CliResult refused = runCli(exportArgs + QStringList{"--into", clash});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(taken.toUtf8()) && refused.err.contains("nothing was written"),
             refused.describe().constData());
    QCOMPARE(filesBelow(clash), before);
    // A folder on the way that is a file of theirs: refused, named, nothing written.
    if (taken.contains('/')) {
        const QString blocked = tempPath("into-blocked-" + tag);
        fill(blocked);
        const QString folder = taken.left(taken.indexOf('/'));
        QDir(QDir(blocked).filePath(folder)).removeRecursively();
        QFile file(QDir(blocked).filePath(folder));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("a file, not a folder\n");
        file.close();
        const QMap<QString, QByteArray> was = filesBelow(blocked);
        const CliResult stopped = runCli(exportArgs + QStringList{"--into", blocked});
        QCOMPARE(stopped.exitCode, 2);
        QVERIFY2(stopped.err.contains(": " + folder.toUtf8() + " ") && stopped.err.contains("nothing was written"),
                 stopped.describe().constData());
        QCOMPARE(filesBelow(blocked), was);
    }
    // And --into with --out is a mistake, said so.
    const CliResult both = runCli(exportArgs + QStringList{"--into", clash, "--out", tempPath("into-both")});
    QCOMPARE(both.exitCode, 2);
    QVERIFY2(both.err.contains("not both"), both.describe().constData());
}

namespace {

/** sqitch in @p folder against @p target, without the user's or the system's configuration. */
CliResult runSqitch(const QString &folder, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SQITCH_USER_CONFIG", QDir(folder).filePath("../no-user.conf"));
    env.insert("SQITCH_SYSTEM_CONFIG", QDir(folder).filePath("../no-system.conf"));
    env.insert("SQITCH_FULLNAME", "Tideline tests");
    env.insert("SQITCH_EMAIL", "tests@tideline.invalid");
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(folder);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start("sqitch", arguments);
    CliResult result;
    result.finished = process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = process.readAll();
    return result;
}

void writeFiles(const QString &folder, const QMap<QString, QByteArray> &files)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        QVERIFY(QDir().mkpath(QFileInfo(QDir(folder).filePath(it.key())).path()));
        QFile file(QDir(folder).filePath(it.key()));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(it.value()), it.value().size());
    }
}

} // namespace

void TestCli::exportIntoASqitchProjectAgain()
{
    // A team's sqitch project (SQLite): their change "users", then r1 appended by an export.
    const QString plan = examplePath("customer-full-name.tideline.json");
    const QString repo = tempPath("sqitch-again/project");
    const QMap<QString, QByteArray> theirs{
        {"sqitch.plan", "%syntax-version=1.0.0\n%project=shop\n\nusers 2026-01-01T00:00:00Z Ann <ann@x> # users\n"},
        {"sqitch.conf", "[core]\n\tengine = sqlite\n"},
        {"deploy/users.sql", "CREATE TABLE users (id int);\n"},
        {"revert/users.sql", "DROP TABLE users;\n"},
        {"verify/users.sql", "SELECT id FROM users WHERE 0;\n"}};
    writeFiles(repo, theirs);
    const QStringList exportArgs{"export", plan, "--release", "r1", "--dialect", "sqlite", "--layout", "sqitch", "--into", repo};
    CliResult result = runCli(exportArgs);
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
    const QMap<QString, QByteArray> first = filesBelow(repo);
    const QJsonObject manifest = QJsonDocument::fromJson(first.value("tideline-r1-manifest.json")).object();
    QStringList changes;
    for (const QJsonValue &f : manifest.value("files").toArray())
        changes << f.toObject().value("change").toString();
    changes.removeAll(QString());
    QVERIFY(!changes.isEmpty());
    for (const QString &change : std::as_const(changes))
        QVERIFY2(first.value("sqitch.plan").contains("\n" + change.toUtf8() + " "), qPrintable(change));

    const bool sqitch = !QStandardPaths::findExecutable("sqitch").isEmpty();
    const QString database = tempPath("sqitch-again/shop.sqlite");
    if (sqitch) { // the baseline the plan starts from, then the project deployed
        result = runCli({"apply", plan, "--release", "baseline", "--dsn", "sqlite:" + database});
        QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
        const CliResult deployed = runSqitch(repo, {"deploy", "--verify", "db:sqlite:" + database});
        QVERIFY2(deployed.finished && deployed.exitCode == 0, deployed.out.constData());
    }

    // The same release again: recognised as ours, nothing changes, and sqitch still deploys.
    result = runCli(exportArgs);
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
    QCOMPARE(filesBelow(repo), first);
    result = runCli({"export", plan, "--release", "r1", "--dialect", "sqlite", "--layout", "sqitch",
                     "--sqitch-plan", repo + "/sqitch.plan", "--into", repo});
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
    QCOMPARE(filesBelow(repo), first);
    if (sqitch) {
        const CliResult deployed = runSqitch(repo, {"deploy", "--verify", "db:sqlite:" + database});
        QVERIFY2(deployed.finished && deployed.exitCode == 0, deployed.out.constData());
        const CliResult status = runSqitch(repo, {"status", "db:sqlite:" + database});
        QVERIFY2(status.out.contains("Nothing to deploy (up-to-date)"), status.out.constData());
    } else {
        qWarning("sqitch is not on PATH: the deploys are not run (./test.sh installs it)");
    }

    // A change of that name that is not ours: its script edited by hand since the export ...
    const QString edited = tempPath("sqitch-again/edited");
    writeFiles(edited, first);
    writeFiles(edited, {{"deploy/" + changes.first() + ".sql", "-- reviewed and changed by hand\n"}});
    const QMap<QString, QByteArray> before = filesBelow(edited);
    QStringList args = exportArgs;
    args.last() = edited;
    result = runCli(args);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("already has a change named " + changes.first().toUtf8()), result.describe().constData());
    QCOMPARE(filesBelow(edited), before);
    // ... or a plan with our change names and no manifest of ours: refused by name, too.
    const QString foreign = tempPath("sqitch-again/foreign");
    QMap<QString, QByteArray> copied = first;
    copied.remove("tideline-r1-manifest.json");
    writeFiles(foreign, copied);
    args.last() = foreign;
    result = runCli(args);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("already has a change named " + changes.first().toUtf8()), result.describe().constData());
}

void TestCli::exportThatStopsHalfWayKeepsOurFiles()
{
    // The example exported into a repository's Flyway folder; then the plan changes (other
    // timeouts: every script's text changes) and its export stops half way, as a crash would.
    const QString planA = examplePath("customer-full-name.tideline.json");
    QJsonObject root = QJsonDocument::fromJson([&] {
        QFile file(planA);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }()).object();
    QJsonObject policy = root.value("policy").toObject();
    policy.insert("lockTimeout", "3s");
    policy.insert("statementTimeout", "7s");
    root.insert("policy", policy);
    const QString planB = tempPath("half-way-b.tideline.json");
    {
        QFile file(planB);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(root).toJson());
    }
    const QString repo = tempPath("half-way/db/migration");
    writeFiles(repo, {{"V1__init.sql", "CREATE TABLE flyway_owned (id int);\n"}});
    const auto exportArgs = [&](const QString &plan) {
        return QStringList{"export", plan, "--release", "r1", "--dialect", "postgresql", "--layout", "flyway", "--into", repo};
    };
    CliResult result = runCli(exportArgs(planA));
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
    const auto written = [&] {
        QFile file(QDir(repo).filePath("tideline-r1-manifest.json"));
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    };
    const QJsonObject a = written().value("written").toObject();
    QVERIFY(a.size() > 3);

    QProcessEnvironment crash = QProcessEnvironment::systemEnvironment();
    crash.insert("TIDELINE_TEST_EXPORT_CRASH_AFTER", "2"); // the manifest and one script
    result = runCli(exportArgs(planB), crash);
    QVERIFY2(result.finished && result.exitCode == 86, result.describe().constData());
    // Half way: files of the old export there that the new one changes and had not replaced yet.
    const QMap<QString, QByteArray> halfWay = filesBelow(repo);
    const auto sha = [](const QByteArray &bytes) {
        return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    };
    int oldOnes = 0, newOnes = 0;
    for (auto it = a.constBegin(); it != a.constEnd(); ++it) {
        if (it.key().endsWith(".sql") && halfWay.contains(it.key()))
            (sha(halfWay.value(it.key())) == it.value().toString() ? oldOnes : newOnes)++;
    }
    QVERIFY2(oldOnes > 0 && newOnes > 0, qPrintable(QString("%1 old, %2 new").arg(oldOnes).arg(newOnes)));

    // The next export knows them all as ours, old and new, and finishes the job.
    result = runCli(exportArgs(planB));
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
    const QJsonObject manifest = written();
    QVERIFY(!manifest.contains("replacing")); // finished: only what is there now
    const QMap<QString, QByteArray> done = filesBelow(repo);
    const QJsonObject b = manifest.value("written").toObject();
    for (auto it = b.constBegin(); it != b.constEnd(); ++it)
        QCOMPARE(sha(done.value(it.key())), it.value().toString());
    QCOMPARE(done.value("V1__init.sql"), QByteArray("CREATE TABLE flyway_owned (id int);\n"));

    // Stopped half way again (back to the first plan), a file changed by hand meanwhile is
    // still not ours: refused by name, nothing written.
    result = runCli(exportArgs(planA), crash);
    QCOMPARE(result.exitCode, 86);
    QString script;
    for (auto it = b.constBegin(); it != b.constEnd() && script.isEmpty(); ++it) {
        if (it.key().endsWith(".sql"))
            script = it.key();
    }
    writeFiles(repo, {{script, "-- reviewed and changed by hand\n"}});
    const QMap<QString, QByteArray> before = filesBelow(repo);
    result = runCli(exportArgs(planA));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(script.toUtf8()) && result.err.contains("nothing was written"), result.describe().constData());
    QCOMPARE(filesBelow(repo), before);
}

void TestCli::applyRunsReleasesOnSqlite()
{
    // The customer example on a scratch SQLite database: S_0, then every release in order.
    const QString plan = QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath("customer-full-name.tideline.json");
    const QString dsn = "sqlite:" + tempPath("apply.sqlite");
    // Each release twice: its scripts are re-runnable, so the second run changes nothing and
    // fails nothing.
    for (const QString release : {"baseline", "r1", "r2", "r3", "r4"}) {
        for (int run = 0; run < 2; ++run) {
            const CliResult result = runCli({"apply", plan, "--release", release, "--dsn", dsn});
            QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
            QVERIFY2(result.out.contains(": applied") || result.out.contains("skipped (guard)"),
                     result.describe().constData());
        }
    }
    QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "apply-check");
    db.setDatabaseName(tempPath("apply.sqlite"));
    QVERIFY(db.open());
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT name FROM pragma_table_info('customer') ORDER BY cid"));
    QStringList columns;
    while (query.next())
        columns << query.value(0).toString();
    QVERIFY2(columns.contains("full_name") && !columns.contains("first_name"), qPrintable(columns.join(',')));
    QVERIFY(query.exec("SELECT COUNT(*) FROM tideline_applied"));
    QVERIFY(query.next() && query.value(0).toInt() > 0);
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase("apply-check");

    // An earlier release again after the later ones is harmless: r1's backfill finds its
    // source columns gone (r4's contract dropped them) and changes nothing.
    const auto columnsAndRows = [&] {
        QSqlDatabase check = QSqlDatabase::addDatabase("QSQLITE", "apply-replay");
        check.setDatabaseName(tempPath("apply.sqlite"));
        QStringList seen;
        if (check.open()) {
            QSqlQuery q(check);
            q.exec("SELECT group_concat(name, ',') FROM pragma_table_info('customer')");
            seen << (q.next() ? q.value(0).toString() : QString());
            q.exec("SELECT count(*), group_concat(coalesce(full_name, 'NULL'), '|') FROM customer");
            seen << (q.next() ? q.value(0).toString() + ":" + q.value(1).toString() : QString());
        }
        check.close();
        check = QSqlDatabase();
        QSqlDatabase::removeDatabase("apply-replay");
        return seen;
    };
    const QStringList before = columnsAndRows();
    const CliResult replay = runCli({"apply", plan, "--release", "r1", "--dsn", dsn});
    QVERIFY2(replay.finished && replay.exitCode == 0, replay.describe().constData());
    QCOMPARE(columnsAndRows(), before);

    // A failing script stops the run with the engine's message and exit 1: r1 on a database
    // whose customer table is gone.
    const QString broken = "sqlite:" + tempPath("apply-broken.sqlite");
    QCOMPARE(runCli({"apply", plan, "--release", "baseline", "--dsn", broken}).exitCode, 0);
    {
        QSqlDatabase drop = QSqlDatabase::addDatabase("QSQLITE", "apply-drop");
        drop.setDatabaseName(tempPath("apply-broken.sqlite"));
        QVERIFY(drop.open());
        QVERIFY(QSqlQuery(drop).exec("DROP TABLE customer"));
        drop.close();
    }
    QSqlDatabase::removeDatabase("apply-drop");
    const CliResult late = runCli({"apply", plan, "--release", "r1", "--dsn", broken});
    QCOMPARE(late.exitCode, 1);
    QVERIFY2(late.err.contains("customer"), late.describe().constData());
}

void TestCli::applyRefusesBadDsn()
{
    const QString plan = QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath("customer-full-name.tideline.json");
    for (const QString dsn : {"oracle://x@y/z", "postgresql://nobody@127.0.0.1:1/none", "sqlite:"}) {
        const CliResult result = runCli({"apply", plan, "--release", "r1", "--dsn", dsn});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("--dsn"), result.describe().constData());
    }
}

// ---------------------------------------------------------------------------------------------
// drift

void TestCli::driftFindsPlantedDifference()
{
    // The customer example's S_0 on a scratch SQLite database: no drift, then one column more.
    const QString plan = examplePath("customer-full-name.tideline.json");
    const QString path = tempPath("drift.sqlite");
    const QString dsn = "sqlite:" + path;
    const CliResult apply = runCli({"apply", plan, "--release", "baseline", "--dsn", dsn});
    QVERIFY2(apply.finished && apply.exitCode == 0, apply.describe().constData());
    const CliResult clean = runCli({"drift", plan, "--release", "baseline", "--dsn", dsn});
    QVERIFY2(clean.finished && clean.exitCode == 0, clean.describe().constData());
    QVERIFY2(clean.out.contains("No drift"), clean.describe().constData());
    // S_0 is not what r1 expects before its switch: P_1 has r1's expand columns.
    const CliResult early = runCli({"drift", plan, "--release", "r1", "--phase", "pre", "--dsn", dsn});
    QVERIFY2(early.finished && early.exitCode == 1, early.describe().constData());
    QVERIFY2(early.out.contains("missing_column customer."), early.describe().constData());

    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "drift-plant");
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY2(query.exec("ALTER TABLE customer ADD COLUMN loyalty_points INTEGER"),
                 qPrintable(query.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase("drift-plant");

    const CliResult text = runCli({"drift", plan, "--release", "baseline", "--dsn", dsn});
    QVERIFY2(text.finished && text.exitCode == 1, text.describe().constData());
    QCOMPARE(text.out.trimmed(),
             QByteArray("extra_column customer.loyalty_points: expected nothing, actual INTEGER"));

    const CliResult json = runCli({"drift", plan, "--release", "baseline", "--dsn", dsn, "--json"});
    QVERIFY2(json.finished && json.exitCode == 1, json.describe().constData());
    const QJsonObject report = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(report.keys(), (QStringList{"dialect", "differences", "drift", "notCompared", "phase", "release"}));
    QCOMPARE(report["notCompared"].toArray(), QJsonArray()); // no runner's history table here
    QCOMPARE(report["release"].toString(), QString("baseline"));
    QCOMPARE(report["phase"].toString(), QString("post"));
    QCOMPARE(report["dialect"].toString(), QString("sqlite"));
    QCOMPARE(report["drift"].toBool(), true);
    const QJsonArray differences = report["differences"].toArray();
    QCOMPARE(differences.size(), 1);
    const QJsonObject d = differences.first().toObject();
    QCOMPARE(d.keys(), (QStringList{"actual", "expected", "kind", "object"}));
    QCOMPARE(d["kind"].toString(), QString("extra_column"));
    QCOMPARE(d["object"].toString(), QString("customer.loyalty_points"));
    QCOMPARE(d["expected"].toString(), QString());
    QCOMPARE(d["actual"].toString(), QString("INTEGER"));
}

void TestCli::driftRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString plan = examplePath("customer-full-name.tideline.json");
    const QString dsn = "sqlite:" + tempPath("drift-missing.sqlite");
    QTest::newRow("no dsn") << QStringList{"drift", plan, "--release", "baseline"} << "--dsn";
    QTest::newRow("no release") << QStringList{"drift", plan, "--dsn", dsn} << "--release";
    QTest::newRow("no phase") << QStringList{"drift", plan, "--release", "r1", "--dsn", dsn} << "--phase";
    QTest::newRow("bad phase") << QStringList{"drift", plan, "--release", "r1", "--phase", "backfill", "--dsn", dsn}
                               << "--phase";
    QTest::newRow("unknown release") << QStringList{"drift", plan, "--release", "r9", "--phase", "pre", "--dsn", dsn}
                                     << "unknown or cancelled release 'r9'";
    QTest::newRow("missing sqlite file") << QStringList{"drift", plan, "--release", "baseline", "--dsn", dsn}
                                         << "no such database file";
    QTest::newRow("bad dsn") << QStringList{"drift", plan, "--release", "baseline", "--dsn", "oracle://x@y/z"}
                             << "--dsn";
}

void TestCli::driftRefusesBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliResult result = runCli(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(QString::fromUtf8(result.err).contains(message), result.describe().constData());
    QVERIFY(!QFileInfo::exists(tempPath("drift-missing.sqlite")));
}

// ---------------------------------------------------------------------------------------------
// import-schema

namespace {

/** A minimal plan whose baseline is @p baseline, as import-schema prints it. */
QByteArray planWithBaseline(const QJsonObject &baseline, const QString &dialect)
{
    const QJsonObject release{{"id", "r1"}, {"label", "r1"}, {"date", "2027-01-01"},
                              {"status", "planned"}};
    const QJsonObject plan{{"format", "tideline-plan"},
                           {"version", 1},
                           {"name", "imported"},
                           {"dialect", dialect},
                           {"releases", QJsonArray{release}},
                           {"baseline", baseline},
                           {"refactorings", QJsonArray()}};
    return QJsonDocument(plan).toJson();
}

QStringList tableNames(const QJsonObject &baseline)
{
    QStringList names;
    for (const QJsonValue &table : baseline.value("tables").toArray())
        names << table["name"].toString();
    names.sort();
    return names;
}

/** Empty when the baseline JSON loads as a plan's "baseline" and is written back unchanged. */
QString checkPastesIntoAPlan(const QJsonObject &baseline, const QString &dialect)
{
    Tideline::Plan plan;
    QList<Tideline::PlanError> errors;
    if (!Tideline::PlanJson::read(planWithBaseline(baseline, dialect), &plan, &errors,
                                  "imported.tideline.json")) {
        QStringList lines;
        for (const Tideline::PlanError &e : errors)
            lines << e.toString();
        return "the imported baseline does not load: " + lines.join('\n');
    }
    const QJsonObject written =
        QJsonDocument::fromJson(Tideline::PlanJson::write(plan)).object().value("baseline").toObject();
    if (written != baseline)
        return "the plan writes the baseline back differently:\n"
               + QString::fromUtf8(QJsonDocument(written).toJson());
    return {};
}

} // namespace

void TestCli::importSchemaFromDdl_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QStringList>("tables");
    QTest::addColumn<QStringList>("views");
    QTest::newRow("postgresql dump") << dataPath("ddl-pg-dump.sql") << "postgresql"
                                     << QStringList{"customer", "orders"}
                                     << QStringList{"customer_summary"};
    QTest::newRow("sqlite schema") << dataPath("ddl-sqlite-schema.sql") << "sqlite"
                                   << QStringList{"customer", "orders"}
                                   << QStringList{"customer_summary"};
}

void TestCli::importSchemaFromDdl()
{
    QFETCH(QString, file);
    QFETCH(QString, dialect);
    QFETCH(QStringList, tables);
    QFETCH(QStringList, views);
    const CliResult result = runCli({"import-schema", file, "--dialect", dialect});
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
    // What a baseline cannot hold is named on stderr, one note a line, never dropped silently.
    const QStringList notes = QString::fromUtf8(result.err).split('\n', Qt::SkipEmptyParts);
    for (const QString &note : notes)
        QVERIFY2(note.startsWith("tideline-cli: note: "), qPrintable(note));
    if (dialect == "postgresql") {
        for (const char *named : {"CREATE EXTENSION IF NOT EXISTS citext", "ALTER FUNCTION public.add_customer",
                                  "REVOKE USAGE ON SCHEMA public FROM PUBLIC"})
            QVERIFY2(result.err.contains(named), result.describe().constData());
    }
    QString why;
    const QJsonObject baseline = parseObject(result.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    why = checkKeys(baseline, {"tables"}, "import-schema", {"views", "procedures", "sequences", "enums"});
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(tableNames(baseline), tables);
    QStringList viewNames;
    for (const QJsonValue &view : baseline.value("views").toArray())
        viewNames << view["name"].toString();
    QCOMPARE(viewNames, views);
    why = checkPastesIntoAPlan(baseline, dialect);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestCli::importSchemaFromSqliteDatabase()
{
    // The customer example's S_0 on a scratch SQLite database, read back from its catalog.
    const QString example = examplePath("customer-full-name.tideline.json");
    const QString dsn = "sqlite:" + tempPath("import-1.sqlite");
    const CliResult apply = runCli({"apply", example, "--release", "baseline", "--dsn", dsn});
    QVERIFY2(apply.finished && apply.exitCode == 0, apply.describe().constData());
    const CliResult first = runCli({"import-schema", "--dsn", dsn});
    QVERIFY2(first.finished && first.exitCode == 0, first.describe().constData());
    QString why;
    const QJsonObject baseline = parseObject(first.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(tableNames(baseline), QStringList{"customer"}); // tideline_applied is left out
    QJsonObject customer;
    for (const QJsonValue &table : baseline.value("tables").toArray()) {
        if (table["name"].toString() == "customer")
            customer = table.toObject();
    }
    QStringList columns, notNull;
    for (const QJsonValue &column : customer.value("columns").toArray()) {
        columns << column["name"].toString();
        if (!column["nullable"].toBool(true))
            notNull << column["name"].toString();
    }
    QCOMPARE(columns, (QStringList{"id", "first_name", "last_name", "email", "created_at"}));
    QVERIFY2(notNull.contains("first_name") && notNull.contains("last_name")
                 && notNull.contains("created_at") && !notNull.contains("email"),
             qPrintable(notNull.join(',')));
    why = checkPastesIntoAPlan(baseline, "sqlite");
    QVERIFY2(why.isEmpty(), qPrintable(why));

    // Round trip: a plan whose baseline is the imported JSON, exported and applied to a fresh
    // database, imports to the same JSON.
    const QString plan = tempPath("imported.tideline.json");
    {
        QFile file(plan);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(planWithBaseline(baseline, "sqlite"));
    }
    const CliResult exported = runCli({"export", plan, "--release", "baseline", "--dialect",
                                       "sqlite", "--out", tempPath("imported-bundle")});
    QVERIFY2(exported.finished && exported.exitCode == 0, exported.describe().constData());
    const QString dsn2 = "sqlite:" + tempPath("import-2.sqlite");
    const CliResult apply2 = runCli({"apply", plan, "--release", "baseline", "--dsn", dsn2});
    QVERIFY2(apply2.finished && apply2.exitCode == 0, apply2.describe().constData());
    const CliResult second = runCli({"import-schema", "--dsn", dsn2});
    QVERIFY2(second.finished && second.exitCode == 0, second.describe().constData());
    QCOMPARE(QString::fromUtf8(second.out), QString::fromUtf8(first.out));
}

void TestCli::importSchemaFromPostgresDatabase()
{
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("set TIDELINE_TEST_PG_DSN (postgresql://user@host:port/db, a scratch database)");
    const QString example = examplePath("customer-full-name.tideline.json");
    const CliResult apply = runCli({"apply", example, "--release", "baseline", "--dsn", dsn});
    QVERIFY2(apply.finished && apply.exitCode == 0, apply.describe().constData());
    const CliResult result = runCli({"import-schema", "--dsn", dsn});
    QVERIFY2(result.finished && result.exitCode == 0, result.describe().constData());
    QString why;
    const QJsonObject baseline = parseObject(result.out, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QVERIFY2(tableNames(baseline).contains("customer"), result.describe().constData());
    why = checkPastesIntoAPlan(baseline, "postgresql");
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestCli::importSchemaRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString ddl = dataPath("ddl-sqlite-schema.sql");
    const QString unmappable = tempPath("unmappable.sql");
    {
        QFile file(unmappable);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("CREATE TABLE r (a int);\nCREATE TEMP TABLE scratch (a int);\n");
    }
    QTest::newRow("nothing") << QStringList{"import-schema"} << "FILE.sql --dialect D or --dsn";
    QTest::newRow("file and dsn") << QStringList{"import-schema", ddl, "--dsn", "sqlite:x"}
                                  << "not both";
    QTest::newRow("two files") << QStringList{"import-schema", ddl, ddl, "--dialect", "sqlite"}
                               << "one FILE.sql";
    QTest::newRow("missing file")
        << QStringList{"import-schema", tempPath("missing.sql"), "--dialect", "sqlite"}
        << "missing.sql: cannot read the file: no such file";
    QTest::newRow("a directory") // was "Unknown error": the file was never opened
        << QStringList{"import-schema", dataPath("golden"), "--dialect", "sqlite"}
        << "golden: cannot read the file: it is a directory";
    QTest::newRow("no dialect") << QStringList{"import-schema", ddl} << "needs --dialect";
    QTest::newRow("unknown dialect")
        << QStringList{"import-schema", ddl, "--dialect", "oracle"} << "unknown dialect 'oracle'";
    QTest::newRow("dialect without DDL import")
        << QStringList{"import-schema", ddl, "--dialect", "sqlserver"}
        << "DDL import supports postgresql, sqlite and mysql, not sqlserver";
    QTest::newRow("unmappable statement")
        << QStringList{"import-schema", unmappable, "--dialect", "postgresql"}
        << "CREATE TEMP TABLE scratch (a int)";
    QTest::newRow("bad dsn") << QStringList{"import-schema", "--dsn", "oracle://x:s3cret@y/z"}
                             << "--dsn: unknown DSN scheme";
    QTest::newRow("missing sqlite file")
        << QStringList{"import-schema", "--dsn", "sqlite:" + tempPath("missing.sqlite")}
        << "no such database file";
    QTest::newRow("unreachable server")
        << QStringList{"import-schema", "--dsn", "postgresql://nobody:s3cret@127.0.0.1:1/none"}
        << "--dsn";
}

void TestCli::importSchemaRefusesBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliResult result = runCli(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.out.isEmpty(), result.describe().constData());
    QVERIFY2(QString::fromUtf8(result.err).contains(message), result.describe().constData());
    QVERIFY2(!result.err.contains("s3cret"), result.describe().constData());
    QVERIFY(!QFileInfo::exists(tempPath("missing.sqlite")));
}

// ---------------------------------------------------------------------------------------------
// credentials: a DSN may carry a password; nothing prints it, in any message

void TestCli::credentialsStayOutOfMessages_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString plan = examplePath("customer-full-name.tideline.json");
    // Port 1: nothing listens there, the connection is refused at once.
    const QString pg = "postgresql://planner:secret@127.0.0.1:1/shop";
    const QString my = "mysql://planner:secret@127.0.0.1:1/shop";
    const QString where = "database \"shop\" on 127.0.0.1:1 as user \"planner\"";
    for (const auto &[engine, dsn] : {std::pair{QString("postgresql"), pg}, std::pair{QString("mysql"), my}}) {
        QTest::newRow(qPrintable(engine + ": import-schema")) << QStringList{"import-schema", "--dsn", dsn} << where;
        QTest::newRow(qPrintable(engine + ": drift"))
            << QStringList{"drift", plan, "--release", "baseline", "--dsn", dsn} << where;
        QTest::newRow(qPrintable(engine + ": apply"))
            << QStringList{"apply", plan, "--release", "baseline", "--dsn", dsn} << where;
    }
    QTest::newRow("postgresql: password as a libpq option")
        << QStringList{"import-schema", "--dsn", "postgresql://planner@127.0.0.1:1/shop?password=secret"} << where;
    QTest::newRow("no scheme") << QStringList{"import-schema", "--dsn", ":secret@127.0.0.1/shop"} << "no scheme";
    QTest::newRow("bad url") << QStringList{"import-schema", "--dsn", "postgresql://planner:secret@127.0.0.1:99999/shop"}
                             << "port";
    QTest::newRow("bad path") << QStringList{"drift", plan, "--release", "baseline", "--dsn",
                                             "mysql://planner:secret@127.0.0.1:1/a/b"}
                              << "must name one database";
}

void TestCli::credentialsStayOutOfMessages()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliResult result = runCli(arguments);
    QVERIFY2(result.finished && result.exitCode == 2, result.describe().constData());
    QVERIFY2(QString::fromUtf8(result.err).contains(message), result.describe().constData());
    QVERIFY2(!result.err.contains("secret") && !result.out.contains("secret"), result.describe().constData());
}

void TestCli::credentialsFromTheEnginesOwnPlaces()
{
    // A MariaDB user with a password, reached by a DSN that carries it, by MYSQL_PWD and by the
    // user's option file (~/.my.cnf); the password shows up in no output and no table.
    const QString server = qEnvironmentVariable("TIDELINE_TEST_MYSQL_DSN");
    if (server.isEmpty())
        QSKIP("TIDELINE_TEST_MYSQL_DSN is not set (./test.sh starts a throwaway MariaDB and sets it)");
    const QUrl url(server);
    const QString password = "tideline-s3cret-" + QString::number(QCoreApplication::applicationPid());
    const QString database = "tideline_cli_credentials_" + QString::number(QCoreApplication::applicationPid());
    const auto admin = [&](const QStringList &statements) {
        QSqlDatabase db = QSqlDatabase::addDatabase("QMYSQL", "credentials-admin");
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setUserName(url.userName());
        db.setPassword(url.password());
        QString failed;
        if (!db.open())
            failed = db.lastError().text();
        for (const QString &sql : statements) {
            QSqlQuery q(db);
            if (failed.isEmpty() && !q.exec(sql))
                failed = sql + ": " + q.lastError().text();
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase("credentials-admin");
        return failed;
    };
    const QString created = admin({"DROP USER IF EXISTS 'tideline_cred'@'%'", "DROP DATABASE IF EXISTS " + database,
                                   "CREATE DATABASE " + database,
                                   "CREATE USER 'tideline_cred'@'%' IDENTIFIED BY '" + password + "'",
                                   "GRANT ALL ON " + database + ".* TO 'tideline_cred'@'%'"});
    QVERIFY2(created.isEmpty(), qPrintable(created));
    const QString hostPort = url.host() + ':' + QString::number(url.port());
    const QString withPassword = "mysql://tideline_cred:" + password + '@' + hostPort + '/' + database;
    const QString without = "mysql://tideline_cred@" + hostPort + '/' + database;
    const QString plan = examplePath("customer-full-name.tideline.json");
    QTemporaryDir home; // no option file unless a case writes one
    QVERIFY(home.isValid());
    QProcessEnvironment clean = QProcessEnvironment::systemEnvironment();
    clean.remove("MYSQL_PWD");
    clean.insert("HOME", home.path());

    QStringList problems;
    const auto expect = [&](const QString &what, const CliResult &r, int exitCode) {
        if (!r.finished || r.exitCode != exitCode)
            problems << what + ": " + QString::fromUtf8(r.describe());
        if (r.out.contains(password.toUtf8()) || r.err.contains(password.toUtf8()))
            problems << what + " printed the password";
    };
    expect("apply with the password in the DSN",
           runCli({"apply", plan, "--release", "baseline", "--dsn", withPassword}, clean), 0);
    expect("drift with the password in the DSN",
           runCli({"drift", plan, "--release", "baseline", "--dsn", withPassword}, clean), 0);
    expect("import-schema with the password in the DSN", runCli({"import-schema", "--dsn", withPassword}, clean), 0);
    const CliResult denied = runCli({"import-schema", "--dsn", without}, clean);
    expect("import-schema without any password", denied, 2);
    if (!denied.err.contains("Access denied") || !denied.err.contains(hostPort.toUtf8()))
        problems << "the refusal names neither the cause nor the server: " + QString::fromUtf8(denied.err);
    QProcessEnvironment viaVariable = clean;
    viaVariable.insert("MYSQL_PWD", password);
    expect("import-schema with MYSQL_PWD", runCli({"import-schema", "--dsn", without}, viaVariable), 0);
    {
        QFile optionFile(home.filePath(".my.cnf"));
        QVERIFY(optionFile.open(QIODevice::WriteOnly));
        optionFile.write("# the mysql client's own\n[mysqld]\npassword = not-this-one\n[client]\nuser = x\n"
                         "password = \"" + password.toUtf8() + "\"\n");
    }
    expect("import-schema with ~/.my.cnf", runCli({"import-schema", "--dsn", without}, clean), 0);
    expect("drift with a wrong password in the DSN",
           runCli({"drift", plan, "--release", "baseline", "--dsn",
                   "mysql://tideline_cred:wrong-" + password + '@' + hostPort + '/' + database}, clean),
           2);

    // Nothing the runs wrote (the ledger) holds it either.
    QString stored;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QMYSQL", "credentials-ledger");
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setUserName(url.userName());
        db.setDatabaseName(database);
        if (db.open()) {
            QSqlQuery q("SELECT * FROM tideline_applied", db);
            while (q.next()) {
                for (int i = 0; i < q.record().count(); ++i)
                    stored += q.value(i).toString() + '\n';
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase("credentials-ledger");
    const QString dropped = admin({"DROP DATABASE IF EXISTS " + database, "DROP USER IF EXISTS 'tideline_cred'@'%'"});
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    QVERIFY2(!stored.isEmpty(), "apply left no ledger rows");
    QVERIFY2(!stored.contains(password), qPrintable(stored));
    QVERIFY2(dropped.isEmpty(), qPrintable(dropped));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
