"""Local accounts: the offline default for signing in to the dashboards.

Accounts live in one JSON file outside git (``OUTCOMES_ACCOUNTS_FILE``, default
``.secrets/accounts.json``) with scrypt password hashes, never passwords. Each account has a
role and, for funders and partnerships, a scope:

* ``network`` — national networks: every initiative's suppressed aggregates;
* ``funder`` — one funder (scope = the funder's name in the success criteria): its scorecard;
* ``partnership`` — one local partnership (scope = partnership ID): its own participants plus
  everyone's suppressed aggregates;
* ``admin`` — operators: what networks see, every funder's scorecard and all data quality.

With ``OUTCOMES_AUTH=oidc`` the identity comes from ``st.login`` instead and the password hash
is not used; the account file then only maps e-mail addresses to roles.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from pipelines.settings import DBT_PROJECT_DIR, REPO_ROOT

ROLES = ("network", "funder", "partnership", "admin")
SCOPED_ROLES = ("funder", "partnership")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    scope: str | None = None
    password_hash: str = ""
    demo: bool = False

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"account {self.username!r}: unknown role {self.role!r} ({ROLES})")
        if (self.role in SCOPED_ROLES) != bool(self.scope):
            raise ValueError(
                f"account {self.username!r}: role {self.role} "
                + ("needs a scope" if self.role in SCOPED_ROLES else "takes no scope")
            )


def accounts_file() -> Path:
    value = os.environ.get("OUTCOMES_ACCOUNTS_FILE")
    return Path(value).expanduser() if value else REPO_ROOT / ".secrets" / "accounts.json"


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    fields = [str(_SCRYPT[k]) for k in ("n", "r", "p")]
    fields += [base64.b64encode(b).decode() for b in (salt, digest)]
    return "$".join(["scrypt", *fields])


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(
        password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
        dklen=len(expected),
    )  # fmt: skip
    return hmac.compare_digest(actual, expected)


def load_accounts(path: Path | None = None) -> dict[str, Account]:
    """The accounts by username; an empty dict when the file does not exist yet."""
    path = path or accounts_file()
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {a["username"]: Account(**a) for a in raw["accounts"]}


def save_accounts(accounts: dict[str, Account], path: Path | None = None) -> Path:
    path = path or accounts_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    body = {"accounts": [asdict(a) for a in sorted(accounts.values(), key=lambda a: a.username)]}
    tmp.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.chmod(0o600)
    os.replace(tmp, path)
    return path


def authenticate(username: str, password: str, path: Path | None = None) -> Account | None:
    account = load_accounts(path).get(username.strip())
    if account is None or not account.password_hash:
        # spend the same time as a real check, so usernames cannot be probed by timing
        verify_password(password, hash_password("x"))
        return None
    return account if verify_password(password, account.password_hash) else None


def _seed_rows(name: str) -> list[dict[str, str]]:
    with (DBT_PROJECT_DIR / "seeds" / f"{name}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def demo_accounts() -> list[tuple[str, str, str | None]]:
    """(username, role, scope) of the demo: one per role, one per funder and per partnership."""
    funders = sorted({row["funder"] for row in _seed_rows("success_criteria")})
    partnerships = sorted(row["partnership_id"] for row in _seed_rows("partnerships"))
    wanted = [("netvaerk", "network", None), ("admin", "admin", None)]
    wanted += [(f"funder{i}", "funder", f) for i, f in enumerate(funders, start=1)]
    wanted += [(p.lower(), "partnership", p) for p in partnerships]
    return wanted


def create_demo_accounts(path: Path | None = None) -> dict[str, str]:
    """(Re)create the demo accounts with fresh random passwords; other accounts are kept.

    Returns username -> password, to print once; only hashes are stored.
    """
    accounts = {u: a for u, a in load_accounts(path).items() if not a.demo}
    passwords = {}
    for username, role, scope in demo_accounts():
        if username in accounts:  # a real account of that name wins
            continue
        passwords[username] = secrets.token_urlsafe(9)
        accounts[username] = Account(
            username, role, scope, hash_password(passwords[username]), demo=True
        )
    save_accounts(accounts, path)
    return passwords


def main(argv: list[str] | None = None) -> int:
    """python -m dashboards.accounts add USER --role R [--scope S] | remove USER | list"""
    import argparse
    import getpass

    parser = argparse.ArgumentParser(prog="python -m dashboards.accounts")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add or replace an account (asks for the password)")
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--scope", help="funder name or partnership ID")
    remove = sub.add_parser("remove")
    remove.add_argument("username")
    sub.add_parser("list")
    args = parser.parse_args(argv)
    accounts = load_accounts()
    if args.command == "add":
        password = getpass.getpass(f"Password for {args.username}: ")
        if len(password) < 12:
            parser.error("use a password of at least 12 characters")
        accounts[args.username] = Account(
            args.username, args.role, args.scope, hash_password(password)
        )
    elif args.command == "remove":
        accounts.pop(args.username, None)
    else:
        for a in accounts.values():
            print(f"{a.username:20} {a.role:12} {a.scope or ''}")
        return 0
    print(f"saved {save_accounts(accounts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
