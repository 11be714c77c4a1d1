// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <io/planfile.h>
#include <io/planjson.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tideline;

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

QString describe(const QList<PlanError> &errors)
{
    QStringList lines;
    for (const PlanError &error : errors)
        lines.append(error.toString());
    return lines.join(u'\n');
}

// Golden-file comparison; on a mismatch the actual bytes are kept next to the system temp dir
// so the difference can be inspected with diff.
bool sameAsFile(const QByteArray &actual, const QString &expectedPath, QString *message)
{
    if (actual == readFile(expectedPath))
        return true;
    const QString actualPath = QDir::temp().filePath(QFileInfo(expectedPath).fileName()
                                                     + u".actual"_s);
    QFile out(actualPath);
    if (out.open(QIODevice::WriteOnly))
        out.write(actual);
    *message = u"output differs from %1; actual output in %2"_s.arg(expectedPath, actualPath);
    return false;
}

Column column(const QString &name, const QString &type, bool nullable = true,
              const QString &defaultValue = {}, bool identity = false, bool generated = false)
{
    return Column{name, type, nullable, defaultValue, identity, generated};
}

/** Every field of a plan set, as in tests/data/plan-full.tideline.json. */
Plan fullPlan()
{
    Plan plan;
    plan.name = u"Customer names"_s;
    plan.dialect = u"postgresql"_s;
    plan.policy = Policy{false, 500, u"2s"_s, u"90s"_s, 5};
    plan.releases = {
        {u"r1"_s, u"2026.12"_s, QDate(2026, 12, 1), Release::Status::Deployed},
        {u"r2"_s, u"2027.01"_s, QDate(2027, 1, 12), Release::Status::Planned},
        {u"r3"_s, u"2027.02"_s, QDate(), Release::Status::Cancelled},
        {u"r4"_s, u"2027.03"_s, QDate(2027, 3, 2), Release::Status::Planned},
    };

    Table customer{u"customer"_s, {}, {u"id"_s}, {}, {}};
    customer.columns = {
        column(u"id"_s, u"bigint"_s, false, {}, true),
        column(u"first_name"_s, u"varchar(100)"_s, false),
        column(u"last_name"_s, u"varchar(100)"_s),
        column(u"email"_s, u"varchar(256)"_s, false),
        column(u"created_at"_s, u"timestamp"_s, false, u"now()"_s),
        column(u"search"_s, u"tsvector"_s, true, {}, false, true),
    };
    customer.columns[0].identityKind = Column::Identity::Always;
    customer.columns[3].collation = u"C"_s;
    customer.columns[3].comment = u"where receipts go\nand password resets"_s;
    customer.columns[5].generatedExpression = u"to_tsvector('simple', coalesce(last_name, ''))"_s;
    customer.comment = u"One row per paying customer"_s;
    customer.indexes = {{u"customer_email_key"_s, {u"email"_s}, true},
                        {u"customer_last_name_idx"_s, {u"last_name"_s, u"first_name"_s}, false}};
    Index recent;
    recent.name = u"customer_recent_idx"_s;
    recent.columns = {u"created_at"_s, u"lower(email)"_s};
    recent.descending = {true, false};
    recent.include = {u"first_name"_s};
    recent.method = u"btree"_s;
    recent.where = u"created_at > '2020-01-01'"_s;
    customer.indexes.append(recent);
    customer.triggers = {{u"customer_audit"_s,
                          u"CREATE TRIGGER customer_audit AFTER UPDATE ON customer FOR EACH ROW "
                          "EXECUTE FUNCTION audit()"_s}};
    customer.syncs = {{u"search"_s, {u"last_name"_s}, {}, u"to_tsvector('simple', last_name)"_s}};
    customer.constraints = {
        {Constraint::Kind::PrimaryKey, u"customer_pkey"_s, {u"id"_s}, {}, {}, {}},
        {Constraint::Kind::Unique, u"customer_email_key"_s, {u"email"_s}, {}, {}, {}},
        {Constraint::Kind::Check, u"email_long_enough"_s, {u"email"_s}, u"length(email) > 3"_s,
         {}, {}},
    };
    Table orders{u"orders"_s, {}, {u"id"_s}, {}, {}};
    orders.columns = {
        column(u"id"_s, u"bigint"_s, false, {}, true),
        column(u"customer_id"_s, u"bigint"_s, false),
        column(u"total"_s, u"numeric(12,2)"_s, false, u"0"_s),
        column(u"number"_s, u"bigint"_s, false, u"nextval('orders_number_seq'::regclass)"_s, true),
        column(u"status"_s, u"order_status"_s, true, u"'open'::order_status"_s),
        column(u"code"_s, u"varchar(40)"_s),
    };
    orders.columns[3].identityKind = Column::Identity::Sequence;
    orders.columns[3].sequence = u"orders_number_seq"_s;
    orders.columns[5].charset = u"latin1"_s;
    orders.constraints = {
        {Constraint::Kind::ForeignKey, u"orders_customer_fk"_s, {u"customer_id"_s}, {},
         u"customer"_s, {u"id"_s}, u"CASCADE"_s, u"SET NULL"_s, true, true},
        {Constraint::Kind::Check, {}, {u"total"_s}, u"total >= 0"_s, {}, {}},
    };
    Index code;
    code.name = u"orders_code_idx"_s;
    code.columns = {u"code"_s};
    code.lengths = {10};
    orders.indexes = {code};
    orders.engine = u"InnoDB"_s;
    orders.charset = u"utf8mb4"_s;
    orders.collation = u"utf8mb4_bin"_s;
    plan.baseline.schema.tables = {{customer.name, customer}, {orders.name, orders}};
    plan.baseline.schema.views.insert(
        u"customer_names"_s,
        View{u"customer_names"_s, {u"id"_s, u"first_name"_s, u"last_name"_s},
             u"SELECT id, first_name, last_name FROM customer"_s});
    // A view that passes a table through (rename_table's old name), with no SQL of its own.
    plan.baseline.schema.views.insert(u"clients"_s, View{u"clients"_s, {u"id"_s, u"first_name"_s}, {}, u"customer"_s});
    plan.baseline.schema.procedures.insert(
        u"usp_add_customer"_s,
        Procedure{u"usp_add_customer"_s,
                  {{u"first_name"_s, u"varchar(100)"_s, {}},
                   {u"last_name"_s, u"varchar(100)"_s, u"NULL"_s},
                   {u"email"_s, u"varchar(256)"_s, {}}}});
    plan.baseline.schema.procedures.insert(u"usp_ping"_s, Procedure{u"usp_ping"_s, {}});
    plan.baseline.schema.sequences.insert(
        u"orders_number_seq"_s,
        Sequence{u"orders_number_seq"_s, u"bigint"_s, 1000, 5, u"orders.number"_s});
    plan.baseline.schema.enums.insert(
        u"order_status"_s, EnumType{u"order_status"_s, {u"open"_s, u"paid"_s, u"shipped"_s}});
    plan.baseline.rows = {{u"customer"_s, 10000000}, {u"orders"_s, 25000000}};

    plan.refactorings = {
        {u"full-name"_s, u"merge_columns"_s, u"r1"_s,
         QJsonObject{{u"table"_s, u"customer"_s},
                     {u"columns"_s, QJsonArray{u"first_name"_s, u"last_name"_s}},
                     {u"into"_s, u"full_name"_s},
                     {u"type"_s, u"varchar(256)"_s},
                     {u"expression"_s, u"first_name || ' ' || last_name"_s}},
         {{u"contract"_s, u"r4"_s}},
         u"The contract waits for the mobile app."_s},
        {u"email-not-null"_s, u"make_not_null"_s, u"r2"_s,
         QJsonObject{{u"table"_s, u"customer"_s}, {u"column"_s, u"email"_s}},
         {{u"backfill"_s, u"r3"_s}, {u"constraint"_s, u"r3"_s}},
         {},
         {u"full-name"_s}},
        {u"drop-ping"_s, u"raw_sql"_s, u"r3"_s,
         QJsonObject{{u"phase"_s, u"post"_s}, {u"sql"_s, u"DROP PROCEDURE usp_ping;"_s}}, {}, {}},
    };

    UsageEdit reads;
    reads.release = u"r2"_s;
    reads.table = u"customer"_s;
    reads.reads = {{u"full_name"_s}, {u"first_name"_s, u"last_name"_s}, false};
    reads.inserts = {{u"email"_s, u"full_name"_s}, {}, true};
    reads.honours = {{u"not_null:email"_s}, {}, false};
    UsageEdit updates;
    updates.release = u"r2"_s;
    updates.table = u"orders"_s;
    updates.updates = {{}, {u"total"_s}, false};
    UsageEdit passes;
    passes.release = u"r3"_s;
    passes.procedure = u"usp_add_customer"_s;
    passes.passes = {{u"email"_s}, {u"last_name"_s}, false};
    UsageEdit passesNothing;
    passesNothing.release = u"r4"_s;
    passesNothing.procedure = u"usp_ping"_s;
    passesNothing.passes = {{}, {}, true};
    plan.usage = {reads, updates, passes, passesNothing};
    plan.statements = {{u"r2"_s, {u"SELECT full_name FROM customer WHERE id = 1"_s,
                                  u"SELECT count(*) FROM orders"_s}},
                       {u"baseline"_s, {u"SELECT first_name, last_name FROM customer"_s}}};
    plan.acknowledgements = {
        {u"drop-object-in-use"_s, u"drop-ping"_s, u"run"_s, u"usp_ping"_s,
         u"Nobody calls usp_ping since 2025; checked in the logs."_s},
        {u"offline-step"_s, {}, {}, {}, u"r3 has a maintenance window."_s}};
    return plan;
}

} // namespace

