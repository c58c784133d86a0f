"""The year simulated in the database (issue #27): a few seeded years through the real services,
the invariants of tests/sim/checks.py held on every simulated day. `bench/year_sim_bench.py`
runs 200 years."""

from __future__ import annotations

import pytest

from .sim.checks import Tally
from .sim.year import run_year

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_simulated_year_tells_the_truth_every_day(seed: int) -> None:
    tally = Tally()
    run_year(seed, tally)
    assert tally.years == 1 and tally.days > 400 and tally.checks > tally.days
