/**
 * `/ws/droplets?token=JWT`: status changes from the store and a periodic ping, as envelopes
 * in the sandbox's dialect. A foreign Host fails the handshake with 421 (as HTTP routes do),
 * a missing or refused token with 403.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Authenticator } from './auth';
import type { Dialect } from './dialects/types';
import { MISDIRECTED, type HostCheck } from './host-check';
import type { SandboxStore, StatusChangeEvent } from './store';

export interface LiveChannelOptions {
  server: Server;
  auth: Authenticator;
  dialect: Dialect;
  store: SandboxStore;
  pingIntervalMs: number;
  isOwnHost: HostCheck;
}

export interface LiveChannel {
  connections(): number;
  close(): void;
}

export function attachLiveChannel({ server, auth, dialect, store, pingIntervalMs, isOwnHost }: LiveChannelOptions): LiveChannel {
  const wss = new WebSocketServer({ noServer: true });
  const clients = new Set<WebSocket>();

  const broadcast = (event: StatusChangeEvent | 'ping'): void => {
    if (clients.size === 0) return;
    const text = dialect.liveMessage(event);
    for (const ws of clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    if (!isOwnHost(req.headers.host)) return refuse(socket, MISDIRECTED.status, 'Misdirected Request', JSON.stringify(MISDIRECTED.body));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws/droplets') return refuse(socket, 404, 'Not Found');
    const token = url.searchParams.get('token');
    if (!token) return refuse(socket, 403, 'Forbidden');
    void auth.fromToken(token).then((outcome) => {
      if (!outcome.ok) return refuse(socket, 403, 'Forbidden');
      wss.handleUpgrade(req, socket, head, (ws) => {
        clients.add(ws);
        ws.on('close', () => clients.delete(ws));
        ws.on('error', () => clients.delete(ws));
      });
    });
  };

  server.on('upgrade', onUpgrade);
  const unsubscribe = store.onChange(broadcast);
  const ping = setInterval(() => broadcast('ping'), pingIntervalMs);
  ping.unref();

  return {
    connections: () => clients.size,
    close() {
      clearInterval(ping);
      unsubscribe();
      server.off('upgrade', onUpgrade);
      for (const ws of clients) ws.terminate();
      clients.clear();
      wss.close();
    },
  };
}

function refuse(socket: Duplex, status: number, reason: string, jsonBody = ''): void {
  if (socket.destroyed) return;
  const type = jsonBody ? 'Content-Type: application/json\r\n' : '';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${type}Content-Length: ${Buffer.byteLength(jsonBody)}\r\n\r\n${jsonBody}`);
}
