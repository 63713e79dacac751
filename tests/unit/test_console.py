"""The console's pure parts: words and times for people, charts, the staff registry, the
figures' building blocks and the audit pack's files."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from broker.db.tables import (
    Approval,
    MatchRecord,
    PapersAccess,
    Referral,
    ReferralEvent,
    ShortlistRound,
    StaffAccess,
)
from broker.directory import load_directory
from broker.directory.operators import operator_problems
from broker.forms.spec import load_referral_spec
from channels.web.console import figures
from channels.web.console.charts import bar_chart, column_chart
from channels.web.console.pack import build_pdf, build_zip
from channels.web.console.record import ReferralRecordSet, own_staff
from channels.web.console.referrals import (
    TIMELINE_FIRST,
    TIMELINE_LATEST,
    referral_view,
    shortened_timeline,
)
from channels.web.console.shareable import shareable_records
from channels.web.console.staff import (
    COMMISSIONER,
    OFFICER,
    OPERATOR,
    StaffConfigError,
    StaffRegistry,
    read_operators,
)
from channels.web.console.words import (
    countdown,
    describe_event,
    humanise,
    local,
    money,
    need_words,
    rule_words,
)
from tests.factories import CONFIG

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def test_times_are_shown_in_uk_time_summer_and_winter() -> None:
    assert local(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == "1 Jul 2026, 13:00"  # BST
    assert local(NOW) == "3 Dec 2026, 12:00"  # GMT
    assert countdown(NOW + timedelta(hours=3, minutes=20), NOW) == "closes in 3 hours 20 minutes"
    assert countdown(NOW - timedelta(days=2, minutes=5), NOW) == "closed 2 days 5 minutes ago"
    assert countdown(NOW + timedelta(seconds=30), NOW) == "closes in less than a minute"


def test_engine_sentences_and_needs_in_words() -> None:
    assert humanise("The window now closes at 2026-12-04T03:44:28.608101+00:00.") == \
        "The window now closes at 4 Dec 2026, 03:44."
    assert humanise("Shaped like one: 1999-99-99T99:99:99Z.") == \
        "Shaped like one: 1999-99-99T99:99:99Z."  # not a moment, so left as written
    assert [need_words(n) for n in ("semh", "self-harm", "uasc")] == ["SEMH", "Self harm", "UASC"]


def test_fees_and_exclusions_in_words() -> None:
    # as the emails write it: pence only when there are some
    assert money("5050") == "£5,050 a week" and money(None) == "not given"
    assert money("5050.00") == "£5,050 a week" and money("5050.5") == "£5,050.50 a week"
    assert money("about five grand") == "about five grand"
    assert rule_words("capacity", "no places free (0)") == "no place free: no places free (0)"
    assert rule_words("new-rule", "") == "New rule"


KINDS = ("accepted", "problems", "broadcast", "wave-opened", "wave-skipped", "response",
         "chased", "extended", "closed-early", "closed", "levelled", "shortlisted",
         "papers-released", "approval-expired", "chosen", "fee-proposed", "placed", "dropped",
         "unmet", "withdrawn", "placement-ended", "reply-after-close", "reply-quarantined",
         "refused", "delivery-failed", "message-after-broadcast", "lapsed")


@pytest.mark.parametrize("kind", KINDS)
def test_every_timeline_entry_has_a_sentence(kind: str) -> None:
    sentence = describe_event(kind, {"establishment": "larch-house", "fields": ["dob"],
                                     "labels": ["A"], "agreed_fee": "4500.00"},
                              {"larch-house": "Larch House"})
    assert sentence.endswith(".") and sentence[:1].isupper()
    assert sentence != kind.replace("-", " ").capitalize() + "."  # not the fallback


def test_a_message_in_her_name_nothing_proved_says_so_on_the_timeline() -> None:
    sentence = describe_event("message-after-broadcast", {"unproved": True}, {})
    assert "nothing proved she sent" in sentence and "not passed on" in sentence
    assert "nothing proved" not in describe_event("message-after-broadcast", {}, {})


def test_a_decision_says_who_what_and_which_rule() -> None:
    sentence = describe_event("decision", {
        "event": "WindowExtended", "by": "maya.osei@northby.gov.example", "channel": "web",
        "from": "open", "to": "open", "accepted": True, "rule": "extended-on-request"}, {})
    assert sentence == ("Decision on EXTEND from maya.osei@northby.gov.example (web): "
                        "accepted by rule extended-on-request.")


def test_charts_are_plain_svg_with_their_figures_as_text() -> None:
    chart = str(bar_chart("Offers <by provider>", [("<script>x</script>", 3), ("B", 1.5)], "%"))
    assert chart.startswith("<svg") and 'role="img"' in chart and "<script" not in chart
    assert "&lt;script&gt;" in chart and ">3%</text>" in chart and ">1.5%</text>" in chart
    assert "<title>Offers &lt;by provider&gt;</title>" in chart
    columns = str(column_chart("By month", ["2026-11", "2026-12"],
                               [("No vacancy", [2, 0]), ("Location", [1, 4])]))
    assert ">3</text>" in columns and ">4</text>" in columns  # each month's total
    assert "No vacancy" in columns and "2026-12" in columns
    assert "No data" in str(bar_chart("Empty", []))


def test_the_staff_registry_names_each_role_and_nobody_else(tmp_path) -> None:  # type: ignore[no-untyped-def]
    registry = StaffRegistry(load_directory(CONFIG), read_operators(CONFIG))
    officer = registry.find(" Maya.Osei@Northby.gov.example")
    assert officer is not None and (officer.role, officer.authority) == (OFFICER, "northby")
    team = registry.find("placements@northby.gov.example")
    assert team is not None and team.role == OFFICER
    commissioner = registry.find("alex.morgan@northby.gov.example")
    assert commissioner is not None and commissioner.role == COMMISSIONER
    assert commissioner.sees("northby") and not commissioner.sees("kingsholt")
    operator = registry.find("hub.operations@consortium.example")
    assert operator is not None and operator.role == OPERATOR and operator.sees("kingsholt")
    for nobody in ("sam.taylor@northby.gov.example", "larch.house@larchcare.example", "", "x"):
        assert registry.find(nobody) is None  # a social worker or a provider is not staff
    (tmp_path / "staff.yaml").write_text("operators: [not-an-address]\n")
    with pytest.raises(StaffConfigError, match="not an email address"):
        read_operators(tmp_path)
    [problem] = operator_problems(tmp_path)  # and `broker config check` says so
    assert (problem.file, problem.message) == ("staff.yaml", "'not-an-address' is not an "
                                                             "email address")
    (tmp_path / "staff.yaml").write_text("operators: {a: b}\n")
    with pytest.raises(StaffConfigError, match="should be a list"):
        read_operators(tmp_path)
    assert read_operators(tmp_path / "missing") == ()


def test_figures_building_blocks() -> None:
    assert [figures.age_band(a) for a in (None, 0, 4, 5, 11, 16, 17, 19)] == [
        "Not known", "0 to 4", "0 to 4", "5 to 10", "11 to 15", "16 to 17", "16 to 17",
        "18 and over"]
    assert figures.complexity(()) == "1 need or none"
    assert figures.complexity(("semh", "cse", "missing", "asd")) == "4 or more needs"
    assert figures.percent(1, 3) == "33%" and figures.percent(1, 0) == "-"
    table = figures.crosstab("t", "T", [("a", "x"), ("b", "y"), ("b", "x")], "Row")
    assert table.columns == ("Row", "x", "y", "Total")
    assert table.rows == (("b", 1, 1, 2), ("a", 1, 0, 1))
    assert figures.words("semh") == "SEMH" and figures.words("no-vacancy") == "No vacancy"


def _records() -> ReferralRecordSet:
    referral = Referral(id=7, reference="REF-2026-000007", state="placed", authority="northby",
                        referrer="sam.taylor@northby.gov.example", created_at=NOW,
                        anonymised={"profile": {"age": 14}, "text": {"background": "Café — ok"}})
    excluded = MatchRecord(referral_id=7, establishment="oak-lodge", establishment_name="Oak",
                           eligible=False, rule="capacity", reason="no places free (0)")
    placed = ReferralEvent(referral_id=7, at=NOW, kind="placed", data={
        "establishment": "larch-house", "agreed_fee": "4500.00", "ipa_signature": "ab" * 16})
    return ReferralRecordSet(referral=referral, matches=[excluded], events=[placed])


def test_the_audit_pack_zip_holds_every_table_as_csv_and_json() -> None:
    archive = zipfile.ZipFile(io.BytesIO(build_zip(_records(), {"generated_at": NOW})))
    names = set(archive.namelist())
    for table in ("waves", "recipients", "exclusions", "emails_to_providers", "responses",
                  "shortlist_rounds", "approvals", "papers_access", "staff_access",
                  "fee_rounds", "timeline"):
        assert {f"{table}.csv", f"{table}.json"} <= names
    assert "oak-lodge,Oak,,capacity,no places free (0)" in archive.read("exclusions.csv").decode()
    document = json.loads(archive.read("referral.json"))
    assert document["ipa"]["ipa_signature"] == "ab" * 16
    assert "child_name" not in json.dumps(document)  # the anonymised profile only


def test_the_audit_pack_says_who_on_the_staff_looked_at_the_referral() -> None:
    """An auditor asks who looked at this child's papers: the pack carries the console's
    access records of the referral (who opened its page, downloaded its pack or acted)."""
    records = _records()
    records.staff_accesses = [
        StaffAccess(referral_id=7, at=NOW, staff="maya.osei@northby.gov.example",
                    role="placements-officer", authority="northby", action="viewed-referral",
                    outcome="ok", remote="192.0.2.10"),
        StaffAccess(referral_id=7, at=NOW, staff="hub.operations@consortium.example",
                    role="operator", action="audit-pack:zip", outcome="ok")]
    archive = zipfile.ZipFile(io.BytesIO(build_zip(records, {"generated_at": NOW})))
    rows = archive.read("staff_access.csv").decode().splitlines()
    assert rows[0] == "at,staff,role,authority,action,outcome"  # never a network address
    assert rows[1].endswith(",maya.osei@northby.gov.example,placements-officer,northby,"
                            "viewed-referral,ok")
    assert "192.0.2.10" not in archive.read("staff_access.json").decode()
    assert "hub.operations@consortium.example,operator,,audit-pack:zip" in rows[2]
    assert [r["action"] for r in json.loads(archive.read("staff_access.json"))] == [
        "viewed-referral", "audit-pack:zip"]
    view = referral_view(records, load_directory(CONFIG), NOW)
    assert [a["who"] for a in view["staff_accesses"]] == [
        "maya.osei@northby.gov.example", "hub.operations@consortium.example"]
    assert build_pdf(view, "3 Dec 2026, 12:00").startswith(b"%PDF")


def test_the_audit_pack_says_which_home_opened_the_papers_never_from_what_address() -> None:
    """Attacker's review 35: the pack goes to auditors and subject access requests, so a
    provider's network address recorded for the papers' rate limits stays in the database."""
    records = _records()
    records.accesses = [PapersAccess(referral_id=7, establishment="larch-house", at=NOW,
                                     outcome="served", what="papers", remote="198.51.100.23")]
    archive = zipfile.ZipFile(io.BytesIO(build_zip(records, {"generated_at": NOW})))
    rows = archive.read("papers_access.csv").decode().splitlines()
    assert rows[0] == "at,establishment,what,outcome"
    assert rows[1].endswith(",larch-house,papers,served")
    assert json.loads(archive.read("papers_access.json"))[0]["establishment"] == "larch-house"
    everything = "".join(archive.read(name).decode() for name in archive.namelist())
    assert "198.51.100.23" not in everything


def test_another_councils_staff_are_counted_not_named_in_a_referrals_record() -> None:
    """Rule own_staff: an officer of another council refused the page is no part of this
    child's record; the pack says how many such attempts there were."""
    logged = [
        StaffAccess(referral_id=7, at=NOW, staff="maya.osei@northby.gov.example",
                    role="placements-officer", authority="northby", action="viewed-referral",
                    outcome="ok"),
        StaffAccess(referral_id=7, at=NOW, staff="owen.pryce@kingsholt.gov.example",
                    role="placements-officer", authority="kingsholt",
                    action="viewed-referral", outcome="refused:not-visible"),
        StaffAccess(referral_id=7, at=NOW, staff="hub.operations@consortium.example",
                    role="operator", action="audit-pack:zip", outcome="ok")]
    kept = own_staff(logged, "northby")
    assert [a.staff for a in kept] == ["maya.osei@northby.gov.example",
                                       "hub.operations@consortium.example"]
    records = _records()
    records.staff_accesses, records.staff_refused_elsewhere = kept, len(logged) - len(kept)
    view = referral_view(records, load_directory(CONFIG), NOW)
    assert view["staff_refused_elsewhere"] == 1
    assert "kingsholt" not in json.dumps(view["staff_accesses"])


