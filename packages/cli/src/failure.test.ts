import { describe, expect, it } from 'vitest';
import { ConnectionError, SpacesError } from '@spaces/client';
import { CliError } from './cliError.js';
import { EXIT } from './exitCodes.js';
import { failureLine, failureOf } from './failure.js';

describe('failureOf', () => {
  it('maps each core error class to its own exit status', () => {
    expect(failureOf(new SpacesError('too_long', 'x')).exitCode).toBe(EXIT.usage);
    expect(failureOf(new SpacesError('rank_too_low', 'x')).exitCode).toBe(EXIT.permission);
    expect(failureOf(new SpacesError('not_found', 'x')).exitCode).toBe(EXIT.not_found);
    expect(failureOf(new SpacesError('name_taken', 'x')).exitCode).toBe(EXIT.conflict);
    expect(failureOf(new SpacesError('internal', 'x')).exitCode).toBe(EXIT.internal);
  });

  it('gives every class a distinct status', () => {
    const statuses = [
      EXIT.usage,
      EXIT.permission,
      EXIT.not_found,
      EXIT.conflict,
      EXIT.connection,
      EXIT.internal,
    ];
    expect(new Set(statuses).size).toBe(statuses.length);
  });

  it('treats socket and store-opening errors as connection failures, also when wrapped', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3000'), {
      code: 'ECONNREFUSED',
    });
    expect(failureOf(refused)).toMatchObject({ class: 'connection', exitCode: EXIT.connection });
    expect(failureOf(new Error('fetch failed', { cause: refused })).exitCode).toBe(EXIT.connection);
    const cantOpen = Object.assign(new Error('unable to open database file'), {
      code: 'SQLITE_CANTOPEN',
    });
    expect(failureOf(cantOpen).exitCode).toBe(EXIT.connection);
  });

  it('treats the client’s unreachable-host errors as connection failures', () => {
    const timeout = new ConnectionError('no answer from http://127.0.0.1:9/spaces within 10000 ms');
    expect(failureOf(timeout)).toMatchObject({
      class: 'connection',
      code: 'connection',
      exitCode: EXIT.connection,
    });
    // By class, not by message: an internal error with the same words is still internal.
    const internal = new SpacesError('internal', 'cannot connect to http://h/db: refused');
    expect(failureOf(internal).exitCode).toBe(EXIT.internal);
  });

  it('classifies by class, never by message: anything unknown is internal', () => {
    expect(failureOf(new TypeError('host must be an http(s):// URL')).exitCode).toBe(EXIT.internal);
    expect(failureOf(new SpacesError('invalid_argument', 'host must be…')).exitCode).toBe(
      EXIT.usage,
    );
    expect(failureOf(new SpacesError('store_busy', 'locked')).exitCode).toBe(EXIT.connection);
    expect(failureOf(new SpacesError('no_store', 'none')).exitCode).toBe(EXIT.not_found);
    expect(failureOf(Object.assign(new Error('x'), { code: 'EACCES' })).exitCode).toBe(
      EXIT.connection,
    );
    expect(failureOf(Object.assign(new Error('x'), { code: 'SQLITE_ERROR' })).exitCode).toBe(
      EXIT.internal,
    );
    const misuse = Object.assign(new TypeError('x'), { code: 'ERR_INVALID_ARG_TYPE' });
    expect(failureOf(misuse).exitCode).toBe(EXIT.internal);
    expect(failureOf(new Error('boom')).exitCode).toBe(EXIT.internal);
    expect(failureOf('a string').exitCode).toBe(EXIT.internal);
  });

  it('prints one inert line with the message and the code', () => {
    const line = failureLine(
      failureOf(new CliError('not_found', 'no channel named "x"\nreally', 'not_found')),
    );
    expect(line).toBe('error: no channel named "x" really [not_found]');
    const hostile = failureLine(failureOf(new SpacesError('invalid_name', 'name "\x1b[2J\r"')));
    expect(hostile).toBe('error: name "\\x1b[2J\\r" [invalid_name]');
  });
});
