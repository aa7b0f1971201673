// Finds a Chromium or Chrome for the browser tests, in order: CHROME_PATH, Debian/Ubuntu's chromium, Google
// Chrome (Linux, macOS), Chromium.app, playwright's browser cache. Never downloads one. Plain Node (no
// dependencies): scripts/ensure-installed.mjs uses it before anything is installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const HOW_TO_GET_CHROMIUM =
  "No Chromium or Chrome found for the browser tests: install Debian/Ubuntu's package (`sudo apt-get install -y chromium`), Google Chrome, or set CHROME_PATH to a Chromium/Chrome binary.";

/** Executables inside playwright's browser cache (Linux and macOS layouts), newest first. */
function playwrightBrowsers() {
  const roots = [
    process.env.PLAYWRIGHT_BROWSERS_PATH,
    path.join(os.homedir(), '.cache', 'ms-playwright'),
    path.join(os.homedir(), 'Library', 'Caches', 'ms-playwright'),
  ];
  return roots
    .filter((r) => r && fs.existsSync(r))
    .flatMap((root) =>
      fs
        .readdirSync(root)
        .filter((d) => d.startsWith('chromium'))
        .sort()
        .reverse()
        .flatMap((d) => [
          path.join(root, d, 'chrome-linux', 'chrome'),
          path.join(root, d, 'chrome-linux64', 'chrome'),
          path.join(root, d, 'chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
          path.join(root, d, 'chrome-mac-arm64', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
        ]),
    );
}

/** Where browsers are looked for, in order. */
export function chromiumCandidates() {
  return [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...playwrightBrowsers(),
  ].filter(Boolean);
}

/** @returns {string | undefined} an executable Chromium/Chrome path */
export function findChromium() {
  for (const c of chromiumCandidates()) {
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
