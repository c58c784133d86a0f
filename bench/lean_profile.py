"""Where one ballot and one filing spend their CPU, measured inside a gunicorn worker.

One sync worker serves bench/lean_wsgi.py (the site's application, measured per request) on
PostgreSQL; N deputies log in and vote one after another, then N units file through the API
one after another (no burst: what one request costs, not how requests queue). Prints, per kind,
the median CPU the worker thread spent in the application (time.thread_time: waiting on the
database is not counted), the statements sent, the whole gunicorn tree's CPU per request (the
application plus gunicorn's own HTTP work), and with --profile a breakdown from a cProfile timed
by the same CPU clock (its overhead inflates the total; read the shares).

    DATABASE_URL=postgres://… python bench/lean_profile.py [N] [--profile]
"""

from __future__ import annotations

import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cpu_time  # noqa: E402
import vote_load  # noqa: E402
from common import django_on_postgres, on_test_database, published_example_plan  # noqa: E402
from filing_load import Filer, seed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DJ = "django/"
# (label, file fragment, function): inclusive CPU of each, summed over its calls.
PARTS: list[tuple[str, str, str]] = [
    ("request object (WSGIRequest)", DJ + "core/handlers/wsgi.py", "__init__"),
    ("SecurityMiddleware", DJ + "middleware/security.py", "process_request"),
    ("SecurityMiddleware", DJ + "middleware/security.py", "process_response"),
    ("SessionMiddleware (response: save/cookie)", DJ + "contrib/sessions/middleware.py", "process_response"),
    ("LocaleMiddleware", DJ + "middleware/locale.py", "process_request"),
    ("LocaleMiddleware", DJ + "middleware/locale.py", "process_response"),
    ("CommonMiddleware", DJ + "middleware/common.py", "process_request"),
    ("CommonMiddleware", DJ + "middleware/common.py", "process_response"),
    ("CSRF (middleware)", DJ + "middleware/csrf.py", "process_request"),
    ("CSRF (middleware)", DJ + "middleware/csrf.py", "process_view"),
    ("CSRF (middleware)", DJ + "middleware/csrf.py", "process_response"),
    ("MessageMiddleware", DJ + "contrib/messages/middleware.py", "process_request"),
    ("MessageMiddleware", DJ + "contrib/messages/middleware.py", "process_response"),
    ("XFrameOptionsMiddleware", DJ + "middleware/clickjacking.py", "process_response"),
    ("URL resolving", DJ + "urls/resolvers.py", "resolve"),
    ("session load (query + decode)", DJ + "contrib/sessions/backends/base.py", "_get_session"),
    ("user load (auth.get_user)", DJ + "contrib/auth/__init__.py", "get_user"),
    ("request_started/finished signals", DJ + "dispatch/dispatcher.py", "send"),
    ("POST body parsing", DJ + "http/request.py", "_load_post_and_files"),
    ("JSON response", DJ + "http/response.py", "__init__"),
    ("ballot: cast_ballot", "minsheng/voting/services.py", "cast_ballot"),
    ("ballot: deputy_of", "minsheng/voting/services.py", "deputy_of"),
    ("filing: token lookup (tokens.authenticate)", "minsheng/api/tokens.py", "authenticate"),
    ("filing: rate limit (ratelimit.allow)", "minsheng/accounts/ratelimit.py", "allow"),
    ("filing: ninja operation (parse, validate, view, serialise)", "ninja/operation.py", "run"),
    ("filing: ninja body parsing/validation", "ninja/signature/details.py", "resolve"),
    ("filing: gate: task lookup (readable_tasks + get)", "django/shortcuts.py", "get_object_or_404"),
    ("filing: file_report (access, lowered, write)", "minsheng/progress/services.py", "file_report"),
    ("filing: access.require_task_role", "minsheng/plans/access.py", "require_task_role"),
    ("filing: out_of_step", "minsheng/progress/cumulative.py", "out_of_step"),
    ("filing: _write_report (report, figures, audit, recount)", "minsheng/progress/services.py", "_write_report"),
    ("filing: audit entry", "minsheng/accounts/models.py", "audit"),
    ("filing: ORM create() (report, audit, idempotency row)", "django/db/models/query.py", "create"),
    ("filing: report_json (answer)", "minsheng/api/reads.py", "report_json"),
    ("filing: ninja create_response (JSON)", "ninja/main.py", "create_response"),
    ("all queries: cursor.execute (client side)", DJ + "db/backends/utils.py", "execute"),
    ("all queries: SQL compilation (ORM)", DJ + "db/models/sql/compiler.py", "as_sql"),
    ("transaction.atomic enter/exit", DJ + "db/transaction.py", "__exit__"),
]
# Middlewares written as __call__: their own part is the call less the rest of the chain.
CALL_MIDDLEWARES = [
    ("ContentSecurityPolicyMiddleware", "minsheng/config/csp.py"),
    ("WhiteNoiseMiddleware", "whitenoise/middleware.py"),
    ("SitePagesMiddleware", "minsheng/config/errors.py"),
    ("AxesMiddleware", "axes/middleware.py"),
]


