// Finds a Chromium for browser tests: CHROME_PATH, Debian's /usr/bin/chromium, or playwright's own browser.
// Never downloads one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const HOW_TO_GET_CHROMIUM =
  'No Chromium found: install Debian\'s package (`sudo apt-get install -y chromium`) or set CHROME_PATH to a Chromium/Chrome binary.';

function playwrightBrowsers() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || path.join(os.homedir(), '.cache', 'ms-playwright');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((d) => d.startsWith('chromium'))
    .sort()
    .reverse()
    .flatMap((d) => [path.join(root, d, 'chrome-linux', 'chrome'), path.join(root, d, 'chrome-linux64', 'chrome')]);
}

/** @returns {string | undefined} an executable Chromium path */
export function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', ...playwrightBrowsers()];
  for (const c of candidates) {
    if (!c) continue;
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return c;
    } catch {
      /* try the next one */
    }
  }
  return undefined;
}

/** Flags that keep headless Chromium quiet on a machine without outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findChromium();
  if (!found) {
    console.error(HOW_TO_GET_CHROMIUM);
    process.exit(1);
  }
  console.log(found);
}
