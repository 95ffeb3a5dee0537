"""Write dbt/seeds/poisson_limits.csv: exact (Garwood) 95 % limits for a Poisson count O.

lower = chi2.ppf(0.025, 2 O) / 2, upper = chi2.ppf(0.975, 2 O + 2) / 2, for O = 0..1000; the
macro poisson_limits uses Byar's approximation above that (relative error below 1e-6 there).
Regenerate with ``python scripts/make_poisson_limits.py``.
"""

from pathlib import Path

from scipy import stats

OUT = Path(__file__).resolve().parent.parent / "dbt" / "seeds" / "poisson_limits.csv"
MAX_O = 1000

with OUT.open("w", encoding="utf-8") as fh:
    fh.write("observed,lower_95,upper_95\n")
    for o in range(MAX_O + 1):
        lower = 0.0 if o == 0 else float(stats.chi2.ppf(0.025, 2 * o) / 2)
        upper = float(stats.chi2.ppf(0.975, 2 * o + 2) / 2)
        fh.write(f"{o},{lower!r},{upper!r}\n")
