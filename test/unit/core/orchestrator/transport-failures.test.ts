/**
 * What the transport tells the steward when an exchange fails before or around an answer, and
 * what it sends: each network, DNS, TLS and timeout failure in its own words, the redirect it
 * refuses to follow, the size cap at its exact edge, and the headers a request carries.
 */
import { describe, expect, it } from 'vitest';
import { CommsLog } from '../../../../core/orchestrator/comms-log';
import { OrchestratorError } from '../../../../core/orchestrator/errors';
import { createTransport, type ExchangeRequest } from '../../../../core/orchestrator/transport';

const BASE = 'http://orch.example:8000';
const GET: ExchangeRequest = { method: 'GET', path: '/droplets', traceId: 'trace-1', dropletId: null };

function setup(fetch: typeof globalThis.fetch, over: { timeoutMs?: number; maxResponseBytes?: number } = {}) {
  const commsLog = new CommsLog();
  const t = createTransport({ baseUrl: BASE, timeoutMs: over.timeoutMs ?? 2_500, maxResponseBytes: over.maxResponseBytes ?? 1_000, commsLog, fetch });
  return { t, commsLog };
}

async function failure(fetch: typeof globalThis.fetch, over: { timeoutMs?: number; maxResponseBytes?: number } = {}, req: ExchangeRequest = GET) {
  const { t, commsLog } = setup(fetch, over);
  const e = await t.send(req).then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof OrchestratorError)) throw new Error(`expected an OrchestratorError, got ${String(e)}`);
  return { e, logged: commsLog.entries()[0]! };
}

/** fetch failing the way undici does: a TypeError whose cause carries the code. */
const failingWith =
  (code: string, message = `connect ${code}`): typeof fetch =>
  async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
  };

