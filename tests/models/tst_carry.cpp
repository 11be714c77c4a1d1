// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testplans.h"

#include <catalog/carry.h>
#include <catalog/catalog.h>
#include <domain/identifiers.h>
#include <engine/engine.h>

#include <QTest>

using namespace Tideline;
using namespace Tideline::TestPlans;

/**
 * What hangs on a column moves with it (DESIGN.md §4): the ops the kinds emit, read from the
 * engine's schema states. The expectations are written from the issue's cases, not from the
 * catalog's code: a renamed `ticket_type varchar(255) NOT NULL DEFAULT 'paper'` that is UNIQUE,
 * CHECKed, indexed and referenced must end up as `kind` with all of it.
 */
class TestCarry : public QObject
{
    Q_OBJECT

private slots:
    void mentionsIgnoresLiteralsAndFunctions();
    void renamedKeepsLiteralsByteForByte();
    void renameCarriesEverything();
    void renameExpandsBareAndSyncs();
    void addColumnWithDefaultAndBackfillAddsBare();
    void setNotNullContractFillsFirst();
    void changeTypeAdaptsDefault();
    void changeTypeKeepsKeyColumn();
    void changeTypeWidensSerialSequence();
    void mergeCarriesWholeNameIndex();
    void moveCarriesIndexesAndChecks();
    void referencedColumnRefused_data();
    void referencedColumnRefused();
    void controlCharactersRefused_data();
    void controlCharactersRefused();
    void takenNamesAnswersAsTheList();
    void longNamesRefused();
    void madeUpNamesFit();
};

namespace {

/** owners ← tickets ← stubs: the issue's renamed column with everything that can hang on it. */
Schema ticketSchema()
{
    Table owners = table(QStringLiteral("owners"), {identity()});
    Table tickets = table(QStringLiteral("tickets"),
                          {identity(), column(QStringLiteral("owner_id"), QStringLiteral("integer"), false),
                           column(QStringLiteral("ticket_type"), QStringLiteral("varchar(255)"), false,
                                  QStringLiteral("'paper'"))});
    tickets.columns[2].comment = QStringLiteral("paper or digital");
    tickets.columns[2].collation = QStringLiteral("C");
    tickets.constraints = {
        constraint(Constraint::Kind::PrimaryKey, QStringLiteral("tickets_pkey"), {QStringLiteral("id")}),
        constraint(Constraint::Kind::Unique, QStringLiteral("tickets_ticket_type_key"), {QStringLiteral("ticket_type")}),
        constraint(Constraint::Kind::Check, QStringLiteral("ticket_type_known"), {},
                   QStringLiteral("ticket_type IN ('paper', 'digital', 'vip')")),
        constraint(Constraint::Kind::ForeignKey, QStringLiteral("tickets_owner_id_fkey"), {QStringLiteral("owner_id")},
                   {}, QStringLiteral("owners"), {QStringLiteral("id")}),
    };
    tickets.constraints[3].onDelete = QStringLiteral("CASCADE");
    tickets.indexes = {index(QStringLiteral("tickets_owner_type_idx"), {QStringLiteral("owner_id"), QStringLiteral("ticket_type")}),
                       index(QStringLiteral("tickets_vip_idx"), {QStringLiteral("owner_id")}, false,
                             QStringLiteral("ticket_type = 'vip'"))};
    Table stubs = table(QStringLiteral("stubs"),
                        {identity(), column(QStringLiteral("printed_as"), QStringLiteral("varchar(255)"))});
    stubs.constraints = {constraint(Constraint::Kind::ForeignKey, QStringLiteral("stubs_printed_as_fkey"),
                                    {QStringLiteral("printed_as")}, {}, QStringLiteral("tickets"),
                                    {QStringLiteral("ticket_type")})};
    stubs.constraints[0].onDelete = QStringLiteral("SET NULL");
    stubs.constraints[0].onUpdate = QStringLiteral("CASCADE");
    Schema s;
    for (const Table &t : {owners, tickets, stubs})
        s.tables.insert(t.name, t);
    return s;
}

Plan renamePlan()
{
    return plan(ticketSchema(), 5,
                {refactoring(QStringLiteral("kind"), QStringLiteral("rename_column"), QStringLiteral("r1"),
                             json(R"j({"table":"tickets","column":"ticket_type","to":"kind"})j"))});
}

const Table &tableIn(const Engine &engine, int release, Phase phase, const QString &name)
{
    static const Table none;
    const SchemaState *state = engine.state(release, phase);
    const Table *t = state ? state->schema.table(name) : nullptr;
    return t ? *t : none;
}

QStringList describe(const QList<Constraint> &constraints)
{
    QStringList list;
    for (const Constraint &c : constraints) {
        list << QStringLiteral("%1 %2 (%3)%4%5%6")
                    .arg(Constraint::kindName(c.kind), c.name, c.columns.join(QLatin1Char(',')),
                         c.expression.isEmpty() ? QString() : QStringLiteral(" check ") + c.expression,
                         c.refTable.isEmpty() ? QString()
                                              : QStringLiteral(" -> %1(%2)").arg(c.refTable, c.refColumns.join(QLatin1Char(','))),
                         c.onDelete.isEmpty() && c.onUpdate.isEmpty()
                             ? QString()
                             : QStringLiteral(" on delete %1 on update %2").arg(c.onDelete, c.onUpdate));
    }
    list.sort();
    return list;
}

QStringList describe(const QList<Index> &indexes)
{
    QStringList list;
    for (const Index &i : indexes)
        list << QStringLiteral("%1%2 (%3)%4")
                    .arg(i.unique ? QStringLiteral("unique ") : QString(), i.name, i.columns.join(QLatin1Char(',')),
                         i.where.isEmpty() ? QString() : QStringLiteral(" where ") + i.where);
    list.sort();
    return list;
}

Engine runOk(const Plan &p)
{
    Engine engine(p);
    QList<PlanError> errors;
    if (!engine.run(&errors))
        qWarning("%s", qPrintable(errors.value(0).toString()));
    return engine;
}

const PlacedStep *stepOf(const Engine &engine, const QString &name)
{
    for (const PlacedStep &p : engine.steps()) {
        if (p.step.name == name)
            return &p;
    }
    return nullptr;
}

} // namespace

