// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testplans.h"

#include <catalog/step.h>
#include <engine/compatibility.h>

#include <QRandomGenerator>
#include <QTest>

using namespace Tideline;
using namespace Tideline::TestPlans;

/** Each rule of DESIGN.md §3 with a passing and a failing case. */
class TestCompatibility : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void typeCanHold_data();
    void typeCanHold();
    void narrowingThroughSyncTrigger_data();
    void narrowingThroughSyncTrigger();
    void narrowingChangeTypeFailsOldApp_data();
    void narrowingChangeTypeFailsOldApp();
    void messagesNameAppStateAndObject();
    void baselineAppRunsOnBaseline();
    void usageOpsAsPlainSets();
};

namespace {

Schema shopSchema()
{
    Schema s;
    Table product = table("product", {identity(), column("sku", "varchar(20)", false),
                                      column("title", "varchar(200)", false),
                                      column("price", "numeric(10,2)", true),
                                      column("stock", "integer", false, "0")});
    Constraint positive;
    positive.kind = Constraint::Kind::Check;
    positive.name = "price_positive";
    positive.columns = {"price"};
    positive.expression = "price > 0";
    product.constraints << positive;
    s.tables.insert("product", product);
    View view;
    view.name = "product_list";
    view.columns = {"sku", "title"};
    s.views.insert("product_list", view);
    Procedure procedure;
    procedure.name = "usp_add_product";
    procedure.parameters = {{"sku", "varchar(20)", {}}, {"title", "varchar(200)", {}},
                            {"price", "numeric(10,2)", "NULL"}};
    s.procedures.insert("usp_add_product", procedure);
    return s;
}

/** A usage built from text edits on the baseline app: "reads-=sku", "inserts+=x", ... */
AppUsage usageWith(const Schema &schema, const std::function<void(AppUsage &)> &edit)
{
    AppUsage usage = AppUsage::fromBaseline(schema);
    edit(usage);
    return usage;
}

struct RuleCase
{
    QString rule;                 // expected rule id, empty for "passes"
    QString object;
    bool warning;
};

} // namespace

Q_DECLARE_METATYPE(std::function<void(AppUsage &)>)
Q_DECLARE_METATYPE(std::function<void(Schema &)>)

void TestCompatibility::rules_data()
{
    using UsageEdit = std::function<void(AppUsage &)>;
    using SchemaEdit = std::function<void(Schema &)>;
    QTest::addColumn<UsageEdit>("usageEdit");
    QTest::addColumn<SchemaEdit>("schemaEdit");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("object");
    QTest::addColumn<bool>("warning");
    const UsageEdit same = [](AppUsage &) {};
    const SchemaEdit unchanged = [](Schema &) {};

    // Rule 1: what the app uses exists.
    QTest::newRow("1 pass: column exists") << same << unchanged << QString() << QString() << false;
    QTest::newRow("1 fail: column dropped") << same << SchemaEdit([](Schema &s) {
        s.table("product")->columns.removeAt(2);
    }) << "missing-object" << "product.title" << false;
    QTest::newRow("1 fail: table dropped") << same << SchemaEdit([](Schema &s) { s.tables.remove("product"); })
                                           << "missing-object" << "product" << false;
    QTest::newRow("1 fail: view lost a column") << same << SchemaEdit([](Schema &s) { s.views["product_list"].columns = {"sku"}; })
                                                << "missing-object" << "product_list.title" << false;
    QTest::newRow("1 pass: app stopped using the dropped column") << UsageEdit([](AppUsage &u) {
        u.tables["product"].reads.remove("price");
        u.tables["product"].inserts.remove("price");
        u.tables["product"].updates.remove("price");
    }) << SchemaEdit([](Schema &s) { s.table("product")->columns.removeAt(3); s.table("product")->constraints.clear(); })
       << QString() << QString() << false;

    // Rule 2: inserts give every NOT NULL column without a default.
    QTest::newRow("2 fail: NOT NULL column added without default") << same << SchemaEdit([](Schema &s) {
        s.table("product")->columns << column("vendor", "text", false);
    }) << "insert-not-null" << "product.vendor" << false;
    QTest::newRow("2 pass: NOT NULL column with default") << same << SchemaEdit([](Schema &s) {
        s.table("product")->columns << column("vendor", "text", false, "'acme'");
    }) << QString() << QString() << false;
    QTest::newRow("2 pass: app that never inserts") << UsageEdit([](AppUsage &u) { u.tables["product"].inserts.clear(); })
                                                    << SchemaEdit([](Schema &s) { s.table("product")->columns << column("vendor", "text", false); })
                                                    << QString() << QString() << false;

    // Rule 3: procedure signatures.
    QTest::newRow("3 fail: parameter removed") << same << SchemaEdit([](Schema &s) {
        s.procedures["usp_add_product"].parameters.removeLast();
    }) << "procedure-signature" << "usp_add_product(price)" << false;
    QTest::newRow("3 fail: new parameter without default") << same << SchemaEdit([](Schema &s) {
        s.procedures["usp_add_product"].parameters.append({"vendor", "text", {}});
    }) << "procedure-signature" << "usp_add_product(vendor)" << false;
    QTest::newRow("3 pass: new parameter with default") << same << SchemaEdit([](Schema &s) {
        s.procedures["usp_add_product"].parameters.append({"vendor", "text", "NULL"});
    }) << QString() << QString() << false;

    // Rule 4: written values fit the type.
    QTest::newRow("4 fail: narrowed varchar") << same << SchemaEdit([](Schema &s) {
        s.table("product")->column("title")->type = "varchar(50)";
    }) << "type-cannot-hold" << "product.title" << false;
    QTest::newRow("4 pass: widened varchar") << same << SchemaEdit([](Schema &s) {
        s.table("product")->column("title")->type = "varchar(500)";
    }) << QString() << QString() << false;
    QTest::newRow("4 fail: bigint values into integer") << UsageEdit([](AppUsage &u) {
        u.tables["product"].writeTypes["stock"] = {"bigint"};
    }) << unchanged << "type-cannot-hold" << "product.stock" << false;

    // Rule 5: constraints the app does not honour.
    QTest::newRow("5 fail: NOT NULL added on a written column") << same << SchemaEdit([](Schema &s) {
        s.table("product")->column("price")->nullable = false;
    }) << "constraint-not-honoured" << "product.price" << false;
    QTest::newRow("5 pass: app declared to honour it") << UsageEdit([](AppUsage &u) {
        u.tables["product"].honours.insert(notNullKey("price"));
    }) << SchemaEdit([](Schema &s) { s.table("product")->column("price")->nullable = false; })
       << QString() << QString() << false;
    QTest::newRow("5 fail: new CHECK on a written column") << same << SchemaEdit([](Schema &s) {
        Constraint c;
        c.kind = Constraint::Kind::Check;
        c.name = "sku_format";
        c.columns = {"sku"};
        c.expression = "sku ~ '^[A-Z]'";
        s.table("product")->constraints << c;
    }) << "constraint-not-honoured" << "product.sku" << false;

    // Rule 6 (warning): reads of columns nobody fills.
    QTest::newRow("6 warn: new column read, never written") << UsageEdit([](AppUsage &u) {
        u.tables["product"].reads.insert("colour");
    }) << SchemaEdit([](Schema &s) { s.table("product")->columns << column("colour", "text"); })
       << "unfilled-read" << "product.colour" << true;
    QTest::newRow("6 pass: column written by the app") << UsageEdit([](AppUsage &u) {
        u.tables["product"].reads.insert("colour");
        u.tables["product"].inserts.insert("colour");
    }) << SchemaEdit([](Schema &s) { s.table("product")->columns << column("colour", "text"); })
       << QString() << QString() << false;
}

void TestCompatibility::rules()
{
    QFETCH(std::function<void(AppUsage &)>, usageEdit);
    QFETCH(std::function<void(Schema &)>, schemaEdit);
    QFETCH(QString, rule);
    QFETCH(QString, object);
    QFETCH(bool, warning);

    const Schema baseline = shopSchema();
    const AppUsage app = usageWith(baseline, usageEdit);
    Schema state = baseline;
    schemaEdit(state);
    const QList<Failure> failures = Compatibility::check(app, state, {}, {}, {"A_1 (r1)", "P_2 (r2 pre)"});
    if (rule.isEmpty()) {
        QStringList messages;
        for (const Failure &f : failures)
            messages << f.message;
        QVERIFY2(failures.isEmpty(), qPrintable(messages.join('\n')));
        return;
    }
    QVERIFY(!failures.isEmpty());
    const auto it = std::find_if(failures.cbegin(), failures.cend(), [&](const Failure &f) {
        return f.rule == rule && f.object == object;
    });
    QVERIFY2(it != failures.cend(), qPrintable(failures.first().rule + ' ' + failures.first().object));
    QCOMPARE(it->warning, warning);
}

