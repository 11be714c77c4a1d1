// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "planstore.h"

#include <io/planjson.h>

#include <QFile>
#include <QHash>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <QVariant>

#include <sqlite3.h>

#include <functional>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

constexpr QStringView FormatTag = u"tideline-plan";

/** The statements that bring a file from storage version `version - 1` to `version`. */
struct Migration
{
    int version;
    QStringList statements;
};

// Ordered; a new storage version is one more entry at the end. Never edit a published entry.
// The meta table and its format tag stay in every version: open() recognises a plan by them.
const QList<Migration> &migrations()
{
    static const QList<Migration> list{
        {1,
         {
             uR"(CREATE TABLE IF NOT EXISTS meta (
                     key   TEXT PRIMARY KEY,
                     value TEXT NOT NULL))"_s,
             uR"(INSERT OR REPLACE INTO meta (key, value) VALUES ('format', 'tideline-plan'))"_s,
             uR"(CREATE TABLE settings (
                     id             INTEGER PRIMARY KEY CHECK (id = 1),
                     name           TEXT NOT NULL,
                     dialect        TEXT NOT NULL,
                     rollback_safe  INTEGER NOT NULL,
                     backfill_batch INTEGER NOT NULL))"_s,
             uR"(INSERT INTO settings VALUES (1, '', 'postgresql', 1, 1000))"_s,
             uR"(CREATE TABLE releases (
                     position INTEGER NOT NULL,
                     id       TEXT NOT NULL UNIQUE,
                     label    TEXT NOT NULL,
                     date     TEXT,
                     status   TEXT NOT NULL
                              CHECK (status IN ('planned', 'deployed', 'cancelled'))))"_s,
             uR"(CREATE TABLE baseline (
                     id              INTEGER PRIMARY KEY CHECK (id = 1),
                     sql             TEXT NOT NULL,
                     tables_json     TEXT NOT NULL,
                     views_json      TEXT NOT NULL,
                     procedures_json TEXT NOT NULL))"_s,
             uR"(INSERT INTO baseline VALUES (1, '', '[]', '[]', '[]'))"_s,
             uR"(CREATE TABLE baseline_rows (
                     table_name TEXT PRIMARY KEY,
                     row_count  INTEGER NOT NULL CHECK (row_count >= 0)))"_s,
             uR"(CREATE TABLE refactorings (
                     position    INTEGER NOT NULL,
                     id          TEXT NOT NULL UNIQUE,
                     kind        TEXT NOT NULL,
                     start       TEXT NOT NULL,
                     params_json TEXT NOT NULL,
                     moves_json  TEXT NOT NULL,
                     note        TEXT NOT NULL))"_s,
             uR"(CREATE TABLE usage_edits (
                     position INTEGER PRIMARY KEY,
                     json     TEXT NOT NULL))"_s,
         }},
        {2,
         {
             uR"(ALTER TABLE settings ADD COLUMN lock_timeout TEXT NOT NULL DEFAULT '1s')"_s,
             uR"(ALTER TABLE settings ADD COLUMN statement_timeout TEXT NOT NULL DEFAULT '5s')"_s,
         }},
        {3,
         {
             uR"(ALTER TABLE settings ADD COLUMN max_contract_age INTEGER NOT NULL DEFAULT 3)"_s,
             uR"(CREATE TABLE app_statements (
                     release  TEXT NOT NULL,
                     position INTEGER NOT NULL,
                     sql      TEXT NOT NULL,
                     PRIMARY KEY (release, position)))"_s,
             uR"(CREATE TABLE acknowledgements (
                     position INTEGER PRIMARY KEY,
                     json     TEXT NOT NULL))"_s,
         }},
        {4,
         {
             // Baseline objects beside tables, views and procedures (sequences, enum types).
             uR"(ALTER TABLE baseline ADD COLUMN sequences_json TEXT NOT NULL DEFAULT '[]')"_s,
             uR"(ALTER TABLE baseline ADD COLUMN enums_json TEXT NOT NULL DEFAULT '[]')"_s,
         }},
        {5,
         {
             // Refactorings that depend on others ("after": their ids, as a JSON array).
             uR"(ALTER TABLE refactorings ADD COLUMN after_json TEXT NOT NULL DEFAULT '[]')"_s,
         }},
        {6,
         {
             // Deployed is history: what a release shipped when it was marked deployed (a JSON
             // object; NULL for releases never marked through the edit API), and the log of
             // releases marked deployed and re-opened.
             uR"(ALTER TABLE releases ADD COLUMN shipped_json TEXT)"_s,
             uR"(CREATE TABLE history (
                     position INTEGER PRIMARY KEY,
                     json     TEXT NOT NULL))"_s,
         }},
        {7,
         {
             // The baseline a deployed release shipped on, in fields of its own (version 6 kept
             // it in shipped_json as a "(baseline)" entry, which reading still turns into these).
             uR"(ALTER TABLE releases ADD COLUMN baseline_sha256 TEXT)"_s,
             uR"(ALTER TABLE releases ADD COLUMN baseline_algorithm INTEGER)"_s,
         }},
    };
    return list;
}

QString compact(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

bool hasSqliteHeader(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(16) == QByteArray("SQLite format 3\0", 16);
}

// The SQLite connection under a QSQLITE one (the same libsqlite3 the driver links).
sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(handle.constData());
    return nullptr;
}

