/**
 * The fault matrix, part 1: an Orchestrator that answers badly. A real sandbox sits behind a
 * front that misbehaves on cue; each case polls as the fleet view does, checks the one error
 * the steward would read, then lets the server recover and checks the next poll succeeds.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorKind, IpcError } from '../../../../shared/ipc-contract';
import { answer, failure, FLEET, settle, snapshot, startRig, text, TIMEOUT_MS, watchForCrashes, type Misbehaviour, type Rig } from '../../../support/fault-front';

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n';
const PORTAL = '<!DOCTYPE html><html><head><title>Sign in to Guest Wi-Fi</title></head><body><form>…</form></body></html>';
const LIST_START = '{"trace_id":"t","source":10,"target":42,"message_type":"response","payload":{"droplets":[{"id":100,"name":"web-1","status":"active","capabilities":[]},';

/** Headers now, then one byte every 50 ms: each arrives in time, the whole never does. */
const trickle: Misbehaviour = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  let i = 0;
  const timer = setInterval(() => res.write(LIST_START[i++ % LIST_START.length]!), 50);
  res.on('close', () => clearInterval(timer));
};

/** Headers and part of the body, then a TCP reset. */
const resetMidBody: Misbehaviour = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': 5_000 });
  res.write(LIST_START);
  setTimeout(() => res.socket?.resetAndDestroy(), 20);
};

