// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

/**
 * The entry points the libFuzzer harnesses drive (tests/fuzz/fuzzmain.cpp) and the regression
 * test replays (tests/fuzz/tst_fuzzregressions.cpp): one per reader of outside input. Each takes
 * any bytes, must neither crash nor trip a sanitizer, and returns 0 (libFuzzer's convention).
 */
namespace Tideline::Fuzz {

using Entry = int (*)(const uint8_t *data, size_t size);

int planJson(const uint8_t *data, size_t size);    // PlanJson::read, the .tideline.json text
int planStore(const uint8_t *data, size_t size);   // PlanStore::open + load of a .tideline file
int ddlPostgres(const uint8_t *data, size_t size); // DdlImporter::importPostgres
int ddlSqlite(const uint8_t *data, size_t size);   // DdlImporter::importSqlite
int ddlMySql(const uint8_t *data, size_t size);    // DdlImporter::importMySql
int verifyJson(const uint8_t *data, size_t size);  // VerifyReport::load, review's --verify FILE

struct Harness
{
    const char *name; // the folder names tests/fuzz/corpus/<name> and regressions/<name>
    Entry entry;
};

/** Every harness, in a fixed order. */
extern const Harness harnesses[6];

} // namespace Tideline::Fuzz
