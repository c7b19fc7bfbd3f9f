import { describe, expect, it } from 'vitest';
import { agoText, groupedList, muteInForce, muteUntilText } from '../../../../../renderer/src/features/events/attention-text';
import { eventQuery, NO_FILTERS, parseDropletId } from '../../../../../renderer/src/features/events/event-filters';
import { readDraft, ruleText } from '../../../../../renderer/src/features/events/rule-draft';

describe('attention words', () => {
  it('groups a long list of droplets into the first few and how many more', () => {
    const ids = Array.from({ length: 30 }, (_, i) => String(101 + i));
    expect(groupedList(ids, 30)).toBe('101, 102, 103, 104, 105 and 25 more');
    // Only the first 50 items cross; the count says how many there were.
    expect(groupedList(ids.slice(0, 3), 3)).toBe('101, 102, 103');
    expect(groupedList([], 12)).toBe('12 droplets');
  });

  it('says how long ago calmly: seconds only in the first minute', () => {
    const now = 1_000_000_000;
    expect(agoText(now - 2_000, now)).toBe('just now');
    expect(agoText(now + 3_000, now)).toBe('just now');
    expect(agoText(now - 42_000, now)).toBe('42 s ago');
    expect(agoText(now - 4 * 60_000 - 59_000, now)).toBe('4 min ago');
    expect(agoText(now - 95 * 60_000, now)).toBe('1 h 35 min ago');
  });

  it('says until when a mute holds, and takes an expired one for none', () => {
    const now = new Date(2026, 11, 6, 10, 0).getTime();
    expect(muteUntilText(null, now)).toBe('until you unmute it');
    expect(muteUntilText(new Date(2026, 11, 6, 11, 5).getTime(), now)).toBe('until 11:05');
    expect(muteUntilText(new Date(2026, 11, 7, 0, 0).getTime(), now)).toBe('until 7 Dec 00:00');
    expect(muteInForce(null, now)).toBe(true);
    expect(muteInForce(now + 1, now)).toBe(true);
    expect(muteInForce(now - 1, now)).toBe(false);
    expect(muteInForce(undefined, now)).toBe(false);
  });
});

describe('event filters', () => {
  it('asks for everything without filters, and for exactly what is picked with them', () => {
    expect(eventQuery(NO_FILTERS, 10 * 86_400_000)).toEqual({});
    expect(eventQuery({ kinds: ['late', 'error'], range: '24h', dropletId: 7 }, 10 * 86_400_000, 500)).toEqual({
      kinds: ['late', 'error'],
      sinceMs: 9 * 86_400_000,
      dropletId: 7,
      limit: 500,
    });
  });

  it('reads a droplet id as typed, or no filter', () => {
    expect(parseDropletId(' 101 ')).toBe(101);
    expect(parseDropletId('#42')).toBe(42);
    for (const bad of ['', 'abc', '1.5', '-3', '0', '1e3']) expect(parseDropletId(bad)).toBeNull();
  });
});

describe('metric rule rows', () => {
  const row = { id: 'r1', metric: 'cpu_percent', op: '>' as const, value: '90', forSeconds: '300', enabled: true };
  it('reads a good row as a rule and says it in words', () => {
    const r = readDraft(row);
    expect(r).toEqual({ rule: { id: 'r1', metric: 'cpu_percent', op: '>', value: 90, forSeconds: 300, enabled: true } });
    expect('rule' in r && ruleText(r.rule)).toBe('cpu_percent > 90 for 5 min');
    expect(ruleText({ ...row, value: 0, forSeconds: 45, op: '>=' })).toBe('cpu_percent >= 0 for 45 s');
  });

  it('names what is wrong with a bad row', () => {
    expect(readDraft({ ...row, metric: 'cpu percent' })).toEqual({ error: expect.stringMatching(/^Metric:/) });
    expect(readDraft({ ...row, value: '' })).toEqual({ error: expect.stringMatching(/^Value:/) });
    expect(readDraft({ ...row, value: 'Infinity' })).toEqual({ error: expect.stringMatching(/^Value:/) });
    expect(readDraft({ ...row, forSeconds: '90000' })).toEqual({ error: expect.stringMatching(/^For:/) });
    expect(readDraft({ ...row, forSeconds: '1.5' })).toEqual({ error: expect.stringMatching(/^For:/) });
  });
});
