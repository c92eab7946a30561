/**
 * A tiny element builder. Strings become text nodes (never HTML), so names and messages from the
 * reader's YAML can be passed straight in.
 */
export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  children: Child | Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of Array.isArray(children) ? children : [children]) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

/**
 * Calls `redraw` when the element's width changes by `step` px or more since `lastWidth()` (the
 * width of the last drawing). Returns the observer (to disconnect), or null where there is none.
 */
export function onWidthChange(node: HTMLElement, lastWidth: () => number | undefined, redraw: () => void, step = 8): ResizeObserver | null {
  if (typeof ResizeObserver === 'undefined') return null;
  const observer = new ResizeObserver(() => {
    const last = lastWidth();
    if (last !== undefined && Math.abs(node.clientWidth - last) >= step) redraw();
  });
  observer.observe(node);
  return observer;
}
