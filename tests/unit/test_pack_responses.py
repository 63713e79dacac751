"""The audit pack's responses table: a shortlisted home knows the child's name once the
papers are released, and an answer sent after that may write it; the pack that promises no
identifying detail gives providers' free text anonymised, their fees and codes as written."""

from __future__ import annotations

import io
import json
import zipfile

from broker.db.tables import Response
from broker.forms.spec import load_referral_spec
from channels.web.console.pack import build_zip
from channels.web.console.shareable import shareable_records
from tests.factories import CONFIG
from tests.unit.test_console import NOW, _records


def test_a_providers_answer_written_after_the_papers_reaches_the_pack_anonymised() -> None:
    records = _records()
    records.referral.raw_fields = {"child_name": "Casey Marie Hollin",
                                   "date_of_birth": "14/03/2012",
                                   "family_names": "Dawn Hollin (mother)"}
    records.responses = [Response(
        referral_id=7, establishment="larch-house", received_at=NOW, status="current",
        sender="placements@larchcare.example", decision="offer",
        fields={"decision": "offer", "weekly_fee": 4500.0, "urn": "SC712345",
                "proposal": "Casey would share with one other girl; Dawn Hollin may visit "
                            "on Sundays",
                "additional_costs": "1:1 for Casey's first fortnight, £300"})]
    shared = shareable_records(records, load_referral_spec(CONFIG), NOW.date())
    archive = zipfile.ZipFile(io.BytesIO(build_zip(shared, {"generated_at": NOW})))
    table = archive.read("responses.json").decode() + archive.read("responses.csv").decode()
    for secret in ("Casey", "Hollin", "Dawn"):
        assert secret not in table, secret
    (row,) = json.loads(archive.read("responses.json"))
    assert row["fields"]["weekly_fee"] == 4500.0 and row["fields"]["urn"] == "SC712345"
    assert "share with one other girl" in row["fields"]["proposal"]
    assert "first fortnight" in row["fields"]["additional_costs"]
