// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "applier.h"

#include "bundle.h"
#include "dialect.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>

namespace Tideline {

namespace {

const QString Ledger = QStringLiteral("tideline_applied");

QString firstLine(const QString &statement)
{
    return statement.section(QLatin1Char('\n'), 0, 0).trimmed();
}

/**
 * SQLite files hold their own transaction and set session pragmas around it (sqlite.org's
 * rebuild turns foreign keys off and legacy_alter_table on). The connection is the caller's:
 * this puts its settings back when the file ends, and rolls back a transaction a failed file
 * left open.
 */
class SqliteSession
{
public:
    SqliteSession(QSqlDatabase db, bool active)
        : m_db(db)
    {
        if (!active)
            return;
        for (const char *pragma : {"foreign_keys", "legacy_alter_table"}) {
            QSqlQuery query(m_db);
            if (query.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(pragma))) && query.next())
                m_settings.append({QLatin1String(pragma), query.value(0).toInt()});
        }
    }
    ~SqliteSession()
    {
        for (const auto &[pragma, value] : std::as_const(m_settings))
            QSqlQuery(m_db).exec(QStringLiteral("PRAGMA %1 = %2").arg(pragma).arg(value));
    }
    /** After a failure: a BEGIN in the file is still open; nothing of it may stay. */
    void rollBack()
    {
        if (!m_settings.isEmpty())
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK")); // fails harmlessly when none is open
    }

private:
    QSqlDatabase m_db;
    QList<std::pair<QString, int>> m_settings;
};

} // namespace

Applier::Applier(QSqlDatabase database, const Dialect &dialect)
    : m_db(database)
    , m_dialect(dialect)
{
}

bool Applier::staysOffOneMessage(const QString &statement)
{
    static const QRegularExpression leading(QStringLiteral(R"(^(\s|--[^\n]*(\n|$))*)"));
    // A statement that starts with a block comment is not looked into. A SQL-standard function
    // body (BEGIN ATOMIC … END) is split at its inner semicolons by splitStatements: such a file
    // stays off the message only because its last fragment, END, matches here.
    static const QRegularExpression control(
        QStringLiteral(R"(^(/\*|(BEGIN|START|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE|SET\s+TRANSACTION)\b))"),
        QRegularExpression::CaseInsensitiveOption);
    // PostgreSQL converts a simple-query message from the client encoding when it arrives and
    // scans all of it with the settings in force then; statement by statement, a SET of these
    // (or SET LOCAL, RESET, set_config, SET NAMES) changes how the statements after it read.
    static const QRegularExpression lexer(
        QStringLiteral(R"(\b(standard_conforming_strings|backslash_quote|client_encoding)\b|^(SET\s+(SESSION\s+|LOCAL\s+)?NAMES|RESET\s+ALL)\b)"),
        QRegularExpression::CaseInsensitiveOption);
    const QString body = statement.mid(int(leading.match(statement).capturedLength()));
    return control.match(body).hasMatch() || lexer.match(body).hasMatch();
}

bool Applier::runMessage(QSqlDatabase db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(false); // QPSQL fetches every result of the message up front only then
    bool ok = query.exec(sql);
    while (ok && query.nextResult()) {
    }
    ok = ok && !query.lastError().isValid();
    if (!ok && error)
        *error = query.lastError().text();
    query.finish();
    return ok;
}

bool Applier::ensureLedger(QString *error)
{
    // Types every engine spells alike (VARCHAR with a length, for MySQL); the timestamp is
    // ISO 8601 text so that no engine's date type or time zone rules get in the way. The
    // column names go through the dialect: "release" is reserved in MySQL.
    const auto q = [&](const char *name) { return m_dialect.quoteIdentifier(QLatin1String(name)); };
    const QString sql = QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (%2 VARCHAR(500) NOT NULL, "
                                       "%3 VARCHAR(64) NOT NULL, %4 VARCHAR(500) NOT NULL, "
                                       "%5 VARCHAR(200) NOT NULL, %6 VARCHAR(20) NOT NULL, "
                                       "%7 VARCHAR(20) NOT NULL, %8 VARCHAR(40) NOT NULL)")
                            .arg(m_dialect.quoteIdentifier(Ledger), q("path"), q("sha256"), q("plan"),
                                 q("release"), q("dialect"), q("phase"), q("applied_at"));
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        *error = QStringLiteral("cannot create the ledger table %1: %2").arg(Ledger, query.lastError().text());
        return false;
    }
    return true;
}

