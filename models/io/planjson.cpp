// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "planjson.h"

#include "jsonlayout.h"

#include <type_traits>

#include "ddlimporter.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

constexpr QStringView FormatTag = u"tideline-plan";
// Largest integer a JSON number (a double) holds exactly.
constexpr double MaxWholeNumber = 9007199254740992.0;

QString at(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + u'.' + key;
}

QString at(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::Bool: return u"true/false"_s;
    case QJsonValue::Double: return u"a number"_s;
    case QJsonValue::String: return u"a string"_s;
    case QJsonValue::Array: return u"an array"_s;
    case QJsonValue::Object: return u"an object"_s;
    case QJsonValue::Undefined: break;
    }
    return u"nothing"_s;
}

// Where a key that is known elsewhere in a plan belongs, for the keys people put in the wrong
// object.
QString misplacedKeyHint(const QString &what, const QString &key)
{
    if (what == u"a column"_s && key == u"primaryKey"_s)
        return u"a primary key is the table's \"primaryKey\": [\"column\", ...]"_s;
    if (what == u"a column"_s && (key == u"unique"_s || key == u"references"_s || key == u"check"_s))
        return u"keys and checks are the table's \"constraints\": [{\"kind\": ...}]"_s;
    if (what == u"a table"_s && key == u"rows"_s)
        return u"row counts are baseline.rows: {\"table\": N}"_s;
    if (what == u"a plan"_s && (key == u"tables"_s || key == u"sql"_s || key == u"rows"_s))
        return u"the starting schema goes in \"baseline\": {\"%1\": ...}"_s.arg(key);
    if (what == u"a plan"_s && (key == u"rollbackSafe"_s || key == u"backfillBatch"_s
                                || key == u"maxContractAge"_s || key == u"lockTimeout"_s
                                || key == u"statementTimeout"_s))
        return u"it belongs in \"policy\": {\"%1\": ...}"_s.arg(key);
    if (what == u"a refactoring"_s && key != u"params"_s)
        return u"a kind's own settings go in \"params\": {\"%1\": ...}"_s.arg(key);
    return {};
}

/**
 * Checks the shape of JSON values and collects every problem with its field path. Getters
 * leave *out untouched when the key is absent, so callers preset the default.
 */
class Reader
{
public:
    Reader(const QString &file, QList<PlanError> *errors) : m_file(file), m_errors(errors) {}

    qsizetype errorCount() const { return m_errors->size(); }
    void error(const QString &field, const QString &message)
    {
        m_errors->append(PlanError{m_file, field, message});
    }

    bool expect(const QJsonValue &value, QJsonValue::Type type, const QString &path,
                const QString &what)
    {
        if (value.type() == type)
            return true;
        error(path, u"expected %1, found %2"_s.arg(what, describe(value)));
        return false;
    }

    // Returns false when the key is absent (after reporting it if required) or of the wrong type.
    bool value(const QJsonObject &object, const QString &key, const QString &path,
               QJsonValue::Type type, const QString &what, QJsonValue *out, bool required)
    {
        const auto it = object.constFind(key);
        if (it == object.constEnd()) {
            if (required)
                error(at(path, key), u"is required"_s);
            return false;
        }
        if (!expect(it.value(), type, at(path, key), what))
            return false;
        *out = it.value();
        return true;
    }

    bool string(const QJsonObject &object, const QString &key, const QString &path, QString *out,
                bool required = false)
    {
        QJsonValue v;
        if (!value(object, key, path, QJsonValue::String, u"a string"_s, &v, required))
            return false;
        *out = v.toString();
        return true;
    }

    bool boolean(const QJsonObject &object, const QString &key, const QString &path, bool *out)
    {
        QJsonValue v;
        if (!value(object, key, path, QJsonValue::Bool, u"true or false"_s, &v, false))
            return false;
        *out = v.toBool();
        return true;
    }

    bool array(const QJsonObject &object, const QString &key, const QString &path, QJsonArray *out,
               bool required = false)
    {
        QJsonValue v;
        if (!value(object, key, path, QJsonValue::Array, u"an array"_s, &v, required))
            return false;
        *out = v.toArray();
        return true;
    }

    bool object(const QJsonObject &object, const QString &key, const QString &path,
                QJsonObject *out)
    {
        QJsonValue v;
        if (!value(object, key, path, QJsonValue::Object, u"an object"_s, &v, false))
            return false;
        *out = v.toObject();
        return true;
    }

    bool wholeNumber(const QJsonValue &value, const QString &path, qint64 minimum, qint64 *out)
    {
        const double number = value.toDouble();
        if (!value.isDouble() || number != std::floor(number) || number < double(minimum)
            || number > MaxWholeNumber) {
            error(path, u"expected a whole number of at least %1, found %2"_s.arg(
                            QString::number(minimum),
                            value.isDouble() ? QString::number(number) : describe(value)));
            return false;
        }
        *out = qint64(number);
        return true;
    }

    bool strings(const QJsonValue &value, const QString &path, QStringList *out)
    {
        if (!expect(value, QJsonValue::Array, path, u"an array of strings"_s))
            return false;
        const QJsonArray items = value.toArray();
        QStringList result;
        bool ok = true;
        for (qsizetype i = 0; i < items.size(); ++i) {
            ok = expect(items.at(i), QJsonValue::String, at(path, i), u"a string"_s) && ok;
            result.append(items.at(i).toString());
        }
        if (ok)
            *out = result;
        return ok;
    }

    bool strings(const QJsonObject &object, const QString &key, const QString &path,
                 QStringList *out)
    {
        const auto it = object.constFind(key);
        return it != object.constEnd() && strings(it.value(), at(path, key), out);
    }

    // Reports every key of an object that its kind does not have, so that a key in the wrong
    // place ("primaryKey": true on a column) or a typo is an error instead of being ignored.
    // Keys that start with "_" or "$" are the writer's own notes and are left alone.
    void onlyKeys(const QJsonObject &object, const QString &path, const QString &what,
                  std::initializer_list<QLatin1StringView> known)
    {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString key = it.key();
            if (key.startsWith(u'_') || key.startsWith(u'$'))
                continue;
            if (std::find(known.begin(), known.end(), key) != known.end())
                continue;
            QStringList names;
            for (QLatin1StringView name : known)
                names.append(QString(name));
            const QString hint = misplacedKeyHint(what, key);
            error(at(path, key), u"is not a key of %1%2; %1 takes %3"_s.arg(
                                     what, hint.isEmpty() ? QString() : u" (%1)"_s.arg(hint),
                                     names.join(u", "_s)));
        }
    }

    void table(const QJsonValue &value, const QString &path, Table *table);
    void view(const QJsonValue &value, const QString &path, View *view);
    void sequence(const QJsonValue &value, const QString &path, Sequence *sequence);
    void enumType(const QJsonValue &value, const QString &path, EnumType *type);
    void procedure(const QJsonValue &value, const QString &path, Procedure *procedure);
    void delta(const QJsonObject &object, const QString &key, const QString &path,
               UsageDelta *delta);
    void usageEdit(const QJsonObject &object, const QString &path, UsageEdit *edit);
    void release(const QJsonValue &value, const QString &path, Release *release);
    void refactoring(const QJsonValue &value, const QString &path, Refactoring *refactoring);
    void baseline(const QJsonObject &object, const QString &path, const QString &dialect,
                  Baseline *baseline);
    void usage(const QJsonValue &value, const QString &path, QList<UsageEdit> *usage);
    void acknowledgement(const QJsonValue &value, const QString &path, Acknowledgement *ack);
    void shipped(const QJsonValue &value, const QString &path,
                 QMap<QString, ShippedRefactoring> *shipped);
    void shippedBaseline(const QJsonValue &value, const QString &path, Release *release);
    void historyEntry(const QJsonValue &value, const QString &path, HistoryEntry *entry);

