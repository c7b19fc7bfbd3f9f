import { CONNECTION_STEPS, type ConnectionStepName, type ConnectionTestResult } from '../../../../shared/profile';

const LABELS: Record<ConnectionStepName, string> = {
  url: 'URL',
  reachability: 'Reachable (GET /health)',
  version: 'Version (GET /management/version)',
  authenticated: 'Signed request (GET /droplets)',
};

/** Each step of a connection test in order: passed, failed (with why), or not run after a failure. */
export function ConnectionSteps(props: { result: ConnectionTestResult }) {
  const { result } = props;
  return (
    <div className="st-conn">
      <p className={result.ok ? 'st-conn__summary tone-ok' : 'st-conn__summary tone-err'} role="status">
        {result.ok ? 'Connection works.' : `Failed at: ${LABELS[result.failedStep ?? 'url']}.`}
      </p>
      <ol className="st-conn__steps" aria-label="Connection test steps">
        {CONNECTION_STEPS.map((name) => {
          const step = result.steps.find((s) => s.step === name);
          const state = !step ? 'skipped' : step.ok ? 'ok' : 'failed';
          return (
            <li key={name} className={`st-conn__step st-conn__step--${state}`} data-step={name} data-state={state}>
              <span className="st-conn__mark" aria-hidden="true">
                {state === 'ok' ? '✓' : state === 'failed' ? '✕' : '–'}
              </span>
              <span className="st-conn__name">{LABELS[name]}</span>
              {step ? <span className="st-conn__ms">{step.ms} ms</span> : <span className="st-conn__ms">not run</span>}
              {step && <p className="st-conn__message">{step.message}</p>}
              {step?.hint && <p className="st-conn__hint">{step.hint}</p>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
