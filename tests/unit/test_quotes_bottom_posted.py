"""Text typed below or between the lines of a `>` quote is the writer's new text.

A bottom-posted reply puts its answers under the quoted referral, so a rule that ends the new
text at the first reply header would lose them. History quoted without `>` (Outlook's block,
Yahoo's plain text) still runs to the end of the message. People and places are made up.
"""

from __future__ import annotations

from pathlib import Path

from broker.forms import load_response_spec, read_message
from tests.growth import LINEAR, growth

CONFIG = Path(__file__).resolve().parents[2] / "config"
RESPONSE = load_response_spec(CONFIG)

REFERRAL = (
    "Dear Willowbank House placements team,\n\nRESPONSE FORM\n"
    "Decision: (offer / interested / decline)\nHome or carer: Willowbank House\nLocation:\n"
    "Weekly fee:\n\nREFERRAL REF-2026-000123\nNeeded from: Tuesday 1 December 2026\n"
    "Location: ZZ98\n"
)
QUOTED = "\n".join(f"> {line}".rstrip() for line in REFERRAL.rstrip("\n").split("\n")) + "\n"
FORM = ("Decision: Offer\nHome or carer: Willowbank House\nWeekly fee: £4,400 per week\n"
        "Available from: 14/12/2026\n")
ANSWERED = {"decision": "Offer", "service_name": "Willowbank House",
            "weekly_fee": "£4,400 per week", "available_from": "14/12/2026"}
ON_WROTE = "On Tue, 1 Dec 2026 at 09:00, Referral Broker <r+ab12cd.willow@broker.example> wrote:\n"


def read(body: str) -> dict[str, str]:
    return read_message(raw(body), RESPONSE, new_text_only=True).fields


def raw(body: str) -> bytes:
    return ("From: Jo Fictional <placements@willowbank-care.example>\nSubject: Re: Referral\n"
            "Date: Tue, 01 Dec 2026 10:15:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n"
            + body).encode()


def test_a_form_typed_below_the_quoted_referral_is_read() -> None:
    assert read(ON_WROTE + QUOTED + "\n" + FORM + "\nJo\n") == ANSWERED


def test_a_wrapped_attribution_above_the_quote_is_not_new_text() -> None:
    body = ("On Tue, 1 Dec 2026 at 09:00, Referral Broker <\nr+ab12cd.willow@broker.example> "
            "wrote:\n\n" + QUOTED + "\n" + FORM)
    read_ = read_message(raw(body), RESPONSE, new_text_only=True)
    assert read_.fields == ANSWERED
    assert "wrote" not in read_.body_text


def test_a_signature_below_the_quote_is_not_read() -> None:
    body = ON_WROTE + QUOTED + "\n" + FORM + "-- \nJo Fictional\nService: Willowbank Care Ltd\n"
    assert read(body) == ANSWERED


def test_an_outlook_header_below_the_quote_still_ends_the_new_text() -> None:
    body = (ON_WROTE + QUOTED + "\n" + FORM + "\nFrom: Referral Broker <r+x@broker.example>\n"
            "Sent: 30 November 2026 09:00\nTo: placements@willowbank-care.example\n"
            "Subject: Referral\n\n" + REFERRAL)
    assert read(body) == ANSWERED


def test_a_remark_typed_between_quoted_lines_is_new_text() -> None:
    body = ("See below.\n\n" + ON_WROTE + "> Can you meet her needs?\n"
            "Sorry, we have no vacancies until the spring.\n> Thank you\n")
    read_ = read_message(raw(body), RESPONSE, new_text_only=True)
    assert "no vacancies until the spring" in read_.body_text
    assert "Can you meet" not in read_.body_text


def test_answers_under_quoted_blank_labels_are_read_once() -> None:
    body = (ON_WROTE + "> Decision: (offer / interested / decline)\nOffer\n> Weekly fee:\n"
            "£4,650\n> Location: ZZ98\n")
    read_ = read_message(raw(body), RESPONSE, new_text_only=True)
    assert read_.fields == {"decision": "Offer", "weekly_fee": "£4,650"}
    assert read_.body_text.count("4,650") == 1


