"""The `broker` command line (interfaces.md): serve, dry runs, directory and referral views.

`--json` prints one JSON document on stdout; human output is for people. A command that cannot
do its job prints one clear line on stderr and exits non-zero (2 for bad input).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from broker.settings import Settings


class UserFacingError(Exception):
    """Bad input from the person at the terminal: one line on stderr, exit 2."""


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(f"BROKER_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}"
                             for e in error.errors())
        raise UserFacingError(f"bad setting: {problems}") from error


def _print(data: Any, as_json: bool, human: Callable[[Any], str]) -> None:
    print(json.dumps(data, indent=2, default=str) if as_json else human(data))


def cmd_serve(_args: argparse.Namespace) -> int:
    from broker.app import serve

    settings = _settings()
    logging.basicConfig(level=settings.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # one line per sweep is noise
    asyncio.run(serve(settings))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from broker.demo.run import DemoError, run_demo

    try:
        return run_demo(args.window, quiet=args.quiet, stay=args.stay)
    except DemoError as error:
        raise UserFacingError(str(error)) from error


def cmd_config_check(_args: argparse.Namespace) -> int:
    from broker.directory import check_config

    settings = _settings()
    problems = check_config(settings.config_dir)
    for problem in problems:
        print(f"{problem.file}:{problem.line}: {problem.message}")
    if problems:
        print(f"{len(problems)} problem(s) in {settings.config_dir}", file=sys.stderr)
        return 2
    print(f"{settings.config_dir}: no problems found")
    return 0


def cmd_providers(args: argparse.Namespace) -> int:
    directory = _directory()
    rows = directory.providers_json()
    _print(rows, args.json, lambda rs: "\n".join(
        f"{r['organisation']:<34} {r['establishment']:<34} {r['contact']:<40} "
        f"{','.join(r['lots']):<28} {r['status']}" for r in rs))
    return 0


def cmd_authorities(args: argparse.Namespace) -> int:
    rows = _directory().authorities_json()
    _print(rows, args.json, lambda rs: "\n\n".join(
        f"{r['name']}\n  domains: {', '.join(r['domains'])}\n  referrers: "
        f"{', '.join(r['referrers'])}\n  placements team: {r['placements_team']}\n"
        f"  commissioners: {', '.join(r['commissioners'])}" for r in rs))
    return 0


def _directory() -> Any:
    from broker.directory import ConfigError, load_directory

    try:
        return load_directory(_settings().config_dir)
    except ConfigError as error:
        raise UserFacingError(f"the configuration has problems; run `broker config check`: "
                              f"{error.problems[0].file}:{error.problems[0].line}: "
                              f"{error.problems[0].message}") from error


def cmd_anonymise(args: argparse.Namespace) -> int:
    from broker.offline import anonymise_file

    result = anonymise_file(_settings(), Path(args.file), _directory())
    if "errors" in result:
        _print(result, args.json, _human_errors)
        return 2
    _print(result, args.json, _human_anonymised)
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    from broker.offline import match_file

    result = match_file(_settings(), Path(args.file), _directory(), args.authority)
    if "errors" in result:
        _print(result, args.json, _human_errors)
        return 2
    _print(result, args.json, _human_match)
    return 0


def _human_match(r: dict[str, Any]) -> str:
    waves = [f"WAVES ({r['cascade'] or 'no cascade: one wave'}):"] + [
        f"  {w['number']}. {w['name']} [{', '.join(w['tiers'])}]: "
        + (f"{len(w['establishments'])} establishment(s)" if not w["skipped"] else
           "skipped, nobody eligible in these tiers") for w in r["waves"]]
    return "\n".join(
        [f"ELIGIBLE ({len(r['eligible'])}):"]
        + [f"  {e['establishment']} ({e['organisation']}) → {e['contact']} via "
           f"{e['arrangement']} [{e['tier']}, wave {e['wave'] or '-'}]" for e in r["eligible"]]
        + [f"EXCLUDED ({len(r['excluded'])}):"]
        + [f"  {x['establishment']}: [{x['rule']}] {x['reason']}" for x in r["excluded"]]
        + waves)


def cmd_parse_response(args: argparse.Namespace) -> int:
    from broker.offline import parse_response_file

    result = parse_response_file(_settings(), Path(args.file))
    _print(result, args.json, lambda r: "\n".join(f"{k}: {v}" for k, v in r.items()))
    return 0


def cmd_referrals(args: argparse.Namespace) -> int:
    from broker.views import list_referrals, show_referral

    settings = _settings()
    if args.action == "list":
        rows = asyncio.run(list_referrals(settings))
        _print(rows, args.json, lambda rs: "\n".join(
            f"{r['reference']:<16} {r['state']:<11} {r['authority']:<12} "
            f"deadline {r['deadline'] or '-':<26} providers {r['providers']}" for r in rs)
            or "No referrals yet.")
        return 0
    if not args.reference:
        raise UserFacingError("give the referral's reference, e.g. "
                              "broker referrals show REF-2026-000123")
    shown = asyncio.run(show_referral(settings, args.reference))
    if shown is None:
        raise UserFacingError(f"no referral {args.reference}")
    _print(shown, args.json, _human_referral)
    return 0


def cmd_dead_letters(args: argparse.Namespace) -> int:
    from broker.views import list_dead_letters, replay_dead_letter

    settings = _settings()
    if args.action == "replay":
        if not args.id:
            raise UserFacingError("give the dead letter's id: broker dead-letters replay 7")
        if not asyncio.run(replay_dead_letter(settings, args.id)):
            raise UserFacingError(f"no dead letter {args.id} waiting to be replayed")
        print(f"dead letter {args.id} queued again; the running service will process it")
        return 0
    rows = asyncio.run(list_dead_letters(settings))
    _print(rows, args.json, lambda rs: "\n".join(
        f"{r['id']:>5} {r['at']} {r['source']} {r['source_id']} {r['error']}"
        f"{' (replayed)' if r['replayed_at'] else ''}" for r in rs) or "No dead letters.")
    return 0


def _human_errors(result: dict[str, Any]) -> str:
    return "The referral cannot be used yet:\n" + "\n".join(
        f"  {e['field']}: {e['problem']} (what we need: {e['example']})" for e in result["errors"])


def _human_anonymised(result: dict[str, Any]) -> str:
    profile = "\n".join(f"{k}: {v}" for k, v in result["profile"].items())
    texts = "\n\n".join(f"{k}:\n{v}" for k, v in result["text"].items() if v)
    counts = ", ".join(f"{k} {v}" for k, v in result["redactions"].items()) or "none"
    return f"{profile}\n\n{texts}\n\nRemoved: {counts}"


def _human_referral(shown: dict[str, Any]) -> str:
    lines = [f"{shown['reference']}  state: {shown['state']}  deadline: {shown['deadline']}",
             f"authority: {shown['authority']}  referrer: {shown['referrer']}",
             f"sent to {len(shown['eligible'])} establishments; {shown['excluded']} excluded", ""]
    lines += [f"  response: {r['establishment']}: {r['decision']}"
              f"{' £' + str(r['weekly_fee']) if r['weekly_fee'] else ''}"
              f"{' (late)' if r['late'] else ''}"
              f"{' [superseded]' if r['status'] != 'current' else ''}"
              for r in shown["responses"]]
    lines.append("")
    lines += [f"  {e['at']}  {e['kind']}  {json.dumps(e['data'])}" for e in shown["events"]]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="broker", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="run the service").set_defaults(run=cmd_serve)
    demo = sub.add_parser("demo", help="run one referral end to end with simulated providers")
    demo.add_argument("--window", default="40s", help="the response window (default 40s)")
    demo.add_argument("--quiet", action="store_true", help="print only the summary")
    demo.add_argument("--stay", action="store_true",
                      help="keep the service running afterwards, to look around the console")
    demo.set_defaults(run=cmd_demo)
    for name, run, helptext in (
        ("anonymise", cmd_anonymise, "print a referral's anonymised form"),
        ("parse-response", cmd_parse_response, "print a provider reply's response fields"),
        ("match", cmd_match, "which establishments a referral would go to, and why not"),
    ):
        command = sub.add_parser(name, help=helptext)
        command.add_argument("file")
        command.add_argument("--json", action="store_true")
        if name == "match":
            command.add_argument("--authority", help="authority key, for a plain-text form")
        command.set_defaults(run=run)
    for name, run in (("providers", cmd_providers), ("authorities", cmd_authorities)):
        command = sub.add_parser(name, help=f"the {name} in the directory")
        command.add_argument("action", choices=["list"])
        command.add_argument("--json", action="store_true")
        command.set_defaults(run=run)
    config = sub.add_parser("config", help="validate config/")
    config.add_argument("action", choices=["check"])
    config.set_defaults(run=cmd_config_check)
    referrals = sub.add_parser("referrals", help="referrals and their timelines")
    referrals.add_argument("action", choices=["list", "show"])
    referrals.add_argument("reference", nargs="?")
    referrals.add_argument("--json", action="store_true")
    referrals.set_defaults(run=cmd_referrals)
    dead = sub.add_parser("dead-letters", help="messages that failed, and replaying them")
    dead.add_argument("action", choices=["list", "replay"])
    dead.add_argument("id", nargs="?", type=int)
    dead.add_argument("--json", action="store_true")
    dead.set_defaults(run=cmd_dead_letters)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UserFacingError as error:
        print(f"broker: {error}", file=sys.stderr)
        return 2
    except FileNotFoundError as error:
        print(f"broker: no such file: {error.filename}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