def start(db_url: str, out: Path, profile: bool) -> tuple[subprocess.Popen[bytes], str]:
    port = vote_load._free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minsheng.config.settings_test",
        "DATABASE_URL": db_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "",
        "MINSHENG_DATA_DIR": tempfile.mkdtemp(prefix="minsheng-lean-"),
        "MINSHENG_CONN_MAX_AGE": "60",
        "LEAN_OUT": str(out),
        "LEAN_PROFILE": "1" if profile else "",
        "LEAN_SQL": "1" if "--sql" in sys.argv else "",
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "lean_wsgi:application", f"--pythonpath={ROOT / 'bench'}", f"--bind=127.0.0.1:{port}"]
    server = subprocess.Popen([*command, "--workers=1", "--log-level=warning"], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=2).read()
            return server, base
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn 未能启动")


def run(n: int, profile: bool) -> None:
    from django.db import connection

    from minsheng.plans.models import Plan

    plan = published_example_plan()
    session = vote_load.prepare(Plan.objects.get(pk=plan.pk), n)
    ballots = vote_load.random_ballots(session, [f"load-{i:04d}" for i in range(n)])
    filers = [Filer(*row) for row in seed(plan, n)]
    out = Path(tempfile.mkdtemp(prefix="lean-out-"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        db_pid = cpu_time.parent_of(cursor.fetchone()[0])  # the postmaster: PostgreSQL's CPU too
    server, base = start(vote_load.database_url(connection.settings_dict), out, profile)
    try:
        deputies = [vote_load.Deputy(name, approvals) for name, approvals in ballots]
        url = f"{base}/deputy/votes/{session.pk}/"
        for d in deputies:
            d.post_form(base + "/accounts/login/", {"username": d.username, "password": vote_load.PASSWORD})
        tokens = {d.username: d.open_form(url) for d in deputies}
        for f in filers[:5]:
            f.look(base)
        (out / "requests.jsonl").unlink(missing_ok=True)  # the logins are not what is measured
        tree: dict[str, float] = {}
        before, db_before = cpu_time.tree_seconds(server.pid), cpu_time.tree_seconds(db_pid)
        for d in deputies:
            answer = d.submit(url + "ballot/", tokens[d.username], {"approve": d.approvals})
            assert json.loads(answer)["message"] == "投票成功", answer
        middle, db_middle = cpu_time.tree_seconds(server.pid), cpu_time.tree_seconds(db_pid)
        for f in filers:
            f.file(base)
            assert f.status == 201, (f.status, f.error)
        tree = {"ballot": middle - before, "filing": cpu_time.tree_seconds(server.pid) - middle}
        database = {"ballot": db_middle - db_before, "filing": cpu_time.tree_seconds(db_pid) - db_middle}
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(out, tree, database, n, profile)


def report(out: Path, tree: dict[str, float], database: dict[str, float], n: int, profile: bool) -> None:
    rows = [json.loads(line) for line in (out / "requests.jsonl").read_text().splitlines()]
    for kind in ("ballot", "filing"):
        mine = [r for r in rows if r["kind"] == kind]
        cpu = statistics.median(r["cpu_ms"] for r in mine)
        statements = Counter(tuple(r["sql"]) for r in mine).most_common(1)[0][0]
        verbs = [s.split(None, 1)[0] for s in statements]
        print(
            f"{kind}: {len(mine)} requests; application CPU median {cpu:.2f} ms "
            f"(mean {statistics.mean(r['cpu_ms'] for r in mine):.2f}); gunicorn tree "
            f"{1000 * tree[kind] / n:.2f} ms a request; PostgreSQL {1000 * database[kind] / n:.2f} ms; "
            f"{len(statements)} statements: {' '.join(verbs)}" + ("  [profiled: times inflated]" if profile else "")
        )
        if "--sql" in sys.argv:
            print("\n".join(f"  {i}. {s}" for i, s in enumerate(statements, 1)))
        if profile and (out / f"{kind}.prof").exists():
            breakdown(out / f"{kind}.prof", n)
    parts = " ".join(f"{k}_tree_ms {1000 * v / n:.2f} {k}_db_ms {1000 * database[k] / n:.2f}" for k, v in tree.items())
    print(f"lean {parts} load {os.getloadavg()[0]:.1f}")


def breakdown(path: Path, n: int) -> None:
    stats: dict[Any, Any] = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in stats.values())
    sums: dict[str, float] = {}
    for label, fragment, name in PARTS:
        for (file, _, func), (_, _, _, ct, _) in stats.items():
            if func == name and file.endswith(fragment.split("/")[-1]) and fragment in file:
                sums[label] = sums.get(label, 0.0) + ct
    for label, fragment in CALL_MIDDLEWARES:
        for key, (_, _, _, ct, _) in stats.items():
            if key[2] == "__call__" and fragment in key[0]:
                chain = sum(
                    v[4][key][3] for k, v in stats.items() if key in v[4] and k[2] in {"inner", "__call__"} and k != key
                )
                sums[label] = sums.get(label, 0.0) + ct - chain
    print(f"  profile total {1000 * total / n:.2f} ms a request (100 %)")
    for label, value in sums.items():
        print(f"  {label:62s} {1000 * value / n:7.3f} ms {100 * value / total:5.1f} %")
    own = sorted(stats.items(), key=lambda kv: -kv[1][2])[:15]
    print("  most own time:")
    for (file, line, func), (_, calls, tt, _, _) in own:
        print(f"    {1000 * tt / n:6.3f} ms  {calls / n:6.1f} calls  {func}  {file.split('site-packages/')[-1]}:{line}")


def main() -> None:
    django_on_postgres("需要 PostgreSQL：请设置 DATABASE_URL=postgres://…")
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()] or [100]
    on_test_database(lambda: run(numbers[0], "--profile" in sys.argv))


if __name__ == "__main__":
    main()
