"""Read-only views of the market for the command line: the live directory (and its export
back to YAML), providers' applications, and the lists' windows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from broker.db.directory import DirectoryKeeper, live_directory, sources, stored_live_directory
from broker.db.engine import make_engine, migrate, session_factory
from broker.db.tables import Application, ListWindow, MarketEvent
from broker.directory.directory import Directory
from broker.directory.live import providers_yaml
from broker.directory.load import organisation_files
from broker.settings import Settings

ADDED_FILE = "providers/added.yaml"  # homes and organisations that came by application


async def live_or_config(settings: Settings, base: Directory) -> tuple[Directory, str]:
    """The directory the service is using (from the database), or config/'s when there is
    no database yet; and which it is."""
    stored = await stored_live_directory(settings.database_url, base)
    return (stored, "database") if stored is not None else (base, "config")


async def _with_sessions(settings: Settings, work: Any) -> Any:
    engine = make_engine(settings.database_url)
    try:
        await migrate(engine)
        async with session_factory(engine)() as session:
            return await work(session)
    finally:
        await engine.dispose()


async def export_directory(settings: Settings, base: Directory, target: Path) -> list[str]:
    """Write the stored directory back as `providers/*.yaml` under `target`: each config
    organisation into the file it came from, those admitted by application into
    providers/added.yaml. Returns the files written."""
    async def work(session: Any) -> tuple[Directory, dict[str, str]]:
        return await DirectoryKeeper(base).refresh(session), await sources(session)

    directory, stored = await _with_sessions(settings, work)
    file_of = organisation_files(settings.config_dir)
    file_of.update({key: source.removeprefix("config:") for key, source in stored.items()
                    if source.startswith("config:") and source != "config:"})
    written = []
    for file, data in providers_yaml(directory, file_of, ADDED_FILE).items():
        path = Path(target) / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                                 width=100), encoding="utf-8")
        written.append(str(path))
    return sorted(written)


_HEADER = ("# Exported by `broker directory export` from the service's directory (config/'s\n"
           "# providers and the homes admitted by approved applications). Comments in the\n"
           "# original files are not kept. Check with `broker config check`.\n")


async def list_applications(settings: Settings) -> list[dict[str, Any]]:
    async def work(session: Any) -> list[dict[str, Any]]:
        rows = (await session.execute(select(Application).order_by(Application.id))).scalars()
        return [_application(a) for a in rows]

    return await _with_sessions(settings, work)  # type: ignore[no-any-return]


def _application(a: Application) -> dict[str, Any]:
    home = (a.record or {}).get("establishment", {})
    return {"reference": a.reference, "state": a.state, "arrangement": a.arrangement,
            "home": home.get("name", ""), "applicant": a.applicant,
            "created_at": a.created_at.isoformat(),
            "decided_at": a.decided_at.isoformat() if a.decided_at else None,
            "establishment": a.establishment or None, "outcome_reason": a.outcome_reason}


async def show_application(settings: Settings, reference: str) -> dict[str, Any] | None:
    async def work(session: Any) -> dict[str, Any] | None:
        row = (await session.execute(select(Application).where(
            Application.reference == reference.upper()))).scalars().first()
        if row is None:
            return None
        events = (await session.execute(select(MarketEvent).where(
            MarketEvent.subject == "application", MarketEvent.subject_key == row.reference)
            .order_by(MarketEvent.id))).scalars()
        return {**_application(row), "record": row.record,
                "events": [{"at": e.at.isoformat(), "kind": e.kind, "data": e.data}
                           for e in events]}

    return await _with_sessions(settings, work)  # type: ignore[no-any-return]


async def list_windows(settings: Settings) -> list[dict[str, Any]]:
    async def work(session: Any) -> list[dict[str, Any]]:
        rows = (await session.execute(select(ListWindow).order_by(
            ListWindow.opens_at, ListWindow.id))).scalars()
        return [{"id": w.id, "arrangement": w.arrangement, "state": w.state,
                 "advertise_at": w.advertise_at.isoformat(), "opens_at": w.opens_at.isoformat(),
                 "closes_at": w.closes_at.isoformat(), "reminders": list(w.reminders or [])}
                for w in rows]

    return await _with_sessions(settings, work)  # type: ignore[no-any-return]


__all__ = ["export_directory", "list_applications", "list_windows", "live_directory",
           "live_or_config", "show_application"]
