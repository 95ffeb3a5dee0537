"""A seeded, fictional world of youth initiatives, simulated once and rendered many ways.

The world is plain data frames (people, spells, attendance days, scores, outcomes) with raw
partner IDs and the partner system that holds each row. Renderers turn it into deliveries
(``render_partner`` writes each partner's deliveries in the shape its partner config
describes), and ``write_truth`` keeps the frames so tests can check the warehouse.

Everything is vectorised with numpy, so the same code scales from a test world of a few hundred
people to benchmark tiers of millions (``participants`` is the one scale argument).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from pipelines.settings import DBT_PROJECT_DIR

PARAMS_FILE = Path(__file__).with_name("world.yaml")
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
FRAMES = ("participants", "enrolments", "attendance", "measurements", "outcomes")
HALF_YEAR_DAYS = 182


@dataclass
class World:
    """The simulated world; every frame carries ``partner_system`` and raw ``person_id``."""

    seed: int
    as_of: date
    params: dict
    participants: pd.DataFrame
    enrolments: pd.DataFrame
    attendance: pd.DataFrame
    measurements: pd.DataFrame
    outcomes: pd.DataFrame

    def frame(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


def load_params(path: Path = PARAMS_FILE) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def reference(name: str) -> pd.DataFrame:
    """A reference-data seed of the dbt project (initiatives, partnerships, instruments)."""
    return pd.read_csv(SEEDS_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


def _choice(rng: np.random.Generator, weights: dict, size: int) -> np.ndarray:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=size, p=p / p.sum())]


def _days(d: np.ndarray | pd.Series) -> np.ndarray:
    return np.asarray(d, dtype="datetime64[D]")


def simulate(
    participants: int = 1600, seed: int = 20251, params: dict | None = None, first_seq: int = 1
) -> World:
    """Simulate ``participants`` young people, each with one enrolment, over the world's years.

    ``first_seq`` numbers the first person: a large world is simulated in chunks that continue
    each other's numbering (the benchmarks), so IDs never collide across chunks."""
    params = params or load_params()
    rng = np.random.default_rng(seed)
    n = participants
    first_day = np.datetime64(str(params["first_day"]), "D")
    as_of = np.datetime64(str(params["as_of"]), "D")
    inits = reference("initiatives").set_index("initiative_id")
    parts = reference("partnerships").set_index("partnership_id")
    ip = params["initiatives"]

    # ---------- who: initiative, partnership, case-mix
    initiative = _choice(rng, {k: v["share"] for k, v in ip.items()}, n)
    partnership = np.empty(n, dtype=object)
    age = np.empty(n, dtype=int)
    combo = np.empty(n, dtype=object)
    for init_id, p in ip.items():
        idx = np.flatnonzero(initiative == init_id)
        partnership[idx] = _choice(rng, p["partnership_weights"], idx.size)
        age[idx] = rng.integers(p["age"][0], p["age"][1] + 1, size=idx.size)
        combo[idx] = _choice(rng, p["impairments"], idx.size)
    cognitive = np.array([c[0] == "1" for c in combo])
    physical = np.array([c[1] == "1" for c in combo])
    psychological = np.array([c[2] == "1" for c in combo])
    gender = _choice(rng, params["gender_weights"], n)
    consent = rng.random(n) < params["consent_rate"]

    # ---------- when: start, length, end
    opens = _days(inits.loc[initiative, "started_on"].to_numpy()).clip(min=first_day)
    span = (as_of - np.timedelta64(14, "D") - opens).astype(int)
    start = opens + (rng.random(n) * span).astype(int).astype("timedelta64[D]")
    birth_year = start.astype("datetime64[Y]").astype(int) + 1970 - age

    # ---------- how it goes: attendance propensity, success, exit
    n_impair = cognitive.astype(int) + physical + psychological
    att_mean = np.array([ip[i]["attendance_mean"] for i in initiative])
    att_mean = att_mean - params["attendance_casemix_penalty"] * n_impair
    concentration = 10.0
    propensity = rng.beta(att_mean * concentration, (1 - att_mean) * concentration)
    cm = params["casemix_logit"]
    logit = (
        np.array([ip[i]["success_logit"] for i in initiative])
        + cm["impairment_cognitive"] * cognitive
        + cm["impairment_psychological"] * psychological
        + cm["impairment_physical"] * physical
        + cm["age_over_24"] * (age > 24)
        + 3.0 * (propensity - att_mean)
    )
    p_success = 1 / (1 + np.exp(-logit))
    success = rng.random(n) < p_success
    duration_mean = np.array([ip[i]["duration_days_mean"] for i in initiative], dtype=float)
    duration = 30 + rng.gamma(2.0, duration_mean / 2.0)
    exit_status = np.empty(n, dtype=object)
    for init_id, p in ip.items():
        idx = np.flatnonzero((initiative == init_id) & success)
        exit_status[idx] = _choice(rng, p["success_kinds"], idx.size)
    idx = np.flatnonzero(~success)
    exit_status[idx] = _choice(rng, params["other_exits"], idx.size)
    duration = np.where(exit_status == "DROPOUT", 20 + duration * 0.5, duration)
    end = start + duration.astype(int).astype("timedelta64[D]")
    ended = end <= as_of
    end_or_asof = np.where(ended, end, as_of)

    cpr = fictional_cpr(rng, birth_year, gender)
    system = parts.loc[partnership, "partner_system"].to_numpy()
    seq = np.arange(first_seq, first_seq + n)
    person_id = np.array([f"{p[:3]}{s:06d}" for p, s in zip(partnership, seq, strict=True)])
    enrolment_id = np.array([f"{p}-E{s:06d}" for p, s in zip(partnership, seq, strict=True)])

    participants_df = pd.DataFrame(
        {
            "partner_system": system,
            "person_id": person_id,
            "birth_year": birth_year,
            "gender": gender,
            "impairment_cognitive": cognitive,
            "impairment_physical": physical,
            "impairment_psychological": psychological,
            "consent": consent,
            "consent_date": np.where(consent, start, np.datetime64("NaT")),
            # delivered instead of person_id by partners whose systems key on CPR numbers:
            "cpr": cpr,
            # truth only, never delivered:
            "initiative_id": initiative,
            "partnership_id": partnership,
            "age_at_start": age,
            "attendance_propensity": propensity,
            "p_success": p_success,
        }
    )
    enrolments_df = pd.DataFrame(
        {
            "partner_system": system,
            "enrolment_id": enrolment_id,
            "person_id": person_id,
            "initiative_id": initiative,
            "partnership_id": partnership,
            "start_date": start,
            "end_date": np.where(ended, end, np.datetime64("NaT")),
            "exit_status": np.where(ended, exit_status, None),
            "consent": consent,
        }
    )
    attendance_df = _attendance(rng, params, start, end_or_asof, propensity, initiative)
    row = attendance_df.pop("row").to_numpy()
    attendance_df.insert(0, "partner_system", system[row])
    attendance_df.insert(1, "person_id", person_id[row])
    attendance_df["enrolment_id"] = enrolment_id[row]
    measurements_df = _measurements(rng, ip, start, end_or_asof, initiative, success)
    who = measurements_df.pop("who")
    measurements_df.insert(0, "partner_system", system[who])
    measurements_df.insert(1, "person_id", person_id[who])
    outcomes_df = pd.DataFrame(
        {
            "partner_system": system[ended],
            "person_id": person_id[ended],
            "status": exit_status[ended],
            "status_from": end[ended],
            "status_to": np.datetime64("NaT"),
            "source": "exit",
        }
    )
    return World(
        seed=seed,
        as_of=pd.Timestamp(as_of).date(),
        params=params,
        participants=participants_df,
        enrolments=enrolments_df,
        attendance=attendance_df,
        measurements=measurements_df,
        outcomes=outcomes_df,
    )