/** Copies the whole of database @p from over @p to with SQLite's backup API: one write
 *  transaction of @p to, under its lock and journal. Returns SQLite's result code. */
int copyDatabase(sqlite3 *to, sqlite3 *from)
{
    if (!to || !from)
        return SQLITE_MISUSE;
    sqlite3_backup *backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup)
        return sqlite3_errcode(to);
    const int step = sqlite3_backup_step(backup, -1);
    const int finish = sqlite3_backup_finish(backup);
    return step == SQLITE_DONE ? finish : step;
}

// A lock held by another process, or a file SQLite finds corrupt: faults the user can act on.
bool isLocked(int code)
{
    return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED;
}

bool isDamaged(int code)
{
    return (code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB;
}

bool isFault(int code)
{
    return isLocked(code) || isDamaged(code);
}

/** What a failure of SQLite means for the plan file; empty when SQLite's own words say it. */
QString describeSqlite(int code, const QString &sqliteText)
{
    if (isLocked(code))
        return PlanStore::lockedMessage();
    if (isDamaged(code))
        return u"damaged plan file (%1)"_s.arg(sqliteText);
    return {};
}

} // namespace

QString PlanStore::lockedMessage()
{
    return u"locked by another process, which is reading or writing it; try again when it has finished"_s;
}

struct PlanStore::Private
{
    QString m_connection;
    QSqlDatabase m_db;     // the file
    QSqlDatabase m_memory; // an older file, copied and migrated for reading (or not open)
    bool m_inMemory = false; // whether queries go to m_memory
    int m_fileVersion = 0;   // the storage version of the file, as last read
    QString m_error;
    int m_code = SQLITE_OK; // SQLite's result code of the last failure; OK for our own

    QSqlDatabase &db() { return m_inMemory ? m_memory : m_db; }

    bool fail(const QString &message)
    {
        m_error = message;
        m_code = SQLITE_OK;
        return false;
    }

    /** A failure of SQLite: a lock or a corrupt file is named as such, anything else in
     *  SQLite's and Qt's words. */
    bool failSql(const QSqlError &error)
    {
        const int code = error.nativeErrorCode().toInt();
        m_error = describeSqlite(code, error.databaseText());
        if (m_error.isEmpty())
            m_error = error.text();
        m_code = code;
        return false;
    }

    bool failNewer(int version)
    {
        return fail(u"written by a newer Tideline (storage version %1; this build supports up "
                    "to %2); open it with a newer Tideline"_s
                        .arg(QString::number(version), QString::number(StorageVersion)));
    }

    bool failCode(int code)
    {
        const QString text = QString::fromUtf8(sqlite3_errstr(code));
        m_error = describeSqlite(code, text);
        if (m_error.isEmpty())
            m_error = text;
        m_code = code;
        return false;
    }

    /** Puts @p pattern around the last message, unless it already names a lock or damage. */
    bool wrap(const QString &pattern)
    {
        if (!isFault(m_code))
            m_error = pattern.arg(m_error);
        return false;
    }

    bool exec(QSqlQuery *query, const QString &sql, const QVariantList &values = {})
    {
        *query = QSqlQuery(db());
        if (!query->prepare(sql))
            return failSql(query->lastError());
        for (const QVariant &value : values) {
            // A null QString binds as SQL NULL; our text columns hold '' instead.
            const bool nullText = value.typeId() == QMetaType::QString && value.toString().isNull();
            query->addBindValue(nullText ? QVariant(u""_s) : value);
        }
        return query->exec() || failSql(query->lastError());
    }

    bool exec(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(db());
        return exec(&query, sql, values);
    }

    // The first column of the first row, or an invalid QVariant when there is none.
    bool scalar(const QString &sql, const QVariantList &values, QVariant *out)
    {
        QSqlQuery query(db());
        if (!exec(&query, sql, values))
            return false;
        *out = query.next() ? query.value(0) : QVariant();
        return true;
    }

    /**
     * Runs work in one transaction of db(): all of it is committed, or none of it. A write
     * begins IMMEDIATE, taking the file's write lock before it reads anything, and first brings
     * an older file to the current version: the migration is written with the edit or not at
     * all.
     */
    bool transaction(const std::function<bool()> &work, bool write)
    {
        if (!m_db.isOpen())
            return fail(u"no plan file is open"_s);
        if (!exec(write ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s))
            return false;
        if ((!write || migrate()) && work() && exec(u"COMMIT"_s)) {
            if (write && !m_inMemory)
                wroteCurrentVersion();
            return true;
        }
        QSqlQuery(db()).exec(u"ROLLBACK"_s); // keeps m_error: the failure is what matters
        return false;
    }

    bool read(const std::function<bool()> &work);
    bool migrate();
    bool copyIntoMemory();
    void wroteCurrentVersion();
    void dropMemory();
    bool connect(QSqlDatabase *db, const QString &name, const QString &path);
    bool checkVersion(bool create);

    bool writeSettings(const Plan &plan);
    bool writeBaseline(const Baseline &baseline);
    bool insertRelease(const Release &release, int position);
    bool insertRefactoring(const Refactoring &refactoring, int position);
    bool writeUsage(const QList<UsageEdit> &usage);
    bool writeStatements(const QMap<QString, QStringList> &statements);
    bool writeAcknowledgements(const QList<Acknowledgement> &acknowledgements);
    bool writeHistory(const QList<HistoryEntry> &history);
    bool put(const QString &table, const QString &id, int position,
             const std::function<bool()> &insert);
    bool remove(const QString &table, const QString &what, const QString &id);

