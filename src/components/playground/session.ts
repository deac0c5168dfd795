/**
 * The live playground: editor, runs, output, verdict, exercise checks. Imported by element.ts
 * when the snippet is first seen or touched; Monaco, xterm and the dump viewer are imported from
 * here only when they are needed.
 */
import { copyText } from '../shared/clipboard.ts';
import { format, lessonPath } from '../../i18n/index.ts';
import { createProgressStore } from '../../lib/progress/store.ts';
import { browserStorage } from '../shared/storage.ts';
import { evaluateCheck } from '../../lib/content/check.ts';
import { programGroups } from '../../lib/dump/program.ts';
import type { CodeEditor, EditorFactory, EditorMetrics } from './editor-types.ts';
import type { LeakPlayground, SessionHandle } from './element.ts';
import { renderVerdict } from './verdict.ts';
import { editorLine, formatCode, replayEvents, runCode, type RunResult } from './runner-adapter.ts';
import { inlineMarkdown } from '../../lib/content/inline-markdown.ts';
import { createBackendControl } from './session-backend.ts';
import { createSessionOutput } from './session-output.ts';
import { createDumpOffer } from './dump-offer.ts';
import { followResult } from './follow-result.ts';
import { checkMessage } from './check-messages.ts';
import { bringIntoView } from './in-view.ts';
import { changedLines } from './changed-lines.ts';
import { createSessionStore, type JobKind } from './session-state.ts';

const SAVE_DELAY_MS = 400;

