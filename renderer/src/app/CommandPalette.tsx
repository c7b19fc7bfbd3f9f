/**
 * Ctrl+K: the command palette (cmdk). The command table's commands, droplets by id or name,
 * and profiles to switch to. Filtering is ours (`shouldFilter={false}`): a fleet may hold 10,000
 * droplets, so only the best few matches are ever rendered.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Command } from 'cmdk';
import { useMemo, useState } from 'react';
import { COMMANDS, comboLabel, type Command as AppCommand } from '../../../shared/commands';
import type { Droplet } from '../../../shared/model';
import { useWholeFleet } from '../queries/useFleet';
import { useProfiles, useSwitchProfile } from '../queries/useProfiles';
import { useOverlays } from '../state/overlays';
import { useUi } from '../state/ui';
import { Modal } from '../ui/Modal';
import { runCommand } from './run-command';
import { isMac } from './useShortcuts';
import './palette.css';

const MAX_DROPLETS = 12;
const NO_DROPLETS: readonly Droplet[] = [];

function words(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

function matches(text: string, q: string[]): boolean {
  const t = text.toLowerCase();
  return q.every((w) => t.includes(w));
}

/** Droplets whose id, name or steward match; an exact id first. */
export function matchDroplets(droplets: readonly Droplet[], query: string, max = MAX_DROPLETS): Droplet[] {
  const q = words(query.replace(/^#/, ''));
  if (q.length === 0) return [];
  const exact = droplets.filter((d) => String(d.id) === q[0] && q.length === 1);
  const rest: Droplet[] = [];
  for (const d of droplets) {
    if (rest.length + exact.length >= max) break;
    if (exact.includes(d)) continue;
    if (matches(`${d.id} ${d.name} ${d.steward ?? ''}`, q)) rest.push(d);
  }
  return [...exact, ...rest].slice(0, max);
}

function Keys({ command }: { command: AppCommand }) {
  const k = command.keys[0];
  return k ? <kbd className="palette-keys">{comboLabel(k, isMac())}</kbd> : null;
}

export function CommandPalette() {
  const close = useOverlays((s) => s.close);
  const queryClient = useQueryClient();
  const selectedId = useUi((s) => s.selectedId);
  const droplets = useWholeFleet().data?.droplets ?? NO_DROPLETS;
  const profiles = useProfiles().data;
  const switchProfile = useSwitchProfile();
  const [search, setSearch] = useState('');

  const q = words(search);
  const commands = COMMANDS.filter((c) => c.id !== 'commandPalette' && matches(c.label, q));
  const found = useMemo(() => matchDroplets(droplets, search), [droplets, search]);
  const otherProfiles = (profiles?.profiles ?? []).filter((p) => p.id !== profiles?.activeId && matches(`switch profile ${p.name}`, q));

  const run = (id: AppCommand['id']) => {
    close();
    runCommand(id, { queryClient });
  };

  return (
    <Modal label="Command palette" onClose={close} className="palette">
      <Command label="Command palette" shouldFilter={false} vimBindings={false} loop>
        <Command.Input data-autofocus value={search} onValueChange={setSearch} placeholder="Type a command, a droplet id or name…" className="palette-input" />
        <Command.List className="palette-list">
          <Command.Empty className="palette-empty">Nothing matches “{search}”.</Command.Empty>
          {found.length > 0 && (
            <Command.Group heading="Droplets">
              {found.map((d) => (
                <Command.Item
                  key={d.id}
                  value={`droplet-${d.id}`}
                  onSelect={() => {
                    close();
                    useUi.getState().showDroplet(d.id);
                  }}
                >
                  <span className="palette-label">
                    Go to <span className="num">#{d.id}</span> {d.name}
                  </span>
                  <span className="palette-hint">{d.status}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {commands.length > 0 && (
            <Command.Group heading="Commands">
              {commands.map((c) => {
                const why = c.unavailable ?? (c.needsSelection && selectedId === null ? 'Select a droplet first.' : undefined);
                return (
                  <Command.Item key={c.id} value={`command-${c.id}`} disabled={why !== undefined} onSelect={() => run(c.id)} title={why}>
                    <span className="palette-label">{c.label}</span>
                    {why ? <span className="palette-hint">{why}</span> : <Keys command={c} />}
                  </Command.Item>
                );
              })}
            </Command.Group>
          )}
          {otherProfiles.length > 0 && (
            <Command.Group heading="Profiles">
              {otherProfiles.map((p) => (
                <Command.Item
                  key={p.id}
                  value={`profile-${p.id}`}
                  onSelect={() => {
                    close();
                    switchProfile.mutate(p.id);
                  }}
                >
                  <span className="palette-label">Switch profile to {p.name}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
        </Command.List>
      </Command>
    </Modal>
  );
}
