"""Base maps: a GeoJSON file is checked to its geometry before any page draws it.

ECharts draws whatever it is given, and a junk feature or a NaN coordinate breaks the whole
map in the visitor's browser. So a base map must be UTF-8 JSON, a FeatureCollection of
Features whose geometries are polygons (areas) with [longitude, latitude] positions in range.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024
MAX_FEATURES = 10_000
AREAS = ("Polygon", "MultiPolygon")


class GeoJSONError(Exception):
    """Where in the file (a JSON path) and what was expected, in English and Chinese."""

    def __init__(self, where: str, expected_en: str, expected_zh: str, found_en: str = "", found_zh: str = ""):
        super().__init__(expected_en)
        self.where, self.expected_en, self.expected_zh = where, expected_en, expected_zh
        self.found_en, self.found_zh = found_en, found_zh or found_en


def read(path: Path) -> dict:
    """The FeatureCollection in a file, or a GeoJSONError saying what is wrong first."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise GeoJSONError("", f"a file of at most {MAX_BYTES // 2**20} MiB", f"不超过 {MAX_BYTES // 2**20} MiB 的文件",
                           f"{len(raw) // 2**20} MiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GeoJSONError("", "UTF-8 text (save the file as UTF-8)", "UTF-8 编码的文本（请以 UTF-8 保存）",
                           f"byte 0x{raw[err.start]:02x} at {err.start}", f"第 {err.start} 字节的 0x{raw[err.start]:02x}") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise GeoJSONError("", "JSON nested at most a few hundred deep", "嵌套不超过数百层的 JSON", "deeper nesting",
                           "嵌套更深") from None
    except ValueError as err:
        raise GeoJSONError("", "valid JSON", "合法的 JSON", str(err), "JSON 语法错误（英文说明见上一行）") from None
    _collection(data)
    return data


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _collection(data) -> None:
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoJSONError("type", "a GeoJSON FeatureCollection", "GeoJSON 要素集合（FeatureCollection）",
                           repr(data.get("type")) if isinstance(data, dict) else type(data).__name__)
    features = data.get("features")
    if not isinstance(features, list) or not features or len(features) > MAX_FEATURES:
        raise GeoJSONError("features", f"a list of 1 to {MAX_FEATURES:,} features", f"1 到 {MAX_FEATURES:,} 个要素的列表",
                           f"{len(features)} features" if isinstance(features, list) else type(features).__name__)
    for i, feature in enumerate(features):
        _feature(feature, f"features[{i}]")


def _feature(feature, where: str) -> None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise GeoJSONError(where, "a Feature", "要素（Feature）", _kind(feature))
    properties = feature.get("properties")
    if properties is not None and not isinstance(properties, dict):
        raise GeoJSONError(where + ".properties", "a mapping or null", "映射或 null", _kind(properties))
    if isinstance(properties, dict) and "name" in properties and not isinstance(properties["name"], str):
        raise GeoJSONError(where + ".properties.name", "text", "文本", _kind(properties["name"]))
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in AREAS:
        raise GeoJSONError(where + ".geometry", "a Polygon or MultiPolygon (an area)", "面（Polygon 或 MultiPolygon）",
                           repr(geometry.get("type")) if isinstance(geometry, dict) else _kind(geometry))
    polygons = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    if not isinstance(polygons, list) or not polygons:
        raise GeoJSONError(where + ".geometry.coordinates", "a list of polygons", "多边形列表", _kind(polygons))
    for p, polygon in enumerate(polygons):
        if not isinstance(polygon, list) or not polygon:
            raise GeoJSONError(f"{where}.geometry.coordinates", "a polygon: a list of rings", "多边形：环的列表",
                               _kind(polygon))
        for r, ring in enumerate(polygon):
            _ring(ring, f"{where}.geometry.coordinates[{p}][{r}]")


def _ring(ring, where: str) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        raise GeoJSONError(where, "a ring of at least 4 positions", "至少 4 个位置的环", _kind(ring))
    for k, position in enumerate(ring):
        if not (isinstance(position, list) and len(position) in (2, 3)
                and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in position)
                and -180 <= position[0] <= 180 and -90 <= position[1] <= 90):
            raise GeoJSONError(f"{where}[{k}]", "a [longitude, latitude] position in range (±180, ±90)",
                               "范围内的 [经度, 纬度] 位置（±180，±90）", json.dumps(position)[:60])


def _kind(value) -> str:
    return "nothing" if value is None else type(value).__name__
