#!/usr/bin/env python3
"""A large GDELT 2.0 export file for the import benchmark, made from the real one.

    python3 Benchmarks/gdelt_generate.py OUTPUT [--rows 1000000] [--seed 1979]

Repeats the rows of Tests/TimelineImportTests/Resources/gdelt/20191024143000.export.CSV until
OUTPUT has at least --rows rows, each copy standing for the next 15-minute file GDELT publishes
(GDELT's own rate: a year is 35,040 such files, ~70 M rows, so a million rows are ~5 days of news)
and perturbed so that it is not the same reports again: GLOBALEVENTID made unique, DATEADDED moved
15 minutes per copy and SQLDATE by the whole days that moves it, about a third of the actor country
codes replaced by other ISO countries (more distinct pairs than the news has, so more events to
store than a real file of this size gives), and every SOURCEURL given the copy's number. The mix of
codes, the share of rows taken and the row lengths stay those of the real file.
"""

import argparse
import datetime
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "Tests" / "TimelineImportTests" / "Resources" / "gdelt" / "20191024143000.export.CSV"
COUNTRIES = ["USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND", "BRA", "TUR", "IRN", "ISR", "EGY", "ZAF",
             "NGA", "KOR", "PRK", "PAK", "AFG", "SAU", "CAN", "MEX", "AUS", "IDN", "UKR", "POL", "ITA", "ESP"]
GLOBALEVENTID, SQLDATE, ACTOR1_COUNTRY, ACTOR2_COUNTRY, DATEADDED, SOURCEURL = 0, 1, 7, 17, 59, 60


FILE_INTERVAL = datetime.timedelta(minutes=15)


def shifted_day(digits: bytes, days: int) -> bytes:
    day = datetime.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8])) + datetime.timedelta(days=days)
    return day.strftime("%Y%m%d").encode() + digits[8:]


def shifted_time(digits: bytes, by: datetime.timedelta) -> tuple[bytes, int]:
    """DATEADDED moved by `by`, and how many calendar days that moved it."""
    added = datetime.datetime.strptime(digits.decode(), "%Y%m%d%H%M%S")
    moved = added + by
    return moved.strftime("%Y%m%d%H%M%S").encode(), (moved.date() - added.date()).days


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1979)
    arguments = parser.parse_args()
    random_numbers = random.Random(arguments.seed)
    rows = [line.split(b"\t") for line in REAL.read_bytes().split(b"\n") if line]
    written = 0
    with arguments.output.open("wb") as output:
        copy = 0
        while written < arguments.rows:
            for cells in rows:
                cells = list(cells)
                cells[GLOBALEVENTID] = str(int(cells[GLOBALEVENTID]) + copy * 10_000_000).encode()
                cells[DATEADDED], days = shifted_time(cells[DATEADDED], copy * FILE_INTERVAL)
                cells[SQLDATE] = shifted_day(cells[SQLDATE], days)
                for column in (ACTOR1_COUNTRY, ACTOR2_COUNTRY):
                    if cells[column] and random_numbers.random() < 1 / 3:
                        cells[column] = random_numbers.choice(COUNTRIES).encode()
                cells[SOURCEURL] = cells[SOURCEURL] + b"#copy-" + str(copy).encode()
                output.write(b"\t".join(cells) + b"\n")
                written += 1
            copy += 1
    print(f"{arguments.output}: {written} rows")


if __name__ == "__main__":
    main()
