#!/usr/bin/env python3
"""The static site of tests/support/test_site.c's history, checked whole.

usage: check_site.py SITE_FIXTURE

Writes the site (SITE_FIXTURE DIR), then:
  - links: every local href/src of every page resolves to a file of the
    site, and every #fragment to an id in that file; no page loads
    anything from outside (no script, no external stylesheet or font);
  - pages: each is one HTML document with lang set, a <title>, an <h1>,
    table headers in every table;
  - the feed parses as XML (xml.etree) and is checked entry by entry:
    Atom namespace, one entry per edition newest first, unique stable ids
    built from the repository and the edition, updated = the edition's
    commit date, an alternate link to a page of the site, a summary;
  - hostile text: 1-1's answer in 2023-10 holds <script>, </title>, ]]>
    and an <img onerror>: no page gains an element from it (no <script>,
    no <img>, one <title>) and the feed holds it as text.
"""
import html.parser
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
EDITIONS = [("2023-10", "2023-10-31T10:00:00+09:00"),
            ("2023-04", "2023-04-28T15:00:00+09:00"),
            ("2022-09", "2022-09-30T10:00:00+09:00")]
HOSTILE = ("<script>document.title='pwned'</script></title>]]>"
           "<img src=x onerror=alert(1)>")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []  # (tag, attr, value)
        self.tags = {}
        self.lang = None
        self.tables = 0
        self.tables_with_th = 0
        self._table_has_th = []
        self._svg = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self._svg += 1
        # An SVG <title> is a tooltip (the notes' chart), not the page's.
        if not (tag == "title" and self._svg):
            self.tags[tag] = self.tags.get(tag, 0) + 1
        if "id" in a:
            if a["id"] in self.ids:
                fail("duplicate id %r" % a["id"])
            self.ids.add(a["id"])
        for attr in ("href", "src"):
            if attr in a:
                self.links.append((tag, attr, a[attr]))
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "table":
            self.tables += 1
            self._table_has_th.append(False)
        if tag == "th" and self._table_has_th:
            self._table_has_th[-1] = True

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg -= 1
        if tag == "table" and self._table_has_th:
            self.tables_with_th += self._table_has_th.pop()