private:
    QString m_file;
    QList<PlanError> *m_errors; // Not owned.
};

void Reader::table(const QJsonValue &value, const QString &path, Table *table)
{
    if (!expect(value, QJsonValue::Object, path, u"an object"_s))
        return;
    const QJsonObject o = value.toObject();
    onlyKeys(o, path, u"a table"_s,
             {"name"_L1, "columns"_L1, "primaryKey"_L1, "indexes"_L1, "constraints"_L1, "triggers"_L1,
              "syncs"_L1, "comment"_L1, "engine"_L1, "charset"_L1, "collation"_L1,
              "withoutRowid"_L1});
    string(o, u"name"_s, path, &table->name, true);
    QJsonArray columns;
    if (array(o, u"columns"_s, path, &columns, true)) {
        const QString columnsPath = at(path, u"columns"_s);
        for (qsizetype i = 0; i < columns.size(); ++i) {
            const QString columnPath = at(columnsPath, i);
            if (!expect(columns.at(i), QJsonValue::Object, columnPath, u"an object"_s))
                continue;
            const QJsonObject c = columns.at(i).toObject();
            onlyKeys(c, columnPath, u"a column"_s,
                     {"name"_L1, "type"_L1, "nullable"_L1, "default"_L1, "identity"_L1,
                      "identityKind"_L1, "sequence"_L1, "generated"_L1, "generatedExpression"_L1,
                      "stored"_L1, "collation"_L1, "charset"_L1, "comment"_L1});
            Column column;
            string(c, u"name"_s, columnPath, &column.name, true);
            string(c, u"type"_s, columnPath, &column.type);
            boolean(c, u"nullable"_s, columnPath, &column.nullable);
            string(c, u"default"_s, columnPath, &column.defaultValue);
            boolean(c, u"identity"_s, columnPath, &column.identity);
            boolean(c, u"generated"_s, columnPath, &column.generated);
            QString identityKind;
            if (string(c, u"identityKind"_s, columnPath, &identityKind)
                && !Column::identityFromName(identityKind, &column.identityKind)) {
                error(at(columnPath, u"identityKind"_s),
                      u"unknown identity kind \"%1\"; expected by_default, always, sequence or "
                      "autoincrement"_s.arg(identityKind));
            }
            if (column.identityKind != Column::Identity::None)
                column.identity = true;
            string(c, u"sequence"_s, columnPath, &column.sequence);
            string(c, u"generatedExpression"_s, columnPath, &column.generatedExpression);
            if (!column.generatedExpression.isEmpty())
                column.generated = true;
            boolean(c, u"stored"_s, columnPath, &column.generatedStored);
            string(c, u"collation"_s, columnPath, &column.collation);
            string(c, u"charset"_s, columnPath, &column.charset);
            string(c, u"comment"_s, columnPath, &column.comment);
            table->columns.append(column);
        }
    }
    strings(o, u"primaryKey"_s, path, &table->primaryKey);

    QJsonArray indexes;
    array(o, u"indexes"_s, path, &indexes);
    for (qsizetype i = 0; i < indexes.size(); ++i) {
        const QString indexPath = at(at(path, u"indexes"_s), i);
        if (!expect(indexes.at(i), QJsonValue::Object, indexPath, u"an object"_s))
            continue;
        const QJsonObject x = indexes.at(i).toObject();
        onlyKeys(x, indexPath, u"an index"_s,
                 {"name"_L1, "columns"_L1, "unique"_L1, "where"_L1, "include"_L1, "method"_L1,
                  "lengths"_L1, "descending"_L1});
        Index index;
        string(x, u"name"_s, indexPath, &index.name);
        if (!x.contains(u"columns"_s))
            error(at(indexPath, u"columns"_s), u"is required"_s);
        strings(x, u"columns"_s, indexPath, &index.columns);
        boolean(x, u"unique"_s, indexPath, &index.unique);
        string(x, u"where"_s, indexPath, &index.where);
        strings(x, u"include"_s, indexPath, &index.include);
        string(x, u"method"_s, indexPath, &index.method);
        QJsonArray lengths;
        if (array(x, u"lengths"_s, indexPath, &lengths)) {
            for (qsizetype l = 0; l < lengths.size(); ++l) {
                qint64 length = 0;
                if (wholeNumber(lengths.at(l), at(at(indexPath, u"lengths"_s), l), 0, &length))
                    index.lengths.append(int(qMin<qint64>(length, 1 << 20)));
            }
        }
        QJsonArray descending;
        if (array(x, u"descending"_s, indexPath, &descending)) {
            for (qsizetype d = 0; d < descending.size(); ++d) {
                if (expect(descending.at(d), QJsonValue::Bool, at(at(indexPath, u"descending"_s), d),
                           u"true or false"_s))
                    index.descending.append(descending.at(d).toBool());
            }
        }
        table->indexes.append(index);
    }

    QJsonArray constraints;
    array(o, u"constraints"_s, path, &constraints);
    for (qsizetype i = 0; i < constraints.size(); ++i) {
        const QString constraintPath = at(at(path, u"constraints"_s), i);
        if (!expect(constraints.at(i), QJsonValue::Object, constraintPath, u"an object"_s))
            continue;
        const QJsonObject x = constraints.at(i).toObject();
        onlyKeys(x, constraintPath, u"a constraint"_s,
                 {"kind"_L1, "name"_L1, "columns"_L1, "expression"_L1, "refTable"_L1, "refColumns"_L1,
                  "onDelete"_L1, "onUpdate"_L1, "deferrable"_L1, "initiallyDeferred"_L1});
        Constraint constraint;
        QString kind;
        if (string(x, u"kind"_s, constraintPath, &kind, true)
            && !Constraint::kindFromName(kind, &constraint.kind)) {
            error(at(constraintPath, u"kind"_s),
                  u"unknown constraint kind \"%1\"; expected primary_key, unique, check or "
                  "foreign_key"_s.arg(kind));
        }
        string(x, u"name"_s, constraintPath, &constraint.name);
        strings(x, u"columns"_s, constraintPath, &constraint.columns);
        string(x, u"expression"_s, constraintPath, &constraint.expression);
        string(x, u"refTable"_s, constraintPath, &constraint.refTable);
        strings(x, u"refColumns"_s, constraintPath, &constraint.refColumns);
        for (const auto &[key, action] : {std::pair{u"onDelete"_s, &constraint.onDelete},
                                          std::pair{u"onUpdate"_s, &constraint.onUpdate}}) {
            QString text;
            if (string(x, key, constraintPath, &text) && !Constraint::normalizeAction(text, action))
                error(at(constraintPath, key),
                      u"unknown foreign-key action \"%1\"; expected CASCADE, SET NULL, SET "
                      "DEFAULT, RESTRICT or NO ACTION"_s.arg(text));
        }
        boolean(x, u"deferrable"_s, constraintPath, &constraint.deferrable);
        boolean(x, u"initiallyDeferred"_s, constraintPath, &constraint.initiallyDeferred);
        table->constraints.append(constraint);
    }

    QJsonArray triggers;
    array(o, u"triggers"_s, path, &triggers);
    for (qsizetype i = 0; i < triggers.size(); ++i) {
        const QString triggerPath = at(at(path, u"triggers"_s), i);
        if (!expect(triggers.at(i), QJsonValue::Object, triggerPath, u"an object"_s))
            continue;
        const QJsonObject x = triggers.at(i).toObject();
        onlyKeys(x, triggerPath, u"a trigger"_s, {"name"_L1, "definition"_L1});
        Trigger trigger;
        string(x, u"name"_s, triggerPath, &trigger.name, true);
        string(x, u"definition"_s, triggerPath, &trigger.definition, true);
        table->triggers.append(trigger);
    }

    QJsonArray syncs;
    array(o, u"syncs"_s, path, &syncs);
    for (qsizetype i = 0; i < syncs.size(); ++i) {
        const QString syncPath = at(at(path, u"syncs"_s), i);
        if (!expect(syncs.at(i), QJsonValue::Object, syncPath, u"an object"_s))
            continue;
        const QJsonObject x = syncs.at(i).toObject();
        onlyKeys(x, syncPath, u"a sync"_s, {"target"_L1, "sources"_L1, "sourceColumn"_L1, "expression"_L1});
        SyncTrigger sync;
        string(x, u"target"_s, syncPath, &sync.target, true);
        strings(x, u"sources"_s, syncPath, &sync.sources);
        string(x, u"sourceColumn"_s, syncPath, &sync.sourceColumn);
        string(x, u"expression"_s, syncPath, &sync.expression);
        table->syncs.append(sync);
    }

    string(o, u"comment"_s, path, &table->comment);
    string(o, u"engine"_s, path, &table->engine);
    string(o, u"charset"_s, path, &table->charset);
    string(o, u"collation"_s, path, &table->collation);
    boolean(o, u"withoutRowid"_s, path, &table->withoutRowid);
}

