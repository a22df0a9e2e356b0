"""Benchmark of the sensor register: import with full validation, observation loading, latest values.

Every figure is printed with its ratio to a plain ``ogr2ogr`` write of the same rows measured in the same
run (no validation, no constraints, no audit): the price of the register's rigour.

    PYTHONPATH=.build/pypath .venv/bin/python bench/bench_register.py [--sensors 10000]
        [--observations 1000000] [--stored 10000000] [--pg DSN]

Goals (issue 5): 10,000 sensors <= 5 s, 1,000,000 observations <= 60 s, latest values <= 100 ms.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if p not in ("", ".") and Path(p).resolve() != REPO]
sys.path.insert(0, str(REPO / ".build" / "pypath"))


def sensor_rows(n: int) -> list[tuple[int, dict]]:
    types = [
        "Chemiesensor",
        "Geluidsensor",
        "Klimaatsensor",
        "Temperatuursensor",
        "Aanwezigheid of nabijheidsensor",
        "Optische / camera sensor",
    ]
    themes = ["Lucht", "Geluid", "Klimaatverandering", "Mobiliteit;Veiligheid", "Water", "Drukte"]
    owners = ["Gemeente Dordrecht", "RIVM", "ProRail", "NS Stations", "HVC", "Waterschap Hollandse Delta"]
    rows = []
    for i in range(n):
        personal = i % 9 == 0
        rows.append(
            (
                i + 2,
                {
                    "owner": owners[i % len(owners)],
                    "reference": f"B-{i:06d}",
                    "name": f"Sensor {i}",
                    "sensor_type": types[i % len(types)],
                    "observes": "meetwaarde",
                    "observation_goal": "benchmark",
                    "themes": themes[i % len(themes)],
                    "x": 100000.0 + (i % 100) * 50.0,
                    "y": 420000.0 + (i // 100) * 50.0,
                    "contains_personal_data": "ja" if personal else "nee",
                    "legal_ground": "Publieke taak" if personal else "",
                    "privacy_statement_url": "https://www.dordrecht.nl/privacy" if personal else "",
                    "start_date": "2024-01-01",
                    "active_until": "2030-12-31",
                    "public_contact_email": "sensoren@dordrecht.nl",
                    "data_url": f"https://data.dordrecht.nl/sensor/{i}",
                },
            )
        )
    return rows


def write_csv(path: Path, header: list[str], rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def ogr2ogr(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(["ogr2ogr"] + args, check=True, capture_output=True)
    return time.perf_counter() - started


def report(label: str, seconds: float, baseline: float, goal: float | None = None):
    goal_text = f"  goal <= {goal:g} s: {'met' if seconds <= goal else 'NOT met'}" if goal else ""
    print(
        f"{label:<58} {seconds:9.3f} s   ogr2ogr {baseline:8.3f} s   "
        f"ratio {seconds / baseline:6.2f}{goal_text}",
        flush=True,
    )


def main() -> int:  # noqa: C901 (a linear script)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sensors", type=int, default=10000)
    parser.add_argument("--observations", type=int, default=1_000_000)
    parser.add_argument(
        "--stored", type=int, default=10_000_000, help="observations stored for the latest query"
    )
    parser.add_argument("--pg", default=os.environ.get("SMART_SOCIETY_PG_DSN", ""))
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()

    from smart_society.plugins.sensor_register.core import importers, observations, storage

    work = Path(tempfile.mkdtemp(prefix="bench_register_"))
    print(
        f"sensor register benchmark in {work}; sensors {args.sensors}, observations {args.observations}, "
        f"stored {args.stored}",
        flush=True,
    )
    rows = sensor_rows(args.sensors)
    header = [
        "owner",
        "reference",
        "name",
        "sensor_type",
        "observes",
        "observation_goal",
        "themes",
        "x",
        "y",
        "contains_personal_data",
        "legal_ground",
        "privacy_statement_url",
        "start_date",
        "active_until",
        "public_contact_email",
        "data_url",
    ]
    sensors_csv = write_csv(work / "sensors.csv", header, ([raw[h] for h in header] for _n, raw in rows))
    csv_open = ["-oo", "X_POSSIBLE_NAMES=x", "-oo", "Y_POSSIBLE_NAMES=y", "-a_srs", "EPSG:28992"]

    # 1. sensors into GeoPackage
    baseline = ogr2ogr(
        ["-f", "GPKG", str(work / "plain.gpkg"), str(sensors_csv), "-nln", "sensors"] + csv_open
    )
    register = storage.create_gpkg(work / "register.gpkg")
    started = time.perf_counter()
    result = importers.import_rows(register, rows, "bench", user="bench")
    seconds = time.perf_counter() - started
    assert result.inserted == args.sensors and not result.issues, result.summary()
    report(f"import {args.sensors} sensors, validated, GeoPackage", seconds, baseline, 5.0)
    started = time.perf_counter()
    again = importers.import_rows(register, rows, "bench", user="bench")
    report(
        f"re-import same {args.sensors} (idempotent, 0 changes), GeoPackage",
        time.perf_counter() - started,
        baseline,
    )
    assert again.unchanged == args.sensors

    # 2. sensors into PostGIS
    if args.pg:
        import psycopg2

        connection = psycopg2.connect(args.pg)
        connection.autocommit = True
        connection.cursor().execute(
            "DROP SCHEMA IF EXISTS bench_register CASCADE; DROP TABLE IF EXISTS public.bench_register_plain"
        )
        baseline_pg = ogr2ogr(
            [
                "-f",
                "PostgreSQL",
                f"PG:{args.pg}",
                str(sensors_csv),
                "-nln",
                "bench_register_plain",
                "-lco",
                "SPATIAL_INDEX=NONE",
            ]
            + csv_open
        )
        pg = storage.open_postgis(args.pg, "bench_register")
        started = time.perf_counter()
        result = importers.import_rows(pg, rows, "bench", user="bench")
        seconds = time.perf_counter() - started
        assert result.inserted == args.sensors
        report(f"import {args.sensors} sensors, validated, PostGIS", seconds, baseline_pg, 5.0)
        pg.close()
        connection.cursor().execute(
            "DROP SCHEMA bench_register CASCADE; DROP TABLE public.bench_register_plain"
        )
        connection.close()
    else:
        print("PostGIS: skipped (no --pg / SMART_SOCIETY_PG_DSN)")

    # 3. 1,000,000 observations into the GeoPackage register
    sensors = register.query("SELECT fid FROM sensors ORDER BY fid")
    n_streams = min(1000, len(sensors))
    per_stream = max(1, args.observations // n_streams)
    stream_ids = []
    for i, sensor in enumerate(sensors[:n_streams]):
        stream_ids += observations.upsert_datastreams(
            register,
            sensor["fid"],
            [
                {
                    "ds_key": f"bench:{i}",
                    "name": f"ds{i}",
                    "observed_property": "no2",
                    "unit": "ug/m3",
                    "source": "bench",
                }
            ],
        )
    import datetime as dt

    start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    times = [(start + dt.timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M:%SZ") for h in range(per_stream)]
    obs = [(ds, t, float((ds * 7 + h) % 97)) for ds in stream_ids for h, t in enumerate(times)]
    obs_csv = write_csv(work / "observations.csv", ["datastream_id", "phenomenon_time", "result"], obs)
    baseline_obs = ogr2ogr(
        [
            "-f",
            "GPKG",
            str(work / "plain_obs.gpkg"),
            str(obs_csv),
            "-nln",
            "observations",
            "-oo",
            "AUTODETECT_TYPE=YES",
        ]
    )
    started = time.perf_counter()
    observations.store_observations(register, obs)
    seconds = time.perf_counter() - started
    report(f"load {len(obs)} observations (dedup + latest), GeoPackage", seconds, baseline_obs, 60.0)
    register.close()

    # 4. latest value of every sensor with --stored observations in the register
    big = storage.create_gpkg(work / "big.gpkg")
    n_sensors = min(args.sensors, 10000)
    big_rows = sensor_rows(n_sensors)
    importers.import_rows(big, big_rows, "bench", user="bench")
    per = max(1, args.stored // n_sensors)
    started = time.perf_counter()
    with big.transaction():
        big.execute(
            "INSERT INTO datastreams (sensor_id, ds_key, name, observed_property, unit, source) "
            "SELECT fid, 'bench:' || fid, 'ds' || fid, 'no2', 'ug/m3', 'bench' FROM sensors"
        )
        big.execute(
            "WITH RECURSIVE h(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM h WHERE i + 1 < %s) "
            "INSERT INTO observations (datastream_id, phenomenon_time, result) "
            "SELECT d.fid, strftime('%Y-%m-%dT%H:%M:%SZ', 1735689600 + h.i * 3600, 'unixepoch'), "
            "(d.fid * 7 + h.i) % 97 FROM datastreams d CROSS JOIN h ORDER BY d.fid, h.i".replace(
                "%s", str(per)
            )
        )
    observations.refresh_latest_values(big)
    fill = time.perf_counter() - started
    stored = big.count("observations")
    print(f"(filled {stored} observations for the latest-value query in {fill:.1f} s)", flush=True)
    for from_table, label in ((False, "index seek per datastream"), (True, "maintained latest table")):
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            latest = observations.latest_values(big, from_table=from_table)
            best = min(best, time.perf_counter() - started)
        assert len(latest) == n_sensors
        latest_csv = write_csv(
            work / "latest.csv",
            ["sensor_fid", "latest_time", "latest_value"],
            ([r["sensor_fid"], r["latest_time"], r["latest_value"]] for r in latest),
        )
        baseline_latest = ogr2ogr(
            ["-f", "GPKG", str(work / f"plain_latest_{from_table}.gpkg"), str(latest_csv)]
        )
        report(f"latest value of {n_sensors} sensors / {stored} obs ({label})", best, baseline_latest, 0.1)
    big.close()
    if args.keep:
        print(f"files kept in {work}")
    else:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
