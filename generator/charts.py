"""Charts and maps: pyecharts builds each chart's options; pages carry them as JSON data.

pyecharts' own HTML output is not used: it writes options into script text (a name holding
`</script>` breaks out of it) and gives charts random ids. Here the options are JSON in an
escaped `data-options` attribute of the chart's element, under a stable id, and
theme/assets/charts.js draws them. Not a `<script type="application/json">`: Material's
instant navigation re-creates the scripts of a swapped page, dropping such a tag's type.
Every chart comes with the same data as a table.
"""
from __future__ import annotations

import hashlib
import json
import math
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from markupsafe import Markup
from pyecharts import options as opts
from pyecharts.charts import Bar, Geo, Grid, Scatter
from pyecharts.options.series_options import BasicOpts

from . import kinds, pages
from .files import copy_if_changed
from .model import Portal, Record
from .ui import (amount, colon, figure, semicolon, sentence_case, target_figure, target_goal, target_short, text_plain,
                 ui)

POSITIONS = list(kinds.SEGMENT_POSITIONS)
MAPS_FOLDER = "content/maps"


@dataclass(frozen=True)
class Chart:
    id: str
    options: dict
    caption: str
    head: list[str]
    rows: list[list]              # table cells: text, or (text, url relative to the site root)
    height: int = 380
    map_name: str = ""            # a base map the page must register before drawing
    map_file: str = ""            # its file under assets/maps/
    note: str = ""                # said under the title: sources, review numbers, made-up data
    group: str = ""               # the list rows' attribute (data-<group>) the chart counts by, so
    keys: list[str] = field(default_factory=list)   # that it can follow the list's filter: a key per category
    # What assets/charts.js needs besides to follow the list's filter: for bubbles per zone and
    # stage (group "of"), the words of their tooltips ("count: ", "amount: ") and the bubbles'
    # scale; for a chart of the largest categories only, how many it draws ("top").
    follow: dict = field(default_factory=dict)

    def options_json(self) -> str:
        return json.dumps(self.options, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def options_attribute(self) -> Markup:
        """The options as JSON for a single-quoted HTML attribute. JSON is full of double
        quotes; escaped as `&#34;` they would make up a third of a chain page."""
        text = self.options_json()
        for char, entity in (("&", "&amp;"), ("'", "&#39;"), ("<", "&lt;"), (">", "&gt;")):
            text = text.replace(char, entity)
        return Markup(text)


def _options(chart) -> dict:
    """The chart's options as plain data, as pyecharts' own JSON encoder writes them, less the
    empty objects pyecharts writes for every unset style (ECharts' defaults apply)."""
    return _without_empty(_plain(chart.options))


def _plain(value):
    """What `json.loads(chart.dump_options())` gives, without the JSON round trip, which took
    two thirds of a chain map's time: options objects become their dicts, and dicts lose
    their None and "" values, as pyecharts' encoder does (tests/test_charts.py compares)."""
    if isinstance(value, BasicOpts):
        value = value.opts
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item is not None and item != ""}
    if isinstance(value, (list, tuple, set)):
        return [_plain(item) for item in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    raise TypeError(f"chart option of an unexpected type: {type(value).__name__}")


def _without_empty(value):
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v != {}}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value


def _label(lang: str, key: str) -> str:
    return ui(key, lang)


# --- chain map -------------------------------------------------------------------------------

@dataclass(frozen=True)
class SegmentBox:
    """One segment of a chain map: its enterprises, leading tiers first, and the projects that
    strengthen it. A segment with no local enterprise is a gap to fill (补链)."""
    segment: Record
    enterprises: list[tuple[Record, Record, Record]]     # (chain enterprise entry, unit, tier)
    projects: list[Record]

    @property
    def gap(self) -> bool:
        return not self.enterprises


