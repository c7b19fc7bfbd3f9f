/**
 * DNS-rebinding guard: a web page whose name is made to resolve to 127.0.0.1 can reach the
 * sandbox from a browser, but its requests still carry that name in `Host`. Only names that
 * cannot be rebound are accepted: the listening address itself and, when that is loopback,
 * the other loopback spellings (`localhost` always resolves locally; IP literals resolve to
 * themselves), each with the listening port.
 */
import { detail, type Reply } from './reply';

/** The address the sandbox listens on. */
export const LISTEN_ADDRESS = '127.0.0.1';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Answered to a request with a foreign Host; the Host itself is never echoed. */
export const MISDIRECTED: Reply = detail(421, 'Invalid host header');

export type HostCheck = (hostHeader: string | undefined) => boolean;

export function createHostCheck(listenAddress: string, port: number): HostCheck {
  const names = LOOPBACK_NAMES.includes(listenAddress) ? LOOPBACK_NAMES : [listenAddress.toLowerCase()];
  const accepted = new Set(names.map((name) => `${name}:${port}`));
  // Clients leave out the port when it is HTTP's default.
  if (port === 80) for (const name of names) accepted.add(name);
  return (hostHeader) => hostHeader !== undefined && accepted.has(hostHeader.toLowerCase());
}