    bool loadInto(Plan *plan);
    /** Every row of @p name (one of our tables), with its column names (for toRows). */
    bool readTable(const QString &name, TableRows *table)
    {
        QSqlQuery query(m_db);
        if (!exec(&query, u"SELECT * FROM %1"_s.arg(name)))
            return false;
        const QSqlRecord record = query.record();
        for (int i = 0; i < record.count(); ++i)
            table->columns << record.fieldName(i);
        while (query.next()) {
            QVariantList row;
            for (int i = 0; i < record.count(); ++i)
                row << (query.isNull(i) ? QVariant() : query.value(i));
            table->rows << row;
        }
        return true;
    }
};

bool PlanStore::Private::connect(QSqlDatabase *db, const QString &name, const QString &path)
{
    *db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db->setDatabaseName(path);
    // Qt's default waits 5 s in silence; a lock held longer than a moment is named instead.
    db->setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
    if (!db->open())
        return failSql(db->lastError());
    // Sorts and statement journals stay in memory: a full or missing TMPDIR is no fault of
    // the plan file's.
    QSqlQuery query(*db);
    return query.exec(u"PRAGMA temp_store = MEMORY"_s) || failSql(query.lastError());
}

// Brings db() from the version it holds to StorageVersion, inside the caller's transaction.
bool PlanStore::Private::migrate()
{
    QVariant value;
    if (!scalar(u"PRAGMA user_version"_s, {}, &value))
        return false;
    const int version = value.toInt();
    if (version > StorageVersion)
        return failNewer(version);
    for (const Migration &migration : migrations()) {
        if (migration.version <= version)
            continue;
        for (const QString &statement : migration.statements) {
            if (!exec(statement))
                return wrap(u"cannot migrate to storage version %1: %2"_s.arg(
                    QString::number(migration.version), u"%1"_s));
        }
        // PRAGMA takes no bound values; the version is our own integer.
        if (!exec(u"PRAGMA user_version = %1"_s.arg(migration.version)))
            return false;
    }
    return true;
}

void PlanStore::Private::wroteCurrentVersion()
{
    m_fileVersion = StorageVersion;
    dropMemory(); // the copy of the older file has served its time
}

void PlanStore::Private::dropMemory()
{
    if (!m_memory.isValid())
        return;
    const QString name = m_memory.connectionName();
    m_memory.close();
    m_memory = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

// An older file, read: copied into memory with SQLite's backup API and migrated there, once.
bool PlanStore::Private::copyIntoMemory()
{
    if (m_memory.isOpen())
        return true;
    if (!connect(&m_memory, m_connection + u"-memory"_s, u":memory:"_s)) {
        dropMemory();
        return false;
    }
    const int code = copyDatabase(handleOf(m_memory), handleOf(m_db));
    m_inMemory = true;
    const bool migrated = code == SQLITE_OK ? transaction([this] { return migrate(); }, false)
                                            : failCode(code);
    m_inMemory = false;
    if (!migrated)
        dropMemory(); // a half-made copy is not one: the next read starts again
    return migrated;
}

// One read transaction: of the file, or of its migrated copy when the file is older.
bool PlanStore::Private::read(const std::function<bool()> &work)
{
    if (!m_db.isOpen())
        return fail(u"no plan file is open"_s);
    if (m_fileVersion < StorageVersion && !copyIntoMemory())
        return false;
    m_inMemory = m_fileVersion < StorageVersion;
    const bool ok = transaction(work, false);
    m_inMemory = false;
    return ok;
}

bool PlanStore::Private::checkVersion(bool create)
{
    QVariant value;
    if (!scalar(u"PRAGMA user_version"_s, {}, &value))
        return wrap(u"not a Tideline plan (%1)"_s);
    const int version = value.toInt();

    if (!scalar(u"SELECT count(*) FROM sqlite_master"_s, {}, &value))
        return wrap(u"not a Tideline plan (%1)"_s);
    const bool empty = value.toInt() == 0;
    bool tagged = false;
    if (!empty) {
        QVariant hasMeta;
        if (!scalar(u"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"_s, {},
                    &hasMeta))
            return wrap(u"not a Tideline plan (%1)"_s);
        if (hasMeta.isValid()) {
            if (!scalar(u"SELECT value FROM meta WHERE key = 'format'"_s, {}, &value))
                return wrap(u"not a Tideline plan (%1)"_s);
            tagged = value.toString() == FormatTag;
        }
    }
    if (!tagged && !(empty && create))
        return fail(u"not a Tideline plan (%1)"_s.arg(empty ? u"empty database"_s
                                                            : u"no Tideline format tag"_s));
    if (version > StorageVersion)
        return failNewer(version);
    m_fileVersion = version;
    // A new plan is written now (that is what create asks for); an existing one only by the
    // first edit or save.
    if (empty && create)
        return transaction([] { return true; }, true);
    return true;
}

bool PlanStore::Private::writeSettings(const Plan &plan)
{
    return exec(uR"(INSERT OR REPLACE INTO settings
                        (id, name, dialect, rollback_safe, backfill_batch, lock_timeout,
                         statement_timeout, max_contract_age)
                    VALUES (1, ?, ?, ?, ?, ?, ?, ?))"_s,
                {plan.name, plan.dialect, plan.policy.rollbackSafe, plan.policy.backfillBatch,
                 plan.policy.lockTimeout, plan.policy.statementTimeout,
                 plan.policy.maxContractAge});
}

