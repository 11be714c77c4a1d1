// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <io/planfile.h>
#include <io/planjson.h>
#include <storage/planstore.h>

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Tideline;

using FileSetup = std::function<void(const QString &path)>;
using StoreEdit = std::function<bool(PlanStore &store)>;
using PlanEdit = std::function<void(Plan *plan)>;

namespace {

QString dataPath(const QString &name)
{
    return QStringLiteral(TIDELINE_TEST_DATA) + u'/' + name;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
}

Plan fixture(const QString &name)
{
    Plan plan;
    QList<PlanError> errors;
    if (!PlanJson::read(readFile(dataPath(name)), &plan, &errors, name))
        qWarning("%s", qPrintable(errors.value(0).toString()));
    return plan;
}

// Runs statements on a file through a connection of the test's own, as another program would.
void runSql(const QString &path, const QStringList &statements)
{
    const QString name = u"tst_planstore-raw"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        for (const QString &statement : statements) {
            QSqlQuery query(db);
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(name);
}

/**
 * Leaves at @p journal a hot journal of another database (@p scratch, removed again): the
 * journal of a transaction that had spilled to disk, copied before it was rolled back, as if
 * its process had died there.
 */
void copyHotJournal(const QString &scratch, const QString &journal)
{
    const QString name = u"tst_planstore-journal"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(scratch);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &statement :
             {u"CREATE TABLE t (x)"_s,
              u"INSERT INTO t SELECT randomblob(1000) FROM (WITH RECURSIVE n(i) AS "
              "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n)"_s,
              u"PRAGMA cache_size = 1"_s, u"BEGIN"_s, u"UPDATE t SET x = randomblob(1000)"_s})
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        const QByteArray hot = readFile(scratch + u"-journal"_s);
        QVERIFY2(hot.startsWith(QByteArray::fromHex("d9d505f920a163d7")),
                 "the spilled transaction's journal is not hot");
        writeFile(journal, hot);
        QVERIFY(query.exec(u"ROLLBACK"_s));
    }
    QSqlDatabase::removeDatabase(name);
    QFile::remove(scratch);
}

int userVersion(const QString &path)
{
    int version = -1;
    const QString name = u"tst_planstore-version"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QSqlQuery query(db);
        if (db.open() && query.exec(u"PRAGMA user_version"_s) && query.next())
            version = query.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(name);
    return version;
}

Release release(const QString &id, const QString &label = {}, const QDate &date = {},
                Release::Status status = Release::Status::Planned)
{
    return Release{id, label, date, status};
}

} // namespace

class tst_PlanStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void createsEmptyPlan();
    void roundTrip_data();
    void roundTrip();
    void loadKeepsStoredTablesBesideSql();
    void openRefused_data();
    void openRefused();
    void migratesOlderFiles_data();
    void migratesOlderFiles();
    void migratesVersion1KeepingItsPlan();
    void migratesVersion2KeepingItsPlan();
    void migratesVersion4KeepingItsPlan();
    void edits_data();
    void edits();
    void failingEditLeavesFileUnchanged_data();
    void failingEditLeavesFileUnchanged();
    void readOnlyFile();
    void damagedJsonColumnIsNamed_data();
    void damagedJsonColumnIsNamed();
    void storesUseTheirOwnConnections();
    void planFileSqlite();
    void firstEditOfAnOlderFileMigratesIt();
    void failedEditOfAnOlderFileLeavesItOlder();
    void writeReplacesWhateverIsThere_data();
    void writeReplacesWhateverIsThere();
    void writeToAMissingFolderNamesIt();
    void rowsOfAnEditAreTheWholePlansRows_data();
    void rowsOfAnEditAreTheWholePlansRows();

private:
    QString savedFullPlan();

    std::unique_ptr<QTemporaryDir> m_dir;
    Plan m_full;
};

void tst_PlanStore::initTestCase()
{
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        QSKIP("the QSQLITE driver is not available");
    m_full = fixture(u"plan-full.tideline.json"_s);
    QVERIFY(!m_full.releases.isEmpty());
}

void tst_PlanStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// A .tideline file holding the full plan, closed.
QString tst_PlanStore::savedFullPlan()
{
    const QString path = m_dir->filePath(u"full.tideline"_s);
    PlanStore store;
    if (!store.open(path, true) || !store.save(m_full))
        qWarning("%s", qPrintable(store.errorString()));
    return path;
}

void tst_PlanStore::createsEmptyPlan()
{
    const QString path = m_dir->filePath(u"new.tideline"_s);
    PlanStore store;
    QVERIFY2(store.open(path, true), qPrintable(store.errorString()));
    QVERIFY(store.isOpen());
    Plan plan;
    plan.name = u"overwritten"_s;
    QVERIFY2(store.load(&plan), qPrintable(store.errorString()));
    QVERIFY(plan == Plan());
    store.close();
    QVERIFY(!store.isOpen());
    QCOMPARE(userVersion(path), PlanStore::StorageVersion);
}

