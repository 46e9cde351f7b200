// Perspective drop-in, end to end with Google's own Node.js client.
//
// Starts the real sentineld on the shipped configuration (config/sentinel.yaml and config/modules.d/, with the
// build folder's plugins and models) on a free port and calls POST /v1alpha1/comments:analyze with the
// `googleapis` npm package, two ways Perspective's users do:
//   - the generated client, google.commentanalyzer('v1alpha1') with the `rootUrl` method option (googleapis
//     50.0.0 is the last release that ships it; the small @googleapis/commentanalyzer package was never
//     published);
//   - a client built at run time from this server's discovery document, google.discoverAPI(
//     '<server>/$discovery/rest?version=v1alpha1'), the way Perspective's own Node sample does it.
// It asserts real scores (TOXICITY summaryScore in [0, 1], spanScores whose UTF-16 offsets slice the right
// sentences out of a JavaScript string, the detected language) and Perspective's 400s.
//
//   node tests/toxicity/perspective_client/perspective_client.test.mjs --build-dir BUILD
//
// googleapis is installed with `npm ci` from this folder's package-lock.json into
// BUILD/tests/toxicity/perspective_client/ on first use. When the npm registry cannot be reached the test is
// skipped (exit code 77, which CTest reports as skipped) with a message saying so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = path.resolve(here, '..', '..', '..');
const SKIP = 77;

function option(name, envName, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i !== -1 && i + 1 < process.argv.length) return process.argv[i + 1];
  return process.env[envName] || fallback;
}

const buildDir = path.resolve(option('build-dir', 'SENTINEL_BUILD_DIR', path.join(sourceDir, 'build')));
const installDir = path.join(buildDir, 'tests', 'toxicity', 'perspective_client');
const daemonPath = path.join(buildDir, 'bin', 'sentineld');
const toxicityLib = path.join(buildDir, 'lib', 'sentinel', 'plugins', 'libsentinel_toxicity.so');
const modelsDir = path.join(buildDir, 'share', 'sentinel', 'models');

// ---- googleapis, installed under the build folder from the pinned lock file -------------------------------
function installedVersion() {
  const file = path.join(installDir, 'node_modules', 'googleapis', 'package.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).version : null;
}

function ensureGoogleapis() {
  const lock = JSON.parse(fs.readFileSync(path.join(here, 'package-lock.json'), 'utf8'));
  const wanted = lock.packages['node_modules/googleapis'].version;
  if (installedVersion() === wanted) return;
  const ping = spawnSync('npm', ['ping', '--fetch-retries=0'], { encoding: 'utf8', timeout: 30000 });
  if (ping.status !== 0) {
    const lines = (ping.stderr || '').trim().split('\n');
    const why = ping.error ? 'no answer within 30 s' : (lines.find((l) => /error/i.test(l)) || lines[0]);
    console.log(`# SKIP: the npm registry is unreachable (npm ping: ${why}), ` +
      `so Google's client (googleapis ${wanted}) cannot be installed; nothing was tested`);
    process.exit(SKIP);
  }
  fs.mkdirSync(installDir, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(here, f), path.join(installDir, f));
  console.log(`# installing googleapis ${wanted} with npm ci in ${installDir}`);
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: installDir, stdio: 'inherit' });
  if (npm.status !== 0) throw new Error(`npm ci failed in ${installDir} (exit ${npm.status})`);
  assert.equal(installedVersion(), wanted);
}

for (const [what, file] of [['sentineld', daemonPath], ['the toxicity plugin', toxicityLib]]) {
  if (!fs.existsSync(file)) {
    console.error(`${what} not found at ${file}: build first (cmake --build ${buildDir})`);
    process.exit(1);
  }
}
ensureGoogleapis();
const { google } = createRequire(path.join(installDir, 'package.json'))('googleapis');

// ---- the daemon on the shipped configuration -----------------------------------------------------------------
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

