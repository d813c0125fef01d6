#!/usr/bin/env node
// Validates RDF documents (Turtle or JSON-LD) against SHACL shapes and prints every result.
//
// Usage: node validate.mjs [--warnings] [--allow-path IRI ...] --shapes FILE [...] DATA_FILE ...
//   --shapes FILE     a Turtle shapes file; all given are loaded into one shapes graph
//   --warnings        also fail on sh:Warning results (for shapes_recommended.ttl)
//   --allow-path IRI  a warning on this property path does not fail; it is only counted (as
//                     "allowed"); violations always fail
//   DATA_FILE      *.ttl (Turtle) or *.jsonld / *.json (JSON-LD); each is validated on its own
// Prints one line per result (severity, focus node, path, value, message, shape) and a summary
// per file. Exit status: 0 when no file has a sh:Violation (nor, with --warnings, a sh:Warning);
// 1 when one has; 2 for bad usage or a file that does not parse.
import fs from 'node:fs';
import path from 'node:path';
import { Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { parseTurtle, readQuads } from './rdf_files.mjs';

const SH = 'http://www.w3.org/ns/shacl#';

function usage(message) {
  console.error(`validate.mjs: ${message}`);
  console.error(
    'usage: node validate.mjs [--warnings] [--allow-path IRI ...] --shapes FILE [...] DATA_FILE ...',
  );
  process.exit(2);
}

function termText(term) {
  if (!term) return '-';
  if (term.termType === 'NamedNode') return `<${term.value}>`;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  if (term.termType === 'Literal') return JSON.stringify(term.value);
  return String(term.value);
}

function pathText(resultPath) {
  if (!resultPath) return '-';
  if (Array.isArray(resultPath)) return resultPath.map(pathText).join('/');
  if (resultPath.termType) return termText(resultPath);
  if (resultPath.predicates) {
    const inner = resultPath.predicates.map(termText).join('|');
    return resultPath.quantifier && resultPath.quantifier !== 'one'
      ? `(${inner})${resultPath.quantifier}`
      : inner;
  }
  return JSON.stringify(resultPath);
}

async function main() {
  const args = process.argv.slice(2);
  const shapeFiles = [];
  const dataFiles = [];
  const allowedPaths = new Set();
  let failOnWarnings = false;
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--warnings') failOnWarnings = true;
    else if (args[index] === '--allow-path') {
      if (index + 1 >= args.length) usage('--allow-path needs an IRI');
      allowedPaths.add(args[++index]);
    }
    else if (args[index] === '--shapes') {
      if (index + 1 >= args.length) usage('--shapes needs a file');
      shapeFiles.push(args[++index]);
    } else if (args[index].startsWith('--')) usage(`unknown option ${args[index]}`);
    else dataFiles.push(args[index]);
  }
  if (shapeFiles.length === 0) usage('no --shapes file');
  if (dataFiles.length === 0) usage('no data file');

  const shapes = new Store();
  for (const file of shapeFiles) {
    try {
      shapes.addQuads(parseTurtle(fs.readFileSync(file, 'utf8'), `file://${path.resolve(file)}`));
    } catch (error) {
      console.error(`${file}: does not parse: ${error.message}`);
      process.exit(2);
    }
  }
  const shapeNames = shapeFiles.map((file) => path.basename(file)).join(' + ');

  let failed = false;
  for (const file of dataFiles) {
    let quads;
    try {
      quads = await readQuads(file);
    } catch (error) {
      console.error(`${file}: does not parse: ${error.message}`);
      process.exit(2);
    }
    const validator = new SHACLValidator(shapes);
    const report = await validator.validate(new Store(quads));
    const counts = { Violation: 0, Warning: 0, Info: 0, allowed: 0 };
    for (const result of report.results) {
      const severity = result.severity ? result.severity.value.replace(SH, '') : 'Violation';
      const resultPath = result.path && result.path.termType ? result.path.value : null;
      if (severity === 'Warning' && resultPath && allowedPaths.has(resultPath)) {
        counts.allowed++;
        continue;
      }
      counts[severity] = (counts[severity] || 0) + 1;
      const message = (result.message || []).map((literal) => literal.value).join('; ');
      console.log(
        `${file}: ${severity}: focus ${termText(result.focusNode)} path ${pathText(result.path)}` +
          ` value ${termText(result.value)}: ${message || '(no message)'}` +
          ` [${result.sourceConstraintComponent ? result.sourceConstraintComponent.value.replace(SH, 'sh:') : '-'}` +
          ` of ${termText(result.sourceShape)}]`,
      );
    }
    console.log(
      `${file}: ${quads.length} triples; ${counts.Violation} violations, ${counts.Warning} warnings` +
        `${counts.allowed ? ` (and ${counts.allowed} allowed)` : ''}, ${counts.Info} infos against ${shapeNames}`,
    );
    if (counts.Violation > 0 || (failOnWarnings && counts.Warning > 0)) failed = true;
  }
  process.exit(failed ? 1 : 0);
}

await main();
