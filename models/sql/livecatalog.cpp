// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "livecatalog.h"

#include "livecatalog_p.h"

#include <io/ddlimporter.h>

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <functional>

namespace Tideline {

bool LiveCatalog::read(QSqlDatabase database, const QString &dialect, Schema *schema, QString *error,
                       QStringList *notes)
{
    *schema = Schema();
    QStringList ignored;
    if (!notes)
        notes = &ignored;
    if (!database.isOpen()) {
        *error = QStringLiteral("the database is not open");
        return false;
    }
    if (dialect == QLatin1String("sqlite"))
        return LiveCatalogPrivate::readSqlite(database, schema, error, notes);
    if (dialect == QLatin1String("postgresql"))
        return LiveCatalogPrivate::readPostgres(database, schema, error, notes);
    if (dialect == QLatin1String("mysql"))
        return LiveCatalogPrivate::readMySql(database, schema, error, notes);
    *error = QStringLiteral("cannot read the catalog of a %1 database (sqlite, postgresql or mysql)").arg(dialect);
    return false;
}

namespace LiveCatalogPrivate {

namespace {

/** Runs @p sql with @p argument bound (an object name: never pasted into the text). */
bool each(QSqlDatabase db, const QString &sql, const QString &argument,
          const std::function<void(const QSqlQuery &)> &row, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        *error = query.lastError().text();
        return false;
    }
    if (!argument.isNull())
        query.addBindValue(argument);
    if (!query.exec()) {
        *error = QStringLiteral("%1 (%2)").arg(query.lastError().text(), sql);
        return false;
    }
    while (query.next())
        row(query);
    return true;
}

} // namespace

QString partialIndexNote(const QString &table, const QString &index, const QString &predicate)
{
    return QStringLiteral("%1: index %2 is partial (WHERE %3); the baseline builds it over every row")
        .arg(table, index, predicate.isEmpty() ? QStringLiteral("...") : predicate);
}

QStringList foreignKeyActionNotes(const QString &table, const Constraint &key, const QString &onUpdate,
                                  const QString &onDelete)
{
    QStringList notes;
    const QString what = QStringLiteral("%1: foreign key (%2) references %3")
                             .arg(table, key.columns.join(QStringLiteral(", ")), key.refTable);
    for (const auto &[event, action] : {std::pair{QStringLiteral("UPDATE"), onUpdate},
                                        std::pair{QStringLiteral("DELETE"), onDelete}}) {
        const QString upper = action.trimmed().toUpper();
        if (!upper.isEmpty() && upper != QLatin1String("NO ACTION") && upper != QLatin1String("RESTRICT"))
            notes << QStringLiteral("%1 ON %2 %3: the baseline's key has no such action").arg(what, event, upper);
    }
    return notes;
}

bool readSqlite(QSqlDatabase db, Schema *schema, QString *error, QStringList *notes)
{
    // sqlite_master, not sqlite_schema: the older name works on every SQLite a driver links.
    QList<QPair<QString, QString>> relations; // type, name
    QHash<QString, QString> createSql;
    if (!each(db,
              QStringLiteral("SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view') "
                             "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'tideline_applied' "
                             "ORDER BY name"),
              {},
              [&](const QSqlQuery &q) {
                  relations.append({q.value(0).toString(), q.value(1).toString()});
                  createSql.insert(q.value(1).toString(), q.value(2).toString());
              },
              error))
        return false;

    QHash<QString, QStringList> indexSql; // CREATE INDEX statements by table
    if (!each(db,
              QStringLiteral("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"),
              {}, [&](const QSqlQuery &q) { indexSql[q.value(0).toString()] << q.value(1).toString(); }, error))
        return false;

    for (const auto &[type, name] : std::as_const(relations)) {
        if (type == QLatin1String("view")) {
            View view;
            view.name = name;
            view.definition = createSql.value(name);
            if (!each(db, QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid"), name,
                      [&](const QSqlQuery &q) { view.columns << q.value(0).toString(); }, error))
                return false;
            schema->views.insert(name, view);
            continue;
        }

        Table table;
        table.name = name;
        // CHECK constraints and index expressions live only in the CREATE text: SQLite's own
        // parser reads it (DdlImporter runs it in a private database). A table it cannot
        // build there (a virtual table's module is missing) has neither to give.
        Schema parsed;
        QString ignored;
        const Table *declared = nullptr;
        if (DdlImporter::importSqlite(QStringList(QStringList{createSql.value(name)} + indexSql.value(name))
                                          .join(QStringLiteral(";\n")),
                                      &parsed, &ignored))
            declared = parsed.table(name);
        QMap<int, QString> keyColumns; // position in the key -> column
        // table_xinfo also lists generated columns (hidden 2 and 3); 1 is a virtual table's.
        if (!each(db,
                  QStringLiteral("SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                                 "FROM pragma_table_xinfo(?) ORDER BY cid"),
                  name,
                  [&](const QSqlQuery &q) {
                      if (q.value(5).toInt() == 1)
                          return;
                      Column c;
                      c.name = q.value(0).toString();
                      c.type = q.value(1).toString();
                      c.nullable = q.value(2).toInt() == 0;
                      c.defaultValue = q.value(3).isNull() ? QString() : q.value(3).toString();
                      c.generated = q.value(5).toInt() >= 2;
                      if (q.value(4).toInt() > 0)
                          keyColumns.insert(q.value(4).toInt(), c.name);
                      table.columns.append(c);
                  },
                  error))
            return false;
        table.primaryKey = keyColumns.values();

        bool keyIndex = false;
        QList<QPair<QString, bool>> indexes; // name, unique; declared by CREATE INDEX
        QStringList uniqueIndexes;           // the autoindexes of UNIQUE constraints
        if (!each(db, QStringLiteral("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?) ORDER BY name"),
                  name,
                  [&](const QSqlQuery &q) {
                      const QString origin = q.value(2).toString();
                      if (q.value(3).toInt() != 0)
                          *notes << partialIndexNote(name, q.value(0).toString());
                      if (origin == QLatin1String("pk"))
                          keyIndex = true;
                      else if (origin == QLatin1String("u"))
                          uniqueIndexes << q.value(0).toString();
                      else
                          indexes.append({q.value(0).toString(), q.value(1).toInt() != 0});
                  },
                  error))
            return false;
        const auto indexColumns = [&](const QString &index, QStringList *columns) {
            const Index *text = nullptr;
            for (qsizetype i = 0; declared && i < declared->indexes.size(); ++i) {
                if (declared->indexes.at(i).name == index)
                    text = &declared->indexes.at(i);
            }
            return each(db, QStringLiteral("SELECT name FROM pragma_index_info(?) ORDER BY seqno"), index,
                        [&](const QSqlQuery &q) {
                            // NULL: an expression, as CREATE INDEX wrote it (if it could be read).
                            const qsizetype at = columns->size();
                            if (!q.value(0).isNull())
                                *columns << q.value(0).toString();
                            else if (text && at < text->columns.size())
                                *columns << text->columns.at(at);
                            else
                                *columns << QStringLiteral("<expression>");
                        },
                        error);
        };
        for (const auto &[indexName, unique] : std::as_const(indexes)) {
            Index index;
            index.name = indexName;
            index.unique = unique;
            if (!indexColumns(indexName, &index.columns))
                return false;
            table.indexes.append(index);
        }

        // A one-column key with no index of its own is the rowid (INTEGER PRIMARY KEY), which
        // SQLite fills: the plan's identity. It is never NULL, whether declared so or not.
        if (table.primaryKey.size() == 1 && !keyIndex) {
            Column *rowid = table.column(table.primaryKey.first());
            rowid->identity = true;
            rowid->nullable = false;
        }
        if (!table.primaryKey.isEmpty()) {
            Constraint key;
            key.kind = Constraint::Kind::PrimaryKey;
            key.columns = table.primaryKey;
            table.constraints.append(key);
        }
        for (const QString &index : std::as_const(uniqueIndexes)) {
            Constraint unique;
            unique.kind = Constraint::Kind::Unique;
            if (!indexColumns(index, &unique.columns))
                return false;
            table.constraints.append(unique);
        }
        if (declared) {
            for (const Constraint &c : declared->constraints) {
                if (c.kind == Constraint::Kind::Check)
                    table.constraints.append(c);
            }
        }
        // Foreign keys: one row per column, grouped by id. (Their names, too, live only in the
        // CREATE TABLE text; drift does not compare them.)
        QMap<int, Constraint> foreign;
        QMap<int, QStringList> actions; // id -> ON UPDATE, ON DELETE
        if (!each(db,
                  QStringLiteral("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                                 "FROM pragma_foreign_key_list(?) ORDER BY id, seq"),
                  name,
                  [&](const QSqlQuery &q) {
                      QStringList &rules = actions[q.value(0).toInt()];
                      if (rules.isEmpty())
                          rules << q.value(4).toString() << q.value(5).toString();
                      Constraint &fk = foreign[q.value(0).toInt()];
                      fk.kind = Constraint::Kind::ForeignKey;
                      fk.refTable = q.value(1).toString();
                      fk.columns << q.value(2).toString();
                      if (!q.value(3).isNull())
                          fk.refColumns << q.value(3).toString();
                  },
                  error))
            return false;
        for (auto fk = foreign.cbegin(); fk != foreign.cend(); ++fk) {
            const QStringList &rules = actions.value(fk.key());
            *notes += foreignKeyActionNotes(name, *fk, rules.value(0), rules.value(1));
        }
        // SQLite numbers them from the last one declared: read back in declaration order.
        const QList<Constraint> numbered = foreign.values();
        for (auto fk = numbered.crbegin(); fk != numbered.crend(); ++fk)
            table.constraints.append(*fk);

        schema->tables.insert(name, table);
    }
    return true;
}

} // namespace LiveCatalogPrivate

} // namespace Tideline
