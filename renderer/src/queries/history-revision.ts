import type { QueryClient } from '@tanstack/react-query';
import type { DropletView } from '../../../shared/model';
import { queryKeys } from './query-keys';

/*
 * A droplet's details answer records its beats into main's history, so history answers read
 * before it are short. Chart and history answers carry the history revision they were read at,
 * and the details answer the revision once recorded: only an answer older than the details is
 * fetched again. Main answers history after a details read under way, so on selecting a droplet
 * the charts are usually drawn once, whole.
 */

/** After a details answer: fetch again the droplet's history answers that predate it. */
export function refreshShortHistory(qc: QueryClient, view: DropletView): void {
  const grew = view.historyGrew ?? view.droplet.heartbeats.length > 0;
  const latest = view.historyRevision;
  if (!grew && latest === undefined) return;
  void qc.invalidateQueries({
    queryKey: queryKeys.history(view.droplet.id),
    predicate: (q) => {
      // An extra metric's answer carries no revision: fetched again whenever the details added beats.
      if (q.queryKey[2] === 'extra') return grew;
      // An answer on its way is checked when it lands (readWholeHistory), not cancelled and asked again.
      if (latest !== undefined && q.state.fetchStatus === 'fetching') return false;
      const revision = revisionOf(q.state.data);
      return revision !== undefined && latest !== undefined ? revision < latest : grew;
    },
  });
}

/** A history answer, read once more when it predates the droplet's details already in the cache. */
export async function readWholeHistory<T extends { revision?: number }>(qc: QueryClient, id: number, read: () => Promise<T>): Promise<T> {
  // A pane's children subscribe before the pane does: when the pane mounts without a selection
  // having started the details read (another panel left, a collapsed pane opened), one tick lets
  // the pane's details read be asked first, so main answers this after recording its beats.
  await Promise.resolve();
  const answer = await read();
  const latest = qc.getQueryData<DropletView>(queryKeys.droplet(id))?.historyRevision;
  return answer.revision !== undefined && latest !== undefined && answer.revision < latest ? read() : answer;
}

function revisionOf(data: unknown): number | undefined {
  return typeof data === 'object' && data !== null && 'revision' in data && typeof data.revision === 'number' ? data.revision : undefined;
}
