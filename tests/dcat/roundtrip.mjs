#!/usr/bin/env node
// Checks that a Turtle document and a JSON-LD document carry the same graph (compared in
// canonical N-Quads), and optionally that hostile strings came back intact.
//
// Usage: node roundtrip.mjs TURTLE_FILE JSONLD_FILE [EXPECTED_JSON]
//   EXPECTED_JSON  [{"dataset": IRI, "keyword": string, "line": n}, ...]: each dataset must have
//                  exactly that dcat:keyword (as a zh literal) in both documents
// Exit status 0 when everything holds, 1 otherwise, 2 for a file that does not parse.
import fs from 'node:fs';
import jsonld from 'jsonld';
import { Writer } from 'n3';
import { readQuads } from './rdf_files.mjs';

const KEYWORD = 'http://www.w3.org/ns/dcat#keyword';

function toNQuads(quads) {
  const writer = new Writer({ format: 'application/n-quads' });
  writer.addQuads(quads);
  let output;
  writer.end((error, result) => {
    if (error) throw error;
    output = result;
  });
  return output;
}

// The graph in canonical N-Quads. Gongshu's documents have no blank nodes, and without them the
// canonical form is just the sorted, de-duplicated statements (RDFC-1.0 only relabels blank
// nodes); the full algorithm runs only when there are some.
async function canonical(quads) {
  if (!quads.some((quad) => quad.subject.termType === 'BlankNode' || quad.object.termType === 'BlankNode')) {
    const lines = new Set(toNQuads(quads).split('\n').filter((line) => line.length > 0));
    return [...lines].sort().join('\n') + '\n';
  }
  return jsonld.canonize(toNQuads(quads), {
    algorithm: 'RDFC-1.0',
    inputFormat: 'application/n-quads',
    format: 'application/n-quads',
  });
}

function keywords(quads, dataset) {
  return quads
    .filter((quad) => quad.subject.value === dataset && quad.predicate.value === KEYWORD)
    .map((quad) => ({ value: quad.object.value, language: quad.object.language }));
}

async function main() {
  const [turtleFile, jsonLdFile, expectedFile] = process.argv.slice(2);
  if (!turtleFile || !jsonLdFile) {
    console.error('usage: node roundtrip.mjs TURTLE_FILE JSONLD_FILE [EXPECTED_JSON]');
    process.exit(2);
  }
  const documents = {};
  for (const file of [turtleFile, jsonLdFile]) {
    try {
      documents[file] = await readQuads(file);
    } catch (error) {
      console.error(`${file}: does not parse: ${error.message}`);
      process.exit(2);
    }
  }
  let failed = false;
  const turtle = await canonical(documents[turtleFile]);
  const json = await canonical(documents[jsonLdFile]);
  if (turtle !== json) {
    const turtleLines = new Set(turtle.split('\n'));
    const jsonLines = new Set(json.split('\n'));
    for (const line of turtleLines) if (!jsonLines.has(line)) console.log(`only in ${turtleFile}: ${line}`);
    for (const line of jsonLines) if (!turtleLines.has(line)) console.log(`only in ${jsonLdFile}: ${line}`);
    failed = true;
  }
  console.log(
    `${turtleFile} and ${jsonLdFile}: ${documents[turtleFile].length} and ` +
      `${documents[jsonLdFile].length} triples, ${turtle === json ? 'the same graph' : 'DIFFERENT graphs'}`,
  );

  if (expectedFile) {
    const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
    let checked = 0;
    for (const entry of expected) {
      for (const file of [turtleFile, jsonLdFile]) {
        const found = keywords(documents[file], entry.dataset);
        const intact = found.length === 1 && found[0].value === entry.keyword && found[0].language === 'zh';
        if (!intact) {
          console.log(
            `${file}: table line ${entry.line}: keyword of <${entry.dataset}> is ` +
              `${JSON.stringify(found)}, want ${JSON.stringify(entry.keyword)}@zh`,
          );
          failed = true;
        }
        checked++;
      }
    }
    console.log(`${expectedFile}: ${checked} hostile strings checked`);
  }
  process.exit(failed ? 1 : 0);
}

await main();
