// Browser test of the web UI that sentineld serves at "/".
//
// Starts the real daemon on a free port with a temporary config (the presidio plugin beside a test
// plugin built with the wrong ABI major), drives Debian's chromium through playwright-core, checks
// the module table, enable/disable, an analysis with highlights and the anonymized preview, and
// saves screenshots for review.
//
//   node tests/ui/browser.test.mjs --build-dir BUILD [--screenshots DIR]
//
// Environment: SENTINEL_BUILD_DIR, SENTINEL_UI_SCREENSHOTS (default BUILD/ui-screenshots),
// SENTINEL_CHROMIUM (default /usr/bin/chromium). Never downloads a browser.
// --url URL tests an already running sentineld (configured like writeConfig below) instead of starting one;
// --token TOKEN is then its admin token (none: the token prompt is not exercised).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function option(name, envName, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i !== -1 && i + 1 < process.argv.length) return process.argv[i + 1];
  return process.env[envName] || fallback;
}

const buildDir = path.resolve(option('build-dir', 'SENTINEL_BUILD_DIR', path.join(here, '..', '..', 'build')));
const screenshotDir = path.resolve(option('screenshots', 'SENTINEL_UI_SCREENSHOTS', path.join(buildDir, 'ui-screenshots')));
const chromiumPath = option('chromium', 'SENTINEL_CHROMIUM', '/usr/bin/chromium');
const runningUrl = option('url', 'SENTINEL_UI_URL', '');
// The daemon started here protects admin and analysis routes with this token; the UI must ask for it.
const adminToken = runningUrl ? option('token', 'SENTINEL_UI_TOKEN', '') : crypto.randomBytes(24).toString('hex');
const daemonPath = path.join(buildDir, 'bin', 'sentineld');
const pluginsDir = path.join(buildDir, 'lib', 'sentinel', 'plugins');
const presidioLib = path.join(pluginsDir, 'libsentinel_presidio.so');
const wrongMajorLib = path.join(buildDir, 'tests', 'plugins', 'libsentinel_test_wrong_major.so');
// The toxicity module joins when its plugin is built, with the shipped module file (its model
// settings resolve against models_dir as in config/).
const toxicityLib = path.join(pluginsDir, 'libsentinel_toxicity.so');
const toxicityYaml = path.join(here, '..', '..', 'config', 'modules.d', 'toxicity.yaml');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
const STATE_TIMEOUT_MS = 60000;
const EMAIL = 'jane.doe@example.com';
// The emoji before the address is outside the BMP: offsets from sentineld count code points, so a UI
// that sliced UTF-16 units would highlight the wrong characters.
const SAMPLE_TEXT = `Hi 😀 I am Jane, please write to ${EMAIL} before Friday.`;

