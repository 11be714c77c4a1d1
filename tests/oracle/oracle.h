// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The oracle's tools, shared by tst_oracle (every kind on every engine) and tst_histories (the
// upgrade histories of Debian packages): the engines' own command-line clients (sqlite3, psql,
// mariadb) to run SQL files as a user runs them, and catalog queries written here, in each
// engine's own words, to read back what a database holds. Nothing here uses Tideline's model,
// its live catalog or its schema comparison: the oracle judges Tideline from outside.

#include "../sql/scratchdatabase.h"

#include <sql/connection.h>

#include <QDir>
#include <QMap>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QStringList>
#include <QUrl>

namespace Oracle {

/** The three engines the oracle runs on. `name` is Tideline's dialect name. */
struct Engine
{
    QString name;     // sqlite, postgresql, mysql
    QString label;    // how rows and messages name it
    QString variable; // the environment variable naming the server; empty: SQLite
    QString client;   // the engine's own client
    bool foreignKeysOn = false; // SQLite: Tideline's files run with PRAGMA foreign_keys = ON
};

inline QList<Engine> engines()
{
    // SQLite twice: as the sqlite3 client runs a file by default (foreign keys not enforced),
    // and with enforcement on, which docs/sql-generation.md says a table rebuild supports.
    return {{"sqlite", "sqlite", QString(), "sqlite3"},
            {"sqlite", "sqlite fk-on", QString(), "sqlite3", true},
            {"postgresql", "postgresql", "TIDELINE_TEST_PG_DSN", "psql"},
            {"mysql", "mariadb", "TIDELINE_TEST_MYSQL_DSN", "mariadb"}};
}

/** The engine of that dialect name or label (the first: SQLite as its client runs by default). */
inline Engine engineNamed(const QString &name)
{
    for (const Engine &e : engines()) {
        if (e.name == name || e.label == name)
            return e;
    }
    return {};
}

/** Why @p engine cannot run here (its server or client is missing), or empty. */
inline QString unavailable(const Engine &engine)
{
    if (!engine.variable.isEmpty() && qEnvironmentVariableIsEmpty(qPrintable(engine.variable)))
        return engine.variable + " is not set: no " + engine.label
               + " server (./test.sh starts a throwaway one and sets it)";
    if (QStandardPaths::findExecutable(engine.client).isEmpty())
        return "the " + engine.label + " client '" + engine.client + "' is not installed";
    return {};
}

/** The last lines of @p text (a client's error output), for a one-glance message. */
inline QString tail(const QString &text, int lines = 6)
{
    QStringList all = text.trimmed().split('\n');
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join("\n      ");
}

/** The client's program. Debian's /usr/bin/psql is a Perl wrapper that picks the newest
 *  PostgreSQL's psql and costs a Perl start per call; the psql it runs is called directly. */
inline QString clientProgram(const Engine &engine)
{
    static const QString direct = [] {
        QDir lib("/usr/lib/postgresql");
        const QStringList versions = lib.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
        for (const QString &v : versions) {
            if (QFileInfo(lib.filePath(v + "/bin/psql")).isExecutable())
                return lib.filePath(v + "/bin/psql");
        }
        return QString();
    }();
    return engine.name == "postgresql" && !direct.isEmpty() ? direct : engine.client;
}

/**
 * Runs the SQL file @p path in the engine's own client, as a user runs a bundle file:
 * `sqlite3 -bail DB < file`, `psql -X -v ON_ERROR_STOP=1 -f file`, `mariadb --no-defaults … < file`.
 * Returns false with the exit code and the client's error output.
 */
inline bool runClient(const Engine &engine, const QString &dsn, const QString &path, QString *error)
{
    QProcess client;
    QStringList args;
    client.setProcessChannelMode(QProcess::SeparateChannels);
    if (engine.name == "sqlite") {
        if (engine.foreignKeysOn)
            args << "-cmd" << "PRAGMA foreign_keys = ON";
        args << "-bail" << dsn.mid(int(strlen("sqlite:")));
        client.setStandardInputFile(path);
    } else if (engine.name == "postgresql") {
        args << "-X" << "-q" << "-v" << "ON_ERROR_STOP=1" << "-d" << dsn << "-f" << path;
    } else {
        const QUrl url(dsn);
        args << "--no-defaults" << "-h" << url.host() << "-P" << QString::number(url.port(3306)) << "-u"
             << url.userName() << url.path().mid(1);
        if (!url.password().isEmpty())
            args << "-p" + url.password();
        client.setStandardInputFile(path);
    }
    client.start(clientProgram(engine), args);
    if (!client.waitForFinished(120000)) {
        client.kill();
        client.waitForFinished();
        *error = engine.client + " did not finish in 2 minutes";
        return false;
    }
    const QString stderrText = QString::fromUtf8(client.readAllStandardError());
    if (client.exitStatus() != QProcess::NormalExit || client.exitCode() != 0) {
        *error = engine.client + " exit " + QString::number(client.exitCode()) + ": " + tail(stderrText);
        return false;
    }
    return true;
}

/** Runs @p sql (written to a file beside @p scratch) in the engine's own client. */
inline bool runClientSql(const Engine &engine, const QString &dsn, const QString &sql, const QString &scratch,
                         QString *error)
{
    QFile file(scratch);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = "cannot write " + scratch;
        return false;
    }
    QByteArray bytes = sql.toUtf8();
    if (engine.name == "sqlite") // applications switch enforcement on; the sqlite3 client does not
        bytes.prepend("PRAGMA foreign_keys = ON;\n");
    file.write(bytes);
    file.close();
    return runClient(engine, dsn, scratch, error);
}

