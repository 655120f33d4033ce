"""The languages a portal is published in: one row each, and the interface words of each.

A language is data: a row (its code, BCP 47 tag, folder, search language, fallbacks) and a
message catalogue (theme/messages/<code>.yml, or the portal's own messages/<code>.yml). A
third language is one more row in site-config.yml and one more catalogue; no code changes.

Content is written in two texts, `{zh: …, en: …}`: the jurisdiction's own words and their
English. A language row says which of them it shows (`content`) and which it shows, marked
"translation pending", when that one is missing (`pending`).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MESSAGES = Path(__file__).resolve().parent.parent / "theme" / "messages"


@dataclass(frozen=True)
class Language:
    code: str                 # what the portal calls it: site-config, catalogues, templates
    tag: str                  # BCP 47: every lang attribute, hreflang, a file's language
    name: str                 # its own name, in the language switch
    prefix: str = ""          # its folder in the site; "" for the first language
    content: str = "zh"       # which content text its pages show
    pending: str | None = None  # shown, marked, when that text is missing
    fallback: tuple[str, ...] = ()  # catalogues asked, in order, for a word its own lacks
    search: str = ""          # the language Pagefind segments and stems its pages as
    og_locale: str = ""       # OpenGraph's language_TERRITORY
    theme: str = "en"         # Material's own interface words (partials/languages/<theme>.html)
    capitalise: bool = False  # headings in title case, a label standing alone with a capital
    romanise: bool = False    # a name without its `en` text is shown romanised (pinyin)
    # A script of another language's words (zh-Hant of zh): its interface words are that
    # language's, converted by OpenCC with this configuration, then its own catalogue's (the
    # reviewed list of words the converter gets wrong).
    converted_from: str | None = None
    converter: str = ""
    catalogues: tuple[Path, ...] = field(default=(), compare=False)


BUILT_IN = {
    "zh": Language("zh", "zh-Hans", "中文", content="zh", search="zh", og_locale="zh_CN", theme="zh"),
    "en": Language("en", "en", "English", content="en", pending="zh", search="en", og_locale="en_US", theme="en",
                   capitalise=True, romanise=True),
    # Traditional script, character by character in Taiwan's standard forms (OpenCC's s2tw,
    # which puts no regional vocabulary in place of the portal's terms). Content is shown as its
    # jurisdiction wrote it.
    "zh-hant": Language("zh-hant", "zh-Hant", "繁體中文", content="zh", search="zh", og_locale="zh_TW",
                        theme="zh-Hant", converted_from="zh", converter="s2tw"),
}
DEFAULT = ("zh", "en")
# OpenCC's configurations from Simplified: character by character, or with the regional
# variants and phrases of Taiwan and Hong Kong.
CONVERTERS = ("s2t", "s2tw", "s2twp", "s2hk")

# The portal's languages, in order, the first at the site's root. Set once, when site-config.yml
# is read (config.load_site_config), before anything is rendered; forked workers inherit it.
_active: dict[str, Language] = {}
# What every text on every page asks, as plain lookups (a function call per text showed in the
# rendering time): the content text a language shows, whether it capitalises.
CONTENT = {code: row.content for code, row in BUILT_IN.items()}
CAPITALISE = {code for code, row in BUILT_IN.items() if row.capitalise}


def use(rows: list[Language]) -> None:
    """Publish in these languages (the first at the root, each other in a folder of its own)."""
    _active.clear()
    for i, row in enumerate(rows):
        prefix = "" if i == 0 else (row.prefix or f"{row.code}/")
        _active[row.code] = Language(**{**row.__dict__, "prefix": prefix})
        CONTENT[row.code] = row.content
        (CAPITALISE.add if row.capitalise else CAPITALISE.discard)(row.code)
    WORDS.clear()


def all_languages() -> list[Language]:
    if not _active:
        use([BUILT_IN[code] for code in DEFAULT])
    return list(_active.values())


def get(code: str) -> Language:
    """A language's row (asked for every text on every page: a lookup, nothing more)."""
    language = _active.get(code)
    if language is None:
        all_languages()
        language = _active.get(code) or BUILT_IN[code]
    return language


def codes() -> list[str]:
    return [language.code for language in all_languages()]


def prefixes() -> dict[str, str]:
    """Each language's folder in the site, by code."""
    return {language.code: language.prefix for language in all_languages()}


WORDS: dict[str, dict] = {}   # each language's catalogue, once read: ui() looks words up here


def catalogue(code: str) -> dict:
    """One language's interface words: its own catalogue, then each of its fallbacks'."""
    if code not in WORDS:
        WORDS[code] = _read_catalogue(code)
    return WORDS[code]


def _read_catalogue(code: str) -> dict:
    language = get(code)
    words: dict = {}
    for fallback in reversed(language.fallback):
        words.update(catalogue(fallback))
    if language.converted_from:
        words.update(convert(catalogue(language.converted_from), language.converter))
    built_in = MESSAGES / f"{code}.yml"
    if built_in.is_file():
        words.update(yaml.safe_load(built_in.read_text(encoding="utf-8")) or {})
    for path in language.catalogues:   # the portal's, checked when site-config.yml was read
        words.update(read_catalogue(path))
    return words


def read_catalogue(path: Path) -> dict:
    """A portal's catalogue, read as content is (YAML 1.2: `no` stays text; line numbers kept).
    Raises reader.ReadError."""
    from . import reader
    return reader.parse_yaml(reader.decode(reader.read_bytes(path))) or {}


def pick(choices: dict[str, str], code: str) -> str:
    """Of words written in code (`{"zh": …, "en": …}`), the language's own (or converted from
    the language it is a script of), else its fallbacks', else English: the schema's
    descriptions, the kinds' names."""
    language = get(code)
    if code not in choices and language.converted_from in choices:
        return convert(choices[language.converted_from], language.converter)
    for each in (code, *language.fallback, "en"):
        if each in choices:
            return choices[each]
    return next(iter(choices.values()))


def convert(words, configuration: str):
    """Words, or a catalogue of them (strings inside dicts and lists), in another script."""
    if isinstance(words, str):
        return _convert_text(words, configuration)
    if isinstance(words, dict):
        return {key: convert(value, configuration) for key, value in words.items()}
    if isinstance(words, list):
        return [convert(value, configuration) for value in words]
    return words


@functools.lru_cache(maxsize=1 << 16)   # the same kinds' names, on every row of every list
def _convert_text(text: str, configuration: str) -> str:
    return _converter(configuration).convert(text)


@functools.lru_cache(maxsize=None)
def _converter(configuration: str):
    import opencc   # only a portal published in a converted script needs it
    return opencc.OpenCC(configuration)


def content_tag(text_field: str) -> str:
    """The BCP 47 tag of a content text (`zh`, `en`): that of the first language showing it."""
    for language in all_languages():
        if language.content == text_field:
            return language.tag
    return BUILT_IN[text_field].tag


def pending_tag(code: str) -> str:
    """The tag of what a page in this language shows while its own text is missing."""
    return content_tag(get(code).pending or "zh")
