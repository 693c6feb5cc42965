import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from './redact.js';
import { PLANTED_KEY, PLANTED_PASSWORD } from './testing/fixtures.js';

const chars = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64URL = `${ALNUM}_-`;

/** A secret of every kind we promise to catch, and the part of it that must not survive. */
const secret: fc.Arbitrary<{ text: string; hidden: string }> = fc.oneof(
  chars(B64URL, 40, 90).map((k) => ({ text: `sk-ant-api03-${k}`, hidden: k })),
  chars(B64URL, 20, 60).map((k) => ({ text: `sk-proj-${k}`, hidden: k })),
  fc
    .tuple(fc.constantFrom('ghp', 'gho', 'ghu', 'ghs'), chars(ALNUM, 36, 40))
    .map(([p, k]) => ({ text: `${p}_${k}`, hidden: k })),
  chars(`${ALNUM}_`, 40, 82).map((k) => ({ text: `github_pat_${k}`, hidden: k })),
  chars(UPPER_NUM, 16, 16).map((k) => ({ text: `AKIA${k}`, hidden: k })),
  fc
    .tuple(fc.constantFrom('b', 'p'), chars(`${ALNUM}-`, 20, 50))
    .map(([t, k]) => ({ text: `xox${t}-1234-${k}`, hidden: k })),
  chars(B64URL, 35, 35).map((k) => ({ text: `AIza${k}`, hidden: k })),
  chars(`${ALNUM}._~+/-`, 12, 60).map((k) => ({ text: `Authorization: Bearer ${k}`, hidden: k })),
  fc
    .tuple(chars(B64URL, 10, 40), chars(B64URL, 10, 80), chars(B64URL, 20, 60))
    .map(([h, p, s]) => ({ text: `eyJ${h}.eyJ${p}.${s}`, hidden: `${p}.${s}` })),
  fc
    .tuple(
      fc.constantFrom(
        'password',
        'PASSWORD',
        'db_password',
        'secret',
        'api_key',
        'apiKey',
        'token',
        'GITHUB_TOKEN',
        'client-secret',
      ),
      fc.constantFrom('=', ': ', ' = ', '="', "='", '": "'),
      chars(`${ALNUM}!#$%*+-_./@`, 8, 30),
    )
    .map(([name, sep, value]) => {
      const close = sep.endsWith('"') ? '"' : sep.endsWith("'") ? "'" : '';
      const open = sep.startsWith('"') ? '"' : '';
      return { text: `${open}${name}${sep}${value}${close}`, hidden: value };
    }),
  fc
    .tuple(fc.constantFrom('postgres', 'https', 'redis', 'mongodb+srv'), chars(ALNUM, 8, 30))
    .map(([scheme, pw]) => ({
      text: `${scheme}://admin:${pw}@db.example.com:5432/app`,
      hidden: pw,
    })),
  fc
    .tuple(fc.constantFrom('', 'RSA ', 'EC ', 'OPENSSH '), chars(`${ALNUM}+/=\n`, 64, 400))
    .map(([kind, body]) => ({
      text: `-----BEGIN ${kind}PRIVATE KEY-----\nMII${body}\n-----END ${kind}PRIVATE KEY-----`,
      hidden: `MII${body}`,
    })),
);

/** Prose around a secret: anything, separated from it by whitespace. */
const prose = fc.string({ maxLength: 60 });

describe('redact', () => {
  it('law: a planted secret never survives redaction, whatever surrounds it', () => {
    fc.assert(
      fc.property(prose, secret, prose, (before, s, after) => {
        const out = redact(`${before} ${s.text}\n${after}`);
        expect(out).not.toContain(s.hidden);
        expect(out).toContain(REDACTED);
      }),
    );
  });

  it('law: redaction is idempotent', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            prose,
            secret.map((s) => s.text),
          ),
        ),
        (parts) => {
          const once = redact(parts.join(' '));
          expect(redact(once)).toBe(once);
        },
      ),
    );
  });

  it('law: text with no secret-shaped token is left exactly as it was', () => {
    fc.assert(
      fc.property(
        chars('abcdefghijklmnopqrstuvwxyz .,!?\n', 0, 200).filter((s) => !/bearer/.test(s)),
        (text) => {
          expect(redact(text)).toBe(text);
        },
      ),
    );
  });

  it.each([
    [`key ${PLANTED_KEY} here`, `key ${REDACTED} here`],
    ['export DB_PASSWORD=hunter2secret && npm test', `export DB_PASSWORD=${REDACTED} && npm test`],
    ['{"password": "hunter2secret", "user": "ann"}', `{"password": "${REDACTED}", "user": "ann"}`],
    [
      'curl -H "Authorization: Bearer abc.def-123456"',
      `curl -H "Authorization: Bearer ${REDACTED}"`,
    ],
    [
      'git clone https://bob:s3cr3tpass@github.com/x/y',
      `git clone https://bob:${REDACTED}@github.com/x/y`,
    ],
    ['aws AKIAIOSFODNN7EXAMPLE ok', `aws ${REDACTED} ok`],
    ['slack xoxb-123456789012-abcdefABCDEF', `slack ${REDACTED}`],
    ['token: abcdef123 and more', `token: ${REDACTED} and more`],
  ])('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('keeps a heading such as "token:" from eating the next line', () => {
    expect(redact('token:\nthe next line')).toBe('token:\nthe next line');
  });

  it('redacts a private key cut off before its END line', () => {
    const out = redact('here:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7v');
    expect(out).not.toContain('MIIEow');
    expect(out).toContain(`-----BEGIN RSA PRIVATE KEY----- ${REDACTED}`);
  });

  it('leaves ordinary code and prose alone', () => {
    const text =
      'const tokens = countTokens(text); // ask-for-help, task-runner, https://example.com/a';
    expect(redact(text)).toBe(text);
    expect(redact(PLANTED_PASSWORD)).toBe(PLANTED_PASSWORD);
  });
});

describe('redact, known harmless shapes', () => {
  it('keeps token counts and function calls, but not references', () => {
    expect(redact('max_tokens: 4096, input_tokens=12')).toBe('max_tokens: 4096, input_tokens=12');
    expect(redact('password = readPassword(file)')).toBe('password = readPassword(file)');
    expect(redact('export GH_TOKEN=$MY_TOKEN')).toBe(`export GH_TOKEN=${REDACTED}`);
  });
});
