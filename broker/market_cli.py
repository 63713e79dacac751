"""The market's commands: `broker directory export`, `broker applications list|show`,
`broker windows list`, and the check of the providers' forms in `broker config check`
(the rest of the command line is broker/cli.py, which adds these)."""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Helpers:
    """What broker/cli.py hands these commands: its settings and directory loaders, and
    its error for bad input (one line on stderr, exit 2)."""

    settings: Callable[[], Any]
    directory: Callable[[], Any]
    refuse: Callable[[str], Exception]


def _print(data: Any, as_json: bool, human: Any) -> None:
    print(json.dumps(data, indent=2, default=str) if as_json else human(data))


def form_problems(config_dir: Path) -> list[Any]:
    """The providers' forms (application and vacancy return), each problem at its line."""
    from broker.directory import ConfigProblem
    from broker.forms.market_forms import load_application_spec, load_vacancy_spec
    from broker.forms.spec import FormSpecError

    problems = []
    for load in (load_application_spec, load_vacancy_spec):
        try:
            load(config_dir)
        except FormSpecError as error:
            file = Path(error.path)
            inside = file.is_relative_to(config_dir)
            shown = str(file.relative_to(config_dir)) if inside else str(file)
            problems.append(ConfigProblem(shown, error.line or 0, error.message))
    return problems


def cmd_directory(helpers: Helpers, args: argparse.Namespace) -> int:
    from broker.market_views import export_directory

    if not args.target:
        raise helpers.refuse("give the folder to write to, e.g. broker directory export out")
    written = asyncio.run(export_directory(helpers.settings(), helpers.directory(),
                                           Path(args.target)))
    _print(written, args.json, lambda ws: "\n".join(ws) + f"\n{len(ws)} file(s) written; "
           "copy them over config/providers/ and run `broker config check`")
    return 0


def cmd_applications(helpers: Helpers, args: argparse.Namespace) -> int:
    from broker.market_views import list_applications, show_application

    if args.action == "list":
        rows = asyncio.run(list_applications(helpers.settings()))
        _print(rows, args.json, lambda rs: "\n".join(
            f"{r['reference']:<16} {r['state']:<18} {r['arrangement']:<28} {r['home']:<28} "
            f"{r['applicant']}" for r in rs) or "No applications yet.")
        return 0
    if not args.reference:
        raise helpers.refuse("give the application's reference, e.g. "
                             "broker applications show APP-2027-000001")
    shown = asyncio.run(show_application(helpers.settings(), args.reference))
    if shown is None:
        raise helpers.refuse(f"no application {args.reference}")
    _print(shown, args.json, lambda a: "\n".join(
        [f"{a['reference']}  {a['state']}  {a['arrangement']}  {a['home']}  {a['applicant']}"]
        + [f"  {e['at']}  {e['kind']}  {json.dumps(e['data'])}" for e in a["events"]]))
    return 0


def cmd_windows(helpers: Helpers, args: argparse.Namespace) -> int:
    from broker.market_views import list_windows

    rows = asyncio.run(list_windows(helpers.settings()))
    _print(rows, args.json, windows_text)
    return 0


def windows_text(rows: list[dict[str, Any]]) -> str:
    """One line a window, its moments in UK time as the console gives them (`--json` keeps
    the stored ISO values, in UTC)."""
    from datetime import datetime

    from channels.web.console.words import local

    def at(iso: str) -> str:
        return local(datetime.fromisoformat(iso))

    return "\n".join(
        f"{r['arrangement']:<28} {r['state']:<11} advert {at(r['advertise_at']):<18}  opens "
        f"{at(r['opens_at']):<18}  closes {at(r['closes_at'])}" for r in rows) \
        or "No windows planned."


JSON_HELP = "print one JSON document (the stored values) instead of text for people"


def add_market_commands(sub: Any, helpers: Helpers) -> None:
    """`broker directory`, `broker applications` and `broker windows`."""
    directory_ = sub.add_parser("directory", help="the live directory, exported as YAML")
    directory_.add_argument("action", choices=["export"])
    directory_.add_argument("target", nargs="?", help="the folder to write providers/*.yaml to")
    directory_.add_argument("--json", action="store_true", help=JSON_HELP)
    directory_.set_defaults(run=partial(cmd_directory, helpers))
    applications = sub.add_parser("applications", help="providers' applications to join lists")
    applications.add_argument("action", choices=["list", "show"])
    applications.add_argument("reference", nargs="?",
                              help="with show: the application's reference, e.g. APP-2027-000001")
    applications.add_argument("--json", action="store_true", help=JSON_HELP)
    applications.set_defaults(run=partial(cmd_applications, helpers))
    windows = sub.add_parser("windows", help="when each list reopens to new providers")
    windows.add_argument("action", choices=["list"])
    windows.add_argument("--json", action="store_true", help=JSON_HELP)
    windows.set_defaults(run=partial(cmd_windows, helpers))
