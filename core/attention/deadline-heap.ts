/**
 * A min-heap of (deadline, id) pairs: lateness is judged by popping what fell due, not by
 * re-checking every droplet each poll. Entries are never removed early; a caller drops the
 * stale ones it pops (a newer beat moved that droplet's deadline).
 */
export class DeadlineHeap {
  private at: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.at.length;
  }

  push(deadline: number, id: number): void {
    const at = this.at;
    const ids = this.ids;
    let i = at.length;
    at.push(deadline);
    ids.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (at[p]! <= deadline) break;
      at[i] = at[p]!;
      ids[i] = ids[p]!;
      i = p;
    }
    at[i] = deadline;
    ids[i] = id;
  }

  /** The earliest deadline; Infinity when empty. */
  peek(): number {
    return this.at.length > 0 ? this.at[0]! : Infinity;
  }

  /** Removes the earliest entry and answers its id (the heap must not be empty). */
  pop(): number {
    const at = this.at;
    const ids = this.ids;
    const top = ids[0]!;
    const lastAt = at.pop()!;
    const lastId = ids.pop()!;
    const n = at.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && at[r]! < at[l]! ? r : l;
        if (at[c]! >= lastAt) break;
        at[i] = at[c]!;
        ids[i] = ids[c]!;
        i = c;
      }
      at[i] = lastAt;
      ids[i] = lastId;
    }
    return top;
  }

  clear(): void {
    this.at = [];
    this.ids = [];
  }
}
