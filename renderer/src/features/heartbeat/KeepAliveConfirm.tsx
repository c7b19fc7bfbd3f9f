/**
 * Asked before keep-alive starts: Steward will beat on the droplet's behalf, and from then on a
 * real silence of the droplet no longer shows. Every way of starting keep-alive asks this first.
 */
import '../../ui/ui.css';
import './keep-alive.css';

export interface KeepAliveConfirmProps {
  dropletId: number;
  name: string;
  onConfirm(): void;
  onCancel(): void;
}

export function KeepAliveConfirm({ dropletId, name, onConfirm, onCancel }: KeepAliveConfirmProps) {
  return (
    <div className="st-keepalive-confirm" role="alertdialog" aria-label="Start keep-alive" aria-describedby={`keepalive-why-${dropletId}`}>
      <p id={`keepalive-why-${dropletId}`}>
        <strong>
          Keep {name} (#{dropletId}) alive?
        </strong>{' '}
        Steward will send heartbeats for it, at the pace the Orchestrator asks, until you stop it or switch profile. While it does, a real silence of this
        droplet will no longer show: it will look alive even if it is down.
      </p>
      <div className="st-keepalive-confirm__actions">
        <button type="button" className="st-btn st-keepalive-confirm__start" onClick={onConfirm}>
          Start keep-alive
        </button>
        <button type="button" className="st-btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
