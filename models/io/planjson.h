// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace Tideline {

/**
 * The `.tideline.json` text format (DESIGN.md §8). Reading checks the shape of every field and
 * reports errors by field path ("releases[1].status"); it also imports `baseline.sql` with the
 * plan's dialect. It does not check meaning across fields (unknown release ids, kinds,
 * parameters): that is PlanValidator's job, shared by both file formats.
 */
class PlanJson
{
public:
    static constexpr int FormatVersion = 1;

    static bool read(const QByteArray &data, Plan *plan, QList<PlanError> *errors,
                     const QString &fileName = {});
    /** Canonical, deterministic output: same plan, same bytes. */
    static QByteArray write(const Plan &plan);
    /** The plan written into `original`, the file's text as it is on disk: its key order,
     *  indentation and untouched parts stay as they are, so a one-field change is a one-line
     *  diff (JsonLayout). Canonical when `original` is empty or not a plan. */
    static QByteArray write(const Plan &plan, const QByteArray &original);
    /** The canonical JSON object of a plan (what write() indents). */
    static QJsonObject toJson(const Plan &plan);

    /** One table as an element of "baseline.tables". */
    static QJsonObject tableToJson(const Table &table);
    /** Tables as JSON ("baseline.tables"), also used by import-schema. */
    static QJsonArray schemaToJson(const Schema &schema);
    static bool schemaFromJson(const QJsonArray &tables, Schema *schema, QList<PlanError> *errors,
                               const QString &fileName, const QString &field);

    /** Views and procedures as JSON ("baseline.views", "baseline.procedures"). */
    static QJsonArray viewsToJson(const Schema &schema);
    static bool viewsFromJson(const QJsonArray &views, Schema *schema, QList<PlanError> *errors,
                              const QString &fileName, const QString &field);
    static QJsonArray proceduresToJson(const Schema &schema);
    static bool proceduresFromJson(const QJsonArray &procedures, Schema *schema,
                                   QList<PlanError> *errors, const QString &fileName,
                                   const QString &field);

    /** Sequences and enum types as JSON ("baseline.sequences", "baseline.enums"). */
    static QJsonArray sequencesToJson(const Schema &schema);
    static bool sequencesFromJson(const QJsonArray &sequences, Schema *schema,
                                  QList<PlanError> *errors, const QString &fileName,
                                  const QString &field);
    static QJsonArray enumsToJson(const Schema &schema);
    static bool enumsFromJson(const QJsonArray &enums, Schema *schema, QList<PlanError> *errors,
                              const QString &fileName, const QString &field);

    /** One hand edit of usage as an element of the "usage" list, and back. */
    static QJsonObject usageEditToJson(const UsageEdit &edit);
    static bool usageEditFromJson(const QJsonObject &object, UsageEdit *edit,
                                  QList<PlanError> *errors, const QString &fileName,
                                  const QString &field);

    /** A deployed release's "shipped" record (Release::shipped), and back. */
    static QJsonObject shippedToJson(const QMap<QString, ShippedRefactoring> &shipped);
    static bool shippedFromJson(const QJsonObject &object, QMap<QString, ShippedRefactoring> *shipped,
                                QList<PlanError> *errors, const QString &fileName,
                                const QString &field);
    /** The baseline a deployed release shipped on (Release::baselineSha256 and
     *  baselineAlgorithm): {"sha256": …, "algorithm": n}, and back. */
    static QJsonObject shippedBaselineToJson(const Release &release);
    static bool shippedBaselineFromJson(const QJsonObject &object, Release *release, QList<PlanError> *errors,
                                        const QString &fileName, const QString &field);
    /** Turns the "(baseline)" entry that older builds kept in a release's "shipped" record
     *  (kind "baseline", params {"sha256": …}) into the release's own fields, and drops it. */
    static void takeLegacyBaseline(Release *release);
    /** One element of the "history" list, and back. */
    static QJsonObject historyEntryToJson(const HistoryEntry &entry);
    static bool historyEntryFromJson(const QJsonObject &object, HistoryEntry *entry,
                                     QList<PlanError> *errors, const QString &fileName,
                                     const QString &field);

    /** One element of the "acknowledgements" list, and back. */
    static QJsonObject acknowledgementToJson(const Acknowledgement &ack);
    static bool acknowledgementFromJson(const QJsonObject &object, Acknowledgement *ack,
                                        QList<PlanError> *errors, const QString &fileName,
                                        const QString &field);
};

} // namespace Tideline
