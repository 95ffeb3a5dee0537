"""Write dbt/seeds/t_quantiles.csv: the two-sided 95 % critical value of Student's t per df.

DuckDB has no t quantile function, so t-intervals look the value up for df <= 1000 and use the
Cornish-Fisher expansion beyond (macro t_975, error below 1e-12 there). Regenerate with
``python scripts/make_t_quantiles.py``; tests/dbt check the seed against scipy.
"""

from pathlib import Path

from scipy import stats

OUT = Path(__file__).resolve().parent.parent / "dbt" / "seeds" / "t_quantiles.csv"
MAX_DF = 1000

with OUT.open("w", encoding="utf-8") as fh:
    fh.write("df,t_975\n")
    for df in range(1, MAX_DF + 1):
        fh.write(f"{df},{float(stats.t.ppf(0.975, df))!r}\n")
