// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// One libFuzzer harness: TIDELINE_FUZZ_ENTRY names the entry point of fuzztargets.h it drives.
#include "fuzztargets.h"

#include <QCoreApplication>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // Qt SQL finds its drivers through the application object, as in the real programs.
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return Tideline::Fuzz::TIDELINE_FUZZ_ENTRY(data, size);
}
