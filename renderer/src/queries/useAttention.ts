/**
 * What the attention engine in main answers (events, uptime, problems, settings and mutes),
 * kept current by its pushes: each `attentionEvent` invalidates every attention answer, as
 * one event can change the timeline, a droplet's uptime and the problem count together.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AttentionSettings, AttentionSettingsView, EventQuery, ExportEventsRequest, MuteRequest, MuteSpan, Problems } from '../../../shared/attention';
import { call } from '../app/api';
import { useAttentionUi } from '../state/attention';
import { latestOnTick } from '../state/clock';
import { useUi } from '../state/ui';
import { queryKeys } from './query-keys';

export function useEvents(query: EventQuery) {
  // The previous list stays while a changed filter (or the minute) asks again: no flash of "loading".
  return useQuery({ queryKey: queryKeys.events(query), queryFn: () => call('getEvents', query), placeholderData: keepPreviousData });
}

/** `enabled` false holds the ask (the details pane asks once its details are in). */
export function useUptime(id: number, enabled = true) {
  return useQuery({ queryKey: queryKeys.uptime(id), queryFn: () => call('getUptime', { id }), enabled });
}

export function useProblems() {
  return useQuery({ queryKey: queryKeys.problems, queryFn: () => call('getProblems') });
}

export function useAttentionSettings() {
  return useQuery({ queryKey: queryKeys.attentionSettings, queryFn: () => call('getAttentionSettings') });
}

export function useSetAttentionSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<AttentionSettings>) => call('setAttentionSettings', changes),
    // A toggle shows its new state at once; a refusal puts the stored one back.
    onMutate: async (changes) => {
      await qc.cancelQueries({ queryKey: queryKeys.attentionSettings });
      const before = qc.getQueryData<AttentionSettingsView>(queryKeys.attentionSettings);
      if (before) qc.setQueryData<AttentionSettingsView>(queryKeys.attentionSettings, { ...before, settings: { ...before.settings, ...changes } });
      return { before };
    },
    onError: (_e, _changes, context) => {
      if (context?.before) qc.setQueryData<AttentionSettingsView>(queryKeys.attentionSettings, context.before);
    },
    onSuccess: (view) => qc.setQueryData<AttentionSettingsView>(queryKeys.attentionSettings, view),
  });
}

/** Main's answer to a mute, kept: the settings view as stored, and the problems re-counted. */
async function keepMuteView(qc: QueryClient, view: AttentionSettingsView): Promise<void> {
  // A read of the settings begun before the mute must not land after it and undo it on screen.
  await qc.cancelQueries({ queryKey: queryKeys.attentionSettings });
  qc.setQueryData<AttentionSettingsView>(queryKeys.attentionSettings, view);
  // Muted problems and events change how they are counted and shown.
  void qc.invalidateQueries({ queryKey: queryKeys.problems });
}

export function useMute() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: MuteRequest) => call('muteAttention', req),
    onSuccess: (view) => keepMuteView(qc, view),
  });
}

/**
 * Mutes (or, with 'off', unmutes) droplets outside a component: the row menu, the bulk bar and
 * the command palette. Answers how many main accepted; the first refusal is thrown.
 */
export async function muteDroplets(qc: QueryClient, ids: readonly number[], span: MuteSpan): Promise<number> {
  let done = 0;
  for (const id of ids) {
    await keepMuteView(qc, await call('muteAttention', { target: 'droplet', id, span }));
    done++;
  }
  return done;
}

/** Words for a mute just done, as the fleet's note line says them. */
export function muteWords(ids: readonly number[], span: MuteSpan): string {
  const who = ids.length === 1 ? `droplet ${ids[0]}` : `${ids.length} droplets`;
  if (span === 'off') return `Notifications for ${who} are back on.`;
  const until = span === '1h' ? 'for 1 hour' : span === 'tomorrow' ? 'until tomorrow' : 'until unmuted';
  return `Muted ${who} ${until}: no notifications or tray alerts for ${ids.length === 1 ? 'it' : 'them'}.`;
}

export function useExportEvents() {
  return useMutation({ mutationFn: (req: ExportEventsRequest) => call('exportEvents', req) });
}

/** Hidden shorter than this, the window does not ask what happened meanwhile. */
export const AWAY_MIN_MS = 60_000;

/**
 * When the window comes back after being hidden a while, ask main what happened meanwhile
 * (main may also push `awaySummary`; either shows the same card).
 */
export function useAwaySummaryOnReturn(now: () => number = Date.now): void {
  useEffect(() => {
    if (!window.steward) return undefined;
    let hiddenAt: number | null = document.visibilityState === 'hidden' ? now() : null;
    const onChange = () => {
      if (document.visibilityState === 'hidden') {
        hiddenAt ??= now();
        return;
      }
      const since = hiddenAt;
      hiddenAt = null;
      if (since === null || now() - since < AWAY_MIN_MS) return;
      call('getAwaySummary', { sinceMs: since })
        .then((s) => {
          if (s.eventCount > 0) useAttentionUi.getState().showAway(s);
        })
        // No summary is no harm: the timeline has every event.
        .catch(() => undefined);
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, [now]);
}

/** The attention pushes: refresh what they change, keep the away summary, follow notification clicks. */
export function useAttentionPushes(): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!window.steward) return undefined;
    // At once in front (the count must agree with the rows a poll shows); in the background and
    // while the table scrolls, on the clock's tick, in a frame drawn anyway. Desktop notifications
    // are main's, and are not held back.
    const events = latestOnTick<null>(() => void qc.invalidateQueries({ queryKey: queryKeys.attentionAll }));
    const problems = latestOnTick<Problems>((p) => qc.setQueryData<Problems>(queryKeys.problems, p));
    const offs = [
      // Another Orchestrator: the old one's summary and focused event are not about it.
      window.steward.on('profileChanged', () => {
        problems.cancel();
        useAttentionUi.getState().dismissAway();
        useAttentionUi.getState().focusEvent(null);
      }),
      window.steward.on('attentionEvent', () => events.push(null)),
      window.steward.on('problemsChanged', (p) => problems.push(p)),
      events.cancel,
      problems.cancel,
      window.steward.on('awaySummary', (s) => {
        if (s.eventCount > 0) useAttentionUi.getState().showAway(s);
      }),
      window.steward.on('focusDroplet', ({ dropletId, ids, eventId }) => {
        const ui = useUi.getState();
        // One droplet: its details. A group: the event in the timeline, its first droplet selected.
        if (dropletId !== null && ids.length <= 1) {
          ui.showDroplet(dropletId);
          return;
        }
        const first = dropletId ?? ids[0];
        if (first !== undefined) ui.showDroplet(first);
        useAttentionUi.getState().focusEvent(eventId);
        ui.openPanel('events');
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [qc]);
}
