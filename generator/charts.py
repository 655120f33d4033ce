"""Charts and maps: pyecharts builds each chart's options; pages carry them as JSON data.

pyecharts' own HTML output is not used: it writes options into script text (a name holding
`</script>` breaks out of it) and gives charts random ids. Here the options are JSON in an
escaped `data-options` attribute of the chart's element, under a stable id, and
theme/assets/charts.js draws them. Not a `<script type="application/json">`: Material's
instant navigation re-creates the scripts of a swapped page, dropping such a tag's type.
Every chart comes with the same data as a table.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from pyecharts import options as opts
from pyecharts.charts import Bar, Geo, Graph, Scatter
from pyecharts.options.series_options import BasicOpts

from . import geojson, kinds
from .files import copy_if_changed
from .model import Portal, Record
from .report import Report, os_problem
from .ui import SEMICOLON, amount, colon, parenthesised, text_plain, ui

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
    notes: list[str] = field(default_factory=list)

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

def stage_stats(portal: Portal, projects: list[Record], lang: str, chart_id: str, by_common_kind: bool) -> Chart | None:
    """Projects and amounts by stage: the jurisdiction's own stages, or common kinds across jurisdictions."""
    if not projects:
        return None
    groups: dict[str, list[Record]] = {}
    for project in projects:
        stage = portal.entry(portal.jurisdiction_of(project).stages, project.stage)
        key = kinds.STAGE_KINDS[stage.kind][0 if lang == "zh" else 1] if by_common_kind else text_plain(stage.name,
                                                                                                        lang)
        groups.setdefault(key, []).append(project)
    return _count_and_amount_bar(groups, lang, chart_id, _label(lang, "stage"))


def chain_stats(portal: Portal, projects: list[Record], lang: str, chart_id: str) -> Chart | None:
    if not projects:
        return None
    groups: dict[str, list[Record]] = {}
    for project in projects:
        groups.setdefault(text_plain(portal.get("chain", project.chain).name, lang), []).append(project)
    return _count_and_amount_bar(groups, lang, chart_id, _label(lang, "chain"))


def _count_and_amount_bar(groups: dict[str, list[Record]], lang: str, chart_id: str, axis: str) -> Chart:
    labels = list(groups)
    amounts = [round(sum(p.amount or 0 for p in groups[k]), 2) for k in labels]
    counts = [len(groups[k]) for k in labels]
    bar = Bar()
    bar.add_xaxis(labels)
    bar.add_yaxis(_label(lang, "amount"), amounts, yaxis_index=0, label_opts=opts.LabelOpts(is_show=True))
    bar.add_yaxis(_label(lang, "count_projects_axis"), counts, yaxis_index=1, label_opts=opts.LabelOpts(is_show=True))
    bar.extend_axis(yaxis=opts.AxisOpts(name=_label(lang, "count_projects_axis"), type_="value", position="right"))
    bar.set_global_opts(yaxis_opts=opts.AxisOpts(name=_label(lang, "amount")), legend_opts=opts.LegendOpts(pos_top="0"),
                        tooltip_opts=opts.TooltipOpts(trigger="axis"),
                        xaxis_opts=opts.AxisOpts(axislabel_opts=opts.LabelOpts(interval=0, rotate=0)))
    rows = [[k, amount(a), c] for k, a, c in zip(labels, amounts, counts)]
    return Chart(chart_id, _options(bar), _label(lang, "by").format(axis=axis),
                 [axis, _label(lang, "amount"), _label(lang, "count_projects_axis")], rows, 340)


def target_progress(portal: Portal, jurisdiction: Record, lang: str) -> Chart | None:
    """Progress against the targets the portal can count (projects, amounts, chains)."""
    measurable = [t for t in jurisdiction.targets if t.measures]
    if not measurable:
        return None
    projects = portal.of_jurisdiction("project", jurisdiction)
    current = {"project_count": len(projects), "project_amount": round(sum(p.amount or 0 for p in projects), 2),
               "chain_count": len(portal.chains_of(jurisdiction))}
    labels = [text_plain(t.name, lang) for t in measurable]
    bar = Bar()
    bar.add_xaxis(labels)
    bar.add_yaxis(_label(lang, "in_portal"), [current[t.measures] for t in measurable],
                  label_opts=opts.LabelOpts(is_show=True, position="right"))
    bar.add_yaxis(_label(lang, "target"), [t.value for t in measurable],
                  label_opts=opts.LabelOpts(is_show=True, position="right"))
    bar.reversal_axis()
    bar.set_global_opts(legend_opts=opts.LegendOpts(pos_top="0"), tooltip_opts=opts.TooltipOpts(trigger="axis"))
    rows = [[text_plain(t.name, lang), current[t.measures], t.value, t.year or ""] for t in measurable]
    illustrative = any(p.illustrative for p in projects) or any(c.illustrative for c in portal.chains_of(jurisdiction))
    caption = _label(lang, "progress_caption") + (f" {_label(lang, 'progress_illustrative')}" if illustrative else "")
    return Chart(f"chart-targets-{jurisdiction.id}", _options(bar), caption,
                 [_label(lang, "target"), _label(lang, "in_portal"), _label(lang, "value"), _label(lang, "year")],
                 rows, 80 + 70 * len(measurable))


# --- regional distribution --------------------------------------------------------------------