void Reader::sequence(const QJsonValue &value, const QString &path, Sequence *sequence)
{
    if (!expect(value, QJsonValue::Object, path, u"an object"_s))
        return;
    const QJsonObject o = value.toObject();
    onlyKeys(o, path, u"a sequence"_s, {"name"_L1, "type"_L1, "start"_L1, "increment"_L1, "ownedBy"_L1});
    string(o, u"name"_s, path, &sequence->name, true);
    string(o, u"type"_s, path, &sequence->type);
    for (const auto &[key, target] : {std::pair{u"start"_s, &sequence->start},
                                      std::pair{u"increment"_s, &sequence->increment}}) {
        const auto it = o.constFind(key);
        if (it == o.constEnd())
            continue;
        if (!it.value().isDouble() || it.value().toDouble() != double(qint64(it.value().toDouble())))
            error(at(path, key), u"must be a whole number"_s);
        else
            *target = qint64(it.value().toDouble());
    }
    string(o, u"ownedBy"_s, path, &sequence->ownedBy);
}

void Reader::enumType(const QJsonValue &value, const QString &path, EnumType *type)
{
    if (!expect(value, QJsonValue::Object, path, u"an object"_s))
        return;
    const QJsonObject o = value.toObject();
    onlyKeys(o, path, u"an enum"_s, {"name"_L1, "values"_L1});
    string(o, u"name"_s, path, &type->name, true);
    if (!o.contains(u"values"_s))
        error(at(path, u"values"_s), u"is required"_s);
    strings(o, u"values"_s, path, &type->values);
}

void Reader::acknowledgement(const QJsonValue &value, const QString &path, Acknowledgement *ack)
{
    if (!expect(value, QJsonValue::Object, path, u"an object"_s))
        return;
    const QJsonObject o = value.toObject();
    onlyKeys(o, path, u"an acknowledgement"_s,
             {"lint"_L1, "refactoring"_L1, "step"_L1, "object"_L1, "reason"_L1});
    string(o, u"lint"_s, path, &ack->lint, true);
    string(o, u"refactoring"_s, path, &ack->refactoring);
    string(o, u"step"_s, path, &ack->step);
    string(o, u"object"_s, path, &ack->object);
    string(o, u"reason"_s, path, &ack->reason, true);
}

void Reader::shipped(const QJsonValue &value, const QString &path,
                     QMap<QString, ShippedRefactoring> *shipped)
{
    if (!expect(value, QJsonValue::Object, path, u"an object"_s))
        return;
    const QJsonObject o = value.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString entryPath = at(path, it.key());
        if (!expect(it.value(), QJsonValue::Object, entryPath, u"an object"_s))
            continue;
        const QJsonObject e = it.value().toObject();
        onlyKeys(e, entryPath, u"a shipped refactoring"_s, {"kind"_L1, "params"_L1, "steps"_L1});
        ShippedRefactoring r;
        string(e, u"kind"_s, entryPath, &r.kind, true);
        object(e, u"params"_s, entryPath, &r.params);
        if (!e.contains(u"steps"_s))
            error(at(entryPath, u"steps"_s), u"is required"_s);
        strings(e, u"steps"_s, entryPath, &r.steps);
        std::sort(r.steps.begin(), r.steps.end());
        shipped->insert(it.key(), r);
    }
}

void Reader::shippedBaseline(const QJsonValue &value, const QString &path, Release *release)
{
    if (!expect(value, QJsonValue::Object, path, u"an object"_s))
        return;
    const QJsonObject o = value.toObject();
    onlyKeys(o, path, u"a shipped baseline"_s, {"sha256"_L1, "algorithm"_L1});
    static const QRegularExpression sha256(u"^[0-9a-f]{64}$"_s);
    QString hash;
    if (string(o, u"sha256"_s, path, &hash, true) && !sha256.match(hash).hasMatch())
        error(at(path, u"sha256"_s), u"expected a sha256 as 64 lower-case hex digits, found \"%1\""_s.arg(hash));
    qint64 algorithm = 0;
    if (!o.contains(u"algorithm"_s))
        error(at(path, u"algorithm"_s), u"is required"_s);
    else
        wholeNumber(o.value(u"algorithm"_s), at(path, u"algorithm"_s), 1, &algorithm);
    if (algorithm > std::numeric_limits<int>::max()) {
        error(at(path, u"algorithm"_s), u"expected a version of the fingerprint's algorithm, found %1"_s.arg(algorithm));
        algorithm = 0;
    }
    release->baselineSha256 = hash;
    release->baselineAlgorithm = int(algorithm);
}

void Reader::historyEntry(const QJsonValue &value, const QString &path, HistoryEntry *entry)
{
    if (!expect(value, QJsonValue::Object, path, u"an object"_s))
        return;
    const QJsonObject o = value.toObject();
    onlyKeys(o, path, u"a history entry"_s, {"action"_L1, "release"_L1, "who"_L1, "when"_L1, "why"_L1});
    QString action;
    if (string(o, u"action"_s, path, &action, true)
        && !HistoryEntry::actionFromName(action, &entry->action))
        error(at(path, u"action"_s),
              u"unknown action \"%1\"; expected deployed or reopened"_s.arg(action));
    string(o, u"release"_s, path, &entry->release, true);
    string(o, u"who"_s, path, &entry->who);
    QString when;
    if (string(o, u"when"_s, path, &when)) {
        entry->when = QDateTime::fromString(when, Qt::ISODate);
        if (!entry->when.isValid())
            error(at(path, u"when"_s),
                  u"expected a UTC time as YYYY-MM-DDTHH:MM:SSZ, found \"%1\""_s.arg(when));
        else
            entry->when = entry->when.toUTC();
    }
    string(o, u"why"_s, path, &entry->why);
}

