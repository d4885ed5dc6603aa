"""Keycloak bearer tokens: signature (JWKS), issuer, audience and expiry, then roles and scope."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import jwt
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

_bearer = HTTPBearer(auto_error=False, description="Keycloak access token of realm `governance`")


@dataclass(frozen=True)
class Principal:
    """Who is calling: realm roles say what they may do, attributes say where."""

    subject: str
    username: str
    roles: frozenset[str]
    department: str | None = None
    district: str | None = None
    township: str | None = None
    grid: str | None = None

    def has_any_role(self, roles: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
        return not self.roles.isdisjoint(roles)

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> Principal:
        return cls(
            subject=claims["sub"],
            username=claims.get("preferred_username", claims["sub"]),
            roles=frozenset(claims.get("realm_access", {}).get("roles", [])),
            department=claims.get("department"),
            district=claims.get("district"),
            township=claims.get("township"),
            grid=claims.get("grid"),
        )


class InvalidToken(Exception):
    """The token is missing, forged, expired, or meant for someone else."""


class TokenVerifier:
    def __init__(self, *, issuer: str, audience: str, jwks_url: str, leeway_seconds: int = 0):
        self._issuer = issuer
        self._audience = audience
        self._leeway = leeway_seconds
        self._jwks = jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=300, timeout=5)

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
        return Principal.from_claims(claims)


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
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        return verifier.verify(credentials.credentials)
    except InvalidToken as exc:
        raise _unauthorized(str(exc)) from exc


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str) -> Callable[[Principal], Principal]:
    """A dependency that lets through only callers holding one of `roles`."""
    allowed = frozenset(roles)

    def check(principal: PrincipalDep) -> Principal:
        if not principal.has_any_role(allowed):
            raise HTTPException(
                status_code=status.HTTP_403_FORBIDDEN,
                detail=f"无权限 (requires one of the roles: {', '.join(sorted(allowed))})",
            )
        return principal

    return check
