#!/usr/bin/env bash
# The PDF bilan is an accessible PDF, as tools we did not write see it (issue 20, ADR 0012):
# a replica seeded with `juo seed` (editions 2025 and 2026), its 2026 bilan written by
# `juo report --format pdf`, then
#   - poppler's pdfinfo: "Tagged: yes", an XMP metadata stream (pdfinfo -meta: dc:title, dc:language
#     fr-FR, the dates), a structure tree (pdfinfo -struct-text) starting with Document, the H1
#     headings in reading order, one Figure per chart, tables with header cells, lists;
#   - qpdf: --check passes without a warning; its JSON view of the objects gives the catalog's /Lang
#     (fr-FR), /MarkInfo, and the French /Alt of every Figure structure element (the map's says how
#     many departments have a factory open);
#   - pdffonts: every font embedded.
# veraPDF is not in Debian; pdf_tagging_test (libqpdf) checks the PDF/UA content rule instead:
# every graphics object is tagged content or an artifact.
#
# Usage: pdf_bilan_check.sh PATH_TO_JUO    (prints "N passed, M failed"; exit 1 on any failure)
set -uo pipefail
juo=${1:?usage: pdf_bilan_check.sh PATH_TO_JUO}
for tool in pdfinfo pdffonts qpdf python3; do
  command -v "$tool" >/dev/null || { echo "pdf_bilan_check: $tool not found (scripts/setup.sh installs it)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/juo-pdf-bilan.XXXXXX)
trap 'rm -rf "$work"' EXIT
for edition in 2025 2026; do
  "$juo" seed --db "$work/juo.db" --edition "$edition" -q >"$work/seed.log" 2>&1 || {
    cat "$work/seed.log" >&2
    exit 1
  }
done
"$juo" report --db "$work/juo.db" --edition 2026 --format pdf --out "$work/bilan.pdf" 2>"$work/report.log" || {
  cat "$work/report.log" >&2
  exit 1
}

passed=0
failed=0
check() {  # check NAME COMMAND...: runs the command, counts and says the result
  local name=$1
  shift
  if "$@" >"$work/check.out" 2>&1; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    sed 's/^/     /' "$work/check.out" | head -20
  fi
}

pdfinfo "$work/bilan.pdf" >"$work/info.txt" 2>&1
pdfinfo -meta "$work/bilan.pdf" >"$work/meta.txt" 2>&1
pdfinfo -struct-text "$work/bilan.pdf" >"$work/struct.txt" 2>&1
qpdf --json=2 --json-key=qpdf "$work/bilan.pdf" >"$work/objects.json" 2>"$work/json.err"

check "pdfinfo says Tagged: yes" grep -Eq '^Tagged: +yes$' "$work/info.txt"
check "pdfinfo finds the XMP metadata stream" grep -Eq '^Metadata Stream: +yes$' "$work/info.txt"
check "pdfinfo reads the title" grep -Eq '^Title: +Bilan des Journées Usines Ouvertes 2026$' "$work/info.txt"
check "pdfinfo reads the subject" grep -Eq '^Subject: +Bilan de la 2e édition des Journées Usines Ouvertes' "$work/info.txt"
check "XMP dc:title" grep -q '>Bilan des Journées Usines Ouvertes 2026</rdf:li>' "$work/meta.txt"
check "XMP dc:language fr-FR" grep -q '<dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li>' "$work/meta.txt"
check "XMP dc:description" grep -q '<dc:description>' "$work/meta.txt"
check "XMP dates and producer" bash -c "grep -q '<xmp:CreateDate>[0-9T:-]*Z</xmp:CreateDate>' '$work/meta.txt' &&
  grep -q '<xmp:ModifyDate>' '$work/meta.txt' && grep -q '<pdf:Producer>cairo' '$work/meta.txt'"
# The Info dictionary and the XMP say the same creation date (pdfinfo -isodates prints it as ISO 8601).
check "Info and XMP agree on the creation date" bash -c "
  info=\$(pdfinfo -isodates '$work/bilan.pdf' | sed -n 's/^CreationDate: *//p')
  xmp=\$(sed -n 's:.*<xmp\\:CreateDate>\\(.*\\)</xmp\\:CreateDate>.*:\\1:p' '$work/meta.txt')
  echo \"Info \$info, XMP \$xmp\"; test -n \"\$xmp\" && test \"\$info\" = \"\$xmp\""

check "the structure tree starts with Document" bash -c "head -1 '$work/struct.txt' | grep -qx 'Document'"
# The headings in reading order: the cover's title, then each section of the six pages.
# poppler 22.12's -struct-text stops an element's text at the first marked content nested in it
# (Cairo's /Span /ActualText "fi" around a ligature glyph, which pdftotext reads right): a heading
# shown cut short must be the start of the expected one, ligature unfolded.
grep -A1 -E '^ *H1( |:|$)' "$work/struct.txt" | grep -E '^ *"' | sed -E 's/^ *"(.*)"$/\1/' >"$work/h1.txt"
printf '%s\n' "BILAN 2e ÉDITION" "Les industriels se sont mobilisés" "Les visiteurs ont répondu présent" \
  "Les classes se sont déplacées" "Le financement des bus, la clé du succès" "Un vrai moment pédagogique" \
  "Les territoires" "Les médias ont largement couvert" "En route pour la 3e édition" >"$work/h1.expected"
check "the H1 headings in reading order" python3 -c "
import sys
got = [l.rstrip('\n').replace('\ufb01', 'fi').replace('\ufb02', 'fl') for l in open(sys.argv[1], encoding='utf-8')]
want = [l.rstrip('\n') for l in open(sys.argv[2], encoding='utf-8')]
print('got', got)
ok = len(got) == len(want) and all(g and w.startswith(g) and (g == w or len(g) >= 4) for g, w in zip(got, want))
sys.exit(0 if ok else 1)" "$work/h1.txt" "$work/h1.expected"
check "H2 headings" bash -c "test \$(grep -cE '^ *H2( |:|$)' '$work/struct.txt') -ge 5"
check "one Figure per chart (9)" bash -c "test \$(grep -cE '^ *Figure( |:|$)' '$work/struct.txt') -eq 9"
check "tables with header cells" bash -c "grep -qE '^ *Table( |:|$)' '$work/struct.txt' && grep -qE '^ *TH( |:|$)' '$work/struct.txt' && grep -qE '^ *TD( |:|$)' '$work/struct.txt'"
check "lists" bash -c "grep -qE '^ *LI( |:|$)' '$work/struct.txt'"
check "paragraph text in the tree" grep -q '"C.est le moment d.être curieux !"' "$work/struct.txt"

# qpdf's JSON view of every object: the catalog and the Figure elements with their /Alt.
cat >"$work/objects.py" <<'PY'
import json, sys
objects = json.load(open(sys.argv[1]))["qpdf"][1]
what = sys.argv[2]
def value(ref):
    return objects["obj:" + ref]["value"] if isinstance(ref, str) and ref.endswith(" R") else ref
def text(s):
    return s[2:] if isinstance(s, str) and s[:2] in ("u:", "b:") else s
root = value(objects["trailer"]["value"]["/Root"])
if what == "lang":
    print(text(root.get("/Lang")))
elif what == "markinfo":
    print(value(root.get("/MarkInfo", {})).get("/Marked"))
elif what == "alts":
    out = []
    def walk(node):
        node = value(node)
        if isinstance(node, list):
            for kid in node: walk(kid)
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure": out.append(text(node.get("/Alt", "")))
            if "/S" in node or node.get("/Type") == "/StructTreeRoot": walk(node.get("/K", []))
    walk(root["/StructTreeRoot"])
    print("\n".join(out))
PY
check "qpdf JSON: the catalog's /Lang is fr-FR" bash -c "test \"\$(python3 '$work/objects.py' '$work/objects.json' lang)\" = fr-FR"
check "qpdf JSON: /MarkInfo /Marked true" bash -c "test \"\$(python3 '$work/objects.py' '$work/objects.json' markinfo)\" = True"
python3 "$work/objects.py" "$work/objects.json" alts >"$work/alts.txt" 2>&1
check "qpdf JSON: 9 Figures, each with a French /Alt" bash -c "
  test \$(grep -c . '$work/alts.txt') -eq 9 && ! grep -qvE '^[[:upper:]].{40,}\\.$' '$work/alts.txt'"
check "the map's /Alt counts the departments with a factory" \
  grep -qE '^Carte des usines ouvertes par département.*: [0-9]+ départements ont au moins une usine ouverte' "$work/alts.txt"
check "the tiles' /Alt says the headline figures" grep -qE '^Les chiffres clés.*usines ouvertes.*bus financés.*visiteurs' "$work/alts.txt"

check "qpdf --check passes with no warning" bash -c "qpdf --check '$work/bilan.pdf' >'$work/qcheck.txt' 2>&1; rc=\$?;
  cat '$work/qcheck.txt'; test \$rc -eq 0 && ! grep -qi warning '$work/qcheck.txt' && grep -q 'No syntax or stream encoding errors' '$work/qcheck.txt'"
check "pdffonts: every font embedded" bash -c "pdffonts '$work/bilan.pdf' | tail -n +3 >'$work/fonts.txt'; cat '$work/fonts.txt';
  test -s '$work/fonts.txt' && ! awk '{ if (\$(NF-4) != \"yes\") bad = 1 } END { exit !bad }' '$work/fonts.txt'"

echo "pdf_bilan_check: $passed passed, $failed failed"
test "$failed" -eq 0
