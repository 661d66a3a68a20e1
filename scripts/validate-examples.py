#!/usr/bin/env python3
"""Validates every declaration in examples/ against schema/declaration.schema.json.

The YAML is read by policykoll itself (`policykoll dump`, one JSON value per document), so the
check sees exactly what the tool sees: YAML 1.2 scalars, dates as strings, merge keys expanded.

Usage: scripts/validate-examples.py [POLICYKOLL_BINARY]   (default: .build/debug/policykoll)
Needs the `jsonschema` package (pip install jsonschema).
"""
import json
import pathlib
import subprocess
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
binary = sys.argv[1] if len(sys.argv) > 1 else str(root / ".build" / "debug" / "policykoll")
schema = json.loads((root / "schema" / "declaration.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)

files = sorted((root / "examples").glob("*.yaml"))
if not files:
    sys.exit("no examples/*.yaml found")
problems = 0
for path in files:
    dumped = subprocess.run([binary, "dump", str(path)], capture_output=True, text=True)
    if dumped.returncode != 0:
        print(f"{path.relative_to(root)}: policykoll dump failed:\n{dumped.stderr}")
        problems += 1
        continue
    for number, line in enumerate(dumped.stdout.splitlines(), start=1):
        for error in sorted(validator.iter_errors(json.loads(line)), key=lambda e: list(e.path)):
            where = ".".join(str(part) for part in error.path) or "(document)"
            print(f"{path.relative_to(root)}: document {number}: {where}: {error.message}")
            problems += 1
print(f"{len(files)} examples checked against the schema, {problems} problem(s)")
sys.exit(1 if problems else 0)
