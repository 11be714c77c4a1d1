// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "verify.h"

#include "commands.h"
#include "terminal.h"

#include <engine/engine.h>
#include <io/planfile.h>
#include <sql/connection.h>
#include <sql/dialect.h>
#include <verify/scratchserver.h>
#include <verify/verifier.h>
#include <verify/verifyjson.h>
#include <verify/verifytarget.h>

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>

#include <memory>

namespace Tideline::Cli {

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "tideline-cli: " << message << Qt::endl;
    return BadInput;
}

QString secondsText(double seconds)
{
    return seconds < 10 ? QString::number(seconds, 'f', 3) : QString::number(seconds, 'f', 1);
}

// Sample values fill a column to its width; in the text report a long literal is shortened so
// each statement stays one readable line (--json keeps the statements whole).
QString shortened(const QString &sql)
{
    static const QRegularExpression longLiteral(QStringLiteral("'([^']{12})[^']{12,}'"));
    QString text = sql;
    return text.replace(longLiteral, QStringLiteral("'\\1…'"));
}

void printText(const VerifyResult &r, QTextStream &out)
{
    const QString tick = Terminal::paint(QStringLiteral("✓"), Terminal::Paint::Good),
                  cross = Terminal::paint(QStringLiteral("✗"), Terminal::Paint::Bad);
    out << "Verify \"" << r.plan << "\" release " << r.release << " on " << r.engine << ", " << r.rows
        << " sample rows a table\n\nScripts (each run twice; times on the sample rows, extrapolated to the plan's rows)\n";
    for (const VerifyScript &s : r.scripts) {
        out << "  " << (s.ok ? tick : cross) << ' ' << s.file << "  run " << s.run << "  " << secondsText(s.seconds)
            << " s  (extrapolated " << secondsText(s.extrapolatedSeconds) << " s, estimate " << s.estimateSeconds << " s)\n";
        if (!s.ok)
            out << "      " << s.error << '\n';
    }
    if (!r.skipped.isEmpty() || !r.notes.isEmpty()) {
        out << "\nSample rows\n";
        for (auto it = r.skipped.cbegin(); it != r.skipped.cend(); ++it)
            out << "  - " << it.key() << " skipped: " << it.value() << " (its INSERT and UPDATE statements are not run)\n";
        for (const QString &note : r.notes)
            out << "  note: " << note << '\n';
    }
    out << "\nStatements (each write in a transaction that is rolled back)\n";
    for (const VerifyStatement &s : r.statements) {
        const QString mark = !s.skipped.isEmpty() ? QStringLiteral("-") : s.ok ? tick : cross;
        out << "  " << mark << " A " << s.app << " on " << s.state << "  [" << s.origin << "] " << shortened(s.sql) << '\n';
        if (!s.skipped.isEmpty())
            out << "      skipped: " << s.skipped << '\n';
        else if (!s.ok)
            out << "      " << s.error << '\n';
    }
    out << "\nCells   static   executed   agree\n";
    for (const VerifyCell &c : r.cells)
        out << "  A " << c.app << " on " << c.state << "   " << (c.staticOk ? "ok  " : "FAIL") << "     "
            << (c.executedOk ? "ok  " : "FAIL") << "       " << (c.agree() ? "yes" : "NO") << '\n';
    for (const VerifyCell &c : r.cells) {
        for (const QString &reason : c.unshown)
            out << "  A " << c.app << " on " << c.state << ": not shown by execution: " << reason << '\n';
    }
    for (const QString &d : r.defects)
        out << '\n' << d << '\n';
    for (const QString &e : r.errors)
        out << "\nerror: " << e << '\n';
    out << "\nVerdict: " << (r.passed() ? "pass" : "fail") << Qt::endl;
}

} // namespace

