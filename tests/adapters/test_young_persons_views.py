"""The young person's views, in her own words as the social worker recorded them with the
shortlist, reach the approved homes: on the papers page behind the grant-checked link (the
papers email says they are there) and in the Individual Placement Agreement (the PDF behind
the chosen home's link), with every other home named only by its letter. They go in no email
to a home at all: not the papers email (an email is never recalled, and a home later dropped
keeps it), not one before approval or to a home not shortlisted, nor the IPA's emails, which
never carry the child's details."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from broker.db.tables import Document
from broker.ipa_pdf import ipa_pdf
from tests.adapters.worker import (
    COMMISSIONERS,
    Worker,
    closed_with_offers,
    make_worker,
    text_of,
)
from tests.factories import REFERRER, referral_email
from workflows.desk import PlacementDesk

# fictional, as a 14-year-old might write it to her social worker
HER_WORDS = "i dont want to go nowere with boys… why can’t i just go home"
WORDS_IN_THE_PDF = "i dont want to go nowere with boys... why can't i just go home"


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    """Two homes offered; only A shortlisted, with the young person's views (which weigh B
    by its name), and approved."""
    made = await make_worker(tmp_path, database_url)
    referral = await closed_with_offers(made, homes=2)
    other = referral.comparison[1]
    assert other["label"] == "B"
    made.other_home = other["home"]  # type: ignore[attr-defined]
    shortlisted = await PlacementDesk(made.engine).submit_shortlist(
        referral.id or 0, REFERRER, ["A"], "Mum agrees.",
        f"{HER_WORDS}\n{other['home'].lower()} had a horrible garden")
    assert shortlisted.accepted, shortlisted.message
    made.before_approval = await made.outbox()  # type: ignore[attr-defined]
    for commissioner in COMMISSIONERS:
        await made.receive(referral_email(f"APPROVE {referral.reference}", sender=commissioner,
                                          subject=f"Re: {referral.reference}"),
                           mail_from=commissioner)
    yield made
    await made.db.dispose()


async def test_the_papers_email_says_where_her_words_are_and_never_carries_them(
        worker: Worker) -> None:
    [papers] = await worker.outbox(kind="provider/papers")
    text = text_of(papers)
    assert ("The young person's views, in their own words as their social worker recorded "
            "them with the shortlist, are on the papers page behind your link.") in text
    for word in ("nowere", "boys", "go home", "horrible garden",
                 worker.other_home):  # type: ignore[attr-defined]
        assert word.lower() not in text.lower(), word
    assert "Mum agrees." not in text  # nor the parents' views


async def test_no_other_email_to_a_home_carries_her_words(worker: Worker) -> None:
    """Not the referral, not the chasers before approval, not the note to the home left off
    the shortlist."""
    before = worker.before_approval  # type: ignore[attr-defined]
    assert any(row.kind == "provider/referral" for row in before)
    for row in await worker.outbox():
        if row.kind.startswith("provider/"):
            assert "go nowere with boys" not in text_of(row), row.kind
    assert not any("go nowere with boys" in text_of(row) for row in before
                   if row.kind.startswith("provider/"))


async def test_the_placement_agreement_carries_her_own_words(worker: Worker) -> None:
    [referral] = await worker.referrals()
    for line in ("CHOOSE A", "AGREE"):
        await worker.receive(referral_email(line, subject=f"Re: {referral.reference}"))
    ipa_emails = [*await worker.outbox(kind="provider/ipa"),
                  *await worker.outbox(kind="authority/ipa")]
    assert len(ipa_emails) == 2
    for row in ipa_emails:  # the emails say the agreement has them, and never show them
        text = text_of(row)
        assert "the young person's views in their own words" in text
        assert "go nowere with boys" not in text
    async with worker.sessions() as session:
        [document] = (await session.execute(select(Document).where(
            Document.kind == "ipa"))).scalars()
    pdf = " ".join(re.findall(r"\((.*)\) Tj", ipa_pdf(document.context).decode("latin-1")))
    assert ("The young person's views, in their own words as their social worker recorded "
            "them") in pdf
    assert WORDS_IN_THE_PDF in pdf
    # the home chosen never learns who else was in the running
    assert "Option B had a horrible garden" in pdf
    assert worker.other_home.lower() not in pdf.lower()  # type: ignore[attr-defined]
