"""Inputs for moderation tests, made through the inputs app's own service."""

import functools
import io
from http.cookies import SimpleCookie

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from dialogportal.accounts.models import Role, User
from dialogportal.accounts.services import create_staff_user, sync_roles
from dialogportal.inputs.models import Input
from dialogportal.inputs.services import CONSENT_TEXT_VERSION, submit_input
from dialogportal.processes.models import Process
from tests.factories import first_area, make_process

CPR = "010190-1234"
PHONE = "20 30 40 50"
TEXT_WITH_CPR_AND_PHONE = (
    f"Jeg bor i Randers og synes bussen skal køre oftere. Mit CPR-nummer er {CPR}, "
    f"ring gerne på {PHONE}."
)
CLEAN_TEXT = "Flere cykelstier langs Gudenåen, tak. Det vil gøre byen bedre for alle."


def process(*, slug: str = "proces", publishes_immediately: bool = False) -> Process:
    made = make_process(slug=slug)
    if publishes_immediately:
        made.publishes_immediately = True
        made.save(update_fields=["publishes_immediately"])
    return made


def submit(
    made: Process,
    text: str = CLEAN_TEXT,
    *,
    title: str = "",
    name: str = "Karen Blixen",
    email: str = "karen@example.dk",
    phone: str = "",
    postcode: str = "8900",
    attachments: list[tuple[str, bytes]] | None = None,
    ip: str = "192.0.2.7",
) -> Input:
    return submit_input(
        process=made,
        focus_area=first_area(made),
        text=text,
        title=title,
        contributor_type="citizen",
        name=name,
        email=email,
        phone=phone,
        postcode=postcode,
        consent_publish_name=bool(name),
        consent_text_version=CONSENT_TEXT_VERSION,
        attachments=[(name_, io.BytesIO(data)) for name_, data in attachments or []],
        submitted_ip=ip,
    )


_CLIENTS: dict[int, Client] = {}


def client(slot: int = 0) -> Client:
    """A test client without cookies. Reused per slot, because each new Client builds the
    middleware anew, and WhiteNoise then scans the whole static tree (about 0.5 s each)."""
    if slot not in _CLIENTS:
        _CLIENTS[slot] = Client()
    reused = _CLIENTS[slot]
    reused.cookies = SimpleCookie()
    return reused


def roles_are_synced() -> bool:
    return Group.objects.filter(
        name=Role.MODERATOR.value, permissions__codename="moderate_input"
    ).exists()


def staff(username: str, role: Role) -> User:
    """A staff account; roles are synced only when a transactional test has flushed them."""
    if not roles_are_synced():
        sync_roles()
    return create_staff_user(
        username=username,
        password="pw-for-tests-123",
        full_name=username.title(),
        email=f"{username}@example.invalid",
        roles=[role],
    )


def run_worker() -> None:
    call_command("run_worker", "--batch", "--interval", "0")


@functools.cache
def pdf_with_text(text: str) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=f"<p>{text}</p>").write_pdf()
    return pdf


def png_bytes() -> bytes:
    """A tiny valid PNG: a 'scanned' page without a text layer."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"\x00\xff\xff\xff"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