void TestCompatibility::typeCanHold_data()
{
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("holds");
    QTest::newRow("same") << "varchar(10)" << "varchar(10)" << true;
    QTest::newRow("synonyms") << "character varying(10)" << "VARCHAR(10)" << true;
    QTest::newRow("wider varchar") << "varchar(20)" << "varchar(10)" << true;
    QTest::newRow("narrower varchar") << "varchar(5)" << "varchar(10)" << false;
    QTest::newRow("text holds varchar") << "text" << "varchar(10)" << true;
    QTest::newRow("varchar does not hold text") << "varchar(10)" << "text" << false;
    QTest::newRow("bigint holds int4") << "bigint" << "int4" << true;
    QTest::newRow("integer does not hold bigint") << "integer" << "bigint" << false;
    QTest::newRow("numeric widening") << "numeric(12,2)" << "numeric(10,2)" << true;
    QTest::newRow("numeric losing scale") << "numeric(10,0)" << "numeric(10,2)" << false;
    QTest::newRow("integer into text") << "text" << "integer" << true;
    QTest::newRow("text into integer") << "integer" << "text" << false;
    QTest::newRow("timestamp into timestamptz") << "timestamp with time zone" << "timestamp" << true;
    QTest::newRow("boolean into integer") << "integer" << "boolean" << false;
    // Integer ranges are exact: tinyint and mediumint are types of their own, UNSIGNED has no
    // negative values and twice the positive ones.
    QTest::newRow("smallint does not hold integer") << "smallint" << "integer" << false;
    QTest::newRow("tinyint does not hold smallint") << "tinyint" << "smallint" << false;
    QTest::newRow("smallint holds tinyint") << "smallint" << "tinyint" << true;
    QTest::newRow("mediumint does not hold integer") << "mediumint" << "int" << false;
    QTest::newRow("integer holds mediumint") << "integer" << "mediumint" << true;
    QTest::newRow("unsigned does not hold signed") << "int unsigned" << "integer" << false;
    QTest::newRow("signed does not hold unsigned of its size") << "integer" << "int(10) unsigned" << false;
    QTest::newRow("bigint holds integer unsigned") << "bigint" << "integer unsigned" << true;
    QTest::newRow("smallint unsigned holds tinyint unsigned") << "smallint unsigned" << "tinyint unsigned" << true;
    QTest::newRow("display width is no range") << "int(11)" << "integer" << true;
    QTest::newRow("serial is integer") << "integer" << "serial" << true;
    QTest::newRow("bigint into numeric(18,0)") << "numeric(18,0)" << "bigint" << false;
    QTest::newRow("integer into numeric(10,0)") << "numeric(10,0)" << "integer" << true;
    QTest::newRow("narrower numeric") << "numeric(6,2)" << "numeric(12,2)" << false;
}

void TestCompatibility::typeCanHold()
{
    QFETCH(QString, container);
    QFETCH(QString, value);
    QFETCH(bool, holds);
    QCOMPARE(Compatibility::typeCanHold(container, value), holds);
}

void TestCompatibility::narrowingThroughSyncTrigger_data()
{
    QTest::addColumn<QString>("sourceType");
    QTest::addColumn<QString>("targetType");
    QTest::addColumn<bool>("holds");
    QTest::newRow("integer -> smallint") << "integer" << "smallint" << false;
    QTest::newRow("bigint -> integer") << "bigint" << "integer" << false;
    QTest::newRow("varchar(100) -> varchar(20)") << "varchar(100)" << "varchar(20)" << false;
    QTest::newRow("numeric(12,2) -> numeric(6,2)") << "numeric(12,2)" << "numeric(6,2)" << false;
    QTest::newRow("text -> varchar(50)") << "text" << "varchar(50)" << false;
    QTest::newRow("integer -> bigint") << "integer" << "bigint" << true;
    QTest::newRow("varchar(20) -> text") << "varchar(20)" << "text" << true;
}

