"""The `broker` command line: serve, dry runs, directory and referral views.

`--json` prints one JSON document on stdout; human output is for people. A command that cannot
do its job prints one clear line on stderr and exits non-zero (2 for bad input).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from broker.cli_text import (
    anonymised_text,
    dead_letter_detail_text,
    dead_letter_text,
    errors_text,
    match_text,
    referral_text,
    referrals_text,
    status_text,
)
from broker.golive import going_live
from broker.market_cli import Helpers, add_market_commands, form_problems
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


def _config_dir(settings: Settings) -> Path:
    """The configuration directory, or one line saying where it was looked for: run from
    elsewhere, a command would otherwise make an empty database and find nothing."""
    if not settings.config_dir.is_dir():
        raise UserFacingError(f"no configuration directory at {settings.config_dir.resolve()}: "
                              "run broker from the project directory or set BROKER_CONFIG_DIR")
    return settings.config_dir


def _existing_database(settings: Settings) -> Settings:
    """For commands that read: an SQLite database that does not exist yet is a mistake (a
    wrong directory or URL), not something to create."""
    from sqlalchemy.engine import make_url

    _config_dir(settings)
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
            and not Path(url.database).is_file():
        raise UserFacingError(f"no database at {Path(url.database).resolve()}: run `broker serve`"
                              " first, or set BROKER_DATABASE_URL")
    return settings


def _checked_config(settings: Settings) -> None:
    """Refuse to start on a broken configuration, before touching the database."""
    from broker.directory import check_config

    problems = check_config(_config_dir(settings), settings.approvals_needed,
                            settings.mail_domain)
    if problems:
        first = problems[0]
        raise UserFacingError(f"the configuration has {len(problems)} problem(s); run "
                              f"`broker config check`. First: {first.file}:{first.line}: "
                              f"{first.message.splitlines()[0]}")


def _print(data: Any, as_json: bool, human: Callable[[Any], str]) -> None:
    print(json.dumps(data, indent=2, default=str) if as_json else human(data))


def cmd_serve(args: argparse.Namespace) -> int:
    from broker.app import serve
    from broker.logs import configure_logging
    from broker.roles import parse_roles

    try:
        roles = parse_roles(args.role)
    except ValueError as error:
        raise UserFacingError(str(error)) from error
    settings = _settings()
    _checked_config(settings)
    configure_logging(settings.log_level)
    from broker.listening import CannotListen

    for warning in filter(None, [*config_warnings(_directory()), *going_live(settings)]):
        logging.getLogger("broker").warning(warning)
    try:
        asyncio.run(serve(settings, roles))
    except CannotListen as error:  # a port taken: one line naming the setting, no traceback
        raise UserFacingError(str(error)) from None
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from broker.demo.run import DemoError, run_demo

    if args.cascade:
        from broker.demo.cascade import run_cascade_demo

        return run_cascade_demo(quiet=args.quiet)
    try:
        return run_demo(args.window, quiet=args.quiet, stay=args.stay)
    except DemoError as error:
        raise UserFacingError(str(error)) from error


def cmd_config_check(_args: argparse.Namespace) -> int:
    from broker.directory import check_config

    settings = _settings()
    problems = (check_config(_config_dir(settings), settings.approvals_needed,
                             settings.mail_domain)
                + form_problems(settings.config_dir))
    for problem in problems:
        print(f"{problem.file}:{problem.line}: {' '.join(problem.message.split())}")
    if problems:
        print(f"{len(problems)} problem(s) in {settings.config_dir}", file=sys.stderr)
        return 2
    print(f"{settings.config_dir}: no problems found")
    for warning in filter(None, [*config_warnings(_directory()), *going_live(settings)]):
        print(f"warning: {warning}")
    return 0


def config_warnings(directory: Any) -> list[str]:
    """What `broker config check` and `broker serve` warn of in the directory itself."""
    from broker.cascade import tier_warnings

    return [unproved_mail_warning(directory), *tier_warnings(directory)]


def unproved_mail_warning(directory: Any) -> str:
    """What an operator must know before going live when an authority accepts mail nothing
    proves (`sender_auth: preferred` or `off`): anyone may then write as its social workers,
    placements team or commissioners, so it is for a council still setting up signing."""
    weak = sorted(a.key for a in directory.authorities.values() if a.sender_auth != "required")
    if not weak:
        return ""
    one = len(weak) == 1
    return (f"{len(weak)} authorit{'y' if one else 'ies'} ({', '.join(weak)}) "
            f"accept{'s' if one else ''} mail that nothing proves (sender_auth preferred or "
            "off): anyone can write as their staff, approve a shortlist or an application by "
            "email, and refer a child in their name. Set sender_auth: required once each "
            "council's mail is DKIM-signed.")


def cmd_providers(args: argparse.Namespace) -> int:
    directory, _ = _live_directory()
    from broker.directory.live import standing

    rows = [{**row, "paused": home.paused, "standing": standing(home)}
            for row in directory.providers_json()
            for home in [directory.establishment(row["establishment_key"])]]
    _print(rows, args.json, lambda rs: "\n".join(
        [f"{'ORGANISATION':<34} {'ESTABLISHMENT':<34} {'REFERRAL ADDRESS':<40} "
         f"{'LOTS':<28} STATUS"] + [
            f"{r['organisation']:<34} {r['establishment']:<34} {r['contact']:<40} "
            f"{','.join(r['lots']):<28} {r['standing']}"
            for r in rs]) if rs else "No providers in the directory.")
    return 0


def _live_directory() -> tuple[Any, str]:
    """The directory the running service uses (the database, seeded from config/ at its
    start, with providers' vacancies and pauses and the homes admitted since), or config/
    when there is no database yet."""
    from broker.market_views import live_or_config

    return asyncio.run(live_or_config(_settings(), _directory()))


def cmd_authorities(args: argparse.Namespace) -> int:
    approvals_needed = _settings().approvals_needed
    rows = _directory().authorities_json()
    _print(rows, args.json, lambda rs: "\n\n".join(
        authority_text(r, approvals_needed) for r in rs))
    return 0


def authority_text(row: dict[str, Any], approvals_needed: int) -> str:
    """One authority for people: who refers, who acts for the team, who approves, what
    proves their mail, who reviews a referral before it goes, how long children's details
    are kept after the end, and its Slack channel."""
    def names(key: str) -> str:
        return ", ".join(row[key]) or "none"

    quorum = (f"{row['quorum']}" if row["quorum"] is not None
              else f"{approvals_needed}, from BROKER_APPROVALS_NEEDED")
    sign_off = (f", signing off weekly fees above £{row['sign_off_above']}"
                if row["sign_off_above"] is not None else "")
    return "\n".join([
        row["name"], f"  domains: {names('domains')}", f"  referrers: {names('referrers')}",
        f"  placements team: {row['placements_team']}",
        f"  placements officers: {names('placements_officers')}",
        f"  commissioners: {names('commissioners')}",
        f"  approvals a shortlist needs: {quorum}",
        f"  budget holders: {names('budget_holders')}{sign_off}",
        f"  sender_auth: {row['sender_auth']}",
        f"  review: {row['review']}" + (f" (the team reminded after {row['review_timeout']})"
                                        if row["review"] != "none" else ""),
        f"  retention: {row['retention']} after the referral ends",
        f"  slack_channel: {row['slack_channel'] or 'none (BROKER_SLACK_CHANNEL)'}"])


def _directory() -> Any:
    from broker.directory import ConfigError, load_directory

    try:
        settings = _settings()
        return load_directory(_config_dir(settings), settings.approvals_needed)
    except ConfigError as error:
        raise UserFacingError(f"the configuration has problems; run `broker config check`: "
                              f"{error.problems[0].file}:{error.problems[0].line}: "
                              f"{error.problems[0].message}") from error


def _dry_run(run: Callable[[], dict[str, Any]], *, as_json: bool = False) -> dict[str, Any]:
    """A dry run's result; input that is not an email or a text form is one line, exit 2
    (an email with no form we can read, with --json, is `{"errors": [...]}` on stdout, as a
    form's problems are)."""
    from broker.forms.spec_file import SpecFileError
    from broker.offline import NoFormInTheEmail, NotAForm

    try:
        return run()
    except NotAForm as error:
        if as_json and isinstance(error, NoFormInTheEmail):
            return {"errors": [{"field": None, "problem": str(error), "example": ""}]}
        raise UserFacingError(str(error)) from error
    except SpecFileError as error:
        raise UserFacingError(f"the forms configuration has a problem; run `broker config "
                              f"check`: {error}") from error
    except (IsADirectoryError, PermissionError) as error:
        raise UserFacingError(f"cannot read {error.filename}: {error.strerror}") from error


def cmd_anonymise(args: argparse.Namespace) -> int:
    from broker.offline import anonymise_file

    settings, directory = _settings(), _directory()
    result = _dry_run(lambda: anonymise_file(settings, Path(args.file), directory,
                                             args.authority), as_json=args.json)
    if "errors" in result:
        _print(result, args.json, errors_text)
        return 2
    _print(result, args.json, anonymised_text)
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    from broker.offline import match_file

    settings = _settings()
    directory, source = _live_directory()
    result = _dry_run(lambda: match_file(settings, Path(args.file), directory, args.authority),
                      as_json=args.json)
    result["directory"] = source
    if "errors" in result:
        _print(result, args.json, errors_text)
        return 2
    _print(result, args.json, match_text)
    return 0


def cmd_parse_response(args: argparse.Namespace) -> int:
    from broker.offline import parse_response_file

    settings = _settings()
    _config_dir(settings)  # the response form's labels live there
    try:  # only to name the home a reply's token address names; a reply is read without it
        directory = _directory()
    except UserFacingError:
        directory = None
    result = _dry_run(lambda: parse_response_file(settings, Path(args.file), directory),
                      as_json=args.json)
    _print(result, args.json, lambda r: "\n".join(f"{k}: {v}" for k, v in r.items()))
    return 2 if "errors" in result else 0


def cmd_referrals(args: argparse.Namespace) -> int:
    from broker.views import list_referrals, show_referral

    settings = _existing_database(_settings())
    if args.action == "list":
        rows = asyncio.run(list_referrals(settings))
        _print(rows, args.json, referrals_text)
        return 0
    if not args.reference:
        raise UserFacingError("give the referral's reference, e.g. "
                              "broker referrals show REF-2026-000123")
    shown = asyncio.run(show_referral(settings, args.reference))
    if shown is None:
        raise UserFacingError(f"no referral {args.reference}")
    _print(shown, args.json, referral_text)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from broker.views import service_status

    settings = _existing_database(_settings())
    _print(asyncio.run(service_status(settings, datetime.now(UTC))), args.json, status_text)
    return 0


def cmd_dead_letters(args: argparse.Namespace) -> int:
    from broker.views import list_dead_letters, replay_dead_letter, show_dead_letter

    settings = _existing_database(_settings())
    if args.action in ("replay", "show") and not args.id:
        raise UserFacingError(f"give the dead letter's id: broker dead-letters {args.action} 7")
    if args.action == "show":
        shown = asyncio.run(show_dead_letter(settings, args.id, _live_directory()[0]))
        if shown is None:
            raise UserFacingError(f"no dead letter {args.id}")
        _print(shown, args.json, dead_letter_detail_text)
        return 0
    if args.action == "replay":
        if not asyncio.run(replay_dead_letter(settings, args.id)):
            raise UserFacingError(f"no dead letter {args.id} waiting to be replayed")
        print(f"dead letter {args.id} queued again; the running service will process it")
        return 0
    rows = asyncio.run(list_dead_letters(settings, _live_directory()[0]))
    _print(rows, args.json, lambda rs: "\n".join(map(dead_letter_text, rs))
           or "No dead letters.")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    from broker.views import retention_run

    found = asyncio.run(retention_run(_existing_database(_settings()), args.dry_run))
    verb = "would purge" if args.dry_run else "purged"

    def human(found: dict[str, Any]) -> str:
        lines = [f"{verb} {r['reference']} ({r['authority']}, {r['state']}, due {r['due_at']}): "
                 f"the form, {r['messages']} message(s), documents and free text"
                 for r in found["referrals"]]
        unlinked = found["unlinked"]
        if unlinked["messages"] or unlinked["emails"]:
            lines.append(f"{verb} {unlinked['messages']} message(s) and {unlinked['emails']} "
                         "email(s) about no referral, from before "
                         f"{unlinked['received_before'][:16].replace('T', ' ')} UTC")
        return "\n".join(lines) or "Nothing is due for purging."
    _print(found, args.json, human)
    return 0


JSON_HELP = "print one JSON document (the stored values) instead of text for people"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="broker", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the service")
    serve.add_argument("--role", default="all",
                       help="what this process does: all (default), or any of intake, worker, "
                            "sender, comma-separated (e.g. a second process: --role sender)")
    serve.set_defaults(run=cmd_serve)
    demo = sub.add_parser("demo", help="run one referral end to end with simulated providers")
    demo.add_argument("--window", default="40s", help="the response window (default 40s)")
    demo.add_argument("--quiet", action="store_true", help="print only the summary")
    demo.add_argument("--cascade", action="store_true",
                      help="a referral going down Kingsholt's cascade, wave by wave")
    demo.add_argument("--stay", action="store_true",
                      help="keep the service running afterwards, to look around the console")
    demo.set_defaults(run=cmd_demo)
    for name, run, helptext in (
        ("anonymise", cmd_anonymise, "print a referral's anonymised form"),
        ("parse-response", cmd_parse_response, "print a provider reply's response fields"),
        ("match", cmd_match, "which establishments a referral would go to, and why not"),
    ):
        command = sub.add_parser(name, help=helptext)
        command.add_argument("file", help="an email (.eml) or a plain-text file")
        command.add_argument("--json", action="store_true", help=JSON_HELP)
        if name in ("match", "anonymise"):
            command.add_argument("--authority", help="authority key, for a plain-text form")
        command.set_defaults(run=run)
    for name, run in (("providers", cmd_providers), ("authorities", cmd_authorities)):
        command = sub.add_parser(name, help=f"the {name} in the directory")
        command.add_argument("action", choices=["list"])
        command.add_argument("--json", action="store_true", help=JSON_HELP)
        command.set_defaults(run=run)
    config = sub.add_parser("config", help="validate config/")
    config.add_argument("action", choices=["check"])
    config.set_defaults(run=cmd_config_check)
    referrals = sub.add_parser("referrals", help="referrals and their timelines")
    referrals.add_argument("action", choices=["list", "show"])
    referrals.add_argument("reference", nargs="?",
                           help="with show: the referral's reference, e.g. REF-2026-000123")
    referrals.add_argument("--json", action="store_true", help=JSON_HELP)
    referrals.set_defaults(run=cmd_referrals)
    status = sub.add_parser("status", help="the service's queues and next deadlines")
    status.add_argument("--json", action="store_true", help=JSON_HELP)
    status.set_defaults(run=cmd_status)
    add_market_commands(sub, Helpers(_settings, _directory, UserFacingError))
    dead = sub.add_parser("dead-letters", help="messages that failed, and replaying them")
    dead.add_argument("action", choices=["list", "show", "replay"])
    dead.add_argument("id", nargs="?", type=int,
                      help="with show or replay: the dead letter's id, from the list")
    dead.add_argument("--json", action="store_true", help=JSON_HELP)
    dead.set_defaults(run=cmd_dead_letters)
    retention = sub.add_parser("retention", help="purge children's details when due")
    retention.add_argument("action", choices=["run"])
    retention.add_argument("--dry-run", action="store_true", help="only list what would go")
    retention.add_argument("--json", action="store_true", help=JSON_HELP)
    retention.set_defaults(run=cmd_retention)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status = int(args.run(args))
        sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
        return status
    except UserFacingError as error:
        print(f"broker: {error}", file=sys.stderr)
        return 2
    except FileNotFoundError as error:
        print(f"broker: no such file: {error.filename}", file=sys.stderr)
        return 2
    except IsADirectoryError as error:
        print(f"broker: {error.filename} is a directory; give a file", file=sys.stderr)
        return 2
    except (PermissionError, UnicodeDecodeError) as error:
        print(f"broker: cannot read the input: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `broker … | head`: the reader has what it wanted, and left.
        # Nothing to say, as `yes | head` says nothing: the status is the one a tool stopped
        # by SIGPIPE gives its shell, and what is left unwritten goes nowhere at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE


if __name__ == "__main__":
    sys.exit(main())