def test_unprefixed_history_below_an_attribution_is_still_not_read() -> None:
    # Yahoo's plain text quotes without ">": all below its attribution is the old message.
    body = ("Decision: Offer\n\nOn Tuesday, 1 December 2026, 09:00:00 GMT, Referral Broker "
            "<r+ab12cd.willow@broker.example> wrote:\n\n\n" + REFERRAL)
    assert read(body) == {"decision": "Offer"}


def test_many_quotes_with_text_between_them_are_read_in_linear_time() -> None:
    def reply(n: int) -> bytes:
        return raw("Decision: Offer\n\n" + (ON_WROTE + "> Location: ZZ98\n\nNoted.\n\n") * n)

    read_ = read_message(reply(2000), RESPONSE, new_text_only=True)
    assert read_.fields == {"decision": "Offer"}
    assert read_.body_text.count("Noted.") == 2000
    assert growth(reply, lambda message: read_message(message, RESPONSE, new_text_only=True),
                  2_000) < LINEAR


def test_answers_under_a_quote_in_older_history_are_not_read() -> None:
    # Below Outlook's header is the broker's chaser, which quotes an earlier inline reply.
    body = ("Decision: Offer\n\nFrom: Referral Broker <r+x@broker.example>\n"
            "Sent: 30 November 2026 09:00\nTo: placements@willowbank-care.example\n"
            "Subject: Referral\n\nA reminder.\n\n> Weekly fee:\n£3,900\n")
    assert read(body) == {"decision": "Offer"}


def test_a_reply_typed_below_an_html_blockquote_is_read() -> None:
    """Thunderbird's HTML bottom-post: the attribution, the quote in a `<blockquote>`, then
    the answers. The skipped quote must not leave the answers looking like history."""
    quoted = REFERRAL.replace("\n", "<br>\n")
    answers = FORM.replace("\n", "<br>\n")
    html = (f'<html><body><div class="moz-cite-prefix">{ON_WROTE}</div>'
            f'<blockquote type="cite">{quoted}</blockquote><p>{answers}</p>'
            "<p>Kind regards<br>Jo</p></body></html>")
    message = ("From: Jo Fictional <placements@willowbank-care.example>\nSubject: Re: Referral\n"
               "Date: Tue, 01 Dec 2026 10:15:00 +0000\nContent-Type: text/html; charset=utf-8\n\n"
               + html).encode()
    assert read_message(message, RESPONSE, new_text_only=True).fields == ANSWERED


OUTLOOK_HEADER = ("________________________________\nFrom: Referral Broker <r+x@broker.example>\n"
                  "Sent: 30 November 2026 09:00\nTo: placements@willowbank-care.example\n"
                  "Subject: Referral\n\n")
OUR_FOOTER = ("----------------------------------------------------------------------\n"
              "This message was sent to you by the placement referral broker on behalf of "
              "Northby Council. Replies go to an address that is unique to you and this "
              "referral.\n\nQuestions about the child: placements@northby.example (quote "
              "REF-2026-000123). The reply address takes answers only.\n")


def test_an_answer_typed_below_our_email_under_an_outlook_header_is_read() -> None:
    """Outlook bottom-posting (round 64 x10): nothing above the header, our referral quoted
    without `>`, and the answer under its closing lines."""
    body = ("\n" + OUTLOOK_HEADER + REFERRAL + OUR_FOOTER + "\n" + FORM
            + "\nKind regards\nJo Fictional\nPlacements Officer\n")
    assert read(body) == ANSWERED


def test_text_above_an_outlook_header_leaves_all_below_it_unread() -> None:
    body = ("Decision: Decline\n\n" + OUTLOOK_HEADER + REFERRAL + OUR_FOOTER + "\n" + FORM)
    assert read(body) == {"decision": "Decline"}


def test_an_older_exchange_below_our_email_is_not_read_as_the_answer() -> None:
    # Our email, then the home's earlier reply under its own header: history, not an answer.
    body = ("\n" + OUTLOOK_HEADER + REFERRAL + OUR_FOOTER + "\n" + OUTLOOK_HEADER + FORM)
    assert read(body) == {}


def test_our_email_quoted_with_nothing_below_it_gives_no_answer() -> None:
    assert read("\n" + OUTLOOK_HEADER + REFERRAL + OUR_FOOTER) == {}
