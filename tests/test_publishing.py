"""Feeds, sitemap, robots, link previews, structured data and the CSV export."""
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime

from quotetrail.pipeline import build

from conftest import TEMPLATES, article_text

ATOM = "{http://www.w3.org/2005/Atom}"


def rfc3339(value):
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")


def check_atom(path):
    """The RFC 4287 rules a feed reader relies on."""
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{required}")) == 1, required
    rfc3339(feed.find(f"{ATOM}updated").text)
    feed_has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1
        rfc3339(entry.find(f"{ATOM}updated").text)
        assert re.match(r"^(https?://|urn:uuid:)", entry.find(f"{ATOM}id").text)
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert feed_has_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
    return feed, entries


def test_atom_feed_is_valid_and_lists_every_article(built_site, built_site_subpath):
    feed, entries = check_atom(built_site / "feed.xml")
    assert len(entries) == 5
    assert feed.find(f"{ATOM}updated").text == "2023-06-20T00:00:00Z"  # newest article, not the build time
    feed, entries = check_atom(built_site_subpath / "feed.xml")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://user.github.io/repo/feed.xml"
    assert all(e.find(f"{ATOM}id").text.startswith("https://user.github.io/repo/articles/") for e in entries)


def test_sitemap_and_robots(built_site, built_site_subpath):
    assert "Sitemap:" not in (built_site / "robots.txt").read_text()
    assert not (built_site / "sitemap.xml").exists()  # a sitemap needs the site's address
    robots = (built_site_subpath / "robots.txt").read_text()
    assert "Sitemap: https://user.github.io/repo/sitemap.xml" in robots
    locs = [e.text for e in ET.parse(built_site_subpath / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://user.github.io/repo/quotes/" in locs and len(locs) == len(set(locs))
    assert len(locs) == sum(1 for p in built_site_subpath.rglob("*.html")) - 1  # every page but 404.html


def json_ld(html):
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_open_graph_and_structured_data(built_site_subpath):
    html = (built_site_subpath / "articles" / "cbc-blinken-meets-xi-in-beijing.html").read_text()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:url" content="https://user.github.io/repo/articles/cbc-blinken-meets-xi-in-beijing.html">' in html
    data = json_ld(html)
    assert data["@type"] == "NewsArticle" and data["publisher"]["name"] == "CBC News" and data["datePublished"] == "2023-06-19"
    quotes = json.loads((built_site_subpath / "quotes.json").read_text())
    quote = next(q for q in quotes["quotes"] if q["speaker"] == "wang-yi" and "responsible" in q["text"])
    data = json_ld((built_site_subpath / "quotes" / f"{quote['id']}.html").read_text())
    assert data["@type"] == "Quotation" and data["creator"] == {"@type": "Person", "name": "Wang Yi"}
    assert data["text"] == quote["text"]


def test_structured_data_cannot_break_out_of_its_script(tmp_path, make_content):
    body = 'He said "</script><script>alert(1)</script>" to them.\n'
    out = tmp_path / "site"
    build(make_content({"evil": article_text(body, title="'</script><img src=x onerror=alert(2)>'")}), out, templates_dir=TEMPLATES, search=False)
    html = (out / "articles" / "evil.html").read_text()
    block = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(block) == 1 and "<" not in block[0]
    assert json.loads(block[0])["headline"] == "</script><img src=x onerror=alert(2)>"


def test_quotes_csv_matches_quotes_json_and_defuses_formulas(built_site, tmp_path, make_content):
    raw = (built_site / "quotes.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    data = json.loads((built_site / "quotes.json").read_text())
    assert len(rows) == sum(len(q["occurrences"]) for q in data["quotes"])
    vital = [r for r in rows if "absolutely vital" in r["text_as_printed"]]
    assert {r["outlet"] for r in vital} == {"Eastern Daily Press (EDP24)", "Arkansas Democrat-Gazette", "CBC News", "PBS NewsHour"}
    assert all(r["speaker"] == "Antony Blinken" and r["tracked"] == "yes" for r in vital)
    out = tmp_path / "site"
    build(make_content({"f": article_text('Blinken said "=HYPERLINK(\\"http://evil\\")" today.\n')}), out, templates_dir=TEMPLATES, search=False)
    text = (out / "quotes.csv").read_bytes().decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