bool Applier::fitsLedger(const Bundle &bundle, const BundleFile &file, QString *error)
{
    const struct
    {
        const char *what;
        const QString &value;
        int limit;
        const char *column;
    } fields[] = {{"the plan name", bundle.plan, PlanNameLimit, "plan"},
                  {"the release id", bundle.release, ReleaseIdLimit, "release"},
                  {"the file path", file.path, PathLimit, "path"}};
    for (const auto &field : fields) {
        if (field.value.size() > field.limit) {
            *error = QStringLiteral("%1: %2 is %3 characters long, and the ledger %4.%5 holds at most %6; "
                                    "it could not be recorded, so nothing was run")
                         .arg(file.path.left(80), QLatin1String(field.what))
                         .arg(field.value.size())
                         .arg(Ledger, QLatin1String(field.column))
                         .arg(field.limit);
            return false;
        }
    }
    return true;
}

bool Applier::insertLedgerRow(const Bundle &bundle, const BundleFile &file, const QString &appliedAt, QString *error)
{
    const auto q = [&](const char *name) { return m_dialect.quoteIdentifier(QLatin1String(name)); };
    QSqlQuery record(m_db);
    record.prepare(QStringLiteral("INSERT INTO %1 (%2, %3, %4, %5, %6, %7, %8) VALUES (?, ?, ?, ?, ?, ?, ?)")
                       .arg(m_dialect.quoteIdentifier(Ledger), q("path"), q("sha256"), q("plan"),
                            q("release"), q("dialect"), q("phase"), q("applied_at")));
    // A null QString binds as NULL, which the NOT NULL columns refuse: an unnamed plan is ''.
    for (const QString &value : {file.path, file.sha256(), bundle.plan, bundle.release, bundle.dialect, file.phase, appliedAt})
        record.addBindValue(value.isNull() ? QStringLiteral("") : value);
    if (!record.exec()) {
        *error = record.lastError().text();
        return false;
    }
    return true;
}

bool Applier::probeLedger(const Bundle &bundle, const BundleFile &file, QString *error)
{
    if (!m_db.driver()->hasFeature(QSqlDriver::Transactions) || !m_db.transaction())
        return true; // nothing to ask with: the lengths were checked
    const QString marker = QStringLiteral("probe-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    QString reason;
    const bool ok = insertLedgerRow(bundle, file, marker, &reason);
    m_db.rollback();
    if (ok) { // a ledger table that ignores transactions (MyISAM) keeps the row: it goes
        QSqlQuery remove(m_db);
        remove.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = ?")
                           .arg(m_dialect.quoteIdentifier(Ledger), m_dialect.quoteIdentifier(QStringLiteral("applied_at"))));
        remove.addBindValue(marker);
        remove.exec();
        return true;
    }
    *error = QStringLiteral("%1: cannot be recorded in %2 (%3); nothing of it was run").arg(file.path, Ledger, reason);
    return false;
}

bool Applier::apply(const Bundle &bundle, const QString &phase, QString *error, bool allowOffline)
{
    // Whatever cannot be recorded is refused before anything runs.
    for (const BundleFile &file : bundle.files) {
        if ((phase.isEmpty() || file.phase == phase) && !fitsLedger(bundle, file, error))
            return false;
    }
    if (!phase.isEmpty()) {
        for (const BundleFile *file : bundle.phase(phase)) {
            if (!runFile(bundle, *file, error))
                return false;
        }
        return true;
    }
    // Offline scripts need a maintenance window, and later files may need what they do: either
    // the whole release runs in order, in the window, or nothing runs.
    if (bundle.hasOffline() && !allowOffline) {
        QStringList files;
        for (const BundleFile *f : bundle.phase(QStringLiteral("offline")))
            files << QStringLiteral("%1 (%2)").arg(f->path, f->offlineReason);
        *error = QStringLiteral("release %1 needs a maintenance window for %2; nothing was run. Run the "
                                "release in the window with --allow-offline (every file in order)")
                     .arg(bundle.release, files.join(QStringLiteral(", ")));
        return false;
    }
    for (const BundleFile &file : bundle.files) {
        if (!runFile(bundle, file, error))
            return false;
    }
    return true;
}

