#!/usr/bin/env python3
"""Creates the Unity .meta files the package needs (an immutable package must ship every .meta).

  python3 Tools~/make-meta.py           # write missing .meta files, refresh generated import settings
  python3 Tools~/make-meta.py --check   # report problems; exit 1 if any (CI)

What gets a .meta: every file and folder Unity imports from the package: the top-level files and
folders (package.json, README.md, Runtime/, Editor/, Tests/, docs/, ...) and everything inside them,
plus everything inside Samples~/ (samples are copied into a project with their .meta files). Unity
ignores names ending in '~' or starting with '.', and build folders (bin/, obj/) are skipped too.

GUIDs are md5("com.wasserforge.wgan/" + path), so re-running is idempotent and the same on every
machine. Importers: folders DefaultImporter (folderAsset: yes), .cs MonoImporter, .asmdef
AssemblyDefinitionImporter, .md/.json/.txt/.yaml/.csv TextScriptImporter, .onnx our ScriptedImporter,
anything else DefaultImporter (the package ships no native library: ONNX Runtime comes from its own
UPM package). Metas of .onnx files are fully generated: this script rewrites them when their settings
change. The deliberately broken test fixtures (Tests/Fixtures/broken_*.onnx) carry the user data that tells the importer not to log their errors.

--check reports: missing .meta files, stale generated ones, .meta files whose asset is gone
(Unity warns about those), and duplicate GUIDs.
"""
import fnmatch
import hashlib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP_NAMES = {"bin", "obj", "TestResults", "results"}
SAMPLES = "Samples~"
IMPORTER_SCRIPT = "Editor/Unity/Import/OnnxGeneratorImporter.cs"
EXPECTED_INVALID = "wasserforge:expected-invalid"   # OnnxGeneratorImporter.ExpectedInvalid
EXPECTED_INVALID_GLOB = "Tests/Fixtures/broken_*.onnx"
TEXT_EXTENSIONS = (".md", ".json", ".txt", ".yaml", ".yml", ".csv", ".xml", ".html", ".htm", ".bytes")
TAIL = "  userData: \n  assetBundleName: \n  assetBundleVariant: \n"


def guid(rel):
    return hashlib.md5(("com.wasserforge.wgan/" + rel).encode()).hexdigest()


def is_generated(rel):
    """Metas this script owns completely (rewritten when the settings here change)."""
    return rel.lower().endswith(".onnx")


def meta_text(rel, is_dir):
    head = f"fileFormatVersion: 2\nguid: {guid(rel)}\n"
    if is_dir:
        return head + "folderAsset: yes\nDefaultImporter:\n  externalObjects: {}\n" + TAIL
    ext = os.path.splitext(rel)[1].lower()
    if ext == ".cs":
        return head + ("MonoImporter:\n  externalObjects: {}\n  serializedVersion: 2\n  defaultReferences: []\n  executionOrder: 0\n"
                       "  icon: {instanceID: 0}\n" + TAIL)
    if ext == ".asmdef":
        return head + "AssemblyDefinitionImporter:\n  externalObjects: {}\n" + TAIL
    if ext == ".onnx":
        user = EXPECTED_INVALID if fnmatch.fnmatch(rel, EXPECTED_INVALID_GLOB) else ""
        return head + ("ScriptedImporter:\n  internalIDToNameTable: []\n  externalObjects: {}\n  serializedVersion: 2\n"
                       f"  userData: {user}\n  assetBundleName: \n  assetBundleVariant: \n"
                       f"  script: {{fileID: 11500000, guid: {guid(IMPORTER_SCRIPT)}, type: 3}}\n")
    if ext in TEXT_EXTENSIONS:
        return head + "TextScriptImporter:\n  externalObjects: {}\n" + TAIL
    return head + "DefaultImporter:\n  externalObjects: {}\n" + TAIL


def hidden(name):
    return name.startswith(".") or name.endswith("~") or name in SKIP_NAMES


def walk(top, items):
    """Adds top (a folder relative to ROOT) and everything Unity imports inside it."""
    items.append((top, True))
    for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
        dirnames[:] = sorted(d for d in dirnames if not hidden(d))
        for d in dirnames:
            items.append((rel_of(os.path.join(dirpath, d)), True))
        for f in sorted(filenames):
            if f.startswith(".") or f.endswith("~") or f.endswith(".meta"):
                continue
            items.append((rel_of(os.path.join(dirpath, f)), False))


def rel_of(path):
    return os.path.relpath(path, ROOT).replace(os.sep, "/")


def wanted():
    """(relative path, is_dir) of every asset that needs a .meta, in a stable order."""
    items = []
    for name in sorted(os.listdir(ROOT)):
        if hidden(name):
            continue
        if os.path.isdir(os.path.join(ROOT, name)):
            walk(name, items)
        elif not name.endswith(".meta"):
            items.append((name, False))
    samples = os.path.join(ROOT, SAMPLES)
    if os.path.isdir(samples):
        for name in sorted(os.listdir(samples)):
            if hidden(name):
                continue
            if os.path.isdir(os.path.join(samples, name)):
                walk(SAMPLES + "/" + name, items)
            elif not name.endswith(".meta"):
                items.append((SAMPLES + "/" + name, False))
    seen, result = set(), []
    for rel, is_dir in items:
        if rel not in seen:
            seen.add(rel)
            result.append((rel, is_dir))
    return result


def existing_metas():
    """Every .meta file in the places Unity imports from (relative paths of their assets)."""
    found = []
    for name in sorted(os.listdir(ROOT)):
        if name.endswith(".meta"):
            found.append(name[:-5])
    for top in sorted(os.listdir(ROOT)):
        if (hidden(top) and top != SAMPLES) or not os.path.isdir(os.path.join(ROOT, top)):
            continue
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            dirnames[:] = sorted(d for d in dirnames if not hidden(d))
            found += [rel_of(os.path.join(dirpath, f))[:-5] for f in sorted(filenames) if f.endswith(".meta")]
    return found


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def main():
    check = "--check" in sys.argv
    items = wanted()
    wanted_set = {rel for rel, _ in items}
    problems, written = [], 0
    for rel, is_dir in items:
        path = os.path.join(ROOT, rel + ".meta")
        text = meta_text(rel, is_dir)
        if os.path.exists(path) and not (is_generated(rel) and read(path) != text):
            continue
        state = "missing .meta" if not os.path.exists(path) else "stale .meta (generated settings changed)"
        if check:
            problems.append(f"{state}: {rel}")
        else:
            with open(path, "w", newline="\n", encoding="utf-8") as f:
                f.write(text)
            written += 1
    guids = {}
    for rel in existing_metas():
        if rel not in wanted_set:
            problems.append(f"orphan .meta (its asset is gone; delete it): {rel}.meta")
        m = re.search(r"^guid: (\w+)", read(os.path.join(ROOT, rel + ".meta")), re.M)
        if not m:
            problems.append(f"no guid in: {rel}.meta")
        elif m.group(1) in guids:
            problems.append(f"duplicate guid {m.group(1)}: {guids[m.group(1)]}.meta and {rel}.meta")
        else:
            guids[m.group(1)] = rel
    for p in problems:
        print(p)
    if check:
        sys.exit(1 if problems else 0)
    print(f"wrote {written} .meta file(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
