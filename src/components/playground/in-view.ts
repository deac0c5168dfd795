/**
 * Scrolling and focus that know about Starlight's fixed header and, on lesson pages, its sticky
 * "On this page" bar: nothing the learner should look at may end up underneath them.
 */

/** Bottom edge of what is fixed over the top of the page (0 in embeds, which have none). */
export function coveredTop(): number {
  let bottom = 0;
  for (const n of document.querySelectorAll('header.header, mobile-starlight-toc nav')) {
    const r = n.getBoundingClientRect();
    if (r.height > 0) bottom = Math.max(bottom, r.bottom);
  }
  return bottom;
}

const smooth = (): ScrollBehavior => (matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth');

/**
 * Scrolls the least distance that shows `el` from its top: below the fixed bars, and as much of
 * it as fits above the bottom edge. A box taller than the viewport shows its top. With 'start',
 * its top goes right below the bars (to show as much as possible of what follows it).
 */
export function bringIntoView(el: Element, margin = 12, behavior: ScrollBehavior = smooth(), align: 'nearest' | 'start' = 'nearest'): void {
  const r = el.getBoundingClientRect();
  const top = coveredTop() + margin;
  let delta = 0;
  if (r.top < top || align === 'start') delta = r.top - top;
  else if (r.bottom > innerHeight - margin) delta = Math.min(r.bottom - innerHeight + margin, r.top - top);
  if (delta !== 0) scrollBy({ top: delta, behavior });
}

/**
 * Keeps whatever takes the focus clear of the fixed bars: the browser scrolls a focused element
 * only as far as the viewport's edge, which here is under the "On this page" bar.
 */
export function keepFocusClearOfBars(signal?: AbortSignal): void {
  addEventListener(
    'focusin',
    (e) => {
      const target = e.target;
      if (!(target instanceof Element) || target.closest('header.header, mobile-starlight-toc, [popover]')) return;
      requestAnimationFrame(() => {
        if (document.activeElement !== target) return;
        const r = target.getBoundingClientRect();
        const top = coveredTop();
        if (r.height > 0 && r.top < top + 4 && r.bottom > 0) scrollBy({ top: r.top - top - 12, behavior: 'auto' });
      });
    },
    { signal },
  );
}
