// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The table and view kinds: create, drop and rename a table; create and replace a view.
#include "../kindbuilder.h"

#include "../carry.h"

#include <engine/compatibility.h>
#include <engine/usage.h>

#include <QRegularExpression>

#include <algorithm>

namespace Tideline::Kinds {

namespace {

/** Every name PostgreSQL keeps in one namespace with tables (indexes, constraints backed by
 *  indexes, sequences), plus the relations themselves: what a new constraint may not be called. */
Carry::TakenNames relationNames(const Schema &before)
{
    return Carry::TakenNames(before, Carry::TakenNames::WithRelations);
}

/** @p base + @p suffix, fitted, with a number before the suffix while the name is in @p taken;
 *  the name is added to @p taken. */
QString freshName(const QString &base, const QString &suffix, Carry::TakenNames *taken)
{
    QString name = Identifiers::derive(base, suffix);
    for (int n = 2; taken->contains(name, Qt::CaseInsensitive); ++n)
        name = Identifiers::derive(base, QStringLiteral("%1%2").arg(n).arg(suffix));
    taken->append(name);
    return name;
}

/** The views of @p schema that read @p table: by name in their SQL, or passing it through. */
QStringList viewsReading(const Schema &schema, const QString &table)
{
    QStringList names;
    for (const View &v : schema.views) {
        if (v.baseTable == table || Carry::mentions(v.definition, table))
            names << v.name;
    }
    return names;
}

QStringList columnNames(const Table &table)
{
    QStringList names;
    for (const Column &c : table.columns)
        names << c.name;
    return names;
}

/** Refuses a table that refactorings still in progress keep columns of filled (sync triggers),
 *  or that has triggers of its own: their SQL names the table. */
bool noTriggers(Params &p, const Table *table, const QString &kind)
{
    if (!p.ok() || !table)
        return p.ok();
    QStringList filled;
    for (const SyncTrigger &s : table->syncs)
        filled << s.target;
    if (!filled.isEmpty())
        return p.fail(QStringLiteral("table"),
                      QStringLiteral("%1 has sync triggers of refactorings still in progress (filling %2); %3 "
                                     "waits until their contracts have run")
                          .arg(table->name, filled.join(QStringLiteral(", ")), kind));
    QStringList triggers;
    for (const Trigger &t : table->triggers)
        triggers << t.name;
    if (!triggers.isEmpty())
        return p.fail(QStringLiteral("table"),
                      QStringLiteral("%1 has triggers (%2) whose SQL names the table; %3 cannot carry them: "
                                     "drop them first, and create them again afterwards")
                          .arg(table->name, triggers.join(QStringLiteral(", ")), kind));
    return true;
}

// ---------------------------------------------------------------------------------------------
// create_table

/** The keys a column spec of create_table may have. */
const QStringList ColumnKeys{QStringLiteral("name"),     QStringLiteral("type"),       QStringLiteral("nullable"),
                             QStringLiteral("default"),  QStringLiteral("identity"),   QStringLiteral("unique"),
                             QStringLiteral("check"),    QStringLiteral("references"), QStringLiteral("onDelete"),
                             QStringLiteral("onUpdate"), QStringLiteral("comment")};

bool decomposeCreateTable(const KindSpec &spec,
                          const Refactoring &r,
                          const Schema &before,
                          const QString &field,
                          QList<Step> *steps,
                          PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QJsonArray specs = p.array(QStringLiteral("columns"));
    const bool keyGiven = r.params.contains(QStringLiteral("primaryKey"));
    const QStringList primaryKey = keyGiven ? p.strings(QStringLiteral("primaryKey"), 1) : QStringList();
    if (!p.ok())
        return false;

    Table created;
    created.name = tableName;
    Carry::TakenNames taken = relationNames(before);
    taken << tableName;
    QList<Constraint> uniques, checks, keys;
    QStringList identities;
    for (int i = 0; i < specs.size(); ++i) {
        const QString path = QStringLiteral("columns[%1]").arg(i);
        const QJsonObject o = specs.at(i).toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            // The wizard's column editor (name, type, expression) leaves an empty expression.
            if (!ColumnKeys.contains(it.key()) && !(it.value().isString() && it.value().toString().isEmpty()))
                return p.fail(path + QLatin1Char('.') + it.key(),
                              QStringLiteral("unknown field '%1' of a column (fields: %2)")
                                  .arg(it.key(), ColumnKeys.join(QStringLiteral(", "))));
        }
        const auto text = [&](const QString &key, bool required) -> QString {
            const QJsonValue v = o.value(key);
            if (v.isUndefined() || v.isNull()) {
                if (required)
                    p.fail(path + QLatin1Char('.') + key, QStringLiteral("each column needs a non-empty %1").arg(key));
                return {};
            }
            if (!v.isString() || v.toString().trimmed().isEmpty()) {
                p.fail(path + QLatin1Char('.') + key, QStringLiteral("'%1' must be a non-empty string").arg(key));
                return {};
            }
            return v.toString();
        };
        const auto flag = [&](const QString &key, bool defaultValue) {
            const QJsonValue v = o.value(key);
            if (v.isUndefined() || v.isNull())
                return defaultValue;
            if (!v.isBool())
                p.fail(path + QLatin1Char('.') + key, QStringLiteral("'%1' must be true or false").arg(key));
            return v.toBool();
        };
        Column c;
        c.name = text(QStringLiteral("name"), true);
        c.type = text(QStringLiteral("type"), true);
        c.nullable = flag(QStringLiteral("nullable"), true);
        c.defaultValue = text(QStringLiteral("default"), false);
        c.comment = o.value(QStringLiteral("comment")).toString();
        c.identity = flag(QStringLiteral("identity"), false);
        const bool unique = flag(QStringLiteral("unique"), false);
        const QString check = text(QStringLiteral("check"), false);
        const QString references = text(QStringLiteral("references"), false);
        if (!p.ok() || !p.checkName(path + QStringLiteral(".name"), c.name))
            return false;
        if (created.column(c.name))
            return p.fail(path + QStringLiteral(".name"), QStringLiteral("column %1 is named twice").arg(c.name));
        if (c.identity) {
            qint64 minimum = 0;
            quint64 maximum = 0;
            if (!Compatibility::integerRange(c.type, &minimum, &maximum))
                return p.fail(path + QStringLiteral(".identity"),
                              QStringLiteral("%1 is %2: only an integer column can be an identity").arg(c.name, c.type));
            if (c.hasDefault())
                return p.fail(path + QStringLiteral(".default"),
                              QStringLiteral("%1 is an identity: the database fills it, it takes no default").arg(c.name));
            c.identityKind = Column::Identity::ByDefault;
            c.nullable = false;
            identities << c.name;
        }
        if (unique) {
            Constraint u;
            u.kind = Constraint::Kind::Unique;
            u.name = freshName(tableName + QLatin1Char('_') + c.name, QStringLiteral("_key"), &taken);
            u.columns = {c.name};
            uniques << u;
        }
        if (!check.isEmpty()) {
            Constraint k;
            k.kind = Constraint::Kind::Check;
            k.name = freshName(tableName + QLatin1Char('_') + c.name, QStringLiteral("_check"), &taken);
            k.columns = {c.name};
            k.expression = check;
            checks << k;
        }
        for (const QString &key : {QStringLiteral("onDelete"), QStringLiteral("onUpdate")}) {
            if (!o.contains(key))
                continue;
            if (references.isEmpty())
                return p.fail(path + QLatin1Char('.') + key, QStringLiteral("'%1' needs 'references'").arg(key));
        }
        if (!references.isEmpty()) {
            // "table" (its primary key) or "table(column)".
            static const QRegularExpression target(QStringLiteral(R"(^\s*(.*?)\s*(?:\(\s*([^()]*?)\s*\))?\s*$)"));
            const QRegularExpressionMatch m = target.match(references);
            Constraint fk;
            fk.kind = Constraint::Kind::ForeignKey;
            fk.columns = {c.name};
            fk.refTable = m.captured(1);
            if (!m.captured(2).isEmpty())
                fk.refColumns = {m.captured(2)};
            for (const auto &[key, action] : {std::pair{QStringLiteral("onDelete"), &fk.onDelete},
                                              std::pair{QStringLiteral("onUpdate"), &fk.onUpdate}}) {
                const QString written = text(key, false);
                if (!p.ok())
                    return false;
                if (!Constraint::normalizeAction(written, action))
                    return p.fail(path + QLatin1Char('.') + key,
                                  QStringLiteral("'%1' must be CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION, not '%2'")
                                      .arg(key, written));
            }
            if (fk.refTable.isEmpty() || !p.checkName(path + QStringLiteral(".references"), fk.refTable))
                return p.fail(path + QStringLiteral(".references"), QStringLiteral("'references' must name a table: \"table\" or \"table(column)\""));
            fk.name = freshName(tableName + QLatin1Char('_') + c.name, QStringLiteral("_fkey"), &taken);
            keys << fk;
        }
        created.columns.append(c);
    }