void TestCarry::mentionsIgnoresLiteralsAndFunctions()
{
    QVERIFY(Carry::mentions(QStringLiteral("length(email) > 3"), QStringLiteral("email")));
    QVERIFY(Carry::mentions(QStringLiteral("\"Email\" <> ''"), QStringLiteral("Email")));
    QVERIFY(Carry::mentions(QStringLiteral("EMAIL IS NOT NULL"), QStringLiteral("email")));
    QVERIFY(!Carry::mentions(QStringLiteral("status = 'email'"), QStringLiteral("email")));
    QVERIFY(!Carry::mentions(QStringLiteral("email_verified"), QStringLiteral("email")));
    QVERIFY(!Carry::mentions(QStringLiteral("email(x) > 0"), QStringLiteral("email"))); // a function
    QVERIFY(!Carry::mentions(QStringLiteral("x::email"), QStringLiteral("email")));     // a type
    QVERIFY(!Carry::mentions(QStringLiteral("E'it''s \\' email'"), QStringLiteral("email")));
}

void TestCarry::renamedKeepsLiteralsByteForByte()
{
    const QMap<QString, QString> renames{{QStringLiteral("ticket_type"), QStringLiteral("kind")}};
    QCOMPARE(Carry::renamed(QStringLiteral("ticket_type IN ('ticket_type', 'a\nb')"), renames),
             QStringLiteral("kind IN ('ticket_type', 'a\nb')"));
    QCOMPARE(Carry::renamed(QStringLiteral("\"ticket_type\" <> '' AND lower(ticket_type) = ticket_type"), renames),
             QStringLiteral("\"kind\" <> '' AND lower(kind) = kind"));
    QCOMPARE(Carry::renamed(QStringLiteral("`ticket_type` > 0"), renames), QStringLiteral("`kind` > 0"));
    // A new name that is not a plain lower-case word gets double quotes (doubled inside).
    QCOMPARE(Carry::renamed(QStringLiteral("ticket_type > 0"), {{QStringLiteral("ticket_type"), QStringLiteral("Kind \"x\"")}}),
             QStringLiteral("\"Kind \"\"x\"\"\" > 0"));
}