def chain_lanes(portal: Portal, chain: Record) -> list[tuple[str, list[SegmentBox]]]:
    """The chain map as lanes, upstream → midstream → downstream, each a column of segment
    boxes. HTML rather than a canvas graph: its labels wrap instead of colliding, a lane of
    sixty enterprises folds, the page scrolls over it, it prints, and it reads aloud."""
    j = portal.jurisdiction_of(chain)
    tier_order = {t.id: i for i, t in enumerate(j.tiers)}
    projects = portal.projects_of(chain)
    lanes = []
    for position in POSITIONS:
        boxes = []
        for segment in (s for s in chain.segments if s.position == position):
            members = sorted((e for e in chain.enterprises if segment.id in e.segments),
                             key=lambda e: tier_order.get(e.tier, len(tier_order)))
            boxes.append(SegmentBox(segment, [(e, portal.get("unit", e.unit), portal.entry(j.tiers, e.tier))
                                              for e in members],
                                    [p for p in projects if segment.id in p.segments]))
        if boxes:
            lanes.append((position, boxes))
    return lanes


# --- investment statistics ------------------------------------------------------------------

def stage_kind_label(portal: Portal, kind: str, projects: list[Record], lang: str) -> str:
    """A common stage kind's label; for "other", the projects' own names of their stages."""
    if kind != kinds.OTHER:
        return kinds.label(kinds.STAGE_KINDS, kind, lang)
    stages = [portal.stage_of(p) for p in projects]
    return kinds.label(kinds.STAGE_KINDS, kind, lang, [text_plain(s.name, lang) for s in stages if s.kind == kind])


def stage_stats(portal: Portal, projects: list[Record], lang: str, chart_id: str, by_common_kind: bool) -> Chart | None:
    """Projects and amounts by stage, in the stages' declared order: the jurisdiction's own
    stages, or the common kinds (in their lifecycle order) across jurisdictions."""
    if not projects:
        return None
    if by_common_kind:
        order = list(kinds.STAGE_KINDS)
        label = {kind: stage_kind_label(portal, kind, projects, lang) for kind in order}
        key_of = lambda p: portal.stage_of(p).kind   # noqa: E731
        group = "stage"
    else:
        stages = portal.jurisdiction_of(projects[0]).stages
        order = [s.id for s in stages]
        label = {s.id: text_plain(s.name, lang) for s in stages}
        key_of = lambda p: p.stage   # noqa: E731
        group = "stage-id"
    groups: dict[str, list[Record]] = {key: [] for key in order}
    for project in projects:
        groups[key_of(project)].append(project)
    groups = {key: members for key, members in groups.items() if members}
    return _measures(groups, {k: label[k] for k in groups}, projects, lang, chart_id, "stage", group)


def chain_stats(portal: Portal, projects: list[Record], lang: str, chart_id: str) -> Chart | None:
    """Projects and amounts by chain, in the chains' order; beyond TOP_CHAINS chains, the
    TOP_CHAINS largest by amount. A national list's 1,000 bars were a chart 60,000 pixels tall;
    the list's chain filter and its downloads still hold every chain."""
    if not projects:
        return None
    groups: dict[str, list[Record]] = {}
    for project in projects:
        groups.setdefault(project.chain, []).append(project)
    top = len(groups) > TOP_CHAINS
    if top:
        ranked = sorted(groups, key=lambda cid: (-sum(p.amount or 0 for p in groups[cid]), -len(groups[cid])))
        groups = {cid: groups[cid] for cid in ranked[:TOP_CHAINS]}
    labels = {cid: text_plain(portal.get("chain", cid).name, lang) for cid in groups}
    chart = _measures(groups, labels, projects, lang, chart_id, "chain", "chain")
    if top:
        said = _label(lang, "top_chains").format(n=TOP_CHAINS, total=len(ranked))
        chart = replace(chart, note=_join_notes(said, chart.note, lang), follow={"top": TOP_CHAINS})
    return chart


BAR_HEIGHT = 30      # px per category: room for a label broken over two lines
TOP_CHAINS = 20      # bars a chart by chain draws at most