    // The primary key: the one given, or the identity column alone.
    if (keyGiven) {
        created.primaryKey = primaryKey;
    } else if (identities.size() == 1) {
        created.primaryKey = identities;
    }
    for (const QString &k : std::as_const(created.primaryKey)) {
        Column *c = created.column(k);
        if (!c)
            return p.fail(QStringLiteral("primaryKey"), QStringLiteral("'%1' is not one of the columns").arg(k));
        if (c->nullable && specs.at(created.columnIndex(k)).toObject().value(QStringLiteral("nullable")).toBool(false))
            return p.fail(QStringLiteral("primaryKey"),
                          QStringLiteral("%1 is in the primary key, so it cannot be nullable").arg(k));
        c->nullable = false;
    }
    for (const QString &identity : std::as_const(identities)) {
        // SQLite fills only its INTEGER PRIMARY KEY, and MySQL's AUTO_INCREMENT must be a key.
        if (created.primaryKey != QStringList{identity})
            return p.fail(QStringLiteral("columns"),
                          QStringLiteral("identity column %1 must be the primary key by itself (SQLite fills only "
                                         "its INTEGER PRIMARY KEY, MySQL's AUTO_INCREMENT must be a key)")
                              .arg(identity));
    }
    if (!created.primaryKey.isEmpty()) {
        Constraint pk;
        pk.kind = Constraint::Kind::PrimaryKey;
        pk.name = freshName(tableName, QStringLiteral("_pkey"), &taken);
        pk.columns = created.primaryKey;
        created.constraints.append(pk);
    }
    // Foreign keys point at an existing table (or the new one itself), at its primary key or at
    // columns with a UNIQUE key of their own, as every engine requires.
    for (int i = 0; i < keys.size(); ++i) {
        Constraint &fk = keys[i];
        const QString path = QStringLiteral("columns[%1].references").arg(created.columnIndex(fk.columns.first()));
        const Table *parent = fk.refTable == tableName ? &created : before.table(fk.refTable);
        if (!parent)
            return p.fail(path, QStringLiteral("unknown table '%1'").arg(fk.refTable));
        if (fk.refColumns.isEmpty()) {
            if (parent->primaryKey.size() != 1)
                return p.fail(path, QStringLiteral("%1 has no single-column primary key: name the column, \"%1(column)\"")
                                        .arg(parent->name));
            fk.refColumns = parent->primaryKey;
        }
        if (!parent->column(fk.refColumns.first()))
            return p.fail(path, QStringLiteral("unknown column '%1' in table %2").arg(fk.refColumns.first(), parent->name));
        bool keyed = parent->primaryKey == fk.refColumns;
        for (const Constraint &c : parent->constraints)
            keyed = keyed || (c.kind == Constraint::Kind::Unique && c.columns == fk.refColumns);
        for (const Constraint &c : std::as_const(uniques))
            keyed = keyed || (parent == &created && c.columns == fk.refColumns);
        for (const Index &index : parent->indexes)
            keyed = keyed || (index.unique && index.where.isEmpty() && index.columns == fk.refColumns);
        if (!keyed)
            return p.fail(path, QStringLiteral("%1.%2 is neither the primary key nor UNIQUE: a foreign key must point at a key")
                                    .arg(parent->name, fk.refColumns.first()));
    }
    created.constraints += uniques + checks + keys;

