// Validates catalogue files (already read from YAML into JSON) against civicat's JSON Schema files
// with ajv in strict mode — a JavaScript validator as editors' tools and CI use, independent of
// the Python side. Usage: node ajv_check.cjs SCHEMA_DIR DOCUMENTS.json
// DOCUMENTS.json: [{"name": …, "kind": "service" | "office" | …, "data": {…}}]. Prints one JSON
// object: {"compiled": {kind: true | "error"}, "results": {name: [] | [error messages]}}.
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [schemaDir, documentsFile] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true, unicodeRegExp: true });
addFormats(ajv);
const compiled = {};
const validators = {};
for (const file of fs.readdirSync(schemaDir).filter((name) => name.endsWith(".json"))) {
  const kind = path.basename(file, ".json");
  try {
    validators[kind] = ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, file), "utf8")));
    compiled[kind] = true;
  } catch (error) {
    compiled[kind] = String(error.message || error);
  }
}
const results = {};
for (const doc of JSON.parse(fs.readFileSync(documentsFile, "utf8"))) {
  const validate = validators[doc.kind];
  if (!validate) { results[doc.name] = ["schema did not compile"]; continue; }
  results[doc.name] = validate(doc.data) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
}
process.stdout.write(JSON.stringify({ compiled, results }));
