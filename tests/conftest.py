"""Shared test fixtures: repository paths and a guard that no test uses the network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SAMPLE = SEEDS / "000_fed9f3285c8e1056.txt"


class _NoNetwork(socket.socket):
    def connect(self, address):  # type: ignore[override]
        if self.family not in (socket.AF_INET, socket.AF_INET6):
            return super().connect(address)
        host = str(address[0])
        if host.startswith("127.") or host in {"localhost", "::1"}:
            return super().connect(address)
        raise RuntimeError(f"test tried to reach the network: {address!r}")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that opens a connection to anything but loopback."""
    monkeypatch.setattr(socket, "socket", _NoNetwork)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE
