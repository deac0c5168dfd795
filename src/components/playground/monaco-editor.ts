/**
 * Monaco behind the CodeEditor interface. Loaded with import() only when a snippet comes into
 * view or is focused; everything heavy (Monaco, its CSS, Shiki's Go grammar) lives in this chunk.
 * Monaco's own CSS imports become <style> injections when this chunk runs (vite-monaco-css.mjs),
 * because Astro would otherwise link them from every page.
 */
import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { createHighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { shikiToMonaco } from '@shikijs/monaco';
import { DARK_THEME, LIGHT_THEME, loadThemes } from './themes.ts';
import type { CodeEditor, EditorFactory, EditorHost, EditorProblem } from './editor-types.ts';

let setup: Promise<void> | undefined;

/** Monaco's horizontal scrollbar; playground.css reserves the same under the static code. */
const SCROLLBAR_PX = 10;

function currentTheme(): string {
  return document.documentElement.dataset.theme === 'light' ? LIGHT_THEME : DARK_THEME;
}

function setupOnce(): Promise<void> {
  setup ??= (async () => {
    (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
      getWorker: () => new EditorWorker(),
    };

    const highlighter = await createHighlighterCore({
      themes: await loadThemes(),
      langs: [import('shiki/langs/go.mjs')],
      engine: createJavaScriptRegexEngine(),
    });
    monaco.languages.register({ id: 'go' });
    // Shiki only colours tokens; brackets, auto-closing and comment toggling come from here.
    monaco.languages.setLanguageConfiguration('go', {
      comments: { lineComment: '//', blockComment: ['/*', '*/'] },
      brackets: [
        ['{', '}'],
        ['[', ']'],
        ['(', ')'],
      ],
      autoClosingPairs: [
        { open: '{', close: '}' },
        { open: '[', close: ']' },
        { open: '(', close: ')' },
        { open: '"', close: '"' },
        { open: '`', close: '`' },
      ],
      surroundingPairs: [
        { open: '{', close: '}' },
        { open: '[', close: ']' },
        { open: '(', close: ')' },
        { open: '"', close: '"' },
        { open: '`', close: '`' },
      ],
    });
    shikiToMonaco(highlighter, monaco as unknown as Parameters<typeof shikiToMonaco>[1]);
    monaco.editor.setTheme(currentTheme());

    // Starlight's theme switch only flips data-theme on <html>; follow it.
    new MutationObserver(() => monaco.editor.setTheme(currentTheme())).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme'],
    });
  })();
  return setup;
}

