/** `?`: every command with its keys, from the same table as the palette and the menu. */
import { COMMANDS, comboLabel } from '../../../shared/commands';
import { useOverlays } from '../state/overlays';
import { Modal } from '../ui/Modal';
import { isMac } from './useShortcuts';
import './palette.css';

/** Keys that are not commands of their own: moving in the table and tabs, resizing. */
const MOVES: readonly [string, string][] = [
  ['↑ ↓ PgUp PgDn Home End', 'Move the selection in the fleet table'],
  ['← → Home End', 'Move between the side pane’s tabs'],
  ['Alt+← / Alt+→', 'Resize the focused column (on its header)'],
  ['← → (on the splitter)', 'Resize the side pane'],
];

export function ShortcutsDialog() {
  const close = useOverlays((s) => s.close);
  const mac = isMac();
  return (
    <Modal label="Keyboard shortcuts" onClose={close} className="shortcuts">
      <header className="modal-head">
        <h2>Keyboard shortcuts</h2>
        <button type="button" className="button" onClick={close} data-autofocus>
          Close
        </button>
      </header>
      <div className="modal-body">
        <table className="shortcuts-table">
          <tbody>
            {COMMANDS.filter((c) => c.keys.length > 0).map((c) => (
              <tr key={c.id}>
                <td className="shortcuts-keys">
                  {c.keys.map((k, i) => (
                    <span key={i}>
                      {i > 0 && <span className="muted"> or </span>}
                      <kbd>{comboLabel(k, mac)}</kbd>
                    </span>
                  ))}
                </td>
                <td>{c.label}</td>
              </tr>
            ))}
            {MOVES.map(([keys, what]) => (
              <tr key={keys}>
                <td className="shortcuts-keys">
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
