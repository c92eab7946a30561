// Site checks against the built site in dist/ (build it first: npm run build:test).
//   node tests/site/run.mjs        → links, content, search; exits non-zero if any fails
import { checkContent } from './check-content.mjs';
import { checkLinks } from './check-links.mjs';
import { checkSearch } from './check-search.mjs';
import { loadSite } from './lib/dist.mjs';

let site;
try {
  site = loadSite('dist');
} catch (error) {
  console.error(`site checks: ${error.message}`);
  process.exit(2);
}
console.log(`site checks: dist/ built for base ${site.base}, ${site.pages.size} pages`);

const reports = [checkLinks(site), checkContent(site), await checkSearch('dist')];
for (const r of reports) r.print();
const passed = reports.reduce((n, r) => n + r.checked - r.failures.length, 0);
const failed = reports.reduce((n, r) => n + r.failures.length, 0);
console.log(`site: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
