// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/step.h>

#include <QMetaType>
#include <QString>

namespace Tideline {

/**
 * What the user has selected, shared by the timeline grid and every panel. It names things by
 * their plan ids (not by row numbers), so it survives a re-run of the engine after an edit.
 */
struct Selection
{
    enum class Kind {
        None,
        Release,     // release
        AppVersion,  // release ("baseline" for A_0)
        SchemaState, // release ("baseline" for S_0) and phase: Pre is P_k, Post is S_k
        Cell,        // release and phase of the state, appRelease of the app version
        Refactoring, // refactoring
        Step,        // refactoring and step
    };

    Kind kind = Kind::None;
    QString release;
    Phase phase = Phase::Post;
    QString appRelease;
    QString refactoring;
    QString step;

    bool isEmpty() const { return kind == Kind::None; }
    bool operator==(const Selection &o) const
    {
        return kind == o.kind && release == o.release && phase == o.phase
               && appRelease == o.appRelease && refactoring == o.refactoring && step == o.step;
    }
    bool operator!=(const Selection &o) const { return !(*this == o); }
};

} // namespace Tideline

Q_DECLARE_METATYPE(Tideline::Selection)
