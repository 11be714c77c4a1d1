// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "estimate.h"

namespace Tideline {

QList<EngineCosts> Estimate::allCosts()
{
    QList<EngineCosts> list;
    for (const Dialect *d : Dialect::all())
        list << d->costs();
    return list;
}

EngineCosts Estimate::costs(const QString &dialect)
{
    if (const Dialect *d = Dialect::forName(dialect))
        return d->costs();
    EngineCosts c = Dialect::all().first()->costs(); // an unknown name: the first engine's figures
    c.dialect = dialect;
    return c;
}

bool Estimate::isVolatileDefault(const QString &defaultSql, const QString &dialect)
{
    const Dialect *d = Dialect::forName(dialect);
    return d ? d->isVolatileDefault(defaultSql) : Dialect::all().first()->isVolatileDefault(defaultSql);
}

CostKind Estimate::kind(const SchemaOp &op, const QString &dialect, bool offline)
{
    using Type = SchemaOp::Type;
    const Dialect *engine = Dialect::forName(dialect);
    // SQLite changes a table's definition by rebuilding it (copying every row under the
    // database's write lock): ADD COLUMN too, so that a second run in sqlite3 changes nothing.
    if (engine && engine->rebuildsTableToAlter()) {
        switch (op.type) {
        case Type::AddColumn:
        case Type::DropColumn:
        case Type::SetNotNull:
        case Type::DropNotNull:
        case Type::AddConstraint:
        case Type::DropConstraint:
        case Type::SetDefault:
        case Type::DropDefault:
        case Type::SwapColumn:
            return CostKind::Rewrite;
        case Type::CreateTable:
        case Type::Backfill:
        case Type::MoveBackfill:
        case Type::AddSyncTrigger:
        case Type::AddIndex:
        case Type::DropIndex:
        case Type::SetComment:
        case Type::DropSyncTrigger:
        case Type::SetTableOptions:
        case Type::CreateEnum:       // the kinds that make these refuse SQLite
        case Type::AddEnumValue:
        case Type::ReplaceProcedure:
        case Type::RawSql:
        case Type::RenameTable:
        case Type::CreateView:
        case Type::DropView:
            break;
        case Type::RenameConstraint: // constraint names live in the table's text
            return CostKind::Rewrite;
        case Type::RenameIndex: // no rename: the index is dropped and built again
            return CostKind::IndexBuild;
        case Type::DropTable:
            // SQLite walks every page of the table to put it on the free list.
            return CostKind::Scan;
        }
    }
    switch (op.type) {
    case Type::Backfill:
    case Type::MoveBackfill:
        return CostKind::Backfill;
    case Type::SetNotNull:
        // InnoDB rebuilds the table to change nullability (in place, but a full copy).
        return engine && engine->rebuildsTableForNullability() ? CostKind::Rewrite : CostKind::Scan;
    case Type::AddConstraint:
        if (offline)
            return CostKind::Rewrite;
        return op.constraint.kind == Constraint::Kind::Unique
                       || op.constraint.kind == Constraint::Kind::PrimaryKey
                   ? CostKind::IndexBuild
                   : CostKind::Scan;
    case Type::AddColumn:
        return offline || isVolatileDefault(op.column.defaultValue, dialect) ? CostKind::Rewrite
                                                                             : CostKind::MetadataOnly;
    case Type::SwapColumn:
        return offline ? CostKind::Rewrite : CostKind::MetadataOnly;
    case Type::AddIndex:
        return offline ? CostKind::Rewrite : CostKind::IndexBuild;
    case Type::DropNotNull:
        // InnoDB rebuilds the table to change nullability either way (in place, DML goes on).
        return dialect == QLatin1String("mysql") ? CostKind::Rewrite : CostKind::MetadataOnly;
    case Type::SetDefault:
    case Type::DropDefault:
    case Type::AddEnumValue:
        // Catalog only, unless the engine has to copy the table for it (MySQL: an expression
        // default, an enum value that does not go last): then the dialect says offline.
        return offline ? CostKind::Rewrite : CostKind::MetadataOnly;
    case Type::DropIndex:
    case Type::DropConstraint:
    case Type::SetComment:
    case Type::DropSyncTrigger:
    case Type::DropColumn:
    case Type::CreateTable:
    case Type::AddSyncTrigger:
    case Type::RenameIndex:
    case Type::CreateEnum:
    case Type::ReplaceProcedure:
    case Type::DropTable:   // the engines unlink the table's files (SQLite: above)
    case Type::RenameTable: // a catalog change, under a brief exclusive lock
    case Type::CreateView:
    case Type::DropView:
        break;
    case Type::RawSql:
        // What the SQL costs only the database can tell: verify measures it.
        break;
    case Type::SetTableOptions:
        // A new engine or converted columns copy the table; a new default character set
        // rebuilds it in place.
        return offline || op.options.convert || !op.options.engine.isEmpty() ? CostKind::Rewrite
                                                                              : CostKind::IndexBuild;
    case Type::RenameConstraint:
        // MySQL renames a CHECK by dropping and adding it again (a table copy).
        return offline ? CostKind::Rewrite : CostKind::MetadataOnly;
    }
    return CostKind::MetadataOnly;
}

QString Estimate::kindName(CostKind kind)
{
    switch (kind) {
    case CostKind::MetadataOnly:
        return QStringLiteral("metadata-only");
    case CostKind::Scan:
        return QStringLiteral("scan");
    case CostKind::IndexBuild:
        return QStringLiteral("index build");
    case CostKind::Rewrite:
        return QStringLiteral("rewrite");
    case CostKind::Backfill:
        return QStringLiteral("backfill");
    }
    return {};
}

double Estimate::seconds(CostKind kind, qint64 rows, const QString &dialect)
{
    const EngineCosts c = costs(dialect);
    const double n = double(qMax<qint64>(rows, 0));
    switch (kind) {
    case CostKind::MetadataOnly:
        return c.ddlSeconds;
    case CostKind::Scan:
        return c.ddlSeconds + n / c.scanRowsPerSecond;
    case CostKind::IndexBuild:
        return c.ddlSeconds + n / c.indexRowsPerSecond;
    case CostKind::Rewrite:
        return c.ddlSeconds + n / c.rewriteRowsPerSecond;
    case CostKind::Backfill:
        return n / c.backfillRowsPerSecond;
    }
    return 0;
}

double Estimate::seconds(const SchemaOp &op, qint64 rows, const QString &dialect, bool offline)
{
    return seconds(kind(op, dialect, offline), rows, dialect);
}

} // namespace Tideline