void Reader::view(const QJsonValue &value, const QString &path, View *view)
{
    if (!expect(value, QJsonValue::Object, path, u"an object"_s))
        return;
    const QJsonObject o = value.toObject();
    onlyKeys(o, path, u"a view"_s, {"name"_L1, "columns"_L1, "definition"_L1, "baseTable"_L1});
    string(o, u"name"_s, path, &view->name, true);
    strings(o, u"columns"_s, path, &view->columns);
    string(o, u"definition"_s, path, &view->definition);
    string(o, u"baseTable"_s, path, &view->baseTable);
}

void Reader::procedure(const QJsonValue &value, const QString &path, Procedure *procedure)
{
    if (!expect(value, QJsonValue::Object, path, u"an object"_s))
        return;
    const QJsonObject o = value.toObject();
    onlyKeys(o, path, u"a procedure"_s, {"name"_L1, "parameters"_L1});
    string(o, u"name"_s, path, &procedure->name, true);
    QJsonArray parameters;
    array(o, u"parameters"_s, path, &parameters);
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        const QString parameterPath = at(at(path, u"parameters"_s), i);
        if (!expect(parameters.at(i), QJsonValue::Object, parameterPath, u"an object"_s))
            continue;
        const QJsonObject p = parameters.at(i).toObject();
        onlyKeys(p, parameterPath, u"a parameter"_s, {"name"_L1, "type"_L1, "default"_L1});
        Parameter parameter;
        string(p, u"name"_s, parameterPath, &parameter.name, true);
        string(p, u"type"_s, parameterPath, &parameter.type);
        string(p, u"default"_s, parameterPath, &parameter.defaultValue);
        procedure->parameters.append(parameter);
    }
}

// A delta is {"add": [...], "remove": [...]} or a plain array that replaces the whole set.
void Reader::delta(const QJsonObject &object, const QString &key, const QString &path,
                   UsageDelta *delta)
{
    const QJsonValue value = object.value(key);
    const QString deltaPath = at(path, key);
    if (value.isArray()) {
        delta->replace = strings(value, deltaPath, &delta->add);
    } else if (value.isObject()) {
        onlyKeys(value.toObject(), deltaPath, u"a change of a set"_s, {"add"_L1, "remove"_L1});
        strings(value.toObject(), u"add"_s, deltaPath, &delta->add);
        strings(value.toObject(), u"remove"_s, deltaPath, &delta->remove);
    } else if (!value.isUndefined()) {
        error(deltaPath, u"expected an array (the whole set) or an object with \"add\" and "
                         "\"remove\", found %1"_s.arg(describe(value)));
    }
}

void Reader::usageEdit(const QJsonObject &o, const QString &path, UsageEdit *edit)
{
    onlyKeys(o, path, u"a usage edit"_s,
             {"release"_L1, "table"_L1, "procedure"_L1, "reads"_L1, "inserts"_L1, "updates"_L1,
              "honours"_L1, "passes"_L1});
    string(o, u"release"_s, path, &edit->release, true);
    string(o, u"table"_s, path, &edit->table);
    string(o, u"procedure"_s, path, &edit->procedure);
    const bool isTable = o.contains(u"table"_s);
    const bool isProcedure = o.contains(u"procedure"_s);
    if (!isTable && !isProcedure)
        error(path, u"needs \"table\" or \"procedure\""_s);
    else if (isTable && isProcedure)
        error(path, u"has both \"table\" and \"procedure\"; give one"_s);

    const QStringList tableKeys{u"reads"_s, u"inserts"_s, u"updates"_s, u"honours"_s};
    for (const QString &key : tableKeys) {
        if (isProcedure && !isTable && o.contains(key))
            error(at(path, key), u"applies to tables and views, not to procedures"_s);
    }
    if (isTable && !isProcedure && o.contains(u"passes"_s))
        error(at(path, u"passes"_s), u"applies to procedures, not to tables"_s);

    delta(o, u"reads"_s, path, &edit->reads);
    delta(o, u"inserts"_s, path, &edit->inserts);
    delta(o, u"updates"_s, path, &edit->updates);
    delta(o, u"honours"_s, path, &edit->honours);
    delta(o, u"passes"_s, path, &edit->passes);
}

void Reader::release(const QJsonValue &value, const QString &path, Release *release)
{
    if (!expect(value, QJsonValue::Object, path, u"an object"_s))
        return;
    const QJsonObject o = value.toObject();
    onlyKeys(o, path, u"a release"_s, {"id"_L1, "label"_L1, "date"_L1, "status"_L1, "shipped"_L1, "baseline"_L1});
    string(o, u"id"_s, path, &release->id, true);
    string(o, u"label"_s, path, &release->label);
    QString date;
    if (string(o, u"date"_s, path, &date)) {
        // Strict: Qt::ISODate alone would also take "2026/12/01" or a trailing time.
        release->date = QDate::fromString(date, u"yyyy-MM-dd"_s);
        if (!release->date.isValid() || release->date.toString(Qt::ISODate) != date)
            error(at(path, u"date"_s), u"expected a date as YYYY-MM-DD, found \"%1\""_s.arg(date));
    }
    QString status;
    if (string(o, u"status"_s, path, &status) && !Release::statusFromName(status, &release->status))
        error(at(path, u"status"_s),
              u"unknown status \"%1\"; expected planned, deployed or cancelled"_s.arg(status));
    if (o.contains(u"shipped"_s)) {
        release->shippedRecorded = true;
        shipped(o.value(u"shipped"_s), at(path, u"shipped"_s), &release->shipped);
        if (release->status != Release::Status::Deployed)
            error(at(path, u"shipped"_s), u"belongs to a deployed release only"_s);
        PlanJson::takeLegacyBaseline(release); // a file of an older build: "(baseline)" in "shipped"
    }
    if (o.contains(u"baseline"_s)) {
        if (!release->shippedRecorded)
            error(at(path, u"baseline"_s), u"belongs with \"shipped\": the baseline a deployed release shipped on"_s);
        shippedBaseline(o.value(u"baseline"_s), at(path, u"baseline"_s), release);
    }
}

void Reader::refactoring(const QJsonValue &value, const QString &path, Refactoring *refactoring)
{
    if (!expect(value, QJsonValue::Object, path, u"an object"_s))
        return;
    const QJsonObject o = value.toObject();
    onlyKeys(o, path, u"a refactoring"_s,
             {"id"_L1, "kind"_L1, "start"_L1, "params"_L1, "moves"_L1, "note"_L1, "after"_L1});
    string(o, u"id"_s, path, &refactoring->id, true);
    string(o, u"kind"_s, path, &refactoring->kind, true);
    string(o, u"start"_s, path, &refactoring->start, true);
    object(o, u"params"_s, path, &refactoring->params);
    QJsonObject moves;
    object(o, u"moves"_s, path, &moves);
    for (auto it = moves.constBegin(); it != moves.constEnd(); ++it) {
        const QString movePath = at(at(path, u"moves"_s), it.key());
        if (expect(it.value(), QJsonValue::String, movePath, u"a release id"_s))
            refactoring->moves.insert(it.key(), it.value().toString());
    }
    string(o, u"note"_s, path, &refactoring->note);
    strings(o, u"after"_s, path, &refactoring->after);
}

