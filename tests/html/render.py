#!/usr/bin/env python3
"""Render a benchgate HTML report in headless Chromium and say what is on the page.

Usage: render.py REPORT.html

Prints facts that a golden CLI case compares: from the DOM Chromium built (--dump-dom),
the forest plot's rows and their verdicts, the distribution plots (or, for a history
page, its plots, points and level shifts), and whether any
script element or external reference exists; from a screenshot (--screenshot, decoded
here with zlib: no imaging library needed), whether the plot colours were painted.
Chromium runs with --headless --no-sandbox --disable-gpu and a throwaway profile.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib
from html.parser import HTMLParser

WIDTH, HEIGHT = 1040, 1100


def chromium(args, profile):
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
           "--user-data-dir=" + profile, "--hide-scrollbars",
           "--window-size=%d,%d" % (WIDTH, HEIGHT)] + args
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          timeout=120, check=True).stdout


def png_pixels(path):
    """(width, height, rows of (r, g, b)) of an 8-bit RGB or RGBA PNG, not interlaced."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, "unsupported PNG"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, h, rows


class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.dists, self.scripts, self.external = [], 0, 0, []
        self.title, self.in_title, self.in_forest = "", False, False
        self.histories, self.points, self.shifts, self.in_points = 0, 0, [], False
        self.axis = []   # per plot along an axis: [scale, [values]]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for k in ("src", "href"):
            if k in a and not (a[k] or "").startswith(("data:", "#")):
                self.external.append(a[k])
        if tag == "svg" and a.get("id") == "forest":
            self.in_forest = True
        if tag == "g" and a.get("class") == "row":
            self.rows.append(a.get("data-verdict"))
        if tag == "svg" and a.get("class") == "dist":
            self.dists += 1
        if tag == "svg" and a.get("class") == "axis-dist":
            self.axis.append([a.get("data-scale"), []])
        if tag == "g" and a.get("class") == "value" and self.axis:
            self.axis[-1][1].append(a.get("data-value") + ("*" if a.get("data-reference") else ""))
        if tag == "svg" and a.get("class") == "history":
            self.histories += 1
        if tag == "g" and a.get("class") == "points":
            self.in_points = True
        if tag == "circle" and self.in_points:
            self.points += 1
        if tag == "g" and a.get("class") == "shift":
            self.shifts.append(a.get("data-change"))
        if tag == "title" and not self.in_forest and not self.histories:
            self.in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "svg":
            self.in_forest = False
        if tag == "g":
            self.in_points = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def near(p, q, tol=4):
    return all(abs(a - b) <= tol for a, b in zip(p, q))


def main():
    report = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        dom_html = chromium(["--dump-dom", "file://" + report], tmp + "/p1").decode()
        shot = os.path.join(tmp, "shot.png")
        chromium(["--screenshot=" + shot, "file://" + report], tmp + "/p2")
        w, h, rows = png_pixels(shot)

    d = Dom()
    d.feed(dom_html)
    print("title:", d.title)
    if d.histories:
        print("history plots:", d.histories)
        print("points:", d.points)
        print("shifts:", len(d.shifts), " ".join(d.shifts))
    else:
        print("forest rows:", len(d.rows), " ".join(d.rows))
        print("distribution plots:", d.dists)
    if d.axis:
        print("plots along the axis:", len(d.axis))
        for scale, values in d.axis:
            print("  %s scale: %s" % (scale, " ".join(values)))
    print("script elements:", d.scripts)
    print("external references:", len(d.external))
    print("hostile markup as text:", "&lt;script&gt;" in dom_html)

    colors = {"regression red": (0xc6, 0x28, 0x28), "improvement green": (0x2e, 0x7d, 0x32),
              "pass grey": (0x37, 0x47, 0x4f)}
    if d.axis:
        colors["second axis value blue"] = (0x15, 0x65, 0xc0)
    counts = dict.fromkeys(colors, 0)
    nonwhite = 0
    for row in rows:
        for px in row:
            if px != (255, 255, 255):
                nonwhite += 1
            for name, c in colors.items():
                if near(px, c):
                    counts[name] += 1
    print("screenshot: %dx%d, non-white pixels over 2%%: %s" % (w, h, nonwhite > w * h // 50))
    for name in colors:
        print("painted in %s (over 50 pixels): %s" % (name, counts[name] > 50))


if __name__ == "__main__":
    main()
