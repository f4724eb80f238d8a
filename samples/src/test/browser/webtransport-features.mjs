// Runs the WebTransport scenarios of webtransport-page.js in headless Chromium against the Java
// server of WebTransportBrowserTest.
//
//   node webtransport-features.mjs <https://127.0.0.1:port> <sha256-hex> <scenario>...
//
// Prints one line per scenario: "RESULT <scenario> <json>" or "FAILED <scenario> <reason>", then
// "DONE". Exits 0 when every scenario ran, 1 with "ERROR <reason>" when Chromium cannot start.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { inChromium, STEP_MS } from './chromium.mjs';

const [base, hash, ...scenarios] = process.argv.slice(2);
if (!base || !hash || scenarios.length === 0) {
  console.log('ERROR usage: node webtransport-features.mjs <base-url> <sha256-hex> <scenario>...');
  process.exit(1);
}
const pageScript = readFileSync(new URL('./webtransport-page.js', import.meta.url), 'utf8');
// Served from loopback, as the chat page is: 127.0.0.1 is a secure context, which WebTransport
// needs, and a page from a loopback address may reach a loopback server (a page playwright made
// up itself counts as public and is stopped by Chromium's local network access checks).
const html = `<!doctype html><meta charset="utf-8"><title>WebTransport features</title><script>${pageScript}</script>`;
const http = createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
});
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
const PAGE = `http://127.0.0.1:${http.address().port}/`;

await inChromium(async (page) => {
  await page.goto(PAGE, { timeout: STEP_MS });
  for (const scenario of scenarios) {
    try {
      const result = await page.evaluate(([name, b, h, ms]) =>
        window.withTimeout(window.scenarios[name](b, h), ms, name), [scenario, base, hash, STEP_MS]);
      console.log(`RESULT ${scenario} ${JSON.stringify(result)}`);
    } catch (e) {
      console.log(`FAILED ${scenario} ${String(e?.message ?? e).split('\n')[0]}`);
    }
  }
  console.log('DONE');
});