    SchemaOp create;
    create.type = SchemaOp::Type::CreateTable;
    create.table = tableName;
    create.newTable = created;
    appendStep(spec, QStringLiteral("expand"), steps).ops.append(create);

    // The new version reads every column, writes those the database does not fill, and keeps
    // every constraint of the table.
    UsageOp use = usageOf(tableName);
    for (const Column &c : std::as_const(created.columns)) {
        use.readsAdd << c.name;
        if (c.identity || c.generated)
            continue;
        use.writesAdd << c.name;
        use.writeTypes.insert(c.name, {c.type});
        if (!c.nullable)
            use.honoursAdd << notNullKey(c.name);
    }
    for (const Constraint &c : std::as_const(created.constraints))
        use.honoursAdd << c.key();
    appendStep(spec, QStringLiteral("app"), steps).usage.append(use);
    return true;
}

// ---------------------------------------------------------------------------------------------
// drop_table

bool decomposeDropTable(const KindSpec &spec,
                        const Refactoring &r,
                        const Schema &before,
                        const QString &field,
                        QList<Step> *steps,
                        PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const bool dropKeys = p.boolean(QStringLiteral("dropReferencingKeys"), false);
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    if (!p.ok())
        return false;
    const QStringList views = viewsReading(before, tableName);
    if (!views.isEmpty())
        return p.fail(QStringLiteral("table"),
                      QStringLiteral("views %1 read %2: drop or replace them before the table")
                          .arg(views.join(QStringLiteral(", ")), tableName));
    // The table's own triggers go with it; sync triggers belong to refactorings in progress.
    QStringList filled;
    for (const SyncTrigger &s : table->syncs)
        filled << s.target;
    if (!filled.isEmpty())
        return p.fail(QStringLiteral("table"),
                      QStringLiteral("%1 has sync triggers of refactorings still in progress (filling %2); "
                                     "drop_table waits until their contracts have run")
                          .arg(tableName, filled.join(QStringLiteral(", "))));
    QList<QPair<QString, Constraint>> referencing;
    QStringList named;
    for (const Table &other : before.tables) {
        if (other.name == tableName)
            continue;
        for (const Constraint &c : other.constraints) {
            if (c.kind == Constraint::Kind::ForeignKey && c.refTable == tableName) {
                referencing.append({other.name, c});
                named << QStringLiteral("%1 of %2").arg(c.name.isEmpty() ? QStringLiteral("(unnamed)") : c.name, other.name);
            }
        }
    }
    if (!referencing.isEmpty() && !dropKeys)
        return p.fail(QStringLiteral("table"),
                            QStringLiteral("%1 is referenced by foreign keys %2; drop them first, or set "
                                           "dropReferencingKeys to drop them in the contract with the table")
                                .arg(tableName, named.join(QStringLiteral(", "))));

    UsageOp stop = usageOf(tableName);
    stop.stops = true;
    appendStep(spec, QStringLiteral("stop_using"), steps).usage.append(stop);

    Step contract = makeStep(spec, QStringLiteral("contract"));
    for (const auto &[child, fk] : std::as_const(referencing))
        contract.ops.append(constraintOp(SchemaOp::Type::DropConstraint, child, fk));
    SchemaOp drop;
    drop.type = SchemaOp::Type::DropTable;
    drop.table = tableName;
    contract.ops.append(drop);
    steps->append(contract);
    return true;
}

// ---------------------------------------------------------------------------------------------
// rename_table

bool decomposeRenameTable(const KindSpec &spec,
                          const Refactoring &r,
                          const Schema &before,
                          const QString &field,
                          QList<Step> *steps,
                          PlanError *error)
{
    Params p(spec, r, field, error);
    const QString from = p.string(QStringLiteral("table"));
    const QString to = p.string(QStringLiteral("to"));
    const Table *table = p.table(before, QStringLiteral("table"), from);
    if (p.ok() && from.compare(to, Qt::CaseInsensitive) == 0)
        p.fail(QStringLiteral("to"),
               QStringLiteral("'%1' differs from '%2' only in case, which MySQL, SQLite and SQL Server do not "
                              "tell apart").arg(to, from));
    if (p.ok()) {
        for (const QString &name : before.tables.keys() + before.views.keys()) {
            if (name.compare(to, Qt::CaseInsensitive) == 0)
                p.fail(QStringLiteral("to"),
                       QStringLiteral("%1 exists; MySQL, SQLite and SQL Server do not tell %1 and %2 apart")
                           .arg(name, to));
        }
    }
    const QStringList views = p.ok() ? viewsReading(before, from) : QStringList();
    if (!views.isEmpty())
        p.fail(QStringLiteral("table"),
               QStringLiteral("views %1 read %2: PostgreSQL would follow the table, MySQL and SQL Server keep "
                              "the old name; replace them after the rename's contract, or drop them first")
                   .arg(views.join(QStringLiteral(", ")), from));
    noTriggers(p, table, spec.name);
    if (!p.ok())
        return false;

    // The old name stays usable as a view of every column, as long as a version may use it.
    SchemaOp rename;
    rename.type = SchemaOp::Type::RenameTable;
    rename.table = from;
    rename.newName = to;
    rename.view.name = from;
    rename.view.columns = columnNames(*table);
    rename.view.baseTable = to;
    appendStep(spec, QStringLiteral("expand"), steps).ops.append(rename);

    UsageOp use = usageOf(from);
    use.movesTo = to;
    appendStep(spec, QStringLiteral("app"), steps).usage.append(use);

    SchemaOp dropView;
    dropView.type = SchemaOp::Type::DropView;
    dropView.view.name = from;
    appendStep(spec, QStringLiteral("contract"), steps).ops.append(dropView);
    return true;
}

// ---------------------------------------------------------------------------------------------
// create_view, replace_view

/** An identifier as written: quotes taken off ("a""b" -> a"b, `x`, [x]). */
QString unquoted(const QString &word)
{
    if (word.size() >= 2) {
        const QChar open = word.front(), close = word.back();
        if ((open == QLatin1Char('"') && close == QLatin1Char('"')) || (open == QLatin1Char('`') && close == QLatin1Char('`')))
            return word.mid(1, word.size() - 2).replace(QString(2, open), QString(open));
        if (open == QLatin1Char('[') && close == QLatin1Char(']'))
            return word.mid(1, word.size() - 2).replace(QStringLiteral("]]"), QStringLiteral("]"));
    }
    return word;
}

/**
 * The names of the columns a SELECT returns, read from its select list: each item a column
 * (`c`, `t.c`, quoted or not) or anything followed by `AS name`. Empty, with @p why, for
 * anything else (`*`, an expression without AS, no SELECT).
 */
QStringList selectColumns(const QString &sql, QString *why)
{
    // Tokens at depth 0 between the first SELECT and its FROM; strings, quoted names, comments
    // and parentheses are stepped over.
    struct Token
    {
        QString text;
        bool word = false;
    };
    QList<QList<Token>> items{{}};
    int depth = 0;
    bool inList = false;
    const int n = int(sql.size());
    for (int i = 0; i < n;) {
        const QChar c = sql.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('-') && i + 1 < n && sql.at(i + 1) == QLatin1Char('-')) {
            while (i < n && sql.at(i) != QLatin1Char('\n'))
                ++i;
            continue;
        }
        if (c == QLatin1Char('/') && i + 1 < n && sql.at(i + 1) == QLatin1Char('*')) {
            const qsizetype end = sql.indexOf(QStringLiteral("*/"), i + 2);
            i = end < 0 ? n : int(end) + 2;
            continue;
        }
        Token t;
        int j = i + 1;
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('[')) {
            const QChar close = c == QLatin1Char('[') ? QLatin1Char(']') : c;
            while (j < n) {
                if (sql.at(j) == close) {
                    if (j + 1 < n && sql.at(j + 1) == close && close != QLatin1Char(']')) {
                        j += 2;
                        continue;
                    }
                    ++j;
                    break;
                }
                ++j;
            }
            t.word = c != QLatin1Char('\'');
        } else if (c.isLetterOrNumber() || c == QLatin1Char('_')) {
            while (j < n && (sql.at(j).isLetterOrNumber() || sql.at(j) == QLatin1Char('_') || sql.at(j) == QLatin1Char('$')))
                ++j;
            t.word = !c.isDigit();
        }
        t.text = sql.mid(i, j - i);
        i = j;
        const bool keyword = t.word && !t.text.startsWith(QLatin1Char('"')) && !t.text.startsWith(QLatin1Char('`'))
                             && !t.text.startsWith(QLatin1Char('['));
        if (t.text == QLatin1String("(")) {
            ++depth;
        } else if (t.text == QLatin1String(")")) {
            --depth;
        } else if (depth == 0 && keyword) {
            const QString upper = t.text.toUpper();
            if (!inList && upper == QLatin1String("SELECT")) {
                inList = true;
                continue;
            }
            if (inList && upper == QLatin1String("FROM"))
                break;
            if (inList && items.last().isEmpty() && items.size() == 1
                && (upper == QLatin1String("DISTINCT") || upper == QLatin1String("ALL")))
                continue;
        }
        if (!inList)
            continue;
        if (depth == 0 && t.text == QLatin1String(",")) {
            items.append(QList<Token>());
            continue;
        }
        items.last().append(t);
    }
    if (!inList) {
        *why = QStringLiteral("the definition has no SELECT");
        return {};
    }
    QStringList names;
    for (int k = 0; k < items.size(); ++k) {
        const QList<Token> &item = items.at(k);
        const int last = int(item.size()) - 1;
        QString name;
        if (last >= 2 && item.at(last).word && item.at(last - 1).text.compare(QLatin1String("AS"), Qt::CaseInsensitive) == 0) {
            name = unquoted(item.at(last).text);
        } else {
            // c, or t.c, or s.t.c: names separated by dots.
            bool plain = last >= 0 && last % 2 == 0;
            for (int m = 0; plain && m <= last; ++m)
                plain = m % 2 == 0 ? item.at(m).word : item.at(m).text == QLatin1String(".");
            if (plain)
                name = unquoted(item.at(last).text);
        }
        if (name.isEmpty()) {
            QStringList text;
            for (const Token &t : item)
                text << t.text;
            *why = QStringLiteral("item %1 of the select list (%2) has no name of its own: write AS name, or give 'columns'")
                       .arg(k + 1)
                       .arg(text.join(QLatin1Char(' ')));
            return {};
        }
        names << name;
    }
    return names;
}