int verify(const QStringList &args, const QString &releaseId, const QString &dsn, const QString &rowsText, bool json)
{
    if (args.size() != 1)
        return fail(QStringLiteral("verify needs exactly one PLAN"));
    if (releaseId.isEmpty())
        return fail(QStringLiteral("verify needs --release R (a release id of the plan)"));
    int rows = 1000;
    if (!rowsText.isEmpty()) {
        bool ok = false;
        rows = rowsText.toInt(&ok);
        if (!ok || rows < 1 || rows > 10'000'000)
            return fail(QStringLiteral("--rows must be a whole number from 1 to 10000000, not '%1'").arg(rowsText));
    }
    Plan plan;
    QList<PlanError> errors;
    if (!PlanFile::load(args.first(), &plan, &errors) || !PlanValidator::validate(plan, args.first(), &errors)) {
        for (PlanError e : std::as_const(errors)) {
            if (e.file.isEmpty())
                e.file = args.first();
            QTextStream(stderr) << "error: " << Connection::redact(e.toString(), e.file) << Qt::endl;
        }
        return BadInput;
    }
    const auto planned = [&](Engine &engine, const QString &onEngine) {
        if (engine.run(&errors))
            return true;
        PlanError e = errors.value(0, {{}, {}, QStringLiteral("the plan cannot be evaluated")});
        // As validate and compat, the message names the plan file; then the engine, if not its own.
        const QString file = e.file.isEmpty() ? args.first() : e.file;
        e.file.clear();
        fail(file + QStringLiteral(": ") + onEngine + e.toString());
        return false;
    };
    auto engine = std::make_unique<Engine>(plan);
    if (!planned(*engine, {}))
        return BadInput;
    if (engine->releasePosition(releaseId) <= 0)
        return fail(QStringLiteral("unknown release \"%1\" (not in the plan, or cancelled)").arg(releaseId));

    // Servers an earlier verify left when it was killed go first; an interrupted run (Ctrl+C,
    // SIGTERM from CI) stops its own server on the way out.
    for (const QString &line : ScratchServer::removeStale())
        QTextStream(stderr) << "verify: " << line << Qt::endl;
    ScratchServer::stopAllOnSignals();
    // The engine: the DSN's, or the plan's own dialect on a scratch database verify makes.
    VerifyTarget scratch;
    QString error;
    const Dialect *planDialect = Dialect::forName(plan.dialect);
    const bool opened = scratch.open(plan.dialect, dsn, &error);
    for (const QString &line : scratch.removedStale()) // killed verifies' databases on that server
        QTextStream(stderr) << "verify: " << line << Qt::endl;
    if (!opened)
        return fail(error);
    const QString target = scratch.dsn();
    const Dialect *dialect = Dialect::forName(scratch.dialect());
    if (!dialect)
        return fail(QStringLiteral("no dialect for %1").arg(scratch.dialect()));
    // On another engine than its own, the plan is planned for that engine: a kind it cannot run,
    // or SQL written for other engines only, is refused here with its reason, not by a script.
    if (dialect->name() != plan.dialect) {
        const QString onEngine = QStringLiteral("on %1 (the plan is written for %2): ")
                                     .arg(dialect->title(), planDialect ? planDialect->title() : plan.dialect);
        plan.dialect = dialect->name();
        engine = std::make_unique<Engine>(plan);
        if (!planned(*engine, onEngine))
            return BadInput;
    }

    Verifier verifier(*engine, *dialect, scratch.database());
    verifier.setRows(rows);
    scratch.timeDurably(&verifier);
    if (json)
        Terminal::suppressProgress(); // a machine format: its reader gets nothing else
    verifier.setScriptDone([](const VerifyScript &s) {
        Terminal::progressLine(QStringLiteral("%1 run %2 %3").arg(s.file).arg(s.run).arg(s.ok ? QStringLiteral("ok") : QStringLiteral("FAILED")),
                               s.seconds);
    });
    VerifyResult result;
    if (!verifier.run(releaseId, &result, &error))
        return fail(Connection::redact(error, target));
    QTextStream out(stdout);
    if (json)
        out << QJsonDocument(VerifyJson::toJson(result)).toJson(QJsonDocument::Indented);
    else
        printText(result, out);
    out.flush();
    return result.passed() ? Ok : CheckFailed;
}

} // namespace Tideline::Cli
