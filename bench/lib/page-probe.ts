/**
 * What the bench installs in the page before the renderer loads (as plain JS text, so no
 * bundler helper can leak into it):
 *
 * - a minimal React DevTools hook: production React calls `onCommitFiberRoot` after every
 *   commit, which gives commit times and the committed fiber tree without touching the app;
 * - a wrapper around the preload stand-in's invoke, stamping when an answer reaches the page.
 *
 * A poll (or history answer) is then timed from its arrival to the first commit after it and
 * the animation frame after that commit. Table rows are found in the committed tree by their
 * `data-droplet-id` host element; a row whose props object changed was rendered again.
 */

/** One timed answer, as the page reports it. */
export interface TimedAnswer {
  method: string;
  /**
   * ms, page clock: the answer arrived; its first commit ended; the frame after the last commit
   * of the burst it caused began.
   */
  t0: number;
  commit: number;
  paint: number;
  commits: number;
  input?: unknown;
  rows?: { visible: number; mounted: number; moved: number; rerendered: number; changed: number; unexplained: number };
}

export const PROBE_SCRIPT = String.raw`
(() => {
  const LATE_MS = 75000;
  // A commit this soon after a frame still belongs to the same answer's burst.
  const QUIET_MS = 60;
  const B = {
    armFor: null, pending: null, answers: [], dropped: 0,
    countRows: false, prevRows: new Map(), fleet: new Map(), prevJudge: 0, calls: {},
  };
  window.__bench = B;

  // Where the running code started: a commit run from a timer set before an answer arrived
  // (the clock's once-a-second tick, a batch of pushed status changes, and the timers those set
  // in turn, such as react-query's notify) was not caused by that answer, so it does not stretch
  // the answer's burst. React commits such updates in a microtask just after the timer's
  // callback, so the mark outlives the callback by two more.
  B.timerOrigin = null;
  const setTimeoutOf = window.setTimeout.bind(window);
  window.setTimeout = (fn, ms, ...args) => {
    if (typeof fn !== 'function') return setTimeoutOf(fn, ms, ...args);
    const origin = B.timerOrigin ?? performance.now();
    return setTimeoutOf(() => {
      B.timerOrigin = origin;
      try {
        fn(...args);
      } finally {
        queueMicrotask(() => queueMicrotask(() => { if (B.timerOrigin === origin) B.timerOrigin = null; }));
      }
    }, ms);
  };

  const shown = (d, judge) => {
    if (!d) return '';
    const late = d.status === 'active' && d.lastHeartbeat !== null && judge - Date.parse(d.lastHeartbeat) > LATE_MS;
    return [d.name, d.steward, late ? 'late' : d.status, d.endpoint, d.version, d.lastHeartbeat, d.capabilities.join('\u0001')].join('\u0002');
  };

  const rowsOf = (root) => {
    const rows = new Map();
    const stack = [root.current];
    while (stack.length) {
      const f = stack.pop();
      const p = f.memoizedProps;
      if (f.sibling) stack.push(f.sibling);
      if (typeof f.type === 'string' && p && p['data-droplet-id'] !== undefined) {
        rows.set(Number(p['data-droplet-id']), p);
        continue;
      }
      if (f.child) stack.push(f.child);
    }
    return rows;
  };

  const classify = (p, rows) => {
    let mounted = 0, moved = 0;
    const rerendered = [];
    for (const [id, props] of rows) {
      const prev = B.prevRows.get(id);
      if (!prev) mounted++;
      else if (prev !== props) {
        if (prev['aria-rowindex'] !== props['aria-rowindex'] || prev.className !== props.className || prev.tabIndex !== props.tabIndex) moved++;
        else rerendered.push(id);
      }
    }
    p.rowsRaw = { visible: rows.size, mounted, moved, rerendered };
  };

  // Which re-rendered rows had something new to show: done after the frame, outside the timing.
  const explain = (p) => {
    const raw = p.rowsRaw;
    delete p.rowsRaw;
    if (!raw) return;
    let changed = 0;
    if (p.hadFleet) {
      // Droplets the answer did not bring are as they were (unless a later answer moved them on).
      const before = (id) => (p.before.has(id) ? p.before.get(id) : B.fleet.get(id));
      const after = (id) => (p.after.has(id) ? p.after.get(id) : B.fleet.get(id));
      for (const id of raw.rerendered) if (shown(before(id), p.prevJudge) !== shown(after(id), p.judge)) changed++;
    }
    p.rows = { visible: raw.visible, mounted: raw.mounted, moved: raw.moved, rerendered: raw.rerendered.length, changed, unexplained: p.hadFleet ? raw.rerendered.length - changed : 0 };
    delete p.before;
    delete p.after;
  };

  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => undefined,
    onScheduleFiberRoot: () => undefined,
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onCommitFiberRoot: (_id, root) => {
      const t = performance.now();
      const rows = B.countRows ? rowsOf(root) : null;
      const p = B.pending;
      if (p && !p.commit) {
        // The answer's first commit: its rows are compared with the commit before it.
        p.commit = t;
        if (rows) classify(p, rows);
      }
      const unrelated = p && p.commit && p.commit !== t && B.timerOrigin !== null && B.timerOrigin < p.t0;
      if (p && !unrelated) {
        // Some components (the charts) finish in follow-up commits: the answer is painted in
        // the first frame after the last commit of the burst it started.
        p.lastCommit = t;
        p.commits = (p.commits || 0) + 1;
        const frame = (p.frame = (p.frame || 0) + 1);
        requestAnimationFrame(() => {
          if (p.frame !== frame) return;
          p.paint = performance.now();
          setTimeout(() => {
            if (p.frame !== frame || B.pending !== p) return;
            B.pending = null;
            B.answers.push(p);
            explain(p);
          }, QUIET_MS);
        });
      }
      if (rows) B.prevRows = rows;
    },
  };

  const install = (orig) => {
    const wrapped = async (method, input) => {
      B.calls[method] = (B.calls[method] || 0) + 1;
      const r = await orig(method, input);
      if (r && r.ok && method === 'listDroplets') {
        // The probe's own copy of the fleet, moved on by the answer (a whole list or a delta);
        // done before the answer is stamped as arrived, so it is not timed.
        const v = r.value;
        const before = new Map();
        const after = new Map();
        const hadFleet = B.fleet.size > 0;
        if (v.base === null) {
          for (const [id, d] of B.fleet) before.set(id, d);
          B.fleet = new Map();
        }
        for (const d of v.droplets) {
          if (!before.has(d.id)) before.set(d.id, B.fleet.get(d.id));
          after.set(d.id, d);
          B.fleet.set(d.id, d);
        }
        for (const patch of v.patches) {
          const was = B.fleet.get(patch.id);
          if (!before.has(patch.id)) before.set(patch.id, was);
          const d = { ...was, ...patch };
          after.set(patch.id, d);
          B.fleet.set(patch.id, d);
        }
        for (const id of v.removed) {
          if (!before.has(id)) before.set(id, B.fleet.get(id));
          after.set(id, undefined);
          B.fleet.delete(id);
        }
        const p = { method, t0: performance.now(), commit: 0, paint: 0, before, after, hadFleet, prevJudge: B.prevJudge, judge: Date.now() };
        B.prevJudge = p.judge;
        if (B.armFor === method && !B.pending) B.pending = p;
      } else if (r && r.ok && method === B.armFor && !B.pending) {
        B.pending = { method, t0: performance.now(), commit: 0, paint: 0, input };
      }
      // An answer equal to what is shown commits nothing: forget it rather than time something else.
      const mine = B.pending;
      if (mine) setTimeout(() => { if (B.pending === mine && !mine.commit) { B.pending = null; B.dropped++; } }, 1000);
      return r;
    };
    return wrapped;
  };
  let current = window.__stewardInvoke ? install(window.__stewardInvoke) : undefined;
  Object.defineProperty(window, '__stewardInvoke', {
    configurable: true,
    get: () => current,
    set: (fn) => { current = install(fn); },
  });

  // Programmatic scrolling of the fleet table: the gaps between animation frames meanwhile.
  B.scroll = (ms, px) => new Promise((resolve) => {
    const el = document.querySelector('.fleet-scroll');
    const gaps = [];
    let last = 0, dir = 1;
    const end = performance.now() + ms;
    const step = (t) => {
      if (last) gaps.push(t - last);
      last = t;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - px) dir = -1;
      else if (el.scrollTop <= 0) dir = 1;
      el.scrollTop += dir * px;
      if (t < end) requestAnimationFrame(step);
      else resolve({ gaps, rows: document.querySelectorAll('[data-droplet-id]').length });
    };
    requestAnimationFrame(step);
  });

  // Clicks an element and answers the click time and the frame after the last change to the
  // charts (page clock), once the four lines are drawn anew and the charts have been still for
  // a while. Only the charts' own DOM counts, so the table's ticking clock does not.
  B.clickUntilCharts = (selector, text) => new Promise((resolve, reject) => {
    const lines = () => [...document.querySelectorAll('.st-chart .recharts-line-curve')].map((p) => p.getAttribute('d'));
    const before = lines().join('|');
    const el = [...document.querySelectorAll(selector)].find((e) => text === undefined || e.textContent.trim() === text);
    if (!el) return reject(new Error('nothing to click: ' + selector + ' ' + (text || '')));
    let changedAt = 0, paintedAt = 0;
    const observer = new MutationObserver((records) => {
      if (!records.some((r) => (r.target.nodeType === 1 ? r.target : r.target.parentElement)?.closest('.st-charts'))) return;
      const t = (changedAt = performance.now());
      requestAnimationFrame(() => { if (changedAt === t) paintedAt = performance.now(); });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const clickedAt = performance.now();
    const deadline = clickedAt + 15000;
    const historyCalls = (B.calls.getHistory || 0) + (B.calls.getChartHistory || 0);
    el.click();
    const check = () => {
      const now = performance.now();
      const drawn = lines();
      if (drawn.length >= 4 && drawn.every((d) => d) && drawn.join('|') !== before && paintedAt > changedAt && now - changedAt > 200) {
        observer.disconnect();
        resolve({ clickedAt, paintedAt, historyCalls: (B.calls.getHistory || 0) + (B.calls.getChartHistory || 0) - historyCalls });
      } else if (now > deadline) {
        observer.disconnect();
        reject(new Error('the charts did not settle'));
      } else setTimeout(check, 20);
    };
    check();
  });
})();
`;