/** The view a create_view or replace_view refactoring makes: its SQL and its columns, given or
 *  read from the SELECT. */
bool viewOf(Params &p, const Refactoring &r, const QString &name, View *view)
{
    view->name = name;
    view->definition = p.string(QStringLiteral("definition")).trimmed();
    while (view->definition.endsWith(QLatin1Char(';')))
        view->definition = view->definition.chopped(1).trimmed();
    if (!p.ok())
        return false;
    if (view->definition.isEmpty())
        return p.fail(QStringLiteral("definition"), QStringLiteral("'definition' must be a SELECT"));
    if (r.params.contains(QStringLiteral("columns"))) {
        view->columns = p.strings(QStringLiteral("columns"), 1);
        return p.ok();
    }
    QString why;
    view->columns = selectColumns(view->definition, &why);
    if (view->columns.isEmpty())
        return p.fail(QStringLiteral("definition"), QStringLiteral("cannot tell the view's columns: %1").arg(why));
    for (int i = 0; i < view->columns.size(); ++i) {
        if (view->columns.indexOf(view->columns.at(i)) != i)
            return p.fail(QStringLiteral("definition"),
                          QStringLiteral("the view would have two columns named %1: give 'columns'").arg(view->columns.at(i)));
        if (!p.checkName(QStringLiteral("definition"), view->columns.at(i)))
            return false;
    }
    return true;
}