class tst_PlanJson : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryField();
    void roundTrip_data();
    void roundTrip();
    void writeIsCanonical();
    void defaults();
    void unknownKeysAreErrors();
    void olderUsageForm();
    void badInput_data();
    void badInput();
    void reportsEveryError();
    void schemaJsonOmitsDefaults();
    void baselineSql_data();
    void baselineSql();
    void formatOf_data();
    void formatOf();
    void fileLoadErrors_data();
    void fileLoadErrors();
    void fileSaveJson();
    void handWrittenUnchangedIsByteIdentical_data();
    void handWrittenUnchangedIsByteIdentical();
    void handWrittenStatusChangeIsOneLine();
    void handWrittenStructuralChanges();
};

void tst_PlanJson::readsEveryField()
{
    Plan plan;
    QList<PlanError> errors;
    QVERIFY2(PlanJson::read(readFile(dataPath(u"plan-full.tideline.json"_s)), &plan, &errors),
             qPrintable(describe(errors)));
    QVERIFY(errors.isEmpty());
    // Field by field first, so a failure names what was lost.
    const Plan expected = fullPlan();
    QCOMPARE(plan.name, expected.name);
    QCOMPARE(plan.dialect, expected.dialect);
    QVERIFY(plan.policy == expected.policy);
    QVERIFY(plan.releases == expected.releases);
    QVERIFY(plan.baseline.schema.tables == expected.baseline.schema.tables);
    QVERIFY(plan.baseline.schema.views == expected.baseline.schema.views);
    QVERIFY(plan.baseline.schema.procedures == expected.baseline.schema.procedures);
    QCOMPARE(plan.baseline.rows, expected.baseline.rows);
    QVERIFY(plan.refactorings == expected.refactorings);
    QVERIFY(plan.usage == expected.usage);
    QVERIFY(plan == expected);
}