export const createMonacoEditor: EditorFactory = async (host: EditorHost): Promise<CodeEditor> => {
  await setupOnce();
  const { metrics } = host;
  const editor = monaco.editor.create(host.container, {
    value: host.code,
    language: 'go',
    theme: currentTheme(),
    ariaLabel: host.label,
    fontFamily: metrics.fontFamily,
    fontSize: metrics.fontSize,
    lineHeight: metrics.lineHeight,
    padding: { top: metrics.paddingTop, bottom: metrics.paddingBottom },
    // Go is indented with tabs that gofmt shows 4 wide in the static rendering too.
    tabSize: 4,
    insertSpaces: false,
    detectIndentation: false,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    glyphMargin: false,
    folding: false,
    lineNumbersMinChars: 3,
    lineDecorationsWidth: 12,
    overviewRulerLanes: 0,
    overviewRulerBorder: false,
    hideCursorInOverviewRuler: true,
    renderLineHighlight: 'none',
    // Off so the editor looks exactly like the static rendering it replaces. Bracket colours are
    // a model setting that Monaco re-reads from its configuration service whenever any editor's
    // options change, and only the dotted key reaches that service.
    ...({ 'bracketPairColorization.enabled': false } as object),
    guides: { indentation: false },
    renderLineHighlightOnlyWhenFocus: true,
    stickyScroll: { enabled: false },
    fixedOverflowWidgets: true,
    automaticLayout: true,
    // Let the page scroll when the wheel reaches the end of a short snippet.
    scrollbar: { alwaysConsumeMouseWheel: false, verticalScrollbarSize: 10, horizontalScrollbarSize: SCROLLBAR_PX },
  });

  editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => host.onRun());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => host.onRun());
  editor.onDidFocusEditorText(() => editor.updateOptions({ renderLineHighlight: 'line' }));

  // Tab never edits code the learner has not started editing, and never traps: until they type or
  // click into the code, Tab and Shift+Tab move focus on (Monaco's tab-focus idea, per editor and
  // decided here, as the Go Tour does). Once they edit, Tab indents; Escape makes the next Tab
  // leave, as in VS Code, and Ctrl+M makes Tab leave for good. Leaving the editor ends the
  // editing, so a keyboard user who tabs back in is not trapped. Focus is moved by hand because
  // Monaco keeps more than one focusable element inside; the browser's own Tab order from its
  // edit surface could land on another of them instead of leaving.
  const tabOut = editor.createContextKey<boolean>('leaklabTabOut', true);
  let tabFocusMode = false;
  let editing = false;
  let escaped = false;
  let focused = false;
  let programmatic = false;
  const sync = () => {
    const out = tabFocusMode || !editing || escaped;
    tabOut.set(out);
    host.onTabModeChange?.(focused && (tabFocusMode || !editing));
  };
  const startEditing = () => {
    editing = true;
    escaped = false;
    sync();
  };
  const leave = (direction: 1 | -1) => {
    escaped = false;
    focusBeside(host.container, direction);
  };
  editor.addCommand(monaco.KeyCode.Tab, () => leave(1), 'leaklabTabOut');
  editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Tab, () => leave(-1), 'leaklabTabOut');
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM, () => {
    tabFocusMode = !tabFocusMode;
    sync();
  });
  editor.onKeyDown((e) => {
    if (e.keyCode === monaco.KeyCode.Escape) escaped = true;
    else if (e.keyCode !== monaco.KeyCode.Tab && e.keyCode !== monaco.KeyCode.Shift) escaped = false;
    sync();
  });
  editor.onMouseDown(startEditing);
  editor.onDidChangeModelContent(() => {
    if (!programmatic) startEditing();
  });
  editor.onDidFocusEditorText(() => {
    focused = true;
    sync();
  });
  editor.onDidBlurEditorText(() => {
    focused = false;
    editing = false;
    escaped = false;
    sync();
  });

  // Grow with the code up to the container's CSS max-height, then scroll inside. The height always
  // includes room for the horizontal scrollbar, like the static rendering, so that long lines
  // (which make the scrollbar appear) do not change the height.
  const fit = () => {
    const max = parseFloat(getComputedStyle(host.container).maxHeight) || Infinity;
    const lines = editor.getModel()?.getLineCount() ?? 1;
    const height = lines * metrics.lineHeight + metrics.paddingTop + metrics.paddingBottom + SCROLLBAR_PX;
    host.container.style.height = `${Math.min(height, max)}px`;
  };
  editor.onDidContentSizeChange(fit);
  fit();

  const model = editor.getModel()!;
  const input = () => host.container.querySelector<HTMLElement>('.native-edit-context, textarea:not([readonly])');
  return {
    getValue: () => editor.getValue(),
    setValue(code) {
      programmatic = true;
      editor.pushUndoStop();
      editor.executeEdits('leaklab', [{ range: model.getFullModelRange(), text: code }]);
      editor.pushUndoStop();
      programmatic = false;
    },
    focus: () => editor.focus(),
    startEditing,
    type(text) {
      // As typed: auto-indent and auto-closing apply, and it is one undo step.
      editor.trigger('keyboard', 'type', { text });
    },
    markLines(lines) {
      const marks = editor.createDecorationsCollection(
        lines.map((line) => ({ range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'lp-changed-line' } })),
      );
      setTimeout(() => marks.clear(), 8000);
    },
    input,
    showLine(line) {
      editor.setPosition({ lineNumber: line, column: 1 });
      editor.revealLineInCenter(line);
    },
    revealLine(line, column = 1) {
      editor.setPosition({ lineNumber: line, column });
      editor.revealLineInCenterIfOutsideViewport(line);
      editor.focus();
    },
    setProblems(problems: EditorProblem[]) {
      monaco.editor.setModelMarkers(
        model,
        'go',
        problems.map((p) => ({
          startLineNumber: p.line,
          startColumn: p.column,
          endLineNumber: p.line,
          endColumn: Math.max(p.column + 1, model.getLineMaxColumn(Math.min(p.line, model.getLineCount()))),
          message: p.message,
          severity: p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        })),
      );
    },
    onChange(listener) {
      editor.onDidChangeModelContent(() => listener(editor.getValue()));
    },
    dispose: () => editor.dispose(),
  };
};

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/** Focuses the nearest visible focusable element after (1) or before (-1) `box`, outside it. */
export function focusBeside(box: HTMLElement, direction: 1 | -1): void {
  const all = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (n) => !box.contains(n) && n.tabIndex >= 0 && n.getClientRects().length > 0,
  );
  const after = (n: HTMLElement) => (box.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const target = direction === 1 ? all.find(after) : all.filter((n) => !after(n)).at(-1);
  target?.focus();
}
