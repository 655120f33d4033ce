"""`build --cache DIR`: the pages MkDocs finished in an earlier build, used again when nothing
they are made of has changed.

What MkDocs makes of a page depends on nothing but:
- the page's source (the HTML the generator's template wrote, front matter and all) and its address;
- its language's settings (the navigation, the theme's settings, the shared files' names), less
  the folders a build happens to use;
- the front matter of the pages in the navigation (Material reads their settings there);
- the engine: the generator's code, the built-in theme, the portal's own templates and words,
  and the packages that render (their versions).

A page's key is a hash of all of these. A page whose key the cache holds is written from it,
byte for byte as MkDocs wrote it then; the others are built as ever and added. After a build
the cache holds exactly that build's pages. The generator still renders every page (the key is
made from its source) and Pagefind still indexes the whole site: what is saved is MkDocs' work.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from importlib import metadata
from pathlib import Path

import yaml

from .output import holds_portal, portal_folder_of

# Written into the cache folder: the build may then add and remove the files it names by key.
MARKER = ".portal-cache"
MARKER_TEXT = "Pages kept by the industrial-chain portal generator for `build --cache`: it may remove any of them.\n"
FORMAT = "1"   # raise when what a key covers changes: every kept page is then built again
_PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "pyyaml")
_ENTRY = re.compile(r"[0-9a-f]{64}\.html")
_CODE = Path(__file__).resolve().parent
_THEME = _CODE.parent / "theme"


def problem(folder: Path, root: Path) -> tuple[str, str, str, str] | None:
    """Why `folder` cannot be the cache: (expected en, zh, found en, zh), or None."""
    folder, root = folder.absolute(), root.resolve()
    if folder.exists() and not folder.is_dir():
        return ("a folder for the cache", "用作缓存的文件夹", "a file", "文件")
    folder = folder.resolve()
    if holds_portal(folder, root) or portal_folder_of(folder, root):
        return ("a folder outside the portal's content, code and theme", "门户内容、代码和主题以外的文件夹",
                str(folder), str(folder))
    if folder.is_dir() and not (folder / MARKER).is_file() and any(folder.iterdir()):
        return ("an empty folder, or a cache this generator made (its files would be removed)",
                "空文件夹，或本生成器建立的缓存（其中文件会被删除）", "a folder holding other files", "包含其他文件的文件夹")
    return None


def prepare(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def engine_digest(root: Path) -> str:
    """A hash of everything that renders a page the same for the same source and settings."""
    digest = hashlib.sha256(FORMAT.encode())
    for package in _PACKAGES:
        digest.update(f"{package}={metadata.version(package)}\n".encode())
    folders = [_CODE, _THEME] + [root / name for name in ("theme", "messages") if (root / name).resolve() != _THEME]
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder.parent)}\n".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class LanguageCache:
    """One language's kept pages: `<folder>/<key>.html`, each as MkDocs wrote it."""

    def __init__(self, folder: Path, engine: str, settings: str):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.kept = {name[:-5] for name in os.listdir(folder) if _ENTRY.fullmatch(name)}
        mine = yaml.safe_load(settings)
        for name in ("docs_dir", "site_dir"):   # a temporary folder of each build, in no page
            mine.pop(name, None)
        self.base = hashlib.sha256(engine.encode() + json.dumps(mine, sort_keys=True).encode())
        self.made: dict[str, Path] = {}   # key → the page MkDocs wrote this build
        self.used: set[str] = set()

    def navigation(self, settings_of_pages: list[tuple[str, dict]]) -> None:
        """The front matter of the pages in the navigation: part of every key."""
        self.base.update(json.dumps(settings_of_pages, sort_keys=True, ensure_ascii=False, default=str).encode())

    def key(self, address: str, source_digest: bytes) -> str:
        """The key of the page at `address` whose source has this sha256 digest."""
        digest = self.base.copy()
        digest.update(b"\0" + address.encode() + b"\0" + source_digest)
        key = digest.hexdigest()
        self.used.add(key)
        return key

    def holds(self, key: str) -> bool:
        return key in self.kept

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.html"

    def written(self, key: str, path: Path) -> None:
        self.made[key] = path

    def keep(self) -> None:
        """Add the pages MkDocs wrote this build; remove the kept pages this build did not use."""
        for key, path in self.made.items():
            if key not in self.kept and path.is_file():
                part = self.folder / f".{key}.part"
                shutil.copyfile(path, part)
                os.replace(part, self.folder / f"{key}.html")   # a build stopped halfway leaves no half page
        for key in self.kept - self.used:
            (self.folder / f"{key}.html").unlink(missing_ok=True)