// config/ as shipped; only its build-folder paths are pointed at this build.
function copyShippedConfig(dir) {
  fs.mkdirSync(path.join(dir, 'modules.d'), { recursive: true });
  const host = fs.readFileSync(path.join(sourceDir, 'config', 'sentinel.yaml'), 'utf8')
    .replace(/^plugins_dir: .*$/m, `plugins_dir: ${path.join(buildDir, 'lib', 'sentinel', 'plugins')}`)
    .replace(/^models_dir: .*$/m, `models_dir: ${modelsDir}`);
  fs.writeFileSync(path.join(dir, 'sentinel.yaml'), host);
  for (const f of fs.readdirSync(path.join(sourceDir, 'config', 'modules.d'))) {
    fs.copyFileSync(path.join(sourceDir, 'config', 'modules.d', f), path.join(dir, 'modules.d', f));
  }
}

// The shipped model's languages (manifest.yaml's `languages: [..]` line), to know what detection may answer.
function modelLanguages() {
  const manifest = fs.readFileSync(path.join(modelsDir, 'default', 'manifest.yaml'), 'utf8');
  const m = manifest.match(/^languages:\s*\[([^\]]*)\]/m);
  return m ? m[1].split(',').map((s) => s.trim().replace(/^["']|["']$/g, '')).filter(Boolean) : [];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let tmpDir;
let daemon;
let daemonOutput = '';
let baseUrl;

async function waitForToxicity() {
  const deadline = Date.now() + 120000;
  let last = '';
  while (Date.now() < deadline) {
    if (daemon.exitCode !== null || daemon.signalCode !== null) {
      throw new Error(`sentineld exited (${daemon.exitCode ?? daemon.signalCode}):\n${daemonOutput}`);
    }
    try {
      const res = await fetch(`${baseUrl}/v1/modules/toxicity`);
      const body = await res.json();
      last = JSON.stringify(body);
      if (body.state === 'active') return;
      if (body.state === 'failed') throw new Error(`the toxicity module failed: ${last}`);
    } catch (e) {
      if (String(e.message).startsWith('the toxicity module failed')) throw e;
    }
    await sleep(200);
  }
  throw new Error(`the toxicity module did not become active within 120 s (${last}):\n${daemonOutput}`);
}

before(async () => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-perspective-'));
  copyShippedConfig(path.join(tmpDir, 'config'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  daemon = spawn(daemonPath, ['--config', path.join(tmpDir, 'config', 'sentinel.yaml'), '--listen', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk) => { daemonOutput = (daemonOutput + chunk).slice(-20000); };
  daemon.stdout.on('data', keep);
  daemon.stderr.on('data', keep);
  await waitForToxicity();
});

after(async () => {
  if (daemon && daemon.exitCode === null && daemon.signalCode === null) {
    const exited = new Promise((resolve) => daemon.once('exit', resolve));
    daemon.kill('SIGTERM');
    const timer = setTimeout(() => daemon.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

// ---- the checks -------------------------------------------------------------------------------------------------
// The emoji before the first sentence is outside the BMP: two UTF-16 units, one code point. Perspective's offsets
// are UTF-16, so String.prototype.slice must cut the sentences out exactly.
const RUDE = 'You are a stupid worthless idiot.';
const KIND = 'Have a nice day.';
const TEXT = `\u{1F600} ${RUDE} ${KIND}`;

function checkScores(data, { detected }) {
  const toxicity = data.attributeScores.TOXICITY;
  assert.ok(toxicity, `no TOXICITY in ${JSON.stringify(data)}`);
  assert.equal(toxicity.summaryScore.type, 'PROBABILITY');
  assert.equal(typeof toxicity.summaryScore.value, 'number');
  assert.ok(toxicity.summaryScore.value >= 0 && toxicity.summaryScore.value <= 1, `summaryScore ${toxicity.summaryScore.value}`);
  assert.equal(toxicity.spanScores.length, 2, JSON.stringify(toxicity.spanScores));
  const [rude, kind] = toxicity.spanScores;
  // (The first span may or may not include the emoji; where it ends is what UTF-16 decides.)
  assert.ok(TEXT.slice(rude.begin, rude.end).endsWith(RUDE), JSON.stringify(TEXT.slice(rude.begin, rude.end)));
  assert.equal(rude.end, TEXT.indexOf(RUDE) + RUDE.length);
  assert.equal(TEXT.slice(kind.begin, kind.end), KIND);
  assert.equal(kind.end, TEXT.length);
  for (const span of toxicity.spanScores) {
    assert.equal(span.score.type, 'PROBABILITY');
    assert.ok(span.score.value >= 0 && span.score.value <= 1);
  }
  assert.ok(rude.score.value > kind.score.value, `insult ${rude.score.value} <= kindness ${kind.score.value}`);
  assert.ok(Array.isArray(data.languages) && data.languages.length === 1, `languages ${JSON.stringify(data.languages)}`);
  if (detected) {
    // Detected with CLD2: English here, when the shipped model lists it.
    assert.deepEqual(data.detectedLanguages, data.languages);
    if (modelLanguages().includes('en')) assert.deepEqual(data.languages, ['en']);
  }
}

// The generated client's per-call root URL. (googleapis 50's API-level `rootUrl` option rewrites URLs by
// slicing off as many characters as the new root has, which only works for roots as long as Google's.)
function rootUrl() {
  return { rootUrl: `${baseUrl}/` };
}

async function expect400(promise, message) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.response?.status ?? err.code, 400, String(err));
    assert.equal(err.response.data.error.status, 'INVALID_ARGUMENT');
    assert.equal(err.response.data.error.message, message);
    return true;
  });
}

test('the generated client (rootUrl method option) gets real scores, UTF-16 spans and the detected language', async () => {
  const client = google.commentanalyzer('v1alpha1');
  const res = await client.comments.analyze({
    key: 'not-checked',
    requestBody: {
      comment: { text: TEXT },
      requestedAttributes: { TOXICITY: {} },
      spanAnnotations: true,
      clientToken: 'node-client',
    },
  }, rootUrl());
  assert.equal(res.status, 200);
  checkScores(res.data, { detected: true });
  assert.equal(res.data.clientToken, 'node-client');
});

test('the generated client: BCP-47 languages are accepted, an empty comment is Perspective\'s 400', async () => {
  const client = google.commentanalyzer('v1alpha1');
  const language = modelLanguages()[0] || 'en';
  const res = await client.comments.analyze({
    requestBody: {
      comment: { text: TEXT },
      requestedAttributes: { TOXICITY: {} },
      spanAnnotations: true,
      languages: [`${language.toUpperCase()}-US`],
    },
  }, rootUrl());
  assert.equal(res.status, 200);
  assert.deepEqual(res.data.languages, [`${language.toUpperCase()}-US`]);
  checkScores(res.data, { detected: false });
  await expect400(client.comments.analyze({ requestBody: { comment: { text: '' }, requestedAttributes: { TOXICITY: {} } } },
    rootUrl()), 'Comment must be non-empty.');
});

test('a client built from the discovery document calls this server', async () => {
  const url = `${baseUrl}/$discovery/rest?version=v1alpha1`;
  const doc = await (await fetch(url)).json();
  assert.equal(doc.rootUrl, `${baseUrl}/`);
  assert.equal(doc.resources.comments.methods.analyze.path, 'v1alpha1/comments:analyze');
  const client = await google.discoverAPI(url);
  const res = await client.comments.analyze({
    key: 'not-checked',
    resource: { comment: { text: TEXT }, requestedAttributes: { TOXICITY: {} }, spanAnnotations: true },
  });
  assert.equal(res.status, 200);
  checkScores(res.data, { detected: true });
  await expect400(client.comments.analyze({ resource: { comment: { text: '' }, requestedAttributes: { TOXICITY: {} } } }),
    'Comment must be non-empty.');
});

test('a language the model does not list is Perspective\'s LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE', async () => {
  const client = google.commentanalyzer('v1alpha1');
  const other = ['de', 'ja', 'sw', 'zu'].find((l) => !modelLanguages().includes(l));
  await assert.rejects(
    client.comments.analyze({ requestBody: { comment: { text: TEXT }, requestedAttributes: { TOXICITY: {} }, languages: [other] } },
      rootUrl()),
    (err) => {
      assert.equal(err.response.status, 400);
      assert.equal(err.response.data.error.message, `Attribute TOXICITY does not support request languages: ${other}`);
      const detail = err.response.data.error.details[0];
      assert.equal(detail.errorType, 'LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE');
      assert.equal(detail.languageNotSupportedByAttributeError.attribute, 'TOXICITY');
      return true;
    });
});