bool decomposeCreateView(const KindSpec &spec,
                         const Refactoring &r,
                         const Schema &before,
                         const QString &field,
                         QList<Step> *steps,
                         PlanError *error)
{
    Params p(spec, r, field, error);
    const QString name = p.string(QStringLiteral("view"));
    if (p.ok() && before.hasRelation(name))
        p.fail(QStringLiteral("view"),
               QStringLiteral("%1 %2 already exists")
                   .arg(before.views.contains(name) ? QStringLiteral("view") : QStringLiteral("table"), name));
    View view;
    if (!p.ok() || !viewOf(p, r, name, &view))
        return false;

    SchemaOp create;
    create.type = SchemaOp::Type::CreateView;
    create.view = view;
    appendStep(spec, QStringLiteral("expand"), steps).ops.append(create);

    UsageOp use = usageOf(name);
    use.readsAdd = view.columns;
    appendStep(spec, QStringLiteral("app"), steps).usage.append(use);
    return true;
}

bool decomposeReplaceView(const KindSpec &spec,
                          const Refactoring &r,
                          const Schema &before,
                          const QString &field,
                          QList<Step> *steps,
                          PlanError *error)
{
    Params p(spec, r, field, error);
    const QString name = p.string(QStringLiteral("view"));
    View view;
    if (!p.ok() || !viewOf(p, r, name, &view))
        return false;
    const View &old = before.views.value(name);
    if (old.columns == view.columns && old.definition == view.definition)
        return p.fail(QStringLiteral("definition"), QStringLiteral("view %1 already has this definition").arg(name));
    QStringList removed, added;
    for (const QString &c : old.columns) {
        if (!view.columns.contains(c))
            removed << c;
    }
    for (const QString &c : std::as_const(view.columns)) {
        if (!old.columns.contains(c))
            added << c;
    }
    if (!removed.isEmpty() && !added.isEmpty())
        return p.fail(QStringLiteral("definition"),
                      QStringLiteral("the new definition drops %1 and adds %2 to view %3: a dropped column waits "
                                     "until no version reads it, an added one is there at once; split it into "
                                     "two replace_view refactorings (add first)")
                          .arg(removed.join(QStringLiteral(", ")), added.join(QStringLiteral(", ")), name));

    SchemaOp replace;
    replace.type = SchemaOp::Type::CreateView;
    replace.replace = true;
    replace.view = view;
    if (removed.isEmpty()) {
        // Every column stays: the new definition serves the old version too, at once.
        appendStep(spec, QStringLiteral("expand"), steps).ops.append(replace);
        UsageOp use = usageOf(name);
        use.readsAdd = added;
        appendStep(spec, QStringLiteral("app"), steps).usage.append(use);
        return true;
    }
    // A column leaves the view: the new version stops reading it, and the view loses it once no
    // version that reads it runs (or may be rolled back to).
    UsageOp stop = usageOf(name);
    stop.readsRemove = removed;
    appendStep(spec, QStringLiteral("stop_reading"), steps).usage.append(stop);
    appendStep(spec, QStringLiteral("contract"), steps).ops.append(replace);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Examples (KindSpec::example): each makes its own table or view, named with the prefix, so that
// refactorings of the other column groups of the same table never meet it.

QString own(const QString &table, const QString &prefix, const QString &what)
{
    return table + QLatin1Char('_') + prefix + what;
}

/** A table of the example's own: an identity key and two varchar columns. */
void addOwnTable(Schema *schema, const QString &name, const QString &prefix)
{
    Table t;
    t.name = name;
    Column id = newColumn(QStringLiteral("id"), QStringLiteral("integer"));
    id.nullable = false;
    id.identity = true;
    id.identityKind = Column::Identity::ByDefault;
    t.columns << id << exampleColumn(prefix + QStringLiteral("a"), false) << exampleColumn(prefix + QStringLiteral("b"), true);
    t.primaryKey = {id.name};
    Constraint pk;
    pk.kind = Constraint::Kind::PrimaryKey;
    pk.name = Identifiers::derive(name, QStringLiteral("_pkey"));
    pk.columns = {id.name};
    t.constraints << pk;
    schema->tables.insert(t.name, t);
}

QJsonObject exampleCreateTable(Schema *, const QString &table, const QString &prefix, int variant, const QString &)
{
    QJsonArray columns{QJsonObject{{QStringLiteral("name"), QStringLiteral("id")},
                                   {QStringLiteral("type"), QStringLiteral("integer")},
                                   {QStringLiteral("identity"), true}},
                       QJsonObject{{QStringLiteral("name"), prefix + QStringLiteral("owner")},
                                   {QStringLiteral("type"), QStringLiteral("integer")},
                                   {QStringLiteral("nullable"), false},
                                   {QStringLiteral("references"), table},
                                   {QStringLiteral("onDelete"), QStringLiteral("CASCADE")}},
                       QJsonObject{{QStringLiteral("name"), prefix + QStringLiteral("code")},
                                   {QStringLiteral("type"), QStringLiteral("varchar(40)")},
                                   {QStringLiteral("nullable"), false},
                                   {QStringLiteral("unique"), true}},
                       QJsonObject{{QStringLiteral("name"), prefix + QStringLiteral("qty")},
                                   {QStringLiteral("type"), QStringLiteral("integer")},
                                   {QStringLiteral("nullable"), false},
                                   {QStringLiteral("default"), QStringLiteral("0")},
                                   {QStringLiteral("check"), prefix + QStringLiteral("qty >= 0")}}};
    if (variant % 2 != 0)
        columns.append(QJsonObject{{QStringLiteral("name"), prefix + QStringLiteral("note")},
                                   {QStringLiteral("type"), QStringLiteral("text")}});
    return {{QStringLiteral("table"), own(table, prefix, QStringLiteral("new"))}, {QStringLiteral("columns"), columns}};
}

QJsonObject exampleDropTable(Schema *schema, const QString &table, const QString &prefix, int, const QString &)
{
    const QString name = own(table, prefix, QStringLiteral("gone"));
    addOwnTable(schema, name, prefix);
    return {{QStringLiteral("table"), name}};
}

QJsonObject exampleRenameTable(Schema *schema, const QString &table, const QString &prefix, int, const QString &)
{
    const QString name = own(table, prefix, QStringLiteral("old"));
    addOwnTable(schema, name, prefix);
    return {{QStringLiteral("table"), name}, {QStringLiteral("to"), own(table, prefix, QStringLiteral("renamed"))}};
}

QJsonObject exampleCreateView(Schema *, const QString &table, const QString &prefix, int variant, const QString &)
{
    QJsonObject p{{QStringLiteral("view"), own(table, prefix, QStringLiteral("view"))},
                  {QStringLiteral("definition"), QStringLiteral("SELECT id, %1a AS %1label FROM %2 WHERE %1b IS NOT NULL").arg(prefix, table)}};
    if (variant % 2 != 0)
        p.insert(QStringLiteral("columns"), QJsonArray{QStringLiteral("id"), prefix + QStringLiteral("name")});
    return p;
}

QJsonObject exampleReplaceView(Schema *schema, const QString &table, const QString &prefix, int, const QString &)
{
    View v;
    v.name = own(table, prefix, QStringLiteral("summary"));
    v.columns = {QStringLiteral("id"), prefix + QStringLiteral("a")};
    v.definition = QStringLiteral("SELECT id, %1a FROM %2").arg(prefix, table);
    schema->views.insert(v.name, v);
    return {{QStringLiteral("view"), v.name},
            {QStringLiteral("definition"), QStringLiteral("SELECT id, %1a, %1b FROM %2").arg(prefix, table)}};
}

} // namespace

