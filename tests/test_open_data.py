"""The downloads as re-users' programs read them: rdflib reads the DCAT-AP catalog, frictionless
validates the data package, jsonschema and ajv compile every published schema and jsonschema
checks every JSON download against the schema its catalog entry names."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, XSD

from conftest import REPO

BASE = "https://example.github.io/chain-portal/"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LANGS = {"": "zh", "en/": "en"}


def graph(site: Path, prefix: str) -> Graph:
    return Graph().parse(data=(site / prefix / "data" / "catalog.json").read_text(encoding="utf-8"),
                         format="json-ld", base=BASE + prefix + "data/")


def local(site: Path, iri) -> Path:
    assert isinstance(iri, URIRef) and str(iri).startswith(BASE), iri
    return site / str(iri).removeprefix(BASE)


@pytest.mark.parametrize("prefix", LANGS)
def test_the_catalog_is_dcat_ap_with_links_where_links_belong(sample_site, prefix):
    g = graph(sample_site, prefix)
    catalogs = list(g.subjects(RDF.type, DCAT.Catalog))
    assert catalogs == [URIRef(BASE + prefix + "data/#catalog")]
    catalog = catalogs[0]
    # DCAT-AP's mandatory catalog properties, and the recommended ones.
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset):
        assert g.value(catalog, prop) is not None, prop
    publisher = g.value(catalog, DCTERMS.publisher)
    assert isinstance(publisher, URIRef) and g.value(publisher, FOAF.name)
    assert isinstance(g.value(catalog, FOAF.homepage), URIRef) and isinstance(g.value(catalog, DCTERMS.license), URIRef)
    datasets = list(g.objects(catalog, DCAT.dataset))
    assert len(datasets) == 10   # four lists of projects, three chief tables, the chains, units and people
    keys = {str(g.value(d, DCTERMS.identifier)) for d in datasets}
    assert {"projects", "shanxi/projects", "hunan/chiefs", "chains", "units", "people"} <= keys
    for dataset in datasets:
        assert isinstance(dataset, URIRef)
        for prop in (DCTERMS.title, DCTERMS.description, DCAT.contactPoint, DCAT.keyword, DCTERMS.spatial):
            assert g.value(dataset, prop) is not None, (dataset, prop)
        for prop in (DCAT.theme, DCAT.landingPage, DCTERMS.language):
            assert isinstance(g.value(dataset, prop), URIRef), (dataset, prop)
        assert local(sample_site, g.value(dataset, DCAT.landingPage)).joinpath("index.html").is_file()
        contact = g.value(dataset, DCAT.contactPoint)
        assert g.value(contact, VCARD.fn) and isinstance(g.value(contact, VCARD.hasURL), URIRef)
        modified = g.value(dataset, DCTERMS.modified)
        if str(g.value(dataset, DCTERMS.identifier)).endswith("projects"):
            assert isinstance(modified, Literal) and modified.datatype == XSD.date
        distributions = list(g.objects(dataset, DCAT.distribution))
        assert len(distributions) >= 3
        for dist in distributions:
            for prop in (DCAT.accessURL, DCAT.downloadURL, DCAT.mediaType, DCTERMS.format, DCTERMS.license):
                assert isinstance(g.value(dist, prop), URIRef), (dist, prop)
            file = local(sample_site, g.value(dist, DCAT.downloadURL))
            assert int(g.value(dist, DCAT.byteSize)) == file.stat().st_size
            schema = g.value(dist, DCTERMS.conformsTo)
            if file.suffix in (".csv", ".json"):
                assert local(sample_site, schema).is_file()
    # The feeds are distributions of the projects they follow.
    feeds = [d for d in g.subjects(DCAT.mediaType, URIRef("http://www.iana.org/assignments/media-types/application/atom+xml"))]
    assert len(feeds) == 2


@pytest.mark.parametrize("prefix", LANGS)
def test_the_data_package_validates_with_frictionless(sample_site, prefix):
    from frictionless import validate
    report = validate(str(sample_site / prefix / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((sample_site / prefix / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert len(package["resources"]) == 10 and package["licenses"][0]["path"].startswith("https://")


def test_a_table_schema_catches_a_download_that_breaks_it(sample_site, tmp_path):
    """The check can fail: a CSV whose amount is not a number is reported."""
    from frictionless import validate
    data = tmp_path / "data"
    (data / "shanxi").mkdir(parents=True)
    for name in ("datapackage.json", "projects.tableschema.json", "projects.csv"):
        (data / name).write_bytes((sample_site / "data" / name).read_bytes())
    text = (data / "projects.csv").read_text(encoding="utf-8-sig").replace(",12.50,", ",十二点五,", 1)
    (data / "projects.csv").write_text(text, encoding="utf-8-sig")
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"] = package["resources"][:1]
    (data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    assert not validate(str(data / "datapackage.json")).valid


def test_every_json_download_is_valid_against_its_schema(sample_site):
    for prefix in LANGS:
        g = graph(sample_site, prefix)
        checked = 0
        for dist in g.subjects(DCAT.mediaType, URIRef("http://www.iana.org/assignments/media-types/application/json")):
            data = json.loads(local(sample_site, g.value(dist, DCAT.downloadURL)).read_text(encoding="utf-8"))
            schema = json.loads(local(sample_site, g.value(dist, DCTERMS.conformsTo)).read_text(encoding="utf-8"))
            jsonschema.Draft202012Validator(schema).validate(data)
            checked += 1
        assert checked == 10


def published_schemas(site: Path) -> list[Path]:
    return sorted(site.glob("schema/*.schema.json")) + sorted(site.glob("data/**/*.schema.json"))


def test_every_published_schema_compiles_in_python_and_in_javascript(sample_site):
    schemas = published_schemas(sample_site) + published_schemas(sample_site / "en")
    assert len(schemas) > 20
    for path in schemas:
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"].startswith(BASE) and path.as_posix().endswith(schema["$id"].removeprefix(BASE))
    result = subprocess.run(["node", str(REPO / "tests" / "compile_schemas.cjs"), *map(str, schemas)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ajv_refuses_what_ecma_refuses(tmp_path):
    """The JavaScript check can fail: the escape Python allows and ECMA-262's u mode refuses."""
    bad = tmp_path / "bad.schema.json"
    bad.write_text(json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string",
                               "pattern": '^[^\\"]+$'}), encoding="utf-8")
    result = subprocess.run(["node", str(REPO / "tests" / "compile_schemas.cjs"), str(bad)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1


def test_data_pages_carry_schema_org_dataset_markup(sample_site):
    for prefix, lang in (("", "zh-Hans"), ("en/", "en")):
        for path, expected in (("data/", 10), ("data/shanxi/", 4)):
            soup = BeautifulSoup((sample_site / prefix / path / "index.html").read_text(encoding="utf-8"), "html.parser")
            markup = json.loads(soup.select_one('script[type="application/ld+json"]').string)
            assert markup["@type"] == "DataCatalog" and markup["inLanguage"] == lang
            assert len(markup["dataset"]) == expected
            for dataset in markup["dataset"]:
                assert dataset["@type"] == "Dataset" and dataset["name"] and dataset["description"]
                for download in dataset["distribution"]:
                    assert (sample_site / download["contentUrl"].removeprefix(BASE)).is_file()


def test_a_record_that_is_not_illustrative_says_no_in_the_files_language(portal, tmp_path):
    """The illustrative column is yes or no in the file's language (once it said "No.", the
    heading of a numbered column), and the table schema names the same words."""
    from conftest import run_cli
    projects = portal / "content" / "projects" / "linhai.yml"
    projects.write_text(projects.read_text(encoding="utf-8").replace("illustrative: true", "illustrative: false"),
                        encoding="utf-8")
    out = tmp_path / "site"
    assert run_cli("--root", str(portal), "build", "--out", str(out)).returncode == 0
    for prefix, no in (("", "否"), ("en/", "no")):
        import csv
        rows = list(csv.reader((out / prefix / "data" / "projects.csv").read_text(encoding="utf-8-sig").splitlines()))
        assert rows[1][13] == no, rows[1]
        schema = json.loads((out / prefix / "data" / "projects.tableschema.json").read_text(encoding="utf-8"))
        field = next(f for f in schema["fields"] if f["type"] == "boolean")
        assert field["falseValues"] == [no]


def test_a_jurisdiction_without_data_says_so_without_an_empty_table(sample_site):
    from conftest import content, page
    article = content(page(sample_site, "en/data/henan/"))
    assert article.select("table") == []
    assert "This jurisdiction has no data to download yet." in article.get_text()
    assert content(page(sample_site, "en/data/shanxi/")).select("table tbody tr")