void TestCarry::renameCarriesEverything()
{
    const Engine engine = runOk(renamePlan());
    QVERIFY(!engine.states().isEmpty());
    QVERIFY2(engine.compatible(), qPrintable(requiredFailures(engine).join(QLatin1Char('\n'))));

    // After the contract (r4 post): kind has everything ticket_type had; ticket_type is gone.
    const Table &tickets = tableIn(engine, 4, Phase::Post, QStringLiteral("tickets"));
    QVERIFY(!tickets.column(QStringLiteral("ticket_type")));
    const Column *kind = tickets.column(QStringLiteral("kind"));
    QVERIFY(kind);
    QCOMPARE(kind->type, QStringLiteral("varchar(255)"));
    QVERIFY(!kind->nullable);
    QCOMPARE(kind->defaultValue, QStringLiteral("'paper'"));
    QCOMPARE(kind->comment, QStringLiteral("paper or digital"));
    QCOMPARE(kind->collation, QStringLiteral("C"));
    QCOMPARE(describe(tickets.constraints),
             (QStringList{QStringLiteral("check kind_known () check kind IN ('paper', 'digital', 'vip')"),
                          QStringLiteral("foreign_key tickets_owner_id_fkey (owner_id) -> owners(id) on delete CASCADE on update "),
                          QStringLiteral("primary_key tickets_pkey (id)"),
                          QStringLiteral("unique tickets_kind_key (kind)")}));
    QCOMPARE(describe(tickets.indexes),
             (QStringList{QStringLiteral("tickets_owner_type_idx_kind (owner_id,kind)"),
                          QStringLiteral("tickets_vip_idx_kind (owner_id) where kind = 'vip'")}));
    // The other table's foreign key now references the new column, with its actions.
    QCOMPARE(describe(tableIn(engine, 4, Phase::Post, QStringLiteral("stubs")).constraints),
             (QStringList{QStringLiteral("foreign_key stubs_printed_as_fkey_kind (printed_as) -> tickets(kind) on delete SET NULL on update CASCADE")}));
    QVERIFY(tickets.syncs.isEmpty());

    // The copies arrive in r2's pre scripts, after the backfill; the old column's UNIQUE and
    // CHECK and the foreign key that referenced it go at once: r3 stops writing ticket_type, and
    // its rows must not meet them. Its plain indexes stay for the versions that still read it.
    const Table &p2 = tableIn(engine, 2, Phase::Pre, QStringLiteral("tickets"));
    QVERIFY(p2.column(QStringLiteral("ticket_type")));
    QCOMPARE(describe(p2.constraints), describe(tickets.constraints));
    QCOMPARE(p2.indexes.size(), 2 + 2);
    QVERIFY(!p2.column(QStringLiteral("kind"))->nullable);
    QCOMPARE(describe(tableIn(engine, 2, Phase::Pre, QStringLiteral("stubs")).constraints),
             describe(tableIn(engine, 4, Phase::Post, QStringLiteral("stubs")).constraints));
    const PlacedStep *carry = stepOf(engine, QStringLiteral("constraint"));
    QVERIFY(carry);
    QVERIFY(stepOf(engine, QStringLiteral("stop_write_old"))->step.dependsOn.contains(QStringLiteral("constraint")));
    // The referencing key goes before the UNIQUE it depends on.
    int dropFk = -1, dropUnique = -1;
    for (int i = 0; i < carry->step.ops.size(); ++i) {
        const SchemaOp &op = carry->step.ops.at(i);
        if (op.type == SchemaOp::Type::DropConstraint && op.table == QStringLiteral("stubs"))
            dropFk = i;
        if (op.type == SchemaOp::Type::DropConstraint && op.constraint.kind == Constraint::Kind::Unique)
            dropUnique = i;
    }
    QVERIFY(dropFk >= 0 && dropUnique > dropFk);
    // A foreign key is replaced, not doubled: two cascading keys between the same tables are
    // refused by SQL Server.
    QCOMPARE(carry->step.ops.at(dropFk + 1).type, SchemaOp::Type::AddConstraint);
    QCOMPARE(carry->step.ops.at(dropFk + 1).table, QStringLiteral("stubs"));
}