void tst_PlanJson::roundTrip_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::newRow("full plan") << u"plan-full.tideline.json"_s;
    QTest::newRow("minimal plan") << u"plan-minimal.tideline.json"_s;
    // Need DdlImporter.
    QTest::newRow("baseline as PostgreSQL DDL") << u"plan-sql-postgresql.tideline.json"_s;
    QTest::newRow("baseline as SQLite DDL") << u"plan-sql-sqlite.tideline.json"_s;
}

void tst_PlanJson::roundTrip()
{
    QFETCH(QString, fixture);
    const QString path = dataPath(fixture);
    Plan plan;
    QList<PlanError> errors;
    QVERIFY2(PlanJson::read(readFile(path), &plan, &errors, path), qPrintable(describe(errors)));
    QString message;
    QVERIFY2(sameAsFile(PlanJson::write(plan), path, &message), qPrintable(message));
}

void tst_PlanJson::writeIsCanonical()
{
    const Plan plan = fullPlan();
    const QByteArray first = PlanJson::write(plan);
    QCOMPARE(PlanJson::write(plan), first);
    QString message;
    QVERIFY2(sameAsFile(first, dataPath(u"plan-full.tideline.json"_s), &message),
             qPrintable(message));
}

void tst_PlanJson::defaults()
{
    const QByteArray json = R"({"format": "tideline-plan", "version": 1, "name": "n",
        "releases": [{"id": "r1"}],
        "baseline": {"tables": [{"name": "t", "columns": [{"name": "c"}]}]}})";
    Plan plan;
    QList<PlanError> errors;
    QVERIFY2(PlanJson::read(json, &plan, &errors), qPrintable(describe(errors)));
    QCOMPARE(plan.dialect, u"postgresql"_s);
    QVERIFY(plan.policy == Policy());
    QCOMPARE(plan.releases.size(), 1);
    QCOMPARE(plan.releases.at(0).status, Release::Status::Planned);
    QVERIFY(!plan.releases.at(0).date.isValid());
    const Column &c = plan.baseline.schema.tables.value(u"t"_s).columns.value(0);
    QCOMPARE(c.name, u"c"_s);
    QVERIFY(c.nullable);
    QVERIFY(!c.identity && !c.generated && !c.hasDefault());
}