def parse_page(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    p.close()
    return p


def check_pages(site):
    pages = {}
    for dirpath, _, files in os.walk(site):
        for f in files:
            if f.endswith(".html"):
                full = os.path.join(dirpath, f)
                pages[os.path.relpath(full, site)] = parse_page(full)
    links = 0
    for rel, p in sorted(pages.items()):
        if p.lang not in ("ja", "en"):
            fail("%s: lang is %r" % (rel, p.lang))
        if p.tags.get("title") != 1 or p.tags.get("h1") != 1:
            fail("%s: %d <title>, %d <h1>" % (rel, p.tags.get("title", 0),
                                             p.tags.get("h1", 0)))
        if p.tags.get("script") or p.tags.get("img") or p.tags.get("iframe"):
            fail("%s: markup from the sheet became elements: %r" % (rel, p.tags))
        if p.tables != p.tables_with_th:
            fail("%s: %d of %d tables have header cells" %
                 (rel, p.tables_with_th, p.tables))
        for tag, attr, value in p.links:
            u = urllib.parse.urlsplit(value)
            if u.scheme or u.netloc:
                # Only plain links may leave the site (the sheet's own
                # source_url); nothing it loads may.
                if tag != "a":
                    fail("%s: <%s %s=%r> loads from outside" %
                         (rel, tag, attr, value))
                continue
            links += 1
            target = rel
            if u.path:
                target = os.path.normpath(os.path.join(os.path.dirname(rel),
                                                       urllib.parse.unquote(u.path)))
            full = os.path.join(site, target)
            if target.startswith("..") or not os.path.isfile(full):
                fail("%s: %s=%r: no such file %s" % (rel, attr, value, target))
                continue
            if u.fragment:
                tp = pages.get(target)
                if tp is None or urllib.parse.unquote(u.fragment) not in tp.ids:
                    fail("%s: %s=%r: no id %r in %s" %
                         (rel, attr, value, u.fragment, target))
    return pages, links


def check_feed(site):
    raw = open(os.path.join(site, "feed.atom"), encoding="utf-8").read()
    root = ET.fromstring(raw)
    if root.tag != ATOM + "feed":
        fail("feed: root is %s" % root.tag)
    feed_id = root.findtext(ATOM + "id")
    if not feed_id or not feed_id.startswith("urn:sheetlog:"):
        fail("feed: id %r" % feed_id)
    if root.findtext(ATOM + "updated") != EDITIONS[0][1]:
        fail("feed: updated %r" % root.findtext(ATOM + "updated"))
    if not root.findtext(ATOM + "title") or root.find(ATOM + "author") is None:
        fail("feed: no title or author")
    entries = root.findall(ATOM + "entry")
    if len(entries) != len(EDITIONS):
        fail("feed: %d entries, expected %d" % (len(entries), len(EDITIONS)))
    ids = set()
    for entry, (name, updated) in zip(entries, EDITIONS):
        eid = entry.findtext(ATOM + "id")
        if eid != "%s:edition:%s" % (feed_id, name):
            fail("entry %s: id %r" % (name, eid))
        if eid in ids:
            fail("entry %s: id repeated" % name)
        ids.add(eid)
        if entry.findtext(ATOM + "updated") != updated:
            fail("entry %s: updated %r" % (name, entry.findtext(ATOM + "updated")))
        if name not in (entry.findtext(ATOM + "title") or ""):
            fail("entry %s: title %r" % (name, entry.findtext(ATOM + "title")))
        link = entry.find(ATOM + "link")
        href = link.get("href") if link is not None else None
        if not href or not os.path.isfile(os.path.join(site, href)):
            fail("entry %s: link %r is not a page of the site" % (name, href))
        elif name != EDITIONS[-1][0] and not href.endswith("_%s.html" % name):
            fail("entry %s: link %r is not its notes" % (name, href))
        summary = entry.find(ATOM + "summary")
        if summary is None or summary.get("type") != "text" or not summary.text:
            fail("entry %s: no text summary" % name)
        if list(summary) if summary is not None else []:
            fail("entry %s: the summary has child elements" % name)
    newest = entries[0].findtext(ATOM + "summary") or ""
    if HOSTILE not in newest:
        fail("feed: the hostile answer is not in the newest entry as text")
    if "]]>" in raw:
        fail("feed: a raw ]]> in the document")
    return len(entries)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        subprocess.run([sys.argv[1], site], check=True, stdout=subprocess.DEVNULL)
        pages, links = check_pages(site)
        entries = check_feed(site)
        item = open(os.path.join(site, "items", "1-1.html"), encoding="utf-8").read()
        if "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" not in item:
            fail("items/1-1.html does not show the hostile answer as text")
        expected = {"index.html", "editions/2022-09.html", "editions/2023-04.html",
                    "editions/2023-10.html", "items/1-11.html",
                    "items/2-1.withdrawn-2023-04.html",
                    "notes/2022-09_2023-04.html", "notes/2023-04_2023-10.html",
                    "notes/2022-09_2023-10.html",
                    "notes/2022-09_2023-10.shinkyu.html"}
        missing = expected - set(pages)
        if missing:
            fail("pages missing: %r" % sorted(missing))
        # The withdrawn item is reachable from the edition that had it.
        if "../items/2-1.withdrawn-2023-04.html" not in \
                open(os.path.join(site, "editions", "2022-09.html"),
                     encoding="utf-8").read():
            fail("editions/2022-09.html does not link the withdrawn 2-1")
        print("%d pages, %d local links, %d feed entries" %
              (len(pages), links, entries))
    if failures:
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