void TestCarry::renameExpandsBareAndSyncs()
{
    const Engine engine = runOk(renamePlan());
    const PlacedStep *expand = stepOf(engine, QStringLiteral("expand"));
    QVERIFY(expand);
    QCOMPARE(expand->step.ops.first().type, SchemaOp::Type::AddColumn);
    // Bare: a default here would give every existing row 'paper' and the backfill would skip them.
    QVERIFY(expand->step.ops.first().column.defaultValue.isEmpty());
    QVERIFY(expand->step.ops.first().column.nullable);

    const Table &p1 = tableIn(engine, 1, Phase::Pre, QStringLiteral("tickets"));
    QVERIFY(p1.column(QStringLiteral("kind")));
    QVERIFY(p1.column(QStringLiteral("kind"))->defaultValue.isEmpty());
    // A sync trigger fills kind for every version that only writes ticket_type, until the contract.
    QCOMPARE(p1.syncs.size(), 1);
    QCOMPARE(p1.syncs.first().target, QStringLiteral("kind"));
    QCOMPARE(p1.syncs.first().sources, QStringList{QStringLiteral("ticket_type")});
    QVERIFY(engine.state(1, Phase::Pre)->filled.contains(QStringLiteral("tickets.kind")));
    QCOMPARE(tableIn(engine, 3, Phase::Post, QStringLiteral("tickets")).syncs.size(), 1);

    // The contract drops the trigger, then the old column.
    const PlacedStep *contract = stepOf(engine, QStringLiteral("contract"));
    QVERIFY(contract);
    QList<SchemaOp::Type> types;
    for (const SchemaOp &op : contract->step.ops)
        types << op.type;
    QCOMPARE(types, (QList<SchemaOp::Type>{SchemaOp::Type::DropSyncTrigger, SchemaOp::Type::DropIndex,
                                           SchemaOp::Type::DropIndex, SchemaOp::Type::DropColumn}));
}

void TestCarry::addColumnWithDefaultAndBackfillAddsBare()
{
    const Engine engine = runOk(plan(customerSchema(), 3,
                                     {refactoring(QStringLiteral("x"), QStringLiteral("add_column"), QStringLiteral("r1"),
                                                  json(R"j({"table":"customer","column":"kind","type":"text","nullable":false,"default":"'paper'","backfill":"CASE WHEN score > 0 THEN 'digital' ELSE 'paper' END"})j"))}));
    QVERIFY(engine.compatible());
    const Column *p1 = tableIn(engine, 1, Phase::Pre, QStringLiteral("customer")).column(QStringLiteral("kind"));
    QVERIFY(p1);
    QVERIFY(p1->defaultValue.isEmpty());
    QVERIFY(p1->nullable);
    const Column *p2 = tableIn(engine, 2, Phase::Pre, QStringLiteral("customer")).column(QStringLiteral("kind"));
    QCOMPARE(p2->defaultValue, QStringLiteral("'paper'"));
    QVERIFY(!p2->nullable);
    const PlacedStep *contract = stepOf(engine, QStringLiteral("contract"));
    QVERIFY(contract);
    QCOMPARE(contract->step.ops.first().type, SchemaOp::Type::Backfill); // rows A_0 wrote since r1's backfill
    QCOMPARE(contract->step.ops.last().type, SchemaOp::Type::SetNotNull);

    // A nullable column with a default and no backfill gets the default at once, as before.
    const Engine plain = runOk(plan(customerSchema(), 3,
                                    {refactoring(QStringLiteral("x"), QStringLiteral("add_column"), QStringLiteral("r1"),
                                                 json(R"j({"table":"customer","column":"kind","type":"text","default":"'paper'"})j"))}));
    QCOMPARE(tableIn(plain, 1, Phase::Pre, QStringLiteral("customer")).column(QStringLiteral("kind"))->defaultValue,
             QStringLiteral("'paper'"));
    QVERIFY(!stepOf(plain, QStringLiteral("contract")));
}