/** One line per value, as the expectations write them: NULL, or the text with \ \n \r \t escaped. */
inline QString valueText(const QVariant &value)
{
    if (value.isNull())
        return "NULL";
    QString text = value.toString();
    text.replace('\\', "\\\\").replace('\n', "\\n").replace('\r', "\\r").replace('\t', "\\t");
    return text;
}

inline QString rowText(const QSqlQuery &q)
{
    QStringList values;
    for (int i = 0; i < q.record().count(); ++i)
        values << valueText(q.value(i));
    return values.join(" | ");
}

/** A normalised SQL fragment: lower case, no identifier quotes, one space between words. */
inline QString normalized(QString sql)
{
    sql.remove('"').remove('`');
    sql = sql.simplified().toLower();
    sql.replace(QRegularExpression("\\s*([(),=<>])\\s*"), "\\1");
    return sql;
}

/** The CHECK (…) clauses of a CREATE TABLE statement (SQLite keeps no other record of them). */
inline QStringList checkClauses(const QString &createTable)
{
    QStringList out;
    static const QRegularExpression check("\\bCHECK\\s*\\(", QRegularExpression::CaseInsensitiveOption);
    auto it = check.globalMatch(createTable);
    while (it.hasNext()) {
        const auto m = it.next();
        int depth = 1, i = int(m.capturedEnd());
        bool quoted = false;
        for (; i < createTable.size() && depth > 0; ++i) {
            const QChar c = createTable.at(i);
            if (c == '\'')
                quoted = !quoted;
            else if (!quoted && c == '(')
                ++depth;
            else if (!quoted && c == ')')
                --depth;
        }
        out << normalized(createTable.mid(int(m.capturedEnd()), i - 1 - int(m.capturedEnd())));
    }
    return out;
}

/**
 * Collects `table: fact` lines from a query whose first column is the table and whose second is
 * the object's name (appended in brackets when @p names) and the rest the fact's words.
 */
inline bool collect(QSqlDatabase db, const QString &sql, const QString &what, bool names, QStringList *facts,
                    QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        *error = "catalog query (" + what + ") failed: " + q.lastError().text();
        return false;
    }
    while (q.next()) {
        QStringList words;
        for (int i = 2; i < q.record().count(); ++i)
            words << (q.value(i).isNull() ? QString("NULL") : q.value(i).toString());
        QString line = q.value(0).toString() + ": " + what + ' ' + words.join(' ');
        if (names && !q.value(1).toString().isEmpty())
            line += " [" + q.value(1).toString() + ']';
        *facts << line;
    }
    return true;
}

