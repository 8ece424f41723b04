// Runs the browser's search engine (civicat/templates/components/search/engine.mjs) in node on a
// built index: `node run_engine.mjs <index folder> <queries.json>` prints, for each query, the
// document numbers it finds, best first, as JSON. For tests/search/test_engines_agree.py.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [folder, queriesFile] = process.argv.slice(2);
const engine = await import(pathToFileURL(path.resolve(new URL(".", import.meta.url).pathname, "../../civicat/templates/components/search/engine.mjs")));
const read = async (address) => JSON.parse(await readFile(new URL(address), "utf8"));
const index = await engine.open(pathToFileURL(path.join(path.resolve(folder), "meta.json")).href, read);
const queries = JSON.parse(await readFile(queriesFile, "utf8"));
const results = [];
for (const query of queries) results.push(await index.search(query));
process.stdout.write(JSON.stringify(results));