def fictional_cpr(rng: np.random.Generator, birth_year: np.ndarray, gender: np.ndarray):
    """Unique, valid-looking CPR numbers (DDMMYY-SSSS) for fictional people.

    The 7th digit encodes the century as the CPR office does (0-3: 1900s, 4: 2000-2036); the
    last digit is odd for men; no modulus-11 rule (real numbers since 2007 do not follow it).
    """
    n = birth_year.size
    out = np.empty(n, dtype=object)
    todo = np.arange(n)
    seen: set[str] = set()
    while todo.size:
        day = rng.integers(0, 365, todo.size).astype("timedelta64[D]")
        born = (birth_year[todo] - 1970).astype("datetime64[Y]").astype("datetime64[D]") + day
        dmy = pd.to_datetime(born).strftime("%d%m%y").to_numpy()
        century = np.where(birth_year[todo] >= 2000, 4, rng.integers(0, 4, todo.size))
        middle = rng.integers(0, 100, todo.size)
        last = rng.integers(0, 5, todo.size) * 2 + (gender[todo] == "M")
        cand = [f"{a}-{c}{m:02d}{e}" for a, c, m, e in zip(dmy, century, middle, last, strict=True)]
        retry = []
        for i, c in zip(todo, cand, strict=True):
            if c in seen:
                retry.append(i)
            else:
                seen.add(c)
                out[i] = c
        todo = np.array(retry, dtype=int)
    return out


