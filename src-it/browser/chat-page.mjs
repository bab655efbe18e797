// Drives the chat page in headless Chromium with Playwright, as people would: run by ChatIT on
// each runtime (npm install here first; the build does it), or by hand against a running server:
//   node chat-page.mjs http://127.0.0.1:8080/ [screenshot.png]       (the embedded runtime, mvn -Prun)
//   node chat-page.mjs http://127.0.0.1:8080/chat/ [screenshot.png]  (the WAR on WildFly or Payara)
// CHROMIUM=/path/to/chromium selects the browser (default /usr/bin/chromium, Debian's package).
// Prints one line "chat page OK ..." when every check passed; exits non-zero otherwise.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const page = process.argv[2] ?? 'http://127.0.0.1:8080/';
const screenshot = process.argv[3];
const room = 'page-' + Date.now().toString(36);
// The flags keep Chromium off the network it cannot reach here and let it run as root in CI.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const entries = p => p.locator('#log .entry');
const lastEntry = (p, kind) => p.locator(`#log .entry.${kind}`).last();

async function join(name) {
  const p = await (await browser.newContext()).newPage();
  p.on('dialog', dialog => { throw new Error('a dialog opened: markup was run: ' + dialog.message()); });
  await p.goto(page);
  await p.fill('#room', room);
  await p.fill('#name', name);
  await p.click('#join');
  await p.locator('#log .entry.joined', { hasText: `${name} joined` }).waitFor();
  assert.equal(await p.isEnabled('#send'), true);
  return p;
}

try {
  const ada = await join('ada');
  const bob = await join('bob');
  await ada.locator('#log .entry.joined', { hasText: 'bob joined' }).waitFor();

  // Markup in a message is shown as text, never run or rendered.
  const markup = '<img src=x onerror=alert(1)> & <b>bold</b>';
  await bob.fill('#message', markup);
  await bob.click('#send');
  for (const p of [ada, bob]) {
    await p.locator('#log .entry.message').last().waitFor();
    assert.equal(await lastEntry(p, 'message').locator('.name').textContent(), 'bob');
    assert.equal(await lastEntry(p, 'message').locator('.text').textContent(), markup);
    assert.equal(await p.locator('#log img, #log b').count(), 0);
  }

  // A newcomer gets the history first.
  const carol = await join('carol');
  assert.equal(await carol.locator('#log .entry.message .text').first().textContent(), markup);

  // Bad input is refused on the page with the server's rule, and the room goes on.
  const dave = await (await browser.newContext()).newPage();
  await dave.goto(page);
  await dave.fill('#room', room);
  await dave.fill('#name', '<b>dave</b>');
  await dave.click('#join');
  await dave.locator('#log .entry.error', { hasText: 'Invalid name' }).waitFor();
  // the page enables Join when its connection closes, which may come a moment after the error
  await dave.locator('#join:enabled').waitFor();

  // Leaving is announced.
  await bob.click('#leave');
  await ada.locator('#log .entry.quit', { hasText: 'bob left' }).waitFor();
  // the room answers bob's Close after telling the others, so bob's page may see it after ada's
  await bob.locator('#join:enabled').waitFor();
  assert.match(await bob.textContent('#status'), /Left room/);

  if (screenshot) {
    await ada.screenshot({ path: screenshot, fullPage: true });
  }
  console.log('chat page OK at ' + page + ': ' + (await entries(ada).count()) + ' entries for ada');
} finally {
  await browser.close();
}
