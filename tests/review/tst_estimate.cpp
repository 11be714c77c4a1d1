// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estimate module: the seeds' backfill rate, metadata-only steps, and one set of numbers
// shared by bundle manifests and the review.
#include "reviewtest.h"

#include <review/estimate.h>
#include <review/review.h>
#include <sql/bundle.h>
#include <sql/dialect.h>

#include <QTest>

using namespace Tideline;
using namespace Tideline::ReviewTest;

namespace {

SchemaOp op(SchemaOp::Type type, const QString &table = QStringLiteral("customer"))
{
    SchemaOp o;
    o.type = type;
    o.table = table;
    o.column.name = QStringLiteral("c");
    o.column.type = QStringLiteral("integer");
    o.columnName = QStringLiteral("c");
    return o;
}

} // namespace

class TestEstimate : public QObject
{
    Q_OBJECT

private slots:
    void seedBackfill_data()
    {
        QTest::addColumn<QString>("dialect");
        for (const EngineCosts &c : Estimate::allCosts())
            QTest::newRow(qPrintable(c.dialect)) << c.dialect;
    }

    // Seed 000: 10,000,000 rows are backfilled in about 4–5 minutes.
    void seedBackfill()
    {
        QFETCH(QString, dialect);
        const double s = Estimate::seconds(op(SchemaOp::Type::Backfill), 10'000'000, dialect, false);
        QVERIFY2(s >= 240 && s <= 300, qPrintable(QString::number(s)));
        QCOMPARE(Estimate::kind(op(SchemaOp::Type::MoveBackfill), dialect, false), CostKind::Backfill);
    }

    void metadataOnly()
    {
        const qint64 rows = 10'000'000;
        for (auto type : {SchemaOp::Type::AddColumn, SchemaOp::Type::DropColumn, SchemaOp::Type::DropNotNull,
                          SchemaOp::Type::AddSyncTrigger, SchemaOp::Type::SwapColumn}) {
            QCOMPARE(Estimate::kind(op(type), QStringLiteral("postgresql"), false), CostKind::MetadataOnly);
            QVERIFY(Estimate::seconds(op(type), rows, QStringLiteral("postgresql"), false) < 0.5);
        }
        // The same rows cost time once the engine has to touch them.
        QCOMPARE(Estimate::kind(op(SchemaOp::Type::SetNotNull), QStringLiteral("postgresql"), false), CostKind::Scan);
        QCOMPARE(Estimate::kind(op(SchemaOp::Type::SetNotNull), QStringLiteral("mysql"), false), CostKind::Rewrite);
        QCOMPARE(Estimate::kind(op(SchemaOp::Type::SwapColumn), QStringLiteral("mysql"), true), CostKind::Rewrite);
        const double scan = Estimate::seconds(op(SchemaOp::Type::SetNotNull), rows, QStringLiteral("postgresql"), false);
        QVERIFY(scan > 1 && scan < 60);
        SchemaOp volatileDefault = op(SchemaOp::Type::AddColumn);
        volatileDefault.column.defaultValue = QStringLiteral("gen_random_uuid()");
        QCOMPARE(Estimate::kind(volatileDefault, QStringLiteral("postgresql"), false), CostKind::Rewrite);
        volatileDefault.column.defaultValue = QStringLiteral("now()"); // stable: PostgreSQL stores it once
        QCOMPARE(Estimate::kind(volatileDefault, QStringLiteral("postgresql"), false), CostKind::MetadataOnly);
        QCOMPARE(Estimate::kind(volatileDefault, QStringLiteral("mysql"), false), CostKind::Rewrite);
        QCOMPARE(Estimate::seconds(CostKind::Backfill, 0, QStringLiteral("postgresql")), 0.0);
    }