void TestCompatibility::narrowingThroughSyncTrigger()
{
    // The old app writes `qty`; a sync trigger copies every write into `qty_new`. When the
    // shadow is narrower the database refuses the old app's INSERT, so compat must too.
    QFETCH(QString, sourceType);
    QFETCH(QString, targetType);
    QFETCH(bool, holds);
    Schema baseline;
    baseline.tables.insert("stock", table("stock", {identity(), column("qty", sourceType)}));
    const AppUsage old = AppUsage::fromBaseline(baseline);
    Schema state = baseline;
    state.table("stock")->columns << column("qty_new", targetType);
    SyncTrigger sync;
    sync.target = "qty_new";
    sync.sources = {"qty"};
    sync.sourceColumn = "qty";
    state.table("stock")->syncs << sync;
    const QList<Failure> failures = Compatibility::check(old, state, {}, {}, {"A_0", "P_1 (r1 pre)"});
    QCOMPARE(failures.isEmpty(), holds);
    if (!holds) {
        QCOMPARE(failures.size(), 1);
        QCOMPARE(failures.first().rule, QString("type-cannot-hold"));
        QCOMPARE(failures.first().object, QString("stock.qty"));
        QVERIFY2(failures.first().message.contains("sync trigger copies into stock.qty_new, whose type in P_1 (r1 pre) is "
                                                   + targetType),
                 qPrintable(failures.first().message));
    }
    // An app that writes only values both types hold (change_type's write_both_types) passes.
    AppUsage careful = old;
    careful.tables["stock"].writeTypes["qty"] = {sourceType, targetType};
    QVERIFY(Compatibility::check(careful, state, {}, {}, {"A_1", "P_1"}).isEmpty());
    // So does an app that writes the target itself: the trigger leaves a written target alone.
    AppUsage both = old;
    both.tables["stock"].inserts << "qty_new";
    both.tables["stock"].updates << "qty_new";
    both.tables["stock"].writeTypes["qty_new"] = {targetType};
    QVERIFY(Compatibility::check(both, state, {}, {}, {"A_1", "P_1"}).isEmpty());
}

void TestCompatibility::narrowingChangeTypeFailsOldApp_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::newRow("integer -> smallint") << "integer" << "smallint";
    QTest::newRow("varchar(100) -> varchar(20)") << "varchar(100)" << "varchar(20)";
    QTest::newRow("numeric(12,2) -> numeric(6,2)") << "numeric(12,2)" << "numeric(6,2)";
    QTest::newRow("bigint -> integer") << "bigint" << "integer";
    QTest::newRow("text -> varchar(40)") << "text" << "varchar(40)";
}

void TestCompatibility::narrowingChangeTypeFailsOldApp()
{
    // change_type in r1: A_0 still writes the old type on P_1 while the trigger converts into the
    // narrower shadow. A_0 on P_1 fails (rule 4); A_1, which writes values both types hold, passes.
    QFETCH(QString, from);
    QFETCH(QString, to);
    Schema s;
    s.tables.insert("stock", table("stock", {identity(), column("qty", from)}));
    QJsonObject params{{"table", "stock"}, {"column", "qty"}, {"type", to}};
    Engine engine(plan(s, 2, {refactoring("narrow", "change_type", "r1", params)}));
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    const auto cellOf = [&](int app, int release, Phase phase) {
        const int state = Engine::stateIndex(release, phase);
        const auto it = std::find_if(engine.cells().cbegin(), engine.cells().cend(),
                                     [&](const Cell &c) { return c.app == app && c.state == state; });
        return it == engine.cells().cend() ? Cell() : *it;
    };
    const Cell oldOnP1 = cellOf(0, 1, Phase::Pre);
    QVERIFY(oldOnP1.required);
    QVERIFY(!oldOnP1.ok());
    QCOMPARE(oldOnP1.failures.first().rule, QString("type-cannot-hold"));
    QVERIFY(cellOf(1, 1, Phase::Pre).ok());
    QVERIFY(cellOf(1, 1, Phase::Post).ok());
    QVERIFY(cellOf(1, 2, Phase::Pre).ok());
    QVERIFY(cellOf(2, 2, Phase::Pre).ok());
}

