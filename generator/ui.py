"""The site's interface words, in the page's language (catalogues: languages.py), and how each
language sets text: headings, lists, counts, remarks."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from . import languages


def ui(key: str, lang: str) -> str:
    words = _WORDS.get(lang) or languages.catalogue(lang)
    return words[key]


_WORDS = languages.WORDS
_CAPITALISE = languages.CAPITALISE


@dataclass(frozen=True)
class Phrase:
    """An interface word where content text goes (a page's title): every language has it.
    `fill` names what goes into its {placeholders}: texts and phrases, in the same language."""

    key: str
    fill: tuple = ()

    def get(self, lang: str) -> str:
        return ui(self.key, lang).format(**{name: text_plain(value, lang) for name, value in self.fill})


def text_plain(value, lang: str) -> str:
    """Content text as plain text; a missing translation shows the text it is made from, and says so."""
    if value is None:
        return ""
    shown = value.get(lang)
    if shown:
        return shown
    return f"{pending_text(value, lang)} ({ui('translation_pending', lang)})"


def pending_text(value, lang: str) -> str:
    """What a page shows while its language's text is missing: the text it is to be translated from."""
    language = languages.get(lang)
    return value.get(language.pending) or value.zh


# --- how each language sets words and numbers -----------------------------------------------

_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "per", "the", "to",
                "vs", "via", "with", "from", "into"}


@functools.lru_cache(maxsize=1 << 16)   # a page sets its chain's, jurisdiction's and section's names again
def title_case(text: str) -> str:
    """English in title case, as headings are: 'investor pool and project pool' → 'Investor Pool
    and Project Pool'. Words already holding a capital or a digit (5G, SMEs, iPhone) stay as written."""
    words = text.split(" ")
    result = []
    for i, word in enumerate(words):
        parts = word.split("-")
        for k, part in enumerate(parts):
            lead = len(part) - len(part.lstrip("\"'“‘(["))
            core = part[lead:]
            edge = (i == 0 and k == 0) or i == len(words) - 1
            if core[:1].islower() and \
                    not any(ch.isupper() or ch.isdigit() for ch in core) and (edge or core.lower() not in _SMALL_WORDS):
                parts[k] = part[:lead] + core[:1].upper() + core[1:]
        result.append("-".join(parts))
    return " ".join(result)


def sentence_case(text: str, lang: str) -> str:
    """English set where a label stands alone (a table cell, a list item) starts with a capital:
    content writes 'construction machinery' so that it reads well inside a sentence too."""
    return text[:1].upper() + text[1:] if lang in _CAPITALISE and text[:1].islower() else text


def heading_ui(key: str, lang: str) -> str:
    """An interface string set as a heading."""
    text = ui(key, lang)
    return title_case(text) if lang in _CAPITALISE else text


def heading(value, lang: str) -> str:
    """Text set as a heading: English in title case; Chinese as written."""
    text = text_plain(value, lang)
    return title_case(text) if lang in _CAPITALISE and value is not None and value.get(lang) else text


# Chinese is set with full-width punctuation (甲、乙 · 出处：… · 已动工（新建）); each catalogue
# holds its language's marks.
def separator(lang: str) -> str:
    """Between the items of a list in running text: 甲、乙、丙 / a, b, c."""
    return ui("punctuation_list_separator", lang)


def joined(items, lang: str) -> str:
    return separator(lang).join(items)


def colon(lang: str) -> str:
    return ui("punctuation_colon", lang)


def semicolon(lang: str) -> str:
    return ui("punctuation_semicolon", lang)


def document_title(title: str, lang: str) -> str:
    """A document's title in running text: 《…》 / as written."""
    return ui("punctuation_document_title", lang).format(title)


def place_in_document(place: str, lang: str) -> str:
    """Where in a document, after its title: 《…》附件2 / …, Annex 2."""
    return ui("punctuation_place_in_document", lang).format(place)


def parenthesised(text: str, lang: str) -> str:
    """A remark after a word: 已动工（新建） / ground broken (new)."""
    return ui("punctuation_parentheses", lang).format(text)


def count(n: int, key: str, lang: str) -> str:
    """A number of things: '22 条产业链', '1 document', '3 documents'. A catalogue gives the
    forms its language has (`one`, `other`)."""
    forms = ui(f"count_{key}", lang)
    form = forms.get("one") if n == 1 and "one" in forms else forms["other"]
    return form.format(n=f"{n:,}")


def figure(value: float) -> str:
    """A count or a figure: 1,200 or 12.50."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def target_figure(target, lang: str, per: bool = True) -> str:
    """A target's figure as its document says it: 约 30 家, 不少于 100 家, 24–40 家, 每年 5–10 家,
    1–2 个（每条产业链）."""
    text = ui(_shape(target), lang).format(n=figure(target_goal(target)), low=figure(target.min or 0),
                                           unit=text_plain(target.unit, lang))
    if target.per_year:   # 每年 5–10 家, 每年不少于 2 个: a space before a figure, none before a word
        text = ui("target_a_year", lang).format(figure=text, space=" " if text[:1].isdigit() else "")
    if target.per and per:
        text += parenthesised(text_plain(target.per, lang), lang)
    return text


def target_short(target, lang: str) -> str:
    """The same figure where a chart's label has room for little: ≈30, ≥100, 24–40, 5–10/年."""
    text = ui(_shape(target) + "_short", lang).format(n=figure(target_goal(target)), low=figure(target.min or 0))
    return ui("target_a_year_short", lang).format(figure=text) if target.per_year else text


def _shape(target) -> str:
    if target.value is not None:
        return "target_about" if target.approximate else "target_exactly"
    if target.min is not None and target.max is not None:
        return "target_range"
    return "target_at_least" if target.min is not None else "target_at_most"


def target_goal(target) -> float:
    """The figure progress is measured against: the value, a floor, a ceiling, a range's high end."""
    return target.value if target.value is not None else target.max if target.max is not None else target.min


def amount(value: float | None) -> str:
    """An amount in 100 million yuan, as every page, chart table, feed and download shows it:
    two decimals, thousands separated (12.50, 1,230.00)."""
    return "" if value is None else f"{value:,.2f}"
