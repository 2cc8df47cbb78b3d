#!/usr/bin/env python3
"""The review page in a real browser (headless Chromium).

usage: test_review_browser.py REVIEW_PAGE_FIXTURE ARTIFACT_DIR

Writes the review page of the fixture's 2023-04 edition with pending edits
(tests/browser/review_page.c), then, in Chromium:
  - each filter (#filter=KIND) shows exactly the changes of that kind, as
    counted independently from the page source, and the visible counter,
    the table of contents and emptied sections follow;
  - markup inside sheet text stays text (no <img>/<script> from the sheet
    in the DOM, the document title untouched);
  - the screenshot shows the insertion and deletion highlights (pixels of
    the <ins>/<del> backgrounds) and is kept as ARTIFACT_DIR/review.png.
Exit status 77 (counted as skipped by ctest) when Chromium is not
installed; any other failure is a test failure.
"""
import html.parser
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77
KINDS = ["added", "removed", "renumbered", "modified", "notation"]
FILTERS = ["all", "substantive"] + KINDS
INS_BG = (0xDA, 0xFB, 0xE1)
DEL_BG = (0xFF, 0xEB, 0xE9)


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Dom(html.parser.HTMLParser):
    """The parts of a page the test looks at."""

    def __init__(self):
        super().__init__()
        self.changes = []  # (id, kind, hidden)
        self.toc = []  # (kind, hidden)
        self.secs = []  # (sec, hidden)
        self.tags = {}
        self.shown = None
        self.title = ""
        self.body = {}
        self._in = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        cls = (a.get("class") or "").split()
        if tag == "section" and "change" in cls:
            self.changes.append((a.get("id"), a.get("data-kind"), "hidden" in a))
        elif tag == "li" and "data-kind" in a:
            self.toc.append((a["data-kind"], "hidden" in a))
        elif tag == "div" and "sec" in cls:
            self.secs.append((a.get("data-sec"), "hidden" in a))
        elif tag == "body":
            self.body = a
        if a.get("id") == "shown":
            self._in = "shown"
        elif tag == "title":
            self._in = "title"

    def handle_data(self, data):
        if self._in == "shown":
            self.shown = data.strip()
        elif self._in == "title":
            self.title += data

    def handle_endtag(self, tag):
        self._in = None


def parse(text):
    d = Dom()
    d.feed(text)
    return d


def chromium_args(chromium, profile):
    return [
        chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        "--user-data-dir=" + profile,
    ]


def run(args):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    if p.returncode != 0:
        fail("%s exited %d: %s" % (args[0], p.returncode,
                                   p.stderr.decode(errors="replace")[-2000:]))
    return p.stdout.decode()


def png_pixels(path):
    """Decode an 8-bit RGB/RGBA non-interlaced PNG into rows of tuples."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG: " + path)
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(
                ">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                fail("unexpected PNG format %d/%d/%d" % (depth, ctype, interlace))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    while i < len(raw):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pr) & 255
        rows.append(line)
        prev = line
    return rows, bpp


def count_color(rows, bpp, rgb):
    n = 0
    for line in rows:
        for x in range(0, len(line), bpp):
            if (line[x], line[x + 1], line[x + 2]) == rgb:
                n += 1
    return n


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    fixture, artifacts = sys.argv[1], sys.argv[2]
    chromium = find_chromium()
    if not chromium:
        print("SKIP: Chromium is not installed (Debian package 'chromium'); "
              "the review page was not checked in a browser")
        return SKIP
    os.makedirs(artifacts, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "review.html")
        subprocess.run([fixture, page], check=True, stdout=subprocess.DEVNULL)
        source = open(page, encoding="utf-8").read()
        static = parse(source)
        kinds = [k for _, k, _ in static.changes]
        if not static.changes or any(h for _, _, h in static.changes):
            fail("the page source should list every change, visible")
        expect = {"all": len(kinds),
                  "substantive": sum(k != "notation" for k in kinds)}
        for k in KINDS:
            expect[k] = kinds.count(k)
        # The fixture's 2023-04 edition (tests/fixtures/demo/) plus the
        # pending edits of review_page.c: 1-2 and 3-1 added, 2-1 removed,
        # 1-3 and 3-2 renumbered (both edited too), 1-1 modified, 1-10
        # notation only.
        if expect["added"] != 2 or expect["removed"] != 1 or \
                expect["renumbered"] != 2 or expect["modified"] != 1 or \
                expect["notation"] != 1:
            fail("unexpected change counts in the page: %r" % expect)
        profile = os.path.join(tmp, "profile")
        url = "file://" + page
        for f in FILTERS:
            dom = parse(run(chromium_args(chromium, profile) +
                            ["--dump-dom", url + "#filter=" + f]))
            visible = [k for _, k, h in dom.changes if not h]
            if len(visible) != expect[f]:
                fail("filter %s: %d changes visible, expected %d" %
                     (f, len(visible), expect[f]))
            if f not in ("all", "substantive") and set(visible) != {f}:
                fail("filter %s shows kinds %r" % (f, sorted(set(visible))))
            if dom.shown != str(expect[f]):
                fail("filter %s: counter says %r" % (f, dom.shown))
            if dom.body.get("data-filter") != f:
                fail("filter %s: body data-filter is %r" %
                     (f, dom.body.get("data-filter")))
            toc_visible = sum(1 for _, h in dom.toc if not h)
            if toc_visible != expect[f]:
                fail("filter %s: %d contents lines visible" % (f, toc_visible))
            if f == "removed" and sum(1 for _, h in dom.secs if not h) != 1:
                fail("filter removed: sections without removals stay visible")
            if dom.tags.get("img") or dom.tags.get("script", 0) != 1:
                fail("markup from the sheet became elements: %r" % dom.tags)
            if "pwned" in dom.title:
                fail("a script from the sheet ran")
        print("filters: %s" % ", ".join("%s=%d" % (f, expect[f]) for f in FILTERS))
        shot = os.path.join(artifacts, "review.png")
        run(chromium_args(chromium, profile) +
            ["--window-size=1280,1600", "--screenshot=" + shot, url])
        # The highlight check looks at substantive modifications only:
        # there, the <ins>/<del> backgrounds are the only such colours.
        shot = os.path.join(artifacts, "review-modified.png")
        run(chromium_args(chromium, profile) +
            ["--window-size=1280,1600", "--screenshot=" + shot,
             url + "#filter=modified"])
        rows, bpp = png_pixels(shot)
        ins, dele = count_color(rows, bpp, INS_BG), count_color(rows, bpp, DEL_BG)
        if ins < 50 or dele < 50:
            fail("highlights not rendered: %d insertion and %d deletion pixels"
                 % (ins, dele))
        print("screenshot %s: %d insertion, %d deletion highlight pixels"
              % (shot, ins, dele))
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