def _measures(groups: dict[str, list[Record]], labels: dict[str, str], projects: list[Record], lang: str,
              chart_id: str, axis: str, group: str) -> Chart:
    """Count and amount as a small multiple: two bar charts one above the other, on the same
    categories, each with its own axis and title. One measure to a chart: a count has integer
    ticks, and neither is read against the other's gridlines. Bars run sideways so that long
    names read at phone width."""
    keys = list(groups)
    names = [sentence_case(labels[k], lang) for k in keys]
    counts = [len(groups[k]) for k in keys]
    amounts = [round(sum(p.amount or 0 for p in groups[k]), 2) for k in keys]
    height = BAR_HEIGHT * len(keys) + 20
    grid = Grid()
    for index, (title, values) in enumerate(((_label(lang, "count_projects_axis"), counts),
                                             (_label(lang, "amount"), amounts))):
        top = index * (height + 60)
        bar = Bar()
        bar.add_xaxis(names)
        bar.add_yaxis(title, values, label_opts=opts.LabelOpts(is_show=True, position="right"), bar_max_width=22)
        bar.reversal_axis()
        bar.set_global_opts(title_opts=opts.TitleOpts(title=title, pos_top=str(top), pos_left="0",
                                                      title_textstyle_opts=opts.TextStyleOpts(font_size=13)),
                            legend_opts=opts.LegendOpts(is_show=False),
                            tooltip_opts=opts.TooltipOpts(trigger="axis", axis_pointer_type="shadow"),
                            xaxis_opts=opts.AxisOpts(min_interval=1 if index == 0 else None),
                            yaxis_opts=_category_axis())
        grid.add(bar, grid_opts=opts.GridOpts(pos_top=str(top + 30), height=str(height), pos_left="0",
                                              pos_right="48", is_contain_label=True))
    options = _options(grid)
    for axis_options in options["yAxis"]:
        # Long names break over two lines rather than crowding the bars out at phone width.
        axis_options["axisLabel"] = dict(axis_options.get("axisLabel", {}), width=120, overflow="break")
    rows = [[n, c, amount(a)] for n, c, a in zip(names, counts, amounts)]
    head = [_label(lang, axis), _label(lang, "count_projects_axis"), _label(lang, "amount")]
    return Chart(chart_id, options, _label(lang, "by_" + axis), head, rows, 2 * height + 110,
                 note=_illustrative_note(projects, lang), group=group, keys=keys)


def _category_axis() -> opts.AxisOpts:
    """Categories down the side, first at the top, with no lines between them."""
    return opts.AxisOpts(is_inverse=True, splitline_opts=opts.SplitLineOpts(is_show=False))


def _illustrative_note(records: list[Record], lang: str) -> str:
    """Said under every chart drawn from made-up records, whatever else it shows."""
    made_up = sum(bool(r.illustrative) for r in records)
    if not made_up:
        return ""
    return _label(lang, "chart_illustrative").format(n=made_up, total=len(records))


def target_progress(portal: Portal, jurisdiction: Record, lang: str) -> Chart | None:
    """Progress against the targets the portal can count (projects, amounts, chains): each bar
    is what the portal lists as a share of the target's figure (a floor's, a ceiling's, a
    range's high end, with the range drawn as a band behind the bar)."""
    measurable = [t for t in jurisdiction.targets if t.measures]
    if not measurable:
        return None
    projects = portal.of_jurisdiction("project", jurisdiction)
    current = [_counted(portal, jurisdiction, projects, t) for t in measurable]
    labels = [sentence_case(text_plain(t.name, lang), lang) for t in measurable]
    goals = [target_goal(t) for t in measurable]
    # One measure for targets of different units (chains, projects, amounts): the share reached,
    # each bar labelled with its own figures.
    shares = [{"value": round(min(now / goal, 1) * 100, 1) if goal else 0,
               "label": {"formatter": f"{figure(now)} / {target_short(t, lang)}"}}
              for t, now, goal in zip(measurable, current, goals)]
    bar = Bar()
    bar.add_xaxis(labels)
    bar.add_yaxis(_label(lang, "share_reached"), shares, bar_max_width=22,
                  label_opts=opts.LabelOpts(is_show=True, position="right"))
    bar.reversal_axis()
    bar.set_global_opts(legend_opts=opts.LegendOpts(is_show=False), tooltip_opts=opts.TooltipOpts(trigger="axis"),
                        xaxis_opts=opts.AxisOpts(max_=100, name="%"), yaxis_opts=_category_axis())
    options = _options(bar)
    bands = _range_bands(measurable, lang)
    options["grid"] = {"left": 0, "right": 84, "top": 16, "bottom": 8, "containLabel": True}
    if bands:   # the share's bar laid over its band: the last bar series sets the gap for all
        options["series"] = bands + [dict(options["series"][0], barGap="-100%")]
        # The band is named in a legend of its own, above the bars.
        options["legend"] = [{"show": True, "data": [bands[1]["name"]], "top": 0, "left": 0, "selectedMode": False}]
        options["grid"]["top"] = 36
    options["yAxis"][0]["axisLabel"] = dict(options["yAxis"][0].get("axisLabel", {}), width=140, overflow="break")
    rows = [[text_plain(t.name, lang), figure(now), target_figure(t, lang), t.year or ""]
            for t, now in zip(measurable, current)]
    made_up = list(projects) + list(portal.chains_of(jurisdiction))
    return Chart(f"chart-targets-{jurisdiction.id}", options, _label(lang, "progress_caption"),
                 [_label(lang, "target"), _label(lang, "in_portal"), _label(lang, "value"), _label(lang, "year")],
                 rows, 60 + BAR_HEIGHT * 1.5 * len(measurable),
                 note=_label(lang, "progress_illustrative") if any(r.illustrative for r in made_up) else "")


