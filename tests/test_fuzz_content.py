"""Whole content files, mutated the ways an editor's pull request can: `check` never raises,
and a portal that passes `check` always builds.

Each case runs in a forked process, so that even a crash of the process (a C library's stack
overflow) is a failing case with its description, not a dead test run. The cases come from a
fixed seed: a failure is reproduced by its number.
"""
from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import LINHAI, english_in_chinese

from generator import build as pipeline
from generator import reader

pytestmark = pytest.mark.slow   # builds whole portals (or runs programs): `pytest -m 'not slow'` leaves it out

SEED = 20261202
CASES = 360
BUILDS = 8   # of the cases that pass check, this many are built too

HOSTILE_VALUES = [
    [], {}, None, True, 0, -1, 1.5, 10**17, 1e308, "", " ", "\u200b\u200b", "a\x0cb", "x" * 5000, [["deep"]],
    {"zh": []}, {"zh": {"a": 1}}, {"zh": ""}, {"en": "only English"}, {"zh": "中", "fr": "x"}, "../../etc/passwd",
    "<script>alert(1)</script>", "２０２４-０５-２０", "2024-02-30", "9999-99-99", "=HYPERLINK(\"http://x\")",
    {"zh": "鏈", "en": "x" * 3000}, ["linhai"], {"id": "x"}, "linhai", "seafood", "Linhai", "hunаn",
]

TEXT_SNIPPETS = [
    "x: !!bool maybe", "x: !!map", "x: !binary aGk=", "x: !!python/name:os.system", "x: &a 1", "y: *a",
    "x: " + "[" * 30_000 + "]" * 30_000, "x: " + "{a: " * 70 + "1" + "}" * 70, "\tx: 1", "x: 1\r", "x: \"\\f\"",
    "x: \"\\ud800\"", "---", "%YAML 1.1", "? [a, b]\n: 1", "x: " + "9" * 5000, "x: 1.0e400", "x: \x0c",
    "x: \u2028", "x: \u202e", "<<: {a: 1}", "x: >-\n  " + "长" * 100, "- " * 40 + "x", "x: [a, b", "x: 'open",
]


