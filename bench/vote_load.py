"""500 deputies vote at once against a real server: gunicorn on loopback, PostgreSQL.

Each deputy logs in first (as on the morning of the session); then all of them send
their ballots at the same moment. Afterwards: exactly one ballot per deputy, the tally
equals the ballots, no request failed. Prints the throughput of the voting burst and the
95th percentile of what one deputy waits from pressing 投票 to the answer; then the CPU
each ballot cost the client, gunicorn and PostgreSQL (read from /proc: all three share
this machine's cores), and what that cost implies for a server whose cores are its own
(the phones are other machines) -- labelled as an estimate, not a measurement.

    DATABASE_URL=postgres://… python bench/vote_load.py [DEPUTIES …]    (a throwaway test database each; 500)

tests/test_vote_load.py runs the same on CI's PostgreSQL.
"""

from __future__ import annotations

import contextlib
import datetime
import http.cookiejar
import json
import math
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cpu_time  # noqa: E402

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "deputy-pass-123"
# gunicorn as the README deploys it: 3 sync workers (on 2 cores they beat 3 workers x 4
# threads, which fight over each process's GIL: 124 against 64 ballots a second for 300
# deputies), persistent database connections (settings.py keeps them 60 s).
# LOAD_WORKERS / LOAD_THREADS / LOAD_CONN_MAX_AGE try other settings.
SERVER = {
    "workers": int(os.environ.get("LOAD_WORKERS", 3)),
    "threads": int(os.environ.get("LOAD_THREADS", 1)),
    "conn_max_age": int(os.environ.get("LOAD_CONN_MAX_AGE", 60)),
}
# The ballot goes to the tablet's JSON endpoint (/deputy/votes/N/ballot/); LOAD_BALLOT=form
# sends it through the ballot page's form as before (to compare the two in one run).
BALLOT_PATH = os.environ.get("LOAD_BALLOT", "json")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def prepare(plan: Any, deputies: int) -> Any:
    """A session on the plan's candidates (pick 3) with a roster of `deputies`, opened."""
    from django.contrib.auth import get_user_model

    from minsheng.accounts.models import Profile
    from minsheng.plans.models import Project
    from minsheng.voting.models import Attendance, Deputy, VotingSession

    office = get_user_model().objects.create_user("load-office", is_staff=True)
    session = VotingSession.objects.create(
        plan=plan, congress="武进区第十七届人民代表大会", name="第七次会议", date=datetime.date(2026, 1, 10), seats=3
    )
    session.candidates.set(Project.objects.filter(plan=plan, status=Project.Status.CANDIDATE))
    for i in range(deputies):
        user = get_user_model().objects.create_user(f"load-{i:04d}", password=PASSWORD)
        Profile.objects.create(user=user, is_deputy=True)
        deputy = Deputy.objects.create(name=f"代表{i}", number=f"L{i:04d}", user=user)
        Attendance.objects.create(session=session, deputy=deputy)
    from minsheng.voting.services import open_session

    return open_session(user=office, session=session)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url(settings_dict: dict[str, Any]) -> str:
    user = urllib.parse.quote(settings_dict.get("USER") or "")
    password = urllib.parse.quote(settings_dict.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{auth}{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"


class Server(str):
    """The server's base URL, with the gunicorn master's process id (to read its workers' CPU time)."""

    pid: int = 0


@contextlib.contextmanager
def gunicorn(db_url: str, workers: int = 3, threads: int = 4, conn_max_age: int = 0) -> Iterator[Server]:
    """gunicorn serving Minsheng on a free loopback port, on the given database."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minsheng.config.settings_test",
        "DATABASE_URL": db_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": os.environ.get("LOAD_DEBUG", ""),
        "MINSHENG_DATA_DIR": tempfile.mkdtemp(prefix="minsheng-load-"),
        "MINSHENG_CONN_MAX_AGE": str(conn_max_age),
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "minsheng.config.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    base = Server(f"http://127.0.0.1:{port}")
    base.pid = server.pid
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn 未能启动") from None
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@dataclass
class Deputy:
    username: str
    approvals: list[int]
    opener: Any = None
    error: str = ""

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def post_form(self, url: str, data: dict[str, Any]) -> str:
        return self.submit(url, self.open_form(url), data)

    def open_form(self, url: str) -> str:
        """Open a form page, as the user does before filling it in; returns its CSRF token."""
        token = CSRF.search(self.opener.open(url, timeout=60).read().decode())
        if token is None:
            raise RuntimeError(f"{url} 没有 CSRF 令牌")
        return token.group(1)

    def submit(self, url: str, token: str, data: dict[str, Any]) -> str:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        return str(self.opener.open(urllib.request.Request(url, body), timeout=60).read().decode())


@dataclass
class Storm:
    deputies: int
    seconds: float
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds of the burst: client, server, database
    load: float = 0.0  # the machine's load average over the minute before the burst

    @property
    def p95(self) -> float:
        return percentile(self.latencies, 95)

    @property
    def per_second(self) -> float:
        return self.deputies / self.seconds


def percentile(values: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile (0 when there is nothing)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))]


def release_together(work: Callable[[T], None], items: Sequence[T]) -> float:
    """Run `work` on every item in its own thread, all released at the same moment (a barrier),
    and return the seconds from the release until the last one finished."""
    gate = threading.Barrier(len(items) + 1)

    def run(item: T) -> None:
        gate.wait()
        work(item)

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for t in threads:
        t.start()
    gate.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def storm(base: str, session_pk: int, ballots: list[tuple[str, list[int]]], db_pid: int = 0) -> Storm:
    """Log every deputy in and open their ballots, then release all ballots at once; time them."""
    deputies = [Deputy(name, approvals) for name, approvals in ballots]
    for d in deputies:
        d.post_form(base + "/accounts/login/", {"username": d.username, "password": PASSWORD})

    latencies: list[float] = []
    url = f"{base}/deputy/votes/{session_pk}/"
    tokens = {d.username: d.open_form(url) for d in deputies}  # every ballot open on a phone
    target = url if BALLOT_PATH == "form" else url + "ballot/"

    def vote(d: Deputy) -> None:
        start = time.perf_counter()
        try:
            answer = d.submit(target, tokens[d.username], {"approve": d.approvals})
            if not accepted(answer):
                d.error = f"{d.username}: 未见“投票成功”"
        except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
            d.error = f"{d.username}: {exc}"
        latencies.append(time.perf_counter() - start)  # from pressing 投票 to the answer

    load, before = os.getloadavg()[0], cpu_readings(base, db_pid)
    seconds = release_together(vote, deputies)
    cpu = {part: spent - before[part] for part, spent in cpu_readings(base, db_pid).items()}
    return Storm(len(deputies), seconds, [d.error for d in deputies if d.error], latencies, cpu, load)


def accepted(answer: str) -> bool:
    """The ballot page says 投票成功; the JSON endpoint answers {"message": "投票成功"}."""
    if BALLOT_PATH == "form":
        return "投票成功" in answer
    return bool(json.loads(answer).get("message") == "投票成功")


def cpu_readings(base: str, db_pid: int) -> dict[str, float]:
    """CPU seconds so far of this client, of gunicorn (master and workers) and of PostgreSQL."""
    server = getattr(base, "pid", 0)
    return {
        "client": cpu_time.own_seconds(),
        "server": cpu_time.tree_seconds(server) if server else 0.0,
        "database": cpu_time.tree_seconds(db_pid) if db_pid else 0.0,
    }


def random_ballots(session: Any, usernames: list[str], seed: int = 17) -> list[tuple[str, list[int]]]:
    rng = random.Random(seed)
    ids = list(session.candidates.values_list("pk", flat=True))
    return [(name, rng.sample(ids, rng.randint(0, session.seats))) for name in usernames]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings_test")
    os.environ.setdefault("MINSHENG_DATA_DIR", tempfile.mkdtemp(prefix="minsheng-bench-"))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan

    if connection.vendor != "postgresql":
        sys.exit("负载测试需要 PostgreSQL：请设置 DATABASE_URL=postgres://…")
    for deputies in [int(arg) for arg in sys.argv[1:]] or [500]:
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            plan = plan_import(
                path=ROOT.parent / "shared/corpus/000_1f7f5f0c3bb78009.docx", user=None, state="published"
            ).plan
            session = prepare(Plan.objects.get(pk=plan.pk), deputies)
            ballots = random_ballots(session, [f"load-{i:04d}" for i in range(deputies)])
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                db_pid = cpu_time.parent_of(cursor.fetchone()[0])  # the postmaster, if on this machine
            with gunicorn(database_url(connection.settings_dict), **SERVER) as base:
                result = storm(base, session.pk, ballots, db_pid)
            report(result, session, ballots)
        finally:
            connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)


def report(result: Storm, session: Any, ballots: list[tuple[str, list[int]]]) -> None:
    from minsheng.voting.models import Ballot, BallotChoice, VoteReceipt
    from minsheng.voting.services import tally

    counted = tally(session)
    print(
        f"{result.deputies} 名代表同时投票：用时 {result.seconds:.2f} s，吞吐 {result.per_second:.0f} 张/秒，"
        f"每位代表等待 p95 {result.p95:.2f} s（目标 ≤ 1 s）；"
        f"选票 {Ballot.objects.count()} 张，投票记录 {VoteReceipt.objects.count()} 条，"
        f"赞成票合计 {sum(counted.approvals.values())}（选票上的勾选 {BallotChoice.objects.count()} 个，"
        f"应为 {sum(len(a) for _, a in ballots)}），错误 {len(result.errors)} 个"
    )
    ms = {part: 1000 * spent / result.deputies for part, spent in result.cpu.items()}
    print(
        f"每张选票的 CPU：客户端 {ms['client']:.1f} ms，应用服务器 {ms['server']:.1f} ms，"
        f"数据库 {ms['database']:.1f} ms（本机 {os.cpu_count()} 核由三者共用，投票前一分钟平均负载 "
        f"{result.load:.1f}；投票期间三者合计用了 {sum(result.cpu.values()) / result.seconds:.2f} 个核）"
    )
    print(implied(result, os.cpu_count() or 1))
    for error in result.errors[:5]:
        print("  ", error)
    print(
        f"votes deputies {result.deputies} p95_s {result.p95:.2f} app_cpu_ms {ms['server']:.1f} "
        f"db_cpu_ms {ms['database']:.1f} counted {Ballot.objects.count()}"
    )


def implied(result: Storm, cores: int) -> str:
    """What the measured server-side CPU per ballot implies when the phones are other machines
    and this machine's cores serve only gunicorn and PostgreSQL: an estimate, said to be one."""
    per_ballot = (result.cpu.get("server", 0.0) + result.cpu.get("database", 0.0)) / result.deputies
    if per_ballot <= 0:
        return "推算：未能读到服务器和数据库的 CPU 时间（数据库不在本机？），不作推算"
    rate = cores / per_ballot  # ballots per second with every core busy on ballots
    n = result.deputies
    p95 = math.ceil(0.95 * n) / rate  # the 95th ballot in a hundred waits for those before it
    return (
        f"推算（非实测）：客户端在另一台机器、本机 {cores} 核只跑应用服务器和数据库时，"
        f"每张选票 {1000 * per_ballot:.1f} ms CPU → 至多约 {rate:.0f} 张/秒，{n} 人同时投票 p95 约 {p95:.1f} s；"
        f"p95 ≤ 1 s 需约 {math.ceil(0.95 * n * per_ballot)} 个核"
    )


if __name__ == "__main__":
    main()