def _counted(portal: Portal, jurisdiction: Record, projects: list[Record], target: Record) -> float:
    """What the portal lists against a target; for a yearly figure, the projects started in its year."""
    if target.measures == "chain_count":
        return len(portal.chains_of(jurisdiction))
    if target.per_year:
        projects = [p for p in projects if p.start and p.start[:4] == str(target.year)]
    if target.measures == "project_count":
        return len(projects)
    return round(sum(p.amount or 0 for p in projects), 2)


def _range_bands(targets: list[Record], lang: str) -> list[dict]:
    """For a target given as a range (24–40), a pale band from its low end to its high end
    behind the bar: two stacked bars, the first invisible, laid under the share's bar."""
    if not any(t.min is not None and t.max is not None for t in targets):
        return []
    low = [round(t.min / t.max * 100, 1) if t.min is not None and t.max else 0 for t in targets]
    band = [round(100 - start, 1) if t.min is not None and t.max else 0 for t, start in zip(targets, low)]
    common = {"type": "bar", "stack": "range", "barMaxWidth": 22, "barGap": "-100%", "silent": True,
              "tooltip": {"show": False}}
    return [dict(common, name="", data=low, itemStyle={"color": "transparent"}),
            dict(common, name=_label(lang, "target_range_band"), data=band,
                 itemStyle={"color": "rgba(47, 111, 208, 0.22)", "borderColor": "rgba(47, 111, 208, 0.75)",
                            "borderType": "dashed", "borderWidth": 1})]


# --- regional distribution --------------------------------------------------------------------

# Stage colours by common kind, in lifecycle order: legible on a light and a dark page.
STAGE_COLOURS = {"planned": "#8e9aaf", "signed": "#3a9e9e", "reserve": "#e0a030", "started": "#6f9fe6",
                 "under_implementation": "#2f6fd0", "in_production": "#2e9d5b", "above_designated_size": "#1b6b3a",
                 "other": "#a05ca8"}   # one per common stage kind (tests/test_glossary.py)
BUBBLE = (6, 28)          # px: the smallest and the largest project bubble; area follows the amount
# Beyond this many projects a map draws a bubble per zone and stage, not per project: a national
# list's 30,000 bubbles would be 7 MB of its page, and a blot where zones should be.
MAP_PROJECTS = 500