void tst_PlanStore::roundTrip_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::newRow("full plan") << u"plan-full.tideline.json"_s;
    QTest::newRow("minimal plan") << u"plan-minimal.tideline.json"_s;
    // Need DdlImporter.
    QTest::newRow("baseline as PostgreSQL DDL") << u"plan-sql-postgresql.tideline.json"_s;
    QTest::newRow("baseline as SQLite DDL") << u"plan-sql-sqlite.tideline.json"_s;
}

// JSON -> .tideline -> Plan (equal) -> JSON (byte-identical).
void tst_PlanStore::roundTrip()
{
    QFETCH(QString, fixture);
    const QByteArray json = readFile(dataPath(fixture));
    Plan plan;
    QList<PlanError> errors;
    QVERIFY2(PlanJson::read(json, &plan, &errors), qPrintable(errors.value(0).toString()));

    const QString path = m_dir->filePath(u"plan.tideline"_s);
    {
        PlanStore store;
        QVERIFY2(store.open(path, true), qPrintable(store.errorString()));
        QVERIFY2(store.save(plan), qPrintable(store.errorString()));
    }
    PlanStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    Plan loaded;
    QVERIFY2(store.load(&loaded), qPrintable(store.errorString()));
    QVERIFY(loaded == plan);
    QCOMPARE(PlanJson::write(loaded), json);
}

void tst_PlanStore::loadKeepsStoredTablesBesideSql()
{
    // The stored tables come back as they were: loading never re-parses the DDL (which here
    // would not even parse).
    Baseline baseline = m_full.baseline;
    baseline.sql = u"this is not SQL"_s;
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    PlanStore store;
    QVERIFY(store.open(path, true));
    QVERIFY2(store.setBaseline(baseline), qPrintable(store.errorString()));
    Plan plan;
    QVERIFY2(store.load(&plan), qPrintable(store.errorString()));
    QCOMPARE(plan.baseline.sql, baseline.sql);
    QVERIFY(plan.baseline.schema == m_full.baseline.schema);
    QCOMPARE(plan.baseline.rows, m_full.baseline.rows);
}

void tst_PlanStore::openRefused_data()
{
    QTest::addColumn<FileSetup>("setup");
    QTest::addColumn<bool>("create");
    QTest::addColumn<QString>("message");

    const FileSetup nothing = [](const QString &) {};
    const FileSetup garbage = [](const QString &path) {
        writeFile(path, "name,dialect\nCustomer names,postgresql\n");
    };
    const FileSetup emptyFile = [](const QString &path) { writeFile(path, {}); };
    const FileSetup otherDatabase = [](const QString &path) {
        runSql(path, {u"CREATE TABLE customer (id integer PRIMARY KEY)"_s});
    };
    const FileSetup otherTag = [](const QString &path) {
        runSql(path, {u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)"_s,
                      u"INSERT INTO meta VALUES ('format', 'someone-elses-format')"_s});
    };
    const FileSetup newer = [](const QString &path) {
        {
            PlanStore store;
            QVERIFY(store.open(path, true));
        }
        runSql(path, {u"PRAGMA user_version = 8"_s});
    };
    const QString newerMessage = u"written by a newer Tideline (storage version 8; this build "
                                 "supports up to %1); open it with a newer Tideline"_s
                                     .arg(PlanStore::StorageVersion);

    QTest::newRow("missing file") << nothing << false << u"file not found"_s;
    QTest::newRow("garbage file") << garbage << false
                                  << u"not a Tideline plan (not an SQLite database)"_s;
    QTest::newRow("garbage file, create") << garbage << true
                                          << u"not a Tideline plan (not an SQLite database)"_s;
    QTest::newRow("empty file") << emptyFile << false << u"not a Tideline plan (empty database)"_s;
    QTest::newRow("other SQLite database")
        << otherDatabase << false << u"not a Tideline plan (no Tideline format tag)"_s;
    QTest::newRow("other SQLite database, create")
        << otherDatabase << true << u"not a Tideline plan (no Tideline format tag)"_s;
    QTest::newRow("SQLite database with another format tag")
        << otherTag << false << u"not a Tideline plan (no Tideline format tag)"_s;
    QTest::newRow("newer storage version") << newer << false << newerMessage;
    QTest::newRow("newer storage version, create") << newer << true << newerMessage;
}

void tst_PlanStore::openRefused()
{
    QFETCH(FileSetup, setup);
    QFETCH(bool, create);
    QFETCH(QString, message);

    const QString path = m_dir->filePath(u"plan.tideline"_s);
    setup(path);
    const bool existed = QFileInfo::exists(path);
    const QByteArray before = readFile(path);

    PlanStore store;
    QVERIFY(!store.open(path, create));
    QCOMPARE(store.errorString(), message);
    QVERIFY(!store.isOpen());
    Plan plan;
    QVERIFY(!store.load(&plan));
    QCOMPARE(QFileInfo::exists(path), existed);
    QCOMPARE(readFile(path), before);
}

