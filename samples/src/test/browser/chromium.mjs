// Launches the system's headless Chromium (/usr/bin/chromium, QUIC left on) with playwright-core,
// for the scripts the Java browser tests run. Shared by chat-page.mjs and webtransport-features.mjs.
//
//   await inChromium(async (page) => { ... });
//
// Gives the body a fresh page (console and page errors go to stderr), then closes Chromium and
// removes its profile. Exits 0 when the body returned, 1 after printing "ERROR <reason>" on stdout
// when Chromium could not start or the body threw: the Java side fails, it never skips.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const STEP_MS = 30_000;

export async function inChromium(body) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'poolkit-chromium-'));
  let context;
  let exitCode = 0;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: STEP_MS,
    });
    console.error(`chromium ${context.browser()?.version() ?? '(persistent context)'} started`);
    const page = context.pages()[0] ?? await context.newPage();
    page.on('console', (m) => console.error(`[page ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[page error] ${e}`));
    await body(page);
  } catch (e) {
    console.log(`ERROR ${String(e?.message ?? e).split('\n')[0]}`);
    console.error(e);
    exitCode = 1;
  }
  try { await context?.close(); } catch { /* already gone */ }
  rmSync(userDataDir, { recursive: true, force: true });
  process.exit(exitCode);
}