def test_the_audit_pack_carries_the_words_staff_wrote_anonymised() -> None:
    """Views, a commissioner's reason and a WITHDRAW reason name the family as written;
    the pack (for an inspector or a provider's challenge) must not."""
    records = _records()
    records.referral.raw_fields = {"child_name": "Casey Marie Hollin",
                                   "date_of_birth": "14/03/2012",
                                   "family_names": "Dawn Hollin (mother)"}
    records.referral.outcome_reason = "Casey is going home to Dawn Hollin"
    views = {"parents": "Dawn Hollin (mother, 07700 900461, 12 Larkspur Row) prefers A",
             "child": "Casey Marie Hollin (DOB 14/03/2012) wants to stay near her nan"}
    records.rounds = [ShortlistRound(referral_id=7, round=1, labels=["A"], at=NOW,
                                     by="sam.taylor@northby.gov.example", views=views)]
    records.approvals = [Approval(referral_id=7, round=1, decision="approve", at=NOW,
                                  approver="alex.morgan@northby.gov.example",
                                  reason="Casey knows Larch House")]
    records.events.append(ReferralEvent(referral_id=7, at=NOW, kind="withdrawn",
                                        data={"reason": "Dawn Hollin has a kinship carer"}))
    records.accesses = [  # an older record of an attachment opened, by the file's name
        PapersAccess(referral_id=7, establishment="larch-house", at=NOW, outcome="served",
                     what="attachment:Casey Hollin DOB 14/03/2012 care plan.pdf"),
        PapersAccess(referral_id=7, establishment="larch-house", at=NOW, outcome="served",
                     what="attachment:#2 sha256:fedcba9876abcdef")]
    shared = shareable_records(records, load_referral_spec(CONFIG), NOW.date())
    archive = zipfile.ZipFile(io.BytesIO(build_zip(shared, {"generated_at": NOW})))
    everything = "".join(archive.read(name).decode() for name in archive.namelist())
    for secret in ("Casey", "Hollin", "Dawn", "07700 900461", "Larkspur", "14/03/2012"):
        assert secret not in everything, secret
    assert "prefers A" in everything and "kinship carer" in everything
    assert [a.what for a in shared.accesses] == ["attachment",
                                                 "attachment:#2 sha256:fedcba9876abcdef"]
    assert "alex.morgan@northby.gov.example" in everything  # who decided stays
    view = referral_view(shared, load_directory(CONFIG), NOW)
    assert "Casey" not in json.dumps(view["rounds"], default=str)
    assert build_pdf(view, "3 Dec 2026, 12:00").startswith(b"%PDF")