bool PlanStore::Private::writeBaseline(const Baseline &baseline)
{
    if (!exec(uR"(INSERT OR REPLACE INTO baseline
                      (id, sql, tables_json, views_json, procedures_json, sequences_json,
                       enums_json)
                  VALUES (1, ?, ?, ?, ?, ?, ?))"_s,
              {baseline.sql, compact(PlanJson::schemaToJson(baseline.schema)),
               compact(PlanJson::viewsToJson(baseline.schema)),
               compact(PlanJson::proceduresToJson(baseline.schema)),
               compact(PlanJson::sequencesToJson(baseline.schema)),
               compact(PlanJson::enumsToJson(baseline.schema))})
        || !exec(u"DELETE FROM baseline_rows"_s)) {
        return false;
    }
    for (auto it = baseline.rows.constBegin(); it != baseline.rows.constEnd(); ++it) {
        if (!exec(u"INSERT INTO baseline_rows (table_name, row_count) VALUES (?, ?)"_s,
                  {it.key(), it.value()}))
            return false;
    }
    return true;
}

bool PlanStore::Private::insertRelease(const Release &release, int position)
{
    const QVariant date = release.date.isValid() ? QVariant(release.date.toString(Qt::ISODate))
                                                 : QVariant();
    const QVariant shipped = release.shippedRecorded
                                 ? QVariant(compact(PlanJson::shippedToJson(release.shipped)))
                                 : QVariant();
    const bool baseline = release.shippedRecorded && !release.baselineSha256.isEmpty();
    return exec(uR"(INSERT INTO releases (position, id, label, date, status, shipped_json,
                                          baseline_sha256, baseline_algorithm)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?))"_s,
                {position, release.id, release.label, date, Release::statusName(release.status),
                 shipped, baseline ? QVariant(release.baselineSha256) : QVariant(),
                 baseline ? QVariant(release.baselineAlgorithm) : QVariant()})
           || fail(u"cannot put release \"%1\": %2"_s.arg(release.id, m_error));
}

bool PlanStore::Private::insertRefactoring(const Refactoring &refactoring, int position)
{
    QJsonObject moves;
    for (auto it = refactoring.moves.constBegin(); it != refactoring.moves.constEnd(); ++it)
        moves.insert(it.key(), it.value());
    return exec(uR"(INSERT INTO refactorings
                        (position, id, kind, start, params_json, moves_json, note, after_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?))"_s,
                {position, refactoring.id, refactoring.kind, refactoring.start,
                 compact(refactoring.params), compact(moves), refactoring.note,
                 compact(QJsonArray::fromStringList(refactoring.after))})
           || fail(u"cannot put refactoring \"%1\": %2"_s.arg(refactoring.id, m_error));
}

bool PlanStore::Private::writeUsage(const QList<UsageEdit> &usage)
{
    if (!exec(u"DELETE FROM usage_edits"_s))
        return false;
    for (qsizetype i = 0; i < usage.size(); ++i) {
        if (!exec(u"INSERT INTO usage_edits (position, json) VALUES (?, ?)"_s,
                  {i, compact(PlanJson::usageEditToJson(usage.at(i)))}))
            return false;
    }
    return true;
}

bool PlanStore::Private::writeStatements(const QMap<QString, QStringList> &statements)
{
    if (!exec(u"DELETE FROM app_statements"_s))
        return false;
    for (auto it = statements.constBegin(); it != statements.constEnd(); ++it) {
        for (qsizetype i = 0; i < it.value().size(); ++i) {
            if (!exec(u"INSERT INTO app_statements (release, position, sql) VALUES (?, ?, ?)"_s,
                      {it.key(), i, it.value().at(i)}))
                return false;
        }
    }
    return true;
}

bool PlanStore::Private::writeAcknowledgements(const QList<Acknowledgement> &acknowledgements)
{
    if (!exec(u"DELETE FROM acknowledgements"_s))
        return false;
    for (qsizetype i = 0; i < acknowledgements.size(); ++i) {
        if (!exec(u"INSERT INTO acknowledgements (position, json) VALUES (?, ?)"_s,
                  {i, compact(PlanJson::acknowledgementToJson(acknowledgements.at(i)))}))
            return false;
    }
    return true;
}

bool PlanStore::Private::writeHistory(const QList<HistoryEntry> &history)
{
    if (!exec(u"DELETE FROM history"_s))
        return false;
    for (qsizetype i = 0; i < history.size(); ++i) {
        if (!exec(u"INSERT INTO history (position, json) VALUES (?, ?)"_s,
                  {i, compact(PlanJson::historyEntryToJson(history.at(i)))}))
            return false;
    }
    return true;
}

