#!/usr/bin/env python3
"""Checks a timelined calendar feed (GET /v1/calendar.ics, contract §3) as subscribing clients
will read it.

    scripts/check-calendar.py FILE_OR_URL [--thresholds 180,90,30,7,1,0]

Exits 0 when the feed passes, 1 with one message per problem when it does not, 2 when it cannot
be read at all. Checked: it is UTF-8 and parses with the `icalendar` package (pip install
icalendar); every physical line ends in CRLF and holds at most 75 octets; the calendar has
VERSION 2.0 and a PRODID; every VEVENT has a UID (unique in the feed), a UTC DTSTAMP, an all-day
DTSTART (a DATE, not a DATE-TIME), a DTEND (when present) after it, a SUMMARY, and VALARMs with
ACTION, DESCRIPTION and a TRIGGER at or before the start, one per threshold. `--thresholds`
requires every event to carry exactly those; without it any set is accepted, since an agreement's
own `alert_days` may be anything, even none. A URL must also answer with a text/calendar type.
"""

import argparse
import datetime
import sys
import urllib.request

try:
    import icalendar
except ImportError:
    sys.exit("check-calendar: the Python package 'icalendar' is missing: pip install icalendar")

MAX_OCTETS = 75


def read(source):
    """The feed's bytes, and its problems so far (a URL's content type)."""
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=30) as response:
            content_type = response.headers.get("Content-Type", "")
            problems = []
            if content_type.split(";")[0].strip().lower() != "text/calendar":
                problems.append(f"Content-Type is {content_type!r}, not text/calendar")
            return response.read(), problems
    with open(source, "rb") as feed:
        return feed.read(), []


def check_lines(data):
    """CRLF after every physical line, none longer than 75 octets, and UTF-8 throughout."""
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("the feed does not end with CRLF")
    lines = data.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: a line break other than CRLF")
        if len(line) > MAX_OCTETS:
            problems.append(f"line {number}: {len(line)} octets, more than {MAX_OCTETS}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(f"line {number}: not UTF-8 on its own (a character split by folding?): {error.reason}")
        if number > 1 and line[:1] == b"\t":
            problems.append(f"line {number}: folded with a tab; this feed folds with one space")
    return problems


def trigger_days(trigger):
    """The whole days before the start an alarm's TRIGGER names, or None when it is no such duration."""
    value = trigger.dt
    if not isinstance(value, datetime.timedelta) or value > datetime.timedelta(0):
        return None
    if value % datetime.timedelta(days=1) != datetime.timedelta(0):
        return None
    return -value.days


def check_alarms(event, label, thresholds):
    problems = []
    days = []
    for alarm in event.walk("VALARM"):
        for name in ("ACTION", "TRIGGER", "DESCRIPTION"):
            if name not in alarm:
                problems.append(f"{label}: a VALARM without {name}")
        if alarm.get("ACTION", "").upper() != "DISPLAY":
            problems.append(f"{label}: a VALARM whose ACTION is not DISPLAY")
        if "TRIGGER" not in alarm:
            continue
        if alarm["TRIGGER"].params.get("RELATED", "START").upper() != "START":
            problems.append(f"{label}: a VALARM not RELATED=START")
        before = trigger_days(alarm["TRIGGER"])
        if before is None:
            problems.append(f"{label}: TRIGGER {alarm['TRIGGER'].to_ical().decode()} is not whole days before the start")
        else:
            days.append(before)
    if len(days) != len(set(days)):
        problems.append(f"{label}: two VALARMs for the same threshold: {sorted(days, reverse=True)}")
    if thresholds is not None and sorted(days) != sorted(thresholds):
        problems.append(f"{label}: VALARMs for {sorted(days, reverse=True)} days, expected {sorted(thresholds, reverse=True)}")
    return problems


def is_date(value):
    """A DATE value: a date without a time of day (a datetime is a date too in Python)."""
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def check_event(event, index, thresholds):
    uid = str(event.get("UID", "")).strip()
    label = f"VEVENT {index} ({uid or 'no UID'})"
    problems = []
    if not uid:
        problems.append(f"{label}: no UID")
    stamp = event.get("DTSTAMP")
    if stamp is None:
        problems.append(f"{label}: no DTSTAMP")
    elif not isinstance(stamp.dt, datetime.datetime) or stamp.dt.utcoffset() != datetime.timedelta(0):
        problems.append(f"{label}: DTSTAMP {stamp.to_ical().decode()} is not a UTC date-time")
    start = event.get("DTSTART")
    start_is_date = start is not None and is_date(start.dt)
    if start is None:
        problems.append(f"{label}: no DTSTART")
    elif not start_is_date:
        problems.append(f"{label}: DTSTART {start.to_ical().decode()} is not a DATE (all-day) value")
    end = event.get("DTEND")
    if end is not None and (not is_date(end.dt) or (start_is_date and end.dt <= start.dt)):
        problems.append(f"{label}: DTEND {end.to_ical().decode()} is not a DATE after DTSTART")
    if not str(event.get("SUMMARY", "")).strip():
        problems.append(f"{label}: no SUMMARY")
    return uid, problems + check_alarms(event, label, thresholds)


def check_calendar(data, thresholds):
    try:
        calendar = icalendar.Calendar.from_ical(data)
    # icalendar reports malformed input through several exception types, not one of its own.
    except Exception as error:
        return [f"icalendar cannot parse the feed: {error}"], 0
    problems = []
    if calendar.name != "VCALENDAR":
        problems.append(f"the feed is a {calendar.name}, not a VCALENDAR")
    if str(calendar.get("VERSION", "")) != "2.0":
        problems.append("VERSION is not 2.0")
    if not str(calendar.get("PRODID", "")).strip():
        problems.append("no PRODID")
    for component in calendar.walk():
        for error in getattr(component, "errors", []):
            problems.append(f"{component.name}: icalendar could not read {error}")
    uids = {}
    events = calendar.walk("VEVENT")
    for index, event in enumerate(events, start=1):
        uid, event_problems = check_event(event, index, thresholds)
        problems += event_problems
        if uid and uid in uids:
            problems.append(f"VEVENT {index}: UID {uid} already used by VEVENT {uids[uid]}")
        uids.setdefault(uid, index)
    return problems, len(events)


def parse_thresholds(text):
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of whole days: {text!r}")


def main():
    parser = argparse.ArgumentParser(description="Check a timelined calendar feed (RFC 5545).")
    parser.add_argument("source", metavar="FILE_OR_URL")
    parser.add_argument("--thresholds", type=parse_thresholds,
                        help="require every VEVENT to have exactly these alarms, e.g. 180,90,30,7,1,0")
    arguments = parser.parse_args()
    try:
        data, problems = read(arguments.source)
    except (OSError, ValueError) as error:
        print(f"check-calendar: cannot read {arguments.source}: {error}", file=sys.stderr)
        return 2
    problems += check_lines(data)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(f"the feed is not UTF-8: {error}")
        calendar_problems, events = [], 0
    else:
        calendar_problems, events = check_calendar(data, arguments.thresholds)
    problems += calendar_problems
    if problems:
        for problem in problems:
            print(f"check-calendar: {arguments.source}: {problem}", file=sys.stderr)
        print(f"check-calendar: {arguments.source}: FAILED, {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"check-calendar: {arguments.source}: OK, {events} event(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
