"""Optional sign-in with a council's own identity provider (OpenID Connect).

With `BROKER_OIDC_ISSUER`, `BROKER_OIDC_CLIENT_ID` and `BROKER_OIDC_CLIENT_SECRET` set, the
sign-in page offers "Sign in with …": the authorization-code flow with PKCE, a `state` and a
`nonce` kept in the session. Authlib's OAuth 2 client builds the authorization request and
the token request (with its client authentication); only the transport is aiohttp, here.
The ID token is checked with joserfc against the provider's published keys (signature,
issuer, audience, expiry, nonce). The person is then whoever the token's `email` names,
only if the token says the provider verified it (`email_verified` true: some providers let
users or tenant admins type any address), only in a domain the provider speaks for
(`BROKER_OIDC_DOMAINS`: a council's provider can vouch for its own staff, never for another
council's or the consortium's operators), and only if that address is registered staff: the
identity provider proves who someone is, the consortium's configuration says what they may
see.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp_session import get_session
from authlib.common.encoding import to_unicode
from authlib.common.urls import url_decode
from authlib.oauth2.base import OAuth2Error
from authlib.oauth2.client import OAuth2Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from channels.web.console.context import parts
from channels.web.console.refusals import record_refusal
from channels.web.console.signin import _form, start_session

CLOCK_SKEW = 60


class OidcError(Exception):
    """The provider's answer could not be trusted; the message says why (no secrets)."""


class _AiohttpOAuth2Client(OAuth2Client):  # type: ignore[misc]
    """Authlib's OAuth 2 client, with the token request sent by aiohttp."""

    def __init__(self, http: aiohttp.ClientSession, **kwargs: Any) -> None:
        super().__init__(http, **kwargs)

    async def _fetch_token(self, url: str, body: str = "", headers: Any = None,  # type: ignore[override]
                           auth: Any = None, method: str = "POST", **kwargs: Any) -> Any:
        url, headers, body = auth.prepare(method, url, dict(headers or {}), body)
        async with self.session.post(url, data=dict(url_decode(to_unicode(body))),
                                     headers=headers) as response:
            answer = _Answer(response.status, await response.read())
        try:
            return self.parse_response_token(answer)
        except (OAuth2Error, ValueError) as error:
            raise OidcError(f"the token endpoint refused ({answer.status_code})") from error


@dataclass(frozen=True)
class _Answer:
    """The token endpoint's answer in the shape Authlib reads (requests' Response)."""

    status_code: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def raise_for_status(self) -> None:
        raise OidcError(f"the token endpoint answered {self.status_code}")


