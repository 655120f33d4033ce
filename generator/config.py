"""The portal's own settings, read from site-config.yml and checked like content."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from . import reader, schema, validate
from .load import RawRecord
from .model import Text, _freeze
from .report import Report, os_problem

CONFIG_FILE = "site-config.yml"

SITE = schema.Struct("site-config", [
    schema.F("title", schema.Text(), "the portal's name", "门户名称", True),
    schema.F("description", schema.Text(), "one sentence on what the portal is", "一句话介绍", True),
    schema.F("base_url", schema.SiteAddress(), "the published address, e.g. https://org.github.io/repo/ (the site also "
             "works under any other sub-path)", "发布地址，如 https://org.github.io/repo/", True),
    schema.F("copyright", schema.Text(), "footer line", "页脚版权行"),
    schema.F("notice", schema.Text(), "a notice shown on the home page", "首页提示"),
    schema.F("data_licence", schema.Str(max_length=200), "the licence of the published data, by name (e.g. CC BY 4.0)",
             "公开数据的许可协议名称"),
    schema.F("data_licence_url", schema.Url(), "where the licence text is", "许可协议文本的网址"),
    schema.F("publisher", schema.Text(), "who publishes the portal and its data (the data catalog names it; the "
             "portal's name when not given)", "门户及其数据的发布机构（数据目录中注明；未填写时用门户名称）"),
    schema.F("contact_email", schema.Email(), "where re-users of the data can write", "数据使用者的联系邮箱"),
    schema.F("contact_url", schema.Url(), "a page where re-users of the data can get in touch", "数据使用者的联系页面"),
    schema.F("chief_history_since", schema.Date(full=True), "count the content's git history as the record of "
             "changes of chiefs from this date on (earlier commits only set the starting point); when not given, "
             "assignments are dated by their documents only", "自该日期起，以内容的 git 修订记录作为链长变动记录（更早的提交只作为起点）；"
             "未填写时，分工只按文件日期注明"),
])


@dataclass(frozen=True)
class SiteConfig:
    title: Text
    description: Text
    base_url: str
    copyright: Text | None
    notice: Text | None
    data_licence: str | None = None
    data_licence_url: str | None = None
    publisher: Text | None = None
    contact_email: str | None = None
    contact_url: str | None = None
    chief_history_since: str | None = None
    # The address in site-config.yml, whatever `--base-url` says: what stays the same when one
    # portal is published in two places (feed entry ids).
    canonical_url: str = ""

    def with_base_url(self, base_url: str | None) -> "SiteConfig":
        if not base_url:
            return self
        return dataclasses.replace(self, base_url=base_url.rstrip("/") + "/")


def check_base_url(base_url: str) -> Report:
    """The problems of an address given on the command line (`--base-url`), as for the setting."""
    report = Report()
    problem = SITE.fields["base_url"].type.check(base_url)
    if problem:
        report.error("--base-url", 0, "", problem.expected_en, problem.expected_zh, problem.found, problem.found_zh or "")
    return report


def load_site_config(root: Path, report: Report) -> SiteConfig | None:
    path = root / CONFIG_FILE
    try:
        data = reader.parse_yaml(reader.decode(reader.read_bytes(path)))
    except FileNotFoundError:
        report.error(CONFIG_FILE, 0, "", "a site-config.yml at the top of the portal", "门户根目录下的 site-config.yml",
                     "no such file", "文件不存在")
        return None
    except reader.ReadError as err:
        report.error(CONFIG_FILE, err.line, "", err.expected_en, err.expected_zh, err.found, err.found_zh)
        return None
    except OSError as err:   # a folder, a link to nothing, no permission
        report.error(CONFIG_FILE, 0, "", "a readable file", "可读取的文件", *os_problem(err))
        return None
    before = len(report.errors)
    validate.check_struct(SITE, data, RawRecord("site-config", data, CONFIG_FILE, 1), report)
    if len(report.errors) > before:
        return None
    record = _freeze(SITE, data, CONFIG_FILE)
    base_url = record.base_url.rstrip("/") + "/"
    return SiteConfig(record.title, record.description, base_url, record.copyright, record.notice,
                      record.data_licence, record.data_licence_url, record.publisher, record.contact_email,
                      record.contact_url, record.chief_history_since, base_url)
