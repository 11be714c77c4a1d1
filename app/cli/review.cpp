// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The readiness review on the command line: `check` (CI) and `report` (a document to sign).
#include "review.h"

#include "commands.h"
#include "help.h"
#include "processengine.h"
#include "terminal.h"

#include <engine/engine.h>
#include <io/outputfile.h>
#include <io/planfile.h>
#include <sql/connection.h>
#include <report/reportrenderer.h>
#include <review/review.h>
#include <review/reviewjson.h>

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocale>
#include <QTextStream>

#include <memory>

namespace Tideline::Cli {

namespace {

QTextStream &output()
{
    return standardOutput(); // one stream, so main() can tell whether it all got out
}

int fail(const QString &message)
{
    QTextStream(stderr) << "tideline-cli: " << message << Qt::endl;
    return BadInput;
}

/** What check and report share: the plan, its engine and the verify files, all checked. */
struct Input
{
    QString planPath;
    ProcessEngine engine;
    QList<VerifyReport> verify;
    QString release;
};

int load(const QCommandLineParser &parser, const QString &command, Input *input)
{
    const QStringList args = parser.positionalArguments().mid(1);
    if (args.size() != 1)
        return fail(QStringLiteral("%1 needs exactly one PLAN").arg(command));
    input->planPath = args.first();
    Plan plan;
    QList<PlanError> errors;
    if (!PlanFile::load(input->planPath, &plan, &errors) || !PlanValidator::validate(plan, input->planPath, &errors)) {
        for (PlanError e : std::as_const(errors)) {
            if (e.file.isEmpty())
                e.file = input->planPath;
            QTextStream(stderr) << "error: " << Connection::redact(e.toString(), e.file) << Qt::endl;
        }
        return BadInput;
    }
    input->engine.reset(new Engine(plan));
    if (!input->engine->run(&errors)) {
        for (PlanError e : std::as_const(errors)) {
            if (e.file.isEmpty()) // as validate and compat: the message names the plan file
                e.file = input->planPath;
            QTextStream(stderr) << "error: " << Connection::redact(e.toString(), e.file) << Qt::endl;
        }
        return BadInput;
    }
    input->release = parser.value(QStringLiteral("release"));
    if (!input->release.isEmpty() && input->engine->releasePosition(input->release) == 0)
        return fail(QStringLiteral("unknown or cancelled release '%1'").arg(input->release));
    for (const QString &path : parser.values(QStringLiteral("verify"))) {
        VerifyReport report;
        QString error;
        if (!VerifyReport::load(path, &report, &error))
            return fail(error);
        const QString planName = input->engine->plan().name;
        if (!report.plan.isEmpty() && report.plan != planName)
            return fail(QStringLiteral("%1 is a verify of the plan \"%2\", not of \"%3\"").arg(path, report.plan, planName));
        if (input->engine->releasePosition(report.release) == 0)
            return fail(QStringLiteral("%1 is about release '%2', which the plan does not have").arg(path, report.release));
        input->verify << report;
    }
    return Ok;
}

// The options check and report share (the format's values differ).
QList<QCommandLineOption> sharedOptions(const QString &formats)
{
    return {{QStringLiteral("release"), QStringLiteral("Only this release."), QStringLiteral("R")},
            {QStringLiteral("verify"), QStringLiteral("A `tideline-cli verify --json` result (repeatable)."),
             QStringLiteral("FILE")},
            {QStringLiteral("format"), QStringLiteral("Output format: %1.").arg(formats), QStringLiteral("F")}};
}

// Parses check's or report's command line; Ok, or the exit code after saying what is wrong.
int parse(QCommandLineParser *parser, const QList<QCommandLineOption> &options, const QStringList &arguments)
{
    parser->addOptions(options);
    parser->addPositionalArgument(QStringLiteral("PLAN"), QStringLiteral("The plan."));
    if (!parser->parse(QStringList{QStringLiteral("tideline-cli")} + arguments))
        return fail(parser->errorText());
    if (parser->isSet(QStringLiteral("help")))
        return HelpWanted;
    QString error;
    if (!Terminal::configure(*parser, &error))
        return fail(error);
    return Ok;
}

QString duration(double s)
{
    return s >= 60 ? QStringLiteral("%1 min").arg(QLocale::c().toString(s / 60, 'f', 1))
                   : QStringLiteral("%1 s").arg(QLocale::c().toString(s, 'f', 1));
}

void printText(const ReviewResult &review, const QString &releaseId)
{
    QTextStream &out = output();
    out << "Readiness of \"" << review.plan << "\" (" << review.dialect << ")\n";
    for (const ReleaseReview &r : review.releases) {
        if (!releaseId.isEmpty() && r.id != releaseId)
            continue;
        out << "\n" << r.id << (r.label.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.label)) << ": "
            << Terminal::paint(ReleaseReview::verdictTitle(r.verdict).toUpper(),
                               r.verdict == ReleaseReview::Verdict::Ready      ? Terminal::Paint::Good
                               : r.verdict == ReleaseReview::Verdict::Warnings ? Terminal::Paint::Warning
                                                                               : Terminal::Paint::Bad)
            << "    estimate " << duration(r.estimate.total())
            << " (pre " << duration(r.estimate.pre) << ", backfill " << duration(r.estimate.backfill) << ", post "
            << duration(r.estimate.post) << ", offline " << duration(r.estimate.offline) << ")\n";
        for (const QString &reason : r.reasons)
            out << "  - " << reason << '\n';
        for (const Finding &f : r.findings) {
            const Terminal::Paint paint = f.acknowledged || f.severity == Severity::Info ? Terminal::Paint::Dim
                                          : f.severity == Severity::Error             ? Terminal::Paint::Bad
                                                                                      : Terminal::Paint::Warning;
            out << "  " << Terminal::paint(severityName(f.severity).leftJustified(8), paint) << f.lint << "  " << f.refactoring << ' '
                << f.step << (f.object.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(f.object)) << ": "
                << f.message;
            if (f.acknowledged)
                out << "  (acknowledged: " << f.reason << ')';
            out << '\n';
        }
    }
    out.flush();
}

} // namespace

