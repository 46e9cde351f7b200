// The npm redactors bench/peers/node serves (redact-pii, @openredaction/openredaction), in process over a JSON
// Lines file: every string value of each line redacted, the line written back. A baseline for
// `sentinelctl redact` (run.sh); regex libraries with their own entity sets, not Presidio.
//   node npm_baseline.js redact-pii|openredaction IN OUT      (needs `npm ci` in bench/peers/node)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const peers = path.join(__dirname, '..', 'peers', 'node', 'node_modules');
const [which, input, output] = process.argv.slice(2);
let redact;
if (which === 'redact-pii') {
  const { SyncRedactor } = require(path.join(peers, 'redact-pii'));
  const r = new SyncRedactor();
  redact = (text) => r.redact(text);
} else if (which === 'openredaction') {
  const { OpenRedaction } = require(path.join(peers, '@openredaction', 'openredaction'));
  const r = new OpenRedaction();
  redact = (text) => r.detect(text).redacted;
} else {
  console.error('usage: node npm_baseline.js redact-pii|openredaction IN OUT');
  process.exit(2);
}

function walk(node) {
  if (typeof node === 'string') return redact(node);
  if (Array.isArray(node)) return node.map(walk);
  if (node && typeof node === 'object') {
    for (const k of Object.keys(node)) node[k] = walk(node[k]);
  }
  return node;
}

(async () => {
  const out = fs.createWriteStream(output);
  const t0 = process.hrtime.bigint();
  const rl = readline.createInterface({ input: fs.createReadStream(input), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!out.write(JSON.stringify(walk(JSON.parse(line))) + '\n')) {
      await new Promise((resolve) => out.once('drain', resolve));
    }
  }
  await new Promise((resolve) => out.end(resolve));
  console.log((Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2));
})();
