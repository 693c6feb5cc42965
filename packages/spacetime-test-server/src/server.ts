/**
 * The HTTP and WebSocket front of the test server: the routes the `spacetimedb` SDK (2.10) and
 * our client call (`crates/client-api/src/routes/{identity,subscribe,database}.rs`), in front of
 * one {@link Database}.
 *
 * - `POST /v1/identity`: a new identity and its token.
 * - `POST /v1/identity/websocket-token` (Bearer token): a 60-second token for the same identity.
 * - `GET /v1/identity/public-key`: the key tokens are signed with.
 * - `GET /v1/ping`: 200, to tell a live server from a dead port.
 * - `GET /v1/database/:name/subscribe`, upgraded to a WebSocket speaking `v3.bsatn.spacetimedb`
 *   (preferred, as the SDK offers it first) or `v2.bsatn.spacetimedb`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { BinaryReader, BinaryWriter, ConnectionId, type Identity } from 'spacetimedb';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Client, Database } from './database.js';
import type { ClientMessage, Protocol, ServerMessage } from './protocol.js';
import { V2_PROTOCOL, V3_PROTOCOL, loadProtocol } from './protocol.js';
import { TokenError, type Tokens } from './tokens.js';

export interface ServerOptions {
  readonly database: Database;
  readonly tokens: Tokens;
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Receives one line per connection event, for `--verbose`. */
  readonly log?: (line: string) => void;
}