// A key the format does not have is an error with its path: silently ignoring it let a
// column-level "primaryKey": true or a table-level "rows" pass validate and change nothing.
// Keys starting with "_" are notes for people and are left alone.
void tst_PlanJson::unknownKeysAreErrors()
{
    const QByteArray json = R"({"format": "tideline-plan", "version": 1, "name": "n",
        "_comment": "kept for people", "futureSetting": {"x": 1},
        "releases": [{"id": "r1", "colour": "blue", "_note": "fine"}],
        "baseline": {"tables": [{"name": "t", "rows": 5,
            "columns": [{"name": "id", "type": "integer", "primaryKey": true}]}]},
        "refactorings": [{"id": "x", "kind": "add_column", "start": "r1", "table": "t"}]})";
    QList<PlanError> errors;
    QVERIFY(!PlanJson::read(json, nullptr, &errors, u"f"_s));
    QMap<QString, QString> byField;
    for (const PlanError &error : errors)
        byField.insert(error.field, error.message);
    QCOMPARE(byField.keys(), (QStringList{u"baseline.tables[0].columns[0].primaryKey"_s,
                                          u"baseline.tables[0].rows"_s, u"futureSetting"_s,
                                          u"refactorings[0].table"_s, u"releases[0].colour"_s}));
    QVERIFY2(byField.first().contains(u"is not a key of a column (a primary key is the table's "
                                      "\"primaryKey\""_s),
             qPrintable(byField.first()));
    QVERIFY2(byField.value(u"baseline.tables[0].rows"_s).contains(u"baseline.rows"_s),
             qPrintable(byField.value(u"baseline.tables[0].rows"_s)));
    QVERIFY2(byField.value(u"refactorings[0].table"_s).contains(u"\"params\""_s),
             qPrintable(byField.value(u"refactorings[0].table"_s)));
    QVERIFY2(byField.value(u"releases[0].colour"_s).endsWith(u"a release takes id, label, date, status, shipped, baseline"_s),
             qPrintable(byField.value(u"releases[0].colour"_s)));
}

void tst_PlanJson::olderUsageForm()
{
    Plan plan;
    QList<PlanError> errors;
    QVERIFY2(PlanJson::read(readFile(dataPath(u"plan-usage-object.tideline.json"_s)), &plan,
                            &errors),
             qPrintable(describe(errors)));

    UsageEdit customer;
    customer.release = u"r2"_s;
    customer.table = u"customer"_s;
    customer.reads = {{u"id"_s, u"full_name"_s}, {}, true};
    customer.inserts = {{u"full_name"_s}, {u"first_name"_s}, false};
    UsageEdit procedure;
    procedure.release = u"r2"_s;
    procedure.procedure = u"usp_add_customer"_s;
    procedure.passes = {{u"full_name"_s}, {}, true};
    UsageEdit orders;
    orders.release = u"r3"_s;
    orders.table = u"orders"_s;
    orders.updates = {{u"total"_s}, {}, true};
    QVERIFY(plan.usage == (QList<UsageEdit>{customer, procedure, orders}));

    // Written back in the list form, which reads back to the same edits.
    const QJsonObject written = QJsonDocument::fromJson(PlanJson::write(plan)).object();
    QVERIFY(written.value(u"usage"_s).isArray());
    Plan again;
    QVERIFY(PlanJson::read(PlanJson::write(plan), &again, &errors));
    QVERIFY(again == plan);
}

