// The console's page: draws each panel from the snapshots the console streams
// (/api/events, server-sent events). Every value from a service is set as text, never as
// markup: a cache key is whatever a client chose.
'use strict';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function token(value) {
  return (value === null || value === undefined) ? '–' : String(value);
}

function number(value, digits = 0) {
  return (value === null || value === undefined) ? '–'
    : Number(value).toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function table(caption, headers, rows, testId) {
  return el('table', { 'data-testid': testId },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', class: h.num ? 'num' : null }, h.label || h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c, i) =>
      el('td', { class: headers[i] && headers[i].num ? 'num' : null }, c))))));
}

function facts(items) {
  return el('ul', { class: 'facts' }, items.map(([label, value, testId]) =>
    el('li', {}, `${label}: `, el('b', { 'data-testid': testId }, value))));
}

function problem(text) {
  return el('p', { class: 'problem' }, `Not readable: ${text}`);
}

function state(text, good) {
  return el('span', { class: good ? 'up' : 'down' }, text);
}

function colourOf(names) {
  const colours = new Map();
  names.forEach((name, i) => colours.set(name, COLOURS[i % COLOURS.length]));
  return colours;
}

function arcPath(from, to, outer, inner) {
  const point = (fraction, radius) => {
    const angle = 2 * Math.PI * fraction - Math.PI / 2;
    return [100 + radius * Math.cos(angle), 100 + radius * Math.sin(angle)];
  };
  const large = (to - from) > 0.5 ? 1 : 0;
  const [x1, y1] = point(from, outer);
  const [x2, y2] = point(to, outer);
  const [x3, y3] = point(to, inner);
  const [x4, y4] = point(from, inner);
  return `M${x1} ${y1} A${outer} ${outer} 0 ${large} 1 ${x2} ${y2} L${x3} ${y3} A${inner} ${inner} 0 ${large} 0 ${x4} ${y4} Z`;
}

function ringDrawing(arcs, colours) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 200 200');
  svg.setAttribute('role', 'img');
  svg.setAttribute('data-testid', 'cache-ring');
  const shares = new Map();
  for (const arc of arcs) shares.set(arc.owner, (shares.get(arc.owner) || 0) + (arc.to - arc.from));
  svg.setAttribute('aria-label', 'The hash ring: ' + [...shares].map(([s, f]) => `${s} ${Math.round(f * 100)}%`).join(', '));
  for (const arc of arcs) {
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', arcPath(arc.from, arc.to, 95, 60));
    path.setAttribute('fill', colours.get(arc.owner) || '#999');
    svg.append(path);
    if (arc.previous) {
      const moving = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      moving.setAttribute('d', arcPath(arc.from, arc.to, 56, 44));
      moving.setAttribute('fill', colours.get(arc.previous) || '#999');
      moving.setAttribute('data-moving', 'true');
      svg.append(moving);
    }
  }
  return { svg, shares };
}

