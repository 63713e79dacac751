"""Reading the standard forms: the referral a social worker sends, the response a provider sends.

Pure code (no I/O beyond reading the form specs, no asyncio). The forms themselves — labels,
synonyms, codes — live in `config/forms/*.yaml`; the README's "The forms" describes them.

    spec = load_referral_spec(config_dir)
    read = read_message(raw_bytes, spec)                      # never raises
    form, problems = check_referral(read.fields, spec, message_date=..., conflicts=read.conflicts)

    spec = load_response_spec(config_dir)
    read = read_message(raw_bytes, spec, new_text_only=True)  # a reply: quoted history dropped
    parsed = read_response(read.fields, read.body_text, spec, message_date=...)
"""

from broker.forms.extract import (
    ExtractedFields,
    UnreadableDocument,
    fields_from_docx,
    fields_from_html,
    fields_from_text,
)
from broker.forms.message import ReadMessage, read_message
from broker.forms.referral import check_referral, referral_to_json
from broker.forms.response import ParsedResponse, read_response, response_to_json
from broker.forms.spec import (
    FieldSpec,
    FormSpec,
    FormSpecError,
    ProseRule,
    load_form_spec,
    load_referral_spec,
    load_response_spec,
)
from broker.forms.values import (
    is_valid_nhs_number,
    normalise_postcode,
    outward_code,
    parse_money_weekly,
    parse_uk_date,
)

__all__ = [
    "ExtractedFields",
    "FieldSpec",
    "FormSpec",
    "FormSpecError",
    "ParsedResponse",
    "ProseRule",
    "ReadMessage",
    "UnreadableDocument",
    "check_referral",
    "fields_from_docx",
    "fields_from_html",
    "fields_from_text",
    "is_valid_nhs_number",
    "load_form_spec",
    "load_referral_spec",
    "load_response_spec",
    "normalise_postcode",
    "outward_code",
    "parse_money_weekly",
    "parse_uk_date",
    "read_message",
    "read_response",
    "referral_to_json",
    "response_to_json",
]
