"""Reply headers of other languages and other mail clients end the new text of a reply.

Each reply answers above the quoted referral, whose "Location: ZZ98", "Needed from" and blank
response form would be read as the provider's answers if the header were missed. People,
places and addresses are made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from broker.forms import load_response_spec, read_message, read_response
from broker.forms.reply_headers import _PACKAGE_LANGUAGES, package_starts
from tests.growth import LINEAR, growth

CONFIG = Path(__file__).resolve().parents[2] / "config"
RESPONSE = load_response_spec(CONFIG)

ANSWER = "Decision: Offer\nHome or carer: Willowbank House\nWeekly fee: £4,400 per week\n\n"
ANSWERED = {"decision": "Offer", "service_name": "Willowbank House",
            "weekly_fee": "£4,400 per week"}
REFERRAL = (
    "Dear Willowbank House placements team,\n\n"
    "Northby Council is looking for a residential placement, needed from 1 Dec 2026.\n\n"
    "RESPONSE FORM\nDecision: (offer / interested / decline)\nHome or carer: Willowbank House\n"
    "Location:\nWeekly fee:\nContact:\n\nREFERRAL REF-2026-000123\n"
    "Area (home postcode district): ZZ97\nNeeded from: Tuesday 1 December 2026\n"
    "Weekly budget: £5,000\nLocation: ZZ98\n"
)
BROKER = "Referral Broker <r+ab12cd.willow@broker.example>"


def read(body: str, subtype: str = "plain") -> dict[str, str]:
    raw = ("From: Jo Fictional <placements@willowbank-care.example>\nSubject: RE: Referral\n"
           "Date: Tue, 01 Dec 2026 10:15:00 +0000\n"
           f"Content-Type: text/{subtype}; charset=utf-8\n\n{body}").encode()
    return read_message(raw, RESPONSE, new_text_only=True).fields


def outlook(sender: str, sent: str, to: str, subject: str, date: str) -> str:
    return (f"{sender} {BROKER}\n{sent} {date}\n{to} placements@willowbank-care.example\n"
            f"{subject} Referral REF-2026-000123\n\n")


@pytest.mark.parametrize("header", [
    outlook("Oddi wrth:", "Anfonwyd:", "At:", "Pwnc:", "01 Rhagfyr 2026 09:00"),  # Welsh
    outlook("Von:", "Gesendet:", "An:", "Betreff:", "Dienstag, 1. Dezember 2026 09:00"),
    outlook("De :", "Envoyé :", "À :", "Objet :", "mardi 1 décembre 2026 09:00"),
    outlook("De:", "Enviado el:", "Para:", "Asunto:", "martes, 1 de diciembre de 2026 9:00"),
    outlook("De:", "Enviado:", "Para:", "Asunto:", "martes, 1 de diciembre de 2026 9:00"),
    outlook("Van:", "Verzonden:", "Aan:", "Onderwerp:", "dinsdag 1 december 2026 09:00"),
    outlook("Da:", "Inviato:", "A:", "Oggetto:", "martedì 1 dicembre 2026 09:00"),
    outlook("De:", "Enviada em:", "Para:", "Assunto:", "terça-feira, 1 de dezembro de 2026"),
    outlook("Od:", "Wysłane:", "Do:", "Temat:", "wtorek, 1 grudnia 2026 09:00"),
    # Outlook's plain text with bold labels, and its "original message" line, in Welsh and German
    outlook("*Oddi wrth:*", "*Anfonwyd:*", "*At:*", "*Pwnc:*", "01 Rhagfyr 2026 09:00"),
    "-----Ursprüngliche Nachricht-----\n"
    + outlook("Von:", "Gesendet:", "An:", "Betreff:", "Dienstag, 1. Dezember 2026 09:00"),
    "-----Neges Wreiddiol-----\n",
    "-----Message d'origine-----\n",
])
def test_outlook_headers_in_other_languages_end_the_new_text(header: str) -> None:
    assert read(ANSWER + "________________________________\n" + header + REFERRAL) == ANSWERED


def test_outlook_header_in_welsh_ends_the_new_text_of_an_html_reply() -> None:
    html = ("<div>Decision: Offer</div><div>Home or carer: Willowbank House</div>"
            "<div>Weekly fee: £4,400 per week</div><div><br></div>"
            '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
            "<p class=MsoNormal><b>Oddi wrth:</b> Referral Broker &lt;r+ab12cd.willow@broker."
            "example&gt;<br><b>Anfonwyd:</b> 01 Rhagfyr 2026 09:00<br><b>At:</b> placements@"
            "willowbank-care.example<br><b>Pwnc:</b> Referral REF-2026-000123</p></div>"
            + "".join(f"<p>{line}</p>" for line in REFERRAL.split("\n") if line))
    assert read(html, "html") == ANSWERED


@pytest.mark.parametrize("header", [
    # Zoho Mail, plain text and as its HTML reads
    f"---- On Tue, 01 Dec 2026 09:00:00 +0000 {BROKER} wrote ----\n\n",
    f"---- On Tue, 01 Dec 2026 09:00:00 +0000 {BROKER} wrote ---\n\n",
    # GroupWise, with and without the sender's address
    f">>> {BROKER} 01/12/2026 09:00 >>>\n",
    ">>> Referral Broker 12/1/2026 9:00 AM >>>\n",
    # Lotus Notes: its classic header block, and its one-line attribution between dashes
    f"{BROKER}\n01/12/2026 09:00\n\nTo\nplacements@willowbank-care.example\ncc\n\nSubject\n"
    "Referral REF-2026-000123\n\n",
    "Referral Broker/Northby/GB\n01/12/2026 09:00\nTo\nplacements@willowbank-care.example\n"
    "Subject\nReferral REF-2026-000123\n\n",
    f"-----{BROKER} wrote: -----\n\n",
    # Gmail in German wraps a long attribution inside the address
    "Am Di., 1. Dez. 2026 um 09:00 Uhr schrieb Referral Broker <\n"
    "r+ab12cd.willow@broker.example>:\n\n",
])
def test_headers_of_other_clients_end_the_new_text(header: str) -> None:
    assert read(ANSWER + header + REFERRAL) == ANSWERED


def test_a_dated_form_line_above_bare_to_and_subject_lines_is_still_read() -> None:
    # The classic Notes rule wants its own date line; a form's dated answer is not one.
    body = ("Decision: Offer\nAvailable from: 14/12/2026\n\nTo\nbe confirmed with the team\n\n"
            "Subject\nto a visit\n")
    assert read(body) == {"decision": "Offer", "available_from": "14/12/2026"}


RULE = "-" * 70 + "\n"


def test_our_referral_pasted_below_the_answer_without_a_header_is_not_read() -> None:
    """A provider pastes our whole email under its answer, with no header and no `>`: our
    greeting, followed by our referral's words, starts the history."""
    pasted = REFERRAL.replace("REFERRAL REF-", RULE + "REFERRAL REF-") + RULE
    fields = read("Decision: Offer\nWeekly fee: £4,400 per week\n\nSam\n\n" + pasted)
    assert fields == {"decision": "Offer", "weekly_fee": "£4,400 per week"}


