// A tiny HTTP service around two PII redactors from npm, the peers of sentineld's /presidio/analyze in
// bench/run.sh. POST /redact-pii and POST /openredaction take {"text": "..."} and answer with the
// redacted text (and, for openredaction, its detections), one request at a time per worker process.
//   node server.js PORT [WORKERS]      (binds 127.0.0.1 only; WORKERS processes share the port, default 1)
'use strict';
const cluster = require('node:cluster');
const http = require('node:http');

const port = Number(process.argv[2]);
const workers = Number(process.argv[3] || 1);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node server.js PORT [WORKERS]');
  process.exit(2);
}

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', () => process.exit(1));  // a bench peer that lost a worker is no longer comparable
} else {
  const { SyncRedactor } = require('redact-pii');
  const { OpenRedaction } = require('@openredaction/openredaction');
  const redactPii = new SyncRedactor();
  const openRedaction = new OpenRedaction();
  const handlers = {
    '/redact-pii': (text) => ({ redacted: redactPii.redact(text) }),
    '/openredaction': (text) => {
      const r = openRedaction.detect(text);
      return { redacted: r.redacted, detections: r.detections };
    },
  };
  const reply = (res, status, obj) => {
    const body = JSON.stringify(obj);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET') return reply(res, 200, { status: 'ok' });
      const handler = handlers[req.url];
      if (req.method !== 'POST' || !handler) return reply(res, 404, { error: 'not found' });
      let text;
      try {
        text = JSON.parse(Buffer.concat(chunks).toString('utf8')).text;
      } catch (e) {
        return reply(res, 400, { error: 'invalid JSON' });
      }
      if (typeof text !== 'string') return reply(res, 400, { error: 'expected {"text": string}' });
      reply(res, 200, handler(text));
    });
  }).listen(port, '127.0.0.1');
}
