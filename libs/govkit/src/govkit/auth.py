"""Keycloak bearer tokens: signature (JWKS), issuer, audience, expiry and the client they were
issued to, then roles and scope."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Protocol

import jwt
from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from govkit.principal import Principal, Role
from govkit.settings import CommonSettings

_bearer = HTTPBearer(auto_error=False, description="Keycloak access token of realm `governance`")


class InvalidToken(Exception):
    """The token is missing, forged, expired, or meant for someone else."""


class Verifier(Protocol):
    def verify(self, token: str) -> Principal: ...


MACHINE_ROLES = frozenset({Role.BANK})
"""Roles only a machine client's service account holds (a bank sending its batches)."""


class TokenVerifier:
    """Checks a Keycloak token against the realm's published keys, and the client it was issued
    to (`azp`): one people sign in through, or a machine client holding a machine role. Any
    other client of the realm (the backend `services` client, say) speaks for nobody here."""

    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        jwks_url: str,
        people_clients: Iterable[str],
        leeway_seconds: int = 0,
    ):
        self._issuer = issuer
        self._audience = audience
        self._people_clients = frozenset(people_clients)
        self._leeway = leeway_seconds
        self._jwks = jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=300, timeout=5)

    @classmethod
    def from_settings(cls, settings: CommonSettings) -> TokenVerifier:
        return cls(
            issuer=settings.oidc_issuer,
            audience=settings.oidc_audience,
            jwks_url=settings.oidc_jwks_url,
            people_clients=settings.oidc_people_clients,
        )

    def verify(self, token: str) -> Principal:
        try:
            signing_key = self._jwks.get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                signing_key.key,
                algorithms=["RS256"],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWKClientConnectionError as exc:
            raise InvalidToken(f"cannot fetch signing keys: {exc}") from exc
        except (jwt.PyJWTError, jwt.PyJWKClientError) as exc:
            raise InvalidToken(str(exc)) from exc
        principal = Principal.from_claims(claims)
        client = claims.get("azp")
        if client not in self._people_clients and not principal.has_any_role(MACHINE_ROLES):
            raise InvalidToken(
                f"token issued to client {client!r}, which speaks for nobody here; accepted: "
                f"the clients people sign in through ({', '.join(sorted(self._people_clients))})"
                f" or a machine client with one of the roles {', '.join(sorted(MACHINE_ROLES))}"
            )
        return principal


def _unauthorized(reason: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=f"未登录或令牌无效 (invalid or missing bearer token: {reason})",
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The verified caller; the app's `state.token_verifier` does the checking."""
    if credentials is None:
        raise _unauthorized("no Authorization: Bearer header")
    verifier: Verifier = request.app.state.token_verifier
    try:
        return verifier.verify(credentials.credentials)
    except InvalidToken as exc:
        raise _unauthorized(str(exc)) from exc


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str | Iterable[str]) -> Callable[[Principal], Principal]:
    """A dependency that lets through only callers holding one of `roles` (names or sets).

    The roles appear in the operation's OpenAPI security requirement (OpenAPI 3.1 allows role
    names there), from which the gateway checks them too and the access tests are generated.
    """
    allowed = frozenset(
        name for role in roles for name in ([role] if isinstance(role, str) else role)
    )

    # A default, not an annotation: annotations are strings here and could not see `allowed`.
    verified_with_roles = Security(current_principal, scopes=sorted(allowed))

    def check(principal: Principal = verified_with_roles) -> Principal:
        if not principal.has_any_role(allowed):
            raise HTTPException(
                status_code=status.HTTP_403_FORBIDDEN,
                detail=f"无权限 (requires one of the roles: {', '.join(sorted(allowed))})",
            )
        return principal

    return check
