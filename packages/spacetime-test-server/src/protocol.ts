/**
 * The client protocol's messages, as the `spacetimedb` SDK defines them: `ClientMessage` and
 * `ServerMessage` from `src/sdk/client_api/types.ts`, and the v3 framing from
 * `src/sdk/websocket_v3_frames.ts`, loaded from the package itself (see host/library.ts). The
 * server encodes and decodes every message with these, never by hand.
 */
import type { BinaryReader, BinaryWriter, ConnectionId, Identity, Timestamp } from 'spacetimedb';
import { librarySource } from './host/library.js';

/** The subprotocols the SDK offers, most preferred first (`src/sdk/websocket_protocols.ts`). */
export const V3_PROTOCOL = 'v3.bsatn.spacetimedb';
export const V2_PROTOCOL = 'v2.bsatn.spacetimedb';

/** `BsatnRowList`: rows back to back, with where each starts. */
export interface RowList {
  sizeHint: { tag: 'FixedSize'; value: number } | { tag: 'RowOffsets'; value: bigint[] };
  rowsData: Uint8Array;
}
export interface QueryRows {
  tables: { table: string; rows: RowList }[];
}
export interface TableUpdate {
  tableName: string;
  rows: (
    | { tag: 'PersistentTable'; value: { inserts: RowList; deletes: RowList } }
    | { tag: 'EventTable'; value: { events: RowList } }
  )[];
}
export interface QuerySetUpdate {
  querySetId: { id: number };
  tables: TableUpdate[];
}
export interface TransactionUpdate {
  querySets: QuerySetUpdate[];
}

/** What a client sends. */
export type ClientMessage =
  | {
      tag: 'Subscribe';
      value: { requestId: number; querySetId: { id: number }; queryStrings: string[] };
    }
  | {
      tag: 'Unsubscribe';
      value: {
        requestId: number;
        querySetId: { id: number };
        flags: { tag: 'Default' | 'SendDroppedRows' };
      };
    }
  | { tag: 'OneOffQuery'; value: { requestId: number; queryString: string } }
  | {
      tag: 'CallReducer';
      value: { requestId: number; flags: number; reducer: string; args: Uint8Array };
    }
  | {
      tag: 'CallProcedure';
      value: { requestId: number; flags: number; procedure: string; args: Uint8Array };
    };

/** What the server sends. */
export type ServerMessage =
  | {
      tag: 'InitialConnection';
      value: { identity: Identity; connectionId: ConnectionId; token: string };
    }
  | {
      tag: 'SubscribeApplied';
      value: { requestId: number; querySetId: { id: number }; rows: QueryRows };
    }
  | {
      tag: 'UnsubscribeApplied';
      value: { requestId: number; querySetId: { id: number }; rows: QueryRows | undefined };
    }
  | {
      tag: 'SubscriptionError';
      value: { requestId: number | undefined; querySetId: { id: number }; error: string };
    }
  | { tag: 'TransactionUpdate'; value: TransactionUpdate }
  | {
      tag: 'OneOffQueryResult';
      value: {
        requestId: number;
        result: { tag: 'ok'; value: QueryRows } | { tag: 'err'; value: string };
      };
    }
  | {
      tag: 'ReducerResult';
      value: {
        requestId: number;
        timestamp: Timestamp;
        result:
          | { tag: 'Ok'; value: { retValue: Uint8Array; transactionUpdate: TransactionUpdate } }
          | { tag: 'OkEmpty' }
          | { tag: 'Err'; value: Uint8Array }
          | { tag: 'InternalError'; value: string };
      };
    }
  | {
      tag: 'ProcedureResult';
      value: {
        status: { tag: 'Returned'; value: Uint8Array } | { tag: 'InternalError'; value: string };
        timestamp: Timestamp;
        totalHostExecutionDuration: { __time_duration_micros__: bigint };
        requestId: number;
      };
    };

interface MessageType<M> {
  serialize(writer: BinaryWriter, value: M): void;
  deserialize(reader: BinaryReader): M;
}

/** The library's codecs for the protocol. */
export interface Protocol {
  readonly ClientMessage: MessageType<ClientMessage>;
  readonly ServerMessage: MessageType<ServerMessage>;
  /** Splits a v3 frame from a client into its encoded messages. */
  decodeClientMessagesV3(data: Uint8Array): Uint8Array[];
  /** Joins encoded server messages into one v3 frame. */
  encodeServerMessagesV3(writer: BinaryWriter, messages: readonly Uint8Array[]): Uint8Array;
}

let protocol: Promise<Protocol> | undefined;

/** Loads the protocol's codecs from the installed `spacetimedb` package (once). */
export function loadProtocol(): Promise<Protocol> {
  protocol ??= (async () => {
    const types = await librarySource('sdk/client_api/types.ts');
    const frames = await librarySource('sdk/websocket_v3_frames.ts', {
      './client_api/types': types,
    });
    return {
      ClientMessage: types['ClientMessage'] as Protocol['ClientMessage'],
      ServerMessage: types['ServerMessage'] as Protocol['ServerMessage'],
      decodeClientMessagesV3: frames[
        'decodeClientMessagesV3'
      ] as Protocol['decodeClientMessagesV3'],
      encodeServerMessagesV3: frames[
        'encodeServerMessagesV3'
      ] as Protocol['encodeServerMessagesV3'],
    };
  })();
  return protocol;
}
