// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// tideline-cli as a person at a terminal and a CI job meet it: help for every command (checked
// against what the parser accepts), the version, TIDELINE_* variables, colour (on a real
// pseudo-terminal through script(1), NO_COLOR), progress, and the shell completions run by bash.

#include "runprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = ProcessRun;

// The variables the tests set themselves are never taken from the caller's environment.
const QStringList ownVariables{"NO_COLOR", "TIDELINE_DIALECT", "TIDELINE_DSN", "TIDELINE_LAYOUT", "TIDELINE_FORMAT",
                               "TIDELINE_COLOR"};

Run run(const QString &program, const QStringList &arguments, const QMap<QString, QString> &environment = {})
{
    return runProcess(program, arguments, environment, {}, ownVariables);
}

Run cli(const QStringList &arguments, const QMap<QString, QString> &environment = {})
{
    return run(QStringLiteral(TIDELINE_CLI), arguments, environment);
}

// The command run on a pseudo-terminal (util-linux script): what a person at a terminal sees.
Run onTerminal(const QStringList &arguments, const QMap<QString, QString> &environment = {})
{
    QStringList quoted{QStringLiteral(TIDELINE_CLI)};
    for (const QString &argument : arguments)
        quoted << QStringLiteral("'%1'").arg(argument);
    QMap<QString, QString> env = environment;
    env.insert("TERM", "xterm");
    return run("script", {"-qec", quoted.join(' '), "/dev/null"}, env);
}

QString example()
{
    return QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath("customer-full-name.tideline.json");
}

// The command names of `tideline-cli help`, in order.
QStringList commandNames()
{
    QStringList names;
    static const QRegularExpression entry("^  ([a-z-]+)\\b");
    for (const QString &line : QString::fromUtf8(cli({"help"}).out).split('\n')) {
        const QRegularExpressionMatch m = entry.match(line);
        if (m.hasMatch())
            names << m.captured(1);
    }
    return names;
}

const QByteArray escape = "\x1b[";