void tst_PlanStore::migratesOlderFiles_data()
{
    QTest::addColumn<FileSetup>("setup");
    QTest::addColumn<bool>("create");

    QTest::newRow("no file, create") << FileSetup([](const QString &) {}) << true;
    QTest::newRow("empty file, create")
        << FileSetup([](const QString &path) { writeFile(path, {}); }) << true;
    // A version 0 file: tagged, nothing else yet.
    QTest::newRow("tagged version 0 file") << FileSetup([](const QString &path) {
        runSql(path, {u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
                      u"INSERT INTO meta VALUES ('format', 'tideline-plan')"_s});
    }) << false;
}

void tst_PlanStore::migratesOlderFiles()
{
    QFETCH(FileSetup, setup);
    QFETCH(bool, create);

    const QString path = m_dir->filePath(u"plan.tideline"_s);
    setup(path);
    {
        PlanStore store;
        QVERIFY2(store.open(path, create), qPrintable(store.errorString()));
        QVERIFY2(store.save(m_full), qPrintable(store.errorString()));
    }
    QCOMPARE(userVersion(path), PlanStore::StorageVersion);
    PlanStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    Plan plan;
    QVERIFY2(store.load(&plan), qPrintable(store.errorString()));
    QVERIFY(plan == m_full);
}

// A file written by storage version 1 (no timeout columns) opens, migrates to the current
// version, keeps everything it held and gets the default timeouts.
void tst_PlanStore::migratesVersion1KeepingItsPlan()
{
    const QString path = savedFullPlan();
    runSql(path, {u"ALTER TABLE settings DROP COLUMN lock_timeout"_s,
                  u"ALTER TABLE settings DROP COLUMN statement_timeout"_s,
                  u"ALTER TABLE settings DROP COLUMN max_contract_age"_s,
                  u"DROP TABLE app_statements"_s, u"DROP TABLE acknowledgements"_s,
                  u"ALTER TABLE baseline DROP COLUMN sequences_json"_s,
                  u"ALTER TABLE baseline DROP COLUMN enums_json"_s,
                  u"ALTER TABLE refactorings DROP COLUMN after_json"_s,
                  u"ALTER TABLE releases DROP COLUMN shipped_json"_s, u"ALTER TABLE releases DROP COLUMN baseline_sha256"_s,
                  u"ALTER TABLE releases DROP COLUMN baseline_algorithm"_s, u"DROP TABLE history"_s,
                  u"PRAGMA user_version = 1"_s});
    QCOMPARE(userVersion(path), 1);
    const QByteArray before = readFile(path);
    PlanStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    Plan plan;
    QVERIFY2(store.load(&plan), qPrintable(store.errorString()));
    store.close();
    // Migrated in memory only: reading never writes.
    QCOMPARE(readFile(path), before);
    Plan expected = m_full;
    expected.policy.lockTimeout = Policy().lockTimeout;
    expected.policy.statementTimeout = Policy().statementTimeout;
    expected.policy.maxContractAge = Policy().maxContractAge;
    expected.statements.clear();
    expected.acknowledgements.clear();
    expected.baseline.schema.sequences.clear(); // storage version 4 brought them
    expected.baseline.schema.enums.clear();
    for (Refactoring &r : expected.refactorings)
        r.after.clear(); // storage version 5 brought them
    QVERIFY(plan == expected);
}

// A version-2 file (no contract age limit, app statements or acknowledgements) keeps its
// timeouts and everything else, and gets the default age limit.
void tst_PlanStore::migratesVersion2KeepingItsPlan()
{
    const QString path = savedFullPlan();
    runSql(path, {u"ALTER TABLE settings DROP COLUMN max_contract_age"_s,
                  u"DROP TABLE app_statements"_s, u"DROP TABLE acknowledgements"_s,
                  u"ALTER TABLE baseline DROP COLUMN sequences_json"_s,
                  u"ALTER TABLE baseline DROP COLUMN enums_json"_s,
                  u"ALTER TABLE refactorings DROP COLUMN after_json"_s,
                  u"ALTER TABLE releases DROP COLUMN shipped_json"_s, u"ALTER TABLE releases DROP COLUMN baseline_sha256"_s,
                  u"ALTER TABLE releases DROP COLUMN baseline_algorithm"_s, u"DROP TABLE history"_s,
                  u"PRAGMA user_version = 2"_s});
    const QByteArray before = readFile(path);
    PlanStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    Plan plan;
    QVERIFY2(store.load(&plan), qPrintable(store.errorString()));
    store.close();
    QCOMPARE(readFile(path), before);
    Plan expected = m_full;
    expected.policy.maxContractAge = Policy().maxContractAge;
    expected.statements.clear();
    expected.acknowledgements.clear();
    QCOMPARE(plan.policy.lockTimeout, m_full.policy.lockTimeout);
    expected.baseline.schema.sequences.clear(); // storage version 4 brought them
    expected.baseline.schema.enums.clear();
    for (Refactoring &r : expected.refactorings)
        r.after.clear(); // storage version 5 brought them
    QVERIFY(plan == expected);
}