def test_our_summary_pasted_above_an_answer_below_it_is_not_read() -> None:
    """Pasted on top with the answer typed underneath: the referral's summary (its area,
    its needed-from date) is ours, between our own lines of dashes."""
    pasted = REFERRAL.replace("REFERRAL REF-", RULE + "REFERRAL REF-") + RULE
    fields = read(pasted + "\nDecision: Offer\nWeekly fee: £4,400 per week\n")
    assert "location" not in fields and fields["weekly_fee"] == "£4,400 per week"


def test_a_reply_greeting_a_placements_team_itself_is_read() -> None:
    fields = read("Dear Northby placements team,\n\n" + ANSWER + "RESPONSE FORM\n")
    assert fields == ANSWERED


_PASTED = ("From: Ruth Dale <ruth.dale@willowbank-care.example>\nSent: 02 December 2026 08:40\n"
           "To: Jo Fictional\nSubject: girl 15 ZZ97\n\n"
           "Location: ZZ96. I don't think we can meet the risk, can you check with the RM?\n\n")


@pytest.mark.parametrize("between", ["-----\n\n", "________________________________\n",
                                     "\nHi Northby,\n"])
def test_a_message_pasted_above_the_answer_is_not_the_history(between: str) -> None:
    """A colleague's email pasted at the very top, then a rule or a greeting, then the answer,
    and our referral quoted below: the answer is read, and neither the pasted message nor
    our referral is."""
    body = _PASTED + between + ANSWER + "Jo\n\n" + outlook(
        "From:", "Sent:", "To:", "Subject:", "Monday, 30 November 2026 10:15") + REFERRAL
    assert read(body) == ANSWERED