const panels = {
  cache(p) {
    if (p.problem) return [problem(p.problem)];
    const names = p.shards.map((s) => s.name);
    const colours = colourOf(names);
    const { svg, shares } = ringDrawing(p.ring, colours);
    const legend = el('ul', { class: 'legend' }, p.shards.map((s) => el('li', {},
      el('span', { class: 'swatch', style: `background:${colours.get(s.name)}` }), s.name,
      s.inRing ? ` — ${Math.round((shares.get(s.name) || 0) * 100)}% of the ring` : ' — not in the ring')));
    const moving = p.migration
      ? el('p', { 'data-testid': 'cache-migration' }, el('span', { class: 'warn' }, 'Migration under way: '),
          `${p.migration.direction} ${p.migration.shard} (migration ${p.migration.id}, driven by ${p.migration.driver}); `
          + 'the inner ring shows where moving keys lived before.')
      : el('p', { 'data-testid': 'cache-migration' }, 'No migration under way.');
    const hits = p.hits || {};
    return [
      facts([['Shard-map epoch', number(p.epoch), 'cache-epoch'], ['Shards', number(p.shards.length), 'cache-shard-count'],
        ['Hits', number(hits.hit), 'cache-hits'], ['Misses', number(hits.miss), 'cache-misses'],
        ['Near-cache hits', number(p.nearHits), 'cache-near-hits']]),
      el('div', { class: 'ring' }, svg, el('div', {}, legend,
        el('p', { class: 'source' }, 'Each shard owns thousands of small arcs (8,192 virtual nodes each), '
          + 'so the colours interleave; the shares are what counts.'))),
      moving,
      table('Shards', ['Shard', { label: 'Keys', num: true }, 'Servers (role, breaker)'], p.shards.map((s) => [
        s.name, number(s.keys),
        s.nodes.map((n) => `${n.role} ${n.address} ${n.breaker}`).join('; ')]), 'cache-shards'),
      table('Hot keys', ['Key', { label: 'Estimated reads', num: true }],
        p.hotKeys.map((k) => [k.key, number(k.estimatedReads)]), 'cache-hot-keys'),
    ];
  },
  search(p) {
    const withSwitches = p.leaves.some((l) => l.switches.length);
    const headers = ['Leaf', 'Shard', { label: 'Documents', num: true }, 'State'];
    if (withSwitches) headers.push('Faults');
    const leaves = table('Leaves', headers, p.leaves.map((l, i) => {
      const row = [l.address, l.problem ? '–' : l.shard, number(l.documents),
        l.problem ? state(l.problem, false) : state('answering', true)];
      if (withSwitches) row.push(l.switches.map((s) => faultButton(`leaf-${i}`, s)));
      return row;
    }), 'search-leaves');
    const effects = withSwitches ? el('details', {}, el('summary', {}, 'What each fault switch does'),
      el('ul', {}, (p.leaves.find((l) => l.switches.length) || { switches: [] }).switches
        .map((s) => el('li', {}, el('b', {}, s.name), `: ${s.effect}`)))) : null;
    const a = p.probe;
    const answer = !a ? null : el('p', { 'data-testid': 'search-probe' }, `The console's query "${a.query}" now: `,
      a.problem ? state(a.problem, false)
        : (a.partial ? state(`partial, shard ${a.missingShards.join(', ')} missing`, false) : state('complete', true)),
      a.problem ? '' : `, ${number(a.totalHits)} hits in ${number(a.tookMs)} ms`);
    if (p.problem) return [answer, leaves, effects, problem(`the root's metrics: ${p.problem}`)];
    return [
      facts([['Partial answers', number(p.partial), 'search-partial'], ['Unanswerable queries', number(p.unavailable), 'search-unavailable']]),
      answer,
      leaves,
      effects,
      table("The root's view of each shard", ['Shard', { label: 'Requests', num: true }, { label: 'Errors', num: true },
        { label: 'Hedges sent', num: true }, { label: 'Hedges won', num: true }, { label: 'p95 ms, last second', num: true }],
        Object.entries(p.shards).map(([shard, s]) => [shard, number(s.requests), number(s.errors),
          number(s.hedgesSent), number(s.hedgesWon), number(s.p95Millis, 1)]), 'search-shards'),
    ];
  },
  gateway(p) {
    if (p.problem) return [problem(p.problem)];
    const outcomes = (m) => Object.entries(m || {}).filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${number(v)}`).join(', ') || '–';
    return [
      table('Routes', ['Route', { label: 'Requests', num: true }, { label: 'Per second', num: true },
        'Rate limiter', 'Response cache', 'Breaker'], Object.entries(p.routes).map(([route, r]) => [
        route, number(r.requests), number(r.perSecond, 1), outcomes(r.limiter), outcomes(r.cache),
        r.breaker ? state(r.breaker, r.breaker === 'closed' || r.breaker === 'CLOSED') : '–']), 'gateway-routes'),
      el('p', { 'data-testid': 'gateway-split' }, 'Experiment split: ', outcomes(p.split)),
    ];
  },
  election(p) {
    const withSwitches = p.replicas.some((r) => r.switches.length);
    const lease = el('div', { class: 'lease', role: 'meter', 'aria-label': 'What is left of the lease',
      'aria-valuemin': 0, 'aria-valuemax': 3000, 'aria-valuenow': p.leaseLeftMillis },
    el('span', { style: `width:${Math.min(100, p.leaseLeftMillis / 30)}%` }));
    return [
      facts([['Leader', p.leader || 'none', 'election-leader'], ['Fencing token', token(p.token), 'election-token'],
        ['Lease left', `${number(p.leaseLeftMillis)} ms`, 'election-lease'],
        ['Ledger writes accepted', number(p.accepted), 'election-accepted'],
        ['Stale writes refused', number(p.rejected), 'election-rejected']]),
      lease,
      table('Replicas', ['Replica', 'Acting', { label: 'Token', num: true }].concat(withSwitches ? ['Faults'] : []),
        p.replicas.map((r, i) => [
          r.id || r.address, r.problem ? state(r.problem, false) : (r.acting ? state('leader', true) : 'follower'),
          token(r.token)].concat(withSwitches ? [r.switches.map((s) => faultButton(`election-${i}`, s))] : [])),
        'election-replicas'),
      withSwitches ? el('details', {}, el('summary', {}, 'What the fault switch does'),
        el('ul', {}, (p.replicas.find((r) => r.switches.length) || { switches: [] }).switches
          .map((s) => el('li', {}, el('b', {}, s.name), `: ${s.effect}`)))) : null,
      table("The ledger's last entries", ['Owner', { label: 'Token', num: true }, { label: 'Tick', num: true }, 'At'],
        p.ledger.map((e) => [e.owner, token(e.token), number(e.tick), e.at]), 'election-ledger'),
      el('p', { 'data-testid': 'election-owners' }, 'Shards owned: ',
        Object.entries(p.owners).map(([o, n]) => `${o} ${n}`).join(', ') || '–'),
    ];
  },
  pipeline(p) {
    return [
      table('Instances', ['Instance', 'Readiness'], p.instances.map((i) => [i.address,
        i.problem ? state(i.problem, false) : state(i.status, i.status === 'UP')]), 'pipeline-instances'),
      table('Stages', ['Stage', { label: 'Handled', num: true }, { label: 'Failed', num: true }],
        Object.entries(p.stages).map(([stage, o]) => [stage, number(o.success || 0), number(o.failure || 0)]),
        'pipeline-stages'),
      el('p', { 'data-testid': 'pipeline-dead-letters' }, 'Dead letters: ',
        Object.entries(p.deadLetters).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${number(n)}`).join(', ') || 'none'),
    ];
  },
};

