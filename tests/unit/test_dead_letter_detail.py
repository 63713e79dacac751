"""A dead letter's detail is what an operator reads to find the cause (`broker dead-letters
show`, the console's page for operators): where it failed and the kind of each error, and
for a database error its statement, but never what the failing work was given. An error's
own message may quote a value (a child's name from a form), so none is kept; and a detail
kept before, with messages and a statement's values, is shown without them."""

from __future__ import annotations

from workflows.dead_letters import shown_detail
from workflows.txn import failure_detail

CHILD = "Casey Marie Hollin"


def _fee(text: str) -> int:
    return int(text)


def _failed() -> Exception:
    try:
        try:
            _fee(CHILD)
        except ValueError as error:
            raise KeyError(f"no fee for {CHILD}") from error
    except KeyError as error:
        return error
    raise AssertionError("unreachable")


def test_the_detail_says_where_and_what_kind_never_the_message() -> None:
    detail = failure_detail(_failed())
    assert CHILD not in detail and "Casey" not in detail
    assert "in _fee" in detail and "return int(text)" in detail  # where it failed
    assert "builtins.ValueError" in detail and "builtins.KeyError" in detail  # both, in turn
    assert detail.index("ValueError") < detail.index("KeyError")


OLD = f"""Traceback (most recent call last):
  File "/srv/broker/workflows/inbound.py", line 310, in _handle
    fee = int(text)
ValueError: invalid literal for int() with base 10: '{CHILD}'

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/srv/broker/workflows/store.py", line 88, in save
    await session.flush()
sqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError) NOT NULL constraint failed: x.y
[SQL: INSERT INTO referral (form, state) VALUES (?, ?)]
[parameters: ('{{"child": "{CHILD}"}}', 'open')]
"""


def test_a_detail_kept_before_is_shown_without_messages_or_values() -> None:
    shown = shown_detail(OLD)
    assert CHILD not in shown and "parameters" not in shown
    assert '  File "/srv/broker/workflows/inbound.py", line 310, in _handle' in shown
    assert "    fee = int(text)" in shown
    assert "\nValueError\n" in shown and "\nsqlalchemy.exc.IntegrityError\n" in shown
    assert "[SQL: INSERT INTO referral (form, state) VALUES (?, ?)]" in shown


def test_what_the_service_keeps_now_is_shown_as_kept() -> None:
    detail = failure_detail(_failed())
    assert shown_detail(detail) == detail.rstrip("\n")


OLD_MULTILINE = f"""Traceback (most recent call last):
  File "/srv/broker/broker/forms/referral.py", line 120, in parse
    child = Child.model_validate(fields)
            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
pydantic_core._pydantic_core.ValidationError: 1 validation error for Child
{CHILD} 04/09/2012 NHS 999 000 0018
  input_value='{CHILD}', dob='04/09/2012'
    For further information visit https://errors.pydantic.dev/2.5/v/value_error
"""


def test_an_old_message_running_over_several_lines_is_not_shown() -> None:
    """Every line of an old error's message goes, not only what follows its kind's `: `:
    its lines may name the child, her date of birth and NHS number."""
    shown = shown_detail(OLD_MULTILINE)
    assert CHILD not in shown and "999 000 0018" not in shown and "04/09/2012" not in shown
    assert "input_value" not in shown and "validation error" not in shown
    assert shown.splitlines() == [
        "Traceback (most recent call last):",
        '  File "/srv/broker/broker/forms/referral.py", line 120, in parse',
        "    child = Child.model_validate(fields)",
        "            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "pydantic_core._pydantic_core.ValidationError"]


def _error_of(code: str) -> BaseException:
    try:
        exec(code, {})  # noqa: S102 - fixed code of the test's own
    except Exception as error:  # noqa: BLE001 - the error is what the test reads
        return error
    raise AssertionError("unreachable")


def test_an_error_of_the_code_names_what_it_missed() -> None:
    """Round ux48 U14: a NameError in a handler was shown as 'builtins.NameError' alone, so an
    operator could not tell what was missing; a name is code, never data, and is shown."""
    for code, missing in (
            ("undefined_helper(1)", "undefined_helper"),
            ("def f():\n    x = y\n    y = 1\nf()", "y"),
            ("None.bar", "NoneType.bar"),
            ("from os import nothing_here", "os.nothing_here"),
            ("import no_such_module_zz", "no_such_module_zz")):
        shown = shown_detail(failure_detail(_error_of(code)))
        assert f"[missing: {missing}]" in shown.splitlines(), code


def test_a_value_error_s_message_is_never_a_missing_name() -> None:
    detail = failure_detail(_error_of(f"int({CHILD!r})"))
    assert "[missing:" not in detail and "Casey" not in detail
    odd = _error_of(f"getattr(object(), {CHILD!r})")  # a name that is no identifier
    assert "[missing:" not in failure_detail(odd) and "Casey" not in failure_detail(odd)