// A version-4 file (no "after" of refactorings) keeps everything else; its refactorings
// depend on none.
void tst_PlanStore::migratesVersion4KeepingItsPlan()
{
    const QString path = savedFullPlan();
    runSql(path, {u"ALTER TABLE refactorings DROP COLUMN after_json"_s, u"ALTER TABLE releases DROP COLUMN shipped_json"_s, u"ALTER TABLE releases DROP COLUMN baseline_sha256"_s,
                  u"ALTER TABLE releases DROP COLUMN baseline_algorithm"_s, u"DROP TABLE history"_s,
                  u"PRAGMA user_version = 4"_s});
    PlanStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    QCOMPARE(store.fileVersion(), 4);
    Plan plan;
    QVERIFY2(store.load(&plan), qPrintable(store.errorString()));
    store.close();
    QCOMPARE(userVersion(path), 4);
    Plan expected = m_full;
    QVERIFY(std::any_of(expected.refactorings.cbegin(), expected.refactorings.cend(),
                        [](const Refactoring &r) { return !r.after.isEmpty(); }));
    for (Refactoring &r : expected.refactorings)
        r.after.clear();
    QVERIFY(plan == expected);
    // Saved again, the file moves to the current version and the dependencies are kept.
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    QVERIFY2(store.save(m_full), qPrintable(store.errorString()));
    QCOMPARE(store.fileVersion(), PlanStore::StorageVersion);
    QVERIFY2(store.load(&plan), qPrintable(store.errorString()));
    QVERIFY(plan == m_full);
    store.close();
    QCOMPARE(userVersion(path), PlanStore::StorageVersion);
}

