// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace Tideline {

class Engine;
struct SchemaState;

/**
 * The machine-readable shapes of the command line (DESIGN.md §9), built in the core so that
 * the CLI, the GUI and the tests agree on them. Scripts rely on these shapes: fields may be
 * added, never changed.
 */
namespace EngineJson {

/** {"ok", "cells": [{"app", "release", "phase", "required", "ok", "failures": [...]}]} */
QJsonObject compat(const Engine &engine);
/** {"release", "phase", "tables": [...], "views": [...], "procedures": [...]} */
QJsonObject schema(const Engine &engine, const SchemaState &state);
/** {"pending": [{"refactoring", "kind", "expand", "contract", "age", "status"}]} */
QJsonObject pending(const Engine &engine);
/** {"kinds": [{"kind", "title", "summary", "params": [...], "steps": [...]}]} */
QJsonObject catalog();
/** docs/catalog.md: each kind's steps laid out across releases N, N+1, … */
QString catalogMarkdown();

} // namespace EngineJson
} // namespace Tideline
