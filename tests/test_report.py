"""The report page: what it shows about a small hand-built corpus, that article text cannot
inject markup or script, and (in headless Chromium) what a person sees and can do."""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.core.model import Claim, Corpus, Entity, Mention, Quantity, Run, Span
from kg.rdf.serialise import write_graph
from kg.rdf.triples import build_graph
from kg.report.page import collect_page, load_graphs, render_page
from kg.report.sections import cut_excerpt, merge_excerpts
from kg.store.queries import load_query, run_query
from tests.conftest import BASE, ROOT, RUN_TIME, make_document
from tests.query_corpus import rich_corpus

SCRIPT = "<script>document.title='pwned'</script>"
IMG = "<img src=x onerror=\"document.title='pwned'\">"
HOSTILE = f"Mayor Lena Ovid said {SCRIPT} 40 drones hit the docks {IMG} on Friday."


def hostile_corpus() -> Corpus:
    """rich_corpus plus an article whose text and outlet carry markup that must stay text."""
    rich = rich_corpus()
    doc = make_document(HOSTILE, "hostile", publisher="Gazette <b>Bold</b>", published="2024-05-04")

    def span(text: str) -> Span:
        begin = doc.text.index(text)
        return Span(doc.id, begin, begin + len(text), text)

    who = Mention(doc.id, 6, 15, "Lena Ovid", "Person", 0, 1, 3)
    lena = Entity("Person|lena ovid", "Person", "Lena Ovid", (), (who,))
    content = span(f"{SCRIPT} 40 drones hit the docks {IMG}")
    claim = Claim(
        claimant_mention=who,
        cue="say",
        content=content,
        cue_span=span("said"),
        source_span=span("Lena Ovid"),
        quantities=(Quantity(Decimal(40), "drones-hit", span("40"), unit_text="drones"),),
        claimant=lena.key,
        key="claim|lena|40",
        stated_in=(doc.id,),
    )
    return replace(
        rich,
        documents=(*rich.documents, doc),
        entities=(*rich.entities, lena),
        claims=(*rich.claims, claim),
    )


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "graph.ttl"
    write_graph(build_graph(hostile_corpus(), Run("t", "m", "0", RUN_TIME), BASE), path, "turtle")
    return path


@pytest.fixture(scope="module")
def html(graph_file: Path) -> str:
    store, validation = load_graphs([graph_file])
    return render_page(collect_page(store, validation, title="Drones over Port Mirow"))


@pytest.fixture(scope="module")
def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


def _text(node: lxml.html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def _cells(row: lxml.html.HtmlElement) -> list[str]:
    """The visible text of a row's cells, without the collapsed evidence."""
    out = []
    for cell in row.xpath("./td|./th"):
        copy = lxml.html.fromstring(lxml.html.tostring(cell))
        for details in copy.xpath(".//details|.//span[@class='tag']"):
            details.drop_tree()
        out.append(" ".join(copy.text_content().split()))
    return out


# ---------------------------------------------------------------- content


def test_disputed_figures_side_by_side_with_claimant_outlets_and_certainty(
    tree: lxml.html.HtmlElement,
) -> None:
    (dispute,) = tree.xpath("//section[@id='disputes']//article")
    assert (
        _text(dispute.xpath(".//h3")[0]) == "drones-downed about attack in Port Mirow, 2024-05-02"
    )
    rows = [_cells(r) for r in dispute.xpath(".//table/tbody/tr")]
    assert [(r[0], r[1], r[3], r[4], r[5]) for r in rows] == [
        ("12", "Ana Petrenko", "asserted", "Northern Wire", "2024-05-02"),
        ("15", "Ana Petrenko", "asserted", "Daily Herald", "2024-05-03"),
        ("about 9", "Ivo Brandt", "hedged", "Coastal Times", ""),
    ]
    # the later figure links to the one it revises
    later = dispute.xpath(".//tbody/tr")[1]
    (link,) = later.xpath(".//span[@class='tag']/a")
    assert (
        tree.get_element_by_id(link.get("href")[1:])
        .xpath(".//td")[0]
        .text_content()
        .startswith("12 drones")
    )


def test_disputed_figure_has_a_chart_over_time_that_runs_nothing(
    tree: lxml.html.HtmlElement, html: str
) -> None:
    (svg,) = tree.xpath("//section[@id='disputes']//figure/svg")
    assert (
        svg.get("role") == "img"
        and svg.get("aria-label") == "drones-downed — about attack in Port Mirow, 2024-05-02"
    )
    assert "over time" in _text(tree.xpath("//section[@id='disputes']//figcaption")[0])
    assert html.count("<script") == 1  # ours, at the end of the page; none from the chart


def test_undisputed_figures_are_listed_by_what_they_count(tree: lxml.html.HtmlElement) -> None:
    rows = [
        _cells(r)
        for r in tree.xpath("//h3[@id='other-figures']/following-sibling::div[1]//tbody/tr")
    ]
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("drones-hit", "40", "Lena Ovid", "Gazette <b>Bold</b>"),
        ("drones-launched", "30", "Ruritanian Army", "Daily Herald, Northern Wire"),
    ]


