import { describe, expect, it } from 'vitest';
import { buildHeartbeatRequest, buildRegisterRequest, DeployedEnvelopeSchema, GuideEnvelopeSchema, looksLikeDeployedEnvelope, WireFormatError } from '../../../shared/udc';

const reg = { id: 42, name: 'droplet0', steward: 'Haythem', endpoint: 'http://localhost:8002', capabilities: ['udc_compliance'], version: '1.0.0', status: 'active' as const };

describe('request builders', () => {
  it('builds the guide register envelope exactly as the guide shows it', () => {
    const { body, traceId } = buildRegisterRequest({ dialect: 'guide', now: () => new Date('2025-01-18T10:00:00Z') }, reg);
    expect(GuideEnvelopeSchema.safeParse(body).success).toBe(true);
    expect(body).toEqual({
      trace_id: traceId, source: 42, target: 10, message_type: 'command',
      payload: { id: 42, name: 'droplet0', steward: 'Haythem', endpoint: 'http://localhost:8002', capabilities: ['udc_compliance'], version: '1.0.0', status: 'active' },
      timestamp: '2025-01-18T10:00:00.000Z',
    });
  });

  it('leaves a blank version and status out of the guide payload rather than inventing them', () => {
    const { version: _v, status: _s, ...blank } = reg;
    const { body } = buildRegisterRequest({ dialect: 'guide' }, blank);
    expect(body.payload).toEqual({ id: 42, name: 'droplet0', steward: 'Haythem', endpoint: 'http://localhost:8002', capabilities: ['udc_compliance'] });
  });

  it('builds the deployed register envelope with udc_version, droplet-N addresses and droplet_id', () => {
    const { body } = buildRegisterRequest({ dialect: 'deployed' }, reg);
    expect(looksLikeDeployedEnvelope(body)).toBe(true);
    expect(DeployedEnvelopeSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ udc_version: '1.0', source: 'droplet-42', target: 'droplet-10', message_type: 'command', payload: { droplet_id: 42, name: 'droplet0', endpoint: 'http://localhost:8002' } });
    expect(body.payload).not.toHaveProperty('id');
  });

  it('gives every request a fresh UUID v4 trace_id and a Z timestamp', () => {
    const a = buildHeartbeatRequest({ dialect: 'guide' }, { id: 42, status: 'active' });
    const b = buildHeartbeatRequest({ dialect: 'guide' }, { id: 42, status: 'active' });
    expect(a.traceId).not.toBe(b.traceId);
    expect(a.traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.body.timestamp).toMatch(/Z$/);
  });

  it('uses message_type heartbeat in the guide and event in the deployed dialect', () => {
    const metrics = { cpu_percent: 15.5, memory_mb: 256, requests_last_minute: 10, errors_last_minute: 0 };
    expect(buildHeartbeatRequest({ dialect: 'guide' }, { id: 42, status: 'active', metrics }).body).toMatchObject({ message_type: 'heartbeat', source: 42, payload: { status: 'active', metrics } });
    expect(buildHeartbeatRequest({ dialect: 'deployed' }, { id: 42, status: 'active', metrics }).body).toMatchObject({ message_type: 'event', source: 'droplet-42', payload: { status: 'active', metrics } });
  });

  it('refuses maintenance for the deployed Orchestrator, whose database rejects it', () => {
    expect(() => buildHeartbeatRequest({ dialect: 'deployed' }, { id: 42, status: 'maintenance' })).toThrow(/accepts only active, inactive, error/);
    expect(() => buildHeartbeatRequest({ dialect: 'guide' }, { id: 42, status: 'maintenance' })).not.toThrow();
  });

  it('refuses bad input with a typed error naming the field', () => {
    expect(() => buildRegisterRequest({ dialect: 'guide' }, { ...reg, id: 0 })).toThrow(WireFormatError);
    expect(() => buildRegisterRequest({ dialect: 'guide' }, { ...reg, endpoint: 'not a url' })).toThrow(/endpoint/);
    expect(() => buildRegisterRequest({ dialect: 'guide' }, { ...reg, name: '  ' })).toThrow(/name/);
  });
});

describe('envelope schemas', () => {
  const good = { trace_id: '550e8400-e29b-41d4-a716-446655440000', source: 42, target: 10, message_type: 'command', payload: {}, timestamp: '2025-01-18T10:00:00Z' };
  it('accepts the guide example and rejects each bad field', () => {
    expect(GuideEnvelopeSchema.safeParse(good).success).toBe(true);
    const bad = (patch: Record<string, unknown>) => GuideEnvelopeSchema.safeParse({ ...good, ...patch });
    expect(bad({ trace_id: 'not-a-uuid' }).success).toBe(false);
    expect(bad({ trace_id: '550e8400-e29b-11d4-a716-446655440000' }).success).toBe(false); // v1, not v4
    expect(bad({ message_type: 'registration' }).success).toBe(false);
    expect(bad({ timestamp: '2025-01-18T10:00:00+00:00' }).success).toBe(false);
    expect(bad({ source: 'droplet-42' }).success).toBe(false);
    expect(bad({ payload: 'active' }).success).toBe(false);
  });
  it('applies the deployed rules: heartbeat is not a message type there, udc_version and payload make an envelope', () => {
    const dep = { udc_version: '1.0', message_type: 'event', payload: { status: 'active' } };
    expect(DeployedEnvelopeSchema.safeParse(dep).success).toBe(true);
    expect(DeployedEnvelopeSchema.safeParse({ ...dep, message_type: 'heartbeat' }).success).toBe(false);
    expect(looksLikeDeployedEnvelope(good)).toBe(false);
    expect(looksLikeDeployedEnvelope({ udc_version: '1.0', droplet_id: 42 })).toBe(false);
  });
});
