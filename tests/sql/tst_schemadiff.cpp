// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// SchemaDiff: every kind of difference and the alias rules that must not count as one, on
// synthetic schemas; then for real: S_0 of sql-every-kind built in SQLite (and, with
// TIDELINE_TEST_PG_DSN / TIDELINE_TEST_MYSQL_DSN, on PostgreSQL and MariaDB) shows no drift,
// and each planted difference is found, alone.

#include "scratchdatabase.h"
#include "sqlfixtures.h"

#include <sql/applier.h>
#include <sql/bundle.h>
#include <sql/connection.h>
#include <sql/dialect.h>
#include <sql/livecatalog.h>
#include <sql/schemadiff.h>

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Tideline;
using namespace Tideline::SqlFixtures;

using Edit = std::function<void(Schema &)>;
Q_DECLARE_METATYPE(Edit)

namespace {

Schema base()
{
    Table t;
    t.name = "orders";
    Column id;
    id.name = "id";
    id.type = "integer";
    id.nullable = false;
    id.identity = true;
    Column customer;
    customer.name = "customer_id";
    customer.type = "integer";
    customer.nullable = false;
    Column total;
    total.name = "total";
    total.type = "numeric(10,2)";
    total.defaultValue = "0";
    Column note;
    note.name = "note";
    note.type = "varchar(100)";
    Column flag;
    flag.name = "flag";
    flag.type = "boolean";
    flag.nullable = false;
    flag.defaultValue = "false";
    t.columns = {id, customer, total, note, flag};
    t.primaryKey = {"id"};
    Index i;
    i.name = "orders_customer_idx";
    i.columns = {"customer_id"};
    t.indexes = {i};
    Constraint unique;
    unique.kind = Constraint::Kind::Unique;
    unique.name = "orders_note_key";
    unique.columns = {"note"};
    Constraint check;
    check.kind = Constraint::Kind::Check;
    check.name = "orders_total_positive";
    check.expression = "total > 0";
    Constraint fk;
    fk.kind = Constraint::Kind::ForeignKey;
    fk.name = "orders_customer_fk";
    fk.columns = {"customer_id"};
    fk.refTable = "customer";
    fk.refColumns = {"id"};
    t.constraints = {unique, check, fk};
    Table c;
    c.name = "customer";
    c.columns = {id};
    c.primaryKey = {"id"};
    Schema s;
    s.tables.insert(t.name, t);
    s.tables.insert(c.name, c);
    return s;
}

QStringList describe(const QList<SchemaDifference> &differences)
{
    QStringList lines;
    for (const SchemaDifference &d : differences)
        lines << d.kind + ' ' + d.object;
    return lines;
}

Column &col(Schema &s, const QString &table, const QString &column)
{
    return *s.table(table)->column(column);
}

/** A fresh SQLite file with S_0 of sql-every-kind built by the baseline bundle. */
bool buildBaseline(const Engine &engine, const QString &path, QString *error)
{
    Connection db;
    if (!db.open("sqlite:" + path, error))
        return false;
    Bundle bundle;
    if (!Bundle::build(engine, "baseline", *Dialect::forName("sqlite"), &bundle, error))
        return false;
    Applier applier(db.database(), *Dialect::forName("sqlite"));
    return applier.apply(bundle, "baseline", error);
}

/** Runs @p statements, then compares the catalog of @p dsn with S_0. */
bool driftOf(const Engine &engine, const QString &dsn, const QStringList &statements,
             QStringList *found, QString *error)
{
    Connection db;
    if (!db.open(dsn, error) || !runStatements(db.database(), statements, error))
        return false;
    Schema live;
    if (!LiveCatalog::read(db.database(), db.dialect(), &live, error))
        return false;
    *found = describe(SchemaDiff::compare(engine.state(0, Phase::Post)->schema, live, db.dialect()));
    return true;
}

} // namespace

class TestSchemaDiff : public QObject
{
    Q_OBJECT

private slots:
    void compare_data();
    void compare();
    void normalizeType_data();
    void normalizeType();
    void normalizeDefault_data();
    void normalizeDefault();
    void normalizeExpression_data();
    void normalizeExpression();
    void differenceText();
    void sqlite_data();
    void sqlite();
    void server_data();
    void server();
};

