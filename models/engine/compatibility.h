// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "usage.h"

#include <domain/schema.h>

#include <QList>
#include <QSet>
#include <QString>

namespace Tideline {

/** Why an application version does not work on a schema state (one of DESIGN.md §3's rules). */
struct Failure
{
    QString rule;   // stable id, see Compatibility::ruleIds()
    QString object; // "table.column", "table", "procedure(parameter)"
    QString message;
    bool warning = false; // rule 6 and conversion-unproven warn, the others fail
    bool operator==(const Failure &o) const
    {
        return rule == o.rule && object == o.object && message == o.message && warning == o.warning;
    }
};

/**
 * The compatibility rule of DESIGN.md §3, in one place: does application version A work on
 * schema state S? Every rule names the app version, the state and the object in its message.
 */
class Compatibility
{
public:
    struct Subject
    {
        QString appName;   // "A_2 (r2)"
        QString stateName; // "P_3 (r3 pre)"
    };

    /**
     * Checks @p app against @p state. @p others are the usages of the other versions running
     * on that state (for rule 6); @p filled lists "table.column" kept filled by backfills or
     * triggers that have run.
     */
    static QList<Failure> check(const AppUsage &app,
                                const Schema &state,
                                const QList<const AppUsage *> &others,
                                const QSet<QString> &filled,
                                const Subject &subject);

    /**
     * The same check for one table or view the app uses, and for one procedure it calls. Their
     * messages name the app and the state with placeholders until render() is called: the
     * engine reuses results for cells whose inputs for that object did not change.
     */
    static QList<Failure> checkRelation(const QString &name,
                                        const TableUsage &use,
                                        const Schema &state,
                                        const QList<const AppUsage *> &others,
                                        const QSet<QString> &filled);
    static QList<Failure> checkProcedure(const QString &name,
                                         const QSet<QString> &passed,
                                         const Schema &state);
    static void render(QList<Failure> *failures, const Subject &subject);

    /** Whether a column of type @p container can hold every value of type @p value. */
    static bool typeCanHold(const QString &container, const QString &value);
    /**
     * The values an integer type holds: "smallint" [-32768, 32767], "tinyint unsigned" [0, 255],
     * "bigserial" [-2^63, 2^63 - 1]. False for a type that is not an integer.
     */
    static bool integerRange(const QString &type, qint64 *minimum, quint64 *maximum);
    /** Lower-case, synonyms folded: "INT4" -> "integer", "character varying(5)" -> "varchar(5)".
     *  Types of other ranges stay apart: tinyint, smallint, mediumint, integer, bigint. */
    static QString normalizeType(const QString &type);
    /** The members of an enum('a','b') column type (MySQL), in order; false for another type.
     *  Quotes inside a member are written '' or \'. */
    static bool enumMembers(const QString &type, QStringList *members);
    /** The column type enum('a','b') holding @p members, as MySQL's catalog writes it. */
    static QString enumColumnType(const QStringList &members);

    static QStringList ruleIds();
    static QString ruleDescription(const QString &ruleId);

private:
    static bool typeCanHoldUncached(const QString &container, const QString &value);
};

} // namespace Tideline