void tst_PlanJson::badInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    const auto plan = [](const char *body) {
        return QByteArray(R"({"format": "tideline-plan", "version": 1, "name": "n", )") + body
               + '}';
    };
    const auto table = [&](const char *tableJson) {
        return plan((QByteArray(R"("baseline": {"tables": [)") + tableJson + "]}").constData());
    };

    QTest::newRow("broken JSON") << readFile(dataPath(u"plan-broken.tideline.json"_s)) << QString()
                                 << u"not valid JSON: unterminated object at line 4, column 6"_s;
    QTest::newRow("top level is an array") << QByteArray("[]") << QString()
                                           << u"expected a JSON object"_s;
    QTest::newRow("format tag missing") << QByteArray(R"({"version": 1, "name": "n"})")
                                        << u"format"_s << u"is missing"_s;
    QTest::newRow("wrong format tag")
        << QByteArray(R"({"format": "tideline-bundle", "version": 1, "name": "n"})") << u"format"_s
        << u"expected \"tideline-plan\", found \"tideline-bundle\""_s;
    QTest::newRow("format tag not a string")
        << QByteArray(R"({"format": 7, "version": 1, "name": "n"})") << u"format"_s
        << u"expected a string, found a number"_s;
    QTest::newRow("newer format version")
        << QByteArray(R"({"format": "tideline-plan", "version": 3, "name": "n"})") << u"version"_s
        << u"written by a newer Tideline (format version 3; this build reads up to 1)"_s;
    QTest::newRow("version missing") << QByteArray(R"({"format": "tideline-plan", "name": "n"})")
                                     << u"version"_s << u"is required"_s;
    QTest::newRow("version not a number")
        << QByteArray(R"({"format": "tideline-plan", "version": "1", "name": "n"})")
        << u"version"_s << u"expected a whole number"_s;
    QTest::newRow("name missing") << QByteArray(R"({"format": "tideline-plan", "version": 1})")
                                  << u"name"_s << u"is required"_s;
    QTest::newRow("name not a string")
        << QByteArray(R"({"format": "tideline-plan", "version": 1, "name": ["n"]})") << u"name"_s
        << u"expected a string, found an array"_s;
    QTest::newRow("unknown dialect") << plan(R"("dialect": "oracle")") << u"dialect"_s
                                     << u"unknown dialect \"oracle\""_s;
    QTest::newRow("rollbackSafe not a boolean") << plan(R"("policy": {"rollbackSafe": "yes"})")
                                                << u"policy.rollbackSafe"_s
                                                << u"expected true or false"_s;
    QTest::newRow("backfillBatch zero") << plan(R"("policy": {"backfillBatch": 0})")
                                        << u"policy.backfillBatch"_s << u"at least 1"_s;
    QTest::newRow("lockTimeout not a duration") << plan(R"("policy": {"lockTimeout": "1 second"})")
                                                << u"policy.lockTimeout"_s
                                                << u"is not a duration"_s;
    QTest::newRow("statementTimeout not a string") << plan(R"("policy": {"statementTimeout": 5})")
                                                   << u"policy.statementTimeout"_s
                                                   << u"expected a string"_s;
    QTest::newRow("maxContractAge zero") << plan(R"("policy": {"maxContractAge": 0})")
                                         << u"policy.maxContractAge"_s << u"at least 1"_s;
    QTest::newRow("statements not a list") << plan(R"("statements": {"r1": "SELECT 1"})")
                                           << u"statements.r1"_s << u"expected an array"_s;
    QTest::newRow("acknowledgement without lint")
        << plan(R"("acknowledgements": [{"reason": "known"}])") << u"acknowledgements[0].lint"_s
        << u"is required"_s;
    QTest::newRow("acknowledgement without reason")
        << plan(R"("acknowledgements": [{"lint": "offline-step"}])")
        << u"acknowledgements[0].reason"_s << u"is required"_s;
    QTest::newRow("releases not an array") << plan(R"("releases": {"id": "r1"})")
                                           << u"releases"_s << u"expected an array"_s;
    QTest::newRow("release id missing") << plan(R"("releases": [{"id": "r1"}, {"label": "x"}])")
                                        << u"releases[1].id"_s << u"is required"_s;
    QTest::newRow("release id not a string") << plan(R"("releases": [{"id": 1}])")
                                             << u"releases[0].id"_s << u"expected a string"_s;
    QTest::newRow("bad status") << plan(R"("releases": [{"id": "r1", "status": "shipped"}])")
                                << u"releases[0].status"_s << u"unknown status \"shipped\""_s;
    QTest::newRow("impossible date")
        << plan(R"("releases": [{"id": "r1", "date": "2026-13-01"}])") << u"releases[0].date"_s
        << u"expected a date as YYYY-MM-DD"_s;
    QTest::newRow("date with slashes")
        << plan(R"("releases": [{"id": "r1", "date": "2026/12/01"}])") << u"releases[0].date"_s
        << u"expected a date as YYYY-MM-DD"_s;
    QTest::newRow("refactoring id missing")
        << plan(R"("refactorings": [{"kind": "drop_column", "start": "r1"}])")
        << u"refactorings[0].id"_s << u"is required"_s;
    QTest::newRow("refactoring kind missing")
        << plan(R"("refactorings": [{"id": "x", "start": "r1"}])") << u"refactorings[0].kind"_s
        << u"is required"_s;
    QTest::newRow("refactoring start missing")
        << plan(R"("refactorings": [{"id": "x", "kind": "drop_column"}])")
        << u"refactorings[0].start"_s << u"is required"_s;
    QTest::newRow("params not an object")
        << plan(R"("refactorings": [{"id": "x", "kind": "k", "start": "r1", "params": []}])")
        << u"refactorings[0].params"_s << u"expected an object"_s;
    QTest::newRow("move target not a string")
        << plan(R"("refactorings": [{"id": "x", "kind": "k", "start": "r1",
                   "moves": {"contract": 5}}])")
        << u"refactorings[0].moves.contract"_s << u"expected a release id"_s;
    QTest::newRow("after not an array")
        << plan(R"("refactorings": [{"id": "x", "kind": "k", "start": "r1", "after": "y"}])")
        << u"refactorings[0].after"_s << u"expected an array of strings"_s;
    QTest::newRow("after entry not a string")
        << plan(R"("refactorings": [{"id": "x", "kind": "k", "start": "r1", "after": ["y", 3]}])")
        << u"refactorings[0].after[1]"_s << u"expected a string"_s;
    QTest::newRow("negative row count") << plan(R"("baseline": {"rows": {"customer": -1}})")
                                        << u"baseline.rows.customer"_s << u"at least 0"_s;
    QTest::newRow("fractional row count") << plan(R"("baseline": {"rows": {"customer": 1.5}})")
                                          << u"baseline.rows.customer"_s << u"whole number"_s;
    QTest::newRow("column name missing")
        << table(R"({"name": "t", "columns": [{"name": "a"}, {"type": "int"}]})")
        << u"baseline.tables[0].columns[1].name"_s << u"is required"_s;
    QTest::newRow("nullable not a boolean")
        << table(R"({"name": "t", "columns": [{"name": "a", "nullable": "no"}]})")
        << u"baseline.tables[0].columns[0].nullable"_s << u"expected true or false"_s;
    QTest::newRow("table columns missing") << table(R"({"name": "t"})")
                                           << u"baseline.tables[0].columns"_s << u"is required"_s;
    QTest::newRow("unknown constraint kind")
        << table(R"({"name": "t", "columns": [], "constraints": [{"kind": "exclude"}]})")
        << u"baseline.tables[0].constraints[0].kind"_s << u"unknown constraint kind"_s;
    QTest::newRow("index column not a string")
        << table(R"({"name": "t", "columns": [], "indexes": [{"columns": ["a", 2]}]})")
        << u"baseline.tables[0].indexes[0].columns[1]"_s << u"expected a string"_s;
    QTest::newRow("table given twice")
        << table(R"({"name": "t", "columns": []}, {"name": "t", "columns": []})")
        << u"baseline.tables[1].name"_s << u"\"t\" is given twice"_s;
    QTest::newRow("view name missing") << plan(R"("baseline": {"views": [{"columns": ["a"]}]})")
                                       << u"baseline.views[0].name"_s << u"is required"_s;
    QTest::newRow("parameter name missing")
        << plan(R"("baseline": {"procedures": [{"name": "p", "parameters": [{"type": "int"}]}]})")
        << u"baseline.procedures[0].parameters[0].name"_s << u"is required"_s;
    QTest::newRow("sql together with tables")
        << plan(R"("baseline": {"sql": "CREATE TABLE a (x int);", "tables": []})")
        << u"baseline.tables"_s
        << u"cannot be given together with \"sql\""_s;
    QTest::newRow("usage delta of the wrong type")
        << plan(R"("usage": [{"release": "r1", "table": "t", "reads": "a"}])")
        << u"usage[0].reads"_s << u"expected an array (the whole set) or an object"_s;
    QTest::newRow("usage name not a string")
        << plan(R"("usage": [{"release": "r1", "table": "t", "inserts": {"add": ["a", 1]}}])")
        << u"usage[0].inserts.add[1]"_s << u"expected a string"_s;
    QTest::newRow("usage release missing") << plan(R"("usage": [{"table": "t"}])")
                                           << u"usage[0].release"_s << u"is required"_s;
    QTest::newRow("usage of neither table nor procedure")
        << plan(R"("usage": [{"release": "r1", "reads": ["a"]}])") << u"usage[0]"_s
        << u"needs \"table\" or \"procedure\""_s;
    QTest::newRow("usage passes on a table")
        << plan(R"("usage": [{"release": "r1", "table": "t", "passes": ["a"]}])")
        << u"usage[0].passes"_s << u"applies to procedures"_s;
    QTest::newRow("older usage form, release not an object")
        << plan(R"("usage": {"r2": ["a"]})") << u"usage.r2"_s << u"expected an object"_s;
    QTest::newRow("older usage form, delta of the wrong type")
        << plan(R"("usage": {"r2": {"customer": {"reads": 5}}})") << u"usage.r2.customer.reads"_s
        << u"expected an array"_s;
    // Needs DdlImporter: its error is reported on baseline.sql.
    QTest::newRow("baseline DDL that does not parse")
        << plan(R"("baseline": {"sql": "CREATE TABLE (;"}, "dialect": "sqlite")")
        << u"baseline.sql"_s << QString();
}

