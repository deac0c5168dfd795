/**
 * Brings a run's result into view once it ends, scrolling no further than needed so as much of
 * the code as possible stays on screen: the learner keeps their place in the editor and sees what
 * the run said.
 */
function revealResult(el: HTMLElement): void {
  const verdict = el.querySelector('[data-verdict]')?.firstElementChild;
  const targets = [verdict, el.querySelector('[data-check-result]')?.firstElementChild].filter((n): n is Element => !!n);
  if (!targets.length) targets.push(el.querySelector('[data-term]')!);
  const first = targets[0]!.getBoundingClientRect();
  const bottom = Math.max(...targets.map((n) => n.getBoundingClientRect().bottom));
  const margin = 16;
  // Starlight's header, and on lesson pages its "On this page" bar, are fixed over the top of the page.
  const fixedBottom = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().bottom ?? 0;
  const header = Math.max(fixedBottom('header.header'), fixedBottom('mobile-starlight-toc nav'));
  let delta = bottom + margin - innerHeight;
  // Never push the first line of the result under the header: a long result shows its start.
  delta = Math.min(delta, first.top - header - margin);
  if (delta <= 0) return;
  const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
  scrollBy({ top: delta, behavior: smooth ? 'smooth' : 'auto' });
}

/**
 * xterm sizes itself a frame or two after the last write, and the Inspect button or check result
 * may land later still: keep the result in view while the snippet settles, until the learner
 * scrolls or types (their move wins) or a moment has passed. Returns the function that stops it.
 */
export function followResult(el: HTMLElement): () => void {
  const observer = new ResizeObserver(() => revealResult(el));
  const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    for (const type of events) removeEventListener(type, stop, true);
  };
  const timer = setTimeout(stop, 1500);
  for (const type of events) addEventListener(type, stop, { capture: true, passive: true });
  observer.observe(el); // also calls revealResult once now
  return stop;
}
