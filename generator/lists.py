"""The investment-attraction list, declared once: its columns, its filters and its page size.

opendata.py writes the downloads from these columns; theme/pages/_list.html writes the table,
its filters and each row's data attributes from them; theme/assets/investment.js reads the
filters and the page size from the list's data attributes. A column or a filter is added here.
"""
from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZE = 100   # rows a long list shows at a time (and before its script has run)

# Where every row shares a value, its column and filter are left out: a chain's list is also
# within one jurisdiction.
SCOPES = ("jurisdiction", "chain")


@dataclass(frozen=True)
class Column:
    key: str                 # the row's value, the download's field
    label: str               # its heading: an interface word
    on_page: bool = True     # a column of the page's table (the downloads hold every column)
    type: str = "string"     # as the Table Schema and the JSON Schema say: string, number, date, boolean
    sort: str = ""           # sorted by the row's number data-<sort>, else by its text
    scope: str = ""          # left out of a table whose rows all share it

    def left_out(self, scope: str) -> bool:
        return _left_out(self.scope, scope)


@dataclass(frozen=True)
class Filter:
    key: str                 # its name in the form and the address
    value: str               # the row's field it compares
    shown: str               # the row's field its options show
    label: str               # an interface word
    scope: str = ""
    attribute: str = ""      # the row's data attribute holding the value (data-<key> if "")
    # In a list of one jurisdiction: the filter in the jurisdiction's own words (its own
    # stages), where across jurisdictions the common kinds compare.
    own: Filter | None = None

    def left_out(self, scope: str) -> bool:
        return _left_out(self.scope, scope)

    def for_scope(self, scope: str) -> Filter:
        return self.own if scope and self.own else self

    @property
    def data(self) -> str:
        return self.attribute or self.key


def _left_out(own: str, scope: str) -> bool:
    return bool(own and scope) and SCOPES.index(own) <= SCOPES.index(scope)


COLUMNS = (
    Column("id", "col_id", on_page=False),
    Column("project", "project"),
    Column("chain", "chain", scope="chain"),
    Column("jurisdiction", "jurisdiction", scope="jurisdiction"),
    Column("stage", "stage", sort="stage-order"),
    Column("stage_kind", "stage_kind", on_page=False),
    Column("amount", "amount", type="number", sort="amount"),
    Column("location", "location", on_page=False),
    Column("zone", "zone"),
    Column("investor", "investor"),
    Column("leader", "leader", on_page=False),
    Column("contact", "contact", on_page=False),
    Column("updated", "updated", type="date"),
    Column("illustrative", "illustrative", on_page=False, type="boolean"),
    Column("url", "col_url", on_page=False),
)
ON_PAGE = tuple(column for column in COLUMNS if column.on_page)

def filters_for(scope: str) -> list[Filter]:
    """The filters a list offers: those its rows do not all share, each in the list's words."""
    return [f.for_scope(scope) for f in FILTERS if not f.left_out(scope)]


FILTERS = (
    Filter("jurisdiction", "_jurisdiction", "jurisdiction", "jurisdiction", scope="jurisdiction"),
    Filter("chain", "_chain", "chain", "chain", scope="chain"),
    Filter("stage", "_stage_kind", "stage_kind", "stage_kind",
           own=Filter("stage", "_stage", "_stage_name", "stage", attribute="stage-id")),
    Filter("zone", "_zone", "zone", "zone"),
)
