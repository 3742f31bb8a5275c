"""A fake OpenID Connect identity provider: a real HTTP server on 127.0.0.1 in a thread, with an
RSA key made at test time. Its authorization endpoint answers at once with a redirect back to
the client (as if the person had logged in), so a browser or a test client can do the whole
round trip. Each attribute below lets a test make one part of the provider misbehave."""

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "dialogportal-test"
CLIENT_SECRET = "test-client-secret"
KEY_ID = "test-key-1"

# Raw answer to serve instead of the real one: (status, content type, body).
RawAnswer = tuple[int, str, bytes]


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    nonce: str | None
    code_challenge: str | None


@dataclass
class FakeIdentityProvider:
    url: str = ""
    # Who logs in next: claims of the id_token and of userinfo (both, unless changed below).
    claims: dict[str, Any] = field(default_factory=dict)
    # Changes to the id_token's payload only; a value of None removes the claim.
    id_token_changes: dict[str, Any] = field(default_factory=dict)
    # Changes to the userinfo answer only; a value of None removes the claim.
    userinfo_changes: dict[str, Any] = field(default_factory=dict)
    sign_with_other_key: bool = False
    token_answer: RawAnswer | None = None
    userinfo_answer: RawAnswer | None = None
    jwks_answer: RawAnswer | None = None
    delay_seconds: float = 0.0
    requests_seen: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.grants: dict[str, Grant] = {}
        self.access_tokens: dict[str, dict[str, Any]] = {}

    def endpoint(self, name: str) -> str:
        return f"{self.url}/{name}"

    def settings(self) -> dict[str, Any]:
        """The Django settings that point a site at this provider."""
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.endpoint("authorize"),
            "OIDC_OP_TOKEN_ENDPOINT": self.endpoint("token"),
            "OIDC_OP_USER_ENDPOINT": self.endpoint("userinfo"),
            "OIDC_OP_JWKS_ENDPOINT": self.endpoint("jwks"),
            "OIDC_OP_END_SESSION_ENDPOINT": "",
            "OIDC_OP_ISSUER": self.url,
            "OIDC_PROVIDER_NAME": "Randers Login",
            "OIDC_ROLE_MAP": {
                "DP-Moderatorer": "moderator",
                "DP-Sekretariat": "committee_secretary",
                "DP-Proces": "process_manager",
            },
            "OIDC_TIMEOUT": 2.0,
            "OIDC_USE_PKCE": True,
            "OIDC_STORE_ID_TOKEN": True,
            "AUTHENTICATION_BACKENDS": [
                "django.contrib.auth.backends.ModelBackend",
                "dialogportal.accounts.oidc_backend.OIDCBackend",
            ],
        }

    def id_token(self, nonce: str | None) -> str:
        now = int(time.time())
        payload: dict[str, Any] = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            **self.claims,
        }
        payload = _changed(payload, self.id_token_changes)
        key = self.other_key if self.sign_with_other_key else self.key
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": KEY_ID})

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}


def _changed(claims: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    result = {**claims, **changes}
    return {name: value for name, value in result.items() if value is not None}


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _handler(provider: FakeIdentityProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
            pass

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _json(self, data: object, status: int = 200) -> None:
            self._send(status, "application/json", json.dumps(data).encode())

        def _raw_or_json(self, raw: RawAnswer | None, data: object, status: int = 200) -> None:
            if raw is not None:
                self._send(*raw)
            else:
                self._json(data, status)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            provider.requests_seen.append(parts.path)
            if parts.path == "/authorize":
                code = secrets.token_urlsafe(16)
                provider.grants[code] = Grant(
                    client_id=query.get("client_id", ""),
                    redirect_uri=query.get("redirect_uri", ""),
                    nonce=query.get("nonce"),
                    code_challenge=query.get("code_challenge"),
                )
                back = {"code": code, "state": query.get("state", "")}
                self.send_response(302)
                self.send_header("Location", f"{query['redirect_uri']}?{urlencode(back)}")
                self.end_headers()
            elif parts.path == "/jwks":
                self._raw_or_json(provider.jwks_answer, provider.jwks())
            elif parts.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                claims = provider.access_tokens.get(token)
                if claims is None:
                    self._json({"error": "invalid_token"}, 401)
                    return
                userinfo = _changed(claims, provider.userinfo_changes)
                self._raw_or_json(provider.userinfo_answer, userinfo)
            elif parts.path == "/logout":
                self._send(200, "text/html; charset=utf-8", b"<p>Logget ud hos udbyderen</p>")
            else:
                self._send(404, "text/plain", b"not found")

        def do_POST(self) -> None:
            provider.requests_seen.append(self.path)
            if provider.delay_seconds:
                time.sleep(provider.delay_seconds)
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            grant = provider.grants.pop(form.get("code", ""), None)
            if (
                grant is None
                or form.get("client_id") != CLIENT_ID
                or form.get("client_secret") != CLIENT_SECRET
                or form.get("redirect_uri") != grant.redirect_uri
                or (
                    grant.code_challenge is not None
                    and _challenge(form.get("code_verifier", "")) != grant.code_challenge
                )
            ):
                self._json({"error": "invalid_grant"}, 400)
                return
            access_token = secrets.token_urlsafe(16)
            provider.access_tokens[access_token] = dict(provider.claims)
            answer = {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": provider.id_token(grant.nonce),
            }
            self._raw_or_json(provider.token_answer, answer)

    return Handler


@contextmanager
def running_provider() -> Iterator[FakeIdentityProvider]:
    provider = FakeIdentityProvider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    server.daemon_threads = True
    provider.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