/**
 * What the database holds, one fact a line, read by catalog queries of the engine itself:
 * columns (type, NOT NULL, default, identity / AUTO_INCREMENT / AUTOINCREMENT), indexes by
 * columns (unique, partial, prefix lengths), CHECKs, foreign keys with their actions, triggers,
 * and functions or procedures. With @p names, the names of indexes, constraints and triggers
 * too (a re-run must not change them); without, objects compare by what they are.
 */
inline bool catalogFacts(QSqlDatabase db, const QString &engine, bool names, QStringList *facts, QString *error)
{
    if (engine == "sqlite") {
        QSqlQuery tables(db);
        if (!tables.exec("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                         "ESCAPE '\\' ORDER BY name")) {
            *error = tables.lastError().text();
            return false;
        }
        QList<QPair<QString, QString>> list;
        while (tables.next())
            list.append({tables.value(0).toString(), tables.value(1).toString()});
        for (const auto &[table, sql] : list) {
            static const QRegularExpression autoincrement("\\bAUTOINCREMENT\\b", QRegularExpression::CaseInsensitiveOption);
            static const QRegularExpression withoutRowid("\\bWITHOUT\\s+ROWID\\b", QRegularExpression::CaseInsensitiveOption);
            *facts << table + ": table" + (autoincrement.match(sql).hasMatch() ? " AUTOINCREMENT" : "")
                          + (withoutRowid.match(sql).hasMatch() ? " WITHOUT ROWID" : "");
            for (const QString &check : checkClauses(sql))
                *facts << table + ": check " + check;
            const QString t = "'" + QString(table).replace('\'', "''") + "'";
            if (!collect(db, "SELECT " + t + ", '', name, lower(type), CASE WHEN \"notnull\" OR (pk = 1 AND upper(type) = 'INTEGER' "
                             "AND (SELECT count(*) FROM pragma_table_info(" + t + ") WHERE pk > 0) = 1) "
                             "THEN 'NOT NULL' ELSE 'NULL' END, "
                             "'default=' || coalesce(dflt_value, '-'), 'pk=' || pk, 'hidden=' || hidden "
                             "FROM pragma_table_xinfo(" + t + ")",
                         "column", false, facts, error)
                || !collect(db, "SELECT " + t + ", CASE WHEN l.origin = 'c' THEN l.name END, "
                                "CASE WHEN l.\"unique\" THEN 'UNIQUE' ELSE 'plain' END, "
                                "CASE WHEN l.origin = 'pk' THEN 'PRIMARY' ELSE '' END, "
                                "'(' || (SELECT group_concat(coalesce(x.name, '<expression>') || CASE WHEN x.desc THEN ' DESC' "
                                "ELSE '' END, ', ') FROM (SELECT * FROM pragma_index_xinfo(l.name) WHERE key ORDER BY seqno) x) "
                                "|| ')', CASE WHEN l.partial THEN 'WHERE ' || lower(trim(substr(s.sql, instr(upper(s.sql), "
                                "' WHERE ') + 7))) ELSE '' END FROM pragma_index_list(" + t + ") l "
                                "LEFT JOIN sqlite_schema s ON s.type = 'index' AND s.name = l.name",
                            "index", names, facts, error)
                || !collect(db, "SELECT " + t + ", '', '(' || group_concat(\"from\", ', ') || ') ->', \"table\" || '(' || "
                                "group_concat(coalesce(\"to\", '<pk>'), ', ') || ')', 'ON UPDATE', on_update, 'ON DELETE', "
                                "on_delete FROM (SELECT * FROM pragma_foreign_key_list(" + t + ") ORDER BY id, seq) "
                                "GROUP BY id",
                            "foreign key", names, facts, error))
                return false;
        }
        QSqlQuery triggers(db);
        if (!triggers.exec("SELECT tbl_name, name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")) {
            *error = triggers.lastError().text();
            return false;
        }
        while (triggers.next()) {
            QString sql = triggers.value(2).toString();
            sql.replace(QRegularExpression("^\\s*CREATE\\s+TRIGGER\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(\"[^\"]*\"|\\S+)\\s*",
                                           QRegularExpression::CaseInsensitiveOption),
                        "");
            *facts << triggers.value(0).toString() + ": trigger " + normalized(sql)
                          + (names ? " [" + triggers.value(1).toString() + ']' : QString());
        }
    } else if (engine == "postgresql") {
        const QString from = " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace %1 "
                             "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')";
        if (!collect(db, "SELECT c.relname, '', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
                         "CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END, "
                         "'default=' || coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), '-'), "
                         "CASE a.attidentity WHEN 'a' THEN 'GENERATED ALWAYS AS IDENTITY' "
                         "WHEN 'd' THEN 'GENERATED BY DEFAULT AS IDENTITY' ELSE '' END, "
                         "CASE WHEN a.attgenerated = 's' THEN 'GENERATED STORED' ELSE '' END, "
                         "CASE WHEN a.attcollation <> ty.typcollation THEN 'COLLATE ' || co.collname ELSE '' END"
                             + from.arg("JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
                                        "AND NOT a.attisdropped JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid "
                                        "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
                                        "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum"),
                     "column", false, facts, error)
            || !collect(db, "SELECT c.relname, con.conname, pg_catalog.pg_get_constraintdef(con.oid), "
                            "CASE WHEN con.convalidated THEN '' ELSE '(NOT VALID)' END"
                                + from.arg("JOIN pg_catalog.pg_constraint con ON con.conrelid = c.oid"),
                        "constraint", names, facts, error)
            || !collect(db, "SELECT c.relname, ic.relname, regexp_replace(pg_catalog.pg_get_indexdef(i.indexrelid), "
                            "'^CREATE (UNIQUE )?INDEX (\"[^\"]*\"|\\S+) ON \\S+ ', 'CREATE \\1INDEX ON '), "
                            "CASE WHEN i.indisvalid THEN '' ELSE '(INVALID)' END"
                                + from.arg("JOIN pg_catalog.pg_index i ON i.indrelid = c.oid "
                                           "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"),
                        "index", names, facts, error)
            || !collect(db, "SELECT c.relname, t.tgname, regexp_replace(pg_catalog.pg_get_triggerdef(t.oid), "
                            "'^CREATE (CONSTRAINT )?TRIGGER (\"[^\"]*\"|\\S+) ', 'CREATE TRIGGER ')"
                                + from.arg("JOIN pg_catalog.pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal"),
                        "trigger", names, facts, error)
            || !collect(db, "SELECT '(schema)', '', p.proname FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n "
                            "ON n.oid = p.pronamespace WHERE n.nspname = current_schema()",
                        "function", false, facts, error))
            return false;
    } else {
        const QString here = " WHERE table_schema = DATABASE()";
        if (!collect(db, "SELECT table_name, '', column_name, regexp_replace(column_type, "
                         "'^(tinyint|smallint|mediumint|int|bigint)\\\\([0-9]+\\\\)', '\\\\1'), "
                         "CASE is_nullable WHEN 'NO' THEN 'NOT NULL' ELSE 'NULL' END, "
                         "concat('default=', coalesce(column_default, '-')), extra, coalesce(collation_name, ''), "
                         "CASE WHEN column_comment <> '' THEN concat('COMMENT ', quote(column_comment)) ELSE '' END "
                         "FROM information_schema.columns" + here,
                     "column", false, facts, error)
            || !collect(db, "SELECT table_name, index_name, IF(non_unique, 'plain', 'UNIQUE'), "
                            "IF(index_name = 'PRIMARY', 'PRIMARY', ''), concat('(', group_concat(concat(column_name, "
                            "coalesce(concat('(', sub_part, ')'), ''), IF(collation = 'D', ' DESC', '')) "
                            "ORDER BY seq_in_index SEPARATOR ', '), ')'), index_type "
                            "FROM information_schema.statistics" + here + " GROUP BY table_name, index_name, non_unique, "
                            "index_type",
                        "index", names, facts, error)
            || !collect(db, "SELECT r.table_name, r.constraint_name, concat('(', group_concat(k.column_name ORDER BY "
                            "k.ordinal_position SEPARATOR ', '), ') ->'), concat(r.referenced_table_name, '(', "
                            "group_concat(k.referenced_column_name ORDER BY k.ordinal_position SEPARATOR ', '), ')'), "
                            "'ON UPDATE', r.update_rule, 'ON DELETE', r.delete_rule "
                            "FROM information_schema.referential_constraints r JOIN information_schema.key_column_usage k "
                            "ON k.constraint_schema = r.constraint_schema AND k.constraint_name = r.constraint_name "
                            "AND k.table_name = r.table_name WHERE r.constraint_schema = DATABASE() "
                            "GROUP BY r.table_name, r.constraint_name, r.referenced_table_name, r.update_rule, r.delete_rule",
                        "foreign key", names, facts, error)
            || !collect(db, "SELECT table_name, constraint_name, check_clause FROM information_schema.check_constraints "
                            "WHERE constraint_schema = DATABASE()",
                        "check", names, facts, error)
            || !collect(db, "SELECT event_object_table, trigger_name, action_timing, event_manipulation, action_statement "
                            "FROM information_schema.triggers WHERE trigger_schema = DATABASE()",
                        "trigger", names, facts, error)
            || !collect(db, "SELECT '(schema)', '', routine_type, routine_name FROM information_schema.routines "
                            "WHERE routine_schema = DATABASE()",
                        "routine", false, facts, error))
            return false;
    }
    for (QString &fact : *facts)
        fact = fact.trimmed();
    facts->sort();
    return true;
}

/** The tables of the database, for the row dump. */
inline QStringList tableNames(QSqlDatabase db, const QString &engine)
{
    QSqlQuery q(db);
    if (engine == "sqlite")
        q.exec("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    else if (engine == "postgresql")
        q.exec("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY 1");
    else
        q.exec("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
               "AND table_type = 'BASE TABLE' ORDER BY 1");
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

inline QString quoted(const QString &engine, const QString &name)
{
    if (engine == "mysql")
        return '`' + QString(name).replace('`', "``") + '`';
    return '"' + QString(name).replace('"', "\"\"") + '"';
}

/** Every row of every table, `table: v1 | v2 …`, sorted by every column (the order columns have). */
inline bool allRows(QSqlDatabase db, const QString &engine, QStringList *rows, QString *error)
{
    for (const QString &table : tableNames(db, engine)) {
        QSqlQuery count(db);
        if (!count.exec("SELECT * FROM " + quoted(engine, table) + " WHERE 1 = 0")) {
            *error = count.lastError().text();
            return false;
        }
        QStringList order;
        for (int i = 1; i <= count.record().count(); ++i)
            order << QString::number(i);
        QSqlQuery q(db);
        if (!q.exec("SELECT * FROM " + quoted(engine, table) + " ORDER BY " + order.join(", "))) {
            *error = q.lastError().text();
            return false;
        }
        while (q.next())
            *rows << table + ": " + rowText(q);
    }
    return true;
}

/** Catalog facts (with names) and every row: what "nothing changed" compares. */
inline bool snapshot(QSqlDatabase db, const QString &engine, QStringList *lines, QString *error)
{
    return catalogFacts(db, engine, true, lines, error) && allRows(db, engine, lines, error);
}

/**
 * The lines only one side has, counted as multisets (two identical indexes are two lines):
 * `- ` expected only, `+ ` live only. Empty when equal.
 */
inline QString differences(const QStringList &expected, const QStringList &live,
                           const QString &expectedLabel = "expected:", const QString &liveLabel = "actual:  ")
{
    QMap<QString, int> count; // > 0: expected more often, < 0: live more often
    for (const QString &line : expected)
        ++count[line];
    for (const QString &line : live)
        --count[line];
    QStringList out;
    for (auto it = count.cbegin(); it != count.cend(); ++it) {
        for (int i = 0; i < qAbs(it.value()); ++i)
            out << "      " + (it.value() > 0 ? "- " + expectedLabel : "+ " + liveLabel) + ' ' + it.key();
    }
    std::stable_sort(out.begin(), out.end(), [](const QString &a, const QString &b) { return a.at(6) < b.at(6); });
    return out.join('\n');
}

} // namespace Oracle
