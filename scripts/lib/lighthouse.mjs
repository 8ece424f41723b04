// Lighthouse on several pages with one Chromium: the tests (accessibility) and the benchmark
// (performance, best practices, SEO) both call it. Lighthouse and chrome-launcher come from the
// project's .tools/ (scripts/lib/node-tools.sh); the browser is the one named by CHROME_PATH
// (Debian's chromium), never a downloaded one.
//
//   node scripts/lib/lighthouse.mjs '{"urls": [...], "categories": ["accessibility"],
//                                     "flags": ["--headless", ...], "formFactor": "mobile"}'
//
// Prints one JSON object: {url: {scores: {category: 0..1}, failed: [{id, title, items}]}}.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tools = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.tools', 'node_modules');
const { default: lighthouse } = await import(pathToFileURL(join(tools, 'lighthouse', 'core', 'index.js')));
const chromeLauncher = await import(pathToFileURL(join(tools, 'chrome-launcher', 'dist', 'index.js')));

const job = JSON.parse(process.argv[2]);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: job.flags || ['--headless', '--no-sandbox'],
  logLevel: 'silent',
});
const results = {};
try {
  for (const url of job.urls) {
    const mobile = (job.formFactor || 'mobile') === 'mobile';
    const runner = await lighthouse(url, {
      port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: job.categories,
    }, mobile ? undefined : {
      extends: 'lighthouse:default',
      settings: { formFactor: 'desktop', screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false } },
    });
    const { lhr } = runner;
    const scores = {};
    for (const [id, category] of Object.entries(lhr.categories)) scores[id] = category.score;
    const failed = [];
    for (const category of Object.values(lhr.categories)) {
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          const items = (audit.details && audit.details.items) || [];
          failed.push({
            id: ref.id, category: category.id, title: audit.title, score: audit.score,
            items: items.slice(0, 5).map((item) => (item.node && item.node.snippet) || item.url || ''),
          });
        }
      }
    }
    results[url] = { scores, failed, runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null };
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
