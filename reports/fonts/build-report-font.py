#!/usr/bin/python3
"""Builds reports/src/main/resources/fonts/WattlineReportSans.ttf, the one font reports print with.

Droid Sans Fallback (Apache License 2.0) has the CJK glyphs but no Latin letters or digits; DejaVu
Sans (Bitstream Vera licence, DejaVu changes public domain) has Latin, digits and the symbols reports
use (× ² ³ – — … ·). PDFBox embeds one TrueType font per text run and JFreeChart draws with one
java.awt.Font, so both are merged into one font: DejaVu's Latin subset first (it wins for shared
code points), then Droid scaled from 256 to 2048 units per em. Hinting and layout tables are dropped
(neither is needed for reports). The result is renamed: the Bitstream Vera licence forbids the
original names on a modified font.

Run with Debian's fonts: apt-get install fonts-droid-fallback fonts-dejavu-core python3-fonttools
"""
import sys
from fontTools import subset
from fontTools.merge import Merger, Options
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

DROID = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
OUT = sys.argv[1] if len(sys.argv) > 1 else "WattlineReportSans.ttf"
NAME = "Wattline Report Sans"

LATIN = ("U+0020-007E,U+00A0-017F,U+0391-03C9,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-214F,"
         "U+2190-21FF,U+2200-22FF,U+2300-23FF,U+25A0-25FF,U+2713-2717")


def strip(font):
    for table in ("fpgm", "prep", "cvt ", "gasp", "hdmx", "LTSH", "VDMX", "GSUB", "GPOS", "GDEF", "kern",
                  "vhea", "vmtx", "MATH", "FFTM", "BASE", "JSTF", "DSIG"):
        if table in font:
            del font[table]
    if "glyf" in font:
        for name in font.getGlyphOrder():
            glyph = font["glyf"][name]
            if hasattr(glyph, "program"):
                glyph.program = None
                if hasattr(glyph, "removeHinting"):
                    glyph.removeHinting()
    font["maxp"].maxSizeOfInstructions = 0


options = subset.Options()
options.layout_features = []
options.hinting = False
options.name_IDs = ["*"]
options.notdef_outline = True
latin = TTFont(DEJAVU)
sub = subset.Subsetter(options)
sub.populate(unicodes=subset.parse_unicodes(LATIN))
sub.subset(latin)
strip(latin)
latin.save("/tmp/latin.ttf")

cjk = TTFont(DROID)
strip(cjk)
scale_upem(cjk, 2048)
cjk.save("/tmp/cjk.ttf")

merged = Merger(Options(drop_tables=["vhea", "vmtx"])).merge(["/tmp/latin.ttf", "/tmp/cjk.ttf"])
for record in merged["name"].names:
    if record.nameID in (1, 4, 16):
        record.string = NAME
    elif record.nameID == 6:
        record.string = NAME.replace(" ", "")
    elif record.nameID in (0,):
        record.string = ("Latin glyphs: Copyright (c) 2003 by Bitstream, Inc. (Bitstream Vera licence), DejaVu changes"
                         " public domain. CJK glyphs: Copyright (c) 2006-2010 Google Corp. (Apache License 2.0)."
                         " Merged and renamed by Wattline.")
merged.save(OUT)
print(OUT, len(merged.getGlyphOrder()), "glyphs")
