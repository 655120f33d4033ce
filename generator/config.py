"""The portal's own settings, read from site-config.yml and checked like content."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from . import languages, reader, schema, validate
from .load import RawRecord
from .model import Text, _freeze
from .report import Report, os_problem

CONFIG_FILE = "site-config.yml"
MESSAGES_FOLDER = "messages"   # a portal's own catalogues: messages/<code>.yml beside this file

# One language the portal is published in. A built-in one (zh, en) needs only its code; any
# other its tag, name and a catalogue, or a fallback for the words its catalogue lacks.
LANGUAGE = schema.Struct("language", [
    schema.F("code", schema.Str(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", "a language code: lowercase, e.g. 'fr', 'zh-hant'",
                                "语言代码：小写字母，如 'fr'、'zh-hant'", 16), "what the portal calls the language: "
             "its catalogue's name and its folder", "语言代码：界面用语文件名和网站中的文件夹名", True),
    schema.F("tag", schema.Str(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", "a BCP 47 language tag, e.g. 'zh-Hant', 'fr'",
                               "BCP 47 语言标签，如 'zh-Hant'、'fr'", 35), "its BCP 47 tag, for lang attributes",
             "BCP 47 语言标签，用于 lang 属性"),
    schema.F("name", schema.Str(max_length=40), "its name in itself, for the language switch", "语言自称，用于语言切换"),
    schema.F("content", schema.Enum({"zh": None, "en": None}, "content"), "which content text its pages show: zh "
             "(the jurisdiction's own words) or en", "页面显示的内容文本：zh（辖区原文）或 en"),
    schema.F("pending", schema.Enum({"zh": None, "en": None}, "content"), "the content text shown, marked "
             "'translation pending', where its own is missing", "缺少译文时显示并标注“待翻译”的内容文本"),
    schema.F("fallback", schema.List(schema.Str(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", "a language code", "语言代码", 16)),
             "languages whose catalogues give the interface words its own lacks, in order",
             "本语言界面用语缺少时依次采用的语言"),
    schema.F("search", schema.Str(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", "a language code", "语言代码", 16),
             "the language search segments and stems its pages as", "搜索分词与词干所用的语言"),
    schema.F("og_locale", schema.Str(r"[a-z]{2,3}_[A-Z]{2}", "a locale, e.g. 'fr_FR'", "区域代码，如 'fr_FR'", 10),
             "its OpenGraph locale", "OpenGraph 区域代码"),
    schema.F("theme", schema.Str(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", "a language of Material for MkDocs",
                                 "Material for MkDocs 支持的语言", 16), "Material for MkDocs' translation of its own "
             "buttons and labels", "Material for MkDocs 自身按钮与标签所用的译文"),
    schema.F("capitalise", schema.Bool(), "headings in title case and a label standing alone with a capital, as "
             "English sets them", "标题首字母大写（如英文）"),
    schema.F("romanise", schema.Bool(), "show a person's name in pinyin where its en text is missing",
             "缺少英文姓名时显示拼音"),
    schema.F("converted_from", schema.Str(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", "a language code", "语言代码", 16),
             "a language whose interface words this one shows in another script (zh-hant: zh)",
             "以另一种文字显示其界面用语的语言（zh-hant：zh）"),
    schema.F("converter", schema.Enum({name: None for name in languages.CONVERTERS}, "converter"),
             "the OpenCC configuration that converts them", "转换所用的 OpenCC 配置"),
])

SITE = schema.Struct("site-config", [
    schema.F("title", schema.Text(), "the portal's name", "门户名称", True),
    schema.F("description", schema.Text(), "one sentence on what the portal is", "一句话介绍", True),
    schema.F("base_url", schema.SiteAddress(), "the published address, e.g. https://org.github.io/repo/ (the site also "
             "works under any other sub-path)", "发布地址，如 https://org.github.io/repo/", True),
    schema.F("copyright", schema.Text(), "footer line", "页脚版权行"),
    schema.F("notice", schema.Text(), "a notice shown on the home page; {documents} in it is the number of policy "
             "documents the portal cites", "首页提示；其中的 {documents} 显示门户引用的政策文件数"),
    schema.F("data_licence", schema.Str(max_length=200), "the licence of the published data, by name (e.g. CC BY 4.0)",
             "公开数据的许可协议名称"),
    schema.F("data_licence_url", schema.Url(), "where the licence text is", "许可协议文本的网址"),
    schema.F("publisher", schema.Text(), "who publishes the portal and its data (the data catalog names it; the "
             "portal's name when not given)", "门户及其数据的发布机构（数据目录中注明；未填写时用门户名称）"),
    schema.F("contact_email", schema.Email(), "where re-users of the data can write", "数据使用者的联系邮箱"),
    schema.F("contact_url", schema.Url(), "a page where re-users of the data can get in touch", "数据使用者的联系页面"),
    schema.F("languages", schema.List(LANGUAGE, min_items=1, max_items=8), "the languages the portal is published "
             "in, the first at the site's root (by default zh, then en)", "门户的发布语言，第一种位于网站根目录（默认 zh、en）"),
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
    rows = language_rows(root, record.languages, data.get("languages"), report)
    for path in sorted((root / MESSAGES_FOLDER).glob("*.yml")) if (root / MESSAGES_FOLDER).is_dir() else ():
        _check_own_catalogue(root, path, report)
    if len(report.errors) > before:
        return None
    languages.use(rows)
    _check_catalogues(data.get("languages"), report)
    if len(report.errors) > before:
        return None
    base_url = record.base_url.rstrip("/") + "/"
    return SiteConfig(record.title, record.description, base_url, record.copyright, record.notice,
                      record.data_licence, record.data_licence_url, record.publisher, record.contact_email,
                      record.contact_url, record.chief_history_since, base_url)


def language_rows(root: Path, declared: tuple, raw, report: Report) -> list[languages.Language]:
    """The rows of site-config.yml's `languages` (each over its built-in row, if any); zh and
    en when there is none. Every problem is reported, with its line."""
    if not declared:
        return [dataclasses.replace(languages.BUILT_IN[code], catalogues=_own_catalogue(root, code))
                for code in languages.DEFAULT]
    rows, codes = [], [entry.code for entry in declared]
    for i, entry in enumerate(declared):
        line = raw[i].line if hasattr(raw[i], "line") else 0
        field = f"languages[{i}]"
        before = len(report.errors)
        base = languages.BUILT_IN.get(entry.code)
        given = {name: getattr(entry, name) for name in LANGUAGE.fields if getattr(entry, name) not in (None, ())}
        if base is None:
            for name in ("tag", "name"):
                if name not in given:
                    report.error(CONFIG_FILE, line, f"{field}.{name}", f"the {name} of a language that is not built in "
                                 f"({', '.join(languages.BUILT_IN)})", f"非内置语言须填写 {name}", "the field is missing",
                                 "缺少此字段")
        own = _own_catalogue(root, entry.code)
        if base is None and not own and not given.get("fallback"):
            report.error(CONFIG_FILE, line, f"{field}.code", f"a catalogue {MESSAGES_FOLDER}/{entry.code}.yml, or a "
                         "fallback language for its interface words", f"界面用语文件 {MESSAGES_FOLDER}/{entry.code}.yml，或后备语言",
                         "neither", "两者皆无")
        for other in given.get("fallback", ()):
            if other not in codes and other not in languages.BUILT_IN:
                report.error(CONFIG_FILE, line, f"{field}.fallback", f"one of the portal's languages ({', '.join(codes)})",
                             f"门户的发布语言之一（{'、'.join(codes)}）", f"'{other}'", f"'{other}'")
        if codes.count(entry.code) > 1 and codes.index(entry.code) < i:
            report.error(CONFIG_FILE, line, f"{field}.code", "a language listed once", "每种语言只列一次",
                         f"'{entry.code}' again", f"再次出现 '{entry.code}'")
        if len(report.errors) > before:
            continue
        start = base.__dict__ if base else {"code": entry.code, "search": entry.code.split("-")[0],
                                            "theme": entry.code.split("-")[0]}
        values = {**start, **given, "catalogues": own}
        values["fallback"] = tuple(values.get("fallback", ()))
        rows.append(languages.Language(**{k: v for k, v in values.items() if k in languages.Language.__dataclass_fields__}))
    return rows


def _check_own_catalogue(root: Path, path: Path, report: Report) -> None:
    """A portal's catalogue: YAML mapping each word's key to text (or, as the built-in catalogues
    do, a list of texts or a mapping of plural forms)."""
    where = str(path.relative_to(root))
    try:
        words = languages.read_catalogue(path)
    except reader.ReadError as err:
        report.error(where, err.line, "", err.expected_en, err.expected_zh, err.found, err.found_zh)
        return
    except OSError as err:
        report.error(where, 0, "", "a readable file", "可读取的文件", *os_problem(err))
        return
    if not isinstance(words, dict):
        report.error(where, 0, "", "a mapping of interface words: key: text", "界面用语映射：键: 文本",
                     *schema.show(words))
        return
    for key, value in words.items():
        parts = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
        if not all(isinstance(part, str) and schema.visible(part) for part in parts):
            report.error(where, words.lines[key], str(key), "text, a list of texts or plural forms {one: …, other: …}",
                         "文本、文本列表或复数形式 {one: …, other: …}", *schema.show(value))


def _own_catalogue(root: Path, code: str) -> tuple[Path, ...]:
    """The portal's own words in a language (messages/<code>.yml), over the built-in ones."""
    path = root / MESSAGES_FOLDER / f"{code}.yml"
    return (path,) if path.is_file() else ()


def _check_catalogues(raw, report: Report) -> None:
    """Every interface word in every language: its catalogue's, or its fallbacks'."""
    every = set(languages.catalogue("en")) | set(languages.catalogue("zh"))
    for i, language in enumerate(languages.all_languages()):
        missing = sorted(every - set(languages.catalogue(language.code)))
        if missing:
            line = raw[i].line if raw and hasattr(raw[i], "line") else 0
            shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
            report.error(CONFIG_FILE, line, f"languages[{i}].fallback", f"every interface word in {language.code}: a "
                         f"catalogue {MESSAGES_FOLDER}/{language.code}.yml holding them, or a fallback language",
                         f"{language.code} 的全部界面用语：在 {MESSAGES_FOLDER}/{language.code}.yml 中写出，或指定后备语言",
                         f"missing: {shown}", f"缺少：{shown}")