def regional_map(portal: Portal, jurisdictions: list[Record], lang: str, chart_id: str,
                 base_map: Record | None) -> Chart | None:
    """The industrial map: each zone with coordinates, and its projects as bubbles around it,
    their area following the investment and their colour the stage. On the jurisdiction's
    reviewed base map when it supplies one, else a schematic by longitude and latitude (which
    needs no map approval). A zone's click filters the list on its page, or opens the zone."""
    zones = [(j, zone) for j in jurisdictions for zone in j.zones if zone.coordinates is not None]
    if not zones:
        return None
    hosted = {(j.id, zone.id): [p for p in portal.of_jurisdiction("project", j) if p.zone == zone.id]
              for j, zone in zones}
    projects = [p for members in hosted.values() for p in members]
    largest = max((p.amount or 0 for p in projects), default=0)
    by_stage = len(jurisdictions) > 1
    stages = _stage_series(portal, jurisdictions, lang, by_stage)
    zone_points, rows = [], []
    # A zone's name points toward the middle of the map, its projects away from it: a zone on
    # the east edge is labelled on its left, so that its name does not run off the canvas.
    middle = (min(z.coordinates.lon for _, z in zones) + max(z.coordinates.lon for _, z in zones)) / 2
    for j, zone in zones:
        members = hosted[(j.id, zone.id)]
        east = zone.coordinates.lon > middle
        total = round(sum(p.amount or 0 for p in members), 2)
        name = text_plain(zone.name, lang)
        lon, lat = zone.coordinates.lon, zone.coordinates.lat
        url = pages.of_record(zone, j.id)
        zone_points.append({"name": name, "value": [lon, lat], "url": url, "filter": {"zone": zone.id},
                            "label": {"position": "left" if east else "right"},
                            "tip": [name, f"{_label(lang, 'count_projects_axis')}{colon(lang)}{len(members)}",
                                    f"{_label(lang, 'amount')}{colon(lang)}{amount(total)}"]})
        rows.append([(name, url), lon, lat, amount(total), len(members)])
        if len(projects) > MAP_PROJECTS:
            continue
        largest_here = max((_bubble(p.amount, largest) for p in members), default=0)
        for index, project in enumerate(members):
            stage = portal.entry(j.stages, project.stage)
            key = stage.kind if by_stage else stage.id
            stages[key]["data"].append({
                "name": text_plain(project.name, lang), "value": [lon, lat, project.amount or 0], "id": project.id,
                "url": pages.of_record(project), "symbolSize": _bubble(project.amount, largest),
                "symbolOffset": _ring(index, len(members), largest_here, east),
                "tip": [sentence_case(text_plain(project.name, lang), lang),
                        f"{_label(lang, 'stage')}{colon(lang)}{sentence_case(text_plain(stage.name, lang), lang)}",
                        f"{_label(lang, 'amount')}{colon(lang)}"
                        + (amount(project.amount) if project.amount is not None else _label(lang, "not_stated")),
                        f"{_label(lang, 'zone')}{colon(lang)}{name}"]})
    group, keys, follow = "id", [], {}
    if len(projects) > MAP_PROJECTS:
        group, keys = "of", ["jurisdiction", "zone", "stage" if by_stage else "stage-id"]
        words = [f"{_label(lang, 'count_projects_axis')}{colon(lang)}", f"{_label(lang, 'amount')}{colon(lang)}"]
        follow = {"words": words, "bubble": BUBBLE}
        _zone_stage_bubbles(portal, zones, hosted, stages, by_stage, middle, lang)
    said = _join_notes(_label(lang, "map_by_zone") if group == "of" else "", _illustrative_note(projects, lang), lang)
    series = [dict(s, data=s["data"]) for s in stages.values() if s["data"]]
    series.append({"type": "scatter", "name": _label(lang, "zones"), "data": zone_points, "symbol": "pin",
                   "symbolSize": 26, "z": 3, "itemStyle": {"color": "#b71c1c"},
                   "label": {"show": True, "distance": 4, "formatter": "{b}", "fontWeight": "bold"}})
    head = [_label(lang, "zone"), _label(lang, "lon"), _label(lang, "lat"), _label(lang, "amount"),
            _label(lang, "count_projects_axis")]
    legend = {"top": 0, "data": [s["name"] for s in series]}
    if base_map is not None:
        map_name = Path(base_map.file).stem
        geo = Geo()
        geo.add_schema(maptype=map_name, is_roam=False)
        options = _options(geo)
        # Room for the bubbles and labels of a zone on the map's edge.
        options["geo"] = dict(options["geo"], layoutCenter=["50%", "54%"], layoutSize="88%")
        for item in series:
            item["coordinateSystem"] = "geo"
        options.update(series=series, legend=legend, tooltip={"trigger": "item"})
        approval = base_map.approval or _label(lang, "no_approval")
        note = (f"{_label(lang, 'base_map')}{colon(lang)}{text_plain(base_map.source, lang)}{semicolon(lang)}"
                f"{_label(lang, 'approval')}{colon(lang)}{approval}"
                + (f" — {_label(lang, 'illustrative_map').rstrip('.')}" if base_map.illustrative else ""))
        return Chart(chart_id, options, _label(lang, "industrial_map"), head, rows, 480,
                     note=_join_notes(note, said, lang), map_name=map_name, map_file=base_map.file, group=group, keys=keys,
                     follow=follow)
    scatter = Scatter()
    scatter.set_global_opts(xaxis_opts=opts.AxisOpts(type_="value", name=_label(lang, "lon"), name_location="middle",
                                                     name_gap=26),
                            yaxis_opts=opts.AxisOpts(type_="value", name=_label(lang, "lat"), name_location="middle",
                                                     name_gap=40))
    options = _options(scatter)
    lons = [zone.coordinates.lon for _, zone in zones]
    lats = [zone.coordinates.lat for _, zone in zones]
    options["xAxis"] = [dict(options["xAxis"][0], **_padded(lons))]
    options["yAxis"] = [dict(options["yAxis"][0], **_padded(lats))]
    # The legend below the axes: on a phone it wraps, and above it would cover the axis names.
    options.update(series=series, legend={"bottom": 0, "data": legend["data"]}, tooltip={"trigger": "item"},
                   grid={"left": 56, "right": 24, "top": 16, "bottom": 96})
    return Chart(chart_id, options, _label(lang, "industrial_map"), head, rows, 440,
                 note=_join_notes(_label(lang, "schematic_caption"), said, lang), group=group, keys=keys, follow=follow)