// Replaces the row of `id` when it sits at `position`, otherwise inserts at `position` and
// shifts the rows after it; an id that exists elsewhere then violates UNIQUE and rolls back.
bool PlanStore::Private::put(const QString &table, const QString &id, int position,
                             const std::function<bool()> &insert)
{
    // `table` is one of our own table names, never user text.
    return transaction([&] {
        QVariant count;
        QVariant current;
        if (!scalar(u"SELECT count(*) FROM %1"_s.arg(table), {}, &count)
            || !scalar(u"SELECT position FROM %1 WHERE id = ?"_s.arg(table), {id}, &current))
            return false;
        if (current.isValid() && current.toInt() == position)
            return exec(u"DELETE FROM %1 WHERE id = ?"_s.arg(table), {id}) && insert();
        if (position < 0 || position > count.toInt())
            return fail(u"position %1 is out of range (0 to %2)"_s.arg(
                QString::number(position), count.toString()));
        return exec(u"UPDATE %1 SET position = position + 1 WHERE position >= ?"_s.arg(table),
                    {position})
               && insert();
    }, true);
}

bool PlanStore::Private::remove(const QString &table, const QString &what, const QString &id)
{
    return transaction([&] {
        QVariant position;
        if (!scalar(u"SELECT position FROM %1 WHERE id = ?"_s.arg(table), {id}, &position))
            return false;
        if (!position.isValid())
            return fail(u"there is no %1 \"%2\""_s.arg(what, id));
        return exec(u"DELETE FROM %1 WHERE id = ?"_s.arg(table), {id})
               && exec(u"UPDATE %1 SET position = position - 1 WHERE position > ?"_s.arg(table),
                       {position});
    }, true);
}

