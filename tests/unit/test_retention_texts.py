"""The table of the timeline's free text the purge anonymises (workflows/retention_texts.py):
reading and replacing the words at its paths, and a check that every field of every
timeline entry the service writes is either listed there or known to hold no one's words.

The check reads the source: each `RecordEvent(kind, data)` call in broker/, workflows/ and
channels/, its data's keys followed through the names, `|`, `**` and same-module calls it is
built from. A field it cannot place fails the test, naming the file and line: list it in
`EVENT_TEXTS` when a person's words can reach it, or below in `NOT_WORDS` when they cannot.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from workflows.retention_texts import ANY_KIND, EVENT_TEXTS, paths_of, texts_in, with_texts

ROOT = Path(__file__).resolve().parents[2]

# Keys that hold codes, numbers, dates, digests, our own generated words, or who acted (the
# audit trail: staff's, providers' and commissioners' addresses and names), never a
# person's free words about the child.
_NOT_WORDS = """
    accepted account addresses agreed_fee answer_to approved_fee asked authenticated
    because by cascade channel child_views closes confirm_by copied cost_avoided_weekly
    costs_only current_written days deadline decision declines duplicates email
    establishment establishments expires fee fields first_year from home homes
    instruction interested ipa_signature labels late later_start limit meant message_id
    missing moved name needs_sign_off negotiation no_reply of offers on one_off options
    parents_views passed_on per_day permission placement_type proved providers questions
    reasons remaining reopened requested_fee round rounds safety sender seq
    signed_off_fee signed_off_one_off signed_off_total start start_agreed start_date
    start_on_record state still_to_decide tiers to total unproved urgency wave waves
    weekly_fee why written
