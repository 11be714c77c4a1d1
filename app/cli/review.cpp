// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The readiness review on the command line: `check` (CI) and `report` (a document to sign).
#include "review.h"

#include "commands.h"
#include "processengine.h"

#include <engine/engine.h>
#include <io/outputfile.h>
#include <io/planfile.h>
#include <sql/connection.h>
#include <report/reportrenderer.h>
#include <review/review.h>
#include <review/reviewjson.h>

#include <QCommandLineParser>
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

void addCommonOptions(QCommandLineParser *parser)
{
    parser->addOptions({{QStringLiteral("release"), QStringLiteral("Only this release."), QStringLiteral("R")},
                        {QStringLiteral("verify"),
                         QStringLiteral("A `tideline-cli verify --json` result (repeatable)."),
                         QStringLiteral("FILE")},
                        {QStringLiteral("format"), QStringLiteral("Output format."), QStringLiteral("F")}});
    parser->addPositionalArgument(QStringLiteral("PLAN"), QStringLiteral("The plan."));
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
            << ReleaseReview::verdictTitle(r.verdict).toUpper() << "    estimate " << duration(r.estimate.total())
            << " (pre " << duration(r.estimate.pre) << ", backfill " << duration(r.estimate.backfill) << ", post "
            << duration(r.estimate.post) << ", offline " << duration(r.estimate.offline) << ")\n";
        for (const QString &reason : r.reasons)
            out << "  - " << reason << '\n';
        for (const Finding &f : r.findings) {
            out << "  " << severityName(f.severity).leftJustified(8) << f.lint << "  " << f.refactoring << ' '
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

bool needsGui(int argc, char *argv[])
{
    return argc > 1 && qstrcmp(argv[1], "report") == 0;
}

int check(const QStringList &arguments)
{
    QCommandLineParser parser;
    addCommonOptions(&parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Same as --format json.")});
    if (!parser.parse(QStringList{QStringLiteral("tideline-cli")} + arguments))
        return fail(parser.errorText());
    const QString format = parser.isSet(QStringLiteral("json")) ? QStringLiteral("json")
                                                                 : parser.value(QStringLiteral("format"));
    const QStringList formats{QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("github"),
                              QStringLiteral("gitlab")};
    if (!format.isEmpty() && !formats.contains(format))
        return fail(QStringLiteral("--format must be text, json, github or gitlab, not '%1'").arg(format));
    Input input;
    if (const int code = load(parser, QStringLiteral("check"), &input); code != Ok)
        return code;

    const ReviewResult review = Review::run(*input.engine, input.verify);
    if (format == QLatin1String("json"))
        output() << QJsonDocument(ReviewJson::toJson(review, input.release)).toJson(QJsonDocument::Indented);
    else if (format == QLatin1String("github"))
        output() << ReviewJson::github(review, input.planPath, input.release);
    else if (format == QLatin1String("gitlab"))
        output() << ReviewJson::gitlab(review, input.planPath, input.release);
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
    addCommonOptions(&parser);
    parser.addOptions({{QStringLiteral("out"), QStringLiteral("The report file."), QStringLiteral("FILE")},
                       {QStringLiteral("force"), QStringLiteral("Replace an existing file.")}});
    if (!parser.parse(QStringList{QStringLiteral("tideline-cli")} + arguments))
        return fail(parser.errorText());
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("html") && format != QLatin1String("pdf") && format != QLatin1String("json"))
        return fail(QStringLiteral("report needs --format html, pdf or json"));
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
        written = format == QLatin1String("html") ? renderer.writeHtml(out, &error) : renderer.writePdf(out, &error);
    }
    if (!written)
        return fail(error); // names the file and the system's reason; an old file stays whole
    output() << "wrote " << out << Qt::endl;
    return Ok;
}

} // namespace Tideline::Cli