void Reader::baseline(const QJsonObject &o, const QString &path, const QString &dialect,
                      Baseline *baseline)
{
    onlyKeys(o, path, u"the baseline"_s,
             {"sql"_L1, "tables"_L1, "views"_L1, "procedures"_L1, "sequences"_L1, "enums"_L1, "rows"_L1});
    // An empty "sql" is the same as none.
    const bool hasSql = string(o, u"sql"_s, path, &baseline->sql) && !baseline->sql.isEmpty();
    for (const QString &key : {u"tables"_s, u"views"_s, u"procedures"_s, u"sequences"_s, u"enums"_s}) {
        if (hasSql && o.contains(key))
            error(at(path, key), u"cannot be given together with \"sql\""_s);
    }

    QJsonArray items;
    if (array(o, u"tables"_s, path, &items)) {
        PlanJson::schemaFromJson(items, &baseline->schema, m_errors, m_file,
                                 at(path, u"tables"_s));
    }
    if (array(o, u"views"_s, path, &items))
        PlanJson::viewsFromJson(items, &baseline->schema, m_errors, m_file, at(path, u"views"_s));
    if (array(o, u"procedures"_s, path, &items)) {
        PlanJson::proceduresFromJson(items, &baseline->schema, m_errors, m_file,
                                     at(path, u"procedures"_s));
    }
    if (array(o, u"sequences"_s, path, &items)) {
        PlanJson::sequencesFromJson(items, &baseline->schema, m_errors, m_file,
                                    at(path, u"sequences"_s));
    }
    if (array(o, u"enums"_s, path, &items))
        PlanJson::enumsFromJson(items, &baseline->schema, m_errors, m_file, at(path, u"enums"_s));

    QJsonObject rows;
    object(o, u"rows"_s, path, &rows);
    for (auto it = rows.constBegin(); it != rows.constEnd(); ++it) {
        qint64 count = 0;
        if (wholeNumber(it.value(), at(at(path, u"rows"_s), it.key()), 0, &count))
            baseline->rows.insert(it.key(), count);
    }

    // Only import DDL that has a known dialect; a bad dialect is reported on its own.
    if (hasSql && Plan::dialects().contains(dialect)) {
        QString importError;
        if (!DdlImporter::import(dialect, baseline->sql, &baseline->schema, &importError, &baseline->notes))
            error(at(path, u"sql"_s), importError);
    }
}

void Reader::usage(const QJsonValue &value, const QString &path, QList<UsageEdit> *usage)
{
    if (value.isArray()) {
        const QJsonArray edits = value.toArray();
        for (qsizetype i = 0; i < edits.size(); ++i) {
            UsageEdit edit;
            if (expect(edits.at(i), QJsonValue::Object, at(path, i), u"an object"_s)) {
                usageEdit(edits.at(i).toObject(), at(path, i), &edit);
                usage->append(edit);
            }
        }
        return;
    }
    if (!expect(value, QJsonValue::Object, path, u"an array"_s))
        return;
    // The older form {"r2": {"customer": {...}}}: one edit per release and relation. An edit
    // that passes parameters is of a procedure.
    const QJsonObject releases = value.toObject();
    for (auto r = releases.constBegin(); r != releases.constEnd(); ++r) {
        const QString releasePath = at(path, r.key());
        if (!expect(r.value(), QJsonValue::Object, releasePath, u"an object"_s))
            continue;
        const QJsonObject relations = r.value().toObject();
        for (auto t = relations.constBegin(); t != relations.constEnd(); ++t) {
            const QString editPath = at(releasePath, t.key());
            if (!expect(t.value(), QJsonValue::Object, editPath, u"an object"_s))
                continue;
            QJsonObject o = t.value().toObject();
            o.insert(u"release"_s, r.key());
            o.insert(o.contains(u"passes"_s) ? u"procedure"_s : u"table"_s, t.key());
            UsageEdit edit;
            usageEdit(o, editPath, &edit);
            usage->append(edit);
        }
    }
}

QJsonValue deltaToJson(const UsageDelta &delta)
{
    if (delta.replace)
        return QJsonArray::fromStringList(delta.add);
    QJsonObject o;
    if (!delta.add.isEmpty())
        o.insert(u"add"_s, QJsonArray::fromStringList(delta.add));
    if (!delta.remove.isEmpty())
        o.insert(u"remove"_s, QJsonArray::fromStringList(delta.remove));
    return o;
}

void insertIfSet(QJsonObject *object, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        object->insert(key, value);
}

void insertIfSet(QJsonObject *object, const QString &key, const QStringList &value)
{
    if (!value.isEmpty())
        object->insert(key, QJsonArray::fromStringList(value));
}

void insertIfSet(QJsonObject *object, const QString &key, const QJsonArray &value)
{
    if (!value.isEmpty())
        object->insert(key, value);
}

void insertIfSet(QJsonObject *object, const QString &key, const QJsonObject &value)
{
    if (!value.isEmpty())
        object->insert(key, value);
}

} // namespace

QJsonObject PlanJson::tableToJson(const Table &table)
{
    QJsonArray columns;
    for (const Column &column : table.columns) {
        QJsonObject c{{u"name"_s, column.name}};
        insertIfSet(&c, u"type"_s, column.type);
        if (!column.nullable)
            c.insert(u"nullable"_s, false);
        insertIfSet(&c, u"default"_s, column.defaultValue);
        if (column.identity)
            c.insert(u"identity"_s, true);
        if (column.generated)
            c.insert(u"generated"_s, true);
        if (column.identity && column.identityKind != Column::Identity::None)
            c.insert(u"identityKind"_s, Column::identityName(column.identityKind));
        insertIfSet(&c, u"sequence"_s, column.sequence);
        insertIfSet(&c, u"generatedExpression"_s, column.generatedExpression);
        if (column.generated && !column.generatedStored)
            c.insert(u"stored"_s, false);
        insertIfSet(&c, u"collation"_s, column.collation);
        insertIfSet(&c, u"charset"_s, column.charset);
        insertIfSet(&c, u"comment"_s, column.comment);
        columns.append(c);
    }
    QJsonArray indexes;
    for (const Index &index : table.indexes) {
        QJsonObject x{{u"columns"_s, QJsonArray::fromStringList(index.columns)}};
        insertIfSet(&x, u"name"_s, index.name);
        if (index.unique)
            x.insert(u"unique"_s, true);
        insertIfSet(&x, u"where"_s, index.where);
        insertIfSet(&x, u"include"_s, index.include);
        insertIfSet(&x, u"method"_s, index.method);
        bool anyLength = false, anyDescending = false;
        QJsonArray lengths, descending;
        for (int i = 0; i < index.columns.size(); ++i) {
            lengths.append(index.length(i));
            descending.append(index.isDescending(i));
            anyLength = anyLength || index.length(i) > 0;
            anyDescending = anyDescending || index.isDescending(i);
        }
        if (anyLength)
            x.insert(u"lengths"_s, lengths);
        if (anyDescending)
            x.insert(u"descending"_s, descending);
        indexes.append(x);
    }
    QJsonArray constraints;
    for (const Constraint &constraint : table.constraints) {
        QJsonObject x{{u"kind"_s, Constraint::kindName(constraint.kind)}};
        insertIfSet(&x, u"name"_s, constraint.name);
        insertIfSet(&x, u"columns"_s, constraint.columns);
        insertIfSet(&x, u"expression"_s, constraint.expression);
        insertIfSet(&x, u"refTable"_s, constraint.refTable);
        insertIfSet(&x, u"refColumns"_s, constraint.refColumns);
        insertIfSet(&x, u"onDelete"_s, constraint.onDelete);
        insertIfSet(&x, u"onUpdate"_s, constraint.onUpdate);
        if (constraint.deferrable)
            x.insert(u"deferrable"_s, true);
        if (constraint.initiallyDeferred)
            x.insert(u"initiallyDeferred"_s, true);
        constraints.append(x);
    }
    QJsonArray triggers;
    for (const Trigger &trigger : table.triggers)
        triggers.append(QJsonObject{{u"name"_s, trigger.name}, {u"definition"_s, trigger.definition}});
    QJsonArray syncs;
    for (const SyncTrigger &sync : table.syncs) {
        QJsonObject x{{u"target"_s, sync.target}};
        insertIfSet(&x, u"sources"_s, sync.sources);
        insertIfSet(&x, u"sourceColumn"_s, sync.sourceColumn);
        insertIfSet(&x, u"expression"_s, sync.expression);
        syncs.append(x);
    }
    QJsonObject o{{u"name"_s, table.name}, {u"columns"_s, columns}};
    insertIfSet(&o, u"primaryKey"_s, table.primaryKey);
    insertIfSet(&o, u"indexes"_s, indexes);
    insertIfSet(&o, u"constraints"_s, constraints);
    insertIfSet(&o, u"triggers"_s, triggers);
    insertIfSet(&o, u"syncs"_s, syncs);
    insertIfSet(&o, u"comment"_s, table.comment);
    insertIfSet(&o, u"engine"_s, table.engine);
    insertIfSet(&o, u"charset"_s, table.charset);
    insertIfSet(&o, u"collation"_s, table.collation);
    if (table.withoutRowid)
        o.insert(u"withoutRowid"_s, true);
    return o;
}

