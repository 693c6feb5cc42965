/** A found secret: `[start, end)` offsets into the text that was scanned. */
export type SecretRange = readonly [number, number];

type Scan = (text: string) => Promise<SecretRange[]>;

let scanner: Promise<Scan> | undefined;

/**
 * secretlint with the rules of its recommended preset (`@secretlint/secretlint-rule-preset-recommend`),
 * loaded on first use. The rules are registered one by one rather than as the preset because the
 * preset includes `filter-comments`, which lets a `secretlint-disable` comment in the scanned text
 * switch detection off: text we scan is written by whoever wrote the transcript, so it must not
 * be able to do that (and secretlint 11 ignores `disabled` for a rule inside a preset).
 */
function loadScanner(): Promise<Scan> {
  return (scanner ??= (async () => {
    const [{ lintSource }, { rules }] = await Promise.all([
      import('@secretlint/core'),
      import('@secretlint/secretlint-rule-preset-recommend'),
    ]);
    const config = {
      rules: rules
        .filter((rule) => !rule.meta.id.endsWith('/secretlint-rule-filter-comments'))
        .map((rule) => ({ id: rule.meta.id, rule })),
    };
    return async (text: string) => {
      const result = await lintSource({
        source: { content: text, filePath: 'hook-output.txt', contentType: 'text' },
        options: { config, noPhysicFilePath: true },
      });
      return result.messages.map((m): SecretRange => [m.range[0], m.range[1]]);
    };
  })());
}

/** Where secretlint's recommended rules find secrets in `text`. */
export async function secretlintRanges(text: string): Promise<SecretRange[]> {
  if (text === '') return [];
  return (await loadScanner())(text);
}