def test_claims_are_attributed_to_their_claimant(tree: lxml.html.HtmlElement) -> None:
    groups = {
        _text(s.xpath("./h3")[0]).rsplit(" ", 2)[0]: [_cells(r) for r in s.xpath(".//tbody/tr")]
        for s in tree.xpath("//section[@class='claimant']")
    }
    assert list(groups) == ["Ana Petrenko", "Ivo Brandt", "Lena Ovid", "Ruritanian Army"]
    assert [r[0] for r in groups["Ivo Brandt"]] == [
        "Port Mirow officials counted about 9 downed drones"
    ]
    assert groups["Ruritanian Army"] == [
        [
            "it launched 30 Kestrel drones",
            "claimed",
            "",
            "2024-05-02",
            "Daily Herald, Northern Wire",
        ]
    ]
    assert [r[0] for r in groups["Ana Petrenko"]] == [
        "12 drones were shot down over Port Mirow",
        "15 drones were shot down over Port Mirow",
    ]


def test_the_page_counts_what_the_saved_queries_return(
    graph_file: Path, tree: lxml.html.HtmlElement
) -> None:
    store, _ = load_graphs([graph_file], validate=False)
    claims = {str(r[1]) for r in run_query(load_query("claims-by-claimant"), store).rows}
    assert len(tree.xpath("//section[@class='claimant']//tbody/tr")) == len(claims) == 5
    summary = {
        _text(d.xpath("./dt")[0]): _text(d.xpath("./dd")[0])
        for d in tree.xpath("//dl[@class='summary']/div")
    }
    assert (
        summary["Documents"] == "4"
        and summary["Outlets"] == "4"
        and summary["Dates"] == "2024-05-02 – 2024-05-04"
    )
    assert summary["Claims"] == "5 (5 figures)" and summary["Disputed quantities"] == "1"
    assert (
        summary["Persons"] == "3" and summary["SHACL validation"] == "conforms to the SHACL shapes"
    )


def test_every_claim_expands_to_its_sentence_with_the_span_marked(
    tree: lxml.html.HtmlElement,
) -> None:
    (row,) = tree.xpath(
        "//section[@class='claimant']//tr[td[1][starts-with(normalize-space(.), 'it launched 30')]]"
    )
    quotes = row.xpath(".//details/blockquote")
    assert [q.xpath(".//mark")[0].text for q in quotes] == [
        "30 drones flew",
        "it launched 30 Kestrel drones",
    ]
    north = quotes[1]
    assert (
        _text(north.xpath("./p")[0]) == "The Ruritanian Army claimed it launched 30 Kestrel drones."
    )
    footer = _text(north.xpath("./footer")[0])
    assert footer.startswith("north.txt, Northern Wire, characters ")
    begin, end = (int(x) for x in footer.rsplit(" ", 1)[1].split("–"))
    assert rich_corpus().documents[0].text[begin:end] == "it launched 30 Kestrel drones"
    # the evidence names a document that the Provenance table lists
    anchor = north.xpath("./footer/a")[0].get("href")[1:]
    assert _cells(tree.get_element_by_id(anchor))[:3] == [
        "north.txt",
        "Northern Wire",
        "2024-05-02",
    ]


def test_a_figure_expands_to_its_number_marked(tree: lxml.html.HtmlElement) -> None:
    row = tree.xpath("//section[@id='disputes']//tbody/tr")[2]
    (quote,) = row.xpath(".//details/blockquote")
    assert quote.xpath(".//mark")[0].text == "9"
    assert _text(quote.xpath("./p")[0]).startswith(
        "Port Mirow officials counted about 9 downed drones"
    )