void tst_PlanStore::edits_data()
{
    QTest::addColumn<StoreEdit>("edit");
    QTest::addColumn<PlanEdit>("expected");

    const Plan full = fixture(u"plan-full.tideline.json"_s);

    Plan settings = full;
    settings.name = u"Renamed"_s;
    settings.dialect = u"sqlite"_s;
    settings.policy = Policy{true, 250};
    settings.releases.clear(); // not a setting: must stay as it is
    QTest::newRow("setSettings changes name, dialect and policy only")
        << StoreEdit([=](PlanStore &s) { return s.setSettings(settings); })
        << PlanEdit([=](Plan *p) {
               p->name = settings.name;
               p->dialect = settings.dialect;
               p->policy = settings.policy;
           });

    Baseline baseline;
    Table table{u"t"_s, {Column{u"a"_s, u"int"_s, false, {}, false, false}}, {u"a"_s}, {}, {}};
    baseline.schema.tables.insert(table.name, table);
    baseline.rows.insert(u"t"_s, 5);
    QTest::newRow("setBaseline replaces tables, views, procedures and rows")
        << StoreEdit([=](PlanStore &s) { return s.setBaseline(baseline); })
        << PlanEdit([=](Plan *p) { p->baseline = baseline; });
    Baseline withSql = baseline;
    withSql.sql = u"CREATE TABLE t (a int NOT NULL PRIMARY KEY);"_s;
    QTest::newRow("setBaseline keeps sql and tables")
        << StoreEdit([=](PlanStore &s) { return s.setBaseline(withSql); })
        << PlanEdit([=](Plan *p) { p->baseline = withSql; });

    const Release r5 = release(u"r5"_s, u"2027.04"_s, QDate(2027, 4, 1));
    QTest::newRow("putRelease appends")
        << StoreEdit([=](PlanStore &s) { return s.putRelease(r5, 4); })
        << PlanEdit([=](Plan *p) { p->releases.append(r5); });
    QTest::newRow("putRelease inserts in the middle")
        << StoreEdit([=](PlanStore &s) { return s.putRelease(r5, 1); })
        << PlanEdit([=](Plan *p) { p->releases.insert(1, r5); });
    QTest::newRow("putRelease inserts first")
        << StoreEdit([=](PlanStore &s) { return s.putRelease(r5, 0); })
        << PlanEdit([=](Plan *p) { p->releases.prepend(r5); });
    const Release r2 = release(u"r2"_s, u"hotfix"_s, {}, Release::Status::Deployed);
    QTest::newRow("putRelease replaces in place")
        << StoreEdit([=](PlanStore &s) { return s.putRelease(r2, 1); })
        << PlanEdit([=](Plan *p) { p->releases[1] = r2; });
    QTest::newRow("removeRelease")
        << StoreEdit([](PlanStore &s) { return s.removeRelease(u"r1"_s); })
        << PlanEdit([](Plan *p) { p->releases.removeFirst(); });
    // Positions stay dense after a removal: position 3 is then the end.
    QTest::newRow("removeRelease then putRelease at the end")
        << StoreEdit([=](PlanStore &s) { return s.removeRelease(u"r2"_s) && s.putRelease(r5, 3); })
        << PlanEdit([=](Plan *p) {
               p->releases.removeAt(1);
               p->releases.append(r5);
           });

    Refactoring added{u"drop-legacy"_s, u"drop_column"_s, u"r4"_s,
                      QJsonObject{{u"table"_s, u"customer"_s}, {u"column"_s, u"legacy"_s}},
                      {{u"contract"_s, u"r4"_s}}, u"note"_s};
    QTest::newRow("putRefactoring appends")
        << StoreEdit([=](PlanStore &s) { return s.putRefactoring(added, 3); })
        << PlanEdit([=](Plan *p) { p->refactorings.append(added); });
    QTest::newRow("putRefactoring inserts first")
        << StoreEdit([=](PlanStore &s) { return s.putRefactoring(added, 0); })
        << PlanEdit([=](Plan *p) { p->refactorings.prepend(added); });
    Refactoring changed = full.refactorings.at(1);
    changed.kind = u"make_nullable"_s;
    changed.params.insert(u"column"_s, u"phone"_s);
    changed.moves.clear();
    changed.note = u"changed"_s;
    QTest::newRow("putRefactoring replaces in place")
        << StoreEdit([=](PlanStore &s) { return s.putRefactoring(changed, 1); })
        << PlanEdit([=](Plan *p) { p->refactorings[1] = changed; });
    QTest::newRow("removeRefactoring")
        << StoreEdit([](PlanStore &s) { return s.removeRefactoring(u"full-name"_s); })
        << PlanEdit([](Plan *p) { p->refactorings.removeFirst(); });

    const QList<UsageEdit> usage{full.usage.at(2), full.usage.at(0)};
    QTest::newRow("setUsage replaces the list")
        << StoreEdit([=](PlanStore &s) { return s.setUsage(usage); })
        << PlanEdit([=](Plan *p) { p->usage = usage; });
    QTest::newRow("setUsage clears the list")
        << StoreEdit([](PlanStore &s) { return s.setUsage({}); })
        << PlanEdit([](Plan *p) { p->usage.clear(); });

    const Plan minimal = fixture(u"plan-minimal.tideline.json"_s);
    QTest::newRow("save replaces everything")
        << StoreEdit([=](PlanStore &s) { return s.save(minimal); })
        << PlanEdit([=](Plan *p) { *p = minimal; });
}

void tst_PlanStore::edits()
{
    QFETCH(StoreEdit, edit);
    QFETCH(PlanEdit, expected);

    const QString path = savedFullPlan();
    {
        PlanStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QVERIFY2(edit(store), qPrintable(store.errorString()));
    }
    Plan want = m_full;
    expected(&want);
    PlanStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    Plan plan;
    QVERIFY2(store.load(&plan), qPrintable(store.errorString()));
    QCOMPARE(PlanJson::write(plan), PlanJson::write(want)); // readable diff on failure
    QVERIFY(plan == want);
}

void tst_PlanStore::failingEditLeavesFileUnchanged_data()
{
    QTest::addColumn<StoreEdit>("edit");
    QTest::addColumn<QString>("message");

    QTest::newRow("putRelease with an id used at another position")
        << StoreEdit([](PlanStore &s) { return s.putRelease(release(u"r3"_s), 0); })
        << u"cannot put release \"r3\": UNIQUE constraint failed: releases.id"_s;
    QTest::newRow("putRelease past the end")
        << StoreEdit([](PlanStore &s) { return s.putRelease(release(u"r9"_s), 5); })
        << u"position 5 is out of range (0 to 4)"_s;
    QTest::newRow("putRelease at a negative position")
        << StoreEdit([](PlanStore &s) { return s.putRelease(release(u"r9"_s), -1); })
        << u"position -1 is out of range (0 to 4)"_s;
    QTest::newRow("removeRelease of an unknown id")
        << StoreEdit([](PlanStore &s) { return s.removeRelease(u"r9"_s); })
        << u"there is no release \"r9\""_s;
    QTest::newRow("putRefactoring with an id used at another position")
        << StoreEdit([](PlanStore &s) {
               return s.putRefactoring({u"full-name"_s, u"k"_s, u"r1"_s, {}, {}, {}}, 2);
           })
        << u"cannot put refactoring \"full-name\": UNIQUE constraint failed: refactorings.id"_s;
    QTest::newRow("removeRefactoring of an unknown id")
        << StoreEdit([](PlanStore &s) { return s.removeRefactoring(u"nope"_s); })
        << u"there is no refactoring \"nope\""_s;

    // save() fails after it has already replaced settings, baseline and usage.
    Plan duplicate = fixture(u"plan-minimal.tideline.json"_s);
    duplicate.releases = {release(u"r1"_s), release(u"r1"_s)};
    QTest::newRow("save with a release id given twice")
        << StoreEdit([=](PlanStore &s) { return s.save(duplicate); })
        << u"cannot put release \"r1\": UNIQUE constraint failed: releases.id"_s;
    Plan negative = fixture(u"plan-minimal.tideline.json"_s);
    negative.baseline.rows.insert(u"t"_s, -5);
    QTest::newRow("save with a negative row count")
        << StoreEdit([=](PlanStore &s) { return s.save(negative); })
        << u"CHECK constraint failed"_s;
    QTest::newRow("edit after close")
        << StoreEdit([](PlanStore &s) {
               s.close();
               return s.setUsage({});
           })
        << u"no plan file is open"_s;
}