"""
NOT_WORDS = frozenset(_NOT_WORDS.split())


# --- the table's reading and replacing -----------------------------------------------------


def test_texts_are_read_at_their_paths_and_nowhere_else() -> None:
    data = {
        "reasons": ["one-provider-asked"],
        "duplicates": ["REF-1"],
        "one_provider": {"sentence": "Cee knows Larch House", "provider": "Larch Care"},
        "reason": "",
        "by": "sam.taylor@northby.gov.example",
    }
    assert dict(texts_in("held", data)) == {("one_provider", "sentence"): "Cee knows Larch House"}
    assert dict(texts_in("chased", {"by": "x", "wave": 1})) == {}
    assert dict(texts_in("unlisted-kind", {"reason": "Cee went home"})) == {
        ("reason",): "Cee went home"
    }  # any kind's reason, listed or not
    assert dict(texts_in("held", {"one_provider": "not a mapping"})) == {}


def test_replacing_changes_only_the_paths_given_and_never_the_original() -> None:
    data = {
        "one_provider": {"sentence": "Cee knows Larch House", "provider": "Larch Care"},
        "reasons": ["one-provider-asked"],
    }
    replaced = with_texts(data, {("one_provider", "sentence"): "[name] knows Larch House"})
    assert replaced == {
        "one_provider": {"sentence": "[name] knows Larch House", "provider": "Larch Care"},
        "reasons": ["one-provider-asked"],
    }
    assert data["one_provider"]["sentence"] == "Cee knows Larch House"  # type: ignore[index]


def test_every_kind_also_gives_its_reason() -> None:
    assert set(ANY_KIND) <= set(paths_of("delivery-failed")) and ("error",) in paths_of(
        "delivery-failed"
    )


# --- every field the service writes is placed -----------------------------------------------


def _modules() -> dict[Path, ast.Module]:
    return {
        path: ast.parse(path.read_text(), str(path))
        for folder in ("broker", "workflows", "channels")
        for path in sorted((ROOT / folder).rglob("*.py"))
    }


def _constants(modules: dict[Path, ast.Module]) -> dict[str, str]:
    """Module-level string constants (`HELD = "counter-start-held"`, `A, B = "a", "b"`)."""
    found: dict[str, str] = {}
    for tree in modules.values():
        for node in tree.body:
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                pairs = (
                    zip(target.elts, node.value.elts, strict=False)
                    if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple)
                    else [(target, node.value)]
                )
                for name, value in pairs:
                    if (
                        isinstance(name, ast.Name)
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                    ):
                        found[name.id] = value.value
    return found


class _Keys:
    """The top-level keys a data expression can hold, followed within its module."""

    def __init__(self, tree: ast.Module) -> None:
        self.functions = {
            n.name: n
            for n in ast.walk(tree)
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        self.seen: set[int] = set()

    def of(self, node: ast.expr, scope: ast.AST) -> set[str] | None:
        if id(node) in self.seen:
            return set()
        self.seen.add(id(node))
        if isinstance(node, ast.Constant) and node.value is None:
            return set()  # (no data: `changed = None if … else {…}`)
        if isinstance(node, ast.Dict):
            keys: set[str] | None = set()
            for key, value in zip(node.keys, node.values, strict=True):
                more = (
                    {key.value}
                    if isinstance(key, ast.Constant)
                    else (self.of(value, scope) if key is None else None)
                )
                keys = None if keys is None or more is None else keys | more
            return keys
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return self._both(node.left, node.right, scope)
        if isinstance(node, ast.IfExp):
            return self._both(node.body, node.orelse, scope)
        if isinstance(node, ast.Name):
            return self._assigned(node.id, scope)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "dict" and node.args:
                return self.of(node.args[0], scope)
            function = self.functions.get(node.func.id)
            if function is not None:
                returns = [
                    self.of(r.value, function)
                    for r in ast.walk(function)
                    if isinstance(r, ast.Return) and r.value is not None
                ]
                return None if None in returns else set().union(*returns)  # type: ignore[arg-type]
        return None

    def _both(self, one: ast.expr, other: ast.expr, scope: ast.AST) -> set[str] | None:
        left, right = self.of(one, scope), self.of(other, scope)
        return None if left is None or right is None else left | right

    def _assigned(self, name: str, scope: ast.AST) -> set[str] | None:
        values = [
            n.value
            for n in ast.walk(scope)
            if isinstance(n, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)
        ]
        keys = {
            t.slice.value
            for n in ast.walk(scope)
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Subscript)
            and isinstance(t.value, ast.Name)
            and t.value.id == name
            and isinstance(t.slice, ast.Constant)
        }
        found = [self.of(value, scope) for value in values]
        return None if not found or None in found else keys.union(*found)  # type: ignore[arg-type]


def _kind_pattern(node: ast.expr, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.Name) and node.id in constants:
        return re.escape(constants[node.id])
    if isinstance(node, ast.JoinedStr):  # f"approval-{decision}": every kind it can be
        return "".join(
            re.escape(p.value) if isinstance(p, ast.Constant) else ".+" for p in node.values
        )
    return None


def unplaced(modules: dict[Path, ast.Module]) -> list[str]:
    """Each RecordEvent field neither in the table nor known to hold no one's words, and
    each RecordEvent whose kind or keys cannot be read, as "file:line kind key"."""
    constants, problems = _constants(modules), []
    for path, tree in modules.items():
        keys_of = _Keys(tree)
        owner: dict[int, ast.AST] = {}  # each node's innermost function (walked outer first)
        for function in keys_of.functions.values():
            owner.update({id(node): function for node in ast.walk(function)})
        for call in [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and getattr(n.func, "id", getattr(n.func, "attr", "")) == "RecordEvent"
        ]:
            scope = owner.get(id(call), tree)
            keys_of.seen = set()  # (a guard against cycles, per call)
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            pattern = _kind_pattern(call.args[0], constants) if call.args else None
            keys = keys_of.of(call.args[1], scope) if len(call.args) > 1 else set()
            if pattern is None or keys is None:
                problems.append(f"{where} cannot be read")
                continue
            listed = {
                path[0]
                for kind, paths in EVENT_TEXTS.items()
                if re.fullmatch(pattern, kind)
                for path in paths
            }
            listed |= {path[0] for path in ANY_KIND}
            problems += [
                f"{where} {pattern} {key}"
                for key in sorted(keys)
                if key not in listed and key not in NOT_WORDS
            ]
    return sorted(set(problems))


def test_every_field_of_every_timeline_entry_is_placed() -> None:
    modules = _modules()
    assert (
        sum(
            1
            for tree in modules.values()
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "RecordEvent"
        )
        > 50
    )
    assert unplaced(modules) == []


def test_a_new_field_of_words_is_caught() -> None:
    """The check itself: a kind that keeps a home's note, built through a name and a helper,
    is reported until the table lists the note."""
    source = """
def _extra(reply):
    return {"note": reply.body_text}

def record(reply):
    data = {"establishment": reply.key, **_extra(reply)}
    return [RecordEvent("home-note", data | {"wave": 1})]
"""
    found = unplaced({ROOT / "workflows" / "example.py": ast.parse(source)})
    assert found == ["workflows/example.py:7 home\\-note note"]
