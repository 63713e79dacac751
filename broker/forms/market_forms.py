"""The providers' forms: the application to join a list (`config/forms/application.yaml`)
and the vacancy return (`config/forms/vacancy.yaml`), read by the same form reader as the
referral.

The application's placement types and needs take their codes, and the words that mean
them, from the referral form, so the lists live in one place and an application can
never offer a code a referral cannot ask for.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from broker.forms.spec import FormSpec, load_form_spec, load_referral_spec

BORROWED = {"lots": "placement_type", "needs": "needs"}
# A consortium's config/ from before these forms existed uses the ones shipped here.
SHIPPED_FORMS = Path(__file__).resolve().parents[2] / "config" / "forms"


def _form_file(config_dir: Path, name: str) -> Path:
    own = Path(config_dir) / "forms" / name
    return own if own.is_file() or not (SHIPPED_FORMS / name).is_file() else SHIPPED_FORMS / name


def load_application_spec(config_dir: Path, referral_spec: FormSpec | None = None) -> FormSpec:
    spec = load_form_spec(_form_file(config_dir, "application.yaml"))
    referral = referral_spec or load_referral_spec(config_dir)
    fields = tuple(replace(f, kind="codes", codes=referral.field(BORROWED[f.key]).codes)
                   if f.key in BORROWED else f for f in spec.fields)
    return FormSpec(spec.name, fields, spec.answers, spec.prose_rules, spec.source)


def load_vacancy_spec(config_dir: Path) -> FormSpec:
    return load_form_spec(_form_file(config_dir, "vacancy.yaml"))