void TestCarry::setNotNullContractFillsFirst()
{
    const Engine engine = runOk(plan(customerSchema(), 3,
                                     {refactoring(QStringLiteral("x"), QStringLiteral("set_not_null"), QStringLiteral("r1"),
                                                  json(R"j({"table":"customer","column":"email","backfill":"''"})j"))}));
    const PlacedStep *contract = stepOf(engine, QStringLiteral("contract"));
    QVERIFY(contract);
    QCOMPARE(contract->step.ops.size(), 2);
    QCOMPARE(contract->step.ops.at(0).type, SchemaOp::Type::Backfill);
    QCOMPARE(contract->step.ops.at(1).type, SchemaOp::Type::SetNotNull);
}

void TestCarry::changeTypeAdaptsDefault()
{
    Schema s = customerSchema();
    Column &code = s.tables[QStringLiteral("customer")].columns[3]; // "name"
    code.type = QStringLiteral("text");
    code.nullable = false;
    code.defaultValue = QStringLiteral("'0'::text"); // what PostgreSQL reports
    const Engine engine = runOk(plan(s, 3,
                                     {refactoring(QStringLiteral("x"), QStringLiteral("change_type"), QStringLiteral("r1"),
                                                  json(R"j({"table":"customer","column":"name","type":"integer","expression":"name::integer"})j"))}));
    const Column *swapped = tableIn(engine, 2, Phase::Pre, QStringLiteral("customer")).column(QStringLiteral("name"));
    QVERIFY(swapped);
    QCOMPARE(swapped->type, QStringLiteral("integer"));
    QCOMPARE(swapped->defaultValue, QStringLiteral("'0'")); // not the impossible integer DEFAULT '0'::text
    QVERIFY(!swapped->nullable);

    const Engine given = runOk(plan(s, 3,
                                    {refactoring(QStringLiteral("x"), QStringLiteral("change_type"), QStringLiteral("r1"),
                                                 json(R"j({"table":"customer","column":"name","type":"integer","expression":"name::integer","default":"42"})j"))}));
    QCOMPARE(tableIn(given, 2, Phase::Pre, QStringLiteral("customer")).column(QStringLiteral("name"))->defaultValue,
             QStringLiteral("42"));
}

void TestCarry::changeTypeKeepsKeyColumn()
{
    Schema s = ticketSchema();
    const Engine engine = runOk(plan(s, 3,
                                     {refactoring(QStringLiteral("x"), QStringLiteral("change_type"), QStringLiteral("r1"),
                                                  json(R"j({"table":"owners","column":"id","type":"bigint"})j"))}));
    QVERIFY(!engine.states().isEmpty());
    const Table &owners = tableIn(engine, 2, Phase::Pre, QStringLiteral("owners"));
    QCOMPARE(owners.columns.size(), 1);
    QCOMPARE(owners.columns.first().type, QStringLiteral("bigint"));
    QVERIFY(owners.columns.first().identity);
    QCOMPARE(owners.primaryKey, QStringList{QStringLiteral("id")});
    // The foreign key of tickets still references owners.id after the swap.
    QCOMPARE(describe(tableIn(engine, 2, Phase::Pre, QStringLiteral("tickets")).constraints).filter(QStringLiteral("owners(id)")).size(), 1);
    // The shadow is named within every engine's limit.
    QCOMPARE(tableIn(engine, 1, Phase::Pre, QStringLiteral("owners")).columns.last().name, QStringLiteral("id_new"));
}

