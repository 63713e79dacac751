"""An independent oracle for the sample referral: who should receive it, worked out from the
raw configuration files with plain YAML and arithmetic, not with the project's own loader or
rules, so an end-to-end test compares the service against a second reading of the contract.
"""

from __future__ import annotations

import csv
import math
from datetime import date
from pathlib import Path

import yaml

CONFIG = Path(__file__).resolve().parents[1] / "config"
RATINGS = ["inadequate", "requires-improvement", "good", "outstanding"]

# The sample referral (config/samples/referral.txt) as a person reads it.
SAMPLE = {"authority": "northby", "lot": "residential", "needs": {"semh", "cse", "missing"},
          "born": date(2012, 3, 14), "gender": "female", "children": 1, "area": "SE15"}


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _km(places: dict[str, tuple[float, float]], a: str, b: str) -> float:
    (lat1, lon1), (lat2, lon2) = places[a], places[b]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _passes(est: dict, arr: dict, places: dict, on: date) -> bool:
    low, high = (int(x) for x in str(est["ages"]).split("-"))
    rating = est.get("ofsted_rating")
    floor = arr.get("ofsted_floor")
    if rating == "not-yet-inspected":
        rating_ok = bool(arr.get("allow_not_yet_inspected", False))
    else:
        rating_ok = floor is None or RATINGS.index(rating) >= RATINGS.index(floor)
    limit = arr.get("max_distance_km")
    return all([
        SAMPLE["authority"] in arr["members"],
        arr["starts"] <= on and (arr.get("ends") is None or on <= arr["ends"]),
        SAMPLE["lot"] in arr["lots"] and SAMPLE["lot"] in est["lots"],
        SAMPLE["needs"] <= set(est["needs"]),
        low <= _age(SAMPLE["born"], on) <= high,
        SAMPLE["gender"] in est.get("genders", ["male", "female", "non-binary"]),
        SAMPLE["children"] <= est.get("max_siblings", 1),
        limit is None or _km(places, SAMPLE["area"], est["outward_code"]) <= limit,
        rating_ok,
        est.get("status", "active") == "active",
        est["capacity"] >= SAMPLE["children"],
    ])


def expected_recipients(on: date, config: Path = CONFIG) -> dict[str, str]:
    """establishment key → the address its copy of the sample referral must go to."""
    arrangements = yaml.safe_load((config / "arrangements.yaml").read_text())["arrangements"]
    with (config / "places.csv").open(encoding="utf-8-sig") as handle:
        places = {r["outward_code"]: (float(r["latitude"]), float(r["longitude"]))
                  for r in csv.DictReader(handle)}
    expected: dict[str, str] = {}
    for path in sorted((config / "providers").glob("*.yaml")):
        for org in yaml.safe_load(path.read_text())["organisations"].values():
            for key, est in org["establishments"].items():
                if any(_passes(est, arrangements[a], places, on) for a in est["arrangements"]):
                    expected[key] = (est.get("contacts") or org["contacts"])[0]
    return expected