bool PlanStore::Private::loadInto(Plan *plan)
{
    const auto damaged = [this](const QString &what) {
        return fail(u"damaged plan file (%1)"_s.arg(what));
    };
    // A JSON column that does not hold the JSON it should is named, not read as empty: an empty
    // baseline or parameter list would only surface later as a misleading "unknown table".
    QString badJson;
    const auto json = [&badJson](const QVariant &text, const QString &column, bool array) {
        const QJsonDocument document = QJsonDocument::fromJson(text.toString().toUtf8());
        if ((array ? !document.isArray() : !document.isObject()) && badJson.isEmpty())
            badJson = column;
        return document;
    };
    const auto jsonArray = [&json](const QVariant &text, const QString &column) {
        return json(text, column, true).array();
    };
    const auto jsonObject = [&json](const QVariant &text, const QString &column) {
        return json(text, column, false).object();
    };

    QSqlQuery query(m_db);
    if (!exec(&query, u"SELECT name, dialect, rollback_safe, backfill_batch, lock_timeout, "
                      u"statement_timeout, max_contract_age FROM settings"_s))
        return false;
    if (!query.next())
        return damaged(u"no settings"_s);
    plan->name = query.value(0).toString();
    plan->dialect = query.value(1).toString();
    plan->policy.rollbackSafe = query.value(2).toBool();
    plan->policy.backfillBatch = query.value(3).toInt();
    plan->policy.lockTimeout = query.value(4).toString();
    plan->policy.statementTimeout = query.value(5).toString();
    plan->policy.maxContractAge = query.value(6).toInt();

    if (!exec(&query, uR"(SELECT id, label, date, status, shipped_json, baseline_sha256, baseline_algorithm
                          FROM releases ORDER BY position)"_s))
        return false;
    QList<PlanError> errors;
    while (query.next()) {
        // A date that is not one is named, as the JSON reader names it, never dropped.
        const QString date = query.value(2).toString();
        Release release{query.value(0).toString(), query.value(1).toString(),
                        QDate::fromString(date, u"yyyy-MM-dd"_s)};
        if (!date.isEmpty()
            && (!release.date.isValid() || release.date.toString(Qt::ISODate) != date))
            return fail(u"releases[%1].date: expected a date as YYYY-MM-DD, found \"%2\""_s.arg(
                QString::number(plan->releases.size()), date));
        if (!Release::statusFromName(query.value(3).toString(), &release.status))
            return damaged(u"release \"%1\" has an unknown status"_s.arg(release.id));
        if (!query.value(4).isNull()) {
            release.shippedRecorded = true;
            PlanJson::shippedFromJson(jsonObject(query.value(4),
                                                 u"releases.shipped_json of \"%1\""_s.arg(release.id)),
                                      &release.shipped, &errors, {},
                                      u"releases.shipped of \"%1\""_s.arg(release.id));
            PlanJson::takeLegacyBaseline(&release); // written by version 6
            if (!query.value(5).isNull()) {
                const QString field = u"releases.baseline of \"%1\""_s.arg(release.id);
                PlanJson::shippedBaselineFromJson({{u"sha256"_s, query.value(5).toString()},
                                                   {u"algorithm"_s, query.value(6).toDouble()}},
                                                  &release, &errors, {}, field);
            }
        }
        plan->releases.append(release);
    }

    if (!exec(&query, uR"(SELECT sql, tables_json, views_json, procedures_json, sequences_json,
                                 enums_json FROM baseline)"_s))
        return false;
    if (!query.next())
        return damaged(u"no baseline"_s);
    plan->baseline.sql = query.value(0).toString();
    PlanJson::schemaFromJson(jsonArray(query.value(1), u"baseline.tables_json"_s),
                             &plan->baseline.schema, &errors, {},
                             u"baseline.tables"_s);
    PlanJson::viewsFromJson(jsonArray(query.value(2), u"baseline.views_json"_s),
                            &plan->baseline.schema, &errors, {},
                            u"baseline.views"_s);
    PlanJson::proceduresFromJson(jsonArray(query.value(3), u"baseline.procedures_json"_s),
                                 &plan->baseline.schema, &errors, {},
                                 u"baseline.procedures"_s);
    PlanJson::sequencesFromJson(jsonArray(query.value(4), u"baseline.sequences_json"_s),
                                &plan->baseline.schema, &errors, {}, u"baseline.sequences"_s);
    PlanJson::enumsFromJson(jsonArray(query.value(5), u"baseline.enums_json"_s),
                            &plan->baseline.schema, &errors, {}, u"baseline.enums"_s);

    if (!exec(&query, u"SELECT table_name, row_count FROM baseline_rows"_s))
        return false;
    while (query.next())
        plan->baseline.rows.insert(query.value(0).toString(), query.value(1).toLongLong());

    if (!exec(&query, uR"(SELECT id, kind, start, params_json, moves_json, note, after_json
                          FROM refactorings ORDER BY position)"_s))
        return false;
    while (query.next()) {
        Refactoring refactoring{query.value(0).toString(), query.value(1).toString(),
                                query.value(2).toString(),
                                jsonObject(query.value(3),
                                           u"refactorings.params_json of \"%1\""_s.arg(
                                               query.value(0).toString())),
                                {}, query.value(5).toString()};
        const QJsonObject moves = jsonObject(query.value(4),
                                             u"refactorings.moves_json of \"%1\""_s.arg(
                                                 query.value(0).toString()));
        for (auto it = moves.constBegin(); it != moves.constEnd(); ++it)
            refactoring.moves.insert(it.key(), it.value().toString());
        const QJsonArray after = jsonArray(query.value(6), u"refactorings.after_json of \"%1\""_s.arg(
                                                               query.value(0).toString()));
        for (const QJsonValue &id : after)
            refactoring.after.append(id.toString());
        plan->refactorings.append(refactoring);
    }

    if (!exec(&query, u"SELECT position, json FROM usage_edits ORDER BY position"_s))
        return false;
    while (query.next()) {
        UsageEdit edit;
        PlanJson::usageEditFromJson(jsonObject(query.value(1),
                                               u"usage_edits.json at %1"_s.arg(
                                                   query.value(0).toString())), &edit, &errors, {},
                                    u"usage[%1]"_s.arg(query.value(0).toString()));
        plan->usage.append(edit);
    }

    if (!exec(&query, u"SELECT release, sql FROM app_statements ORDER BY release, position"_s))
        return false;
    while (query.next())
        plan->statements[query.value(0).toString()].append(query.value(1).toString());

    if (!exec(&query, u"SELECT position, json FROM acknowledgements ORDER BY position"_s))
        return false;
    while (query.next()) {
        Acknowledgement ack;
        PlanJson::acknowledgementFromJson(jsonObject(query.value(1),
                                                     u"acknowledgements.json at %1"_s.arg(
                                                         query.value(0).toString())),
                                          &ack, &errors, {},
                                          u"acknowledgements[%1]"_s.arg(query.value(0).toString()));
        plan->acknowledgements.append(ack);
    }

    if (!exec(&query, u"SELECT position, json FROM history ORDER BY position"_s))
        return false;
    while (query.next()) {
        HistoryEntry entry;
        PlanJson::historyEntryFromJson(jsonObject(query.value(1),
                                                  u"history.json at %1"_s.arg(
                                                      query.value(0).toString())),
                                       &entry, &errors, {},
                                       u"history[%1]"_s.arg(query.value(0).toString()));
        plan->history.append(entry);
    }

    if (!badJson.isEmpty())
        return damaged(u"%1 is not valid JSON of the expected shape"_s.arg(badJson));
    if (!errors.isEmpty())
        return damaged(errors.constFirst().toString());
    return true;
}

PlanStore::PlanStore() : d(new Private) {}

PlanStore::~PlanStore()
{
    close();
    delete d;
}

bool PlanStore::open(const QString &path, bool create)
{
    close();
    d->m_error.clear();
    const QFileInfo info(path);
    const bool existed = info.exists();
    if (!existed && !create)
        return d->fail(u"file not found"_s);
    if (existed && info.size() > 0 && !hasSqliteHeader(path))
        return d->fail(u"not a Tideline plan (not an SQLite database)"_s);

    d->m_connection = u"tideline-planstore-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = d->connect(&d->m_db, d->m_connection, path) && d->checkVersion(create);
    if (!ok) {
        const QString error = d->m_error;
        const int code = d->m_code;
        close();
        if (!existed)
            QFile::remove(path); // Leave no half-made file behind.
        d->m_error = error;
        d->m_code = code;
    }
    return ok;
}

void PlanStore::close()
{
    if (d->m_connection.isEmpty())
        return;
    d->dropMemory(); // an older file's copy
    d->m_db.close();
    d->m_db = QSqlDatabase(); // The last handle must be gone before removeDatabase().
    QSqlDatabase::removeDatabase(d->m_connection);
    d->m_connection.clear();
    d->m_fileVersion = 0;
}

bool PlanStore::isOpen() const
{
    return d->m_db.isOpen();
}

bool PlanStore::load(Plan *plan)
{
    Plan result;
    // One read transaction gives a consistent snapshot of all tables.
    if (!d->read([&] { return d->loadInto(&result); })) {
        // A plan's own table or column that is missing: the file is not what its tag says.
        if ((d->m_code & 0xff) == SQLITE_ERROR)
            d->m_error = u"damaged plan file (%1)"_s.arg(d->m_error);
        return false;
    }
    *plan = result;
    return true;
}

bool PlanStore::save(const Plan &plan)
{
    return d->transaction([&] {
        if (!d->writeSettings(plan) || !d->writeBaseline(plan.baseline)
            || !d->writeUsage(plan.usage) || !d->writeStatements(plan.statements)
            || !d->writeAcknowledgements(plan.acknowledgements)
            || !d->writeHistory(plan.history)
            || !d->exec(u"DELETE FROM releases"_s)
            || !d->exec(u"DELETE FROM refactorings"_s))
            return false;
        for (qsizetype i = 0; i < plan.releases.size(); ++i) {
            if (!d->insertRelease(plan.releases.at(i), int(i)))
                return false;
        }
        for (qsizetype i = 0; i < plan.refactorings.size(); ++i) {
            if (!d->insertRefactoring(plan.refactorings.at(i), int(i)))
                return false;
        }
        return true;
    }, true);
}

bool PlanStore::setSettings(const Plan &plan)
{
    return d->transaction([&] { return d->writeSettings(plan); }, true);
}

bool PlanStore::setBaseline(const Baseline &baseline)
{
    return d->transaction([&] { return d->writeBaseline(baseline); }, true);
}

bool PlanStore::putRelease(const Release &release, int position)
{
    return d->put(u"releases"_s, release.id, position,
                  [&] { return d->insertRelease(release, position); });
}

bool PlanStore::removeRelease(const QString &id)
{
    return d->remove(u"releases"_s, u"release"_s, id);
}

bool PlanStore::putRefactoring(const Refactoring &refactoring, int position)
{
    return d->put(u"refactorings"_s, refactoring.id, position,
                  [&] { return d->insertRefactoring(refactoring, position); });
}

bool PlanStore::removeRefactoring(const QString &id)
{
    return d->remove(u"refactorings"_s, u"refactoring"_s, id);
}

bool PlanStore::setUsage(const QList<UsageEdit> &usage)
{
    return d->transaction([&] { return d->writeUsage(usage); }, true);
}

QString PlanStore::errorString() const
{
    return d->m_error;
}

int PlanStore::fileVersion() const
{
    return d->m_fileVersion;
}

bool PlanStore::write(const QString &path, const Plan &plan, QString *error)
{
    const auto failed = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    PlanStore built;
    built.d->m_connection = u"tideline-planstore-"_s
                            + QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!built.d->connect(&built.d->m_db, built.d->m_connection, u":memory:"_s)
        || !built.d->checkVersion(true) || !built.save(plan))
        return failed(built.errorString());
    sqlite3 *source = handleOf(built.d->m_db);
    if (!source)
        return failed(u"the SQLite driver gives no handle to write the plan through"_s);

    if (QFileInfo(path).size() > 0 && hasSqliteHeader(path)) {
        // An SQLite database: written through SQLite, under its lock and journal.
        const QString name = built.d->m_connection + u"-target"_s;
        int code = SQLITE_OK;
        {
            QSqlDatabase target;
            Private *p = built.d;
            if (!p->connect(&target, name, path))
                code = p->m_code == SQLITE_OK ? SQLITE_CANTOPEN : p->m_code;
            else
                code = copyDatabase(handleOf(target), source);
            target.close();
        }
        QSqlDatabase::removeDatabase(name);
        if (code == SQLITE_OK)
            return true;
        // A file SQLite cannot read as a database at all is replaced whole, as any other file.
        if ((code & 0xff) != SQLITE_NOTADB) {
            built.d->failCode(code);
            return failed(isLocked(code) ? built.errorString()
                                         : u"cannot write: %1"_s.arg(built.errorString()));
        }
    }

    // No database yet (or not one): the new one is written beside the target and renamed over
    // it (QSaveFile), so a crash leaves no file or a whole plan, never half of one.
    sqlite3_int64 size = 0;
    unsigned char *bytes = sqlite3_serialize(source, "main", &size, 0);
    if (!bytes)
        return failed(u"cannot serialise the new plan: %1"_s.arg(
            QString::fromUtf8(sqlite3_errmsg(source))));
    const QByteArray data(reinterpret_cast<const char *>(bytes), qsizetype(size));
    sqlite3_free(bytes);
    // A journal beside a file that is no database belongs to a database that is gone; beside
    // the new plan it would look hot and be rolled into it on the next open.
    const QString journal = path + u"-journal"_s;
    if (QFileInfo::exists(journal) && !QFile::remove(journal))
        return failed(u"cannot remove the stale journal %1 beside it"_s.arg(journal));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return failed(u"cannot write: %1"_s.arg(file.errorString()));
    return true;
}

namespace {

/** A store of the current version in memory, for toRows() and fromRows(). */
bool openMemory(PlanStore *store, QString *error)
{
    if (store->open(u":memory:"_s, true))
        return true;
    *error = store->errorString();
    return false;
}

} // namespace

bool PlanStore::toRows(const Plan &plan, PlanRows *rows, QString *error)
{
    PlanStore built;
    if (!openMemory(&built, error))
        return false;
    if (!built.save(plan)) {
        *error = built.errorString();
        return false;
    }
    PlanRows result;
    QSqlQuery tables(built.d->m_db);
    if (!built.d->exec(&tables, u"SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'meta' "
                                u"ORDER BY name"_s)) {
        *error = built.errorString();
        return false;
    }
    while (tables.next()) {
        if (!built.d->readTable(tables.value(0).toString(), &result[tables.value(0).toString()])) {
            *error = built.errorString();
            return false;
        }
    }
    *rows = result;
    return true;
}

bool PlanStore::toRows(const Plan &plan, const Plan &previous, const PlanRows &previousRows,
                       PlanRows *rows, QString *error)
{
    // Whether each table's part of the plan differs from the previous plan's.
    const bool settings = plan.name != previous.name || plan.dialect != previous.dialect
                          || !(plan.policy == previous.policy);
    const bool baseline = !(plan.baseline == previous.baseline);
    const QHash<QString, bool> changed{
        {u"settings"_s, settings},
        {u"baseline"_s, baseline},
        {u"baseline_rows"_s, baseline},
        {u"usage_edits"_s, plan.usage != previous.usage},
        {u"app_statements"_s, plan.statements != previous.statements},
        {u"acknowledgements"_s, plan.acknowledgements != previous.acknowledgements},
        {u"history"_s, plan.history != previous.history},
    };
    // Releases and refactorings by position: the same item at the same position keeps its row.
    const auto kept = [](const auto &now, const auto &before) {
        QList<bool> same(now.size(), false);
        for (qsizetype i = 0; i < now.size() && i < before.size(); ++i)
            same[i] = now.at(i) == before.at(i);
        return same;
    };
    const QHash<QString, QList<bool>> keptItems{
        {u"releases"_s, kept(plan.releases, previous.releases)},
        {u"refactorings"_s, kept(plan.refactorings, previous.refactorings)},
    };

    PlanStore built;
    if (!openMemory(&built, error))
        return false;
    const bool written = built.d->transaction([&] {
        if ((settings && !built.d->writeSettings(plan)) || (baseline && !built.d->writeBaseline(plan.baseline))
            || (changed[u"usage_edits"_s] && !built.d->writeUsage(plan.usage))
            || (changed[u"app_statements"_s] && !built.d->writeStatements(plan.statements))
            || (changed[u"acknowledgements"_s] && !built.d->writeAcknowledgements(plan.acknowledgements))
            || (changed[u"history"_s] && !built.d->writeHistory(plan.history)))
            return false;
        const QList<bool> &releases = keptItems[u"releases"_s];
        for (qsizetype i = 0; i < plan.releases.size(); ++i) {
            if (!releases.at(i) && !built.d->insertRelease(plan.releases.at(i), int(i)))
                return false;
        }
        const QList<bool> &refactorings = keptItems[u"refactorings"_s];
        for (qsizetype i = 0; i < plan.refactorings.size(); ++i) {
            if (!refactorings.at(i) && !built.d->insertRefactoring(plan.refactorings.at(i), int(i)))
                return false;
        }
        return true;
    }, true);
    if (!written) {
        *error = built.errorString();
        return false;
    }
    QSqlQuery tables(built.d->m_db);
    if (!built.d->exec(&tables, u"SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'meta' "
                                u"ORDER BY name"_s)) {
        *error = built.errorString();
        return false;
    }
    PlanRows result;
    while (tables.next()) {
        const QString name = tables.value(0).toString();
        const bool items = keptItems.contains(name);
        if (!items && !changed.contains(name))
            return toRows(plan, rows, error); // a table this does not know: built whole
        if (!items && !changed.value(name) && previousRows.contains(name)) {
            result.insert(name, previousRows.value(name));
            continue;
        }
        TableRows &table = result[name];
        if (!built.d->readTable(name, &table)) {
            *error = built.errorString();
            return false;
        }
        if (!items)
            continue;
        const QList<bool> &same = keptItems.value(name);
        const TableRows &before = previousRows.value(name);
        const qsizetype position = before.columns.indexOf(u"position"_s);
        if (before.columns != table.columns || position < 0)
            return toRows(plan, rows, error); // not the rows of this layout: built whole
        for (const QVariantList &row : before.rows) {
            const qint64 at = row.value(position).toLongLong();
            if (at >= 0 && at < same.size() && same.at(at))
                table.rows << row;
        }
    }
    *rows = result;
    return true;
}

bool PlanStore::fromRows(const PlanRows &rows, Plan *plan, QString *error)
{
    PlanStore built;
    if (!openMemory(&built, error))
        return false;
    const bool ok = built.d->transaction([&] {
        for (auto it = rows.constBegin(); it != rows.constEnd(); ++it) {
            const TableRows &table = it.value();
            // The one-row tables hold their defaults from the migrations.
            if (!built.d->exec(u"DELETE FROM %1"_s.arg(it.key())))
                return false;
            QStringList marks;
            for (qsizetype i = 0; i < table.columns.size(); ++i)
                marks << u"?"_s;
            const QString insert = u"INSERT INTO %1 (%2) VALUES (%3)"_s.arg(
                it.key(), table.columns.join(u", "_s), marks.join(u", "_s));
            for (const QVariantList &row : table.rows) {
                QSqlQuery query(built.d->m_db);
                if (!query.prepare(insert))
                    return built.d->failSql(query.lastError());
                for (const QVariant &value : row)
                    query.addBindValue(value);
                if (!query.exec())
                    return built.d->failSql(query.lastError());
            }
        }
        return true;
    }, true);
    if (!ok || !built.load(plan)) {
        *error = built.errorString();
        return false;
    }
    return true;
}

} // namespace Tideline
