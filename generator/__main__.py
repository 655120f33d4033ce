"""Command line: python -m generator check | build | serve."""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from . import build as pipeline
from . import schema
from .report import Report, print_report
from .model import translation_coverage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Chain chief system portal generator")
    parser.add_argument("--root", type=Path, default=Path("."), help="the portal folder (holds site-config.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every content file and report every problem")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build = commands.add_parser("build", help="check, then build the site (nothing is written on error)")
    build.add_argument("--out", type=_folder, default=Path("site"), help="output folder (default: site/)")
    build.add_argument("--base-url", help="published address, overriding site-config.yml")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--one-language-at-a-time", action="store_true",
                       help="build the languages one after the other: slower, less peak memory")
    build.add_argument("--cache", type=_folder, help="a folder to keep built pages in, and take them from when unchanged")
    build.add_argument("--shard", type=_shard, help="K/N: build only the K-th of N parts of the pages, for `merge`")
    merge = commands.add_parser("merge", help="assemble the parts of `build --shard K/N` into the whole site")
    merge.add_argument("parts", type=Path, nargs="+", help="the parts' folders, one for each K of 1…N")
    merge.add_argument("--out", type=_folder, default=Path("site"), help="output folder (default: site/)")
    merge.add_argument("--base-url", help="published address, overriding site-config.yml (as given to the shards)")
    merge.add_argument("--strict", action="store_true", help="treat warnings as errors")
    new = commands.add_parser("new", help="write a commented template for a new record in the right place")
    new.add_argument("kind", choices=list(schema.KINDS))
    new.add_argument("--id", required=True, help="the new record's id (lowercase letters, digits, '-')")
    new.add_argument("--jurisdiction", help="the jurisdiction it belongs to")
    new.add_argument("--chain", help="for a project: its chain")
    new.add_argument("--name", help="its name in Chinese")
    links = commands.add_parser("links", help="check every internal link and asset of a built site")
    links.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site/)")
    csp = commands.add_parser("csp", help="print the nginx Content-Security-Policy header line for a built site")
    csp.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site/)")
    serve = commands.add_parser("serve", help="build, serve on localhost and rebuild when content changes")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--out", type=_folder, default=Path(".preview"), help="preview output folder")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    try:
        return _run(root, args)
    except KeyboardInterrupt:
        return 130
    except Exception as err:   # a fault of the generator, not of the content: say so, in one line
        if os.environ.get("PORTAL_DEBUG"):
            raise
        print(f"internal error of the generator ({type(err).__name__}: {err}); nothing was written. Please report it; "
              "PORTAL_DEBUG=1 shows where it happened. / 生成器内部错误，未写入任何内容，请报告。", file=sys.stderr)
        return 3


def _run(root: Path, args) -> int:
    if args.command == "check":
        checked = pipeline.check(root, args.strict)
        print_report(checked.report)
        if checked.portal is not None and not checked.report.failed(args.strict):
            print_summary(checked)
        return 1 if checked.report.failed(args.strict) else 0
    if args.command in ("build", "merge"):
        out = args.out if args.out.is_absolute() else Path.cwd() / args.out
        if args.command == "build":
            checked = pipeline.build(root, out, args.base_url, args.strict, side_by_side=not args.one_language_at_a_time,
                                     cache=args.cache, shard=args.shard)
        else:
            checked = pipeline.build(root, out, args.base_url, args.strict, parts=[part.resolve() for part in args.parts])
        print_report(checked.report)
        if checked.report.failed(args.strict) or checked.portal is None:
            print(f"{args.command} stopped: nothing written to {args.out} / 已停止：未写入 {args.out}", file=sys.stderr)
            return 1
        what = f"shard {args.shard} of" if getattr(args, "shard", None) else "merged" if args.command == "merge" else "built"
        print(f"{what} {len(checked.pages)} pages × 2 languages into {args.out}")
        return 0
    if args.command == "new":
        return new_record(root, args)
    if args.command in ("csp", "links") and not (args.site / "index.html").is_file():
        print(f"--site: expected a built site (a folder with index.html) (found {'nothing' if not args.site.exists() else 'no index.html'} "
              f"at {args.site})\n        应为已构建的网站（含 index.html 的文件夹）", file=sys.stderr)
        return 2
    if args.command == "csp":
        from .csp import nginx_include
        print(nginx_include(args.site), end="")
        return 0
    if args.command == "links":
        from .linkcheck import broken_links
        broken = broken_links(args.site)
        for line in broken:
            print(line, file=sys.stderr)
        print(f"{len(broken)} broken link(s) / {len(broken)} 个失效链接")
        return 1 if broken else 0
    from .output import problem
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    refused = problem(out, root)
    if refused:
        report = Report()
        report.error("--out", 0, "", *refused)
        print_report(report)
        return 2
    from .serve import serve as run_server
    return run_server(root, out, args.port)


def _folder(value: str) -> Path:
    """An output folder named on the command line; an empty name (an unset $OUT) is refused,
    where Path('') would quietly mean the current folder."""
    if not value.strip():
        raise argparse.ArgumentTypeError("expected a folder name (found nothing: is the variable set?) / 应为文件夹名称")
    return Path(value)


def _shard(value: str):
    from .shards import parse
    shard = parse(value)
    if shard is None:
        raise argparse.ArgumentTypeError(f"expected K/N, a part K of N with 1 ≤ K ≤ N, such as 2/4 (found {value!r}) "
                                         "/ 应为 K/N，如 2/4")
    return shard


def new_record(root: Path, args) -> int:
    from . import scaffold
    checked = pipeline.check(root)
    if checked.portal is None:
        print_report(checked.report)
        print("fix the errors above first / 请先修正上述错误", file=sys.stderr)
        return 1
    if not schema.ID_PATTERN.fullmatch(args.id):
        print(f"--id: expected lowercase letters, digits and '-' (found {args.id!r})", file=sys.stderr)
        return 1
    try:
        made = scaffold.draft(args.kind, checked.portal, args.id, args.jurisdiction, args.chain, args.name)
        path = scaffold.write(root, made)
    except scaffold.ScaffoldError as err:
        print(f"new {args.kind}: {err}", file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(root)}{' (appended)' if made.append else ''}")
    return 0


def print_summary(checked: pipeline.Checked) -> None:
    """A short summary an editor can paste into a pull request."""
    portal = checked.portal
    counts = Counter(record.record_type for kind in portal.by_kind.values() for record in kind.values())
    print("| kind | records |\n|---|---|")
    for kind, number in sorted(counts.items()):
        print(f"| {kind} | {number} |")
    print(f"\nerrors: {len(checked.report.errors)}, warnings: {len(checked.report.warnings)}\n")
    print("| jurisdiction | English translation coverage |\n|---|---|")
    for jid, (done, total) in translation_coverage(portal).items():
        print(f"| {jid} | {done}/{total} ({100 * done // max(total, 1)}%) |")


if __name__ == "__main__":
    sys.exit(main())
