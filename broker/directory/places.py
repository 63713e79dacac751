"""`config/places.csv`: outward code → approximate centroid and region, for distance rules.

The file has a header `outward_code,latitude,longitude,region` and one row per outward code.
Centroids need only be approximate: distances are compared with limits in tens of kilometres.
"""

from __future__ import annotations

import csv
import io
import re

from broker.directory.model import Place
from broker.directory.problems import ConfigProblem

HEADER = ("outward_code", "latitude", "longitude", "region")
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
# England lies well inside this box; a value outside it is a typo or swapped columns.
LATITUDE_RANGE = (49.5, 56.0)
LONGITUDE_RANGE = (-6.5, 2.0)


def normalise_outward_code(code: str) -> str:
    return code.strip().upper()


def read_places(text: str, file: str) -> tuple[list[Place], list[ConfigProblem]]:
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None or tuple(h.strip() for h in header) != HEADER:
        return [], [ConfigProblem(file, 1, f"the first line should be {','.join(HEADER)}")]
    places: list[Place] = []
    problems: list[ConfigProblem] = []
    seen: dict[str, int] = {}
    for row in rows:
        line = rows.line_num
        if not row or not any(cell.strip() for cell in row):
            continue
        place = _place(row)
        if isinstance(place, str):
            problems.append(ConfigProblem(file, line, place))
        elif place.outward_code in seen:
            first = seen[place.outward_code]
            message = f"outward code {place.outward_code} is listed twice (first at line {first})"
            problems.append(ConfigProblem(file, line, message))
        else:
            seen[place.outward_code] = line
            places.append(place)
    return places, problems


def _place(row: list[str]) -> Place | str:
    """The row's place, or what is wrong with the row."""
    if len(row) != len(HEADER):
        return f"expected 4 columns ({','.join(HEADER)}), found {len(row)}"
    code, latitude, longitude, region = (cell.strip() for cell in row)
    code = normalise_outward_code(code)
    if not OUTWARD_CODE.match(code):
        return f"'{code}' is not an outward code such as SE15"
    try:
        lat, lon = float(latitude), float(longitude)
    except ValueError:
        return f"{code}: latitude and longitude should be decimal degrees"
    if not LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1]:
        return f"{code}: latitude {lat} is not in England"
    if not LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]:
        return f"{code}: longitude {lon} is not in England"
    if not region:
        return f"{code}: region is empty"
    return Place(code, lat, lon, region)