QList<KindSpec> tableKinds()
{
    QList<KindSpec> kinds;

    kinds.append(
        {QStringLiteral("create_table"),
         QStringLiteral("Create table"),
         QStringLiteral("Creates a table (columns, primary key, UNIQUE, CHECK and foreign keys per "
                        "column); the new version uses it from the same release."),
         {param(QStringLiteral("table"), ParamType::NewTable, QStringLiteral("the new table")),
          param(QStringLiteral("columns"),
                ParamType::ColumnSpecs,
                QStringLiteral("the columns, in order: list of {name, type, nullable (default true), default "
                               "(SQL), identity (integer, filled by the database), unique, check (SQL), "
                               "references (\"table\" or \"table(column)\"), onDelete, onUpdate, comment}")),
          paramOf(QStringLiteral("primaryKey"),
                  ParamType::Columns,
                  QStringLiteral("table"),
                  QStringLiteral("the primary key's columns (default: the identity column)"),
                  false)},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("create the table with its keys, constraints and foreign keys")),
          step(QStringLiteral("app"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version reads and writes the table"),
               {QStringLiteral("expand")})},
         decomposeCreateTable,
         exampleCreateTable});

    kinds.append(
        {QStringLiteral("drop_table"),
         QStringLiteral("Drop table"),
         QStringLiteral("Stops every use of a table, then drops it once no version that may still "
                        "run (or be rolled back to) uses it."),
         {param(QStringLiteral("table"), ParamType::Table, QStringLiteral("the table")),
          param(QStringLiteral("dropReferencingKeys"),
                ParamType::Bool,
                QStringLiteral("drop the foreign keys of other tables that reference it, in the contract "
                               "(else such keys refuse the refactoring)"),
                false,
                QStringLiteral("false"))},
         {step(QStringLiteral("stop_using"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version neither reads nor writes the table")),
          step(QStringLiteral("contract"),
               1,
               Phase::Post,
               QStringLiteral("contract"),
               QStringLiteral("drop the foreign keys that reference it (dropReferencingKeys), then the table"),
               {QStringLiteral("stop_using")})},
         decomposeDropTable,
         exampleDropTable});

    KindSpec rename{QStringLiteral("rename_table"),
                    QStringLiteral("Rename table"),
                    QStringLiteral("Renames the table and leaves a view under the old name, which takes "
                                   "reads and writes, until no version that uses the old name runs."),
                    {param(QStringLiteral("table"), ParamType::Table, QStringLiteral("the table")),
                     param(QStringLiteral("to"), ParamType::NewTable, QStringLiteral("the new name"))},
                    {step(QStringLiteral("expand"),
                          0,
                          Phase::Pre,
                          QStringLiteral("expand"),
                          QStringLiteral("rename the table and, in the same transaction, create a view of all its "
                                         "columns under the old name")),
                     step(QStringLiteral("app"),
                          0,
                          Phase::App,
                          QStringLiteral("app"),
                          QStringLiteral("the new version uses the new name"),
                          {QStringLiteral("expand")}),
                     step(QStringLiteral("contract"),
                          1,
                          Phase::Post,
                          QStringLiteral("contract"),
                          QStringLiteral("drop the view under the old name"),
                          {QStringLiteral("app")})},
                    decomposeRenameTable,
                    exampleRenameTable,
                    {}};
    rename.unsupported.insert(
        QStringLiteral("sqlite"),
        QStringLiteral("SQLite cannot rename a table conditionally, so no file can rename it and run again "
                       "unchanged; and its views take writes only through INSTEAD OF triggers, which report no "
                       "changed rows to the old version. The SQLite route is offline: rename in a maintenance "
                       "window."));
    kinds.append(rename);

    const auto columns = paramOf(QStringLiteral("columns"),
                                 ParamType::Columns,
                                 QStringLiteral("view"),
                                 QStringLiteral("the view's column names (default: read from the SELECT list)"),
                                 false);
    kinds.append(
        {QStringLiteral("create_view"),
         QStringLiteral("Create view"),
         QStringLiteral("Creates a view; the new version reads it from the same release."),
         {param(QStringLiteral("view"), ParamType::Name, QStringLiteral("the new view")),
          param(QStringLiteral("definition"), ParamType::Sql, QStringLiteral("the SELECT")),
          columns},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("create the view")),
          step(QStringLiteral("app"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version reads the view"),
               {QStringLiteral("expand")})},
         decomposeCreateView,
         exampleCreateView});

    kinds.append(
        {QStringLiteral("replace_view"),
         QStringLiteral("Replace view"),
         QStringLiteral("Gives a view a new definition. Columns it keeps or adds are there at once; a "
                        "column it drops waits until no version that reads it runs."),
         {param(QStringLiteral("view"), ParamType::View, QStringLiteral("the view")),
          param(QStringLiteral("definition"), ParamType::Sql, QStringLiteral("the new SELECT")),
          columns},
         {step(QStringLiteral("expand"),
               0,
               Phase::Pre,
               QStringLiteral("expand"),
               QStringLiteral("replace the definition (CREATE OR REPLACE VIEW)"),
               {},
               QStringLiteral("when the view keeps every column")),
          step(QStringLiteral("app"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version reads the added columns"),
               {QStringLiteral("expand")},
               QStringLiteral("when the view keeps every column")),
          step(QStringLiteral("stop_reading"),
               0,
               Phase::App,
               QStringLiteral("app"),
               QStringLiteral("the new version stops reading the columns the view drops"),
               {},
               QStringLiteral("when the view drops columns")),
          step(QStringLiteral("contract"),
               1,
               Phase::Post,
               QStringLiteral("contract"),
               QStringLiteral("replace the definition, without the dropped columns"),
               {QStringLiteral("stop_reading")},
               QStringLiteral("when the view drops columns"))},
         decomposeReplaceView,
         exampleReplaceView});
    return kinds;
}

} // namespace Tideline::Kinds