void TestSchemaDiff::compare_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<Edit>("editExpected");
    QTest::addColumn<Edit>("editActual");
    QTest::addColumn<QStringList>("found");
    const Edit none = [](Schema &) {};

    QTest::newRow("same") << "postgresql" << none << none << QStringList();
    QTest::newRow("missing_table") << "postgresql" << none << Edit([](Schema &s) { s.tables.remove("customer"); })
                                   << QStringList{"missing_table customer"};
    QTest::newRow("extra_table") << "postgresql" << Edit([](Schema &s) { s.tables.remove("customer"); }) << none
                                 << QStringList{"extra_table customer"};
    QTest::newRow("missing_view") << "postgresql" << Edit([](Schema &s) { s.views.insert("v", View{"v", {}, {}}); })
                                  << none << QStringList{"missing_view v"};
    QTest::newRow("extra_view") << "postgresql" << none << Edit([](Schema &s) { s.views.insert("v", View{"v", {}, {}}); })
                                << QStringList{"extra_view v"};
    QTest::newRow("missing_column") << "postgresql" << none
                                    << Edit([](Schema &s) { s.table("orders")->columns.removeAt(3); })
                                    << QStringList{"missing_column orders.note"};
    QTest::newRow("extra_column") << "postgresql" << Edit([](Schema &s) { s.table("orders")->columns.removeAt(3); })
                                  << none << QStringList{"extra_column orders.note"};
    QTest::newRow("column order is not drift")
        << "postgresql" << none << Edit([](Schema &s) { s.table("orders")->columns.move(0, 4); }) << QStringList();
    QTest::newRow("type") << "postgresql" << none << Edit([](Schema &s) { col(s, "orders", "note").type = "text"; })
                          << QStringList{"type orders.note"};
    QTest::newRow("type length") << "postgresql" << none
                                 << Edit([](Schema &s) { col(s, "orders", "note").type = "varchar(101)"; })
                                 << QStringList{"type orders.note"};
    QTest::newRow("nullable") << "postgresql" << none
                              << Edit([](Schema &s) { col(s, "orders", "note").nullable = false; })
                              << QStringList{"nullable orders.note"};
    QTest::newRow("default changed") << "postgresql" << none
                                     << Edit([](Schema &s) { col(s, "orders", "total").defaultValue = "1"; })
                                     << QStringList{"default orders.total"};
    QTest::newRow("default dropped") << "postgresql" << none
                                     << Edit([](Schema &s) { col(s, "orders", "total").defaultValue.clear(); })
                                     << QStringList{"default orders.total"};
    QTest::newRow("primary_key") << "postgresql" << none
                                 << Edit([](Schema &s) { s.table("orders")->primaryKey = {"id", "customer_id"}; })
                                 << QStringList{"primary_key orders"};
    QTest::newRow("missing_index") << "postgresql" << none << Edit([](Schema &s) { s.table("orders")->indexes.clear(); })
                                   << QStringList{"missing_index orders index (customer_id)"};
    QTest::newRow("extra_index") << "postgresql" << Edit([](Schema &s) { s.table("orders")->indexes.clear(); }) << none
                                 << QStringList{"extra_index orders index (customer_id)"};
    QTest::newRow("index uniqueness") << "postgresql" << none
                                      << Edit([](Schema &s) { s.table("orders")->indexes[0].unique = true; })
                                      << QStringList{"missing_index orders index (customer_id)",
                                                     "extra_index orders index (customer_id)"};
    QTest::newRow("index_name") << "postgresql" << none
                                << Edit([](Schema &s) { s.table("orders")->indexes[0].name = "ix_other"; })
                                << QStringList{"index_name orders index (customer_id)"};
    QTest::newRow("missing unique") << "postgresql" << none
                                    << Edit([](Schema &s) { s.table("orders")->constraints.removeAt(0); })
                                    << QStringList{"missing_constraint orders unique (note)"};
    QTest::newRow("extra unique") << "postgresql" << Edit([](Schema &s) { s.table("orders")->constraints.removeAt(0); })
                                  << none << QStringList{"extra_constraint orders unique (note)"};
    QTest::newRow("unique renamed is not drift")
        << "postgresql" << none << Edit([](Schema &s) { s.table("orders")->constraints[0].name = "other"; })
        << QStringList();
    QTest::newRow("missing check") << "postgresql" << none
                                   << Edit([](Schema &s) { s.table("orders")->constraints.removeAt(1); })
                                   << QStringList{"missing_constraint orders check orders_total_positive"};
    QTest::newRow("missing check (sqlite)")
        << "sqlite" << none << Edit([](Schema &s) { s.table("orders")->constraints.removeAt(1); })
        << QStringList{"missing_constraint orders check orders_total_positive"};
    QTest::newRow("unnamed check: live name not extra")
        << "postgresql" << Edit([](Schema &s) { s.table("orders")->constraints[1].name.clear(); }) << none
        << QStringList();
    QTest::newRow("missing foreign key")
        << "postgresql" << none << Edit([](Schema &s) { s.table("orders")->constraints.removeAt(2); })
        << QStringList{"missing_constraint orders foreign key (customer_id) references customer (id)"};
    QTest::newRow("foreign key elsewhere")
        << "mysql" << none << Edit([](Schema &s) { s.table("orders")->constraints[2].refTable = "client"; })
        << QStringList{"missing_constraint orders foreign key (customer_id) references customer (id)",
                       "extra_constraint orders foreign key (customer_id) references client (id)"};

    // Aliases that are one type, and defaults that are one value: no drift.
    QTest::newRow("int4 is integer (postgresql)")
        << "postgresql" << none << Edit([](Schema &s) { col(s, "orders", "customer_id").type = "int4"; }) << QStringList();
    QTest::newRow("INT is integer (mysql)")
        << "mysql" << none << Edit([](Schema &s) { col(s, "orders", "customer_id").type = "int(11)"; }) << QStringList();
    QTest::newRow("character varying is varchar")
        << "postgresql" << none << Edit([](Schema &s) { col(s, "orders", "note").type = "character varying(100)"; })
        << QStringList();
    QTest::newRow("VARCHAR is varchar (sqlite)")
        << "sqlite" << none << Edit([](Schema &s) { col(s, "orders", "note").type = "VARCHAR(100)"; }) << QStringList();
    QTest::newRow("bool is boolean")
        << "postgresql" << none << Edit([](Schema &s) { col(s, "orders", "flag").type = "bool"; }) << QStringList();
    QTest::newRow("tinyint(1) is boolean (mysql)")
        << "mysql" << none << Edit([](Schema &s) {
               col(s, "orders", "flag").type = "tinyint(1)";
               col(s, "orders", "flag").defaultValue = "0";
           }) << QStringList();
    QTest::newRow("tinyint(1) is not boolean (postgresql)")
        << "postgresql" << none << Edit([](Schema &s) { col(s, "orders", "flag").type = "tinyint(1)"; })
        << QStringList{"type orders.flag"};
    QTest::newRow("decimal is numeric")
        << "mysql" << none << Edit([](Schema &s) { col(s, "orders", "total").type = "decimal(10,2)"; }) << QStringList();
    QTest::newRow("int8 is bigint")
        << "postgresql" << Edit([](Schema &s) { col(s, "orders", "customer_id").type = "bigint"; })
        << Edit([](Schema &s) { col(s, "orders", "customer_id").type = "int8"; }) << QStringList();
    QTest::newRow("timestamptz is datetime(6) (mysql)")
        << "mysql" << Edit([](Schema &s) { col(s, "orders", "note").type = "timestamptz"; })
        << Edit([](Schema &s) { col(s, "orders", "note").type = "datetime(6)"; }) << QStringList();
    QTest::newRow("text is text, not longtext (mysql)")
        << "mysql" << Edit([](Schema &s) { col(s, "orders", "note").type = "text"; })
        << Edit([](Schema &s) { col(s, "orders", "note").type = "longtext"; }) << QStringList{"type orders.note"};
    QTest::newRow("timestamptz is the timestamp read from datetime(6) (mysql)")
        << "mysql" << Edit([](Schema &s) { col(s, "orders", "note").type = "timestamp with time zone"; })
        << Edit([](Schema &s) { col(s, "orders", "note").type = "timestamp"; }) << QStringList();
    QTest::newRow("timestamptz is not timestamp (postgresql)")
        << "postgresql" << Edit([](Schema &s) { col(s, "orders", "note").type = "timestamp with time zone"; })
        << Edit([](Schema &s) { col(s, "orders", "note").type = "timestamp"; }) << QStringList{"type orders.note"};
    QTest::newRow("unsigned is not integer (mysql)")
        << "mysql" << none << Edit([](Schema &s) { col(s, "orders", "customer_id").type = "int(10) unsigned"; })
        << QStringList{"type orders.customer_id"};
    QTest::newRow("integer unsigned is int(10) unsigned (mysql)")
        << "mysql" << Edit([](Schema &s) { col(s, "orders", "customer_id").type = "integer unsigned"; })
        << Edit([](Schema &s) { col(s, "orders", "customer_id").type = "int(10) unsigned"; }) << QStringList();
    QTest::newRow("character set in the type is the column's (mysql)")
        << "mysql" << none << Edit([](Schema &s) { col(s, "orders", "note").type = "varchar(100) character set latin1"; })
        << QStringList{"charset orders.note"};
    QTest::newRow("datetime is not timestamp (mysql)")
        << "mysql" << Edit([](Schema &s) { col(s, "orders", "note").type = "datetime"; })
        << Edit([](Schema &s) { col(s, "orders", "note").type = "timestamp"; }) << QStringList{"type orders.note"};
    QTest::newRow("rowid alias is NOT NULL, declared so or not (sqlite)")
        << "sqlite" << Edit([](Schema &s) { col(s, "orders", "id").nullable = true; }) << none << QStringList();
    QTest::newRow("identity keys: any integer")
        << "sqlite" << none << Edit([](Schema &s) { col(s, "orders", "id").type = "INTEGER"; }) << QStringList();
    QTest::newRow("default cast (postgresql)")
        << "postgresql" << Edit([](Schema &s) { col(s, "orders", "note").defaultValue = "'x'"; })
        << Edit([](Schema &s) { col(s, "orders", "note").defaultValue = "'x'::character varying"; }) << QStringList();
    QTest::newRow("default quoted number (mysql)")
        << "mysql" << none << Edit([](Schema &s) { col(s, "orders", "total").defaultValue = "'0.00'"; })
        << QStringList();
    QTest::newRow("default in parentheses")
        << "sqlite" << none << Edit([](Schema &s) { col(s, "orders", "total").defaultValue = "(0)"; }) << QStringList();
    QTest::newRow("default now()")
        << "mysql" << Edit([](Schema &s) { col(s, "orders", "note").defaultValue = "CURRENT_TIMESTAMP"; })
        << Edit([](Schema &s) { col(s, "orders", "note").defaultValue = "current_timestamp()"; }) << QStringList();
    QTest::newRow("default string case matters")
        << "sqlite" << Edit([](Schema &s) { col(s, "orders", "note").defaultValue = "'x'"; })
        << Edit([](Schema &s) { col(s, "orders", "note").defaultValue = "'X'"; }) << QStringList{"default orders.note"};

    // Every field of the model, each as the engine holds it: what differs is drift, what the
    // engine prints its own way is not.
    const auto table = [](Schema &s) -> Table & { return *s.table("orders"); };
    const auto index = [=](Schema &s) -> Index & { return table(s).indexes[0]; };
    const auto check = [=](Schema &s) -> Constraint & { return table(s).constraints[1]; };
    const auto foreign = [=](Schema &s) -> Constraint & { return table(s).constraints[2]; };
    const auto kind = [](Column::Identity k) { return Edit([k](Schema &s) { col(s, "orders", "id").identityKind = k; }); };

    QTest::newRow("identity dropped") << "postgresql" << none << Edit([](Schema &s) { col(s, "orders", "id").identity = false; })
                                      << QStringList{"identity orders.id"};
    QTest::newRow("identity always vs by default (postgresql)")
        << "postgresql" << kind(Column::Identity::Always) << kind(Column::Identity::ByDefault) << QStringList{"identity orders.id"};
    QTest::newRow("identity kinds are one on mysql")
        << "mysql" << kind(Column::Identity::Always) << kind(Column::Identity::ByDefault) << QStringList();
    QTest::newRow("autoincrement is not the plain rowid (sqlite)")
        << "sqlite" << kind(Column::Identity::AutoIncrement) << kind(Column::Identity::ByDefault) << QStringList{"identity orders.id"};
    QTest::newRow("serial's sequence (postgresql)")
        << "postgresql" << Edit([](Schema &s) {
               col(s, "orders", "id").identityKind = Column::Identity::Sequence;
               col(s, "orders", "id").sequence = "orders_id_seq";
           })
        << Edit([](Schema &s) {
               col(s, "orders", "id").identityKind = Column::Identity::Sequence;
               col(s, "orders", "id").sequence = "orders_id_seq1";
           })
        << QStringList{"identity orders.id"};
    QTest::newRow("an INTEGER key is the rowid (sqlite)")
        << "sqlite" << Edit([](Schema &s) { col(s, "customer", "id").identity = false; }) << none << QStringList();
    QTest::newRow("an INTEGER key is no identity (postgresql)")
        << "postgresql" << Edit([](Schema &s) { col(s, "customer", "id").identity = false; }) << none
        << QStringList{"identity customer.id"};

    const auto generated = [](const QString &expression, bool stored = true) {
        return Edit([=](Schema &s) {
            Column &c = col(s, "orders", "note");
            c.generated = true;
            c.generatedExpression = expression;
            c.generatedStored = stored;
        });
    };
    QTest::newRow("generated as PostgreSQL prints it")
        << "postgresql" << generated("upper(note) || '-'") << generated("(upper((note)::text) || '-'::text)") << QStringList();
    QTest::newRow("generated as MariaDB prints it")
        << "mysql" << generated("upper(note)") << generated("ucase(`note`)") << QStringList();
    QTest::newRow("generated expression changed")
        << "postgresql" << generated("upper(note)") << generated("lower(note)") << QStringList{"generated orders.note"};
    QTest::newRow("generated stored vs virtual (mysql)")
        << "mysql" << generated("upper(note)") << generated("upper(note)", false) << QStringList{"generated orders.note"};
    QTest::newRow("generated columns are stored (postgresql)")
        << "postgresql" << generated("upper(note)") << generated("upper(note)", false) << QStringList();
    QTest::newRow("generated column made plain") << "sqlite" << generated("upper(note)") << none
                                                 << QStringList{"generated orders.note"};

    const auto defaultOf = [](const QString &column, const QString &value) {
        return Edit([=](Schema &s) { col(s, "orders", column).defaultValue = value; });
    };
    QTest::newRow("expression default as PostgreSQL prints it")
        << "postgresql" << defaultOf("customer_id", "(random()*1000)::int")
        << defaultOf("customer_id", "((random() * (1000)::double precision))::integer") << QStringList();
    QTest::newRow("expression default changed")
        << "postgresql" << defaultOf("customer_id", "(random()*1000)::int") << defaultOf("customer_id", "(random()*100)::int")
        << QStringList{"default orders.customer_id"};
    QTest::newRow("negative default as PostgreSQL prints it")
        << "postgresql" << defaultOf("customer_id", "-1") << defaultOf("customer_id", "'-1'::integer") << QStringList();
    QTest::newRow("default as MariaDB prints it")
        << "mysql" << defaultOf("note", "lower('ABC')") << defaultOf("note", "lcase('ABC')") << QStringList();

    const auto columnField = [](const QString &field, const QString &value) {
        return Edit([=](Schema &s) {
            Column &c = col(s, "orders", "note");
            (field == "collation" ? c.collation : field == "charset" ? c.charset : c.comment) = value;
        });
    };
    QTest::newRow("collation (postgresql)") << "postgresql" << none << columnField("collation", "C")
                                            << QStringList{"collation orders.note"};
    QTest::newRow("default collation (postgresql)") << "postgresql" << none << columnField("collation", "default") << QStringList();
    QTest::newRow("collation of utf8mb4 by default (mysql)")
        << "mysql" << none << columnField("collation", "utf8mb4_general_ci") << QStringList();
    QTest::newRow("collation in the type (mysql)")
        << "mysql" << none << Edit([](Schema &s) { col(s, "orders", "note").type = "varchar(100) collate utf8mb4_bin"; })
        << QStringList{"collation orders.note"};
    QTest::newRow("utf8mb4 is the default charset (mysql)") << "mysql" << none << columnField("charset", "utf8mb4") << QStringList();
    QTest::newRow("charset (mysql)") << "mysql" << columnField("charset", "latin1") << none << QStringList{"charset orders.note"};
    QTest::newRow("column comment") << "postgresql" << columnField("comment", "shown to users") << none
                                    << QStringList{"comment orders.note"};
    QTest::newRow("no comments on sqlite") << "sqlite" << columnField("comment", "shown to users") << none << QStringList();

    const auto indexEdit = [=](const std::function<void(Index &)> &edit) {
        return Edit([=](Schema &s) { edit(index(s)); });
    };
    QTest::newRow("partial index as PostgreSQL prints it")
        << "postgresql" << indexEdit([](Index &i) { i.where = "customer_id > 0 AND note IS NOT NULL"; })
        << indexEdit([](Index &i) { i.where = "((customer_id > 0) AND (note IS NOT NULL))"; }) << QStringList();
    QTest::newRow("partial index predicate changed")
        << "sqlite" << indexEdit([](Index &i) { i.where = "customer_id > 0"; })
        << indexEdit([](Index &i) { i.where = "customer_id > 1"; })
        << QStringList{"index_definition orders index orders_customer_idx"};
    QTest::newRow("partial index made whole")
        << "postgresql" << indexEdit([](Index &i) { i.where = "customer_id > 0"; }) << none
        << QStringList{"index_definition orders index orders_customer_idx"};
    QTest::newRow("MySQL has no partial indexes") << "mysql" << indexEdit([](Index &i) { i.where = "customer_id > 0"; }) << none
                                                  << QStringList();
    QTest::newRow("include") << "postgresql" << indexEdit([](Index &i) { i.include = {"note"}; }) << none
                             << QStringList{"index_definition orders index orders_customer_idx"};
    QTest::newRow("descending") << "mysql" << none << indexEdit([](Index &i) { i.descending = {true}; })
                                << QStringList{"index_definition orders index orders_customer_idx"};
    QTest::newRow("ascending said or not") << "postgresql" << indexEdit([](Index &i) { i.descending = {false}; }) << none
                                           << QStringList();
    QTest::newRow("prefix length (mysql)") << "mysql" << indexEdit([](Index &i) { i.lengths = {10}; }) << none
                                           << QStringList{"index_definition orders index orders_customer_idx"};
    QTest::newRow("prefix lengths are MySQL's") << "postgresql" << indexEdit([](Index &i) { i.lengths = {10}; }) << none
                                                << QStringList();
    QTest::newRow("access method") << "postgresql" << indexEdit([](Index &i) { i.method = "hash"; }) << none
                                   << QStringList{"index_definition orders index orders_customer_idx"};
    QTest::newRow("btree is the plain method") << "mysql" << indexEdit([](Index &i) { i.method = "BTREE"; }) << none
                                               << QStringList();
    QTest::newRow("expression index as PostgreSQL prints it")
        << "postgresql" << indexEdit([](Index &i) { i.columns = {"lower(note)"}; })
        << indexEdit([](Index &i) { i.columns = {"lower(note::text)"}; }) << QStringList();

    const auto uniqueAsIndex = Edit([=](Schema &s) {
        table(s).constraints.removeAt(0);
        Index unique;
        unique.name = "orders_note_key";
        unique.columns = {"note"};
        unique.unique = true;
        table(s).indexes << unique;
    });
    QTest::newRow("a unique constraint is a unique index (mysql)") << "mysql" << none << uniqueAsIndex << QStringList();
    QTest::newRow("a unique index is a unique constraint (mysql)") << "mysql" << uniqueAsIndex << none << QStringList();
    QTest::newRow("a unique index is no constraint (postgresql)")
        << "postgresql" << none << uniqueAsIndex
        << QStringList{"extra_index orders index (note)", "missing_constraint orders unique (note)"};

    const auto foreignEdit = [=](const std::function<void(Constraint &)> &edit) {
        return Edit([=](Schema &s) { edit(foreign(s)); });
    };
    const QString fk = "constraint_definition orders foreign key (customer_id) references customer (id)";
    QTest::newRow("on delete") << "postgresql" << none << foreignEdit([](Constraint &c) { c.onDelete = "CASCADE"; })
                               << QStringList{fk};
    QTest::newRow("on update") << "sqlite" << foreignEdit([](Constraint &c) { c.onUpdate = "SET NULL"; }) << none
                               << QStringList{fk};
    QTest::newRow("RESTRICT is NO ACTION (mysql)") << "mysql" << none << foreignEdit([](Constraint &c) { c.onDelete = "RESTRICT"; })
                                                   << QStringList();
    QTest::newRow("RESTRICT is not NO ACTION (postgresql)")
        << "postgresql" << none << foreignEdit([](Constraint &c) { c.onDelete = "RESTRICT"; }) << QStringList{fk};
    QTest::newRow("deferrable (postgresql)") << "postgresql" << foreignEdit([](Constraint &c) { c.deferrable = true; }) << none
                                             << QStringList{fk};
    QTest::newRow("MySQL keys are not deferrable") << "mysql" << foreignEdit([](Constraint &c) { c.deferrable = true; }) << none
                                                   << QStringList();

    const auto checkEdit = [=](const QString &name, const QString &expression) {
        return Edit([=](Schema &s) {
            check(s).name = name;
            check(s).expression = expression;
        });
    };
    QTest::newRow("check as PostgreSQL prints it")
        << "postgresql" << none << checkEdit("orders_total_positive", "(total > (0)::numeric)") << QStringList();
    QTest::newRow("check changed") << "postgresql" << none << checkEdit("orders_total_positive", "total > 1")
                                   << QStringList{"constraint_definition orders check orders_total_positive"};
    QTest::newRow("check IN as PostgreSQL prints it")
        << "postgresql" << checkEdit("orders_total_positive", "note IN ('a', 'b')")
        << checkEdit("orders_total_positive",
                     "((note)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))")
        << QStringList();
    QTest::newRow("check NOT IN as PostgreSQL prints it")
        << "postgresql" << checkEdit("orders_total_positive", "note NOT IN ('x', 'y')")
        << checkEdit("orders_total_positive", "((note)::text <> ALL (ARRAY['x'::text, 'y'::text]))") << QStringList();
    QTest::newRow("check BETWEEN as PostgreSQL prints it")
        << "postgresql" << checkEdit("orders_total_positive", "total BETWEEN 0 AND 10")
        << checkEdit("orders_total_positive", "((total >= (0)::numeric) AND (total <= (10)::numeric))") << QStringList();
    QTest::newRow("check LIKE as PostgreSQL prints it")
        << "postgresql" << checkEdit("orders_total_positive", "note NOT LIKE 'z%' AND note = lower(note)")
        << checkEdit("orders_total_positive", "(((note)::text !~~ 'z%'::text) AND ((note)::text = lower((note)::text)))")
        << QStringList();
    QTest::newRow("check as MariaDB prints it")
        << "mysql" << checkEdit("orders_total_positive", "note = lower(note) AND total BETWEEN 0 AND 10")
        << checkEdit("orders_total_positive", "`note` = lcase(`note`) and `total` between 0 and 10") << QStringList();
    QTest::newRow("unnamed check found by its expression")
        << "mysql" << checkEdit("", "total > 0") << checkEdit("CONSTRAINT_1", "`total` > 0") << QStringList();
    QTest::newRow("unnamed check changed")
        << "sqlite" << checkEdit("", "total > 0") << checkEdit("", "total >= 0")
        << QStringList{"missing_constraint orders check total > 0", "extra_constraint orders check total >= 0"};

    const auto trigger = [=](const QString &name) {
        return Edit([=](Schema &s) { table(s).triggers << Trigger{name, "CREATE TRIGGER " + name + " ..."}; });
    };
    const auto sync = Edit([=](Schema &s) {
        SyncTrigger t;
        t.target = "note";
        t.sources = {"total"};
        t.sourceColumn = "total";
        table(s).syncs << t;
    });
    QTest::newRow("missing user trigger") << "postgresql" << trigger("orders_audit") << none
                                          << QStringList{"missing_trigger orders trigger orders_audit"};
    QTest::newRow("extra user trigger") << "mysql" << none << trigger("orders_audit")
                                        << QStringList{"extra_trigger orders trigger orders_audit"};
    QTest::newRow("Tideline's sync triggers are never extra") << "sqlite" << none << trigger("tideline_sync_orders_note_insert")
                                                              << QStringList();
    const auto otherSync = Edit([=](Schema &s) {
        SyncTrigger t;
        t.target = "total";
        t.sources = {"note"};
        t.sourceColumn = "note";
        s.table("customer")->syncs << t;
    });
    const auto both = [](const Edit &a, const Edit &b) { return Edit([=](Schema &s) { a(s); b(s); }); };
    QTest::newRow("missing sync trigger")
        << "postgresql" << both(sync, otherSync) << otherSync << QStringList{"missing_sync_trigger orders.note"};
    QTest::newRow("missing sync trigger, another on the table")
        << "sqlite" << both(sync, Edit([=](Schema &s) { table(s).syncs << SyncTrigger{"total", {"note"}, "note", {}}; }))
        << trigger("tideline_sync_orders_total_insert") << QStringList{"missing_sync_trigger orders.note"};
    QTest::newRow("no sync trigger anywhere: the reader may not read them")
        << "postgresql" << sync << none << QStringList();
    QTest::newRow("sync trigger read by its name") << "postgresql" << sync << trigger("tideline_sync_orders_note") << QStringList();
    QTest::newRow("sync trigger under a shortened name")
        << "postgresql" << sync << trigger("tideline_sync_orders_n_3f2a9c") << QStringList();
    QTest::newRow("sync trigger read as one") << "mysql" << sync << sync << QStringList();

    const auto option = [=](const std::function<void(Table &)> &edit) { return Edit([=](Schema &s) { edit(table(s)); }); };
    QTest::newRow("table comment") << "mysql" << option([](Table &t) { t.comment = "orders"; }) << none
                                   << QStringList{"table_option orders comment"};
    QTest::newRow("storage engine (mysql)") << "mysql" << none << option([](Table &t) { t.engine = "MyISAM"; })
                                            << QStringList{"table_option orders engine"};
    QTest::newRow("InnoDB is the default engine (mysql)") << "mysql" << none << option([](Table &t) { t.engine = "InnoDB"; })
                                                          << QStringList();
    QTest::newRow("table charset (mysql)") << "mysql" << none << option([](Table &t) { t.charset = "latin1"; })
                                           << QStringList{"table_option orders charset"};
    QTest::newRow("without rowid (sqlite)") << "sqlite" << option([](Table &t) { t.withoutRowid = true; }) << none
                                            << QStringList{"table_option orders without rowid"};

    const auto sequence = [](qint64 increment) {
        return Edit([=](Schema &s) { s.sequences.insert("ticket_seq", Sequence{"ticket_seq", "bigint", 1000, increment, {}}); });
    };
    const auto mood = [](const QStringList &values) {
        return Edit([=](Schema &s) { s.enums.insert("mood", EnumType{"mood", values}); });
    };
    QTest::newRow("missing sequence") << "postgresql" << sequence(1) << none << QStringList{"missing_sequence ticket_seq"};
    QTest::newRow("extra sequence") << "postgresql" << none << sequence(1) << QStringList{"extra_sequence ticket_seq"};
    QTest::newRow("sequence increment") << "postgresql" << sequence(1) << sequence(5) << QStringList{"sequence ticket_seq"};
    QTest::newRow("enum labels") << "postgresql" << mood({"sad", "ok"}) << mood({"sad", "ok", "happy"})
                                 << QStringList{"enum mood"};
    QTest::newRow("missing enum") << "postgresql" << mood({"sad"}) << none << QStringList{"missing_enum mood"};
}

