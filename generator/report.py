"""Problems found in content, collected over a whole run and reported together."""
from __future__ import annotations

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

    def format(self) -> str:
        """`path:line: field: expected … (found …)`, then the same in Chinese on the next line."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        name = f" {self.field}:" if self.field else ""
        level = "warning: " if self.warning else ""
        found_en = f" (found {self.found})" if self.found else ""
        found_zh = f"（实际为 {self.found}）" if self.found else ""
        return (f"{where}:{name} {level}expected {self.expected_en}{found_en}\n"
                f"{' ' * len(where)}  {'警告：' if self.warning else ''}应为{self.expected_zh}{found_zh}")


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)

    def error(self, path, line, field_name, expected_en, expected_zh, found=""):
        self.issues.append(Issue(str(path), line, field_name, expected_en, expected_zh, str(found)))

    def warn(self, path, line, field_name, expected_en, expected_zh, found=""):
        self.issues.append(Issue(str(path), line, field_name, expected_en, expected_zh, str(found), True))

    @property
    def errors(self) -> list[Issue]:
        return sorted(i for i in set(self.issues) if not i.warning)

    @property
    def warnings(self) -> list[Issue]:
        return sorted(i for i in set(self.issues) if i.warning)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))