def _zone_stage_bubbles(portal: Portal, zones: list, hosted: dict, stages: dict, by_stage: bool, middle: float,
                        lang: str) -> None:
    """A bubble per zone and stage, its area following the stage's amount in the zone, added to
    each stage's series. Each says which rows it holds (`of`: jurisdiction/zone/stage, as the
    chart's keys name the rows' attributes) and how many: assets/charts.js writes its tooltip,
    counts the rows the list shows into it, and filters the list to its zone and stage on a click.
    Kept to what that needs: at 1,000 chains there are 600 of them on the list's first page."""
    totals = {}
    for j, zone in zones:
        for project in hosted[(j.id, zone.id)]:
            stage = portal.entry(j.stages, project.stage)
            key = (j.id, zone.id, stage.kind if by_stage else stage.id)
            count, total = totals.get(key, (0, 0.0))
            totals[key] = (count + 1, total + (project.amount or 0))
    largest = max((total for _, total in totals.values()), default=0)
    for j, zone in zones:
        here = [(key, stages[key]) for key in stages if (j.id, zone.id, key) in totals]
        largest_here = max((_bubble(totals[(j.id, zone.id, key)][1], largest) for key, _ in here), default=0)
        for index, (key, series) in enumerate(here):
            count, total = totals[(j.id, zone.id, key)]
            series["data"].append({
                "name": text_plain(zone.name, lang), "count": count, "of": f"{j.id}/{zone.id}/{key}",
                "value": [zone.coordinates.lon, zone.coordinates.lat, round(total, 2)], "symbolSize": _bubble(total, largest),
                "symbolOffset": _ring(index, len(here), largest_here, zone.coordinates.lon > middle)})


def _join_notes(first: str, second: str, lang: str) -> str:
    return f"{first}{semicolon(lang)}{second}" if first and second else first or second


def _stage_series(portal: Portal, jurisdictions: list[Record], lang: str, by_kind: bool) -> dict[str, dict]:
    """A scatter series per stage, in declared order: a jurisdiction's own stages, or the common
    kinds when the map spans several jurisdictions."""
    if by_kind:
        named = [(kind, kinds.label(kinds.STAGE_KINDS, kind, lang, [text_plain(s.name, lang) for j in jurisdictions
                                                                     for s in j.stages if s.kind == kind]), kind)
                 for kind in kinds.STAGE_KINDS]
    else:
        named = [(s.id, sentence_case(text_plain(s.name, lang), lang), s.kind) for s in jurisdictions[0].stages]
    return {key: {"type": "scatter", "name": name, "data": [], "z": 2,
                  "itemStyle": {"color": STAGE_COLOURS[kind], "opacity": 0.85, "borderColor": "#fff", "borderWidth": 1}}
            for key, name, kind in named}