def _text_of(path: Path):
    """A content file's data, as plain JSON-like values (for structural mutations)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        page = reader.parse_front_matter(text)
        return json.loads(json.dumps(page.meta)), page.body
    return json.loads(json.dumps(reader.parse_yaml(text))), None


def _write(path: Path, data, body) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{text}---\n{body}" if body is not None else text, encoding="utf-8")


def _paths(value, at=()):
    yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, at + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, at + (i,))


def _replace(value, at, new):
    if not at:
        return new
    head, rest = at[0], at[1:]
    if isinstance(value, dict):
        return {k: (_replace(v, rest, new) if k == head else v) for k, v in value.items()}
    return [(_replace(v, rest, new) if i == head else v) for i, v in enumerate(value)]


def _structural(rng: random.Random, root: Path) -> str:
    path = rng.choice(_content_files(root))
    data, body = _text_of(path)
    at = rng.choice(list(_paths(data)))
    new = rng.choice(HOSTILE_VALUES + ["<delete>", "<unknown key>", "<wrap in list>"])
    if new == "<delete>" and at:
        parent = _get(data, at[:-1])
        if isinstance(parent, dict):
            parent.pop(at[-1])
        else:
            parent.pop(at[-1])
    elif new == "<unknown key>":
        target = _get(data, at)
        if isinstance(target, dict):
            target["unexpected"] = "x"
    elif new == "<wrap in list>":
        data = _replace(data, at, [_get(data, at)])
    else:
        data = _replace(data, at, new)
    _write(path, data, body)
    return f"{path.relative_to(root)} at {list(at)} ← {new!r:.60}"


def _get(value, at):
    for key in at:
        value = value[key]
    return value


def _textual(rng: random.Random, root: Path) -> str:
    path = rng.choice(_content_files(root))
    lines = path.read_text(encoding="utf-8").split("\n")
    snippet = rng.choice(TEXT_SNIPPETS)
    where = rng.randrange(len(lines))
    indent = lines[where][: len(lines[where]) - len(lines[where].lstrip())]
    lines.insert(where, indent + snippet)
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    return f"{path.relative_to(root)}: line {where + 1} ← {snippet!r:.60}"


def _encoding(rng: random.Random, root: Path) -> str:
    path = rng.choice(_content_files(root))
    text = path.read_text(encoding="utf-8")
    how = rng.choice(["utf-16", "gbk", "big5", "latin-1 bytes", "cut in a character", "NUL", "BOM twice"])
    if how in ("utf-16", "gbk", "big5"):
        raw = text.encode(how, errors="replace")
    elif how == "latin-1 bytes":
        raw = text.encode("utf-8") + bytes(range(128, 256))
    elif how == "cut in a character":
        raw = text.encode("utf-8")
        raw = raw[: raw.index("縣".encode()) + 1] if "縣" in text else raw + "鏈".encode()[:2]
    elif how == "NUL":
        raw = text.encode("utf-8") + b"\x00"
    else:
        raw = ("\ufeff\ufeff" + text).encode("utf-8")
    path.write_bytes(raw)
    return f"{path.relative_to(root)} as {how}"


def _naming(rng: random.Random, root: Path) -> str:
    path = rng.choice(_content_files(root))
    how = rng.choice(["upper-case extension", "hidden", "space", "newline", "misspelt folder", "extra folder",
                      "orphan English", "dangling link", "link loop", "file to folder", "folder to file",
                      "config folder", ".yaml", "chain in another folder", "link to a folder", "empty folder"])
    rel = path.relative_to(root)
    if how == "upper-case extension":
        path.rename(path.with_suffix(path.suffix.upper()))
    elif how == "hidden":
        path.rename(path.with_name("." + path.name))
    elif how == "space":
        path.rename(path.with_name("a b " + path.name))
    elif how == "newline":
        path.rename(path.with_name("a\nb" + path.name))
    elif how == "misspelt folder":
        (root / "content" / "project").mkdir(exist_ok=True)
        shutil.move(str(root / "content" / "projects"), str(root / "content" / "project" / "x"))
    elif how == "extra folder":
        (root / "content" / "extras").mkdir()
        (root / "content" / "extras" / "a.yml").write_text("a: 1\n", encoding="utf-8")
    elif how == "orphan English":
        (root / "content" / "policies" / "ghost.en.md").write_text("text\n", encoding="utf-8")
    elif how == "dangling link":
        os.symlink(root / "nowhere.yml", path.with_name("dangling" + path.suffix))
    elif how == "link loop":
        os.symlink(path.with_name("loop" + path.suffix), path.with_name("loop" + path.suffix))
    elif how == "file to folder":
        path.unlink()
        path.mkdir()
    elif how == "folder to file":
        shutil.rmtree(path.parent)
        path.parent.write_text("x\n", encoding="utf-8")
    elif how == "config folder":
        (root / "site-config.yml").unlink()
        (root / "site-config.yml").mkdir()
    elif how == ".yaml":
        path.rename(path.with_suffix(".yaml") if path.suffix == ".yml" else path)
    elif how == "chain in another folder":
        chain = root / "chains" / "linhai" / "seafood.yml"
        (root / "chains" / "elsewhere").mkdir(exist_ok=True)
        chain.rename(root / "chains" / "elsewhere" / "seafood.yml")
    elif how == "link to a folder":
        os.symlink(root / "content" / "units", root / "content" / "people" / "linked")
    else:
        (root / "content" / "tasks" / "empty").mkdir()
    return f"{rel}: {how}"


def _content_files(root: Path) -> list[Path]:
    return sorted(p for p in list(root.glob("content/*/*")) + list(root.glob("chains/*/*")) + [root / "site-config.yml"]
                  if p.is_file() and p.suffix in (".yml", ".md"))


MUTATORS = [_structural] * 5 + [_textual] * 3 + [_encoding, _naming]


def _case(number: int, root: Path) -> str:
    rng = random.Random(SEED * 1000 + number)
    return rng.choice(MUTATORS)(rng, root)


def in_child(job):
    """Run `job` in a forked process and return its result; a crash of that process, or an
    exception in it, is a RuntimeError here with what happened."""
    import multiprocessing
    import traceback

    receive, send = multiprocessing.Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:   # the child: never returns into pytest
        try:
            send.send(("ok", job()))
        except BaseException:
            send.send(("error", traceback.format_exc()))
        finally:
            os._exit(0)
    send.close()
    try:
        status, value = receive.recv()
    except EOFError:
        status, value = "error", "the process died"
    _, code = os.waitpid(pid, 0)
    if status != "ok":
        raise RuntimeError(f"{value} (exit status {code})")
    return value


def _check_case(number: int, tmp: Path) -> tuple[str, list[str], str]:
    root = tmp / f"case-{number}"
    shutil.copytree(LINHAI, root)
    description = _case(number, root)
    checked = pipeline.check(root)
    return description, [i.format() for i in checked.report.errors], ""


def test_check_never_raises_and_names_every_problem(tmp_path):
    passing = []
    for number in range(CASES):
        try:
            description, errors, _ = in_child(lambda n=number: _check_case(n, tmp_path))
        except RuntimeError as crash:
            pytest.fail(f"case {number} ({_describe(number, tmp_path)}): check crashed:\n{crash}")
        for line in errors:
            first = line.split("\n")[0]
            assert ": expected " in first and "应为" in line, (number, description, line)
            assert "Traceback" not in line and "internal error" not in line, (number, description, line)
            assert not english_in_chinese(line), (number, description, line)
        if not errors:
            passing.append((number, description))
    assert len(passing) > BUILDS, "the mutations should leave some portals valid"
    print(f"{len(passing)} of {CASES} mutated portals passed check")
    for number, description in passing[:BUILDS]:
        out = tmp_path / f"site-{number}"

        def build(number=number, out=out):
            root = tmp_path / f"build-{number}"
            shutil.copytree(LINHAI, root)
            _case(number, root)
            return [i.format() for i in pipeline.build(root, out).report.errors]

        try:
            errors = in_child(build)
        except RuntimeError as crash:
            pytest.fail(f"case {number} ({description}) passed check and its build crashed:\n{crash}")
        assert not errors, (number, description, errors)
        assert (out / "index.html").is_file() and (out / "en" / "index.html").is_file()


def _describe(number: int, tmp: Path) -> str:
    root = tmp / f"describe-{number}"
    shutil.copytree(LINHAI, root)
    try:
        return _case(number, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
