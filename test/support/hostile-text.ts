/**
 * Server text built to be mistaken for markup: any droplet can register any name, and an
 * Orchestrator's answers are not ours. A view that renders it as HTML grows the elements below.
 */
export const HOSTILE_TAGS = ['a', 'b', 'img', 'script', 'iframe'] as const;

/** A field's value full of markup and a link; `label` keeps each field's text apart. */
export function hostile(label: string): string {
  return `${label}<b>bold</b><a href="https://evil.example/${label}">open me</a><img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=2</script><iframe src="https://evil.example/"></iframe>`;
}

/** Elements the hostile text would have created inside `root` (none when shown as text). */
export function injectedElements(root: Element): Element[] {
  return [...root.querySelectorAll(HOSTILE_TAGS.join(','))].filter((el) => el.closest('[data-hostile-ok]') === null);
}
