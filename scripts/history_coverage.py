#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Tideline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts the changes of a real upgrade history (a folder of SQL patch files, or files given
one by one) and the catalog kind each one is, to measure how much of a history Tideline can
plan as catalog kinds (docs/history-coverage.md). One change is one clause of an ALTER TABLE,
or one CREATE/DROP/RENAME statement; a DROP INDEX followed by a CREATE INDEX of the same table
and columns under another name is one rename_index; data statements (UPDATE/INSERT/DELETE)
are reported apart: in a plan they are the backfill of a kind or a raw_sql step.

  scripts/history_coverage.py [--list] [--catalog JSON] FILE|DIR ...

A change counts as plannable only when its kind is in the catalog: the kinds are read from
`tideline-cli catalog --json` output given with --catalog (default: run build/bin/tideline-cli).
"""
import json
import re
import subprocess
import sys
from pathlib import Path


def statements(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"--[^\n]*", " ", text)
    out, buf, quote = [], [], None
    for ch in text:
        if quote:
            buf.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in "'\"`":
            quote = ch
        if ch == ";":
            s = " ".join("".join(buf).split())
            if s:
                out.append(s)
            buf = []
        else:
            buf.append(ch)
    s = " ".join("".join(buf).split())
    if s:
        out.append(s)
    return out


def split_clauses(body):
    parts, depth, cur, quote = [], 0, [], None
    for ch in body:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in "'\"`":
            quote = ch
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def column_change(clause):
    """MODIFY/CHANGE/ALTER COLUMN: which kind (type, nullability, default, rename)."""
    c = clause.upper()
    m = re.match(r"CHANGE\s+(?:COLUMN\s+)?(\S+)\s+(\S+)", clause, re.I)
    if m and m.group(1).strip("`\"").lower() != m.group(2).strip("`\"").lower():
        return "rename_column"
    if re.match(r"ALTER\s+(COLUMN\s+)?\S+\s+SET\s+DEFAULT", c):
        return "set_default"
    if re.match(r"ALTER\s+(COLUMN\s+)?\S+\s+DROP\s+DEFAULT", c):
        return "drop_default"
    if re.match(r"ALTER\s+(COLUMN\s+)?\S+\s+SET\s+NOT\s+NULL", c):
        return "set_not_null"
    if re.match(r"ALTER\s+(COLUMN\s+)?\S+\s+DROP\s+NOT\s+NULL", c):
        return "make_nullable"
    if re.match(r"ALTER\s+(COLUMN\s+)?\S+\s+(SET\s+DATA\s+)?TYPE", c):
        return "change_type"
    if c.startswith("MODIFY") or c.startswith("CHANGE"):
        return "change_type"  # MySQL restates the whole column: type, nullability, default
    return None


def classify(stmt):
    s = stmt.strip()
    u = s.upper()
    if re.match(r"(UPDATE|INSERT|DELETE|REPLACE|TRUNCATE)\b", u):
        return [("data", s)]
    if re.match(r"CREATE\s+(TEMPORARY\s+)?TABLE", u):
        return [("create_table", s)]
    if re.match(r"DROP\s+TABLE", u):
        return [("drop_table", s)]
    if re.match(r"(RENAME\s+TABLE|ALTER\s+TABLE\s+\S+\s+RENAME\s+TO)", u):
        return [("rename_table", s)]
    if re.match(r"CREATE\s+(UNIQUE\s+)?INDEX", u):
        return [("add_index", s)]
    if re.match(r"DROP\s+INDEX", u):
        return [("drop_index", s)]
    if re.match(r"ALTER\s+INDEX\s+\S+\s+RENAME", u):
        return [("rename_index", s)]
    if re.match(r"CREATE\s+(OR\s+REPLACE\s+)?VIEW", u):
        return [("create_view", s)]
    if re.match(r"CREATE\s+SEQUENCE", u):
        return [("sequence", s)]
    if re.match(r"(ALTER|DROP)\s+SEQUENCE", u):
        return [("sequence", s)]
    if re.match(r"CREATE\s+TYPE", u):
        return [("create_enum", s)]
    if re.match(r"ALTER\s+TYPE\s+\S+\s+ADD\s+VALUE", u):
        return [("add_enum_value", s)]
    if re.match(r"COMMENT\s+ON", u):
        return [("set_comment", s)]
    if re.match(r"(CREATE|DROP)\s+(OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE|TRIGGER)", u):
        return [("routine", s)]
    if re.match(r"(BEGIN|COMMIT|START|SET|PRAGMA|SELECT|ANALYZE|VACUUM)\b", u):
        return []
    m = re.match(r"ALTER\s+TABLE\s+(?:ONLY\s+)?(\S+)\s+(.*)$", s, re.I | re.S)
    if not m:
        return [("unknown", s)]
    out = []
    for clause in split_clauses(m.group(2)):
        c = clause.upper()
        kind = None
        if re.match(r"ADD\s+(COLUMN\s+)?(?!CONSTRAINT|PRIMARY|UNIQUE|INDEX|KEY|FOREIGN|CHECK|FULLTEXT)", c):
            kind = "add_column"
        elif re.match(r"DROP\s+(COLUMN\s+)?(?!CONSTRAINT|PRIMARY|INDEX|KEY|FOREIGN|CHECK)", c):
            kind = "drop_column"
        elif re.match(r"ADD\s+(CONSTRAINT\s+\S+\s+)?PRIMARY\s+KEY", c):
            kind = "add_primary_key"
        elif re.match(r"DROP\s+PRIMARY\s+KEY", c):
            kind = "add_primary_key"  # replaced by the ADD PRIMARY KEY beside it (replace)
        elif re.match(r"ADD\s+(CONSTRAINT\s+\S+\s+)?UNIQUE", c):
            kind = "add_unique"
        elif re.match(r"ADD\s+(CONSTRAINT\s+\S+\s+)?FOREIGN\s+KEY", c):
            kind = "add_foreign_key"
        elif re.match(r"ADD\s+(CONSTRAINT\s+\S+\s+)?CHECK", c):
            kind = "add_check"
        elif re.match(r"ADD\s+(INDEX|KEY|FULLTEXT)", c):
            kind = "add_index"
        elif re.match(r"DROP\s+(INDEX|KEY)", c):
            kind = "drop_index"
        elif re.match(r"RENAME\s+(INDEX|KEY)", c):
            kind = "rename_index"
        elif re.match(r"DROP\s+(CONSTRAINT|FOREIGN\s+KEY|CHECK)", c):
            kind = "drop_constraint"
        elif re.match(r"RENAME\s+CONSTRAINT", c):
            kind = "rename_constraint"
        elif re.match(r"RENAME\s+(COLUMN\s+)?\S+\s+TO", c):
            kind = "rename_column"
        elif re.match(r"RENAME\s+TO", c):
            kind = "rename_table"
        elif re.match(r"(ENGINE|(DEFAULT\s+)?(CHARSET|CHARACTER\s+SET)|CONVERT\s+TO|(DEFAULT\s+)?COLLATE)\b", c):
            kind = "set_table_options"
        elif re.match(r"(ROW_FORMAT|AUTO_INCREMENT|COMMENT|KEY_BLOCK_SIZE)\b", c):
            kind = "table_options"  # other table options: no kind
        else:
            kind = column_change(clause) or "unknown"
        out.append((kind, f"ALTER TABLE {m.group(1)} {clause}"))
    return out


INDEX_SHAPE = re.compile(r"(?:CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(\S+)\s+ON\s+(\S+)\s*\(([^)]*)\))", re.I)
DROP_SHAPE = re.compile(r"DROP\s+INDEX\s+(?:IF\s+EXISTS\s+)?(\S+)(?:\s+ON\s+(\S+))?", re.I)


def changes_of(path):
    found = []
    for stmt in statements(path.read_text(errors="replace")):
        found.extend(classify(stmt))
    # DROP INDEX x + CREATE INDEX y (same table) in one file: a rename.
    drops = [i for i, (k, s) in enumerate(found) if k == "drop_index"]
    for i in drops:
        for j, (k, s) in enumerate(found):
            if k == "add_index" and j != i and found[i][0] == "drop_index":
                d, c = DROP_SHAPE.match(found[i][1]), INDEX_SHAPE.match(s)
                if d and c and (d.group(2) is None or d.group(2) == c.group(2)) and d.group(1) != c.group(1):
                    found[i] = ("rename_index", found[i][1] + " + " + s)
                    found[j] = ("merged", s)
                    break
    # CREATE SEQUENCE s (and ALTER SEQUENCE s OWNED BY) for a column of a table created or a
    # column added in the same file: that column's serial identity, part of that change.
    for i, (k, s) in enumerate(found):
        m = re.match(r"(?:CREATE|ALTER)\s+SEQUENCE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\S+)", s, re.I)
        if k == "sequence" and m:
            name = m.group(1).strip('"')
            if any(k2 in ("create_table", "add_column") and ("nextval('%s'" % name) in s2.replace('"', "")
                   for k2, s2 in found):
                found[i] = ("merged", s)
        # DROP SEQUENCE beside the DROP TABLE of the table it numbered: part of that drop.
        if k == "sequence" and re.match(r"DROP\s+SEQUENCE", s, re.I) and any(k2 == "drop_table" for k2, _ in found):
            found[i] = ("merged", s)
    return [(k, s) for k, s in found if k != "merged"]


def catalog_kinds(path):
    if path:
        text = Path(path).read_text()
    else:
        cli = Path(__file__).resolve().parent.parent / "build" / "bin" / "tideline-cli"
        text = subprocess.run([str(cli), "catalog", "--json"], check=True, capture_output=True, text=True).stdout
    return {k["kind"] for k in json.loads(text)["kinds"]}


def main(argv):
    listing = "--list" in argv
    catalog = None
    paths = []
    args = iter(argv)
    for a in args:
        if a == "--list":
            continue
        if a == "--catalog":
            catalog = next(args)
            continue
        p = Path(a)
        paths += sorted(p.glob("*.sql")) if p.is_dir() else [p]
    known = catalog_kinds(catalog)
    counts, total = {}, 0
    for p in paths:
        for kind, stmt in changes_of(p):
            counts[kind] = counts.get(kind, 0) + 1
            if kind != "data":
                total += 1
            if listing:
                print(f"{p.name}\t{kind}\t{stmt[:140]}")
    kinds = sum(n for k, n in counts.items() if k in known)
    for kind in sorted(counts, key=lambda k: (-counts[k], k)):
        mark = "" if kind in known or kind == "data" else "  (no catalog kind)"
        print(f"{counts[kind]:5d}  {kind}{mark}")
    print(f"files {len(paths)}; schema changes {total}; as catalog kinds {kinds} "
          f"({100.0 * kinds / max(total, 1):.1f}%); data statements {counts.get('data', 0)}")


if __name__ == "__main__":
    main(sys.argv[1:])
