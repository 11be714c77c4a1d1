// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "livecatalog_p.h"

#include "mysqldialect.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <functional>

namespace Tideline::LiveCatalogPrivate {

namespace {

/** An identifier as the server prints it in a trigger body: `name` with `` doubled, or bare. */
const QString BodyIdentifier = QStringLiteral(R"((`(?:[^`]|``)+`|[A-Za-z0-9_$]+))");

QString unquoted(const QString &identifier)
{
    if (identifier.startsWith(QLatin1Char('`')) && identifier.endsWith(QLatin1Char('`')) && identifier.size() > 1)
        return identifier.mid(1, identifier.size() - 2).replace(QStringLiteral("``"), QStringLiteral("`"));
    return identifier;
}

/**
 * The sync a Tideline sync trigger's body performs (MySqlDialect::syncTriggers): the column it
 * sets (`SET NEW.<target> =`) and, from the UPDATE trigger, the sources whose change it
 * watches (`CAST(OLD.<source> AS BINARY)`), added to @p table's syncs once per target.
 */
void syncFromBody(const QString &body, Table *table)
{
    static const QRegularExpression setTarget(QStringLiteral(R"(SET\s+NEW\.)") + BodyIdentifier + QStringLiteral(R"(\s*=)"),
                                              QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression oldValue(QStringLiteral(R"(CAST\(OLD\.)") + BodyIdentifier + QStringLiteral(R"(\s+AS\s+BINARY\))"),
                                             QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch target = setTarget.match(body);
    if (!target.hasMatch())
        return;
    SyncTrigger sync;
    sync.target = unquoted(target.captured(1));
    for (auto it = oldValue.globalMatch(body); it.hasNext();) {
        const QString source = unquoted(it.next().captured(1));
        if (source != sync.target && !sync.sources.contains(source))
            sync.sources << source;
    }
    for (SyncTrigger &known : table->syncs) {
        if (known.target == sync.target) {
            if (known.sources.isEmpty())
                known.sources = sync.sources;
            return;
        }
    }
    table->syncs.append(sync);
}

} // namespace

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

/** Columns of @p table that a CHECK clause names (in backticks, as the server writes them). */
QStringList checkColumns(const Table &table, const QString &clause)
{
    QStringList columns;
    for (const Column &c : table.columns) {
        QString quoted = c.name;
        quoted.replace(QLatin1Char('`'), QStringLiteral("``"));
        if (clause.contains(QLatin1Char('`') + quoted + QLatin1Char('`')))
            columns << c.name;
    }
    return columns;
}

/** The views of DATABASE(): name, columns in order, and the query as the server keeps it, its
 *  names no longer qualified by the database (the server writes `db`.`t`.`c`). */
bool readViews(QSqlDatabase db, Schema *schema, QString *error)
{
    QString database;
    if (!rows(db, QStringLiteral("SELECT DATABASE()"), [&](const QSqlQuery &q) { database = q.value(0).toString(); }, error))
        return false;
    QString qualifier = database;
    qualifier.replace(QLatin1Char('`'), QStringLiteral("``"));
    qualifier = QLatin1Char('`') + qualifier + QStringLiteral("`.");
    if (!rows(db,
              QStringLiteral("SELECT table_name, view_definition FROM information_schema.views "
                             "WHERE table_schema = DATABASE() ORDER BY table_name"),
              [&](const QSqlQuery &q) {
                  View v;
                  v.name = q.value(0).toString();
                  v.definition = q.value(1).toString().replace(qualifier, QString()).trimmed();
                  schema->views.insert(v.name, v);
              },
              error))
        return false;
    return rows(db,
                QStringLiteral("SELECT c.table_name, c.column_name FROM information_schema.columns AS c "
                               "JOIN information_schema.views AS v ON v.table_schema = c.table_schema "
                               "AND v.table_name = c.table_name WHERE c.table_schema = DATABASE() "
                               "ORDER BY c.table_name, c.ordinal_position"),
                [&](const QSqlQuery &q) {
                    const auto v = schema->views.find(q.value(0).toString());
                    if (v != schema->views.end())
                        v->columns << q.value(1).toString();
                },
                error);
}

} // namespace

/**
 * MySQL/MariaDB: the base tables of DATABASE() from information_schema, as the schema model
 * holds them and MySqlDialect creates them:
 * * the primary key fills Table::primaryKey (and is listed as a constraint named PRIMARY);
 * * a unique index is a UNIQUE constraint, except one whose comment is the dialect's marker
 *   (made as a unique index) or whose key a constraint cannot hold (prefix lengths, DESC);
 * * foreign keys with their actions (RESTRICT, which InnoDB treats as NO ACTION, reads as none);
 *   the index InnoDB creates for a foreign key (it carries the key's name) belongs to the key;
 * * CHECK constraints with the columns their clause names; MariaDB's implicit
 *   json_valid(`c`) check of a JSON column is part of the column's type, not a constraint;
 * * character set and collation of a column only where they differ from the table's, and of a
 *   table only where they differ from utf8mb4 and its default collation (what the dialect
 *   creates); the engine only when not InnoDB;
 * * triggers, except Tideline's own sync triggers (tideline_sync_…), as CREATE TRIGGER text;
 * * views, with their columns and the server's text of their query.
 */
bool readMySql(QSqlDatabase db, Schema *schema, QString *error, QStringList *notes)
{
    *schema = Schema();
    bool mariaDb = false;
    if (!rows(db, QStringLiteral("SELECT VERSION()"),
              [&](const QSqlQuery &q) { mariaDb = q.value(0).toString().contains(QLatin1String("MariaDB"), Qt::CaseInsensitive); },
              error))
        return false;

    QMap<QString, QString> defaultCollation; // character set -> its default collation
    QMap<QString, QString> charsetOf;        // collation -> its character set
    if (!rows(db, QStringLiteral("SELECT collation_name, character_set_name, is_default FROM information_schema.collations"),
              [&](const QSqlQuery &q) {
                  charsetOf.insert(q.value(0).toString(), q.value(1).toString());
                  if (q.value(2).toString().compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0)
                      defaultCollation.insert(q.value(1).toString(), q.value(0).toString());
              },
              error))
        return false;

    QMap<QString, QString> tableCollation, tableCharset; // as the server has them
    if (!rows(db,
              QStringLiteral("SELECT table_name, engine, table_collation, table_comment FROM information_schema.tables "
                             "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' "
                             "AND table_name <> 'tideline_applied' ORDER BY table_name"),
              [&](const QSqlQuery &q) {
                  Table t;
                  t.name = q.value(0).toString();
                  const QString engine = q.value(1).toString();
                  if (engine.compare(QLatin1String("InnoDB"), Qt::CaseInsensitive) != 0)
                      t.engine = engine;
                  const QString collation = q.value(2).toString();
                  const QString charset = charsetOf.value(collation);
                  tableCollation.insert(t.name, collation);
                  tableCharset.insert(t.name, charset);
                  if (charset != QLatin1String("utf8mb4"))
                      t.charset = charset;
                  if (collation != defaultCollation.value(charset))
                      t.collation = collation;
                  t.comment = q.value(3).toString();
                  schema->tables.insert(t.name, t);
              },
              error))
        return false;

    if (!rows(db,
              QStringLiteral("SELECT table_name, column_name, column_type, is_nullable, column_default, extra, "
                             "character_set_name, collation_name, generation_expression, column_comment "
                             "FROM information_schema.columns WHERE table_schema = DATABASE() "
                             "ORDER BY table_name, ordinal_position"),
              [&](const QSqlQuery &q) {
                  Table *t = schema->table(q.value(0).toString());
                  if (!t)
                      return;
                  Column c;
                  c.name = q.value(1).toString();
                  c.type = MySqlDialect::planType(q.value(2).toString());
                  c.nullable = q.value(3).toString() == QLatin1String("YES");
                  const QString extra = q.value(5).toString().toLower();
                  c.identity = extra.contains(QLatin1String("auto_increment"));
                  if (c.identity)
                      c.identityKind = Column::Identity::ByDefault;
                  c.generated = (extra.contains(QLatin1String("virtual generated"))
                                 || extra.contains(QLatin1String("stored generated")));
                  if (c.generated) {
                      c.generatedExpression = q.value(8).toString();
                      c.generatedStored = extra.contains(QLatin1String("stored"));
                      c.nullable = true; // MariaDB cannot declare it either way
                  }
                  if (!c.identity && !c.generated)
                      c.defaultValue = planDefault(q.value(4), extra, mariaDb);
                  if (extra.contains(QLatin1String("on update")))
                      *notes << QStringLiteral("%1.%2: ON UPDATE %3 is not kept; the baseline leaves the column as written")
                                    .arg(t->name, c.name, extra.mid(extra.indexOf(QLatin1String("on update")) + 10).trimmed());
                  const QString charset = q.value(6).toString(), collation = q.value(7).toString();
                  if (!q.value(6).isNull() && charset != tableCharset.value(t->name))
                      c.charset = charset;
                  if (!q.value(7).isNull() && collation != tableCollation.value(t->name)
                      && collation != defaultCollation.value(charset))
                      c.collation = collation;
                  c.comment = q.value(9).toString();
                  t->columns.append(c);
              },
              error))
        return false;

    // Constraints by name and kind; their columns come from key_column_usage (CHECK: the
    // columns its clause names).
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

    QMap<QPair<QString, QString>, QPair<QString, QString>> actions; // update, delete
    if (!rows(db,
              QStringLiteral("SELECT table_name, constraint_name, update_rule, delete_rule "
                             "FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()"),
              [&](const QSqlQuery &q) {
                  actions.insert({q.value(0).toString(), q.value(1).toString()}, {q.value(2).toString(), q.value(3).toString()});
              },
              error))
        return false;
    const auto action = [](const QString &rule) {
        QString normalized;
        // InnoDB checks RESTRICT and NO ACTION alike, at once: both read as no action.
        if (!Constraint::normalizeAction(rule, &normalized) || normalized == QLatin1String("RESTRICT"))
            return QString();
        return normalized;
    };

    // Index rows, read first: a UNIQUE constraint whose index carries the dialect's marker, a
    // prefix or DESC stays an index.
    struct IndexRow
    {
        QString table, name, column, comment, type;
        bool unique = false, descending = false;
        int length = 0;
    };
    QList<IndexRow> indexRows;
    if (!rows(db,
              QStringLiteral("SELECT table_name, index_name, column_name, non_unique, sub_part, collation, index_type, "
                             "index_comment FROM information_schema.statistics WHERE table_schema = DATABASE() "
                             "ORDER BY table_name, index_name, seq_in_index"),
              [&](const QSqlQuery &q) {
                  IndexRow r;
                  r.table = q.value(0).toString();
                  r.name = q.value(1).toString();
                  r.column = q.value(2).toString();
                  r.unique = q.value(3).toInt() == 0;
                  r.length = q.value(4).isNull() ? 0 : q.value(4).toInt();
                  r.descending = q.value(5).toString() == QLatin1String("D");
                  r.type = q.value(6).toString().toLower();
                  r.comment = q.value(7).toString();
                  indexRows.append(r);
              },
              error))
        return false;
    QSet<QPair<QString, QString>> indexOnly; // unique keys that are indexes in the model
    for (const IndexRow &r : std::as_const(indexRows)) {
        if (r.unique && (r.comment == MySqlDialect::uniqueIndexMarker() || r.length > 0 || r.descending))
            indexOnly.insert({r.table, r.name});
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
            if (indexOnly.contains(key))
                continue;
            c.kind = Constraint::Kind::Unique;
        } else if (n.type == QLatin1String("FOREIGN KEY")) {
            c.kind = Constraint::Kind::ForeignKey;
            c.refTable = refTables.value(key);
            c.refColumns = refColumns.value(key);
            c.onUpdate = action(actions.value(key).first);
            c.onDelete = action(actions.value(key).second);
        } else if (n.type == QLatin1String("CHECK")) {
            c.kind = Constraint::Kind::Check;
            c.expression = checks.value(key, checks.value({QString(), n.name}));
            const Column *column = t->column(n.name);
            QString quoted = n.name;
            quoted.replace(QLatin1Char('`'), QStringLiteral("``"));
            if (mariaDb && column && c.expression == QStringLiteral("json_valid(`%1`)").arg(quoted))
                continue; // MariaDB's JSON type is LONGTEXT with this check
            c.columns = checkColumns(*t, c.expression);
        } else {
            continue;
        }
        keyIndexes.insert(key);
        t->constraints.append(c);
    }

