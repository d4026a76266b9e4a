#!/usr/bin/env python3
"""The pages of contract §13 in a real headless Chromium (Debian's chromium and chromedriver,
driven by Selenium; nothing downloads a browser).

    scripts/test-pages.py BASE_URL                      checks the pages of a live daemon
    scripts/test-pages.py --screenshots DIR BASE_URL    and writes DIR/{board,timeline,agreement}.png
                                                        (desktop) and DIR/*-phone.png

Checks, on every page: it loads with no console message at warning level or above; the elements
it must show are there; nothing was requested from another origin (the DevTools network log);
the page runs no script. An event titled `<script>alert(1)</script>` is ingested first and must
show as text, with no alert raised. Exit status 0 when every check passed.
"""

import argparse
import json
import sys
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
HOSTILE_TITLE = "<script>alert(1)</script>"
DESKTOP = (1280, 900)
PHONE = (390, 844)

# Each page: its path, the CSS selectors that must match, and the screenshot's name.
PAGES = [
    ("/", ["table.board-table tbody tr", "form.search input[name=actor]", "ol.events li.event"], "board"),
    ("/timeline?actor=US&actor=CN",
     ["svg.timeline-chart", "svg.timeline-chart .axis .tick", "svg.timeline-chart rect.term",
      "svg.timeline-chart a[href^='#event-'] title", "svg.timeline-chart .legend", "ol.events li.event h3"],
     "timeline"),
    ("/agreements/us-cn-sta", ["dl.facts", "table.history tbody tr", "ul.thresholds li", "svg.timeline-chart"],
     "agreement"),
]


def ingest_hostile_event(base):
    record = {"key": "pages-hostile-title", "kind": "statement", "title": HOSTILE_TITLE, "date": "2023-08-29",
              "actors": ["US", "CN"], "summary": "<img src=x onerror=alert(2)>"}
    request = urllib.request.Request(base + "/v1/events", data=json.dumps(record).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        assert response.status == 200, response.status


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-color-profile=srgb", f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def requested_urls(driver):
    """Every URL the page asked for since the last call, from the DevTools network log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def check_page(driver, base, path, selectors, failures):
    driver.get_log("browser")
    requested_urls(driver)
    driver.get(base + path)
    origin = urllib.parse.urlsplit(base)[:2]
    for selector in selectors:
        if not driver.find_elements(By.CSS_SELECTOR, selector):
            failures.append(f"{path}: nothing matches {selector}")
    for entry in driver.get_log("browser"):
        if entry["level"] in ("WARNING", "SEVERE"):
            failures.append(f"{path}: console {entry['level']}: {entry['message']}")
    for url in requested_urls(driver):
        if urllib.parse.urlsplit(url)[:2] != origin and not url.startswith(("data:", "about:")):
            failures.append(f"{path}: requested {url}, outside {base}")
    scripts = driver.execute_script("return document.scripts.length")
    if scripts:
        failures.append(f"{path}: the page carries {scripts} script element(s)")
    try:
        alert = driver.switch_to.alert
        failures.append(f"{path}: an alert was raised: {alert.text}")
        alert.dismiss()
    except NoAlertPresentException:
        pass


def check_hostile_title(driver, base, failures):
    driver.get(base + "/timeline?from=2023-08-29&to=2023-08-29")
    titles = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "h3.event-title")]
    if HOSTILE_TITLE not in titles:
        failures.append(f"the title {HOSTILE_TITLE!r} is not shown as text; titles: {titles}")
    tooltips = driver.execute_script(
        "return Array.from(document.querySelectorAll('svg title')).map(t => t.textContent)")
    if not any(HOSTILE_TITLE in tooltip for tooltip in tooltips):
        failures.append("the hostile title is not text in the SVG tooltips")


def screenshot(driver, base, path, file, size, mobile):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": size[0], "height": size[1], "deviceScaleFactor": 2 if mobile else 1,
                            "mobile": mobile})
    driver.get(base + path)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": size[0], "height": min(height, 1600 if mobile else 1800),
                            "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile})
    driver.save_screenshot(file)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the daemon's base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--screenshots", metavar="DIR", help="write the pages' screenshots there")
    arguments = parser.parse_args()
    base = arguments.base.rstrip("/")

    failures = []
    driver = browser()
    try:
        # Before the hostile event joins the pages.
        if arguments.screenshots:
            for path, _, name in PAGES:
                screenshot(driver, base, path, f"{arguments.screenshots}/{name}.png", DESKTOP, mobile=False)
                screenshot(driver, base, path, f"{arguments.screenshots}/{name}-phone.png", PHONE, mobile=True)
        ingest_hostile_event(base)
        for path, selectors, _ in PAGES:
            check_page(driver, base, path, selectors, failures)
        check_hostile_title(driver, base, failures)
    finally:
        driver.quit()

    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    print(f"pages: {len(PAGES)} pages and the escaping check, {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