namespace {

// Reads an array of named items into a map, reporting a name given twice (the map would
// silently keep only one of them).
template<typename Map, typename ReadItem>
bool readNamed(const QJsonArray &items, Map *map, QList<PlanError> *errors,
               const QString &fileName, const QString &field, ReadItem readItem)
{
    using Item = std::decay_t<decltype(*map->cbegin())>; // QMap<QString, Item> or TableMap
    QList<PlanError> ignored;
    Reader reader(fileName, errors ? errors : &ignored);
    const qsizetype before = reader.errorCount();
    for (qsizetype i = 0; i < items.size(); ++i) {
        Item item;
        readItem(reader, items.at(i), at(field, i), &item);
        if (map->contains(item.name))
            reader.error(at(at(field, i), u"name"_s), u"\"%1\" is given twice"_s.arg(item.name));
        else if (!item.name.isEmpty())
            map->insert(item.name, item);
    }
    return reader.errorCount() == before;
}

// Runs one Reader call on its own; true when it reported nothing. Errors go to @p errors when
// given (callers that only want the verdict pass none).
template<typename Read>
bool readOne(QList<PlanError> *errors, const QString &fileName, Read read)
{
    QList<PlanError> ignored;
    Reader reader(fileName, errors ? errors : &ignored);
    const qsizetype before = reader.errorCount();
    read(reader);
    return reader.errorCount() == before;
}

} // namespace

bool PlanJson::read(const QByteArray &data, Plan *plan, QList<PlanError> *errors,
                    const QString &fileName)
{
    QList<PlanError> found;
    Reader reader(fileName, &found);
    const auto finish = [&] {
        if (errors)
            errors->append(found);
        return found.isEmpty();
    };

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = data.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
        reader.error({}, u"not valid JSON: %1 at line %2, column %3"_s.arg(
                             parseError.errorString(), QString::number(line),
                             QString::number(column)));
        return finish();
    }
    if (!document.isObject()) {
        reader.error({}, u"expected a JSON object at the top level"_s);
        return finish();
    }
    const QJsonObject root = document.object();

    // Tag and version first: a file that fails them is not one this build can read at all.
    QString format;
    if (!root.contains(u"format"_s)) {
        reader.error(u"format"_s, u"is missing; this is not a Tideline plan (expected \"%1\")"_s
                                      .arg(FormatTag));
        return finish();
    }
    if (!reader.string(root, u"format"_s, {}, &format))
        return finish();
    if (format != FormatTag) {
        reader.error(u"format"_s, u"expected \"%1\", found \"%2\"; this is not a Tideline plan"_s
                                      .arg(FormatTag, format));
        return finish();
    }
    qint64 version = 0;
    if (!root.contains(u"version"_s)) {
        reader.error(u"version"_s, u"is required"_s);
        return finish();
    }
    if (!reader.wholeNumber(root.value(u"version"_s), u"version"_s, 1, &version))
        return finish();
    if (version > FormatVersion) {
        reader.error(u"version"_s, u"written by a newer Tideline (format version %1; this build "
                                   "reads up to %2)"_s.arg(QString::number(version),
                                                           QString::number(FormatVersion)));
        return finish();
    }

    reader.onlyKeys(root, {}, u"a plan"_s,
                    {"format"_L1, "version"_L1, "name"_L1, "dialect"_L1, "policy"_L1, "releases"_L1,
                     "baseline"_L1, "refactorings"_L1, "usage"_L1, "statements"_L1,
                     "acknowledgements"_L1, "history"_L1});
    Plan result;
    reader.string(root, u"name"_s, {}, &result.name, true);
    if (reader.string(root, u"dialect"_s, {}, &result.dialect)
        && !Plan::dialects().contains(result.dialect)) {
        reader.error(u"dialect"_s, u"unknown dialect \"%1\"; expected one of %2"_s.arg(
                                       result.dialect, Plan::dialects().join(u", "_s)));
    }

    QJsonObject policy;
    if (reader.object(root, u"policy"_s, {}, &policy)) {
        reader.onlyKeys(policy, u"policy"_s, u"the policy"_s,
                        {"rollbackSafe"_L1, "backfillBatch"_L1, "maxContractAge"_L1, "lockTimeout"_L1,
                         "statementTimeout"_L1});
        reader.boolean(policy, u"rollbackSafe"_s, u"policy"_s, &result.policy.rollbackSafe);
        qint64 batch = result.policy.backfillBatch;
        if (policy.contains(u"backfillBatch"_s)
            && reader.wholeNumber(policy.value(u"backfillBatch"_s), u"policy.backfillBatch"_s, 1,
                                  &batch)) {
            if (batch > std::numeric_limits<int>::max())
                reader.error(u"policy.backfillBatch"_s, u"is too large"_s);
            result.policy.backfillBatch = int(batch);
        }
        qint64 age = result.policy.maxContractAge;
        if (policy.contains(u"maxContractAge"_s)
            && reader.wholeNumber(policy.value(u"maxContractAge"_s), u"policy.maxContractAge"_s, 1,
                                  &age)) {
            if (age > 1000)
                reader.error(u"policy.maxContractAge"_s, u"is too large (at most 1000 releases)"_s);
            else
                result.policy.maxContractAge = int(age);
        }
        for (auto [key, out] : {std::pair{u"lockTimeout"_s, &result.policy.lockTimeout},
                                std::pair{u"statementTimeout"_s, &result.policy.statementTimeout}}) {
            if (reader.string(policy, key, u"policy"_s, out) && !Policy::isDuration(*out))
                reader.error(u"policy."_s + key,
                             u"\"%1\" is not a duration such as \"500ms\", \"1s\" or \"2min\""_s.arg(*out));
        }
    }

    QJsonArray items;
    if (reader.array(root, u"releases"_s, {}, &items)) {
        for (qsizetype i = 0; i < items.size(); ++i) {
            Release release;
            reader.release(items.at(i), at(u"releases"_s, i), &release);
            result.releases.append(release);
        }
    }

    QJsonObject baseline;
    if (reader.object(root, u"baseline"_s, {}, &baseline))
        reader.baseline(baseline, u"baseline"_s, result.dialect, &result.baseline);

    if (reader.array(root, u"refactorings"_s, {}, &items)) {
        for (qsizetype i = 0; i < items.size(); ++i) {
            Refactoring refactoring;
            reader.refactoring(items.at(i), at(u"refactorings"_s, i), &refactoring);
            result.refactorings.append(refactoring);
        }
    }

    if (root.contains(u"usage"_s))
        reader.usage(root.value(u"usage"_s), u"usage"_s, &result.usage);

    QJsonObject statements;
    if (reader.object(root, u"statements"_s, {}, &statements)) {
        for (auto it = statements.constBegin(); it != statements.constEnd(); ++it) {
            QStringList sql;
            if (reader.strings(it.value(), at(u"statements"_s, it.key()), &sql))
                result.statements.insert(it.key(), sql);
        }
    }

    if (reader.array(root, u"acknowledgements"_s, {}, &items)) {
        for (qsizetype i = 0; i < items.size(); ++i) {
            Acknowledgement ack;
            reader.acknowledgement(items.at(i), at(u"acknowledgements"_s, i), &ack);
            result.acknowledgements.append(ack);
        }
    }

    if (reader.array(root, u"history"_s, {}, &items)) {
        for (qsizetype i = 0; i < items.size(); ++i) {
            HistoryEntry entry;
            reader.historyEntry(items.at(i), at(u"history"_s, i), &entry);
            result.history.append(entry);
        }
    }

    if (found.isEmpty() && plan)
        *plan = result;
    return finish();
}

