// Reading RDF documents for the DCAT tools: Turtle (strict, no N3 extensions) and JSON-LD
// (expanded offline: a remote @context is refused, so documents must be self-contained).
import fs from 'node:fs';
import path from 'node:path';
import { Parser } from 'n3';
import jsonld from 'jsonld';

// Parses Turtle strictly (no N3 extensions); throws with the line on a syntax error.
export function parseTurtle(text, baseIRI) {
  return new Parser({ format: 'text/turtle', baseIRI }).parse(text);
}

// Expands a JSON-LD document to quads without touching the network: a remote @context is an error.
export async function parseJsonLd(text) {
  const document = JSON.parse(text);
  const nquads = await jsonld.toRDF(document, {
    format: 'application/n-quads',
    documentLoader: (url) => {
      throw new Error(`remote context ${url} refused: documents must be self-contained`);
    },
    safe: true,
  });
  return new Parser({ format: 'application/n-quads' }).parse(nquads);
}

export async function readQuads(file) {
  const text = fs.readFileSync(file, 'utf8');
  const extension = path.extname(file).toLowerCase();
  if (extension === '.jsonld' || extension === '.json') return parseJsonLd(text);
  return parseTurtle(text, `file://${path.resolve(file)}`);
}