def test_the_audit_pack_pdf_writes_any_text_it_is_given() -> None:
    view = {"reference": "REF-2026-000007", "authority": "Northby Council",
            "state_words": "placed", "profile": [("Age", "14")],
            "text": [("Background", "Café — “quoted” … Łódź")], "waves": [], "sent": [],
            "excluded": [], "responses": [], "rounds": [], "approvals": [], "accesses": [],
            "fee_rounds": [], "placed": {}, "timeline": [{"at": "3 Dec", "what": "→ done"}]}
    assert build_pdf(view, "3 Dec 2026, 12:00").startswith(b"%PDF")


def test_a_long_timeline_leaves_out_only_replies_entries_from_its_middle() -> None:
    replies = [{"at": str(n), "what": f"reply {n}", "kind": "response"} for n in range(2_000)]
    withdrawn = {"at": "w", "what": "Withdrawn", "kind": "withdrawn"}
    timeline = [*replies[:100], withdrawn, *replies[100:]]
    shown = shortened_timeline(timeline)["timeline"]
    hidden = [t for t in shown if "hidden" in t]
    assert withdrawn in shown  # never cut, wherever it falls
    assert shown[:TIMELINE_FIRST] == replies[:TIMELINE_FIRST]
    assert shown[-TIMELINE_LATEST:] == replies[-TIMELINE_LATEST:]
    assert sum(t["hidden"] for t in hidden) == 2_000 - TIMELINE_FIRST - TIMELINE_LATEST
    short = replies[:TIMELINE_FIRST + TIMELINE_LATEST] + [withdrawn] * 10
    assert shortened_timeline(short) == {"timeline": short}