def _attendance(rng, params, start, end_or_asof, propensity, initiative) -> pd.DataFrame:
    """One row per participant and planned weekday from start to exit (or the as-of date)."""
    calendar = np.arange(
        start.min(), end_or_asof.max() + np.timedelta64(1, "D"), dtype="datetime64[D]"
    )
    weekdays = calendar[np.is_busday(calendar)]
    i0 = np.searchsorted(weekdays, start, side="left")
    i1 = np.searchsorted(weekdays, end_or_asof, side="right")
    counts = np.maximum(i1 - i0, 0)
    rows = np.repeat(np.arange(start.size), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    dates = weekdays[np.repeat(i0, counts) + offsets]
    planned = np.array([params["initiatives"][i]["planned_hours"] for i in initiative])[rows]
    present = rng.random(rows.size) < propensity[rows]
    partial = rng.random(rows.size) < 0.12
    fraction = np.where(partial, rng.choice([0.25, 0.5, 0.75], size=rows.size), 1.0)
    attended = np.where(present, np.round(planned * fraction * 4) / 4, 0.0)
    reasons = _choice(rng, params["absence_reasons"], rows.size)
    return pd.DataFrame(
        {
            "row": rows,
            "date": dates,
            "planned_hours": planned,
            "attended_hours": attended,
            "absence_reason": np.where(present, None, reasons),
        }
    )


def _measurements(rng, ip, start, end_or_asof, initiative, success) -> pd.DataFrame:
    """Item scores at start and every half year while enrolled, on each initiative's instrument."""
    instruments = reference("instruments")
    n_assess = 1 + ((end_or_asof - start).astype(int) // HALF_YEAR_DAYS)
    who = np.repeat(np.arange(start.size), n_assess)
    k = np.arange(n_assess.sum()) - np.repeat(np.cumsum(n_assess) - n_assess, n_assess)
    assessed_on = start[who] + (k * HALF_YEAR_DAYS).astype("timedelta64[D]")
    base = rng.normal(0.35, 0.12, start.size)
    gain = np.array([ip[i]["progression_gain"] for i in initiative]) * rng.normal(
        1.0, 0.7, start.size
    )
    gain = np.where(success, gain, gain * 0.4)
    latent = base[who] + gain[who] * np.minimum(k, 4) * 0.5
    instrument = np.array([ip[i]["instrument"] for i in initiative])[who]
    frames = []
    for (inst, item), spec in instruments.groupby(["instrument", "item"]):
        rows = np.flatnonzero(instrument == inst)
        lo, hi = float(spec["scale_min"].iloc[0]), float(spec["scale_max"].iloc[0])
        noisy = np.clip(latent[rows] + rng.normal(0, 0.08, rows.size), 0, 1)
        score = np.rint(lo + (hi - lo) * noisy)
        if spec["reversed"].iloc[0] == "true":
            score = lo + hi - score
        frames.append(
            pd.DataFrame(
                {
                    "who": who[rows],
                    "assessed_on": assessed_on[rows],
                    "instrument": inst,
                    "item": item,
                    "score": score.astype(int),
                    "assessor_role": "joint",
                    "_order": rows,
                }
            )
        )
    out = pd.concat(frames, ignore_index=True).sort_values(["_order", "item"], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def write_truth(world: World, truth_dir: Path) -> None:
    """Keep the world's frames and true parameters so tests can check the warehouse."""
    truth_dir.mkdir(parents=True, exist_ok=True)
    for name in FRAMES:
        world.frame(name).to_parquet(truth_dir / f"{name}.parquet", index=False)
    meta = {
        "seed": world.seed,
        "as_of": world.as_of.isoformat(),
        "participants": len(world.participants),
        "true_success_logit": {
            k: v["success_logit"] for k, v in world.params["initiatives"].items()
        },
    }
    (truth_dir / "world.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
