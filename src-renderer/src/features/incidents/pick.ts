/** Matching of the keyboard pickers (pure: no React, no aliases, so unit tests can load it). */

export interface PickOption {
  value: string;
  /** What is shown and matched (code + name). */
  label: string;
  /** Extra words that match (e.g. the English name, the everyday words of an event type). */
  keys?: string;
}

/**
 * The options a typed text finds, best first: an exact code match, then options whose label or
 * words contain the text. Empty text: the first options. Nothing found: an empty list (the picker
 * says so in words).
 */
export function pickMatches(options: PickOption[], text: string, limit = 12): PickOption[] {
  const q = text.trim().toLowerCase();
  if (!q) return options.slice(0, limit);
  const exact = options.filter((o) => o.value.toLowerCase() === q || o.label.toLowerCase().split(' ')[0] === q);
  const rest = options.filter((o) => !exact.includes(o) && (o.label.toLowerCase().includes(q) || (o.keys ?? '').toLowerCase().includes(q)));
  return [...exact, ...rest].slice(0, limit);
}

/** Picker options of the event types: "14 地质灾害（自然灾害）", found by name, class and everyday words. */
export function typeOptions(
  classes: { code: string; name: string; en: string; types: { code: string; name: string; en: string; words?: string[] }[] }[],
  lang: string,
): PickOption[] {
  return classes.flatMap((c) =>
    c.types.map((x) => ({
      value: x.code,
      label: `${x.code} ${lang === 'en' ? x.en : x.name}（${lang === 'en' ? c.en : c.name}）`,
      keys: `${x.name} ${x.en} ${c.name} ${(x.words ?? []).join(' ')}`,
    })),
  );
}