void tst_PlanStore::failingEditLeavesFileUnchanged()
{
    QFETCH(StoreEdit, edit);
    QFETCH(QString, message);

    const QString path = savedFullPlan();
    const QByteArray before = readFile(path);
    {
        PlanStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QVERIFY(!edit(store));
        QVERIFY2(store.errorString().contains(message), qPrintable(store.errorString()));
    }
    QCOMPARE(readFile(path), before);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList{u"full.tideline"_s});
    PlanStore store;
    QVERIFY(store.open(path));
    Plan plan;
    QVERIFY(store.load(&plan));
    QVERIFY(plan == m_full);
}

void tst_PlanStore::readOnlyFile()
{
    const QString path = savedFullPlan();
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
    if (QFile file(path); file.open(QIODevice::ReadWrite))
        QSKIP("file permissions do not stop this user (root?) from writing");
    const QByteArray before = readFile(path);

    PlanStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    Plan plan;
    QVERIFY(store.load(&plan));
    QVERIFY(plan == m_full);
    QVERIFY(!store.putRelease(release(u"r9"_s), 0));
    QVERIFY(!store.errorString().isEmpty());
    store.close();
    QCOMPARE(readFile(path), before);
}

void tst_PlanStore::storesUseTheirOwnConnections()
{
    const QStringList connectionsBefore = QSqlDatabase::connectionNames();
    Plan minimal = fixture(u"plan-minimal.tideline.json"_s);
    {
        PlanStore first;
        PlanStore second;
        QVERIFY(first.open(m_dir->filePath(u"a.tideline"_s), true));
        QVERIFY(second.open(m_dir->filePath(u"b.tideline"_s), true));
        QVERIFY(first.save(m_full));
        QVERIFY(second.save(minimal));
        Plan a;
        Plan b;
        QVERIFY(first.load(&a));
        QVERIFY(second.load(&b));
        QVERIFY(a == m_full);
        QVERIFY(b == minimal);
        QCOMPARE(QSqlDatabase::connectionNames().size(), connectionsBefore.size() + 2);
        first.close();
        QCOMPARE(QSqlDatabase::connectionNames().size(), connectionsBefore.size() + 1);
        QVERIFY(second.load(&b));
    }
    QCOMPARE(QSqlDatabase::connectionNames(), connectionsBefore);
}

void tst_PlanStore::planFileSqlite()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    QList<PlanError> errors;
    QVERIFY2(PlanFile::save(path, m_full, &errors), qPrintable(errors.value(0).toString()));
    Plan loaded;
    QVERIFY2(PlanFile::load(path, &loaded, &errors), qPrintable(errors.value(0).toString()));
    QVERIFY(loaded == m_full);

    // A failing save leaves the good file as it was and no other file behind.
    const QByteArray before = readFile(path);
    Plan broken = m_full;
    broken.releases.append(broken.releases.constFirst());
    QVERIFY(!PlanFile::save(path, broken, &errors));
    QCOMPARE(errors.constLast().file, path);
    QVERIFY2(errors.constLast().message.contains(u"UNIQUE constraint failed"_s),
             qPrintable(errors.constLast().message));
    QCOMPARE(readFile(path), before);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"plan.tideline"_s});

    // A JSON file with the .tideline extension is named as not a plan.
    const QString impostor = m_dir->filePath(u"impostor.tideline"_s);
    writeFile(impostor, readFile(dataPath(u"plan-full.tideline.json"_s)));
    errors.clear();
    QVERIFY(!PlanFile::load(impostor, &loaded, &errors));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).file, impostor);
    QCOMPARE(errors.at(0).message, u"not a Tideline plan (not an SQLite database)"_s);
}

