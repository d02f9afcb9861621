"""Accounts: named users with a role, argon2id-hashed passwords, login sessions with a CSRF secret, and a
personal API token for scripts.

A viewer reads; an editor also reviews and corrects; an admin also manages users (the roles and what they
may do are data, in ``domain/ontology.yaml``). Secrets are never stored: a session row and an API token are
kept as SHA-256 hashes of the random secret the client holds, and passwords as argon2id hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from casetrail.domain.schema import USER_ROLES, ontology
from casetrail.errors import AccountError
from casetrail.review import audit
from casetrail.store import schema as t
from casetrail.store.store import Store, now

MIN_PASSWORD = 10
SESSION_HOURS = 12
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_hasher = PasswordHasher()


def sha256_hex(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class User:
    """Who is acting, and with which role."""

    name: str
    role: str

    def can(self, permission: str) -> bool:
        """Whether the role allows ``permission`` (read, review, manage_users)."""
        return permission in ontology().user_roles.get(self.role, ())


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str


class Accounts:
    """Users, sessions and API tokens of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- users ------------------------------------------------------------------------------------
    def any_users(self) -> bool:
        with self.store.engine.connect() as conn:
            return conn.execute(select(t.users.c.name).where(t.users.c.active.is_(True)).limit(1)).first() is not None

    def list(self) -> list[dict[str, Any]]:
        """Every account (without its secrets)."""
        return self.store.rows(select(t.users.c.name, t.users.c.role, t.users.c.active, t.users.c.created_at,
                                      t.users.c.api_token_hash.is_not(None).label("has_token"))
                               .order_by(t.users.c.name))

    def get(self, name: str) -> User | None:
        rows = self.store.rows(select(t.users).where(t.users.c.name == name, t.users.c.active.is_(True)))
        return User(rows[0]["name"], rows[0]["role"]) if rows else None

    def add(self, name: str, role: str, password: str, by: str | None = None) -> User:
        """Create an account; the name must be new, the role known and the password long enough."""
        if not NAME_RE.match(name or ""):
            raise AccountError(f"'{name}' is not a usable user name (letters, digits, . _ @ -; at most 64)")
        _check_role(role)
        _check_password(password)
        with self.store.transaction() as conn:
            old = conn.execute(select(t.users.c.active).where(t.users.c.name == name)).first()
            if old is not None and old[0]:
                raise AccountError(f"a user called '{name}' exists already")
            if old is not None:  # a removed account comes back: same name, new password and role
                conn.execute(update(t.users).where(t.users.c.name == name).values(
                    role=role, password_hash=_hasher.hash(password), active=True, api_token_hash=None))
            else:
                conn.execute(insert(t.users).values(name=name, role=role, password_hash=_hasher.hash(password),
                                                    active=True, created_at=now()))
            audit.record(conn, by, "user_add", "user", name, after={"role": role})
        return User(name, role)

    def set_role(self, name: str, role: str, by: str | None = None) -> None:
        _check_role(role)
        with self.store.transaction() as conn:
            before = self._role(conn, name)
            conn.execute(update(t.users).where(t.users.c.name == name).values(role=role))
            audit.record(conn, by, "user_role", "user", name, before={"role": before}, after={"role": role})

    def set_password(self, name: str, password: str, by: str | None = None) -> None:
        _check_password(password)
        with self.store.transaction() as conn:
            self._role(conn, name)
            conn.execute(update(t.users).where(t.users.c.name == name).values(password_hash=_hasher.hash(password)))
            conn.execute(delete(t.sessions).where(t.sessions.c.user_name == name))  # log out everywhere
            audit.record(conn, by, "user_password", "user", name)

    def remove(self, name: str, by: str | None = None) -> None:
        """Deactivate an account (kept, so the audit log's names keep meaning); its sessions end."""
        with self.store.transaction() as conn:
            before = self._role(conn, name)
            conn.execute(update(t.users).where(t.users.c.name == name).values(active=False, api_token_hash=None))
            conn.execute(delete(t.sessions).where(t.sessions.c.user_name == name))
            audit.record(conn, by, "user_remove", "user", name, before={"role": before})

    def _role(self, conn: Any, name: str) -> str:
        row = conn.execute(select(t.users.c.role).where(t.users.c.name == name, t.users.c.active.is_(True))).first()
        if row is None:
            raise AccountError(f"no user called '{name}'")
        return row[0]

    # -- authentication ---------------------------------------------------------------------------
    def authenticate(self, name: str, password: str) -> User | None:
        """The user, when the password is theirs; None otherwise (the same answer for an unknown name)."""
        rows = self.store.rows(select(t.users).where(t.users.c.name == name, t.users.c.active.is_(True)))
        if not rows:
            _hasher.hash(password)  # the same work as a real check, so timing does not tell names apart
            return None
        try:
            _hasher.verify(rows[0]["password_hash"], password)
        except (VerificationError, InvalidHashError):
            return None
        if _hasher.check_needs_rehash(rows[0]["password_hash"]):
            with self.store.transaction() as conn:
                conn.execute(update(t.users).where(t.users.c.name == name).values(
                    password_hash=_hasher.hash(password)))
        return User(rows[0]["name"], rows[0]["role"])

    def new_api_token(self, name: str, by: str | None = None) -> str:
        """A new token for scripts (``Authorization: Bearer …``); the old one stops working."""
        token = "ct_" + secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            self._role(conn, name)
            conn.execute(update(t.users).where(t.users.c.name == name).values(api_token_hash=sha256_hex(token)))
            audit.record(conn, by or name, "user_token", "user", name)
        return token

    def by_api_token(self, token: str) -> User | None:
        if not token.startswith("ct_"):
            return None
        rows = self.store.rows(select(t.users.c.name, t.users.c.role, t.users.c.api_token_hash)
                               .where(t.users.c.api_token_hash == sha256_hex(token), t.users.c.active.is_(True)))
        if rows and hmac.compare_digest(rows[0]["api_token_hash"], sha256_hex(token)):
            return User(rows[0]["name"], rows[0]["role"])
        return None

    # -- sessions ---------------------------------------------------------------------------------
    def start_session(self, user: User) -> tuple[str, str]:
        """A new login: (the cookie's secret, the session's CSRF token)."""
        secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = (datetime.now(UTC) + timedelta(hours=SESSION_HOURS)).isoformat(timespec="seconds")
        with self.store.transaction() as conn:
            conn.execute(delete(t.sessions).where(t.sessions.c.expires_at < now()))
            conn.execute(insert(t.sessions).values(id=sha256_hex(secret), user_name=user.name, csrf=csrf,
                                                   created_at=now(), expires_at=expires))
        return secret, csrf

    def session(self, secret: str | None) -> Session | None:
        """The live session a cookie's secret opens (None when unknown, expired or its user removed)."""
        if not secret:
            return None
        rows = self.store.rows(select(t.sessions.c.csrf, t.sessions.c.expires_at, t.users.c.name, t.users.c.role)
                               .join(t.users, t.users.c.name == t.sessions.c.user_name)
                               .where(t.sessions.c.id == sha256_hex(secret), t.users.c.active.is_(True)))
        if not rows or rows[0]["expires_at"] < now():
            return None
        return Session(User(rows[0]["name"], rows[0]["role"]), rows[0]["csrf"])

    def end_session(self, secret: str | None) -> None:
        if secret:
            with self.store.transaction() as conn:
                conn.execute(delete(t.sessions).where(t.sessions.c.id == sha256_hex(secret)))


def csrf_ok(expected: str, given: str | None) -> bool:
    """Constant-time comparison of a form's CSRF token with its session's."""
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


def _check_role(role: str) -> None:
    if role not in USER_ROLES:
        raise AccountError(f"unknown role '{role}' (use {', '.join(USER_ROLES)})")


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