def test_each_entity_once_with_its_variants_and_wikidata_link(tree: lxml.html.HtmlElement) -> None:
    rows = [r for r in tree.xpath("//section[@id='entities']//tbody/tr")]
    names = [_cells(r)[0] for r in rows]
    assert sorted(names) == sorted(
        [
            "Ana Petrenko",
            "Ivo Brandt",
            "Lena Ovid",
            "Port Mirow",
            "Ruritanian Army",
            "Mirow City Council",
            "Kestrel",
        ]
    )
    by_name = {_cells(r)[0]: (_cells(r), r) for r in rows}
    cells, _ = by_name["Ana Petrenko"]
    assert cells[1:5] == ["Petrenko", "2", "2", "2"]
    cells, row = by_name["Port Mirow"]
    assert (
        cells[2] == "3"
        and row.xpath(".//a")[0].get("href") == "https://www.wikidata.org/wiki/Q4242"
    )


def test_sources_matrix_shows_who_each_outlet_reports(tree: lxml.html.HtmlElement) -> None:
    table = tree.xpath("//table[@class='matrix']")[0]
    claimants = [_text(th) for th in table.xpath(".//thead/tr/th")[1:]]
    matrix = {
        _text(r.xpath("./th")[0]): dict(zip(claimants, _cells(r)[1:], strict=True))
        for r in table.xpath(".//tbody/tr")
    }
    assert matrix["Coastal Times"] == {
        "Ana Petrenko": "",
        "Ruritanian Army": "",
        "Ivo Brandt": "1",
        "Lena Ovid": "",
    }
    assert (
        matrix["Northern Wire"]["Ruritanian Army"] == "1"
        and matrix["Northern Wire"]["Ana Petrenko"] == "1"
    )


