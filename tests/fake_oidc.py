"""A small OpenID Connect provider on loopback, for the console's "sign in with your council
account": discovery, an authorization endpoint that signs in whoever `email` names (as a
council's provider would after its own login), a token endpoint that checks the client's
secret, the code and the PKCE verifier, and a JWKS. ID tokens are signed RS256 with a key
made for the test (joserfc)."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID, CLIENT_SECRET = "broker-console", "fake-oidc-client-secret"


@dataclass
class FakeOidc:
    email: str = ""
    email_verified: bool | None = True  # None: the claim is left out
    wrong_nonce: bool = False
    key: Any = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": "k1"}))
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    _runner: web.AppRunner | None = None
    url: str = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/.well-known/openid-configuration", self.discovery)
        app.router.add_get("/authorize", self.authorize)
        app.router.add_post("/token", self.token)
        app.router.add_get("/jwks", self.jwks)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def discovery(self, _request: web.Request) -> web.Response:
        return web.json_response({
            "issuer": self.url, "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token", "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"], "id_token_signing_alg_values_supported":
            ["RS256"]})

    async def authorize(self, request: web.Request) -> web.Response:
        query = request.query
        assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
        assert query["code_challenge_method"] == "S256" and "openid" in query["scope"]
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"nonce": query["nonce"], "challenge": query["code_challenge"],
                            "redirect_uri": query["redirect_uri"]}
        target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        raise web.HTTPFound(target)

    async def token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.token_requests.append({k: str(v) for k, v in form.items()})
        basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        issued = self.codes.pop(str(form.get("code")), None)
        verifier = str(form.get("code_verifier", ""))
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if (request.headers.get("Authorization") != f"Basic {basic}" or issued is None
                or challenge != issued["challenge"]
                or form.get("redirect_uri") != issued["redirect_uri"]):
            return web.json_response({"error": "invalid_grant"}, status=400)
        now = int(time.time())
        claims = {"iss": self.url, "sub": "user-1", "aud": CLIENT_ID, "iat": now,
                  "exp": now + 300, "email": self.email, "email_verified": self.email_verified,
                  "nonce": "not-yours" if self.wrong_nonce else issued["nonce"]}
        if self.email_verified is None:
            del claims["email_verified"]
        id_token = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.key)
        return web.json_response({"access_token": secrets.token_urlsafe(16),
                                  "token_type": "Bearer", "expires_in": 300,
                                  "id_token": id_token})

    async def jwks(self, _request: web.Request) -> web.Response:
        return web.json_response({"keys": [self.key.as_dict(private=False)]})
