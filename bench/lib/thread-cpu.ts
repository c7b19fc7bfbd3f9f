/**
 * CPU time of this process's main thread alone (Linux /proc), so a figure can say what main's
 * thread spent apart from the GC, compiler and libuv threads that process.cpuUsage also counts.
 * Unlike event-loop utilisation it is CPU time, so a busy machine that preempts the thread
 * mid-task does not inflate it.
 */
import { readFileSync } from 'node:fs';
import { TICKS_PER_SECOND } from './process-tree-cpu';

/** Main thread's user + system CPU in ms (10 ms resolution), or null where /proc has no such file. */
export function mainThreadCpuMs(): number | null {
  try {
    // The main thread's task id is the process id.
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
