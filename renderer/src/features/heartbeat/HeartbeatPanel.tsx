import { useId, useState, type FormEvent } from 'react';
import { DROPLET_STATUSES, type ChartedMetric, type HeartbeatAck, type HeartbeatInput, type ReportableStatus } from '../../../../shared/model';
import { errorDetail } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { useDroplet } from '../../queries/useDroplet';
import { useSendHeartbeat } from '../../queries/useDropletActions';
import { useHistory } from '../../queries/useHistory';
import { useKeepAlive, useStartKeepAlive, useStopKeepAlive } from '../../queries/useKeepAlive';
import { METRIC_META, rangeMs } from '../charts/series';
import { chartedMetricsOf } from '../../domain/metrics';
import { HeartbeatAckView } from './HeartbeatAckView';
import { KeepAliveConfirm } from './KeepAliveConfirm';
import { KeepAliveList } from './KeepAliveList';
import { nextDueAt, prefill, validate, type HeartbeatErrors, type HeartbeatValues } from './heartbeat-form';
import '../../ui/ui.css';
import './heartbeat.css';

/** Send one heartbeat for a droplet by hand, or have main keep it alive. */
export function HeartbeatPanel(props: { dropletId: number }) {
  const droplet = useDroplet(props.dropletId);
  const history = useHistory(props.dropletId, rangeMs('1h'));

  const lastSample = history.data?.at(-1);
  const d = droplet.data?.droplet ?? null;
  if (d === null && !droplet.isError) return <p className="st-heartbeat__loading">Loading droplet {props.dropletId}…</p>;
  const source = Object.keys(chartedMetricsOf(d?.latestMetrics)).length > 0 ? 'orchestrator' : lastSample ? 'sample' : 'none';
  // A heartbeat needs only the id: when the droplet cannot be read the form stays usable, below
  // the error (in the same place, so a later successful read keeps what the steward typed).
  return (
    <>
      {d === null && <ErrorNotice error={errorDetail(droplet.error)} onRetry={() => void droplet.refetch()} />}
      <HeartbeatBody key={props.dropletId} dropletId={props.dropletId} name={d?.name ?? null} source={source} initial={prefill(d, lastSample)} />
    </>
  );
}

interface Sent {
  ack: HeartbeatAck;
  sentAt: number;
  dueAt: number | null;
}

function HeartbeatBody(props: { dropletId: number; name: string | null; source: string; initial: HeartbeatValues }) {
  const { dropletId } = props;
  const uid = useId();
  const [values, setValues] = useState(props.initial);
  const [edited, setEdited] = useState(false);
  const [prefilledFrom, setPrefilledFrom] = useState(props.source);
  // A better source for the prefill (first metrics seen) refreshes an untouched form; never a
  // routine refetch, never the steward's edits, and never the acknowledgement shown below.
  if (props.source !== prefilledFrom) {
    setPrefilledFrom(props.source);
    if (!edited) setValues(props.initial);
  }
  const [errors, setErrors] = useState<HeartbeatErrors>({});
  const [sent, setSent] = useState<Sent | null>(null);
  const send = useSendHeartbeat();
  const keepAlive = useKeepAlive();
  const start = useStartKeepAlive();
  const stop = useStopKeepAlive();
  const running = keepAlive.data?.find((k) => k.dropletId === dropletId);
  const keepAliveError = start.error ?? stop.error ?? keepAlive.error;

  const setMetric = (m: ChartedMetric, text: string) => {
    setEdited(true);
    setValues((prev) => ({ ...prev, metrics: { ...prev.metrics, [m]: text } }));
    setErrors((prev) => (prev[m] ? { ...prev, [m]: undefined } : prev));
  };
  /** The form as a heartbeat, or null after putting each problem on its field. */
  const checked = (): HeartbeatInput | null => {
    const v = validate(dropletId, values);
    setErrors(v.ok ? {} : v.errors);
    return v.ok ? v.input : null;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = checked();
    if (!input) return;
    const sentAt = Date.now();
    send.mutate(input, { onSuccess: (ack) => setSent({ ack, sentAt, dueAt: nextDueAt(ack, Date.now()) }) });
  };
  // Starting keep-alive asks first (a real silence stops showing); stopping does not.
  const [asking, setAsking] = useState<HeartbeatInput | null>(null);
  const toggleKeepAlive = () => {
    if (running) {
      stop.mutate(dropletId);
      return;
    }
    setAsking(checked());
  };
  const confirmKeepAlive = () => {
    if (asking) start.mutate(asking);
    setAsking(null);
  };

  return (
    <section className="st-heartbeat" aria-label={`Heartbeat for droplet ${dropletId}`}>
      <h2 className="st-heartbeat__title">
        Heartbeat <span className="st-muted">{props.name === null ? '' : `${props.name} `}#{dropletId}</span>
      </h2>
      <form className="st-heartbeat__form" onSubmit={submit} noValidate>
        <div className="st-heartbeat__grid">
          <Field id={`${uid}-status`} label="Status" hint={values.status === 'maintenance' ? 'The deployed Orchestrator refuses maintenance in a heartbeat.' : undefined}>
            {(c) => (
              <select {...c} className="st-input" value={values.status} onChange={(e) => { setEdited(true); setValues((prev) => ({ ...prev, status: e.target.value as ReportableStatus })); }}>
                {DROPLET_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {METRIC_META.map((m) => (
            <Field key={m.metric} id={`${uid}-${m.metric}`} label={`${m.label} (${m.unit})`} error={errors[m.metric]}>
              {(c) => (
                <input
                  {...c}
                  className="st-input st-heartbeat__number"
                  type="number"
                  min={0}
                  max={m.metric === 'cpu_percent' ? 100 : undefined}
                  step="any"
                  value={values.metrics[m.metric]}
                  onChange={(e) => setMetric(m.metric, e.target.value)}
                />
              )}
            </Field>
          ))}
        </div>
        <div className="st-heartbeat__actions">
          <button type="submit" className="st-btn st-btn--primary" disabled={send.isPending}>
            {send.isPending ? 'Sending…' : 'Send heartbeat'}
          </button>
          <button type="button" className="st-btn" aria-pressed={Boolean(running)} disabled={start.isPending || stop.isPending} onClick={toggleKeepAlive}>
            {running ? 'Stop keep alive' : 'Keep alive'}
          </button>
        </div>
      </form>
      {asking && !running && (
        <KeepAliveConfirm dropletId={dropletId} name={props.name ?? `droplet ${dropletId}`} onConfirm={confirmKeepAlive} onCancel={() => setAsking(null)} />
      )}

      {send.error && <ErrorNotice error={errorDetail(send.error)} />}
      {sent && !send.error && <HeartbeatAckView ack={sent.ack} dueAt={sent.dueAt} sentAt={sent.sentAt} />}
      {keepAliveError && <ErrorNotice error={errorDetail(keepAliveError)} />}

      <section className="st-heartbeat__kept" aria-label="Droplets kept alive">
        <h3 className="st-section-title">Kept alive</h3>
        <KeepAliveList entries={keepAlive.data ?? []} onStop={(id) => stop.mutate(id)} stopping={stop.isPending} />
      </section>
    </section>
  );
}
