/** The rules editor's rows as typed, and their check against the contract's rule shape. */
import { MetricRuleSchema, RULE_OPS, type MetricRule } from '../../../../shared/attention';

export interface RuleDraft {
  id: string;
  metric: string;
  op: (typeof RULE_OPS)[number];
  value: string;
  forSeconds: string;
  enabled: boolean;
}

export const toDraft = (r: MetricRule): RuleDraft => ({ ...r, value: String(r.value), forSeconds: String(r.forSeconds) });

export function newDraft(existing: readonly RuleDraft[]): RuleDraft {
  let n = existing.length + 1;
  while (existing.some((r) => r.id === `rule-${n}`)) n++;
  return { id: `rule-${n}`, metric: 'cpu_percent', op: '>', value: '90', forSeconds: '300', enabled: true };
}

/** Each row as a rule, or the plain words of what is wrong with it. */
export function readDraft(d: RuleDraft): { rule: MetricRule } | { error: string } {
  const metric = d.metric.trim();
  if (!/^[A-Za-z_][A-Za-z0-9_.]{0,63}$/.test(metric)) return { error: 'Metric: a name such as cpu_percent (letters, digits, _ and .)' };
  const value = Number(d.value.trim());
  if (d.value.trim() === '' || !Number.isFinite(value)) return { error: 'Value: a number, such as 90' };
  const forSeconds = Number(d.forSeconds.trim() || '0');
  if (!Number.isInteger(forSeconds) || forSeconds < 0 || forSeconds > 86_400) return { error: 'For: whole seconds from 0 to 86400 (one day)' };
  const parsed = MetricRuleSchema.safeParse({ id: d.id, metric, op: d.op, value, forSeconds, enabled: d.enabled });
  return parsed.success ? { rule: parsed.data } : { error: parsed.error.issues[0]?.message ?? 'This rule cannot be read' };
}

/** "cpu_percent > 90 for 5 min" */
export function ruleText(r: MetricRule): string {
  const span = r.forSeconds === 0 ? 'on one beat' : r.forSeconds % 60 === 0 ? `for ${r.forSeconds / 60} min` : `for ${r.forSeconds} s`;
  return `${r.metric} ${r.op} ${r.value} ${span}`;
}