def test_an_approval_on_the_timeline_says_who_which_round_and_the_fees() -> None:
    """It had read "Approval approve." with no round, options or fees."""
    data = {"by": "alex.morgan@northby.gov.example", "name": "Alex Morgan", "round": 1,
            "options": [{"label": "A", "weekly_fee": "5150.00"},
                        {"label": "B", "weekly_fee": "4800.00"},
                        {"label": "C", "weekly_fee": None}]}
    assert describe_event("approval-approve", data, {}) == \
        "Alex Morgan approved round 1 (A £5,150, B £4,800, C no fee)."
    assert describe_event("approval-reject", {**data, "name": ""}, {}).startswith(
        "alex.morgan@northby.gov.example rejected round 1")


def test_a_fee_risen_after_approval_and_a_drop_say_how_much_and_who() -> None:
    names = {"larch-house": "Larch House"}
    risen = {"establishment": "larch-house", "approved_fee": "4800.00", "weekly_fee": "5950.00"}
    assert describe_event("fee-changed-after-approval", risen, names) == \
        "Larch House's fee changed after approval: £4,800 a week → £5,950 a week."
    dropped = {"establishment": "larch-house", "by": "sam.taylor@northby.gov.example"}
    assert describe_event("dropped", dropped, names) == \
        "Larch House was dropped from the shortlist by sam.taylor@northby.gov.example."