void tst_PlanJson::badInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, message);

    const QString fileName = u"bad.tideline.json"_s;
    Plan plan;
    plan.name = u"untouched"_s;
    QList<PlanError> errors;
    QVERIFY(!PlanJson::read(json, &plan, &errors, fileName));
    QCOMPARE(plan.name, u"untouched"_s);
    const auto it = std::find_if(errors.cbegin(), errors.cend(),
                                 [&](const PlanError &e) { return e.field == field; });
    QVERIFY2(it != errors.cend(), qPrintable(u"no error on \"%1\"; got:\n%2"_s.arg(
                                      field, describe(errors))));
    QVERIFY2(it->message.contains(message), qPrintable(it->message));
    QVERIFY(!it->message.isEmpty());
    QCOMPARE(it->file, fileName);
}

void tst_PlanJson::reportsEveryError()
{
    const QByteArray json = R"({"format": "tideline-plan", "version": 1,
        "releases": [{"id": "r1", "status": "gone"}, {"date": "tomorrow"}],
        "refactorings": [{"id": "x", "kind": "k"}]})";
    QList<PlanError> errors;
    QVERIFY(!PlanJson::read(json, nullptr, &errors, u"f"_s));
    QStringList fields;
    for (const PlanError &error : errors)
        fields.append(error.field);
    QCOMPARE(fields, (QStringList{u"name"_s, u"releases[0].status"_s, u"releases[1].id"_s,
                                  u"releases[1].date"_s, u"refactorings[0].start"_s}));
}

