"""Romanise a Chinese personal name in pinyin, family name first: 陈飞 → Chen Fei."""
from __future__ import annotations

from pypinyin import Style, lazy_pinyin

# Characters read differently as family names than in ordinary words (pypinyin reads the
# common word sense: 曾 as "ceng", 单 as "dan").
_FAMILY_NAME_READINGS = {
    "曾": "zeng", "单": "shan", "單": "shan", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha",
    "盖": "ge", "覃": "qin", "尉": "yu", "员": "yun", "乐": "yue", "缪": "miao", "种": "chong",
    "翟": "zhai", "秘": "bi", "繁": "po", "召": "shao", "折": "she", "句": "gou", "万俟": "moqi",
    "尉迟": "yuchi", "长孙": "zhangsun",
}
_COMPOUND_FAMILY_NAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
                          "宇文", "司徒", "夏侯", "令狐", "万俟", "歐陽", "司馬", "諸葛"}


def romanise(name: str) -> str:
    """Pinyin with the family name first and capitalised; non-Han text is kept as it is."""
    name = "".join(name.split())
    if not name or not all("\u3400" <= ch <= "\u9fff" for ch in name):
        return name
    split = 2 if name[:2] in _COMPOUND_FAMILY_NAMES and len(name) > 2 else 1
    family, given = name[:split], name[split:]
    family_pinyin = _FAMILY_NAME_READINGS.get(family) or "".join(lazy_pinyin(family, style=Style.NORMAL))
    given_pinyin = "".join(lazy_pinyin(given, style=Style.NORMAL))
    return " ".join(part.capitalize() for part in (family_pinyin, given_pinyin) if part)
