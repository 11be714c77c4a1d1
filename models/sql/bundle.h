// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/step.h>

#include <QByteArray>
#include <QList>
#include <QString>

namespace Tideline {

class Dialect;
class Engine;

/** One script of a release bundle. */
struct BundleFile
{
    QString path;                 // relative to the bundle's folder, e.g. "pre/001-full-name-expand.sql"
    QString phase;                // "pre", "backfill", "post", "offline" (or "baseline")
    int order = 0;                // 1-based running order within the bundle
    QString refactoring;          // id; empty for the baseline
    QString step;
    QByteArray content;           // UTF-8
    bool rerunnable = true;
    QString guard;                // query: a row means "already applied"; empty when none
    bool transactional = true;    // may be wrapped in a transaction by the runner
    double estimateSeconds = 0;
    QString offlineReason;        // set for files in offline/
    QString runsIn;               // the phase whose place the file takes in the runbook: its
                                  // step's phase ("pre", "backfill", "post"); an offline file
                                  // runs there, in a maintenance window (empty: phase)
    QByteArray verify;            // checks from the engine's catalog that the file took effect
                                  // (sqitch's verify/): stops with an error naming what is not
    QByteArray revert;            // the real reverse of the file's ops (sqitch's revert/), or a
                                  // script that stops with "cannot revert …" naming why not
    bool revertible = true;       // false: revert is that refusal
    QStringList unverifiable;     // what verify cannot check (raw SQL without a guard), by
                                  // refactoring; RUNBOOK.md names them

    QString sha256() const;
};

/** The scripts of one release for one dialect, with its manifest and runbook. */
struct Bundle
{
    QString plan;
    QString release;              // release id, or "baseline"
    QString dialect;
    QList<BundleFile> files;      // in running order
    QByteArray runbook;           // RUNBOOK.md

    /** manifest.json: {"plan", "release", "dialect", "files": [...]}; deterministic bytes. */
    QByteArray manifest() const;
    /** Files of one phase folder, in order. */
    QList<const BundleFile *> phase(const QString &phaseName) const;
    /** Files that take their place in @p phaseName ("pre", "backfill", "post"), offline ones
     *  included, in order. */
    QList<const BundleFile *> runningIn(const QString &phaseName) const;
    /** The files of offline/, which need a maintenance window. */
    bool hasOffline() const { return !phase(QStringLiteral("offline")).isEmpty(); }

    /** What build() fills in. */
    enum class Detail {
        Full,    // everything
        Outline, // what the readiness review reads: each file's path, phase, order, refactoring,
                 // step, estimate, offline reason, guard and transactional flag, and the runbook;
                 // no file contents, verify or revert scripts (empty), so no "unverifiable"
    };
    /**
     * Builds the bundle of release @p releaseId ("baseline" gives S_0's DDL) from an engine
     * that has run. Returns false and sets @p error for an unknown release or a name the
     * dialect cannot keep (the same for both details).
     */
    static bool build(const Engine &engine, const QString &releaseId, const Dialect &dialect,
                      Bundle *bundle, QString *error, Detail detail = Detail::Full);
};

} // namespace Tideline