// A fault switch of a service, as a toggle: pressed while the fault is on. The service
// says whether it is on; the next reading shows what it did.
function faultButton(target, fault) {
  const button = el('button', { type: 'button', 'aria-pressed': String(fault.on), title: fault.effect,
    'data-fault': `${target}/${fault.name}` }, fault.on ? `${fault.name}: on` : fault.name);
  button.addEventListener('click', async () => {
    button.disabled = true;
    const answer = await fetch(`api/faults/${target}/${fault.name}`, { method: 'PUT',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ on: !fault.on }) });
    document.getElementById('status').textContent = answer.ok
      ? `${target}: ${fault.name} ${fault.on ? 'off' : 'on'}. ${fault.on ? '' : fault.effect}`
      : `${target}: ${fault.name} refused (${answer.status})`;
  });
  return button;
}

function linkSources(base) {
  for (const link of document.querySelectorAll('a[data-source]')) {
    const path = link.getAttribute('data-source');
    if (base) link.href = base + path;
    else link.replaceWith(el('code', { title: path }, link.textContent));
  }
}

let sourcesLinked = false;

function show(snapshot) {
  if (!sourcesLinked) {
    linkSources(snapshot.sourceBase);
    sourcesLinked = true;
  }
  for (const [name, draw] of Object.entries(panels)) {
    const body = document.querySelector(`#${name} [data-body]`);
    body.replaceChildren(...draw(snapshot[name]));
    body.closest('.panel').dataset.updated = snapshot.at;
  }
  const late = snapshot.late.length ? ` (slow to answer: ${snapshot.late.join(', ')})` : '';
  document.getElementById('status').textContent = `Live: read at ${new Date(snapshot.at).toLocaleTimeString()}${late}`;
}

const events = new EventSource('api/events');
events.addEventListener('snapshot', (event) => show(JSON.parse(event.data)));
events.onerror = () => {
  document.getElementById('status').textContent = 'The console is unreachable; reconnecting…';
};