void tst_PlanJson::schemaJsonOmitsDefaults()
{
    Schema schema;
    Table table{u"t"_s, {}, {}, {}, {}};
    table.columns = {column(u"b"_s, u"int"_s), column(u"a"_s, u"text"_s, false, u"'x'"_s)};
    schema.tables.insert(table.name, table);

    const QJsonArray json = PlanJson::schemaToJson(schema);
    const QByteArray expected = R"([{"columns":[{"name":"b","type":"int"},)"
                                R"({"default":"'x'","name":"a","nullable":false,"type":"text"}],)"
                                R"("name":"t"}])";
    QCOMPARE(QJsonDocument(json).toJson(QJsonDocument::Compact), expected);

    Schema back;
    QList<PlanError> errors;
    QVERIFY(PlanJson::schemaFromJson(json, &back, &errors, {}, u"tables"_s));
    QVERIFY(back == schema); // column order kept: b before a
}

void tst_PlanJson::baselineSql_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("postgresql") << u"postgresql"_s;
    QTest::newRow("sqlite") << u"sqlite"_s;
}

// Needs DdlImporter.
void tst_PlanJson::baselineSql()
{
    QFETCH(QString, dialect);
    const QString sql =
        u"CREATE TABLE customer (id integer PRIMARY KEY, first_name varchar(100) NOT NULL);"_s;
    QJsonObject root{{u"format"_s, u"tideline-plan"_s}, {u"version"_s, 1}, {u"name"_s, u"n"_s},
                     {u"dialect"_s, dialect},
                     {u"baseline"_s, QJsonObject{{u"sql"_s, sql}}}};
    Plan plan;
    QList<PlanError> errors;
    QVERIFY2(PlanJson::read(QJsonDocument(root).toJson(), &plan, &errors),
             qPrintable(describe(errors)));
    QCOMPARE(plan.baseline.sql, sql);
    const Table *customer = plan.baseline.schema.table(u"customer"_s);
    QVERIFY(customer);
    QCOMPARE(customer->columns.size(), 2);
    QCOMPARE(customer->columns.at(0).name, u"id"_s);
    QCOMPARE(customer->columns.at(1).name, u"first_name"_s);
    QVERIFY(!customer->columns.at(1).nullable);

    // The DDL is written, not the tables parsed from it.
    const QJsonObject baseline =
        QJsonDocument::fromJson(PlanJson::write(plan)).object().value(u"baseline"_s).toObject();
    QCOMPARE(baseline.value(u"sql"_s).toString(), sql);
    QVERIFY(!baseline.contains(u"tables"_s));
}

void tst_PlanJson::formatOf_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<PlanFile::Format>("format");
    QTest::newRow("json") << u"/x/plan.tideline.json"_s << PlanFile::Format::Json;
    QTest::newRow("json, upper case") << u"PLAN.TIDELINE.JSON"_s << PlanFile::Format::Json;
    QTest::newRow("sqlite") << u"/x/plan.tideline"_s << PlanFile::Format::Sqlite;
    QTest::newRow("plain json") << u"/x/plan.json"_s << PlanFile::Format::Unknown;
    QTest::newRow("tideline in the middle") << u"/x/plan.tideline.bak"_s
                                            << PlanFile::Format::Unknown;
    QTest::newRow("no extension") << u"plan"_s << PlanFile::Format::Unknown;
}

void tst_PlanJson::formatOf()
{
    QFETCH(QString, path);
    QFETCH(PlanFile::Format, format);
    QCOMPARE(PlanFile::formatOf(path), format);
}

void tst_PlanJson::fileLoadErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing JSON file") << u"missing.tideline.json"_s << u"file not found"_s;
    QTest::newRow("missing SQLite file") << u"missing.tideline"_s << u"file not found"_s;
    QTest::newRow("unknown extension")
        << u"plan-full.json"_s << u"expected a .tideline or .tideline.json file"_s;
    // A folder with a plan's name (made below) was reported as "file not found".
    QTest::newRow("directory") << u"folder.tideline"_s << u"is a directory, not a plan file"_s;
}

void tst_PlanJson::fileLoadErrors()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(name);
    if (name.startsWith(u"folder"_s))
        QVERIFY(QDir().mkpath(path));
    Plan plan;
    QList<PlanError> errors;
    QVERIFY(!PlanFile::load(path, &plan, &errors));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).file, path);
    QCOMPARE(errors.at(0).field, QString());
    QVERIFY2(errors.at(0).message.contains(message), qPrintable(errors.at(0).message));
}

void tst_PlanJson::fileSaveJson()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"plan.tideline.json"_s);
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old contents");
    old.close();

    QList<PlanError> errors;
    QVERIFY2(PlanFile::save(path, fullPlan(), &errors), qPrintable(describe(errors)));
    QCOMPARE(readFile(path), PlanJson::write(fullPlan()));
    Plan loaded;
    QVERIFY2(PlanFile::load(path, &loaded, &errors), qPrintable(describe(errors)));
    QVERIFY(loaded == fullPlan());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"plan.tideline.json"_s});

    // A file that cannot be written reports it and creates nothing.
    const QString unwritable = dir.filePath(u"no/such/dir/plan.tideline.json"_s);
    QVERIFY(!PlanFile::save(unwritable, fullPlan(), &errors));
    QCOMPARE(errors.constLast().file, unwritable);
    QVERIFY(!QFileInfo::exists(unwritable));
}

