"""Fixtures: a process with a comparison set, and the recorded StatBank behind the settings."""

from typing import Any

import httpx
import pytest

from dialogportal.indicators.models import Indicator, SourceKind
from dialogportal.indicators.services import create_indicator, set_comparison_set
from dialogportal.processes.models import Process
from tests.factories import make_process
from tests.statbank.conftest import FakeStatBank


@pytest.fixture
def fake(settings: Any) -> FakeStatBank:
    """The recorded StatBank, reached through the real client that the services build."""
    statbank = FakeStatBank()
    settings.STATBANK_TRANSPORT = httpx.MockTransport(statbank.handle)
    settings.STATBANK_BACKOFF = 0
    settings.STATBANK_RETRIES = 2
    return statbank


@pytest.fixture
def process(db: None) -> Process:
    process = make_process(slug="randers", title="Fremtidens Randers", areas=2)
    set_comparison_set(process=process, municipality_code="730", peer_codes=["751"])
    return process


def statbank_indicator(process: Process, spec_key: str, slug: str, **extra: object) -> Indicator:
    return create_indicator(
        process=process,
        slug=slug,
        name=extra.pop("name", slug.title()),  # type: ignore[arg-type]
        unit=extra.pop("unit", "pct."),  # type: ignore[arg-type]
        source_kind=SourceKind.STATBANK,
        spec_key=spec_key,
        focus_areas=list(process.focus_areas.all()),
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def employment(process: Process) -> Indicator:
    return statbank_indicator(
        process,
        "employment_rate",
        "beskaeftigelse",
        name="Beskæftigelsesfrekvens",
        is_higher_better=True,
    )


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    # Staff accounts are made per test; the production hasher would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo_figures() -> None:
    """The two demo steps the key figures need (the whole demo loads every app's data)."""
    from dialogportal.indicators import demo as indicators_demo
    from dialogportal.processes import demo as processes_demo

    processes_demo.load(log=lambda line: None)
    indicators_demo.load(log=lambda line: None)