// integer → bigint on a serial: its sequence must be bigint too, or it stops at 2^31 anyway.
void TestCarry::changeTypeWidensSerialSequence()
{
    Schema s;
    Column id = column(QStringLiteral("id"), QStringLiteral("integer"), false, QStringLiteral("nextval('t_id_seq'::regclass)"));
    id.identity = true;
    id.identityKind = Column::Identity::Sequence;
    id.sequence = QStringLiteral("t_id_seq");
    Table t = table(QStringLiteral("t"), {id});
    s.tables.insert(t.name, t);
    s.sequences.insert(QStringLiteral("t_id_seq"), Sequence{QStringLiteral("t_id_seq"), QStringLiteral("integer"), 1, 1, QStringLiteral("t.id")});
    const Engine engine = runOk(plan(s, 3,
                                     {refactoring(QStringLiteral("x"), QStringLiteral("change_type"), QStringLiteral("r1"),
                                                  json(R"j({"table":"t","column":"id","type":"bigint"})j"))}));
    QCOMPARE(engine.state(1, Phase::Pre)->schema.sequences.value(QStringLiteral("t_id_seq")).type, QStringLiteral("integer"));
    QCOMPARE(engine.state(2, Phase::Pre)->schema.sequences.value(QStringLiteral("t_id_seq")).type, QStringLiteral("bigint"));
    QCOMPARE(tableIn(engine, 2, Phase::Pre, QStringLiteral("t")).columns.first().sequence, QStringLiteral("t_id_seq"));
}

void TestCarry::mergeCarriesWholeNameIndex()
{
    Schema s = customerSchema();
    s.tables[QStringLiteral("customer")].indexes = {
        index(QStringLiteral("customer_names_idx"), {QStringLiteral("last_name"), QStringLiteral("first_name")}),
        index(QStringLiteral("customer_last_idx"), {QStringLiteral("last_name")})};
    const Engine engine = runOk(plan(s, 4,
                                     {refactoring(QStringLiteral("x"), QStringLiteral("merge_columns"), QStringLiteral("r1"),
                                                  json(R"j({"table":"customer","columns":["first_name","last_name"],"into":"full_name","type":"varchar(256)","expression":"first_name || ' ' || last_name"})j"))}));
    QVERIFY(engine.compatible());
    const Table &last = tableIn(engine, 3, Phase::Post, QStringLiteral("customer"));
    QCOMPARE(describe(last.indexes), QStringList{QStringLiteral("customer_full_name_idx (full_name)")});
    QCOMPARE(tableIn(engine, 1, Phase::Pre, QStringLiteral("customer")).syncs.first().sources,
             (QStringList{QStringLiteral("first_name"), QStringLiteral("last_name")}));
}

void TestCarry::moveCarriesIndexesAndChecks()
{
    Schema s = customerSchema();
    Table &customer = s.tables[QStringLiteral("customer")];
    customer.indexes = {index(QStringLiteral("customer_author_email_idx"), {QStringLiteral("author_email")})};
    customer.constraints = {constraint(Constraint::Kind::Check, QStringLiteral("author_email_at"),
                                       {QStringLiteral("author_email")}, QStringLiteral("author_email LIKE '%@%'"))};
    const Engine engine = runOk(plan(s, 4,
                                     {refactoring(QStringLiteral("x"), QStringLiteral("move_columns"), QStringLiteral("r1"),
                                                  json(R"j({"table":"customer","columns":["author_name","author_email"],"toTable":"authors","rename":{"author_email":"email"},"key":"author_id"})j"))}));
    const Table &authors = tableIn(engine, 1, Phase::Pre, QStringLiteral("authors"));
    QCOMPARE(describe(authors.indexes).size(), 1);
    QCOMPARE(authors.indexes.first().columns, QStringList{QStringLiteral("email")});
    const QStringList checks = describe(authors.constraints).filter(QStringLiteral("check"));
    QCOMPARE(checks.size(), 1);
    QVERIFY2(checks.first().endsWith(QStringLiteral("check email LIKE '%@%'")), qPrintable(checks.first()));
    const PlacedStep *contract = stepOf(engine, QStringLiteral("contract"));
    QCOMPARE(contract->step.ops.first().type, SchemaOp::Type::MoveBackfill);
}

