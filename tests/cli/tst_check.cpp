// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// `tideline-cli check` and `report` as CI runs them: exit codes, the --json shape, the
// GitHub annotation format, and bad input that writes nothing.
#include <io/planlines.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int code = -1;
    QByteArray out, err;
};

Run cli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TIDELINE_CLI), arguments);
    Run run;
    if (process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit)
        run.code = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QString data(const QString &name)
{
    return QDir(QStringLiteral(TIDELINE_TEST_DATA)).filePath(name);
}

QString example(const QString &name)
{
    return QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath(name);
}

QStringList planLines(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).split('\n') : QStringList();
}

} // namespace

class TestCheck : public QObject
{
    Q_OBJECT

private slots:
    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::newRow("example: ready") << QStringList{"check", example("customer-full-name.tideline.json")} << 0;
        QTest::newRow("warnings only") << QStringList{"check", data("review-raw-sql.tideline.json")} << 0;
        QTest::newRow("blocked") << QStringList{"check", data("review-contract-early.tideline.json")} << 1;
        QTest::newRow("blocked release selected")
            << QStringList{"check", data("review-contract-early.tideline.json"), "--release", "r2"} << 1;
        QTest::newRow("ready release of a blocked plan")
            << QStringList{"check", data("review-contract-early.tideline.json"), "--release", "r3"} << 0;
        QTest::newRow("verify failed")
            << QStringList{"check", example("customer-full-name.tideline.json"), "--verify", data("review-verify-r2-fail.json")}
            << 1;
        QTest::newRow("verify passed")
            << QStringList{"check", example("customer-full-name.tideline.json"), "--verify", data("review-verify-r2-pass.json")}
            << 0;
        QTest::newRow("no plan") << QStringList{"check"} << 2;
        QTest::newRow("missing plan") << QStringList{"check", data("no-such.tideline.json")} << 2;
        QTest::newRow("broken plan") << QStringList{"check", data("cli-broken-json.tideline.json")} << 2;
        QTest::newRow("unknown release")
            << QStringList{"check", example("posts-authors.tideline.json"), "--release", "r9"} << 2;
        QTest::newRow("bad format")
            << QStringList{"check", example("posts-authors.tideline.json"), "--format", "xml"} << 2;
        QTest::newRow("unknown option") << QStringList{"check", example("posts-authors.tideline.json"), "--nope"} << 2;
        QTest::newRow("bad verify file")
            << QStringList{"check", example("posts-authors.tideline.json"), "--verify", data("cli-valid.tideline.json")} << 2;
        QTest::newRow("verify of another plan") // customer-full-name's r2, and posts-authors has an r2
            << QStringList{"check", example("posts-authors.tideline.json"), "--verify", data("review-verify-r2-pass.json")}
            << 2;
        QTest::newRow("verify of another release")
            << QStringList{"check", example("posts-authors.tideline.json"), "--verify", data("review-verify-r6-pass.json")}
            << 2;
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        const Run run = cli(arguments);
        QVERIFY2(run.code == code, run.out + run.err);
        if (code == 2) {
            QVERIFY(run.out.isEmpty());
            QVERIFY(run.err.startsWith("tideline-cli: ") || run.err.startsWith("error: "));
        }
    }

    // A plan the engine refuses is named in the message, as validate and compat name it.
    void engineErrorNamesThePlan()
    {
        const QString plan = data("cli-unknown-table.tideline.json");
        for (const QStringList &arguments :
             {QStringList{"check", plan}, QStringList{"verify", plan, "--release", "r1", "--dsn", "sqlite:"}}) {
            const Run run = cli(arguments);
            QCOMPARE(run.code, 2);
            QVERIFY2(run.err.contains(plan.toUtf8() + ": refactorings[0].params.table: unknown table"), run.err.constData());
        }
    }

    void jsonShape()
    {
        const Run run = cli({"check", data("review-acknowledged.tideline.json"), "--json"});
        QCOMPARE(run.code, 1);
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        const QJsonArray releases = root.value("releases").toArray();
        QCOMPARE(releases.size(), 3);
        QStringList verdicts;
        for (const QJsonValue &v : releases) {
            const QJsonObject r = v.toObject();
            verdicts << r.value("verdict").toString();
            QVERIFY(r.value("release").isString());
            QVERIFY(r.value("reasons").isArray());
            QVERIFY(r.value("findings").isArray());
            const QJsonObject e = r.value("estimate_s").toObject();
            QCOMPARE(e.keys(), (QStringList{"backfill", "offline", "post", "pre"}));
        }
        QCOMPARE(verdicts, (QStringList{"ready", "blocked", "ready"}));
        const QJsonObject finding = releases.at(1).toObject().value("findings").toArray().first().toObject();
        for (const char *key : {"id", "severity", "refactoring", "step", "object", "message", "acknowledged"})
            QVERIFY2(finding.contains(QLatin1String(key)), key);
        // --format json is the same document.
        QCOMPARE(cli({"check", data("review-acknowledged.tideline.json"), "--format", "json"}).out, run.out);
        // --release keeps one release.
        const Run one = cli({"check", data("review-acknowledged.tideline.json"), "--json", "--release", "r2"});
        QCOMPARE(QJsonDocument::fromJson(one.out).object().value("releases").toArray().size(), 1);
    }

    // Each annotation lands on the line of its refactoring's (or, for a failing cell and a failed
    // verify, its release's) "id" in the plan's own text, read back from the file.
    void github()
    {
        const QString plan = data("review-type-mysql.tideline.json");
        const Run run = cli({"check", plan, "--format", "github"});
        QCOMPARE(run.code, 1);
        const QStringList lines = QString::fromUtf8(run.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        static const QRegularExpression annotation("^::(error|warning|notice) file=([^,]+),line=(\\d+),title=[^:]+::.+$");
        const QStringList text = planLines(plan);
        for (const QString &line : lines) {
            const QRegularExpressionMatch m = annotation.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line));
            QCOMPARE(m.captured(2), plan);
            const int at = m.captured(3).toInt();
            QVERIFY(at >= 1 && at <= text.size());
            QVERIFY2(text.at(at - 1).contains(QStringLiteral("\"id\": \"big-customer-id\"")), qPrintable(text.at(at - 1)));
        }
        QVERIFY(lines.first().startsWith(QStringLiteral("::error file=%1,line=").arg(plan)));
        QVERIFY(lines.first().contains(QStringLiteral(",title=in-place-type-change ")));
    }

    // GitLab Code Quality carries every reason: findings, failing required cells and a failed
    // verify, each on its real line, with fingerprints that stay the same from run to run.
    void gitlab()
    {
        const QString plan = data("review-drop-table-in-use.tideline.json");
        const Run run = cli({"check", plan, "--format", "gitlab"});
        QCOMPARE(run.code, 1);
        const QJsonArray issues = QJsonDocument::fromJson(run.out).array();
        const QStringList github = QString::fromUtf8(cli({"check", plan, "--format", "github"}).out)
                                       .split('\n', Qt::SkipEmptyParts);
        QCOMPARE(issues.size(), github.size()); // the same reasons in both formats
        const QStringList text = planLines(plan);
        QSet<QString> checks, fingerprints;
        for (const QJsonValue &value : issues) {
            const QJsonObject issue = value.toObject();
            checks << issue.value("check_name").toString();
            fingerprints << issue.value("fingerprint").toString();
            const int line = issue.value("location").toObject().value("lines").toObject().value("begin").toInt();
            QVERIFY(line >= 1 && line <= text.size());
            // a finding names its refactoring's line; a failing cell its release's ("r2: …")
            const QString release = issue.value("description").toString().section(':', 0, 0);
            const QString expected = issue.value("check_name").toString() == QLatin1String("compatibility")
                                         ? QStringLiteral("\"id\": \"%1\"").arg(release)
                                         : QStringLiteral("\"id\": \"");
            QVERIFY2(text.at(line - 1).contains(expected), qPrintable(text.at(line - 1)));
        }
        QVERIFY(checks.contains("compatibility"));
        QVERIFY(checks.contains("drop-in-use"));
        QCOMPARE(fingerprints.size(), issues.size());
        QCOMPARE(cli({"check", plan, "--format", "gitlab"}).out, run.out);

        // A failed verify input is a reason too, on its release's line.
        const QString example = ::example("customer-full-name.tideline.json");
        const QJsonArray verify = QJsonDocument::fromJson(
                                      cli({"check", example, "--format", "gitlab", "--verify", data("review-verify-r2-fail.json")}).out)
                                      .array();
        QCOMPARE(verify.size(), 1);
        QCOMPARE(verify.first()["check_name"].toString(), QStringLiteral("verify"));
        QVERIFY(verify.first()["description"].toString().contains("no such column: full_name"));
        const int line = verify.first()["location"]["lines"]["begin"].toInt();
        QVERIFY(planLines(example).value(line - 1).contains("\"id\": \"r2\""));
    }

    // A .tideline plan is a SQLite file: no line to point at, and the annotation says so.
    void annotationsOfSqlitePlan()
    {
        QTemporaryDir dir;
        const QString plan = dir.filePath("plan.tideline");
        QCOMPARE(cli({"convert", data("review-type-mysql.tideline.json"), plan}).code, 0);
        const Run run = cli({"check", plan, "--format", "github"});
        QCOMPARE(run.code, 1);
        const QStringList lines = QString::fromUtf8(run.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        for (const QString &line : lines) {
            QVERIFY2(!line.contains(",line="), qPrintable(line));
            QVERIFY2(line.endsWith("(no line: a .tideline plan is a SQLite file)"), qPrintable(line));
        }
    }

    // The scan follows JSON, not text: an "id" inside params, in a string, or after an escaped
    // quote does not count; ids with escapes decode.
    void planLinesScan()
    {
        const QByteArray json = "{\n"
                                "  \"name\": \"has \\\"id\\\": \\\"fake\\\" [in] it\",\n"
                                "  \"releases\": [ {\"id\": \"r1\"},\n"
                                "    { \"label\": \"x\", \"id\": \"r\\u0032\" } ],\n"
                                "  \"refactorings\": [\n"
                                "    { \"params\": { \"id\": \"inner\", \"list\": [ { \"id\": \"deep\" } ] },\n"
                                "      \"id\": \"a\" },\n"
                                "    {\n"
                                "      \"id\": \"b\" }\n"
                                "  ]\n"
                                "}\n";
        const Tideline::PlanLines lines = Tideline::PlanLines::fromText(json);
        QVERIFY(lines.available());
        QCOMPARE(lines.release("r1"), 3);
        QCOMPARE(lines.release("r2"), 4);
        QCOMPARE(lines.refactoring("a"), 7);
        QCOMPARE(lines.refactoring("b"), 9);
        QCOMPARE(lines.refactoring("inner"), 0);
        QCOMPARE(lines.refactoring("deep"), 0);
        QCOMPARE(lines.refactoring("fake"), 0);
    }

    // The two commands together, as a release manager runs them: verify writes its JSON, and
    // check reads it back — the verdict names the verify file and the measured times replace
    // the estimates of the scripts it ran.
    void verifyFeedsCheck()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString plan = example(QStringLiteral("customer-full-name.tideline.json"));
        const Run verify = cli({QStringLiteral("verify"), plan, QStringLiteral("--release"),
                                QStringLiteral("r2"), QStringLiteral("--dsn"), QStringLiteral("sqlite:"),
                                QStringLiteral("--rows"), QStringLiteral("200"), QStringLiteral("--json")});
        QVERIFY2(verify.code == 0, verify.err.constData());
        const QString verifyFile = dir.filePath(QStringLiteral("verify-r2.json"));
        QFile file(verifyFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(verify.out);
        file.close();

        const Run check = cli({QStringLiteral("check"), plan, QStringLiteral("--release"),
                               QStringLiteral("r2"), QStringLiteral("--json"),
                               QStringLiteral("--verify"), verifyFile});
        QVERIFY2(check.code == 0, check.err.constData());
        const QJsonObject release = QJsonDocument::fromJson(check.out)
                                        .object()
                                        .value(QStringLiteral("releases"))
                                        .toArray()
                                        .at(0)
                                        .toObject();
        QCOMPARE(release.value(QStringLiteral("release")).toString(), QStringLiteral("r2"));
        const QString reasons = QString::fromUtf8(
            QJsonDocument(release.value(QStringLiteral("reasons")).toArray()).toJson());
        QVERIFY2(reasons.contains(QStringLiteral("verify passed")), qPrintable(reasons));
        QVERIFY2(!reasons.contains(QStringLiteral("not verified")), qPrintable(reasons));
    }

    void text()
    {
        const Run run = cli({"check", example("customer-full-name.tideline.json")});
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.contains("r1 (2026.12): READY"));
        QVERIFY(run.out.contains("backfill 4.5 min"));
    }

    void report_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("pdf") << "pdf" << QByteArray("%PDF-");
        QTest::newRow("html") << "html" << QByteArray("<!DOCTYPE html>");
        QTest::newRow("json") << "json" << QByteArray("{");
    }

    void report()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, start);
        QTemporaryDir dir;
        const QString out = dir.filePath("report." + format);
        const Run run = cli({"report", example("posts-authors.tideline.json"), "--format", format, "--out", out});
        QVERIFY2(run.code == 0, run.err);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith(start));
        // An existing file is kept unless --force.
        QCOMPARE(cli({"report", example("posts-authors.tideline.json"), "--format", format, "--out", out}).code, 2);
        QCOMPARE(cli({"report", example("posts-authors.tideline.json"), "--format", format, "--out", out, "--force"}).code, 0);
    }

    void reportBadInput()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("report.pdf");
        QCOMPARE(cli({"report", example("posts-authors.tideline.json"), "--format", "docx", "--out", out}).code, 2);
        QCOMPARE(cli({"report", example("posts-authors.tideline.json"), "--format", "pdf"}).code, 2);
        QCOMPARE(cli({"report", data("cli-broken-json.tideline.json"), "--format", "pdf", "--out", out}).code, 2);
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCheck)
#include "tst_check.moc"