void TestSchemaDiff::compare()
{
    QFETCH(QString, dialect);
    QFETCH(Edit, editExpected);
    QFETCH(Edit, editActual);
    QFETCH(QStringList, found);
    Schema expected = base(), actual = base();
    editExpected(expected);
    editActual(actual);
    QCOMPARE(describe(SchemaDiff::compare(expected, actual, dialect)), found);
}

void TestSchemaDiff::normalizeType_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("normal");
    QTest::newRow("int4") << "postgresql" << "int4" << "integer";
    QTest::newRow("INT") << "mysql" << "INT" << "integer";
    QTest::newRow("int(11)") << "mysql" << "int(11)" << "integer";
    QTest::newRow("bigint(20)") << "mysql" << "bigint(20)" << "bigint";
    QTest::newRow("int8") << "postgresql" << "int8" << "bigint";
    QTest::newRow("int(10) unsigned") << "mysql" << "int(10) unsigned" << "integer unsigned";
    QTest::newRow("mediumint(8)") << "mysql" << "mediumint(8)" << "mediumint";
    QTest::newRow("character varying") << "postgresql" << "character varying(255)" << "varchar(255)";
    QTest::newRow("decimal spaces") << "mysql" << "DECIMAL(12, 2)" << "numeric(12,2)";
    QTest::newRow("tinyint(1) mysql") << "mysql" << "tinyint(1)" << "boolean";
    QTest::newRow("tinyint(1) sqlite") << "sqlite" << "tinyint(1)" << "tinyint(1)";
    QTest::newRow("bool") << "postgresql" << "bool" << "boolean";
    QTest::newRow("timestamp with time zone") << "postgresql" << "timestamp with time zone" << "timestamptz";
    QTest::newRow("double precision") << "postgresql" << "double precision" << "double";
    QTest::newRow("interval stays") << "postgresql" << "interval" << "interval";
}

