// Drives the chat page in headless Chromium (the system's /usr/bin/chromium, QUIC left on).
//
//   node chat-page.mjs <pageUrl> <screenshotPath> <expectedText> <textToSend>
//
// Talks to the Java test through stdout lines:
//   JOINED            the page subscribed to its room
//   RECEIVED          the page shows a message containing <expectedText> (sent by the Java side)
//   SENT <answer>     the page sent <textToSend> and the server answered (OK <seq>)
//   SCREENSHOT <path>
// Exits 0 when all steps passed, 1 with "ERROR <reason>" otherwise (including when Chromium cannot start).
import { inChromium, STEP_MS } from './chromium.mjs';

const [pageUrl, screenshotPath, expectedText, textToSend] = process.argv.slice(2);
if (!pageUrl || !screenshotPath || !expectedText || !textToSend) {
  console.log('ERROR usage: node chat-page.mjs <pageUrl> <screenshotPath> <expectedText> <textToSend>');
  process.exit(1);
}
await inChromium(async (page) => {
  await page.goto(pageUrl, { timeout: STEP_MS });
  const status = page.locator('#status');
  await page.waitForFunction(
    () => ['joined', 'error', 'closed'].includes(document.getElementById('status').dataset.state),
    null, { timeout: STEP_MS });
  if (await status.getAttribute('data-state') !== 'joined') {
    throw new Error(`page did not join: ${await status.textContent()}`);
  }
  // A retried join is reported, so a flaky first attempt stays visible in the test's output.
  console.log(`JOINED ${await status.textContent()}`);

  await page.locator('#messages li .text', { hasText: expectedText }).first().waitFor({ timeout: STEP_MS });
  console.log('RECEIVED');

  await page.fill('#text', textToSend);
  await page.click('#button');
  await page.waitForFunction(() => document.getElementById('answer').dataset.answer, null, { timeout: STEP_MS });
  const answer = await page.locator('#answer').getAttribute('data-answer');
  if (!answer.startsWith('OK ')) throw new Error(`server refused the page's message: ${answer}`);
  await page.locator('#messages li .text', { hasText: textToSend }).first().waitFor({ timeout: STEP_MS });
  console.log(`SENT ${answer}`);

  await page.screenshot({ path: screenshotPath, fullPage: true });
  console.log(`SCREENSHOT ${screenshotPath}`);
});
