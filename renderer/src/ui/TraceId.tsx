import { CopyButton } from './CopyButton';

/** A trace_id, selectable and with a copy button: what a steward quotes to an Orchestrator's operator. */
export function TraceId(props: { traceId: string | null }) {
  if (!props.traceId) return <>no trace_id returned</>;
  return (
    <>
      trace_id <code className="st-selectable">{props.traceId}</code> <CopyButton text={props.traceId} title="Copy trace_id" />
    </>
  );
}