void TestCarry::referencedColumnRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("params");
    QTest::newRow("drop") << "drop_column" << json(R"j({"table":"tickets","column":"ticket_type"})j");
    QTest::newRow("merge") << "merge_columns"
                           << json(R"j({"table":"tickets","columns":["ticket_type","owner_id"],"into":"x","type":"text","expression":"ticket_type"})j");
}

void TestCarry::referencedColumnRefused()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, params);
    Engine engine(plan(ticketSchema(), 4, {refactoring(QStringLiteral("x"), kind, QStringLiteral("r1"), params)}));
    QList<PlanError> errors;
    QVERIFY(!engine.run(&errors));
    QVERIFY2(errors.first().message.contains(QStringLiteral("referenced by foreign key stubs_printed_as_fkey of table stubs")),
             qPrintable(errors.first().toString()));
}

void TestCarry::controlCharactersRefused_data()
{
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("field");
    QTest::newRow("line break in a new column")
        << json(R"j({"table":"customer","column":"first_name","to":"given\n-- DROP TABLE customer"})j")
        << "refactorings[0].params.to";
    QTest::newRow("tab in a new column") << json(R"j({"table":"customer","column":"first_name","to":"given\tname"})j")
                                         << "refactorings[0].params.to";
    QTest::newRow("carriage return") << json(R"j({"table":"customer","column":"first_name","to":"given\r"})j")
                                     << "refactorings[0].params.to";
}

void TestCarry::controlCharactersRefused()
{
    QFETCH(QJsonObject, params);
    QFETCH(QString, field);
    Engine engine(plan(customerSchema(), 5, {refactoring(QStringLiteral("x"), QStringLiteral("rename_column"), QStringLiteral("r1"), params)}));
    QList<PlanError> errors;
    QVERIFY(!engine.run(&errors));
    QCOMPARE(errors.first().field, field);
    QVERIFY2(errors.first().message.contains(QStringLiteral("control character")), qPrintable(errors.first().message));

    // The baseline's own names too, named by the validator with the field.
    Schema hostile = customerSchema();
    Table t = table(QStringLiteral("bad\nname"), {identity()});
    hostile.tables.insert(t.name, t);
    Plan p = plan(hostile, 1, {});
    errors.clear();
    QVERIFY(!PlanValidator::validate(p, QStringLiteral("plan.json"), &errors));
    QCOMPARE(errors.first().field, QStringLiteral("baseline.tables.bad\nname"));
    QVERIFY(errors.first().message.contains(QStringLiteral("U+000a")));
}

