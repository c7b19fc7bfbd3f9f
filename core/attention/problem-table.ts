/**
 * The droplets in a bad state, packed in typed arrays for the walk that finds the worst few.
 * The engine rebuilds its problem list every second a problem changed, which at 10,000
 * droplets (a few pushes a second) is nearly every second. Walking the engine's records for it
 * took up to 1.5 ms a time in a process asleep since the last second (each record a cache
 * miss; 0.09 ms hot); these arrays are read in order.
 */

/** One problem as the walk ranks it: unmuted first, then by rank (severity), longest-standing first, then id. */
export interface RankedProblem {
  id: number;
  rank: number;
  since: number;
  muted: boolean;
}

export interface ProblemWalk {
  count: number;
  unmuted: number;
  /** The lowest rank among unmuted problems; -1 when there are none. */
  worstRank: number;
  /** The worst `limit`, worst first. */
  top: RankedProblem[];
}

/** Negative when `a` comes before `b`. */
function compare(aMuted: boolean, aRank: number, aSince: number, aId: number, b: RankedProblem): number {
  return Number(aMuted) - Number(b.muted) || aRank - b.rank || aSince - b.since || aId - b.id;
}

export class ProblemTable {
  private ids = new Float64Array(64);
  private ranks = new Uint8Array(64);
  private sinces = new Float64Array(64);
  /** Where each id sits in the arrays. */
  private readonly slots = new Map<number, number>();
  private n = 0;

  get size(): number {
    return this.n;
  }

  has(id: number): boolean {
    return this.slots.has(id);
  }

  /** Adds or updates a problem; true when anything the walk sees changed. */
  set(id: number, rank: number, since: number): boolean {
    const at = this.slots.get(id);
    if (at !== undefined) {
      if (this.ranks[at] === rank && Object.is(this.sinces[at], since)) return false;
      this.ranks[at] = rank;
      this.sinces[at] = since;
      return true;
    }
    if (this.n === this.ids.length) this.grow();
    this.ids[this.n] = id;
    this.ranks[this.n] = rank;
    this.sinces[this.n] = since;
    this.slots.set(id, this.n++);
    return true;
  }

  /** true when it was a problem. */
  delete(id: number): boolean {
    const at = this.slots.get(id);
    if (at === undefined) return false;
    this.slots.delete(id);
    const last = --this.n;
    if (at !== last) {
      const moved = this.ids[last]!;
      this.ids[at] = moved;
      this.ranks[at] = this.ranks[last]!;
      this.sinces[at] = this.sinces[last]!;
      this.slots.set(moved, at);
    }
    return true;
  }

  /**
   * Counts and the worst `limit`; `isMuted` is asked of each problem, and may be left out when
   * nothing is muted. One pass keeping the few, not a sort of them all.
   */
  walk(limit: number, isMuted?: (id: number) => boolean): ProblemWalk {
    const top: RankedProblem[] = [];
    let unmuted = 0;
    let worstRank = -1;
    const { ids, ranks, sinces } = this;
    for (let i = 0; i < this.n; i++) {
      const id = ids[i]!;
      const rank = ranks[i]!;
      const since = sinces[i]!;
      const muted = isMuted ? isMuted(id) : false;
      if (!muted) {
        unmuted++;
        if (worstRank < 0 || rank < worstRank) worstRank = rank;
      }
      if (limit === 0 || (top.length === limit && compare(muted, rank, since, id, top[limit - 1]!) >= 0)) continue;
      let at = top.length;
      while (at > 0 && compare(muted, rank, since, id, top[at - 1]!) < 0) at--;
      top.splice(at, 0, { id, rank, since, muted });
      if (top.length > limit) top.pop();
    }
    return { count: this.n, unmuted, worstRank, top };
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const ids = new Float64Array(size);
    ids.set(this.ids);
    const ranks = new Uint8Array(size);
    ranks.set(this.ranks);
    const sinces = new Float64Array(size);
    sinces.set(this.sinces);
    this.ids = ids;
    this.ranks = ranks;
    this.sinces = sinces;
  }
}
