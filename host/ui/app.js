// Sentinel web UI: the module table (live states, enable/disable) and the try-it panel
// (PII highlights, anonymized preview, toxicity bars). Plain browser JavaScript, no build step;
// every request goes to the sentineld that served this page, with paths relative to it.
'use strict';
(() => {
  const POLL_MS = 1000;
  const TOKEN_KEY = 'sentinel.adminToken';
  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- small DOM helpers

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'className') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child !== undefined && child !== null) node.append(child);
    }
    return node;
  }

  // Writes only on change: polling every second must not disturb screen readers or selections.
  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function announce(message) {
    // Re-setting the text makes screen readers read repeated messages too.
    const region = $('announce');
    region.textContent = '';
    window.setTimeout(() => { region.textContent = message; }, 50);
  }

  // "<prefix>: <message>" without saying a thing twice: sentineld starts module errors with the module's
  // name ("wrong_major: plugin ABI ..."), which the prefix already names, and a message that already
  // starts with the prefix ("Analysis failed: ...") is kept as it is.
  function withoutName(message, name) {
    const text = String(message || '').trim();
    return name && text.startsWith(`${name}: `) ? text.slice(name.length + 2) : text;
  }

  function failure(prefix, message, name) {
    const text = withoutName(message, name);
    if (text.toLowerCase().startsWith(`${prefix.toLowerCase()}:`)) return text;
    return text ? `${prefix}: ${text}` : prefix;
  }

  function formatScore(score) {
    return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(2) : '?';
  }

  // ---------------------------------------------------------------- admin token

  // The token lives in sessionStorage (this tab, until it closes), or in memory where storage is disabled.
  let memoryToken = '';

  function storedToken() {
    try { return window.sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return memoryToken; }
  }

  function storeToken(token) {
    try {
      if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
      else window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) {
      memoryToken = token;
    }
    updateTokenButton();
  }

  function updateTokenButton() {
    $('token-button').textContent = storedToken() ? 'Admin token (set)' : 'Admin token';
  }

  // One prompt at a time: concurrent 401s all wait for the same answer.
  let tokenPrompt = null;

  function askToken(reason) {
    if (tokenPrompt) return tokenPrompt;
    const dialog = $('token-dialog');
    const input = $('token-input');
    const opener = document.activeElement;
    tokenPrompt = new Promise((resolve) => {
      $('token-reason').textContent = reason;
      $('token-forget').hidden = !storedToken();
      input.value = '';
      dialog.returnValue = '';
      dialog.addEventListener('close', () => {
        const answer = dialog.returnValue;
        if (answer === 'ok' && input.value) storeToken(input.value);
        if (answer === 'forget') storeToken('');
        input.value = '';
        tokenPrompt = null;
        refreshRows();
        if (opener && typeof opener.focus === 'function') opener.focus();
        resolve(answer === 'ok' && Boolean(storedToken()));
      }, { once: true });
      dialog.showModal();
      input.focus();
    });
    refreshRows();
    return tokenPrompt;
  }

  // ---------------------------------------------------------------- REST client

  class ApiError extends Error {
    constructor(status, code, message, body) {
      super(message);
      this.status = status;
      this.code = code;
      this.body = body;
    }
  }

  function errorOf(body, res) {
    const error = body && body.error;
    if (error && typeof error === 'object') {
      return { code: error.code || String(res.status), message: error.message || res.statusText };
    }
    if (typeof error === 'string') return { code: String(res.status), message: error };
    return { code: String(res.status), message: `HTTP ${res.status} ${res.statusText}`.trim() };
  }

  // Sends a JSON request. On 401/403 an interactive call asks for the admin token and retries.
  async function api(method, path, body, { interactive = true } = {}) {
    for (;;) {
      const headers = { Accept: 'application/json' };
      const init = { method, headers, cache: 'no-store' };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      const token = storedToken();
      if (token) headers.Authorization = `Bearer ${token}`;
      let res;
      try {
        res = await fetch(path, init);
      } catch (e) {
        throw new ApiError(0, 'unreachable', 'sentineld is not reachable');
      }
      const text = await res.text();
      let data = null;
      try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
      // A 403 means a rejected token only when one was sent and the answer is not about a module
      // (a module refused for its own reasons comes back with the module's record).
      const tokenRejected = res.status === 403 && Boolean(token) && !(data && data.module);
      if ((res.status === 401 || tokenRejected) && interactive) {
        if (tokenRejected) storeToken('');
        const reason = res.status === 401
          ? 'This sentineld asks for its admin token.'
          : 'The admin token was rejected (403 Forbidden). Enter the right one.';
        if (await askToken(reason)) continue;
      }
      if (!res.ok) {
        const { code, message } = errorOf(data, res);
        throw new ApiError(res.status, code, message, data);
      }
      return data;
    }
  }

  // Routes are absolute on the server ("/presidio/anonymize"); keep them relative to this page
  // so the UI also works behind a reverse proxy that mounts sentineld under a prefix.
  function relative(route) {
    return route.replace(/^\/+/, '');
  }

  // ---------------------------------------------------------------- module table

  const rows = new Map();   // module name -> row record
  let modules = [];         // latest module list from the daemon

  function createRow(name) {
    const row = { name, busy: null, actionError: null, module: null };
    row.stateBadge = el('span', { className: 'state' });
    row.progress = el('progress', { className: 'busy', 'aria-label': `${name} is changing state` });
    row.progress.hidden = true;
    // data-label names each cell where a narrow screen stacks the row and hides the column headers.
    row.plugin = el('td', { className: 'plugin-cell', dataset: { label: 'Plugin' } });
    row.abi = el('td', { className: 'abi-cell', dataset: { label: 'ABI' } });
    row.library = el('code', { className: 'path' });
    row.details = el('td', { className: 'details' });
    row.button = el('button', { type: 'button', className: 'toggle' });
    row.button.addEventListener('click', () => toggleModule(row));
    row.tr = el('tr', { dataset: { module: name } },
      el('th', { scope: 'row', className: 'name-cell', text: name }),
      el('td', { className: 'state-cell' }, row.stateBadge, row.progress),
      row.plugin,
      row.abi,
      el('td', { className: 'library-cell', dataset: { label: 'Library' } }, row.library),
      row.details,
      el('td', { className: 'action-cell' }, row.button));
    return row;
  }

  function describePlugin(m) {
    if (!m.plugin) return 'unknown';
    return m.plugin.name && m.plugin.name !== m.name
      ? `${m.plugin.name} ${m.plugin.version}` : String(m.plugin.version);
  }

  function describeAbi(m) {
    if (!m.abi) return 'unknown';
    const plugin = m.abi.plugin || 'unknown';
    if (!m.abi.host || plugin === m.abi.host) return String(plugin);
    return `${plugin} (host ${m.abi.host})`;
  }

  // Build identity from the plugin's ABI descriptor, shown as a tooltip on the version.
  function pluginBuild(m) {
    const p = m.plugin;
    if (!p) return '';
    const parts = [];
    if (p.compiler) parts.push(`compiler: ${p.compiler}`);
    if (p.cxx_runtime) parts.push(`C++ runtime: ${p.cxx_runtime}`);
    if (p.dependencies) parts.push(`dependencies: ${p.dependencies}`);
    return parts.join('\n');
  }

  function detailsFor(row, m) {
    const parts = [];
    if (m.error) {
      parts.push(el('p', { className: 'error-text', dataset: { stage: m.error.stage || '' } },
        el('strong', { text: `Failed at ${m.error.stage || 'unknown stage'}: ` }),
        m.error.message || ''));
    } else if (m.state === 'active') {
      const since = m.activated_at ? new Date(m.activated_at) : null;
      let text = since && !Number.isNaN(since.getTime()) ? `Active since ${since.toLocaleString()}` : 'Active';
      if (typeof m.activation_ms === 'number') text += `, activated in ${m.activation_ms.toFixed(1)} ms`;
      parts.push(el('p', { text }));
    } else if (m.state === 'inactive') {
      parts.push(el('p', { text: m.enabled ? 'Not running' : 'Disabled' }));
    }
    if (m.isolation === 'process') {
      parts.push(el('p', { className: 'hint', text: 'Runs in its own supervised worker process.' }));
    }
    if (row.actionError && !(m.error && m.error.message === row.actionError)) {
      parts.push(el('p', { className: 'error-text action-error', role: 'alert' },
        el('strong', { text: 'Request failed: ' }), withoutName(row.actionError, m.name)));
    }
    return parts;
  }

  function updateRow(row, m) {
    row.module = m;
    const transitional = m.state === 'activating' || m.state === 'deactivating';
    // While the token prompt is open nothing has been asked of the module yet: show its real state.
    const shownState = row.busy && !transitional && !tokenPrompt ? row.busy : m.state;
    setText(row.stateBadge, shownState);
    row.stateBadge.dataset.state = shownState;
    row.tr.dataset.state = m.state;
    row.progress.hidden = !(row.busy || transitional);

    setText(row.plugin, describePlugin(m));
    row.plugin.title = pluginBuild(m);
    setText(row.abi, describeAbi(m));
    setText(row.library, m.library || '');
    row.library.title = m.library || '';
    // Rebuilt only when it changes, so an error alert in it is not announced again at every poll.
    const detailsKey = JSON.stringify([m.state, m.error, m.activated_at, m.activation_ms, m.enabled, m.isolation, row.actionError]);
    if (row.detailsKey !== detailsKey) {
      row.detailsKey = detailsKey;
      row.details.replaceChildren(...detailsFor(row, m));
    }

    const activate = m.state !== 'active';
    let label = activate ? 'Enable' : 'Disable';
    if (row.busy === 'activating' || m.state === 'activating') label = 'Enabling…';
    else if (row.busy === 'deactivating' || m.state === 'deactivating') label = 'Disabling…';
    setText(row.button, label);
    row.button.setAttribute('aria-label', `${label.replace('…', '')} ${m.name}`);
    row.button.disabled = Boolean(row.busy) || transitional;
    row.button.className = activate ? 'toggle' : 'toggle secondary';
  }

  async function toggleModule(row) {
    const m = row.module;
    if (!m || row.busy) return;
    const activate = m.state !== 'active';
    const hadFocus = document.activeElement === row.button;
    row.busy = activate ? 'activating' : 'deactivating';
    row.actionError = null;
    updateRow(row, m);
    announce(`${activate ? 'Enabling' : 'Disabling'} ${m.name}`);
    let latest = m;
    let answered = true;   // false when sentineld could not be reached at all
    try {
      latest = await api('POST', `v1/modules/${encodeURIComponent(m.name)}/${activate ? 'activate' : 'deactivate'}`);
      announce(`${m.name} is ${latest.state}`);
    } catch (e) {
      row.actionError = e.message;
      answered = e.status !== 0;
      if (e.body && e.body.module) latest = e.body.module;
      announce(failure(`${activate ? 'Enabling' : 'Disabling'} ${m.name} failed`, e.message, m.name));
    } finally {
      row.busy = null;
      if (latest && latest.name === m.name) {
        updateRow(row, latest);
        modules = modules.map((x) => (x.name === latest.name ? latest : x));
        updateModuleChoices(modules);
        if (answered) showSummary();
      } else {
        updateRow(row, m);
      }
      if (hadFocus) row.button.focus();
    }
  }

  function refreshRows() {
    for (const row of rows.values()) if (row.module) updateRow(row, row.module);
  }

  function renderModules(list) {
    const tbody = $('module-rows');
    const emptyRow = tbody.querySelector('tr.empty-row');
    if (list.length === 0) {
      for (const row of rows.values()) row.tr.remove();
      rows.clear();
      if (emptyRow) emptyRow.firstElementChild.textContent = 'No modules are configured.';
      else tbody.append(el('tr', { className: 'empty-row' }, el('td', { colspan: 7, text: 'No modules are configured.' })));
      return;
    }
    if (emptyRow) emptyRow.remove();
    const seen = new Set();
    list.forEach((m, index) => {
      let row = rows.get(m.name);
      if (!row) {
        row = createRow(m.name);
        rows.set(m.name, row);
      }
      updateRow(row, m);
      // Move rows only when the order changed, so a focused button keeps its focus.
      if (tbody.children[index] !== row.tr) tbody.insertBefore(row.tr, tbody.children[index] || null);
      seen.add(m.name);
    });
    for (const [name, row] of rows) {
      if (!seen.has(name)) {
        row.tr.remove();
        rows.delete(name);
      }
    }
  }

  function setConnection(text, problem) {
    const node = $('connection');
    if (node.textContent !== text) node.textContent = text;
    node.classList.toggle('problem', Boolean(problem));
  }

  function showSummary() {
    const active = modules.filter((m) => m.state === 'active').length;
    const failed = modules.filter((m) => m.state === 'failed').length;
    setConnection(`Connected: ${modules.length} modules, ${active} active` +
      (failed ? `, ${failed} failed` : ''), false);
  }

  let firstPoll = true;

  async function poll() {
    try {
      const data = await api('GET', 'v1/modules', undefined, { interactive: firstPoll });
      modules = Array.isArray(data && data.modules) ? data.modules : [];
      renderModules(modules);
      updateModuleChoices(modules);
      showSummary();
    } catch (e) {
      if (e.status === 401 || e.status === 403) {
        setConnection('The admin token is needed to list modules: use the Admin token button.', true);
      } else {
        setConnection(`${e.message}; retrying every second.`, true);
      }
    } finally {
      firstPoll = false;
      window.setTimeout(poll, POLL_MS);
    }
  }

  // ---------------------------------------------------------------- try-it: module choices

  const choices = new Map();   // module name -> {wrap, input, note, touched}
  let choiceCounter = 0;

  function updateModuleChoices(list) {
    const fieldset = $('analyze-modules');
    const seen = new Set();
    for (const m of list) {
      let choice = choices.get(m.name);
      if (!choice) {
        const id = `module-choice-${++choiceCounter}`;
        const input = el('input', { type: 'checkbox', id, value: m.name });
        const note = el('span', { className: 'note' });
        const wrap = el('span', { className: 'choice' }, input, el('label', { for: id, text: m.name }), note);
        choice = { wrap, input, note, touched: false };
        input.addEventListener('change', () => { choice.touched = true; });
        choices.set(m.name, choice);
        fieldset.append(wrap);
      }
      const active = m.state === 'active';
      choice.input.disabled = !active;
      setText(choice.note, active ? '' : `(${m.state})`);
      if (active && !choice.touched) choice.input.checked = true;
      seen.add(m.name);
    }
    for (const [name, choice] of choices) {
      if (!seen.has(name)) {
        choice.wrap.remove();
        choices.delete(name);
      }
    }
    $('no-modules').hidden = list.some((m) => m.state === 'active');
  }

  function chosenModules() {
    return [...choices.entries()]
      .filter(([, c]) => c.input.checked && !c.input.disabled)
      .map(([name]) => name);
  }

  // ---------------------------------------------------------------- try-it: results

  // Offsets from sentineld count Unicode code points, so all slicing happens on Array.from(text).
  let lastPii = null;   // {chars, entities, route} for the anonymized preview

  function setStatus(node, text, isError) {
    node.textContent = text;
    node.classList.toggle('error-text', Boolean(isError));
  }

  let analyzeSeq = 0;

  // Results of an earlier text must not stay on screen next to an error about the current one.
  function clearResults() {
    lastPii = null;
    anonymizeSeq++;   // an anonymization still in flight no longer writes its answer
    $('results').hidden = true;
    $('highlighted').replaceChildren();
    $('entities').querySelector('tbody').replaceChildren();
    $('anonymized').textContent = '';
    setStatus($('anonymize-status'), '', true);
    $('toxicity').replaceChildren();
    $('other').replaceChildren();
    for (const id of ['pii-panel', 'anonymize-panel', 'toxicity-panel', 'other-panel']) $(id).hidden = true;
  }

  async function analyze(event) {
    event.preventDefault();
    const seq = ++analyzeSeq;
    const text = $('analyze-text').value;
    const names = chosenModules();
    const status = $('analyze-status');
    if (!text.trim()) { clearResults(); return setStatus(status, 'Enter some text to analyze.', true); }
    if (names.length === 0) { clearResults(); return setStatus(status, 'Pick at least one active module.', true); }
    const button = $('analyze-button');
    button.disabled = true;
    setStatus(status, 'Analyzing…', false);
    const started = performance.now();
    try {
      const data = await api('POST', 'v1/analyze', { text, modules: names });
      if (seq !== analyzeSeq) return;
      renderResults(text, (data && data.results) || {});
      setStatus(status, `Analyzed with ${names.join(', ')} in ${Math.round(performance.now() - started)} ms.`, false);
    } catch (e) {
      if (seq !== analyzeSeq) return;
      clearResults();
      setStatus(status, failure('Analysis failed', e.message), true);
    } finally {
      button.disabled = false;
    }
  }

  function renderResults(text, results) {
    const chars = Array.from(text);
    const pii = [];
    const toxicity = [];
    const other = [];
    for (const [name, result] of Object.entries(results)) {
      if (result && Array.isArray(result.entities)) pii.push([name, result]);
      else if (result && result.scores && typeof result.scores === 'object') toxicity.push([name, result]);
      else other.push([name, result]);
    }
    $('results').hidden = false;
    renderPii(chars, pii);
    renderToxicity(chars, toxicity);
    $('other-panel').hidden = other.length === 0;
    $('other').replaceChildren(...other.map(([name, result]) =>
      el('div', null, el('h4', { text: name }), el('pre', { text: JSON.stringify(result, null, 2) }))));
  }

  function validSpans(entities, length) {
    return entities.filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) &&
      e.start >= 0 && e.start < e.end && e.end <= length);
  }

  // A stable colour per entity type, from a small palette of light backgrounds.
  function colourIndex(type) {
    let h = 0;
    for (const c of String(type)) h = (h * 31 + c.codePointAt(0)) >>> 0;
    return h % 6;
  }

  // Cuts the text at every span boundary; each piece covered by a span becomes a <mark>, and the
  // entity type and score follow the end of each span, so overlapping spans stay readable.
  function renderHighlights(container, chars, spans) {
    container.replaceChildren();
    const cuts = new Set([0, chars.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i];
      const to = points[i + 1];
      const piece = chars.slice(from, to).join('');
      const covering = spans.filter((s) => s.start <= from && s.end >= to);
      if (covering.length === 0) {
        container.append(piece);
      } else {
        const types = [...new Set(covering.map((s) => s.entity_type))];
        container.append(el('mark', {
          className: `c${colourIndex(types[0])}${covering.length > 1 ? ' overlap' : ''}`,
          dataset: { entity: types.join(' ') },
          title: covering.map((s) => `${s.entity_type} ${formatScore(s.score)}`).join(', '),
        }, piece));
      }
      for (const s of spans) {
        if (s.end === to) {
          container.append(el('span', { className: `tag c${colourIndex(s.entity_type)}`, dataset: { entity: s.entity_type } },
            el('span', { className: 'visually-hidden', text: '(' }),
            `${s.entity_type} ${formatScore(s.score)}`,
            el('span', { className: 'visually-hidden', text: ')' })));
        }
      }
    }
  }

  function renderPii(chars, pii) {
    $('pii-panel').hidden = pii.length === 0;
    if (pii.length === 0) { lastPii = null; return; }
    const all = [];
    for (const [name, result] of pii) {
      for (const e of validSpans(result.entities, chars.length)) all.push({ ...e, module: name });
    }
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    renderHighlights($('highlighted'), chars, all);

    const tbody = $('entities').querySelector('tbody');
    if (all.length === 0) {
      tbody.replaceChildren(el('tr', null, el('td', { colspan: 5, text: 'No PII found.' })));
    } else {
      tbody.replaceChildren(...all.map((e) => el('tr', { dataset: { entity: e.entity_type } },
        el('td', { text: e.entity_type }),
        el('td', null, el('code', { text: chars.slice(e.start, e.end).join('') })),
        el('td', { text: formatScore(e.score) }),
        el('td', { text: `${e.start}–${e.end}` }),
        el('td', { text: e.module }))));
    }

    // The preview uses the first PII module that serves Presidio's anonymize route.
    lastPii = null;
    for (const [name] of pii) {
      const m = modules.find((x) => x.name === name);
      const route = m && Array.isArray(m.routes) && m.routes.find((r) => r === `/${name}/anonymize`);
      if (route) {
        lastPii = { chars, route, entities: all.filter((e) => e.module === name) };
        break;
      }
    }
    $('anonymize-panel').hidden = !lastPii;
    if (lastPii) anonymize();
  }

  // ---------------------------------------------------------------- anonymized preview

  let anonymizeSeq = 0;

  function operatorConfig() {
    const type = $('operator').value;
    const config = { type };
    if (type === 'replace' && $('replace-value').value) config.new_value = $('replace-value').value;
    if (type === 'mask') {
      config.masking_char = $('mask-char').value || '*';
      config.chars_to_mask = Math.max(0, parseInt($('mask-count').value, 10) || 0);
      config.from_end = $('mask-from-end').checked;
    }
    if (type === 'hash') config.hash_type = $('hash-type').value;
    if (type === 'encrypt') config.key = $('encrypt-key').value;
    return config;
  }

  async function anonymize() {
    if (!lastPii) return;
    const seq = ++anonymizeSeq;
    const output = $('anonymized');
    const status = $('anonymize-status');
    const config = operatorConfig();
    if (config.type === 'encrypt' && ![16, 24, 32].includes(new TextEncoder().encode(config.key).length)) {
      output.textContent = '';
      return setStatus(status, 'Encrypt needs a key of 16, 24 or 32 bytes.', true);
    }
    const body = {
      text: lastPii.chars.join(''),
      analyzer_results: lastPii.entities.map(({ start, end, score, entity_type }) => ({ start, end, score, entity_type })),
      anonymizers: { DEFAULT: config },
    };
    try {
      const result = await api('POST', relative(lastPii.route), body);
      if (seq !== anonymizeSeq) return;
      output.textContent = result && typeof result.text === 'string' ? result.text : '';
      setStatus(status, '', false);
    } catch (e) {
      if (seq !== anonymizeSeq) return;
      output.textContent = '';
      setStatus(status, failure('Anonymization failed', e.message), true);
    }
  }

  function showOperatorParams() {
    const type = $('operator').value;
    for (const node of document.querySelectorAll('.op-param')) node.hidden = node.dataset.op !== type;
  }

  // ---------------------------------------------------------------- toxicity

  function scoreBars(scores, flagged) {
    const list = el('div', { className: 'bars' });
    for (const [label, score] of Object.entries(scores)) {
      const value = typeof score === 'number' && Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
      const isFlagged = flagged.has(label);
      const fill = el('span', { className: 'fill' });
      fill.style.width = `${(value * 100).toFixed(1)}%`;
      list.append(el('div', { className: isFlagged ? 'bar-row flagged' : 'bar-row', dataset: { label } },
        el('span', { className: 'bar-label', text: label }),
        el('span', {
          className: 'bar', role: 'meter', 'aria-label': label,
          'aria-valuemin': 0, 'aria-valuemax': 1, 'aria-valuenow': value.toFixed(2),
        }, fill),
        el('span', { className: 'bar-value', text: formatScore(score) + (isFlagged ? ' flagged' : '') })));
    }
    return list;
  }

  // Long text: one row per sentence, one small bar per label, so the toxic sentence stands out.
  function sentenceTable(chars, sentences, labels) {
    const head = el('tr', null, el('th', { scope: 'col', text: 'Sentence' }),
      ...labels.map((label) => el('th', { scope: 'col', text: label })));
    const body = el('tbody');
    for (const s of sentences) {
      const scores = (s && s.scores) || {};
      const flagged = new Set(Array.isArray(s.flagged) ? s.flagged : []);
      const cells = labels.map((label) => {
        const score = scores[label];
        const value = typeof score === 'number' && Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
        const fill = el('span', { className: 'fill' });
        fill.style.width = `${(value * 100).toFixed(1)}%`;
        return el('td', { className: flagged.has(label) ? 'flagged' : null },
          el('span', {
            className: 'bar mini', role: 'meter', 'aria-label': label,
            'aria-valuemin': 0, 'aria-valuemax': 1, 'aria-valuenow': value.toFixed(2),
          }, fill),
          el('span', { className: 'bar-value', text: formatScore(score) + (flagged.has(label) ? ' flagged' : '') }));
      });
      body.append(el('tr', null,
        el('td', { className: 'sentence', text: chars.slice(s.start, s.end).join('').trim() }), ...cells));
    }
    return el('div', { className: 'table-wrap' },
      el('table', { className: 'sentence-scores' },
        el('caption', { text: 'Scores per sentence' }), el('thead', null, head), body));
  }

  function renderToxicity(chars, toxicity) {
    $('toxicity-panel').hidden = toxicity.length === 0;
    const container = $('toxicity');
    container.replaceChildren();
    for (const [name, result] of toxicity) {
      const flagged = new Set(Array.isArray(result.flagged) ? result.flagged : []);
      const block = el('div', { className: 'toxicity-module', dataset: { module: name } },
        el('h4', { text: flagged.size ? `${name}: flagged ${[...flagged].join(', ')}` : `${name}: nothing flagged` }),
        scoreBars(result.scores, flagged));
      const sentences = Array.isArray(result.sentences) ? result.sentences : [];
      if (sentences.length > 1) block.append(sentenceTable(chars, sentences, Object.keys(result.scores)));
      container.append(block);
    }
  }

  // ---------------------------------------------------------------- wiring

  function start() {
    updateTokenButton();
    $('token-button').addEventListener('click', () => {
      askToken('Enter the admin token configured for this sentineld.');
    });
    $('analyze-form').addEventListener('submit', analyze);
    $('anonymize-form').addEventListener('submit', (e) => { e.preventDefault(); anonymize(); });
    $('analyze-text').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        $('analyze-form').requestSubmit();
      }
    });
    let debounce = 0;
    const later = () => { window.clearTimeout(debounce); debounce = window.setTimeout(anonymize, 250); };
    $('operator').addEventListener('change', () => { showOperatorParams(); anonymize(); });
    for (const id of ['replace-value', 'mask-char', 'mask-count', 'mask-from-end', 'hash-type', 'encrypt-key']) {
      $(id).addEventListener('input', later);
      $(id).addEventListener('change', later);
    }
    showOperatorParams();
    poll();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
