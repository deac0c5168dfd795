/**
 * The virtualised list of groups. Only rows near the viewport are in the DOM; rows have variable
 * height (an open group shows its stack), so heights are measured after rendering and cached per
 * group key, and positions come from prefix sums (view-model.ts).
 */
import type { ViewerStrings } from '../../i18n/strings/viewer.ts';
import { format } from '../../i18n/index.ts';
import type { ViewGroup } from './types.ts';
import { headlineFrame } from '../../lib/dump/frames.ts';
import { idRanges, rowOffsets, scrollToReveal, stackText, visibleRange } from './view-model.ts';
import { h, nextId } from './dom.ts';
import { copyText } from '../shared/clipboard.ts';
import { basename, classChip, frameLocation, framesList, type FrameClick } from './frames.ts';

const OVERSCAN = 6;
const ESTIMATE = 64;

export interface GroupList {
  element: HTMLElement;
  setGroups(groups: ViewGroup[], hideStd: boolean): void;
  /** Opens a group, scrolls it into view and focuses it. */
  reveal(key: string): void;
  /** Opens a group where it is, leaving focus alone. */
  expand(key: string): void;
}

export function createGroupList(s: ViewerStrings, onFrameClick?: FrameClick): GroupList {
  const idBase = nextId('llv-g');
  const scroller = h('div', { class: 'llv-scroll' });
  const list = h('div', { class: 'llv-list', role: 'list', 'aria-label': s.groupsListLabel });
  scroller.append(list);

  let groups: ViewGroup[] = [];
  let hideStd = false;
  const heights = new Map<string, number>();
  const open = new Set<string>();
  let offsets: Float64Array = new Float64Array(1);
  let rendered = new Map<string, HTMLElement>();
  let estimate = ESTIMATE;
  let frame = 0;
  let active = 0;

  function computeOffsets(): void {
    offsets = rowOffsets(groups.map((g) => heights.get(g.key) ?? estimate));
    list.style.height = `${offsets[groups.length]}px`;
  }

  function rowFor(g: ViewGroup, index: number): HTMLElement {
    const detailsId = `${idBase}-${index}`;
    const top = headlineFrame(g.frames);
    const isOpen = open.has(g.key);
    const wait =
      g.waitMax === null
        ? null
        : g.waitMin === g.waitMax
          ? format(s.waitOne, { min: g.waitMin ?? 0 })
          : format(s.waitRange, { min: g.waitMin ?? 0, max: g.waitMax });
    const button = h(
      'button',
      // Roving tabindex: one row header is in the tab order, arrows move between them, so Tab
      // leaves the list in one step however many groups there are.
      {
        type: 'button',
        class: 'llv-row-head',
        'aria-expanded': String(isOpen),
        'aria-controls': isOpen ? detailsId : null,
        'data-index': index,
        tabindex: index === active ? 0 : -1,
      },
      h('span', { class: 'llv-count' }, String(g.count)),
      h('span', { class: 'llv-state' }, g.state),
      classChip(g.cls, s, g.leaked),
      wait ? h('span', { class: 'llv-wait' }, wait) : null,
      g.bubble !== null ? h('span', { class: 'llv-wait' }, format(s.bubble, { id: g.bubble })) : null,
      ...g.labels.slice(0, 3).map((l) => h('span', { class: 'llv-label-chip' }, l)),
      h(
        'span',
        { class: 'llv-head-func' },
        h('code', {}, top?.func ?? '?'),
        top?.file ? h('span', { class: 'llv-head-loc' }, ` ${basename(top.file)}:${top.line}`) : null,
      ),
    );
    button.addEventListener('click', () => {
      setActive(index);
      toggle(g.key);
    });
    const row = h(
      'div',
      {
        class: `llv-row${isOpen ? ' is-open' : ''}`,
        role: 'listitem',
        'aria-setsize': groups.length,
        'aria-posinset': index + 1,
        'data-key': g.key,
      },
      button,
    );
    if (isOpen) row.append(details(g, detailsId));
    return row;
  }

  function details(g: ViewGroup, id: string): HTMLElement {
    const d = h('div', { class: 'llv-details', id });
    // The library writes explanations for Markdown too: `code` spans become <code>.
    const explain = h('p', { class: 'llv-explain' }, ...g.explanation.split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part)));
    if (g.chapter) explain.append(' ', h('a', { href: g.chapter }, s.readChapter));
    d.append(explain);
    const states = Object.entries(g.states);
    if (states.length > 1) {
      d.append(
        h(
          'p',
          { class: 'llv-ids' },
          h('span', { class: 'llv-label' }, s.filterState + ': '),
          states
            .sort((a, b) => b[1] - a[1])
            .map(([st, n]) => `${st} × ${n}`)
            .join(', '),
        ),
      );
    }
    d.append(framesList(g.frames, hideStd, s, onFrameClick));
    if (g.elided) d.append(h('p', { class: 'llv-note' }, s.elided));
    if (g.createdBy) {
      const cb = g.createdBy;
      d.append(
        h(
          'p',
          { class: 'llv-created' },
          h('span', { class: 'llv-label' }, s.createdBy + ' '),
          h('code', {}, cb.func),
          g.parentIds.length ? ` (goroutine ${idRanges(g.parentIds, 5).text})` : '',
          ' ',
          frameLocation(cb, s, onFrameClick),
        ),
      );
    }
    if (g.ids.length) {
      const r = idRanges(g.ids);
      d.append(
        h(
          'p',
          { class: 'llv-ids' },
          h('span', { class: 'llv-label' }, s.ids + ': '),
          r.text,
          r.rest ? ' ' + format(s.more, { n: r.rest }) : '',
        ),
      );
    }
    const copy = h('button', { type: 'button', class: 'llv-btn llv-copy' }, s.copyStack);
    copy.addEventListener('click', () => {
      void copyText(stackText(g)).then((ok) => (copy.textContent = ok ? s.copiedStack : s.copyStackFailed));
    });
    if (g.labels.length) d.append(h('p', { class: 'llv-ids' }, h('span', { class: 'llv-label' }, s.labels + ': '), g.labels.join(', ')));
    d.append(h('div', { class: 'llv-toolbar' }, copy));
    return d;
  }

  function toggle(key: string): void {
    if (open.has(key)) open.delete(key);
    else open.add(key);
    const el = rendered.get(key);
    const focused = el?.contains(document.activeElement) ?? false;
    if (el) {
      el.remove();
      rendered.delete(key);
    }
    render();
    if (focused) rendered.get(key)?.querySelector<HTMLButtonElement>('.llv-row-head')?.focus();
  }

  function render(): void {
    const { start, end } = visibleRange(offsets, scroller.scrollTop, scroller.clientHeight || 600, OVERSCAN);
    for (const [k, el] of rendered) {
      const i = Number(el.dataset.index);
      if (i < start || i >= end || groups[i]?.key !== k) {
        el.remove();
        rendered.delete(k);
      }
    }
    // Kept rows are already in index order; new ones are inserted in place, so DOM order stays the
    // visual order (screen readers read the former) without moving, and so blurring, existing rows.
    let cursor: ChildNode | null = list.firstChild;
    for (let i = start; i < end; i++) {
      const g = groups[i];
      let el = rendered.get(g.key);
      if (el === undefined) {
        el = rowFor(g, i);
        el.dataset.index = String(i);
        list.insertBefore(el, cursor);
        rendered.set(g.key, el);
      } else cursor = el.nextSibling;
      el.style.transform = `translateY(${offsets[i]}px)`;
    }
    syncTabStops();
    // Measure what was drawn; if any height differs from the estimate, re-lay out once.
    let changed = false;
    const collapsed: number[] = [];
    for (const [k, el] of rendered) {
      const hgt = el.offsetHeight;
      if (hgt === 0) continue;
      if (!open.has(k)) collapsed.push(hgt);
      if (heights.get(k) !== hgt) {
        heights.set(k, hgt);
        changed = true;
      }
    }
    if (collapsed.length && estimate === ESTIMATE) estimate = collapsed.sort((a, b) => a - b)[collapsed.length >> 1];
    if (changed) {
      computeOffsets();
      for (const [k, el] of rendered) {
        const i = Number(el.dataset.index);
        if (groups[i]?.key === k) el.style.transform = `translateY(${offsets[i]}px)`;
      }
      // Rows came out shorter than estimated: draw once more so the viewport is filled. Heights
      // are cached, so this settles after one extra frame.
      schedule();
    }
  }

  function schedule(): void {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  }

  scroller.addEventListener('scroll', schedule, { passive: true });
  if (typeof ResizeObserver !== 'undefined') new ResizeObserver(schedule).observe(scroller);

  /** Exactly one rendered header is tabbable: the active one, or the first drawn when it is off-screen. */
  function syncTabStops(): void {
    const heads = [...rendered.values()].map((el) => el.querySelector<HTMLElement>('.llv-row-head')!);
    const target =
      heads.find((hd) => Number(hd.dataset.index) === active) ?? heads.sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))[0];
    for (const hd of heads) hd.tabIndex = hd === target ? 0 : -1;
  }

  function setActive(i: number): void {
    active = i;
    syncTabStops();
  }

  function focusIndex(i: number): void {
    if (i < 0 || i >= groups.length) return;
    setActive(i);
    const to = scrollToReveal(offsets, i, scroller.scrollTop, scroller.clientHeight);
    if (to !== null) scroller.scrollTop = to;
    render();
    rendered.get(groups[i].key)?.querySelector<HTMLButtonElement>('.llv-row-head')?.focus();
  }

  list.addEventListener('keydown', (ev) => {
    const head = (ev.target as HTMLElement).closest<HTMLElement>('.llv-row-head');
    if (!head) return;
    const i = Number(head.dataset.index);
    const to =
      ev.key === 'ArrowDown' ? i + 1 : ev.key === 'ArrowUp' ? i - 1 : ev.key === 'Home' ? 0 : ev.key === 'End' ? groups.length - 1 : null;
    if (to === null) return;
    ev.preventDefault();
    focusIndex(to);
  });

  return {
    element: scroller,
    setGroups(next, nextHideStd) {
      groups = next;
      active = 0;
      if (nextHideStd !== hideStd) {
        hideStd = nextHideStd;
        // Open groups change height when frames are hidden.
        for (const k of open) heights.delete(k);
      }
      for (const el of rendered.values()) el.remove();
      rendered = new Map();
      scroller.scrollTop = 0;
      computeOffsets();
      render();
    },
    expand(key) {
      if (!open.has(key)) toggle(key);
    },
    reveal(key) {
      const i = groups.findIndex((g) => g.key === key);
      if (i < 0) return;
      if (!open.has(key)) toggle(key);
      focusIndex(i);
    },
  };
}
