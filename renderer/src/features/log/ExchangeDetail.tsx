import type { CommsEntry } from '../../../../shared/model';
import { CopyButton } from '../../ui/CopyButton';
import { statusClass, statusClassTone } from '../../domain/status';
import { toCurl } from './curl';
import { prettyBody } from './pretty-body';
import { formatLatency, formatLogStamp } from './time';

/** One exchange in full: headers (token already redacted by main), bodies, and a curl to replay it. */
export function ExchangeDetail(props: { entry: CommsEntry; baseUrl: string | null }) {
  const e = props.entry;
  const headers = Object.entries(e.requestHeaders);
  return (
    <section className="st-exchange" aria-label={`Exchange ${e.id}`}>
      <header className="st-exchange__head">
        <span className="st-exchange__line st-selectable">
          {e.method} {e.path}
        </span>
        <span className={`st-log__status tone-${statusClassTone(statusClass(e.status))}`}>{e.status ?? 'failed'}</span>
        <span className="st-muted">
          {formatLogStamp(e.time)} · {formatLatency(e.latencyMs)}
        </span>
        <CopyButton text={toCurl(e, props.baseUrl)} label="Copy as curl" title="Copy as a curl command (the token comes from $STEWARD_TOKEN)" />
      </header>
      {e.traceId && (
        <p className="st-exchange__meta">
          trace_id <code className="st-selectable">{e.traceId}</code> <CopyButton text={e.traceId} title="Copy trace_id" />
        </p>
      )}
      {e.error && <p className="st-exchange__error">{e.error}</p>}
      <h4 className="st-exchange__h">Request headers</h4>
      {headers.length ? (
        <dl className="st-exchange__headers st-selectable">
          {headers.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="st-muted">none</p>
      )}
      <Body title="Request body" body={e.requestBody} />
      <Body title="Response body" body={e.responseBody} />
    </section>
  );
}

function Body(props: { title: string; body: string | null }) {
  const pretty = prettyBody(props.body);
  return (
    <>
      <h4 className="st-exchange__h">{props.title}</h4>
      {pretty ? (
        <pre className="st-exchange__body st-selectable" data-json={pretty.json} aria-label={props.title}>
          {pretty.text}
        </pre>
      ) : (
        <p className="st-muted">empty</p>
      )}
    </>
  );
}