FULL_PROFILE = {"authority": "Northby Council", "age": 14, "gender": "female", "area": "SE15",
                "placement_type": "residential", "urgency": "urgent",
                "needed_from": "2026-12-01", "duration": "long-term", "siblings": 1,
                "needs": ["semh", "cse", "missing"], "legal_status": "s20",
                "ethnicity": "White British", "religion": None, "language": "English"}


def test_the_referral_as_providers_saw_it_is_every_field_of_their_email() -> None:
    """The console's "The referral, as providers saw it" is built from the rendering the
    provider email uses: every line of the email's referral appears, worded the same."""
    from email import message_from_bytes, policy

    from channels.email.render import TEMPLATES, EmailRenderer
    from workflows.commands import SendEmail

    text = {"background": "[child] has lived with her mother.", "strengths": "",
            "wishes": "To stay near school.", "location": "", "education": "Year 10."}
    renderer = EmailRenderer("broker.example", "referrals@broker.example", [TEMPLATES],
                             secret=b"test")
    email = renderer.render(SendEmail(
        key="k", template="provider/referral", to="referrals@larchcare.example",
        context={"reference": "REF-2026-000007", "profile": FULL_PROFILE, "text": text,
                 "establishment": "Larch House", "arrangement": "South London framework",
                 "deadline": NOW + timedelta(days=2), "window": timedelta(days=2),
                 "council": "Northby"}), NOW)
    body = message_from_bytes(email.raw, policy=policy.default).get_body(("plain",))
    said = body.get_content().split("REFERRAL REF-2026-000007\n", 1)[1].split("-" * 20)[0]
    fields = [line.split(": ", 1) for line in said.split("\n\n")[0].splitlines()]
    records = _records()
    records.referral.anonymised = {"profile": FULL_PROFILE, "text": text}

    view = referral_view(records, load_directory(CONFIG), NOW)

    assert len(fields) == 14 and [list(row) for row in view["profile"]] == fields
    assert ("Needed from", "Tuesday 1 December 2026") in view["profile"]
    assert ("Legal status", "Section 20 (accommodated by agreement)") in view["profile"]
    for title, words in view["text"]:
        assert f"{title}:\n{words}\n" in said
    assert [title for title, _ in view["text"]] == ["Background and risks", "Child's wishes",
                                                    "Education"]


