/**
 * CodeMirror 6 behind the CodeEditor interface, for touch screens: Monaco is unusable there, and
 * a bare textarea has no line numbers while verdicts and errors cite `prog.go:14`. Imported only
 * when the pointer is coarse, so desktop lesson pages never load it.
 */
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { HighlightStyle, StreamLanguage, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { go } from '@codemirror/legacy-modes/mode/go';
import { tags } from '@lezer/highlight';
import type { CodeEditor, EditorFactory } from './editor-types.ts';
// ?inline: Astro would hoist a plain CSS import of this lazy chunk onto every page.
import css from './codemirror.css?inline';

// Classes, not colours: playground.css gives them the static rendering's colours in each theme.
const highlight = HighlightStyle.define([
  { tag: tags.keyword, class: 'lp-tk' },
  { tag: [tags.string, tags.special(tags.string)], class: 'lp-ts' },
  { tag: tags.comment, class: 'lp-tc' },
  { tag: [tags.number, tags.atom, tags.bool], class: 'lp-tn' },
  { tag: [tags.typeName, tags.standard(tags.name)], class: 'lp-tt' },
  { tag: tags.operator, class: 'lp-to' },
]);

let cssInjected = false;

export const createCodeMirrorEditor: EditorFactory = async (host) => {
  if (!cssInjected) {
    const style = document.createElement('style');
    style.dataset.leaklab = 'codemirror';
    style.textContent = css;
    document.head.append(style);
    cssInjected = true;
  }
  const { metrics } = host;
  const listeners: ((code: string) => void)[] = [];
  const run = () => {
    host.onRun();
    return true;
  };
  const view = new EditorView({
    parent: host.container,
    state: EditorState.create({
      doc: host.code,
      extensions: [
        lineNumbers(),
        highlightActiveLine(),
        highlightActiveLineGutter(),
        history(),
        StreamLanguage.define(go),
        syntaxHighlighting(highlight),
        indentUnit.of('\t'),
        EditorState.tabSize.of(4),
        keymap.of([{ key: 'Shift-Enter', run }, { key: 'Mod-Enter', run }, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({
          'aria-label': host.label,
          autocapitalize: 'off',
          autocorrect: 'off',
          spellcheck: 'false',
        }),
        EditorView.theme({
          '&': { height: '100%', fontSize: `${metrics.fontSize}px` },
          '.cm-scroller': { fontFamily: metrics.fontFamily, lineHeight: `${metrics.lineHeight}px`, overflow: 'auto' },
          '.cm-content': { paddingTop: `${metrics.paddingTop}px`, paddingBottom: `${metrics.paddingBottom}px` },
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) {
            const text = u.state.doc.toString();
            for (const l of listeners) l(text);
          }
        }),
      ],
    }),
  });

  const editor: CodeEditor = {
    getValue: () => view.state.doc.toString(),
    setValue(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    focus: () => view.focus(),
    type(text) {
      view.dispatch(view.state.replaceSelection(text), { userEvent: 'input.type', scrollIntoView: true });
    },
    input: () => view.contentDOM,
    showLine(line) {
      const at = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
      view.dispatch({ selection: { anchor: at.from }, effects: EditorView.scrollIntoView(at.from, { y: 'center' }) });
    },
    revealLine(line, column = 1) {
      const doc = view.state.doc;
      const at = doc.line(Math.max(1, Math.min(line, doc.lines)));
      const pos = Math.min(at.from + column - 1, at.to);
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      view.focus();
      // The editor scrolled inside; now bring that line into the page's view too.
      requestAnimationFrame(() => {
        const r = view.coordsAtPos(pos);
        if (r && (r.top < 72 || r.bottom > innerHeight - 16)) scrollBy({ top: r.top - innerHeight / 3, behavior: 'smooth' });
      });
    },
    setProblems() {},
    onChange(listener) {
      listeners.push(listener);
    },
    dispose: () => view.destroy(),
  };
  return editor;
};