void TestSchemaDiff::normalizeType()
{
    QFETCH(QString, dialect);
    QFETCH(QString, type);
    QFETCH(QString, normal);
    QCOMPARE(SchemaDiff::normalizeType(type, dialect), normal);
}

void TestSchemaDiff::normalizeDefault_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("normal");
    QTest::newRow("cast") << "'x'::character varying" << "'x'";
    QTest::newRow("nested cast") << "('2020-01-01'::text)::date" << "'2020-01-01'";
    QTest::newRow("number") << "0.00" << "0";
    QTest::newRow("quoted number") << "'12'" << "12";
    QTest::newRow("now") << "now()" << "current_timestamp";
    QTest::newRow("CURRENT_TIMESTAMP") << "CURRENT_TIMESTAMP" << "current_timestamp";
    QTest::newRow("true") << "TRUE" << "1";
    QTest::newRow("null") << "NULL" << "";
    QTest::newRow("string kept") << "'Ab'" << "'Ab'";
}

void TestSchemaDiff::normalizeDefault()
{
    QFETCH(QString, value);
    QFETCH(QString, normal);
    QCOMPARE(SchemaDiff::normalizeDefault(value, "postgresql"), normal);
}

void TestSchemaDiff::normalizeExpression_data()
{
    // The engines' own words (pg_get_expr, pg_get_constraintdef, information_schema on
    // PostgreSQL 15 and MariaDB 10.11) next to what a plan writes.
    QTest::addColumn<QString>("planned");
    QTest::addColumn<QString>("printed");
    QTest::addColumn<bool>("same");
    QTest::newRow("random default") << "(random()*1000)::int" << "((random() * (1000)::double precision))::integer" << true;
    QTest::newRow("CAST") << "CAST(random()*1000 AS int)" << "((random() * (1000)::double precision))::integer" << true;
    QTest::newRow("function of a literal") << "lower('ABC')" << "lower('ABC'::text)" << true;
    QTest::newRow("MariaDB") << "floor(rand()*1000)" << "floor(rand() * 1000)" << true;
    QTest::newRow("quoted identifiers") << "\"Total\" > 0" << "`total` > 0" << true;
    QTest::newRow("enum literal") << "feeling <> 'sad' OR lucky > 0" << "((feeling <> 'sad'::mood) OR (lucky > 0))" << true;
    QTest::newRow("concatenation") << "upper(k) || '-' || s" << "((upper((k)::text) || '-'::text) || s)" << true;
    QTest::newRow("string case matters") << "k = 'A'" << "k = 'a'" << false;
    QTest::newRow("other number") << "d > 0" << "(d > (1)::numeric)" << false;
    QTest::newRow("other operator") << "d > 0" << "d >= 0" << false;
    QTest::newRow("other column") << "lower(a)" << "lower(b)" << false;
}