def _bubble(value: float | None, largest: float) -> float:
    """A bubble's diameter: its area in proportion to the amount (a project without one is the
    smallest)."""
    low, high = BUBBLE
    if not value or not largest:
        return low
    return round(low + (high - low) * (value / largest) ** 0.5, 1)


def _ring(index: int, count: int, largest: float, east: bool = False) -> list[float]:
    """Where a zone's project sits, in pixels from the zone's pin: on half rings beside it (to
    its left, or to its right for a zone labelled on its left). The first ring clears the pin,
    each next ring is one bubble further out and holds as many bubbles as its arc has room for,
    so that bubbles do not overlap and a zone of a hundred projects stays near its pin."""
    radius, start = largest / 2 + 16, 0
    while True:
        room = max(1, int(math.pi * radius / (largest + 2)))
        if index < start + room:
            break
        start, radius = start + room, radius + largest + 4
    in_ring = min(room, count - start)
    angle = math.pi / 2 + math.pi * (index - start + 0.5) / in_ring
    x = round(radius * math.cos(angle), 1)
    return [-x if east else x, round(radius * math.sin(angle), 1)]


def _padded(values: list[float]) -> dict:
    """Room on every side of the data for bubbles and labels (a zone on the edge of the data is
    not on the edge of the chart); ECharts then ends the axis on a round tick. One value alone
    gets a range of its own."""
    if max(values) - min(values) < 0.1:
        return {"min": round(min(values) - 0.5, 6), "max": round(max(values) + 0.5, 6), "scale": True}
    return {"boundaryGap": ["25%", "25%"], "scale": True}


# The parts of ECharts the charts use (theme/bundles/echarts.js), bundled by esbuild from npm.
BUNDLE_ENTRY = Path(__file__).resolve().parent.parent / "theme" / "bundles" / "echarts.js"


def library_installed(node_modules: Path) -> bool:
    return all((node_modules / package / "package.json").is_file() for package in ("echarts", "esbuild"))


def library(node_modules: Path) -> Path:
    """The bundle for this entry and these package versions: a new entry or an upgrade makes a
    new file, so a bundle is never stale."""
    inputs = [BUNDLE_ENTRY] + [node_modules / package / "package.json" for package in ("echarts", "esbuild")]
    key = hashlib.sha256(b"".join(path.read_bytes() for path in inputs)).hexdigest()[:16]
    return node_modules / ".portal" / f"echarts-{key}.min.js"


def bundle_library(node_modules: Path) -> str | None:
    """Bundle ECharts unless this bundle exists (about half a second); what went wrong, if anything."""
    target = library(node_modules)
    if target.is_file():
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        done = subprocess.run([str(node_modules / ".bin" / "esbuild"), str(BUNDLE_ENTRY), "--bundle", "--minify",
                               "--format=iife", "--legal-comments=none", f"--outfile={partial}"],
                              cwd=node_modules.parent, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as err:
        return str(err)
    if done.returncode != 0:
        return done.stderr.strip() or f"esbuild exited with {done.returncode}"
    partial.replace(target)
    return None


def write_assets(root: Path, portal: Portal, docs_dir: Path, node_modules: Path) -> None:
    """Copy the ECharts bundle (with ECharts' licence) and the base maps into the site's assets."""
    target = docs_dir / "assets" / "vendor" / "echarts"
    copy_if_changed(library(node_modules), target / "echarts.min.js")
    for name in ("LICENSE", "NOTICE"):
        copy_if_changed(node_modules / "echarts" / name, target / name)
    for j in portal.jurisdictions:
        if j.base_map is not None:
            copy_if_changed(root / MAPS_FOLDER / j.base_map.file, docs_dir / pages.address("base_map", file=j.base_map.file))