    QMap<QPair<QString, QString>, Index> indexes;
    QList<QPair<QString, QString>> order;
    for (const IndexRow &r : std::as_const(indexRows)) {
        const QPair<QString, QString> key{r.table, r.name};
        if (keyIndexes.contains(key))
            continue;
        if (!indexes.contains(key))
            order << key;
        Index &i = indexes[key];
        i.name = r.name;
        i.unique = r.unique;
        if (r.type == QLatin1String("fulltext") || r.type == QLatin1String("spatial"))
            i.method = r.type;
        i.columns << r.column;
        i.lengths << r.length;
        i.descending << r.descending;
    }
    for (const auto &key : std::as_const(order)) {
        Index i = indexes.value(key);
        // Lists that say nothing (no prefix, all ascending) stay empty, as the model writes them.
        if (std::all_of(i.lengths.begin(), i.lengths.end(), [](int l) { return l == 0; }))
            i.lengths.clear();
        if (std::none_of(i.descending.begin(), i.descending.end(), [](bool d) { return d; }))
            i.descending.clear();
        if (Table *t = schema->table(key.first))
            t->indexes.append(i);
    }

    if (!rows(db,
              QStringLiteral("SELECT trigger_name, action_timing, event_manipulation, event_object_table, action_statement "
                             "FROM information_schema.triggers WHERE trigger_schema = DATABASE() "
                             "ORDER BY event_object_table, action_order, trigger_name"),
              [&](const QSqlQuery &q) {
                  const QString name = q.value(0).toString();
                  Table *t = schema->table(q.value(3).toString());
                  if (!t)
                      return;
                  if (name.startsWith(QLatin1String("tideline_sync_"))) {
                      // Tideline's own: not a trigger of the schema, but the sync of the column
                      // it fills (its names carry a hash, the body says which column).
                      syncFromBody(q.value(4).toString(), t);
                      return;
                  }
                  Trigger trigger;
                  trigger.name = name;
                  QString quotedName = name, quotedTable = t->name;
                  quotedName.replace(QLatin1Char('`'), QStringLiteral("``"));
                  quotedTable.replace(QLatin1Char('`'), QStringLiteral("``"));
                  trigger.definition = QStringLiteral("CREATE TRIGGER `%1` %2 %3 ON `%4` FOR EACH ROW %5")
                                           .arg(quotedName, q.value(1).toString(), q.value(2).toString(), quotedTable,
                                                q.value(4).toString());
                  t->triggers.append(trigger);
              },
              error))
        return false;
    return readViews(db, schema, error);
}

} // namespace Tideline::LiveCatalogPrivate
