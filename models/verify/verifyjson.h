// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

namespace Tideline {

struct VerifyResult;

/** The JSON of `tideline-cli verify --json` (docs/verify.md): one object per release. */
namespace VerifyJson {
QJsonObject toJson(const VerifyResult &result);
}

} // namespace Tideline
