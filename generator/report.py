"""Problems found in content, collected over a whole run and reported together."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Issue:
    path: str
    line: int
    field: str
    expected_en: str
    expected_zh: str
    found: str = ""
    warning: bool = False
    found_zh: str = ""   # what was found, said in Chinese; the same as `found` when that is a quoted value

    def format(self) -> str:
        """`path:line: field: expected … (found …)`, then the same in Chinese on the next line."""
        where = f"{_printable(self.path)}:{self.line}" if self.line else _printable(self.path)
        name = f" {self.field}:" if self.field else ""
        level = "warning: " if self.warning else ""
        found_en = f" (found {self.found})" if self.found else ""
        found_zh = f"（实际为 {self.found_zh or self.found}）" if self.found else ""
        space = " " if self.expected_zh[:1].isascii() else ""   # 应为 content/…, 应为双语文本
        return (f"{where}:{name} {level}expected {self.expected_en}{found_en}\n"
                f"{' ' * len(where)}  {'警告：' if self.warning else ''}应为{space}{self.expected_zh}{found_zh}")


def _printable(path: str) -> str:
    """A file name as a report line shows it: a line break in a name cannot forge a line."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in path)


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)

    def error(self, path, line, field_name, expected_en, expected_zh, found="", found_zh=""):
        self.issues.append(Issue(str(path), line, field_name, expected_en, expected_zh, str(found), False, found_zh))

    def warn(self, path, line, field_name, expected_en, expected_zh, found="", found_zh=""):
        self.issues.append(Issue(str(path), line, field_name, expected_en, expected_zh, str(found), True, found_zh))

    @property
    def errors(self) -> list[Issue]:
        return sorted(i for i in set(self.issues) if not i.warning)

    @property
    def warnings(self) -> list[Issue]:
        return sorted(i for i in set(self.issues) if i.warning)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


_OS_ERRORS_ZH = {"EACCES": "没有权限", "EPERM": "不允许此操作", "ENOENT": "不存在", "ELOOP": "链接循环",
                 "EISDIR": "是文件夹而非文件", "ENOTDIR": "不是文件夹", "ENOSPC": "磁盘空间不足", "EROFS": "只读文件系统",
                 "EDQUOT": "超出磁盘配额", "EBUSY": "正被占用", "EXDEV": "跨越文件系统", "ENAMETOOLONG": "名称过长",
                 "EIO": "读写错误"}


def os_problem(err: OSError) -> tuple[str, str]:
    """What a filesystem failure was, in English and Chinese, for a report line."""
    import errno
    name = errno.errorcode.get(err.errno or 0, "")
    en = err.strerror or type(err).__name__
    return en, _OS_ERRORS_ZH.get(name, f"系统错误 {name or type(err).__name__}")


def print_report(report: Report) -> None:
    """Every problem, errors first, then a count, on standard error."""
    for issue in report.errors + report.warnings:
        print(issue.format(), file=sys.stderr)
    errors, warnings = len(report.errors), len(report.warnings)
    if errors or warnings:
        print(f"{errors} error(s), {warnings} warning(s) / {errors} 个错误，{warnings} 个警告", file=sys.stderr)
