/**
 * The viewer's timeline: several dumps of one process (or a `leaklab watch --save` folder) as one
 * series. Each group's count over time is a small inline SVG chart, suspects first, judged by the
 * same rule and library code as `leaklab watch` (src/lib/dump/series.ts). Clicking a group opens
 * its stack and what changed between its first and last dump. Files are read in the page; nothing
 * is uploaded. Loaded only when several files are opened, so the single-dump page stays light.
 */
import { format, type Locale } from '../../i18n/index.ts';
import { timelineStrings, type TimelineStrings } from '../../i18n/strings/timeline.ts';
import {
  readDump,
  createSeries,
  judgeAll,
  groupChange,
  isRuntimeFrame,
  isUserFrame,
  MIN_GROWTH,
  MIN_SAMPLES,
  WINDOW,
  type JudgedSeries,
} from '../../lib/dump/index.ts';
import css from './timeline.css?inline';
import { h, injectCss } from './dom.ts';
import { orderSamples } from './timeline-files.ts';

/** Groups listed before "show all": the suspects always, then the largest. */
const FIRST_ROWS = 40;
const CHART_W = 160;
const CHART_H = 36;

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** A line chart of counts over time, scaled from 0 to the series' maximum. */
export function chart(counts: readonly number[], times: readonly number[], label: string): SVGElement {
  const el = svg('svg', { width: CHART_W, height: CHART_H, viewBox: `0 0 ${CHART_W} ${CHART_H}`, role: 'img', class: 'llt-chart' });
  el.append(Object.assign(document.createElementNS(SVG, 'title'), { textContent: label }));
  const max = Math.max(1, ...counts);
  const t0 = times[0];
  const span = Math.max(1, times[times.length - 1] - t0);
  const pad = 3;
  const pts = counts.map((c, i) => {
    const x = pad + ((times[i] - t0) / span) * (CHART_W - 2 * pad);
    const y = CHART_H - pad - (c / max) * (CHART_H - 2 * pad);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  el.append(svg('line', { x1: pad, x2: CHART_W - pad, y1: CHART_H - pad, y2: CHART_H - pad, class: 'llt-axis' }));
  el.append(svg('polyline', { points: pts.join(' '), class: 'llt-line', fill: 'none' }));
  const [lx, ly] = pts[pts.length - 1].split(',');
  el.append(svg('circle', { cx: lx, cy: ly, r: 2.5, class: 'llt-dot' }));
  return el;
}

function timeText(t: number, locale: Locale): string {
  return new Date(t).toLocaleTimeString(locale === 'zh-cn' ? 'zh-CN' : 'en-GB', { hour12: false });
}

function rateText(perMinute: number): string {
  const r = Math.round(perMinute * 10) / 10;
  return (r > 0 ? '+' : '') + r;
}

export interface Timeline {
  element: HTMLElement;
  /** Reads and shows the files; resolves with the number of dumps read. */
  open(files: readonly File[]): Promise<number>;
  clear(): void;
}

export function createTimeline(locale: Locale, status: HTMLElement): Timeline {
  injectCss('llt-css', css);
  const s: TimelineStrings = timelineStrings[locale];
  const element = h('section', { class: 'llt-timeline', 'aria-labelledby': 'llt-h', hidden: true, 'data-llv-timeline': true });

  function verdictText(j: JudgedSeries): string {
    const v = j.verdict;
    if (!v.suspect) return s.whyNot;
    if (v.proven) return s.whyProven;
    return format(s.whyGrowing, { rises: v.rises, steps: v.steps, from: v.from, to: v.to, state: j.series.state });
  }

  function detail(j: JudgedSeries, n: number, close: () => void): HTMLElement {
    const g = j.series;
    const c = groupChange(g);
    const closeBtn = h('button', { type: 'button', class: 'llv-btn llt-close' }, s.close);
    closeBtn.addEventListener('click', close);
    const frames = h('ol', { class: 'llv-frames' });
    for (const f of g.last.frames) {
      const kind = isRuntimeFrame(f) ? 'runtime' : isUserFrame(f) ? 'user' : 'std';
      frames.append(
        h(
          'li',
          { class: `llv-frame k-${kind}` },
          h('code', { class: 'llv-func' }, f.func),
          h('span', { class: 'llv-loc' }, `${f.file || '?'}:${f.line}`),
        ),
      );
    }
    const ids = (xs: number[]) => xs.slice(0, 12).join(', ') + (xs.length > 12 ? ', …' : '');
    return h(
      'div',
      { class: 'llt-detail', role: 'region', 'aria-labelledby': 'llt-detail-h', 'data-llt-detail': true },
      h('div', { class: 'llt-detail-head' }, h('h4', { id: 'llt-detail-h' }, format(s.detailHeading, { fn: g.function, n })), closeBtn),
      h('p', {}, verdictText(j)),
      h('h5', {}, s.diffHeading),
      h('p', { 'data-llt-diff': true }, format(s.diffCounts, { before: c.before, after: c.after })),
      c.persistent.length > 0 ? h('p', {}, format(s.persistent, { n: c.persistent.length, ids: ids(c.persistent) })) : null,
      c.added.length > 0 ? h('p', {}, format(s.added, { n: c.added.length })) : null,
      h('h5', {}, s.stackHeading),
      frames,
    );
  }

  function render(judged: JudgedSeries[], times: number[]): void {
    const n = times.length;
    const suspects = judged.filter((j) => j.verdict.suspect);
    const list = h('ul', { class: 'llt-list', 'aria-label': s.heading });
    const detailHost = h('div', {});
    let shownAll = false;
    const rows = (all: boolean) => {
      list.replaceChildren();
      const visible = all ? judged : judged.filter((j, i) => j.verdict.suspect || i < FIRST_ROWS);
      for (const j of visible) {
        const g = j.series;
        const badge = j.verdict.proven ? s.proven : j.verdict.suspect ? s.suspect : null;
        const btn = h(
          'button',
          { type: 'button', class: 'llt-row', 'aria-expanded': 'false', 'data-llt-key': g.key },
          h(
            'span',
            { class: 'llt-name' },
            badge ? h('span', { class: `llt-badge${j.verdict.proven ? ' is-proven' : ''}` }, badge) : null,
            h('code', {}, g.function),
            h('span', { class: 'llt-meta' }, `${g.location.slice(g.location.lastIndexOf('/') + 1)} · ${g.state}`),
          ),
          chart(g.counts, times, format(s.chartLabel, { fn: g.function, counts: g.counts.join(', ') })),
          h(
            'span',
            { class: 'llt-nums' },
            h('strong', {}, `${g.counts[0]} → ${g.counts[n - 1]}`),
            h('span', {}, format(s.perMinute, { rate: rateText(j.verdict.perMinute) })),
          ),
        );
        btn.addEventListener('click', () => {
          for (const b of list.querySelectorAll('.llt-row')) b.setAttribute('aria-expanded', 'false');
          btn.setAttribute('aria-expanded', 'true');
          const d = detail(j, n, () => {
            detailHost.replaceChildren();
            btn.setAttribute('aria-expanded', 'false');
            btn.focus();
          });
          detailHost.replaceChildren(d);
          d.querySelector<HTMLElement>('h4')?.setAttribute('tabindex', '-1');
          d.querySelector<HTMLElement>('h4')?.focus();
        });
        list.append(h('li', { class: j.verdict.suspect ? 'is-suspect' : '' }, btn));
      }
      if (!all && visible.length < judged.length) {
        const more = h('button', { type: 'button', class: 'llv-btn' }, format(s.showAll, { n: judged.length }));
        more.addEventListener('click', () => {
          shownAll = true;
          rows(shownAll);
        });
        list.append(h('li', {}, more));
      }
    };
    rows(false);
    element.replaceChildren(
      h('h2', { id: 'llt-h' }, s.heading),
      h(
        'p',
        { class: 'llt-summary', 'data-llt-summary': true },
        format(s.summary, {
          n,
          from: timeText(times[0], locale),
          to: timeText(times[n - 1], locale),
          groups: judged.length,
          suspects: suspects.length,
        }),
      ),
      ...(suspects.length === 0 ? [h('p', { class: 'llt-none' }, s.noSuspect)] : []),
      h('p', { class: 'llv-small' }, format(s.rule, { minSamples: MIN_SAMPLES, window: WINDOW, minGrowth: MIN_GROWTH }), ' ', s.ordered),
      detailHost,
      list,
    );
    element.hidden = false;
  }

  function clear(): void {
    element.hidden = true;
    element.replaceChildren();
  }

  return {
    element,
    clear,
    async open(files) {
      status.classList.remove('is-error');
      status.textContent = format(s.reading, { n: files.length });
      const series = createSeries();
      const skipped: string[] = [];
      for (const sample of orderSamples(files)) {
        // One file per turn: the page stays responsive while a long series is read.
        await new Promise((r) => setTimeout(r, 0));
        const dump = readDump(new Uint8Array(await sample.file.arrayBuffer()), { details: false }).dump;
        if (dump.goroutines.length === 0) {
          skipped.push(format(s.unreadable, { name: sample.file.name }));
          continue;
        }
        const leakDump = sample.leak ? readDump(new Uint8Array(await sample.leak.arrayBuffer()), { details: false }).dump : null;
        series.add({ time: sample.time, dump, leakDump });
      }
      const n = series.times.length;
      if (n < 2) {
        status.classList.add('is-error');
        status.textContent = [format(s.needTwo, { n }), ...skipped].join(' ');
        clear();
        return n;
      }
      status.textContent = skipped.join(' ');
      render(judgeAll(series), [...series.times]);
      return n;
    },
  };
}
