/** Rendering of one stack: user frames accented, library frames dimmed, lesson frames clickable. */
import type { ViewerStrings } from '../../i18n/strings/viewer.ts';
import { leakText } from '../../i18n/strings/leaks.ts';
import { format } from '../../i18n/index.ts';
import type { GroupClass, ViewFrame } from './types.ts';
import { visibleFrames } from './view-model.ts';
import { sandboxFile } from '../../lib/dump/program.ts';
import { h } from './dom.ts';

export type FrameClick = (file: string, line: number) => void;

export function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

export function frameLocation(f: ViewFrame, s: ViewerStrings, onFrameClick?: FrameClick): HTMLElement {
  const text = f.file ? `${f.file}:${f.line}` : '??';
  const lesson = onFrameClick ? sandboxFile(f.file) : null;
  if (lesson !== null && onFrameClick) {
    const b = h(
      'button',
      { type: 'button', class: 'llv-jump', 'aria-label': format(s.jumpToLine, { file: lesson, line: f.line }) },
      `${lesson}:${f.line}`,
    );
    b.addEventListener('click', () => onFrameClick(lesson, f.line));
    return b;
  }
  return h('span', { class: 'llv-loc', title: text }, text);
}

export function framesList(frames: readonly ViewFrame[], hideStd: boolean, s: ViewerStrings, onFrameClick?: FrameClick): HTMLElement {
  const { frames: shown, hidden } = visibleFrames(frames, hideStd);
  const ol = h('ol', { class: 'llv-frames', 'aria-label': s.framesLabel });
  for (const f of shown) {
    ol.append(
      h(
        'li',
        { class: `llv-frame k-${f.kind}` },
        h('code', { class: 'llv-func' }, f.func + (f.inlined ? ' (inlined)' : '')),
        frameLocation(f, s, onFrameClick),
      ),
    );
  }
  const wrap = h('div', {}, ol);
  if (hidden > 0) wrap.append(h('p', { class: 'llv-note' }, hidden === 1 ? s.hiddenFramesOne : format(s.hiddenFrames, { n: hidden })));
  return wrap;
}

/** A class's chip; a group the runtime proved leaked says so in its title. */
export function classChip(cls: GroupClass, s: ViewerStrings, proven = false): HTMLElement {
  return h('span', { class: `llv-chip c-${cls}`, title: proven ? s.provenTitle : null }, leakText(s, `class-${cls}`));
}