bool Applier::runFile(const Bundle &bundle, const BundleFile &file, QString *error)
{
    if (!fitsLedger(bundle, file, error) || !ensureLedger(error))
        return false;

    if (!file.guard.isEmpty()) {
        QSqlQuery guard(m_db);
        if (!guard.exec(file.guard)) {
            *error = QStringLiteral("%1: guard failed: %2 (guard: %3)")
                         .arg(file.path, guard.lastError().text(), firstLine(file.guard));
            return false;
        }
        bool applied = guard.next();
        // A guard may say why it skips (SQLite's do): a text, not the 1 of "SELECT 1"; and, in a
        // second column, that it skips only a file applied before: the database has moved past
        // what the file expects, which means a later release ran only if this file did. Else the
        // file runs, and its own check says what is wrong.
        const QVariant why = applied ? guard.value(0) : QVariant();
        const bool onlyIfApplied = applied && guard.value(1).toString() == QLatin1String("if applied before");
        guard.finish(); // SQLite cannot commit later with a statement still open
        if (onlyIfApplied) {
            const auto q = [&](const char *name) { return m_dialect.quoteIdentifier(QLatin1String(name)); };
            QSqlQuery ledger(m_db);
            ledger.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE %2 = ? AND %3 = ? AND %4 = ? AND %5 = ?")
                               .arg(m_dialect.quoteIdentifier(Ledger), q("path"), q("sha256"), q("plan"), q("release")));
            for (const QString &value : {file.path, file.sha256(), bundle.plan, bundle.release})
                ledger.addBindValue(value.isNull() ? QStringLiteral("") : value); // as recorded
            applied = ledger.exec() && ledger.next();
        }
        if (applied) {
            const bool text = why.typeId() == QMetaType::QString && !why.toString().isEmpty()
                              && why.toString() != QLatin1String("1");
            m_log << QStringLiteral("%1: skipped (guard)%2")
                         .arg(file.path, text ? QStringLiteral(": ") + why.toString() : QString());
            if (m_fileDone)
                m_fileDone(m_log.constLast());
            return true;
        }
    }

    // Applied means recorded: the row must be accepted before DDL that cannot be rolled back runs.
    if (!probeLedger(bundle, file, error))
        return false;

    const QStringList statements = m_dialect.splitStatements(QString::fromUtf8(file.content));
    const bool transaction = file.transactional && m_db.driver()->hasFeature(QSqlDriver::Transactions);
    SqliteSession session(m_db, m_dialect.isEmbedded());
    if (transaction && !m_db.transaction()) {
        *error = QStringLiteral("%1: cannot start a transaction: %2").arg(file.path, m_db.lastError().text());
        return false;
    }
    const auto fail = [&](const QString &message) {
        if (transaction)
            m_db.rollback();
        else
            session.rollBack();
        *error = message;
        return false;
    };

    // One round trip for the whole file where the engine takes it (see setOneMessage). A
    // statement's text may end in a line comment: the separator starts on a line of its own.
    bool sent = false, refused = false;
    QString refusal; // the message's own error
    if (m_oneMessage && transaction && statements.size() > 1 && m_dialect.name() == QLatin1String("postgresql")
        && std::none_of(statements.cbegin(), statements.cend(), staysOffOneMessage)) {
        sent = runMessage(m_db, statements.join(QStringLiteral("\n;\n")), &refusal);
        refused = !sent;
        if (refused) { // rolled back; the careful way below finds the statement and its own words
            m_db.rollback();
            if (!m_db.transaction()) {
                *error = QStringLiteral("%1: refused when sent as one message (%2), and then cannot start a "
                                        "transaction to run it statement by statement: %3")
                             .arg(file.path, refusal, m_db.lastError().text());
                return false;
            }
        }
    }
    for (const QString &statement : sent ? QStringList() : statements) {
        QSqlQuery query(m_db);
        if (!query.exec(statement))
            return fail(QStringLiteral("%1: %2 (statement: %3)")
                            .arg(file.path, query.lastError().text(), firstLine(statement)));
    }
    // No second chance: the refusal may hang on a lock, a sequence, a time or the order of
    // events, and `apply` runs a file once; the rerun's pass does not undo what the first run met.
    if (refused)
        return fail(QStringLiteral("%1: refused when sent as one message (%2) but accepted statement by "
                                   "statement; a result that depends on how the file is sent is no proof, "
                                   "so it fails (rolled back)")
                        .arg(file.path, refusal));

    // Recorded in the same transaction where there is one: applied and recorded together.
    {
        QString reason;
        if (!insertLedgerRow(bundle, file, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), &reason))
            return fail(transaction ? QStringLiteral("%1: cannot be recorded in %2: %3; its transaction was rolled back")
                                          .arg(file.path, Ledger, reason)
                                    : QStringLiteral("%1: ran, but cannot be recorded in %2: %3")
                                          .arg(file.path, Ledger, reason));
    }
    if (transaction && !m_db.commit())
        return fail(QStringLiteral("%1: commit failed: %2").arg(file.path, m_db.lastError().text()));

    m_log << QStringLiteral("%1: applied (%2 statement%3)")
                 .arg(file.path)
                 .arg(statements.size())
                 .arg(statements.size() == 1 ? QString() : QStringLiteral("s"));
    if (m_fileDone)
        m_fileDone(m_log.constLast());
    return true;
}

} // namespace Tideline