@dataclass
class OidcClient:
    issuer: str
    client_id: str
    client_secret: str
    label: str = "your council account"
    domains: frozenset[str] = frozenset()  # the email domains it may vouch for
    _metadata: dict[str, Any] = field(default_factory=dict)

    async def metadata(self, http: aiohttp.ClientSession) -> dict[str, Any]:
        if not self._metadata:
            url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
            async with http.get(url) as response:
                if response.status != 200:
                    raise OidcError(f"the provider's configuration answered {response.status}")
                self._metadata = await response.json(content_type=None)
        return self._metadata

    def _client(self, http: aiohttp.ClientSession, redirect_uri: str) -> _AiohttpOAuth2Client:
        return _AiohttpOAuth2Client(http, client_id=self.client_id,
                                    client_secret=self.client_secret, scope="openid email",
                                    redirect_uri=redirect_uri, code_challenge_method="S256")

    async def authorization_url(self, redirect_uri: str) -> tuple[str, dict[str, str]]:
        """Where to send the person, and what the session must remember."""
        verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
        async with aiohttp.ClientSession() as http:
            endpoint = (await self.metadata(http))["authorization_endpoint"]
            url, state = self._client(http, redirect_uri).create_authorization_url(
                endpoint, code_verifier=verifier, nonce=nonce)
        return url, {"state": state, "nonce": nonce, "verifier": verifier}

    async def email_from_callback(self, redirect_uri: str, query: Any,
                                  remembered: dict[str, str]) -> str:
        """The verified email address the provider vouches for, or OidcError."""
        if not remembered or query.get("state") != remembered.get("state"):
            raise OidcError("the sign-in answer does not match this browser's request")
        if "code" not in query:
            raise OidcError(f"the provider refused: {query.get('error', 'no code')}"[:120])
        async with aiohttp.ClientSession() as http:
            metadata = await self.metadata(http)
            token = await self._client(http, redirect_uri).fetch_token(
                metadata["token_endpoint"], code=query["code"],
                code_verifier=remembered["verifier"], grant_type="authorization_code")
            async with http.get(metadata["jwks_uri"]) as response:
                keys = KeySet.import_key_set(await response.json(content_type=None))
        return self._email(token.get("id_token", ""), keys, remembered["nonce"])

    def _email(self, id_token: str, keys: KeySet, nonce: str) -> str:
        try:
            claims = jwt.decode(id_token, keys, algorithms=["RS256", "ES256"]).claims
        except (JoseError, ValueError) as error:
            raise OidcError(f"the ID token is not valid ({type(error).__name__})") from error
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        now = time.time()
        problems = [what for what, bad in (
            ("issuer", claims.get("iss", "").rstrip("/") != self.issuer.rstrip("/")),
            ("audience", self.client_id not in audiences),
            ("expiry", float(claims.get("exp", 0)) < now - CLOCK_SKEW),
            ("nonce", claims.get("nonce") != nonce),
            # Only an address the provider says it verified is proved (absent: not).
            ("email", not claims.get("email") or claims.get("email_verified") is not True),
        ) if bad]
        if problems:
            raise OidcError(f"the ID token's {', '.join(problems)} did not check out")
        email = str(claims["email"]).strip().lower()
        if email.rpartition("@")[2] not in self.domains:
            raise OidcError(f"{self.label} does not speak for {email}'s domain")
        return email


def oidc_from_settings(settings: Any) -> OidcClient | None:
    if not (settings.oidc_issuer and settings.oidc_client_id):
        return None
    return OidcClient(settings.oidc_issuer, settings.oidc_client_id,
                      settings.oidc_client_secret, settings.oidc_label,
                      settings.oidc_domain_set)


def _redirect_uri(request: web.Request) -> str:
    return f"{parts(request).base_url}/console/sign-in/oidc/callback"


async def oidc_start(request: web.Request) -> web.StreamResponse:
    oidc = parts(request).oidc
    if oidc is None:
        raise web.HTTPNotFound()
    try:
        url, remembered = await oidc.authorization_url(_redirect_uri(request))
    except (OidcError, aiohttp.ClientError, KeyError) as error:
        return await _form(request, f"Your council's sign-in is not answering ({error}). "
                           "Ask for an emailed link instead.", status=502)
    (await get_session(request))["oidc"] = remembered
    raise web.HTTPSeeOther(url)


async def oidc_callback(request: web.Request) -> web.StreamResponse:
    oidc = parts(request).oidc
    if oidc is None:
        raise web.HTTPNotFound()
    session = await get_session(request)
    remembered = session.pop("oidc", None) or {}
    try:
        email = await oidc.email_from_callback(_redirect_uri(request), request.query,
                                               remembered)
    except (OidcError, aiohttp.ClientError, KeyError) as error:
        await record_refusal(request, "signed-in:oidc", outcome="refused:provider")
        return await _form(request, f"Sign-in with {oidc.label} did not work: {error}.",
                           status=403)
    staff = parts(request).registry.find(email)
    if staff is None:
        await record_refusal(request, "signed-in:oidc", address=email,
                             outcome="refused:not-registered")
        return await _form(request, f"{email} is not registered to use the placements "
                           "console. Ask your consortium's operators.", status=403)
    return await start_session(request, staff, "signed-in:oidc")
