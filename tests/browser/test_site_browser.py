#!/usr/bin/env python3
"""The static site in a real browser (headless Chromium).

usage: test_site_browser.py SITE_FIXTURE ARTIFACT_DIR

Writes the site of tests/support/test_site.c's history (SITE_FIXTURE DIR),
then opens four of its pages from file:// in Chromium: the index, the
2023-10 edition, the 2023-04 -> 2023-10 notes and the item page of 1-11
(renumbered from 1-10), plus 1-1's page, whose answer is hostile markup.
For each: Chromium logs no console message at all (the pages have no
script, so any message is an error: a blocked or missing resource, a
script that ran), and the rendered DOM holds the expected text and no
element from the sheet's text (no <script> or <img>; the title is not
"pwned"). A control page that calls console.error must be caught, or the
console check itself is broken. Screenshots are kept as
ARTIFACT_DIR/site-*.png.
Exit status 77 (counted as skipped by ctest) when Chromium is not
installed; any other failure is a test failure.
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
PAGES = [
    # (page, screenshot name, texts the rendered page must hold)
    ("index.html", "site-index.png",
     ["版の一覧", "改訂履歴", "2023-10", "2023-04", "2022-09", "初版"]),
    ("editions/2023-10.html", "site-edition.png",
     ["テスト用チェックシート", "1-11", "管理者の認証方式を教えてください。",
      "※本書は、2023年10月時点の内容です。"]),
    ("notes/2023-04_2023-10.html", "site-notes.png",
     ["改訂内容", "1-10", "1-11", "15"]),
    ("items/1-11.html", "site-item.png",
     ["回答の変遷", "1-10 → 1-11", "2023-10", "2023-04", "2022-09"]),
    ("items/1-1.html", "site-item-hostile.png",
     ["<script>document.title='pwned'</script></title>]]>"]),
]


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
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = {}
        self.text = []
        self.title = ""
        self._in_title = False
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "title" and not self.tags.get("body"):
            self._in_title = True
        if tag in ("style",):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in ("style",):
            self._skip -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.text.append(data)


def chromium(chromium_path, profile, extra):
    args = [chromium_path, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars",
            "--enable-logging=stderr", "--v=0",
            "--user-data-dir=" + profile] + extra
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    if p.returncode != 0:
        fail("%s exited %d: %s" % (args[0], p.returncode,
                                   p.stderr.decode(errors="replace")[-2000:]))
    return p.stdout.decode(), p.stderr.decode(errors="replace")


def console_lines(stderr):
    return [l for l in stderr.splitlines() if re.search(r":CONSOLE[:(]", l)]


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    fixture, artifacts = sys.argv[1], sys.argv[2]
    path = find_chromium()
    if not path:
        print("SKIP: Chromium is not installed (Debian package 'chromium'); "
              "the site was not checked in a browser")
        return SKIP
    os.makedirs(artifacts, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        profile = os.path.join(tmp, "profile")
        subprocess.run([fixture, site], check=True, stdout=subprocess.DEVNULL)
        control = os.path.join(tmp, "control.html")
        with open(control, "w") as f:
            f.write("<!DOCTYPE html><title>c</title>"
                    "<script>console.error('control-error')</script>")
        _, err = chromium(path, profile, ["--dump-dom", "file://" + control])
        if not any("control-error" in l for l in console_lines(err)):
            fail("the console check does not see console.error: %r" %
                 err[-1000:])
        for page, shot, texts in PAGES:
            url = "file://" + os.path.join(site, page)
            out, err = chromium(path, profile, ["--dump-dom", url])
            msgs = console_lines(err)
            if msgs:
                fail("%s: console messages: %r" % (page, msgs))
            dom = Dom()
            dom.feed(out)
            text = " ".join(dom.text)
            for t in texts:
                if t not in text:
                    fail("%s: the rendered page lacks %r" % (page, t))
            if dom.tags.get("script") or dom.tags.get("img"):
                fail("%s: markup from the sheet became elements: %r" %
                     (page, dom.tags))
            if "pwned" in dom.title:
                fail("%s: a script from the sheet ran" % page)
            if dom.tags.get("nav") != 1:
                fail("%s: no navigation bar" % page)
            png = os.path.join(artifacts, shot)
            if os.path.exists(png):
                os.remove(png)
            _, err = chromium(path, profile, ["--window-size=1280,1600",
                                              "--screenshot=" + png, url])
            if not os.path.isfile(png) or os.path.getsize(png) < 1000:
                fail("%s: no screenshot at %s" % (page, png))
            with open(png, "rb") as f:
                if f.read(8) != b"\x89PNG\r\n\x1a\n":
                    fail("%s: %s is not a PNG" % (page, png))
            print("%s: %d texts found, no console message, screenshot %s" %
                  (page, len(texts), png))
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