void TestCompatibility::messagesNameAppStateAndObject()
{
    Schema state = shopSchema();
    state.table("product")->columns << column("vendor", "text", false);
    const QList<Failure> failures = Compatibility::check(AppUsage::fromBaseline(shopSchema()), state, {}, {},
                                                         {"A_3 (r3)", "S_4 (r4 post)"});
    QCOMPARE(failures.size(), 1);
    QCOMPARE(failures.first().message,
             QStringLiteral("A_3 (r3) inserts into product without vendor, which is NOT NULL with no default in S_4 (r4 post)"));
}

void TestCompatibility::baselineAppRunsOnBaseline()
{
    const Schema s = shopSchema();
    QVERIFY(Compatibility::check(AppUsage::fromBaseline(s), s, {}, {}, {"A_0", "S_0"}).isEmpty());
    // A_0 writes everything but the identity column.
    const TableUsage u = AppUsage::fromBaseline(s).tables.value("product");
    QVERIFY(u.reads.contains("id"));
    QVERIFY(!u.inserts.contains("id"));
    QVERIFY(u.inserts.contains("sku"));
    QVERIFY(u.honours.contains("check:price_positive"));
}

/**
 * AppUsage::apply writes a set only when an op changes it and lets a version's equal sets
 * (reads, inserts, updates) share one copy. Against plain sets written as the ops say: random
 * ops on versions derived from each other, each version (and every earlier one, which must not
 * change) compared after every op.
 */
void TestCompatibility::usageOpsAsPlainSets()
{
    struct Plain
    {
        QSet<QString> reads, inserts, updates, honours;
    };
    QRandomGenerator random(20261206);
    const auto name = [&](const char *prefix) { return QString::fromLatin1(prefix) + QString::number(random.bounded(6)); };
    const auto some = [&](const char *prefix) {
        QStringList names;
        for (int i = random.bounded(3); i > 0; --i)
            names << name(prefix);
        return names;
    };
    QList<AppUsage> versions{AppUsage::fromBaseline(shopSchema())};
    QList<QMap<QString, Plain>> models(1);
    for (auto it = versions.first().tables.cbegin(); it != versions.first().tables.cend(); ++it)
        models[0].insert(it.key(), {it->reads, it->inserts, it->updates, it->honours});
    for (int step = 0; step < 800; ++step) {
        if (random.bounded(8) == 0) { // the next version starts as a copy of the last
            const AppUsage usage = versions.last();
            const QMap<QString, Plain> model = models.last();
            versions.append(usage);
            models.append(model);
        }
        AppUsage &usage = versions.last();
        QMap<QString, Plain> &model = models.last();
        UsageOp op;
        op.table = random.bounded(2) ? QStringLiteral("product") : name("t");
        op.readsAdd = some("c");
        op.readsRemove = some("c");
        op.writesAdd = some("c");
        op.writesRemove = some("c");
        op.honoursAdd = some("not_null:c");
        op.honoursRemove = some("not_null:c");
        usage.apply(op);
        Plain &p = model[op.table];
        for (const QString &c : op.readsRemove)
            p.reads.remove(c);
        for (const QString &c : op.writesRemove) {
            p.inserts.remove(c);
            p.updates.remove(c);
        }
        for (const QString &c : op.readsAdd)
            p.reads.insert(c);
        for (const QString &c : op.writesAdd) {
            p.inserts.insert(c);
            p.updates.insert(c);
        }
        for (const QString &k : op.honoursAdd)
            p.honours.insert(k);
        for (const QString &k : op.honoursRemove)
            p.honours.remove(k);
        if (p.reads.isEmpty() && p.inserts.isEmpty() && p.updates.isEmpty() && p.honours.isEmpty())
            model.remove(op.table);
        for (qsizetype v = 0; v < versions.size(); ++v) {
            QCOMPARE(versions.at(v).tables.keys(), models.at(v).keys());
            for (auto it = models.at(v).cbegin(); it != models.at(v).cend(); ++it) {
                const TableUsage *u = versions.at(v).tables.find(it.key());
                QVERIFY(u);
                QCOMPARE(u->reads, it->reads);
                QCOMPARE(u->inserts, it->inserts);
                QCOMPARE(u->updates, it->updates);
                QCOMPARE(u->honours, it->honours);
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestCompatibility)
#include "tst_compatibility.moc"
