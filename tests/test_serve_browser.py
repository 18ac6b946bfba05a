"""`newsweave serve` in a real browser: Debian's Chromium driven by Playwright against the
app on a real uvicorn server on 127.0.0.1. A reader searches, opens a story, follows a
citation to its evidence sentence; hostile article text never runs; screenshots of the list
and the story page at laptop and phone sizes go to tests/artifacts/."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from serve_corpus import build_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SIZES = {"laptop": (1280, 800), "phone": (390, 844)}

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed (apt-get install "
                                       "chromium; .ci/run does)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from newsweave.serve import create_app

    db = tmp_path_factory.mktemp("browser") / "news.db"
    ids = build_store(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.on("dialog", lambda d: (pg.problems.append("dialog: " + d.message), d.dismiss()))
    yield pg
    context.close()


def test_search_open_a_story_and_follow_a_citation_to_its_sentence(server, page):
    base, ids = server
    page.goto(base + "/")
    assert page.locator("li.story").count() == len(ids)
    page.fill("input[name=q]", "dockworkers")
    page.click("button[type=submit]")
    page.wait_for_url("**/?q=dockworkers*")
    assert page.locator("li.story").count() == 1
    page.click("li.story a.headline")
    page.wait_for_url(f"**/stories/{ids['kessmark']}")
    assert "Kessmark" in page.locator("h1").inner_text()
    summary = page.locator(".summary-sentence").first
    sentence = summary.inner_text()
    cite = summary.locator("a.cite").first
    href = cite.get_attribute("href")
    assert "#s-" in href
    cite.click()
    page.wait_for_url("**/articles/**")
    target = page.locator(".s:target")
    assert target.count() == 1
    evidence = target.inner_text()
    # the cited sentence shares the summary sentence's words, and is highlighted
    words = set(evidence.lower().split())
    assert len(words & set(sentence.lower().split())) >= 0.5 * len(words)
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.problems == []


def test_the_claim_matrix_and_charts_render_without_script(server, page):
    base, ids = server
    page.goto(f"{base}/stories/{ids['kessmark']}")
    assert page.locator("table.matrix td.mark a").count() >= 2
    assert page.locator("#coverage svg circle").count() >= 4
    first = page.locator("table.matrix td.mark a").first
    first.click()
    page.wait_for_url("**/articles/**#s-*")
    assert page.locator(".s:target").count() == 1
    assert page.problems == []


def test_script_in_article_text_does_not_run(server, page):
    base, ids = server
    for path in [f"/stories/{ids['glimmerton']}", "/articles/glim-1", "/?q=footbridge",
                 "/articles/glim%2F2%20%3Cx%3E"]:
        page.goto(base + path)
        assert page.evaluate("() => window.__pwned") is None
        assert page.title() != "pwned"
    page.goto(base + "/articles/glim-1")
    assert "<script>window.__pwned" in page.locator(".text").inner_text()
    assert page.problems == []


def test_api_docs_load_from_the_server_itself(server, page):
    base, _ = server
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15000)
    assert "/api/stories" in page.locator(".swagger-ui").inner_text()
    assert requested and all(u.startswith(base) for u in requested)


def test_screenshots_of_the_list_and_a_story(server, browser):
    base, ids = server
    ARTIFACTS.mkdir(exist_ok=True)
    for name, (w, h) in SIZES.items():
        context = browser.new_context(viewport={"width": w, "height": h},
                                      device_scale_factor=1)
        pg = context.new_page()
        pg.goto(base + "/")
        pg.screenshot(path=ARTIFACTS / f"list-{name}.png")
        pg.goto(f"{base}/stories/{ids['kessmark']}")
        pg.screenshot(path=ARTIFACTS / f"story-{name}.png")
        pg.screenshot(path=ARTIFACTS / f"story-{name}-full.png", full_page=True)
        overflow = pg.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{name}: the page is {overflow}px wider than the screen"
        context.close()
