/** The probe column: what the droplet's own /health says, and a flag where it and the Orchestrator disagree. */
import type { ProbeSummary } from '../../../../shared/probe';

const WORDS: Record<ProbeSummary['verdict'], string> = { answering: 'answering', degraded: 'degraded', unreachable: 'unreachable', not_probed: 'not probed' };

export function ProbeCell({ probe }: { probe: ProbeSummary | undefined }) {
  if (!probe) return <span className="muted">—</span>;
  const words = probe.verdict === 'degraded' && probe.healthStatus ? probe.healthStatus : WORDS[probe.verdict];
  const title = [probe.disagreement, probe.note].filter(Boolean).join(' · ') || undefined;
  return (
    <span className={`probe-badge probe-${probe.verdict}`} title={title} data-verdict={probe.verdict}>
      {probe.disagreement && (
        <span className="probe-flag" role="img" aria-label={`Disagreement: ${probe.disagreement}`}>
          ⚑
        </span>
      )}
      {words}
    </span>
  );
}