    // Renames: a catalog update, except where the engine cannot rename.
    void renames()
    {
        for (const QString &dialect : {QStringLiteral("postgresql"), QStringLiteral("mysql"), QStringLiteral("sqlserver")}) {
            QCOMPARE(Estimate::kind(op(SchemaOp::Type::RenameIndex), dialect, false), CostKind::MetadataOnly);
            QCOMPARE(Estimate::kind(op(SchemaOp::Type::RenameConstraint), dialect, false), CostKind::MetadataOnly);
        }
        // MySQL renames a CHECK by adding it again (offline: a table copy); SQLite rebuilds the
        // table for a constraint's name and builds an index again under its new one.
        QCOMPARE(Estimate::kind(op(SchemaOp::Type::RenameConstraint), QStringLiteral("mysql"), true), CostKind::Rewrite);
        QCOMPARE(Estimate::kind(op(SchemaOp::Type::RenameConstraint), QStringLiteral("sqlite"), false), CostKind::Rewrite);
        QCOMPARE(Estimate::kind(op(SchemaOp::Type::RenameIndex), QStringLiteral("sqlite"), false), CostKind::IndexBuild);
        QVERIFY(Estimate::seconds(op(SchemaOp::Type::RenameIndex), 10'000'000, QStringLiteral("sqlite"), false) > 1);
    }

    // Table and view changes are catalog changes; SQLite's DROP TABLE walks the table's pages.
    void tablesAndViews()
    {
        for (const char *dialect : {"postgresql", "mysql", "sqlserver", "sqlite"}) {
            for (auto type : {SchemaOp::Type::RenameTable, SchemaOp::Type::CreateView, SchemaOp::Type::DropView,
                              SchemaOp::Type::CreateTable})
                QCOMPARE(Estimate::kind(op(type), QString::fromLatin1(dialect), false), CostKind::MetadataOnly);
        }
        QCOMPARE(Estimate::kind(op(SchemaOp::Type::DropTable), QStringLiteral("postgresql"), false), CostKind::MetadataOnly);
        QCOMPARE(Estimate::kind(op(SchemaOp::Type::DropTable), QStringLiteral("mysql"), false), CostKind::MetadataOnly);
        QCOMPARE(Estimate::kind(op(SchemaOp::Type::DropTable), QStringLiteral("sqlite"), false), CostKind::Scan);
    }

    // The example's 10,000,000-row merge backfill, as the review and the bundle see it.
    void attributeOps()
    {
        using Type = SchemaOp::Type;
        // Catalog-only changes, unless the dialect had to copy the table (offline).
        for (Type type : {Type::SetDefault, Type::DropDefault, Type::AddEnumValue}) {
            QCOMPARE(Estimate::kind(op(type), QStringLiteral("postgresql"), false), CostKind::MetadataOnly);
            QCOMPARE(Estimate::kind(op(type), QStringLiteral("mysql"), true), CostKind::Rewrite);
        }
        for (Type type : {Type::CreateEnum, Type::ReplaceProcedure, Type::RawSql})
            QCOMPARE(Estimate::kind(op(type, {}), QStringLiteral("postgresql"), false), CostKind::MetadataOnly);
        // InnoDB rebuilds a table to drop NOT NULL; PostgreSQL and SQL Server change the catalog;
        // SQLite rebuilds.
        QCOMPARE(Estimate::kind(op(Type::DropNotNull), QStringLiteral("mysql"), false), CostKind::Rewrite);
        QCOMPARE(Estimate::kind(op(Type::DropNotNull), QStringLiteral("postgresql"), false), CostKind::MetadataOnly);
        QCOMPARE(Estimate::kind(op(Type::DropNotNull), QStringLiteral("sqlite"), false), CostKind::Rewrite);
    }

    void exampleRelease()
    {
        const auto engine = engineFor(examplePath(QStringLiteral("customer-full-name.tideline.json")));
        QVERIFY(engine);
        const ReviewResult review = Review::run(*engine);
        const ReleaseReview &r1 = review.releases.first();
        QVERIFY2(r1.estimate.backfill >= 240 && r1.estimate.backfill <= 300, qPrintable(QString::number(r1.estimate.backfill)));
        QVERIFY(r1.estimate.pre < 1);
        QCOMPARE(r1.estimate.offline, 0.0);

        Bundle bundle;
        QString error;
        QVERIFY(Bundle::build(*engine, QStringLiteral("r1"), *Dialect::forName(QStringLiteral("postgresql")), &bundle, &error));
        double total = 0;
        for (const BundleFile &f : bundle.files)
            total += f.estimateSeconds;
        QCOMPARE(total, r1.estimate.total());
        QCOMPARE(r1.scripts.size(), bundle.files.size());
    }
};

QTEST_GUILESS_MAIN(TestEstimate)
#include "tst_estimate.moc"
