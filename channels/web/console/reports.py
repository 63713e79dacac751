"""Management information and the sufficiency report: pages with charts, and every table as
CSV, for one authority or the whole consortium, over a chosen period.

Officers and commissioners see their own authority's figures; operators choose an authority
or the consortium. The period is of referrals made (UK dates, inclusive); a referral's later
events count with it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from aiohttp import web
from markupsafe import Markup
from sqlalchemy import select
from sqlmodel import col

from broker.db.tables import MatchRecord, Referral, ReferralEvent, Response, Wave
from broker.forms.values import parse_budget_weekly
from channels.web.console import figures
from channels.web.console.charts import bar_chart, column_chart
from channels.web.console.context import STAFF, parts, record_access, render, staff_only
from channels.web.console.figures import Case, Reply, Sent, Table
from channels.web.console.sheets import csv_text
from channels.web.console.spend import spend_tables

CONSORTIUM = "consortium"
LONGEST_YEARS = 10  # the longest period the figures are counted over


def period(query: Any, today: date) -> tuple[date, date, str]:
    """The chosen period (default: the last twelve months), and a problem to show, if any."""
    problem = ""
    try:
        start = date.fromisoformat(query.get("from") or (today - timedelta(days=365)).isoformat())
        end = date.fromisoformat(query.get("to") or today.isoformat())
    except ValueError:
        start, end = today - timedelta(days=365), today
        problem = "Dates are written like 2026-04-01. The last twelve months are shown."
    if end < start:
        start, end, problem = end, start, "The period ran backwards; it has been turned round."
    earliest, latest = today - timedelta(days=366 * LONGEST_YEARS), today + timedelta(days=366)
    if start < earliest or end > latest:  # no count runs over centuries (or past year 9999)
        start, end = max(start, earliest), min(max(end, earliest), latest)
        problem = (f"A period starts at most {LONGEST_YEARS} years ago and ends at most a "
                   "year from now; it has been shortened to fit.")
    return start, end, problem


def scope_of(request: web.Request) -> tuple[list[str], str]:
    """The authorities counted, and the choice shown (an authority's key or 'consortium')."""
    staff, directory = request[STAFF], parts(request).directory
    if not staff.is_operator:
        return [staff.authority], staff.authority
    chosen = request.query.get("authority", CONSORTIUM)
    if chosen in directory.authorities:
        return [chosen], chosen
    return list(directory.authorities), CONSORTIUM


async def load_cases(console: Any, authorities: list[str], start: date,
                     end: date) -> list[Case]:
    zone = figures.LOCAL
    since = datetime.combine(start, time(), zone)
    until = datetime.combine(end + timedelta(days=1), time(), zone)
    async with console.sessions() as session:
        referrals = list((await session.execute(select(Referral).where(
            col(Referral.authority).in_(authorities), col(Referral.created_at) >= since,
            col(Referral.created_at) < until, col(Referral.reference).is_not(None))
            .order_by(col(Referral.id)))).scalars())
        ids = [r.id for r in referrals]
        sent = (await session.execute(select(MatchRecord, col(Wave.opened_at)).outerjoin(
            Wave, (col(Wave.referral_id) == col(MatchRecord.referral_id))
            & (col(Wave.number) == col(MatchRecord.wave))).where(
            col(MatchRecord.referral_id).in_(ids), col(MatchRecord.eligible)))).all()
        replies = (await session.execute(select(Response).where(
            col(Response.referral_id).in_(ids), col(Response.status) == "current"))).scalars().all()
        placed = (await session.execute(select(ReferralEvent).where(
            col(ReferralEvent.referral_id).in_(ids),
            col(ReferralEvent.kind).in_(("placed", *SIGN_OFFS))))).scalars().all()
    return [_case(r, sent, replies, placed) for r in referrals]


SIGN_OFFS = ("signed-off", "sign-off-refused")


def _case(referral: Referral, sent: Any, replies: Any, events: Any) -> Case:
    rid = referral.id
    profile = (referral.anonymised or {}).get("profile") or {}
    event = next((e for e in events if e.referral_id == rid and e.kind == "placed"), None)
    chosen = event.data.get("establishment") if event else None
    offer = next((r for r in replies if r.referral_id == rid and r.establishment == chosen),
                 None)
    return Case(
        reference=referral.reference or "", authority=referral.authority,
        created_at=referral.created_at, state=referral.state,
        urgency=referral.urgency or str(profile.get("urgency") or ""),
        placement_type=str(profile.get("placement_type") or ""),
        needs=tuple(profile.get("needs") or ()), age=profile.get("age"),
        area=str(profile.get("area") or ""),
        sent=tuple(Sent(m.establishment, m.organisation, m.arrangement_key, opened)
                   for m, opened in sent if m.referral_id == rid),
        replies=tuple(Reply(r.establishment, r.decision, r.received_at,
                            str((r.fields or {}).get("decline_reason") or ""))
                      for r in replies if r.referral_id == rid),
        placed=dict(event.data) if event else {}, placed_at=event.at if event else None,
        budget=_budget(referral),
        placed_costs=str((offer.fields or {}).get("additional_costs") or "") if offer else "",
        placed_words=str((offer.fields or {}).get("words") or (offer.fields or {}).get(
            "proposal") or "") if offer else "",
        placed_offered=_pounds((offer.fields or {}).get("weekly_fee")) if offer else None,
        children=_children(profile),
        fee_per_child=_pounds((offer.fields or {}).get("fee_per_child")) if offer else None,
        sign_offs=tuple(e.kind for e in events if e.referral_id == rid
                        and e.kind in SIGN_OFFS),
        held_for=tuple(r for r in (referral.held_for or "").split(",") if r))


def _pounds(value: Any) -> Decimal | None:
    """A stored figure (a fee, a count) as a number, or None when there is none."""
    try:
        found = Decimal(str(value)) if value not in (None, "") else None
    except ArithmeticError:
        return None
    return found if found is not None and found.is_finite() else None


def _children(profile: dict[str, Any]) -> int:
    """How many children the referral places together (its profile's), 1 when it does not
    say: the agreed fee is for them all (rule fee-per-child-for-the-group)."""
    given = _pounds(profile.get("siblings"))
    return int(given) if given is not None and given >= 1 else 1


def _budget(referral: Referral) -> Decimal | None:
    """The weekly budget the social worker gave on the form (no other field of it is read)."""
    try:
        return parse_budget_weekly(str((referral.raw_fields or {}).get("budget_weekly") or ""))
    except ValueError:
        return None


def mi_tables(cases: list[Case], directory: Any) -> list[Table]:
    orgs = {k: o.name for k, o in directory.organisations.items()}
    homes = {k: e.name for k, e in directory.establishments.items()}
    arrangements = {k: a.name for k, a in directory.arrangements.items()}

    def kind(key: str) -> str:
        arrangement = directory.arrangement(key)
        return arrangement.kind if arrangement else "spot"

    return [figures.by_type_and_urgency(cases), figures.provider_responses(cases, orgs),
            figures.time_to_placement(cases), figures.framework_share(cases, kind),
            figures.fees(cases, homes), figures.placements_by_provider(cases, orgs, arrangements),
            *spend_tables(cases, directory.arrangements, orgs, homes),
            figures.fairness(cases)]


def _number(value: Any) -> float:
    try:
        return float(str(value).rstrip("%"))
    except ValueError:
        return 0.0


CHART_COLUMN = {"provider-responses": 3, "time-to-placement": 3, "framework-share": 1,
                "fees": 4, "placements-by-provider": 2, "fairness": 6, "spend": 5,
                "spend-by-arrangement": 2, "spend-by-provider": 2,
                "spot-against-framework": 6}


def chart_for(table: Table) -> Markup:
    """Month-by-month tables as stacked columns; the others as bars of one column."""
    if table.name.endswith("-by-month"):
        series = [(name, [_number(row[i + 1]) for row in table.rows])
                  for i, name in enumerate(table.columns[1:-1])]
        return column_chart(table.title, [str(row[0]) for row in table.rows], series)
    at = CHART_COLUMN.get(table.name, len(table.columns) - 1)
    unit = "%" if any(str(row[at]).endswith("%") for row in table.rows) else ""
    items = [(str(row[0]), _number(row[at])) for row in table.rows][:20]
    return bar_chart(f"{table.title}: {table.columns[at].lower()}", items, unit)


async def _report(request: web.Request, kind: str) -> tuple[list[Table], dict[str, Any]]:
    console = parts(request)
    start, end, problem = period(request.query, console.engine.parts.today())
    authorities, chosen = scope_of(request)
    cases, duplicates = figures.demand(await load_cases(console, authorities, start, end))
    tables = (mi_tables(cases, console.directory) if kind == "mi"
              else figures.sufficiency_tables(cases))
    directory = console.directory
    context = {"start": start.isoformat(), "end": end.isoformat(), "problem": problem,
               "chosen": chosen, "count": len(cases), "kind": kind,
               "duplicates": len(duplicates),
               "scope_name": "the consortium" if chosen == CONSORTIUM
               else directory.authority(chosen).name,
               "authorities": [(k, a.name) for k, a in directory.authorities.items()]
               if request[STAFF].is_operator else []}
    return tables, context


@staff_only
async def mi_page(request: web.Request) -> web.Response:
    tables, context = await _report(request, "mi")
    return await render(request, "report.html.j2", {
        **context, "title": "Management information",
        "tables": [(t, chart_for(t)) for t in tables]})


@staff_only
async def sufficiency_page(request: web.Request) -> web.Response:
    tables, context = await _report(request, "sufficiency")
    return await render(request, "report.html.j2", {
        **context, "title": "Sufficiency: unmet need and decline reasons",
        "tables": [(t, chart_for(t)) for t in tables]})


@staff_only
async def report_csv(request: web.Request) -> web.Response:
    kind = request.match_info["kind"]
    if kind not in ("mi", "sufficiency"):
        raise web.HTTPNotFound()
    tables, context = await _report(request, kind)
    table = next((t for t in tables if t.name == request.match_info["table"]), None)
    if table is None:
        raise web.HTTPNotFound(text="There is no such table.")
    await record_access(request, f"report-csv:{kind}:{table.name}")
    name = f"{kind}-{table.name}-{context['chosen']}-{context['start']}-{context['end']}.csv"
    return web.Response(text=csv_text(table.columns, table.rows), content_type="text/csv",
                        headers={
        "Content-Disposition": f'attachment; filename="{name}"'})
