"""YAML read with line numbers: every mapping knows its own line and the line of each key.

PyYAML's `compose` gives nodes with marks; this module turns them into plain Python values
where mappings are `LocatedDict` and sequences `LocatedList` (ordinary dict and list, plus
`line`, `key_lines` / `item_lines`, all 1-based). Duplicate keys, which PyYAML would silently
collapse into the last one, are reported instead.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from broker.directory.problems import ConfigProblem

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STR_TAG = "tag:yaml.org,2002:str"


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, remembering how each plain value resolved: configuration repeats the
    same few words (`residential`, `good`, `semh`) thousands of times in a large directory."""

    _resolved: dict[tuple[str, tuple[bool, bool]], str] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not ScalarNode or not isinstance(value, str):
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._resolved.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._resolved) < 100_000:
                self._resolved[key] = tag
        return tag


class LocatedDict(dict[str, Any]):
    """A YAML mapping that remembers where it and each of its keys were written."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list[Any]):
    """A YAML sequence that remembers where it and each of its items were written."""

    line: int
    item_lines: list[int]


def read_yaml(text: str, file: str) -> tuple[Any, list[ConfigProblem]]:
    """Parse one YAML document; returns (value, problems). A syntax error gives value None."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        message = f"not valid YAML: {error.problem or error}"
        if error.context and error.context_mark:
            message += f" ({error.context} at line {error.context_mark.line + 1})"
        return None, [ConfigProblem(file, line, message)]
    except yaml.YAMLError as error:
        return None, [ConfigProblem(file, 0, f"not valid YAML: {error}")]
    if root is None:
        return None, []
    converter = _Converter(file)
    return converter.convert(root), converter.problems


class _Converter:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[ConfigProblem] = []
        self.constructor = SafeConstructor()

    def convert(self, node: Node) -> Any:
        if isinstance(node, MappingNode):
            return self._mapping(node)
        if isinstance(node, SequenceNode):
            return self._sequence(node)
        return self._scalar(node)

    def _scalar(self, node: Node) -> Any:
        assert isinstance(node, ScalarNode)
        if node.tag == STR_TAG:
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as error:
            self._problem(node, f"cannot read value {node.value!r}: {error}")
            return node.value

    def _sequence(self, node: SequenceNode) -> LocatedList:
        located = LocatedList(self.convert(item) for item in node.value)
        located.line = node.start_mark.line + 1
        located.item_lines = [item.start_mark.line + 1 for item in node.value]
        return located

    def _mapping(self, node: MappingNode) -> LocatedDict:
        located = LocatedDict()
        located.line = node.start_mark.line + 1
        located.key_lines = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node)
            if not isinstance(key, str):
                self._problem(key_node, f"key {key!r} should be a name, not {type(key).__name__}")
                key = str(key)
            if key in located:
                first = located.key_lines[key]
                self._problem(key_node, f"duplicate key '{key}' (first written at line {first})")
                continue
            located[key] = self.convert(value_node)
            located.key_lines[key] = key_node.start_mark.line + 1
        return located

    def _problem(self, node: Node, message: str) -> None:
        self.problems.append(ConfigProblem(self.file, node.start_mark.line + 1, message))
