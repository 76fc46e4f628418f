#!/usr/bin/env python3
"""Creates the Unity .meta files the package needs (an immutable package must ship every .meta).

  python3 Tools~/make-meta.py           # write missing .meta files
  python3 Tools~/make-meta.py --check   # list missing ones; exit 1 if any

GUIDs are derived from the package path (md5), so re-running is idempotent and the same on every
machine. Unity ignores folders ending in '~' and names starting with '.', so they get none.
Native plugins (fetched, git-ignored) get their PluginImporter settings even when absent.
"""
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOP_FILES = ["package.json", "README.md", "CHANGELOG.md", "LICENSE.md"]
TOP_DIRS = ["Runtime", "Editor", "Tests", "docs"]
PLUGINS = {
    "Runtime/Plugins/Linux/x86_64/libonnxruntime.so": ("Linux64", "Linux", "x86_64"),
    "Runtime/Plugins/Windows/x86_64/onnxruntime.dll": ("Win64", "Windows", "x86_64"),
    "Runtime/Plugins/Windows/x86_64/DirectML.dll": ("Win64", "Windows", "x86_64"),
    "Runtime/Plugins/macOS/arm64/libonnxruntime.dylib": ("OSXUniversal", "OSX", "ARM64"),
}
IMPORTER_SCRIPT = "Editor/Unity/Import/OnnxGeneratorImporter.cs"


def guid(rel):
    return hashlib.md5(("com.wasserforge.wgan/" + rel).encode()).hexdigest()


def meta_text(rel, is_dir):
    head = f"fileFormatVersion: 2\nguid: {guid(rel)}\n"
    if is_dir:
        return head + "folderAsset: yes\nDefaultImporter:\n  externalObjects: {}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n"
    ext = os.path.splitext(rel)[1].lower()
    if rel in PLUGINS:
        return head + plugin(*PLUGINS[rel])
    if ext == ".cs":
        return head + ("MonoImporter:\n  externalObjects: {}\n  serializedVersion: 2\n  defaultReferences: []\n  executionOrder: 0\n"
                       "  icon: {instanceID: 0}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n")
    if ext == ".asmdef":
        return head + "AssemblyDefinitionImporter:\n  externalObjects: {}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n"
    if ext == ".onnx":
        return head + ("ScriptedImporter:\n  internalIDToNameTable: []\n  externalObjects: {}\n  serializedVersion: 2\n  userData: \n"
                       "  assetBundleName: \n  assetBundleVariant: \n"
                       f"  script: {{fileID: 11500000, guid: {guid(IMPORTER_SCRIPT)}, type: 3}}\n")
    if ext in (".md", ".json", ".txt", ".py", ".yaml", ".csv"):
        return head + "TextScriptImporter:\n  externalObjects: {}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n"
    return head + "DefaultImporter:\n  externalObjects: {}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n"


def plugin(standalone, editor_os, cpu):
    other = {"Linux64", "Win64", "OSXUniversal"} - {standalone}
    lines = ["PluginImporter:", "  externalObjects: {}", "  serializedVersion: 2", "  iconMap: {}", "  executionOrder: {}",
             "  defineConstraints: []", "  isPreloaded: 0", "  isOverridable: 0", "  isExplicitlyReferenced: 0",
             "  validateReferences: 1", "  platformData:",
             "  - first:\n      Any: \n    second:\n      enabled: 0\n      settings: {}",
             f"  - first:\n      Editor: Editor\n    second:\n      enabled: 1\n      settings:\n        CPU: {cpu}\n        DefaultValueInitialized: true\n        OS: {editor_os}",
             f"  - first:\n      Standalone: {standalone}\n    second:\n      enabled: 1\n      settings:\n        CPU: {cpu if standalone != 'OSXUniversal' else 'ARM64'}"]
    for o in sorted(other):
        lines.append(f"  - first:\n      Standalone: {o}\n    second:\n      enabled: 0\n      settings:\n        CPU: None")
    lines += ["  userData: ", "  assetBundleName: ", "  assetBundleVariant: "]
    return "\n".join(lines) + "\n"


def wanted():
    """(relative path, is_dir) of every asset that needs a .meta."""
    items = [(f, False) for f in TOP_FILES if os.path.exists(os.path.join(ROOT, f))]
    for top in TOP_DIRS:
        if not os.path.isdir(os.path.join(ROOT, top)):
            continue
        items.append((top, True))
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not d.endswith("~") and d not in ("bin", "obj"))
            for d in dirnames:
                items.append((os.path.relpath(os.path.join(dirpath, d), ROOT), True))
            for f in sorted(filenames):
                if f.startswith(".") or f.endswith(".meta") or f.endswith(".tmp"):
                    continue
                items.append((os.path.relpath(os.path.join(dirpath, f), ROOT), False))
    for rel in PLUGINS:   # fetched libraries: their metas are committed even when the files are not present
        parts = rel.split("/")
        for i in range(2, len(parts)):
            items.append(("/".join(parts[:i]), True))
        items.append((rel, False))
    seen, result = set(), []
    for rel, is_dir in items:
        if rel not in seen:
            seen.add(rel)
            result.append((rel, is_dir))
    return result


def main():
    check = "--check" in sys.argv
    missing = []
    for rel, is_dir in wanted():
        path = os.path.join(ROOT, rel + ".meta")
        if os.path.exists(path):
            continue
        missing.append(rel)
        if not check:
            with open(path, "w", newline="\n") as f:
                f.write(meta_text(rel, is_dir))
    if check:
        for m in missing:
            print(f"missing .meta: {m}")
        sys.exit(1 if missing else 0)
    print(f"wrote {len(missing)} .meta file(s)")


if __name__ == "__main__":
    main()
