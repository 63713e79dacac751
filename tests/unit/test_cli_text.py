"""`broker referrals show` for people: the window as it stands, never a stale deadline (a
window closed early, or a referral since placed, said "the window closes 8 Dec 2026")."""

from __future__ import annotations

from typing import Any

from broker.cli_text import referral_text, window_words


def _shown(*waves: dict[str, Any], state: str = "placed") -> dict[str, Any]:
    return {"reference": "REF-2026-000001", "state": state, "authority": "northby",
            "referrer": "sam.taylor@northby.gov.example", "eligible": [], "excluded": 0,
            "responses": [], "events": [], "waves": list(waves),
            "deadline": waves[-1]["closes_at"] if waves else None}


OPENED = "2026-12-07T00:10:00+00:00"
DUE = "2026-12-08T00:10:00+00:00"


def test_a_window_closed_early_says_when_it_closed_not_its_old_deadline() -> None:
    shown = _shown({"opened_at": OPENED, "closes_at": DUE,
                    "closed_at": "2026-12-07T00:15:00+00:00"})

    first = referral_text(shown).splitlines()[0]

    assert first == "REF-2026-000001: placed; the window closed early 7 Dec 2026, 00:15"
    assert "8 Dec" not in first


def test_an_open_window_says_when_it_closes_and_a_closed_one_when_it_did() -> None:
    assert window_words(_shown({"opened_at": OPENED, "closes_at": DUE, "closed_at": None},
                               state="open")) == "the window closes 8 Dec 2026, 00:10"
    assert window_words(_shown({"opened_at": OPENED, "closes_at": DUE, "closed_at": DUE})) \
        == "the window closed 8 Dec 2026, 00:10"
    assert window_words(_shown(state="held")) == "not sent to providers yet"
    later = ({"opened_at": OPENED, "closes_at": DUE, "closed_at": DUE},
             {"opened_at": DUE, "closes_at": "2026-12-09T00:10:00+00:00", "closed_at": None},
             {"opened_at": None, "closes_at": None, "closed_at": None})
    assert window_words(_shown(*later, state="open")) == "the window closes 9 Dec 2026, 00:10"


def test_windows_list_gives_its_moments_in_uk_time_not_iso_utc() -> None:
    from broker.market_cli import windows_text

    line = windows_text([{"arrangement": "south-london-residential", "state": "planned",
                          "advertise_at": "2026-06-01T08:00:00+00:00",
                          "opens_at": "2026-06-15T08:00:00+00:00",
                          "closes_at": "2026-12-07T00:10:00+00:00"}])

    assert "advert 1 Jun 2026, 09:00" in line  # British Summer Time
    assert "opens 15 Jun 2026, 09:00" in line and line.endswith("closes 7 Dec 2026, 00:10")
    assert "T08:00" not in line and "+00:00" not in line


def test_the_unproved_mail_warning_agrees_with_how_many_authorities_it_names() -> None:
    from types import SimpleNamespace

    from broker.cli import unproved_mail_warning

    def directory(*weak: str) -> Any:
        keys = (*weak, "kingsholt")
        return SimpleNamespace(authorities={key: SimpleNamespace(
            key=key, sender_auth="preferred" if key in weak else "required") for key in keys})

    assert unproved_mail_warning(directory("northby")).startswith(
        "1 authority (northby) accepts mail that nothing proves")
    assert unproved_mail_warning(directory("northby", "eastmere")).startswith(
        "2 authorities (eastmere, northby) accept mail that nothing proves")
    assert unproved_mail_warning(directory()) == ""

