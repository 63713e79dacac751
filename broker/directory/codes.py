"""The code lists the directory is checked against: placement types (lots) and need codes.

The consortium's referral form (`config/forms/referral.yaml`, owned by `broker.forms`) is the
authority on both lists. This module reads only the codes from it and is tolerant of its
layout: it looks for a key such as `placement_types` / `placement_type` (or `needs` /
`need_codes`), or a field entry such as `- key: placement_type`, whose value or `codes` /
`values` / `options` is a list of codes, a list of `{code: …}` entries or a mapping keyed by
code (to its synonyms). Without the file, or when a list is not
found in it, the defaults of the standard referral form apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from broker.directory.model import DEFAULT_LOTS, DEFAULT_NEEDS

FORM_FILE = Path("forms") / "referral.yaml"
LOT_KEYS = ("placement_types", "placement_type", "lots")
NEED_KEYS = ("need_codes", "needs_codes", "needs", "need")
WRAPPER_KEYS = ("codes", "values", "options", "choices")
NAME_KEYS = ("key", "name", "field", "id")
# Keys of a field definition; a mapping holding any of them is not a mapping keyed by code.
FIELD_KEYS = {"label", "labels", "synonyms", "required", "type", "identifying", "json", "example"}
CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class CodeLists:
    lots: tuple[str, ...] = DEFAULT_LOTS
    needs: tuple[str, ...] = DEFAULT_NEEDS


def read_code_lists(config_dir: Path) -> CodeLists:
    """The lots and need codes for this consortium (defaults when its form does not say)."""
    path = config_dir / FORM_FILE
    if not path.is_file():
        return CodeLists()
    try:
        tree = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return CodeLists()  # the forms module reports a broken form; here the defaults do
    lots = _find_codes(tree, LOT_KEYS)
    needs = _find_codes(tree, NEED_KEYS)
    return CodeLists(lots=lots or DEFAULT_LOTS, needs=needs or DEFAULT_NEEDS)


def _find_codes(tree: Any, names: tuple[str, ...], depth: int = 0) -> tuple[str, ...] | None:
    """Depth-first, in file order: the first key or field named in `names` with a code list."""
    if depth > 6 or not isinstance(tree, dict | list):
        return None
    children = list(tree.values()) if isinstance(tree, dict) else list(tree)
    if isinstance(tree, dict):
        for name in names:
            codes = _codes(tree.get(name))
            if codes:
                return codes
        if any(tree.get(label) in names for label in NAME_KEYS):  # `- key: needs` + `codes:`
            codes = _codes({w: tree[w] for w in WRAPPER_KEYS if w in tree})
            if codes:
                return codes
    for child in children:
        found = _find_codes(child, names, depth + 1)
        if found:
            return found
    return None


def _codes(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, dict):
        for wrapper in WRAPPER_KEYS:
            if wrapper in value:
                return _codes(value[wrapper])
        if value and _looks_like_codes(value):
            return tuple(value)
        return None
    if isinstance(value, list) and value:
        codes = [_code_of(item) for item in value]
        if all(isinstance(code, str) and CODE_PATTERN.match(code) for code in codes):
            return tuple(str(code) for code in codes)
    return None


def _code_of(item: Any) -> str | None:
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, dict):
        for key in ("code", "key", "value", "id"):
            if isinstance(item.get(key), str):
                return item[key].strip()
        if len(item) == 1 and isinstance(next(iter(item)), str):
            return next(iter(item))  # `- residential: [children's home, RCH]`
    return None


def _looks_like_codes(mapping: dict[str, Any]) -> bool:
    """A mapping keyed by code holds synonyms or descriptions, not field definitions."""
    keys_are_codes = all(isinstance(key, str) and CODE_PATTERN.match(key) for key in mapping)
    values_are_notes = all(isinstance(v, list | str | dict) or v is None for v in mapping.values())
    return keys_are_codes and values_are_notes and not FIELD_KEYS & set(mapping)