void TestSchemaDiff::normalizeExpression()
{
    QFETCH(QString, planned);
    QFETCH(QString, printed);
    QFETCH(bool, same);
    QCOMPARE(SchemaDiff::normalizeExpression(planned, "postgresql") == SchemaDiff::normalizeExpression(printed, "postgresql"),
             same);
}

void TestSchemaDiff::differenceText()
{
    QCOMPARE((SchemaDifference{"type", "orders.note", "text", "integer"}).toString(),
             QString("type orders.note: expected text, actual integer"));
    QCOMPARE((SchemaDifference{"extra_table", "x", {}, "table"}).toString(),
             QString("extra_table x: expected nothing, actual table"));
}

void TestSchemaDiff::sqlite_data()
{
    QTest::addColumn<QStringList>("statements");
    QTest::addColumn<QStringList>("found");
    QTest::newRow("no drift") << QStringList() << QStringList();
    QTest::newRow("extra_column") << QStringList{"ALTER TABLE customer ADD COLUMN extra text"}
                                  << QStringList{"extra_column customer.extra"};
    QTest::newRow("missing_column") << QStringList{"ALTER TABLE posts DROP COLUMN author_email"}
                                    << QStringList{"missing_column posts.author_email"};
    QTest::newRow("extra_table") << QStringList{"CREATE TABLE audit (id integer)"} << QStringList{"extra_table audit"};
    QTest::newRow("missing_table") << QStringList{"DROP TABLE posts"} << QStringList{"missing_table posts"};
    QTest::newRow("extra_index") << QStringList{"CREATE INDEX orders_note_idx ON orders (note)"}
                                 << QStringList{"extra_index orders index (note)"};
    QTest::newRow("extra unique index") << QStringList{"CREATE UNIQUE INDEX customer_email_key ON customer (email)"}
                                        << QStringList{"extra_index customer index (email)"};
    // Rebuilds: orders again, as the baseline declares it but for one thing.
    const auto rebuild = [](const QString &columns) {
        return QStringList{"DROP TABLE orders", "CREATE TABLE orders (" + columns + ")"};
    };
    const QString id = "id INTEGER PRIMARY KEY";
    QTest::newRow("type") << rebuild(id + ", customer_id integer NOT NULL, total numeric(10,2), note varchar(20)")
                          << QStringList{"type orders.note"};
    QTest::newRow("nullable") << rebuild(id + ", customer_id integer, total numeric(10,2), note text")
                              << QStringList{"nullable orders.customer_id"};
    QTest::newRow("default") << rebuild(id + ", customer_id integer NOT NULL, total numeric(10,2) DEFAULT 0, note text")
                             << QStringList{"default orders.total"};
    QTest::newRow("primary_key")
        << rebuild("id integer NOT NULL, customer_id integer NOT NULL, total numeric(10,2), note text, "
                   "PRIMARY KEY (id, customer_id)")
        << QStringList{"identity orders.id", "primary_key orders"}; // no longer the rowid: nothing fills it
    QTest::newRow("extra unique constraint")
        << rebuild(id + ", customer_id integer NOT NULL, total numeric(10,2), note text, UNIQUE (note)")
        << QStringList{"extra_constraint orders unique (note)"};
    QTest::newRow("extra foreign key")
        << rebuild(id + ", customer_id integer NOT NULL REFERENCES customer (id), total numeric(10,2), note text")
        << QStringList{"extra_constraint orders foreign key (customer_id) references customer (id)"};
    QTest::newRow("same rebuild: no drift")
        << rebuild(id + ", customer_id integer NOT NULL, total numeric(10,2), note text") << QStringList();
}