describe('transport: failures before an answer, in plain words', () => {
  const network: [string, string][] = [
    ['ECONNREFUSED', 'connection refused'],
    ['ECONNRESET', 'the connection was reset'],
    ['UND_ERR_SOCKET', 'the connection was closed before the answer was complete'],
    ['EPIPE', 'the connection was closed while sending'],
    ['EHOSTUNREACH', 'the host is unreachable'],
    ['ENETUNREACH', 'the network is unreachable'],
    ['EADDRNOTAVAIL', 'the address is not available'],
  ];
  for (const [code, reason] of network) {
    it(`${code}: "${reason}", with the code in the log`, async () => {
      const { e, logged } = await failure(failingWith(code));
      expect(e.kind).toBe('network');
      expect(e.message).toBe(`Could not reach the Orchestrator at orch.example:8000: ${reason}.`);
      expect(e.hint).toBe('Check the Orchestrator URL in the profile and that the Orchestrator is running.');
      expect(e.status).toBeNull();
      expect(logged.error).toBe(`${reason} (${code})`);
    });
  }

  for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']) {
    it(`${code}: the host name could not be found, and the hint says where to look`, async () => {
      const { e, logged } = await failure(failingWith(code));
      expect(e.message).toBe('Could not reach the Orchestrator at orch.example:8000: the name "orch.example" could not be found (DNS).');
      expect(e.hint).toBe("Check the host name in the Orchestrator URL and this computer's network connection.");
      expect(logged.error).toBe(`the name "orch.example" could not be found (DNS) (${code})`);
    });
  }

  it('an untrusted certificate is named as such, with its code', async () => {
    const { e, logged } = await failure(failingWith('DEPTH_ZERO_SELF_SIGNED_CERT'));
    expect(e.message).toBe('Could not reach the Orchestrator at orch.example:8000: its TLS certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT).');
    expect(e.hint).toBe("The Orchestrator's HTTPS certificate could not be verified; check the URL, or the certificate with its operator.");
    expect(logged.error).toBe('its TLS certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)');
    const ssl = await failure(failingWith('ERR_SSL_WRONG_VERSION_NUMBER'));
    expect(ssl.e.message).toContain('its TLS certificate is not trusted (ERR_SSL_WRONG_VERSION_NUMBER)');
  });

  it('an unknown code keeps the cause’s own words and its code; no code keeps the words alone', async () => {
    const coded = await failure(failingWith('EWEIRD', 'something odd'));
    expect(coded.e.message).toBe('Could not reach the Orchestrator at orch.example:8000: something odd (EWEIRD).');
    expect(coded.logged.error).toBe('something odd (EWEIRD)');
    const plain = await failure(async () => {
      throw new Error('no route at all');
    });
    expect(plain.e.message).toBe('Could not reach the Orchestrator at orch.example:8000: no route at all.');
    expect(plain.logged.error).toBe('no route at all');
    const thrownString = await failure(async () => {
      throw 'bare words';
    });
    expect(thrownString.e.message).toBe('Could not reach the Orchestrator at orch.example:8000: bare words.');
  });

  it('a fetch that throws nothing at all (null, undefined) is still a network failure in words, not a crash', async () => {
    for (const thrown of [null, undefined]) {
      const { e, logged } = await failure(async () => {
        throw thrown;
      });
      expect(e.kind).toBe('network');
      expect(e.message).toMatch(/^Could not reach the Orchestrator at orch\.example:8000: .+\.$/);
      expect(logged.error).not.toBe('');
    }
  });

  it('an AbortError or TimeoutError thrown as a plain object is still a timeout', async () => {
    for (const name of ['TimeoutError', 'AbortError']) {
      const { e } = await failure(async () => {
        throw { name };
      });
      expect(e.kind).toBe('timeout');
    }
  });

  for (const code of ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']) {
    it(`${code} is a timeout, in seconds past one second`, async () => {
      const { e, logged } = await failure(failingWith(code), { timeoutMs: 2_500 });
      expect(e.kind).toBe('timeout');
      expect(e.message).toBe('The Orchestrator at orch.example:8000 did not answer within 2.5 s.');
      expect(e.hint).toBe('It may be overloaded, or the network slow. Try again; the timeout can be raised in the profile.');
      expect(logged.error).toBe('timeout after 2500 ms');
    });
  }

  it('an aborted or timed-out fetch is a timeout; one second exactly reads "1 s", less reads in ms', async () => {
    const named = (name: string): typeof fetch => async () => {
      throw Object.assign(new Error('gave up'), { name });
    };
    expect((await failure(named('TimeoutError'), { timeoutMs: 1_000 })).e.message).toBe('The Orchestrator at orch.example:8000 did not answer within 1 s.');
    expect((await failure(named('AbortError'), { timeoutMs: 999 })).e.message).toBe('The Orchestrator at orch.example:8000 did not answer within 999 ms.');
    expect((await failure(named('Error'), { timeoutMs: 999 })).e.kind).toBe('network');
  });
});

describe('transport: an answer that breaks off', () => {
  /** Headers arrive, then the body stream fails with `error`. */
  const breaksOff =
    (error: Error): typeof fetch =>
    async () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            controller.error(error);
          },
        }),
        { status: 200 },
      );

  it('a reset mid-answer says the answer broke off, with its status and a hint about what lies between', async () => {
    const { e, logged } = await failure(breaksOff(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
    expect(e.kind).toBe('network');
    expect(e.status).toBe(200);
    expect(e.message).toBe('The Orchestrator at orch.example:8000 began answering, but the answer broke off: the connection was reset.');
    expect(e.hint).toBe('The Orchestrator, or something between it and this computer (a proxy, a VPN), dropped the connection. Try again; this is usually passing.');
    expect(logged).toMatchObject({ status: 200, error: 'the connection was reset (ECONNRESET)' });
  });

  it('a body slower than the deadline says the answer began but did not finish', async () => {
    const { e } = await failure(breaksOff(Object.assign(new Error('slow'), { name: 'TimeoutError' })), { timeoutMs: 400 });
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('The Orchestrator at orch.example:8000 began answering but did not finish within 400 ms.');
  });
});

