"""The output folder: the one place a build writes, and what it may replace there.

A build writes its site into a temporary folder beside the output and swaps it in by renames
once every step has succeeded; it deletes nothing but the site it replaces and its own
leftovers. The output is refused when replacing it would destroy what the build was not
asked to write: the portal itself or a folder holding it, the content, `/`, a file, a folder
that is not a site this generator built. Builds into one folder take turns (a lock on the
folder that holds it), so one never cleans up another's work.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path

# Written into every site, so that a later build knows the folder is one it may replace.
MARKER = ".portal-site"
MARKER_TEXT = "Built by the industrial-chain portal generator: `build --out` replaces this folder whole.\n"
# Folders of the portal an output must never be inside.
PORTAL_FOLDERS = ("content", "chains", "theme", "generator", ".git")


def problem(out: Path, root: Path) -> tuple[str, str, str, str] | None:
    """Why the site must not be written to `out`: (expected en, zh, found en, zh), or None."""
    out, root = out.absolute(), root.resolve()
    if out.is_symlink():
        return ("a folder, not a link", "文件夹而非链接", "a link", "链接")
    out = out.resolve()
    if out == Path(out.anchor):
        return ("a folder other than the root of the file system", "文件系统根目录以外的文件夹", str(out), str(out))
    if holds_portal(out, root):
        return ("a folder other than the portal's own folder or one that holds it", "门户文件夹及其上级文件夹以外的文件夹",
                "the portal's folder or one that holds it", "门户文件夹或其上级文件夹")
    inside = portal_folder_of(out, root)
    if inside:
        return (f"a folder outside the portal's {inside}/", f"门户 {inside}/ 以外的文件夹", str(out), str(out))
    if out.exists() and not out.is_dir():
        return ("a folder (a site is a folder)", "文件夹（网站是一个文件夹）", "a file", "文件")
    if out.is_dir() and os.path.ismount(out):
        return ("a folder that is not a mount point (the site replaces it by renaming)",
                        "非挂载点的文件夹（网站以重命名方式替换它）", "a mount point", "挂载点")
    if out.is_dir() and not is_site(out) and any(out.iterdir()):
        return ("an empty folder, or a site this generator built (remove the folder yourself, or choose "
                        "another)", "空文件夹，或本生成器构建的网站（请自行删除该文件夹，或另选位置）",
                        "a folder holding other files", "包含其他文件的文件夹")
    return None


def holds_portal(folder: Path, root: Path) -> bool:
    """Whether `folder` (resolved) is the portal's own folder or one that holds it."""
    return folder == root or folder in root.parents


def portal_folder_of(folder: Path, root: Path) -> str | None:
    """The portal's folder (PORTAL_FOLDERS) that `folder` (resolved) is or is inside, if any."""
    return next((name for name in PORTAL_FOLDERS if folder == root / name or root / name in folder.parents), None)


def is_site(folder: Path) -> bool:
    """A site this generator built: it has the marker, or (built before the marker was) its home
    page, sitemap and the portal's stylesheet."""
    return (folder / MARKER).is_file() or all(
        (folder / name).is_file() for name in ("index.html", "sitemap.xml", "assets/portal.css"))


def mark(site: Path) -> None:
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


@contextlib.contextmanager
def turn(out: Path):
    """Wait for any other build into a folder beside `out`, then hold the turn until done.

    The lock is on the folder that holds the output (no lock file is left behind); the
    operating system releases it when a build ends, even when killed."""
    if sys.platform == "win32":   # no fcntl: builds are not expected to run side by side there
        yield
        return
    import fcntl

    handle = os.open(out.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build beside {out} to finish / 等待同一位置的另一次构建结束", file=sys.stderr,
                  flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)   # releases the lock


def temporary_prefix(out: Path) -> str:
    return f".{out.name}.build-"


def replace(out: Path, new_site: Path) -> None:
    """Swap the new site in with renames, so a reader never sees half of either site."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        os.rename(out, old)
    os.rename(new_site, out)
    shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(out: Path) -> None:
    """Temporary folders left by a build that was killed half-way (taken under `turn`: no build
    is running that could still be using them)."""
    for stale in out.parent.glob(temporary_prefix(out) + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)
