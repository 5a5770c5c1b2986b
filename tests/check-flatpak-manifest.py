#!/usr/bin/python3
# Copyright 2026 The Plantdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest without building it.

Usage: check-flatpak-manifest.py [MANIFEST]

The manifest must parse as JSON, name the application id and the runtime the
project targets, run the `plantdesk` command (the executable src/app/meson.build
declares, once that file exists), point every local `dir`, `file` and `patch`
source at a path that exists, and pin every downloaded source: archives and
files with a 64-hex-digit sha256, git sources with a full commit id.

Prints one line per problem and exits 1 when there is any, 0 otherwise.
"""

import json
import os
import re
import sys

APP_ID = "org.plantdesk.Plantdesk"
COMMAND = "plantdesk"
RUNTIME = "org.gnome.Platform"
RUNTIME_VERSION = "43"
SDK = "org.gnome.Sdk"

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")
EXECUTABLE_RE = re.compile(r"\bexecutable\s*\(\s*'([^']+)'")


def declared_executables(app_meson_build):
    """Return the literal names of executable() targets in a meson.build."""
    with open(app_meson_build, encoding="utf-8") as f:
        text = f.read()
    # Drop comments so that a commented-out target does not count.
    text = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    return EXECUTABLE_RE.findall(text), text


def check_command(manifest, source_root, problems):
    command = manifest.get("command")
    if command != COMMAND:
        problems.append(f"command is {command!r}, expected {COMMAND!r}")
        return

    app_meson_build = os.path.join(source_root, "src", "app", "meson.build")
    if not os.path.isfile(app_meson_build):
        return
    names, text = declared_executables(app_meson_build)
    if command in names:
        return
    # The name may come through a variable; accept it when the literal is
    # assigned somewhere in the file and an executable() uses a variable.
    if "executable(" in text and re.search(r"=\s*'" + re.escape(command) + "'", text):
        return
    problems.append(
        f"command {command!r} is not an executable declared in src/app/meson.build "
        f"(found: {', '.join(names) or 'none'})"
    )


def check_source(module_name, source, manifest_dir, problems):
    if isinstance(source, str):
        # A JSON file holding more sources, relative to the manifest.
        if not os.path.isfile(os.path.join(manifest_dir, source)):
            problems.append(f"{module_name}: sources file {source!r} does not exist")
        return

    kind = source.get("type")
    where = f"{module_name}: {kind} source"

    if "path" in source:
        path = os.path.normpath(os.path.join(manifest_dir, source["path"]))
        if kind == "dir":
            if not os.path.isdir(path):
                problems.append(f"{where}: directory {source['path']!r} does not exist")
        elif not os.path.isfile(path):
            problems.append(f"{where}: file {source['path']!r} does not exist")
    for extra in source.get("paths", []):
        if not os.path.isfile(os.path.join(manifest_dir, extra)):
            problems.append(f"{where}: file {extra!r} does not exist")

    if kind in ("archive", "file") and "url" in source:
        sha256 = source.get("sha256", "")
        if not SHA256_RE.match(sha256):
            problems.append(f"{where} {source['url']}: sha256 must be 64 lowercase hex digits, got {sha256!r}")
    elif kind == "git":
        commit = source.get("commit", "")
        if not COMMIT_RE.match(commit):
            problems.append(f"{where} {source.get('url')}: pin a full 40-digit commit, got {commit!r}")
    elif kind in ("archive", "file", "dir", "patch") and "path" not in source and "url" not in source:
        problems.append(f"{where}: neither a path nor a url")


def check_modules(modules, manifest_dir, problems, seen):
    for module in modules:
        if isinstance(module, str):
            # A module kept in its own JSON file, relative to the manifest.
            path = os.path.join(manifest_dir, module)
            if not os.path.isfile(path):
                problems.append(f"module file {module!r} does not exist")
                continue
            with open(path, encoding="utf-8") as f:
                module = json.load(f)
            check_modules([module], os.path.dirname(path), problems, seen)
            continue

        name = module.get("name")
        if not name:
            problems.append("a module has no name")
            name = "?"
        seen.append(name)
        if not module.get("sources"):
            problems.append(f"{name}: no sources")
        for source in module.get("sources", []):
            check_source(name, source, manifest_dir, problems)
        check_modules(module.get("modules", []), manifest_dir, problems, seen)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    source_root = os.path.dirname(here)
    path = argv[1] if len(argv) > 1 else os.path.join(source_root, "flatpak", APP_ID + ".json")
    manifest_dir = os.path.dirname(os.path.abspath(path))

    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: {e}")
        return 1

    problems = []
    app_id = manifest.get("app-id", manifest.get("id"))
    if app_id != APP_ID:
        problems.append(f"app-id is {app_id!r}, expected {APP_ID!r}")
    for key, expected in (("runtime", RUNTIME), ("runtime-version", RUNTIME_VERSION), ("sdk", SDK)):
        if manifest.get(key) != expected:
            problems.append(f"{key} is {manifest.get(key)!r}, expected {expected!r}")

    check_command(manifest, source_root, problems)

    modules = []
    check_modules(manifest.get("modules", []), manifest_dir, problems, modules)
    if not modules or modules[-1] != "plantdesk":
        problems.append(f"the last module must be plantdesk, modules are {modules}")

    for problem in problems:
        print(f"{os.path.basename(path)}: {problem}")
    if problems:
        return 1
    print(f"{os.path.basename(path)}: ok ({', '.join(modules)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