@pytest.mark.parametrize("below", [
    "Decision: Offer\n\n" + outlook("From:", "Sent:", "To:", "Subject:", "30 November 2026"),
    "Decision: Offer\n\n",  # our greeting follows at once: it is no greeting of the writer's
])
def test_a_header_at_the_top_with_no_rule_or_greeting_below_still_starts_the_history(
    below: str
) -> None:
    assert read(_PASTED + below + REFERRAL) == {}


def test_pasted_messages_are_found_in_linear_time() -> None:
    def body(n: int) -> str:
        return _PASTED + "Location: ZZ96.\n" * n + "-----\n" + ANSWER + (
            "From: a\nSent: b\nTo: c\nSubject: d\n\n-----\n") * (n // 10)

    assert growth(body, read, 2_000) < LINEAR


_FORWARDED = ("---------- Forwarded message ---------\nFrom: Ruth Dale "
              "<ruth.dale@willowbank-care.example>\nDate: Wed, 2 Dec 2026 at 09:10\n"
              "Subject: Re: girl 15 ZZ97\nTo: Jo Fictional <jo@willowbank-care.example>\n\n"
              "Decision: Offer\nWeekly fee: £4,400 per week\n\nRuth\n\n")


@pytest.mark.parametrize("pointer", ["Hi Northby, see below from our RM.\n\n",
                                     "Hi,\n\nPlease see our manager's decision below.\n\nJo\n\n",
                                     "Forwarding our RM's answer.\n\n"])
def test_a_decision_forwarded_as_the_answer_is_read(pointer: str) -> None:
    """A reply whose own words only point to a colleague's message forwarded below them: that
    message is the answer, and our referral quoted below it is still not read."""
    body = pointer + _FORWARDED + outlook(
        "From:", "Sent:", "To:", "Subject:", "Monday, 30 November 2026 10:15") + REFERRAL
    assert read(body) == {"decision": "Offer", "weekly_fee": "£4,400 per week"}


@pytest.mark.parametrize("own", [
    "We can offer - see the RM's note below.\nDecision: Interested\n\n",  # an answer of its own
    "We can offer from 14/12 at £4,400 pw. Forwarding our RM's note for info.\n\n",
    "Hi,\n\nWe'll come back to you once our manager has read the papers below.\n"
    "Thanks for sending them.\nWe meet on Friday.\nJo Fictional\nPlacements\n\n",
])
def test_a_reply_that_answers_itself_or_no_pointer_keeps_its_own_text(own: str) -> None:
    fields = read(own + _FORWARDED + REFERRAL)
    assert fields.get("weekly_fee") is None


_MANAGERS_TERMS = "Yes happy to offer, £4,900 pw from 14/12.\n\nDee\n\n"
_GMAIL_FORWARD = ("---------- Forwarded message ---------\nFrom: Dee Holt <dee.holt@"
                  "willowbank-care.example>\nDate: Mon, 7 Dec 2026 at 11:02\nSubject: Re: Fwd: "
                  "Referral\nTo: Jo Fictional <jo@willowbank-care.example>\n\n\n")
_OUTLOOK_FORWARD = ("From: Dee Holt <dee.holt@willowbank-care.example>\nSent: 07 December 2026 "
                    "11:02\nTo: Jo Fictional <jo@willowbank-care.example>\nSubject: RE: "
                    "Referral\n\n")


def _read_terms(body: str) -> tuple[str, object, object, object, str]:
    raw = ("From: Jo Fictional <placements@willowbank-care.example>\nSubject: FW: Referral\n"
           "Date: Mon, 07 Dec 2026 12:15:00 +0000\n"
           f"Content-Type: text/plain; charset=utf-8\n\n{body}").encode()
    message = read_message(raw, RESPONSE, new_text_only=True)
    parsed = read_response(dict(message.fields), message.body_text, RESPONSE,
                           message_date=message.sent_on, known_service_name="Willowbank House")
    return (parsed.decision or "", parsed.weekly_fee, parsed.available_from and
            parsed.available_from.isoformat(), parsed.missing, message.body_text)


@pytest.mark.parametrize("note", [
    "Hi Sam,\n\nSee below from our manager – we'd like to offer.\n\nJo\n\n",
    "We can offer - see Dee's email below.\n\n",
    "Hi,\nYes, we'd like to offer, terms as below.\nJo\n\n",
    "Please find our RM's reply below - we can offer.\n\n",
])
@pytest.mark.parametrize("forward", [_GMAIL_FORWARD, _OUTLOOK_FORWARD])
def test_a_note_that_decides_and_points_below_takes_the_terms_forwarded_there(
        note: str, forward: str) -> None:
    """The officer's note decides, and points to the manager's message forwarded below it for
    the terms (round 54's c19, c73): those terms are read with the note; our referral quoted
    under the manager's message, and its blank response form, are never read."""
    below = outlook("From:", "Sent:", "To:", "Subject:", "Monday, 30 November 2026 10:15")
    decision, fee, start, missing, body = _read_terms(note + forward + _MANAGERS_TERMS + below
                                                      + REFERRAL)
    assert (decision, fee, start, missing) == ("offer", 4900, "2026-12-14", [])
    assert "ZZ97" not in body and "Weekly fee:" not in body and "RESPONSE FORM" not in body


@pytest.mark.parametrize("forward", [_GMAIL_FORWARD, _OUTLOOK_FORWARD])
def test_the_notes_own_signature_does_not_end_the_words_forwarded_below_it(forward: str) -> None:
    """Replies round 65 f01: the officer signs her note ("Kind regards / Jo Price / Placements
    Officer") above her manager's message with the terms: her sign-off ends her note, not
    the manager's words read with it, whose fee and day are the offer's; her note's own
    condition is kept."""
    below = outlook("From:", "Sent:", "To:", "Subject:", "Monday, 30 November 2026 10:15")
    note = ("Please see below from our RM – we're happy to offer. We'd want a visit from her "
            "first though.\n\nKind regards\nJo Fictional\nPlacements Officer\n\n")
    decision, fee, start, missing, body = _read_terms(
        note + forward + "Jo – yes, offer her the bed. £4,900 pw, from Mon 14th Dec.\n\n"
        "Dee Holt\nRegistered Manager\n\n" + below + REFERRAL)
    assert (decision, fee, start, missing) == ("offer", 4900, "2026-12-14", [])
    assert "visit from her first" in body and "ZZ97" not in body


def test_a_note_that_points_below_to_our_own_referral_reads_nothing_of_it() -> None:
    """"We'd like to offer, see below" over our own referral forwarded: our email is never the
    colleague's words, so its needed-from day and budget are not the home's terms."""
    forward = _GMAIL_FORWARD.replace("Dee Holt <dee.holt@willowbank-care.example>", BROKER)
    decision, fee, start, _, body = _read_terms(
        "We'd like to offer, see below.\n\nJo\n\n" + forward + REFERRAL)
    assert (decision, fee, start) == ("offer", None, None)
    assert "ZZ97" not in body and "5,000" not in body


@pytest.mark.parametrize("ours", [
    "Thank you for your reply. We have your offer: Willowbank House, from Monday 21 December "
    "2026.\n\nTo complete your response, please reply to this email with these lines filled "
    "in:\n\nWeekly fee: \n\nWhat we need:\n- Weekly fee: an amount in pounds such as £4,250 "
    "per week\n",
    "Thank you. We have your offer: Willowbank House, £4,250 a week, from Monday 21 December "
    "2026.\n\nIf we have misunderstood anything, reply to this email with the corrected lines "
    "(for example \"Weekly fee: £4,250\").\n",
])
def test_a_note_pointing_below_to_our_own_answer_reads_nothing_of_it(ours: str) -> None:
    """Our request for a missing detail, or our acknowledgement, quoted under "We can offer -
    see below": its summary and its example fee are ours, never the home's terms."""
    decision, fee, start, _, body = _read_terms(
        "We can offer - see below.\n\nJo\n\n" + outlook(
            "From:", "Sent:", "To:", "Subject:", "Monday, 7 December 2026 09:00") + ours)
    assert (decision, fee, start) == ("offer", None, None)
    assert "We have your" not in body and "4,250" not in body


def test_our_own_referral_below_a_pointer_is_read_only_as_our_form() -> None:
    """"See responses below in red" over our own email: only our response form's lines are
    read (as before), never the referral's "Needed from" or "Location"."""
    body = "Please see responses below in red.\n\n" + outlook(
        "From:", "Sent:", "To:", "Subject:", "Monday, 30 November 2026 10:15") + REFERRAL
    assert read(body) == {"decision": "(offer / interested / decline)",
                          "service_name": "Willowbank House"}


def test_our_own_referral_below_a_bare_pointer_is_not_taken_for_a_forwarded_answer() -> None:
    """"- see below" over our own email, its form untouched: our email is never a colleague's
    decision forwarded, so its words ("a sentence is fine if you are declining") are not read
    as the reply's (round 10's I10_09 was read as a decline)."""
    body = ("- see below\n\nCarla\n\nFrom: Placement Referrals <providers@placements.northby"
            ".example>\nSent: 23 November 2026 16:05\nTo: Elder House Referrals <ade@elder."
            "example>\nSubject: Referral REF-2026-000123: residential, age 14\n\n" + REFERRAL)
    raw = ("From: Jo Fictional <placements@willowbank-care.example>\nSubject: RE: Referral\n"
           "Content-Type: text/plain; charset=utf-8\n\n" + body).encode()
    assert "Northby Council" not in read_message(raw, RESPONSE, new_text_only=True).body_text


@pytest.mark.parametrize(("note", "forwarded", "decision"), [
    # the manager's conditional words under the note's no: its fee and day are no offer
    ("See below from our manager - it's a no I'm afraid.",
     "Jo - I'd be happy to offer if we had the staff, but we are not in a position to offer "
     "from the 14th. In January we could look again at £4,850.", "decline"),
    ("Sorry, forwarding the RM's decision below - it's a no.",
     "We could only do it at £5,600 pw from the 4th of January.", "decline"),
    # the home's own earlier offer below, withdrawn or taken back to interest by the note
    ("Please see my offer below - unfortunately the bed has since been taken, so I'm afraid "
     "we have to withdraw it.", "We can offer from 14/12 at £4,850 pw.", "withdrawn"),
    ("Please see below - we're now only interested rather than offering, as our RM wants to "
     "read the full papers first.", "Offer - £4,850 pw from 14/12.", "interested"),
])
def test_the_note_over_words_forwarded_below_decides_and_they_give_no_other_terms(
        note: str, forwarded: str, decision: str) -> None:
    """The note decides; the words forwarded below it are read for its reasons or terms only
    where they agree with it (round 55's f02, f06, f16 were read as offers at £4,850)."""
    below = outlook("From:", "Sent:", "To:", "Subject:", "Monday, 30 November 2026 10:15")
    got, fee, start, _, _ = _read_terms(f"Hi Sam,\n\n{note}\n\nJo\n\n" + _OUTLOOK_FORWARD
                                        + f"Hi Jo,\n\n{forwarded}\n\nDee\n\n" + below
                                        + REFERRAL)
    assert (got, fee, start) == (decision, None, None)


def test_an_offer_over_the_homes_own_interest_below_takes_its_terms() -> None:
    """"Our RM has now approved, so we can offer. Fee and start as in my email below" over
    the home's own interest with its fee and day: an offer on those terms."""
    got, fee, start, missing, _ = _read_terms(
        "Hi Sam,\n\nPlease see below - our RM has now approved, so we can offer. Fee and start "
        "as in my email below.\n\nJo\n\n" + _OUTLOOK_FORWARD + "Hi Sam,\n\nWe're interested - "
        "our fee would be £4,850 pw and the bed is free from 14/12.\n\nJo\n\n")
    assert (got, fee, start, missing) == ("offer", 4850, "2026-12-14", [])


def test_forwarded_answers_are_found_in_linear_time() -> None:
    def body(n: int) -> str:
        return "See below.\n\n" + _FORWARDED.replace("Ruth\n", "Location: ZZ96.\n" * n) + (
            "From: a\nSent: b\nTo: c\nSubject: d\n\n") * (n // 10)

    assert growth(body, read, 2_000) < LINEAR


_HEADERISH_LINES = [
    "On Tue, 1 Dec 2026 at 09:00, Referral Broker <r+ab12@broker.example> wrote:",
    "> On Tue, 1 Dec 2026, Jo wrote:", "Am 01.12.2026 um 09:00 schrieb Broker <b@x.example>:",
    "Le mar. 1 déc. 2026 à 09:00, Broker a écrit :", "El mar, 1 dic 2026, Broker escribió:",
    "Op di 1 dec. 2026 om 09:00 schreef Broker:", "From: Referral Broker", "Sent: 01 December",
    "*To:* placements@willowbank-care.example", "> Subject: Referral", "Von: Broker",
    "Gesendet: Dienstag", "De : Broker", "Envoyé : mardi", "  : ", "*  : a", ">   : b",
    "Para: Jo", "Asunto: Ref",
    "Van: Broker", "Aan: Jo", "-----Original Message-----", "-----", "Decision: Offer",
    "Weekly fee: £4,400 per week", "", ">", "Thanks, Jo", "Date: 1/12", "Cc: team",
    "Organization: Willowbank", "Datum: 1.12.2026", "Onderwerp: Ref", "Betreff: Ref",
    "On the day she arrives we wrote: a plan",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_HEADERISH_LINES), max_size=30))
def test_the_package_headers_are_found_where_its_own_search_finds_them(lines: list[str]) -> None:
    """The package's header pattern is tried only at line starts and line breaks: it finds
    the same headers as the package's own scan of every position (the reference here)."""
    from mailparser_reply.parser import EmailMessage

    pattern = EmailMessage(text="", languages=list(_PACKAGE_LANGUAGES)).HEADER_REGEX
    text = "\n".join(line.strip() for line in lines)  # as it reads them
    expected = sorted({text.count("\n", 0, m.start() + len(m.group()) - len(m.group().lstrip("\n")))
                       for m in pattern.finditer(text)})
    assert package_starts(list(lines)) == expected
