"""Accounts (casetrail/review/accounts.py): argon2id hashes, roles as data, sessions and API tokens."""

from __future__ import annotations

import pytest

from casetrail.errors import AccountError
from casetrail.review.accounts import Accounts, User, csrf_ok
from casetrail.store import schema as t

PASSWORD = "a long enough password"


def test_passwords_are_stored_as_argon2id_hashes(store):
    acc = Accounts(store)
    acc.add("erin", "editor", PASSWORD)
    row = store.table_rows("users")[0]
    assert row["password_hash"].startswith("$argon2id$") and PASSWORD not in row["password_hash"]
    assert acc.authenticate("erin", PASSWORD) == User("erin", "editor")
    assert acc.authenticate("erin", "wrong password") is None
    assert acc.authenticate("nobody", PASSWORD) is None


@pytest.mark.parametrize(("name", "role", "password"), [("erin", "owner", PASSWORD), ("erin", "editor", "short"),
                                                        ("bad name!", "viewer", PASSWORD)])
def test_bad_accounts_are_refused(store, name, role, password):
    with pytest.raises(AccountError):
        Accounts(store).add(name, role, password)


def test_roles_say_what_each_may_do():
    assert User("v", "viewer").can("read") and not User("v", "viewer").can("review")
    assert User("e", "editor").can("review") and not User("e", "editor").can("manage_users")
    assert User("a", "admin").can("manage_users")


def test_sessions_end_on_logout_password_change_and_removal(store):
    acc = Accounts(store)
    user = acc.add("erin", "editor", PASSWORD)
    secret, csrf = acc.start_session(user)
    assert acc.session(secret).csrf == csrf and acc.session("guess") is None
    assert not any(secret in str(r) for r in store.table_rows("sessions"))  # only its hash is kept
    acc.set_password("erin", "another long password")
    assert acc.session(secret) is None
    secret, _ = acc.start_session(user)
    acc.end_session(secret)
    assert acc.session(secret) is None
    secret, _ = acc.start_session(user)
    token = acc.new_api_token("erin")
    assert acc.by_api_token(token) == user
    acc.remove("erin")
    assert acc.session(secret) is None and acc.by_api_token(token) is None and acc.authenticate("erin", PASSWORD) \
        is None
    assert [r["action"] for r in store.table_rows("audit_log")] == ["user_add", "user_password", "user_token",
                                                                    "user_remove"]


def test_expired_sessions_do_not_open(store):
    acc = Accounts(store)
    secret, _ = acc.start_session(acc.add("erin", "viewer", PASSWORD))
    with store.transaction() as conn:
        conn.execute(t.sessions.update().values(expires_at="2000-01-01T00:00:00+00:00"))
    assert acc.session(secret) is None


def test_csrf_comparison():
    assert csrf_ok("abc", "abc") and not csrf_ok("abc", "abd") and not csrf_ok("abc", None)