export function startSession(el: LeakPlayground): SessionHandle {
  const cfg = el.config;
  const t = cfg.strings;
  const store = createProgressStore({ storage: browserStorage() });
  const $ = <T extends HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
  const buttons = (action: string) => el.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);

  let code = store.getSnippet(cfg.id) ?? cfg.original;
  let editor: CodeEditor | null = null;
  // Which job is in flight, runs finished, hints shown: a UI-free store; this closure paints it.
  const session = createSessionStore<RunResult>();
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  // Window listeners go when the element does (element.ts calls dispose from disconnectedCallback).
  const lifetime = new AbortController();
  const { signal } = lifetime;

  const emit = (type: string, detail: Record<string, unknown> = {}) =>
    el.dispatchEvent(new CustomEvent(`leaklab:${type}`, { bubbles: true, composed: true, detail: { id: cfg.id, ...detail } }));

  // Hints arrive as text from exercise.json; their `code` and *emphasis* are Markdown.
  for (const item of el.querySelectorAll<HTMLElement>('[data-hint]')) {
    for (const node of [...item.childNodes]) {
      if (node.nodeType !== Node.TEXT_NODE || !/[`*_]/.test(node.textContent ?? '')) continue;
      const span = document.createElement('span');
      span.innerHTML = inlineMarkdown(node.textContent ?? '');
      node.replaceWith(...span.childNodes);
    }
  }

  // ---- code and persistence ----
  const currentCode = () => editor?.getValue() ?? code;
  const editedBox = el.querySelector<HTMLElement>('[data-edited]');
  const showEdited = () => {
    if (editedBox) editedBox.hidden = currentCode() === cfg.original;
  };
  const save = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    showEdited();
    // Saving the untouched lesson code would pin it: later fixes to the lesson would not show.
    if (code === cfg.original) store.clearSnippet(cfg.id);
    else store.setSnippet(cfg.id, code);
    if (store.problem()?.kind === 'unavailable') el.dataset.storage = 'unavailable';
  };
  addEventListener('pagehide', () => saveTimer !== undefined && save(), { signal });

  const setCode = (next: string) => {
    if (editor) editor.setValue(next);
    else code = next;
    code = next;
    save();
  };

  // ---- editor ----
  const editorHost = $('[data-editor]');
  const editorReady = (async () => {
    const staticEl = el.querySelector<HTMLElement>('[data-static]');
    const pre = staticEl?.querySelector('pre') ?? editorHost;
    const cs = getComputedStyle(pre);
    const metrics: EditorMetrics = {
      fontFamily: cs.fontFamily,
      fontSize: parseFloat(cs.fontSize),
      lineHeight: parseFloat(cs.lineHeight),
      paddingTop: parseFloat(cs.paddingTop),
      paddingBottom: parseFloat(cs.paddingBottom),
    };
    const mount = document.createElement('div');
    mount.className = 'lp-live';
    editorHost.append(mount);
    const name = el.querySelector('.lp-name')?.textContent ?? cfg.id;
    // Shown while the editor has the focus but Tab still moves on (the learner has not typed yet).
    const tabHint = document.createElement('span');
    tabHint.className = 'lp-tabhint';
    tabHint.setAttribute('aria-hidden', 'true');
    tabHint.textContent = t.tabHint;
    tabHint.hidden = true;
    editorHost.append(tabHint);
    const host = {
      container: mount,
      code,
      label: format(t.editorLabel, { name }),
      onRun: () => void run(false),
      onTabModeChange: (moves: boolean) => (tabHint.hidden = !moves),
      metrics,
    };
    const touch = matchMedia('(pointer: coarse)').matches;
    let kind = touch ? 'codemirror' : 'monaco';
    try {
      const factory: EditorFactory = touch
        ? (await import('./codemirror-editor.ts')).createCodeMirrorEditor
        : (await import('./monaco-editor.ts')).createMonacoEditor;
      editor = await factory(host);
    } catch (err) {
      console.error('leaklab: editor failed to load', err);
      mount.replaceChildren();
      editor = await (await import('./textarea-editor.ts')).createTextareaEditor(host);
      kind = 'textarea';
      $('[data-busy]').textContent = t.editorFailed;
    }
    // The reader may have typed a run or a format while the editor loaded.
    if (editor.getValue() !== code) editor.setValue(code);
    const pointed = el.dataset.focusOnLoad === 'true';
    const hadFocus = (staticEl?.contains(document.activeElement) ?? false) || pointed;
    delete el.dataset.focusOnLoad;
    staticEl?.remove();
    editorHost.dataset.live = kind;
    el.dataset.state = 'editor';
    editor.onChange((next) => {
      code = next;
      showEdited();
      clearTimeout(saveTimer);
      saveTimer = setTimeout(save, SAVE_DELAY_MS);
    });
    if (hadFocus) {
      // Clicked or typed into the static code: an edit is under way. Keys pressed meanwhile go
      // where they clicked, in the order pressed, before anything typed from now on.
      const { at, text } = el.pending;
      el.pending = { at: null, text: '' };
      if (at) editor.revealLine(at.line, at.column);
      else editor.focus();
      if (pointed) editor.startEditing?.();
      if (text) editor.type(text);
    }
    emit('ready');
    return editor;
  })();

  const revealLine = (line: number, column = 1) =>
    void editorReady.then((ed) => {
      ed.revealLine(line, column);
      bringIntoView(editorHost, 12, 'auto');
    });
  /** A file:line from output, verdict or viewer; ignored unless it is one of the learner's files. */
  const revealFileLine = (file: string, line: number, column = 1) => {
    const at = editorLine(currentCode(), file, line);
    if (at !== null) revealLine(at, column);
  };

  // A first Run must not wait for the terminal module: it is fetched with the session.
  void import('./terminal.ts').catch(() => {});

  // ---- backend, output, inspector ----
  const backend = createBackendControl(el, t, signal);
  const out = createSessionOutput(el, t, revealFileLine, revealLine);
  const busyLabel: Record<JobKind, string> = { run: t.running, check: t.checking, format: t.formatting };
  session.subscribe((state, change) => {
    if (change.type === 'start') out.setBusy(busyLabel[change.job.kind], true);
    else if (change.type === 'finish') {
      out.setBusy(null, state.job !== null);
      // A completed-runs counter lets tests and embedding pages wait for "this" run to finish.
      if (change.job.kind !== 'format') el.dataset.runs = String(state.runs);
    }
  });
  const showProblems = (text: string, severity: 'error' | 'warning') => out.showProblems(text, currentCode(), severity);
  const dumps = createDumpOffer(el, cfg.locale, t, (file, line) => revealFileLine(file, line));

  // ---- run ----
  async function run(check: boolean): Promise<RunResult | null> {
    const job = session.start(check ? 'check' : 'run');
    code = currentCode();
    save();
    emit('run', { check });
    dumps.close();
    $('[data-inspector]').hidden = true;
    $('[data-verdict]').replaceChildren();
    out.clearProblems();
    editor?.setProblems([]);
    const checkBox = el.querySelector<HTMLElement>('[data-check-result]');
    checkBox?.replaceChildren();

    let result: RunResult | null = null;
    try {
      await backend.ready();
      const request = runCode(code, {
        backend: backend.target(),
        goBackend: backend.goBackend(),
        leakCheck: cfg.leakCheck,
        signal: job.signal,
      });
      // Handled below; this only keeps a failure during the terminal's load from being reported as unhandled.
      request.catch(() => {});
      // The terminal (xterm, on a first run) is built only once the request is on its way: building
      // it takes long main-thread tasks that would otherwise delay the request itself.
      const pane = await out.pane();
      pane.clear();
      result = await request;
      const problems = [];
      if (result.errors) {
        pane.write(result.errors.replace(/\n?$/, '\n'), 'error');
        problems.push(...showProblems(result.errors, 'error'));
      }
      if (result.vetErrors) {
        pane.write(`${t.vetFailed}\n`, 'note');
        pane.write(result.vetErrors.replace(/\n?$/, '\n'), 'error');
        problems.push(...showProblems(result.vetErrors, 'warning'));
      }
      editor?.setProblems(problems);
      if (result.errors) {
        pane.write(`\n${t.buildFailed}\n`, 'note');
      } else {
        await replayEvents(result.events, (text, kind) => pane.write(text, kind), job.signal);
        const end = result.timedOut ? t.timedOut : result.status === 0 ? t.exited : format(t.exitedStatus, { status: result.status });
        pane.write(`\n${end}\n`, 'note');
        showVerdict(result);
      }
      if (check && cfg.exercise) showCheck(result);
      await pane.settled();
      stopFollowing?.();
      stopFollowing = followResult(el);
      emit('result', { status: result.status, leaked: result.leak?.checked ? result.leak.leaked : null });
    } catch (err) {
      const pane = await out.pane();
      if (job.signal.aborted) pane.write(`\n${t.stopped}\n`, 'note');
      else pane.write(`${format(t.requestFailed, { message: err instanceof Error ? err.message : String(err) })}\n`, 'error');
      result = null;
    } finally {
      session.finish(job, result);
    }
    return result;
  }

  function showVerdict(result: RunResult) {
    const box = $('[data-verdict]');
    if (result.crashDump) {
      const p = document.createElement('p');
      p.className = 'lp-verdict-crash';
      const count = (result.crashDump.match(/^goroutine \d+/gm) ?? []).length;
      p.textContent = count === 1 ? t.crashDumpOne : format(t.crashDump, { count });
      box.replaceChildren(p);
      dumps.offer(box, result.crashDump, t.inspectDump);
      return;
    }
    if (!cfg.leakCheck || !result.leak) return;
    if (!result.leak.checked) {
      const p = document.createElement('p');
      const reason = result.leak.reason;
      p.textContent = reason === 'timeout' || reason === 'exited' ? t.verdictSkipped : t.verdictUnavailable;
      box.replaceChildren(p);
      return;
    }
    const dump = result.leak.dump;
    // Switching to the newer Go runs the program again, so the proofs appear where they were missing.
    const newerGo = backend.newerGo();
    renderVerdict(box, result.leak, t, cfg.locale, {
      onFrame: revealFileLine,
      fileName: cfg.fileName,
      whatsThis: `${lessonPath('09-finding-leaks', cfg.locale)}#${t.verdictWhatsThisAnchor}`,
      newerGo: newerGo ? { release: newerGo.release, use: () => (newerGo.use(), void run(false)) } : undefined,
    });
    // While the stacks show, the code shows the line the verdict cites first (the learner's own).
    const { files } = result.leak;
    const cited = programGroups(result.leak.goroutines, files).find((g) => g.at.line > 0 && files.includes(g.at.file))?.at;
    const showCited = () => {
      const at = cited && editorLine(currentCode(), cited.file, cited.line);
      if (at) editor?.showLine?.(at);
    };
    if (result.leak.leaked > 0 && dump) dumps.offer(box.firstElementChild as HTMLElement, dump, t.inspect, showCited);
  }

  let stopFollowing: (() => void) | null = null;

  function showCheck(result: RunResult) {
    const box = el.querySelector<HTMLElement>('[data-check-result]');
    if (!box || !cfg.exercise) return;
    const outcome = evaluateCheck(result, cfg.exercise.check);
    const p = document.createElement('p');
    p.className = outcome.passed ? 'lp-check-pass' : 'lp-check-fail';
    p.textContent = checkMessage(outcome.reason, t, {
      status: result.status,
      expected: cfg.exercise.check.status,
      leaked: result.leak?.leaked ?? 0,
    });
    box.replaceChildren(p);
    if (outcome.passed) {
      store.markPassed(cfg.id);
      $('[data-passed]').hidden = false;
      emit('passed');
    } else emit('failed', { reason: outcome.reason });
  }

  // ---- other actions ----
  async function formatNow() {
    const job = session.start('format');
    try {
      await backend.ready();
      const res = await formatCode(currentCode(), { backend: backend.target(), signal: job.signal });
      if (res.Error) {
        const pane = await out.pane();
        pane.clear();
        pane.write(`${format(t.formatFailed, { message: res.Error })}\n`, 'error');
        out.clearProblems();
        editor?.setProblems(showProblems(res.Error, 'error'));
      } else if (res.Body !== currentCode()) setCode(res.Body);
    } catch (err) {
      if (!job.signal.aborted) {
        const pane = await out.pane();
        pane.write(`${format(t.formatFailed, { message: err instanceof Error ? err.message : String(err) })}\n`, 'error');
      }
    } finally {
      session.finish(job);
    }
  }

  async function copy() {
    const button = buttons('copy')!;
    const ok = await copyText(currentCode());
    if (ok) {
      button.textContent = t.copied;
      setTimeout(() => (button.textContent = t.copy), 1500);
    } else editor?.focus();
  }

  function nextHint() {
    const hints = cfg.exercise?.hints ?? [];
    const item = el.querySelector<HTMLElement>(`[data-hint="${session.state.hintsShown}"]`);
    if (!item) return;
    item.hidden = false;
    session.showHint();
    const { hintsShown } = session.state;
    const button = buttons('hint')!;
    if (hintsShown >= hints.length) {
      button.textContent = t.noMoreHints;
      button.disabled = true;
    } else button.textContent = format(t.showHint, { n: hintsShown + 1, total: hints.length });
  }

  /**
   * The solution replaces the code far above the button: show the editor, mark the lines that
   * changed, say what happened, and put the focus on Check, the next step.
   */
  function showSolution(solution: string) {
    const changed = changedLines(currentCode(), solution);
    setCode(solution);
    editor?.setProblems([]);
    editor?.markLines?.(changed);
    if (changed[0]) editor?.revealLine(changed[0]);
    const check = buttons('check');
    check?.focus({ preventScroll: true });
    bringIntoView(el.querySelector('.lp-bar') ?? el, 12, 'auto', 'start');
    $('[data-busy]').textContent = t.solutionLoaded;
  }

  out.setBusy(null, false);
  return {
    dispose() {
      lifetime.abort();
      stopFollowing?.();
      session.stop();
      dumps.close();
      if (saveTimer !== undefined) save();
      editor?.dispose();
    },
    async focusEditor() {
      const ed = await editorReady;
      ed.focus();
      ed.startEditing?.();
      // The snippet from its name and toolbar, clear of the "On this page" bar.
      bringIntoView(el.querySelector('.lp-bar') ?? el, 12, 'auto', 'start');
    },
    act(action) {
      switch (action) {
        case 'run':
          void run(false);
          break;
        case 'check':
          void run(true);
          break;
        case 'stop':
          session.stop();
          break;
        case 'format':
          void formatNow();
          break;
        case 'reset':
          if (currentCode() === cfg.original || confirm(t.resetConfirm)) {
            setCode(cfg.original);
            editor?.setProblems([]);
          }
          break;
        case 'copy':
          void copy();
          break;
        case 'hint':
          nextHint();
          break;
        case 'solution':
          if (cfg.exercise && confirm(t.solutionConfirm)) {
            const { solution } = cfg.exercise;
            void editorReady.then(() => showSolution(solution));
          }
          break;
      }
    },
  };
}