describe('transport: redirects are named, never followed', () => {
  const redirect =
    (status: number, location: string | null): typeof fetch =>
    async () =>
      new Response(null, { status, headers: location === null ? {} : { location } });

  it('names the absolute target of a relative Location, for every 3xx', async () => {
    for (const status of [300, 301, 308, 399]) {
      const { e, logged } = await failure(redirect(status, '/v2/droplets'));
      expect(e.kind).toBe('malformed');
      expect(e.status).toBe(status);
      expect(e.message).toBe(`The Orchestrator answered with a redirect (${status}) to "http://orch.example:8000/v2/droplets"; Steward does not follow redirects, so nothing was sent there.`);
      expect(e.hint).toMatch(/^If that is where the Orchestrator now lives, put that address in the profile/);
      expect(logged.error).toBe(`redirect (${status}) to "http://orch.example:8000/v2/droplets"; not followed`);
    }
  });

  it('says when the Location header is missing or blank', async () => {
    for (const location of [null, '  ']) {
      const { e } = await failure(redirect(302, location));
      expect(e.message).toContain('redirect (302) to no address (its Location header is missing);');
    }
  });

  it('redacts the token a redirect target quotes back', async () => {
    const token = 'opaque-token-123456';
    const { e } = await failure(redirect(307, `https://elsewhere.example/in?sid=${token}`), {}, { ...GET, token });
    expect(e.message).toContain('"https://elsewhere.example/in?sid=<redacted>"');
    expect(e.message).not.toContain(token);
  });

  it('a 2xx and a 4xx are answers, not redirects', async () => {
    for (const status of [299, 400]) {
      const { t } = setup(redirect(status, 'https://elsewhere.example/'));
      await expect(t.send(GET)).resolves.toMatchObject({ status });
    }
  });
});

describe('transport: the size cap at its edge', () => {
  const chunks =
    (...sizes: number[]): typeof fetch =>
    async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            for (const n of sizes) controller.enqueue(new Uint8Array(n).fill(0x61));
            controller.close();
          },
        }),
        { status: 200 },
      );

  it('takes an answer of exactly the cap, in chunks', async () => {
    const { t } = setup(chunks(600, 400), { maxResponseBytes: 1_000 });
    expect((await t.send(GET)).text).toBe('a'.repeat(1_000));
  });

  it('refuses one byte more, naming the cap', async () => {
    const { e, logged } = await failure(chunks(600, 401), { maxResponseBytes: 1_000 });
    expect(e.message).toBe("The Orchestrator's answer was larger than 1000 bytes, so Steward stopped reading it.");
    expect(e.hint).toBe("An answer that large is not one the Orchestrator should send; check the URL points at the Orchestrator.");
    expect(logged.error).toBe('answer larger than 1000 bytes; stopped reading');
  });

  it('refuses a declared Content-Length past the cap without reading, and takes one at the cap', async () => {
    let pulled = false;
    const declared =
      (length: number): typeof fetch =>
      async () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              pulled = true;
              controller.enqueue(new Uint8Array(10));
              controller.close();
            },
          }, { highWaterMark: 0 }),
          { status: 200, headers: { 'content-length': String(length) } },
        );
    const { e } = await failure(declared(1_001), { maxResponseBytes: 1_000 });
    expect(e.kind).toBe('malformed');
    expect(pulled).toBe(false);
    const { t } = setup(declared(1_000), { maxResponseBytes: 1_000 });
    expect((await t.send(GET)).text).toHaveLength(10);
  });

  it('reads a body-less answer as empty text', async () => {
    const { t } = setup(async () => new Response(null, { status: 204 }));
    await expect(t.send(GET)).resolves.toMatchObject({ status: 204, text: '' });
  });

  it('hands a raw request’s 2xx answer over as bytes, and anything else as text', async () => {
    const answer = (status: number): typeof fetch => async () => new Response('{"a":1}', { status });
    for (const status of [200, 299]) {
      const r = await setup(answer(status)).t.send({ ...GET, raw: true });
      expect([r.text, new TextDecoder().decode(r.bytes)]).toEqual(['', '{"a":1}']);
    }
    for (const status of [400, 503]) {
      const r = await setup(answer(status)).t.send({ ...GET, raw: true });
      expect([r.text, r.bytes]).toEqual(['{"a":1}', undefined]);
    }
  });
});

