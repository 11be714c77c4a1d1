// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "livecatalog_p.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <functional>

namespace Tideline::LiveCatalogPrivate {

namespace {

/** Runs @p sql (bound to DATABASE() in the text, never to pasted names) row by row. */
bool rows(QSqlDatabase db, const QString &sql, const std::function<void(const QSqlQuery &)> &row,
          QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        *error = QStringLiteral("%1 (%2)").arg(query.lastError().text(), sql);
        return false;
    }
    while (query.next())
        row(query);
    return true;
}

/**
 * column_type back to the spelling plans use: int(11) -> integer, decimal -> numeric,
 * datetime(6) -> timestamp (what MySqlDialect::mapType() makes of them). Whatever has no plan
 * spelling stays MySQL's own (mediumint, datetime, longtext) and UNSIGNED stays on: the
 * baseline built from an import must create the same columns again.
 */
QString planType(const QString &columnType)
{
    QString t = columnType.trimmed().toLower();
    if (t == QLatin1String("tinyint(1)"))
        return QStringLiteral("boolean");
    static const QRegularExpression unsignedSuffix(QStringLiteral(R"(\s+unsigned(\s+zerofill)?$)"));
    const auto sign = unsignedSuffix.match(t);
    if (sign.hasMatch())
        return planType(t.left(sign.capturedStart())) + sign.captured(0);
    static const QRegularExpression integer(QStringLiteral(R"(^int(\(\d+\))?$)"));
    static const QRegularExpression bigint(QStringLiteral(R"(^bigint(\(\d+\))?$)"));
    static const QRegularExpression smallint(QStringLiteral(R"(^smallint(\(\d+\))?$)"));
    if (integer.match(t).hasMatch())
        return QStringLiteral("integer");
    if (bigint.match(t).hasMatch())
        return QStringLiteral("bigint");
    if (smallint.match(t).hasMatch())
        return QStringLiteral("smallint");
    if (t.startsWith(QLatin1String("decimal")))
        return QStringLiteral("numeric") + t.mid(7);
    if (t == QLatin1String("datetime(6)"))
        return QStringLiteral("timestamp");
    if (t == QLatin1String("double"))
        return QStringLiteral("double precision");
    if (t == QLatin1String("float"))
        return QStringLiteral("real");
    return t;
}

/**
 * What a text column's type says beyond the plan's spelling: ` character set latin1` unless
 * it is utf8mb4 (what MySqlDialect creates tables in), ` collate utf8mb4_bin` unless the
 * collation is its character set's default. Without them a baseline built from an import
 * would change how the column stores and compares text (and latin1 rows fit more VARCHAR).
 */
QString characterSet(const QVariant &charset, const QVariant &collation, const QVariant &isDefault)
{
    QString suffix;
    if (!charset.isNull() && charset.toString().compare(QLatin1String("utf8mb4"), Qt::CaseInsensitive) != 0)
        suffix += QStringLiteral(" character set ") + charset.toString().toLower();
    if (!collation.isNull() && isDefault.toString().compare(QLatin1String("yes"), Qt::CaseInsensitive) != 0)
        suffix += QStringLiteral(" collate ") + collation.toString().toLower();
    return suffix;
}

/**
 * column_default as a plan writes it. MariaDB quotes string literals and prints NULL for
 * "no default"; MySQL 8 gives the bare text and marks expressions in `extra`.
 */
QString planDefault(const QVariant &value, const QString &extra, bool mariaDbStyle)
{
    if (value.isNull())
        return {};
    const QString text = value.toString();
    if (mariaDbStyle) {
        if (text == QLatin1String("NULL"))
            return {};
        return text;
    }
    if (extra.contains(QLatin1String("DEFAULT_GENERATED")))
        return text;
    static const QRegularExpression number(QStringLiteral(R"(^-?\d+(\.\d+)?$)"));
    if (number.match(text).hasMatch())
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

/**
 * MySQL/MariaDB: the base tables of DATABASE() from information_schema. The primary key fills
 * Table::primaryKey (and is listed as a constraint named PRIMARY); unique keys become UNIQUE
 * constraints; foreign keys and (MySQL 8.0.16+/MariaDB) CHECK constraints come from
 * table_constraints; other indexes are indexes, except the one InnoDB creates for a foreign key
 * (it carries the key's name), which belongs to the key.
 */
bool readMySql(QSqlDatabase db, Schema *schema, QString *error, QStringList *notes)
{
    *schema = Schema();
    bool mariaDb = false;
    if (!rows(db, QStringLiteral("SELECT VERSION()"),
              [&](const QSqlQuery &q) { mariaDb = q.value(0).toString().contains(QLatin1String("MariaDB"), Qt::CaseInsensitive); },
              error))
        return false;

    if (!rows(db,
              QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                             "AND table_type = 'BASE TABLE' AND table_name <> 'tideline_applied' ORDER BY table_name"),
              [&](const QSqlQuery &q) {
                  Table t;
                  t.name = q.value(0).toString();
                  schema->tables.insert(t.name, t);
              },
              error))
        return false;

    if (!rows(db,
              QStringLiteral("SELECT c.table_name, c.column_name, c.column_type, c.is_nullable, c.column_default, "
                             "c.extra, c.character_set_name, c.collation_name, coalesce(l.is_default, '') "
                             "FROM information_schema.columns c LEFT JOIN information_schema.collations l "
                             "ON l.collation_name = c.collation_name WHERE c.table_schema = DATABASE() "
                             "ORDER BY c.table_name, c.ordinal_position"),
              [&](const QSqlQuery &q) {
                  Table *t = schema->table(q.value(0).toString());
                  if (!t)
                      return;
                  Column c;
                  c.name = q.value(1).toString();
                  c.type = planType(q.value(2).toString()) + characterSet(q.value(6), q.value(7), q.value(8));
                  c.nullable = q.value(3).toString() == QLatin1String("YES");
                  const QString extra = q.value(5).toString().toLower();
                  c.identity = extra.contains(QLatin1String("auto_increment"));
                  c.generated = extra.contains(QLatin1String("generated")) && !extra.contains(QLatin1String("default_generated"));
                  if (!c.identity && !c.generated)
                      c.defaultValue = planDefault(q.value(4), extra, mariaDb);
                  t->columns.append(c);
              },
              error))
        return false;

    // Constraints by name and kind; their columns come from key_column_usage (or, for CHECK,
    // stay empty: MySQL does not say which columns an expression uses).
    struct Named
    {
        QString table, name, type;
    };
    QList<Named> constraints;
    if (!rows(db,
              QStringLiteral("SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints "
                             "WHERE constraint_schema = DATABASE() ORDER BY table_name, constraint_name"),
              [&](const QSqlQuery &q) {
                  constraints.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
              },
              error))
        return false;

    QMap<QPair<QString, QString>, QStringList> keyColumns, refColumns;
    QMap<QPair<QString, QString>, QString> refTables;
    if (!rows(db,
              QStringLiteral("SELECT table_name, constraint_name, column_name, referenced_table_name, referenced_column_name "
                             "FROM information_schema.key_column_usage WHERE constraint_schema = DATABASE() "
                             "ORDER BY table_name, constraint_name, ordinal_position"),
              [&](const QSqlQuery &q) {
                  const QPair<QString, QString> key{q.value(0).toString(), q.value(1).toString()};
                  keyColumns[key] << q.value(2).toString();
                  if (!q.value(3).isNull()) {
                      refTables[key] = q.value(3).toString();
                      refColumns[key] << q.value(4).toString();
                  }
              },
              error))
        return false;

    QMap<QPair<QString, QString>, QString> checks;
    if (!rows(db,
              QStringLiteral("SELECT %1, constraint_name, check_clause FROM information_schema.check_constraints "
                             "WHERE constraint_schema = DATABASE()")
                  .arg(mariaDb ? QStringLiteral("table_name") : QStringLiteral("NULL")),
              [&](const QSqlQuery &q) { checks[{q.value(0).toString(), q.value(1).toString()}] = q.value(2).toString(); },
              error)) {
        error->clear(); // servers before CHECK support: no CHECK constraints to read
    }

    QSet<QPair<QString, QString>> keyIndexes; // indexes that stand for a constraint
    for (const Named &n : std::as_const(constraints)) {
        Table *t = schema->table(n.table);
        if (!t)
            continue;
        const QPair<QString, QString> key{n.table, n.name};
        Constraint c;
        c.name = n.name;
        c.columns = keyColumns.value(key);
        if (n.type == QLatin1String("PRIMARY KEY")) {
            c.kind = Constraint::Kind::PrimaryKey;
            t->primaryKey = c.columns;
        } else if (n.type == QLatin1String("UNIQUE")) {
            c.kind = Constraint::Kind::Unique;
        } else if (n.type == QLatin1String("FOREIGN KEY")) {
            c.kind = Constraint::Kind::ForeignKey;
            c.refTable = refTables.value(key);
            c.refColumns = refColumns.value(key);
        } else if (n.type == QLatin1String("CHECK")) {
            c.kind = Constraint::Kind::Check;
            c.expression = checks.value(key, checks.value({QString(), n.name}));
            c.columns.clear();
        } else {
            continue;
        }
        keyIndexes.insert(key);
        t->constraints.append(c);
    }

    if (!rows(db,
              QStringLiteral("SELECT table_name, constraint_name, update_rule, delete_rule "
                             "FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE() "
                             "ORDER BY table_name, constraint_name"),
              [&](const QSqlQuery &q) {
                  Constraint key;
                  const QPair<QString, QString> name{q.value(0).toString(), q.value(1).toString()};
                  key.columns = keyColumns.value(name);
                  key.refTable = refTables.value(name);
                  *notes += foreignKeyActionNotes(name.first, key, q.value(2).toString(), q.value(3).toString());
              },
              error))
        return false;

    QMap<QPair<QString, QString>, Index> indexes;
    QList<QPair<QString, QString>> order;
    if (!rows(db,
              QStringLiteral("SELECT table_name, index_name, column_name, non_unique, sub_part FROM information_schema.statistics "
                             "WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index"),
              [&](const QSqlQuery &q) {
                  const QPair<QString, QString> key{q.value(0).toString(), q.value(1).toString()};
                  if (!q.value(4).isNull())
                      *notes << QStringLiteral("%1: index %2 covers only the first %3 characters of %4; the "
                                               "baseline indexes the whole column")
                                    .arg(key.first, key.second, q.value(4).toString(), q.value(2).toString());
                  if (keyIndexes.contains(key))
                      return;
                  if (!indexes.contains(key))
                      order << key;
                  Index &i = indexes[key];
                  i.name = key.second;
                  i.unique = q.value(3).toInt() == 0;
                  i.columns << q.value(2).toString();
              },
              error))
        return false;
    for (const auto &key : std::as_const(order)) {
        if (Table *t = schema->table(key.first))
            t->indexes.append(indexes.value(key));
    }
    return true;
}

} // namespace Tideline::LiveCatalogPrivate