QByteArray PlanJson::write(const Plan &plan)
{
    return QJsonDocument(toJson(plan)).toJson(QJsonDocument::Indented);
}

QByteArray PlanJson::write(const Plan &plan, const QByteArray &original)
{
    const QJsonObject now = toJson(plan);
    Plan before;
    QList<PlanError> errors;
    if (!original.isEmpty() && read(original, &before, &errors)) {
        const QByteArray text = JsonLayout::rewrite(original, toJson(before), now);
        // The layout-keeping text is taken only when it reads back as the very plan it was
        // written for; anything else (a gap in the rewriter) falls back to the canonical form:
        // a larger diff, never a different plan.
        Plan written;
        QList<PlanError> readErrors;
        if (!text.isEmpty() && read(text, &written, &readErrors) && toJson(written) == now)
            return text;
    }
    return QJsonDocument(now).toJson(QJsonDocument::Indented);
}

QJsonObject PlanJson::toJson(const Plan &plan)
{
    QJsonArray releases;
    for (const Release &release : plan.releases) {
        QJsonObject o{{u"id"_s, release.id}, {u"status"_s, Release::statusName(release.status)}};
        insertIfSet(&o, u"label"_s, release.label);
        if (release.date.isValid())
            o.insert(u"date"_s, release.date.toString(Qt::ISODate));
        if (release.shippedRecorded)
            o.insert(u"shipped"_s, shippedToJson(release.shipped));
        if (release.shippedRecorded && !release.baselineSha256.isEmpty())
            o.insert(u"baseline"_s, shippedBaselineToJson(release));
        releases.append(o);
    }

    QJsonObject baseline;
    if (!plan.baseline.sql.isEmpty()) {
        baseline.insert(u"sql"_s, plan.baseline.sql);
    } else {
        baseline.insert(u"tables"_s, schemaToJson(plan.baseline.schema));
        insertIfSet(&baseline, u"views"_s, viewsToJson(plan.baseline.schema));
        insertIfSet(&baseline, u"procedures"_s, proceduresToJson(plan.baseline.schema));
        insertIfSet(&baseline, u"sequences"_s, sequencesToJson(plan.baseline.schema));
        insertIfSet(&baseline, u"enums"_s, enumsToJson(plan.baseline.schema));
    }
    QJsonObject rows;
    for (auto it = plan.baseline.rows.constBegin(); it != plan.baseline.rows.constEnd(); ++it)
        rows.insert(it.key(), it.value());
    if (!rows.isEmpty())
        baseline.insert(u"rows"_s, rows);

    QJsonArray refactorings;
    for (const Refactoring &refactoring : plan.refactorings) {
        QJsonObject o{{u"id"_s, refactoring.id},
                      {u"kind"_s, refactoring.kind},
                      {u"start"_s, refactoring.start}};
        if (!refactoring.params.isEmpty())
            o.insert(u"params"_s, refactoring.params);
        QJsonObject moves;
        for (auto it = refactoring.moves.constBegin(); it != refactoring.moves.constEnd(); ++it)
            moves.insert(it.key(), it.value());
        if (!moves.isEmpty())
            o.insert(u"moves"_s, moves);
        insertIfSet(&o, u"note"_s, refactoring.note);
        if (!refactoring.after.isEmpty())
            o.insert(u"after"_s, QJsonArray::fromStringList(refactoring.after));
        refactorings.append(o);
    }

    QJsonArray usage;
    for (const UsageEdit &edit : plan.usage)
        usage.append(usageEditToJson(edit));

    // Timeouts are written only when they differ from the defaults, so plans stay short.
    QJsonObject policy{{u"rollbackSafe"_s, plan.policy.rollbackSafe},
                       {u"backfillBatch"_s, plan.policy.backfillBatch}};
    const Policy defaults;
    if (plan.policy.lockTimeout != defaults.lockTimeout)
        policy.insert(u"lockTimeout"_s, plan.policy.lockTimeout);
    if (plan.policy.statementTimeout != defaults.statementTimeout)
        policy.insert(u"statementTimeout"_s, plan.policy.statementTimeout);
    if (plan.policy.maxContractAge != defaults.maxContractAge)
        policy.insert(u"maxContractAge"_s, plan.policy.maxContractAge);
    QJsonObject root{
        {u"format"_s, FormatTag.toString()},
        {u"version"_s, FormatVersion},
        {u"name"_s, plan.name},
        {u"dialect"_s, plan.dialect},
        {u"policy"_s, policy},
        {u"releases"_s, releases},
        {u"baseline"_s, baseline},
        {u"refactorings"_s, refactorings},
    };
    insertIfSet(&root, u"usage"_s, usage);
    QJsonObject statements;
    for (auto it = plan.statements.constBegin(); it != plan.statements.constEnd(); ++it)
        statements.insert(it.key(), QJsonArray::fromStringList(it.value()));
    insertIfSet(&root, u"statements"_s, statements);
    QJsonArray acknowledgements;
    for (const Acknowledgement &ack : plan.acknowledgements)
        acknowledgements.append(acknowledgementToJson(ack));
    insertIfSet(&root, u"acknowledgements"_s, acknowledgements);
    QJsonArray history;
    for (const HistoryEntry &entry : plan.history)
        history.append(historyEntryToJson(entry));
    insertIfSet(&root, u"history"_s, history);
    return root;
}

QJsonArray PlanJson::schemaToJson(const Schema &schema)
{
    QJsonArray tables;
    for (const Table &table : schema.tables)
        tables.append(tableToJson(table));
    return tables;
}

bool PlanJson::schemaFromJson(const QJsonArray &tables, Schema *schema, QList<PlanError> *errors,
                              const QString &fileName, const QString &field)
{
    return readNamed(tables, &schema->tables, errors, fileName, field,
                     [](Reader &r, const QJsonValue &v, const QString &path, Table *table) {
                         r.table(v, path, table);
                     });
}

QJsonArray PlanJson::viewsToJson(const Schema &schema)
{
    QJsonArray views;
    for (const View &view : schema.views) {
        QJsonObject o{{u"name"_s, view.name}};
        insertIfSet(&o, u"columns"_s, view.columns);
        insertIfSet(&o, u"definition"_s, view.definition);
        insertIfSet(&o, u"baseTable"_s, view.baseTable);
        views.append(o);
    }
    return views;
}

