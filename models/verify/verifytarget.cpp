// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "verifytarget.h"

#include <engine/engine.h>
#include <sql/connection.h>
#include <sql/dialect.h>

namespace Tideline {

bool VerifyTarget::needsDsn(const QString &dialect)
{
    const Dialect *d = Dialect::forName(dialect);
    return !d || (!d->isEmbedded() && !d->hasScratchServer());
}

QStringList VerifyTarget::usableDsns()
{
    QStringList usable;
    for (const Dialect *d : Dialect::all()) {
        if (d->isEmbedded())
            usable << d->name() + QLatin1Char(':');
        else if (d->hasScratchServer())
            usable << d->name() + QStringLiteral("://…");
    }
    return usable;
}

bool VerifyTarget::open(const QString &planDialect, const QString &dsn, QString *error, bool *dsnNeeded)
{
    if (dsnNeeded)
        *dsnNeeded = false;
    QString target = dsn;
    const Dialect *dialect = Dialect::forName(planDialect);
    if (target.isEmpty()) {
        if (dialect && dialect->isEmbedded()) {
            target = dialect->name() + QLatin1Char(':'); // a scratch file (connection.cpp)
        } else if (needsDsn(planDialect)) {
            if (dsnNeeded)
                *dsnNeeded = true;
            *error = QStringLiteral("verify cannot start a %1 itself: pass --dsn (%2) to run the plan on that engine")
                         .arg(dialect ? dialect->title() : planDialect, usableDsns().join(QStringLiteral(", ")));
            return false;
        } else {
            if (!m_server.start(planDialect, error))
                return false;
            target = m_server.dsn();
        }
    }
    m_dsn = target;
    if (!m_scratch.open(target, error)) {
        *error = QStringLiteral("%1 (DSN %2)").arg(*error, Connection::redacted(target));
        return false;
    }
    return true;
}

void VerifyTarget::timeDurably(Verifier *verifier, ScratchDatabase *scratch)
{
    ScratchDatabase *session = scratch ? scratch : &m_scratch;
    verifier->setDurability([this, session](bool durable, QString *error) {
        return m_server.setDurable(durable, session->database(), error) && session->setDurable(durable, error);
    });
}

bool VerifyTarget::verify(Plan plan, const QStringList &releases, const QString &dsn, int rows,
                          QList<VerifyResult> *results, QString *error, const Progress &progress,
                          bool *dsnNeeded)
{
    const auto planned = [&](const std::unique_ptr<Engine> &engine, const QString &onEngine) {
        QList<PlanError> errors;
        if (engine->run(&errors))
            return true;
        *error = onEngine + errors.value(0, {{}, {}, QStringLiteral("the plan cannot be evaluated")}).toString();
        return false;
    };
    auto engine = std::make_unique<Engine>(plan);
    if (!planned(engine, {}))
        return false;
    for (const QString &release : releases) {
        if (engine->releasePosition(release) <= 0) {
            *error = QStringLiteral("unknown release \"%1\" (not in the plan, or cancelled)").arg(release);
            return false;
        }
    }
    const int total = int(releases.size());
    if (progress && !progress(0, total)) {
        *error = QStringLiteral("verify was cancelled before it started");
        return false;
    }
    VerifyTarget target;
    if (!target.open(plan.dialect, dsn, error, dsnNeeded))
        return false;
    const Dialect *dialect = Dialect::forName(target.dialect());
    if (!dialect) {
        *error = QStringLiteral("no dialect for %1").arg(target.dialect());
        return false;
    }
    if (dialect->name() != plan.dialect) {
        const Dialect *own = Dialect::forName(plan.dialect);
        const QString onEngine = QStringLiteral("on %1 (the plan is written for %2): ")
                                     .arg(dialect->title(), own ? own->title() : plan.dialect);
        plan.dialect = dialect->name();
        engine = std::make_unique<Engine>(plan);
        if (!planned(engine, onEngine))
            return false;
    }
    for (int done = 0; done < total; ++done) {
        if (done > 0 && progress && !progress(done, total))
            return true; // stopped: what was verified is in results
        // Each release on an empty database of its own (on the same server): the verifier
        // builds S_{R-1} from the baseline.
        ScratchDatabase next;
        QSqlDatabase db = target.database();
        if (done > 0) {
            if (!next.open(target.dsn(), error))
                return false;
            db = next.database();
        }
        Verifier verifier(*engine, *dialect, db);
        verifier.setRows(rows);
        target.timeDurably(&verifier, done > 0 ? &next : nullptr);
        VerifyResult result;
        if (!verifier.run(releases.at(done), &result, error)) {
            *error = Connection::redact(*error, target.dsn());
            return false;
        }
        results->append(result);
    }
    if (progress)
        progress(total, total);
    return true;
}

} // namespace Tideline