describe('transport: what a request carries and what an answer reports', () => {
  function capturing(response: () => Response = () => new Response('{}', { status: 200 })) {
    const seen: { url: string; init: RequestInit }[] = [];
    const fetch: typeof globalThis.fetch = async (url, init) => {
      seen.push({ url: String(url), init: init ?? {} });
      return response();
    };
    return { seen, fetch };
  }

  it('a GET without token or trace carries Accept alone and no body', async () => {
    const { seen, fetch } = capturing();
    await setup(fetch).t.send({ method: 'GET', path: '/health', traceId: null, dropletId: null, token: null });
    expect(seen[0]!.url).toBe('http://orch.example:8000/health');
    expect(seen[0]!.init.headers).toEqual({ Accept: 'application/json' });
    expect(seen[0]!.init.body).toBeUndefined();
    expect(seen[0]!.init.redirect).toBe('manual');
  });

  it('a POST carries its JSON body, Content-Type, the Bearer token and the trace id', async () => {
    const { seen, fetch } = capturing();
    const r = await setup(fetch).t.send({ method: 'POST', path: '/droplets/1/heartbeat', body: { id: 1 }, token: 'tok', traceId: 'tr', dropletId: 1 });
    expect(seen[0]!.init).toMatchObject({ method: 'POST', body: '{"id":1}' });
    expect(seen[0]!.init.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer tok', 'Content-Type': 'application/json', 'X-Trace-ID': 'tr' });
    expect(r).toMatchObject({ traceId: 'tr', sentToken: 'tok' });
  });

  it('reports the server’s Date header and when the answer arrived; an unreadable or missing Date is null', async () => {
    const date = 'Sun, 06 Dec 2026 05:00:00 GMT';
    let clock = 1_000;
    const now = () => (clock += 500);
    const t = createTransport({ baseUrl: BASE, timeoutMs: 1_000, maxResponseBytes: 1_000, now, fetch: async () => new Response('{}', { headers: { date } }) });
    const r = await t.send(GET);
    expect(r.serverDate).toBe(Date.parse(date));
    expect(r.receivedAt).toBe(2_000);
    for (const headers of [{ date: 'not a date' }, {}] as Record<string, string>[]) {
      const other = createTransport({ baseUrl: BASE, timeoutMs: 1_000, maxResponseBytes: 1_000, fetch: async () => new Response('{}', { headers }) });
      expect((await other.send(GET)).serverDate).toBeNull();
    }
  });
});

describe('transport: base URLs and odd failures', () => {
  it('takes an https URL and joins paths without doubled slashes', async () => {
    const seen: string[] = [];
    const t = createTransport({ baseUrl: 'https://orch.example/api//', timeoutMs: 1_000, maxResponseBytes: 1_000, fetch: async (url) => (seen.push(String(url)), new Response('{}')) });
    await t.send(GET);
    expect(seen).toEqual(['https://orch.example/api/droplets']);
  });

  it('a thrown plain object named like a timeout is a timeout; a thrown null is a network failure', async () => {
    expect((await failure(async () => Promise.reject({ name: 'TimeoutError' }))).e.kind).toBe('timeout');
    expect((await failure(async () => Promise.reject(null))).e.kind).toBe('network');
  });

  it('logs how long the exchange took, not more', async () => {
    const { t, commsLog } = setup(async () => new Response('{}'));
    await t.send(GET);
    const latency = commsLog.entries()[0]!.latencyMs;
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThan(performance.now());
  });
});