void TestCarry::longNamesRefused()
{
    // 64 ASCII characters: one byte over PostgreSQL's limit, within MySQL's.
    const QString name(64, QLatin1Char('n'));
    Plan p = plan(customerSchema(), 5,
                  {refactoring(QStringLiteral("x"), QStringLiteral("rename_column"), QStringLiteral("r1"),
                               QJsonObject{{QStringLiteral("table"), QStringLiteral("customer")},
                                           {QStringLiteral("column"), QStringLiteral("first_name")},
                                           {QStringLiteral("to"), name}})});
    {
        Engine engine(p);
        QList<PlanError> errors;
        QVERIFY(!engine.run(&errors));
        QCOMPARE(errors.first().field, QStringLiteral("refactorings[0].params"));
        QVERIFY2(errors.first().message.contains(QStringLiteral("64 bytes long; PostgreSQL keeps at most 63")),
                 qPrintable(errors.first().message));
    }
    p.dialect = QStringLiteral("mysql");
    {
        Engine engine(p);
        QList<PlanError> errors;
        QVERIFY2(engine.run(&errors), qPrintable(errors.value(0).toString()));
    }
    p.refactorings[0].params.insert(QStringLiteral("to"), name + QLatin1Char('n'));
    {
        Engine engine(p);
        QList<PlanError> errors;
        QVERIFY(!engine.run(&errors));
        QVERIFY2(errors.first().message.contains(QStringLiteral("65 characters long; MySQL allows at most 64")),
                 qPrintable(errors.first().message));
    }
}

void TestCarry::madeUpNamesFit()
{
    // A shadow column of a 60-byte column would be 64 bytes: it is shortened the same way every time.
    const QString longColumn(60, QLatin1Char('c'));
    Schema s = customerSchema();
    s.tables[QStringLiteral("customer")].columns.append(column(longColumn, QStringLiteral("integer")));
    const Plan p = plan(s, 3,
                        {refactoring(QStringLiteral("x"), QStringLiteral("change_type"), QStringLiteral("r1"),
                                     QJsonObject{{QStringLiteral("table"), QStringLiteral("customer")},
                                                 {QStringLiteral("column"), longColumn},
                                                 {QStringLiteral("type"), QStringLiteral("bigint")}})});
    const Engine a = runOk(p), b = runOk(p);
    const QString shadow = tableIn(a, 1, Phase::Pre, QStringLiteral("customer")).columns.last().name;
    QCOMPARE(shadow.toUtf8().size(), 63);
    QVERIFY(shadow.endsWith(QStringLiteral("_new")));
    QCOMPARE(tableIn(b, 1, Phase::Pre, QStringLiteral("customer")).columns.last().name, shadow);
    QCOMPARE(Identifiers::fit(QString(70, QChar(0x00e9))).toUtf8().size(), 63); // never splits a character
}

/** Carry::TakenNames (a lookup in the state's name index) answers as a search of the list
 *  Carry::takenNames() (plus every table and view name, for WithRelations) did, on a state the
 *  engine derived and with names added as a decomposition picks them. */
void TestCarry::takenNamesAnswersAsTheList()
{
    const Engine engine = runOk(renamePlan());
    for (const SchemaState &state : engine.states()) {
        const Schema &schema = state.schema;
        Schema withSequence = schema;
        Sequence s;
        s.name = QStringLiteral("Ticket_Seq");
        withSequence.sequences.insert(s.name, s);
        View v;
        v.name = QStringLiteral("ticket_view");
        withSequence.views.insert(v.name, v);
        const Schema *schemas[] = {&schema, &withSequence};
        for (const Schema *one : schemas) {
            QStringList candidates = Carry::takenNames(*one) + one->tables.keys() + one->views.keys();
            candidates << QStringLiteral("nothing") << QStringLiteral("added_name") << QString();
            for (const QString &c : QStringList(candidates))
                candidates << c.toUpper() << c + QLatin1Char('x');
            for (const auto scope : {Carry::TakenNames::IndexNames, Carry::TakenNames::WithRelations}) {
                QStringList list = Carry::takenNames(*one);
                if (scope == Carry::TakenNames::WithRelations)
                    list += one->tables.keys() + one->views.keys();
                Carry::TakenNames taken(*one, scope);
                list << QStringLiteral("added_name");
                taken << QStringLiteral("added_name");
                for (const QString &c : std::as_const(candidates)) {
                    for (Qt::CaseSensitivity cs : {Qt::CaseSensitive, Qt::CaseInsensitive})
                        QVERIFY2(taken.contains(c, cs) == (!c.isEmpty() && list.contains(c, cs)), qPrintable(c));
                }
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestCarry)
#include "tst_carry.moc"