/** A running server. */
export class TestServer {
  private readonly sessions = new Set<Session>();

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    readonly url: string,
  ) {}

  /** Starts listening on 127.0.0.1. */
  static async start(options: ServerOptions): Promise<TestServer> {
    const protocol = await loadProtocol();
    const wss = new WebSocketServer({
      noServer: true,
      // The SDK offers v3 then v2; v3 frames carry one or more v2 messages back to back.
      handleProtocols: (offered) =>
        offered.has(V3_PROTOCOL) ? V3_PROTOCOL : offered.has(V2_PROTOCOL) ? V2_PROTOCOL : false,
    });
    const http = createServer();
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = http.address() as { port: number };
    const server = new TestServer(http, wss, `http://127.0.0.1:${port}`);
    http.on('request', (req, res) => void server.route(req, res, options));
    http.on(
      'upgrade',
      (req, socket, head) => void server.upgrade(req, socket, head, options, protocol),
    );
    return server;
  }

  /** Closes every connection (running `client_disconnected` for each), then the server. */
  async close(): Promise<void> {
    for (const session of this.sessions) session.close();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse, options: ServerOptions) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method === 'GET' && url.pathname === '/v1/ping') return void res.end();
      if (req.method === 'POST' && url.pathname === '/v1/identity') {
        const { identity, token } = await options.tokens.issue();
        return json(200, { identity: identity.toHexString(), token });
      }
      if (req.method === 'POST' && url.pathname === '/v1/identity/websocket-token') {
        const bearer = bearerOf(req);
        if (!bearer) return json(401, { error: 'an Authorization: Bearer token is required' });
        return json(200, { token: await options.tokens.shortLived(bearer) });
      }
      if (req.method === 'GET' && url.pathname === '/v1/identity/public-key') {
        res.writeHead(200, { 'content-type': 'application/pem-certificate-chain' });
        return void res.end(await options.tokens.publicKeyPem());
      }
      json(404, { error: `the test server has no route ${req.method} ${url.pathname}` });
    } catch (e) {
      if (e instanceof TokenError) return json(401, { error: e.message });
      json(500, { error: String(e) });
    }
  }

  private async upgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    options: ServerOptions,
    protocol: Protocol,
  ) {
    const refuse = (status: number, message: string) => {
      socket.end(
        `HTTP/1.1 ${status} ${STATUS[status]}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
      );
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/v1\/database\/([^/]+)\/subscribe$/.exec(url.pathname);
    const db = options.database;
    if (!match || decodeURIComponent(match[1]!) !== db.name)
      return refuse(404, `no database at ${url.pathname}`);
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (!offered.includes(V3_PROTOCOL) && !offered.includes(V2_PROTOCOL))
      return refuse(400, `offer a subprotocol: ${V3_PROTOCOL} or ${V2_PROTOCOL}`);
    let identity: Identity;
    let token: string;
    let payload: string;
    try {
      token =
        url.searchParams.get('token') ?? bearerOf(req) ?? (await options.tokens.issue()).token;
      ({ identity, payload } = await options.tokens.verify(token));
    } catch (e) {
      if (e instanceof TokenError) return refuse(401, e.message);
      throw e;
    }
    const hex = url.searchParams.get('connection_id');
    const connectionId =
      hex && /^[0-9a-fA-F]{1,32}$/.test(hex) && BigInt(`0x${hex}`) !== 0n
        ? BigInt(`0x${hex}`)
        : BigInt(`0x${randomBytes(16).toString('hex')}`);
    // The same choice `handleProtocols` makes, known before the handshake so that messages
    // queued until then are framed for it.
    const negotiated = offered.includes(V3_PROTOCOL) ? V3_PROTOCOL : V2_PROTOCOL;
    const session = new Session(
      identity,
      connectionId,
      payload,
      negotiated,
      protocol,
      db,
      options.log,
    );
    const opened = db.connect(session);
    if (!opened.ok) return refuse(403, `client_connected refused the connection: ${opened.error}`);
    session.send({
      tag: 'InitialConnection',
      value: { identity, connectionId: new ConnectionId(connectionId), token },
    });
    this.sessions.add(session);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      session.attach(ws);
      ws.on('close', () => {
        this.sessions.delete(session);
        session.close();
      });
    });
  }
}

const STATUS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
};

function bearerOf(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
  return m?.[1];
}

/** One WebSocket connection: a {@link Client} of the database. */
class Session implements Client {
  private ws: WebSocket | undefined;
  private readonly pending: Uint8Array[] = [];
  private closed = false;
  private readonly writer = new BinaryWriter(1024);
  private readonly frameWriter = new BinaryWriter(1024);

  constructor(
    readonly identity: Identity,
    readonly connectionId: bigint,
    readonly jwtPayload: string,
    private readonly negotiated: string,
    private readonly protocol: Protocol,
    private readonly db: Database,
    private readonly log: ((line: string) => void) | undefined,
  ) {}

  attach(ws: WebSocket): void {
    this.ws = ws;
    this.log?.(`connected ${this.identity.toHexString().slice(0, 16)} (${ws.protocol})`);
    for (const frame of this.pending.splice(0)) ws.send(frame);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return ws.close(1003, 'the protocol is binary (BSATN)');
      try {
        this.receive(new Uint8Array(data as Buffer));
      } catch (e) {
        this.log?.(`closing ${this.identity.toHexString().slice(0, 16)}: ${String(e)}`);
        ws.close(1002, 'malformed message');
      }
    });
  }

  /** Encodes a message with the library's `ServerMessage`, framed for the negotiated protocol. */
  send(message: ServerMessage): void {
    if (this.closed) return;
    this.writer.clear();
    this.protocol.ServerMessage.serialize(this.writer, message);
    let body: Uint8Array = this.writer.getBuffer();
    if (this.negotiated === V3_PROTOCOL) {
      body = this.protocol.encodeServerMessagesV3(this.frameWriter, [body.slice()]);
    }
    // The first byte names the compression: always none. The SDK decompresses asynchronously,
    // so a compressed message could overtake an uncompressed one sent after it.
    const frame = new Uint8Array(body.length + 1);
    frame.set(body, 1);
    if (this.ws) this.ws.send(frame);
    else this.pending.push(frame);
  }

  private receive(data: Uint8Array): void {
    const messages =
      this.negotiated === V3_PROTOCOL ? this.protocol.decodeClientMessagesV3(data) : [data];
    for (const bytes of messages) {
      const message = this.protocol.ClientMessage.deserialize(new BinaryReader(bytes));
      this.dispatch(message);
    }
  }

  private dispatch(message: ClientMessage): void {
    const db = this.db;
    switch (message.tag) {
      case 'Subscribe':
        return db.subscribe(
          this,
          message.value.requestId,
          message.value.querySetId.id,
          message.value.queryStrings,
        );
      case 'Unsubscribe':
        return db.unsubscribe(
          this,
          message.value.requestId,
          message.value.querySetId.id,
          message.value.flags.tag === 'SendDroppedRows',
        );
      case 'OneOffQuery':
        return db.oneOffQuery(this, message.value.requestId, message.value.queryString);
      case 'CallReducer':
        return db.callReducer(
          this,
          message.value.requestId,
          message.value.reducer,
          message.value.args,
        );
      case 'CallProcedure':
        return this.send({
          tag: 'ProcedureResult',
          value: {
            requestId: message.value.requestId,
            status: { tag: 'InternalError', value: 'the test server does not run procedures' },
            timestamp: { __timestamp_micros_since_unix_epoch__: db.now() } as never,
            totalHostExecutionDuration: { __time_duration_micros__: 0n },
          },
        });
    }
  }

  /** Ends the session: the database runs `client_disconnected` once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.disconnect(this);
    this.ws?.close();
  }
}
