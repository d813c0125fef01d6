#!/usr/bin/env bash
# Validates Gongshu's DCAT-AP 3 output with the official DCAT-AP 3.0.1 SHACL shapes (shapes/):
#   1. shapes.ttl + range.ttl (the mandatory constraints and the class ranges, loaded together):
#      no sh:Violation in the sample catalog, a single dataset, the hostile-string catalog and
#      the demo catalog (`gongshu demo`), each as Turtle and as JSON-LD;
#   2. dcat-ap-SHACL.ttl (the 3.0.1 release's generated shapes, ranges included): no violation
#      in the same documents;
#   3. shapes_recommended.ttl: no sh:Warning in the sample catalog, the single dataset and the
#      demo catalog;
#   4. the Turtle and the JSON-LD of each document are the same graph (after RDF
#      canonicalization), and every hostile string comes back exactly (n3 and jsonld parsers);
#   5. a deliberately broken document is rejected with the expected violations, and
#   6. the hostile catalog (places without geometry) does get warnings — so neither check can
#      pass by validating nothing.
# Usage: dcat_shacl_test.sh WRITE_DCAT_SAMPLES HOSTILE_STRING_TABLE
# Runs `npm ci` in tests/dcat first when its node_modules is missing.
set -euo pipefail
writer=$1
table=$2
here=$(cd "$(dirname "$0")" && pwd)
shapes=$here/shapes

fail() {
  echo "dcat_shacl: $*" >&2
  exit 1
}

command -v node >/dev/null || fail "no node: run scripts/install-deps.sh (nodejs, npm)"
if [ ! -d "$here/node_modules" ]; then
  command -v npm >/dev/null || fail "no npm: run scripts/install-deps.sh (npm)"
  (cd "$here" && npm ci --no-audit --no-fund) || fail "npm ci failed in $here"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$writer" "$work" "$table" || fail "$writer failed"

validate() {
  node "$here/validate.mjs" "$@"
}

cd "$work"
documents=(catalog.ttl catalog.jsonld dataset.ttl dataset.jsonld hostile.ttl hostile.jsonld
  demo.ttl demo.jsonld)

echo "1. shapes.ttl + range.ttl: no violation"
validate --shapes "$shapes/shapes.ttl" --shapes "$shapes/range.ttl" "${documents[@]}" ||
  fail "violations of shapes.ttl + range.ttl"

echo "2. dcat-ap-SHACL.ttl: no violation"
validate --shapes "$shapes/dcat-ap-SHACL.ttl" "${documents[@]}" ||
  fail "violations of dcat-ap-SHACL.ttl"

echo "3. shapes_recommended.ttl: no warning on the sample catalog"
validate --warnings --shapes "$shapes/shapes_recommended.ttl" \
  catalog.ttl catalog.jsonld dataset.ttl dataset.jsonld ||
  fail "warnings of shapes_recommended.ttl"

# The demo's regions are placed by the built-in place table (src/interop/data/places.tsv), so
# every dct:Location has its dcat:bbox and dcat:centroid.
echo "3b. shapes_recommended.ttl: no warning on the demo catalog"
validate --warnings --shapes "$shapes/shapes_recommended.ttl" demo.ttl demo.jsonld ||
  fail "warnings of shapes_recommended.ttl on the demo catalog"

echo "4. Turtle and JSON-LD carry the same graph; hostile strings parse back intact"
node "$here/roundtrip.mjs" catalog.ttl catalog.jsonld || fail "catalog: Turtle and JSON-LD differ"
node "$here/roundtrip.mjs" dataset.ttl dataset.jsonld || fail "dataset: Turtle and JSON-LD differ"
node "$here/roundtrip.mjs" demo.ttl demo.jsonld || fail "demo: Turtle and JSON-LD differ"
node "$here/roundtrip.mjs" hostile.ttl hostile.jsonld hostile-expected.json ||
  fail "hostile strings did not survive"

echo "5. a broken document is rejected"
status=0
validate --shapes "$shapes/shapes.ttl" --shapes "$shapes/range.ttl" \
  "$here/testdata/broken.ttl" >broken.out 2>&1 || status=$?
sed 's/^/  /' broken.out
[ "$status" -eq 1 ] || fail "the broken document gave exit status $status, want 1"
for expected in \
  "focus <https://data.example.gov.cn/api/v1/resources/res_broken> path <http://purl.org/dc/terms/title>" \
  "focus <https://data.example.gov.cn/api/v1/resources/res_broken> path <http://purl.org/dc/terms/description>" \
  "focus <https://data.example.gov.cn/api/v1/resources/res_broken> path <http://www.w3.org/ns/dcat#theme>" \
  "path <http://www.w3.org/ns/dcat#accessURL>" \
  "path <http://xmlns.com/foaf/0.1/name>" \
  "5 violations"; do
  grep -qF -- "$expected" broken.out || fail "the broken document's report lacks \"$expected\""
done

echo "6. the recommended shapes do warn: the hostile catalog has places without geometry"
status=0
validate --warnings --shapes "$shapes/shapes_recommended.ttl" hostile.ttl >hostile-warnings.out 2>&1 ||
  status=$?
tail -n 1 hostile-warnings.out | sed 's/^/  /'
[ "$status" -eq 1 ] || fail "the hostile catalog gave exit status $status with --warnings, want 1"
grep -qF -- "path <http://www.w3.org/ns/dcat#bbox>" hostile-warnings.out ||
  fail "no warning about the missing dcat:bbox"

echo "dcat_shacl: ok"