void TestSchemaDiff::sqlite()
{
    QFETCH(QStringList, statements);
    QFETCH(QStringList, found);
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan("sql-every-kind", &loaded, &error), qPrintable(error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("drift.sqlite");
    QVERIFY2(buildBaseline(*loaded.engine, path, &error), qPrintable(error));
    QStringList actual;
    QVERIFY2(driftOf(*loaded.engine, "sqlite:" + path, statements, &actual, &error), qPrintable(error));
    QVERIFY2(actual == found, qPrintable(actual.join("; ") + " -- expected: " + found.join("; ")));
}

void TestSchemaDiff::server_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QStringList>("statements");
    QTest::addColumn<QStringList>("found");
    QTest::newRow("postgresql: no drift") << "TIDELINE_TEST_PG_DSN" << "postgresql" << QStringList() << QStringList();
    QTest::newRow("postgresql: type")
        << "TIDELINE_TEST_PG_DSN" << "postgresql" << QStringList{"ALTER TABLE orders ALTER COLUMN note TYPE varchar(20)"}
        << QStringList{"type orders.note"};
    QTest::newRow("mariadb: no drift") << "TIDELINE_TEST_MYSQL_DSN" << "mysql" << QStringList() << QStringList();
    QTest::newRow("mariadb: extra_index")
        << "TIDELINE_TEST_MYSQL_DSN" << "mysql" << QStringList{"CREATE INDEX orders_total_idx ON orders (total)"}
        << QStringList{"extra_index orders index (total)"};
}

