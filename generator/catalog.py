"""What describes the downloads, for the programs that harvest and re-use them: a DCAT-AP
catalog (JSON-LD), a Frictionless data package with a Table Schema per CSV, and a JSON Schema
per JSON download. opendata.py writes the files; this module says what they are.

Every reference a harvester follows is an IRI (`@type: @id` in the context), dates are typed,
and each distribution says which schema it conforms to: the Table Schema for a CSV, the JSON
Schema for a JSON file. rdflib, frictionless, jsonschema and ajv read them in the tests.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import languages
from .pages import address

# EU vocabularies DCAT-AP asks for: the data theme and the file types.
THEME = "http://publications.europa.eu/resource/authority/data-theme/ECON"
FILE_TYPES = {"csv": "CSV", "json": "JSON", "xlsx": "XLSX", "atom": "ATOM"}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "atom": "application/atom+xml"}
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    **{term: {"@type": "@id"} for term in ("dct:license", "dct:conformsTo", "dcat:downloadURL", "dcat:accessURL",
                                           "dcat:mediaType", "dct:format", "dcat:landingPage", "dcat:theme",
                                           "dcat:themeTaxonomy", "foaf:homepage", "vcard:hasEmail", "vcard:hasURL",
                                           "dct:language")},
    "dct:modified": {"@type": "xsd:date"}, "dct:issued": {"@type": "xsd:date"},
    "dcat:byteSize": {"@type": "xsd:nonNegativeInteger"},
}
# The EU's language authority names a language by its ISO 639-2 code; a tag's first subtag
# (zh-Hans → zh) finds it. A language missing here leaves dct:language out.
EU_LANGUAGES = {"zh": "ZHO", "en": "ENG", "fr": "FRA", "de": "DEU", "es": "SPA", "pt": "POR", "ru": "RUS",
                "ja": "JPN", "ko": "KOR", "ar": "ARA", "vi": "VIE", "it": "ITA", "nl": "NLD"}


def language_uri(lang: str) -> dict:
    code = EU_LANGUAGES.get(languages.get(lang).tag.split("-")[0].lower())
    return {"dct:language": f"http://publications.europa.eu/resource/authority/language/{code}"} if code else {}


@dataclass
class File:
    path: str            # under the language's site, e.g. "data/city/projects.csv"
    size: int
    conforms_to: str = ""   # a schema's path under the site


@dataclass
class Published:
    """One dataset as the catalog lists it."""

    key: str
    title: str
    description: str
    landing: str                 # the page that shows it
    modified: str
    issued: str
    places: list[str]
    keywords: list[str]
    files: list[File] = field(default_factory=list)


def catalog(published: list[Published], site_url: str, lang: str, title: str, description: str,
            publisher: str, contact: tuple[str, str], licence_url: str) -> dict:
    """The DCAT-AP catalog of a language's site, as JSON-LD."""
    email, contact_url = contact
    agent = {"@id": site_url + "#publisher", "@type": "foaf:Agent", "foaf:name": publisher}
    point = {"@type": "vcard:Organization", "vcard:fn": publisher,
             "vcard:hasURL": contact_url or site_url, **({"vcard:hasEmail": "mailto:" + email} if email else {})}
    modified = max((p.modified for p in published if p.modified), default="")
    return {
        "@context": CONTEXT, "@id": site_url + address("data") + "#catalog", "@type": "dcat:Catalog",
        "dct:title": title, "dct:description": description, "dct:publisher": agent, "foaf:homepage": site_url,
        **language_uri(lang), "dcat:themeTaxonomy": THEME.rsplit("/", 1)[0],
        **({"dct:license": licence_url} if licence_url else {}),
        **({"dct:modified": modified} if modified else {}),
        "dcat:dataset": [_dataset(p, site_url, lang, agent["@id"], point, licence_url) for p in published],
    }


def _dataset(p: Published, site_url: str, lang: str, publisher: str, point: dict, licence_url: str) -> dict:
    dataset = {"@id": site_url + address("data") + "#" + slug(p.key), "@type": "dcat:Dataset", "dct:identifier": p.key,
               "dct:title": p.title, "dct:description": p.description, "dct:publisher": {"@id": publisher},
               "dcat:contactPoint": point, "dcat:keyword": p.keywords, "dcat:theme": THEME,
               **language_uri(lang), "dcat:landingPage": site_url + p.landing,
               "dct:spatial": [{"@type": "dct:Location", "skos:prefLabel": place} for place in p.places],
               "dcat:distribution": [_distribution(f, site_url, p.landing, licence_url) for f in p.files]}
    if p.modified:
        dataset["dct:modified"] = p.modified
    if p.issued:
        dataset["dct:issued"] = p.issued
    return dataset


def _distribution(f: File, site_url: str, landing: str, licence_url: str) -> dict:
    ext = f.path.rsplit(".", 1)[-1]
    return {"@id": site_url + f.path, "@type": "dcat:Distribution", "dct:title": f.path.rsplit("/", 1)[-1],
            "dcat:accessURL": site_url + landing, "dcat:downloadURL": site_url + f.path,
            "dcat:mediaType": "http://www.iana.org/assignments/media-types/" + MEDIA_TYPES[ext],
            "dct:format": "http://publications.europa.eu/resource/authority/file-type/" + FILE_TYPES[ext],
            "dcat:byteSize": f.size, **({"dct:license": licence_url} if licence_url else {}),
            **({"dct:conformsTo": site_url + f.conforms_to} if f.conforms_to else {})}


def slug(key: str) -> str:
    """A dataset's key as a name a data package accepts: lowercase letters, digits, '-', '.', '_'."""
    return re.sub(r"[^a-z0-9._-]+", "-", key.lower()).strip("-")


# --- the downloads' own schemas ------------------------------------------------------------

def table_schema(fields: list[dict], primary_key: str | None = None) -> dict:
    """A Frictionless Table Schema: `fields` in the CSV's column order, named by its heading."""
    schema = {"fields": fields, "missingValues": [""]}
    if primary_key:
        schema["primaryKey"] = [primary_key]
    return schema


def json_rows_schema(site_url: str, path: str, title: str, row: dict) -> dict:
    """The JSON Schema of a JSON download: `{columns: [...], rows: [...]}`, each row `row`."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": site_url + path, "title": title,
            "type": "object", "additionalProperties": False, "required": ["columns", "rows"],
            "properties": {"columns": {"type": "array"}, "rows": {"type": "array", "items": row}}}


def data_package(name: str, title: str, licence: tuple[str, str], resources: list[dict]) -> dict:
    licences = [{"name": licence[0] or licence[1], "path": licence[1]}] if licence[1] else []
    return {"name": slug(name), "title": title, "licenses": licences, "resources": resources}
