// Generated inputs: the readers and builders only ever throw WireFormatError, whatever they get.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DropletListSchema } from '../../../shared/model';
import { TraceIdSchema } from '../../../shared/udc/envelope';
import { buildHeartbeatRequest, buildRegisterRequest, readDropletDetails, readDropletList, readErrorBody, readHeartbeatAck, readLiveMessage, readRegisterAck, WireFormatError } from '../../../shared/udc';

const onlyTyped = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WireFormatError);
  }
};

describe('generated inputs', () => {
  it('response readers throw nothing but WireFormatError', () => {
    const droplet = fc.record({ droplet_id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)), id: fc.anything(), name: fc.anything(), capabilities: fc.oneof(fc.array(fc.anything()), fc.string(), fc.anything()), status: fc.anything(), last_heartbeat: fc.oneof(fc.string(), fc.double(), fc.anything()), metrics: fc.anything(), seconds_since_heartbeat: fc.anything() }, { requiredKeys: [] });
    const body = fc.oneof(
      fc.anything(),
      fc.record({ udc_version: fc.constant('1.0'), payload: fc.oneof(fc.anything(), fc.record({ droplets: fc.oneof(fc.array(droplet), fc.anything()), total: fc.anything(), droplet: droplet, registered: fc.anything(), received: fc.anything(), acknowledged: fc.anything(), next_heartbeat_deadline: fc.anything(), next_heartbeat_in: fc.anything(), heartbeat_history: fc.anything() }, { requiredKeys: [] })) }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(body, (b) => {
        onlyTyped(() => readDropletList(b));
        onlyTyped(() => readDropletDetails(b));
        onlyTyped(() => readRegisterAck(b));
        onlyTyped(() => readHeartbeatAck(b));
        expect(typeof readErrorBody(b).message).toBe('string');
        readLiveMessage(typeof b === 'string' ? b : JSON.stringify(b) ?? '');
      }),
      { numRuns: 3000 },
    );
  });

  it('whatever the list says, what the reader makes of it fits the IPC contract (main does not check it again)', () => {
    const time = fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+00:00')),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '')),
      fc.double(),
      fc.string(),
      fc.constant(null),
    );
    const droplet = fc.record(
      {
        droplet_id: fc.oneof(fc.integer(), fc.string(), fc.constant('droplet-7')),
        id: fc.anything(),
        name: fc.anything(),
        steward: fc.anything(),
        endpoint: fc.anything(),
        version: fc.anything(),
        capabilities: fc.oneof(fc.array(fc.anything()), fc.array(fc.string()).map((xs) => JSON.stringify(xs)), fc.string(), fc.anything()),
        status: fc.oneof(fc.constantFrom('active', 'ERROR', ' inactive ', 'maintenance'), fc.anything()),
        last_heartbeat: time,
        registered_at: time,
        metrics: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null), fc.anything())), fc.anything()),
        seconds_since_heartbeat: fc.oneof(fc.double(), fc.anything()),
      },
      { requiredKeys: [] },
    );
    const body = fc.record({ udc_version: fc.constant('1.0'), payload: fc.record({ droplets: fc.array(droplet, { maxLength: 5 }), total: fc.anything() }, { requiredKeys: ['droplets'] }) }, { requiredKeys: ['payload'] });
    fc.assert(
      fc.property(body, (b) => {
        let list;
        try {
          list = readDropletList(JSON.parse(JSON.stringify(b)));
        } catch (e) {
          expect(e).toBeInstanceOf(WireFormatError);
          return;
        }
        const checked = DropletListSchema.safeParse({ droplets: list.droplets, total: list.total });
        expect(checked.success, JSON.stringify(checked.error?.issues.slice(0, 2))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('builders throw nothing but WireFormatError and always produce a valid trace_id', () => {
    // Half the inputs are anything at all, half are close enough to valid that many build.
    const reg = fc.oneof(
      fc.anything(),
      fc.record({ id: fc.integer({ min: -2, max: 100 }), name: fc.string(), endpoint: fc.constantFrom('http://h:8002', 'not a url'), capabilities: fc.array(fc.string()), status: fc.anything() }, { requiredKeys: ['id', 'name', 'endpoint', 'capabilities'] }),
    );
    const hb = fc.oneof(fc.anything(), fc.record({ id: fc.integer({ min: -2, max: 100 }), status: fc.constantFrom('active', 'error', 'maintenance', 'bogus'), metrics: fc.option(fc.dictionary(fc.string(), fc.double())) }));
    const seen = new Set<string>();
    let built = 0;
    const traced = (fn: () => { traceId: string; body: Record<string, unknown> }) => {
      let r: { traceId: string; body: Record<string, unknown> };
      try {
        r = fn();
      } catch (e) {
        expect(e).toBeInstanceOf(WireFormatError);
        return;
      }
      built++;
      expect(TraceIdSchema.safeParse(r.traceId).success, r.traceId).toBe(true);
      expect(r.body.trace_id).toBe(r.traceId);
      expect(seen.has(r.traceId), 'a trace_id used twice').toBe(false);
      seen.add(r.traceId);
    };
    fc.assert(
      fc.property(reg, hb, fc.constantFrom('guide' as const, 'deployed' as const), (r, h, dialect) => {
        traced(() => buildRegisterRequest({ dialect }, r as never));
        traced(() => buildHeartbeatRequest({ dialect }, h as never));
      }),
      { numRuns: 3000 },
    );
    expect(built).toBeGreaterThan(300);
  });
});
