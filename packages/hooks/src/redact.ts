/** What a secret is replaced with; chosen so that it never matches a pattern itself. */
export const REDACTED = '[REDACTED]';

interface Rule {
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const whole = (): string => REDACTED;

// Order matters: blocks and structured forms first, so that a later, looser rule
// (an assignment, a bare key) never sees half of something an earlier rule owns.
const RULES: readonly Rule[] = [
  {
    // A private key, including one cut off before its END line (transcripts are truncated).
    pattern:
      /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g,
    replace: (_m, kind = '') =>
      `-----BEGIN ${kind}PRIVATE KEY----- ${REDACTED} -----END ${kind}PRIVATE KEY-----`,
  },
  {
    // Credentials inside a URL: keep the scheme and user so the line stays readable.
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@[\]]+):([^\s/?#@]+)@/gi,
    replace: (_m, scheme = '', user = '') => `${scheme}${user}:${REDACTED}@`,
  },
  { pattern: /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: whole },
  { pattern: /\bsk-[A-Za-z0-9_-]{20,}/g, replace: whole },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}/g, replace: whole },
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g, replace: whole },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: whole },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: whole },
  { pattern: /\bAIza[0-9A-Za-z_-]{30,}/g, replace: whole },
  {
    pattern: /\b(bearer)([ \t]+)[A-Za-z0-9._~+/=-]{8,}/gi,
    replace: (_m, word = '', space = '') => `${word}${space}${REDACTED}`,
  },
  {
    // `password=...`, `"api_key": "..."`, `export GITHUB_TOKEN=...`: keep the name, drop the value.
    // The separator stays on one line so a bare "token:" heading never eats the next line.
    pattern:
      /\b([A-Za-z0-9_.-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]*)(["']?[ \t]*[:=][ \t]*)(\[REDACTED\]|"[^"\n]*"|'[^'\n]*'|[^\s,;&'"`)}\]]+)/gi,
    replace: (match, name = '', sep = '', value = '') => {
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      // Two shapes are common in coding summaries and hold no secret: token counts
      // (`max_tokens: 4096`) and function calls (`const tokens = countTokens(text)`).
      // A reference such as `$TOKEN` is still dropped: it cannot be told from a literal,
      // and a leaked literal costs more than a lost hint.
      const harmless = /tokens$/i.test(name) || /^[A-Za-z_$][\w$.]*\(/.test(value);
      return harmless || value === REDACTED || value === `${quote}${REDACTED}${quote}`
        ? match
        : `${name}${sep}${quote}${REDACTED}${quote}`;
    },
  },
];

/**
 * Replaces secrets in free text (API keys, bearer tokens, JWTs, `password=` style
 * assignments, private keys, URL credentials) with {@link REDACTED}. Idempotent.
 */
export function redact(text: string): string {
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, rule.replace as (m: string, ...g: string[]) => string);
  }
  return out;
}
