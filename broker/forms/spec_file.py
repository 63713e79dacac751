"""Reading a form's YAML file strictly, with the line of every problem.

`broker config check` prints each configuration problem with its file and line, so the loader
keeps YAML line numbers (a `__line__` entry in every mapping) and checks every entry: unknown
keys, wrong types, an unknown value kind, a label or code word claimed twice.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NoReturn

import yaml

from broker.forms.words import normalise_label, normalise_words

_LINE = "__line__"
_FIELD_KEYS = {
    "key", "label", "synonyms", "required", "identifying", "kind", "paragraphs",
    "required_for", "example", "codes",
}
_TOP_KEYS = {"form", "fields", "answers", "prose"}
_PROSE_KEYS = {"means", "decline_reason", "phrases"}
_JSON_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_CODE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class SpecFileError(ValueError):
    """A problem in a form file, with where it is."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10x faster


class _LineLoader(_SafeLoader):  # type: ignore[misc]
    """SafeLoader that records, in each mapping, the line the mapping starts on."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def read_form_file(path: Path) -> dict[str, Any]:
    """The file's top-level mapping, or SpecFileError."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SpecFileError(path, None, f"cannot read the file: {error}") from error
    try:
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise SpecFileError(path, line, f"not valid YAML: {error}") from error
    if not isinstance(document, dict):
        raise SpecFileError(path, None, "the file must be a mapping with 'form' and 'fields'")
    return document


class Checker:
    """Typed access to one mapping of a form file; every problem names the file and line."""

    def __init__(self, path: Path | str, mapping: dict[str, Any], allowed: set[str]) -> None:
        self.path, self.mapping = path, mapping
        self.line: int | None = mapping.get(_LINE)
        unknown = sorted(str(k) for k in mapping if k != _LINE and k not in allowed)
        if unknown:
            self.fail(f"unknown entry {unknown[0]!r}; expected one of {sorted(allowed)}")

    def fail(self, message: str) -> NoReturn:
        raise SpecFileError(self.path, self.line, message)

    def text(
        self, name: str, *, required: bool = True, pattern: re.Pattern[str] | None = None
    ) -> str:
        value = self.mapping.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{name!r} must be a non-empty text")
        if pattern is not None and not pattern.match(value):
            self.fail(f"{name!r} value {value!r} is not allowed here")
        return str(value).strip()

    def flag(self, name: str) -> bool:
        value = self.mapping.get(name, False)
        if not isinstance(value, bool):
            self.fail(f"{name!r} must be true or false")
        return bool(value)

    def words(self, name: str, value: Any = None) -> tuple[str, ...]:
        value = self.mapping.get(name, []) if value is None else value
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(f"{name!r} must be a list of texts (quote words such as \"yes\" or \"16+\")")
        return tuple(v.strip() for v in value)


def check_field(path: Path | str, raw: Any, kinds: tuple[str, ...]) -> dict[str, Any]:
    """One field entry as keyword arguments for FieldSpec."""
    if not isinstance(raw, dict):
        raise SpecFileError(path, None, "each field must be a mapping")
    check = Checker(path, raw, _FIELD_KEYS)
    kind = check.text("kind")
    if kind not in kinds:
        check.fail(f"kind {kind!r} is not one of {', '.join(kinds)}")
    codes = check_codes(check, raw.get("codes"), name=check.text("key"))
    if (kind in ("code", "codes")) != bool(codes):
        check.fail("a field has 'codes' exactly when its kind is code or codes")
    return {
        "key": check.text("key", pattern=_JSON_KEY),
        "label": check.text("label"),
        "kind": kind,
        "synonyms": check.words("synonyms"),
        "required": check.flag("required"),
        "identifying": check.flag("identifying"),
        "paragraphs": check.flag("paragraphs"),
        "required_for": check.words("required_for"),
        "example": check.text("example", required=False),
        "codes": codes,
        "line": check.line,
    }


def check_codes(check: Checker, raw: Any, *, name: str) -> dict[str, tuple[str, ...]]:
    """A `code: [synonyms]` mapping; no word may mean two codes."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        check.fail(f"codes of {name!r} must map each code to a list of synonyms")
    codes: dict[str, tuple[str, ...]] = {}
    meaning: dict[str, str] = {}
    for code, synonyms in raw.items():
        if code == _LINE:
            continue
        if not isinstance(code, str) or not _CODE.match(code):
            check.fail(f"code {code!r} of {name!r} must be lower-case letters, digits and '-'")
        codes[code] = check.words(f"codes.{code}", synonyms or [])
        for word in (code, *codes[code]):
            other = meaning.setdefault(normalise_words(word), code)
            if other != code:
                check.fail(f"{word!r} in {name!r} means both {other!r} and {code!r}")
    return codes


def check_unique_labels(path: Path | str, fields: list[dict[str, Any]]) -> None:
    """No two fields may share a key or a label (after normalisation)."""
    owner: dict[str, str] = {}
    for entry in fields:
        if entry["key"] in (v for v in owner.values()):
            raise SpecFileError(path, entry["line"], f"key {entry['key']!r} appears twice")
        for label in (entry["key"], entry["label"], *entry["synonyms"]):
            other = owner.setdefault(normalise_label(label), entry["key"])
            if other != entry["key"]:
                message = f"label {label!r} is claimed by both {other!r} and {entry['key']!r}"
                raise SpecFileError(path, entry["line"], message)


def check_document(
    path: Path | str, document: dict[str, Any], kinds: tuple[str, ...]
) -> dict[str, Any]:
    """The whole file checked: name, fields, answers and prose rules as plain data."""
    top = Checker(path, document, _TOP_KEYS)
    raw_fields = document.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        top.fail("'fields' must be a non-empty list")
    fields = [check_field(path, raw, kinds) for raw in raw_fields]
    check_unique_labels(path, fields)
    answers = check_codes(top, document.get("answers"), name="answers")
    if set(answers) - {"yes", "no"}:
        top.fail("'answers' may only hold \"yes\" and \"no\"")
    return {
        "name": top.text("form", pattern=_JSON_KEY),
        "fields": fields,
        "answers": answers,
        "prose": [check_prose(path, raw) for raw in document.get("prose") or []],
    }


def check_prose(path: Path | str, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise SpecFileError(path, None, "each prose rule must be a mapping")
    check = Checker(path, raw, _PROSE_KEYS)
    return {
        "means": check.text("means", pattern=_CODE),
        "decline_reason": check.text("decline_reason", required=False, pattern=_CODE) or None,
        "phrases": check.words("phrases"),
    }
