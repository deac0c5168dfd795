/**
 * A plain <textarea> behind the CodeEditor interface: used on touch screens, where Monaco is
 * unusable, and as the fallback when Monaco fails to load. Problems are listed by the session
 * below the code; here they only move the caret.
 */
import type { CodeEditor, EditorFactory } from './editor-types.ts';

export const createTextareaEditor: EditorFactory = async (host) => {
  const area = document.createElement('textarea');
  area.className = 'lp-textarea';
  area.value = host.code;
  area.spellcheck = false;
  area.autocapitalize = 'off';
  area.setAttribute('autocorrect', 'off');
  area.setAttribute('aria-label', host.label);
  area.wrap = 'off';
  const { metrics } = host;
  Object.assign(area.style, {
    fontFamily: metrics.fontFamily,
    fontSize: `${metrics.fontSize}px`,
    lineHeight: `${metrics.lineHeight}px`,
    paddingTop: `${metrics.paddingTop}px`,
    paddingBottom: `${metrics.paddingBottom}px`,
  });
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Escape')
      delete area.dataset.tabs; // then Tab leaves, as in the desktop editor
    else if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      host.onRun();
    } else if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && area.dataset.tabs === 'on') {
      e.preventDefault();
      area.setRangeText('\t', area.selectionStart, area.selectionEnd, 'end');
      area.dispatchEvent(new Event('input'));
    }
  });
  // Tab inserts a tab only after the reader starts typing, so keyboard users can still tab past.
  area.addEventListener('input', () => (area.dataset.tabs = 'on'), { once: true });
  area.addEventListener('blur', () => delete area.dataset.tabs);
  host.container.append(area);

  const lineStart = (line: number) => {
    const lines = area.value.split('\n');
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i]!.length + 1;
    return offset;
  };

  const editor: CodeEditor = {
    getValue: () => area.value,
    setValue(code) {
      area.setRangeText(code, 0, area.value.length, 'start');
      area.dispatchEvent(new Event('input'));
    },
    focus: () => area.focus(),
    type(text) {
      area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end');
      area.dispatchEvent(new Event('input'));
    },
    input: () => area,
    revealLine(line, column = 1) {
      const pos = lineStart(line) + column - 1;
      area.focus();
      area.setSelectionRange(pos, pos);
      area.scrollTop = Math.max(0, (line - 3) * metrics.lineHeight);
    },
    setProblems() {},
    onChange(listener) {
      area.addEventListener('input', () => listener(area.value));
    },
    dispose: () => area.remove(),
  };
  return editor;
};