/** 11 MB of JSON-ish bytes, streamed without a Content-Length (the cap must count as it reads). */
const oversizedChunked: Misbehaviour = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(1 << 20, 0x20);
  let sent = 0;
  const pump = (): void => {
    while (sent < 11) {
      sent++;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.on('error', () => undefined);
  pump();
};

/** The same 11 MB announced by Content-Length: refused before reading. */
const oversizedDeclared: Misbehaviour = (_req, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': 11 << 20 });
  res.on('error', () => undefined);
  res.end(Buffer.alloc(11 << 20, 0x20));
};

interface Case {
  name: string;
  fault: Misbehaviour;
  kind: ErrorKind;
  status: number | null;
  message: string | RegExp;
  hint: RegExp;
}

const cases: Case[] = [
  {
    name: 'no answer within the timeout',
    fault: () => undefined,
    kind: 'timeout',
    status: null,
    message: new RegExp(`^The Orchestrator at 127\\.0\\.0\\.1:\\d+ did not answer within ${TIMEOUT_MS / 1000} s\\.$`),
    hint: /overloaded.*timeout can be raised/,
  },
  {
    name: 'a body that trickles in slower than the timeout',
    fault: trickle,
    kind: 'timeout',
    status: 200,
    message: new RegExp(`began answering but did not finish within ${TIMEOUT_MS / 1000} s\\.$`),
    hint: /overloaded/,
  },
  {
    name: 'the connection reset mid-body',
    fault: resetMidBody,
    kind: 'network',
    status: 200,
    message: /^The Orchestrator at 127\.0\.0\.1:\d+ began answering, but the answer broke off: the connection was (reset|closed before the answer was complete)\.$/,
    hint: /dropped the connection/,
  },
  {
    name: '500 Internal Server Error',
    fault: answer(500, { detail: 'Internal Server Error' }),
    kind: 'server',
    status: 500,
    message: 'The Orchestrator failed while handling the fleet list (500: Internal Server Error).',
    hint: /fault on the Orchestrator's side.*trace id/,
  },
  {
    name: "502 Bad Gateway as a proxy's HTML page",
    fault: text(502, 'text/html', NGINX_502),
    kind: 'server',
    status: 502,
    message: 'The Orchestrator failed while handling the fleet list (502: an HTML page, "502 Bad Gateway", not the Orchestrator\'s JSON).',
    hint: /restarting, or a proxy in front of it cannot reach it/,
  },
  {
    name: '503 Service Unavailable',
    fault: answer(503, { detail: 'Service Unavailable' }, { 'retry-after': '5' }),
    kind: 'server',
    status: 503,
    message: 'The Orchestrator failed while handling the fleet list (503: Service Unavailable).',
    hint: /restarting/,
  },
  {
    name: '401 Unauthorized',
    fault: answer(401, { detail: 'Could not validate credentials' }, { 'www-authenticate': 'Bearer' }),
    kind: 'auth',
    status: 401,
    message: 'The Orchestrator refused the token: its signature does not match a key it trusts, it has expired, or it lacks a claim it needs. It said: "Could not validate credentials".',
    hint: /trusts this profile's public key \(SHA256:.*clock.*signed a fresh token and tried again; that was refused too/,
  },
  {
    name: '403 Forbidden',
    fault: answer(403, { detail: 'Not enough permissions' }),
    kind: 'forbidden',
    status: 403,
    message: 'The Orchestrator refused the fleet list (403: Not enough permissions).',
    hint: /lack a permission/,
  },
  {
    name: "404 in the guide's shape",
    fault: answer(404, { detail: 'Not Found' }),
    kind: 'not_found',
    status: 404,
    message: 'The Orchestrator has nothing at GET /droplets (404: Not Found).',
    hint: /Check the Orchestrator URL, including any path/,
  },
  {
    name: "404 in the deployed Orchestrator's shape",
    fault: answer(404, { error: true, message: 'Endpoint not found: /droplets', type: 'NotFound' }),
    kind: 'not_found',
    status: 404,
    message: 'The Orchestrator has nothing at GET /droplets (404: Endpoint not found: /droplets).',
    hint: /Check the Orchestrator URL/,
  },
  {
    name: '405 Method Not Allowed',
    fault: answer(405, { detail: 'Method Not Allowed' }),
    kind: 'method_not_allowed',
    status: 405,
    message: 'The Orchestrator does not allow GET on /droplets (405).',
    hint: /version may not offer/,
  },
  {
    name: '422 with field errors',
    fault: answer(422, { detail: [{ loc: ['query', 'status'], msg: "Input should be 'active' or 'inactive'", type: 'enum' }] }),
    kind: 'validation',
    status: 422,
    message: "The Orchestrator rejected the fleet list: status: Input should be 'active' or 'inactive'.",
    hint: /Correct the fields named/,
  },
  {
    name: 'HTML instead of JSON (a login portal)',
    fault: text(200, 'text/html', PORTAL),
    kind: 'malformed',
    status: 200,
    message: 'The Orchestrator\'s answer could not be read: it is HTML or XML, not JSON (a page titled "Sign in to Guest Wi-Fi").',
    hint: /not a proxy or web page.*communications log shows the raw answer/,
  },
  {
    name: 'truncated JSON',
    fault: answer(200, LIST_START),
    kind: 'malformed',
    status: 200,
    message: "The Orchestrator's answer could not be read: the JSON is cut short (truncated).",
    hint: /communications log/,
  },
  {
    name: 'JSON of the wrong shape',
    fault: answer(200, { trace_id: 't', payload: { items: [] } }),
    kind: 'malformed',
    status: 200,
    message: "The Orchestrator's answer has the wrong shape: The list response has no droplets array.",
    hint: /dialect setting/,
  },
  {
    name: 'an oversized body streamed without Content-Length',
    fault: oversizedChunked,
    kind: 'malformed',
    status: 200,
    message: "The Orchestrator's answer was larger than 10 MB, so Steward stopped reading it.",
    hint: /points at the Orchestrator/,
  },
  {
    name: 'an oversized body announced by Content-Length',
    fault: oversizedDeclared,
    kind: 'malformed',
    status: 200,
    message: "The Orchestrator's answer was larger than 10 MB, so Steward stopped reading it.",
    hint: /points at the Orchestrator/,
  },
];

/** Plain words: no stack frames, no raw markup, no multi-line dumps. */
function expectPlainWords(e: IpcError): void {
  for (const words of [e.message, e.hint ?? '']) {
    expect(words).not.toMatch(/\n|<\/?[a-z]+>|\bat \S+\.(ts|js):\d+/i);
    expect(words.length).toBeLessThan(500);
  }
}

let rig: Rig;
const crashes = watchForCrashes();

beforeAll(async () => {
  rig = await startRig();
  expect(snapshot(await rig.poll()).droplets).toHaveLength(FLEET);
});
afterAll(async () => {
  crashes.stop();
  await rig?.close();
});
afterEach(async () => {
  rig.front.behave(null);
  await settle();
  expect(crashes.problems).toEqual([]);
});

describe('fault matrix: a poll against an Orchestrator that answers badly', () => {
  for (const c of cases) {
    it(`${c.name}: says so plainly, then recovers by itself`, async () => {
      rig.front.behave(c.fault);
      const e = failure(await rig.poll());
      expect(e.kind).toBe(c.kind);
      expect(e.status).toBe(c.status);
      if (typeof c.message === 'string') expect(e.message).toBe(c.message);
      else expect(e.message).toMatch(c.message);
      expect(e.hint).toMatch(c.hint);
      expectPlainWords(e);
      // The exchange is in the communications log, where the error points.
      const entry = rig.service.commsLog.entries().find((x) => x.id === e.exchangeId);
      expect(entry?.path).toBe('/droplets');

      // While the fault lasts, every poll says the same: the service is not wedged or confused.
      const again = failure(await rig.poll());
      expect(again.kind).toBe(c.kind);

      // The Orchestrator recovers: the very next poll brings the fleet back, with nothing reset.
      rig.front.behave(null);
      expect(snapshot(await rig.poll()).droplets).toHaveLength(FLEET);
    });
  }

  it('other methods keep working while polls fail', async () => {
    rig.front.behave(answer(503, { detail: 'Service Unavailable' }));
    expect(failure(await rig.poll()).kind).toBe('server');
    const info = await rig.service.dispatch('getAppInfo', {});
    expect(info.ok).toBe(true);
    const log = await rig.service.dispatch('getCommsLog', { limit: 5 });
    expect(log.ok).toBe(true);
  });
});