bool PlanJson::viewsFromJson(const QJsonArray &views, Schema *schema, QList<PlanError> *errors,
                             const QString &fileName, const QString &field)
{
    return readNamed(views, &schema->views, errors, fileName, field,
                     [](Reader &r, const QJsonValue &v, const QString &path, View *view) {
                         r.view(v, path, view);
                     });
}

QJsonArray PlanJson::proceduresToJson(const Schema &schema)
{
    QJsonArray procedures;
    for (const Procedure &procedure : schema.procedures) {
        QJsonArray parameters;
        for (const Parameter &parameter : procedure.parameters) {
            QJsonObject p{{u"name"_s, parameter.name}};
            insertIfSet(&p, u"type"_s, parameter.type);
            insertIfSet(&p, u"default"_s, parameter.defaultValue);
            parameters.append(p);
        }
        QJsonObject o{{u"name"_s, procedure.name}};
        insertIfSet(&o, u"parameters"_s, parameters);
        procedures.append(o);
    }
    return procedures;
}

bool PlanJson::proceduresFromJson(const QJsonArray &procedures, Schema *schema,
                                  QList<PlanError> *errors, const QString &fileName,
                                  const QString &field)
{
    return readNamed(procedures, &schema->procedures, errors, fileName, field,
                     [](Reader &r, const QJsonValue &v, const QString &path, Procedure *p) {
                         r.procedure(v, path, p);
                     });
}

QJsonArray PlanJson::sequencesToJson(const Schema &schema)
{
    QJsonArray sequences;
    for (const Sequence &sequence : schema.sequences) {
        QJsonObject o{{u"name"_s, sequence.name}, {u"type"_s, sequence.type}};
        if (sequence.start != 1)
            o.insert(u"start"_s, double(sequence.start));
        if (sequence.increment != 1)
            o.insert(u"increment"_s, double(sequence.increment));
        insertIfSet(&o, u"ownedBy"_s, sequence.ownedBy);
        sequences.append(o);
    }
    return sequences;
}

bool PlanJson::sequencesFromJson(const QJsonArray &sequences, Schema *schema,
                                 QList<PlanError> *errors, const QString &fileName,
                                 const QString &field)
{
    return readNamed(sequences, &schema->sequences, errors, fileName, field,
                     [](Reader &r, const QJsonValue &v, const QString &path, Sequence *s) {
                         r.sequence(v, path, s);
                     });
}

QJsonArray PlanJson::enumsToJson(const Schema &schema)
{
    QJsonArray enums;
    for (const EnumType &type : schema.enums)
        enums.append(QJsonObject{{u"name"_s, type.name},
                                 {u"values"_s, QJsonArray::fromStringList(type.values)}});
    return enums;
}

bool PlanJson::enumsFromJson(const QJsonArray &enums, Schema *schema, QList<PlanError> *errors,
                             const QString &fileName, const QString &field)
{
    return readNamed(enums, &schema->enums, errors, fileName, field,
                     [](Reader &r, const QJsonValue &v, const QString &path, EnumType *e) {
                         r.enumType(v, path, e);
                     });
}

QJsonObject PlanJson::usageEditToJson(const UsageEdit &edit)
{
    QJsonObject o{{u"release"_s, edit.release}};
    if (edit.procedure.isEmpty())
        o.insert(u"table"_s, edit.table);
    else
        o.insert(u"procedure"_s, edit.procedure);
    const std::pair<QString, const UsageDelta *> deltas[] = {
        {u"reads"_s, &edit.reads},     {u"inserts"_s, &edit.inserts},
        {u"updates"_s, &edit.updates}, {u"honours"_s, &edit.honours},
        {u"passes"_s, &edit.passes},
    };
    for (const auto &[key, delta] : deltas) {
        if (!delta->isEmpty())
            o.insert(key, deltaToJson(*delta));
    }
    return o;
}

bool PlanJson::usageEditFromJson(const QJsonObject &object, UsageEdit *edit,
                                 QList<PlanError> *errors, const QString &fileName,
                                 const QString &field)
{
    return readOne(errors, fileName, [&](Reader &reader) { reader.usageEdit(object, field, edit); });
}

QJsonObject PlanJson::shippedToJson(const QMap<QString, ShippedRefactoring> &shipped)
{
    QJsonObject o;
    for (auto it = shipped.constBegin(); it != shipped.constEnd(); ++it) {
        QJsonObject e{{u"kind"_s, it->kind}, {u"steps"_s, QJsonArray::fromStringList(it->steps)}};
        if (!it->params.isEmpty())
            e.insert(u"params"_s, it->params);
        o.insert(it.key(), e);
    }
    return o;
}

bool PlanJson::shippedFromJson(const QJsonObject &object, QMap<QString, ShippedRefactoring> *shipped,
                               QList<PlanError> *errors, const QString &fileName,
                               const QString &field)
{
    return readOne(errors, fileName, [&](Reader &reader) { reader.shipped(object, field, shipped); });
}

QJsonObject PlanJson::shippedBaselineToJson(const Release &release)
{
    return {{u"sha256"_s, release.baselineSha256}, {u"algorithm"_s, release.baselineAlgorithm}};
}

bool PlanJson::shippedBaselineFromJson(const QJsonObject &object, Release *release, QList<PlanError> *errors,
                                       const QString &fileName, const QString &field)
{
    return readOne(errors, fileName, [&](Reader &reader) { reader.shippedBaseline(object, field, release); });
}

void PlanJson::takeLegacyBaseline(Release *release)
{
    // Builds before the release's own field kept the fingerprint among the refactorings:
    // {"(baseline)": {"kind": "baseline", "params": {"sha256": …}, "steps": []}}, made by the
    // fingerprint's algorithm 1. No catalog kind is "baseline", so no refactoring is taken.
    const auto legacy = release->shipped.constFind(u"(baseline)"_s);
    if (legacy == release->shipped.cend() || legacy->kind != u"baseline"_s)
        return;
    if (release->baselineSha256.isEmpty()) {
        release->baselineSha256 = legacy->params.value(u"sha256"_s).toString();
        release->baselineAlgorithm = release->baselineSha256.isEmpty() ? 0 : 1;
    }
    release->shipped.erase(legacy);
}

QJsonObject PlanJson::historyEntryToJson(const HistoryEntry &entry)
{
    QJsonObject o{{u"action"_s, HistoryEntry::actionName(entry.action)},
                  {u"release"_s, entry.release}};
    insertIfSet(&o, u"who"_s, entry.who);
    if (entry.when.isValid())
        o.insert(u"when"_s, entry.when.toUTC().toString(Qt::ISODate));
    insertIfSet(&o, u"why"_s, entry.why);
    return o;
}

bool PlanJson::historyEntryFromJson(const QJsonObject &object, HistoryEntry *entry,
                                    QList<PlanError> *errors, const QString &fileName,
                                    const QString &field)
{
    return readOne(errors, fileName, [&](Reader &reader) { reader.historyEntry(object, field, entry); });
}

QJsonObject PlanJson::acknowledgementToJson(const Acknowledgement &ack)
{
    QJsonObject o{{u"lint"_s, ack.lint}, {u"reason"_s, ack.reason}};
    insertIfSet(&o, u"refactoring"_s, ack.refactoring);
    insertIfSet(&o, u"step"_s, ack.step);
    insertIfSet(&o, u"object"_s, ack.object);
    return o;
}

bool PlanJson::acknowledgementFromJson(const QJsonObject &object, Acknowledgement *ack,
                                       QList<PlanError> *errors, const QString &fileName,
                                       const QString &field)
{
    return readOne(errors, fileName, [&](Reader &reader) { reader.acknowledgement(object, field, ack); });
}

} // namespace Tideline
