// Lighthouse's accessibility category for each address given, in one Debian Chromium.
// Usage: node run.mjs URL...   (CHROME_PATH names the browser, CHROME_FLAGS its flags as JSON)
// Prints one JSON object: {url: {mobile|desktop: {score, failing: [{id, title}], version}}};
// exits 2 if it cannot run.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

// The browser tests' flags (generator.outputs.pdf.CHROMIUM_ARGS), given as JSON by the test.
const flags = ["--headless=new", ...JSON.parse(process.env.CHROME_FLAGS || "[]")];
const urls = process.argv.slice(2);
let chrome;
try {
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: flags,
  });
  // Each address as a phone (Lighthouse's default: 412 px, touch) and as a desktop (1350 px).
  const forms = {
    mobile: {},
    desktop: {
      formFactor: "desktop",
      screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1 },
    },
  };
  const results = {};
  for (const url of urls) {
    results[url] = {};
    for (const [form, settings] of Object.entries(forms)) {
      const run = await lighthouse(
        url,
        { port: chrome.port, onlyCategories: ["accessibility"], output: "json", logLevel: "error" },
        { extends: "lighthouse:default", settings },
      );
      const lhr = run.lhr;
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
      const category = lhr.categories.accessibility;
      const failing = category.auditRefs
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a.score !== null && a.score < 1)
        .map((a) => ({ id: a.id, title: a.title }));
      results[url][form] = { score: category.score, failing, version: lhr.lighthouseVersion };
    }
  }
  process.stdout.write(JSON.stringify(results) + "\n");
} catch (error) {
  process.stderr.write(`lighthouse could not run: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 2;
} finally {
  if (chrome) await chrome.kill();
}
