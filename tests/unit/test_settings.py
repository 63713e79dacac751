"""Settings: one typed object, failing loudly on a bad value."""

from datetime import timedelta

import pytest
from pydantic import ValidationError

from broker.settings import Settings, parse_duration


@pytest.mark.parametrize("text,expected", [("90s", timedelta(seconds=90)),
                                           ("30m", timedelta(minutes=30)),
                                           ("2h", timedelta(hours=2)), ("5d", timedelta(days=5))])
def test_durations_read_as_the_interfaces_say(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "2", "2w", "0h", "-1h", "two hours"])
def test_a_bad_duration_is_an_error_naming_it(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["366d", "8761h", "99999999d", "9" * 5000 + "s"])
def test_a_duration_past_a_year_is_refused_naming_the_limit(text: str) -> None:
    with pytest.raises(ValueError, match="longest duration allowed, 365d"):
        parse_duration(text)
    assert parse_duration("365d") == timedelta(days=365)


def test_windows_follow_urgency(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROKER_WINDOW_URGENT", "30m")
    settings = Settings(_env_file=None)
    assert settings.window_for("urgent") == timedelta(minutes=30)
    assert settings.window_for("emergency") == timedelta(hours=2)
    assert settings.window_for("planned") == timedelta(days=5)


@pytest.mark.parametrize("name,value", [("BROKER_RELAY", "http://relay"),
                                        ("BROKER_WINDOW_PLANNED", "soon"),
                                        ("BROKER_SMTP_PORT", "twenty-five")])
def test_a_bad_setting_fails_loudly(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings(_env_file=None)


def test_the_secret_is_generated_once_and_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = Settings(_env_file=None, var_dir=tmp_path).secret()
    assert len(first) >= 32
    assert Settings(_env_file=None, var_dir=tmp_path).secret() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_an_identity_provider_must_name_the_domains_it_speaks_for(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROKER_OIDC_ISSUER", "https://login.northby.gov.example/")
    with pytest.raises(ValidationError, match="BROKER_OIDC_DOMAINS"):
        Settings(_env_file=None)
    monkeypatch.setenv("BROKER_OIDC_DOMAINS", " Northby.gov.example, ,social.northby.gov.example")
    assert Settings(_env_file=None).oidc_domain_set == {
        "northby.gov.example", "social.northby.gov.example"}


@pytest.mark.parametrize(("value", "cores", "child"), [
    ("auto", 2, True), ("auto", 1, False), ("auto", None, False), ("on", 1, True),
    ("off", 8, False)])
def test_the_reader_process_is_a_child_on_two_cores_unless_set(
    monkeypatch: pytest.MonkeyPatch, value: str, cores: int | None, child: bool,
) -> None:
    monkeypatch.setattr("broker.settings.os.cpu_count", lambda: cores)
    assert Settings(_env_file=None, reader_process=value).reads_in_a_child is child


def test_a_reader_process_setting_other_than_on_off_auto_fails_loudly() -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, reader_process="sometimes")


def test_the_database_follows_the_var_dir_unless_set(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert Settings(_env_file=None).database_url == "sqlite+aiosqlite:///var/broker.db"
    moved = Settings(_env_file=None, var_dir=tmp_path / "state")
    assert moved.database_url == f"sqlite+aiosqlite:///{tmp_path}/state/broker.db"
    chosen = "postgresql+asyncpg://broker@db/broker"
    assert Settings(_env_file=None, var_dir=tmp_path, database_url=chosen).database_url == chosen


def test_the_var_dir_in_a_dotenv_file_moves_the_database(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("BROKER_VAR_DIR=/srv/broker\nBROKER_WEB_PORT=18080\n")
    settings = Settings()
    assert settings.database_url == "sqlite+aiosqlite:////srv/broker/broker.db"
    assert settings.web_port == 18080


@pytest.mark.parametrize("level", ["loud", "verbose", "", "10"])
def test_a_log_level_other_than_the_five_fails_loudly(level: str) -> None:
    with pytest.raises(ValidationError, match="not a log level"):
        Settings(_env_file=None, log_level=level)
    assert Settings(_env_file=None, log_level=" debug ").log_level == "DEBUG"