def regional_map(portal: Portal, jurisdictions: list[Record], lang: str, chart_id: str,
                 base_map: Record | None) -> Chart | None:
    """Zones with coordinates, sized by their projects' amounts: on a supplied base map, or as
    a schematic of points by longitude and latitude (which needs no map approval)."""
    points = []
    for j in jurisdictions:
        for zone in j.zones:
            if zone.coordinates is None:
                continue
            projects = [p for p in portal.of_jurisdiction("project", j) if p.zone == zone.id]
            invested = round(sum(p.amount or 0 for p in projects), 2)
            points.append((text_plain(zone.name, lang), zone.coordinates.lon, zone.coordinates.lat, invested,
                           len(projects), f"{j.id}/zones/{zone.id}/"))
    if not points:
        return None
    rows = [[(name, url), lon, lat, amount(total), count] for name, lon, lat, total, count, url in points]
    head = [_label(lang, "zone"), _label(lang, "lon"), _label(lang, "lat"), _label(lang, "amount"),
            _label(lang, "count_projects_axis")]
    if base_map is not None:
        map_name = Path(base_map.file).stem
        geo = Geo()
        geo.add_schema(maptype=map_name, is_roam=True)
        for name, lon, lat, *_ in points:
            geo.add_coordinate(name, lon, lat)
        # A string template, not pyecharts' default JavaScript formatter: options are data only.
        geo.add(_label(lang, "zones"), [(name, total) for name, _, _, total, _, _ in points], type_="scatter",
                symbol_size=18, label_opts=opts.LabelOpts(is_show=True, formatter="{b}", position="right"),
                tooltip_opts=opts.TooltipOpts(formatter="{b}"))
        geo.set_global_opts(legend_opts=opts.LegendOpts(pos_top="0"), tooltip_opts=opts.TooltipOpts(formatter="{b}"))
        options = _options(geo)
        _attach_urls(options, {name: url for name, *_, url in points})
        approval = base_map.approval or _label(lang, "no_approval")
        caption = (f"{_label(lang, 'base_map')}{colon(lang)}{text_plain(base_map.source, lang)}{SEMICOLON[lang]}"
                   f"{_label(lang, 'approval')}{colon(lang)}{approval}"
                   + (f" — {_label(lang, 'illustrative_map')}" if base_map.illustrative else ""))
        return Chart(chart_id, options, caption, head, rows, 460, map_name=map_name, map_file=base_map.file)
    scatter = Scatter()
    scatter.add_xaxis([lon for _, lon, *_ in points])
    scatter.add_yaxis(_label(lang, "zones"), [lat for _, _, lat, *_ in points],
                      symbol_size=18, label_opts=opts.LabelOpts(is_show=True, formatter="{b}", position="right"))
    scatter.set_global_opts(xaxis_opts=opts.AxisOpts(type_="value", name=_label(lang, "lon"), is_scale=True),
                            yaxis_opts=opts.AxisOpts(type_="value", name=_label(lang, "lat"), is_scale=True),
                            legend_opts=opts.LegendOpts(pos_top="0"))
    options = _options(scatter)
    # Named points, so that labels, tooltips and clicks know their zone.
    options["series"][0]["data"] = [{"name": name, "value": [lon, lat, total], "url": url}
                                    for name, lon, lat, total, _, url in points]
    return Chart(chart_id, options, _label(lang, "schematic_caption"), head, rows, 420)


def _attach_urls(options: dict, urls: dict[str, str]) -> None:
    for series in options.get("series", []):
        for point in series.get("data", []):
            if isinstance(point, dict) and point.get("name") in urls:
                point["url"] = urls[point["name"]]


def check_base_maps(root: Path, portal: Portal, report: Report) -> None:
    """A base map must be a readable GeoJSON FeatureCollection inside content/maps/."""
    folder = (root / MAPS_FOLDER).resolve()
    for j in portal.jurisdictions:
        base = j.base_map
        if base is None:
            continue
        path, line = base.origin
        target = (folder / base.file).resolve()
        if folder not in target.parents or not target.is_file():
            report.error(path, line, "base_map.file", f"a file inside {MAPS_FOLDER}/", f"{MAPS_FOLDER}/ 中的文件",
                         repr(base.file), f"{base.file!r}（不存在或不在该文件夹中）")
            continue
        try:
            geojson.read(target)
        except geojson.GeoJSONError as err:
            where = f"{MAPS_FOLDER}/{base.file}" + (f", {err.where}" if err.where else "")
            report.error(path, line, "base_map.file", f"{err.expected_en} in {where}", f"{where} 中应为{err.expected_zh}",
                         err.found_en, err.found_zh)
        except OSError as err:
            report.error(path, line, "base_map.file", "a readable file", "可读取的文件", *os_problem(err))
        if not base.approval and not base.illustrative:
            report.error(path, line, "base_map.approval", "the map's review number (审图号), or illustrative: true",
                         "底图审图号，或 illustrative: true", "neither", "两者皆无")


def library_installed(node_modules: Path) -> bool:
    return (node_modules / "echarts" / "dist" / "echarts.min.js").is_file()


def write_assets(root: Path, portal: Portal, docs_dir: Path, node_modules: Path) -> None:
    """Copy ECharts (from npm, with its licence) and the base maps into the site's assets."""
    library = node_modules / "echarts"
    target = docs_dir / "assets" / "vendor" / "echarts"
    copy_if_changed(library / "dist" / "echarts.min.js", target / "echarts.min.js")
    for name in ("LICENSE", "NOTICE"):
        copy_if_changed(library / name, target / name)
    for j in portal.jurisdictions:
        if j.base_map is not None:
            copy_if_changed(root / MAPS_FOLDER / j.base_map.file, docs_dir / "assets" / "maps" / j.base_map.file)
