// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Table options: MySQL's storage engine, default character set and collation.
#include "../kindbuilder.h"

#include <QRegularExpression>

namespace Tideline::Kinds {

namespace {

/** True when character set @p to holds every character @p from can: converting loses none. */
bool holdsAll(const QString &from, const QString &to)
{
    const QString f = from.toLower(), t = to.toLower();
    if (f == t || t == QLatin1String("utf8mb4") || t == QLatin1String("utf16") || t == QLatin1String("utf32"))
        return true;
    static const QStringList basic{QStringLiteral("ascii"), QStringLiteral("latin1"), QStringLiteral("ucs2"),
                                   QStringLiteral("utf8"), QStringLiteral("utf8mb3")};
    if (t == QLatin1String("utf8") || t == QLatin1String("utf8mb3") || t == QLatin1String("ucs2"))
        return basic.contains(f);
    return t == QLatin1String("latin1") && f == QLatin1String("ascii");
}

bool decomposeSetTableOptions(const KindSpec &spec,
                              const Refactoring &r,
                              const Schema &before,
                              const QString &field,
                              QList<Step> *steps,
                              PlanError *error)
{
    Params p(spec, r, field, error);
    const QString tableName = p.string(QStringLiteral("table"));
    const QString engine = p.string(QStringLiteral("engine"), false);
    const QString charset = p.string(QStringLiteral("charset"), false);
    const QString collation = p.string(QStringLiteral("collation"), false);
    const bool convert = p.boolean(QStringLiteral("convert"), false);
    const Table *table = p.table(before, QStringLiteral("table"), tableName);
    // These names reach the SQL as words (ENGINE = InnoDB), not as quoted identifiers.
    static const QRegularExpression word(QStringLiteral("^[A-Za-z0-9_]+$"));
    for (const auto &[param, value] : {std::pair{QStringLiteral("engine"), engine},
                                       std::pair{QStringLiteral("charset"), charset},
                                       std::pair{QStringLiteral("collation"), collation}}) {
        if (!value.isEmpty() && !word.match(value).hasMatch())
            p.fail(param, QStringLiteral("'%1' must be a name of letters, digits and _ (e.g. %2), not '%3'")
                              .arg(param,
                                   param == QLatin1String("engine") ? QStringLiteral("InnoDB") : QStringLiteral("utf8mb4"),
                                   value));
    }
    if (!collation.isEmpty() && charset.isEmpty())
        p.fail(QStringLiteral("collation"), QStringLiteral("a collation belongs to a character set: give 'charset' too"));
    if (convert && charset.isEmpty())
        p.fail(QStringLiteral("convert"), QStringLiteral("'convert' converts the text columns to 'charset': give it"));
    if (!collation.isEmpty() && !collation.startsWith(charset + QLatin1Char('_'), Qt::CaseInsensitive)
        && collation.compare(QLatin1String("binary"), Qt::CaseInsensitive) != 0)
        p.fail(QStringLiteral("collation"), QStringLiteral("collation %1 is not one of character set %2").arg(collation, charset));
    if (engine.isEmpty() && charset.isEmpty())
        p.fail(QString(), QStringLiteral("set_table_options needs 'engine', 'charset' or both"));
    if (convert && table) {
        // A narrower set cannot hold every character the columns may hold: MySQL would store
        // '?' for them, or refuse the conversion halfway.
        const QString tableCharset = table->charset.isEmpty() ? QStringLiteral("utf8mb4") : table->charset;
        for (const Column &c : table->columns) {
            const QString from = c.charset.isEmpty() ? tableCharset : c.charset;
            static const QRegularExpression text(QStringLiteral("^(char|varchar|tinytext|text|mediumtext|longtext|enum|set)\\b"),
                                                 QRegularExpression::CaseInsensitiveOption);
            if (text.match(c.type.trimmed()).hasMatch() && c.charset.compare(QLatin1String("binary"), Qt::CaseInsensitive) != 0
                && !holdsAll(from, charset)) {
                p.fail(QStringLiteral("charset"),
                       QStringLiteral("converting %1.%2 from %3 to %4 can lose characters %4 cannot hold; "
                                      "convert only to a set that holds them all (utf8mb4 does)")
                           .arg(tableName, c.name, from, charset));
                break;
            }
        }
    }
    if (!p.ok())
        return false;
    SchemaOp op;
    op.type = SchemaOp::Type::SetTableOptions;
    op.table = tableName;
    op.options.engine = engine;
    op.options.charset = charset;
    op.options.collation = collation;
    op.options.convert = convert;
    appendStep(spec, QStringLiteral("expand"), steps).ops.append(op);
    return true;
}

QJsonObject exampleSetTableOptions(Schema *, const QString &table, const QString &, int variant, const QString &)
{
    QJsonObject p{{QStringLiteral("table"), table},
                  {QStringLiteral("charset"), QStringLiteral("utf8mb4")},
                  {QStringLiteral("collation"), QStringLiteral("utf8mb4_unicode_ci")}};
    if (variant % 2)
        p.insert(QStringLiteral("convert"), true);
    return p;
}

} // namespace

QList<KindSpec> optionKinds()
{
    const QString notMySql = QStringLiteral("%1 has no storage engines and no per-table character set; "
                                            "set_table_options is MySQL's (MariaDB's)");
    KindSpec options{
        QStringLiteral("set_table_options"),
        QStringLiteral("Set table options (MySQL)"),
        QStringLiteral("Changes a MySQL table's storage engine, default character set and collation, and "
                       "with 'convert' the character set of its text columns. A new default changes no row "
                       "and runs in place; a new engine or a conversion copies the table (offline)."),
        {param(QStringLiteral("table"), ParamType::Table, QStringLiteral("the table")),
         param(QStringLiteral("engine"), ParamType::Text, QStringLiteral("storage engine, e.g. InnoDB"), false),
         param(QStringLiteral("charset"), ParamType::Text, QStringLiteral("default character set, e.g. utf8mb4"), false),
         param(QStringLiteral("collation"), ParamType::Text, QStringLiteral("default collation, e.g. utf8mb4_unicode_ci"), false),
         param(QStringLiteral("convert"), ParamType::Bool,
               QStringLiteral("convert the text columns to the character set too (copies the table)"), false,
               QStringLiteral("false"))},
        {step(QStringLiteral("expand"), 0, Phase::Pre, QStringLiteral("expand"),
              QStringLiteral("change the engine, then the default character set (CONVERT: the text columns too); "
                             "each only while the table differs"))},
        decomposeSetTableOptions,
        exampleSetTableOptions,
        {{QStringLiteral("postgresql"), notMySql.arg(QStringLiteral("PostgreSQL"))},
         {QStringLiteral("sqlite"), notMySql.arg(QStringLiteral("SQLite"))},
         {QStringLiteral("sqlserver"), notMySql.arg(QStringLiteral("SQL Server"))}}};
    return {options};
}

} // namespace Tideline::Kinds