def test_article_text_is_escaped_and_only_our_script_may_run(
    html: str, tree: lxml.html.HtmlElement
) -> None:
    assert SCRIPT not in html and "<img" not in html and "<b>Bold" not in html
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in html
    assert any(SCRIPT in _text(m) for m in tree.xpath("//mark"))
    (script,) = tree.xpath("//script")
    digest = base64.b64encode(hashlib.sha256(script.text.encode("utf-8")).digest()).decode()
    (csp,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "default-src 'none'" in csp and f"script-src 'sha256-{digest}'" in csp


def test_the_page_is_the_same_every_time(graph_file: Path, html: str) -> None:
    store, validation = load_graphs([graph_file])
    assert render_page(collect_page(store, validation, title="Drones over Port Mirow")) == html


def test_an_excerpt_is_its_sentence_and_repeated_text_is_shown_once() -> None:
    text = "The U.S. envoy spoke. Officials said 12 drones fell near the port. Rain followed."
    begin = text.index("12 drones")
    one = cut_excerpt(text, begin, begin + 9, anchor="doc-1", name="a.txt", outlet="Wire")
    assert (one.before, one.marked, one.after) == (
        "Officials said ",
        "12 drones",
        " fell near the port.",
    )
    first = cut_excerpt(
        "The U.S. envoy spoke. Mr Ode said 12 drones fell.",
        0,
        3,
        anchor="doc-2",
        name="b.txt",
        outlet="Post",
    )
    assert (first.before, first.marked, first.after) == ("", "The", " U.S. envoy spoke.")
    again = cut_excerpt(text, begin, begin + 9, anchor="doc-3", name="c.txt", outlet="Post")
    (merged,) = merge_excerpts([again, one])
    assert [(s.name, s.begin) for s in merged.sources] == [("a.txt", begin), ("c.txt", begin)]


# ---------------------------------------------------------------- command line


def test_cli_writes_the_page_and_reports_validation(graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        main, ["report", str(graph_file), "-o", str(out), "--no-validate", "--title", "Mirow"]
    )
    assert result.exit_code == 0, result.output
    page = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    assert page.findtext(".//h1") == "Mirow"
    assert "not validated" in _text(page.xpath("//dl[@class='summary']")[0])
    missing = CliRunner().invoke(main, ["report", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 2 and "nope.ttl: no such graph file" in missing.output


# ---------------------------------------------------------------- in a browser

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@pytest.fixture()
def browser() -> Iterator[object]:
    """Debian's headless Chromium through Debian's chromedriver, with a fresh profile."""
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not shutil.which(binary):
            pytest.skip(
                f"{binary} is absent: apt-get install chromium chromium-driver "
                "(.ci/install-system does)"
            )
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is absent: pip install -e '.[test]'"
    )
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    for arg in (*ARGS, f"--user-data-dir={profile}", "--window-size=1100,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _artifacts() -> Path:
    folder = Path(os.environ.get("KG_ARTIFACTS") or ROOT / "tests" / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.browser
def test_a_person_sees_the_disputes_the_sources_and_no_injected_script(
    browser, html: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    browser.get(page.as_uri())
    time.sleep(0.2)  # let any injected handler (onerror) fire, if one could
    assert browser.title == "Drones over Port Mirow"
    assert browser.execute_script("return document.images.length") == 0

    rows = browser.find_elements(By.CSS_SELECTOR, "#disputes table.disputed tbody tr")
    seen = [[c.text for c in r.find_elements(By.TAG_NAME, "td")] for r in rows]
    assert [(r[0], r[1], r[4]) for r in seen] == [
        ("12", "Ana Petrenko", "Northern Wire"),
        ("15", "Ana Petrenko", "Daily Herald"),
        ("about 9", "Ivo Brandt", "Coastal Times"),
    ]

    # the hostile article's markup shows as text, in the claim and in its outlet's name
    lena = browser.find_element(By.CSS_SELECTOR, "section.claimant[data-c='2']")
    assert SCRIPT in lena.text and "Gazette <b>Bold</b>" in lena.text

    # expanding a claim shows its source sentence with the claim marked
    ivo = browser.find_element(By.CSS_SELECTOR, "section.claimant[data-c='1']")
    mark = ivo.find_element(By.CSS_SELECTOR, "details mark")
    assert not mark.is_displayed()
    ivo.find_element(By.CSS_SELECTOR, "details summary").click()
    assert mark.is_displayed() and mark.text == "Port Mirow officials counted about 9 downed drones"
    assert mark.value_of_css_property("background-color") == "rgba(255, 229, 138, 1)"
    assert "coast.txt, Coastal Times" in ivo.find_element(By.CSS_SELECTOR, "details footer").text

    # the filter (our script, allowed by hash) hides other claimants' claims
    Select(browser.find_element(By.ID, "f-claimant")).select_by_visible_text("Ivo Brandt (1)")
    visible = [
        s for s in browser.find_elements(By.CSS_SELECTOR, "section.claimant") if s.is_displayed()
    ]
    assert [s.find_element(By.TAG_NAME, "h3").text for s in visible] == ["Ivo Brandt 1 claim"]
    assert browser.find_element(By.ID, "shown").text == "1 claim shown"
    Select(browser.find_element(By.ID, "f-claimant")).select_by_index(0)
    Select(browser.find_element(By.ID, "f-kind")).select_by_visible_text("drones-launched")
    assert browser.find_element(By.ID, "shown").text == "1 claim shown"
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=reset]").click()
    time.sleep(0.1)
    assert browser.find_element(By.ID, "shown").text == "5 claims shown"
    assert browser.title == "Drones over Port Mirow"

    browser.execute_script("window.scrollTo(0, 0)")
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1100, min(height + 100, 8000))
    browser.save_screenshot(str(_artifacts() / "report.png"))

    # a phone-wide window: the page does not scroll sideways; wide tables scroll in their box
    browser.set_window_size(390, 900)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    browser.save_screenshot(str(_artifacts() / "report-narrow.png"))


def test_what_happened_is_a_timeline_with_places_weapons_and_figures(
    tree: lxml.html.HtmlElement,
) -> None:
    (row,) = tree.xpath("//section[@id='events']//tbody/tr")
    cells = [_text(td) for td in row.xpath("td")]
    assert cells[0] == "2024-05-02"
    assert cells[1].startswith("attack in Port Mirow, 2024-05-02") and "Attack" in cells[1]
    assert cells[2] == "Port Mirow" and cells[3] == "Kestrel"
    assert "drones-downed: 9, 12, 15 (disputed)" in cells[5]
    assert tree.xpath("//nav//a[@href='#events']")