void TestSchemaDiff::server()
{
    QFETCH(QString, variable);
    QFETCH(QString, dialect);
    QFETCH(QStringList, statements);
    QFETCH(QStringList, found);
    const QString dsn = qEnvironmentVariable(qPrintable(variable));
    if (dsn.isEmpty())
        QSKIP(qPrintable(variable + " is not set (./test.sh starts a throwaway server and sets it)"));
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan("sql-every-kind", &loaded, &error), qPrintable(error));

    ScratchDatabase scratch;
    QVERIFY2(scratch.create(dsn, "schemadiff", &error), qPrintable(error));
    {
        Connection db;
        QVERIFY2(db.open(scratch.dsn(), &error), qPrintable(error));
        QSqlQuery(db.database()).exec(dialect == "mysql" ? "SET sql_notes = 0" : "SET client_min_messages = warning");
        Bundle bundle;
        QVERIFY2(Bundle::build(*loaded.engine, "baseline", *Dialect::forName(dialect), &bundle, &error), qPrintable(error));
        Applier applier(db.database(), *Dialect::forName(dialect));
        QVERIFY2(applier.apply(bundle, "baseline", &error), qPrintable(error));
    }
    QStringList actual;
    QVERIFY2(driftOf(*loaded.engine, scratch.dsn(), statements, &actual, &error), qPrintable(error));
    QVERIFY2(actual == found, qPrintable(actual.join("; ") + " -- expected: " + found.join("; ")));
}

QTEST_GUILESS_MAIN(TestSchemaDiff)
#include "tst_schemadiff.moc"
