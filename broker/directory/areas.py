"""Where a place a referral names is, as far as the directory's places list can tell.

`locate("the M25", places)` → Greater London; `locate("Manchester", places)` → the M
postcode area; `locate("SE15", places)` → that district. The places list
(`config/places.csv`) gives each outward code its region and centroid; on top of it this
module knows the regions' other names ("Greater London", "inside the M25", "the Midlands",
"the North"), London by its compass points (the SE, SW, E, N, NW, W postcode areas), and
towns and counties by their postcode areas (Royal Mail's names: "Manchester" is M, "Leeds"
LS; a county is its areas, roughly: a keep-away errs on the side of keeping out).

An `Area` holds a home when the home's outward code is one of its districts, in one of its
postcode areas, or in one of its regions. Its distance from a home is the distance to the
nearest listed district it holds (a district the list lacks is placed by its postcode
area's listed districts); None when the list places none of it: the caller must not guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from broker.directory.model import Place

__all__ = ["Area", "locate", "nearest_km"]


@dataclass(frozen=True)
class Area:
    """A place named in a referral, as regions, postcode areas and outward codes."""

    name: str
    regions: frozenset[str] = frozenset()
    postcode_areas: frozenset[str] = frozenset()
    districts: frozenset[str] = frozenset()

    def holds(self, outward_code: str, places: Mapping[str, Place]) -> bool:
        code = outward_code.strip().upper()
        place = places.get(code)
        return (code in self.districts or postcode_area(code) in self.postcode_areas
                or (place is not None and place.region.lower() in self.regions))


def postcode_area(outward_code: str) -> str:
    """`'SE15'` → `'SE'`."""
    return re.sub(r"[0-9].*$", "", outward_code.strip().upper())


_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_LONDON, _NORTH = ("london",), ("north west", "north east", "yorkshire and the humber")
_MIDLANDS = ("west midlands", "east midlands")
# Other names of the regions the places list gives.
_REGIONS: dict[str, tuple[str, ...]] = {
    "greater london": _LONDON, "m25": _LONDON, "inside the m25": _LONDON,
    "within the m25": _LONDON, "london area": _LONDON, "london boroughs": _LONDON,
    "any london borough": _LONDON, "north": _NORTH, "north of england": _NORTH,
    "northern england": _NORTH, "midlands": _MIDLANDS, "yorkshire": ("yorkshire and the humber",),
    "south east england": ("south east",), "south east of england": ("south east",),
    "north west england": ("north west",), "north east england": ("north east",),
}
# Postcode areas by the town, county or part of London a referral calls them.
_AREAS: dict[str, tuple[str, ...]] = {
    "south east london": ("SE",), "se london": ("SE",), "south west london": ("SW",),
    "sw london": ("SW",), "east london": ("E",), "north london": ("N",),
    "north west london": ("NW",), "nw london": ("NW",), "west london": ("W",),
    "central london": ("EC", "WC"), "croydon": ("CR",), "bromley": ("BR",),
    "kingston": ("KT",), "romford": ("RM",), "ilford": ("IG",), "dartford": ("DA",),
    "manchester": ("M",), "greater manchester": ("M", "BL", "OL", "SK", "WN"),
    "liverpool": ("L",), "merseyside": ("L", "CH", "WA", "PR"), "birmingham": ("B",),
    "leeds": ("LS",), "sheffield": ("S",), "bradford": ("BD",), "wakefield": ("WF",),
    "hull": ("HU",), "york": ("YO",), "newcastle": ("NE",), "newcastle upon tyne": ("NE",),
    "tyneside": ("NE",), "sunderland": ("SR",), "middlesbrough": ("TS",), "teesside": ("TS",),
    "cleveland": ("TS",), "durham": ("DH",), "nottingham": ("NG",), "leicester": ("LE",),
    "derby": ("DE",), "northampton": ("NN",), "coventry": ("CV",), "wolverhampton": ("WV",),
    "walsall": ("WS",), "stoke": ("ST",), "stoke on trent": ("ST",), "medway": ("ME",),
    "rochester": ("ME",), "tunbridge wells": ("TN",), "redhill": ("RH",), "guildford": ("GU",),
    "brighton": ("BN",), "canterbury": ("CT",), "milton keynes": ("MK",),
    "southend": ("SS",), "southend on sea": ("SS",), "chelmsford": ("CM",), "luton": ("LU",),
    "bristol": ("BS",), "oxford": ("OX",), "cambridge": ("CB",), "norwich": ("NR",),
    "kent": ("CT", "ME", "TN", "DA"), "essex": ("CM", "SS", "CO"), "surrey": ("GU", "KT", "RH"),
    "sussex": ("BN", "RH", "TN"), "west yorkshire": ("LS", "BD", "WF", "HD", "HX"),
    "south yorkshire": ("S", "DN"), "tyne and wear": ("NE", "SR"),
}
_SUFFIXES = (" area", " areas", " postcodes", " postcode area", " region", " city centre",
             " city", " borough", " and surrounding areas", " and surrounding area")


def locate(name: str, places: Mapping[str, Place]) -> Area | None:
    """The area `name` means, or None when neither the places list nor this module knows it."""
    key = _key(name)
    if not key:
        return None
    if key in _REGIONS:  # first: "the M25" is the motorway round London, not Prestwich
        return Area(name, regions=frozenset(_REGIONS[key]))
    code = key.upper().replace(" ", "")
    if _OUTWARD.match(code) and any(ch.isdigit() for ch in code):
        return Area(name, districts=frozenset({code}))
    regions = {place.region.lower() for place in places.values()}
    if key in regions:
        return Area(name, regions=frozenset({key}))
    if key in _AREAS:
        return Area(name, postcode_areas=frozenset(_AREAS[key]))
    return None


def nearest_km(area: Area, outward_code: str, places: Mapping[str, Place],
               measure: Callable[[str, str], float | None]) -> float | None:
    """The distance from `outward_code` to the nearest listed district `area` holds (a district
    the list lacks: its postcode area's listed districts), None when the list has none."""
    held = [code for code in places if area.holds(code, places)]
    if not held:
        held = [code for code in places
                if postcode_area(code) in {postcode_area(d) for d in area.districts}]
    distances = [d for d in (measure(outward_code, code) for code in held) if d is not None]
    return min(distances) if distances else None


def _key(name: str) -> str:
    key = " ".join(re.sub(r"[\-–—'’.]", " ", name.lower()).split())
    key = re.sub(r"^(?:anywhere in|any part of|anywhere|any|all|the|of)\s+", "", key)
    key = re.sub(r"^(?:the|of)\s+", "", key)
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and key != suffix.strip():
            key = key[: -len(suffix)]
    return key