// Flyway's versioned migrations anywhere under @p dir.
int flywayFiles(const QString &dir)
{
    int count = 0;
    for (QDirIterator it(dir, {"V*__*.sql"}, QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
        ++count;
    return count;
}

} // namespace

class TestCliHelp : public QObject
{
    Q_OBJECT

private slots:
    void helpListsTheCommands()
    {
        const Run help = cli({"help"});
        QCOMPARE(help.code, 0);
        const QStringList names = commandNames();
        for (const char *name : {"validate", "export", "apply", "verify", "check", "report", "help", "version", "completion"})
            QVERIFY2(names.contains(name), name);
        QVERIFY(help.out.contains("TIDELINE_DSN"));
        const Run flag = cli({"--help"});
        QCOMPARE(flag.code, 0);
        QCOMPARE(flag.out, help.out);
    }

    // Every command's help, by `help CMD` and by `CMD --help` alike, lists options that its
    // parser accepts: each listed option passed together with --help is taken, not refused as
    // unknown, and an option help does not list is refused.
    void everyCommandsHelpMatchesItsParser()
    {
        static const QRegularExpression optionLine("^  (?:-\\w, )?--([a-z-]+)( [A-Z]+)?\\s");
        const QStringList names = commandNames();
        QVERIFY(names.size() >= 15);
        for (const QString &name : names) {
            const Run help = cli({"help", name});
            QVERIFY2(help.code == 0, qPrintable(name));
            QVERIFY2(help.out.startsWith("usage: tideline-cli " + name.toUtf8()), help.out.constData());
            if (name == "help" || name == "version" || name == "completion")
                continue;
            const Run flag = cli({name, "--help"});
            QCOMPARE(flag.code, 0);
            QCOMPARE(flag.out, help.out);
            int options = 0;
            for (const QString &line : QString::fromUtf8(help.out).split('\n')) {
                const QRegularExpressionMatch m = optionLine.match(line);
                if (!m.hasMatch())
                    continue;
                ++options;
                QStringList arguments{name, "--" + m.captured(1)};
                if (!m.captured(2).isEmpty())
                    arguments << "auto"; // any value: --help stops before it is judged
                arguments << "--help";
                const Run accepted = cli(arguments);
                QVERIFY2(accepted.code == 0, qPrintable(arguments.join(' ') + ": " + accepted.err));
            }
            QVERIFY2(options >= 3, qPrintable(name)); // at least --help, --color, --progress
            const Run refused = cli({name, "--no-such-option", "--help"});
            QVERIFY2(refused.code == 2 && refused.err.contains("no-such-option"), qPrintable(name));
        }
        QVERIFY(cli({"help", "export"}).out.contains("--layout L"));
        QVERIFY(cli({"help", "check"}).out.contains("--format F"));
        QVERIFY(cli({"help", "drift"}).out.contains("--ignore-table PATTERN"));
    }

    void unknownCommand()
    {
        for (const QStringList &arguments : {QStringList{"frobnicate"}, QStringList{"help", "frobnicate"}}) {
            const Run r = cli(arguments);
            QCOMPARE(r.code, 2);
            QVERIFY(r.err.contains("unknown command 'frobnicate'"));
            QVERIFY(r.err.contains("commands:")); // the list, to pick from
        }
        QCOMPARE(cli({}).code, 2);
    }

    void version()
    {
        const QByteArray expected = "tideline-cli " TIDELINE_VERSION "\n";
        for (const char *spelling : {"-V", "--version", "version"}) {
            const Run r = cli({spelling});
            QCOMPARE(r.code, 0);
            QCOMPARE(r.out, expected);
        }
    }

    // A TIDELINE_* variable stands in for its option; the command line wins; a bad value from the
    // environment is named as coming from there. Results are read back from the files written.
    void environment()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString flyway = dir.filePath("flyway"), folders = dir.filePath("folders");
        QCOMPARE(cli({"export", example(), "--release", "r2", "--out", flyway}, {{"TIDELINE_LAYOUT", "flyway"}}).code, 0);
        QVERIFY(flywayFiles(flyway) > 0);
        QCOMPARE(cli({"export", example(), "--release", "r2", "--out", folders, "--layout", "folders"},
                     {{"TIDELINE_LAYOUT", "flyway"}})
                     .code,
                 0);
        QVERIFY(QDir(folders).exists("pre"));
        QCOMPARE(flywayFiles(folders), 0);

        const Run bad = cli({"export", example(), "--release", "r2", "--out", dir.filePath("bad")},
                            {{"TIDELINE_DIALECT", "oracle"}});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains("unknown dialect 'oracle'"));
        QVERIFY(bad.err.contains("TIDELINE_DIALECT"));
        QVERIFY(!QFileInfo::exists(dir.filePath("bad")));

        const QString database = dir.filePath("apply.sqlite");
        const Run apply = cli({"apply", example(), "--release", "baseline"}, {{"TIDELINE_DSN", "sqlite:" + database}});
        QVERIFY2(apply.code == 0, apply.err.constData());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "environment");
            db.setDatabaseName(database);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'customer'"));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), 1);
        }
        QSqlDatabase::removeDatabase("environment");

        const Run github = cli({"check", QDir(QStringLiteral(TIDELINE_TEST_DATA)).filePath("review-contract-early.tideline.json")},
                               {{"TIDELINE_FORMAT", "github"}});
        QCOMPARE(github.code, 1);
        QVERIFY2(github.out.startsWith("::error file="), github.out.constData());
        const Run text = cli({"check", example(), "--format", "text"}, {{"TIDELINE_FORMAT", "github"}});
        QVERIFY(text.out.startsWith("Readiness of"));
    }

    void colour()
    {
        // Through a pipe (CI): no colour unless asked for.
        QVERIFY(!cli({"compat", example()}).out.contains(escape));
        QVERIFY(cli({"compat", example(), "--color=always"}).out.contains("\x1b[32mok"));
        QVERIFY(cli({"compat", example()}, {{"TIDELINE_COLOR", "always"}}).out.contains(escape));
        const Run bad = cli({"compat", example(), "--color=sometimes"});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains("--color must be auto, always or never"));
        const Run badVariable = cli({"check", example()}, {{"TIDELINE_COLOR", "rainbow"}});
        QCOMPARE(badVariable.code, 2);
        QVERIFY(badVariable.err.contains("TIDELINE_COLOR must be auto, always or never, not 'rainbow'"));
        // Machine formats never: GitHub reads the raw line.
        QVERIFY(!cli({"check", example(), "--format", "github", "--color=always"}).out.contains(escape));
        QVERIFY(!cli({"check", example(), "--json", "--color=always"}).out.contains(escape));

        if (QStandardPaths::findExecutable("script").isEmpty())
            QSKIP("script(1) (util-linux) is needed for a pseudo-terminal");
        const Run terminal = onTerminal({"check", example()});
        QCOMPARE(terminal.code, 0);
        QVERIFY2(terminal.out.contains("\x1b[32mREADY"), terminal.out.constData());
        QVERIFY(!onTerminal({"check", example()}, {{"NO_COLOR", "1"}}).out.contains(escape));
        QVERIFY(!onTerminal({"check", example(), "--color=never"}).out.contains(escape));
        QVERIFY(onTerminal({"check", example(), "--color=always"}, {{"NO_COLOR", "1"}}).out.contains(escape));
    }

    // Progress: each file with its time and a bar, on standard error; never mixed into --json.
    void progress()
    {
        QTemporaryDir dir;
        const QString dsn = "sqlite:" + dir.filePath("progress.sqlite");
        const Run quiet = cli({"apply", example(), "--release", "baseline", "--dsn", dsn});
        QCOMPARE(quiet.code, 0);
        QVERIFY(!quiet.err.contains("[#")); // not a terminal, not asked
        const Run shown = cli({"apply", example(), "--release", "r1", "--dsn", dsn, "--progress"});
        QVERIFY2(shown.code == 0, shown.err.constData());
        static const QRegularExpression line("^\\[[#-]{20}\\] (\\d+)/(\\d+) (pre|backfill)/\\S+\\.sql: applied .* \\(\\d+\\.\\d+ s\\)$");
        const QStringList lines = QString::fromUtf8(shown.err).split('\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 2);
        for (int i = 0; i < lines.size(); ++i) {
            const QRegularExpressionMatch m = line.match(lines.at(i));
            QVERIFY2(m.hasMatch(), qPrintable(lines.at(i)));
            QCOMPARE(m.captured(1).toInt(), i + 1);
            QCOMPARE(m.captured(2).toInt(), lines.size());
        }
        QVERIFY(lines.last().startsWith("[####################]"));

        const Run exported = cli({"export", example(), "--release", "all", "--out", dir.filePath("all"), "--progress"});
        QCOMPARE(exported.code, 0);
        QVERIFY2(exported.err.contains("] 4/4 r4 ("), exported.err.constData());

        const Run json = cli({"verify", example(), "--release", "r2", "--dsn", "sqlite:", "--rows", "50", "--json", "--progress"});
        QVERIFY2(json.code == 0, json.err.constData());
        QVERIFY(json.err.isEmpty());
        QVERIFY(json.out.trimmed().startsWith('{'));
        const Run text = cli({"verify", example(), "--release", "r2", "--dsn", "sqlite:", "--rows", "50", "--progress"});
        QVERIFY(text.err.contains("run 2 ok ("));
    }

    // The completion scripts come from the same option lists; bash runs its script.
    void completion()
    {
        QTemporaryDir dir;
        const Run bash = cli({"completion", "bash"});
        QCOMPARE(bash.code, 0);
        const QString script = dir.filePath("tideline-cli.bash");
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bash.out);
        file.close();
        QCOMPARE(run("bash", {"-n", script}).code, 0);
        const auto complete = [&](const QString &words) {
            return run("bash", {"-c", QStringLiteral("source '%1'; COMP_WORDS=(%2); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); "
                                                     "_tideline_cli; printf '%s\\n' \"${COMPREPLY[@]}\"")
                                          .arg(script, words)})
                .out;
        };
        QCOMPARE(complete("tideline-cli ch"), QByteArray("check\n"));
        QCOMPARE(complete("tideline-cli export x --la"), QByteArray("--layout\n"));
        QVERIFY(complete("tideline-cli drift x --").contains("--ignore-table\n"));
        QVERIFY(!complete("tideline-cli validate x --").contains("--layout"));

        for (const char *shell : {"zsh", "fish"}) {
            const Run r = cli({"completion", shell});
            QCOMPARE(r.code, 0);
            QVERIFY(r.out.contains("export"));
            if (!QStandardPaths::findExecutable(shell).isEmpty()) {
                const QString path = dir.filePath(shell);
                QFile f(path);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(r.out);
                f.close();
                QCOMPARE(run(shell, {"-n", path}).code, 0);
            }
        }
        QCOMPARE(cli({"completion", "tcsh"}).code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_clihelp.moc"