QList<QCommandLineOption> checkOptions()
{
    return sharedOptions(QStringLiteral("text, json, github (workflow commands) or gitlab (Code Quality)"))
           + QList<QCommandLineOption>{{QStringLiteral("json"), QStringLiteral("Same as --format json.")}}
           + commonOptions();
}

QList<QCommandLineOption> reportOptions()
{
    return sharedOptions(QStringLiteral("html, pdf or json"))
           + QList<QCommandLineOption>{{QStringLiteral("out"), QStringLiteral("The report file."), QStringLiteral("FILE")},
                                       {QStringLiteral("force"), QStringLiteral("Replace an existing file.")}}
           + commonOptions();
}

bool needsGui(int argc, char *argv[])
{
    return argc > 1 && qstrcmp(argv[1], "report") == 0;
}

int check(const QStringList &arguments)
{
    QCommandLineParser parser;
    if (const int code = parse(&parser, checkOptions(), arguments); code != Ok)
        return code;
    const QString format = parser.isSet(QStringLiteral("json")) ? QStringLiteral("json")
                                                                 : optionValue(parser, QStringLiteral("format"));
    const QStringList formats{QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("github"),
                              QStringLiteral("gitlab")};
    if (!format.isEmpty() && !formats.contains(format))
        return fail(QStringLiteral("%1 must be text, json, github or gitlab, not '%2'")
                        .arg(parser.isSet(QStringLiteral("format")) ? QStringLiteral("--format")
                                                                     : environmentVariable(QStringLiteral("format")),
                             format));
    Input input;
    if (const int code = load(parser, QStringLiteral("check"), &input); code != Ok)
        return code;

    const ReviewResult review = Review::run(*input.engine, input.verify);
    if (format == QLatin1String("json"))
        output() << QJsonDocument(ReviewJson::toJson(review, input.release)).toJson(QJsonDocument::Indented);
    else if (format == QLatin1String("github"))
        output() << ReviewJson::github(review, Connection::redacted(input.planPath), input.release,
                                       PlanLines::read(input.planPath));
    else if (format == QLatin1String("gitlab"))
        output() << ReviewJson::gitlab(review, Connection::redacted(input.planPath), input.release,
                                       PlanLines::read(input.planPath));
    else
        printText(review, input.release);
    output().flush();

    for (const ReleaseReview &r : review.releases) {
        if ((input.release.isEmpty() || r.id == input.release) && r.verdict == ReleaseReview::Verdict::Blocked)
            return CheckFailed;
    }
    return Ok;
}

int report(const QStringList &arguments)
{
    QCommandLineParser parser;
    if (const int code = parse(&parser, reportOptions(), arguments); code != Ok)
        return code;
    const QString format = optionValue(parser, QStringLiteral("format"));
    if (format != QLatin1String("html") && format != QLatin1String("pdf") && format != QLatin1String("json"))
        return fail(parser.isSet(QStringLiteral("format")) || format.isEmpty()
                        ? QStringLiteral("report needs --format html, pdf or json")
                        : QStringLiteral("report needs --format html, pdf or json (%1 is '%2')")
                              .arg(environmentVariable(QStringLiteral("format")), format));
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty())
        return fail(QStringLiteral("report needs --out FILE"));
    if (QFileInfo::exists(out) && !parser.isSet(QStringLiteral("force")))
        return fail(QStringLiteral("%1 exists; pass --force to replace it").arg(out));
    Input input;
    if (const int code = load(parser, QStringLiteral("report"), &input); code != Ok)
        return code;

    const ReviewResult review = Review::run(*input.engine, input.verify);
    QString error;
    bool written = false;
    if (format == QLatin1String("json")) {
        written = OutputFile::writeAll(
            out, QJsonDocument(ReviewJson::toJson(review, input.release)).toJson(QJsonDocument::Indented), &error);
    } else {
        const ReportRenderer renderer(review, input.release);
        QElapsedTimer timer;
        timer.start();
        int shown = 0; // a line for each tenth of the pages, not one a page
        const auto pages = [&](int done, int total) {
            if (total > 0 && (done * 10 / total > shown || done == total)) {
                shown = done * 10 / total;
                Terminal::progressLine(QStringLiteral("pages of %1").arg(out), timer.restart() / 1000.0, done, total);
            }
            return true;
        };
        written = format == QLatin1String("html") ? renderer.writeHtml(out, &error) : renderer.writePdf(out, &error, pages);
    }
    if (!written)
        return fail(error); // names the file and the system's reason; an old file stays whole
    output() << "wrote " << out << Qt::endl;
    return Ok;
}

} // namespace Tideline::Cli