// playwright-core is installed from tests/ui/package-lock.json on first use (no browser download:
// playwright-core has no install script and PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD is set anyway).
function ensurePlaywright() {
  const lock = JSON.parse(fs.readFileSync(path.join(here, 'package-lock.json'), 'utf8'));
  const wanted = lock.packages['node_modules/playwright-core'].version;
  const installed = path.join(here, 'node_modules', 'playwright-core', 'package.json');
  if (fs.existsSync(installed) && JSON.parse(fs.readFileSync(installed, 'utf8')).version === wanted) return;
  console.log(`# installing playwright-core ${wanted} with npm ci in ${here}`);
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: here, stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (npm.status !== 0) throw new Error(`npm ci failed in ${here} (exit ${npm.status})`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function writeConfig(dir, port) {
  fs.mkdirSync(path.join(dir, 'modules.d'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'sentinel.yaml'), [
    `listen: 127.0.0.1:${port}`,
    // Plugins load only from these folders: the real ones and the ABI test plugins.
    'plugins_dir:',
    `  - ${pluginsDir}`,
    `  - ${path.dirname(wrongMajorLib)}`,
    `models_dir: ${path.join(buildDir, 'share', 'sentinel', 'models')}`,
    'modules_dir: modules.d',
    'worker_threads: 4',
    'fail_fast: false',
    'limits: {max_body_bytes: 1048576, read_timeout_ms: 10000}',
    'auth: {admin_token_file: admin.token, protect_analysis: true}',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'admin.token'), `${adminToken}\n`, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'modules.d', 'presidio.yaml'),
    `name: presidio\nlibrary: ${presidioLib}\nenabled: true\nsettings: {}\n`);
  fs.writeFileSync(path.join(dir, 'modules.d', 'wrong_major.yaml'),
    `name: wrong_major\nlibrary: ${wrongMajorLib}\nenabled: true\nsettings: {}\n`);
  if (fs.existsSync(toxicityLib) && fs.existsSync(toxicityYaml)) {
    fs.copyFileSync(toxicityYaml, path.join(dir, 'modules.d', 'toxicity.yaml'));
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHealth(baseUrl, daemon, log) {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (daemon.exitCode !== null || daemon.signalCode !== null) {
      throw new Error(`sentineld exited (${daemon.exitCode ?? daemon.signalCode}) before serving:\n${log()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.ok) return;
    } catch (e) { /* not listening yet */ }
    await sleep(100);
  }
  throw new Error(`sentineld did not answer /health within 30 s:\n${log()}`);
}

let tmpDir;
let daemon;
let daemonOutput = '';
let context;
let page;
let baseUrl;
const pageErrors = [];
const cspViolations = [];

async function shot(name) {
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`# screenshot ${file}`);
}

function row(name) {
  return page.locator(`#module-rows tr[data-module="${name}"]`);
}

async function waitForState(name, state) {
  await page.locator(`#module-rows tr[data-module="${name}"][data-state="${state}"]`)
    .waitFor({ timeout: STATE_TIMEOUT_MS });
}

before(async () => {
  const needed = [['chromium', chromiumPath]];
  if (!runningUrl) {
    needed.push(['sentineld', daemonPath], ['the presidio plugin', presidioLib],
      ['the wrong-major test plugin', wrongMajorLib]);
  }
  for (const [what, file] of needed) {
    assert.ok(fs.existsSync(file), `${what} not found at ${file} (build first; chromium comes from apt-get install chromium)`);
  }
  ensurePlaywright();
  const { chromium } = await import('playwright-core');
  fs.mkdirSync(screenshotDir, { recursive: true });
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-ui-'));

  if (runningUrl) {
    baseUrl = runningUrl.replace(/\/+$/, '');
  } else {
    const port = await freePort();
    writeConfig(path.join(tmpDir, 'config'), port);
    baseUrl = `http://127.0.0.1:${port}`;
    daemon = spawn(daemonPath, ['--config', path.join(tmpDir, 'config', 'sentinel.yaml'), '--listen', `127.0.0.1:${port}`],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk) => { daemonOutput = (daemonOutput + chunk).slice(-20000); };
    daemon.stdout.on('data', keep);
    daemon.stderr.on('data', keep);
    await waitForHealth(baseUrl, daemon, () => daemonOutput);
  }

  context = await chromium.launchPersistentContext(path.join(tmpDir, 'chromium-profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.goto(`${baseUrl}/`);
  // Every message the UI announces to screen readers, for the repeated-prefix check.
  await page.evaluate(() => {
    window.announced = [];
    const region = document.getElementById('announce');
    new MutationObserver(() => {
      if (region.textContent) window.announced.push(region.textContent);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
});

after(async () => {
  if (context) await context.close().catch(() => {});
  if (daemon && daemon.exitCode === null && daemon.signalCode === null) {
    const exited = new Promise((resolve) => daemon.once('exit', resolve));
    daemon.kill('SIGTERM');
    const timer = setTimeout(() => daemon.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

test('the page is served with its script and stylesheet', async () => {
  assert.equal(await page.title(), 'Sentinel');
  for (const file of ['app.js', 'app.css', 'favicon.svg']) {
    const res = await fetch(`${baseUrl}/ui/${file}`);
    assert.equal(res.status, 200, `/ui/${file}`);
  }
});

test('the table shows the good module active and the broken one failed with its reason', async () => {
  await waitForState('presidio', 'active');
  await waitForState('wrong_major', 'failed');
  const good = row('presidio');
  assert.equal((await good.locator('.state').textContent()).trim(), 'active');
  assert.match(await good.locator('td').nth(1).textContent(), /\d+\.\d+/, 'plugin version shown');
  assert.match(await good.locator('td').nth(2).textContent(), /^\d+\.\d+/, 'ABI version shown');
  assert.equal((await good.locator('code.path').textContent()).trim(), presidioLib);

  const broken = row('wrong_major');
  assert.equal((await broken.locator('.state').textContent()).trim(), 'failed');
  const reason = broken.locator('td.details [data-stage]');
  assert.equal(await reason.getAttribute('data-stage'), 'inspect');
  const text = await reason.textContent();
  assert.match(text, /Failed at inspect/);
  assert.match(text, /ABI/);
  // The full reason, exactly as the daemon reports it, not a shortened form.
  const api = await (await fetch(`${baseUrl}/v1/modules/wrong_major`)).json();
  assert.ok(text.includes(api.error.message), `row shows "${text}", daemon says "${api.error.message}"`);
  // Polling leaves an unchanged reason in place (a screen reader or a selection in it is not disturbed).
  const shown = await reason.elementHandle();
  await page.waitForTimeout(2500);
  assert.ok(await shown.evaluate((node) => node.isConnected), 'the reason is not rebuilt at every poll');
  await shot('01-modules');
});

test('disabling and enabling a module shows the state changes live', async () => {
  // Record every state the badge shows, so short-lived states are seen too.
  await page.evaluate(() => {
    const badge = document.querySelector('#module-rows tr[data-module="presidio"] .state');
    window.presidioStates = [badge.textContent];
    new MutationObserver(() => {
      const last = window.presidioStates[window.presidioStates.length - 1];
      if (badge.textContent !== last) window.presidioStates.push(badge.textContent);
    }).observe(badge, { childList: true, characterData: true, subtree: true });
  });

  await page.getByRole('button', { name: 'Disable presidio' }).click();
  if (adminToken) {
    // Deactivation is an admin route: the UI asks for the token, and asks again when it is wrong.
    const dialog = page.getByRole('dialog', { name: 'Admin token' });
    await dialog.waitFor();
    await shot('02-token-dialog');
    await dialog.getByRole('textbox', { name: 'Token' }).fill('not-the-right-token-0123456789');
    await dialog.getByRole('button', { name: 'Use token' }).click();
    await page.locator('#token-dialog[open] #token-reason', { hasText: 'rejected' }).waitFor();
    await dialog.getByRole('textbox', { name: 'Token' }).fill(adminToken);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
  }
  await waitForState('presidio', 'inactive');
  assert.equal((await row('presidio').locator('.state').textContent()).trim(), 'inactive');
  assert.ok(await page.getByRole('checkbox', { name: 'presidio' }).isDisabled(),
    'an inactive module cannot be picked for analysis');
  const stateFromApi = (await (await fetch(`${baseUrl}/v1/modules/presidio`)).json()).state;
  assert.equal(stateFromApi, 'inactive');
  await shot('02-presidio-disabled');

  if (adminToken) {
    const stored = await page.evaluate(() => ({ session: sessionStorage.getItem('sentinel.adminToken'), local: localStorage.length }));
    assert.deepEqual(stored, { session: adminToken, local: 0 }, 'the token is kept for the session only');
  }

  await page.getByRole('button', { name: 'Enable presidio' }).click();
  await waitForState('presidio', 'active');
  assert.equal(await page.locator('#token-dialog[open]').count(), 0, 'the stored token is reused');
  const states = await page.evaluate(() => window.presidioStates);
  const settled = states.filter((s) => s !== 'deactivating' && s !== 'activating')
    .filter((s, i, all) => i === 0 || s !== all[i - 1]);
  assert.deepEqual(settled, ['active', 'inactive', 'active'], `states seen: ${states.join(' -> ')}`);
  assert.ok(states.includes('activating'), `progress shown while activating: ${states.join(' -> ')}`);
  assert.ok(await page.getByRole('button', { name: 'Disable presidio' }).isEnabled());
  await shot('03-presidio-enabled');
});

test('enabling the broken module shows the error in its row', async () => {
  await page.getByRole('button', { name: 'Enable wrong_major' }).click();
  const broken = row('wrong_major');
  await broken.locator('.toggle:not([disabled])').waitFor({ timeout: STATE_TIMEOUT_MS });
  await waitForState('wrong_major', 'failed');
  assert.match(await broken.locator('td.details').textContent(), /ABI/);
  assert.equal(await row('presidio').getAttribute('data-state'), 'active', 'the good module keeps running');
  await shot('04-wrong-major-retry');
});

test('an analysis highlights the e-mail address in place with its type and score', async () => {
  await page.getByLabel('Text to analyze').fill(SAMPLE_TEXT);
  const presidio = page.getByRole('checkbox', { name: 'presidio' });
  await presidio.check();
  assert.ok(await page.getByRole('checkbox', { name: 'wrong_major' }).isDisabled());
  await page.getByRole('button', { name: 'Analyze' }).click();

  const marks = page.locator('#highlighted mark[data-entity~="EMAIL_ADDRESS"]');
  await marks.first().waitFor({ timeout: 30000 });
  assert.equal((await marks.allTextContents()).join(''), EMAIL, 'the highlight covers exactly the address');
  const tag = page.locator('#highlighted .tag[data-entity="EMAIL_ADDRESS"]');
  assert.match(await tag.textContent(), /EMAIL_ADDRESS \d\.\d\d/);
  assert.equal(await page.locator('#highlighted').textContent().then((t) => t.includes('😀')), true);
  const entityRow = page.locator('#entities tbody tr[data-entity="EMAIL_ADDRESS"]').first();
  assert.equal((await entityRow.locator('code').textContent()), EMAIL);
  await page.locator('#analyze-status', { hasText: 'Analyzed with' }).waitFor();
  assert.equal(await page.locator('#token-dialog[open]').count(), 0, 'analysis reuses the stored token');
  await shot('05-analysis');
});

test('the anonymized preview follows the operator picker', async (t) => {
  const info = await (await fetch(`${baseUrl}/v1/modules/presidio`)).json();
  if (!(info.routes || []).includes('/presidio/anonymize')) {
    t.skip('the presidio module does not serve /presidio/anonymize');
    return;
  }
  const output = page.locator('#anonymized');
  await page.locator('#anonymized', { hasText: '<EMAIL_ADDRESS>' }).waitFor({ timeout: 30000 });
  assert.ok(!(await output.textContent()).includes(EMAIL));

  await page.getByLabel('Operator').selectOption('mask');
  await page.getByLabel('Mask character').fill('#');
  await page.getByLabel('Characters to mask').fill('4');
  await page.getByLabel('from the end').check();
  const masked = EMAIL.slice(0, -4) + '####';
  await page.locator('#anonymized', { hasText: masked }).waitFor({ timeout: 30000 });

  await page.getByLabel('Operator').selectOption('redact');
  await page.waitForFunction((email) => {
    const text = document.getElementById('anonymized').textContent;
    return text.length > 0 && !text.includes(email) && !text.includes('####') && !text.includes('<EMAIL');
  }, EMAIL.slice(0, 8), { timeout: 30000 });
  await page.getByLabel('Operator').selectOption('replace');
  await page.locator('#anonymized', { hasText: '<EMAIL_ADDRESS>' }).waitFor({ timeout: 30000 });
  await shot('06-anonymized');
});

test('controls are labelled and the keyboard can run an analysis', async () => {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((node) => {
      if (node.closest('[hidden]') || node.closest('dialog:not([open])')) return false;
      const name = node.getAttribute('aria-label') || (node.labels && [...node.labels].map((l) => l.textContent).join(''))
        || (node.tagName === 'BUTTON' ? node.textContent : '');
      return !name.trim();
    }).map((node) => node.outerHTML));
  assert.deepEqual(unlabelled, []);

  await page.locator('#analyze-status').evaluate((node) => { node.textContent = ''; });
  await page.getByLabel('Text to analyze').focus();
  await page.keyboard.press('Control+Enter');
  await page.locator('#analyze-status', { hasText: 'Analyzed with' }).waitFor({ timeout: 30000 });

  // Tab from the text area reaches the module checkboxes and then the Analyze button.
  await page.getByLabel('Text to analyze').focus();
  const reached = [];
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.id || document.activeElement.textContent);
    reached.push(focused);
    if (focused === 'analyze-button') break;
  }
  assert.equal(reached[reached.length - 1], 'analyze-button', `tab order: ${reached.join(', ')}`);
});

test('toxicity scores show as bars per label and per sentence', async (t) => {
  const listed = (await (await fetch(`${baseUrl}/v1/modules`)).json()).modules.map((m) => m.name);
  if (!listed.includes('toxicity')) {
    t.skip('no toxicity module configured (its plugin is not built)');
    return;
  }
  await page.locator('#module-rows tr[data-module="toxicity"]:is([data-state="active"], [data-state="failed"])')
    .waitFor({ timeout: 180000 });
  const info = await (await fetch(`${baseUrl}/v1/modules/toxicity`)).json();
  if (info.state !== 'active') {
    t.skip(`the toxicity module did not activate: ${info.error && info.error.message}`);
    return;
  }
  const text = 'Thanks for the quick reply, the report looks good. You are a worthless idiot and everyone hates you. ' +
    'See you at the meeting tomorrow.';
  await page.getByLabel('Text to analyze').fill(text);
  await page.getByRole('checkbox', { name: 'presidio' }).uncheck();
  await page.getByRole('checkbox', { name: 'toxicity' }).check();
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.locator('#analyze-status', { hasText: 'Analyzed with toxicity' }).waitFor({ timeout: 60000 });

  // The same request straight to the API: the bars must show its scores.
  const headers = { 'Content-Type': 'application/json' };
  if (adminToken) headers.Authorization = `Bearer ${adminToken}`;
  const res = await fetch(`${baseUrl}/v1/analyze`, {
    method: 'POST', headers, body: JSON.stringify({ text, modules: ['toxicity'] }),
  });
  const expected = (await res.json()).results.toxicity;
  const block = page.locator('.toxicity-module[data-module="toxicity"]');
  for (const [label, score] of Object.entries(expected.scores)) {
    const meter = block.locator(`.bars .bar-row[data-label="${label}"] [role="meter"]`);
    assert.equal(await meter.getAttribute('aria-valuenow'), Math.min(1, Math.max(0, score)).toFixed(2), label);
  }
  for (const label of expected.flagged) {
    assert.match(await block.locator(`.bar-row[data-label="${label}"]`).textContent(), /flagged/);
  }
  if (expected.sentences.length > 1) {
    assert.equal(await block.locator('table.sentence-scores tbody tr').count(), expected.sentences.length);
  }
  await page.getByRole('checkbox', { name: 'presidio' }).check();
  await shot('07-toxicity');
});

// Text whose colour against its nearest opaque background is under WCAG AA's 4.5:1 (disabled controls
// are exempt), as "contrast text" strings.
function lowContrastText() {
  return page.evaluate(() => {
    const parse = (value) => {
      const m = value.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const luminance = ({ r, g, b }) => {
      const lin = (c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = (node) => {
      for (let n = node; n; n = n.parentElement) {
        const c = parse(getComputedStyle(n).backgroundColor);
        if (c && c.a >= 0.99) return c;
      }
      return parse(getComputedStyle(document.documentElement).backgroundColor) || { r: 255, g: 255, b: 255, a: 1 };
    };
    const problems = [];
    for (const node of document.querySelectorAll('body *')) {
      const text = [...node.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE).map((c) => c.textContent).join('').trim();
      if (!text || node.closest(':disabled') || node.closest('.visually-hidden')) continue;
      const box = node.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const fg = parse(getComputedStyle(node).color);
      const l1 = luminance(fg);
      const l2 = luminance(background(node));
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      if (ratio < 4.5) problems.push(`${ratio.toFixed(2)} ${text.slice(0, 40)}`);
    }
    return problems;
  });
}

test('text keeps AA contrast in the light and the dark colour scheme', async () => {
  assert.deepEqual(await lowContrastText(), []);
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    assert.deepEqual(await lowContrastText(), []);
    await shot('08-dark');
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
});

// Boxes of what must be on screen in each module row: its action button and every paragraph of its details
// (the failure reason), with any that leave the viewport horizontally or clip their own text.
async function rowsOutsideViewport(width) {
  const problems = [];
  const names = await page.locator('#module-rows tr[data-module]').evaluateAll((trs) => trs.map((tr) => tr.dataset.module));
  assert.ok(names.length >= 2, `module rows: ${names.join(', ')}`);
  for (const name of names) {
    const targets = [['button', row(name).locator('button.toggle')]];
    const reasons = row(name).locator('td.details p');
    for (let i = 0; i < await reasons.count(); i++) targets.push([`details ${i}`, reasons.nth(i)]);
    for (const [what, locator] of targets) {
      const box = await locator.boundingBox();
      if (!box) { problems.push(`${name} ${what}: not rendered`); continue; }
      if (box.x < 0 || box.x + box.width > width + 0.5) {
        problems.push(`${name} ${what}: x ${box.x.toFixed(0)}..${(box.x + box.width).toFixed(0)} outside 0..${width}`);
      }
      const clipped = await locator.evaluate((node) => node.scrollWidth > node.clientWidth + 1);
      if (clipped) problems.push(`${name} ${what}: its text overflows its box`);
    }
  }
  return { names, problems };
}

test('at 420 px and 1280 px wide every module row shows its whole reason and its button', async () => {
  await waitForState('wrong_major', 'failed');
  try {
    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: 900 });
      const { names, problems } = await rowsOutsideViewport(width);
      assert.deepEqual(problems, [], `at ${width} px (rows ${names.join(', ')})`);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= width, `the page scrolls sideways at ${width} px (scrollWidth ${scrollWidth})`);
      if (width === 420) {
        // The narrow layout still shows the whole reason, not a shortened one.
        const api = await (await fetch(`${baseUrl}/v1/modules/wrong_major`)).json();
        assert.ok((await row('wrong_major').locator('td.details [data-stage]').textContent()).includes(api.error.message));
        // The button is reachable without scrolling sideways and still works from there.
        assert.ok(await row('presidio').getByRole('button', { name: 'Disable presidio' }).isVisible());
        await shot('09-narrow-420');
      }
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('a failed analysis clears the previous results and shows the error', async () => {
  // A lone surrogate cannot be encoded as UTF-8: sentineld answers 400 (malformed JSON).
  const headers = { 'Content-Type': 'application/json' };
  if (adminToken) headers.Authorization = `Bearer ${adminToken}`;
  const direct = await fetch(`${baseUrl}/v1/analyze`, {
    method: 'POST', headers, body: JSON.stringify({ text: 'Jane \ud800', modules: ['presidio'] }),
  });
  assert.equal(direct.status, 400, 'sentineld refuses the text');

  // First a successful analysis with every result kind there is: highlights, preview, toxicity bars.
  await page.getByLabel('Text to analyze').fill(SAMPLE_TEXT);
  await page.getByRole('checkbox', { name: 'presidio' }).check();
  const toxicity = page.getByRole('checkbox', { name: 'toxicity' });
  const withToxicity = (await toxicity.count()) > 0 && await toxicity.isEnabled();
  if (withToxicity) await toxicity.check();
  await page.locator('#analyze-status').evaluate((node) => { node.textContent = ''; });
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.locator('#analyze-status', { hasText: 'Analyzed with' }).waitFor({ timeout: 60000 });
  await page.locator('#highlighted mark').first().waitFor();
  const info = await (await fetch(`${baseUrl}/v1/modules/presidio`)).json();
  const withPreview = (info.routes || []).includes('/presidio/anonymize');
  if (withPreview) await page.locator('#anonymized', { hasText: '<EMAIL_ADDRESS>' }).waitFor({ timeout: 30000 });
  if (withToxicity) assert.ok(await page.locator('#toxicity [role="meter"]').count() > 0, 'toxicity bars shown');

  // Then the same panel with text sentineld refuses.
  await page.locator('#analyze-text').evaluate((node) => { node.value = 'Jane Doe \ud800 jane.doe@example.com'; });
  await page.getByRole('button', { name: 'Analyze' }).click();
  const status = page.locator('#analyze-status', { hasText: 'Analysis failed' });
  await status.waitFor({ timeout: 30000 });
  assert.match(await status.textContent(), /malformed JSON|surrogate/, 'the error says why');
  assert.ok(await status.evaluate((node) => node.classList.contains('error-text')), 'shown as an error');
  // Give a late anonymization answer the time to (wrongly) come back.
  await page.waitForTimeout(1000);
  assert.ok(await page.locator('#results').isHidden(), 'the results panel is hidden');
  assert.equal(await page.locator('#highlighted mark').count(), 0, 'no old highlights');
  assert.equal(await page.locator('#entities tbody tr').count(), 0, 'no old entities');
  assert.equal((await page.locator('#anonymized').textContent()).trim(), '', 'no old anonymized preview');
  assert.equal(await page.locator('#toxicity .toxicity-module, #toxicity [role="meter"]').count(), 0, 'no old toxicity bars');
  await shot('10-analysis-error');

  // And a good text afterwards shows results again.
  await page.getByLabel('Text to analyze').fill(SAMPLE_TEXT);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.locator('#highlighted mark').first().waitFor({ timeout: 30000 });
  assert.ok(await page.locator('#results').isVisible());
});

// "X failed: wrong_major: ..." or "activation failed: activation failed: ...": a part after ": " that
// repeats the part before it, or a single word of it (a module name).
function repeatsPrefix(message) {
  const parts = message.split(': ').map((part) => part.trim().toLowerCase());
  for (let i = 0; i + 1 < parts.length; i++) {
    const next = parts[i + 1];
    if (next === parts[i] || (!/\s/.test(next) && parts[i].split(/\s+/).includes(next))) return true;
  }
  return false;
}

test('no failure message repeats its prefix', async () => {
  assert.ok(repeatsPrefix('Enabling wrong_major failed: wrong_major: plugin ABI 2.1 is not compatible'));
  assert.ok(repeatsPrefix('activation failed: activation failed: model missing'));
  assert.ok(!repeatsPrefix('Failed at inspect: wrong_major: plugin ABI 2.1 is not compatible'));

  // wrong_major was enabled once above: its failure was announced.
  const announced = await page.evaluate(() => window.announced);
  const enabling = announced.filter((m) => m.startsWith('Enabling wrong_major failed'));
  assert.ok(enabling.length > 0, `announced: ${announced.join(' | ')}`);
  const api = await (await fetch(`${baseUrl}/v1/modules/wrong_major`)).json();
  const reason = api.error.message.replace(/^wrong_major: /, '');
  assert.ok(enabling.every((m) => m === `Enabling wrong_major failed: ${reason}`), enabling.join(' | '));

  // Trigger the analysis error again so its message is on screen, then check every message shown.
  await page.locator('#analyze-text').evaluate((node) => { node.value = 'x \ud800'; });
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.locator('#analyze-status', { hasText: 'Analysis failed' }).waitFor({ timeout: 30000 });
  const shown = await page.evaluate(() => [...document.querySelectorAll(
    '.error-text, [role="alert"], [role="status"], #analyze-status, #anonymize-status, #connection')]
    .map((node) => node.textContent.trim()).filter(Boolean));
  const messages = [...announced, ...shown];
  assert.ok(shown.some((m) => m.startsWith('Analysis failed: ')), shown.join(' | '));
  assert.deepEqual(messages.filter(repeatsPrefix), [], 'messages that repeat their prefix');
  await page.getByLabel('Text to analyze').fill(SAMPLE_TEXT);
});

test('the page ran without script errors or Content-Security-Policy violations', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(cspViolations, []);
});
