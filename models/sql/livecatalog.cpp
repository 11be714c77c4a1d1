// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "livecatalog.h"

#include "dialect.h"
#include "livecatalog_p.h"

#include <io/sqliteimport_p.h>

#include <QHash>
#include <QSet>

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
    // The catalog reader of each registry dialect that has one.
    using Reader = bool (*)(QSqlDatabase, Schema *, QString *, QStringList *);
    static const QHash<QString, Reader> readers{{QStringLiteral("sqlite"), &LiveCatalogPrivate::readSqlite},
                                                {QStringLiteral("postgresql"),
                                                 [](QSqlDatabase db, Schema *s, QString *e, QStringList *n) {
                                                     return LiveCatalogPrivate::readPostgres(db, s, e, n);
                                                 }},
                                                {QStringLiteral("mysql"), &LiveCatalogPrivate::readMySql}};
    const Dialect *engine = Dialect::forName(dialect);
    if (const Reader reader = engine ? readers.value(engine->name(), nullptr) : nullptr)
        return reader(database, schema, error, notes);
    QStringList readable;
    for (const Dialect *d : Dialect::all()) {
        if (readers.contains(d->name()))
            readable << d->name();
    }
    *error = QStringLiteral("cannot read the catalog of a %1 database (%2)").arg(dialect, readable.join(QStringLiteral(", ")));
    return false;
}

bool LiveCatalog::readTables(QSqlDatabase database, const QString &dialect, const QStringList &tables, Schema *schema,
                             QString *error)
{
    const Dialect *engine = Dialect::forName(dialect);
    if (engine && engine->name() == QLatin1String("postgresql") && database.isOpen()) {
        QStringList notes;
        return LiveCatalogPrivate::readPostgres(database, schema, error, &notes, &tables);
    }
    // MySQL reads every table with one query per kind already, SQLite with one: keep the ones asked for.
    Schema all;
    if (!read(database, dialect, &all, error))
        return false;
    *schema = Schema();
    for (const QString &name : tables) {
        if (const Table *table = std::as_const(all).table(name))
            schema->tables.insert(name, *table);
    }
    schema->views = all.views;
    return true;
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
    // The CREATE statements the database stores, read back by SQLite's own parser in a private
    // database, as import-schema reads a file (SqliteImport::readCatalog): a file run in sqlite3
    // and read here gives the same Schema as the file imported, with FK actions, partial and
    // expression indexes, generated columns, collations, triggers and Tideline's sync triggers.
    // sqlite_master, not sqlite_schema: the older name works on every SQLite a driver links.
    QSet<QString> shadow; // tables that hold a virtual table's data (pragma table_list, 3.37+)
    QString ignored;
    each(db, QStringLiteral("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'"), {},
         [&](const QSqlQuery &q) { shadow.insert(q.value(0).toString()); }, &ignored);
    QStringList parts[4]; // tables, indexes, views, triggers: what a statement needs comes first
    const QStringList order{QStringLiteral("table"), QStringLiteral("index"), QStringLiteral("view"),
                            QStringLiteral("trigger")};
    if (!each(db,
              QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                             "AND tbl_name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND tbl_name <> 'tideline_applied' "
                             "ORDER BY rowid"),
              {},
              [&](const QSqlQuery &q) {
                  const qsizetype at = order.indexOf(q.value(0).toString());
                  if (at >= 0 && !shadow.contains(q.value(1).toString()))
                      parts[at] << q.value(3).toString() + QStringLiteral(";\n");
              },
              error))
        return false;
    QString script;
    for (const QStringList &part : parts)
        script += part.join(QString());
    return SqliteImport::readCatalog(script, schema, error, notes);
}

} // namespace LiveCatalogPrivate

} // namespace Tideline