namespace {

/** `diff` of two files, the lines only (no hunk headers), as the diff program prints them. */
QStringList diffLines(const QString &before, const QString &after)
{
    QProcess diff;
    diff.start(u"diff"_s, {before, after});
    if (!diff.waitForFinished(-1))
        return {u"diff did not run"_s};
    QStringList lines;
    for (const QString &line : QString::fromUtf8(diff.readAllStandardOutput()).split(u'\n')) {
        if (line.startsWith(u'<') || line.startsWith(u'>'))
            lines.append(line);
    }
    return lines;
}

QString copyToTemp(const QTemporaryDir &dir, const QString &source)
{
    const QString path = dir.filePath(QFileInfo(source).fileName());
    QFile::copy(source, path);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

} // namespace

void tst_PlanJson::handWrittenUnchangedIsByteIdentical_data()
{
    QTest::addColumn<QString>("file");
    // 2-space indent, keys in a reading order, short arrays on one line (issue 13, item 9).
    QTest::newRow("hand-written") << u"plan-handwritten.tideline.json"_s;
    QTest::newRow("canonical") << u"plan-full.tideline.json"_s;
    QTest::newRow("minimal") << u"plan-minimal.tideline.json"_s;
    QTest::newRow("defaults left out, one-line parts") << u"plan-handwritten-short.tideline.json"_s;
}

void tst_PlanJson::handWrittenUnchangedIsByteIdentical()
{
    QFETCH(QString, file);
    const QString source = dataPath(file);
    QVERIFY(QFileInfo::exists(source));
    QTemporaryDir dir;
    const QString path = copyToTemp(dir, source);
    Plan plan;
    QList<PlanError> errors;
    QVERIFY2(PlanFile::load(path, &plan, &errors), qPrintable(describe(errors)));
    QVERIFY2(PlanFile::save(path, plan, &errors), qPrintable(describe(errors)));
    QCOMPARE(diffLines(source, path), QStringList());
    QCOMPARE(readFile(path), readFile(source));
}

void tst_PlanJson::handWrittenStatusChangeIsOneLine()
{
    const QString source = dataPath(u"plan-handwritten.tideline.json"_s);
    QTemporaryDir dir;
    const QString path = copyToTemp(dir, source);
    Plan plan;
    QList<PlanError> errors;
    QVERIFY2(PlanFile::load(path, &plan, &errors), qPrintable(describe(errors)));
    QCOMPARE(plan.releases.at(1).id, u"r2"_s);
    QCOMPARE(plan.releases.at(1).status, Release::Status::Planned);
    plan.releases[1].status = Release::Status::Cancelled;
    QVERIFY2(PlanFile::save(path, plan, &errors), qPrintable(describe(errors)));

    QCOMPARE(diffLines(source, path),
             (QStringList{u"<       \"status\": \"planned\","_s,
                          u">       \"status\": \"cancelled\","_s}));
    Plan reloaded;
    QVERIFY2(PlanFile::load(path, &reloaded, &errors), qPrintable(describe(errors)));
    QVERIFY(reloaded == plan);
}

void tst_PlanJson::handWrittenStructuralChanges()
{
    // Removing, adding and changing whole parts keeps the text valid, its layout where it
    // still applies, and the file loads as the plan that was saved.
    const QString source = dataPath(u"plan-handwritten.tideline.json"_s);
    QTemporaryDir dir;
    const QString path = copyToTemp(dir, source);
    Plan plan;
    QList<PlanError> errors;
    QVERIFY2(PlanFile::load(path, &plan, &errors), qPrintable(describe(errors)));
    QVERIFY(plan.refactorings.size() >= 2);
    Refactoring added = plan.refactorings.takeFirst();
    added.id = u"added-again"_s;
    added.note = u"a note, new"_s;
    plan.refactorings.append(added);
    plan.policy.backfillBatch = 250;
    plan.releases.removeLast();
    Release fresh;
    fresh.id = u"r9"_s;
    fresh.label = u"2027.09"_s;
    plan.releases.append(fresh);
    QVERIFY2(PlanFile::save(path, plan, &errors), qPrintable(describe(errors)));

    Plan reloaded;
    QVERIFY2(PlanFile::load(path, &reloaded, &errors), qPrintable(describe(errors)));
    QVERIFY(reloaded == plan);
    const QByteArray text = readFile(path);
    QVERIFY2(text.contains("\n  \"policy\": {\n    \"statementTimeout\": \"90s\",\n"), text.constData());
    QVERIFY(text.contains("\"backfillBatch\": 250\n"));
    QVERIFY2(text.contains("    {\n      \"id\": \"r9\",\n"), text.constData());
    // Untouched parts are still the lines they were.
    QVERIFY(text.contains("        \"columns\": [\"id\", \"first_name\", \"last_name\"]\n"));
    QVERIFY(!text.contains("\"id\": \"r4\""));
}

QTEST_GUILESS_MAIN(tst_PlanJson)
#include "tst_planjson.moc"