// A JSON column that is not JSON of its shape is named as damage, not loaded as empty (an empty
// baseline would only show up as a misleading "unknown table" later).
void tst_PlanStore::damagedJsonColumnIsNamed_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("column");

    QTest::newRow("baseline tables") << u"UPDATE baseline SET tables_json = '{garbage'"_s
                                     << u"baseline.tables_json"_s;
    QTest::newRow("refactoring parameters")
        << u"UPDATE refactorings SET params_json = '\"x\"' WHERE position = 0"_s
        << u"refactorings.params_json of \"%1\""_s.arg(m_full.refactorings.constFirst().id);
}

void tst_PlanStore::damagedJsonColumnIsNamed()
{
    QFETCH(QString, statement);
    QFETCH(QString, column);

    const QString path = savedFullPlan();
    runSql(path, {statement});
    PlanStore store;
    QVERIFY2(store.open(path, false), qPrintable(store.errorString()));
    Plan plan;
    QVERIFY(!store.load(&plan));
    QCOMPARE(store.errorString(),
             u"damaged plan file (%1 is not valid JSON of the expected shape)"_s.arg(column));
}

// The first edit of an older file writes the migration with it, in one transaction.
void tst_PlanStore::firstEditOfAnOlderFileMigratesIt()
{
    const QString path = savedFullPlan();
    runSql(path, {u"ALTER TABLE refactorings DROP COLUMN after_json"_s, u"ALTER TABLE releases DROP COLUMN shipped_json"_s, u"ALTER TABLE releases DROP COLUMN baseline_sha256"_s,
                  u"ALTER TABLE releases DROP COLUMN baseline_algorithm"_s,
                  u"DROP TABLE history"_s, u"PRAGMA user_version = 4"_s});
    PlanStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    const Release r9 = release(u"r9"_s, u"2028.01"_s, QDate(2028, 1, 3));
    QVERIFY2(store.putRelease(r9, 0), qPrintable(store.errorString()));
    QCOMPARE(store.fileVersion(), PlanStore::StorageVersion);
    store.close();
    QCOMPARE(userVersion(path), PlanStore::StorageVersion);
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    Plan plan;
    QVERIFY2(store.load(&plan), qPrintable(store.errorString()));
    Plan expected = m_full;
    for (Refactoring &r : expected.refactorings)
        r.after.clear();
    expected.releases.prepend(r9);
    QVERIFY(plan == expected);
}

// An edit that fails rolls the migration back with it: the older file stays as it was.
void tst_PlanStore::failedEditOfAnOlderFileLeavesItOlder()
{
    const QString path = savedFullPlan();
    runSql(path, {u"ALTER TABLE refactorings DROP COLUMN after_json"_s, u"ALTER TABLE releases DROP COLUMN shipped_json"_s, u"ALTER TABLE releases DROP COLUMN baseline_sha256"_s,
                  u"ALTER TABLE releases DROP COLUMN baseline_algorithm"_s,
                  u"DROP TABLE history"_s, u"PRAGMA user_version = 4"_s});
    const QByteArray before = readFile(path);
    {
        PlanStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QVERIFY(!store.removeRelease(u"no-such-release"_s));
        QCOMPARE(store.fileVersion(), 4);
        Plan plan;
        QVERIFY2(store.load(&plan), qPrintable(store.errorString()));
        QCOMPARE(plan.releases, m_full.releases);
    }
    QCOMPARE(readFile(path), before);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"full.tideline"_s});
}

void tst_PlanStore::writeReplacesWhateverIsThere_data()
{
    QTest::addColumn<FileSetup>("setup");
    QTest::newRow("no file") << FileSetup([](const QString &) {});
    QTest::newRow("empty file") << FileSetup([](const QString &path) { writeFile(path, {}); });
    QTest::newRow("text file") << FileSetup([](const QString &path) {
        writeFile(path, "not a plan\n");
    });
    QTest::newRow("another plan") << FileSetup([](const QString &path) {
        QString error;
        QVERIFY2(PlanStore::write(path, fixture(u"plan-minimal.tideline.json"_s), &error),
                 qPrintable(error));
    });
    QTest::newRow("an older plan") << FileSetup([](const QString &path) {
        QString error;
        QVERIFY2(PlanStore::write(path, fixture(u"plan-minimal.tideline.json"_s), &error),
                 qPrintable(error));
        runSql(path, {u"ALTER TABLE refactorings DROP COLUMN after_json"_s,
                      u"ALTER TABLE releases DROP COLUMN shipped_json"_s, u"ALTER TABLE releases DROP COLUMN baseline_sha256"_s,
                  u"ALTER TABLE releases DROP COLUMN baseline_algorithm"_s, u"DROP TABLE history"_s,
                      u"PRAGMA user_version = 4"_s});
    });
    // A journal whose database is gone: beside the new plan it would look hot and be rolled
    // into it on the next open.
    QTest::newRow("no file, a stale journal") << FileSetup([](const QString &path) {
        copyHotJournal(path + u".gone"_s, path + u"-journal"_s);
    });
}