def test_the_sha256_column_shows_the_first_16_characters_its_heading_promises() -> None:
    records = _records()
    records.sent = [{"kind": "provider/referral", "establishment": "larch-house",
                     "to": "larch.house@larchcare.example", "subject": "s", "queued_at": NOW,
                     "sent_at": NOW, "status": "sent", "sha256": "a1b2c3d4e5f6a7b8" * 4}]

    [sent] = referral_view(records, load_directory(CONFIG), NOW)["sent"]

    assert sent["sha256_first16"] == "a1b2c3d4e5f6a7b8"


def test_views_that_end_in_a_full_stop_are_not_given_a_second() -> None:
    records = _records()
    records.rounds = [ShortlistRound(referral_id=7, round=1, labels=["A"], at=NOW,
                                     by="sam.taylor@northby.gov.example",
                                     views={"parents": "Mum wants weekly visits.",
                                            "child": "", "child_reason": "too upset."})]

    [shown] = referral_view(records, load_directory(CONFIG), NOW)["rounds"]

    assert shown["parents_said"] == "Mum wants weekly visits"
    assert shown["child_said"] == "not sought: too upset"


def test_the_fee_rounds_table_counts_rounds_as_the_ipa_does() -> None:
    """The IPA said "agreed after 2 rounds of negotiation" while the table counted 1 to 4
    and put "Agreed" in its By column."""
    from types import SimpleNamespace

    from channels.web.console.referrals import fee_rounds_shown

    def row(n: int, by: str, fee: str, status: str = "") -> SimpleNamespace:
        return SimpleNamespace(round=n, by=by, establishment="ferncroft-house",
                               weekly_fee=fee, status=status or "proposed", at=NOW)

    shown = fee_rounds_shown([row(1, "provider", "4350.00"), row(2, "authority", "4200.00"),
                              row(3, "provider", "4250.00"),
                              row(4, "agreed", "4250.00", "agreed")],
                             {"ferncroft-house": "Ferncroft House"})

    assert [(r["round"], r["by"]) for r in shown] == [
        ("Request", "Provider"), ("Round 1", "Authority"), ("Round 2", "Provider"),
        ("Agreed", "")]
    assert shown[-1]["fee"] == "£4,250 a week"