// PlanStore::write leaves the plan, whole, whatever the path held, and nothing beside it.
void tst_PlanStore::writeReplacesWhateverIsThere()
{
    QFETCH(FileSetup, setup);
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    setup(path);
    QString error;
    QVERIFY2(PlanStore::write(path, m_full, &error), qPrintable(error));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"plan.tideline"_s});
    QCOMPARE(userVersion(path), PlanStore::StorageVersion);
    PlanStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    Plan plan;
    QVERIFY2(store.load(&plan), qPrintable(store.errorString()));
    QVERIFY(plan == m_full);
}

void tst_PlanStore::writeToAMissingFolderNamesIt()
{
    const QString path = m_dir->filePath(u"no/such/folder/plan.tideline"_s);
    QString error;
    QVERIFY(!PlanStore::write(path, m_full, &error));
    QVERIFY2(error.startsWith(u"cannot write: "_s), qPrintable(error));
    QVERIFY(!QFileInfo::exists(path));
}

void tst_PlanStore::rowsOfAnEditAreTheWholePlansRows_data()
{
    QTest::addColumn<PlanEdit>("edit");
    QTest::addColumn<int>("built"); // rows that differ from the previous plan's
    QTest::newRow("nothing") << PlanEdit([](Plan *) {}) << 0;
    QTest::newRow("a refactoring's note") << PlanEdit([](Plan *p) { p->refactorings.last().note = u"edited"_s; }) << 1;
    QTest::newRow("a release inserted first") << PlanEdit([](Plan *p) {
        p->releases.prepend(Release{u"r0"_s, u"zero"_s, {}, Release::Status::Planned, false, {}});
    }) << -1;
    QTest::newRow("a refactoring removed") << PlanEdit([](Plan *p) { p->refactorings.removeFirst(); }) << -1;
    QTest::newRow("two refactorings swapped") << PlanEdit([](Plan *p) { p->refactorings.swapItemsAt(0, 1); }) << 2;
    QTest::newRow("the settings") << PlanEdit([](Plan *p) { p->name = u"renamed"_s; p->policy.rollbackSafe = !p->policy.rollbackSafe; }) << 1;
    QTest::newRow("the baseline") << PlanEdit([](Plan *p) { p->baseline.rows.insert(u"customer"_s, 12345); }) << -1;
    QTest::newRow("usage, statements, acknowledgements, history") << PlanEdit([](Plan *p) {
        p->usage.clear();
        p->statements[u"r2"_s] << u"SELECT 1"_s;
        p->acknowledgements.clear();
        p->history.clear();
    }) << -1;
}

// The rows of an edit, built from the previous plan's rows, are the rows the writer makes of the
// whole edited plan (as multisets, table by table); only the rows of what changed are new.
void tst_PlanStore::rowsOfAnEditAreTheWholePlansRows()
{
    QFETCH(PlanEdit, edit);
    QFETCH(int, built);
    QVERIFY(m_full.refactorings.size() >= 2);
    PlanRows before;
    QString error;
    QVERIFY2(PlanStore::toRows(m_full, &before, &error), qPrintable(error));
    Plan after = m_full;
    edit(&after);
    PlanRows whole;
    PlanRows incremental;
    QVERIFY2(PlanStore::toRows(after, &whole, &error), qPrintable(error));
    QVERIFY2(PlanStore::toRows(after, m_full, before, &incremental, &error), qPrintable(error));
    QCOMPARE(incremental.keys(), whole.keys());
    const auto sorted = [](QList<QVariantList> rows) {
        QStringList text;
        for (const QVariantList &row : rows) {
            QStringList values;
            for (const QVariant &value : row)
                values << (value.isNull() ? u"NULL"_s : value.toString());
            text << values.join(u'\x1f');
        }
        text.sort();
        return text;
    };
    int differing = 0;
    for (auto it = whole.constBegin(); it != whole.constEnd(); ++it) {
        QCOMPARE(incremental.value(it.key()).columns, it->columns);
        QCOMPARE(sorted(incremental.value(it.key()).rows), sorted(it->rows));
        const QStringList old = sorted(before.value(it.key()).rows);
        for (const QString &row : sorted(it->rows))
            differing += old.contains(row) ? 0 : 1;
    }
    if (built >= 0)
        QCOMPARE(differing, built);
    // And back: the plan they hold is the edited one.
    Plan back;
    QVERIFY2(PlanStore::fromRows(incremental, &back, &error), qPrintable(error));
    QVERIFY(back == after);
}

QTEST_GUILESS_MAIN(tst_PlanStore)
#include "tst_planstore.moc"
